//! What the engine has to say, as data: warnings about an assessment and the reasons a method
//! cannot run. They carry indices and numbers only; the views (module `messages`) render them in the
//! user's language with the framework's names, so the TUI can match on them and reports can
//! speak Chinese.

use crate::engine::Weighting;

/// Something the user should know about an assessment; indices are into the framework's
/// indicators, dimensions and circles and into the observations.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// What the file reader noticed (a GBK file decoded, fractions in a % column), in its words.
    Input(String),
    /// A missing value was filled in.
    Imputed {
        observation: usize,
        indicator: usize,
        value: f64,
    },
    /// Under `range`, fewer than 5 observations: scores only compare these.
    FewObservations { m: usize },
    /// A non-scale column with one value under `range`: z = 1, entropy weight 0.
    ConstantColumn { indicator: usize, value: f64 },
    /// Under `range`, values outside the indicator's reference bounds (likely a unit slip);
    /// `first` is the first such observation.
    OutsideBounds {
        indicator: usize,
        count: usize,
        first: usize,
        value: f64,
        bounds: (f64, f64),
    },
    /// Under `reference`, values outside the bounds were clamped.
    Clamped {
        indicator: usize,
        count: usize,
        bounds: (f64, f64),
    },
    /// A dimension whose indicators all have weight 0 scores their plain mean.
    ZeroWeightDimension { dimension: usize },
    /// A circle whose indicators all have weight 0 scores their plain mean.
    ZeroWeightCircle { circle: usize },
    /// Circles scoring 0 make C = 0 and D = 0 for an observation.
    ZeroCircles {
        observation: usize,
        circles: Vec<usize>,
    },
}

/// Why a method cannot run on a framework and data.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocker {
    NoObservations,
    /// Entropy or combined weights with a single observation.
    TooFewObservations {
        weighting: Weighting,
        m: usize,
    },
    /// `reference` normalization and an indicator without bounds (or scale).
    MissingBounds {
        indicator: usize,
    },
    /// Fixed or combined weighting and an indicator without `weight`.
    MissingWeight {
        indicator: usize,
        weighting: Weighting,
    },
    NegativeWeight {
        indicator: usize,
    },
    /// Fixed or combined weighting and every fixed weight 0.
    AllFixedWeightsZero {
        weighting: Weighting,
    },
    BadInterval {
        interval: (f64, f64),
    },
    BadShift {
        shift: f64,
    },
    /// Every d_j = 0: no indicator varies, entropy weights are undefined.
    NoInformation,
    /// Combined weights: entropy × fixed is 0 everywhere.
    CombinedWeightsZero,
}
