//! xls workbooks: recognised (and refused when encrypted) by their OLE
//! container, and their BIFF records walked to bound the extent calamine
//! will allocate (see [`super::guards`]); calamine then reads the sheets
//! through its ranges ([`super::range`]).

use super::ole;
use crate::error::WorkbookProblem;

/// An OLE compound file begins with these bytes.
pub(super) const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An encrypted Office file is an OLE container holding an `EncryptionInfo`
/// stream; its name is stored in UTF-16 in the directory.
/// Only the first 4 MiB are searched: the directory comes early.
pub(super) fn is_encrypted(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let head = &bytes[..bytes.len().min(4 << 20)];
    head.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// A record's little-endian u16 at `o` (0 past its end, as a short record
/// reads).
fn u16at(d: &[u8], o: usize) -> u64 {
    d.get(o..o + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]) as u64)
        .unwrap_or(0)
}

/// A record's little-endian u32 at `o` (0 past its end).
fn u32at(d: &[u8], o: usize) -> u32 {
    d.get(o..o + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .unwrap_or(0)
}

/// Walks the BIFF records of an xls workbook (its OLE container's
/// `Workbook` or `Book` stream) and refuses a sheet whose cells, or whose
/// declared `DIMENSIONS`, span more than `limit` cells: calamine would
/// allocate a dense range of that many cells while opening the file.
pub(super) fn scan(bytes: &[u8], limit: u64) -> std::result::Result<(), WorkbookProblem> {
    let damaged = |what: &str| WorkbookProblem::DamagedOle {
        part: what.to_owned(),
    };
    let stream = ole::stream(bytes, &["workbook", "book"]).map_err(damaged)?;
    let Some(stream) = stream else {
        // No workbook stream: calamine says so in its words.
        return Ok(());
    };
    // calamine reads each sheet from the offset its BOUNDSHEET record gives
    // (a damaged offset lands in the middle of other records): the sheets
    // are walked from those offsets, as calamine walks them.
    let mut starts = Vec::new();
    for (id, data) in biff_records(&stream, 0) {
        match id {
            0x0085 if data.len() >= 4 => starts.push(u32at(data, 0) as usize),
            0x000A => break,
            _ => {}
        }
    }
    for start in starts {
        let cells = sheet_cells(&stream, start, limit)?;
        if cells > limit {
            return Err(too_large(cells, limit));
        }
    }
    Ok(())
}

fn too_large(cells: u64, limit: u64) -> WorkbookProblem {
    WorkbookProblem::SheetTooLarge {
        sheet: None,
        cells,
        limit,
    }
}

/// The cells of the rectangle the sheet at `start` spans, from its first
/// to its last cell; refuses at once a `DIMENSIONS` record over `limit`.
fn sheet_cells(
    stream: &[u8],
    start: usize,
    limit: u64,
) -> std::result::Result<u64, WorkbookProblem> {
    // The extent of the sheet's cells: (min row, max row, min col, max col).
    let mut extent: Option<(u64, u64, u64, u64)> = None;
    let mut cell = |row: u64, col: u64| {
        let e = extent.get_or_insert((row, row, col, col));
        *e = (e.0.min(row), e.1.max(row), e.2.min(col), e.3.max(col));
    };
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (id, data) in biff_records(stream, start) {
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
            0x0200 => {
                if let Some(cells) = dimensions_cells(data)
                    && cells > limit
                {
                    return Err(too_large(cells, limit));
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
    Ok(extent
        .map(|(r0, r1, c0, c1)| (r1 - r0 + 1).saturating_mul(c1 - c0 + 1))
        .unwrap_or(0))
}

/// The cells calamine reserves from a `DIMENSIONS` record: rows × columns,
/// computed as it computes them (u32, wrapping); none for a record it skips.
fn dimensions_cells(data: &[u8]) -> Option<u64> {
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
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl >= 1 && cl >= 1 {
        let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1) as u64;
        let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1) as u64;
        return Some(rows.saturating_mul(cols));
    }
    None
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
