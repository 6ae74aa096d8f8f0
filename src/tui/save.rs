//! Writing a CSV survey back as CSV, through the sheet layer's writer (UTF-8 with a BOM, CRLF,
//! so Excel opens it right): the header's column order is kept, indicators the file did not
//! have are appended in framework order, missing values stay empty cells, a panel keeps its
//! region and period columns.

use crate::model::sheet::{Table, write_csv};
use crate::model::{Framework, Survey};

/// The survey as CSV bytes (`label[,region,period],<indicator id>,...`).
pub fn to_csv(s: &Survey, fw: &Framework, columns: &[String]) -> Vec<u8> {
    let mut indicators: Vec<usize> = columns
        .iter()
        .filter_map(|c| fw.indicator_index(c))
        .collect();
    for i in 0..fw.indicators.len() {
        if !indicators.contains(&i) {
            indicators.push(i);
        }
    }
    let values = s
        .observations
        .iter()
        .map(|o| {
            indicators
                .iter()
                .map(|&i| o.values.get(&fw.indicators[i].id).copied())
                .collect()
        })
        .collect();
    let labels = s.observations.iter().map(|o| o.label.clone()).collect();
    let table = Table::new(labels, s.panel_keys(), indicators, values);
    write_csv(&table, fw)
}
