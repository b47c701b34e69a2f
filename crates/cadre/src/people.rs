//! The people reached in a period, as the definitions declare them
//! (`[[report.people]]`): each dataset's rows dated in the period by sex
//! and age band, in a table whose total is the number of rows (unknowns
//! shown, nothing dropped); split per activity when the rows name one;
//! and the unique persons, in the period and since the start, when a
//! column identifies a person. A dataset of counts (a training session
//! with its women and men) adds its counts instead of counting rows. The
//! library knows no sex value nor band: the definitions give them.

use std::collections::HashMap;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::compute::Engine;
use crate::error::{Error, Result};
use crate::period::{Period, from_epoch_days, to_epoch_days};
use crate::programme::PeopleSource;
use crate::text::{Localized, fold_key};

/// A person's sex as the definitions class the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// A woman.
    Women,
    /// A man.
    Men,
    /// Another sex or gender.
    Other,
    /// Not known (an empty cell).
    Unknown,
}

/// Counts by sex.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SexCounts {
    /// Women.
    pub women: u64,
    /// Men.
    pub men: u64,
    /// Other.
    pub other: u64,
    /// Sex not known.
    pub unknown: u64,
}

impl SexCounts {
    /// The sum of the four.
    pub fn total(&self) -> u64 {
        self.women + self.men + self.other + self.unknown
    }

    fn add(&mut self, sex: Sex, n: u64) {
        match sex {
            Sex::Women => self.women += n,
            Sex::Men => self.men += n,
            Sex::Other => self.other += n,
            Sex::Unknown => self.unknown += n,
        }
    }

    fn plus(&mut self, o: &SexCounts) {
        self.women += o.women;
        self.men += o.men;
        self.other += o.other;
        self.unknown += o.unknown;
    }
}

/// An age band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "band", rename_all = "snake_case")]
pub enum AgeBand {
    /// Younger than the first edge.
    Under {
        /// The first edge.
        age: u32,
    },
    /// From `from` to `to` − 1 years.
    Between {
        /// The lower edge (included).
        from: u32,
        /// The upper edge (excluded).
        to: u32,
    },
    /// The last edge and older.
    From {
        /// The last edge.
        age: u32,
    },
    /// Age not known (an empty cell).
    Unknown,
}

impl AgeBand {
    /// Every band of these edges, youngest first, unknown last.
    pub fn all(edges: &[u32]) -> Vec<AgeBand> {
        let Some((first, last)) = edges.first().zip(edges.last()) else {
            return Vec::new();
        };
        let mut bands = vec![AgeBand::Under { age: *first }];
        bands.extend(edges.windows(2).map(|w| AgeBand::Between {
            from: w[0],
            to: w[1],
        }));
        bands.push(AgeBand::From { age: *last });
        bands.push(AgeBand::Unknown);
        bands
    }

    /// The position in [`AgeBand::all`] of an age (`None`: unknown).
    fn index(edges: &[u32], age: Option<i64>) -> usize {
        match age {
            // Every edge the age reaches moves it one band up.
            Some(a) => edges.iter().filter(|e| a >= i64::from(**e)).count(),
            None => edges.len() + 1,
        }
    }
}

/// One age band's row of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandRow {
    /// The band.
    pub band: AgeBand,
    /// Its people by sex.
    pub counts: SexCounts,
}

/// People by sex and age band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeopleTable {
    /// One row per band, youngest first, unknown last; empty when the
    /// dataset declares no age.
    pub bands: Vec<BandRow>,
    /// The total by sex; its total is the rows counted (or the counts
    /// added).
    pub total: SexCounts,
}

/// The distinct persons among rows, by sex.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UniquePersons {
    /// The distinct persons, each classed by the sex of its latest row
    /// stating one (unknown when none does).
    pub persons: SexCounts,
    /// The rows with no person id, not among them.
    pub without_id: u64,
}

/// The figures of a window (the period, or since the start).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeopleFigures {
    /// People by sex and age band.
    pub table: PeopleTable,
    /// The unique persons, when the dataset identifies them.
    pub unique: Option<UniquePersons>,
}

/// The people of one activity in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivitySplit {
    /// The activity's key (the value of the `via` column).
    pub key: String,
    /// Its title (its key when none is declared).
    pub title: String,
    /// The earliest date of its rows.
    pub date: NaiveDate,
    /// Its people by sex.
    pub counts: SexCounts,
}

/// The people of one `[[report.people]]` dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct People {
    /// The dataset.
    pub dataset: String,
    /// Its heading, per language (the dataset's label unless given).
    pub label: Localized,
    /// Whether its rows hold counts (`counts`) rather than one person each.
    pub counted: bool,
    /// The period's figures.
    pub period: PeopleFigures,
    /// The figures since the start, up to the period's end.
    pub cumulative: PeopleFigures,
    /// Per activity, the period's people, by date then key; empty when
    /// the dataset names no activity.
    pub activities: Vec<ActivitySplit>,
}

/// One row as read: what the figures need of it.
struct Row {
    date: i32,
    /// People by sex: one, or the row's counts.
    counts: SexCounts,
    /// The position of its age band.
    band: usize,
    /// The person id, folded; `None` when empty.
    person: Option<String>,
    /// The activity's key and title.
    activity: Option<(String, String)>,
}

const SEX: &str = "__sex";
const AGE: &str = "__age";
const PERSON: &str = "__person";
const VIA: &str = "__via";
const TITLE: &str = "__title";

impl Engine<'_> {
    /// The people of every `[[report.people]]` dataset, for `period`, in
    /// the order the definitions declare them.
    pub fn people(&self, period: &Period) -> Result<Vec<People>> {
        self.programme()
            .report
            .people
            .iter()
            .map(|source| {
                self.source_people(source, period)
                    .map_err(|e| Error::Compute {
                        indicator: source.dataset.clone(),
                        message: crate::filter::clean_polars_message(&e.to_string()),
                        defined_at: None,
                    })
            })
            .collect()
    }

    fn source_people(&self, source: &PeopleSource, period: &Period) -> PolarsResult<People> {
        let rows = self.people_rows(source, period.end)?;
        let (start, end) = (to_epoch_days(period.start), to_epoch_days(period.end));
        let in_period: Vec<&Row> = rows.iter().filter(|r| r.date >= start).collect();
        let all: Vec<&Row> = rows.iter().filter(|r| r.date <= end).collect();
        let figures = |rows: &[&Row]| PeopleFigures {
            table: table(rows, &source.age_bands, source.age.is_some()),
            unique: source.person.as_ref().map(|_| unique(rows)),
        };
        let label = source.label.clone().unwrap_or_else(|| {
            self.programme()
                .dataset(&source.dataset)
                .map(|d| d.label.clone())
                .unwrap_or_default()
        });
        Ok(People {
            dataset: source.dataset.clone(),
            label,
            counted: source.counts.is_some(),
            period: figures(&in_period),
            cumulative: figures(&all),
            activities: activities(&in_period),
        })
    }

    /// The source's rows dated up to `end`, in date order then as read.
    fn people_rows(&self, source: &PeopleSource, end: NaiveDate) -> PolarsResult<Vec<Row>> {
        let counts = source
            .counts
            .as_ref()
            .map(|c| c.columns())
            .unwrap_or_default();
        let title = source.activity.as_ref().and_then(|a| a.title.clone());
        let mut keep: Vec<&str> = counts.iter().map(|(_, c)| *c).collect();
        keep.extend(source.sex.as_ref().map(|s| s.column.as_str()));
        keep.extend(source.age.as_deref());
        keep.extend(source.person.as_deref());
        keep.extend(source.activity.as_ref().map(|a| a.via.as_str()));
        keep.extend(title.as_deref());
        keep.sort_unstable();
        keep.dedup();
        let frame = self.selection_frame_with(&source.selection(), &keep, None, &[])?;
        let text = |c: Option<&str>| match c {
            Some(c) => col(c).cast(DataType::String),
            None => lit(NULL).cast(DataType::String),
        };
        let int = |c: Option<&str>| match c {
            Some(c) => col(c).cast(DataType::Int64),
            None => lit(NULL).cast(DataType::Int64),
        };
        let mut exprs = vec![
            col("__date"),
            text(source.sex.as_ref().map(|s| s.column.as_str())).alias(SEX),
            int(source.age.as_deref()).alias(AGE),
            text(source.person.as_deref()).alias(PERSON),
            text(source.activity.as_ref().map(|a| a.via.as_str())).alias(VIA),
            text(title.as_deref()).alias(TITLE),
        ];
        for (key, c) in &counts {
            exprs.push(int(Some(c)).alias(format!("__n_{key}")));
        }
        let frame = frame
            .lazy()
            .filter(col("__date").lt_eq(lit(to_epoch_days(end))))
            .select(exprs)
            .collect()?;
        read_rows(&frame, source)
    }
}

/// The rows of a frame built by `people_rows`, sorted by date (stable:
/// rows of one date stay as read).
fn read_rows(frame: &DataFrame, source: &PeopleSource) -> PolarsResult<Vec<Row>> {
    let strings = |name: &str| -> PolarsResult<Vec<Option<String>>> {
        Ok(frame
            .column(name)?
            .str()?
            .iter()
            .map(|v| v.map(str::to_owned))
            .collect())
    };
    let ints = |name: &str| -> PolarsResult<Vec<Option<i64>>> {
        Ok(frame.column(name)?.i64()?.iter().collect())
    };
    let dates = frame.column("__date")?.i32()?.clone();
    let (sexes, ages, persons) = (strings(SEX)?, ints(AGE)?, strings(PERSON)?);
    let (vias, titles) = (strings(VIA)?, strings(TITLE)?);
    let classes = sex_classes(source);
    let counts: Vec<(&str, Vec<Option<i64>>)> = ["women", "men", "other", "unknown"]
        .into_iter()
        .filter_map(|k| ints(&format!("__n_{k}")).ok().map(|v| (k, v)))
        .collect();
    let mut rows = Vec::with_capacity(frame.height());
    for i in 0..frame.height() {
        // A row without a date is in no period.
        let Some(date) = dates.get(i) else { continue };
        let mut n = SexCounts::default();
        if source.counts.is_some() {
            for (key, values) in &counts {
                let v = values[i].unwrap_or(0).max(0) as u64;
                n.add(sex_of_key(key), v);
            }
        } else {
            let sex = sexes[i]
                .as_deref()
                .map(fold_key)
                .and_then(|v| classes.get(&v).copied())
                .unwrap_or(Sex::Unknown);
            n.add(sex, 1);
        }
        rows.push(Row {
            date,
            counts: n,
            band: AgeBand::index(&source.age_bands, ages[i]),
            person: persons[i]
                .as_deref()
                .map(fold_key)
                .filter(|p| !p.is_empty()),
            activity: vias[i].clone().filter(|k| !k.trim().is_empty()).map(|k| {
                let title = titles[i].clone().unwrap_or_else(|| k.clone());
                (k, title)
            }),
        });
    }
    rows.sort_by_key(|r| r.date);
    Ok(rows)
}

fn sex_of_key(key: &str) -> Sex {
    match key {
        "women" => Sex::Women,
        "men" => Sex::Men,
        "other" => Sex::Other,
        _ => Sex::Unknown,
    }
}

/// Each value of the sex column, folded, with its class.
fn sex_classes(source: &PeopleSource) -> HashMap<String, Sex> {
    let Some(s) = &source.sex else {
        return HashMap::new();
    };
    [
        (&s.women, Sex::Women),
        (&s.men, Sex::Men),
        (&s.other, Sex::Other),
    ]
    .into_iter()
    .flat_map(|(values, sex)| values.iter().map(move |v| (fold_key(v), sex)))
    .collect()
}

/// The rows by sex and, when the dataset has an age, by band.
fn table(rows: &[&Row], edges: &[u32], aged: bool) -> PeopleTable {
    let bands = if aged {
        AgeBand::all(edges)
    } else {
        Vec::new()
    };
    let mut by_band = vec![SexCounts::default(); bands.len()];
    let mut total = SexCounts::default();
    for r in rows {
        if let Some(b) = by_band.get_mut(r.band) {
            b.plus(&r.counts);
        }
        total.plus(&r.counts);
    }
    PeopleTable {
        bands: bands
            .into_iter()
            .zip(by_band)
            .map(|(band, counts)| BandRow { band, counts })
            .collect(),
        total,
    }
}

/// The distinct persons of rows in date order, each with the sex of its
/// latest row that states one.
fn unique(rows: &[&Row]) -> UniquePersons {
    let mut sex: HashMap<&str, Sex> = HashMap::new();
    let mut without_id = 0;
    for r in rows {
        let Some(p) = r.person.as_deref() else {
            without_id += r.counts.total();
            continue;
        };
        let stated = [Sex::Women, Sex::Men, Sex::Other]
            .into_iter()
            .find(|s| counts_of(&r.counts, *s) > 0);
        let entry = sex.entry(p).or_insert(Sex::Unknown);
        if let Some(s) = stated {
            *entry = s;
        }
    }
    let mut persons = SexCounts::default();
    for s in sex.values() {
        persons.add(*s, 1);
    }
    UniquePersons {
        persons,
        without_id,
    }
}

fn counts_of(c: &SexCounts, s: Sex) -> u64 {
    match s {
        Sex::Women => c.women,
        Sex::Men => c.men,
        Sex::Other => c.other,
        Sex::Unknown => c.unknown,
    }
}

/// The rows per activity, by the activity's first date then key.
fn activities(rows: &[&Row]) -> Vec<ActivitySplit> {
    let mut by_key: HashMap<&str, ActivitySplit> = HashMap::new();
    for r in rows {
        let Some((key, title)) = &r.activity else {
            continue;
        };
        let split = by_key.entry(key).or_insert_with(|| ActivitySplit {
            key: key.clone(),
            title: title.clone(),
            date: from_epoch_days(r.date).unwrap_or_default(),
            counts: SexCounts::default(),
        });
        split.counts.plus(&r.counts);
    }
    let mut out: Vec<ActivitySplit> = by_key.into_values().collect();
    out.sort_by(|a, b| (a.date, &a.key).cmp(&(b.date, &b.key)));
    out
}
