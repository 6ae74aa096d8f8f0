//! Writing a frozen framework: the original framework text with every indicator's `bounds`
//! and `weight` replaced, edited in place so its comments, order and Chinese names survive.

use toml_edit::{Array, DocumentMut, Item, value};

use super::Framework;

/// The framework text with `bounds` (or none, for a scale indicator) and `weight` set per
/// indicator, and the version marked as frozen. f64 values are written in Rust's shortest
/// round-trip form, so they read back exactly.
pub fn frozen_framework_text(
    text: &str,
    fw: &Framework,
    bounds: &[Option<(f64, f64)>],
    weights: &[f64],
) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let version = format!("{}+frozen", fw.version.trim_end_matches("+frozen"));
    doc["version"] = value(version);
    let Some(tables) = doc
        .get_mut("indicators")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return Err("the framework has no [[indicators]]".into());
    };
    for table in tables.iter_mut() {
        let Some(id) = table.get("id").and_then(|v| v.as_str()) else {
            continue;
        };
        let Some(j) = fw.indicator_index(id) else {
            continue;
        };
        match bounds.get(j).copied().flatten() {
            Some((lo, hi)) => {
                let mut a = Array::new();
                a.push(lo);
                a.push(hi);
                table.insert("bounds", value(a));
            }
            None => {
                table.remove("bounds");
            }
        }
        if let Some(&w) = weights.get(j) {
            table.insert("weight", value(w));
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DEFAULT_FRAMEWORK_TOML;

    #[test]
    fn bounds_and_weights_read_back_exactly_and_comments_stay() {
        let fw = Framework::default_framework();
        let n = fw.indicators.len();
        let bounds: Vec<_> = (0..n)
            .map(|j| (j != 1).then_some((0.1 + j as f64 / 3.0, 1e6 / 7.0)))
            .collect();
        let weights: Vec<f64> = (0..n).map(|j| (j as f64 + 1.0) / 903.0).collect();
        let text = frozen_framework_text(DEFAULT_FRAMEWORK_TOML, &fw, &bounds, &weights).unwrap();
        let back = Framework::parse("frozen.toml", &text).unwrap();
        for (j, ind) in back.indicators.iter().enumerate() {
            assert_eq!(ind.bounds, bounds[j], "{}", ind.id);
            assert_eq!(ind.weight, Some(weights[j]), "{}", ind.id);
        }
        assert!(back.version.ends_with("+frozen"));
        let first_comment = DEFAULT_FRAMEWORK_TOML.lines().find(|l| l.starts_with('#'));
        if let Some(c) = first_comment {
            assert!(text.contains(c));
        }
    }
}
