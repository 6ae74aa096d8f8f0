//! Coupling coordination of the circles of one observation.

use crate::engine::{CouplingModel, level_of};

/// C, T, D, level and lagging circles of one observation.
#[derive(Debug, Clone, PartialEq)]
pub struct Coupling {
    /// Coupling degree C.
    pub c: f64,
    /// Comprehensive coordination index T = Σ β_k U_k.
    pub t: f64,
    /// Coupling coordination degree D = sqrt(C·T).
    pub d: f64,
    /// 1..=10.
    pub level: u8,
    /// Circles more than 0.1 below the best circle.
    pub lagging: Vec<usize>,
    /// Coupling stage 1..=4 of C.
    pub stage: u8,
}

/// Stage of C: 1 (C ≤ 0.3), 2 (≤ 0.5), 3 (≤ 0.8), 4 (above).
///
/// ```
/// use beltscope::engine::coupling::stage_of;
/// assert_eq!([0.3, 0.31, 0.5, 0.8, 0.81].map(stage_of), [1, 2, 2, 3, 4]);
/// ```
pub fn stage_of(c: f64) -> u8 {
    if c <= 0.3 {
        1
    } else if c <= 0.5 {
        2
    } else if c <= 0.8 {
        3
    } else {
        4
    }
}

/// The coupling degree C of circle scores `u` (n ≥ 2).
///
/// ```
/// use beltscope::engine::{CouplingModel, coupling::coupling_degree};
/// // Two circles at 0.2 and 0.8: classic C = 2·sqrt(0.16)/1.0 = 0.8;
/// // corrected C = sqrt((1 − 0.6/1) · (0.2/0.8)) = sqrt(0.1) ≈ 0.316.
/// let u = [0.2, 0.8];
/// assert!((coupling_degree(&u, CouplingModel::Classic) - 0.8).abs() < 1e-12);
/// assert!((coupling_degree(&u, CouplingModel::Corrected) - 0.1f64.sqrt()).abs() < 1e-12);
/// ```
pub fn coupling_degree(u: &[f64], model: CouplingModel) -> f64 {
    let n = u.len() as f64;
    match model {
        CouplingModel::Classic => {
            let sum: f64 = u.iter().sum();
            if sum == 0.0 {
                return 0.0;
            }
            let product: f64 = u.iter().product();
            // C ≤ 1 by AM–GM; the n-th root can round a hair above it (U all equal, n = 3
            // gives 1.0000000000000004), which would put a "fraction" above 1 in the JSON.
            (n * product.powf(1.0 / n) / sum).min(1.0)
        }
        CouplingModel::Corrected => {
            let max = u.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            if max <= 0.0 {
                return 0.0;
            }
            let mut spread = 0.0;
            for k in 0..u.len() {
                for l in k + 1..u.len() {
                    spread += (u[k] - u[l]).abs();
                }
            }
            let pairs = n * (n - 1.0) / 2.0; // Σ_{s=1}^{n−1} s
            let ratio: f64 = u.iter().map(|x| x / max).product();
            ((1.0 - spread / pairs) * ratio.powf(1.0 / (n - 1.0)))
                .max(0.0)
                .sqrt()
        }
    }
}

/// The comprehensive coordination index T = Σ β_k U_k. Each U is in [0, 1] and the β sum to 1,
/// so T is too; the clamp only removes a last-bit rounding excess (1.0000000000000002).
pub fn coordination(u: &[f64], beta: &[f64]) -> f64 {
    let t: f64 = u.iter().zip(beta).map(|(u, b)| u * b).sum();
    t.clamp(0.0, 1.0)
}

/// Couples one observation's circle scores `u` with circle weights `beta`.
pub fn couple(u: &[f64], beta: &[f64], model: CouplingModel) -> Coupling {
    let c = coupling_degree(u, model);
    let t = coordination(u, beta);
    let d = (c * t).max(0.0).sqrt();
    let max = u.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    Coupling {
        c,
        t,
        d,
        level: level_of(d),
        lagging: (0..u.len()).filter(|&k| max - u[k] > 0.1).collect(),
        stage: stage_of(c),
    }
}
