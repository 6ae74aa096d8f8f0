//! The Word report and the PNG charts: both example surveys in both languages, unzipped and
//! read back as XML — headings, repeated table headers, pictures, fonts, and every figure of
//! the text report; PNG sizes; and, when LibreOffice is installed, a conversion to PDF.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use beltscope::cli::Lang;
use beltscope::engine::{Assessment, MethodSpec};
use beltscope::files::{Input, load_input};
use beltscope::report::{self, ChartFormat, ReportFormat, ReportOptions, svg};
use resvg::tiny_skia::Pixmap;

const EXAMPLES: [&str; 2] = ["example-belt.toml", "example-belts-2024.csv"];
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn load(name: &str) -> (Input, Assessment) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("surveys")
        .join(name);
    let input = load_input(&path, None).expect("example survey loads");
    let a = input
        .assess(&MethodSpec::default())
        .expect("example scores");
    (input, a)
}

fn opts(input: &Input, a: &Assessment, format: ReportFormat, lang: Lang) -> ReportOptions {
    ReportOptions {
        format,
        lang,
        focus: input.focus(a, &MethodSpec::default()),
        generated: "2025-01-01".into(),
        charts: None,
        width: report::WIDTH,
        sensitivity: None,
    }
}

/// Every file of a zip archive by name.
fn unzip(bytes: &[u8]) -> HashMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("docx is a zip");
    let mut out = HashMap::new();
    for k in 0..z.len() {
        let mut f = z.by_index(k).expect("zip entry");
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("zip entry reads");
        out.insert(f.name().expect("entry name").to_string(), data);
    }
    out
}

fn text(files: &HashMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        files
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .clone(),
    )
    .expect("utf-8 part")
}

/// Decimal figures as the report prints them: 0.123, 45.6%, −0.012, +0.004.
fn figures(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        if chars[k].is_ascii_digit() && (k == 0 || !chars[k - 1].is_ascii_alphanumeric()) {
            let start = k;
            while k < chars.len() && (chars[k].is_ascii_digit() || chars[k] == '.') {
                k += 1;
            }
            let tok: String = chars[start..k].iter().collect();
            let tok = tok.trim_end_matches('.').to_string();
            if tok.contains('.') {
                out.push(tok);
            }
        } else {
            k += 1;
        }
    }
    out
}

struct Docx {
    files: HashMap<String, Vec<u8>>,
    document: String,
}

fn docx(name: &str, lang: Lang) -> (Docx, String) {
    let (input, a) = load(name);
    let o = opts(&input, &a, ReportFormat::Docx, lang);
    let out = report::render_docx(&input, &a, &o).expect("docx renders");
    let text_report = report::render(&input, &a, &opts(&input, &a, ReportFormat::Text, lang));
    let files = unzip(&out.bytes);
    let document = text(&files, "word/document.xml");
    (Docx { files, document }, text_report)
}

#[test]
fn docx_reports_have_word_structure() {
    for ex in EXAMPLES {
        for lang in [Lang::En, Lang::Zh] {
            let (d, text_report) = docx(ex, lang);
            let doc = roxmltree::Document::parse(&d.document).expect("document.xml parses");
            let styles: Vec<&str> = doc
                .descendants()
                .filter(|n| n.has_tag_name((W, "pStyle")))
                .filter_map(|n| n.attribute((W, "val")))
                .collect();
            assert!(styles.contains(&"Title"), "{ex} {lang:?}: no title");
            let h1 = styles.iter().filter(|s| **s == "Heading1").count();
            assert!(h1 >= 8, "{ex} {lang:?}: {h1} Heading1 paragraphs");
            assert!(styles.contains(&"Heading2"), "{ex} {lang:?}: no Heading2");
            assert!(styles.contains(&"Caption"), "{ex} {lang:?}: no captions");

            // Tables: each report table has a first row marked as a repeating header.
            let tables: Vec<_> = doc
                .descendants()
                .filter(|n| n.has_tag_name((W, "tbl")))
                .collect();
            let with_header = tables
                .iter()
                .filter(|t| {
                    t.children()
                        .find(|c| c.has_tag_name((W, "tr")))
                        .is_some_and(|tr| {
                            tr.descendants().any(|x| x.has_tag_name((W, "tblHeader")))
                        })
                })
                .count();
            assert!(
                with_header >= 8,
                "{ex} {lang:?}: {with_header} tables with a header row"
            );

            // Pictures: every r:embed resolves through the relationships to a PNG.
            let rels = text(&d.files, "word/_rels/document.xml.rels");
            let rels = roxmltree::Document::parse(&rels).expect("rels parse");
            let target: HashMap<&str, &str> = rels
                .descendants()
                .filter(|n| n.has_tag_name("Relationship"))
                .filter_map(|n| Some((n.attribute("Id")?, n.attribute("Target")?)))
                .collect();
            let embeds: Vec<&str> = doc
                .descendants()
                .filter(|n| n.tag_name().name() == "blip")
                .filter_map(|n| {
                    n.attributes()
                        .find(|a| a.name() == "embed")
                        .map(|a| a.value())
                })
                .collect();
            assert!(
                embeds.len() >= 5,
                "{ex} {lang:?}: {} pictures",
                embeds.len()
            );
            for id in &embeds {
                let t = target
                    .get(id)
                    .unwrap_or_else(|| panic!("{id} has no target"));
                let png = d
                    .files
                    .get(&format!("word/{t}"))
                    .unwrap_or_else(|| panic!("{t} missing"));
                let pix = Pixmap::decode_png(png).expect("picture decodes as PNG");
                assert!(pix.width() > 1000, "{t}: {} px wide", pix.width());
            }
            let caption_word = match lang {
                Lang::En => "Figure ",
                Lang::Zh => "图 ",
            };
            assert!(
                d.document.contains(caption_word),
                "{ex} {lang:?}: caption word"
            );

            // Fonts: Chinese body and headings in both; the Latin font per language.
            let styles_xml = text(&d.files, "word/styles.xml");
            roxmltree::Document::parse(&styles_xml).expect("styles parse");
            assert!(
                styles_xml.contains(r#"w:eastAsia="SimSun""#),
                "{styles_xml}"
            );
            assert!(
                styles_xml.contains(r#"w:eastAsia="SimHei""#),
                "{styles_xml}"
            );
            assert!(styles_xml.contains(r#"w:ascii="Times New Roman""#));
            if lang == Lang::Zh {
                assert!(styles_xml.contains(r#"w:eastAsia="zh-CN""#));
            }
            // Page size A4 and page numbers in the footer.
            assert!(d.document.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
            assert!(text(&d.files, "word/footer1.xml").contains("PAGE"));
            for part in [
                "[Content_Types].xml",
                "word/numbering.xml",
                "word/settings.xml",
                "word/fontTable.xml",
                "docProps/core.xml",
            ] {
                roxmltree::Document::parse(&text(&d.files, part))
                    .unwrap_or_else(|e| panic!("{part}: {e}"));
            }

            // Every figure of the text report is in the Word text.
            let words: String = doc
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect::<Vec<_>>()
                .join(" ");
            let want = figures(&text_report);
            assert!(
                want.len() > 50,
                "{ex} {lang:?}: only {} figures",
                want.len()
            );
            for f in want {
                assert!(
                    words.contains(&f),
                    "{ex} {lang:?}: {f} missing from the docx"
                );
            }
        }
    }
}

#[test]
fn png_charts_have_300_dpi_pixel_sizes() {
    let (input, a) = load("example-belts-2024.csv");
    for lang in [Lang::En, Lang::Zh] {
        let o = opts(&input, &a, ReportFormat::Markdown, lang);
        let mut charts = svg::charts(&input, &a, &o);
        charts.extend(svg::word_charts(&input, &a, &o));
        for chart in charts {
            let doc = roxmltree::Document::parse(&chart.svg).expect("chart parses");
            let root = doc.root_element();
            let size = |k: &str| -> f64 {
                root.attribute(k)
                    .and_then(|v| v.parse().ok())
                    .expect("size")
            };
            let (png, warnings) = report::svg_to_png(&chart.svg).expect("renders");
            let pix = Pixmap::decode_png(&png).expect("decodes");
            let expect = report::png_pixel_size(size("width"), size("height"));
            assert_eq!((pix.width(), pix.height()), expect, "{}", chart.file);
            if lang == Lang::Zh && report::cjk_font().is_none() {
                eprintln!("no CJK font installed: skipping the Chinese glyph check");
                assert!(!warnings.is_empty(), "a missing CJK font must be reported");
            } else {
                assert!(warnings.is_empty(), "{warnings:?}");
            }
        }
    }
}

#[test]
fn new_charts_parse_and_carry_their_labels() {
    for ex in EXAMPLES {
        let (input, a) = load(ex);
        for lang in [Lang::En, Lang::Zh] {
            let o = opts(&input, &a, ReportFormat::Markdown, lang);
            for chart in svg::word_charts(&input, &a, &o) {
                roxmltree::Document::parse(&chart.svg).expect("chart parses");
                assert!(
                    chart.svg.contains(&svg::esc(&chart.title)),
                    "{}",
                    chart.file
                );
                for s in &chart.series {
                    assert!(chart.svg.contains(&svg::esc(s)), "{}: {s}", chart.file);
                }
            }
        }
    }
    let labels: Vec<String> = ["A & B", "南通", "C"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let m = vec![
        vec![Some(1.0), Some(0.25), None],
        vec![Some(0.25), Some(1.0), Some(0.6)],
        vec![None, Some(0.6), Some(1.0)],
    ];
    let chart = svg::heat_map("Niche overlap", &labels, &m, Lang::En).expect("square");
    roxmltree::Document::parse(&chart.svg).expect("heat map parses");
    assert!(chart.svg.contains("A &amp; B") && chart.svg.contains("0.60"));
    assert!(svg::heat_map("x", &labels, &m[..2], Lang::En).is_err());
}

#[test]
fn png_charts_are_written_to_a_folder() {
    let (input, a) = load("example-belt.toml");
    let o = opts(&input, &a, ReportFormat::Markdown, Lang::En);
    let dir = tempfile::tempdir().expect("tempdir");
    let (written, _) =
        report::write_charts_as(dir.path(), &input, &a, &o, ChartFormat::Png).expect("writes");
    assert_eq!(written.len(), 3);
    for p in written {
        assert_eq!(p.extension().and_then(|e| e.to_str()), Some("png"));
        Pixmap::decode_png(&std::fs::read(&p).expect("reads")).expect("decodes");
    }
}

/// LibreOffice opens the documents and converts them to PDF; the pages can then be looked at
/// with `pdftoppm -png` (BELTSCOPE_DOCX_KEEP=dir keeps the .docx and .pdf files there).
#[test]
fn libreoffice_converts_the_docx_to_pdf() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok()
    }) else {
        eprintln!("soffice not installed: skipping the PDF conversion");
        return;
    };
    let keep = std::env::var("BELTSCOPE_DOCX_KEEP").ok().map(PathBuf::from);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("dir");
    for ex in EXAMPLES {
        let (input, a) = load(ex);
        for (lang, l) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
            let o = opts(&input, &a, ReportFormat::Docx, lang);
            let out = report::render_docx(&input, &a, &o).expect("renders");
            let stem = ex.split('.').next().unwrap_or(ex);
            let path = dir.join(format!("{stem}.{l}.docx"));
            std::fs::write(&path, &out.bytes).expect("writes");
            // Its own profile per conversion, and one retry: a profile still being released by
            // the previous run makes soffice exit without converting.
            let pdf = path.with_extension("pdf");
            let mut stderr = String::new();
            for attempt in 0..2 {
                let profile = tmp.path().join(format!("profile-{stem}-{l}-{attempt}"));
                let out = std::process::Command::new(soffice)
                    .arg(format!(
                        "-env:UserInstallation=file://{}",
                        profile.display()
                    ))
                    .args(["--headless", "--convert-to", "pdf", "--outdir"])
                    .arg(&dir)
                    .arg(&path)
                    .output()
                    .expect("soffice runs");
                stderr = String::from_utf8_lossy(&out.stderr).into_owned();
                if pdf.exists() {
                    break;
                }
            }
            let pdf = path.with_extension("pdf");
            assert!(pdf.exists(), "{}: {stderr}", path.display());
            assert!(std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0) > 10_000);
        }
    }
}
