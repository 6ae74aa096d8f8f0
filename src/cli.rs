//! The command line (SPEC.md section 3): parse, dispatch, map errors to exit codes.
//!
//! Exit codes: 0 success; 2 usage error or invalid input (every problem printed, with its place);
//! 1 anything else (an output file that cannot be written ...).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diag::{self, Problem};
use crate::engine::{
    self, CouplingModel, Impute, MethodSpec, Normalization, ObstacleBasis, Weighting,
};
use crate::files::{self, load_framework, load_input};
use crate::model::{DEFAULT_FRAMEWORK_ID, Framework, Survey};
use crate::output;

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
    /// Write the full assessment report (text or Markdown, English or Chinese, SVG charts).
    Report(crate::report::ReportArgs),
    /// Check frameworks and surveys; print every problem with its place.
    Validate(ValidateArgs),
    /// Write a blank survey for a framework.
    New(NewArgs),
    /// Print a framework's tree of circles, dimensions and indicators.
    Framework(FrameworkArgs),
}

/// Output language of names and headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

/// The method flags shared by `score` and `report`; they override a survey's `[method]`.
#[derive(Debug, Clone, Args, Default)]
pub struct MethodFlags {
    /// range (min–max over observations) or reference (the indicators' bounds).
    #[arg(long, value_parser = parse_enum::<Normalization>)]
    pub normalization: Option<Normalization>,
    /// entropy, fixed (the framework's weights) or combined.
    #[arg(long, value_parser = parse_enum::<Weighting>)]
    pub weighting: Option<Weighting>,
    /// Added to z before the entropy proportions (≥ 0).
    #[arg(long, value_parser = parse_shift)]
    pub shift: Option<f64>,
    /// Map z into [LO,HI], e.g. 0.002,0.998 (the mathmodels R package).
    #[arg(long, value_name = "LO,HI", value_parser = parse_interval)]
    pub interval: Option<(f64, f64)>,
    /// classic or corrected (Wang Shujia et al., 2021).
    #[arg(long, value_parser = parse_enum::<CouplingModel>)]
    pub coupling: Option<CouplingModel>,
    /// global (F_j = w_j) or composite (the shares decompose 1 − T).
    #[arg(long, value_parser = parse_enum::<ObstacleBasis>)]
    pub obstacles: Option<ObstacleBasis>,
    /// none (a missing value is an error), interpolate or mean.
    #[arg(long, value_parser = parse_enum::<Impute>)]
    pub impute: Option<Impute>,
    /// How many weak dimensions to report.
    #[arg(long, value_name = "K")]
    pub top: Option<usize>,
    /// The observation a report is about (default: the last).
    #[arg(long, value_name = "LABEL")]
    pub focus: Option<String>,
}

impl MethodFlags {
    pub fn spec(&self) -> MethodSpec {
        MethodSpec {
            normalization: self.normalization,
            weighting: self.weighting,
            shift: self.shift,
            interval: self.interval,
            coupling: self.coupling,
            top: self.top,
            obstacles: self.obstacles,
            impute: self.impute,
            focus: self.focus.clone(),
        }
    }
}

trait Named: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
}

macro_rules! named {
    ($($t:ty),*) => {$(
        impl Named for $t {
            const ALL: &'static [Self] = <$t>::ALL;
            fn name(self) -> &'static str { self.as_str() }
        }
    )*};
}
named!(
    Normalization,
    Weighting,
    CouplingModel,
    ObstacleBasis,
    Impute
);

fn parse_enum<T: Named + Send + Sync + Clone>(s: &str) -> Result<T, String> {
    T::ALL
        .iter()
        .copied()
        .find(|v| v.name() == s)
        .ok_or_else(|| {
            format!(
                "`{s}` is not one of: {}",
                T::ALL
                    .iter()
                    .map(|v| v.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

fn parse_shift(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x >= 0.0 && x.is_finite() => Ok(x),
        _ => Err(format!("`{s}` is not a number ≥ 0 (e.g. 0.01)")),
    }
}

fn parse_interval(s: &str) -> Result<(f64, f64), String> {
    let parts: Result<Vec<f64>, _> = s.split(',').map(|p| p.trim().parse::<f64>()).collect();
    let parts = parts.map_err(|_| format!("`{s}` is not LO,HI (e.g. 0.002,0.998)"))?;
    engine::check_interval(&parts)
}

/// Output format of `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ScoreFormat {
    #[default]
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// A survey .toml or a .csv (header `label,<indicator id>,...`).
    pub input: PathBuf,
    /// A framework file or embedded id (overrides the survey's `framework`).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: ScoreFormat,
    #[command(flatten)]
    pub method: MethodFlags,
}

#[derive(Debug, Args)]
pub struct TuiArgs {
    /// A survey .toml or .csv; created (after asking for the observation labels) if absent.
    pub survey: Option<PathBuf>,
    /// Language of names and headings (`L` toggles it in the TUI).
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Framework and survey files (.toml, .csv).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The framework to check surveys and CSV files against (overrides theirs).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// A framework file or embedded id.
    #[arg(long, value_name = "F", default_value = DEFAULT_FRAMEWORK_ID)]
    pub framework: String,
    /// The survey file to write.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Observation labels: `2019,2020,2021`, `2016..2024`, or region names.
    #[arg(long, value_name = "LABELS")]
    pub labels: Option<String>,
    /// The assessment's title.
    #[arg(long)]
    pub title: Option<String>,
    /// The region assessed.
    #[arg(long)]
    pub region: Option<String>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct FrameworkArgs {
    /// A framework file or embedded id (default: the embedded cbec-belt).
    pub framework: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
}

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// Bad input: exit 2 with every problem.
    Invalid(Vec<Problem>),
    /// Anything else: exit 1.
    Other(String),
}

impl From<Vec<Problem>> for Failure {
    fn from(p: Vec<Problem>) -> Self {
        Failure::Invalid(p)
    }
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => crate::tui::run(None, Lang::En).map_err(Failure::Other),
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
        Command::Tui(a) => crate::tui::run(a.survey, a.lang).map_err(Failure::Other),
        Command::Score(a) => score(&a),
        Command::Report(a) => crate::report::run(&a),
        Command::Validate(a) => validate(&a),
        Command::New(a) => new_survey(&a),
        Command::Framework(a) => framework(&a),
    }
}

/// Prints to stdout; a closed pipe is not an error.
pub(crate) fn print(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

fn score(args: &ScoreArgs) -> Result<(), Failure> {
    let input = load_input(&args.input, args.framework.as_deref())?;
    let flags = args.method.spec();
    let a = input.assess(&flags)?;
    let fw = &input.framework;
    let text = match args.format {
        ScoreFormat::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let written = serde_json::to_writer_pretty(&mut out, &output::JsonView::new(fw, &a))
                .map_err(std::io::Error::from)
                .and_then(|_| out.write_all(b"\n"))
                .and_then(|_| out.flush());
            return match written {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Other(
                    format!("cannot write to standard output: {e}"),
                )),
                _ => Ok(()),
            };
        }
        ScoreFormat::Csv => output::to_csv(fw, &a),
        ScoreFormat::Text => {
            let focus = input.focus(&a, &flags);
            output::to_text(fw, &a, &title_line(&input.doc.survey), focus)
        }
    };
    print(&text)
}

fn title_line(s: &Survey) -> String {
    match &s.region {
        Some(r) => format!("{} — {r}", s.title),
        None => s.title.clone(),
    }
}

/// What a `.toml` file is, from its top-level keys.
fn is_framework_toml(text: &str) -> bool {
    match toml::de::DeTable::parse(text) {
        Ok(t) => ["circles", "dimensions", "indicators", "countermeasures"]
            .iter()
            .any(|k| t.get_ref().contains_key(*k)),
        Err(_) => false,
    }
}

fn validate(args: &ValidateArgs) -> Result<(), Failure> {
    let mut problems = Vec::new();
    let mut report = String::new();
    for path in &args.files {
        match validate_one(path, args.framework.as_deref()) {
            Ok(summary) => report.push_str(&format!("ok: {} ({summary})\n", path.display())),
            Err(p) => problems.extend(p),
        }
    }
    print(&report)?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::Invalid(problems))
    }
}

fn validate_one(path: &Path, framework: Option<&str>) -> Result<String, Vec<Problem>> {
    let name = path.display().to_string();
    let text = files::read_text(path)?;
    let is_csv = name.to_ascii_lowercase().ends_with(".csv");
    if !is_csv && is_framework_toml(&text) {
        let fw = Framework::parse(&name, &text)?;
        return Ok(format!(
            "framework `{}` {}: {} circles, {} dimensions, {} indicators, {} countermeasures",
            fw.id,
            fw.version,
            fw.circles.len(),
            fw.dimensions.len(),
            fw.indicators.len(),
            fw.countermeasures.len()
        ));
    }
    // Surveys: syntax and structure, framework references, values and method preconditions,
    // all reported together.
    let (input, mut problems) = files::read_input(path, framework);
    let Some(input) = input else {
        return Err(problems);
    };
    let spec = input.doc.survey.method.clone();
    let method = spec.resolve();
    let m = input.doc.survey.observations.len();
    if let Err(p) = input.data(method.impute) {
        problems.extend(p);
    }
    problems.extend(
        engine::check(&input.framework, m, &method)
            .into_iter()
            .map(|b| input.locate(crate::messages::problem(&input.framework, &b))),
    );
    if let Some(focus) = &spec.focus
        && !input
            .doc
            .survey
            .observations
            .iter()
            .any(|o| &o.label == focus)
    {
        let labels: Vec<&str> = input
            .doc
            .survey
            .observations
            .iter()
            .map(|o| o.label.as_str())
            .collect();
        problems.push(
            Problem::in_file(
                &name,
                format!("focus observation `{focus}` is not in the survey"),
            )
            .help(format!("set `focus` to one of: {}", labels.join(", "))),
        );
    }
    if problems.is_empty()
        && let Err(p) = input.assess(&MethodSpec::default())
    {
        problems.extend(p);
    }
    if problems.is_empty() {
        Ok(format!(
            "survey for `{}`: {} observation{}, {} indicators, complete",
            input.framework.id,
            m,
            if m == 1 { "" } else { "s" },
            input.framework.indicators.len()
        ))
    } else {
        Err(problems)
    }
}

/// Expands `2016..2024` into years, or splits a comma list.
pub fn parse_labels(s: &str) -> Result<Vec<String>, String> {
    if let Some((a, b)) = s.split_once("..") {
        let a: i64 = a
            .trim()
            .parse()
            .map_err(|_| format!("`{s}`: a range is FIRST..LAST, e.g. 2016..2024"))?;
        let b: i64 = b
            .trim()
            .parse()
            .map_err(|_| format!("`{s}`: a range is FIRST..LAST, e.g. 2016..2024"))?;
        if b < a || b - a > 1000 {
            return Err(format!(
                "`{s}`: the range must go up and hold at most 1000 labels"
            ));
        }
        return Ok((a..=b).map(|y| y.to_string()).collect());
    }
    let labels: Vec<String> = s.split(',').map(|l| l.trim().to_string()).collect();
    if labels.iter().any(String::is_empty) {
        return Err(format!("`{s}`: a label is empty"));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(dup) = labels.iter().find(|l| !seen.insert(l.as_str())) {
        return Err(format!("`{s}`: label `{dup}` appears twice"));
    }
    Ok(labels)
}

fn new_survey(args: &NewArgs) -> Result<(), Failure> {
    let (fw, _) = load_framework(&args.framework, None)?;
    let labels = match &args.labels {
        Some(l) => parse_labels(l).map_err(|e| {
            Failure::Invalid(vec![
                Problem::new(e).help("e.g. --labels 2019,2020,2021 or --labels 2016..2024"),
            ])
        })?,
        None => Vec::new(),
    };
    if args.output.exists() && !args.force {
        return Err(Failure::Invalid(vec![
            Problem::in_file(
                &args.output.display().to_string(),
                "the file exists already",
            )
            .help("choose another name, or add --force to replace it"),
        ]));
    }
    // A framework given as a path is stored relative to the survey's folder when possible.
    let framework_ref = if Framework::embedded(&args.framework).is_some() {
        args.framework.clone()
    } else {
        relative_to(Path::new(&args.framework), args.output.parent())
    };
    let mut survey = Survey::blank(
        &framework_ref,
        args.title.as_deref().unwrap_or("Untitled assessment"),
        &labels,
    );
    survey.region = args.region.clone();
    files::write_atomic(&args.output, survey.to_toml().as_bytes())
        .map_err(|e| Failure::Other(format!("cannot write {}: {e}", args.output.display())))?;
    eprintln!(
        "wrote {}: {} observations × {} indicators of `{}`; fill it in with `beltscope tui {}`",
        args.output.display(),
        labels.len(),
        fw.indicators.len(),
        fw.id,
        args.output.display()
    );
    Ok(())
}

/// `target` expressed relative to `dir` (both made absolute), or as given when that fails.
pub fn relative_to(target: &Path, dir: Option<&Path>) -> String {
    let abs = |p: &Path| std::path::absolute(p).ok();
    let (Some(t), Some(d)) = (
        abs(target),
        abs(dir
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))),
    ) else {
        return target.display().to_string();
    };
    let tc: Vec<_> = t.components().collect();
    let dc: Vec<_> = d.components().collect();
    let common = tc.iter().zip(&dc).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in common..dc.len() {
        rel.push("..");
    }
    for c in &tc[common..] {
        rel.push(c);
    }
    rel.display().to_string()
}

fn framework(args: &FrameworkArgs) -> Result<(), Failure> {
    let (fw, _) = load_framework(
        args.framework.as_deref().unwrap_or(DEFAULT_FRAMEWORK_ID),
        None,
    )?;
    print(&framework_tree(&fw, args.lang))
}

/// A localized name: the Chinese one when asked for and present.
pub fn pick<'a>(lang: Lang, en: &'a str, zh: Option<&'a str>) -> &'a str {
    match (lang, zh) {
        (Lang::Zh, Some(z)) if !z.is_empty() => z,
        _ => en,
    }
}

/// The framework as an indented tree with counts per circle and dimension.
pub fn framework_tree(fw: &Framework, lang: Lang) -> String {
    let mut out = format!(
        "{} ({} {})\n",
        pick(lang, &fw.name, fw.name_zh.as_deref()),
        fw.id,
        fw.version
    );
    let beta = fw.circle_weights();
    let (ind_word, dim_word) = match lang {
        Lang::En => ("indicators", "dimensions"),
        Lang::Zh => ("个指标", "个维度"),
    };
    for (c, circle) in fw.circles.iter().enumerate() {
        let dims: Vec<usize> = fw.dimensions_of_circle(c).collect();
        let n_ind: usize = dims
            .iter()
            .map(|&d| fw.indicators_of_dimension(d).count())
            .sum();
        let counts = match lang {
            Lang::En => format!("{} {dim_word}, {n_ind} {ind_word}", dims.len()),
            Lang::Zh => format!("{}{dim_word}，{n_ind}{ind_word}", dims.len()),
        };
        out.push_str(&format!(
            "{} [{}] β = {:.3} · {counts}\n",
            pick(lang, &circle.name, circle.name_zh.as_deref()),
            circle.id,
            beta[c]
        ));
        for (k, &d) in dims.iter().enumerate() {
            let last_dim = k + 1 == dims.len();
            let dim = &fw.dimensions[d];
            let inds: Vec<usize> = fw.indicators_of_dimension(d).collect();
            let count = match lang {
                Lang::En => format!("{} {ind_word}", inds.len()),
                Lang::Zh => format!("{}{ind_word}", inds.len()),
            };
            out.push_str(&format!(
                "{} {} [{}] · {count}\n",
                if last_dim { "└─" } else { "├─" },
                pick(lang, &dim.name, dim.name_zh.as_deref()),
                dim.id
            ));
            for (l, &j) in inds.iter().enumerate() {
                let ind = &fw.indicators[j];
                let sign = match ind.direction {
                    crate::model::Direction::Positive => "+",
                    crate::model::Direction::Negative => "−",
                };
                out.push_str(&format!(
                    "{}  {} {} {} [{}] ({})\n",
                    if last_dim { "  " } else { "│ " },
                    if l + 1 == inds.len() {
                        "└─"
                    } else {
                        "├─"
                    },
                    sign,
                    pick(lang, &ind.name, ind.name_zh.as_deref()),
                    ind.id,
                    ind.unit
                ));
            }
        }
    }
    let total = match lang {
        Lang::En => format!(
            "{} circles, {} dimensions, {} indicators, {} countermeasures (+ more is better, − less is better)\n",
            fw.circles.len(),
            fw.dimensions.len(),
            fw.indicators.len(),
            fw.countermeasures.len()
        ),
        Lang::Zh => format!(
            "{} 个圈层，{} 个维度，{} 个指标，{} 条对策（+ 正向指标，− 负向指标）\n",
            fw.circles.len(),
            fw.dimensions.len(),
            fw.indicators.len(),
            fw.countermeasures.len()
        ),
    };
    out.push_str(&total);
    out
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
    fn labels_ranges_and_lists() {
        assert_eq!(
            parse_labels("2016..2018").unwrap(),
            ["2016", "2017", "2018"]
        );
        assert_eq!(parse_labels("a, b").unwrap(), ["a", "b"]);
        assert!(parse_labels("2018..2016").is_err());
        assert!(parse_labels("a,,b").is_err());
        assert!(parse_labels("a,a").is_err());
    }

    #[test]
    fn interval_flag() {
        assert_eq!(parse_interval("0.002,0.998"), Ok((0.002, 0.998)));
        assert!(parse_interval("0.9,0.1").is_err());
        assert!(parse_interval("x").is_err());
    }
}
