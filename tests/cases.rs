//! The reference cases of tests/data/cases (a copy of the shared cases): every row of
//! cases.tsv is run through the real binary and compared by the README's rules.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TOL: f64 = 1e-9;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cases")
}

/// One row of cases.tsv.
#[derive(Debug)]
struct Case {
    name: String,
    input: String,
    flags: Vec<String>,
    expected: String,
}

fn read_cases() -> Vec<Case> {
    let text = std::fs::read_to_string(cases_dir().join("cases.tsv")).unwrap();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header, ["case", "input", "flags", "expected"]);
    lines
        .map(|line| {
            let cols: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
            assert_eq!(cols.len(), 4, "bad row {line:?}");
            Case {
                name: cols[0].to_string(),
                input: cols[1].to_string(),
                flags: cols[2].split_whitespace().map(String::from).collect(),
                expected: cols[3].to_string(),
            }
        })
        .collect()
}

/// Collects every mismatch between `expected` and `actual` at `path`.
struct Compare {
    errors: Vec<String>,
}

impl Compare {
    fn fail(&mut self, path: &str, what: String) {
        self.errors.push(format!("{path}: {what}"));
    }

    fn key<'a>(&mut self, obj: &'a Value, key: &str, path: &str) -> Option<&'a Value> {
        let v = obj.get(key);
        if v.is_none() {
            self.fail(path, format!("missing key `{key}`"));
        }
        v
    }

    fn number(&mut self, e: &Value, a: &Value, path: &str) {
        match (e.as_f64(), a.as_f64()) {
            (Some(x), Some(y)) if (x - y).abs() <= TOL => {}
            (Some(x), Some(y)) => self.fail(path, format!("expected {x}, got {y}")),
            (None, None) if e.is_null() && a.is_null() => {}
            _ => self.fail(path, format!("expected {e}, got {a}")),
        }
    }

    fn equal(&mut self, e: &Value, a: &Value, path: &str) {
        if e != a {
            self.fail(path, format!("expected {e}, got {a}"));
        }
    }

    /// Every key of `e` must be in `a` with a number within TOL (extra keys allowed).
    fn number_map(&mut self, e: &Value, a: &Value, path: &str) {
        let Some(em) = e.as_object() else {
            return self.fail(path, format!("expected an object, the reference has {e}"));
        };
        if a.as_object().is_none() {
            return self.fail(path, format!("expected an object, got {a}"));
        }
        for (k, ev) in em {
            if let Some(av) = self.key(a, k, path) {
                self.number(ev, av, &format!("{path}.{k}"));
            }
        }
    }

    /// Compares the fields at `keys` with `f`.
    fn field(
        &mut self,
        e: &Value,
        a: &Value,
        key: &str,
        path: &str,
        f: fn(&mut Self, &Value, &Value, &str),
    ) {
        let p = format!("{path}.{key}");
        match e.get(key) {
            None => self.fail(&p, "the reference has no such key".into()),
            Some(ev) => {
                if let Some(av) = self.key(a, key, path) {
                    f(self, ev, av, &p);
                }
            }
        }
    }

    fn set(&mut self, e: &Value, a: &Value, path: &str) {
        let as_set = |v: &Value| -> Option<Vec<String>> {
            let mut s: Vec<String> = v
                .as_array()?
                .iter()
                .map(|x| x.as_str().map(String::from))
                .collect::<Option<_>>()?;
            s.sort();
            Some(s)
        };
        match (as_set(e), as_set(a)) {
            (Some(x), Some(y)) if x == y => {}
            _ => self.fail(path, format!("expected the set {e}, got {a}")),
        }
    }

    /// `imputed`: an ordered list, `label` and `indicator` equal, `value` within 1e-9
    /// relative to max(1, |value|).
    fn imputed(&mut self, e: &Value, a: &Value, path: &str) {
        let (Some(ev), Some(av)) = (e.as_array(), a.as_array()) else {
            return self.fail(path, format!("expected a list, got {a}"));
        };
        if ev.len() != av.len() {
            return self.fail(
                path,
                format!("expected {} entries, got {}", ev.len(), av.len()),
            );
        }
        for (k, (x, y)) in ev.iter().zip(av).enumerate() {
            let p = format!("{path}[{k}]");
            self.field(x, y, "label", &p, Self::equal);
            self.field(x, y, "indicator", &p, Self::equal);
            match (x["value"].as_f64(), y["value"].as_f64()) {
                (Some(u), Some(v)) if (u - v).abs() <= TOL * u.abs().max(1.0) => {}
                _ => self.fail(&p, format!("expected {x}, got {y}")),
            }
        }
    }

    fn document(&mut self, e: &Value, a: &Value) {
        if e.get("imputed").is_some() {
            self.field(e, a, "imputed", "", Self::imputed);
        }
        self.field(e, a, "framework", "", Self::equal);
        // method
        if let (Some(em), Some(am)) = (e.get("method"), self.key(a, "method", "")) {
            for k in [
                "normalization",
                "weighting",
                "coupling",
                "obstacles",
                "impute",
                "top",
            ] {
                self.field(em, am, k, ".method", Self::equal);
            }
            self.field(em, am, "shift", ".method", Self::number);
            self.field(em, am, "interval", ".method", |c, e, a, p| {
                match (e.as_array(), a.as_array()) {
                    (Some(x), Some(y)) if x.len() == y.len() => {
                        for (i, (ex, ax)) in x.iter().zip(y).enumerate() {
                            c.number(ex, ax, &format!("{p}[{i}]"));
                        }
                    }
                    _ => c.fail(p, format!("expected {e}, got {a}")),
                }
            });
            self.field(em, am, "circle_weights", ".method", Self::number_map);
        }
        // indicators, by id
        if let (Some(ei), Some(ai)) = (e.get("indicators"), self.key(a, "indicators", "")) {
            let actual = ai.as_array().cloned().unwrap_or_default();
            for ind in ei.as_array().unwrap() {
                let id = ind["id"].as_str().unwrap();
                let path = format!(".indicators[{id}]");
                match actual.iter().find(|x| x["id"] == ind["id"]) {
                    None => self.fail(&path, "missing indicator".into()),
                    Some(act) => {
                        self.field(ind, act, "entropy", &path, Self::number);
                        self.field(ind, act, "weight", &path, Self::number);
                    }
                }
            }
        }
        // observations, same order
        if let (Some(eo), Some(ao)) = (e.get("observations"), self.key(a, "observations", "")) {
            let (eo, ao) = (
                eo.as_array().unwrap(),
                ao.as_array().cloned().unwrap_or_default(),
            );
            if eo.len() != ao.len() {
                self.fail(
                    ".observations",
                    format!("expected {} observations, got {}", eo.len(), ao.len()),
                );
            }
            for (eobs, aobs) in eo.iter().zip(&ao) {
                let label = eobs["label"].as_str().unwrap();
                let path = format!(".observations[{label}]");
                self.field(eobs, aobs, "label", &path, Self::equal);
                for k in ["dimensions", "circles"] {
                    self.field(eobs, aobs, k, &path, Self::number_map);
                }
                for k in ["coupling", "coordination", "degree"] {
                    self.field(eobs, aobs, k, &path, Self::number);
                }
                for k in [
                    "level",
                    "level_name",
                    "coupling_stage",
                    "coupling_stage_name",
                    "weak_dimensions",
                    "countermeasures",
                ] {
                    self.field(eobs, aobs, k, &path, Self::equal);
                }
                self.field(eobs, aobs, "lagging", &path, Self::set);
                for k in ["region", "period"] {
                    if eobs.get(k).is_some() {
                        self.field(eobs, aobs, k, &path, Self::equal);
                    }
                }
                if let (Some(eob), Some(aob)) =
                    (eobs.get("obstacles"), self.key(aobs, "obstacles", &path))
                {
                    let p = format!("{path}.obstacles");
                    for k in ["indicators", "dimensions", "circles"] {
                        self.field(eob, aob, k, &p, Self::number_map);
                    }
                }
            }
        }
    }
}

fn compare(expected: &Value, actual: &Value) -> Vec<String> {
    let mut c = Compare { errors: Vec::new() };
    c.document(expected, actual);
    c.errors
}

fn run_case(case: &Case) -> Result<(), String> {
    let dir = cases_dir();
    let mut cmd = Command::cargo_bin("beltscope").unwrap();
    cmd.current_dir(&dir)
        .args(["score", &case.input, "--format", "json"])
        .args(&case.flags);
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!(
            "{}: exit {:?}\n{stderr}",
            case.name,
            out.status.code()
        ));
    }
    let actual: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("{}: stdout is not JSON: {e}", case.name))?;
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(&case.expected)).unwrap()).unwrap();
    let errors = compare(&expected, &actual);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: {} mismatch(es)\n  {}",
            case.name,
            errors.len(),
            errors.join("\n  ")
        ))
    }
}

#[test]
fn cases_tsv_is_parsed_with_empty_flags() {
    let cases = read_cases();
    assert_eq!(cases.len(), 8);
    let p1 = cases.iter().find(|c| c.name == "p1_default").unwrap();
    assert!(p1.flags.is_empty());
    assert_eq!(p1.input, "p1_three_circles/survey.toml");
    assert_eq!(p1.expected, "p1_three_circles/expected.json");
    let p2 = cases
        .iter()
        .find(|c| c.name == "p2_reference_combined")
        .unwrap();
    assert_eq!(
        p2.flags,
        [
            "--framework",
            "p2_regions_csv/framework.toml",
            "--normalization",
            "reference",
            "--weighting",
            "combined",
            "--shift",
            "0.01"
        ]
    );
}

#[test]
fn every_reference_case_matches() {
    let failures: Vec<String> = read_cases()
        .iter()
        .filter_map(|c| run_case(c).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_comparison_catches_mismatches() {
    // The checker itself: a perturbed number, a missing key, a reordered list and a
    // reordered lagging set.
    let dir = cases_dir();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("p1_three_circles/expected.json")).unwrap(),
    )
    .unwrap();
    assert!(compare(&expected, &expected).is_empty());

    let mut a = expected.clone();
    a["observations"][1]["degree"] =
        (a["observations"][1]["degree"].as_f64().unwrap() + 2e-9).into();
    assert_eq!(compare(&expected, &a).len(), 1);

    let mut a = expected.clone();
    a["observations"][1]["degree"] =
        (a["observations"][1]["degree"].as_f64().unwrap() + 5e-10).into();
    assert!(compare(&expected, &a).is_empty());

    let mut a = expected.clone();
    a["observations"][0]
        .as_object_mut()
        .unwrap()
        .remove("coupling");
    assert_eq!(compare(&expected, &a).len(), 1);

    let mut a = expected.clone();
    a["extra"] = Value::Bool(true);
    a["observations"][0]["extra"] = Value::Bool(true);
    assert!(compare(&expected, &a).is_empty());

    let mut a = expected.clone();
    let obs = a["observations"].as_array_mut().unwrap();
    let lagging = obs
        .iter_mut()
        .find(|o| o["lagging"].as_array().is_some_and(|l| l.len() >= 2));
    if let Some(o) = lagging {
        o["lagging"].as_array_mut().unwrap().reverse();
        assert!(compare(&expected, &a).is_empty());
    }

    let mut a = expected.clone();
    let obs = a["observations"].as_array_mut().unwrap();
    let o = obs
        .iter_mut()
        .find(|o| o["weak_dimensions"].as_array().unwrap().len() >= 2)
        .unwrap();
    o["weak_dimensions"].as_array_mut().unwrap().reverse();
    assert_eq!(compare(&expected, &a).len(), 1);
}
