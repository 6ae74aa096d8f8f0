#![no_main]
//! The engine on arbitrary finite matrices (with gaps) under arbitrary method settings:
//! imputation, assess, the re-runnable form, dynamics and sensitivity.

mod common;

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use beltscope::engine::dynamics::Layout;
use beltscope::engine::impute::{impute, series_of_labels};
use beltscope::engine::sensitivity::{SensitivityOptions, sensitivity};
use beltscope::engine::{
    self, CouplingModel, Impute, Method, Normalization, ObstacleBasis, Weighting,
};
use beltscope::model::{DataMatrix, Framework};
use libfuzzer_sys::fuzz_target;

static FRAMEWORKS: LazyLock<Vec<Framework>> = LazyLock::new(common::frameworks);

#[derive(Debug, Arbitrary)]
struct Case {
    framework: u8,
    m: u8,
    /// Cycled over the m × n cells; a non-finite one is a missing cell.
    values: Vec<f64>,
    /// Small values are common in real data and make ties and constant columns likely.
    small: bool,
    normalization: bool,
    weighting: u8,
    shift: f64,
    interval: (f64, f64),
    raw_interval: bool,
    coupling: bool,
    top: u8,
    composite: bool,
    impute: u8,
    /// 0: consecutive years, 1: years with gaps, 2: regions.
    labels: u8,
    horizon: u8,
    sensitivity: bool,
    vary_methods: bool,
    spread: f64,
    seed: u64,
}

fn label(kind: u8, i: usize) -> String {
    match kind % 3 {
        0 => format!("{}", 2015 + i),
        1 => format!("{}", 2000 + 3 * i * i),
        _ => format!("r{i}"),
    }
}

fuzz_target!(|case: Case| {
    let fw = &FRAMEWORKS[case.framework as usize % FRAMEWORKS.len()];
    let n = fw.indicators.len();
    let m = 1 + case.m as usize % 9;
    if case.values.is_empty() {
        return;
    }
    let cells: Vec<Option<f64>> = (0..m * n)
        .map(|k| {
            let x = case.values[k % case.values.len()];
            let x = if case.small && x.is_finite() {
                (x % 8.0).round()
            } else {
                x
            };
            x.is_finite().then_some(x)
        })
        .collect();
    let fraction = |x: f64| if x.is_finite() { x.abs().fract() } else { 0.0 };
    let interval = if case.raw_interval {
        case.interval
    } else {
        let (a, b) = (fraction(case.interval.0), fraction(case.interval.1));
        (a.min(b), a.max(b).max(1e-12))
    };
    let method = Method {
        normalization: if case.normalization {
            Normalization::Reference
        } else {
            Normalization::Range
        },
        weighting: [Weighting::Entropy, Weighting::Fixed, Weighting::Combined]
            [case.weighting as usize % 3],
        shift: if case.shift.is_finite() {
            case.shift.abs() % 10.0
        } else {
            case.shift
        },
        interval,
        coupling: if case.coupling {
            CouplingModel::Corrected
        } else {
            CouplingModel::Classic
        },
        top: case.top as usize % 20,
        obstacles: if case.composite {
            ObstacleBasis::Composite
        } else {
            ObstacleBasis::Global
        },
        impute: [Impute::None, Impute::Interpolate, Impute::Mean][case.impute as usize % 3],
    };
    let labels: Vec<String> = (0..m).map(|i| label(case.labels, i)).collect();
    let series = series_of_labels(&labels);
    let Ok(filled) = impute(&cells, n, &series, method.impute) else {
        return;
    };
    assert!(
        filled.values.iter().all(|x| x.is_finite()),
        "imputed a non-finite value"
    );
    let data = DataMatrix {
        labels,
        n,
        values: filled.values,
    };
    let Ok(a) = engine::assess_imputed(fw, &data, &filled.imputed, &method) else {
        return;
    };
    common::check_assessment(fw, &a);
    common::check_prepared(fw, &data, &filled.imputed, &a);
    let horizon = 1 + case.horizon as usize % 6;
    common::check_dynamics(fw, &a, &Layout::of_labels(&a.labels), horizon);
    if case.sensitivity {
        let opts = SensitivityOptions {
            runs: 5,
            spread: fraction(case.spread) * 0.99,
            vary_methods: case.vary_methods,
            seed: case.seed,
        };
        match sensitivity(fw, &data, &method, m - 1, &opts) {
            Ok(r) => {
                for o in &r.observations {
                    for x in [
                        o.degree.base,
                        o.degree.median,
                        o.degree.p05,
                        o.degree.p95,
                        o.level_kept,
                    ] {
                        assert!(x.is_finite() && (0.0..=1.0).contains(&x), "{o:?}");
                    }
                    assert!(o.rank.p05 >= 1 && o.rank.p95 <= m, "{o:?}");
                }
                for &(_, s) in &r.weak_dimensions {
                    assert!(s.is_finite() && (0.0..=1.0).contains(&s), "share {s}");
                }
            }
            Err(e) => panic!("sensitivity refused what assess scored: {e:?}"),
        }
    }
});
