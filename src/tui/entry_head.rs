//! The Entry grid's column header and the cells imputation filled.
//!
//! A panel (region × period) gets two header rows: the region as a group header above its
//! periods, then the periods. Its labels ("Hexi home textiles 2021") would not fit a column at
//! 80×24, while a period does in 9 columns, so the grid keeps the survey's order and names the
//! region once per run of its columns (a survey written region by region, as the importers and
//! `new` write it, shows each region once).

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use super::app::*;
use super::entry::{Geometry, ObsWord, obs_word};
use crate::lang::Lang;
use crate::model::Survey;
use crate::textfmt::{pad_left, pad_right, truncate};

/// Header rows above the grid: two for a panel, else one.
pub fn head_rows(s: &Survey) -> u16 {
    if s.is_panel() { 2 } else { 1 }
}

/// The column label of observation `i`: its period in a panel, else its label.
pub fn col_label(s: &Survey, i: usize) -> String {
    match s.observations.get(i) {
        Some(o) if s.is_panel() => o.period.map_or_else(|| o.label.clone(), |p| p.to_string()),
        Some(o) => o.label.clone(),
        None => String::new(),
    }
}

/// The value imputation put in a missing cell (observation `i`, indicator `j`), when the
/// scores were computed with imputation.
pub fn imputed(app: &App, i: usize, j: usize) -> Option<f64> {
    match &app.calc {
        Calc::Ready(a) => (a.imputed.iter())
            .find(|&&(o, ind, _)| o == i && ind == j)
            .map(|&(_, _, v)| v),
        Calc::Blocked(_) => None,
    }
}

/// An imputed value as the grid shows it: three decimals at most, as no one typed it.
pub fn imputed_text(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// The style of an imputed value: dim italic, so it reads as "not typed in".
pub fn imputed_style() -> Style {
    Style::default()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::ITALIC)
}

/// Draws the corner, the column labels (with the panel's region row) and the scroll arrows.
pub fn draw(app: &App, d: &Doc, g: &Geometry, buf: &mut Buffer) {
    let grid = g.grid;
    let s = &d.survey;
    let m = s.observations.len();
    let dim = Style::default().fg(Color::DarkGray);
    let head = Style::default().add_modifier(Modifier::BOLD);
    let rows = head_rows(s);
    let y = grid.y + rows - 1;
    let corner = if m == 0 {
        app.tr("no observations: `a` adds one", "尚无年份/地区：按 a 添加")
    } else {
        match (app.lang, obs_word(s), rows) {
            (Lang::En, _, 2) => "indicator \\ period",
            (Lang::Zh, _, 2) => "指标 \\ 年份",
            (Lang::En, _, _) => "indicator \\ observation",
            (Lang::Zh, ObsWord::Year, _) => "指标 \\ 年份",
            (Lang::Zh, ObsWord::Region, _) => "指标 \\ 地区",
        }
    };
    let corner_w = if m == 0 { grid.width } else { g.label_w };
    buf.set_stringn(
        grid.x,
        y,
        truncate(corner, corner_w as usize),
        corner_w as usize,
        dim,
    );
    let last_col = (app.col_off + g.vis_cols).min(m);
    let cw = g.col_w as usize - 1;
    if rows == 2 && m > 0 {
        let label = app.tr("region", "地区");
        let lw = g.label_w as usize;
        buf.set_stringn(grid.x, grid.y, pad_left(label, lw - 1), lw, dim);
        let region = |i: usize| s.observations[i].region.as_deref().unwrap_or("");
        let mut k = 0;
        while k < last_col - app.col_off {
            let i = app.col_off + k;
            let run = (i..last_col)
                .take_while(|&x| region(x) == region(i))
                .count();
            let x = grid.x + g.label_w + k as u16 * g.col_w;
            let w = run * g.col_w as usize - 1;
            let style = Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
            buf.set_stringn(x, grid.y, pad_right(&truncate(region(i), w), w), w, style);
            k += run.max(1);
        }
    }
    for (k, i) in (app.col_off..last_col).enumerate() {
        let x = grid.x + g.label_w + k as u16 * g.col_w;
        let label = truncate(&col_label(s, i), cw);
        let style = if i == app.col {
            head.add_modifier(Modifier::UNDERLINED)
        } else {
            head
        };
        buf.set_stringn(x, y, pad_left(&label, cw), g.col_w as usize, style);
    }
    if app.col_off > 0 {
        buf.set_stringn(grid.x + g.label_w - 2, y, "◀", 1, dim);
    }
    if last_col < m {
        let x = grid.x + g.label_w + g.vis_cols as u16 * g.col_w;
        let x = x.min(grid.right().saturating_sub(1));
        buf.set_stringn(x, y, "▶", 1, dim);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imputed_values_show_three_decimals_at_most() {
        // (6.8 + 7.1) / 2 = 6.949999… in binary: shown as 6.95, not 6.94999…
        assert_eq!(imputed_text((6.8 + 7.1) / 2.0), "6.95");
        assert_eq!(imputed_text(7.22), "7.22");
        assert_eq!(imputed_text(12.0), "12");
        assert_eq!(imputed_text(-0.0001), "0");
        assert_eq!(imputed_text(1.23456), "1.235");
    }
}
