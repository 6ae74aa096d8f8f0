//! The two output languages and the words every view shares: localized names, level and stage
//! names, list joining. Views take these from here so no view depends on the command line.

use clap::ValueEnum;

/// Output language of names and headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The text for this language: `lang.tr("Weights", "权重")`.
    pub fn tr<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// A localized name: the Chinese one when asked for and present.
    pub fn pick<'a>(self, en: &'a str, zh: Option<&'a str>) -> &'a str {
        pick(self, en, zh)
    }

    /// The name of coordination level 1..=10.
    pub fn level_name(self, level: u8) -> &'static str {
        match self {
            Lang::En => level_name(level),
            Lang::Zh => level_name_zh(level),
        }
    }

    /// The name of coupling stage 1..=4.
    pub fn stage_name(self, stage: u8) -> &'static str {
        let i = (stage.clamp(1, 4) - 1) as usize;
        match self {
            Lang::En => STAGE_NAMES[i],
            Lang::Zh => STAGE_NAMES_ZH[i],
        }
    }

    /// "A, B and C" / "A、B和C".
    pub fn list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => match self {
                Lang::En => format!("{} and {last}", init.join(", ")),
                Lang::Zh => format!("{}和{last}", init.join("、")),
            },
        }
    }
}

/// A localized name: the Chinese one when asked for and present.
pub fn pick<'a>(lang: Lang, en: &'a str, zh: Option<&'a str>) -> &'a str {
    match (lang, zh) {
        (Lang::Zh, Some(z)) if !z.is_empty() => z,
        _ => en,
    }
}

/// The ten coordination levels (level 1 = index 0).
pub const LEVEL_NAMES: [&str; 10] = [
    "extreme disorder",
    "serious disorder",
    "moderate disorder",
    "mild disorder",
    "on the verge of disorder",
    "barely coordinated",
    "primary coordination",
    "intermediate coordination",
    "good coordination",
    "high-quality coordination",
];

/// The Chinese names of the ten levels, as in the literature.
pub const LEVEL_NAMES_ZH: [&str; 10] = [
    "极度失调",
    "严重失调",
    "中度失调",
    "轻度失调",
    "濒临失调",
    "勉强协调",
    "初级协调",
    "中级协调",
    "良好协调",
    "优质协调",
];

/// The four stages of coupling (stage 1 = index 0), by rising coupling degree C.
pub const STAGE_NAMES: [&str; 4] = [
    "low-level coupling",
    "antagonism",
    "running-in",
    "high-level coupling",
];

/// The Chinese names of the four coupling stages, as in the literature.
pub const STAGE_NAMES_ZH: [&str; 4] = ["低水平耦合", "拮抗", "磨合", "高水平耦合"];

/// The English name of a level 1..=10.
///
/// ```
/// use beltscope::lang::level_name;
/// assert_eq!(level_name(10), "high-quality coordination");
/// ```
pub fn level_name(level: u8) -> &'static str {
    LEVEL_NAMES[(level.clamp(1, 10) - 1) as usize]
}

/// The Chinese name of a level 1..=10.
pub fn level_name_zh(level: u8) -> &'static str {
    LEVEL_NAMES_ZH[(level.clamp(1, 10) - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_per_language() {
        assert_eq!(Lang::Zh.tr("x", "中"), "中");
        assert_eq!(Lang::En.tr("x", "中"), "x");
        assert_eq!(pick(Lang::Zh, "a", Some("")), "a");
        assert_eq!(pick(Lang::Zh, "a", Some("甲")), "甲");
        assert_eq!(level_name(7), "primary coordination");
        assert_eq!(Lang::Zh.level_name(10), "优质协调");
        assert_eq!(Lang::Zh.stage_name(2), "拮抗");
        assert_eq!(Lang::En.stage_name(4), "high-level coupling");
    }

    #[test]
    fn lists_join_per_language() {
        let items: Vec<String> = ["a", "b", "c"].map(String::from).into();
        assert_eq!(Lang::En.list(&items), "a, b and c");
        assert_eq!(Lang::Zh.list(&items), "a、b和c");
        assert_eq!(Lang::En.list(&items[..1]), "a");
        assert_eq!(Lang::En.list(&[]), "");
    }
}
