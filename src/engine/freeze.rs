//! Freezing an assessment's normalization and weights, so that yearly figures stay put.
//!
//! Range normalization and entropy weights are relative to the observations scored together:
//! adding next year's data re-scores every earlier year. Freezing records the bounds and the
//! weights actually used, so the same data scored with `reference` normalization and `fixed`
//! weights against the frozen framework give the same scores, and later years leave earlier
//! ones unchanged (docs/method.md, "Freeze").

use super::Normalization;
use crate::model::{DataMatrix, Direction, Framework};

/// The reference bounds that reproduce the normalization used for each indicator, or `None`
/// for an indicator normalized on its Likert scale (it keeps its scale and needs no bounds).
///
/// Under `range`, the observed `[min, max]`; a constant column `c` scored z = 1 gets `[c − 1, c]`
/// when positive and `[c, c + 1]` when negative, which reproduces z = 1. Under `reference`, the
/// indicator's own bounds.
pub fn frozen_bounds(
    fw: &Framework,
    data: &DataMatrix,
    normalization: Normalization,
) -> Vec<Option<(f64, f64)>> {
    fw.indicators
        .iter()
        .enumerate()
        .map(|(j, ind)| {
            if ind.scale.is_some() {
                return None;
            }
            match normalization {
                Normalization::Reference => ind.bounds,
                Normalization::Range => {
                    let column = (0..data.m()).map(|i| data.values[i * data.n + j]);
                    let (lo, hi) = column
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                            (lo.min(x), hi.max(x))
                        });
                    if !(lo.is_finite() && hi.is_finite()) {
                        return ind.bounds;
                    }
                    if lo < hi {
                        Some((lo, hi))
                    } else {
                        match ind.direction {
                            Direction::Positive => Some((lo - 1.0, lo)),
                            Direction::Negative => Some((lo, lo + 1.0)),
                        }
                    }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framework() -> Framework {
        let mut fw = Framework::default_framework();
        fw.indicators.truncate(3);
        fw.indicators[0].direction = Direction::Positive;
        fw.indicators[1].direction = Direction::Negative;
        fw.indicators[2].scale = Some((1, 5));
        fw
    }

    #[test]
    fn range_freezes_observed_extremes_and_widens_a_constant_column() {
        let fw = framework();
        // Column 0: 3, 7 → [3, 7]. Column 1 constant 5, negative → [5, 6]. Column 2 on a scale.
        let data = DataMatrix {
            labels: vec!["2023".into(), "2024".into()],
            n: 3,
            values: vec![3.0, 5.0, 2.0, 7.0, 5.0, 4.0],
        };
        let b = frozen_bounds(&fw, &data, Normalization::Range);
        assert_eq!(b, vec![Some((3.0, 7.0)), Some((5.0, 6.0)), None]);
    }

    #[test]
    fn a_positive_constant_column_gets_one_below() {
        let mut fw = framework();
        fw.indicators[1].direction = Direction::Positive;
        let data = DataMatrix {
            labels: vec!["a".into(), "b".into()],
            n: 3,
            values: vec![1.0, 5.0, 2.0, 2.0, 5.0, 2.0],
        };
        // z = (5 − 4)/(5 − 4) = 1, as the constant-column rule gives.
        assert_eq!(
            frozen_bounds(&fw, &data, Normalization::Range)[1],
            Some((4.0, 5.0))
        );
    }
}
