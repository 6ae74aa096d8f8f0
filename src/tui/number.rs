//! Reading a typed cell value: ASCII and the full-width forms a Chinese input method produces.
//!
//! In full-width mode a Chinese IME types `１２．５`, `－３` or `１，２３４`, and `。` for `.`;
//! refusing those would make every officer using such an IME fight the tool, so they are
//! normalised to ASCII first and the normalised value is what gets stored and shown.

use crate::model::csv::{number_help, parse_number};

/// Full-width and IME punctuation mapped to ASCII; other characters kept.
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '。' | '｡' => '.',
            '−' | '–' => '-',
            '、' => ',',
            _ => c,
        })
        .collect()
}

/// `1,234,567.5` style grouping: every comma followed by exactly three digits.
fn strip_thousands(s: &str) -> Option<String> {
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let digits = int.strip_prefix(['-', '+']).unwrap_or(int);
    let mut groups = digits.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let mut out = int.replace(',', "");
    if let Some(f) = frac {
        if f.contains(',') {
            return None;
        }
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// A cell's value from what was typed, or the reason it is refused.
pub fn parse_cell(raw: &str) -> Result<f64, String> {
    let s = normalize(raw).trim().to_string();
    if s.is_empty() {
        return Err("the cell is empty: type a number, or press Esc".into());
    }
    if s.contains(char::is_whitespace) {
        return Err(format!(
            "`{}` holds a space: one number per cell, without spaces",
            raw.trim()
        ));
    }
    let s = if s.contains(',') {
        match strip_thousands(&s) {
            Some(t) => t,
            None => {
                return Err(format!(
                    "`{raw}` is not a number: use `.` as the decimal point, e.g. 12.5"
                ));
            }
        }
    } else {
        s
    };
    parse_number(&s).ok_or_else(|| format!("`{raw}` is not a number: {}", number_help(&s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_ime_input() {
        assert_eq!(parse_cell("１２．５"), Ok(12.5));
        assert_eq!(parse_cell("－３"), Ok(-3.0));
        assert_eq!(parse_cell("１，２３４"), Ok(1234.0));
        assert_eq!(parse_cell("12。5"), Ok(12.5));
        assert_eq!(parse_cell(" 7 "), Ok(7.0));
        assert_eq!(parse_cell("1,234,567.25"), Ok(1234567.25));
    }

    #[test]
    fn refusals_say_why() {
        assert!(parse_cell("12,5").unwrap_err().contains("decimal point"));
        assert!(parse_cell("12%").unwrap_err().contains("percent"));
        assert!(parse_cell("abc").is_err());
        assert!(parse_cell("").is_err());
        assert!(parse_cell("inf").is_err());
        assert!(parse_cell("2\r3").is_err());
        assert!(parse_cell("1 234").is_err());
    }
}
