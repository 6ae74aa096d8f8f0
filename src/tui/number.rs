//! Reading a typed cell value: ASCII and the full-width forms a Chinese input method produces.
//!
//! In full-width mode a Chinese IME types `１２．５`, `－３` or `１，２３４`, and `。` for `.`;
//! refusing those would make every officer using such an IME fight the tool, so they are
//! normalised to ASCII first and the normalised value is what gets stored and shown.

use crate::model::csv::number_help;
pub use crate::model::sheet::number::normalize;
use crate::model::sheet::number::parse_text_number;

/// A cell's value from what was typed, or the reason it is refused. Unlike a spreadsheet cell,
/// a typed `%` is refused: the value goes in the indicator's unit as a plain number.
pub fn parse_cell(raw: &str) -> Result<f64, String> {
    if normalize(raw).trim().is_empty() {
        return Err("the cell is empty: type a number, or press Esc".into());
    }
    match parse_text_number(raw) {
        Ok(n) if n.percent => Err(format!(
            "`{}` is not a number: {}",
            raw.trim(),
            number_help("%")
        )),
        Ok(n) => Ok(n.value),
        Err(e) => Err(e),
    }
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
