use super::*;
use crate::engine::stats::nearest_rank;

/// Three circles: a (a1, a2), b (b1), c (c1); two positive indicators per dimension, each
/// with bounds [0, 10] so `vary_methods` also draws the normalization.
fn framework() -> Framework {
    let mut t = String::from("schema = 1\nid = \"t\"\nname = \"T\"\nversion = \"1\"\n");
    for c in ["a", "b", "c"] {
        t += &format!("\n[[circles]]\nid = \"{c}\"\nname = \"Circle {c}\"\n");
    }
    for (d, c) in [("a1", "a"), ("a2", "a"), ("b1", "b"), ("c1", "c")] {
        t += &format!("\n[[dimensions]]\nid = \"{d}\"\ncircle = \"{c}\"\nname = \"D {d}\"\n");
        for x in ["x", "y"] {
            t += &format!(
                "\n[[indicators]]\nid = \"{d}{x}\"\ndimension = \"{d}\"\nname = \"I\"\nunit = \"u\"\ndirection = \"positive\"\nbounds = [0, 10]\n"
            );
        }
    }
    match Framework::parse("t.toml", &t) {
        Ok(fw) => fw,
        Err(p) => panic!("test framework invalid: {p:?}"),
    }
}

/// Four years; the last is the best in every indicator but c1's two, where it is the worst,
/// so c1 carries its whole obstacle degree.
fn data() -> DataMatrix {
    #[rustfmt::skip]
    let values = vec![
        1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 9.0, 8.0,
        4.0, 3.0, 2.0, 5.0, 3.0, 4.0, 7.0, 9.0,
        6.0, 7.0, 5.0, 4.0, 6.0, 5.0, 5.0, 6.0,
        9.0, 9.0, 8.0, 8.0, 9.0, 9.0, 1.0, 1.0,
    ];
    DataMatrix {
        labels: ["2021", "2022", "2023", "2024"].map(String::from).to_vec(),
        n: 8,
        values,
    }
}

fn run(opts: SensitivityOptions) -> SensitivityResult {
    match sensitivity(&framework(), &data(), &Method::default(), 3, &opts) {
        Ok(r) => r,
        Err(e) => panic!("sensitivity failed: {e:?}"),
    }
}

fn opts(runs: usize, spread: f64, vary_methods: bool, seed: u64) -> SensitivityOptions {
    SensitivityOptions {
        runs,
        spread,
        vary_methods,
        seed,
    }
}

#[test]
fn competition_ranks_by_hand() {
    let (mut order, mut ranks) = (Vec::new(), Vec::new());
    // 0.9 is highest (1), then 0.7 (2); the two 0.5 have 2 higher → both 3; 0.1 has 4 → 5.
    competition_ranks(&[0.5, 0.7, 0.5, 0.9, 0.1], &mut order, &mut ranks);
    assert_eq!(ranks, [3, 2, 3, 1, 5]);
    // All equal: nobody is strictly higher.
    competition_ranks(&[0.2; 3], &mut order, &mut ranks);
    assert_eq!(ranks, [1, 1, 1]);
    competition_ranks(&[], &mut order, &mut ranks);
    assert!(ranks.is_empty());
}

#[test]
fn rank_percentiles_by_nearest_rank() {
    // Ranks of one observation over N = 4 runs, sorted: 1 1 2 3.
    // p05: ⌈0.05·4⌉ = ⌈0.2⌉ = 1st smallest = 1; p95: ⌈0.95·4⌉ = ⌈3.8⌉ = 4th = 3.
    let ranks = [1u32, 1, 2, 3];
    assert_eq!(nearest_rank(&ranks, 0.05), Some(1));
    assert_eq!(nearest_rank(&ranks, 0.95), Some(3));
    // D over N = 5 runs: 0.40 0.50 0.60 0.70 0.80. p05: h = 4·0.05 = 0.2 → 0.40 + 0.2·0.10 =
    // 0.42; p95: h = 3.8 → 0.70 + 0.8·0.10 = 0.78; median h = 2 → 0.60.
    let d = [0.4, 0.5, 0.6, 0.7, 0.8];
    assert!((percentile_linear(&d, 0.05) - 0.42).abs() < 1e-12);
    assert!((percentile_linear(&d, 0.95) - 0.78).abs() < 1e-12);
    assert_eq!(percentile_linear(&d, 0.5), 0.6);
}

#[test]
fn spread_zero_reproduces_the_base() {
    let r = run(opts(50, 0.0, false, 42));
    let fw = framework();
    let a =
        crate::engine::assess(&fw, &data(), &Method::default()).unwrap_or_else(|e| panic!("{e:?}"));
    for (i, o) in r.observations.iter().enumerate() {
        assert_eq!(o.degree.base, a.coupling[i].d, "{}", o.label);
        assert_eq!(o.level, a.coupling[i].level);
        assert_eq!(o.degree.p05, o.degree.base);
        assert_eq!(o.degree.median, o.degree.base);
        assert_eq!(o.degree.p95, o.degree.base);
        assert_eq!(o.level_kept, 1.0);
        assert_eq!((o.rank.p05, o.rank.p95), (o.rank.base, o.rank.base));
    }
    assert_eq!(r.base_weak, a.weak_dimensions[3]);
    // Every run has the base weak dimensions, so each has share 1.
    for &d in &r.base_weak {
        assert_eq!(r.weak_share(d), 1.0);
    }
}

#[test]
fn the_same_seed_gives_the_same_result() {
    let a = run(opts(200, 0.3, true, 7));
    assert_eq!(a, run(opts(200, 0.3, true, 7)));
    assert_ne!(a, run(opts(200, 0.3, true, 8)));
}

#[test]
fn bands_are_ordered_and_shares_are_fractions() {
    for vary in [false, true] {
        let r = run(opts(300, 0.5, vary, 42));
        for o in &r.observations {
            let b = o.degree;
            assert!(b.p05 <= b.median && b.median <= b.p95, "{b:?}");
            assert!(o.rank.p05 <= o.rank.p95 && o.rank.p95 <= 4);
            assert!((0.0..=1.0).contains(&o.level_kept));
        }
        let shares: Vec<f64> = r.weak_dimensions.iter().map(|&(_, s)| s).collect();
        assert!(shares.windows(2).all(|w| w[0] >= w[1]));
        assert!(shares.iter().all(|&s| s > 0.0 && s <= 1.0));
    }
}

#[test]
fn a_far_weaker_dimension_stays_weak_in_every_run() {
    let c1 = 3;
    for vary in [false, true] {
        let r = run(opts(500, 0.9, vary, 1));
        assert_eq!(r.base_weak.first(), Some(&c1));
        assert_eq!(r.weak_dimensions.first(), Some(&(c1, 1.0)), "vary {vary}");
    }
}

#[test]
fn varying_the_methods_moves_the_results() {
    // With spread 0 only the methods move: the corrected coupling lowers D, so some run leaves
    // the base level of some observation.
    let r = run(opts(200, 0.0, true, 42));
    assert!(r.observations.iter().any(|o| o.level_kept < 1.0));
    assert!(r.observations.iter().any(|o| o.degree.p05 < o.degree.base));
}

#[test]
fn bad_options_are_refused() {
    let fw = framework();
    let go = |o: SensitivityOptions| sensitivity(&fw, &data(), &Method::default(), 3, &o);
    assert_eq!(
        go(opts(0, 0.2, false, 1)),
        Err(SensitivityError::Options(OptionError::Runs(0)))
    );
    for s in [-0.1, 1.0, 1.5, f64::NAN] {
        assert!(matches!(
            go(opts(10, s, false, 1)),
            Err(SensitivityError::Options(OptionError::Spread(_)))
        ));
    }
    assert!(go(opts(1, 0.0, false, 1)).is_ok());
    assert!(go(opts(1, 0.999, false, 1)).is_ok());
}

#[test]
fn a_method_that_cannot_run_is_a_blocker() {
    let fw = framework();
    let mut one = data();
    one.labels.truncate(1);
    one.values.truncate(8);
    let r = sensitivity(
        &fw,
        &one,
        &Method::default(),
        0,
        &SensitivityOptions::default(),
    );
    assert!(matches!(r, Err(SensitivityError::Blocked(_))));
}

#[test]
fn the_focus_is_clamped_to_the_last_observation() {
    let r = sensitivity(
        &framework(),
        &data(),
        &Method::default(),
        99,
        &opts(5, 0.1, false, 1),
    );
    assert_eq!(r.map(|r| r.focus), Ok(3));
}
