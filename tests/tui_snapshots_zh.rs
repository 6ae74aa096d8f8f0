//! Every screen and dialog in Chinese at 80×24 and 120×40, pinned with TestBackend, and a scan
//! of their text: no English word may appear on a Chinese screen except ids, key names, units
//! and what the user typed (file names, titles, labels).

mod tui_common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use beltscope::cli::Lang;
use beltscope::tui::app::{App, Confirm, Mode, Screen};
use beltscope::tui::{Effect, Msg, run_effects, step, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tui_common::{app_at, goto, open_copy, press};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Key names, units and symbols that may appear in any language.
const ALLOWED: &[&str] = &[
    "beltscope",
    // Acronyms Chinese official texts write in Latin letters.
    "ERP",
    // The grey model's name, written so in Chinese papers too: GM(1,1).
    "GM",
    "Enter",
    "Esc",
    "Tab",
    "S",
    "PgUp",
    "PgDn",
    "Del",
    "Ctrl",
    "English",
    "hjkl",
    "jk",
    "hl",
    "C",
    "T",
    "D",
    "U",
    "LO",
    "HI",
    "e",
    "z",
    "k",
    "F",
    "j",
    "w",
    "md",
    "Markdown",
    "docx",
    "Word",
    "CSV",
    "Excel",
    "S-Tab",
    "Ctrl-S",
    "Ctrl-Z",
    "Ctrl-C",
    "toml",
    "csv",
    "declined",
    "beltscope-journal",
    "cbec-belt",
    "Z",
];

/// The screen as insta shows it, and its plain text for the scan.
fn render(app: &App, w: u16, h: u16) -> (String, String) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    let buf = t.backend().buffer();
    let mut text = String::new();
    for y in 0..h {
        for x in 0..w {
            text.push_str(buf[(x, y)].symbol());
        }
        text.push('\n');
    }
    (format!("{}", t.backend()), text)
}

/// Words the user or the framework supplied: ids, file names, titles, labels, units.
fn user_words(app: &App) -> BTreeSet<String> {
    let mut v = BTreeSet::new();
    let mut add = |s: &str| {
        for w in words(s) {
            v.insert(w);
        }
    };
    for p in [
        "surveys/example-belt.toml",
        "surveys/example-belts-2024.csv",
    ] {
        add(p);
    }
    if let Some(d) = &app.doc {
        add(&d.path.file_name().unwrap().to_string_lossy());
        add(&d.survey.title);
        add(d.survey.region.as_deref().unwrap_or(""));
        for o in &d.survey.observations {
            add(&o.label);
        }
        // The framework's own text where it has no Chinese (the TUI shows what it has).
        for i in &d.framework.indicators {
            add(&i.id);
            add(i.unit_zh.as_deref().unwrap_or(&i.unit));
            if i.description_zh.is_none() {
                add(&i.description);
            }
            if i.source_zh.is_none() {
                add(&i.source);
            }
        }
        for c in &d.framework.countermeasures {
            add(&c.id);
        }
        for c in &d.framework.circles {
            add(&c.id);
        }
        for x in &d.framework.dimensions {
            add(&x.id);
        }
        add(&d.framework.id);
    }
    v
}

/// Runs of ASCII letters (with `_`, `-` inside), the way a reader sees an English word.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in s.chars().chain(std::iter::once(' ')) {
        if ch.is_ascii_alphabetic()
            || (!cur.is_empty() && (ch == '_' || ch == '-' || ch.is_ascii_digit()))
        {
            cur.push(ch);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur).trim_end_matches('-').to_string());
        }
    }
    out
}

fn check(app: &App, name: &str, w: u16, h: u16) {
    let (shown, text) = render(app, w, h);
    let ok = user_words(app);
    let english: Vec<String> = words(&text)
        .into_iter()
        .filter(|x| x.len() > 1 && !ALLOWED.contains(&x.as_str()) && !ok.contains(x))
        // A user's word cut short at the edge of the screen.
        .filter(|x| !(x.len() >= 3 && ok.iter().any(|u| u.starts_with(x.as_str()))))
        .collect();
    assert!(
        english.is_empty(),
        "{name}: English on a Chinese screen: {english:?}\n{text}"
    );
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
}

#[test]
fn start_and_new_survey_prompts_zh() {
    for (w, h) in SIZES {
        let mut app = app_at(Lang::Zh, w, h);
        check(&app, "zh_start", w, h);
        press(&mut app, KeyCode::Enter);
        check(&app, "zh_prompt_title", w, h);
        for c in "家纺".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
        check(&app, "zh_prompt_labels", w, h);
    }
}

#[test]
fn every_screen_zh() {
    for (w, h) in SIZES {
        let mut app = app_at(Lang::Zh, w, h);
        let _dir = open_copy(&mut app, "example-belt.toml");
        for c in 0..3 {
            goto(&mut app, Screen::Entry(c));
            check(&app, &format!("zh_entry{c}"), w, h);
        }
        goto(&mut app, Screen::Results);
        check(&app, "zh_results", w, h);
        press(&mut app, KeyCode::Char('o'));
        check(&app, "zh_results_obstacles", w, h);
        press(&mut app, KeyCode::Char('i'));
        check(&app, "zh_prompt_interval", w, h);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('v'));
        check(&app, "zh_results_weights", w, h);
        goto(&mut app, Screen::Diagnosis);
        check(&app, "zh_diagnosis", w, h);
        goto(&mut app, Screen::Report);
        check(&app, "zh_report", w, h);
        press(&mut app, KeyCode::Char('e'));
        app.input = tui_input::Input::new("报告.md".into());
        check(&app, "zh_prompt_export", w, h);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('?'));
        check(&app, "zh_help", w, h);
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn dialogs_zh() {
    for (w, h) in SIZES {
        let mut app = app_at(Lang::Zh, w, h);
        let _dir = open_copy(&mut app, "example-belt.toml");
        press(&mut app, KeyCode::Char('a'));
        check(&app, "zh_prompt_add", w, h);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('x'));
        check(&app, "zh_delete_question", w, h);
        press(&mut app, KeyCode::Esc);
        // A block wider than the grid, with a refusal: the paste question, then the list.
        step(
            &mut app,
            Msg::Paste("1\t2\tx\t4\t5\t6\t7\t8\t9\t10\t11\n".into()),
        );
        check(&app, "zh_paste_question", w, h);
        press(&mut app, KeyCode::Char('y'));
        check(&app, "zh_pasted", w, h);
        press(&mut app, KeyCode::Char('!'));
        check(&app, "zh_problems", w, h);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('q'));
        check(&app, "zh_quit_question", w, h);
        press(&mut app, KeyCode::Esc);
        let recovered = Box::new(app.doc.as_ref().unwrap().saved.clone());
        app.mode = Mode::Confirm(Confirm::Restore {
            journal: PathBuf::from(".example-belt.toml.beltscope-journal"),
            recovered,
            entries: 12,
        });
        check(&app, "zh_restore_question", w, h);
    }
}

#[test]
fn incomplete_and_cross_section_zh() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("two.toml");
        std::fs::write(
            &file,
            "schema = 1\ntitle = \"两年\"\n\n[[observations]]\nlabel = \"2023\"\n[observations.values]\nlocation_quotient = 1.2\n\n[[observations]]\nlabel = \"2024\"\n",
        )
        .unwrap();
        let mut app = app_at(Lang::Zh, w, h);
        run_effects(&mut app, vec![Effect::Open(file)]);
        app.message = None;
        check(&app, "zh_entry_incomplete", w, h);
        goto(&mut app, Screen::Results);
        check(&app, "zh_results_incomplete", w, h);
        let mut app = app_at(Lang::Zh, w, h);
        let _d = open_copy(&mut app, "example-belts-2024.csv");
        goto(&mut app, Screen::Diagnosis);
        check(&app, "zh_diagnosis_cross_section", w, h);
    }
}

#[test]
fn dynamics_robustness_panel_imputed_zh() {
    for (w, h) in SIZES {
        let mut app = app_at(Lang::Zh, w, h);
        let _d = open_copy(&mut app, "example-belt.toml");
        goto(&mut app, Screen::Results);
        press(&mut app, KeyCode::Char('d'));
        check(&app, "zh_results_dynamics", w, h);
        press(&mut app, KeyCode::Char('R'));
        check(&app, "zh_results_robustness", w, h);
        // Weights, then the scores again.
        press(&mut app, KeyCode::Char('v'));
        press(&mut app, KeyCode::Char('v'));
        goto(&mut app, Screen::Entry(0));
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Delete);
        goto(&mut app, Screen::Results);
        check(&app, "zh_results_missing", w, h);
        press(&mut app, KeyCode::Char('I'));
        check(&app, "zh_results_imputed", w, h);
        goto(&mut app, Screen::Entry(0));
        check(&app, "zh_entry_imputed", w, h);
        let mut app = app_at(Lang::Zh, w, h);
        let _d = open_copy(&mut app, "example-belts-2024.csv");
        goto(&mut app, Screen::Results);
        press(&mut app, KeyCode::Char('d'));
        check(&app, "zh_results_niche", w, h);
        let mut app = app_at(Lang::Zh, w, h);
        let _d = open_copy(&mut app, "example-panel.csv");
        check(&app, "zh_entry_panel", w, h);
        goto(&mut app, Screen::Results);
        press(&mut app, KeyCode::Char('d'));
        check(&app, "zh_results_dynamics_panel", w, h);
    }
}
