//! The runner's one error type: everything that stops a command, written in
//! the user's language by the catalogue at the edge ([`Error::message`]).

use std::path::PathBuf;

use cadre::Lang;

use crate::messages::Text;
use crate::report::ReportError;
use crate::template::{TemplateError, XlsxPart};

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum Error {
    /// Definitions, data, a period or a claimed table (from the core).
    /// Boxed, like the other large errors: every `Result` carries the size
    /// of its error.
    Cadre(Box<cadre::Error>),
    /// A language the programme does not declare.
    UnknownLanguage {
        /// What was asked.
        given: String,
        /// The programme's languages.
        declared: Vec<Lang>,
    },
    /// The data has rejected rows and they were not allowed.
    RejectedRows {
        /// The accounting of every sheet and every problem, as text.
        accounting: String,
    },
    /// `check` of a csv table needs a period.
    CsvTableNeedsPeriod,
    /// `--previous` names a table of several periods and no
    /// `--previous-period`, or one that is not among them.
    PreviousNeedsPeriod {
        /// The table's periods.
        periods: Vec<String>,
    },
    /// An xlsx output needs a file.
    XlsxNeedsOutput,
    /// An IATI file would be dated after today: the IATI Standard refuses
    /// a last-updated date in the future (rule 11.1.1).
    IatiDateAhead {
        /// The date asked for (`--date`, `SOURCE_DATE_EPOCH`).
        date: chrono::NaiveDate,
        /// Today.
        today: chrono::NaiveDate,
    },
    /// `status` on a programme that declares no reporting units.
    NoReportingUnits,
    /// The report could not be made.
    Report(Box<ReportError>),
    /// The data-entry template could not be made.
    Template(#[from] TemplateError),
    /// An xlsx workbook could not be made.
    Xlsx {
        /// Which workbook ([`XlsxPart::TrackingTable`]).
        what: Box<XlsxPart>,
        /// The writer's reason.
        source: rust_xlsxwriter::XlsxError,
    },
    /// A file could not be written.
    Write {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A JSON output could not be serialised.
    Json(#[from] serde_json::Error),
    /// `cadre serve` cannot listen on its address.
    Listen {
        /// The address.
        addr: String,
        /// The system's reason.
        source: std::io::Error,
    },
}

impl From<cadre::Error> for Error {
    fn from(e: cadre::Error) -> Self {
        Error::Cadre(Box::new(e))
    }
}

impl From<ReportError> for Error {
    fn from(e: ReportError) -> Self {
        Error::Report(Box::new(e))
    }
}

impl Error {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Cadre(e) => e.message(lang),
            Error::UnknownLanguage { given, declared } => {
                Text::UnknownLanguage { given, declared }.render(lang)
            }
            Error::RejectedRows { accounting } => {
                format!("{}\n{accounting}", Text::RejectedRowsStop.render(lang))
            }
            Error::CsvTableNeedsPeriod => Text::CsvTableNeedsPeriod.render(lang),
            Error::PreviousNeedsPeriod { periods } => Text::PreviousNeedsPeriod {
                periods: &periods.join(", "),
            }
            .render(lang),
            Error::XlsxNeedsOutput => Text::XlsxNeedsOutput.render(lang),
            Error::IatiDateAhead { date, today } => Text::IatiDateAhead {
                date: &date.to_string(),
                today: &today.to_string(),
            }
            .render(lang),
            Error::NoReportingUnits => Text::NoReportingUnits.render(lang),
            Error::Report(e) => report_message(e, lang),
            Error::Template(e) => template_message(e, lang),
            Error::Xlsx { what, source } => Text::XlsxRefused {
                part: what,
                reason: &source.to_string(),
            }
            .render(lang),
            Error::Write { path, source } => cannot_write(path, source, lang),
            Error::Json(e) => Text::ReportData {
                reason: &e.to_string(),
            }
            .render(lang),
            Error::Listen { addr, source } => crate::messages::web::WebText::CannotListen {
                addr,
                reason: &source.to_string(),
            }
            .render(lang),
        }
    }
}

fn cannot_write(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    Text::CannotWrite {
        path: &path.display().to_string(),
        reason: &e.to_string(),
    }
    .render(lang)
}

fn report_message(e: &ReportError, lang: Lang) -> String {
    let lines = |d: &[crate::report::Diagnostic]| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    };
    match e {
        ReportError::TemplateFolder { path, source } => Text::TemplateFolder {
            path: &path.display().to_string(),
            reason: &source.to_string(),
        }
        .render(lang),
        ReportError::Narrative { path, source } => Text::NarrativeUnreadable {
            path: &path.display().to_string(),
            reason: &source.to_string(),
        }
        .render(lang),
        ReportError::NarrativeTooLarge { path, limit } => Text::NarrativeTooLarge {
            path: &path.display().to_string(),
            limit_kib: *limit >> 10,
        }
        .render(lang),
        ReportError::NarrativeNotAFile { path } => Text::NarrativeNotAFile {
            path: &path.display().to_string(),
        }
        .render(lang),
        ReportError::NarrativeIncomplete(warnings) => Text::NarrativeIncomplete {
            details: &warnings
                .iter()
                .map(|w| format!("  {}", w.message(lang)))
                .collect::<Vec<_>>()
                .join("\n"),
        }
        .render(lang),
        ReportError::PaidAhead {
            issued,
            rows,
            dataset,
        } => Text::PaidAhead {
            dataset,
            issued: &issued.to_string(),
            rows: &rows
                .iter()
                .map(|(row, date, amount)| {
                    format!(
                        "  {} {}, {date}, {amount}",
                        Text::RowWord.render(lang),
                        row.map(|r| r.to_string()).unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
        .render(lang),
        ReportError::DataAfterIssue { extracted, issued } => Text::DataAfterIssueFinal {
            extracted: &extracted.to_string(),
            issued: &issued.to_string(),
        }
        .render(lang),
        ReportError::NoMainFile { path } => Text::NoMainFile {
            path: &path.display().to_string(),
        }
        .render(lang),
        ReportError::Template(d) => Text::TemplateErrors { details: &lines(d) }.render(lang),
        ReportError::Pdf(d) => Text::PdfErrors { details: &lines(d) }.render(lang),
        ReportError::Input(e) => e.message(lang),
        ReportError::Data(e) => Text::ReportData {
            reason: &e.to_string(),
        }
        .render(lang),
        ReportError::SourceDateEpoch(value) => Text::SourceDateEpoch { value }.render(lang),
        ReportError::DateOutOfRange(date) => Text::DateOutOfRange {
            date: &date.to_string(),
        }
        .render(lang),
    }
}

fn template_message(e: &TemplateError, lang: Lang) -> String {
    match e {
        TemplateError::Xlsx { part, source } => Text::XlsxRefused {
            part,
            reason: &source.to_string(),
        }
        .render(lang),
        TemplateError::Registry {
            dataset,
            column,
            message,
        } => Text::RegistryColumn {
            dataset,
            column,
            reason: message,
        }
        .render(lang),
        TemplateError::UnknownDataset { dataset, known } => {
            Text::UnknownDataset { dataset, known }.render(lang)
        }
        TemplateError::RowWidth {
            dataset,
            given,
            columns,
        } => Text::RowWidth {
            dataset,
            given: *given,
            columns: *columns,
        }
        .render(lang),
        TemplateError::NameClash { candidates, .. } => {
            Text::NoFreeSheetName { candidates }.render(lang)
        }
        TemplateError::Io { path, source } => cannot_write(path, source, lang),
    }
}
