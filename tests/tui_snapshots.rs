//! Every TUI screen pinned with TestBackend at 80×24 (the minimum) and 120×40, including the
//! incomplete-data messages. Paths are relative and there are no dates, so the snapshots are
//! deterministic.

mod tui_common;

use beltscope::cli::Lang;
use beltscope::tui::app::{App, Screen};
use beltscope::tui::{Effect, Msg, run_effects, step, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tui_common::{app_at, goto, open_copy, press};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    format!("{}", t.backend())
}

fn example(w: u16, h: u16) -> (App, tempfile::TempDir) {
    let mut app = app_at(Lang::En, w, h);
    let dir = open_copy(&mut app, "example-belt.toml");
    (app, dir)
}

/// A copy of a two-observation survey with a few values, in a folder named like the test so
/// that the title bar (file name only) is stable.
fn incomplete(w: u16, h: u16) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.toml");
    std::fs::write(
        &file,
        "schema = 1\ntitle = \"Two years\"\n\n[[observations]]\nlabel = \"2023\"\n[observations.values]\nlocation_quotient = 6.8\n\n[[observations]]\nlabel = \"2024\"\n",
    )
    .unwrap();
    let mut app = app_at(Lang::En, w, h);
    run_effects(&mut app, vec![Effect::Open(file)]);
    app.message = None;
    (app, dir)
}

#[test]
fn start() {
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("start_{w}x{h}"),
            render(&app_at(Lang::En, w, h), w, h)
        );
    }
}

#[test]
fn entry_of_each_circle() {
    for (w, h) in SIZES {
        let (mut app, _dir) = example(w, h);
        app.message = None;
        insta::assert_snapshot!(format!("entry_core_{w}x{h}"), render(&app, w, h));
        goto(&mut app, Screen::Entry(2));
        for _ in 0..14 {
            press(&mut app, KeyCode::Down);
        }
        for _ in 0..8 {
            press(&mut app, KeyCode::Right);
        }
        insta::assert_snapshot!(format!("entry_outer_scrolled_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn entry_editing_and_refusal() {
    let (mut app, _dir) = incomplete(80, 24);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    for c in "12x".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| view(&app, f)).unwrap();
    // The real cursor sits after the typed text in the cell (for the IME window).
    t.backend_mut().assert_cursor_position((41, 6));
    insta::assert_snapshot!("entry_refused_80x24", format!("{}", t.backend()));
}

#[test]
fn incomplete_data_messages() {
    for (w, h) in SIZES {
        let (mut app, _dir) = incomplete(w, h);
        insta::assert_snapshot!(format!("entry_incomplete_{w}x{h}"), render(&app, w, h));
        goto(&mut app, Screen::Results);
        insta::assert_snapshot!(format!("results_incomplete_{w}x{h}"), render(&app, w, h));
        goto(&mut app, Screen::Diagnosis);
        insta::assert_snapshot!(format!("diagnosis_incomplete_{w}x{h}"), render(&app, w, h));
        goto(&mut app, Screen::Report);
        insta::assert_snapshot!(format!("report_incomplete_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn results_diagnosis_report() {
    for (w, h) in SIZES {
        let (mut app, _dir) = example(w, h);
        goto(&mut app, Screen::Results);
        insta::assert_snapshot!(format!("results_{w}x{h}"), render(&app, w, h));
        press(&mut app, KeyCode::Char('c'));
        insta::assert_snapshot!(format!("results_corrected_{w}x{h}"), render(&app, w, h));
        press(&mut app, KeyCode::Char('v'));
        insta::assert_snapshot!(format!("results_weights_{w}x{h}"), render(&app, w, h));
        goto(&mut app, Screen::Diagnosis);
        insta::assert_snapshot!(format!("diagnosis_{w}x{h}"), render(&app, w, h));
        goto(&mut app, Screen::Report);
        insta::assert_snapshot!(format!("report_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn help_quit_question_and_chinese() {
    for (w, h) in SIZES {
        let (mut app, _dir) = example(w, h);
        press(&mut app, KeyCode::Char('?'));
        insta::assert_snapshot!(format!("help_{w}x{h}"), render(&app, w, h));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('9'));
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('q'));
        insta::assert_snapshot!(format!("quit_question_{w}x{h}"), render(&app, w, h));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('L'));
        app.message = None;
        insta::assert_snapshot!(format!("entry_zh_{w}x{h}"), render(&app, w, h));
        goto(&mut app, Screen::Diagnosis);
        insta::assert_snapshot!(format!("diagnosis_zh_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn csv_example_and_too_small() {
    let mut app = app_at(Lang::En, 80, 24);
    let _dir = open_copy(&mut app, "example-belts-2024.csv");
    insta::assert_snapshot!("entry_csv_80x24", render(&app, 80, 24));
    goto(&mut app, Screen::Results);
    insta::assert_snapshot!("results_csv_80x24", render(&app, 80, 24));
    step(&mut app, Msg::Resize(60, 20));
    insta::assert_snapshot!("too_small_60x20", render(&app, 60, 20));
}

#[test]
fn results_dynamics_and_robustness() {
    for (w, h) in SIZES {
        let (mut app, _dir) = example(w, h);
        goto(&mut app, Screen::Results);
        press(&mut app, KeyCode::Char('d'));
        insta::assert_snapshot!(format!("results_dynamics_{w}x{h}"), render(&app, w, h));
        press(&mut app, KeyCode::Char('R'));
        insta::assert_snapshot!(format!("results_robustness_{w}x{h}"), render(&app, w, h));
        let mut app = app_at(Lang::En, w, h);
        let _d = open_copy(&mut app, "example-belts-2024.csv");
        goto(&mut app, Screen::Results);
        press(&mut app, KeyCode::Char('d'));
        insta::assert_snapshot!(format!("results_niche_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn panel_grid_and_imputed_cells() {
    for (w, h) in SIZES {
        let mut app = app_at(Lang::En, w, h);
        let _d = open_copy(&mut app, "example-panel.csv");
        insta::assert_snapshot!(format!("entry_panel_{w}x{h}"), render(&app, w, h));
        goto(&mut app, Screen::Results);
        press(&mut app, KeyCode::Char('d'));
        insta::assert_snapshot!(
            format!("results_dynamics_panel_{w}x{h}"),
            render(&app, w, h)
        );
        let (mut app, _dir) = example(w, h);
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Delete);
        goto(&mut app, Screen::Results);
        insta::assert_snapshot!(format!("results_missing_{w}x{h}"), render(&app, w, h));
        press(&mut app, KeyCode::Char('I'));
        app.message = None;
        insta::assert_snapshot!(format!("results_imputed_{w}x{h}"), render(&app, w, h));
        goto(&mut app, Screen::Entry(0));
        insta::assert_snapshot!(format!("entry_imputed_{w}x{h}"), render(&app, w, h));
    }
}
