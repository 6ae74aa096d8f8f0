//! Surveys survive writing and reading: parse → to_toml → parse is identical, every value
//! exact, order kept; a CSV with BOM and CRLF reads the same as the plain one.

use std::path::Path;

use beltscope::files::load_input;
use beltscope::model::{Observation, Survey, SurveyDoc};
use indexmap::IndexMap;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn parse(name: &str, text: &str) -> SurveyDoc {
    SurveyDoc::parse(name, text)
        .unwrap_or_else(|p| panic!("{}\n{text}", beltscope::diag::render(&p)))
}

/// parse(to_toml(s)) == s, and writing again gives the same text.
#[track_caller]
fn assert_round_trip(s: &Survey) {
    let text = s.to_toml();
    let again = parse("again.toml", &text);
    assert_eq!(&again.survey, s, "\n{text}");
    assert_eq!(again.survey.to_toml(), text);
    // bit-exact, not just ==: -0.0 == 0.0, so compare the bits too
    for (a, b) in s.observations.iter().zip(&again.survey.observations) {
        for ((ka, va), (kb, vb)) in a.values.iter().zip(&b.values) {
            assert_eq!(ka, kb);
            assert_eq!(va.to_bits(), vb.to_bits(), "{ka}: {va} vs {vb}");
        }
    }
}

#[test]
fn the_shipped_example_round_trips() {
    let text = std::fs::read_to_string(root().join("surveys/example-belt.toml")).unwrap();
    let doc = parse("example-belt.toml", &text);
    let s = &doc.survey;
    assert_eq!(s.observations.len(), 6);
    assert_eq!(s.observations[0].values.len(), 58);
    assert_round_trip(s);
    // The order of indicators within an observation is the file's order.
    let written = s.to_toml();
    let keys = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.starts_with('#') && l.contains(" = "))
            .map(|l| l.split(" = ").next().unwrap().to_string())
            .filter(|k| !matches!(k.as_str(), "schema" | "framework" | "title" | "region"))
            .collect()
    };
    assert_eq!(keys(&written), keys(&text));
}

#[test]
fn the_reference_case_survey_round_trips() {
    let text =
        std::fs::read_to_string(root().join("tests/data/cases/p1_three_circles/survey.toml"))
            .unwrap();
    assert_round_trip(&parse("survey.toml", &text).survey);
}

fn tricky_survey(values: &[f64]) -> Survey {
    let mut obs = Vec::new();
    for (i, chunk) in values.chunks(4).enumerate() {
        let mut v = IndexMap::new();
        // Deliberately not alphabetical: the order must be kept.
        for (k, x) in ["zeta", "alpha", "mid", "beta"].iter().zip(chunk) {
            v.insert(k.to_string(), *x);
        }
        obs.push(Observation {
            label: format!("r{i} \"quoted\" 区域"),
            values: v.into(),
            ..Observation::default()
        });
    }
    Survey {
        framework: "../frameworks/my fw.toml".into(),
        title: "Tricky — \\ back\\slash \t tab".into(),
        region: Some("浙江".into()),
        method: Default::default(),
        observations: obs,
    }
}

#[test]
fn tricky_values_round_trip_exactly() {
    let values = [
        0.1,
        1e-7,
        1e20,
        -3.5,
        -0.0,
        0.0,
        0.30000000000000004,
        123456.78901234567,
        std::f64::consts::E,
        1e15,
        999999999999999.9,
        -1e-300,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        4503599627370497.0,
        -123456789012345.0,
        1.0 / 3.0,
        12.5,
        7.0,
    ];
    assert_round_trip(&tricky_survey(&values));
}

#[test]
fn method_settings_round_trip() {
    use beltscope::engine::{
        CouplingModel, Impute, MethodSpec, Normalization, ObstacleBasis, Weighting,
    };
    let mut s = tricky_survey(&[1.0, 2.0, 3.0, 4.0]);
    s.method = MethodSpec {
        normalization: Some(Normalization::Reference),
        weighting: Some(Weighting::Combined),
        shift: Some(0.01),
        interval: Some((0.002, 0.998)),
        coupling: Some(CouplingModel::Corrected),
        top: Some(0),
        obstacles: Some(ObstacleBasis::Composite),
        impute: Some(Impute::Interpolate),
        focus: Some("r0 \"quoted\" 区域".into()),
    };
    assert_round_trip(&s);
}

#[test]
fn random_values_round_trip_exactly() {
    // A fixed-seed xorshift over raw bit patterns: every finite f64 must come back bit-exact.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut values = Vec::new();
    while values.len() < 400 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let x = f64::from_bits(state);
        if x.is_finite() {
            values.push(x);
        }
    }
    assert_round_trip(&tricky_survey(&values));
}

#[test]
fn csv_with_bom_and_crlf_reads_like_the_plain_csv() {
    let plain = std::fs::read_to_string(root().join("surveys/example-belts-2024.csv")).unwrap();
    let windows = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    let a = parse("a.csv", &plain);
    let b = parse("b.csv", &windows);
    assert_eq!(a.survey.observations, b.survey.observations);
    assert_eq!(a.survey.observations.len(), 8);

    // And through the file loader (which strips the BOM itself) with padded cells.
    let dir = tempfile::tempdir().unwrap();
    let padded: String = plain
        .split('\n')
        .map(|line| {
            line.split(',')
                .map(|c| format!(" {c} "))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    let padded = format!("\u{feff}{padded}");
    for (name, text) in [
        ("plain.csv", plain.as_str()),
        ("windows.csv", windows.as_str()),
        ("padded.csv", padded.as_str()),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let input = load_input(&p, None)
            .unwrap_or_else(|e| panic!("{name}: {}", beltscope::diag::render(&e)));
        assert_eq!(
            input.doc.survey.observations, a.survey.observations,
            "{name}"
        );
    }
}

#[test]
fn csv_values_survive_a_trip_through_toml() {
    // A CSV survey written as TOML reads back with the same values.
    let plain = std::fs::read_to_string(root().join("surveys/example-belts-2024.csv")).unwrap();
    let doc = parse("a.csv", &plain);
    assert_round_trip(&doc.survey);
    let again = parse("a.toml", &doc.survey.to_toml());
    assert_eq!(again.survey.observations, doc.survey.observations);
}
