//! Opening data files and streaming their rows, whatever the format.
//!
//! Formats are recognised by their bytes, not their extension (a zip holding
//! `xl/workbook.xml` is xlsx, one holding `content.xml` ods, an OLE container
//! xls unless it is an encrypted package), and the reader is chosen by the
//! format found: an ods named `.xlsx` is read as ods. xlsx sheets
//! are streamed cell by cell (calamine's cell reader), so a million-row sheet
//! is never held whole; xls and ods go through calamine's ranges (those files
//! are small in practice); a folder of csv files goes through the csv crate.
//! Every reader hands the same [`Cell`] values to the ingester.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use calamine::{Data, DataRef, Reader};

use crate::cell::Cell;
use crate::error::{Error, Result, WorkbookProblem};

/// Files larger than this are refused before any parsing.
const MAX_FILE_BYTES: u64 = 2 << 30;
/// An archive entry may not inflate to more than this…
const MAX_ENTRY_BYTES: u64 = 4 << 30;
/// …nor inflate more than this many times when large (a zip bomb).
const MAX_RATIO: u64 = 200;
/// Excel's own column limit; a cell beyond it means a malformed sheet.
pub const MAX_COLUMNS: u32 = 16_384;

/// The format of a data source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML workbook.
    Xlsx,
    /// Binary Office Open XML workbook.
    Xlsb,
    /// Excel 97-2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// A folder of csv files, one per sheet.
    CsvFolder,
}

/// A row handed to the ingester: its number as the spreadsheet shows it, and
/// its non-empty cells with their 0-based column.
pub type RowCells<'a> = [(u32, Cell<'a>)];

/// An opened data source.
pub enum Workbook {
    /// xlsx, streamed.
    Xlsx(calamine::Xlsx<BufReader<File>>),
    /// xls, xlsb or ods, through ranges.
    Other(calamine::Sheets<BufReader<File>>),
    /// A csv folder: sheet name → file.
    Csv(Vec<(String, PathBuf)>),
}

impl Workbook {
    /// Opens `path`, recognising its format.
    pub fn open(path: &Path) -> Result<(Workbook, Format)> {
        let bad = |problem| Error::workbook(path, problem);
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
                let p = entry.map_err(|e| Error::io(path, e))?.path();
                if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
                    let stem = p
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    files.push((stem, p));
                }
            }
            if files.is_empty() {
                return Err(bad(WorkbookProblem::NoCsvInFolder));
            }
            files.sort();
            return Ok((Workbook::Csv(files), Format::CsvFolder));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(bad(WorkbookProblem::TooLarge {
                mib: meta.len() >> 20,
                max_mib: MAX_FILE_BYTES >> 20,
            }));
        }
        let mut head = [0u8; 8];
        let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
        let n = f.read(&mut head).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Err(bad(WorkbookProblem::Empty));
        }
        let format = if head.starts_with(b"PK\x03\x04") {
            inspect_zip(f).map_err(bad)?
        } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            if is_encrypted_ole(path) {
                return Err(bad(WorkbookProblem::Encrypted));
            }
            Format::Xls
        } else {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            return Err(bad(if ext == "csv" {
                WorkbookProblem::SingleCsv
            } else {
                WorkbookProblem::NotASpreadsheet
            }));
        };
        // The reader is the one the bytes call for, whatever the file's
        // extension (an ods saved as `.xlsx` is read as ods).
        let open = |p: &Path| -> std::result::Result<Workbook, String> {
            use calamine::{Ods, Sheets, Xls, Xlsb, Xlsx, open_workbook};
            let e = |e: &dyn std::fmt::Display| e.to_string();
            guarded(|| match format {
                Format::Xlsx => open_workbook::<Xlsx<_>, _>(p)
                    .map(Workbook::Xlsx)
                    .map_err(|x| e(&x)),
                Format::Xlsb => open_workbook::<Xlsb<_>, _>(p)
                    .map(|w| Workbook::Other(Sheets::Xlsb(w)))
                    .map_err(|x| e(&x)),
                Format::Xls => open_workbook::<Xls<_>, _>(p)
                    .map(|w| Workbook::Other(Sheets::Xls(w)))
                    .map_err(|x| e(&x)),
                Format::Ods => open_workbook::<Ods<_>, _>(p)
                    .map(|w| Workbook::Other(Sheets::Ods(w)))
                    .map_err(|x| e(&x)),
                Format::CsvFolder => Err("a csv folder is not a file".into()),
            })
        };
        let wb =
            open(path).map_err(|detail| bad(WorkbookProblem::Unreadable { format, detail }))?;
        Ok((wb, format))
    }

    /// The sheet names, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Workbook::Xlsx(x) => x.sheet_names(),
            Workbook::Other(s) => s.sheet_names(),
            Workbook::Csv(files) => files.iter().map(|(n, _)| n.clone()).collect(),
        }
    }

    /// The file a sheet is read from (the csv file for a folder).
    pub fn sheet_file(&self, workbook: &Path, sheet: &str) -> PathBuf {
        match self {
            Workbook::Csv(files) => files
                .iter()
                .find(|(n, _)| n == sheet)
                .map(|(_, p)| p.clone())
                .unwrap_or_default(),
            _ => workbook.to_path_buf(),
        }
    }

    /// Streams the rows of `sheet` to `visit`, in order, each with its
    /// spreadsheet row number. Rows with no cell at all may be omitted.
    pub fn read_sheet(
        &mut self,
        path: &Path,
        sheet: &str,
        visit: &mut (dyn FnMut(u32, &RowCells) -> Result<()> + Send),
    ) -> Result<()> {
        let bad2 = |problem| Error::sheet(path, sheet, problem);
        // The reader's own message, quoted as it says it.
        let bad = |detail: String| bad2(WorkbookProblem::SheetUnreadable { detail });
        match self {
            Workbook::Xlsx(x) => {
                // Parsing the sheet's XML and typing its rows each take a core:
                // the reader runs here and hands batches of rows to a second
                // thread, so ingestion costs little more than calamine's read.
                const BATCH: usize = 1024;
                type Batch<'a> = Vec<(u32, Vec<(u32, Cell<'a>)>)>;
                let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<()> {
                    let mut reader = x
                        .worksheet_cells_reader(sheet)
                        .map_err(|e| bad(e.to_string()))?;
                    std::thread::scope(|scope| -> Result<()> {
                        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(8);
                        let consumer = scope.spawn(move || -> Result<()> {
                            for batch in rx {
                                for (number, cells) in &batch {
                                    visit(*number, cells)?;
                                }
                            }
                            Ok(())
                        });
                        let mut produce = || -> Result<()> {
                            let mut batch: Batch = Vec::with_capacity(BATCH);
                            let mut row: Vec<(u32, Cell)> = Vec::new();
                            let mut current = None;
                            while let Some(cell) =
                                reader.next_cell().map_err(|e| bad(e.to_string()))?
                            {
                                let (r, c) = cell.get_position();
                                if c >= MAX_COLUMNS {
                                    return Err(bad2(WorkbookProblem::CellBeyondLastColumn {
                                        row: r + 1,
                                    }));
                                }
                                if current != Some(r) {
                                    if let Some(prev) = current {
                                        batch.push((prev + 1, std::mem::take(&mut row)));
                                        if batch.len() == BATCH
                                            && tx
                                                .send(std::mem::replace(
                                                    &mut batch,
                                                    Vec::with_capacity(BATCH),
                                                ))
                                                .is_err()
                                        {
                                            // The consumer stopped on an error; it reports it.
                                            return Ok(());
                                        }
                                    }
                                    current = Some(r);
                                }
                                let value = from_data_ref(cell.get_value());
                                if !matches!(value, Cell::Empty) {
                                    row.push((c, value));
                                }
                            }
                            if let Some(prev) = current {
                                batch.push((prev + 1, row));
                            }
                            let _ = tx.send(batch);
                            Ok(())
                        };
                        let produced = produce();
                        drop(tx);
                        let consumed = consumer
                            .join()
                            .unwrap_or_else(|p| Err(bad(panic_message(&p))));
                        consumed.and(produced)
                    })
                }));
                outcome.unwrap_or_else(|p| Err(bad(panic_message(&p))))
            }
            Workbook::Other(s) => {
                let range =
                    guarded(|| s.worksheet_range(sheet).map_err(|e| e.to_string())).map_err(bad)?;
                let Some((r0, c0)) = range.start() else {
                    return Ok(());
                };
                if range.width() as u64 + c0 as u64 > MAX_COLUMNS as u64 {
                    return Err(bad2(WorkbookProblem::TooWide));
                }
                let mut cells = Vec::new();
                for (i, r) in range.rows().enumerate() {
                    cells.clear();
                    for (j, d) in r.iter().enumerate() {
                        let v = from_data(d);
                        if !matches!(v, Cell::Empty) {
                            cells.push((c0 + j as u32, v));
                        }
                    }
                    visit(r0 + i as u32 + 1, &cells)?;
                }
                Ok(())
            }
            Workbook::Csv(files) => {
                let Some((_, file)) = files.iter().find(|(n, _)| n == sheet) else {
                    return Err(bad2(WorkbookProblem::NoCsvFile));
                };
                read_csv(file, visit)
            }
        }
    }
}

fn read_csv(
    file: &Path,
    visit: &mut (dyn FnMut(u32, &RowCells) -> Result<()> + Send),
) -> Result<()> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    // French spreadsheets export with `;`; pick the separator the header uses most.
    let header = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.iter().filter(|b| *b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    loop {
        let more = reader.read_byte_record(&mut record).map_err(|e| {
            Error::workbook(
                file,
                WorkbookProblem::MalformedCsv {
                    detail: e.to_string(),
                },
            )
        })?;
        if !more {
            return Ok(());
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0) as u32;
        let cells: Vec<(u32, Cell)> = record
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.is_empty())
            .map(|(i, f)| (i as u32, Cell::Text(decode(f))))
            .collect();
        if cells.iter().any(|(c, _)| *c >= MAX_COLUMNS) {
            return Err(Error::workbook(
                file,
                WorkbookProblem::CsvLineTooWide { line },
            ));
        }
        visit(line, &cells)?;
    }
}

/// UTF-8, or else Windows-1252 (what Excel writes for "CSV" on a French
/// Windows), decoded by encoding_rs: never a replacement character in a
/// report (every byte has a character in Windows-1252).
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

fn from_data_ref<'a>(d: &DataRef<'a>) -> Cell<'a> {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(Cow::Owned(s.clone())),
        DataRef::SharedString(s) => Cell::Text(Cow::Borrowed(s)),
        DataRef::Int(i) => Cell::Int(*i),
        DataRef::Float(f) => Cell::Float(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => dt
            .as_datetime()
            .map(Cell::DateTime)
            .unwrap_or(Cell::Float(dt.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(Cow::Owned(s.clone())),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn from_data(d: &Data) -> Cell<'_> {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(Cow::Borrowed(s)),
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(Cell::DateTime)
            .unwrap_or(Cell::Float(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(Cow::Borrowed(s)),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Runs a calamine call, turning a panic inside it into an error: a
/// malformed workbook must be an error, never a crash.
fn guarded<T>(
    f: impl FnOnce() -> std::result::Result<T, String>,
) -> std::result::Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| Err(panic_message(&p)))
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "reader failure".into())
}

/// Recognises an xlsx, xlsb or ods archive and refuses archives whose
/// entries inflate beyond reason.
fn inspect_zip(file: File) -> std::result::Result<Format, WorkbookProblem> {
    let damaged = |e: zip::result::ZipError| WorkbookProblem::DamagedZip {
        detail: e.to_string(),
    };
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(damaged)?;
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

/// An encrypted Office file is an OLE container holding an `EncryptionInfo`
/// stream; its name is stored in UTF-16 in the directory.
fn is_encrypted_ole(path: &Path) -> bool {
    let needle: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    let mut buf = Vec::new();
    if f.by_ref().take(4 << 20).read_to_end(&mut buf).is_err() {
        return false;
    }
    let _ = f.rewind();
    buf.windows(needle.len()).any(|w| w == needle.as_slice())
}
