//! What looks wrong in accepted data without breaking a rule: rows dated
//! after the report's date of issue (but the expenses a status column says
//! are committed or planned, which are ahead by nature) or before the
//! programme's start or after its last day (they are outside every window,
//! or outside the final report, silently otherwise), empty values in the
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
use crate::programme::Programme;
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
    /// Dated after the programme's last day (and not after the date of
    /// issue, which [`AnomalyKind::AfterIssue`] lists): outside the final
    /// report, which ends that day, though `project` counts to today.
    AfterEnd,
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
        let breakdowns = programme.breakdown_columns();
        let placing = programme.placing_dates();
        let mut out = Vec::new();
        for schema in &programme.datasets {
            let Some(ds) = self.data().dataset(&schema.name) else {
                continue;
            };
            let rows = row_places(&ds.frame).map_err(polars_error(&schema.name))?;
            // Within a dataset: its dates, its breakdowns, its duplicates.
            for c in schema.columns.iter().filter(|c| {
                c.kind == ColumnType::Date
                    && placing.contains(&(schema.name.clone(), c.name.clone()))
            }) {
                out.extend(self.date_anomalies(ds, &c.name, &rows, issued)?);
            }
            for (_, column) in breakdowns.iter().filter(|(d, _)| *d == schema.name) {
                out.extend(self.empty_breakdown(ds, column)?);
            }
            if schema.key.is_none() {
                let duplicates =
                    duplicate_rows(&ds.frame, &rows).map_err(polars_error(&schema.name))?;
                out.extend(Anomaly::found(
                    ds,
                    None,
                    AnomalyKind::DuplicateRow,
                    duplicates,
                ));
            }
        }
        Ok(out)
    }

    /// The rows of a date column dated after the date of issue, then those
    /// dated before the programme's start, then those after its last day.
    fn date_anomalies(
        &self,
        ds: &Dataset,
        column: &str,
        rows: &[Option<(u32, u32)>],
        issued: NaiveDate,
    ) -> Result<Vec<Anomaly>> {
        let days: Vec<Option<i32>> = ds
            .frame
            .column(column)
            .and_then(|col| col.cast(&DataType::Int32))
            .and_then(|col| Ok(col.i32()?.iter().collect()))
            .map_err(polars_error(&ds.name))?;
        let issued = to_epoch_days(issued);
        let start = to_epoch_days(self.programme().info.start);
        let end = to_epoch_days(self.programme().info.end);
        let planned = self.planned_expenses(ds, column)?;
        let outside = |kind, outside: &dyn Fn(usize, i32) -> bool| {
            let hits: Vec<(u32, u32)> = days
                .iter()
                .enumerate()
                .zip(rows.iter())
                .filter(|((i, d), _)| d.is_some_and(|d| outside(*i, d)))
                .filter_map(|(_, r)| *r)
                .collect();
            Anomaly::found(ds, Some(column), kind, hits)
        };
        Ok([
            // A committed or planned expense is dated ahead by nature.
            outside(AnomalyKind::AfterIssue, &|i, d| {
                d > issued && !planned.get(i).copied().unwrap_or(false)
            }),
            outside(AnomalyKind::BeforeStart, &|_, d| d < start),
            outside(AnomalyKind::AfterEnd, &|i, d| {
                d > end && d <= issued && !planned.get(i).copied().unwrap_or(false)
            }),
        ]
        .into_iter()
        .flatten()
        .collect())
    }

    /// Per row of `ds`, whether it is an expense committed or planned (not
    /// paid): when `column` is the expenses' date and `[finance.statuses]`
    /// says what the status column means; else empty.
    fn planned_expenses(&self, ds: &Dataset, column: &str) -> Result<Vec<bool>> {
        let Some(fin) = &self.programme().finance else {
            return Ok(Vec::new());
        };
        let e = &fin.expenses;
        let (Some(status), Some(statuses)) = (&e.status, &fin.statuses) else {
            return Ok(Vec::new());
        };
        if e.dataset != ds.name || e.date != column || status.contains('.') {
            return Ok(Vec::new());
        }
        let values = ds
            .frame
            .column(status)
            .and_then(|c| c.cast(&DataType::String))
            .map_err(polars_error(&ds.name))?;
        let values = values.str().map_err(polars_error(&ds.name))?;
        Ok(values
            .iter()
            .map(|v| {
                statuses.of(v.unwrap_or_default()) != Some(crate::programme::ExpenseStatus::Paid)
            })
            .collect())
    }

    /// The rows without a value in a column an indicator breaks down by;
    /// read through the selection so a referenced column (`site.region`)
    /// counts the rows whose reference leads to no value.
    fn empty_breakdown(&self, ds: &Dataset, column: &str) -> Result<Option<Anomaly>> {
        let err = polars_error(&ds.name);
        let sel = Selection::whole(&ds.name);
        let values = self
            .selection_frame_with(&sel, &[column], None, &[])
            .map_err(&err)?;
        let cells = values
            .column(column)
            .and_then(|c| c.cast(&DataType::String))
            .map_err(&err)?;
        let cells = cells.str().map_err(&err)?;
        let row_numbers = row_places(&values).map_err(&err)?;
        let empty: Vec<(u32, u32)> = cells
            .iter()
            .zip(row_numbers.iter())
            .filter(|(v, _)| v.is_none_or(|v| v.trim().is_empty()))
            .filter_map(|(_, r)| *r)
            .collect();
        Ok(Anomaly::found(
            ds,
            Some(column),
            AnomalyKind::EmptyBreakdown,
            empty,
        ))
    }
}

impl Anomaly {
    /// The anomaly of `kind` in a dataset, when it has rows (`hits`, in
    /// order): counted against the dataset's rows, the first ones listed.
    fn found(
        ds: &Dataset,
        column: Option<&str>,
        kind: AnomalyKind,
        hits: Vec<(u32, u32)>,
    ) -> Option<Anomaly> {
        (!hits.is_empty()).then(|| Anomaly {
            dataset: ds.name.clone(),
            column: column.map(str::to_owned),
            kind,
            count: hits.len(),
            of: ds.frame.height(),
            rows: first_rows(ds, hits),
        })
    }
}

impl Programme {
    /// The columns indicators break down by, per dataset (own or
    /// referenced), in the order indicators first name them.
    fn breakdown_columns(&self) -> Vec<(String, String)> {
        let mut breakdowns: Vec<(String, String)> = Vec::new();
        for ind in &self.indicators {
            for (position, sel) in ind.measure.selections().into_iter().enumerate() {
                // Each side reads its own column; a denominator kept whole, none.
                for b in &ind.breakdowns {
                    let Some(column) = b.column_in(position) else {
                        continue;
                    };
                    let pair = (sel.dataset.clone(), column.to_owned());
                    if !breakdowns.contains(&pair) {
                        breakdowns.push(pair);
                    }
                }
            }
        }
        breakdowns
    }

    /// The date columns that place rows in a period (an indicator's, an
    /// activity's, the expenses'), by dataset: only these can be out of
    /// range, as a planned or a birth date after the date of issue is no
    /// anomaly. A date read through a reference (`session.date`) is the
    /// referenced dataset's.
    fn placing_dates(&self) -> BTreeSet<(String, String)> {
        let mut placing: BTreeSet<(String, String)> = BTreeSet::new();
        let mut place = |dataset: &str, date: &str| match date.split_once('.') {
            None => {
                placing.insert((dataset.to_owned(), date.to_owned()));
            }
            Some((reference, column)) => {
                if let Some(target) = self
                    .dataset(dataset)
                    .and_then(|d| d.column(reference))
                    .and_then(|c| c.references.as_deref())
                    .and_then(|t| self.dataset(t))
                    && let Some(c) = target.column(column)
                {
                    placing.insert((target.name.clone(), c.name.clone()));
                }
            }
        };
        for ind in &self.indicators {
            for sel in ind.measure.selections() {
                if let Some(date) = &sel.date {
                    place(&sel.dataset, date);
                }
            }
        }
        for a in &self.report.activities {
            place(&a.dataset, &a.date);
        }
        if let Some(finance) = &self.finance {
            place(&finance.expenses.dataset, &finance.expenses.date);
        }
        placing
    }
}

/// A polars failure while reading `dataset`, as a compute error naming it.
fn polars_error(dataset: &str) -> impl Fn(PolarsError) -> Error {
    let dataset = dataset.to_owned();
    move |e: PolarsError| Error::Compute {
        indicator: dataset.clone(),
        message: crate::filter::clean_polars_message(&e.to_string()),
        defined_at: None,
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
