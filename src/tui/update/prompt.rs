//! Answers to prompts (labels, method settings, export path) and pasted text.

use super::entry::set_cells;
use super::results::change_method;
use super::{Effect, info, snapshot_change};
use crate::model::Observation;
use crate::tui::app::*;
use crate::tui::entry as grid;
use crate::tui::number::parse_cell;

pub(super) fn answer(app: &mut App, p: Prompt) -> Vec<Effect> {
    let text = app.input.value().to_string();
    let t = text.trim().to_string();
    match p.kind {
        PromptKind::Wizard(step) => super::start::wizard_answer(app, step, text),
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
            grid::scroll_into_view(app);
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
        PromptKind::ExportPath => super::report::export(app, &t),
    }
}

/// A block copied from a spreadsheet: lines are indicator rows (down), tab-separated cells are
/// observations (across) — the same orientation as the grid — starting at the selected cell.
pub(super) fn paste(app: &mut App, text: &str) -> Vec<Effect> {
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

pub(super) fn paste_block(app: &mut App, c: usize, text: &str) -> Vec<Effect> {
    let Some(d) = app.doc.as_ref() else {
        return vec![];
    };
    let plan = crate::tui::paste::plan(
        &d.framework,
        &d.survey,
        c,
        (app.row, app.col),
        text,
        app.lang,
    );
    if plan.needs_confirmation() {
        app.mode = Mode::Confirm(Confirm::Paste(Box::new(plan)));
        return vec![];
    }
    apply_paste(app, plan)
}

/// Sets a planned paste's values as one undo step and reports what was refused or left out.
pub(super) fn apply_paste(app: &mut App, plan: crate::tui::paste::PastePlan) -> Vec<Effect> {
    let note = plan.summary(app.lang);
    let bad = !plan.refused.is_empty() || plan.outside > 0;
    app.refusals = plan.refused;
    let cells = plan
        .cells
        .into_iter()
        .map(|(i, id, v)| (i, id, Some(v)))
        .collect();
    let fx = set_cells(app, cells, Some(note.clone()));
    if bad {
        info(app, Tone::Bad, note);
    }
    fx
}
