//! No input makes beltscope panic, and no valid input gives a non-finite number: property tests
//! in the spirit of a fuzzer. The readers get arbitrary text and valid files with random edits
//! (bytes replaced, inserted, deleted, lines cut); the engine gets matrices with values from
//! ±1e308 to 1e-300 and intervals pressed against 1. Every problem list is also rendered, since
//! rendering once panicked on odd places.

use beltscope::diag;
use beltscope::engine::{self, CouplingModel, Impute, Method, Normalization, ObstacleBasis};
use beltscope::model::responses::Responses;
use beltscope::model::sheet::{self, Input};
use beltscope::model::{DataMatrix, Framework, SurveyDoc};
use proptest::prelude::*;

const FRAMEWORK: &str = include_str!("data/cases/p1_three_circles/framework.toml");
const SURVEY: &str = include_str!("data/cases/p1_three_circles/survey.toml");
const RESPONSES: &str = include_str!("data/aggregate/responses.csv");
const AGG_FRAMEWORK: &str = include_str!("data/aggregate/framework.toml");

/// One random edit of a text, at a byte offset (taken modulo the length).
#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, u8),
    Insert(usize, String),
    Delete(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop_oneof![
        Just("\r".to_string()),
        Just("\r\n".to_string()),
        Just("\"".to_string()),
        Just("[".to_string()),
        Just(",".to_string()),
        Just(" ".repeat(300)),
        Just("１２．５".to_string()),
        Just("产业带".to_string()),
        Just("1e308".to_string()),
        Just("-1e308".to_string()),
        Just("nan".to_string()),
        Just("\u{feff}".to_string()),
        "[ -~]{0,12}",
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Replace(i, b)),
        (any::<usize>(), piece).prop_map(|(i, s)| Edit::Insert(i, s)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

/// Applies edits to the bytes of `text`; the result may not be UTF-8.
fn mutate(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for e in edits {
        let len = b.len().max(1);
        match e {
            Edit::Replace(i, x) => {
                if !b.is_empty() {
                    let i = i % len;
                    b[i] = *x;
                }
            }
            Edit::Insert(i, s) => {
                let i = i % (b.len() + 1);
                b.splice(i..i, s.bytes());
            }
            Edit::Delete(i, n) => {
                let i = i % len;
                let end = (i + n).min(b.len());
                if i < end {
                    b.drain(i..end);
                }
            }
            Edit::Truncate(i) => b.truncate(i % len),
        }
    }
    b
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn framework() -> Framework {
    match Framework::parse("framework.toml", FRAMEWORK) {
        Ok(fw) => fw,
        Err(p) => panic!("the test framework is valid: {p:?}"),
    }
}

fn fuzz_cases() -> u32 {
    std::env::var("BELTSCOPE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(192)
}

proptest! {
    // 192 cases in the test suite; `BELTSCOPE_FUZZ_CASES=20000` for a longer fuzzing run.
    #![proptest_config(ProptestConfig { cases: fuzz_cases(), ..ProptestConfig::default() })]

    #[test]
    fn framework_reader_never_panics(edits in prop::collection::vec(edit(), 1..6)) {
        let text = text_of(&mutate(FRAMEWORK, &edits));
        if let Err(problems) = Framework::parse("f.toml", &text) {
            prop_assert!(!problems.is_empty());
            let _ = diag::render(&problems);
        }
    }

    #[test]
    fn survey_reader_never_panics(edits in prop::collection::vec(edit(), 1..6)) {
        let fw = framework();
        let text = text_of(&mutate(SURVEY, &edits));
        let (doc, problems) = SurveyDoc::parse_lenient("s.toml", &text);
        let _ = diag::render(&problems);
        if let Some(doc) = doc {
            let _ = diag::render(&doc.check_against(&fw));
            if let Err(p) = doc.matrix(&fw) {
                let _ = diag::render(&p);
            }
        }
    }

    #[test]
    fn table_reader_never_panics(edits in prop::collection::vec(edit(), 1..6)) {
        let fw = framework();
        let csv = "label,export_value,cbec_firms,delivery_days\r\n2019,1,2,3\r\n2020,4,5,6\r\n";
        let bytes = mutate(csv, &edits);
        let (_, problems, _) = sheet::read_table(Input::Bytes { name: "d.csv", bytes: &bytes }, &fw, None);
        let _ = diag::render(&problems);
    }

    #[test]
    fn arbitrary_bytes_are_refused_or_read(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let fw = framework();
        let (_, problems, _) = sheet::read_table(Input::Bytes { name: "x.csv", bytes: &bytes }, &fw, None);
        let _ = diag::render(&problems);
        let text = text_of(&bytes);
        let _ = Framework::parse("x.toml", &text).map_err(|p| diag::render(&p));
        let (_, problems) = SurveyDoc::parse_lenient("x.toml", &text);
        let _ = diag::render(&problems);
    }

    #[test]
    fn responses_reader_never_panics(edits in prop::collection::vec(edit(), 1..6)) {
        let fw = match Framework::parse("f.toml", AGG_FRAMEWORK) {
            Ok(fw) => fw,
            Err(p) => panic!("valid: {p:?}"),
        };
        let text = text_of(&mutate(RESPONSES, &edits));
        if let Err(p) = Responses::parse("r.csv", &text, &fw) {
            let _ = diag::render(&p);
        }
    }

    #[test]
    fn extreme_values_give_finite_scores(
        values in prop::collection::vec(prop_oneof![
            Just(1e308), Just(-1e308), Just(1e-300), Just(0.0), Just(-0.0),
            -1e6f64..1e6, Just(f64::MAX), Just(f64::MIN_POSITIVE),
        ], 4 * 9),
        lo in prop_oneof![Just(0.0), Just(0.99999999), Just(0.999999999999), 0.0f64..0.9],
        corrected in any::<bool>(),
        composite in any::<bool>(),
    ) {
        let fw = framework();
        let data = DataMatrix {
            labels: (0..4).map(|i| format!("o{i}")).collect(),
            n: fw.indicators.len(),
            values,
        };
        prop_assume!(data.values.len() == 4 * data.n);
        let method = Method {
            normalization: Normalization::Range,
            interval: (lo, 1.0),
            coupling: if corrected { CouplingModel::Corrected } else { CouplingModel::Classic },
            obstacles: if composite { ObstacleBasis::Composite } else { ObstacleBasis::Global },
            impute: Impute::None,
            ..Method::default()
        };
        // Every column may be constant (no information): that is an error, not a number.
        if let Ok(a) = engine::assess(&fw, &data, &method) {
            let sum: f64 = a.weights.global.iter().sum();
            prop_assert!((sum - 1.0).abs() < 1e-9, "weights sum to {}", sum);
            for w in &a.weights.global {
                prop_assert!(w.is_finite() && *w >= 0.0);
            }
            for x in a.dimension_scores.iter().chain(&a.circle_scores) {
                prop_assert!(x.is_finite() && (0.0..=1.0).contains(x));
            }
            for c in &a.coupling {
                prop_assert!(c.c.is_finite() && c.t.is_finite() && c.d.is_finite());
                prop_assert!((0.0..=1.0).contains(&c.d));
            }
            for o in a.obstacle_rows() {
                for x in o.indicators().iter().chain(o.dimensions).chain(o.circles) {
                    prop_assert!(x.is_finite() && *x >= 0.0 && *x <= 1.0 + 1e-12);
                }
            }
        }
    }
}
