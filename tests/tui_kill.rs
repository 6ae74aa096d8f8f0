//! Crash safety of the real binary in a real terminal (tmux): SIGKILL and SIGTERM at random
//! points of editing sessions, two sessions on one file, a full disk, a terminal holding an
//! earlier screen. Every committed cell must come back from the journals at the next open, the
//! survey file must always parse, and a catchable signal must give the shell its terminal back.
//!
//! The random runs are seeded; the seed is printed, and `BELTSCOPE_KILL_SEED=n` repeats a run.
//! tmux is required (`.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use beltscope::model::{Framework, Survey, SurveyDoc};
use beltscope::tui::app::circle_indicators;

mod tmux;
use tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_beltscope");

/// What the shell prints after the TUI ends: its exit code and the terminal's modes.
const AFTER: &str = "echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e icanon -e -echo -e -icanon | tr '\\n' ' '; echo END; sleep 60";

fn kill(sig: &str, pid: &str) {
    let ok = Command::new("kill").args([sig, pid]).status();
    assert!(ok.is_ok_and(|s| s.success()), "kill {sig} {pid}");
}

/// Waits until process `pid` is gone (a zombie counts as gone: it holds no file).
fn wait_gone(pid: &str) {
    let start = Instant::now();
    while std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        !s.rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    }) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{pid} still runs"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn copy(dir: &Path) -> PathBuf {
    let file = dir.join("two.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tui/two-years.toml"),
        &file,
    )
    .expect("the test survey");
    file
}

fn tui(dir: &Path, args: &str, env: &str) -> String {
    format!(
        "cd '{}' && env BELTSCOPE_CONFIG_DIR='{}' {env} {BIN} tui two.toml {args}; {AFTER}",
        dir.display(),
        dir.join("state").display()
    )
}

/// The terminal modes the shell printed after the TUI: cooked mode is `echo` and `icanon`.
fn restored(screen: &str) -> bool {
    let modes: Vec<&str> = screen
        .lines()
        .find(|l| l.contains(" END") || l.ends_with("END"))
        .unwrap_or("")
        .split_whitespace()
        .collect();
    modes.contains(&"echo") && modes.contains(&"icanon")
}

/// A small seeded generator (xorshift64*), so a failing run can be repeated from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// The survey on disk must always parse: a kill never leaves it truncated or half-written.
fn survey_on_disk(file: &Path, why: &str) -> Survey {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{why}: {e}"));
    SurveyDoc::parse("two.toml", &text)
        .unwrap_or_else(|e| panic!("{why}: the survey is corrupt: {e:?}\n{text}"))
        .survey
}

/// What the next open brings back: every offered journal restored in turn, as `y` does.
fn recovered(file: &Path, why: &str) -> Survey {
    let loaded = beltscope::tui::load(file).unwrap_or_else(|e| panic!("{why}: {e}"));
    let fw = &loaded.doc.framework;
    let mut s = loaded.doc.survey.clone();
    for offer in &loaded.recovery {
        s = offer.merge(fw, &s).mine;
    }
    let temps: Vec<_> = std::fs::read_dir(file.parent().unwrap_or(Path::new(".")))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        temps.is_empty(),
        "{why}: temp files left after open: {temps:?}"
    );
    s
}

#[test]
fn kills_at_random_points_never_lose_a_committed_cell() {
    let seed = std::env::var("BELTSCOPE_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("kill test seed: {seed} (BELTSCOPE_KILL_SEED={seed} repeats it)");
    let mut rng = Rng(seed);
    let fw = Framework::embedded("cbec-belt").expect("the default framework");
    // The rows every test value fits (no Likert scale, no maximum below them).
    let rows: Vec<usize> = circle_indicators(&fw, 0)
        .into_iter()
        .filter(|&j| {
            let i = &fw.indicators[j];
            i.scale.is_none() && i.max.is_none_or(|m| m >= 30.0) && i.min.is_none_or(|m| m <= 1.0)
        })
        .collect();
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = copy(dir.path());
    let t = Tmux::start("random", "sleep 600");
    // (observation, indicator id, value) of every committed cell, the latest value of each.
    let mut expected: Vec<(usize, String, f64)> = Vec::new();
    let last_row = circle_indicators(&fw, 0).len() - 1;
    for run in 0..20u64 {
        let why = format!("seed {seed}, run {run}");
        // Each run starts where the last one left off: what it recovers is restored, so the
        // next kill happens on top of recovered data, as in real use.
        let name = format!("r{run}");
        t.session(&name, &tui(dir.path(), "", ""));
        // The message line is drawn below any question: the whole first frame is on screen.
        let shown = t.wait_for(&name, "opened two.toml", &why);
        if shown.contains("Restore unsaved changes?") {
            t.keys(&name, &["y"]);
            t.wait_for(&name, "restored", &why);
            // Several journals can be waiting: answer each.
            loop {
                let s = t.screen(&name);
                if !s.contains("Restore unsaved changes?") {
                    break;
                }
                t.keys(&name, &["y"]);
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        // A run of cells down one column from a place that moves on each run, so later runs
        // also overwrite cells earlier runs committed.
        let start = (run as usize * 5) % (2 * rows.len());
        let (row, col) = (start % rows.len(), start / rows.len());
        let mut cur = 0;
        for _ in 0..col {
            t.keys(&name, &["Right"]);
        }
        let cells = (1 + rng.below(6) as usize).min(rows.len() - row);
        let save_after = rng.below(cells as u64 + 2) as usize;
        for k in 0..cells {
            let v = format!("{}.{}5", run + 1, k + 1);
            // Commit moved the cursor one grid row down; go to the next row a value fits.
            let target = grid_row(&fw, rows[row + k]);
            while cur < target {
                t.keys(&name, &["Down"]);
                cur += 1;
            }
            while cur > target {
                t.keys(&name, &["Up"]);
                cur -= 1;
            }
            cur = (cur + 1).min(last_row);
            t.keys(&name, &["Enter"]);
            t.text(&name, &v);
            t.keys(&name, &["Enter"]);
            // Committed: the grid shows the value and the cell is no longer being edited.
            wait_committed(&t, &name, &v, &why);
            let id = fw.indicators[rows[row + k]].id.clone();
            expected.retain(|(c, i, _)| (*c, i) != (col, &id));
            expected.push((col, id, v.parse().expect("a number")));
            if k + 1 == save_after {
                t.keys(&name, &["C-s"]);
                t.wait_for(&name, "saved two.toml", &why);
            }
        }
        // A kill at a random moment: right after a commit, while a value is half typed, or in
        // the middle of a save.
        let pid = t.tui_pid(&name);
        match rng.below(3) {
            0 => {}
            1 => t.text(&name, "99"),
            _ => {
                t.keys(&name, &["C-s"]);
                std::thread::sleep(Duration::from_millis(rng.below(15)));
            }
        }
        let term = rng.below(2) == 0;
        kill(if term { "-TERM" } else { "-KILL" }, &pid);
        wait_gone(&pid);
        if term {
            let s = t.wait_for(&name, "END", &why);
            assert!(
                restored(&s),
                "{why}: terminal not restored after SIGTERM:\n{s}"
            );
        }
        let _ = t.tmux(&["kill-session", "-t", &name]);
        survey_on_disk(&file, &why);
        let back = recovered(&file, &why);
        for (col, id, v) in &expected {
            assert_eq!(
                back.value(*col, id),
                Some(*v),
                "{why}: the committed {id} = {v} was not recovered"
            );
        }
    }
}

/// The row of indicator `j` in the core circle's grid.
fn grid_row(fw: &Framework, j: usize) -> usize {
    circle_indicators(fw, 0)
        .iter()
        .position(|&x| x == j)
        .expect("a core indicator")
}

/// Waits until the grid shows `v` as a cell (spaces around it) and no cell is being edited.
fn wait_committed(t: &Tmux, s: &str, v: &str, why: &str) {
    let start = Instant::now();
    loop {
        let shown = t.screen(s);
        let in_grid = shown
            .lines()
            .any(|l| format!("{l} ").contains(&format!(" {v} ")));
        if in_grid && !shown.contains("commit the value") {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{why}: {v} not committed; the screen:\n{shown}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn two_sessions_on_one_file_then_a_kill() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = copy(dir.path());
    let t = Tmux::start("two", &tui(dir.path(), "", ""));
    t.wait_for("t", "Progress", "first");
    t.keys("t", &["Enter"]);
    t.text("t", "6.5");
    t.keys("t", &["Enter"]);
    t.wait_for("t", "● unsaved", "first");
    // A second TUI on the same file, in Chinese: read-only, naming the first.
    // Its own config folder, so the language it remembers does not carry over to the third.
    let zh_state = format!("BELTSCOPE_CONFIG_DIR='{}'", dir.path().join("zh").display());
    t.session("b", &tui(dir.path(), "--lang zh", &zh_state));
    let s = t.wait_for("b", "只读", "second");
    let first = t.tui_pid("t");
    assert!(
        s.contains(&format!("进程 {first}")),
        "pid {first:?} not named:\n{s}"
    );
    t.keys("b", &["Enter"]);
    t.text("b", "1");
    t.wait_for("b", "只读：另一个 beltscope 正在编辑 two.toml", "second");
    t.keys("b", &["q"]);
    let s = t.wait_for("b", "END", "second");
    assert!(s.contains("EXIT=0"), "{s}");
    // The second quitting left the first's journal alone; now the first is killed.
    kill("-KILL", &first);
    wait_gone(&first);
    let _ = t.tmux(&["kill-session", "-t", "t"]);
    t.session("c", &tui(dir.path(), "", ""));
    t.wait_for("c", "Restore unsaved changes?", "third");
    t.keys("c", &["y"]);
    let s = t.wait_for("c", "restored 1", "third");
    assert!(s.contains("6.5"), "{s}");
    assert!(
        !s.contains("read-only"),
        "a dead session's lock is taken over: {s}"
    );
    t.keys("c", &["C-s"]);
    t.wait_for("c", "saved two.toml", "third");
    t.keys("c", &["q"]);
    t.wait_for("c", "END", "third");
    assert_eq!(
        survey_on_disk(&file, "saved").value(0, "location_quotient"),
        Some(6.5)
    );
    assert!(beltscope::tui::journal::journals_of(&file).is_empty());
}

#[test]
fn a_full_disk_is_said_truthfully_and_a_save_after_freeing_space_works() {
    if !cfg!(debug_assertions) {
        // The write hook exists in debug builds only (release binaries ignore it).
        eprintln!("skipped: the full-disk hook is compiled into debug builds only");
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = copy(dir.path());
    let full = dir.path().join("disk-is-full");
    let env = format!("BELTSCOPE_FAIL_WRITES_WHILE='{}'", full.display());
    let t = Tmux::start("full", &tui(dir.path(), "", &env));
    t.wait_for("t", "Progress", "start");
    t.keys("t", &["Enter"]);
    t.text("t", "2.5");
    t.keys("t", &["Enter"]);
    t.wait_for("t", "● unsaved", "first cell");
    std::fs::write(&full, "").expect("the flag");
    t.keys("t", &["Enter"]);
    t.text("t", "3.5");
    t.keys("t", &["Enter"]);
    // Waited for one after the other: a capture can fall between two draws.
    t.wait_for("t", "⚠ not journaled", "second cell");
    t.wait_for(
        "t",
        "journal not written: the last change is only in memory",
        "second cell",
    );
    t.keys("t", &["C-s"]);
    t.wait_for("t", "could not save", "save on a full disk");
    let s = t.wait_for("t", "only in this window", "save on a full disk");
    assert!(!s.contains("stay here and in the recovery journal"), "{s}");
    // The warning stays on screen after the message line is cleared.
    t.keys("t", &["Tab"]);
    t.wait_for("t", "⚠ not journaled", "after Tab");
    std::fs::remove_file(&full).expect("space freed");
    t.keys("t", &["C-s"]);
    let s = t.wait_for("t", "saved two.toml", "save after freeing space");
    assert!(!s.contains("⚠"), "{s}");
    t.keys("t", &["q"]);
    t.wait_for("t", "END", "quit");
    let saved = survey_on_disk(&file, "saved");
    assert_eq!(saved.value(0, "location_quotient"), Some(2.5));
    assert_eq!(saved.value(0, "export_delivery_ratio"), Some(3.5));
}

#[test]
fn an_earlier_screen_never_shows_through() {
    let dir = tempfile::tempdir().expect("a temp dir");
    copy(dir.path());
    let junk = "printf '2402%.0s' $(seq 1 700);";
    let t = Tmux::start("stale", &format!("{junk} {}", tui(dir.path(), "", "")));
    t.wait_for("t", "Progress", "start");
    let s = t.screen("t");
    assert!(!s.contains("2402"), "{s}");
    t.tmux(&["resize-window", "-t", "t", "-x", "120", "-y", "35"]);
    std::thread::sleep(Duration::from_millis(400));
    t.tmux(&["resize-window", "-t", "t", "-x", "100", "-y", "30"]);
    std::thread::sleep(Duration::from_millis(400));
    let s = t.wait_for("t", "Progress", "resized");
    assert!(!s.contains("2402"), "{s}");
}
