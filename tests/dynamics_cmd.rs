//! `beltscope dynamics` through the real binary: the shared reference cases of
//! tests/data/dynamics (matched by their README's rules) and the text output in both languages.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dynamics")
}

fn beltscope() -> Command {
    let mut c = Command::cargo_bin("beltscope").unwrap();
    c.current_dir(dir());
    c
}

#[test]
fn reference_cases_through_the_binary() {
    let table = std::fs::read_to_string(dir().join("cases.tsv")).unwrap();
    let mut ran = 0;
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, input, flags, expected) = (cols[0], cols[1], cols[2], cols[3]);
        let out = beltscope()
            .args(["dynamics", input, "--format", "json"])
            .args(flags.split_whitespace())
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {out:?}");
        let actual: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir().join(expected)).unwrap()).unwrap();
        assert_eq!(
            actual["warnings"].as_array().unwrap().is_empty(),
            expected["warnings"].as_array().unwrap().is_empty(),
            "{name}: {}",
            actual["warnings"]
        );
        expected.as_object_mut().unwrap().remove("warnings");
        let mut errors = Vec::new();
        common::compare_json(&expected, &actual, name, &mut errors);
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
        // The method object is exactly score's.
        let words: Vec<&str> = flags.split_whitespace().collect();
        let score_flags: Vec<&str> = words
            .chunks(2)
            .filter(|w| w[0] != "--horizon")
            .flatten()
            .copied()
            .collect();
        let score = beltscope()
            .args(["score", input, "--format", "json"])
            .args(&score_flags)
            .output()
            .unwrap();
        let score: Value = serde_json::from_slice(&score.stdout).unwrap();
        assert_eq!(score["method"], actual["method"], "{name}");
        ran += 1;
    }
    assert_eq!(ran, 2);
}

fn text(args: &[&str]) -> String {
    let out = beltscope().arg("dynamics").args(args).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn text_output_of_a_series_in_english_and_chinese() {
    let en = text(&["series.toml", "--interval", "0.01,0.99", "--horizon", "2"]);
    for needle in [
        "Synergy degree of the composite system",
        "2018  2019   0.304  3 moderate synergy",
        "Overall, 2018 → 2023",
        "D (coupling coordination): a = -0.153",
        "grade 1 good",
        // 2023 is already at level 10: not "forecast to reach" level 9.
        "D is already at level 10 (high-quality coordination) in 2023, above level 9 (good coordination), and the forecast keeps it there.",
        "only as good as its grade",
        "beltscope freeze",
    ] {
        assert!(en.contains(needle), "missing {needle:?} in\n{en}");
    }
    let zh = text(&[
        "series.toml",
        "--interval",
        "0.01,0.99",
        "--horizon",
        "2",
        "--lang",
        "zh",
    ]);
    for needle in [
        "复合系统协同度",
        "中度协同",
        "精度等级 1 好",
        "D 在 2023 年已处于 10 级（优质协调），高于 9 级（良好协调）",
    ] {
        assert!(zh.contains(needle), "missing {needle:?} in\n{zh}");
    }
}

#[test]
fn text_output_of_regions_names_the_most_overlapping_pairs() {
    let en = text(&["regions.csv", "--framework", "framework.toml"]);
    assert!(en.contains("Niche of the belts"), "{en}");
    assert!(
        en.contains("compete most for the same resources: Nanan and Wenling (0.887)"),
        "{en}"
    );
    // No series, so no forecast caveats.
    assert!(!en.contains("GM(1,1)"), "{en}");
}

#[test]
fn a_horizon_below_one_is_a_usage_error() {
    for h in ["0", "-1", "x"] {
        beltscope()
            .args(["dynamics", "series.toml", "--horizon", h])
            .assert()
            .code(2);
    }
}

#[test]
fn the_report_writes_and_links_the_dynamics_chart() {
    let tmp = tempfile::tempdir().unwrap();
    let survey = Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys/example-belt.toml");
    let md = tmp.path().join("r.md");
    Command::cargo_bin("beltscope")
        .unwrap()
        .arg("report")
        .arg(&survey)
        .arg("-o")
        .arg(&md)
        .arg("--charts")
        .arg(tmp.path().join("charts"))
        .assert()
        .success();
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("## 8. Dynamics"), "{text}");
    assert!(text.contains("](charts/dynamics-forecast.svg)"), "{text}");
    let svg = std::fs::read_to_string(tmp.path().join("charts/dynamics-forecast.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(svg.contains("GM(1,1) forecast"));
    // A cross-section has no forecast, so no chart.
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys/example-belts-2024.csv");
    let charts = tmp.path().join("charts2");
    Command::cargo_bin("beltscope")
        .unwrap()
        .arg("report")
        .arg(&csv)
        .arg("--charts")
        .arg(&charts)
        .assert()
        .success();
    assert!(!charts.join("dynamics-forecast.svg").exists());
}
