//! The Diagnosis screen: choosing the observation in focus and scrolling.

use super::{Effect, scroll};
use crate::tui::app::*;
use crate::tui::keys::Action;

pub(super) fn action(app: &mut App, a: Action) -> Vec<Effect> {
    match a {
        Action::Left => {
            app.focus_chosen = true;
            app.focus = app.focus.saturating_sub(1)
        }
        Action::Right => {
            app.focus_chosen = true;
            if let Calc::Ready(x) = &app.calc {
                app.focus = (app.focus + 1).min(x.m().saturating_sub(1));
            }
        }
        _ => scroll(app, a),
    }
    vec![]
}
