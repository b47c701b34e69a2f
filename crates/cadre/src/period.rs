//! Reporting periods: `2025-Q3`, `2025-H1`, `2025-M04`, `2025`, `PY1`,
//! `2025-03-01..2025-06-30` and `project`, all with inclusive ends.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::{Error, PeriodProblem, Result};

mod calendar;

pub use calendar::Calendar;

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

/// What a period is, as its normalised label says: the report writes it as
/// people do (`T4 2025`, `Q4 2025`, `avril 2025`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// A calendar year (`2025`).
    Year(i32),
    /// A half year (`2025-H1`).
    Half {
        /// The year.
        year: i32,
        /// 1 or 2.
        half: u32,
    },
    /// A quarter (`2025-Q4`).
    Quarter {
        /// The year.
        year: i32,
        /// 1 to 4.
        quarter: u32,
    },
    /// A month (`2025-M04`).
    Month {
        /// The year.
        year: i32,
        /// 1 to 12.
        month: u32,
    },
    /// A programme year (`PY2`): its dates are the programme's
    /// ([`Calendar`]).
    ProgrammeYear(u32),
    /// Any other span (`2025-03-01..2025-06-30`, `project`): its dates.
    Range,
}

impl PeriodKind {
    /// The kind of a normalised period label (see [`Period::parse`]).
    pub fn of(label: &str) -> PeriodKind {
        if let Some(n) = label.strip_prefix("PY")
            && let Ok(n @ 1..) = n.parse::<u32>()
        {
            return PeriodKind::ProgrammeYear(n);
        }
        let (year, rest) = match label.split_once('-') {
            Some((y, r)) if !label.contains("..") => (y, Some(r)),
            _ => (label, None),
        };
        let Ok(year) = year.parse::<i32>() else {
            return PeriodKind::Range;
        };
        let Some(rest) = rest else {
            return PeriodKind::Year(year);
        };
        // The first character, whatever its width: a label is untrusted text.
        let split = rest.chars().next().map_or(0, char::len_utf8);
        let (kind, num) = rest.split_at(split);
        match (kind, num.parse::<u32>()) {
            ("Q", Ok(quarter @ 1..=4)) => PeriodKind::Quarter { year, quarter },
            ("H", Ok(half @ 1..=2)) => PeriodKind::Half { year, half },
            ("M", Ok(month @ 1..=12)) => PeriodKind::Month { year, month },
            _ => PeriodKind::Range,
        }
    }
}

impl Period {
    /// What the period is (a quarter, a month…), from its label.
    pub fn kind(&self) -> PeriodKind {
        PeriodKind::of(&self.label)
    }

    /// Reads a period against the programme's `calendar` (see
    /// [`crate::programme::ProgrammeInfo::calendar`]): `project` runs from
    /// the programme's start to `today`, `PY2` is programme year 2 (any
    /// case; `PY0` and a year beyond the programme are refused).
    pub fn parse(input: &str, calendar: Calendar, today: NaiveDate) -> Result<Period> {
        let err = |problem: PeriodProblem| Error::Period {
            input: input.to_owned(),
            problem,
        };
        let s = input.trim();
        let expected = PeriodProblem::Form;
        let project_start = calendar.start();
        if let Some(n) = programme_year_number(s) {
            let years = calendar.years();
            return n
                .and_then(|n| calendar.programme_year(n))
                .ok_or_else(|| err(PeriodProblem::ProgrammeYear { years }));
        }
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
                // The first character, whatever its width (`2025-é` is an error, not a panic).
                let split = upper.chars().next().map_or(0, char::len_utf8);
                let (kind, num) = upper.split_at(split);
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

/// The number of a programme year label (`PY2`, `py2`): `None` when `s` is
/// not one, `Some(None)` when its number cannot be a `u32` (refused as a
/// year beyond the programme).
fn programme_year_number(s: &str) -> Option<Option<u32>> {
    let digits = s.get(..2)?.eq_ignore_ascii_case("PY").then(|| &s[2..])?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse().ok())
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

    #[test]
    fn a_period_of_any_text_is_an_error_not_a_panic() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        for input in [
            "2025-é",
            "2025-éé",
            "2025-",
            "é",
            "2025-Q",
            "2025-Qé",
            "P",
            "PY",
            "Pé",
            "PYé",
            "PY-1",
            "PY 1",
        ] {
            assert!(
                Period::parse(input, Calendar::new(d, d, None), d).is_err(),
                "{input}"
            );
            let _ = PeriodKind::of(input);
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn p(s: &str) -> Result<Period> {
        let calendar = Calendar::new(d(2024, 11, 1), d(2026, 10, 31), None);
        Period::parse(s, calendar, d(2026, 11, 28))
    }

    /// A programme from 2024-11-01 to 2026-10-31 whose years start in July.
    fn july(s: &str) -> Result<Period> {
        let calendar = Calendar::new(d(2024, 11, 1), d(2026, 10, 31), Some(7));
        Period::parse(s, calendar, d(2026, 11, 28))
    }

    fn span(p: Period) -> (String, NaiveDate, NaiveDate) {
        (p.label, p.start, p.end)
    }

    #[test]
    fn a_programme_year_starting_on_the_start_month_is_twelve_months() {
        assert_eq!(
            span(p("PY1").unwrap()),
            ("PY1".into(), d(2024, 11, 1), d(2025, 10, 31))
        );
        assert_eq!(
            span(p("PY2").unwrap()),
            ("PY2".into(), d(2025, 11, 1), d(2026, 10, 31))
        );
    }

    #[test]
    fn a_programme_year_starting_later_is_short_first_and_cut_last() {
        assert_eq!(
            span(july("PY1").unwrap()),
            ("PY1".into(), d(2024, 11, 1), d(2025, 6, 30))
        );
        assert_eq!(
            span(july("PY2").unwrap()),
            ("PY2".into(), d(2025, 7, 1), d(2026, 6, 30))
        );
        assert_eq!(
            span(july("PY3").unwrap()),
            ("PY3".into(), d(2026, 7, 1), d(2026, 10, 31))
        );
    }

    #[test]
    fn a_programme_year_is_read_in_any_case_and_normalised() {
        for input in ["py2", "Py2", " pY2 ", "PY02"] {
            assert_eq!(
                span(july(input).unwrap()),
                ("PY2".into(), d(2025, 7, 1), d(2026, 6, 30)),
                "{input}"
            );
        }
        assert_eq!(july("py2").unwrap().kind(), PeriodKind::ProgrammeYear(2));
    }

    #[test]
    fn a_programme_year_outside_the_programme_is_refused_with_its_count() {
        for (input, years) in [("PY0", 3), ("PY4", 3), ("PY9", 3), ("PY99999999999", 3)] {
            match july(input) {
                Err(Error::Period { problem, .. }) => {
                    assert_eq!(problem, PeriodProblem::ProgrammeYear { years }, "{input}")
                }
                other => panic!("{input}: {other:?}"),
            }
        }
        match p("PY3") {
            Err(Error::Period { problem, .. }) => {
                assert_eq!(problem, PeriodProblem::ProgrammeYear { years: 2 })
            }
            other => panic!("{other:?}"),
        }
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
    fn tells_the_kind() {
        let kind = |s: &str| p(s).unwrap().kind();
        assert_eq!(
            kind("2025-q4"),
            PeriodKind::Quarter {
                year: 2025,
                quarter: 4
            }
        );
        assert_eq!(
            kind("2025-H1"),
            PeriodKind::Half {
                year: 2025,
                half: 1
            }
        );
        assert_eq!(
            kind("2025-M04"),
            PeriodKind::Month {
                year: 2025,
                month: 4
            }
        );
        assert_eq!(kind("2025"), PeriodKind::Year(2025));
        assert_eq!(kind("PY2"), PeriodKind::ProgrammeYear(2));
        assert_eq!(PeriodKind::of("PY0"), PeriodKind::Range);
        assert_eq!(PeriodKind::of("py2"), PeriodKind::Range);
        assert_eq!(kind("2025-03-01..2025-06-30"), PeriodKind::Range);
        assert_eq!(kind("project"), PeriodKind::Range);
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
