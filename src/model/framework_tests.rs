//! The framework reader and its embedded framework.
use super::*;

#[test]
fn embedded_framework_is_valid() {
    let fw = Framework::parse("cbec-belt.toml", DEFAULT_FRAMEWORK_TOML)
        .unwrap_or_else(|p| panic!("{}", crate::diag::render(&p)));
    assert_eq!(fw.id, DEFAULT_FRAMEWORK_ID);
    assert_eq!(
        fw.circles.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["core", "subcore", "outer"]
    );
    assert!(fw.dimensions.len() >= 12);
    assert!(fw.indicators.len() >= 36);
    assert!(fw.countermeasures.len() >= 8);
    for (d, dim) in fw.dimensions.iter().enumerate() {
        let n = fw.indicators_of_dimension(d).count();
        assert!((2..=4).contains(&n), "{} has {n} indicators", dim.id);
        assert!(
            fw.countermeasures.iter().any(|c| c.dimensions.contains(&d)),
            "no countermeasure answers {}",
            dim.id
        );
    }
    for i in &fw.indicators {
        assert!(i.bounds.is_some() && i.weight.is_some(), "{}", i.id);
        assert!(!i.description.is_empty() && !i.source.is_empty() && !i.unit.is_empty());
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
