//! How one number was made: the rows behind an indicator's value, the rows
//! left out and why, and the figures the arithmetic combines. A number a
//! reader cannot trace back to rows is not trusted.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::compute::{Engine, Prepared, Side, Window, evaluate, window_rows};
use crate::error::{Error, Result};
use crate::indicator::{Measure, Selection};
use crate::ingest::ROW_COLUMN;
use crate::period::{Period, from_epoch_days, to_epoch_days};
use crate::table::IndicatorValue;

/// Why a row of the dataset does not count in the cumulative value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// The filter does not select it.
    Filter,
    /// Dated after the period's end.
    AfterEnd,
    /// Its date is empty.
    NoDate,
}

/// A row that counts, with what it brings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TracedRow {
    /// Row number in the sheet.
    pub row: u32,
    /// The row's key, when its dataset has one.
    pub key: Option<String>,
    /// The date that places it in time (none for undated rows).
    pub date: Option<NaiveDate>,
    /// Whether it also falls in the period (else only in the cumulative value).
    pub in_period: bool,
    /// The value it brings (the column summed, counted or averaged), as text.
    pub value: Option<String>,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExcludedRow {
    /// Row number in the sheet.
    pub row: u32,
    /// The row's key, when its dataset has one.
    pub key: Option<String>,
    /// Why.
    pub reason: Exclusion,
}

/// One part of a measure: its rows, the rows left out, its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// `rows`, `numerator`, `denominator` or `groups`.
    pub role: String,
    /// The dataset.
    pub dataset: String,
    /// The file its rows come from.
    pub file: String,
    /// The sheet.
    pub sheet: String,
    /// The filter, as written.
    pub filter: Option<String>,
    /// A further condition (a share's numerator).
    pub condition: Option<String>,
    /// The date column.
    pub date: Option<String>,
    /// What is aggregated (`count`, `distinct region`, `sum amount`, …).
    pub aggregate: String,
    /// The part's figure over the period.
    pub period_figure: Option<f64>,
    /// The part's figure over everything up to the period's end.
    pub cumulative_figure: Option<f64>,
    /// For a distinct count: the distinct values counted (cumulative).
    pub distinct_values: Option<Vec<String>>,
    /// The rows that count in the cumulative value.
    pub rows: Vec<TracedRow>,
    /// The dataset's rows left out.
    pub excluded: Vec<ExcludedRow>,
}

/// The explanation of one indicator for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The computed values, as in the table.
    pub indicator: IndicatorValue,
    /// The plain-language definition, per language.
    pub definition: crate::text::Localized,
    /// The measure's type.
    pub measure: String,
    /// Multiplier of a share or ratio.
    pub scale: Option<f64>,
    /// The parts the measure combines.
    pub parts: Vec<Part>,
}

/// What a part is made of: role, prepared rows, selection, condition, aggregate.
type PartSpec<'p> = (&'p str, &'p Side, Selection, Option<String>, String);

impl Engine<'_> {
    /// Explains indicator `code` for `period`.
    pub fn explain(&self, code: &str, period: &Period) -> Result<Explanation> {
        let programme = self.programme();
        let def = programme.indicator(code)?;
        let indicator = self.compute_indicator(def, period)?;
        let err = |e: PolarsError| Error::Compute {
            indicator: def.code.clone(),
            message: e.to_string(),
        };
        let prepared = self.prepare(def)?;
        let (scale, sides): (Option<f64>, Vec<PartSpec>) = match (&def.measure, prepared.as_ref()) {
            (
                Measure::Share {
                    rows,
                    condition,
                    known,
                    scale,
                },
                Prepared::Ratio {
                    numerator,
                    denominator,
                    ..
                },
            ) => (
                Some(*scale),
                vec![
                    (
                        "numerator",
                        numerator,
                        rows.clone(),
                        Some(condition.clone()),
                        format!("count where {condition}"),
                    ),
                    (
                        "denominator",
                        denominator,
                        rows.clone(),
                        None,
                        known
                            .as_ref()
                            .map_or("count".to_owned(), |k| format!("count where {k} is known")),
                    ),
                ],
            ),
            (
                Measure::Ratio {
                    numerator,
                    denominator,
                    scale,
                },
                Prepared::Ratio {
                    numerator: n,
                    denominator: d,
                    ..
                },
            ) => {
                let what = |a: &crate::indicator::Aggregate| {
                    format!(
                        "{:?}{}",
                        a.aggregate,
                        a.column
                            .as_ref()
                            .map(|c| format!(" {c}"))
                            .unwrap_or_default()
                    )
                    .to_lowercase()
                };
                (
                    Some(*scale),
                    vec![
                        (
                            "numerator",
                            n,
                            numerator.rows.clone(),
                            None,
                            what(numerator),
                        ),
                        (
                            "denominator",
                            d,
                            denominator.rows.clone(),
                            None,
                            what(denominator),
                        ),
                    ],
                )
            }
            (m, Prepared::Single(side)) => {
                let what = match m {
                    Measure::Count { .. } => "count".to_owned(),
                    Measure::Distinct { column, .. } => format!("distinct {column}"),
                    Measure::Sum { column, .. } => format!("sum {column}"),
                    Measure::Mean { column, .. } => format!("mean {column}"),
                    Measure::Latest { column, .. } => format!("latest {column}"),
                    Measure::MeanPerGroup { members, .. } => format!(
                        "mean over groups of {:?}{} of {} per group",
                        members.aggregate,
                        members
                            .column
                            .as_ref()
                            .map(|c| format!(" {c}"))
                            .unwrap_or_default(),
                        members.dataset
                    )
                    .to_lowercase(),
                    _ => m.type_name().to_owned(),
                };
                let role = if matches!(m, Measure::MeanPerGroup { .. }) {
                    "groups"
                } else {
                    "rows"
                };
                (None, vec![(role, side, m.rows().clone(), None, what)])
            }
            _ => {
                return Err(Error::Compute {
                    indicator: def.code.clone(),
                    message: "unexpected measure".into(),
                });
            }
        };
        let mut parts = Vec::new();
        for (role, side, sel, condition, aggregate) in sides {
            parts.push(
                self.part(role, side, &sel, condition, aggregate, period)
                    .map_err(err)?,
            );
        }
        Ok(Explanation {
            indicator,
            definition: def.definition.clone(),
            measure: def.measure.type_name().to_owned(),
            scale,
            parts,
        })
    }

    fn part(
        &self,
        role: &str,
        side: &Side,
        sel: &Selection,
        condition: Option<String>,
        aggregate: String,
        period: &Period,
    ) -> PolarsResult<Part> {
        let data = self.data();
        let ds = data
            .dataset(&sel.dataset)
            .ok_or_else(|| polars_err!(ComputeError: "no dataset {}", sel.dataset))?;
        let key_col = self
            .programme()
            .dataset(&sel.dataset)
            .and_then(|d| d.key.clone());
        let keys: HashMap<u32, String> = match &key_col {
            Some(k) => {
                let rows = ds.frame.column(ROW_COLUMN)?.u32()?.clone();
                let vals = ds.frame.column(k)?.cast(&DataType::String)?.str()?.clone();
                rows.iter()
                    .zip(vals.iter())
                    .filter_map(|(r, v)| Some((r?, v?.to_owned())))
                    .collect()
            }
            None => HashMap::new(),
        };
        let cumulative = Window {
            start: None,
            end: period.end,
        };
        let in_period = Window {
            start: Some(period.start),
            end: period.end,
        };
        let figure = |w| {
            evaluate(&Prepared::Single(side.clone()), w, None)
                .map(|v| v.first().and_then(|(_, x)| *x))
        };
        let window = window_rows(side, cumulative).collect()?;
        let rows_col = window.column(ROW_COLUMN)?.u32()?.clone();
        let dates: Vec<Option<i32>> = if side.dated {
            window.column("__date")?.i32()?.iter().collect()
        } else {
            vec![None; window.height()]
        };
        let values: Vec<Option<String>> = match window.column("__value") {
            Ok(c) => c
                .cast(&DataType::String)?
                .str()?
                .iter()
                .map(|v| v.map(str::to_owned))
                .collect(),
            Err(_) => vec![None; window.height()],
        };
        let start = to_epoch_days(period.start);
        // A share's numerator and denominator count rows worth 1: rows worth 0 did not count.
        let counts_only_ones =
            condition.is_some() || (role == "denominator" && aggregate.starts_with("count where"));
        let mut rows = Vec::new();
        for (i, r) in rows_col.iter().enumerate() {
            let Some(r) = r else { continue };
            if counts_only_ones
                && values[i].as_deref().and_then(|v| v.parse::<f64>().ok()) == Some(0.0)
            {
                continue;
            }
            rows.push(TracedRow {
                row: r,
                key: keys.get(&r).cloned(),
                date: dates[i].and_then(from_epoch_days),
                in_period: !side.dated || dates[i].is_some_and(|d| d >= start),
                value: if counts_only_ones {
                    None
                } else {
                    values[i].clone()
                },
            });
        }
        let counted: BTreeSet<u32> = rows.iter().map(|r| r.row).collect();
        let selected: HashMap<u32, Option<i32>> = {
            let r = side.frame.column(ROW_COLUMN)?.u32()?.clone();
            let d: Vec<Option<i32>> = if side.dated {
                side.frame.column("__date")?.i32()?.iter().collect()
            } else {
                vec![None; r.len()]
            };
            r.iter().zip(d).filter_map(|(r, d)| Some((r?, d))).collect()
        };
        let end = to_epoch_days(period.end);
        let mut excluded = Vec::new();
        for r in ds.frame.column(ROW_COLUMN)?.u32()?.iter().flatten() {
            if counted.contains(&r) {
                continue;
            }
            let reason = match selected.get(&r) {
                None => Exclusion::Filter,
                Some(None) if side.dated => Exclusion::NoDate,
                Some(Some(d)) if *d > end => Exclusion::AfterEnd,
                // Selected and in the window, but worth 0 in a share: the condition failed.
                _ => Exclusion::Filter,
            };
            excluded.push(ExcludedRow {
                row: r,
                key: keys.get(&r).cloned(),
                reason,
            });
        }
        let distinct_values = aggregate.starts_with("distinct").then(|| {
            let mut v: Vec<String> = rows.iter().filter_map(|r| r.value.clone()).collect();
            v.sort();
            v.dedup();
            v
        });
        Ok(Part {
            role: role.to_owned(),
            dataset: sel.dataset.clone(),
            file: ds.file.display().to_string(),
            sheet: ds.sheet.clone(),
            filter: sel.filter.clone(),
            condition,
            date: sel.date.clone(),
            aggregate,
            period_figure: figure(in_period)?,
            cumulative_figure: figure(cumulative)?,
            distinct_values,
            rows,
            excluded,
        })
    }
}
