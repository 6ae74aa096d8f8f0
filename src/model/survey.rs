//! Assessment data: observations (years, regions) with their indicator values.
//!
//! A [`Survey`] is what the user edits; it may be incomplete (the TUI fills it cell by cell).
//! [`Survey::matrix`] turns a complete survey into the dense matrix the engine needs.

use std::ops::Range;

use indexmap::IndexMap;

use crate::diag::{Problem, SourceText, did_you_mean};
use crate::engine::{CouplingModel, Impute, MethodSpec, Normalization, ObstacleBasis, Weighting};
use crate::model::framework::{DEFAULT_FRAMEWORK_ID, Framework, check_schema};
use crate::model::tomlwalk::{self, TableReader};

/// One observation: a year, a region or a region-year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Observation {
    pub label: String,
    /// Indicator id → value, in the order they were written. Absent = missing.
    pub values: IndexMap<String, f64>,
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
                    values: IndexMap::new(),
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
        let mut values = Vec::with_capacity(self.observations.len() * n);
        let mut problems = Vec::new();
        let mut incomplete = false;
        for (i, o) in self.observations.iter().enumerate() {
            let mut missing = Vec::new();
            for (j, ind) in fw.indicators.iter().enumerate() {
                match o.values.get(&ind.id) {
                    Some(v) => {
                        values.push(*v);
                        problems.extend(fw.bad_value(file, &o.label, j, *v));
                    }
                    None => {
                        incomplete = true;
                        if !reported.iter().any(|(r, id)| *r == i && *id == ind.id) {
                            missing.push(ind.id.as_str());
                        }
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
        if incomplete || !problems.is_empty() {
            return Err(problems);
        }
        Ok(DataMatrix {
            labels: self.observations.iter().map(|o| o.label.clone()).collect(),
            n,
            values,
        })
    }

    /// The survey as TOML: observations and values in their order, every value exact.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        out.push_str("schema = 1\n");
        out.push_str(&format!("framework = {}\n", quote(&self.framework)));
        out.push_str(&format!("title = {}\n", quote(&self.title)));
        if let Some(region) = &self.region {
            out.push_str(&format!("region = {}\n", quote(region)));
        }
        let m = &self.method;
        let mut method = String::new();
        if let Some(x) = m.normalization {
            method.push_str(&format!("normalization = \"{}\"\n", x.as_str()));
        }
        if let Some(x) = m.weighting {
            method.push_str(&format!("weighting = \"{}\"\n", x.as_str()));
        }
        if let Some(x) = m.shift {
            method.push_str(&format!("shift = {}\n", format_number(x)));
        }
        if let Some((lo, hi)) = m.interval {
            method.push_str(&format!(
                "interval = [{}, {}]\n",
                format_number(lo),
                format_number(hi)
            ));
        }
        if let Some(x) = m.coupling {
            method.push_str(&format!("coupling = \"{}\"\n", x.as_str()));
        }
        if let Some(x) = m.top {
            method.push_str(&format!("top = {x}\n"));
        }
        if let Some(x) = m.obstacles {
            method.push_str(&format!("obstacles = \"{}\"\n", x.as_str()));
        }
        if let Some(x) = m.impute {
            method.push_str(&format!("impute = \"{}\"\n", x.as_str()));
        }
        if let Some(x) = &m.focus {
            method.push_str(&format!("focus = {}\n", quote(x)));
        }
        if !method.is_empty() {
            out.push_str("\n[method]\n");
            out.push_str(&method);
        }
        for o in &self.observations {
            out.push_str("\n[[observations]]\n");
            out.push_str(&format!("label = {}\n", quote(&o.label)));
            out.push_str("[observations.values]\n");
            for (k, v) in &o.values {
                out.push_str(&format!("{k} = {}\n", format_number(*v)));
            }
        }
        out
    }
}

impl Survey {
    /// The survey as TOML written over `original` (the file's current text): comments,
    /// blank lines and key order of the original stay where they were; only what changed is
    /// rewritten. Observations are matched by label, so a renamed or new observation gets a
    /// fresh table. Falls back to [`Survey::to_toml`] when `original` is not valid TOML.
    pub fn to_toml_over(&self, original: &str) -> String {
        use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};
        let Ok(mut doc) = original.parse::<DocumentMut>() else {
            return self.to_toml();
        };
        let value = |text: &str| -> Item {
            text.parse::<toml_edit::Value>()
                .map(Item::Value)
                .unwrap_or_else(|_| toml_edit::value(text))
        };
        // Replaces a value only when it differs, so untouched lines keep their formatting.
        fn set(table: &mut Table, key: &str, new: Item) {
            let number = |v: &toml_edit::Value| {
                v.as_float()
                    .or_else(|| v.as_integer().map(|i| i as f64))
                    .map(f64::to_bits)
            };
            let same = match (table.get(key).and_then(Item::as_value), new.as_value()) {
                (Some(a), Some(b)) => match (number(a), number(b)) {
                    (Some(x), Some(y)) => x == y,
                    _ => a.to_string().trim() == b.to_string().trim(),
                },
                _ => false,
            };
            if !same {
                match table.get_mut(key).and_then(Item::as_value_mut) {
                    Some(slot) => {
                        let decor = slot.decor().clone();
                        if let Ok(v) = new.into_value() {
                            *slot = v;
                            *slot.decor_mut() = decor;
                        }
                    }
                    None => {
                        table.insert(key, new);
                    }
                }
            }
        }
        let root = doc.as_table_mut();
        set(root, "framework", toml_edit::value(self.framework.as_str()));
        set(root, "title", toml_edit::value(self.title.as_str()));
        match &self.region {
            Some(r) => set(root, "region", toml_edit::value(r.as_str())),
            None => {
                root.remove("region");
            }
        }
        let m = &self.method;
        let method: Vec<(&str, Option<Item>)> = vec![
            (
                "normalization",
                m.normalization.map(|x| toml_edit::value(x.as_str())),
            ),
            (
                "weighting",
                m.weighting.map(|x| toml_edit::value(x.as_str())),
            ),
            ("shift", m.shift.map(|x| value(&format_number(x)))),
            (
                "interval",
                m.interval.map(|(lo, hi)| {
                    value(&format!("[{}, {}]", format_number(lo), format_number(hi)))
                }),
            ),
            ("coupling", m.coupling.map(|x| toml_edit::value(x.as_str()))),
            ("top", m.top.map(|x| value(&x.to_string()))),
            (
                "obstacles",
                m.obstacles.map(|x| toml_edit::value(x.as_str())),
            ),
            ("impute", m.impute.map(|x| toml_edit::value(x.as_str()))),
            (
                "focus",
                m.focus.as_ref().map(|x| toml_edit::value(x.as_str())),
            ),
        ];
        if method.iter().all(|(_, v)| v.is_none()) {
            root.remove("method");
        } else {
            if !root.get("method").is_some_and(Item::is_table) {
                root.insert("method", Item::Table(Table::new()));
            }
            if let Some(t) = root.get_mut("method").and_then(Item::as_table_mut) {
                for (key, v) in method {
                    match v {
                        Some(v) => set(t, key, v),
                        None => {
                            t.remove(key);
                        }
                    }
                }
            }
        }
        let mut old: Vec<Option<Table>> = root
            .get("observations")
            .and_then(Item::as_array_of_tables)
            .map(|a| a.iter().cloned().map(Some).collect())
            .unwrap_or_default();
        let mut observations = ArrayOfTables::new();
        for o in &self.observations {
            let reused = old.iter_mut().find(|t| {
                t.as_ref().and_then(|t| t.get("label")).and_then(|l| {
                    l.as_str()
                        .map(str::to_string)
                        .or_else(|| l.as_integer().map(|i| i.to_string()))
                }) == Some(o.label.clone())
            });
            let mut table = reused.and_then(Option::take).unwrap_or_default();
            set(&mut table, "label", toml_edit::value(o.label.as_str()));
            if !table.get("values").is_some_and(Item::is_table) {
                table.insert("values", Item::Table(Table::new()));
            }
            if let Some(values) = table.get_mut("values").and_then(Item::as_table_mut) {
                let stale: Vec<String> = values
                    .iter()
                    .map(|(k, _)| k.to_string())
                    .filter(|k| !o.values.contains_key(k))
                    .collect();
                for k in stale {
                    values.remove(&k);
                }
                for (k, v) in &o.values {
                    set(values, k, value(&format_number(*v)));
                }
            }
            observations.push(table);
        }
        root.insert("observations", Item::ArrayOfTables(observations));
        doc.to_string()
    }
}

/// A TOML basic string with escapes.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Shortest text that reads back as exactly the same f64 (integers without `.0`).
pub fn format_number(x: f64) -> String {
    // -0.0 is written `-0.0`: an integer `-0` would read back as +0.
    if x.fract() == 0.0 && x.abs() < 1e15 && !(x == 0.0 && x.is_sign_negative()) {
        format!("{}", x as i64)
    } else {
        format!("{x:?}")
    }
}

impl SurveyDoc {
    /// Reads a survey from TOML or CSV text (chosen by the file name's extension).
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
        if name.to_ascii_lowercase().ends_with(".csv") {
            crate::model::csv::parse_survey(name, text)
        } else {
            parse_toml(name, text)
        }
    }

    /// Checks the values against a framework: every key must be a known indicator.
    pub fn check_against(&self, fw: &Framework) -> Vec<Problem> {
        let src = SourceText::new(&self.name, &self.text);
        let ids: Vec<&str> = fw.indicators.iter().map(|i| i.id.as_str()).collect();
        let mut problems = Vec::new();
        let unknown = |id: &str, span: Range<usize>| {
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
                    if fw.indicator_index(id).is_none() {
                        let span = self
                            .spans
                            .values
                            .get(i)
                            .and_then(|m| m.get(id))
                            .cloned()
                            .unwrap_or(0..0);
                        problems.push(unknown(id, span));
                    }
                }
            }
        } else {
            for (id, span) in &self.spans.columns {
                if fw.indicator_index(id).is_none() {
                    problems.push(unknown(id, span.clone()));
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

fn parse_toml(name: &str, text: &str) -> (Option<SurveyDoc>, Vec<Problem>) {
    let src = SourceText::new(name, text);
    let root = match tomlwalk::parse(&src) {
        Ok(root) => root,
        Err(problems) => return (None, problems),
    };
    let mut problems = Vec::new();
    let mut r = TableReader::new(&src, root.get_ref(), root.span(), "the survey");
    check_schema(&mut r, &mut problems);
    let mut spans = SurveySpans::default();
    let framework = match r.opt_string("framework", &mut problems) {
        Some(f) => {
            spans.framework = Some(f.span());
            f.into_inner()
        }
        None => DEFAULT_FRAMEWORK_ID.to_string(),
    };
    let title = r.string("title", &mut problems).map(|s| s.into_inner());
    let region = r
        .opt_string("region", &mut problems)
        .map(|s| s.into_inner());
    let method = match r.table("method", "the [method] table", &mut problems) {
        Some(mut t) => {
            let m = read_method(&mut t, &mut problems);
            t.finish(&mut problems);
            m
        }
        None => MethodSpec::default(),
    };
    let mut observations = Vec::new();
    let mut seen_labels: IndexMap<String, ()> = IndexMap::new();
    for mut t in r.tables("observations", "an observation", &mut problems) {
        // `label = 2019` is read as the text "2019": years are what people type.
        let label = match t
            .node("label")
            .map(|n| (n.span(), n.get_ref().as_integer()))
        {
            Some((span, Some(year))) => Some(toml::Spanned::new(span, year.as_str().to_string())),
            _ => t.string("label", &mut problems),
        };
        let mut obs = Observation::default();
        let mut value_spans = IndexMap::new();
        let label_span = label.as_ref().map_or(t.head(), |l| l.span());
        if let Some(l) = label {
            let l_text = l.get_ref().trim();
            if l_text.is_empty() {
                problems.push(
                    src.problem(l.span(), "an observation label is empty")
                        .help("label each observation, e.g. `label = \"2019\"` or a region name"),
                );
            } else if seen_labels.insert(l_text.to_string(), ()).is_some() {
                problems.push(
                    src.problem(l.span(), format!("duplicate observation label `{l_text}`"))
                        .help("labels must be unique: rename or merge the observations"),
                );
            }
            obs.label = l_text.to_string();
        }
        if let Some(v) = t.table("values", "the values of an observation", &mut problems) {
            for (key, node) in v.table.iter() {
                let id = key.get_ref().to_string();
                if let Some(x) = tomlwalk::number(&src, &id, node, &mut problems) {
                    value_spans.insert(id.clone(), key.span());
                    obs.values.insert(id, x.into_inner());
                } else {
                    spans.invalid.push((observations.len(), id));
                }
            }
        }
        t.finish(&mut problems);
        spans.labels.push(label_span);
        spans.values.push(value_spans);
        observations.push(obs);
    }
    r.finish(&mut problems);
    let doc = SurveyDoc {
        name: name.to_string(),
        text: text.to_string(),
        survey: Survey {
            framework,
            title: title.unwrap_or_default(),
            region,
            method,
            observations,
        },
        spans,
    };
    (Some(doc), problems)
}

fn read_method(t: &mut TableReader<'_, '_>, problems: &mut Vec<Problem>) -> MethodSpec {
    let src = t.src;
    let mut spec = MethodSpec::default();
    let bad = |span: Range<usize>, key: &str, value: &str, allowed: &str| {
        src.problem(
            span,
            format!("`{key} = \"{value}\"` is not a known setting"),
        )
        .help(format!("use one of: {allowed}"))
    };
    if let Some(s) = t.opt_string("normalization", problems) {
        spec.normalization = Normalization::parse(s.get_ref());
        if spec.normalization.is_none() {
            problems.push(bad(
                s.span(),
                "normalization",
                s.get_ref(),
                "range, reference",
            ));
        }
    }
    if let Some(s) = t.opt_string("weighting", problems) {
        spec.weighting = Weighting::parse(s.get_ref());
        if spec.weighting.is_none() {
            problems.push(bad(
                s.span(),
                "weighting",
                s.get_ref(),
                "entropy, fixed, combined",
            ));
        }
    }
    if let Some(s) = t.opt_string("coupling", problems) {
        spec.coupling = CouplingModel::parse(s.get_ref());
        if spec.coupling.is_none() {
            problems.push(bad(s.span(), "coupling", s.get_ref(), "classic, corrected"));
        }
    }
    if let Some(s) = t.opt_string("obstacles", problems) {
        spec.obstacles = ObstacleBasis::parse(s.get_ref());
        if spec.obstacles.is_none() {
            problems.push(bad(s.span(), "obstacles", s.get_ref(), "global, composite"));
        }
    }
    if let Some(s) = t.opt_string("impute", problems) {
        spec.impute = Impute::parse(s.get_ref());
        if spec.impute.is_none() {
            let allowed = "none, interpolate, mean";
            problems.push(bad(s.span(), "impute", s.get_ref(), allowed));
        }
    }
    if let Some(x) = t.opt_number("shift", problems) {
        if *x.get_ref() < 0.0 {
            problems.push(
                src.problem(x.span(), "the shift must be ≥ 0")
                    .help("use `shift = 0` (default) or a small positive number like 0.01"),
            );
        } else {
            spec.shift = Some(*x.get_ref());
        }
    }
    if let Some(iv) = t.opt_numbers("interval", problems) {
        match crate::engine::check_interval(iv.get_ref()) {
            Ok(pair) => spec.interval = Some(pair),
            Err(msg) => problems.push(
                src.problem(iv.span(), msg)
                    .help("write `interval = [LO, HI]` with 0 ≤ LO < HI ≤ 1, e.g. [0.002, 0.998]"),
            ),
        }
    }
    if let Some(x) = t.opt_number("top", problems) {
        let v = *x.get_ref();
        if v < 0.0 || v.fract() != 0.0 {
            problems.push(
                src.problem(x.span(), "`top` must be a whole number ≥ 0")
                    .help("e.g. `top = 3`"),
            );
        } else {
            spec.top = Some(v as usize);
        }
    }
    if let Some(s) = t.opt_string("focus", problems) {
        spec.focus = Some(s.into_inner());
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;

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
