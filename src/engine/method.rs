//! How an assessment is computed: the options of docs/method.md and their defaults.

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

macro_rules! named_enum {
    ($t:ty { $($v:ident => $s:literal),+ $(,)? }) => {
        impl $t {
            /// Every value, in the order menus show them.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
            /// The spelling used in files, flags and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),+ }
            }
            /// Reads the spelling used in files and flags.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(<$t>::$v),)+ _ => None }
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
    pub obstacles: ObstacleBasis,
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
        MethodSpec {
            normalization: over.normalization.or(self.normalization),
            weighting: over.weighting.or(self.weighting),
            shift: over.shift.or(self.shift),
            interval: over.interval.or(self.interval),
            coupling: over.coupling.or(self.coupling),
            top: over.top.or(self.top),
            obstacles: over.obstacles.or(self.obstacles),
            impute: over.impute.or(self.impute),
            focus: over.focus.clone().or_else(|| self.focus.clone()),
        }
    }

    /// The options with defaults filled in.
    pub fn resolve(&self) -> Method {
        let d = Method::default();
        Method {
            normalization: self.normalization.unwrap_or(d.normalization),
            weighting: self.weighting.unwrap_or(d.weighting),
            shift: self.shift.unwrap_or(d.shift),
            interval: self.interval.unwrap_or(d.interval),
            coupling: self.coupling.unwrap_or(d.coupling),
            top: self.top.unwrap_or(d.top),
            obstacles: self.obstacles.unwrap_or(d.obstacles),
            impute: self.impute.unwrap_or(d.impute),
        }
    }
}

/// Checks `[LO, HI]` with 0 ≤ LO < HI ≤ 1.
///
/// ```
/// use beltscope::engine::check_interval;
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

/// The ten coordination levels (level 1 = index 0).
pub const LEVEL_NAMES: [&str; 10] = [
    "extreme disorder",
    "serious disorder",
    "moderate disorder",
    "mild disorder",
    "on the verge of disorder",
    "barely coordinated",
    "primary coordination",
    "intermediate coordination",
    "good coordination",
    "high-quality coordination",
];

/// The Chinese names of the ten levels, as in the literature.
pub const LEVEL_NAMES_ZH: [&str; 10] = [
    "极度失调",
    "严重失调",
    "中度失调",
    "轻度失调",
    "濒临失调",
    "勉强协调",
    "初级协调",
    "中级协调",
    "良好协调",
    "优质协调",
];

/// level = min(10, floor(10·D) + 1).
///
/// ```
/// use beltscope::engine::{level_name, level_of};
/// assert_eq!(level_of(0.0), 1);
/// assert_eq!(level_of(0.66), 7);
/// assert_eq!(level_name(level_of(1.0)), "high-quality coordination");
/// ```
pub fn level_of(d: f64) -> u8 {
    ((10.0 * d).floor() as i64 + 1).clamp(1, 10) as u8
}

/// The English name of a level 1..=10.
pub fn level_name(level: u8) -> &'static str {
    LEVEL_NAMES[(level.clamp(1, 10) - 1) as usize]
}

/// The Chinese name of a level 1..=10.
pub fn level_name_zh(level: u8) -> &'static str {
    LEVEL_NAMES_ZH[(level.clamp(1, 10) - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_the_tenths_of_d() {
        assert_eq!(level_of(0.0), 1);
        assert_eq!(level_of(0.0999), 1);
        assert_eq!(level_of(0.1), 2);
        assert_eq!(level_of(0.65), 7);
        assert_eq!(level_of(0.9999), 10);
        assert_eq!(level_of(1.0), 10);
        assert_eq!(level_name(7), "primary coordination");
        assert_eq!(level_name_zh(10), "优质协调");
    }

    #[test]
    fn flags_override_the_file() {
        let file = MethodSpec {
            coupling: Some(CouplingModel::Corrected),
            top: Some(5),
            ..Default::default()
        };
        let flags = MethodSpec {
            top: Some(2),
            ..Default::default()
        };
        let m = file.overlay(&flags).resolve();
        assert_eq!(m.coupling, CouplingModel::Corrected);
        assert_eq!(m.top, 2);
        assert_eq!(m.interval, (0.0, 1.0));
    }

    #[test]
    fn intervals_are_checked() {
        assert_eq!(check_interval(&[0.002, 0.998]), Ok((0.002, 0.998)));
        assert!(check_interval(&[0.5, 0.5]).is_err());
        assert!(check_interval(&[-0.1, 0.5]).is_err());
        assert!(check_interval(&[0.1, 1.5]).is_err());
        assert!(check_interval(&[0.1]).is_err());
    }
}
