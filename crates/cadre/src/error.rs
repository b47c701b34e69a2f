//! Errors that stop a run. Problems with single rows are not errors: they are
//! reported in the [`crate::IngestReport`] and the run goes on.

use std::path::PathBuf;

/// Everything that can stop loading definitions, reading a workbook or
/// computing a period. Each variant carries the context a user needs to fix
/// the input: file, sheet, line, what was found.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A definition file is malformed or inconsistent.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Definition {
        /// The definition file.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A data file cannot be read as a workbook at all.
    #[error("{}: {message}", path.display())]
    Workbook {
        /// The data file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
        /// The same, in French.
        message_fr: String,
    },
    /// A dataset's sheet is not in the workbook.
    #[error("{}: no sheet for dataset `{dataset}`; sheets found: {}{}", path.display(), found.join(", "), closest.as_ref().map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default())]
    MissingSheet {
        /// The workbook or csv folder.
        path: PathBuf,
        /// The dataset looked for.
        dataset: String,
        /// The sheets (or csv files) present.
        found: Vec<String>,
        /// The closest sheet name, if any is close.
        closest: Option<String>,
    },
    /// A required column is not in a sheet's header row.
    #[error("{}, sheet {sheet}: no column `{column}`; columns found: {}{}", path.display(), found.join(", "), closest.as_ref().map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default())]
    MissingColumn {
        /// The workbook or csv file.
        path: PathBuf,
        /// The sheet.
        sheet: String,
        /// The column looked for.
        column: String,
        /// The headers present.
        found: Vec<String>,
        /// The closest header, if any is close.
        closest: Option<String>,
    },
    /// A period could not be read.
    #[error("period `{input}`: {message}")]
    Period {
        /// What was given.
        input: String,
        /// What is expected.
        message: String,
    },
    /// An indicator could not be computed (a definition polars refused at run time).
    #[error("indicator {indicator}: {message}")]
    Compute {
        /// The indicator code.
        indicator: String,
        /// What went wrong.
        message: String,
    },
    /// An indicator code is not in the programme.
    #[error("no indicator `{code}` in this programme{}", closest.as_ref().map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default())]
    UnknownIndicator {
        /// The code given.
        code: String,
        /// The closest code.
        closest: Option<String>,
    },
}

impl Error {
    /// The message in French (`fr`) or English (any other language).
    pub fn localized(&self, lang: &str) -> String {
        if lang != "fr" {
            return self.to_string();
        }
        let suggest = |c: &Option<String>| {
            c.as_ref()
                .map(|c| format!(" (vouliez-vous dire « {c} » ?)"))
                .unwrap_or_default()
        };
        match self {
            Error::Io { path, source } => format!("{} : {source}", path.display()),
            Error::Definition {
                path,
                line,
                message,
            } => {
                format!(
                    "{}{} : {message}",
                    path.display(),
                    line.map(|l| format!(":{l}")).unwrap_or_default()
                )
            }
            Error::Workbook {
                path, message_fr, ..
            } => format!("{} : {message_fr}", path.display()),
            Error::MissingSheet {
                path,
                dataset,
                found,
                closest,
            } => format!(
                "{} : aucune feuille pour le jeu de données « {dataset} » ; feuilles trouvées : {}{}",
                path.display(),
                found.join(", "),
                suggest(closest)
            ),
            Error::MissingColumn {
                path,
                sheet,
                column,
                found,
                closest,
            } => format!(
                "{}, feuille {sheet} : colonne « {column} » absente ; colonnes trouvées : {}{}",
                path.display(),
                found.join(", "),
                suggest(closest)
            ),
            Error::Period { input, message } => format!("période « {input} » : {message}"),
            Error::Compute { indicator, message } => format!("indicateur {indicator} : {message}"),
            Error::UnknownIndicator { code, closest } => {
                format!(
                    "aucun indicateur « {code} » dans ce programme{}",
                    suggest(closest)
                )
            }
        }
    }

    /// A workbook error, in English and French.
    pub(crate) fn workbook(
        path: impl Into<PathBuf>,
        en: impl Into<String>,
        fr: impl Into<String>,
    ) -> Self {
        Error::Workbook {
            path: path.into(),
            message: en.into(),
            message_fr: fr.into(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
