//! What values can exist: an indicator's `[min, max]` and its answer scale.
//!
//! A value outside them is invalid input, never a warning: a unit slip (245 for 24.5 %) would
//! otherwise move every weight silently. Checked where survey values become the matrix.

use crate::diag::Problem;
use crate::model::Framework;

/// Why a number cannot be a value of an indicator: it lies outside what can exist.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueProblem {
    BelowMin(f64),
    AboveMax(f64),
    OffScale(i64, i64),
}

impl std::fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValueProblem::BelowMin(min) => write!(f, "below the smallest possible value {min}"),
            ValueProblem::AboveMax(max) => write!(f, "above the largest possible value {max}"),
            ValueProblem::OffScale(a, b) => write!(f, "outside the answer scale [{a}, {b}]"),
        }
    }
}

impl Framework {
    /// Why `x` cannot be a value of indicator `j` (outside `[min, max]` or its scale), if so.
    /// A value that cannot exist is invalid input, never a warning: a unit slip would
    /// otherwise move every weight silently.
    pub fn value_problem(&self, j: usize, x: f64) -> Option<ValueProblem> {
        let ind = &self.indicators[j];
        match (ind.scale, ind.min, ind.max) {
            (Some((a, b)), _, _) if x < a as f64 || x > b as f64 => {
                Some(ValueProblem::OffScale(a, b))
            }
            (_, Some(min), _) if x < min => Some(ValueProblem::BelowMin(min)),
            (_, _, Some(max)) if x > max => Some(ValueProblem::AboveMax(max)),
            _ => None,
        }
    }

    /// Whether indicator `j` has a scale, a `min` or a `max`: only then can
    /// [`Framework::value_problem`] find anything.
    pub fn is_limited(&self, j: usize) -> bool {
        let ind = &self.indicators[j];
        ind.scale.is_some() || ind.min.is_some() || ind.max.is_some()
    }

    /// [`Framework::value_problem`] as a problem located at the observation and indicator.
    pub fn bad_value(&self, file: &str, label: &str, j: usize, x: f64) -> Option<Problem> {
        let why = self.value_problem(j, x)?;
        let id = &self.indicators[j].id;
        Some(
            Problem::at_value(
                file,
                label,
                id,
                format!("value {} is {why}", crate::textfmt::Readable(x)),
            )
            .help(format!("check the value and unit of `{id}` for `{label}`")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw(extra: &str) -> Result<Framework, Vec<Problem>> {
        Framework::parse(
            "t.toml",
            &format!(
                "id = \"t\"\nname = \"T\"\nversion = \"1\"\n\
                 [[circles]]\nid = \"a\"\nname = \"A\"\n[[circles]]\nid = \"b\"\nname = \"B\"\n\
                 [[dimensions]]\nid = \"da\"\ncircle = \"a\"\nname = \"D\"\n\
                 [[dimensions]]\nid = \"db\"\ncircle = \"b\"\nname = \"D\"\n\
                 [[indicators]]\nid = \"x\"\ndimension = \"da\"\nname = \"X\"\ndirection = \"positive\"\n{extra}\n\
                 [[indicators]]\nid = \"y\"\ndimension = \"db\"\nname = \"Y\"\ndirection = \"positive\"\nscale = [1, 5]\n\
                 [[countermeasures]]\nid = \"c\"\ntitle = \"C\"\ntext = \"T\"\ndimensions = [\"da\"]\n\
                 lead = \"Commerce bureau\"\nlead_zh = \"商务局\"\ntargets = [\"x\", \"y\"]\nsource = \"a paper\"\n"
            ),
        )
    }

    #[test]
    fn values_outside_min_max_or_the_scale_cannot_exist() {
        let f = fw(
            "min = 0\nmax = 100\nunit_zh = \"%\"\ndescription_zh = \"说明\"\nsource_zh = \"年鉴\"",
        )
        .unwrap_or_else(|p| panic!("{}", crate::diag::render(&p)));
        assert_eq!(f.indicators[0].min, Some(0.0));
        assert_eq!(f.indicators[0].source_zh.as_deref(), Some("年鉴"));
        assert_eq!(f.countermeasures[0].targets, [0, 1]);
        assert_eq!(f.countermeasures[0].lead_zh.as_deref(), Some("商务局"));
        assert_eq!(f.value_problem(0, 0.0), None);
        assert_eq!(f.value_problem(0, 100.0), None);
        assert_eq!(f.value_problem(0, -0.5), Some(ValueProblem::BelowMin(0.0)));
        assert_eq!(
            f.value_problem(0, 245.0),
            Some(ValueProblem::AboveMax(100.0))
        );
        // A scale value may be a mean of answers (3.5) but not off the scale.
        assert_eq!(f.value_problem(1, 3.5), None);
        assert_eq!(f.value_problem(1, 0.0), Some(ValueProblem::OffScale(1, 5)));
        let p = f.bad_value("s.toml", "2020", 1, 6.0).map(|p| p.message);
        assert_eq!(
            p.as_deref(),
            Some("value 6 is outside the answer scale [1, 5]")
        );
    }

    #[test]
    fn bad_limits_are_located_errors() {
        let text = |r: Result<Framework, Vec<Problem>>| match r {
            Ok(_) => panic!("expected a problem"),
            Err(p) => crate::diag::render(&p),
        };
        assert!(text(fw("min = 5\nmax = 5")).contains("max 5 is not above min 5"));
        assert!(text(fw("scale = [5, 1]")).contains("scale must be two whole numbers"));
        assert!(text(fw("scale = [1.5, 5]")).contains("scale must be two whole numbers"));
        let unknown = text(fw(
            "min = 0\n[[countermeasures]]\nid = \"d\"\ntitle = \"D\"\ntext = \"T\"\ndimensions = [\"db\"]\ntargets = [\"zz\"]",
        ));
        assert!(unknown.contains("unknown indicator `zz`"), "{unknown}");
        assert!(unknown.contains("t.toml:"), "{unknown}");
    }
}
