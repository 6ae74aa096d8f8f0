//! The file-system edge: reading inputs with their framework, and writing atomically.
//!
//! Everything here returns problems as values; nothing prints.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::Problem;
use crate::engine::impute::{self, ImputeError};
use crate::engine::{self, Assessment, Impute, MethodSpec};
use crate::model::{DataMatrix, Framework, SurveyDoc};

/// Reads a text file, stripping a UTF-8 BOM; a problem naming the file when it cannot be read.
pub fn read_text(path: &Path) -> Result<String, Vec<Problem>> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        vec![
            Problem::in_file(&name, format!("cannot read the file: {e}")).help(
                if e.kind() == std::io::ErrorKind::NotFound {
                    "check the path; `beltscope new -o FILE` creates a blank survey"
                } else {
                    "check that the file is readable"
                },
            ),
        ]
    })?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(vec![
                Problem::in_file(
                    &name,
                    format!("the file is not UTF-8 text (invalid byte at offset {at})"),
                )
                .help(
                    "save it as UTF-8 (in Excel: \"CSV UTF-8\"); GBK files must be converted first",
                ),
            ])
        }
    }
}

/// A framework by embedded id or by path (relative paths are taken from `base`).
pub fn load_framework(
    spec: &str,
    base: Option<&Path>,
) -> Result<(Framework, String), Vec<Problem>> {
    if let Some(fw) = Framework::embedded(spec) {
        return Ok((fw, format!("<embedded {spec}>")));
    }
    let path = match base {
        Some(dir) if Path::new(spec).is_relative() => dir.join(spec),
        _ => PathBuf::from(spec),
    };
    let name = path.display().to_string();
    let text = read_text(&path)?;
    Framework::parse(&name, &text).map(|fw| (fw, name))
}

/// A data matrix with the cells imputation filled: (observation, indicator, value).
pub type Imputed = (DataMatrix, Vec<(usize, usize, f64)>);

/// A survey file with its framework resolved and checked against it.
#[derive(Debug, Clone)]
pub struct Input {
    pub doc: SurveyDoc,
    pub framework: Framework,
    /// Where the framework came from (file name or `<embedded id>`).
    pub framework_name: String,
}

impl Input {
    /// The survey's method with `flags` on top.
    pub fn method_spec(&self, flags: &MethodSpec) -> MethodSpec {
        self.doc.survey.method.overlay(flags)
    }

    /// The dense data matrix (every missing value is a problem).
    pub fn matrix(&self) -> Result<DataMatrix, Vec<Problem>> {
        self.doc.matrix(&self.framework)
    }

    /// The data matrix under `impute`: with `none` every missing value is a problem, else
    /// the gaps are filled and listed as (observation, indicator, value).
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
        let series = impute::series_of_labels(&labels);
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
        match engine::assess_imputed(&self.framework, &data, &imputed, &method) {
            Ok(a) if problems.is_empty() => Ok(a),
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

    /// Gives a location-less engine problem the survey's file name.
    pub fn locate(&self, mut p: Problem) -> Problem {
        if p.file().is_none() {
            p.location = crate::diag::Location::File {
                file: self.doc.name.clone(),
            };
        }
        p
    }

    /// The focus observation's index: `--focus`/`[method] focus`, else the last.
    pub fn focus(&self, a: &Assessment, flags: &MethodSpec) -> usize {
        self.method_spec(flags)
            .focus
            .and_then(|f| a.observation(&f))
            .unwrap_or(a.m().saturating_sub(1))
    }
}

/// Reads a survey (TOML or CSV) and its framework: `framework_override` (from `--framework`)
/// wins over the survey's own `framework`. Every problem of the file is reported.
pub fn load_input(path: &Path, framework_override: Option<&str>) -> Result<Input, Vec<Problem>> {
    match read_input(path, framework_override) {
        (Some(input), problems) if problems.is_empty() => Ok(input),
        (_, problems) => Err(problems),
    }
}

/// Like [`load_input`], but returns what could be read along with all problems, so `validate`
/// can go on to check values and method on a survey that also has, say, an unknown key.
pub fn read_input(path: &Path, framework_override: Option<&str>) -> (Option<Input>, Vec<Problem>) {
    let name = path.display().to_string();
    let text = match read_text(path) {
        Ok(t) => t,
        Err(p) => return (None, p),
    };
    let (doc, mut problems) = SurveyDoc::parse_lenient(&name, &text);
    let Some(doc) = doc else {
        return (None, problems);
    };
    let loaded = match framework_override {
        Some(f) => load_framework(f, None),
        None => load_framework(&doc.survey.framework, path.parent()).map_err(|mut fp| {
            // A framework file that cannot be read is the survey's problem: point at its
            // `framework = ...` line. Problems inside a readable framework stay where they are.
            if let ([only], Some(span)) = (fp.as_mut_slice(), &doc.spans.framework)
                && matches!(only.location, crate::diag::Location::File { .. })
            {
                let src = crate::diag::SourceText::new(&doc.name, &doc.text);
                let mut p = src.problem(
                    span.clone(),
                    format!(
                        "framework `{}` ({}): {}",
                        doc.survey.framework,
                        only.file().unwrap_or_default(),
                        only.message
                    ),
                );
                p.help = Some(
                    "`framework` is an embedded id (cbec-belt) or a path relative to the survey file"
                        .into(),
                );
                *only = p;
            }
            fp
        }),
    };
    match loaded {
        Ok((framework, framework_name)) => {
            problems.extend(doc.check_against(&framework));
            let input = Input {
                doc,
                framework,
                framework_name,
            };
            (Some(input), problems)
        }
        Err(fp) => {
            problems.extend(fp);
            (None, problems)
        }
    }
}

/// Writes `bytes` to `path` atomically: a temp file in the same folder, fsync, rename, then
/// fsync of the folder. A crash leaves either the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    // A new file gets the usual rw-rw-rw- less the umask (a report is meant to be shared);
    // tempfile's default is 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let prefix = format!(
        ".{}.",
        path.file_name()
            .map_or("beltscope".into(), |n| n.to_string_lossy())
    );
    // tempfile's error names its random temp file; the user only knows the folder.
    let mut tmp = builder
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("cannot create a file in {}: {}", dir.display(), e.kind()),
            )
        })?;
    tmp.write_all(bytes)?;
    // Keep the replaced file's permissions (the temp file is created 0600).
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.toml");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    #[cfg(unix)]
    fn atomic_write_gives_a_new_file_the_permissions_a_plain_write_would() {
        // tempfile creates 0600; a new report must be as shareable as any file the user makes.
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let probe = dir.path().join("probe");
        std::fs::write(&probe, b"").unwrap();
        let p = dir.path().join("report.md");
        write_atomic(&p, b"x").unwrap();
        assert_eq!(mode(&p), mode(&probe));
    }

    #[test]
    #[cfg(unix)]
    fn atomic_write_keeps_the_permissions_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.toml");
        std::fs::write(&p, "one").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&p, b"two").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn atomic_write_to_a_missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no/such/s.toml");
        assert!(write_atomic(&p, b"x").is_err());
    }
}
