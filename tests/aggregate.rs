//! The questionnaire reference case of tests/data/aggregate (a copy of the shared case),
//! computed through the library and compared by the README's rules, plus the warnings and
//! nulls the contract asks for on small hand-made files.

use std::path::{Path, PathBuf};

use beltscope::aggregate_json::{aggregate_json, aggregate_value};
use beltscope::engine::questionnaire::aggregate;
use beltscope::files::load_framework;
use beltscope::model::Framework;
use beltscope::model::responses::Responses;
use serde_json::Value;

const TOL: f64 = 1e-9;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/aggregate")
}

fn framework() -> Framework {
    load_framework("framework.toml", Some(&dir())).unwrap().0
}

fn run(text: &str) -> Value {
    let fw = framework();
    let r = Responses::parse("responses.csv", text, &fw).unwrap();
    aggregate_value(&fw, &aggregate(&fw, &r))
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn close(e: &Value, a: &Value, path: &str) {
    assert!(
        (num(e) - num(a)).abs() <= TOL,
        "{path}: expected {e}, got {a}"
    );
}

/// `alpha`, `items` and `n` of one reliability entry.
fn same_alpha(e: &Value, a: &Value, path: &str) {
    if e["alpha"].is_null() {
        assert!(a["alpha"].is_null(), "{path}: alpha should be null");
    } else {
        close(&e["alpha"], &a["alpha"], path);
    }
    assert_eq!(e["items"], a["items"], "{path}.items");
    assert_eq!(e["n"], a["n"], "{path}.n");
}

#[test]
fn aggregate_reference_case() {
    let text = std::fs::read_to_string(dir().join("responses.csv")).unwrap();
    let actual = run(&text);
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).unwrap())
            .unwrap();
    let actual_obs = actual["observations"].as_array().unwrap();
    let expected_obs = expected["observations"].as_array().unwrap();
    assert_eq!(actual_obs.len(), expected_obs.len());
    for e in expected_obs {
        let label = &e["label"];
        let a = actual_obs.iter().find(|o| &o["label"] == label).unwrap();
        assert_eq!(a["respondents"], e["respondents"], "{label}");
        let (ei, ai) = (
            e["indicators"].as_object().unwrap(),
            a["indicators"].as_object().unwrap(),
        );
        assert_eq!(ai.len(), ei.len(), "{label}");
        for (id, ev) in ei {
            let av = &ai[id];
            let path = format!("{label}.{id}");
            assert_eq!(av["n"], ev["n"], "{path}");
            close(&ev["mean"], &av["mean"], &path);
            for key in ["sd", "ci95"] {
                assert_eq!(ev[key].is_null(), av[key].is_null(), "{path}.{key}");
            }
            if !ev["sd"].is_null() {
                close(&ev["sd"], &av["sd"], &path);
                close(&ev["ci95"][0], &av["ci95"][0], &path);
                close(&ev["ci95"][1], &av["ci95"][1], &path);
            }
        }
    }
    let (er, ar) = (&expected["reliability"], &actual["reliability"]);
    for (d, e) in er["dimensions"].as_object().unwrap() {
        same_alpha(e, &ar["dimensions"][d], d);
    }
    // A dimension with one item has no entry.
    assert!(ar["dimensions"].get("policy").is_none());
    same_alpha(&er["overall"], &ar["overall"], "overall");
    assert_eq!(actual["warnings"], expected["warnings"]);
    let fw = framework();
    let r = Responses::parse("responses.csv", &text, &fw).unwrap();
    assert!(aggregate_json(&fw, &aggregate(&fw, &r)).ends_with("}\n"));
}

#[test]
fn too_few_complete_questionnaires_give_null_alpha_with_a_warning() {
    let v = run("observation,respondent,logistics_rating,payment_rating\n2023,A,4,\n2023,B,3,3\n");
    let services = &v["reliability"]["dimensions"]["services"];
    assert!(services["alpha"].is_null());
    assert_eq!(services["n"], 1);
    let warnings = v["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("`services`"))
    );
    assert!(
        warnings.len() >= 2,
        "one for services, one overall: {warnings:?}"
    );
}

#[test]
fn sums_that_do_not_vary_and_low_alpha_warn() {
    // Opposite answers: every total is 6, so no alpha.
    let v = run(
        "observation,respondent,logistics_rating,payment_rating\n2023,A,1,5\n2023,B,5,1\n2023,C,3,3\n",
    );
    assert!(v["reliability"]["overall"]["alpha"].is_null());
    assert!(!v["warnings"].as_array().unwrap().is_empty());
    // (1,3), (2,1), (3,2): α = −2 (see the unit test), below 0.7.
    let v = run(
        "observation,respondent,logistics_rating,payment_rating\n2023,A,1,3\n2023,B,2,1\n2023,C,3,2\n",
    );
    assert!((num(&v["reliability"]["overall"]["alpha"]) + 2.0).abs() < 1e-12);
    let warnings = v["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("`services`"))
    );
}

#[test]
fn shuffled_columns_give_the_same_result() {
    let text = std::fs::read_to_string(dir().join("responses.csv")).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let order = [0, 1, 5, 3, 2, 4];
    let shuffled: String = rows
        .iter()
        .map(|r| order.iter().map(|&k| r[k]).collect::<Vec<_>>().join(",") + "\r\n")
        .collect();
    assert_eq!(run(&format!("\u{feff}{shuffled}")), run(&text));
}
