//! The obstacle basis (docs/method.md §6): which factor contribution the obstacle degrees use,
//! and whether the other basis would name other weak dimensions. The weak dimensions are a
//! result of that choice as much as of the data, so the report names it and checks the other.

use crate::engine::{self, Assessment, ObstacleBasis};
use crate::files::Input;
use crate::lang::Lang;
use crate::report::doc::Doc;

use super::Ctx;

/// The basis the assessment did not use.
pub(super) fn other(basis: ObstacleBasis) -> ObstacleBasis {
    match basis {
        ObstacleBasis::Global => ObstacleBasis::Composite,
        ObstacleBasis::Composite => ObstacleBasis::Global,
    }
}

/// The weak dimensions of observation `f` under the other obstacle basis, from a re-assessment
/// of the same data with only the basis changed; `None` when the data cannot be re-read (the
/// report then says nothing about the other basis rather than guess).
pub(super) fn other_weak(input: &Input, a: &Assessment, f: usize) -> Option<Vec<usize>> {
    let mut method = a.method;
    method.obstacles = other(method.obstacles);
    let (data, imputed) = input.data(method.impute).ok()?;
    let b = engine::assess_imputed(&input.framework, &data, &imputed, &method).ok()?;
    b.weak_dimensions.get(f).cloned()
}

/// "global basis" / "composite basis" as the report names them.
pub(super) fn name(lang: Lang, basis: ObstacleBasis) -> &'static str {
    match (basis, lang) {
        (ObstacleBasis::Global, Lang::En) => "global basis",
        (ObstacleBasis::Composite, Lang::En) => "composite basis",
        (ObstacleBasis::Global, Lang::Zh) => "全局权重口径",
        (ObstacleBasis::Composite, Lang::Zh) => "复合口径",
    }
}

/// One sentence naming the basis and what its factor contribution is.
pub(super) fn basis_sentence(cx: &Ctx) -> String {
    let b = cx.a.method.obstacles;
    let what = match (b, cx.lang) {
        (ObstacleBasis::Global, Lang::En) => {
            "each indicator's factor contribution is its global weight w_j, the usual form in the literature; unlike T, it does not use the circle weights β, so a circle whose indicators carry more of the global weight than its β weighs more here than in T"
        }
        (ObstacleBasis::Composite, Lang::En) => {
            "each indicator's factor contribution is β_k w_j / W_k, its weight within its circle times the circle weight β_k, so the obstacle degrees split the gap 1 − T exactly and agree with the circle weights used in T"
        }
        (ObstacleBasis::Global, Lang::Zh) => {
            "每个指标的因子贡献度为其全局权重 w_j，即文献中的常用形式；与 T 不同，它不使用圈层权重 β，因此所含指标全局权重之和大于其 β 的圈层在此处的分量比在 T 中更重"
        }
        (ObstacleBasis::Composite, Lang::Zh) => {
            "每个指标的因子贡献度为 β_k w_j / W_k，即其圈内权重乘以圈层权重 β_k，因此各障碍度恰好分解 1 − T 的差距，与 T 所用的圈层权重一致"
        }
    };
    match cx.lang {
        Lang::En => format!(
            "Obstacle degrees here use the {} (obstacles = {}): {what}.",
            name(cx.lang, b),
            b.as_str()
        ),
        Lang::Zh => format!(
            "本报告的障碍度采用{}（obstacles = {}）：{what}。",
            name(cx.lang, b),
            b.as_str()
        ),
    }
}

/// Whether the other basis names other weak dimensions (in order) for the focus observation,
/// in one sentence; `None` when it could not be computed.
pub(super) fn other_sentence(cx: &Ctx, d: &Doc) -> Option<String> {
    let other_weak = cx.other_weak.as_ref()?;
    let ob = other(cx.a.method.obstacles);
    let weak = &cx.a.weak_dimensions[cx.f];
    if other_weak == weak {
        return Some(match cx.lang {
            Lang::En => format!(
                "The {} gives the same weak dimensions in the same order.",
                name(cx.lang, ob)
            ),
            Lang::Zh => format!("采用{}得到的薄弱维度及其顺序相同。", name(cx.lang, ob)),
        });
    }
    let names: Vec<String> = other_weak.iter().map(|&k| d.u(cx.dim_short(k))).collect();
    let list = if names.is_empty() {
        cx.l("none", "无").to_string()
    } else {
        cx.list(&names)
    };
    let same_set = other_weak.len() == weak.len() && other_weak.iter().all(|k| weak.contains(k));
    Some(match (cx.lang, same_set) {
        (Lang::En, true) => format!(
            "The {} ranks the same weak dimensions in another order: {list}.",
            name(cx.lang, ob)
        ),
        (Lang::Zh, true) => format!(
            "若采用{}，薄弱维度相同但顺序不同：{list}。",
            name(cx.lang, ob)
        ),
        (Lang::En, false) => format!(
            "The {} would name other weak dimensions: {list}; which dimensions count as weak therefore depends on the basis as well as on the data.",
            name(cx.lang, ob)
        ),
        (Lang::Zh, false) => format!(
            "若采用{}，薄弱维度将依次为：{list}；因此哪些维度算作薄弱，既取决于数据，也取决于障碍度口径。",
            name(cx.lang, ob)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_other_basis_flips() {
        assert_eq!(other(ObstacleBasis::Global), ObstacleBasis::Composite);
        assert_eq!(other(ObstacleBasis::Composite), ObstacleBasis::Global);
    }
}
