//! Header cells to indicators: by id, `name` or `name_zh`, ignoring case, spacing, full-width
//! forms and a trailing unit in parentheses — the ways yearbooks and officers write them.

use std::collections::HashMap;

use crate::diag::did_you_mean;
use crate::model::framework::Framework;

use super::number::normalize;

/// The text without its trailing unit: the last balanced `(...)` or `（...）` group at the end,
/// which may itself hold parentheses (`Rating (score (1-5))` → `Rating`). Text that is only a
/// group, or has unbalanced parentheses, is kept whole.
pub fn strip_unit(text: &str) -> &str {
    let t = text.trim();
    if !(t.ends_with(')') || t.ends_with('）')) {
        return t;
    }
    let mut depth = 0usize;
    for (i, c) in t.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => {
                depth = match depth.checked_sub(1) {
                    Some(d) => d,
                    None => return t,
                };
                if depth == 0 {
                    let head = t[..i].trim_end();
                    return if head.is_empty() { t } else { head };
                }
            }
            _ => {}
        }
    }
    t
}

/// What is compared: full-width folded to ASCII, lower case, runs of spaces as one.
fn key(text: &str) -> String {
    normalize(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A panel column's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelRole {
    Region,
    Period,
}

/// `region`/`地区` or `period`/`年份`.
pub fn panel_role(text: &str) -> Option<PanelRole> {
    match key(strip_unit(text)).as_str() {
        "region" | "地区" => Some(PanelRole::Region),
        "period" | "年份" => Some(PanelRole::Period),
        _ => None,
    }
}

/// Finds indicators named in header cells.
pub struct Matcher {
    keys: HashMap<String, usize>,
    /// Each id and name with its key, computed once: a header of thousands of unknown cells
    /// asks for a suggestion for each.
    names: Vec<(String, String)>,
}

impl Matcher {
    pub fn new(fw: &Framework) -> Matcher {
        let mut keys = HashMap::new();
        let mut names = Vec::new();
        for (i, ind) in fw.indicators.iter().enumerate() {
            for name in [Some(&ind.id), Some(&ind.name), ind.name_zh.as_ref()]
                .into_iter()
                .flatten()
            {
                keys.entry(key(name)).or_insert(i);
                keys.entry(key(strip_unit(name))).or_insert(i);
                names.push((key(name), name.clone()));
            }
        }
        Matcher { keys, names }
    }

    /// The indicator a header cell names: the whole text first (a name may end in
    /// parentheses), then without its unit.
    pub fn find(&self, text: &str) -> Option<usize> {
        if text.trim().is_empty() {
            return None;
        }
        self.keys
            .get(&key(text))
            .or_else(|| self.keys.get(&key(strip_unit(text))))
            .copied()
    }

    /// The closest id or name to an unknown header, for "did you mean".
    pub fn suggest(&self, text: &str) -> Option<&str> {
        let k = key(strip_unit(text));
        let hit = did_you_mean(&k, self.names.iter().map(|(k, _)| k.as_str()))?;
        self.names
            .iter()
            .find(|(k, _)| k == hit)
            .map(|(_, n)| n.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_the_last_balanced_group() {
        assert_eq!(strip_unit("工业总产值（亿元）"), "工业总产值");
        assert_eq!(strip_unit(" Exports (100M CNY) "), "Exports");
        assert_eq!(strip_unit("Rating (score (1-5))"), "Rating");
        assert_eq!(strip_unit("卖家信心(分)"), "卖家信心");
        assert_eq!(strip_unit("(only a unit)"), "(only a unit)");
        assert_eq!(strip_unit("broken)"), "broken)");
        assert_eq!(strip_unit("plain"), "plain");
    }

    #[test]
    fn panel_roles() {
        assert_eq!(panel_role(" 地区 "), Some(PanelRole::Region));
        assert_eq!(panel_role("Period"), Some(PanelRole::Period));
        assert_eq!(panel_role("label"), None);
    }

    #[test]
    fn matches_id_names_and_suggests() {
        let fw = Framework::default_framework();
        let m = Matcher::new(&fw);
        let first = &fw.indicators[0];
        assert_eq!(m.find(&first.id), Some(0));
        assert_eq!(
            m.find(&format!("{} （{}）", first.name.to_uppercase(), first.unit)),
            Some(0)
        );
        let typo = &first.id[..first.id.len() - 1];
        assert_eq!(m.suggest(typo), Some(first.id.as_str()));
        assert_eq!(m.find("zzz"), None);
    }
}
