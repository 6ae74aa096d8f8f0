//! A tiny document builder with three back ends, so every report section is written once and
//! comes out as plain text (wrapped at [`WIDTH`] display columns, aligned by display width so
//! Chinese lines up), as Markdown that renders well on a code host, or as structured [`Block`]s
//! that `report::docx` turns into a Word document.

use crate::report::ReportFormat;
use crate::textfmt::{Align, Table, pad_left, pad_right, truncate, width, wrap};

/// The text format's line width in display columns.
pub const WIDTH: usize = 100;

/// One structural element of a report, as the Word back end needs it: text is unwrapped and
/// unescaped, tables keep their cells, charts are referenced by file name.
#[derive(Debug, Clone)]
pub enum Block {
    Title(String),
    /// A heading; level 1 is a numbered section, level 2 a subsection.
    Heading(u8, String),
    Para(String),
    Bullets(Vec<String>),
    /// Key–value lines; keys carry their colon.
    Fields(Vec<(String, String)>),
    /// Preformatted lines (text charts).
    Pre(String),
    Table(Table),
    /// One row per item, one column per observation (split into chunks that fit a page).
    Wide {
        corner: String,
        rows: Vec<(String, Vec<String>)>,
        cols: Vec<String>,
    },
    /// A chart (its file name in `svg::charts`) with a caption.
    Figure {
        file: String,
        caption: String,
    },
}

/// A document being written in one format.
pub struct Doc {
    pub format: ReportFormat,
    /// Text wrap width in display columns ([`WIDTH`] unless a narrower screen asks).
    pub width: usize,
    out: String,
    /// The structure, recorded only for [`ReportFormat::Docx`] (text goes to `out` as well).
    blocks: Vec<Block>,
}

impl Doc {
    pub fn new(format: ReportFormat) -> Self {
        Doc {
            format,
            width: WIDTH,
            out: String::new(),
            blocks: Vec::new(),
        }
    }

    /// The recorded structure (empty unless the format is [`ReportFormat::Docx`]).
    pub fn into_blocks(self) -> Vec<Block> {
        self.blocks
    }

    fn record(&mut self, b: impl FnOnce() -> Block) {
        if self.format == ReportFormat::Docx {
            self.blocks.push(b());
        }
    }

    /// A chart with its caption: a block for Word; nothing in text and Markdown, which link
    /// chart files themselves.
    pub fn figure(&mut self, file: &str, caption: &str) {
        self.record(|| Block::Figure {
            file: file.to_string(),
            caption: caption.to_string(),
        });
    }

    pub fn finish(mut self) -> String {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }

    fn md(&self) -> bool {
        self.format == ReportFormat::Markdown
    }

    /// User-supplied text (names, labels, titles) made safe for Markdown; unchanged in text.
    pub fn u(&self, s: &str) -> String {
        if !self.md() {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        for ch in s.chars() {
            if matches!(ch, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|') {
                out.push('\\');
            }
            out.push(ch);
        }
        out
    }

    /// Code-like text (ids, flags): backticks in Markdown, bare in text.
    pub fn code(&self, s: &str) -> String {
        if self.md() {
            format!("`{s}`")
        } else {
            s.to_string()
        }
    }

    /// Emphasised text: bold in Markdown, bare in text.
    pub fn strong(&self, s: &str) -> String {
        if self.md() {
            format!("**{s}**")
        } else {
            s.to_string()
        }
    }

    /// The document title.
    pub fn title(&mut self, s: &str) {
        self.record(|| Block::Title(s.to_string()));
        if self.md() {
            self.out.push_str(&format!("# {s}\n\n"));
        } else {
            let lines = wrap(s, self.width);
            let w = lines.iter().map(|l| width(l)).max().unwrap_or(0);
            for l in lines {
                self.out.push_str(&l);
                self.out.push('\n');
            }
            self.out.push_str(&"=".repeat(w.min(self.width)));
            self.out.push_str("\n\n");
        }
    }

    /// A section heading.
    pub fn h2(&mut self, s: &str) {
        self.record(|| Block::Heading(1, s.to_string()));
        if self.md() {
            self.out.push_str(&format!("## {s}\n\n"));
        } else {
            self.out.push('\n');
            self.out.push_str(s);
            self.out.push('\n');
            self.out.push_str(&"-".repeat(width(s).min(self.width)));
            self.out.push_str("\n\n");
        }
    }

    /// A subsection heading.
    pub fn h3(&mut self, s: &str) {
        self.record(|| Block::Heading(2, s.to_string()));
        if self.md() {
            self.out.push_str(&format!("### {s}\n\n"));
        } else {
            self.out.push_str(&format!("{s}\n\n"));
        }
    }

    /// A paragraph, wrapped in text.
    pub fn para(&mut self, s: &str) {
        self.record(|| Block::Para(s.to_string()));
        if self.md() {
            self.out.push_str(s);
        } else {
            self.out.push_str(&wrap(s, self.width).join("\n"));
        }
        self.out.push_str("\n\n");
    }

    /// A bulleted list; each item wraps with a hanging indent in text.
    pub fn bullets(&mut self, items: &[String]) {
        self.record(|| Block::Bullets(items.to_vec()));
        for item in items {
            self.hanging("- ", item);
        }
        self.out.push('\n');
    }

    fn hanging(&mut self, marker: &str, item: &str) {
        if self.md() {
            self.out.push_str(&format!("{marker}{item}\n"));
            return;
        }
        let indent = width(marker);
        for (k, line) in wrap(item, self.width - indent).iter().enumerate() {
            if k == 0 {
                self.out.push_str(marker);
            } else {
                self.out.push_str(&" ".repeat(indent));
            }
            self.out.push_str(line);
            self.out.push('\n');
        }
    }

    /// Key–value lines (the title block; keys carry their colon): a list in Markdown, aligned
    /// keys in text.
    pub fn fields(&mut self, rows: &[(String, String)]) {
        self.record(|| Block::Fields(rows.to_vec()));
        if self.md() {
            for (k, v) in rows {
                self.out.push_str(&format!("- **{k}** {v}\n"));
            }
        } else {
            let kw = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 2;
            for (k, v) in rows {
                for (n, line) in wrap(v, self.width - kw).iter().enumerate() {
                    let key = if n == 0 { k.clone() } else { String::new() };
                    self.out.push_str(&pad_right(&key, kw));
                    self.out.push_str(line);
                    self.out.push('\n');
                }
            }
        }
        self.out.push('\n');
    }

    /// Preformatted lines (text charts): a fenced block in Markdown.
    pub fn pre(&mut self, s: &str) {
        self.record(|| Block::Pre(s.to_string()));
        if self.md() {
            self.out.push_str("```text\n");
            self.out.push_str(s.trim_end_matches('\n'));
            self.out.push_str("\n```\n\n");
        } else {
            self.out.push_str(s.trim_end_matches('\n'));
            self.out.push_str("\n\n");
        }
    }

    /// Raw Markdown (images, notes); skipped in text.
    pub fn md_only(&mut self, s: &str) {
        if self.md() {
            self.out.push_str(s);
            self.out.push_str("\n\n");
        }
    }

    /// A table: Markdown, or text squeezed to [`WIDTH`] by truncating its widest left-aligned
    /// column (names; the numbers are never cut).
    pub fn table(&mut self, t: &Table) {
        self.record(|| Block::Table(t.clone()));
        if self.md() {
            self.out.push_str(&t.render_markdown());
        } else {
            self.out.push_str(&fit(t.clone(), self.width).render());
        }
        self.out.push('\n');
    }

    /// A table with one row per item and one column per observation. Markdown gets it whole;
    /// text splits the observation columns into chunks that fit [`WIDTH`], with column labels
    /// wrapped over several header lines (region names are long).
    pub fn wide_table(&mut self, corner: &str, rows: &[(String, Vec<String>)], cols: &[String]) {
        self.record(|| Block::Wide {
            corner: corner.to_string(),
            rows: rows.to_vec(),
            cols: cols.to_vec(),
        });
        if self.md() {
            let mut headers = vec![corner.to_string()];
            headers.extend(cols.iter().cloned());
            let mut t = Table::new(headers);
            for (name, cells) in rows {
                let mut r = vec![name.clone()];
                r.extend(cells.iter().cloned());
                t.row(r);
            }
            self.table(&t);
            return;
        }
        let name_w = rows
            .iter()
            .map(|(n, _)| width(n))
            .chain([width(corner)])
            .max()
            .unwrap_or(0)
            .min(40);
        let budget = self.width - name_w;
        // Each column: its header lines and width.
        let heads: Vec<(Vec<String>, usize)> = cols
            .iter()
            .enumerate()
            .map(|(c, label)| {
                let cell_w = rows
                    .iter()
                    .map(|(_, cells)| cells.get(c).map_or(0, |s| width(s)))
                    .max()
                    .unwrap_or(0);
                let target = cell_w.max(12).min(budget - 2);
                let lines: Vec<String> = wrap(label, target)
                    .into_iter()
                    .map(|l| truncate(&l, budget - 2))
                    .collect();
                let w = lines
                    .iter()
                    .map(|l| width(l))
                    .max()
                    .unwrap_or(0)
                    .max(cell_w);
                (lines, w)
            })
            .collect();
        // Greedy chunks first, to know how many are needed; then the same number of chunks of
        // nearly equal size (no orphan column at the end), when those fit.
        let greedy = |from: usize| {
            let mut end = from;
            let mut used = name_w;
            while end < cols.len() && (end == from || used + 2 + heads[end].1 <= self.width) {
                used += 2 + heads[end].1;
                end += 1;
            }
            end
        };
        let mut chunks = 0;
        let mut at = 0;
        while at < cols.len() {
            at = greedy(at);
            chunks += 1;
        }
        let per = cols.len().div_ceil(chunks.max(1));
        let balanced_fits = (0..cols.len()).step_by(per.max(1)).all(|from| {
            let to = (from + per).min(cols.len());
            name_w + heads[from..to].iter().map(|(_, w)| w + 2).sum::<usize>() <= self.width
        });
        let mut start = 0;
        while start < cols.len() {
            let end = if balanced_fits {
                (start + per).min(cols.len())
            } else {
                greedy(start)
            };
            let chunk = &heads[start..end];
            let depth = chunk.iter().map(|(l, _)| l.len()).max().unwrap_or(1);
            let mut out = String::new();
            for line in 0..depth {
                let first = if line + 1 == depth { corner } else { "" };
                let mut s = pad_right(&truncate(first, name_w), name_w);
                for (lines, w) in chunk {
                    // Labels sit at the bottom of their header block, right-aligned like numbers.
                    let k = (line + lines.len()).checked_sub(depth);
                    let text = k.and_then(|k| lines.get(k)).map_or("", |s| s.as_str());
                    s.push_str("  ");
                    s.push_str(&pad_left(text, *w));
                }
                out.push_str(s.trim_end());
                out.push('\n');
            }
            let mut rule = "-".repeat(name_w);
            for (_, w) in chunk {
                rule.push_str("  ");
                rule.push_str(&"-".repeat(*w));
            }
            out.push_str(&rule);
            out.push('\n');
            for (name, cells) in rows {
                let mut s = pad_right(&truncate(name, name_w), name_w);
                for (c, (_, w)) in (start..end).zip(chunk) {
                    s.push_str("  ");
                    s.push_str(&pad_left(cells.get(c).map_or("", |x| x.as_str()), *w));
                }
                out.push_str(s.trim_end());
                out.push('\n');
            }
            self.out.push_str(&out);
            self.out.push('\n');
            start = end;
        }
    }
}

/// Squeezes a table into `max` columns: the widest left-aligned column (names; numbers are
/// never touched) is wrapped onto continuation rows, indented under their first line.
pub fn fit(mut t: Table, max: usize) -> Table {
    loop {
        let ncols = t.headers.len();
        let mut w: Vec<usize> = t.headers.iter().map(|h| width(h)).collect();
        for r in &t.rows {
            for (i, c) in r.iter().enumerate().take(ncols) {
                w[i] = w[i].max(width(c));
            }
        }
        let total: usize = w.iter().sum::<usize>() + 2 * ncols.saturating_sub(1);
        if total <= max {
            return t;
        }
        let Some(col) = (0..ncols)
            .filter(|&i| t.align.get(i) == Some(&Align::Left) && w[i] > 12)
            .max_by_key(|&i| (w[i], std::cmp::Reverse(i)))
        else {
            return t;
        };
        let target = w[col].saturating_sub(total - max).max(12);
        t.headers[col] = truncate(&t.headers[col], target);
        let mut rows = Vec::with_capacity(t.rows.len());
        for r in std::mem::take(&mut t.rows) {
            let cell = r.get(col).cloned().unwrap_or_default();
            if width(&cell) <= target {
                rows.push(r);
                continue;
            }
            let body = cell.trim_start();
            let indent = cell.len() - body.len();
            let lines = wrap(body, target.saturating_sub(indent + 2).max(4));
            for (k, line) in lines.iter().enumerate() {
                let pad = if k == 0 { indent } else { indent + 2 };
                let text = truncate(&format!("{}{line}", " ".repeat(pad)), target);
                if k == 0 {
                    let mut first = r.clone();
                    first[col] = text;
                    rows.push(first);
                } else {
                    let mut more = vec![String::new(); r.len()];
                    more[col] = text;
                    rows.push(more);
                }
            }
        }
        t.rows = rows;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_wraps_names_not_numbers() {
        let mut t = Table::new(["name", "value"]);
        t.row(["  a very long name indeed", "0.123"]);
        let r = fit(t, 21).render();
        assert!(r.lines().all(|l| width(l) <= 21), "{r}");
        assert!(r.contains("  a very       0.123"), "{r}");
        assert!(r.contains("\n    long name\n    indeed\n"), "{r}");
    }

    #[test]
    fn wide_tables_split_into_chunks_that_fit() {
        let cols: Vec<String> = (0..20).map(|k| format!("Region number {k}")).collect();
        let rows = vec![("x".to_string(), vec!["1.000".to_string(); 20])];
        let mut d = Doc::new(ReportFormat::Text);
        d.wide_table("indicator", &rows, &cols);
        let s = d.finish();
        assert!(s.lines().all(|l| width(l) <= WIDTH), "{s}");
        assert!(s.contains("19"));
    }
}
