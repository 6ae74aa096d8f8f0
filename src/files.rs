//! The file-system edge: reading inputs with their framework, and writing atomically.
//!
//! Everything here returns problems as values; nothing prints.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::Problem;
use crate::model::{EMBEDDED_FRAMEWORKS, FileKind, Framework, SurveyDoc};

pub use crate::model::Input;

/// Reads a text file, stripping a UTF-8 BOM; a problem naming the file when it cannot be read.
pub fn read_text(path: &Path) -> Result<String, Vec<Problem>> {
    utf8_text(&path.display().to_string(), read_bytes(path)?)
}

/// A file's bytes; a problem naming the file when it cannot be read.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Vec<Problem>> {
    let name = path.display().to_string();
    std::fs::read(path).map_err(|e| {
        vec![
            Problem::in_file(&name, format!("cannot read the file: {e}")).help(
                if e.kind() == std::io::ErrorKind::NotFound {
                    "check the path; `beltscope new -o FILE` creates a blank survey"
                } else {
                    "check that the file is readable"
                },
            ),
        ]
    })
}

/// UTF-8 text without its BOM, or a problem saying how to save the file.
fn utf8_text(name: &str, bytes: Vec<u8>) -> Result<String, Vec<Problem>> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(vec![
                Problem::in_file(
                    name,
                    format!("the file is not UTF-8 text (invalid byte at offset {at})"),
                )
                .help("save it as UTF-8; a CSV in GBK or UTF-16 is read as it is"),
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

/// Reads a survey (TOML, CSV or workbook) and its framework: `framework_override` (from
/// `--framework`) wins over the survey's own `framework`. Every problem of the file is reported.
pub fn load_input(path: &Path, framework_override: Option<&str>) -> Result<Input, Vec<Problem>> {
    load_survey(path, framework_override, None)
}

/// [`load_input`] with a workbook's sheet (`--sheet NAME`; the first sheet when `None`).
pub fn load_survey(
    path: &Path,
    framework_override: Option<&str>,
    sheet: Option<&str>,
) -> Result<Input, Vec<Problem>> {
    match read_survey(path, framework_override, sheet) {
        (Some(input), problems) if problems.is_empty() => Ok(input),
        (_, problems) => Err(problems),
    }
}

/// Like [`load_input`], but returns what could be read along with all problems, so `validate`
/// can go on to check values and method on a survey that also has, say, an unknown key.
pub fn read_input(path: &Path, framework_override: Option<&str>) -> (Option<Input>, Vec<Problem>) {
    read_survey(path, framework_override, None)
}

/// Whether a file is read by the sheet layer: a CSV by name, or a workbook by name or content.
fn is_sheet(path: &Path, bytes: &[u8]) -> bool {
    matches!(FileKind::of(path), FileKind::Csv | FileKind::Workbook)
        || crate::model::sheet::workbook::is_workbook(bytes)
}

/// A spreadsheet the default framework cannot read but another embedded framework reads
/// cleanly (a CSV written for 1.0.0, say) gets one problem that says which framework fits and
/// how to name it, instead of one problem per column.
fn fits_other_framework(
    name: &str,
    bytes: &[u8],
    tried: &Framework,
    sheet: Option<&str>,
) -> Option<Problem> {
    Framework::all_embedded()
        .into_iter()
        .filter(|f| f.id != tried.id)
        .find(|f| {
            let input = crate::model::sheet::Input::Bytes { name, bytes };
            crate::model::sheet::read_table(input, f, sheet).0.is_some()
        })
        .map(|f| {
            Problem::in_file(
                name,
                format!(
                    "this file's indicators are those of framework `{}` {}, not of `{}` {}",
                    f.id, f.version, tried.id, tried.version
                ),
            )
            .help(format!(
                "pass `--framework {}` to score it as it is, or rename its columns to the ids of `{}` (`beltscope framework --format csv` lists them)",
                f.id, tried.id
            ))
        })
}

/// The one survey reader: TOML as a survey document; CSV and workbooks through the sheet layer
/// (header names, panels, the yearbook layout, text numbers), against `--framework` or the
/// embedded framework. Returns what could be read with every problem found.
pub fn read_survey(
    path: &Path,
    framework_override: Option<&str>,
    sheet: Option<&str>,
) -> (Option<Input>, Vec<Problem>) {
    match read_bytes(path) {
        Ok(bytes) => read_survey_bytes(path, bytes, framework_override, sheet),
        Err(p) => (None, p),
    }
}

/// [`read_survey`] of bytes already read: `path` gives the name, the kind (by extension) and
/// the folder a TOML survey's `framework` path is relative to. The fuzzer enters here.
pub fn read_survey_bytes(
    path: &Path,
    bytes: Vec<u8>,
    framework_override: Option<&str>,
    sheet: Option<&str>,
) -> (Option<Input>, Vec<Problem>) {
    let name = path.display().to_string();
    if is_sheet(path, &bytes) {
        let spec = framework_override.unwrap_or(crate::model::DEFAULT_FRAMEWORK_ID);
        let (framework, framework_name) = match load_framework(spec, None) {
            Ok(f) => f,
            Err(p) => return (None, p),
        };
        // The bytes are handed over (a large CSV is then held once). Lenient: a table whose
        // rows have problems is still checked for missing values and method, so every problem
        // is listed at once. The rare file with problems is read again to see whether another
        // framework fits it.
        let (table, problems, _) =
            crate::model::sheet::read_table_bytes(&name, bytes, &framework, sheet);
        if !problems.is_empty()
            && framework_override.is_none()
            && let Ok(bytes) = read_bytes(path)
            && let Some(p) = fits_other_framework(&name, &bytes, &framework, sheet)
        {
            return (None, vec![p]);
        }
        let Some(table) = table else {
            return (None, problems);
        };
        let doc = SurveyDoc::from_table(table, &framework, spec);
        let input = Input {
            doc,
            framework,
            framework_name,
        };
        return (Some(input), problems);
    }
    if let Some(s) = sheet {
        let p = Problem::in_file(
            &name,
            format!("`--sheet {s}` is for workbooks, and this is a TOML survey"),
        )
        .help("leave out --sheet, or give an .xlsx, .xls or .ods workbook");
        return (None, vec![p]);
    }
    let text = match utf8_text(&name, bytes) {
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
                let ids: Vec<&str> = EMBEDDED_FRAMEWORKS.iter().map(|(id, _)| *id).collect();
                p.help = Some(format!(
                    "`framework` is an embedded id ({}) or a path relative to the survey file",
                    ids.join(", ")
                ));
                *only = p;
            }
            fp
        }),
    };
    match loaded {
        Ok((framework, framework_name)) => {
            problems.extend(doc.check_against(&framework));
            if doc.written_for_other(&framework).is_some() {
                // Every value would also be "missing": the one problem above says it all.
                return (None, problems);
            }
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

/// Debug builds only: while the file named by `BELTSCOPE_FAIL_WRITES_WHILE` exists, every atomic
/// write and journal append fails as on a full disk, so tests can fill the disk without root
/// (mounting a small tmpfs needs privileges CI may not have). Release builds ignore it.
pub fn injected_full_disk() -> std::io::Result<()> {
    #[cfg(debug_assertions)]
    if let Some(flag) = std::env::var_os("BELTSCOPE_FAIL_WRITES_WHILE")
        && Path::new(&flag).exists()
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device",
        ));
    }
    Ok(())
}

/// The name every temp file of an atomic write to `path` starts with: the target's name and
/// the writer's pid, so a temp file left by a killed writer is recognised and removed later.
fn temp_prefix(path: &Path, pid: u32) -> String {
    format!(
        ".{}.beltscope-{pid}-",
        path.file_name()
            .map_or("beltscope".into(), |n| n.to_string_lossy())
    )
}

/// Temp files of atomic writes to `path` that nobody will finish: written by a process that is
/// gone (`alive` says no), or left by an older version (`.<name>.XXXXXX.tmp`, no pid) more than
/// ten minutes ago — no save takes that long.
pub fn stale_temps(path: &Path, alive: impl Fn(u32) -> bool) -> Vec<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let ours = format!(".{name}.beltscope-");
    let old = format!(".{name}.");
    let mut out = Vec::new();
    for e in entries.filter_map(|e| e.ok()) {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(stem) = file.strip_suffix(".tmp") else {
            continue;
        };
        let stale = if let Some(rest) = stem.strip_prefix(&ours) {
            rest.split('-')
                .next()
                .and_then(|p| p.parse::<u32>().ok())
                .is_some_and(|pid| !alive(pid))
        } else if let Some(rand) = stem.strip_prefix(&old) {
            let minutes = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|a| a.as_secs() > 600);
            rand.len() == 6 && rand.chars().all(|c| c.is_ascii_alphanumeric()) && minutes
        } else {
            false
        };
        if stale {
            out.push(dir.join(&file));
        }
    }
    out.sort();
    out
}

/// Writes `bytes` to `path` atomically: a temp file in the same folder, fsync, rename, then
/// fsync of the folder. A crash leaves either the old file or the new one, never half of one;
/// the temp file a kill leaves is named so [`stale_temps`] finds it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    injected_full_disk()?;
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
    let prefix = temp_prefix(path, std::process::id());
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

/// Whether `a` and `b` name the same existing file (symlinks and, on Unix, hard links too).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    let _ = (ma, mb);
    matches!(
        (std::fs::canonicalize(a), std::fs::canonicalize(b)),
        (Ok(x), Ok(y)) if x == y
    )
}

/// The overwrite rule of `-o`: a report never replaces the survey it was made from, nor any
/// existing `.toml` or `.csv` file (surveys, frameworks and data live in those; a survey with a
/// syntax error is still somebody's data, so the content is not inspected). Any other path is
/// written, replacing an older report.
pub fn check_output(output: &Path, input: &Path) -> Result<(), Vec<Problem>> {
    let name = output.display().to_string();
    if same_file(output, input) {
        return Err(vec![
            Problem::in_file(
                &name,
                "refusing to overwrite the survey the report is made from",
            )
            .help("write the report to another file, e.g. -o report.md"),
        ]);
    }
    if output.exists() && matches!(FileKind::of(output), FileKind::Toml | FileKind::Csv) {
        return Err(vec![
            Problem::in_file(
                &name,
                "refusing to overwrite an existing .toml or .csv file: it may be a survey or a framework",
            )
            .help("reports go to .md or .txt files, e.g. -o report.md"),
        ]);
    }
    Ok(())
}

/// `target` expressed relative to `dir` (both made absolute), or as given when that fails.
pub fn relative_to(target: &Path, dir: Option<&Path>) -> String {
    let abs = |p: &Path| std::path::absolute(p).ok();
    let (Some(t), Some(d)) = (
        abs(target),
        abs(dir
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))),
    ) else {
        return target.display().to_string();
    };
    let tc: Vec<_> = t.components().collect();
    let dc: Vec<_> = d.components().collect();
    let common = tc.iter().zip(&dc).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in common..dc.len() {
        rel.push("..");
    }
    for c in &tc[common..] {
        rel.push(c);
    }
    rel.display().to_string()
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
    fn temp_files_of_dead_writers_are_found_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.toml");
        let dead = dir
            .path()
            .join(format!("{}abc123.tmp", temp_prefix(&p, 4242)));
        let live = dir.path().join(format!("{}abc123.tmp", temp_prefix(&p, 7)));
        let fresh_old_style = dir.path().join(".s.toml.Xy12ab.tmp");
        let other = dir.path().join(format!(
            "{}abc123.tmp",
            temp_prefix(Path::new("t.toml"), 4242)
        ));
        for f in [&dead, &live, &fresh_old_style, &other] {
            std::fs::write(f, "half").unwrap();
        }
        assert_eq!(stale_temps(&p, |pid| pid == 7), vec![dead]);
    }

    #[test]
    fn atomic_write_to_a_missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no/such/s.toml");
        assert!(write_atomic(&p, b"x").is_err());
    }
}
