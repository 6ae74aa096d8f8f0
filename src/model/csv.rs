//! CSV surveys: `label,<indicator id>,...`, one row per observation.
//!
//! A small RFC 4180 reader of our own, because every problem must point at its exact cell
//! (line and column, caret under it): a UTF-8 BOM and CRLF are accepted, cells are trimmed,
//! quoted cells may hold commas, an empty cell is a missing value.

use std::ops::Range;

use indexmap::IndexMap;

use crate::diag::{Problem, SourceText};
use crate::model::framework::DEFAULT_FRAMEWORK_ID;
use crate::model::survey::{Observation, Survey, SurveyDoc, SurveySpans};

/// One cell: its text (unquoted, trimmed) and byte span in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub span: Range<usize>,
}

/// Splits CSV text into records of cells. Blank lines are skipped.
pub fn records(text: &str) -> Vec<Vec<Cell>> {
    let bytes = text.as_bytes();
    let mut pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    while pos <= bytes.len() {
        // One field starting at `pos`; leading spaces before an opening quote are allowed.
        let mut p = pos;
        while p < bytes.len() && (bytes[p] == b' ' || bytes[p] == b'\t') {
            p += 1;
        }
        if p < bytes.len() && bytes[p] == b'"' {
            let (cell, end) = quoted(text, pos, p + 1);
            row.push(cell);
            p = end;
        } else {
            p = next_delimiter(bytes, pos);
            let raw = &text[pos..p];
            let trimmed = raw.trim();
            let lead = raw.len() - raw.trim_start().len();
            row.push(Cell {
                text: trimmed.to_string(),
                span: pos + lead..pos + lead + trimmed.len(),
            });
        }
        if p >= bytes.len() {
            push_row(&mut rows, std::mem::take(&mut row));
            break;
        }
        if bytes[p] == b'\n' {
            push_row(&mut rows, std::mem::take(&mut row));
        }
        pos = p + 1;
    }
    rows
}

/// A quoted field starting at `start` whose content begins at `p` (after the quote): `""` is a
/// quote; text between the closing quote and the delimiter is kept. Returns the cell and the
/// index of its delimiter.
fn quoted(text: &str, start: usize, mut p: usize) -> (Cell, usize) {
    let bytes = text.as_bytes();
    let mut value = String::new();
    let mut seg = p;
    loop {
        match text[p..].find('"') {
            None => {
                value.push_str(&text[seg..]);
                p = bytes.len();
                break;
            }
            Some(k) => {
                value.push_str(&text[seg..p + k]);
                p += k + 1;
                if p < bytes.len() && bytes[p] == b'"' {
                    value.push('"');
                    p += 1;
                    seg = p;
                } else {
                    break;
                }
            }
        }
    }
    let end = next_delimiter(bytes, p);
    value.push_str(&text[p..end]);
    let raw = &text[start..end];
    let span_start = start + (raw.len() - raw.trim_start().len());
    let span_end = (start + raw.trim_end().len()).max(span_start);
    let cell = Cell {
        text: value.trim().to_string(),
        span: span_start..span_end,
    };
    (cell, end)
}

/// The index of the next `,` or newline at or after `from` (or the end).
fn next_delimiter(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b',' || b == b'\n')
        .map_or(bytes.len(), |k| from + k)
}

fn push_row(rows: &mut Vec<Vec<Cell>>, row: Vec<Cell>) {
    if !(row.len() == 1 && row[0].text.is_empty()) {
        rows.push(row);
    }
}

/// Parses a plain decimal number (`12`, `-3.5`, `1e3`); no inf, nan, hex or thousands separators.
pub fn parse_number(s: &str) -> Option<f64> {
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && s.bytes().any(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Why a cell is not a number, in words a user can act on.
pub fn number_help(s: &str) -> &'static str {
    if s.contains(',') {
        "write the number without thousands separators and with `.` as decimal point, e.g. 1234.5"
    } else if s.contains('%') {
        "write percentages as plain numbers (12.5 for 12.5%), in the indicator's unit"
    } else if s.eq_ignore_ascii_case("nan") || s.to_ascii_lowercase().contains("inf") {
        "inf and nan are not data: write the measured value, or leave the cell empty if it is missing"
    } else {
        "write a plain decimal number such as 12.5, or leave the cell empty if it is missing"
    }
}

/// Reads a CSV survey. The framework is the default one unless `--framework` says otherwise.
pub fn parse_survey(name: &str, text: &str) -> (Option<SurveyDoc>, Vec<Problem>) {
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

/// Quotes a CSV cell when it needs it.
pub fn escape(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Vec<Cell>]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn reads_bom_crlf_quotes_and_blank_lines() {
        let text = "\u{feff}label,a ,b\r\n\"x, y\", 1 ,\"2\"\"\"\r\n\r\nz,,3\r\n";
        let rows = records(text);
        assert_eq!(
            texts(&rows),
            vec![
                vec!["label", "a", "b"],
                vec!["x, y", "1", "2\""],
                vec!["z", "", "3"]
            ]
        );
        assert_eq!(&text[rows[1][1].span.clone()], "1");
    }

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

    #[test]
    fn plain_decimals_only() {
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        for bad in ["inf", "NaN", "1,234", "12%", "0x10", "", "."] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }
}
