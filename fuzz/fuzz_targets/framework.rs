#![no_main]
//! Any bytes as a framework file: read or refused with located problems, never a panic.

use beltscope::diag;
use beltscope::model::Framework;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Framework::parse("f.toml", &text) {
        Ok(fw) => {
            assert!(!fw.indicators.is_empty());
            for ind in &fw.indicators {
                assert!(ind.circle < fw.circles.len() && ind.dimension < fw.dimensions.len());
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            let _ = diag::render(&problems);
        }
    }
});
