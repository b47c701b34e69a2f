//! How one number was made: the rows behind an indicator's value, the rows
//! left out and why, and the figures the arithmetic combines. A number a
//! reader cannot trace back to rows is not trusted.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::compute::{Engine, Prepared, Side, Window, evaluate, window_rows};
use crate::error::{Error, Result};
use crate::indicator::{AggregateKind, MeasureType, Selection};
use crate::ingest::{PART_COLUMN, ROW_COLUMN};
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
    /// The indicator's window leaves it out: before the period (window
    /// `period`), not valid on the period's last day, not its unit's latest
    /// row, not of the latest round, or a value not new in the period.
    Window,
}

/// A row that counts, with what it brings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TracedRow {
    /// The file it is in (see [`crate::ingest::InputFile::path`]).
    pub file: String,
    /// The sheet.
    pub sheet: String,
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
    /// The file it is in.
    pub file: String,
    /// The sheet.
    pub sheet: String,
    /// Row number in the sheet.
    pub row: u32,
    /// The row's key, when its dataset has one.
    pub key: Option<String>,
    /// Why.
    pub reason: Exclusion,
}

/// What a part of a measure plays in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The rows of a single aggregate (count, sum, mean, …).
    Rows,
    /// The numerator of a share or ratio.
    Numerator,
    /// The denominator of a share or ratio.
    Denominator,
    /// The groups of a mean per group.
    Groups,
}

/// What a part computes over its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Aggregation {
    /// Number of rows.
    Count,
    /// Number of rows meeting a condition (a share's numerator).
    CountWhere {
        /// The condition, as written.
        condition: String,
    },
    /// Number of rows whose column is known (a share's denominator); every
    /// row when there is no such column.
    CountKnown {
        /// The column that must be known.
        column: Option<String>,
    },
    /// Number of distinct non-empty values of a column.
    Distinct {
        /// The column.
        column: String,
    },
    /// Sum of a column.
    Sum {
        /// The column.
        column: String,
    },
    /// Mean of a column.
    Mean {
        /// The column.
        column: String,
    },
    /// The value of the latest dated row.
    Latest {
        /// The column.
        column: String,
    },
    /// Sum over the rows of a column times their weight (a weighted
    /// mean's numerator).
    WeightedSum {
        /// The column.
        column: String,
        /// The weight column.
        weight: String,
    },
    /// Sum of the weights of the rows meeting a condition (a weighted
    /// share's numerator).
    WeightWhere {
        /// The condition, as written.
        condition: String,
        /// The weight column.
        weight: String,
    },
    /// Sum of the weights of the rows whose column is known (a weighted
    /// mean's or share's denominator); of every row when there is no such
    /// column.
    WeightKnown {
        /// The column that must be known.
        column: Option<String>,
        /// The weight column.
        weight: String,
    },
    /// The stage of the latest dated row, as its rank; or, per unit, the
    /// units whose latest stage reaches a target stage.
    Stage {
        /// The stage column.
        column: String,
        /// The unit column, per unit.
        per: Option<String>,
        /// The target stage.
        target_stage: String,
    },
    /// Mean over the groups of a per-group aggregate of their members.
    MeanPerGroup {
        /// What is computed per group.
        aggregate: AggregateKind,
        /// The members' column aggregated.
        column: Option<String>,
        /// The members' dataset.
        members: String,
    },
}

impl Aggregation {
    /// Whether rows worth 0 did not count: a share's rows not meeting its
    /// condition or unknown, whose weight was not added.
    fn skips_zeros(&self) -> bool {
        self.counts_ones()
            || matches!(
                self,
                Aggregation::WeightWhere { .. } | Aggregation::WeightKnown { .. }
            )
    }

    /// Whether the part counts rows worth 1 (rows worth 0 did not count).
    fn counts_ones(&self) -> bool {
        match self {
            Aggregation::CountWhere { .. } | Aggregation::CountKnown { .. } => true,
            Aggregation::Count
            | Aggregation::WeightedSum { .. }
            | Aggregation::WeightWhere { .. }
            | Aggregation::WeightKnown { .. }
            | Aggregation::Distinct { .. }
            | Aggregation::Sum { .. }
            | Aggregation::Mean { .. }
            | Aggregation::Latest { .. }
            | Aggregation::Stage { .. }
            | Aggregation::MeanPerGroup { .. } => false,
        }
    }
}

/// A sheet of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetRef {
    /// The file (see [`crate::ingest::InputFile::path`]).
    pub file: String,
    /// The sheet.
    pub sheet: String,
}

/// One part of a measure: its rows, the rows left out, its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// What the part plays in the measure.
    pub role: Role,
    /// The dataset.
    pub dataset: String,
    /// The sheets its rows come from (one per file that holds the dataset).
    pub sheets: Vec<SheetRef>,
    /// The filter, as written.
    pub filter: Option<String>,
    /// A further condition (a share's numerator).
    pub condition: Option<String>,
    /// The date column.
    pub date: Option<String>,
    /// What is computed over the rows.
    pub aggregate: Aggregation,
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

impl Explanation {
    /// The part playing `role`, if the measure has one.
    pub fn part(&self, role: Role) -> Option<&Part> {
        self.parts.iter().find(|p| p.role == role)
    }
}

/// The explanation of one indicator for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The computed values, as in the table.
    pub indicator: IndicatorValue,
    /// The plain-language definition, per language.
    pub definition: crate::text::Localized,
    /// The measure's type.
    pub measure: MeasureType,
    /// Multiplier of a share or ratio.
    pub scale: Option<f64>,
    /// The parts the measure combines.
    pub parts: Vec<Part>,
    /// The breakdowns (their dimensions) that split the numerator only:
    /// each of their categories is its numerator over the whole denominator,
    /// both in the indicator's categories (`period_parts`, `cumulative_parts`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub numerator_only: Vec<String>,
    /// When the values are ranks on a scale of stages (one stage overall):
    /// each stage's label by rank, the first first
    /// ([`crate::measure::Stage::rank_labels`]); empty otherwise, and then
    /// left out of the json.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rank_labels: Vec<crate::text::Localized>,
    /// A composite's formula and the values of the indicators it names (a
    /// composite reads no rows: `parts` is empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub composition: Option<crate::measure::Composition>,
    /// The date the baseline was measured, when the definitions give it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_date: Option<NaiveDate>,
    /// Whether achievement is measured from the baseline, (value −
    /// baseline) / (target − baseline), rather than of the target.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_baseline: bool,
}

/// What a part is made of: its role, prepared rows, selection, condition
/// and aggregation. Each measure says what its parts are
/// (`MeasureImpl::explain_parts`).
pub(crate) struct PartSpec<'p> {
    pub role: Role,
    pub side: &'p Side,
    pub selection: Selection,
    pub condition: Option<String>,
    pub aggregate: Aggregation,
}

impl<'p> PartSpec<'p> {
    /// The one part of a single aggregate over `selection`.
    pub(crate) fn rows(
        prepared: &'p Prepared,
        selection: &Selection,
        role: Role,
        aggregate: Aggregation,
    ) -> PartSpec<'p> {
        PartSpec {
            role,
            side: prepared.single(),
            selection: selection.clone(),
            condition: None,
            aggregate,
        }
    }
}

/// Where each row of a dataset sits, by its sheet (part) and row number,
/// with the dataset's key of each row.
struct Places<'d> {
    dataset: &'d crate::ingest::Dataset,
    keys: HashMap<(u32, u32), String>,
}

/// Where a row sits: its sheet (part) and row number.
type Place = (u32, u32);

/// Rows are told apart by their sheet (part) and row number.
fn places(frame: &DataFrame) -> PolarsResult<Vec<Option<(u32, u32)>>> {
    let parts = frame.column(PART_COLUMN)?.u32()?.clone();
    let rows = frame.column(ROW_COLUMN)?.u32()?.clone();
    Ok(parts
        .iter()
        .zip(rows.iter())
        .map(|(p, r)| Some((p?, r?)))
        .collect())
}

impl Places<'_> {
    /// The file and sheet of a part.
    fn sheet_of(&self, part: u32) -> (String, String) {
        self.dataset
            .part(part)
            .map(|p| (p.file.clone(), p.sheet.clone()))
            .unwrap_or_default()
    }

    /// The key of the row at a place, when its dataset has one.
    fn key(&self, at: (u32, u32)) -> Option<String> {
        self.keys.get(&at).cloned()
    }
}

impl Engine<'_> {
    /// Explains indicator `code` for `period`.
    pub fn explain(&self, code: &str, period: &Period) -> Result<Explanation> {
        let position = self.position(code)?;
        let def = &self.programme().indicators[position];
        let indicator = self.compute_indicator(&def.code, period)?;
        let err = |e: PolarsError| Error::Compute {
            indicator: def.code.clone(),
            message: e.to_string(),
            defined_at: def.defined_at.clone(),
        };
        let prepared = self.prepare(position)?;
        let (scale, specs) = def.measure.imp().explain_parts(&prepared);
        let parts = specs
            .into_iter()
            .map(|spec| self.part(spec, period).map_err(err))
            .collect::<Result<Vec<_>>>()?;
        let composition = match &def.measure {
            crate::measure::Measure::Formula(f) => Some(f.explain(self, period)?),
            _ => None,
        };
        Ok(Explanation {
            indicator,
            definition: def.definition.clone(),
            measure: def.measure.measure_type(),
            scale,
            parts,
            numerator_only: def
                .breakdowns
                .iter()
                .filter(|b| !b.split.is_both())
                .map(|b| b.by.clone())
                .collect(),
            rank_labels: match &def.measure {
                crate::indicator::Measure::Stage(s) => s.rank_labels(self.programme()),
                _ => Vec::new(),
            },
            composition,
            baseline_date: def.baseline_date,
            from_baseline: def.achievement_rule() == crate::baseline::AchievementRule::FromBaseline,
        })
    }

    /// The places and keys of a dataset's rows.
    fn places<'d>(
        &self,
        dataset: &'d crate::ingest::Dataset,
        name: &str,
    ) -> PolarsResult<Places<'d>> {
        let key_col = self.programme().dataset(name).and_then(|d| d.key.clone());
        let keys = match &key_col {
            Some(k) => {
                let at = places(&dataset.frame)?;
                let vals = dataset
                    .frame
                    .column(k)?
                    .cast(&DataType::String)?
                    .str()?
                    .clone();
                at.into_iter()
                    .zip(vals.iter())
                    .filter_map(|(at, v)| Some((at?, v?.to_owned())))
                    .collect()
            }
            None => HashMap::new(),
        };
        Ok(Places { dataset, keys })
    }

    fn part(&self, spec: PartSpec, period: &Period) -> PolarsResult<Part> {
        let PartSpec {
            role,
            side,
            selection: ref sel,
            condition,
            aggregate,
        } = spec;
        let ds = self
            .data()
            .dataset(&sel.dataset)
            .ok_or_else(|| polars_err!(ComputeError: "no dataset {}", sel.dataset))?;
        let places = self.places(ds, &sel.dataset)?;
        let (in_period, cumulative) = side.window.bounds(period);
        let figure = |w| {
            evaluate(&Prepared::Single(side.clone()), w, None)
                .map(|v| v.first().and_then(|(_, f)| f.value))
        };
        // A share's numerator and denominator count rows worth 1: rows worth 0 did not count.
        let (rows, counted) = counted_rows(side, &places, period, &aggregate)?;
        let in_window = places_in(side, cumulative)?;
        let excluded = excluded_rows(side, &places, &counted, &in_window, period)?;
        let distinct_values = matches!(aggregate, Aggregation::Distinct { .. }).then(|| {
            let mut v: Vec<String> = rows.iter().filter_map(|r| r.value.clone()).collect();
            v.sort();
            v.dedup();
            v
        });
        Ok(Part {
            role,
            dataset: sel.dataset.clone(),
            sheets: ds
                .parts
                .iter()
                .map(|p| SheetRef {
                    file: p.file.clone(),
                    sheet: p.sheet.clone(),
                })
                .collect(),
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

/// The rows of a part that count in the cumulative value, in the order of
/// its prepared rows, and their places; rows worth 0 are left out when the
/// aggregation skips them (a share's), and values of 1 are not shown.
fn counted_rows(
    side: &Side,
    places_of: &Places,
    period: &Period,
    aggregate: &Aggregation,
) -> PolarsResult<(Vec<TracedRow>, BTreeSet<Place>)> {
    let (skips_zeros, counts_only_ones) = (aggregate.skips_zeros(), aggregate.counts_ones());
    let (in_period, cumulative) = side.window.bounds(period);
    let window = window_rows(side, cumulative).collect()?;
    let of_period = places_in(side, in_period)?;
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
    let mut rows = Vec::new();
    let mut counted = BTreeSet::new();
    for (i, at) in places(&window)?.iter().enumerate() {
        let Some((part, r)) = *at else { continue };
        if skips_zeros && values[i].as_deref().and_then(|v| v.parse::<f64>().ok()) == Some(0.0) {
            continue;
        }
        counted.insert((part, r));
        let (file, sheet) = places_of.sheet_of(part);
        rows.push(TracedRow {
            file,
            sheet,
            row: r,
            key: places_of.key((part, r)),
            date: dates[i].and_then(from_epoch_days),
            in_period: of_period.contains(&(part, r)),
            value: if counts_only_ones {
                None
            } else {
                values[i].clone()
            },
        });
    }
    Ok((rows, counted))
}

/// The places of a side's rows the indicator's window keeps within `w`.
fn places_in(side: &Side, w: Window) -> PolarsResult<BTreeSet<Place>> {
    let rows = window_rows(side, w).collect()?;
    Ok(places(&rows)?.into_iter().flatten().collect())
}

/// The dataset's rows that do not count (not among `counted`), each with
/// why; `in_window` are the rows the window kept for the cumulative value.
fn excluded_rows(
    side: &Side,
    places_of: &Places,
    counted: &BTreeSet<(u32, u32)>,
    in_window: &BTreeSet<Place>,
    period: &Period,
) -> PolarsResult<Vec<ExcludedRow>> {
    let selected: HashMap<(u32, u32), Option<i32>> = {
        let at = places(&side.frame)?;
        let d: Vec<Option<i32>> = if side.dated {
            side.frame.column("__date")?.i32()?.iter().collect()
        } else {
            vec![None; at.len()]
        };
        at.into_iter()
            .zip(d)
            .filter_map(|(at, d)| Some((at?, d)))
            .collect()
    };
    let end = to_epoch_days(period.end);
    let mut excluded = Vec::new();
    for (part, r) in places(&places_of.dataset.frame)?.into_iter().flatten() {
        if counted.contains(&(part, r)) {
            continue;
        }
        let reason = match selected.get(&(part, r)) {
            None => Exclusion::Filter,
            Some(None) if side.dated => Exclusion::NoDate,
            Some(Some(d)) if *d > end => Exclusion::AfterEnd,
            // Selected and in the window, but worth 0 in a share: the condition failed.
            _ if in_window.contains(&(part, r)) => Exclusion::Filter,
            _ => Exclusion::Window,
        };
        let (file, sheet) = places_of.sheet_of(part);
        excluded.push(ExcludedRow {
            file,
            sheet,
            row: r,
            key: places_of.key((part, r)),
            reason,
        });
    }
    Ok(excluded)
}
