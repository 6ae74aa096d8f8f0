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

/// "global" / "composite" as the report names them, with the setting's value.
pub(super) fn name(lang: Lang, basis: ObstacleBasis) -> &'static str {
    match (basis, lang) {
        (ObstacleBasis::Global, Lang::En) => "global basis (obstacles = global)",
        (ObstacleBasis::Composite, Lang::En) => "composite basis (obstacles = composite)",
        (ObstacleBasis::Global, Lang::Zh) => "全局权重口径（obstacles = global）",
        (ObstacleBasis::Composite, Lang::Zh) => "复合口径（obstacles = composite）",
    }
}

/// One sentence naming the basis and what its factor contribution is.
pub(super) fn basis_sentence(cx: &Ctx) -> String {
    let b = cx.a.method.obstacles;
    let what = match (b, cx.lang) {
        (ObstacleBasis::Global, Lang::En) => {
            "each indicator's factor contribution is its global weight w_j, the usual form in the literature; unlike T, it does not use the circle weights β, so a circle with many heavily weighted indicators weighs more here than in T"
        }
        (ObstacleBasis::Composite, Lang::En) => {
            "each indicator's factor contribution is β_k w_j / W_k, its weight within its circle times the circle weight β_k, so the obstacle degrees split the gap 1 − T exactly and agree with the circle weights used in T"
        }
        (ObstacleBasis::Global, Lang::Zh) => {
            "每个指标的因子贡献度为其全局权重 w_j，即文献中的常用形式；与 T 不同，它不使用圈层权重 β，因此指标多、权重大的圈层在此处的分量比在 T 中更重"
        }
        (ObstacleBasis::Composite, Lang::Zh) => {
            "每个指标的因子贡献度为 β_k w_j / W_k，即其圈内权重乘以圈层权重 β_k，因此各障碍度恰好分解 1 − T 的差距，与 T 所用的圈层权重一致"
        }
    };
    match cx.lang {
        Lang::En => format!("Obstacle degrees here use the {}: {what}.", name(cx.lang, b)),
        Lang::Zh => format!("本报告的障碍度采用{}：{what}。", name(cx.lang, b)),
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
    Some(match cx.lang {
        Lang::En => format!(
            "The {} would name other weak dimensions: {list}; which dimensions count as weak therefore depends on the basis as well as on the data.",
            name(cx.lang, ob)
        ),
        Lang::Zh => format!(
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
