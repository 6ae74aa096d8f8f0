//! What the survey lacks and what changed, in words in the reader's language: the reasons
//! there are no scores yet, the quit question's list of unsaved changes, and the net number of
//! changed cells a recovery journal would bring back.

use crate::engine;
use crate::lang::Lang;
use crate::model::{Framework, Impute, Input, Survey, SurveyDoc};
use crate::tui::app::{Calc, Doc, circle_indicators, missing_in_circle};

/// The survey in memory as the command line's views see a loaded file, so the TUI imputes,
/// lays out dynamics and runs the sensitivity analysis by the same paths.
pub fn input_of(fw: &Framework, s: &Survey) -> Input {
    Input {
        doc: SurveyDoc {
            name: "survey".into(),
            text: String::new(),
            survey: s.clone(),
            spans: Default::default(),
            warnings: Vec::new(),
        },
        framework: fw.clone(),
        framework_name: fw.id.clone(),
    }
}

/// A problem of imputation in the reader's language (the one kind it can have here: an
/// indicator without any value to impute from).
fn impute_problem(p: &crate::diag::Problem, lang: Lang) -> String {
    let id = p.message.split('`').nth(1);
    match (lang, id) {
        (Lang::Zh, Some(id)) => format!("{id} 没有可用于插补的观测值（请至少填入一个）"),
        _ => match &p.help {
            Some(h) => format!("{} ({h})", p.message),
            None => p.message.clone(),
        },
    }
}

/// Scores under the survey's method, or every reason they cannot be computed yet. Under an
/// imputing method the gaps are filled the way `score` fills them, and the assessment lists
/// the filled cells.
pub fn calculate(fw: &Framework, s: &Survey, lang: Lang) -> Calc {
    let method = s.method.resolve();
    let names = crate::names::Names { fw, lang };
    let mut lines = Vec::new();
    let imputing = method.impute != Impute::None;
    for c in (0..fw.circles.len()).filter(|_| !imputing) {
        let miss = missing_in_circle(fw, s, c);
        if miss.is_empty() {
            continue;
        }
        let inds = circle_indicators(fw, c);
        let shown: Vec<String> = miss
            .iter()
            .take(3)
            .map(|&(r, i)| {
                let (id, label) = (&fw.indicators[inds[r]].id, &s.observations[i].label);
                match lang {
                    Lang::En => format!("{id} in {label}"),
                    Lang::Zh => format!("{label} 的 {id}"),
                }
            })
            .collect();
        let more = miss.len().saturating_sub(3);
        // English keeps the circle's id (as the CLI prints it); Chinese its short name.
        let circle = match lang {
            Lang::En => fw.circles[c].id.as_str(),
            Lang::Zh => names.circle_short(c),
        };
        lines.push(match lang {
            Lang::En => format!(
                "{circle}: {} missing — {}{}",
                miss.len(),
                shown.join(", "),
                if more > 0 {
                    format!(", ... ({more} more)")
                } else {
                    String::new()
                }
            ),
            Lang::Zh => format!(
                "{circle}：缺 {} 个 — {}{}",
                miss.len(),
                shown.join("、"),
                if more > 0 {
                    format!(" 等（另有 {more} 个）")
                } else {
                    String::new()
                }
            ),
        });
    }
    lines.extend(
        engine::check(fw, s.observations.len(), &method)
            .iter()
            .map(|b| blocked_line(fw, b, lang)),
    );
    // Values that cannot exist (outside `[min, max]` or the scale) block scoring too.
    for o in &s.observations {
        for (j, ind) in fw.indicators.iter().enumerate() {
            if let Some(&x) = o.values.get(&ind.id)
                && let Some(why) = fw.value_problem(j, x)
            {
                lines.push(format!(
                    "{} ({}): {}",
                    ind.id,
                    o.label,
                    crate::tui::update::value_problem_text(fw, j, x, why, lang)
                ));
            }
        }
    }
    if !lines.is_empty() {
        return Calc::Blocked(lines);
    }
    let data = if imputing {
        input_of(fw, s)
            .data(method.impute)
            .map_err(|ps| ps.iter().map(|p| impute_problem(p, lang)).collect())
    } else {
        s.matrix(fw, "survey")
            .map(|d| (d, Vec::new()))
            .map_err(|_| vec![lang.tr("some values are missing", "部分数值缺失").into()])
    };
    match data {
        Err(lines) => Calc::Blocked(lines),
        Ok((data, imputed)) => match engine::assess_imputed(fw, &data, &imputed, &method) {
            Ok(a) => Calc::Ready(Box::new(a)),
            Err(blockers) => {
                Calc::Blocked(blockers.iter().map(|b| blocked_line(fw, b, lang)).collect())
            }
        },
    }
}

/// One line of the blocked screen: the message with its help, shortened for the one case the
/// screen itself answers (a single observation: add one, or switch the method).
fn blocked_line(fw: &Framework, b: &engine::Blocker, lang: Lang) -> String {
    let (message, help) = crate::messages::blocker(fw, b, lang);
    match (b, lang) {
        (engine::Blocker::TooFewObservations { .. }, Lang::En) => {
            format!("{message}: add one, or switch to fixed weights with reference bounds")
        }
        (engine::Blocker::TooFewObservations { .. }, Lang::Zh) => {
            format!("{message}：请再添加一个年份，或改用固定权重与参考值标准化")
        }
        (_, Lang::En) => format!("{message} ({help})"),
        (_, Lang::Zh) => format!("{message}（{help}）"),
    }
}

/// Cells whose value differs between two surveys (matched by observation label), plus
/// observations only in one of them: the net change, however many edits led there.
pub fn net_changes(fw: &Framework, a: &Survey, b: &Survey) -> usize {
    let mut n = 0;
    for o in &b.observations {
        match a.observations.iter().find(|x| x.label == o.label) {
            None => n += 1,
            Some(old) => {
                n += fw
                    .indicators
                    .iter()
                    .filter(|ind| o.values.get(&ind.id) != old.values.get(&ind.id))
                    .count()
            }
        }
    }
    n += a
        .observations
        .iter()
        .filter(|o| !b.observations.iter().any(|x| x.label == o.label))
        .count();
    if n == 0 && a != b { 1 } else { n }
}

/// What differs between the file and the survey in memory, in words, for the quit question.
pub fn unsaved_summary(d: &Doc, lang: Lang) -> Vec<String> {
    let fw = &d.framework;
    let names = crate::names::Names { fw, lang };
    let (a, b) = (&d.saved, &d.survey);
    let mut out = Vec::new();
    // Per circle: the changed cells as `indicator (observation)`, so the question can say
    // which ones (a few are named, the rest counted).
    let mut per_circle: Vec<Vec<String>> = vec![Vec::new(); fw.circles.len()];
    for o in &b.observations {
        let old = a.observations.iter().find(|x| x.label == o.label);
        for ind in &fw.indicators {
            let now = o.values.get(&ind.id);
            let before = old.and_then(|x| x.values.get(&ind.id));
            if now != before && (old.is_some() || now.is_some()) {
                per_circle[ind.circle].push(format!("{} ({})", ind.id, o.label));
            }
        }
    }
    const NAMED: usize = 3;
    for (c, cells) in per_circle.iter().enumerate() {
        let n = cells.len();
        if n == 0 {
            continue;
        }
        let shown = cells[..n.min(NAMED)].join(lang.tr(", ", "、"));
        let more = n.saturating_sub(NAMED);
        // English keeps the circle's id (as the CLI prints it); Chinese its short name.
        let circle = match lang {
            Lang::En => fw.circles[c].id.as_str(),
            Lang::Zh => names.circle_short(c),
        };
        out.push(match lang {
            Lang::En => format!(
                "{n} cell{} changed in {circle}: {shown}{}",
                if n == 1 { "" } else { "s" },
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ),
            Lang::Zh => format!(
                "{circle}改了 {n} 处：{shown}{}",
                if more > 0 {
                    format!(" 等（另有 {more} 处）")
                } else {
                    String::new()
                }
            ),
        });
    }
    let only = |x: &Survey, y: &Survey| -> Vec<String> {
        x.observations
            .iter()
            .filter(|o| !y.observations.iter().any(|z| z.label == o.label))
            .map(|o| o.label.clone())
            .collect()
    };
    let (added, removed) = (only(b, a), only(a, b));
    if !added.is_empty() {
        out.push(format!(
            "{}{}",
            lang.tr("observations added or renamed: ", "新增或改名的年份/地区："),
            lang.list(&added)
        ));
    }
    if !removed.is_empty() {
        out.push(format!(
            "{}{}",
            lang.tr(
                "observations deleted or renamed: ",
                "删除或改名的年份/地区："
            ),
            lang.list(&removed)
        ));
    }
    if a.method != b.method {
        out.push(lang.tr("method settings changed", "方法设置已修改").into());
    }
    if a.title != b.title || a.region != b.region {
        out.push(
            lang.tr("title or region changed", "标题或地区已修改")
                .into(),
        );
    }
    if out.is_empty() && a != b {
        out.push(
            lang.tr("the order of observations changed", "年份/地区的顺序已改变")
                .into(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Observation;

    #[test]
    fn net_changes_ignore_edits_undone_by_hand() {
        let fw = Framework::default_framework();
        let id = fw.indicators[0].id.clone();
        let obs = |v: Option<f64>| Observation {
            label: "2024".into(),
            values: v.map(|x| (id.clone(), x)).into_iter().collect(),
            ..Observation::default()
        };
        let mut a = Survey::blank("cbec-belt", "t", &["2024".to_string()]);
        a.observations = vec![obs(Some(1.0))];
        // Changed to 2, then 3, then back to 1: no net change.
        let b = a.clone();
        assert_eq!(net_changes(&fw, &a, &b), 0);
        // One cell changed, one observation added: 2.
        let mut c = a.clone();
        c.observations[0] = obs(Some(5.0));
        c.observations.push(Observation {
            label: "2025".into(),
            ..Observation::default()
        });
        assert_eq!(net_changes(&fw, &a, &c), 2);
    }
}
