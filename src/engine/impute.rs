//! Imputation of missing values, before normalization: pure, on plain data.
//!
//! The series structure comes in as lists of observation indices with integer periods, so the
//! survey layer decides what a series is (one region of a panel, a run of years, or a
//! cross-section in input order) and this module only does the arithmetic.

use crate::engine::Impute;

/// One time series: observation indices with their periods (any order; periods distinct).
/// A cross-section is one series whose periods are the positions 1..m.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub observations: Vec<usize>,
    pub periods: Vec<i64>,
}

impl Series {
    /// Observations `0..m` at positions 1..m: a cross-section.
    pub fn positions(m: usize) -> Series {
        Series {
            observations: (0..m).collect(),
            periods: (1..=m as i64).collect(),
        }
    }
}

/// The series of a survey without regions: its labels when they are all distinct integers (a
/// run of years), else a cross-section in input order.
pub fn series_of_labels(labels: &[String]) -> Vec<Series> {
    let periods: Option<Vec<i64>> = labels
        .iter()
        .map(|l| {
            let digits = l.strip_prefix('-').unwrap_or(l);
            let integer = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            integer.then(|| l.parse().ok()).flatten()
        })
        .collect();
    match periods {
        Some(p) if (1..p.len()).all(|i| !p[..i].contains(&p[i])) => vec![Series {
            observations: (0..labels.len()).collect(),
            periods: p,
        }],
        _ => vec![Series::positions(labels.len())],
    }
}

/// One series per region of a panel, in order of first appearance, each with its periods:
/// imputation interpolates within a belt's own years, never across belts.
pub fn series_of_panel(regions: &[String], periods: &[i64]) -> Vec<Series> {
    let mut out: Vec<(&String, Series)> = Vec::new();
    for (i, (r, p)) in regions.iter().zip(periods).enumerate() {
        match out.iter_mut().find(|(name, _)| *name == r) {
            Some((_, s)) => {
                s.observations.push(i);
                s.periods.push(*p);
            }
            None => out.push((
                r,
                Series {
                    observations: vec![i],
                    periods: vec![*p],
                },
            )),
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// The filled matrix and what was filled, as (observation, indicator, value) in observation
/// order, then indicator order.
#[derive(Debug, Clone, PartialEq)]
pub struct Imputation {
    pub values: Vec<f64>,
    pub imputed: Vec<(usize, usize, f64)>,
}

/// Why a value could not be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImputeError {
    /// No imputation asked for: observation `observation` lacks indicator `indicator`.
    Missing {
        observation: usize,
        indicator: usize,
    },
    /// The indicator has no observed value at all (`series` = None) or none in one series
    /// (its index in the list given).
    NoValue {
        indicator: usize,
        series: Option<usize>,
    },
}

/// Fills the missing cells of `cells` (m × n, row-major) the way `how` says.
///
/// `interpolate`: within each series, x = x_a + (x_b − x_a)(t − t_a)/(t_b − t_a) between the
/// nearest observed periods around t; before the first or after the last observed value, that
/// value. `mean`: the mean of the indicator's observed values over every observation.
pub fn impute(
    cells: &[Option<f64>],
    n: usize,
    series: &[Series],
    how: Impute,
) -> Result<Imputation, Vec<ImputeError>> {
    let m = cells.len().checked_div(n).unwrap_or(0);
    let mut values: Vec<f64> = cells.iter().map(|c| c.unwrap_or(f64::NAN)).collect();
    let mut imputed = Vec::new();
    let mut errors = Vec::new();
    match how {
        Impute::None => {
            for (k, c) in cells.iter().enumerate() {
                if c.is_none() {
                    errors.push(ImputeError::Missing {
                        observation: k / n,
                        indicator: k % n,
                    });
                }
            }
        }
        Impute::Mean => {
            for j in 0..n {
                let observed: Vec<f64> = (0..m).filter_map(|i| cells[i * n + j]).collect();
                if observed.is_empty() {
                    errors.push(ImputeError::NoValue {
                        indicator: j,
                        series: None,
                    });
                    continue;
                }
                let mean = finite_mean(&observed);
                for i in (0..m).filter(|&i| cells[i * n + j].is_none()) {
                    values[i * n + j] = mean;
                    imputed.push((i, j, mean));
                }
            }
        }
        Impute::Interpolate => {
            for (s, ser) in series.iter().enumerate() {
                let mut order: Vec<(i64, usize)> = ser
                    .periods
                    .iter()
                    .copied()
                    .zip(ser.observations.iter().copied())
                    .collect();
                order.sort_unstable();
                for j in 0..n {
                    let known: Vec<(i64, f64)> = order
                        .iter()
                        .filter_map(|&(t, i)| cells[i * n + j].map(|x| (t, x)))
                        .collect();
                    if known.is_empty() {
                        errors.push(ImputeError::NoValue {
                            indicator: j,
                            series: Some(s),
                        });
                        continue;
                    }
                    for &(t, i) in order.iter().filter(|(_, i)| cells[i * n + j].is_none()) {
                        let x = interpolate(&known, t);
                        values[i * n + j] = x;
                        imputed.push((i, j, x));
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    imputed.sort_by_key(|&(i, j, _)| (i, j));
    Ok(Imputation { values, imputed })
}

/// The mean of finite values, finite itself. When their sum overflows (values near ±1e308),
/// each value is first divided by the largest magnitude: the terms are then in [−1, 1], so
/// neither their sum nor the rounding of each term can leave the range of the values.
fn finite_mean(values: &[f64]) -> f64 {
    let count = values.len() as f64;
    let mean = values.iter().sum::<f64>() / count;
    if mean.is_finite() {
        return mean;
    }
    let scale = values.iter().fold(0.0_f64, |s, x| s.max(x.abs()));
    values.iter().map(|x| x / scale).sum::<f64>() / count * scale
}

/// The value at period t from the observed (period, value) points, sorted by period.
///
/// Periods are compared as integers (two periods past 2^53 can be equal as f64) and the step
/// is taken in i128, so the fraction is always in [0, 1]; the result stays between the two
/// values even when their difference overflows (values near ±1e308).
fn interpolate(known: &[(i64, f64)], t: i64) -> f64 {
    let after = known.iter().position(|&(tb, _)| tb > t);
    match after {
        Some(0) => known[0].1,
        None => known[known.len() - 1].1,
        Some(b) => {
            let (ta, xa) = known[b - 1];
            let (tb, xb) = known[b];
            let dt = (i128::from(t) - i128::from(ta)) as f64;
            let span = (i128::from(tb) - i128::from(ta)) as f64;
            let mut x = xa + (xb - xa) * dt / span;
            if !x.is_finite() {
                let f = dt / span;
                x = xa * (1.0 - f) + xb * f;
            }
            x.max(xa.min(xb)).min(xa.max(xb))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(obs: &[usize], periods: &[i64]) -> Series {
        Series {
            observations: obs.to_vec(),
            periods: periods.to_vec(),
        }
    }

    #[test]
    fn interpolation_fills_ends_and_runs_of_gaps() {
        // One indicator over periods 1..6: _, 2, _, _, 8, _.
        // Before the first observed: 2. Between 2 (t=2) and 8 (t=5): 2 + 6·(3−2)/3 = 4 and
        // 2 + 6·(4−2)/3 = 6. After the last: 8.
        let cells = [None, Some(2.0), None, None, Some(8.0), None];
        let r = impute(&cells, 1, &[Series::positions(6)], Impute::Interpolate).unwrap();
        assert_eq!(r.values, [2.0, 2.0, 4.0, 6.0, 8.0, 8.0]);
        assert_eq!(
            r.imputed,
            [(0, 0, 2.0), (2, 0, 4.0), (3, 0, 6.0), (5, 0, 8.0)]
        );
    }

    #[test]
    fn interpolation_is_linear_in_the_period_and_per_series() {
        // Two series interleaved in input order: A = obs 0, 2, 4 at 2019, 2021, 2024;
        // B = obs 1, 3 at 2020, 2021. A's 2021 gap: 10 + (40 − 10)·(2021 − 2019)/5 = 22.
        // B's gap takes B's only value 7, never A's.
        let cells = [Some(10.0), Some(7.0), None, None, Some(40.0)];
        let series = [
            s(&[0, 2, 4], &[2019, 2021, 2024]),
            s(&[3, 1], &[2021, 2020]),
        ];
        let r = impute(&cells, 1, &series, Impute::Interpolate).unwrap();
        assert_eq!(r.imputed, [(2, 0, 22.0), (3, 0, 7.0)]);
    }

    #[test]
    fn a_series_without_a_value_is_an_error() {
        let cells = [Some(1.0), None, None, Some(2.0)];
        let series = [s(&[0, 1], &[1, 2]), s(&[2], &[1]), s(&[3], &[1])];
        // Indicator 0 is observed in series 0 and 2 but not in series 1.
        let cells2: Vec<Option<f64>> = cells[..3].to_vec();
        let err = impute(&cells2, 1, &series[..2], Impute::Interpolate).unwrap_err();
        assert_eq!(
            err,
            [ImputeError::NoValue {
                indicator: 0,
                series: Some(1)
            }]
        );
        assert!(impute(&cells, 1, &series, Impute::Interpolate).is_err());
    }

    #[test]
    fn mean_of_a_cross_section() {
        // Two indicators, three observations. Column 0: 1, _, 5 → mean 3. Column 1: _, 4, _
        // → 4 twice.
        let cells = [Some(1.0), None, None, Some(4.0), Some(5.0), None];
        let r = impute(&cells, 2, &[Series::positions(3)], Impute::Mean).unwrap();
        assert_eq!(r.values, [1.0, 4.0, 3.0, 4.0, 5.0, 4.0]);
        assert_eq!(r.imputed, [(0, 1, 4.0), (1, 0, 3.0), (2, 1, 4.0)]);
        let none = [None, Some(1.0)];
        assert_eq!(
            impute(&none, 2, &[Series::positions(1)], Impute::Mean).unwrap_err(),
            [ImputeError::NoValue {
                indicator: 0,
                series: None
            }]
        );
    }

    #[test]
    fn labels_that_are_years_form_a_series() {
        let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            series_of_labels(&l(&["2020", "2018", "-1"])),
            [s(&[0, 1, 2], &[2020, 2018, -1])]
        );
        assert_eq!(
            series_of_labels(&l(&["2020", "2020"])),
            [Series::positions(2)]
        );
        assert_eq!(series_of_labels(&l(&["A", "2020"])), [Series::positions(2)]);
    }

    #[test]
    fn a_panel_gives_one_series_per_region() {
        let regions: Vec<String> = ["A", "B", "A", "B"].iter().map(|s| s.to_string()).collect();
        let series = series_of_panel(&regions, &[2021, 2021, 2022, 2022]);
        assert_eq!(series.len(), 2);
        assert_eq!(series[0].observations, vec![0, 2]);
        assert_eq!(series[1].periods, vec![2021, 2022]);
    }

    #[test]
    fn values_near_the_largest_float_are_filled_with_finite_values() {
        let series = [s(&[0, 1, 2], &[2019, 2020, 2021])];
        let cells = [Some(1.7e308), None, Some(-1.7e308)];
        let r = impute(&cells, 1, &series, Impute::Interpolate).unwrap();
        assert_eq!(r.values[1], 0.0);
        let cells = [Some(1.7e308), Some(1.7e308), None];
        let r = impute(&cells, 1, &series, Impute::Mean).unwrap();
        assert_eq!(r.values[2], 1.7e308);
        // A third of the largest float rounds up: three such thirds summed overflowed.
        let cells = [Some(-f64::MAX), Some(-f64::MAX), Some(-f64::MAX), None];
        let series = [s(&[0, 1, 2, 3], &[2019, 2020, 2021, 2022])];
        let r = impute(&cells, 1, &series, Impute::Mean).unwrap();
        assert_eq!(r.values[3], -f64::MAX);
    }
}
