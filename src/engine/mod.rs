//! The assessment engine: pure functions from (framework, data, method) to an [`Assessment`].
//!
//! No I/O and no terminal here: the TUI calls [`assess`] on every keystroke and the coming
//! sensitivity analysis thousands of times, so each step is one pass over a dense row-major
//! matrix. Every formula is in docs/method.md; the steps live in their own modules so each can
//! be pinned by hand-computed tests.

pub mod coupling;
pub mod dynamics;
mod facts;
pub mod freeze;
pub mod impute;
pub mod method;
pub mod normalize;
pub mod notes;
pub mod obstacles;
pub mod prepared;
pub mod questionnaire;
pub mod sensitivity;
pub mod stats;
pub mod weights;

pub use coupling::Coupling;
pub use facts::is_time_series;
pub use method::{
    CouplingModel, Impute, LEVEL_NAMES, LEVEL_NAMES_ZH, Method, MethodSpec, Normalization,
    ObstacleBasis, Weighting, check_interval, level_name, level_name_zh, level_of,
};
pub use notes::{Blocker, Warning};
pub use obstacles::{Obstacles, ObstaclesOf};
pub use prepared::{Prepared, Scratch};
pub use weights::Weights;

use crate::model::{DataMatrix, Framework};

/// Everything computed for one survey under one method.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub method: Method,
    /// β, normalised.
    pub circle_weights: Vec<f64>,
    pub labels: Vec<String>,
    /// Number of indicators (columns).
    pub n: usize,
    /// Normalised (and interval-mapped) values, m × n.
    pub normalized: Vec<f64>,
    pub weights: Weights,
    /// m × dimensions.
    pub dimension_scores: Vec<f64>,
    /// m × circles (U).
    pub circle_scores: Vec<f64>,
    pub coupling: Vec<Coupling>,
    pub obstacles: Obstacles,
    /// Per observation: weak dimension indices, worst first.
    pub weak_dimensions: Vec<Vec<usize>>,
    /// Per observation: countermeasure indices, most urgent first.
    pub countermeasures: Vec<Vec<usize>>,
    /// Cells filled by imputation: (observation, indicator, value), observation order first.
    pub imputed: Vec<(usize, usize, f64)>,
    /// Things the user should know (constant columns, clamped values ...), as data:
    /// the views render them (module `messages`).
    pub warnings: Vec<Warning>,
}

impl Assessment {
    pub fn m(&self) -> usize {
        self.labels.len()
    }

    pub fn z(&self, i: usize, j: usize) -> f64 {
        self.normalized[i * self.n + j]
    }

    /// Observation i's obstacle degrees.
    pub fn obstacles_of(&self, i: usize) -> ObstaclesOf<'_> {
        let z = (self.normalized.get(i * self.n..(i + 1) * self.n)).unwrap_or_default();
        self.obstacles.row(z, i)
    }

    /// Every observation's obstacle degrees, in order.
    pub fn obstacle_rows(&self) -> impl Iterator<Item = ObstaclesOf<'_>> {
        (0..self.m()).map(|i| self.obstacles_of(i))
    }

    /// Dimension scores of observation i.
    pub fn dimensions(&self, i: usize) -> &[f64] {
        let k = self.dimension_scores.len() / self.m().max(1);
        &self.dimension_scores[i * k..(i + 1) * k]
    }

    /// Circle scores (U) of observation i.
    pub fn circles(&self, i: usize) -> &[f64] {
        let k = self.circle_scores.len() / self.m().max(1);
        &self.circle_scores[i * k..(i + 1) * k]
    }

    /// The index of an observation by label.
    pub fn observation(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }
}

/// What must hold before data can be scored under a method, checked without the data values:
/// used by `validate` and by the TUI to say what is missing.
pub fn check(fw: &Framework, m: usize, method: &Method) -> Vec<Blocker> {
    let mut blockers = Vec::new();
    if m == 0 {
        blockers.push(Blocker::NoObservations);
    }
    let entropy = matches!(method.weighting, Weighting::Entropy | Weighting::Combined);
    if entropy && m == 1 {
        blockers.push(Blocker::TooFewObservations {
            weighting: method.weighting,
            m,
        });
    }
    blockers.extend(check_method(fw, method));
    blockers
}

/// The preconditions of [`check`] that do not depend on the number of observations.
pub fn check_method(fw: &Framework, method: &Method) -> Vec<Blocker> {
    let mut blockers = Vec::new();
    if method.normalization == Normalization::Reference {
        blockers.extend(
            (0..fw.indicators.len())
                .filter(|&j| fw.indicators[j].bounds.is_none() && fw.indicators[j].scale.is_none())
                .map(|indicator| Blocker::MissingBounds { indicator }),
        );
    }
    if matches!(method.weighting, Weighting::Fixed | Weighting::Combined) {
        blockers.extend(weights::check_fixed(fw, method.weighting));
    }
    let (lo, hi) = method.interval;
    if !(0.0..=1.0).contains(&lo) || !(0.0..=1.0).contains(&hi) || lo >= hi {
        blockers.push(Blocker::BadInterval {
            interval: method.interval,
        });
    }
    if !(method.shift >= 0.0 && method.shift.is_finite()) {
        blockers.push(Blocker::BadShift {
            shift: method.shift,
        });
    }
    blockers
}

/// Runs every step of the method (docs/method.md). Errors are the unmet preconditions of [`check`], plus
/// "every indicator carries no information" (all d_j = 0), which only the data can reveal.
pub fn assess(
    fw: &Framework,
    data: &DataMatrix,
    method: &Method,
) -> Result<Assessment, Vec<Blocker>> {
    assess_imputed(fw, data, &[], method)
}

/// [`assess`] of data whose cells `imputed` (observation, indicator, value) were filled in
/// by [`impute::impute`]: each gets a warning and is kept in [`Assessment::imputed`].
pub fn assess_imputed(
    fw: &Framework,
    data: &DataMatrix,
    imputed: &[(usize, usize, f64)],
    method: &Method,
) -> Result<Assessment, Vec<Blocker>> {
    prepare(fw, data.m(), method)?.assess(data, imputed, &mut Scratch::default())
}

/// The method checked against `m` observations and prepared to run.
fn prepare<'a>(fw: &'a Framework, m: usize, method: &Method) -> Result<Prepared<'a>, Vec<Blocker>> {
    let problems = check(fw, m, method);
    if !problems.is_empty() {
        return Err(problems);
    }
    Prepared::new(fw, method)
}

/// [`assess_imputed`] of data the caller no longer needs: the raw values are let go once they
/// are normalized, so a large survey is not held twice while it is scored.
pub fn assess_owned(
    fw: &Framework,
    data: DataMatrix,
    imputed: &[(usize, usize, f64)],
    method: &Method,
) -> Result<Assessment, Vec<Blocker>> {
    let prepared = prepare(fw, data.m(), method)?;
    let mut warnings = prepared.input_warnings(data.m(), imputed);
    let (labels, normalized) = normalize::normalize_owned(fw, data, method, &mut warnings);
    prepared.finish(
        labels,
        normalized,
        imputed,
        warnings,
        &mut Scratch::default(),
    )
}

impl Prepared<'_> {
    /// Every step of [`assess`] with this prepared method, reusing `scratch`.
    pub fn assess(
        &self,
        data: &DataMatrix,
        imputed: &[(usize, usize, f64)],
        scratch: &mut Scratch,
    ) -> Result<Assessment, Vec<Blocker>> {
        let mut warnings = self.input_warnings(data.m(), imputed);
        let normalized = normalize::normalize(self.fw, data, &self.method, &mut warnings);
        self.finish(data.labels.clone(), normalized, imputed, warnings, scratch)
    }

    /// The warnings known before the data are looked at: imputed cells, too few observations.
    fn input_warnings(&self, m: usize, imputed: &[(usize, usize, f64)]) -> Vec<Warning> {
        let mut warnings: Vec<Warning> = imputed
            .iter()
            .map(|&(observation, indicator, value)| Warning::Imputed {
                observation,
                indicator,
                value,
            })
            .collect();
        if self.method.normalization == Normalization::Range && m < 5 {
            warnings.push(Warning::FewObservations { m });
        }
        warnings
    }

    /// Every step after normalization: weights, scores, coupling, obstacles.
    fn finish(
        &self,
        labels: Vec<String>,
        normalized: Vec<f64>,
        imputed: &[(usize, usize, f64)],
        mut warnings: Vec<Warning>,
        scratch: &mut Scratch,
    ) -> Result<Assessment, Vec<Blocker>> {
        let (fw, method) = (self.fw, &self.method);
        let m = labels.len();
        let n = fw.indicators.len();
        let weights = self.weights(&normalized, m)?;
        self.score_with(&normalized, m, &weights.global, scratch);
        let s = &*scratch;
        let zero = |w: &[f64]| (0..w.len()).filter(|&g| w[g] == 0.0).collect::<Vec<_>>();
        for dimension in zero(&s.dimension_weight) {
            warnings.push(Warning::ZeroWeightDimension { dimension });
        }
        for circle in zero(&s.circle_weight) {
            warnings.push(Warning::ZeroWeightCircle { circle });
        }
        let (nd, k) = (fw.dimensions.len(), fw.circles.len());
        let coupling: Vec<Coupling> = (0..m)
            .map(|i| {
                let u = &s.circles[i * k..(i + 1) * k];
                let max = u.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                Coupling {
                    c: s.c[i],
                    t: s.t[i],
                    d: s.d[i],
                    level: s.level[i],
                    lagging: (0..k).filter(|&c| max - u[c] > 0.1).collect(),
                    stage: self.stage(s, i),
                }
            })
            .collect();
        for (observation, c) in coupling.iter().enumerate() {
            let circles: Vec<usize> = (0..k)
                .filter(|&c| s.circles[observation * k + c] == 0.0)
                .collect();
            if !circles.is_empty() && c.c == 0.0 {
                warnings.push(Warning::ZeroCircles {
                    observation,
                    circles,
                });
            }
        }
        // Each observation's weak dimensions and countermeasures; a large panel's side by side.
        let pieces = crate::par::pieces(m * nd, 1 << 16);
        let rows = crate::par::ranges(m, pieces);
        let (weak_dimensions, countermeasures): (Vec<Vec<usize>>, Vec<Vec<usize>>) =
            crate::par::map(pieces, |k| {
                (rows[k].clone())
                    .map(|i| {
                        let weak = self.weak(s, i);
                        let answers = obstacles::countermeasures(fw, &weak);
                        (weak, answers)
                    })
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .flatten()
            .unzip();
        // The scratch's blocks become the assessment's: a panel's are millions of numbers.
        let s = scratch;
        let obstacles = Obstacles {
            factors: s.factors.clone(),
            totals: std::mem::take(&mut s.totals),
            dimensions: std::mem::take(&mut s.dimension_obstacles),
            circles: std::mem::take(&mut s.circle_obstacles),
            m,
        };
        Ok(Assessment {
            method: *method,
            circle_weights: self.beta.clone(),
            labels,
            n,
            normalized,
            weights,
            dimension_scores: std::mem::take(&mut s.dimensions),
            circle_scores: std::mem::take(&mut s.circles),
            coupling,
            obstacles,
            weak_dimensions,
            countermeasures,
            imputed: imputed.to_vec(),
            warnings,
        })
    }
}
