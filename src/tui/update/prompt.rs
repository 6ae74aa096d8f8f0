//! Answers to prompts (labels, method settings, export path) and pasted text.

use super::entry::set_cells;
use super::results::change_method;
use super::{Effect, info, snapshot_change};
use crate::lang::Lang;
use crate::model::{Observation, parse_labels_in};
use crate::tui::app::*;
use crate::tui::entry as grid;
use crate::tui::number::parse_cell;

pub(super) fn answer(app: &mut App, p: Prompt) -> Vec<Effect> {
    let text = app.input.value().to_string();
    let t = text.trim().to_string();
    match p.kind {
        PromptKind::Wizard(step) => super::start::wizard_answer(app, step, text),
        PromptKind::AddObservation | PromptKind::RenameObservation(_) => {
            let lang = app.lang;
            let Some(d) = app.doc.as_mut() else {
                return vec![];
            };
            let idx = match p.kind {
                PromptKind::RenameObservation(i) => Some(i),
                _ => None,
            };
            // Adding takes ranges and lists (2019-2024, 宁波、温州); a rename is one label.
            let labels = match idx {
                Some(_) if t.is_empty() => Err(lang
                    .tr("a label cannot be empty", "标签不能为空")
                    .to_string()),
                Some(_) => Ok(vec![t.clone()]),
                None => parse_labels_in(&t, lang),
            };
            let taken = |l: &String| {
                d.survey
                    .observations
                    .iter()
                    .enumerate()
                    .any(|(i, o)| &o.label == l && Some(i) != idx)
            };
            let labels = labels.and_then(|ls| match ls.iter().find(|l| taken(l)) {
                Some(l) => Err(match lang {
                    Lang::En => format!("`{l}` is already an observation: labels are unique"),
                    Lang::Zh => format!("“{l}”已存在：标签不可重复"),
                }),
                None => Ok(ls),
            });
            let labels = match labels {
                Ok(ls) => ls,
                Err(e) => {
                    info(app, Tone::Bad, e);
                    return vec![];
                }
            };
            let before = d.survey.clone();
            match idx {
                Some(i) => {
                    if let Some(o) = d.survey.observations.get_mut(i) {
                        o.label = t.clone();
                    }
                }
                None => {
                    let first = d.survey.observations.len();
                    d.survey
                        .observations
                        .extend(labels.iter().map(|l| Observation {
                            label: l.clone(),
                            ..Observation::default()
                        }));
                    app.col = first;
                }
            }
            app.mode = Mode::Normal;
            let fx = snapshot_change(app, before);
            grid::scroll_into_view(app);
            let shown = lang.list(&labels);
            let m = match (idx, lang) {
                (Some(_), Lang::En) => format!("renamed to `{t}`"),
                (Some(_), Lang::Zh) => format!("已改名为“{t}”"),
                (None, Lang::En) => format!("added observation `{shown}`"),
                (None, Lang::Zh) => format!("已添加 {shown}"),
            };
            info(app, Tone::Info, m);
            fx
        }
        PromptKind::Shift => match parse_cell(&t) {
            Ok(x) if x >= 0.0 => {
                app.mode = Mode::Normal;
                change_method(app, "shift", |m| m.shift = Some(x))
            }
            _ => {
                let m = app.tr(
                    "the shift is a number ≥ 0, e.g. 0.01",
                    "平移量是 ≥ 0 的数，如 0.01",
                );
                info(app, Tone::Bad, m);
                vec![]
            }
        },
        PromptKind::Top => match t.parse::<usize>() {
            Ok(x) => {
                app.mode = Mode::Normal;
                change_method(app, "top", |m| m.top = Some(x))
            }
            Err(_) => {
                let m = app.tr(
                    "top is a whole number ≥ 0, e.g. 3",
                    "前 k 项是 ≥ 0 的整数，如 3",
                );
                info(app, Tone::Bad, m);
                vec![]
            }
        },
        PromptKind::Interval => {
            let nums: Result<Vec<f64>, _> = t
                .split([',', '，', ' ', ';', '；'])
                .filter(|x| !x.trim().is_empty())
                .map(parse_cell)
                .collect();
            match nums.map(|v| crate::model::method::check_interval(&v)) {
                Ok(Ok(iv)) => {
                    app.mode = Mode::Normal;
                    change_method(app, "interval", |m| m.interval = Some(iv))
                }
                _ => {
                    let m = app.tr(
                        "the interval is two numbers in [0, 1] with LO < HI, e.g. 0.002, 0.998",
                        "区间是 0 到 1 之间的两个数且 LO < HI，如 0.002, 0.998",
                    );
                    info(app, Tone::Bad, m);
                    vec![]
                }
            }
        }
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
