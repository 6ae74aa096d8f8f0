//! The Results screen's dynamics, robustness and imputation, and the panel grid, driven through
//! `update` with key events: each follows the data and the method like the scores do, and gives
//! what the command line gives for the same survey.

mod tui_common;

use std::path::PathBuf;

use beltscope::cli::Lang;
use beltscope::engine::sensitivity::{SensitivityOptions, sensitivity};
use beltscope::model::{Impute, MethodSpec};
use beltscope::tui::app::{App, Calc, ResultsView, Screen, StartItem};
use beltscope::tui::entry::geometry;
use beltscope::tui::entry_head::{col_label, imputed};
use beltscope::tui::{Effect, Msg, run_effects, step};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_common::press;

fn open(name: &str) -> (App, tempfile::TempDir) {
    let mut app = App::new(Lang::En, vec![StartItem::New]);
    step(&mut app, Msg::Resize(80, 24));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::copy(PathBuf::from("surveys").join(name), &file).unwrap();
    run_effects(&mut app, vec![Effect::Open(file)]);
    assert!(app.doc.is_some(), "{:?}", app.message);
    (app, dir)
}

fn goto(app: &mut App, s: Screen) {
    for _ in 0..20 {
        if app.screen == s {
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("never reached {s:?}");
}

fn ready(app: &App) -> &beltscope::engine::Assessment {
    match &app.calc {
        Calc::Ready(a) => a,
        Calc::Blocked(why) => panic!("no scores: {why:?}"),
    }
}

#[test]
fn dynamics_follow_every_change() {
    let (mut app, _dir) = open("example-belt.toml");
    goto(&mut app, Screen::Results);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.results_view, ResultsView::Dynamics);
    let before = app.dynamics.clone().unwrap();
    let s = &before.series[0];
    // Six consecutive years: five pairs, plus first → last.
    assert_eq!(s.synergy.len(), 5);
    assert!(s.synergy_overall.is_some());
    let f = s.degree_forecast().unwrap();
    assert_eq!(f.periods, [2025, 2026, 2027]);
    // The same analysis as `beltscope dynamics` on the file.
    let input = beltscope::files::load_input(&app.doc.as_ref().unwrap().path, None).unwrap();
    let a = input.assess(&MethodSpec::default()).unwrap();
    assert_eq!(beltscope::engine::dynamics::of_input(&input, &a, 3), before);
    // A method change moves the scores, and the dynamics with them.
    press(&mut app, KeyCode::Char('c'));
    assert_ne!(app.dynamics.as_ref().unwrap(), &before);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.results_view, ResultsView::Scores);
    assert!(app.dynamics.is_none());
}

#[test]
fn a_cross_section_shows_its_niche() {
    let (mut app, _dir) = open("example-belts-2024.csv");
    goto(&mut app, Screen::Results);
    press(&mut app, KeyCode::Char('d'));
    let d = app.dynamics.as_ref().unwrap();
    assert!(d.series.is_empty());
    assert_eq!(d.niche.len(), 1);
    assert_eq!(d.niche[0].regions.len(), 8);
    assert_eq!(d.niche[0].top_overlaps(3).len(), 3);
}

#[test]
fn robustness_runs_on_r_and_is_dropped_when_the_method_changes() {
    let (mut app, _dir) = open("example-belt.toml");
    goto(&mut app, Screen::Results);
    assert!(app.robustness.is_none());
    press(&mut app, KeyCode::Char('R'));
    assert_eq!(app.results_view, ResultsView::Robustness);
    let r = app.robustness.clone().unwrap().result;
    assert_eq!(r.observations.len(), 6);
    // What the `sensitivity` command computes with its defaults.
    let d = app.doc.as_ref().unwrap();
    let data = d.survey.matrix(&d.framework, "x").unwrap();
    let method = d.survey.method.resolve();
    let direct = sensitivity(
        &d.framework,
        &data,
        &method,
        app.focus,
        &SensitivityOptions::default(),
    )
    .unwrap();
    assert_eq!(direct, r);
    // The language is not the data: the result stays.
    press(&mut app, KeyCode::Char('L'));
    assert!(app.robustness.is_some());
    press(&mut app, KeyCode::Char('L'));
    press(&mut app, KeyCode::Char('w'));
    assert!(app.robustness.is_none());
    press(&mut app, KeyCode::Char('R'));
    assert!(app.robustness.is_some());
    assert_ne!(app.robustness.as_ref().unwrap().result, r);
    // Undo brings the old survey back, but not the old run: it is run again on R.
    step(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
    );
    assert!(app.robustness.is_none());
}

#[test]
fn imputation_fills_the_gaps_the_way_score_does() {
    let (mut app, _dir) = open("example-belt.toml");
    // location_quotient in 2020 (between 6.8 and 7.1) cleared.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Delete);
    goto(&mut app, Screen::Results);
    assert!(matches!(app.calc, Calc::Blocked(_)));
    press(&mut app, KeyCode::Char('I'));
    let d = app.doc.as_ref().unwrap();
    assert_eq!(d.survey.method.impute, Some(Impute::Interpolate));
    let j = d.framework.indicator_index("location_quotient").unwrap();
    // Linear between the neighbours: (6.8 + 7.1) / 2 = 6.95.
    let a = ready(&app);
    assert_eq!(a.imputed.len(), 1);
    let (i, jj, v) = a.imputed[0];
    assert_eq!((i, jj), (1, j));
    assert!((v - 6.95).abs() < 1e-12, "{v}");
    assert_eq!(imputed(&app, 1, j), Some(v));
    assert_eq!(imputed(&app, 0, j), None);
    // The same scores as the command line under `--impute interpolate`.
    let path = d.path.clone();
    let mut survey = d.survey.clone();
    survey.method = MethodSpec::default();
    let mut input = beltscope::files::load_input(&path, None).unwrap();
    input.doc.survey = survey;
    let flags = MethodSpec {
        impute: Some(Impute::Interpolate),
        ..Default::default()
    };
    let cli = input.assess(&flags).unwrap();
    assert_eq!(cli.coupling, a.coupling);
    // Mean of the other five years: (6.8 + 7.1 + 7.2 + 7.4 + 7.6) / 5 = 7.22.
    press(&mut app, KeyCode::Char('I'));
    let (_, _, v) = ready(&app).imputed[0];
    assert!((v - 7.22).abs() < 1e-12, "{v}");
    // Back to none: the gap blocks the scores again.
    press(&mut app, KeyCode::Char('I'));
    assert!(matches!(app.calc, Calc::Blocked(_)));
    assert!(app.dynamics.is_none());
}

#[test]
fn a_panel_grid_groups_its_columns_by_region() {
    let (mut app, _dir) = open("example-panel.csv");
    let d = app.doc.as_ref().unwrap();
    assert!(d.survey.is_panel());
    let g = geometry(&app).unwrap();
    // Two header rows (regions, then periods); a period fits a 9-column cell.
    assert_eq!(g.head_h, 2);
    assert_eq!(g.col_w, 9);
    assert_eq!(col_label(&d.survey, 0), "2020");
    assert_eq!(g.vis_rows, g.grid.height as usize - 2);
    // The dynamics are computed while shown: every region's series and every period's niche
    // (the view picks the focus region's and the focus period's).
    assert!(app.dynamics.is_none());
    goto(&mut app, Screen::Results);
    press(&mut app, KeyCode::Char('d'));
    let dy = app.dynamics.as_ref().unwrap();
    assert!(dy.series.len() > 1);
    assert!(dy.niche.len() > 1);
}

#[test]
fn the_report_has_the_robustness_section_once_it_ran() {
    let (mut app, _dir) = open("example-belt.toml");
    let heading = "How robust is this?";
    let text = |app: &App| {
        beltscope::tui::report::preview(app, beltscope::report::ReportFormat::Text, 100).unwrap()
    };
    assert!(!text(&app).contains(heading));
    goto(&mut app, Screen::Results);
    press(&mut app, KeyCode::Char('R'));
    assert!(text(&app).contains(heading));
    press(&mut app, KeyCode::Char('m'));
    assert!(!text(&app).contains(heading));
}
