//! `beltscope sensitivity` and `report --sensitivity` on the shipped surveys.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    let mut c = Command::cargo_bin("beltscope").unwrap();
    c.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")));
    c.env("BELTSCOPE_DATE", "2025-01-01");
    c.args(args).output().unwrap()
}

fn json(args: &[&str]) -> (Vec<u8>, Value) {
    let o = run(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v = serde_json::from_slice(&o.stdout).unwrap();
    (o.stdout, v)
}

const BELT: &str = "surveys/example-belt.toml";
const BELTS: &str = "surveys/example-belts-2024.csv";

#[test]
fn json_follows_the_contract() {
    let (_, v) = json(&["sensitivity", BELT, "--format", "json", "--runs", "200"]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "runs",
            "spread",
            "seed",
            "vary_methods",
            "observations",
            "focus",
            "weak_dimensions"
        ]
    );
    assert_eq!(v["runs"], 200);
    assert_eq!(v["spread"], 0.2);
    assert_eq!(v["seed"], 42);
    assert_eq!(v["vary_methods"], false);
    assert_eq!(v["focus"], "2024");
    let obs = v["observations"].as_array().unwrap();
    assert_eq!(obs.len(), 6);
    let last = &obs[5];
    assert_eq!(last["label"], "2024");
    for k in ["base", "median", "p05", "p95"] {
        assert!(last["degree"][k].is_f64(), "{k}");
    }
    assert!(last["level_kept"].is_f64());
    for k in ["base", "p05", "p95"] {
        assert!(last["rank"][k].is_u64(), "{k}");
    }
    let weak = v["weak_dimensions"].as_object().unwrap();
    assert!(!weak.is_empty());
    let shares: Vec<f64> = weak.values().map(|s| s.as_f64().unwrap()).collect();
    assert!(shares.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn spread_zero_gives_the_base_of_score() {
    let (_, s) = json(&["sensitivity", BELTS, "--format", "json", "--spread", "0"]);
    let (_, score) = json(&["score", BELTS, "--format", "json"]);
    let obs = s["observations"].as_array().unwrap();
    for (o, base) in obs.iter().zip(score["observations"].as_array().unwrap()) {
        let d = &o["degree"];
        assert_eq!(d["base"], base["degree"]);
        assert_eq!(d["median"], d["base"]);
        assert_eq!(d["p05"], d["base"]);
        assert_eq!(d["p95"], d["base"]);
        assert_eq!(o["level_kept"], 1.0);
        assert_eq!(o["rank"]["p05"], o["rank"]["base"]);
        assert_eq!(o["rank"]["p95"], o["rank"]["base"]);
    }
    // The base weak dimensions of the focus are weak in every run, and nothing else is.
    let weak = s["weak_dimensions"].as_object().unwrap();
    let last = score["observations"].as_array().unwrap().last().unwrap();
    let base: Vec<&str> = (last["weak_dimensions"].as_array().unwrap().iter())
        .map(|d| d.as_str().unwrap())
        .collect();
    let mut shares: Vec<&str> = weak.keys().map(String::as_str).collect();
    let mut base = base;
    shares.sort_unstable();
    base.sort_unstable();
    assert_eq!(shares, base);
    assert!(weak.values().all(|v| v == 1.0));
}

#[test]
fn the_same_seed_gives_byte_identical_json() {
    let args = [
        "sensitivity",
        BELTS,
        "--format",
        "json",
        "--runs",
        "300",
        "--vary-methods",
        "--seed",
        "9",
    ];
    let (a, _) = json(&args);
    let (b, _) = json(&args);
    assert_eq!(a, b);
    let mut other = args;
    other[8] = "10";
    assert_ne!(json(&other).0, a);
}

#[test]
fn vary_methods_runs_and_moves_the_levels() {
    let (_, v) = json(&[
        "sensitivity",
        BELTS,
        "--format",
        "json",
        "--vary-methods",
        "--runs",
        "200",
    ]);
    assert_eq!(v["vary_methods"], true);
    let obs = v["observations"].as_array().unwrap();
    assert!(obs.iter().any(|o| o["level_kept"].as_f64().unwrap() < 1.0));
}

#[test]
fn bad_runs_and_spreads_exit_2() {
    for (flag, value, says) in [
        ("--runs", "0", "at least 1"),
        ("--runs", "-3", "runs"),
        ("--spread", "-0.1", "spread"),
        ("--spread", "1", "less than 1"),
        ("--spread", "1.5", "less than 1"),
        ("--spread", "abc", "not a number"),
    ] {
        let o = run(&["sensitivity", BELT, flag, value]);
        assert_eq!(o.status.code(), Some(2), "{flag} {value}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{flag} {value}: {err}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn invalid_input_exits_2_with_its_place() {
    let o = run(&["sensitivity", BELT, "--focus", "1999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("1999"));
}

#[test]
fn text_says_what_is_robust_in_both_languages() {
    let o = run(&["sensitivity", BELT, "--runs", "100"]);
    assert!(o.status.success());
    let t = String::from_utf8(o.stdout).unwrap();
    assert!(t.contains("How robust is this?"), "{t}");
    assert!(t.contains("The level of 2024 (9 good coordination) is kept in"));
    assert!(
        t.contains("Benefit distribution mechanism is a weak dimension in 100 % of runs (robust)")
    );
    // Not a terminal: no progress bar.
    assert!(o.stderr.is_empty());
    let o = run(&["sensitivity", BELT, "--runs", "100", "--lang", "zh"]);
    let t = String::from_utf8(o.stdout).unwrap();
    assert!(t.contains("结论的稳健性"));
    assert!(
        t.contains("利益分配机制在 100 % 的模拟中属于薄弱维度（稳健）"),
        "{t}"
    );
}

#[test]
fn the_report_gets_a_robustness_section_only_when_asked() {
    let plain = run(&["report", BELT, "--format", "markdown"]);
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(!plain.contains("How robust"));
    let o = run(&[
        "report",
        BELT,
        "--format",
        "markdown",
        "--sensitivity",
        "--runs",
        "150",
        "--seed",
        "5",
    ]);
    assert!(o.status.success());
    let t = String::from_utf8(o.stdout).unwrap();
    // After the Dynamics section (8), as the example is a time series.
    assert!(t.contains("## 9. How robust is this?"));
    assert!(t.contains("--sensitivity --runs 150 --seed 5"));
    assert!(t.contains("150 runs"));
    let zh = run(&[
        "report",
        BELT,
        "--lang",
        "zh",
        "--sensitivity",
        "--runs",
        "50",
    ]);
    assert!(
        String::from_utf8(zh.stdout)
            .unwrap()
            .contains("9. 结论的稳健性")
    );
    let bad = run(&["report", BELT, "--sensitivity", "--runs", "0"]);
    assert_eq!(bad.status.code(), Some(2));
}
