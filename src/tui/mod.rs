//! The guided TUI: Start → Entry (core, sub-core, outer) → Results → Diagnosis →
//! Report.
//!
//! The Elm Architecture: [`App`] is the state, [`update`] the only place it changes (pure,
//! returns [`Effect`]s), [`view::view`] only draws, and this module's loop runs the effects
//! (save, journal, export, open) and feeds their outcomes back. One screen = one module.

pub mod app;
pub mod config;
pub mod diagnosis;
pub mod entry;
pub mod entry_head;
pub mod journal;
pub mod keys;
pub mod number;
pub mod paste;
pub mod problems;
pub mod recover;
pub mod report;
pub mod results;
pub mod results_more;
pub mod save;
pub mod session;
pub mod start;
pub mod summary;
pub mod update;
pub mod view;

use std::collections::VecDeque;
use std::io::{Write, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::{cursor, execute};

pub use app::App;
pub use update::{Effect, Msg, update};

use crate::files;
use crate::lang::Lang;
use crate::model::SurveyDoc;
use app::{Access, Doc, Format};
use update::Loaded;

/// The example survey, embedded so "open an example" works anywhere.
pub const EXAMPLE_SURVEY: &str = include_str!("../../surveys/example-belt.toml");

/// Reads a survey and its framework, takes its lock (or opens it read-only when another live
/// session has it), removes temp files a killed save left, and offers every journal of an ended
/// session that would change something.
pub fn load(path: &Path) -> Result<Loaded, String> {
    let input = files::load_input(path, None).map_err(|p| {
        let first = p.first().map_or(String::new(), |x| match x.place() {
            Some(pl) => format!("{pl}: {}", x.message),
            None => x.message.clone(),
        });
        format!(
            "cannot open {}: {first}{} — `beltscope validate {}` lists everything",
            path.display(),
            if p.len() > 1 {
                format!(" (+{} more)", p.len() - 1)
            } else {
                String::new()
            },
            path.display()
        )
    })?;
    let format = match crate::model::FileKind::of(path) {
        crate::model::FileKind::Csv => Format::Csv,
        crate::model::FileKind::Workbook => Format::Workbook,
        _ => Format::Toml,
    };
    let csv_columns = input.doc.spans.columns.keys().cloned().collect();
    let source = input.doc.text;
    let survey = input.doc.survey;
    let disk = app::disk_stamp(path);
    let access = match session::acquire(path) {
        Ok(held) => Access::Own(Arc::new(held)),
        Err(other) => Access::ReadOnly(other),
    };
    let mut recovery = Vec::new();
    if let Access::Own(held) = &access {
        for t in files::stale_temps(path, session::pid_alive) {
            let _ = std::fs::remove_file(t);
        }
        let live = &held.info.session;
        for offer in recover::offers(path, &input.framework, &survey, disk.map(|d| d.hash), live) {
            let m = offer.merge(&input.framework, &survey);
            if m.mine == survey && m.theirs == survey {
                // Everything it holds is in the file already (saved, then killed).
                let _ = journal::clear(&offer.journal);
            } else {
                recovery.push(offer);
            }
        }
    }
    Ok(Loaded {
        doc: Doc {
            path: path.to_path_buf(),
            format,
            framework: input.framework,
            saved: survey.clone(),
            survey,
            csv_columns,
            source,
            disk,
            access,
        },
        recovery,
    })
}

fn create(path: &Path, text: &[u8]) -> Result<Loaded, String> {
    if path.exists() {
        return Err(format!(
            "{} exists already: choose another name",
            path.display()
        ));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    files::write_atomic(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    load(path)
}

/// Writes an exported report, then its charts. It follows `report -o`'s rule: never over the
/// survey or another existing .toml/.csv (somebody's data); no chart is written when the report
/// is refused.
fn export(
    app: &App,
    path: PathBuf,
    bytes: &[u8],
    charts_dir: &Path,
    charts: Vec<(String, Vec<u8>)>,
) -> Msg {
    let refused = app.doc.as_ref().and_then(|d| {
        crate::files::check_output(&path, &d.path)
            .err()
            .and_then(|p| p.first().map(|p| p.message.clone()))
    });
    let mut written = Vec::new();
    let mut result = match refused {
        Some(why) => Err(why),
        None => files::write_atomic(&path, bytes).map_err(|e| e.to_string()),
    };
    if result.is_ok() && !charts.is_empty() {
        result = std::fs::create_dir_all(charts_dir)
            .map_err(|e| format!("{}: {e}", charts_dir.display()));
        for (name, data) in charts {
            if result.is_err() {
                break;
            }
            let p = charts_dir.join(name);
            result = files::write_atomic(&p, &data).map_err(|e| format!("{}: {e}", p.display()));
            if result.is_ok() {
                written.push(p);
            }
        }
    }
    Msg::Exported {
        path,
        charts: written,
        result,
    }
}

/// Runs one effect; its outcome, if any, comes back as a message.
pub fn perform(app: &App, e: Effect) -> Option<Msg> {
    match e {
        Effect::Write {
            path,
            bytes,
            purpose,
        } => {
            let expected = app.doc.as_ref().filter(|d| d.path == path).map(|d| d.disk);
            // A file that is gone has nothing to lose: only one changed in place holds a save.
            let now = app::disk_stamp(&path);
            let changed = matches!(expected, Some(was) if now.is_some() && now != was);
            if changed && !app.overwrite_changed {
                return Some(Msg::ChangedOnDisk(path));
            }
            for t in files::stale_temps(&path, session::pid_alive) {
                let _ = std::fs::remove_file(t);
            }
            let result = files::write_atomic(&path, &bytes).map_err(|e| e.to_string());
            let stamp = result.as_ref().ok().and_then(|_| app::disk_stamp(&path));
            Some(Msg::Written {
                purpose,
                path,
                result,
                stamp,
            })
        }
        Effect::Export {
            path,
            bytes,
            charts_dir,
            charts,
        } => Some(export(app, path, &bytes, &charts_dir, charts)),
        Effect::Journal { path, entry } => match journal::append(&path, &entry, || header(app)) {
            Ok(()) => app.journal_error.is_some().then_some(Msg::JournalOk),
            Err(e) => Some(Msg::JournalFailed(e.to_string())),
        },
        Effect::Adopt {
            from,
            journal: to,
            entry,
        } => match journal::append(&to, &entry, || header(app)) {
            // The restored state is safe in this session's journal: the old one may go.
            Ok(()) => match journal::clear(&from) {
                Ok(()) => app.journal_error.is_some().then_some(Msg::JournalOk),
                Err(e) => Some(Msg::JournalFailed(e.to_string())),
            },
            Err(e) => Some(Msg::JournalFailed(e.to_string())),
        },
        Effect::ClearJournal(p) => journal::clear(&p)
            .err()
            .map(|e| Msg::JournalFailed(e.to_string())),
        Effect::SetAsideJournal(p) => {
            if p.exists() {
                let _ = journal::set_aside(&p);
            }
            None
        }
        Effect::Open(p) => Some(Msg::Loaded(load(&p).map(Box::new))),
        Effect::Create {
            path,
            mut survey,
            framework,
        } => {
            let result = files::load_framework(&framework, None)
                .map(|(fw, _)| {
                    if crate::model::Framework::embedded(&framework).is_none() {
                        survey.framework =
                            crate::files::relative_to(Path::new(&framework), path.parent());
                    }
                    fw
                })
                .map_err(|p| {
                    p.first()
                        .map_or("cannot read the framework".into(), |x| x.message.clone())
                });
            // A new `.csv` is a CSV template (header and labels), saved as CSV from then on.
            let bytes = result.map(|fw| match crate::model::FileKind::of(&path) {
                crate::model::FileKind::Csv => save::to_csv(&survey, &fw, &[]),
                _ => survey.to_toml().into_bytes(),
            });
            Some(Msg::Loaded(
                bytes.and_then(|b| create(&path, &b)).map(Box::new),
            ))
        }
        Effect::CreateExample(path) => {
            // The embedded example names the embedded framework, so it opens anywhere.
            let ok = SurveyDoc::parse("example.toml", EXAMPLE_SURVEY).is_ok();
            let r = if ok {
                create(&path, EXAMPLE_SURVEY.as_bytes())
            } else {
                Err("the embedded example is broken".into())
            };
            Some(Msg::Loaded(r.map(Box::new)))
        }
        Effect::Remember(p) => {
            if let Some(file) = &app.recent_file {
                let _ = config::remember_survey(file, &p);
            }
            None
        }
        Effect::RememberLang(lang) => {
            if let Some(file) = &app.recent_file {
                let _ = config::remember_lang(file, lang);
            }
            None
        }
    }
}

/// The first line of this session's journal: who writes it and the survey file it starts from.
fn header(app: &App) -> journal::JournalEntry {
    let (who, hash, base) = match &app.doc {
        Some(d) => (
            match &d.access {
                Access::Own(h) => h.info.clone(),
                Access::ReadOnly(_) => session::SessionInfo::new(),
            },
            d.disk.map_or(0, |s| s.hash),
            d.saved.to_toml(),
        ),
        None => (session::SessionInfo::new(), 0, String::new()),
    };
    journal::JournalEntry::Header {
        who,
        hash: format!("{hash:016x}"),
        base,
    }
}

/// Updates with `msg` and runs the resulting effects until none are left: what the loop does
/// per event, usable in tests without a terminal.
pub fn step(app: &mut App, msg: Msg) {
    let mut queue: VecDeque<Effect> = update(app, msg).into();
    while let Some(e) = queue.pop_front() {
        if let Some(m) = perform(app, e) {
            queue.extend(update(app, m));
        }
    }
}

/// Runs effects returned outside `step` (the initial open).
pub fn run_effects(app: &mut App, fx: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = fx.into();
    while let Some(e) = queue.pop_front() {
        if let Some(m) = perform(app, e) {
            queue.extend(update(app, m));
        }
    }
}

/// Restores the terminal: bracketed paste off, raw mode and alternate screen off, cursor shown.
fn restore_terminal() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(stdout(), cursor::Show);
}

/// Owns the terminal for the TUI's lifetime; dropping it (also on an error path) restores it.
struct TerminalGuard {
    terminal: ratatui::DefaultTerminal,
}

impl TerminalGuard {
    fn new() -> std::io::Result<Self> {
        // Our hook first: ratatui's (installed by init) restores, then calls this one.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
            eprintln!(
                "beltscope stopped unexpectedly. Committed cells are in the recovery journal \
                 next to the survey (.<file>.beltscope-journal.*), unless the screen said the \
                 journal could not be written; open the survey again to restore them."
            );
        }));
        let terminal = ratatui::try_init()?;
        execute!(stdout(), EnableBracketedPaste)?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// A flag raised by SIGTERM, SIGHUP, SIGQUIT or an external SIGINT (Ctrl-C itself arrives as a
/// key in raw mode): the loop then leaves through the terminal guard, so the terminal is
/// restored instead of left raw in the alternate screen. Committed cells are already in the
/// journal, so nothing typed is lost.
///
/// A terminal that is gone (its window closed, `tmux kill-server`) stays readable while every
/// read returns nothing, and crossterm's `poll` then spins inside without returning, so the loop
/// never sees the flag (the process would burn a core forever). A watchdog thread ends the
/// process when the loop has not left a moment after a signal.
fn stop_on_signals() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in [SIGTERM, SIGHUP, SIGQUIT, SIGINT] {
        // Registration fails only for forbidden signals; these four are allowed everywhere.
        let _ = signal_hook::flag::register(sig, Arc::clone(&flag));
    }
    let watched = Arc::clone(&flag);
    std::thread::spawn(move || {
        while !watched.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_millis(1500));
        restore_terminal();
        // Not eprintln!: it panics when the terminal it would write to is gone.
        let _ = writeln!(
            std::io::stderr(),
            "beltscope: stopped by a signal; committed cells are in the recovery journal next to the survey"
        );
        std::process::exit(129);
    });
    flag
}

/// What is said on stderr after a signal stopped the TUI: the truth about the journal.
pub fn stopped_message(app: &App) -> String {
    match (app.dirty(), &app.journal_error, app.lang) {
        (false, _, _) => app.tr("stopped by a signal", "已被信号终止").into(),
        (true, None, Lang::En) => "stopped by a signal; the unsaved changes are in the recovery journal next to the survey: open it again to restore them".into(),
        (true, None, Lang::Zh) => "已被信号终止；未保存的修改在调查文件旁的恢复日志中：重新打开即可恢复".into(),
        (true, Some(e), Lang::En) => format!("stopped by a signal; the recovery journal could not be written ({e}), so the last unsaved changes are lost: only those journaled before are offered at the next open"),
        (true, Some(e), Lang::Zh) => format!("已被信号终止；恢复日志无法写入（{e}），最近未保存的修改已丢失：下次打开只能恢复此前写入日志的修改"),
    }
}

/// Opens the TUI: on the Start screen, or on `path` (created after asking for the labels when
/// it does not exist).
pub fn run(path: Option<PathBuf>, lang: Lang) -> Result<(), String> {
    let recent_path = config::config_file();
    let remembered = recent_path.as_deref().map(config::load).unwrap_or_default();
    // The flag's default is English: a remembered Chinese wins over it.
    let lang = match (lang, remembered.lang()) {
        (Lang::En, Some(l)) => l,
        (l, _) => l,
    };
    if lang == Lang::Zh
        && let Some(file) = &recent_path
    {
        // Chosen on the command line or remembered: either way the next session starts so.
        let _ = config::remember_lang(file, lang);
    }
    let recent = remembered.recent;
    let mut app = App::new(lang, start::items(Path::new("surveys"), &recent));
    app.recent_file = recent_path;
    let mut guard =
        TerminalGuard::new().map_err(|e| format!("cannot start the terminal UI: {e}"))?;
    // A terminal that still shows an earlier program's screen would leave its characters in
    // cells ratatui believes are blank (`2402` where 402 was drawn).
    let _ = guard.terminal.clear();
    let size = guard.terminal.size().map_err(|e| e.to_string())?;
    update(&mut app, Msg::Resize(size.width, size.height));
    match path {
        Some(p) if p.exists() => run_effects(&mut app, vec![Effect::Open(p)]),
        Some(p) => update::begin_new_file(&mut app, p),
        None => {}
    }
    let stop = stop_on_signals();
    loop {
        guard
            .terminal
            .draw(|f| view::view(&app, f))
            .map_err(|e| format!("cannot draw: {e}"))?;
        if app.quit {
            break;
        }
        if stop.load(Ordering::Relaxed) {
            drop(guard);
            return Err(stopped_message(&app));
        }
        // Poll, so a signal is noticed within a quarter second even while no key comes.
        if !event::poll(Duration::from_millis(250))
            .map_err(|e| format!("cannot read the terminal: {e}"))?
        {
            continue;
        }
        let msg = match event::read().map_err(|e| format!("cannot read the terminal: {e}"))? {
            Event::Key(k) if k.kind == KeyEventKind::Press => Msg::Key(k),
            Event::Paste(s) => Msg::Paste(s),
            Event::Resize(w, h) => {
                let _ = guard.terminal.clear();
                Msg::Resize(w, h)
            }
            _ => continue,
        };
        step(&mut app, msg);
    }
    drop(guard);
    Ok(())
}
