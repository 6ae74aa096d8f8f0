//! The Results screen: cycling the method settings and switching scores/weights.

use super::{Effect, info, prompt, scroll, snapshot_change};
use crate::engine::{CouplingModel, Normalization, Weighting};
use crate::tui::app::*;
use crate::tui::keys::Action;

pub(super) fn action(app: &mut App, a: Action) -> Vec<Effect> {
    match a {
        Action::CycleCoupling => change_method(app, |m| {
            let x = next_of(CouplingModel::ALL, m.coupling.unwrap_or_default());
            m.coupling = Some(x);
            format!("coupling: {}", x.as_str())
        }),
        Action::CycleNormalization => change_method(app, |m| {
            let x = next_of(Normalization::ALL, m.normalization.unwrap_or_default());
            m.normalization = Some(x);
            format!("normalization: {}", x.as_str())
        }),
        Action::CycleWeighting => change_method(app, |m| {
            let x = next_of(Weighting::ALL, m.weighting.unwrap_or_default());
            m.weighting = Some(x);
            format!("weighting: {}", x.as_str())
        }),
        Action::SetShift => {
            let cur = app
                .doc
                .as_ref()
                .map_or(0.0, |d| d.survey.method.resolve().shift);
            prompt(
                app,
                PromptKind::Shift,
                "Shift added to z before the entropy proportions?",
                "≥ 0; 0 is the default, 0.01 a common choice",
                &cur.to_string(),
            );
            vec![]
        }
        Action::SetTop => {
            let cur = app
                .doc
                .as_ref()
                .map_or(3, |d| d.survey.method.resolve().top);
            prompt(
                app,
                PromptKind::Top,
                "How many weak dimensions (top-k)?",
                "a whole number; 0 lists none",
                &cur.to_string(),
            );
            vec![]
        }
        Action::ToggleWeights => {
            app.weights_view = !app.weights_view;
            app.scroll = 0;
            vec![]
        }
        _ => {
            scroll(app, a);
            vec![]
        }
    }
}

pub(super) fn change_method(
    app: &mut App,
    f: impl FnOnce(&mut crate::engine::MethodSpec) -> String,
) -> Vec<Effect> {
    let Some(d) = app.doc.as_mut() else {
        return vec![];
    };
    let before = d.survey.clone();
    let what = f(&mut d.survey.method);
    let fx = snapshot_change(app, before);
    info(
        app,
        Tone::Info,
        format!("{what} — [method] modified; Ctrl-S saves it"),
    );
    fx
}

pub(super) fn next_of<T: Copy + PartialEq>(all: &[T], cur: T) -> T {
    let i = all.iter().position(|x| *x == cur).unwrap_or(0);
    all[(i + 1) % all.len()]
}
