//! Assessment reports (issue #5): the document an officer files or a consultant hands over, as
//! plain text or Markdown, in English or Chinese, with optional SVG charts.
//!
//! Every figure comes from one [`engine::Assessment`] and is rounded the way `score` rounds it
//! (3 decimals, obstacles as percent with 1 decimal), so a reader can check any number against
//! `score --format json`. The generation date is an input ([`ReportOptions::generated`]) so that
//! reports are reproducible and golden-testable.

mod doc;
mod sections;
pub mod svg;

use std::io;
use std::path::{Path, PathBuf};

pub use doc::WIDTH;

use crate::engine;
use crate::files;
use crate::lang::Lang;

/// The report's output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReportFormat {
    /// Plain text wrapped at 100 columns, for printing, e-mail and terminals.
    #[default]
    Text,
    /// Markdown with real tables, for code hosts and converters (pandoc → Word).
    Markdown,
}

/// Where the Markdown report finds the SVG charts written by [`write_charts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartLinks {
    /// The chart folder as the report should link it: relative to the report file when possible,
    /// with `/` separators (e.g. `charts`); empty means "next to the report".
    pub dir: String,
}

impl ChartLinks {
    /// The link to one chart file.
    pub fn link(&self, file: &str) -> String {
        if self.dir.is_empty() || self.dir == "." {
            file.to_string()
        } else {
            format!("{}/{file}", self.dir.trim_end_matches('/'))
        }
    }
}

/// Everything about a report that is not the assessment itself.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    pub format: ReportFormat,
    pub lang: Lang,
    /// Index of the observation the report is about (see [`files::Input::focus`]).
    pub focus: usize,
    /// The generation date as printed (YYYY-MM-DD); injected so reports are reproducible.
    pub generated: String,
    /// Link the charts (Markdown embeds them, text names the files); `None` = no charts.
    pub charts: Option<ChartLinks>,
    /// Text wrap width in display columns: [`WIDTH`] for files; the TUI preview passes the
    /// screen's width so nothing is cut off on an 80-column terminal.
    pub width: usize,
    /// The sensitivity analysis for the "How robust is this?" section; `None` = no section.
    pub sensitivity: Option<crate::engine::sensitivity::SensitivityResult>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            format: ReportFormat::Text,
            lang: Lang::En,
            focus: 0,
            generated: today(),
            charts: None,
            width: WIDTH,
            sensitivity: None,
        }
    }
}

/// The whole report as one string (sections 1–9 of issue #5).
pub fn render(input: &files::Input, a: &engine::Assessment, opts: &ReportOptions) -> String {
    sections::render(input, a, opts)
}

/// Writes the SVG charts into `dir` (created if needed), each atomically; returns their paths in
/// the order the report shows them.
pub fn write_charts(
    dir: &Path,
    input: &files::Input,
    a: &engine::Assessment,
    opts: &ReportOptions,
) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for chart in svg::charts(input, a, opts) {
        let path = dir.join(chart.file);
        files::write_atomic(&path, chart.svg.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// Today's date (UTC) as YYYY-MM-DD, or the `BELTSCOPE_DATE` environment variable when set, so
/// that tests and reproducible builds can pin it.
pub fn today() -> String {
    if let Ok(d) = std::env::var("BELTSCOPE_DATE")
        && !d.trim().is_empty()
    {
        return d.trim().to_string();
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → YYYY-MM-DD (proleptic Gregorian; Howard Hinnant's algorithm).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
        assert_eq!(civil_date(20_089), "2025-01-01");
    }

    #[test]
    fn chart_links_join_with_slashes() {
        let l = ChartLinks {
            dir: "charts/".into(),
        };
        assert_eq!(l.link("a.svg"), "charts/a.svg");
        let l = ChartLinks { dir: String::new() };
        assert_eq!(l.link("a.svg"), "a.svg");
    }
}
