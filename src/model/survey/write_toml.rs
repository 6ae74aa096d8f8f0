//! Surveys to TOML: a fresh file, or the changes written over the user's file.

use crate::model::settings::{TomlValue, toml_values};
use crate::model::survey::Survey;
use crate::textfmt::format_number;

impl Survey {
    /// The survey as TOML: observations and values in their order, every value exact.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        out.push_str("schema = 1\n");
        out.push_str(&format!("framework = {}\n", quote(&self.framework)));
        out.push_str(&format!("title = {}\n", quote(&self.title)));
        if let Some(region) = &self.region {
            out.push_str(&format!("region = {}\n", quote(region)));
        }
        let mut method = String::new();
        for (key, v) in toml_values(&self.method) {
            match v {
                Some(TomlValue::Str(x)) => method.push_str(&format!("{key} = {}\n", quote(&x))),
                Some(TomlValue::Raw(x)) => method.push_str(&format!("{key} = {x}\n")),
                None => {}
            }
        }
        if !method.is_empty() {
            out.push_str("\n[method]\n");
            out.push_str(&method);
        }
        for o in &self.observations {
            out.push_str("\n[[observations]]\n");
            out.push_str(&format!("label = {}\n", quote(&o.label)));
            if let Some(r) = &o.region {
                out.push_str(&format!("region = {}\n", quote(r)));
            }
            if let Some(p) = o.period {
                out.push_str(&format!("period = {p}\n"));
            }
            out.push_str("[observations.values]\n");
            for (k, v) in &o.values {
                out.push_str(&format!("{k} = {}\n", format_number(*v)));
            }
        }
        out
    }
}

impl Survey {
    /// The survey as TOML written over `original` (the file's current text): comments,
    /// blank lines and key order of the original stay where they were; only what changed is
    /// rewritten. Observations are matched by label, so a renamed or new observation gets a
    /// fresh table. Falls back to [`Survey::to_toml`] when `original` is not valid TOML.
    pub fn to_toml_over(&self, original: &str) -> String {
        use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};
        let Ok(mut doc) = original.parse::<DocumentMut>() else {
            return self.to_toml();
        };
        let value = |text: &str| -> Item {
            text.parse::<toml_edit::Value>()
                .map(Item::Value)
                .unwrap_or_else(|_| toml_edit::value(text))
        };
        // Replaces a value only when it differs, so untouched lines keep their formatting.
        fn set(table: &mut Table, key: &str, new: Item) {
            let number = |v: &toml_edit::Value| {
                v.as_float()
                    .or_else(|| v.as_integer().map(|i| i as f64))
                    .map(f64::to_bits)
            };
            let same = match (table.get(key).and_then(Item::as_value), new.as_value()) {
                (Some(a), Some(b)) => match (number(a), number(b)) {
                    (Some(x), Some(y)) => x == y,
                    _ => a.to_string().trim() == b.to_string().trim(),
                },
                _ => false,
            };
            if !same {
                match table.get_mut(key).and_then(Item::as_value_mut) {
                    Some(slot) => {
                        let decor = slot.decor().clone();
                        if let Ok(v) = new.into_value() {
                            *slot = v;
                            *slot.decor_mut() = decor;
                        }
                    }
                    None => {
                        table.insert(key, new);
                    }
                }
            }
        }
        let root = doc.as_table_mut();
        set(root, "framework", toml_edit::value(self.framework.as_str()));
        set(root, "title", toml_edit::value(self.title.as_str()));
        match &self.region {
            Some(r) => set(root, "region", toml_edit::value(r.as_str())),
            None => {
                root.remove("region");
            }
        }
        let method: Vec<(&str, Option<Item>)> = toml_values(&self.method)
            .into_iter()
            .map(|(key, v)| {
                let item = v.map(|v| match v {
                    TomlValue::Str(x) => toml_edit::value(x),
                    TomlValue::Raw(x) => value(&x),
                });
                (key, item)
            })
            .collect();
        if method.iter().all(|(_, v)| v.is_none()) {
            root.remove("method");
        } else {
            if !root.get("method").is_some_and(Item::is_table) {
                root.insert("method", Item::Table(Table::new()));
            }
            if let Some(t) = root.get_mut("method").and_then(Item::as_table_mut) {
                for (key, v) in method {
                    match v {
                        Some(v) => set(t, key, v),
                        None => {
                            t.remove(key);
                        }
                    }
                }
            }
        }
        let mut old: Vec<Option<Table>> = root
            .get("observations")
            .and_then(Item::as_array_of_tables)
            .map(|a| a.iter().cloned().map(Some).collect())
            .unwrap_or_default();
        let mut observations = ArrayOfTables::new();
        for o in &self.observations {
            let reused = old.iter_mut().find(|t| {
                t.as_ref().and_then(|t| t.get("label")).and_then(|l| {
                    l.as_str()
                        .map(str::to_string)
                        .or_else(|| l.as_integer().map(|i| i.to_string()))
                }) == Some(o.label.clone())
            });
            let mut table = reused.and_then(Option::take).unwrap_or_default();
            set(&mut table, "label", toml_edit::value(o.label.as_str()));
            match &o.region {
                Some(r) => set(&mut table, "region", toml_edit::value(r.as_str())),
                None => {
                    table.remove("region");
                }
            }
            match o.period {
                Some(p) => set(&mut table, "period", toml_edit::value(p)),
                None => {
                    table.remove("period");
                }
            }
            if !table.get("values").is_some_and(Item::is_table) {
                table.insert("values", Item::Table(Table::new()));
            }
            if let Some(values) = table.get_mut("values").and_then(Item::as_table_mut) {
                let stale: Vec<String> = values
                    .iter()
                    .map(|(k, _)| k.to_string())
                    .filter(|k| !o.values.contains_key(k))
                    .collect();
                for k in stale {
                    values.remove(&k);
                }
                for (k, v) in &o.values {
                    set(values, k, value(&format_number(*v)));
                }
            }
            observations.push(table);
        }
        root.insert("observations", Item::ArrayOfTables(observations));
        doc.to_string()
    }
}

/// A TOML basic string with escapes.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
