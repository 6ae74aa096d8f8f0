//! The model of the TUI: everything on screen is a function of [`App`].

use std::path::{Path, PathBuf};

use tui_input::Input;

use crate::engine::Assessment;
use crate::engine::dynamics::Dynamics;
use crate::engine::sensitivity::SensitivityResult;
use crate::lang::Lang;
use crate::model::{Framework, Survey};
use crate::names::Names;
pub use crate::tui::summary::{calculate, net_changes, unsaved_summary};

/// How many periods the Results screen's GM(1,1) forecast looks ahead.
pub const DYNAMICS_HORIZON: usize = 3;

/// The screens, in the guided order Tab walks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    /// Data entry for one circle (index into the framework's circles).
    Entry(usize),
    Results,
    Diagnosis,
    Report,
}

/// How the survey file is stored on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    /// A CSV survey is saved back as CSV (data only): the user chose that format, usually to
    /// exchange it with a spreadsheet, so silently switching to TOML would surprise them.
    Csv,
    /// A workbook is read, never written over: its layout and other sheets would be lost.
    Workbook,
}

/// The open survey with its framework and what is on disk.
#[derive(Debug, Clone)]
pub struct Doc {
    pub path: PathBuf,
    pub format: Format,
    pub framework: Framework,
    pub survey: Survey,
    /// The survey as last saved (or loaded): unsaved = `survey != saved`.
    pub saved: Survey,
    /// CSV: the header's indicator order, kept on save.
    pub csv_columns: Vec<String>,
    /// The file's text as loaded or last saved: saving a TOML survey writes over it, so the
    /// user's comments and layout survive.
    pub source: String,
    /// The file's length and content hash when loaded or last saved: a save first checks
    /// that no other program (or a second TUI) changed the file meanwhile.
    pub disk: Option<DiskStamp>,
    /// Whether this session may change the survey.
    pub access: Access,
}

impl Doc {
    /// This session's recovery journal (None when read-only: nothing is changed, nothing kept).
    pub fn journal(&self) -> Option<PathBuf> {
        match &self.access {
            Access::Own(held) => Some(crate::tui::journal::session_path(
                &self.path,
                &held.info.session,
            )),
            Access::ReadOnly(_) => None,
        }
    }
}

/// Who may edit an open survey.
#[derive(Debug, Clone)]
pub enum Access {
    /// This session holds the survey's lock (dropped with the last copy of the document).
    Own(std::sync::Arc<crate::tui::session::Held>),
    /// Another live session holds it: this one only reads.
    ReadOnly(crate::tui::session::SessionInfo),
}

/// A file's length and content hash. The hash, not the modification time, decides whether the
/// file changed: an editor or a copy can keep the time (and the length) of what it replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    pub hash: u64,
}

/// The stamp of the file at `path` now (None when it cannot be read).
pub fn disk_stamp(path: &std::path::Path) -> Option<DiskStamp> {
    let bytes = std::fs::read(path).ok()?;
    Some(DiskStamp {
        len: bytes.len() as u64,
        hash: crate::tui::session::content_hash(&bytes),
    })
}

/// What the keyboard currently talks to.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// Editing the selected cell in [`App::input`].
    Edit,
    /// Answering a question typed into [`App::input`].
    Prompt(Prompt),
    Confirm(Confirm),
    Help,
    /// The list of the last paste's refusals and the values outside their usual range.
    Problems,
}

/// A question answered with text.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub question: String,
    pub hint: String,
}

/// What a prompt's answer is for.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptKind {
    AddObservation,
    RenameObservation(usize),
    Shift,
    Top,
    Interval,
    ExportPath,
    Wizard(WizardStep),
}

/// The steps of creating a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WizardStep {
    FrameworkPath,
    Title,
    Region,
    Labels,
    FileName,
}

/// A new survey being set up by the wizard.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Wizard {
    pub framework_ref: String,
    pub title: String,
    pub region: Option<String>,
    pub labels: Vec<String>,
    /// Set when the file name is already known (`tui FILE` on a missing file).
    pub path: Option<PathBuf>,
}

/// A yes/no (or save/discard/cancel) question.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Quit with unsaved changes: the lines say what is unsaved.
    Quit(Vec<String>),
    DeleteObservation(usize),
    /// A paste that skips or reinterprets cells: shown first, applied on `y`.
    Paste(Box<crate::tui::paste::PastePlan>),
    /// A newer journal exists: restore its changes?
    Restore {
        journal: PathBuf,
        recovered: Box<Survey>,
        entries: usize,
    },
}

/// Scores, or exactly why there are none yet.
#[derive(Debug, Clone)]
pub enum Calc {
    Ready(Box<Assessment>),
    Blocked(Vec<String>),
}

/// What the Results screen shows below the method lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResultsView {
    #[default]
    Scores,
    Weights,
    /// Synergy and GM(1,1) forecast of a series, or the niche of a cross-section.
    Dynamics,
    /// The last sensitivity analysis.
    Robustness,
}

/// A sensitivity analysis with the survey (data and method) it was run on: it is dropped as
/// soon as the survey differs, so a band never describes other data.
#[derive(Debug, Clone)]
pub struct Robustness {
    pub survey: Survey,
    pub result: SensitivityResult,
}

/// An item on the Start screen.
#[derive(Debug, Clone, PartialEq)]
pub enum StartItem {
    New,
    NewFromFramework,
    Example,
    Open(PathBuf),
}

/// The severity of the status message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Good,
    Bad,
}

/// The whole state of the TUI.
#[derive(Debug)]
pub struct App {
    pub doc: Option<Doc>,
    pub calc: Calc,
    pub screen: Screen,
    pub mode: Mode,
    pub lang: Lang,
    pub input: Input,
    /// Entry cursor: position in the circle's indicator list, observation index.
    pub row: usize,
    pub col: usize,
    pub row_off: usize,
    pub col_off: usize,
    /// Scroll of the Results / Diagnosis / Report text.
    pub scroll: u16,
    pub results_view: ResultsView,
    /// The dynamics of the current scores (horizon 3), recomputed with them while the
    /// dynamics sub-view is shown.
    pub dynamics: Option<Dynamics>,
    /// The last sensitivity analysis, while the survey is the one it ran on.
    pub robustness: Option<Robustness>,
    /// The observation Diagnosis is about.
    pub focus: usize,
    pub message: Option<(Tone, String)>,
    pub undo: Vec<Survey>,
    pub size: (u16, u16),
    pub start_items: Vec<StartItem>,
    pub start_sel: usize,
    pub wizard: Wizard,
    /// Quit once the pending save succeeded.
    pub quit_after_save: bool,
    pub quit: bool,
    /// Where the recent-files list is kept (None: not kept, e.g. in tests).
    pub recent_file: Option<PathBuf>,
    /// Set after a save was held back because another program changed the file: the next
    /// Ctrl-S writes over it, as the message said.
    pub overwrite_changed: bool,
    /// The date printed in the report (a field, so snapshot tests can fix it).
    pub today: String,
    /// Editing a filled cell that nobody has typed into yet: the next character replaces it.
    pub edit_fresh: bool,
    /// The user picked the focus with ←/→; until then a cross-section follows the lowest D.
    pub focus_chosen: bool,
    /// The last paste's refusals, listed by `!` until the next paste.
    pub refusals: Vec<String>,
    /// Journals of ended sessions still to be offered; the first one is being asked about.
    pub offers: Vec<crate::tui::recover::Offer>,
    /// Why the last journal write failed, until one succeeds (or a save does): then the last
    /// changes are only in memory, and the screen must say so.
    pub journal_error: Option<String>,
}

impl App {
    /// An app on the Start screen, with the surveys found and the recent files.
    pub fn new(lang: Lang, start_items: Vec<StartItem>) -> App {
        App {
            overwrite_changed: false,
            doc: None,
            calc: Calc::Blocked(vec!["no survey is open".into()]),
            screen: Screen::Start,
            mode: Mode::Normal,
            lang,
            input: Input::default(),
            row: 0,
            col: 0,
            row_off: 0,
            col_off: 0,
            scroll: 0,
            results_view: ResultsView::Scores,
            dynamics: None,
            robustness: None,
            focus: 0,
            message: None,
            undo: Vec::new(),
            size: (80, 24),
            start_items,
            start_sel: 0,
            wizard: Wizard::default(),
            quit_after_save: false,
            quit: false,
            recent_file: None,
            today: crate::report::today(),
            edit_fresh: false,
            refusals: Vec::new(),
            focus_chosen: false,
            offers: Vec::new(),
            journal_error: None,
        }
    }

    /// Puts a loaded survey in place and opens the first circle's first cell.
    pub fn set_doc(&mut self, doc: Doc) {
        self.focus = doc.survey.observations.len().saturating_sub(1);
        self.focus_chosen = false;
        self.doc = Some(doc);
        self.screen = Screen::Entry(0);
        self.mode = Mode::Normal;
        self.row = 0;
        self.col = 0;
        self.row_off = 0;
        self.col_off = 0;
        self.scroll = 0;
        self.undo.clear();
        self.recompute();
    }

    /// True when the survey differs from the file.
    pub fn dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(|d| d.survey != d.saved)
    }

    /// The screens Tab walks through.
    pub fn screens(&self) -> Vec<Screen> {
        let mut v = vec![Screen::Start];
        if let Some(d) = &self.doc {
            v.extend((0..d.framework.circles.len()).map(Screen::Entry));
            v.extend([Screen::Results, Screen::Diagnosis, Screen::Report]);
        }
        v
    }

    /// A localized text: English or Chinese.
    pub fn tr<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        self.lang.tr(en, zh)
    }

    /// Recomputes the scores, or the reasons there are none; called after every change.
    pub fn recompute(&mut self) {
        self.calc = match &self.doc {
            None => Calc::Blocked(vec!["no survey is open".into()]),
            Some(d) => calculate(&d.framework, &d.survey, self.lang),
        };
        // The robustness bands belong to the survey they ran on; dynamics follow the scores.
        let same = |r: &Robustness| self.doc.as_ref().is_some_and(|d| d.survey == r.survey);
        if !self.robustness.as_ref().is_some_and(same) {
            self.robustness = None;
        }
        self.refresh_dynamics();
        if let Calc::Ready(a) = &self.calc {
            self.focus = self.focus.min(a.m().saturating_sub(1));
            let regions = self.doc.as_ref().is_some_and(|d| {
                crate::tui::entry::obs_word(&d.survey) == crate::tui::entry::ObsWord::Region
            });
            // A cross-section has no "latest" observation: the weakest belt is the one to read.
            if regions && !self.focus_chosen {
                self.focus = (0..a.m())
                    .min_by(|&x, &y| a.coupling[x].d.total_cmp(&a.coupling[y].d))
                    .unwrap_or(0);
            }
        }
    }

    /// Recomputes the dynamics while they are shown (the niche of many belts is quadratic in
    /// their number, so it is not paid for on every keystroke elsewhere), else drops them.
    pub fn refresh_dynamics(&mut self) {
        self.dynamics = match (&self.calc, &self.doc, self.results_view) {
            (Calc::Ready(a), Some(d), ResultsView::Dynamics) => {
                Some(crate::engine::dynamics::of_input(
                    &crate::tui::summary::input_of(&d.framework, &d.survey),
                    a,
                    DYNAMICS_HORIZON,
                ))
            }
            _ => None,
        };
    }

    /// The localized name of circle `c`.
    pub fn circle_name(&self, fw: &Framework, c: usize) -> String {
        self.names(fw).circle(c).to_string()
    }

    /// The framework's names in the UI language.
    pub fn names<'a>(&self, fw: &'a Framework) -> Names<'a> {
        Names {
            fw,
            lang: self.lang,
        }
    }
}

/// The indicators of circle `c`, grouped under their dimensions (dimension order, then
/// framework order): the rows of the Entry grid.
pub fn circle_indicators(fw: &Framework, c: usize) -> Vec<usize> {
    fw.dimensions_of_circle(c)
        .flat_map(|d| fw.indicators_of_dimension(d).collect::<Vec<_>>())
        .collect()
}

/// Sets (or clears, with `None`) a value, inserting a new key at its framework position so a
/// saved file lists indicators in framework order.
pub fn set_value(s: &mut Survey, fw: &Framework, i: usize, id: &str, value: Option<f64>) {
    let Some(o) = s.observations.get_mut(i) else {
        return;
    };
    match value {
        None => {
            o.values.shift_remove(id);
        }
        Some(v) => {
            if let Some(slot) = o.values.get_mut(id) {
                *slot = v;
                return;
            }
            let j = fw.indicator_index(id).unwrap_or(usize::MAX);
            let pos = o
                .values
                .keys()
                .position(|k| fw.indicator_index(k).unwrap_or(usize::MAX) > j)
                .unwrap_or(o.values.len());
            o.values.shift_insert(pos, id.to_string(), v);
        }
    }
}

/// Missing cells of circle `c`, in grid order (indicator rows, then observations).
pub fn missing_in_circle(fw: &Framework, s: &Survey, c: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (r, &j) in circle_indicators(fw, c).iter().enumerate() {
        for (i, o) in s.observations.iter().enumerate() {
            if !o.values.contains_key(&fw.indicators[j].id) {
                out.push((r, i));
            }
        }
    }
    out
}

/// The file name shown in the title bar.
pub fn display_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
