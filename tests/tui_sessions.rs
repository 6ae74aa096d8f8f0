//! Sessions without a terminal: two TUIs on one file, journals of ended sessions, a file edited
//! elsewhere meanwhile, a journal that cannot be written, and the temp files a killed save left.

use std::path::{Path, PathBuf};

use beltscope::cli::Lang;
use beltscope::tui::app::{Access, App, Confirm, Mode};
use beltscope::tui::journal::journals_of;
use beltscope::tui::view::view;
use beltscope::tui::{Effect, Msg, load, run_effects, step};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

mod tui_common;
use tui_common::{ctrl, press, typ};

/// Enter, a value, Enter: one committed cell at the cursor.
fn commit(app: &mut App, v: &str) {
    press(app, KeyCode::Enter);
    typ(app, v);
    press(app, KeyCode::Enter);
}

fn copy(dir: &Path) -> PathBuf {
    let file = dir.join("two.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tui/two-years.toml"),
        &file,
    )
    .unwrap();
    file
}

fn open(file: &Path, lang: Lang) -> App {
    let mut app = App::new(lang, vec![]);
    step(&mut app, Msg::Resize(100, 30));
    run_effects(&mut app, vec![Effect::Open(file.to_path_buf())]);
    assert!(app.doc.is_some(), "{:?}", app.message);
    app
}

fn message(app: &App) -> String {
    app.message.clone().map(|m| m.1).unwrap_or_default()
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    let buf = t.backend().buffer();
    (0..30)
        .map(|y| {
            (0..100)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

/// Whether the screen shows `what` (spaces ignored: a wide character's second cell is blank).
fn shows(app: &App, what: &str) -> bool {
    screen(app)
        .replace(' ', "")
        .contains(&what.replace(' ', ""))
}

fn value(app: &App, i: usize) -> Option<f64> {
    app.doc
        .as_ref()
        .unwrap()
        .survey
        .value(i, "location_quotient")
}

#[test]
fn a_second_tui_reads_only_and_never_touches_the_firsts_journal() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy(dir.path());
    let mut first = open(&file, Lang::En);
    commit(&mut first, "7.5");
    let mut second = open(&file, Lang::En);
    let Some(d) = &second.doc else { panic!() };
    assert!(matches!(d.access, Access::ReadOnly(_)));
    let m = message(&second);
    assert!(
        m.starts_with("read-only: another beltscope edits two.toml — quit it, then open the file again to edit here (pid"),
        "{m}"
    );
    assert!(screen(&second).contains("[read-only]"));
    // Editing is refused at once, with the same explanation; nothing is journaled or saved.
    press(&mut second, KeyCode::Enter);
    assert_eq!(second.mode, Mode::Normal);
    assert!(message(&second).starts_with("read-only"));
    ctrl(&mut second, 's');
    assert!(message(&second).starts_with("read-only"));
    press(&mut second, KeyCode::Char('q'));
    assert!(second.quit);
    drop(second);
    // The first session's journal is still there, alone.
    let journals = journals_of(&file);
    assert_eq!(journals.len(), 1, "{journals:?}");
    assert!(
        std::fs::read_to_string(&journals[0])
            .unwrap()
            .contains("7.5")
    );
    // Once the first is gone (as after a kill), the next session owns the file and offers it.
    drop(first);
    let mut third = open(&file, Lang::Zh);
    assert!(matches!(third.mode, Mode::Confirm(Confirm::Restore { .. })));
    press(&mut third, KeyCode::Char('y'));
    assert_eq!(value(&third, 0), Some(7.5));
    assert_eq!(
        third.doc.as_ref().unwrap().survey.observations.len(),
        2,
        "{:?}",
        third.message
    );
    let zh = open(&file, Lang::Zh);
    assert!(
        message(&zh).starts_with("只读：另一个 beltscope 正在编辑 two.toml — 退出它后重新打开")
    );
}

#[test]
fn every_journal_of_an_ended_session_is_offered_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy(dir.path());
    // Two sessions that both ended unsaved (say on two computers sharing the folder): the
    // first one's journal is out of sight while the second runs, so neither is offered early.
    let mut a = open(&file, Lang::En);
    commit(&mut a, "3.5");
    drop(a);
    let first = journals_of(&file).pop().unwrap();
    let hidden = dir.path().join("hidden");
    std::fs::rename(&first, &hidden).unwrap();
    let mut b = open(&file, Lang::En);
    assert_eq!(b.mode, Mode::Normal);
    press(&mut b, KeyCode::Right);
    commit(&mut b, "2.5");
    drop(b);
    std::fs::rename(&hidden, &first).unwrap();
    let loaded = load(&file).unwrap();
    assert_eq!(loaded.recovery.len(), 2, "{:?}", journals_of(&file));
    drop(loaded);
    let mut d = open(&file, Lang::En);
    assert!(screen(&d).contains("1 more journal(s) will be asked about next."));
    press(&mut d, KeyCode::Char('y'));
    assert!(matches!(d.mode, Mode::Confirm(Confirm::Restore { .. })));
    press(&mut d, KeyCode::Char('y'));
    assert_eq!(d.mode, Mode::Normal);
    assert_eq!(value(&d, 0), Some(3.5));
    assert_eq!(value(&d, 1), Some(2.5));
    ctrl(&mut d, 's');
    assert!(message(&d).starts_with("saved"), "{:?}", d.message);
    assert!(journals_of(&file).is_empty(), "{:?}", journals_of(&file));
}

#[test]
fn an_edit_made_after_the_session_started_is_never_reverted_silently() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy(dir.path());
    let mut a = open(&file, Lang::En);
    commit(&mut a, "7.25");
    // Enter moved down a row: this is 2024's export_delivery_ratio.
    press(&mut a, KeyCode::Right);
    commit(&mut a, "8");
    drop(a);
    // Another program sets that same cell.
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "label = \"2024\"\n",
        "label = \"2024\"\n[observations.values]\nexport_delivery_ratio = 3.0\n",
    );
    std::fs::write(&file, text).unwrap();
    let mut b = open(&file, Lang::En);
    let s = screen(&b);
    assert!(
        s.contains("The file was changed after this session started"),
        "{s}"
    );
    assert!(
        s.contains("2024 · export_delivery_ratio: file 3 → journal 8"),
        "{s}"
    );
    assert!(s.contains("k file wins where both changed"), "{s}");
    // k keeps the file's 3 where both changed, and still brings back 2023's 7.25.
    let ratio = |app: &App| {
        app.doc
            .as_ref()
            .unwrap()
            .survey
            .value(1, "export_delivery_ratio")
    };
    // y takes the journal's 8 where both changed.
    let dead = journals_of(&file).pop().unwrap();
    let kept = std::fs::read(&dead).unwrap();
    press(&mut b, KeyCode::Char('y'));
    assert_eq!(value(&b, 0), Some(7.25));
    assert_eq!(ratio(&b), Some(8.0));
    drop(b);
    // Again from the same journal, in Chinese: k keeps the file's 3 and still brings back 7.25.
    for j in journals_of(&file) {
        std::fs::remove_file(j).unwrap();
    }
    std::fs::write(&dead, kept).unwrap();
    let mut c = open(&file, Lang::Zh);
    assert!(shows(&c, "此会话开始后文件已被修改"), "{}", screen(&c));
    assert!(shows(&c, "k 冲突处用文件的值"), "{}", screen(&c));
    assert!(
        shows(&c, "2024 · export_delivery_ratio：文件 3 → 日志 8"),
        "{}",
        screen(&c)
    );
    press(&mut c, KeyCode::Char('k'));
    assert_eq!(value(&c, 0), Some(7.25));
    assert_eq!(ratio(&c), Some(3.0));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("export_delivery_ratio = 3.0")
    );
}

#[test]
fn a_journal_that_cannot_be_written_is_said_truthfully_until_a_write_works() {
    for lang in [Lang::En, Lang::Zh] {
        let dir = tempfile::tempdir().unwrap();
        let file = copy(dir.path());
        let mut app = open(&file, lang);
        commit(&mut app, "4");
        step(
            &mut app,
            Msg::JournalFailed("no space left on device".into()),
        );
        let m = message(&app);
        match lang {
            Lang::En => assert!(
                m.starts_with("journal not written: the last change is only in memory"),
                "{m}"
            ),
            Lang::Zh => assert!(m.contains("最近的修改只在内存中"), "{m}"),
        }
        // The warning stays when the message line is cleared (Tab), in the title bar too.
        press(&mut app, KeyCode::Tab);
        let warning = match lang {
            Lang::En => "⚠ not journaled",
            Lang::Zh => "⚠ 未写入日志",
        };
        assert!(shows(&app, warning), "{}", screen(&app));
        // A failed save does not claim the changes are in the journal.
        step(
            &mut app,
            Msg::Written {
                purpose: beltscope::tui::update::Purpose::Save,
                path: file.clone(),
                result: Err("no space left on device".into()),
                stamp: None,
            },
        );
        let m = message(&app);
        assert!(
            !m.contains("in the recovery journal") && !m.contains("仍在此处和恢复日志中"),
            "{m}"
        );
        match lang {
            Lang::En => assert!(m.contains("only in this window"), "{m}"),
            Lang::Zh => assert!(m.contains("修改只在本窗口中"), "{m}"),
        }
        // The next journal write works: the warning goes.
        press(&mut app, KeyCode::Char('q'));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::BackTab);
        press(&mut app, KeyCode::Right);
        commit(&mut app, "5");
        assert_eq!(app.journal_error, None);
        assert!(!screen(&app).contains("⚠"));
    }
}

#[test]
fn a_same_length_edit_keeping_the_time_is_still_seen_before_saving() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy(dir.path());
    let mut app = open(&file, Lang::En);
    commit(&mut app, "4");
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Two years", "Two Years")).unwrap();
    let f = std::fs::File::options().write(true).open(&file).unwrap();
    f.set_modified(before).unwrap();
    drop(f);
    ctrl(&mut app, 's');
    assert!(message(&app).starts_with("not saved: another program changed two.toml"));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Two Years")
    );
}

#[test]
#[cfg(unix)]
fn temp_files_of_a_killed_save_are_removed_at_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy(dir.path());
    // A child that has exited: its pid names no process any more.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let left = dir
        .path()
        .join(format!(".two.toml.beltscope-{dead}-a1B2c3.tmp"));
    std::fs::write(&left, "schema = 1\ntit").unwrap();
    let mine = dir.path().join(format!(
        ".two.toml.beltscope-{}-a1B2c3.tmp",
        std::process::id()
    ));
    std::fs::write(&mine, "being written").unwrap();
    let app = open(&file, Lang::En);
    assert!(!left.exists());
    assert!(mine.exists(), "a live writer's temp file stays");
    drop(app);
}
