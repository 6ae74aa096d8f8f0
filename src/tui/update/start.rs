//! The Start screen and the new-survey wizard.

use std::path::PathBuf;

use super::{Effect, info, prompt};
use crate::model::parse_labels_in;
use crate::model::{DEFAULT_FRAMEWORK_ID, Survey};
use crate::tui::app::*;
use crate::tui::keys::Action;

pub(super) fn action(app: &mut App, a: Action) -> Vec<Effect> {
    let n = app.start_items.len();
    match a {
        Action::Up => app.start_sel = app.start_sel.saturating_sub(1),
        Action::Down => app.start_sel = (app.start_sel + 1).min(n.saturating_sub(1)),
        Action::NewSurvey => return start_item(app, StartItem::New),
        Action::NewFromFramework => return start_item(app, StartItem::NewFromFramework),
        Action::Open => {
            if let Some(item) = app.start_items.get(app.start_sel).cloned() {
                return start_item(app, item);
            }
        }
        _ => {}
    }
    vec![]
}

pub(super) fn start_item(app: &mut App, item: StartItem) -> Vec<Effect> {
    match item {
        StartItem::Open(p) => vec![Effect::Open(p)],
        StartItem::New => {
            app.wizard = Wizard {
                framework_ref: DEFAULT_FRAMEWORK_ID.into(),
                ..Wizard::default()
            };
            wizard_prompt(app, WizardStep::Title);
            vec![]
        }
        StartItem::NewFromFramework => {
            app.wizard = Wizard::default();
            wizard_prompt(app, WizardStep::FrameworkPath);
            vec![]
        }
        StartItem::Example => {
            app.wizard = Wizard {
                framework_ref: "example".into(),
                ..Wizard::default()
            };
            wizard_prompt(app, WizardStep::FileName);
            vec![]
        }
    }
}

/// Starts the wizard for `tui FILE` on a file that does not exist yet.
pub fn begin_new_file(app: &mut App, path: PathBuf) {
    let title = path.file_stem().map_or("Untitled assessment".into(), |s| {
        s.to_string_lossy().into_owned()
    });
    app.wizard = Wizard {
        framework_ref: DEFAULT_FRAMEWORK_ID.into(),
        title,
        path: Some(path.clone()),
        ..Wizard::default()
    };
    wizard_prompt(app, WizardStep::Labels);
    info(
        app,
        Tone::Info,
        match app.lang {
            crate::lang::Lang::En => format!(
                "{} does not exist yet: a new survey for the embedded framework will be created",
                path.display()
            ),
            crate::lang::Lang::Zh => {
                format!("{} 尚不存在：将按内置指标体系新建调查", path.display())
            }
        },
    );
}

pub(super) fn wizard_prompt(app: &mut App, step: WizardStep) {
    let (q, hint, init) = match step {
        WizardStep::FrameworkPath => (
            app.tr("Framework file (.toml)?", "指标体系文件（.toml）？"),
            app.tr(
                "a path, e.g. indicators/my-framework.toml",
                "文件路径，如 indicators/my-framework.toml",
            ),
            String::new(),
        ),
        WizardStep::Title => (
            app.tr("Title of the assessment?", "评价标题？"),
            app.tr(
                "e.g. Home-textile belt CBEC ecosystem 2019-2024",
                "如 某县家纺产业带跨境电商生态评价 2019-2024",
            ),
            String::new(),
        ),
        WizardStep::Region => (
            app.tr("Region (optional)?", "地区（可不填）？"),
            app.tr(
                "e.g. Example county; Enter to skip",
                "如 某县；直接按 Enter 跳过",
            ),
            String::new(),
        ),
        WizardStep::Labels => (
            app.tr("Years (or regions) to assess?", "评价年份（或地区）？"),
            app.tr(
                "years as 2019-2024, or a list such as Hexi, Baisha",
                "年份如 2019-2024，或列出地区，如 河西、白沙",
            ),
            String::new(),
        ),
        WizardStep::FileName => (
            app.tr("Save the survey as?", "调查保存为？"),
            app.tr("a new .toml file name", "新的 .toml 文件名"),
            if app.wizard.framework_ref == "example" {
                "example-belt.toml".to_string()
            } else {
                let slug: String = app
                    .wizard
                    .title
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let slug = slug.trim_matches('-').to_string();
                format!(
                    "surveys/{}.toml",
                    if slug.is_empty() { "survey" } else { &slug }
                )
            },
        ),
    };
    prompt(app, PromptKind::Wizard(step), q, hint, &init);
}

pub(super) fn wizard_answer(app: &mut App, step: WizardStep, text: String) -> Vec<Effect> {
    let t = text.trim().to_string();
    match step {
        WizardStep::FrameworkPath => {
            if t.is_empty() {
                let m = app.tr(
                    "type the path of a framework file",
                    "请输入指标体系文件的路径",
                );
                info(app, Tone::Bad, m);
                return vec![];
            }
            app.wizard.framework_ref = t;
            wizard_prompt(app, WizardStep::Title);
        }
        WizardStep::Title => {
            if t.is_empty() {
                let m = app.tr(
                    "a title is needed (it heads the report)",
                    "需要标题（报告以它开头）",
                );
                info(app, Tone::Bad, m);
                return vec![];
            }
            app.wizard.title = t;
            wizard_prompt(app, WizardStep::Region);
        }
        WizardStep::Region => {
            app.wizard.region = (!t.is_empty()).then_some(t);
            wizard_prompt(app, WizardStep::Labels);
        }
        WizardStep::Labels => match parse_labels_in(&t, app.lang) {
            Err(e) => info(app, Tone::Bad, e),
            Ok(labels) => {
                app.wizard.labels = labels;
                match app.wizard.path.clone() {
                    Some(p) => return create(app, p),
                    None => wizard_prompt(app, WizardStep::FileName),
                }
            }
        },
        WizardStep::FileName => {
            if t.is_empty() {
                let m = app.tr("type a file name", "请输入文件名");
                info(app, Tone::Bad, m);
                return vec![];
            }
            let p = PathBuf::from(&t);
            if app.wizard.framework_ref == "example" {
                app.mode = Mode::Normal;
                return vec![Effect::CreateExample(p)];
            }
            if !matches!(
                crate::model::file_kind::FileKind::of_name(&t),
                crate::model::file_kind::FileKind::Toml | crate::model::file_kind::FileKind::Csv
            ) {
                let m = app.tr(
                    "a survey file name ends in .toml or .csv",
                    "调查文件名须以 .toml 或 .csv 结尾",
                );
                info(app, Tone::Bad, m);
                return vec![];
            }
            return create(app, p);
        }
    }
    vec![]
}

pub(super) fn create(app: &mut App, path: PathBuf) -> Vec<Effect> {
    let w = &app.wizard;
    let mut s = Survey::blank(&w.framework_ref, &w.title, &w.labels);
    s.region = w.region.clone();
    app.mode = Mode::Normal;
    vec![Effect::Create {
        path,
        survey: Box::new(s),
        framework: w.framework_ref.clone(),
    }]
}
