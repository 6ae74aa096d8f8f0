//! Start screen: open a survey (from `surveys/` or the recent list), start a new one, or open
//! the example.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::*;
use crate::model::FileKind;

/// The Start items: the fixed choices, the surveys in `dir`, then recent files not listed yet.
pub fn items(dir: &Path, recent: &[PathBuf]) -> Vec<StartItem> {
    let mut v = vec![
        StartItem::New,
        StartItem::NewFromFramework,
        StartItem::Example,
    ];
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    matches!(FileKind::of(p), FileKind::Toml | FileKind::Csv)
                        && !p
                            .file_name()
                            .is_some_and(|f| f.to_string_lossy().starts_with('.'))
                        && !(FileKind::of(p) == FileKind::Csv && is_questionnaire(p))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    for r in recent {
        if r.exists() && !found.iter().any(|f| abs(f) == abs(r)) {
            found.push(r.clone());
        }
    }
    v.extend(found.into_iter().map(StartItem::Open));
    v
}

/// Whether a CSV file holds questionnaire responses (its header starts
/// `observation,respondent`): they are turned into a survey by `beltscope aggregate`, and
/// opening them as a survey would only show errors. Reads the first line only.
fn is_questionnaire(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(1024).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    let mut cells = first
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase());
    cells.next().as_deref() == Some("observation") && cells.next().as_deref() == Some("respondent")
}

fn label(app: &App, item: &StartItem) -> String {
    match item {
        StartItem::New => app
            .tr(
                "New survey — embedded framework cbec-belt (asks title, region, labels)",
                "新建评估——内置指标体系 cbec-belt（填写标题、地区、评价年份）",
            )
            .into(),
        StartItem::NewFromFramework => app
            .tr(
                "New survey — from a framework file…",
                "新建评估——使用指标体系文件…",
            )
            .into(),
        StartItem::Example => app
            .tr(
                "Example — a copy of the illustrative home-textile belt 2016-2024",
                "示例——家纺产业带 2016-2024（示意数据）副本",
            )
            .into(),
        StartItem::Open(p) => format!("{} {}", app.tr("Open", "打开"), p.display()),
    }
}

/// Draws the Start screen.
pub fn view(app: &App, f: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::from(Span::styled(
            app.tr(
                "Assess the cross-border e-commerce supply chain ecosystem of an industrial belt",
                "评估产业带跨境电商供应链生态系统",
            )
            .to_string(),
            Style::default().add_modifier(Modifier::BOLD),
        )),
        Line::from(app.tr(
            "core → sub-core → outer circle: enter the data, see the coupling coordination, get the diagnosis.",
            "核心圈 → 次核心圈 → 外围圈：录入数据，查看耦合协调度，得到诊断。",
        ).to_string()),
        Line::from(""),
    ];
    let list_h = area.height.saturating_sub(lines.len() as u16) as usize;
    let off = app.start_sel.saturating_sub(list_h.saturating_sub(1));
    for (k, item) in app.start_items.iter().enumerate().skip(off).take(list_h) {
        let sel = k == app.start_sel;
        let style = if sel {
            Style::default().add_modifier(Modifier::REVERSED)
        } else if matches!(item, StartItem::Open(_)) {
            Style::default()
        } else {
            Style::default().fg(Color::Cyan)
        };
        lines.push(Line::from(Span::styled(
            format!("{} {}", if sel { "▶" } else { " " }, label(app, item)),
            style,
        )));
    }
    f.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_surveys_are_offered_but_not_the_questionnaires() {
        let names: Vec<String> = items(Path::new("surveys"), &[])
            .iter()
            .filter_map(|i| match i {
                StartItem::Open(p) => p.file_name().map(|f| f.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        assert_eq!(
            names,
            [
                "example-belt.toml",
                "example-belts-2024.csv",
                "example-panel.csv"
            ]
        );
        assert!(is_questionnaire(Path::new(
            "surveys/example-questionnaire.csv"
        )));
        assert!(!is_questionnaire(Path::new("surveys/example-panel.csv")));
        assert!(!is_questionnaire(Path::new("surveys/no-such-file.csv")));
    }
}
