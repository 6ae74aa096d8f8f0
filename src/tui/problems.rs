//! The `!` list: the last paste's refused values and every value outside its indicator's
//! usual range, so a long list is never squeezed into one status line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::lang::Lang;
use crate::model::{Framework, Survey};
use crate::tui::app::App;
use crate::tui::paste::PastePlan;

/// Values outside their indicator's reference `bounds`: (observation, indicator) indices.
pub fn unusual(fw: &Framework, s: &Survey) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (j, ind) in fw.indicators.iter().enumerate() {
        let Some((lo, hi)) = ind.bounds else {
            continue;
        };
        for (i, o) in s.observations.iter().enumerate() {
            if let Some(&v) = o.values.get(&ind.id)
                && (v < lo || v > hi)
            {
                out.push((i, j));
            }
        }
    }
    out
}

/// The lines of the paste question: where the values land and what is left out or skipped.
pub fn paste_lines(lang: Lang, plan: &PastePlan) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(plan.target.clone())];
    for r in &plan.recognised {
        lines.push(Line::from(format!("• {r}")));
    }
    if !plan.left_out.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.tr("Left out:", "不会粘贴：").to_string(),
            Style::default().fg(Color::Yellow),
        )));
        for r in &plan.left_out {
            lines.push(Line::from(format!("• {r}")));
        }
    }
    if !plan.refused.is_empty() {
        lines.push(Line::from(match lang {
            Lang::En => format!(
                "{} value(s) refused (listed by `!` after pasting)",
                plan.refused.len()
            ),
            Lang::Zh => format!("{} 个数值被拒收（粘贴后按 ! 查看）", plan.refused.len()),
        }));
    }
    lines
}

/// Draws the list, scrolled by `app.scroll`.
pub fn view(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let mut lines: Vec<Line> = Vec::new();
    let head = Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD);
    lines.push(Line::from(Span::styled(
        format!(
            "{} ({})",
            lang.tr("Refused in the last paste", "上次粘贴被拒收"),
            app.refusals.len()
        ),
        head,
    )));
    lines.extend(app.refusals.iter().map(|r| Line::from(format!("• {r}"))));
    if let Some(d) = &app.doc {
        let fw = &d.framework;
        let odd = unusual(fw, &d.survey);
        lines.push(Line::from(Span::styled(
            format!(
                "{} ({})",
                lang.tr(
                    "Outside the usual range (check the unit)",
                    "超出常见范围（请核对单位）"
                ),
                odd.len()
            ),
            head,
        )));
        for (i, j) in odd {
            let ind = &fw.indicators[j];
            let (lo, hi) = ind.bounds.unwrap_or((0.0, 0.0));
            let v = d.survey.observations[i]
                .values
                .get(&ind.id)
                .copied()
                .unwrap_or(0.0);
            lines.push(Line::from(format!(
                "• {} · {}: {} [{lo}, {hi}] {}",
                ind.id,
                d.survey.observations[i].label,
                crate::model::survey::format_number(v),
                lang.pick(&ind.unit, ind.unit_zh.as_deref())
            )));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        lang.tr("Esc closes", "Esc 关闭").to_string(),
        Style::default().fg(Color::DarkGray),
    )));
    let w = 76u16.min(area.width.saturating_sub(4));
    // Wrapped here, by display width, so a wide character never lands on the border.
    let inner_w = w.saturating_sub(2).max(1) as usize;
    let lines: Vec<Line> = lines
        .into_iter()
        .flat_map(|l| {
            let style = l.spans.first().map(|s| s.style).unwrap_or_default();
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            crate::textfmt::wrap(&text, inner_w)
                .into_iter()
                .map(move |t| Line::from(Span::styled(t, style)))
                .collect::<Vec<_>>()
        })
        .collect();
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(lang.tr(" Problems ", " 问题数值 "));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.scroll, 0))
            .block(block),
        r,
    );
}
