//! The countermeasures for the weak dimensions.

use crate::lang::{Lang, pick};
use crate::report::doc::Doc;
use crate::textfmt::{num3, pct1};

use super::words::{cm_title, nothing_in_the_way};
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
        let p = if !weak.is_empty() {
            cx.l(
                "The framework links no countermeasure to the weak dimensions.",
                "指标体系中没有与薄弱维度对应的对策。",
            )
            .to_string()
        } else if a.method.top == 0 {
            cx.l(
                "No weak dimensions were asked for (top = 0), so no countermeasures are listed.",
                "未要求识别薄弱维度（top = 0），因此不列出对策。",
            )
            .to_string()
        } else {
            nothing_in_the_way(cx, d, f)
        };
        d.para(&p);
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
        let mut ranked: Vec<(usize, usize)> = cm
            .dimensions
            .iter()
            .filter_map(|dim| weak.iter().position(|w| w == dim).map(|r| (r, *dim)))
            .collect();
        // Most urgent first, like the countermeasures themselves.
        ranked.sort_unstable();
        let answers: Vec<String> = ranked
            .into_iter()
            .map(|(r, dim)| match cx.lang {
                Lang::En => format!(
                    "{} (weak dimension #{}, obstacle {})",
                    d.u(cx.dim_short(dim)),
                    r + 1,
                    pct1(a.obstacles_of(f).dimensions[dim])
                ),
                Lang::Zh => format!(
                    "{}（第{}薄弱维度，障碍度 {}）",
                    d.u(cx.dim_short(dim)),
                    r + 1,
                    pct1(a.obstacles_of(f).dimensions[dim])
                ),
            })
            .collect();
        let mut lines = vec![format!(
            "{}{}",
            d.strong(cx.l("Answers: ", "针对：")),
            answers.join(cx.l("; ", "；"))
        )];
        if let Some(lead) = &cm.lead {
            lines.push(format!(
                "{}{}",
                d.strong(cx.l("Lead: ", "牵头部门：")),
                d.u(pick(cx.lang, lead, cm.lead_zh.as_deref()))
            ));
        }
        if !cm.targets.is_empty() {
            let targets: Vec<String> = cm
                .targets
                .iter()
                .map(|&j| match cx.lang {
                    Lang::En => format!("{} (z = {})", d.u(cx.ind(j)), num3(a.z(f, j))),
                    Lang::Zh => format!("{}（z = {}）", d.u(cx.ind(j)), num3(a.z(f, j))),
                })
                .collect();
            lines.push(format!(
                "{}{}",
                d.strong(cx.l("Target indicators: ", "目标指标：")),
                targets.join(cx.l("; ", "；"))
            ));
        }
        for line in lines {
            d.para(&line);
        }
    }
}
