//! Reporting periods: `2025-Q3`, `2025-H1`, `2025-M04`, `2025`,
//! `2025-03-01..2025-06-30` and `project`, all with inclusive ends.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::{Error, PeriodProblem, Result};

/// A reporting period: a label and inclusive first and last days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// As the user wrote it, normalised (`2025-Q3`).
    pub label: String,
    /// First day, included.
    pub start: NaiveDate,
    /// Last day, included.
    pub end: NaiveDate,
}

impl Period {
    /// Reads a period. `project` runs from `project_start` to `today`.
    pub fn parse(input: &str, project_start: NaiveDate, today: NaiveDate) -> Result<Period> {
        let err = |problem: PeriodProblem| Error::Period {
            input: input.to_owned(),
            problem,
        };
        let s = input.trim();
        let expected = PeriodProblem::Form;
        if s.eq_ignore_ascii_case("project") {
            if today < project_start {
                return Err(err(PeriodProblem::NotStarted));
            }
            return Ok(Period {
                label: "project".into(),
                start: project_start,
                end: today,
            });
        }
        if let Some((a, b)) = s.split_once("..") {
            let day = |t: &str| {
                NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
                    .map_err(|_| err(PeriodProblem::RangeDates))
            };
            let (start, end) = (day(a)?, day(b)?);
            if end < start {
                return Err(err(PeriodProblem::RangeBackwards));
            }
            return Ok(Period {
                label: format!("{start}..{end}"),
                start,
                end,
            });
        }
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return Err(err(expected));
        }
        let y: i32 = year.parse().map_err(|_| err(expected))?;
        let month_range = |first: u32, last: u32| -> Result<(NaiveDate, NaiveDate)> {
            let start = NaiveDate::from_ymd_opt(y, first, 1).ok_or_else(|| err(expected))?;
            let end = last_day(y, last).ok_or_else(|| err(expected))?;
            Ok((start, end))
        };
        let (label, (start, end)) = match rest {
            None => (format!("{y}"), month_range(1, 12)?),
            Some(r) => {
                let upper = r.to_ascii_uppercase();
                let (kind, num) = upper.split_at(1.min(upper.len()));
                let n: u32 = num.parse().map_err(|_| err(expected))?;
                match kind {
                    "Q" if (1..=4).contains(&n) => {
                        (format!("{y}-Q{n}"), month_range(3 * n - 2, 3 * n)?)
                    }
                    "H" if (1..=2).contains(&n) => {
                        (format!("{y}-H{n}"), month_range(6 * n - 5, 6 * n)?)
                    }
                    "M" if (1..=12).contains(&n) => (format!("{y}-M{n:02}"), month_range(n, n)?),
                    "Q" => return Err(err(PeriodProblem::Quarter)),
                    "H" => return Err(err(PeriodProblem::Half)),
                    "M" => return Err(err(PeriodProblem::Month)),
                    _ => return Err(err(expected)),
                }
            }
        };
        Ok(Period { label, start, end })
    }

    /// Whether `date` falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The quarters a multi-period export covers by default: every quarter
    /// of the programme that has ended by `today`, and the programme's last
    /// (partial) quarter once the programme itself has ended.
    pub fn ended_quarters(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Vec<Period> {
        let last = today.min(end);
        Period::quarters(start, last)
            .into_iter()
            .filter(|q| q.end <= last || q.end >= end)
            .collect()
    }

    /// The quarters of a programme, for multi-period exports: every calendar
    /// quarter that overlaps `[start, end]`, in order.
    pub fn quarters(start: NaiveDate, end: NaiveDate) -> Vec<Period> {
        let mut out = Vec::new();
        let (mut y, mut q) = (start.year(), (start.month() - 1) / 3 + 1);
        loop {
            let first = NaiveDate::from_ymd_opt(y, 3 * q - 2, 1);
            let Some(first) = first else { break };
            if first > end {
                break;
            }
            let Some(last) = last_day(y, 3 * q) else {
                break;
            };
            out.push(Period {
                label: format!("{y}-Q{q}"),
                start: first,
                end: last,
            });
            if q == 4 {
                y += 1;
                q = 1;
            } else {
                q += 1;
            }
        }
        out
    }
}

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01 (polars' day 0).
const DAYS_FROM_CE_TO_EPOCH: i32 = 719_163;

/// A date as polars stores it: days since 1970-01-01.
pub fn to_epoch_days(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - DAYS_FROM_CE_TO_EPOCH
}

/// The date of a polars date value.
pub fn from_epoch_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days + DAYS_FROM_CE_TO_EPOCH)
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({} .. {})", self.label, self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn p(s: &str) -> Result<Period> {
        Period::parse(s, d(2024, 11, 1), d(2026, 11, 28))
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(
            (p("2025-Q3").unwrap().start, p("2025-Q3").unwrap().end),
            (d(2025, 7, 1), d(2025, 9, 30))
        );
        assert_eq!(
            (p("2025-q4").unwrap().start, p("2025-Q4").unwrap().end),
            (d(2025, 10, 1), d(2025, 12, 31))
        );
        assert_eq!(
            (p("2025-H1").unwrap().start, p("2025-H1").unwrap().end),
            (d(2025, 1, 1), d(2025, 6, 30))
        );
        assert_eq!(p("2024-M02").unwrap().end, d(2024, 2, 29));
        assert_eq!(p("2025-M02").unwrap().end, d(2025, 2, 28));
        assert_eq!(
            (p("2025").unwrap().start, p("2025").unwrap().end),
            (d(2025, 1, 1), d(2025, 12, 31))
        );
        let r = p("2025-03-01..2025-06-30").unwrap();
        assert_eq!((r.start, r.end), (d(2025, 3, 1), d(2025, 6, 30)));
        let all = p("project").unwrap();
        assert_eq!((all.start, all.end), (d(2024, 11, 1), d(2026, 11, 28)));
        assert_eq!(p("2025-M4").unwrap().label, "2025-M04");
    }

    #[test]
    fn refuses_bad_periods() {
        for bad in [
            "2025-Q5",
            "2025-Q0",
            "2025-H3",
            "2025-M13",
            "25-Q1",
            "2025-X1",
            "2025-06-30..2025-03-01",
            "2025-02-30..2025-03-01",
            "",
            "Q3",
        ] {
            assert!(p(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn lists_quarters() {
        let q = Period::quarters(d(2024, 11, 1), d(2025, 6, 30));
        let labels: Vec<_> = q.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["2024-Q4", "2025-Q1", "2025-Q2"]);
    }
}
