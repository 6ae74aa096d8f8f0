//! Report screen: a preview of the report and its export to a file.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use super::app::*;
use super::results::blocked_lines;
use crate::model::{SurveyDoc, SurveySpans};
use crate::report::{ReportFormat, ReportOptions};

/// The report for the open survey (the same document as `beltscope report`, about the focus
/// observation chosen on the Diagnosis screen), or why there is none yet.
pub fn preview(app: &App, format: ReportFormat, width: usize) -> Result<String, Vec<String>> {
    let d = app
        .doc
        .as_ref()
        .ok_or_else(|| vec!["no survey is open".to_string()])?;
    match &app.calc {
        Calc::Blocked(r) => Err(r.clone()),
        Calc::Ready(a) => {
            let input = crate::files::Input {
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
            };
            let focus = app.focus.min(a.m().saturating_sub(1));
            // The robustness run of Results (R), when it is about this focus: its findings
            // name the focus observation's weak dimensions.
            let sensitivity = (app.robustness.as_ref())
                .filter(|r| r.result.focus == focus)
                .map(|r| r.result.clone());
            let opts = ReportOptions {
                format,
                lang: app.lang,
                focus,
                generated: app.today.clone(),
                charts: None,
                width,
                sensitivity,
            };
            Ok(crate::report::render(&input, a, &opts))
        }
    }
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
