//! The shipped example files read and score as the README says: the yearbook workbook (the
//! example survey with three cells a yearbook did not print) and the panel.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("surveys")
        .join(name)
}

fn run(args: &[&str], file: &Path) -> Output {
    Command::cargo_bin("beltscope")
        .expect("binary")
        .env("BELTSCOPE_DATE", "2025-01-01")
        .arg(args[0])
        .arg(file)
        .args(&args[1..])
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn the_yearbook_needs_imputation_and_imports_with_its_gaps() {
    let yearbook = example("example-yearbook.xlsx");
    let out = run(&["score"], &yearbook);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("observation `2021`, indicator `cbec_export_share`"),
        "{err}"
    );
    assert!(err.contains("3 problems found"));

    let out = run(&["score", "--impute", "interpolate"], &yearbook);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("6 observations × 58 indicators"));
    assert!(
        s.contains("2024 — D = 0.888 (level 9, good coordination)"),
        "{s}"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let toml = dir.path().join("yearbook.toml");
    let out = Command::cargo_bin("beltscope")
        .expect("binary")
        .arg("import")
        .arg(&yearbook)
        .arg("-o")
        .arg(&toml)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr)
            .contains("6 observations × 58 indicators of `cbec-belt`, 3 missing values")
    );
    // Every printed value is the example survey's: 6 × 58 − 3 = 345 value lines.
    let imported = std::fs::read_to_string(&toml).expect("imported");
    let example = std::fs::read_to_string(example("example-belt.toml")).expect("example");
    let values = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| {
                l.split_once(" = ").is_some_and(|(k, _)| {
                    !k.starts_with('#')
                        && !["schema", "framework", "title", "region", "label"].contains(&k)
                })
            })
            .map(String::from)
            .collect()
    };
    let (imp, ex) = (values(&imported), values(&example));
    assert_eq!(imp.len(), 345);
    assert!(
        imp.iter().all(|l| ex.contains(l)),
        "an imported value differs"
    );
}

#[test]
fn the_panel_scores_reports_and_runs_dynamics_in_both_languages() {
    let panel = example("example-panel.csv");
    for args in [
        vec!["score"],
        vec!["dynamics"],
        vec!["dynamics", "--lang", "zh"],
        vec!["report"],
        vec!["report", "--lang", "zh", "--format", "markdown"],
    ] {
        let out = run(&args, &panel);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(!out.stdout.is_empty());
    }
    let report = text(&run(&["report"], &panel).stdout);
    let report = report.split_whitespace().collect::<Vec<_>>().join(" ");
    for shown in [
        "Observations: 20, a panel of 4 regions × 5 periods (2020–2024)",
        "In 2024, Nanhu luggage and bags ranks 2 of 4 by D. Since 2020, its D has risen from 0.533",
        // Hexi is at level 8 in 2024; Qingshan already at 9.
        "D is forecast to reach level 9 (good coordination) in 2025 (D = 0.850).",
        "D is already at level 9 (good coordination) in 2024, and the forecast keeps it there.",
        "Forecasts above 1 (here up to",
    ] {
        assert!(report.contains(shown), "missing {shown:?}");
    }
    let zh = text(&run(&["report", "--lang", "zh"], &panel).stdout);
    let zh: String = zh.lines().map(str::trim_end).collect();
    assert!(
        zh.contains("这些观测是 4 个地区、5 个时期的面板数据"),
        "{zh}"
    );
}
