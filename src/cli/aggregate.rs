//! `beltscope aggregate`: questionnaire answers to survey values (the means), with reliability;
//! `--template` writes the blank questionnaire workbook.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::aggregate_json::aggregate_json;
use crate::aggregate_text::aggregate_text;
use crate::cli::{TextOrJson, print};
use crate::diag::Problem;
use crate::engine::questionnaire::{Aggregate, aggregate};
use crate::error::Failure;
use crate::files::{self, load_framework, read_text, relative_to, same_file};
use crate::lang::Lang;
use crate::model::responses::Responses;
use crate::model::sheet::decode::decode;
use crate::model::sheet::workbook::{is_workbook, read_sheet};
use crate::model::sheet::{Table, write_csv, write_xlsx};
use crate::model::template::questionnaire_xlsx;
use crate::model::{DEFAULT_FRAMEWORK_ID, FileKind, Framework, Observation, Survey, SurveyDoc};

/// Arguments of `beltscope aggregate`.
#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// Responses: `.csv` or `.xlsx`, header `observation,respondent,<indicator id>,...`.
    #[arg(required_unless_present = "template")]
    pub responses: Option<PathBuf>,
    /// A framework file or embedded id (default: the survey's given by -o, else the embedded
    /// one).
    #[arg(long, value_name = "F")]
    pub framework: Option<String>,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "S")]
    pub sheet: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
    /// Language of the text output: en or zh.
    #[arg(long, value_enum, default_value_t)]
    pub lang: Lang,
    /// Write the means into SURVEY (.toml or .csv): a new one, or an existing one whose other
    /// values, order and comments stay as they were. With --template: the workbook to write.
    #[arg(short = 'o', long = "output", value_name = "SURVEY")]
    pub output: Option<PathBuf>,
    /// Write the blank questionnaire workbook (-o FILE.xlsx) instead of reading responses.
    #[arg(long, requires = "output", conflicts_with = "responses")]
    pub template: bool,
}

/// Runs `beltscope aggregate`.
pub fn run(args: &AggregateArgs) -> Result<(), Failure> {
    match (&args.responses, &args.output) {
        (_, Some(out)) if args.template => template(args, out),
        (Some(responses), out) => aggregate_file(args, responses, out.as_deref()),
        (None, _) => Err(vec![Problem::in_file(
            "aggregate",
            "give a responses file, or --template -o FILE.xlsx",
        )]
        .into()),
    }
}

fn framework_of(args: &AggregateArgs, out: Option<&Path>) -> Result<Framework, Failure> {
    if let Some(f) = &args.framework {
        return Ok(load_framework(f, None)?.0);
    }
    if let Some(out) = out.filter(|o| o.exists() && FileKind::of(o) == FileKind::Toml) {
        let doc = SurveyDoc::parse(&out.display().to_string(), &read_text(out)?)?;
        return Ok(load_framework(&doc.survey.framework, out.parent())?.0);
    }
    Ok(Framework::default_framework())
}

fn template(args: &AggregateArgs, out: &Path) -> Result<(), Failure> {
    let name = out.display().to_string();
    if FileKind::of(out) != FileKind::Workbook {
        return Err(vec![
            Problem::in_file(&name, "the questionnaire template is a workbook")
                .help("name it FILE.xlsx"),
        ]
        .into());
    }
    let fw = framework_of(args, None)?;
    let bytes = questionnaire_xlsx(&fw).map_err(|e| vec![Problem::in_file(&name, e)])?;
    files::write_atomic(out, &bytes)
        .map_err(|e| Failure::Other(format!("cannot write {name}: {e}")))?;
    eprintln!("wrote {name}");
    Ok(())
}

/// Reads responses from a CSV (UTF-8, UTF-16 or GBK) or a workbook sheet.
fn read_responses(
    path: &Path,
    sheet: Option<&str>,
    fw: &Framework,
) -> Result<Responses, Vec<Problem>> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        vec![Problem::in_file(
            &name,
            format!("cannot read the file: {e}"),
        )]
    })?;
    if is_workbook(&bytes) {
        let grid =
            read_sheet(&name, &bytes, sheet).map_err(|e| vec![Problem::in_file(&name, e)])?;
        return Responses::from_grid(&grid, fw);
    }
    let (text, _) = decode(&bytes).map_err(|e| vec![Problem::in_file(&name, e)])?;
    Responses::parse(&name, &text, fw)
}

fn aggregate_file(args: &AggregateArgs, path: &Path, out: Option<&Path>) -> Result<(), Failure> {
    if let Some(out) = out {
        if same_file(out, path) {
            return Err(vec![
                Problem::in_file(
                    &out.display().to_string(),
                    "refusing to overwrite the responses being aggregated",
                )
                .help("write the means into a survey, e.g. -o survey.toml"),
            ]
            .into());
        }
        let kind = FileKind::of(out);
        if kind == FileKind::Workbook && out.exists() {
            // Writing over a workbook would lose its formatting, formulas and other sheets.
            return Err(vec![
                Problem::in_file(
                    &out.display().to_string(),
                    "beltscope does not write over an existing workbook",
                )
                .help("write the means into a .toml or .csv survey (`beltscope import` turns the workbook into one)"),
            ]
            .into());
        }
        if !matches!(kind, FileKind::Toml | FileKind::Csv | FileKind::Workbook) {
            return Err(vec![
                Problem::in_file(&out.display().to_string(), "the means go into a survey")
                    .help("name it SURVEY.toml, SURVEY.csv or SURVEY.xlsx"),
            ]
            .into());
        }
    }
    let fw = framework_of(args, out)?;
    let responses = read_responses(path, args.sheet.as_deref(), &fw)?;
    let agg = aggregate(&fw, &responses);
    let text = match args.format {
        TextOrJson::Json => aggregate_json(&fw, &agg),
        TextOrJson::Text => aggregate_text(&fw, &agg, &path.display().to_string(), args.lang),
    };
    if let Some(out) = out {
        write_means(args, &fw, &agg, path, out)?;
    }
    print(&text)
}

/// Sets the means in `survey`: existing observations by label, new ones appended at the end.
pub fn merge_means(survey: &mut Survey, fw: &Framework, agg: &Aggregate) {
    for (label, values) in agg.means() {
        let i = match survey.observations.iter().position(|o| o.label == label) {
            Some(i) => i,
            None => {
                survey.observations.push(Observation {
                    label: label.to_string(),
                    values: Default::default(),
                    region: None,
                    period: None,
                });
                survey.observations.len() - 1
            }
        };
        for (j, mean) in values {
            survey.observations[i]
                .values
                .insert(fw.indicators[j].id.clone(), mean);
        }
    }
}

fn write_means(
    args: &AggregateArgs,
    fw: &Framework,
    agg: &Aggregate,
    responses: &Path,
    out: &Path,
) -> Result<(), Failure> {
    let name = out.display().to_string();
    let kind = FileKind::of(out);
    // A spreadsheet survey is written through the sheet layer (CSV with BOM and CRLF, which
    // Excel opens right; a new .xlsx), keeping its column order and panel columns.
    let sheet_bytes = |survey: &Survey| -> Result<Vec<u8>, Failure> {
        let table = Table::from_survey(survey, fw, survey.panel_keys());
        match kind {
            FileKind::Workbook => write_xlsx(&table, fw, false, false),
            _ => Ok(write_csv(&table, fw)),
        }
    };
    let bytes: Vec<u8> = if out.exists() && kind == FileKind::Csv {
        // Read with the responses' framework, so a survey of another framework's ids merges.
        let mut doc = files::load_survey(out, args.framework.as_deref(), None)?.doc;
        merge_means(&mut doc.survey, fw, agg);
        sheet_bytes(&doc.survey)?
    } else if out.exists() {
        let original = read_text(out)?;
        let mut doc = SurveyDoc::parse(&name, &original)?;
        merge_means(&mut doc.survey, fw, agg);
        doc.survey.to_toml_over(&original).into_bytes()
    } else {
        let framework_ref = match &args.framework {
            None => DEFAULT_FRAMEWORK_ID.to_string(),
            Some(f) if Framework::embedded(f).is_some() => f.clone(),
            Some(f) => relative_to(Path::new(f), out.parent()).replace('\\', "/"),
        };
        let from = responses.file_name().map_or_else(
            || responses.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let mut survey = Survey::blank(
            &framework_ref,
            &format!("Questionnaire means from {from}"),
            &[],
        );
        merge_means(&mut survey, fw, agg);
        match kind {
            FileKind::Toml => survey.to_toml().into_bytes(),
            _ => sheet_bytes(&survey)?,
        }
    };
    files::write_atomic(out, &bytes)
        .map_err(|e| Failure::Other(format!("cannot write {name}: {e}")))?;
    eprintln!("wrote {name}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::questionnaire::{Alpha, ItemSummary, ObservationSummary, Reliability};

    fn item(indicator: usize, mean: f64) -> ItemSummary {
        ItemSummary {
            indicator,
            n: 2,
            mean,
            sd: None,
            ci95: None,
        }
    }

    fn agg() -> Aggregate {
        let alpha = Alpha {
            alpha: None,
            items: 0,
            n: 0,
        };
        Aggregate {
            observations: vec![
                ObservationSummary {
                    label: "2024".into(),
                    respondents: 2,
                    items: vec![item(1, 3.5)],
                },
                ObservationSummary {
                    label: "2025".into(),
                    respondents: 2,
                    items: vec![item(0, 4.0)],
                },
            ],
            reliability: Reliability {
                dimensions: Vec::new(),
                overall: alpha,
            },
            warnings: Vec::new(),
        }
    }

    #[test]
    fn means_replace_values_and_append_observations_in_place() {
        let fw = Framework::default_framework();
        let (a, b) = (fw.indicators[0].id.clone(), fw.indicators[1].id.clone());
        let mut s = Survey::blank("cbec-belt", "t", &["2023".into(), "2024".into()]);
        s.observations[1].values.insert(b.clone(), 1.0);
        s.observations[1].values.insert("other".into(), 9.0);
        merge_means(&mut s, &fw, &agg());
        // 2024's b is replaced where it stood; 2025 is new, at the end.
        let keys: Vec<&String> = s.observations[1].values.keys().collect();
        assert_eq!(keys, [&b, &"other".to_string()]);
        assert_eq!(
            s.observations[1]
                .values
                .get(&b)
                .copied()
                .unwrap_or(f64::NAN),
            3.5
        );
        assert_eq!(s.observations[2].label, "2025");
        assert_eq!(
            s.observations[2]
                .values
                .get(&a)
                .copied()
                .unwrap_or(f64::NAN),
            4.0
        );
    }
}
