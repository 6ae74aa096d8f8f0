//! Surveys from CSV: `label,<indicator id>,...`, one row per observation, every problem at its
//! cell.

use std::ops::Range;

use indexmap::IndexMap;

use crate::diag::{Problem, SourceText};
use crate::model::csv::{number_help, parse_number, records};
use crate::model::framework::DEFAULT_FRAMEWORK_ID;
use crate::model::survey::{Observation, Survey, SurveyDoc, SurveySpans};

/// Reads a CSV survey. The framework is the default one unless `--framework` says otherwise.
pub(super) fn parse_survey(name: &str, text: &str) -> (Option<SurveyDoc>, Vec<Problem>) {
    let src = SourceText::new(name, text);
    let rows = records(text);
    let mut problems = Vec::new();
    let Some((header, body)) = rows.split_first() else {
        let empty = Problem::in_file(name, "the CSV file is empty").help(
            "the first line is the header `label,<indicator id>,...`, then one row per observation",
        );
        return (None, vec![empty]);
    };
    if !header[0].text.eq_ignore_ascii_case("label") {
        problems.push(
            src.problem(
                header[0].span.clone(),
                format!("the first column is `{}`, not `label`", header[0].text),
            )
            .help("the header must start with `label`, followed by indicator ids"),
        );
    }
    let mut columns: IndexMap<String, Range<usize>> = IndexMap::new();
    for cell in &header[1..] {
        if cell.text.is_empty() {
            problems.push(
                src.problem(cell.span.clone(), "a header cell is empty")
                    .help("every column needs an indicator id in the header"),
            );
        } else if columns.contains_key(&cell.text) {
            problems.push(
                src.problem(
                    cell.span.clone(),
                    format!("duplicate column `{}`", cell.text),
                )
                .help("each indicator may appear in one column only"),
            );
        } else {
            columns.insert(cell.text.clone(), cell.span.clone());
        }
    }
    let ids: Vec<&str> = header[1..].iter().map(|c| c.text.as_str()).collect();
    let mut observations = Vec::new();
    let mut spans = SurveySpans {
        columns: columns.clone(),
        ..SurveySpans::default()
    };
    let mut seen: IndexMap<String, ()> = IndexMap::new();
    for row in body {
        if row.len() != header.len() {
            let last = row.last().map_or(0..0, |c| c.span.clone());
            problems.push(
                src.problem(
                    row[0].span.start..last.end,
                    format!(
                        "this row has {} cells but the header has {}",
                        row.len(),
                        header.len()
                    ),
                )
                .help(
                    "every row needs one cell per header column (an empty cell is a missing value)",
                ),
            );
        }
        let label = &row[0];
        if label.text.is_empty() {
            problems.push(
                src.problem(label.span.clone(), "an observation label is empty")
                    .help("put a year or a region name in the `label` column"),
            );
        } else if seen.insert(label.text.clone(), ()).is_some() {
            problems.push(
                src.problem(
                    label.span.clone(),
                    format!("duplicate observation label `{}`", label.text),
                )
                .help("labels must be unique"),
            );
        }
        let mut obs = Observation {
            label: label.text.clone(),
            values: IndexMap::with_capacity(ids.len()),
        };
        for (cell, id) in row[1..].iter().zip(&ids) {
            if cell.text.is_empty() || id.is_empty() {
                continue;
            }
            match parse_number(&cell.text) {
                Some(x) => {
                    obs.values.insert(id.to_string(), x);
                }
                None => {
                    spans.invalid.push((observations.len(), id.to_string()));
                    problems.push(
                        src.problem(
                            cell.span.clone(),
                            format!(
                                "`{}` is not a number (observation `{}`, indicator `{id}`)",
                                cell.text, label.text
                            ),
                        )
                        .help(number_help(&cell.text)),
                    );
                }
            }
        }
        spans.labels.push(label.span.clone());
        observations.push(obs);
    }
    let title = std::path::Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned());
    let doc = SurveyDoc {
        name: name.to_string(),
        text: text.to_string(),
        survey: Survey {
            framework: DEFAULT_FRAMEWORK_ID.to_string(),
            title,
            region: None,
            method: Default::default(),
            observations,
        },
        spans,
    };
    (Some(doc), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_from_csv_with_missing_and_bad_cells() {
        let ok = SurveyDoc::parse("d.csv", "label,a,b\n2019,1.5,\n2020,2,3\n").unwrap();
        assert_eq!(ok.survey.observations[0].values.len(), 1);
        assert_eq!(ok.survey.observations[1].values["b"], 3.0);
        let bad = SurveyDoc::parse("d.csv", "label,a,b\n2019,1.5,x\n2019,inf,3,4\n").unwrap_err();
        let places: Vec<_> = bad.iter().filter_map(|p| p.place()).collect();
        assert_eq!(
            places,
            ["d.csv:2:10", "d.csv:3:1", "d.csv:3:1", "d.csv:3:6"]
        );
    }
}
