//! The indicator system: circles → dimensions → indicators, and the countermeasures.
//!
//! A [`Framework`] is always valid once built: ids are unique, every reference resolves and is
//! stored as an index, so the engine never looks anything up by name.

use crate::diag::{Problem, SourceText};
use crate::model::framework_read::read_framework;
use crate::model::tomlwalk::{self, TableReader};

pub(crate) use crate::model::framework_read::check_schema;

/// Whether more of an indicator is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Positive,
    Negative,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Positive => "positive",
            Direction::Negative => "negative",
        }
    }
}

/// A subsystem of the ecosystem (core, sub-core, outer ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Circle {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    /// The contribution coefficient β as written (normalised in [`Framework::circle_weights`]).
    pub weight: Option<f64>,
}

/// A group of indicators inside one circle (e.g. the logistics platform).
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    pub id: String,
    pub circle: usize,
    pub name: String,
    pub name_zh: Option<String>,
}

/// One measurable quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub dimension: usize,
    pub circle: usize,
    pub name: String,
    pub name_zh: Option<String>,
    pub unit: String,
    pub unit_zh: Option<String>,
    pub direction: Direction,
    pub description: String,
    pub description_zh: Option<String>,
    pub source: String,
    pub source_zh: Option<String>,
    /// Reference bounds `[lower, upper]`, lower < upper.
    pub bounds: Option<(f64, f64)>,
    /// Subjective weight for fixed/combined weighting, ≥ 0.
    pub weight: Option<f64>,
    /// The integer Likert scale enterprises answer on, if any.
    pub scale: Option<(i64, i64)>,
    /// The smallest value that can exist (0 for a count).
    pub min: Option<f64>,
    /// The largest value that can exist (100 for a percent share).
    pub max: Option<f64>,
}

/// An improvement measure, tied to the weak dimensions it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Countermeasure {
    pub id: String,
    pub title: String,
    pub title_zh: Option<String>,
    pub text: String,
    pub text_zh: Option<String>,
    pub dimensions: Vec<usize>,
    /// The department that leads it.
    pub lead: Option<String>,
    pub lead_zh: Option<String>,
    /// Indices of the indicators it is meant to move.
    pub targets: Vec<usize>,
    /// Where the measure comes from (a paper, a policy document).
    pub source: Option<String>,
}

/// A complete, validated indicator system.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub version: String,
    pub circles: Vec<Circle>,
    pub dimensions: Vec<Dimension>,
    pub indicators: Vec<Indicator>,
    pub countermeasures: Vec<Countermeasure>,
    /// Indicator id → index, built on the first lookup: a framework may have 100,000
    /// indicators, and a survey looks each of them up.
    pub index: IdIndex,
}

/// A lookup table beside the indicator list. Every hit is checked against the list and every
/// miss is searched for in it, so a list changed after the table was built still answers right
/// (only more slowly). It takes no part in equality, and a clone starts without it.
#[derive(Default)]
pub struct IdIndex(std::sync::OnceLock<std::collections::HashMap<String, usize>>);

impl Clone for IdIndex {
    fn clone(&self) -> Self {
        IdIndex::default()
    }
}

impl PartialEq for IdIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdIndex")
    }
}

/// The embedded default framework's text.
pub const DEFAULT_FRAMEWORK_TOML: &str = include_str!("../../indicators/cbec-belt.toml");
/// The embedded default framework's id.
pub const DEFAULT_FRAMEWORK_ID: &str = "cbec-belt";

/// Every framework compiled into the binary, `(id, text)`, the default first. Older versions
/// stay embedded so that surveys written for them keep working offline.
pub const EMBEDDED_FRAMEWORKS: &[(&str, &str)] = &[
    (DEFAULT_FRAMEWORK_ID, DEFAULT_FRAMEWORK_TOML),
    (
        "cbec-belt-1",
        include_str!("../../indicators/cbec-belt-1.toml"),
    ),
];

impl Framework {
    /// A framework compiled into the binary, by id.
    pub fn embedded(id: &str) -> Option<Framework> {
        // Parsed once per process: every CSV or workbook read parses the default framework
        // (93 KB of TOML), and a file that does not fit it tries the others too.
        static PARSED: std::sync::OnceLock<Vec<Framework>> = std::sync::OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            (EMBEDDED_FRAMEWORKS.iter())
                .map(|(id, text)| {
                    Framework::parse(&format!("<embedded {id}>"), text)
                        .expect("the embedded frameworks are valid (checked by a test)")
                })
                .collect()
        });
        let k = EMBEDDED_FRAMEWORKS.iter().position(|(e, _)| *e == id)?;
        parsed.get(k).cloned()
    }

    /// Every embedded framework, the default first.
    pub fn all_embedded() -> Vec<Framework> {
        EMBEDDED_FRAMEWORKS
            .iter()
            .filter_map(|(id, _)| Framework::embedded(id))
            .collect()
    }

    /// The default framework.
    pub fn default_framework() -> Framework {
        Self::embedded(DEFAULT_FRAMEWORK_ID).expect("the default framework is embedded")
    }

    /// Parses and validates a framework file, reporting every problem.
    pub fn parse(name: &str, text: &str) -> Result<Framework, Vec<Problem>> {
        let src = SourceText::new(name, text);
        let root = tomlwalk::parse(&src)?;
        let mut problems = Vec::new();
        let mut r = TableReader::new(&src, root.get_ref(), root.span(), "the framework");
        let fw = read_framework(&mut r, &src, &mut problems);
        r.finish(&mut problems);
        match fw {
            Some(fw) if problems.is_empty() => Ok(fw),
            _ => Err(problems),
        }
    }

    /// Indices of the indicators of a dimension, in framework order.
    pub fn indicators_of_dimension(&self, d: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.indicators.len()).filter(move |&j| self.indicators[j].dimension == d)
    }

    /// Indices of the dimensions of a circle, in framework order.
    pub fn dimensions_of_circle(&self, c: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.dimensions.len()).filter(move |&d| self.dimensions[d].circle == c)
    }

    /// β: the circle weights normalised to sum 1 (equal when none are given).
    pub fn circle_weights(&self) -> Vec<f64> {
        let n = self.circles.len();
        let given: Option<Vec<f64>> = self.circles.iter().map(|c| c.weight).collect();
        match given {
            Some(w) => {
                let sum: f64 = w.iter().sum();
                w.iter().map(|x| x / sum).collect()
            }
            None => vec![1.0 / n as f64; n],
        }
    }

    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        let index = self.index.0.get_or_init(|| {
            (self.indicators.iter().enumerate())
                .map(|(k, ind)| (ind.id.clone(), k))
                .collect()
        });
        match index.get(id) {
            Some(&k) if self.indicators.get(k).is_some_and(|i| i.id == id) => Some(k),
            _ => self.indicators.iter().position(|i| i.id == id),
        }
    }

    pub fn dimension_index(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }
}

#[cfg(test)]
#[path = "framework_tests.rs"]
mod tests;
