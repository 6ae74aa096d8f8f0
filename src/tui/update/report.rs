//! The Report screen: scrolling the preview and exporting it to a file.

use std::path::PathBuf;

use super::{Effect, Purpose, info, prompt, scroll};
use crate::tui::app::*;
use crate::tui::keys::Action;

pub(super) fn action(app: &mut App, a: Action) -> Vec<Effect> {
    if a == Action::Export {
        let default = app.doc.as_ref().map_or("report.txt".to_string(), |d| {
            let stem = d
                .path
                .file_stem()
                .map_or("survey".into(), |s| s.to_string_lossy().into_owned());
            d.path
                .with_file_name(format!("{stem}-report.txt"))
                .display()
                .to_string()
        });
        prompt(
            app,
            PromptKind::ExportPath,
            "Export the report to which file?",
            "a new file name; the survey itself cannot be overwritten",
            &default,
        );
    } else {
        scroll(app, a);
    }
    vec![]
}

/// Writes the report to the typed path `t` (never over the survey itself).
pub(super) fn export(app: &mut App, t: &str) -> Vec<Effect> {
    let Some(d) = &app.doc else {
        return vec![];
    };
    if t.is_empty() {
        info(app, Tone::Bad, "type a file name");
        return vec![];
    }
    let target = PathBuf::from(t);
    let same = match (std::path::absolute(&target), std::path::absolute(&d.path)) {
        (Ok(a), Ok(b)) => a == b,
        _ => target == d.path,
    };
    if same {
        info(
            app,
            Tone::Bad,
            "that is the survey file itself: choose another name",
        );
        return vec![];
    }
    // A `.md` or `.markdown` name gets the Markdown report, anything else the text one.
    let format = if crate::model::file_kind::FileKind::of(&target)
        == crate::model::file_kind::FileKind::Markdown
    {
        crate::report::ReportFormat::Markdown
    } else {
        crate::report::ReportFormat::Text
    };
    match crate::tui::report::preview(app, format, crate::report::WIDTH) {
        Ok(text) => {
            app.mode = Mode::Normal;
            vec![Effect::Write {
                path: target,
                bytes: text.into_bytes(),
                purpose: Purpose::Export,
            }]
        }
        Err(_) => {
            app.mode = Mode::Normal;
            info(
                app,
                Tone::Bad,
                "no report yet: the data are incomplete (see the Report screen)",
            );
            vec![]
        }
    }
}
