//! The JSON document `dynamics --format json` prints. Key names are fixed by the project's
//! contract; numbers keep full f64 precision and a value that cannot be computed is `null`.

use serde_json::{Map, Value, json};

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

fn niche(n: &NicheEntry) -> Value {
    let breadth: Map<String, Value> = n
        .regions
        .iter()
        .zip(&n.measures.breadth)
        .map(|(r, b)| (r.clone(), json!(b)))
        .collect();
    let overlap: Map<String, Value> = n
        .regions
        .iter()
        .zip(&n.measures.overlap)
        .map(|(r, row)| {
            let row: Map<String, Value> = n
                .regions
                .iter()
                .zip(row)
                .map(|(s, o)| (s.clone(), json!(o)))
                .collect();
            (r.clone(), Value::Object(row))
        })
        .collect();
    json!({
        "period": n.period,
        "regions": n.regions,
        "breadth": breadth,
        "overlap": overlap,
    })
}

/// The document as a value. `method` is the same `method` object `score --format json` prints
/// for this assessment, so both commands describe their settings identically.
pub fn dynamics_value(d: &Dynamics, method: &Value) -> Value {
    json!({
        "method": method,
        "series": d.series.iter().map(series).collect::<Vec<_>>(),
        "niche": d.niche.iter().map(niche).collect::<Vec<_>>(),
        "warnings": d.warnings,
    })
}

/// The document as pretty-printed text with a final newline.
pub fn dynamics_json(d: &Dynamics, method: &Value) -> String {
    let mut text = serde_json::to_string_pretty(&dynamics_value(d, method)).unwrap_or_default();
    text.push('\n');
    text
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
        assert!(dynamics_json(&d, &Value::Null).ends_with("}\n"));
    }
}
