//! The data-entry grid: moving, editing a cell, and setting values as one undo step.

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::{Effect, info, prompt};
use crate::lang::Lang;
use crate::model::Framework;
use crate::model::limits::ValueProblem;
use crate::tui::app::*;
use crate::tui::entry as grid;
use crate::tui::journal::JournalEntry;
use crate::tui::keys::Action;
use crate::tui::number::parse_cell;

pub(super) fn action(app: &mut App, a: Action, k: KeyEvent) -> Vec<Effect> {
    let Screen::Entry(c) = app.screen else {
        return vec![];
    };
    let Some(d) = app.doc.as_ref() else {
        return vec![];
    };
    let inds = circle_indicators(&d.framework, c);
    let m = d.survey.observations.len();
    let page = grid::visible_rows(app).max(1);
    match a {
        Action::Up => app.row = app.row.saturating_sub(1),
        Action::Down => app.row = (app.row + 1).min(inds.len().saturating_sub(1)),
        Action::Left => app.col = app.col.saturating_sub(1),
        Action::Right => app.col = (app.col + 1).min(m.saturating_sub(1)),
        Action::PageUp => app.row = app.row.saturating_sub(page),
        Action::PageDown => app.row = (app.row + page).min(inds.len().saturating_sub(1)),
        Action::Edit | Action::StartTyping => {
            if m == 0 {
                let m = app.tr(
                    "there are no observations yet: press `a` to add one (a year or a region)",
                    "还没有年份或地区：按 a 添加（如 2019-2024）",
                );
                info(app, Tone::Bad, m);
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
            grid::jump_to_next_missing(app);
        }
        Action::AddObservation => {
            let (q, h) = (
                app.tr("Label(s) to add?", "添加哪些年份/地区？"),
                app.tr(
                    "a year (2025), a range (2019-2024) or names (宁波、温州); labels are unique",
                    "年份（2025）、范围（2019-2024）或名称（宁波、温州）；不可重复",
                ),
            );
            prompt(app, PromptKind::AddObservation, q, h, "");
        }
        Action::RenameObservation => {
            if let Some(o) = d.survey.observations.get(app.col) {
                let l = o.label.clone();
                let q = match app.lang {
                    Lang::En => format!("Rename observation `{l}` to?"),
                    Lang::Zh => format!("将“{l}”改名为？"),
                };
                let h = app.tr("labels are unique", "标签不可重复");
                prompt(app, PromptKind::RenameObservation(app.col), &q, h, &l);
            }
        }
        Action::DeleteObservation if app.col < m => {
            app.mode = Mode::Confirm(Confirm::DeleteObservation(app.col));
        }
        _ => {}
    }
    grid::scroll_into_view(app);
    vec![]
}

/// Sets cells of the current survey as one undo step, journaling each; reports completion.
pub(super) fn set_cells(
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
    let jp = d.journal();
    let mut fx = Vec::new();
    for (i, id, v) in cells {
        set_value(&mut d.survey, &d.framework, i, &id, v);
        if let Some(path) = &jp {
            fx.push(Effect::Journal {
                path: path.clone(),
                entry: JournalEntry::Set {
                    obs: d.survey.observations[i].label.clone(),
                    ind: id,
                    value: v,
                },
            });
        }
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
            app.tr(
                "✓ every circle is complete — Tab goes on to the results",
                "✓ 各圈层数据已齐全 — 按 Tab 查看结果",
            )
            .to_string(),
        )),
        (Some(c), false) => {
            let next = (0..fw.circles.len())
                .map(|k| (c + 1 + k) % fw.circles.len())
                .find(|&k| after[k] > 0)
                .unwrap_or(c);
            Some((Tone::Good, {
                let names = app.names(&fw);
                let (done, tab, next) = (
                    names.circle_short(c),
                    names.circle_short(c + 1 - usize::from(c + 1 >= fw.circles.len())),
                    names.circle_short(next),
                );
                match app.lang {
                    crate::lang::Lang::En => format!(
                        "✓ {done} complete — Tab: next circle ({tab}), `n`: next missing cell in {next}"
                    ),
                    crate::lang::Lang::Zh => {
                        format!("✓ {done}已填完 — Tab：下一圈层（{tab}），n：{next}的下一个缺失值")
                    }
                }
            }))
        }
        _ => note.map(|n| (Tone::Info, n)),
    };
    if msg.is_some() {
        app.message = msg;
    }
    fx
}

pub(super) fn commit_edit(app: &mut App) -> Vec<Effect> {
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
    match validate_in(&d.framework, j, &raw, app.lang) {
        Err(reason) => {
            let head = app.tr("refused", "拒收");
            info(app, Tone::Bad, format!("{head}: {reason}"));
            vec![]
        }
        Ok(v) => {
            let id = d.framework.indicators[j].id.clone();
            let shown = crate::model::survey::format_number(v);
            let stored = (shown != raw.trim()).then(|| match app.lang {
                Lang::En => format!("`{}` stored as {shown}", raw.trim()),
                Lang::Zh => format!("“{}”记为 {shown}", raw.trim()),
            });
            let note = match (stored, bounds_note_in(&d.framework, j, v, app.lang)) {
                (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                (a, b) => a.or(b),
            };
            app.mode = Mode::Normal;
            app.message = None;
            let fx = set_cells(app, vec![(app.col, id, Some(v))], note);
            if app.row + 1 < inds.len() {
                app.row += 1;
            }
            grid::scroll_into_view(app);
            fx
        }
    }
}

/// Checks a typed value for indicator `j`, with the reason in English.
pub fn validate(fw: &Framework, j: usize, raw: &str) -> Result<f64, String> {
    validate_in(fw, j, raw, Lang::En)
}

/// Checks a typed value for indicator `j`: a number that can exist — inside `[min, max]` and
/// the answer scale. Averages of the answers (3.4 on a 1–5 scale) are what officers enter, so
/// fractions are fine; 7 on a 1–5 scale is not, and the message gives the allowed range.
pub fn validate_in(fw: &Framework, j: usize, raw: &str, lang: Lang) -> Result<f64, String> {
    let v = parse_cell(raw).map_err(|e| match lang {
        Lang::En => e,
        Lang::Zh => format!(
            "“{}”不是数字：请输入数值（如 12.5），按 Esc 取消",
            raw.trim()
        ),
    })?;
    match fw.value_problem(j, v) {
        Some(p) => Err(value_problem_text(fw, j, v, p, lang)),
        None => Ok(v),
    }
}

/// Why `v` cannot be a value of indicator `j`, with the allowed range, in `lang`.
pub fn value_problem_text(fw: &Framework, j: usize, v: f64, p: ValueProblem, lang: Lang) -> String {
    let ind = &fw.indicators[j];
    let v = crate::model::survey::format_number(v);
    let range = |lo: Option<f64>, hi: Option<f64>| {
        let f = |x: Option<f64>| x.map_or("…".to_string(), crate::model::survey::format_number);
        format!("{}–{}", f(lo), f(hi))
    };
    match (p, lang) {
        (ValueProblem::OffScale(a, b), Lang::En) => format!(
            "{} is answered on the scale {a}–{b} (an average of the answers is fine); {v} is outside it",
            ind.id
        ),
        (ValueProblem::OffScale(a, b), Lang::Zh) => {
            format!(
                "{} 按 {a}–{b} 分量表作答（可填平均分）；{v} 超出量表",
                ind.id
            )
        }
        (_, Lang::En) => format!(
            "{} = {v} cannot exist: allowed {} {}",
            ind.id,
            range(ind.min, ind.max),
            ind.unit
        ),
        (_, Lang::Zh) => format!(
            "{} = {v} 不可能：允许范围 {} {}",
            ind.id,
            range(ind.min, ind.max),
            lang.pick(&ind.unit, ind.unit_zh.as_deref())
        ),
    }
}

/// A note when a value lies outside the indicator's reference bounds, in English.
pub fn bounds_note(fw: &Framework, j: usize, v: f64) -> Option<String> {
    bounds_note_in(fw, j, v, Lang::En)
}

/// A note when a value lies outside the indicator's reference bounds: allowed, but often a
/// unit slip (245 for 24.5 %), and it moves every weight under range normalization.
pub fn bounds_note_in(fw: &Framework, j: usize, v: f64, lang: Lang) -> Option<String> {
    let ind = &fw.indicators[j];
    let (lo, hi) = ind.bounds?;
    let v = crate::model::survey::format_number(v);
    (v.parse::<f64>().is_ok_and(|x| x < lo || x > hi)).then(|| match lang {
        Lang::En => format!(
            "note: {} = {v} is outside its usual range [{lo}, {hi}] {} — check the unit (`!` lists all)",
            ind.id, ind.unit
        ),
        Lang::Zh => format!(
            "注意：{} = {v} 超出常见范围 [{lo}, {hi}] {} — 请核对单位（按 ! 查看全部）",
            ind.id,
            lang.pick(&ind.unit, ind.unit_zh.as_deref())
        ),
    })
}
