//! The real binary in a real terminal (tmux): type, save, quit, check the file and that the
//! shell's terminal is restored; and a SIGKILL after a committed cell, then the next start
//! offers the recovered value. tmux is required: without it these tests fail rather than pass
//! silently (`.ci/run` installs it).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_beltscope");

mod tmux;
use tmux::Tmux;

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
    t.wait_for("t", "Progress", "tmux test");
    t.keys("t", &["?"]);
    t.wait_for("t", "All keys", "tmux test");
    t.wait_for("t", "next missing", "tmux test");
    t.keys("t", &["Escape"]);
    t.wait_gone("t", "All keys");
    t.keys("t", &["Enter"]);
    t.text("t", "12.5");
    t.keys("t", &["Enter"]);
    t.wait_for("t", "● unsaved", "tmux test");
    t.keys("t", &["C-s"]);
    t.wait_for("t", "saved two.toml", "tmux test");
    t.keys("t", &["q"]);
    let s = t.wait_for("t", "END", "tmux test");
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
    t.wait_for("t", "Progress", "tmux test");
    t.keys("t", &["Down", "Enter"]);
    t.text("t", "7.25");
    t.keys("t", &["Enter"]);
    t.wait_for("t", "● unsaved", "tmux test");
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
    t.session(
        "t",
        &command(dir.path(), "echo EXIT=$?; echo END; sleep 60"),
    );
    t.wait_for("t", "Restore unsaved changes?", "tmux test");
    t.keys("t", &["y"]);
    let s = t.wait_for("t", "restored 1", "tmux test");
    assert!(s.contains("7.25"), "{s}");
    assert!(!std::fs::read_to_string(&file).unwrap().contains("7.25"));
    t.keys("t", &["C-s"]);
    t.wait_for("t", "saved two.toml", "tmux test");
    t.keys("t", &["q"]);
    t.wait_for("t", "END", "tmux test");
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
        t.wait_for("t", "Progress", "tmux test");
        t.keys("t", &["Enter"]);
        t.text("t", "3.5");
        t.keys("t", &["Enter"]);
        t.wait_for("t", "● unsaved", "tmux test");
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
        let s = t.wait_for("t", "END", "tmux test");
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
    t.wait_for("t", "Progress", "tmux test");
    t.keys("t", &["Enter"]);
    t.text("t", "4.5");
    t.keys("t", &["Enter"]);
    t.wait_for("t", "● unsaved", "tmux test");
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
