//! The words of the web app (`cadre serve`): its fixed words ([`WebWord`])
//! and its sentences with values ([`WebText`]). Each language writes them
//! in its own module (`fr/web.rs`, `en/web.rs`) with exhaustive `match`es,
//! like the rest of the catalogue; the page has no word of its own.

use super::{Lang, en, fr};

/// A fixed word of the web app's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WebWord {
    /// The app's title.
    AppTitle,
    /// The name of the language, written in that language (the switch).
    LanguageName,
    /// The promise that the files stay on this computer.
    DataStaysHere,
    /// Heading of the upload form.
    Workbooks,
    /// What to do with the drop zone.
    DropHere,
    /// Label of the language choice.
    Language,
    /// The periods one can type.
    PeriodHint,
    /// Checkbox: leave rejected rows out.
    AllowRejected,
    /// The button that sends the files.
    Compute,
    /// The button that uses the data the server was started with.
    UseServerData,
    /// Heading: the validation report.
    Validation,
    /// Heading: the rejected rows.
    RejectedRows,
    /// Column heading: a row number.
    Row,
    /// Column heading: a column of the sheet.
    Column,
    /// Column heading: a cell's value.
    Value,
    /// Heading: the indicator table.
    IndicatorTable,
    /// Column heading: the progress bar.
    Progress,
    /// Heading: the downloads.
    Downloads,
    /// Download: the PDF report.
    DownloadReport,
    /// Download: the xlsx tracking table.
    DownloadTracking,
    /// Download: the IATI export.
    DownloadIati,
    /// Download: the blank data-entry workbook.
    DownloadTemplate,
    /// Heading: how a value was made.
    Explanation,
    /// Link back to the indicator table.
    BackToTable,
    /// Link back to the upload form.
    StartAgain,
    /// Heading of an error page.
    ErrorTitle,
    /// The files of a session are no longer held.
    SessionExpired,
    /// A form sent no file.
    NoFile,
    /// A page that does not exist.
    NotFound,
    /// A request the app cannot read (a form or a query).
    BadRequest,
    /// Heading: notes about the computation (rows left out).
    Notes,
    /// The explanation of a value: the link's title.
    ExplainValue,
}

impl WebWord {
    /// The word in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => fr::web::word(self),
            Lang::En => en::web::word(self),
        }
    }
}

/// A sentence of the web app with values in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebText<'a> {
    /// The upload limit, in MiB.
    UploadLimit {
        /// The limit, in mebibytes.
        mib: u64,
    },
    /// An upload beyond the limit was refused.
    TooLarge {
        /// The limit, in mebibytes.
        mib: u64,
    },
    /// The files received, by name.
    FilesReceived {
        /// The file names, comma separated.
        names: &'a str,
    },
    /// How long uploaded files are kept in memory, in minutes.
    KeptFor {
        /// Minutes.
        minutes: u64,
    },
    /// Where the app listens.
    Listening {
        /// Its address (`http://127.0.0.1:8080/`).
        url: &'a str,
    },
    /// The app listens beyond this computer.
    NotLoopback {
        /// The address given.
        addr: &'a str,
    },
    /// The address cannot be listened on.
    CannotListen {
        /// The address given.
        addr: &'a str,
        /// The system's reason.
        reason: &'a str,
    },
    /// The server itself failed (a temporary folder, a thread).
    ServerFailure {
        /// The system's reason.
        reason: &'a str,
    },
    /// A request that lacks a field of its query.
    MissingQuery {
        /// The field (`period`).
        name: &'a str,
    },
    /// An upload that could not be read whole.
    UploadUnreadable {
        /// The reader's reason.
        reason: &'a str,
    },
}

impl WebText<'_> {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::web::text(self),
            Lang::En => en::web::text(self),
        }
    }
}
