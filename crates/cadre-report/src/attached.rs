//! Tables read back: the indicator table a report attached to its PDF, a
//! JSON table (`compute --format json`, or the attachment saved on its own),
//! a csv table from `compute`, or the xlsx tracking table. `check` verifies
//! them; `report --previous` lists what changed since.
//!
//! A file is recognised by its bytes (`%PDF-`, a JSON object), then by its
//! extension (`.csv`; anything else is read as a workbook). A PDF is
//! untrusted input: its size and the attachment's are bounded, the PDF
//! reader's panics are contained, and every failure is a
//! [`cadre::Error::ClaimedTable`].

#[cfg(feature = "pdf")]
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use cadre::error::TableProblem;
#[cfg(feature = "pdf")]
use cadre::reported::ATTACHMENT_NAME;
use cadre::reported::{FORMAT, FORMAT_VERSION, ReportedTable};
use cadre::restate::EarlierTable;
use cadre::table::FlatRow;
use cadre::{IndicatorTable, Period, Programme};
use chrono::NaiveDate;
#[cfg(feature = "pdf")]
use lopdf::{Dictionary, Document, Object};

use crate::Error;

/// PDFs larger than this are refused before parsing.
const MAX_PDF_BYTES: u64 = 256 << 20;
/// An attached table may not inflate to more than this.
const MAX_ATTACHMENT_BYTES: usize = 64 << 20;
/// Name trees deeper than this are not followed.
#[cfg(feature = "pdf")]
const MAX_DEPTH: usize = 16;

/// A table read back from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum TableFile {
    /// A report's attached table (from its PDF, or saved as JSON).
    Reported(Box<ReportedTable>),
    /// A JSON table from `compute --format json`.
    Computed(IndicatorTable),
    /// A csv table from `compute`: rows only, no period.
    Csv(Vec<FlatRow>),
    /// The xlsx tracking table: rows per period label.
    Tracking(Vec<(String, Vec<FlatRow>)>),
}

fn bad(path: &Path, problem: TableProblem) -> Error {
    cadre::Error::ClaimedTable {
        path: path.to_path_buf(),
        sheet: None,
        row: None,
        problem,
    }
    .into()
}

/// Reads the table in `path`, whatever its form.
pub fn read_table(programme: &Programme, path: &Path) -> Result<TableFile, Error> {
    let mut head = [0u8; 8];
    let n = {
        use std::io::Read as _;
        let mut f = std::fs::File::open(path).map_err(|e| cadre::Error::io(path, e))?;
        f.read(&mut head).map_err(|e| cadre::Error::io(path, e))?
    };
    let head = &head[..n];
    let bounded = |limit: u64| -> Result<Vec<u8>, Error> {
        crate::read_bounded(path, limit)
            .map_err(|e| cadre::Error::io(path, e))?
            .ok_or_else(|| bad(path, TableProblem::TooLarge { limit }))
    };
    if head.starts_with(b"%PDF-") {
        let bytes = bounded(MAX_PDF_BYTES)?;
        let json = attachment_of_pdf(&bytes).map_err(|p| bad(path, p))?;
        let table = reported_table(&json).map_err(|p| bad(path, p))?;
        return Ok(TableFile::Reported(Box::new(table)));
    }
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if body.trim_ascii_start().starts_with(b"{") {
        let bytes = bounded(MAX_ATTACHMENT_BYTES as u64)?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        return json_table(bytes).map_err(|p| bad(path, p));
    }
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        return Ok(TableFile::Csv(cadre::check::read_table_csv(path)?));
    }
    Ok(TableFile::Tracking(crate::tracking::read_tracking_xlsx(
        programme, path,
    )?))
}

/// A JSON table: a report's attached table (it names its format) or an
/// [`IndicatorTable`] from `compute --format json`.
fn json_table(bytes: &[u8]) -> Result<TableFile, TableProblem> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(not_a_table)?;
    if value.get("format").is_some() {
        return reported_table(bytes).map(|t| TableFile::Reported(Box::new(t)));
    }
    serde_json::from_value(value)
        .map(TableFile::Computed)
        .map_err(not_a_table)
}

fn not_a_table(e: serde_json::Error) -> TableProblem {
    TableProblem::NotATable {
        detail: e.to_string(),
    }
}

/// Parses a report's attached table, checking its format and version.
fn reported_table(bytes: &[u8]) -> Result<ReportedTable, TableProblem> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: String,
        version: u32,
    }
    let head: Head = serde_json::from_slice(bytes).map_err(not_a_table)?;
    if head.format != FORMAT || head.version > FORMAT_VERSION {
        return Err(TableProblem::NotATable {
            detail: format!("{} {}", head.format, head.version),
        });
    }
    serde_json::from_slice(bytes).map_err(not_a_table)
}

/// Without the `pdf` feature no PDF is read: the table a report attached
/// is read from its JSON (saved on its own) instead.
#[cfg(not(feature = "pdf"))]
pub fn attachment_of_pdf(_bytes: &[u8]) -> Result<Vec<u8>, TableProblem> {
    Err(TableProblem::PdfUnsupported)
}

/// The bytes of the indicator table attached to a PDF.
#[cfg(feature = "pdf")]
pub fn attachment_of_pdf(bytes: &[u8]) -> Result<Vec<u8>, TableProblem> {
    catch_unwind(AssertUnwindSafe(|| find_attachment(bytes))).unwrap_or_else(|p| {
        let detail = p
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the PDF reader failed".to_owned());
        Err(TableProblem::Pdf { detail })
    })
}

#[cfg(feature = "pdf")]
fn find_attachment(bytes: &[u8]) -> Result<Vec<u8>, TableProblem> {
    let pdf = |e: lopdf::Error| TableProblem::Pdf {
        detail: e.to_string(),
    };
    let doc = Document::load_mem(bytes).map_err(pdf)?;
    let catalog = doc.catalog().map_err(pdf)?;
    let Some(tree) = catalog
        .get_deref(b"Names", &doc)
        .and_then(Object::as_dict)
        .and_then(|names| names.get_deref(b"EmbeddedFiles", &doc))
        .and_then(Object::as_dict)
        .ok()
    else {
        return Err(TableProblem::NoAttachedTable);
    };
    let mut files = Vec::new();
    collect_names(&doc, tree, 0, &mut Default::default(), &mut files);
    let spec = files
        .into_iter()
        .find(|(name, _)| name == ATTACHMENT_NAME)
        .map(|(_, spec)| spec)
        .ok_or(TableProblem::NoAttachedTable)?;
    let stream = spec
        .get_deref(b"EF", &doc)
        .and_then(Object::as_dict)
        .and_then(|ef| {
            ef.get_deref(b"F", &doc)
                .or_else(|_| ef.get_deref(b"UF", &doc))
        })
        .and_then(Object::as_stream)
        .map_err(pdf)?;
    let content = if stream.filters().is_ok() {
        stream
            .decompressed_content_with_limit(MAX_ATTACHMENT_BYTES + 1)
            .map_err(pdf)?
    } else {
        stream.content.clone()
    };
    if content.len() > MAX_ATTACHMENT_BYTES {
        return Err(TableProblem::TooLarge {
            limit: MAX_ATTACHMENT_BYTES as u64,
        });
    }
    Ok(content)
}

#[cfg(feature = "pdf")]
/// The most nodes of a name tree read: a crafted tree repeating one node in
/// its `Kids` could otherwise take forever to walk.
const MAX_NODES: usize = 10_000;

#[cfg(feature = "pdf")]
/// The (name, file specification) pairs of a name tree; each node once.
fn collect_names<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    depth: usize,
    seen: &mut std::collections::HashSet<lopdf::ObjectId>,
    out: &mut Vec<(String, &'a Dictionary)>,
) {
    if depth > MAX_DEPTH || seen.len() > MAX_NODES {
        return;
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        for pair in names.chunks(2) {
            if let [name, spec] = pair
                && let (Ok(name), Ok((_, spec))) = (name.as_str(), doc.dereference(spec))
                && let Ok(spec) = spec.as_dict()
            {
                out.push((text_string(name), spec));
            }
        }
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids {
            if let Ok((id, kid)) = doc.dereference(kid)
                && id.is_none_or(|id| seen.insert(id))
                && seen.len() <= MAX_NODES
                && let Ok(kid) = kid.as_dict()
            {
                collect_names(doc, kid, depth + 1, seen, out);
            }
        }
    }
}

#[cfg(feature = "pdf")]
/// A PDF text string: UTF-16BE after a byte order mark, else bytes taken as Latin-1.
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(b"\xFE\xFF") {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| b as char).collect(),
    }
}

/// The claimed tables `check` verifies, each with its period. `period` is
/// required for a csv table, selects one sheet of an xlsx table, and must
/// match the period a report's or a JSON table carries.
pub fn claimed(
    programme: &Programme,
    file: TableFile,
    path: &Path,
    period: Option<&str>,
    today: NaiveDate,
) -> Result<Vec<(Period, Vec<FlatRow>)>, Error> {
    let calendar = programme.info.calendar();
    let carried = |table: &IndicatorTable| -> Result<(Period, Vec<FlatRow>), Error> {
        check_programme(programme, &table.programme, path)?;
        let p = Period {
            label: table.period.label.clone(),
            start: table.period.start,
            end: table.period.end,
        };
        check_label(&p, calendar, path)?;
        if let Some(given) = period {
            let given_period = Period::parse(given, calendar, today)?;
            if (given_period.start, given_period.end) != (p.start, p.end) {
                return Err(bad(
                    path,
                    TableProblem::OtherPeriod {
                        given: given.to_owned(),
                        table: p.label.clone(),
                    },
                ));
            }
        }
        Ok((p, table.flat_rows()))
    };
    Ok(match file {
        TableFile::Reported(t) => vec![carried(&t.table)?],
        TableFile::Computed(t) => vec![carried(&t)?],
        TableFile::Csv(rows) => {
            let label = period.ok_or(Error::CsvTableNeedsPeriod)?;
            vec![(Period::parse(label, calendar, today)?, rows)]
        }
        TableFile::Tracking(sheets) => {
            let mut out = Vec::new();
            for (label, rows) in sheets {
                if period.is_some_and(|p| p != label) {
                    continue;
                }
                out.push((Period::parse(&label, calendar, today)?, rows));
            }
            out
        }
    })
}

/// The label a table carries must name its own dates: a table read from a
/// file is untrusted, and the report prints its label.
fn check_label(p: &Period, calendar: cadre::Calendar, path: &Path) -> Result<(), Error> {
    let named = Period::parse(&p.label, calendar, p.end).ok();
    if named.is_none_or(|n| (n.start, n.end) != (p.start, p.end)) {
        return Err(bad(
            path,
            TableProblem::OtherPeriod {
                given: p.label.clone(),
                table: format!("{}..{}", p.start, p.end),
            },
        ));
    }
    Ok(())
}

fn check_programme(programme: &Programme, table: &str, path: &Path) -> Result<(), Error> {
    if table != programme.info.code {
        return Err(bad(
            path,
            TableProblem::OtherProgramme {
                table: table.to_owned(),
                programme: programme.info.code.clone(),
            },
        ));
    }
    Ok(())
}

/// The earlier table of `report --previous`: a report (its attached table),
/// a JSON table, or a csv table with its `period`.
pub fn earlier(
    programme: &Programme,
    path: &Path,
    period: Option<&str>,
    today: NaiveDate,
) -> Result<EarlierTable, Error> {
    let file = read_table(programme, path)?;
    if let TableFile::Reported(t) = file {
        check_programme(programme, &t.programme, path)?;
        check_label(&t.period(), programme.info.calendar(), path)?;
        return Ok(EarlierTable::Reported(t));
    }
    let mut tables = claimed(programme, file, path, period, today)?;
    match tables.len() {
        1 => {
            let (period, rows) = tables.remove(0);
            Ok(EarlierTable::Rows { period, rows })
        }
        // A tracking workbook holds several periods (or none matched): one
        // of its periods must be named.
        _ => Err(Error::PreviousNeedsPeriod {
            periods: tables.iter().map(|(p, _)| p.label.clone()).collect(),
        }),
    }
}
