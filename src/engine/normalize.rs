//! Normalization: raw values → z in [0, 1] (then mapped into the method's interval).

use crate::engine::{Method, Normalization};
use crate::model::{DataMatrix, Direction, Framework};

/// z for every cell, m × n, SPEC.md section 2 "Normalization" and "Interval".
///
/// `range`: positive (x − min)/(max − min), negative (max − x)/(max − min); a constant column
/// gets z = 1 and a warning. `reference`: the same with the indicator's bounds, clamped to
/// [0, 1] (clamping is reported). Then z ↦ LO + (HI − LO)·z.
pub fn normalize(
    fw: &Framework,
    data: &DataMatrix,
    method: &Method,
    warnings: &mut Vec<String>,
) -> Vec<f64> {
    let (m, n) = (data.m(), data.n);
    let (lo_map, hi_map) = method.interval;
    let span_map = hi_map - lo_map;
    let mut z = vec![0.0; m * n];
    for (j, ind) in fw.indicators.iter().enumerate() {
        let column = (0..m).map(|i| data.values[i * n + j]);
        let (lo, hi) = match method.normalization {
            Normalization::Range => column.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                (a.min(x), b.max(x))
            }),
            Normalization::Reference => ind.bounds.unwrap_or((0.0, 1.0)),
        };
        let constant = method.normalization == Normalization::Range && lo == hi;
        if constant && m > 0 {
            warnings.push(format!(
                "indicator `{}` has the same value ({}) in every observation: z = 1 and its entropy weight is 0",
                ind.id, lo
            ));
        }
        let mut clamped = 0usize;
        for i in 0..m {
            let x = data.values[i * n + j];
            let raw = if constant {
                1.0
            } else {
                match ind.direction {
                    Direction::Positive => (x - lo) / (hi - lo),
                    Direction::Negative => (hi - x) / (hi - lo),
                }
            };
            let unit = if method.normalization == Normalization::Reference {
                if !(0.0..=1.0).contains(&raw) {
                    clamped += 1;
                }
                raw.clamp(0.0, 1.0)
            } else {
                raw
            };
            z[i * n + j] = lo_map + span_map * unit;
        }
        if method.normalization == Normalization::Range
            && let Some(w) = outside_warning(ind, data, j)
        {
            warnings.push(w);
        }
        if clamped > 0 {
            warnings.push(format!(
                "indicator `{}`: {clamped} value(s) outside its bounds [{lo}, {hi}] were clamped to the nearest bound",
                ind.id
            ));
        }
    }
    z
}

/// Under `range` the bounds are not used, but a value outside them (or outside a Likert scale)
/// is most often a unit slip — 245 for 24.5 % — and silently moves every weight: say so.
fn outside_warning(ind: &crate::model::Indicator, data: &DataMatrix, j: usize) -> Option<String> {
    let (lo, hi, what) = match (ind.scale, ind.bounds) {
        (Some((lo, hi)), _) => (lo as f64, hi as f64, "scale"),
        (None, Some((lo, hi))) => (lo, hi, "reference bounds"),
        (None, None) => return None,
    };
    let outside: Vec<usize> = (0..data.m())
        .filter(|&i| {
            let x = data.values[i * data.n + j];
            x < lo || x > hi
        })
        .collect();
    let &first = outside.first()?;
    Some(format!(
        "indicator `{}`: {} value(s) outside its {what} [{lo}, {hi}] (e.g. `{}`: {}); check the unit",
        ind.id,
        outside.len(),
        data.labels[first],
        data.values[first * data.n + j]
    ))
}
