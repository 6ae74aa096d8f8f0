//! A panel (regions × periods) shown as people read one: for each period, the regions ranked by
//! coordination degree D; for each region, its D over the periods. Shared by `score`'s text
//! output and the report, in both languages.

use crate::engine::Assessment;
use crate::lang::Lang;
use crate::model::{Framework, Survey};
use crate::textfmt::{Table, num3};

/// One period's ranking.
pub struct PeriodTable {
    pub period: i64,
    pub table: Table,
}

/// The tables of a panel.
pub struct PanelTables {
    pub periods: Vec<PeriodTable>,
    /// One row per region: D in each period (`—` where the region has no observation), then
    /// the change from its first to its last period.
    pub trajectories: Table,
}

/// The panel tables, or `None` when the survey is not a panel. `a` must be the assessment of
/// `survey`'s observations, in order. `u` formats user text for the output (escaping).
pub fn panel_tables(
    fw: &Framework,
    survey: &Survey,
    a: &Assessment,
    lang: Lang,
    u: &dyn Fn(&str) -> String,
) -> Option<PanelTables> {
    if !survey.is_panel() || survey.observations.len() != a.m() {
        return None;
    }
    let regions = survey.regions();
    let periods = survey.periods();
    let circles = |c: usize| lang.pick(&fw.circles[c].id, fw.circles[c].name_zh.as_deref());
    let mut tables = Vec::new();
    for &p in &periods {
        let mut rows: Vec<usize> = regions
            .iter()
            .filter_map(|r| survey.panel_index(r, p))
            .collect();
        // Highest D first; equal D keep the regions' order (a stable sort).
        rows.sort_by(|&x, &y| a.coupling[y].d.total_cmp(&a.coupling[x].d));
        let mut headers = vec![
            lang.tr("rank", "排名").to_string(),
            lang.tr("region", "地区").to_string(),
        ];
        headers.extend((0..fw.circles.len()).map(|c| u(circles(c))));
        headers.extend(["D".to_string(), lang.tr("level", "等级").to_string()]);
        let mut t = Table::new(headers).align(1, crate::textfmt::Align::Left);
        for (rank, &i) in rows.iter().enumerate() {
            let c = &a.coupling[i];
            let mut row = vec![
                (rank + 1).to_string(),
                u(survey.observations[i].region.as_deref().unwrap_or("")),
            ];
            row.extend(a.circles(i).iter().map(|x| num3(*x)));
            row.extend([
                num3(c.d),
                format!("{} {}", c.level, lang.level_name(c.level)),
            ]);
            t.row(row);
        }
        tables.push(PeriodTable {
            period: p,
            table: t,
        });
    }
    let mut headers = vec![lang.tr("region", "地区").to_string()];
    headers.extend(periods.iter().map(|p| p.to_string()));
    headers.push(lang.tr("change", "变化").to_string());
    let mut traj = Table::new(headers);
    for r in &regions {
        let ds: Vec<Option<f64>> = periods
            .iter()
            .map(|&p| survey.panel_index(r, p).map(|i| a.coupling[i].d))
            .collect();
        let mut row = vec![u(r)];
        row.extend(ds.iter().map(|d| d.map_or_else(|| "—".to_string(), num3)));
        let known: Vec<f64> = ds.iter().flatten().copied().collect();
        row.push(match known.as_slice() {
            [first, .., last] => format!("{:+.3}", last - first),
            _ => "—".to_string(),
        });
        traj.row(row);
    }
    Some(PanelTables {
        periods: tables,
        trajectories: traj,
    })
}

/// The panel as plain text, for `score`.
pub fn panel_text(fw: &Framework, survey: &Survey, a: &Assessment, lang: Lang) -> String {
    let Some(p) = panel_tables(fw, survey, a, lang, &|s| s.to_string()) else {
        return String::new();
    };
    let mut out = match lang {
        Lang::En => format!(
            "\nPanel: {} regions × {} periods\n",
            p.trajectories.rows.len(),
            p.periods.len()
        ),
        Lang::Zh => format!(
            "\n面板：{} 个地区 × {} 个时期\n",
            p.trajectories.rows.len(),
            p.periods.len()
        ),
    };
    for t in &p.periods {
        out.push_str(&format!("\n{} {}\n\n", lang.tr("Period", "时期"), t.period));
        out.push_str(&t.table.render());
    }
    out.push_str(&format!(
        "\n{}\n\n",
        lang.tr("Trajectory of D per region", "各地区 D 的变化轨迹")
    ));
    out.push_str(&p.trajectories.render());
    out
}
