//! The appendix: the data as entered, the normalized values and the weights, so every figure
//! can be retraced by hand.

use crate::engine::Impute;
use crate::lang::Lang;
use crate::model::survey::format_number;
use crate::report::doc::Doc;
use crate::textfmt::{Table, num3};

use super::Ctx;

pub(super) fn appendix(cx: &Ctx, d: &mut Doc) {
    let fw = cx.fw;
    let a = cx.a;
    d.h2(cx.l(
        "Appendix: the data behind every figure",
        "附录：全部数据与中间结果",
    ));
    d.para(cx.l(
        "With these tables every figure above can be retraced by hand: A gives the data as entered, B the normalized values z_ij, C the entropy e_j, the divergence d_j = 1 − e_j and the weight w_j. A dimension's score is Σ w_j z_ij / Σ w_j over its indicators (B and C), and the obstacle degrees follow from w_j (1 − z_ij).",
        "借助以下各表可以手工复核上文的每个数字：A 为录入的原始数据，B 为标准化值 z_ij，C 为熵值 e_j、差异系数 d_j = 1 − e_j 和权重 w_j。维度得分为其所含指标的 Σ w_j z_ij / Σ w_j（见 B 和 C），障碍度由 w_j (1 − z_ij) 得出。",
    ));
    let cols: Vec<String> = a.labels.iter().map(|l| d.u(l)).collect();
    d.h3(cx.l("A. Data as entered", "A. 原始数据"));
    match cx.input.data(a.method.impute).map(|(data, _)| data) {
        Ok(data) => {
            let imputed = |i: usize, j: usize| a.imputed.iter().any(|&(o, k, _)| o == i && k == j);
            let rows: Vec<(String, Vec<String>)> = (0..fw.indicators.len())
                .map(|j| {
                    (
                        d.code(&fw.indicators[j].id),
                        (0..data.m())
                            .map(|i| {
                                let v = data.values[i * data.n + j];
                                if imputed(i, j) {
                                    d.u(&format!("{}*", shown(v)))
                                } else {
                                    format_number(v)
                                }
                            })
                            .collect(),
                    )
                })
                .collect();
            d.wide_table(cx.l("indicator", "指标"), &rows, &cols);
            imputed_cells(cx, d);
        }
        Err(_) => d.para(cx.l(
            "The data could not be read back from the survey.",
            "无法从调查文件中读取原始数据。",
        )),
    }
    d.h3(cx.l("B. Normalized values z", "B. 标准化值 z"));
    let rows: Vec<(String, Vec<String>)> = (0..fw.indicators.len())
        .map(|j| {
            (
                d.code(&fw.indicators[j].id),
                (0..a.m()).map(|i| num3(a.z(i, j))).collect(),
            )
        })
        .collect();
    d.wide_table(cx.l("indicator", "指标"), &rows, &cols);
    d.h3(cx.l(
        "C. Entropy, divergence and weight",
        "C. 熵值、差异系数与权重",
    ));
    let mut t = Table::new([cx.l("indicator", "指标"), "e_j", "d_j", "w_j"]);
    let dash = || "—".to_string();
    for j in 0..fw.indicators.len() {
        t.row([
            d.code(&fw.indicators[j].id),
            a.weights.entropy.as_ref().map_or_else(dash, |e| num3(e[j])),
            a.weights
                .divergence
                .as_ref()
                .map_or_else(dash, |e| num3(e[j])),
            num3(a.weights.global[j]),
        ]);
    }
    d.table(&t);
    if a.weights.entropy.is_none() {
        d.para(cx.l(
            "Fixed weighting computes no entropy, hence the dashes.",
            "固定权重不计算熵值，故以“—”表示。",
        ));
    }
    d.h3(cx.l("D. Warnings", "D. 警告"));
    if a.warnings.is_empty() {
        d.para(cx.l("The engine gave no warnings.", "计算过程中没有警告。"));
    } else {
        let items: Vec<String> = crate::messages::warnings(cx.fw, a, cx.lang)
            .iter()
            .map(|w| d.u(w))
            .collect();
        d.bullets(&items);
    }
}

/// How the missing values were filled in, as a phrase ("linear interpolation …").
pub(super) fn impute_how(lang: Lang, impute: Impute) -> &'static str {
    match (impute, lang) {
        (Impute::None, Lang::En) => "not filled in",
        (Impute::None, Lang::Zh) => "未填补",
        (Impute::Interpolate, Lang::En) => {
            "linear interpolation between the nearest observed periods, or the nearest observed value before the first or after the last"
        }
        (Impute::Interpolate, Lang::Zh) => {
            "相邻观测时期之间的线性插值（首个观测值之前或最后一个观测值之后取最近的观测值）"
        }
        (Impute::Mean, Lang::En) => "the mean of the indicator's observed values",
        (Impute::Mean, Lang::Zh) => "该指标已观测值的均值",
    }
}

/// The note under table A and every imputed cell, so a reader knows which figures rest on
/// values nobody entered.
fn imputed_cells(cx: &Ctx, d: &mut Doc) {
    let a = cx.a;
    if a.imputed.is_empty() {
        return;
    }
    let method = a.method.impute.as_str();
    let how = impute_how(cx.lang, a.method.impute);
    let k = a.imputed.len();
    d.para(&d.u(&match cx.lang {
        Lang::En => format!(
            "* imputed ({method}): the cell was empty and was filled in with {how}. {} listed below.",
            if k == 1 {
                "The one imputed value is".to_string()
            } else {
                format!("All {k} imputed values are")
            },
        ),
        Lang::Zh => format!(
            "* 为填补值（{method}）：该单元格原为空，以{how}填补。全部 {k} 个填补值列于下表。"
        ),
    }));
    let mut t = Table::new([
        cx.l("observation", "观测"),
        cx.l("indicator", "指标"),
        cx.l("value", "填补值"),
        cx.l("method", "方法"),
    ]);
    for &(i, j, v) in &a.imputed {
        t.row([
            d.u(&a.labels[i]),
            d.code(&cx.fw.indicators[j].id),
            shown(v),
            method.to_string(),
        ]);
    }
    d.table(&t);
}

/// An imputed value as printed: to 6 decimals, so that interpolation's float noise
/// (13.899999999999999) reads as the 13.9 an officer would have computed; `score --format json`
/// keeps it exact.
fn shown(v: f64) -> String {
    let r = (v * 1e6).round() / 1e6;
    format_number(if r.is_finite() { r } else { v })
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn imputed_values_print_to_six_decimals() {
        // (10.6 + 17.2) / 2 is 13.899999999999999 in f64; to 6 decimals, 13.9.
        assert_eq!(shown((10.6 + 17.2) / 2.0), "13.9");
        // 78.7 / 5 = 15.74; 2/3 = 0.666667 to 6 decimals.
        assert_eq!(shown(78.7 / 5.0), "15.74");
        assert_eq!(shown(2.0 / 3.0), "0.666667");
    }
}
