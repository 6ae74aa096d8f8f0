//! Normalization: raw values → z in [0, 1] (then mapped into the method's interval).

use crate::engine::{Method, Normalization, Warning};
use crate::model::{DataMatrix, Direction, Framework, Indicator};

/// How one indicator's raw values become z: the span they are measured on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Span {
    /// On `[lo, hi]` (observed min/max, reference bounds or a Likert scale); `clamp` when
    /// values may lie outside (reference bounds).
    Linear { lo: f64, hi: f64, clamp: bool },
    /// A constant column under `range`: z = 1.
    Constant(f64),
}

/// The span of indicator `ind` under `normalization`, given its column's observed min and max.
/// A scale indicator is always normalized on its scale; `reference` uses the bounds (checked
/// beforehand, (0, 1) when absent).
pub fn span_of(ind: &Indicator, normalization: Normalization, lo: f64, hi: f64) -> Span {
    match (ind.scale, normalization) {
        (Some((a, b)), _) => Span::Linear {
            lo: a as f64,
            hi: b as f64,
            clamp: false,
        },
        (None, Normalization::Range) if lo == hi => Span::Constant(lo),
        (None, Normalization::Range) => Span::Linear {
            lo,
            hi,
            clamp: false,
        },
        (None, Normalization::Reference) => {
            let (lo, hi) = ind.bounds.unwrap_or((0.0, 1.0));
            Span::Linear {
                lo,
                hi,
                clamp: true,
            }
        }
    }
}

/// z of one raw value before the interval mapping. Computed on halves so that a span of
/// ±1e308 cannot overflow to infinity (halving is exact, so nothing else changes).
pub fn unit_z(x: f64, span: Span, direction: Direction) -> f64 {
    match span {
        Span::Constant(_) => 1.0,
        Span::Linear { lo, hi, clamp } => {
            let width = hi / 2.0 - lo / 2.0;
            let raw = match direction {
                Direction::Positive => (x / 2.0 - lo / 2.0) / width,
                Direction::Negative => (hi / 2.0 - x / 2.0) / width,
            };
            if clamp { raw.clamp(0.0, 1.0) } else { raw }
        }
    }
}

/// The observed (min, max) of column j.
pub fn column_range(data: &DataMatrix, j: usize) -> (f64, f64) {
    (0..data.m())
        .map(|i| data.values[i * data.n + j])
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(x), b.max(x))
        })
}

/// z for every cell, m × n (docs/method.md "Normalization" and "Interval").
///
/// `range`: positive (x − min)/(max − min), negative (max − x)/(max − min); a constant column
/// gets z = 1 and a warning. `reference`: the same with the indicator's bounds, clamped to
/// [0, 1] (clamping is reported). A scale indicator uses its scale in both. Then
/// z ↦ LO + (HI − LO)·z.
pub fn normalize(
    fw: &Framework,
    data: &DataMatrix,
    method: &Method,
    warnings: &mut Vec<Warning>,
) -> Vec<f64> {
    let (m, n) = (data.m(), data.n);
    let mut z = vec![0.0; m * n];
    for (j, ind) in fw.indicators.iter().enumerate() {
        let (lo, hi) = column_range(data, j);
        let span = span_of(ind, method.normalization, lo, hi);
        if let Span::Constant(value) = span
            && m > 0
        {
            warnings.push(Warning::ConstantColumn {
                indicator: j,
                value,
            });
        }
        fill_column(&mut z, data, j, span, ind.direction, method.interval);
        if let (
            Span::Linear {
                clamp: true,
                lo,
                hi,
            },
            None,
        ) = (span, ind.scale)
        {
            let count = (0..m)
                .filter(|&i| {
                    let x = data.values[i * n + j];
                    x < lo || x > hi
                })
                .count();
            if count > 0 {
                warnings.push(Warning::Clamped {
                    indicator: j,
                    count,
                    bounds: (lo, hi),
                });
            }
        } else if method.normalization == Normalization::Range
            && let Some(w) = outside_warning(ind, data, j)
        {
            warnings.push(w);
        }
    }
    z
}

/// Writes column j of z: the unit z mapped into `interval`.
pub fn fill_column(
    z: &mut [f64],
    data: &DataMatrix,
    j: usize,
    span: Span,
    direction: Direction,
    (lo_map, hi_map): (f64, f64),
) {
    let n = data.n;
    for i in 0..data.m() {
        let x = data.values[i * n + j];
        z[i * n + j] = lo_map + (hi_map - lo_map) * unit_z(x, span, direction);
    }
}

/// Under `range` the bounds are not used, but a value outside them is most often a unit slip
/// — 245 for 24.5 % — and silently moves every weight: say so. (Values off a Likert scale or
/// outside `[min, max]` never get here: they are invalid input.)
fn outside_warning(ind: &Indicator, data: &DataMatrix, j: usize) -> Option<Warning> {
    let (lo, hi) = match (ind.scale, ind.bounds) {
        (None, Some(b)) => b,
        _ => return None,
    };
    let outside: Vec<usize> = (0..data.m())
        .filter(|&i| {
            let x = data.values[i * data.n + j];
            x < lo || x > hi
        })
        .collect();
    let &first = outside.first()?;
    Some(Warning::OutsideBounds {
        indicator: j,
        count: outside.len(),
        first,
        value: data.values[first * data.n + j],
        bounds: (lo, hi),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_spans_do_not_overflow() {
        // Column 1e308, −1e308, 0: max − min = 2e308 overflows, the halves do not:
        // z = (x/2 + 0.5e308) / 1e308 → 1, 0, 0.5.
        let span = Span::Linear {
            lo: -1e308,
            hi: 1e308,
            clamp: false,
        };
        let z: Vec<f64> = [1e308, -1e308, 0.0]
            .iter()
            .map(|&x| unit_z(x, span, Direction::Positive))
            .collect();
        assert_eq!(z, [1.0, 0.0, 0.5]);
        assert_eq!(unit_z(1e308, span, Direction::Negative), 0.0);
    }

    #[test]
    fn scale_values_use_the_scale() {
        // 1–5 scale: 3 → (3 − 1)/4 = 0.5; negative 2 → (5 − 2)/4 = 0.75.
        let span = Span::Linear {
            lo: 1.0,
            hi: 5.0,
            clamp: false,
        };
        assert_eq!(unit_z(3.0, span, Direction::Positive), 0.5);
        assert_eq!(unit_z(2.0, span, Direction::Negative), 0.75);
    }
}
