//! The dimension and circle scores.

use crate::lang::Lang;
use crate::report::doc::Doc;
use crate::report::svg;
use crate::textfmt::{Table, num3, sparkline};

use super::words::{bar_lines, chart};
use super::{Ctx, S_SCORES};

pub(super) fn scores(cx: &Ctx, d: &mut Doc) {
    let fw = cx.fw;
    let a = cx.a;
    let f = cx.f;
    d.h2(&format!(
        "{S_SCORES}. {}",
        cx.l("Scores over observations", "各观测得分")
    ));
    d.h3(cx.l("Circle scores U", "圈层得分 U"));
    let mut headers = vec![cx.l("observation", "观测").to_string()];
    headers.extend((0..fw.circles.len()).map(|c| d.u(cx.circle_short(c))));
    headers.push("T".into());
    let mut t = Table::new(headers);
    for i in 0..a.m() {
        let mut row = vec![d.u(&a.labels[i])];
        row.extend(a.circles(i).iter().map(|u| num3(*u)));
        row.push(num3(a.coupling[i].t));
        t.row(row);
    }
    d.table(&t);
    panel(cx, d);

    d.para(&match cx.lang {
        Lang::En => format!(
            "Circle scores of the focus observation, {}:",
            d.u(&a.labels[f])
        ),
        Lang::Zh => format!("重点观测 {} 的圈层得分：", d.u(&a.labels[f])),
    });
    let items: Vec<(String, String, f64)> = (0..fw.circles.len())
        .map(|c| {
            (
                cx.circle_short(c).to_string(),
                num3(a.circles(f)[c]),
                a.circles(f)[c],
            )
        })
        .collect();
    d.pre(&bar_lines(&items, 50));
    chart(
        cx,
        d,
        svg::CIRCLES_FILE,
        cx.l(
            "Circle scores of the focus observation",
            "重点观测的圈层得分",
        ),
    );

    d.para(cx.l(
        "Coupling coordination degree D of every observation (section 5 gives C, T and the level):",
        "各观测的耦合协调度 D（第5节给出 C、T 和等级）：",
    ));
    let items: Vec<(String, String, f64)> = (0..a.m())
        .map(|i| (a.labels[i].clone(), num3(a.coupling[i].d), a.coupling[i].d))
        .collect();
    let mut block = bar_lines(&items, 50);
    if cx.series && a.m() > 1 {
        let ds: Vec<f64> = a.coupling.iter().map(|c| c.d).collect();
        block.push_str(&format!(
            "\n\n{} {}–{}: {}",
            cx.l("D trend", "D 走势"),
            a.labels[0],
            a.labels[a.m() - 1],
            sparkline(&ds)
        ));
    }
    d.pre(&block);
    chart(
        cx,
        d,
        svg::TREND_FILE,
        cx.l(
            "D and the circle scores over the observations",
            "各观测的 D 与圈层得分",
        ),
    );

    d.h3(cx.l("Dimension scores", "维度得分"));
    let rows: Vec<(String, Vec<String>)> = (0..fw.dimensions.len())
        .map(|k| {
            (
                d.u(cx.dim_short(k)),
                (0..a.m()).map(|i| num3(a.dimensions(i)[k])).collect(),
            )
        })
        .collect();
    let cols: Vec<String> = a.labels.iter().map(|l| d.u(l)).collect();
    d.wide_table(cx.l("dimension", "维度"), &rows, &cols);
}

/// A panel's regions × periods: a ranking per period and each region's trajectory of D.
fn panel(cx: &Ctx, d: &mut Doc) {
    let u = |s: &str| d.u(s);
    let survey = &cx.input.doc.survey;
    let Some(p) = crate::panel_view::panel_tables(cx.fw, survey, cx.a, cx.lang, &u) else {
        return;
    };
    d.h3(cx.l("Regions by period", "各时期地区排名"));
    for t in &p.periods {
        d.para(&match cx.lang {
            Lang::En => format!("Period {}:", t.period),
            Lang::Zh => format!("{} 年：", t.period),
        });
        d.table(&t.table);
    }
    d.h3(cx.l("Trajectory of D per region", "各地区 D 的变化轨迹"));
    d.table(&p.trajectories);
}
