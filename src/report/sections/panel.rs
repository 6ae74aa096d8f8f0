//! Wording for a panel (regions × periods): its observations are neither one time series nor
//! one cross-section, so the title and the summary say what it is and place the focus region
//! within its period and along its own years.

use crate::lang::Lang;
use crate::report::doc::Doc;
use crate::textfmt::num3;

use super::words::{round3, signed3};
use super::{Ctx, S_SCORES};

/// The title block's "Observations" line for a panel, `None` for any other survey.
pub(super) fn observations_line(cx: &Ctx, d: &Doc) -> Option<String> {
    let survey = &cx.input.doc.survey;
    if !survey.is_panel() {
        return None;
    }
    let regions: Vec<String> = survey.regions().iter().map(|r| d.u(r)).collect();
    let periods = survey.periods();
    let (first, last) = (periods.first()?, periods.last()?);
    let m = cx.a.m();
    Some(match cx.lang {
        Lang::En => format!(
            "{m}, a panel of {} regions × {} periods ({first}–{last}): {}",
            regions.len(),
            periods.len(),
            regions.join("; ")
        ),
        Lang::Zh => format!(
            "{m} 个，{} 个地区 × {} 个时期（{first}–{last}）的面板数据：{}",
            regions.len(),
            periods.len(),
            regions.join("；")
        ),
    })
}

/// The summary's comparison for a panel: the focus region's rank among the regions of its
/// period (competition ranking, as everywhere), and the change of its D since its first period.
pub(super) fn comparison(cx: &Ctx, d: &Doc) -> Option<String> {
    let survey = &cx.input.doc.survey;
    let keys = survey.panel_keys()?;
    if keys.len() != cx.a.m() {
        return None;
    }
    let a = cx.a;
    let f = cx.f;
    let key = &keys[f];
    let dd = |i: usize| a.coupling[i].d;
    let peers: Vec<usize> = (0..keys.len())
        .filter(|&i| keys[i].period == key.period)
        .collect();
    let rank = 1 + peers.iter().filter(|&&i| dd(i) > dd(f)).count();
    let region = d.u(&key.region);
    let n_regions = survey.regions().len();
    let n_periods = survey.periods().len();
    let mut p = match cx.lang {
        Lang::En => format!(
            "The observations are a panel of {n_regions} regions over {n_periods} periods, so section {S_SCORES} ranks the regions in each period and traces each region's D. In {}, {region} ranks {rank} of {} by D.",
            key.period,
            peers.len()
        ),
        Lang::Zh => format!(
            "这些观测是 {n_regions} 个地区、{n_periods} 个时期的面板数据，第{S_SCORES}节按时期给出地区排名并列出各地区 D 的变化轨迹。{} 年，{region} 的 D 在 {} 个地区中排名第 {rank}。",
            key.period,
            peers.len()
        ),
    };
    let first = (0..keys.len())
        .filter(|&i| keys[i].region == key.region && keys[i].period < key.period)
        .min_by_key(|&i| keys[i].period);
    if let Some(s) = first {
        let (c0, c) = (&a.coupling[s], &a.coupling[f]);
        let change = round3(c.d) - round3(c0.d);
        let dir = if num3(change.abs()) == "0.000" {
            1
        } else if change > 0.0 {
            2
        } else {
            0
        };
        p.push_str(&match cx.lang {
            Lang::En => format!(
                " Since {}, its D has {} from {} (level {}) to {} (level {}), a change of {}.",
                keys[s].period,
                ["fallen", "stayed about the same, going", "risen"][dir],
                num3(c0.d),
                cx.level_full(c0.level),
                num3(c.d),
                cx.level_full(c.level),
                signed3(change)
            ),
            Lang::Zh => format!(
                "与 {} 年相比，其 D 由 {}（{}）{}至 {}（{}），变化 {}。",
                keys[s].period,
                num3(c0.d),
                cx.level(c0.level),
                ["下降", "基本持平", "上升"][dir],
                num3(c.d),
                cx.level(c.level),
                signed3(change)
            ),
        });
    }
    Some(p)
}
