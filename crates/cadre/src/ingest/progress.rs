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

/// Rows read in a sheet, from any thread, told to a [`Progress`] every
/// [`STEP`] rows.
pub(crate) struct Counter<'a> {
    path: &'a Path,
    sheet: &'a str,
    progress: &'a dyn Progress,
    rows: std::sync::atomic::AtomicU64,
}

impl<'a> Counter<'a> {
    pub(crate) fn new(path: &'a Path, sheet: &'a str, progress: &'a dyn Progress) -> Self {
        Counter {
            path,
            sheet,
            progress,
            rows: Default::default(),
        }
    }

    /// A count for one thread, added to the total every [`STEP`] rows.
    pub(crate) fn tally(&self) -> Tally<'_, 'a> {
        Tally {
            counter: self,
            rows: 0,
        }
    }

    pub(crate) fn done(&self) {
        let n = self.rows.load(std::sync::atomic::Ordering::Relaxed);
        self.progress.sheet_done(self.path, self.sheet, n);
    }
}

/// One thread's rows not yet added to its [`Counter`] (added when dropped).
pub(crate) struct Tally<'c, 'a> {
    counter: &'c Counter<'a>,
    rows: u64,
}

impl Tally<'_, '_> {
    pub(crate) fn one(&mut self) {
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
