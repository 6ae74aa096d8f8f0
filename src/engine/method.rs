//! The method as the engine sees it. The option types live in `model::method` (a survey holds
//! them) and the level names in `lang` (they are words); both are re-exported here so engine
//! callers find them in one place. What stays is the level rule itself.

pub use crate::lang::{LEVEL_NAMES, LEVEL_NAMES_ZH, level_name, level_name_zh};
pub use crate::model::method::{
    CouplingModel, Impute, Method, MethodSpec, Normalization, ObstacleBasis, Weighting,
    check_interval,
};

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
}
