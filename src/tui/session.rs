//! One TUI session on one survey: its identity, the advisory lock that keeps a second TUI from
//! editing the same file, and whether another session's process is still alive.
//!
//! The lock is `.<file name>.beltscope-lock` beside the survey, created with `create_new` and
//! holding the owner's pid, host, process start time and session id as JSON. A lock whose
//! process is gone (a SIGKILL, a power cut) is stale and taken over; a live one makes the next
//! TUI open the survey read-only, naming the session that has it. Beside the survey rather than
//! in a per-user folder so that two users of a shared drive see each other's lock.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Who holds a survey: what the lock file and a journal header say about a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Unique per open: `<pid>-<start in ms>-<counter>`, also the journal's name suffix.
    pub session: String,
    pub pid: u32,
    pub host: String,
    /// When the session started, in seconds since the Unix epoch.
    pub started: u64,
    /// The process's start time as the OS reports it (Linux: clock ticks after boot), so a pid
    /// reused by another program after a crash does not keep a lock alive.
    #[serde(default)]
    pub proc_start: Option<u64>,
}

impl SessionInfo {
    /// A new session of this process.
    pub fn new() -> SessionInfo {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let pid = std::process::id();
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        SessionInfo {
            session: format!("{pid}-{}-{n}", now.as_millis()),
            pid,
            host: host_name(),
            started: now.as_secs(),
            proc_start: proc_start(pid),
        }
    }

    /// Whether the session's process may still run. Another host's process cannot be checked,
    /// so it counts as alive: taking over a colleague's live lock would be worse than asking
    /// the user to remove a stale one.
    pub fn alive(&self) -> bool {
        if self.host != host_name() {
            return true;
        }
        if self.pid == std::process::id() {
            // Another session of this very process (or this one): alive by definition.
            return true;
        }
        match (pid_alive(self.pid), self.proc_start, proc_start(self.pid)) {
            (false, _, _) => false,
            (true, Some(was), Some(now)) => was == now,
            (true, _, _) => true,
        }
    }

    /// "pid 1234 on host, since 2026-12-02 10:42 UTC": enough to find the other window.
    pub fn describe(&self) -> String {
        format!(
            "pid {} on {}, since {}",
            self.pid,
            self.host,
            utc_minute(self.started)
        )
    }

    /// [`describe`](Self::describe) in Chinese.
    pub fn describe_zh(&self) -> String {
        format!(
            "进程 {}，主机 {}，始于 {}",
            self.pid,
            self.host,
            utc_minute(self.started)
        )
    }
}

impl Default for SessionInfo {
    fn default() -> Self {
        SessionInfo::new()
    }
}

/// A held lock; dropping it removes the lock file if it is still ours.
#[derive(Debug)]
pub struct Held {
    pub info: SessionInfo,
    /// None when the folder is not writable: then nothing can be saved or journaled either,
    /// and those errors say so.
    pub lock: Option<PathBuf>,
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(p) = &self.lock
            && read_lock(p).is_some_and(|i| i.session == self.info.session)
        {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Where the lock of `survey` lives.
pub fn lock_path(survey: &Path) -> PathBuf {
    beside(survey, "beltscope-lock")
}

/// `.<file name>.<what>` in the survey's folder.
pub fn beside(survey: &Path, what: &str) -> PathBuf {
    let name = survey.file_name().map_or_else(
        || "survey".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let dir = survey.parent().unwrap_or(Path::new(""));
    dir.join(format!(".{name}.{what}"))
}

/// The session named in a lock file, if it can be read.
pub fn read_lock(path: &Path) -> Option<SessionInfo> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(text.trim()).ok()
}

/// Takes the lock of `survey` for a new session, or names the live session that has it.
/// A stale lock (its process gone) is taken over; an unreadable one counts as stale once it is
/// older than a few seconds (a lock being written right now is younger).
pub fn acquire(survey: &Path) -> Result<Held, SessionInfo> {
    let info = SessionInfo::new();
    let path = lock_path(survey);
    for _ in 0..3 {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                use std::io::Write;
                let json = serde_json::to_string(&info).unwrap_or_default();
                let written = f.write_all(json.as_bytes()).and_then(|_| f.sync_all());
                drop(f);
                if written.is_err() {
                    let _ = std::fs::remove_file(&path);
                    return Ok(Held { info, lock: None });
                }
                // Two takeovers of one stale lock: only the one whose lock stayed goes on.
                return match read_lock(&path) {
                    Some(i) if i.session == info.session => Ok(Held {
                        info,
                        lock: Some(path),
                    }),
                    Some(other) => Err(other),
                    None => Ok(Held { info, lock: None }),
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match read_lock(&path) {
                Some(other) if other.alive() => return Err(other),
                Some(_) => {
                    let _ = std::fs::remove_file(&path);
                }
                None => {
                    let age = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .unwrap_or_default();
                    if age.as_secs() >= 5 {
                        let _ = std::fs::remove_file(&path);
                    } else {
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                }
            },
            // A read-only folder or medium: no lock, and saving will say why it fails.
            Err(_) => return Ok(Held { info, lock: None }),
        }
    }
    match read_lock(&path) {
        Some(other) => Err(other),
        None => Ok(Held { info, lock: None }),
    }
}

/// This machine's name, as far as it can be found without asking the network.
pub fn host_name() -> String {
    let from_file = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok()
        .map(|s| s.trim().to_string());
    from_file
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "this computer".into())
}

/// Whether process `pid` exists on this machine. Linux reads `/proc`; other Unix systems ask
/// `kill -0`; elsewhere a process is assumed alive (its lock is then removed by hand).
pub fn pid_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        return Path::new(&format!("/proc/{pid}")).exists()
            && proc_stat(pid).is_none_or(|s| s.state != 'Z');
    }
    if cfg!(unix) {
        return std::process::Command::new("kill")
            .args(["-0", &pid.to_string()])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    }
    true
}

struct ProcStat {
    state: char,
    start: u64,
}

/// Linux `/proc/<pid>/stat`: the state and start time fields (after the parenthesised name,
/// which may itself hold spaces and parentheses).
fn proc_stat(pid: u32) -> Option<ProcStat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Field 3 of the whole line is the state; field 22 the start time.
    Some(ProcStat {
        state: fields.first()?.chars().next()?,
        start: fields.get(19)?.parse().ok()?,
    })
}

fn proc_start(pid: u32) -> Option<u64> {
    proc_stat(pid).map(|s| s.start)
}

/// `YYYY-MM-DD HH:MM UTC` for seconds since the epoch (civil-from-days, no time-zone data).
pub fn utc_minute(secs: u64) -> String {
    let rem = secs % 86_400;
    format!(
        "{} {:02}:{:02} UTC",
        crate::textfmt::civil_date((secs / 86_400) as i64),
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// A 64-bit FNV-1a hash of a file's bytes: a change detector that needs no dependency and
/// sees an edit that kept the length and the modification time.
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_session_is_refused_while_the_first_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.toml");
        let first = acquire(&s).unwrap();
        let other = acquire(&s).unwrap_err();
        assert_eq!(other.session, first.info.session);
        drop(first);
        assert!(!lock_path(&s).exists());
        assert!(acquire(&s).is_ok());
    }

    #[test]
    #[cfg(unix)]
    fn a_lock_of_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.toml");
        let mut dead = SessionInfo::new();
        // A child that has exited and been reaped: its pid is gone.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        dead.pid = child.id();
        child.wait().unwrap();
        dead.session = format!("{}-0-0", dead.pid);
        std::fs::write(lock_path(&s), serde_json::to_string(&dead).unwrap()).unwrap();
        let held = acquire(&s).unwrap();
        assert_eq!(read_lock(&lock_path(&s)).unwrap(), held.info);
    }

    #[test]
    fn a_reused_pid_does_not_keep_a_lock_alive() {
        let mut s = SessionInfo::new();
        s.pid = 1;
        s.proc_start = proc_start(1).map(|t| t + 1);
        if proc_start(1).is_some() {
            assert!(!s.alive());
        }
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(utc_minute(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_minute(1_709_210_096), "2024-02-29 12:34 UTC");
    }

    #[test]
    fn the_hash_sees_a_same_length_edit() {
        assert_ne!(content_hash(b"x = 12"), content_hash(b"x = 21"));
    }
}
