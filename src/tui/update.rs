//! `update`: the only place the state changes. Pure — disk and terminal work is returned as
//! [`Effect`]s for the loop to run, and their outcomes come back as [`Msg`]s — so every key
//! sequence can be tested without a terminal.

use std::path::PathBuf;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::app::*;
use super::journal::JournalEntry;
use super::keys::{Action, Ctx, lookup};
use super::number::parse_cell;
use super::{entry, report};
use crate::engine::{CouplingModel, Normalization, Weighting};
use crate::lang::Lang;
use crate::model::parse_labels;
use crate::model::{DEFAULT_FRAMEWORK_ID, Framework, Observation, Survey};

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
    },
    JournalFailed(String),
}

/// A survey read from disk, with a recovery offer when a newer journal was found.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub doc: Doc,
    pub recovery: Option<(PathBuf, Survey, usize)>,
}

/// Why a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Save,
    Export,
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
    ClearJournal(PathBuf),
    SetAsideJournal(PathBuf),
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
}

/// The key context of the current mode and screen.
pub fn ctx(app: &App) -> Ctx {
    match &app.mode {
        Mode::Edit => Ctx::Edit,
        Mode::Prompt(_) => Ctx::Prompt,
        Mode::Confirm(Confirm::Quit(_)) => Ctx::ConfirmQuit,
        Mode::Confirm(_) => Ctx::ConfirmYesNo,
        Mode::Help => Ctx::Help,
        Mode::Normal => match app.screen {
            Screen::Start => Ctx::Start,
            Screen::Entry(_) => Ctx::Entry,
            Screen::Results => Ctx::Results,
            Screen::Diagnosis => Ctx::Diagnosis,
            Screen::Report => Ctx::Report,
        },
    }
}

fn info(app: &mut App, tone: Tone, s: impl Into<String>) {
    app.message = Some((tone, s.into()));
}

/// Applies one message; returns the effects to run.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(k) => key(app, k),
        Msg::Paste(text) => paste(app, &text),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            entry::scroll_into_view(app);
            vec![]
        }
        Msg::Loaded(Ok(l)) => {
            let path = l.doc.path.clone();
            let name = display_name(&path);
            app.set_doc(l.doc);
            entry::scroll_into_view(app);
            info(app, Tone::Info, format!("opened {name}"));
            if let Some((journal, recovered, entries)) = l.recovery {
                app.mode = Mode::Confirm(Confirm::Restore {
                    journal,
                    recovered: Box::new(recovered),
                    entries,
                });
            }
            vec![Effect::Remember(path)]
        }
        Msg::Loaded(Err(e)) => {
            info(app, Tone::Bad, e);
            vec![]
        }
        Msg::Written {
            purpose,
            path,
            result,
        } => written(app, purpose, path, result),
        Msg::JournalFailed(e) => {
            info(
                app,
                Tone::Bad,
                format!("recovery journal not written ({e}); save with Ctrl-S soon"),
            );
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
            let jp = super::journal::path_for(&d.path);
            let mut msg = format!("saved {}", display_name(&d.path));
            if d.format == Format::Csv && d.survey.method != crate::engine::MethodSpec::default() {
                msg.push_str(" (CSV keeps the data only; method settings are not stored)");
            }
            info(app, Tone::Good, msg);
            if app.quit_after_save {
                app.quit = true;
            }
            vec![Effect::ClearJournal(jp)]
        }
        (Purpose::Save, Err(e)) => {
            app.quit_after_save = false;
            info(
                app,
                Tone::Bad,
                format!(
                    "could not save {}: {e} — nothing is lost: the changes stay here and in the recovery journal",
                    path.display()
                ),
            );
            vec![]
        }
        (Purpose::Export, Ok(())) => {
            info(
                app,
                Tone::Good,
                format!("report written to {}", path.display()),
            );
            vec![]
        }
        (Purpose::Export, Err(e)) => {
            info(
                app,
                Tone::Bad,
                format!("could not write {}: {e}", path.display()),
            );
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
                Mode::Prompt(p) => answer(app, p),
                _ => commit_edit(app),
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
        Mode::Help => {
            if action == Some(Action::Cancel) {
                app.mode = Mode::Normal;
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
            app.mode = Mode::Confirm(Confirm::Quit(unsaved_summary(d)));
        }
        Some(d) => {
            // Nothing unsaved: a journal left from edits that were undone is of no use.
            app.quit = true;
            return vec![Effect::ClearJournal(super::journal::path_for(&d.path))];
        }
        None => app.quit = true,
    }
    vec![]
}

/// The bytes of the survey in its own format.
pub fn survey_bytes(d: &Doc) -> Vec<u8> {
    match d.format {
        Format::Toml => d.survey.to_toml_over(&d.source).into_bytes(),
        Format::Csv => super::save::to_csv(&d.survey, &d.framework, &d.csv_columns).into_bytes(),
    }
}

fn save(app: &mut App) -> Vec<Effect> {
    match &app.doc {
        Some(d) => vec![Effect::Write {
            path: d.path.clone(),
            bytes: survey_bytes(d),
            purpose: Purpose::Save,
        }],
        None => {
            info(
                app,
                Tone::Info,
                "nothing to save: open or create a survey first",
            );
            vec![]
        }
    }
}

fn prompt(app: &mut App, kind: PromptKind, question: &str, hint: &str, initial: &str) {
    app.input = Input::new(initial.to_string());
    app.mode = Mode::Prompt(Prompt {
        kind,
        question: question.to_string(),
        hint: hint.to_string(),
    });
}

/// Pushes an undo step and journals a whole snapshot after a structural change.
fn snapshot_change(app: &mut App, before: Survey) -> Vec<Effect> {
    app.undo.push(before);
    app.recompute();
    match &app.doc {
        Some(d) => vec![Effect::Journal {
            path: super::journal::path_for(&d.path),
            entry: JournalEntry::Snapshot {
                toml: d.survey.to_toml(),
            },
        }],
        None => vec![],
    }
}

fn change_method(
    app: &mut App,
    f: impl FnOnce(&mut crate::engine::MethodSpec) -> String,
) -> Vec<Effect> {
    let Some(d) = app.doc.as_mut() else {
        return vec![];
    };
    let before = d.survey.clone();
    let what = f(&mut d.survey.method);
    let fx = snapshot_change(app, before);
    info(
        app,
        Tone::Info,
        format!("{what} — [method] modified; Ctrl-S saves it"),
    );
    fx
}

fn next_of<T: Copy + PartialEq>(all: &[T], cur: T) -> T {
    let i = all.iter().position(|x| *x == cur).unwrap_or(0);
    all[(i + 1) % all.len()]
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
                entry::clamp_cursor(app);
                entry::scroll_into_view(app);
            }
            app.message = None;
            vec![]
        }
        Action::Save => save(app),
        Action::Help => {
            app.mode = Mode::Help;
            vec![]
        }
        Action::Quit | Action::Interrupt => request_quit(app),
        Action::ToggleLang => {
            app.lang = match app.lang {
                Lang::En => Lang::Zh,
                Lang::Zh => Lang::En,
            };
            app.recompute();
            entry::scroll_into_view(app);
            vec![]
        }
        Action::Undo => undo(app),
        _ => match app.screen {
            Screen::Start => start_action(app, a),
            Screen::Entry(_) => entry_action(app, a, k),
            Screen::Results => results_action(app, a),
            Screen::Diagnosis => {
                match a {
                    Action::Left => app.focus = app.focus.saturating_sub(1),
                    Action::Right => {
                        if let Calc::Ready(x) = &app.calc {
                            app.focus = (app.focus + 1).min(x.m().saturating_sub(1));
                        }
                    }
                    _ => scroll(app, a),
                }
                vec![]
            }
            Screen::Report => {
                if a == Action::Export {
                    let default = app.doc.as_ref().map_or("report.txt".to_string(), |d| {
                        let stem = d
                            .path
                            .file_stem()
                            .map_or("survey".into(), |s| s.to_string_lossy().into_owned());
                        d.path
                            .with_file_name(format!("{stem}-report.txt"))
                            .display()
                            .to_string()
                    });
                    prompt(
                        app,
                        PromptKind::ExportPath,
                        "Export the report to which file?",
                        "a new file name; the survey itself cannot be overwritten",
                        &default,
                    );
                } else {
                    scroll(app, a);
                }
                vec![]
            }
        },
    }
}

fn scroll(app: &mut App, a: Action) {
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
        info(app, Tone::Info, "nothing to undo");
        return vec![];
    };
    let Some(d) = app.doc.as_mut() else {
        return vec![];
    };
    d.survey = prev;
    let jp = super::journal::path_for(&d.path);
    let entry = JournalEntry::Snapshot {
        toml: d.survey.to_toml(),
    };
    app.recompute();
    entry::clamp_cursor(app);
    info(app, Tone::Info, "undone");
    vec![Effect::Journal { path: jp, entry }]
}

fn start_action(app: &mut App, a: Action) -> Vec<Effect> {
    let n = app.start_items.len();
    match a {
        Action::Up => app.start_sel = app.start_sel.saturating_sub(1),
        Action::Down => app.start_sel = (app.start_sel + 1).min(n.saturating_sub(1)),
        Action::NewSurvey => return start_item(app, StartItem::New),
        Action::NewFromFramework => return start_item(app, StartItem::NewFromFramework),
        Action::Open => {
            if let Some(item) = app.start_items.get(app.start_sel).cloned() {
                return start_item(app, item);
            }
        }
        _ => {}
    }
    vec![]
}

fn start_item(app: &mut App, item: StartItem) -> Vec<Effect> {
    match item {
        StartItem::Open(p) => vec![Effect::Open(p)],
        StartItem::New => {
            app.wizard = Wizard {
                framework_ref: DEFAULT_FRAMEWORK_ID.into(),
                ..Wizard::default()
            };
            wizard_prompt(app, WizardStep::Title);
            vec![]
        }
        StartItem::NewFromFramework => {
            app.wizard = Wizard::default();
            wizard_prompt(app, WizardStep::FrameworkPath);
            vec![]
        }
        StartItem::Example => {
            app.wizard = Wizard {
                framework_ref: "example".into(),
                ..Wizard::default()
            };
            wizard_prompt(app, WizardStep::FileName);
            vec![]
        }
    }
}

/// Starts the wizard for `tui FILE` on a file that does not exist yet.
pub fn begin_new_file(app: &mut App, path: PathBuf) {
    let title = path.file_stem().map_or("Untitled assessment".into(), |s| {
        s.to_string_lossy().into_owned()
    });
    app.wizard = Wizard {
        framework_ref: DEFAULT_FRAMEWORK_ID.into(),
        title,
        path: Some(path.clone()),
        ..Wizard::default()
    };
    wizard_prompt(app, WizardStep::Labels);
    info(
        app,
        Tone::Info,
        format!(
            "{} does not exist yet: a new survey for the embedded framework will be created",
            path.display()
        ),
    );
}

fn wizard_prompt(app: &mut App, step: WizardStep) {
    let (q, hint, init) = match step {
        WizardStep::FrameworkPath => (
            "Framework file (.toml)?",
            "a path, e.g. indicators/my-framework.toml",
            String::new(),
        ),
        WizardStep::Title => (
            "Title of the assessment?",
            "e.g. Home-textile belt CBEC ecosystem 2019-2024",
            String::new(),
        ),
        WizardStep::Region => (
            "Region (optional)?",
            "e.g. Example county; Enter to skip",
            String::new(),
        ),
        WizardStep::Labels => (
            "Observation labels?",
            "years as 2019..2024, or a comma list such as Hexi,Baisha",
            String::new(),
        ),
        WizardStep::FileName => (
            "Save the survey as?",
            "a new .toml file name",
            if app.wizard.framework_ref == "example" {
                "example-belt.toml".to_string()
            } else {
                let slug: String = app
                    .wizard
                    .title
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let slug = slug.trim_matches('-').to_string();
                format!(
                    "surveys/{}.toml",
                    if slug.is_empty() { "survey" } else { &slug }
                )
            },
        ),
    };
    prompt(app, PromptKind::Wizard(step), q, hint, &init);
}

fn wizard_answer(app: &mut App, step: WizardStep, text: String) -> Vec<Effect> {
    let t = text.trim().to_string();
    match step {
        WizardStep::FrameworkPath => {
            if t.is_empty() {
                info(app, Tone::Bad, "type the path of a framework file");
                return vec![];
            }
            app.wizard.framework_ref = t;
            wizard_prompt(app, WizardStep::Title);
        }
        WizardStep::Title => {
            if t.is_empty() {
                info(app, Tone::Bad, "a title is needed (it heads the report)");
                return vec![];
            }
            app.wizard.title = t;
            wizard_prompt(app, WizardStep::Region);
        }
        WizardStep::Region => {
            app.wizard.region = (!t.is_empty()).then_some(t);
            wizard_prompt(app, WizardStep::Labels);
        }
        WizardStep::Labels => match parse_labels(&t) {
            Err(e) => info(app, Tone::Bad, e),
            Ok(labels) => {
                app.wizard.labels = labels;
                match app.wizard.path.clone() {
                    Some(p) => return create(app, p),
                    None => wizard_prompt(app, WizardStep::FileName),
                }
            }
        },
        WizardStep::FileName => {
            if t.is_empty() {
                info(app, Tone::Bad, "type a file name");
                return vec![];
            }
            let p = PathBuf::from(&t);
            if app.wizard.framework_ref == "example" {
                app.mode = Mode::Normal;
                return vec![Effect::CreateExample(p)];
            }
            if !t.to_ascii_lowercase().ends_with(".toml") {
                info(app, Tone::Bad, "a survey file name ends in .toml");
                return vec![];
            }
            return create(app, p);
        }
    }
    vec![]
}

fn create(app: &mut App, path: PathBuf) -> Vec<Effect> {
    let w = &app.wizard;
    let mut s = Survey::blank(&w.framework_ref, &w.title, &w.labels);
    s.region = w.region.clone();
    app.mode = Mode::Normal;
    vec![Effect::Create {
        path,
        survey: Box::new(s),
        framework: w.framework_ref.clone(),
    }]
}

fn answer(app: &mut App, p: Prompt) -> Vec<Effect> {
    let text = app.input.value().to_string();
    let t = text.trim().to_string();
    match p.kind {
        PromptKind::Wizard(step) => wizard_answer(app, step, text),
        PromptKind::AddObservation | PromptKind::RenameObservation(_) => {
            let Some(d) = app.doc.as_mut() else {
                return vec![];
            };
            let idx = match p.kind {
                PromptKind::RenameObservation(i) => Some(i),
                _ => None,
            };
            if t.is_empty() {
                info(app, Tone::Bad, "a label cannot be empty");
                return vec![];
            }
            if d.survey
                .observations
                .iter()
                .enumerate()
                .any(|(i, o)| o.label == t && Some(i) != idx)
            {
                info(
                    app,
                    Tone::Bad,
                    format!("`{t}` is already an observation: labels are unique"),
                );
                return vec![];
            }
            let before = d.survey.clone();
            match idx {
                Some(i) => {
                    if let Some(o) = d.survey.observations.get_mut(i) {
                        o.label = t.clone();
                    }
                }
                None => {
                    d.survey.observations.push(Observation {
                        label: t.clone(),
                        values: Default::default(),
                    });
                    app.col = d.survey.observations.len() - 1;
                }
            }
            app.mode = Mode::Normal;
            let fx = snapshot_change(app, before);
            entry::scroll_into_view(app);
            info(
                app,
                Tone::Info,
                match idx {
                    Some(_) => format!("renamed to `{t}`"),
                    None => format!("added observation `{t}`"),
                },
            );
            fx
        }
        PromptKind::Shift => match parse_cell(&t) {
            Ok(x) if x >= 0.0 => {
                app.mode = Mode::Normal;
                change_method(app, |m| {
                    m.shift = Some(x);
                    format!("shift = {x}")
                })
            }
            _ => {
                info(app, Tone::Bad, "the shift is a number ≥ 0, e.g. 0.01");
                vec![]
            }
        },
        PromptKind::Top => match t.parse::<usize>() {
            Ok(x) => {
                app.mode = Mode::Normal;
                change_method(app, |m| {
                    m.top = Some(x);
                    format!("top = {x}")
                })
            }
            Err(_) => {
                info(app, Tone::Bad, "top is a whole number ≥ 0, e.g. 3");
                vec![]
            }
        },
        PromptKind::ExportPath => {
            let Some(d) = &app.doc else {
                return vec![];
            };
            if t.is_empty() {
                info(app, Tone::Bad, "type a file name");
                return vec![];
            }
            let target = PathBuf::from(&t);
            let same = match (std::path::absolute(&target), std::path::absolute(&d.path)) {
                (Ok(a), Ok(b)) => a == b,
                _ => target == d.path,
            };
            if same {
                info(
                    app,
                    Tone::Bad,
                    "that is the survey file itself: choose another name",
                );
                return vec![];
            }
            // A `.md` name gets the Markdown report, anything else the text one.
            let format = if target
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
            {
                crate::report::ReportFormat::Markdown
            } else {
                crate::report::ReportFormat::Text
            };
            match report::preview(app, format, crate::report::WIDTH) {
                Ok(text) => {
                    app.mode = Mode::Normal;
                    vec![Effect::Write {
                        path: target,
                        bytes: text.into_bytes(),
                        purpose: Purpose::Export,
                    }]
                }
                Err(_) => {
                    app.mode = Mode::Normal;
                    info(
                        app,
                        Tone::Bad,
                        "no report yet: the data are incomplete (see the Report screen)",
                    );
                    vec![]
                }
            }
        }
    }
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
                Some(d) => vec![Effect::SetAsideJournal(super::journal::path_for(&d.path))],
                None => vec![],
            }
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
            entry::clamp_cursor(app);
            entry::scroll_into_view(app);
            info(
                app,
                Tone::Info,
                format!("deleted observation `{}` (Ctrl-Z undoes)", gone.label),
            );
            fx
        }
        (
            Confirm::Restore {
                recovered, entries, ..
            },
            Some(Action::Yes),
        ) => {
            app.mode = Mode::Normal;
            if let Some(d) = app.doc.as_mut() {
                app.undo.push(d.survey.clone());
                d.survey = *recovered;
            }
            app.recompute();
            entry::clamp_cursor(app);
            info(
                app,
                Tone::Good,
                format!(
                    "restored {entries} unsaved change(s) from the journal — Ctrl-S writes them to the file"
                ),
            );
            vec![]
        }
        (Confirm::Restore { journal, .. }, Some(Action::No)) => {
            app.mode = Mode::Normal;
            info(
                app,
                Tone::Info,
                "journal not restored; it is kept beside the survey as *.declined",
            );
            vec![Effect::SetAsideJournal(journal)]
        }
        (Confirm::Restore { .. }, Some(Action::Cancel)) => vec![],
        (_, Some(Action::No | Action::Cancel)) => {
            app.mode = Mode::Normal;
            app.message = None;
            vec![]
        }
        _ => vec![],
    }
}

fn results_action(app: &mut App, a: Action) -> Vec<Effect> {
    match a {
        Action::CycleCoupling => change_method(app, |m| {
            let x = next_of(CouplingModel::ALL, m.coupling.unwrap_or_default());
            m.coupling = Some(x);
            format!("coupling: {}", x.as_str())
        }),
        Action::CycleNormalization => change_method(app, |m| {
            let x = next_of(Normalization::ALL, m.normalization.unwrap_or_default());
            m.normalization = Some(x);
            format!("normalization: {}", x.as_str())
        }),
        Action::CycleWeighting => change_method(app, |m| {
            let x = next_of(Weighting::ALL, m.weighting.unwrap_or_default());
            m.weighting = Some(x);
            format!("weighting: {}", x.as_str())
        }),
        Action::SetShift => {
            let cur = app
                .doc
                .as_ref()
                .map_or(0.0, |d| d.survey.method.resolve().shift);
            prompt(
                app,
                PromptKind::Shift,
                "Shift added to z before the entropy proportions?",
                "≥ 0; 0 is the default, 0.01 a common choice",
                &cur.to_string(),
            );
            vec![]
        }
        Action::SetTop => {
            let cur = app
                .doc
                .as_ref()
                .map_or(3, |d| d.survey.method.resolve().top);
            prompt(
                app,
                PromptKind::Top,
                "How many weak dimensions (top-k)?",
                "a whole number; 0 lists none",
                &cur.to_string(),
            );
            vec![]
        }
        Action::ToggleWeights => {
            app.weights_view = !app.weights_view;
            app.scroll = 0;
            vec![]
        }
        _ => {
            scroll(app, a);
            vec![]
        }
    }
}

/// Checks a typed value for indicator `j`: a number, and within the Likert scale if it has
/// one. Averages of the answers (3.4 on a 1–5 scale) are what officers enter, so fractions are
/// fine; 7 on a 1–5 scale is not.
pub fn validate(fw: &Framework, j: usize, raw: &str) -> Result<f64, String> {
    let v = parse_cell(raw)?;
    if let Some((lo, hi)) = fw.indicators[j].scale
        && (v < lo as f64 || v > hi as f64)
    {
        return Err(format!(
            "{} is answered on the scale {lo}–{hi} (an average of the answers is fine)",
            fw.indicators[j].id
        ));
    }
    Ok(v)
}

/// A note when a value lies outside the indicator's reference bounds: allowed, but often a
/// unit slip (245 for 24.5 %), and it moves every weight under range normalization.
pub fn bounds_note(fw: &Framework, j: usize, v: f64) -> Option<String> {
    let ind = &fw.indicators[j];
    let (lo, hi) = ind.bounds?;
    (v < lo || v > hi).then(|| {
        format!(
            "note: {} = {} is outside its usual range [{lo}, {hi}] {} — check the unit",
            ind.id,
            crate::model::survey::format_number(v),
            ind.unit
        )
    })
}

fn entry_action(app: &mut App, a: Action, k: KeyEvent) -> Vec<Effect> {
    let Screen::Entry(c) = app.screen else {
        return vec![];
    };
    let Some(d) = app.doc.as_ref() else {
        return vec![];
    };
    let inds = circle_indicators(&d.framework, c);
    let m = d.survey.observations.len();
    let page = entry::visible_rows(app).max(1);
    match a {
        Action::Up => app.row = app.row.saturating_sub(1),
        Action::Down => app.row = (app.row + 1).min(inds.len().saturating_sub(1)),
        Action::Left => app.col = app.col.saturating_sub(1),
        Action::Right => app.col = (app.col + 1).min(m.saturating_sub(1)),
        Action::PageUp => app.row = app.row.saturating_sub(page),
        Action::PageDown => app.row = (app.row + page).min(inds.len().saturating_sub(1)),
        Action::Edit | Action::StartTyping => {
            if m == 0 {
                info(
                    app,
                    Tone::Bad,
                    "there are no observations yet: press `a` to add one (a year or a region)",
                );
                return vec![];
            }
            let current = d
                .survey
                .value(app.col, &d.framework.indicators[inds[app.row]].id)
                .map(crate::model::survey::format_number)
                .unwrap_or_default();
            // Enter on a filled cell shows its value; the first character typed replaces it
            // (as in a spreadsheet), while ← → Home End Backspace edit it instead.
            app.edit_fresh = a == Action::Edit && !current.is_empty();
            app.input = if a == Action::StartTyping {
                let mut i = Input::default();
                i.handle_event(&Event::Key(k));
                i
            } else {
                Input::new(current)
            };
            app.mode = Mode::Edit;
            app.message = None;
        }
        Action::ClearCell => {
            if m == 0 {
                return vec![];
            }
            let id = d.framework.indicators[inds[app.row]].id.clone();
            return set_cells(app, vec![(app.col, id, None)], None);
        }
        Action::NextMissing => {
            entry::jump_to_next_missing(app);
        }
        Action::AddObservation => {
            prompt(
                app,
                PromptKind::AddObservation,
                "Label of the new observation?",
                "a year (2025) or a region name; labels are unique",
                "",
            );
        }
        Action::RenameObservation => {
            if let Some(o) = d.survey.observations.get(app.col) {
                let l = o.label.clone();
                prompt(
                    app,
                    PromptKind::RenameObservation(app.col),
                    &format!("Rename observation `{l}` to?"),
                    "labels are unique",
                    &l,
                );
            }
        }
        Action::DeleteObservation if app.col < m => {
            app.mode = Mode::Confirm(Confirm::DeleteObservation(app.col));
        }
        _ => {}
    }
    entry::scroll_into_view(app);
    vec![]
}

/// Sets cells of the current survey as one undo step, journaling each; reports completion.
fn set_cells(
    app: &mut App,
    cells: Vec<(usize, String, Option<f64>)>,
    note: Option<String>,
) -> Vec<Effect> {
    let Some(d) = app.doc.as_mut() else {
        return vec![];
    };
    if cells.is_empty() {
        if let Some(n) = note {
            info(app, Tone::Bad, n);
        }
        return vec![];
    }
    let before_missing: Vec<usize> = (0..d.framework.circles.len())
        .map(|c| missing_in_circle(&d.framework, &d.survey, c).len())
        .collect();
    app.undo.push(d.survey.clone());
    let jp = super::journal::path_for(&d.path);
    let mut fx = Vec::new();
    for (i, id, v) in cells {
        set_value(&mut d.survey, &d.framework, i, &id, v);
        fx.push(Effect::Journal {
            path: jp.clone(),
            entry: JournalEntry::Set {
                obs: d.survey.observations[i].label.clone(),
                ind: id,
                value: v,
            },
        });
    }
    let after: Vec<usize> = (0..d.framework.circles.len())
        .map(|c| missing_in_circle(&d.framework, &d.survey, c).len())
        .collect();
    let fw = d.framework.clone();
    app.recompute();
    let completed = (0..fw.circles.len()).find(|&c| before_missing[c] > 0 && after[c] == 0);
    let all_done = after.iter().all(|&n| n == 0);
    let msg = match (completed, all_done) {
        (Some(_), true) => Some((
            Tone::Good,
            "✓ every circle is complete — Tab goes on to the results".to_string(),
        )),
        (Some(c), false) => {
            let next = (0..fw.circles.len())
                .map(|k| (c + 1 + k) % fw.circles.len())
                .find(|&k| after[k] > 0)
                .unwrap_or(c);
            Some((
                Tone::Good,
                format!(
                    "✓ {} complete — Tab: next circle ({}), `n`: next missing cell in {}",
                    app.circle_name(&fw, c),
                    app.circle_name(&fw, c + 1 - usize::from(c + 1 >= fw.circles.len())),
                    app.circle_name(&fw, next)
                ),
            ))
        }
        _ => note.map(|n| (Tone::Info, n)),
    };
    if msg.is_some() {
        app.message = msg;
    }
    fx
}

fn commit_edit(app: &mut App) -> Vec<Effect> {
    let Screen::Entry(c) = app.screen else {
        app.mode = Mode::Normal;
        return vec![];
    };
    let Some(d) = app.doc.as_ref() else {
        return vec![];
    };
    let inds = circle_indicators(&d.framework, c);
    let Some(&j) = inds.get(app.row) else {
        return vec![];
    };
    let raw = app.input.value().to_string();
    if raw.trim().is_empty() {
        app.mode = Mode::Normal;
        return vec![];
    }
    match validate(&d.framework, j, &raw) {
        Err(reason) => {
            info(app, Tone::Bad, format!("refused: {reason}"));
            vec![]
        }
        Ok(v) => {
            let id = d.framework.indicators[j].id.clone();
            let shown = crate::model::survey::format_number(v);
            let stored =
                (shown != raw.trim()).then(|| format!("`{}` stored as {shown}", raw.trim()));
            let note = match (stored, bounds_note(&d.framework, j, v)) {
                (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                (a, b) => a.or(b),
            };
            app.mode = Mode::Normal;
            app.message = None;
            let fx = set_cells(app, vec![(app.col, id, Some(v))], note);
            if app.row + 1 < inds.len() {
                app.row += 1;
            }
            entry::scroll_into_view(app);
            fx
        }
    }
}

/// A block copied from a spreadsheet: lines are indicator rows (down), tab-separated cells are
/// observations (across) — the same orientation as the grid — starting at the selected cell.
fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    // Terminals (xterm, tmux) turn pasted line ends into CR; Windows copies end in CRLF.
    let text = &text.replace("\r\n", "\n").replace('\r', "\n");
    let block = text.contains('\t') || text.trim_end_matches(['\r', '\n']).contains('\n');
    match (&app.mode, app.screen) {
        (Mode::Edit | Mode::Prompt(_), _) if !block => {
            for ch in text.trim_end_matches(['\r', '\n']).chars() {
                app.input.handle(tui_input::InputRequest::InsertChar(ch));
            }
            vec![]
        }
        (Mode::Normal | Mode::Edit, Screen::Entry(c)) => {
            app.mode = Mode::Normal;
            paste_block(app, c, text)
        }
        _ => vec![],
    }
}

fn paste_block(app: &mut App, c: usize, text: &str) -> Vec<Effect> {
    let Some(d) = app.doc.as_ref() else {
        return vec![];
    };
    let inds = circle_indicators(&d.framework, c);
    let m = d.survey.observations.len();
    let mut cells = Vec::new();
    let mut refused = Vec::new();
    let mut outside = 0;
    for (dr, line) in text.trim_end_matches('\n').split('\n').enumerate() {
        for (dc, cell) in line.split('\t').enumerate() {
            if cell.trim().is_empty() {
                continue;
            }
            let (r, i) = (app.row + dr, app.col + dc);
            if r >= inds.len() || i >= m {
                outside += 1;
                continue;
            }
            let j = inds[r];
            match validate(&d.framework, j, cell) {
                Ok(v) => cells.push((i, d.framework.indicators[j].id.clone(), Some(v))),
                Err(e) => refused.push(format!(
                    "{} in {}: {e}",
                    d.framework.indicators[j].id, d.survey.observations[i].label
                )),
            }
        }
    }
    let mut note = format!("pasted {} value(s)", cells.len());
    if !refused.is_empty() {
        note.push_str(&format!("; refused {}: {}", refused.len(), refused[0]));
    }
    if outside > 0 {
        note.push_str(&format!("; {outside} outside the grid ignored"));
    }
    let bad = !refused.is_empty() || outside > 0;
    let fx = set_cells(app, cells, Some(note.clone()));
    if bad {
        info(app, Tone::Bad, note);
    }
    fx
}
