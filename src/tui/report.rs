//! Report screen: a preview of the report and its export to a file.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use super::app::*;
use super::results::blocked_lines;

/// The report text for the open survey, or why there is none yet.
///
/// The ONE place the report is produced: it uses `score`'s text today; switch it to
/// `report::render` when the report module is merged.
pub fn preview(app: &App) -> Result<String, Vec<String>> {
    let d = app
        .doc
        .as_ref()
        .ok_or_else(|| vec!["no survey is open".to_string()])?;
    match &app.calc {
        Calc::Blocked(r) => Err(r.clone()),
        Calc::Ready(a) => {
            let title = match &d.survey.region {
                Some(r) => format!("{} — {r}", d.survey.title),
                None => d.survey.title.clone(),
            };
            let focus = d
                .survey
                .method
                .focus
                .as_ref()
                .and_then(|f| a.observation(f))
                .unwrap_or(a.m().saturating_sub(1));
            Ok(crate::output::to_text(&d.framework, a, &title, focus))
        }
    }
}

/// Draws the Report screen.
pub fn view(app: &App, f: &mut Frame, area: Rect) {
    let lines: Vec<Line<'static>> = match preview(app) {
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
    super::results::scrolled(f, lines, area, app.scroll);
}
