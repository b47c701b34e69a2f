//! The indicator table attached to the report's PDF, served to the template
//! as data: `/indicator-table.json` (the table, [`cadre::reported`]) and
//! `/attachment.json`, which tells the template what to attach
//! (`{"path", "description", "mime"}`) or holds `null` when nothing is
//! attached (no table given, or PDF/A-2b, which allows no attachment). The
//! template's `attachment.typ` calls `pdf.attach` with it.

use cadre::reported::ReportedTable;
use cadre::{Engine, IndicatorTable};
use serde::Serialize;

use super::format::Formatter;
use super::{ReportError, ReportOptions};
use crate::messages::report::ReportText;

/// The virtual path of the attached table; the PDF names the file after it
/// ([`cadre::reported::ATTACHMENT_NAME`]).
pub const TABLE_PATH: &str = "/indicator-table.json";

/// The virtual path of the attachment's description (or `null`).
pub const ATTACHMENT_PATH: &str = "/attachment.json";

/// What the template attaches.
#[derive(Debug, Clone, Serialize)]
struct Attachment {
    /// The virtual path of the file to attach.
    path: &'static str,
    /// Its description, in the report's language.
    description: String,
    /// Its MIME type.
    mime: &'static str,
}

/// The files served for the attachment: the table (made by `engine`, the
/// one that computed `table`) and its description, or only `null` when
/// nothing is attached.
pub(super) fn files(
    engine: &Engine,
    table: &IndicatorTable,
    options: &ReportOptions,
) -> Result<Vec<(&'static str, Vec<u8>)>, ReportError> {
    let attachable = options.pdf_standard.is_none_or(|s| s.allows_attachments());
    if !(options.attach_table && attachable) {
        return Ok(files_without_table());
    }
    let reported = ReportedTable::new(engine, table).map_err(ReportError::Input)?;
    let attachment = Attachment {
        path: TABLE_PATH,
        description: ReportText::AttachedTable {
            period: &Formatter::new(options.lang).period(
                &table.period.label,
                table.period.start,
                table.period.end,
            ),
        }
        .render(options.lang),
        mime: "application/json",
    };
    Ok(vec![
        (ATTACHMENT_PATH, serde_json::to_vec(&attachment)?),
        (TABLE_PATH, reported.to_json()),
    ])
}

/// Only the `null` description: nothing is attached.
pub(super) fn files_without_table() -> Vec<(&'static str, Vec<u8>)> {
    vec![(ATTACHMENT_PATH, b"null".to_vec())]
}
