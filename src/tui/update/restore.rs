//! Recovery and the session's safety messages: the restore questions (one per journal of an
//! ended session), the read-only guard of a survey another session has, and what is said when
//! the journal cannot be written.

use super::{Effect, info};
use crate::lang::Lang;
use crate::model::Survey;
use crate::tui::app::*;
use crate::tui::journal::JournalEntry;
use crate::tui::session::SessionInfo;

/// Asks about the next journal still to be offered, merged onto the survey as it is now; a
/// journal with nothing left to bring back is removed without a question.
pub fn next_offer(app: &mut App) -> Vec<Effect> {
    let mut fx = Vec::new();
    while !app.offers.is_empty() {
        let Some(d) = &app.doc else {
            app.offers.clear();
            break;
        };
        let offer = &app.offers[0];
        let m = offer.merge(&d.framework, &d.survey);
        if m.mine == d.survey && m.theirs == d.survey {
            fx.push(Effect::ClearJournal(offer.journal.clone()));
            app.offers.remove(0);
            continue;
        }
        app.mode = Mode::Confirm(Confirm::Restore {
            journal: offer.journal.clone(),
            recovered: Box::new(m.mine),
            entries: offer.entries,
        });
        return fx;
    }
    app.mode = Mode::Normal;
    fx
}

/// Restores the journal being asked about: `mine` takes the journal's value wherever the file
/// changed the same cell, otherwise the file's value is kept. The restored survey is written to
/// this session's journal before the old journal is removed, so a kill now loses nothing.
pub fn accept(app: &mut App, mine: bool) -> Vec<Effect> {
    let Some(d) = app.doc.as_mut() else {
        return vec![];
    };
    if app.offers.is_empty() {
        app.mode = Mode::Normal;
        return vec![];
    }
    let offer = app.offers.remove(0);
    let m = offer.merge(&d.framework, &d.survey);
    let chosen = if mine { m.mine } else { m.theirs };
    let n = net_changes(&d.framework, &d.survey, &chosen);
    app.undo.push(std::mem::replace(&mut d.survey, chosen));
    let mut fx = match d.journal() {
        Some(journal) => vec![Effect::Adopt {
            from: offer.journal.clone(),
            journal,
            entry: JournalEntry::Snapshot {
                toml: d.survey.to_toml(),
            },
        }],
        None => vec![],
    };
    app.recompute();
    crate::tui::entry::clamp_cursor(app);
    let m = match app.lang {
        Lang::En => format!(
            "restored {n} unsaved change(s) from the journal — Ctrl-S writes them to the file"
        ),
        Lang::Zh => format!("已从日志恢复 {n} 处未保存的修改 — 按 Ctrl-S 写入文件"),
    };
    info(app, Tone::Good, m);
    fx.extend(next_offer(app));
    fx
}

/// Keeps the journal being asked about aside as `*.declined` and asks about the next one.
pub fn decline(app: &mut App) -> Vec<Effect> {
    if app.offers.is_empty() {
        app.mode = Mode::Normal;
        return vec![];
    }
    let offer = app.offers.remove(0);
    let m = app.tr(
        "journal not restored; it is kept beside the survey as *.declined",
        "未恢复日志；日志保存在调查文件旁，名为 *.declined",
    );
    info(app, Tone::Info, m);
    let mut fx = vec![Effect::SetAsideJournal(offer.journal)];
    fx.extend(next_offer(app));
    fx
}

/// The lines the restore question adds for the journal being asked about: whose it was, and
/// when the file changed since, which cells both sides changed.
pub fn offer_lines(app: &App) -> Vec<String> {
    let (Some(offer), Some(d)) = (app.offers.first(), &app.doc) else {
        return vec![];
    };
    let mut lines = Vec::new();
    let zh = app.lang == Lang::Zh;
    if let Some(who) = &offer.who {
        lines.push(if zh {
            format!("会话：{}", who.describe_zh())
        } else {
            format!("Session: {}", who.describe())
        });
    }
    if app.offers.len() > 1 {
        lines.push(if zh {
            format!("另有 {} 个日志随后询问。", app.offers.len() - 1)
        } else {
            format!(
                "{} more journal(s) will be asked about next.",
                app.offers.len() - 1
            )
        });
    }
    if !offer.file_changed {
        return lines;
    }
    let m = offer.merge(&d.framework, &d.survey);
    lines.push(app.tr(
        "The file was changed after this session started (another program or session): its edits are kept.",
        "此会话开始后文件已被修改（其他程序或会话）：那些修改会保留。",
    ).into());
    if m.conflicts.is_empty() {
        lines.push(
            app.tr(
                "No cell was changed on both sides.",
                "没有双方都修改过的单元格。",
            )
            .into(),
        );
        return lines;
    }
    lines.push(if zh {
        format!("{} 处双方都修改过：", m.conflicts.len())
    } else {
        format!("Changed on both sides ({}):", m.conflicts.len())
    });
    for c in m.conflicts.iter().take(5) {
        lines.push(format!("  {}", c.text(app.lang)));
    }
    if m.conflicts.len() > 5 {
        lines.push(format!("  … +{}", m.conflicts.len() - 5));
    }
    lines
}

/// The keys line of the restore question.
pub fn offer_keys(app: &App) -> Option<&'static str> {
    let d = app.doc.as_ref()?;
    let offer = app.offers.first()?;
    let both = offer.file_changed && !offer.merge(&d.framework, &d.survey).conflicts.is_empty();
    both.then(|| {
        app.tr(
            "y journal wins · k file wins where both changed · n keep file (*.declined)",
            "y 用日志的值 · k 冲突处用文件的值 · n 保留文件（*.declined）",
        )
    })
}

/// Why this session only reads and what to do, the action first (the message line is cut at
/// the terminal's width), then which session has the file.
pub fn read_only_text(lang: Lang, name: &str, other: &SessionInfo) -> String {
    match lang {
        Lang::En => format!(
            "read-only: another beltscope edits {name} — quit it, then open the file again to edit here ({})",
            other.describe()
        ),
        Lang::Zh => format!(
            "只读：另一个 beltscope 正在编辑 {name} — 退出它后重新打开即可在此编辑（{}）",
            other.describe_zh()
        ),
    }
}

/// Keeps a read-only session from changing its survey: whatever `update` changed is put back,
/// a cell or prompt opened for editing is closed, and journal writes are dropped.
pub fn guard_read_only(
    app: &mut App,
    before: Option<(std::path::PathBuf, Survey)>,
    fx: Vec<Effect>,
) -> Vec<Effect> {
    let Some((path, survey)) = before else {
        return fx;
    };
    let Some(d) = app.doc.as_mut().filter(|d| d.path == path) else {
        return fx;
    };
    let Access::ReadOnly(other) = d.access.clone() else {
        return fx;
    };
    let editing = match &app.mode {
        Mode::Edit => true,
        Mode::Prompt(p) => matches!(
            p.kind,
            PromptKind::AddObservation
                | PromptKind::RenameObservation(_)
                | PromptKind::Shift
                | PromptKind::Top
                | PromptKind::Interval
        ),
        Mode::Confirm(c) => matches!(c, Confirm::DeleteObservation(_) | Confirm::Paste(_)),
        _ => false,
    };
    if d.survey == survey && !editing {
        return fx;
    }
    d.survey = survey;
    let name = display_name(&d.path);
    app.mode = Mode::Normal;
    app.edit_fresh = false;
    app.recompute();
    let m = read_only_text(app.lang, &name, &other);
    info(app, Tone::Bad, m);
    fx.into_iter()
        .filter(|e| !matches!(e, Effect::Journal { .. } | Effect::Write { .. }))
        .collect()
}

/// What a failed save says: the truth about where the changes are, the part that matters
/// first (an 80-column message line cuts the rest).
pub fn save_failed(app: &App, path: &std::path::Path, e: &str) -> String {
    let name = display_name(path);
    match (app.lang, app.journal_error.is_some()) {
        (Lang::En, false) => format!(
            "could not save {}: {e} — nothing is lost: the changes stay here and in the recovery journal",
            path.display()
        ),
        (Lang::Zh, false) => format!(
            "无法保存 {}：{e} — 数据未丢失：修改仍在此处和恢复日志中",
            path.display()
        ),
        (Lang::En, true) => format!(
            "could not save {name}: changes only in this window (the journal failed too) — free disk space, press Ctrl-S, keep beltscope open · {e}"
        ),
        (Lang::Zh, true) => format!(
            "无法保存 {name}：修改只在本窗口中（恢复日志也写入失败）— 请释放磁盘空间后按 Ctrl-S，保存前不要关闭 beltscope · {e}"
        ),
    }
}

/// Where the unsaved changes are, for messages that send the user away from this window.
pub fn changes_are_in(app: &App) -> &'static str {
    if app.journal_error.is_some() {
        app.tr(
            "your last changes are only in this window: the journal cannot be written",
            "您最近的修改只在本窗口中：恢复日志无法写入",
        )
    } else {
        app.tr(
            "your changes stay in the recovery journal",
            "您的修改保留在恢复日志中",
        )
    }
}

/// What a failed journal write says, and what the warning line keeps saying until one works.
pub fn journal_failed(app: &App, e: &str) -> String {
    match app.lang {
        Lang::En => format!(
            "journal not written: the last change is only in memory — free disk space, then press Ctrl-S; keep beltscope open ({e})"
        ),
        Lang::Zh => format!(
            "恢复日志未写入：最近的修改只在内存中 — 请释放磁盘空间后按 Ctrl-S；保存前不要关闭 beltscope（{e}）"
        ),
    }
}
