//! What every target asserts about a result: no non-finite number, weights and obstacle degrees
//! in [0, 1] summing to 1 where defined, scores in [0, 1].
#![allow(dead_code)]

use beltscope::engine::dynamics::{Layout, Scores, analyse};
use beltscope::engine::questionnaire::Aggregate;
use beltscope::engine::{Assessment, Prepared, Scratch};
use beltscope::model::{DataMatrix, Framework, Impute, Input};

/// The frameworks of the tests: small ones with weights, scales and bounds, and the embedded.
pub fn frameworks() -> Vec<Framework> {
    let texts = [
        include_str!("../../tests/data/cases/p1_three_circles/framework.toml"),
        include_str!("../../tests/data/aggregate/framework.toml"),
        include_str!("../../tests/data/invalid/support/mini.toml"),
    ];
    let mut out: Vec<Framework> = texts
        .iter()
        .filter_map(|t| Framework::parse("f.toml", t).ok())
        .collect();
    assert_eq!(out.len(), texts.len(), "the test frameworks are valid");
    out.push(Framework::default_framework());
    out
}

fn unit(x: f64, what: &str) {
    assert!(x.is_finite() && (0.0..=1.0).contains(&x), "{what} = {x}");
}

/// Shares that sum to 1 (within 1e-9), or are all 0 (nothing to share: every z at its best).
fn shares(v: &[f64], what: &str) {
    for &x in v {
        unit(x, what);
    }
    let sum: f64 = v.iter().sum();
    assert!(
        (sum - 1.0).abs() <= 1e-9 || v.iter().all(|&x| x == 0.0),
        "{what} sum to {sum}: {v:?}"
    );
}

/// The invariants of one assessment.
pub fn check_assessment(fw: &Framework, a: &Assessment) {
    let (m, n) = (a.m(), fw.indicators.len());
    assert_eq!(a.normalized.len(), m * n);
    for &z in &a.normalized {
        unit(z, "z");
    }
    shares(&a.weights.global, "weights");
    for e in a.weights.entropy.iter().flatten() {
        unit(*e, "entropy");
    }
    for d in a.weights.divergence.iter().flatten() {
        unit(*d, "divergence");
    }
    assert_eq!(a.dimension_scores.len(), m * fw.dimensions.len());
    assert_eq!(a.circle_scores.len(), m * fw.circles.len());
    for &x in a.dimension_scores.iter().chain(&a.circle_scores) {
        unit(x, "score");
    }
    for &b in &a.circle_weights {
        unit(b, "beta");
    }
    assert_eq!(a.coupling.len(), m);
    for c in &a.coupling {
        unit(c.c, "C");
        unit(c.t, "T");
        unit(c.d, "D");
        assert!((1..=10).contains(&c.level), "level {}", c.level);
    }
    assert_eq!(a.obstacles.len(), m);
    for o in a.obstacle_rows() {
        shares(&o.indicators(), "indicator obstacles");
        shares(o.dimensions, "dimension obstacles");
        shares(o.circles, "circle obstacles");
    }
    for &(i, j, v) in &a.imputed {
        assert!(i < m && j < n && v.is_finite(), "imputed ({i}, {j}, {v})");
    }
}

/// Dynamics of an assessment: synergy, niche and forecasts, every number finite.
pub fn check_dynamics(fw: &Framework, a: &Assessment, layout: &Layout, horizon: usize) {
    let dynamics = analyse(&Scores::from_assessment(fw, a), layout, horizon);
    for s in &dynamics.series {
        for p in s.synergy.iter().chain(&s.synergy_overall) {
            assert!(
                p.value.is_finite() && p.value.abs() <= 1.0,
                "synergy {}",
                p.value
            );
        }
        for f in &s.forecasts {
            let g = &f.model;
            for x in [g.a, g.b, g.mape, g.c_ratio, g.p] {
                assert!(x.is_finite(), "{}: grey model {g:?}", f.quantity);
            }
            assert!(
                !g.fitted.iter().chain(&g.forecast).any(|x| x.is_nan()),
                "{g:?}"
            );
        }
    }
    for e in &dynamics.niche {
        for b in e.measures.breadth.iter().flatten() {
            assert!(
                b.is_finite() && *b >= -1e-9 && *b <= 1.0 + 1e-9,
                "breadth {b}"
            );
        }
        for o in e.measures.overlap.iter().flatten().flatten() {
            assert!(
                o.is_finite() && *o >= -1e-9 && *o <= 1.0 + 1e-9,
                "overlap {o}"
            );
        }
    }
}

/// A read survey scored under its own method, as `score` does, with every check.
pub fn check_input(input: &Input) {
    let method = input.doc.survey.method.resolve();
    let Ok((data, imputed)) = input.data(method.impute) else {
        return;
    };
    assert_eq!(data.values.len(), data.m() * data.n);
    assert!(
        data.values.iter().all(|x| x.is_finite()),
        "a read value is not finite"
    );
    let fw = &input.framework;
    if let Ok(a) = beltscope::engine::assess_imputed(fw, &data, &imputed, &method) {
        check_assessment(fw, &a);
        check_prepared(fw, &data, &imputed, &a);
        let dynamics = beltscope::engine::dynamics::of_input(input, &a, 3);
        let _ = dynamics.series.len();
        check_dynamics(fw, &a, &beltscope::engine::dynamics::layout(input, &a), 3);
    }
    let _ = Impute::None;
}

/// The re-runnable engine gives what `assess` gives, also with a scratch left dirty by
/// another run.
pub fn check_prepared(
    fw: &Framework,
    data: &DataMatrix,
    imputed: &[(usize, usize, f64)],
    a: &Assessment,
) {
    let Ok(p) = Prepared::new(fw, &a.method) else {
        panic!("assess ran, so the method prepares");
    };
    let mut scratch = Scratch::default();
    let half = DataMatrix {
        labels: data.labels.iter().take(2).cloned().collect(),
        n: data.n,
        values: data.values.iter().take(2 * data.n).copied().collect(),
    };
    let _ = p.assess(&half, &[], &mut scratch);
    match p.assess(data, imputed, &mut scratch) {
        Ok(b) => assert_eq!(&b, a, "a dirty scratch changed the result"),
        Err(e) => panic!("prepared refused what assess scored: {e:?}"),
    }
}

/// The questionnaire's statistics: finite means and intervals, alpha at most 1.
pub fn check_aggregate(agg: &Aggregate) {
    for o in &agg.observations {
        for item in &o.items {
            assert!(item.mean.is_finite(), "mean {}", item.mean);
            assert!(
                item.sd.is_none_or(|s| s.is_finite() && s >= 0.0),
                "{item:?}"
            );
            if let Some((lo, hi)) = item.ci95 {
                assert!(lo.is_finite() && hi.is_finite() && lo <= hi, "{item:?}");
            }
        }
    }
    let alphas = agg.reliability.dimensions.iter().map(|(_, a)| a);
    for a in alphas.chain([&agg.reliability.overall]) {
        assert!(
            a.alpha.is_none_or(|x| x.is_finite() && x <= 1.0 + 1e-9),
            "{a:?}"
        );
    }
}
