//! Indicator weights: entropy, fixed (the framework's), or combined.

use crate::engine::{Blocker, Method, Weighting};
use crate::model::Framework;

/// The weights of every indicator, with the entropy quantities when they were computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// e_j (None under fixed weighting).
    pub entropy: Option<Vec<f64>>,
    /// d_j = 1 − e_j (None under fixed weighting).
    pub divergence: Option<Vec<f64>>,
    /// The global weight w_j used everywhere (sums to 1).
    pub global: Vec<f64>,
}

/// Entropy e_j of every column of z (m × n), with q = z + shift.
///
/// p_ij = q_ij / Σ_i q_ij, e_j = −(1/ln m) Σ_i p_ij ln p_ij, 0·ln 0 = 0. A column whose q are
/// all equal has e_j = 1 exactly (so d_j = 0 exactly, not by rounding), and e_j ≤ 1 always.
/// Needs m ≥ 2.
pub fn entropies(z: &[f64], m: usize, n: usize, shift: f64) -> Vec<f64> {
    entropies_in_pieces(z, m, n, shift, crate::par::pieces(m * n, 1 << 17))
}

/// [`entropies`] of a large panel: its columns in `pieces` pieces side by side; each column is
/// summed alone either way.
pub(crate) fn entropies_in_pieces(
    z: &[f64],
    m: usize,
    n: usize,
    shift: f64,
    pieces: usize,
) -> Vec<f64> {
    let columns = crate::par::ranges(n, pieces);
    crate::par::map(pieces, |k| entropies_of(z, m, n, columns[k].clone(), shift)).concat()
}

/// [`entropies`] of the columns `cols`.
fn entropies_of(
    z: &[f64],
    m: usize,
    n: usize,
    cols: std::ops::Range<usize>,
    shift: f64,
) -> Vec<f64> {
    let k = 1.0 / (m as f64).ln();
    // Row by row, each column's sums kept side by side: walking a column strides across the
    // whole matrix and misses the cache on every cell of a large panel. Each column is still
    // summed in row order, so the sums are the same to the last bit.
    let width = cols.len();
    let rows = || {
        z.chunks_exact(n.max(1))
            .take(m)
            .map(|row| &row[cols.clone()])
    };
    let Some(first) = rows().next() else {
        return vec![1.0; width];
    };
    let mut all_equal = vec![true; width];
    let mut sum = vec![0.0; width];
    for row in rows() {
        for (((equal, sum), &x), &x0) in all_equal.iter_mut().zip(&mut sum).zip(row).zip(first) {
            *equal &= x + shift == x0 + shift;
            *sum += x + shift;
        }
    }
    let mut h = vec![0.0; width];
    for row in rows() {
        for ((h, &x), &sum) in h.iter_mut().zip(row).zip(&sum) {
            let p = (x + shift) / sum;
            if p > 0.0 {
                *h += p * p.ln();
            }
        }
    }
    (all_equal.iter().zip(h))
        .map(|(&equal, h)| {
            // A column whose q are all equal has e = 1 exactly; rounding can push a nearly
            // even column a hair past 1, so e is capped: no d_j, weight or obstacle degree is
            // ever negative.
            if equal { 1.0 } else { (-k * h).min(1.0) }
        })
        .collect()
}

/// What is wrong with the framework's weights when fixed or combined weighting needs them.
pub fn check_fixed(fw: &Framework, weighting: Weighting) -> Vec<Blocker> {
    let mut blockers = Vec::new();
    for (indicator, ind) in fw.indicators.iter().enumerate() {
        match ind.weight {
            None => blockers.push(Blocker::MissingWeight {
                indicator,
                weighting,
            }),
            Some(w) if w < 0.0 || !w.is_finite() => {
                blockers.push(Blocker::NegativeWeight { indicator })
            }
            _ => {}
        }
    }
    if blockers.is_empty() && fw.indicators.iter().all(|i| i.weight == Some(0.0)) {
        blockers.push(Blocker::AllFixedWeightsZero { weighting });
    }
    blockers
}

fn normalised(v: &[f64]) -> Vec<f64> {
    let sum: f64 = v.iter().sum();
    v.iter().map(|x| x / sum).collect()
}

/// The framework's `weight`s normalised to sum 1 (they must have passed [`check_fixed`]).
pub fn fixed_weights(fw: &Framework) -> Vec<f64> {
    let raw: Vec<f64> = fw
        .indicators
        .iter()
        .map(|i| i.weight.unwrap_or(0.0))
        .collect();
    normalised(&raw)
}

/// The global weights under the method (the fixed weights must have passed [`check_fixed`]).
pub fn weights(
    fw: &Framework,
    z: &[f64],
    m: usize,
    method: &Method,
) -> Result<Weights, Vec<Blocker>> {
    let fixed = match method.weighting {
        Weighting::Entropy => None,
        _ => Some(fixed_weights(fw)),
    };
    weights_given(fixed.as_deref(), z, m, fw.indicators.len(), method)
}

/// [`weights`] with the normalised fixed weights given (None under entropy weighting), so a
/// prepared method computes them once.
pub fn weights_given(
    fixed: Option<&[f64]>,
    z: &[f64],
    m: usize,
    n: usize,
    method: &Method,
) -> Result<Weights, Vec<Blocker>> {
    let fixed = || {
        fixed
            .map(<[f64]>::to_vec)
            .unwrap_or_else(|| vec![1.0 / n as f64; n])
    };
    if method.weighting == Weighting::Fixed {
        return Ok(Weights {
            entropy: None,
            divergence: None,
            global: fixed(),
        });
    }
    let e = entropies(z, m, n, method.shift);
    let d: Vec<f64> = e.iter().map(|e| 1.0 - e).collect();
    let dsum: f64 = d.iter().sum();
    if dsum == 0.0 {
        return Err(vec![Blocker::NoInformation]);
    }
    let we: Vec<f64> = d.iter().map(|x| x / dsum).collect();
    let global = match method.weighting {
        Weighting::Combined => {
            let wf = fixed();
            let prod: Vec<f64> = we.iter().zip(&wf).map(|(a, b)| a * b).collect();
            if prod.iter().sum::<f64>() == 0.0 {
                return Err(vec![Blocker::CombinedWeightsZero]);
            }
            normalised(&prod)
        }
        _ => we,
    };
    Ok(Weights {
        entropy: Some(e),
        divergence: Some(d),
        global,
    })
}
