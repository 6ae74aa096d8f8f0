//! The obstacle diagnosis of the focus observation.

use crate::lang::Lang;
use crate::report::doc::Doc;
use crate::report::svg;
use crate::textfmt::{Table, bar, num3, pct1};

use super::words::chart;
use super::{Ctx, S_DIAGNOSIS};

pub(super) fn diagnosis(cx: &Ctx, d: &mut Doc) {
    let fw = cx.fw;
    let a = cx.a;
    let f = cx.f;
    let o = &a.obstacles[f];
    let label = d.u(&a.labels[f]);
    d.h2(&match cx.lang {
        Lang::En => format!("{S_DIAGNOSIS}. Diagnosis of {label}"),
        Lang::Zh => format!("{S_DIAGNOSIS}. {label} 障碍诊断"),
    });
    if o.indicators.iter().all(|x| *x == 0.0) {
        d.para(cx.l(
            "Every indicator is at its best in this observation, so nothing stands in the way: all obstacle degrees are 0.",
            "该观测中各指标均处于最优水平，不存在障碍因素：所有障碍度均为 0。",
        ));
        return;
    }
    d.para(cx.l(
        "The obstacle degree is the share of the total weighted shortfall from the best that a circle, dimension or indicator causes; the shares add up to 100%.",
        "障碍度是某圈层、维度或指标在加权总差距中所占的份额，各项之和为 100%。",
    ));
    // Bars are scaled to the largest obstacle of their table, so small differences show.
    let bar_w = 20;
    let rel = |v: f64, all: &[f64]| {
        let max = all.iter().cloned().fold(0.0, f64::max);
        if max > 0.0 { v / max } else { 0.0 }
    };
    d.h3(cx.l("Circles", "圈层"));
    let mut t = Table::new([cx.l("circle", "圈层"), "U", cx.l("obstacle", "障碍度"), ""])
        .align(3, crate::textfmt::Align::Left);
    for c in a.circles_by_obstacle(f) {
        t.row([
            d.u(cx.circle_short(c)),
            num3(a.circles(f)[c]),
            pct1(o.circles[c]),
            bar(rel(o.circles[c], &o.circles), bar_w),
        ]);
    }
    d.table(&t);
    d.h3(cx.l("Dimensions", "维度"));
    let weak = &a.weak_dimensions[f];
    let mut t = Table::new([
        cx.l("dimension", "维度"),
        cx.l("score", "得分"),
        cx.l("obstacle", "障碍度"),
        "",
        cx.l("weak", "薄弱"),
    ])
    .align(3, crate::textfmt::Align::Left)
    .align(4, crate::textfmt::Align::Left);
    for k in a.dimensions_by_obstacle(f) {
        t.row([
            d.u(cx.dim_short(k)),
            num3(a.dimensions(f)[k]),
            pct1(o.dimensions[k]),
            bar(rel(o.dimensions[k], &o.dimensions), bar_w),
            weak.iter()
                .position(|&w| w == k)
                .map_or(String::new(), |r| format!("#{}", r + 1)),
        ]);
    }
    d.table(&t);
    chart(
        cx,
        d,
        svg::OBSTACLES_FILE,
        cx.l("Obstacle degrees of the dimensions", "各维度障碍度"),
    );
    d.h3(cx.l(
        "The ten largest indicator obstacles",
        "障碍度最大的十个指标",
    ));
    let mut t = Table::new([
        "#",
        cx.l("indicator", "指标"),
        cx.l("dimension", "维度"),
        "z",
        "w",
        cx.l("obstacle", "障碍度"),
    ])
    .align(0, crate::textfmt::Align::Right)
    .align(1, crate::textfmt::Align::Left)
    .align(2, crate::textfmt::Align::Left);
    for (r, j) in a.indicators_by_obstacle(f).into_iter().take(10).enumerate() {
        if o.indicators[j] == 0.0 {
            break;
        }
        t.row([
            (r + 1).to_string(),
            d.u(cx.ind(j)),
            d.u(cx.dim_short(fw.indicators[j].dimension)),
            num3(a.z(f, j)),
            num3(a.weights.global[j]),
            pct1(o.indicators[j]),
        ]);
    }
    d.table(&t);
}
