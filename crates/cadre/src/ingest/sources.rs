//! Which files make up the data: the paths the user gives, folders walked.
//!
//! A workbook (xlsx, xls, ods) is a source. The csv files of a folder form
//! one source, one csv file per sheet (a csv file given by itself is a
//! source of one sheet). Inside a folder, each workbook and each subfolder
//! is a source of its own, recursively, in name order, so that partners'
//! files can be dropped in a folder as they arrive. Excel's lock files
//! (`~$budget.xlsx`) and hidden files are skipped and listed; any other file
//! is an error: a file that is silently not read is a lost row.
//!
//! A file held in memory ([`NamedFile`]) is a source of its own, as the same
//! file given by itself on disk: a workbook, or a csv file of one sheet.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::input::{Location, NamedFile, Source};
use crate::error::{Error, Result, WorkbookProblem};

/// File extensions read as workbooks (the format itself is read from the bytes).
const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// One book of data: a workbook, or csv files read as the sheets of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    /// The workbook, or the folder holding the csv files (or the csv file
    /// given by itself).
    pub location: Location,
    /// How the book is named in reports: a file given by itself by its
    /// file name; a file found in a folder by its path below that folder's
    /// parent (`partners/benin/acal.xlsx`), so that two files of the same
    /// name in two folders stay apart, and no path of the machine shows.
    pub name: String,
    /// The csv files, for a csv book; none for a workbook.
    pub csv: Option<Vec<CsvFile>>,
}

/// A csv file of a book: one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    /// The sheet it is read as: its file name without `.csv`.
    pub sheet: String,
    /// The file.
    pub location: Location,
    /// Its path below its folder (`events/y.csv`), for a csv file found in
    /// a folder; none for a csv file given by itself.
    pub below: Option<String>,
}

impl Book {
    /// The name a sheet's file goes by in messages and reports: a csv file
    /// of a folder is named below the folder's name; any other, the book's.
    pub fn file_name(&self, sheet: &str) -> String {
        let below = self
            .csv
            .iter()
            .flatten()
            .find(|f| f.sheet == sheet)
            .and_then(|f| f.below.as_deref());
        match below {
            Some(below) => format!("{}/{below}", self.name),
            None => self.name.clone(),
        }
    }

    /// The file a sheet is read from (the csv file, for a csv book).
    pub fn sheet_location(&self, sheet: &str) -> Location {
        match &self.csv {
            Some(files) => files
                .iter()
                .find(|f| f.sheet == sheet)
                .map(|f| f.location.clone())
                .unwrap_or_else(|| Location::Disk(PathBuf::new())),
            None => self.location.clone(),
        }
    }

    /// A file given by itself: a workbook, or a csv file of one sheet.
    fn single(location: Location, name: String) -> Book {
        let csv = is_csv(location.path()).then(|| {
            vec![CsvFile {
                sheet: stem(location.path()),
                location: location.clone(),
                below: None,
            }]
        });
        Book {
            location,
            name,
            csv,
        }
    }
}

/// A file of a folder that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFile {
    /// The file, as named in reports.
    pub file: String,
    /// Why it was skipped.
    pub reason: SkipReason,
}

/// Why a file of a data folder was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// A spreadsheet program's lock file (`~$name.xlsx`): the workbook is open.
    LockFile,
    /// A hidden file (its name starts with a dot).
    Hidden,
    /// A file or folder already read (given twice, or a link back to a parent).
    AlreadyRead,
}

/// The books the given sources hold, in the order given (a folder's in
/// name order), and the files skipped.
pub fn discover(given: &[Source]) -> Result<(Vec<Book>, Vec<SkippedFile>)> {
    let mut sources = Vec::new();
    let mut skipped = Vec::new();
    let mut walked = Vec::new();
    for source in given {
        let path = match source {
            Source::Path(path) => path,
            Source::File(NamedFile { name, bytes }) => {
                let location = Location::Memory {
                    name: name.clone(),
                    bytes: bytes.clone(),
                };
                sources.push(Book::single(location, name.clone()));
                continue;
            }
        };
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            let base = path.parent().unwrap_or(Path::new(""));
            let before = sources.len();
            walk(path, base, &mut sources, &mut skipped, &mut walked)?;
            if sources.len() == before {
                return Err(Error::workbook(path, WorkbookProblem::NoDataInFolder));
            }
        } else {
            let name = file_name(path);
            // The same file given twice is read once.
            let real = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
            if walked.contains(&real) {
                skipped.push(SkippedFile {
                    file: name,
                    reason: SkipReason::AlreadyRead,
                });
                continue;
            }
            walked.push(real);
            sources.push(Book::single(Location::Disk(path.clone()), name));
        }
    }
    Ok((sources, skipped))
}

fn walk(
    dir: &Path,
    base: &Path,
    sources: &mut Vec<Book>,
    skipped: &mut Vec<SkippedFile>,
    walked: &mut Vec<PathBuf>,
) -> Result<()> {
    // A folder is walked once: a link back to a parent would never end.
    let real = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    if walked.contains(&real) {
        skipped.push(SkippedFile {
            file: relative(dir, base),
            reason: SkipReason::AlreadyRead,
        });
        return Ok(());
    }
    walked.push(real);
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        entries.push(entry.path());
    }
    entries.sort();
    let mut csv = Vec::new();
    let mut workbooks = Vec::new();
    let mut folders = Vec::new();
    for path in entries {
        let file = file_name(&path);
        let reason = if file.starts_with("~$") {
            Some(SkipReason::LockFile)
        } else if file.starts_with('.') {
            Some(SkipReason::Hidden)
        } else {
            None
        };
        if let Some(reason) = reason {
            skipped.push(SkippedFile {
                file: relative(&path, base),
                reason,
            });
            continue;
        }
        let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
        if !meta.is_dir() {
            let real = std::fs::canonicalize(&path).map_err(|e| Error::io(&path, e))?;
            if walked.contains(&real) {
                skipped.push(SkippedFile {
                    file: relative(&path, base),
                    reason: SkipReason::AlreadyRead,
                });
                continue;
            }
            walked.push(real);
        }
        if meta.is_dir() {
            folders.push(path);
        } else if is_csv(&path) {
            csv.push(CsvFile {
                sheet: stem(&path),
                below: Some(relative(&path, dir)),
                location: Location::Disk(path),
            });
        } else if has_extension(&path, &WORKBOOK_EXTENSIONS) {
            workbooks.push(path);
        } else {
            return Err(Error::workbook(&path, WorkbookProblem::NotADataFile));
        }
    }
    if !csv.is_empty() {
        sources.push(Book {
            location: Location::Disk(dir.to_path_buf()),
            name: relative(dir, base),
            csv: Some(csv),
        });
    }
    for path in workbooks {
        sources.push(Book {
            name: relative(&path, base),
            location: Location::Disk(path),
            csv: None,
        });
    }
    for folder in folders {
        walk(&folder, base, sources, skipped, walked)?;
    }
    Ok(())
}

/// `path` below `base`, with `/` separators.
pub(crate) fn relative(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_csv(path: &Path) -> bool {
    has_extension(path, &["csv"])
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"x").unwrap();
    }

    #[test]
    fn a_folder_is_walked_in_name_order_and_lock_files_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("partners");
        for f in [
            "b.xlsx",
            "a.ods",
            "~$a.xlsx",
            ".hidden.xlsx",
            "events/z.csv",
            "events/y.csv",
            "more/deeper/c.xls",
            "one.csv",
        ] {
            touch(&root.join(f));
        }
        let (sources, skipped) = discover(&[Source::Path(root.clone())]).unwrap();
        let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "partners",
                "partners/a.ods",
                "partners/b.xlsx",
                "partners/events",
                "partners/more/deeper/c.xls"
            ]
        );
        let events = sources[3].csv.as_ref().unwrap();
        assert_eq!(events[0].sheet, "y");
        assert_eq!(events[1].sheet, "z");
        assert_eq!(sources[3].file_name("z"), "partners/events/z.csv");
        assert_eq!(sources[0].csv.as_ref().unwrap()[0].sheet, "one");
        assert_eq!(
            skipped,
            [
                SkippedFile {
                    file: "partners/.hidden.xlsx".into(),
                    reason: SkipReason::Hidden
                },
                SkippedFile {
                    file: "partners/~$a.xlsx".into(),
                    reason: SkipReason::LockFile
                },
            ]
        );
    }

    #[test]
    fn a_stray_file_in_a_folder_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("a.xlsx"));
        touch(&dir.path().join("notes.docx"));
        let err = discover(&[Source::Path(dir.path().to_path_buf())]).unwrap_err();
        assert!(
            matches!(&err, Error::Workbook { path, .. } if path.ends_with("notes.docx")),
            "{err:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_back_to_a_parent_folder_is_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("data");
        touch(&root.join("a.xlsx"));
        std::os::unix::fs::symlink(&root, root.join("loop")).unwrap();
        let (sources, skipped) = discover(&[Source::Path(root.clone())]).unwrap();
        assert_eq!(sources.len(), 1);
        assert_eq!(
            skipped,
            [SkippedFile {
                file: "data/loop".into(),
                reason: SkipReason::AlreadyRead
            }]
        );
    }

    #[test]
    fn an_empty_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(discover(&[Source::Path(dir.path().to_path_buf())]).is_err());
    }
}
