//! Sensitivity analysis: how much the conclusions move when the weights (and, optionally, the
//! method choices) move.
//!
//! Entropy weights are estimates from few observations, so a reader wants to know which
//! conclusions survive other plausible weights. Each run multiplies every base global weight
//! w_j by an independent factor uniform on [1 − S, 1 + S], renormalizes, and rescores every
//! observation with the [`Prepared`] engine; the buffers are reused, so a run allocates nothing.
//! With `vary_methods` a run also draws the coupling model, the obstacle basis and, when every
//! indicator has bounds or a scale, the normalization (z recomputed under it, the weights still
//! the perturbed base weights). The draws of a run, in order: one factor per indicator, then
//! (with `vary_methods`) the coupling model and the obstacle basis, each uniformly in the order
//! of their spellings, and, when both normalizations can run, the normalization (0 = the base
//! one, 1 = the other). The percentile rules are in docs/method.md.

use std::fmt;

use crate::engine::stats::{SeededRng, nearest_rank, percentile_linear};
use crate::engine::{
    Blocker, CouplingModel, Method, Normalization, ObstacleBasis, Prepared, Scratch,
};
use crate::model::{DataMatrix, Framework};

/// What a sensitivity analysis does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SensitivityOptions {
    /// Number of runs N ≥ 1.
    pub runs: usize,
    /// Half-width S of the weight factors, 0 ≤ S < 1 (a factor of 0 would drop an indicator).
    pub spread: f64,
    /// Also draw the coupling model, the obstacle basis and the normalization.
    pub vary_methods: bool,
    pub seed: u64,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            runs: 1000,
            spread: 0.2,
            vary_methods: false,
            seed: 42,
        }
    }
}

/// Options that cannot run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OptionError {
    Runs(usize),
    Spread(f64),
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionError::Runs(n) => write!(f, "the number of runs must be at least 1, not {n}"),
            OptionError::Spread(s) => write!(
                f,
                "the spread must be at least 0 and less than 1 (a factor of 1 − spread ≤ 0 would drop an indicator), not {s}"
            ),
        }
    }
}

impl SensitivityOptions {
    /// Checks runs ≥ 1 and 0 ≤ spread < 1.
    pub fn check(&self) -> Result<(), OptionError> {
        if self.runs < 1 {
            return Err(OptionError::Runs(self.runs));
        }
        if !(0.0..1.0).contains(&self.spread) {
            return Err(OptionError::Spread(self.spread));
        }
        Ok(())
    }
}

/// Why an analysis could not run.
#[derive(Debug, Clone, PartialEq)]
pub enum SensitivityError {
    Options(OptionError),
    /// The base method cannot score the data.
    Blocked(Vec<Blocker>),
}

impl From<Vec<Blocker>> for SensitivityError {
    fn from(b: Vec<Blocker>) -> Self {
        SensitivityError::Blocked(b)
    }
}

/// A quantity at base and its 5th, 50th and 95th percentiles over the runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub base: f64,
    pub median: f64,
    pub p05: f64,
    pub p95: f64,
}

/// A rank (1 = highest D) at base and its 5th/95th percentiles by nearest rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankBand {
    pub base: usize,
    pub p05: usize,
    pub p95: usize,
}

/// How one observation's results move.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservationRobustness {
    pub label: String,
    /// The coordination degree D.
    pub degree: Band,
    /// The base level.
    pub level: u8,
    /// Share of runs whose level is the base level.
    pub level_kept: f64,
    pub rank: RankBand,
}

/// The result of [`sensitivity`].
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityResult {
    pub options: SensitivityOptions,
    /// In the data's order.
    pub observations: Vec<ObservationRobustness>,
    /// The focus observation's index.
    pub focus: usize,
    /// The focus observation's weak dimensions under the base method, worst first.
    pub base_weak: Vec<usize>,
    /// (dimension, share of runs in which it is weak) for every dimension weak in at least one
    /// run: largest share first, then framework order.
    pub weak_dimensions: Vec<(usize, f64)>,
}

impl SensitivityResult {
    /// The share of runs in which dimension `d` is weak for the focus (0 when never).
    pub fn weak_share(&self, d: usize) -> f64 {
        (self.weak_dimensions.iter())
            .find(|&&(x, _)| x == d)
            .map_or(0.0, |&(_, s)| s)
    }
}

/// Runs the analysis on `data` (already imputed) under the base `method`; `focus` is the index
/// of the observation whose weak dimensions are counted (clamped to the last).
pub fn sensitivity(
    fw: &Framework,
    data: &DataMatrix,
    method: &Method,
    focus: usize,
    opts: &SensitivityOptions,
) -> Result<SensitivityResult, SensitivityError> {
    sensitivity_with_progress(fw, data, method, focus, opts, &mut |_| {})
}

/// [`sensitivity`], calling `progress` with the number of runs done after each run.
pub fn sensitivity_with_progress(
    fw: &Framework,
    data: &DataMatrix,
    method: &Method,
    focus: usize,
    opts: &SensitivityOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<SensitivityResult, SensitivityError> {
    opts.check().map_err(SensitivityError::Options)?;
    let m = data.m();
    let blockers = crate::engine::check(fw, m, method);
    if !blockers.is_empty() {
        return Err(blockers.into());
    }
    let focus = focus.min(m - 1);
    let nd = fw.dimensions.len();
    let base = Prepared::new(fw, method)?;
    let mut z_base = Vec::new();
    base.normalize_into(data, &mut z_base);
    let w_base = base.weights(&z_base, m)?.global;

    let mut s = Scratch::default();
    base.score_with(&z_base, m, &w_base, &mut s);
    let base_d = s.d.clone();
    let base_level = s.level.clone();
    let base_weak = base.weak(&s, focus);
    let (mut order, mut ranks) = (Vec::with_capacity(m), Vec::with_capacity(m));
    competition_ranks(&base_d, &mut order, &mut ranks);
    let base_rank = ranks.clone();

    let variants = Variants::new(fw, data, method, opts.vary_methods, &z_base)?;
    let n_runs = opts.runs;
    let mut run_d = vec![0.0; m * n_runs];
    let mut run_rank = vec![0u32; m * n_runs];
    let mut kept = vec![0usize; m];
    let mut weak_count = vec![0usize; nd];
    let mut rng = SeededRng::new(opts.seed);
    let (mut w, mut weak) = (Vec::with_capacity(w_base.len()), Vec::with_capacity(nd));
    for r in 0..n_runs {
        rng.perturb_weights_into(&w_base, opts.spread, &mut w);
        if opts.spread == 0.0 {
            // Renormalizing unchanged weights can move the last bit; spread 0 must be the base.
            w.copy_from_slice(&w_base);
        }
        let (engine, z) = variants.draw(&mut rng);
        engine.score_with(z, m, &w, &mut s);
        competition_ranks(&s.d, &mut order, &mut ranks);
        for i in 0..m {
            run_d[i * n_runs + r] = s.d[i];
            run_rank[i * n_runs + r] = u32::try_from(ranks[i]).unwrap_or(u32::MAX);
            kept[i] += usize::from(s.level[i] == base_level[i]);
        }
        engine.weak_into(&s, focus, &mut weak);
        for &d in &weak {
            weak_count[d] += 1;
        }
        progress(r + 1);
    }

    let share = |k: usize| k as f64 / n_runs as f64;
    let observations = (0..m)
        .map(|i| {
            let ds = &mut run_d[i * n_runs..(i + 1) * n_runs];
            ds.sort_by(f64::total_cmp);
            let rs = &mut run_rank[i * n_runs..(i + 1) * n_runs];
            rs.sort_unstable();
            let rank_at = |p| nearest_rank(rs, p).map_or(base_rank[i], |x| x as usize);
            ObservationRobustness {
                label: data.labels[i].clone(),
                degree: Band {
                    base: base_d[i],
                    median: percentile_linear(ds, 0.5),
                    p05: percentile_linear(ds, 0.05),
                    p95: percentile_linear(ds, 0.95),
                },
                level: base_level[i],
                level_kept: share(kept[i]),
                rank: RankBand {
                    base: base_rank[i],
                    p05: rank_at(0.05),
                    p95: rank_at(0.95),
                },
            }
        })
        .collect();
    let mut weak_dims: Vec<usize> = (0..nd).filter(|&d| weak_count[d] > 0).collect();
    weak_dims.sort_by_key(|&d| (std::cmp::Reverse(weak_count[d]), d));
    Ok(SensitivityResult {
        options: *opts,
        observations,
        focus,
        base_weak,
        weak_dimensions: weak_dims
            .into_iter()
            .map(|d| (d, share(weak_count[d])))
            .collect(),
    })
}

/// Competition ranks by D (1 = highest): 1 + the number of observations with a strictly
/// higher D, so ties share the better rank. `order` is a reused buffer.
pub fn competition_ranks(d: &[f64], order: &mut Vec<usize>, ranks: &mut Vec<usize>) {
    order.clear();
    order.extend(0..d.len());
    // Unstable sorting does not allocate; the order within a tie does not matter.
    order.sort_unstable_by(|&a, &b| d[b].total_cmp(&d[a]));
    ranks.clear();
    ranks.resize(d.len(), 0);
    let mut rank = 1;
    for (p, &i) in order.iter().enumerate() {
        if p > 0 && d[i] != d[order[p - 1]] {
            rank = p + 1;
        }
        ranks[i] = rank;
    }
}

/// The engines a run can draw: one per (coupling, obstacle basis), and the normalized data per
/// normalization, all built before the first run.
struct Variants<'f> {
    /// Indexed by coupling × obstacles.
    engines: Vec<Prepared<'f>>,
    n_obstacles: usize,
    /// Normalized data per normalization; the first is the base one.
    zs: Vec<Vec<f64>>,
    vary: bool,
}

impl<'f> Variants<'f> {
    fn new(
        fw: &'f Framework,
        data: &DataMatrix,
        method: &Method,
        vary: bool,
        z_base: &[f64],
    ) -> Result<Variants<'f>, Vec<Blocker>> {
        let couplings: &[CouplingModel] = if vary {
            CouplingModel::ALL
        } else {
            std::slice::from_ref(&method.coupling)
        };
        let obstacles: &[ObstacleBasis] = if vary {
            ObstacleBasis::ALL
        } else {
            std::slice::from_ref(&method.obstacles)
        };
        let mut engines = Vec::with_capacity(couplings.len() * obstacles.len());
        for &coupling in couplings {
            for &basis in obstacles {
                let variant = Method {
                    coupling,
                    obstacles: basis,
                    ..*method
                };
                engines.push(Prepared::new(fw, &variant)?);
            }
        }
        let bounded = (fw.indicators.iter()).all(|i| i.bounds.is_some() || i.scale.is_some());
        let mut zs = vec![z_base.to_vec()];
        if vary && bounded {
            for &normalization in Normalization::ALL {
                if normalization != method.normalization {
                    let other = Method {
                        normalization,
                        ..*method
                    };
                    let mut z = Vec::new();
                    Prepared::new(fw, &other)?.normalize_into(data, &mut z);
                    zs.push(z);
                }
            }
        }
        Ok(Variants {
            engines,
            n_obstacles: obstacles.len(),
            zs,
            vary,
        })
    }

    /// The engine and data of one run: the base ones, or drawn with `vary_methods`.
    fn draw(&self, rng: &mut SeededRng) -> (&Prepared<'f>, &[f64]) {
        if !self.vary {
            return (&self.engines[0], &self.zs[0]);
        }
        let n_couplings = self.engines.len() / self.n_obstacles;
        let c = rng.below(n_couplings).unwrap_or(0);
        let o = rng.below(self.n_obstacles).unwrap_or(0);
        let z = if self.zs.len() > 1 {
            rng.below(self.zs.len()).unwrap_or(0)
        } else {
            0
        };
        (&self.engines[c * self.n_obstacles + o], &self.zs[z])
    }
}

#[cfg(test)]
#[path = "sensitivity_tests.rs"]
mod tests;
