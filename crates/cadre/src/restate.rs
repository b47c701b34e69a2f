//! Restatements: the values of an earlier report that today's data gives
//! differently. A funder who read 88 attendances last quarter and reads
//! 132 for the same quarter now asks why; [`restatements`] recomputes the
//! earlier period on today's data and lists every value that changed, with
//! what can be said about why (as data, written by the catalogue):
//!
//! - whether the programme's definitions changed since (when the earlier
//!   table carries their hash: a report's attached table does);
//! - whether the data files are the same ones (by SHA-256);
//! - for each dataset the indicator reads, the rows counted now in the
//!   earlier period's window (and up to its end), beside those counted then
//!   when the earlier table says so.
//!
//! The earlier data is not at hand, so cadre cannot say which rows arrived
//! late or were corrected; it says how many rows the value rests on now and
//! then, which is what a reader can check.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::compute::Engine;
use crate::error::Result;
use crate::period::Period;
use crate::reported::{ReportedTable, rows_counted};
use crate::table::{FlatRow, Status, TablePeriod};

/// An earlier table: the one a report attached, or the rows of a csv or
/// JSON table with its period.
#[derive(Debug, Clone, PartialEq)]
pub enum EarlierTable {
    /// A report's attached table: values, definitions hash, input hashes
    /// and rows counted.
    Reported(Box<ReportedTable>),
    /// A table from `compute` (csv or JSON): values only.
    Rows {
        /// Its period.
        period: Period,
        /// Its rows.
        rows: Vec<FlatRow>,
    },
}

impl EarlierTable {
    /// The period it covers.
    pub fn period(&self) -> Period {
        match self {
            EarlierTable::Reported(t) => t.period(),
            EarlierTable::Rows { period, .. } => period.clone(),
        }
    }

    /// Its rows.
    pub fn rows(&self) -> Vec<FlatRow> {
        match self {
            EarlierTable::Reported(t) => t.table.flat_rows(),
            EarlierTable::Rows { rows, .. } => rows.clone(),
        }
    }
}

/// Every value of an earlier period restated by today's data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Restatements {
    /// The earlier period.
    pub period: TablePeriod,
    /// How many rows (totals and categories) of the earlier table were compared.
    pub compared: usize,
    /// Whether the definitions changed since: `None` when the earlier table
    /// does not say (a csv or JSON table).
    pub definitions_changed: Option<bool>,
    /// Whether the data files differ from those read then (by SHA-256):
    /// `None` when the earlier table does not say.
    pub inputs_changed: Option<bool>,
    /// Each value that differs, in the recomputed table's order.
    pub restated: Vec<Restatement>,
}

/// One row of the earlier table (a total or a category) that differs now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Restatement {
    /// Indicator code.
    pub indicator: String,
    /// Dimension, empty on a total row.
    pub breakdown: String,
    /// Category, empty on a total row.
    pub category: String,
    /// Whether the earlier table had this row (a new category has not).
    pub was_reported: bool,
    /// Whether today's table has this row (a category gone has not).
    pub is_reported: bool,
    /// The period's value as reported (empty when the row was absent or had none).
    pub reported: Option<f64>,
    /// The period's value now.
    pub now: Option<f64>,
    /// The cumulative value as reported.
    pub cumulative_reported: Option<f64>,
    /// The cumulative value now.
    pub cumulative_now: Option<f64>,
    /// The status as reported (total rows), when it changed.
    pub status_reported: Option<Status>,
    /// The status now, when it changed.
    pub status_now: Option<Status>,
    /// What can be said about why, per dataset read.
    pub datasets: Vec<DatasetRows>,
}

/// The rows of one dataset a restated value rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetRows {
    /// The dataset.
    pub dataset: String,
    /// Rows counted now in the period (for this category).
    pub period_now: u64,
    /// Rows counted then, when the earlier table says.
    pub period_then: Option<u64>,
    /// Rows counted now up to the period's end.
    pub cumulative_now: u64,
    /// Rows counted then up to the period's end, when known.
    pub cumulative_then: Option<u64>,
}

impl Restatements {
    /// Whether nothing was restated.
    pub fn is_empty(&self) -> bool {
        self.restated.is_empty()
    }
}

/// Two values agree when they differ by less than the csv's rounding.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-4 * b.abs().max(1.0),
        _ => false,
    }
}

/// Recomputes the earlier table's period with `engine` (today's data) and
/// lists every value that differs.
pub fn restatements(engine: &Engine, earlier: &EarlierTable) -> Result<Restatements> {
    let period = earlier.period();
    let now = engine.compute(&period)?;
    let programme = engine.programme();
    let (definitions_changed, inputs_changed) = match earlier {
        EarlierTable::Reported(t) => {
            let then: BTreeSet<&str> = t.inputs.iter().map(|i| i.sha256.as_str()).collect();
            let files = engine.data().input_files()?;
            let today: BTreeSet<&str> = files.iter().map(|i| i.sha256.as_str()).collect();
            (
                Some(t.definitions_hash != programme.definitions_hash()),
                Some(then != today),
            )
        }
        EarlierTable::Rows { .. } => (None, None),
    };
    let key = |r: &FlatRow| (r.indicator.clone(), r.breakdown.clone(), r.category.clone());
    let rows = earlier.rows();
    let then: BTreeMap<_, &FlatRow> = rows.iter().map(|r| (key(r), r)).collect();
    let now_rows = now.flat_rows();
    let known: BTreeSet<_> = now_rows.iter().map(key).collect();
    let mut restated = Vec::new();
    let mut counted = BTreeMap::new();
    let mut push = |r: Option<&FlatRow>, n: Option<&FlatRow>| -> Result<()> {
        let any = r.or(n).expect("one side is present");
        let (rep, cum_rep, st_rep) = r.map_or((None, None, None), |r| {
            (r.period_value, r.cumulative_value, r.status)
        });
        let (val, cum, st) = n.map_or((None, None, None), |n| {
            (n.period_value, n.cumulative_value, n.status)
        });
        let status_changed = r.is_some() && n.is_some() && st_rep != st;
        if r.is_some() && n.is_some() && same(rep, val) && same(cum_rep, cum) && !status_changed {
            return Ok(());
        }
        let datasets = if programme.indicator(&any.indicator).is_ok() {
            if !counted.contains_key(&any.indicator) {
                let rows = rows_counted(engine, &any.indicator, &period)?;
                counted.insert(any.indicator.clone(), rows);
            }
            let rows_now = &counted[&any.indicator];
            let rows_then = match earlier {
                EarlierTable::Reported(t) => t.rows_of(&any.indicator),
                EarlierTable::Rows { .. } => None,
            };
            rows_now
                .selections
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let (period_now, cumulative_now) =
                        s.of(&any.breakdown, &any.category).unwrap_or((0, 0));
                    let then = rows_then
                        .and_then(|t| t.selections.get(i))
                        .filter(|t| t.dataset == s.dataset)
                        .map(|t| t.of(&any.breakdown, &any.category).unwrap_or((0, 0)));
                    DatasetRows {
                        dataset: s.dataset.clone(),
                        period_now,
                        period_then: then.map(|t| t.0),
                        cumulative_now,
                        cumulative_then: then.map(|t| t.1),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        restated.push(Restatement {
            indicator: any.indicator.clone(),
            breakdown: any.breakdown.clone(),
            category: any.category.clone(),
            was_reported: r.is_some(),
            is_reported: n.is_some(),
            reported: rep,
            now: val,
            cumulative_reported: cum_rep,
            cumulative_now: cum,
            status_reported: if status_changed { st_rep } else { None },
            status_now: if status_changed { st } else { None },
            datasets,
        });
        Ok(())
    };
    for n in &now_rows {
        push(then.get(&key(n)).copied(), Some(n))?;
    }
    for r in rows.iter().filter(|r| !known.contains(&key(r))) {
        push(Some(r), None)?;
    }
    Ok(Restatements {
        period: now.period.clone(),
        compared: rows.len(),
        definitions_changed,
        inputs_changed,
        restated,
    })
}
