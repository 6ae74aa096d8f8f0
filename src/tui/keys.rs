//! The one key table: dispatch, the footer and the `?` help all read [`BINDINGS`], so what the
//! screen says a key does is what it does.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Every intent a key can express.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextScreen,
    PrevScreen,
    Save,
    Help,
    Quit,
    /// Ctrl-C: quit, asking first when there are unsaved changes.
    Interrupt,
    ToggleLang,
    Undo,
    /// List refused pasted values and values outside their usual range.
    ShowProblems,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Edit,
    /// A digit typed on the grid starts editing with it.
    StartTyping,
    ClearCell,
    NextMissing,
    AddObservation,
    RenameObservation,
    DeleteObservation,
    CycleNormalization,
    CycleWeighting,
    SetShift,
    CycleCoupling,
    SetTop,
    SetInterval,
    CycleObstacles,
    ToggleWeights,
    /// How missing values are treated: none, interpolate, mean.
    CycleImpute,
    /// The dynamics sub-view of Results: synergy and forecast, or niche.
    ToggleDynamics,
    /// Runs the sensitivity analysis and shows it.
    Robustness,
    Export,
    Open,
    NewSurvey,
    NewFromFramework,
    Commit,
    Cancel,
    Yes,
    No,
    SaveChoice,
    DiscardChoice,
    /// Restoring a journal: keep the file's value wherever both sides changed a cell.
    KeepFile,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Every screen in normal mode.
    Global,
    Start,
    Entry,
    Results,
    Diagnosis,
    Report,
    Edit,
    Prompt,
    ConfirmYesNo,
    ConfirmQuit,
    Help,
}

/// Which key presses a binding matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    Plain(KeyCode),
    Ctrl(char),
    /// Digits, `-`, `.` and their full-width forms.
    Numeric,
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Ctx,
    pub keys: Keys,
    pub action: Action,
    /// How the key is written in the footer and help; empty = an alias not listed.
    pub label: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    /// Shown in the footer (the help shows every labelled binding).
    pub footer: bool,
}

const fn b(
    ctx: Ctx,
    keys: Keys,
    action: Action,
    label: &'static str,
    en: &'static str,
    zh: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        ctx,
        keys,
        action,
        label,
        en,
        zh,
        footer,
    }
}

use Action as A;
use Ctx as C;
use KeyCode as K;
use Keys::{Ctrl, Numeric, Plain};

/// The key table. Order matters: the first match wins, and the footer lists in this order.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Entry
    b(C::Entry, Plain(K::Enter), A::Edit, "Enter", "edit", "编辑", true),
    b(C::Entry, Numeric, A::StartTyping, "0-9", "type a value", "输入数值", false),
    b(C::Entry, Plain(K::Up), A::Up, "↑↓←→ hjkl", "move", "移动", true),
    b(C::Entry, Plain(K::Down), A::Down, "", "", "", false),
    b(C::Entry, Plain(K::Left), A::Left, "", "", "", false),
    b(C::Entry, Plain(K::Right), A::Right, "", "", "", false),
    b(C::Entry, Plain(K::Char('k')), A::Up, "", "", "", false),
    b(C::Entry, Plain(K::Char('j')), A::Down, "", "", "", false),
    b(C::Entry, Plain(K::Char('h')), A::Left, "", "", "", false),
    b(C::Entry, Plain(K::Char('l')), A::Right, "", "", "", false),
    b(C::Entry, Plain(K::PageUp), A::PageUp, "PgUp/PgDn", "page", "翻页", false),
    b(C::Entry, Plain(K::PageDown), A::PageDown, "", "", "", false),
    b(C::Entry, Plain(K::Char('n')), A::NextMissing, "n", "next missing", "下一个缺失", true),
    b(C::Entry, Plain(K::Delete), A::ClearCell, "Del", "clear cell", "清除", false),
    b(C::Entry, Plain(K::Backspace), A::ClearCell, "", "", "", false),
    b(C::Entry, Plain(K::Char('a')), A::AddObservation, "a", "add observation", "添加年份/地区", false),
    b(C::Entry, Plain(K::Char('r')), A::RenameObservation, "r", "rename observation", "改名", false),
    b(C::Entry, Plain(K::Char('x')), A::DeleteObservation, "x", "delete observation", "删除年份/地区", false),
    // Results
    b(C::Results, Plain(K::Char('c')), A::CycleCoupling, "c", "coupling", "耦合模型", true),
    b(C::Results, Plain(K::Char('m')), A::CycleNormalization, "m", "normalization", "标准化", true),
    b(C::Results, Plain(K::Char('w')), A::CycleWeighting, "w", "weighting", "赋权", true),
    b(C::Results, Plain(K::Char('s')), A::SetShift, "s", "shift", "平移", false),
    b(C::Results, Plain(K::Char('t')), A::SetTop, "t", "top-k", "薄弱维度数", false),
    b(C::Results, Plain(K::Char('i')), A::SetInterval, "i", "interval", "映射区间", false),
    b(C::Results, Plain(K::Char('o')), A::CycleObstacles, "o", "obstacle basis", "障碍度基准", false),
    b(C::Results, Plain(K::Char('v')), A::ToggleWeights, "v", "scores/weights", "得分/权重", true),
    b(C::Results, Plain(K::Char('d')), A::ToggleDynamics, "d", "dynamics", "动态分析", false),
    b(C::Results, Plain(K::Char('R')), A::Robustness, "R", "robustness (1000 runs)", "稳健性（1000 次）", false),
    b(C::Results, Plain(K::Char('I')), A::CycleImpute, "I", "impute missing values", "缺失值插补", false),
    b(C::Results, Plain(K::Down), A::Down, "↑↓ jk", "scroll", "滚动", false),
    b(C::Results, Plain(K::Up), A::Up, "", "", "", false),
    b(C::Results, Plain(K::Char('j')), A::Down, "", "", "", false),
    b(C::Results, Plain(K::Char('k')), A::Up, "", "", "", false),
    b(C::Results, Plain(K::PageDown), A::PageDown, "PgUp/PgDn", "page", "翻页", false),
    b(C::Results, Plain(K::PageUp), A::PageUp, "", "", "", false),
    // Diagnosis
    b(C::Diagnosis, Plain(K::Left), A::Left, "←→ hl", "focus observation", "评价年份", true),
    b(C::Diagnosis, Plain(K::Right), A::Right, "", "", "", false),
    b(C::Diagnosis, Plain(K::Char('h')), A::Left, "", "", "", false),
    b(C::Diagnosis, Plain(K::Char('l')), A::Right, "", "", "", false),
    b(C::Diagnosis, Plain(K::Down), A::Down, "↑↓ jk", "scroll", "滚动", true),
    b(C::Diagnosis, Plain(K::Up), A::Up, "", "", "", false),
    b(C::Diagnosis, Plain(K::Char('j')), A::Down, "", "", "", false),
    b(C::Diagnosis, Plain(K::Char('k')), A::Up, "", "", "", false),
    b(C::Diagnosis, Plain(K::PageDown), A::PageDown, "PgUp/PgDn", "page", "翻页", false),
    b(C::Diagnosis, Plain(K::PageUp), A::PageUp, "", "", "", false),
    // Report
    b(C::Report, Plain(K::Char('e')), A::Export, "e", "export to file", "导出", true),
    b(C::Report, Plain(K::Down), A::Down, "↑↓ jk", "scroll", "滚动", true),
    b(C::Report, Plain(K::Up), A::Up, "", "", "", false),
    b(C::Report, Plain(K::Char('j')), A::Down, "", "", "", false),
    b(C::Report, Plain(K::Char('k')), A::Up, "", "", "", false),
    b(C::Report, Plain(K::PageDown), A::PageDown, "PgUp/PgDn", "page", "翻页", false),
    b(C::Report, Plain(K::PageUp), A::PageUp, "", "", "", false),
    // Start
    b(C::Start, Plain(K::Enter), A::Open, "Enter", "open", "打开", true),
    b(C::Start, Plain(K::Up), A::Up, "↑↓ jk", "choose", "选择", true),
    b(C::Start, Plain(K::Down), A::Down, "", "", "", false),
    b(C::Start, Plain(K::Char('k')), A::Up, "", "", "", false),
    b(C::Start, Plain(K::Char('j')), A::Down, "", "", "", false),
    b(C::Start, Plain(K::Char('n')), A::NewSurvey, "n", "new survey", "新建", true),
    b(C::Start, Plain(K::Char('f')), A::NewFromFramework, "f", "new from framework file", "用指标体系文件新建", false),
    // Every screen
    b(C::Global, Plain(K::Tab), A::NextScreen, "Tab", "next screen", "下一屏", true),
    b(C::Global, Plain(K::BackTab), A::PrevScreen, "S-Tab", "previous screen", "上一屏", false),
    b(C::Global, Ctrl('s'), A::Save, "^S", "save", "保存", true),
    b(C::Global, Ctrl('z'), A::Undo, "^Z", "undo", "撤销", false),
    b(C::Global, Plain(K::Char('!')), A::ShowProblems, "!", "refused and unusual values", "拒收与异常数值", false),
    b(C::Global, Plain(K::Char('L')), A::ToggleLang, "L", "English/中文", "English/中文", false),
    b(C::Global, Plain(K::Char('?')), A::Help, "?", "all keys", "全部按键", true),
    b(C::Global, Plain(K::Char('q')), A::Quit, "q", "quit", "退出", true),
    b(C::Global, Ctrl('c'), A::Interrupt, "^C", "quit", "退出", false),
    // Editing a cell
    b(C::Edit, Plain(K::Enter), A::Commit, "Enter", "commit the value", "确认数值", true),
    b(C::Edit, Plain(K::Esc), A::Cancel, "Esc", "cancel", "取消", true),
    b(C::Edit, Ctrl('c'), A::Interrupt, "", "", "", false),
    // Prompts
    b(C::Prompt, Plain(K::Enter), A::Commit, "Enter", "confirm", "确认", true),
    b(C::Prompt, Plain(K::Esc), A::Cancel, "Esc", "cancel", "取消", true),
    b(C::Prompt, Ctrl('c'), A::Interrupt, "", "", "", false),
    // Questions
    b(C::ConfirmYesNo, Plain(K::Char('y')), A::Yes, "y", "yes", "是", true),
    b(C::ConfirmYesNo, Plain(K::Char('n')), A::No, "n", "no", "否", true),
    b(C::ConfirmYesNo, Plain(K::Esc), A::Cancel, "Esc", "cancel", "取消", true),
    // Only the restore question offers it, and says so in its own keys line.
    b(C::ConfirmYesNo, Plain(K::Char('k')), A::KeepFile, "", "", "", false),
    b(C::ConfirmQuit, Plain(K::Char('s')), A::SaveChoice, "s", "save and quit", "保存并退出", true),
    b(C::ConfirmQuit, Plain(K::Char('d')), A::DiscardChoice, "d", "discard and quit", "放弃并退出", true),
    b(C::ConfirmQuit, Plain(K::Char('c')), A::Cancel, "c/Esc", "cancel", "取消", true),
    b(C::ConfirmQuit, Plain(K::Esc), A::Cancel, "", "", "", false),
    b(C::ConfirmQuit, Ctrl('c'), A::Cancel, "", "", "", false),
    // Help
    b(C::Help, Plain(K::Esc), A::Cancel, "Esc/?/q", "close", "关闭", true),
    b(C::Help, Plain(K::Down), A::Down, "↑↓ jk", "scroll", "滚动", true),
    b(C::Help, Plain(K::Up), A::Up, "", "", "", false),
    b(C::Help, Plain(K::Char('j')), A::Down, "", "", "", false),
    b(C::Help, Plain(K::Char('k')), A::Up, "", "", "", false),
    b(C::Help, Plain(K::Char('?')), A::Cancel, "", "", "", false),
    b(C::Help, Plain(K::Char('q')), A::Cancel, "", "", "", false),
];

/// True for the characters that start a number (ASCII or full-width).
pub fn is_numeric_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c, '-' | '.' | '+')
        || ('０'..='９').contains(&c)
        || matches!(c, '．' | '－' | '＋')
}

impl Keys {
    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Keys::Ctrl(c) => ctrl && !alt && key.code == KeyCode::Char(c),
            Keys::Plain(code) => !ctrl && !alt && key.code == code,
            Keys::Numeric => {
                !ctrl && !alt && matches!(key.code, KeyCode::Char(c) if is_numeric_char(c))
            }
        }
    }
}

/// The contexts consulted, most specific first: modal contexts stand alone, screens fall back
/// to the global keys.
pub fn chain(ctx: Ctx) -> &'static [Ctx] {
    match ctx {
        C::Start => &[C::Start, C::Global],
        C::Entry => &[C::Entry, C::Global],
        C::Results => &[C::Results, C::Global],
        C::Diagnosis => &[C::Diagnosis, C::Global],
        C::Report => &[C::Report, C::Global],
        C::Global => &[C::Global],
        C::Edit => &[C::Edit],
        C::Prompt => &[C::Prompt],
        C::ConfirmYesNo => &[C::ConfirmYesNo],
        C::ConfirmQuit => &[C::ConfirmQuit],
        C::Help => &[C::Help],
    }
}

/// The action a key press means in a context, if any.
pub fn lookup(ctx: Ctx, key: &KeyEvent) -> Option<Action> {
    chain(ctx).iter().find_map(|c| {
        BINDINGS
            .iter()
            .find(|bd| bd.ctx == *c && bd.keys.matches(key))
            .map(|bd| bd.action)
    })
}

/// The footer's hints for a context: `(key, what)`.
pub fn footer(ctx: Ctx, zh: bool) -> Vec<(&'static str, &'static str)> {
    chain(ctx)
        .iter()
        .flat_map(|c| BINDINGS.iter().filter(move |bd| bd.ctx == *c))
        .filter(|bd| bd.footer && !bd.label.is_empty())
        .map(|bd| (bd.label, if zh { bd.zh } else { bd.en }))
        .collect()
}

/// Every labelled binding, grouped by context, for the `?` help.
pub fn help(zh: bool) -> Vec<(Ctx, &'static str, &'static str)> {
    let order = [
        C::Global,
        C::Start,
        C::Entry,
        C::Edit,
        C::Results,
        C::Diagnosis,
        C::Report,
        C::Prompt,
        C::ConfirmYesNo,
        C::ConfirmQuit,
    ];
    order
        .iter()
        .flat_map(|c| BINDINGS.iter().filter(move |bd| bd.ctx == *c))
        .filter(|bd| !bd.label.is_empty())
        .map(|bd| (bd.ctx, bd.label, if zh { bd.zh } else { bd.en }))
        .collect()
}

/// The heading of a context in the help.
pub fn ctx_name(ctx: Ctx, zh: bool) -> &'static str {
    match (ctx, zh) {
        (C::Global, false) => "Everywhere",
        (C::Global, true) => "所有屏幕",
        (C::Start, false) => "Start",
        (C::Start, true) => "开始",
        (C::Entry, false) => "Entry grid",
        (C::Entry, true) => "数据录入",
        (C::Edit, false) => {
            "Editing a cell (a pasted Excel block fills cells: rows = indicators, columns = observations)"
        }
        (C::Edit, true) => "编辑单元格（粘贴 Excel 区块：行 = 指标，列 = 年份/地区）",
        (C::Results, false) => "Results",
        (C::Results, true) => "结果",
        (C::Diagnosis, false) => "Diagnosis",
        (C::Diagnosis, true) => "诊断",
        (C::Report, false) => "Report",
        (C::Report, true) => "报告",
        (C::Prompt, false) => "Questions",
        (C::Prompt, true) => "提问",
        (C::ConfirmYesNo, false) => "Yes/no questions",
        (C::ConfirmYesNo, true) => "是/否",
        (C::ConfirmQuit, false) => "Quit with unsaved changes",
        (C::ConfirmQuit, true) => "退出（有未保存修改）",
        (C::Help, _) => "Help",
    }
}
