//! Scoring a loaded survey (glue above the engine, so engine blockers become located problems
//! in words): its method overlaid with the command line's, missing values
//! imputed when the method asks for it, and the focus.

use crate::diag::Problem;
use crate::engine::impute::{self, ImputeError};
use crate::engine::{self, Assessment};
use crate::model::{DataMatrix, Impute, Input, MethodSpec};

/// Reads a survey (as [`files::read_survey`]) to score it under `flags`. A file with problems
/// is still checked for missing values and the method's preconditions, so a missing value next
/// to a bad one is listed in the same run, as `validate` lists it.
pub(crate) fn load_to_score(
    path: &std::path::Path,
    framework: Option<&str>,
    sheet: Option<&str>,
    flags: &MethodSpec,
) -> Result<Input, Vec<Problem>> {
    match crate::files::read_survey(path, framework, sheet) {
        (Some(input), problems) if problems.is_empty() => Ok(input),
        (Some(input), mut problems) => {
            problems.extend(input.assess(flags).err().unwrap_or_default());
            Err(problems)
        }
        (None, problems) => Err(problems),
    }
}

/// A data matrix with the cells imputation filled: (observation, indicator, value).
pub type Imputed = (DataMatrix, Vec<(usize, usize, f64)>);

impl Input {
    /// The data matrix under `impute`: with `none` every missing value is a problem, else the
    /// gaps are filled and listed as (observation, indicator, value).
    pub fn data(&self, impute: Impute) -> Result<Imputed, Vec<Problem>> {
        if impute == Impute::None {
            return self.matrix().map(|d| (d, Vec::new()));
        }
        let (fw, file) = (&self.framework, &self.doc.name);
        let obs = &self.doc.survey.observations;
        let mut cells = Vec::with_capacity(obs.len() * fw.indicators.len());
        let mut problems = Vec::new();
        for o in obs {
            for (j, ind) in fw.indicators.iter().enumerate() {
                let x = o.values.get(&ind.id).copied();
                problems.extend(x.and_then(|x| fw.bad_value(file, &o.label, j, x)));
                cells.push(x);
            }
        }
        let labels: Vec<String> = obs.iter().map(|o| o.label.clone()).collect();
        let series = match self.doc.survey.panel_columns() {
            Some((regions, periods)) => impute::series_of_panel(&regions, &periods),
            None => impute::series_of_labels(&labels),
        };
        match impute::impute(&cells, fw.indicators.len(), &series, impute) {
            Ok(r) if problems.is_empty() => Ok((
                DataMatrix {
                    labels,
                    n: fw.indicators.len(),
                    values: r.values,
                },
                r.imputed,
            )),
            Ok(_) => Err(problems),
            Err(errors) => {
                problems.extend(errors.into_iter().map(|e| {
                    match e {
                        ImputeError::Missing {
                            observation,
                            indicator,
                        } => Problem::at_value(
                            file,
                            &labels[observation],
                            &fw.indicators[indicator].id,
                            "missing value",
                        ),
                        ImputeError::NoValue { indicator, series } => Problem::in_file(
                            file,
                            format!(
                                "indicator `{}` has no observed value{} to impute from",
                                fw.indicators[indicator].id,
                                if series.is_some() {
                                    " in its series"
                                } else {
                                    ""
                                }
                            ),
                        )
                        .help("enter at least one value of it"),
                    }
                }));
                Err(problems)
            }
        }
    }

    /// Scores the survey under its method overlaid with `flags`.
    pub fn assess(&self, flags: &MethodSpec) -> Result<Assessment, Vec<Problem>> {
        let spec = self.method_spec(flags);
        let method = spec.resolve();
        let (data, imputed) = self.data(method.impute)?;
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
        match engine::assess_owned(&self.framework, data, &imputed, &method) {
            Ok(mut a) if problems.is_empty() => {
                // What the reader noticed (a GBK file, fractions in a % column) comes first.
                let reader = self
                    .doc
                    .warnings
                    .iter()
                    .cloned()
                    .map(engine::Warning::Input);
                a.warnings.splice(0..0, reader);
                Ok(a)
            }
            Ok(_) => Err(problems),
            Err(blockers) => {
                let fw = &self.framework;
                problems.extend(
                    (blockers.iter()).map(|b| self.locate(crate::messages::problem(fw, b))),
                );
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
