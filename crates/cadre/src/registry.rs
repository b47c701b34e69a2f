//! How many rows of a registry each category has: the "out of N" of a
//! breakdown. When an indicator counts the distinct rows of a registry it
//! references (the authorities that submitted a self-diagnosis) and breaks
//! them down by a column of that registry (their country), each category is
//! best read against how many registry rows it has (4 of the country's 5
//! authorities), not against the largest category.

use std::collections::HashMap;

use polars::prelude::*;

use crate::compute::Engine;
use crate::error::Result;
use crate::indicator::Measure;
use crate::measure::Distinct;

impl Engine<'_> {
    /// For indicator `code` broken down by dimension `by`: when it counts
    /// the distinct values of a column that references a dataset, and the
    /// breakdown reads a column of that dataset through the same reference,
    /// the number of the referenced dataset's rows in each category. `None`
    /// for any other indicator or breakdown.
    pub fn registry_totals(&self, code: &str, by: &str) -> Result<Option<HashMap<String, u64>>> {
        let programme = self.programme();
        let def = programme.indicator(code)?;
        let Measure::Distinct(Distinct { rows, column, .. }) = &def.measure else {
            return Ok(None);
        };
        let Some(breakdown) = def.breakdowns.iter().find(|b| b.by == by) else {
            return Ok(None);
        };
        let Some((reference, target_column)) = breakdown.column().split_once('.') else {
            return Ok(None);
        };
        if reference != column {
            return Ok(None);
        }
        let Some(registry) = programme
            .dataset(&rows.dataset)
            .and_then(|d| d.column(column))
            .and_then(|c| c.references.as_deref())
        else {
            return Ok(None);
        };
        let Some(frame) = self.data().dataset(registry).map(|d| &d.frame) else {
            return Ok(None);
        };
        let err = Engine::compute_error(def);
        // Rows with no value fall in the dimension's empty category, as the
        // breakdown writes it.
        let empty = programme
            .dimension(by)
            .map(|d| d.empty.get(programme.default_language()).to_owned())
            .unwrap_or_default();
        let values = frame
            .column(target_column)
            .and_then(|c| c.cast(&DataType::String))
            .map_err(err)?;
        let mut totals: HashMap<String, u64> = HashMap::new();
        for v in values.str().map_err(err)?.iter() {
            let key = v.filter(|v| !v.trim().is_empty()).unwrap_or(&empty);
            *totals.entry(key.to_owned()).or_default() += 1;
        }
        Ok(Some(totals))
    }
}
