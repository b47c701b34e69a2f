//! Ingestion: workbooks (xlsx, xls, ods) and folders of csv files become one
//! typed polars frame per dataset, with an [`IngestReport`] accounting for
//! every row of every file.
//!
//! The sources given ([`Source`]: paths on this machine, or files held in
//! memory) are walked into books (`sources.rs`: a workbook, a folder's csv
//! files), read in parallel, one thread a book. Each sheet is
//! read row by row into typed columns (see [`crate::cell`] for what is
//! accepted); rows that break a rule are left out and reported. A dataset
//! found in several sources gets their rows in the order the sources come,
//! each row keeping its file, sheet and row ([`PART_COLUMN`],
//! [`ROW_COLUMN`]). Keys are then checked across files (a key already in an
//! earlier file rejects the later row, naming both places), and references
//! dataset by dataset, referenced ones first, so that a row naming a
//! rejected row is rejected in turn. Reference values are rewritten in the
//! referenced key's own spelling, so ` site-a` and `SITE-A` count as one
//! site.

mod input;
mod progress;
mod read;
mod report;
mod sheet;
mod sources;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use polars::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use input::{Location, NamedFile, Source};
pub use progress::{NoProgress, Progress};
pub use read::{Format, MAX_COLUMNS, RowCells, set_csv_split};
pub use report::{FileReport, IngestReport, Problem, Rule, SheetReport, UnmatchedSheet};
pub use sheet::{KeyEntry, ROW_COLUMN};
pub use sources::{SkipReason, SkippedFile};

use crate::error::{Error, Result};
use crate::programme::{Programme, hex};
use crate::text::{closest, fold_key, fold_name};
use read::Workbook;
use sheet::{SheetIngester, SheetIngesterResult};
use sources::Book;

/// Reads every sheet of a workbook (xlsx, xls, ods; a path or a file in
/// memory) through the same guarded reader as [`ingest`] (format from the
/// bytes, size and zip-bomb checks, reader panics turned into errors), and
/// hands each row to `visit` with its sheet and its row number as the
/// spreadsheet shows it. For files that are not a programme's data, such as
/// a claimed indicator table.
pub fn read_sheets(
    workbook: impl Into<Source>,
    visit: &mut (dyn FnMut(&str, u32, &RowCells) -> Result<()> + Send),
) -> Result<()> {
    let location = match workbook.into() {
        Source::Path(path) => Location::Disk(path),
        Source::File(NamedFile { name, bytes }) => Location::Memory { name, bytes },
    };
    let path = location.path();
    let (mut workbook, _) = Workbook::open(&location)?;
    for sheet in workbook.sheet_names() {
        workbook.read_sheet(path, &sheet, &mut |row, cells| visit(&sheet, row, cells))?;
    }
    Ok(())
}

/// Name of the column that keeps, for each row, the index of its part (its
/// file and sheet) in [`Dataset::parts`].
pub const PART_COLUMN: &str = "_part";

/// One sheet a dataset's rows come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The file as named in messages and reports (see [`InputFile::path`]).
    pub file: String,
    /// The sheet, as named in the file (a csv file's name without `.csv`).
    pub sheet: String,
}

/// One dataset's accepted rows, from every file that holds it.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The dataset name.
    pub name: String,
    /// The sheets its rows come from, in the order they were read.
    pub parts: Vec<Part>,
    /// Accepted rows: one column per schema column (canonical names, typed),
    /// [`ROW_COLUMN`], the row number as the spreadsheet shows it, and
    /// [`PART_COLUMN`], the index of its sheet in [`Dataset::parts`].
    pub frame: DataFrame,
}

impl Dataset {
    /// The sheet a row comes from, by its [`PART_COLUMN`] value.
    pub fn part(&self, index: u32) -> Option<&Part> {
        self.parts.get(index as usize)
    }

    /// Where a row is: its file, sheet and row number.
    pub fn row_ref(&self, part: u32, row: u32) -> RowRef {
        let (file, sheet) = self
            .part(part)
            .map(|p| (p.file.clone(), p.sheet.clone()))
            .unwrap_or_default();
        RowRef { file, sheet, row }
    }
}

/// Where a row is, as the spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RowRef {
    /// The file (see [`InputFile::path`]).
    pub file: String,
    /// The sheet.
    pub sheet: String,
    /// The row number (1 is the first row).
    pub row: u32,
}

/// A data file read, for provenance.
#[derive(Debug, Clone, Serialize)]
pub struct InputFile {
    /// Its name: a file given by itself by its file name, a file found in a
    /// folder by its path from that folder (`partners/benin/acal.xlsx`).
    /// No path of the machine shows in a report.
    pub path: String,
    /// SHA-256 of its bytes, hexadecimal.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// A data file and the name it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    /// Where its bytes are: on this machine, or in memory.
    pub location: Location,
    /// Its name in messages and reports.
    pub name: String,
}

impl DataFile {
    /// When the file was last modified; `None` for a file in memory, or
    /// when the system keeps no such time.
    pub fn modified(&self) -> Option<std::time::SystemTime> {
        self.location.modified()
    }
}

/// Everything ingestion produced.
#[derive(Debug, Clone)]
pub struct Data {
    /// The sources given (workbooks, csv files, folders, files in memory).
    pub sources: Vec<Source>,
    /// Accepted rows per dataset, by dataset name.
    pub datasets: BTreeMap<String, Dataset>,
    /// The accounting and the problems.
    pub report: IngestReport,
    /// The files read, in the order they were read.
    pub files: Vec<DataFile>,
    /// [`Data::input_files`], once computed: a report reads it for its
    /// provenance, its attached table and its restatements.
    hashed: std::sync::OnceLock<Vec<InputFile>>,
}

impl Data {
    /// The dataset with this name.
    pub fn dataset(&self, name: &str) -> Option<&Dataset> {
        self.datasets.get(name)
    }

    /// The files read, with their SHA-256, for a provenance annex. The
    /// files are read and hashed once per `Data`.
    pub fn input_files(&self) -> Result<Vec<InputFile>> {
        if let Some(hashed) = self.hashed.get() {
            return Ok(hashed.clone());
        }
        let hashed = self
            .files
            .iter()
            .map(|f| {
                let bytes = f.location.read()?;
                Ok(InputFile {
                    path: f.name.clone(),
                    sha256: hex(&Sha256::digest(&bytes)),
                    bytes: bytes.len() as u64,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(self.hashed.get_or_init(|| hashed).clone())
    }
}

/// Reads the workbook, csv file or folder at `path` against the datasets of
/// `programme`: [`ingest_sources`] with one path.
pub fn ingest(programme: &Programme, path: impl AsRef<Path>) -> Result<Data> {
    ingest_sources(programme, &[path.as_ref()])
}

/// Reads the sources given against the datasets of `programme`: workbooks,
/// csv files and folders on this machine (see the module's documentation
/// for how folders are walked), or files held in memory ([`NamedFile`]),
/// each read as the same file given by itself on disk would be. Paths
/// (`PathBuf`, `&Path`) and files convert into a [`Source`], so a list of
/// either does.
///
/// Row problems do not fail ingestion: they are in [`Data::report`]. What
/// fails it is a file that cannot be read, a stray file in a data folder, a
/// dataset found in no file, a missing required column.
pub fn ingest_sources<S: Clone + Into<Source>>(
    programme: &Programme,
    sources: &[S],
) -> Result<Data> {
    ingest_sources_with_progress(programme, sources, &NoProgress)
}

/// [`ingest_sources`], telling `progress` how far it has got, sheet by
/// sheet (from the threads that read).
pub fn ingest_sources_with_progress<S: Clone + Into<Source>>(
    programme: &Programme,
    sources: &[S],
    progress: &dyn Progress,
) -> Result<Data> {
    let given: Vec<Source> = sources.iter().cloned().map(Into::into).collect();
    let (mut sources, skipped) = sources::discover(&given)?;
    distinct_names(&mut sources);
    let reads = read_in_parallel(programme, &sources, progress)?;

    every_dataset_found(programme, &given, &reads)?;
    let unmatched: Vec<_> = reads
        .iter()
        .flat_map(|read| read.unmatched.iter().cloned())
        .collect();

    // Files in the order read, each once.
    let mut files: Vec<DataFile> = Vec::new();
    let mut merged: Vec<Merged> = programme
        .datasets
        .iter()
        .map(|_| Merged::default())
        .collect();
    for read in reads {
        for sheet in read.sheets {
            if !files.iter().any(|f| f.location.same(&sheet.location)) {
                files.push(DataFile {
                    location: sheet.location.clone(),
                    name: sheet.part.file.clone(),
                });
            }
            merged[sheet.dataset].push(sheet);
        }
    }

    // Keys across files, then references, referenced datasets first.
    let mut absent = Vec::new();
    for (schema, m) in programme.datasets.iter().zip(&mut merged) {
        m.check_keys_across_parts(&schema.name)?;
        // An optional dataset no source holds is empty, with its columns.
        if m.parts.is_empty() {
            m.frame = Some(absent_frame(schema).map_err(Merged::compute_err(&schema.name))?);
            absent.push(schema.name.clone());
        }
    }
    let order = programme
        .reference_order()
        .map_err(|problem| Error::Definition {
            path: programme.dir.join("datasets.toml"),
            line: None,
            problem: Box::new(problem),
        })?;
    for &i in &order {
        check_references(programme, &mut merged, i)?;
    }

    let mut report = IngestReport {
        unmatched,
        skipped,
        absent,
        ..Default::default()
    };
    let mut datasets = BTreeMap::new();
    for (schema, m) in programme.datasets.iter().zip(merged) {
        // The problems found after reading, with the sheet they are in.
        let mut later: Vec<Vec<Problem>> = vec![Vec::new(); m.parts.len()];
        for (at, problem) in m.problems {
            later[at as usize].push(problem);
        }
        for (part, later) in m.parts.into_iter().zip(later) {
            let mut sheet_problems = part.result.problems;
            sheet_problems.extend(later);
            // Stable: within a row, cell problems in column order, then keys, then references.
            sheet_problems.sort_by_key(|p| p.row);
            report.sheets.push(part.result.report);
            report.problems.extend(sheet_problems);
        }
        datasets.insert(
            schema.name.clone(),
            Dataset {
                name: schema.name.clone(),
                parts: m.places,
                frame: m.frame.unwrap_or_default(),
            },
        );
    }
    Ok(Data {
        sources: given,
        datasets,
        report,
        files,
        hashed: Default::default(),
    })
}

/// The frame of an optional dataset no source holds: its columns, typed,
/// with the row and part columns every dataset's frame has, and no row.
fn absent_frame(schema: &crate::schema::DatasetSchema) -> PolarsResult<DataFrame> {
    let mut columns: Vec<Column> = schema
        .columns
        .iter()
        .map(|c| Column::new_empty(c.name.as_str().into(), &crate::programme::dtype_of(c.kind)))
        .collect();
    columns.push(Column::new_empty(ROW_COLUMN.into(), &DataType::UInt32));
    columns.push(Column::new_empty(PART_COLUMN.into(), &DataType::UInt32));
    DataFrame::new(0, columns)
}

/// Two books given with the same file name (`a/x.xlsx`, `b/x.xlsx`) go by
/// the paths given instead, so that no two files share a name. (Files in
/// memory have only their name: the caller names them apart.)
fn distinct_names(books: &mut [Book]) {
    let names: Vec<String> = books.iter().map(|s| s.name.clone()).collect();
    for (i, book) in books.iter_mut().enumerate() {
        let clash = names
            .iter()
            .enumerate()
            .any(|(j, n)| j != i && *n == names[i]);
        if let (true, Some(path)) = (clash, book.location.disk_path()) {
            book.name = sources::relative(path, Path::new(""));
        }
    }
}

/// One sheet read against one dataset.
struct SheetRead {
    dataset: usize,
    /// The file the sheet is in.
    location: Location,
    part: Part,
    frame: DataFrame,
    result: SheetIngesterResult,
}

/// One source read.
struct SourceRead {
    sheets: Vec<SheetRead>,
    unmatched: Vec<UnmatchedSheet>,
    sheet_names: Vec<String>,
}

/// Every dataset must be somewhere: the first one no source holds is an
/// error naming the sheets found, the closest, and the alias that would
/// accept it.
fn every_dataset_found(
    programme: &Programme,
    given: &[Source],
    reads: &[SourceRead],
) -> Result<()> {
    let found_sheets: Vec<String> = reads
        .iter()
        .flat_map(|read| read.sheet_names.iter().cloned())
        .collect();
    for (i, schema) in programme.datasets.iter().enumerate() {
        if schema.required && !reads.iter().flat_map(|r| &r.sheets).any(|s| s.dataset == i) {
            return Err(Error::MissingSheet {
                path: given.first().map(Source::display_path).unwrap_or_default(),
                dataset: schema.name.clone(),
                closest: closest(&schema.name, found_sheets.iter().map(String::as_str))
                    .map(str::to_owned),
                found: found_sheets,
                aliases: schema.aliases.clone(),
            });
        }
    }
    Ok(())
}

/// Reads every book, as many at once as there are cores. Errors come
/// out in book order, whichever thread met them first.
fn read_in_parallel(
    programme: &Programme,
    sources: &[Book],
    progress: &dyn Progress,
) -> Result<Vec<SourceRead>> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(sources.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<Result<SourceRead>>>> =
        Mutex::new(sources.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(source) = sources.get(i) else { break };
                    // A reader's panic is the source's error, never the process's.
                    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        read_source(programme, source, progress)
                    }))
                    .unwrap_or_else(|p| {
                        Err(Error::workbook(
                            source.location.path(),
                            crate::error::WorkbookProblem::SheetUnreadable {
                                detail: read::panic_message(&p),
                            },
                        ))
                    });
                    done.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(read);
                }
            });
        }
    });
    done.into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Error::io("", std::io::Error::other("not read")))))
        .collect()
}

fn read_source(
    programme: &Programme,
    source: &Book,
    progress: &dyn Progress,
) -> Result<SourceRead> {
    let mut workbook = match &source.csv {
        Some(files) => Workbook::Csv(files.clone()),
        None => Workbook::open(&source.location)?.0,
    };
    let sheet_names = workbook.sheet_names();
    let mut read = SourceRead {
        sheets: Vec::new(),
        unmatched: Vec::new(),
        sheet_names: sheet_names.clone(),
    };
    for sheet in &sheet_names {
        let location = source.sheet_location(sheet);
        let file = source.file_name(sheet);
        let Some(dataset) = programme
            .datasets
            .iter()
            .position(|s| s.matches_sheet(&fold_name(sheet)))
        else {
            read.unmatched.push(UnmatchedSheet {
                file,
                sheet: sheet.clone(),
            });
            continue;
        };
        let schema = &programme.datasets[dataset];
        let mut ingester = SheetIngester::new(schema, Path::new(&file), sheet);
        workbook.ingest_sheet(location.path(), sheet, &mut ingester, progress)?;
        let (frame, result) = ingester.finish();
        read.sheets.push(SheetRead {
            dataset,
            location,
            part: Part {
                file,
                sheet: sheet.clone(),
            },
            frame,
            result,
        });
    }
    Ok(read)
}

/// The first occurrence of a key over every part of a dataset.
#[derive(Debug, Clone)]
struct Key {
    part: u32,
    entry: KeyEntry,
}

/// A dataset's parts, gathered.
#[derive(Default)]
struct Merged {
    places: Vec<Part>,
    parts: Vec<SheetRead>,
    /// Per unique column (by schema index): folded value → first occurrence.
    keys: Vec<(usize, HashMap<String, Key>)>,
    /// Problems found after reading, with the part they are in.
    problems: Vec<(u32, Problem)>,
    /// The frame of every part, once joined.
    frame: Option<DataFrame>,
}

impl Merged {
    fn push(&mut self, sheet: SheetRead) {
        self.places.push(sheet.part.clone());
        self.parts.push(sheet);
    }

    fn compute_err(dataset: &str) -> impl Fn(PolarsError) -> Error + '_ {
        move |e| Error::Compute {
            indicator: dataset.to_owned(),
            message: e.to_string(),
            defined_at: None,
        }
    }

    /// Joins the parts' frames (with their part index) and their keys; a
    /// key already in an earlier part rejects the row naming it again.
    fn check_keys_across_parts(&mut self, dataset: &str) -> Result<()> {
        let err = Self::compute_err(dataset);
        let mut rejected: HashSet<(u32, u32)> = HashSet::new();
        let mut keys: Vec<(usize, HashMap<String, Key>)> = Vec::new();
        for (p, part) in self.parts.iter().enumerate() {
            let p = p as u32;
            for (column, map) in &part.result.uniques {
                let at = match keys.iter().position(|(c, _)| c == column) {
                    Some(at) => at,
                    None => {
                        keys.push((*column, HashMap::new()));
                        keys.len() - 1
                    }
                };
                let merged = &mut keys[at].1;
                // In row order, so that problems come out the same every run.
                let mut entries: Vec<(&String, &KeyEntry)> = map.iter().collect();
                entries.sort_by_key(|(_, e)| e.row);
                for (folded, entry) in entries {
                    match merged.get(folded) {
                        Some(first) => {
                            let place = &self.places[first.part as usize];
                            self.problems.push((
                                p,
                                Problem {
                                    file: part.part.file.clone(),
                                    sheet: part.part.sheet.clone(),
                                    dataset: dataset.to_owned(),
                                    row: entry.row,
                                    column: part.result.headers[*column].clone(),
                                    value: entry.canonical.clone(),
                                    rule: Rule::DuplicateElsewhere {
                                        file: place.file.clone(),
                                        sheet: place.sheet.clone(),
                                        row: first.entry.row,
                                    },
                                },
                            ));
                            if entry.accepted {
                                rejected.insert((p, entry.row));
                            }
                        }
                        None => {
                            merged.insert(
                                folded.clone(),
                                Key {
                                    part: p,
                                    entry: entry.clone(),
                                },
                            );
                        }
                    }
                }
            }
        }
        self.keys = keys;
        let mut frames = Vec::with_capacity(self.parts.len());
        for (p, part) in self.parts.iter_mut().enumerate() {
            let mut frame = std::mem::take(&mut part.frame);
            let height = frame.height();
            frame
                .with_column(
                    UInt32Chunked::from_vec(PART_COLUMN.into(), vec![p as u32; height])
                        .into_column(),
                )
                .map_err(&err)?;
            frames.push(frame);
        }
        let mut frames = frames.into_iter();
        let mut frame = frames.next().unwrap_or_default();
        for more in frames {
            frame.vstack_mut_owned(more).map_err(&err)?;
        }
        self.frame = Some(frame);
        self.reject(&rejected, dataset)
    }

    /// Leaves out the rows `rejected` ((part, row) pairs): off the frame,
    /// counted as rejected, and their keys marked rejected.
    fn reject(&mut self, rejected: &HashSet<(u32, u32)>, dataset: &str) -> Result<()> {
        if rejected.is_empty() {
            return Ok(());
        }
        let err = Self::compute_err(dataset);
        let frame = self.frame.take().unwrap_or_default();
        let (parts, rows) = row_places(&frame).map_err(&err)?;
        let keep: Vec<bool> = parts
            .iter()
            .zip(&rows)
            .map(|(p, r)| !rejected.contains(&(*p, *r)))
            .collect();
        let mask = BooleanChunked::from_slice("keep".into(), &keep);
        self.frame = Some(frame.filter(&mask).map_err(&err)?);
        for (_, map) in self.keys.iter_mut() {
            for key in map.values_mut() {
                if rejected.contains(&(key.part, key.entry.row)) {
                    key.entry.accepted = false;
                }
            }
        }
        for &(p, _) in rejected {
            let report = &mut self.parts[p as usize].result.report;
            report.rejected += 1;
            report.accepted -= 1;
        }
        Ok(())
    }
}

/// Each row's part and row number.
fn row_places(frame: &DataFrame) -> PolarsResult<(Vec<u32>, Vec<u32>)> {
    let parts = frame
        .column(PART_COLUMN)?
        .u32()?
        .into_no_null_iter()
        .collect();
    let rows = frame
        .column(ROW_COLUMN)?
        .u32()?
        .into_no_null_iter()
        .collect();
    Ok((parts, rows))
}

/// Checks the references of dataset `i` against the keys of the datasets
/// it references (already checked themselves), rewriting each reference in
/// the key's own spelling.
fn check_references(programme: &Programme, merged: &mut [Merged], i: usize) -> Result<()> {
    let schema = &programme.datasets[i];
    let err = Merged::compute_err(&schema.name);
    let mut frame = merged[i].frame.take().unwrap_or_default();
    let (parts, rows) = row_places(&frame).map_err(&err)?;
    let mut rejected: HashSet<(u32, u32)> = HashSet::new();
    for (ci, col) in schema.columns.iter().enumerate() {
        let Some(target) = col.references.as_deref() else {
            continue;
        };
        let t = programme
            .datasets
            .iter()
            .position(|d| d.name == target)
            .unwrap_or(i);
        let tkey = programme.datasets[t].key.as_deref().unwrap_or_default();
        let tkey_index = programme.datasets[t]
            .columns
            .iter()
            .position(|c| c.name == tkey)
            .unwrap_or(0);
        let keys: HashMap<String, Key> = merged[t]
            .keys
            .iter()
            .find(|(k, _)| *k == tkey_index)
            .map(|(_, m)| m.clone())
            .unwrap_or_default();
        let places = merged[t].places.clone();
        let values = frame
            .column(&col.name)
            .and_then(|c| c.str().cloned())
            .map_err(&err)?;
        let mut cache: HashMap<&str, std::result::Result<&str, Rule>> = HashMap::new();
        let mut rewritten: Vec<Option<&str>> = Vec::with_capacity(values.len());
        let mut found = Vec::new();
        for (r, v) in values.iter().enumerate() {
            let Some(v) = v else {
                rewritten.push(None);
                continue;
            };
            let outcome = cache
                .entry(v)
                .or_insert_with(|| match keys.get(&fold_key(v)) {
                    None => Err(Rule::UnknownReference {
                        dataset: target.to_owned(),
                    }),
                    Some(k) if !k.entry.accepted => {
                        let place = &places[k.part as usize];
                        Err(Rule::RejectedReference {
                            dataset: target.to_owned(),
                            file: place.file.clone(),
                            sheet: place.sheet.clone(),
                            row: k.entry.row,
                        })
                    }
                    Some(k) => Ok(k.entry.canonical.as_str()),
                });
            match outcome {
                Ok(canonical) => rewritten.push(Some(canonical)),
                Err(rule) => {
                    rewritten.push(None);
                    rejected.insert((parts[r], rows[r]));
                    let part = &merged[i].parts[parts[r] as usize];
                    found.push((
                        parts[r],
                        Problem {
                            file: part.part.file.clone(),
                            sheet: part.part.sheet.clone(),
                            dataset: schema.name.clone(),
                            row: rows[r],
                            column: part.result.headers[ci].clone(),
                            value: v.to_owned(),
                            rule: rule.clone(),
                        },
                    ));
                }
            }
        }
        let new = StringChunked::from_iter_options(col.name.as_str().into(), rewritten.into_iter());
        frame.replace(&col.name, new.into_column()).map_err(&err)?;
        merged[i].problems.extend(found);
    }
    merged[i].frame = Some(frame);
    merged[i].reject(&rejected, &schema.name)
}
