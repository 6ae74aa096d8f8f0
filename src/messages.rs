//! Engine warnings and blockers in words: one function per language, with the framework's
//! ids and the observations' labels. The engine only produces data (`engine::notes`); this is
//! the one place its sentences are written.

use crate::diag::Problem;
use crate::engine::{Assessment, Blocker, Warning};
use crate::lang::Lang;
use crate::model::Framework;
use crate::textfmt::Readable;

/// Every warning of an assessment, in `lang`.
pub fn warnings(fw: &Framework, a: &Assessment, lang: Lang) -> Vec<String> {
    a.warnings
        .iter()
        .map(|w| warning(fw, &a.labels, w, lang))
        .collect()
}

/// One warning in `lang`; `labels` are the observations' labels.
pub fn warning(fw: &Framework, labels: &[String], w: &Warning, lang: Lang) -> String {
    match lang {
        Lang::En => warning_en(fw, labels, w),
        Lang::Zh => warning_zh(fw, labels, w),
    }
}

fn ind(fw: &Framework, j: usize) -> &str {
    &fw.indicators[j].id
}

fn label(labels: &[String], i: usize) -> &str {
    labels.get(i).map_or("?", String::as_str)
}

fn circle_list(fw: &Framework, circles: &[usize]) -> String {
    let ids: Vec<&str> = circles.iter().map(|&k| fw.circles[k].id.as_str()).collect();
    ids.join(", ")
}

/// A warning in English.
pub fn warning_en(fw: &Framework, labels: &[String], w: &Warning) -> String {
    match w {
        Warning::Input(text) => text.clone(),
        Warning::Imputed {
            observation,
            indicator,
            value,
        } => {
            let value = Readable(*value);
            format!(
                "imputed {} for {}: {value}",
                ind(fw, *indicator),
                label(labels, *observation)
            )
        }
        Warning::FewObservations { m } => format!(
            "only {m} observation{}: under range normalization every score only compares these observations with each other",
            if *m == 1 { "" } else { "s" }
        ),
        Warning::ConstantColumn { indicator, value } => {
            let value = Readable(*value);
            format!(
                "indicator `{}` has the same value ({value}) in every observation: z = 1 and its entropy weight is 0",
                ind(fw, *indicator)
            )
        }
        Warning::OutsideBounds {
            indicator,
            count,
            first,
            value,
            bounds: (lo, hi),
        } => {
            let (value, lo, hi) = (Readable(*value), Readable(*lo), Readable(*hi));
            format!(
                "indicator `{}`: {count} value(s) outside its reference bounds [{lo}, {hi}] (e.g. `{}`: {value}); check the unit",
                ind(fw, *indicator),
                label(labels, *first)
            )
        }
        Warning::Clamped {
            indicator,
            count,
            bounds: (lo, hi),
        } => {
            let (lo, hi) = (Readable(*lo), Readable(*hi));
            format!(
                "indicator `{}`: {count} value(s) outside its bounds [{lo}, {hi}] were clamped to the nearest bound",
                ind(fw, *indicator)
            )
        }
        Warning::ZeroWeightDimension { dimension } => format!(
            "dimension `{}`: its indicators all have weight 0, so its score is the plain mean of their normalized values",
            fw.dimensions[*dimension].id
        ),
        Warning::ZeroWeightCircle { circle } => format!(
            "circle `{}`: its indicators all have weight 0, so its score is the plain mean of their normalized values",
            fw.circles[*circle].id
        ),
        Warning::ZeroCircles {
            observation,
            circles,
        } => format!(
            "observation `{}`: circle(s) {} score 0 (every indicator at its worst), so C = 0 and D = 0",
            label(labels, *observation),
            circle_list(fw, circles)
        ),
    }
}

/// A warning in Chinese.
pub fn warning_zh(fw: &Framework, labels: &[String], w: &Warning) -> String {
    match w {
        Warning::Input(text) => text.clone(),
        Warning::Imputed {
            observation,
            indicator,
            value,
        } => {
            let value = Readable(*value);
            format!(
                "已插补 {} 在 {} 的缺失值：{value}",
                ind(fw, *indicator),
                label(labels, *observation)
            )
        }
        Warning::FewObservations { m } => {
            format!("仅有 {m} 个观测：在极差标准化下，所有得分只是这几个观测之间的相互比较")
        }
        Warning::ConstantColumn { indicator, value } => {
            let value = Readable(*value);
            format!(
                "指标 `{}` 在所有观测中取值相同（{value}）：z = 1，其熵权为 0",
                ind(fw, *indicator)
            )
        }
        Warning::OutsideBounds {
            indicator,
            count,
            first,
            value,
            bounds: (lo, hi),
        } => {
            let (value, lo, hi) = (Readable(*value), Readable(*lo), Readable(*hi));
            format!(
                "指标 `{}`：有 {count} 个值超出其参考区间 [{lo}, {hi}]（如 `{}`：{value}），请检查单位",
                ind(fw, *indicator),
                label(labels, *first)
            )
        }
        Warning::Clamped {
            indicator,
            count,
            bounds: (lo, hi),
        } => {
            let (lo, hi) = (Readable(*lo), Readable(*hi));
            format!(
                "指标 `{}`：有 {count} 个值超出其参考区间 [{lo}, {hi}]，已截取到最近的端点",
                ind(fw, *indicator)
            )
        }
        Warning::ZeroWeightDimension { dimension } => format!(
            "维度 `{}`：其指标权重均为 0，得分取其标准化值的简单平均",
            fw.dimensions[*dimension].id
        ),
        Warning::ZeroWeightCircle { circle } => format!(
            "圈层 `{}`：其指标权重均为 0，得分取其标准化值的简单平均",
            fw.circles[*circle].id
        ),
        Warning::ZeroCircles {
            observation,
            circles,
        } => format!(
            "观测 `{}`：圈层 {} 得分为 0（各指标均处于最差值），因此 C = 0、D = 0",
            label(labels, *observation),
            circle_list(fw, circles)
        ),
    }
}

/// Why a method cannot run, as (message, help) in `lang`.
pub fn blocker(fw: &Framework, b: &Blocker, lang: Lang) -> (String, String) {
    match lang {
        Lang::En => blocker_en(fw, b),
        Lang::Zh => blocker_zh(fw, b),
    }
}

/// A blocker as a problem (English), for the command line.
pub fn problem(fw: &Framework, b: &Blocker) -> Problem {
    let (message, help) = blocker_en(fw, b);
    Problem::new(message).help(help)
}

/// A blocker in English: (message, help).
pub fn blocker_en(fw: &Framework, b: &Blocker) -> (String, String) {
    let why = |w: &crate::engine::Weighting| {
        format!(
            "{} weighting uses the framework's indicator weights",
            w.as_str()
        )
    };
    let (message, help) = match b {
        Blocker::NoObservations => (
            "there are no observations".to_string(),
            "add at least one observation (a year or a region) with its values",
        ),
        Blocker::TooFewObservations { weighting, m } => (
            format!(
                "{} weights need 2 observations, this survey has {m}",
                weighting.as_str()
            ),
            "add an observation, or switch to fixed weights with reference bounds (--weighting fixed --normalization reference)",
        ),
        Blocker::MissingBounds { indicator } => (
            format!(
                "indicator `{}` has no bounds, which reference normalization needs",
                ind(fw, *indicator)
            ),
            "add `bounds = [lower, upper]` to the indicator, or use --normalization range",
        ),
        Blocker::MissingWeight {
            indicator,
            weighting,
        } => (
            format!(
                "indicator `{}` has no `weight`; {}",
                ind(fw, *indicator),
                why(weighting)
            ),
            "add `weight = ...` to every indicator, or use --weighting entropy",
        ),
        Blocker::NegativeWeight { indicator } => (
            format!("indicator `{}` has a negative weight", ind(fw, *indicator)),
            "weights must be ≥ 0",
        ),
        Blocker::AllFixedWeightsZero { weighting } => (
            format!("every indicator weight is 0; {}", why(weighting)),
            "give at least one indicator a positive weight, or use --weighting entropy",
        ),
        Blocker::BadInterval { .. } => (
            "the interval must satisfy 0 ≤ LO < HI ≤ 1".to_string(),
            "e.g. --interval 0.002,0.998",
        ),
        Blocker::BadShift { .. } => (
            "the shift must be a finite number ≥ 0".to_string(),
            "e.g. --shift 0.01",
        ),
        Blocker::NoInformation => (
            "every indicator has entropy 1 (no indicator varies across the observations), so entropy weights are undefined".to_string(),
            "check the data for copied rows, or use --weighting fixed",
        ),
        Blocker::CombinedWeightsZero => (
            "combined weights are all 0: the indicators with a positive fixed weight carry no entropy information".to_string(),
            "use --weighting entropy or fixed",
        ),
    };
    (message, help.to_string())
}

/// A blocker in Chinese: (message, help).
pub fn blocker_zh(fw: &Framework, b: &Blocker) -> (String, String) {
    let (message, help) = match b {
        Blocker::NoObservations => (
            "没有任何观测".to_string(),
            "至少添加一个观测（年份或地区）及其数据",
        ),
        Blocker::TooFewObservations { weighting, m } => (
            format!(
                "{} 赋权需要至少 2 个观测，本调查只有 {m} 个",
                weighting.as_str()
            ),
            "再添加一个观测，或改用固定权重与参考区间（--weighting fixed --normalization reference）",
        ),
        Blocker::MissingBounds { indicator } => (
            format!(
                "指标 `{}` 没有参考区间，参考标准化需要它",
                ind(fw, *indicator)
            ),
            "为该指标添加 `bounds = [下限, 上限]`，或使用 --normalization range",
        ),
        Blocker::MissingWeight {
            indicator,
            weighting,
        } => (
            format!(
                "指标 `{}` 没有 `weight`；{} 赋权使用框架中的指标权重",
                ind(fw, *indicator),
                weighting.as_str()
            ),
            "为每个指标添加 `weight = ...`，或使用 --weighting entropy",
        ),
        Blocker::NegativeWeight { indicator } => (
            format!("指标 `{}` 的权重为负", ind(fw, *indicator)),
            "权重必须 ≥ 0",
        ),
        Blocker::AllFixedWeightsZero { weighting } => (
            format!(
                "所有指标权重均为 0；{} 赋权使用框架中的指标权重",
                weighting.as_str()
            ),
            "至少给一个指标正的权重，或使用 --weighting entropy",
        ),
        Blocker::BadInterval { .. } => (
            "区间须满足 0 ≤ LO < HI ≤ 1".to_string(),
            "例如 --interval 0.002,0.998",
        ),
        Blocker::BadShift { .. } => ("平移量须为有限的非负数".to_string(), "例如 --shift 0.01"),
        Blocker::NoInformation => (
            "所有指标的熵值均为 1（没有指标在观测间变化），熵权无法确定".to_string(),
            "检查数据中是否有重复的行，或使用 --weighting fixed",
        ),
        Blocker::CombinedWeightsZero => (
            "组合权重全为 0：固定权重为正的指标都不含熵信息".to_string(),
            "使用 --weighting entropy 或 fixed",
        ),
    };
    (message, help.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_warning_reads_in_both_languages() {
        let fw = Framework::default_framework();
        let labels = vec!["2019".to_string(), "2020".to_string()];
        let w = Warning::Imputed {
            observation: 1,
            indicator: 0,
            value: 12.5,
        };
        let id = &fw.indicators[0].id;
        assert_eq!(
            warning(&fw, &labels, &w, Lang::En),
            format!("imputed {id} for 2020: 12.5")
        );
        assert!(warning(&fw, &labels, &w, Lang::Zh).contains("已插补"));
        let z = Warning::ZeroCircles {
            observation: 0,
            circles: vec![0, 2],
        };
        assert_eq!(
            warning_en(&fw, &labels, &z),
            "observation `2019`: circle(s) core, outer score 0 (every indicator at its worst), so C = 0 and D = 0"
        );
        let b = Blocker::TooFewObservations {
            weighting: crate::engine::Weighting::Entropy,
            m: 1,
        };
        assert_eq!(
            problem(&fw, &b).message,
            "entropy weights need 2 observations, this survey has 1"
        );
        assert!(blocker(&fw, &b, Lang::Zh).0.contains("至少 2 个观测"));
    }

    #[test]
    fn a_huge_value_is_written_with_an_exponent_in_both_languages() {
        let fw = Framework::default_framework();
        let w = Warning::OutsideBounds {
            indicator: 0,
            count: 1,
            first: 0,
            value: -1.7976931348623157e308,
            bounds: (0.0, 100.0),
        };
        for lang in [Lang::En, Lang::Zh] {
            let text = warning(&fw, &["2019".to_string()], &w, lang);
            assert!(text.contains("-1.7976931348623157e308"), "{text}");
            assert!(text.contains("[0, 100]"), "{text}");
            assert!(text.len() < 300, "{text}");
        }
    }
}
