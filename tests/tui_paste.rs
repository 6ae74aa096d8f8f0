//! Pasting whole tables copied from a spreadsheet: with their header row of years, with their
//! column of indicator names, and larger than the grid. Every cell is checked.

use std::path::Path;

use beltscope::cli::Lang;
use beltscope::model::Framework;
use beltscope::model::survey::format_number;
use beltscope::tui::app::{App, Confirm, Mode, Screen, StartItem, circle_indicators};
use beltscope::tui::{Effect, Msg, run_effects, step};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const YEARS: [&str; 6] = ["2019", "2020", "2021", "2022", "2023", "2024"];

fn press(app: &mut App, code: KeyCode) {
    step(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn open_six(dir: &Path, lang: Lang) -> App {
    let file = dir.join("six.toml");
    let mut text = String::from("schema = 1\ntitle = \"t\"\n");
    for y in YEARS {
        text.push_str(&format!("\n[[observations]]\nlabel = \"{y}\"\n"));
    }
    std::fs::write(&file, text).unwrap();
    let mut app = App::new(lang, vec![StartItem::New]);
    step(&mut app, Msg::Resize(80, 24));
    run_effects(&mut app, vec![Effect::Open(file)]);
    assert_eq!(app.screen, Screen::Entry(0));
    app
}

/// A value indicator `j` can hold in year `i`: inside its scale, limits and usual range.
fn value(fw: &Framework, j: usize, i: usize) -> f64 {
    let ind = &fw.indicators[j];
    if let Some((a, b)) = ind.scale {
        return a as f64 + (i as f64 * 0.5) % ((b - a) as f64);
    }
    if let Some((lo, hi)) = ind.bounds {
        return lo + (hi - lo) * (i as f64 + 1.0) / 10.0;
    }
    ind.min.unwrap_or(0.0) + 10.0 * j as f64 + i as f64 + 1.0
}

fn row_text(fw: &Framework, j: usize, cols: usize) -> Vec<String> {
    (0..cols).map(|i| format_number(value(fw, j, i))).collect()
}

/// Checks every cell of circle 0 against `value`, for the rows and years given.
fn check(app: &App, rows: usize, years: usize) {
    let d = app.doc.as_ref().unwrap();
    let fw = &d.framework;
    for (r, &j) in circle_indicators(fw, 0).iter().enumerate() {
        for (i, year) in YEARS.iter().enumerate() {
            let want = (r < rows && i < years).then(|| value(fw, j, i));
            assert_eq!(
                d.survey.value(i, &fw.indicators[j].id),
                want,
                "{} in {}",
                fw.indicators[j].id,
                year
            );
        }
    }
}

fn confirm_paste(app: &mut App) {
    assert!(
        matches!(app.mode, Mode::Confirm(Confirm::Paste(_))),
        "{:?}",
        app.mode
    );
    press(app, KeyCode::Char('y'));
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn a_header_row_of_years_is_not_stored_as_values() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_six(dir.path(), Lang::Zh);
    let fw = app.doc.as_ref().unwrap().framework.clone();
    let inds = circle_indicators(&fw, 0);
    let mut text = YEARS.join("\t") + "\n";
    for &j in &inds {
        text += &(row_text(&fw, j, 6).join("\t") + "\n");
    }
    step(&mut app, Msg::Paste(text));
    confirm_paste(&mut app);
    check(&app, inds.len(), 6);
    let msg = &app.message.as_ref().unwrap().1;
    assert!(msg.contains("已填完"), "{msg}");
    // One Ctrl-Z undoes the whole paste.
    step(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
    );
    check(&app, 0, 0);
}

#[test]
fn a_label_column_places_rows_by_the_indicator_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_six(dir.path(), Lang::En);
    let fw = app.doc.as_ref().unwrap().framework.clone();
    let inds = circle_indicators(&fw, 0);
    // Chinese names with units, in reverse order: each row goes to the indicator it names.
    let mut text = String::new();
    for &j in inds.iter().rev() {
        let ind = &fw.indicators[j];
        let name = format!(
            "{}（{}）",
            ind.name_zh.clone().unwrap_or(ind.name.clone()),
            ind.unit
        );
        text += &format!("{name}\t{}\r\n", row_text(&fw, j, 6).join("\t"));
    }
    step(&mut app, Msg::Paste(text));
    confirm_paste(&mut app);
    check(&app, inds.len(), 6);
}

#[test]
fn header_row_and_label_column_together() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_six(dir.path(), Lang::En);
    let fw = app.doc.as_ref().unwrap().framework.clone();
    let inds = circle_indicators(&fw, 0);
    // Years in another order (and with 年), ids as names.
    let order = [5, 0, 1, 2, 3, 4];
    let mut text = String::from("指标");
    for &i in &order {
        text += &format!("\t{}年", YEARS[i]);
    }
    text.push('\n');
    for &j in &inds {
        text += &fw.indicators[j].id;
        for &i in &order {
            text += &format!("\t{}", format_number(value(&fw, j, i)));
        }
        text.push('\n');
    }
    step(&mut app, Msg::Paste(text));
    confirm_paste(&mut app);
    check(&app, inds.len(), 6);
}

#[test]
fn a_block_larger_than_the_grid_says_what_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_six(dir.path(), Lang::En);
    let fw = app.doc.as_ref().unwrap().framework.clone();
    let inds = circle_indicators(&fw, 0);
    // Two rows and two columns too many.
    let mut text = String::new();
    for r in 0..inds.len() + 2 {
        let j = inds[r % inds.len()];
        text += &(row_text(&fw, j, 8).join("\t") + "\n");
    }
    step(&mut app, Msg::Paste(text));
    let Mode::Confirm(Confirm::Paste(plan)) = &app.mode else {
        panic!("a block that does not fit is shown first: {:?}", app.mode)
    };
    let left = plan.left_out.join("; ");
    assert!(left.contains("2 row(s) below"), "{left}");
    assert!(left.contains("2 column(s) right"), "{left}");
    let outside = 2 * 8 + inds.len() * 2;
    assert_eq!(plan.outside, outside);
    // Esc changes nothing.
    press(&mut app, KeyCode::Esc);
    check(&app, 0, 0);
    step(&mut app, Msg::Paste(text_again(&fw, &inds)));
    confirm_paste(&mut app);
    check(&app, inds.len(), 6);
    let msg = &app.message.as_ref().unwrap().1;
    assert!(msg.contains(&format!("{outside} outside")), "{msg}");
}

fn text_again(fw: &Framework, inds: &[usize]) -> String {
    (0..inds.len() + 2)
        .map(|r| row_text(fw, inds[r % inds.len()], 8).join("\t") + "\n")
        .collect()
}

#[test]
fn impossible_values_are_refused_with_the_range_and_all_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_six(dir.path(), Lang::Zh);
    let fw = app.doc.as_ref().unwrap().framework.clone();
    let inds = circle_indicators(&fw, 0);
    // Every indicator of the default framework has a lower limit (0 for shares and counts).
    let r = inds
        .iter()
        .position(|&j| fw.indicators[j].min.is_some())
        .expect("an indicator with a lower limit");
    app.row = r;
    step(&mut app, Msg::Paste("-1e9\t-5\t-1e9\n".into()));
    assert_eq!(app.refusals.len(), 3, "{:?}", app.refusals);
    assert!(app.refusals[0].contains("不可能"), "{:?}", app.refusals);
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(app.mode, Mode::Problems);
}

#[test]
fn add_takes_ranges_typed_the_natural_way() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_six(dir.path(), Lang::Zh);
    press(&mut app, KeyCode::Char('a'));
    for c in "2025–2026".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    let labels: Vec<String> = app.doc.as_ref().unwrap().survey.observations[6..]
        .iter()
        .map(|o| o.label.clone())
        .collect();
    assert_eq!(labels, ["2025", "2026"]);
    // A label already there is refused, in Chinese.
    press(&mut app, KeyCode::Char('a'));
    for c in "2024、2027".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.message.as_ref().unwrap().1.contains("已存在"));
    assert_eq!(app.doc.as_ref().unwrap().survey.observations.len(), 8);
}
