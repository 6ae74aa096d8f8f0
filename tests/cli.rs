//! The command line on the shipped framework and surveys (run from the repository root).

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cmd() -> Command {
    let mut c = Command::cargo_bin("beltscope").unwrap();
    c.current_dir(root());
    c
}

fn run(args: &[&str]) -> Output {
    cmd().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `score ... --format json`, exit 0, parsed.
fn score_json(args: &[&str]) -> Value {
    let mut all = vec!["score"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let out = run(&all);
    assert_eq!(out.status.code(), Some(0), "{all:?}: {}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    check_document(&v);
    v
}

/// What every JSON document must satisfy.
fn check_document(v: &Value) {
    let inds = v["indicators"].as_array().unwrap();
    let sum: f64 = inds.iter().map(|i| i["weight"].as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-9, "weights sum to {sum}");
    let cw: f64 = v["method"]["circle_weights"]
        .as_object()
        .unwrap()
        .values()
        .map(|x| x.as_f64().unwrap())
        .sum();
    assert!((cw - 1.0).abs() < 1e-9);
    for o in v["observations"].as_array().unwrap() {
        for k in ["coupling", "coordination", "degree"] {
            let x = o[k].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&x), "{k} = {x}");
        }
        let level = o["level"].as_u64().unwrap();
        assert!((1..=10).contains(&level));
        assert!(o["level_name"].is_string());
        assert!(o["lagging"].is_array());
        for k in ["indicators", "dimensions", "circles"] {
            let s: f64 = o["obstacles"][k]
                .as_object()
                .unwrap()
                .values()
                .map(|x| x.as_f64().unwrap())
                .sum();
            assert!((s - 1.0).abs() < 1e-9 || s == 0.0, "obstacles {k} sum {s}");
        }
        assert!(o["weak_dimensions"].is_array() && o["countermeasures"].is_array());
    }
    assert!(v["warnings"].is_array());
}

fn labels(v: &Value) -> Vec<String> {
    v["observations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap().to_string())
        .collect()
}

const SURVEY: &str = "surveys/example-belt.toml";
const CSV: &str = "surveys/example-belts-2024.csv";

#[test]
fn score_the_example_survey_as_json() {
    let v = score_json(&[SURVEY]);
    assert_eq!(v["framework"]["id"], "cbec-belt");
    assert_eq!(v["framework"]["version"], "2.0.0");
    let years: Vec<String> = (2019..=2024).map(|y| y.to_string()).collect();
    assert_eq!(labels(&v), years);
    let m = &v["method"];
    assert_eq!(m["normalization"], "range");
    assert_eq!(m["weighting"], "entropy");
    assert_eq!(m["shift"], 0.0);
    assert_eq!(m["interval"], serde_json::json!([0.0, 1.0]));
    assert_eq!(m["coupling"], "classic");
    assert_eq!(m["top"], 3);
    let inds = v["indicators"].as_array().unwrap();
    assert_eq!(inds.len(), 58);
    for i in inds {
        assert!(i["entropy"].is_f64(), "{i}");
        for k in ["id", "dimension", "circle", "direction"] {
            assert!(i[k].is_string(), "{k} in {i}");
        }
    }
    let o = &v["observations"][5];
    assert_eq!(o["dimensions"].as_object().unwrap().len(), 15);
    assert_eq!(
        o["circles"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>(),
        ["core", "subcore", "outer"]
    );
    assert!(o["weak_dimensions"].as_array().unwrap().len() <= 3);
}

#[test]
fn score_the_example_survey_as_text_and_csv() {
    cmd()
        .args(["score", SURVEY])
        .assert()
        .success()
        .stdout(predicate::str::contains("framework cbec-belt 2.0.0"))
        .stdout(predicate::str::contains("6 observations × 58 indicators"))
        .stdout(predicate::str::contains("Focus: 2024"))
        .stdout(predicate::str::contains("Weak dimensions"))
        .stdout(predicate::str::contains("Countermeasures"));
    let out = run(&["score", SURVEY, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    // Excel's CSV: a UTF-8 BOM and CRLF line ends.
    let text = text.strip_prefix('\u{feff}').expect("a BOM");
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7);
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(header[0], "label");
    assert!(header.ends_with(&[
        "core",
        "subcore",
        "outer",
        "coupling",
        "coordination",
        "degree",
        "level",
        "level_name",
        "lagging"
    ]));
    for (line, year) in lines[1..].iter().zip(2019..) {
        assert!(line.starts_with(&format!("{year},")), "{line}");
        assert_eq!(line.split(',').count(), header.len(), "{line}");
    }
}

#[test]
fn score_the_example_csv() {
    let v = score_json(&[CSV]);
    assert_eq!(v["framework"]["id"], "cbec-belt");
    let l = labels(&v);
    assert_eq!(l.len(), 8);
    assert_eq!(l[0], "Hexi home textiles");
    for format in ["text", "csv"] {
        cmd()
            .args(["score", CSV, "--format", format])
            .assert()
            .success()
            .stdout(predicate::str::contains("Shuikou wigs"));
    }
}

#[test]
fn every_method_flag_reaches_the_output() {
    let v = score_json(&[SURVEY, "--normalization", "reference"]);
    assert_eq!(v["method"]["normalization"], "reference");

    let v = score_json(&[SURVEY, "--weighting", "fixed"]);
    assert_eq!(v["method"]["weighting"], "fixed");
    assert!(
        v["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["entropy"].is_null())
    );

    let v = score_json(&[SURVEY, "--weighting", "combined"]);
    assert_eq!(v["method"]["weighting"], "combined");
    assert!(v["indicators"][0]["entropy"].is_f64());

    let plain = score_json(&[SURVEY]);
    let v = score_json(&[SURVEY, "--shift", "0.01"]);
    assert_eq!(v["method"]["shift"], 0.01);
    assert_ne!(
        v["indicators"][0]["entropy"],
        plain["indicators"][0]["entropy"]
    );

    let v = score_json(&[SURVEY, "--interval", "0.002,0.998"]);
    assert_eq!(v["method"]["interval"], serde_json::json!([0.002, 0.998]));

    let v = score_json(&[SURVEY, "--coupling", "corrected"]);
    assert_eq!(v["method"]["coupling"], "corrected");
    assert_ne!(
        v["observations"][0]["coupling"],
        plain["observations"][0]["coupling"]
    );

    let v = score_json(&[SURVEY, "--top", "1"]);
    assert_eq!(v["method"]["top"], 1);
    for o in v["observations"].as_array().unwrap() {
        assert!(o["weak_dimensions"].as_array().unwrap().len() <= 1);
    }
    let v = score_json(&[SURVEY, "--top", "0"]);
    for o in v["observations"].as_array().unwrap() {
        assert!(o["weak_dimensions"].as_array().unwrap().is_empty());
        assert!(o["countermeasures"].as_array().unwrap().is_empty());
    }

    cmd()
        .args(["score", SURVEY, "--focus", "2019"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Focus: 2019"));
    cmd()
        .args(["score", SURVEY, "--focus", "1999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1999"))
        .stderr(predicate::str::contains("error:"));
}

#[test]
fn bad_flag_values_are_usage_errors() {
    for args in [
        &["--normalization", "minmax"][..],
        &["--weighting", "ahp"],
        &["--coupling", "new"],
        &["--shift", "-1"],
        &["--shift", "x"],
        &["--interval", "0.9,0.1"],
        &["--interval", "0,2"],
        &["--top", "-1"],
        &["--format", "xml"],
        &["--no-such-flag"],
    ] {
        let mut all = vec!["score", SURVEY];
        all.extend(args);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}");
        assert!(!stderr(&out).contains("panicked"));
    }
    let out = run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn flags_override_the_survey_method() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(SURVEY)).unwrap();
    let with_method = text.replacen(
        "\n[[observations]]",
        "\n[method]\ncoupling = \"corrected\"\ntop = 1\nshift = 0.5\nfocus = \"2020\"\n\n[[observations]]",
        1,
    );
    let path = dir.path().join("s.toml");
    std::fs::write(&path, &with_method).unwrap();
    let p = path.to_str().unwrap();

    let file_only = score_json(&[p]);
    assert_eq!(file_only["method"]["coupling"], "corrected");
    assert_eq!(file_only["method"]["top"], 1);
    assert_eq!(file_only["method"]["shift"], 0.5);

    let over = score_json(&[p, "--coupling", "classic", "--top", "2"]);
    assert_eq!(over["method"]["coupling"], "classic");
    assert_eq!(over["method"]["top"], 2);
    // Not overridden: kept from the file.
    assert_eq!(over["method"]["shift"], 0.5);

    cmd()
        .args(["score", p])
        .assert()
        .success()
        .stdout(predicate::str::contains("Focus: 2020"));
    cmd()
        .args(["score", p, "--focus", "2021"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Focus: 2021"));
}

#[test]
fn validate_the_shipped_files() {
    cmd()
        .args([
            "validate",
            SURVEY,
            CSV,
            "indicators/cbec-belt.toml",
            "tests/data/cases/p1_three_circles/framework.toml",
            "tests/data/cases/p1_three_circles/survey.toml",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("ok: {SURVEY}")))
        .stdout(predicate::str::contains(format!("ok: {CSV}")))
        .stdout(predicate::str::contains(
            "ok: indicators/cbec-belt.toml (framework `cbec-belt`",
        ));
    cmd()
        .args([
            "validate",
            "--framework",
            "tests/data/cases/p2_regions_csv/framework.toml",
            "tests/data/cases/p2_regions_csv/data.csv",
        ])
        .assert()
        .success();
}

#[test]
fn new_writes_a_blank_survey_that_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.toml");
    let p = path.to_str().unwrap();
    cmd()
        .args(["new", "-o", p, "--labels", "2016..2018", "--title", "Blank"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    // Valid but incomplete: every one of 3 × 58 values is missing; each observation's problem
    // names it and lists every missing indicator id.
    let out = run(&["validate", p]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for year in ["2016", "2017", "2018"] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("observation `{year}` is missing 58 of 58 values")))
            .unwrap_or_else(|| panic!("{err}"));
        assert!(line.contains("location_quotient") && line.contains("green_certified_share"));
    }
    assert!(err.contains("3 problems found"), "{err}");
    // score refuses it the same way
    let out = run(&["score", p]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).matches("is missing 58 of 58 values").count(),
        3
    );
    // It round-trips: parse → to_toml gives the same text.
    let doc = beltscope::model::SurveyDoc::parse(p, &text).unwrap();
    assert_eq!(doc.survey.title, "Blank");
    assert_eq!(doc.survey.framework, "cbec-belt");
    assert_eq!(
        doc.survey
            .observations
            .iter()
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>(),
        ["2016", "2017", "2018"]
    );
    assert_eq!(doc.survey.to_toml(), text);
    // No stray temp files next to it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, "keep me").unwrap();
    let p = path.to_str().unwrap();
    cmd()
        .args(["new", "-o", p])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    cmd()
        .args(["new", "-o", p, "--force", "--labels", "a,b"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("label = \"a\"") && text.contains("label = \"b\""));
}

#[test]
fn new_with_a_framework_file_stores_a_relative_path() {
    let dir = tempfile::tempdir().unwrap();
    let fw = root().join("tests/data/cases/p1_three_circles/framework.toml");
    std::fs::copy(&fw, dir.path().join("fw.toml")).unwrap();
    let sub = dir.path().join("surveys");
    std::fs::create_dir(&sub).unwrap();
    let out_path = sub.join("s.toml");
    Command::cargo_bin("beltscope")
        .unwrap()
        .current_dir(dir.path())
        .args(["new", "--framework", "fw.toml", "-o", "surveys/s.toml"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&out_path).unwrap();
    assert!(text.contains("framework = \"../fw.toml\""), "{text}");
    // ... which resolves from anywhere: validate finds the framework (no observations yet).
    let out = run(&["validate", out_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no observations"), "{}", stderr(&out));
}

#[test]
fn a_survey_written_for_1_0_0_works_under_cbec_belt_1_and_says_so_under_the_default() {
    const OLD: &str = "tests/data/v1/example-belt.toml";
    let v = score_json(&[OLD]);
    assert_eq!(v["framework"]["id"], "cbec-belt-1");
    assert_eq!(v["framework"]["version"], "1.0.0");
    assert_eq!(v["indicators"].as_array().unwrap().len(), 42);
    // The same file naming the default framework: one problem, not one per value.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.toml");
    let text = std::fs::read_to_string(root().join(OLD)).unwrap();
    std::fs::write(&path, text.replace("\"cbec-belt-1\"", "\"cbec-belt\"")).unwrap();
    for sub in ["score", "validate"] {
        let out = run(&[sub, path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains("indicator ids are those of framework `cbec-belt-1` 1.0.0 (all 42)"),
            "{err}"
        );
        assert!(err.contains("write `framework = \"cbec-belt-1\"`"), "{err}");
        assert!(err.contains("1 problem found"), "{err}");
    }
    // --framework on the command line is answered the same way.
    let out = run(&["score", OLD, "--framework", "cbec-belt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("leave out `--framework`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn framework_tree_in_english_and_chinese() {
    cmd()
        .arg("framework")
        .assert()
        .success()
        .stdout(predicate::str::contains("cbec-belt 2.0.0"))
        .stdout(predicate::str::contains("[core]"))
        .stdout(predicate::str::contains("[overseas_warehouse_share]"))
        .stdout(predicate::str::contains("58 indicators"));
    cmd()
        .args(["framework", "--lang", "zh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("核心圈"))
        .stdout(predicate::str::contains("区域产业带跨境电商供应链生态系统"))
        .stdout(predicate::str::contains("[overseas_warehouse_share]"));
    cmd()
        .args([
            "framework",
            "tests/data/cases/p1_three_circles/framework.toml",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("mini-belt"));
    cmd()
        .args(["framework", "no-such-framework.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-framework.toml"));
}

#[test]
fn a_missing_input_file_is_named() {
    for sub in ["score", "validate"] {
        cmd()
            .args([sub, "surveys/no-such-survey.toml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("surveys/no-such-survey.toml"))
            .stderr(predicate::str::contains("error:"))
            .stdout(predicate::str::is_empty());
    }
}

#[test]
fn score_with_a_framework_override() {
    // The p2 CSV has no framework of its own: without --framework it is checked against
    // cbec-belt and refused; with it, it scores.
    let csv = "tests/data/cases/p2_regions_csv/data.csv";
    let out = run(&["score", csv]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not an indicator of framework `cbec-belt`"));
    let v = score_json(&[
        csv,
        "--framework",
        "tests/data/cases/p2_regions_csv/framework.toml",
    ]);
    assert_eq!(v["framework"]["id"], "mini-belt");
    assert_eq!(labels(&v).len(), 6);
}

#[test]
fn output_is_deterministic() {
    let a = run(&["score", SURVEY, "--format", "json"]);
    let b = run(&["score", SURVEY, "--format", "json"]);
    assert!(a.status.success() && b.status.success(), "score failed");
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn an_unwritable_output_is_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/s.toml");
    cmd()
        .args(["new", "-o", path.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error:"))
        .stderr(predicate::str::contains("cannot write"));
}

#[test]
fn a_csv_written_for_framework_1_gets_one_problem_naming_it() {
    let o = run(&["score", "tests/data/v1/example-belts-2024.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("framework `cbec-belt-1` 1.0.0"), "{err}");
    assert!(err.contains("--framework cbec-belt-1"), "{err}");
    assert!(err.contains("1 problem found"), "{err}");
    let ok = run(&[
        "score",
        "tests/data/v1/example-belts-2024.csv",
        "--framework",
        "cbec-belt-1",
    ]);
    assert!(ok.status.success(), "{}", stderr(&ok));
}
