//! ods sheets: before calamine opens an ods, its `content.xml` is walked
//! here to bound the extent calamine will allocate (see [`super::guards`]);
//! calamine then reads the sheets through its ranges ([`super::range`]).

use super::guards::MAX_COLUMNS;
use crate::error::WorkbookProblem;

/// Walks an ods `content.xml` as calamine will (rows and cells with their
/// repeats, capped as calamine caps them: 1,048,576 rows, 16,384 columns),
/// and refuses a table whose dense range, or whose list of stored cells,
/// would pass `limit` cells. `Err(None)`: XML calamine will refuse anyway.
pub(super) fn scan_content(
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
