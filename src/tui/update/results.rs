//! The Results screen: cycling the method settings and switching scores/weights.

use super::{Effect, info, prompt, scroll, snapshot_change};
use crate::engine::sensitivity::{SensitivityOptions, sensitivity};
use crate::engine::{CouplingModel, Normalization, Weighting};
use crate::model::method::{Impute, ObstacleBasis};
use crate::model::settings;
use crate::textfmt::format_number;
use crate::tui::app::*;
use crate::tui::keys::Action;

pub(super) fn action(app: &mut App, a: Action) -> Vec<Effect> {
    match a {
        Action::CycleCoupling => change_method(app, "coupling", |m| {
            m.coupling = Some(next_of(CouplingModel::ALL, m.coupling.unwrap_or_default()));
        }),
        Action::CycleNormalization => change_method(app, "normalization", |m| {
            m.normalization = Some(next_of(
                Normalization::ALL,
                m.normalization.unwrap_or_default(),
            ));
        }),
        Action::CycleWeighting => change_method(app, "weighting", |m| {
            m.weighting = Some(next_of(Weighting::ALL, m.weighting.unwrap_or_default()));
        }),
        Action::CycleObstacles => change_method(app, "obstacles", |m| {
            m.obstacles = Some(next_of(ObstacleBasis::ALL, m.obstacles.unwrap_or_default()));
        }),
        Action::SetInterval => {
            let (lo, hi) = app
                .doc
                .as_ref()
                .map_or((0.0, 1.0), |d| d.survey.method.resolve().interval);
            let (q, h) = (
                app.tr(
                    "Map z into which interval [LO, HI]?",
                    "把 z 映射到哪个区间 [LO, HI]？",
                ),
                app.tr(
                    "two numbers in [0, 1], LO < HI, e.g. 0.002, 0.998 (0, 1 is the default)",
                    "0 到 1 之间的两个数，LO < HI，如 0.002, 0.998（默认 0, 1）",
                ),
            );
            let cur = format!("{}, {}", format_number(lo), format_number(hi));
            prompt(app, PromptKind::Interval, q, h, &cur);
            vec![]
        }
        Action::SetShift => {
            let cur = app
                .doc
                .as_ref()
                .map_or(0.0, |d| d.survey.method.resolve().shift);
            let (q, h) = (
                app.tr(
                    "Shift added to z before the entropy proportions?",
                    "计算熵权比重前给 z 加的平移量？",
                ),
                app.tr(
                    "≥ 0; 0 is the default, 0.01 a common choice",
                    "≥ 0；默认 0，常用 0.01",
                ),
            );
            prompt(app, PromptKind::Shift, q, h, &cur.to_string());
            vec![]
        }
        Action::SetTop => {
            let cur = app
                .doc
                .as_ref()
                .map_or(3, |d| d.survey.method.resolve().top);
            let (q, h) = (
                app.tr("How many weak dimensions (top-k)?", "列出几个薄弱维度？"),
                app.tr("a whole number; 0 lists none", "整数；0 表示不列出"),
            );
            prompt(app, PromptKind::Top, q, h, &cur.to_string());
            vec![]
        }
        Action::ToggleWeights => toggle_view(app, ResultsView::Weights),
        Action::ToggleDynamics => toggle_view(app, ResultsView::Dynamics),
        Action::Robustness => {
            robustness(app);
            vec![]
        }
        Action::CycleImpute => change_method(app, "impute", |m| {
            m.impute = Some(next_of(Impute::ALL, m.impute.unwrap_or_default()));
        }),
        _ => {
            scroll(app, a);
            vec![]
        }
    }
}

/// Shows `view` below the method lines, or the scores again when it is already shown.
fn toggle_view(app: &mut App, view: ResultsView) -> Vec<Effect> {
    app.results_view = if app.results_view == view {
        ResultsView::Scores
    } else {
        view
    };
    app.scroll = 0;
    app.refresh_dynamics();
    vec![]
}

/// Runs the sensitivity analysis on the scored data (imputed as the scores were) with the
/// defaults of the `sensitivity` command, and shows it; 1,000 runs take about 10 ms, so it runs
/// in the update itself.
fn robustness(app: &mut App) {
    let lang = app.lang;
    let (Some(d), Calc::Ready(_)) = (&app.doc, &app.calc) else {
        let why = app.tr(
            "No robustness without scores: the data are incomplete (see Results)",
            "尚无得分，无法分析稳健性：数据不完整（见结果屏）",
        );
        info(app, Tone::Bad, why.to_string());
        return;
    };
    let method = d.survey.method.resolve();
    let input = crate::tui::summary::input_of(&d.framework, &d.survey);
    let run = input.data(method.impute).ok().and_then(|(data, _)| {
        sensitivity(
            &d.framework,
            &data,
            &method,
            app.focus,
            &SensitivityOptions::default(),
        )
        .ok()
    });
    match run {
        Some(result) => {
            app.robustness = Some(Robustness {
                survey: d.survey.clone(),
                result,
            });
            app.results_view = ResultsView::Robustness;
            app.scroll = 0;
        }
        None => info(
            app,
            Tone::Bad,
            lang.tr(
                "The sensitivity analysis cannot run on these data",
                "这些数据无法进行敏感性分析",
            )
            .to_string(),
        ),
    }
}

/// Changes one method setting (named by its key in the settings table) as an undo step, and
/// says what it is now in the words of the Results screen.
pub(super) fn change_method(
    app: &mut App,
    key: &str,
    f: impl FnOnce(&mut crate::engine::MethodSpec),
) -> Vec<Effect> {
    let lang = app.lang;
    let Some(d) = app.doc.as_mut() else {
        return vec![];
    };
    let before = d.survey.clone();
    f(&mut d.survey.method);
    let m = d.survey.method.resolve();
    let what =
        settings::setting(key)
            .and_then(|s| s.tui.as_ref())
            .map_or(key.to_string(), |slot| {
                format!(
                    "{}: {}",
                    lang.tr(slot.label.0, slot.label.1),
                    (slot.value)(&m, lang)
                )
            });
    let fx = snapshot_change(app, before);
    let tail = app.tr(
        "[method] modified; Ctrl-S saves it",
        "方法设置已修改；Ctrl-S 保存",
    );
    info(app, Tone::Info, format!("{what} — {tail}"));
    fx
}

pub(super) fn next_of<T: Copy + PartialEq>(all: &[T], cur: T) -> T {
    let i = all.iter().position(|x| *x == cur).unwrap_or(0);
    all[(i + 1) % all.len()]
}
