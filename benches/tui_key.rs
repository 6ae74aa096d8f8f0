//! One keystroke in the TUI on a survey of 30 observations × the default framework's 58
//! indicators (the "30 × 60" of the README's speed table): `update` handles it (a digit typed
//! into the cell editor; Enter, which commits the value, writes the journal line and rescores
//! every observation) and `view` redraws the 120 × 40 screen.
//!
//! `cargo bench --bench tui_key`

use std::hint::black_box;
use std::path::Path;

use beltscope::lang::Lang;
use beltscope::model::Survey;
use beltscope::tui::app::App;
use beltscope::tui::view::view;
use beltscope::tui::{Effect, Msg, run_effects, step};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// 30 observations made from the example belt's six years, each value nudged and kept within
/// what the indicator allows.
fn survey_30() -> Survey {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys/example-belt.toml");
    let input = beltscope::files::load_input(&path, None).expect("example survey");
    let fw = &input.framework;
    let base = &input.doc.survey;
    let mut s = base.clone();
    s.observations = (0..30)
        .map(|k| {
            let mut o = base.observations[k % base.observations.len()].clone();
            o.label = format!("{}", 1995 + k);
            for ind in &fw.indicators {
                if ind.scale.is_some() {
                    continue;
                }
                if let Some(x) = o.values.get(&ind.id).copied() {
                    let y = x * (0.9 + 0.007 * k as f64);
                    let y = y.clamp(ind.min.unwrap_or(f64::MIN), ind.max.unwrap_or(f64::MAX));
                    o.values.insert(ind.id.clone(), y);
                }
            }
            o
        })
        .collect();
    s
}

fn key(app: &mut App, code: KeyCode) {
    step(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keystroke(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("thirty.toml");
    std::fs::write(&file, survey_30().to_toml()).expect("writes the survey");
    let mut app = App::new(Lang::En, Vec::new());
    step(&mut app, Msg::Resize(120, 40));
    run_effects(&mut app, vec![Effect::Open(file)]);
    assert!(app.doc.is_some(), "{:?}", app.message);
    key(&mut app, KeyCode::Tab); // the first circle's entry screen
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    c.bench_function("keystroke 30x60: type a digit, redraw", |b| {
        b.iter(|| {
            key(&mut app, KeyCode::Enter); // edit the cell
            key(&mut app, KeyCode::Char('7'));
            terminal.draw(|f| view(black_box(&app), f)).expect("draws");
            key(&mut app, KeyCode::Esc); // leave it unchanged
        })
    });
    c.bench_function(
        "keystroke 30x60: commit a value (journal, rescore), redraw",
        |b| {
            let mut digit = 0u32;
            b.iter(|| {
                digit = (digit + 1) % 9;
                key(&mut app, KeyCode::Enter);
                key(&mut app, KeyCode::Backspace);
                key(&mut app, KeyCode::Backspace);
                key(&mut app, KeyCode::Backspace);
                key(
                    &mut app,
                    KeyCode::Char(char::from_digit(digit + 1, 10).unwrap_or('1')),
                );
                key(&mut app, KeyCode::Enter); // commit
                terminal.draw(|f| view(black_box(&app), f)).expect("draws");
            })
        },
    );
    // The bench must have measured real commits, not refused keys.
    assert!(app.dirty(), "no value was committed: {:?}", app.message);
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
