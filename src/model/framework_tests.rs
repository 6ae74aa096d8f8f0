//! The framework reader and its embedded framework.
use super::*;

#[test]
fn embedded_framework_is_valid() {
    let fw = Framework::parse("cbec-belt.toml", DEFAULT_FRAMEWORK_TOML)
        .unwrap_or_else(|p| panic!("{}", crate::diag::render(&p)));
    assert_eq!(fw.id, DEFAULT_FRAMEWORK_ID);
    assert_eq!(fw.version, "2.0.0");
    assert_eq!(
        fw.circles.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["core", "subcore", "outer"]
    );
    assert_eq!(fw.dimensions.len(), 15);
    assert_eq!(fw.indicators.len(), 58);
    assert_eq!(fw.countermeasures.len(), 14);
    for (d, dim) in fw.dimensions.iter().enumerate() {
        let n = fw.indicators_of_dimension(d).count();
        assert!((3..=6).contains(&n), "{} has {n} indicators", dim.id);
    }
    // The subjective weights are a distribution over the indicators.
    let total: f64 = fw.indicators.iter().filter_map(|i| i.weight).sum();
    assert!((total - 1.0).abs() < 1e-9, "weights sum to {total}");
}

#[test]
fn every_embedded_framework_parses_under_its_own_id() {
    for (id, text) in EMBEDDED_FRAMEWORKS {
        let fw =
            Framework::parse(id, text).unwrap_or_else(|p| panic!("{}", crate::diag::render(&p)));
        assert_eq!(&fw.id, id);
        assert_eq!(Framework::embedded(id).as_ref(), Some(&fw));
    }
    let old = Framework::embedded("cbec-belt-1").map(|f| (f.version, f.indicators.len()));
    assert_eq!(old, Some(("1.0.0".to_string(), 42)));
    assert_eq!(Framework::embedded("cbec-belt-3"), None);
}

/// What an officer needs from the default framework to fill in and read a survey in either
/// language: every text in Chinese too, a unit, where the number comes from, the range it can
/// take; for every countermeasure who leads it and what it should move.
#[test]
fn the_default_framework_is_complete_in_both_languages() {
    let fw = Framework::default_framework();
    let filled = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    assert!(filled(&fw.name_zh));
    for c in &fw.circles {
        assert!(filled(&c.name_zh), "circle {}", c.id);
    }
    for d in &fw.dimensions {
        assert!(filled(&d.name_zh), "dimension {}", d.id);
    }
    for i in &fw.indicators {
        let id = &i.id;
        assert!(filled(&i.name_zh), "{id}: name_zh");
        assert!(!i.unit.is_empty() && filled(&i.unit_zh), "{id}: unit");
        assert!(
            !i.description.is_empty() && filled(&i.description_zh),
            "{id}: description"
        );
        assert!(!i.source.is_empty() && filled(&i.source_zh), "{id}: source");
        assert!(i.weight.is_some_and(|w| w > 0.0), "{id}: weight");
        match i.scale {
            // A questionnaire item is normalised on its scale: bounds or limits would clash.
            Some((lo, hi)) => {
                assert_eq!((lo, hi), (1, 5), "{id}: scale");
                assert!(
                    i.bounds.is_none() && i.min.is_none() && i.max.is_none(),
                    "{id}"
                );
            }
            // A statistic has plausible bounds inside the values that can exist at all.
            None => {
                let (lo, hi) = i.bounds.unwrap_or_else(|| panic!("{id}: bounds"));
                let min = i.min.unwrap_or_else(|| panic!("{id}: min"));
                assert!(
                    min <= lo && i.max.is_none_or(|max| hi <= max),
                    "{id}: bounds"
                );
                // A share in percent cannot pass 100; a growth rate (min −100) can.
                if i.unit == "%" && min >= 0.0 {
                    assert_eq!(i.max, Some(100.0), "{id}: max of a share");
                }
            }
        }
    }
    for (d, dim) in fw.dimensions.iter().enumerate() {
        assert!(
            fw.countermeasures.iter().any(|c| c.dimensions.contains(&d)),
            "no countermeasure answers {}",
            dim.id
        );
    }
    for c in &fw.countermeasures {
        let id = &c.id;
        assert!(
            filled(&c.title_zh) && filled(&c.text_zh),
            "{id}: Chinese text"
        );
        assert!(filled(&c.lead) && filled(&c.lead_zh), "{id}: lead");
        assert!(filled(&c.source), "{id}: source");
        assert!(!c.targets.is_empty(), "{id}: targets");
        assert!(
            c.targets
                .iter()
                .any(|&j| c.dimensions.contains(&fw.indicators[j].dimension)),
            "{id}: no target in a dimension it answers"
        );
    }
    // The three mechanisms that keep the ecosystem stable are measured in the core circle.
    for mechanism in ["benefit_distribution", "information_sharing", "symbiosis"] {
        let d = fw.dimension_index(mechanism);
        let d = d.unwrap_or_else(|| panic!("{mechanism} is not a dimension"));
        assert_eq!(
            fw.circles[fw.dimensions[d].circle].id, "core",
            "{mechanism}"
        );
        assert!(fw.indicators_of_dimension(d).count() >= 3, "{mechanism}");
    }
}

#[test]
fn circle_weights_default_to_equal_and_are_normalised() {
    let mut fw = Framework::default_framework();
    assert_eq!(fw.circle_weights(), vec![1.0 / 3.0; 3]);
    for (c, w) in fw.circles.iter_mut().zip([2.0, 1.0, 1.0]) {
        c.weight = Some(w);
    }
    assert_eq!(fw.circle_weights(), vec![0.5, 0.25, 0.25]);
}
