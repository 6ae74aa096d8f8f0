//! The method section: normalization, weighting, scores, coupling and obstacle degrees in words and formulas.

use crate::engine::{CouplingModel, Impute, Normalization, ObstacleBasis, Weighting};
use crate::lang::Lang;
use crate::report::ReportFormat;
use crate::report::doc::Doc;
use crate::textfmt::num3;

use super::references::references;
use super::{Ctx, S_MEASURES, basis};

pub(super) fn method(cx: &Ctx, d: &mut Doc) {
    let a = cx.a;
    let m = &a.method;
    let n = cx.fw.circles.len();
    d.h2(cx.l("2. Method", "2. 方法"));
    let mut paras: Vec<String> = Vec::new();
    let (lo, hi) = m.interval;
    let mapped = m.interval != (0.0, 1.0);
    paras.push(match (m.normalization, cx.lang) {
        (Normalization::Range, Lang::En) => format!(
            "Normalization (range). Each indicator j is rescaled over the {} observations i: z_ij = (x_ij − min_j)/(max_j − min_j) for a positive indicator (more is better) and z_ij = (max_j − x_ij)/(max_j − min_j) for a negative one, so the best observation of each indicator gets 1 and the worst 0. An indicator with the same value everywhere gets z = 1.",
            a.m()
        ),
        (Normalization::Reference, Lang::En) => "Normalization (reference). Each indicator j is rescaled with its reference bounds [L_j, H_j] from the framework: z_ij = (x_ij − L_j)/(H_j − L_j) for a positive indicator (more is better) and z_ij = (H_j − x_ij)/(H_j − L_j) for a negative one, clamped to [0, 1]. Scores are then comparable with other assessments that use the same bounds.".to_string(),
        (Normalization::Range, Lang::Zh) => format!(
            "标准化（极差法）。对每个指标 j 在 {} 个观测 i 上进行变换：正向指标（越大越好）z_ij = (x_ij − min_j)/(max_j − min_j)，负向指标 z_ij = (max_j − x_ij)/(max_j − min_j)，使每个指标的最优观测为 1、最差观测为 0。各观测取值相同的指标 z = 1。",
            a.m()
        ),
        (Normalization::Reference, Lang::Zh) => "标准化（参考值法）。用指标体系给出的参考区间 [L_j, H_j] 代替最小值和最大值：正向指标 z_ij = (x_ij − L_j)/(H_j − L_j)，负向指标 z_ij = (H_j − x_ij)/(H_j − L_j)，并截断到 [0, 1]。这样得到的得分可以与使用相同参考区间的其他评估相比较。".to_string(),
    });
    if mapped {
        paras.push(match cx.lang {
            Lang::En => format!(
                "Interval. Every z is then mapped linearly into [{lo}, {hi}]: z ↦ {lo} + ({hi} − {lo})·z, which keeps every entropy proportion p_ij > 0 (the “squeeze” used by the mathmodels R package with [0.002, 0.998] and by SPSSAU with [0.01, 0.99]). All later steps use the mapped z."
            ),
            Lang::Zh => format!(
                "区间化。随后把每个 z 线性映射到 [{lo}, {hi}]：z ↦ {lo} + ({hi} − {lo})·z，使熵值计算中的比重 p_ij 均大于 0（R 包 mathmodels 使用 [0.002, 0.998]，SPSSAU 的区间化使用 [0.01, 0.99]）。后续各步均使用映射后的 z。"
            ),
        });
    }
    let shift = if m.shift == 0.0 {
        "z_ij".to_string()
    } else {
        format!("z_ij + {}", m.shift)
    };
    let entropy_en = format!(
        "q_ij = {shift}, p_ij = q_ij / Σ_i q_ij, e_j = −(1/ln m) Σ_i p_ij ln p_ij (with 0·ln 0 = 0), d_j = 1 − e_j and w_j = d_j / Σ_j d_j. An indicator that varies more across the observations carries more information and gets more weight; one that does not vary at all gets e_j = 1 and weight 0."
    );
    let entropy_zh = format!(
        "q_ij = {shift}，p_ij = q_ij / Σ_i q_ij，e_j = −(1/ln m) Σ_i p_ij ln p_ij（约定 0·ln 0 = 0），d_j = 1 − e_j，w_j = d_j / Σ_j d_j。指标在各观测之间差异越大，信息量越大，权重越高；完全不变的指标 e_j = 1，权重为 0。"
    );
    paras.push(match (m.weighting, cx.lang) {
        (Weighting::Entropy, Lang::En) => format!("Weights (entropy method). {entropy_en}"),
        (Weighting::Entropy, Lang::Zh) => format!("权重（熵权法）。{entropy_zh}"),
        (Weighting::Fixed, Lang::En) => "Weights (fixed). The framework's expert weights, normalised to sum 1; no entropy is computed.".to_string(),
        (Weighting::Fixed, Lang::Zh) => "权重（固定权重）。采用指标体系给出的专家权重，归一化使其和为 1；不计算熵值。".to_string(),
        (Weighting::Combined, Lang::En) => format!("Weights (combined). The entropy weights, {entropy_en} Each is then multiplied by the framework's expert weight and the products are normalised to sum 1."),
        (Weighting::Combined, Lang::Zh) => format!("权重（组合赋权）。先计算熵权：{entropy_zh}再与指标体系的专家权重相乘，并归一化使其和为 1。"),
    });
    let beta: Vec<String> = (0..n)
        .map(|c| format!("{} {}", cx.circle_short(c), num3(a.circle_weights[c])))
        .collect();
    paras.push(match cx.lang {
        Lang::En => format!(
            "Scores. A dimension's or circle's score is the weighted mean of its indicators, S_iG = Σ_(j∈G) w_j z_ij / Σ_(j∈G) w_j; the circle scores are U_1 … U_{n}. The comprehensive coordination index is T = Σ_k β_k U_k with the circle weights β ({})."
        , beta.join(", ")),
        Lang::Zh => format!(
            "得分。维度或圈层得分为其所含指标的加权平均：S_iG = Σ_(j∈G) w_j z_ij / Σ_(j∈G) w_j；圈层得分记为 U_1 … U_{n}。综合协调指数 T = Σ_k β_k U_k，圈层贡献系数 β 为（{}）。"
        , beta.join("，")),
    });
    let (cmin, cmax) = a
        .coupling
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(x, y), c| {
            (x.min(c.c), y.max(c.c))
        });
    paras.push(match (m.coupling, cx.lang) {
        (CouplingModel::Classic, Lang::En) => format!(
            "Coupling (classic model, in the n-system form discussed by CONG Xiaonan, 2019). C = n·(Π_k U_k)^(1/n) / Σ_k U_k with n = {n} circles (C = 0 when every U is 0). The classic C stays close to 1 unless one circle is near 0 (here it ranges from {} to {}), so D is driven mostly by T; WANG Shujia et al. (2021) explain this and propose the corrected model (--coupling corrected).",
            num3(cmin), num3(cmax)
        ),
        (CouplingModel::Corrected, Lang::En) => format!(
            "Coupling (corrected model of WANG Shujia et al., 2021). C = √( [1 − Σ_(k<l) |U_k − U_l| / Σ_(s=1)^(n−1) s] · [Π_k (U_k / max_l U_l)]^(1/(n−1)) ) with n = {n} circles (C = 0 when every U is 0). Unlike the classic C, which bunches near 1, it spreads over [0, 1] (here from {} to {}), so unequal circles lower D visibly.",
            num3(cmin), num3(cmax)
        ),
        (CouplingModel::Classic, Lang::Zh) => format!(
            "耦合度（传统模型，采用丛晓男（2019）讨论的 n 系统形式）。C = n·(Π_k U_k)^(1/n) / Σ_k U_k，n = {n} 个圈层（所有 U 均为 0 时 C = 0）。除非某个圈层接近 0，传统模型的 C 总是接近 1（本报告中介于 {} 与 {} 之间），D 主要由 T 决定；王淑佳等（2021）对此作了分析并提出修正模型（--coupling corrected）。",
            num3(cmin), num3(cmax)
        ),
        (CouplingModel::Corrected, Lang::Zh) => format!(
            "耦合度（王淑佳等 2021 年的修正模型）。C = √( [1 − Σ_(k<l) |U_k − U_l| / Σ_(s=1)^(n−1) s] · [Π_k (U_k / max_l U_l)]^(1/(n−1)) )，n = {n} 个圈层（所有 U 均为 0 时 C = 0）。与集中在 1 附近的传统 C 不同，修正后的 C 分布在 [0, 1] 上（本报告中介于 {} 与 {} 之间），圈层发展不均衡会明显拉低 D。",
            num3(cmin), num3(cmax)
        ),
    });
    paras.push(cx.l(
        "Coordination. D = √(C·T); level = min(10, ⌊10·D⌋ + 1) on the ten-level scale from 1 extreme disorder to 10 high-quality coordination (LIAO Chongbin, 1999); C alone gives one of four coupling stages. Section 5 gives both scales with their intervals. A circle lags when its score is more than 0.1 below the best circle's.",
        "协调度。D = √(C·T)；等级 = min(10, ⌊10·D⌋ + 1)，共十级，从第1级极度失调到第10级优质协调（廖重斌，1999）；仅依据 C 另划分四个耦合阶段。两种划分及其区间见第5节。某圈层得分比最高圈层低 0.1 以上即为滞后圈层。",
    ).to_string());
    let (f_en, f_zh) = match m.obstacles {
        ObstacleBasis::Global => ("F_j = w_j", "F_j = w_j"),
        ObstacleBasis::Composite => (
            "F_j = β_k w_j / W_k for indicator j of circle k, W_k the sum of the circle's weights",
            "F_j = β_k w_j / W_k（j 属于圈层 k，W_k 为该圈层权重之和）",
        ),
    };
    paras.push(match cx.lang {
        Lang::En => format!(
            "Obstacles (obstacle degree model, {}). O_ij = F_j (1 − z_ij) / Σ_l F_l (1 − z_il) with the factor contribution {f_en}: the share of observation i's total weighted shortfall from the best that indicator j causes. A dimension's or circle's obstacle degree is the sum over its indicators. The {} dimensions with the largest obstacle degree are the weak dimensions, and the countermeasures linked to them in the framework are listed in section {S_MEASURES}, ordered by the rank of the weakest dimension each one answers.",
            basis::name(cx.lang, m.obstacles),
            m.top
        ),
        Lang::Zh => format!(
            "障碍度（障碍度模型，{}）。O_ij = F_j (1 − z_ij) / Σ_l F_l (1 − z_il)，因子贡献度 {f_zh}，即指标 j 在观测 i 的加权总差距中所占的份额；维度或圈层的障碍度为其所含指标障碍度之和。障碍度最大的 {} 个维度为薄弱维度，指标体系中与之对应的对策列于第{S_MEASURES}节，按其所针对的最薄弱维度的排名排序。",
            basis::name(cx.lang, m.obstacles),
            m.top
        ),
    });
    d.bullets(&paras);
    let options = format!(
        "--normalization {} --weighting {} --shift {} --interval {},{} --coupling {} --top {} --obstacles {}",
        m.normalization.as_str(),
        m.weighting.as_str(),
        m.shift,
        lo,
        hi,
        m.coupling.as_str(),
        m.top,
        m.obstacles.as_str()
    ) + &impute_flag(m.impute)
        + &super::robustness::flags(cx);
    d.para(&match cx.lang {
        Lang::En => format!(
            "Options used: {}. `beltscope score` with the same data and options gives the same numbers unrounded (--format json).",
            d.code(&options)
        ),
        Lang::Zh => format!(
            "所用选项：{}。用相同数据和选项运行 `beltscope score --format json` 可得到未经舍入的相同数值。",
            d.code(&options)
        ),
    }.replace('`', if d.format == ReportFormat::Markdown { "`" } else { "" }));
    references(cx, d);
}

/// `--impute X` when values were imputed; nothing for the default, which keeps reports of
/// complete data as they were.
fn impute_flag(impute: Impute) -> String {
    if impute == Impute::None {
        String::new()
    } else {
        format!(" --impute {}", impute.as_str())
    }
}
