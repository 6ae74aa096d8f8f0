//! Writing tables to CSV and `.xlsx`, and reading them back: every value exactly.

use beltscope::model::Framework;
use beltscope::model::sheet::{Input, PanelKey, Table, read_table, write_csv, write_xlsx};
use calamine::{Reader, open_workbook_auto_from_rs};
use proptest::prelude::*;

fn read_back(name: &str, bytes: &[u8], fw: &Framework) -> Table {
    let (t, problems, _) = read_table(Input::Bytes { name, bytes }, fw, None);
    assert!(
        problems.is_empty(),
        "{}",
        beltscope::diag::render(&problems)
    );
    t.unwrap()
}

fn sample(fw: &Framework) -> Table {
    let n = fw.indicators.len();
    let mut values = vec![vec![None; n]; 2];
    values[0][0] = Some(0.1);
    values[0][1] = Some(1234.5);
    values[1][0] = Some(-3.0);
    values[1][n - 1] = Some(1e-7);
    Table::new(
        vec!["2019".into(), "Region, \"A\"".into()],
        None,
        (0..n).collect(),
        values,
    )
}

#[test]
fn csv_has_bom_crlf_and_integer_labels() {
    let fw = Framework::default_framework();
    let t = sample(&fw);
    let bytes = write_csv(&t, &fw);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("\u{feff}label,"));
    assert!(text.contains("\r\n2019,0.1,1234.5,"));
    assert!(text.contains("\r\n\"Region, \"\"A\"\"\",-3,"));
    assert_eq!(text.matches("\r\n").count(), 3);
    assert!(!text.replace("\r\n", "").contains('\n'));
    let back = read_back("t.csv", &bytes, &fw);
    assert_eq!(
        (back.labels.clone(), back.rows(), back.indicators.clone()),
        (t.labels.clone(), t.rows(), t.indicators.clone())
    );
}

#[test]
fn xlsx_round_trips_in_both_languages_and_template_describes_indicators() {
    let fw = Framework::default_framework();
    let t = sample(&fw);
    for zh in [false, true] {
        let bytes = write_xlsx(&t, &fw, zh, true).unwrap();
        let back = read_back("t.xlsx", &bytes, &fw);
        assert_eq!(back.labels, t.labels);
        assert_eq!(back.rows(), t.rows());
        assert_eq!(back.indicators, t.indicators);
        let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        let second = if zh { "指标说明" } else { "Indicators" };
        assert_eq!(names[1], second);
        let range = book.worksheet_range(second).unwrap();
        assert_eq!(range.height(), fw.indicators.len() + 1);
        let first = &fw.indicators[0];
        assert_eq!(range.get((1, 0)).unwrap().to_string(), first.id);
        assert_eq!(range.get((1, 4)).unwrap().to_string(), first.unit);
    }
}

#[test]
fn blank_template_reads_back_as_all_missing() {
    let fw = Framework::default_framework();
    let t = Table::blank(&fw, vec!["2023".into(), "2024".into()]);
    let bytes = write_xlsx(&t, &fw, true, true).unwrap();
    let back = read_back("blank.xlsx", &bytes, &fw);
    assert_eq!(back.labels, ["2023", "2024"]);
    assert!(back.rows().iter().flatten().all(Option::is_none));
    assert_eq!(back.indicators.len(), fw.indicators.len());
}

#[test]
fn survey_to_table_keeps_its_order_then_adds_the_rest() {
    let fw = Framework::default_framework();
    let second = fw.indicators[1].id.clone();
    let text = format!("label,{second}\n2020,5\n");
    let survey = beltscope::model::SurveyDoc::parse("s.csv", &text)
        .unwrap()
        .survey;
    let t = Table::from_survey(&survey, &fw, None);
    assert_eq!(t.indicators[..2], [1, 0]);
    assert_eq!(t.value(0, 0), Some(5.0));
    assert_eq!(
        t.to_survey(&fw).observations[0].values.get(&second),
        Some(&5.0)
    );
}

fn tables() -> impl Strategy<Value = Table> {
    let fw = Framework::default_framework();
    let n = fw.indicators.len().min(6);
    let value = prop_oneof![
        Just(None),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(Some),
        (-1_000_000i64..1_000_000, 0u32..6)
            .prop_map(|(m, e)| Some(m as f64 / 10f64.powi(e as i32))),
    ];
    let label = prop_oneof![
        "[A-Za-z\u{4e00}-\u{4e10}][A-Za-z0-9 ,\"\u{4e00}-\u{4e10}]{0,6}[a-z]",
        (1900i64..2100).prop_map(|y| y.to_string())
    ];
    (
        prop::collection::vec((label, prop::collection::vec(value, n)), 1..5),
        any::<bool>(),
    )
        .prop_map(move |(rows, panel)| {
            let mut labels: Vec<String> = Vec::new();
            let mut values = Vec::new();
            for (l, v) in rows {
                if !labels.contains(&l) {
                    labels.push(l);
                    values.push(v);
                }
            }
            let panel = panel.then(|| {
                (0..labels.len())
                    .map(|i| PanelKey {
                        region: format!("地区{}", i % 2),
                        period: 2000 + i as i64,
                    })
                    .collect()
            });
            Table::new(labels, panel, (0..n).collect(), values)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn export_then_read_round_trips_every_value(t in tables()) {
        let fw = Framework::default_framework();
        let csv = write_csv(&t, &fw);
        let xlsx = write_xlsx(&t, &fw, false, false).unwrap();
        for (name, bytes) in [("p.csv", csv), ("p.xlsx", xlsx)] {
            let back = read_back(name, &bytes, &fw);
            prop_assert_eq!(&back.labels, &t.labels);
            prop_assert_eq!(&back.panel, &t.panel);
            prop_assert_eq!(&back.indicators, &t.indicators);
            // Bit for bit: the same number, not merely a close one.
            let bits = |v: &Vec<Vec<Option<f64>>>| -> Vec<Option<u64>> {
                v.iter().flatten().map(|x| x.map(f64::to_bits)).collect()
            };
            prop_assert_eq!(bits(&back.rows()), bits(&t.rows()), "{}", name);
        }
    }
}
