#![no_main]
//! Any bytes as a workbook (`.xlsx`, `.ods`): the sheet reader, then the one survey loader.

mod common;

use std::path::Path;

use beltscope::diag;
use beltscope::files::read_survey_bytes;
use beltscope::model::sheet::workbook::read_sheet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read_sheet("w.xlsx", data, None);
    let _ = read_sheet("w.ods", data, Some("Sheet1"));
    for name in ["w.xlsx", "w.ods"] {
        let (input, problems) = read_survey_bytes(Path::new(name), data.to_vec(), None, None);
        let _ = diag::render(&problems);
        if let Some(input) = input {
            common::check_input(&input);
        }
    }
});
