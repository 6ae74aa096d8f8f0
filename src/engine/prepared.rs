//! A prepared engine: everything about (framework, method) that does not depend on the data,
//! computed once, and scratch buffers reused across runs.
//!
//! Sensitivity analysis rescores the same normalized data a thousand times with perturbed
//! weights; [`Prepared::score_with`] does one such run without allocating once the
//! [`Scratch`] has grown to size. [`crate::engine::assess`] is built on the same code, so there
//! is one implementation of each formula.

use crate::engine::coupling::{coupling_degree, stage_of};
use crate::engine::normalize::{Span, column_ranges, map_in_place, span_of};
use crate::engine::obstacles::{share, weak_dimensions, weak_dimensions_into};
use crate::engine::{
    Blocker, Method, Normalization, ObstacleBasis, Weighting, Weights, level_of, weights,
};
use crate::model::{DataMatrix, Direction, Framework};

/// The data-independent form of one (framework, method).
#[derive(Debug, Clone)]
pub struct Prepared<'f> {
    pub fw: &'f Framework,
    pub method: Method,
    /// Indicator → dimension and indicator → circle.
    pub dimension_of: Vec<usize>,
    pub circle_of: Vec<usize>,
    /// Indicators per dimension and per circle (for plain means and β_k/|k|).
    pub dimension_size: Vec<usize>,
    pub circle_size: Vec<usize>,
    /// β, normalised.
    pub beta: Vec<f64>,
    pub directions: Vec<Direction>,
    /// The framework's weights, normalised, when the method uses them.
    pub fixed_weights: Option<Vec<f64>>,
    /// Spans known without the data (a scale, or bounds under `reference`); None = observed
    /// range.
    pub spans: Vec<Option<Span>>,
}

/// Scores of every observation under one set of weights; buffers are reused by
/// [`Prepared::score_with`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scratch {
    pub m: usize,
    /// m × dimensions.
    pub dimensions: Vec<f64>,
    /// m × circles (U).
    pub circles: Vec<f64>,
    /// Per observation: C, T, D and level.
    pub c: Vec<f64>,
    pub t: Vec<f64>,
    pub d: Vec<f64>,
    pub level: Vec<u8>,
    /// Per observation Σ_j F_j (1 − z_ij), the denominator of its indicator obstacle degrees
    /// (see [`crate::engine::Obstacles`]); m × dimensions, m × circles: obstacle degrees.
    pub totals: Vec<f64>,
    pub dimension_obstacles: Vec<f64>,
    pub circle_obstacles: Vec<f64>,
    /// Σ w per dimension and per circle, and the factor contributions F_j of the last run.
    pub dimension_weight: Vec<f64>,
    pub circle_weight: Vec<f64>,
    pub factors: Vec<f64>,
    /// What z_j is multiplied by in its dimension's and circle's sum: w_j, or 1 (exactly z_j)
    /// in a group whose Σ w = 0, which is then a plain mean.
    pub dimension_mul: Vec<f64>,
    pub circle_mul: Vec<f64>,
}

/// What every piece of rows reads.
struct Shared<'a> {
    factors: &'a [f64],
    dimension_weight: &'a [f64],
    circle_weight: &'a [f64],
    dimension_mul: &'a [f64],
    circle_mul: &'a [f64],
}

/// One piece of rows' part of each output of [`Prepared::score_with`].
struct Rows<'a> {
    dims: &'a mut [f64],
    circles: &'a mut [f64],
    c: &'a mut [f64],
    t: &'a mut [f64],
    d: &'a mut [f64],
    level: &'a mut [u8],
    totals: &'a mut [f64],
    od: &'a mut [f64],
    oc: &'a mut [f64],
}

/// `buf` (rows of `width`) cut at the row ranges, in order.
fn carve<'a, T>(
    buf: &'a mut [T],
    width: usize,
    ranges: &[std::ops::Range<usize>],
) -> Vec<&'a mut [T]> {
    crate::par::split(buf, ranges.iter().map(|r| r.len() * width))
}

/// `v` as `len` zeros. A buffer that must grow is allocated zeroed by the system (its pages
/// are then touched by whichever piece of rows writes them, side by side), not filled here.
fn reset(v: &mut Vec<f64>, len: usize) {
    if v.capacity() < len {
        *v = vec![0.0; len];
    } else {
        v.clear();
        v.resize(len, 0.0);
    }
}

impl<'f> Prepared<'f> {
    /// Prepares `method` on `fw`; the problems are those of [`crate::engine::check_method`].
    pub fn new(fw: &'f Framework, method: &Method) -> Result<Prepared<'f>, Vec<Blocker>> {
        let problems = crate::engine::check_method(fw, method);
        if !problems.is_empty() {
            return Err(problems);
        }
        let (nd, nc) = (fw.dimensions.len(), fw.circles.len());
        let mut dimension_size = vec![0; nd];
        let mut circle_size = vec![0; nc];
        for ind in &fw.indicators {
            dimension_size[ind.dimension] += 1;
            circle_size[ind.circle] += 1;
        }
        let spans = fw
            .indicators
            .iter()
            .map(|ind| match (ind.scale, method.normalization) {
                (None, Normalization::Range) => None,
                _ => Some(span_of(ind, method.normalization, 0.0, 0.0)),
            })
            .collect();
        Ok(Prepared {
            fw,
            method: *method,
            dimension_of: fw.indicators.iter().map(|i| i.dimension).collect(),
            circle_of: fw.indicators.iter().map(|i| i.circle).collect(),
            dimension_size,
            circle_size,
            beta: fw.circle_weights(),
            directions: fw.indicators.iter().map(|i| i.direction).collect(),
            fixed_weights: (method.weighting != Weighting::Entropy)
                .then(|| weights::fixed_weights(fw)),
            spans,
        })
    }

    pub fn n(&self) -> usize {
        self.dimension_of.len()
    }

    /// Normalized (interval-mapped) values of `data` into `z` (m × n), without warnings.
    pub fn normalize_into(&self, data: &DataMatrix, z: &mut Vec<f64>) {
        z.clear();
        z.extend_from_slice(&data.values);
        let observed = self.spans.contains(&None).then(|| column_ranges(data));
        let spans: Vec<Span> = (self.spans.iter().enumerate())
            .map(|(j, span)| match (span, &observed) {
                (Some(span), _) => *span,
                (None, Some(ranges)) => {
                    let (lo, hi) = ranges[j];
                    span_of(&self.fw.indicators[j], Normalization::Range, lo, hi)
                }
                (None, None) => Span::Constant(0.0),
            })
            .collect();
        map_in_place(z, data.n, &spans, &self.directions, self.method.interval);
    }

    /// The method's weights of normalized values z (m × n).
    pub fn weights(&self, z: &[f64], m: usize) -> Result<Weights, Vec<Blocker>> {
        let fixed = self.fixed_weights.as_deref();
        weights::weights_given(fixed, z, m, self.n(), &self.method)
    }

    /// Every score of the m observations of z under the global weights `w` (summing to 1):
    /// group scores, coupling coordination and obstacle degrees, into `s`. A large panel is
    /// scored in pieces of rows side by side; each row's numbers are the same either way.
    pub fn score_with(&self, z: &[f64], m: usize, w: &[f64], s: &mut Scratch) {
        let pieces = crate::par::pieces(m * self.n(), 1 << 17);
        self.score_in_pieces(z, m, w, s, pieces);
    }

    /// [`Prepared::score_with`] in `pieces` pieces of rows.
    pub(crate) fn score_in_pieces(
        &self,
        z: &[f64],
        m: usize,
        w: &[f64],
        s: &mut Scratch,
        pieces: usize,
    ) {
        let (n, nd, nc) = (self.n(), self.dimension_size.len(), self.beta.len());
        s.m = m;
        reset(&mut s.dimension_weight, nd);
        reset(&mut s.circle_weight, nc);
        for ((&d, &k), &wj) in self.dimension_of.iter().zip(&self.circle_of).zip(w) {
            s.dimension_weight[d] += wj;
            s.circle_weight[k] += wj;
        }
        // F_j: w_j, or β_k w_j / W_k (β_k/|k| when W_k = 0) under the composite basis.
        s.factors.clear();
        s.factors.extend((0..n).map(|j| {
            let k = self.circle_of[j];
            match self.method.obstacles {
                ObstacleBasis::Global => w[j],
                ObstacleBasis::Composite if s.circle_weight[k] == 0.0 => {
                    self.beta[k] / self.circle_size[k] as f64
                }
                ObstacleBasis::Composite => self.beta[k] * w[j] / s.circle_weight[k],
            }
        }));
        for (mul, group_weight, group) in [
            (
                &mut s.dimension_mul,
                &s.dimension_weight,
                &self.dimension_of,
            ),
            (&mut s.circle_mul, &s.circle_weight, &self.circle_of),
        ] {
            mul.clear();
            mul.extend((group.iter().zip(w)).map(
                |(&g, &wj)| {
                    if group_weight[g] == 0.0 { 1.0 } else { wj }
                },
            ));
        }
        for v in [&mut s.dimensions, &mut s.dimension_obstacles] {
            reset(v, m * nd);
        }
        for v in [&mut s.circles, &mut s.circle_obstacles] {
            reset(v, m * nc);
        }
        for v in [&mut s.c, &mut s.t, &mut s.d, &mut s.totals] {
            reset(v, m);
        }
        s.level.clear();
        s.level.resize(m, 1);
        let Scratch {
            dimensions,
            circles,
            c,
            t,
            d,
            level,
            totals,
            dimension_obstacles,
            circle_obstacles,
            dimension_weight,
            circle_weight,
            factors,
            dimension_mul,
            circle_mul,
            ..
        } = s;
        let shared = Shared {
            factors,
            dimension_weight,
            circle_weight,
            dimension_mul,
            circle_mul,
        };
        if pieces <= 1 {
            // Sensitivity analysis runs this a thousand times: no allocation on this path.
            let out = Rows {
                dims: dimensions,
                circles,
                c,
                t,
                d,
                level,
                totals,
                od: dimension_obstacles,
                oc: circle_obstacles,
            };
            return self.score_rows(z, &shared, out);
        }
        let ranges = crate::par::ranges(m, pieces);
        let pieces = (carve(dimensions, nd, &ranges).into_iter())
            .zip(carve(circles, nc, &ranges))
            .zip(carve(c, 1, &ranges))
            .zip(carve(t, 1, &ranges))
            .zip(carve(d, 1, &ranges))
            .zip(carve(level, 1, &ranges))
            .zip(carve(totals, 1, &ranges))
            .zip(carve(dimension_obstacles, nd, &ranges))
            .zip(carve(circle_obstacles, nc, &ranges))
            .zip(&ranges)
            .map(
                |(((((((((dims, circles), c), t), d), level), totals), od), oc), rows)| {
                    let z = &z[rows.start * n..rows.end * n];
                    (
                        z,
                        Rows {
                            dims,
                            circles,
                            c,
                            t,
                            d,
                            level,
                            totals,
                            od,
                            oc,
                        },
                    )
                },
            )
            .collect();
        crate::par::for_each(pieces, |(z, out)| self.score_rows(z, &shared, out));
    }

    /// [`Prepared::score_with`] on one piece of rows.
    fn score_rows(&self, z: &[f64], shared: &Shared, out: Rows) {
        let (n, nd, nc) = (self.n(), self.dimension_size.len(), self.beta.len());
        let Shared {
            factors,
            dimension_weight,
            circle_weight,
            dimension_mul,
            circle_mul,
        } = *shared;
        for (i, row) in z.chunks_exact(n.max(1)).enumerate() {
            // S_iG = Σ w z / Σ w, or the plain mean when Σ w = 0.
            let dims = &mut out.dims[i * nd..(i + 1) * nd];
            let circles = &mut out.circles[i * nc..(i + 1) * nc];
            for (((&z, &d), &k), (&wd, &wc)) in (row.iter())
                .zip(&self.dimension_of)
                .zip(&self.circle_of)
                .zip(dimension_mul.iter().zip(circle_mul))
            {
                dims[d] += wd * z;
                circles[k] += wc * z;
            }
            for (d, x) in dims.iter_mut().enumerate() {
                *x /= match dimension_weight[d] {
                    0.0 => self.dimension_size[d] as f64,
                    sum => sum,
                };
            }
            for (k, x) in circles.iter_mut().enumerate() {
                *x /= match circle_weight[k] {
                    0.0 => self.circle_size[k] as f64,
                    sum => sum,
                };
            }
            let c = coupling_degree(circles, self.method.coupling);
            let t = super::coupling::coordination(circles, &self.beta);
            let d = (c * t).max(0.0).sqrt();
            (out.c[i], out.t[i], out.d[i], out.level[i]) = (c, t, d, level_of(d));
            // O_ij = F_j (1 − z_ij) / Σ_l F_l (1 − z_il), all 0 when the sum is 0; summed by
            // dimension and circle here, and by indicator when a view asks.
            let total = (factors.iter().zip(row)).fold(0.0, |sum, (f, z)| sum + f * (1.0 - z));
            out.totals[i] = total;
            let od = &mut out.od[i * nd..(i + 1) * nd];
            let oc = &mut out.oc[i * nc..(i + 1) * nc];
            for (j, (&f, &z)) in factors.iter().zip(row).enumerate() {
                let o = share(f, z, total);
                od[self.dimension_of[j]] += o;
                oc[self.circle_of[j]] += o;
            }
            // A group holding every share can sum to 1 plus a last bit.
            for x in od.iter_mut().chain(oc.iter_mut()) {
                *x = x.min(1.0);
            }
        }
    }

    /// The weak dimensions of observation i of the last [`Prepared::score_with`] run.
    pub fn weak(&self, s: &Scratch, i: usize) -> Vec<usize> {
        let nd = self.dimension_size.len();
        weak_dimensions(
            self.fw,
            &s.dimension_obstacles[i * nd..(i + 1) * nd],
            &s.dimensions[i * nd..(i + 1) * nd],
            self.method.top,
        )
    }

    /// [`Prepared::weak`] into a reused buffer.
    pub fn weak_into(&self, s: &Scratch, i: usize, out: &mut Vec<usize>) {
        let nd = self.dimension_size.len();
        weak_dimensions_into(
            self.fw,
            &s.dimension_obstacles[i * nd..(i + 1) * nd],
            &s.dimensions[i * nd..(i + 1) * nd],
            self.method.top,
            out,
        );
    }

    /// The coupling stage of observation i of the last run.
    pub fn stage(&self, s: &Scratch, i: usize) -> u8 {
        stage_of(s.c[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::weights::entropies_in_pieces;
    use crate::engine::{Method, ObstacleBasis};

    /// 37 observations of the default framework, from a fixed pseudo-random sequence.
    fn data(fw: &Framework) -> DataMatrix {
        let n = fw.indicators.len();
        let mut x: u64 = 12345;
        let values = (0..37 * n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let v = (x >> 11) as f64 / (1u64 << 53) as f64;
                // Likert indicators need a value on their scale.
                v * 4.0 + 1.0
            })
            .collect();
        DataMatrix {
            labels: (0..37).map(|i| format!("o{i}")).collect(),
            n,
            values,
        }
    }

    #[test]
    fn pieces_of_rows_and_columns_give_the_same_numbers_to_the_last_bit() {
        let fw = Framework::default_framework();
        let data = data(&fw);
        let (m, n) = (data.m(), data.n);
        for obstacles in [ObstacleBasis::Global, ObstacleBasis::Composite] {
            let method = Method {
                obstacles,
                ..Method::default()
            };
            let p = Prepared::new(&fw, &method).expect("the default method is valid");
            let mut z = Vec::new();
            p.normalize_into(&data, &mut z);
            let e = entropies_in_pieces(&z, m, n, method.shift, 1);
            for pieces in [2, 3, 7] {
                assert_eq!(entropies_in_pieces(&z, m, n, method.shift, pieces), e);
            }
            let w = p.weights(&z, m).expect("weights").global;
            let mut one = Scratch::default();
            p.score_in_pieces(&z, m, &w, &mut one, 1);
            for pieces in [2, 3, 7] {
                let mut many = Scratch::default();
                p.score_in_pieces(&z, m, &w, &mut many, pieces);
                assert_eq!(many, one, "{pieces} pieces");
            }
        }
    }
}
