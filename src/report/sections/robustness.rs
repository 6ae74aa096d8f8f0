//! "How robust is this?": the sensitivity analysis of `report --sensitivity`, so the reader
//! sees which conclusions survive other plausible weights before acting on them.

use crate::report::doc::Doc;
use crate::sensitivity_view::{findings, table, what_varied};

use super::Ctx;

/// The section, numbered `number` (after the countermeasures and, when shown, the dynamics).
pub(super) fn robustness(cx: &Ctx, d: &mut Doc, number: usize) {
    let Some(r) = &cx.opts.sensitivity else {
        return;
    };
    d.h2(&format!(
        "{number}. {}",
        cx.l("How robust is this?", "结论的稳健性")
    ));
    d.para(&match cx.lang {
        crate::lang::Lang::En => format!(
            "The entropy weights are estimated from the data, so they are uncertain. To see how much that matters, the assessment was repeated: {}. The table gives each observation's coordination degree D at base, the median and the 5th–95th percentile band of the runs, the share of runs that keep its level, and its rank by D (1 = highest) with its 5th–95th percentile band.",
            what_varied(r, cx.lang)
        ),
        crate::lang::Lang::Zh => format!(
            "熵权由数据估计得出，存在不确定性。为检验其影响，重复进行了评估：{}。下表给出各观测协调度 D 的基准值、模拟中位数和 5%–95% 分位区间，保持原协调等级的模拟比例，以及按 D 的名次（1 为最高）及其 5%–95% 分位区间。",
            what_varied(r, cx.lang)
        ),
    });
    let mut t = table(r, cx.lang);
    for row in &mut t.rows {
        if let Some(label) = row.first_mut() {
            *label = d.u(label);
        }
    }
    d.table(&t);
    d.bullets(&findings(cx.fw, r, cx.lang));
}

/// The flags that reproduce the analysis, for the method section's options line.
pub(super) fn flags(cx: &Ctx) -> String {
    cx.opts.sensitivity.as_ref().map_or_else(String::new, |r| {
        format!(
            " --sensitivity --runs {} --seed {}",
            r.options.runs, r.options.seed
        )
    })
}
