//! Ingestion: a workbook (xlsx, xls, ods) or a folder of csv files becomes one
//! typed polars frame per dataset, with an [`IngestReport`] accounting for
//! every row.
//!
//! Each sheet is read row by row into typed columns (see [`crate::cell`] for
//! what is accepted); rows that break a rule are left out and reported.
//! References are then checked dataset by dataset, referenced ones first, so
//! that a row naming a rejected row is rejected in turn. Reference values are
//! rewritten in the referenced key's own spelling, so ` site-a` and
//! `SITE-A` count as one site.

mod progress;
mod report;
mod sheet;
mod source;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use progress::{NoProgress, Progress};
pub use report::{IngestReport, Problem, Rule, SheetReport};
pub use sheet::{KeyEntry, ROW_COLUMN};
pub use source::{Format, MAX_COLUMNS, RowCells, set_csv_split};

use crate::error::{Error, Result};
use crate::programme::{Programme, hex};
use crate::text::{closest, fold_key, fold_name};
use sheet::SheetIngester;
use source::Workbook;

/// Reads every sheet of a workbook (xlsx, xls, ods; or a folder of csv
/// files) through the same guarded reader as [`ingest`] (format from the
/// bytes, size and zip-bomb checks, reader panics turned into errors), and
/// hands each row to `visit` with its sheet and its row number as the
/// spreadsheet shows it. For files that are not a programme's data, such as
/// a claimed indicator table.
pub fn read_sheets(
    path: &Path,
    visit: &mut (dyn FnMut(&str, u32, &RowCells) -> Result<()> + Send),
) -> Result<()> {
    let (mut workbook, _) = Workbook::open(path)?;
    for sheet in workbook.sheet_names() {
        workbook.read_sheet(path, &sheet, &mut |row, cells| visit(&sheet, row, cells))?;
    }
    Ok(())
}

/// One dataset's accepted rows.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The dataset name.
    pub name: String,
    /// The file its rows come from.
    pub file: PathBuf,
    /// The sheet, as named in the file.
    pub sheet: String,
    /// Accepted rows: one column per schema column (canonical names, typed)
    /// and [`ROW_COLUMN`], the row number as the spreadsheet shows it.
    pub frame: DataFrame,
}

/// A data file read, for provenance.
#[derive(Debug, Clone, Serialize)]
pub struct InputFile {
    /// Its path as given.
    pub path: String,
    /// SHA-256 of its bytes, hexadecimal.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Everything ingestion produced.
#[derive(Debug, Clone)]
pub struct Data {
    /// The workbook or csv folder read.
    pub source: PathBuf,
    /// Its format.
    pub format: Format,
    /// Accepted rows per dataset, by dataset name.
    pub datasets: BTreeMap<String, Dataset>,
    /// The accounting and the problems.
    pub report: IngestReport,
    /// The files read (the workbook, or each csv file).
    pub files: Vec<PathBuf>,
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
            .map(|p| {
                let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
                Ok(InputFile {
                    path: p.display().to_string(),
                    sha256: hex(&Sha256::digest(&bytes)),
                    bytes: bytes.len() as u64,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(self.hashed.get_or_init(|| hashed).clone())
    }
}

/// Reads the workbook or csv folder at `path` against the datasets of
/// `programme`.
///
/// Row problems do not fail ingestion: they are in [`Data::report`]. What
/// fails it is a file that cannot be read, a missing sheet, a missing
/// required column.
pub fn ingest(programme: &Programme, path: impl AsRef<Path>) -> Result<Data> {
    ingest_with_progress(programme, path, &NoProgress)
}

/// [`ingest`], telling `progress` how far it has got, sheet by sheet.
pub fn ingest_with_progress(
    programme: &Programme,
    path: impl AsRef<Path>,
    progress: &dyn Progress,
) -> Result<Data> {
    let path = path.as_ref();
    let (mut workbook, format) = Workbook::open(path)?;
    let sheet_names = workbook.sheet_names();

    let mut frames: Vec<Option<DataFrame>> = vec![None; programme.datasets.len()];
    let mut results = Vec::with_capacity(programme.datasets.len());
    let mut files = Vec::new();
    for (i, schema) in programme.datasets.iter().enumerate() {
        let Some(sheet) = sheet_names
            .iter()
            .find(|s| schema.matches_sheet(&fold_name(s)))
        else {
            return Err(Error::MissingSheet {
                path: path.to_path_buf(),
                dataset: schema.name.clone(),
                closest: closest(&schema.name, sheet_names.iter().map(String::as_str))
                    .map(str::to_owned),
                found: sheet_names.clone(),
            });
        };
        let file = workbook.sheet_file(path, sheet);
        if !files.contains(&file) {
            files.push(file.clone());
        }
        let mut ingester = SheetIngester::new(schema, &file, sheet);
        workbook.ingest_sheet(&file, sheet, &mut ingester, progress)?;
        let (frame, result) = ingester.finish();
        frames[i] = Some(frame);
        results.push((file, sheet.clone(), result));
    }

    // References, referenced datasets first.
    let order = programme
        .reference_order()
        .map_err(|problem| Error::Definition {
            path: programme.dir.join("datasets.toml"),
            line: None,
            problem: Box::new(problem),
        })?;
    let mut extra_problems: Vec<Vec<Problem>> = vec![Vec::new(); programme.datasets.len()];
    for &i in &order {
        let schema = &programme.datasets[i];
        let mut frame = frames[i].take().unwrap_or_default();
        let rows: Vec<u32> = frame
            .column(ROW_COLUMN)
            .and_then(|c| Ok(c.u32()?.into_no_null_iter().collect()))
            .unwrap_or_default();
        let mut keep = vec![true; frame.height()];
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
            let keys = results[t]
                .2
                .uniques
                .iter()
                .find(|(k, _)| *k == tkey_index)
                .map(|(_, m)| m.clone())
                .unwrap_or_default();
            let values = frame
                .column(&col.name)
                .and_then(|c| c.str().cloned())
                .map_err(|e| Error::Compute {
                    indicator: schema.name.clone(),
                    message: e.to_string(),
                })?;
            let mut cache: HashMap<&str, std::result::Result<&str, Rule>> = HashMap::new();
            let (file, sheet, _) = &results[i];
            let header = results[i].2.headers[ci].clone();
            let mut rewritten: Vec<Option<&str>> = Vec::with_capacity(values.len());
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
                        Some(e) if !e.accepted => Err(Rule::RejectedReference {
                            dataset: target.to_owned(),
                            row: e.row,
                        }),
                        Some(e) => Ok(e.canonical.as_str()),
                    });
                match outcome {
                    Ok(canonical) => rewritten.push(Some(canonical)),
                    Err(rule) => {
                        rewritten.push(None);
                        keep[r] = false;
                        extra_problems[i].push(Problem {
                            file: file.display().to_string(),
                            sheet: sheet.clone(),
                            dataset: schema.name.clone(),
                            row: rows[r],
                            column: header.clone(),
                            value: v.to_owned(),
                            rule: rule.clone(),
                        });
                    }
                }
            }
            let new =
                StringChunked::from_iter_options(col.name.as_str().into(), rewritten.into_iter());
            frame
                .replace(&col.name, new.into_column())
                .map_err(|e| Error::Compute {
                    indicator: schema.name.clone(),
                    message: e.to_string(),
                })?;
        }
        if keep.iter().any(|k| !k) {
            let rejected: HashSet<u32> = rows
                .iter()
                .zip(&keep)
                .filter(|(_, k)| !**k)
                .map(|(r, _)| *r)
                .collect();
            let mask = BooleanChunked::from_slice("keep".into(), &keep);
            frame = frame.filter(&mask).map_err(|e| Error::Compute {
                indicator: schema.name.clone(),
                message: e.to_string(),
            })?;
            let result = &mut results[i].2;
            for (_, map) in result.uniques.iter_mut() {
                for entry in map.values_mut() {
                    if rejected.contains(&entry.row) {
                        entry.accepted = false;
                    }
                }
            }
            result.report.rejected += rejected.len();
            result.report.accepted -= rejected.len();
        }
        frames[i] = Some(frame);
    }

    let mut report = IngestReport::default();
    let mut datasets = BTreeMap::new();
    for (i, (schema, (file, sheet, result))) in programme.datasets.iter().zip(results).enumerate() {
        report.sheets.push(result.report);
        let mut problems = result.problems;
        problems.append(&mut extra_problems[i]);
        // Stable: within a row, cell problems in column order, then references.
        problems.sort_by_key(|p| p.row);
        report.problems.extend(problems);
        datasets.insert(
            schema.name.clone(),
            Dataset {
                name: schema.name.clone(),
                file,
                sheet,
                frame: frames[i].take().unwrap_or_default(),
            },
        );
    }
    Ok(Data {
        source: path.to_path_buf(),
        format,
        datasets,
        report,
        files,
        hashed: Default::default(),
    })
}
