//! The countermeasures for the weak dimensions.

use crate::lang::{Lang, pick};
use crate::report::doc::Doc;
use crate::textfmt::pct1;

use super::words::cm_title;
use super::{Ctx, S_MEASURES};

pub(super) fn countermeasures(cx: &Ctx, d: &mut Doc) {
    let fw = cx.fw;
    let a = cx.a;
    let f = cx.f;
    d.h2(&format!(
        "{S_MEASURES}. {}",
        cx.l("Countermeasures", "对策建议")
    ));
    let cms = &a.countermeasures[f];
    let weak = &a.weak_dimensions[f];
    if cms.is_empty() {
        d.para(if weak.is_empty() {
            cx.l(
                "There are no weak dimensions, so no countermeasure is called for.",
                "没有薄弱维度，无需对策。",
            )
        } else {
            cx.l(
                "The framework links no countermeasure to the weak dimensions.",
                "指标体系中没有与薄弱维度对应的对策。",
            )
        });
        return;
    }
    d.para(&match cx.lang {
        Lang::En => format!(
            "The countermeasures the framework links to the weak dimensions of {}, most urgent first (ordered by the rank of the weakest dimension each one answers).",
            d.u(&a.labels[f])
        ),
        Lang::Zh => format!(
            "指标体系中与 {} 的薄弱维度对应的对策，按紧迫程度排列（以其所针对的最薄弱维度的排名为序）。",
            d.u(&a.labels[f])
        ),
    });
    for (n, &k) in cms.iter().enumerate() {
        let cm = &fw.countermeasures[k];
        d.h3(&format!(
            "{}.{} {}",
            S_MEASURES,
            n + 1,
            d.u(&cm_title(cx, k))
        ));
        d.para(&d.u(pick(cx.lang, &cm.text, cm.text_zh.as_deref())));
        let answers: Vec<String> = cm
            .dimensions
            .iter()
            .filter_map(|dim| weak.iter().position(|w| w == dim).map(|r| (r, *dim)))
            .map(|(r, dim)| match cx.lang {
                Lang::En => format!(
                    "{} (weak dimension #{}, obstacle {})",
                    d.u(cx.dim_short(dim)),
                    r + 1,
                    pct1(a.obstacles[f].dimensions[dim])
                ),
                Lang::Zh => format!(
                    "{}（第{}薄弱维度，障碍度 {}）",
                    d.u(cx.dim_short(dim)),
                    r + 1,
                    pct1(a.obstacles[f].dimensions[dim])
                ),
            })
            .collect();
        d.para(&format!(
            "{}{}",
            d.strong(cx.l("Answers: ", "针对：")),
            answers.join(cx.l("; ", "；"))
        ));
    }
}
