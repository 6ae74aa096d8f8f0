//! `beltscope export`: a survey as a spreadsheet — labels, then the indicators by name and unit.

use std::path::PathBuf;

use clap::Args;

use crate::diag::Problem;
use crate::error::Failure;
use crate::files::{self, check_output, load_survey};
use crate::lang::Lang;
use crate::model::sheet::{Table, write_csv_named, write_xlsx};
use crate::model::{FileKind, Framework, Survey};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A survey: .toml, .csv or a workbook.
    pub input: PathBuf,
    /// The file to write: .csv (UTF-8 with a BOM, CRLF: Excel opens it right) or .xlsx.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Language of the header names.
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
    /// A framework file or embedded id (overrides the survey's `framework`).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

/// The file formats a survey can be written in, by the output's extension; anything else is a
/// usage error that lists them.
pub(crate) fn survey_kind(output: &std::path::Path, what: &str) -> Result<FileKind, Failure> {
    let is_xlsx = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    match FileKind::of(output) {
        k @ (FileKind::Toml | FileKind::Csv) if what != "export" || k == FileKind::Csv => Ok(k),
        FileKind::Workbook if is_xlsx => Ok(FileKind::Workbook),
        _ => {
            let can = if what == "export" {
                ".csv or .xlsx"
            } else {
                ".toml, .csv or .xlsx"
            };
            Err(Failure::Invalid(vec![
                Problem::in_file(
                    &output.display().to_string(),
                    format!(
                        "beltscope cannot write a survey in this format; `{what}` writes {can}"
                    ),
                )
                .help(format!("give the output a {can} name")),
            ]))
        }
    }
}

/// A survey's table for writing: its indicators in its order, then the rest of the framework's.
pub(crate) fn survey_table(s: &Survey, fw: &Framework) -> Table {
    Table::from_survey(s, fw, s.panel_keys())
}

/// Runs `beltscope export`.
pub fn export(args: &ExportArgs) -> Result<(), Failure> {
    let kind = survey_kind(&args.output, "export")?;
    check_output(&args.output, &args.input)?;
    let input = load_survey(
        &args.input,
        args.framework.as_deref(),
        args.sheet.as_deref(),
    )?;
    let fw = &input.framework;
    let table = survey_table(&input.doc.survey, fw);
    let zh = args.lang == Lang::Zh;
    let bytes = match kind {
        FileKind::Csv => write_csv_named(&table, fw, zh),
        _ => write_xlsx(&table, fw, zh, false)?,
    };
    files::write_atomic(&args.output, &bytes)
        .map_err(|e| Failure::Other(format!("cannot write {}: {e}", args.output.display())))?;
    eprintln!(
        "wrote {}: {} observations × {} indicators",
        args.output.display(),
        table.labels.len(),
        table.indicators.len()
    );
    Ok(())
}
