//! Where a block copied from a spreadsheet lands, worked out before anything changes.
//!
//! Officers copy whole tables: with the header row of years and the column of indicator names.
//! Pasting those cells as values would store the years as data and shift every row, so the
//! header row and the label column are recognised and used to place values by the observation
//! and the indicator they name. Whatever cannot be placed is listed, never dropped silently.

use std::collections::{BTreeSet, HashMap};

use crate::lang::Lang;
use crate::model::sheet::header::Matcher;
use crate::model::{Framework, Survey};
use crate::tui::app::circle_indicators;
use crate::tui::number::{normalize, parse_cell};
use crate::tui::update::validate_in;

/// A paste, planned: the values to set and everything that was recognised or left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PastePlan {
    /// (observation index, indicator id, value), in block order.
    pub cells: Vec<(usize, String, f64)>,
    /// Values refused (not numbers, or values that cannot exist), each with its place.
    pub refused: Vec<String>,
    /// Cells that have no place in the grid, in words.
    pub left_out: Vec<String>,
    /// What the block was found to hold besides values (a header row, a label column).
    pub recognised: Vec<String>,
    /// Where the values land, in words.
    pub target: String,
    /// How many non-empty cells have no place in the grid.
    pub outside: usize,
}

impl PastePlan {
    /// A paste that skips or reinterprets anything is shown first and applied on `y`.
    pub fn needs_confirmation(&self) -> bool {
        !self.left_out.is_empty() || !self.recognised.is_empty()
    }

    /// The one-line outcome after applying: counts, then the first refusal.
    pub fn summary(&self, lang: Lang) -> String {
        let mut s = match lang {
            Lang::En => format!("pasted {} value(s)", self.cells.len()),
            Lang::Zh => format!("已粘贴 {} 个数值", self.cells.len()),
        };
        if let Some(first) = self.refused.first() {
            s.push_str(&match lang {
                Lang::En => format!("; refused {}: {first}", self.refused.len()),
                Lang::Zh => format!("；拒收 {} 个：{first}", self.refused.len()),
            });
            if self.refused.len() > 1 {
                s.push_str(lang.tr(" (`!` lists all)", "（按 ! 查看全部）"));
            }
        }
        let out = self.outside;
        if out > 0 {
            s.push_str(&match lang {
                Lang::En => format!("; {out} outside the grid ignored"),
                Lang::Zh => format!("；{out} 个在表格之外，未粘贴"),
            });
        }
        s
    }
}

/// Observation labels compare without spaces, full-width forms or a trailing 年 (`2019年`).
fn label_key(s: &str) -> String {
    let t = normalize(s);
    let t = t.trim();
    t.strip_suffix('年').unwrap_or(t).trim().to_string()
}

fn is_number(s: &str) -> bool {
    parse_cell(s).is_ok()
}

/// Plans pasting `text` into circle `c` of the survey with the cursor at (`row`, `col`).
pub fn plan(
    fw: &Framework,
    survey: &Survey,
    c: usize,
    (row, col): (usize, usize),
    text: &str,
    lang: Lang,
) -> PastePlan {
    let rows: Vec<Vec<&str>> = text
        .trim_end_matches('\n')
        .split('\n')
        .map(|l| l.split('\t').map(str::trim).collect())
        .collect();
    let inds = circle_indicators(fw, c);
    let obs: HashMap<String, usize> = survey
        .observations
        .iter()
        .enumerate()
        .map(|(i, o)| (label_key(&o.label), i))
        .collect();
    let matcher = Matcher::new(fw);
    let mut p = PastePlan::default();

    // A header row: most of its cells name observations of this survey (a corner cell that
    // is not a number may be anything, e.g. 指标).
    let header = rows.len() > 1 && {
        let cells: Vec<(usize, &str)> = rows[0]
            .iter()
            .copied()
            .enumerate()
            .filter(|(k, s)| !s.is_empty() && (*k != 0 || is_number(s)))
            .collect();
        let hits = cells
            .iter()
            .filter(|(_, s)| obs.contains_key(&label_key(s)))
            .count();
        hits > 0 && hits * 2 >= cells.len()
    };
    let body = &rows[usize::from(header)..];
    // A label column: its first cells are text, not numbers, and the rows hold more cells.
    let firsts: Vec<&str> = body
        .iter()
        .filter_map(|r| r.first().copied())
        .filter(|s| !s.is_empty())
        .collect();
    let label_col = !firsts.is_empty()
        && body.iter().any(|r| r.len() > 1)
        && firsts.iter().all(|s| !is_number(s));
    let by_name = label_col && firsts.iter().any(|s| matcher.find(s).is_some());
    let skip = usize::from(label_col);

    if header {
        p.recognised.push(
            lang.tr(
                "the first line holds labels (a header row): columns are placed by the label they name",
                "第一行是年份/地区标签（表头）：各列按所标的年份/地区放置",
            )
            .to_string(),
        );
    }
    if by_name {
        p.recognised.push(
            lang.tr(
                "the first column holds indicator names: rows are placed by the indicator they name",
                "第一列是指标名称：各行按所标的指标放置",
            )
            .to_string(),
        );
    } else if label_col {
        p.recognised.push(
            lang.tr(
                "the first column is text, not values: it is skipped",
                "第一列是文字而不是数值：已跳过",
            )
            .to_string(),
        );
    }

    // Columns → observations.
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut col_of: Vec<Option<usize>> = vec![None; width];
    let mut cols_out = BTreeSet::new();
    for (k, slot) in col_of.iter_mut().enumerate().skip(skip) {
        if header {
            let h = rows[0].get(k).copied().unwrap_or("");
            *slot = obs.get(&label_key(h)).copied();
            if slot.is_none() && body.iter().any(|r| r.get(k).is_some_and(|s| !s.is_empty())) {
                cols_out.insert(if h.is_empty() {
                    format!("#{}", k + 1)
                } else {
                    h.to_string()
                });
            }
        } else {
            let i = col + k - skip;
            if i < survey.observations.len() {
                *slot = Some(i);
            } else {
                cols_out.insert(format!("#{}", k + 1));
            }
        }
    }
    let mut rows_out = Vec::new();
    let mut out_values = 0;
    for (r, line) in body.iter().enumerate() {
        let j = if by_name {
            matcher.find(line.first().copied().unwrap_or(""))
        } else {
            inds.get(row + r).copied()
        };
        let values = line.iter().skip(skip).filter(|s| !s.is_empty()).count();
        let Some(j) = j else {
            if values > 0 {
                let name = if label_col {
                    line[0].to_string()
                } else {
                    format!("#{}", r + 1)
                };
                rows_out.push(name);
                out_values += values;
            }
            continue;
        };
        for (k, cell) in line.iter().enumerate().skip(skip) {
            if cell.is_empty() {
                continue;
            }
            let Some(i) = col_of.get(k).copied().flatten() else {
                out_values += 1;
                continue;
            };
            let id = &fw.indicators[j].id;
            match validate_in(fw, j, cell, lang) {
                Ok(v) => p.cells.push((i, id.clone(), v)),
                Err(e) => p.refused.push(format!(
                    "{id} {} {}: {e}",
                    lang.tr("in", "·"),
                    survey.observations[i].label
                )),
            }
        }
    }
    if !rows_out.is_empty() {
        p.left_out.push(match (lang, by_name) {
            (Lang::En, true) => format!("rows naming no indicator: {}", rows_out.join(", ")),
            (Lang::Zh, true) => format!("未找到对应指标的行：{}", rows_out.join("、")),
            (Lang::En, false) => format!("{} row(s) below the last indicator", rows_out.len()),
            (Lang::Zh, false) => format!("超出最后一个指标的 {} 行", rows_out.len()),
        });
    }
    if !cols_out.is_empty() {
        let names: Vec<String> = cols_out.into_iter().collect();
        p.left_out.push(match (lang, header) {
            (Lang::En, true) => format!("columns naming no observation: {}", names.join(", ")),
            (Lang::Zh, true) => format!("本调查没有的年份/地区列：{}", names.join("、")),
            (Lang::En, false) => format!("{} column(s) right of the last observation", names.len()),
            (Lang::Zh, false) => format!("超出最后一个年份/地区的 {} 列", names.len()),
        });
    }
    if out_values > 0 {
        p.left_out.push(match lang {
            Lang::En => format!("{out_values} value(s) in all are not pasted"),
            Lang::Zh => format!("共 {out_values} 个数值不会粘贴"),
        });
    }
    p.outside = out_values;
    p.target = target(fw, survey, &p.cells, lang);
    p
}

/// "2019–2024 × 10 indicators" from the cells that will be set.
fn target(fw: &Framework, s: &Survey, cells: &[(usize, String, f64)], lang: Lang) -> String {
    let (Some(lo), Some(hi)) = (
        cells.iter().map(|c| c.0).min(),
        cells.iter().map(|c| c.0).max(),
    ) else {
        return lang.tr("nothing to paste", "没有可粘贴的数值").to_string();
    };
    let ids: BTreeSet<&str> = cells.iter().map(|c| c.1.as_str()).collect();
    let first = cells.first().map_or("", |c| c.1.as_str());
    let name = fw.indicator_index(first).map_or(first, |j| {
        lang.pick(&fw.indicators[j].name, fw.indicators[j].name_zh.as_deref())
    });
    let span = if lo == hi {
        s.observations[lo].label.clone()
    } else {
        format!("{}–{}", s.observations[lo].label, s.observations[hi].label)
    };
    match lang {
        Lang::En => format!(
            "{} value(s) into {span}, {} indicator(s) from {name}",
            cells.len(),
            ids.len()
        ),
        Lang::Zh => format!(
            "{} 个数值填入 {span}，{} 个指标（自“{name}”起）",
            cells.len(),
            ids.len()
        ),
    }
}
