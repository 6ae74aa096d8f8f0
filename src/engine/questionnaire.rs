//! Questionnaires to survey values: per observation and item the mean answer (the value that
//! goes into the survey) with its spread and 95% interval, and Cronbach's alpha, which says
//! whether the items of a dimension measure one thing well enough to be averaged together.

use statrs::distribution::{ContinuousCDF, StudentsT};

use crate::model::Framework;
use crate::model::responses::Responses;

/// One item's answers within one observation.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemSummary {
    /// Indicator index.
    pub indicator: usize,
    /// Number of answers (≥ 1).
    pub n: usize,
    pub mean: f64,
    /// Sample standard deviation; `None` when n = 1.
    pub sd: Option<f64>,
    /// mean ± t(0.975, n − 1)·sd/√n; `None` when n = 1.
    pub ci95: Option<(f64, f64)>,
}

/// The answers of one observation.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservationSummary {
    pub label: String,
    /// Rows (questionnaires) of this observation.
    pub respondents: usize,
    /// Items answered at least once, in framework order.
    pub items: Vec<ItemSummary>,
}

/// Cronbach's alpha of a set of items.
#[derive(Debug, Clone, PartialEq)]
pub struct Alpha {
    /// `None` when fewer than 2 rows answer every item, or their sums do not vary.
    pub alpha: Option<f64>,
    /// Items in the set.
    pub items: usize,
    /// Rows (of all observations) that answer every item of the set.
    pub n: usize,
}

/// Reliability per dimension (those with ≥ 2 items in the file) and over all items.
#[derive(Debug, Clone, PartialEq)]
pub struct Reliability {
    /// (dimension index, alpha), framework order.
    pub dimensions: Vec<(usize, Alpha)>,
    pub overall: Alpha,
}

/// Everything `aggregate` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    pub observations: Vec<ObservationSummary>,
    pub reliability: Reliability,
    pub warnings: Vec<String>,
}

impl Aggregate {
    /// The survey values: (observation label, [(indicator index, mean)]).
    pub fn means(&self) -> Vec<(&str, Vec<(usize, f64)>)> {
        self.observations
            .iter()
            .map(|o| {
                let values = o.items.iter().map(|i| (i.indicator, i.mean)).collect();
                (o.label.as_str(), values)
            })
            .collect()
    }
}

/// t(0.975, df), the two-sided 95% quantile of Student's t.
pub fn t975(df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |t| t.inverse_cdf(0.975))
}

/// Mean and sample variance (n − 1); the variance is `None` for fewer than 2 values.
pub fn mean_var(v: &[f64]) -> (f64, Option<f64>) {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = (v.len() >= 2).then(|| v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0));
    (mean, var)
}

/// n, mean, sd and 95% interval of one item's answers (at least one).
pub fn summarize(indicator: usize, answers: &[f64]) -> ItemSummary {
    let n = answers.len();
    let (mean, var) = mean_var(answers);
    let sd = var.map(f64::sqrt);
    let ci95 = sd.map(|sd| {
        let half = t975((n - 1) as f64) * sd / (n as f64).sqrt();
        (mean - half, mean + half)
    });
    ItemSummary {
        indicator,
        n,
        mean,
        sd,
        ci95,
    }
}

/// Why an alpha is null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAlpha {
    /// Fewer than 2 complete rows, or fewer than 2 items.
    TooFew,
    /// The variance of the sums is 0.
    SumsConstant,
}

/// α = k/(k − 1)·(1 − Σ s_i² / s_total²) over complete rows (respondents × k items), sample
/// variances throughout.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Result<f64, NoAlpha> {
    let k = rows.first().map_or(0, Vec::len);
    if rows.len() < 2 || k < 2 {
        return Err(NoAlpha::TooFew);
    }
    let item_var: f64 = (0..k)
        .map(|i| {
            let col: Vec<f64> = rows.iter().map(|r| r[i]).collect();
            mean_var(&col).1.unwrap_or(0.0)
        })
        .sum();
    let sums: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let total = mean_var(&sums).1.unwrap_or(0.0);
    if total == 0.0 {
        return Err(NoAlpha::SumsConstant);
    }
    let k = k as f64;
    Ok(k / (k - 1.0) * (1.0 - item_var / total))
}

/// Alpha of the answer columns `cols` (positions in the file), listwise over every row.
fn alpha_of(r: &Responses, cols: &[usize], what: &str, warnings: &mut Vec<String>) -> Alpha {
    let complete: Vec<Vec<f64>> = r
        .rows
        .iter()
        .filter_map(|row| {
            cols.iter()
                .map(|&c| row.answers[c].map(|x| x as f64))
                .collect()
        })
        .collect();
    let alpha = match cronbach_alpha(&complete) {
        Ok(a) => {
            if a < 0.7 {
                warnings.push(format!(
                    "{what}: Cronbach's alpha {a:.3} is below 0.7, so these items are not reliable enough to be averaged together"
                ));
            }
            Some(a)
        }
        Err(NoAlpha::TooFew) if cols.len() < 2 => {
            warnings.push(format!("{what}: Cronbach's alpha needs at least 2 items"));
            None
        }
        Err(NoAlpha::TooFew) => {
            warnings.push(format!(
                "{what}: no Cronbach's alpha, {} questionnaire(s) answer every item and it needs 2",
                complete.len()
            ));
            None
        }
        Err(NoAlpha::SumsConstant) => {
            warnings.push(format!(
                "{what}: no Cronbach's alpha, every complete questionnaire has the same total"
            ));
            None
        }
    };
    Alpha {
        alpha,
        items: cols.len(),
        n: complete.len(),
    }
}

/// Summaries per observation and item, and the reliability of the dimensions and of all items.
pub fn aggregate(fw: &Framework, r: &Responses) -> Aggregate {
    let mut warnings = Vec::new();
    // Answer columns in framework order.
    let mut order: Vec<usize> = (0..r.columns.len())
        .filter(|&c| r.columns[c] < fw.indicators.len())
        .collect();
    order.sort_by_key(|&c| r.columns[c]);
    let observations = r
        .observations()
        .into_iter()
        .map(|label| {
            let rows: Vec<_> = r
                .rows
                .iter()
                .filter(|row| row.observation == label)
                .collect();
            let items = order
                .iter()
                .filter_map(|&c| {
                    let answers: Vec<f64> = rows
                        .iter()
                        .filter_map(|row| row.answers[c].map(|x| x as f64))
                        .collect();
                    (!answers.is_empty()).then(|| summarize(r.columns[c], &answers))
                })
                .collect();
            ObservationSummary {
                label: label.to_string(),
                respondents: rows.len(),
                items,
            }
        })
        .collect();
    let dimensions = (0..fw.dimensions.len())
        .filter_map(|d| {
            let cols: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&c| fw.indicators[r.columns[c]].dimension == d)
                .collect();
            let what = format!("dimension `{}`", fw.dimensions[d].id);
            (cols.len() >= 2).then(|| (d, alpha_of(r, &cols, &what, &mut warnings)))
        })
        .collect();
    let overall = alpha_of(r, &order, "all items", &mut warnings);
    Aggregate {
        observations,
        reliability: Reliability {
            dimensions,
            overall,
        },
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn student_t_quantiles() {
        // Tables: t(0.975, 1) = 12.7062047, t(0.975, 6) = 2.44691185, t(0.975, 30) = 2.04227246.
        assert!(close(t975(1.0), 12.706204736174698, 1e-9), "{}", t975(1.0));
        assert!(close(t975(6.0), 2.4469118511449692, 1e-12), "{}", t975(6.0));
        assert!(
            close(t975(30.0), 2.0422724563012373, 1e-12),
            "{}",
            t975(30.0)
        );
    }

    #[test]
    fn item_summary_by_hand() {
        // 2, 4, 6: mean 4, s² = (4 + 0 + 4)/2 = 4, sd 2; half-width t(0.975, 2)·2/√3,
        // t(0.975, 2) = 4.302652729911275.
        let s = summarize(0, &[2.0, 4.0, 6.0]);
        assert_eq!((s.n, s.mean, s.sd), (3, 4.0, Some(2.0)));
        let half = 4.302652729911275 * 2.0 / 3f64.sqrt();
        let (lo, hi) = s.ci95.unwrap();
        assert!(close(lo, 4.0 - half, 1e-9) && close(hi, 4.0 + half, 1e-9));
        let one = summarize(0, &[3.0]);
        assert_eq!((one.mean, one.sd, one.ci95), (3.0, None, None));
    }

    #[test]
    fn alpha_by_hand() {
        // Items (1,2,3) and (1,3,3): s₁² = 1, s₂² = 4/3; sums 2, 5, 6 → mean 13/3,
        // s_total² = (49/9 + 4/9 + 25/9)/2 = 13/3. α = 2·(1 − (7/3)/(13/3)) = 2·6/13 = 12/13.
        let rows = vec![vec![1.0, 1.0], vec![2.0, 3.0], vec![3.0, 3.0]];
        assert!(close(cronbach_alpha(&rows).unwrap(), 12.0 / 13.0, 1e-12));
        // Identical items: α = 1.
        let same = vec![vec![1.0, 1.0], vec![4.0, 4.0], vec![2.0, 2.0]];
        assert!(close(cronbach_alpha(&same).unwrap(), 1.0, 1e-12));
        // Opposite items: sums constant → no alpha.
        let opposite = vec![vec![1.0, 5.0], vec![5.0, 1.0]];
        assert_eq!(cronbach_alpha(&opposite), Err(NoAlpha::SumsConstant));
        assert_eq!(cronbach_alpha(&rows[..1]), Err(NoAlpha::TooFew));
        // Items that disagree give a negative alpha: (1,2),(2,1),(3,3): s² = 1, 1; sums 3,3,6
        // → s_total² = 3; α = 2·(1 − 2/3) = 2/3. (1,3),(2,1),(3,2): sums 4,3,5 → s² 1;
        // α = 2·(1 − 2/1) = −2.
        let neg = vec![vec![1.0, 3.0], vec![2.0, 1.0], vec![3.0, 2.0]];
        assert!(close(cronbach_alpha(&neg).unwrap(), -2.0, 1e-12));
    }
}
