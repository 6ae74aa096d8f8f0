//! The scoring rules added to the contract: values that cannot exist, scale normalization,
//! overflow-free ranges, capped entropy, coupling stages, the composite obstacle basis, the
//! few-observations warning and imputation end to end. Each case is computed by hand in its
//! comment.

mod common;

use assert_cmd::Command;
use beltscope::engine::coupling::{couple, stage_of};
use beltscope::engine::weights::entropies;
use beltscope::engine::{
    self, CouplingModel, Method, Normalization, ObstacleBasis, Warning, Weighting,
};
use beltscope::lang::Lang;
use beltscope::messages;
use beltscope::model::{Framework, SurveyDoc};
use common::{Fw, close_all, data, neg, pos};
use serde_json::Value;

const EPS: f64 = 1e-12;

fn assess(fw: &Framework, d: &beltscope::model::DataMatrix, m: &Method) -> engine::Assessment {
    engine::assess(fw, d, m).unwrap_or_else(|b| panic!("{b:?}"))
}

fn two_by_one(ia: common::Ind, ib: common::Ind) -> Framework {
    Fw::new()
        .circle("a")
        .circle("b")
        .dim("da", "a")
        .dim("db", "b")
        .ind(ia)
        .ind(ib)
        .build()
}

#[test]
fn scale_indicators_use_their_scale_in_both_modes() {
    // x on a 1–5 scale, all 3s: z = (3 − 1)/4 = 0.5, not the constant column's 1, and no
    // constant-column warning. y negative on [0, 10] under reference: z = (10 − y)/10.
    let mut fw = two_by_one(pos("x", "da"), neg("y", "db").bounds(0.0, 10.0));
    fw.indicators[0].scale = Some((1, 5));
    let d = data(&[&[3.0, 2.0], &[3.0, 4.0], &[3.0, 9.0]]);
    for normalization in [Normalization::Range, Normalization::Reference] {
        let m = Method {
            normalization,
            ..Method::default()
        };
        let a = assess(&fw, &d, &m);
        assert_eq!((0..3).map(|i| a.z(i, 0)).collect::<Vec<_>>(), [0.5; 3]);
        let constant = |w: &Warning| matches!(w, Warning::ConstantColumn { .. });
        assert!(!a.warnings.iter().any(constant), "{:?}", a.warnings);
        assert_eq!(a.weights.entropy.as_ref().map(|e| e[0]), Some(1.0));
    }
    let reference = Method {
        normalization: Normalization::Reference,
        ..Method::default()
    };
    let a = assess(&fw, &d, &reference);
    close_all(&[a.z(0, 1), a.z(1, 1), a.z(2, 1)], &[0.8, 0.6, 0.1], EPS);
    // Negative on a scale: (5 − x)/4, so 2 → 0.75.
    fw.indicators[0].direction = beltscope::model::Direction::Negative;
    let a = assess(&fw, &data(&[&[2.0, 2.0], &[2.0, 4.0]]), &reference);
    assert_eq!(a.z(0, 0), 0.75);
}

#[test]
fn huge_ranges_stay_finite() {
    // x = 1e308, −1e308, 0: max − min overflows to ∞, the halves give z = 1, 0, 0.5.
    let fw = two_by_one(pos("x", "da"), pos("y", "db"));
    let d = data(&[&[1e308, 1.0], &[-1e308, 2.0], &[0.0, 3.0]]);
    let a = assess(&fw, &d, &Method::default());
    assert_eq!([a.z(0, 0), a.z(1, 0), a.z(2, 0)], [1.0, 0.0, 0.5]);
    assert!(a.weights.global.iter().all(|w| w.is_finite() && *w >= 0.0));
    assert!(a.coupling.iter().all(|c| c.d.is_finite()));
}

#[test]
fn entropy_never_exceeds_one() {
    // Columns whose entries differ only in the last bits: the computed entropy rounds to 1
    // or a hair past it; capped, d_j = 1 − e_j ≥ 0 always.
    for m in 2..40usize {
        for k in 1..8 {
            let z: Vec<f64> = (0..m)
                .map(|i| 0.3 + (i % 2) as f64 * k as f64 * f64::EPSILON)
                .collect();
            let e = entropies(&z, m, 1, 0.0)[0];
            assert!(e <= 1.0, "m {m} k {k}: e = {e}");
        }
    }
}

#[test]
fn coupling_stages_follow_c() {
    assert_eq!(
        [0.0, 0.3, 0.30001, 0.5, 0.50001, 0.8, 0.80001, 1.0].map(stage_of),
        [1, 1, 2, 2, 3, 3, 4, 4]
    );
    assert_eq!(Lang::En.stage_name(2), "antagonism");
    assert_eq!(Lang::Zh.stage_name(3), "磨合");
    // U = 0 and 0.5: C = 0 → stage 1; U = 0.5, 0.5: C = 1 → stage 4.
    let beta = [0.5, 0.5];
    assert_eq!(couple(&[0.0, 0.5], &beta, CouplingModel::Classic).stage, 1);
    assert_eq!(couple(&[0.5, 0.5], &beta, CouplingModel::Classic).stage, 4);
}

/// Circles a (β 0.6: x1, x2) and b (β 0.4: y), fixed weights, bounds [0, 1] so z = x.
fn composite_case(weights: [f64; 3]) -> (Framework, engine::Assessment, engine::Assessment) {
    let fw = Fw::new()
        .weighted_circle("a", 0.6)
        .weighted_circle("b", 0.4)
        .dim("da", "a")
        .dim("db", "b")
        .ind(pos("x1", "da").bounds(0.0, 1.0).weight(weights[0]))
        .ind(pos("x2", "da").bounds(0.0, 1.0).weight(weights[1]))
        .ind(pos("y", "db").bounds(0.0, 1.0).weight(weights[2]))
        .build();
    let d = data(&[&[0.5, 1.0, 0.5], &[1.0, 1.0, 1.0]]);
    let m = Method {
        normalization: Normalization::Reference,
        weighting: Weighting::Fixed,
        ..Method::default()
    };
    let global = assess(&fw, &d, &m);
    let composite = Method {
        obstacles: ObstacleBasis::Composite,
        ..m
    };
    let composite = assess(&fw, &d, &composite);
    (fw, global, composite)
}

#[test]
fn composite_obstacles_decompose_the_gap_of_t() {
    // w = 0.2, 0.2, 0.6; z = 0.5, 1, 0.5. W_a = 0.4, W_b = 0.6:
    // F = 0.6·0.2/0.4 = 0.3, 0.3, 0.4·0.6/0.6 = 0.4; gaps F(1 − z) = 0.15, 0, 0.2, sum 0.35.
    // U_a = (0.1 + 0.2)/0.4 = 0.75, U_b = 0.5, T = 0.45 + 0.2 = 0.65 = 1 − 0.35.
    // O = 3/7, 0, 4/7. Global: w(1 − z) = 0.1, 0, 0.3 → 0.25, 0, 0.75.
    let (_, global, composite) = composite_case([0.2, 0.2, 0.6]);
    close_all(
        &global.obstacles_of(0).indicators(),
        &[0.25, 0.0, 0.75],
        EPS,
    );
    close_all(
        &composite.obstacles_of(0).indicators(),
        &[3.0 / 7.0, 0.0, 4.0 / 7.0],
        EPS,
    );
    assert!((composite.coupling[0].t - 0.65).abs() < EPS);
    // Observation 2 is at the top everywhere: no obstacle, no weak dimension.
    assert_eq!(composite.obstacles_of(1).indicators(), [0.0; 3]);
    assert!(composite.weak_dimensions[1].is_empty());
}

#[test]
fn composite_obstacles_with_a_weightless_circle() {
    // w = 0, 0, 1: W_a = 0, so F = β_a/|a| = 0.3 for x1 and x2, and U_a is the plain mean
    // 0.75: the same decomposition as above, O = 3/7, 0, 4/7.
    let (_, _, composite) = composite_case([0.0, 0.0, 1.0]);
    close_all(
        &composite.obstacles_of(0).indicators(),
        &[3.0 / 7.0, 0.0, 4.0 / 7.0],
        EPS,
    );
}

#[test]
fn few_observations_under_range_are_warned_about() {
    let fw = two_by_one(
        pos("x", "da").bounds(0.0, 10.0),
        pos("y", "db").bounds(0.0, 10.0),
    );
    let rows: Vec<[f64; 2]> = (0..5).map(|i| [i as f64, (i * i) as f64 / 3.0]).collect();
    let d = |m: usize| data(&rows[..m].iter().map(|r| &r[..]).collect::<Vec<_>>());
    let few = |a: &engine::Assessment| {
        a.warnings
            .iter()
            .any(|w| matches!(w, Warning::FewObservations { .. }))
    };
    let a = assess(&fw, &d(4), &Method::default());
    // The first observation is the worst on both indicators: C = 0 is the other warning.
    assert_eq!(a.warnings[0], Warning::FewObservations { m: 4 });
    assert!(matches!(
        a.warnings[1],
        Warning::ZeroCircles { observation: 0, .. }
    ));
    assert_eq!(
        messages::warning(&fw, &a.labels, &a.warnings[0], Lang::En),
        "only 4 observations: under range normalization every score only compares these observations with each other"
    );
    assert!(!few(&assess(&fw, &d(5), &Method::default())));
    let reference = Method {
        normalization: Normalization::Reference,
        ..Method::default()
    };
    assert!(!few(&assess(&fw, &d(4), &reference)));
}

#[test]
fn values_that_cannot_exist_are_invalid_input() {
    let mut fw = two_by_one(pos("share", "da"), pos("rating", "db"));
    fw.indicators[0].min = Some(0.0);
    fw.indicators[0].max = Some(100.0);
    fw.indicators[1].scale = Some((1, 5));
    let doc = SurveyDoc::parse(
        "s.toml",
        "framework = \"x\"\ntitle = \"t\"\n[[observations]]\nlabel = \"2020\"\n[observations.values]\nshare = 245\nrating = 3\n\
         [[observations]]\nlabel = \"2021\"\n[observations.values]\nshare = 24.5\nrating = 6\n",
    )
    .unwrap_or_else(|p| panic!("{}", beltscope::diag::render(&p)));
    let text = match doc.matrix(&fw) {
        Ok(_) => panic!("245 % and a 6 on a 1–5 scale cannot exist"),
        Err(p) => beltscope::diag::render(&p),
    };
    assert!(text.contains("2020") && text.contains("share"), "{text}");
    assert!(
        text.contains("above the largest possible value 100"),
        "{text}"
    );
    assert!(text.contains("2021") && text.contains("rating"), "{text}");
}

fn score(dir: &std::path::Path, flags: &[&str]) -> (i32, Value, String) {
    let out = Command::cargo_bin("beltscope")
        .unwrap()
        .current_dir(dir)
        .args(["score", "s.toml", "--format", "json"])
        .args(flags)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let code = out.status.code().unwrap_or(-1);
    (
        code,
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn imputation_end_to_end() {
    // Years 2019..2022 of x: 1, _, 5, _ → interpolate 3 (2020), 5 (2022, after the last);
    // mean (1 + 5)/2 = 3 for both.
    let dir = tempfile::tempdir().unwrap();
    let fw = two_by_one(pos("x", "da"), pos("y", "db"));
    std::fs::write(
        dir.path().join("fw.toml"),
        Fw::new()
            .circle("a")
            .circle("b")
            .dim("da", "a")
            .dim("db", "b")
            .ind(pos("x", "da"))
            .ind(pos("y", "db"))
            .toml(),
    )
    .unwrap();
    assert_eq!(fw.indicators.len(), 2);
    let obs = [
        ("2019", Some(1.0), 2.0),
        ("2020", None, 4.0),
        ("2021", Some(5.0), 3.0),
        ("2022", None, 8.0),
    ];
    let mut s = String::from("framework = \"fw.toml\"\ntitle = \"t\"\n");
    for (l, x, y) in obs {
        s += &format!("[[observations]]\nlabel = \"{l}\"\n[observations.values]\ny = {y}\n");
        if let Some(x) = x {
            s += &format!("x = {x}\n");
        }
    }
    std::fs::write(dir.path().join("s.toml"), s).unwrap();
    let (code, _, err) = score(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("2020") && err.contains("missing"), "{err}");
    let (code, j, err) = score(dir.path(), &["--impute", "interpolate"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["method"]["impute"], "interpolate");
    assert_eq!(j["method"]["obstacles"], "global");
    assert_eq!(
        j["imputed"],
        serde_json::json!([
            {"label": "2020", "indicator": "x", "value": 3.0},
            {"label": "2022", "indicator": "x", "value": 5.0}
        ])
    );
    let warnings = j["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w == "imputed x for 2020: 3"),
        "{warnings:?}"
    );
    let (_, j, _) = score(
        dir.path(),
        &["--impute", "mean", "--obstacles", "composite"],
    );
    assert_eq!(j["imputed"][1]["value"], 3.0);
    assert_eq!(j["method"]["obstacles"], "composite");
    let (_, j, _) = score(dir.path(), &["--impute", "mean"]);
    assert!(j["observations"][0]["coupling_stage"].is_u64());
    assert!(j["observations"][0]["coupling_stage_name"].is_string());
}
