#![no_main]
//! Any bytes as questionnaire answers, read as `beltscope aggregate` reads them, then summarised.

mod common;

use std::sync::LazyLock;

use beltscope::diag;
use beltscope::engine::questionnaire::aggregate;
use beltscope::model::Framework;
use beltscope::model::responses::Responses;
use beltscope::model::sheet::decode::decode;
use beltscope::model::sheet::workbook::{is_workbook, read_sheet};
use libfuzzer_sys::fuzz_target;

static FRAMEWORKS: LazyLock<Vec<Framework>> = LazyLock::new(common::frameworks);

fuzz_target!(|data: &[u8]| {
    let grid = if is_workbook(data) {
        read_sheet("r.xlsx", data, None).ok()
    } else {
        decode(data)
            .ok()
            .map(|(text, _)| beltscope::model::sheet::Grid::from_csv("r.csv", &text))
    };
    let Some(grid) = grid else { return };
    for fw in FRAMEWORKS.iter() {
        match Responses::from_grid(&grid, fw) {
            Ok(r) => common::check_aggregate(&aggregate(fw, &r)),
            Err(p) => {
                assert!(!p.is_empty());
                let _ = diag::render(&p);
            }
        }
    }
});
