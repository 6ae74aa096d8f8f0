//! `beltscope tui`: the interactive TUI on a survey file.

use std::path::PathBuf;

use clap::Args;

use crate::error::Failure;
use crate::lang::Lang;

#[derive(Debug, Args)]
pub struct TuiArgs {
    /// A survey .toml or .csv; created (after asking for the observation labels) if absent.
    pub survey: Option<PathBuf>,
    /// Language of names and headings (`L` toggles it in the TUI).
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
}

/// Runs `beltscope tui` (also what `beltscope` alone does).
pub fn tui(survey: Option<PathBuf>, lang: Lang) -> Result<(), Failure> {
    crate::tui::run(survey, lang).map_err(Failure::Other)
}
