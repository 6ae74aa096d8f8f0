//! `beltscope report`: load, assess, render, write.

use std::path::PathBuf;

use clap::Args;

use crate::cli::sensitivity::{RunFlags, analyse};
use crate::cli::{MethodFlags, print};
use crate::diag::Problem;
use crate::engine::sensitivity::SensitivityOptions;
use crate::error::Failure;
use crate::files::{self, check_output, relative_to};
use crate::lang::Lang;
use crate::report::{
    ChartFormat, ChartLinks, ReportFormat, ReportOptions, output_format, render, render_docx,
    today, write_all_charts,
};
use crate::scoring::load_to_score;

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
    /// text, markdown or docx (default: from the -o file's extension, else text). docx needs -o.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Language of headings, names and level names: en or zh.
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
    /// Write the report to FILE (atomically) instead of standard output: .txt, .md or .docx.
    /// Never replaces the input, nor an existing .toml or .csv file.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the charts into DIR (created if needed); the Markdown report links them.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
    /// The format of the chart files: svg, or png (300 dpi, for Word processors without SVG).
    #[arg(long, value_enum, default_value_t, requires = "charts")]
    pub chart_format: ChartFormat,
    /// Add the section "How robust is this?": the sensitivity analysis with the default spread.
    #[arg(long)]
    pub sensitivity: bool,
    #[command(flatten)]
    pub run: RunFlags,
    #[command(flatten)]
    pub method: MethodFlags,
}

/// The format to write: `--format`, else the one `-o`'s extension names, else text. A name
/// beltscope cannot write, a Word document without a file, or a Word document under a text
/// name (and the reverse) is a usage error.
fn resolve_format(args: &ReportArgs) -> Result<ReportFormat, Failure> {
    let problem = |name: &str, msg: String| Failure::Invalid(vec![Problem::in_file(name, msg)]);
    let Some(out) = &args.output else {
        if args.format == Some(ReportFormat::Docx) {
            return Err(Failure::Invalid(vec![
                Problem::new("a Word report is a binary file: it needs -o FILE.docx")
                    .help("e.g. beltscope report survey.toml -o report.docx"),
            ]));
        }
        return Ok(args.format.unwrap_or_default());
    };
    let name = out.display().to_string();
    let implied = output_format(out).map_err(|e| problem(&name, e))?;
    match (args.format, implied) {
        (Some(ReportFormat::Docx), Some(f)) if f != ReportFormat::Docx => Err(problem(
            &name,
            "--format docx writes a Word document: name the file .docx".into(),
        )),
        (Some(f), Some(ReportFormat::Docx)) if f != ReportFormat::Docx => Err(problem(
            &name,
            "a .docx file holds a Word document: leave out --format or use --format docx".into(),
        )),
        (f, i) => Ok(f.or(i).unwrap_or_default()),
    }
}

/// Runs `beltscope report`.
pub fn run(args: &ReportArgs) -> Result<(), Failure> {
    // The overwrite rule first: its message says what the file is (a survey), which matters
    // more than that a report cannot be written as .toml.
    if let Some(out) = &args.output {
        check_output(out, &args.input)?;
    }
    let format = resolve_format(args)?;
    let flags = args.method.spec();
    let input = load_to_score(
        &args.input,
        args.framework.as_deref(),
        args.sheet.as_deref(),
        &flags,
    )?;
    let a = input.assess(&flags)?;
    let charts = args.charts.as_ref().map(|dir| {
        let base = args.output.as_ref().and_then(|o| o.parent());
        let rel = match base {
            Some(_) => relative_to(dir, base),
            None => dir.display().to_string(),
        };
        ChartLinks {
            dir: rel.replace('\\', "/"),
            format: args.chart_format,
        }
    });
    let mut opts = ReportOptions {
        format,
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
        let (written, warnings) = write_all_charts(dir, &input, &a, &opts, args.chart_format)
            .map_err(|e| {
                Failure::Other(format!("cannot write the charts to {}: {e}", dir.display()))
            })?;
        for w in warnings {
            eprintln!("warning: {w}");
        }
        for p in written {
            eprintln!("wrote {}", p.display());
        }
    }
    // A Word report always has a file (see resolve_format).
    let Some(out) = &args.output else {
        return print(&render(&input, &a, &opts));
    };
    let bytes = if format == ReportFormat::Docx {
        let doc = render_docx(&input, &a, &opts)
            .map_err(|e| Failure::Other(format!("cannot make the Word report: {e}")))?;
        for w in doc.warnings {
            eprintln!("warning: {w}");
        }
        doc.bytes
    } else {
        render(&input, &a, &opts).into_bytes()
    };
    files::write_atomic(out, &bytes)
        .map_err(|e| Failure::Other(format!("cannot write {}: {e}", out.display())))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
