//! The guards every file passes before a reader allocates for it: size,
//! archive inflation (zip bombs), sheet extent; and reader panics turned
//! into errors. A hostile file is an error naming it, never an abort.

use std::io::{BufReader, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::{FileReader, Format, ods};
use crate::error::WorkbookProblem;

/// Files larger than this are refused before any parsing.
pub(super) const MAX_FILE_BYTES: u64 = 2 << 30;
/// An archive entry may not inflate to more than this…
const MAX_ENTRY_BYTES: u64 = 4 << 30;
/// …nor inflate more than this many times when large (a zip bomb).
const MAX_RATIO: u64 = 200;
/// Excel's own column limit; a cell beyond it means a malformed sheet.
pub const MAX_COLUMNS: u32 = 16_384;

// Memory, bounded before anything is allocated.
//
// calamine reads xls and ods sheets into dense ranges: one `calamine::Data`
// (32 bytes) per cell of the rectangle from the first to the last cell, plus,
// for xls, a sparse list (40 bytes a cell) reserved from the sheet's
// `DIMENSIONS` record, and for ods one value and one formula string per
// stored cell. A few flipped bytes can make that rectangle 65,536 × 65,536
// cells (a 3 KB file asking for 38 GB: the process aborts, no panic to
// catch). So before calamine opens an xls or ods, cadre walks the file itself
// (the BIFF records of the OLE container's `Workbook` stream; the table rows
// and cells of the ods `content.xml`, with their repeats) and refuses any
// sheet whose extent exceeds [`sheet_cell_limit`]: `CELLS_PER_BYTE` cells per
// byte of the file, at least `MIN_SHEET_CELLS`, at most `MAX_SHEET_CELLS`.
// At about 100 bytes a cell all told, a sheet costs at most ~200 MiB for
// files up to 512 KiB, and ~1.6 GiB whatever the file.
//
// xlsx sheets are streamed, but calamine loads the shared strings and the
// styles whole: their entries must inflate (really, not as the archive
// declares) to at most `MAX_TABLE_BYTES`, within the zip-bomb ratio.

/// The fewest cells a sheet may span, whatever the file's size.
pub const MIN_SHEET_CELLS: u64 = 2_000_000;
/// The most cells a sheet may span, whatever the file's size.
pub const MAX_SHEET_CELLS: u64 = 16_000_000;
/// Between the two, this many cells per byte of the file.
pub const CELLS_PER_BYTE: u64 = 4;
/// The most an xlsx shared strings or styles table may inflate to.
pub const MAX_TABLE_BYTES: u64 = 256 << 20;
/// Entries below this inflated size are not held to the ratio.
const RATIO_FLOOR: u64 = 64 << 20;

/// The most cells a sheet of a file of `file_bytes` may span.
pub fn sheet_cell_limit(file_bytes: u64) -> u64 {
    file_bytes
        .saturating_mul(CELLS_PER_BYTE)
        .clamp(MIN_SHEET_CELLS, MAX_SHEET_CELLS)
}

/// Runs a calamine call, turning a panic inside it into an error: a
/// malformed workbook must be an error, never a crash.
pub(super) fn guarded<T>(
    f: impl FnOnce() -> std::result::Result<T, String>,
) -> std::result::Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| Err(panic_message(&p)))
}

/// A panic's message, for the error that takes its place.
pub(crate) fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "reader failure".into())
}

/// Recognises an xlsx, xlsb or ods archive and refuses archives whose
/// entries inflate beyond reason.
pub(super) fn inspect_zip(
    file: FileReader,
    limit: u64,
) -> std::result::Result<Format, WorkbookProblem> {
    let damaged = |e: zip::result::ZipError| WorkbookProblem::DamagedZip {
        detail: e.to_string(),
    };
    let mut zip = zip::ZipArchive::new(file).map_err(damaged)?;
    let mut format = None;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(damaged)?;
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if size > MAX_ENTRY_BYTES || (size > (64 << 20) && size / packed > MAX_RATIO) {
            return Err(WorkbookProblem::ZipBomb {
                entry: name,
                mib: size >> 20,
                kib: packed >> 10,
            });
        }
        match name.as_str() {
            "xl/workbook.xml" => format = format.or(Some(Format::Xlsx)),
            "xl/workbook.bin" => format = format.or(Some(Format::Xlsb)),
            "content.xml" => format = format.or(Some(Format::Ods)),
            _ => {}
        }
    }
    let format = format.ok_or(WorkbookProblem::ZipNotWorkbook)?;
    // What the archive declares may lie: the entries calamine holds whole
    // are inflated here, counting, before it does.
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(damaged)?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        let table = format == Format::Xlsx
            && (lower.ends_with("sharedstrings.xml") || lower.ends_with("styles.xml"));
        let content = format == Format::Ods && name == "content.xml";
        if !table && !content {
            continue;
        }
        let packed = entry.compressed_size().max(1);
        let cap = packed
            .saturating_mul(MAX_RATIO)
            .max(RATIO_FLOOR)
            .min(if table {
                MAX_TABLE_BYTES
            } else {
                MAX_ENTRY_BYTES
            });
        let mut counted = Counted {
            inner: entry,
            n: 0,
            cap,
        };
        let over = |n: u64| WorkbookProblem::ZipBomb {
            entry: name.clone(),
            mib: n >> 20,
            kib: packed >> 10,
        };
        if content {
            match ods::scan_content(BufReader::new(&mut counted), limit) {
                Ok(()) => {}
                // Damaged XML is calamine's to report, in its words.
                Err(None) => {}
                Err(Some(p)) => return Err(p),
            }
            if counted.n > cap {
                return Err(over(counted.n));
            }
        } else {
            let _ = std::io::copy(&mut counted, &mut std::io::sink());
            if counted.n > cap {
                return Err(over(counted.n));
            }
        }
    }
    if format == Format::Ods
        && let Ok(entry) = zip.by_name("mimetype")
    {
        // An OpenDocument text or drawing has a content.xml too: its
        // `mimetype` entry (a few dozen bytes) says which kind it is.
        let mut mimetype = String::new();
        let _ = entry.take(256).read_to_string(&mut mimetype);
        let mimetype = mimetype.trim();
        if mimetype.starts_with("application/vnd.oasis.opendocument.")
            && !mimetype.starts_with("application/vnd.oasis.opendocument.spreadsheet")
        {
            return Err(WorkbookProblem::NotOpenDocumentSpreadsheet {
                mimetype: mimetype.to_owned(),
            });
        }
    }
    Ok(format)
}

/// A reader that counts what it reads and stops one byte past `cap`.
struct Counted<R> {
    inner: R,
    n: u64,
    cap: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.n > self.cap {
            return Ok(0);
        }
        let room = (self.cap + 1 - self.n).min(buf.len() as u64) as usize;
        let k = self.inner.read(&mut buf[..room])?;
        self.n += k as u64;
        Ok(k)
    }
}
