//! The ingest report: every row accounted for, every problem located.

use serde::Serialize;

/// Why a row was rejected. The catalogue states it in the user's language
/// ([`Rule::text`], [`Problem::message`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// A required cell is empty.
    Required,
    /// A cell required because of another column's value is empty.
    RequiredWhen {
        /// The other column.
        column: String,
        /// Its value that makes this cell required.
        equals: String,
    },
    /// Not a number.
    NotANumber,
    /// A number written with both `,` and `.`.
    AmbiguousNumber,
    /// A number with decimals where a whole number is expected.
    NotWhole,
    /// Not a date in an accepted form.
    NotADate,
    /// The cell holds a spreadsheet error (`#N/A`).
    SpreadsheetError,
    /// Not a yes or no in an accepted spelling (boolean column).
    NotABoolean,
    /// Not one of the allowed values.
    NotAllowed {
        /// The allowed values.
        allowed: Vec<String>,
        /// The allowed value closest to the cell's, if any is close (a
        /// typo: `reseau_sociaux` for `reseaux_sociaux`).
        #[serde(skip_serializing_if = "Option::is_none")]
        closest: Option<String>,
    },
    /// Text not of the declared form.
    Pattern {
        /// The regular expression.
        pattern: String,
    },
    /// Below the minimum.
    BelowMin {
        /// The minimum.
        min: f64,
    },
    /// Above the maximum.
    AboveMax {
        /// The maximum.
        max: f64,
    },
    /// The same key (ignoring case) appears on an earlier row.
    Duplicate {
        /// The row of the first occurrence.
        first_row: u32,
    },
    /// The reference names no row of the referenced dataset.
    UnknownReference {
        /// The referenced dataset.
        dataset: String,
    },
    /// The same key (ignoring case) is already in another file or sheet.
    DuplicateElsewhere {
        /// The file of the first occurrence.
        file: String,
        /// Its sheet.
        sheet: String,
        /// Its row.
        row: u32,
    },
    /// The reference names a row that was itself rejected.
    RejectedReference {
        /// The referenced dataset.
        dataset: String,
        /// The file of the rejected row.
        file: String,
        /// Its sheet.
        sheet: String,
        /// The rejected row.
        row: u32,
    },
}

/// A rejected row: where, which column, which value, which rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The data file.
    pub file: String,
    /// The sheet (or csv file) as named in the file.
    pub sheet: String,
    /// The dataset the sheet holds.
    pub dataset: String,
    /// The row number as the spreadsheet shows it (1 is the first row).
    pub row: u32,
    /// The column, as its header is written in the sheet.
    pub column: String,
    /// The cell as written.
    pub value: String,
    /// The rule broken.
    #[serde(flatten)]
    pub rule: Rule,
}

/// The accounting of one sheet: read = accepted + rejected + skipped_empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SheetReport {
    /// The dataset.
    pub dataset: String,
    /// The data file.
    pub file: String,
    /// The sheet as named in the file.
    pub sheet: String,
    /// Rows below the header row, up to the last row with a value.
    pub read: usize,
    /// Rows kept.
    pub accepted: usize,
    /// Rows rejected (each has at least one problem).
    pub rejected: usize,
    /// Entirely empty rows, skipped.
    pub skipped_empty: usize,
}

/// A sheet that holds no dataset of the programme: listed, not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmatchedSheet {
    /// The data file.
    pub file: String,
    /// The sheet as named in the file.
    pub sheet: String,
}

/// The accounting of one file: its sheets' rows added up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// The data file.
    pub file: String,
    /// The datasets it brought rows to, in definition order.
    pub datasets: Vec<String>,
    /// Rows read.
    pub read: usize,
    /// Rows kept.
    pub accepted: usize,
    /// Rows rejected.
    pub rejected: usize,
    /// Empty rows skipped.
    pub skipped_empty: usize,
}

/// What ingestion found, sheet by sheet and row by row.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    /// One entry per sheet read: by dataset in definition order, then by
    /// file in the order the sources were given.
    pub sheets: Vec<SheetReport>,
    /// Every problem, by dataset, file, then row.
    pub problems: Vec<Problem>,
    /// The sheets that hold no dataset, listed and not read.
    pub unmatched: Vec<UnmatchedSheet>,
    /// The files of data folders that were skipped (lock files, hidden files).
    pub skipped: Vec<super::SkippedFile>,
    /// The optional datasets (`required = false`) no source holds: empty.
    pub absent: Vec<String>,
}

impl IngestReport {
    /// Rows rejected over all sheets.
    pub fn rejected(&self) -> usize {
        self.sheets.iter().map(|s| s.rejected).sum()
    }

    /// Whether every row was accepted (or skipped as empty).
    pub fn is_clean(&self) -> bool {
        self.rejected() == 0
    }

    /// The accounting per file, in the order the files were first read.
    pub fn by_file(&self) -> Vec<FileReport> {
        let mut files: Vec<FileReport> = Vec::new();
        for s in &self.sheets {
            let at = match files.iter().position(|f| f.file == s.file) {
                Some(at) => at,
                None => {
                    files.push(FileReport {
                        file: s.file.clone(),
                        ..Default::default()
                    });
                    files.len() - 1
                }
            };
            let f = &mut files[at];
            if !f.datasets.contains(&s.dataset) {
                f.datasets.push(s.dataset.clone());
            }
            f.read += s.read;
            f.accepted += s.accepted;
            f.rejected += s.rejected;
            f.skipped_empty += s.skipped_empty;
        }
        files
    }

    /// The accounting of every file added up.
    pub fn total(&self) -> FileReport {
        let mut total = FileReport::default();
        for s in &self.sheets {
            total.read += s.read;
            total.accepted += s.accepted;
            total.rejected += s.rejected;
            total.skipped_empty += s.skipped_empty;
        }
        total
    }
}
