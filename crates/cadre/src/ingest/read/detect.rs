//! A file's format, from its bytes, not its extension: a zip holding
//! `xl/workbook.xml` is xlsx, one holding `content.xml` ods, an OLE
//! container xls unless it is an encrypted package. Each format's guards
//! run here, before any reader allocates for the file.

use std::io::Read;

use super::guards::{MAX_FILE_BYTES, inspect_zip, sheet_cell_limit};
use super::{Format, xls};
use crate::error::{Error, Result, WorkbookProblem};
use crate::ingest::input::Location;

/// A zip archive (xlsx, xlsb, ods) begins with these bytes.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The format of the file at `location`, once it has passed the guards of
/// that format (size, archive inflation, sheet extent).
pub(super) fn format(location: &Location) -> Result<Format> {
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
    let n = location
        .open()?
        .read(&mut head)
        .map_err(|e| Error::io(path, e))?;
    if n == 0 {
        return Err(bad(WorkbookProblem::Empty));
    }
    let limit = sheet_cell_limit(len);
    if head.starts_with(ZIP_MAGIC) {
        inspect_zip(location.open()?, limit).map_err(bad)
    } else if head.starts_with(&xls::OLE_MAGIC) {
        let bytes = location.read()?;
        if xls::is_encrypted(&bytes) {
            return Err(bad(WorkbookProblem::Encrypted));
        }
        xls::scan(&bytes, limit).map_err(bad)?;
        Ok(Format::Xls)
    } else {
        Err(bad(WorkbookProblem::NotASpreadsheet))
    }
}
