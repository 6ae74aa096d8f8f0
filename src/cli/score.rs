//! `beltscope score`: assess a survey and print text, JSON or CSV.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::cli::{MethodFlags, print, print_pieces, print_with};
use crate::error::Failure;
use crate::model::Survey;
use crate::output;
use crate::scoring::load_to_score;

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
    /// A survey: .toml, .csv (UTF-8, GBK or UTF-16), or an .xlsx/.xls/.ods workbook.
    pub input: PathBuf,
    /// A framework file or embedded id (overrides the survey's `framework`).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: ScoreFormat,
    #[command(flatten)]
    pub method: MethodFlags,
}

/// Runs `beltscope score`.
pub fn score(args: &ScoreArgs) -> Result<(), Failure> {
    let flags = args.method.spec();
    let input = load_to_score(
        &args.input,
        args.framework.as_deref(),
        args.sheet.as_deref(),
        &flags,
    )?;
    // Kept to the end of the process: freeing a panel's millions of cells one block at a time
    // costs more than the system's freeing them all at exit.
    let input = std::mem::ManuallyDrop::new(input);
    let a = std::mem::ManuallyDrop::new(input.assess(&flags)?);
    let fw = &input.framework;
    let panel = input.doc.survey.panel_keys();
    let text = match args.format {
        ScoreFormat::Json => {
            return print_with(|out| crate::score_json::write(out, fw, &a, panel.as_deref()));
        }
        ScoreFormat::Csv => return print_pieces(&output::csv_pieces(fw, &a)),
        ScoreFormat::Text => {
            let focus = input.focus(&a, &flags);
            let mut text = output::to_text(fw, &a, &title_line(&input.doc.survey), focus);
            text.push_str(&crate::panel_view::panel_text(
                fw,
                &input.doc.survey,
                &a,
                crate::lang::Lang::En,
            ));
            text
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
