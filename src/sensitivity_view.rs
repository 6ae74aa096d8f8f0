//! How a sensitivity analysis is shown: the JSON document `sensitivity --format json` prints
//! (key names fixed by the project's contract, full f64 precision), and plain sentences saying
//! which conclusions are robust, shared by the text output and the report.

use serde_json::{Map, Value, json};

use crate::engine::sensitivity::SensitivityResult;
use crate::lang::Lang;
use crate::model::Framework;
use crate::names::Names;
use crate::textfmt::{Table, num3, wrap};

/// The JSON document of `sensitivity --format json`.
pub fn to_json(fw: &Framework, r: &SensitivityResult) -> Value {
    let observations: Vec<Value> = (r.observations.iter())
        .map(|o| {
            json!({
                "label": o.label,
                "degree": {
                    "base": o.degree.base,
                    "median": o.degree.median,
                    "p05": o.degree.p05,
                    "p95": o.degree.p95,
                },
                "level_kept": o.level_kept,
                "rank": {"base": o.rank.base, "p05": o.rank.p05, "p95": o.rank.p95},
            })
        })
        .collect();
    let weak: Map<String, Value> = (r.weak_dimensions.iter())
        .map(|&(d, share)| (fw.dimensions[d].id.clone(), json!(share)))
        .collect();
    json!({
        "runs": r.options.runs,
        "spread": r.options.spread,
        "seed": r.options.seed,
        "vary_methods": r.options.vary_methods,
        "observations": observations,
        "focus": r.observations.get(r.focus).map(|o| o.label.as_str()),
        "weak_dimensions": weak,
    })
}

/// A share of runs as a whole percent ("99 %"); a share that is not exactly 0 or 1 never
/// rounds to "0 %" or "100 %", which would claim more than the runs show.
pub fn pct(share: f64) -> String {
    let p = share * 100.0;
    if (p.round() == 100.0 && share < 1.0) || (p.round() == 0.0 && share > 0.0) {
        format!("{:.1} %", p.clamp(0.1, 99.9))
    } else {
        format!("{p:.0} %")
    }
}

/// How robust a conclusion kept in `share` of the runs is, in words.
fn verdict(share: f64, lang: Lang) -> &'static str {
    match (share, lang) {
        (s, Lang::En) if s >= 0.95 => "robust",
        (s, Lang::En) if s >= 0.75 => "fairly robust",
        (_, Lang::En) => "not robust",
        (s, Lang::Zh) if s >= 0.95 => "稳健",
        (s, Lang::Zh) if s >= 0.75 => "较稳健",
        (_, Lang::Zh) => "不稳健",
    }
}

/// What was varied, in one phrase: "weights varied by ±20 % (1000 runs, seed 42)".
pub fn what_varied(r: &SensitivityResult, lang: Lang) -> String {
    let o = &r.options;
    let spread = format!("±{} %", num_plain(o.spread * 100.0));
    match (lang, o.vary_methods) {
        (Lang::En, false) => format!(
            "{} runs with every weight multiplied by a random factor within {spread} (seed {})",
            o.runs, o.seed
        ),
        (Lang::En, true) => format!(
            "{} runs with every weight multiplied by a random factor within {spread} and the coupling model, the obstacle basis and (when every indicator has bounds) the normalization drawn at random (seed {})",
            o.runs, o.seed
        ),
        (Lang::Zh, false) => format!(
            "共模拟 {} 次，每次将各指标权重乘以 {spread} 范围内的随机因子（随机种子 {}）",
            o.runs, o.seed
        ),
        (Lang::Zh, true) => format!(
            "共模拟 {} 次，每次将各指标权重乘以 {spread} 范围内的随机因子，并随机选取耦合模型、障碍度基准和（各指标均有参考区间时）标准化方法（随机种子 {}）",
            o.runs, o.seed
        ),
    }
}

/// A number without trailing zeros: 20, 12.5.
fn num_plain(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The conclusions in plain words, most important first: the focus observation's level, its
/// D band, each dimension that is weak in some run, its rank, and the levels of the others.
pub fn findings(fw: &Framework, r: &SensitivityResult, lang: Lang) -> Vec<String> {
    let names = Names { fw, lang };
    let mut out = Vec::new();
    let Some(f) = r.observations.get(r.focus) else {
        return out;
    };
    let level = format!("{} {}", f.level, lang.level_name(f.level));
    out.push(match lang {
        Lang::En => format!(
            "The level of {} ({level}) is kept in {} of runs: {}.",
            f.label,
            pct(f.level_kept),
            verdict(f.level_kept, lang)
        ),
        Lang::Zh => format!(
            "{} 的协调等级（{level}）在 {} 的模拟中保持不变：{}。",
            f.label,
            pct(f.level_kept),
            verdict(f.level_kept, lang)
        ),
    });
    let d = f.degree;
    out.push(match lang {
        Lang::En => format!(
            "Its coordination degree D is {} at base; the median of the runs is {} and 90 % of runs lie between {} and {}.",
            num3(d.base),
            num3(d.median),
            num3(d.p05),
            num3(d.p95)
        ),
        Lang::Zh => format!(
            "其协调度 D 基准值为 {}，模拟中位数为 {}，90 % 的模拟介于 {} 与 {} 之间。",
            num3(d.base),
            num3(d.median),
            num3(d.p05),
            num3(d.p95)
        ),
    });
    for &(dim, share) in &r.weak_dimensions {
        let at_base = r.base_weak.contains(&dim);
        let name = names.dim_short(dim);
        out.push(match (lang, at_base) {
            (Lang::En, true) => format!(
                "{name} is a weak dimension in {} of runs ({}).",
                pct(share),
                verdict(share, lang)
            ),
            (Lang::En, false) => format!(
                "{name} is not weak at base but becomes a weak dimension in {} of runs.",
                pct(share)
            ),
            (Lang::Zh, true) => format!(
                "{name}在 {} 的模拟中属于薄弱维度（{}）。",
                pct(share),
                verdict(share, lang)
            ),
            (Lang::Zh, false) => format!(
                "{name}在基准结果中不是薄弱维度，但在 {} 的模拟中成为薄弱维度。",
                pct(share)
            ),
        });
    }
    for &dim in r.base_weak.iter().filter(|&&d| r.weak_share(d) == 0.0) {
        // Only possible with drawn methods: a base weak dimension that no run reproduces.
        out.push(match lang {
            Lang::En => format!("{} is weak at base but in no run.", names.dim_short(dim)),
            Lang::Zh => format!("{}仅在基准结果中属于薄弱维度。", names.dim_short(dim)),
        });
    }
    let m = r.observations.len();
    if m >= 2 {
        let k = f.rank;
        out.push(match (lang, k.p05 == k.p95) {
            (Lang::En, true) => format!(
                "{} ranks {} of {m} by D at base, and in at least 90 % of runs.",
                f.label, k.base
            ),
            (Lang::En, false) => format!(
                "{} ranks {} of {m} by D at base; in 90 % of runs it ranks between {} and {}.",
                f.label, k.base, k.p05, k.p95
            ),
            (Lang::Zh, true) => format!(
                "按 D 排序，{} 在基准结果中居第 {} 位（共 {m} 个），至少 90 % 的模拟名次不变。",
                f.label, k.base
            ),
            (Lang::Zh, false) => format!(
                "按 D 排序，{} 在基准结果中居第 {} 位（共 {m} 个），90 % 的模拟介于第 {} 与第 {} 位之间。",
                f.label, k.base, k.p05, k.p95
            ),
        });
        let steady = (r.observations.iter())
            .filter(|o| o.level_kept >= 0.95)
            .count();
        out.push(match lang {
            Lang::En => format!(
                "The level of {steady} of the {m} observations is kept in at least 95 % of runs."
            ),
            Lang::Zh => {
                format!("{m} 个观测中有 {steady} 个的协调等级在至少 95 % 的模拟中保持不变。")
            }
        });
    }
    out
}

/// The per-observation table: D at base, its median and 90 % band, the share of runs keeping
/// the level, and the rank with its band.
pub fn table(r: &SensitivityResult, lang: Lang) -> Table {
    let headers = match lang {
        Lang::En => [
            "observation",
            "D",
            "median",
            "5–95 %",
            "level",
            "level kept",
            "rank",
            "rank 5–95 %",
        ],
        Lang::Zh => [
            "观测",
            "D",
            "中位数",
            "5–95 %",
            "等级",
            "等级保持",
            "名次",
            "名次 5–95 %",
        ],
    };
    let mut t = Table::new(headers);
    for o in &r.observations {
        let d = o.degree;
        t.row([
            o.label.clone(),
            num3(d.base),
            num3(d.median),
            format!("{}–{}", num3(d.p05), num3(d.p95)),
            o.level.to_string(),
            pct(o.level_kept),
            o.rank.base.to_string(),
            format!("{}–{}", o.rank.p05, o.rank.p95),
        ]);
    }
    t
}

/// The text output of `sensitivity`.
pub fn to_text(fw: &Framework, r: &SensitivityResult, title: &str, lang: Lang) -> String {
    let mut out = format!("{title}\n");
    let heading = lang.tr("How robust is this?", "结论的稳健性");
    out.push_str(&format!("{heading}\n\n"));
    let stop = lang.tr(".", "。");
    for line in wrap(&format!("{}{stop}", what_varied(r, lang)), 100) {
        out.push_str(&format!("{line}\n"));
    }
    out.push('\n');
    out.push_str(&table(r, lang).render());
    out.push('\n');
    for s in findings(fw, r, lang) {
        for (k, line) in wrap(&s, 98).into_iter().enumerate() {
            out.push_str(if k == 0 { "- " } else { "  " });
            out.push_str(&format!("{line}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_never_overstate() {
        assert_eq!(pct(1.0), "100 %");
        assert_eq!(pct(0.0), "0 %");
        assert_eq!(pct(0.61), "61 %");
        // 0.996 would round to 100 %, 0.004 to 0 %: one decimal instead.
        assert_eq!(pct(0.996), "99.6 %");
        assert_eq!(pct(0.004), "0.4 %");
        assert_eq!(pct(0.9999), "99.9 %");
        assert_eq!(num_plain(20.0), "20");
        assert_eq!(num_plain(12.5), "12.5");
    }
}
