//! `aggregate`'s text output: one table per observation (answers, mean, spread, 95% interval)
//! and the reliability of the questionnaire, with what a low or missing alpha means in words.

use crate::engine::questionnaire::{Aggregate, Alpha};
use crate::lang::Lang;
use crate::model::Framework;
use crate::names::Names;
use crate::textfmt::{Align, Table, num3};

/// Cronbach's alpha below this is conventionally too low to treat the items as one measure.
pub const ALPHA_OK: f64 = 0.7;

fn opt3(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), num3)
}

fn alpha_row(t: &mut Table, what: String, a: &Alpha, lang: Lang) {
    let verdict = match a.alpha {
        None => lang.tr("not computable", "无法计算"),
        Some(x) if x < ALPHA_OK => lang.tr("too low", "偏低"),
        Some(_) => lang.tr("acceptable", "可接受"),
    };
    t.row([
        what,
        a.items.to_string(),
        a.n.to_string(),
        opt3(a.alpha),
        verdict.to_string(),
    ]);
}

/// The whole text output.
pub fn aggregate_text(fw: &Framework, agg: &Aggregate, source: &str, lang: Lang) -> String {
    let names = Names { fw, lang };
    let mut out = format!(
        "{} — {source}\n\n",
        lang.tr("Questionnaire aggregation", "问卷汇总")
    );
    for o in &agg.observations {
        out.push_str(&match lang {
            Lang::En if o.respondents == 1 => format!("{} (1 questionnaire)\n", o.label),
            Lang::En => format!("{} ({} questionnaires)\n", o.label, o.respondents),
            Lang::Zh => format!("{}（{} 份问卷）\n", o.label, o.respondents),
        });
        let mut t = Table::new([
            lang.tr("indicator", "指标"),
            "id",
            "n",
            lang.tr("mean", "均值"),
            "sd",
            lang.tr("95% interval", "95% 置信区间"),
        ])
        .align(1, Align::Left);
        for s in &o.items {
            let ci = s.ci95.map_or_else(
                || "-".into(),
                |(lo, hi)| format!("{} – {}", num3(lo), num3(hi)),
            );
            t.row([
                names.ind(s.indicator).to_string(),
                fw.indicators[s.indicator].id.clone(),
                s.n.to_string(),
                num3(s.mean),
                opt3(s.sd),
                ci,
            ]);
        }
        out.push_str(&t.render());
        out.push('\n');
    }
    out.push_str(lang.tr(
        "Reliability (Cronbach's alpha, over the questionnaires that answer every item of the set)\n",
        "信度（Cronbach's α，按回答了该组全部题目的问卷计算）\n",
    ));
    let mut t = Table::new([
        lang.tr("items of", "题目组"),
        lang.tr("items", "题数"),
        "n",
        "alpha",
        lang.tr("verdict", "判断"),
    ])
    .align(4, Align::Left);
    for (d, a) in &agg.reliability.dimensions {
        alpha_row(&mut t, names.dim_short(*d).to_string(), a, lang);
    }
    alpha_row(
        &mut t,
        lang.tr("all items", "全部题目").to_string(),
        &agg.reliability.overall,
        lang,
    );
    out.push_str(&t.render());
    let all = agg
        .reliability
        .dimensions
        .iter()
        .map(|(_, a)| a)
        .chain([&agg.reliability.overall]);
    let (mut low, mut none) = (false, false);
    for a in all {
        match a.alpha {
            None => none = true,
            Some(x) if x < ALPHA_OK => low = true,
            Some(_) => {}
        }
    }
    if low {
        out.push_str(lang.tr(
            "An alpha below 0.7 means the answers to these questions do not agree well enough to be read as one measure: check the wording, and whether respondents understood the scale, before using the means.\n",
            "α 低于 0.7 说明这些题目的回答一致性不足，不宜视为同一测量：使用均值前，请检查题目措辞以及受访者是否理解了量表。\n",
        ));
    }
    if none {
        out.push_str(lang.tr(
            "An alpha that cannot be computed needs at least 2 complete questionnaires whose totals differ: collect more answers.\n",
            "无法计算的 α 至少需要 2 份答完全部题目且总分不同的问卷：请收集更多回答。\n",
        ));
    }
    if !agg.warnings.is_empty() {
        out.push_str(lang.tr("\nWarnings\n", "\n警告\n"));
        for w in &agg.warnings {
            out.push_str(&format!("- {w}\n"));
        }
    }
    out
}
