//! A private tmux server for the terminal tests: sessions, keys, screens, the TUI's pid.
//! tmux is required: without it these tests fail rather than pass silently (`.ci/run`
//! installs it).

#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    /// A private tmux server (unique socket, so tests run in parallel) with session `t`
    /// running `cmd`.
    pub fn start(name: &str, cmd: &str) -> Tmux {
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
        t.session("t", cmd);
        t
    }

    /// A session (window) running `cmd`; retried while a previous server shuts down.
    pub fn session(&self, name: &str, cmd: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let ok = Command::new("tmux")
                .args(["-L", &self.socket, "new-session", "-d", "-s", name])
                .args(["-x", "100", "-y", "30", cmd])
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                return;
            }
            assert!(Instant::now() < deadline, "tmux new-session failed");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, s: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", s];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    pub fn text(&self, s: &str, text: &str) {
        self.tmux(&["send-keys", "-t", s, "-l", text]);
    }

    pub fn screen(&self, s: &str) -> String {
        self.tmux(&["capture-pane", "-p", "-t", s])
    }

    pub fn wait_for(&self, s: &str, what: &str, why: &str) -> String {
        let start = Instant::now();
        loop {
            let shown = self.screen(s);
            if shown.contains(what) {
                return shown;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{why}: timed out waiting for {what:?}; the screen:\n{shown}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Polls session `s` until its screen no longer shows `what` (10 s at most). A key sent
    /// right after Esc can reach the terminal in the same read and be taken as Alt+key, so the
    /// tests wait for Esc's effect before typing on.
    pub fn wait_gone(&self, s: &str, what: &str) {
        let start = Instant::now();
        while self.screen(s).contains(what) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what:?} to go"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The beltscope process under session `s`'s shell.
    pub fn tui_pid(&self, s: &str) -> String {
        let shell = self.tmux(&["display-message", "-p", "-t", s, "#{pane_pid}"]);
        let start = Instant::now();
        loop {
            let out = Command::new("pgrep")
                .args(["-P", shell.trim(), "beltscope"])
                .output()
                .expect("pgrep runs");
            let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if !pid.is_empty() {
                return pid;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "no beltscope");
            std::thread::sleep(Duration::from_millis(20));
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
