//! `beltscope report` end to end: stdout, -o, the overwrite rule, --charts and exit codes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("surveys")
        .join(name)
}

fn beltscope() -> Command {
    let mut cmd = Command::cargo_bin("beltscope").expect("binary");
    cmd.env("BELTSCOPE_DATE", "2025-01-01");
    cmd
}

#[test]
fn prints_the_report_to_stdout() {
    beltscope()
        .args(["report"])
        .arg(example("example-belt.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("1. Summary"))
        .stdout(predicate::str::contains("Generated:     2025-01-01"))
        .stdout(predicate::str::contains("D = 0.887"));
    beltscope()
        .args(["report", "--format", "markdown", "--lang", "zh"])
        .arg(example("example-belts-2024.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("## 1. 摘要"))
        .stdout(predicate::str::contains("### 按 D 排名"));
}

#[test]
fn method_flags_change_the_report() {
    beltscope()
        .args([
            "report",
            "--coupling",
            "corrected",
            "--top",
            "2",
            "--focus",
            "2020",
        ])
        .arg(example("example-belt.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Coupling (corrected model"))
        .stdout(predicate::str::contains("Focus:         2020"))
        .stdout(predicate::str::contains("The two weak dimensions"));
}

#[test]
fn writes_to_a_file_with_o() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.txt");
    let stdout = beltscope()
        .args(["report"])
        .arg(example("example-belt.toml"))
        .output()
        .expect("runs")
        .stdout;
    beltscope()
        .args(["report"])
        .arg(example("example-belt.toml"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    assert_eq!(std::fs::read(&out).expect("report written"), stdout);
    // An older report is replaced.
    beltscope()
        .args(["report", "--lang", "zh"])
        .arg(example("example-belt.toml"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&out)
            .expect("report")
            .contains("1. 摘要")
    );
}

#[test]
fn refuses_to_overwrite_a_survey() {
    let dir = tempfile::tempdir().expect("temp dir");
    let survey = dir.path().join("belt.toml");
    std::fs::copy(example("example-belt.toml"), &survey).expect("copy");
    let before = std::fs::read(&survey).expect("read");
    beltscope()
        .args(["report"])
        .arg(&survey)
        .arg("-o")
        .arg(&survey)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to overwrite"));
    assert_eq!(std::fs::read(&survey).expect("read"), before);

    // The same file under another spelling of its path.
    let dotted = dir.path().join(".").join("belt.toml");
    beltscope()
        .args(["report"])
        .arg(&survey)
        .arg("-o")
        .arg(&dotted)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&survey).expect("read"), before);

    // Any other existing survey or framework file (.toml/.csv) is refused too.
    let other = dir.path().join("regions.csv");
    std::fs::copy(example("example-belts-2024.csv"), &other).expect("copy");
    let other_before = std::fs::read(&other).expect("read");
    beltscope()
        .args(["report"])
        .arg(&survey)
        .arg("-o")
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".toml or .csv"));
    assert_eq!(std::fs::read(&other).expect("read"), other_before);
}

#[test]
fn charts_are_written_and_linked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out").join("report.md");
    std::fs::create_dir_all(out.parent().expect("parent")).expect("mkdir");
    let charts = dir.path().join("out").join("charts");
    beltscope()
        .args(["report", "--format", "markdown"])
        .arg(example("example-belt.toml"))
        .arg("-o")
        .arg(&out)
        .arg("--charts")
        .arg(&charts)
        .assert()
        .success();
    for f in ["circle-scores.svg", "trend.svg", "dimension-obstacles.svg"] {
        let svg = std::fs::read_to_string(charts.join(f)).expect("chart written");
        assert!(svg.starts_with("<?xml"), "{f}");
        let md = std::fs::read_to_string(&out).expect("report");
        assert!(
            md.contains(&format!("](charts/{f})")),
            "{f} linked relative to the report"
        );
    }
}

#[test]
fn invalid_input_exits_2_and_other_failures_1() {
    beltscope()
        .args(["report", "no/such/survey.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the file"));
    beltscope()
        .args(["report", "--focus", "1999"])
        .arg(example("example-belt.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("focus observation `1999`"));
    let dir = tempfile::tempdir().expect("temp dir");
    beltscope()
        .args(["report"])
        .arg(example("example-belt.toml"))
        .arg("-o")
        .arg(dir.path().join("missing-folder").join("r.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write"));
}

#[test]
fn an_md_output_gets_markdown_unless_format_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("r.md");
    let txt = dir.path().join("r.txt");
    for (out, extra) in [
        (&md, None),
        (&txt, None),
        (&dir.path().join("t.md"), Some("text")),
    ] {
        let mut c = assert_cmd::Command::cargo_bin("beltscope").unwrap();
        c.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("BELTSCOPE_DATE", "2025-01-01")
            .args(["report", "surveys/example-belt.toml", "-o"])
            .arg(out);
        if let Some(f) = extra {
            c.args(["--format", f]);
        }
        c.assert().success();
    }
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# "));
    assert!(!std::fs::read_to_string(&txt).unwrap().starts_with("# "));
    let forced = std::fs::read_to_string(dir.path().join("t.md")).unwrap();
    assert!(!forced.starts_with("# "));
}
