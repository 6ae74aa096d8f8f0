//! `view`: draws the App. Reads only; the title bar, tabs, message line, footer and popups
//! around each screen's body.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::*;
use super::keys::{self, Ctx};
use super::update::ctx;
use super::{diagnosis, entry, report, results, start};
use crate::lang::Lang;
use crate::textfmt::{pad_right, truncate, width};

/// The smallest terminal the layout is designed for.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Draws everything.
pub fn view(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        // A question must never be answered unseen: say one is waiting.
        let waiting = match &app.mode {
            Mode::Confirm(_) | Mode::Prompt(_) => {
                " A question is waiting: enlarge the window to read and answer it (Esc cancels it)."
            }
            _ => " q quits (it asks first when there are unsaved changes).",
        };
        let msg = format!(
            "The terminal is {}×{}; beltscope needs at least {}×{}. Enlarge the window.{waiting}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    title_bar(app, f, Rect::new(0, 0, area.width, 1));
    tabs(app, f, Rect::new(0, 1, area.width, 1));
    let body = entry::body((area.width, area.height));
    match app.screen {
        Screen::Start => start::view(app, f, body),
        Screen::Entry(c) => entry::view(app, f, c),
        Screen::Results => results::view(app, f, body),
        Screen::Diagnosis => diagnosis::view(app, f, body),
        Screen::Report => report::view(app, f, body),
    }
    message(app, f, Rect::new(0, area.height - 2, area.width, 1));
    footer(app, f, Rect::new(0, area.height - 1, area.width, 1));
    match &app.mode {
        Mode::Help => help(app, f, area),
        Mode::Problems => super::problems::view(app, f, area),
        Mode::Prompt(p) => prompt(app, f, area, p),
        Mode::Confirm(c) => confirm(app, f, area, c),
        Mode::Normal | Mode::Edit => {}
    }
}

fn title_bar(app: &App, f: &mut Frame, area: Rect) {
    let style = Style::default().fg(Color::Black).bg(Color::Cyan);
    let mut spans = vec![Span::styled(
        " beltscope ",
        style.add_modifier(Modifier::BOLD),
    )];
    match &app.doc {
        Some(d) => {
            spans.push(Span::styled(format!("│ {} ", display_name(&d.path)), style));
            if app.dirty() {
                spans.push(Span::styled(
                    app.tr("● unsaved ", "● 未保存 ").to_string(),
                    Style::default()
                        .fg(Color::Black)
                        .bg(Color::Yellow)
                        .add_modifier(Modifier::BOLD),
                ));
            }
            let alarm = Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD);
            if app.journal_error.is_some() {
                spans.push(Span::styled(
                    app.tr("⚠ not journaled ", "⚠ 未写入日志 ").to_string(),
                    alarm,
                ));
            }
            if matches!(d.access, Access::ReadOnly(_)) {
                spans.push(Span::styled(
                    app.tr("[read-only] ", "[只读] ").to_string(),
                    alarm,
                ));
            }
            if d.format == Format::Csv {
                spans.push(Span::styled("[CSV] ", style));
            }
            spans.push(Span::styled(
                format!("│ {} ", truncate(&d.survey.title, 40)),
                style,
            ));
        }
        None => spans.push(Span::styled(
            app.tr("│ no survey open ", "│ 未打开评估 ").to_string(),
            style,
        )),
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::styled(
        " ".repeat((area.width as usize).saturating_sub(used)),
        style,
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn screen_name(app: &App, s: Screen) -> String {
    match s {
        Screen::Start => app.tr("Start", "开始").into(),
        Screen::Entry(c) => match &app.doc {
            Some(d) => {
                let full = app.circle_name(&d.framework, c);
                // "Sub-core circle (service platforms)" → "Sub-core circle": tabs must fit 80 columns.
                let name = full
                    .split(" (")
                    .next()
                    .and_then(|n| n.split('（').next())
                    .unwrap_or(&full)
                    .to_string();
                let miss = missing_in_circle(&d.framework, &d.survey, c).len();
                if miss > 0 {
                    format!("{name} ({miss})")
                } else {
                    format!("{name} ✓")
                }
            }
            None => String::new(),
        },
        Screen::Results => app.tr("Results", "结果").into(),
        Screen::Diagnosis => app.tr("Diagnosis", "诊断").into(),
        Screen::Report => app.tr("Report", "报告").into(),
    }
}

/// The tab bar: every screen, names shortened step by step until all of them fit, so no tab is
/// ever out of sight at 80 columns.
fn tabs(app: &App, f: &mut Frame, area: Rect) {
    let screens = app.screens();
    let full: Vec<String> = screens.iter().map(|&s| screen_name(app, s)).collect();
    let total = |names: &[String]| -> usize {
        names.iter().map(|n| width(n) + 2).sum::<usize>() + names.len().saturating_sub(1)
    };
    let mut names = full.clone();
    let mut cap = full.iter().map(|n| width(n)).max().unwrap_or(0);
    while total(&names) > area.width as usize && cap > 3 {
        cap -= 1;
        names = full.iter().map(|n| shorten_tab(n, cap)).collect();
    }
    let mut spans = Vec::new();
    for (k, (s, name)) in screens.into_iter().zip(names).enumerate() {
        if k > 0 {
            spans.push(Span::styled("│", Style::default().fg(Color::DarkGray)));
        }
        let name = format!(" {name} ");
        spans.push(if s == app.screen {
            Span::styled(
                name,
                Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            )
        } else {
            Span::raw(name)
        });
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A tab name in at most `cap` columns, keeping its `✓` or `(n)` mark.
fn shorten_tab(name: &str, cap: usize) -> String {
    if width(name) <= cap {
        return name.to_string();
    }
    let (head, mark) = match name.rfind([' ']) {
        Some(i) if name[i + 1..].starts_with(['(', '✓']) => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let room = cap.saturating_sub(width(mark)).max(2);
    // Whole words first ("Core circle" → "Core"), characters only for one long word.
    let mut words = String::new();
    for wd in head.split(' ') {
        let next = if words.is_empty() {
            wd.to_string()
        } else {
            format!("{words} {wd}")
        };
        if width(&next) > room {
            break;
        }
        words = next;
    }
    if !words.is_empty() {
        return format!("{words}{mark}");
    }
    let mut out = String::new();
    for ch in head.chars() {
        if width(&out) + unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0) > room {
            break;
        }
        out.push(ch);
    }
    format!("{}{mark}", out.trim_end())
}

fn message(app: &App, f: &mut Frame, area: Rect) {
    // A journal that cannot be written stays on screen until a write works.
    let warning = app
        .journal_error
        .as_ref()
        .map(|e| (Tone::Bad, super::update::restore::journal_failed(app, e)));
    let Some((tone, text)) = app.message.as_ref().or(warning.as_ref()) else {
        return;
    };
    let style = match tone {
        Tone::Info => Style::default().fg(Color::Cyan),
        Tone::Good => Style::default().fg(Color::Green),
        Tone::Bad => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
    };
    f.render_widget(
        Paragraph::new(Span::styled(
            super::entry::fit(text, area.width as usize),
            style,
        )),
        area,
    );
}

/// The footer: the screen's keys as far as they fit, and always `?` and `q` at the end.
fn footer(app: &App, f: &mut Frame, area: Rect) {
    let zh = app.lang == Lang::Zh;
    let all = keys::footer(ctx(app), zh);
    let kept = |k: &str| k == "?" || k == "q";
    let item_w = |k: &str, what: &str| width(k) + width(what) + 3;
    let reserved: usize = all
        .iter()
        .filter(|(k, _)| kept(k))
        .map(|(k, w)| item_w(k, w))
        .sum();
    let mut chosen = Vec::new();
    let mut used = reserved;
    for &(k, what) in all.iter().filter(|(k, _)| !kept(k)) {
        let w = item_w(k, what);
        if used + w > area.width as usize {
            break;
        }
        used += w;
        chosen.push((k, what));
    }
    chosen.extend(all.iter().filter(|(k, _)| kept(k)).copied());
    let mut spans = Vec::new();
    for (k, what) in chosen {
        spans.push(Span::styled(
            k.to_string(),
            Style::default().fg(Color::Black).bg(Color::Gray),
        ));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A centred popup area, cleared one column wider on each side so a double-width glyph
/// straddling the edge does not eat the border (ratatui #2526).
fn popup(f: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(4));
    let h = h.min(area.height.saturating_sub(2));
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    f.render_widget(Clear, r.outer(Margin::new(1, 0)).intersection(area));
    r
}

fn help(app: &App, f: &mut Frame, area: Rect) {
    let zh = app.lang == Lang::Zh;
    let mut lines: Vec<Line> = Vec::new();
    let mut last: Option<Ctx> = None;
    for (c, k, what) in keys::help(zh) {
        if last != Some(c) {
            lines.push(Line::from(Span::styled(
                format!("{}:", keys::ctx_name(c, zh)),
                Style::default()
                    .fg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
            )));
            last = Some(c);
        }
        if let Some(l) = lines.last_mut() {
            l.spans.push(Span::styled(
                format!("  {k}"),
                Style::default().add_modifier(Modifier::BOLD),
            ));
            l.spans.push(Span::raw(format!(" {what}")));
        }
    }
    let r = popup(f, area, area.width - 4, area.height - 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(app.tr(" All keys — Esc closes ", " 全部按键——Esc 关闭 "));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.scroll, 0)),
        r,
    );
}

fn prompt(app: &App, f: &mut Frame, area: Rect, p: &Prompt) {
    let r = popup(f, area, 70, 7);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", p.question));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let w = inner.width.saturating_sub(2) as usize;
    let scroll = app.input.visual_scroll(w);
    let value: String = {
        let mut out = String::new();
        let mut col = 0;
        for ch in app.input.value().chars() {
            let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if col >= scroll && col + cw <= scroll + w {
                out.push(ch);
            }
            col += cw;
        }
        out
    };
    let lines = vec![
        Line::from(Span::styled(
            p.hint.clone(),
            Style::default().fg(Color::DarkGray),
        )),
        Line::from(""),
        Line::from(Span::styled(
            format!(" {}", pad_right(&value, w)),
            Style::default().add_modifier(Modifier::UNDERLINED),
        )),
        Line::from(""),
        Line::from(Span::styled(
            app.tr("Enter confirms · Esc cancels", "Enter 确认 · Esc 取消")
                .to_string(),
            Style::default().fg(Color::DarkGray),
        )),
    ];
    f.render_widget(Paragraph::new(lines), inner);
    let cx = app.input.visual_cursor().saturating_sub(scroll) as u16;
    f.set_cursor_position((inner.x + 1 + cx, inner.y + 2));
}

fn confirm(app: &App, f: &mut Frame, area: Rect, c: &Confirm) {
    let (title, lines, keys_line) = match c {
        Confirm::Quit(what) => (
            app.tr(" Quit with unsaved changes? ", " 有未保存的修改，退出？ "),
            what.iter()
                .map(|w| Line::from(format!("• {w}")))
                .collect::<Vec<_>>(),
            app.tr(
                "s save and quit · d discard and quit · c/Esc cancel",
                "s 保存并退出 · d 放弃并退出 · c/Esc 取消",
            ),
        ),
        Confirm::Paste(plan) => (
            app.tr(" Paste? ", " 粘贴？ "),
            super::problems::paste_lines(app.lang, plan),
            app.tr("y paste · n/Esc cancel", "y 粘贴 · n/Esc 取消"),
        ),
        Confirm::DeleteObservation(i) => {
            let (label, n) = app
                .doc
                .as_ref()
                .and_then(|d| d.survey.observations.get(*i))
                .map_or((String::new(), 0), |o| (o.label.clone(), o.values.len()));
            (
                app.tr(" Delete observation? ", " 删除年份/地区？ "),
                vec![Line::from(match app.lang {
                    Lang::En => format!("Delete `{label}` and its {n} value(s)? (Ctrl-Z undoes)"),
                    Lang::Zh => format!("删除“{label}”及其 {n} 个数值？（Ctrl-Z 可撤销）"),
                })],
                app.tr("y delete · n keep", "y 删除 · n 保留"),
            )
        }
        Confirm::Restore {
            journal, recovered, ..
        } => {
            let net = app.doc.as_ref().map_or(0, |d| {
                crate::tui::app::net_changes(&d.framework, &d.survey, recovered)
            });
            let changed = app.offers.first().is_some_and(|o| o.file_changed);
            let mut lines = match app.lang {
                Lang::En if changed => vec![
                    format!("The recovery journal of a session that ended unsaved holds {net} changed cell(s):"),
                    format!("  {}", display_name(journal)),
                ],
                Lang::Zh if changed => vec![
                    format!("一个未保存就结束的会话的恢复日志，共 {net} 处修改："),
                    format!("  {}", display_name(journal)),
                ],
                Lang::En => vec![
                    format!("A recovery journal newer than the file holds {net} changed cell(s):"),
                    format!("  {}", display_name(journal)),
                    "Restore puts them back on screen, marked unsaved; the file is untouched until Ctrl-S.".into(),
                ],
                Lang::Zh => vec![
                    format!("发现比文件更新的恢复日志，共 {net} 处修改："),
                    format!("  {}", display_name(journal)),
                    "恢复后显示在屏幕上并标为未保存；按 Ctrl-S 之前文件不变。".into(),
                ],
            };
            lines.extend(super::update::restore::offer_lines(app));
            (
                app.tr(" Restore unsaved changes? ", " 恢复未保存的修改？ "),
                lines.into_iter().map(Line::from).collect(),
                super::update::restore::offer_keys(app).unwrap_or(app.tr(
                    "y restore · n open the file as saved (journal kept as *.declined)",
                    "y 恢复 · n 按文件打开（日志另存为 *.declined）",
                )),
            )
        }
    };
    // The option line sits on the dialog's last row, whatever the text above wraps to.
    let w = 76u16.min(area.width.saturating_sub(4));
    let text_w = w.saturating_sub(2).max(1) as usize;
    let rows: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(text_w))
        .sum();
    let h = (rows as u16).saturating_add(4);
    let r = popup(f, area, w, h);
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let text_h = inner.height.saturating_sub(2);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        Rect::new(inner.x, inner.y, inner.width, text_h),
    );
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(
            keys_line.to_string(),
            Style::default().add_modifier(Modifier::BOLD),
        ))),
        Rect::new(
            inner.x,
            inner.y + inner.height.saturating_sub(1),
            inner.width,
            1,
        ),
    );
}
