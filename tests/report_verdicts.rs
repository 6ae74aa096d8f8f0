//! What the report may and may not claim: artefacts of the method are named as such, the
//! obstacle basis is named with what the other basis would say, and the references are right.

use std::path::Path;

use beltscope::cli::Lang;
use beltscope::engine::{MethodSpec, ObstacleBasis};
use beltscope::files::{Input, load_input};
use beltscope::model::Direction;
use beltscope::report::{self, ReportFormat, ReportOptions};

fn example(name: &str) -> Input {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("surveys")
        .join(name);
    load_input(&path, None).expect("example survey loads")
}

fn render(input: &Input, spec: &MethodSpec, lang: Lang) -> String {
    let a = input.assess(spec).expect("scores");
    let opts = ReportOptions {
        format: ReportFormat::Text,
        lang,
        focus: input.focus(&a, spec),
        generated: "2025-01-01".into(),
        charts: None,
        width: report::WIDTH,
        sensitivity: None,
    };
    let text = report::render(input, &a, &opts);
    // Join wrapped lines so that phrases can be searched for.
    // Chinese lines wrap between any two characters, so they join without a space.
    let sep = if lang == Lang::Zh { "" } else { " " };
    text.split_whitespace().collect::<Vec<_>>().join(sep)
}

/// Two observations: the first at the worst observed value of every indicator, the second at
/// the best, so under range normalization the second scores 1 everywhere.
fn two_observations() -> Input {
    let mut input = example("example-belt.toml");
    let fw = input.framework.clone();
    let obs = &mut input.doc.survey.observations;
    let (mut worst, mut best) = (obs[0].clone(), obs[1].clone());
    for ind in &fw.indicators {
        let values: Vec<f64> = obs
            .iter()
            .filter_map(|o| o.values.get(&ind.id).copied())
            .collect();
        let lo = values.iter().cloned().fold(f64::INFINITY, f64::min);
        let hi = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        // A scale indicator is normalized on its scale, so its ends are the scale's.
        let (lo, hi) = ind.scale.map_or((lo, hi), |(a, b)| (a as f64, b as f64));
        let (w, b) = match ind.direction {
            Direction::Positive => (lo, hi),
            Direction::Negative => (hi, lo),
        };
        worst.values.insert(ind.id.clone(), w);
        best.values.insert(ind.id.clone(), b);
    }
    *obs = vec![worst, best];
    input
}

#[test]
fn two_observations_are_an_artefact_not_a_clean_bill() {
    let input = two_observations();
    let a = input.assess(&MethodSpec::default()).expect("scores");
    assert_eq!(a.m(), 2);
    assert!(a.weak_dimensions[1].is_empty());
    let en = render(&input, &MethodSpec::default(), Lang::En);
    assert!(!en.contains("no countermeasure is called for"), "{en}");
    assert!(en.contains("This is an artefact of comparing two observations"));
    assert!(en.contains("not a finding that the belt has no weaknesses"));
    assert!(en.contains("the scores only compare these two observations"));
    let zh = render(&input, &MethodSpec::default(), Lang::Zh);
    assert!(!zh.contains("无需对策"));
    assert!(zh.contains("这是只比较2个观测所致"));
}

#[test]
fn the_level_is_relative_to_the_normalization() {
    let input = example("example-belt.toml");
    let en = render(&input, &MethodSpec::default(), Lang::En);
    let summary = &en[..en.find("2. Method").expect("method")];
    assert!(summary.contains("relative") || summary.contains("among those observations"));
    assert!(!summary.contains("highly developed and move in step"));
    assert!(summary.contains("not an absolute grade"));
    // A lagging circle is never next to "in step" as a finding.
    assert!(summary.contains("so the circles are not in step"));
    let reference = MethodSpec {
        normalization: Some(beltscope::engine::Normalization::Reference),
        ..Default::default()
    };
    let en = render(&input, &reference, Lang::En);
    assert!(en.contains("measure 2024 against those bounds"));
}

#[test]
fn the_scales_and_stages_are_shown() {
    let input = example("example-belts-2024.csv");
    let en = render(&input, &MethodSpec::default(), Lang::En);
    assert!(en.contains("The ten coordination levels"));
    assert!(en.contains("0.9 ≤ D ≤ 1.0"));
    assert!(en.contains("0.5 < C ≤ 0.8"));
    assert!(en.contains("4 high-level coupling"));
    let zh = render(&input, &MethodSpec::default(), Lang::Zh);
    assert!(zh.contains("高水平耦合") && zh.contains("拮抗"));
}

#[test]
fn the_other_obstacle_basis_is_reported_when_it_changes_the_weak_dimensions() {
    // Find a focus and top where the two bases name different sets of weak dimensions.
    let mut found = false;
    for ex in ["example-belt.toml", "example-belts-2024.csv"] {
        let input = example(ex);
        let labels: Vec<String> = input
            .doc
            .survey
            .observations
            .iter()
            .map(|o| o.label.clone())
            .collect();
        for label in &labels {
            for top in 1..=4 {
                let spec = |b| MethodSpec {
                    obstacles: Some(b),
                    top: Some(top),
                    focus: Some(label.clone()),
                    ..Default::default()
                };
                let (g, c) = (spec(ObstacleBasis::Global), spec(ObstacleBasis::Composite));
                let ag = input.assess(&g).expect("scores");
                let ac = input.assess(&c).expect("scores");
                let i = input.focus(&ag, &g);
                let (mut wg, mut wc) =
                    (ag.weak_dimensions[i].clone(), ac.weak_dimensions[i].clone());
                wg.sort_unstable();
                wc.sort_unstable();
                if wg == wc {
                    continue;
                }
                found = true;
                let text = render(&input, &c, Lang::En);
                assert!(text.contains("use the composite basis (obstacles = composite)"));
                assert!(text.contains("The global basis would name other weak dimensions"));
                let text = render(&input, &g, Lang::En);
                assert!(text.contains("use the global basis (obstacles = global)"));
                assert!(text.contains("The composite basis would name other weak dimensions"));
                let zh = render(&input, &g, Lang::Zh);
                assert!(zh.contains("若采用复合口径，薄弱维度将依次为"));
            }
        }
    }
    assert!(found, "no case where the bases differ");
}

#[test]
fn references_name_the_authors_rightly() {
    let input = example("example-belt.toml");
    let en = render(&input, &MethodSpec::default(), Lang::En);
    assert!(en.contains("REN Liang") && en.contains("DAI Binting"));
    assert!(!en.contains("Ren Lang") && !en.contains("Bingtao"));
    assert!(en.contains("CONG Xiaonan") && en.contains("LIAO Chongbin"));
    let zh = render(&input, &MethodSpec::default(), Lang::Zh);
    assert!(zh.contains("任亮") && zh.contains("戴彬婷") && zh.contains("丛晓男"));
    assert!(!zh.contains("Ren Lang"));
}

#[test]
fn countermeasures_show_lead_and_targets() {
    // The default framework gives every countermeasure a lead department and targets.
    let input = example("example-belt.toml");
    let a = input.assess(&MethodSpec::default()).expect("scores");
    let f = input.focus(&a, &MethodSpec::default());
    let cm = &input.framework.countermeasures[a.countermeasures[f][0]];
    let lead = cm.lead.as_deref().expect("a lead");
    let lead_zh = cm.lead_zh.as_deref().expect("a Chinese lead");
    let target = &input.framework.indicators[cm.targets[0]];
    let en = render(&input, &MethodSpec::default(), Lang::En);
    assert!(en.contains(&format!("Lead: {lead}")), "{en}");
    assert!(en.contains("Target indicators:"));
    assert!(en.contains(&target.name));
    let zh = render(&input, &MethodSpec::default(), Lang::Zh);
    assert!(zh.contains(&format!("牵头部门：{lead_zh}")));
}
