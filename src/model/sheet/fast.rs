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

/// The lines of `text` that hold something, as cell spans. Blank lines and lines of empty
/// cells are skipped, as the located reader does. A quote anywhere stops the reading: quoted
/// cells are the located reader's.
struct Rows<'a> {
    text: &'a str,
    pos: usize,
    cells: Vec<(usize, usize)>,
    quoted: bool,
}

impl Rows<'_> {
    fn next_row(&mut self) -> Option<&[(usize, usize)]> {
        let bytes = self.text.as_bytes();
        while self.pos <= bytes.len() {
            self.cells.clear();
            let mut start = self.pos;
            let mut p = self.pos;
            let mut any = false;
            loop {
                let b = bytes.get(p).copied();
                match b {
                    Some(b'"') => {
                        self.quoted = true;
                        return None;
                    }
                    Some(b',') | Some(b'\n') | None => {
                        let cell = trimmed(self.text, start, p);
                        any |= cell.1 > cell.0;
                        self.cells.push(cell);
                        start = p + 1;
                        if b != Some(b',') {
                            break;
                        }
                    }
                    Some(_) => {}
                }
                p += 1;
            }
            self.pos = p + 1;
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
    match read_plain(&text, fw) {
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
}

fn read_plain(text: &str, fw: &Framework) -> Option<Parts> {
    let mut rows = Rows {
        text,
        pos: 0,
        cells: Vec::new(),
        quoted: false,
    };
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
    let label_col = find(Col::Label);
    let panel_cols = find(Col::Panel(PanelRole::Region)).zip(find(Col::Panel(PanelRole::Period)));
    let value_cols: Vec<(usize, usize)> = (cols.iter().enumerate())
        .filter_map(|(j, c)| match c {
            Col::Indicator(i) => Some((j, *i)),
            _ => None,
        })
        .collect();
    // Room for every line at once: growing a block of millions of values copies it over and
    // over.
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut parts = Parts {
        labels: Vec::with_capacity(lines),
        label_places: Vec::with_capacity(lines),
        panel: panel_cols.map(|_| Vec::new()),
        indicators: value_cols.iter().map(|&(_, i)| i).collect(),
        values: Vec::with_capacity(lines * value_cols.len()),
        marked: vec![false; value_cols.len()],
    };
    let mut seen_labels: HashSet<&str> = HashSet::new();
    let mut seen_keys: HashSet<PanelKey> = HashSet::new();
    while let Some(row) = rows.next_row() {
        // Data under no header: the located reader says where.
        if row.len() > cols.len() && row[cols.len()..].iter().any(|(a, b)| b > a) {
            return None;
        }
        let at = |j: usize| row.get(j).map_or("", cell);
        let key = match panel_cols {
            Some((rc, pc)) => {
                let region = at(rc);
                let period = period_of(at(pc))?;
                (!region.is_empty()).then_some(())?;
                let key = PanelKey {
                    region: region.to_string(),
                    period,
                };
                seen_keys.insert(key.clone()).then_some(())?;
                Some(key)
            }
            None => None,
        };
        let written = label_col.map(at).filter(|l| !l.is_empty());
        let label = match (written, &key) {
            (Some(l), _) => {
                seen_labels.insert(l).then_some(())?;
                l.to_string()
            }
            (None, Some(k)) => format!("{} {}", k.region, k.period),
            (None, None) => return None,
        };
        let place = match row.get(label_col.unwrap_or(0)) {
            Some(&(a, b)) => Place::Span(a..b),
            None => Place::Span(0..0),
        };
        for (n, &(j, _)) in value_cols.iter().enumerate() {
            let s = at(j);
            if s.is_empty() {
                parts.values.push(f64::NAN);
                continue;
            }
            let v = parse_text_number(s).ok()?;
            parts.marked[n] |= v.percent;
            parts.values.push(v.value);
        }
        parts.labels.push(label);
        parts.label_places.push(place);
        if let (Some(panel), Some(k)) = (parts.panel.as_mut(), key) {
            panel.push(k);
        }
    }
    let complete = !rows.quoted && !parts.labels.is_empty() && !parts.indicators.is_empty();
    complete.then_some(parts)
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
