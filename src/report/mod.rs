//! Assessment reports: the document an officer files or a consultant hands over, as
//! plain text or Markdown, in English or Chinese, with optional SVG charts.
//!
//! Every figure comes from one [`engine::Assessment`] and is rounded the way `score` rounds it
//! (3 decimals, obstacles as percent with 1 decimal), so a reader can check any number against
//! `score --format json`. The generation date is an input ([`ReportOptions::generated`]) so that
//! reports are reproducible and golden-testable.

mod doc;
mod docx;
mod png;
mod sections;
pub mod svg;
pub mod svg_dynamics;
mod write;

use std::io;
use std::path::{Path, PathBuf};

pub use doc::WIDTH;
pub use docx::DocxReport;
pub use png::{DPI, cjk_font, pixel_size as png_pixel_size, svg_to_png};
pub use write::{ChartFiles, WRITABLE, all_charts, chart_files, output_format, write_all_charts};

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
    /// A Word document (binary, so it needs a file).
    //  Written by `render_docx`; `render` gives the plain text for it.
    Docx,
}

/// Where the Markdown report finds the charts written by [`write_all_charts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartLinks {
    /// The chart folder as the report should link it: relative to the report file when possible,
    /// with `/` separators (e.g. `charts`); empty means "next to the report".
    pub dir: String,
    /// The format the charts were written in, so links name the files that exist.
    pub format: ChartFormat,
}

impl ChartLinks {
    /// The link to one chart, given by its SVG file name (`trend.svg` → `charts/trend.png`
    /// for PNG charts).
    pub fn link(&self, file: &str) -> String {
        let file = self.format.file_name(file);
        if self.dir.is_empty() || self.dir == "." {
            file
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

/// The whole report as one string (every section, in order).
pub fn render(input: &files::Input, a: &engine::Assessment, opts: &ReportOptions) -> String {
    sections::render(input, a, opts)
}

/// The report as a Word document (.docx, A4): the same sections as [`render`] with Word
/// headings, tables and the charts as pictures, plus charts only Word shows (the D level bands
/// for a time series, the dimension radar). `opts.format`, `width` and `charts` are ignored.
pub fn render_docx(
    input: &files::Input,
    a: &engine::Assessment,
    opts: &ReportOptions,
) -> Result<DocxReport, String> {
    let blocks = sections::blocks(input, a, opts);
    let mut charts = all_charts(input, a, opts);
    charts.extend(svg::word_charts(input, a, opts));
    let companions = [
        (svg::CIRCLES_FILE, svg::RADAR_FILE),
        (svg::TREND_FILE, svg::LEVELS_FILE),
    ];
    docx::write(&blocks, &charts, &companions, opts.lang)
}

/// The file format of written charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ChartFormat {
    /// Scalable, for browsers, Markdown and recent Word.
    #[default]
    Svg,
    /// 300 dpi pictures for Word processors that cannot show SVG.
    Png,
}

impl ChartFormat {
    /// A chart's file name in this format (`trend.svg` → `trend.png`).
    pub fn file_name(self, svg_file: &str) -> String {
        match self {
            ChartFormat::Svg => svg_file.to_string(),
            ChartFormat::Png => match svg_file.strip_suffix(".svg") {
                Some(stem) => format!("{stem}.png"),
                None => format!("{svg_file}.png"),
            },
        }
    }
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

/// Writes the dynamics chart into `dir` (created if needed) when the report has one, i.e. a
/// time series with a GM(1,1) model of D; returns its path. Kept apart from [`write_charts`],
/// whose three charts every report has.
pub fn write_dynamics_chart(
    dir: &Path,
    input: &files::Input,
    a: &engine::Assessment,
    opts: &ReportOptions,
) -> io::Result<Option<PathBuf>> {
    let Some(chart) = svg_dynamics::chart(input, a, opts) else {
        return Ok(None);
    };
    std::fs::create_dir_all(dir)?;
    let path = dir.join(chart.file);
    files::write_atomic(&path, chart.svg.as_bytes())?;
    Ok(Some(path))
}

/// The charts written by [`write_charts`], in either format; returns their paths and, for PNG,
/// warnings about how they were drawn (no CJK font), each once.
pub fn write_charts_as(
    dir: &Path,
    input: &files::Input,
    a: &engine::Assessment,
    opts: &ReportOptions,
    format: ChartFormat,
) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    write::write_files(dir, &svg::charts(input, a, opts), format)
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
    crate::textfmt::civil_date((secs / 86_400) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(crate::textfmt::civil_date(0), "1970-01-01");
        assert_eq!(crate::textfmt::civil_date(19_782), "2024-02-29");
        assert_eq!(crate::textfmt::civil_date(20_089), "2025-01-01");
    }

    #[test]
    fn chart_links_join_with_slashes() {
        let l = ChartLinks {
            dir: "charts/".into(),
            format: ChartFormat::Svg,
        };
        assert_eq!(l.link("a.svg"), "charts/a.svg");
        let l = ChartLinks {
            dir: String::new(),
            format: ChartFormat::Png,
        };
        assert_eq!(l.link("a.svg"), "a.png");
    }
}
