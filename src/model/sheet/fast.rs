//! The good path of a text table: a plain CSV (no quotes) whose header and cells are all
//! right is read in one pass, straight to values, without a located cell per value.
//!
//! A province's panel runs to millions of cells, and locating each one (a span, an owned
//! string, a grid row) cost some 25 times the file's size in memory. The places are needed
//! only to report a problem, so this reader gives up at the first thing that is not plainly
//! right and the located reader ([`super::table`]) reads the file again and reports everything
//! with its place. The rules are the same ones: the header through [`header_roles`], numbers
//! through [`parse_text_number`], periods through [`period_of`].

use std::collections::HashSet;

use crate::model::framework::Framework;

use super::grid::{Place, Source};
use super::header::{Matcher, PanelRole};
use super::number::parse_text_number;
use super::table::{Col, fraction_warnings, header_roles, period_of};
use super::{PanelKey, Table};
use crate::model::csv::parse_number;

/// A cell's span without surrounding white space: ASCII blanks cheaply, and anything else
/// `str::trim` knows (a full-width space from an input method) when a non-ASCII byte is at an
/// end.
fn trimmed(text: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    while a < b && matches!(bytes[a], b' ' | b'\t' | b'\r' | 0x0B | 0x0C) {
        a += 1;
    }
    while b > a && matches!(bytes[b - 1], b' ' | b'\t' | b'\r' | 0x0B | 0x0C) {
        b -= 1;
    }
    if a < b && (bytes[a] >= 0x80 || bytes[b - 1] >= 0x80) {
        let raw = &text[a..b];
        let lead = raw.len() - raw.trim_start().len();
        return (a + lead, a + lead + raw.trim().len());
    }
    (a, b)
}

/// The lines of `text[pos..end]` that hold something, as cell spans. Blank lines and lines of
/// empty cells are skipped, as the located reader does. A quote anywhere stops the reading:
/// quoted cells are the located reader's.
struct Rows<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
    cells: Vec<(usize, usize)>,
    quoted: bool,
}

impl<'a> Rows<'a> {
    fn new(text: &'a str, pos: usize, end: usize) -> Rows<'a> {
        Rows {
            text,
            pos,
            end,
            cells: Vec::new(),
            quoted: false,
        }
    }

    fn next_row(&mut self) -> Option<&[(usize, usize)]> {
        let bytes = &self.text.as_bytes()[..self.end];
        while self.pos <= bytes.len() {
            // The line, then its cells; both found a machine word or more at a time.
            let rest = &bytes[self.pos..];
            let line_end = self.pos + memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            let line = &bytes[self.pos..line_end];
            if memchr::memchr(b'"', line).is_some() {
                self.quoted = true;
                return None;
            }
            self.cells.clear();
            let mut any = false;
            let mut start = self.pos;
            for comma in memchr::memchr_iter(b',', line)
                .map(|c| self.pos + c)
                .chain([line_end])
            {
                let cell = trimmed(self.text, start, comma);
                any |= cell.1 > cell.0;
                self.cells.push(cell);
                start = comma + 1;
            }
            self.pos = line_end + 1;
            if any {
                return Some(&self.cells);
            }
        }
        None
    }
}

/// Reads `text` on the good path, or gives it back when anything needs the located reader:
/// quotes, a header issue, a bad label, period or value, a duplicate, data beyond the header.
pub(super) fn read(name: &str, text: String, fw: &Framework) -> Result<Table, String> {
    if text.starts_with('\u{feff}') {
        return Err(text);
    }
    // A piece per megabyte, at most one per core.
    match read_plain(&text, fw, crate::par::pieces(text.len(), 1 << 20)) {
        Some(parts) => Ok(parts.into_table(name, text, fw)),
        None => Err(text),
    }
}

struct Parts {
    labels: Vec<String>,
    label_places: Vec<Place>,
    panel: Option<Vec<PanelKey>>,
    indicators: Vec<usize>,
    values: Vec<f64>,
    marked: Vec<bool>,
    /// Per row: whether its label was written (else it was made of the panel key).
    written: Vec<bool>,
}

impl Parts {
    fn into_table(self, name: &str, text: String, fw: &Framework) -> Table {
        let mut t = Table {
            source: Source::text(name, text),
            transposed: false,
            labels: self.labels,
            panel: self.panel,
            indicators: self.indicators,
            values: self.values,
            label_places: self.label_places,
            // Nothing was wrong, so no value needs a place.
            places: Vec::new(),
            warnings: Vec::new(),
            unreadable: Vec::new(),
            header_ok: true,
        };
        t.warnings = fraction_warnings(fw, &t, &self.marked);
        t
    }

    /// Appends a later piece's rows.
    fn append(&mut self, later: Parts) {
        self.labels.extend(later.labels);
        self.label_places.extend(later.label_places);
        self.written.extend(later.written);
        if let (Some(panel), Some(more)) = (self.panel.as_mut(), later.panel) {
            panel.extend(more);
        }
        for (a, b) in self.marked.iter_mut().zip(later.marked) {
            *a |= b;
        }
    }
}

/// What every row is read against: the header's columns.
struct Layout {
    width: usize,
    label_col: Option<usize>,
    panel_cols: Option<(usize, usize)>,
    /// (column, indicator) of every value column.
    value_cols: Vec<(usize, usize)>,
}

fn read_plain(text: &str, fw: &Framework, pieces: usize) -> Option<Parts> {
    let mut rows = Rows::new(text, 0, text.len());
    let cell = |&(a, b): &(usize, usize)| &text[a..b];
    let header: Vec<Option<String>> = rows
        .next_row()?
        .iter()
        .map(|c| Some(cell(c).to_string()).filter(|s| !s.is_empty()))
        .collect();
    let matcher = Matcher::new(fw);
    // A header that names nothing may be the yearbook layout: the located reader decides.
    if !header.iter().flatten().any(|t| matcher.find(t).is_some()) {
        return None;
    }
    let (cols, issues) = header_roles(&header, &matcher, fw, |_| false);
    if !issues.is_empty() {
        return None;
    }
    let find = |want: Col| cols.iter().position(|c| *c == want);
    let layout = Layout {
        width: cols.len(),
        label_col: find(Col::Label),
        panel_cols: find(Col::Panel(PanelRole::Region)).zip(find(Col::Panel(PanelRole::Period))),
        value_cols: (cols.iter().enumerate())
            .filter_map(|(j, c)| match c {
                Col::Indicator(i) => Some((j, *i)),
                _ => None,
            })
            .collect(),
    };
    // The body in pieces that end at a line end, read side by side; a province's panel has
    // millions of cells.
    let body = rows.pos.min(text.len());
    let mut bounds = vec![body];
    for k in 1..pieces {
        let at = body + (text.len() - body) * k / pieces;
        let end = text.as_bytes()[at..].iter().position(|&b| b == b'\n');
        bounds.push(end.map_or(text.len(), |e| at + e + 1).max(*bounds.last()?));
    }
    bounds.push(text.len());
    // One block for every value, each piece writing its own rows' part: room for a row per
    // line (a blank line leaves a gap, closed up after).
    let lines = crate::par::map(pieces, |k| {
        let piece = &text.as_bytes()[bounds[k]..bounds[k + 1]];
        piece.iter().filter(|&&b| b == b'\n').count() + 1
    });
    let width = layout.value_cols.len();
    let mut values = vec![0.0; lines.iter().sum::<usize>() * width];
    let mut read: Vec<Option<Parts>> = (0..pieces).map(|_| None).collect();
    let parts = crate::par::split(&mut values, lines.iter().map(|l| l * width));
    let items: Vec<_> = (parts.into_iter().zip(read.iter_mut()).enumerate())
        .map(|(k, (out, slot))| (k, out, slot))
        .collect();
    crate::par::for_each(items, |(k, out, slot)| {
        *slot = read_piece(text, bounds[k]..bounds[k + 1], &layout, out);
    });
    let (mut filled, mut start) = (0, 0);
    for (piece, lines) in read.iter().zip(&lines) {
        let rows = piece.as_ref()?.labels.len() * width;
        values.copy_within(start..start + rows, filled);
        filled += rows;
        start += lines * width;
    }
    values.truncate(filled);
    let mut read = read.into_iter().flatten();
    let mut parts = read.next()?;
    for piece in read {
        parts.append(piece);
    }
    parts.values = values;
    // Written labels and panel keys must be unique across the whole file.
    let mut seen_labels: HashSet<&str> = HashSet::with_capacity(parts.labels.len());
    let mut written = parts.labels.iter().zip(&parts.written).filter(|(_, w)| **w);
    if !written.all(|(l, _)| seen_labels.insert(l)) {
        return None;
    }
    if let Some(panel) = &parts.panel {
        let mut seen_keys: HashSet<&PanelKey> = HashSet::with_capacity(panel.len());
        if !panel.iter().all(|k| seen_keys.insert(k)) {
            return None;
        }
    }
    let complete = !parts.labels.is_empty() && !parts.indicators.is_empty();
    complete.then_some(parts)
}

/// The rows of `text[span]`, their values into `out` (row after row), or None at the first
/// thing that is not plainly right.
fn read_piece(
    text: &str,
    span: std::ops::Range<usize>,
    layout: &Layout,
    out: &mut [f64],
) -> Option<Parts> {
    let mut rows = Rows::new(text, span.start, span.end);
    let cell = |&(a, b): &(usize, usize)| &text[a..b];
    let Layout {
        width,
        label_col,
        panel_cols,
        ref value_cols,
    } = *layout;
    let lines = out.len() / value_cols.len().max(1);
    let mut cells = out.iter_mut();
    let mut parts = Parts {
        labels: Vec::with_capacity(lines),
        label_places: Vec::with_capacity(lines),
        panel: panel_cols.map(|_| Vec::with_capacity(lines)),
        indicators: value_cols.iter().map(|&(_, i)| i).collect(),
        values: Vec::new(),
        marked: vec![false; value_cols.len()],
        written: Vec::with_capacity(lines),
    };
    while let Some(row) = rows.next_row() {
        // Data under no header: the located reader says where.
        if row.len() > width && row[width..].iter().any(|(a, b)| b > a) {
            return None;
        }
        let at = |j: usize| row.get(j).map_or("", cell);
        let key = match panel_cols {
            Some((rc, pc)) => {
                let region = at(rc);
                let period = period_of(at(pc))?;
                (!region.is_empty()).then_some(())?;
                Some(PanelKey {
                    region: region.to_string(),
                    period,
                })
            }
            None => None,
        };
        let written = label_col.map(at).filter(|l| !l.is_empty());
        let label = match (written, &key) {
            (Some(l), _) => l.to_string(),
            (None, Some(k)) => format!("{} {}", k.region, k.period),
            (None, None) => return None,
        };
        let place = match row.get(label_col.unwrap_or(0)) {
            Some(&(a, b)) => Place::Span(a..b),
            None => Place::Span(0..0),
        };
        for (n, &(j, _)) in value_cols.iter().enumerate() {
            let s = at(j);
            let slot = cells.next()?;
            if s.is_empty() {
                *slot = f64::NAN;
                continue;
            }
            // A plain decimal (nearly every cell) needs no trimming or text rules.
            let value = match parse_number(s) {
                Some(x) => x,
                None => {
                    let v = parse_text_number(s).ok()?;
                    parts.marked[n] |= v.percent;
                    v.value
                }
            };
            *slot = value;
        }
        parts.labels.push(label);
        parts.written.push(written.is_some());
        parts.label_places.push(place);
        if let (Some(panel), Some(k)) = (parts.panel.as_mut(), key) {
            panel.push(k);
        }
    }
    (!rows.quoted).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sheet::grid::Grid;
    use crate::model::sheet::table::build;
    use proptest::prelude::*;

    /// What the located reader makes of `text`, when it finds nothing wrong.
    fn located(text: &str, fw: &Framework) -> Option<Table> {
        let (t, problems, warnings) = build(Grid::from_csv("t.csv", text), fw);
        t.filter(|_| problems.is_empty()).map(|mut t| {
            t.warnings = warnings;
            t
        })
    }

    fn same(fast: &Table, slow: &Table) {
        assert_eq!(fast.labels, slow.labels);
        assert_eq!(fast.panel, slow.panel);
        assert_eq!(fast.indicators, slow.indicators);
        assert_eq!(fast.rows(), slow.rows());
        assert_eq!(fast.label_places, slow.label_places);
        assert_eq!(fast.warnings, slow.warnings);
        assert!(!slow.transposed);
    }

    #[test]
    fn a_plain_panel_reads_as_the_located_reader_reads_it() {
        let fw = Framework::default_framework();
        let (a, b) = (
            &fw.indicators[0].id,
            fw.indicators[1].name_zh.clone().unwrap_or_default(),
        );
        let text = format!(
            "地区,年份,{a},{b}（%）\r\n\r\n Hexi ,2019,1,\nHexi,２０２０,\"2\",3%\n,,,\nHexi,2021,1,234\n"
        );
        // Quotes send it to the located reader; without them the good path reads it.
        assert!(read("t.csv", text.clone(), &fw).is_err());
        let plain = text.replace('"', "");
        let fast = read("t.csv", plain.clone(), &fw).expect("good path");
        same(&fast, &located(&plain, &fw).expect("no problem"));
        assert_eq!(fast.labels, ["Hexi 2019", "Hexi 2020", "Hexi 2021"]);
        assert_eq!(fast.rows()[1], [Some(2.0), Some(3.0)]);
    }

    #[test]
    fn anything_wrong_goes_to_the_located_reader() {
        let fw = Framework::default_framework();
        let a = &fw.indicators[0].id;
        for text in [
            format!("label,{a}\n2019,abc\n"),
            format!("label,{a}\n2019,1\n2019,2\n"),
            format!("label,{a},{a}\n2019,1,2\n"),
            format!("label,{a}\n2019,1,5\n"),
            "label,nope\n2019,1\n".to_string(),
            format!("{a},label\n1,2019\n"),
            format!("label,{a}\n"),
            format!("label,{a}\n,1\n"),
        ] {
            assert!(read("t.csv", text.clone(), &fw).is_err(), "{text}");
        }
    }

    fn token(choices: &'static [&'static str]) -> impl Strategy<Value = String> {
        proptest::sample::select(choices).prop_map(str::to_string)
    }

    static FW: std::sync::LazyLock<Framework> =
        std::sync::LazyLock::new(Framework::default_framework);

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Whatever the good path accepts, the located reader reads the same way, without a
        /// problem.
        #[test]
        fn the_good_path_agrees_with_the_located_reader(
            lead in token(&["label", "年份", "地区,年份", "region,period,label", "x", "location_quotient"]),
            names in proptest::collection::vec(token(&[
                "location_quotient", "export_delivery_ratio", "出口交货值占工业总产值比重（%）",
                "", "x", "region",
            ]), 1..4),
            rows in proptest::collection::vec(proptest::collection::vec(token(&[
                "", "1", "2.5", "12%", "１２．５", "2019", "2020", "2021", "2022", "2023", "A",
                " 3 ", "0.5", "-1e3", "　7", "0.25", "4", "B", "abc", "1,234", "\"2\"", "\u{c}8",
            ]), 0..7), 0..5),
            longer in any::<bool>(),
            crlf in any::<bool>(),
        ) {
            let fw = &*FW;
            let header = std::iter::once(lead).chain(names).collect::<Vec<_>>();
            let width = header.join(",").split(',').count() + usize::from(longer);
            let rows: Vec<Vec<String>> =
                rows.into_iter().map(|r| r.into_iter().take(width).collect()).collect();
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut text = header.join(",");
            for r in &rows {
                text.push_str(eol);
                text.push_str(&r.join(","));
            }
            // Read in three pieces side by side, the rows are the same as read in one.
            let one = read_plain(&text, fw, 1).map(|p| p.into_table("t.csv", text.clone(), fw));
            let three = read_plain(&text, fw, 3).map(|p| p.into_table("t.csv", text.clone(), fw));
            prop_assert_eq!(one.is_some(), three.is_some(), "{:?}", text);
            if let (Some(one), Some(three)) = (&one, &three) {
                same(one, three);
            }
            if let Ok(fast) = read("t.csv", text.clone(), fw) {
                let slow = located(&text, fw);
                prop_assert!(slow.is_some(), "{text:?}");
                if let Some(slow) = slow {
                    same(&fast, &slow);
                }
            }
        }
    }
}
