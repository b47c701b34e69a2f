//! xls, xlsb and ods sheets, read through calamine's dense ranges (those
//! files are small in practice; their extent is bounded before calamine
//! opens them: see [`super::guards`]).

use std::borrow::Cow;
use std::path::Path;

use calamine::{Data, Reader};

use super::guards::{MAX_COLUMNS, guarded};
use super::{FileReader, RowCells};
use crate::cell::Cell;
use crate::error::{Error, Result, WorkbookProblem};

/// Hands the rows of `sheet` to `visit` (see [`super::Workbook::read_sheet`]).
pub(super) fn read_sheet(
    workbook: &mut calamine::Sheets<FileReader>,
    path: &Path,
    sheet: &str,
    visit: &mut (dyn FnMut(u32, &RowCells) -> Result<()> + Send),
    hint: &mut dyn FnMut(Option<u64>),
) -> Result<()> {
    let bad = |problem| Error::sheet(path, sheet, problem);
    // The reader's own message, quoted as it says it.
    let range = guarded(|| workbook.worksheet_range(sheet).map_err(|e| e.to_string()))
        .map_err(|detail| bad(WorkbookProblem::SheetUnreadable { detail }))?;
    hint(Some(range.height() as u64));
    let Some((r0, c0)) = range.start() else {
        return Ok(());
    };
    if range.width() as u64 + c0 as u64 > MAX_COLUMNS as u64 {
        return Err(bad(WorkbookProblem::TooWide));
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
