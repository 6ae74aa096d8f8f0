//! Surveys from TOML: `[method]` through the settings table, observations with their places.

use std::collections::HashMap;
use std::ops::Range;

use indexmap::IndexMap;
use toml::Spanned;

use crate::diag::{Problem, SourceText};
use crate::model::framework::{DEFAULT_FRAMEWORK_ID, check_schema};
use crate::model::method::MethodSpec;
use crate::model::settings::SETTINGS;
use crate::model::sheet::number::parse_text_number;
use crate::model::survey::{Observation, Survey, SurveyDoc, SurveySpans};
use crate::model::tomlwalk::{self, Node, TableReader};

pub(super) fn parse_toml(name: &str, text: &str) -> (Option<SurveyDoc>, Vec<Problem>) {
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
    let mut keys: Vec<PanelPlace> = Vec::new();
    for mut t in r.tables("observations", "an observation", &mut problems) {
        let mut obs = Observation::default();
        let region = read_region(&mut t, &mut problems);
        let period = read_period(&mut t, &mut problems);
        obs.region = region.as_ref().map(|r| r.get_ref().clone());
        obs.period = period.as_ref().map(|p| *p.get_ref());
        let has_label = t.table.contains_key("label");
        // `label = 2019` is read as the text "2019": years are what people type.
        let label = match t
            .node("label")
            .map(|n| (n.span(), n.get_ref().as_integer()))
        {
            Some((span, Some(year))) => Some(toml::Spanned::new(span, year.as_str().to_string())),
            // A panel observation may leave its label out: it is "<region> <period>".
            None if region.is_some() && period.is_some() => obs
                .region
                .as_ref()
                .zip(obs.period)
                .map(|(r, p)| toml::Spanned::new(t.head(), format!("{r} {p}"))),
            _ => t.string("label", &mut problems),
        };
        let mut value_spans = IndexMap::new();
        let label_span = label.as_ref().map_or(t.head(), |l| l.span());
        if let Some(l) = label {
            let l_text = l.get_ref().trim();
            if l_text.is_empty() {
                problems.push(
                    src.problem(l.span(), "an observation label is empty")
                        .help("label each observation, e.g. `label = \"2019\"` or a region name"),
                );
            } else if seen_labels.insert(l_text.to_string(), ()).is_some() && has_label {
                problems.push(
                    src.problem(l.span(), format!("duplicate observation label `{l_text}`"))
                        .help("labels must be unique: rename or merge the observations"),
                );
            }
            obs.label = l_text.to_string();
        }
        keys.push(PanelPlace {
            head: t.head(),
            region: region.clone(),
            period: period.clone(),
        });
        if let Some(v) = t.table("values", "the values of an observation", &mut problems) {
            for (key, node) in v.table.iter() {
                let id = key.get_ref().to_string();
                if let Some(x) = value(&src, &id, node, &mut problems) {
                    value_spans.insert(id.clone(), key.span());
                    obs.values.insert(id, x);
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
    panel_rules(&src, &keys, &mut problems);
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
        warnings: Vec::new(),
    };
    (Some(doc), problems)
}

/// Reads `[method]`: every setting of the table, each reporting its own bad value.
fn read_method(t: &mut TableReader<'_, '_>, problems: &mut Vec<Problem>) -> MethodSpec {
    let mut spec = MethodSpec::default();
    for s in SETTINGS {
        (s.read_toml)(t, &mut spec, problems);
    }
    spec
}

/// Where an observation's panel keys were written, for the all-or-none and uniqueness rules.
struct PanelPlace {
    head: Range<usize>,
    region: Option<Spanned<String>>,
    period: Option<Spanned<i64>>,
}

/// An observation's `region`: a non-empty string.
fn read_region(
    t: &mut TableReader<'_, '_>,
    problems: &mut Vec<Problem>,
) -> Option<Spanned<String>> {
    let r = t.opt_string("region", problems)?;
    if r.get_ref().trim().is_empty() {
        problems.push(
            t.src
                .problem(r.span(), "the region is empty")
                .help("write the region's name, e.g. `region = \"南通\"`"),
        );
        return None;
    }
    Some(Spanned::new(r.span(), r.get_ref().trim().to_string()))
}

/// An observation's `period`: an integer, usually a year.
fn read_period(t: &mut TableReader<'_, '_>, problems: &mut Vec<Problem>) -> Option<Spanned<i64>> {
    let n = t.node("period")?;
    let v = n.get_ref();
    let parsed = match (v.as_integer(), v.as_str()) {
        (Some(i), _) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok(),
        (None, Some(s)) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    if parsed.is_none() {
        problems.push(
            t.src
                .problem(n.span(), "`period` must be an integer")
                .help("write the year without quotes, e.g. `period = 2023`"),
        );
    }
    parsed.map(|p| Spanned::new(n.span(), p))
}

/// Either every observation has both `region` and `period` or none has either; the pairs are
/// unique.
fn panel_rules(src: &SourceText<'_>, keys: &[PanelPlace], problems: &mut Vec<Problem>) {
    if keys
        .iter()
        .all(|k| k.region.is_none() && k.period.is_none())
    {
        return;
    }
    let mut seen: HashMap<(String, i64), usize> = HashMap::new();
    for k in keys {
        let (Some(r), Some(p)) = (&k.region, &k.period) else {
            let missing = match (&k.region, &k.period) {
                (Some(_), None) => "a `period`",
                (None, Some(_)) => "a `region`",
                _ => "`region` and `period`",
            };
            problems.push(
                src.problem(k.head.clone(), format!("this observation has no {missing}, but others have"))
                    .help("in a panel every observation has both `region = \"...\"` and `period = 2023`; in a plain survey none has"),
            );
            continue;
        };
        let key = (r.get_ref().clone(), *p.get_ref());
        if let Some(first) = seen.get(&key) {
            let line = src.text[..*first].matches('\n').count() + 1;
            problems.push(
                src.problem(
                    r.span(),
                    format!(
                        "region `{}` has period {} twice (also on line {line})",
                        key.0, key.1
                    ),
                )
                .help("(region, period) pairs must be unique: merge the two observations"),
            );
        } else {
            seen.insert(key, r.span().start);
        }
    }
}

/// A value: a TOML number, or a quoted number as a spreadsheet would show it (`"1,234"`,
/// `"１２．５"`, `"12。5"`), read by the same rules as a spreadsheet cell.
fn value(
    src: &SourceText<'_>,
    id: &str,
    node: &Node<'_>,
    problems: &mut Vec<Problem>,
) -> Option<f64> {
    let Some(text) = node.get_ref().as_str() else {
        return tomlwalk::number(src, id, node, problems).map(Spanned::into_inner);
    };
    match parse_text_number(text) {
        Ok(n) => Some(n.value),
        Err(e) => {
            let (msg, help) = e
                .split_once(": ")
                .unwrap_or((e.as_str(), "write a number such as 12.5"));
            problems.push(
                src.problem(node.span(), format!("`{id}`: {msg}"))
                    .help(help.to_string()),
            );
            None
        }
    }
}
