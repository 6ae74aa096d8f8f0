//! Report screen: a preview of the report and its export to a file.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use super::app::*;
use super::results::blocked_lines;
use crate::model::{SurveyDoc, SurveySpans};
use crate::report::{ChartFormat, ChartLinks, ReportFormat, ReportOptions};

/// The survey as the report layer reads it, with its assessment, or why there is none yet.
fn scored(app: &App) -> Result<(crate::files::Input, &crate::engine::Assessment), Vec<String>> {
    let d = app
        .doc
        .as_ref()
        .ok_or_else(|| vec!["no survey is open".to_string()])?;
    match &app.calc {
        Calc::Blocked(r) => Err(r.clone()),
        Calc::Ready(a) => Ok((
            crate::files::Input {
                doc: SurveyDoc {
                    name: d.path.file_name().map_or_else(
                        || d.path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    ),
                    text: String::new(),
                    survey: d.survey.clone(),
                    spans: SurveySpans::default(),
                    warnings: Vec::new(),
                },
                framework: d.framework.clone(),
                framework_name: d.survey.framework.clone(),
            },
            a,
        )),
    }
}

fn options(
    app: &App,
    a: &crate::engine::Assessment,
    format: ReportFormat,
    width: usize,
) -> ReportOptions {
    let focus = app.focus.min(a.m().saturating_sub(1));
    // The robustness run of Results (R), when it is about this focus: its findings name the
    // focus observation's weak dimensions.
    let sensitivity = (app.robustness.as_ref())
        .filter(|r| r.result.focus == focus)
        .map(|r| r.result.clone());
    ReportOptions {
        format,
        lang: app.lang,
        focus,
        generated: app.today.clone(),
        charts: None,
        width,
        sensitivity,
    }
}

/// The report for the open survey (the same document as `beltscope report`, about the focus
/// observation chosen on the Diagnosis screen), or why there is none yet.
pub fn preview(app: &App, format: ReportFormat, width: usize) -> Result<String, Vec<String>> {
    let (input, a) = scored(app)?;
    Ok(crate::report::render(
        &input,
        a,
        &options(app, a, format, width),
    ))
}

/// An exported report: its bytes and the chart files (name, bytes) that go beside it.
#[derive(Debug)]
pub struct Export {
    pub bytes: Vec<u8>,
    pub charts: Vec<(String, Vec<u8>)>,
}

/// Why there is no export.
#[derive(Debug)]
pub enum ExportError {
    /// The data are incomplete or a method cannot run (the Report screen says why).
    Blocked,
    /// The Word document or a chart could not be made.
    Failed(String),
}

/// The report in `format` with its charts: PNG for Word (which embeds them as well), SVG linked
/// from `charts_dir` (relative to the report) for Markdown, none for text, whose readers print
/// it as it is.
pub fn export(app: &App, format: ReportFormat, charts_dir: &str) -> Result<Export, ExportError> {
    let (input, a) = scored(app).map_err(|_| ExportError::Blocked)?;
    let mut opts = options(app, a, format, crate::report::WIDTH);
    let chart_format = match format {
        ReportFormat::Text => None,
        ReportFormat::Markdown => Some(ChartFormat::Svg),
        ReportFormat::Docx => Some(ChartFormat::Png),
    };
    if format == ReportFormat::Markdown {
        opts.charts = Some(ChartLinks {
            dir: charts_dir.to_string(),
            format: ChartFormat::Svg,
        });
    }
    let charts = match chart_format {
        Some(f) => {
            crate::report::chart_files(&crate::report::all_charts(&input, a, &opts), f)
                .map_err(ExportError::Failed)?
                .0
        }
        None => Vec::new(),
    };
    let bytes = if format == ReportFormat::Docx {
        crate::report::render_docx(&input, a, &opts)
            .map_err(ExportError::Failed)?
            .bytes
    } else {
        crate::report::render(&input, a, &opts).into_bytes()
    };
    Ok(Export { bytes, charts })
}

/// Draws the Report screen.
pub fn view(app: &App, f: &mut Frame, area: Rect) {
    let lines: Vec<Line<'static>> = match preview(
        app,
        ReportFormat::Text,
        // The preview fits the screen; an export has the standard width.
        (area.width as usize).clamp(60, crate::report::WIDTH),
    ) {
        Ok(text) => std::iter::once(Line::from(Span::styled(
            app.tr(
                "Preview — `e` exports it to a file you name",
                "预览——按 e 导出到文件",
            )
            .to_string(),
            Style::default().fg(Color::DarkGray),
        )))
        .chain(text.lines().map(|l| Line::from(l.to_string())))
        .collect(),
        Err(r) => blocked_lines(app, &r, area.width as usize),
    };
    super::results::scrolled(f, lines, area, app.scroll, app.lang);
}
