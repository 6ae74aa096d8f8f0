//! `beltscope dynamics`: synergy degrees, the niche of the belts and GM(1,1) forecasts.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::cli::{MethodFlags, print, print_with};
use crate::dynamics_json;
use crate::dynamics_text::dynamics_text;
use crate::engine::dynamics;
use crate::error::Failure;
use crate::lang::Lang;
use crate::output::method_json;
use crate::scoring::load_to_score;

/// Output format of `dynamics` and `aggregate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TextOrJson {
    #[default]
    Text,
    Json,
}

/// Arguments of `beltscope dynamics`.
#[derive(Debug, Args)]
pub struct DynamicsArgs {
    /// A survey .toml or a .csv (header `label,<indicator id>,...`).
    pub input: PathBuf,
    /// A framework file or embedded id (overrides the survey's `framework`).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
    /// Number of periods to forecast (H ≥ 1).
    #[arg(long, value_name = "H", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub horizon: u32,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
    /// Language of the text output: en or zh.
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
    #[command(flatten)]
    pub method: MethodFlags,
}

/// Runs `beltscope dynamics`.
pub fn run(args: &DynamicsArgs) -> Result<(), Failure> {
    let flags = args.method.spec();
    let input = load_to_score(&args.input, args.framework.as_deref(), None, &flags)?;
    let a = input.assess(&flags)?;
    let d = dynamics::of_input(&input, &a, args.horizon as usize);
    let fw = &input.framework;
    let text = match args.format {
        TextOrJson::Json => {
            let method = method_json(fw, &a);
            return print_with(|out| dynamics_json::write(out, &d, &method));
        }
        TextOrJson::Text => {
            let s = &input.doc.survey;
            let title = match &s.region {
                Some(r) => format!("{} — {r}", s.title),
                None => s.title.clone(),
            };
            dynamics_text(fw, &a, &d, &title, args.lang)
        }
    };
    print(&text)
}
