//! The assessment report through the library: golden files for both example surveys
//! in both formats and languages, line widths, figures against the JSON contract, and the SVGs.

use std::path::{Path, PathBuf};

use beltscope::cli::Lang;
use beltscope::engine::{Assessment, MethodSpec};
use beltscope::files::{Input, load_input};
use beltscope::report::{self, ChartLinks, ReportFormat, ReportOptions, svg};
use beltscope::textfmt::width;
use serde_json::Value;

const DATE: &str = "2025-01-01";

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("surveys")
        .join(name)
}

fn load(name: &str) -> (Input, Assessment) {
    let input = load_input(&example(name), None).expect("example survey loads");
    let a = input
        .assess(&MethodSpec::default())
        .expect("example survey scores");
    (input, a)
}

fn opts(input: &Input, a: &Assessment, format: ReportFormat, lang: Lang) -> ReportOptions {
    ReportOptions {
        format,
        lang,
        focus: input.focus(a, &MethodSpec::default()),
        generated: DATE.into(),
        charts: None,
        width: beltscope::report::WIDTH,
        sensitivity: None,
    }
}

fn render(name: &str, format: ReportFormat, lang: Lang) -> String {
    let (input, a) = load(name);
    report::render(&input, &a, &opts(&input, &a, format, lang))
}

const EXAMPLES: [&str; 2] = ["example-belt.toml", "example-belts-2024.csv"];

#[test]
fn golden_reports() {
    for ex in EXAMPLES {
        let stem = ex.split('.').next().unwrap_or(ex);
        for (format, fname) in [(ReportFormat::Text, "txt"), (ReportFormat::Markdown, "md")] {
            for (lang, lname) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
                let text = render(ex, format, lang);
                insta::assert_snapshot!(format!("{stem}.{lname}.{fname}"), text);
            }
        }
    }
}

#[test]
fn text_reports_fit_in_100_columns() {
    for ex in EXAMPLES {
        for lang in [Lang::En, Lang::Zh] {
            let text = render(ex, ReportFormat::Text, lang);
            for (n, line) in text.lines().enumerate() {
                assert!(
                    width(line) <= report::WIDTH,
                    "{ex} {lang:?} line {} is {} columns wide:\n{line}",
                    n + 1,
                    width(line)
                );
            }
        }
    }
}

#[test]
fn sections_come_in_order() {
    for ex in EXAMPLES {
        let md = render(ex, ReportFormat::Markdown, Lang::En);
        let heads: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
        // Both examples have dynamics: a time series and a cross-section of belts.
        assert_eq!(heads.len(), 9, "{heads:?}");
        for (k, h) in heads.iter().take(8).enumerate() {
            assert!(h.starts_with(&format!("## {}. ", k + 1)), "{h}");
        }
        assert!(heads[8].starts_with("## Appendix"));
        let zh = render(ex, ReportFormat::Markdown, Lang::Zh);
        assert!(zh.contains("## 1. 摘要"));
    }
}

/// The cells of the Markdown table that follows the line `heading`, as rows of trimmed strings.
fn md_table(md: &str, heading: &str) -> Vec<Vec<String>> {
    let start = md.find(heading).unwrap_or_else(|| panic!("no `{heading}`"));
    md[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect()
        })
        .collect()
}

fn r3(v: &Value) -> String {
    format!("{:.3}", v.as_f64().expect("a number"))
}

fn pct(v: &Value) -> String {
    format!("{:.1}%", v.as_f64().expect("a number") * 100.0)
}

#[test]
fn every_figure_is_the_json_figure_rounded() {
    for ex in EXAMPLES {
        let (input, a) = load(ex);
        let json = beltscope::output::to_json(&input.framework, &a);
        let o = opts(&input, &a, ReportFormat::Markdown, Lang::En);
        let md = report::render(&input, &a, &o);
        let obs = json["observations"].as_array().expect("observations");

        // Coupling coordination table: C, T, D and level of every observation.
        let rows = md_table(&md, "## 5. Coupling coordination");
        assert_eq!(rows.len(), obs.len());
        for (row, ob) in rows.iter().zip(obs) {
            assert_eq!(row[0], ob["label"].as_str().unwrap_or_default());
            assert_eq!(row[1], r3(&ob["coupling"]), "C of {}", row[0]);
            assert_eq!(row[2], r3(&ob["coordination"]), "T of {}", row[0]);
            assert_eq!(row[3], r3(&ob["degree"]), "D of {}", row[0]);
            assert_eq!(
                row[4],
                format!(
                    "{} {}",
                    ob["level"],
                    ob["level_name"].as_str().unwrap_or_default()
                )
            );
            let lagging: Vec<&str> = ob["lagging"]
                .as_array()
                .map(|l| l.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let cell = if lagging.is_empty() {
                "-".to_string()
            } else {
                lagging.join(", ")
            };
            assert_eq!(row[5], cell);
        }

        // Circle scores table.
        let rows = md_table(&md, "### Circle scores U");
        for (row, ob) in rows.iter().zip(obs) {
            for (k, c) in input.framework.circles.iter().enumerate() {
                assert_eq!(row[1 + k], r3(&ob["circles"][&c.id]), "{} {}", row[0], c.id);
            }
        }

        // Appendix C: entropy and weight of every indicator.
        let rows = md_table(&md, "### C. Entropy");
        let inds = json["indicators"].as_array().expect("indicators");
        assert_eq!(rows.len(), inds.len());
        for (row, ind) in rows.iter().zip(inds) {
            assert_eq!(row[0], ind["id"].as_str().unwrap_or_default());
            assert_eq!(row[1], r3(&ind["entropy"]), "e of {}", row[0]);
            assert_eq!(row[3], r3(&ind["weight"]), "w of {}", row[0]);
        }

        // Diagnosis: dimension obstacle degrees of the focus observation, as percent.
        let focus = &obs[o.focus];
        let rows = md_table(&md, "### Dimensions");
        assert_eq!(rows.len(), input.framework.dimensions.len());
        for row in &rows {
            let d = input
                .framework
                .dimensions
                .iter()
                .find(|d| row[0] == beltscope_short(&d.name))
                .unwrap_or_else(|| panic!("dimension `{}`", row[0]));
            assert_eq!(row[1], r3(&focus["dimensions"][&d.id]));
            assert_eq!(row[2], pct(&focus["obstacles"]["dimensions"][&d.id]));
        }

        // Summary sentence: the focus observation's D.
        assert!(md.contains(&format!("D = {},", r3(&focus["degree"]))));
    }
}

/// The report's table names: the name without its parenthesised explanation.
fn beltscope_short(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name).trim()
}

#[test]
fn every_svg_parses_with_its_title_and_series_labels() {
    for ex in EXAMPLES {
        let (input, a) = load(ex);
        for lang in [Lang::En, Lang::Zh] {
            let o = opts(&input, &a, ReportFormat::Markdown, lang);
            let charts = svg::charts(&input, &a, &o);
            assert_eq!(charts.len(), 3);
            for chart in &charts {
                let doc = roxmltree::Document::parse(&chart.svg)
                    .unwrap_or_else(|e| panic!("{} ({ex}, {lang:?}): {e}", chart.file));
                let root = doc.root_element();
                assert_eq!(root.tag_name().name(), "svg");
                let title = root
                    .children()
                    .find(|n| n.has_tag_name("title"))
                    .and_then(|n| n.text());
                assert_eq!(title, Some(chart.title.as_str()), "{}", chart.file);
                let texts: Vec<&str> = doc
                    .descendants()
                    .filter(|n| n.has_tag_name("text"))
                    .filter_map(|n| n.text())
                    .collect();
                assert!(texts.contains(&chart.title.as_str()), "visible title");
                assert!(!chart.series.is_empty());
                for label in &chart.series {
                    assert!(
                        texts.contains(&label.as_str()),
                        "{}: series `{label}` not in the legend",
                        chart.file
                    );
                }
                // Axis labels.
                assert!(texts.len() >= 5, "{}", chart.file);
                let font = root.attribute("font-family").unwrap_or_default();
                assert!(font.contains("Noto Sans CJK SC") && font.contains("sans-serif"));
            }
            if lang == Lang::Zh {
                assert!(charts[0].svg.contains("核心圈"));
                assert!(charts[2].svg.contains("障碍度"));
            }
        }
    }
}

/// A copy of the regions example with hostile labels, for escaping checks.
fn hostile_input() -> (Input, Assessment, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(example("example-belts-2024.csv")).expect("example");
    let text = text
        .replacen(
            "Hexi home textiles",
            "\"Hexi <home> & \"\"textiles\"\" | *belt*\"",
            1,
        )
        .replacen("Shuikou wigs", "Shuikou 'wigs' & hair", 1);
    let path = dir.path().join("hostile.csv");
    std::fs::write(&path, text).expect("write");
    let input = load_input(&path, None).expect("hostile csv loads");
    let a = input.assess(&MethodSpec::default()).expect("scores");
    (input, a, dir)
}

#[test]
fn labels_are_escaped_in_svg_and_markdown() {
    let (input, a, _dir) = hostile_input();
    let o = opts(&input, &a, ReportFormat::Markdown, Lang::En);
    for chart in svg::charts(&input, &a, &o) {
        let doc = roxmltree::Document::parse(&chart.svg).expect("valid XML");
        let all: String = doc.descendants().filter_map(|n| n.text()).collect();
        if chart.file == svg::TREND_FILE {
            assert!(all.contains("Hexi <home> & \"textiles\" | *belt*"));
        }
        assert!(all.contains("Shuikou 'wigs' & hair"));
    }
    let md = report::render(&input, &a, &o);
    assert!(md.contains(r#"Hexi \<home\> & "textiles" \| \*belt\*"#));
    // Markdown tables keep their column count despite the `|` in a label.
    let rows = md_table(&md, "## 5. Coupling coordination");
    assert!(rows.iter().all(|r| r.len() == 6), "{rows:?}");
}

#[test]
fn a_zero_circle_is_explained_in_words() {
    let (mut input, _) = load("example-belt.toml");
    let fw = input.framework.clone();
    // Put every outer-circle indicator of the first observation at its worst value.
    let outer = fw
        .circles
        .iter()
        .position(|c| c.id == "outer")
        .expect("outer circle");
    let obs = &mut input.doc.survey.observations;
    for ind in fw.indicators.iter().filter(|i| i.circle == outer) {
        let values: Vec<f64> = obs
            .iter()
            .filter_map(|o| o.values.get(&ind.id).copied())
            .collect();
        // A scale indicator is normalized on its scale, so its worst is the scale's end.
        let worst = match (ind.scale, ind.direction) {
            (Some((a, _)), beltscope::model::Direction::Positive) => a as f64,
            (Some((_, b)), beltscope::model::Direction::Negative) => b as f64,
            (None, beltscope::model::Direction::Positive) => {
                values.iter().cloned().fold(f64::INFINITY, f64::min)
            }
            (None, beltscope::model::Direction::Negative) => {
                values.iter().cloned().fold(f64::NEG_INFINITY, f64::max)
            }
        };
        obs[0].values.insert(ind.id.clone(), worst);
    }
    let spec = MethodSpec {
        focus: Some("2019".into()),
        ..Default::default()
    };
    let a = input.assess(&spec).expect("scores");
    assert_eq!(a.circles(0)[outer], 0.0);
    let mut o = opts(&input, &a, ReportFormat::Text, Lang::En);
    o.focus = input.focus(&a, &spec);
    assert_eq!(o.focus, 0);
    let text = report::render(&input, &a, &o);
    let summary = &text[..text.find("2. Method").expect("method section")];
    let summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(summary.contains("scores U = 0 because every one of its indicators is at the worst"));
    assert!(summary.contains("C = 0"));
    assert!(summary.contains("D = √(C·T) = 0"));
    assert!(summary.contains("2019 is the first observation"));
    o.lang = Lang::Zh;
    o.format = ReportFormat::Markdown;
    let zh = report::render(&input, &a, &o);
    assert!(zh.contains("耦合度 C 就为 0"));
}

#[test]
fn markdown_links_the_charts() {
    let (input, a) = load("example-belt.toml");
    let mut o = opts(&input, &a, ReportFormat::Markdown, Lang::En);
    o.charts = Some(ChartLinks {
        dir: "charts".into(),
        format: report::ChartFormat::Svg,
    });
    let md = report::render(&input, &a, &o);
    for file in [svg::CIRCLES_FILE, svg::TREND_FILE, svg::OBSTACLES_FILE] {
        assert!(md.contains(&format!("](charts/{file})")), "{file}");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let written = report::write_charts(&dir.path().join("charts"), &input, &a, &o).expect("write");
    assert_eq!(written.len(), 3);
    assert!(written.iter().all(|p| p.exists()));
}
