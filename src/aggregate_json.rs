//! The JSON document `aggregate --format json` prints. Key names are fixed by the project's
//! contract; a statistic that does not exist (the sd of one answer, an alpha of too few
//! questionnaires) is `null`, never 0.

use serde_json::{Map, Value, json};

use crate::engine::questionnaire::{Aggregate, Alpha};
use crate::model::Framework;

fn alpha(a: &Alpha) -> Value {
    json!({"alpha": a.alpha, "items": a.items, "n": a.n})
}

/// The document as a value.
pub fn aggregate_value(fw: &Framework, agg: &Aggregate) -> Value {
    let observations: Vec<Value> = agg
        .observations
        .iter()
        .map(|o| {
            let indicators: Map<String, Value> = o
                .items
                .iter()
                .map(|s| {
                    let item = json!({
                        "n": s.n,
                        "mean": s.mean,
                        "sd": s.sd,
                        "ci95": s.ci95.map(|(lo, hi)| [lo, hi]),
                    });
                    (fw.indicators[s.indicator].id.clone(), item)
                })
                .collect();
            json!({"label": o.label, "respondents": o.respondents, "indicators": indicators})
        })
        .collect();
    let dimensions: Map<String, Value> = agg
        .reliability
        .dimensions
        .iter()
        .map(|(d, a)| (fw.dimensions[*d].id.clone(), alpha(a)))
        .collect();
    json!({
        "observations": observations,
        "reliability": {"dimensions": dimensions, "overall": alpha(&agg.reliability.overall)},
        "warnings": agg.warnings,
    })
}

/// The document as pretty-printed text with a final newline.
pub fn aggregate_json(fw: &Framework, agg: &Aggregate) -> String {
    let mut text = serde_json::to_string_pretty(&aggregate_value(fw, agg)).unwrap_or_default();
    text.push('\n');
    text
}
