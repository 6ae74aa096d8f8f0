//! `beltscope framework`: print a framework's tree.

use clap::{Args, ValueEnum};

use crate::cli::print;
use crate::error::Failure;
use crate::files::load_framework;
use crate::framework_doc;
use crate::lang::{Lang, pick};
use crate::model::{DEFAULT_FRAMEWORK_ID, Framework};

#[derive(Debug, Args)]
pub struct FrameworkArgs {
    /// A framework file or embedded id (default: the embedded cbec-belt; cbec-belt-1 is 1.0.0).
    pub framework: Option<String>,
    /// The language of the tree (csv, json and markdown hold both languages).
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
    /// tree: circles, dimensions and indicators; csv: one row per indicator, for Excel;
    /// json: every field; markdown: the bilingual indicator reference (docs/indicators.md).
    #[arg(long, value_enum, default_value_t)]
    pub format: FrameworkFormat,
}

/// How `beltscope framework` prints the framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FrameworkFormat {
    #[default]
    Tree,
    Csv,
    Json,
    Markdown,
}

/// Runs `beltscope framework`.
pub fn framework(args: &FrameworkArgs) -> Result<(), Failure> {
    let (fw, _) = load_framework(
        args.framework.as_deref().unwrap_or(DEFAULT_FRAMEWORK_ID),
        None,
    )?;
    match args.format {
        FrameworkFormat::Tree => print(&framework_tree(&fw, args.lang)),
        FrameworkFormat::Csv => print(&framework_doc::to_csv(&fw)),
        FrameworkFormat::Json => {
            let json = serde_json::to_string_pretty(&framework_doc::to_json(&fw))
                .map_err(|e| Failure::Other(format!("cannot write the JSON: {e}")))?;
            print(&format!("{json}\n"))
        }
        FrameworkFormat::Markdown => print(&framework_doc::to_markdown(&fw)),
    }
}

/// The framework as an indented tree with counts per circle and dimension.
pub fn framework_tree(fw: &Framework, lang: Lang) -> String {
    let mut out = format!(
        "{} ({} {})\n",
        pick(lang, &fw.name, fw.name_zh.as_deref()),
        fw.id,
        fw.version
    );
    let beta = fw.circle_weights();
    let (ind_word, dim_word) = match lang {
        Lang::En => ("indicators", "dimensions"),
        Lang::Zh => ("个指标", "个维度"),
    };
    for (c, circle) in fw.circles.iter().enumerate() {
        let dims: Vec<usize> = fw.dimensions_of_circle(c).collect();
        let n_ind: usize = dims
            .iter()
            .map(|&d| fw.indicators_of_dimension(d).count())
            .sum();
        let counts = match lang {
            Lang::En => format!("{} {dim_word}, {n_ind} {ind_word}", dims.len()),
            Lang::Zh => format!("{}{dim_word}，{n_ind}{ind_word}", dims.len()),
        };
        out.push_str(&format!(
            "{} [{}] β = {:.3} · {counts}\n",
            pick(lang, &circle.name, circle.name_zh.as_deref()),
            circle.id,
            beta[c]
        ));
        for (k, &d) in dims.iter().enumerate() {
            let last_dim = k + 1 == dims.len();
            let dim = &fw.dimensions[d];
            let inds: Vec<usize> = fw.indicators_of_dimension(d).collect();
            let count = match lang {
                Lang::En => format!("{} {ind_word}", inds.len()),
                Lang::Zh => format!("{}{ind_word}", inds.len()),
            };
            out.push_str(&format!(
                "{} {} [{}] · {count}\n",
                if last_dim { "└─" } else { "├─" },
                pick(lang, &dim.name, dim.name_zh.as_deref()),
                dim.id
            ));
            for (l, &j) in inds.iter().enumerate() {
                let ind = &fw.indicators[j];
                let sign = match ind.direction {
                    crate::model::Direction::Positive => "+",
                    crate::model::Direction::Negative => "−",
                };
                out.push_str(&format!(
                    "{}  {} {} {} [{}] ({})\n",
                    if last_dim { "  " } else { "│ " },
                    if l + 1 == inds.len() {
                        "└─"
                    } else {
                        "├─"
                    },
                    sign,
                    pick(lang, &ind.name, ind.name_zh.as_deref()),
                    ind.id,
                    pick(lang, &ind.unit, ind.unit_zh.as_deref())
                ));
            }
        }
    }
    let total = match lang {
        Lang::En => format!(
            "{} circles, {} dimensions, {} indicators, {} countermeasures (+ more is better, − less is better)\n",
            fw.circles.len(),
            fw.dimensions.len(),
            fw.indicators.len(),
            fw.countermeasures.len()
        ),
        Lang::Zh => format!(
            "{} 个圈层，{} 个维度，{} 个指标，{} 条对策（+ 正向指标，− 负向指标）\n",
            fw.circles.len(),
            fw.dimensions.len(),
            fw.indicators.len(),
            fw.countermeasures.len()
        ),
    };
    out.push_str(&total);
    out
}
