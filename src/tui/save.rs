//! Writing a CSV survey back as CSV: the header's column order is kept, indicators the file did
//! not have are appended in framework order, missing values stay empty cells.

use crate::model::csv::escape;
use crate::model::{Framework, Survey};
use crate::textfmt::format_number;

/// The survey as CSV text (`label,<indicator id>,...`).
pub fn to_csv(s: &Survey, fw: &Framework, columns: &[String]) -> String {
    let mut cols: Vec<String> = columns.to_vec();
    for ind in &fw.indicators {
        if !cols.contains(&ind.id) {
            cols.push(ind.id.clone());
        }
    }
    let mut out = String::from("label");
    for c in &cols {
        out.push(',');
        out.push_str(&escape(c));
    }
    out.push('\n');
    for o in &s.observations {
        out.push_str(&escape(&o.label));
        for c in &cols {
            out.push(',');
            if let Some(v) = o.values.get(c) {
                out.push_str(&format_number(*v));
            }
        }
        out.push('\n');
    }
    out
}
