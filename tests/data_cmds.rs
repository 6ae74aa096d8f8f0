//! Spreadsheets end to end through the real binary: `import`, `export`, `new`, and `score`
//! reading CSV, GBK/UTF-16 CSV and workbooks directly (both layouts, Chinese headers, text
//! numbers, percents, blanks, panels, named sheets), bad workbooks named by sheet and cell.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use serde_json::Value;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/workbooks");

fn cmd() -> Command {
    Command::cargo_bin("beltscope").unwrap()
}

fn textile() -> String {
    format!("{DATA}/panel-framework.toml")
}

/// Runs the binary; (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = cmd().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The observations of a TOML survey: label → {id: value}, in order.
fn survey_values(path: &Path) -> Vec<(String, Vec<(String, f64)>)> {
    let text = std::fs::read_to_string(path).unwrap();
    let v: toml::Value = toml::from_str(&text).unwrap();
    v["observations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let values = o
                .get("values")
                .and_then(|v| v.as_table())
                .map(|t| {
                    t.iter()
                        .map(|(k, v)| {
                            let x = v.as_float().or(v.as_integer().map(|i| i as f64));
                            (k.clone(), x.unwrap())
                        })
                        .collect()
                })
                .unwrap_or_default();
            (o["label"].as_str().unwrap().to_string(), values)
        })
        .collect()
}

fn get(obs: &[(String, Vec<(String, f64)>)], label: &str, id: &str) -> Option<f64> {
    let (_, vals) = obs.iter().find(|(l, _)| l == label)?;
    vals.iter().find(|(k, _)| k == id).map(|(_, v)| *v)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn shared_yearbook_imports_to_exactly_its_expected_values() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("survey.toml");
    let (code, _, err) = run(&[
        "import",
        &format!("{DATA}/yearbook.xlsx"),
        "--framework",
        &format!("{DATA}/framework.toml"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let expected: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(format!("{DATA}/expected.json")).unwrap())
            .unwrap();
    let got = survey_values(&out);
    let labels: Vec<&str> = got.iter().map(|(l, _)| l.as_str()).collect();
    let want_labels: Vec<&str> = expected.keys().map(String::as_str).collect();
    assert_eq!(labels, want_labels);
    for ((_, vals), (_, want)) in got.iter().zip(&expected) {
        let want = want.as_object().unwrap();
        assert_eq!(vals.len(), want.len(), "{vals:?} vs {want:?}");
        for (id, x) in vals {
            assert_eq!(Some(*x), want[id].as_f64(), "{id}");
        }
    }
    // The survey names its framework relative to itself, so it scores from anywhere... once
    // complete: 2023 lacks cbec_firms, and score says so.
    let (code, _, err) = run(&["score", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("cbec_firms"), "{err}");
}

/// Normal layout on a named sheet: Chinese headers with units, text numbers (grouping,
/// full-width), a percent-formatted cell, `%` text, one blank.
fn normal_workbook(blank: bool) -> Vec<u8> {
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write_string(0, 0, "notes")
        .unwrap();
    let s = book.add_worksheet();
    s.set_name("数据").unwrap();
    let pct = Format::new().set_num_format("0.0%");
    let head = [
        "年份",
        "纺织服装产值（亿元）",
        "sellers",
        "跨境电商出口占比(%)",
        "海外仓数量（个）",
        "delivery_days",
        "loans",
        "energy_per_output",
        "green_factories",
    ];
    for (c, h) in head.iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [(i32, &str, &str, f64, f64); 3] = [
        (2022, "1,114.7", "２７４７", 0.207, 29.0),
        (2023, "1,251", "3,715", 0.301, 34.0),
        (2024, "1,304.5", "4,020", 0.315, 36.0),
    ];
    for (r, (year, output, sellers, share, wh)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        s.write_number(r, 0, *year).unwrap();
        s.write_string(r, 1, *output).unwrap();
        s.write_string(r, 2, *sellers).unwrap();
        if r == 3 {
            s.write_string(r, 3, "31.5%").unwrap();
        } else {
            s.write_number_with_format(r, 3, *share, &pct).unwrap();
        }
        if !(blank && r == 2) {
            s.write_number(r, 4, *wh).unwrap();
        }
        s.write_number(r, 5, 16.0 - r as f64).unwrap();
        s.write_string(r, 6, format!("{}。5", 20 + r)).unwrap();
        s.write_number(r, 7, 0.3 - 0.01 * r as f64).unwrap();
        s.write_number(r, 8, 10.0 * r as f64).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn normal_workbook_on_a_named_sheet_imports_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let wb = write(dir.path(), "belt.xlsx", &normal_workbook(true));
    let out = dir.path().join("belt.toml");
    let fw = textile();
    let (code, _, err) = run(&[
        "import",
        wb.to_str().unwrap(),
        "--sheet",
        "数据",
        "--framework",
        &fw,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let got = survey_values(&out);
    assert_eq!(
        got.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
        ["2022", "2023", "2024"]
    );
    assert_eq!(get(&got, "2022", "textile_output"), Some(1114.7));
    assert_eq!(get(&got, "2022", "sellers"), Some(2747.0));
    assert_eq!(get(&got, "2023", "sellers"), Some(3715.0));
    assert_eq!(get(&got, "2022", "cbec_share"), Some(20.7));
    assert_eq!(get(&got, "2024", "cbec_share"), Some(31.5));
    assert_eq!(get(&got, "2023", "warehouses"), None);
    assert_eq!(get(&got, "2024", "loans"), Some(23.5));
    // Scoring the workbook directly refuses the blank, naming observation and indicator.
    let (code, _, err) = run(&[
        "score",
        wb.to_str().unwrap(),
        "--sheet",
        "数据",
        "--framework",
        &fw,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("2023") && err.contains("warehouses"), "{err}");
    // The complete workbook scores directly, and the same as its imported survey.
    let full = write(dir.path(), "full.xlsx", &normal_workbook(false));
    let args = [
        "--sheet",
        "数据",
        "--framework",
        fw.as_str(),
        "--format",
        "json",
    ];
    let (code, direct, err) = run(&[&["score", full.to_str().unwrap()][..], &args].concat());
    assert_eq!(code, 0, "{err}");
    let out2 = dir.path().join("full.toml");
    let (code, _, err) = run(&[
        "import",
        full.to_str().unwrap(),
        "--sheet",
        "数据",
        "--framework",
        &fw,
        "-o",
        out2.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, via_toml, err) = run(&["score", out2.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let a: Value = serde_json::from_str(&direct).unwrap();
    let b: Value = serde_json::from_str(&via_toml).unwrap();
    assert_eq!(a["observations"], b["observations"]);
    assert_eq!(a["indicators"], b["indicators"]);
}

#[test]
fn transposed_panel_workbook_and_panel_output() {
    let dir = tempfile::tempdir().unwrap();
    let fw = textile();
    // The p4 panel CSV (地区/年份 columns, no label column), made complete.
    let csv = std::fs::read_to_string(format!("{DATA}/panel-zh.csv")).unwrap();
    let mut lines: Vec<String> = Vec::new();
    for (n, line) in csv.lines().enumerate() {
        let cells: Vec<String> = line
            .split(',')
            .enumerate()
            .map(|(c, x)| {
                if n > 0 && x.is_empty() {
                    format!("{}", 10 + c)
                } else {
                    x.to_string()
                }
            })
            .collect();
        lines.push(cells.join(","));
    }
    let p = write(dir.path(), "panel.csv", lines.join("\n").as_bytes());
    let out = dir.path().join("panel.toml");
    let (code, _, err) = run(&[
        "import",
        p.to_str().unwrap(),
        "--framework",
        &fw,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("label = \"南通 2021\"\nregion = \"南通\"\nperiod = 2021\n"),
        "{text}"
    );
    let (code, json, err) = run(&["score", out.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&json).unwrap();
    let o = &v["observations"][1];
    assert_eq!(
        (
            o["label"].as_str(),
            o["region"].as_str(),
            o["period"].as_i64()
        ),
        (Some("常熟 2021"), Some("常熟"), Some(2021))
    );
    let (code, text, _) = run(&["score", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(text.contains("Panel: 2 regions × 4 periods"), "{text}");
    assert!(
        text.contains("Period 2024") && text.contains("Trajectory of D per region"),
        "{text}"
    );
    let (code, report, err) = run(&["report", out.to_str().unwrap(), "--lang", "zh"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        report.contains("各时期地区排名") && report.contains("各地区 D 的变化轨迹"),
        "{report}"
    );
    // The same panel as an .xlsx read by the binary gives the same scores.
    let xlsx = dir.path().join("panel.xlsx");
    let (code, _, err) = run(&[
        "export",
        out.to_str().unwrap(),
        "-o",
        xlsx.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, json2, err) = run(&[
        "score",
        xlsx.to_str().unwrap(),
        "--framework",
        &fw,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let w: Value = serde_json::from_str(&json2).unwrap();
    assert_eq!(v["observations"], w["observations"]);
}

#[test]
fn yearbook_layout_with_years_across() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "指标").unwrap();
    for (c, y) in [2021, 2022].iter().enumerate() {
        s.write_number(0, c as u16 + 1, *y).unwrap();
    }
    s.write_string(1, 0, "纺织服装产值（亿元）").unwrap();
    s.write_string(1, 1, "1,000").unwrap();
    s.write_number(1, 2, 1100.5).unwrap();
    s.write_string(2, 0, "海外仓数量(个)").unwrap();
    s.write_number(2, 1, 12.0).unwrap();
    let wb = write(dir.path(), "yb.xlsx", &book.save_to_buffer().unwrap());
    let out = dir.path().join("yb.toml");
    let (code, _, err) = run(&[
        "import",
        wb.to_str().unwrap(),
        "--framework",
        &textile(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let got = survey_values(&out);
    assert_eq!(get(&got, "2021", "textile_output"), Some(1000.0));
    assert_eq!(get(&got, "2022", "textile_output"), Some(1100.5));
    assert_eq!(get(&got, "2021", "warehouses"), Some(12.0));
    assert_eq!(get(&got, "2022", "warehouses"), None);
}

#[test]
fn bad_workbooks_name_the_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let fw = textile();
    let check = |name: &str,
                 build: &dyn Fn(&mut rust_xlsxwriter::Worksheet),
                 sheet: Option<&str>,
                 want: &[&str]| {
        let mut book = Workbook::new();
        build(book.add_worksheet());
        let p = write(dir.path(), name, &book.save_to_buffer().unwrap());
        let out = dir.path().join(format!("{name}.toml"));
        let mut args = vec![
            "import",
            p.to_str().unwrap(),
            "--framework",
            fw.as_str(),
            "-o",
            out.to_str().unwrap(),
        ];
        if let Some(s) = sheet {
            args.extend(["--sheet", s]);
        }
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{name}: {err}");
        for w in want {
            assert!(err.contains(w), "{name}: `{w}` not in {err}");
        }
        assert!(!out.exists());
    };
    let head = |s: &mut rust_xlsxwriter::Worksheet| {
        s.write_string(0, 0, "label").unwrap();
        s.write_string(0, 1, "sellers").unwrap();
        s.write_number(1, 0, 2021).unwrap();
        s.write_number(1, 1, 5.0).unwrap();
    };
    check(
        "sheet.xlsx",
        &|s| head(s),
        Some("Nope"),
        &["Nope", "Sheet1"],
    );
    check(
        "dup.xlsx",
        &|s| {
            head(s);
            s.write_string(0, 2, "跨境电商卖家数（家）").unwrap();
        },
        None,
        &["Sheet1!C1", "Sheet1!B1"],
    );
    check(
        "unknown.xlsx",
        &|s| {
            head(s);
            s.write_string(0, 2, "selers").unwrap();
            s.write_number(1, 2, 1.0).unwrap();
        },
        None,
        &["Sheet1!C1", "sellers"],
    );
    check(
        "formula.xlsx",
        &|s| {
            head(s);
            s.write_number(2, 0, 2022).unwrap();
            s.write_formula(2, 1, Formula::new("=1/0").set_result("#DIV/0!"))
                .unwrap();
        },
        None,
        &["Sheet1!B3", "#DIV/0!"],
    );
    check(
        "date.xlsx",
        &|s| {
            head(s);
            let date = Format::new().set_num_format("yyyy-mm-dd");
            s.write_number(2, 0, 2022).unwrap();
            let d = ExcelDateTime::from_ymd(2022, 3, 1).unwrap();
            s.write_datetime_with_format(2, 1, &d, &date).unwrap();
        },
        None,
        &["Sheet1!B3", "date"],
    );
    check(
        "nolabel.xlsx",
        &|s| {
            s.write_string(0, 0, "sellers").unwrap();
            s.write_string(0, 1, "loans").unwrap();
            s.write_number(1, 0, 1.0).unwrap();
            s.write_number(1, 1, 2.0).unwrap();
        },
        None,
        &["Sheet1!A1", "label column"],
    );
}

#[test]
fn gbk_and_utf16_csv_are_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let fw = textile();
    let text =
        "年份,纺织服装产值（亿元）,海外仓数量（个）\r\n2021,\"1,000\",12\r\n2022,1100.5,\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    for (name, bytes) in [("gbk.csv", gbk.to_vec()), ("u16.csv", utf16)] {
        let p = write(dir.path(), name, &bytes);
        let out = dir.path().join(format!("{name}.toml"));
        let (code, _, err) = run(&[
            "import",
            p.to_str().unwrap(),
            "--framework",
            &fw,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{name}: {err}");
        let got = survey_values(&out);
        assert_eq!(get(&got, "2021", "textile_output"), Some(1000.0), "{name}");
        assert_eq!(get(&got, "2022", "textile_output"), Some(1100.5), "{name}");
        assert_eq!(get(&got, "2022", "warehouses"), None, "{name}");
        if name == "gbk.csv" {
            assert!(err.contains("warning"), "{err}");
        }
    }
    // Bytes that are no text at all are refused, naming the file.
    let p = write(dir.path(), "bin.csv", &[0x81, 0x20, 0xFF, 0x00, 0x9F]);
    let (code, _, err) = run(&["score", p.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bin.csv"), "{err}");
}

#[test]
fn export_then_import_round_trips_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/surveys/example-belt.toml");
    let before = survey_values(Path::new(example));
    for (file, lang) in [("e.csv", "en"), ("e.xlsx", "zh"), ("z.csv", "zh")] {
        let out = dir.path().join(file);
        let (code, _, err) = run(&[
            "export",
            example,
            "-o",
            out.to_str().unwrap(),
            "--lang",
            lang,
        ]);
        assert_eq!(code, 0, "{err}");
        if file.ends_with(".csv") {
            let bytes = std::fs::read(&out).unwrap();
            assert!(bytes.starts_with("\u{feff}".as_bytes()) && bytes.ends_with(b"\r\n"));
        }
        let back = dir.path().join(format!("{file}.toml"));
        let (code, _, err) = run(&[
            "import",
            out.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let after = survey_values(&back);
        assert_eq!(after.len(), before.len());
        for ((l1, v1), (l2, v2)) in before.iter().zip(&after) {
            assert_eq!(l1, l2);
            let mut a = v1.clone();
            let mut b = v2.clone();
            a.sort_by(|x, y| x.0.cmp(&y.0));
            b.sort_by(|x, y| x.0.cmp(&y.0));
            assert_eq!(a, b, "{file} {l1}");
        }
    }
    // import never overwrites an existing survey; export refuses what it cannot write.
    let (code, _, _) = run(&["import", example, "-o", example]);
    assert_eq!(code, 2);
    let (code, _, err) = run(&[
        "export",
        example,
        "-o",
        dir.path().join("x.docx").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains(".csv or .xlsx"), "{err}");
}

#[test]
fn new_writes_the_format_its_extension_names() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("t.csv");
    let (code, _, err) = run(&["new", "-o", csv.to_str().unwrap(), "--labels", "2021..2023"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("\u{feff}label,") && text.contains("\r\n2021,"),
        "{text}"
    );
    let xlsx = dir.path().join("t.xlsx");
    let (code, _, err) = run(&[
        "new",
        "-o",
        xlsx.to_str().unwrap(),
        "--labels",
        "2021..2023",
        "--lang",
        "zh",
    ]);
    assert_eq!(code, 0, "{err}");
    // Both templates read back as 3 observations with everything missing.
    for p in [&csv, &xlsx] {
        let (code, _, err) = run(&["validate", p.to_str().unwrap()]);
        assert_eq!(code, 2);
        assert!(
            err.contains("observation `2023` is missing 58 of 58 values"),
            "{err}"
        );
    }
    for bad in ["t.docx", "t.pdf", "t.txt", "t.ods"] {
        let (code, _, err) = run(&["new", "-o", dir.path().join(bad).to_str().unwrap()]);
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains(".toml, .csv or .xlsx"), "{bad}: {err}");
        assert!(!dir.path().join(bad).exists());
    }
}

#[test]
fn toml_text_numbers_and_panel_rules() {
    let dir = tempfile::tempdir().unwrap();
    let fw = textile();
    let head = format!("schema = 1\nframework = \"{fw}\"\ntitle = \"t\"\n");
    let p = write(
        dir.path(),
        "q.toml",
        format!("{head}[[observations]]\nlabel = \"2021\"\n[observations.values]\nsellers = \"1,234\"\nloans = \"１２．５\"\nenergy_per_output = \"0。5\"\n").as_bytes(),
    );
    let out = dir.path().join("q.csv");
    let (code, _, err) = run(&["export", p.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\r\n2021,1234,12.5,0.5,,,,,\r\n"), "{text}");
    let p = write(
        dir.path(),
        "bad.toml",
        format!(
            "{head}[[observations]]\nlabel = \"2021\"\n[observations.values]\nsellers = 55。7\n"
        )
        .as_bytes(),
    );
    let (code, _, err) = run(&["validate", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.toml:7:") && err.contains("sellers = 55.7"),
        "{err}"
    );
    let p = write(
        dir.path(),
        "panel.toml",
        format!("{head}[[observations]]\nregion = \"A\"\nperiod = 2021\n[[observations]]\nregion = \"A\"\nperiod = 2021\n[[observations]]\nlabel = \"x\"\nregion = \"\"\n[[observations]]\nlabel = \"y\"\n").as_bytes(),
    );
    let (code, _, err) = run(&["validate", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    for want in [
        "panel.toml:8:10",
        "period 2021 twice",
        "panel.toml:12:10",
        "region is empty",
        "panel.toml:13:1",
    ] {
        assert!(err.contains(want), "`{want}` not in {err}");
    }
}

mod roundtrip {
    use beltscope::model::sheet::{Input, Table, read_table, write_csv_named, write_xlsx};
    use beltscope::model::{Framework, Observation, Survey};
    use proptest::prelude::*;

    fn surveys() -> impl Strategy<Value = (Survey, bool)> {
        let fw = Framework::default_framework();
        let n = fw.indicators.len();
        (
            prop::collection::vec(
                prop::collection::vec(
                    prop::option::of(prop_oneof![
                        any::<i32>().prop_map(f64::from),
                        -1e12f64..1e12,
                        0.0f64..1.0
                    ]),
                    n,
                ),
                1..5,
            ),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(move |(rows, panel, zh)| {
                let fw = Framework::default_framework();
                let observations = rows
                    .iter()
                    .enumerate()
                    .map(|(r, row)| Observation {
                        label: if panel {
                            format!("地区{} {}", r % 2, 2020 + r)
                        } else {
                            format!("{}", 2020 + r)
                        },
                        region: panel.then(|| format!("地区{}", r % 2)),
                        period: panel.then_some(2020 + r as i64),
                        values: fw
                            .indicators
                            .iter()
                            .zip(row)
                            .filter_map(|(i, v)| v.map(|x| (i.id.clone(), x)))
                            .collect(),
                    })
                    .collect();
                (
                    Survey {
                        framework: fw.id.clone(),
                        observations,
                        ..Survey::default()
                    },
                    zh,
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn export_then_import_gives_every_value_back((s, zh) in surveys()) {
            let fw = Framework::default_framework();
            let t = Table::from_survey(&s, &fw, s.panel_keys());
            for (name, bytes) in [
                ("x.csv", write_csv_named(&t, &fw, zh)),
                ("x.xlsx", write_xlsx(&t, &fw, zh, false).unwrap()),
            ] {
                let (back, problems, _) = read_table(Input::Bytes { name, bytes: &bytes }, &fw, None);
                prop_assert!(problems.is_empty(), "{:?}", problems);
                let back = back.unwrap().to_survey(&fw);
                prop_assert_eq!(back.observations.len(), s.observations.len());
                for (a, b) in s.observations.iter().zip(&back.observations) {
                    prop_assert_eq!(&a.label, &b.label);
                    prop_assert_eq!(&a.region, &b.region);
                    prop_assert_eq!(a.period, b.period);
                    for ind in &fw.indicators {
                        prop_assert_eq!(a.values.get(&ind.id).map(|x| x.to_bits()), b.values.get(&ind.id).map(|x| x.to_bits()), "{}", ind.id);
                    }
                }
            }
        }
    }
}
