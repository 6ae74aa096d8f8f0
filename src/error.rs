//! Why a command failed, carrying its exit code: low in the layers so that views and file
//! handling can return it without knowing the command line.

use crate::diag::Problem;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// Bad input: exit 2 with every problem.
    Invalid(Vec<Problem>),
    /// Anything else: exit 1.
    Other(String),
}

impl From<Vec<Problem>> for Failure {
    fn from(p: Vec<Problem>) -> Self {
        Failure::Invalid(p)
    }
}
