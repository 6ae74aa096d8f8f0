//! Section 1, the summary: the focus observation's level, its lagging circles, its trend or
//! rank, and the priorities.

use std::cmp::Ordering;

use crate::engine::CouplingModel;
use crate::lang::Lang;
use crate::report::doc::Doc;
use crate::textfmt::{num3, pct1};

use super::appendix::impute_how;
use super::words::{
    cm_title, few_observations, nothing_in_the_way, round3, signed3, standing, zero_circle_words,
};
use super::{Ctx, S_COUPLING, S_MEASURES, basis};

pub(super) fn summary(cx: &Ctx, d: &mut Doc) {
    let a = cx.a;
    let f = cx.f;
    let c = &a.coupling[f];
    let label = d.u(&a.labels[f]);
    let n = cx.fw.circles.len();
    d.h2(cx.l("1. Summary", "1. 摘要"));

    let mut p = match cx.lang {
        Lang::En => format!(
            "In {label}, the coupling coordination degree of the {} circles is D = {}, level {} of 10 ({}) on the ten-level scale of section {S_COUPLING}. D = √(C·T) combines how high the circle scores are (T = {}) with how evenly they are matched (C = {}, coupling stage {}, {}).",
            cx.count_word(n),
            num3(c.d),
            c.level,
            cx.level(c.level),
            num3(c.t),
            num3(c.c),
            c.stage,
            cx.lang.stage_name(c.stage)
        ),
        Lang::Zh => format!(
            "{}，{}个圈层的耦合协调度 D = {}，处于十级划分（见第{S_COUPLING}节）中的第{}级（{}）。D = √(C·T) 综合了圈层得分的高低（T = {}）与圈层之间的匹配程度（C = {}，耦合阶段为第{}阶段“{}”）。",
            cx.when(&label),
            cx.count_word(n),
            num3(c.d),
            c.level,
            cx.level(c.level),
            num3(c.t),
            num3(c.c),
            c.stage,
            cx.lang.stage_name(c.stage)
        ),
    };
    p.push_str(cx.l(" ", ""));
    p.push_str(&standing(cx, d, f));
    d.para(&p);
    if let Some(few) = few_observations(cx) {
        d.para(&few);
    }
    if !a.imputed.is_empty() {
        let k = a.imputed.len();
        let cells = a.m() * cx.fw.indicators.len();
        let how = impute_how(cx.lang, a.method.impute);
        let flag = d.code(&format!("--impute {}", a.method.impute.as_str()));
        let star = d.u("*");
        d.para(&match cx.lang {
            Lang::En => format!(
                "{} of the {cells} data {} empty and {} filled in with {how} ({flag}); the appendix marks {} with {star} and lists {}.",
                if k == 1 { "One".to_string() } else { k.to_string() },
                if k == 1 { "cells was" } else { "cells were" },
                if k == 1 { "was" } else { "were" },
                if k == 1 { "it" } else { "them" },
                if k == 1 { "it" } else { "them" },
            ),
            Lang::Zh => format!(
                "{cells} 个数据单元格中有 {k} 个为空，已用{how}填补（{flag}）；附录中以 {star} 标出并逐一列出。"
            ),
        });
    }

    let zero = cx.zero_circles(f);
    if !zero.is_empty() {
        d.para(&zero_circle_words(cx, d, f, &zero));
    }

    // Lagging circles.
    let u = a.circles(f);
    let best = (0..n)
        .max_by(|&x, &y| u[x].partial_cmp(&u[y]).unwrap_or(Ordering::Equal))
        .unwrap_or(0);
    let p = if c.lagging.is_empty() {
        let min = u.iter().cloned().fold(f64::INFINITY, f64::min);
        match cx.lang {
            Lang::En => format!(
                "No circle lags: every circle score is within 0.1 of the best (U from {} to {}), so by this rule the circles are in step.",
                num3(min),
                num3(u[best])
            ),
            Lang::Zh => format!(
                "没有滞后圈层：各圈层得分与最高者之差均不超过 0.1（U 介于 {} 与 {} 之间），按此规则各圈层同步发展。",
                num3(min),
                num3(u[best])
            ),
        }
    } else {
        let lag: Vec<String> = c
            .lagging
            .iter()
            .map(|&k| format!("{} (U = {})", d.u(cx.circle_short(k)), num3(u[k])))
            .map(|s| {
                if cx.zh() {
                    s.replace(" (", "（").replace(')', "）")
                } else {
                    s
                }
            })
            .collect();
        // The classic C hardly reacts to unequal circles; say so, lest a high stage read as
        // "in step" next to a lagging circle.
        let classic = a.method.coupling == CouplingModel::Classic;
        match cx.lang {
            Lang::En => format!(
                "Lagging: the {} {} more than 0.1 below the best circle, the {} (U = {}), so the circles are not in step{}.",
                cx.list(&lag),
                if lag.len() == 1 { "is" } else { "are" },
                d.u(cx.circle_short(best)),
                num3(u[best]),
                if classic {
                    "; the classic coupling degree C stays near 1 unless a circle is near 0, so its value does not show this gap"
                } else {
                    ""
                }
            ),
            Lang::Zh => format!(
                "滞后圈层：{}，比得分最高的{}（U = {}）低 0.1 以上，各圈层并不同步{}。",
                cx.list(&lag),
                d.u(cx.circle_short(best)),
                num3(u[best]),
                if classic {
                    "；传统耦合度 C 除非某圈层接近 0 否则总接近 1，因此其数值反映不出这一差距"
                } else {
                    ""
                }
            ),
        }
    };
    d.para(&p);

    // Change over time, or the spread across regions.
    let m = a.m();
    let p = if let Some(p) = super::panel::comparison(cx, d) {
        p
    } else if m == 1 {
        cx.l(
            "There is only one observation, so there is nothing to compare it with.",
            "只有一个观测，无从比较。",
        )
        .to_string()
    } else if cx.series {
        if f == 0 {
            let last = &a.coupling[m - 1];
            match cx.lang {
                Lang::En => format!(
                    "{label} is the first observation, so there is no earlier D to compare with; the last, {}, has D = {} (level {}).",
                    a.labels[m - 1],
                    num3(last.d),
                    cx.level_full(last.level)
                ),
                Lang::Zh => format!(
                    "{label} 是第一个观测，没有更早的 D 可供比较；最后一个观测 {} 的 D = {}（{}）。",
                    a.labels[m - 1],
                    num3(last.d),
                    cx.level(last.level)
                ),
            }
        } else {
            let c0 = &a.coupling[0];
            // From the printed (rounded) values, so that the sentence adds up for the reader.
            let change = round3(c.d) - round3(c0.d);
            let rounded = num3(change.abs());
            let dir = if rounded == "0.000" {
                0
            } else if change > 0.0 {
                1
            } else {
                -1
            };
            match cx.lang {
                Lang::En => format!(
                    "Since {}, D has {} from {} (level {}) to {} (level {}), a change of {}.",
                    a.labels[0],
                    ["fallen", "stayed about the same, going", "risen"][(dir + 1) as usize],
                    num3(c0.d),
                    cx.level_full(c0.level),
                    num3(c.d),
                    cx.level_full(c.level),
                    signed3(change)
                ),
                Lang::Zh => format!(
                    "与 {} 年相比，D 由 {}（{}）{}至 {}（{}），变化 {}。",
                    a.labels[0],
                    num3(c0.d),
                    cx.level(c0.level),
                    ["下降", "基本持平", "上升"][(dir + 1) as usize],
                    num3(c.d),
                    cx.level(c.level),
                    signed3(change)
                ),
            }
        }
    } else {
        let ranking = cx.a.ranking_by_d();
        let (_, top) = ranking[0];
        let (_, bottom) = ranking[m - 1];
        let rank = ranking.iter().find(|(_, i)| *i == f).map_or(0, |(r, _)| *r);
        let spread = round3(a.coupling[top].d) - round3(a.coupling[bottom].d);
        match cx.lang {
            Lang::En => format!(
                "The observations are compared with each other, not followed over time (their labels are not years in increasing order), so the report ranks them rather than tracing a change since the first: D ranges from {} ({}) at the bottom to {} ({}) at the top, a spread of {}, and {label} ranks {rank} of {m} (section {S_COUPLING} ranks them all).",
                num3(a.coupling[bottom].d),
                d.u(&a.labels[bottom]),
                num3(a.coupling[top].d),
                d.u(&a.labels[top]),
                num3(spread)
            ),
            Lang::Zh => format!(
                "各观测之间是横向比较而非时间序列（标签不是递增的年份），因此不计算相对第一个观测的变化：D 介于 {}（{}）与 {}（{}）之间，极差 {}；{label} 排名第 {rank}（共 {m} 个，第{S_COUPLING}节给出完整排名）。",
                num3(a.coupling[bottom].d),
                d.u(&a.labels[bottom]),
                num3(a.coupling[top].d),
                d.u(&a.labels[top]),
                num3(spread)
            ),
        }
    };
    d.para(&p);

    // Weak dimensions and where to start.
    let weak = &a.weak_dimensions[f];
    let o = a.obstacles_of(f);
    if weak.is_empty() {
        let p = if a.method.top == 0 {
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
    let items: Vec<String> = weak
        .iter()
        .map(|&k| match cx.lang {
            Lang::En => format!("{} ({})", d.u(cx.dim_short(k)), pct1(o.dimensions[k])),
            Lang::Zh => format!("{}（{}）", d.u(cx.dim_short(k)), pct1(o.dimensions[k])),
        })
        .collect();
    let mut p = match cx.lang {
        Lang::En => format!(
            "The {} weak {}, those causing the largest shares of the weighted shortfall from the best (obstacle degree, {}), {} {}.",
            cx.count_word(weak.len()),
            if weak.len() == 1 {
                "dimension"
            } else {
                "dimensions"
            },
            basis::name(cx.lang, a.method.obstacles),
            if weak.len() == 1 { "is" } else { "are" },
            cx.list(&items)
        ),
        Lang::Zh => format!(
            "按障碍度（{}）排序，障碍度最大的{}个薄弱维度依次为：{}。",
            basis::name(cx.lang, a.method.obstacles),
            cx.count_word(weak.len()),
            items.join("、")
        ),
    };
    if let Some(other) = &cx.other_weak
        && other != weak
        && let Some(s) = basis::other_sentence(cx, d)
    {
        p.push_str(cx.l(" ", ""));
        p.push_str(&s);
    }
    let cms = &a.countermeasures[f];
    if cms.is_empty() {
        p.push_str(cx.l(
            " The framework links no countermeasure to these dimensions.",
            "指标体系中没有与这些维度对应的对策。",
        ));
    } else {
        let first: Vec<usize> = cms
            .iter()
            .copied()
            .filter(|&k| cx.fw.countermeasures[k].dimensions.contains(&weak[0]))
            .collect();
        let first = if first.is_empty() {
            vec![cms[0]]
        } else {
            first
        };
        let titles: Vec<String> = first.iter().map(|&k| d.u(&cm_title(cx, k))).collect();
        p.push_str(&match cx.lang {
            Lang::En => format!(
                " Start with {}, which {} the weakest dimension, {}; section {S_MEASURES} gives all {} countermeasures with their actions.",
                cx.list(&titles.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>()),
                if first.len() == 1 { "answers" } else { "answer" },
                d.u(cx.dim_short(weak[0])),
                cms.len()
            ),
            Lang::Zh => format!(
                "建议首先实施针对最薄弱维度（{}）的对策：{}；第{S_MEASURES}节列出全部 {} 条对策及具体措施。",
                d.u(cx.dim_short(weak[0])),
                titles
                    .iter()
                    .map(|t| format!("“{t}”"))
                    .collect::<Vec<_>>()
                    .join("、"),
                cms.len()
            ),
        });
    }
    d.para(&p);
}
