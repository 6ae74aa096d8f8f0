//! Reading a spanned TOML tree while collecting every problem.
//!
//! serde stops at the first type error; users fixing a survey want them all. So files are parsed
//! into `toml`'s spanned `DeTable` and read field by field here, each mistake becoming a
//! [`Problem`] at its exact span while reading goes on.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Problem, SourceText};

/// A spanned TOML value.
pub type Node<'i> = Spanned<DeValue<'i>>;

/// Parses a document; a syntax error is returned as problems (the parser recovers where it can).
pub fn parse<'i>(src: &SourceText<'i>) -> Result<Spanned<DeTable<'i>>, Vec<Problem>> {
    let (table, errors) = DeTable::parse_recoverable(src.text);
    if errors.is_empty() {
        return Ok(table);
    }
    Err(errors
        .iter()
        .map(|e| {
            let span = e.span().unwrap_or(0..0);
            let help = number_fix(src.text, span.start).unwrap_or_else(|| {
                "fix the TOML syntax at this place (quotes, `=`, brackets)".to_string()
            });
            src.problem(span, format!("TOML syntax: {}", first_line(e.message())))
                .help(help)
        })
        .collect())
}

/// The longest line [`number_fix`] reads.
const MAX_NUMBER_LINE: usize = 200;

/// When the line at `at` is `key = <a number as a spreadsheet shows it>` (`55。7`, `1,234`,
/// `１２．５`), what to write instead: `write `key = 55.7``.
fn number_fix(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    // A number as a spreadsheet shows it fits on a short line. A long line is not one, and a
    // broken one can give a syntax error every few characters: reading it whole for each was
    // quadratic (a 70,000-character line took 12 s).
    if end - start > MAX_NUMBER_LINE {
        return None;
    }
    let line = text.get(start..end)?;
    let (key, rhs) = line.split_once('=')?;
    let rhs = rhs.split_once('#').map_or(rhs, |(v, _)| v).trim();
    if rhs.is_empty() || rhs.starts_with(['"', '\'']) {
        return None;
    }
    let n = crate::model::sheet::number::parse_text_number(rhs).ok()?;
    let exact = crate::textfmt::format_number(n.value);
    Some(format!(
        "write `{} = {exact}`: TOML numbers use ASCII digits and `.`, without thousands separators",
        key.trim()
    ))
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// One table being read: remembers which keys were consumed so unknown keys can be reported.
pub struct TableReader<'a, 'i> {
    pub src: &'a SourceText<'a>,
    pub table: &'a DeTable<'i>,
    pub span: Range<usize>,
    what: &'a str,
    used: Vec<&'static str>,
}

impl<'a, 'i> TableReader<'a, 'i> {
    pub fn new(
        src: &'a SourceText<'a>,
        table: &'a DeTable<'i>,
        span: Range<usize>,
        what: &'a str,
    ) -> Self {
        TableReader {
            src,
            table,
            span,
            what,
            used: Vec::new(),
        }
    }

    /// The raw node of a key, marking it as known.
    pub fn node(&mut self, key: &'static str) -> Option<&'a Node<'i>> {
        self.used.push(key);
        self.table.get(key)
    }

    /// A required string.
    pub fn string(
        &mut self,
        key: &'static str,
        problems: &mut Vec<Problem>,
    ) -> Option<Spanned<String>> {
        match self.node(key) {
            None => {
                problems.push(
                    self.src
                        .problem(self.head(), format!("{} has no `{key}`", self.what))
                        .help(format!("add `{key} = \"...\"`")),
                );
                None
            }
            Some(n) => self.as_string(key, n, problems),
        }
    }

    /// An optional string.
    pub fn opt_string(
        &mut self,
        key: &'static str,
        problems: &mut Vec<Problem>,
    ) -> Option<Spanned<String>> {
        let n = self.node(key)?;
        self.as_string(key, n, problems)
    }

    fn as_string(
        &self,
        key: &str,
        n: &Node<'i>,
        problems: &mut Vec<Problem>,
    ) -> Option<Spanned<String>> {
        match n.get_ref().as_str() {
            Some(s) => Some(Spanned::new(n.span(), s.to_string())),
            None => {
                problems.push(
                    self.src
                        .problem(
                            n.span(),
                            format!("`{key}` must be a string, not {}", n.get_ref().type_str()),
                        )
                        .help(format!("write it in quotes: `{key} = \"...\"`")),
                );
                None
            }
        }
    }

    /// An optional number (integer or float), which must be finite.
    pub fn opt_number(
        &mut self,
        key: &'static str,
        problems: &mut Vec<Problem>,
    ) -> Option<Spanned<f64>> {
        let n = self.node(key)?;
        number(self.src, key, n, problems)
    }

    /// An optional array of strings.
    pub fn opt_strings(
        &mut self,
        key: &'static str,
        problems: &mut Vec<Problem>,
    ) -> Option<Spanned<Vec<Spanned<String>>>> {
        let n = self.node(key)?;
        let Some(items) = n.get_ref().as_array() else {
            problems.push(
                self.src
                    .problem(n.span(), format!("`{key}` must be an array of strings"))
                    .help(format!("write it as `{key} = [\"a\", \"b\"]`")),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(s) => out.push(Spanned::new(item.span(), s.to_string())),
                None => problems.push(
                    self.src
                        .problem(item.span(), format!("items of `{key}` must be strings"))
                        .help("put the id in quotes"),
                ),
            }
        }
        Some(Spanned::new(n.span(), out))
    }

    /// An optional array of numbers.
    pub fn opt_numbers(
        &mut self,
        key: &'static str,
        problems: &mut Vec<Problem>,
    ) -> Option<Spanned<Vec<f64>>> {
        let n = self.node(key)?;
        let Some(items) = n.get_ref().as_array() else {
            problems.push(
                self.src
                    .problem(n.span(), format!("`{key}` must be an array of numbers"))
                    .help(format!("write it as `{key} = [0.0, 100.0]`")),
            );
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for item in items.iter() {
            match number(self.src, key, item, problems) {
                Some(x) => out.push(x.into_inner()),
                None => ok = false,
            }
        }
        ok.then(|| Spanned::new(n.span(), out))
    }

    /// An array of tables (`[[key]]`), each as a reader.
    pub fn tables(
        &mut self,
        key: &'static str,
        what: &'a str,
        problems: &mut Vec<Problem>,
    ) -> Vec<TableReader<'a, 'i>> {
        let Some(n) = self.node(key) else {
            return Vec::new();
        };
        let Some(items) = n.get_ref().as_array() else {
            problems.push(
                self.src
                    .problem(n.span(), format!("`{key}` must be an array of tables"))
                    .help(format!("write each entry as a `[[{key}]]` section")),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(t) => out.push(TableReader::new(self.src, t, item.span(), what)),
                None => problems.push(
                    self.src
                        .problem(
                            item.span(),
                            format!("each entry of `{key}` must be a table"),
                        )
                        .help(format!("write each entry as a `[[{key}]]` section")),
                ),
            }
        }
        out
    }

    /// A sub-table (`[key]`), if present.
    pub fn table(
        &mut self,
        key: &'static str,
        what: &'a str,
        problems: &mut Vec<Problem>,
    ) -> Option<TableReader<'a, 'i>> {
        let n = self.node(key)?;
        match n.get_ref().as_table() {
            Some(t) => Some(TableReader::new(self.src, t, n.span(), what)),
            None => {
                problems.push(
                    self.src
                        .problem(n.span(), format!("`{key}` must be a table"))
                        .help(format!("write it as a `[{key}]` section")),
                );
                None
            }
        }
    }

    /// Reports keys that were never asked for: they are typos more often than not.
    pub fn finish(self, problems: &mut Vec<Problem>) {
        for (key, _) in self.table.iter() {
            if !self.used.contains(&key.get_ref().as_ref()) {
                let mut p = self.src.problem(
                    key.span(),
                    format!("unknown key `{}` in {}", key.get_ref(), self.what),
                );
                p = match crate::diag::did_you_mean(key.get_ref(), self.used.iter().copied()) {
                    Some(s) => p.help(format!("did you mean `{s}`?")),
                    None => p.help(format!("known keys here: {}", self.used.join(", "))),
                };
                problems.push(p);
            }
        }
    }

    /// The span used for problems about the table as a whole: its first line.
    pub fn head(&self) -> Range<usize> {
        let start = self.span.start;
        let end = self.src.text[start..]
            .find('\n')
            .map_or(self.span.end, |i| start + i)
            .min(self.span.end.max(start));
        start..end
    }
}

/// Reads a finite number from a TOML integer or float.
pub fn number(
    src: &SourceText<'_>,
    key: &str,
    n: &Node<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Spanned<f64>> {
    let v = n.get_ref();
    let parsed = if let Some(i) = v.as_integer() {
        i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
            .ok()
            .map(|x| x as f64)
    } else if let Some(f) = v.as_float() {
        f.as_str().replace('_', "").parse::<f64>().ok()
    } else {
        problems.push(
            src.problem(
                n.span(),
                format!("`{key}` must be a number, not {}", v.type_str()),
            )
            .help("write a plain decimal number without quotes, e.g. 12.5"),
        );
        return None;
    };
    match parsed {
        Some(x) if x.is_finite() => Some(Spanned::new(n.span(), x)),
        _ => {
            problems.push(
                src.problem(n.span(), format!("`{key}` must be a finite number"))
                    .help("inf and nan are not data: write the measured value, or leave the key out if it is missing"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_as_a_spreadsheet_shows_it_gets_its_toml_form() {
        let text = "[x]\nexports = 1,234.5\n";
        let at = text.find("1,").unwrap();
        assert_eq!(
            number_fix(text, at).as_deref(),
            Some(
                "write `exports = 1234.5`: TOML numbers use ASCII digits and `.`, without \
                 thousands separators"
            )
        );
    }

    #[test]
    fn a_long_line_is_not_read_for_a_number() {
        // A broken line of 70,000 characters gives a syntax error every few characters; each
        // read the whole line. Only lines of up to 200 bytes are read.
        let long = format!("weight = 1{}\n", "x".repeat(MAX_NUMBER_LINE));
        assert_eq!(number_fix(&long, 9), None);
        let short = "weight = １２．５\n";
        assert!(number_fix(short, 9).is_some());
    }
}
