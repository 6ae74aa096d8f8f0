//! `score`'s CSV (one row per observation, for spreadsheets) and text (aligned tables for
//! people) outputs, and the `method` object its JSON shares with `dynamics`. The JSON document
//! itself is written by `score_json`.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use crate::engine::Assessment;

use crate::lang::{Lang, level_name};
use crate::messages;
use crate::model::Framework;
use crate::model::settings;
use crate::textfmt::{Table, num3, pct1};

/// `{id: value, ...}` in framework order, serialized without building a tree.
struct ById<'a, I> {
    ids: I,
    values: &'a [f64],
}

impl<'a, I: Iterator<Item = &'a str> + Clone> Serialize for ById<'a, I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.values.len()))?;
        for (id, v) in self.ids.clone().zip(self.values) {
            map.serialize_entry(id, v)?;
        }
        map.end()
    }
}

fn by_id<'a, I: Iterator<Item = &'a str> + Clone>(ids: I, values: &'a [f64]) -> ById<'a, I> {
    ById { ids, values }
}

/// The JSON document as a value (for tests and the report, which compare figures).
pub fn to_json(fw: &Framework, a: &Assessment) -> Value {
    serde_json::from_slice(&crate::score_json::to_vec(fw, a, None)).unwrap_or(Value::Null)
}

/// One row per observation: dimension and circle scores, C, T, D, level, lagging (`;`-joined).
pub fn to_csv(fw: &Framework, a: &Assessment) -> String {
    csv_pieces(fw, a).concat()
}

/// [`to_csv`] in pieces, in order: the header, then the rows of a large panel in pieces
/// written side by side.
pub fn csv_pieces(fw: &Framework, a: &Assessment) -> Vec<String> {
    // A BOM and CRLF line ends, as Excel expects: it then opens Chinese names right.
    let mut out = String::from("\u{feff}label");
    let ids = (fw.dimensions.iter().map(|d| d.id.as_str()))
        .chain(fw.circles.iter().map(|c| c.id.as_str()))
        .chain([
            "coupling",
            "coordination",
            "degree",
            "level",
            "level_name",
            "lagging",
        ]);
    for id in ids {
        out.push(',');
        out.push_str(id);
    }
    out.push_str("\r\n");
    let pieces = crate::par::pieces(a.m() * fw.dimensions.len(), 1 << 15);
    let ranges = crate::par::ranges(a.m(), pieces);
    let rows = crate::par::map(pieces, |k| csv_rows(fw, a, ranges[k].clone()));
    std::iter::once(out).chain(rows).collect()
}

/// The CSV lines of observations `rows`. Written straight into one string: a panel has
/// hundreds of thousands of numbers, and a string per number would cost an allocation each.
fn csv_rows(fw: &Framework, a: &Assessment, rows: std::ops::Range<usize>) -> String {
    use crate::model::csv::escape;
    use std::fmt::Write;
    let mut out = String::new();
    for i in rows {
        let c = &a.coupling[i];
        out.push_str(&escape(&a.labels[i]));
        for &x in (a.dimensions(i).iter())
            .chain(a.circles(i))
            .chain([&c.c, &c.t, &c.d])
        {
            out.push(',');
            crate::textfmt::push_display(&mut out, x);
        }
        let _ = write!(out, ",{},{},", c.level, level_name(c.level));
        for (n, &k) in c.lagging.iter().enumerate() {
            if n > 0 {
                out.push(';');
            }
            out.push_str(&fw.circles[k].id);
        }
        out.push_str("\r\n");
    }
    out
}

/// The lagging circles' ids, comma-separated, or `none` when the circles are in step.
pub fn lagging_ids(fw: &Framework, c: &crate::engine::Coupling, none: &str) -> String {
    if c.lagging.is_empty() {
        return none.to_string();
    }
    c.lagging
        .iter()
        .map(|&k| fw.circles[k].id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The JSON `method` object: the settings in table order, then the circle weights β.
pub fn method_json(fw: &Framework, a: &Assessment) -> serde_json::Value {
    let mut obj: serde_json::Map<String, serde_json::Value> = settings::json_values(&a.method)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    obj.insert(
        "circle_weights".into(),
        serde_json::to_value(by_id(
            fw.circles.iter().map(|c| c.id.as_str()),
            &a.circle_weights,
        ))
        .unwrap_or_default(),
    );
    serde_json::Value::Object(obj)
}

/// A one-line description of the method, for headers.
pub fn method_line(a: &Assessment) -> String {
    settings::summary_line(&a.method)
}

/// The circle-score and coupling table: one row per observation.
pub fn coupling_table(fw: &Framework, a: &Assessment, level_names: &dyn Fn(u8) -> String) -> Table {
    let mut headers = vec!["observation".to_string()];
    headers.extend(fw.circles.iter().map(|c| c.id.clone()));
    headers.extend(["C", "T", "D", "level", "lagging"].map(String::from));
    let k = headers.len();
    let mut t = Table::new(headers)
        .align(k - 2, crate::textfmt::Align::Left)
        .align(k - 1, crate::textfmt::Align::Left);
    for i in 0..a.m() {
        let c = &a.coupling[i];
        let mut row = vec![a.labels[i].clone()];
        row.extend(a.circles(i).iter().map(|x| num3(*x)));
        row.extend([num3(c.c), num3(c.t), num3(c.d)]);
        row.push(format!("{} {}", c.level, level_names(c.level)));
        row.push(lagging_ids(fw, c, "-"));
        t.row(row);
    }
    t
}

/// The people-readable `score` output.
pub fn to_text(fw: &Framework, a: &Assessment, title: &str, focus: usize) -> String {
    let mut out = String::new();
    out.push_str(&format!("{title}\n"));
    out.push_str(&format!(
        "framework {} {} · {} observations × {} indicators\n",
        fw.id,
        fw.version,
        a.m(),
        fw.indicators.len()
    ));
    out.push_str(&format!("method: {}\n\n", method_line(a)));

    out.push_str("Circle scores (U) and coupling coordination\n\n");
    out.push_str(&coupling_table(fw, a, &|l| level_name(l).to_string()).render());

    out.push_str("\nWeights\n\n");
    let mut t = Table::new(["circle / dimension", "weight"]);
    for (c, circle) in fw.circles.iter().enumerate() {
        t.row([circle.id.clone(), num3(a.circle_weight(fw, c))]);
        for d in fw.dimensions_of_circle(c) {
            t.row([
                format!("  {}", fw.dimensions[d].id),
                num3(a.dimension_weight(fw, d)),
            ]);
        }
    }
    out.push_str(&t.render());

    let c = &a.coupling[focus];
    out.push_str(&format!(
        "\nFocus: {} — D = {} (level {}, {})\n",
        a.labels[focus],
        num3(c.d),
        c.level,
        level_name(c.level)
    ));
    let zero: Vec<&str> = (0..fw.circles.len())
        .filter(|&k| a.circles(focus)[k] == 0.0)
        .map(|k| fw.circles[k].id.as_str())
        .collect();
    if !zero.is_empty() {
        out.push_str(&format!(
            "Circle(s) {} score 0: every indicator there is at the worst value observed, so C and D are 0.\n",
            zero.join(", ")
        ));
    }
    let weak = &a.weak_dimensions[focus];
    if weak.is_empty() {
        out.push_str("No weak dimensions: nothing stands in the way at this observation.\n");
    } else {
        out.push_str("\nWeak dimensions (obstacle degree)\n");
        for (rank, &d) in weak.iter().enumerate() {
            out.push_str(&format!(
                "  {}. {} ({}): {}\n",
                rank + 1,
                fw.dimensions[d].name,
                fw.dimensions[d].id,
                pct1(a.obstacles_of(focus).dimensions[d])
            ));
        }
        out.push_str("\nCountermeasures\n");
        for &cm in &a.countermeasures[focus] {
            out.push_str(&format!(
                "  - {} ({})\n",
                fw.countermeasures[cm].title, fw.countermeasures[cm].id
            ));
        }
    }
    if !a.warnings.is_empty() {
        out.push_str("\nWarnings\n");
        for w in messages::warnings(fw, a, Lang::En) {
            out.push_str(&format!("  - {w}\n"));
        }
    }
    out
}
