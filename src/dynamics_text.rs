//! `dynamics`' text output: the synergy, GM(1,1) and niche results as tables with the sentences
//! an officer needs (when D reaches good coordination, which belts compete most), and the
//! caveats that keep a forecast from being read as a promise.

use crate::engine::dynamics::{
    Dynamics, Forecast, GOOD_LEVEL, GRADE_NAMES, GRADE_NAMES_ZH, NicheEntry, Series,
    synergy_class_name, synergy_class_name_zh,
};
use crate::engine::{Assessment, Normalization};
use crate::lang::Lang;
use crate::model::Framework;
use crate::names::Names;
use crate::textfmt::{Align, Table, num3};

/// How many of the most overlapping pairs of belts are named.
pub const TOP_PAIRS: usize = 3;

/// The name of a forecast quantity: `degree`, `coordination` or `circle:<id>`.
pub fn quantity_name(fw: &Framework, lang: Lang, quantity: &str) -> String {
    match quantity {
        "degree" => lang
            .tr("D (coupling coordination)", "D（耦合协调度）")
            .into(),
        "coordination" => lang
            .tr("T (coordination index)", "T（综合协调指数）")
            .into(),
        q => {
            let id = q.strip_prefix("circle:").unwrap_or(q);
            match fw.circles.iter().position(|c| c.id == id) {
                Some(c) => format!("U {}", Names { fw, lang }.circle_short(c)),
                None => q.into(),
            }
        }
    }
}

/// The name of a synergy class 1..=4.
pub fn synergy_name(lang: Lang, class: u8) -> &'static str {
    match lang {
        Lang::En => synergy_class_name(class),
        Lang::Zh => synergy_class_name_zh(class),
    }
}

/// The name of a GM(1,1) grade 1..=4.
pub fn grade_name(lang: Lang, grade: u8) -> &'static str {
    let i = (grade.clamp(1, 4) - 1) as usize;
    match lang {
        Lang::En => GRADE_NAMES[i],
        Lang::Zh => GRADE_NAMES_ZH[i],
    }
}

/// The level of the series' last observed D, found in `a` by its label.
pub fn last_level(a: &Assessment, s: &Series) -> Option<u8> {
    let label = s.labels.last()?;
    let i = a.labels.iter().position(|l| l == label)?;
    Some(a.coupling[i].level)
}

/// The sentence on when D first reaches good coordination within the forecast horizon, given
/// the level of the last observed D: a series already there is not "forecast to reach" it.
pub fn good_level_sentence(s: &Series, last: Option<u8>, lang: Lang) -> Option<String> {
    let f = s.degree_forecast()?;
    let level = lang.level_name(GOOD_LEVEL);
    if let (Some(lv), Some(p)) = (last, s.periods.last())
        && lv >= GOOD_LEVEL
    {
        let below = f
            .levels
            .as_ref()?
            .iter()
            .zip(&f.periods)
            .find(|(l, _)| **l < GOOD_LEVEL)
            .map(|(_, q)| *q);
        let (en_above, zh_above) = if lv > GOOD_LEVEL {
            (
                format!(", above level {GOOD_LEVEL} ({level})"),
                format!("，高于 {GOOD_LEVEL} 级（{level}）"),
            )
        } else {
            (String::new(), String::new())
        };
        let name = lang.level_name(lv);
        return Some(match (below, lang) {
            (None, Lang::En) => format!(
                "D is already at level {lv} ({name}) in {p}{en_above}, and the forecast keeps it there."
            ),
            (None, Lang::Zh) => {
                format!("D 在 {p} 年已处于 {lv} 级（{name}）{zh_above}，预测期内保持在该水平以上。")
            }
            (Some(q), Lang::En) => format!(
                "D is at level {lv} ({name}) in {p}{en_above}, but the forecast has it fall below level {GOOD_LEVEL} by {q}."
            ),
            (Some(q), Lang::Zh) => format!(
                "D 在 {p} 年处于 {lv} 级（{name}）{zh_above}，但预测在 {q} 年降至 {GOOD_LEVEL} 级以下。"
            ),
        });
    }
    Some(match (s.first_good_period(), lang) {
        (Some((p, v)), Lang::En) => format!(
            "D is forecast to reach level {GOOD_LEVEL} ({level}) in {p} (D = {}).",
            num3(v)
        ),
        (Some((p, v)), Lang::Zh) => format!(
            "预测 D 在 {p} 年达到 {GOOD_LEVEL} 级（{level}），D = {}。",
            num3(v)
        ),
        (None, Lang::En) => format!(
            "D is not forecast to reach level {GOOD_LEVEL} ({level}) within the {} forecast periods.",
            f.periods.len()
        ),
        (None, Lang::Zh) => format!(
            "在预测的 {} 期内，D 预计达不到 {GOOD_LEVEL} 级（{level}）。",
            f.periods.len()
        ),
    })
}

/// The sentence naming the pairs of belts with the largest niche overlap.
pub fn overlap_sentence(n: &NicheEntry, lang: Lang) -> Option<String> {
    let pairs: Vec<String> = n
        .top_overlaps(TOP_PAIRS)
        .iter()
        .map(|&(r, s, o)| match lang {
            Lang::En => format!("{} and {} ({})", n.regions[r], n.regions[s], num3(o)),
            Lang::Zh => format!("{} 与 {}（{}）", n.regions[r], n.regions[s], num3(o)),
        })
        .collect();
    if pairs.is_empty() {
        return None;
    }
    Some(match lang {
        Lang::En => format!(
            "The belts whose resource profiles overlap most, and so compete most for the same resources: {}.",
            pairs.join("; ")
        ),
        Lang::Zh => format!(
            "资源结构重叠最多、因而对同类资源竞争最强的产业带：{}。",
            pairs.join("；")
        ),
    })
}

/// The caveats every reading of a forecast needs.
pub fn caveats(a: &Assessment, lang: Lang) -> Vec<String> {
    let mut out = vec![
        lang.tr(
            "A GM(1,1) forecast is only as good as its grade: read a forecast of grade 3 or 4 as a trend, not a number, and a series of four or five values as a weak basis.",
            "GM(1,1) 预测的可信程度取决于其精度等级：3、4 级的预测只可看作趋势而非数值；只有四、五个数据的序列依据较弱。",
        )
        .to_string(),
    ];
    if a.method.normalization == Normalization::Range {
        out.push(lang.tr(
            "Under range normalization every score is relative to the observations scored together: adding a future year re-normalizes every score, so a forecast cannot be compared with next year's actual score. Freeze the bounds and weights (`beltscope freeze`) and score later years with `--normalization reference --weighting fixed`.",
            "极差标准化下每个得分都相对于一同评价的观测而言：加入新的年份会使所有得分重新标准化，预测值因而不能与下一年的实际得分直接比较。请先冻结边界和权重（`beltscope freeze`），以后各年用 `--normalization reference --weighting fixed` 评分。",
        ).to_string());
    }
    out
}

/// The synergy degrees of a series as a table: each pair of consecutive periods, then the whole
/// span, each period shown through `period` (the text, the TUI and the report show them their
/// own way).
pub fn synergy_table(s: &Series, lang: Lang, period: impl Fn(&str) -> String) -> Table {
    let mut t = Table::new([
        lang.tr("from", "起"),
        lang.tr("to", "止"),
        "S",
        lang.tr("class", "类别"),
    ])
    .align(1, Align::Left)
    .align(3, Align::Left);
    for p in s.synergy.iter().chain(&s.synergy_overall) {
        t.row([
            period(&p.from),
            period(&p.to),
            num3(p.value),
            format!("{} {}", p.class, synergy_name(lang, p.class)),
        ]);
    }
    t
}

fn model_block(out: &mut String, fw: &Framework, f: &Forecast, lang: Lang) {
    let m = &f.model;
    out.push_str(&format!(
        "{}: a = {}, b = {}, MAPE = {}, C = {}, p = {}, {} {} {}, {} {}\n",
        quantity_name(fw, lang, &f.quantity),
        num3(m.a),
        num3(m.b),
        num3(m.mape),
        num3(m.c_ratio),
        num3(m.p),
        lang.tr("grade", "精度等级"),
        m.grade,
        grade_name(lang, m.grade),
        lang.tr("ratio test", "级比检验"),
        if m.ratio_test {
            lang.tr("passed", "通过")
        } else {
            lang.tr("failed", "未通过")
        },
    ));
    let mut t = Table::new([lang.tr("period", "期"), lang.tr("forecast", "预测值")]);
    if f.levels.is_some() {
        t = Table::new([
            lang.tr("period", "期"),
            lang.tr("forecast", "预测值"),
            lang.tr("level", "等级"),
        ])
        .align(2, Align::Left);
    }
    for (h, (p, v)) in f.periods.iter().zip(&m.forecast).enumerate() {
        let mut row = vec![p.to_string(), num3(*v)];
        if let Some(lv) = f.levels.as_ref().and_then(|l| l.get(h)) {
            row.push(format!("{lv} {}", lang.level_name(*lv)));
        }
        t.row(row);
    }
    out.push_str(&t.render());
    out.push('\n');
}

fn series_block(out: &mut String, fw: &Framework, s: &Series, last: Option<u8>, lang: Lang) {
    let head = match (&s.region, lang) {
        (Some(r), Lang::En) => format!("Time series {r}"),
        (Some(r), Lang::Zh) => format!("时间序列 {r}"),
        (None, l) => l.tr("Time series", "时间序列").to_string(),
    };
    let span = match (s.periods.first(), s.periods.last()) {
        (Some(a), Some(b)) => format!(" ({a}–{b})"),
        _ => String::new(),
    };
    out.push_str(&format!("{head}{span}\n\n"));
    out.push_str(lang.tr(
        "Synergy degree of the composite system (circles as subsystems)\n",
        "复合系统协同度（以各圈层为子系统）\n",
    ));
    if s.synergy.is_empty() {
        out.push_str(lang.tr(
            "No synergy degree: the periods are not consecutive.\n\n",
            "无协同度：各期不连续。\n\n",
        ));
    } else {
        let t = synergy_table(s, lang, str::to_string);
        out.push_str(&t.render());
        if let Some(p) = &s.synergy_overall {
            out.push_str(&match lang {
                Lang::En => format!(
                    "Overall, {} → {}: S = {}, {}.\n",
                    p.from,
                    p.to,
                    num3(p.value),
                    synergy_name(lang, p.class)
                ),
                Lang::Zh => format!(
                    "整体（{} → {}）：S = {}，{}。\n",
                    p.from,
                    p.to,
                    num3(p.value),
                    synergy_name(lang, p.class)
                ),
            });
        }
        out.push('\n');
    }
    out.push_str(lang.tr("GM(1,1) forecasts\n", "GM(1,1) 预测\n"));
    if s.forecasts.is_empty() {
        out.push_str(lang.tr(
            "No model: see the warnings.\n\n",
            "没有可用的模型，见警告。\n\n",
        ));
        return;
    }
    for f in &s.forecasts {
        model_block(out, fw, f, lang);
    }
    if let Some(sentence) = good_level_sentence(s, last, lang) {
        out.push_str(&sentence);
        out.push_str("\n\n");
    }
}

fn niche_block(out: &mut String, n: &NicheEntry, lang: Lang) {
    let head = match (n.period, lang) {
        (Some(p), Lang::En) => format!("Niche of the belts, {p}\n"),
        (Some(p), Lang::Zh) => format!("产业带生态位（{p} 年）\n"),
        (None, l) => l.tr("Niche of the belts\n", "产业带生态位\n").to_string(),
    };
    out.push_str(&head);
    let mut t = Table::new([
        lang.tr("belt", "产业带"),
        lang.tr("niche breadth", "生态位宽度"),
    ]);
    for (r, b) in n.regions.iter().zip(&n.measures.breadth) {
        t.row([r.clone(), b.map_or_else(|| "-".into(), num3)]);
    }
    out.push_str(&t.render());
    if let Some(sentence) = overlap_sentence(n, lang) {
        out.push_str(&sentence);
        out.push('\n');
    }
    out.push('\n');
}

/// The whole text output.
pub fn dynamics_text(
    fw: &Framework,
    a: &Assessment,
    d: &Dynamics,
    title: &str,
    lang: Lang,
) -> String {
    let mut out = format!(
        "{} — {title}\n{}{}\n\n",
        lang.tr("Dynamics", "动态分析"),
        lang.tr("method: ", "方法："),
        crate::model::settings::words(&a.method, lang).join(lang.tr(", ", "，"))
    );
    if d.series.is_empty() && d.niche.is_empty() {
        out.push_str(lang.tr(
            "Nothing to analyse: there is no time series and no cross-section of at least 2 belts.\n\n",
            "没有可分析的内容：既没有时间序列，也没有至少 2 个产业带的截面。\n\n",
        ));
    }
    for s in &d.series {
        series_block(&mut out, fw, s, last_level(a, s), lang);
    }
    for n in &d.niche {
        niche_block(&mut out, n, lang);
    }
    if !d.warnings.is_empty() {
        out.push_str(lang.tr("Warnings\n", "警告\n"));
        for w in &d.warnings {
            out.push_str(&format!("- {w}\n"));
        }
        out.push('\n');
    }
    if !d.series.is_empty() {
        out.push_str(lang.tr("Caveats\n", "注意\n"));
        for c in caveats(a, lang) {
            out.push_str(&format!("- {c}\n"));
        }
    }
    out
}
