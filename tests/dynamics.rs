//! The dynamics reference cases of tests/data/dynamics (a copy of the shared cases): each row
//! of cases.tsv is scored through the library, analysed, rendered as JSON and compared by the
//! README's rules.

mod common;

use std::path::{Path, PathBuf};

use beltscope::dynamics_json::dynamics_value;
use beltscope::engine::MethodSpec;
use beltscope::engine::dynamics::{Layout, Scores, analyse};
use beltscope::files::load_input;
use beltscope::output::to_json;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dynamics")
}

#[test]
fn dynamics_reference_cases() {
    let table = std::fs::read_to_string(dir().join("cases.tsv")).unwrap();
    let mut ran = 0;
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, input, flags, expected) = (cols[0], cols[1], cols[2], cols[3]);
        let mut spec = MethodSpec::default();
        let mut framework = None;
        let mut horizon = 3;
        let words: Vec<&str> = flags.split_whitespace().collect();
        for w in words.chunks(2) {
            match w {
                ["--interval", v] => {
                    let (lo, hi) = v.split_once(',').unwrap();
                    spec.interval = Some((lo.parse().unwrap(), hi.parse().unwrap()));
                }
                ["--horizon", h] => horizon = h.parse().unwrap(),
                ["--framework", f] => framework = Some(dir().join(f).display().to_string()),
                other => panic!("{name}: flag {other:?} is not handled by this test"),
            }
        }
        let loaded = load_input(&dir().join(input), framework.as_deref()).unwrap();
        let a = loaded.assess(&spec).unwrap();
        let fw = &loaded.framework;
        let scores = Scores::from_assessment(fw, &a);
        let d = analyse(&scores, &Layout::of_labels(&a.labels), horizon);
        let actual = dynamics_value(&d, &to_json(fw, &a)["method"]);
        let mut expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir().join(expected)).unwrap()).unwrap();
        let warnings_expected = !expected["warnings"].as_array().unwrap().is_empty();
        let warnings_actual = !actual["warnings"].as_array().unwrap().is_empty();
        assert_eq!(
            warnings_actual, warnings_expected,
            "{name}: {:?}",
            actual["warnings"]
        );
        expected.as_object_mut().unwrap().remove("warnings");
        let mut errors = Vec::new();
        common::compare_json(&expected, &actual, name, &mut errors);
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
        ran += 1;
    }
    assert_eq!(ran, 2);
}
