//! Reading a framework file: every key checked, ids resolved to indices, and every problem
//! located, so a hand-edited framework is fixed in one pass.

use std::collections::HashMap;

use toml::Spanned;

use super::framework::*;
use crate::diag::{Problem, SourceText, did_you_mean};
use crate::model::tomlwalk::TableReader;

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn is_framework_id(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Checks an id's syntax and uniqueness; returns it when it can be used.
fn check_id(
    src: &SourceText<'_>,
    id: &Spanned<String>,
    kind: &str,
    seen: &mut HashMap<String, usize>,
    problems: &mut Vec<Problem>,
) {
    if !is_id(id.get_ref()) {
        problems.push(
            src.problem(
                id.span(),
                format!("{kind} id `{}` is not a valid id", id.get_ref()),
            )
            .help(
                "ids use only lowercase ASCII letters, digits and `_`, e.g. `overseas_warehouses`",
            ),
        );
    }
    if seen.contains_key(id.get_ref()) {
        problems.push(
            src.problem(id.span(), format!("duplicate {kind} id `{}`", id.get_ref()))
                .help(format!("each {kind} needs its own id: rename one of them")),
        );
    } else {
        seen.insert(id.get_ref().clone(), seen.len());
    }
}

fn resolve(
    src: &SourceText<'_>,
    reference: &Spanned<String>,
    kind: &str,
    ids: &[String],
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    let found = ids.iter().position(|x| x == reference.get_ref());
    if found.is_none() {
        let mut p = src.problem(
            reference.span(),
            format!("unknown {kind} `{}`", reference.get_ref()),
        );
        p = match did_you_mean(reference.get_ref(), ids.iter().map(String::as_str)) {
            Some(s) => p.help(format!("did you mean `{s}`?")),
            None => p.help(format!("known {kind}s: {}", ids.join(", "))),
        };
        problems.push(p);
    }
    found
}

pub(super) fn read_framework(
    r: &mut TableReader<'_, '_>,
    src: &SourceText<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Framework> {
    check_schema(r, problems);
    let id = r.string("id", problems);
    if let Some(id) = &id
        && !is_framework_id(id.get_ref())
    {
        problems.push(
            src.problem(
                id.span(),
                format!("framework id `{}` is not a valid id", id.get_ref()),
            )
            .help("use lowercase letters, digits, `_` and `-`, starting with a letter or digit"),
        );
    }
    let name = r.string("name", problems);
    let name_zh = r.opt_string("name_zh", problems);
    let version = r.string("version", problems);

    // Circles.
    let mut seen = HashMap::new();
    let mut circles = Vec::new();
    let mut circle_weight_spans = Vec::new();
    let circle_tables = r.tables("circles", "a circle", problems);
    for mut t in circle_tables {
        let cid = t.string("id", problems);
        let cname = t.string("name", problems);
        let cname_zh = t.opt_string("name_zh", problems);
        let weight = t.opt_number("weight", problems);
        if let Some(w) = &weight
            && *w.get_ref() < 0.0
        {
            problems.push(
                src.problem(w.span(), "a circle weight must not be negative")
                    .help("use a weight ≥ 0, or leave all circle weights out for equal weights"),
            );
        }
        circle_weight_spans.push((t.head(), weight.as_ref().map(|w| w.span())));
        if let Some(cid) = &cid {
            check_id(src, cid, "circle", &mut seen, problems);
        }
        circles.push(Circle {
            id: cid.map(Spanned::into_inner).unwrap_or_default(),
            name: cname.map(Spanned::into_inner).unwrap_or_default(),
            name_zh: cname_zh.map(Spanned::into_inner),
            weight: weight.map(Spanned::into_inner),
        });
        t.finish(problems);
    }
    if circles.len() < 2 {
        // Point at the lone circle when there is one, else at the top of the file.
        let head = circle_weight_spans
            .first()
            .map_or_else(|| r.head(), |(head, _)| head.clone());
        problems.push(
            src.problem(head, format!("the framework has {} circle(s); at least 2 are needed", circles.len()))
                .help("coupling coordination measures how circles work together: add `[[circles]]` sections"),
        );
    }
    let given = circles.iter().filter(|c| c.weight.is_some()).count();
    if given > 0 && given < circles.len() {
        for (head, span) in &circle_weight_spans {
            if span.is_none() {
                problems.push(
                    src.problem(head.clone(), "this circle has no `weight` but others do")
                        .help("give every circle a `weight`, or remove them all for equal weights"),
                );
            }
        }
    } else if given == circles.len() && given > 0 && circles.iter().all(|c| c.weight == Some(0.0)) {
        problems.push(
            src.problem(r.head(), "all circle weights are 0")
                .help("at least one circle needs a positive weight"),
        );
    }
    let circle_ids: Vec<String> = circles.iter().map(|c| c.id.clone()).collect();

    // Dimensions.
    let mut seen = HashMap::new();
    let mut dimensions = Vec::new();
    let mut dim_heads = Vec::new();
    for mut t in r.tables("dimensions", "a dimension", problems) {
        let did = t.string("id", problems);
        let circle = t.string("circle", problems);
        let dname = t.string("name", problems);
        let dname_zh = t.opt_string("name_zh", problems);
        if let Some(did) = &did {
            check_id(src, did, "dimension", &mut seen, problems);
        }
        let circle_idx = circle
            .as_ref()
            .and_then(|c| resolve(src, c, "circle", &circle_ids, problems));
        dim_heads.push(t.head());
        dimensions.push(Dimension {
            id: did.map(Spanned::into_inner).unwrap_or_default(),
            circle: circle_idx.unwrap_or(usize::MAX),
            name: dname.map(Spanned::into_inner).unwrap_or_default(),
            name_zh: dname_zh.map(Spanned::into_inner),
        });
        t.finish(problems);
    }
    let dim_ids: Vec<String> = dimensions.iter().map(|d| d.id.clone()).collect();

    // Indicators.
    let mut seen = HashMap::new();
    let mut indicators = Vec::new();
    for mut t in r.tables("indicators", "an indicator", problems) {
        let iid = t.string("id", problems);
        let dim = t.string("dimension", problems);
        let iname = t.string("name", problems);
        let iname_zh = t.opt_string("name_zh", problems);
        let unit = t.opt_string("unit", problems);
        let unit_zh = t.opt_string("unit_zh", problems);
        let description_zh = t.opt_string("description_zh", problems);
        let source_zh = t.opt_string("source_zh", problems);
        let min = t.opt_number("min", problems);
        let max = t.opt_number("max", problems);
        if let (Some(lo), Some(hi)) = (&min, &max)
            && lo.get_ref() >= hi.get_ref()
        {
            problems.push(
                src.problem(
                    hi.span(),
                    format!("max {} is not above min {}", hi.get_ref(), lo.get_ref()),
                )
                .help(
                    "`min` and `max` are the smallest and largest values that can exist, min < max",
                ),
            );
        }
        let direction = t.string("direction", problems);
        let description = t.opt_string("description", problems);
        let source = t.opt_string("source", problems);
        let bounds = t.opt_numbers("bounds", problems);
        let weight = t.opt_number("weight", problems);
        let scale = t.opt_numbers("scale", problems);
        if let Some(iid) = &iid {
            check_id(src, iid, "indicator", &mut seen, problems);
        }
        let dim_idx = dim
            .as_ref()
            .and_then(|d| resolve(src, d, "dimension", &dim_ids, problems));
        let direction = direction.and_then(|d| match d.get_ref().as_str() {
            "positive" => Some(Direction::Positive),
            "negative" => Some(Direction::Negative),
            other => {
                problems.push(
                    src.problem(d.span(), format!("direction `{other}` is neither `positive` nor `negative`"))
                        .help("write `direction = \"positive\"` if more is better, `\"negative\"` if less is better"),
                );
                None
            }
        });
        let bounds = bounds.and_then(|b| match b.get_ref().as_slice() {
            [lo, hi] if lo < hi => Some((*lo, *hi)),
            [lo, hi] => {
                problems.push(
                    src.problem(
                        b.span(),
                        format!("bounds [{lo}, {hi}]: the lower bound must be below the upper"),
                    )
                    .help("write `bounds = [lower, upper]` with lower < upper"),
                );
                None
            }
            _ => {
                problems.push(
                    src.problem(b.span(), "bounds must have exactly two numbers")
                        .help("write `bounds = [lower, upper]`"),
                );
                None
            }
        });
        if let Some(w) = &weight
            && *w.get_ref() < 0.0
        {
            problems.push(
                src.problem(w.span(), "an indicator weight must not be negative")
                    .help("use a weight ≥ 0"),
            );
        }
        let scale = scale.and_then(|s| match s.get_ref().as_slice() {
            [lo, hi] if lo < hi && lo.fract() == 0.0 && hi.fract() == 0.0 => {
                Some((*lo as i64, *hi as i64))
            }
            _ => {
                problems.push(
                    src.problem(s.span(), "scale must be two whole numbers, lowest first")
                        .help("write e.g. `scale = [1, 5]` for a five-point Likert scale"),
                );
                None
            }
        });
        let dimension = dim_idx.unwrap_or(usize::MAX);
        indicators.push(Indicator {
            id: iid.map(Spanned::into_inner).unwrap_or_default(),
            dimension,
            circle: dimensions.get(dimension).map_or(usize::MAX, |d| d.circle),
            name: iname.map(Spanned::into_inner).unwrap_or_default(),
            name_zh: iname_zh.map(Spanned::into_inner),
            unit: unit.map(Spanned::into_inner).unwrap_or_default(),
            unit_zh: unit_zh.map(Spanned::into_inner),
            direction: direction.unwrap_or(Direction::Positive),
            description: description.map(Spanned::into_inner).unwrap_or_default(),
            description_zh: description_zh.map(Spanned::into_inner),
            source: source.map(Spanned::into_inner).unwrap_or_default(),
            source_zh: source_zh.map(Spanned::into_inner),
            bounds,
            weight: weight.map(Spanned::into_inner),
            scale,
            min: min.map(Spanned::into_inner),
            max: max.map(Spanned::into_inner),
        });
        t.finish(problems);
    }

    // Countermeasures.
    let mut seen = HashMap::new();
    let mut countermeasures = Vec::new();
    for mut t in r.tables("countermeasures", "a countermeasure", problems) {
        let cid = t.string("id", problems);
        let title = t.string("title", problems);
        let title_zh = t.opt_string("title_zh", problems);
        let text = t.string("text", problems);
        let text_zh = t.opt_string("text_zh", problems);
        let dims = t.opt_strings("dimensions", problems);
        let lead = t.opt_string("lead", problems);
        let lead_zh = t.opt_string("lead_zh", problems);
        let source = t.opt_string("source", problems);
        let ind_ids: Vec<String> = indicators.iter().map(|i| i.id.clone()).collect();
        let mut targets = Vec::new();
        for target in t
            .opt_strings("targets", problems)
            .iter()
            .flat_map(|s| s.get_ref())
        {
            if let Some(j) = resolve(src, target, "indicator", &ind_ids, problems)
                && !targets.contains(&j)
            {
                targets.push(j);
            }
        }
        if let Some(cid) = &cid {
            check_id(src, cid, "countermeasure", &mut seen, problems);
        }
        let mut linked = Vec::new();
        match &dims {
            None => problems.push(
                src.problem(t.head(), "a countermeasure has no `dimensions`")
                    .help("add `dimensions = [\"...\"]` with the weak dimensions it answers"),
            ),
            Some(ds) if ds.get_ref().is_empty() => problems.push(
                src.problem(
                    ds.span(),
                    "a countermeasure must answer at least one dimension",
                )
                .help("list the dimension ids it improves"),
            ),
            Some(ds) => {
                for d in ds.get_ref() {
                    if let Some(i) = resolve(src, d, "dimension", &dim_ids, problems)
                        && !linked.contains(&i)
                    {
                        linked.push(i);
                    }
                }
            }
        }
        countermeasures.push(Countermeasure {
            id: cid.map(Spanned::into_inner).unwrap_or_default(),
            title: title.map(Spanned::into_inner).unwrap_or_default(),
            title_zh: title_zh.map(Spanned::into_inner),
            text: text.map(Spanned::into_inner).unwrap_or_default(),
            text_zh: text_zh.map(Spanned::into_inner),
            dimensions: linked,
            lead: lead.map(Spanned::into_inner),
            lead_zh: lead_zh.map(Spanned::into_inner),
            targets,
            source: source.map(Spanned::into_inner),
        });
        t.finish(problems);
    }

    // Structure: every circle has a dimension, every dimension an indicator.
    for (c, circle) in circles.iter().enumerate() {
        if !circle.id.is_empty() && !dimensions.iter().any(|d| d.circle == c) {
            problems.push(
                src.problem(
                    circle_weight_spans[c].0.clone(),
                    format!("circle `{}` has no dimension", circle.id),
                )
                .help(format!(
                    "add a `[[dimensions]]` with `circle = \"{}\"`, or remove the circle",
                    circle.id
                )),
            );
        }
    }
    for (d, dim) in dimensions.iter().enumerate() {
        if !dim.id.is_empty() && !indicators.iter().any(|i| i.dimension == d) {
            problems.push(
                src.problem(
                    dim_heads[d].clone(),
                    format!("dimension `{}` has no indicator", dim.id),
                )
                .help(format!(
                    "add an `[[indicators]]` with `dimension = \"{}\"`, or remove the dimension",
                    dim.id
                )),
            );
        }
    }
    if indicators.is_empty() && problems.is_empty() {
        problems.push(
            src.problem(r.head(), "the framework has no indicators")
                .help("add `[[indicators]]` sections"),
        );
    }

    Some(Framework {
        id: id?.into_inner(),
        name: name?.into_inner(),
        name_zh: name_zh.map(Spanned::into_inner),
        version: version?.into_inner(),
        circles,
        dimensions,
        indicators,
        countermeasures,
        index: Default::default(),
    })
}

/// `schema = 1` is the only schema so far; absent means 1.
pub(crate) fn check_schema(r: &mut TableReader<'_, '_>, problems: &mut Vec<Problem>) {
    if let Some(s) = r.opt_number("schema", problems)
        && *s.get_ref() != 1.0
    {
        problems.push(
            r.src
                .problem(s.span(), format!("schema {} is not supported", s.get_ref()))
                .help("this version of beltscope reads `schema = 1`"),
        );
    }
}
