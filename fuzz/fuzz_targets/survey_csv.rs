#![no_main]
//! Any bytes through the one survey loader as a `.csv` (UTF-8, GBK, UTF-16 ...), then scored.

mod common;

use std::path::Path;

use beltscope::diag;
use beltscope::files::read_survey_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (input, problems) = read_survey_bytes(Path::new("s.csv"), data.to_vec(), None, None);
    let _ = diag::render(&problems);
    if let Some(input) = input {
        common::check_input(&input);
    }
});
