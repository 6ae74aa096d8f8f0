//! The Report screen: scrolling the preview and exporting it to a file.

use std::path::PathBuf;

use super::{Effect, Purpose, info, prompt, scroll};
use crate::tui::app::*;
use crate::tui::keys::Action;

pub(super) fn action(app: &mut App, a: Action) -> Vec<Effect> {
    if a == Action::Export {
        // The suggested name speaks the screen's language: `belt-报告.txt` in Chinese.
        let word = app.tr("report", "报告");
        let default = app.doc.as_ref().map_or(format!("{word}.txt"), |d| {
            let stem = d
                .path
                .file_stem()
                .map_or("survey".into(), |s| s.to_string_lossy().into_owned());
            d.path
                .with_file_name(format!("{stem}-{word}.txt"))
                .display()
                .to_string()
        });
        let (q, h) = (
            app.tr("Export the report to which file?", "报告导出到哪个文件？"),
            app.tr(
                "a new file name (.md gives Markdown); the survey itself cannot be overwritten",
                "新文件名（.md 为 Markdown）；不能覆盖调查文件本身",
            ),
        );
        prompt(app, PromptKind::ExportPath, q, h, &default);
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
        let m = app.tr("type a file name", "请输入文件名");
        info(app, Tone::Bad, m);
        return vec![];
    }
    let target = PathBuf::from(t);
    let same = match (std::path::absolute(&target), std::path::absolute(&d.path)) {
        (Ok(a), Ok(b)) => a == b,
        _ => target == d.path,
    };
    if same {
        let m = app.tr(
            "that is the survey file itself: choose another name",
            "这是调查文件本身：请换一个文件名",
        );
        info(app, Tone::Bad, m);
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
            let m = app.tr(
                "no report yet: the data are incomplete (see the Report screen)",
                "还不能生成报告：数据不完整（见报告页）",
            );
            info(app, Tone::Bad, m);
            vec![]
        }
    }
}
