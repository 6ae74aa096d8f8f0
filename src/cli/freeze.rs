//! `beltscope freeze`: the framework with the bounds and weights of this assessment fixed, so
//! that next year's data can be scored without moving earlier years' scores.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::MethodFlags;
use crate::diag::Problem;
use crate::engine::freeze::frozen_bounds;
use crate::error::Failure;
use crate::files::{self, read_text, same_file};
use crate::model::DEFAULT_FRAMEWORK_TOML;
use crate::model::freeze::frozen_framework_text;
use crate::scoring::load_to_score;

/// Arguments of `beltscope freeze`.
#[derive(Debug, Args)]
pub struct FreezeArgs {
    /// A survey .toml or a .csv (header `label,<indicator id>,...`).
    pub input: PathBuf,
    /// A framework file or embedded id (overrides the survey's `framework`).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
    /// The frozen framework to write (atomically); never the input or its framework.
    #[arg(short = 'o', long = "output", value_name = "FRAMEWORK.toml")]
    pub output: PathBuf,
    #[command(flatten)]
    pub method: MethodFlags,
}

/// A problem when `out` would replace `input` or the framework file it was read with.
fn check_target(out: &Path, input: &Path, framework_file: Option<&Path>) -> Result<(), Failure> {
    let name = out.display().to_string();
    if same_file(out, input) {
        return Err(vec![
            Problem::in_file(&name, "refusing to overwrite the survey being frozen")
                .help("write the frozen framework to a new file, e.g. -o frozen-2024.toml"),
        ]
        .into());
    }
    if framework_file.is_some_and(|f| same_file(out, f)) {
        return Err(vec![
            Problem::in_file(&name, "refusing to overwrite the framework being frozen")
                .help("keep the original framework; write e.g. -o frozen-2024.toml"),
        ]
        .into());
    }
    Ok(())
}

/// Runs `beltscope freeze`.
pub fn run(args: &FreezeArgs) -> Result<(), Failure> {
    let flags = args.method.spec();
    let input = load_to_score(&args.input, args.framework.as_deref(), None, &flags)?;
    let embedded = input.framework_name.starts_with("<embedded");
    let framework_file = (!embedded).then(|| PathBuf::from(&input.framework_name));
    check_target(&args.output, &args.input, framework_file.as_deref())?;
    let a = input.assess(&flags)?;
    let data = input.matrix()?;
    let fw = &input.framework;
    let bounds = frozen_bounds(fw, &data, a.method.normalization);
    let original = match &framework_file {
        Some(path) => read_text(path)?,
        None => DEFAULT_FRAMEWORK_TOML.to_string(),
    };
    let text = frozen_framework_text(&original, fw, &bounds, &a.weights.global).map_err(|e| {
        Failure::Other(format!(
            "cannot edit the framework {}: {e}",
            input.framework_name
        ))
    })?;
    files::write_atomic(&args.output, text.as_bytes())
        .map_err(|e| Failure::Other(format!("cannot write {}: {e}", args.output.display())))?;
    eprintln!(
        "wrote {}: score later years against it with --framework {} --normalization reference --weighting fixed",
        args.output.display(),
        args.output.display()
    );
    Ok(())
}
