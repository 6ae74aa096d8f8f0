//! Recovery offers: the journals of sessions that ended without saving (a kill, a crash, a
//! closed window), each merged onto the survey as it is now.
//!
//! A journal replays onto the survey its session started from (kept in its header). When the
//! file changed since (another program, another session), the session's own changes are put on
//! top of the file as it is now, cell by cell, so an edit made elsewhere is never reverted
//! silently: where both sides changed a cell, the offer lists it and the user picks a side.

use std::path::{Path, PathBuf};

use super::journal;
use super::session::SessionInfo;
use crate::model::{Framework, Observation, Survey, SurveyDoc};

/// One journal of a session that is gone, ready to be offered.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub journal: PathBuf,
    /// The survey the session started from (the file itself for an old journal).
    pub base: Survey,
    /// The base with the journal replayed: the session's survey when it stopped.
    pub replayed: Survey,
    pub entries: usize,
    /// Whether the file changed after the session started.
    pub file_changed: bool,
    /// The session, when the journal says (an old journal does not).
    pub who: Option<SessionInfo>,
}

/// The offer merged onto the survey on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The journal's value wherever both changed.
    pub mine: Survey,
    /// The file's value wherever both changed.
    pub theirs: Survey,
    /// The cells (and observations, settings) both sides changed.
    pub conflicts: Vec<Conflict>,
}

/// Something the journal and the file both changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    Cell {
        obs: String,
        ind: String,
        file: Option<f64>,
        journal: Option<f64>,
    },
    /// The journal removed (or renamed) an observation the file changed.
    RemovedInJournal(String),
    /// The file removed an observation the journal changed.
    RemovedInFile(String),
    Method,
}

impl Conflict {
    /// One line for the restore question: `2024 · x: file 3 → journal 7.25`.
    pub fn text(&self, lang: crate::lang::Lang) -> String {
        let zh = lang == crate::lang::Lang::Zh;
        match (self, zh) {
            (
                Conflict::Cell {
                    obs,
                    ind,
                    file,
                    journal,
                },
                false,
            ) => {
                format!(
                    "{obs} · {ind}: file {} → journal {}",
                    shown(*file),
                    shown(*journal)
                )
            }
            (
                Conflict::Cell {
                    obs,
                    ind,
                    file,
                    journal,
                },
                true,
            ) => {
                format!(
                    "{obs} · {ind}：文件 {} → 日志 {}",
                    shown(*file),
                    shown(*journal)
                )
            }
            (Conflict::RemovedInJournal(o), false) => {
                format!("{o}: removed in the journal, changed in the file")
            }
            (Conflict::RemovedInJournal(o), true) => format!("{o}：日志中已删除，文件中有修改"),
            (Conflict::RemovedInFile(o), false) => {
                format!("{o}: changed in the journal, removed in the file")
            }
            (Conflict::RemovedInFile(o), true) => format!("{o}：日志中有修改，文件中已删除"),
            (Conflict::Method, false) => "method settings: changed in both".into(),
            (Conflict::Method, true) => "方法设置：双方都有修改".into(),
        }
    }
}

/// The journals of `survey` that no live session writes, oldest session first, each with at
/// least one entry. `live` is the session that holds the survey now.
pub fn offers(
    survey: &Path,
    fw: &Framework,
    on_disk: &Survey,
    disk_hash: Option<u64>,
    live: &str,
) -> Vec<Offer> {
    let mut out: Vec<Offer> = journal::journals_of(survey)
        .into_iter()
        .filter_map(|jp| {
            let text = std::fs::read_to_string(&jp).ok()?;
            let header = journal::header(&text);
            if header.as_ref().is_some_and(|(who, _, _)| {
                who.session == live || (who.pid != std::process::id() && who.alive())
            }) {
                return None;
            }
            let (base, file_changed, who) = match header {
                Some((who, hash, base)) => {
                    let changed = disk_hash.is_some_and(|h| format!("{h:016x}") != hash);
                    let base = SurveyDoc::parse("journal.toml", &base)
                        .map(|d| d.survey)
                        .unwrap_or_else(|_| on_disk.clone());
                    (base, changed, Some(who))
                }
                None => (on_disk.clone(), older_than_survey(&jp, survey), None),
            };
            let (replayed, entries) = journal::replay(&base, fw, &text);
            (entries > 0).then_some(Offer {
                journal: jp,
                base,
                replayed,
                entries,
                file_changed,
                who,
            })
        })
        .collect();
    out.sort_by_key(|o| o.who.as_ref().map_or(0, |w| w.started));
    out
}

/// An old journal carries no hash: it is older than the file when the file was written later.
fn older_than_survey(journal: &Path, survey: &Path) -> bool {
    let t = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((t(journal), t(survey)), (Some(j), Some(s)) if j < s)
}

impl Offer {
    /// The session's changes (replayed against base) put onto `now`.
    pub fn merge(&self, fw: &Framework, now: &Survey) -> Merged {
        merge(fw, &self.base, &self.replayed, now)
    }
}

/// A three-way merge of surveys: `base` → `mine` are the journal's changes, `base` → `now` the
/// file's (or earlier restores'). Observations are matched by label, cells by indicator id.
pub fn merge(fw: &Framework, base: &Survey, mine: &Survey, now: &Survey) -> Merged {
    let mut m = now.clone();
    let mut t = now.clone();
    let mut conflicts = Vec::new();
    let find = |s: &Survey, label: &str| s.observations.iter().position(|o| o.label == label);
    // Observations the session removed (or renamed away).
    for b in &base.observations {
        if find(mine, &b.label).is_some() {
            continue;
        }
        let Some(i) = find(&m, &b.label) else {
            continue;
        };
        if m.observations[i] != *b {
            conflicts.push(Conflict::RemovedInJournal(b.label.clone()));
        } else if let Some(k) = find(&t, &b.label) {
            t.observations.remove(k);
        }
        m.observations.remove(i);
    }
    // Observations the session added, and cells it changed.
    for o in &mine.observations {
        let before = base.observations.iter().find(|b| b.label == o.label);
        let Some(i) = find(&m, &o.label) else {
            if before.is_none() {
                m.observations.push(o.clone());
                t.observations.push(o.clone());
            }
            // An observation the file removed keeps its removal unless both changed it.
            else if before != Some(o) {
                conflicts.push(Conflict::RemovedInFile(o.label.clone()));
                m.observations.push(o.clone());
            }
            continue;
        };
        let mut ids: Vec<&String> = o.values.keys().collect();
        if let Some(b) = before {
            ids.extend(b.values.keys().filter(|k| !o.values.contains_key(k)));
        }
        for id in ids {
            let get = |x: Option<&Observation>| x.and_then(|x| x.values.get(id).copied());
            let (b, j) = (get(before), o.values.get(id).copied());
            let n = m.observations[i].values.get(id).copied();
            if j == b || n == j {
                continue;
            }
            if n != b {
                conflicts.push(Conflict::Cell {
                    obs: o.label.clone(),
                    ind: id.clone(),
                    file: n,
                    journal: j,
                });
            } else if let Some(k) = find(&t, &o.label) {
                super::app::set_value(&mut t, fw, k, id, j);
            }
            super::app::set_value(&mut m, fw, i, id, j);
        }
    }
    // The method and the title: the same rule as a cell.
    if mine.method != base.method && now.method != mine.method {
        if now.method != base.method {
            conflicts.push(Conflict::Method);
        } else {
            t.method = mine.method.clone();
        }
        m.method = mine.method.clone();
    }
    if mine.title != base.title && now.title != mine.title {
        if now.title == base.title {
            t.title = mine.title.clone();
        }
        m.title = mine.title.clone();
    }
    Merged {
        mine: m,
        theirs: t,
        conflicts,
    }
}

fn shown(v: Option<f64>) -> String {
    v.map_or("·".into(), |x| x.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey(cells: &[(&str, &str, f64)]) -> Survey {
        let mut text = String::from("schema = 1\ntitle = \"t\"\n");
        for label in ["2023", "2024"] {
            text.push_str(&format!(
                "\n[[observations]]\nlabel = \"{label}\"\n[observations.values]\n"
            ));
            for (l, id, v) in cells {
                if *l == label {
                    text.push_str(&format!("{id} = {v}\n"));
                }
            }
        }
        SurveyDoc::parse("t.toml", &text).unwrap().survey
    }

    #[test]
    fn an_edit_made_elsewhere_survives_the_journal() {
        let fw = Framework::embedded("cbec-belt").unwrap();
        let base = survey(&[("2023", "location_quotient", 1.0)]);
        // The session set 2024's value; another program changed 2023's.
        let mine = survey(&[
            ("2023", "location_quotient", 1.0),
            ("2024", "location_quotient", 7.25),
        ]);
        let now = survey(&[("2023", "location_quotient", 2.0)]);
        let m = merge(&fw, &base, &mine, &now);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_eq!(m.mine.value(0, "location_quotient"), Some(2.0));
        assert_eq!(m.mine.value(1, "location_quotient"), Some(7.25));
        assert_eq!(m.mine, m.theirs);
    }

    #[test]
    fn a_cell_changed_on_both_sides_is_a_conflict_with_both_choices() {
        let fw = Framework::embedded("cbec-belt").unwrap();
        let base = survey(&[("2024", "location_quotient", 1.0)]);
        let mine = survey(&[("2024", "location_quotient", 7.25)]);
        let now = survey(&[("2024", "location_quotient", 3.0)]);
        let m = merge(&fw, &base, &mine, &now);
        assert_eq!(m.conflicts.len(), 1);
        let line = m.conflicts[0].text(crate::lang::Lang::En);
        assert_eq!(line, "2024 · location_quotient: file 3 → journal 7.25");
        assert_eq!(m.mine.value(1, "location_quotient"), Some(7.25));
        assert_eq!(m.theirs.value(1, "location_quotient"), Some(3.0));
    }
}
