//! The activities of a period: the rows the programme declares as a
//! result's activities (`[[report.activities]]`: the events of an action,
//! the items published), those dated in the period, each with its title,
//! place and how many rows of another dataset name it (the attendances
//! of an event). The library knows no event type: the definitions say which
//! rows are activities. When the source names a `status` column, only the
//! rows held are the period's activities; the others make the workplan
//! ([`crate::workplan`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::compute::Engine;
use crate::error::{Error, Result};
use crate::indicator::Selection;
use crate::ingest::{Dataset, PART_COLUMN, ROW_COLUMN};
use crate::period::{Period, from_epoch_days, to_epoch_days};
use crate::programme::{ActivitySource, ActivityStatus, StatusColumn};
use crate::text::Localized;

/// One activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    /// Its date.
    pub date: NaiveDate,
    /// Its title.
    pub title: String,
    /// Its key in its dataset (`VISIO-06`), when the dataset has one.
    pub key: Option<String>,
    /// Its place, when the source names one and the row has it.
    pub place: Option<String>,
    /// The rows that name it (its attendances), when the source counts.
    pub count: Option<u64>,
    /// The file it is in, to trace it.
    pub file: String,
    /// Its sheet.
    pub sheet: String,
    /// Its row in the sheet.
    pub row: u32,
    /// Where it stands in the workplan: held when the source has no
    /// status column or the cell is empty.
    pub status: ActivityStatus,
    /// The date it was first planned, when the source names a
    /// `planned_date` column and the row has it.
    pub planned: Option<NaiveDate>,
}

/// The activities of one source in a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activities {
    /// The result whose section lists them.
    pub result: String,
    /// The dataset they are rows of.
    pub dataset: String,
    /// What they are (`Workshops`), per language.
    pub label: Localized,
    /// What is counted for each (`attendances`), when anything is.
    pub count_label: Option<Localized>,
    /// The activities dated in the period, by date, then file and row.
    pub activities: Vec<Activity>,
    /// How reports print the places, per language: the place column's
    /// `value_labels` (empty when it has none: print the place).
    pub place_labels: std::collections::BTreeMap<String, crate::text::Localized>,
}

const TITLE: &str = "__title";
const PLACE: &str = "__place";
const KEY: &str = "__key";
const STATUS: &str = "__status";
const PLANNED: &str = "__planned";

impl Engine<'_> {
    /// The activities of every `[[report.activities]]` source held and
    /// dated in `period`, in the order the definitions declare them.
    pub fn activities(&self, period: &Period) -> Result<Vec<Activities>> {
        self.programme()
            .report
            .activities
            .iter()
            .map(|source| self.source_activities(source, period))
            .collect()
    }

    fn source_activities(&self, source: &ActivitySource, period: &Period) -> Result<Activities> {
        let mut activities = self.source_rows(source, Some(period))?;
        activities.retain(|a| a.status == ActivityStatus::Held);
        Ok(Activities {
            result: source.result.clone(),
            dataset: source.dataset.clone(),
            label: source.label.clone(),
            count_label: source.count.as_ref().map(|c| c.label.clone()),
            activities,
            place_labels: self.place_labels(source),
        })
    }

    /// How reports print a source's places: its place column's labels.
    pub(crate) fn place_labels(
        &self,
        source: &ActivitySource,
    ) -> std::collections::BTreeMap<String, Localized> {
        source
            .place
            .as_deref()
            .and_then(|c| self.programme().column_schema_of(&source.dataset, c))
            .map(|s| s.value_labels.clone())
            .unwrap_or_default()
    }

    /// The source's rows (dated in `period`, or all), located, counted and
    /// with their status, by date then sheet and row.
    pub(crate) fn source_rows(
        &self,
        source: &ActivitySource,
        period: Option<&Period>,
    ) -> Result<Vec<Activity>> {
        let err = |e: PolarsError| Error::Compute {
            indicator: source.result.clone(),
            message: crate::filter::clean_polars_message(&e.to_string()),
            defined_at: None,
        };
        let frame = self.activity_rows(source, period).map_err(err)?;
        let counts = match &source.count {
            Some(count) => Some(self.member_counts(count).map_err(err)?),
            None => None,
        };
        let dataset = self.data().dataset(&source.dataset);
        let mut activities =
            read_activities(&frame, dataset, counts.as_ref(), source.status.as_ref())
                .map_err(err)?;
        activities.sort_by_key(|(part, a)| (a.date, *part, a.row));
        Ok(activities.into_iter().map(|(_, a)| a).collect())
    }

    /// The source's rows dated in the period (all when `None`): their
    /// place in the data, date, planned date, and title, place, key and
    /// status as text (null when not declared).
    fn activity_rows(
        &self,
        source: &ActivitySource,
        period: Option<&Period>,
    ) -> PolarsResult<DataFrame> {
        // The key is what counted rows name an activity by.
        let key = self
            .programme()
            .dataset(&source.dataset)
            .and_then(|d| d.key.clone());
        let status = source.status.as_ref().map(|s| s.column.as_str());
        let mut keep: Vec<&str> = vec![source.title.as_str()];
        keep.extend(source.place.as_deref());
        keep.extend(key.as_deref());
        keep.extend(status);
        keep.extend(source.planned_date.as_deref());
        // The title may be the key itself: each column once.
        keep.sort_unstable();
        keep.dedup();
        let frame = self.selection_frame_with(&source.selection(), &keep, None, &[])?;
        let text = |c: Option<&str>| match c {
            Some(c) => col(c).cast(DataType::String),
            None => lit(NULL).cast(DataType::String),
        };
        let planned = match source.planned_date.as_deref() {
            Some(c) => col(c).cast(DataType::Date).cast(DataType::Int32),
            None => lit(NULL).cast(DataType::Int32),
        };
        let within = match period {
            Some(p) => {
                let (start, end) = (to_epoch_days(p.start), to_epoch_days(p.end));
                col("__date")
                    .gt_eq(lit(start))
                    .and(col("__date").lt_eq(lit(end)))
            }
            None => lit(true),
        };
        frame
            .lazy()
            .filter(within)
            .select([
                col(ROW_COLUMN),
                col(PART_COLUMN),
                col("__date"),
                planned.alias(PLANNED),
                text(Some(source.title.as_str())).alias(TITLE),
                text(source.place.as_deref()).alias(PLACE),
                text(key.as_deref()).alias(KEY),
                text(status).alias(STATUS),
            ])
            .collect()
    }

    /// For each key of the activities' dataset, how many counted rows name it.
    fn member_counts(
        &self,
        count: &crate::programme::ActivityCount,
    ) -> PolarsResult<HashMap<String, u64>> {
        let sel = Selection {
            dataset: count.dataset.clone(),
            date: None,
            filter: count.filter.clone(),
            filter_label: Default::default(),
        };
        let frame = self.selection_frame_with(&sel, &[count.via.as_str()], None, &[])?;
        let mut out: HashMap<String, u64> = HashMap::new();
        let keys = frame.column(count.via.as_str())?.cast(&DataType::String)?;
        for key in keys.str()?.iter().flatten() {
            *out.entry(key.to_owned()).or_default() += 1;
        }
        Ok(out)
    }
}

/// A text column of `frame`, row by row.
fn text_column(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    Ok(frame
        .column(name)?
        .str()?
        .iter()
        .map(|v| v.map(str::to_owned))
        .collect())
}

/// The activities of rows read by [`Engine::activity_rows`], in the
/// frame's order, each with its part (the sheet as read), located in its
/// file and sheet, with its count when the source counts (0 for an
/// activity no row names) and its status (held without a status column).
fn read_activities(
    frame: &DataFrame,
    dataset: Option<&Dataset>,
    counts: Option<&HashMap<String, u64>>,
    status: Option<&StatusColumn>,
) -> PolarsResult<Vec<(u32, Activity)>> {
    let rows = frame.column(ROW_COLUMN)?.u32()?.clone();
    let parts = frame.column(PART_COLUMN)?.u32()?.clone();
    let dates = frame.column("__date")?.i32()?.clone();
    let planned = frame.column(PLANNED)?.i32()?.clone();
    let strings = |name: &str| text_column(frame, name);
    let (titles, places, keys) = (strings(TITLE)?, strings(PLACE)?, strings(KEY)?);
    let statuses = strings(STATUS)?;
    let activities: Vec<(u32, Activity)> = (0..frame.height())
        .filter_map(|i| {
            let part = parts.get(i)?;
            let (file, sheet) = dataset
                .and_then(|d| d.part(part))
                .map(|p| (p.file.clone(), p.sheet.clone()))
                .unwrap_or_default();
            Some((
                part,
                Activity {
                    date: from_epoch_days(dates.get(i)?)?,
                    title: titles[i].clone().unwrap_or_default(),
                    key: keys[i].clone(),
                    place: places[i].clone().filter(|p| !p.trim().is_empty()),
                    count: counts.map(|c| {
                        keys[i]
                            .as_deref()
                            .and_then(|k| c.get(k).copied())
                            .unwrap_or(0)
                    }),
                    file,
                    sheet,
                    row: rows.get(i)?,
                    status: status.map_or(ActivityStatus::Held, |s| {
                        s.status_of(statuses[i].as_deref())
                    }),
                    planned: planned.get(i).and_then(from_epoch_days),
                },
            ))
        })
        .collect();
    Ok(activities)
}
