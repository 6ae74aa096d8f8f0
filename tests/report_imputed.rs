//! Reports of a survey with gaps scored with `--impute`: the summary says how many cells were
//! filled in and how, and the appendix marks and lists every imputed cell, in text and Markdown,
//! English and Chinese.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The example survey with two values removed: 2021's `cbec_export_share` (between 2020's 10.6
/// and 2022's 17.2, so interpolation gives (10.6 + 17.2) / 2 = 13.9) and 2019's
/// `own_brand_share` (before the first observed value, 2020's 10.8, which it takes).
fn survey_with_gaps(dir: &Path) -> PathBuf {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys/example-belt.toml");
    let text = std::fs::read_to_string(example).expect("example survey");
    let mut label = String::new();
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| {
            if let Some(l) = line.strip_prefix("label = ") {
                label = l.trim_matches('"').to_string();
            }
            let gap = (label == "2021" && line.starts_with("cbec_export_share ="))
                || (label == "2019" && line.starts_with("own_brand_share ="));
            !gap
        })
        .collect();
    assert_eq!(kept.len() + 2, text.lines().count(), "two values removed");
    let path = dir.join("gaps.toml");
    std::fs::write(&path, kept.join("\n") + "\n").expect("write survey");
    path
}

fn report(survey: &Path, extra: &[&str]) -> (bool, String) {
    let out = Command::cargo_bin("beltscope")
        .expect("binary")
        .env("BELTSCOPE_DATE", "2025-01-01")
        .arg("report")
        .arg(survey)
        .args(extra)
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // Paragraphs are wrapped; sentences are matched with the line breaks undone.
    let joined = text
        .lines()
        .map(|l| if l.is_empty() { "\n" } else { l })
        .collect::<Vec<_>>()
        .join(" ");
    (out.status.success(), format!("{text}\n{joined}"))
}

#[test]
fn gaps_are_refused_without_imputation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ok, _) = report(&survey_with_gaps(dir.path()), &[]);
    assert!(!ok);
}

#[test]
fn text_report_in_english_marks_and_lists_imputed_cells() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ok, s) = report(&survey_with_gaps(dir.path()), &["--impute", "interpolate"]);
    assert!(ok);
    // 6 observations × 58 indicators = 348 cells.
    assert!(
        s.contains(
            "2 of the 348 data cells were empty and were filled in with linear interpolation"
        ),
        "{s}"
    );
    assert!(s.contains("--impute interpolate"));
    assert!(s.contains("13.9*"), "{s}");
    assert!(s.contains("10.8*"));
    assert!(s.contains("* imputed (interpolate)"));
    assert!(s.contains("All 2 imputed values are listed below."));
    let rows: Vec<&str> = s
        .lines()
        .filter(|l| l.len() < 100 && l.ends_with("interpolate"))
        .collect();
    // Observation order: 2019 first.
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].contains("2019") && rows[0].contains("own_brand_share"));
    assert!(rows[1].contains("2021") && rows[1].contains("cbec_export_share"));
}

#[test]
fn markdown_report_in_chinese_marks_and_lists_imputed_cells() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = [
        "--impute",
        "interpolate",
        "--format",
        "markdown",
        "--lang",
        "zh",
    ];
    let (ok, s) = report(&survey_with_gaps(dir.path()), &args);
    assert!(ok);
    assert!(
        s.contains("348 个数据单元格中有 2 个为空，已用相邻观测时期之间的线性插值"),
        "{s}"
    );
    assert!(s.contains("以 \\* 标出"));
    assert!(s.contains("13.9\\*"));
    assert!(s.contains("\\* 为填补值（interpolate）"));
    assert!(s.contains("| 观测 | 指标 | 填补值 | 方法 |"), "{s}");
    assert!(s.contains("| 2021 | `cbec_export_share` | 13.9 | interpolate |"));
}

#[test]
fn markdown_in_english_and_text_in_chinese_and_the_mean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let survey = survey_with_gaps(dir.path());
    let (ok, s) = report(
        &survey,
        &["--impute", "interpolate", "--format", "markdown"],
    );
    assert!(ok);
    assert!(
        s.contains("| 2019 | `own_brand_share` | 10.8 | interpolate |"),
        "{s}"
    );
    let (ok, s) = report(&survey, &["--impute", "interpolate", "--lang", "zh"]);
    assert!(ok);
    assert!(s.contains("* 为填补值（interpolate）"));
    assert!(s.contains("13.9*"));
    // The mean of 2019's five observed own_brand_share values:
    // (10.8 + 13.2 + 15.6 + 18.4 + 20.7) / 5 = 78.7 / 5 = 15.74.
    let (ok, s) = report(&survey, &["--impute", "mean"]);
    assert!(ok);
    assert!(s.contains("the mean of the indicator's observed values"));
    assert!(s.contains("15.74*"), "{s}");
}

#[test]
fn complete_data_have_no_imputation_note() {
    let survey = Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys/example-belt.toml");
    let (ok, s) = report(&survey, &["--impute", "interpolate"]);
    assert!(ok);
    assert!(!s.contains("imputed"));
    assert!(!s.contains("filled in"));
}
