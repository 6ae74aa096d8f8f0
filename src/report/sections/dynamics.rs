//! Dynamics: how the circles move together over time (synergy degree), where D is heading
//! (GM(1,1)), and how the belts of a cross-section share resources (niche). Only when it
//! applies: a time series with at least two consecutive periods, or a cross-section of belts.

use crate::dynamics_text::{
    caveats, good_level_sentence, grade_name, last_level, overlap_sentence, quantity_name,
    synergy_name, synergy_table,
};
use crate::engine::dynamics::{self, Dynamics, NicheEntry, Series};
use crate::lang::Lang;
use crate::report::doc::Doc;
use crate::report::svg_dynamics;
use crate::textfmt::{Align, Table, num3};

use super::words::chart;
use super::{Ctx, S_DYNAMICS};

/// Forecast periods in the report: the command's default.
pub(crate) const HORIZON: usize = 3;

/// Whether the dynamics have anything to report.
pub(crate) fn applies(dy: &Dynamics) -> bool {
    dy.series
        .iter()
        .any(|s| !s.synergy.is_empty() || !s.forecasts.is_empty())
        || !dy.niche.is_empty()
}

/// Writes the section when it applies; says whether it did, so later sections number on.
pub(super) fn dynamics(cx: &Ctx, d: &mut Doc) -> bool {
    let dy = dynamics::of_input(cx.input, cx.a, HORIZON);
    if !applies(&dy) {
        return false;
    }
    d.h2(&format!("{S_DYNAMICS}. {}", cx.l("Dynamics", "动态分析")));
    let has_series = dy
        .series
        .iter()
        .any(|s| !s.synergy.is_empty() || !s.forecasts.is_empty());
    for s in &dy.series {
        series(cx, d, s);
    }
    // The chart shows the first series with a model of D (see svg_dynamics).
    if dy.series.iter().any(|s| s.degree_forecast().is_some()) {
        chart(
            cx,
            d,
            svg_dynamics::DYNAMICS_FILE,
            cx.l(
                "D with GM(1,1) fitted and forecast values",
                "D 及其 GM(1,1) 拟合值与预测值",
            ),
        );
    }
    let latest = svg_dynamics::latest_niche(&dy);
    for n in &dy.niche {
        niche(cx, d, n);
        if latest.is_some_and(|l| std::ptr::eq(l, n)) {
            chart(
                cx,
                d,
                crate::report::svg::HEAT_FILE,
                &svg_dynamics::niche_title(n, cx.lang),
            );
        }
    }
    formulas(cx, d, has_series, !dy.niche.is_empty());
    if !dy.warnings.is_empty() {
        d.h3(cx.l("Warnings", "警告"));
        let w: Vec<String> = dy.warnings.iter().map(|w| d.u(w)).collect();
        d.bullets(&w);
    }
    if has_series {
        d.h3(cx.l("Caveats", "注意事项"));
        d.bullets(&caveats(cx.a, cx.lang));
    }
    true
}

fn series(cx: &Ctx, d: &mut Doc, s: &Series) {
    let lang = cx.lang;
    if !s.synergy.is_empty() {
        let title = match &s.region {
            Some(r) => format!("{} — {r}", cx.l("Synergy degree", "协同度")),
            None => cx.l("Synergy degree", "协同度").to_string(),
        };
        d.h3(&title);
        d.para(cx.l(
            "The synergy degree S of the composite system between two periods: positive only when every circle improved, larger when they improved more and more evenly.",
            "复合系统协同度 S 衡量两期之间各圈层的协同演进：只有各圈层都改善时为正，改善越多、越均衡则越大。",
        ));
        let t = synergy_table(s, lang, |label| d.u(label));
        d.table(&t);
        if let Some(p) = &s.synergy_overall {
            d.para(&match lang {
                Lang::En => format!(
                    "Over the whole period, {} → {}, the synergy degree is {} ({}).",
                    d.u(&p.from),
                    d.u(&p.to),
                    num3(p.value),
                    synergy_name(lang, p.class)
                ),
                Lang::Zh => format!(
                    "整个时期（{} → {}）的协同度为 {}（{}）。",
                    d.u(&p.from),
                    d.u(&p.to),
                    num3(p.value),
                    synergy_name(lang, p.class)
                ),
            });
        }
    }
    if s.forecasts.is_empty() {
        return;
    }
    d.h3(cx.l("GM(1,1) forecasts", "GM(1,1) 预测"));
    let mut t = Table::new([
        cx.l("quantity", "变量"),
        "a",
        "b",
        "MAPE",
        "C",
        "p",
        cx.l("grade", "精度等级"),
    ])
    .align(6, Align::Left);
    for f in &s.forecasts {
        let m = &f.model;
        t.row([
            d.u(&quantity_name(cx.fw, lang, &f.quantity)),
            num3(m.a),
            num3(m.b),
            num3(m.mape),
            num3(m.c_ratio),
            num3(m.p),
            format!("{} {}", m.grade, grade_name(lang, m.grade)),
        ]);
    }
    d.table(&t);
    // One row per forecast period, one column per modelled quantity (D's level beside it).
    let mut head = vec![cx.l("period", "期").to_string()];
    for f in &s.forecasts {
        head.push(d.u(&quantity_label(cx, &f.quantity)));
        if f.levels.is_some() {
            head.push(cx.l("level", "等级").to_string());
        }
    }
    let mut t = Table::new(head);
    if let Some(k) = s.forecasts.iter().position(|f| f.levels.is_some()) {
        t = t.align(k + 2, Align::Left);
    }
    let periods = s.forecasts.first().map_or(&[][..], |f| &f.periods[..]);
    for (h, p) in periods.iter().enumerate() {
        let mut row = vec![p.to_string()];
        for f in &s.forecasts {
            row.push(
                f.model
                    .forecast
                    .get(h)
                    .map_or_else(String::new, |v| num3(*v)),
            );
            if let Some(lv) = f.levels.as_ref().and_then(|l| l.get(h)) {
                row.push(cx.level_full(*lv));
            }
        }
        t.row(row);
    }
    d.table(&t);
    if let Some(sentence) = good_level_sentence(s, last_level(cx.a, s), lang) {
        d.para(&sentence);
    }
    if let Some(sentence) = beyond_the_scale(cx, s) {
        d.para(&sentence);
    }
}

/// Scores lie in [0, 1], but a GM(1,1) forecast extends past growth exponentially and can pass
/// 1; an officer reading "U = 1.353" deserves to be told what it means.
fn beyond_the_scale(cx: &Ctx, s: &Series) -> Option<String> {
    let max = s
        .forecasts
        .iter()
        .flat_map(|f| f.model.forecast.iter().copied())
        .fold(f64::NEG_INFINITY, f64::max);
    if max <= 1.0 {
        return None;
    }
    Some(match cx.lang {
        Lang::En => format!(
            "Forecasts above 1 (here up to {}) lie beyond the top of the scale, which no score can reach: the grey model extends the past growth exponentially and knows nothing of that ceiling. Read them as “at the top of the scale”, and trust the nearest periods most.",
            num3(max)
        ),
        Lang::Zh => format!(
            "大于 1 的预测值（此处最高为 {}）超出了得分的上限，任何得分都不可能达到：灰色模型按指数外推过去的增长，并不考虑这一上限。应将其理解为“达到量表顶端”，且越近的时期越可信。",
            num3(max)
        ),
    })
}

/// A short column header for a forecast quantity: D, T or the circle's short name.
fn quantity_label(cx: &Ctx, quantity: &str) -> String {
    match quantity {
        "degree" => "D".into(),
        "coordination" => "T".into(),
        q => {
            let id = q.strip_prefix("circle:").unwrap_or(q);
            match cx.fw.circles.iter().position(|c| c.id == id) {
                Some(c) => format!("U {}", cx.circle_short(c)),
                None => q.into(),
            }
        }
    }
}

fn niche(cx: &Ctx, d: &mut Doc, n: &NicheEntry) {
    let title = match (n.period, cx.lang) {
        (Some(p), Lang::En) => format!("Niche of the belts, {p}"),
        (Some(p), Lang::Zh) => format!("产业带生态位（{p} 年）"),
        (None, l) => l.tr("Niche of the belts", "产业带生态位").to_string(),
    };
    d.h3(&title);
    d.para(cx.l(
        "A belt's resource profile is the share of each dimension in the sum of its dimension scores. Niche breadth (0–1) is high for a belt whose strengths are spread evenly over the dimensions and low for a specialist; two belts whose profiles overlap much compete for the same resources.",
        "产业带的资源结构为各维度得分在其维度得分总和中的占比。生态位宽度（0–1）越高，说明其优势在各维度上分布越均衡，越低则越专业化；资源结构重叠度高的两个产业带对同类资源的竞争更强。",
    ));
    let mut t = Table::new([cx.l("belt", "产业带"), cx.l("niche breadth", "生态位宽度")]);
    for (r, b) in n.regions.iter().zip(&n.measures.breadth) {
        t.row([d.u(r), b.map_or_else(|| "-".into(), num3)]);
    }
    d.table(&t);
    if let Some(sentence) = overlap_sentence(n, cx.lang) {
        d.para(&d.u(&sentence));
    }
}

fn formulas(cx: &Ctx, d: &mut Doc, series: bool, niche: bool) {
    d.h3(cx.l("Formulas and references", "公式与参考文献"));
    let mut items: Vec<String> = Vec::new();
    if series {
        items.push(cx.l(
            "Synergy degree (Meng Qingsong & Han Wenxiu 2000, the circle scores as the subsystems' order degrees): for periods t0 < t1, Δ_k = U_k(t1) − U_k(t0) and S = θ·(Π_k |Δ_k|)^(1/n), θ = 1 when every Δ_k > 0 and −1 otherwise. Classes: S ≤ 0 non-synergistic, ≤ 0.3 low, ≤ 0.6 moderate, above 0.6 high synergy.",
            "协同度（孟庆松、韩文秀 2000，以圈层得分为子系统有序度）：对 t0 < t1，Δ_k = U_k(t1) − U_k(t0)，S = θ·(Π_k |Δ_k|)^(1/n)，各 Δ_k 均大于 0 时 θ = 1，否则 θ = −1。分类：S ≤ 0 非协同，≤ 0.3 低度协同，≤ 0.6 中度协同，大于 0.6 高度协同。",
        ).to_string());
        items.push(cx.l(
            "GM(1,1) (Deng Julong's grey system theory), for series of at least 4 positive values: x¹ is the accumulated series and z(k) = (x¹(k) + x¹(k−1))/2; a and b are the least-squares solution of x⁰(k) + a·z(k) = b; x̂¹(k) = (x⁰(1) − b/a)·e^(−a(k−1)) + b/a and x̂⁰(k) = x̂¹(k) − x̂¹(k−1). Checks: MAPE, the posterior variance ratio C = S2/S1 and the small-error probability p; grade 1 good (p > 0.95, C < 0.35), 2 qualified (p > 0.8, C < 0.5), 3 barely qualified (p > 0.7, C < 0.65), else 4 unqualified.",
            "GM(1,1)（邓聚龙灰色系统理论），用于至少 4 个正值的序列：x¹ 为累加序列，z(k) = (x¹(k) + x¹(k−1))/2；a、b 为 x⁰(k) + a·z(k) = b 的最小二乘解；x̂¹(k) = (x⁰(1) − b/a)·e^(−a(k−1)) + b/a，x̂⁰(k) = x̂¹(k) − x̂¹(k−1)。检验：平均相对误差 MAPE、后验差比 C = S2/S1 和小误差概率 p；1 级好（p > 0.95，C < 0.35），2 级合格（p > 0.8，C < 0.5），3 级勉强合格（p > 0.7，C < 0.65），否则 4 级不合格。",
        ).to_string());
    }
    if niche {
        items.push(cx.l(
            "Niche: p_rd = S_rd / Σ_d S_rd over the q dimensions; Levins' breadth, standardized, B_r = (1/Σ_d p_rd² − 1)/(q − 1); Pianka's overlap O_rs = Σ_d p_rd p_sd / √(Σ_d p_rd² · Σ_d p_sd²).",
            "生态位：p_rd = S_rd / Σ_d S_rd（q 个维度）；Levins 标准化生态位宽度 B_r = (1/Σ_d p_rd² − 1)/(q − 1)；Pianka 生态位重叠度 O_rs = Σ_d p_rd p_sd / √(Σ_d p_rd² · Σ_d p_sd²)。",
        ).to_string());
    }
    d.bullets(&items);
    d.para(cx.l("References:", "参考文献："));
    let mut refs: Vec<String> = Vec::new();
    if series {
        refs.push(cx.l(
            "Meng Qingsong, Han Wenxiu (2000). 复合系统协调度模型研究 (Study of the coordination degree model of composite systems). Journal of Tianjin University 33(4): 444–446.",
            "孟庆松, 韩文秀 (2000). 复合系统协调度模型研究. 天津大学学报 33(4): 444–446.",
        ).to_string());
        refs.push(cx.l(
            "Deng Julong (1982). Control problems of grey systems. Systems & Control Letters 1(5): 288–294.",
            "邓聚龙 (1982). Control problems of grey systems. Systems & Control Letters 1(5): 288–294（灰色系统理论）.",
        ).to_string());
    }
    if niche {
        refs.push(
            "Levins, R. (1968). Evolution in Changing Environments. Princeton University Press."
                .to_string(),
        );
        refs.push(
            "Pianka, E. R. (1973). The structure of lizard communities. Annual Review of Ecology and Systematics 4: 53–74."
                .to_string(),
        );
    }
    d.bullets(&refs);
}
