//! Names as the views print them: a framework's circles, dimensions and indicators and the
//! coordination levels in the reader's language. The report, its charts and the TUI all read
//! them here, so a name is shortened and localized the same way on every screen and page.

use crate::engine::{level_name, level_name_zh};
use crate::lang::{Lang, pick};
use crate::model::Framework;

/// A framework's names in one language.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    pub fw: &'a Framework,
    pub lang: Lang,
}

impl<'a> Names<'a> {
    /// The English or the Chinese of a fixed text.
    pub fn l(&self, en: &'static str, zh: &'static str) -> &'static str {
        match self.lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
    pub fn circle(&self, c: usize) -> &'a str {
        let x = &self.fw.circles[c];
        pick(self.lang, &x.name, x.name_zh.as_deref())
    }
    pub fn circle_short(&self, c: usize) -> &'a str {
        short(self.circle(c))
    }
    pub fn dim(&self, d: usize) -> &'a str {
        let x = &self.fw.dimensions[d];
        pick(self.lang, &x.name, x.name_zh.as_deref())
    }
    pub fn dim_short(&self, d: usize) -> &'a str {
        short(self.dim(d))
    }
    pub fn ind(&self, j: usize) -> &'a str {
        let x = &self.fw.indicators[j];
        pick(self.lang, &x.name, x.name_zh.as_deref())
    }
}

/// A coordination level's name (1–10) in `lang`.
pub fn level_text(lang: Lang, level: u8) -> &'static str {
    match lang {
        Lang::En => level_name(level),
        Lang::Zh => level_name_zh(level),
    }
}

/// A name without its parenthesised explanation, for tables: "Logistics platform (road/air/sea,
/// ...)" → "Logistics platform"; "次核心圈（辅助圈）" → "次核心圈".
pub fn short(name: &str) -> &str {
    let cut = [" (", "（", "("]
        .iter()
        .filter_map(|p| name.find(p))
        .min()
        .unwrap_or(name.len());
    let s = name[..cut].trim();
    if s.is_empty() { name } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_drops_the_explanation() {
        assert_eq!(
            short("Logistics platform (road/air/sea, ...)"),
            "Logistics platform"
        );
        assert_eq!(short("次核心圈（辅助圈）"), "次核心圈");
        assert_eq!(short("(only brackets)"), "(only brackets)");
        assert_eq!(short("plain"), "plain");
    }
}
