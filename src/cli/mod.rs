//! The command line: parse, dispatch, map errors to exit codes. One file per command.
//!
//! Exit codes: 0 success; 2 usage error or invalid input (every problem printed, with its place);
//! 1 anything else (an output file that cannot be written ...).

use std::io::Write;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Parser, Subcommand};

use crate::diag;
use crate::model::MethodSpec;
use crate::model::settings::{SETTINGS, Setting};

pub mod aggregate;
pub mod dynamics;
pub mod export;
pub mod framework;
pub mod freeze;
pub mod import;
pub mod new;
pub mod report;
pub mod score;
pub mod sensitivity;
pub mod tui;
pub mod validate;

pub use crate::error::Failure;
pub use crate::lang::Lang;
pub use aggregate::AggregateArgs;
pub use dynamics::{DynamicsArgs, TextOrJson};
pub use export::ExportArgs;
pub use framework::{FrameworkArgs, framework_tree};
pub use freeze::FreezeArgs;
pub use import::ImportArgs;
pub use new::NewArgs;
pub use report::ReportArgs;
pub use score::{ScoreArgs, ScoreFormat};
pub use tui::TuiArgs;
pub use validate::ValidateArgs;

/// Assess the cross-border e-commerce supply chain ecosystem of a regional industrial belt.
///
/// With no command, opens the interactive TUI.
#[derive(Debug, Parser)]
#[command(name = "beltscope", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The interactive TUI on a survey file (created if absent).
    Tui(TuiArgs),
    /// Score a survey (.toml) or a CSV of observations.
    Score(ScoreArgs),
    /// Write the full assessment report (text, Markdown or Word; English or Chinese; charts).
    Report(ReportArgs),
    /// Check frameworks and surveys; print every problem with its place.
    Validate(ValidateArgs),
    /// Write a blank survey for a framework.
    New(NewArgs),
    /// Print a framework's tree of circles, dimensions and indicators.
    Framework(FrameworkArgs),
    /// Synergy degrees, the niche of the belts and GM(1,1) forecasts.
    Dynamics(DynamicsArgs),
    /// Write the framework with this assessment's bounds and weights fixed, for yearly updates.
    Freeze(FreezeArgs),
    /// Questionnaire answers to survey values (the means), with Cronbach's alpha; or, with
    /// --template, the blank questionnaire workbook.
    Aggregate(AggregateArgs),
    /// Read a spreadsheet or CSV (any layout, GBK too) into a TOML survey.
    Import(ImportArgs),
    /// Write a survey as a spreadsheet (.csv or .xlsx): labels, then indicators by name.
    Export(ExportArgs),
    /// How robust the results are to the weights (and the method choices): Monte Carlo runs.
    Sensitivity(sensitivity::SensitivityArgs),
}

/// The method flags shared by `score` and `report`; they override a survey's `[method]`.
/// One flag per row of the settings table, built with clap's builder API.
#[derive(Debug, Clone, Default)]
pub struct MethodFlags {
    spec: MethodSpec,
}

impl MethodFlags {
    /// The options the flags set.
    pub fn spec(&self) -> MethodSpec {
        self.spec.clone()
    }
}

/// `--key VALUE` for a setting; the value is checked while parsing so a bad one is a usage
/// error naming the flag.
fn flag(s: &'static Setting) -> Arg {
    let parse = s.parse_flag;
    Arg::new(s.key)
        .long(s.key)
        .value_name(s.value_name)
        .help(s.help.0)
        .action(ArgAction::Set)
        .value_parser(move |v: &str| -> Result<String, String> {
            parse(v, &mut MethodSpec::default()).map(|()| v.to_string())
        })
}

impl clap::FromArgMatches for MethodFlags {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut flags = MethodFlags::default();
        flags.update_from_arg_matches(matches)?;
        Ok(flags)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        for s in SETTINGS {
            if let Some(v) = matches.get_one::<String>(s.key) {
                (s.parse_flag)(v, &mut self.spec)
                    .map_err(|e| clap::Error::raw(clap::error::ErrorKind::ValueValidation, e))?;
            }
        }
        Ok(())
    }
}

impl clap::Args for MethodFlags {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        SETTINGS.iter().fold(cmd, |cmd, s| cmd.arg(flag(s)))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => tui::tui(None, Lang::En),
        Some(cmd) => run(cmd),
    };
    finish(result)
}

/// Prints a failure and turns it into the exit code.
pub fn finish(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid(problems)) => {
            eprint!("{}", diag::render(&problems));
            ExitCode::from(2)
        }
        Err(Failure::Other(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(1)
        }
    }
}

/// Runs one subcommand.
pub fn run(cmd: Command) -> Result<(), Failure> {
    match cmd {
        Command::Tui(a) => tui::tui(a.survey, a.lang),
        Command::Score(a) => score::score(&a),
        Command::Report(a) => report::run(&a),
        Command::Validate(a) => validate::validate(&a),
        Command::New(a) => new::new_survey(&a),
        Command::Framework(a) => framework::framework(&a),
        Command::Dynamics(a) => dynamics::run(&a),
        Command::Freeze(a) => freeze::run(&a),
        Command::Aggregate(a) => aggregate::run(&a),
        Command::Import(a) => import::import(&a),
        Command::Export(a) => export::export(&a),
        Command::Sensitivity(a) => sensitivity::run(&a),
    }
}

/// Prints to stdout; a closed pipe is not an error.
pub(crate) fn print(s: &str) -> Result<(), Failure> {
    print_pieces(&[s])
}

/// [`print`] of a text made of pieces, without joining them first (a large panel's CSV is
/// written in pieces).
pub(crate) fn print_pieces(pieces: &[impl AsRef<str>]) -> Result<(), Failure> {
    print_with(|out| (pieces.iter()).try_for_each(|s| out.write_all(s.as_ref().as_bytes())))
}

/// Whatever `write` writes, to standard output through a buffer. A closed pipe (`| head`) is
/// not an error worth a message; any other failure to write is.
pub(crate) fn print_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn method_flags_come_from_the_settings_table() {
        let cli = Cli::try_parse_from([
            "beltscope",
            "score",
            "s.toml",
            "--weighting",
            "combined",
            "--interval",
            "0.002,0.998",
            "--focus",
            "2020",
        ]);
        let Ok(Cli {
            command: Some(Command::Score(a)),
        }) = cli
        else {
            panic!("score did not parse: {cli:?}");
        };
        let spec = a.method.spec();
        assert_eq!(spec.weighting, Some(crate::model::Weighting::Combined));
        assert_eq!(spec.interval, Some((0.002, 0.998)));
        assert_eq!(spec.focus.as_deref(), Some("2020"));
        assert!(Cli::try_parse_from(["beltscope", "score", "s", "--shift", "-1"]).is_err());
    }
}
