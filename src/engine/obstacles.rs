//! Obstacle degrees, weak dimensions and the countermeasures that answer them.

use std::cmp::Ordering;

use crate::engine::ObstacleBasis;
use crate::model::Framework;

/// Obstacle degrees of every observation: by indicator (m × n), dimension and circle, each
/// row fractions that sum to 1, or all 0. Kept as three blocks, not a row of vectors per
/// observation: a province's panel has millions of them, and the engine computes them in
/// place.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Obstacles {
    pub indicators: Vec<f64>,
    pub dimensions: Vec<f64>,
    pub circles: Vec<f64>,
    /// Observations.
    pub m: usize,
}

/// The obstacle degrees of one observation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObstaclesOf<'a> {
    pub indicators: &'a [f64],
    pub dimensions: &'a [f64],
    pub circles: &'a [f64],
}

impl Obstacles {
    /// Observation i's degrees.
    pub fn row(&self, i: usize) -> ObstaclesOf<'_> {
        let of = |v: &[f64]| -> std::ops::Range<usize> {
            let width = v.len() / self.m.max(1);
            i * width..(i + 1) * width
        };
        ObstaclesOf {
            indicators: &self.indicators[of(&self.indicators)],
            dimensions: &self.dimensions[of(&self.dimensions)],
            circles: &self.circles[of(&self.circles)],
        }
    }

    /// Every observation's degrees, in order.
    pub fn rows(&self) -> impl Iterator<Item = ObstaclesOf<'_>> {
        (0..self.m).map(|i| self.row(i))
    }

    /// The number of observations.
    pub fn len(&self) -> usize {
        self.m
    }

    pub fn is_empty(&self) -> bool {
        self.m == 0
    }
}

/// The factor contribution F_j of every indicator: `global` F_j = w_j; `composite`
/// F_j = β_k w_j / W_k for indicator j of circle k, W_k = Σ_{l∈k} w_l (β_k / |k| when W_k = 0),
/// so that Σ_j F_j (1 − z_j) = 1 − T: the shares decompose the gap of T.
pub fn factors(fw: &Framework, w: &[f64], beta: &[f64], basis: ObstacleBasis) -> Vec<f64> {
    match basis {
        ObstacleBasis::Global => w.to_vec(),
        ObstacleBasis::Composite => {
            let k = fw.circles.len();
            let (mut wsum, mut count) = (vec![0.0; k], vec![0usize; k]);
            for (ind, w) in fw.indicators.iter().zip(w) {
                wsum[ind.circle] += w;
                count[ind.circle] += 1;
            }
            fw.indicators
                .iter()
                .zip(w)
                .map(|(ind, w)| {
                    let c = ind.circle;
                    if wsum[c] == 0.0 {
                        beta[c] / count[c] as f64
                    } else {
                        beta[c] * w / wsum[c]
                    }
                })
                .collect()
        }
    }
}

/// The `top` dimensions with the largest obstacle degree > 0; ties: lower dimension score
/// first, then id.
pub fn weak_dimensions(fw: &Framework, obstacle: &[f64], score: &[f64], top: usize) -> Vec<usize> {
    let mut dims = Vec::new();
    weak_dimensions_into(fw, obstacle, score, top, &mut dims);
    dims
}

/// [`weak_dimensions`] into a reused buffer, so a thousand sensitivity runs allocate nothing.
pub fn weak_dimensions_into(
    fw: &Framework,
    obstacle: &[f64],
    score: &[f64],
    top: usize,
    dims: &mut Vec<usize>,
) {
    dims.clear();
    dims.extend((0..obstacle.len()).filter(|&d| obstacle[d] > 0.0));
    dims.sort_by(|&a, &b| {
        obstacle[b]
            .partial_cmp(&obstacle[a])
            .unwrap_or(Ordering::Equal)
            .then(score[a].partial_cmp(&score[b]).unwrap_or(Ordering::Equal))
            .then_with(|| fw.dimensions[a].id.cmp(&fw.dimensions[b].id))
    });
    dims.truncate(top);
}

/// Countermeasures linked to at least one weak dimension, each once, ordered by the best rank
/// among the weak dimensions it answers; equal ranks keep framework order.
pub fn countermeasures(fw: &Framework, weak: &[usize]) -> Vec<usize> {
    let mut ranked: Vec<(usize, usize)> = fw
        .countermeasures
        .iter()
        .enumerate()
        .filter_map(|(c, cm)| {
            cm.dimensions
                .iter()
                .filter_map(|d| weak.iter().position(|w| w == d))
                .min()
                .map(|rank| (rank, c))
        })
        .collect();
    ranked.sort_by_key(|&(rank, c)| (rank, c));
    ranked.into_iter().map(|(_, c)| c).collect()
}
