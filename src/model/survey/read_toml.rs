//! Surveys from TOML: `[method]` through the settings table, observations with their places.

use indexmap::IndexMap;

use crate::diag::{Problem, SourceText};
use crate::model::framework::{DEFAULT_FRAMEWORK_ID, check_schema};
use crate::model::method::MethodSpec;
use crate::model::settings::SETTINGS;
use crate::model::survey::{Observation, Survey, SurveyDoc, SurveySpans};
use crate::model::tomlwalk::{self, TableReader};

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

/// Reads `[method]`: every setting of the table, each reporting its own bad value.
fn read_method(t: &mut TableReader<'_, '_>, problems: &mut Vec<Problem>) -> MethodSpec {
    let mut spec = MethodSpec::default();
    for s in SETTINGS {
        (s.read_toml)(t, &mut spec, problems);
    }
    spec
}
