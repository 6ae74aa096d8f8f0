//! Spreadsheets and real CSVs in: workbooks made here with rust_xlsxwriter (both layouts,
//! Chinese headers, text numbers, percents, blanks, a panel, a named sheet), bad workbooks whose
//! errors name sheet and cell, GBK and UTF-16 CSV bytes, and the shared yearbook workbook.

use beltscope::diag::Problem;
use beltscope::model::Framework;
use beltscope::model::sheet::{Input, Table, read_table};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/workbooks");

fn framework(file: &str) -> Framework {
    let path = format!("{DATA}/{file}");
    let text = std::fs::read_to_string(&path).unwrap();
    Framework::parse(&path, &text).unwrap()
}

fn textile() -> Framework {
    framework("panel-framework.toml")
}

fn read(
    name: &str,
    bytes: &[u8],
    fw: &Framework,
    sheet: Option<&str>,
) -> (Option<Table>, Vec<Problem>, Vec<String>) {
    read_table(Input::Bytes { name, bytes }, fw, sheet)
}

fn ok(name: &str, bytes: &[u8], fw: &Framework, sheet: Option<&str>) -> Table {
    let (t, problems, _) = read(name, bytes, fw, sheet);
    assert!(
        problems.is_empty(),
        "{}",
        beltscope::diag::render(&problems)
    );
    t.unwrap()
}

fn places(problems: &[Problem]) -> Vec<String> {
    problems.iter().filter_map(Problem::place).collect()
}

/// The value of indicator `id` in row `r`.
fn value(t: &Table, fw: &Framework, r: usize, id: &str) -> Option<f64> {
    let i = fw.indicator_index(id).unwrap();
    let c = t.indicators.iter().position(|&x| x == i).unwrap();
    t.value(r, c)
}

#[test]
fn yearbook_imports_to_its_expected_values() {
    let fw = framework("framework.toml");
    let bytes = std::fs::read(format!("{DATA}/yearbook.xlsx")).unwrap();
    let t = ok("yearbook.xlsx", &bytes, &fw, None);
    assert!(t.transposed);
    let path = std::path::PathBuf::from(format!("{DATA}/yearbook.xlsx"));
    let (by_path, problems, _) = read_table(Input::Path(&path), &fw, Some("年鉴"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(by_path.unwrap().rows(), t.rows());
    let (_, problems, _) = read_table(
        Input::Path(std::path::Path::new("/nonexistent.xlsx")),
        &fw,
        None,
    );
    assert_eq!(problems.len(), 1);
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{DATA}/expected.json")).unwrap())
            .unwrap();
    let expected = expected.as_object().unwrap();
    let survey = t.to_survey(&fw);
    let labels: Vec<&str> = survey
        .observations
        .iter()
        .map(|o| o.label.as_str())
        .collect();
    assert_eq!(
        labels,
        expected.keys().map(String::as_str).collect::<Vec<_>>()
    );
    for obs in &survey.observations {
        let want = expected[&obs.label].as_object().unwrap();
        assert_eq!(obs.values.len(), want.len(), "{}", obs.label);
        for (id, v) in want {
            assert_eq!(
                obs.values.get(id).copied(),
                v.as_f64(),
                "{} {id}",
                obs.label
            );
        }
    }
}

#[test]
fn panel_csv_with_chinese_headers() {
    let fw = textile();
    let bytes = std::fs::read(format!("{DATA}/panel-zh.csv")).unwrap();
    let t = ok("data.csv", &bytes, &fw, None);
    assert_eq!(t.labels[0], "南通 2021");
    assert_eq!(t.labels.len(), 8);
    let panel = t.panel.as_ref().unwrap();
    assert_eq!((panel[3].region.as_str(), panel[3].period), ("常熟", 2022));
    assert_eq!(value(&t, &fw, 0, "cbec_share"), Some(18.9));
    assert_eq!(value(&t, &fw, 0, "loans"), None);
    assert_eq!(t.indicators.len(), 8);
}

#[test]
fn gbk_and_utf16_csv_bytes() {
    let fw = textile();
    let text = std::fs::read_to_string(format!("{DATA}/panel-zh.csv")).unwrap();
    let plain = ok("data.csv", text.as_bytes(), &fw, None);
    let (gbk, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    let (t, problems, warnings) = read("gbk.csv", &gbk, &fw, None);
    assert!(problems.is_empty());
    assert_eq!(t.unwrap().rows(), plain.rows());
    assert!(
        warnings.iter().any(|w| w.contains("GB18030")),
        "{warnings:?}"
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let t = ok("utf16.csv", &utf16, &fw, None);
    assert_eq!(t.labels, plain.labels);
    assert_eq!(t.rows(), plain.rows());
}

/// A normal-layout workbook with Chinese headers and units, text numbers, a percent cell, a
/// blank, on a second sheet named 数据.
fn normal_workbook() -> Vec<u8> {
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
        "CBEC share of exports (%)",
        "海外仓数量(个)",
    ];
    for (c, h) in head.iter().enumerate() {
        s.write_string(1, c as u16, *h).unwrap(); // row 1: the first row is blank
    }
    s.write_number(2, 0, 2022).unwrap();
    s.write_string(2, 1, "1,114.7").unwrap();
    s.write_string(2, 2, "２７４７").unwrap();
    s.write_number_with_format(2, 3, 0.207, &pct).unwrap();
    s.write_number(2, 4, 29).unwrap();
    s.write_number(3, 0, 2023).unwrap();
    s.write_number(3, 1, 1251.0).unwrap();
    s.write_string(3, 2, "3.5e3").unwrap();
    s.write_string(3, 3, "30.1%").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn normal_layout_named_sheet_text_numbers_and_percent() {
    let fw = textile();
    let bytes = normal_workbook();
    let t = ok("b.xlsx", &bytes, &fw, Some("数据"));
    assert!(!t.transposed);
    assert_eq!(t.labels, ["2022", "2023"]);
    assert_eq!(value(&t, &fw, 0, "textile_output"), Some(1114.7));
    assert_eq!(value(&t, &fw, 0, "sellers"), Some(2747.0));
    // 0.207 formatted as 20.7% in a `%` indicator reads as 20.7, exactly.
    assert_eq!(value(&t, &fw, 0, "cbec_share"), Some(20.7));
    assert_eq!(value(&t, &fw, 1, "cbec_share"), Some(30.1));
    assert_eq!(value(&t, &fw, 1, "warehouses"), None);
    // The first sheet holds no indicator header: the default sheet is refused, naming its cell.
    let (t, problems, _) = read("b.xlsx", &bytes, &fw, None);
    assert!(t.is_none());
    assert!(!problems.is_empty());
}

#[test]
fn unknown_sheet_lists_the_sheets() {
    let fw = textile();
    let (_, problems, _) = read("b.xlsx", &normal_workbook(), &fw, Some("Sheet9"));
    assert_eq!(problems.len(), 1);
    let msg = &problems[0].message;
    assert!(
        msg.contains("Sheet9") && msg.contains("`说明`") && msg.contains("`数据`"),
        "{msg}"
    );
}

#[test]
fn transposed_panel_and_fraction_warning() {
    let fw = textile();
    // Yearbook layout: indicators down, years across, with a blank column between.
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "指标").unwrap();
    s.write_number(0, 1, 2021).unwrap();
    s.write_number(0, 3, 2022).unwrap();
    s.write_string(1, 0, "cbec_share").unwrap();
    s.write_number(1, 1, 0.189).unwrap();
    s.write_number(1, 3, 0.203).unwrap();
    s.write_string(2, 0, "Overseas warehouses").unwrap();
    s.write_number(2, 1, 22).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (t, problems, warnings) = read("y.xlsx", &bytes, &fw, None);
    assert!(problems.is_empty(), "{problems:?}");
    let t = t.unwrap();
    assert!(t.transposed);
    assert_eq!(t.labels, ["2021", "2022"]);
    assert_eq!(value(&t, &fw, 1, "warehouses"), None);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("cbec_share") && w.contains("fractions")),
        "{warnings:?}"
    );

    // A panel: region and period anywhere, label column absent.
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    for (c, h) in ["region", "sellers", "period"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "A").unwrap();
    s.write_number(1, 1, 5).unwrap();
    s.write_number(1, 2, 2020).unwrap();
    s.write_string(2, 0, "A").unwrap();
    s.write_string(2, 2, "2021").unwrap();
    let t = ok("p.xlsx", &book.save_to_buffer().unwrap(), &fw, None);
    assert_eq!(t.labels, ["A 2020", "A 2021"]);
    assert_eq!(t.panel.unwrap()[1].period, 2021);
}

#[test]
fn bad_workbook_names_sheet_and_cell() {
    let fw = textile();
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in [
        "label",
        "sellers",
        "卖家数",
        "跨境电商卖家数（家）",
        "green_factory",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "2020").unwrap();
    s.write_formula(1, 1, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    let when = ExcelDateTime::from_ymd(2023, 3, 15).unwrap();
    s.write_datetime_with_format(2, 1, &when, &date).unwrap();
    s.write_string(2, 0, "2021").unwrap();
    s.write_string(3, 0, "2022").unwrap();
    s.write_string(3, 1, "n/a").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (t, problems, _) = read("bad.xlsx", &bytes, &fw, None);
    assert!(t.is_none());
    let at = places(&problems);
    let text = beltscope::diag::render(&problems);
    // C1 is unknown, D1 repeats B1's indicator, E1 is a near miss; B2 #DIV/0!, B3 a date, B4 text.
    for cell in [
        "Sheet1!C1",
        "Sheet1!D1",
        "Sheet1!E1",
        "Sheet1!B2",
        "Sheet1!B3",
        "Sheet1!B4",
    ] {
        assert!(
            at.iter().any(|p| p == &format!("bad.xlsx:{cell}")),
            "{cell} in {at:?}\n{text}"
        );
    }
    assert_eq!(problems.len(), 6, "{text}");
    assert!(
        text.contains("Sheet1!B1"),
        "the duplicate names both cells:\n{text}"
    );
    assert!(
        text.contains("#DIV/0!") && text.contains("2023-03-15"),
        "{text}"
    );
    assert!(text.contains("did you mean `green_factories`"), "{text}");
}

#[test]
fn missing_label_column_is_one_error() {
    let fw = textile();
    let csv = "sellers,warehouses\n1,2\n3,4\n5,6\n";
    let (t, problems, _) = read("m.csv", csv.as_bytes(), &fw, None);
    assert!(t.is_none());
    assert_eq!(places(&problems), ["m.csv:1:1"], "{problems:?}");
    assert!(problems[0].message.contains("label column is missing"));
}

#[test]
fn duplicate_labels_and_bad_text_in_csv() {
    let fw = textile();
    let csv = "label,sellers,cbec_share\n2020,1;2,\n2020,,inf\n";
    let (_, problems, _) = read("d.csv", csv.as_bytes(), &fw, None);
    assert_eq!(places(&problems), ["d.csv:2:6", "d.csv:3:1", "d.csv:3:7"]);
}

#[test]
fn legacy_excel_and_opendocument_read_as_the_csv_they_were_made_from() {
    // `legacy/make.py` wrote the 8 belts of `surveys/example-belts-2024.csv` as an Excel 97-2003
    // .xls (indicator ids) and an OpenDocument .ods (Chinese names, sheet `数据`): the scores
    // must be the CSV's to the last digit.
    let score = |file: &str| {
        let out = assert_cmd::Command::cargo_bin("beltscope")
            .unwrap()
            .args(["score", file, "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let csv = score(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/surveys/example-belts-2024.csv"
    ));
    for file in ["belts.xls", "belts.ods"] {
        let legacy = score(&format!("{DATA}/legacy/{file}"));
        assert!(legacy == csv, "{file} scores differently from the CSV");
    }
}

/// A sheet `Data` with a year and a value, and one more value at `(row, col)`.
fn table_with_a_value_at(row: u32, col: u16) -> Vec<u8> {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("Data").unwrap();
    s.write_string(0, 0, "year").unwrap();
    s.write_string(0, 1, "sellers").unwrap();
    s.write_number(1, 0, 2024).unwrap();
    s.write_number(1, 1, 5).unwrap();
    s.write_number(row, col, 1).unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_stray_cell_at_the_sheets_far_corner_is_named() {
    // One value at XFD1048576 beside a small table: laid out, the sheet is 17 billion cells.
    let fw = textile();
    let far = table_with_a_value_at(1_048_575, 16_383);
    let (t, problems, _) = read("stray.xlsx", &far, &fw, None);
    assert!(t.is_none());
    let text = beltscope::diag::render(&problems);
    assert!(
        text.contains("span A1:XFD1048576 (17179869184 cells, 5 of them filled)"),
        "{text}"
    );
    assert!(text.contains("`Data!XFD1048576` a stray one?"), "{text}");

    // A stray value within reach is read like any other cell (here: data under no header).
    let near = table_with_a_value_at(1, 300);
    let (_, problems, _) = read("near.xlsx", &near, &fw, None);
    let text = beltscope::diag::render(&problems);
    assert!(!problems.is_empty() && !text.contains("stray"), "{text}");
}
