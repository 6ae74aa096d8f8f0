//! `beltscope validate`: check frameworks and surveys, every problem with its place.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::print;
use crate::diag::Problem;
use crate::engine::{self, MethodSpec};
use crate::error::Failure;
use crate::files;
use crate::model::{FileKind, Framework};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Framework and survey files (.toml, .csv).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The framework to check surveys and CSV files against (overrides theirs).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
    /// The sheet of a workbook to check (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

/// What a `.toml` file is, from its top-level keys.
fn is_framework_toml(text: &str) -> bool {
    match toml::de::DeTable::parse(text) {
        Ok(t) => ["circles", "dimensions", "indicators", "countermeasures"]
            .iter()
            .any(|k| t.get_ref().contains_key(*k)),
        Err(_) => false,
    }
}

/// Runs `beltscope validate`.
pub fn validate(args: &ValidateArgs) -> Result<(), Failure> {
    let mut problems = Vec::new();
    let mut report = String::new();
    for path in &args.files {
        match validate_one(path, args.framework.as_deref(), args.sheet.as_deref()) {
            Ok(summary) => report.push_str(&format!("ok: {} ({summary})\n", path.display())),
            Err(p) => problems.extend(p),
        }
    }
    print(&report)?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::Invalid(problems))
    }
}

fn validate_one(
    path: &Path,
    framework: Option<&str>,
    sheet: Option<&str>,
) -> Result<String, Vec<Problem>> {
    let name = path.display().to_string();
    let bytes = files::read_bytes(path)?;
    let tabular = matches!(FileKind::of(path), FileKind::Csv | FileKind::Workbook)
        || crate::model::sheet::workbook::is_workbook(&bytes);
    let text = if tabular {
        None
    } else {
        std::str::from_utf8(&bytes).ok()
    };
    if let Some(text) = text.filter(|t| is_framework_toml(t.trim_start_matches('\u{feff}'))) {
        let text = text.trim_start_matches('\u{feff}');
        let fw = Framework::parse(&name, text)?;
        return Ok(format!(
            "framework `{}` {}: {} circles, {} dimensions, {} indicators, {} countermeasures",
            fw.id,
            fw.version,
            fw.circles.len(),
            fw.dimensions.len(),
            fw.indicators.len(),
            fw.countermeasures.len()
        ));
    }
    // The survey reader reads the file itself: a large CSV is then not held twice.
    drop(bytes);
    // Surveys: syntax and structure, framework references, values and method preconditions,
    // all reported together.
    let (input, mut problems) = files::read_survey(path, framework, sheet);
    let Some(input) = input else {
        return Err(problems);
    };
    let spec = input.doc.survey.method.clone();
    let method = spec.resolve();
    let m = input.doc.survey.observations.len();
    if let Err(p) = input.data(method.impute) {
        problems.extend(p);
    }
    problems.extend(
        engine::check(&input.framework, m, &method)
            .into_iter()
            .map(|b| input.locate(crate::messages::problem(&input.framework, &b))),
    );
    if let Some(focus) = &spec.focus
        && !input
            .doc
            .survey
            .observations
            .iter()
            .any(|o| &o.label == focus)
    {
        let labels: Vec<&str> = input
            .doc
            .survey
            .observations
            .iter()
            .map(|o| o.label.as_str())
            .collect();
        problems.push(
            Problem::in_file(
                &name,
                format!("focus observation `{focus}` is not in the survey"),
            )
            .help(format!("set `focus` to one of: {}", labels.join(", "))),
        );
    }
    if problems.is_empty()
        && let Err(p) = input.assess(&MethodSpec::default())
    {
        problems.extend(p);
    }
    if problems.is_empty() {
        Ok(format!(
            "survey for `{}`: {} observation{}, {} indicators, complete",
            input.framework.id,
            m,
            if m == 1 { "" } else { "s" },
            input.framework.indicators.len()
        ))
    } else {
        Err(problems)
    }
}
