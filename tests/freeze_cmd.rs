//! `beltscope freeze` through the real binary: the frozen framework reproduces the scores it was
//! frozen from, and later years scored against it leave earlier years' scores unchanged.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn mini_framework() -> PathBuf {
    root().join("tests/data/dynamics/framework.toml")
}

fn beltscope() -> Command {
    Command::cargo_bin("beltscope").unwrap()
}

fn score(input: &Path, args: &[&str]) -> Value {
    let out = beltscope()
        .arg("score")
        .arg(input)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn freeze(input: &Path, out: &Path, args: &[&str]) {
    let o = beltscope()
        .arg("freeze")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
}

/// Every score of observation `i` of `a` and `b` (dimensions, circles, C, T, D) within `tol`.
fn same_scores(a: &Value, i: usize, b: &Value, k: usize, tol: f64) -> Result<(), String> {
    let (x, y) = (&a["observations"][i], &b["observations"][k]);
    let mut pairs: Vec<(String, f64, f64)> = Vec::new();
    for group in ["dimensions", "circles"] {
        for (id, v) in x[group].as_object().unwrap() {
            pairs.push((
                format!("{group}.{id}"),
                v.as_f64().unwrap(),
                y[group][id].as_f64().unwrap_or(f64::NAN),
            ));
        }
    }
    for key in ["coupling", "coordination", "degree"] {
        pairs.push((
            key.into(),
            x[key].as_f64().unwrap(),
            y[key].as_f64().unwrap_or(f64::NAN),
        ));
    }
    for (what, p, q) in pairs {
        if (p - q).abs() > tol || p.is_nan() != q.is_nan() {
            return Err(format!("{} {what}: {p} vs {q}", x["label"]));
        }
    }
    if x["level"] != y["level"] {
        return Err(format!("{} level", x["label"]));
    }
    Ok(())
}

#[test]
fn the_frozen_framework_reproduces_the_scores() {
    let dir = tempfile::tempdir().unwrap();
    // The mini framework has no scale indicators, whose normalization is the engine's (on
    // their scale in both modes), not the frozen bounds'.
    let survey = root().join("tests/data/dynamics/series.toml");
    for settings in [
        vec![],
        vec!["--interval", "0.002,0.998", "--coupling", "corrected"],
        vec!["--weighting", "combined", "--shift", "0.01"],
    ] {
        let frozen = dir.path().join("frozen.toml");
        freeze(&survey, &frozen, &settings);
        let before = score(&survey, &settings);
        let mut again: Vec<&str> = settings
            .chunks(2)
            .filter(|w| w[0] != "--weighting" && w[0] != "--shift")
            .flatten()
            .copied()
            .collect();
        let f = frozen.display().to_string();
        again.extend(["--framework", &f, "--normalization", "reference"]);
        again.extend(["--weighting", "fixed"]);
        let after = score(&survey, &again);
        for i in 0..before["observations"].as_array().unwrap().len() {
            same_scores(&before, i, &after, i, 1e-12).unwrap();
        }
        let text = std::fs::read_to_string(&frozen).unwrap();
        assert!(text.contains("+frozen"), "{settings:?}");
    }
}

#[test]
fn freezing_against_the_embedded_framework_writes_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let frozen = dir.path().join("frozen.toml");
    freeze(&root().join("surveys/example-belt.toml"), &frozen, &[]);
    let text = std::fs::read_to_string(&frozen).unwrap();
    assert!(text.contains("id = \"cbec-belt\""));
    assert!(text.contains("+frozen\""));
    // The embedded file's comments survive.
    assert!(text.contains("Likert"));
    beltscope()
        .args(["validate"])
        .arg(&frozen)
        .assert()
        .success();
}

#[test]
fn freeze_refuses_to_overwrite_its_input_or_framework() {
    let dir = tempfile::tempdir().unwrap();
    let survey = dir.path().join("s.toml");
    std::fs::copy(root().join("surveys/example-belt.toml"), &survey).unwrap();
    let before = std::fs::read(&survey).unwrap();
    beltscope()
        .arg("freeze")
        .arg(&survey)
        .arg("-o")
        .arg(&survey)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&survey).unwrap(), before);
    let fw = dir.path().join("fw.toml");
    std::fs::copy(mini_framework(), &fw).unwrap();
    let csv = dir.path().join("d.csv");
    std::fs::copy(root().join("tests/data/dynamics/regions.csv"), &csv).unwrap();
    beltscope()
        .arg("freeze")
        .arg(&csv)
        .arg("--framework")
        .arg(&fw)
        .arg("-o")
        .arg(&fw)
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read(&fw).unwrap(),
        std::fs::read(mini_framework()).unwrap()
    );
}

const IDS: [&str; 9] = [
    "export_value",
    "cbec_firms",
    "platform_stores",
    "overseas_warehouses",
    "delivery_days",
    "cbec_loans",
    "ip_disputes",
    "patents",
    "green_certified",
];

fn csv(rows: &[Vec<f64>]) -> String {
    let mut s = format!("label,{}\n", IDS.join(","));
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<String> = r.iter().map(|x| format!("{x}")).collect();
        s.push_str(&format!("{},{}\n", 2016 + i, cells.join(",")));
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn a_later_year_leaves_earlier_scores_unchanged(
        rows in prop::collection::vec(prop::collection::vec(1.0f64..500.0, 9), 3..6),
        next in prop::collection::vec(0.5f64..800.0, 9),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let fw = mini_framework().display().to_string();
        let past = dir.path().join("past.csv");
        std::fs::write(&past, csv(&rows)).unwrap();
        let frozen = dir.path().join("frozen.toml");
        freeze(&past, &frozen, &["--framework", &fw]);
        let frozen = frozen.display().to_string();
        let fixed = ["--framework", &frozen, "--normalization", "reference", "--weighting", "fixed"];
        let original = score(&past, &["--framework", &fw]);
        let then = score(&past, &fixed);
        let mut all = rows.clone();
        all.push(next);
        let now_file = dir.path().join("now.csv");
        std::fs::write(&now_file, csv(&all)).unwrap();
        let now = score(&now_file, &fixed);
        for i in 0..rows.len() {
            prop_assert!(same_scores(&original, i, &then, i, 1e-12).is_ok());
            prop_assert_eq!(same_scores(&then, i, &now, i, 0.0), Ok(()));
        }
    }
}
