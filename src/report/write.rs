//! What a report can be written as, and its chart files: the command line and the TUI's export
//! share these so that a name like `report.docx` means the same in both.

use std::path::{Path, PathBuf};

use super::svg::{self, Chart};
use super::{ChartFormat, ReportFormat, ReportOptions, svg_dynamics, svg_to_png};
use crate::engine::Assessment;
use crate::files::{self, Input};

/// The report file extensions beltscope writes, for messages.
pub const WRITABLE: &str = ".txt (text), .md or .markdown (Markdown), .docx (Word)";

/// The format a report file's name asks for: `None` for a name without an extension (text, as
/// on standard output). An extension beltscope cannot write (`.pdf`) is an error naming
/// [`WRITABLE`], rather than a file of the wrong kind under that name.
pub fn output_format(path: &Path) -> Result<Option<ReportFormat>, String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let Some((_, ext)) = name.rsplit_once('.') else {
        return Ok(None);
    };
    match ext.to_ascii_lowercase().as_str() {
        "txt" | "text" => Ok(Some(ReportFormat::Text)),
        "md" | "markdown" => Ok(Some(ReportFormat::Markdown)),
        "docx" => Ok(Some(ReportFormat::Docx)),
        _ => Err(format!(
            "beltscope cannot write a .{ext} report; it writes {WRITABLE}"
        )),
    }
}

/// Every chart the text and Markdown reports link, in their order: the three charts of every
/// report, then the dynamics charts when the report has them (D forecast, niche-overlap map).
pub fn all_charts(input: &Input, a: &Assessment, opts: &ReportOptions) -> Vec<Chart> {
    let mut charts = svg::charts(input, a, opts);
    charts.extend(svg_dynamics::charts(input, a, opts));
    charts
}

/// Chart files as (file name, bytes).
pub type ChartFiles = Vec<(String, Vec<u8>)>;

/// The charts as files in `format`, and for PNG the warnings about how they were drawn (no CJK
/// font), each once.
pub fn chart_files(
    charts: &[Chart],
    format: ChartFormat,
) -> Result<(ChartFiles, Vec<String>), String> {
    let mut files = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    for chart in charts {
        let bytes = match format {
            ChartFormat::Svg => chart.svg.clone().into_bytes(),
            ChartFormat::Png => {
                let (png, warn) =
                    svg_to_png(&chart.svg).map_err(|e| format!("{}: {e}", chart.file))?;
                for w in warn {
                    if !warnings.contains(&w) {
                        warnings.push(w);
                    }
                }
                png
            }
        };
        files.push((format.file_name(chart.file), bytes));
    }
    Ok((files, warnings))
}

/// Writes [`all_charts`] into `dir` (created if needed) in `format`, each file atomically;
/// returns their paths and the PNG warnings.
pub fn write_all_charts(
    dir: &Path,
    input: &Input,
    a: &Assessment,
    opts: &ReportOptions,
    format: ChartFormat,
) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    write_files(dir, &all_charts(input, a, opts), format)
}

/// Writes charts into `dir` in `format`; see [`write_all_charts`].
pub(super) fn write_files(
    dir: &Path,
    charts: &[Chart],
    format: ChartFormat,
) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    let (files, warnings) = chart_files(charts, format)?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        files::write_atomic(&path, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok((written, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_formats_by_extension() {
        let f = |n: &str| output_format(Path::new(n));
        assert_eq!(f("r.MD"), Ok(Some(ReportFormat::Markdown)));
        assert_eq!(f("d/r.docx"), Ok(Some(ReportFormat::Docx)));
        assert_eq!(f("r.txt"), Ok(Some(ReportFormat::Text)));
        assert_eq!(f("report"), Ok(None));
        let e = f("r.pdf").unwrap_err();
        assert!(e.contains(".pdf") && e.contains(".docx"), "{e}");
    }
}
