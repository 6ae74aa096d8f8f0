//! Writes the example workbooks from the example surveys, with the library's own writer, so the
//! shipped files always match the surveys and the reader:
//!
//! - `surveys/example-yearbook.xlsx`: `surveys/example-belt.toml` in the yearbook layout
//!   (indicators down with their Chinese names and units, years across), with a few cells left
//!   empty as a real yearbook has them.
//!
//! Run with `cargo run --example make_examples`.

use std::path::Path;
use std::process::ExitCode;

use beltscope::files::{load_input, write_atomic};
use beltscope::model::sheet::{Table, write_xlsx_yearbook};

/// Cells left empty in the yearbook: (year, indicator id) — figures a yearbook did not print.
/// Scoring it therefore needs `--impute`; the first gap is before the first printed value, the
/// others lie between printed years.
const GAPS: [(&str, &str); 3] = [
    ("2019", "own_brand_share"),
    ("2021", "cbec_export_share"),
    ("2022", "data_sharing_share"),
];

fn main() -> ExitCode {
    let input = match load_input(Path::new("surveys/example-belt.toml"), None) {
        Ok(i) => i,
        Err(problems) => {
            eprint!("{}", beltscope::diag::render(&problems));
            return ExitCode::FAILURE;
        }
    };
    let fw = &input.framework;
    let mut survey = input.doc.survey.clone();
    for (label, id) in GAPS {
        // A gap that names no value means the survey or the framework moved on: say so rather
        // than ship a yearbook without its gaps.
        let removed = survey
            .observations
            .iter_mut()
            .find(|o| o.label == label)
            .and_then(|o| o.values.shift_remove(id));
        if removed.is_none() {
            eprintln!("the example survey has no value of {id} for {label} to leave empty");
            return ExitCode::FAILURE;
        }
    }
    let table = Table::from_survey(&survey, fw, None);
    let out = Path::new("surveys/example-yearbook.xlsx");
    let written = write_xlsx_yearbook(&table, fw, true)
        .and_then(|bytes| write_atomic(out, &bytes).map_err(|e| e.to_string()));
    match written {
        Ok(()) => {
            println!(
                "wrote {}: {} indicators × {} years, {} cells empty",
                out.display(),
                table.indicators.len(),
                table.labels.len(),
                GAPS.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
