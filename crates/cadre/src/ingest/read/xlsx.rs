//! xlsx sheets, streamed cell by cell through calamine's cell reader, so a
//! million-row sheet is never held whole.

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::mpsc::SyncSender;

use calamine::{DataRef, XlsxCellReader};

use super::guards::{MAX_COLUMNS, panic_message};
use super::{FileReader, RowCells};
use crate::cell::Cell;
use crate::error::{Error, Result, WorkbookProblem};

/// Rows handed from the reading thread to the typing thread at a time.
const BATCH: usize = 1024;

/// Rows with their numbers, handed over in one message.
type Batch<'a> = Vec<(u32, Vec<(u32, Cell<'a>)>)>;

/// Streams the rows of `sheet` to `visit` (see [`super::Workbook::read_sheet`]).
///
/// Parsing the sheet's XML and typing its rows each take a core: the reader
/// runs here and hands batches of rows to a second thread, so ingestion
/// costs little more than calamine's read.
pub(super) fn read_sheet(
    workbook: &mut calamine::Xlsx<FileReader>,
    path: &Path,
    sheet: &str,
    visit: &mut (dyn FnMut(u32, &RowCells) -> Result<()> + Send),
    hint: &mut dyn FnMut(Option<u64>),
) -> Result<()> {
    let unreadable =
        |detail: String| Error::sheet(path, sheet, WorkbookProblem::SheetUnreadable { detail });
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<()> {
        let mut reader = workbook
            .worksheet_cells_reader(sheet)
            .map_err(|e| unreadable(e.to_string()))?;
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
            let produced = produce(&mut reader, &tx, path, sheet);
            drop(tx);
            let consumed = consumer
                .join()
                .unwrap_or_else(|p| Err(unreadable(panic_message(&p))));
            consumed.and(produced)
        })
    }));
    outcome.unwrap_or_else(|p| Err(unreadable(panic_message(&p))))
}

/// Reads the cells, gathers them into rows and the rows into batches, and
/// sends them to `tx`. Stops quietly when the receiver has stopped (on an
/// error it reports).
fn produce<'a>(
    reader: &mut XlsxCellReader<'a, FileReader>,
    tx: &SyncSender<Batch<'a>>,
    path: &Path,
    sheet: &str,
) -> Result<()> {
    let bad = |problem| Error::sheet(path, sheet, problem);
    let mut batch: Batch = Vec::with_capacity(BATCH);
    let mut row: Vec<(u32, Cell)> = Vec::new();
    let mut current = None;
    while let Some(cell) = reader.next_cell().map_err(|e| {
        bad(WorkbookProblem::SheetUnreadable {
            detail: e.to_string(),
        })
    })? {
        let (r, c) = cell.get_position();
        if c >= MAX_COLUMNS {
            return Err(bad(WorkbookProblem::CellBeyondLastColumn { row: r + 1 }));
        }
        if current != Some(r) {
            if let Some(prev) = current {
                batch.push((prev + 1, std::mem::take(&mut row)));
                if batch.len() == BATCH
                    && tx
                        .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
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
