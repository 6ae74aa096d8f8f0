//! The dynamics reference cases of tests/data/dynamics (a copy of the shared cases): each row
//! of cases.tsv is scored through the library, analysed, rendered as JSON and compared by the
//! README's rules.

use std::path::{Path, PathBuf};

use beltscope::dynamics_json::dynamics_value;
use beltscope::engine::MethodSpec;
use beltscope::engine::dynamics::{Layout, Scores, analyse};
use beltscope::files::load_input;
use beltscope::output::to_json;
use serde_json::Value;

const TOL: f64 = 1e-9;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dynamics")
}

/// Compares `expected` with `actual`: numbers within 1e-9, everything else exact, arrays in
/// order, objects by key (extra keys allowed, a missing key is a mismatch).
fn compare(expected: &Value, actual: &Value, path: &str, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (
                e.as_f64().unwrap_or(f64::NAN),
                a.as_f64().unwrap_or(f64::NAN),
            );
            if (e - a).abs() > TOL {
                errors.push(format!("{path}: expected {e}, got {a}"));
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errors.push(format!(
                    "{path}: expected {} items, got {}",
                    e.len(),
                    a.len()
                ));
                return;
            }
            for (k, (e, a)) in e.iter().zip(a).enumerate() {
                compare(e, a, &format!("{path}[{k}]"), errors);
            }
        }
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                match a.get(key) {
                    Some(av) => compare(ev, av, &format!("{path}.{key}"), errors),
                    None => errors.push(format!("{path}: missing key `{key}`")),
                }
            }
        }
        (e, a) if e == a => {}
        (e, a) => errors.push(format!("{path}: expected {e}, got {a}")),
    }
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
        // `method` is score's, whatever keys score prints; the method keys that score does
        // not print yet (`obstacles`, `impute`) belong to the method flags, not to dynamics.
        if let (Some(e), Some(a)) = (
            expected["method"].as_object_mut(),
            actual["method"].as_object(),
        ) {
            e.retain(|k, _| a.contains_key(k) || !matches!(k.as_str(), "obstacles" | "impute"));
        }
        let warnings_expected = !expected["warnings"].as_array().unwrap().is_empty();
        let warnings_actual = !actual["warnings"].as_array().unwrap().is_empty();
        assert_eq!(
            warnings_actual, warnings_expected,
            "{name}: {:?}",
            actual["warnings"]
        );
        expected.as_object_mut().unwrap().remove("warnings");
        let mut errors = Vec::new();
        compare(&expected, &actual, name, &mut errors);
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
        ran += 1;
    }
    assert_eq!(ran, 2);
}
