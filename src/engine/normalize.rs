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

/// How one column's raw values become z in [0, 1], before the interval mapping:
/// z = ((sign·s)·x + offset) / width, clamped. Positive: (x − lo)/(hi − lo); negative:
/// (hi − x)/(hi − lo), written as the same operations on the same numbers (negating and
/// multiplying by 1 are exact), so a row is one stream of the same arithmetic the compiler can
/// run several cells at a time. A span of ±1e308, whose width overflows to infinity, is
/// computed on halves (s = ½; halving a normal number is exact); any other on the values
/// themselves, since halving a subnormal rounds and can make two ends equal (0/0). A constant
/// column is 0·x + 1. Clamping changes nothing on an observed range (x − min ≤ max − min rounds
/// the same way) and is what a scale or reference span asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitZ {
    mul: f64,
    offset: f64,
    width: f64,
}

impl UnitZ {
    pub fn new(span: Span, direction: Direction) -> UnitZ {
        let (mul, offset, width) = match span {
            Span::Constant(_) => (0.0, 1.0, 1.0),
            Span::Linear { lo, hi, .. } => {
                let s = if (hi - lo).is_finite() { 1.0 } else { 0.5 };
                let (lo, hi) = (lo * s, hi * s);
                match direction {
                    Direction::Positive => (s, -lo, hi - lo),
                    Direction::Negative => (-s, hi, hi - lo),
                }
            }
        };
        UnitZ { mul, offset, width }
    }

    /// z of the raw value x.
    pub fn of(&self, x: f64) -> f64 {
        ((x * self.mul + self.offset) / self.width).clamp(0.0, 1.0)
    }
}

/// The observed (min, max) of every column, in one pass over the rows: walking a column
/// strides across the whole matrix and misses the cache on every cell of a large panel.
pub fn column_ranges(data: &DataMatrix) -> Vec<(f64, f64)> {
    let mut ranges = vec![(f64::INFINITY, f64::NEG_INFINITY); data.n];
    for row in data.values.chunks_exact(data.n.max(1)) {
        for ((lo, hi), &x) in ranges.iter_mut().zip(row) {
            *lo = lo.min(x);
            *hi = hi.max(x);
        }
    }
    ranges
}

/// Per column with bounds to check: how many values lie outside them, and the first that
/// does; in one pass over the rows, as [`column_ranges`].
fn outside_counts(data: &DataMatrix, bounds: &[Option<(f64, f64)>]) -> Vec<(usize, usize)> {
    let mut counts = vec![(0, 0); data.n];
    for (i, row) in data.values.chunks_exact(data.n.max(1)).enumerate() {
        for ((count, &x), bounds) in counts.iter_mut().zip(row).zip(bounds) {
            if let Some((lo, hi)) = *bounds
                && (x < lo || x > hi)
            {
                if count.0 == 0 {
                    count.1 = i;
                }
                count.0 += 1;
            }
        }
    }
    counts
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
    let spans = spans(fw, data, method, warnings);
    let mut z = data.values.clone();
    map_in_place(&mut z, data.n, &spans, &directions(fw), method.interval);
    z
}

/// [`normalize`] of a matrix no longer needed raw: z is written over the values (a panel's
/// matrix is millions of numbers).
pub fn normalize_owned(
    fw: &Framework,
    mut data: DataMatrix,
    method: &Method,
    warnings: &mut Vec<Warning>,
) -> (Vec<String>, Vec<f64>) {
    let spans = spans(fw, &data, method, warnings);
    map_in_place(
        &mut data.values,
        data.n,
        &spans,
        &directions(fw),
        method.interval,
    );
    (data.labels, data.values)
}

fn directions(fw: &Framework) -> Vec<Direction> {
    fw.indicators.iter().map(|i| i.direction).collect()
}

/// Every column's span under `method`, with the warnings the raw values call for.
fn spans(
    fw: &Framework,
    data: &DataMatrix,
    method: &Method,
    warnings: &mut Vec<Warning>,
) -> Vec<Span> {
    let m = data.m();
    let spans: Vec<Span> = (fw.indicators.iter())
        .zip(column_ranges(data))
        .map(|(ind, (lo, hi))| span_of(ind, method.normalization, lo, hi))
        .collect();
    // Reference spans clamp, and the values clamped are counted; under `range` a value
    // outside the bounds is most often a unit slip — 245 for 24.5 % — that silently moves every
    // weight, so it is reported. (Values off a Likert scale or outside `[min, max]` never get
    // here: they are invalid input.)
    let checked: Vec<Option<(f64, f64)>> = (fw.indicators.iter().zip(&spans))
        .map(|(ind, &span)| match (span, ind.scale, ind.bounds) {
            (
                Span::Linear {
                    clamp: true,
                    lo,
                    hi,
                },
                None,
                _,
            ) => Some((lo, hi)),
            (_, None, Some(b)) if method.normalization == Normalization::Range => Some(b),
            _ => None,
        })
        .collect();
    let outside = outside_counts(data, &checked);
    for (j, &span) in spans.iter().enumerate() {
        if let Span::Constant(value) = span
            && m > 0
        {
            warnings.push(Warning::ConstantColumn {
                indicator: j,
                value,
            });
        }
        let (count, first) = outside[j];
        match (span, checked[j]) {
            (_, None) => {}
            _ if count == 0 => {}
            (Span::Linear { clamp: true, .. }, Some(bounds))
                if fw.indicators[j].scale.is_none() =>
            {
                warnings.push(Warning::Clamped {
                    indicator: j,
                    count,
                    bounds,
                })
            }
            (_, Some(bounds)) => warnings.push(Warning::OutsideBounds {
                indicator: j,
                count,
                first,
                value: data.values[first * data.n + j],
                bounds,
            }),
        }
    }
    spans
}

/// Turns raw values (m × n) into z, row by row: each column's [`UnitZ`] mapped into
/// `interval`.
pub fn map_in_place(
    values: &mut [f64],
    n: usize,
    spans: &[Span],
    directions: &[Direction],
    (lo_map, hi_map): (f64, f64),
) {
    let n = n.max(1);
    let columns: Vec<UnitZ> = (spans.iter().zip(directions))
        .map(|(&span, &direction)| UnitZ::new(span, direction))
        .collect();
    let width = hi_map - lo_map;
    for row in values.chunks_exact_mut(n) {
        for (z, unit) in row.iter_mut().zip(&columns) {
            let unit = unit.of(*z);
            // Clamped against a last-bit excess of LO + (HI − LO)·1 over HI.
            *z = (lo_map + width * unit).clamp(lo_map, hi_map);
        }
    }
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
            .map(|&x| UnitZ::new(span, Direction::Positive).of(x))
            .collect();
        assert_eq!(z, [1.0, 0.0, 0.5]);
        assert_eq!(UnitZ::new(span, Direction::Negative).of(1e308), 0.0);
    }

    #[test]
    fn scale_values_use_the_scale() {
        // 1–5 scale: 3 → (3 − 1)/4 = 0.5; negative 2 → (5 − 2)/4 = 0.75.
        let span = Span::Linear {
            lo: 1.0,
            hi: 5.0,
            clamp: false,
        };
        assert_eq!(UnitZ::new(span, Direction::Positive).of(3.0), 0.5);
        assert_eq!(UnitZ::new(span, Direction::Negative).of(2.0), 0.75);
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
        assert_eq!(UnitZ::new(span, Direction::Positive).of(lo), 0.0);
        assert_eq!(UnitZ::new(span, Direction::Positive).of(hi), 1.0);
        // A value off a Likert scale (the reader refuses it) is clamped, not scored as 2.
        let mut ind = Framework::default_framework().indicators[0].clone();
        ind.scale = Some((1, 5));
        let span = span_of(&ind, Normalization::Range, 0.0, 9.0);
        assert_eq!(UnitZ::new(span, Direction::Positive).of(9.0), 1.0);
        assert_eq!(UnitZ::new(span, Direction::Negative).of(-3.0), 1.0);
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
            let mut z = data.values.clone();
            map_in_place(&mut z, 1, &[span], &[Direction::Positive], (lo_map, 1.0));
            assert_eq!(z, [lo_map, 1.0], "{lo_map}");
        }
    }
}
