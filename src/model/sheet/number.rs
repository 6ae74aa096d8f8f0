//! The one reader of numbers written as text: by hand in a CSV, typed into a spreadsheet cell as
//! text, or typed into the TUI by a Chinese input method.
//!
//! Officers copy numbers out of yearbooks and reports, so `1,234.5`, `１２．５` and `12.5%` are
//! what they have; refusing them would make them retype every figure. What is accepted is still
//! strict: grouping commas must fall every three digits, and inf/nan are never data.

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
pub fn strip_thousands(s: &str) -> Option<String> {
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

/// A number read from text, and whether it carried a trailing `%`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextNumber {
    pub value: f64,
    /// `12.5%` was written: the value is 12.5, in percent.
    pub percent: bool,
}

/// Reads `raw` as a number: ASCII or full-width digits, `。` as the decimal point, grouping
/// commas, an optional trailing `%` (kept as written: `12.5%` is 12.5). The error says why in
/// words a user can act on.
pub fn parse_text_number(raw: &str) -> Result<TextNumber, String> {
    // The common case, a plain decimal, without building a normalized copy.
    if let Some(value) = parse_number(raw.trim()) {
        return Ok(TextNumber {
            value,
            percent: false,
        });
    }
    let s = normalize(raw).trim().to_string();
    if s.is_empty() {
        return Err("the cell is empty".into());
    }
    if s.contains(char::is_whitespace) {
        return Err(format!(
            "`{}` holds a space: one number per cell, without spaces",
            raw.trim()
        ));
    }
    let (s, percent) = match s.strip_suffix('%') {
        Some(rest) => (rest.to_string(), true),
        None => (s, false),
    };
    let s = if s.contains(',') {
        strip_thousands(&s).ok_or_else(|| {
            format!(
                "`{}` is not a number: use `.` as the decimal point, e.g. 12.5",
                raw.trim()
            )
        })?
    } else {
        s
    };
    match parse_number(&s) {
        Some(value) => Ok(TextNumber { value, percent }),
        None => Err(format!(
            "`{}` is not a number: {}",
            raw.trim(),
            number_help(&s)
        )),
    }
}

/// Writes an f64 so that reading it back gives the same number (Rust's shortest round-trip
/// form), with integers as `2019`, never `2019.0`.
pub fn format_exact(x: f64) -> String {
    format!("{x}")
}

/// `2019` for 2019.0: a label or period held in a number cell, shown as the user typed it.
/// Only whole numbers an f64 holds exactly (|x| < 2^53) count.
pub fn integer_text(x: f64) -> Option<String> {
    (x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0).then(|| format!("{}", x as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(s: &str) -> Option<f64> {
        parse_text_number(s).ok().map(|n| n.value)
    }

    #[test]
    fn separators_full_width_and_percent() {
        assert_eq!(val("1,234.5"), Some(1234.5));
        assert_eq!(val("1,046"), Some(1046.0));
        assert_eq!(val("１２．５"), Some(12.5));
        assert_eq!(val("４．８"), Some(4.8));
        assert_eq!(val("12。5"), Some(12.5));
        assert_eq!(val(" 3.0 "), Some(3.0));
        let p = parse_text_number("12.5%").ok();
        assert_eq!(
            p,
            Some(TextNumber {
                value: 12.5,
                percent: true
            })
        );
        assert_eq!(val("１２．５％"), Some(12.5));
    }

    #[test]
    fn ambiguous_or_not_numbers_are_refused() {
        // `。` beside a `.` would make two decimal points: ambiguous, refused.
        for bad in [
            "12。5.1", "12,5", "1,23", "abc", "", "inf", "nan", "1 234", "%", "12%%",
        ] {
            assert!(parse_text_number(bad).is_err(), "{bad}");
        }
        assert!(
            parse_text_number("12,5")
                .unwrap_err()
                .contains("decimal point")
        );
    }

    #[test]
    fn exact_and_integer_text() {
        assert_eq!(format_exact(0.1), "0.1");
        assert_eq!(format_exact(2019.0), "2019");
        assert_eq!(integer_text(2019.0).as_deref(), Some("2019"));
        assert_eq!(integer_text(-3.0).as_deref(), Some("-3"));
        assert_eq!(integer_text(2019.5), None);
        assert_eq!(integer_text(1e300), None);
    }
}
