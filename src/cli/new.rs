//! `beltscope new`: write a blank survey for a framework.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::export::survey_kind;
use crate::diag::Problem;
use crate::error::Failure;
use crate::files::{self, load_framework, relative_to};
use crate::lang::Lang;
use crate::model::sheet::{Table, write_csv_named, write_xlsx};
use crate::model::{DEFAULT_FRAMEWORK_ID, FileKind, Framework, Survey, parse_labels};

#[derive(Debug, Args)]
pub struct NewArgs {
    /// A framework file or embedded id.
    #[arg(long, value_name = "F", default_value = DEFAULT_FRAMEWORK_ID)]
    pub framework: String,
    /// The survey file to write, in the format its extension names: .toml, .csv (UTF-8 with a
    /// BOM) or .xlsx (a template with a sheet describing each indicator).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Language of a spreadsheet's header names and indicator sheet.
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
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

/// Runs `beltscope new`.
pub fn new_survey(args: &NewArgs) -> Result<(), Failure> {
    let kind = survey_kind(&args.output, "new")?;
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
    let zh = args.lang == Lang::Zh;
    let bytes = match kind {
        FileKind::Toml => survey.to_toml().into_bytes(),
        FileKind::Csv => write_csv_named(&Table::blank(&fw, labels.clone()), &fw, zh),
        _ => write_xlsx(&Table::blank(&fw, labels.clone()), &fw, zh, true)?,
    };
    if kind != FileKind::Toml && fw.id != DEFAULT_FRAMEWORK_ID {
        eprintln!(
            "note: a spreadsheet does not name its framework: read it with --framework {}",
            args.framework
        );
    }
    files::write_atomic(&args.output, &bytes)
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
