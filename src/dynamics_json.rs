//! The JSON document `dynamics --format json` prints. Key names are fixed by the project's
//! contract; numbers keep full f64 precision and a value that cannot be computed is `null`.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::json_pretty::{Entries, Pretty};

use crate::engine::dynamics::{
    Dynamics, Forecast, NicheEntry, Series, SynergyPair, synergy_class_name,
};

fn pair(p: &SynergyPair) -> Value {
    json!({
        "from": p.from,
        "to": p.to,
        "value": p.value,
        "class": p.class,
        "class_name": synergy_class_name(p.class),
    })
}

fn forecast(f: &Forecast) -> Value {
    let m = &f.model;
    let points: Vec<Value> = m
        .forecast
        .iter()
        .zip(&f.periods)
        .enumerate()
        .map(|(h, (v, p))| {
            let mut point = Map::new();
            point.insert("period".into(), json!(p));
            point.insert("value".into(), json!(v));
            if let Some(levels) = &f.levels {
                point.insert("level".into(), json!(levels.get(h)));
            }
            Value::Object(point)
        })
        .collect();
    json!({
        "quantity": f.quantity,
        "a": m.a,
        "b": m.b,
        "fitted": m.fitted,
        "mape": m.mape,
        "c_ratio": m.c_ratio,
        "p": m.p,
        "grade": m.grade,
        "ratio_test": m.ratio_test,
        "forecast": points,
    })
}

fn series(s: &Series) -> Value {
    json!({
        "region": s.region,
        "periods": s.periods,
        "labels": s.labels,
        "synergy": s.synergy.iter().map(pair).collect::<Vec<_>>(),
        "synergy_overall": s.synergy_overall.as_ref().map(pair),
        "forecasts": s.forecasts.iter().map(forecast).collect::<Vec<_>>(),
    })
}

/// Writes the document, then a line end. `method` is the same `method` object `score --format
/// json` prints for this assessment, so both commands describe their settings identically.
/// The niche overlap is written row by row: k belts give k² numbers, millions for a large
/// cross-section, which as a `Value` tree would take gigabytes.
pub fn write(w: &mut (impl Write + ?Sized), d: &Dynamics, method: &Value) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut doc = Pretty::new(&mut buf, 0);
    doc.open(b'{');
    doc.key(b"\"method\"");
    doc.value(method);
    doc.key(b"\"series\"");
    doc.value(&Value::Array(d.series.iter().map(series).collect()));
    doc.key(b"\"niche\"");
    doc.open(b'[');
    for n in &d.niche {
        doc.next();
        niche(&mut doc, n, w)?;
    }
    doc.close(b']');
    doc.key(b"\"warnings\"");
    doc.value(&json!(d.warnings));
    doc.close(b'}');
    doc.out.push(b'\n');
    w.write_all(&buf)
}

/// One niche entry; what is written so far goes to `w` after every row of the overlap.
fn niche(p: &mut Pretty, n: &NicheEntry, w: &mut (impl Write + ?Sized)) -> io::Result<()> {
    p.open(b'{');
    p.key(b"\"period\"");
    p.value(&json!(n.period));
    p.key(b"\"regions\"");
    p.strs(n.regions.iter().map(String::as_str));
    let depth = p.depth;
    let regions = || n.regions.iter().map(String::as_str);
    let optional = |x: &Option<f64>| x.unwrap_or(f64::NAN);
    p.key(b"\"breadth\"");
    p.numbers(
        &Entries::new(regions(), depth + 1),
        n.measures.breadth.iter().map(optional),
    );
    p.key(b"\"overlap\"");
    p.open(b'{');
    let rows = Entries::new(regions(), depth + 1);
    let columns = Entries::new(regions(), depth + 2);
    for (start, row) in rows.starts().iter().zip(&n.measures.overlap) {
        p.entry(start);
        p.numbers(&columns, row.iter().map(optional));
        w.write_all(p.out)?;
        p.out.clear();
    }
    p.close(b'}');
    p.close(b'}');
    Ok(())
}

/// The document in memory.
pub fn to_vec(d: &Dynamics, method: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(&mut out, d, method);
    out
}

/// The document as a value (for tests and views that compare figures).
pub fn dynamics_value(d: &Dynamics, method: &Value) -> Value {
    serde_json::from_slice(&to_vec(d, method)).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dynamics::{GreyModel, NicheMeasures};

    #[test]
    fn keys_nulls_and_levels_only_for_degree() {
        let model = GreyModel {
            a: -0.1,
            b: 0.5,
            fitted: vec![0.5, 0.6],
            mape: 0.01,
            c_ratio: 0.2,
            p: 1.0,
            grade: 1,
            ratio_test: true,
            forecast: vec![0.7],
        };
        let f = |q: &str, levels| Forecast {
            quantity: q.into(),
            model: model.clone(),
            periods: vec![2025],
            levels,
        };
        let d = Dynamics {
            series: vec![Series {
                region: None,
                periods: vec![2023, 2024],
                labels: vec!["2023".into(), "2024".into()],
                synergy: vec![],
                synergy_overall: None,
                forecasts: vec![f("degree", Some(vec![8])), f("coordination", None)],
            }],
            niche: vec![NicheEntry {
                period: None,
                regions: vec!["A".into(), "B".into()],
                measures: NicheMeasures {
                    breadth: vec![None, Some(0.5)],
                    overlap: vec![vec![None, None], vec![None, Some(1.0)]],
                },
            }],
            warnings: vec!["w".into()],
        };
        let v = dynamics_value(&d, &json!({"coupling": "classic"}));
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["method", "series", "niche", "warnings"]);
        let s = &v["series"][0];
        assert_eq!(s["region"], Value::Null);
        assert_eq!(s["synergy_overall"], Value::Null);
        assert_eq!(s["forecasts"][0]["forecast"][0]["level"], 8);
        assert!(s["forecasts"][1]["forecast"][0].get("level").is_none());
        assert_eq!(v["niche"][0]["breadth"]["A"], Value::Null);
        assert_eq!(v["niche"][0]["overlap"]["B"]["B"], 1.0);
        // Written by hand, laid out exactly as serde_json's pretty printer lays out the value.
        let bytes = to_vec(&d, &json!({"coupling": "classic"}));
        let mut reprinted = serde_json::to_vec_pretty(&v).unwrap();
        reprinted.push(b'\n');
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            String::from_utf8(reprinted).unwrap()
        );
        let empty = Dynamics {
            series: vec![],
            niche: vec![],
            warnings: vec![],
        };
        let text = String::from_utf8(to_vec(&empty, &Value::Null)).unwrap();
        assert_eq!(
            text,
            "{\n  \"method\": null,\n  \"series\": [],\n  \"niche\": [],\n  \"warnings\": []\n}\n"
        );
    }
}
