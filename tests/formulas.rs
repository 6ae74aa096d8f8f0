//! Every formula of docs/method.md, pinned by small cases computed by hand (the arithmetic is
//! in each test's comment), plus one end-to-end example computed independently in python.

mod common;

use beltscope::cli::Lang;
use beltscope::engine::coupling::{couple, coupling_degree};
use beltscope::engine::obstacles::{countermeasures, weak_dimensions};
use beltscope::engine::weights::entropies;
use beltscope::engine::{
    self, CouplingModel, LEVEL_NAMES, Method, Normalization, Weighting, level_name, level_of,
};
use beltscope::messages;
use beltscope::model::{DataMatrix, Framework};
use common::{Fw, close, close_all, data, neg, pos};

const EPS: f64 = 1e-12;

fn method() -> Method {
    Method::default()
}

fn with(f: impl FnOnce(&mut Method)) -> Method {
    let mut m = Method::default();
    f(&mut m);
    m
}

/// An assessment with its warnings rendered in English, as the command line prints them.
struct Assessed {
    a: engine::Assessment,
    warnings: Vec<String>,
}

impl std::ops::Deref for Assessed {
    type Target = engine::Assessment;
    fn deref(&self) -> &engine::Assessment {
        &self.a
    }
}

fn render(fw: &Framework, blockers: &[engine::Blocker]) -> String {
    let problems: Vec<_> = blockers.iter().map(|b| messages::problem(fw, b)).collect();
    beltscope::diag::render(&problems)
}

fn assess(fw: &Framework, d: &DataMatrix, m: &Method) -> Assessed {
    let a = engine::assess(fw, d, m).unwrap_or_else(|b| panic!("{}", render(fw, &b)));
    let warnings = messages::warnings(fw, &a, Lang::En);
    Assessed { a, warnings }
}

fn assess_err(fw: &Framework, d: &DataMatrix, m: &Method) -> String {
    match engine::assess(fw, d, m) {
        Ok(_) => panic!("expected the assessment to fail"),
        Err(b) => render(fw, &b),
    }
}

fn column(a: &engine::Assessment, j: usize) -> Vec<f64> {
    (0..a.m()).map(|i| a.z(i, j)).collect()
}

/// Two circles `a` and `b`, one dimension each (`da`, `db`), one indicator each.
fn two_by_one(ia: common::Ind, ib: common::Ind) -> Framework {
    Fw::new()
        .circle("a")
        .circle("b")
        .dim("da", "a")
        .dim("db", "b")
        .ind(ia)
        .ind(ib)
        .build()
}

// ---------------------------------------------------------------- normalization

#[test]
fn range_normalization_positive_and_negative() {
    // x (positive) = [2, 4, 10]: min 2, max 10, span 8
    //   z = (2-2)/8 = 0, (4-2)/8 = 0.25, (10-2)/8 = 1
    // y (negative) = [5, 1, 3]: min 1, max 5, span 4
    //   z = (5-5)/4 = 0, (5-1)/4 = 1, (5-3)/4 = 0.5
    let fw = two_by_one(pos("x", "da"), neg("y", "db"));
    let a = assess(
        &fw,
        &data(&[&[2.0, 5.0], &[4.0, 1.0], &[10.0, 3.0]]),
        &method(),
    );
    close_all(&column(&a, 0), &[0.0, 0.25, 1.0], EPS);
    close_all(&column(&a, 1), &[0.0, 1.0, 0.5], EPS);
    // o1 is the worst on both indicators, so both circles score 0 there: that is said in
    // words; the other warning is that 3 observations under range only compare each other.
    assert_eq!(a.warnings.len(), 2, "{:?}", a.warnings);
    assert!(
        a.warnings[0].contains("only 3 observations"),
        "{:?}",
        a.warnings
    );
    assert!(a.warnings[1].contains("`o1`"), "{:?}", a.warnings);
}

#[test]
fn constant_column_gets_one_and_a_warning() {
    // c = [7, 7, 7]: max = min, so z = 1 for every observation (not 0/0) and a warning;
    // its entropy is 1 exactly and its weight 0 exactly.
    let fw = two_by_one(pos("x", "da"), pos("c", "db"));
    let a = assess(
        &fw,
        &data(&[&[1.0, 7.0], &[2.0, 7.0], &[3.0, 7.0]]),
        &method(),
    );
    assert_eq!(column(&a, 1), vec![1.0, 1.0, 1.0]);
    assert!(
        a.warnings.iter().any(|w| w.contains("`c`")),
        "{:?}",
        a.warnings
    );
    let e = a.weights.entropy.as_ref().unwrap();
    assert_eq!(e[1], 1.0);
    assert_eq!(a.weights.divergence.as_ref().unwrap()[1], 0.0);
    assert_eq!(a.weights.global, vec![1.0, 0.0]);
}

#[test]
fn range_normalization_warns_about_values_outside_the_bounds() {
    // Bounds [0, 100] are not used under range, but 245 (a unit slip for 24.5) is reported,
    // naming the indicator, the count and the first observation; the scores are unchanged.
    let fw = two_by_one(pos("x", "da").bounds(0.0, 100.0), pos("y", "db"));
    let a = assess(
        &fw,
        &data(&[&[10.0, 1.0], &[245.0, 2.0], &[30.0, 3.0]]),
        &method(),
    );
    let w: Vec<&String> = a.warnings.iter().filter(|w| w.contains("`x`")).collect();
    assert_eq!(w.len(), 1, "{:?}", a.warnings);
    assert!(
        w[0].contains("1 value(s) outside") && w[0].contains("245"),
        "{}",
        w[0]
    );
    // z = (x − 10)/(245 − 10) as always.
    close_all(&column(&a, 0), &[0.0, 1.0, 20.0 / 235.0], 1e-15);
}

#[test]
fn reference_normalization_clamps() {
    // p positive, bounds [0, 100]: x = [-10, 25, 150]
    //   raw (x-0)/100 = -0.1 → clamped 0, 0.25, 1.5 → clamped 1
    // q negative, bounds [10, 30]: x = [5, 15, 40]
    //   raw (30-x)/20 = 1.25 → clamped 1, 0.75, -0.5 → clamped 0
    let fw = two_by_one(
        pos("p", "da").bounds(0.0, 100.0),
        neg("q", "db").bounds(10.0, 30.0),
    );
    let m = with(|m| m.normalization = Normalization::Reference);
    let a = assess(
        &fw,
        &data(&[&[-10.0, 5.0], &[25.0, 15.0], &[150.0, 40.0]]),
        &m,
    );
    close_all(&column(&a, 0), &[0.0, 0.25, 1.0], EPS);
    close_all(&column(&a, 1), &[1.0, 0.75, 0.0], EPS);
    for id in ["`p`", "`q`"] {
        assert!(
            a.warnings
                .iter()
                .any(|w| w.contains(id) && w.contains("clamped")),
            "{id}: {:?}",
            a.warnings
        );
    }
}

#[test]
fn reference_normalization_inside_bounds_is_not_clamped() {
    // p bounds [0, 10], x = [2.5, 5]: z = 0.25, 0.5; no warning.
    let fw = two_by_one(
        pos("p", "da").bounds(0.0, 10.0),
        pos("q", "db").bounds(0.0, 4.0),
    );
    let m = with(|m| m.normalization = Normalization::Reference);
    let a = assess(&fw, &data(&[&[2.5, 1.0], &[5.0, 3.0]]), &m);
    close_all(&column(&a, 0), &[0.25, 0.5], EPS);
    close_all(&column(&a, 1), &[0.25, 0.75], EPS);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn interval_mapping_includes_the_constant_column() {
    // [LO, HI] = [0.1, 0.9]: z' = 0.1 + 0.8 z
    // x = [2, 4, 10] → z = [0, 0.25, 1] → z' = [0.1, 0.3, 0.9]
    // constant c = [7, 7, 7] → z = 1 → z' = 0.9 (HI), not 1
    let fw = Fw::new()
        .circle("a")
        .circle("b")
        .dim("da", "a")
        .dim("db", "b")
        .ind(pos("x", "da"))
        .ind(pos("y", "db"))
        .ind(pos("c", "db"))
        .build();
    let m = with(|m| m.interval = (0.1, 0.9));
    let a = assess(
        &fw,
        &data(&[&[2.0, 1.0, 7.0], &[4.0, 2.0, 7.0], &[10.0, 3.0, 7.0]]),
        &m,
    );
    close_all(&column(&a, 0), &[0.1, 0.3, 0.9], EPS);
    close_all(&column(&a, 2), &[0.9, 0.9, 0.9], EPS);
    // y = [1, 2, 3] → z = [0, 0.5, 1] → [0.1, 0.5, 0.9]
    close_all(&column(&a, 1), &[0.1, 0.5, 0.9], EPS);
    // The constant column still has entropy exactly 1 after mapping.
    assert_eq!(a.weights.entropy.as_ref().unwrap()[2], 1.0);
}

#[test]
fn interval_mapping_of_reference_values_after_clamping() {
    // bounds [0, 100], x = [150, 50] → clamp → z = [1, 0.5] → [0.002, 0.998]:
    // 0.002 + 0.996·1 = 0.998 and 0.002 + 0.996·0.5 = 0.5
    let fw = two_by_one(
        pos("p", "da").bounds(0.0, 100.0),
        pos("q", "db").bounds(0.0, 1.0),
    );
    let m = with(|m| {
        m.normalization = Normalization::Reference;
        m.interval = (0.002, 0.998);
    });
    let a = assess(&fw, &data(&[&[150.0, 0.0], &[50.0, 1.0]]), &m);
    close_all(&column(&a, 0), &[0.998, 0.5], EPS);
    close_all(&column(&a, 1), &[0.002, 0.998], EPS);
}

// ---------------------------------------------------------------- entropy weights

/// The 3×2 matrix used by the entropy tests: column 1 x = [0, 1, 2] → z = [0, 0.5, 1];
/// column 2 x = [0, 3, 4] → z = [0, 0.75, 1].
fn three_by_two() -> (Framework, DataMatrix) {
    let fw = two_by_one(pos("x", "da"), pos("y", "db"));
    (fw, data(&[&[0.0, 0.0], &[1.0, 3.0], &[2.0, 4.0]]))
}

#[test]
fn entropy_on_a_three_by_two_matrix() {
    // Column 1: z = [0, 0.5, 1], Σ = 1.5, p = [0, 1/3, 2/3]
    //   Σ p ln p = 0·ln 0 + (1/3) ln(1/3) + (2/3) ln(2/3)
    //            = -(1/3)(1.0986123) + (2/3)(-0.4054651) = -0.3662041 - 0.2703101 = -0.6365142
    //   e1 = 0.6365142 / ln 3 = 0.6365142 / 1.0986123 = 0.5793802, d1 = 0.4206198
    // Column 2: z = [0, 0.75, 1], Σ = 1.75, p = [0, 3/7, 4/7]
    //   Σ p ln p = (3/7) ln(3/7) + (4/7) ln(4/7)
    //            = 0.4285714·(-0.8472979) + 0.5714286·(-0.5596158) = -0.3631277 - 0.3197805
    //            = -0.6829082
    //   e2 = 0.6829082 / 1.0986123 = 0.6216097, d2 = 0.3783903
    // w1 = 0.4206198 / (0.4206198 + 0.3783903) = 0.5264262, w2 = 0.4735738
    // (python: 0.5793801642856949, 0.6216097450797566, 0.5264261874093006, 0.47357381259069936)
    let (fw, d) = three_by_two();
    let a = assess(&fw, &d, &method());
    let e = a.weights.entropy.as_ref().unwrap();
    close_all(e, &[0.5793801642856949, 0.6216097450797566], EPS);
    close_all(
        a.weights.divergence.as_ref().unwrap(),
        &[1.0 - 0.5793801642856949, 1.0 - 0.6216097450797566],
        EPS,
    );
    close_all(
        &a.weights.global,
        &[0.5264261874093006, 0.47357381259069936],
        EPS,
    );
    // The same through the pure function.
    let z = [0.0, 0.0, 0.5, 0.75, 1.0, 1.0];
    close_all(
        &entropies(&z, 3, 2, 0.0),
        &[0.5793801642856949, 0.6216097450797566],
        EPS,
    );
}

#[test]
fn zero_ln_zero_is_zero() {
    // z = [0, 0, 1]: p = [0, 0, 1]; Σ p ln p = 0·ln0 + 0·ln0 + 1·ln1 = 0 → e = 0, d = 1.
    // A NaN would appear if 0·ln 0 were evaluated literally.
    let e = entropies(&[0.0, 0.0, 1.0], 3, 1, 0.0);
    assert_eq!(e, vec![0.0]);
    // z = [0, 1]: p = [0, 1] → e = 0 as well (m = 2).
    assert_eq!(entropies(&[0.0, 1.0], 2, 1, 0.0), vec![0.0]);
}

#[test]
fn equal_proportions_have_entropy_one_exactly() {
    // A constant column, with and without a shift: every p = 1/m, e = 1 exactly (not
    // 0.9999999999999998 from ln(1/3)/ln 3 rounding), so d = 0 exactly.
    for shift in [0.0, 0.01, 1.0] {
        let e = entropies(&[0.3, 0.3, 0.3], 3, 1, shift);
        assert_eq!(e, vec![1.0], "shift {shift}");
    }
    // 7 equal values: ln(1/7)·7/7 / ln 7 rounding would not give exactly 1.
    assert_eq!(entropies(&[0.1; 7], 7, 1, 0.0), vec![1.0]);
}

#[test]
fn all_zero_column_under_reference_with_shift_zero() {
    // r bounds [10, 20], x = [5, 8, 10] → raw (x-10)/10 = -0.5, -0.2, 0 → clamped z = 0, 0, 0.
    // q = z + 0 = 0 everywhere: Σ q = 0 so p = 0/0 — the column is constant, e = 1 exactly,
    // d = 0, weight 0 (not NaN).
    let fw = two_by_one(
        pos("x", "da").bounds(0.0, 10.0),
        pos("r", "db").bounds(10.0, 20.0),
    );
    let m = with(|m| m.normalization = Normalization::Reference);
    let a = assess(&fw, &data(&[&[1.0, 5.0], &[2.0, 8.0], &[4.0, 10.0]]), &m);
    assert_eq!(column(&a, 1), vec![0.0, 0.0, 0.0]);
    let e = a.weights.entropy.as_ref().unwrap();
    assert_eq!(e[1], 1.0);
    assert_eq!(a.weights.global[1], 0.0);
    assert_eq!(a.weights.global[0], 1.0);
    // Circle b's only indicator has weight 0: its score is the plain mean (0), with a warning.
    assert_eq!(a.circles(0)[1], 0.0);
    assert!(
        a.warnings.iter().any(|w| w.contains("`db`")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn shift_changes_only_the_proportions_not_the_scores() {
    // shift 1 on column 1: q = [1, 1.5, 2], Σ = 4.5, p = [2/9, 1/3, 4/9]
    //   Σ p ln p = (2/9)ln(2/9) + (1/3)ln(1/3) + (4/9)ln(4/9)
    //            = 0.2222·(-1.5041) + 0.3333·(-1.0986) + 0.4444·(-0.8109)
    //            = -0.33424 - 0.36620 - 0.36040 = -1.06085
    //   e1 = 1.06085 / 1.09861 = 0.965634 (python: 0.965633607142825)
    // The normalized z stay [0, 0.5, 1] (never z + shift), and each one-indicator dimension
    // scores exactly its z.
    let (fw, d) = three_by_two();
    let a0 = assess(&fw, &d, &method());
    let a1 = assess(&fw, &d, &with(|m| m.shift = 1.0));
    assert_eq!(a0.normalized, a1.normalized);
    close(
        a1.weights.entropy.as_ref().unwrap()[0],
        0.965633607142825,
        EPS,
    );
    assert_ne!(a0.weights.global, a1.weights.global);
    for a in [&a0, &a1] {
        for i in 0..3 {
            assert_eq!(a.dimensions(i)[0], a.z(i, 0));
            assert_eq!(a.circles(i)[1], a.z(i, 1));
        }
    }
}

#[test]
fn fixed_weights_are_normalised_and_have_no_entropy() {
    // weights 2, 1, 1 → sum 4 → 0.5, 0.25, 0.25
    let fw = Fw::new()
        .circle("a")
        .circle("b")
        .dim("da", "a")
        .dim("db", "b")
        .ind(pos("x", "da").weight(2.0))
        .ind(pos("y", "db").weight(1.0))
        .ind(pos("z", "db").weight(1.0))
        .build();
    let m = with(|m| m.weighting = Weighting::Fixed);
    let a = assess(&fw, &data(&[&[1.0, 2.0, 3.0], &[2.0, 1.0, 5.0]]), &m);
    assert_eq!(a.weights.global, vec![0.5, 0.25, 0.25]);
    assert!(a.weights.entropy.is_none());
    assert!(a.weights.divergence.is_none());
}

#[test]
fn combined_weights_multiply_entropy_and_fixed() {
    // entropy weights (3×2 matrix above) w_e = [0.5264262, 0.4735738]; fixed 1 and 3 → [0.25, 0.75]
    // products: 0.5264262·0.25 = 0.1316065, 0.4735738·0.75 = 0.3551804; Σ = 0.4867869
    // w = [0.1316065/0.4867869, 0.3551804/0.4867869] = [0.2703576, 0.7296424]
    // (python: 0.27035761469819636, 0.7296423853018037)
    let fw = two_by_one(pos("x", "da").weight(1.0), pos("y", "db").weight(3.0));
    let (_, d) = three_by_two();
    let a = assess(&fw, &d, &with(|m| m.weighting = Weighting::Combined));
    close_all(
        &a.weights.global,
        &[0.27035761469819636, 0.7296423853018037],
        EPS,
    );
    // The entropies are still reported.
    close_all(
        a.weights.entropy.as_ref().unwrap(),
        &[0.5793801642856949, 0.6216097450797566],
        EPS,
    );
}

// ---------------------------------------------------------------- group scores

/// Circle a: dimension d1 (a1, a2); circle b: dimension d2 (b1). Reference bounds [0, 10].
fn group_fw(wa1: f64, wa2: f64, wb1: f64) -> Framework {
    Fw::new()
        .circle("a")
        .circle("b")
        .dim("d1", "a")
        .dim("d2", "b")
        .ind(pos("a1", "d1").bounds(0.0, 10.0).weight(wa1))
        .ind(pos("a2", "d1").bounds(0.0, 10.0).weight(wa2))
        .ind(pos("b1", "d2").bounds(0.0, 10.0).weight(wb1))
        .build()
}

fn fixed_reference() -> Method {
    with(|m| {
        m.weighting = Weighting::Fixed;
        m.normalization = Normalization::Reference;
    })
}

#[test]
fn group_score_is_the_weighted_mean() {
    // weights 3, 1, 4 → w = [3/8, 1/8, 4/8]; x = [2, 6, 5] → z = [0.2, 0.6, 0.5]
    // S_d1 = (3/8·0.2 + 1/8·0.6) / (4/8) = (0.075 + 0.075) / 0.5 = 0.3
    // S_d2 = (4/8·0.5) / (4/8) = 0.5; U = [0.3, 0.5]
    // One observation is fine with fixed weights and reference bounds.
    let fw = group_fw(3.0, 1.0, 4.0);
    let a = assess(&fw, &data(&[&[2.0, 6.0, 5.0]]), &fixed_reference());
    close_all(a.dimensions(0), &[0.3, 0.5], EPS);
    close_all(a.circles(0), &[0.3, 0.5], EPS);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn group_with_zero_weight_sum_uses_the_plain_mean() {
    // weights 0, 0, 1: Σ_{d1} w = 0 → S_d1 = plain mean of z = (0.2 + 0.6)/2 = 0.4,
    // and the same for circle a; warnings name both.
    let fw = group_fw(0.0, 0.0, 1.0);
    let a = assess(&fw, &data(&[&[2.0, 6.0, 5.0]]), &fixed_reference());
    close_all(a.dimensions(0), &[0.4, 0.5], EPS);
    close_all(a.circles(0), &[0.4, 0.5], EPS);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("dimension `d1`") && w.contains("plain mean")),
        "{:?}",
        a.warnings
    );
    assert!(
        a.warnings.iter().any(|w| w.contains("circle `a`")),
        "{:?}",
        a.warnings
    );
}

// ---------------------------------------------------------------- coupling

#[test]
fn classic_coupling_two_circles() {
    // U = (0.2, 0.8): C = 2·sqrt(0.2·0.8)/(0.2+0.8) = 2·sqrt(0.16)/1 = 2·0.4 = 0.8
    close(
        coupling_degree(&[0.2, 0.8], CouplingModel::Classic),
        0.8,
        EPS,
    );
    // U = (0.5, 0.5): C = 2·0.5/1 = 1
    close(
        coupling_degree(&[0.5, 0.5], CouplingModel::Classic),
        1.0,
        EPS,
    );
}

#[test]
fn classic_coupling_three_circles() {
    // U = (0.1, 0.2, 0.4): Π = 0.008, ∛0.008 = 0.2, Σ = 0.7 → C = 3·0.2/0.7 = 0.857142857...
    close(
        coupling_degree(&[0.1, 0.2, 0.4], CouplingModel::Classic),
        6.0 / 7.0,
        EPS,
    );
}

#[test]
fn classic_coupling_zero_cases() {
    // Σ U = 0 → C = 0 by definition (not 0/0).
    assert_eq!(coupling_degree(&[0.0, 0.0], CouplingModel::Classic), 0.0);
    assert_eq!(
        coupling_degree(&[0.0, 0.0, 0.0], CouplingModel::Classic),
        0.0
    );
    // Any U = 0 → Π = 0 → C = 0.
    assert_eq!(
        coupling_degree(&[0.0, 0.5, 0.7], CouplingModel::Classic),
        0.0
    );
    assert_eq!(coupling_degree(&[0.9, 0.0], CouplingModel::Classic), 0.0);
}

#[test]
fn corrected_coupling_two_circles() {
    // Wang et al. (2021), n = 2, U = (0.2, 0.8):
    //   spread = |0.2-0.8| = 0.6; Σ_{s=1}^{1} s = 1 → 1 - 0.6 = 0.4
    //   max = 0.8; Π U/max = 0.25·1 = 0.25; ^(1/(n-1)) = ^1 → 0.25
    //   C = sqrt(0.4·0.25) = sqrt(0.1) = 0.316227766...
    close(
        coupling_degree(&[0.2, 0.8], CouplingModel::Corrected),
        0.1f64.sqrt(),
        EPS,
    );
}

#[test]
fn corrected_coupling_three_circles() {
    // U = (0.2, 0.4, 0.8): spread = 0.2 + 0.6 + 0.4 = 1.2; Σ_{s=1}^{2} s = 3 → 1 - 0.4 = 0.6
    //   ratios 0.25·0.5·1 = 0.125; ^(1/2) = 0.3535534
    //   C = sqrt(0.6·0.3535534) = sqrt(0.2121320) = 0.4605779
    let want = (0.6 * 0.125f64.sqrt()).sqrt();
    close(want, 0.4605779, 1e-7);
    close(
        coupling_degree(&[0.2, 0.4, 0.8], CouplingModel::Corrected),
        want,
        EPS,
    );
}

#[test]
fn corrected_coupling_four_circles() {
    // U = (0.5, 0.5, 0.5, 1.0): spread = 3·|0.5-1| + 0 = 1.5; Σ_{s=1}^{3} s = 6 → 1 - 0.25 = 0.75
    //   ratios 0.5³ = 0.125; ^(1/3) = 0.5 → C = sqrt(0.75·0.5) = sqrt(0.375) = 0.6123724
    close(
        coupling_degree(&[0.5, 0.5, 0.5, 1.0], CouplingModel::Corrected),
        0.375f64.sqrt(),
        EPS,
    );
    // U = (0.2, 0.4, 0.6, 0.8): spread = .2+.4+.6+.2+.4+.2 = 2.0 → 1 - 2/6 = 2/3
    //   ratios .25·.5·.75·1 = 0.09375; ^(1/3) = 0.4542801 → C = sqrt(2/3·0.4542801)
    //   = sqrt(0.3028534) = 0.5503212
    let want = (2.0 / 3.0 * 0.09375f64.powf(1.0 / 3.0)).sqrt();
    close(want, 0.5503212, 1e-7);
    close(
        coupling_degree(&[0.2, 0.4, 0.6, 0.8], CouplingModel::Corrected),
        want,
        EPS,
    );
}

#[test]
fn corrected_coupling_edges() {
    // max U = 0 → C = 0; equal U → spread 0, ratios 1 → C = 1; any U = 0 → product 0 → C = 0.
    assert_eq!(
        coupling_degree(&[0.0, 0.0, 0.0], CouplingModel::Corrected),
        0.0
    );
    close(
        coupling_degree(&[0.3, 0.3, 0.3], CouplingModel::Corrected),
        1.0,
        EPS,
    );
    assert_eq!(coupling_degree(&[0.0, 0.6], CouplingModel::Corrected), 0.0);
}

#[test]
fn coordination_t_with_circle_weights_and_d() {
    // U = (0.2, 0.8), β = (0.75, 0.25): T = 0.75·0.2 + 0.25·0.8 = 0.15 + 0.2 = 0.35
    // classic C = 0.8 → D = sqrt(0.8·0.35) = sqrt(0.28) = 0.5291503 → level floor(5.29)+1 = 6
    let c = couple(&[0.2, 0.8], &[0.75, 0.25], CouplingModel::Classic);
    close(c.c, 0.8, EPS);
    close(c.t, 0.35, EPS);
    close(c.d, 0.28f64.sqrt(), EPS);
    assert_eq!(c.level, 6);
    assert_eq!(level_name(c.level), "barely coordinated");
    // corrected C = sqrt(0.1) → D = sqrt(0.3162278·0.35) = sqrt(0.1106797) = 0.3326855 → level 4
    let c = couple(&[0.2, 0.8], &[0.75, 0.25], CouplingModel::Corrected);
    close(c.d, (0.1f64.sqrt() * 0.35).sqrt(), EPS);
    assert_eq!(c.level, 4);
}

#[test]
fn circle_weights_come_from_the_framework() {
    // circle weights 3 and 1 → β = (0.75, 0.25); absent → equal.
    let fw = Fw::new()
        .weighted_circle("a", 3.0)
        .weighted_circle("b", 1.0)
        .dim("da", "a")
        .dim("db", "b")
        .ind(pos("x", "da").bounds(0.0, 10.0).weight(1.0))
        .ind(pos("y", "db").bounds(0.0, 10.0).weight(1.0))
        .build();
    assert_eq!(fw.circle_weights(), vec![0.75, 0.25]);
    // x = 2, y = 8 → U = (0.2, 0.8), T = 0.35 as above.
    let a = assess(&fw, &data(&[&[2.0, 8.0]]), &fixed_reference());
    assert_eq!(a.circle_weights, vec![0.75, 0.25]);
    close(a.coupling[0].t, 0.35, EPS);
    close(a.coupling[0].c, 0.8, EPS);
    let eq = two_by_one(pos("x", "da"), pos("y", "db"));
    assert_eq!(eq.circle_weights(), vec![0.5, 0.5]);
}

#[test]
fn level_boundaries() {
    // level = min(10, floor(10·D) + 1): every tenth starts a new level, 1.0 stays at 10.
    for k in 0..10u8 {
        let d = f64::from(k) / 10.0;
        assert_eq!(level_of(d), k + 1, "D = {d}");
        assert_eq!(level_of(d + 0.05), k + 1, "D = {}", d + 0.05);
        if k > 0 {
            assert_eq!(level_of(d - 1e-9), k, "D = {}", d - 1e-9);
        }
    }
    assert_eq!(level_of(1.0), 10);
    let names: Vec<&str> = (1..=10).map(level_name).collect();
    assert_eq!(names, LEVEL_NAMES);
    assert_eq!(names[0], "extreme disorder");
    assert_eq!(names[4], "on the verge of disorder");
    assert_eq!(names[9], "high-quality coordination");
}

#[test]
fn lagging_is_strictly_more_than_a_tenth_below_the_best() {
    // U = (0.1, 0.0, 0.05): max - U = 0, 0.1 (exactly 0.1 in f64: not > 0.1), 0.05 → none lag
    let c = couple(&[0.1, 0.0, 0.05], &[1.0 / 3.0; 3], CouplingModel::Classic);
    assert!(c.lagging.is_empty(), "{:?}", c.lagging);
    // U = (0.3, 0.15, 0.25): 0.15 > 0.1 lags, 0.05 does not
    let c = couple(&[0.3, 0.15, 0.25], &[1.0 / 3.0; 3], CouplingModel::Classic);
    assert_eq!(c.lagging, vec![1]);
    // U = (0.2, 0.8, 0.65, 0.69): 0.6 and 0.15 and 0.11 lag
    let c = couple(&[0.2, 0.8, 0.65, 0.69], &[0.25; 4], CouplingModel::Classic);
    assert_eq!(c.lagging, vec![0, 2, 3]);
}

// ---------------------------------------------------------------- obstacles

/// Circle a: d1 (a1, a2), d2 (a3); circle b: d3 (b1). Fixed weights .4 .2 .2 .2, bounds [0, 1].
fn obstacle_fw() -> Framework {
    Fw::new()
        .circle("a")
        .circle("b")
        .dim("d1", "a")
        .dim("d2", "a")
        .dim("d3", "b")
        .ind(pos("a1", "d1").bounds(0.0, 1.0).weight(0.4))
        .ind(pos("a2", "d1").bounds(0.0, 1.0).weight(0.2))
        .ind(pos("a3", "d2").bounds(0.0, 1.0).weight(0.2))
        .ind(pos("b1", "d3").bounds(0.0, 1.0).weight(0.2))
        .cm("m_d3", &["d3"])
        .cm("m_d1", &["d1"])
        .cm("m_d2", &["d2"])
        .build()
}

#[test]
fn obstacle_degrees_of_indicators_dimensions_and_circles() {
    // z = x = [0.5, 0, 1, 0.75]; gaps w(1-z) = .4·.5 = .2, .2·1 = .2, .2·0 = 0, .2·.25 = .05
    // Σ = 0.45 → O = [.2/.45, .2/.45, 0, .05/.45] = [4/9, 4/9, 0, 1/9]
    // dimensions d1 = 8/9, d2 = 0, d3 = 1/9; circles a = 8/9, b = 1/9
    // weak (O > 0): d1, d3 (d2 has 0, so it is never weak); countermeasures m_d1, m_d3.
    let fw = obstacle_fw();
    let a = assess(&fw, &data(&[&[0.5, 0.0, 1.0, 0.75]]), &fixed_reference());
    let o = a.obstacles_of(0);
    close_all(
        &o.indicators(),
        &[4.0 / 9.0, 4.0 / 9.0, 0.0, 1.0 / 9.0],
        EPS,
    );
    close_all(o.dimensions, &[8.0 / 9.0, 0.0, 1.0 / 9.0], EPS);
    close_all(o.circles, &[8.0 / 9.0, 1.0 / 9.0], EPS);
    assert_eq!(a.weak_dimensions[0], vec![0, 2]);
    assert_eq!(a.countermeasures[0], vec![1, 0]);
}

#[test]
fn obstacles_are_all_zero_when_every_z_is_one() {
    // z = 1 everywhere: every gap is 0, Σ = 0 → all O = 0 (not NaN), nothing weak.
    let fw = obstacle_fw();
    let a = assess(&fw, &data(&[&[1.0, 1.0, 1.0, 1.0]]), &fixed_reference());
    let o = a.obstacles_of(0);
    assert_eq!(o.indicators(), vec![0.0; 4]);
    assert_eq!(o.dimensions, vec![0.0; 3]);
    assert_eq!(o.circles, vec![0.0; 2]);
    assert!(a.weak_dimensions[0].is_empty());
    assert!(a.countermeasures[0].is_empty());
}

#[test]
fn weak_dimensions_tie_breaks() {
    // obstacles [0.3, 0.3, 0.3, 0.1, 0], scores [0.5, 0.5, 0.2, 0.9, 0.1]
    // equal obstacle 0.3: lowest score first (mid, 0.2), then equal scores by id (alpha < zeta);
    // then beta (0.1); omega has obstacle 0 and is never weak.
    let fw = Fw::new()
        .circle("a")
        .circle("b")
        .dim("zeta", "a")
        .dim("alpha", "a")
        .dim("mid", "b")
        .dim("beta", "b")
        .dim("omega", "b")
        .ind(pos("i1", "zeta"))
        .ind(pos("i2", "alpha"))
        .ind(pos("i3", "mid"))
        .ind(pos("i4", "beta"))
        .ind(pos("i5", "omega"))
        .build();
    let o = [0.3, 0.3, 0.3, 0.1, 0.0];
    let s = [0.5, 0.5, 0.2, 0.9, 0.1];
    assert_eq!(weak_dimensions(&fw, &o, &s, 5), vec![2, 1, 0, 3]);
    assert_eq!(weak_dimensions(&fw, &o, &s, 3), vec![2, 1, 0]);
    assert_eq!(weak_dimensions(&fw, &o, &s, 1), vec![2]);
    assert_eq!(weak_dimensions(&fw, &o, &s, 0), Vec::<usize>::new());
}

#[test]
fn weak_dimension_ties_through_the_engine() {
    // Two dimensions, one indicator each, equal fixed weights and equal z = 0.5:
    // gaps .5·.5 each → O = 0.5 and 0.5 exactly, scores 0.5 and 0.5 → id order: "a_dim" < "b_dim"
    // although b_dim comes first in the framework.
    let fw = Fw::new()
        .circle("a")
        .circle("b")
        .dim("b_dim", "a")
        .dim("a_dim", "b")
        .ind(pos("x", "b_dim").bounds(0.0, 2.0).weight(1.0))
        .ind(pos("y", "a_dim").bounds(0.0, 2.0).weight(1.0))
        .cm("first", &["b_dim"])
        .cm("second", &["a_dim"])
        .build();
    let a = assess(&fw, &data(&[&[1.0, 1.0]]), &fixed_reference());
    assert_eq!(a.obstacles_of(0).dimensions, vec![0.5, 0.5]);
    assert_eq!(a.weak_dimensions[0], vec![1, 0]);
    assert_eq!(a.countermeasures[0], vec![1, 0]);
}

#[test]
fn top_zero_gives_no_weak_dimensions_and_no_countermeasures() {
    let fw = obstacle_fw();
    let m = with(|m| {
        m.weighting = Weighting::Fixed;
        m.normalization = Normalization::Reference;
        m.top = 0;
    });
    let a = assess(&fw, &data(&[&[0.5, 0.0, 1.0, 0.75]]), &m);
    assert!(a.weak_dimensions[0].is_empty());
    assert!(a.countermeasures[0].is_empty());
    // The obstacle degrees are still computed.
    close(a.obstacles_of(0).indicators().iter().sum::<f64>(), 1.0, EPS);
}

#[test]
fn countermeasure_order() {
    // Framework order: c1 → [d3], c2 → [d1, d3], c3 → [d2], c4 → [d1], c5 → [d4].
    // weak = [d1, d3, d2] (ranks 0, 1, 2):
    //   c1 best rank 1; c2 min(0, 1) = 0; c3 2; c4 0; c5 none (d4 is not weak)
    // → c2, c4 (rank 0, framework order), c1, c3; c2 appears once although it answers two.
    let fw = Fw::new()
        .circle("a")
        .circle("b")
        .dim("d1", "a")
        .dim("d2", "a")
        .dim("d3", "b")
        .dim("d4", "b")
        .ind(pos("i1", "d1"))
        .ind(pos("i2", "d2"))
        .ind(pos("i3", "d3"))
        .ind(pos("i4", "d4"))
        .cm("c1", &["d3"])
        .cm("c2", &["d1", "d3"])
        .cm("c3", &["d2"])
        .cm("c4", &["d1"])
        .cm("c5", &["d4"])
        .build();
    let weak = [0, 2, 1];
    let got: Vec<&str> = countermeasures(&fw, &weak)
        .into_iter()
        .map(|c| fw.countermeasures[c].id.as_str())
        .collect();
    assert_eq!(got, ["c2", "c4", "c1", "c3"]);
    assert!(countermeasures(&fw, &[]).is_empty());
    // weak = [d4]: only c5.
    assert_eq!(countermeasures(&fw, &[3]), vec![4]);
}

// ---------------------------------------------------------------- errors

#[test]
fn one_observation_with_entropy_weights_is_an_error() {
    let fw = two_by_one(pos("x", "da"), pos("y", "db"));
    let msg = assess_err(&fw, &data(&[&[1.0, 2.0]]), &method());
    assert!(msg.contains("2 observations"), "{msg}");
    let m = with(|m| m.weighting = Weighting::Combined);
    let fwc = two_by_one(pos("x", "da").weight(1.0), pos("y", "db").weight(1.0));
    let msg = assess_err(&fwc, &data(&[&[1.0, 2.0]]), &m);
    assert!(msg.contains("2 observations"), "{msg}");
}

#[test]
fn every_divergence_zero_is_an_error() {
    // Both columns constant → every e = 1, d = 0 → Σ d = 0: entropy weights are undefined.
    let fw = two_by_one(pos("x", "da"), pos("y", "db"));
    let msg = assess_err(
        &fw,
        &data(&[&[1.0, 2.0], &[1.0, 2.0], &[1.0, 2.0]]),
        &method(),
    );
    assert!(msg.contains("entropy"), "{msg}");
    // Copied rows under reference bounds too.
    let fw = two_by_one(
        pos("x", "da").bounds(0.0, 5.0),
        pos("y", "db").bounds(0.0, 5.0),
    );
    let m = with(|m| m.normalization = Normalization::Reference);
    assess_err(&fw, &data(&[&[1.0, 2.0], &[1.0, 2.0]]), &m);
}

#[test]
fn reference_without_bounds_is_an_error_naming_the_indicator() {
    let fw = two_by_one(pos("x", "da").bounds(0.0, 1.0), pos("nob", "db"));
    let m = with(|m| m.normalization = Normalization::Reference);
    let msg = assess_err(&fw, &data(&[&[0.1, 2.0], &[0.2, 3.0]]), &m);
    assert!(msg.contains("`nob`") && msg.contains("bounds"), "{msg}");
    assert!(!msg.contains("`x`"), "{msg}");
}

#[test]
fn fixed_weights_missing_negative_or_all_zero_are_errors() {
    let d = data(&[&[1.0, 2.0], &[2.0, 1.0]]);
    let fixed = with(|m| m.weighting = Weighting::Fixed);
    // missing
    let fw = two_by_one(pos("x", "da").weight(1.0), pos("nw", "db"));
    let msg = assess_err(&fw, &d, &fixed);
    assert!(msg.contains("`nw`") && msg.contains("weight"), "{msg}");
    let msg = assess_err(&fw, &d, &with(|m| m.weighting = Weighting::Combined));
    assert!(msg.contains("`nw`"), "{msg}");
    // negative: the loader already refuses it, so build it in code
    let mut fw = two_by_one(pos("x", "da").weight(1.0), pos("y", "db").weight(1.0));
    fw.indicators[1].weight = Some(-0.5);
    let msg = assess_err(&fw, &d, &fixed);
    assert!(msg.contains("`y`") && msg.contains("negative"), "{msg}");
    // all zero
    let fw = two_by_one(pos("x", "da").weight(0.0), pos("y", "db").weight(0.0));
    let msg = assess_err(&fw, &d, &fixed);
    assert!(msg.contains("0"), "{msg}");
    // ... but one positive weight is enough
    let fw = two_by_one(pos("x", "da").weight(0.0), pos("y", "db").weight(2.0));
    let a = assess(&fw, &d, &fixed);
    assert_eq!(a.weights.global, vec![0.0, 1.0]);
}

#[test]
fn negative_weights_are_refused_by_the_loader() {
    let text = Fw::new()
        .circle("a")
        .circle("b")
        .dim("da", "a")
        .dim("db", "b")
        .ind(pos("x", "da").weight(-1.0))
        .ind(pos("y", "db"))
        .toml();
    let p = Framework::parse("t.toml", &text).unwrap_err();
    assert!(
        beltscope::diag::render(&p).contains("negative"),
        "{}",
        beltscope::diag::render(&p)
    );
}

// ---------------------------------------------------------------- an end-to-end example

/// Independent python computation (no published source): 4 observations × 4 indicators,
/// circle a = {a1+, a2-}, circle b = {b1+, b2+}, one dimension each, equal β, range
/// normalization, entropy weights, classic and corrected C.
///
/// ```python
/// from math import log, sqrt, floor
/// X = [[10, 5, 100, 0.3], [20, 3, 120, 0.5], [15, 4, 180, 0.4], [30, 2, 160, 0.9]]
/// pos = [True, False, True, True]
/// m, n = len(X), len(X[0])
/// Z = [[0.0] * n for _ in range(m)]
/// for j in range(n):
///     col = [X[i][j] for i in range(m)]; lo, hi = min(col), max(col)
///     for i in range(m):
///         Z[i][j] = (X[i][j]-lo)/(hi-lo) if pos[j] else (hi-X[i][j])/(hi-lo)
/// E = []
/// for j in range(n):
///     s = sum(Z[i][j] for i in range(m))
///     E.append(-sum((Z[i][j]/s)*log(Z[i][j]/s) for i in range(m) if Z[i][j] > 0) / log(m))
/// D = [1 - e for e in E]; W = [d / sum(D) for d in D]
/// for i in range(m):
///     U = [sum(W[j]*Z[i][j] for j in c) / sum(W[j] for j in c) for c in [[0, 1], [2, 3]]]
///     Cc = 2*sqrt(U[0]*U[1])/(U[0]+U[1]) if sum(U) > 0 else 0.0
///     mx = max(U)
///     Cw = sqrt((1-abs(U[0]-U[1]))*(U[0]/mx)*(U[1]/mx)) if mx > 0 else 0.0
///     T = 0.5*U[0] + 0.5*U[1]; Dd = sqrt(Cc*T)
///     gap = [W[j]*(1-Z[i][j]) for j in range(n)]
///     O = [g/sum(gap) for g in gap] if sum(gap) > 0 else [0.0]*n
///     print(i, U, Cc, Cw, T, Dd, min(10, floor(10*Dd)+1), O)
/// print(E, W)
/// ```
#[test]
fn independent_python_example() {
    let fw = Fw::new()
        .circle("a")
        .circle("b")
        .dim("da", "a")
        .dim("db", "b")
        .ind(pos("a1", "da"))
        .ind(neg("a2", "da"))
        .ind(pos("b1", "db"))
        .ind(pos("b2", "db"))
        .build();
    let d = data(&[
        &[10.0, 5.0, 100.0, 0.3],
        &[20.0, 3.0, 120.0, 0.5],
        &[15.0, 4.0, 180.0, 0.4],
        &[30.0, 2.0, 160.0, 0.9],
    ]);
    let a = assess(&fw, &d, &method());
    let b = assess(&fw, &d, &with(|m| m.coupling = CouplingModel::Corrected));
    const TOL: f64 = 1e-12;
    close_all(
        a.weights.entropy.as_ref().unwrap(),
        &[
            0.6893917467430878,
            0.7295739585136225,
            0.7028195311147832,
            0.6121972227029931,
        ],
        TOL,
    );
    close_all(
        &a.weights.global,
        &[
            0.24534277228879797,
            0.21360370827775765,
            0.23473645449490774,
            0.30631706493853655,
        ],
        TOL,
    );
    // (U, classic C, corrected C, T, D classic, level)
    let rows: [([f64; 2], f64, f64, f64, f64, u8); 4] = [
        ([0.0, 0.0], 0.0, 0.0, 0.0, 0.0, 1),
        (
            [0.5775703040632212, 0.2971791073551115],
            0.9472353595286378,
            0.6084920981314665,
            0.43737470570916637,
            0.6436589054857816,
            7,
        ),
        (
            [0.2887851520316106, 0.528208926448885],
            0.9560957441854775,
            0.6448458880974155,
            0.4084970392402478,
            0.6249498225697555,
            7,
        ),
        (
            [1.0, 0.8915373220653345],
            0.9983546501695321,
            0.8915373220653345,
            0.9457686610326672,
            0.9717059950039287,
            10,
        ),
    ];
    for (i, (u, cc, cw, t, dd, level)) in rows.iter().enumerate() {
        close_all(a.circles(i), u, TOL);
        close(a.coupling[i].c, *cc, TOL);
        close(b.coupling[i].c, *cw, TOL);
        close(a.coupling[i].t, *t, TOL);
        close(a.coupling[i].d, *dd, TOL);
        assert_eq!(a.coupling[i].level, *level, "observation {i}");
    }
    // Obstacles of observation 3 (2022 in the python): only b1 is below its best.
    close_all(&a.obstacles_of(3).indicators(), &[0.0, 0.0, 1.0, 0.0], TOL);
    close_all(
        &a.obstacles_of(2).indicators(),
        &[
            0.3163406844454188,
            0.24481501314821913,
            0.0,
            0.438844302406362,
        ],
        TOL,
    );
    // Observation 0 is the worst everywhere: U = 0, C = 0, D = 0, with a warning in words.
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("`o1`") && w.contains("C = 0")),
        "{:?}",
        a.warnings
    );
    // The corrected model's point: the classic C of observations 1..3 bunch in [0.94, 1]
    // while the corrected ones spread over [0.6, 0.9].
    let classic: Vec<f64> = (1..4).map(|i| a.coupling[i].c).collect();
    let corrected: Vec<f64> = (1..4).map(|i| b.coupling[i].c).collect();
    assert!(classic.iter().all(|c| *c > 0.94));
    assert!(corrected.iter().all(|c| *c < 0.9));
}

#[test]
fn corrected_coupling_spreads_over_the_unit_interval() {
    // Two circles, U = (ε, 1): classic C = 2·sqrt(ε)/(1+ε); corrected C = sqrt((1-(1-ε))·ε) = ε.
    // ε = 0.01: classic 2·0.1/1.01 = 0.1980198, corrected 0.01.
    close(
        coupling_degree(&[0.01, 1.0], CouplingModel::Classic),
        0.2 / 1.01,
        EPS,
    );
    close(
        coupling_degree(&[0.01, 1.0], CouplingModel::Corrected),
        0.01,
        EPS,
    );
    // Over the grid U1, U2 ∈ {0.05, 0.10, ..., 1.00} (400 pairs), classic C never drops below
    // 2·sqrt(0.05)/1.05 = 0.4259 and is > 0.9 for most pairs; the corrected C reaches down to 0.05
    // and is > 0.9 far less often.
    let grid: Vec<f64> = (1..=20).map(|k| f64::from(k) * 0.05).collect();
    let (mut min_classic, mut min_corrected) = (f64::MAX, f64::MAX);
    let (mut high_classic, mut high_corrected) = (0, 0);
    for &u1 in &grid {
        for &u2 in &grid {
            let c1 = coupling_degree(&[u1, u2], CouplingModel::Classic);
            let c2 = coupling_degree(&[u1, u2], CouplingModel::Corrected);
            assert!(c2 <= c1 + 1e-12, "corrected ≤ classic for n = 2: {u1} {u2}");
            min_classic = min_classic.min(c1);
            min_corrected = min_corrected.min(c2);
            high_classic += usize::from(c1 > 0.9);
            high_corrected += usize::from(c2 > 0.9);
        }
    }
    close(min_classic, 2.0 * 0.05f64.sqrt() / 1.05, 1e-12);
    close(min_corrected, 0.05, 1e-12);
    assert!(high_classic > 250, "{high_classic}");
    assert!(high_corrected < 100, "{high_corrected}");
}

#[test]
fn coupling_never_exceeds_one_in_floating_point() {
    // Equal U: C = n·U/(n·U) = 1 exactly in theory, but (U³)^(1/3) rounds: for n = 3,
    // U = 0.001 the unclamped value was 1.0000000000000004.
    for n in 2..=4 {
        for k in 1..=1000 {
            let u = vec![f64::from(k) / 1000.0; n];
            for model in [CouplingModel::Classic, CouplingModel::Corrected] {
                let c = coupling_degree(&u, model);
                assert!(
                    (0.0..=1.0).contains(&c),
                    "{model:?} n={n} U={}: C={c}",
                    u[0]
                );
                close(c, 1.0, 1e-12);
            }
        }
    }
}
