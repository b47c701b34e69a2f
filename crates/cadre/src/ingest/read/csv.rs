//! csv files, one a sheet, through the csv crate: separator guessed from
//! the header, UTF-8 or else Windows-1252, line numbers as an editor shows
//! them, and a large file typed on two threads.

use std::borrow::Cow;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::RowCells;
use super::guards::MAX_COLUMNS;
use crate::cell::Cell;
use crate::error::{Error, Result, WorkbookProblem};
use crate::ingest::progress::{Counter, Tally};
use crate::ingest::sheet::SheetIngester;

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

/// A csv reader over a file's bytes (or the part of them from a split on),
/// with what it keeps from record to record.
struct Records<'b> {
    file: &'b Path,
    reader: csv::Reader<&'b [u8]>,
    lines: Lines<'b>,
    record: csv::ByteRecord,
    spare: Spare,
}

impl<'b> Records<'b> {
    /// Reading `bytes`, a slice of `file` with `breaks_before` line breaks
    /// before it.
    fn new(file: &'b Path, bytes: &'b [u8], delimiter: u8, breaks_before: u64) -> Self {
        Records {
            file,
            reader: csv_reader(bytes, delimiter),
            lines: Lines::new(bytes, breaks_before),
            record: csv::ByteRecord::new(),
            spare: Spare::new(),
        }
    }

    /// Reads the next record; false at the end.
    fn next(&mut self) -> Result<bool> {
        next_record(self.file, &mut self.reader, &mut self.record)
    }

    /// Hands the record read last to `row`, with its line.
    fn hand(&mut self, row: &mut dyn FnMut(u32, &RowCells) -> Result<()>) -> Result<()> {
        let (line, cells) =
            record_cells(self.file, &self.record, &mut self.lines, &mut self.spare)?;
        row(line, &cells)?;
        self.spare = recycle(cells);
        Ok(())
    }

    /// Hands every record left to `row`.
    fn hand_rest(&mut self, row: &mut dyn FnMut(u32, &RowCells) -> Result<()>) -> Result<()> {
        while self.next()? {
            self.hand(row)?;
        }
        Ok(())
    }
}

/// Streams the rows of a csv file's `bytes` to `visit`.
pub(super) fn read_csv(
    file: &Path,
    bytes: &[u8],
    visit: &mut (dyn FnMut(u32, &RowCells) -> Result<()> + Send),
) -> Result<()> {
    let (bytes, delimiter) = csv_bytes(bytes);
    Records::new(file, bytes, delimiter, 0).hand_rest(visit)
}

/// Below this many bytes after its header, a csv file is typed on one thread.
const CSV_SPLIT_BYTES: usize = 1 << 20;

/// Whether large csv files may be typed on two threads (on unless a test
/// turns it off to compare: the outcome is the same either way).
static CSV_SPLIT: AtomicBool = AtomicBool::new(true);

/// Allows or forbids typing a large csv file on two threads, for tests that
/// check both give the same data, accounting and problems.
#[doc(hidden)]
pub fn set_csv_split(on: bool) {
    CSV_SPLIT.store(on, Ordering::Relaxed);
}

/// Types a csv file into `ingester` on two threads when it is large and its
/// rows do not depend on each other (no unique column): the second half,
/// from the first line after the middle, is read by a second reader and
/// typed by a fork of the ingester, then absorbed in order. The split is
/// kept only if the first reader, reading on, starts a record exactly
/// there (a quoted field may hold line breaks: then the first reader reads
/// the whole file and the second half's work is dropped), so rows, their
/// numbers, the accounting and every problem are those of one reader.
pub(super) fn ingest_csv(
    file: &Path,
    bytes: &[u8],
    ingester: &mut SheetIngester,
    rows: &Counter,
) -> Result<()> {
    let (bytes, delimiter) = csv_bytes(bytes);
    let mut records = Records::new(file, bytes, delimiter, 0);
    let mut tally = rows.tally();
    // Up to the header, which the fork needs.
    while !ingester.has_header() {
        if !records.next()? {
            return Ok(());
        }
        records.hand(&mut |line, cells| {
            tally.one();
            ingester.row(line, cells)
        })?;
    }
    let start = records.reader.position().byte() as usize;
    match split_point(bytes, start, ingester) {
        Some(at) => ingest_halves(records, delimiter, at, ingester, rows, &mut tally),
        None => records.hand_rest(&mut |line, cells| {
            tally.one();
            ingester.row(line, cells)
        }),
    }
}

/// Where a csv file whose rows begin at `start` is split in two: the first
/// line after the middle; none when it is small, its rows depend on each
/// other, or splitting is off.
fn split_point(bytes: &[u8], start: usize, ingester: &SheetIngester) -> Option<usize> {
    (bytes.len().saturating_sub(start) >= CSV_SPLIT_BYTES
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
    .flatten()
}

/// [`ingest_csv`] past the header, split at byte `at`: `records` reads the
/// first half here, a second reader the second half on another thread.
fn ingest_halves(
    mut records: Records,
    delimiter: u8,
    at: usize,
    ingester: &mut SheetIngester,
    rows: &Counter,
    tally: &mut Tally,
) -> Result<()> {
    let bytes = records.lines.bytes;
    let file = records.file;
    let stop = AtomicBool::new(false);
    let mut fork = ingester.fork();
    std::thread::scope(|scope| -> Result<()> {
        let stop = &stop;
        let second = scope.spawn(move || -> Result<(SheetIngester, u64)> {
            let lines_before = bytes[..at].iter().filter(|b| **b == b'\n').count() as u64;
            fork.set_last_row(lines_before as u32);
            let mut records = Records::new(file, &bytes[at..], delimiter, lines_before);
            let mut tally = rows.tally();
            while !stop.load(Ordering::Relaxed) && records.next()? {
                records.hand(&mut |line, cells| {
                    tally.one();
                    fork.row(line, cells)
                })?;
            }
            Ok((fork, lines_before))
        });
        let mut row = |line, cells: &RowCells| {
            tally.one();
            ingester.row(line, cells)
        };
        // The first half, up to the record that starts at the split.
        let mut met = None;
        let first = (|| -> Result<()> {
            while records.next()? {
                if let Some(p) = records.record.position()
                    && content_start(bytes, p.byte() as usize) >= at
                {
                    if content_start(bytes, p.byte() as usize) == at {
                        met = Some(records.lines.of(at));
                        return Ok(());
                    }
                    // The split fell inside a record: read on alone.
                    stop.store(true, Ordering::Relaxed);
                }
                records.hand(&mut row)?;
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
        records.hand(&mut row)?;
        records.hand_rest(&mut row)
    })
}

/// About how many rows a csv file has: its size over the mean length of
/// its first lines.
pub(super) fn csv_rows_hint(bytes: &[u8]) -> Option<u64> {
    let len = bytes.len() as u64;
    let head = &bytes[..bytes.len().min(64 << 10)];
    let lines = head.iter().filter(|b| **b == b'\n').count() as u64;
    (lines > 0).then(|| len * lines / head.len() as u64)
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
