//! What the user writes: frameworks, surveys and method settings, read with every problem
//! located. Depends only on the base modules (`diag`, `lang`, `textfmt`).

pub mod csv;
pub mod file_kind;
pub mod framework;
mod framework_read;
pub mod freeze;
pub mod input;
pub mod limits;
pub mod method;
pub mod responses;
pub mod settings;
pub mod sheet;
pub mod survey;
pub mod template;
pub mod tomlwalk;

pub use file_kind::FileKind;
pub use framework::{
    Circle, Countermeasure, DEFAULT_FRAMEWORK_ID, DEFAULT_FRAMEWORK_TOML, Dimension, Direction,
    EMBEDDED_FRAMEWORKS, Framework, Indicator,
};
pub use input::Input;
pub use limits::ValueProblem;
pub use method::{
    CouplingModel, Impute, Method, MethodSpec, Normalization, ObstacleBasis, Weighting,
};
pub use survey::{
    DataMatrix, Observation, Survey, SurveyDoc, SurveySpans, parse_labels, parse_labels_in,
};
