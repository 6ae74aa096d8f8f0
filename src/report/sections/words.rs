//! Wording and small helpers shared by several sections.

use crate::engine::Normalization;
use crate::lang::{Lang, pick};
use crate::report::ReportFormat;
use crate::report::doc::{Doc, WIDTH};
use crate::textfmt::{bar, num3, pad_left, pad_right, width};

use super::Ctx;

/// What a coordination level means, in one clause.
pub(super) fn level_meaning(lang: Lang, level: u8) -> &'static str {
    const EN: [&str; 10] = [
        "the circles are barely developed and pull against each other; the ecosystem hardly works as a system",
        "development is low and badly unbalanced; the circles mostly hold each other back",
        "the circles constrain each other more than they support each other",
        "some links between the circles work, but imbalance still dominates",
        "the ecosystem sits on the line between disorder and coordination; a small setback can tip it back",
        "the circles have just begun to support each other, and the coordination is fragile",
        "the circles support each other at a basic level, and the weakest circle sets the pace",
        "the circles develop together and reinforce each other in most respects",
        "the circles are well developed and reinforce each other; the remaining gaps are specific rather than structural",
        "the circles are highly developed and move in step; the task is to keep it so as conditions change",
    ];
    const ZH: [&str; 10] = [
        "各圈层发展水平极低且相互掣肘，生态系统几乎未形成整体",
        "发展水平低且严重失衡，圈层之间基本相互制约",
        "圈层之间的制约多于支撑",
        "圈层之间已有部分联动，但失衡仍占主导",
        "系统处在失调与协调的临界处，小的冲击就可能使其回落",
        "圈层开始相互支撑，但协调基础脆弱",
        "圈层之间形成初步的良性互动，最弱的圈层决定整体节奏",
        "圈层协同发展，在多数方面相互促进",
        "圈层发展水平较高且相互促进，剩余差距是局部性的而非结构性的",
        "各圈层发展水平高且同步推进，任务是在环境变化中保持这一状态",
    ];
    let k = (level.clamp(1, 10) - 1) as usize;
    match lang {
        Lang::En => EN[k],
        Lang::Zh => ZH[k],
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
    let c = &cx.a.coupling[i];
    match cx.lang {
        Lang::En => format!(
            "In {}, the {} {} U = 0 because {}. A zero circle score makes the coupling degree C = 0 (the circles do not couple at all when one of them is absent), so D = √(C·T) = 0 and the level is 1 ({}), however well the other circles do{}. Read the 0 as “the lowest of the observations compared”, not as “no activity”.",
            d.u(&cx.a.labels[i]),
            cx.list(&names),
            if names.len() == 1 { "scores" } else { "score" },
            why_en,
            cx.level(1),
            if c.c == 0.0 {
                format!(" (T = {} is still reported)", num3(c.t))
            } else {
                String::new()
            }
        ),
        Lang::Zh => format!(
            "{}，{}的得分 U = 0，原因是{}。只要有一个圈层得分为 0，耦合度 C 就为 0（缺少一个圈层，圈层之间无从耦合），因此 D = √(C·T) = 0，等级为第1级（{}），无论其他圈层表现如何（综合协调指数 T = {} 仍照常给出）。这里的 0 应理解为“在参与比较的观测中最低”，而不是“没有任何活动”。",
            d.u(&cx.a.labels[i]),
            names.join("、"),
            why_zh,
            cx.level(1),
            num3(c.t)
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
