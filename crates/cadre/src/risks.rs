//! The risk register at a period's end (`[report.risks]` in the
//! definitions): the register holds one row per risk and review; the risk
//! as it stands at a date is its latest review dated on or before it. The
//! register of a period is every risk reviewed by its end, each with the
//! review in force at the end of the period before (the previous report's;
//! for the whole programme, the last quarter's, see [`previous_end`]) and
//! what changed since: new, likelihood or impact up or down, status
//! changed, closed. A risk already closed then and still closed is left
//! out: the register is of the risks followed.
//!
//! A risk's level is its likelihood's rank times its impact's, ranks from
//! 1 in the order the enum columns list their values (lowest first).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::compute::Engine;
use crate::error::{Error, Result};
use crate::indicator::Selection;
use crate::ingest::{PART_COLUMN, ROW_COLUMN};
use crate::period::{Period, from_epoch_days};
use crate::programme::{RiskSettings, RiskStatus};

/// A risk as one review states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    /// The review's date.
    pub date: NaiveDate,
    /// What the risk is.
    pub risk: String,
    /// Its likelihood (the column's canonical value).
    pub likelihood: String,
    /// Its likelihood's rank, from 1 (the lowest).
    pub likelihood_rank: u32,
    /// Its impact (the column's canonical value).
    pub impact: String,
    /// Its impact's rank, from 1.
    pub impact_rank: u32,
    /// Its status (the column's canonical value).
    pub status: String,
    /// What the status means.
    pub class: RiskStatus,
    /// What is done about it, when the register says.
    pub mitigation: Option<String>,
    /// Who follows it, when the register says.
    pub owner: Option<String>,
    /// The result it threatens, when the register says.
    pub result: Option<String>,
    /// Its file.
    pub file: String,
    /// Its sheet.
    pub sheet: String,
    /// Its row in the sheet.
    pub row: u32,
}

impl Review {
    /// Likelihood rank × impact rank.
    pub fn level(&self) -> u32 {
        self.likelihood_rank * self.impact_rank
    }
}

/// What changed in a risk since the previous period's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskChange {
    /// Not in the register then.
    New,
    /// More likely.
    LikelihoodUp,
    /// Less likely.
    LikelihoodDown,
    /// A greater impact.
    ImpactUp,
    /// A smaller impact.
    ImpactDown,
    /// Another status (not closed).
    Status,
    /// Closed since.
    Closed,
}

/// A risk of the register at a period's end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risk {
    /// Its key (the register's key column).
    pub key: String,
    /// The review in force at the period's end.
    pub now: Review,
    /// The review in force at the previous period's end, if any.
    pub before: Option<Review>,
    /// What changed, in [`RiskChange`]'s order; empty when nothing did.
    pub changes: Vec<RiskChange>,
}

impl Risk {
    /// Its level at the period's end.
    pub fn level(&self) -> u32 {
        self.now.level()
    }

    /// Whether its level rose since the previous period's end (a new risk's
    /// did not: it had none).
    pub fn level_rose(&self) -> bool {
        self.before
            .as_ref()
            .is_some_and(|b| self.level() > b.level())
    }
}

/// The register at a period's end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskRegister {
    /// Whether the data hold the register's dataset (an optional sheet the
    /// workbook may lack).
    pub provided: bool,
    /// The period's last day.
    pub end: NaiveDate,
    /// The day the register is compared with ([`previous_end`]): the day
    /// before the period starts; for the whole programme, the last quarter's
    /// end before the period's.
    pub previous_end: NaiveDate,
    /// The risks, by level (highest first), then key.
    pub risks: Vec<Risk>,
    /// The level from which a risk is high.
    pub high: u32,
    /// The highest level (the two scales' lengths multiplied).
    pub max_level: u32,
}

impl RiskRegister {
    /// The risks that are high, open and whose level rose since the
    /// previous period: the summary's points of attention.
    pub fn rising(&self) -> impl Iterator<Item = &Risk> {
        self.risks
            .iter()
            .filter(|r| r.level() >= self.high && r.now.class == RiskStatus::Open && r.level_rose())
    }
}

const KEY: &str = "__risk_key";
const COLUMNS: [&str; 8] = [
    "__risk",
    "__likelihood",
    "__impact",
    "__status",
    "__mitigation",
    "__owner",
    "__result",
    KEY,
];

impl Engine<'_> {
    /// The risk register at `period`'s end; `None` when the programme
    /// declares none (`[report.risks]`).
    pub fn risk_register(&self, period: &Period) -> Result<Option<RiskRegister>> {
        let Some(settings) = &self.programme().report.risks else {
            return Ok(None);
        };
        let err = |e: PolarsError| Error::Compute {
            indicator: settings.dataset.clone(),
            message: crate::filter::clean_polars_message(&e.to_string()),
            defined_at: None,
        };
        let reviews = self.risk_reviews(settings).map_err(err)?;
        let info = &self.programme().info;
        let previous_end = previous_end(period, info.start, info.end);
        let scale = |c: &str| self.programme().risk_scale(c).len() as u32;
        let max_level = scale(&settings.likelihood) * scale(&settings.impact);
        Ok(Some(RiskRegister {
            provided: !self
                .data()
                .report
                .absent
                .iter()
                .any(|d| d == &settings.dataset),
            end: period.end,
            previous_end,
            risks: register_at(reviews, period.end, previous_end),
            high: settings.high.unwrap_or(max_level / 2 + 1),
            max_level,
        }))
    }

    /// Every review of the register, by risk key, in date then sheet and
    /// row order (the later of two reviews of a day is the one in force).
    /// Rows without a date, key, likelihood, impact or status are left out:
    /// they place nothing.
    fn risk_reviews(&self, s: &RiskSettings) -> PolarsResult<BTreeMap<String, Vec<Review>>> {
        let named = [
            Some(&s.risk),
            Some(&s.likelihood),
            Some(&s.impact),
            Some(&s.status),
            s.mitigation.as_ref(),
            s.owner.as_ref(),
            s.result.as_ref(),
            Some(&s.key),
        ];
        let mut keep: Vec<&str> = named.iter().flatten().map(|c| c.as_str()).collect();
        keep.sort_unstable();
        keep.dedup();
        let sel = Selection {
            dataset: s.dataset.clone(),
            date: Some(s.date.clone()),
            filter: None,
            filter_label: Default::default(),
        };
        let frame = self.selection_frame_with(&sel, &keep, None, &[])?;
        let mut select = vec![col(ROW_COLUMN), col(PART_COLUMN), col("__date")];
        for (alias, column) in COLUMNS.iter().zip(named) {
            select.push(match column {
                Some(c) => col(c.as_str()).cast(DataType::String).alias(*alias),
                None => lit(NULL).cast(DataType::String).alias(*alias),
            });
        }
        let frame = frame.lazy().select(select).collect()?;
        self.read_reviews(s, &frame)
    }

    fn read_reviews(
        &self,
        s: &RiskSettings,
        frame: &DataFrame,
    ) -> PolarsResult<BTreeMap<String, Vec<Review>>> {
        let rank = |column: &str| {
            let scale = self.programme().risk_scale(column);
            move |v: &str| scale.iter().position(|x| x == v).map(|i| i as u32 + 1)
        };
        let (likelihood_rank, impact_rank) = (rank(&s.likelihood), rank(&s.impact));
        let rows = frame.column(ROW_COLUMN)?.u32()?.clone();
        let parts = frame.column(PART_COLUMN)?.u32()?.clone();
        let dates = frame.column("__date")?.i32()?.clone();
        let text: Vec<Vec<Option<String>>> = COLUMNS
            .iter()
            .map(|c| -> PolarsResult<_> {
                Ok(frame
                    .column(c)?
                    .str()?
                    .iter()
                    .map(|v| {
                        v.map(str::trim)
                            .filter(|v| !v.is_empty())
                            .map(str::to_owned)
                    })
                    .collect())
            })
            .collect::<PolarsResult<_>>()?;
        let dataset = self.data().dataset(&s.dataset);
        let mut out: BTreeMap<String, Vec<(u32, Review)>> = BTreeMap::new();
        // The value of column `c` (of `COLUMNS`) on row `i`.
        let cell = |c: usize, i: usize| text[c][i].clone();
        for i in 0..frame.height() {
            let field = |c: usize| cell(c, i);
            let (Some(date), Some(key), Some(part), Some(row)) = (
                dates.get(i).and_then(from_epoch_days),
                field(7),
                parts.get(i),
                rows.get(i),
            ) else {
                continue;
            };
            let (Some(likelihood), Some(impact), Some(status)) = (field(1), field(2), field(3))
            else {
                continue;
            };
            let (Some(l), Some(m), Some(class)) = (
                likelihood_rank(&likelihood),
                impact_rank(&impact),
                s.statuses.of(&status),
            ) else {
                continue;
            };
            let (file, sheet) = dataset
                .and_then(|d| d.part(part))
                .map(|p| (p.file.clone(), p.sheet.clone()))
                .unwrap_or_default();
            out.entry(key).or_default().push((
                part,
                Review {
                    date,
                    risk: field(0).unwrap_or_default(),
                    likelihood,
                    likelihood_rank: l,
                    impact,
                    impact_rank: m,
                    status,
                    class,
                    mitigation: field(4),
                    owner: field(5),
                    result: field(6),
                    file,
                    sheet,
                    row,
                },
            ));
        }
        Ok(out
            .into_iter()
            .map(|(key, mut reviews)| {
                reviews.sort_by_key(|(part, r)| (r.date, *part, r.row));
                (key, reviews.into_iter().map(|(_, r)| r).collect())
            })
            .collect())
    }
}

/// The day the previous report's register is taken: the day before the
/// period starts; for a period of the whole programme (from its first day to
/// its last or beyond: the final report), the end of the quarter before the
/// one it ends in, the last quarterly report's (the day before its start
/// would hold no risk: every one would read as new).
pub fn previous_end(period: &Period, start: NaiveDate, end: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let before = period.start.pred_opt().unwrap_or(period.start);
    if period.start > start || period.end < end {
        return before;
    }
    let last = period.end.min(end);
    NaiveDate::from_ymd_opt(last.year(), last.month0() / 3 * 3 + 1, 1)
        .and_then(|d| d.pred_opt())
        .filter(|d| *d > before)
        .unwrap_or(before)
}

/// The review in force at `day`: the last one dated on or before it.
fn in_force(reviews: &[Review], day: NaiveDate) -> Option<&Review> {
    reviews.iter().rev().find(|r| r.date <= day)
}

/// The register at `end`, each risk compared with itself at `previous_end`.
fn register_at(
    reviews: BTreeMap<String, Vec<Review>>,
    end: NaiveDate,
    previous_end: NaiveDate,
) -> Vec<Risk> {
    let mut risks: Vec<Risk> = reviews
        .into_iter()
        .filter_map(|(key, reviews)| {
            let now = in_force(&reviews, end)?.clone();
            let before = in_force(&reviews, previous_end).cloned();
            let was_closed = before
                .as_ref()
                .is_some_and(|b| b.class == RiskStatus::Closed);
            if was_closed && now.class == RiskStatus::Closed {
                return None;
            }
            let changes = changes(before.as_ref(), &now);
            Some(Risk {
                key,
                now,
                before,
                changes,
            })
        })
        .collect();
    risks.sort_by(|a, b| b.level().cmp(&a.level()).then_with(|| a.key.cmp(&b.key)));
    risks
}

/// What changed from `before` to `now`.
fn changes(before: Option<&Review>, now: &Review) -> Vec<RiskChange> {
    let Some(b) = before else {
        return vec![RiskChange::New];
    };
    let mut out = Vec::new();
    let mut compare = |was: u32, is: u32, up, down| match is.cmp(&was) {
        std::cmp::Ordering::Greater => out.push(up),
        std::cmp::Ordering::Less => out.push(down),
        std::cmp::Ordering::Equal => {}
    };
    compare(
        b.likelihood_rank,
        now.likelihood_rank,
        RiskChange::LikelihoodUp,
        RiskChange::LikelihoodDown,
    );
    compare(
        b.impact_rank,
        now.impact_rank,
        RiskChange::ImpactUp,
        RiskChange::ImpactDown,
    );
    if b.status != now.status {
        out.push(if now.class == RiskStatus::Closed {
            RiskChange::Closed
        } else {
            RiskChange::Status
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(date: (i32, u32, u32), l: u32, i: u32, status: &str, class: RiskStatus) -> Review {
        Review {
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            risk: String::new(),
            likelihood: l.to_string(),
            likelihood_rank: l,
            impact: i.to_string(),
            impact_rank: i,
            status: status.to_owned(),
            class,
            mitigation: None,
            owner: None,
            result: None,
            file: String::new(),
            sheet: String::new(),
            row: 0,
        }
    }

    #[test]
    fn the_register_holds_each_risk_s_review_in_force_and_what_changed() {
        use RiskStatus::*;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut reviews = BTreeMap::new();
        // R1: 2×2 then 3×2 in the quarter: likelihood up, level 4 → 6.
        reviews.insert(
            "R1".to_owned(),
            vec![
                review((2025, 1, 10), 2, 2, "o", Open),
                review((2025, 4, 5), 3, 2, "o", Open),
            ],
        );
        // R2: first reviewed in the quarter: new.
        reviews.insert("R2".to_owned(), vec![review((2025, 5, 1), 1, 3, "o", Open)]);
        // R3: closed before the quarter, still closed: left out.
        reviews.insert(
            "R3".to_owned(),
            vec![
                review((2025, 1, 1), 2, 2, "o", Open),
                review((2025, 2, 1), 2, 2, "c", Closed),
            ],
        );
        // R4: closed in the quarter, impact down too.
        reviews.insert(
            "R4".to_owned(),
            vec![
                review((2025, 3, 1), 2, 3, "o", Open),
                review((2025, 6, 30), 2, 1, "c", Closed),
            ],
        );
        // R5: reviewed after the quarter only: not yet in it.
        reviews.insert("R5".to_owned(), vec![review((2025, 7, 1), 3, 3, "o", Open)]);
        let risks = register_at(reviews, d(2025, 6, 30), d(2025, 3, 31));
        let keys: Vec<(&str, u32)> = risks.iter().map(|r| (r.key.as_str(), r.level())).collect();
        assert_eq!(keys, [("R1", 6), ("R2", 3), ("R4", 2)]);
        assert_eq!(risks[0].changes, [RiskChange::LikelihoodUp]);
        assert!(risks[0].level_rose());
        assert_eq!(risks[1].changes, [RiskChange::New]);
        assert!(!risks[1].level_rose());
        assert_eq!(
            risks[2].changes,
            [RiskChange::ImpactDown, RiskChange::Closed]
        );
    }
}
