//! The title block: the document, region, framework, observations and method at a glance.

use crate::lang::{Lang, pick};
use crate::report::doc::Doc;

use super::Ctx;
use super::words::method_words;

pub(super) fn title_block(cx: &Ctx, d: &mut Doc) {
    let survey = &cx.input.doc.survey;
    let fw = cx.fw;
    let a = cx.a;
    d.title(&d.u(&survey.title));
    let mut rows: Vec<(String, String)> = vec![(
        cx.l("Document:", "文件：").into(),
        cx.l(
            "Assessment report of the cross-border e-commerce supply chain ecosystem",
            "跨境电商供应链生态系统评估报告",
        )
        .into(),
    )];
    if let Some(r) = &survey.region {
        rows.push((cx.l("Region:", "地区：").into(), d.u(r)));
    }
    rows.push((
        cx.l("Framework:", "指标体系：").into(),
        format!(
            "{} ({} {})",
            d.u(pick(cx.lang, &fw.name, fw.name_zh.as_deref())),
            d.code(&fw.id),
            fw.version
        ),
    ));
    rows.push((
        cx.l("Method:", "方法：").into(),
        method_words(cx).join(cx.l(", ", "，")),
    ));
    let m = a.m();
    let obs = if let Some(line) = super::panel::observations_line(cx, d) {
        line
    } else if cx.series {
        match cx.lang {
            Lang::En => format!(
                "{m} years, {}–{} (a time series)",
                a.labels[0],
                a.labels[m - 1]
            ),
            Lang::Zh => format!(
                "{m} 个年份，{}–{}（时间序列）",
                a.labels[0],
                a.labels[m - 1]
            ),
        }
    } else {
        let labels: Vec<String> = a.labels.iter().map(|l| d.u(l)).collect();
        match cx.lang {
            Lang::En => format!(
                "{m}, compared with each other (not years in order): {}",
                labels.join("; ")
            ),
            Lang::Zh => format!("{m} 个，横向比较（非按年份排列）：{}", labels.join("；")),
        }
    };
    rows.push((cx.l("Observations:", "观测：").into(), obs));
    rows.push((
        cx.l("Indicators:", "指标：").into(),
        match cx.lang {
            Lang::En => format!(
                "{} in {} dimensions and {} circles",
                fw.indicators.len(),
                fw.dimensions.len(),
                fw.circles.len()
            ),
            Lang::Zh => format!(
                "{} 个，分属 {} 个维度、{} 个圈层",
                fw.indicators.len(),
                fw.dimensions.len(),
                fw.circles.len()
            ),
        },
    ));
    rows.push((cx.l("Focus:", "重点观测：").into(), d.u(&a.labels[cx.f])));
    let file = std::path::Path::new(&cx.input.doc.name)
        .file_name()
        .map_or_else(
            || cx.input.doc.name.clone(),
            |f| f.to_string_lossy().into_owned(),
        );
    rows.push((cx.l("Data file:", "数据文件：").into(), d.u(&file)));
    rows.push((
        cx.l("Generated:", "生成日期：").into(),
        match cx.lang {
            Lang::En => format!(
                "{} by beltscope {}",
                cx.opts.generated,
                env!("CARGO_PKG_VERSION")
            ),
            Lang::Zh => format!(
                "{}（beltscope {}）",
                cx.opts.generated,
                env!("CARGO_PKG_VERSION")
            ),
        },
    ));
    d.fields(&rows);
}
