//! `beltscope report` writing Word documents and PNG charts, and the niche-overlap heat map of a
//! cross-section, end to end.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

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

/// The text of every `<w:t>` run of word/document.xml, which must parse as XML.
fn document_text(docx: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).expect("a .docx is a zip");
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    let doc = roxmltree::Document::parse(&xml).expect("document.xml parses");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn o_docx_writes_a_word_document_with_the_title() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.docx");
    beltscope()
        .args(["report"])
        .arg(example("example-belt.toml"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let text = document_text(&std::fs::read(&out).expect("written"));
    assert!(text.contains("Example county"), "{text}");
    // --format docx says the same, and the Chinese document has its Chinese headings.
    let zh = dir.path().join("报告.docx");
    beltscope()
        .args(["report", "--format", "docx", "--lang", "zh"])
        .arg(example("example-belt.toml"))
        .arg("-o")
        .arg(&zh)
        .assert()
        .success();
    assert!(document_text(&std::fs::read(&zh).expect("written")).contains("摘要"));
}

#[test]
fn format_docx_needs_a_file() {
    beltscope()
        .args(["report", "--format", "docx"])
        .arg(example("example-belt.toml"))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("-o FILE.docx"));
}

#[test]
fn unwritable_extensions_and_mismatches_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("x.pdf");
    beltscope()
        .args(["report"])
        .arg(example("example-belt.toml"))
        .arg("-o")
        .arg(&pdf)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".pdf"))
        .stderr(predicate::str::contains(".md"))
        .stderr(predicate::str::contains(".docx"));
    assert!(!pdf.exists());
    let md = dir.path().join("x.md");
    beltscope()
        .args(["report", "--format", "docx"])
        .arg(example("example-belt.toml"))
        .arg("-o")
        .arg(&md)
        .assert()
        .code(2);
    assert!(!md.exists());
    // --chart-format alone is a usage error: there is nowhere to write the charts.
    beltscope()
        .args(["report", "--chart-format", "png"])
        .arg(example("example-belt.toml"))
        .assert()
        .code(2);
}

#[test]
fn png_charts_are_written_and_linked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let charts = dir.path().join("charts");
    let out = dir.path().join("report.md");
    beltscope()
        .args(["report", "--chart-format", "png", "--charts"])
        .arg(&charts)
        .arg(example("example-belt.toml"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(&out).expect("report");
    for f in [
        "circle-scores.png",
        "trend.png",
        "dimension-obstacles.png",
        "dynamics-forecast.png",
    ] {
        let png = std::fs::read(charts.join(f)).expect("chart written");
        assert!(png.starts_with(PNG_SIGNATURE), "{f}");
        assert!(md.contains(&format!("](charts/{f})")), "{f} linked");
    }
    assert!(
        !md.contains(".svg)"),
        "no link to an SVG that was not written"
    );
    assert!(std::fs::read_dir(&charts).expect("dir").all(|e| {
        e.expect("entry")
            .path()
            .extension()
            .and_then(|x| x.to_str())
            == Some("png")
    }));
}

#[test]
fn a_cross_section_report_has_the_niche_heat_map() {
    let dir = tempfile::tempdir().expect("temp dir");
    let charts = dir.path().join("charts");
    let out = dir.path().join("regions.md");
    beltscope()
        .args(["report", "--charts"])
        .arg(&charts)
        .arg(example("example-belts-2024.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let svg = std::fs::read_to_string(charts.join("niche-overlap.svg")).expect("heat map");
    roxmltree::Document::parse(&svg).expect("the heat map parses");
    assert!(svg.contains("Niche overlap (Pianka) of the belts"));
    let md = std::fs::read_to_string(&out).expect("report");
    let dynamics = &md[md.find("Dynamics").expect("a Dynamics section")..];
    assert!(
        dynamics.contains("](charts/niche-overlap.svg)"),
        "{dynamics}"
    );
    // The Word document embeds it as a numbered figure with its caption.
    let docx = dir.path().join("regions.docx");
    beltscope()
        .args(["report"])
        .arg(example("example-belts-2024.csv"))
        .arg("-o")
        .arg(&docx)
        .assert()
        .success();
    let text = document_text(&std::fs::read(&docx).expect("written"));
    assert!(
        text.contains("Niche overlap (Pianka) of the belts"),
        "{text}"
    );
}

#[test]
fn a_panel_report_maps_the_latest_period() {
    let dir = tempfile::tempdir().expect("temp dir");
    let charts = dir.path().join("c");
    beltscope()
        .args(["report", "--format", "markdown", "--charts"])
        .arg(&charts)
        .arg(example("example-panel.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("niche-overlap.svg").count(1));
    let svg = std::fs::read_to_string(charts.join("niche-overlap.svg")).expect("heat map");
    assert!(svg.contains("of the belts, "), "titled with its period");
}

/// The `width` and `height` of an SVG chart's root element.
fn svg_size(svg: &str) -> (f64, f64) {
    let doc = roxmltree::Document::parse(svg).expect("the chart parses");
    let root = doc.root_element();
    let dim = |name: &str| -> f64 {
        root.attribute(name)
            .and_then(|v| v.parse().ok())
            .expect("a numeric size")
    };
    (dim("width"), dim("height"))
}

#[test]
fn many_belts_or_a_very_long_label_keep_the_pictures_small() {
    // 300 belts made a heat map 8,500 pixels square, 700 million pixels as a 300 dpi PNG (a Word
    // report of 505 belts took 133 s and 17 GB); a label of 3,000 characters made the trend
    // chart 12,000 pixels high.
    let regress = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/regress");
    let framework =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dynamics/framework.toml");
    for file in ["many-belts.csv", "long-label.csv"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let charts = dir.path().join("charts");
        beltscope()
            .args(["report", "--charts"])
            .arg(&charts)
            .arg(regress.join(file))
            .arg("--framework")
            .arg(&framework)
            .arg("-o")
            .arg(dir.path().join("r.md"))
            .assert()
            .success();
        for entry in std::fs::read_dir(&charts).expect("charts written") {
            let path = entry.expect("entry").path();
            let (w, h) = svg_size(&std::fs::read_to_string(&path).expect("svg"));
            assert!(w <= 2000.0 && h <= 2000.0, "{file}: {path:?} is {w}×{h}");
        }
        let docx = dir.path().join("r.docx");
        beltscope()
            .args(["report"])
            .arg(regress.join(file))
            .arg("--framework")
            .arg(&framework)
            .arg("-o")
            .arg(&docx)
            .timeout(std::time::Duration::from_secs(60))
            .assert()
            .success();
        let size = std::fs::metadata(&docx).expect("written").len();
        assert!(size < 5_000_000, "{file}: a {size}-byte document");
    }
}
