//! What the user writes: frameworks and surveys, read with every problem located.

pub mod csv;
pub mod framework;
pub mod limits;
pub mod survey;
pub mod tomlwalk;

pub use framework::{
    Circle, Countermeasure, DEFAULT_FRAMEWORK_ID, DEFAULT_FRAMEWORK_TOML, Dimension, Direction,
    Framework, Indicator,
};
pub use limits::ValueProblem;
pub use survey::{DataMatrix, Observation, Survey, SurveyDoc, SurveySpans};
