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
use std::io::{BufReader, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use calamine::{Data, DataRef, Reader};

use super::input::{FileReader, Location};
use super::progress::{Progress, STEP};
use super::sheet::SheetIngester;
use super::sources::CsvFile;
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
    Xlsx(calamine::Xlsx<FileReader>),
    /// xls, xlsb or ods, through ranges.
    Other(calamine::Sheets<FileReader>),
    /// A csv folder: one file a sheet.
    Csv(Vec<CsvFile>),
}

impl Workbook {
    /// Opens the file at `location`, recognising its format.
    pub fn open(location: &Location) -> Result<(Workbook, Format)> {
        let path = location.path();
        let bad = |problem| Error::workbook(path, problem);
        if let Location::Disk(disk) = location
            && std::fs::metadata(disk)
                .map_err(|e| Error::io(disk, e))?
                .is_dir()
        {
            // Folders are walked by `sources::discover`; a folder reaching
            // here holds no csv file.
            return Err(bad(WorkbookProblem::NoDataInFolder));
        }
        let len = location.len()?;
        if len > MAX_FILE_BYTES {
            return Err(bad(WorkbookProblem::TooLarge {
                mib: len >> 20,
                max_mib: MAX_FILE_BYTES >> 20,
            }));
        }
        let mut head = [0u8; 8];
        let mut f = location.open()?;
        let n = f.read(&mut head).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Err(bad(WorkbookProblem::Empty));
        }
        let limit = sheet_cell_limit(len);
        let format = if head.starts_with(b"PK\x03\x04") {
            inspect_zip(location.open()?, limit).map_err(bad)?
        } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            let bytes = location.read()?;
            if is_encrypted_ole(&bytes) {
                return Err(bad(WorkbookProblem::Encrypted));
            }
            scan_xls(&bytes, limit).map_err(bad)?;
            Format::Xls
        } else {
            return Err(bad(WorkbookProblem::NotASpreadsheet));
        };
        // The reader is the one the bytes call for, whatever the file's
        // extension (an ods saved as `.xlsx` is read as ods).
        let open = |reader: FileReader| -> std::result::Result<Workbook, String> {
            use calamine::{Ods, Sheets, Xls, Xlsb, Xlsx};
            let e = |e: &dyn std::fmt::Display| e.to_string();
            guarded(|| match format {
                Format::Xlsx => Xlsx::new(reader).map(Workbook::Xlsx).map_err(|x| e(&x)),
                Format::Xlsb => Xlsb::new(reader)
                    .map(|w| Workbook::Other(Sheets::Xlsb(w)))
                    .map_err(|x| e(&x)),
                Format::Xls => Xls::new(reader)
                    .map(|w| Workbook::Other(Sheets::Xls(w)))
                    .map_err(|x| e(&x)),
                Format::Ods => Ods::new(reader)
                    .map(|w| Workbook::Other(Sheets::Ods(w)))
                    .map_err(|x| e(&x)),
                Format::CsvFolder => Err("a csv folder is not a file".into()),
            })
        };
        let wb = open(location.open()?)
            .map_err(|detail| bad(WorkbookProblem::Unreadable { format, detail }))?;
        Ok((wb, format))
    }

    /// The sheet names, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Workbook::Xlsx(x) => x.sheet_names(),
            Workbook::Other(s) => s.sheet_names(),
            Workbook::Csv(files) => files.iter().map(|f| f.sheet.clone()).collect(),
        }
    }

    /// Types the rows of `sheet` into `ingester`: [`Workbook::read_sheet`],
    /// with a large csv file typed on two threads.
    /// Tells `progress` how far it has got, from whichever thread reads.
    pub(crate) fn ingest_sheet(
        &mut self,
        path: &Path,
        sheet: &str,
        ingester: &mut SheetIngester,
        progress: &dyn Progress,
    ) -> Result<()> {
        let dataset = ingester.dataset().to_owned();
        let rows = Counter::new(path, sheet, progress);
        if let Workbook::Csv(files) = self {
            let Some(file) = files.iter().find(|f| f.sheet == sheet) else {
                return Err(Error::sheet(path, sheet, WorkbookProblem::NoCsvFile));
            };
            let bytes = file.location.read()?;
            progress.sheet(&dataset, path, sheet, csv_rows_hint(&bytes));
            ingest_csv(file.location.path(), &bytes, ingester, &rows)?;
        } else {
            let mut tally = rows.tally();
            self.read_sheet_with(
                path,
                sheet,
                &mut |n, cells| {
                    tally.one();
                    ingester.row(n, cells)
                },
                &mut |hint| progress.sheet(&dataset, path, sheet, hint),
            )?;
            drop(tally);
        }
        rows.done();
        Ok(())
    }

    /// Streams the rows of `sheet` to `visit`, in order, each with its
    /// spreadsheet row number. Rows with no cell at all may be omitted.
    pub fn read_sheet(
        &mut self,
        path: &Path,
        sheet: &str,
        visit: &mut (dyn FnMut(u32, &RowCells) -> Result<()> + Send),
    ) -> Result<()> {
        self.read_sheet_with(path, sheet, visit, &mut |_| ())
    }

    /// [`Workbook::read_sheet`], telling `hint` about how many rows the
    /// sheet has, when the file says so, before the first row.
    fn read_sheet_with(
        &mut self,
        path: &Path,
        sheet: &str,
        visit: &mut (dyn FnMut(u32, &RowCells) -> Result<()> + Send),
        hint: &mut dyn FnMut(Option<u64>),
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
                    let d = reader.dimensions();
                    hint((d.end.0 > d.start.0).then(|| u64::from(d.end.0 - d.start.0) + 1));
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
                hint(Some(range.height() as u64));
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
                let Some(file) = files.iter().find(|f| f.sheet == sheet) else {
                    return Err(bad2(WorkbookProblem::NoCsvFile));
                };
                let bytes = file.location.read()?;
                hint(csv_rows_hint(&bytes));
                read_csv(file.location.path(), &bytes, visit)
            }
        }
    }
}

/// A csv file's bytes without their byte order mark, and its separator:
/// French spreadsheets export with `;`; the one the header uses most.
fn csv_bytes(bytes: &[u8]) -> (&[u8], u8) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let header = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.iter().filter(|b| *b == d).count())
        .unwrap_or(b',');
    (bytes, delimiter)
}

fn csv_reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes)
}

/// The next record of `reader` into `record`; false at the end.
fn next_record(
    file: &Path,
    reader: &mut csv::Reader<&[u8]>,
    record: &mut csv::ByteRecord,
) -> Result<bool> {
    reader.read_byte_record(record).map_err(|e| {
        Error::workbook(
            file,
            WorkbookProblem::MalformedCsv {
                detail: e.to_string(),
            },
        )
    })
}

/// Line numbers of a csv reader's records, as a spreadsheet or an editor
/// shows them. The csv crate's own count is one short after a CRLF line
/// (it counts the `\n` of `\r\n` only when the next record begins, after
/// noting where that record starts), and Excel writes CRLF. So the line is
/// counted here from the record's first byte: line breaks before it, plus
/// one. Records come in order, so the count only moves forward.
struct Lines<'b> {
    /// The bytes the reader reads.
    bytes: &'b [u8],
    /// Where the count stands in them…
    at: usize,
    /// …and the line breaks before it (those of the file before `bytes` included).
    breaks: u64,
}

impl<'b> Lines<'b> {
    /// Counting in `bytes`, a slice of a file with `breaks_before` line
    /// breaks before it.
    fn new(bytes: &'b [u8], breaks_before: u64) -> Self {
        Lines {
            bytes,
            at: 0,
            breaks: breaks_before,
        }
    }

    /// The line of the record the reader began at byte `start` (of `bytes`).
    fn of(&mut self, start: usize) -> u64 {
        let content = content_start(self.bytes, start);
        if content > self.at {
            self.breaks += self.bytes[self.at..content]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            self.at = content;
        }
        self.breaks + 1
    }
}

/// Where the record the reader began at byte `start` really begins: after
/// any line terminator left over from the previous record.
fn content_start(bytes: &[u8], start: usize) -> usize {
    let mut content = start.min(bytes.len());
    while content < bytes.len() && matches!(bytes[content], b'\r' | b'\n') {
        content += 1;
    }
    content
}

/// A record's non-empty cells, and its line (see [`Lines`]).
fn record_cells<'r>(
    file: &Path,
    record: &'r csv::ByteRecord,
    lines: &mut Lines,
    spare: &mut Spare,
) -> Result<(u32, Vec<(u32, Cell<'r>)>)> {
    let line = record
        .position()
        .map(|p| lines.of(p.byte() as usize))
        .unwrap_or(0) as u32;
    let mut cells = recycle(std::mem::take(spare));
    cells.extend(
        record
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.is_empty())
            .map(|(i, f)| (i as u32, Cell::Text(decode(f)))),
    );
    if cells.iter().any(|(c, _)| *c >= MAX_COLUMNS) {
        return Err(Error::workbook(
            file,
            WorkbookProblem::CsvLineTooWide { line },
        ));
    }
    Ok((line, cells))
}

/// A row's cells kept between records for their allocation (empty).
type Spare = Vec<(u32, Cell<'static>)>;

/// An empty vector on `v`'s allocation, for cells of another lifetime: a
/// record's cells borrow it, and the next record's others.
fn recycle<'a, 'b>(mut v: Vec<(u32, Cell<'a>)>) -> Vec<(u32, Cell<'b>)> {
    v.clear();
    v.into_iter().map(|_| (0, Cell::Empty)).collect()
}

fn read_csv(
    file: &Path,
    bytes: &[u8],
    visit: &mut (dyn FnMut(u32, &RowCells) -> Result<()> + Send),
) -> Result<()> {
    let (bytes, delimiter) = csv_bytes(bytes);
    let mut reader = csv_reader(bytes, delimiter);
    let mut lines = Lines::new(bytes, 0);
    let mut record = csv::ByteRecord::new();
    let mut spare = Spare::new();
    while next_record(file, &mut reader, &mut record)? {
        let (line, cells) = record_cells(file, &record, &mut lines, &mut spare)?;
        visit(line, &cells)?;
        spare = recycle(cells);
    }
    Ok(())
}

/// Below this many bytes after its header, a csv file is typed on one thread.
const CSV_SPLIT_BYTES: usize = 1 << 20;

/// Whether large csv files may be typed on two threads (on unless a test
/// turns it off to compare: the outcome is the same either way).
static CSV_SPLIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Allows or forbids typing a large csv file on two threads, for tests that
/// check both give the same data, accounting and problems.
#[doc(hidden)]
pub fn set_csv_split(on: bool) {
    CSV_SPLIT.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Types a csv file into `ingester` on two threads when it is large and its
/// rows do not depend on each other (no unique column): the second half,
/// from the first line after the middle, is read by a second reader and
/// typed by a fork of the ingester, then absorbed in order. The split is
/// kept only if the first reader, reading on, starts a record exactly
/// there (a quoted field may hold line breaks: then the first reader reads
/// the whole file and the second half's work is dropped), so rows, their
/// numbers, the accounting and every problem are those of one reader.
fn ingest_csv(
    file: &Path,
    bytes: &[u8],
    ingester: &mut SheetIngester,
    rows: &Counter,
) -> Result<()> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (bytes, delimiter) = csv_bytes(bytes);
    let mut reader = csv_reader(bytes, delimiter);
    let mut lines = Lines::new(bytes, 0);
    let mut record = csv::ByteRecord::new();
    let mut tally = rows.tally();
    let mut spare = Spare::new();
    // Up to the header, which the fork needs.
    while !ingester.has_header() {
        if !next_record(file, &mut reader, &mut record)? {
            return Ok(());
        }
        let (line, cells) = record_cells(file, &record, &mut lines, &mut spare)?;
        tally.one();
        ingester.row(line, &cells)?;
        spare = recycle(cells);
    }
    let start = reader.position().byte() as usize;
    let split = (bytes.len().saturating_sub(start) >= CSV_SPLIT_BYTES
        && ingester.splittable()
        && CSV_SPLIT.load(Ordering::Relaxed))
    .then(|| {
        let middle = start + (bytes.len() - start) / 2;
        bytes[middle..]
            .iter()
            .position(|b| *b == b'\n')
            .map(|i| middle + i + 1)
            .filter(|at| *at < bytes.len())
    })
    .flatten();
    let Some(at) = split else {
        while next_record(file, &mut reader, &mut record)? {
            let (line, cells) = record_cells(file, &record, &mut lines, &mut spare)?;
            tally.one();
            ingester.row(line, &cells)?;
            spare = recycle(cells);
        }
        return Ok(());
    };
    let stop = AtomicBool::new(false);
    let mut fork = ingester.fork();
    std::thread::scope(|scope| -> Result<()> {
        let stop = &stop;
        let second = scope.spawn(move || -> Result<(SheetIngester, u64)> {
            let lines_before = bytes[..at].iter().filter(|b| **b == b'\n').count() as u64;
            fork.set_last_row(lines_before as u32);
            let mut reader = csv_reader(&bytes[at..], delimiter);
            let mut lines = Lines::new(&bytes[at..], lines_before);
            let mut record = csv::ByteRecord::new();
            let mut tally = rows.tally();
            let mut spare = Spare::new();
            while !stop.load(Ordering::Relaxed) && next_record(file, &mut reader, &mut record)? {
                let (line, cells) = record_cells(file, &record, &mut lines, &mut spare)?;
                tally.one();
                fork.row(line, &cells)?;
                spare = recycle(cells);
            }
            Ok((fork, lines_before))
        });
        // The first half, up to the record that starts at the split.
        let mut met = None;
        let first = (|| -> Result<()> {
            while next_record(file, &mut reader, &mut record)? {
                if let Some(p) = record.position()
                    && content_start(bytes, p.byte() as usize) >= at
                {
                    if content_start(bytes, p.byte() as usize) == at {
                        met = Some(lines.of(at));
                        return Ok(());
                    }
                    // The split fell inside a record: read on alone.
                    stop.store(true, Ordering::Relaxed);
                }
                let (line, cells) = record_cells(file, &record, &mut lines, &mut spare)?;
                tally.one();
                ingester.row(line, &cells)?;
                spare = recycle(cells);
            }
            Ok(())
        })();
        if first.is_err() || met.is_none() {
            stop.store(true, Ordering::Relaxed);
        }
        let second = second
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        first?;
        let Some(line) = met else {
            // The first reader read the whole file.
            return Ok(());
        };
        let (fork, lines_before) = second?;
        if line == lines_before + 1 {
            ingester.absorb(fork);
            return Ok(());
        }
        // Not where the second reader started (cannot happen: the line is
        // the count of line breaks before the split): read on alone.
        let (l, cells) = record_cells(file, &record, &mut lines, &mut spare)?;
        tally.one();
        ingester.row(l, &cells)?;
        spare = recycle(cells);
        while next_record(file, &mut reader, &mut record)? {
            let (l, cells) = record_cells(file, &record, &mut lines, &mut spare)?;
            tally.one();
            ingester.row(l, &cells)?;
            spare = recycle(cells);
        }
        Ok(())
    })
}

/// About how many rows a csv file has: its size over the mean length of
/// its first lines.
fn csv_rows_hint(bytes: &[u8]) -> Option<u64> {
    let len = bytes.len() as u64;
    let head = &bytes[..bytes.len().min(64 << 10)];
    let lines = head.iter().filter(|b| **b == b'\n').count() as u64;
    (lines > 0).then(|| len * lines / head.len() as u64)
}

/// Rows read in a sheet, from any thread, told to a [`Progress`] every
/// [`STEP`] rows.
struct Counter<'a> {
    path: &'a Path,
    sheet: &'a str,
    progress: &'a dyn Progress,
    rows: std::sync::atomic::AtomicU64,
}

impl<'a> Counter<'a> {
    fn new(path: &'a Path, sheet: &'a str, progress: &'a dyn Progress) -> Self {
        Counter {
            path,
            sheet,
            progress,
            rows: Default::default(),
        }
    }

    /// A count for one thread, added to the total every [`STEP`] rows.
    fn tally(&self) -> Tally<'_, 'a> {
        Tally {
            counter: self,
            rows: 0,
        }
    }

    fn done(&self) {
        let n = self.rows.load(std::sync::atomic::Ordering::Relaxed);
        self.progress.sheet_done(self.path, self.sheet, n);
    }
}

/// One thread's rows not yet added to its [`Counter`] (added when dropped).
struct Tally<'c, 'a> {
    counter: &'c Counter<'a>,
    rows: u64,
}

impl Tally<'_, '_> {
    fn one(&mut self) {
        self.rows += 1;
        if self.rows == STEP {
            self.rows = 0;
            let c = self.counter;
            let n = c.rows.fetch_add(STEP, std::sync::atomic::Ordering::Relaxed) + STEP;
            c.progress.rows(c.path, c.sheet, n);
        }
    }
}

impl Drop for Tally<'_, '_> {
    fn drop(&mut self) {
        let c = self.counter;
        c.rows
            .fetch_add(self.rows, std::sync::atomic::Ordering::Relaxed);
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

pub(crate) fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "reader failure".into())
}

/// Recognises an xlsx, xlsb or ods archive and refuses archives whose
/// entries inflate beyond reason.
fn inspect_zip(file: FileReader, limit: u64) -> std::result::Result<Format, WorkbookProblem> {
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
            match scan_ods_content(BufReader::new(&mut counted), limit) {
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

/// An encrypted Office file is an OLE container holding an `EncryptionInfo`
/// stream; its name is stored in UTF-16 in the directory.
/// Only the first 4 MiB are searched: the directory comes early.
fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let head = &bytes[..bytes.len().min(4 << 20)];
    head.windows(needle.len()).any(|w| w == needle.as_slice())
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

/// Walks an ods `content.xml` as calamine will (rows and cells with their
/// repeats, capped as calamine caps them: 1,048,576 rows, 16,384 columns),
/// and refuses a table whose dense range, or whose list of stored cells,
/// would pass `limit` cells. `Err(None)`: XML calamine will refuse anyway.
fn scan_ods_content(
    input: impl std::io::BufRead,
    limit: u64,
) -> std::result::Result<(), Option<WorkbookProblem>> {
    use quick_xml::events::Event;
    const ROWS: u64 = 1_048_576;
    const COLS: u64 = MAX_COLUMNS as u64;
    let mut reader = quick_xml::Reader::from_reader(input);
    reader.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    let repeats = |e: &quick_xml::events::BytesStart, key: &str| -> u64 {
        e.try_get_attribute(key)
            .ok()
            .flatten()
            .and_then(|a| a.value.trim().parse::<u64>().ok())
            .unwrap_or(1)
    };
    let has = |e: &quick_xml::events::BytesStart, key: &str| {
        e.try_get_attribute(key).ok().flatten().is_some()
    };
    // Per table: rows so far, the end of the last row with a value, the
    // widest such row, the cells stored before repeats of rows.
    let mut name: Option<String> = None;
    let (mut rows, mut last, mut widest, mut stored) = (0u64, 0u64, 0u64, 0u64);
    // Per row: its repeats, its width, empty cells pending.
    let (mut row_repeats, mut width, mut pending) = (1u64, 0u64, 0u64);
    // Per cell: its repeats and whether it holds something.
    let mut cell: Option<(u64, bool)> = None;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|_| None)?;
        match event {
            Event::Eof => return Ok(()),
            Event::Start(e) => match e.name().as_ref() {
                "table:table" => {
                    name = e
                        .try_get_attribute("table:name")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned());
                    (rows, last, widest, stored) = (0, 0, 0, 0);
                }
                "table:table-row" => {
                    row_repeats = repeats(&e, "table:number-rows-repeated");
                    (width, pending) = (0, 0);
                }
                "table:table-cell" | "table:covered-table-cell" if cell.is_none() => {
                    let valued = has(&e, "office:value-type") || has(&e, "table:formula");
                    cell = Some((repeats(&e, "table:number-columns-repeated"), valued));
                }
                _ => {
                    // Any content inside a cell (a paragraph) may be a value.
                    if let Some((_, valued)) = cell.as_mut() {
                        *valued = true;
                    }
                }
            },
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some((n, valued)) = cell.take() {
                        if valued {
                            width += pending.min(COLS - width);
                            width += n.min(COLS - width);
                            pending = 0;
                        } else {
                            pending = pending.saturating_add(n);
                        }
                    }
                }
                "table:table-row" => {
                    let n = row_repeats.min(ROWS - rows);
                    rows += n;
                    stored = stored.saturating_add(width);
                    if width > 0 {
                        last = rows;
                        widest = widest.max(width);
                    }
                    let cells = last.saturating_mul(widest).max(stored);
                    if cells > limit {
                        return Err(Some(WorkbookProblem::SheetTooLarge {
                            sheet: name.clone(),
                            cells,
                            limit,
                        }));
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
}

/// Walks the BIFF records of an xls workbook (its OLE container's
/// `Workbook` or `Book` stream) and refuses a sheet whose cells, or whose
/// declared `DIMENSIONS`, span more than `limit` cells: calamine would
/// allocate a dense range of that many cells while opening the file.
fn scan_xls(bytes: &[u8], limit: u64) -> std::result::Result<(), WorkbookProblem> {
    let damaged = |what: &str| WorkbookProblem::Unreadable {
        format: Format::Xls,
        detail: format!("damaged OLE container ({what})"),
    };
    let stream = ole_stream(bytes, &["workbook", "book"]).map_err(damaged)?;
    let Some(stream) = stream else {
        // No workbook stream: calamine says so in its words.
        return Ok(());
    };
    let u16at = |d: &[u8], o: usize| -> u64 {
        d.get(o..o + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as u64)
            .unwrap_or(0)
    };
    let u32at = |d: &[u8], o: usize| -> u32 {
        d.get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .unwrap_or(0)
    };
    let too_large = |cells: u64| WorkbookProblem::SheetTooLarge {
        sheet: None,
        cells,
        limit,
    };
    let records = |at: usize| biff_records(&stream, at);
    // calamine reads each sheet from the offset its BOUNDSHEET record gives
    // (a damaged offset lands in the middle of other records): the sheets
    // are walked from those offsets, as calamine walks them.
    let mut starts = Vec::new();
    for (id, data) in records(0) {
        match id {
            0x0085 if data.len() >= 4 => starts.push(u32at(data, 0) as usize),
            0x000A => break,
            _ => {}
        }
    }
    for start in starts {
        // The extent of the sheet's cells: (min row, max row, min col, max col).
        let mut extent: Option<(u64, u64, u64, u64)> = None;
        let mut cell = |row: u64, col: u64| {
            let e = extent.get_or_insert((row, row, col, col));
            *e = (e.0.min(row), e.1.max(row), e.2.min(col), e.3.max(col));
        };
        let (mut seen_bof, mut depth) = (false, 0usize);
        for (id, data) in records(start) {
            if depth > 0 {
                match id {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match id {
                // BOF: the sheet's own, or a nested substream (a chart).
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                // DIMENSIONS: calamine reserves rows × columns cells from it,
                // computed as it computes them (u32, wrapping).
                0x0200 => {
                    let (rf, rl, mut cf, cl) = match data.len() {
                        10 => (
                            u16at(data, 0) as u32,
                            u16at(data, 2) as u32,
                            u16at(data, 4) as u32,
                            u16at(data, 6) as u32,
                        ),
                        14 | 16 => (
                            u32at(data, 0),
                            u32at(data, 4),
                            u16at(data, 8) as u32,
                            u16at(data, 10) as u32,
                        ),
                        _ => continue,
                    };
                    if 0xFF < cf || cl < cf {
                        cf = 0;
                    }
                    if rl >= 1 && cl >= 1 {
                        let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1) as u64;
                        let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1) as u64;
                        let cells = rows.saturating_mul(cols);
                        if cells > limit {
                            return Err(too_large(cells));
                        }
                    }
                }
                // Cells: row, then column.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0201
                    if data.len() >= 4 =>
                {
                    cell(u16at(data, 0), u16at(data, 2));
                }
                // MULRK, MULBLANK: row, first column, …, last column.
                0x00BD | 0x00BE if data.len() >= 6 => {
                    let row = u16at(data, 0);
                    cell(row, u16at(data, 2));
                    cell(row, u16at(data, data.len() - 2));
                }
                _ => {}
            }
        }
        if let Some((r0, r1, c0, c1)) = extent {
            let cells = (r1 - r0 + 1).saturating_mul(c1 - c0 + 1);
            if cells > limit {
                return Err(too_large(cells));
            }
        }
    }
    Ok(())
}

/// The BIFF records from `at` to the end of `stream`, as calamine walks them:
/// (id, data).
fn biff_records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u64, &[u8])> {
    std::iter::from_fn(move || {
        let head = stream.get(at..at.checked_add(4)?)?;
        let id = u16::from_le_bytes([head[0], head[1]]) as u64;
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        at += 4 + len;
        Some((id, data))
    })
}

/// The stream of an OLE compound file whose name is one of `names`
/// (lowercase), read through the file's allocation tables; `Ok(None)` when
/// there is none. Every chain is bounded by the file's sector count.
fn ole_stream(bytes: &[u8], names: &[&str]) -> std::result::Result<Option<Vec<u8>>, &'static str> {
    const END: u32 = 0xFFFF_FFFA;
    let u16at = |o: usize| -> Option<u16> {
        bytes
            .get(o..o + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    let u32at = |d: &[u8], o: usize| -> Option<u32> {
        d.get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let shift = u16at(0x1E).ok_or("header")?;
    if shift != 9 && shift != 12 {
        return Err("sector size");
    }
    let size = 1usize << shift;
    let sectors = (bytes.len() / size).saturating_sub(1);
    let sector = |id: u32| -> Option<&[u8]> {
        let id = id as usize;
        if id >= sectors {
            return None;
        }
        bytes.get((id + 1) * size..(id + 2) * size)
    };
    // The allocation table's sectors: 109 in the header, then the DIFAT chain.
    let mut difat: Vec<u32> = (0..109)
        .filter_map(|i| u32at(bytes, 0x4C + 4 * i))
        .collect();
    let mut next = u32at(bytes, 0x44).ok_or("header")?;
    let mut hops = 0;
    while next < END {
        hops += 1;
        let s = sector(next).ok_or("DIFAT chain")?;
        if hops > sectors {
            return Err("DIFAT loop");
        }
        let n = size / 4 - 1;
        difat.extend((0..n).filter_map(|i| u32at(s, 4 * i)));
        next = u32at(s, 4 * n).unwrap_or(END);
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in difat.into_iter().filter(|id| *id < END) {
        if let Some(s) = sector(id) {
            fat.extend((0..size / 4).filter_map(|i| u32at(s, 4 * i)));
        }
        if fat.len() > sectors + size / 4 {
            break;
        }
    }
    let chain = |start: u32, unit: usize, get: &dyn Fn(u32) -> Option<Vec<u8>>, table: &[u32]| {
        let mut out = Vec::new();
        let mut id = start;
        let mut hops = 0usize;
        while id < END {
            hops += 1;
            if hops > table.len() + 1 {
                return Err("chain loop");
            }
            match get(id) {
                Some(s) => out.extend_from_slice(&s),
                None => break,
            }
            id = table.get(id as usize).copied().unwrap_or(END);
        }
        let _ = unit;
        Ok(out)
    };
    let big = |id: u32| sector(id).map(|s| s.to_vec());
    let dir = chain(u32at(bytes, 0x30).ok_or("header")?, size, &big, &fat)?;
    let entry = |i: usize| dir.get(i * 128..(i + 1) * 128);
    let Some(root) = entry(0) else {
        return Err("directory");
    };
    let start_size = |e: &[u8]| -> (u32, u64) {
        let start = u32at(e, 116).unwrap_or(END);
        let mut len = u32at(e, 120).unwrap_or(0) as u64;
        if shift == 12 {
            len |= (u32at(e, 124).unwrap_or(0) as u64) << 32;
        }
        (start, len)
    };
    let found = (0..dir.len() / 128).filter_map(entry).find(|e| {
        let n = (u16at_in(e, 64) as usize).min(64).saturating_sub(2);
        let name: Vec<u16> = e[..n]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        e[66] == 2
            && names
                .iter()
                .any(|want| String::from_utf16_lossy(&name).to_lowercase() == *want)
    });
    let Some(found) = found else {
        return Ok(None);
    };
    let (start, len) = start_size(found);
    let cutoff = u32at(bytes, 0x38).unwrap_or(4096) as u64;
    let mut stream = if len < cutoff {
        let (mini_start, _) = start_size(root);
        let mini = chain(mini_start, size, &big, &fat)?;
        let minifat_bytes = chain(u32at(bytes, 0x3C).unwrap_or(END), size, &big, &fat)?;
        let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
            .filter_map(|i| u32at(&minifat_bytes, 4 * i))
            .collect();
        let small = |id: u32| {
            let o = id as usize * 64;
            mini.get(o..o + 64).map(|s| s.to_vec())
        };
        chain(start, 64, &small, &minifat)?
    } else {
        chain(start, size, &big, &fat)?
    };
    stream.truncate(len.min(usize::MAX as u64) as usize);
    Ok(Some(stream))
}

fn u16at_in(d: &[u8], o: usize) -> u16 {
    d.get(o..o + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .unwrap_or(0)
}
