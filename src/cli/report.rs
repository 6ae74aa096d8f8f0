//! `beltscope report`: load, assess, render, write.

use std::path::PathBuf;

use clap::Args;

use crate::cli::sensitivity::{RunFlags, analyse};
use crate::cli::{MethodFlags, print};
use crate::engine::sensitivity::SensitivityOptions;
use crate::error::Failure;
use crate::files::{self, check_output, load_survey, relative_to};
use crate::lang::Lang;
use crate::model::FileKind;
use crate::report::{ChartLinks, ReportFormat, ReportOptions, render, today, write_charts};

/// Arguments of `beltscope report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A survey: .toml, .csv (UTF-8, GBK or UTF-16), or an .xlsx/.xls/.ods workbook.
    pub input: PathBuf,
    /// A framework file or embedded id (overrides the survey's `framework`).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// text or markdown (default: markdown when -o ends in .md, else text).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Language of headings, names and level names: en or zh.
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
    /// Write the report to FILE (atomically) instead of standard output. Never replaces the
    /// input, nor an existing .toml or .csv file.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write SVG charts into DIR (created if needed); the Markdown report links them.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
    /// Add the section "How robust is this?": the sensitivity analysis with the default spread.
    #[arg(long)]
    pub sensitivity: bool,
    #[command(flatten)]
    pub run: RunFlags,
    #[command(flatten)]
    pub method: MethodFlags,
}

/// Runs `beltscope report`.
pub fn run(args: &ReportArgs) -> Result<(), Failure> {
    if let Some(out) = &args.output {
        check_output(out, &args.input)?;
    }
    let input = load_survey(
        &args.input,
        args.framework.as_deref(),
        args.sheet.as_deref(),
    )?;
    let flags = args.method.spec();
    let a = input.assess(&flags)?;
    let charts = args.charts.as_ref().map(|dir| {
        let base = args.output.as_ref().and_then(|o| o.parent());
        let rel = match base {
            Some(_) => relative_to(dir, base),
            None => dir.display().to_string(),
        };
        ChartLinks {
            dir: rel.replace('\\', "/"),
        }
    });
    let by_extension = args
        .output
        .as_ref()
        .filter(|o| FileKind::of(o) == FileKind::Markdown)
        .map(|_| ReportFormat::Markdown);
    let mut opts = ReportOptions {
        format: args.format.or(by_extension).unwrap_or(ReportFormat::Text),
        lang: args.lang,
        focus: input.focus(&a, &flags),
        generated: today(),
        charts,
        width: crate::report::WIDTH,
        sensitivity: None,
    };
    if args.sensitivity {
        let run = SensitivityOptions {
            runs: args.run.runs,
            seed: args.run.seed,
            ..SensitivityOptions::default()
        };
        opts.sensitivity = Some(analyse(&input, &flags, &run)?);
    }
    if let Some(dir) = &args.charts {
        let written = write_charts(dir, &input, &a, &opts).map_err(|e| {
            Failure::Other(format!("cannot write the charts to {}: {e}", dir.display()))
        })?;
        let dynamics =
            crate::report::write_dynamics_chart(dir, &input, &a, &opts).map_err(|e| {
                Failure::Other(format!("cannot write the charts to {}: {e}", dir.display()))
            })?;
        for p in written.iter().chain(&dynamics) {
            eprintln!("wrote {}", p.display());
        }
    }
    let text = render(&input, &a, &opts);
    match &args.output {
        Some(out) => {
            files::write_atomic(out, text.as_bytes())
                .map_err(|e| Failure::Other(format!("cannot write {}: {e}", out.display())))?;
            eprintln!("wrote {}", out.display());
            Ok(())
        }
        None => print(&text),
    }
}
