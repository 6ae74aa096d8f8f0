//! A neutral grid of located cells, whatever file it came from, so that the table rules (header,
//! layout, numbers) are written once and every problem still names its exact place.

use std::ops::Range;
use std::sync::OnceLock;

use crate::diag::{Location, Problem, SourceText, line_starts};
use crate::model::csv;

/// What a cell holds, before the table rules give it a meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Empty,
    /// A number cell; `percent` when its format shows it as a percentage (0.125 as 12.5%).
    Number {
        value: f64,
        percent: bool,
    },
    /// Text, trimmed and non-empty.
    Text(String),
    /// A formula error such as `#DIV/0!`.
    Error(String),
    /// A date or time, as shown.
    Date(String),
    Bool(bool),
}

/// Where a cell is: a byte span of a text file, or a zero-based (row, column) of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    Span(Range<usize>),
    Cell { row: u32, col: u32 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub raw: Raw,
    pub place: Place,
}

/// Where the grid came from, to turn a [`Place`] into a [`Problem`].
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A text file (after decoding): its name and text, and where its lines start, found when
    /// the first problem needs them.
    Text {
        name: String,
        text: String,
        lines: LineStarts,
    },
    /// A workbook sheet.
    Sheet { name: String, sheet: String },
}

impl Source {
    /// The source of a text file.
    pub fn text(name: impl Into<String>, text: String) -> Source {
        Source::Text {
            name: name.into(),
            text,
            lines: LineStarts::default(),
        }
    }

    /// The file's name as given by the caller.
    pub fn name(&self) -> &str {
        match self {
            Source::Text { name, .. } | Source::Sheet { name, .. } => name,
        }
    }

    /// A problem at a place of this source.
    pub fn problem(&self, place: &Place, message: impl Into<String>) -> Problem {
        match (self, place) {
            (Source::Text { name, text, lines }, Place::Span(span)) => {
                SourceText::with_line_starts(name, text, lines.of(text))
                    .problem(span.clone(), message)
            }
            (Source::Sheet { name, sheet }, Place::Cell { row, col }) => Problem {
                location: Location::Cell {
                    file: name.clone(),
                    sheet: sheet.clone(),
                    row: *row,
                    col: *col,
                },
                message: message.into(),
                help: None,
            },
            _ => Problem::in_file(self.name(), message),
        }
    }
}

/// Where the lines of a text start, found when first asked for. Only a cache: it never makes two
/// sources differ.
#[derive(Debug, Clone, Default)]
pub struct LineStarts(OnceLock<Vec<usize>>);

impl LineStarts {
    fn of(&self, text: &str) -> &[usize] {
        self.0.get_or_init(|| line_starts(text))
    }
}

impl PartialEq for LineStarts {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Rows of cells; rows may differ in length (a short row is padded with empty cells by
/// [`Grid::get`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub source: Source,
    pub rows: Vec<Vec<GridCell>>,
    /// Whether number formats could be read (xlsx): then a percent cell is known as such.
    pub formats_known: bool,
}

impl Grid {
    /// Cells of CSV text; blank lines are dropped, an empty cell is [`Raw::Empty`].
    pub fn from_csv(name: &str, text: &str) -> Grid {
        let rows = csv::records(text)
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|c| GridCell {
                        raw: if c.text.is_empty() {
                            Raw::Empty
                        } else {
                            Raw::Text(c.text)
                        },
                        place: Place::Span(c.span),
                    })
                    .collect()
            })
            .collect();
        Grid {
            source: Source::text(name, text.to_string()),
            rows,
            formats_known: false,
        }
    }

    /// The cell at (row, col), or an empty cell placed where it would be.
    pub fn get(&self, row: usize, col: usize) -> GridCell {
        if let Some(c) = self.rows.get(row).and_then(|r| r.get(col)) {
            return c.clone();
        }
        let place = match self.rows.get(row).and_then(|r| r.first()) {
            Some(GridCell {
                place: Place::Cell { row: r, col: c0 },
                ..
            }) => Place::Cell {
                row: *r,
                col: *c0 + col as u32,
            },
            Some(GridCell {
                place: Place::Span(_),
                ..
            }) => {
                let end = self.rows[row].last().map_or(0, |c| match &c.place {
                    Place::Span(s) => s.end,
                    Place::Cell { .. } => 0,
                });
                Place::Span(end..end)
            }
            _ => Place::Span(0..0),
        };
        GridCell {
            raw: Raw::Empty,
            place,
        }
    }

    /// The widest row's length.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Drops rows with no content at all, and the rows above the first non-empty one.
    pub fn drop_blank_rows(&mut self) {
        self.rows
            .retain(|r| r.iter().any(|c| !matches!(c.raw, Raw::Empty)));
    }

    /// Indicators down, observations across → observations down: row i of the result is
    /// column i of this grid, every cell keeping its place.
    pub fn transposed(&self) -> Grid {
        let width = self.width();
        let rows = (0..width)
            .map(|c| (0..self.rows.len()).map(|r| self.get(r, c)).collect())
            .collect();
        Grid {
            source: self.source.clone(),
            rows,
            formats_known: self.formats_known,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_grid_keeps_spans_and_transposes() {
        let g = Grid::from_csv("a.csv", "x,1\n\ny,,3\n");
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[1][2].raw, Raw::Text("3".into()));
        assert_eq!(g.rows[1][1].raw, Raw::Empty);
        let t = g.transposed();
        // 2 rows × up to 3 columns → 3 rows × 2; the short first row is padded with an empty cell.
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[2][0].raw, Raw::Empty);
        assert_eq!(t.rows[1][0].raw, Raw::Text("1".into()));
        let p = g.source.problem(&g.rows[1][2].place, "m");
        assert_eq!(p.place().as_deref(), Some("a.csv:3:4"));
    }
}
