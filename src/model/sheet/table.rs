//! The table rules applied to a [`Grid`]: header row, label and panel columns, the yearbook
//! layout, and each cell's number.

use std::collections::HashMap;

use crate::diag::Problem;
use crate::model::framework::Framework;

use super::grid::{Grid, GridCell, Place, Raw, Source};
use super::header::{Matcher, PanelRole, panel_role};
use super::number::{format_exact, integer_text, normalize, parse_text_number};
use super::{PanelKey, Table};

/// A cell's text as a header or label: numbers as written (`2019`, not `2019.0`).
fn text_of(raw: &Raw) -> Option<String> {
    match raw {
        Raw::Empty => None,
        Raw::Text(s) => Some(s.clone()),
        Raw::Number { value, .. } => {
            Some(integer_text(*value).unwrap_or_else(|| format_exact(*value)))
        }
        Raw::Error(s) | Raw::Date(s) => Some(s.clone()),
        Raw::Bool(b) => Some(b.to_string()),
    }
}

/// What a header column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Col {
    Label,
    Panel(PanelRole),
    Indicator(usize),
    Skip,
}

struct Ctx<'a> {
    grid: &'a Grid,
    fw: &'a Framework,
    problems: Vec<Problem>,
}

impl Ctx<'_> {
    fn at(&mut self, cell: &GridCell, message: String, help: impl Into<String>) {
        let p = self.grid.source.problem(&cell.place, message).help(help);
        self.problems.push(p);
    }

    /// A place as text for a message that names a second cell.
    fn place_text(&self, place: &Place) -> String {
        let p = self.grid.source.problem(place, "");
        p.place().unwrap_or_default()
    }
}

/// Applies the table rules. The table is `None` when nothing usable is there: no rows, no
/// indicator or no observation, or panel keys that do not line up with the rows.
pub(super) fn build(mut grid: Grid, fw: &Framework) -> (Option<Table>, Vec<Problem>, Vec<String>) {
    grid.drop_blank_rows();
    if grid.rows.is_empty() {
        let p = Problem::in_file(grid.source.name(), "the table is empty")
            .help("the first row is the header (a label column, then indicator names), then one row per observation");
        return (None, vec![p], Vec::new());
    }
    let matcher = Matcher::new(fw);
    let names = |cell: &GridCell| text_of(&cell.raw).and_then(|t| matcher.find(&t)).is_some();
    let header_names = grid.rows[0].iter().any(names);
    let column_names = grid.rows[1..].iter().any(|r| r.first().is_some_and(names));
    let transposed = !header_names && column_names;
    if transposed {
        grid = grid.transposed();
        grid.drop_blank_rows();
    }
    let mut cx = Ctx {
        grid: &grid,
        fw,
        problems: Vec::new(),
    };
    let cols = header(&mut cx, &matcher);
    let header_ok = cx.problems.is_empty();
    let (mut table, warnings) = body(&mut cx, &cols, transposed);
    table.header_ok = header_ok;
    let aligned = table
        .panel
        .as_ref()
        .is_none_or(|p| p.len() == table.labels.len());
    let mut usable = aligned;
    if cx.problems.is_empty() && table.indicators.is_empty() {
        usable = false;
        let first = grid.get(0, 0);
        let help = match &grid.source {
            Source::Sheet { .. } => {
                "the first non-empty row must name indicators (or, in the yearbook layout, the first column); pick the data sheet with --sheet NAME"
            }
            Source::Text { .. } => {
                "the first line must name indicators by id, name or Chinese name, after the label column"
            }
        };
        cx.at(
            &first,
            "no indicator is named in the header row or the first column".into(),
            help,
        );
    } else if cx.problems.is_empty() && table.labels.is_empty() {
        usable = false;
        let first = grid.get(0, 0);
        cx.at(
            &first,
            "there is no observation under the header".into(),
            "add one row per year or region",
        );
    }
    let problems = cx.problems;
    (usable.then_some(table), problems, warnings)
}

/// What a header cell is wrong about, by column: found by [`header_roles`], put into words with
/// places by [`header`].
#[derive(Debug, Clone, PartialEq)]
pub(super) enum HeaderIssue {
    /// The first column names an indicator: the label column is missing.
    LabelMissing { col: usize, id: String },
    /// A second column for the indicator of column `first`.
    Duplicate {
        col: usize,
        first: usize,
        id: String,
    },
    /// An empty header over a column with data.
    EmptyWithData { col: usize },
    /// A header that names nothing; `help` says what was probably meant.
    Unknown { col: usize, help: String },
}

/// The header rules, on the header cells' texts: each column's role, and every issue. The
/// data below matter only for an empty header cell, so they are asked for through
/// `column_empty`.
pub(super) fn header_roles(
    texts: &[Option<String>],
    matcher: &Matcher,
    fw: &Framework,
    column_empty: impl Fn(usize) -> bool,
) -> (Vec<Col>, Vec<HeaderIssue>) {
    let width = texts.len();
    let role = |j: usize| texts[j].as_deref().and_then(panel_role);
    let has = |r: PanelRole| (0..width).any(|j| role(j) == Some(r));
    let panel = has(PanelRole::Region) && has(PanelRole::Period);
    let mut cols = vec![Col::Skip; width];
    let mut issues = Vec::new();
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for j in 0..width {
        let text = texts[j].as_deref().unwrap_or_default();
        let found = matcher.find(text);
        if panel && let Some(r) = role(j) {
            cols[j] = Col::Panel(r);
            continue;
        }
        if j == 0 && found.is_none() {
            cols[0] = Col::Label;
            continue;
        }
        if j == 0 && !panel {
            // One problem for the whole column, not one per label cell.
            let id = found
                .map_or("", |i| fw.indicators[i].id.as_str())
                .to_string();
            issues.push(HeaderIssue::LabelMissing { col: j, id });
        }
        match found {
            Some(i) => match seen.get(&i) {
                Some(&first) => issues.push(HeaderIssue::Duplicate {
                    col: j,
                    first,
                    id: fw.indicators[i].id.clone(),
                }),
                None => {
                    seen.insert(i, j);
                    cols[j] = Col::Indicator(i);
                }
            },
            None if text.is_empty() && column_empty(j) => {}
            None if text.is_empty() => issues.push(HeaderIssue::EmptyWithData { col: j }),
            None => {
                let help = if role(j).is_some() {
                    "`region`/`地区` and `period`/`年份` are panel columns only when both are present".to_string()
                } else {
                    match matcher.suggest(text) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "name an indicator by its id, name or Chinese name (a unit in parentheses may follow)".into(),
                    }
                };
                issues.push(HeaderIssue::Unknown { col: j, help });
            }
        }
    }
    (cols, issues)
}

/// Reads the header row into column roles, reporting unknown, empty and duplicate headers.
fn header(cx: &mut Ctx<'_>, matcher: &Matcher) -> Vec<Col> {
    let grid = cx.grid;
    let texts: Vec<Option<String>> = (0..grid.width())
        .map(|j| text_of(&grid.get(0, j).raw))
        .collect();
    let column_empty = |j| (1..grid.rows.len()).all(|r| matches!(grid.get(r, j).raw, Raw::Empty));
    let (cols, issues) = header_roles(&texts, matcher, cx.fw, column_empty);
    let text = |j: usize| texts[j].as_deref().unwrap_or_default();
    for issue in issues {
        match issue {
            HeaderIssue::LabelMissing { col, id } => cx.at(
                &grid.get(0, col),
                format!("the first column `{}` names indicator `{id}`: the label column is missing", text(col)),
                "insert a first column headed `label` (or 年份, 地区) holding the observation labels",
            ),
            HeaderIssue::Duplicate { col, first, id } => {
                let other = cx.place_text(&grid.get(0, first).place);
                cx.at(
                    &grid.get(0, col),
                    format!("`{}` names indicator `{id}`, as the header at {other} does", text(col)),
                    "each indicator may have one column only: delete or rename one of the two",
                );
            }
            HeaderIssue::EmptyWithData { col } => cx.at(
                &grid.get(0, col),
                "a header cell is empty, but its column holds data".into(),
                "write the indicator's id, name or Chinese name in the header",
            ),
            HeaderIssue::Unknown { col, help } => {
                let msg = format!(
                    "unknown indicator: `{}` is not an indicator of framework `{}`",
                    text(col),
                    cx.fw.id
                );
                cx.at(&grid.get(0, col), msg, help);
            }
        }
    }
    cols
}

/// Reads the observations under the header.
fn body(cx: &mut Ctx<'_>, cols: &[Col], transposed: bool) -> (Table, Vec<String>) {
    let grid = cx.grid;
    let value_cols: Vec<(usize, usize)> = cols
        .iter()
        .enumerate()
        .filter_map(|(j, c)| match c {
            Col::Indicator(i) => Some((j, *i)),
            _ => None,
        })
        .collect();
    let find = |want: Col| cols.iter().position(|c| *c == want);
    let label_col = find(Col::Label);
    let region_col = find(Col::Panel(PanelRole::Region));
    let period_col = find(Col::Panel(PanelRole::Period));
    let mut t = Table {
        source: grid.source.clone(),
        transposed,
        labels: Vec::new(),
        panel: region_col.and(period_col).map(|_| Vec::new()),
        indicators: value_cols.iter().map(|&(_, i)| i).collect(),
        values: Vec::new(),
        label_places: Vec::new(),
        places: Vec::new(),
        warnings: Vec::new(),
        unreadable: Vec::new(),
        header_ok: true,
    };
    let mut seen_labels: HashMap<String, Place> = HashMap::new();
    let mut seen_keys: HashMap<PanelKey, Place> = HashMap::new();
    let mut marked: Vec<bool> = vec![false; value_cols.len()];
    for r in 1..grid.rows.len() {
        let mut values = Vec::with_capacity(value_cols.len());
        let mut places = Vec::with_capacity(value_cols.len());
        let key = match (region_col, period_col) {
            (Some(rc), Some(pc)) => panel_key(cx, r, rc, pc),
            _ => None,
        };
        let label_cell = grid.get(r, label_col.unwrap_or(0));
        let label = match label_col.map(|c| grid.get(r, c).raw) {
            Some(Raw::Text(s)) => Some(s),
            Some(Raw::Number { value, .. }) => text_of(&Raw::Number {
                value,
                percent: false,
            }),
            Some(Raw::Empty) | None => key.as_ref().map(|k| format!("{} {}", k.region, k.period)),
            Some(other) => {
                let shown = text_of(&other).unwrap_or_default();
                cx.at(
                    &label_cell,
                    format!("the label `{shown}` is not text or a number"),
                    "write a year or a region name",
                );
                Some(shown)
            }
        };
        let label = match label {
            Some(l) => l,
            None if label_col.is_none() => format!("row {}", r + 1),
            None => {
                let help = "put a year or a region name in the label column";
                cx.at(&label_cell, "an observation label is empty".into(), help);
                String::new()
            }
        };
        // A label made of region and period is checked as a (region, period) pair below.
        let written = label_col.is_some_and(|c| !matches!(grid.get(r, c).raw, Raw::Empty));
        if written && !label.is_empty() {
            if let Some(first) = seen_labels.get(&label) {
                let other = cx.place_text(first);
                cx.at(
                    &label_cell,
                    format!("duplicate observation label `{label}` (also at {other})"),
                    "labels must be unique",
                );
            } else {
                seen_labels.insert(label.clone(), label_cell.place.clone());
            }
        }
        if let (Some(k), Some(panel)) = (key, t.panel.as_mut()) {
            let place = grid.get(r, region_col.unwrap_or(0)).place;
            if let Some(first) = seen_keys.get(&k) {
                let other = cx.place_text(first);
                let msg = format!(
                    "region `{}` has period {} twice (also at {other})",
                    k.region, k.period
                );
                cx.problems.push(
                    grid.source
                        .problem(&place, msg)
                        .help("(region, period) pairs must be unique"),
                );
            } else {
                seen_keys.insert(k.clone(), place);
            }
            panel.push(k);
        }
        for (n, &(j, i)) in value_cols.iter().enumerate() {
            // Borrowed, not cloned: a large file has millions of cells.
            let padded;
            let cell = match grid.rows[r].get(j) {
                Some(c) => c,
                None => {
                    padded = grid.get(r, j);
                    &padded
                }
            };
            let (v, pct) = value(cx, cell, i, &label);
            if v.is_none() && !matches!(cell.raw, Raw::Empty) {
                t.unreadable.push((t.labels.len(), n));
            }
            marked[n] |= pct;
            values.push(v);
            places.push(cell.place.clone());
        }
        t.label_places.push(label_cell.place);
        t.labels.push(label);
        t.push_row(values);
        t.places.push(places);
    }
    let warnings = fraction_warnings(cx.fw, &t, &marked);
    (t, warnings)
}

/// A panel row's region and period, or `None` after reporting why not.
fn panel_key(cx: &mut Ctx<'_>, r: usize, rc: usize, pc: usize) -> Option<PanelKey> {
    let (rcell, pcell) = (cx.grid.get(r, rc), cx.grid.get(r, pc));
    let region = match &rcell.raw {
        Raw::Text(_) | Raw::Number { .. } => text_of(&rcell.raw),
        _ => {
            cx.at(
                &rcell,
                "the region is empty".into(),
                "every panel row needs a region",
            );
            None
        }
    };
    let period = match &pcell.raw {
        Raw::Number { value, .. } => integer_text(*value).and_then(|s| s.parse::<i64>().ok()),
        Raw::Text(s) => period_of(s),
        _ => None,
    };
    if period.is_none() {
        let shown = text_of(&pcell.raw).unwrap_or_default();
        cx.at(
            &pcell,
            format!("the period `{shown}` is not an integer"),
            "write the year, e.g. 2023",
        );
    }
    Some(PanelKey {
        region: region?,
        period: period?,
    })
}

/// A period written as text: an integer, full-width digits allowed.
pub(super) fn period_of(text: &str) -> Option<i64> {
    normalize(text).trim().parse::<i64>().ok()
}

/// A value cell: the number, and whether it was marked as a percentage (format or `%`).
fn value(cx: &mut Ctx<'_>, cell: &GridCell, ind: usize, label: &str) -> (Option<f64>, bool) {
    let indicator = &cx.fw.indicators[ind];
    // Built only for a problem: formatting it for every cell would dominate a large file.
    let what = || format!("observation `{label}`, indicator `{}`", indicator.id);
    match &cell.raw {
        Raw::Empty => (None, false),
        Raw::Number {
            value,
            percent: true,
        } if indicator.unit.trim() == "%" => (Some(times_100(*value)), true),
        Raw::Number { value, percent } => (Some(*value), *percent),
        Raw::Text(s) => match parse_text_number(s) {
            Ok(n) => (Some(n.value), n.percent),
            Err(e) => {
                let (msg, help) = e
                    .split_once(": ")
                    .unwrap_or((e.as_str(), "write a number such as 12.5"));
                cx.at(cell, format!("{msg} ({})", what()), help.to_string());
                (None, false)
            }
        },
        Raw::Error(e) => {
            cx.at(
                cell,
                format!("the cell holds the formula error `{e}` ({})", what()),
                "fix the formula, or clear the cell if the value is missing",
            );
            (None, false)
        }
        Raw::Date(d) => {
            cx.at(
                cell,
                format!("the cell holds a date ({d}), not a number ({})", what()),
                "format the cell as a number (Format Cells → Number)",
            );
            (None, false)
        }
        Raw::Bool(b) => {
            cx.at(
                cell,
                format!(
                    "the cell holds {}, not a number ({})",
                    b.to_string().to_uppercase(),
                    what()
                ),
                "write a number, or leave the cell empty if the value is missing",
            );
            (None, false)
        }
    }
}

/// A percent cell's fraction in percent, as the decimal it shows: 0.189 → 18.9, where the
/// float product would give 18.900000000000002. The shortest decimal form has its exponent
/// raised by 2 and is read again.
fn times_100(x: f64) -> f64 {
    let s = format!("{x:e}");
    match s
        .split_once('e')
        .and_then(|(m, e)| Some((m, e.parse::<i32>().ok()?)))
    {
        Some((m, e)) => format!("{m}e{}", e + 2).parse().unwrap_or(x * 100.0),
        None => x * 100.0,
    }
}

/// A `%` indicator whose values were never marked as percentages and all lie in [0, 1] was
/// probably entered as fractions.
pub(super) fn fraction_warnings(fw: &Framework, t: &Table, marked: &[bool]) -> Vec<String> {
    let mut out = Vec::new();
    for (n, &i) in t.indicators.iter().enumerate() {
        let ind = &fw.indicators[i];
        if ind.unit.trim() != "%" || marked[n] {
            continue;
        }
        let mut vals = (0..t.labels.len()).filter_map(|r| t.value(r, n)).peekable();
        if vals.peek().is_some() && vals.all(|v| (0.0..=1.0).contains(&v)) {
            out.push(format!(
                "{}: every value of `{}` (unit %) lies in [0, 1]: they look like fractions; write 12.5 for 12.5%",
                t.source.name(),
                ind.id
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_fraction_to_percent_exactly() {
        // 0.189 · 100 in floating point is 18.900000000000002; the decimal shift gives 18.9.
        assert_eq!(times_100(0.189), 18.9);
        assert_eq!(times_100(0.125), 12.5);
        assert_eq!(times_100(1.0), 100.0);
        assert_eq!(times_100(0.0), 0.0);
    }

    fn run(csv: &str) -> (Option<Table>, Vec<Problem>) {
        let fw = Framework::default_framework();
        let (t, p, _) = build(Grid::from_csv("t.csv", csv), &fw);
        (t.filter(|_| p.is_empty()), p)
    }

    #[test]
    fn a_lone_panel_column_is_the_label_first_and_unknown_elsewhere() {
        let id = &Framework::default_framework().indicators[0].id;
        let (t, p) = run(&format!("年份,{id}\n2020,1\n"));
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(t.unwrap().labels, ["2020"]);
        let (_, p) = run(&format!("label,{id},region\nx,1,A\n"));
        assert_eq!(p.len(), 1);
        assert!(p[0].help.as_deref().unwrap_or("").contains("both"), "{p:?}");
    }

    #[test]
    fn panel_keys_must_be_unique_integers() {
        let id = &Framework::default_framework().indicators[0].id;
        let (_, p) = run(&format!(
            "region,period,{id}\nA,2020,1\nA,2020,2\nB,20.5,3\n"
        ));
        let places: Vec<_> = p.iter().filter_map(Problem::place).collect();
        // Row 3 repeats (A, 2020); row 4's period is not an integer.
        assert_eq!(places, ["t.csv:3:1", "t.csv:4:3"], "{p:?}");
    }
}
