//! The report's sections, in the order of issue #5, each written once for both formats and
//! both languages.

use std::cmp::Ordering;

use crate::cli::{Lang, pick};
use crate::engine::{
    Assessment, CouplingModel, Normalization, Weighting, level_name, level_name_zh,
};
use crate::files::Input;
use crate::model::Framework;
use crate::model::survey::format_number;
use crate::report::doc::{Doc, WIDTH};
use crate::report::{ReportFormat, ReportOptions, is_time_series, svg};
use crate::textfmt::{Table, bar, num3, pad_left, pad_right, pct1, sparkline, width};

/// Section numbers, for cross-references in the prose.
const S_SCORES: usize = 4;
const S_COUPLING: usize = 5;
const S_DIAGNOSIS: usize = 6;
const S_MEASURES: usize = 7;

/// What every section needs.
struct Ctx<'a> {
    fw: &'a Framework,
    a: &'a Assessment,
    input: &'a Input,
    opts: &'a ReportOptions,
    lang: Lang,
    /// The focus observation.
    f: usize,
    /// Years in order (trace over time) rather than regions (rank).
    series: bool,
}

impl<'a> Ctx<'a> {
    fn l(&self, en: &'static str, zh: &'static str) -> &'static str {
        match self.lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
    /// "2024 年" for a year, the label itself for a region (Chinese prose).
    fn when(&self, label: &str) -> String {
        if self.series && self.zh() {
            format!("{label} 年")
        } else {
            label.to_string()
        }
    }
    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }
    fn circle(&self, c: usize) -> &'a str {
        let x = &self.fw.circles[c];
        pick(self.lang, &x.name, x.name_zh.as_deref())
    }
    fn circle_short(&self, c: usize) -> &'a str {
        short(self.circle(c))
    }
    fn dim(&self, d: usize) -> &'a str {
        let x = &self.fw.dimensions[d];
        pick(self.lang, &x.name, x.name_zh.as_deref())
    }
    fn dim_short(&self, d: usize) -> &'a str {
        short(self.dim(d))
    }
    fn ind(&self, j: usize) -> &'a str {
        let x = &self.fw.indicators[j];
        pick(self.lang, &x.name, x.name_zh.as_deref())
    }
    fn level(&self, lv: u8) -> &'static str {
        match self.lang {
            Lang::En => level_name(lv),
            Lang::Zh => level_name_zh(lv),
        }
    }
    fn level_full(&self, lv: u8) -> String {
        format!("{lv} {}", self.level(lv))
    }
    /// "A, B and C" / "A、B和C".
    fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => match self.lang {
                Lang::En => format!("{} and {last}", init.join(", ")),
                Lang::Zh => format!("{}和{last}", init.join("、")),
            },
        }
    }
    fn count_word(&self, k: usize) -> String {
        const EN: [&str; 11] = [
            "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        ];
        const ZH: [&str; 11] = [
            "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
        ];
        match self.lang {
            Lang::En => EN.get(k).map_or_else(|| k.to_string(), |s| s.to_string()),
            Lang::Zh => ZH.get(k).map_or_else(|| k.to_string(), |s| s.to_string()),
        }
    }
    fn weight_of_dim(&self, d: usize) -> f64 {
        self.fw
            .indicators_of_dimension(d)
            .map(|j| self.a.weights.global[j])
            .sum()
    }
    fn weight_of_circle(&self, c: usize) -> f64 {
        self.fw
            .dimensions_of_circle(c)
            .map(|d| self.weight_of_dim(d))
            .sum()
    }
    /// Circles with U = 0 at observation i.
    fn zero_circles(&self, i: usize) -> Vec<usize> {
        (0..self.fw.circles.len())
            .filter(|&c| self.a.circles(i)[c] == 0.0)
            .collect()
    }
    /// Observation indices by D, best first (ties keep survey order), with competition ranks.
    fn ranking(&self) -> Vec<(usize, usize)> {
        let mut idx: Vec<usize> = (0..self.a.m()).collect();
        idx.sort_by(|&x, &y| {
            self.a.coupling[y]
                .d
                .partial_cmp(&self.a.coupling[x].d)
                .unwrap_or(Ordering::Equal)
        });
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(idx.len());
        for (k, &i) in idx.iter().enumerate() {
            let rank = match out.last() {
                Some(&(r, p)) if self.a.coupling[p].d == self.a.coupling[i].d => r,
                _ => k + 1,
            };
            out.push((rank, i));
        }
        out
    }
    fn lagging_cell(&self, i: usize) -> String {
        let lag = &self.a.coupling[i].lagging;
        if lag.is_empty() {
            return "-".into();
        }
        let names: Vec<&str> = lag
            .iter()
            .map(|&c| match self.lang {
                // Ids keep the English table narrow enough for long region labels.
                Lang::En => self.fw.circles[c].id.as_str(),
                Lang::Zh => self.circle_short(c),
            })
            .collect();
        names.join(self.l(", ", "、"))
    }
}

/// A name without its parenthesised explanation, for tables: "Logistics platform (road/air/sea,
/// ...)" → "Logistics platform"; "次核心圈（辅助圈）" → "次核心圈".
pub fn short(name: &str) -> &str {
    let cut = [" (", "（", "("]
        .iter()
        .filter_map(|p| name.find(p))
        .min()
        .unwrap_or(name.len());
    let s = name[..cut].trim();
    if s.is_empty() { name } else { s }
}

/// What a coordination level means, in one clause.
fn level_meaning(lang: Lang, level: u8) -> &'static str {
    const EN: [&str; 10] = [
        "the circles are barely developed and pull against each other; the ecosystem hardly works as a system",
        "development is low and badly unbalanced; the circles mostly hold each other back",
        "the circles constrain each other more than they support each other",
        "some links between the circles work, but imbalance still dominates",
        "the ecosystem sits on the line between disorder and coordination; a small setback can tip it back",
        "the circles have just begun to support each other, and the coordination is fragile",
        "the circles support each other at a basic level, and the weakest circle sets the pace",
        "the circles develop together and reinforce each other in most respects",
        "the circles are well developed and reinforce each other; the remaining gaps are specific rather than structural",
        "the circles are highly developed and move in step; the task is to keep it so as conditions change",
    ];
    const ZH: [&str; 10] = [
        "各圈层发展水平极低且相互掣肘，生态系统几乎未形成整体",
        "发展水平低且严重失衡，圈层之间基本相互制约",
        "圈层之间的制约多于支撑",
        "圈层之间已有部分联动，但失衡仍占主导",
        "系统处在失调与协调的临界处，小的冲击就可能使其回落",
        "圈层开始相互支撑，但协调基础脆弱",
        "圈层之间形成初步的良性互动，最弱的圈层决定整体节奏",
        "圈层协同发展，在多数方面相互促进",
        "圈层发展水平较高且相互促进，剩余差距是局部性的而非结构性的",
        "各圈层发展水平高且同步推进，任务是在环境变化中保持这一状态",
    ];
    let k = (level.clamp(1, 10) - 1) as usize;
    match lang {
        Lang::En => EN[k],
        Lang::Zh => ZH[k],
    }
}

pub fn render(input: &Input, a: &Assessment, opts: &ReportOptions) -> String {
    let cx = Ctx {
        fw: &input.framework,
        a,
        input,
        opts,
        lang: opts.lang,
        f: opts.focus.min(a.m().saturating_sub(1)),
        series: is_time_series(&a.labels),
    };
    let mut d = Doc::new(opts.format);
    d.width = opts.width;
    if a.m() == 0 {
        d.title(cx.l("Assessment report", "评估报告"));
        d.para(cx.l("There are no observations.", "没有观测数据。"));
        return d.finish();
    }
    title_block(&cx, &mut d);
    summary(&cx, &mut d);
    method(&cx, &mut d);
    indicators(&cx, &mut d);
    scores(&cx, &mut d);
    coupling(&cx, &mut d);
    diagnosis(&cx, &mut d);
    countermeasures(&cx, &mut d);
    appendix(&cx, &mut d);
    let mut s = d.finish();
    s.push('\n');
    s
}

fn method_words(cx: &Ctx) -> Vec<String> {
    let m = &cx.a.method;
    let norm = match (m.normalization, cx.lang) {
        (Normalization::Range, Lang::En) => "range normalization",
        (Normalization::Reference, Lang::En) => "reference normalization",
        (Normalization::Range, Lang::Zh) => "极差标准化",
        (Normalization::Reference, Lang::Zh) => "参考值标准化",
    };
    let weights = match (m.weighting, cx.lang) {
        (Weighting::Entropy, Lang::En) => "entropy weights",
        (Weighting::Fixed, Lang::En) => "fixed (expert) weights",
        (Weighting::Combined, Lang::En) => "combined entropy × expert weights",
        (Weighting::Entropy, Lang::Zh) => "熵权法",
        (Weighting::Fixed, Lang::Zh) => "固定（专家）权重",
        (Weighting::Combined, Lang::Zh) => "熵权×专家权重组合赋权",
    };
    let coupling = match (m.coupling, cx.lang) {
        (CouplingModel::Classic, Lang::En) => "classic coupling model",
        (CouplingModel::Corrected, Lang::En) => "corrected coupling model",
        (CouplingModel::Classic, Lang::Zh) => "传统耦合度模型",
        (CouplingModel::Corrected, Lang::Zh) => "修正耦合度模型",
    };
    let (lo, hi) = m.interval;
    match cx.lang {
        Lang::En => vec![
            norm.into(),
            weights.into(),
            format!("shift {}", m.shift),
            format!("interval [{lo}, {hi}]"),
            coupling.into(),
            format!("top {} weak dimensions", m.top),
        ],
        Lang::Zh => vec![
            norm.into(),
            weights.into(),
            format!("平移量 {}", m.shift),
            format!("区间 [{lo}, {hi}]"),
            coupling.into(),
            format!("前 {} 个薄弱维度", m.top),
        ],
    }
}

fn title_block(cx: &Ctx, d: &mut Doc) {
    let survey = &cx.input.doc.survey;
    let fw = cx.fw;
    let a = cx.a;
    d.title(&d.u(&survey.title));
    let mut rows: Vec<(String, String)> = vec![(
        cx.l("Document:", "文件：").into(),
        cx.l(
            "Assessment report of the cross-border e-commerce supply chain ecosystem",
            "跨境电商供应链生态系统评估报告",
        )
        .into(),
    )];
    if let Some(r) = &survey.region {
        rows.push((cx.l("Region:", "地区：").into(), d.u(r)));
    }
    rows.push((
        cx.l("Framework:", "指标体系：").into(),
        format!(
            "{} ({} {})",
            d.u(pick(cx.lang, &fw.name, fw.name_zh.as_deref())),
            d.code(&fw.id),
            fw.version
        ),
    ));
    rows.push((
        cx.l("Method:", "方法：").into(),
        method_words(cx).join(cx.l(", ", "，")),
    ));
    let m = a.m();
    let obs = if cx.series {
        match cx.lang {
            Lang::En => format!(
                "{m} years, {}–{} (a time series)",
                a.labels[0],
                a.labels[m - 1]
            ),
            Lang::Zh => format!(
                "{m} 个年份，{}–{}（时间序列）",
                a.labels[0],
                a.labels[m - 1]
            ),
        }
    } else {
        let labels: Vec<String> = a.labels.iter().map(|l| d.u(l)).collect();
        match cx.lang {
            Lang::En => format!(
                "{m}, compared with each other (not years in order): {}",
                labels.join("; ")
            ),
            Lang::Zh => format!("{m} 个，横向比较（非按年份排列）：{}", labels.join("；")),
        }
    };
    rows.push((cx.l("Observations:", "观测：").into(), obs));
    rows.push((
        cx.l("Indicators:", "指标：").into(),
        match cx.lang {
            Lang::En => format!(
                "{} in {} dimensions and {} circles",
                fw.indicators.len(),
                fw.dimensions.len(),
                fw.circles.len()
            ),
            Lang::Zh => format!(
                "{} 个，分属 {} 个维度、{} 个圈层",
                fw.indicators.len(),
                fw.dimensions.len(),
                fw.circles.len()
            ),
        },
    ));
    rows.push((cx.l("Focus:", "重点观测：").into(), d.u(&a.labels[cx.f])));
    let file = std::path::Path::new(&cx.input.doc.name)
        .file_name()
        .map_or_else(
            || cx.input.doc.name.clone(),
            |f| f.to_string_lossy().into_owned(),
        );
    rows.push((cx.l("Data file:", "数据文件：").into(), d.u(&file)));
    rows.push((
        cx.l("Generated:", "生成日期：").into(),
        match cx.lang {
            Lang::En => format!(
                "{} by beltscope {}",
                cx.opts.generated,
                env!("CARGO_PKG_VERSION")
            ),
            Lang::Zh => format!(
                "{}（beltscope {}）",
                cx.opts.generated,
                env!("CARGO_PKG_VERSION")
            ),
        },
    ));
    d.fields(&rows);
}

fn summary(cx: &Ctx, d: &mut Doc) {
    let a = cx.a;
    let f = cx.f;
    let c = &a.coupling[f];
    let label = d.u(&a.labels[f]);
    let n = cx.fw.circles.len();
    d.h2(cx.l("1. Summary", "1. 摘要"));

    let mut p = match cx.lang {
        Lang::En => format!(
            "In {label}, the coupling coordination degree of the {} circles is D = {}, level {} of 10 ({}): {}.",
            cx.count_word(n),
            num3(c.d),
            c.level,
            cx.level(c.level),
            level_meaning(cx.lang, c.level)
        ),
        Lang::Zh => format!(
            "{}，{}个圈层的耦合协调度 D = {}，处于10级中的第{}级（{}）：{}。",
            cx.when(&label),
            cx.count_word(n),
            num3(c.d),
            c.level,
            cx.level(c.level),
            level_meaning(cx.lang, c.level)
        ),
    };
    if a.method.normalization == Normalization::Range {
        p.push_str(&match cx.lang {
            Lang::En => format!(
                " Under range normalization every score is relative to the {} observations compared: 1 is the best of them and 0 the worst, not an absolute standard.",
                a.m()
            ),
            Lang::Zh => format!(
                "在极差标准化下，所有得分都是相对于参与比较的 {} 个观测而言的：1 代表其中最好者，0 代表最差者，而非绝对标准。",
                a.m()
            ),
        });
    }
    d.para(&p);

    let zero = cx.zero_circles(f);
    if !zero.is_empty() {
        d.para(&zero_circle_words(cx, d, f, &zero));
    }

    // Lagging circles.
    let u = a.circles(f);
    let best = (0..n)
        .max_by(|&x, &y| u[x].partial_cmp(&u[y]).unwrap_or(Ordering::Equal))
        .unwrap_or(0);
    let p = if c.lagging.is_empty() {
        let min = u.iter().cloned().fold(f64::INFINITY, f64::min);
        match cx.lang {
            Lang::En => format!(
                "No circle lags: every circle score is within 0.1 of the best (U from {} to {}), so the circles develop in step.",
                num3(min),
                num3(u[best])
            ),
            Lang::Zh => format!(
                "没有滞后圈层：各圈层得分与最高者之差均不超过 0.1（U 介于 {} 与 {} 之间），各圈层同步发展。",
                num3(min),
                num3(u[best])
            ),
        }
    } else {
        let lag: Vec<String> = c
            .lagging
            .iter()
            .map(|&k| format!("{} (U = {})", d.u(cx.circle_short(k)), num3(u[k])))
            .map(|s| {
                if cx.zh() {
                    s.replace(" (", "（").replace(')', "）")
                } else {
                    s
                }
            })
            .collect();
        match cx.lang {
            Lang::En => format!(
                "Lagging: the {} {} more than 0.1 below the best circle, the {} (U = {}); the ecosystem can only move as fast as its weakest circle.",
                cx.list(&lag),
                if lag.len() == 1 { "is" } else { "are" },
                d.u(cx.circle_short(best)),
                num3(u[best])
            ),
            Lang::Zh => format!(
                "滞后圈层：{}，比得分最高的{}（U = {}）低 0.1 以上；生态系统的整体水平受制于最弱的圈层。",
                cx.list(&lag),
                d.u(cx.circle_short(best)),
                num3(u[best])
            ),
        }
    };
    d.para(&p);

    // Change over time, or the spread across regions.
    let m = a.m();
    let p = if m == 1 {
        cx.l(
            "There is only one observation, so there is nothing to compare it with.",
            "只有一个观测，无从比较。",
        )
        .to_string()
    } else if cx.series {
        if f == 0 {
            let last = &a.coupling[m - 1];
            match cx.lang {
                Lang::En => format!(
                    "{label} is the first observation, so there is no earlier D to compare with; the last, {}, has D = {} (level {}).",
                    a.labels[m - 1],
                    num3(last.d),
                    cx.level_full(last.level)
                ),
                Lang::Zh => format!(
                    "{label} 是第一个观测，没有更早的 D 可供比较；最后一个观测 {} 的 D = {}（{}）。",
                    a.labels[m - 1],
                    num3(last.d),
                    cx.level(last.level)
                ),
            }
        } else {
            let c0 = &a.coupling[0];
            // From the printed (rounded) values, so that the sentence adds up for the reader.
            let change = round3(c.d) - round3(c0.d);
            let rounded = num3(change.abs());
            let dir = if rounded == "0.000" {
                0
            } else if change > 0.0 {
                1
            } else {
                -1
            };
            match cx.lang {
                Lang::En => format!(
                    "Since {}, D has {} from {} (level {}) to {} (level {}), a change of {}.",
                    a.labels[0],
                    ["fallen", "stayed about the same, going", "risen"][(dir + 1) as usize],
                    num3(c0.d),
                    cx.level_full(c0.level),
                    num3(c.d),
                    cx.level_full(c.level),
                    signed3(change)
                ),
                Lang::Zh => format!(
                    "与 {} 年相比，D 由 {}（{}）{}至 {}（{}），变化 {}。",
                    a.labels[0],
                    num3(c0.d),
                    cx.level(c0.level),
                    ["下降", "基本持平", "上升"][(dir + 1) as usize],
                    num3(c.d),
                    cx.level(c.level),
                    signed3(change)
                ),
            }
        }
    } else {
        let ranking = cx.ranking();
        let (_, top) = ranking[0];
        let (_, bottom) = ranking[m - 1];
        let rank = ranking.iter().find(|(_, i)| *i == f).map_or(0, |(r, _)| *r);
        let spread = round3(a.coupling[top].d) - round3(a.coupling[bottom].d);
        match cx.lang {
            Lang::En => format!(
                "The observations are compared with each other, not followed over time (their labels are not years in increasing order), so the report ranks them rather than tracing a change since the first: D ranges from {} ({}) at the bottom to {} ({}) at the top, a spread of {}, and {label} ranks {rank} of {m} (section {S_COUPLING} ranks them all).",
                num3(a.coupling[bottom].d),
                d.u(&a.labels[bottom]),
                num3(a.coupling[top].d),
                d.u(&a.labels[top]),
                num3(spread)
            ),
            Lang::Zh => format!(
                "各观测之间是横向比较而非时间序列（标签不是递增的年份），因此不计算相对第一个观测的变化：D 介于 {}（{}）与 {}（{}）之间，极差 {}；{label} 排名第 {rank}（共 {m} 个，第{S_COUPLING}节给出完整排名）。",
                num3(a.coupling[bottom].d),
                d.u(&a.labels[bottom]),
                num3(a.coupling[top].d),
                d.u(&a.labels[top]),
                num3(spread)
            ),
        }
    };
    d.para(&p);

    // Weak dimensions and where to start.
    let weak = &a.weak_dimensions[f];
    let o = &a.obstacles[f];
    if weak.is_empty() {
        let p = if a.method.top == 0 {
            cx.l(
                "No weak dimensions were asked for (top = 0), so no countermeasures are listed.",
                "未要求识别薄弱维度（top = 0），因此不列出对策。",
            )
        } else {
            cx.l(
                "No dimension stands in the way: every indicator is at its best here, so there are no weak dimensions and no countermeasures to list.",
                "没有构成障碍的维度：各指标均处于最优水平，因此没有薄弱维度，也无需列出对策。",
            )
        };
        d.para(p);
        return;
    }
    let items: Vec<String> = weak
        .iter()
        .map(|&k| match cx.lang {
            Lang::En => format!("{} ({})", d.u(cx.dim_short(k)), pct1(o.dimensions[k])),
            Lang::Zh => format!("{}（{}）", d.u(cx.dim_short(k)), pct1(o.dimensions[k])),
        })
        .collect();
    let mut p = match cx.lang {
        Lang::En => format!(
            "The {} weak {}, those causing the largest shares of the remaining shortfall (obstacle degree), {} {}.",
            cx.count_word(weak.len()),
            if weak.len() == 1 {
                "dimension"
            } else {
                "dimensions"
            },
            if weak.len() == 1 { "is" } else { "are" },
            cx.list(&items)
        ),
        Lang::Zh => format!(
            "障碍度最大的{}个薄弱维度依次为：{}。",
            cx.count_word(weak.len()),
            items.join("、")
        ),
    };
    let cms = &a.countermeasures[f];
    if cms.is_empty() {
        p.push_str(cx.l(
            " The framework links no countermeasure to these dimensions.",
            "指标体系中没有与这些维度对应的对策。",
        ));
    } else {
        let first: Vec<usize> = cms
            .iter()
            .copied()
            .filter(|&k| cx.fw.countermeasures[k].dimensions.contains(&weak[0]))
            .collect();
        let first = if first.is_empty() {
            vec![cms[0]]
        } else {
            first
        };
        let titles: Vec<String> = first.iter().map(|&k| d.u(&cm_title(cx, k))).collect();
        p.push_str(&match cx.lang {
            Lang::En => format!(
                " Start with {}, which {} the weakest dimension, {}; section {S_MEASURES} gives all {} countermeasures with their actions.",
                cx.list(&titles.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>()),
                if first.len() == 1 { "answers" } else { "answer" },
                d.u(cx.dim_short(weak[0])),
                cms.len()
            ),
            Lang::Zh => format!(
                "建议首先实施针对最薄弱维度（{}）的对策：{}；第{S_MEASURES}节列出全部 {} 条对策及具体措施。",
                d.u(cx.dim_short(weak[0])),
                titles
                    .iter()
                    .map(|t| format!("“{t}”"))
                    .collect::<Vec<_>>()
                    .join("、"),
                cms.len()
            ),
        });
    }
    d.para(&p);
}

/// Why a circle scores 0 and what that does to C and D, in words.
fn zero_circle_words(cx: &Ctx, d: &Doc, i: usize, zero: &[usize]) -> String {
    let names: Vec<String> = zero.iter().map(|&c| d.u(cx.circle(c))).collect();
    let why_en = match cx.a.method.normalization {
        Normalization::Range => {
            "every one of its indicators is at the worst value among the observations, and range normalization puts the worst value at 0"
        }
        Normalization::Reference => {
            "every one of its indicators is at or beyond the worst end of its reference bounds"
        }
    };
    let why_zh = match cx.a.method.normalization {
        Normalization::Range => "其全部指标都处于各观测中的最差值，而极差标准化把最差值记为 0",
        Normalization::Reference => "其全部指标都处于或超出参考区间的最差一端",
    };
    let c = &cx.a.coupling[i];
    match cx.lang {
        Lang::En => format!(
            "In {}, the {} {} U = 0 because {}. A zero circle score makes the coupling degree C = 0 (the circles do not couple at all when one of them is absent), so D = √(C·T) = 0 and the level is 1 ({}), however well the other circles do{}. Read the 0 as “the lowest of the observations compared”, not as “no activity”.",
            d.u(&cx.a.labels[i]),
            cx.list(&names),
            if names.len() == 1 { "scores" } else { "score" },
            why_en,
            cx.level(1),
            if c.c == 0.0 {
                format!(" (T = {} is still reported)", num3(c.t))
            } else {
                String::new()
            }
        ),
        Lang::Zh => format!(
            "{}，{}的得分 U = 0，原因是{}。只要有一个圈层得分为 0，耦合度 C 就为 0（缺少一个圈层，圈层之间无从耦合），因此 D = √(C·T) = 0，等级为第1级（{}），无论其他圈层表现如何（综合协调指数 T = {} 仍照常给出）。这里的 0 应理解为“在参与比较的观测中最低”，而不是“没有任何活动”。",
            d.u(&cx.a.labels[i]),
            names.join("、"),
            why_zh,
            cx.level(1),
            num3(c.t)
        ),
    }
}

/// x as printed with 3 decimals, read back.
fn round3(x: f64) -> f64 {
    num3(x).parse().unwrap_or(x)
}

fn signed3(x: f64) -> String {
    let s = num3(x.abs());
    if s == "0.000" {
        s
    } else if x > 0.0 {
        format!("+{s}")
    } else {
        format!("−{s}")
    }
}

fn cm_title(cx: &Ctx, k: usize) -> String {
    let cm = &cx.fw.countermeasures[k];
    pick(cx.lang, &cm.title, cm.title_zh.as_deref()).to_string()
}

fn method(cx: &Ctx, d: &mut Doc) {
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
        .map(|c| format!("{} {}", cx.fw.circles[c].id, num3(a.circle_weights[c])))
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
            "Coupling (classic model). C = n·(Π_k U_k)^(1/n) / Σ_k U_k with n = {n} circles (C = 0 when every U is 0). The classic C stays close to 1 unless one circle is near 0 (here it ranges from {} to {}), so D is driven mostly by T; Wang Shujia et al. (2021) explain this and propose the corrected model (--coupling corrected).",
            num3(cmin), num3(cmax)
        ),
        (CouplingModel::Corrected, Lang::En) => format!(
            "Coupling (corrected model of Wang Shujia et al., 2021). C = √( [1 − Σ_(k<l) |U_k − U_l| / Σ_(s=1)^(n−1) s] · [Π_k (U_k / max_l U_l)]^(1/(n−1)) ) with n = {n} circles (C = 0 when every U is 0). Unlike the classic C, which bunches near 1, it spreads over [0, 1] (here from {} to {}), so unequal circles lower D visibly.",
            num3(cmin), num3(cmax)
        ),
        (CouplingModel::Classic, Lang::Zh) => format!(
            "耦合度（传统模型）。C = n·(Π_k U_k)^(1/n) / Σ_k U_k，n = {n} 个圈层（所有 U 均为 0 时 C = 0）。除非某个圈层接近 0，传统模型的 C 总是接近 1（本报告中介于 {} 与 {} 之间），D 主要由 T 决定；Wang Shujia 等（2021）对此作了分析并提出修正模型（--coupling corrected）。",
            num3(cmin), num3(cmax)
        ),
        (CouplingModel::Corrected, Lang::Zh) => format!(
            "耦合度（Wang Shujia 等 2021 年的修正模型）。C = √( [1 − Σ_(k<l) |U_k − U_l| / Σ_(s=1)^(n−1) s] · [Π_k (U_k / max_l U_l)]^(1/(n−1)) )，n = {n} 个圈层（所有 U 均为 0 时 C = 0）。与集中在 1 附近的传统 C 不同，修正后的 C 分布在 [0, 1] 上（本报告中介于 {} 与 {} 之间），圈层发展不均衡会明显拉低 D。",
            num3(cmin), num3(cmax)
        ),
    });
    paras.push(cx.l(
        "Coordination. D = √(C·T); level = min(10, ⌊10·D⌋ + 1) on the ten-level scale from 1 extreme disorder to 10 high-quality coordination. A circle lags when its score is more than 0.1 below the best circle's.",
        "协调度。D = √(C·T)；等级 = min(10, ⌊10·D⌋ + 1)，共十级，从第1级极度失调到第10级优质协调。某圈层得分比最高圈层低 0.1 以上即为滞后圈层。",
    ).to_string());
    paras.push(match cx.lang {
        Lang::En => format!(
            "Obstacles (obstacle degree model). O_ij = w_j (1 − z_ij) / Σ_l w_l (1 − z_il): the share of observation i's total weighted shortfall from the best that indicator j causes. A dimension's or circle's obstacle degree is the sum over its indicators. The {} dimensions with the largest obstacle degree are the weak dimensions, and the countermeasures linked to them in the framework are listed in section {S_MEASURES}.",
            m.top
        ),
        Lang::Zh => format!(
            "障碍度（障碍度模型）。O_ij = w_j (1 − z_ij) / Σ_l w_l (1 − z_il)，即指标 j 在观测 i 的加权总差距中所占的份额；维度或圈层的障碍度为其所含指标障碍度之和。障碍度最大的 {} 个维度为薄弱维度，指标体系中与之对应的对策列于第{S_MEASURES}节。",
            m.top
        ),
    });
    d.bullets(&paras);
    let options = format!(
        "--normalization {} --weighting {} --shift {} --interval {},{} --coupling {} --top {}",
        m.normalization.as_str(),
        m.weighting.as_str(),
        m.shift,
        lo,
        hi,
        m.coupling.as_str(),
        m.top
    );
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
    d.h3(cx.l("References", "参考文献"));
    d.bullets(&[
        cx.l(
            "Entropy: Shannon, C. E. (1948). A mathematical theory of communication. Bell System Technical Journal 27(3): 379–423.",
            "信息熵：Shannon, C. E. (1948). A mathematical theory of communication. Bell System Technical Journal 27(3): 379–423.",
        ).to_string(),
        cx.l(
            "Classic coupling coordination model and the ten-level scale: Liao Chongbin (1999). 环境与经济协调发展的定量评判及其分类体系——以珠江三角洲城市群为例 (Quantitative evaluation and classification of the coordinated development of environment and economy: the Pearl River Delta city cluster). Tropical Geography 19(2): 171–177.",
            "传统耦合协调度模型及十级划分：廖重斌 (1999). 环境与经济协调发展的定量评判及其分类体系——以珠江三角洲城市群为例. 热带地理 19(2): 171–177.",
        ).to_string(),
        cx.l(
            "Corrected coupling model: Wang Shujia, Kong Wei, Ren Lang, Zhi Dandan, Dai Bingtao (2021). 国内耦合协调度模型的误区及修正 (Misconceptions and corrections of domestic coupling coordination degree model). Journal of Natural Resources 36(3): 793–810.",
            "修正耦合度模型：Wang Shujia, Kong Wei, Ren Lang, Zhi Dandan, Dai Bingtao (2021). 国内耦合协调度模型的误区及修正. 自然资源学报 36(3): 793–810.",
        ).to_string(),
        cx.l(
            "Obstacle degree: the obstacle degree model (factor contribution × deviation degree) as commonly used in Chinese regional assessment studies.",
            "障碍度：国内区域评价研究中常用的障碍度模型（因子贡献度 × 指标偏离度）。",
        ).to_string(),
    ]);
}

fn indicators(cx: &Ctx, d: &mut Doc) {
    let fw = cx.fw;
    let a = cx.a;
    let md = d.format == ReportFormat::Markdown;
    d.h2(cx.l("3. Indicator system and weights", "3. 指标体系与权重"));
    d.para(cx.l(
        "Circle → dimension → indicator, with each indicator's direction (+ more is better, − less is better), unit, entropy e_j and global weight w_j; circle and dimension rows give their weight totals. All weights sum to 1.",
        "圈层 → 维度 → 指标。方向：+ 为正向指标（越大越好），− 为负向指标（越小越好）；e_j 为熵值，w_j 为全局权重；圈层和维度行给出其权重合计。全部权重之和为 1。",
    ));
    let mut t = Table::new([
        cx.l("Circle / dimension / indicator", "圈层 / 维度 / 指标"),
        cx.l("id", "代码"),
        cx.l("dir.", "方向"),
        cx.l("unit", "单位"),
        "e_j",
        "w_j",
    ])
    .align(1, crate::textfmt::Align::Left)
    .align(2, crate::textfmt::Align::Left)
    .align(3, crate::textfmt::Align::Left);
    let entropy = a.weights.entropy.as_ref();
    for c in 0..fw.circles.len() {
        let name = d.u(cx.circle(c));
        t.row([
            if md { format!("**{name}**") } else { name },
            d.code(&fw.circles[c].id),
            String::new(),
            String::new(),
            String::new(),
            num3(cx.weight_of_circle(c)),
        ]);
        for dim in fw.dimensions_of_circle(c) {
            // Text rows keep dimensions on one line (short name) so that wrapped indicator
            // names cannot be mistaken for them.
            t.row([
                if md {
                    format!("&nbsp;&nbsp;*{}*", d.u(cx.dim(dim)))
                } else {
                    format!("  {}", cx.dim_short(dim))
                },
                d.code(&fw.dimensions[dim].id),
                String::new(),
                String::new(),
                String::new(),
                num3(cx.weight_of_dim(dim)),
            ]);
            for j in fw.indicators_of_dimension(dim) {
                let ind = &fw.indicators[j];
                let name = d.u(cx.ind(j));
                t.row([
                    if md {
                        format!("&nbsp;&nbsp;&nbsp;&nbsp;{name}")
                    } else {
                        format!("    {name}")
                    },
                    d.code(&ind.id),
                    match ind.direction {
                        crate::model::Direction::Positive => "+".into(),
                        crate::model::Direction::Negative => "−".into(),
                    },
                    d.u(&ind.unit),
                    entropy.map_or("—".into(), |e| num3(e[j])),
                    num3(a.weights.global[j]),
                ]);
            }
        }
    }
    let total: f64 = a.weights.global.iter().sum();
    t.row([
        d.strong(cx.l("Total", "合计")),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        num3(total),
    ]);
    d.table(&t);
}

/// Bar-chart lines "name  value  bar" for a text block, names padded to one width.
fn bar_lines(items: &[(String, String, f64)], bar_w: usize) -> String {
    let nw = items
        .iter()
        .map(|(n, _, _)| width(n))
        .max()
        .unwrap_or(0)
        .min(WIDTH - bar_w - 10);
    let vw = items.iter().map(|(_, v, _)| width(v)).max().unwrap_or(0);
    items
        .iter()
        .map(|(n, v, x)| {
            format!(
                "{}  {}  {}",
                pad_right(&crate::textfmt::truncate(n, nw), nw),
                pad_left(v, vw),
                bar(*x, bar_w)
            )
            .trim_end()
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn chart(cx: &Ctx, d: &mut Doc, file: &str, alt: &str) {
    if let Some(links) = &cx.opts.charts {
        let link = links.link(file);
        if d.format == ReportFormat::Markdown {
            d.md_only(&format!("![{}]({})", d.u(alt), link.replace(' ', "%20")));
        } else {
            d.para(&format!("{} {link}", cx.l("Chart:", "图表：")));
        }
    }
}

fn scores(cx: &Ctx, d: &mut Doc) {
    let fw = cx.fw;
    let a = cx.a;
    let f = cx.f;
    d.h2(&format!(
        "{S_SCORES}. {}",
        cx.l("Scores over observations", "各观测得分")
    ));
    d.h3(cx.l("Circle scores U", "圈层得分 U"));
    let mut headers = vec![cx.l("observation", "观测").to_string()];
    headers.extend((0..fw.circles.len()).map(|c| d.u(cx.circle_short(c))));
    headers.push("T".into());
    let mut t = Table::new(headers);
    for i in 0..a.m() {
        let mut row = vec![d.u(&a.labels[i])];
        row.extend(a.circles(i).iter().map(|u| num3(*u)));
        row.push(num3(a.coupling[i].t));
        t.row(row);
    }
    d.table(&t);

    d.para(&match cx.lang {
        Lang::En => format!(
            "Circle scores of the focus observation, {}:",
            d.u(&a.labels[f])
        ),
        Lang::Zh => format!("重点观测 {} 的圈层得分：", d.u(&a.labels[f])),
    });
    let items: Vec<(String, String, f64)> = (0..fw.circles.len())
        .map(|c| {
            (
                cx.circle_short(c).to_string(),
                num3(a.circles(f)[c]),
                a.circles(f)[c],
            )
        })
        .collect();
    d.pre(&bar_lines(&items, 50));
    chart(
        cx,
        d,
        svg::CIRCLES_FILE,
        cx.l(
            "Circle scores of the focus observation",
            "重点观测的圈层得分",
        ),
    );

    d.para(cx.l(
        "Coupling coordination degree D of every observation (section 5 gives C, T and the level):",
        "各观测的耦合协调度 D（第5节给出 C、T 和等级）：",
    ));
    let items: Vec<(String, String, f64)> = (0..a.m())
        .map(|i| (a.labels[i].clone(), num3(a.coupling[i].d), a.coupling[i].d))
        .collect();
    let mut block = bar_lines(&items, 50);
    if cx.series && a.m() > 1 {
        let ds: Vec<f64> = a.coupling.iter().map(|c| c.d).collect();
        block.push_str(&format!(
            "\n\n{} {}–{}: {}",
            cx.l("D trend", "D 走势"),
            a.labels[0],
            a.labels[a.m() - 1],
            sparkline(&ds)
        ));
    }
    d.pre(&block);
    chart(
        cx,
        d,
        svg::TREND_FILE,
        cx.l(
            "D and the circle scores over the observations",
            "各观测的 D 与圈层得分",
        ),
    );

    d.h3(cx.l("Dimension scores", "维度得分"));
    let rows: Vec<(String, Vec<String>)> = (0..fw.dimensions.len())
        .map(|k| {
            (
                d.u(cx.dim_short(k)),
                (0..a.m()).map(|i| num3(a.dimensions(i)[k])).collect(),
            )
        })
        .collect();
    let cols: Vec<String> = a.labels.iter().map(|l| d.u(l)).collect();
    d.wide_table(cx.l("dimension", "维度"), &rows, &cols);
}

fn coupling(cx: &Ctx, d: &mut Doc) {
    let a = cx.a;
    d.h2(&format!(
        "{S_COUPLING}. {}",
        cx.l("Coupling coordination", "耦合协调度")
    ));
    d.para(cx.l(
        "C coupling degree, T comprehensive coordination index, D coupling coordination degree, the level (1–10) and the circles lagging more than 0.1 behind the best one.",
        "C 为耦合度，T 为综合协调指数，D 为耦合协调度；等级分 1–10 级；滞后圈层指得分比最高圈层低 0.1 以上的圈层。",
    ));
    let mut t = Table::new([
        cx.l("observation", "观测"),
        "C",
        "T",
        "D",
        cx.l("level", "等级"),
        cx.l("lagging", "滞后圈层"),
    ])
    .align(4, crate::textfmt::Align::Left)
    .align(5, crate::textfmt::Align::Left);
    for i in 0..a.m() {
        let c = &a.coupling[i];
        t.row([
            d.u(&a.labels[i]),
            num3(c.c),
            num3(c.t),
            num3(c.d),
            cx.level_full(c.level),
            d.u(&cx.lagging_cell(i)),
        ]);
    }
    d.table(&t);
    if cx.lang == Lang::En && a.coupling.iter().any(|c| !c.lagging.is_empty()) {
        let key: Vec<String> = cx
            .fw
            .circles
            .iter()
            .map(|c| format!("{} = {}", d.code(&c.id), d.u(&c.name)))
            .collect();
        d.para(&format!("Circles: {}.", key.join("; ")));
    }
    for i in 0..a.m() {
        let zero = cx.zero_circles(i);
        if !zero.is_empty() {
            d.para(&zero_circle_words(cx, d, i, &zero));
        }
    }
    if !cx.series && a.m() > 1 {
        d.h3(cx.l("Ranking by D", "按 D 排名"));
        let mut t = Table::new([
            cx.l("rank", "排名"),
            cx.l("observation", "观测"),
            "D",
            cx.l("level", "等级"),
            "T",
        ])
        .align(0, crate::textfmt::Align::Right)
        .align(1, crate::textfmt::Align::Left)
        .align(3, crate::textfmt::Align::Left);
        for (rank, i) in cx.ranking() {
            let c = &a.coupling[i];
            t.row([
                rank.to_string(),
                d.u(&a.labels[i]),
                num3(c.d),
                cx.level_full(c.level),
                num3(c.t),
            ]);
        }
        d.table(&t);
    }
}

fn diagnosis(cx: &Ctx, d: &mut Doc) {
    let fw = cx.fw;
    let a = cx.a;
    let f = cx.f;
    let o = &a.obstacles[f];
    let label = d.u(&a.labels[f]);
    d.h2(&match cx.lang {
        Lang::En => format!("{S_DIAGNOSIS}. Diagnosis of {label}"),
        Lang::Zh => format!("{S_DIAGNOSIS}. {label} 障碍诊断"),
    });
    if o.indicators.iter().all(|x| *x == 0.0) {
        d.para(cx.l(
            "Every indicator is at its best in this observation, so nothing stands in the way: all obstacle degrees are 0.",
            "该观测中各指标均处于最优水平，不存在障碍因素：所有障碍度均为 0。",
        ));
        return;
    }
    d.para(cx.l(
        "The obstacle degree is the share of the total weighted shortfall from the best that a circle, dimension or indicator causes; the shares add up to 100%.",
        "障碍度是某圈层、维度或指标在加权总差距中所占的份额，各项之和为 100%。",
    ));
    let sorted = |v: &[f64]| {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&x, &y| v[y].partial_cmp(&v[x]).unwrap_or(Ordering::Equal));
        idx
    };
    // Bars are scaled to the largest obstacle of their table, so small differences show.
    let bar_w = 20;
    let rel = |v: f64, all: &[f64]| {
        let max = all.iter().cloned().fold(0.0, f64::max);
        if max > 0.0 { v / max } else { 0.0 }
    };
    d.h3(cx.l("Circles", "圈层"));
    let mut t = Table::new([cx.l("circle", "圈层"), "U", cx.l("obstacle", "障碍度"), ""])
        .align(3, crate::textfmt::Align::Left);
    for c in sorted(&o.circles) {
        t.row([
            d.u(cx.circle_short(c)),
            num3(a.circles(f)[c]),
            pct1(o.circles[c]),
            bar(rel(o.circles[c], &o.circles), bar_w),
        ]);
    }
    d.table(&t);
    d.h3(cx.l("Dimensions", "维度"));
    let weak = &a.weak_dimensions[f];
    let mut t = Table::new([
        cx.l("dimension", "维度"),
        cx.l("score", "得分"),
        cx.l("obstacle", "障碍度"),
        "",
        cx.l("weak", "薄弱"),
    ])
    .align(3, crate::textfmt::Align::Left)
    .align(4, crate::textfmt::Align::Left);
    for k in sorted(&o.dimensions) {
        t.row([
            d.u(cx.dim_short(k)),
            num3(a.dimensions(f)[k]),
            pct1(o.dimensions[k]),
            bar(rel(o.dimensions[k], &o.dimensions), bar_w),
            weak.iter()
                .position(|&w| w == k)
                .map_or(String::new(), |r| format!("#{}", r + 1)),
        ]);
    }
    d.table(&t);
    chart(
        cx,
        d,
        svg::OBSTACLES_FILE,
        cx.l("Obstacle degrees of the dimensions", "各维度障碍度"),
    );
    d.h3(cx.l(
        "The ten largest indicator obstacles",
        "障碍度最大的十个指标",
    ));
    let mut t = Table::new([
        "#",
        cx.l("indicator", "指标"),
        cx.l("dimension", "维度"),
        "z",
        "w",
        cx.l("obstacle", "障碍度"),
    ])
    .align(0, crate::textfmt::Align::Right)
    .align(1, crate::textfmt::Align::Left)
    .align(2, crate::textfmt::Align::Left);
    for (r, j) in sorted(&o.indicators).into_iter().take(10).enumerate() {
        if o.indicators[j] == 0.0 {
            break;
        }
        t.row([
            (r + 1).to_string(),
            d.u(cx.ind(j)),
            d.u(cx.dim_short(fw.indicators[j].dimension)),
            num3(a.z(f, j)),
            num3(a.weights.global[j]),
            pct1(o.indicators[j]),
        ]);
    }
    d.table(&t);
}

fn countermeasures(cx: &Ctx, d: &mut Doc) {
    let fw = cx.fw;
    let a = cx.a;
    let f = cx.f;
    d.h2(&format!(
        "{S_MEASURES}. {}",
        cx.l("Countermeasures", "对策建议")
    ));
    let cms = &a.countermeasures[f];
    let weak = &a.weak_dimensions[f];
    if cms.is_empty() {
        d.para(if weak.is_empty() {
            cx.l(
                "There are no weak dimensions, so no countermeasure is called for.",
                "没有薄弱维度，无需对策。",
            )
        } else {
            cx.l(
                "The framework links no countermeasure to the weak dimensions.",
                "指标体系中没有与薄弱维度对应的对策。",
            )
        });
        return;
    }
    d.para(&match cx.lang {
        Lang::En => format!(
            "The countermeasures the framework links to the weak dimensions of {}, most urgent first (ordered by the rank of the weakest dimension each one answers).",
            d.u(&a.labels[f])
        ),
        Lang::Zh => format!(
            "指标体系中与 {} 的薄弱维度对应的对策，按紧迫程度排列（以其所针对的最薄弱维度的排名为序）。",
            d.u(&a.labels[f])
        ),
    });
    for (n, &k) in cms.iter().enumerate() {
        let cm = &fw.countermeasures[k];
        d.h3(&format!(
            "{}.{} {}",
            S_MEASURES,
            n + 1,
            d.u(&cm_title(cx, k))
        ));
        d.para(&d.u(pick(cx.lang, &cm.text, cm.text_zh.as_deref())));
        let answers: Vec<String> = cm
            .dimensions
            .iter()
            .filter_map(|dim| weak.iter().position(|w| w == dim).map(|r| (r, *dim)))
            .map(|(r, dim)| match cx.lang {
                Lang::En => format!(
                    "{} (weak dimension #{}, obstacle {})",
                    d.u(cx.dim_short(dim)),
                    r + 1,
                    pct1(a.obstacles[f].dimensions[dim])
                ),
                Lang::Zh => format!(
                    "{}（第{}薄弱维度，障碍度 {}）",
                    d.u(cx.dim_short(dim)),
                    r + 1,
                    pct1(a.obstacles[f].dimensions[dim])
                ),
            })
            .collect();
        d.para(&format!(
            "{}{}",
            d.strong(cx.l("Answers: ", "针对：")),
            answers.join(cx.l("; ", "；"))
        ));
    }
}

fn appendix(cx: &Ctx, d: &mut Doc) {
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
            let rows: Vec<(String, Vec<String>)> = (0..fw.indicators.len())
                .map(|j| {
                    (
                        d.code(&fw.indicators[j].id),
                        (0..data.m())
                            .map(|i| format_number(data.values[i * data.n + j]))
                            .collect(),
                    )
                })
                .collect();
            d.wide_table(cx.l("indicator", "指标"), &rows, &cols);
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
