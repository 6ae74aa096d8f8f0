//! Facts about an assessment that several views need (the score table, the report, the TUI,
//! the charts). Each is computed here once, with one tie-break rule, so two views can never
//! disagree about which observation ranks first or which dimension is the weakest.

use std::cmp::Ordering;

use super::Assessment;
use crate::model::Framework;

impl Assessment {
    /// Observation indices by D, best first, each with its competition rank ("1, 1, 3"); equal
    /// D keep survey order.
    pub fn ranking_by_d(&self) -> Vec<(usize, usize)> {
        let d: Vec<f64> = self.coupling.iter().map(|c| c.d).collect();
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(d.len());
        for (k, i) in descending(&d).into_iter().enumerate() {
            let rank = match out.last() {
                Some(&(r, p)) if d[p] == d[i] => r,
                _ => k + 1,
            };
            out.push((rank, i));
        }
        out
    }

    /// The global weight of dimension `d`: the sum of its indicators' weights.
    pub fn dimension_weight(&self, fw: &Framework, d: usize) -> f64 {
        fw.indicators_of_dimension(d)
            .map(|j| self.weights.global[j])
            .sum()
    }

    /// The global weight of circle `c`: the sum of its dimensions' weights.
    pub fn circle_weight(&self, fw: &Framework, c: usize) -> f64 {
        fw.dimensions_of_circle(c)
            .map(|d| self.dimension_weight(fw, d))
            .sum()
    }

    /// Dimension indices of observation `i` by obstacle degree, largest first; ties keep
    /// framework order.
    pub fn dimensions_by_obstacle(&self, i: usize) -> Vec<usize> {
        descending(&self.obstacles[i].dimensions)
    }

    /// Indicator indices of observation `i` by obstacle degree, largest first; ties keep
    /// framework order.
    pub fn indicators_by_obstacle(&self, i: usize) -> Vec<usize> {
        descending(&self.obstacles[i].indicators)
    }

    /// Circle indices of observation `i` by obstacle degree, largest first; ties keep
    /// framework order.
    pub fn circles_by_obstacle(&self, i: usize) -> Vec<usize> {
        descending(&self.obstacles[i].circles)
    }

    /// Whether the observations are years in order (traced over time) rather than a
    /// cross-section (ranked by D); see [`is_time_series`].
    pub fn is_time_series(&self) -> bool {
        is_time_series(&self.labels)
    }
}

/// Indices of `v`, largest value first; equal values keep index order (a stable sort).
fn descending(v: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&x, &y| v[y].partial_cmp(&v[x]).unwrap_or(Ordering::Equal));
    idx
}

/// Whether the observations are a time series: every label a 4-digit year and the years
/// strictly increasing. Anything else (regions, region-years, unordered years) is treated as a
/// cross-section, which the report ranks by D instead of tracing over time.
pub fn is_time_series(labels: &[String]) -> bool {
    let years: Option<Vec<u32>> = labels
        .iter()
        .map(|l| {
            (l.len() == 4 && l.bytes().all(|b| b.is_ascii_digit()))
                .then(|| l.parse().ok())
                .flatten()
        })
        .collect();
    match years {
        Some(y) => !y.is_empty() && y.windows(2).all(|w| w[0] < w[1]),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn descending_keeps_index_order_on_ties() {
        // 0.2 (index 1) first; the two 0.1 keep their order 0, 2; 0.0 last.
        assert_eq!(descending(&[0.1, 0.2, 0.1, 0.0]), [1, 0, 2, 3]);
        assert_eq!(descending(&[]), Vec::<usize>::new());
    }

    #[test]
    fn time_series_needs_increasing_four_digit_years() {
        assert!(is_time_series(&labels(&["2016", "2017", "2019"])));
        assert!(!is_time_series(&labels(&["2017", "2016"])));
        assert!(!is_time_series(&labels(&["Hexi", "Baisha"])));
        assert!(!is_time_series(&labels(&["2016", "Hexi 2017"])));
        assert!(!is_time_series(&labels(&["２０１６"])));
        assert!(!is_time_series(&[]));
    }
}
