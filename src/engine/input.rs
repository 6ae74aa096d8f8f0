//! Scoring a loaded survey: its method overlaid with the command line's, and the focus.

use crate::diag::Problem;
use crate::engine::{self, Assessment};
use crate::model::{Input, MethodSpec};

impl Input {
    /// Scores the survey under its method overlaid with `flags`.
    pub fn assess(&self, flags: &MethodSpec) -> Result<Assessment, Vec<Problem>> {
        let data = self.matrix()?;
        let spec = self.method_spec(flags);
        let method = spec.resolve();
        let mut problems = Vec::new();
        if let Some(focus) = &spec.focus
            && !data.labels.contains(focus)
        {
            problems.push(
                Problem::in_file(
                    &self.doc.name,
                    format!("focus observation `{focus}` is not in the survey"),
                )
                .help(format!("use one of: {}", data.labels.join(", "))),
            );
        }
        match engine::assess(&self.framework, &data, &method) {
            Ok(mut a) if problems.is_empty() => {
                // What the reader noticed (a GBK file, fractions in a % column) comes first.
                a.warnings.splice(0..0, self.doc.warnings.iter().cloned());
                Ok(a)
            }
            Ok(_) => Err(problems),
            Err(engine_problems) => {
                problems.extend(engine_problems.into_iter().map(|p| self.locate(p)));
                Err(problems)
            }
        }
    }

    /// The focus observation's index: `--focus`/`[method] focus`, else the last.
    pub fn focus(&self, a: &Assessment, flags: &MethodSpec) -> usize {
        self.method_spec(flags)
            .focus
            .and_then(|f| a.observation(&f))
            .unwrap_or(a.m().saturating_sub(1))
    }
}
