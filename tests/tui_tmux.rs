//! The real binary in a real terminal (tmux): type, save, quit, check the file and that the
//! shell's terminal is restored; and a SIGKILL after a committed cell, then the next start
//! offers the recovered value. tmux is required: without it these tests fail rather than pass
//! silently (`.ci/run` installs it).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_beltscope");

struct Tmux {
    socket: String,
}

impl Tmux {
    /// A private tmux server (unique socket), so tests run in parallel.
    fn start(name: &str, cmd: &str) -> Tmux {
        let found = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            found,
            "tmux is required for the terminal tests: apt-get install tmux"
        );
        let t = Tmux {
            socket: format!("beltscope-{name}-{}", std::process::id()),
        };
        t.new_session(cmd);
        t
    }

    /// Starts the session; retried for a while, because a server whose last session just
    /// closed may still be shutting down on the socket.
    fn new_session(&self, cmd: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let ok = Command::new("tmux")
                .args([
                    "-L",
                    &self.socket,
                    "new-session",
                    "-d",
                    "-s",
                    "t",
                    "-x",
                    "100",
                    "-y",
                    "30",
                    cmd,
                ])
                .status()
                .unwrap()
                .success();
            if ok {
                return;
            }
            assert!(Instant::now() < deadline, "tmux new-session failed");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    fn text(&self, s: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", s]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// Polls the screen until it shows `what` (10 s at most).
    fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(what) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what:?}; the screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Polls the screen until it no longer shows `what` (10 s at most). A key sent right after
    /// Esc can reach the terminal in the same read and be taken as Alt+key, so the tests wait
    /// for Esc's effect before typing on.
    fn wait_gone(&self, what: &str) {
        let start = Instant::now();
        while self.screen().contains(what) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what:?} to go"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn two_observations(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("two.toml");
    std::fs::write(
        &file,
        "schema = 1\ntitle = \"Two years\"\n\n[[observations]]\nlabel = \"2023\"\n\n[[observations]]\nlabel = \"2024\"\n",
    )
    .unwrap();
    file
}

fn command(dir: &Path, then: &str) -> String {
    format!(
        "cd '{}' && env BELTSCOPE_CONFIG_DIR='{}' {BIN} tui two.toml; {then}",
        dir.display(),
        dir.join("state").display()
    )
}

#[test]
fn type_save_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = two_observations(dir.path());
    let then = "echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e icanon -e -echo -e -icanon | tr '\\n' ' '; echo END; sleep 60";
    let t = Tmux::start("save", &command(dir.path(), then));
    t.wait_for("Progress");
    t.keys(&["?"]);
    t.wait_for("All keys");
    t.wait_for("next missing");
    t.keys(&["Escape"]);
    t.wait_gone("All keys");
    t.keys(&["Enter"]);
    t.text("12.5");
    t.keys(&["Enter"]);
    t.wait_for("● unsaved");
    t.keys(&["C-s"]);
    t.wait_for("saved two.toml");
    t.keys(&["q"]);
    let s = t.wait_for("END");
    assert!(s.contains("EXIT=0"), "{s}");
    let modes: Vec<&str> = s
        .lines()
        .find(|l| l.ends_with("END") || l.contains(" END"))
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert!(
        modes.contains(&"echo") && modes.contains(&"icanon"),
        "terminal not restored (stty shows {modes:?}): {s}"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("location_quotient = 12.5"), "{text}");
    assert!(beltscope::tui::journal::journals_of(&file).is_empty());
}

#[test]
fn sigkill_after_a_commit_offers_the_value_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = two_observations(dir.path());
    let exec = format!(
        "cd '{}' && exec env BELTSCOPE_CONFIG_DIR='{}' {BIN} tui two.toml",
        dir.path().display(),
        dir.path().join("state").display()
    );
    let t = Tmux::start("kill", &exec);
    t.wait_for("Progress");
    t.keys(&["Down", "Enter"]);
    t.text("7.25");
    t.keys(&["Enter"]);
    t.wait_for("● unsaved");
    let pid = t.tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
    let pid = pid.trim();
    assert!(!pid.is_empty());
    assert!(
        Command::new("kill")
            .args(["-KILL", pid])
            .status()
            .unwrap()
            .success()
    );
    // The file is as it was; the journal holds the value.
    assert!(!std::fs::read_to_string(&file).unwrap().contains("7.25"));
    let deadline = Instant::now() + Duration::from_secs(10);
    // The pane (and its session) closes when the killed process is gone.
    while Command::new("tmux")
        .args(["-L", &t.socket, "has-session", "-t", "t"])
        .output()
        .is_ok_and(|o| o.status.success())
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    t.new_session(&command(dir.path(), "echo EXIT=$?; echo END; sleep 60"));
    t.wait_for("Restore unsaved changes?");
    t.keys(&["y"]);
    let s = t.wait_for("restored 1");
    assert!(s.contains("7.25"), "{s}");
    assert!(!std::fs::read_to_string(&file).unwrap().contains("7.25"));
    t.keys(&["C-s"]);
    t.wait_for("saved two.toml");
    t.keys(&["q"]);
    t.wait_for("END");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("export_delivery_ratio = 7.25")
    );
}

/// SIGTERM and SIGHUP (a closed terminal window, a `kill`) leave through the terminal guard:
/// the shell gets its terminal back in cooked mode, and the committed cell is in the journal.
#[test]
fn a_signal_restores_the_terminal_and_keeps_the_journal() {
    for (name, sig) in [("term", "-TERM"), ("hup", "-HUP")] {
        let dir = tempfile::tempdir().unwrap();
        two_observations(dir.path());
        let then = "echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e icanon -e -echo -e -icanon | tr '\\n' ' '; echo END; sleep 60";
        let t = Tmux::start(name, &command(dir.path(), then));
        t.wait_for("Progress");
        t.keys(&["Enter"]);
        t.text("3.5");
        t.keys(&["Enter"]);
        t.wait_for("● unsaved");
        let shell = t.tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
        // The TUI is the shell's child.
        let out = Command::new("pgrep")
            .args(["-P", shell.trim(), "beltscope"])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(!pid.is_empty(), "no beltscope process under the shell");
        assert!(
            Command::new("kill")
                .args([sig, &pid])
                .status()
                .unwrap()
                .success()
        );
        let s = t.wait_for("END");
        let modes: Vec<&str> = s
            .lines()
            .find(|l| l.contains(" END") || l.ends_with("END"))
            .unwrap_or("")
            .split_whitespace()
            .collect();
        assert!(
            modes.contains(&"echo") && modes.contains(&"icanon"),
            "{name}: terminal not restored (stty shows {modes:?}): {s}"
        );
        // The session's own journal: `.two.toml.beltscope-journal.<session>`.
        let kept: String = beltscope::tui::journal::journals_of(&dir.path().join("two.toml"))
            .iter()
            .map(|j| std::fs::read_to_string(j).unwrap_or_default())
            .collect();
        assert!(kept.contains("3.5"), "{name}: journal {kept:?}");
    }
}

/// A terminal that goes away (tmux killed, a window closed) must not leave the TUI spinning on a
/// dead terminal: it ends within a few seconds, and the committed cell stays in its journal.
#[test]
fn a_vanished_terminal_ends_the_tui() {
    let dir = tempfile::tempdir().unwrap();
    let file = two_observations(dir.path());
    let cmd = format!(
        "cd '{}' && exec env BELTSCOPE_CONFIG_DIR='{}' {BIN} tui two.toml",
        dir.path().display(),
        dir.path().join("state").display()
    );
    let t = Tmux::start("gone", &cmd);
    t.wait_for("Progress");
    t.keys(&["Enter"]);
    t.text("4.5");
    t.keys(&["Enter"]);
    t.wait_for("● unsaved");
    let pid = t
        .tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"])
        .trim()
        .to_string();
    assert!(!pid.is_empty(), "no pane process");
    drop(t); // kill-server: the pane's terminal is gone
    let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
    let start = Instant::now();
    while proc_dir.exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        !proc_dir.exists(),
        "the TUI (pid {pid}) still runs 10 s after its terminal went away"
    );
    let kept: String = beltscope::tui::journal::journals_of(&file)
        .iter()
        .map(|j| std::fs::read_to_string(j).unwrap_or_default())
        .collect();
    assert!(kept.contains("4.5"), "journal {kept:?}");
}
