//! The dynamics chart: D over the periods of a time series with its GM(1,1) fitted values and
//! forecasts, so a reader sees both how well the model follows the data and where it leads.
//! Standalone SVG like the report's other charts. A cross-section (or a panel's latest period)
//! gets the niche-overlap heat map instead: which belts compete for the same resources.

use std::fmt::Write as _;

use crate::engine::Assessment;
use crate::engine::dynamics::{self, Dynamics, NicheEntry, Series};
use crate::files::Input;
use crate::lang::Lang;
use crate::report::ReportOptions;
use crate::report::svg::{Chart, drawn, esc, heat_map};
use crate::textfmt::num3;

/// D with its GM(1,1) fitted and forecast values (lines over the periods).
pub const DYNAMICS_FILE: &str = "dynamics-forecast.svg";

const FONT: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', \
                    'WenQuanYi Micro Hei', SimHei, 'Helvetica Neue', Arial, sans-serif";
const ACTUAL: &str = "#222222";
const FITTED: &str = "#1f77b4";
const FORECAST: &str = "#d62728";

/// The chart of the first series with a D model, if any.
pub fn chart(input: &Input, a: &Assessment, opts: &ReportOptions) -> Option<Chart> {
    let dy = dynamics::of_input(input, a, crate::report::sections::HORIZON);
    let s = dy.series.iter().find(|s| s.degree_forecast().is_some())?;
    let degree: Vec<f64> = a.coupling.iter().map(|c| c.d).collect();
    degree_chart(s, &a.labels, &degree, opts.lang)
}

/// Every dynamics chart the report shows, in its order: the D forecast of a time series, then
/// the niche-overlap heat map of a cross-section (a panel's latest period).
pub fn charts(input: &Input, a: &Assessment, opts: &ReportOptions) -> Vec<Chart> {
    let dy = dynamics::of_input(input, a, crate::report::sections::HORIZON);
    let forecast = dy
        .series
        .iter()
        .find(|s| s.degree_forecast().is_some())
        .and_then(|s| {
            let degree: Vec<f64> = a.coupling.iter().map(|c| c.d).collect();
            degree_chart(s, &a.labels, &degree, opts.lang)
        });
    forecast
        .into_iter()
        .chain(latest_niche(&dy).and_then(|n| niche_chart(n, opts.lang)))
        .collect()
}

/// The niche entry the heat map shows: the only one of a cross-section, the latest period of a
/// panel (one picture is readable; one per year would bury the section). At least two belts.
pub fn latest_niche(dy: &Dynamics) -> Option<&NicheEntry> {
    dy.niche
        .iter()
        .filter(|n| n.regions.len() >= 2)
        .max_by_key(|n| n.period)
}

/// Belts the heat map shows at most: a map of hundreds of rows cannot be read (nor, past a
/// few hundred, drawn: every cell is an SVG element).
pub const HEAT_BELTS: usize = 40;

/// The belts the heat map shows, in survey order: all of them, or the [`HEAT_BELTS`] whose
/// mean overlap with the others is highest, the fiercest competitors (ties keep survey order).
pub fn heat_belts(n: &NicheEntry) -> Vec<usize> {
    let k = n.regions.len();
    if k <= HEAT_BELTS {
        return (0..k).collect();
    }
    let mean = |i: usize| {
        let known: Vec<f64> = (0..k)
            .filter(|&j| j != i)
            .filter_map(|j| n.measures.overlap[i][j])
            .collect();
        known.iter().sum::<f64>() / known.len().max(1) as f64
    };
    let means: Vec<f64> = (0..k).map(mean).collect();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| means[b].total_cmp(&means[a]));
    order.truncate(HEAT_BELTS);
    order.sort_unstable();
    order
}

/// The heat map's title, also the figure caption in the report; it says when only some of the
/// belts are shown.
pub fn niche_title(n: &NicheEntry, lang: Lang) -> String {
    let base = match (n.period, lang) {
        (Some(p), Lang::En) => format!("Niche overlap (Pianka) of the belts, {p}"),
        (Some(p), Lang::Zh) => format!("产业带生态位重叠度（Pianka，{p} 年）"),
        (None, l) => l
            .tr(
                "Niche overlap (Pianka) of the belts",
                "产业带生态位重叠度（Pianka）",
            )
            .to_string(),
    };
    let k = n.regions.len();
    match lang {
        _ if k <= HEAT_BELTS => base,
        Lang::En => {
            format!("{base}: the {HEAT_BELTS} of {k} belts that overlap most with the others")
        }
        Lang::Zh => format!("{base}：{k} 个产业带中与其他产业带重叠度最高的 {HEAT_BELTS} 个"),
    }
}

/// The Pianka overlap of every pair of the belts shown as a heat map
/// ([`crate::report::svg::HEAT_FILE`]).
pub fn niche_chart(n: &NicheEntry, lang: Lang) -> Option<Chart> {
    let shown = heat_belts(n);
    let labels: Vec<String> = shown.iter().map(|&i| n.regions[i].clone()).collect();
    let overlap: Vec<Vec<Option<f64>>> = (shown.iter())
        .map(|&i| shown.iter().map(|&j| n.measures.overlap[i][j]).collect())
        .collect();
    heat_map(&niche_title(n, lang), &labels, &overlap, lang).ok()
}

/// Pixel position of a value on an axis from `lo` to `hi`.
fn scale(v: f64, lo: f64, hi: f64, from: f64, to: f64) -> f64 {
    if hi > lo {
        from + (v - lo) / (hi - lo) * (to - from)
    } else {
        from
    }
}

fn polyline(body: &mut String, pts: &[(f64, f64)], colour: &str, dash: &str) {
    let list: Vec<String> = pts.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    let _ = writeln!(
        body,
        r#"  <polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>"#,
        list.join(" ")
    );
}

fn text(body: &mut String, x: f64, y: f64, s: &str, anchor: &str) {
    let _ = writeln!(
        body,
        r#"  <text x="{x:.1}" y="{y:.1}" font-size="12" text-anchor="{anchor}">{}</text>"#,
        esc(&drawn(s))
    );
}

fn degree_chart(s: &Series, labels: &[String], degree: &[f64], lang: Lang) -> Option<Chart> {
    let (w, h) = (720.0, 400.0);
    let (left, right, top, bottom) = (70.0, w - 30.0, 60.0, h - 90.0);
    let f = s.degree_forecast()?;
    let periods: Vec<i64> = s.periods.iter().chain(&f.periods).copied().collect();
    // D as scored, looked up by label (the series may be a reordering of the observations).
    let observed: Vec<f64> = s
        .labels
        .iter()
        .map(|l| {
            labels
                .iter()
                .position(|x| x == l)
                .map_or(f64::NAN, |i| degree[i])
        })
        .collect();
    let hi = observed
        .iter()
        .chain(&f.model.fitted)
        .chain(&f.model.forecast)
        .filter(|v| v.is_finite())
        .fold(1.0f64, |m, v| m.max(*v));
    let (p0, p1) = (
        *periods.first().unwrap_or(&0) as f64,
        *periods.last().unwrap_or(&0) as f64,
    );
    let px = |p: i64| scale(p as f64, p0, p1, left + 20.0, right - 20.0);
    let py = |v: f64| scale(v, 0.0, hi, bottom, top);
    let mut body = String::new();
    for k in 0..=5 {
        let v = hi * k as f64 / 5.0;
        let y = py(v);
        let colour = if k == 0 { "#333333" } else { "#e0e0e0" };
        let _ = writeln!(
            body,
            r#"  <line x1="{left:.1}" y1="{y:.1}" x2="{right:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="1"/>"#
        );
        text(&mut body, left - 6.0, y + 4.0, &format!("{v:.1}"), "end");
    }
    for p in &periods {
        text(&mut body, px(*p), bottom + 18.0, &p.to_string(), "middle");
    }
    let n = s.periods.len();
    let actual_pts: Vec<(f64, f64)> = (0..n)
        .map(|k| (px(s.periods[k]), py(observed[k])))
        .collect();
    let fitted_pts: Vec<(f64, f64)> = (0..n)
        .map(|k| (px(s.periods[k]), py(f.model.fitted[k])))
        .collect();
    let mut forecast_pts = vec![*fitted_pts.last().unwrap_or(&(left, bottom))];
    forecast_pts.extend(
        f.periods
            .iter()
            .zip(&f.model.forecast)
            .map(|(p, v)| (px(*p), py(*v))),
    );
    polyline(&mut body, &actual_pts, ACTUAL, "");
    polyline(&mut body, &fitted_pts, FITTED, r#" stroke-dasharray="6 4""#);
    polyline(
        &mut body,
        &forecast_pts,
        FORECAST,
        r#" stroke-dasharray="2 4""#,
    );
    for (k, (x, y)) in actual_pts.iter().enumerate() {
        let _ = writeln!(
            body,
            r#"  <circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{ACTUAL}"><title>{} D = {}</title></circle>"#,
            s.periods[k],
            num3(observed[k])
        );
    }
    for ((x, y), (p, v)) in forecast_pts
        .iter()
        .skip(1)
        .zip(f.periods.iter().zip(&f.model.forecast))
    {
        let _ = writeln!(
            body,
            r#"  <circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{FORECAST}"><title>{p} D̂ = {}</title></circle>"#,
            num3(*v)
        );
    }
    let legend = [
        (lang.tr("D", "D"), ACTUAL),
        (lang.tr("GM(1,1) fitted", "GM(1,1) 拟合值"), FITTED),
        (lang.tr("GM(1,1) forecast", "GM(1,1) 预测值"), FORECAST),
    ];
    let mut x = left;
    for (label, colour) in legend {
        let y = h - 40.0;
        let _ = writeln!(
            body,
            r#"  <line x1="{x:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="3"/>"#,
            y - 4.0,
            x + 18.0,
            y - 4.0
        );
        text(&mut body, x + 24.0, y, label, "start");
        x += 200.0;
    }
    let title = match (&s.region, lang) {
        (Some(r), Lang::En) => {
            format!("Coupling coordination degree D and its GM(1,1) forecast — {r}")
        }
        (Some(r), Lang::Zh) => format!("耦合协调度 D 及其 GM(1,1) 预测——{r}"),
        (None, l) => l
            .tr(
                "Coupling coordination degree D and its GM(1,1) forecast",
                "耦合协调度 D 及其 GM(1,1) 预测",
            )
            .to_string(),
    };
    let svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"{FONT}\">\n  <title>{t}</title>\n  <desc>{d}</desc>\n  \
         <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n  \
         <text x=\"{cx:.1}\" y=\"28\" font-size=\"16\" font-weight=\"bold\" text-anchor=\"middle\">{t}</text>\n{body}</svg>\n",
        t = esc(&title),
        d = esc(lang.tr(
            "Observed D, the GM(1,1) fitted values and the forecasts after the last period.",
            "D 的实际值、GM(1,1) 拟合值及最后一期之后的预测值。"
        )),
        cx = w / 2.0,
    );
    Some(Chart {
        file: DYNAMICS_FILE,
        title,
        series: legend.iter().map(|(l, _)| l.to_string()).collect(),
        svg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dynamics::NicheMeasures;

    fn entry(period: Option<i64>, regions: &[&str]) -> NicheEntry {
        let k = regions.len();
        NicheEntry {
            period,
            regions: regions.iter().map(|r| r.to_string()).collect(),
            measures: NicheMeasures {
                breadth: vec![Some(0.5); k],
                overlap: vec![vec![Some(1.0); k]; k],
            },
        }
    }

    #[test]
    fn the_heat_map_shows_the_latest_period_with_two_belts() {
        let dy = Dynamics {
            series: Vec::new(),
            niche: vec![
                entry(Some(2023), &["A", "B"]),
                entry(Some(2024), &["A", "B", "C"]),
                // A period with one belt has no pair to compare.
                entry(Some(2025), &["A"]),
            ],
            warnings: Vec::new(),
        };
        assert_eq!(latest_niche(&dy).and_then(|n| n.period), Some(2024));
        let chart = latest_niche(&dy)
            .and_then(|n| niche_chart(n, Lang::En))
            .expect("a chart");
        assert_eq!(chart.file, crate::report::svg::HEAT_FILE);
        assert_eq!(chart.title, "Niche overlap (Pianka) of the belts, 2024");
        assert_eq!(
            niche_title(&entry(None, &["A", "B"]), Lang::Zh),
            "产业带生态位重叠度（Pianka）"
        );
    }

    #[test]
    fn a_large_cross_section_shows_the_belts_that_overlap_most() {
        // 45 belts; belt i overlaps belt j by 1 − |i − j| / 100 except that belts 0..5 overlap
        // nobody (0.0): their means are lowest, so the 40 shown are belts 5..45, in order.
        let names: Vec<String> = (0..45).map(|i| format!("B{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut n = entry(None, &refs);
        for i in 0..45_usize {
            for j in 0..45 {
                let o = if i < 5 || j < 5 {
                    0.0
                } else {
                    1.0 - i.abs_diff(j) as f64 / 100.0
                };
                n.measures.overlap[i][j] = Some(if i == j { 1.0 } else { o });
            }
        }
        assert_eq!(heat_belts(&n), (5..45).collect::<Vec<_>>());
        let chart = niche_chart(&n, Lang::En).expect("a chart");
        assert_eq!(
            chart.title,
            "Niche overlap (Pianka) of the belts: the 40 of 45 belts that overlap most with the others"
        );
        assert!(chart.svg.contains(">B5<") && !chart.svg.contains(">B4<"));
        assert!(niche_title(&n, Lang::Zh).ends_with("45 个产业带中与其他产业带重叠度最高的 40 个"));
    }
}
