//! Any tabular file — CSV in UTF-8, UTF-16 or GBK, or a workbook sheet — read into one neutral,
//! located [`Table`], and the writers back to CSV and `.xlsx`.
//!
//! Reading never stops at the first problem: every bad header and cell is reported at once, with
//! `file:line:column` for text and `file:Sheet1!D7` for workbooks. The rules (header row, label
//! and panel columns, the transposed yearbook layout, numbers written as text, percentages) are
//! those of docs/method.md and docs/contract.md.

pub mod decode;
mod fast;
pub mod grid;
pub mod header;
pub mod number;
mod table;
pub mod workbook;
pub mod write;

use indexmap::IndexMap;

use crate::diag::Problem;
use crate::model::framework::Framework;
use std::sync::Arc;

use crate::model::survey::{Columns, Observation, Survey, Values};

pub use crate::model::survey::PanelKey;
pub use grid::{Grid, Place, Source};
pub use write::{column_title, write_csv, write_csv_named, write_xlsx, write_xlsx_yearbook};

/// Observations × indicator columns, each value with the place it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub source: Source,
    /// Read from the yearbook layout (indicators down, observations across).
    pub transposed: bool,
    pub labels: Vec<String>,
    /// Per observation, when the table has `region` and `period` columns.
    pub panel: Option<Vec<PanelKey>>,
    /// The framework index of the indicator in each value column.
    pub indicators: Vec<usize>,
    /// Row-major, `indicators.len()` per observation; NaN is a missing value (the readers
    /// never take NaN as data). One block, not a row each: a panel has millions of values.
    values: Vec<f64>,
    pub label_places: Vec<Place>,
    /// `places[row][column]`, beside `values`; empty for a plain CSV read on the good path,
    /// where nothing needed a place (a problem then names the file only).
    pub places: Vec<Vec<Place>>,
    /// Things the user should know that do not stop the reading ("decoded as GB18030").
    pub warnings: Vec<String>,
    /// (row, column) of the cells that hold something other than a number: already reported,
    /// so not also missing values.
    pub unreadable: Vec<(usize, usize)>,
    /// False when the header had problems: an indicator without a column is then most likely
    /// the one misspelt there, so its values are not also reported missing.
    pub header_ok: bool,
}

/// What to read: a path on disk, or bytes already in memory with the name to show for them.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Path(&'a std::path::Path),
    Bytes { name: &'a str, bytes: &'a [u8] },
}

/// Reads a CSV or workbook into a table of `fw`'s indicators. `sheet` picks a workbook's sheet
/// (the first one when `None`; it must be `None` for CSV). Returns the table when there is no
/// problem, every problem found, and the warnings (also when the table could not be built).
pub fn read_table(
    input: Input<'_>,
    fw: &Framework,
    sheet: Option<&str>,
) -> (Option<Table>, Vec<Problem>, Vec<String>) {
    let (table, problems, warnings) = read_table_lenient(input, fw, sheet);
    (table.filter(|_| problems.is_empty()), problems, warnings)
}

/// [`read_table`], keeping the table when it has problems but its columns could be read (an
/// unknown header is skipped, a cell that is not a number is empty): the values it lacks can
/// then be reported along with them. `None` when no table could be made.
pub fn read_table_lenient(
    input: Input<'_>,
    fw: &Framework,
    sheet: Option<&str>,
) -> (Option<Table>, Vec<Problem>, Vec<String>) {
    match input {
        Input::Path(p) => match std::fs::read(p) {
            Ok(bytes) => read_table_bytes(&p.display().to_string(), bytes, fw, sheet),
            Err(e) => {
                let name = p.display().to_string();
                let problem = Problem::in_file(&name, format!("cannot read the file: {e}"));
                (None, vec![problem], Vec::new())
            }
        },
        Input::Bytes { name, bytes } => read_table_bytes(name, bytes.to_vec(), fw, sheet),
    }
}

/// [`read_table_lenient`] of a file's bytes, taken over so that a large text file is held once.
pub fn read_table_bytes(
    name: &str,
    bytes: Vec<u8>,
    fw: &Framework,
    sheet: Option<&str>,
) -> (Option<Table>, Vec<Problem>, Vec<String>) {
    let name = name.to_string();
    let mut warnings = Vec::new();
    let grid = if workbook::is_workbook(&bytes) {
        match workbook::read_sheet(&name, &bytes, sheet) {
            Ok(g) => g,
            Err(e) => return (None, vec![Problem::in_file(&name, e)], warnings),
        }
    } else {
        if let Some(s) = sheet {
            let p = Problem::in_file(
                &name,
                format!("`--sheet {s}` is for workbooks, and this is a text file"),
            )
            .help("leave out --sheet for a CSV file, or give an .xlsx, .xls or .ods workbook");
            return (None, vec![p], warnings);
        }
        match decode::decode_owned(bytes) {
            Ok((text, how)) => {
                if let Some(w) = how.warning() {
                    warnings.push(format!("{name}: {w}"));
                }
                match fast::read(&name, text, fw) {
                    Ok(mut table) => {
                        warnings.append(&mut table.warnings);
                        table.warnings = warnings.clone();
                        return (Some(table), Vec::new(), warnings);
                    }
                    Err(text) => Grid::from_csv(&name, &text),
                }
            }
            Err(e) => return (None, vec![Problem::in_file(&name, e)], warnings),
        }
    };
    let (table, problems, more) = table::build(grid, fw);
    warnings.extend(more);
    let table = table.map(|mut t| {
        t.warnings = warnings.clone();
        t
    });
    (table, problems, warnings)
}

impl Table {
    /// The value of observation `row` in column `col`; `None` when missing.
    pub fn value(&self, row: usize, col: usize) -> Option<f64> {
        let n = self.indicators.len();
        (col < n)
            .then(|| self.values.get(row * n + col))
            .flatten()
            .copied()
            .filter(|x| !x.is_nan())
    }

    /// The values of observation `row`, column by column.
    pub fn row(&self, row: usize) -> impl Iterator<Item = Option<f64>> + '_ {
        (0..self.indicators.len()).map(move |c| self.value(row, c))
    }

    /// Every value, row by row: `rows()[row][column]`.
    pub fn rows(&self) -> Vec<Vec<Option<f64>>> {
        (0..self.labels.len())
            .map(|r| self.row(r).collect())
            .collect()
    }

    /// The block of values as read: a reader appends a row at a time.
    pub(crate) fn push_row(&mut self, row: impl IntoIterator<Item = Option<f64>>) {
        self.values
            .extend(row.into_iter().map(|v| v.unwrap_or(f64::NAN)));
    }

    /// A problem at the value of observation `row`, column `col`.
    pub fn problem_at(&self, row: usize, col: usize, message: impl Into<String>) -> Problem {
        match self.places.get(row).and_then(|r| r.get(col)) {
            Some(place) => self.source.problem(place, message),
            None => Problem::in_file(self.source.name(), message),
        }
    }

    /// A problem at the label of observation `row`.
    pub fn label_problem(&self, row: usize, message: impl Into<String>) -> Problem {
        match self.label_places.get(row) {
            Some(place) => self.source.problem(place, message),
            None => Problem::in_file(self.source.name(), message),
        }
    }

    /// The observations of a survey of `fw` (values in column order; missing ones absent), with
    /// their panel keys.
    pub fn to_survey(&self, fw: &Framework) -> Survey {
        self.clone().into_survey(fw)
    }

    /// [`Table::to_survey`], the values moved rather than copied.
    pub fn into_survey(self, fw: &Framework) -> Survey {
        // One shared block for every row: a map per row would cost far more than the values.
        let ids = self
            .indicators
            .iter()
            .map(|&i| fw.indicators[i].id.clone())
            .collect();
        let columns = Arc::new(Columns::new(ids, self.values));
        let observations = self
            .labels
            .iter()
            .enumerate()
            .map(|(r, label)| {
                let key = self.panel.as_ref().and_then(|p| p.get(r));
                Observation {
                    label: label.clone(),
                    region: key.map(|k| k.region.clone()),
                    period: key.map(|k| k.period),
                    values: Values::row_of(columns.clone(), r),
                }
            })
            .collect();
        let title = std::path::Path::new(self.source.name())
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        Survey {
            framework: fw.id.clone(),
            title,
            region: None,
            method: Default::default(),
            observations,
        }
    }

    /// A table to write: the survey's indicators in order of first appearance, then the rest of
    /// the framework's (so the file has a column for every value still to fill in). Ids the
    /// framework does not know are left out.
    pub fn from_survey(survey: &Survey, fw: &Framework, panel: Option<Vec<PanelKey>>) -> Table {
        let mut order: IndexMap<usize, ()> = IndexMap::new();
        for obs in &survey.observations {
            for id in obs.values.keys() {
                if let Some(i) = fw.indicator_index(id) {
                    order.insert(i, ());
                }
            }
        }
        for i in 0..fw.indicators.len() {
            order.insert(i, ());
        }
        let indicators: Vec<usize> = order.into_keys().collect();
        let values: Vec<Vec<Option<f64>>> = survey
            .observations
            .iter()
            .map(|o| {
                indicators
                    .iter()
                    .map(|&i| o.values.get(&fw.indicators[i].id).copied())
                    .collect()
            })
            .collect();
        Table::new(
            survey
                .observations
                .iter()
                .map(|o| o.label.clone())
                .collect(),
            panel,
            indicators,
            values,
        )
    }

    /// A table not read from a file (for writing), e.g. a blank template with these labels.
    pub fn new(
        labels: Vec<String>,
        panel: Option<Vec<PanelKey>>,
        indicators: Vec<usize>,
        values: Vec<Vec<Option<f64>>>,
    ) -> Table {
        let none = Place::Span(0..0);
        let width = indicators.len();
        let places = values.iter().map(|r| vec![none.clone(); r.len()]).collect();
        let mut flat = Vec::with_capacity(labels.len() * width);
        for row in &values {
            flat.extend((0..width).map(|c| row.get(c).copied().flatten().unwrap_or(f64::NAN)));
        }
        Table {
            source: Source::text("", String::new()),
            transposed: false,
            label_places: vec![none.clone(); labels.len()],
            places,
            labels,
            panel,
            indicators,
            values: flat,
            warnings: Vec::new(),
            unreadable: Vec::new(),
            header_ok: true,
        }
    }

    /// A blank table of every indicator of `fw`, one row per label.
    pub fn blank(fw: &Framework, labels: Vec<String>) -> Table {
        let n = fw.indicators.len();
        let values = vec![vec![None; n]; labels.len()];
        Table::new(labels, None, (0..n).collect(), values)
    }
}
