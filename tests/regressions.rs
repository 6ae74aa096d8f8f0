//! Inputs that once crashed or flooded the terminal, kept under `tests/data/regress/`: each must
//! give exit 2 with a located problem, a bounded amount of output, and no panic.

use assert_cmd::Command;

fn validate(file: &str) -> (i32, String) {
    run(&["validate", &format!("tests/data/regress/{file}")])
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("beltscope")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_missing_value_is_listed_with_the_other_problems_of_its_file() {
    // Each file has a value that is not a number, an unknown id and a missing value; `score`
    // once stopped at the first two, and `validate` did too for a CSV.
    let mini = "tests/data/invalid/support/mini.toml";
    for (file, places) in [
        (
            "problems-and-missing.toml",
            [":9:11", ":19:1", "observation `2021`, indicator `patents`"],
        ),
        (
            "problems-and-missing.csv",
            [":2:6", ":1:37", "observation `2021`, indicator `patents`"],
        ),
    ] {
        let path = format!("tests/data/regress/{file}");
        for command in [
            "validate",
            "score",
            "report",
            "dynamics",
            "sensitivity",
            "freeze",
        ] {
            let mut args = vec![command, path.as_str(), "--framework", mini];
            if command == "freeze" {
                args.extend(["-o", "never-written.toml"]);
            }
            let (code, err) = run(&args);
            assert_eq!(code, 2, "{command} {file}: {err}");
            for place in places {
                assert!(err.contains(place), "{command} {file}: no {place}: {err}");
            }
            assert!(err.contains("missing value"), "{command} {file}: {err}");
            assert!(err.contains("3 problems found"), "{command} {file}: {err}");
        }
    }
}

#[test]
fn a_problem_after_a_carriage_return_is_located_not_a_panic() {
    for file in ["cr-unterminated.toml", "cr-only.toml"] {
        let (code, err) = validate(file);
        assert_eq!(code, 2, "{file}: {err}");
        assert!(err.contains(&format!("{file}:")), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
    }
}

#[test]
fn a_problem_past_column_65535_shows_a_window_of_the_line() {
    // `title = "t"` then 70,000 spaces and `x`; a CSV cell of 70,000 spaces and `abc`.
    for (file, column) in [
        ("long-line.toml", ":1:70012"),
        ("long-cell.csv", ":2:70006"),
    ] {
        let (code, err) = validate(file);
        assert_eq!(code, 2, "{file}: {err}");
        assert!(err.contains(column), "{file}: {err}");
        assert!(err.contains('…'), "the excerpt is cut: {err}");
        assert!(err.len() < 4_000, "{file}: {} bytes of output", err.len());
    }
}

#[test]
fn a_header_of_twenty_thousand_unknown_names_is_reported_in_a_moment() {
    // `label` then 20,000 cells `1`: each problem once built the "did you mean" list anew and
    // scanned the whole file for its line, and measured the whole line for its excerpt; a
    // 30,000-cell header took 14 s.
    let start = std::time::Instant::now();
    let (code, err) = validate("wide-header.csv");
    let took = start.elapsed();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("19980 more problems like"), "{err}");
    assert!(err.contains("20001 problems found"), "{err}");
    assert!(took.as_secs() < 20, "took {took:?}");
}

/// Every number of `score --format json` on a fuzzer's engine case: finite, scores and shares
/// in [0, 1], weights and each observation's obstacle degrees summing to 1 (or all 0).
#[test]
fn engine_cases_found_by_the_fuzzer_score_within_bounds() {
    let mut files: Vec<String> = std::fs::read_dir("tests/data/regress")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.starts_with("engine-") && f.ends_with(".toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let out = Command::cargo_bin("beltscope")
            .unwrap()
            .args([
                "score",
                &format!("tests/data/regress/{file}"),
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{file}: {err}");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let unit = |v: &serde_json::Value, what: &str| -> f64 {
            let x = v.as_f64().unwrap_or(f64::NAN);
            assert!(
                x.is_finite() && (0.0..=1.0).contains(&x),
                "{file}: {what} = {v}"
            );
            x
        };
        let shares = |xs: Vec<&serde_json::Value>, what: &str| {
            let sum: f64 = xs.iter().map(|v| unit(v, what)).sum();
            assert!(
                (sum - 1.0).abs() <= 1e-9 || sum == 0.0,
                "{file}: {what} sum to {sum}"
            );
        };
        let weights: Vec<&serde_json::Value> = (doc["indicators"].as_array().unwrap().iter())
            .map(|i| &i["weight"])
            .collect();
        shares(weights, "weights");
        for o in doc["observations"].as_array().unwrap() {
            for key in ["coupling", "coordination", "degree"] {
                unit(&o[key], key);
            }
            for key in ["dimensions", "circles"] {
                for v in o[key].as_object().unwrap().values() {
                    unit(v, key);
                }
            }
            for key in ["indicators", "dimensions", "circles"] {
                let values = o["obstacles"][key].as_object().unwrap().values().collect();
                shares(values, &format!("{key} obstacles"));
            }
        }
        for v in doc["imputed"].as_array().unwrap() {
            assert!(
                v["value"].as_f64().is_some_and(f64::is_finite),
                "{file}: {v}"
            );
        }
    }
}

#[test]
fn a_label_longer_than_an_excel_cell_is_named_and_no_workbook_is_written() {
    // 33,000 characters: an .xlsx cell holds 32,767. The workbook writer only refused (exit 1,
    // no place); now the observation is named, nothing is written, and a CSV still works.
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("out.xlsx");
    let input = "tests/data/regress/cell-over-excel-limit.csv";
    let (code, err) = run(&["export", input, "-o", xlsx.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the label of observation 1 has 33000 characters"),
        "{err}"
    );
    assert!(err.contains("write a .csv instead"), "{err}");
    assert!(!xlsx.exists());
    let csv = dir.path().join("out.csv");
    let (code, err) = run(&["export", input, "-o", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let line = std::fs::read_to_string(input).unwrap();
    let label = &line.lines().nth(1).unwrap()[..33_000];
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(written.contains(label), "the whole label is kept");
}

#[test]
fn a_workbook_cell_far_from_the_table_is_named_not_laid_out() {
    // The fuzzer's mutation put a cell at row 268,435,391: reading laid out 1.9 billion cells
    // (60 GB) and the process was killed. Now the area is refused before it is laid out.
    let (code, err) = validate("stray-cell.xlsx");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("span A1:G268435391"), "{err}");
    assert!(
        err.contains("is the value at `年鉴!A268435391` a stray one?"),
        "{err}"
    );
}

#[test]
fn a_label_of_seventy_thousand_spaces_is_reported_in_a_moment() {
    // The report wraps every label; a label of a word, 70,000 spaces and a word took 25 s to
    // wrap (each space rescanned the line). Now one pass.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.txt");
    let (code, err) = run(&[
        "report",
        "tests/data/regress/spaces-label.csv",
        "--framework",
        "tests/data/dynamics/framework.toml",
        "--lang",
        "zh",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&out).unwrap().contains("Hanjia"));
}

#[test]
fn a_word_report_draws_a_long_label_cut_short_in_its_charts() {
    // The charts' renderer lays out text in time that grows with the square of its length: a
    // fuzzed label of 103,000 characters took 24 s. A chart now draws 200 characters at most.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.docx");
    let charts = dir.path().join("charts");
    let (code, err) = run(&[
        "report",
        "tests/data/regress/cell-over-excel-limit.csv",
        "--charts",
        charts.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let trend = std::fs::read_to_string(charts.join("trend.svg")).unwrap();
    assert!(
        trend.contains("Yiwu small commodities belt"),
        "the label is drawn"
    );
    let longest = (trend.split("<text").skip(1))
        .filter_map(|t| {
            Some(
                t.split_once('>')?
                    .1
                    .split_once("</text>")?
                    .0
                    .chars()
                    .count(),
            )
        })
        .max();
    assert_eq!(longest, Some(200));
}

#[test]
fn a_toml_line_of_seventy_thousand_broken_characters_is_reported_in_a_moment() {
    // Every few characters of the line is a syntax error, and each error read the whole line
    // looking for a number to suggest: 12 s. Now only short lines are read for one.
    let (code, err) = validate("toml-errors-long-line.toml");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("problems found"), "{err}");
    assert!(err.contains("TOML syntax"), "{err}");
}
