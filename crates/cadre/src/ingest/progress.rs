//! How far ingestion has got, for whoever shows it. The library never
//! prints: it calls a [`Progress`] the caller gives, sheet by sheet, every
//! few thousand rows. Calls may come from any of ingestion's threads.

use std::path::Path;

/// Receives ingestion's progress. Every method has an empty default.
pub trait Progress: Sync {
    /// A sheet starts: the dataset it is read as, its file, its name, and
    /// about how many rows it has when the file says so (an xlsx sheet's
    /// dimension; an estimate from the first lines of a csv file).
    fn sheet(&self, dataset: &str, file: &Path, sheet: &str, rows_hint: Option<u64>) {
        let _ = (dataset, file, sheet, rows_hint);
    }

    /// Rows of that sheet read so far.
    fn rows(&self, file: &Path, sheet: &str, rows_done: u64) {
        let _ = (file, sheet, rows_done);
    }

    /// The sheet is read: all its rows.
    fn sheet_done(&self, file: &Path, sheet: &str, rows: u64) {
        let _ = (file, sheet, rows);
    }
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// Rows are reported in steps of this many.
pub(crate) const STEP: u64 = 16_384;
