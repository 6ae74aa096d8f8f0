//! Coupling and coordination: C, T, D and the level of every observation.

use crate::engine::CouplingModel;
use crate::lang::Lang;
use crate::report::doc::Doc;
use crate::textfmt::{Align, Table, num3};

use super::words::zero_circle_words;
use super::{Ctx, S_COUPLING};

pub(super) fn coupling(cx: &Ctx, d: &mut Doc) {
    let a = cx.a;
    d.h2(&format!(
        "{S_COUPLING}. {}",
        cx.l("Coupling coordination", "耦合协调度")
    ));
    d.para(cx.l(
        "C coupling degree, T comprehensive coordination index, D coupling coordination degree, the level (1–10) and the circles lagging more than 0.1 behind the best one.",
        "C 为耦合度，T 为综合协调指数，D 为耦合协调度；等级分 1–10 级；滞后圈层指得分比最高圈层低 0.1 以上的圈层。",
    ));
    let mut t = Table::new([
        cx.l("observation", "观测"),
        "C",
        "T",
        "D",
        cx.l("level", "等级"),
        cx.l("lagging", "滞后圈层"),
    ])
    .align(4, crate::textfmt::Align::Left)
    .align(5, crate::textfmt::Align::Left);
    for i in 0..a.m() {
        let c = &a.coupling[i];
        t.row([
            d.u(&a.labels[i]),
            num3(c.c),
            num3(c.t),
            num3(c.d),
            cx.level_full(c.level),
            d.u(&cx.lagging_cell(i)),
        ]);
    }
    d.table(&t);
    if cx.lang == Lang::En && a.coupling.iter().any(|c| !c.lagging.is_empty()) {
        let key: Vec<String> = cx
            .fw
            .circles
            .iter()
            .map(|c| format!("{} = {}", d.code(&c.id), d.u(&c.name)))
            .collect();
        d.para(&format!("Circles: {}.", key.join("; ")));
    }
    scales(cx, d);
    for i in 0..a.m() {
        let zero = cx.zero_circles(i);
        if !zero.is_empty() {
            d.para(&zero_circle_words(cx, d, i, &zero));
        }
    }
    if !cx.series && a.m() > 1 {
        d.h3(cx.l("Ranking by D", "按 D 排名"));
        let mut t = Table::new([
            cx.l("rank", "排名"),
            cx.l("observation", "观测"),
            "D",
            cx.l("level", "等级"),
            "T",
        ])
        .align(0, crate::textfmt::Align::Right)
        .align(1, crate::textfmt::Align::Left)
        .align(3, crate::textfmt::Align::Left);
        for (rank, i) in cx.a.ranking_by_d() {
            let c = &a.coupling[i];
            t.row([
                rank.to_string(),
                d.u(&a.labels[i]),
                num3(c.d),
                cx.level_full(c.level),
                num3(c.t),
            ]);
        }
        d.table(&t);
    }
}

/// The labels of the observations for which `pick` holds, joined; "-" when none.
fn labels_where(cx: &Ctx, d: &Doc, pick: impl Fn(usize) -> bool) -> String {
    let l: Vec<String> = (0..cx.a.m())
        .filter(|&i| pick(i))
        .map(|i| d.u(&cx.a.labels[i]))
        .collect();
    if l.is_empty() {
        "-".into()
    } else {
        l.join(cx.l(", ", "、"))
    }
}

/// The ten-level scale with its D intervals and the four coupling stages with their C intervals,
/// each with the observations that fall in it, so every level and stage can be checked.
fn scales(cx: &Ctx, d: &mut Doc) {
    let a = cx.a;
    d.h3(cx.l("The ten coordination levels", "协调等级的十级划分"));
    d.para(cx.l(
        "Level = min(10, ⌊10·D⌋ + 1). The names are those of the classification scale; what a level means depends on the normalization (section 1).",
        "等级 = min(10, ⌊10·D⌋ + 1)。等级名称沿用十级划分的惯用名称；其含义取决于标准化方法（见第1节）。",
    ));
    let mut t = Table::new([cx.l("level", "等级"), "D", cx.l("observations", "观测")])
        .align(0, Align::Left)
        .align(1, Align::Left)
        .align(2, Align::Left);
    for lv in 1..=10u8 {
        let lo = f64::from(lv - 1) / 10.0;
        let hi = f64::from(lv) / 10.0;
        let range = if lv == 10 {
            format!("{lo:.1} ≤ D ≤ 1.0")
        } else {
            format!("{lo:.1} ≤ D < {hi:.1}")
        };
        t.row([
            cx.level_full(lv),
            range,
            labels_where(cx, d, |i| a.coupling[i].level == lv),
        ]);
    }
    d.table(&t);
    d.h3(cx.l("The four coupling stages", "耦合阶段的四阶段划分"));
    let mut p = cx
        .l(
            "The stage classifies the coupling degree C alone.",
            "耦合阶段只依据耦合度 C 划分。",
        )
        .to_string();
    if a.method.coupling == CouplingModel::Classic {
        p.push_str(cx.l(
            " The classic C stays near 1 unless a circle is near 0, so a high stage does not mean the circles are in step; the lagging column above shows that.",
            "除非某圈层接近 0，传统模型的 C 总接近 1，因此耦合阶段高并不表示各圈层同步；是否同步见上表的滞后圈层一栏。",
        ));
    }
    d.para(&p);
    let mut t = Table::new([cx.l("stage", "阶段"), "C", cx.l("observations", "观测")])
        .align(0, Align::Left)
        .align(1, Align::Left)
        .align(2, Align::Left);
    let bounds = ["C ≤ 0.3", "0.3 < C ≤ 0.5", "0.5 < C ≤ 0.8", "C > 0.8"];
    for (k, b) in bounds.iter().enumerate() {
        let stage = k as u8 + 1;
        t.row([
            format!("{stage} {}", cx.lang.stage_name(stage)),
            b.to_string(),
            labels_where(cx, d, |i| a.coupling[i].stage == stage),
        ]);
    }
    d.table(&t);
}
