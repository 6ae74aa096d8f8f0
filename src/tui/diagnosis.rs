//! Diagnosis screen: for one observation, the obstacle degrees of the dimensions, the top
//! obstacle indicators, the weak dimensions and the full text of the linked countermeasures.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::app::*;
use super::results::blocked_lines;
use crate::lang::Lang;
use crate::names::level_text;
use crate::textfmt::{bar, num3, pad_right, pct1, truncate, width, wrap};

fn bold(s: String) -> Line<'static> {
    Line::from(Span::styled(
        s,
        Style::default().add_modifier(Modifier::BOLD),
    ))
}

/// The diagnosis text for the focus observation.
pub fn lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let Some(d) = &app.doc else {
        return vec![];
    };
    let a = match &app.calc {
        Calc::Blocked(r) => return blocked_lines(app, r, w),
        Calc::Ready(a) => a,
    };
    let fw = &d.framework;
    let i = app.focus.min(a.m().saturating_sub(1));
    let c = &a.coupling[i];
    let regions = crate::tui::entry::obs_word(&d.survey) == crate::tui::entry::ObsWord::Region;
    let focus_word = match (app.lang, regions) {
        (Lang::En, false) => "Year ",
        (Lang::En, true) => "Region ",
        (Lang::Zh, false) => "评价年份 ",
        (Lang::Zh, true) => "评价地区 ",
    };
    let level = match app.lang {
        Lang::En => format!("level {}", c.level),
        Lang::Zh => format!("第 {} 级", c.level),
    };
    // A cross-section starts on the belt with the lowest D, and says why it is shown.
    let lowest = (0..a.m())
        .min_by(|&x, &y| a.coupling[x].d.total_cmp(&a.coupling[y].d))
        .unwrap_or(0);
    let why = if regions && !app.focus_chosen && i == lowest {
        app.tr(" lowest D", " D 最低")
    } else {
        ""
    };
    let mut out = vec![
        Line::from(vec![
            Span::raw(focus_word.to_string()),
            Span::styled(
                format!("◀ {} ▶", a.labels[i]),
                Style::default()
                    .fg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!(
                "{why}  ({}/{})  D = {} · {level} {}",
                i + 1,
                a.m(),
                num3(c.d),
                level_text(app.lang, c.level)
            )),
        ]),
        Line::from(""),
        bold(
            app.tr("Obstacle degree by dimension", "各维度障碍度")
                .to_string(),
        ),
    ];
    let o = a.obstacles_of(i);
    let dims = a.dimensions_by_obstacle(i);
    let name_w = dims
        .iter()
        .map(|&dd| width(app.names(fw).dim(dd)))
        .max()
        .unwrap_or(10)
        .min(w / 3);
    let max = o
        .dimensions
        .iter()
        .cloned()
        .fold(0.0_f64, f64::max)
        .max(1e-12);
    let bar_w = w.saturating_sub(name_w + 12).min(40);
    for &dd in &dims {
        let name = truncate(app.names(fw).dim(dd), name_w);
        let weak = a.weak_dimensions[i].contains(&dd);
        let style = if weak {
            Style::default().fg(Color::Red)
        } else {
            Style::default().fg(Color::Blue)
        };
        out.push(Line::from(vec![
            Span::raw(format!("  {} ", pad_right(&name, name_w))),
            Span::raw(format!("{:>6} ", pct1(o.dimensions[dd]))),
            Span::styled(bar(o.dimensions[dd] / max, bar_w), style),
        ]));
    }
    out.push(Line::from(""));
    out.push(bold(
        app.tr("Top obstacle indicators", "主要障碍指标")
            .to_string(),
    ));
    let inds = a.indicators_by_obstacle(i);
    for (rank, &j) in inds.iter().take(5).enumerate() {
        let ind = &fw.indicators[j];
        out.push(Line::from(truncate(
            &format!(
                "  {}. {:>6}  {} [{}]",
                rank + 1,
                pct1(o.indicator(j)),
                app.names(fw).ind(j),
                ind.id
            ),
            w,
        )));
    }
    out.push(Line::from(""));
    out.push(bold(app.tr("Weak dimensions", "薄弱维度").to_string()));
    if a.weak_dimensions[i].is_empty() {
        out.push(Line::from(
            app.tr(
                "  none: nothing stands in the way at this observation",
                "  无：该年份没有明显障碍",
            )
            .to_string(),
        ));
    }
    for (rank, &dd) in a.weak_dimensions[i].iter().enumerate() {
        let dim = &fw.dimensions[dd];
        out.push(Line::from(format!(
            "  {}. {} [{}] — {} {}",
            rank + 1,
            app.names(fw).dim(dd),
            dim.id,
            pct1(o.dimensions[dd]),
            app.tr("of the obstacle", "的障碍"),
        )));
    }
    if !a.countermeasures[i].is_empty() {
        out.push(Line::from(""));
        out.push(bold(app.tr("Countermeasures", "对策").to_string()));
    }
    for &cm in &a.countermeasures[i] {
        let x = &fw.countermeasures[cm];
        let (title, text) = match app.lang {
            Lang::Zh => (
                x.title_zh.as_deref().unwrap_or(&x.title),
                x.text_zh.as_deref().unwrap_or(&x.text),
            ),
            Lang::En => (x.title.as_str(), x.text.as_str()),
        };
        out.push(Line::from(Span::styled(
            format!("  ■ {title} [{}]", x.id),
            Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD),
        )));
        for l in wrap(text, w.saturating_sub(5)) {
            out.push(Line::from(format!("    {l}")));
        }
    }
    out
}

/// Draws the Diagnosis screen.
pub fn view(app: &App, f: &mut Frame, area: Rect) {
    super::results::scrolled(
        f,
        lines(app, area.width as usize),
        area,
        app.scroll,
        app.lang,
    );
}
