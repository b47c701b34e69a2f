//! Progress over time: every indicator's cumulative value at the end of each
//! quarter, from the programme's start to a period's end.
//!
//! [`Engine::history`] reuses the engine's prepared rows, so the quarters
//! cost one aggregate per indicator each: no breakdown, no status, only the
//! value a progress chart and a tracking table's "previous quarter" need.
//! The last point ends on the period's last day; it is the end of a quarter
//! when the period is one, and its value is then the table's cumulative
//! value.

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::{Engine, empty_window_figure, evaluate};
use crate::error::Result;
use crate::period::Period;

/// Every indicator's cumulative value at the end of each quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// The points in time, in order: one per quarter from the programme's
    /// start to the period's end.
    pub points: Vec<Point>,
    /// Every indicator of the programme, in its order.
    pub indicators: Vec<Series>,
}

/// A point in time of a [`History`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    /// The calendar quarter (`2025-Q4`), whole.
    pub quarter: Period,
    /// The day the values are taken at: the quarter's last day, or the
    /// period's last day when the period ends inside the quarter.
    pub end: NaiveDate,
}

impl Point {
    /// Whether the point is the end of its whole quarter.
    pub fn is_quarter_end(&self) -> bool {
        self.end == self.quarter.end
    }

    /// The quarter's year and number (`(2025, 4)`).
    pub fn year_quarter(&self) -> (i32, u32) {
        use chrono::Datelike;
        (
            self.quarter.start.year(),
            self.quarter.start.month0() / 3 + 1,
        )
    }
}

/// One indicator's cumulative values, one per [`History::points`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// The indicator's code.
    pub code: String,
    /// Its cumulative value at each point; none where it has no value
    /// (a mean over no row, a ratio over nothing).
    pub values: Vec<Option<f64>>,
    /// Each point's quarter on its own (from the quarter's first day to the
    /// point), as the table's period value counts it: what a chart draws as
    /// the quarter's bar, so that a drop shows where a running mean or a
    /// share since the start hides it. A stock's is what was counted in the
    /// quarter, without its baseline.
    pub period_values: Vec<Option<f64>>,
}

impl Series {
    /// The value at the period's end (the last point).
    pub fn last(&self) -> Option<f64> {
        self.values.last().copied().flatten()
    }

    /// The value at the end of the quarter before the last point; none when
    /// the last point is in the programme's first quarter.
    pub fn previous(&self) -> Option<Option<f64>> {
        let n = self.values.len();
        (n >= 2).then(|| self.values[n - 2])
    }
}

impl History {
    /// The series of indicator `code`.
    pub fn get(&self, code: &str) -> Option<&Series> {
        self.indicators.iter().find(|s| s.code == code)
    }
}

/// The points of a history: the end of every quarter from `start` (the
/// programme's first day) to `period`'s end, the last one ending on the
/// period's last day.
pub fn points(start: NaiveDate, period: &Period) -> Vec<Point> {
    Period::quarters(start, period.end)
        .into_iter()
        .map(|quarter| Point {
            end: quarter.end.min(period.end),
            quarter,
        })
        .collect()
}

impl Engine<'_> {
    /// Every indicator's cumulative value at the end of each quarter from
    /// the programme's start to `period`'s end (see [`History`]).
    pub fn history(&self, period: &Period) -> Result<History> {
        let programme = self.programme();
        let points = points(programme.info.start, period);
        let indicators = (0..programme.indicators.len())
            .map(|position| {
                let (period_values, values) = points
                    .iter()
                    .map(|p| self.values_at(position, p.quarter.start, p.end))
                    .collect::<Result<Vec<_>>>()?
                    .into_iter()
                    .unzip();
                Ok(Series {
                    code: programme.indicators[position].code.clone(),
                    values,
                    period_values,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(History { points, indicators })
    }

    /// The period value and the cumulative value of the indicator at
    /// `position` for a period from `start` to `end`, exactly as
    /// [`Engine::compute`] gives them (the indicator's window says which
    /// rows: up to `end`, by default, for the cumulative value).
    fn values_at(
        &self,
        position: usize,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<(Option<f64>, Option<f64>)> {
        let prepared = self.prepare(position)?;
        let err = Engine::compute_error(&self.programme().indicators[position]);
        let ind = &self.programme().indicators[position];
        let (in_period, window) = ind.window.bounds_between(start, end);
        let value = |w| -> Result<Option<f64>> {
            let figures = evaluate(&prepared, w, None).map_err(err)?;
            Ok(figures
                .first()
                .map(|(_, f)| *f)
                .unwrap_or_else(|| empty_window_figure(&prepared))
                .value)
        };
        let counted = value(window)?;
        Ok((
            value(in_period)?,
            crate::baseline::stock_value(ind, counted),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Programme;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn points_end_on_quarters_then_on_the_period() {
        let period = Period::parse(
            "2025-M05",
            crate::Calendar::new(d(2024, 11, 1), d(2026, 10, 31), None),
            d(2026, 10, 31),
        )
        .unwrap();
        let p = points(d(2024, 11, 1), &period);
        let ends: Vec<_> = p.iter().map(|p| p.end).collect();
        assert_eq!(ends, [d(2024, 12, 31), d(2025, 3, 31), d(2025, 5, 31)]);
        assert!(p[1].is_quarter_end() && !p[2].is_quarter_end());
        assert_eq!(p[2].year_quarter(), (2025, 2));
    }

    #[test]
    fn the_last_point_is_the_tables_cumulative_value() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let programme = Programme::load(root.join("tests/compute/programme")).unwrap();
        let data = crate::ingest(&programme, root.join("tests/compute/cases/mini/data")).unwrap();
        let period =
            Period::parse("2024-Q2", programme.info.calendar(), programme.info.end).unwrap();
        let engine = Engine::new(&programme, &data);
        let table = engine.compute(&period).unwrap();
        let history = engine.history(&period).unwrap();
        assert_eq!(history.points.last().unwrap().end, period.end);
        assert_eq!(history.indicators.len(), table.indicators.len());
        for iv in &table.indicators {
            let series = history.get(&iv.code).unwrap();
            assert_eq!(series.values.len(), history.points.len());
            assert_eq!(series.last(), iv.cumulative_value, "{}", iv.code);
            assert_eq!(series.period_values.len(), history.points.len());
            assert_eq!(
                series.period_values.last().copied().flatten(),
                iv.period_value,
                "{}",
                iv.code
            );
        }
        // Each earlier point is the table of a period ending then.
        if history.points.len() >= 2 {
            let q = &history.points[history.points.len() - 2].quarter;
            let earlier = engine.compute(q).unwrap();
            for iv in &earlier.indicators {
                let series = history.get(&iv.code).unwrap();
                assert_eq!(series.previous(), Some(iv.cumulative_value), "{}", iv.code);
                let n = series.period_values.len();
                assert_eq!(series.period_values[n - 2], iv.period_value, "{}", iv.code);
            }
        }
    }
}
