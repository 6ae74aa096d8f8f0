//! Obstacle degrees, weak dimensions and the countermeasures that answer them.

use std::cmp::Ordering;

use crate::model::Framework;

/// Obstacle degrees of every observation: by dimension and circle as blocks (m × dimensions,
/// m × circles), and by indicator on demand from z, each row fractions that sum to 1, or all
/// 0. A province's panel has millions of indicator degrees, which only a few views read, so
/// they are not kept: O_ij = F_j (1 − z_ij) / Σ_l F_l (1 − z_il) is a product and a division
/// away, computed exactly as the dimension sums were.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Obstacles {
    /// F_j of every indicator: what the gap 1 − z_ij is weighted by.
    pub factors: Vec<f64>,
    /// Σ_l F_l (1 − z_il) of every observation.
    pub totals: Vec<f64>,
    pub dimensions: Vec<f64>,
    pub circles: Vec<f64>,
    /// Observations.
    pub m: usize,
}

/// The obstacle degrees of one observation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObstaclesOf<'a> {
    /// The observation's z row and the factors F.
    z: &'a [f64],
    factors: &'a [f64],
    total: f64,
    pub dimensions: &'a [f64],
    pub circles: &'a [f64],
}

impl Obstacles {
    /// Observation i's degrees, given its row of normalised values.
    pub fn row<'a>(&'a self, z: &'a [f64], i: usize) -> ObstaclesOf<'a> {
        let of = |v: &'a [f64]| -> &'a [f64] {
            let width = v.len() / self.m.max(1);
            &v[i * width..(i + 1) * width]
        };
        ObstaclesOf {
            z,
            factors: &self.factors,
            total: self.totals.get(i).copied().unwrap_or(0.0),
            dimensions: of(&self.dimensions),
            circles: of(&self.circles),
        }
    }

    /// The number of observations.
    pub fn len(&self) -> usize {
        self.m
    }

    pub fn is_empty(&self) -> bool {
        self.m == 0
    }
}

impl ObstaclesOf<'_> {
    /// O_ij of indicator j: F_j (1 − z_ij) / Σ_l F_l (1 − z_il), 0 when the sum is 0.
    pub fn indicator(&self, j: usize) -> f64 {
        share(self.factors[j], self.z[j], self.total)
    }

    /// Every indicator's degree, in framework order.
    pub fn indicators(&self) -> Vec<f64> {
        (0..self.z.len()).map(|j| self.indicator(j)).collect()
    }
}

/// F (1 − z) / total, 0 when the total is 0: one indicator's share of an observation's gap.
#[inline]
pub fn share(factor: f64, z: f64, total: f64) -> f64 {
    if total == 0.0 {
        0.0
    } else {
        factor * (1.0 - z) / total
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
