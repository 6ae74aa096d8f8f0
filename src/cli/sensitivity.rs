//! `beltscope sensitivity`: how robust the results are to the weights (and the method choices).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{MethodFlags, print};
use crate::diag::Problem;
use crate::engine::sensitivity::{
    SensitivityError, SensitivityOptions, SensitivityResult, sensitivity_with_progress,
};
use crate::error::Failure;
use crate::files::Input;
use crate::lang::Lang;
use crate::model::MethodSpec;
use crate::scoring::load_to_score;
use crate::sensitivity_view;

/// Output format of `sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SensitivityFormat {
    #[default]
    Text,
    Json,
}

/// The options of the analysis itself, shared with `report --sensitivity`.
#[derive(Debug, Clone, Args)]
pub struct RunFlags {
    /// Number of runs (at least 1).
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = parse_runs,
          allow_negative_numbers = true)]
    pub runs: usize,
    /// Seed of the random draws: the same seed gives the same output.
    #[arg(long, value_name = "X", default_value_t = 42)]
    pub seed: u64,
}

/// Arguments of `beltscope sensitivity`.
#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// A survey .toml or a .csv (header `label,<indicator id>,...`).
    pub input: PathBuf,
    /// A framework file or embedded id (overrides the survey's `framework`).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
    #[command(flatten)]
    pub run: RunFlags,
    /// Each weight is multiplied by a factor uniform on [1 − S, 1 + S]; 0 ≤ S < 1.
    #[arg(long, value_name = "S", default_value_t = 0.2, value_parser = parse_spread,
          allow_negative_numbers = true)]
    pub spread: f64,
    /// Also draw the coupling model, the obstacle basis and (when every indicator has bounds or
    /// a scale) the normalization in each run.
    #[arg(long)]
    pub vary_methods: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: SensitivityFormat,
    /// Language of the text output: en or zh.
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
    #[command(flatten)]
    pub method: MethodFlags,
}

fn parse_runs(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        Ok(_) => Err("the number of runs must be at least 1".into()),
        Err(_) => Err(format!("`{s}` is not a whole number of runs (at least 1)")),
    }
}

fn parse_spread(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..1.0).contains(&x) => Ok(x),
        Ok(_) => Err(
            "the spread must be at least 0 and less than 1 (a factor 1 − S ≤ 0 would drop an indicator)"
                .into(),
        ),
        Err(_) => Err(format!("`{s}` is not a number; give a spread 0 ≤ S < 1")),
    }
}

/// Runs `beltscope sensitivity`.
pub fn run(args: &SensitivityArgs) -> Result<(), Failure> {
    let input = load_to_score(
        &args.input,
        args.framework.as_deref(),
        None,
        &args.method.spec(),
    )?;
    let opts = SensitivityOptions {
        runs: args.run.runs,
        spread: args.spread,
        vary_methods: args.vary_methods,
        seed: args.run.seed,
    };
    let r = analyse(&input, &args.method.spec(), &opts)?;
    let fw = &input.framework;
    let text = match args.format {
        SensitivityFormat::Json => {
            let doc = sensitivity_view::to_json(fw, &r);
            serde_json::to_string_pretty(&doc)
                .map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))?
                + "\n"
        }
        SensitivityFormat::Text => {
            let s = &input.doc.survey;
            let title = match &s.region {
                Some(region) => format!("{} — {region}", s.title),
                None => s.title.clone(),
            };
            sensitivity_view::to_text(fw, &r, &title, args.lang)
        }
    };
    print(&text)
}

/// Scores the survey (so every problem is reported with its place), then runs the analysis
/// on the same data, method and focus, with a progress bar on a terminal when it is slow.
pub fn analyse(
    input: &Input,
    flags: &MethodSpec,
    opts: &SensitivityOptions,
) -> Result<SensitivityResult, Failure> {
    let a = input.assess(flags)?;
    let focus = input.focus(&a, flags);
    let (data, _) = input.data(a.method.impute)?;
    let fw = &input.framework;
    let mut bar = Progress::new(opts.runs);
    let result = sensitivity_with_progress(fw, &data, &a.method, focus, opts, &mut |done| {
        bar.update(done)
    });
    bar.finish();
    result.map_err(|e| match e {
        SensitivityError::Options(o) => Failure::Invalid(vec![Problem::new(o.to_string())]),
        SensitivityError::Blocked(blockers) => Failure::Invalid(
            (blockers.iter())
                .map(|b| input.locate(crate::messages::problem(fw, b)))
                .collect(),
        ),
    })
}

/// A progress bar on standard error that appears only once the runs have taken half a second
/// and only on a terminal, so quick runs and redirected output stay clean.
struct Progress {
    start: Instant,
    total: usize,
    terminal: bool,
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            start: Instant::now(),
            total,
            terminal: std::io::stderr().is_terminal(),
            bar: None,
        }
    }

    fn update(&mut self, done: usize) {
        if !self.terminal {
            return;
        }
        if self.bar.is_none() && self.start.elapsed() > Duration::from_millis(500) {
            let bar = ProgressBar::new(self.total as u64);
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} runs {eta}") {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
