//! A survey together with the framework it was checked against: what every view works on.

use crate::diag::Problem;
use crate::model::{DataMatrix, Framework, MethodSpec, SurveyDoc};

/// A survey file with its framework resolved and checked against it.
#[derive(Debug, Clone)]
pub struct Input {
    pub doc: SurveyDoc,
    pub framework: Framework,
    /// Where the framework came from (file name or `<embedded id>`).
    pub framework_name: String,
}

impl Input {
    /// The survey's method with `flags` on top.
    pub fn method_spec(&self, flags: &MethodSpec) -> MethodSpec {
        self.doc.survey.method.overlay(flags)
    }

    /// The dense data matrix (every missing value is a problem).
    pub fn matrix(&self) -> Result<DataMatrix, Vec<Problem>> {
        self.doc.matrix(&self.framework)
    }

    /// Gives a location-less engine problem the survey's file name.
    pub fn locate(&self, mut p: Problem) -> Problem {
        if p.file().is_none() {
            p.location = crate::diag::Location::File {
                file: self.doc.name.clone(),
            };
        }
        p
    }
}
