//! `beltscope import`: a spreadsheet or CSV (any layout the sheet layer reads) as a TOML survey.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::diag::Problem;
use crate::error::Failure;
use crate::files::{self, check_output, load_survey, relative_to};
use crate::model::{FileKind, Framework};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A .csv (UTF-8, GBK or UTF-16) or an .xlsx/.xls/.ods workbook.
    pub input: PathBuf,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The framework whose indicators the headers name (default: the embedded one).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
    /// The survey to write (.toml). Never replaces the input nor an existing .toml or .csv file.
    #[arg(short = 'o', long = "output", value_name = "SURVEY")]
    pub output: PathBuf,
}

/// Runs `beltscope import`.
pub fn import(args: &ImportArgs) -> Result<(), Failure> {
    if FileKind::of(&args.output) != FileKind::Toml {
        return Err(Failure::Invalid(vec![
            Problem::in_file(
                &args.output.display().to_string(),
                "`import` writes a TOML survey, and this name does not end in .toml",
            )
            .help("e.g. -o survey.toml; `beltscope export` writes .csv and .xlsx"),
        ]));
    }
    check_output(&args.output, &args.input)?;
    let input = load_survey(
        &args.input,
        args.framework.as_deref(),
        args.sheet.as_deref(),
    )?;
    let mut survey = input.doc.survey.clone();
    // A framework given as a path is stored relative to the survey's folder, so the survey
    // opens from anywhere.
    survey.framework = match &args.framework {
        Some(f) if Framework::embedded(f).is_none() => {
            relative_to(Path::new(f), args.output.parent())
        }
        Some(f) => f.clone(),
        None => input.framework.id.clone(),
    };
    files::write_atomic(&args.output, survey.to_toml().as_bytes())
        .map_err(|e| Failure::Other(format!("cannot write {}: {e}", args.output.display())))?;
    for w in &input.doc.warnings {
        eprintln!("warning: {w}");
    }
    let missing = survey.missing(&input.framework).len();
    let n = survey.observations.len();
    eprintln!(
        "wrote {}: {n} observation{}{} × {} indicators of `{}`, {missing} missing value{}",
        args.output.display(),
        if n == 1 { "" } else { "s" },
        if survey.is_panel() {
            format!(
                " ({} regions × {} periods)",
                survey.regions().len(),
                survey.periods().len()
            )
        } else {
            String::new()
        },
        input.framework.indicators.len(),
        input.framework.id,
        if missing == 1 { "" } else { "s" }
    );
    Ok(())
}
