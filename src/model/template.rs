//! The questionnaire workbook an officer sends to firms: one row per answered questionnaire,
//! in exactly the layout `aggregate` reads back (`observation`, `respondent`, one column per
//! Likert-scale indicator). Each header cell starts with the column's id, then explains the
//! question in Chinese and English and what the scale's ends mean.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use crate::model::{Direction, Framework, Indicator};

/// The text of a question's header cell: id, Chinese and English question, scale meaning.
pub fn question_header(ind: &Indicator) -> Option<String> {
    let (lo, hi) = ind.scale?;
    let zh = ind.name_zh.as_deref().unwrap_or(&ind.name);
    let (bad, good) = match ind.direction {
        Direction::Positive => ("很差 very poor", "很好 very good"),
        // A negative item asks about a burden: its high end is the bad one.
        Direction::Negative => ("很低 very low", "很高 very high"),
    };
    Some(format!(
        "{}\n请评价：{zh}\nPlease rate: {}\n{lo} = {bad} … {hi} = {good}",
        ind.id, ind.name
    ))
}

/// The scale indicators of a framework, in framework order.
pub fn scale_indicators(fw: &Framework) -> Vec<&Indicator> {
    fw.indicators.iter().filter(|i| i.scale.is_some()).collect()
}

/// The questionnaire workbook as bytes; an error when the framework has no scale indicator.
pub fn questionnaire_xlsx(fw: &Framework) -> Result<Vec<u8>, String> {
    let items = scale_indicators(fw);
    if items.is_empty() {
        return Err(format!(
            "framework `{}` has no indicator with a `scale`, so there is no questionnaire",
            fw.id
        ));
    }
    build(fw, &items).map_err(|e| format!("cannot write the workbook: {e}"))
}

fn build(fw: &Framework, items: &[&Indicator]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let sheet = book.add_worksheet();
    sheet.set_name("responses")?;
    let keys = [
        "observation\n观测：年份或地区\nyear or region",
        "respondent\n受访企业编号\nrespondent (firm) code",
    ];
    for (c, text) in keys.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *text, &head)?;
        sheet.set_column_width(c as u16, 16)?;
    }
    for (k, ind) in items.iter().enumerate() {
        let c = u16::try_from(k + 2).unwrap_or(u16::MAX);
        let text = question_header(ind).unwrap_or_else(|| ind.id.clone());
        sheet.write_string_with_format(0, c, &text, &head)?;
        sheet.set_column_width(c, 28)?;
    }
    sheet.set_row_height(0, 80)?;
    sheet.set_freeze_panes(1, 2)?;
    let notes = book.add_worksheet();
    notes.set_name("说明 instructions")?;
    let lines = [
        format!("问卷：{} / Questionnaire: {}", fw.name, fw.name),
        "每份答卷填一行：观测（年份或地区）、受访企业编号，然后每题填一个整数分值；不答的题留空。".into(),
        "One row per answered questionnaire: the observation (year or region), the respondent's code, then a whole number per question; leave a question blank if not answered.".into(),
        "不要改动第一行的题目编号（每个表头单元格的第一行）。 Do not change the ids in the first line of each header cell.".into(),
        "汇总 / aggregate: beltscope aggregate questionnaire.xlsx -o survey.toml".into(),
    ];
    for (r, line) in lines.iter().enumerate() {
        notes.write_string(r as u32, 0, line)?;
    }
    notes.set_column_width(0, 120)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_start_with_the_id_and_explain_the_scale() {
        let fw = Framework::default_framework();
        let items = scale_indicators(&fw);
        assert!(!items.is_empty());
        let h = question_header(items[0]).unwrap();
        assert_eq!(h.lines().next(), Some(items[0].id.as_str()));
        assert!(h.contains("1 = ") && h.contains("5 = "), "{h}");
        assert!(questionnaire_xlsx(&fw).unwrap().starts_with(b"PK"));
    }
}
