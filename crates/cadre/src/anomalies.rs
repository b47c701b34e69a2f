//! What looks wrong in accepted data without breaking a rule: rows dated
//! after the report's date of issue or before the programme's start (they
//! are outside every window, silently otherwise), empty values in the
//! columns indicators break down by (a gender not stated), and rows that
//! repeat another row whole in a dataset without a key. Each comes with its
//! count and its first rows, for the data-quality annex.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::compute::Engine;
use crate::error::{Error, Result};
use crate::indicator::Selection;
use crate::ingest::{Dataset, PART_COLUMN, ROW_COLUMN, RowRef};
use crate::period::to_epoch_days;
use crate::schema::ColumnType;

/// How many rows an anomaly lists (the count covers them all).
pub const FIRST_ROWS: usize = 5;

/// One kind of anomaly in one dataset (and column).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Anomaly {
    /// The dataset.
    pub dataset: String,
    /// The column concerned (the date, the breakdown column); none for
    /// whole-row duplicates.
    pub column: Option<String>,
    /// What it is.
    pub kind: AnomalyKind,
    /// How many rows.
    pub count: usize,
    /// Rows of the dataset it is measured on.
    pub of: usize,
    /// The first rows: file, sheet and row as the sheet numbers it.
    pub rows: Vec<RowRef>,
}

/// What an [`Anomaly`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnomalyKind {
    /// Dated after the report's date of issue.
    AfterIssue,
    /// Dated before the programme's start.
    BeforeStart,
    /// No value in a column an indicator breaks down by.
    EmptyBreakdown,
    /// The same values as an earlier row, in a dataset without a key.
    DuplicateRow,
}

impl Engine<'_> {
    /// Every anomaly of the ingested data, for a report issued on `issued`:
    /// dataset by dataset in definition order.
    pub fn anomalies(&self, issued: NaiveDate) -> Result<Vec<Anomaly>> {
        let programme = self.programme();
        let err = |dataset: &str| {
            let dataset = dataset.to_owned();
            move |e: PolarsError| Error::Compute {
                indicator: dataset.clone(),
                message: crate::filter::clean_polars_message(&e.to_string()),
            }
        };
        // The columns indicators break down by, per dataset (own or referenced).
        let mut breakdowns: Vec<(String, String)> = Vec::new();
        for ind in &programme.indicators {
            for sel in ind.measure.selections() {
                for b in &ind.breakdowns {
                    let pair = (sel.dataset.clone(), b.column().to_owned());
                    if !breakdowns.contains(&pair) {
                        breakdowns.push(pair);
                    }
                }
            }
        }
        // The date columns that place rows in a period, by dataset; a date
        // read through a reference (`session.date`) is the referenced
        // dataset's.
        let mut placing: BTreeSet<(String, String)> = BTreeSet::new();
        let mut place = |dataset: &str, date: &str| match date.split_once('.') {
            None => {
                placing.insert((dataset.to_owned(), date.to_owned()));
            }
            Some((reference, column)) => {
                if let Some(target) = programme
                    .dataset(dataset)
                    .and_then(|d| d.column(reference))
                    .and_then(|c| c.references.as_deref())
                    .and_then(|t| programme.dataset(t))
                    && let Some(c) = target.column(column)
                {
                    placing.insert((target.name.clone(), c.name.clone()));
                }
            }
        };
        for ind in &programme.indicators {
            for sel in ind.measure.selections() {
                if let Some(date) = &sel.date {
                    place(&sel.dataset, date);
                }
            }
        }
        for a in &programme.report.activities {
            place(&a.dataset, &a.date);
        }
        if let Some(finance) = &programme.finance {
            place(&finance.expenses.dataset, &finance.expenses.date);
        }
        let mut out = Vec::new();
        for schema in &programme.datasets {
            let Some(ds) = self.data().dataset(&schema.name) else {
                continue;
            };
            let frame = &ds.frame;
            let of = frame.height();
            let rows = row_places(frame).map_err(err(&schema.name))?;
            // Only the dates that place rows in a period (an indicator's,
            // an activity's, the expenses'): a planned or a birth date
            // after the date of issue is no anomaly.
            for c in schema.columns.iter().filter(|c| {
                c.kind == ColumnType::Date
                    && placing.contains(&(schema.name.clone(), c.name.clone()))
            }) {
                let days: Vec<Option<i32>> = frame
                    .column(&c.name)
                    .and_then(|col| col.cast(&DataType::Int32))
                    .and_then(|col| Ok(col.i32()?.iter().collect()))
                    .map_err(err(&schema.name))?;
                for (kind, outside) in [
                    (
                        AnomalyKind::AfterIssue,
                        Box::new(|d: i32| d > to_epoch_days(issued)) as Box<dyn Fn(i32) -> bool>,
                    ),
                    (
                        AnomalyKind::BeforeStart,
                        Box::new(|d: i32| d < to_epoch_days(programme.info.start)),
                    ),
                ] {
                    let hits: Vec<(u32, u32)> = days
                        .iter()
                        .zip(rows.iter())
                        .filter(|(d, _)| d.is_some_and(&outside))
                        .filter_map(|(_, r)| *r)
                        .collect();
                    if !hits.is_empty() {
                        out.push(Anomaly {
                            dataset: schema.name.clone(),
                            column: Some(c.name.clone()),
                            kind,
                            count: hits.len(),
                            of,
                            rows: first_rows(ds, hits),
                        });
                    }
                }
            }
            for (_, column) in breakdowns.iter().filter(|(d, _)| *d == schema.name) {
                let sel = Selection::whole(&schema.name);
                let values = self
                    .selection_frame_with(&sel, &[column.as_str()], None, &[])
                    .map_err(err(&schema.name))?;
                let cells = values
                    .column(column)
                    .and_then(|c| c.cast(&DataType::String))
                    .map_err(err(&schema.name))?;
                let cells = cells.str().map_err(err(&schema.name))?;
                let row_numbers = row_places(&values).map_err(err(&schema.name))?;
                let empty: Vec<(u32, u32)> = cells
                    .iter()
                    .zip(row_numbers.iter())
                    .filter(|(v, _)| v.is_none_or(|v| v.trim().is_empty()))
                    .filter_map(|(_, r)| *r)
                    .collect();
                if !empty.is_empty() {
                    out.push(Anomaly {
                        dataset: schema.name.clone(),
                        column: Some(column.clone()),
                        kind: AnomalyKind::EmptyBreakdown,
                        count: empty.len(),
                        of,
                        rows: first_rows(ds, empty),
                    });
                }
            }
            if schema.key.is_none() {
                let duplicates = duplicate_rows(frame, &rows).map_err(err(&schema.name))?;
                if !duplicates.is_empty() {
                    out.push(Anomaly {
                        dataset: schema.name.clone(),
                        column: None,
                        kind: AnomalyKind::DuplicateRow,
                        count: duplicates.len(),
                        of,
                        rows: first_rows(ds, duplicates),
                    });
                }
            }
        }
        Ok(out)
    }
}

/// Each row's part and row number.
fn row_places(frame: &DataFrame) -> PolarsResult<Vec<Option<(u32, u32)>>> {
    let parts = frame.column(PART_COLUMN)?.u32()?;
    let rows = frame.column(ROW_COLUMN)?.u32()?;
    Ok(parts
        .iter()
        .zip(rows.iter())
        .map(|(p, r)| Some((p?, r?)))
        .collect())
}

/// The first rows of a list, located.
fn first_rows(ds: &Dataset, rows: Vec<(u32, u32)>) -> Vec<RowRef> {
    rows.into_iter()
        .take(FIRST_ROWS)
        .map(|(part, row)| ds.row_ref(part, row))
        .collect()
}

/// The rows whose values (every column but the row's place) repeat an
/// earlier row's, in this file or another.
fn duplicate_rows(frame: &DataFrame, rows: &[Option<(u32, u32)>]) -> PolarsResult<Vec<(u32, u32)>> {
    let columns: Vec<Column> = frame
        .columns()
        .iter()
        .filter(|c| c.name().as_str() != ROW_COLUMN && c.name().as_str() != PART_COLUMN)
        .map(|c| c.cast(&DataType::String))
        .collect::<PolarsResult<_>>()?;
    let texts: Vec<&StringChunked> = columns
        .iter()
        .map(|c| c.str())
        .collect::<PolarsResult<_>>()?;
    let mut seen: HashMap<Vec<Option<&str>>, (u32, u32)> = HashMap::new();
    let mut out = BTreeSet::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(r) = *r else { continue };
        let key: Vec<Option<&str>> = texts.iter().map(|t| t.get(i)).collect();
        if seen.insert(key, r).is_some() {
            out.insert(r);
        }
    }
    Ok(out.into_iter().collect())
}
