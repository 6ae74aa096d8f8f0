//! Workbooks (`.xlsx`, `.xls`, `.ods`, `.xlsb`) to a [`Grid`], through calamine.
//!
//! One sheet is read: the first, or the one named. Number formats are read where calamine can
//! (xlsx), so a cell formatted as a percentage is known to hold a fraction.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, StyleRange, open_workbook_auto_from_rs};

use super::grid::{Grid, GridCell, Place, Raw, Source};

/// Whether these bytes look like a workbook: a zip (xlsx, ods) or an OLE file (xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads one sheet of a workbook. `name` is the file's name, for places.
pub fn read_sheet(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Grid, String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("cannot read the workbook: {e}"))?;
    let names = book.sheet_names();
    let chosen = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                format!(
                    "the workbook has no sheet `{wanted}`; its sheets are: {}",
                    quoted_list(&names)
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_string())?,
    };
    let range = book
        .worksheet_range(&chosen)
        .map_err(|e| format!("cannot read sheet `{chosen}`: {e}"))?;
    let formats_known = matches!(book, Sheets::Xlsx(_));
    let styles = if formats_known {
        book.worksheet_style(&chosen)
            .unwrap_or_else(|_| StyleRange::empty())
    } else {
        StyleRange::empty()
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(j, data)| {
                    let (r, c) = (r0 + i as u32, c0 + j as u32);
                    GridCell {
                        raw: raw_of(data, is_percent(&styles, r, c)),
                        place: Place::Cell { row: r, col: c },
                    }
                })
                .collect()
        })
        .collect();
    Ok(Grid {
        source: Source::Sheet {
            name: name.to_string(),
            sheet: chosen,
        },
        rows,
        formats_known,
    })
}

/// `` `a`, `b` ``: sheet names for an error message.
fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_percent(styles: &StyleRange, row: u32, col: u32) -> bool {
    styles
        .get((row, col))
        .and_then(|s| s.number_format.as_ref())
        .is_some_and(|f| format_is_percent(&f.format_code))
}

/// Whether a number format code shows a percentage: a `%` outside quoted text, `[...]`
/// sections and `\`-escaped characters.
pub fn format_is_percent(code: &str) -> bool {
    let mut chars = code.chars();
    let (mut quoted, mut bracket) = (false, false);
    while let Some(c) = chars.next() {
        match c {
            '"' if !bracket => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '\\' if !quoted && !bracket => {
                chars.next();
            }
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

fn raw_of(data: &Data, percent: bool) -> Raw {
    match data {
        Data::Empty => Raw::Empty,
        Data::Int(i) => Raw::Number {
            value: *i as f64,
            percent,
        },
        Data::Float(x) => Raw::Number { value: *x, percent },
        Data::String(s) => {
            let t = s.trim();
            if t.is_empty() {
                Raw::Empty
            } else {
                Raw::Text(t.to_string())
            }
        }
        Data::Bool(b) => Raw::Bool(*b),
        Data::DateTime(d) => Raw::Date(serial_date(d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Raw::Date(s.clone()),
        Data::Error(e) => Raw::Error(e.to_string()),
    }
}

/// An Excel (1900 system) serial day as `YYYY-MM-DD`, so an error shows the date the user sees.
fn serial_date(serial: f64) -> String {
    if !(61.0..2_958_466.0).contains(&serial) {
        return format!("serial {serial}");
    }
    // Serial 61 is 1900-03-01 (Excel counts a 29 Feb 1900 that never was), so from there on
    // day 0 is 1899-12-30; civil-from-days after shifting the epoch to 1970-01-01 (serial 25569).
    crate::textfmt::civil_date(serial.floor() as i64 - 25569)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        assert!(format_is_percent("0%"));
        assert!(format_is_percent("0.00%"));
        assert!(!format_is_percent("General"));
        assert!(!format_is_percent("0.0\"%\""));
        assert!(!format_is_percent("0\\%"));
        assert!(!format_is_percent("[$%-409]0"));
    }

    #[test]
    fn serial_dates() {
        // 25569 is 1970-01-01; 45000 is 2023-03-15; 61 is 1900-03-01.
        assert_eq!(serial_date(25569.0), "1970-01-01");
        assert_eq!(serial_date(45000.0), "2023-03-15");
        assert_eq!(serial_date(61.0), "1900-03-01");
        assert_eq!(serial_date(3.0), "serial 3");
    }

    #[test]
    fn not_a_workbook() {
        assert!(!is_workbook(b"label,a\n"));
        assert!(read_sheet("x.xlsx", b"PK\x03\x04junk", None).is_err());
    }
}
