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
        descending(self.obstacles_of(i).dimensions)
    }

    /// Indicator indices of observation `i` by obstacle degree, largest first; ties keep
    /// framework order.
    pub fn indicators_by_obstacle(&self, i: usize) -> Vec<usize> {
        descending(&self.obstacles_of(i).indicators())
    }

    /// Circle indices of observation `i` by obstacle degree, largest first; ties keep
    /// framework order.
    pub fn circles_by_obstacle(&self, i: usize) -> Vec<usize> {
        descending(self.obstacles_of(i).circles)
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

    /// Two circles: a (dimensions a1 = {x, y}, a2 = {z}) and b (b1 = {v}).
    fn tiny_framework() -> Framework {
        let mut t = String::from("schema = 1\nid = \"t\"\nname = \"T\"\nversion = \"1\"\n");
        for c in ["a", "b"] {
            t += &format!("\n[[circles]]\nid = \"{c}\"\nname = \"Circle {c}\"\n");
        }
        for (d, c) in [("a1", "a"), ("a2", "a"), ("b1", "b")] {
            t += &format!("\n[[dimensions]]\nid = \"{d}\"\ncircle = \"{c}\"\nname = \"D {d}\"\n");
        }
        for (j, d) in [("x", "a1"), ("y", "a1"), ("z", "a2"), ("v", "b1")] {
            t += &format!(
                "\n[[indicators]]\nid = \"{j}\"\ndimension = \"{d}\"\nname = \"I {j}\"\nunit = \"u\"\ndirection = \"positive\"\n"
            );
        }
        match Framework::parse("t.toml", &t) {
            Ok(fw) => fw,
            Err(p) => panic!("test framework invalid: {p:?}"),
        }
    }

    /// An assessment with only the fields the facts read filled in.
    fn assessment(d: &[f64], weights: &[f64], obstacle_dims: &[f64]) -> Assessment {
        let coupling = d
            .iter()
            .map(|&d| crate::engine::Coupling {
                c: 0.0,
                t: 0.0,
                d,
                level: 1,
                lagging: vec![],
                stage: 1,
            })
            .collect();
        Assessment {
            method: crate::engine::MethodSpec::default().resolve(),
            circle_weights: vec![],
            labels: (0..d.len()).map(|i| format!("o{i}")).collect(),
            n: weights.len(),
            normalized: vec![],
            weights: crate::engine::Weights {
                entropy: None,
                divergence: None,
                global: weights.to_vec(),
            },
            dimension_scores: vec![],
            circle_scores: vec![],
            coupling,
            obstacles: crate::engine::Obstacles {
                dimensions: obstacle_dims.repeat(d.len()),
                m: d.len(),
                ..Default::default()
            },
            weak_dimensions: vec![],
            countermeasures: vec![],
            imputed: vec![],
            warnings: vec![],
        }
    }

    #[test]
    fn ranking_by_d_gives_competition_ranks() {
        // D = 0.5, 0.7, 0.5, 0.9 → order 3 (0.9), 1 (0.7), then 0 and 2 tied at 0.5 in survey
        // order; ranks 1, 2, 3, 3 (a tie shares the rank, the next rank skips).
        let a = assessment(&[0.5, 0.7, 0.5, 0.9], &[], &[]);
        assert_eq!(a.ranking_by_d(), [(1, 3), (2, 1), (3, 0), (3, 2)]);
    }

    #[test]
    fn weights_sum_over_dimensions_and_circles() {
        // w = x 0.1, y 0.2, z 0.3, v 0.4: a1 = 0.1 + 0.2 = 0.3, a2 = 0.3, b1 = 0.4;
        // circle a = 0.3 + 0.3 = 0.6, circle b = 0.4.
        let fw = tiny_framework();
        let a = assessment(&[0.5], &[0.1, 0.2, 0.3, 0.4], &[]);
        let close = |x: f64, y: f64| assert!((x - y).abs() < 1e-12, "{x} != {y}");
        close(a.dimension_weight(&fw, 0), 0.3);
        close(a.dimension_weight(&fw, 1), 0.3);
        close(a.dimension_weight(&fw, 2), 0.4);
        close(a.circle_weight(&fw, 0), 0.6);
        close(a.circle_weight(&fw, 1), 0.4);
    }

    #[test]
    fn dimensions_by_obstacle_worst_first() {
        // Obstacles 0.25, 0.5, 0.25 → 1 first, then 0 and 2 tied in framework order.
        let a = assessment(&[0.5], &[], &[0.25, 0.5, 0.25]);
        assert_eq!(a.dimensions_by_obstacle(0), [1, 0, 2]);
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
