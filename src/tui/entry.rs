//! Entry screen: one circle's indicators (rows, under their dimensions) × observations
//! (columns), with a frozen label column and both-way scrolling done here, because ratatui's
//! Table does not scroll columns.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::*;
use crate::lang::pick;
use crate::model::Direction;
use crate::textfmt::format_number;
use crate::textfmt::{pad_left, pad_right, truncate, width, wrap};

/// A line of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridRow {
    Dimension(usize),
    /// Position in the circle's indicator list, framework indicator index.
    Indicator(usize, usize),
}

/// The grid's lines for circle `c`.
pub fn rows(fw: &crate::model::Framework, c: usize) -> Vec<GridRow> {
    let mut out = Vec::new();
    let mut pos = 0;
    for d in fw.dimensions_of_circle(c) {
        out.push(GridRow::Dimension(d));
        for j in fw.indicators_of_dimension(d) {
            out.push(GridRow::Indicator(pos, j));
            pos += 1;
        }
    }
    out
}

/// Where the parts of the Entry screen go, shared by `view` and by `update`'s scrolling.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub progress: Rect,
    pub grid: Rect,
    pub detail: Rect,
    pub label_w: u16,
    pub col_w: u16,
    pub vis_rows: usize,
    pub vis_cols: usize,
    /// Header rows above the first grid line (two for a panel: regions, then periods).
    pub head_h: u16,
}

/// The body of every screen: below the title and tabs, above the message and footer.
pub fn body(size: (u16, u16)) -> Rect {
    Rect::new(0, 2, size.0, size.1.saturating_sub(4))
}

/// The Entry layout for the app's terminal size.
pub fn geometry(app: &App) -> Option<Geometry> {
    let d = app.doc.as_ref()?;
    let Screen::Entry(c) = app.screen else {
        return None;
    };
    let fw = &d.framework;
    let area = body(app.size);
    let detail_h: u16 = if area.height >= 16 { 6 } else { 3 };
    let grid_h = area.height.saturating_sub(1 + detail_h);
    let progress = Rect::new(area.x, area.y, area.width, 1);
    let grid = Rect::new(area.x, area.y + 1, area.width, grid_h);
    let detail = Rect::new(area.x, area.y + 1 + grid_h, area.width, detail_h);
    let names = rows(fw, c).into_iter().map(|r| match r {
        GridRow::Dimension(d) => width(app.names(fw).dim(d)) + 2,
        GridRow::Indicator(_, j) => width(app.names(fw).ind(j)) + 3,
    });
    let max_label = names.max().unwrap_or(10) as u16;
    let label_w = max_label.clamp(16, (area.width / 2).max(16)).min(38);
    let max_obs = (0..d.survey.observations.len())
        .map(|i| width(&super::entry_head::col_label(&d.survey, i)))
        .max()
        .unwrap_or(4) as u16;
    let col_w = (max_obs.max(7) + 2).min(16);
    // Names give way (down to 20 columns) when that brings every observation on screen.
    let m = d.survey.observations.len() as u16;
    let room = area.width.saturating_sub(m.saturating_mul(col_w));
    let label_w = if room < label_w && room >= 20 {
        room
    } else {
        label_w
    };
    let vis_cols = ((area.width.saturating_sub(label_w)) / col_w).max(1) as usize;
    let head_h = super::entry_head::head_rows(&d.survey);
    Some(Geometry {
        progress,
        grid,
        detail,
        label_w,
        col_w,
        vis_rows: grid_h.saturating_sub(head_h) as usize,
        vis_cols,
        head_h,
    })
}

/// How many grid lines fit (for PgUp/PgDn).
pub fn visible_rows(app: &App) -> usize {
    geometry(app).map_or(1, |g| g.vis_rows)
}

/// Keeps the cursor inside the grid after the survey or circle changed.
pub fn clamp_cursor(app: &mut App) {
    let (Some(d), Screen::Entry(c)) = (&app.doc, app.screen) else {
        return;
    };
    let n = circle_indicators(&d.framework, c).len();
    let m = d.survey.observations.len();
    app.row = app.row.min(n.saturating_sub(1));
    app.col = app.col.min(m.saturating_sub(1));
}

/// Adjusts the row and column offsets so the selected cell (and its dimension heading, when
/// it fits) is on screen.
pub fn scroll_into_view(app: &mut App) {
    let Some(g) = geometry(app) else {
        return;
    };
    let (Some(d), Screen::Entry(c)) = (&app.doc, app.screen) else {
        return;
    };
    let rs = rows(&d.framework, c);
    let p = rs
        .iter()
        .position(|r| matches!(r, GridRow::Indicator(pos, _) if *pos == app.row))
        .unwrap_or(0);
    let want_top = if p > 0 && matches!(rs[p - 1], GridRow::Dimension(_)) {
        p - 1
    } else {
        p
    };
    if want_top < app.row_off {
        app.row_off = want_top;
    }
    if g.vis_rows > 0 && p >= app.row_off + g.vis_rows {
        app.row_off = p + 1 - g.vis_rows;
    }
    app.row_off = app.row_off.min(rs.len().saturating_sub(g.vis_rows.max(1)));
    if app.col < app.col_off {
        app.col_off = app.col;
    }
    if app.col >= app.col_off + g.vis_cols {
        app.col_off = app.col + 1 - g.vis_cols;
    }
}

/// Moves to the next missing cell, circle by circle (core → sub-core → outer), going down each
/// observation's column, and wrapping around.
pub fn jump_to_next_missing(app: &mut App) {
    let Some(d) = &app.doc else {
        return;
    };
    let Screen::Entry(c0) = app.screen else {
        return;
    };
    let fw = &d.framework;
    let k = fw.circles.len();
    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for dc in 0..=k {
        let c = (c0 + dc) % k;
        let mut miss = missing_in_circle(fw, &d.survey, c);
        miss.sort_by_key(|&(r, i)| (i, r));
        for (r, i) in miss {
            let after_cursor = dc > 0 || (i, r) > (app.col, app.row);
            let before_cursor = dc == k && (i, r) <= (app.col, app.row);
            if (dc < k && after_cursor) || before_cursor {
                order.push((c, r, i));
            }
        }
    }
    match order.first() {
        Some(&(c, r, i)) => {
            let name = app.circle_name(fw, c);
            let total: usize = (0..k)
                .map(|x| missing_in_circle(fw, &d.survey, x).len())
                .sum();
            app.screen = Screen::Entry(c);
            app.row = r;
            app.col = i;
            app.message = Some((
                Tone::Info,
                match app.lang {
                    crate::lang::Lang::En => {
                        format!("next missing cell in {name} ({total} missing in all)")
                    }
                    crate::lang::Lang::Zh => format!("{name}的下一个缺失值（共缺 {total} 个）"),
                },
            ));
            scroll_into_view(app);
        }
        None => {
            app.message = Some((
                Tone::Good,
                app.tr(
                    "no missing cells: every circle is complete — Tab on to the results",
                    "没有缺失值：各圈层数据已齐全 — 按 Tab 查看结果",
                )
                .into(),
            ));
        }
    }
}

/// The progress line: completeness per circle.
fn progress_line(app: &App, d: &Doc, c_now: usize) -> Line<'static> {
    let fw = &d.framework;
    let m = d.survey.observations.len();
    let mut spans = vec![Span::styled(
        app.tr("Progress ", "进度 ").to_string(),
        Style::default().add_modifier(Modifier::BOLD),
    )];
    for c in 0..fw.circles.len() {
        let total = circle_indicators(fw, c).len() * m;
        let miss = missing_in_circle(fw, &d.survey, c).len();
        let pct = ((total - miss) * 100).checked_div(total).unwrap_or(0);
        if c > 0 {
            spans.push(Span::raw(" · "));
        }
        let text = if miss == 0 && total > 0 {
            format!("{}: {pct}% ✓", app.names(fw).circle_short(c))
        } else {
            format!(
                "{}: {pct}%, {miss} {}",
                app.names(fw).circle_short(c),
                app.tr("missing", "缺失")
            )
        };
        let mut style = if miss == 0 && total > 0 {
            Style::default().fg(Color::Green)
        } else {
            Style::default().fg(Color::Yellow)
        };
        if c == c_now {
            style = style.add_modifier(Modifier::BOLD);
        }
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

/// Takes `s` from display column `skip` on, at most `w` columns.
fn window(s: &str, skip: usize, w: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    let mut used = 0;
    for ch in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if col < skip {
            col += cw;
            continue;
        }
        if used + cw > w {
            break;
        }
        out.push(ch);
        used += cw;
    }
    out
}

/// Draws the Entry screen for circle `c`.
pub fn view(app: &App, f: &mut Frame, c: usize) {
    let (Some(d), Some(g)) = (&app.doc, geometry(app)) else {
        return;
    };
    let fw = &d.framework;
    f.render_widget(Paragraph::new(progress_line(app, d, c)), g.progress);
    let inds = circle_indicators(fw, c);
    let m = d.survey.observations.len();
    let buf = f.buffer_mut();
    let grid = g.grid;
    super::entry_head::draw(app, d, &g, buf);
    let last_col = (app.col_off + g.vis_cols).min(m);
    // Body rows.
    let rs = rows(fw, c);
    for (line, r) in rs.iter().skip(app.row_off).take(g.vis_rows).enumerate() {
        let y = grid.y + g.head_h + line as u16;
        match *r {
            GridRow::Dimension(dd) => {
                let name = app.names(fw).dim(dd);
                buf.set_stringn(
                    grid.x,
                    y,
                    truncate(&format!("▸ {name}"), grid.width as usize),
                    grid.width as usize,
                    Style::default()
                        .fg(Color::Cyan)
                        .add_modifier(Modifier::BOLD),
                );
            }
            GridRow::Indicator(pos, j) => {
                let ind = &fw.indicators[j];
                let name = app.names(fw).ind(j);
                let selected_row = pos == app.row;
                let lstyle = if selected_row {
                    Style::default().add_modifier(Modifier::BOLD)
                } else {
                    Style::default()
                };
                let mark = if selected_row { "›" } else { " " };
                let text = truncate(&format!("{mark} {name}"), g.label_w as usize - 1);
                buf.set_stringn(
                    grid.x,
                    y,
                    pad_right(&text, g.label_w as usize),
                    g.label_w as usize,
                    lstyle,
                );
                for (k, i) in (app.col_off..last_col).enumerate() {
                    let x = grid.x + g.label_w + k as u16 * g.col_w;
                    let cw = g.col_w as usize - 1;
                    let selected = selected_row && i == app.col;
                    let value = d.survey.value(i, &ind.id);
                    if selected && app.mode == Mode::Edit {
                        let scroll = app.input.visual_scroll(cw.saturating_sub(1));
                        let shown = window(app.input.value(), scroll, cw);
                        buf.set_stringn(
                            x,
                            y,
                            pad_right(&shown, cw),
                            cw,
                            Style::default()
                                .fg(Color::Black)
                                .bg(Color::White)
                                .add_modifier(Modifier::UNDERLINED),
                        );
                        continue;
                    }
                    // A value outside the usual range stays marked until it is changed.
                    let unusual = |v: f64| ind.bounds.is_some_and(|(lo, hi)| v < lo || v > hi);
                    let (text, mut style) = match value {
                        Some(v) if unusual(v) => (
                            format!("!{}", format_number(v)),
                            Style::default()
                                .fg(Color::Magenta)
                                .add_modifier(Modifier::UNDERLINED),
                        ),
                        Some(v) => (format_number(v), Style::default()),
                        None => match super::entry_head::imputed(app, i, j) {
                            Some(v) => (
                                super::entry_head::imputed_text(v),
                                super::entry_head::imputed_style(),
                            ),
                            None => ("·".to_string(), Style::default().fg(Color::Yellow)),
                        },
                    };
                    if selected {
                        style = style.add_modifier(Modifier::REVERSED);
                    }
                    buf.set_stringn(x, y, pad_left(&truncate(&text, cw), cw), cw, style);
                }
            }
        }
    }
    if app.mode == Mode::Edit
        && let Some(pos) = cursor_position(app, &g, &inds)
    {
        f.set_cursor_position(pos);
    }
    detail(app, f, d, &inds, g.detail);
}

/// The terminal cursor's place at the caret of the edited cell (display width, not chars), so
/// an input method's candidate window opens there.
fn cursor_position(app: &App, g: &Geometry, inds: &[usize]) -> Option<(u16, u16)> {
    let d = app.doc.as_ref()?;
    let Screen::Entry(c) = app.screen else {
        return None;
    };
    let rs = rows(&d.framework, c);
    let p = rs
        .iter()
        .position(|r| matches!(r, GridRow::Indicator(pos, _) if *pos == app.row))?;
    if p < app.row_off || p >= app.row_off + g.vis_rows || app.col < app.col_off || inds.is_empty()
    {
        return None;
    }
    let cw = g.col_w as usize - 1;
    let scroll = app.input.visual_scroll(cw.saturating_sub(1));
    let cx = app.input.visual_cursor().saturating_sub(scroll).min(cw);
    let x = g.grid.x + g.label_w + (app.col - app.col_off) as u16 * g.col_w + cx as u16;
    let y = g.grid.y + g.head_h + (p - app.row_off) as u16;
    Some((x, y))
}

/// The selected indicator's particulars, always visible under the grid.
fn detail(app: &App, f: &mut Frame, d: &Doc, inds: &[usize], area: Rect) {
    let Some(&j) = inds.get(app.row) else {
        return;
    };
    let fw = &d.framework;
    let ind = &fw.indicators[j];
    let w = area.width as usize;
    let dir = match (ind.direction, app.lang) {
        (Direction::Positive, crate::lang::Lang::En) => "+ more is better",
        (Direction::Negative, crate::lang::Lang::En) => "− less is better",
        (Direction::Positive, crate::lang::Lang::Zh) => "+ 正向（越大越好）",
        (Direction::Negative, crate::lang::Lang::Zh) => "− 负向（越小越好）",
    };
    let lang = app.lang;
    let mut lines = vec![Line::from(Span::styled(
        "─".repeat(w),
        Style::default().fg(Color::DarkGray),
    ))];
    let name = pick(lang, &ind.name, ind.name_zh.as_deref());
    let unit = pick(lang, &ind.unit, ind.unit_zh.as_deref());
    lines.push(Line::from(vec![
        Span::styled(
            name.to_string(),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(" [{}] · {unit} · {dir}", ind.id)),
    ]));
    let mut extra = Vec::new();
    if ind.min.is_some() || ind.max.is_some() {
        let f = |x: Option<f64>| x.map_or("…".to_string(), format_number);
        extra.push(format!(
            "{} {}–{}",
            lang.tr("allowed", "允许"),
            f(ind.min),
            f(ind.max)
        ));
    }
    if let Some((lo, hi)) = ind.bounds {
        extra.push(format!(
            "{} [{}, {}]",
            lang.tr("usual range", "常见范围"),
            format_number(lo),
            format_number(hi)
        ));
    }
    if let Some((lo, hi)) = ind.scale {
        extra.push(format!("{} {lo}–{hi}", lang.tr("scale", "量表")));
    }
    if let Some(wt) = ind.weight {
        extra.push(format!(
            "{} {}",
            lang.tr("weight", "权重"),
            format_number(wt)
        ));
    }
    let description = pick(lang, &ind.description, ind.description_zh.as_deref());
    let source = format!(
        "{}{}",
        lang.tr("source: ", "来源："),
        pick(lang, &ind.source, ind.source_zh.as_deref())
    );
    if area.height >= 6 {
        let mut desc = wrap(description, w.saturating_sub(1));
        if desc.len() > 2 {
            desc.truncate(2);
            if let Some(last) = desc.last_mut() {
                *last = fit(&format!("{last} …"), w);
            }
        }
        for l in desc.iter() {
            lines.push(Line::from(l.clone()));
        }
        if desc.len() < 2 {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(
            fit(&source, w),
            Style::default().fg(Color::DarkGray),
        )));
        lines.push(Line::from(Span::styled(
            fit(&extra.join(" · "), w),
            Style::default().fg(Color::DarkGray),
        )));
    } else {
        let mut l = source;
        if !extra.is_empty() {
            l = format!("{} · {l}", extra.join(" · "));
        }
        lines.push(Line::from(fit(&l, w)));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// Whether the observations are years (all whole numbers) or regions, for the grid's corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObsWord {
    Year,
    Region,
}

/// Years when every label is a whole number (or there are none), else regions.
pub fn obs_word(s: &crate::model::Survey) -> ObsWord {
    if s.observations
        .iter()
        .all(|o| o.label.trim().trim_end_matches('年').parse::<i64>().is_ok())
    {
        ObsWord::Year
    } else {
        ObsWord::Region
    }
}

/// `s` in at most `w` columns: whole words, ending in `…` when something was left out.
pub fn fit(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let lines = wrap(s, w.saturating_sub(1).max(1));
    match lines.first() {
        Some(first) if width(first) < w => format!("{}…", first.trim_end()),
        _ => truncate(s, w),
    }
}
