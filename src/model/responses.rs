//! Questionnaire responses: `observation,respondent,<indicator id>...`, one row per answered
//! questionnaire, a blank cell for a question not answered.
//!
//! Read with the survey CSV reader so that every problem points at its cell. Answers are whole
//! numbers on the indicator's `scale`; anything else (`4.0`, `3.5`, an answer off the scale)
//! is refused, because a mean of mistyped answers would silently become survey data.

use std::collections::HashSet;

use crate::diag::{Problem, SourceText, did_you_mean};
use crate::model::Framework;
use crate::model::csv::records;

/// One answered questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseRow {
    /// The observation (a year or a region) the answers describe.
    pub observation: String,
    pub respondent: String,
    /// One per answer column, `None` when not answered.
    pub answers: Vec<Option<i64>>,
}

/// A whole responses file, checked against a framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Responses {
    pub name: String,
    /// The indicator index of each answer column, in file order.
    pub columns: Vec<usize>,
    pub rows: Vec<ResponseRow>,
}

impl Responses {
    /// Observation labels in order of first appearance.
    pub fn observations(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !out.contains(&r.observation.as_str()) {
                out.push(&r.observation);
            }
        }
        out
    }

    /// Reads a responses CSV, reporting every problem with its `file:line:column`.
    pub fn parse(name: &str, text: &str, fw: &Framework) -> Result<Responses, Vec<Problem>> {
        let src = SourceText::new(name, text);
        let rows = records(text);
        let mut problems = Vec::new();
        let Some((header, body)) = rows.split_first() else {
            return Err(vec![
                Problem::in_file(name, "the responses file is empty").help(
                    "the first line is the header `observation,respondent,<indicator id>,...`",
                ),
            ]);
        };
        for (k, want) in ["observation", "respondent"].iter().enumerate() {
            match header.get(k) {
                Some(cell) if cell.text.eq_ignore_ascii_case(want) => {}
                Some(cell) => problems.push(
                    src.problem(
                        cell.span.clone(),
                        format!("column {} is `{}`, not `{want}`", k + 1, cell.text),
                    )
                    .help("the header starts with `observation,respondent`, then indicator ids"),
                ),
                None => problems.push(
                    src.problem(
                        header[0].span.clone(),
                        format!("the header has no `{want}` column"),
                    )
                    .help("the header starts with `observation,respondent`, then indicator ids"),
                ),
            }
        }
        let mut columns = Vec::new();
        let mut scales = Vec::new();
        for cell in header.iter().skip(2) {
            let id = cell.text.as_str();
            let problem = |msg: String| src.problem(cell.span.clone(), msg);
            match fw.indicator_index(id) {
                _ if id.is_empty() => problems.push(
                    problem("a header cell is empty".into())
                        .help("every answer column needs an indicator id in the header"),
                ),
                None => {
                    let ids = fw.indicators.iter().map(|i| i.id.as_str());
                    let help = match did_you_mean(id, ids) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("framework `{}` has no such indicator", fw.id),
                    };
                    problems.push(problem(format!("unknown indicator `{id}`")).help(help));
                }
                Some(j) if columns.contains(&j) => problems.push(
                    problem(format!("duplicate column `{id}`"))
                        .help("each indicator may appear in one column only"),
                ),
                Some(j) => match fw.indicators[j].scale {
                    Some(scale) => {
                        columns.push(j);
                        scales.push(scale);
                        continue;
                    }
                    None => problems.push(
                        problem(format!(
                            "indicator `{id}` has no `scale`, so it is not a questionnaire item"
                        ))
                        .help("give the indicator `scale = [1, 5]` in the framework, or drop the column"),
                    ),
                },
            }
            // A column that is not an answer column keeps its place so cells line up.
            columns.push(usize::MAX);
            scales.push((0, 0));
        }
        if header.len() <= 2 && problems.is_empty() {
            problems.push(
                src.problem(
                    header[0].span.start..header.last().map_or(0, |c| c.span.end),
                    "the header names no indicator",
                )
                .help("add one column per questionnaire item, headed by its indicator id"),
            );
        }
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut out = Vec::with_capacity(body.len());
        for row in body {
            if row.len() != header.len() {
                let end = row.last().map_or(0, |c| c.span.end);
                problems.push(
                    src.problem(
                        row[0].span.start..end,
                        format!("this row has {} cells but the header has {}", row.len(), header.len()),
                    )
                    .help("every row needs one cell per header column (a blank cell is a question not answered)"),
                );
            }
            let key = |k: usize| row.get(k).map_or("", |c| c.text.as_str()).to_string();
            let (observation, respondent) = (key(0), key(1));
            for (k, what) in [(0, "observation"), (1, "respondent")] {
                if let Some(cell) = row.get(k).filter(|c| c.text.is_empty()) {
                    problems.push(
                        src.problem(cell.span.clone(), format!("the {what} is empty"))
                            .help("every row names its observation (a year or a region) and respondent"),
                    );
                }
            }
            if !observation.is_empty()
                && !respondent.is_empty()
                && !seen.insert((observation.clone(), respondent.clone()))
            {
                problems.push(
                    src.problem(
                        row[0].span.start..row.get(1).map_or(row[0].span.end, |c| c.span.end),
                        format!("respondent `{respondent}` answers twice for observation `{observation}`"),
                    )
                    .help("each (observation, respondent) pair appears once"),
                );
            }
            let mut answers = Vec::with_capacity(columns.len());
            for (k, &j) in columns.iter().enumerate() {
                let Some(cell) = row
                    .get(k + 2)
                    .filter(|c| !c.text.is_empty() && j != usize::MAX)
                else {
                    answers.push(None);
                    continue;
                };
                let (lo, hi) = scales[k];
                let id = &fw.indicators[j].id;
                match parse_integer(&cell.text) {
                    Some(x) if (lo..=hi).contains(&x) => answers.push(Some(x)),
                    Some(x) => {
                        problems.push(
                            src.problem(
                                cell.span.clone(),
                                format!("answer {x} is off the scale {lo}–{hi} of `{id}` (observation `{observation}`, respondent `{respondent}`)"),
                            )
                            .help(format!("answers to `{id}` are whole numbers from {lo} to {hi}; leave the cell blank if not answered")),
                        );
                        answers.push(None);
                    }
                    None => {
                        problems.push(
                            src.problem(
                                cell.span.clone(),
                                format!("`{}` is not a whole-number answer (observation `{observation}`, respondent `{respondent}`, indicator `{id}`)", cell.text),
                            )
                            .help(format!("write a whole number from {lo} to {hi}, such as {lo}; leave the cell blank if not answered")),
                        );
                        answers.push(None);
                    }
                }
            }
            out.push(ResponseRow {
                observation,
                respondent,
                answers,
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Responses {
            name: name.to_string(),
            columns,
            rows: out,
        })
    }
}

/// Digits with an optional sign: `4`, `+4`, `-1`; never `4.0`.
fn parse_integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FW: &str = r#"schema = 1
id = "q"
name = "Q"
version = "1"
[[circles]]
id = "a"
name = "A"
[[circles]]
id = "b"
name = "B"
[[dimensions]]
id = "da"
circle = "a"
name = "DA"
[[dimensions]]
id = "db"
circle = "b"
name = "DB"
[[indicators]]
id = "x"
dimension = "da"
name = "X"
unit = "score"
direction = "positive"
description = "."
source = "."
scale = [1, 5]
[[indicators]]
id = "y"
dimension = "db"
name = "Y"
unit = "count"
direction = "positive"
description = "."
source = "."
[[countermeasures]]
id = "c"
title = "C"
text = "."
dimensions = ["da"]
"#;

    fn fw() -> Framework {
        Framework::parse("fw.toml", FW).unwrap()
    }

    fn places(text: &str) -> Vec<String> {
        let mut p: Vec<String> = Responses::parse("r.csv", text, &fw())
            .unwrap_err()
            .iter()
            .filter_map(Problem::place)
            .collect();
        p.sort();
        p
    }

    #[test]
    fn reads_answers_blanks_bom_and_crlf() {
        let r = Responses::parse(
            "r.csv",
            "\u{feff}observation,respondent,x\r\n2023,A,4\r\n2023,B,\r\n2024,A,+2\r\n",
            &fw(),
        )
        .unwrap();
        assert_eq!(r.columns, [0]);
        assert_eq!(r.rows[0].answers, [Some(4)]);
        assert_eq!(r.rows[1].answers, [None]);
        assert_eq!(r.rows[2].answers, [Some(2)]);
        assert_eq!(r.observations(), ["2023", "2024"]);
    }

    #[test]
    fn every_bad_answer_is_located() {
        let text = "observation,respondent,x\n2023,A,4.0\n2023,B,3.5\n2023,C,6\n2023,A,1\n";
        assert_eq!(
            places(text),
            ["r.csv:2:8", "r.csv:3:8", "r.csv:4:8", "r.csv:5:1"]
        );
    }

    #[test]
    fn header_problems_are_located() {
        // `xx` is unknown (did you mean `x`?), `y` has no scale, `x` twice, `who` misnamed.
        let text = "observation,who,xx,y,x,x\n";
        assert_eq!(
            places(text),
            ["r.csv:1:13", "r.csv:1:17", "r.csv:1:20", "r.csv:1:24"]
        );
        let p = Responses::parse("r.csv", text, &fw()).unwrap_err();
        assert!(
            p.iter()
                .any(|p| p.help.as_deref() == Some("did you mean `x`?"))
        );
        assert_eq!(places(""), ["r.csv"]);
        assert_eq!(places("observation,respondent\n"), ["r.csv:1:1"]);
    }

    #[test]
    fn short_rows_and_empty_keys_are_located() {
        let text = "observation,respondent,x\n,A,1\n2023,,2\n2023,B\n";
        assert_eq!(places(text), ["r.csv:2:1", "r.csv:3:6", "r.csv:4:1"]);
    }

    #[test]
    fn integers_only() {
        assert_eq!(parse_integer("-3"), Some(-3));
        for bad in ["", "+", "4.0", "1e1", " 4", "٣"] {
            assert_eq!(parse_integer(bad), None, "{bad}");
        }
    }
}
