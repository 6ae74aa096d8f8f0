//! Questionnaire responses: `observation,respondent,<indicator id>...`, one row per answered
//! questionnaire, a blank cell for a question not answered.
//!
//! Read with the survey CSV reader so that every problem points at its cell. Answers are whole
//! numbers on the indicator's `scale`; anything else (`4.0`, `3.5`, an answer off the scale)
//! is refused, because a mean of mistyped answers would silently become survey data.

use std::collections::HashSet;

use crate::diag::{Problem, did_you_mean};
use crate::model::Framework;
use crate::model::sheet::grid::{GridCell, Raw};
use crate::model::sheet::number::integer_text;
use crate::model::sheet::{Grid, Place, Source};

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
        Self::from_grid(&Grid::from_csv(name, text), fw)
    }

    /// Reads responses from a grid of cells (a CSV or a workbook sheet), reporting every problem
    /// at its place (`file:line:column`, or `file:Sheet!C4`). A header cell's first line is the
    /// column's name, so the questionnaire template can explain each question below its id.
    pub fn from_grid(grid: &Grid, fw: &Framework) -> Result<Responses, Vec<Problem>> {
        let name = grid.source.name();
        let src = &grid.source;
        let rows: Vec<&Vec<GridCell>> = grid.rows.iter().filter(|r| !blank(r)).collect();
        let mut problems = Vec::new();
        let Some((header, body)) = rows.split_first() else {
            return Err(vec![
                Problem::in_file(name, "the responses file is empty").help(
                    "the first line is the header `observation,respondent,<indicator id>,...`",
                ),
            ]);
        };
        let width = header.len();
        let head: Vec<String> = header.iter().map(|c| first_line(&cell_text(c))).collect();
        for (k, want) in ["observation", "respondent"].iter().enumerate() {
            match head.get(k) {
                Some(text) if text.eq_ignore_ascii_case(want) => {}
                Some(text) => problems.push(
                    src.problem(
                        &header[k].place,
                        format!("column {} is `{text}`, not `{want}`", k + 1),
                    )
                    .help("the header starts with `observation,respondent`, then indicator ids"),
                ),
                None => problems.push(
                    src.problem(
                        &header[0].place,
                        format!("the header has no `{want}` column"),
                    )
                    .help("the header starts with `observation,respondent`, then indicator ids"),
                ),
            }
        }
        let mut columns = Vec::new();
        let mut scales = Vec::new();
        for (cell, id) in header.iter().zip(&head).skip(2) {
            let id = id.as_str();
            let problem = |msg: String| src.problem(&cell.place, msg);
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
        if width <= 2 && problems.is_empty() {
            let last = header.last().map_or(&header[0].place, |c| &c.place);
            problems.push(
                src.problem(
                    &join(&header[0].place, last),
                    "the header names no indicator",
                )
                .help("add one column per questionnaire item, headed by its indicator id"),
            );
        }
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut out = Vec::with_capacity(body.len());
        for row in body {
            let row_place = join(&row[0].place, &row[row.len() - 1].place);
            // A workbook row is as wide as its last filled cell; only text can be short.
            if row.len() != width && !matches!(grid.source, Source::Sheet { .. }) {
                problems.push(
                    src.problem(
                        &row_place,
                        format!("this row has {} cells but the header has {width}", row.len()),
                    )
                    .help("every row needs one cell per header column (a blank cell is a question not answered)"),
                );
            }
            let key = |k: usize| row.get(k).map_or(String::new(), cell_text);
            let (observation, respondent) = (key(0), key(1));
            for (k, what) in [(0, "observation"), (1, "respondent")] {
                let cell = grid_cell(row, k);
                if cell_text(&cell).is_empty() {
                    problems.push(
                        src.problem(&cell.place, format!("the {what} is empty"))
                            .help("every row names its observation (a year or a region) and respondent"),
                    );
                }
            }
            if !observation.is_empty()
                && !respondent.is_empty()
                && !seen.insert((observation.clone(), respondent.clone()))
            {
                let end = row.get(1).map_or(&row[0].place, |c| &c.place);
                problems.push(
                    src.problem(
                        &join(&row[0].place, end),
                        format!("respondent `{respondent}` answers twice for observation `{observation}`"),
                    )
                    .help("each (observation, respondent) pair appears once"),
                );
            }
            let mut answers = Vec::with_capacity(columns.len());
            for (k, &j) in columns.iter().enumerate() {
                let Some(cell) = row
                    .get(k + 2)
                    .filter(|c| !cell_text(c).is_empty() && j != usize::MAX)
                else {
                    answers.push(None);
                    continue;
                };
                let (lo, hi) = scales[k];
                let id = &fw.indicators[j].id;
                let text = cell_text(cell);
                match answer(cell) {
                    Some(x) if (lo..=hi).contains(&x) => answers.push(Some(x)),
                    Some(x) => {
                        problems.push(
                            src.problem(
                                &cell.place,
                                format!("answer {x} is off the scale {lo}–{hi} of `{id}` (observation `{observation}`, respondent `{respondent}`)"),
                            )
                            .help(format!("answers to `{id}` are whole numbers from {lo} to {hi}; leave the cell blank if not answered")),
                        );
                        answers.push(None);
                    }
                    None => {
                        problems.push(
                            src.problem(
                                &cell.place,
                                format!("`{text}` is not a whole-number answer (observation `{observation}`, respondent `{respondent}`, indicator `{id}`)"),
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

/// A row with no content (a workbook's formatted but empty row).
fn blank(row: &[GridCell]) -> bool {
    row.iter().all(|c| matches!(c.raw, Raw::Empty))
}

/// The cell at column `k` of `row`, or an empty one placed where it would be.
fn grid_cell(row: &[GridCell], k: usize) -> GridCell {
    match row.get(k) {
        Some(c) => c.clone(),
        None => {
            let first = &row[0];
            let place = match &first.place {
                Place::Cell { row, col } => Place::Cell {
                    row: *row,
                    col: col + k as u32,
                },
                Place::Span(_) => row[row.len() - 1].place.clone(),
            };
            GridCell {
                raw: Raw::Empty,
                place,
            }
        }
    }
}

/// From the start of `a` to the end of `b` for text; the first cell for a sheet.
fn join(a: &Place, b: &Place) -> Place {
    match (a, b) {
        (Place::Span(x), Place::Span(y)) => Place::Span(x.start..y.end.max(x.start)),
        _ => a.clone(),
    }
}

/// A cell as text: numbers written as the user typed them (`2023`, not `2023.0`).
fn cell_text(c: &GridCell) -> String {
    match &c.raw {
        Raw::Empty => String::new(),
        Raw::Text(t) | Raw::Error(t) | Raw::Date(t) => t.trim().to_string(),
        Raw::Number { value, .. } => integer_text(*value).unwrap_or_else(|| format!("{value}")),
        Raw::Bool(b) => b.to_string(),
    }
}

/// The header text before its first line break.
fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

/// A whole-number answer: digits with an optional sign, or a whole number cell.
fn answer(c: &GridCell) -> Option<i64> {
    match &c.raw {
        Raw::Number {
            value,
            percent: false,
        } => integer_text(*value).and_then(|t| t.parse().ok()),
        Raw::Text(t) => parse_integer(t.trim()),
        _ => None,
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
