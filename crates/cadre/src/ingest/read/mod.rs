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

mod csv;
mod detect;
mod guards;
mod ods;
mod ole;
mod range;
mod xls;
mod xlsx;

use std::path::Path;

use calamine::Reader;

use super::input::{FileReader, Location};
use super::progress::{Counter, Progress};
use super::sheet::SheetIngester;
use super::sources::CsvFile;
use crate::cell::Cell;
use crate::error::{Error, Result, WorkbookProblem};

pub use csv::set_csv_split;
pub use guards::MAX_COLUMNS;
pub(crate) use guards::panic_message;

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
    /// Opens the file at `location`, recognising its format from its bytes
    /// ([`detect`]): the reader is the one the bytes call for, whatever the
    /// file's extension (an ods saved as `.xlsx` is read as ods).
    pub fn open(location: &Location) -> Result<(Workbook, Format)> {
        let format = detect::format(location)?;
        let reader = location.open()?;
        let opened = guards::guarded(|| {
            use calamine::{Ods, Sheets, Xls, Xlsb, Xlsx};
            let e = |e: &dyn std::fmt::Display| e.to_string();
            match format {
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
            }
        });
        let workbook = opened.map_err(|detail| {
            Error::workbook(
                location.path(),
                WorkbookProblem::Unreadable { format, detail },
            )
        })?;
        Ok((workbook, format))
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
            progress.sheet(&dataset, path, sheet, csv::csv_rows_hint(&bytes));
            csv::ingest_csv(file.location.path(), &bytes, ingester, &rows)?;
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
        match self {
            Workbook::Xlsx(x) => xlsx::read_sheet(x, path, sheet, visit, hint),
            Workbook::Other(s) => range::read_sheet(s, path, sheet, visit, hint),
            Workbook::Csv(files) => {
                let Some(file) = files.iter().find(|f| f.sheet == sheet) else {
                    return Err(Error::sheet(path, sheet, WorkbookProblem::NoCsvFile));
                };
                let bytes = file.location.read()?;
                hint(csv::csv_rows_hint(&bytes));
                csv::read_csv(file.location.path(), &bytes, visit)
            }
        }
    }
}
