//! `update`: the only place the state changes. Pure — disk and terminal work is returned as
//! [`Effect`]s for the loop to run, and their outcomes come back as [`Msg`]s — so every key
//! sequence can be tested without a terminal.
//!
//! This file holds the messages, the effects and the dispatch; each screen's handlers live in
//! their own file, and prompt answers and pastes in `prompt.rs`.

mod diagnosis;
mod entry;
mod prompt;
mod report;
pub mod restore;
mod results;
mod start;

use std::path::PathBuf;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::app::*;
use super::entry as grid;
use super::journal::JournalEntry;
use super::keys::{Action, Ctx, lookup};
use crate::lang::Lang;
use crate::model::Survey;

pub use entry::{bounds_note, bounds_note_in, validate, validate_in, value_problem_text};
pub use start::begin_new_file;

/// Something that happened: a key, a paste, a resize, or the outcome of an effect.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    Loaded(Result<Box<Loaded>, String>),
    Written {
        purpose: Purpose,
        path: PathBuf,
        result: Result<(), String>,
        /// The file's stamp after a successful write, for the next save's check.
        stamp: Option<crate::tui::app::DiskStamp>,
    },
    /// A save was held back: another program changed the file since it was opened or saved.
    ChangedOnDisk(PathBuf),
    JournalFailed(String),
    /// A journal write worked again after one failed.
    JournalOk,
    /// The outcome of [`Effect::Export`]: the report's path, the chart files written beside it.
    Exported {
        path: PathBuf,
        charts: Vec<PathBuf>,
        result: Result<(), String>,
    },
}

/// A survey read from disk, with the journals of ended sessions to offer.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub doc: Doc,
    pub recovery: Vec<crate::tui::recover::Offer>,
}

/// Why a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Save,
}

/// Work for the loop: everything that touches the disk.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Write {
        path: PathBuf,
        bytes: Vec<u8>,
        purpose: Purpose,
    },
    Journal {
        path: PathBuf,
        entry: JournalEntry,
    },
    /// Write an exported report (never over the survey or another .toml/.csv), then its chart
    /// files (name, bytes) into `charts_dir`.
    Export {
        path: PathBuf,
        bytes: Vec<u8>,
        charts_dir: PathBuf,
        charts: Vec<(String, Vec<u8>)>,
    },
    ClearJournal(PathBuf),
    SetAsideJournal(PathBuf),
    /// Append `entry` to this session's `journal`, then (only if that worked) remove `from`,
    /// the restored journal of an ended session.
    Adopt {
        from: PathBuf,
        journal: PathBuf,
        entry: JournalEntry,
    },
    Open(PathBuf),
    /// Write a new survey (refusing to replace a file) and open it.
    Create {
        path: PathBuf,
        survey: Box<Survey>,
        /// An embedded framework id, or a framework path as the user typed it.
        framework: String,
    },
    CreateExample(PathBuf),
    Remember(PathBuf),
    /// Keep the language chosen with `L` for the next session.
    RememberLang(Lang),
}

/// The key context of the current mode and screen.
pub fn ctx(app: &App) -> Ctx {
    match &app.mode {
        Mode::Edit => Ctx::Edit,
        Mode::Prompt(_) => Ctx::Prompt,
        Mode::Confirm(Confirm::Quit(_)) => Ctx::ConfirmQuit,
        Mode::Confirm(_) => Ctx::ConfirmYesNo,
        Mode::Help | Mode::Problems => Ctx::Help,
        Mode::Normal => match app.screen {
            Screen::Start => Ctx::Start,
            Screen::Entry(_) => Ctx::Entry,
            Screen::Results => Ctx::Results,
            Screen::Diagnosis => Ctx::Diagnosis,
            Screen::Report => Ctx::Report,
        },
    }
}

pub(super) fn info(app: &mut App, tone: Tone, s: impl Into<String>) {
    app.message = Some((tone, s.into()));
}

/// Applies one message; returns the effects to run. A read-only survey stays as it was.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let before = app
        .doc
        .as_ref()
        .filter(|d| matches!(d.access, Access::ReadOnly(_)))
        .map(|d| (d.path.clone(), d.survey.clone()));
    let fx = apply(app, msg);
    restore::guard_read_only(app, before, fx)
}

fn apply(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(k) => key(app, k),
        Msg::Paste(text) => prompt::paste(app, &text),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            grid::scroll_into_view(app);
            vec![]
        }
        Msg::Loaded(Ok(l)) => {
            let path = l.doc.path.clone();
            let name = display_name(&path);
            app.set_doc(l.doc);
            grid::scroll_into_view(app);
            let head = app.tr("opened", "已打开");
            info(app, Tone::Info, format!("{head} {name}"));
            if let Some(Doc {
                access: Access::ReadOnly(other),
                ..
            }) = &app.doc
            {
                let m = restore::read_only_text(app.lang, &name, other);
                info(app, Tone::Bad, m);
            }
            app.offers = l.recovery;
            let mut fx = restore::next_offer(app);
            fx.push(Effect::Remember(path));
            fx
        }
        Msg::Loaded(Err(e)) => {
            info(app, Tone::Bad, e);
            vec![]
        }
        Msg::Written {
            purpose,
            path,
            result,
            stamp,
        } => {
            if result.is_ok() {
                app.overwrite_changed = false;
                // The changes are in the file now: nothing is only in memory any more.
                app.journal_error = None;
                if let Some(d) = app.doc.as_mut().filter(|d| d.path == path) {
                    d.disk = stamp;
                }
            }
            written(app, purpose, path, result)
        }
        Msg::ChangedOnDisk(path) => {
            app.overwrite_changed = true;
            app.quit_after_save = false;
            let m = match app.lang {
                Lang::En => format!(
                    "not saved: another program changed {} since it was opened — Ctrl-S again writes over it; or quit ({}) and open it again to see the other changes",
                    display_name(&path),
                    restore::changes_are_in(app)
                ),
                Lang::Zh => format!(
                    "未保存：{} 在打开后被其他程序修改过——再按 Ctrl-S 将覆盖它；或退出（{}）后重新打开以查看那些修改",
                    display_name(&path),
                    restore::changes_are_in(app)
                ),
            };
            info(app, Tone::Bad, m);
            vec![]
        }
        Msg::Exported {
            path,
            charts,
            result,
        } => report::exported(app, &path, &charts, result),
        Msg::JournalFailed(e) => {
            let m = restore::journal_failed(app, &e);
            app.journal_error = Some(e);
            info(app, Tone::Bad, m);
            vec![]
        }
        Msg::JournalOk => {
            app.journal_error = None;
            vec![]
        }
    }
}

fn written(
    app: &mut App,
    purpose: Purpose,
    path: PathBuf,
    result: Result<(), String>,
) -> Vec<Effect> {
    match (purpose, result) {
        (Purpose::Save, Ok(())) => {
            let Some(d) = app.doc.as_mut() else {
                return vec![];
            };
            d.saved = d.survey.clone();
            if d.format == Format::Toml {
                d.source = d.survey.to_toml_over(&d.source);
            }
            let jp = d.journal();
            let mut msg = format!(
                "{} {}",
                app.lang.tr("saved", "已保存"),
                display_name(&d.path)
            );
            if d.format == Format::Csv && d.survey.method != crate::engine::MethodSpec::default() {
                msg.push_str(app.lang.tr(
                    " (CSV keeps the data only; method settings are not stored)",
                    "（CSV 只保存数据，方法设置不会保存）",
                ));
            }
            info(app, Tone::Good, msg);
            if app.quit_after_save {
                app.quit = true;
            }
            jp.map(Effect::ClearJournal).into_iter().collect()
        }
        (Purpose::Save, Err(e)) => {
            app.quit_after_save = false;
            let m = restore::save_failed(app, &path, &e);
            info(app, Tone::Bad, m);
            vec![]
        }
    }
}

fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let c = ctx(app);
    let action = lookup(c, &k);
    match app.mode.clone() {
        // A cell being edited and a prompt being answered share everything but what Enter does.
        mode @ (Mode::Edit | Mode::Prompt(_)) => match action {
            Some(Action::Commit) => match mode {
                Mode::Prompt(p) => prompt::answer(app, p),
                _ => entry::commit_edit(app),
            },
            Some(Action::Cancel) => {
                app.mode = Mode::Normal;
                app.message = None;
                vec![]
            }
            Some(Action::Interrupt) => {
                app.mode = Mode::Normal;
                request_quit(app)
            }
            _ => {
                // Only a freshly opened filled cell is replaced by the first character typed.
                let typed = matches!(k.code, KeyCode::Char(_))
                    && !k.modifiers.contains(KeyModifiers::CONTROL);
                if std::mem::take(&mut app.edit_fresh) && typed {
                    app.input = Input::default();
                }
                app.input.handle_event(&Event::Key(k));
                vec![]
            }
        },
        Mode::Help | Mode::Problems => {
            match action {
                Some(Action::Cancel) => {
                    app.mode = Mode::Normal;
                    app.scroll = 0;
                }
                Some(a @ (Action::Down | Action::Up)) => scroll(app, a),
                _ => {}
            }
            vec![]
        }
        // An unseen question (window too small to draw it) takes only Esc.
        Mode::Confirm(_)
            if (app.size.0 < super::view::MIN_SIZE.0 || app.size.1 < super::view::MIN_SIZE.1)
                && action != Some(Action::Cancel) =>
        {
            vec![]
        }
        Mode::Confirm(q) => confirm(app, q, action),
        Mode::Normal => match action {
            Some(a) => normal(app, a, k),
            None => vec![],
        },
    }
}

fn request_quit(app: &mut App) -> Vec<Effect> {
    match &app.doc {
        Some(d) if d.survey != d.saved => {
            app.mode = Mode::Confirm(Confirm::Quit(unsaved_summary(d, app.lang)));
        }
        Some(d) => {
            // Nothing unsaved: a journal left from edits that were undone is of no use.
            app.quit = true;
            return d.journal().map(Effect::ClearJournal).into_iter().collect();
        }
        None => app.quit = true,
    }
    vec![]
}

/// The bytes of the survey in its own format.
pub fn survey_bytes(d: &Doc) -> Vec<u8> {
    match d.format {
        Format::Toml => d.survey.to_toml_over(&d.source).into_bytes(),
        Format::Csv => super::save::to_csv(&d.survey, &d.framework, &d.csv_columns),
        // Never reached: saving a workbook is refused in `save`.
        Format::Workbook => Vec::new(),
    }
}

pub(super) fn save(app: &mut App) -> Vec<Effect> {
    match &app.doc {
        Some(d) if d.format == Format::Workbook => {
            let msg = format!(
                "a workbook is not written over (its layout and other sheets would be lost): `beltscope import {} -o survey.toml` makes a survey to edit — {}",
                display_name(&d.path),
                restore::changes_are_in(app)
            );
            info(app, Tone::Bad, msg);
            vec![]
        }
        Some(Doc {
            access: Access::ReadOnly(other),
            path,
            ..
        }) => {
            let m = restore::read_only_text(app.lang, &display_name(path), other);
            info(app, Tone::Bad, m);
            vec![]
        }
        Some(d) => vec![Effect::Write {
            path: d.path.clone(),
            bytes: survey_bytes(d),
            purpose: Purpose::Save,
        }],
        None => {
            let m = app.tr(
                "nothing to save: open or create a survey first",
                "没有可保存的内容：请先打开或新建调查",
            );
            info(app, Tone::Info, m);
            vec![]
        }
    }
}

pub(super) fn prompt(app: &mut App, kind: PromptKind, question: &str, hint: &str, initial: &str) {
    app.input = Input::new(initial.to_string());
    app.mode = Mode::Prompt(Prompt {
        kind,
        question: question.to_string(),
        hint: hint.to_string(),
    });
}

/// Pushes an undo step and journals a whole snapshot after a structural change.
pub(super) fn snapshot_change(app: &mut App, before: Survey) -> Vec<Effect> {
    app.undo.push(before);
    app.recompute();
    match app.doc.as_ref().and_then(|d| Some((d.journal()?, d))) {
        Some((path, d)) => vec![Effect::Journal {
            path,
            entry: JournalEntry::Snapshot {
                toml: d.survey.to_toml(),
            },
        }],
        None => vec![],
    }
}

fn normal(app: &mut App, a: Action, k: KeyEvent) -> Vec<Effect> {
    match a {
        Action::NextScreen | Action::PrevScreen => {
            let s = app.screens();
            let i = s.iter().position(|x| *x == app.screen).unwrap_or(0);
            let n = s.len();
            app.screen = if a == Action::NextScreen {
                s[(i + 1) % n]
            } else {
                s[(i + n - 1) % n]
            };
            app.scroll = 0;
            if let Screen::Entry(_) = app.screen {
                grid::clamp_cursor(app);
                grid::scroll_into_view(app);
            }
            app.message = None;
            vec![]
        }
        Action::Save => save(app),
        Action::Help => {
            app.mode = Mode::Help;
            app.scroll = 0;
            vec![]
        }
        Action::Quit | Action::Interrupt => request_quit(app),
        Action::ToggleLang => {
            app.lang = match app.lang {
                Lang::En => Lang::Zh,
                Lang::Zh => Lang::En,
            };
            app.recompute();
            grid::scroll_into_view(app);
            vec![Effect::RememberLang(app.lang)]
        }
        Action::Undo => undo(app),
        Action::ShowProblems => {
            app.mode = Mode::Problems;
            app.scroll = 0;
            vec![]
        }
        _ => match app.screen {
            Screen::Start => start::action(app, a),
            Screen::Entry(_) => entry::action(app, a, k),
            Screen::Results => results::action(app, a),
            Screen::Diagnosis => diagnosis::action(app, a),
            Screen::Report => report::action(app, a),
        },
    }
}

pub(super) fn scroll(app: &mut App, a: Action) {
    let page = app.size.1.saturating_sub(6).max(1);
    app.scroll = match a {
        Action::Down => app.scroll.saturating_add(1),
        Action::Up => app.scroll.saturating_sub(1),
        Action::PageDown => app.scroll.saturating_add(page),
        Action::PageUp => app.scroll.saturating_sub(page),
        _ => app.scroll,
    };
}

fn undo(app: &mut App) -> Vec<Effect> {
    let Some(prev) = app.undo.pop() else {
        let m = app.tr("nothing to undo", "没有可撤销的操作");
        info(app, Tone::Info, m);
        return vec![];
    };
    let Some(d) = app.doc.as_mut() else {
        return vec![];
    };
    d.survey = prev;
    let jp = d.journal();
    let entry = JournalEntry::Snapshot {
        toml: d.survey.to_toml(),
    };
    app.recompute();
    grid::clamp_cursor(app);
    let m = app.tr("undone", "已撤销");
    info(app, Tone::Info, m);
    jp.map(|path| Effect::Journal { path, entry })
        .into_iter()
        .collect()
}

fn confirm(app: &mut App, q: Confirm, action: Option<Action>) -> Vec<Effect> {
    match (q, action) {
        (Confirm::Quit(_), Some(Action::SaveChoice)) => {
            app.mode = Mode::Normal;
            app.quit_after_save = true;
            save(app)
        }
        (Confirm::Quit(_), Some(Action::DiscardChoice)) => {
            app.quit = true;
            match &app.doc {
                Some(d) => d
                    .journal()
                    .map(Effect::SetAsideJournal)
                    .into_iter()
                    .collect(),
                None => vec![],
            }
        }
        (Confirm::Paste(plan), Some(Action::Yes)) => {
            app.mode = Mode::Normal;
            prompt::apply_paste(app, *plan)
        }
        (Confirm::DeleteObservation(i), Some(Action::Yes)) => {
            app.mode = Mode::Normal;
            let Some(d) = app.doc.as_mut() else {
                return vec![];
            };
            if i >= d.survey.observations.len() {
                return vec![];
            }
            let before = d.survey.clone();
            let gone = d.survey.observations.remove(i);
            let fx = snapshot_change(app, before);
            grid::clamp_cursor(app);
            grid::scroll_into_view(app);
            info(
                app,
                Tone::Info,
                match app.lang {
                    Lang::En => format!("deleted observation `{}` (Ctrl-Z undoes)", gone.label),
                    Lang::Zh => format!("已删除“{}”（Ctrl-Z 撤销）", gone.label),
                },
            );
            fx
        }
        (Confirm::Restore { .. }, Some(Action::Yes)) => restore::accept(app, true),
        (Confirm::Restore { .. }, Some(Action::KeepFile)) => restore::accept(app, false),
        (Confirm::Restore { .. }, Some(Action::No)) => restore::decline(app),
        (Confirm::Restore { .. }, Some(Action::Cancel)) => vec![],
        (_, Some(Action::No | Action::Cancel)) => {
            app.mode = Mode::Normal;
            app.message = None;
            vec![]
        }
        _ => vec![],
    }
}
