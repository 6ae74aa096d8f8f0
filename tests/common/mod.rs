//! Helpers shared by the integration tests: small frameworks written as TOML and parsed with
//! the real loader, and data matrices built directly.

#![allow(dead_code)]

use beltscope::diag::render;
use beltscope::model::{DataMatrix, Framework};
use serde_json::Value;

/// One indicator of a test framework.
#[derive(Debug, Clone)]
pub struct Ind {
    pub id: String,
    pub dim: String,
    pub positive: bool,
    pub bounds: Option<(f64, f64)>,
    pub weight: Option<f64>,
}

/// A positive indicator `id` in dimension `dim`.
pub fn pos(id: &str, dim: &str) -> Ind {
    Ind {
        id: id.into(),
        dim: dim.into(),
        positive: true,
        bounds: None,
        weight: None,
    }
}

/// A negative indicator `id` in dimension `dim`.
pub fn neg(id: &str, dim: &str) -> Ind {
    Ind {
        positive: false,
        ..pos(id, dim)
    }
}

impl Ind {
    pub fn bounds(mut self, lo: f64, hi: f64) -> Self {
        self.bounds = Some((lo, hi));
        self
    }

    pub fn weight(mut self, w: f64) -> Self {
        self.weight = Some(w);
        self
    }
}

/// A framework described in code, turned into TOML and parsed by [`Framework::parse`].
#[derive(Debug, Clone, Default)]
pub struct Fw {
    /// (id, optional weight β).
    pub circles: Vec<(String, Option<f64>)>,
    /// (id, circle id).
    pub dims: Vec<(String, String)>,
    pub inds: Vec<Ind>,
    /// (id, linked dimension ids).
    pub cms: Vec<(String, Vec<String>)>,
}

impl Fw {
    pub fn new() -> Self {
        Fw::default()
    }

    pub fn circle(mut self, id: &str) -> Self {
        self.circles.push((id.into(), None));
        self
    }

    pub fn weighted_circle(mut self, id: &str, w: f64) -> Self {
        self.circles.push((id.into(), Some(w)));
        self
    }

    pub fn dim(mut self, id: &str, circle: &str) -> Self {
        self.dims.push((id.into(), circle.into()));
        self
    }

    pub fn ind(mut self, ind: Ind) -> Self {
        self.inds.push(ind);
        self
    }

    pub fn cm(mut self, id: &str, dims: &[&str]) -> Self {
        self.cms
            .push((id.into(), dims.iter().map(|d| d.to_string()).collect()));
        self
    }

    /// The framework file's text.
    pub fn toml(&self) -> String {
        let mut s = String::from(
            "schema = 1\nid = \"test-fw\"\nname = \"Test framework\"\nversion = \"0.0.1\"\n",
        );
        for (id, w) in &self.circles {
            s += &format!("\n[[circles]]\nid = \"{id}\"\nname = \"Circle {id}\"\n");
            if let Some(w) = w {
                s += &format!("weight = {w:?}\n");
            }
        }
        for (id, c) in &self.dims {
            s += &format!(
                "\n[[dimensions]]\nid = \"{id}\"\ncircle = \"{c}\"\nname = \"Dim {id}\"\n"
            );
        }
        for i in &self.inds {
            s += &format!(
                "\n[[indicators]]\nid = \"{}\"\ndimension = \"{}\"\nname = \"Ind {}\"\nunit = \"u\"\ndirection = \"{}\"\n",
                i.id,
                i.dim,
                i.id,
                if i.positive { "positive" } else { "negative" }
            );
            if let Some((lo, hi)) = i.bounds {
                s += &format!("bounds = [{lo:?}, {hi:?}]\n");
            }
            if let Some(w) = i.weight {
                s += &format!("weight = {w:?}\n");
            }
        }
        for (id, dims) in &self.cms {
            let list: Vec<String> = dims.iter().map(|d| format!("\"{d}\"")).collect();
            s += &format!(
                "\n[[countermeasures]]\nid = \"{id}\"\ntitle = \"Measure {id}\"\ntext = \"Do {id}.\"\ndimensions = [{}]\n",
                list.join(", ")
            );
        }
        s
    }

    /// Parses the framework; panics with the rendered problems when it is invalid.
    pub fn build(&self) -> Framework {
        parse_fw(&self.toml())
    }
}

/// Parses a framework from TOML text, panicking with the rendered problems.
pub fn parse_fw(text: &str) -> Framework {
    Framework::parse("test.toml", text)
        .unwrap_or_else(|p| panic!("test framework invalid:\n{}\n{text}", render(&p)))
}

/// A data matrix from rows (labels o1, o2, ...).
pub fn data(rows: &[&[f64]]) -> DataMatrix {
    let n = rows.first().map_or(0, |r| r.len());
    assert!(rows.iter().all(|r| r.len() == n));
    DataMatrix {
        labels: (1..=rows.len()).map(|i| format!("o{i}")).collect(),
        n,
        values: rows.iter().flat_map(|r| r.iter().copied()).collect(),
    }
}

/// `|a - b| <= tol`, with a readable failure.
#[track_caller]
pub fn close(a: f64, b: f64, tol: f64) {
    assert!(
        (a - b).abs() <= tol,
        "{a} vs {b} (diff {}, tol {tol})",
        (a - b).abs()
    );
}

/// Element-wise [`close`].
#[track_caller]
pub fn close_all(a: &[f64], b: &[f64], tol: f64) {
    assert_eq!(a.len(), b.len(), "{a:?} vs {b:?}");
    for (x, y) in a.iter().zip(b) {
        assert!(
            (x - y).abs() <= tol,
            "{a:?} vs {b:?}: {x} vs {y} (tol {tol})"
        );
    }
}

/// Compares `expected` with `actual`: numbers within 1e-9, everything else exact, arrays in
/// order, objects by key (extra keys allowed, a missing key is a mismatch).
pub fn compare_json(expected: &Value, actual: &Value, path: &str, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (
                e.as_f64().unwrap_or(f64::NAN),
                a.as_f64().unwrap_or(f64::NAN),
            );
            if (e - a).abs() > 1e-9 {
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
                compare_json(e, a, &format!("{path}[{k}]"), errors);
            }
        }
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                match a.get(key) {
                    Some(av) => compare_json(ev, av, &format!("{path}.{key}"), errors),
                    None => errors.push(format!("{path}: missing key `{key}`")),
                }
            }
        }
        (e, a) if e == a => {}
        (e, a) => errors.push(format!("{path}: expected {e}, got {a}")),
    }
}
