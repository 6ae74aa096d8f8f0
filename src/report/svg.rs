//! Standalone, hand-written SVG charts for pasting into a Word document: no chart crate, no
//! script, no external file. Each has a `<title>`, labelled axes and a legend; label text is
//! XML-escaped and the font list falls back to common CJK fonts so Chinese labels render.

mod more;

use std::fmt::Write as _;

use crate::engine::Assessment;
use crate::files::Input;
use crate::lang::Lang;
use crate::names::{Names, short};
use crate::report::ReportOptions;
use crate::textfmt::{num3, pct1};

/// Circle scores of the focus observation (bars).
pub const CIRCLES_FILE: &str = "circle-scores.svg";
/// D and the circle scores over the observations (lines for years, grouped bars for regions).
pub const TREND_FILE: &str = "trend.svg";
/// Obstacle degrees of the dimensions at the focus observation (sorted bars).
pub const OBSTACLES_FILE: &str = "dimension-obstacles.svg";

pub use more::{HEAT_FILE, LEVELS_FILE, RADAR_FILE, heat_map};

/// One chart: its file name, the title and series labels it shows, and the SVG text.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub file: &'static str,
    pub title: String,
    /// Every legend entry (series label), for callers that list or check them.
    pub series: Vec<String>,
    pub svg: String,
}

const FONT: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', \
                    'Microsoft YaHei', 'WenQuanYi Micro Hei', SimHei, 'Helvetica Neue', Arial, sans-serif";
const PALETTE: [&str; 8] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
];
const D_COLOUR: &str = "#222222";
const WEAK_COLOUR: &str = "#d62728";
const OTHER_COLOUR: &str = "#9e9e9e";

/// Escapes the five XML special characters.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Rough rendered width of `s` at font size `size` (wide CJK glyphs count double).
fn text_px(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if unicode_width::UnicodeWidthChar::width(c).unwrap_or(1) > 1 {
                1.0
            } else {
                0.58
            }
        })
        .sum::<f64>()
        * size
}

/// The most room an observation's label takes beside an axis, as in the heat map: a longer
/// label runs off the picture instead of making it tens of thousands of pixels high.
const LABEL_ROOM: f64 = 220.0;

/// The room `label` takes at font size `size`: [`text_px`], at most [`LABEL_ROOM`].
fn label_px(label: &str, size: f64) -> f64 {
    text_px(label, size).min(LABEL_ROOM)
}

/// The most characters a chart draws of one text: more than any picture shows (a label runs
/// off it past [`LABEL_ROOM`]), and the SVG renderer lays out text in time that grows with the
/// square of its length (a fuzzed label of 103,000 characters took 24 s to draw).
const CHART_CHARS: usize = 200;

/// `s` as a chart draws it: whole, or its first [`CHART_CHARS`] − 1 characters and `…`.
pub(crate) fn drawn(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(CHART_CHARS) {
        None => s.into(),
        Some(_) => {
            let cut = s
                .char_indices()
                .nth(CHART_CHARS - 1)
                .map_or(s.len(), |(i, _)| i);
            format!("{}…", &s[..cut]).into()
        }
    }
}

/// An SVG document under construction.
struct Svg {
    w: f64,
    h: f64,
    body: String,
}

impl Svg {
    fn new(w: f64, h: f64) -> Self {
        Svg {
            w,
            h,
            body: String::new(),
        }
    }

    fn text(&mut self, x: f64, y: f64, s: &str, size: f64, anchor: &str, extra: &str) {
        let _ = writeln!(
            self.body,
            r#"  <text x="{x:.1}" y="{y:.1}" font-size="{size}" text-anchor="{anchor}"{extra}>{}</text>"#,
            esc(&drawn(s))
        );
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
        let _ = writeln!(
            self.body,
            r#"  <line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{width}"/>"#
        );
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, tip: &str) {
        let _ = writeln!(
            self.body,
            r#"  <rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{fill}"><title>{}</title></rect>"#,
            w.max(0.0),
            h.max(0.0),
            esc(tip)
        );
    }

    /// Legend entries in rows starting at (x, y); returns the y below the legend.
    fn legend(&mut self, x0: f64, y: f64, max_x: f64, entries: &[(String, String, bool)]) -> f64 {
        let mut x = x0;
        let mut y = y;
        for (label, colour, is_line) in entries {
            let w = 24.0 + text_px(label, 12.0) + 18.0;
            if x + w > max_x && x > x0 {
                x = x0;
                y += 20.0;
            }
            if *is_line {
                self.line(x, y - 4.0, x + 18.0, y - 4.0, colour, 3.0);
            } else {
                let _ = writeln!(
                    self.body,
                    r#"  <rect x="{x:.1}" y="{:.1}" width="14" height="12" fill="{colour}"/>"#,
                    y - 10.0
                );
            }
            self.text(x + 24.0, y, label, 12.0, "start", "");
            x += w;
        }
        y + 20.0
    }

    fn finish(self, title: &str, desc: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             font-family=\"{FONT}\">\n  <title>{t}</title>\n  <desc>{d}</desc>\n  \
             <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n  \
             <text x=\"{cx:.1}\" y=\"28\" font-size=\"16\" font-weight=\"bold\" text-anchor=\"middle\">{t}</text>\n{body}</svg>\n",
            w = self.w.ceil(),
            h = self.h.ceil(),
            t = esc(title),
            d = esc(desc),
            cx = self.w / 2.0,
            body = self.body
        )
    }
}

/// A vertical 0–1 value axis with grid lines, from `top` to `bottom` at x = `left`.
fn value_axis(s: &mut Svg, left: f64, right: f64, top: f64, bottom: f64, label: &str) {
    for k in 0..=5 {
        let v = k as f64 / 5.0;
        let y = bottom - v * (bottom - top);
        s.line(
            left,
            y,
            right,
            y,
            if k == 0 { "#333333" } else { "#e0e0e0" },
            1.0,
        );
        s.text(left - 6.0, y + 4.0, &format!("{v:.1}"), 11.0, "end", "");
    }
    s.line(left, top, left, bottom, "#333333", 1.0);
    let my = (top + bottom) / 2.0;
    s.text(
        18.0,
        my,
        label,
        12.0,
        "middle",
        &format!(r#" transform="rotate(-90 18 {my:.1})""#),
    );
}

/// The three charts of a report, in the order the report shows them.
pub fn charts(input: &Input, a: &Assessment, opts: &ReportOptions) -> Vec<Chart> {
    let names = Names {
        fw: &input.framework,
        lang: opts.lang,
    };
    if a.m() == 0 {
        return Vec::new();
    }
    let f = opts.focus.min(a.m() - 1);
    vec![
        circle_chart(&names, a, f),
        trend_chart(&names, a),
        obstacle_chart(&names, a, f),
    ]
}

/// Charts only the Word report shows (it has room for them; text and Markdown keep three):
/// D against the ten levels and the radar of the focus observation's dimension scores.
pub fn word_charts(input: &Input, a: &Assessment, opts: &ReportOptions) -> Vec<Chart> {
    let names = Names {
        fw: &input.framework,
        lang: opts.lang,
    };
    if a.m() == 0 {
        return Vec::new();
    }
    let f = opts.focus.min(a.m() - 1);
    vec![
        more::levels_chart(&names, a),
        more::radar_chart(&names, a, f),
    ]
}

fn circle_chart(n: &Names, a: &Assessment, f: usize) -> Chart {
    let k = n.fw.circles.len();
    let label = &a.labels[f];
    let title = match n.lang {
        Lang::En => format!("Circle scores U, {label}"),
        Lang::Zh => format!("{label} 圈层得分 U"),
    };
    let series: Vec<String> = (0..k).map(|c| n.circle(c).to_string()).collect();
    let (w, left, right, top, bottom) = (640.0, 64.0, 620.0, 50.0, 330.0);
    let mut s = Svg::new(w, 0.0);
    value_axis(
        &mut s,
        left,
        right,
        top,
        bottom,
        n.l("Score U (0–1)", "得分 U（0–1）"),
    );
    let slot = (right - left) / k as f64;
    for c in 0..k {
        let u = a.circles(f)[c];
        let x = left + slot * c as f64 + slot * 0.2;
        let h = u.clamp(0.0, 1.0) * (bottom - top);
        s.rect(
            x,
            bottom - h,
            slot * 0.6,
            h,
            PALETTE[c % PALETTE.len()],
            &format!("{}: {}", series[c], num3(u)),
        );
        s.text(
            x + slot * 0.3,
            bottom - h - 6.0,
            &num3(u),
            12.0,
            "middle",
            "",
        );
        s.text(
            x + slot * 0.3,
            bottom + 18.0,
            short(&series[c]),
            12.0,
            "middle",
            "",
        );
    }
    s.text(
        (left + right) / 2.0,
        bottom + 40.0,
        n.l("Circle", "圈层"),
        12.0,
        "middle",
        "",
    );
    let entries: Vec<(String, String, bool)> = series
        .iter()
        .enumerate()
        .map(|(c, l)| (l.clone(), PALETTE[c % PALETTE.len()].to_string(), false))
        .collect();
    let end = s.legend(left, bottom + 66.0, right, &entries);
    s.h = end;
    let svg = s.finish(
        &title,
        n.l(
            "Bar chart of the circle scores of the focus observation.",
            "重点观测各圈层得分柱状图。",
        ),
    );
    Chart {
        file: CIRCLES_FILE,
        title,
        series,
        svg,
    }
}

/// An observation's label under the x axis; rotated when the labels would collide.
fn x_label(s: &mut Svg, x: f64, bottom: f64, label: &str, rotate: bool) {
    if rotate {
        let y = bottom + 14.0;
        let turn = format!(r#" transform="rotate(-35 {x:.1} {y:.1})""#);
        s.text(x, y, label, 11.0, "end", &turn);
    } else {
        s.text(x, bottom + 18.0, label, 11.0, "middle", "");
    }
}

/// The x axis's title: years for a time series, observations otherwise.
fn x_axis_title(s: &mut Svg, n: &Names, series_time: bool, x: f64, y: f64) {
    let title = if series_time {
        n.l("Year", "年份")
    } else {
        n.l("Observation", "观测")
    };
    s.text(x, y, title, 12.0, "middle", "");
}
fn trend_chart(n: &Names, a: &Assessment) -> Chart {
    let k = n.fw.circles.len();
    let m = a.m();
    let series_time = a.is_time_series();
    let title = n
        .l(
            "Coupling coordination degree D and circle scores U",
            "耦合协调度 D 与圈层得分 U",
        )
        .to_string();
    let d_label = n
        .l("D (coupling coordination degree)", "D（耦合协调度）")
        .to_string();
    let mut series = vec![d_label.clone()];
    series.extend((0..k).map(|c| format!("U: {}", n.circle(c))));
    let colours: Vec<&str> = std::iter::once(D_COLOUR)
        .chain((0..k).map(|c| PALETTE[c % PALETTE.len()]))
        .collect();
    let values = |s: usize, i: usize| {
        if s == 0 {
            a.coupling[i].d
        } else {
            a.circles(i)[s - 1]
        }
    };
    // Rotated labels need room below the axis.
    let rotate = !series_time;
    let widest = a
        .labels
        .iter()
        .map(|l| label_px(l, 11.0))
        .fold(0.0, f64::max);
    let below = if rotate { widest * 0.6 + 24.0 } else { 24.0 };
    let w = (160.0 + 70.0 * m as f64).clamp(640.0, 1200.0);
    // A rotated first label reaches left of its tick: keep it inside the picture.
    let first_px = a.labels.first().map_or(0.0, |l| label_px(l, 11.0));
    let left = if rotate {
        f64::max(64.0, first_px * 0.82 - 10.0)
    } else {
        64.0
    };
    let (right, top, bottom) = (w - 20.0, 50.0, 330.0);
    let mut s = Svg::new(w, 0.0);
    value_axis(
        &mut s,
        left,
        right,
        top,
        bottom,
        n.l("Score (0–1)", "得分（0–1）"),
    );
    let slot = (right - left) / m as f64;
    let y_of = |v: f64| bottom - v.clamp(0.0, 1.0) * (bottom - top);
    if series_time {
        let x_of = |i: usize| left + slot * (i as f64 + 0.5);
        for (sidx, colour) in colours.iter().enumerate() {
            let pts: Vec<String> = (0..m)
                .map(|i| format!("{:.1},{:.1}", x_of(i), y_of(values(sidx, i))))
                .collect();
            let width = if sidx == 0 { 3.0 } else { 2.0 };
            let dash = if sidx == 0 {
                ""
            } else {
                r#" stroke-dasharray="6 3""#
            };
            let _ = writeln!(
                s.body,
                r#"  <polyline points="{}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}><title>{}</title></polyline>"#,
                pts.join(" "),
                esc(&series[sidx])
            );
            for i in 0..m {
                let _ = writeln!(
                    s.body,
                    r#"  <circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"><title>{}</title></circle>"#,
                    x_of(i),
                    y_of(values(sidx, i)),
                    esc(&format!(
                        "{} {}: {}",
                        series[sidx],
                        a.labels[i],
                        num3(values(sidx, i))
                    ))
                );
            }
        }
    } else {
        let nser = colours.len() as f64;
        let bw = slot * 0.8 / nser;
        for i in 0..m {
            for (sidx, colour) in colours.iter().enumerate() {
                let v = values(sidx, i);
                let x = left + slot * i as f64 + slot * 0.1 + bw * sidx as f64;
                s.rect(
                    x,
                    y_of(v),
                    bw,
                    bottom - y_of(v),
                    colour,
                    &format!("{} {}: {}", series[sidx], a.labels[i], num3(v)),
                );
            }
        }
    }
    for (i, label) in a.labels.iter().enumerate() {
        x_label(
            &mut s,
            left + slot * (i as f64 + 0.5),
            bottom,
            label,
            rotate,
        );
    }
    x_axis_title(
        &mut s,
        n,
        series_time,
        (left + right) / 2.0,
        bottom + below + 16.0,
    );
    let entries: Vec<(String, String, bool)> = series
        .iter()
        .zip(&colours)
        .map(|(l, c)| (l.clone(), c.to_string(), series_time))
        .collect();
    let end = s.legend(left, bottom + below + 42.0, right, &entries);
    s.h = end;
    let svg = s.finish(
        &title,
        if series_time {
            n.l(
                "Line chart of D and the circle scores over the years.",
                "各年份 D 与圈层得分折线图。",
            )
        } else {
            n.l(
                "Grouped bars of D and the circle scores of each observation.",
                "各观测 D 与圈层得分分组柱状图。",
            )
        },
    );
    Chart {
        file: TREND_FILE,
        title,
        series,
        svg,
    }
}

fn obstacle_chart(n: &Names, a: &Assessment, f: usize) -> Chart {
    let o = &a.obstacles_of(f).dimensions;
    let weak = &a.weak_dimensions[f];
    let label = &a.labels[f];
    let title = match n.lang {
        Lang::En => format!("Obstacle degrees of the dimensions, {label}"),
        Lang::Zh => format!("{label} 各维度障碍度"),
    };
    let weak_label = match n.lang {
        Lang::En => format!("Weak dimension (top {})", weak.len()),
        Lang::Zh => format!("薄弱维度（前 {} 个）", weak.len()),
    };
    let other_label = n.l("Other dimension", "其他维度").to_string();
    let order = a.dimensions_by_obstacle(f);
    let names: Vec<&str> = order.iter().map(|&d| n.dim_short(d)).collect();
    let label_w = names.iter().map(|s| text_px(s, 12.0)).fold(0.0, f64::max);
    let left = 40.0 + label_w + 10.0;
    let w = (left + 460.0).max(640.0);
    let right = w - 70.0;
    let top = 50.0;
    let row = 24.0;
    let bottom = top + row * order.len() as f64;
    let max = o.iter().cloned().fold(0.0, f64::max);
    // Axis end: the next multiple of 10 % above the largest obstacle (at least 10 %).
    let axis_max = ((max * 10.0).ceil() / 10.0).max(0.1);
    let x_of = |v: f64| left + v / axis_max * (right - left);
    let mut s = Svg::new(w, 0.0);
    let ticks = (axis_max * 20.0).round() as usize; // every 5 %
    for t in 0..=ticks {
        let v = t as f64 * 0.05;
        let x = x_of(v);
        s.line(
            x,
            top,
            x,
            bottom,
            if t == 0 { "#333333" } else { "#e0e0e0" },
            1.0,
        );
        s.text(
            x,
            bottom + 16.0,
            &format!("{:.0}", v * 100.0),
            11.0,
            "middle",
            "",
        );
    }
    s.line(left, bottom, right, bottom, "#333333", 1.0);
    for (r, (&d, name)) in order.iter().zip(&names).enumerate() {
        let y = top + row * r as f64;
        let is_weak = weak.contains(&d);
        let colour = if is_weak { WEAK_COLOUR } else { OTHER_COLOUR };
        s.rect(
            left,
            y + 4.0,
            x_of(o[d]) - left,
            row - 8.0,
            colour,
            &format!("{name}: {}", pct1(o[d])),
        );
        s.text(left - 8.0, y + row / 2.0 + 4.0, name, 12.0, "end", "");
        s.text(
            x_of(o[d]) + 4.0,
            y + row / 2.0 + 4.0,
            &pct1(o[d]),
            11.0,
            "start",
            "",
        );
    }
    s.text(
        (left + right) / 2.0,
        bottom + 36.0,
        n.l("Obstacle degree (%)", "障碍度（%）"),
        12.0,
        "middle",
        "",
    );
    let my = (top + bottom) / 2.0;
    s.text(
        16.0,
        my,
        n.l("Dimension", "维度"),
        12.0,
        "middle",
        &format!(r#" transform="rotate(-90 16 {my:.1})""#),
    );
    let series = vec![weak_label, other_label];
    let entries = vec![
        (series[0].clone(), WEAK_COLOUR.to_string(), false),
        (series[1].clone(), OTHER_COLOUR.to_string(), false),
    ];
    let end = s.legend(left, bottom + 62.0, right, &entries);
    s.h = end;
    let svg = s.finish(
        &title,
        n.l(
            "Horizontal bars of the dimensions' obstacle degrees, largest first.",
            "各维度障碍度横向条形图，按从大到小排列。",
        ),
    );
    Chart {
        file: OBSTACLES_FILE,
        title,
        series,
        svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_draws_at_most_200_characters_of_a_text() {
        assert_eq!(drawn("义乌"), "义乌");
        let exact = "a".repeat(200);
        assert_eq!(drawn(&exact), exact);
        let long = "义".repeat(103_000);
        assert_eq!(drawn(&long), format!("{}…", "义".repeat(199)));
        let mut svg = Svg::new(100.0, 100.0);
        svg.text(0.0, 0.0, &long, 11.0, "end", "");
        assert_eq!(svg.body.matches('义').count(), 199);
    }

    #[test]
    fn escapes_xml_specials() {
        assert_eq!(
            esc(r#"R&D <a> "b" 'c'"#),
            "R&amp;D &lt;a&gt; &quot;b&quot; &apos;c&apos;"
        );
    }
}
