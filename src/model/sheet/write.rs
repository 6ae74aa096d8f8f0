//! Writing a table: CSV that Excel opens correctly (UTF-8 with a BOM, CRLF), and `.xlsx` with
//! named headers, a frozen header row and, for a blank template, a sheet describing each
//! indicator. Every value is written so that reading the file back gives the same number.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use crate::diag::Problem;
use crate::error::Failure;
use crate::model::csv::escape;
use crate::model::framework::{Framework, Indicator};

use super::Table;
use super::number::format_exact;

/// The table as CSV: BOM, CRLF, header `label[,region,period],<indicator id>,...`, integer labels
/// as written, values in their shortest exact form, a missing value as an empty cell.
pub fn write_csv(t: &Table, fw: &Framework) -> Vec<u8> {
    csv_with(t, ["label", "region", "period"], |i| {
        fw.indicators[i].id.clone()
    })
}

/// [`write_csv`] with the header a person reads: indicators by name and unit
/// ([`column_title`]), in Chinese when `zh` (`标签`, `地区`, `年份`). Reads back the same.
pub fn write_csv_named(t: &Table, fw: &Framework, zh: bool) -> Vec<u8> {
    let heads = if zh {
        ["标签", "地区", "年份"]
    } else {
        ["label", "region", "period"]
    };
    csv_with(t, heads, |i| column_title(&fw.indicators[i], zh))
}

fn csv_with(t: &Table, heads: [&str; 3], title: impl Fn(usize) -> String) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let mut head = vec![heads[0].to_string()];
    if t.panel.is_some() {
        head.extend([heads[1].to_string(), heads[2].to_string()]);
    }
    head.extend(t.indicators.iter().map(|&i| title(i)));
    push_line(&mut out, &head);
    for (r, label) in t.labels.iter().enumerate() {
        let mut line = vec![label.clone()];
        if let Some(key) = t.panel.as_ref().and_then(|p| p.get(r)) {
            line.extend([key.region.clone(), key.period.to_string()]);
        }
        line.extend(t.row(r).map(|v| v.map_or_else(String::new, format_exact)));
        push_line(&mut out, &line);
    }
    out.into_bytes()
}

fn push_line(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// The header of an indicator column: its name and unit, in Chinese (`name_zh（unit）`) or
/// English (`name (unit)`); reading matches the name and ignores the unit.
pub fn column_title(ind: &Indicator, zh: bool) -> String {
    let unit = ind.unit.trim();
    match (zh, ind.name_zh.as_deref()) {
        (true, Some(name)) if unit.is_empty() => name.to_string(),
        (true, Some(name)) => format!("{name}（{unit}）"),
        _ if unit.is_empty() => ind.name.clone(),
        _ => format!("{} ({unit})", ind.name),
    }
}

/// The table as an `.xlsx` workbook. `zh` picks Chinese headers; `template` adds a second sheet
/// describing every indicator (unit, direction, source, bounds), for a blank survey to fill in.
/// What a workbook cannot hold is bad input, every instance named ([`xlsx_problems`]).
pub fn write_xlsx(t: &Table, fw: &Framework, zh: bool, template: bool) -> Result<Vec<u8>, Failure> {
    let problems = xlsx_problems(t, fw, zh, template);
    if !problems.is_empty() {
        return Err(Failure::Invalid(problems));
    }
    build_xlsx(t, fw, zh, template)
        .map_err(|e| Failure::Other(format!("cannot write the workbook: {e}")))
}

/// Excel's limits: characters in a cell, rows and columns in a sheet.
const CELL_CHARS: usize = 32_767;
const SHEET_ROWS: usize = 1_048_576;
const SHEET_COLUMNS: usize = 16_384;

/// What an `.xlsx` of the table cannot hold: a sheet of more than 1,048,576 rows or 16,384
/// columns, a cell of more than 32,767 characters. Checked before writing, so that the user
/// learns which observation or indicator to change; the writer would only refuse, unnamed.
pub fn xlsx_problems(t: &Table, fw: &Framework, zh: bool, template: bool) -> Vec<Problem> {
    let csv = "write a .csv instead: it has no such limit";
    let mut out = Vec::new();
    if t.labels.len() >= SHEET_ROWS {
        out.push(
            Problem::new(format!(
                "{} observations do not fit in an Excel sheet ({} rows below the header at most)",
                t.labels.len(),
                SHEET_ROWS - 1
            ))
            .help(csv),
        );
    }
    let columns = 1 + if t.panel.is_some() { 2 } else { 0 } + t.indicators.len();
    if columns > SHEET_COLUMNS {
        out.push(
            Problem::new(format!(
                "{columns} columns do not fit in an Excel sheet ({SHEET_COLUMNS} at most)"
            ))
            .help(csv),
        );
    }
    let shorten = |what: String, text: &str| {
        // Only a text of more bytes than the limit can have more characters.
        (text.len() > CELL_CHARS && text.chars().count() > CELL_CHARS).then(|| {
            Problem::new(format!(
                "{what} has {} characters; an Excel cell holds {CELL_CHARS} at most",
                text.chars().count()
            ))
            .help(format!("shorten it, or {csv}"))
        })
    };
    for (r, label) in t.labels.iter().enumerate() {
        out.extend(shorten(
            format!("the label of observation {}", r + 1),
            label,
        ));
        if let Some(key) = t.panel.as_ref().and_then(|p| p.get(r)) {
            let what = format!("the region of observation {}", r + 1);
            out.extend(shorten(what, &key.region));
        }
    }
    for &i in &t.indicators {
        let what = format!("the column title of indicator `{}`", fw.indicators[i].id);
        out.extend(shorten(what, &column_title(&fw.indicators[i], zh)));
    }
    if template {
        for (ind, cells) in fw.indicators.iter().zip(description_rows(fw, zh)) {
            for (head, text) in description_head(zh).iter().zip(&cells) {
                let what = format!("the {head} of indicator `{}`", ind.id);
                out.extend(shorten(what, text));
            }
        }
    }
    out
}

fn build_xlsx(t: &Table, fw: &Framework, zh: bool, template: bool) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(if zh { "数据" } else { "Data" })?;
    let mut head: Vec<String> = vec![if zh { "标签" } else { "label" }.to_string()];
    if t.panel.is_some() {
        let names = if zh {
            ["地区", "年份"]
        } else {
            ["region", "period"]
        };
        head.extend(names.map(String::from));
    }
    let first_value = head.len();
    head.extend(
        t.indicators
            .iter()
            .map(|&i| column_title(&fw.indicators[i], zh)),
    );
    let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
    for (c, h) in head.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), h, &bold)?;
    }
    for (r, label) in t.labels.iter().enumerate() {
        let row = (r + 1) as u32;
        write_label(sheet, row, 0, label)?;
        widths[0] = widths[0].max(label.width());
        if let Some(key) = t.panel.as_ref().and_then(|p| p.get(r)) {
            sheet.write_string(row, 1, &key.region)?;
            sheet.write_number(row, 2, key.period as f64)?;
            widths[1] = widths[1].max(key.region.width());
        }
        for (c, v) in t.row(r).enumerate() {
            if let Some(x) = v {
                sheet.write_number(row, col(first_value + c), x)?;
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        // Headers wider than 40 columns wrap in the cell rather than make a sheet of scrolling.
        sheet.set_column_width(col(c), (*w as f64 + 2.0).clamp(8.0, 40.0))?;
    }
    sheet.set_freeze_panes(1, 1)?;
    if template {
        describe(book.add_worksheet(), fw, zh, &bold)?;
    }
    book.save_to_buffer()
}

/// The table in the yearbook layout: one row per indicator (name and unit in column A),
/// one column per observation (labels in the header row, years as numbers). Reading it back
/// recognises the layout and gives the same table. A panel cannot be laid out this way.
pub fn write_xlsx_yearbook(t: &Table, fw: &Framework, zh: bool) -> Result<Vec<u8>, String> {
    if t.panel.is_some() {
        return Err("a panel has regions and periods: write it with observations as rows".into());
    }
    build_yearbook(t, fw, zh).map_err(|e| format!("cannot write the workbook: {e}"))
}

fn build_yearbook(t: &Table, fw: &Framework, zh: bool) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(if zh { "年鉴" } else { "Yearbook" })?;
    let corner = if zh { "指标" } else { "indicator" };
    sheet.write_string_with_format(0, 0, corner, &bold)?;
    let mut first = corner.width();
    for (c, label) in t.labels.iter().enumerate() {
        write_label(sheet, 0, col(c + 1), label)?;
    }
    for (r, &i) in t.indicators.iter().enumerate() {
        let row = (r + 1) as u32;
        let title = column_title(&fw.indicators[i], zh);
        first = first.max(title.width());
        sheet.write_string(row, 0, &title)?;
        for c in 0..t.labels.len() {
            if let Some(x) = t.value(c, r) {
                sheet.write_number(row, col(c + 1), x)?;
            }
        }
    }
    sheet.set_column_width(0, (first as f64 + 2.0).clamp(8.0, 60.0))?;
    sheet.set_freeze_panes(1, 1)?;
    book.save_to_buffer()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// A label that is a plain integer (`2019`) goes in as a number, as a user would type it.
fn write_label(sheet: &mut Worksheet, row: u32, c: u16, label: &str) -> Result<(), XlsxError> {
    match label.parse::<i64>() {
        Ok(n) if n.to_string() == label && n.unsigned_abs() < 1 << 53 => {
            sheet.write_number(row, c, n as f64)?;
        }
        _ => {
            sheet.write_string(row, c, label)?;
        }
    }
    Ok(())
}

/// The second sheet of a template: one row per indicator with what an officer needs to find it.
fn describe(
    sheet: &mut Worksheet,
    fw: &Framework,
    zh: bool,
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name(if zh { "指标说明" } else { "Indicators" })?;
    let head = description_head(zh);
    for (c, h) in head.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), *h, bold)?;
    }
    let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
    for (r, cells) in description_rows(fw, zh).enumerate() {
        for (c, text) in cells.iter().enumerate() {
            sheet.write_string((r + 1) as u32, col(c), text)?;
            widths[c] = widths[c].max(text.width());
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(col(c), (*w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// The headers of the template's indicator sheet.
fn description_head(zh: bool) -> [&'static str; 9] {
    if zh {
        [
            "id",
            "指标",
            "圈层",
            "维度",
            "单位",
            "方向",
            "数据来源",
            "参考区间",
            "说明",
        ]
    } else {
        [
            "id",
            "indicator",
            "circle",
            "dimension",
            "unit",
            "direction",
            "source",
            "bounds",
            "description",
        ]
    }
}

/// The template's indicator sheet, a row of cells per indicator.
fn description_rows(fw: &Framework, zh: bool) -> impl Iterator<Item = [String; 9]> + '_ {
    fw.indicators.iter().map(move |ind| {
        let dim = &fw.dimensions[ind.dimension];
        let circle = &fw.circles[ind.circle];
        let pick = |en: &str, zh_name: Option<&String>| match (zh, zh_name) {
            (true, Some(z)) => z.clone(),
            _ => en.to_string(),
        };
        let direction = match (zh, ind.direction.as_str()) {
            (true, "negative") => "负向（越小越好）".to_string(),
            (true, _) => "正向（越大越好）".to_string(),
            (false, d) => d.to_string(),
        };
        let bounds = ind.bounds.map_or_else(String::new, |(lo, hi)| {
            format!("[{}, {}]", format_exact(lo), format_exact(hi))
        });
        [
            ind.id.clone(),
            pick(&ind.name, ind.name_zh.as_ref()),
            pick(&circle.name, circle.name_zh.as_ref()),
            pick(&dim.name, dim.name_zh.as_ref()),
            ind.unit.clone(),
            direction,
            ind.source.clone(),
            bounds,
            ind.description.clone(),
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(t: &Table, fw: &Framework, template: bool) -> Vec<String> {
        (xlsx_problems(t, fw, false, template).into_iter())
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn a_cell_is_limited_in_characters_not_bytes() {
        let fw = Framework::default_framework();
        // 20,000 Chinese characters are 60,000 bytes, and fit; 32,768 ASCII ones do not.
        let fits = Table::blank(&fw, vec!["义".repeat(20_000), "a".repeat(32_767)]);
        assert!(messages(&fits, &fw, false).is_empty());
        let over = Table::blank(&fw, vec!["a".into(), "b".repeat(32_768)]);
        assert_eq!(
            messages(&over, &fw, false),
            ["the label of observation 2 has 32768 characters; an Excel cell holds 32767 at most"]
        );
        assert!(matches!(
            write_xlsx(&over, &fw, false, false),
            Err(Failure::Invalid(p)) if p.len() == 1
        ));
    }

    #[test]
    fn a_template_names_the_indicator_text_that_is_too_long() {
        let mut fw = Framework::default_framework();
        fw.indicators[3].description = "d".repeat(40_000);
        let t = Table::blank(&fw, vec!["2024".into()]);
        assert!(
            messages(&t, &fw, false).is_empty(),
            "only the template shows it"
        );
        let id = &fw.indicators[3].id;
        assert_eq!(
            messages(&t, &fw, true),
            [format!(
                "the description of indicator `{id}` has 40000 characters; an Excel cell holds 32767 at most"
            )]
        );
    }

    #[test]
    fn a_sheet_is_limited_in_rows_and_columns() {
        let fw = Framework::default_framework();
        let wide = Table::new(
            vec!["a".into()],
            None,
            vec![0; 16_384],
            vec![vec![None; 16_384]],
        );
        assert_eq!(
            messages(&wide, &fw, false),
            ["16385 columns do not fit in an Excel sheet (16384 at most)"]
        );
        let m = 1_048_576;
        let long = Table::new(vec![String::new(); m], None, vec![], vec![vec![]; m]);
        assert_eq!(
            messages(&long, &fw, false),
            [
                "1048576 observations do not fit in an Excel sheet (1048575 rows below the header at most)"
            ]
        );
    }
}
