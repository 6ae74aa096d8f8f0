//! The obstacle diagnosis of the focus observation.

use crate::engine::ObstacleBasis;
use crate::lang::Lang;
use crate::report::doc::Doc;
use crate::report::svg;
use crate::textfmt::{Table, bar, num3, pct1};

use super::words::{chart, nothing_in_the_way};
use super::{Ctx, S_DIAGNOSIS, basis};

pub(super) fn diagnosis(cx: &Ctx, d: &mut Doc) {
    let fw = cx.fw;
    let a = cx.a;
    let f = cx.f;
    let o = a.obstacles_of(f);
    let label = d.u(&a.labels[f]);
    d.h2(&match cx.lang {
        Lang::En => format!("{S_DIAGNOSIS}. Diagnosis of {label}"),
        Lang::Zh => format!("{S_DIAGNOSIS}. {label} 障碍诊断"),
    });
    if (0..fw.indicators.len()).all(|j| o.indicator(j) == 0.0) {
        d.para(&nothing_in_the_way(cx, d, f));
        return;
    }
    d.para(&format!(
        "{}{}{}",
        cx.l(
            "The obstacle degree is the share of the total weighted shortfall from the best that a circle, dimension or indicator causes; the shares add up to 100%. ",
            "障碍度是某圈层、维度或指标在加权总差距中所占的份额，各项之和为 100%。",
        ),
        basis::basis_sentence(cx),
        basis::other_sentence(cx, d).map_or(String::new(), |s| format!("{}{s}", cx.l(" ", "")))
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
            bar(rel(o.circles[c], o.circles), bar_w),
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
            bar(rel(o.dimensions[k], o.dimensions), bar_w),
            weak.iter()
                .position(|&w| w == k)
                .map_or(String::new(), |r| format!("#{}", r + 1)),
        ]);
    }
    d.table(&t);
    d.para(&lowest_scores(cx, d));
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
    let composite = a.method.obstacles == ObstacleBasis::Composite;
    let factor = &a.obstacles.factors;
    let mut t = Table::new([
        "#",
        cx.l("indicator", "指标"),
        cx.l("dimension", "维度"),
        "z",
        // The factor contribution the obstacle degrees use: w_j, or β_k w_j / W_k.
        if composite { "F" } else { "w" },
        cx.l("obstacle", "障碍度"),
    ])
    .align(0, crate::textfmt::Align::Right)
    .align(1, crate::textfmt::Align::Left)
    .align(2, crate::textfmt::Align::Left);
    for (r, j) in a.indicators_by_obstacle(f).into_iter().take(10).enumerate() {
        if o.indicator(j) == 0.0 {
            break;
        }
        t.row([
            (r + 1).to_string(),
            d.u(cx.ind(j)),
            d.u(cx.dim_short(fw.indicators[j].dimension)),
            num3(a.z(f, j)),
            num3(factor[j]),
            pct1(o.indicator(j)),
        ]);
    }
    d.table(&t);
    if composite {
        d.para(cx.l(
            "F is the indicator's factor contribution under the composite basis, β_k w_j / W_k.",
            "F 为复合口径下指标的因子贡献度 β_k w_j / W_k。",
        ));
    }
}

/// The lowest-scoring dimensions beside the obstacle ranking: a low score with little weight
/// is a small obstacle, so the two lists can differ, and a reader should see both.
fn lowest_scores(cx: &Ctx, d: &Doc) -> String {
    let a = cx.a;
    let f = cx.f;
    let scores = a.dimensions(f);
    let mut order: Vec<usize> = (0..cx.fw.dimensions.len()).collect();
    order.sort_by(|&x, &y| scores[x].total_cmp(&scores[y]).then(x.cmp(&y)));
    let k = if a.method.top == 0 { 3 } else { a.method.top }.min(order.len());
    let lowest = &order[..k];
    let items: Vec<String> = lowest
        .iter()
        .map(|&x| match cx.lang {
            Lang::En => format!("{} ({})", d.u(cx.dim_short(x)), num3(scores[x])),
            Lang::Zh => format!("{}（{}）", d.u(cx.dim_short(x)), num3(scores[x])),
        })
        .collect();
    let weak = &a.weak_dimensions[f];
    let same = weak.len() == lowest.len() && lowest.iter().all(|x| weak.contains(x));
    let mut p = match cx.lang {
        Lang::En => format!(
            "By score alone, the {} lowest dimensions are {}.",
            cx.count_word(k),
            cx.list(&items)
        ),
        Lang::Zh => format!(
            "仅按得分看，得分最低的{}个维度依次为：{}。",
            cx.count_word(k),
            items.join("、")
        ),
    };
    p.push_str(if same {
        cx.l(
            " They are the weak dimensions of the obstacle ranking.",
            "它们与按障碍度识别的薄弱维度一致。",
        )
    } else {
        cx.l(
            " The obstacle ranking differs because it weighs each shortfall by the indicators' weights: a low score on lightly weighted indicators is a small obstacle, and a moderate score on heavily weighted ones a large one.",
            "障碍度排序与此不同，因为它按指标权重对差距加权：权重小的指标得分低，障碍度也小；权重大的指标得分中等，障碍度却可能较大。",
        )
    });
    p
}
