//! Dynamics of an assessment over time and across regions: the synergy degree of the composite
//! system (how the circles move together between two periods), the niche of the belts (how
//! broad each region's resource profile is and how much two regions compete for the same
//! resources) and GM(1,1) forecasts of D, T and each U.
//!
//! Pure functions of the scores of an [`Assessment`](crate::engine::Assessment); the formulas
//! are in docs/method.md. Anything that cannot be computed is a warning in the result, never an
//! error: one short series must not hide the rest.

mod grey;
mod series;

pub use grey::{GRADE_NAMES, GRADE_NAMES_ZH, GreyModel, NoModel, gm11, grade};
pub use series::{CrossSection, Layout, Scores, SeriesSpec, analyse};

use crate::engine::Assessment;
use crate::model::Input;

/// How a survey's observations form time series and cross-sections. The one place that decides,
/// so the command, the report and any other consumer agree: a panel (observations with a region
/// and a period) is laid out by [`Layout::of_panel`]; otherwise the labels decide (distinct
/// integer labels are a series, anything else a cross-section).
pub fn layout(input: &Input, a: &Assessment) -> Layout {
    match input.doc.survey.panel_columns() {
        Some((regions, periods)) => Layout::of_panel(&regions, &periods),
        None => Layout::of_labels(&a.labels),
    }
}

/// The dynamics of an assessed survey, laid out by [`layout`].
pub fn of_input(input: &Input, a: &Assessment, horizon: usize) -> Dynamics {
    let scores = Scores::from_assessment(&input.framework, a);
    analyse(&scores, &layout(input, a), horizon)
}

/// English names of the synergy classes 1..=4.
pub const SYNERGY_CLASS_NAMES: [&str; 4] = [
    "non-synergistic",
    "low synergy",
    "moderate synergy",
    "high synergy",
];
/// Chinese names of the synergy classes 1..=4.
pub const SYNERGY_CLASS_NAMES_ZH: [&str; 4] = ["非协同", "低度协同", "中度协同", "高度协同"];

/// S = θ·(Π_k |Δ_k|)^{1/n} with Δ_k = U_k(t1) − U_k(t0); θ = 1 only when every circle improved,
/// so a single circle falling back makes the pair non-synergistic.
pub fn synergy(u0: &[f64], u1: &[f64]) -> f64 {
    let deltas: Vec<f64> = u0.iter().zip(u1).map(|(a, b)| b - a).collect();
    if deltas.is_empty() || deltas.contains(&0.0) {
        return 0.0;
    }
    let theta = if deltas.iter().all(|&d| d > 0.0) {
        1.0
    } else {
        -1.0
    };
    // The geometric mean through logs, so many small |Δ| cannot underflow the product.
    let log_mean = deltas.iter().map(|d| d.abs().ln()).sum::<f64>() / deltas.len() as f64;
    theta * log_mean.exp()
}

/// 1 non-synergistic (S ≤ 0), 2 low (≤ 0.3), 3 moderate (≤ 0.6), 4 high.
pub fn synergy_class(s: f64) -> u8 {
    if s <= 0.0 {
        1
    } else if s <= 0.3 {
        2
    } else if s <= 0.6 {
        3
    } else {
        4
    }
}

/// The English name of a synergy class 1..=4.
pub fn synergy_class_name(class: u8) -> &'static str {
    SYNERGY_CLASS_NAMES[(class.clamp(1, 4) - 1) as usize]
}

/// The Chinese name of a synergy class 1..=4.
pub fn synergy_class_name_zh(class: u8) -> &'static str {
    SYNERGY_CLASS_NAMES_ZH[(class.clamp(1, 4) - 1) as usize]
}

/// Niche breadth and overlap of a cross-section; `None` where a region has no profile.
#[derive(Debug, Clone, PartialEq)]
pub struct NicheMeasures {
    /// Levins' breadth, standardized to [0, 1], per region.
    pub breadth: Vec<Option<f64>>,
    /// Pianka's overlap, regions × regions (symmetric, 1 on the diagonal).
    pub overlap: Vec<Vec<Option<f64>>>,
}

/// The niche of regions whose resource profiles are their dimension scores (one slice per
/// region, q values each). A region whose scores sum to 0 has no profile: its breadth and every
/// overlap involving it are `None`. Breadth needs q ≥ 2 (with one dimension every region is
/// equally specialised and the standardization divides by 0).
pub fn niche(profiles: &[&[f64]]) -> NicheMeasures {
    let shares: Vec<Option<Vec<f64>>> = profiles
        .iter()
        .map(|s| {
            let total: f64 = s.iter().sum();
            (total > 0.0 && total.is_finite()).then(|| s.iter().map(|x| x / total).collect())
        })
        .collect();
    let sq = |p: &Vec<f64>| p.iter().map(|x| x * x).sum::<f64>();
    let breadth = shares
        .iter()
        .map(|p| {
            let p = p.as_ref()?;
            let q = p.len();
            (q >= 2).then(|| (1.0 / sq(p) - 1.0) / (q as f64 - 1.0))
        })
        .collect();
    let overlap = shares
        .iter()
        .enumerate()
        .map(|(r, pr)| {
            shares
                .iter()
                .enumerate()
                .map(|(s, ps)| {
                    let (pr, ps) = (pr.as_ref()?, ps.as_ref()?);
                    if r == s {
                        return Some(1.0);
                    }
                    let dot: f64 = pr.iter().zip(ps).map(|(a, b)| a * b).sum();
                    Some(dot / (sq(pr) * sq(ps)).sqrt())
                })
                .collect()
        })
        .collect();
    NicheMeasures { breadth, overlap }
}

/// One synergy degree between two observations of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct SynergyPair {
    pub from: String,
    pub to: String,
    pub value: f64,
    /// 1..=4, see [`synergy_class`].
    pub class: u8,
}

/// A GM(1,1) model of one quantity of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// `degree`, `coordination` or `circle:<id>`.
    pub quantity: String,
    pub model: GreyModel,
    /// The periods of `model.forecast`.
    pub periods: Vec<i64>,
    /// For `degree` only: the level of each forecast, clamped to [0, 1] first.
    pub levels: Option<Vec<u8>>,
}

/// The dynamics of one time series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// `None` unless the survey is a panel.
    pub region: Option<String>,
    pub periods: Vec<i64>,
    pub labels: Vec<String>,
    /// Consecutive pairs, in period order (empty when the periods have gaps).
    pub synergy: Vec<SynergyPair>,
    /// First → last (none when the periods have gaps or there is one observation).
    pub synergy_overall: Option<SynergyPair>,
    /// Degree, coordination, then each circle in framework order; only those with a model.
    pub forecasts: Vec<Forecast>,
}

/// The niche of one cross-section.
#[derive(Debug, Clone, PartialEq)]
pub struct NicheEntry {
    /// `None` for a survey of regions; the period for a panel.
    pub period: Option<i64>,
    pub regions: Vec<String>,
    pub measures: NicheMeasures,
}

/// Everything `dynamics` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Dynamics {
    pub series: Vec<Series>,
    pub niche: Vec<NicheEntry>,
    pub warnings: Vec<String>,
}

/// The coordination level called "good coordination"; reaching it is the usual policy target.
pub const GOOD_LEVEL: u8 = 9;

impl Series {
    /// The D forecast of the series, when it has a model.
    pub fn degree_forecast(&self) -> Option<&Forecast> {
        self.forecasts.iter().find(|f| f.quantity == "degree")
    }

    /// The first forecast period whose D reaches [`GOOD_LEVEL`] or above, with that D.
    pub fn first_good_period(&self) -> Option<(i64, f64)> {
        let f = self.degree_forecast()?;
        let levels = f.levels.as_ref()?;
        levels
            .iter()
            .zip(&f.periods)
            .zip(&f.model.forecast)
            .find(|((lv, _), _)| **lv >= GOOD_LEVEL)
            .map(|((_, p), v)| (*p, *v))
    }
}

impl NicheEntry {
    /// The `k` pairs of distinct regions with the largest overlap, largest first (ties in input
    /// order); pairs involving a region without profile are left out.
    pub fn top_overlaps(&self, k: usize) -> Vec<(usize, usize, f64)> {
        let n = self.regions.len();
        let mut pairs: Vec<(usize, usize, f64)> = (0..n)
            .flat_map(|r| (r + 1..n).map(move |s| (r, s)))
            .filter_map(|(r, s)| {
                let o = self.measures.overlap.get(r)?.get(s).copied().flatten()?;
                Some((r, s, o))
            })
            .collect();
        pairs.sort_by(|a, b| b.2.total_cmp(&a.2));
        pairs.truncate(k);
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_coordination_is_the_first_forecast_at_level_9_or_above() {
        let model = GreyModel {
            a: -0.1,
            b: 0.5,
            fitted: vec![0.6, 0.7, 0.75, 0.8],
            mape: 0.01,
            c_ratio: 0.1,
            p: 1.0,
            grade: 1,
            ratio_test: true,
            forecast: vec![0.85, 0.91, 0.97],
        };
        let mut s = Series {
            region: None,
            periods: vec![2021, 2022, 2023, 2024],
            labels: vec!["2021".into(), "2022".into(), "2023".into(), "2024".into()],
            synergy: Vec::new(),
            synergy_overall: None,
            forecasts: vec![Forecast {
                quantity: "degree".into(),
                model,
                periods: vec![2025, 2026, 2027],
                // Levels as given: the first at or above 9 is 2026's.
                levels: Some(vec![8, 10, 10]),
            }],
        };
        assert_eq!(s.first_good_period(), Some((2026, 0.91)));
        s.forecasts[0].levels = Some(vec![7, 8, 8]);
        assert_eq!(s.first_good_period(), None);
        s.forecasts.clear();
        assert_eq!(s.first_good_period(), None);
    }

    #[test]
    fn the_most_overlapping_pairs_come_first() {
        // Profiles (1,0), (1,1), (0,1): O(0,1) = O(1,2) = 1/√2 ≈ 0.707, O(0,2) = 0.
        let p: [&[f64]; 3] = [&[1.0, 0.0], &[1.0, 1.0], &[0.0, 1.0]];
        let e = NicheEntry {
            period: None,
            regions: vec!["A".into(), "B".into(), "C".into()],
            measures: niche(&p),
        };
        let top = e.top_overlaps(2);
        assert_eq!((top[0].0, top[0].1), (0, 1));
        assert_eq!((top[1].0, top[1].1), (1, 2));
        assert!(close(top[0].2, 0.5f64.sqrt()));
        assert_eq!(e.top_overlaps(5).len(), 3);
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn synergy_is_the_signed_geometric_mean_of_the_changes() {
        // Δ = 0.1, 0.4: S = √0.04 = 0.2, every circle improved → +0.2, low synergy.
        let s = synergy(&[0.2, 0.1], &[0.3, 0.5]);
        assert!(close(s, 0.2));
        assert_eq!(synergy_class(s), 2);
        // Δ = 0.1, −0.4: the same size, one circle fell back → −0.2, non-synergistic.
        let s = synergy(&[0.2, 0.5], &[0.3, 0.1]);
        assert!(close(s, -0.2));
        assert_eq!(synergy_class(s), 1);
        // Δ = 0.8, 0.2, 0.4: ∛0.064 = 0.4 → moderate.
        let s = synergy(&[0.0, 0.1, 0.2], &[0.8, 0.3, 0.6]);
        assert!(close(s, 0.4));
        assert_eq!(synergy_class(s), 3);
        // A circle that did not move: S = 0.
        assert_eq!(synergy(&[0.2, 0.1], &[0.2, 0.9]), 0.0);
    }

    #[test]
    fn synergy_classes_and_names() {
        assert_eq!(synergy_class(0.0), 1);
        assert_eq!(synergy_class(0.3), 2);
        assert_eq!(synergy_class(0.6), 3);
        assert_eq!(synergy_class(0.61), 4);
        assert_eq!(synergy_class_name(4), "high synergy");
        assert_eq!(synergy_class_name_zh(1), "非协同");
    }

    #[test]
    fn niche_breadth_and_overlap_by_hand() {
        // A = (1, 1): p = (½, ½), Σp² = ½, B = (2 − 1)/(2 − 1) = 1 (a generalist).
        // B = (3, 1): p = (¾, ¼), Σp² = 10/16, B = (1.6 − 1)/1 = 0.6.
        // O_AB = (3/8 + 1/8) / √(½ · 10/16) = 0.5/√(5/16) = 2/√5.
        let a = [1.0, 1.0];
        let b = [3.0, 1.0];
        let n = niche(&[&a, &b]);
        assert!(close(n.breadth[0].unwrap(), 1.0));
        assert!(close(n.breadth[1].unwrap(), 0.6));
        assert!(close(n.overlap[0][1].unwrap(), 2.0 / 5f64.sqrt()));
        assert_eq!(n.overlap[0][1], n.overlap[1][0]);
        assert_eq!(n.overlap[1][1], Some(1.0));
        // A pure specialist (1, 0, 0) has breadth 0.
        let n = niche(&[&[2.0, 0.0, 0.0], &[0.0, 1.0, 0.0]]);
        assert_eq!(n.breadth[0], Some(0.0));
        assert_eq!(n.overlap[0][1], Some(0.0));
    }

    #[test]
    fn a_region_without_profile_has_null_breadth_and_overlaps() {
        let n = niche(&[&[0.0, 0.0], &[1.0, 2.0], &[2.0, 1.0]]);
        assert_eq!(n.breadth[0], None);
        assert!(n.overlap[0].iter().all(Option::is_none));
        assert!((0..3).all(|r| n.overlap[r][0].is_none()));
        assert!(n.breadth[1].is_some());
        // (1, 2)·(2, 1) = 4, over √(5·5) → 0.8.
        assert!(close(n.overlap[1][2].unwrap(), 0.8));
    }
}
