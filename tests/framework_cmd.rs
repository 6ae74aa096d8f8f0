//! `beltscope framework` in its four formats, and the generated indicator reference
//! `docs/indicators.md`, which must equal what the tool prints for the embedded framework.

use std::path::Path;

use assert_cmd::Command;
use beltscope::model::Framework;
use beltscope::model::csv::records;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn framework(args: &[&str]) -> String {
    let out = Command::cargo_bin("beltscope")
        .unwrap()
        .current_dir(root())
        .arg("framework")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn docs_indicators_md_is_the_generated_reference() {
    let generated = framework(&["--format", "markdown"]);
    let committed = std::fs::read_to_string(root().join("docs/indicators.md")).unwrap();
    assert!(
        committed.replace("\r\n", "\n") == generated,
        "docs/indicators.md is out of date: run \
         `cargo run -- framework --format markdown > docs/indicators.md`"
    );
    // Every indicator is there with its definition, unit and source in both languages.
    let fw = Framework::default_framework();
    for i in &fw.indicators {
        for text in [
            Some(&i.description),
            i.description_zh.as_ref(),
            Some(&i.source),
            i.source_zh.as_ref(),
            i.name_zh.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            assert!(generated.contains(text.as_str()), "{}: {text}", i.id);
        }
        assert!(generated.contains(&format!("(`{}`)", i.id)), "{}", i.id);
    }
    assert!(generated.contains("- **Unit · 单位**: per 100 firms · 家/百家"));
    assert!(generated.contains("## 3 Outer circle (environment) · 外围圈 (`outer`)"));
    assert!(generated.contains("### 2.1 Logistics platform"));
    assert!(generated.contains("- **Lead · 牵头部门**: Commerce bureau · 商务局"));
}

#[test]
fn csv_is_for_excel_one_row_per_indicator() {
    let text = framework(&["--format", "csv"]);
    assert!(text.starts_with('\u{feff}'), "a BOM, so Excel reads UTF-8");
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "CRLF only"
    );
    let rows = records(&text);
    assert_eq!(rows.len(), 1 + 58);
    let head: Vec<&str> = rows[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        &head[..4],
        ["circle", "circle_name", "circle_name_zh", "dimension"]
    );
    assert!(rows.iter().all(|r| r.len() == head.len()));
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| r[col("id")].text == "little_giant_density")
        .unwrap();
    assert_eq!(row[col("unit_zh")].text, "家/百家");
    assert_eq!(row[col("dimension")].text, "manufacturing");
    assert_eq!(row[col("bounds_upper")].text, "25");
    assert_eq!(row[col("max")].text, "", "no upper limit: an empty cell");
    let rating = rows
        .iter()
        .find(|r| r[col("id")].text == "policy_rating")
        .unwrap();
    assert_eq!(
        (
            rating[col("scale_min")].text.as_str(),
            rating[col("scale_max")].text.as_str()
        ),
        ("1", "5")
    );
    // Descriptions hold commas: quoted, and read back whole.
    let fw = Framework::default_framework();
    assert_eq!(row[col("description")].text, fw.indicators[2].description);
}

#[test]
fn json_has_every_field() {
    let v: Value = serde_json::from_str(&framework(&["--format", "json"])).unwrap();
    assert_eq!(v["id"], "cbec-belt");
    assert_eq!(v["version"], "2.0.0");
    let inds = v["indicators"].as_array().unwrap();
    assert_eq!(inds.len(), 58);
    let keys: Vec<&str> = inds[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "dimension",
            "circle",
            "name",
            "name_zh",
            "unit",
            "unit_zh",
            "direction",
            "description",
            "description_zh",
            "source",
            "source_zh",
            "bounds",
            "min",
            "max",
            "scale",
            "weight"
        ]
    );
    assert_eq!(inds[0]["bounds"], serde_json::json!([0.5, 20.0]));
    assert_eq!(v["dimensions"].as_array().unwrap().len(), 15);
    let cm = &v["countermeasures"][0];
    assert_eq!(cm["id"], "core_alliance");
    assert_eq!(cm["lead_zh"], "商务局");
    assert_eq!(cm["dimensions"][0], "manufacturing");
    assert_eq!(cm["targets"][0], "cbec_firm_share");
    assert_eq!(v["circles"][0]["beta"].as_f64(), Some(1.0 / 3.0));
}

#[test]
fn the_tree_shows_chinese_units_and_the_old_framework_is_embedded() {
    let zh = framework(&["--lang", "zh"]);
    assert!(
        zh.contains("每百家规上企业中专精特新中小企业数 [little_giant_density] (家/百家)"),
        "{zh}"
    );
    assert!(
        zh.contains("3 个圈层，15 个维度，58 个指标，14 条对策"),
        "{zh}"
    );
    let en = framework(&[]);
    assert!(
        en.contains("[little_giant_density] (per 100 firms)"),
        "{en}"
    );
    let old = framework(&["cbec-belt-1"]);
    assert!(old.contains("cbec-belt-1 1.0.0"), "{old}");
    assert!(old.contains("[overseas_warehouses]"), "{old}");
    assert!(old.contains("42 indicators"), "{old}");
}
