//! The recovery journal: every committed change, appended and fsynced at once.
//!
//! Location: `.<file name>.beltscope-journal.<session>` in the survey's own folder, one per
//! TUI session. The journal then travels with the survey (USB stick, shared drive), needs no
//! per-user data directory, is found by anyone who looks next to the file, and two surveys with
//! the same name in different folders never share one. One per session, so one session saving
//! or quitting never deletes another's. If that folder is not writable, saving is impossible
//! too, and the TUI says so on screen. A journal named without a session comes from an older
//! version and is read the same way.
//!
//! Format: JSON lines of [`JournalEntry`]. The first is a `header`: who wrote it, and the
//! survey as it was on disk when the journal began (its hash and its text), so recovery can
//! tell an edit made since by another program from one of this session. A cell commit is a
//! small `set`; anything structural (observations added, renamed or deleted, method changes,
//! undo) writes a whole `snapshot`, so replay never has to invert an operation. Replay starts
//! from the header's survey; a successful save deletes the journal. The journal is only ever
//! replayed when the user says so — the survey file itself is never touched by recovery.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::session::SessionInfo;
use crate::model::{Framework, Survey, SurveyDoc};

/// One journaled change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum JournalEntry {
    /// A cell set (`value`) or cleared (`null`).
    Set {
        obs: String,
        ind: String,
        value: Option<f64>,
    },
    /// The whole survey as TOML.
    Snapshot { toml: String },
    /// The first line: the session, and the survey on disk when the journal began.
    Header {
        who: SessionInfo,
        /// [`content_hash`](super::session::content_hash) of the file's bytes, in hex.
        hash: String,
        /// The survey as TOML, the base every entry applies to.
        base: String,
    },
}

/// The name every journal of `survey` starts with; also the whole name of a journal written
/// by a version without sessions.
pub fn path_for(survey: &Path) -> PathBuf {
    super::session::beside(survey, "beltscope-journal")
}

/// The journal of one session.
pub fn session_path(survey: &Path, session: &str) -> PathBuf {
    let mut p = path_for(survey).into_os_string();
    p.push(format!(".{session}"));
    PathBuf::from(p)
}

/// Every journal of `survey` (declined ones excepted), in name order.
pub fn journals_of(survey: &Path) -> Vec<PathBuf> {
    let legacy = path_for(survey);
    let (Some(dir), Some(stem)) = (legacy.parent(), legacy.file_name()) else {
        return Vec::new();
    };
    let stem = stem.to_string_lossy().into_owned();
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            match name.strip_prefix(&stem) {
                Some("") => true,
                Some(rest) => rest.strip_prefix('.').is_some_and(|id| {
                    !id.is_empty() && id.chars().all(|c| c.is_ascii_digit() || c == '-')
                }),
                None => false,
            }
        })
        .map(|e| legacy.with_file_name(e.file_name()))
        .collect();
    found.sort();
    found
}

/// The header of a journal's text, when it has one.
pub fn header(text: &str) -> Option<(SessionInfo, String, String)> {
    let first = text.lines().next()?;
    match serde_json::from_str::<JournalEntry>(first).ok()? {
        JournalEntry::Header { who, hash, base } => Some((who, hash, base)),
        _ => None,
    }
}

/// Appends one entry and fsyncs, so a kill right after a commit loses nothing. A line torn by a
/// full disk or a kill is closed first, so the new entry never joins it and gets lost with it.
/// A journal that does not exist yet (or is empty) starts with `header()`.
pub fn append(
    path: &Path,
    entry: &JournalEntry,
    header: impl FnOnce() -> JournalEntry,
) -> std::io::Result<()> {
    crate::files::injected_full_disk()?;
    let json = |e: &JournalEntry| serde_json::to_string(e).map_err(std::io::Error::other);
    let mut line = json(entry)?;
    line.push('\n');
    let empty = std::fs::metadata(path).map_or(true, |m| m.len() == 0);
    if empty {
        line.insert_str(0, &format!("{}\n", json(&header())?));
    } else if ends_torn(path)? {
        line.insert(0, '\n');
    }
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(line.as_bytes())?;
    f.sync_data()
}

/// Whether the journal exists and its last byte is not a line end.
fn ends_torn(path: &Path) -> std::io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    if f.metadata()?.len() == 0 {
        return Ok(false);
    }
    f.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    f.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// Removes the journal (after a save, or when the user declines recovery it is moved aside).
pub fn clear(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Keeps a declined journal under another name instead of deleting someone's work.
/// A second declined journal gets `.declined.2` and so on: none overwrites an earlier one.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let named = |n: usize| {
        let mut to = path.as_os_str().to_owned();
        to.push(".declined");
        if n > 1 {
            to.push(format!(".{n}"));
        }
        PathBuf::from(to)
    };
    let to = (1..)
        .map(named)
        .find(|p| !p.exists())
        .unwrap_or_else(|| named(1));
    std::fs::rename(path, &to)?;
    Ok(to)
}

/// Applies a journal's text to the survey as saved. Returns the recovered survey and the number
/// of entries applied; a torn last line (a kill mid-write) is skipped.
pub fn replay(base: &Survey, fw: &Framework, text: &str) -> (Survey, usize) {
    let mut s = base.clone();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(entry) = serde_json::from_str::<JournalEntry>(line) else {
            continue;
        };
        match entry {
            JournalEntry::Set { obs, ind, value } => {
                if let Some(i) = s.observations.iter().position(|o| o.label == obs) {
                    super::app::set_value(&mut s, fw, i, &ind, value);
                    n += 1;
                }
            }
            JournalEntry::Snapshot { toml } => {
                if let Ok(doc) = SurveyDoc::parse("journal.toml", &toml) {
                    s = doc.survey;
                    n += 1;
                }
            }
            JournalEntry::Header { .. } => {}
        }
    }
    (s, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: f64) -> JournalEntry {
        JournalEntry::Set {
            obs: "2024".into(),
            ind: "x".into(),
            value: Some(v),
        }
    }

    #[test]
    fn an_entry_after_a_torn_line_starts_a_line_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".s.toml.beltscope-journal");
        // A full disk cut the first entry mid-line.
        std::fs::write(&p, r#"{"op":"set","obs":"2024","ind":"x","val"#).unwrap();
        append(&p, &set(7.5), || unreachable!("the journal exists")).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        let last = text.lines().last().unwrap();
        assert_eq!(
            serde_json::from_str::<JournalEntry>(last).unwrap(),
            set(7.5)
        );
    }

    #[test]
    fn declining_twice_keeps_both_journals() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".s.toml.beltscope-journal");
        std::fs::write(&p, "first\n").unwrap();
        let a = set_aside(&p).unwrap();
        std::fs::write(&p, "second\n").unwrap();
        let b = set_aside(&p).unwrap();
        assert_ne!(a, b);
        assert_eq!(std::fs::read_to_string(a).unwrap(), "first\n");
        assert_eq!(std::fs::read_to_string(b).unwrap(), "second\n");
    }
}
