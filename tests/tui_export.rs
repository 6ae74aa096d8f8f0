//! The Report screen's export driven through `update`: a Word document with its PNG charts, a
//! Markdown report with its SVG charts, both in a `<stem>-charts` folder, and names it refuses.

use std::io::{Cursor, Read};
use std::path::Path;

use beltscope::cli::Lang;
use beltscope::tui::app::{App, Mode, Screen, StartItem};
use beltscope::tui::{Msg, step};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App, code: KeyCode) {
    step(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The example survey opened in a fresh TUI, on the Report screen.
fn on_report(dir: &Path, lang: Lang) -> App {
    let file = dir.join("belt.toml");
    std::fs::copy("surveys/example-belt.toml", &file).expect("copy");
    let mut app = App::new(lang, vec![StartItem::New, StartItem::Example]);
    step(&mut app, Msg::Resize(80, 24));
    beltscope::tui::run_effects(&mut app, vec![beltscope::tui::Effect::Open(file)]);
    while app.screen != Screen::Report {
        press(&mut app, KeyCode::Tab);
    }
    app
}

fn export(app: &mut App, path: &Path) {
    press(app, KeyCode::Char('e'));
    app.input = tui_input::Input::new(path.display().to_string());
    press(app, KeyCode::Enter);
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.1.clone())
        .unwrap_or_default()
}

#[test]
fn exports_a_word_document_with_png_charts_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = on_report(dir.path(), Lang::En);
    let out = dir.path().join("belt-report.docx");
    export(&mut app, &out);
    assert_eq!(app.mode, Mode::Normal);
    let bytes = std::fs::read(&out).expect("the .docx is written");
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .expect("document")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    roxmltree::Document::parse(&xml).expect("document.xml parses");
    assert!(xml.contains("Example county"));
    let charts = dir.path().join("belt-report-charts");
    let png = std::fs::read(charts.join("trend.png")).expect("PNG chart");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let m = message(&app);
    assert!(
        m.contains("belt-report.docx")
            && m.contains("4 PNG charts in")
            && m.contains("belt-report-charts"),
        "{m}"
    );
}

#[test]
fn markdown_gets_linked_svg_charts_and_the_status_speaks_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = on_report(dir.path(), Lang::Zh);
    let out = dir.path().join("报告.md");
    export(&mut app, &out);
    let md = std::fs::read_to_string(&out).expect("the Markdown report");
    assert!(md.contains("](报告-charts/trend.svg)"), "{md}");
    assert!(dir.path().join("报告-charts/trend.svg").exists());
    let m = message(&app);
    assert!(m.contains("报告已写入") && m.contains("张 SVG 图表"), "{m}");
    // A name beltscope cannot write is refused before anything is written.
    let pdf = dir.path().join("报告.pdf");
    export(&mut app, &pdf);
    assert!(!pdf.exists());
    assert!(message(&app).contains(".pdf"), "{}", message(&app));
}
