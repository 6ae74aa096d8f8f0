//! Assessment data: observations (years, regions) with their indicator values.
//!
//! A [`Survey`] is what the user edits; it may be incomplete (the TUI fills it cell by cell).
//! [`Survey::matrix`] turns a complete survey into the dense matrix the engine needs.
//!
//! The TOML reader and writer are siblings here; CSV files and workbooks are read by the sheet
//! layer (`model::sheet`) and become a survey through [`SurveyDoc::from_table`].

use std::collections::HashSet;
use std::ops::Range;

use indexmap::IndexMap;

use crate::diag::{Problem, SourceText, did_you_mean};
use crate::model::file_kind::FileKind;
use crate::model::framework::Framework;
use crate::model::method::MethodSpec;
use crate::model::sheet::{Place, Table};

mod fit;
mod labels;
mod panel;
mod read_toml;
mod values;
mod write_toml;

pub use crate::textfmt::format_number;
pub use labels::{parse_labels, parse_labels_in};
pub use values::{Columns, Values};

/// One observation: a year, a region or a region-year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Observation {
    pub label: String,
    /// Indicator id → value, in the order they were written. Absent = missing.
    pub values: Values,
    /// A panel observation's region; set together with `period` on every observation or none.
    pub region: Option<String>,
    /// A panel observation's period (usually a year).
    pub period: Option<i64>,
}

/// A panel observation's region and period.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PanelKey {
    pub region: String,
    pub period: i64,
}

/// An assessment's data and settings, as stored in `surveys/*.toml`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Survey {
    /// An embedded framework id, or a path relative to the survey file.
    pub framework: String,
    pub title: String,
    pub region: Option<String>,
    pub method: MethodSpec,
    pub observations: Vec<Observation>,
}

/// Where things were in the file a survey came from, for problems found after parsing.
#[derive(Debug, Clone, Default)]
pub struct SurveySpans {
    pub framework: Option<Range<usize>>,
    pub labels: Vec<Range<usize>>,
    /// Per observation: indicator id → span of its key (TOML) or cell (CSV).
    pub values: Vec<IndexMap<String, Range<usize>>>,
    /// CSV only: header cell of each indicator id.
    pub columns: IndexMap<String, Range<usize>>,
    /// Cells that hold something that is not a number (already reported): (observation, id).
    /// They are not reported again as missing.
    pub invalid: Vec<(usize, String)>,
}

/// A survey read from a file, with what is needed to point at its places.
#[derive(Debug, Clone)]
pub struct SurveyDoc {
    pub name: String,
    pub text: String,
    pub survey: Survey,
    pub spans: SurveySpans,
    /// What the reader noticed without refusing the file ("decoded as GB18030").
    pub warnings: Vec<String>,
}

/// The dense data the engine works on: `values[i * n + j]` for observation i, indicator j
/// (framework order).
#[derive(Debug, Clone, PartialEq)]
pub struct DataMatrix {
    pub labels: Vec<String>,
    pub n: usize,
    pub values: Vec<f64>,
}

impl DataMatrix {
    pub fn m(&self) -> usize {
        self.labels.len()
    }

    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.n..(i + 1) * self.n]
    }
}

impl Survey {
    /// A blank survey for a framework, with the given observation labels.
    pub fn blank(framework_ref: &str, title: &str, labels: &[String]) -> Survey {
        Survey {
            framework: framework_ref.to_string(),
            title: title.to_string(),
            region: None,
            method: MethodSpec::default(),
            observations: labels
                .iter()
                .map(|l| Observation {
                    label: l.clone(),
                    ..Observation::default()
                })
                .collect(),
        }
    }

    /// The missing cells, as (observation index, indicator index), observation by observation.
    pub fn missing(&self, fw: &Framework) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, o) in self.observations.iter().enumerate() {
            for (j, ind) in fw.indicators.iter().enumerate() {
                if !o.values.contains_key(&ind.id) {
                    out.push((i, j));
                }
            }
        }
        out
    }

    /// The value of observation `i`, indicator `id`.
    pub fn value(&self, i: usize, id: &str) -> Option<f64> {
        self.observations.get(i)?.values.get(id).copied()
    }

    /// The dense matrix, or the missing values: one problem per observation that lacks any,
    /// naming the observation and every missing indicator id.
    pub fn matrix(&self, fw: &Framework, file: &str) -> Result<DataMatrix, Vec<Problem>> {
        self.matrix_except(fw, file, &[])
    }

    /// [`Survey::matrix`], leaving out of the problems the cells in `reported` (observation
    /// index, indicator id): values that were there but invalid, already reported as such.
    pub fn matrix_except(
        &self,
        fw: &Framework,
        file: &str,
        reported: &[(usize, String)],
    ) -> Result<DataMatrix, Vec<Problem>> {
        let n = fw.indicators.len();
        let m = self.observations.len();
        let values = vec![0.0; m * n];
        // A set: a large file can have a cell reported for every row.
        let reported: HashSet<(usize, &str)> =
            reported.iter().map(|(r, id)| (*r, id.as_str())).collect();
        let check = Check {
            fw,
            file,
            reported: &reported,
            // Only these can hold a value that cannot exist: the others need no check per cell.
            limited: (0..n).filter(|&j| fw.is_limited(j)).collect(),
        };
        let pieces = crate::par::pieces(m * n, 1 << 17);
        self.matrix_in_pieces(check, values, pieces)
    }

    /// [`Survey::matrix_except`] with the rows in `pieces` pieces side by side, each piece's
    /// problems in row order.
    fn matrix_in_pieces(
        &self,
        check: Check,
        mut values: Vec<f64>,
        pieces: usize,
    ) -> Result<DataMatrix, Vec<Problem>> {
        let (m, n) = (self.observations.len(), check.fw.indicators.len());
        let ranges = crate::par::ranges(m, pieces);
        let mut found: Vec<(Vec<Problem>, bool)> = vec![(Vec::new(), false); pieces];
        let parts = crate::par::split(&mut values, ranges.iter().map(|r| r.len() * n));
        let items: Vec<_> = (ranges.iter().cloned())
            .zip(parts)
            .zip(&mut found)
            .map(|((rows, piece), found)| (rows, piece, found))
            .collect();
        crate::par::for_each(items, |(rows, piece, found)| {
            *found = self.fill_rows(&check, rows, piece);
        });
        let incomplete = found.iter().any(|(_, incomplete)| *incomplete);
        let problems: Vec<Problem> = found.into_iter().flat_map(|(p, _)| p).collect();
        if incomplete || !problems.is_empty() {
            return Err(problems);
        }
        Ok(DataMatrix {
            labels: self.observations.iter().map(|o| o.label.clone()).collect(),
            n,
            values,
        })
    }

    /// Observations `rows` into `out` (their rows of the matrix, NaN where missing): the
    /// problems found, and whether a value is missing.
    fn fill_rows(
        &self,
        check: &Check,
        rows: std::ops::Range<usize>,
        out: &mut [f64],
    ) -> (Vec<Problem>, bool) {
        let Check {
            fw,
            file,
            reported,
            ref limited,
        } = *check;
        let n = fw.indicators.len();
        let mut problems = Vec::new();
        let mut incomplete = false;
        let mut shared = SharedColumns::default();
        let observations = &self.observations[rows.clone()];
        for ((i, o), row) in rows.zip(observations).zip(out.chunks_exact_mut(n.max(1))) {
            match shared.row(fw, &o.values) {
                Some((cells, at)) => {
                    for (x, k) in row.iter_mut().zip(at) {
                        *x = k.map_or(f64::NAN, |k| cells[k]);
                    }
                }
                None => {
                    for (x, ind) in row.iter_mut().zip(&fw.indicators) {
                        *x = o.values.get(&ind.id).copied().unwrap_or(f64::NAN);
                    }
                }
            }
            for &j in limited {
                if !row[j].is_nan() {
                    problems.extend(fw.bad_value(file, &o.label, j, row[j]));
                }
            }
            let mut missing = Vec::new();
            for (ind, x) in fw.indicators.iter().zip(&*row) {
                if x.is_nan() {
                    incomplete = true;
                    if !reported.contains(&(i, ind.id.as_str())) {
                        missing.push(ind.id.as_str());
                    }
                }
            }
            match missing.as_slice() {
                [] => {}
                [id] => problems.push(
                    Problem::at_value(file, &o.label, id, "missing value")
                        .help(format!("enter the value of `{id}` for `{}`", o.label)),
                ),
                ids => problems.push(
                    Problem::in_file(
                        file,
                        format!(
                            "observation `{}` is missing {} of {n} values: {}",
                            o.label,
                            ids.len(),
                            ids.join(", ")
                        ),
                    )
                    .help(
                        "enter them (`beltscope tui FILE` guides you), or remove the observation",
                    ),
                ),
            }
        }
        (problems, incomplete)
    }
}

/// What every piece of rows of [`Survey::matrix_except`] checks against.
struct Check<'a> {
    fw: &'a Framework,
    file: &'a str,
    reported: &'a HashSet<(usize, &'a str)>,
    limited: Vec<usize>,
}

/// Where each framework indicator sits in a shared block of rows, worked out once per block,
/// so a matrix of millions of cells is built without a lookup per cell.
#[derive(Default)]
struct SharedColumns {
    block: Option<std::sync::Arc<Columns>>,
    at: Vec<Option<usize>>,
}

impl SharedColumns {
    /// The row's cells and, per framework indicator, its column; `None` for a map.
    fn row<'a>(
        &mut self,
        fw: &Framework,
        values: &'a Values,
    ) -> Option<(&'a [f64], &[Option<usize>])> {
        let (columns, row) = values.shared_row()?;
        if !self
            .block
            .as_ref()
            .is_some_and(|b| std::sync::Arc::ptr_eq(b, columns))
        {
            self.at = (fw.indicators.iter())
                .map(|ind| columns.position(&ind.id))
                .collect();
            self.block = Some(columns.clone());
        }
        Some((columns.row(row), &self.at))
    }
}

impl SurveyDoc {
    /// Reads a survey from TOML text, or from CSV text (by the name's extension) against the
    /// embedded framework. Files on disk go through `files::load_input`, which also reads
    /// workbooks and other frameworks.
    pub fn parse(name: &str, text: &str) -> Result<SurveyDoc, Vec<Problem>> {
        match Self::parse_lenient(name, text) {
            (Some(doc), problems) if problems.is_empty() => Ok(doc),
            (_, problems) => Err(problems),
        }
    }

    /// Reads as much as can be read: the document (unless the syntax is broken) together with
    /// every problem found, so callers can go on checking it against its framework and report
    /// everything at once.
    pub fn parse_lenient(name: &str, text: &str) -> (Option<SurveyDoc>, Vec<Problem>) {
        if FileKind::of_name(name) != FileKind::Csv {
            return read_toml::parse_toml(name, text);
        }
        let fw = Framework::default_framework();
        let input = crate::model::sheet::Input::Bytes {
            name,
            bytes: text.as_bytes(),
        };
        match crate::model::sheet::read_table(input, &fw, None) {
            (Some(t), problems, _) => (Some(Self::from_table(t, &fw, &fw.id)), problems),
            (None, problems, _) => (None, problems),
        }
    }

    /// A survey read by the sheet layer (CSV or workbook), for framework `framework_ref`.
    ///
    /// The file's text is not kept: the sheet layer has already reported every problem of
    /// the file with its place, and what is found later (a missing or impossible value) names
    /// the observation and indicator. A province's panel is then not held twice.
    pub fn from_table(table: Table, fw: &Framework, framework_ref: &str) -> SurveyDoc {
        let span = |p: &Place| match p {
            Place::Span(s) => s.clone(),
            Place::Cell { .. } => 0..0,
        };
        let spans = SurveySpans {
            framework: None,
            labels: table.label_places.iter().map(span).collect(),
            values: Vec::new(),
            columns: table
                .indicators
                .iter()
                .map(|&i| (fw.indicators[i].id.clone(), 0..0))
                .collect(),
            invalid: Self::unreported(&table, fw),
        };
        let name = table.source.name().to_string();
        let warnings = table.warnings.clone();
        let mut survey = table.into_survey(fw);
        survey.framework = framework_ref.to_string();
        SurveyDoc {
            name,
            text: String::new(),
            survey,
            spans,
            warnings,
        }
    }

    /// The cells of a table not to report as missing: those already reported as unreadable and,
    /// after a header problem, every cell of an indicator without a column.
    fn unreported(table: &Table, fw: &Framework) -> Vec<(usize, String)> {
        let id = |i: usize| fw.indicators[i].id.clone();
        let mut out: Vec<(usize, String)> = (table.unreadable.iter())
            .map(|&(r, c)| (r, id(table.indicators[c])))
            .collect();
        if !table.header_ok {
            let absent: Vec<usize> = (0..fw.indicators.len())
                .filter(|i| !table.indicators.contains(i))
                .collect();
            for r in 0..table.labels.len() {
                out.extend(absent.iter().map(|&i| (r, id(i))));
            }
        }
        out
    }

    /// Checks the values against a framework: every key must be a known indicator. A survey
    /// whose ids are another embedded framework's gets one problem saying so, and only the ids
    /// that framework does not know either are reported one by one.
    pub fn check_against(&self, fw: &Framework) -> Vec<Problem> {
        let src = SourceText::new(&self.name, &self.text);
        let ids: Vec<&str> = fw.indicators.iter().map(|i| i.id.as_str()).collect();
        let mut problems = Vec::new();
        let fit = self.other_fit(fw);
        if let Some(fit) = &fit {
            problems.push(self.other_fit_problem(fw, fit));
        }
        let unknown = |id: &str| {
            fw.indicator_index(id).is_none()
                && fit
                    .as_ref()
                    .is_none_or(|f| f.framework.indicator_index(id).is_none())
        };
        let problem = |id: &str, span: Range<usize>| {
            let mut p = src.problem(
                span,
                format!("`{id}` is not an indicator of framework `{}`", fw.id),
            );
            p = match did_you_mean(id, ids.iter().copied()) {
                Some(s) => p.help(format!("did you mean `{s}`?")),
                None => p.help(
                    "check the id against `beltscope framework`, or pass the right `--framework`",
                ),
            };
            p
        };
        if self.spans.columns.is_empty() {
            for (i, o) in self.survey.observations.iter().enumerate() {
                for id in o.values.keys() {
                    if unknown(id) {
                        let span = self
                            .spans
                            .values
                            .get(i)
                            .and_then(|m| m.get(id))
                            .cloned()
                            .unwrap_or(0..0);
                        problems.push(problem(id, span));
                    }
                }
            }
        } else {
            for (id, span) in &self.spans.columns {
                if unknown(id) {
                    problems.push(problem(id, span.clone()));
                }
            }
        }
        problems
    }

    /// The dense matrix, with missing values reported at the observation and indicator.
    pub fn matrix(&self, fw: &Framework) -> Result<DataMatrix, Vec<Problem>> {
        self.survey
            .matrix_except(fw, &self.name, &self.spans.invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::method::CouplingModel;

    #[test]
    fn pieces_of_rows_give_the_same_matrix_and_problems_in_the_same_order() {
        let fw = Framework::default_framework();
        let ids: Vec<&str> = fw.indicators.iter().map(|i| i.id.as_str()).collect();
        let mut text = format!("label,{}\n", ids.join(","));
        for r in 0..23 {
            let cells: Vec<String> = (0..ids.len())
                .map(|j| match (r * 7 + j) % 29 {
                    // A gap here and there, and a value no indicator with limits can take.
                    0 => String::new(),
                    1 => "-5".into(),
                    k => format!("{}", 1 + k % 4),
                })
                .collect();
            text.push_str(&format!("r{r},{}\n", cells.join(",")));
        }
        let doc = SurveyDoc::parse("t.csv", &text).expect("a plain CSV");
        let s = &doc.survey;
        let reported = [(3, ids[2].to_string())];
        let run = |pieces| {
            let reported: HashSet<(usize, &str)> =
                reported.iter().map(|(r, id)| (*r, id.as_str())).collect();
            let check = Check {
                fw: &fw,
                file: "t.csv",
                reported: &reported,
                limited: (0..ids.len()).filter(|&j| fw.is_limited(j)).collect(),
            };
            s.matrix_in_pieces(check, vec![0.0; 23 * ids.len()], pieces)
        };
        let one = run(1);
        let problems = one.as_ref().expect_err("gaps and bad values");
        assert!(problems.len() > 23, "{}", problems.len());
        for pieces in [2, 5, 23] {
            assert_eq!(run(pieces), one, "{pieces} pieces");
        }
    }

    const SAMPLE: &str = r#"schema = 1
framework = "cbec-belt"
title = "示例 \"quoted\""
region = "Somewhere"

[method]
coupling = "corrected"
interval = [0.002, 0.998]

[[observations]]
label = "2019"
[observations.values]
b = 14
a = 0.1
c = 1e-7

[[observations]]
label = "2020"
[observations.values]
a = 12345678.125
"#;

    #[test]
    fn toml_round_trips_exactly_and_keeps_order() {
        let doc = SurveyDoc::parse("s.toml", SAMPLE).unwrap();
        let s = &doc.survey;
        assert_eq!(
            s.observations[0].values.keys().collect::<Vec<_>>(),
            ["b", "a", "c"]
        );
        let text = s.to_toml();
        let again = SurveyDoc::parse("s.toml", &text).unwrap();
        assert_eq!(&again.survey, s);
        assert_eq!(again.survey.to_toml(), text);
        assert_eq!(s.method.coupling, Some(CouplingModel::Corrected));
    }

    #[test]
    fn saving_over_the_file_keeps_comments_and_layout() {
        let original = "# Header comment: where the data come from\nschema = 1\nframework = \"cbec-belt\"\ntitle = \"T\"\n\n# 2019 from the yearbook\n[[observations]]\nlabel = \"2019\"\n[observations.values]\na = 1.50 # checked\nb = 2\n\n[[observations]]\nlabel = \"2020\"\n[observations.values]\na = 3\n";
        let mut s = SurveyDoc::parse("s.toml", original).unwrap().survey;
        // Unchanged: byte for byte.
        assert_eq!(s.to_toml_over(original), original);
        s.observations[0].values.insert("a".into(), 1.75);
        s.observations[1].values.shift_remove("a");
        s.observations.push(Observation {
            label: "2021".into(),
            values: [("b".to_string(), 0.1)].into_iter().collect(),
            ..Observation::default()
        });
        s.method.coupling = Some(CouplingModel::Corrected);
        let text = s.to_toml_over(original);
        assert!(
            text.starts_with("# Header comment: where the data come from\n"),
            "{text}"
        );
        assert!(text.contains("# 2019 from the yearbook"), "{text}");
        assert!(text.contains("a = 1.75 # checked"), "{text}");
        let again = SurveyDoc::parse("s.toml", &text).unwrap().survey;
        assert_eq!(again, s);
    }

    #[test]
    fn numbers_print_exactly() {
        for x in [
            0.1,
            1e-7,
            1e20,
            14.0,
            -3.5,
            0.30000000000000004,
            123456789012345.0,
        ] {
            let s = format_number(x);
            let back: toml::Value = toml::from_str(&format!("x = {s}")).unwrap();
            let y = back["x"]
                .as_float()
                .or(back["x"].as_integer().map(|i| i as f64));
            assert_eq!(y, Some(x), "{s}");
        }
    }

    #[test]
    fn integer_labels_are_read_as_text() {
        let text = "title = \"t\"\n[[observations]]\nlabel = 2019\n";
        let doc = SurveyDoc::parse("s.toml", text).unwrap();
        assert_eq!(doc.survey.observations[0].label, "2019");
    }

    #[test]
    fn reports_every_bad_value_at_once() {
        let text = "title = \"t\"\n[[observations]]\nlabel = \"a\"\n[observations.values]\nx = \"12,5\"\ny = nan\n[[observations]]\nlabel = \"a\"\n";
        let problems = SurveyDoc::parse("s.toml", text).unwrap_err();
        let places: Vec<String> = problems.iter().filter_map(|p| p.place()).collect();
        assert_eq!(
            places,
            ["s.toml:5:5", "s.toml:6:5", "s.toml:8:9"],
            "{problems:#?}"
        );
    }
}
