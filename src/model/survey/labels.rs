//! Observation labels as people type them: `2019..2024`, `2019-2024`, `2019–2024`, `2019~2024`,
//! `2019至2024`, lists separated by `,` `，` `、` `;` `；`, or years separated by spaces — and any
//! mix (`2016, 2018-2020`). One parser, so the Start screen, `a` (add) and `new --labels` agree.

use crate::lang::Lang;

/// Range separators between two whole numbers, longest first so `..` wins over `.`-free `-`.
const RANGE_SEPS: [&str; 9] = ["...", "..", "–", "—", "~", "～", "至", "－", "-"];
/// List separators, ASCII and full-width.
const LIST_SEPS: [char; 6] = [',', '，', '、', ';', '；', '\n'];

/// Expands ranges and splits lists into observation labels; errors in English.
pub fn parse_labels(s: &str) -> Result<Vec<String>, String> {
    parse_labels_in(s, Lang::En)
}

/// As [`parse_labels`], with the error in `lang`.
pub fn parse_labels_in(s: &str, lang: Lang) -> Result<Vec<String>, String> {
    let pieces: Vec<&str> = s.split(LIST_SEPS).map(str::trim).collect();
    // "2019 2020 2021": whitespace separates labels only when every word is a number, so a
    // region called "Ningbo City" stays one label.
    let pieces: Vec<&str> = if pieces.len() == 1
        && pieces[0].split_whitespace().count() > 1
        && pieces[0]
            .split_whitespace()
            .all(|w| w.parse::<i64>().is_ok() || range(w).is_some())
    {
        pieces[0].split_whitespace().collect()
    } else {
        pieces
    };
    let mut labels = Vec::new();
    for p in pieces {
        if p.is_empty() {
            // A trailing separator ("2019, 2020,") is harmless; an empty label inside is not.
            if labels.is_empty() || !s.trim_end().ends_with(LIST_SEPS) {
                return Err(match lang {
                    Lang::En => format!("`{s}`: a label is empty"),
                    Lang::Zh => format!("“{s}”：有一个标签是空的"),
                });
            }
            continue;
        }
        match range(p) {
            Some((a, b)) if b < a || b - a > 1000 => {
                return Err(match lang {
                    Lang::En => format!(
                        "`{p}`: a range goes up (FIRST-LAST, e.g. 2019-2024) and holds at most 1000 labels"
                    ),
                    Lang::Zh => format!("“{p}”：范围须从小到大（如 2019-2024），且最多 1000 个"),
                });
            }
            Some((a, b)) => labels.extend((a..=b).map(|y| y.to_string())),
            None => labels.push(p.to_string()),
        }
    }
    if labels.is_empty() {
        return Err(lang
            .tr("type labels, e.g. 2019-2024", "请输入标签，如 2019-2024")
            .to_string());
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(dup) = labels.iter().find(|l| !seen.insert(l.as_str())) {
        return Err(match lang {
            Lang::En => format!("`{s}`: label `{dup}` appears twice"),
            Lang::Zh => format!("“{s}”：标签“{dup}”出现了两次"),
        });
    }
    Ok(labels)
}

/// `FIRST<sep>LAST` with two whole numbers (ASCII or full-width digits), else `None`.
fn range(p: &str) -> Option<(i64, i64)> {
    let p: String = p.chars().map(half_width).collect();
    RANGE_SEPS.iter().find_map(|sep| {
        let (a, b) = p.split_once(sep)?;
        Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
    })
}

fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Vec<String> {
        parse_labels(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn ranges_the_natural_ways() {
        let six = ["2019", "2020", "2021", "2022", "2023", "2024"];
        for s in [
            "2019..2024",
            "2019-2024",
            "2019–2024",
            "2019—2024",
            "2019 - 2024",
            "2019~2024",
            "2019至2024",
            "２０１９－２０２４",
            "2019，2020，2021，2022，2023，2024",
            "2019、2020、2021、2022、2023、2024",
            "2019 2020 2021 2022 2023 2024",
            "2019, 2020-2022, 2023..2024",
            "2019,2020,2021,2022,2023,2024,",
        ] {
            assert_eq!(ok(s), six, "{s}");
        }
    }

    #[test]
    fn names_stay_whole() {
        assert_eq!(ok("a, b"), ["a", "b"]);
        assert_eq!(ok("Ningbo City, 杭州"), ["Ningbo City", "杭州"]);
        assert_eq!(ok("A-1"), ["A-1"]);
        assert_eq!(ok("宁波、温州"), ["宁波", "温州"]);
    }

    #[test]
    fn refusals() {
        assert!(parse_labels("2018..2016").is_err());
        assert!(parse_labels("2024-2019").is_err());
        assert!(parse_labels("a,,b").is_err());
        assert!(parse_labels("a,a").is_err());
        assert!(parse_labels("2019-2021, 2020").is_err());
        assert!(parse_labels("  ").is_err());
        let zh = parse_labels_in("a、a", Lang::Zh).unwrap_err();
        assert!(zh.contains("出现了两次"), "{zh}");
    }
}
