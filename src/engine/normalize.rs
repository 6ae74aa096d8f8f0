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
        // Clamped: the reader refuses a value off the scale, so this only guards the engine's
        // own promise of z in [0, 1] when it is handed one anyway.
        (Some((a, b)), _) => Span::Linear {
            lo: a as f64,
            hi: b as f64,
            clamp: true,
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

/// z of one raw value before the interval mapping. A span of ±1e308, whose width overflows to
/// infinity, is computed on halves (halving a normal number is exact); any other on the values
/// themselves, since halving a subnormal rounds and can make two ends equal (0/0).
pub fn unit_z(x: f64, span: Span, direction: Direction) -> f64 {
    match span {
        Span::Constant(_) => 1.0,
        Span::Linear { lo, hi, clamp } => {
            let s = if (hi - lo).is_finite() { 1.0 } else { 0.5 };
            let (x, lo, hi) = (x * s, lo * s, hi * s);
            let raw = match direction {
                Direction::Positive => (x - lo) / (hi - lo),
                Direction::Negative => (hi - x) / (hi - lo),
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
        // Clamped against a last-bit excess of LO + (HI − LO)·1 over HI.
        let mapped = lo_map + (hi_map - lo_map) * unit_z(x, span, direction);
        z[i * n + j] = mapped.max(lo_map).min(hi_map);
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

    #[test]
    fn subnormal_spans_and_off_scale_values_stay_in_the_unit_interval() {
        // 3 and 4 times the smallest subnormal: their halves round to the same number.
        let (lo, hi) = (3.0 * 5e-324, 4.0 * 5e-324);
        let span = Span::Linear {
            lo,
            hi,
            clamp: false,
        };
        assert_eq!(unit_z(lo, span, Direction::Positive), 0.0);
        assert_eq!(unit_z(hi, span, Direction::Positive), 1.0);
        // A value off a Likert scale (the reader refuses it) is clamped, not scored as 2.
        let mut ind = Framework::default_framework().indicators[0].clone();
        ind.scale = Some((1, 5));
        let span = span_of(&ind, Normalization::Range, 0.0, 9.0);
        assert_eq!(unit_z(9.0, span, Direction::Positive), 1.0);
        assert_eq!(unit_z(-3.0, span, Direction::Negative), 1.0);
    }

    #[test]
    fn the_interval_mapping_never_exceeds_its_upper_end() {
        let data = DataMatrix {
            labels: vec!["a".into(), "b".into()],
            n: 1,
            values: vec![0.0, 1.0],
        };
        let span = Span::Linear {
            lo: 0.0,
            hi: 1.0,
            clamp: false,
        };
        for lo_map in [0.1, 0.3, 1e-17, 0.7, 0.999999999999] {
            let mut z = vec![0.0; 2];
            fill_column(&mut z, &data, 0, span, Direction::Positive, (lo_map, 1.0));
            assert_eq!(z, [lo_map, 1.0], "{lo_map}");
        }
    }
}
