//! Workbooks (`.xlsx`, `.xls`, `.ods`, `.xlsb`) to a [`Grid`], through calamine.
//!
//! One sheet is read: the first, or the one named. Number formats are read where calamine can
//! (xlsx), so a cell formatted as a percentage is known to hold a fraction.

use std::io::Cursor;

use calamine::{
    Cell, Data, DataRef, Range, Reader, Sheets, StyleRange, open_workbook_auto_from_rs,
};

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
    let range = match &mut book {
        Sheets::Xlsx(xlsx) => bounded_range(xlsx, &chosen)?,
        other => {
            let range = (other.worksheet_range(&chosen)).map_err(|e| cannot_read(&chosen, e))?;
            if let (Some(first), Some(last)) = (range.start(), range.end()) {
                let filled = range.used_cells().count() as u64;
                check_area(&chosen, first, last, last, filled)?;
            }
            range
        }
    };
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

/// Cells a sheet's used area may span: a panel of 50,000 × 200. A workbook is read whole into
/// memory, cell by cell; a larger table is read faster, and in a fraction of the memory, as a
/// CSV. Without the bound one stray cell at `XFD1048576` asks for 17 billion cells.
const MAX_AREA: u64 = 10_000_000;

/// An xlsx sheet's cells as a range, as calamine's `worksheet_range` reads them (empty cells
/// left out), but refused ([`check_area`]) before the range is laid out: calamine would fill
/// every cell between the first and the last.
fn bounded_range<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    sheet: &str,
) -> Result<Range<Data>, String> {
    let mut reader = match xlsx.worksheet_cells_reader(sheet) {
        Ok(reader) => reader,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Range::default()),
        Err(e) => return Err(cannot_read(sheet, e)),
    };
    let mut cells: Vec<Cell<Data>> = Vec::new();
    let (mut first, mut last) = ((u32::MAX, u32::MAX), (0, 0));
    let mut far = (0, 0);
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => return Err(cannot_read(sheet, e)),
        };
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        first = (first.0.min(r), first.1.min(c));
        if r > last.0 || c > last.1 {
            far = (r, c);
        }
        last = (last.0.max(r), last.1.max(c));
        cells.push(Cell::new((r, c), Data::from(cell.get_value().clone())));
    }
    if !cells.is_empty() {
        check_area(sheet, first, last, far, cells.len() as u64)?;
    }
    Ok(Range::from_sparse(cells))
}

/// Refuses a sheet whose used area (`first` to `last`) exceeds [`MAX_AREA`]: as a stray value
/// at `far` when most of the area is empty, else as a table to save as CSV.
fn check_area(
    sheet: &str,
    first: (u32, u32),
    last: (u32, u32),
    far: (u32, u32),
    filled: u64,
) -> Result<(), String> {
    let area = u64::from(last.0 - first.0 + 1) * u64::from(last.1 - first.1 + 1);
    if area <= MAX_AREA {
        return Ok(());
    }
    let at = |(r, c): (u32, u32)| format!("{}{}", crate::diag::column_letters(c), r + 1);
    let span = format!("{}:{}", at(first), at(last));
    Err(if filled < area / 2 {
        format!(
            "the cells of sheet `{sheet}` span {span} ({area} cells, {filled} of them filled): \
             is the value at `{sheet}!{}` a stray one? Delete it, or copy the table to a new sheet",
            at(far)
        )
    } else {
        format!(
            "sheet `{sheet}` holds {area} cells ({span}), more than a workbook is read for \
             ({MAX_AREA}): save the sheet as a .csv, which is read at any size"
        )
    })
}

fn cannot_read(sheet: &str, e: impl std::fmt::Display) -> String {
    format!("cannot read sheet `{sheet}`: {e}")
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
    fn a_sheet_too_large_to_read_is_a_stray_value_or_a_table_for_csv() {
        // 10,000,000 cells is the most: 50,000 rows × 200 columns pass, one more row does not.
        assert!(check_area("S", (0, 0), (49_999, 199), (49_999, 199), 10_000_000).is_ok());
        let dense = check_area("S", (0, 0), (50_000, 199), (50_000, 199), 10_000_200);
        assert_eq!(
            dense.unwrap_err(),
            "sheet `S` holds 10000200 cells (A1:GR50001), more than a workbook is read for \
             (10000000): save the sheet as a .csv, which is read at any size"
        );
        // Mostly empty: the value that stretched the area is named.
        let stray = check_area("S", (0, 0), (1_048_575, 30), (1_048_575, 2), 500);
        assert_eq!(
            stray.unwrap_err(),
            "the cells of sheet `S` span A1:AE1048576 (32505856 cells, 500 of them filled): is \
             the value at `S!C1048576` a stray one? Delete it, or copy the table to a new sheet"
        );
    }

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
