//! A framework written out whole, in both languages: CSV for people who keep their indicator
//! list in Excel, JSON with every field, and the Markdown page `docs/indicators.md` (generated,
//! so the page and the embedded framework never disagree).

use serde_json::{Value, json};

use crate::model::csv::escape;
use crate::model::{Direction, Framework, Indicator};
use crate::textfmt::format_number;

/// The CSV columns, one row per indicator in framework order.
const CSV_COLUMNS: [&str; 23] = [
    "circle",
    "circle_name",
    "circle_name_zh",
    "dimension",
    "dimension_name",
    "dimension_name_zh",
    "id",
    "name",
    "name_zh",
    "unit",
    "unit_zh",
    "direction",
    "description",
    "description_zh",
    "source",
    "source_zh",
    "bounds_lower",
    "bounds_upper",
    "min",
    "max",
    "scale_min",
    "scale_max",
    "weight",
];

/// Every indicator with its circle and dimension as CSV that Excel opens correctly: UTF-8 with a
/// BOM, CRLF line ends, numbers in their exact shortest form, an absent value as an empty cell.
pub fn to_csv(fw: &Framework) -> String {
    let mut out = String::from("\u{feff}");
    push_csv_line(&mut out, CSV_COLUMNS.iter().map(|c| c.to_string()));
    let num = |x: Option<f64>| x.map_or_else(String::new, format_number);
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    for ind in &fw.indicators {
        let dim = &fw.dimensions[ind.dimension];
        let circle = &fw.circles[ind.circle];
        push_csv_line(
            &mut out,
            [
                circle.id.clone(),
                circle.name.clone(),
                text(&circle.name_zh),
                dim.id.clone(),
                dim.name.clone(),
                text(&dim.name_zh),
                ind.id.clone(),
                ind.name.clone(),
                text(&ind.name_zh),
                ind.unit.clone(),
                text(&ind.unit_zh),
                ind.direction.as_str().to_string(),
                ind.description.clone(),
                text(&ind.description_zh),
                ind.source.clone(),
                text(&ind.source_zh),
                num(ind.bounds.map(|b| b.0)),
                num(ind.bounds.map(|b| b.1)),
                num(ind.min),
                num(ind.max),
                num(ind.scale.map(|s| s.0 as f64)),
                num(ind.scale.map(|s| s.1 as f64)),
                num(ind.weight),
            ],
        );
    }
    out
}

fn push_csv_line(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = cells.into_iter().map(|c| escape(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// The whole framework as JSON: every field of every circle, dimension, indicator and
/// countermeasure, references by id, absent optional fields as `null`. Circles also carry
/// `beta`, the weight in T after normalisation.
pub fn to_json(fw: &Framework) -> Value {
    let beta = fw.circle_weights();
    let circles: Vec<Value> = fw
        .circles
        .iter()
        .zip(&beta)
        .map(|(c, b)| {
            json!({
                "id": c.id, "name": c.name, "name_zh": c.name_zh,
                "weight": c.weight, "beta": b,
            })
        })
        .collect();
    let dimensions: Vec<Value> = fw
        .dimensions
        .iter()
        .map(|d| {
            json!({
                "id": d.id, "circle": fw.circles[d.circle].id,
                "name": d.name, "name_zh": d.name_zh,
            })
        })
        .collect();
    let indicators: Vec<Value> = fw
        .indicators
        .iter()
        .map(|i| indicator_json(fw, i))
        .collect();
    let countermeasures: Vec<Value> = fw
        .countermeasures
        .iter()
        .map(|c| {
            json!({
                "id": c.id, "title": c.title, "title_zh": c.title_zh,
                "text": c.text, "text_zh": c.text_zh,
                "dimensions": c.dimensions.iter().map(|&d| &fw.dimensions[d].id).collect::<Vec<_>>(),
                "lead": c.lead, "lead_zh": c.lead_zh,
                "targets": c.targets.iter().map(|&j| &fw.indicators[j].id).collect::<Vec<_>>(),
                "source": c.source,
            })
        })
        .collect();
    json!({
        "id": fw.id, "name": fw.name, "name_zh": fw.name_zh, "version": fw.version,
        "circles": circles, "dimensions": dimensions,
        "indicators": indicators, "countermeasures": countermeasures,
    })
}

fn indicator_json(fw: &Framework, i: &Indicator) -> Value {
    json!({
        "id": i.id,
        "dimension": fw.dimensions[i.dimension].id,
        "circle": fw.circles[i.circle].id,
        "name": i.name, "name_zh": i.name_zh,
        "unit": i.unit, "unit_zh": i.unit_zh,
        "direction": i.direction.as_str(),
        "description": i.description, "description_zh": i.description_zh,
        "source": i.source, "source_zh": i.source_zh,
        "bounds": i.bounds.map(|(lo, hi)| [lo, hi]),
        "min": i.min, "max": i.max,
        "scale": i.scale.map(|(lo, hi)| [lo, hi]),
        "weight": i.weight,
    })
}

/// "English · 中文", or the English alone when there is no Chinese.
fn both(en: &str, zh: Option<&str>) -> String {
    match zh {
        Some(zh) if !zh.is_empty() && zh != en => format!("{en} · {zh}"),
        _ => en.to_string(),
    }
}

/// The values an indicator takes, in English and Chinese.
fn values_text(i: &Indicator) -> (String, String) {
    if let Some((lo, hi)) = i.scale {
        return (
            format!("answered by enterprises on a {lo}–{hi} scale (questionnaire)"),
            format!("企业问卷评分，{lo}～{hi} 分"),
        );
    }
    let mut en = Vec::new();
    let mut zh = Vec::new();
    if let Some((lo, hi)) = i.bounds {
        let (lo, hi) = (format_number(lo), format_number(hi));
        en.push(format!("reference bounds {lo} to {hi}"));
        zh.push(format!("参考区间 {lo}～{hi}"));
    }
    match (i.min.map(format_number), i.max.map(format_number)) {
        (Some(lo), Some(hi)) => {
            en.push(format!("possible values {lo} to {hi}"));
            zh.push(format!("取值范围 {lo}～{hi}"));
        }
        (Some(lo), None) => {
            en.push(format!("cannot be below {lo}"));
            zh.push(format!("不小于 {lo}"));
        }
        (None, Some(hi)) => {
            en.push(format!("cannot be above {hi}"));
            zh.push(format!("不大于 {hi}"));
        }
        (None, None) => {}
    }
    (en.join("; "), zh.join("；"))
}

/// The framework as a bilingual Markdown page: a summary by circle and dimension, then every
/// indicator (unit, direction, values, weight, source, what it measures and why) under its
/// circle and dimension, then every countermeasure.
pub fn to_markdown(fw: &Framework) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\n",
        both(&fw.name, fw.name_zh.as_deref()),
        format_args!(
            "Framework `{id}`, version {v}: {c} circles, {d} dimensions, {i} indicators, {k} \
             countermeasures.  \n框架 `{id}`，版本 {v}：{c} 个圈层，{d} 个维度，{i} 个指标，{k} 条对策。",
            id = fw.id,
            v = fw.version,
            c = fw.circles.len(),
            d = fw.dimensions.len(),
            i = fw.indicators.len(),
            k = fw.countermeasures.len()
        )
    );
    out.push_str(&format!(
        "This page is generated by `beltscope framework {id} --format markdown`: edit the \
         framework file, then generate the page again.  \n本页由 `beltscope framework {id} \
         --format markdown` 生成：请修改框架文件后重新生成。\n\n",
        id = fw.id
    ));
    out.push_str(
        "How to read an entry · 阅读说明:\n\n\
         - **Direction · 方向**: + more is better (正向指标), − less is better (负向指标).\n\
         - **Values · 取值**: the reference bounds are used by `--normalization reference` \
         (lower = a weak belt, upper = a leading one); a value outside the possible values is \
         refused as a typing error. 参考区间用于参考值标准化（下限为较弱产业带，上限为领先产业带）；\
         超出取值范围的数值视为录入错误。\n\
         - **Weight · 权重**: the expert weight used by `--weighting fixed` and `combined`. \
         专家权重，用于固定权重和组合权重。\n\n",
    );
    out.push_str(
        "| Circle · 圈层 | Dimension · 维度 | Indicators · 指标数 |\n| --- | --- | ---: |\n",
    );
    for (c, circle) in fw.circles.iter().enumerate() {
        for d in fw.dimensions_of_circle(c) {
            let dim = &fw.dimensions[d];
            out.push_str(&format!(
                "| {} | {} (`{}`) | {} |\n",
                both(&circle.name, circle.name_zh.as_deref()),
                both(&dim.name, dim.name_zh.as_deref()),
                dim.id,
                fw.indicators_of_dimension(d).count()
            ));
        }
    }
    for (c, circle) in fw.circles.iter().enumerate() {
        out.push_str(&format!(
            "\n## {} {} (`{}`)\n",
            c + 1,
            both(&circle.name, circle.name_zh.as_deref()),
            circle.id
        ));
        for (k, d) in fw.dimensions_of_circle(c).enumerate() {
            let dim = &fw.dimensions[d];
            out.push_str(&format!(
                "\n### {}.{} {} (`{}`)\n",
                c + 1,
                k + 1,
                both(&dim.name, dim.name_zh.as_deref()),
                dim.id
            ));
            for (l, j) in fw.indicators_of_dimension(d).enumerate() {
                let number = format!("{}.{}.{}", c + 1, k + 1, l + 1);
                out.push_str(&indicator_markdown(&fw.indicators[j], &number));
            }
        }
    }
    out.push_str(&countermeasures_markdown(fw));
    out
}

fn indicator_markdown(i: &Indicator, number: &str) -> String {
    let direction = match i.direction {
        Direction::Positive => "+ more is better · 正向，越大越好",
        Direction::Negative => "− less is better · 负向，越小越好",
    };
    let (values_en, values_zh) = values_text(i);
    let mut out = format!(
        "\n#### {number} {} (`{}`)\n\n",
        both(&i.name, i.name_zh.as_deref()),
        i.id
    );
    out.push_str(&format!(
        "- **Unit · 单位**: {}\n",
        both(&i.unit, i.unit_zh.as_deref())
    ));
    out.push_str(&format!("- **Direction · 方向**: {direction}\n"));
    if !values_en.is_empty() {
        out.push_str(&format!(
            "- **Values · 取值**: {}\n",
            both(&values_en, Some(&values_zh))
        ));
    }
    if let Some(w) = i.weight {
        out.push_str(&format!("- **Weight · 权重**: {}\n", format_number(w)));
    }
    out.push_str(&format!("- **Source**: {}\n", i.source));
    if let Some(s) = &i.source_zh {
        out.push_str(&format!("- **数据来源**：{s}\n"));
    }
    out.push_str(&format!(
        "\n**What it measures and why.** {}\n",
        i.description
    ));
    if let Some(s) = &i.description_zh {
        out.push_str(&format!("\n**定义与作用。** {s}\n"));
    }
    out
}

fn countermeasures_markdown(fw: &Framework) -> String {
    let mut out = "\n## Countermeasures · 对策\n".to_string();
    for (n, c) in fw.countermeasures.iter().enumerate() {
        out.push_str(&format!(
            "\n### {} {} (`{}`)\n\n",
            n + 1,
            both(&c.title, c.title_zh.as_deref()),
            c.id
        ));
        let dims: Vec<String> = c
            .dimensions
            .iter()
            .map(|&d| {
                let dim = &fw.dimensions[d];
                format!("{} (`{}`)", both(&dim.name, dim.name_zh.as_deref()), dim.id)
            })
            .collect();
        out.push_str(&format!("- **Answers · 针对维度**: {}\n", dims.join("; ")));
        if let Some(lead) = &c.lead {
            out.push_str(&format!(
                "- **Lead · 牵头部门**: {}\n",
                both(lead, c.lead_zh.as_deref())
            ));
        }
        if !c.targets.is_empty() {
            let targets: Vec<String> = c
                .targets
                .iter()
                .map(|&j| {
                    let i = &fw.indicators[j];
                    format!("{} (`{}`)", both(&i.name, i.name_zh.as_deref()), i.id)
                })
                .collect();
            out.push_str(&format!(
                "- **Should move · 目标指标**: {}\n",
                targets.join("; ")
            ));
        }
        if let Some(s) = &c.source {
            out.push_str(&format!("- **Source · 来源**: {s}\n"));
        }
        out.push_str(&format!("\n{}\n", c.text));
        if let Some(s) = &c.text_zh {
            out.push_str(&format!("\n{s}\n"));
        }
    }
    out
}
