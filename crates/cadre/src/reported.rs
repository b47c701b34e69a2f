//! The table a report printed, as it travels with the report: attached to
//! the PDF (`indicator-table.json`) so that an evaluator handed only the PDF
//! and the workbook can recompute it (`cadre check --table report.pdf`), and
//! so that the next report can list what has been restated since
//! ([`crate::restate`]).
//!
//! It holds the [`IndicatorTable`] itself, what it was computed from (the
//! programme's definitions hash, each input file's SHA-256) and, for every
//! indicator, how many rows of each dataset it counted in the period and up
//! to its end: what a later recomputation is compared with to say why a
//! value changed. Its JSON is deterministic: the same inputs give the same
//! bytes.

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::compute::{Engine, category_column, window_rows};
use crate::error::{Error, Result};
use crate::filter;
use crate::period::Period;
use crate::table::{IndicatorTable, TablePeriod};

/// The value of [`ReportedTable::format`]: what the file is, for a reader
/// that finds it attached to a PDF.
pub const FORMAT: &str = "cadre-indicator-table";

/// The version of this layout, raised when a field changes meaning.
pub const FORMAT_VERSION: u32 = 1;

/// The name of the file attached to a report's PDF.
pub const ATTACHMENT_NAME: &str = "indicator-table.json";

/// The indicator table a report printed, with what it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportedTable {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`] when written.
    pub version: u32,
    /// The version of cadre that computed it.
    pub cadre_version: String,
    /// The programme's code.
    pub programme: String,
    /// The period.
    pub period: TablePeriod,
    /// The fingerprint of the programme's definitions
    /// ([`crate::Programme::definitions_hash`]).
    pub definitions_hash: String,
    /// The data files read.
    pub inputs: Vec<ReportedInput>,
    /// The table.
    pub table: IndicatorTable,
    /// Per indicator, the rows counted.
    pub rows_counted: Vec<IndicatorRows>,
}

/// A data file a reported table was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedInput {
    /// Its path, as given then.
    pub path: String,
    /// SHA-256 of its bytes, hexadecimal.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The rows behind one indicator's values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRows {
    /// The indicator's code.
    pub indicator: String,
    /// One entry per selection the measure reads (two for a ratio of two
    /// datasets), in the definition's order.
    pub selections: Vec<SelectionRows>,
}

/// The rows of one selection (a dataset, filtered) counted over the
/// period's two windows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectionRows {
    /// The dataset read.
    pub dataset: String,
    /// Rows dated in the period (every row for an undated selection).
    pub period: u64,
    /// Rows dated on or before the period's end.
    pub cumulative: u64,
    /// The same per category of each breakdown.
    pub categories: Vec<CategoryRows>,
}

/// Rows of one category of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRows {
    /// The dimension.
    pub breakdown: String,
    /// The category.
    pub category: String,
    /// Rows dated in the period.
    pub period: u64,
    /// Rows dated on or before the period's end.
    pub cumulative: u64,
}

impl SelectionRows {
    /// The counts of a total (empty `breakdown`) or of one category.
    pub fn of(&self, breakdown: &str, category: &str) -> Option<(u64, u64)> {
        if breakdown.is_empty() {
            return Some((self.period, self.cumulative));
        }
        self.categories
            .iter()
            .find(|c| c.breakdown == breakdown && c.category == category)
            .map(|c| (c.period, c.cumulative))
    }
}

impl ReportedTable {
    /// The reported form of `table`, computed by `engine` (whose programme
    /// and data it describes).
    pub fn new(engine: &Engine, table: &IndicatorTable) -> Result<ReportedTable> {
        let programme = engine.programme();
        let period = Period {
            label: table.period.label.clone(),
            start: table.period.start,
            end: table.period.end,
        };
        let inputs = engine
            .data()
            .input_files()?
            .into_iter()
            .map(|f| ReportedInput {
                path: f.path,
                sha256: f.sha256,
                bytes: f.bytes,
            })
            .collect();
        let rows_counted = table
            .indicators
            .iter()
            .map(|i| rows_counted(engine, &i.code, &period))
            .collect::<Result<_>>()?;
        Ok(ReportedTable {
            format: FORMAT.to_owned(),
            version: FORMAT_VERSION,
            cadre_version: env!("CARGO_PKG_VERSION").to_owned(),
            programme: programme.info.code.clone(),
            period: table.period.clone(),
            definitions_hash: programme.definitions_hash(),
            inputs,
            table: table.clone(),
            rows_counted,
        })
    }

    /// The JSON attached to a report: compact, fields in order.
    pub fn to_json(&self) -> Vec<u8> {
        // Serialising plain structs of strings and numbers cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// The period, as the engine takes it.
    pub fn period(&self) -> Period {
        Period {
            label: self.period.label.clone(),
            start: self.period.start,
            end: self.period.end,
        }
    }

    /// The rows counted for one indicator.
    pub fn rows_of(&self, indicator: &str) -> Option<&IndicatorRows> {
        self.rows_counted.iter().find(|r| r.indicator == indicator)
    }
}

/// Rows counted for indicator `code` over `period` and up to its end, per
/// selection and per category.
pub fn rows_counted(engine: &Engine, code: &str, period: &Period) -> Result<IndicatorRows> {
    let position = engine.position(code)?;
    let ind = &engine.programme().indicators[position];
    let err = |e: PolarsError| Error::Compute {
        indicator: ind.code.clone(),
        message: filter::clean_polars_message(&e.to_string()),
        defined_at: ind.defined_at.clone(),
    };
    let prepared = engine.prepare(position)?;
    let sides = match &*prepared {
        crate::compute::Prepared::Single(s) => vec![s],
        crate::compute::Prepared::Ratio { .. } => {
            let (n, d) = prepared.sides();
            vec![n, d]
        }
        // A composite reads no rows: its parts' rows are counted under theirs.
        crate::compute::Prepared::Composite(_) => Vec::new(),
    };
    let (in_period, cumulative) = ind.window.bounds(period);
    let count = |lf: LazyFrame| -> PolarsResult<u64> { Ok(lf.collect()?.height() as u64) };
    let by_category = |lf: LazyFrame, column: &str| -> PolarsResult<Vec<(String, u64)>> {
        let out = lf
            .group_by([col(column)])
            .agg([len().cast(DataType::UInt64).alias("__n")])
            .collect()?;
        let cats = out.column(column)?.str()?.clone();
        let counts = out.column("__n")?.u64()?.clone();
        Ok(cats
            .iter()
            .zip(counts.iter())
            .filter_map(|(c, n)| Some((c?.to_owned(), n.unwrap_or(0))))
            .collect())
    };
    // A share reads one selection through two sides: the zip keeps one.
    let mut selections = Vec::new();
    for (side, sel) in sides.into_iter().zip(ind.measure.selections()) {
        let mut categories = Vec::new();
        for b in &ind.breakdowns {
            let column = category_column(&b.by);
            if side.frame.column(&column).is_err() {
                continue;
            }
            let cum = by_category(window_rows(side, cumulative), &column).map_err(err)?;
            let per = by_category(window_rows(side, in_period), &column).map_err(err)?;
            let mut rows: Vec<CategoryRows> = cum
                .into_iter()
                .map(|(category, cumulative)| CategoryRows {
                    breakdown: b.by.clone(),
                    period: per
                        .iter()
                        .find(|(c, _)| *c == category)
                        .map_or(0, |(_, n)| *n),
                    category,
                    cumulative,
                })
                .collect();
            rows.sort_by(|a, b| a.category.cmp(&b.category));
            categories.extend(rows);
        }
        selections.push(SelectionRows {
            dataset: sel.dataset.clone(),
            period: count(window_rows(side, in_period)).map_err(err)?,
            cumulative: count(window_rows(side, cumulative)).map_err(err)?,
            categories,
        });
    }
    Ok(IndicatorRows {
        indicator: ind.code.clone(),
        selections,
    })
}
