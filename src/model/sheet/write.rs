//! Writing a table: CSV that Excel opens correctly (UTF-8 with a BOM, CRLF), and `.xlsx` with
//! named headers, a frozen header row and, for a blank template, a sheet describing each
//! indicator. Every value is written so that reading the file back gives the same number.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

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
pub fn write_xlsx(t: &Table, fw: &Framework, zh: bool, template: bool) -> Result<Vec<u8>, String> {
    build_xlsx(t, fw, zh, template).map_err(|e| format!("cannot write the workbook: {e}"))
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
    let head: [&str; 9] = if zh {
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
    };
    for (c, h) in head.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), *h, bold)?;
    }
    let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
    for (r, ind) in fw.indicators.iter().enumerate() {
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
        let cells = [
            ind.id.clone(),
            pick(&ind.name, ind.name_zh.as_ref()),
            pick(&circle.name, circle.name_zh.as_ref()),
            pick(&dim.name, dim.name_zh.as_ref()),
            ind.unit.clone(),
            direction,
            ind.source.clone(),
            bounds,
            ind.description.clone(),
        ];
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
