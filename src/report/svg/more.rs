//! Further charts: D against the ten coordination levels, a radar of the dimension scores, and
//! a heat map of a labelled square matrix (niche overlap between observations).

use std::fmt::Write as _;

use super::{
    Chart, D_COLOUR, PALETTE, Svg, esc, label_px, text_px, value_axis, x_axis_title, x_label,
};
use crate::engine::Assessment;
use crate::lang::Lang;
use crate::names::{Names, level_text};
use crate::textfmt::num3;

/// D with the ten level bands shaded behind it.
pub const LEVELS_FILE: &str = "d-levels.svg";
/// Dimension scores of the focus observation on a radar.
pub const RADAR_FILE: &str = "dimension-radar.svg";
/// A square matrix between observations (niche overlap).
pub const HEAT_FILE: &str = "niche-overlap.svg";

/// Band fills from level 1 (severe disorder, pale red) to level 10 (quality coordination,
/// pale green); pale so the D line stays the strongest mark.
const BANDS: [&str; 10] = [
    "#f8d7d5", "#f9e0d2", "#fae9d0", "#fbf1cf", "#fbf8d0", "#eef6d1", "#e1f1d3", "#d4ecd5",
    "#c8e7d7", "#bce2d9",
];

pub(super) fn levels_chart(n: &Names, a: &Assessment) -> Chart {
    let m = a.m();
    let series_time = a.is_time_series();
    let title = n
        .l(
            "Coupling coordination degree D and the ten coordination levels",
            "耦合协调度 D 与十级协调等级",
        )
        .to_string();
    let band_labels: Vec<String> = (1..=10u8)
        .map(|lv| format!("{lv} {}", level_text(n.lang, lv)))
        .collect();
    let band_w = band_labels
        .iter()
        .map(|l| text_px(l, 10.0))
        .fold(0.0, f64::max);
    let widest = a
        .labels
        .iter()
        .map(|l| label_px(l, 11.0))
        .fold(0.0, f64::max);
    let below = if series_time {
        24.0
    } else {
        widest * 0.6 + 24.0
    };
    let left = if series_time {
        64.0
    } else {
        f64::max(
            64.0,
            a.labels.first().map_or(0.0, |l| label_px(l, 11.0)) * 0.82 - 10.0,
        )
    };
    let plot_w = (70.0 * m as f64).clamp(420.0, 900.0);
    let right = left + plot_w;
    let w = right + band_w + 24.0;
    let (top, bottom) = (50.0, 370.0);
    let mut s = Svg::new(w, 0.0);
    let y_of = |v: f64| bottom - v.clamp(0.0, 1.0) * (bottom - top);
    for (k, fill) in BANDS.iter().enumerate() {
        let (lo, hi) = (k as f64 / 10.0, (k + 1) as f64 / 10.0);
        s.rect(
            left,
            y_of(hi),
            right - left,
            y_of(lo) - y_of(hi),
            fill,
            &band_labels[k],
        );
        s.text(
            right + 8.0,
            (y_of(lo) + y_of(hi)) / 2.0 + 4.0,
            &band_labels[k],
            10.0,
            "start",
            "",
        );
    }
    value_axis(&mut s, left, right, top, bottom, n.l("D (0–1)", "D（0–1）"));
    let slot = (right - left) / m.max(1) as f64;
    let x_of = |i: usize| left + slot * (i as f64 + 0.5);
    if series_time && m > 1 {
        let pts: Vec<String> = (0..m)
            .map(|i| format!("{:.1},{:.1}", x_of(i), y_of(a.coupling[i].d)))
            .collect();
        let _ = writeln!(
            s.body,
            r#"  <polyline points="{}" fill="none" stroke="{D_COLOUR}" stroke-width="2.5"/>"#,
            pts.join(" ")
        );
    }
    for i in 0..m {
        let c = &a.coupling[i];
        let _ = writeln!(
            s.body,
            r#"  <circle cx="{:.1}" cy="{:.1}" r="4" fill="{D_COLOUR}"><title>{}</title></circle>"#,
            x_of(i),
            y_of(c.d),
            esc(&format!(
                "{}: D = {}, {}",
                a.labels[i],
                num3(c.d),
                band_labels[usize::from(c.level.clamp(1, 10)) - 1]
            ))
        );
        s.text(x_of(i), y_of(c.d) - 8.0, &num3(c.d), 10.0, "middle", "");
        x_label(&mut s, x_of(i), bottom, &a.labels[i], !series_time);
    }
    x_axis_title(
        &mut s,
        n,
        series_time,
        (left + right) / 2.0,
        bottom + below + 16.0,
    );
    let series = vec![
        n.l("D (coupling coordination degree)", "D（耦合协调度）")
            .to_string(),
    ];
    let entries = vec![(series[0].clone(), D_COLOUR.to_string(), true)];
    s.h = s.legend(left, bottom + below + 42.0, right, &entries);
    let svg = s.finish(
        &title,
        n.l(
            "D of every observation against the ten coordination levels, shaded from level 1 (bottom) to level 10 (top).",
            "各观测的 D 与十级协调等级，底部为第1级，顶部为第10级。",
        ),
    );
    let mut series = series;
    series.extend(band_labels);
    Chart {
        file: LEVELS_FILE,
        title,
        series,
        svg,
    }
}

pub(super) fn radar_chart(n: &Names, a: &Assessment, f: usize) -> Chart {
    let k = n.fw.dimensions.len();
    let label = &a.labels[f];
    let title = match n.lang {
        Lang::En => format!("Dimension scores, {label}"),
        Lang::Zh => format!("{label} 各维度得分"),
    };
    let names: Vec<String> = (0..k).map(|d| n.dim_short(d).to_string()).collect();
    let label_w = names.iter().map(|s| text_px(s, 11.0)).fold(0.0, f64::max);
    let r = 170.0;
    let cx = 40.0 + label_w + r;
    let cy = 60.0 + r + 20.0;
    let w = (cx + r + label_w + 40.0).max(640.0);
    let mut s = Svg::new(w, 0.0);
    let angle =
        |d: usize| std::f64::consts::TAU * d as f64 / k.max(1) as f64 - std::f64::consts::FRAC_PI_2;
    let at = |d: usize, v: f64| (cx + r * v * angle(d).cos(), cy + r * v * angle(d).sin());
    for ring in 1..=5 {
        let v = ring as f64 / 5.0;
        let pts: Vec<String> = (0..k)
            .map(|d| {
                let (x, y) = at(d, v);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = writeln!(
            s.body,
            r##"  <polygon points="{}" fill="none" stroke="{}" stroke-width="1"/>"##,
            pts.join(" "),
            if ring == 5 { "#333333" } else { "#d0d0d0" }
        );
        s.text(
            cx + 4.0,
            cy - r * v + 12.0,
            &format!("{v:.1}"),
            10.0,
            "start",
            r##" fill="#666666""##,
        );
    }
    for (d, name) in names.iter().enumerate() {
        let (x, y) = at(d, 1.0);
        s.line(cx, cy, x, y, "#d0d0d0", 1.0);
        let (lx, ly) = at(d, 1.08);
        let cos = angle(d).cos();
        let anchor = if cos > 0.2 {
            "start"
        } else if cos < -0.2 {
            "end"
        } else {
            "middle"
        };
        let dy = if angle(d).sin() > 0.5 {
            12.0
        } else if angle(d).sin() < -0.5 {
            -4.0
        } else {
            4.0
        };
        s.text(lx, ly + dy, name, 11.0, anchor, "");
    }
    let values = a.dimensions(f);
    let pts: Vec<String> = (0..k)
        .map(|d| {
            let (x, y) = at(d, values.get(d).copied().unwrap_or(0.0).clamp(0.0, 1.0));
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let colour = PALETTE[0];
    let _ = writeln!(
        s.body,
        r#"  <polygon points="{}" fill="{colour}" fill-opacity="0.25" stroke="{colour}" stroke-width="2.5"/>"#,
        pts.join(" ")
    );
    for (d, name) in names.iter().enumerate() {
        let v = values.get(d).copied().unwrap_or(0.0);
        let (x, y) = at(d, v.clamp(0.0, 1.0));
        let _ = writeln!(
            s.body,
            r#"  <circle cx="{x:.1}" cy="{y:.1}" r="3" fill="{colour}"><title>{}</title></circle>"#,
            esc(&format!("{name}: {}", num3(v)))
        );
    }
    let series = vec![match n.lang {
        Lang::En => format!("Dimension score, {label}"),
        Lang::Zh => format!("{label} 维度得分"),
    }];
    let entries = vec![(series[0].clone(), colour.to_string(), false)];
    s.h = s.legend(40.0, cy + r + 50.0, w - 20.0, &entries);
    let svg = s.finish(
        &title,
        n.l(
            "Radar chart of the dimension scores (0–1) of the focus observation.",
            "重点观测各维度得分（0–1）雷达图。",
        ),
    );
    Chart {
        file: RADAR_FILE,
        title,
        series,
        svg,
    }
}

/// The most CSS pixels the cells of a heat map take across: 50 cells of the smallest size that
/// still holds a number. More observations get smaller cells without numbers (each keeps its
/// tooltip) and every few a label, so 500 belts make a 1,400-pixel picture, not one of 14,000
/// pixels whose PNG needed gigabytes.
const HEAT_SIDE: f64 = 1400.0;

/// A heat map of a square matrix with row and column labels (e.g. niche overlap between
/// observations, values 0–1); `None` cells are grey with a dash. Fails when the matrix is not
/// square or does not match the labels.
pub fn heat_map(
    title: &str,
    labels: &[String],
    m: &[Vec<Option<f64>>],
    lang: Lang,
) -> Result<Chart, String> {
    let k = labels.len();
    if m.len() != k || m.iter().any(|row| row.len() != k) {
        return Err(format!(
            "the heat map needs a {k}×{k} matrix for {k} labels"
        ));
    }
    let label_w = labels
        .iter()
        .map(|l| text_px(l, 11.0))
        .fold(0.0, f64::max)
        .min(220.0);
    let cell = (480.0 / k.max(1) as f64)
        .clamp(28.0, 60.0)
        .min(HEAT_SIDE / k.max(1) as f64);
    let numbers = cell >= 28.0;
    // Labels 11 px high: one every `every` rows and columns keeps them apart.
    let every = (12.0 / cell).ceil().max(1.0) as usize;
    let left = 20.0 + label_w + 8.0;
    let top = 50.0 + label_w * 0.7 + 10.0;
    let w = (left + cell * k as f64 + 40.0).max(480.0);
    let mut s = Svg::new(w, 0.0);
    let fill = |v: f64| {
        // White (0) to dark blue (1), linear in each channel: 255 → 31, 255 → 119, 255 → 180.
        let t = v.clamp(0.0, 1.0);
        let ch = |to: f64| (255.0 + (to - 255.0) * t).round() as u8;
        format!("#{:02x}{:02x}{:02x}", ch(31.0), ch(119.0), ch(180.0))
    };
    for (i, row) in m.iter().enumerate() {
        let y = top + cell * i as f64;
        if i % every == 0 {
            s.text(
                left - 6.0,
                y + cell / 2.0 + 4.0,
                &labels[i],
                11.0,
                "end",
                "",
            );
        }
        for (j, v) in row.iter().enumerate() {
            let x = left + cell * j as f64;
            match v {
                Some(v) => {
                    s.rect(
                        x,
                        y,
                        cell,
                        cell,
                        &fill(*v),
                        &format!("{} × {}: {}", labels[i], labels[j], num3(*v)),
                    );
                    if !numbers {
                        continue;
                    }
                    let ink = if *v > 0.55 {
                        r##" fill="#ffffff""##
                    } else {
                        ""
                    };
                    let txt = format!("{v:.2}");
                    s.text(
                        x + cell / 2.0,
                        y + cell / 2.0 + 4.0,
                        &txt,
                        (cell / 4.0).min(11.0),
                        "middle",
                        ink,
                    );
                }
                None => {
                    s.rect(
                        x,
                        y,
                        cell,
                        cell,
                        "#eeeeee",
                        &format!("{} × {}: –", labels[i], labels[j]),
                    );
                    if !numbers {
                        continue;
                    }
                    s.text(
                        x + cell / 2.0,
                        y + cell / 2.0 + 4.0,
                        "–",
                        11.0,
                        "middle",
                        "",
                    );
                }
            }
        }
    }
    for (j, l) in labels.iter().enumerate().step_by(every) {
        let (x, y) = (left + cell * (j as f64 + 0.5), top - 6.0);
        s.text(
            x,
            y,
            l,
            11.0,
            "start",
            &format!(r#" transform="rotate(-45 {x:.1} {y:.1})""#),
        );
    }
    let by = top + cell * k as f64 + 24.0;
    let steps = 10;
    for t in 0..steps {
        let v = (t as f64 + 0.5) / steps as f64;
        s.rect(
            left + 20.0 * t as f64,
            by,
            20.0,
            12.0,
            &fill(v),
            &format!("{v:.2}"),
        );
    }
    s.text(left, by + 26.0, "0", 10.0, "middle", "");
    s.text(
        left + 20.0 * steps as f64,
        by + 26.0,
        "1",
        10.0,
        "middle",
        "",
    );
    let missing = match lang {
        Lang::En => "– no value",
        Lang::Zh => "– 无数值",
    };
    s.text(
        left + 20.0 * steps as f64 + 24.0,
        by + 10.0,
        missing,
        11.0,
        "start",
        "",
    );
    s.h = by + 44.0;
    let desc = match lang {
        Lang::En => {
            "Heat map of a square matrix between the observations, 0 (white) to 1 (dark blue)."
        }
        Lang::Zh => "观测两两之间矩阵的热力图，0（白）到 1（深蓝）。",
    };
    let svg = s.finish(title, desc);
    Ok(Chart {
        file: HEAT_FILE,
        title: title.to_string(),
        series: labels.to_vec(),
        svg,
    })
}
