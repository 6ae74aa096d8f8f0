//! How an assessment is computed: the method options, their defaults, and how a survey's
//! `[method]` and the command line layer over each other. Every option is listed once in
//! [`crate::model::settings::SETTINGS`]; the functions here go through that list.

use crate::model::settings::SETTINGS;

/// How raw values become comparable scores in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Normalization {
    /// Min–max over the observations (the usual entropy-method choice).
    #[default]
    Range,
    /// The indicator's reference `bounds`, clamped: needed when there are few observations.
    Reference,
}

/// How indicator weights are obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weighting {
    /// Objective weights from the information entropy of each indicator.
    #[default]
    Entropy,
    /// The framework's subjective `weight`s.
    Fixed,
    /// Entropy × fixed, renormalised.
    Combined,
}

/// Which coupling degree formula is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CouplingModel {
    /// C = n·(ΠU)^(1/n) / ΣU.
    #[default]
    Classic,
    /// Wang Shujia et al. (2021): spreads C over [0, 1] instead of bunching it near 1.
    Corrected,
}

/// Which factor contribution F_j weighs an indicator's gap in the obstacle degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ObstacleBasis {
    /// F_j = w_j, the usual form in the literature.
    #[default]
    Global,
    /// F_j = β_k w_j / W_k: the shares decompose the gap 1 − T of the coordination index.
    Composite,
}

/// What is done with a missing value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Impute {
    /// A missing value is an error.
    #[default]
    None,
    /// Linear in the period within each time series, nearest observed value at the ends.
    Interpolate,
    /// The mean of the indicator's observed values.
    Mean,
}

/// A method option with a fixed set of spellings (files, flags and JSON use the same).
pub trait Choice: Sized + Copy + PartialEq + 'static {
    /// Every value, in the order menus show them.
    const ALL: &'static [Self];
    /// The spelling used in files, flags and JSON.
    fn as_str(self) -> &'static str;
    /// Reads the spelling used in files and flags.
    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == s)
    }
    /// The spellings joined by ", ", for help texts.
    fn spellings() -> String {
        Self::ALL
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Implements [`Choice`] and the same functions as inherent ones (callers need no trait import).
macro_rules! named_enum {
    ($t:ty { $($v:ident => $s:literal),+ $(,)? }) => {
        impl Choice for $t {
            const ALL: &'static [$t] = &[$(<$t>::$v),+];
            fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),+ }
            }
        }
        impl $t {
            /// Every value, in the order menus show them.
            pub const ALL: &'static [$t] = <$t as Choice>::ALL;
            /// The spelling used in files, flags and JSON.
            pub fn as_str(self) -> &'static str {
                <$t as Choice>::as_str(self)
            }
            /// Reads the spelling used in files and flags.
            pub fn parse(s: &str) -> Option<Self> {
                <$t as Choice>::parse(s)
            }
        }
    };
}

named_enum!(Normalization { Range => "range", Reference => "reference" });
named_enum!(Weighting { Entropy => "entropy", Fixed => "fixed", Combined => "combined" });
named_enum!(CouplingModel { Classic => "classic", Corrected => "corrected" });
named_enum!(ObstacleBasis { Global => "global", Composite => "composite" });
named_enum!(Impute { None => "none", Interpolate => "interpolate", Mean => "mean" });

/// A complete set of method options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Method {
    pub normalization: Normalization,
    pub weighting: Weighting,
    /// Added to z before the entropy proportions (never to the scores).
    pub shift: f64,
    /// z is mapped linearly into `[lo, hi]` after normalization.
    pub interval: (f64, f64),
    pub coupling: CouplingModel,
    /// How many weak dimensions to report.
    pub top: usize,
    /// The factor contribution in the obstacle degree.
    pub obstacles: ObstacleBasis,
    /// What is done with a missing value.
    pub impute: Impute,
}

impl Default for Method {
    fn default() -> Self {
        Method {
            normalization: Normalization::Range,
            weighting: Weighting::Entropy,
            shift: 0.0,
            interval: (0.0, 1.0),
            coupling: CouplingModel::Classic,
            top: 3,
            obstacles: ObstacleBasis::Global,
            impute: Impute::None,
        }
    }
}

/// Method options as written in a survey's `[method]` or on the command line: each optional,
/// later layers override earlier ones.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MethodSpec {
    pub normalization: Option<Normalization>,
    pub weighting: Option<Weighting>,
    pub shift: Option<f64>,
    pub interval: Option<(f64, f64)>,
    pub coupling: Option<CouplingModel>,
    pub top: Option<usize>,
    pub obstacles: Option<ObstacleBasis>,
    pub impute: Option<Impute>,
    /// The observation a report is about (default: the last).
    pub focus: Option<String>,
}

impl MethodSpec {
    /// `self` with every option that `over` sets replaced by `over`'s.
    pub fn overlay(&self, over: &MethodSpec) -> MethodSpec {
        let mut out = self.clone();
        for s in SETTINGS {
            (s.overlay)(over, &mut out);
        }
        out
    }

    /// The options with defaults filled in.
    pub fn resolve(&self) -> Method {
        let mut m = Method::default();
        for s in SETTINGS {
            (s.resolve)(self, &mut m);
        }
        m
    }
}

/// Checks `[LO, HI]` with 0 ≤ LO < HI ≤ 1.
///
/// ```
/// use beltscope::model::method::check_interval;
/// assert_eq!(check_interval(&[0.002, 0.998]), Ok((0.002, 0.998)));
/// assert!(check_interval(&[0.9, 0.1]).is_err());
/// ```
pub fn check_interval(v: &[f64]) -> Result<(f64, f64), String> {
    match v {
        [lo, hi] if *lo >= 0.0 && lo < hi && *hi <= 1.0 => Ok((*lo, *hi)),
        [lo, hi] => Err(format!(
            "interval [{lo}, {hi}] is not inside [0, 1] with LO < HI"
        )),
        _ => Err(format!("an interval has two numbers, not {}", v.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_the_file() {
        let file = MethodSpec {
            coupling: Some(CouplingModel::Corrected),
            top: Some(5),
            focus: Some("2019".into()),
            ..Default::default()
        };
        let flags = MethodSpec {
            top: Some(2),
            ..Default::default()
        };
        let spec = file.overlay(&flags);
        assert_eq!(spec.focus.as_deref(), Some("2019"));
        let m = spec.resolve();
        assert_eq!(m.coupling, CouplingModel::Corrected);
        assert_eq!(m.top, 2);
        assert_eq!(m.interval, (0.0, 1.0));
        assert_eq!(MethodSpec::default().resolve(), Method::default());
    }

    #[test]
    fn intervals_are_checked() {
        assert_eq!(check_interval(&[0.002, 0.998]), Ok((0.002, 0.998)));
        assert!(check_interval(&[0.5, 0.5]).is_err());
        assert!(check_interval(&[-0.1, 0.5]).is_err());
        assert!(check_interval(&[0.1, 1.5]).is_err());
        assert!(check_interval(&[0.1]).is_err());
    }

    #[test]
    fn choices_read_their_spellings() {
        assert_eq!(Weighting::parse("combined"), Some(Weighting::Combined));
        assert_eq!(Weighting::parse("Combined"), None);
        assert_eq!(Normalization::spellings(), "range, reference");
    }
}
