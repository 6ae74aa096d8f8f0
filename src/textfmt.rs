//! Plain-text layout shared by every text view: tables aligned by display width (so Chinese
//! names line up), bars and sparklines, word wrapping.

use unicode_width::UnicodeWidthStr;

/// Appends `x` exactly as `format!("{x}")` writes it (the shortest digits that read back as
/// the same number, never an exponent), several times faster: a panel's CSV holds hundreds of
/// thousands of numbers.
///
/// The digits come from `zmij`, which agrees with `Display` except on an exact tie between two
/// shortest candidates. A tie needs the exact binary value to end one decimal place after
/// them, within 18 significant digits; x = M·2^E with M odd has the M·5^−E digits of
/// 5^26 > 10^18 or more when E ≤ −26, so only such numbers (nearly every score) take this
/// path. The rest, and whatever `zmij` writes with an exponent, are left to `Display`.
pub fn push_display(out: &mut String, x: f64) {
    let bits = x.to_bits();
    let (biased, fraction) = (((bits >> 52) & 0x7ff) as i32, bits & ((1 << 52) - 1));
    let (mantissa, exponent) = match biased {
        0 => (fraction, -1074),
        _ => (fraction | (1 << 52), biased - 1075),
    };
    let no_tie = mantissa != 0 && exponent + (mantissa.trailing_zeros() as i32) <= -26;
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format(x);
    if no_tie && biased != 0x7ff && !text.contains(['e', 'E']) {
        out.push_str(text.strip_suffix(".0").unwrap_or(text));
    } else {
        use std::fmt::Write;
        let _ = write!(out, "{x}");
    }
}

/// A number in a sentence: as `Display` writes it, except that a magnitude below 1e-6 or from
/// 1e16 on is written with an exponent (`1.7976931348623157e308`, not 309 digits).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readable(pub f64);

impl std::fmt::Display for Readable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        if x != 0.0 && x.is_finite() && !(1e-6..1e16).contains(&x.abs()) {
            write!(f, "{x:e}")
        } else {
            write!(f, "{x}")
        }
    }
}

/// Shortest text that reads back as exactly the same f64 (integers without `.0`): how values
/// are written to survey files and shown where the exact number matters.
pub fn format_number(x: f64) -> String {
    // -0.0 is written `-0.0`: an integer `-0` would read back as +0.
    if x.fract() == 0.0 && x.abs() < 1e15 && !(x == 0.0 && x.is_sign_negative()) {
        format!("{}", x as i64)
    } else {
        format!("{x:?}")
    }
}

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Pads `s` with spaces to `w` cells (left-aligned).
pub fn pad_right(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// Pads `s` with spaces to `w` cells (right-aligned).
pub fn pad_left(s: &str, w: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(width(s))).collect();
    out.push_str(s);
    out
}

/// Cuts `s` to at most `w` cells, ending in `…` when cut.
pub fn truncate(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(ch);
        used += cw;
    }
    out.push('…');
    out
}

/// Cut to `w` display columns in the middle, keeping the last word: a panel label
/// "Hexi home textiles 2020" stays "Hexi ho…2020", so rows of one belt stay apart by period.
pub fn truncate_middle(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let tail = s.rsplit(' ').next().unwrap_or("");
    let tw = width(tail);
    if tail.is_empty() || tw + 2 > w || tail.len() == s.len() {
        return truncate(s, w);
    }
    let head = truncate(&s[..s.len() - tail.len()], w - tw);
    format!("{head}{tail}")
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A simple text table: a header row, a rule, and rows, columns separated by two spaces.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub align: Vec<Align>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table whose first column is left-aligned and the others right-aligned (numbers).
    pub fn new(headers: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let headers: Vec<String> = headers.into_iter().map(Into::into).collect();
        let align = (0..headers.len())
            .map(|i| if i == 0 { Align::Left } else { Align::Right })
            .collect();
        Table {
            headers,
            align,
            rows: Vec::new(),
        }
    }

    /// Sets the alignment of column `i`.
    pub fn align(mut self, i: usize, a: Align) -> Self {
        if let Some(slot) = self.align.get_mut(i) {
            *slot = a;
        }
        self
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = impl Into<String>>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// Column widths in display cells.
    fn widths(&self) -> Vec<usize> {
        let mut w: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate() {
                if i < w.len() {
                    w[i] = w[i].max(width(c));
                }
            }
        }
        w
    }

    /// Renders with a dashed rule under the header; trailing spaces trimmed.
    pub fn render(&self) -> String {
        let w = self.widths();
        let line = |cells: &[String]| {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .map(
                    |(i, c)| match self.align.get(i).copied().unwrap_or(Align::Left) {
                        Align::Left => pad_right(c, w[i]),
                        Align::Right => pad_left(c, w[i]),
                    },
                )
                .collect();
            parts.join("  ").trim_end().to_string()
        };
        let mut out = line(&self.headers);
        out.push('\n');
        out.push_str(
            &w.iter()
                .map(|n| "-".repeat(*n))
                .collect::<Vec<_>>()
                .join("  "),
        );
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
            out.push('\n');
        }
        out
    }

    /// Renders as a Markdown table (pipes in cells escaped).
    pub fn render_markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = format!(
            "| {} |\n",
            self.headers
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        out.push_str(&format!(
            "|{}|\n",
            self.align
                .iter()
                .map(|a| match a {
                    Align::Left => " --- ",
                    Align::Right => " ---: ",
                })
                .collect::<Vec<_>>()
                .join("|")
        ));
        for r in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
            ));
        }
        out
    }
}

/// A horizontal bar of `value` in [0, 1] over `w` cells, with eighth-block resolution.
pub fn bar(value: f64, w: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = (value.clamp(0.0, 1.0) * (w * 8) as f64).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    out.push_str(PARTS[eighths % 8]);
    out
}

/// A one-line sparkline of values in [0, 1].
pub fn sparkline(values: &[f64]) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| TICKS[((v.clamp(0.0, 1.0) * 7.0).round()) as usize])
        .collect()
}

/// Closing punctuation that must not start a line, opening punctuation that must not end one
/// (the Chinese line-breaking rule, 避头尾), plus their ASCII cousins.
const NO_START: &str = "。，、；：？！）》」』】”’%,.;:?!)]}";
const NO_END: &str = "（《「『【“‘([{";

/// Wraps text to `w` display columns: at spaces in Latin text, between any two CJK characters,
/// but never before a closing or after an opening punctuation mark.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        // Tokens: runs of narrow non-space characters, single spaces, single wide characters;
        // then punctuation glued to its neighbour.
        let mut tokens: Vec<String> = Vec::new();
        let mut glue_next = false;
        for ch in para.chars() {
            let wide = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0) > 1;
            let prev_word = tokens
                .last()
                .and_then(|t| t.chars().last())
                .is_some_and(|c| {
                    c != ' ' && unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) <= 1
                });
            let attach = glue_next
                || (NO_START.contains(ch) && tokens.last().is_some_and(|t| t != " "))
                || (!wide && ch != ' ' && prev_word);
            if ch == ' ' {
                tokens.push(" ".into());
                glue_next = false;
                continue;
            }
            match tokens.last_mut() {
                Some(last) if attach && last != " " => last.push(ch),
                _ => tokens.push(ch.to_string()),
            }
            glue_next = NO_END.contains(ch);
        }
        let mut line = String::new();
        let mut line_w = 0;
        // Whether the line holds more than white space: kept, not recomputed per token, since
        // a line of 70,000 spaces would be scanned 70,000 times.
        let mut has_text = false;
        for t in tokens {
            let tw = width(&t);
            if line_w + tw > w && has_text {
                lines.push(line.trim_end().to_string());
                line = String::new();
                line_w = 0;
                has_text = false;
                if t == " " {
                    continue;
                }
            }
            has_text |= !t.trim().is_empty();
            line.push_str(&t);
            line_w += tw;
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// A number rounded for reading: 3 decimals.
pub fn num3(x: f64) -> String {
    format!("{x:.3}")
}

/// A fraction as a percent with 1 decimal.
pub fn pct1(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Days since 1970-01-01 → YYYY-MM-DD (proleptic Gregorian; Howard Hinnant's algorithm).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_middle_cut_keeps_the_period() {
        // 12 columns: "Hexi ho" (7) + "…" (1) + "2020" (4).
        assert_eq!(
            truncate_middle("Hexi home textiles 2020", 12),
            "Hexi ho…2020"
        );
        assert_eq!(truncate_middle("2020", 12), "2020");
        assert_eq!(truncate_middle("Longlabelwithoutspace", 8), "Longlab…");
    }

    use super::*;

    #[test]
    fn tables_align_chinese_by_display_width() {
        let mut t = Table::new(["维度", "score"]);
        t.row(["物流平台", "0.5"]);
        t.row(["legal", "0.25"]);
        let r = t.render();
        let lines: Vec<&str> = r.lines().collect();
        assert_eq!(lines[0], "维度      score");
        assert_eq!(lines[2], "物流平台    0.5");
        assert_eq!(lines[3], "legal      0.25");
    }

    #[test]
    fn a_run_of_spaces_wraps_in_one_pass() {
        // A fuzzed label: a word, 70,000 spaces, a word. The spaces that end the first line are
        // dropped; the rest stay before the last word, as any run of spaces at a line's start.
        let label = format!("Hanjia{}ng", " ".repeat(70_000));
        let lines = wrap(&label, 20);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "Hanjia");
        assert_eq!(lines[1], format!("{}ng", " ".repeat(69_985)));
    }

    #[test]
    fn wrap_breaks_at_spaces_and_between_wide_chars() {
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("物流平台物流", 8), ["物流平台", "物流"]);
    }

    #[test]
    fn wrap_keeps_chinese_punctuation_off_line_starts() {
        let lines = wrap("一二三四。五六", 8);
        assert_eq!(lines, ["一二三", "四。五六"]);
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("x（y）", 3), ["x", "（y）"]);
        assert!(wrap("物流平台物流", 8).iter().all(|l| width(l) <= 8));
    }

    #[test]
    fn bars_and_sparklines() {
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.5, 4), "██");
        assert_eq!(bar(0.0, 4), "");
        assert_eq!(sparkline(&[0.0, 1.0]), "▁█");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// Any f64 at all, and the scores' own range, are written as `Display` writes them.
        #[test]
        fn push_display_writes_what_display_writes(
            bits in proptest::prelude::any::<u64>(),
            unit in 0.0f64..1.0,
            odd in 0u64..(1 << 53),
            power in 0i32..70,
        ) {
            // odd / 2^power: dyadic numbers, where exact ties between shortest digits live.
            let dyadic = (odd | 1) as f64 * 2f64.powi(-power);
            for x in [f64::from_bits(bits), unit, -unit, unit * 1e-4, unit * 1e17, dyadic, dyadic * 1e-9] {
                let mut out = String::new();
                push_display(&mut out, x);
                proptest::prop_assert_eq!(out, format!("{x}"));
            }
        }
    }

    #[test]
    fn readable_numbers_keep_display_and_use_an_exponent_only_at_the_extremes() {
        assert_eq!(Readable(12.5).to_string(), "12.5");
        assert_eq!(Readable(0.0).to_string(), "0");
        assert_eq!(Readable(1e15).to_string(), "1000000000000000");
        assert_eq!(
            Readable(-1.7976931348623157e308).to_string(),
            "-1.7976931348623157e308"
        );
        assert_eq!(Readable(2.5e-7).to_string(), "2.5e-7");
    }

    #[test]
    fn push_display_writes_integers_zeros_and_specials_as_display_does() {
        // 593303994213044.25 lies halfway between …044.2 and …044.3; 0.5 + 2^−17 between two
        // 16-digit candidates.
        for x in [
            0.0,
            -0.0,
            1.0,
            -3.0,
            2019.0,
            0.1,
            1e-5,
            1e-6,
            1e15,
            1e16,
            1e300,
            5e-324,
            593_303_994_213_044.0 + 0.25,
            0.5 + 2f64.powi(-17),
            f64::NAN,
            f64::INFINITY,
        ] {
            let mut out = String::new();
            push_display(&mut out, x);
            assert_eq!(out, format!("{x}"), "{x:?}");
        }
    }
}
