//! Problems found in user input, and how they are shown.
//!
//! Every loader collects *all* the problems of a file before it gives up, so a user fixes a file
//! in one pass. A [`Problem`] carries its own copy of the offending line, which keeps rendering
//! free of file access and lets problems from several files be printed together, rustc-style:
//!
//! ```text
//! error: unknown indicator `overseas_warehouse`
//!   --> surveys/belt.toml:14:1
//!    |
//! 14 | overseas_warehouse = 14
//!    | ^^^^^^^^^^^^^^^^^^
//!    = help: did you mean `overseas_warehouses`?
//! ```
//!
//! The caret is placed by *display width*, so it sits under the right glyph in Chinese text.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use unicode_width::UnicodeWidthStr;

/// Where a problem is, as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A place in a text file: 1-based line and column (column counted in characters).
    Text {
        file: String,
        line: usize,
        column: usize,
        /// The whole source line, for the excerpt under the message.
        line_text: String,
        /// Display-width offset of the caret within `line_text`, and its width.
        caret: (usize, usize),
    },
    /// An observation's value, named by label and indicator id.
    Value {
        file: String,
        observation: String,
        indicator: String,
    },
    /// A cell of a workbook sheet: zero-based row and column, shown as `Sheet1!D7`.
    Cell {
        file: String,
        sheet: String,
        row: u32,
        col: u32,
    },
    /// A whole file (it cannot be read, or the problem has no narrower place).
    File { file: String },
    /// Not tied to a file (e.g. a command-line flag).
    Nowhere,
}

/// One thing wrong with the input, with a hint on how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    /// A problem with no location (command-line flags and the like).
    pub fn new(message: impl Into<String>) -> Self {
        Problem {
            location: Location::Nowhere,
            message: message.into(),
            help: None,
        }
    }

    /// A problem about a whole file.
    pub fn in_file(file: &str, message: impl Into<String>) -> Self {
        Problem {
            location: Location::File {
                file: file.to_string(),
            },
            message: message.into(),
            help: None,
        }
    }

    /// A problem with one observation's value of one indicator.
    pub fn at_value(
        file: &str,
        observation: &str,
        indicator: &str,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            location: Location::Value {
                file: file.to_string(),
                observation: observation.to_string(),
                indicator: indicator.to_string(),
            },
            message: message.into(),
            help: None,
        }
    }

    /// Adds the hint shown after `= help:`.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The file the problem is in, if any.
    pub fn file(&self) -> Option<&str> {
        match &self.location {
            Location::Text { file, .. }
            | Location::Value { file, .. }
            | Location::Cell { file, .. }
            | Location::File { file } => Some(file),
            Location::Nowhere => None,
        }
    }

    /// `file:line:column`, `file: observation ..., indicator ...`, or the file alone.
    pub fn place(&self) -> Option<String> {
        match &self.location {
            Location::Text {
                file, line, column, ..
            } => Some(format!("{file}:{line}:{column}")),
            Location::Value {
                file,
                observation,
                indicator,
            } => Some(format!(
                "{file}: observation `{observation}`, indicator `{indicator}`"
            )),
            Location::Cell {
                file,
                sheet,
                row,
                col,
            } => Some(format!("{file}:{}", cell_ref(sheet, *row, *col))),
            Location::File { file } => Some(file.clone()),
            Location::Nowhere => None,
        }
    }
}

/// `Sheet1!D7` for zero-based (6, 3); a sheet name with spaces or punctuation is quoted as
/// Excel does (`'My data'!A1`), so the place can be pasted into a formula.
pub fn cell_ref(sheet: &str, row: u32, col: u32) -> String {
    let plain = !sheet.is_empty()
        && sheet
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    let sheet = if plain {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    format!("{sheet}!{}{}", column_letters(col), row + 1)
}

/// Spreadsheet column letters for a zero-based index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let mut gutter = 1;
        if let Some(place) = self.place() {
            if let Location::Text { line, .. } = &self.location {
                gutter = line.to_string().len();
            }
            writeln!(f, "{:gutter$}--> {place}", "")?;
        }
        if let Location::Text {
            line,
            line_text,
            caret: (offset, width),
            ..
        } = &self.location
        {
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{line} | {line_text}")?;
            writeln!(
                f,
                "{:gutter$} | {:offset$}{}",
                "",
                "",
                "^".repeat((*width).max(1))
            )?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{:gutter$} = help: {help}", "")?;
        }
        Ok(())
    }
}

/// A text file being parsed: maps byte spans to lines and display columns.
#[derive(Debug, Clone)]
pub struct SourceText<'a> {
    pub name: &'a str,
    pub text: &'a str,
    line_starts: Cow<'a, [usize]>,
}

/// The byte offsets at which the lines of `text` start.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

impl<'a> SourceText<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        SourceText {
            name,
            text,
            line_starts: Cow::Owned(line_starts(text)),
        }
    }

    /// [`SourceText::new`] with the [`line_starts`] of `text` found before: a file with
    /// thousands of problems is then scanned once, not once per problem.
    pub fn with_line_starts(name: &'a str, text: &'a str, line_starts: &'a [usize]) -> Self {
        SourceText {
            name,
            text,
            line_starts: Cow::Borrowed(line_starts),
        }
    }

    /// A problem at a byte span of this file.
    pub fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            location: self.location(span),
            message: message.into(),
            help: None,
        }
    }

    /// The location of a byte span: the line and column of its start, and a caret under the
    /// part of the span that lies on that line.
    pub fn location(&self, span: Range<usize>) -> Location {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let line_idx = match self.line_starts.binary_search(&start) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_idx];
        let line_end = self
            .line_starts
            .get(line_idx + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        // A span may start on the line's CR (or past a CR-only line end): the caret then sits
        // just after the visible text instead of inverting the range.
        let visible_end = (line_start + line_text.len()).max(start);
        let end = floor_char_boundary(self.text, span.end.clamp(start, visible_end));
        let before = &self.text[line_start..start];
        let marked = &self.text[start..end];
        let (line_text, caret) = excerpt(
            line_text,
            before.len().min(line_text.len()),
            marked
                .len()
                .min(line_text.len().saturating_sub(before.len())),
        );
        Location::Text {
            file: self.name.to_string(),
            line: line_idx + 1,
            column: before.chars().count() + 1,
            line_text,
            caret,
        }
    }
}

/// How many display columns of a long line are shown on each side of the caret.
const EXCERPT_CONTEXT: usize = 60;

/// The bytes on each side of the caret that hold [`EXCERPT_CONTEXT`] columns: a character one
/// or two columns wide takes at most 4 bytes.
const EXCERPT_BYTES: usize = 4 * EXCERPT_CONTEXT;

/// The line as shown under a problem, with the caret's display offset and width. Tabs show as
/// one space. A line wider than the excerpt is cut to a window around the caret with `…` at the
/// cut ends, so a problem on a 70,000-column line prints a screenful, not the whole line. Only
/// that window is measured: a header of 30,000 bad cells costs each problem the window, not the
/// line.
fn excerpt(line: &str, caret_start: usize, caret_len: usize) -> (String, (usize, usize)) {
    let caret_start = floor_char_boundary(line, caret_start);
    let caret_end = floor_char_boundary(line, caret_start + caret_len);
    let shown = |t: &str| t.replace('\t', " ");
    if within_columns(line, 2 * EXCERPT_CONTEXT + 20) {
        let before = shown(&line[..caret_start]);
        let marked = shown(&line[caret_start..caret_end]);
        let after = shown(&line[caret_end..]);
        if before.width() + marked.width() + after.width() <= 2 * EXCERPT_CONTEXT + 20 {
            return (
                format!("{before}{marked}{after}"),
                (before.width(), marked.width()),
            );
        }
    }
    let from = floor_char_boundary(line, caret_start.saturating_sub(EXCERPT_BYTES));
    let marked_end = floor_char_boundary(line, caret_end.min(caret_start + EXCERPT_BYTES));
    let to = floor_char_boundary(line, (caret_end + EXCERPT_BYTES).min(line.len()));
    let before = shown(&line[from..caret_start]);
    let marked = shown(&line[caret_start..marked_end]);
    let after = shown(&line[caret_end..to]);
    let head = tail_within(&before, EXCERPT_CONTEXT);
    let shown_marked = head_within(&marked, EXCERPT_CONTEXT);
    let rest = head_within(&after, EXCERPT_CONTEXT);
    let cut_front = from > 0 || head.len() < before.len();
    let cut_back = to < line.len()
        || rest.len() < after.len()
        || marked_end < caret_end
        || shown_marked.len() < marked.len();
    let lead = if cut_front { "…" } else { "" };
    let text = format!(
        "{lead}{head}{shown_marked}{rest}{}",
        if cut_back { "…" } else { "" }
    );
    (text, (lead.width() + head.width(), shown_marked.width()))
}

/// Whether `line` (a tab shown as one space) is at most `cols` display columns wide; stops
/// counting once it is wider.
fn within_columns(line: &str, cols: usize) -> bool {
    let mut w = 0;
    line.chars().all(|c| {
        w += if c == '\t' {
            1
        } else {
            unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
        };
        w <= cols
    })
}

/// The longest prefix of `s` at most `cols` display columns wide.
fn head_within(s: &str, cols: usize) -> &str {
    let mut w = 0;
    for (i, c) in s.char_indices() {
        w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w > cols {
            return &s[..i];
        }
    }
    s
}

/// The longest suffix of `s` at most `cols` display columns wide.
fn tail_within(s: &str, cols: usize) -> &str {
    let mut w = 0;
    for (i, c) in s.char_indices().rev() {
        w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w > cols {
            return &s[i + c.len_utf8()..];
        }
    }
    s
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Problems in reading order: files in the order they first appear, within a file by line and
/// column; problems without a line keep their order after those with one.
pub fn sorted(problems: &[Problem]) -> Vec<&Problem> {
    let mut files: Vec<Option<&str>> = Vec::new();
    for p in problems {
        if !files.contains(&p.file()) {
            files.push(p.file());
        }
    }
    let mut out: Vec<&Problem> = problems.iter().collect();
    out.sort_by_key(|p| {
        let file = files.iter().position(|f| *f == p.file()).unwrap_or(0);
        match &p.location {
            Location::Text { line, column, .. } => (file, *line, *column),
            Location::Cell { row, col, .. } => (file, *row as usize, *col as usize),
            _ => (file, usize::MAX, 0),
        }
    });
    out
}

/// How many problems with the same message are shown in full before the rest are counted.
const SHOWN_PER_MESSAGE: usize = 20;

/// Renders problems in reading order, then a one-line count. After [`SHOWN_PER_MESSAGE`]
/// problems with one message the others are only counted (with the place of the first one
/// left out), so a header of 40,000 empty cells prints a page, not gigabytes.
pub fn render(problems: &[Problem]) -> String {
    let mut out = String::new();
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut hidden: Vec<(&Problem, usize)> = Vec::new();
    for p in sorted(problems) {
        let n = seen.entry(p.message.as_str()).or_insert(0);
        *n += 1;
        if *n <= SHOWN_PER_MESSAGE {
            out.push_str(&p.to_string());
            out.push('\n');
        } else if let Some(h) = hidden.iter_mut().find(|(q, _)| q.message == p.message) {
            h.1 += 1;
        } else {
            hidden.push((p, 1));
        }
    }
    for (p, count) in &hidden {
        let place = p
            .place()
            .map(|pl| format!(", the first at {pl}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "note: {count} more problem{} like \"{}\"{place}\n",
            if *count == 1 { "" } else { "s" },
            p.message
        ));
    }
    let n = problems.len();
    out.push_str(&format!(
        "{n} problem{} found\n",
        if n == 1 { "" } else { "s" }
    ));
    out
}

/// The closest candidate within a small edit distance, for "did you mean" hints.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let len = word.chars().count();
    let limit = (len / 3).clamp(2, 3);
    candidates
        .into_iter()
        // The distance is at least the difference in length: most candidates need no table.
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_on_a_crlf_or_cr_only_line_end_does_not_invert() {
        // "schema = 1\r" has no \n: a problem at the end (byte 11) starts past the visible
        // text (10 bytes), so the caret goes right after it.
        let src = SourceText::new("a.toml", "schema = 1\r");
        let Location::Text { caret, line, .. } = src.location(11..11) else {
            panic!("a text location")
        };
        assert_eq!((line, caret), (1, (10, 0)));
        let src = SourceText::new("a.toml", "schema = 1\r\ntitle = \"a\r\n");
        assert!(matches!(
            src.location(10..12),
            Location::Text { line: 1, .. }
        ));
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_caret() {
        let line = format!("a{}b", " ".repeat(1000));
        let src = SourceText::new("x.csv", &line);
        let Location::Text {
            line_text,
            caret,
            column,
            ..
        } = src.location(1001..1002)
        else {
            panic!("a text location")
        };
        assert_eq!(column, 1002);
        // `…` (width 1) then 60 spaces, then the caret on `b`.
        assert_eq!(caret, (61, 1));
        assert!(line_text.starts_with('…') && line_text.ends_with('b'));
    }

    #[test]
    fn many_problems_with_one_message_are_counted_after_twenty() {
        let problems: Vec<Problem> = (0..45).map(|_| Problem::new("empty header")).collect();
        let out = render(&problems);
        assert_eq!(out.matches("error: empty header").count(), 20);
        assert!(
            out.contains("note: 25 more problems like \"empty header\""),
            "{out}"
        );
        assert!(out.ends_with("45 problems found\n"));
    }

    #[test]
    fn caret_sits_under_chinese_text_by_display_width() {
        let text = "a = 1\nname = \"产业带\" # x\n";
        let src = SourceText::new("f.toml", text);
        let start = text.find("# x").unwrap();
        let p = src.problem(start..start + 3, "bad");
        let Location::Text {
            line,
            column,
            caret,
            ..
        } = &p.location
        else {
            panic!("expected a text location")
        };
        assert_eq!(*line, 2);
        // `name = "产业带" ` is 13 characters but 16 display cells.
        assert_eq!(*column, 14);
        assert_eq!(*caret, (16, 3));
        let shown = p.to_string();
        assert!(shown.contains("--> f.toml:2:14"), "{shown}");
        assert!(shown.contains("\n  |                 ^^^\n"), "{shown}");
    }

    #[test]
    fn crlf_lines_do_not_show_carriage_returns() {
        let text = "a = 1\r\nb = x\r\n";
        let src = SourceText::new("f.toml", text);
        let p = src.problem(11..12, "bad");
        assert!(!p.to_string().contains('\r'));
        assert_eq!(p.place().unwrap(), "f.toml:2:5");
    }

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["overseas_warehouses", "patents"];
        assert_eq!(
            did_you_mean("overseas_warehouse", ids),
            Some("overseas_warehouses")
        );
        assert_eq!(did_you_mean("zzz", ids), None);
    }

    #[test]
    fn cell_references_like_excel() {
        // zero-based (6, 3): row 7, column D; 26 → AA, 701 → ZZ (26 + 26·26 − 1).
        assert_eq!(cell_ref("Sheet1", 6, 3), "Sheet1!D7");
        assert_eq!(cell_ref("年鉴", 0, 26), "年鉴!AA1");
        assert_eq!(cell_ref("My data", 0, 701), "'My data'!ZZ1");
        let p = Problem {
            location: Location::Cell {
                file: "a.xlsx".into(),
                sheet: "Sheet1".into(),
                row: 6,
                col: 3,
            },
            message: "m".into(),
            help: None,
        };
        assert_eq!(p.place().as_deref(), Some("a.xlsx:Sheet1!D7"));
    }
}
