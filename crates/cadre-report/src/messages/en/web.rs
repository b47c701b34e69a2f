//! The words of the web app (`cadre serve`), in English.

use crate::messages::web::{WebText, WebWord};

pub(in crate::messages) fn word(w: WebWord) -> &'static str {
    match w {
        WebWord::AppTitle => "cadre: indicators and reports",
        WebWord::LanguageName => "English",
        WebWord::DataStaysHere => "Your workbooks stay on this computer: they are sent nowhere.",
        WebWord::Workbooks => "Data workbooks",
        WebWord::DropHere => {
            "Drop one or more workbooks (xlsx, xls, ods, csv) here, or click to choose them."
        }
        WebWord::Language => "Language",
        WebWord::PeriodHint => "2025-Q4, 2025-H1, 2025-M04, 2025, PY1 (programme year) or project",
        WebWord::AllowRejected => "Leave rejected rows out (they are counted)",
        WebWord::Compute => "Check and compute",
        WebWord::UseServerData => "Use the server's data",
        WebWord::Validation => "Data check",
        WebWord::RejectedRows => "Rejected rows",
        WebWord::Row => "Row",
        WebWord::Column => "Column",
        WebWord::Value => "Value",
        WebWord::IndicatorTable => "Indicator table",
        WebWord::Progress => "Progress",
        WebWord::Downloads => "Downloads",
        WebWord::DownloadReport => "Report (PDF)",
        WebWord::DownloadTracking => "Tracking table (xlsx)",
        WebWord::DownloadIati => "IATI export (XML)",
        WebWord::DownloadTemplate => "Blank data-entry workbook (xlsx)",
        WebWord::Explanation => "How this value is made",
        WebWord::BackToTable => "Back to the table",
        WebWord::StartAgain => "Start again",
        WebWord::ErrorTitle => "The computation could not be made",
        WebWord::SessionExpired => "These workbooks are no longer held: drop them again.",
        WebWord::NoFile => "No workbook received: choose at least one file.",
        WebWord::NotFound => "Page not found.",
        WebWord::BadRequest => "Unreadable request.",
        WebWord::Notes => "Notes",
        WebWord::ExplainValue => "See the rows counted and the rows left out",
    }
}

pub(in crate::messages) fn text(t: &WebText) -> String {
    match t {
        WebText::UploadLimit { mib } => format!("At most {mib} MiB per upload."),
        WebText::TooLarge { mib } => format!("Upload refused: it exceeds the limit of {mib} MiB."),
        WebText::FilesReceived { names } => format!("Workbooks: {names}"),
        WebText::KeptFor { minutes } => format!(
            "Dropped workbooks are held in memory for at most {minutes} minutes, then forgotten."
        ),
        WebText::Listening { url } => {
            format!("cadre serve: open {url} in your browser (Ctrl+C to stop).")
        }
        WebText::NotLoopback { addr } => format!(
            "warning: {addr} is not a loopback address; other machines on the network can open the app and upload workbooks to it."
        ),
        WebText::CannotListen { addr, reason } => format!("cannot listen on {addr}: {reason}"),
        WebText::ServerFailure { reason } => {
            format!("The server could not handle the request: {reason}")
        }
        WebText::MissingQuery { name } => format!("The request lacks \"{name}\"."),
        WebText::UploadUnreadable { reason } => format!("Unreadable upload: {reason}"),
    }
}
