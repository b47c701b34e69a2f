//! The workplan of a period, for every `[[report.activities]]` source that
//! names a `status` column: the deviations (activities due by the period's
//! end and not held by then, those cancelled in the period, those held in
//! the period but planned for an earlier one) and the next period's
//! workplan (the activities dated in the next period of the same length).
//!
//! A workbook holds each row's status as of its extraction, often after the
//! period reported: a row held after the period's end was, at that end, not
//! held yet. So a row counts as held by the period's end only when it is
//! held and dated by then; a row dated after the end and not cancelled was
//! on the plan. Without a status column every row is held: no workplan.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::activities::Activity;
use crate::compute::Engine;
use crate::error::Result;
use crate::period::{Period, PeriodKind};
use crate::programme::ActivityStatus;
use crate::text::Localized;

/// How an activity departs from the workplan in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationKind {
    /// Due by the period's end (its planned date in or before the period)
    /// and not held by then: planned or postponed, or held only later.
    NotHeld,
    /// Planned in the period and cancelled.
    Cancelled,
    /// Held in the period, after the period of its planned date.
    HeldLate,
}

/// An activity departing from the workplan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deviation {
    /// How.
    pub kind: DeviationKind,
    /// The activity (its date is when it is held or now planned).
    pub activity: Activity,
    /// The date it was due: its planned date, or its date without one.
    pub due: NaiveDate,
}

/// The workplan of one source for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workplan {
    /// The result whose section reports it.
    pub result: String,
    /// What the activities are (`Workshops`), per language.
    pub label: Localized,
    /// The deviations, by due date, then sheet and row.
    pub deviations: Vec<Deviation>,
    /// The next period, of the same length.
    pub next_period: Period,
    /// The activities dated in the next period and not cancelled, by date.
    pub next: Vec<Activity>,
    /// How reports print the places (see [`crate::activities::Activities`]).
    pub place_labels: BTreeMap<String, Localized>,
}

impl Engine<'_> {
    /// The workplan of every `[[report.activities]]` source with a status
    /// column, for `period`, in the order the definitions declare them.
    pub fn workplans(&self, period: &Period) -> Result<Vec<Workplan>> {
        let next = next_period(period);
        self.programme()
            .report
            .activities
            .iter()
            .filter(|s| s.status.is_some())
            .map(|source| {
                let rows = self.source_rows(source, None)?;
                Ok(Workplan {
                    result: source.result.clone(),
                    label: source.label.clone(),
                    deviations: deviations(&rows, period),
                    next: next_workplan(&rows, period, &next),
                    next_period: next.clone(),
                    place_labels: self.place_labels(source),
                })
            })
            .collect()
    }
}

/// The deviations of `rows` (in calendar order) in `period`.
pub fn deviations(rows: &[Activity], period: &Period) -> Vec<Deviation> {
    let mut out: Vec<Deviation> = rows
        .iter()
        .filter_map(|a| {
            let due = a.planned.unwrap_or(a.date);
            let held_by_end = a.status == ActivityStatus::Held && a.date <= period.end;
            let kind = match a.status {
                ActivityStatus::Cancelled if period.contains(due) => DeviationKind::Cancelled,
                ActivityStatus::Cancelled => return None,
                ActivityStatus::Held if period.contains(a.date) && due < period.start => {
                    DeviationKind::HeldLate
                }
                _ if due <= period.end && !held_by_end => DeviationKind::NotHeld,
                _ => return None,
            };
            Some(Deviation {
                kind,
                activity: a.clone(),
                due,
            })
        })
        .collect();
    // Stable: rows of one due date keep their calendar order.
    out.sort_by_key(|d| d.due);
    out
}

/// The activities of `rows` dated in `next` (after `period`) and not
/// cancelled: at the period's end, none of them was held yet.
pub fn next_workplan(rows: &[Activity], period: &Period, next: &Period) -> Vec<Activity> {
    rows.iter()
        .filter(|a| {
            a.status != ActivityStatus::Cancelled && a.date > period.end && next.contains(a.date)
        })
        .cloned()
        .collect()
}

/// The period after `period`, of the same length: the next quarter, half,
/// month, year or programme year; for any other span, as many whole months
/// when it runs from a month's first day to a month's last, else as many
/// days.
pub fn next_period(period: &Period) -> Period {
    let start = period.end.succ_opt().unwrap_or(period.end);
    let whole_months =
        period.start.day() == 1 && period.end.succ_opt().is_some_and(|d| d.day() == 1);
    let end = if whole_months {
        let months = (period.end.year() - period.start.year()) * 12 + period.end.month() as i32
            - period.start.month() as i32
            + 1;
        start
            .checked_add_months(Months::new(months.max(1) as u32))
            .and_then(|d| d.pred_opt())
            .unwrap_or(start)
    } else {
        start + (period.end - period.start)
    };
    let label = match period.kind() {
        PeriodKind::Year(y) => format!("{}", y + 1),
        PeriodKind::Half { year, half: 1 } => format!("{year}-H2"),
        PeriodKind::Half { year, .. } => format!("{}-H1", year + 1),
        PeriodKind::Quarter { year, quarter: 4 } => format!("{}-Q1", year + 1),
        PeriodKind::Quarter { year, quarter } => format!("{year}-Q{}", quarter + 1),
        PeriodKind::Month { year, month: 12 } => format!("{}-M01", year + 1),
        PeriodKind::Month { year, month } => format!("{year}-M{:02}", month + 1),
        PeriodKind::ProgrammeYear(n) => format!("PY{}", n + 1),
        PeriodKind::Range => format!("{start}..{end}"),
    };
    Period { label, start, end }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn period(label: &str, start: NaiveDate, end: NaiveDate) -> Period {
        Period {
            label: label.into(),
            start,
            end,
        }
    }

    #[test]
    fn the_next_period_has_the_same_length() {
        let q4 = period("2025-Q4", d(2025, 10, 1), d(2025, 12, 31));
        assert_eq!(
            next_period(&q4),
            period("2026-Q1", d(2026, 1, 1), d(2026, 3, 31))
        );
        let q3 = period("2025-Q3", d(2025, 7, 1), d(2025, 9, 30));
        assert_eq!(
            next_period(&q3),
            period("2025-Q4", d(2025, 10, 1), d(2025, 12, 31))
        );
        let y = period("2025", d(2025, 1, 1), d(2025, 12, 31));
        assert_eq!(
            next_period(&y),
            period("2026", d(2026, 1, 1), d(2026, 12, 31))
        );
        let py = period("PY1", d(2024, 11, 1), d(2025, 10, 31));
        assert_eq!(
            next_period(&py),
            period("PY2", d(2025, 11, 1), d(2026, 10, 31))
        );
        let m = period("2025-M01", d(2025, 1, 1), d(2025, 1, 31));
        assert_eq!(
            next_period(&m),
            period("2025-M02", d(2025, 2, 1), d(2025, 2, 28))
        );
        // Ten days, then the next ten.
        let r = period("2025-03-05..2025-03-14", d(2025, 3, 5), d(2025, 3, 14));
        assert_eq!(
            next_period(&r),
            period("2025-03-15..2025-03-24", d(2025, 3, 15), d(2025, 3, 24))
        );
    }
}
