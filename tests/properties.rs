//! Invariants of the engine on random frameworks (2–4 circles, 1–3 dimensions each, 1–3
//! indicators each, random directions) and random data (2–12 observations).

mod common;

use beltscope::engine::{
    self, Assessment, Blocker, CouplingModel, Impute, Method, Normalization, ObstacleBasis,
    Weighting, level_of,
};
use beltscope::model::{DataMatrix, Framework};
use common::{Fw, Ind, neg, pos};
use proptest::prelude::*;

/// circles → dimensions → indicators (true = positive).
type Shape = Vec<Vec<Vec<bool>>>;

#[derive(Debug, Clone)]
struct Case {
    shape: Shape,
    m: usize,
    values: Vec<f64>,
    weights: Vec<f64>,
    circle_weights: Option<Vec<f64>>,
    method: Method,
}

impl Case {
    fn n(&self) -> usize {
        self.shape.iter().flatten().map(Vec::len).sum()
    }

    fn framework(&self) -> Framework {
        let mut fw = Fw::new();
        for c in 0..self.shape.len() {
            let cid = format!("c{c}");
            fw = match &self.circle_weights {
                Some(w) => fw.weighted_circle(&cid, w[c]),
                None => fw.circle(&cid),
            };
        }
        let mut j = 0;
        for (c, dims) in self.shape.iter().enumerate() {
            for (d, inds) in dims.iter().enumerate() {
                let did = format!("d{c}_{d}");
                fw = fw.dim(&did, &format!("c{c}"));
                for (l, positive) in inds.iter().enumerate() {
                    let id = format!("i{c}_{d}_{l}");
                    let ind: Ind = if *positive {
                        pos(&id, &did)
                    } else {
                        neg(&id, &did)
                    };
                    fw = fw.ind(ind.bounds(-500.0, 500.0).weight(self.weights[j]));
                    j += 1;
                }
                fw = fw.cm(&format!("m{c}_{d}"), &[&did]);
            }
        }
        fw.build()
    }

    fn data(&self) -> DataMatrix {
        DataMatrix {
            labels: (0..self.m).map(|i| format!("obs{i}")).collect(),
            n: self.n(),
            values: self.values.clone(),
        }
    }
}

fn shape() -> impl Strategy<Value = Shape> {
    prop::collection::vec(
        prop::collection::vec(prop::collection::vec(any::<bool>(), 1..=3), 1..=3),
        2..=4,
    )
}

/// Mostly continuous values, sometimes small integers so that ties and constant columns occur.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => -1000.0f64..1000.0,
        1 => (0i32..3).prop_map(f64::from),
    ]
}

fn method() -> impl Strategy<Value = Method> {
    (
        prop_oneof![Just(Normalization::Range), Just(Normalization::Reference)],
        prop_oneof![
            Just(Weighting::Entropy),
            Just(Weighting::Fixed),
            Just(Weighting::Combined)
        ],
        prop_oneof![Just(0.0), 0.0f64..1.0],
        prop_oneof![
            Just((0.0, 1.0)),
            Just((0.002, 0.998)),
            (0.0f64..0.5, 0.5f64..=1.0)
        ],
        prop_oneof![Just(CouplingModel::Classic), Just(CouplingModel::Corrected)],
        0usize..5,
        prop_oneof![Just(ObstacleBasis::Global), Just(ObstacleBasis::Composite)],
    )
        .prop_map(
            |(normalization, weighting, shift, interval, coupling, top, obstacles)| Method {
                normalization,
                weighting,
                shift,
                interval,
                coupling,
                top,
                obstacles,
                impute: Impute::None,
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (shape(), 2usize..=12, method()).prop_flat_map(|(shape, m, method)| {
        let n: usize = shape.iter().flatten().map(Vec::len).sum();
        let k = shape.len();
        (
            Just(shape),
            Just(m),
            prop::collection::vec(value(), m * n),
            prop::collection::vec(0.1f64..10.0, n),
            proptest::option::of(prop::collection::vec(0.5f64..5.0, k)),
            Just(method),
        )
            .prop_map(|(shape, m, values, weights, circle_weights, method)| Case {
                shape,
                m,
                values,
                weights,
                circle_weights,
                method,
            })
    })
}

/// Assesses; a case whose indicators all carry no entropy information is skipped.
fn run(fw: &Framework, d: &DataMatrix, m: &Method) -> Result<Assessment, TestCaseError> {
    match engine::assess(fw, d, m) {
        Ok(a) => Ok(a),
        Err(b)
            if matches!(
                b[..],
                [Blocker::NoInformation] | [Blocker::CombinedWeightsZero]
            ) =>
        {
            Err(TestCaseError::reject("no entropy information"))
        }
        Err(b) => Err(TestCaseError::fail(format!("unexpected error: {b:?}"))),
    }
}

fn in_unit(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

fn check_invariants(fw: &Framework, a: &Assessment) -> Result<(), TestCaseError> {
    let w = &a.weights.global;
    prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9, "weights {w:?}");
    prop_assert!(w.iter().all(|x| *x >= 0.0), "weights {w:?}");
    if let Some(e) = &a.weights.entropy {
        prop_assert!(e.iter().all(|e| e.is_finite()), "entropy {e:?}");
    }
    let (lo, hi) = a.method.interval;
    for &z in &a.normalized {
        prop_assert!(in_unit(z), "z = {z}");
        prop_assert!(
            z >= lo - 1e-12 && z <= hi + 1e-12,
            "z = {z} outside [{lo}, {hi}]"
        );
    }
    for &s in a.dimension_scores.iter().chain(&a.circle_scores) {
        prop_assert!(in_unit(s), "score {s}");
    }
    for i in 0..a.m() {
        let c = &a.coupling[i];
        prop_assert!(in_unit(c.c), "C = {}", c.c);
        prop_assert!(in_unit(c.t), "T = {}", c.t);
        prop_assert!(in_unit(c.d), "D = {}", c.d);
        prop_assert!((1..=10).contains(&c.level));
        prop_assert_eq!(c.level, level_of(c.d));
        let u = a.circles(i);
        let max = u.iter().cloned().fold(f64::MIN, f64::max);
        for (k, &uk) in u.iter().enumerate() {
            prop_assert_eq!(c.lagging.contains(&k), max - uk > 0.1);
        }
        let o = a.obstacles_of(i);
        let sum: f64 = o.indicators().iter().sum();
        prop_assert!(
            (sum - 1.0).abs() < 1e-9 || o.indicators().iter().all(|x| *x == 0.0),
            "obstacles {:?}",
            o.indicators()
        );
        prop_assert!(o.indicators().iter().all(|x| *x >= 0.0));
        for group in [&o.dimensions, &o.circles] {
            prop_assert!((group.iter().sum::<f64>() - sum).abs() < 1e-9);
        }
        let weak = &a.weak_dimensions[i];
        prop_assert!(weak.len() <= a.method.top);
        prop_assert!(weak.iter().all(|&d| o.dimensions[d] > 0.0));
        for pair in weak.windows(2) {
            prop_assert!(o.dimensions[pair[0]] >= o.dimensions[pair[1]]);
        }
        let cms = &a.countermeasures[i];
        let mut unique = cms.clone();
        unique.sort_unstable();
        unique.dedup();
        prop_assert_eq!(unique.len(), cms.len());
        // Each test dimension has exactly one countermeasure of its own.
        prop_assert_eq!(cms.len(), weak.len());
        for &cm in cms {
            prop_assert!(
                fw.countermeasures[cm]
                    .dimensions
                    .iter()
                    .any(|d| weak.contains(d))
            );
        }
    }
    Ok(())
}

fn close(a: f64, b: f64, tol: f64) -> Result<(), TestCaseError> {
    prop_assert!((a - b).abs() <= tol, "{} vs {} (tol {})", a, b, tol);
    Ok(())
}

fn close_all(a: &[f64], b: &[f64], tol: f64) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        close(*x, *y, tol)?;
    }
    Ok(())
}

/// The per-observation numbers of `a` at i and `b` at k agree.
fn same_observation(
    a: &Assessment,
    i: usize,
    b: &Assessment,
    k: usize,
) -> Result<(), TestCaseError> {
    const TOL: f64 = 1e-9;
    close_all(a.dimensions(i), b.dimensions(k), TOL)?;
    close_all(a.circles(i), b.circles(k), TOL)?;
    let (ca, cb) = (&a.coupling[i], &b.coupling[k]);
    close(ca.c, cb.c, TOL)?;
    close(ca.t, cb.t, TOL)?;
    close(ca.d, cb.d, TOL)?;
    // The level can only differ when D sits on a tenth within rounding.
    if ((10.0 * ca.d) - (10.0 * ca.d).round()).abs() > 1e-6 {
        prop_assert_eq!(ca.level, cb.level);
    }
    close_all(
        &a.obstacles_of(i).indicators(),
        &b.obstacles_of(k).indicators(),
        TOL,
    )?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold(case in case()) {
        let fw = case.framework();
        let a = run(&fw, &case.data(), &case.method)?;
        check_invariants(&fw, &a)?;
    }

    #[test]
    fn invariants_hold_under_both_coupling_models(case in case()) {
        let fw = case.framework();
        let d = case.data();
        for coupling in [CouplingModel::Classic, CouplingModel::Corrected] {
            let m = Method { coupling, ..case.method };
            let a = run(&fw, &d, &m)?;
            check_invariants(&fw, &a)?;
        }
        // Both models agree on everything but C and D.
        let a = run(&fw, &d, &Method { coupling: CouplingModel::Classic, ..case.method })?;
        let b = run(&fw, &d, &Method { coupling: CouplingModel::Corrected, ..case.method })?;
        prop_assert_eq!(&a.weights, &b.weights);
        prop_assert_eq!(&a.circle_scores, &b.circle_scores);
        for i in 0..a.m() {
            prop_assert_eq!(a.coupling[i].t, b.coupling[i].t);
            prop_assert_eq!(&a.coupling[i].lagging, &b.coupling[i].lagging);
        }
    }

    #[test]
    fn composite_obstacles_decompose_the_gap_of_t(case in case()) {
        // Σ_j F_j (1 − z_ij) = 1 − T_i, and the shares are fractions summing to 1 (or all 0).
        let fw = case.framework();
        let m = Method { obstacles: ObstacleBasis::Composite, ..case.method };
        let a = run(&fw, &case.data(), &m)?;
        // F_j = β_k w_j / W_k, or β_k / |k| in a circle whose weights sum to 0.
        let w = &a.weights.global;
        let (mut wsum, mut size) = (vec![0.0; fw.circles.len()], vec![0.0; fw.circles.len()]);
        for (ind, w) in fw.indicators.iter().zip(w) {
            wsum[ind.circle] += w;
            size[ind.circle] += 1.0;
        }
        let f: Vec<f64> = (fw.indicators.iter().zip(w))
            .map(|(ind, w)| {
                let (k, beta) = (ind.circle, a.circle_weights[ind.circle]);
                if wsum[k] == 0.0 { beta / size[k] } else { beta * w / wsum[k] }
            })
            .collect();
        close_all(&a.obstacles.factors, &f, 1e-12)?;
        prop_assert!(f.iter().all(|f| *f >= 0.0));
        for i in 0..a.m() {
            let gap: f64 = (0..a.n).map(|j| f[j] * (1.0 - a.z(i, j))).sum();
            close(gap, 1.0 - a.coupling[i].t, 1e-9)?;
            let o = &a.obstacles_of(i).indicators();
            let sum: f64 = o.iter().sum();
            prop_assert!(o.iter().all(|x| *x >= 0.0));
            prop_assert!(sum == 0.0 || (sum - 1.0).abs() < 1e-9, "{sum}");
        }
    }

    #[test]
    fn the_prepared_engine_reproduces_assess(case in case()) {
        // normalize_into and score_with with the assessment's own weights give back its
        // numbers, also with a scratch that held a bigger run before.
        let fw = case.framework();
        let d = case.data();
        let a = run(&fw, &d, &case.method)?;
        let p = engine::Prepared::new(&fw, &case.method).map_err(|_| TestCaseError::fail("prepare"))?;
        let mut z = Vec::new();
        p.normalize_into(&d, &mut z);
        prop_assert_eq!(&z, &a.normalized);
        let mut s = engine::Scratch::default();
        let big: Vec<f64> = z.iter().chain(&z).copied().collect();
        p.score_with(&big, 2 * a.m(), &a.weights.global, &mut s);
        p.score_with(&z, a.m(), &a.weights.global, &mut s);
        prop_assert_eq!(&s.dimensions, &a.dimension_scores);
        prop_assert_eq!(&s.circles, &a.circle_scores);
        prop_assert_eq!(&s.dimension_obstacles, &a.obstacles.dimensions);
        prop_assert_eq!(&s.factors, &a.obstacles.factors);
        for i in 0..a.m() {
            prop_assert_eq!(s.d[i], a.coupling[i].d);
            prop_assert_eq!(s.totals[i], a.obstacles.totals[i]);
            prop_assert_eq!(&p.weak(&s, i), &a.weak_dimensions[i]);
        }
    }

    #[test]
    fn permuting_observations_permutes_the_results(
        (case, perm) in case().prop_flat_map(|c| {
            let m = c.m;
            (Just(c), Just((0..m).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        let fw = case.framework();
        let d = case.data();
        let n = d.n;
        let permuted = DataMatrix {
            labels: perm.iter().map(|&i| d.labels[i].clone()).collect(),
            n,
            values: perm.iter().flat_map(|&i| d.row(i).to_vec()).collect(),
        };
        let a = run(&fw, &d, &case.method)?;
        let b = run(&fw, &permuted, &case.method)?;
        close_all(&a.weights.global, &b.weights.global, 1e-9)?;
        for (k, &i) in perm.iter().enumerate() {
            prop_assert_eq!(&a.labels[i], &b.labels[k]);
            close_all(&a.normalized[i * n..(i + 1) * n], &b.normalized[k * n..(k + 1) * n], 1e-12)?;
            same_observation(&a, i, &b, k)?;
        }
    }

    #[test]
    fn rescaling_an_indicator_changes_nothing(
        (case, j, factor, offset) in case().prop_flat_map(|c| {
            let n = c.n();
            (Just(c), 0..n, 0.01f64..100.0, -100.0f64..100.0)
        })
    ) {
        let fw = case.framework();
        let d = case.data();
        let n = d.n;
        // Range: x ↦ k·x + c on column j. Reference: the same with the bounds moved alike.
        let mut scaled = d.clone();
        for i in 0..d.m() {
            scaled.values[i * n + j] = factor * d.values[i * n + j] + offset;
        }
        let mut fw2 = fw.clone();
        let (lo, hi) = fw.indicators[j].bounds.unwrap();
        fw2.indicators[j].bounds = Some((factor * lo + offset, factor * hi + offset));
        let a = run(&fw, &d, &case.method)?;
        let b = run(&fw2, &scaled, &case.method)?;
        close_all(&a.normalized, &b.normalized, 1e-9)?;
        close_all(&a.weights.global, &b.weights.global, 1e-9)?;
        for i in 0..a.m() {
            same_observation(&a, i, &b, i)?;
        }
        // Scaling alone (no offset) under range normalization, bounds untouched.
        if case.method.normalization == Normalization::Range {
            let mut only = d.clone();
            for i in 0..d.m() {
                only.values[i * n + j] = factor * d.values[i * n + j];
            }
            let c = run(&fw, &only, &case.method)?;
            close_all(&a.normalized, &c.normalized, 1e-9)?;
            close_all(&a.weights.global, &c.weights.global, 1e-9)?;
        }
    }

    #[test]
    fn interval_mapping_is_affine_in_z(
        (case, lo, hi) in (case(), 0.0f64..0.5, 0.5f64..=1.0)
    ) {
        let fw = case.framework();
        let d = case.data();
        let base = Method { interval: (0.0, 1.0), ..case.method };
        let mapped = Method { interval: (lo, hi), ..case.method };
        let a = run(&fw, &d, &base)?;
        let b = run(&fw, &d, &mapped)?;
        for (za, zb) in a.normalized.iter().zip(&b.normalized) {
            close(lo + (hi - lo) * za, *zb, 1e-12)?;
        }
        check_invariants(&fw, &b)?;
        // Fixed weights do not look at z, so only the scores move, and affinely too.
        if case.method.weighting == Weighting::Fixed {
            prop_assert_eq!(&a.weights.global, &b.weights.global);
            for (sa, sb) in a.circle_scores.iter().zip(&b.circle_scores) {
                close(lo + (hi - lo) * sa, *sb, 1e-9)?;
            }
        }
    }

    #[test]
    fn coupling_degree_is_a_fraction(u in prop::collection::vec(0.0f64..=1.0, 2..=6)) {
        for model in [CouplingModel::Classic, CouplingModel::Corrected] {
            let c = engine::coupling::coupling_degree(&u, model);
            prop_assert!(in_unit(c), "{:?} {:?}: {}", model, u, c);
        }
    }
}
