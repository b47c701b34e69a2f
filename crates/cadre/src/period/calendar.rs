//! A programme's calendar: its first and last days and the month its years
//! start, which programme years (`PY1`, `PY2`, …) are read against.
//!
//! A grant's years rarely are calendar years (July to June, November to
//! October): programme year 1 begins on the programme's start and ends the
//! day before the first 1st of `year_start_month` after it (a short first
//! year when the programme starts mid-year), each later year runs twelve
//! months from that 1st, and the last one ends at the programme's end.

use chrono::{Datelike, NaiveDate};

use super::Period;

/// The calendar periods are read against: the programme's start and end and
/// the month its years start. Built from the programme
/// ([`crate::programme::ProgrammeInfo::calendar`]) and handed to
/// [`Period::parse`], at load time as at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    start: NaiveDate,
    end: NaiveDate,
    year_start_month: u32,
}

impl Calendar {
    /// The calendar of a programme running from `start` to `end` whose
    /// years start in `year_start_month` (1 to 12; by default, and for a
    /// month that is not one, the month of `start`: loading refuses such a
    /// month before any calendar is built from it).
    pub fn new(start: NaiveDate, end: NaiveDate, year_start_month: Option<u32>) -> Calendar {
        Calendar {
            start,
            end,
            year_start_month: year_start_month
                .filter(|m| (1..=12).contains(m))
                .unwrap_or_else(|| start.month()),
        }
    }

    /// The programme's first day.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The programme's last day.
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// The month programme years start (1 to 12).
    pub fn year_start_month(&self) -> u32 {
        self.year_start_month
    }

    /// How many programme years the programme has (at least one: the
    /// programme's end is never before its start once loaded).
    pub fn years(&self) -> u32 {
        let Some(second) = self.second_year_start() else {
            return 1;
        };
        if second > self.end {
            return 1;
        }
        // Years from the second year's start to the last year start on or
        // before the end, plus the first year.
        let last_start_year = if self.end.month() >= self.year_start_month {
            self.end.year()
        } else {
            self.end.year() - 1
        };
        u32::try_from(last_start_year - second.year()).map_or(1, |n| n + 2)
    }

    /// Programme year `n` (1-based), `None` beyond the programme.
    pub fn programme_year(&self, n: u32) -> Option<Period> {
        if n == 0 || n > self.years() {
            return None;
        }
        let first = if n == 1 {
            self.start
        } else {
            let second = self.second_year_start()?;
            let year = second.year().checked_add(i32::try_from(n - 2).ok()?)?;
            NaiveDate::from_ymd_opt(year, self.year_start_month, 1)?
        };
        let next = if n == 1 {
            self.second_year_start()
        } else {
            NaiveDate::from_ymd_opt(first.year() + 1, self.year_start_month, 1)
        };
        let last = next
            .and_then(|d| d.pred_opt())
            .map_or(self.end, |d| d.min(self.end));
        Some(Period {
            label: format!("PY{n}"),
            start: first,
            end: last,
        })
    }

    /// Every programme year, in order: for annual reports and annual
    /// targets.
    pub fn programme_years(&self) -> Vec<Period> {
        (1..=self.years())
            .filter_map(|n| self.programme_year(n))
            .collect()
    }

    /// The first 1st of `year_start_month` strictly after the start: where
    /// programme year 2 begins (if the programme lasts that long).
    fn second_year_start(&self) -> Option<NaiveDate> {
        let m = self.year_start_month;
        let same_year = NaiveDate::from_ymd_opt(self.start.year(), m, 1)?;
        if same_year > self.start {
            Some(same_year)
        } else {
            NaiveDate::from_ymd_opt(self.start.year() + 1, m, 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn spans(c: &Calendar) -> Vec<(String, NaiveDate, NaiveDate)> {
        c.programme_years()
            .into_iter()
            .map(|p| (p.label, p.start, p.end))
            .collect()
    }

    #[test]
    fn a_year_starting_in_the_start_month_is_twelve_months() {
        let c = Calendar::new(d(2024, 11, 1), d(2026, 10, 31), None);
        assert_eq!(c.year_start_month(), 11);
        assert_eq!(
            spans(&c),
            [
                ("PY1".into(), d(2024, 11, 1), d(2025, 10, 31)),
                ("PY2".into(), d(2025, 11, 1), d(2026, 10, 31)),
            ]
        );
    }

    #[test]
    fn a_year_starting_later_makes_a_short_first_year_and_cuts_the_last() {
        let c = Calendar::new(d(2024, 11, 1), d(2026, 10, 31), Some(7));
        assert_eq!(
            spans(&c),
            [
                ("PY1".into(), d(2024, 11, 1), d(2025, 6, 30)),
                ("PY2".into(), d(2025, 7, 1), d(2026, 6, 30)),
                ("PY3".into(), d(2026, 7, 1), d(2026, 10, 31)),
            ]
        );
        assert_eq!(c.years(), 3);
        assert_eq!(c.programme_year(0), None);
        assert_eq!(c.programme_year(4), None);
    }

    #[test]
    fn a_start_in_the_middle_of_the_start_month_begins_year_two_a_year_later() {
        let c = Calendar::new(d(2024, 11, 15), d(2025, 11, 1), Some(11));
        assert_eq!(
            spans(&c),
            [
                ("PY1".into(), d(2024, 11, 15), d(2025, 10, 31)),
                ("PY2".into(), d(2025, 11, 1), d(2025, 11, 1)),
            ]
        );
    }

    #[test]
    fn a_programme_shorter_than_a_year_has_one_year() {
        let c = Calendar::new(d(2024, 1, 1), d(2024, 3, 31), Some(7));
        assert_eq!(spans(&c), [("PY1".into(), d(2024, 1, 1), d(2024, 3, 31))]);
        // Ending the day before year 2 would begin.
        let c = Calendar::new(d(2024, 11, 1), d(2025, 6, 30), Some(7));
        assert_eq!(c.years(), 1);
        let c = Calendar::new(d(2024, 11, 1), d(2025, 7, 1), Some(7));
        assert_eq!(c.years(), 2);
    }

    #[test]
    fn a_month_that_is_not_one_falls_back_to_the_start_month() {
        let c = Calendar::new(d(2024, 11, 1), d(2026, 10, 31), Some(13));
        assert_eq!(c.year_start_month(), 11);
    }
}
