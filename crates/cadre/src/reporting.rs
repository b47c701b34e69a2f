//! Who has reported: per reporting unit (`[reporting]` of the programme),
//! the rows it sent in a period, dataset by dataset, and the units that sent
//! nothing. DHIS2 calls it reporting completeness; an M&E officer calls it
//! the list of partners to chase before the quarterly report.
//!
//! A row is the unit's that its unit column names (references are resolved
//! at ingestion, so ` ben-acal` and `BEN-ACAL` are one unit). A row naming
//! no unit is counted apart: it is nobody's report.

use std::collections::HashMap;

use polars::prelude::*;
use serde::Serialize;

use crate::compute::Engine;
use crate::error::{Error, Result};
use crate::indicator::Selection;
use crate::period::{Period, to_epoch_days};

/// Who sent what, for a period or for all the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportingStatus {
    /// The units' dataset.
    pub units_dataset: String,
    /// The period, when the status is for one (its label).
    pub period: Option<String>,
    /// The datasets counted, in the order `[reporting]` declares them.
    pub datasets: Vec<String>,
    /// Every unit, in the order of its registry.
    pub units: Vec<UnitStatus>,
    /// Per dataset, the rows of the period that name no unit.
    pub no_unit: Vec<u64>,
}

/// One unit's rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitStatus {
    /// Its key.
    pub code: String,
    /// Its name, when `[reporting]` names a label column.
    pub name: Option<String>,
    /// Rows it sent, per dataset (in [`ReportingStatus::datasets`] order).
    pub rows: Vec<u64>,
}

impl UnitStatus {
    /// All the rows it sent.
    pub fn total(&self) -> u64 {
        self.rows.iter().sum()
    }
}

impl ReportingStatus {
    /// The units that sent no row at all.
    pub fn silent(&self) -> impl Iterator<Item = &UnitStatus> {
        self.units.iter().filter(|u| u.total() == 0)
    }

    /// The units that sent nothing, each as "name (code)" (its code alone
    /// when it has no name), for a sentence naming them.
    pub fn silent_names(&self) -> Vec<String> {
        self.silent()
            .map(|u| match &u.name {
                Some(name) => format!("{name} ({})", u.code),
                None => u.code.clone(),
            })
            .collect()
    }

    /// How many units sent at least one row.
    pub fn reported(&self) -> usize {
        self.units.iter().filter(|u| u.total() > 0).count()
    }
}

impl Engine<'_> {
    /// Who sent what in `period` (every row when `None`), or `None` when
    /// the programme declares no reporting units.
    pub fn reporting_status(&self, period: Option<&Period>) -> Result<Option<ReportingStatus>> {
        let Some(reporting) = &self.programme().reporting else {
            return Ok(None);
        };
        let err = |dataset: &str| {
            let dataset = dataset.to_owned();
            move |e: PolarsError| Error::Compute {
                indicator: dataset.clone(),
                message: crate::filter::clean_polars_message(&e.to_string()),
                defined_at: None,
            }
        };
        // The units, in registry order.
        let key = self
            .programme()
            .dataset(&reporting.units)
            .and_then(|d| d.key.clone())
            .unwrap_or_default();
        let mut keep = vec![key.as_str()];
        keep.extend(reporting.label.as_deref());
        keep.dedup();
        let units_frame = self
            .selection_frame_with(&Selection::whole(&reporting.units), &keep, None, &[])
            .map_err(err(&reporting.units))?;
        let codes = strings(&units_frame, &key).map_err(err(&reporting.units))?;
        let names = match &reporting.label {
            Some(label) => strings(&units_frame, label).map_err(err(&reporting.units))?,
            None => vec![None; codes.len()],
        };
        let mut units: Vec<UnitStatus> = codes
            .into_iter()
            .zip(names)
            .filter_map(|(code, name)| {
                Some(UnitStatus {
                    code: code?,
                    name,
                    rows: vec![0; reporting.datasets.len()],
                })
            })
            .collect();
        let index: HashMap<String, usize> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.clone(), i))
            .collect();
        let mut no_unit = vec![0; reporting.datasets.len()];
        for (d, source) in reporting.datasets.iter().enumerate() {
            let sel = source.selection();
            let mut lf = self
                .selection_frame_with(&sel, &[source.unit.as_str()], None, &[])
                .map_err(err(&source.dataset))?
                .lazy();
            if let (Some(period), true) = (period, sel.date.is_some()) {
                let (start, end) = (to_epoch_days(period.start), to_epoch_days(period.end));
                lf = lf.filter(
                    col("__date")
                        .gt_eq(lit(start))
                        .and(col("__date").lt_eq(lit(end))),
                );
            }
            let frame = lf.collect().map_err(err(&source.dataset))?;
            for unit in strings(&frame, &source.unit).map_err(err(&source.dataset))? {
                match unit.as_ref().and_then(|u| index.get(u)) {
                    Some(&i) => units[i].rows[d] += 1,
                    None => no_unit[d] += 1,
                }
            }
        }
        Ok(Some(ReportingStatus {
            units_dataset: reporting.units.clone(),
            period: period.map(|p| p.label.clone()),
            datasets: reporting
                .datasets
                .iter()
                .map(|d| d.dataset.clone())
                .collect(),
            units,
            no_unit,
        }))
    }
}

fn strings(frame: &DataFrame, column: &str) -> PolarsResult<Vec<Option<String>>> {
    Ok(frame
        .column(column)?
        .cast(&DataType::String)?
        .str()?
        .iter()
        .map(|v| v.map(str::to_owned).filter(|v| !v.trim().is_empty()))
        .collect())
}
