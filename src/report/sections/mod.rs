//! The report's sections, each written once for both formats and both languages: one file per
//! section, the context they share here, and wording several sections use in `words.rs`.

mod appendix;
mod basis;
mod countermeasures;
mod coupling;
mod diagnosis;
mod dynamics;
mod indicators;
mod method;
mod panel;
mod references;
mod robustness;
mod scores;
mod summary;
mod title;
mod words;

use crate::engine::Assessment;
use crate::files::Input;
use crate::lang::Lang;
use crate::model::Framework;
use crate::names::{Names, level_text};
use crate::report::doc::{Block, Doc};
use crate::report::{ReportFormat, ReportOptions};

use appendix::appendix;
use countermeasures::countermeasures;
use coupling::coupling;
use diagnosis::diagnosis;
pub(crate) use dynamics::HORIZON;
use dynamics::dynamics;
use indicators::indicators;
use method::method;
use scores::scores;
use summary::summary;
use title::title_block;

/// Section numbers, for cross-references in the prose.
const S_SCORES: usize = 4;
const S_COUPLING: usize = 5;
const S_DIAGNOSIS: usize = 6;
const S_MEASURES: usize = 7;
const S_DYNAMICS: usize = 8;

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
    /// The focus observation's weak dimensions under the other obstacle basis.
    other_weak: Option<Vec<usize>>,
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
    fn names(&self) -> Names<'a> {
        Names {
            fw: self.fw,
            lang: self.lang,
        }
    }
    fn circle(&self, c: usize) -> &'a str {
        self.names().circle(c)
    }
    fn circle_short(&self, c: usize) -> &'a str {
        self.names().circle_short(c)
    }
    fn dim(&self, d: usize) -> &'a str {
        self.names().dim(d)
    }
    fn dim_short(&self, d: usize) -> &'a str {
        self.names().dim_short(d)
    }
    fn ind(&self, j: usize) -> &'a str {
        self.names().ind(j)
    }
    fn level(&self, lv: u8) -> &'static str {
        level_text(self.lang, lv)
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
    /// Circles with U = 0 at observation i.
    fn zero_circles(&self, i: usize) -> Vec<usize> {
        (0..self.fw.circles.len())
            .filter(|&c| self.a.circles(i)[c] == 0.0)
            .collect()
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

pub fn render(input: &Input, a: &Assessment, opts: &ReportOptions) -> String {
    let d = build(input, a, opts, opts.format);
    let empty = a.m() == 0;
    let mut s = d.finish();
    if !empty {
        s.push('\n');
    }
    s
}

/// The report's structure for the Word back end.
pub fn blocks(input: &Input, a: &Assessment, opts: &ReportOptions) -> Vec<Block> {
    build(input, a, opts, ReportFormat::Docx).into_blocks()
}

fn build(input: &Input, a: &Assessment, opts: &ReportOptions, format: ReportFormat) -> Doc {
    let f = opts.focus.min(a.m().saturating_sub(1));
    let cx = Ctx {
        fw: &input.framework,
        a,
        input,
        opts,
        lang: opts.lang,
        f,
        series: a.is_time_series(),
        other_weak: (a.m() > 0)
            .then(|| basis::other_weak(input, a, f))
            .flatten(),
    };
    let mut d = Doc::new(format);
    d.width = opts.width;
    if a.m() == 0 {
        d.title(cx.l("Assessment report", "评估报告"));
        d.para(cx.l("There are no observations.", "没有观测数据。"));
        return d;
    }
    title_block(&cx, &mut d);
    summary(&cx, &mut d);
    method(&cx, &mut d);
    indicators(&cx, &mut d);
    scores(&cx, &mut d);
    coupling(&cx, &mut d);
    diagnosis(&cx, &mut d);
    countermeasures(&cx, &mut d);
    let dynamics_shown = dynamics(&cx, &mut d);
    let next = if dynamics_shown {
        S_DYNAMICS + 1
    } else {
        S_DYNAMICS
    };
    robustness::robustness(&cx, &mut d, next);
    appendix(&cx, &mut d);
    d
}
