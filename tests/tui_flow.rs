//! The TUI driven through `update` with key events, no terminal: a whole assessment from an
//! empty survey to saved scores, and the data-safety paths (journal, quit questions, undo).

use std::path::{Path, PathBuf};

use beltscope::cli::Lang;
use beltscope::model::SurveyDoc;
use beltscope::tui::app::{App, Calc, Confirm, Mode, Screen, StartItem, circle_indicators};
use beltscope::tui::{Msg, load, step};
use ratatui::crossterm::event::KeyCode;

mod tui_common;
use tui_common::{ctrl, press, typ};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tui")
        .join(name)
}

fn new_app() -> App {
    let mut app = App::new(
        Lang::En,
        vec![
            StartItem::New,
            StartItem::NewFromFramework,
            StartItem::Example,
        ],
    );
    step(&mut app, Msg::Resize(80, 24));
    app
}

/// The (observation label, indicator id) of the selected cell.
fn selected(app: &App) -> (String, String) {
    let d = app.doc.as_ref().unwrap();
    let Screen::Entry(c) = app.screen else {
        panic!("not on an entry screen: {:?}", app.screen)
    };
    let j = circle_indicators(&d.framework, c)[app.row];
    (
        d.survey.observations[app.col].label.clone(),
        d.framework.indicators[j].id.clone(),
    )
}

#[test]
fn whole_assessment_from_an_empty_survey_to_saved_scores() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("belt.toml");
    let reference = SurveyDoc::parse(
        "s.toml",
        &std::fs::read_to_string(data("survey.toml")).unwrap(),
    )
    .unwrap()
    .survey;
    let mut app = new_app();
    // Start → new survey from a framework file: path, title, region, labels, file name.
    press(&mut app, KeyCode::Char('f'));
    typ(&mut app, &data("framework.toml").display().to_string());
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "Fixture belt");
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "Fixture county");
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "2019..2023");
    press(&mut app, KeyCode::Enter);
    app.input = tui_input::Input::new(file.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Entry(0), "{:?}", app.message);
    assert!(file.exists());
    assert!(
        matches!(&app.calc, Calc::Blocked(r) if r[0].starts_with("core: 15 missing — export_value in 2019"))
    );
    // Fill every cell: Enter, value, Enter; `n` jumps to the next missing cell across circles.
    let mut filled = 0;
    loop {
        let (label, id) = selected(&app);
        let i = reference
            .observations
            .iter()
            .position(|o| o.label == label)
            .unwrap();
        let v = reference.observations[i]
            .values
            .get(&id)
            .copied()
            .unwrap_or(f64::NAN);
        press(&mut app, KeyCode::Enter);
        typ(&mut app, &v.to_string());
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.mode, Mode::Normal, "{:?}", app.message);
        filled += 1;
        if matches!(app.calc, Calc::Ready(_)) {
            break;
        }
        press(&mut app, KeyCode::Char('n'));
        assert!(filled < 100);
    }
    assert_eq!(filled, 45);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .1
            .contains("every circle is complete")
    );
    assert!(app.dirty());
    // Results: switch to the corrected coupling and top 2; scores follow at once.
    while app.screen != Screen::Results {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('t'));
    app.input = tui_input::Input::new("2".into());
    press(&mut app, KeyCode::Enter);
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(data("expected-corrected-top2.json")).unwrap(),
    )
    .unwrap();
    let Calc::Ready(a) = &app.calc else {
        panic!("no scores: {:?}", app.calc)
    };
    for (i, o) in expected["observations"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        assert!((a.coupling[i].d - o["degree"].as_f64().unwrap()).abs() < 1e-9);
        assert!((a.coupling[i].c - o["coupling"].as_f64().unwrap()).abs() < 1e-9);
    }
    // Save; the file holds the values and the method, and the journal is gone.
    ctrl(&mut app, 's');
    assert!(!app.dirty(), "{:?}", app.message);
    let saved = SurveyDoc::parse("s.toml", &std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .survey;
    for (o, r) in saved.observations.iter().zip(&reference.observations) {
        assert_eq!(o.label, r.label);
        for (k, v) in &r.values {
            assert_eq!(o.values.get(k), Some(v), "{} {k}", o.label);
        }
    }
    assert_eq!(saved.method.coupling.map(|c| c.as_str()), Some("corrected"));
    assert_eq!(saved.method.top, Some(2));
    assert_eq!(saved.region.as_deref(), Some("Fixture county"));
    assert!(saved.framework.ends_with("framework.toml"));
    assert!(beltscope::tui::journal::journals_of(&file).is_empty());
    // Quitting after a save asks nothing.
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn embedded_framework_says_what_is_missing_and_what_one_observation_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.toml");
    let mut app = new_app();
    press(&mut app, KeyCode::Char('n'));
    typ(&mut app, "Belt");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter); // no region
    typ(&mut app, "2024");
    press(&mut app, KeyCode::Enter);
    app.input = tui_input::Input::new(file.display().to_string());
    press(&mut app, KeyCode::Enter);
    let Calc::Blocked(reasons) = &app.calc else {
        panic!()
    };
    assert!(reasons[0].starts_with("core: 24 missing — location_quotient in 2024, export_delivery_ratio in 2024, little_giant_density in 2024, ... (21 more)"), "{reasons:?}");
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("entropy weights need 2 observations")
                && r.contains("switch to fixed weights with reference bounds")),
        "{reasons:?}"
    );
    // Add a second observation; the entropy complaint goes.
    press(&mut app, KeyCode::Char('a'));
    typ(&mut app, "2025");
    press(&mut app, KeyCode::Enter);
    let Calc::Blocked(reasons) = &app.calc else {
        panic!()
    };
    assert!(!reasons.iter().any(|r| r.contains("2 observations")));
    assert_eq!(app.col, 1);
    // Quitting now asks, and says what is unsaved.
    press(&mut app, KeyCode::Char('q'));
    let Mode::Confirm(Confirm::Quit(what)) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(
        what,
        &vec!["observations added or renamed: 2025".to_string()]
    );
    press(&mut app, KeyCode::Char('c'));
    assert!(!app.quit);
    // Save and quit from the question.
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('s'));
    assert!(app.quit);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("label = \"2025\"")
    );
}

fn open_two(dir: &Path) -> (App, PathBuf) {
    let file = dir.join("two.toml");
    std::fs::write(
        &file,
        "schema = 1\ntitle = \"t\"\n\n[[observations]]\nlabel = \"2023\"\n\n[[observations]]\nlabel = \"2024\"\n",
    )
    .unwrap();
    let mut app = new_app();
    beltscope::tui::run_effects(&mut app, vec![beltscope::tui::Effect::Open(file.clone())]);
    assert_eq!(app.screen, Screen::Entry(0));
    (app, file)
}

#[test]
fn invalid_entries_are_refused_and_ime_input_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = open_two(dir.path());
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "12,5");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Edit);
    assert_eq!(app.input.value(), "12,5");
    assert!(app.message.as_ref().unwrap().1.contains("decimal point"));
    // Correct it in place.
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    typ(&mut app, "．５");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    let d = app.doc.as_ref().unwrap();
    assert_eq!(d.survey.value(0, "location_quotient"), Some(12.5));
    // Back to that cell (the next one is a share, at most 100): typing a full-width digit on
    // the grid starts editing, and the full-width thousands separator is read.
    press(&mut app, KeyCode::Up);
    typ(&mut app, "１，２３４");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.doc
            .as_ref()
            .unwrap()
            .survey
            .value(0, "location_quotient"),
        Some(1234.0)
    );
    // Undo takes back the last change only.
    ctrl(&mut app, 'z');
    let d = app.doc.as_ref().unwrap();
    assert_eq!(d.survey.value(0, "location_quotient"), Some(12.5));
    assert_eq!(d.survey.value(0, "export_delivery_ratio"), None);
}

#[test]
fn a_spreadsheet_block_pastes_indicators_down_and_observations_across() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = open_two(dir.path());
    // Line ends as a terminal delivers them (CR), as Excel copies them (CRLF), or LF.
    step(&mut app, Msg::Paste("1\t2\r3\tx\r\n5\t6\t7\n".into()));
    // The block is wider than the grid: it is shown first, and `y` pastes it.
    assert!(matches!(app.mode, Mode::Confirm(Confirm::Paste(_))));
    press(&mut app, KeyCode::Char('y'));
    let s = &app.doc.as_ref().unwrap().survey;
    assert_eq!(s.value(0, "location_quotient"), Some(1.0));
    assert_eq!(s.value(1, "location_quotient"), Some(2.0));
    assert_eq!(s.value(0, "export_delivery_ratio"), Some(3.0));
    assert_eq!(s.value(1, "export_delivery_ratio"), None);
    assert_eq!(s.value(1, "little_giant_density"), Some(6.0));
    let msg = &app.message.as_ref().unwrap().1;
    assert!(
        msg.contains("pasted 5") && msg.contains("refused 1") && msg.contains("1 outside"),
        "{msg}"
    );
    ctrl(&mut app, 'z');
    assert_eq!(
        app.doc
            .as_ref()
            .unwrap()
            .survey
            .value(0, "location_quotient"),
        None
    );
}

#[test]
fn a_newer_journal_is_offered_and_never_applied_silently() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = open_two(dir.path());
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "42");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('a'));
    typ(&mut app, "2025");
    press(&mut app, KeyCode::Enter);
    // "Crash": drop the app without saving. The file is untouched.
    drop(app);
    assert!(!std::fs::read_to_string(&file).unwrap().contains("42"));
    let loaded = load(&file).unwrap();
    let offer = loaded.recovery.first().cloned().expect("a recovery offer");
    let (recovered, n) = (offer.replayed, offer.entries);
    assert_eq!(n, 2);
    assert_eq!(recovered.value(0, "location_quotient"), Some(42.0));
    assert_eq!(recovered.observations.len(), 3);
    // Accepting restores in memory, marked unsaved; declining keeps the journal aside.
    let mut app = new_app();
    step(&mut app, Msg::Loaded(Ok(Box::new(loaded))));
    assert!(matches!(app.mode, Mode::Confirm(Confirm::Restore { .. })));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.dirty());
    assert_eq!(
        app.doc
            .as_ref()
            .unwrap()
            .survey
            .value(0, "location_quotient"),
        Some(42.0)
    );
    let mut other = new_app();
    step(&mut other, Msg::Loaded(Ok(Box::new(load(&file).unwrap()))));
    press(&mut other, KeyCode::Char('n'));
    assert!(!other.dirty());
    assert!(load(&file).unwrap().recovery.is_empty());
}

#[test]
fn a_failed_save_is_a_message_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = open_two(dir.path());
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    app.doc.as_mut().unwrap().path = dir.path().join("no/such/dir/two.toml");
    ctrl(&mut app, 's');
    assert!(app.dirty());
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .1
            .starts_with("could not save")
    );
    // Quit → save fails → still running, still asking.
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('s'));
    assert!(!app.quit);
}

#[test]
fn csv_surveys_are_saved_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.csv");
    std::fs::write(
        &file,
        "label,export_delivery_ratio,location_quotient\nA,1,\nB,,4\n",
    )
    .unwrap();
    let mut app = new_app();
    beltscope::tui::run_effects(&mut app, vec![beltscope::tui::Effect::Open(file.clone())]);
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let text = std::fs::read_to_string(&file).unwrap();
    // Through the sheet writer: a BOM and CRLF, so Excel opens it right; the column order kept.
    assert!(
        text.starts_with("\u{feff}label,export_delivery_ratio,location_quotient,"),
        "{text}"
    );
    assert!(text.contains("\r\nA,1,3,"), "{text}");
}

#[test]
fn every_footer_key_is_in_the_help_and_dispatches() {
    use beltscope::tui::keys::{BINDINGS, Ctx, footer, help};
    for ctx in [
        Ctx::Start,
        Ctx::Entry,
        Ctx::Results,
        Ctx::Diagnosis,
        Ctx::Report,
        Ctx::Edit,
    ] {
        for (k, what) in footer(ctx, false) {
            assert!(
                help(false)
                    .iter()
                    .any(|(_, hk, hw)| *hk == k && *hw == what),
                "{k} {what}"
            );
        }
    }
    assert!(BINDINGS.iter().any(|b| b.label == "?"));
}

#[test]
fn export_refuses_the_survey_and_writes_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("belt.toml");
    std::fs::copy("surveys/example-belt.toml", &file).unwrap();
    let mut app = new_app();
    beltscope::tui::run_effects(&mut app, vec![beltscope::tui::Effect::Open(file.clone())]);
    while app.screen != Screen::Report {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('e'));
    app.input = tui_input::Input::new(file.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .1
            .contains("survey file itself")
    );
    let out = dir.path().join("report.txt");
    app.input = tui_input::Input::new(out.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    let text = std::fs::read_to_string(&out).unwrap();
    // The same report `beltscope report` writes, about the focus observation.
    assert!(
        text.contains("1. Summary") && text.contains("In 2024"),
        "{text}"
    );
    // The file has the standard 100-column layout, whatever the screen's width.
    let widest = text
        .lines()
        .map(beltscope::textfmt::width)
        .max()
        .unwrap_or(0);
    assert!(widest > 80 && widest <= 100, "{widest}");
    assert!(!app.dirty());
    // A `.md` name gets the Markdown report.
    let md = dir.path().join("report.md");
    press(&mut app, KeyCode::Char('e'));
    app.input = tui_input::Input::new(md.display().to_string());
    press(&mut app, KeyCode::Enter);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# ") && text.contains("| "), "{text}");
    // Another survey next to it is never overwritten.
    let other = dir.path().join("other.csv");
    std::fs::write(&other, "label,x\n").unwrap();
    press(&mut app, KeyCode::Char('e'));
    app.input = tui_input::Input::new(other.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "label,x\n");
}

#[test]
fn ctrl_c_asks_and_observations_are_renamed_and_deleted_with_a_question() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = open_two(dir.path());
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Backspace);
    typ(&mut app, "5");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.doc.as_ref().unwrap().survey.observations[1].label,
        "2025"
    );
    press(&mut app, KeyCode::Char('x'));
    assert!(matches!(
        app.mode,
        Mode::Confirm(Confirm::DeleteObservation(1))
    ));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.doc.as_ref().unwrap().survey.observations.len(), 2);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.doc.as_ref().unwrap().survey.observations.len(), 1);
    assert_eq!(app.col, 0);
    ctrl(&mut app, 'c');
    let Mode::Confirm(Confirm::Quit(what)) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert!(
        what.iter().any(|w| w.contains("deleted or renamed: 2024")),
        "{what:?}"
    );
    press(&mut app, KeyCode::Char('d'));
    assert!(app.quit);
    // Discarding leaves the file as it was and sets the journal aside.
    assert!(std::fs::read_to_string(&file).unwrap().contains("2024"));
    assert!(load(&file).unwrap().recovery.is_empty());
}

#[test]
fn saving_keeps_the_files_comments() {
    // Officers annotate their surveys (sources, caveats): a save must not drop them.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("belt.toml");
    std::fs::copy("surveys/example-belt.toml", &file).unwrap();
    let original = std::fs::read_to_string(&file).unwrap();
    let mut app = new_app();
    beltscope::tui::run_effects(&mut app, vec![beltscope::tui::Effect::Open(file.clone())]);
    press(&mut app, KeyCode::Enter);
    for c in "123.25".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let saved = std::fs::read_to_string(&file).unwrap();
    let comments = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .map(String::from)
            .collect()
    };
    assert!(!comments(&original).is_empty());
    assert_eq!(comments(&saved), comments(&original));
    // Enter on the filled cell shows 6.8; the first character typed replaces it.
    assert!(saved.contains("location_quotient = 123.25"), "{saved}");
    // Exactly one line differs: the edited value.
    let changed = original
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 1);
    assert_eq!(original.lines().count(), saved.lines().count());
}

#[test]
fn enter_on_a_filled_cell_replaces_on_typing_and_edits_after_a_caret_move() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("belt.toml");
    std::fs::copy("surveys/example-belt.toml", &file).unwrap();
    let mut app = new_app();
    beltscope::tui::run_effects(&mut app, vec![beltscope::tui::Effect::Open(file.clone())]);
    let value = |app: &App| {
        let d = app.doc.as_ref().unwrap();
        d.survey.value(0, "location_quotient")
    };
    assert_eq!(value(&app), Some(6.8));
    // Enter, 4 0 7, Enter: 407, not 6.8407.
    press(&mut app, KeyCode::Enter);
    for c in "407".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(value(&app), Some(407.0));
    // Enter, End, 5, Enter: the caret moved first, so the digit is appended: 4075.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(value(&app), Some(4075.0));
    // 4075 is outside the bounds [0.5, 20]: kept, with a note on screen.
    let msg = app
        .message
        .as_ref()
        .map(|m| m.1.clone())
        .unwrap_or_default();
    assert!(msg.contains("outside its usual range"), "{msg}");
}

#[test]
fn likert_averages_are_accepted_and_off_scale_values_refused() {
    let fw = beltscope::model::Framework::default_framework();
    let j = fw.indicator_index("platform_service_rating").unwrap();
    assert_eq!(beltscope::tui::update::validate(&fw, j, "3.5"), Ok(3.5));
    assert!(beltscope::tui::update::validate(&fw, j, "7").is_err());
    assert!(beltscope::tui::update::validate(&fw, j, "0.5").is_err());
}

#[test]
fn a_question_the_window_is_too_small_to_show_cannot_be_answered_blind() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("belt.toml");
    std::fs::copy("surveys/example-belt.toml", &file).unwrap();
    let mut app = new_app();
    beltscope::tui::run_effects(&mut app, vec![beltscope::tui::Effect::Open(file.clone())]);
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Enter);
    assert!(app.dirty());
    step(&mut app, Msg::Resize(60, 20));
    press(&mut app, KeyCode::Char('q'));
    assert!(matches!(app.mode, Mode::Confirm(_)));
    // `d` (discard) is ignored while the question cannot be seen; Esc still cancels.
    press(&mut app, KeyCode::Char('d'));
    assert!(!app.quit);
    assert!(matches!(app.mode, Mode::Confirm(_)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.dirty());
}

#[test]
fn a_file_another_program_changed_is_not_written_over_without_a_second_ctrl_s() {
    // Two TUIs on one file, or an officer fixing the file in Excel while the TUI has it open.
    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = open_two(dir.path());
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "4.5");
    press(&mut app, KeyCode::Enter);
    let theirs = "schema = 1\ntitle = \"changed elsewhere, and longer\"\n\n[[observations]]\nlabel = \"2023\"\n\n[[observations]]\nlabel = \"2024\"\n";
    std::fs::write(&file, theirs).unwrap();
    ctrl(&mut app, 's');
    let msg = app
        .message
        .as_ref()
        .map(|m| m.1.clone())
        .unwrap_or_default();
    assert!(msg.contains("another program changed"), "{msg}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    assert!(app.dirty(), "the changes stay");
    // Said twice, it writes over the file, and the next save needs no second word.
    ctrl(&mut app, 's');
    assert!(std::fs::read_to_string(&file).unwrap().contains("4.5"));
    assert!(!app.dirty());
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "5.5");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    assert!(std::fs::read_to_string(&file).unwrap().contains("5.5"));
}
