//! Wording and small helpers shared by several sections.

use crate::engine::Normalization;
use crate::lang::{Lang, pick};
use crate::report::ReportFormat;
use crate::report::doc::{Doc, WIDTH};
use crate::textfmt::{bar, num3, pad_left, pad_right, width};

use super::Ctx;

/// What the level of observation `i` does and does not say, given the normalization: under
/// `range` it ranks the observation among those compared, under `reference` it measures it
/// against the framework's bounds. Never an absolute grade of the belt.
pub(super) fn standing(cx: &Ctx, d: &Doc, i: usize) -> String {
    let a = cx.a;
    let m = a.m();
    let label = d.u(&a.labels[i]);
    let t = a.coupling[i].t;
    // T is the β-weighted mean of z only on the plain [0, 1] interval.
    let share = (a.method.interval == (0.0, 1.0)).then(|| crate::textfmt::pct1(t));
    match (a.method.normalization, cx.lang) {
        (Normalization::Range, Lang::En) => format!(
            "Under range normalization each indicator is scored from 0 at the worst to 1 at the best value among the {m} observations compared, so these figures place {label} among those observations{}; they are not an absolute grade and say nothing about how developed the belt is by an external standard, and adding or removing an observation changes every score, earlier ones included.",
            share.map_or(String::new(), |s| format!(
                " (its circles stand on average {s} of the way from the worst to the best observed values)"
            ))
        ),
        (Normalization::Range, Lang::Zh) => format!(
            "在极差标准化下，每个指标在参与比较的 {m} 个观测中以最差值为 0、最优值为 1 计分，因此上述数值只说明 {}在这些观测中的相对位置{}；它们不是绝对评级，不说明该产业带按外部标准的发展水平，增减任何一个观测都会改变全部得分（包括更早观测的得分）。",
            cx.when(&label),
            share.map_or(String::new(), |s| format!(
                "（其各圈层平均处于从观测最差值到最优值之间 {s} 的位置）"
            ))
        ),
        (Normalization::Reference, Lang::En) => format!(
            "Under reference normalization each indicator is scored from 0 at the worse to 1 at the better end of its reference bounds in the framework (values beyond them are clamped), so these figures measure {label} against those bounds{}; they are only as meaningful as the bounds are, and do not depend on which other observations are included.",
            share.map_or(String::new(), |s| format!(
                " (its circles stand on average {s} of the way from the worse to the better bounds)"
            ))
        ),
        (Normalization::Reference, Lang::Zh) => format!(
            "在参考值标准化下，每个指标以指标体系给出的参考区间较差一端为 0、较好一端为 1 计分（超出区间的值截断），因此上述数值衡量的是{}相对于这些参考区间的位置{}；其意义取决于参考区间是否合理，与参与比较的其他观测无关。",
            cx.when(&label),
            share.map_or(String::new(), |s| format!(
                "（其各圈层平均处于从较差一端到较好一端之间 {s} 的位置）"
            ))
        ),
    }
}

/// Under `range` with fewer than 5 observations: the scores only compare these few.
pub(super) fn few_observations(cx: &Ctx) -> Option<String> {
    let m = cx.a.m();
    if cx.a.method.normalization != Normalization::Range || !(2..5).contains(&m) {
        return None;
    }
    Some(match cx.lang {
        Lang::En => format!(
            "With only {} observations the scores only compare these {} observations with each other: each indicator has just {m} values to spread between 0 and 1{}, so levels at the ends of the scale come easily and say little about the belt itself. Reference bounds (--normalization reference) or more observations give a firmer reading.",
            cx.count_word(m),
            cx.count_word(m),
            if m == 2 {
                " (the better of the two gets 1, the worse 0)"
            } else {
                ""
            }
        ),
        Lang::Zh => format!(
            "仅有 {m} 个观测，所有得分只是这 {m} 个观测之间的相互比较：每个指标只有 {m} 个取值分布在 0 与 1 之间{}，因此很容易落到等级的两端，对产业带本身说明有限。采用参考区间（--normalization reference）或增加观测可以得到更可靠的判断。",
            if m == 2 {
                "（两者中较好者为 1，较差者为 0）"
            } else {
                ""
            }
        ),
    })
}

/// Why an observation has no weak dimension although `top` > 0: every indicator is at the best
/// end of its scale, which under `range` only says it is the best of those compared.
pub(super) fn nothing_in_the_way(cx: &Ctx, d: &Doc, i: usize) -> String {
    let label = d.u(&cx.a.labels[i]);
    let m = cx.a.m();
    match (cx.a.method.normalization, cx.lang) {
        (Normalization::Range, Lang::En) => format!(
            "Every indicator of {label} is at the best value among the {m} observations compared, so every obstacle degree is 0 and the method names no weak dimension and no countermeasure. This is an artefact of comparing {} observations, not a finding that the belt has no weaknesses: it only says that {label} is at least as good as the other {} on every indicator. Compare more observations or use reference bounds (--normalization reference) to diagnose the belt.",
            cx.count_word(m),
            if m == 2 {
                "observation".to_string()
            } else {
                format!("{} observations", cx.count_word(m - 1))
            }
        ),
        (Normalization::Range, Lang::Zh) => format!(
            "{}的每个指标都是参与比较的 {m} 个观测中的最优值，因此所有障碍度均为 0，方法识别不出薄弱维度，也不给出对策。这是只比较 {m} 个观测所致，并不表明该产业带没有短板：它只说明{}在每个指标上都不逊于其他观测。请增加观测或采用参考区间（--normalization reference）来诊断产业带。",
            cx.when(&label),
            cx.when(&label)
        ),
        (Normalization::Reference, Lang::En) => format!(
            "Every indicator of {label} is at or beyond the better end of its reference bounds, so every obstacle degree is 0 and the method names no weak dimension and no countermeasure. That says the belt meets the framework's bounds, not that it has nothing left to improve."
        ),
        (Normalization::Reference, Lang::Zh) => format!(
            "{}的每个指标都达到或超过参考区间的较好一端，因此所有障碍度均为 0，方法识别不出薄弱维度，也不给出对策。这说明产业带达到了指标体系的参考标准，而不是说已无可改进之处。",
            cx.when(&label)
        ),
    }
}

pub(super) fn method_words(cx: &Ctx) -> Vec<String> {
    crate::model::settings::words(&cx.a.method, cx.lang)
}

/// Why a circle scores 0 and what that does to C and D, in words.
pub(super) fn zero_circle_words(cx: &Ctx, d: &Doc, i: usize, zero: &[usize]) -> String {
    let names: Vec<String> = zero.iter().map(|&c| d.u(cx.circle(c))).collect();
    let why_en = match cx.a.method.normalization {
        Normalization::Range => {
            "every one of its indicators is at the worst value among the observations, and range normalization puts the worst value at 0"
        }
        Normalization::Reference => {
            "every one of its indicators is at or beyond the worst end of its reference bounds"
        }
    };
    let why_zh = match cx.a.method.normalization {
        Normalization::Range => "其全部指标都处于各观测中的最差值，而极差标准化把最差值记为 0",
        Normalization::Reference => "其全部指标都处于或超出参考区间的最差一端",
    };
    let (read_en, read_zh) = match cx.a.method.normalization {
        Normalization::Range => (
            "at the worst observed value on every indicator",
            "每个指标都处于观测中的最差值",
        ),
        Normalization::Reference => (
            "at or beyond the worse reference bound on every indicator",
            "每个指标都处于或超出参考区间的较差一端",
        ),
    };
    let c = &cx.a.coupling[i];
    match cx.lang {
        Lang::En => format!(
            "In {}, the {} {} U = 0 because {}. A zero circle score makes the coupling degree C = 0 (the coupling formulas treat a zero score as a missing subsystem), so D = √(C·T) = 0 and the level is 1 ({}), however well the other circles do{}. Read the 0 as “{}”, not as an absolute zero or “no activity”.",
            d.u(&cx.a.labels[i]),
            cx.list(&names),
            if names.len() == 1 { "scores" } else { "score" },
            why_en,
            cx.level(1),
            if c.c == 0.0 {
                format!(" (T = {} is still reported)", num3(c.t))
            } else {
                String::new()
            },
            read_en
        ),
        Lang::Zh => format!(
            "{}，{}的得分 U = 0，原因是{}。只要有一个圈层得分为 0，耦合度 C 就为 0（耦合度公式把得分为 0 的圈层视同缺失的子系统），因此 D = √(C·T) = 0，等级为第1级（{}），无论其他圈层表现如何（综合协调指数 T = {} 仍照常给出）。这里的 0 应理解为“{}”，而不是绝对的零或“没有任何活动”。",
            d.u(&cx.a.labels[i]),
            names.join("、"),
            why_zh,
            cx.level(1),
            num3(c.t),
            read_zh
        ),
    }
}

/// x as printed with 3 decimals, read back.
pub(super) fn round3(x: f64) -> f64 {
    num3(x).parse().unwrap_or(x)
}

pub(super) fn signed3(x: f64) -> String {
    let s = num3(x.abs());
    if s == "0.000" {
        s
    } else if x > 0.0 {
        format!("+{s}")
    } else {
        format!("−{s}")
    }
}

pub(super) fn cm_title(cx: &Ctx, k: usize) -> String {
    let cm = &cx.fw.countermeasures[k];
    pick(cx.lang, &cm.title, cm.title_zh.as_deref()).to_string()
}

/// Bar-chart lines "name  value  bar" for a text block, names padded to one width.
pub(super) fn bar_lines(items: &[(String, String, f64)], bar_w: usize) -> String {
    let nw = items
        .iter()
        .map(|(n, _, _)| width(n))
        .max()
        .unwrap_or(0)
        .min(WIDTH - bar_w - 10);
    let vw = items.iter().map(|(_, v, _)| width(v)).max().unwrap_or(0);
    items
        .iter()
        .map(|(n, v, x)| {
            format!(
                "{}  {}  {}",
                pad_right(&crate::textfmt::truncate(n, nw), nw),
                pad_left(v, vw),
                bar(*x, bar_w)
            )
            .trim_end()
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn chart(cx: &Ctx, d: &mut Doc, file: &str, alt: &str) {
    // Word embeds every chart, whether or not chart files are written.
    if d.format == ReportFormat::Docx {
        d.figure(file, alt);
        return;
    }
    if let Some(links) = &cx.opts.charts {
        let link = links.link(file);
        if d.format == ReportFormat::Markdown {
            d.md_only(&format!("![{}]({})", d.u(alt), link.replace(' ', "%20")));
        } else {
            d.para(&format!("{} {link}", cx.l("Chart:", "图表：")));
        }
    }
}
