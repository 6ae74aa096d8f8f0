//! What a file is, from its name: the one place that looks at extensions.

use std::path::Path;

/// The kinds of file beltscope reads or writes, by extension (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.toml`: surveys and frameworks.
    Toml,
    /// `.csv`: observations as rows.
    Csv,
    /// `.md`, `.markdown`: reports.
    Markdown,
    /// `.xlsx`, `.xls`, `.ods`: spreadsheets.
    Workbook,
    /// Anything else, or no extension.
    Other,
}

impl FileKind {
    /// The kind of a path.
    ///
    /// ```
    /// use beltscope::model::FileKind;
    /// assert_eq!(FileKind::of(std::path::Path::new("a/b.CSV")), FileKind::Csv);
    /// ```
    pub fn of(path: &Path) -> FileKind {
        // Not `Path::extension`: a file named `.csv` is a CSV file here, as it always was.
        match path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.rsplit_once('.'))
        {
            Some((_, ext)) => Self::of_extension(ext),
            None => FileKind::Other,
        }
    }

    /// The kind of a file name as shown to the user (a path's display text).
    pub fn of_name(name: &str) -> FileKind {
        Self::of(Path::new(name))
    }

    /// The kind of an extension without its dot.
    pub fn of_extension(ext: &str) -> FileKind {
        match ext.to_ascii_lowercase().as_str() {
            "toml" => FileKind::Toml,
            "csv" => FileKind::Csv,
            "md" | "markdown" => FileKind::Markdown,
            "xlsx" | "xls" | "ods" => FileKind::Workbook,
            _ => FileKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_ignore_case() {
        assert_eq!(FileKind::of_name("s.TOML"), FileKind::Toml);
        assert_eq!(FileKind::of_name("d.Csv"), FileKind::Csv);
        assert_eq!(FileKind::of_name("r.md"), FileKind::Markdown);
        assert_eq!(FileKind::of_name("r.Markdown"), FileKind::Markdown);
        assert_eq!(FileKind::of_name("w.XLSX"), FileKind::Workbook);
        assert_eq!(FileKind::of_name("w.ods"), FileKind::Workbook);
        assert_eq!(FileKind::of_name("report.txt"), FileKind::Other);
        assert_eq!(FileKind::of_name("csv"), FileKind::Other);
        assert_eq!(FileKind::of_name("dir/.csv"), FileKind::Csv);
    }
}
