//! CSV text: records of cells with their places, plain numbers, quoting. The survey reader on
//! top of it is `model::survey::read_csv`.
//!
//! A small RFC 4180 reader of our own, because every problem must point at its exact cell
//! (line and column, caret under it): a UTF-8 BOM and CRLF are accepted, cells are trimmed,
//! quoted cells may hold commas, an empty cell is a missing value.

use std::ops::Range;

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
    if let Some(x) = short_decimal(s.as_bytes()) {
        return Some(x);
    }
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && s.bytes().any(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// 10^0 ..= 10^22: every one is exact in an f64.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The usual cell, `[-]digits.digits` with at most 15 digits, read without the general
/// parser: a province's panel has millions of them. Both the digits as an integer (< 10^15 <
/// 2^53) and the power of ten are exact in an f64, and one IEEE division rounds correctly, so
/// the result is the very number `str::parse` gives. Anything else (an exponent, more digits,
/// `1.`, `.5`) is left to it.
fn short_decimal(s: &[u8]) -> Option<f64> {
    let (negative, s) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    if s.is_empty() || s.len() > 16 {
        return None;
    }
    let mut digits: u64 = 0;
    let mut dot = None;
    for (k, &b) in s.iter().enumerate() {
        let d = b.wrapping_sub(b'0');
        if d < 10 {
            digits = digits * 10 + u64::from(d);
        } else if b == b'.' && dot.is_none() {
            dot = Some(k);
        } else {
            return None;
        }
    }
    let scale = match dot {
        None if s.len() <= 15 => 0,
        Some(k) if k > 0 && k + 1 < s.len() => s.len() - k - 1,
        _ => return None,
    };
    let x = digits as f64 / POWERS_OF_TEN[scale];
    Some(if negative { -x } else { x })
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
    fn plain_decimals_only() {
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        // The short path: 12.5 = 125 / 10^1; -0 stays negative zero, as `str::parse` reads it.
        assert_eq!(short_decimal(b"12.5"), Some(12.5));
        assert_eq!(short_decimal(b"-0").map(f64::is_sign_negative), Some(true));
        for long in [
            &b"1."[..],
            b".5",
            b"-",
            b"1.2.3",
            b"1234567890123456",
            b"1e3",
            b"+1",
        ] {
            assert_eq!(short_decimal(long), None, "{long:?}");
        }
        for bad in ["inf", "NaN", "1,234", "12%", "0x10", "", "."] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The short path reads every number it takes exactly as the general parser does.
        #[test]
        fn short_decimals_are_read_as_str_parse_reads_them(
            s in "-?[0-9]{0,9}(\\.[0-9]{0,9})?",
        ) {
            if let Some(x) = short_decimal(s.as_bytes()) {
                let std: f64 = s.parse().map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{s}: {e}")))?;
                proptest::prop_assert_eq!(x.to_bits(), std.to_bits(), "{}", s);
            }
        }
    }
}
