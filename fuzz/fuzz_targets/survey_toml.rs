#![no_main]
//! Any bytes as a TOML survey, checked against every test framework, then scored.

mod common;

use std::sync::LazyLock;

use beltscope::diag;
use beltscope::model::{Framework, Input, SurveyDoc};
use libfuzzer_sys::fuzz_target;

static FRAMEWORKS: LazyLock<Vec<Framework>> = LazyLock::new(common::frameworks);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (doc, problems) = SurveyDoc::parse_lenient("s.toml", &text);
    let _ = diag::render(&problems);
    let Some(doc) = doc else { return };
    for fw in FRAMEWORKS.iter() {
        let _ = diag::render(&doc.check_against(fw));
        let input = Input {
            doc: doc.clone(),
            framework: fw.clone(),
            framework_name: fw.id.clone(),
        };
        if let Err(p) = input.matrix() {
            let _ = diag::render(&p);
        }
        common::check_input(&input);
    }
});
