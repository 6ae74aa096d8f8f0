//! `beltscope aggregate` through the real binary: the shared reference case, invalid answers,
//! `-o` into new and existing surveys (other values, comments and order kept byte for byte),
//! and the questionnaire template filled in and read back.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Reader, Xlsx, open_workbook};
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/aggregate")
}

fn framework() -> String {
    dir().join("framework.toml").display().to_string()
}

fn beltscope() -> Command {
    Command::cargo_bin("beltscope").unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = beltscope()
        .arg("aggregate")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn close(e: &Value, a: &Value, what: &str) {
    let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
    assert!((e - a).abs() <= 1e-9, "{what}: expected {e}, got {a}");
}

#[test]
fn the_reference_case_through_the_binary() {
    let responses = dir().join("responses.csv").display().to_string();
    let actual = json(&[&responses, "--framework", &framework()]);
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).unwrap())
            .unwrap();
    let obs = actual["observations"].as_array().unwrap();
    assert_eq!(
        obs.len(),
        expected["observations"].as_array().unwrap().len()
    );
    for e in expected["observations"].as_array().unwrap() {
        let a = obs.iter().find(|o| o["label"] == e["label"]).unwrap();
        assert_eq!(a["respondents"], e["respondents"]);
        for (id, ev) in e["indicators"].as_object().unwrap() {
            let av = &a["indicators"][id];
            assert_eq!(av["n"], ev["n"], "{id}");
            close(&ev["mean"], &av["mean"], id);
            assert_eq!(av["sd"].is_null(), ev["sd"].is_null(), "{id}");
            if !ev["sd"].is_null() {
                close(&ev["sd"], &av["sd"], id);
                close(&ev["ci95"][0], &av["ci95"][0], id);
                close(&ev["ci95"][1], &av["ci95"][1], id);
            }
        }
    }
    let (er, ar) = (&expected["reliability"], &actual["reliability"]);
    for (d, e) in er["dimensions"].as_object().unwrap() {
        close(&e["alpha"], &ar["dimensions"][d]["alpha"], d);
        assert_eq!(e["n"], ar["dimensions"][d]["n"]);
        assert_eq!(e["items"], ar["dimensions"][d]["items"]);
    }
    close(&er["overall"]["alpha"], &ar["overall"]["alpha"], "overall");
    assert_eq!(er["overall"]["n"], ar["overall"]["n"]);
    // Text, both languages.
    for (lang, needle) in [("en", "Reliability"), ("zh", "信度")] {
        let out = beltscope()
            .args([
                "aggregate",
                &responses,
                "--framework",
                &framework(),
                "--lang",
                lang,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(needle) && text.contains("logistics_rating"),
            "{text}"
        );
    }
}

#[test]
fn invalid_responses_exit_2_naming_each_place() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.csv");
    std::fs::write(
        &bad,
        "observation,respondent,logistics_rating,payment_rating,cbec_firms,nope\n\
         2023,A,7,3.5,1,2\n2023,A,4,4,,\n",
    )
    .unwrap();
    let out = beltscope()
        .arg("aggregate")
        .arg(&bad)
        .args(["--framework", &framework()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    for needle in [
        "bad.csv:2:8",
        "bad.csv:2:10",
        "bad.csv:3:1",
        "bad.csv:1:56",
        "answer 7 is off the scale",
        "`3.5` is not a whole-number answer",
        "`cbec_firms` has no `scale`",
        "unknown indicator `nope`",
        "respondent `A` answers twice",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in\n{err}");
    }
}

const SURVEY: &str = "# A belt's survey, kept by hand.
schema = 1
framework = \"framework.toml\"   # the questionnaire example
title = \"Example\"

[[observations]]
label = \"2023\"   # first year
[observations.values]
cbec_firms = 120.5   # from the yearbook
logistics_rating = 1
seller_confidence = 2

[[observations]]
label = \"2024\"
[observations.values]
# counted in March
cbec_firms = 131
";

/// Lines that do not mention an aggregated indicator.
fn other_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| {
            ![
                "seller_confidence",
                "logistics_rating",
                "payment_rating",
                "policy_rating",
            ]
            .iter()
            .any(|id| l.contains(id))
        })
        .collect()
}

#[test]
fn means_merge_into_an_existing_toml_survey_keeping_everything_else() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        dir().join("framework.toml"),
        tmp.path().join("framework.toml"),
    )
    .unwrap();
    let survey = tmp.path().join("s.toml");
    std::fs::write(&survey, SURVEY).unwrap();
    let responses = dir().join("responses.csv");
    beltscope()
        .arg("aggregate")
        .arg(&responses)
        .arg("-o")
        .arg(&survey)
        .assert()
        .success();
    let text = std::fs::read_to_string(&survey).unwrap();
    let (before, after) = (other_lines(SURVEY), other_lines(&text));
    assert_eq!(&after[..before.len()], &before[..], "{text}");
    assert!(
        after[before.len()..].contains(&"label = \"pilot\""),
        "{text}"
    );
    // The values read back as the exact means.
    let means = json(&[
        &responses.display().to_string(),
        "--framework",
        &framework(),
    ]);
    let doc = beltscope::model::SurveyDoc::parse("s.toml", &text).unwrap();
    for o in means["observations"].as_array().unwrap() {
        let obs = doc
            .survey
            .observations
            .iter()
            .find(|x| x.label == o["label"].as_str().unwrap())
            .unwrap();
        for (id, v) in o["indicators"].as_object().unwrap() {
            assert_eq!(
                obs.values.get(id.as_str()).copied(),
                v["mean"].as_f64(),
                "{id}"
            );
        }
    }
    assert_eq!(
        doc.survey.observations[0].values.get("cbec_firms"),
        Some(&120.5)
    );
}

#[test]
fn means_merge_into_a_csv_survey_in_its_column_order() {
    let tmp = tempfile::tempdir().unwrap();
    let survey = tmp.path().join("s.csv");
    std::fs::write(
        &survey,
        "label,payment_rating,cbec_firms\n2024,1,131\n2019,2,99\n",
    )
    .unwrap();
    beltscope()
        .arg("aggregate")
        .arg(dir().join("responses.csv"))
        .args(["--framework", &framework()])
        .arg("-o")
        .arg(&survey)
        .assert()
        .success();
    let text = std::fs::read_to_string(&survey).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Written as Excel reads it: a BOM and CRLF line ends.
    assert!(text.contains("\r\n"), "{text}");
    assert!(
        lines[0].starts_with("\u{feff}label,payment_rating,cbec_firms,"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("2024,3.8333333333333335,131,"),
        "{text}"
    );
    assert!(lines[2].starts_with("2019,2,99"), "{text}");
    assert!(lines[3].starts_with("2023,"), "{text}");
}

#[test]
fn a_new_survey_names_the_framework_relative_to_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sub").join("new.toml");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    beltscope()
        .current_dir(dir())
        .args([
            "aggregate",
            "responses.csv",
            "--framework",
            "framework.toml",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let doc = beltscope::model::SurveyDoc::parse("new.toml", &text).unwrap();
    let fw = out.parent().unwrap().join(&doc.survey.framework);
    assert!(fw.exists(), "{}", doc.survey.framework);
    assert_eq!(doc.survey.observations.len(), 3);
}

#[test]
fn the_template_filled_in_reads_back() {
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("q.xlsx");
    beltscope()
        .args(["aggregate", "--template", "--framework", &framework(), "-o"])
        .arg(&template)
        .assert()
        .success();
    let mut book: Xlsx<_> = open_workbook(&template).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let ids: Vec<&str> = header.iter().map(|h| h.lines().next().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "observation",
            "respondent",
            "seller_confidence",
            "logistics_rating",
            "payment_rating",
            "policy_rating"
        ]
    );
    assert!(
        header[3].contains("1 = ") && header[3].contains("5 = "),
        "{}",
        header[3]
    );
    assert!(
        header[3].contains("物流") || header[3].contains("请评价"),
        "{}",
        header[3]
    );
    // Fill it as an officer would: same header, numbers typed in the cells.
    let answers = [
        (2023.0, "A", [Some(5.0), Some(4.0), Some(4.0), Some(3.0)]),
        (2023.0, "B", [Some(3.0), Some(2.0), None, Some(2.0)]),
        (2024.0, "A", [Some(6.0), Some(4.0), Some(5.0), Some(4.0)]),
    ];
    let mut filled = rust_xlsxwriter::Workbook::new();
    let sheet = filled.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let mut csv = String::from(
        "observation,respondent,seller_confidence,logistics_rating,payment_rating,policy_rating\n",
    );
    for (r, (obs, who, xs)) in answers.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_number(row, 0, *obs).unwrap();
        sheet.write_string(row, 1, *who).unwrap();
        csv.push_str(&format!("{obs},{who}"));
        for (k, x) in xs.iter().enumerate() {
            if let Some(x) = x {
                sheet.write_number(row, k as u16 + 2, *x).unwrap();
            }
            csv.push_str(&format!(",{}", x.map_or(String::new(), |x| x.to_string())));
        }
        csv.push('\n');
    }
    let xlsx = tmp.path().join("filled.xlsx");
    filled.save(&xlsx).unwrap();
    let csv_path = tmp.path().join("filled.csv");
    std::fs::write(&csv_path, csv).unwrap();
    let from_xlsx = json(&[&xlsx.display().to_string(), "--framework", &framework()]);
    let from_csv = json(&[&csv_path.display().to_string(), "--framework", &framework()]);
    assert_eq!(from_xlsx["observations"], from_csv["observations"]);
    assert_eq!(from_xlsx["observations"][0]["label"], "2023");
    // An answer off the scale in a workbook is named by its cell.
    let mut bad = rust_xlsxwriter::Workbook::new();
    let sheet = bad.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    sheet.write_number(1, 0, 2023.0).unwrap();
    sheet.write_string(1, 1, "A").unwrap();
    sheet.write_number(1, 3, 3.5).unwrap();
    let bad_path = tmp.path().join("bad.xlsx");
    bad.save(&bad_path).unwrap();
    let out = beltscope()
        .arg("aggregate")
        .arg(&bad_path)
        .args(["--framework", &framework()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("D2") && err.contains("3.5"), "{err}");
}

#[test]
fn means_go_into_a_new_workbook_but_never_over_an_existing_one() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("means.xlsx");
    let write = || {
        beltscope()
            .arg("aggregate")
            .arg(dir().join("responses.csv"))
            .args(["--framework", &framework()])
            .arg("-o")
            .arg(&book)
            .output()
            .unwrap()
    };
    let first = write();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let bytes = std::fs::read(&book).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    // The workbook reads back as a survey with the means.
    let o = beltscope()
        .args(["validate", "--framework", &framework()])
        .arg(&book)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("not an indicator"), "{err}");
    let again = write();
    assert_eq!(again.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("does not write over an existing workbook")
    );
    assert_eq!(
        std::fs::read(&book).unwrap(),
        bytes,
        "the workbook is unchanged"
    );
}
