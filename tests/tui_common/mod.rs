//! Helpers shared by the TUI tests that drive `update` and render: an app at a size and
//! language, a temp copy of a shipped survey opened in it, keys, and moving between screens.

#![allow(dead_code)]

use std::path::PathBuf;

use beltscope::lang::Lang;
use beltscope::tui::app::{App, Screen, StartItem};
use beltscope::tui::{Effect, Msg, run_effects, step};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn press(app: &mut App, code: KeyCode) {
    step(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn ctrl(app: &mut App, c: char) {
    step(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

/// Types `s` key by key.
pub fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The Start screen at `w` × `h`, with the shipped examples listed and the report date fixed.
pub fn app_at(lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(
        lang,
        vec![
            StartItem::New,
            StartItem::NewFromFramework,
            StartItem::Example,
            StartItem::Open(PathBuf::from("surveys/example-belt.toml")),
            StartItem::Open(PathBuf::from("surveys/example-belts-2024.csv")),
        ],
    );
    step(&mut app, Msg::Resize(w, h));
    app.today = "2025-01-01".into();
    app
}

/// Opens a temp copy of a repository example (edits journal next to the copy, never next to
/// the repository's file); the title bar shows only the file name, so snapshots are stable.
pub fn open_copy(app: &mut App, name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::copy(PathBuf::from("surveys").join(name), &file).unwrap();
    run_effects(app, vec![Effect::Open(file)]);
    assert!(app.doc.is_some(), "{:?}", app.message);
    app.message = None;
    dir
}

/// Tabs to screen `s` and clears the status line.
pub fn goto(app: &mut App, s: Screen) {
    for _ in 0..20 {
        if app.screen == s {
            break;
        }
        press(app, KeyCode::Tab);
    }
    assert_eq!(app.screen, s, "{:?}", app.mode);
    app.message = None;
}
