//! The Report screen: scrolling the preview and exporting it to a file.

use std::path::{Path, PathBuf};

use super::{Effect, info, prompt, scroll};
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
                "a new name: .md Markdown, .docx Word, with charts; not the survey",
                "新文件名（.md 为 Markdown，.docx 为 Word，附图表）；不能是调查文件",
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
    // The name says the format: `.md` Markdown, `.docx` Word, `.txt` or none text.
    let format = match crate::report::output_format(&target) {
        Ok(f) => f.unwrap_or_default(),
        Err(_) => {
            let ext = target
                .extension()
                .map_or(String::new(), |e| e.to_string_lossy().into_owned());
            let m = match app.lang {
                crate::lang::Lang::En => {
                    format!("beltscope cannot write a .{ext} report: name it .txt, .md or .docx")
                }
                crate::lang::Lang::Zh => {
                    format!("无法写出 .{ext} 格式的报告：请用 .txt、.md 或 .docx 文件名")
                }
            };
            info(app, Tone::Bad, m);
            return vec![];
        }
    };
    let (charts_dir, link) = charts_dir(&target);
    match crate::tui::report::export(app, format, &link) {
        Ok(e) => {
            app.mode = Mode::Normal;
            vec![Effect::Export {
                path: target,
                bytes: e.bytes,
                charts_dir,
                charts: e.charts,
            }]
        }
        Err(crate::tui::report::ExportError::Blocked) => {
            app.mode = Mode::Normal;
            let m = app.tr(
                "no report yet: the data are incomplete (see the Report screen)",
                "还不能生成报告：数据不完整（见报告页）",
            );
            info(app, Tone::Bad, m);
            vec![]
        }
        Err(crate::tui::report::ExportError::Failed(e)) => {
            app.mode = Mode::Normal;
            let m = format!(
                "{} {e}",
                app.tr("could not make the report:", "无法生成报告：")
            );
            info(app, Tone::Bad, m);
            vec![]
        }
    }
}

/// The chart folder beside a report, `<stem>-charts`, and the link to it from the report.
fn charts_dir(report: &Path) -> (PathBuf, String) {
    let stem = report
        .file_stem()
        .map_or("report".into(), |s| s.to_string_lossy().into_owned());
    let name = format!("{stem}-charts");
    (report.with_file_name(&name), name)
}

/// Says what an export wrote, or why it failed, in the screen's language.
pub(super) fn exported(
    app: &mut App,
    path: &Path,
    charts: &[PathBuf],
    result: Result<(), String>,
) -> Vec<Effect> {
    let m = match (result, charts.first()) {
        (Ok(()), None) => (
            Tone::Good,
            format!(
                "{} {}",
                app.tr("report written to", "报告已写入"),
                path.display()
            ),
        ),
        (Ok(()), Some(first)) => {
            let dir = first.parent().unwrap_or(Path::new("."));
            let kind = first
                .extension()
                .map_or(String::new(), |e| e.to_string_lossy().to_uppercase());
            let n = charts.len();
            let text = match app.lang {
                crate::lang::Lang::En => format!(
                    "report written to {}; {n} {kind} charts in {}",
                    path.display(),
                    dir.display()
                ),
                crate::lang::Lang::Zh => format!(
                    "报告已写入 {}；{n} 张 {kind} 图表已写入 {}",
                    path.display(),
                    dir.display()
                ),
            };
            (Tone::Good, text)
        }
        (Err(e), _) => (
            Tone::Bad,
            format!(
                "{} {}: {e}",
                app.tr("could not write", "无法写入"),
                path.display()
            ),
        ),
    };
    info(app, m.0, m.1);
    vec![]
}
