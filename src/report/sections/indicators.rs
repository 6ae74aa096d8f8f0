//! The indicator system with the weights of circles, dimensions and indicators.

use crate::report::ReportFormat;
use crate::report::doc::Doc;
use crate::textfmt::{Table, num3};

use super::Ctx;

pub(super) fn indicators(cx: &Ctx, d: &mut Doc) {
    let fw = cx.fw;
    let a = cx.a;
    let md = d.format == ReportFormat::Markdown;
    d.h2(cx.l("3. Indicator system and weights", "3. 指标体系与权重"));
    d.para(cx.l(
        "Circle → dimension → indicator, with each indicator's direction (+ more is better, − less is better), unit, entropy e_j and global weight w_j; circle and dimension rows give their weight totals. All weights sum to 1.",
        "圈层 → 维度 → 指标。方向：+ 为正向指标（越大越好），− 为负向指标（越小越好）；e_j 为熵值，w_j 为全局权重；圈层和维度行给出其权重合计。全部权重之和为 1。",
    ));
    let mut t = Table::new([
        cx.l("Circle / dimension / indicator", "圈层 / 维度 / 指标"),
        cx.l("id", "代码"),
        cx.l("dir.", "方向"),
        cx.l("unit", "单位"),
        "e_j",
        "w_j",
    ])
    .align(1, crate::textfmt::Align::Left)
    .align(2, crate::textfmt::Align::Left)
    .align(3, crate::textfmt::Align::Left);
    let entropy = a.weights.entropy.as_ref();
    for c in 0..fw.circles.len() {
        let name = d.u(cx.circle(c));
        t.row([
            if md { format!("**{name}**") } else { name },
            d.code(&fw.circles[c].id),
            String::new(),
            String::new(),
            String::new(),
            num3(cx.a.circle_weight(cx.fw, c)),
        ]);
        for dim in fw.dimensions_of_circle(c) {
            // Text rows keep dimensions on one line (short name) so that wrapped indicator
            // names cannot be mistaken for them.
            t.row([
                if md {
                    format!("&nbsp;&nbsp;*{}*", d.u(cx.dim(dim)))
                } else {
                    format!("  {}", cx.dim_short(dim))
                },
                d.code(&fw.dimensions[dim].id),
                String::new(),
                String::new(),
                String::new(),
                num3(cx.a.dimension_weight(cx.fw, dim)),
            ]);
            for j in fw.indicators_of_dimension(dim) {
                let ind = &fw.indicators[j];
                let name = d.u(cx.ind(j));
                t.row([
                    if md {
                        format!("&nbsp;&nbsp;&nbsp;&nbsp;{name}")
                    } else {
                        format!("    {name}")
                    },
                    d.code(&ind.id),
                    match ind.direction {
                        crate::model::Direction::Positive => "+".into(),
                        crate::model::Direction::Negative => "−".into(),
                    },
                    d.u(&ind.unit),
                    entropy.map_or("—".into(), |e| num3(e[j])),
                    num3(a.weights.global[j]),
                ]);
            }
        }
    }
    let total: f64 = a.weights.global.iter().sum();
    t.row([
        d.strong(cx.l("Total", "合计")),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        num3(total),
    ]);
    d.table(&t);
}
