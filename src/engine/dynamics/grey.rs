//! The grey model GM(1,1): a forecast from as few as four yearly values, which is why the
//! belt literature uses it where a regression would have too little data.

use std::fmt;

/// Why a series gets no GM(1,1) model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoModel {
    /// Fewer than 4 values.
    TooShort(usize),
    /// A value ≤ 0 (or not finite): the accumulated series would not be monotone.
    NotPositive,
    /// N·Σz² − (Σz)² = 0: the least-squares system is singular.
    ZeroDenominator,
    /// a = 0: b/a, hence the whole time response, is undefined (a constant series).
    ZeroA,
    /// S1 = 0: the posterior-variance check divides by it.
    ConstantSeries,
    /// The fit or a forecast overflowed.
    NotFinite,
}

impl fmt::Display for NoModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoModel::TooShort(n) => write!(f, "it has {n} values, GM(1,1) needs at least 4"),
            NoModel::NotPositive => f.write_str("GM(1,1) needs every value > 0"),
            NoModel::ZeroDenominator => f.write_str("the least-squares denominator is 0"),
            NoModel::ZeroA => f.write_str("the development coefficient a is 0"),
            NoModel::ConstantSeries => {
                f.write_str("the values do not vary (S1 = 0), so the model cannot be checked")
            }
            NoModel::NotFinite => f.write_str("the model's values overflow"),
        }
    }
}

/// A fitted GM(1,1) with its checks and forecasts.
#[derive(Debug, Clone, PartialEq)]
pub struct GreyModel {
    /// Development coefficient.
    pub a: f64,
    /// Grey input.
    pub b: f64,
    /// x̂⁰(1..n), x̂⁰(1) = x⁰(1).
    pub fitted: Vec<f64>,
    /// Mean of |ε(k)|/x⁰(k) over k = 2..n.
    pub mape: f64,
    /// Posterior variance ratio S2/S1.
    pub c_ratio: f64,
    /// Small-error probability.
    pub p: f64,
    /// 1 good, 2 qualified, 3 barely qualified, 4 unqualified.
    pub grade: u8,
    /// Every level ratio x⁰(k−1)/x⁰(k) inside (e^{−2/(n+1)}, e^{2/(n+1)}).
    pub ratio_test: bool,
    /// x̂⁰(n+1..n+H).
    pub forecast: Vec<f64>,
}

/// English names of the grades 1..=4.
pub const GRADE_NAMES: [&str; 4] = ["good", "qualified", "barely qualified", "unqualified"];
/// Chinese names of the grades 1..=4.
pub const GRADE_NAMES_ZH: [&str; 4] = ["好", "合格", "勉强合格", "不合格"];

/// The grade from the small-error probability p and the posterior variance ratio C.
pub fn grade(p: f64, c_ratio: f64) -> u8 {
    if p > 0.95 && c_ratio < 0.35 {
        1
    } else if p > 0.8 && c_ratio < 0.5 {
        2
    } else if p > 0.7 && c_ratio < 0.65 {
        3
    } else {
        4
    }
}

/// Population mean and standard deviation.
fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// Fits GM(1,1) to `x0` and forecasts `horizon` further values (see docs/method.md).
pub fn gm11(x0: &[f64], horizon: usize) -> Result<GreyModel, NoModel> {
    let n = x0.len();
    if n < 4 {
        return Err(NoModel::TooShort(n));
    }
    if x0.iter().any(|&x| !(x > 0.0 && x.is_finite())) {
        return Err(NoModel::NotPositive);
    }
    let x1: Vec<f64> = x0
        .iter()
        .scan(0.0, |acc, &x| {
            *acc += x;
            Some(*acc)
        })
        .collect();
    let nn = (n - 1) as f64;
    let (mut sz, mut sx, mut szx, mut szz) = (0.0, 0.0, 0.0, 0.0);
    for k in 1..n {
        let z = (x1[k] + x1[k - 1]) / 2.0;
        sz += z;
        sx += x0[k];
        szx += z * x0[k];
        szz += z * z;
    }
    // A constant series has a = 0 and S1 = 0 exactly; in floating point the sums leave a
    // residue of rounding that would pass for a model, so it is recognised before any sum.
    if x0.iter().all(|&x| x == x0[0]) {
        return Err(NoModel::ZeroA);
    }
    let den = nn * szz - sz * sz;
    if den == 0.0 {
        return Err(NoModel::ZeroDenominator);
    }
    let a = (sz * sx - nn * szx) / den;
    if a == 0.0 {
        return Err(NoModel::ZeroA);
    }
    let b = (sx + a * sz) / nn;
    let ba = b / a;
    let x1hat = |k: usize| (x0[0] - ba) * (-a * (k as f64 - 1.0)).exp() + ba;
    let mut fitted = Vec::with_capacity(n);
    fitted.push(x0[0]);
    fitted.extend((2..=n).map(|k| x1hat(k) - x1hat(k - 1)));
    let forecast: Vec<f64> = (n + 1..=n + horizon)
        .map(|k| x1hat(k) - x1hat(k - 1))
        .collect();
    let residuals: Vec<f64> = x0.iter().zip(&fitted).map(|(x, f)| x - f).collect();
    let mape = (1..n).map(|k| residuals[k].abs() / x0[k]).sum::<f64>() / nn;
    let (_, s1) = mean_sd(x0);
    if s1 == 0.0 {
        return Err(NoModel::ConstantSeries);
    }
    let (e_mean, s2) = mean_sd(&residuals);
    let c_ratio = s2 / s1;
    let small = residuals
        .iter()
        .filter(|e| (*e - e_mean).abs() < 0.6745 * s1)
        .count();
    let p = small as f64 / n as f64;
    let bound = 2.0 / (n as f64 + 1.0);
    let (lo, hi) = ((-bound).exp(), bound.exp());
    let ratio_test = (1..n).all(|k| {
        let r = x0[k - 1] / x0[k];
        lo < r && r < hi
    });
    let numbers = [a, b, mape, c_ratio].into_iter();
    if !numbers
        .chain(fitted.iter().copied())
        .chain(forecast.iter().copied())
        .all(f64::is_finite)
    {
        return Err(NoModel::NotFinite);
    }
    Ok(GreyModel {
        a,
        b,
        fitted,
        mape,
        c_ratio,
        p,
        grade: grade(p, c_ratio),
        ratio_test,
        forecast,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn published_example() {
        // The textbook GM(1,1) example (Deng's grey system theory): a ≈ −0.0372, b ≈ 3.065.
        let m = gm11(&[2.874, 3.278, 3.337, 3.390, 3.679], 1).unwrap();
        assert!(close(m.a, -0.0372, 5e-5), "{}", m.a);
        assert!(close(m.b, 3.065, 5e-4), "{}", m.b);
        assert_eq!(m.fitted[0], 2.874);
        assert_eq!(m.fitted.len(), 5);
        assert_eq!(m.forecast.len(), 1);
        // Growth of ~3.8% a year continues.
        assert!(close(m.forecast[0] / m.fitted[4], (-m.a).exp(), 1e-12));
    }

    #[test]
    fn an_exact_geometric_series_is_fitted_closely() {
        // x⁰ = 1, 2, 4, 8: x¹ = 1, 3, 7, 15; z = 2, 5, 11; N = 3.
        // Σz = 18, Σx⁰ = 14, Σzx⁰ = 4 + 20 + 88 = 112, Σz² = 4 + 25 + 121 = 150.
        // den = 3·150 − 18² = 126; a = (18·14 − 3·112)/126 = (252 − 336)/126 = −2/3;
        // b = (14 − (2/3)·18)/3 = 2/3.
        let m = gm11(&[1.0, 2.0, 4.0, 8.0], 2).unwrap();
        assert!(close(m.a, -2.0 / 3.0, 1e-12));
        assert!(close(m.b, 2.0 / 3.0, 1e-12));
        // b/a = −1, so x̂¹(k) = 2·e^{(2/3)(k−1)} − 1 and x̂⁰(2) = 2(e^{2/3} − 1).
        assert!(close(
            m.fitted[1],
            2.0 * ((2.0f64 / 3.0).exp() - 1.0),
            1e-12
        ));
        // Ratios 0.5 are outside (e^{−0.4}, e^{0.4}) = (0.670, 1.492).
        assert!(!m.ratio_test);
        assert_eq!(m.forecast.len(), 2);
        // ε(1) = 0 is always within 0.6745·S1 of the mean when the fit is good.
        assert!(m.p > 0.0 && m.p <= 1.0);
    }

    #[test]
    fn checks_follow_their_definitions() {
        let x = [10.0, 11.0, 12.5, 13.0, 14.8];
        let m = gm11(&x, 3).unwrap();
        let eps: Vec<f64> = x.iter().zip(&m.fitted).map(|(a, b)| a - b).collect();
        assert_eq!(eps[0], 0.0);
        let mape = (1..5).map(|k| eps[k].abs() / x[k]).sum::<f64>() / 4.0;
        assert!(close(m.mape, mape, 1e-15));
        let (_, s1) = mean_sd(&x);
        let (_, s2) = mean_sd(&eps);
        assert!(close(m.c_ratio, s2 / s1, 1e-15));
        // Ratios 0.91, 0.88, 0.96, 0.88 lie in (e^{−1/3}, e^{1/3}) = (0.717, 1.396).
        assert!(m.ratio_test);
        assert_eq!(m.grade, grade(m.p, m.c_ratio));
    }

    #[test]
    fn grades_by_p_and_c() {
        assert_eq!(grade(1.0, 0.2), 1);
        assert_eq!(grade(0.95, 0.2), 2); // p must exceed 0.95
        assert_eq!(grade(1.0, 0.35), 2); // c must be below 0.35
        assert_eq!(grade(0.9, 0.6), 3);
        assert_eq!(grade(0.7, 0.1), 4);
        assert_eq!(grade(1.0, 0.65), 4);
    }

    #[test]
    fn no_model_conditions() {
        assert_eq!(gm11(&[1.0, 2.0, 3.0], 3), Err(NoModel::TooShort(3)));
        assert_eq!(gm11(&[1.0, 0.0, 3.0, 4.0], 3), Err(NoModel::NotPositive));
        assert_eq!(gm11(&[1.0, -2.0, 3.0, 4.0], 3), Err(NoModel::NotPositive));
        assert_eq!(
            gm11(&[1.0, f64::NAN, 3.0, 4.0], 3),
            Err(NoModel::NotPositive)
        );
        // A constant series: Σz·Σx⁰ = N·Σzx⁰, so a = 0, whatever rounding leaves in the sums
        // (0.1 six times would otherwise give a ≈ 1e-17).
        for c in [2.0, 0.1, 0.99, 1.0 / 3.0] {
            for n in 4..8 {
                assert_eq!(gm11(&vec![c; n], 3), Err(NoModel::ZeroA), "{c} × {n}");
            }
        }
        // Values so large that z² overflows: the denominator is inf − inf = NaN, never a model.
        assert!(gm11(&[1e300; 4], 1).is_err());
    }

    #[test]
    fn zero_denominator_and_constant_series_are_refused() {
        // N·Σz² − (Σz)² = 0 needs all z equal, impossible for positive values in exact
        // arithmetic; with values near 1e-200 every z² underflows to 0, and so does (Σz)².
        let tiny = [1e-200, 2e-200, 3e-200, 4e-200];
        assert_eq!(gm11(&tiny, 1), Err(NoModel::ZeroDenominator));
        // S1 = 0 needs a constant series, which a = 0 catches first; the reason keeps words.
        assert!(NoModel::ConstantSeries.to_string().contains("S1"));
    }
}
