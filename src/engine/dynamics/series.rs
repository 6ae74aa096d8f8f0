//! Which observations form time series and cross-sections, and the whole dynamics result
//! built from them.

use super::{
    Dynamics, Forecast, NicheEntry, Series, SynergyPair, gm11, niche, synergy, synergy_class,
};
use crate::engine::{Assessment, level_of};
use crate::model::Framework;

/// The scores dynamics work on, per observation: copied out of an assessment so that other
/// producers (a sensitivity run, a test) can supply them too.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub labels: Vec<String>,
    pub circle_ids: Vec<String>,
    /// U, m × circles.
    pub circles: Vec<f64>,
    /// T per observation.
    pub coordination: Vec<f64>,
    /// D per observation.
    pub degree: Vec<f64>,
    /// Number of dimensions q.
    pub q: usize,
    /// m × q.
    pub dimensions: Vec<f64>,
}

impl Scores {
    pub fn from_assessment(fw: &Framework, a: &Assessment) -> Scores {
        Scores {
            labels: a.labels.clone(),
            circle_ids: fw.circles.iter().map(|c| c.id.clone()).collect(),
            circles: a.circle_scores.clone(),
            coordination: a.coupling.iter().map(|c| c.t).collect(),
            degree: a.coupling.iter().map(|c| c.d).collect(),
            q: fw.dimensions.len(),
            dimensions: a.dimension_scores.clone(),
        }
    }

    fn u(&self, i: usize) -> &[f64] {
        let k = self.circle_ids.len();
        &self.circles[i * k..(i + 1) * k]
    }

    fn dims(&self, i: usize) -> &[f64] {
        &self.dimensions[i * self.q..(i + 1) * self.q]
    }
}

/// One time series: observation indices in period order.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesSpec {
    /// The panel's region, `None` for a survey without regions.
    pub region: Option<String>,
    pub observations: Vec<usize>,
    /// Increasing, one per observation.
    pub periods: Vec<i64>,
}

/// One cross-section: regions observed together.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossSection {
    /// `None` for a survey of regions, the period for a panel.
    pub period: Option<i64>,
    pub observations: Vec<usize>,
    /// The region name of each observation.
    pub names: Vec<String>,
}

/// How a survey's observations divide into time series and cross-sections.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub series: Vec<SeriesSpec>,
    pub cross_sections: Vec<CrossSection>,
}

/// `-?[0-9]+` as an integer (None on overflow or any other text).
fn integer_label(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Layout {
    /// A survey without regions: labels that are all distinct integers form one time series
    /// ordered by them; anything else is one cross-section of regions named by their labels.
    pub fn of_labels(labels: &[String]) -> Layout {
        let periods: Option<Vec<i64>> = labels.iter().map(|l| integer_label(l)).collect();
        if let Some(periods) = periods {
            let mut order: Vec<usize> = (0..labels.len()).collect();
            order.sort_by_key(|&i| periods[i]);
            let distinct = order.windows(2).all(|w| periods[w[0]] != periods[w[1]]);
            if distinct && !labels.is_empty() {
                return Layout {
                    series: vec![SeriesSpec {
                        region: None,
                        periods: order.iter().map(|&i| periods[i]).collect(),
                        observations: order,
                    }],
                    cross_sections: Vec::new(),
                };
            }
        }
        Layout {
            series: Vec::new(),
            cross_sections: vec![CrossSection {
                period: None,
                observations: (0..labels.len()).collect(),
                names: labels.to_vec(),
            }],
        }
    }

    /// A panel: one series per region (order of first appearance, by period) and one
    /// cross-section per period (increasing; regions in input order). `regions` and `periods`
    /// have one entry per observation; (region, period) pairs are unique.
    pub fn of_panel(regions: &[String], periods: &[i64]) -> Layout {
        let mut names: Vec<&String> = Vec::new();
        for r in regions {
            if !names.contains(&r) {
                names.push(r);
            }
        }
        let series = names
            .iter()
            .map(|&name| {
                let mut obs: Vec<usize> = (0..regions.len())
                    .filter(|&i| &regions[i] == name)
                    .collect();
                obs.sort_by_key(|&i| periods[i]);
                SeriesSpec {
                    region: Some(name.clone()),
                    periods: obs.iter().map(|&i| periods[i]).collect(),
                    observations: obs,
                }
            })
            .collect();
        let mut distinct: Vec<i64> = periods.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let cross_sections = distinct
            .into_iter()
            .map(|p| {
                let obs: Vec<usize> = (0..periods.len()).filter(|&i| periods[i] == p).collect();
                CrossSection {
                    period: Some(p),
                    names: obs.iter().map(|&i| regions[i].clone()).collect(),
                    observations: obs,
                }
            })
            .collect();
        Layout {
            series,
            cross_sections,
        }
    }
}

/// How a warning names a series.
fn series_name(region: &Option<String>) -> String {
    match region {
        Some(r) => format!("region `{r}`"),
        None => "the series".to_string(),
    }
}

fn pair(s: &Scores, from: usize, to: usize) -> SynergyPair {
    let value = synergy(s.u(from), s.u(to));
    SynergyPair {
        from: s.labels[from].clone(),
        to: s.labels[to].clone(),
        value,
        class: synergy_class(value),
    }
}

/// Synergy, overall synergy and forecasts of one series; warnings name it.
fn one_series(s: &Scores, spec: &SeriesSpec, horizon: usize, warnings: &mut Vec<String>) -> Series {
    let name = series_name(&spec.region);
    let obs = &spec.observations;
    let mut out = Series {
        region: spec.region.clone(),
        periods: spec.periods.clone(),
        labels: obs.iter().map(|&i| s.labels[i].clone()).collect(),
        synergy: Vec::new(),
        synergy_overall: None,
        forecasts: Vec::new(),
    };
    let consecutive = spec
        .periods
        .windows(2)
        .all(|w| w[0].checked_add(1) == Some(w[1]));
    if !consecutive {
        let list: Vec<String> = spec.periods.iter().map(i64::to_string).collect();
        warnings.push(format!(
            "{name}: periods {} are not consecutive, so it has no synergy degree and no forecasts",
            list.join(", ")
        ));
        return out;
    }
    out.synergy = obs.windows(2).map(|w| pair(s, w[0], w[1])).collect();
    if let (Some(&first), Some(&last)) = (obs.first(), obs.last())
        && obs.len() >= 2
    {
        out.synergy_overall = Some(pair(s, first, last));
    }
    let k = s.circle_ids.len();
    let mut quantities: Vec<(String, Vec<f64>)> = vec![
        ("degree".into(), obs.iter().map(|&i| s.degree[i]).collect()),
        (
            "coordination".into(),
            obs.iter().map(|&i| s.coordination[i]).collect(),
        ),
    ];
    quantities.extend((0..k).map(|c| {
        (
            format!("circle:{}", s.circle_ids[c]),
            obs.iter().map(|&i| s.u(i)[c]).collect(),
        )
    }));
    let last = spec.periods.last().copied().unwrap_or(0);
    for (quantity, values) in quantities {
        let model = match gm11(&values, horizon) {
            Ok(m) => m,
            Err(why) => {
                warnings.push(format!("{name}: no GM(1,1) model for {quantity}: {why}"));
                continue;
            }
        };
        let periods: Vec<i64> = (1..=horizon as i64)
            .map(|h| last.saturating_add(h))
            .collect();
        let levels = (quantity == "degree").then(|| {
            model
                .forecast
                .iter()
                .zip(&periods)
                .map(|(&d, p)| {
                    if !(0.0..=1.0).contains(&d) {
                        warnings.push(format!(
                            "{name}: forecast degree {d} for {p} leaves [0, 1]; its level is that of the clamped value"
                        ));
                    }
                    level_of(d.clamp(0.0, 1.0))
                })
                .collect()
        });
        out.forecasts.push(Forecast {
            quantity,
            model,
            periods,
            levels,
        });
    }
    out
}

/// The niche of one cross-section, or `None` (with a warning) when it has fewer than 2 regions.
fn one_niche(s: &Scores, cs: &CrossSection, warnings: &mut Vec<String>) -> Option<NicheEntry> {
    let place = match cs.period {
        Some(p) => format!("period {p}"),
        None => "the cross-section".to_string(),
    };
    if cs.observations.len() < 2 {
        warnings.push(format!(
            "{place}: {} region(s), so no niche (it compares at least 2 regions)",
            cs.observations.len()
        ));
        return None;
    }
    let profiles: Vec<&[f64]> = cs.observations.iter().map(|&i| s.dims(i)).collect();
    let measures = niche(&profiles);
    for (r, b) in measures.breadth.iter().enumerate() {
        if b.is_none() {
            warnings.push(format!(
                "{place}: region `{}` has no niche profile (every dimension score is 0, or there are fewer than 2 dimensions), so its breadth and overlaps are null",
                cs.names[r]
            ));
        }
    }
    Some(NicheEntry {
        period: cs.period,
        regions: cs.names.clone(),
        measures,
    })
}

/// Synergy and forecasts for every series of `layout`, the niche of every cross-section, and
/// the warnings for whatever could not be computed. `horizon` is H, the number of forecast
/// periods (the command checks H ≥ 1).
pub fn analyse(scores: &Scores, layout: &Layout, horizon: usize) -> Dynamics {
    let mut warnings = Vec::new();
    let series = layout
        .series
        .iter()
        .map(|spec| one_series(scores, spec, horizon, &mut warnings))
        .collect();
    let niche = layout
        .cross_sections
        .iter()
        .filter_map(|cs| one_niche(scores, cs, &mut warnings))
        .collect();
    Dynamics {
        series,
        niche,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(ls: &[&str]) -> Vec<String> {
        ls.iter().map(|s| s.to_string()).collect()
    }

    /// Two circles, two dimensions (= the circles' scores), D = T = mean of U.
    fn scores(ls: &[&str], u: &[[f64; 2]]) -> Scores {
        let t: Vec<f64> = u.iter().map(|r| (r[0] + r[1]) / 2.0).collect();
        Scores {
            labels: labels(ls),
            circle_ids: labels(&["a", "b"]),
            circles: u.iter().flatten().copied().collect(),
            coordination: t.clone(),
            degree: t,
            q: 2,
            dimensions: u.iter().flatten().copied().collect(),
        }
    }

    #[test]
    fn integer_labels_form_one_series_in_period_order() {
        let l = Layout::of_labels(&labels(&["2021", "2019", "2020"]));
        assert_eq!(l.series.len(), 1);
        assert_eq!(l.series[0].observations, [1, 2, 0]);
        assert_eq!(l.series[0].periods, [2019, 2020, 2021]);
        assert!(l.cross_sections.is_empty());
        assert_eq!(
            Layout::of_labels(&labels(&["-1", "0"])).series[0].periods,
            [-1, 0]
        );
    }

    #[test]
    fn other_labels_form_a_cross_section() {
        for ls in [
            &["2019", "2020a"][..],
            &["1", "01"],
            &["A", "B"],
            &["+1", "2"],
        ] {
            let l = Layout::of_labels(&labels(ls));
            assert!(l.series.is_empty(), "{ls:?}");
            assert_eq!(l.cross_sections[0].names, labels(ls));
            assert_eq!(l.cross_sections[0].period, None);
        }
    }

    #[test]
    fn a_panel_has_a_series_per_region_and_a_cross_section_per_period() {
        let regions = labels(&["B", "A", "B", "A", "C"]);
        let l = Layout::of_panel(&regions, &[2021, 2021, 2020, 2020, 2021]);
        let names: Vec<_> = l.series.iter().map(|s| s.region.clone().unwrap()).collect();
        assert_eq!(names, ["B", "A", "C"]);
        assert_eq!(l.series[0].observations, [2, 0]);
        assert_eq!(l.series[0].periods, [2020, 2021]);
        assert_eq!(l.cross_sections.len(), 2);
        assert_eq!(l.cross_sections[0].period, Some(2020));
        assert_eq!(l.cross_sections[0].names, labels(&["B", "A"]));
        assert_eq!(l.cross_sections[1].names, labels(&["B", "A", "C"]));
    }

    #[test]
    fn a_series_gets_pairs_overall_and_forecasts() {
        let u = [
            [0.2, 0.3],
            [0.3, 0.35],
            [0.35, 0.5],
            [0.5, 0.55],
            [0.6, 0.7],
        ];
        let s = scores(&["2019", "2020", "2021", "2022", "2023"], &u);
        let d = analyse(&s, &Layout::of_labels(&s.labels), 3);
        let series = &d.series[0];
        assert_eq!(series.synergy.len(), 4);
        // 2019 → 2020: Δ = 0.1, 0.05 → √0.005.
        assert!((series.synergy[0].value - 0.005f64.sqrt()).abs() < 1e-12);
        let overall = series.synergy_overall.as_ref().unwrap();
        assert_eq!(
            (overall.from.as_str(), overall.to.as_str()),
            ("2019", "2023")
        );
        let q: Vec<_> = series
            .forecasts
            .iter()
            .map(|f| f.quantity.as_str())
            .collect();
        assert_eq!(q, ["degree", "coordination", "circle:a", "circle:b"]);
        assert_eq!(series.forecasts[0].periods, [2024, 2025, 2026]);
        assert!(series.forecasts[0].levels.is_some());
        assert!(series.forecasts[1].levels.is_none());
        // Growing D forecast past 1: level 10 and a warning naming the series.
        let f = &series.forecasts[0];
        for (v, l) in f.model.forecast.iter().zip(f.levels.as_ref().unwrap()) {
            assert_eq!(*l, level_of(v.clamp(0.0, 1.0)));
        }
        let over = f.model.forecast.iter().filter(|v| **v > 1.0).count();
        assert_eq!(d.warnings.len(), over);
        assert!(d.warnings.iter().all(|w| w.starts_with("the series:")));
    }

    #[test]
    fn a_series_with_a_gap_is_skipped_with_a_warning() {
        let u = [[0.2, 0.3], [0.3, 0.35], [0.35, 0.5], [0.5, 0.55]];
        let s = scores(&["2019", "2020", "2022", "2023"], &u);
        let d = analyse(&s, &Layout::of_labels(&s.labels), 3);
        assert!(d.series[0].synergy.is_empty());
        assert!(d.series[0].synergy_overall.is_none());
        assert!(d.series[0].forecasts.is_empty());
        assert_eq!(d.series[0].periods, [2019, 2020, 2022, 2023]);
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("not consecutive"));
    }

    #[test]
    fn a_quantity_without_a_model_warns_and_the_others_are_modelled() {
        // Circle b is 0 in 2019: no model for circle:b (and D > 0 everywhere still).
        let u = [[0.2, 0.0], [0.3, 0.35], [0.35, 0.5], [0.5, 0.55]];
        let s = scores(&["2019", "2020", "2021", "2022"], &u);
        let d = analyse(&s, &Layout::of_labels(&s.labels), 1);
        let q: Vec<_> = d.series[0]
            .forecasts
            .iter()
            .map(|f| f.quantity.as_str())
            .collect();
        assert_eq!(q, ["degree", "coordination", "circle:a"]);
        assert!(d.warnings.iter().any(|w| w.contains("circle:b")));
        // Three periods: pairs, but every quantity is too short for a model.
        let s = scores(&["2019", "2020", "2021"], &u[1..]);
        let d = analyse(&s, &Layout::of_labels(&s.labels), 1);
        assert_eq!(d.series[0].synergy.len(), 2);
        assert!(d.series[0].forecasts.is_empty());
        assert_eq!(d.warnings.len(), 4);
        // One period: no pair at all.
        let s = scores(&["2019"], &u[1..2]);
        let d = analyse(&s, &Layout::of_labels(&s.labels), 1);
        assert!(d.series[0].synergy_overall.is_none());
    }

    #[test]
    fn niche_of_regions_and_of_panel_periods() {
        let u = [[0.0, 0.0], [0.2, 0.6], [0.6, 0.2]];
        let s = scores(&["A", "B", "C"], &u);
        let d = analyse(&s, &Layout::of_labels(&s.labels), 3);
        assert!(d.series.is_empty());
        assert_eq!(d.niche.len(), 1);
        assert_eq!(d.niche[0].measures.breadth[0], None);
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("`A`"));
        // A panel period with one region has no niche entry, with a warning.
        let layout = Layout::of_panel(&labels(&["A", "B", "A"]), &[2020, 2020, 2021]);
        let d = analyse(&s, &layout, 3);
        assert_eq!(d.niche.len(), 1);
        assert_eq!(d.niche[0].period, Some(2020));
        assert!(d.warnings.iter().any(|w| w.starts_with("period 2021")));
    }
}
