//! The Results screen's other sub-views: the dynamics of the scores (synergy and the GM(1,1)
//! forecast of D for a series, the niche for a cross-section) and the last robustness run. The
//! wording is the command line's (`dynamics_text`, `sensitivity_view`), laid out for 80×24.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::app::*;
use crate::dynamics_text::{TOP_PAIRS, good_level_sentence, grade_name, synergy_table};
use crate::engine::dynamics::{Dynamics, NicheEntry, Series};
use crate::lang::Lang;
use crate::model::{Framework, Survey};
use crate::textfmt::{Align, Table, num3, truncate, wrap};

fn bold(s: String) -> Line<'static> {
    Line::from(Span::styled(
        s,
        Style::default().add_modifier(Modifier::BOLD),
    ))
}

fn dim(s: String) -> Line<'static> {
    Line::from(Span::styled(s, Style::default().fg(Color::DarkGray)))
}

fn text(s: String, w: usize) -> Vec<Line<'static>> {
    wrap(&s, w).into_iter().map(Line::from).collect()
}

fn table(t: &Table) -> Vec<Line<'static>> {
    t.render()
        .lines()
        .map(|l| Line::from(l.to_string()))
        .collect()
}

/// The series and the cross-section the focus observation belongs to: in a panel, the focus
/// region's series and the focus period's niche; otherwise the survey's only one of each.
fn of_focus<'a>(
    d: &'a Dynamics,
    s: &Survey,
    focus: usize,
) -> (Option<&'a Series>, Option<&'a NicheEntry>) {
    let o = s.observations.get(focus);
    let region = o.and_then(|o| o.region.as_deref());
    let period = o.and_then(|o| o.period);
    let series = (d.series.iter()).find(|x| region.is_none() || x.region.as_deref() == region);
    let niche = (d.niche.iter()).find(|x| period.is_none() || x.period == period);
    (series, niche)
}

/// A panel series' observation by its period (the region is in the heading), so the synergy
/// table fits 80 columns; other series keep their labels.
fn period_of(s: &Series, label: &str) -> String {
    match (&s.region, s.labels.iter().position(|l| l == label)) {
        (Some(_), Some(i)) => s
            .periods
            .get(i)
            .map_or(label.to_string(), |p| p.to_string()),
        _ => label.to_string(),
    }
}

fn series_lines(out: &mut Vec<Line<'static>>, s: &Series, last: Option<u8>, lang: Lang, w: usize) {
    let span = match (s.periods.first(), s.periods.last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    let head = match (&s.region, lang) {
        (Some(r), Lang::En) => format!("Synergy of the circles, {r} {span}"),
        (Some(r), Lang::Zh) => format!("各圈层协同度：{r}（{span}）"),
        (None, Lang::En) => format!("Synergy of the circles, {span}"),
        (None, Lang::Zh) => format!("各圈层协同度（{span}）"),
    };
    out.push(bold(head));
    if s.synergy.is_empty() {
        out.push(Line::from(
            lang.tr(
                "No synergy degree: the periods are not consecutive.",
                "无协同度：各期不连续。",
            )
            .to_string(),
        ));
    } else {
        let t = synergy_table(s, lang, |label| period_of(s, label));
        out.extend(table(&t));
    }
    match s.degree_forecast() {
        None => out.push(Line::from(
            lang.tr(
                "No GM(1,1) model of D: see `beltscope dynamics` for why.",
                "D 没有可用的 GM(1,1) 模型，原因见 beltscope dynamics。",
            )
            .to_string(),
        )),
        Some(f) => {
            let m = &f.model;
            out.push(bold(match lang {
                Lang::En => format!(
                    "GM(1,1) forecast of D: grade {} {}, MAPE {}",
                    m.grade,
                    grade_name(lang, m.grade),
                    num3(m.mape)
                ),
                Lang::Zh => format!(
                    "D 的 GM(1,1) 预测：精度等级 {} {}，平均相对误差 {}",
                    m.grade,
                    grade_name(lang, m.grade),
                    num3(m.mape)
                ),
            }));
            let cells: Vec<String> = (f.periods.iter().zip(&m.forecast).enumerate())
                .map(|(h, (p, v))| {
                    let level = f.levels.as_ref().and_then(|l| l.get(h));
                    match (level, lang) {
                        (Some(lv), Lang::En) => format!("{p}: {} (level {lv})", num3(*v)),
                        (Some(lv), Lang::Zh) => format!("{p}：{}（{lv} 级）", num3(*v)),
                        (None, _) => format!("{p}: {}", num3(*v)),
                    }
                })
                .collect();
            out.extend(text(format!("  {}", cells.join(" · ")), w));
            if let Some(sentence) = good_level_sentence(s, last, lang) {
                out.extend(text(sentence, w));
            }
        }
    }
}

fn niche_lines(out: &mut Vec<Line<'static>>, n: &NicheEntry, lang: Lang, w: usize) {
    let head = match (n.period, lang) {
        (Some(p), Lang::En) => format!("Niche of the belts, {p}"),
        (Some(p), Lang::Zh) => format!("产业带生态位（{p} 年）"),
        (None, l) => l.tr("Niche of the belts", "产业带生态位").to_string(),
    };
    out.push(bold(head));
    let pairs = n.top_overlaps(TOP_PAIRS);
    if !pairs.is_empty() {
        out.push(Line::from(
            lang.tr(
                "Most overlapping (competing) pairs:",
                "重叠（竞争）最强的产业带：",
            )
            .to_string(),
        ));
        let name = |r: usize| truncate(&n.regions[r], (w / 2).saturating_sub(8).max(8));
        let mut t = Table::new([
            lang.tr("belt", "产业带"),
            lang.tr("and belt", "与产业带"),
            lang.tr("overlap", "重叠度"),
        ])
        .align(1, Align::Left);
        for (r, s, o) in pairs {
            t.row([name(r), name(s), num3(o)]);
        }
        out.extend(table(&t));
    }
    let mut t = Table::new([
        lang.tr("belt", "产业带"),
        lang.tr("niche breadth", "生态位宽度"),
    ]);
    for (r, b) in n.regions.iter().zip(&n.measures.breadth) {
        t.row([
            truncate(r, w.saturating_sub(16).max(8)),
            b.map_or_else(|| "-".into(), num3),
        ]);
    }
    out.extend(table(&t));
}

/// The dynamics sub-view: what the scores' movement and spread say, for the focus.
pub fn dynamics_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let (Some(dy), Some(doc)) = (&app.dynamics, &app.doc) else {
        return vec![];
    };
    let (series, niche) = of_focus(dy, &doc.survey, app.focus);
    let mut out = Vec::new();
    if let Some(s) = series {
        let last = match &app.calc {
            crate::tui::app::Calc::Ready(a) => crate::dynamics_text::last_level(a, s),
            _ => None,
        };
        series_lines(&mut out, s, last, lang, w);
    }
    if let Some(n) = niche {
        if !out.is_empty() {
            out.push(Line::from(""));
        }
        niche_lines(&mut out, n, lang, w);
    }
    if out.is_empty() {
        out.extend(text(
            lang.tr(
                "Nothing to analyse: there is no time series and no cross-section of at least 2 belts.",
                "没有可分析的内容：既没有时间序列，也没有至少 2 个产业带的截面。",
            )
            .to_string(),
            w,
        ));
    }
    if doc.survey.is_panel() {
        out.push(dim(lang
            .tr(
                "Panel: the focus region's series and the focus period's belts (←/→ on Diagnosis).",
                "面板数据：显示评价对象所在地区的序列和所在年份的产业带（在诊断屏用 ←/→ 选择）。",
            )
            .to_string()));
    }
    out
}

/// The robustness sub-view: the findings in words, then the per-observation bands.
pub fn robustness_lines(app: &App, fw: &Framework, w: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let Some(r) = &app.robustness else {
        return text(
            lang.tr(
                "No robustness analysis yet: R runs it (1000 runs with perturbed weights).",
                "尚未分析稳健性：按 R 运行（扰动权重 1000 次）。",
            )
            .to_string(),
            w,
        );
    };
    let r = &r.result;
    let mut out = vec![bold(
        lang.tr("How robust is this?", "结论的稳健性").to_string(),
    )];
    out.extend(table(&crate::sensitivity_view::table(r, lang)));
    for f in crate::sensitivity_view::findings(fw, r, lang) {
        let lines = wrap(&f, w.saturating_sub(2));
        for (k, l) in lines.into_iter().enumerate() {
            out.push(Line::from(format!(
                "{}{l}",
                if k == 0 { "• " } else { "  " }
            )));
        }
    }
    for l in wrap(&crate::sensitivity_view::what_varied(r, lang), w) {
        out.push(dim(l));
    }
    out
}
