//! Results screen: method settings (changeable here), weights, circle scores as a bar chart and
//! a table, C/T/D/level/lagging per observation and the trend of D.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Sparkline};

use super::app::*;
use crate::engine::Assessment;
use crate::lang::Lang;
use crate::model::Framework;
use crate::model::settings;
use crate::names::level_text;
use crate::textfmt::{Align, Table, num3, truncate, truncate_middle, width, wrap};

/// The method line(s), with the key that changes each setting; a line wider than `max_w`
/// continues on the next one, so every setting stays visible at 80 columns.
pub fn method_lines(app: &App, max_w: usize) -> Vec<Line<'static>> {
    let Some(d) = &app.doc else {
        return vec![];
    };
    let m = d.survey.method.resolve();
    let modified = d.survey.method != d.saved.method;
    let key = |k: &str| Span::styled(format!("({k})"), Style::default().fg(Color::DarkGray));
    let val = |v: String| Span::styled(v, Style::default().add_modifier(Modifier::BOLD));
    let prefix = [app.tr("Method  ", "方法  "), app.tr("        ", "      ")];
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (slots, prefix) in settings::tui_lines().iter().zip(prefix) {
        let mut spans = vec![Span::raw(prefix.to_string())];
        let mut used = width(prefix);
        for (k, slot) in slots.iter().enumerate() {
            let label = app.tr(slot.label.0, slot.label.1);
            let value = (slot.value)(&m, app.lang);
            let mut group = match slot.key {
                Some(keyname) => vec![Span::raw(format!("{label} ")), val(value), key(keyname)],
                None => vec![Span::raw(format!("{label} {value}"))],
            };
            let w: usize = group.iter().map(|s| width(&s.content)).sum();
            if k > 0 && used + 3 + w > max_w {
                lines.push(Line::from(std::mem::take(&mut spans)));
                let indent = " ".repeat(width(prefix));
                used = indent.len();
                spans.push(Span::raw(indent));
            } else if k > 0 {
                spans.push(Span::raw(" · "));
                used += 3;
            }
            used += w;
            spans.append(&mut group);
        }
        lines.push(Line::from(spans));
    }
    // The "modified" note goes where it fits whole: it is what tells Ctrl-S is needed.
    let note = app.tr("  [method] modified", "  方法设置已修改");
    let style = Style::default().fg(Color::Yellow);
    let fits = |l: &Line| l.width() + width(note) <= max_w;
    match lines.last_mut() {
        Some(last) if modified && fits(last) => last.spans.push(Span::styled(note, style)),
        Some(_) if modified => lines.push(Line::from(Span::styled(
            format!("{}{}", " ".repeat(width(prefix[1])), note.trim_start()),
            style,
        ))),
        _ => {}
    }
    lines
}

/// "Why there are no scores", in full, for Results, Diagnosis and Report.
pub fn blocked_lines(app: &App, reasons: &[String], width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            app.tr(
                "No scores yet — the data are incomplete or too small for the method:",
                "尚无得分——数据不完整，或不满足所选方法的要求：",
            )
            .to_string(),
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        )),
    ];
    for r in reasons {
        for (k, l) in wrap(r, width.saturating_sub(4)).into_iter().enumerate() {
            lines.push(Line::from(format!(
                "{}{l}",
                if k == 0 { "  • " } else { "    " }
            )));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(
        app.tr(
            "The Entry screens (Tab) mark missing cells with ·; `n` there jumps to the next one.",
            "录入屏（Tab）用 · 标出缺失值；在那里按 n 跳到下一个缺失值。",
        )
        .to_string(),
    ));
    lines
}

/// Draws long text with the scroll clamped to its end and, when more follows, a last line
/// saying so (otherwise the countermeasures under the fold go unnoticed).
pub fn scrolled(f: &mut Frame, lines: Vec<Line<'static>>, area: Rect, scroll: u16, lang: Lang) {
    let h = area.height as usize;
    let total = lines.len();
    let max = total.saturating_sub(h.saturating_sub(1)) as u16;
    let scroll = scroll.min(max);
    let below = total.saturating_sub(scroll as usize + h);
    if below == 0 || h < 2 {
        f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
        return;
    }
    let top = Rect::new(area.x, area.y, area.width, area.height - 1);
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), top);
    let more = below + 1;
    f.render_widget(
        Paragraph::new(Span::styled(
            match lang {
                Lang::En => format!("↓ {more} more line(s) — j/↓ scrolls, PgDn pages"),
                Lang::Zh => format!("↓ 下面还有 {more} 行 — j/↓ 滚动，PgDn 翻页"),
            },
            Style::default().fg(Color::DarkGray),
        )),
        Rect::new(area.x, area.y + area.height - 1, area.width, 1),
    );
}

/// The per-observation table: U per circle, C, T, D, level, lagging circles.
pub fn score_table(fw: &Framework, a: &Assessment, lang: Lang) -> Vec<String> {
    let names = crate::names::Names { fw, lang };
    let mut headers = vec![lang.tr("obs", "年份/地区").to_string()];
    match lang {
        Lang::En => headers.extend(fw.circles.iter().map(|c| c.id.clone())),
        Lang::Zh => {
            headers.extend((0..fw.circles.len()).map(|c| names.circle_short(c).to_string()))
        }
    }
    headers.extend(["C", "T", "D"].map(String::from));
    headers.push(lang.tr("lagging", "滞后圈层").to_string());
    headers.push(lang.tr("level", "协调等级").to_string());
    let n = headers.len();
    let mut t = Table::new(headers)
        .align(n - 2, Align::Left)
        .align(n - 1, Align::Left);
    for i in 0..a.m() {
        let c = &a.coupling[i];
        let mut row = vec![truncate_middle(&a.labels[i], 12)];
        row.extend(a.circles(i).iter().map(|u| num3(*u)));
        row.extend([num3(c.c), num3(c.t), num3(c.d)]);
        row.push(match lang {
            Lang::En => crate::output::lagging_ids(fw, c, "—"),
            Lang::Zh if c.lagging.is_empty() => "—".to_string(),
            Lang::Zh => c
                .lagging
                .iter()
                .map(|&k| names.circle_short(k))
                .collect::<Vec<_>>()
                .join("、"),
        });
        row.push(format!("{} {}", c.level, level_text(lang, c.level)));
        t.row(row);
    }
    t.render().lines().map(str::to_string).collect()
}

/// Weights by circle, dimension and indicator.
pub fn weight_lines(app: &App, fw: &Framework, a: &Assessment) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        app.tr(
            "Weights (global; circle and dimension = sum of their indicators)   e = entropy",
            "权重（全局；圈层、维度为所含指标之和）  e = 信息熵",
        )
        .to_string(),
        Style::default().add_modifier(Modifier::BOLD),
    ))];
    let w = &a.weights.global;
    for c in 0..fw.circles.len() {
        let wc = a.circle_weight(fw, c);
        lines.push(Line::from(Span::styled(
            format!("{} {}", num3(wc), app.names(fw).circle(c)),
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
        )));
        for dd in fw.dimensions_of_circle(c) {
            let wd = a.dimension_weight(fw, dd);
            lines.push(Line::from(format!(
                "  {} {}",
                num3(wd),
                app.names(fw).dim(dd)
            )));
            for j in fw.indicators_of_dimension(dd) {
                let ind = &fw.indicators[j];
                let e = a
                    .weights
                    .entropy
                    .as_ref()
                    .map_or(String::new(), |e| format!("  e={}", num3(e[j])));
                lines.push(Line::from(format!(
                    "    {} {} [{}]{e}",
                    num3(w[j]),
                    app.names(fw).ind(j),
                    ind.id
                )));
            }
        }
    }
    lines
}

/// A bar-group label that fits `w` columns: years become `'19`.
fn short_label(l: &str, w: usize) -> String {
    if width(l) <= w {
        return l.to_string();
    }
    if l.len() == 4 && l.bytes().all(|b| b.is_ascii_digit()) && w >= 3 {
        return format!("'{}", &l[2..]);
    }
    truncate(l, w)
}

/// Draws the Results screen.
pub fn view(app: &App, f: &mut Frame, area: Rect) {
    let Some(d) = &app.doc else {
        return;
    };
    let fw = &d.framework;
    let method = method_lines(app, area.width as usize);
    let head = Rect::new(
        area.x,
        area.y,
        area.width,
        (method.len() as u16).min(area.height),
    );
    f.render_widget(Paragraph::new(method), head);
    let rest = Rect::new(
        area.x,
        area.y + head.height,
        area.width,
        area.height.saturating_sub(head.height),
    );
    let a = match &app.calc {
        Calc::Blocked(reasons) => {
            let mut lines = blocked_lines(app, reasons, area.width as usize);
            let gaps =
                (0..fw.circles.len()).any(|c| !missing_in_circle(fw, &d.survey, c).is_empty());
            if gaps && d.survey.method.resolve().impute == crate::model::Impute::None {
                lines.push(Line::from(
                    app.tr(
                        "Or press I to fill the gaps by interpolation or the mean (shown in grey).",
                        "也可按 I 用插值或均值补齐缺失值（以灰色显示）。",
                    )
                    .to_string(),
                ));
            }
            f.render_widget(Paragraph::new(lines), rest);
            return;
        }
        Calc::Ready(a) => a,
    };
    let w = rest.width as usize;
    let lines = match app.results_view {
        ResultsView::Scores => None,
        ResultsView::Weights => Some(weight_lines(app, fw, a)),
        ResultsView::Dynamics => Some(crate::tui::results_more::dynamics_lines(app, w)),
        ResultsView::Robustness => Some(crate::tui::results_more::robustness_lines(app, fw, w)),
    };
    if let Some(lines) = lines {
        scrolled(f, lines, rest, app.scroll, app.lang);
        return;
    }
    let table: Vec<Line> = score_table(fw, a, app.lang)
        .into_iter()
        .map(Line::from)
        .collect();
    // The table first; the charts get what is left (at least 6 lines, else none).
    let spare = rest.height.saturating_sub(table.len() as u16);
    let chart_h: u16 = if spare >= 6 {
        spare.min(14)
    } else if rest.height >= 20 {
        8
    } else {
        0
    };
    let table_h = rest.height.saturating_sub(chart_h);
    f.render_widget(
        Paragraph::new(table).scroll((app.scroll, 0)),
        Rect::new(rest.x, rest.y, rest.width, table_h),
    );
    if chart_h == 0 {
        return;
    }
    let charts = Rect::new(rest.x, rest.y + table_h, rest.width, chart_h);
    let spark_w = (charts.width / 3).max(20);
    let bars_area = Rect::new(
        charts.x,
        charts.y,
        charts.width.saturating_sub(spark_w),
        chart_h,
    );
    let spark_area = Rect::new(charts.x + bars_area.width, charts.y, spark_w, chart_h);
    let k = fw.circles.len();
    let colors = [
        Color::Cyan,
        Color::Magenta,
        Color::Green,
        Color::Yellow,
        Color::Blue,
    ];
    let m = a.m().max(1);
    let inner_w = bars_area.width.saturating_sub(2) as usize;
    let bar_w = ((inner_w / m).saturating_sub(1) / k.max(1)).clamp(1, 3) as u16;
    let groups: Vec<BarGroup> = (0..a.m())
        .map(|i| {
            let bars: Vec<Bar> = a
                .circles(i)
                .iter()
                .enumerate()
                .map(|(c, u)| {
                    Bar::default()
                        .value((u * 100.0).round() as u64)
                        .text_value(String::new())
                        .style(Style::default().fg(colors[c % colors.len()]))
                })
                .collect();
            BarGroup::default()
                .label(Line::from(short_label(&a.labels[i], (bar_w as usize) * k)))
                .bars(&bars)
        })
        .collect();
    let legend: Vec<String> = match app.lang {
        Lang::En => fw.circles.iter().map(|c| c.id.clone()).collect(),
        Lang::Zh => (0..k)
            .map(|c| app.names(fw).circle_short(c).to_string())
            .collect(),
    };
    let mut chart = BarChart::default()
        .block(
            Block::default()
                .borders(Borders::TOP)
                .title(match app.lang {
                    Lang::En => format!("U per observation (bars: {})", legend.join(", ")),
                    Lang::Zh => format!("各年份/地区的 U（柱：{}）", legend.join("、")),
                }),
        )
        .bar_width(bar_w)
        .bar_gap(0)
        .group_gap(1)
        .max(100);
    for g in groups {
        chart = chart.data(g);
    }
    f.render_widget(chart, bars_area);
    let ds: Vec<u64> = a
        .coupling
        .iter()
        .map(|c| (c.d * 100.0).round() as u64)
        .collect();
    let first = a.coupling.first().map_or(0.0, |c| c.d);
    let last = a.coupling.last().map_or(0.0, |c| c.d);
    f.render_widget(
        Sparkline::default()
            .block(
                Block::default()
                    .borders(Borders::TOP | Borders::LEFT)
                    .title(format!("D {} → {}", num3(first), num3(last))),
            )
            .data(&ds)
            .max(100)
            .style(Style::default().fg(Color::Green)),
        spark_area,
    );
}
