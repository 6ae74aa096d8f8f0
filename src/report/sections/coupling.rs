//! Coupling and coordination: C, T, D and the level of every observation.

use crate::lang::Lang;
use crate::report::doc::Doc;
use crate::textfmt::{Table, num3};

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
