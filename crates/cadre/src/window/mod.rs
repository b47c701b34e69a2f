//! Windows: which of an indicator's rows make its period value and its
//! cumulative value (the value compared to the target).
//!
//! Each window is a module of its own: `since_start` (the default: the rows
//! dated in the period, and all rows up to its end), `period` (the period's
//! rows for both), `valid_at_end` (the stock on the period's last day, by
//! from/to date columns), `latest_per_unit` (the latest row of each unit up
//! to the period's end) and `latest_round` (only the rows of the latest
//! collection round within the window). A window only chooses rows; the
//! measure then aggregates them as usual, per category for breakdowns.

mod latest_per_unit;
mod latest_round;
mod period;
mod since_start;
mod valid_at_end;

use chrono::NaiveDate;
use polars::prelude::LazyFrame;
use serde::{Deserialize, Serialize};

use crate::compute::Window;
use crate::error::{IndicatorProblem, ShapeProblem, WindowProblem};
use crate::indicator::Selection;
use crate::measure::{MethodPhrase, MethodWriter};
use crate::period::Period;
use crate::programme::Programme;
use crate::schema::ColumnType;

/// An indicator's window, as the definitions write it (`window = "period"`,
/// `window = { at_end = { from = "opened", to = "closed" } }`,
/// `window = { at_end = { unit = "centre" } }`,
/// `window = { latest_round = "round" }`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum WindowDef {
    /// The period's rows for the period value; every row up to the period's
    /// end for the cumulative value.
    #[default]
    SinceStart,
    /// The period's rows for both values: what is compared to the target is
    /// the period's alone.
    Period,
    /// The state on the period's last day, for both values.
    AtEnd(AtEnd),
    /// Only the rows of the latest round (the largest value of this column)
    /// among the rows each value would otherwise take.
    LatestRound(String),
}

/// What "at the period's end" keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawAtEnd", untagged)]
pub enum AtEnd {
    /// The rows valid on that day: `from` on or before it, `to` empty or
    /// after it (a centre opened and not yet closed).
    Valid {
        /// The date a row starts to hold.
        from: String,
        /// The date it stops holding (empty: still holds); none: never stops.
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<String>,
    },
    /// The latest row of each unit dated on or before that day (the last
    /// reported status of each centre).
    LatestPerUnit {
        /// The column naming the unit.
        unit: String,
    },
}

/// `at_end` as written: either `from` (with `to`) or `unit`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAtEnd {
    from: Option<String>,
    to: Option<String>,
    unit: Option<String>,
}

impl TryFrom<RawAtEnd> for AtEnd {
    type Error = ShapeProblem;

    fn try_from(raw: RawAtEnd) -> Result<AtEnd, ShapeProblem> {
        match raw {
            RawAtEnd {
                from: Some(from),
                to,
                unit: None,
            } => Ok(AtEnd::Valid { from, to }),
            RawAtEnd {
                from: None,
                to: None,
                unit: Some(unit),
            } => Ok(AtEnd::LatestPerUnit { unit }),
            _ => Err(crate::programme::shape::refuse(ShapeProblem::AtEndForm)),
        }
    }
}

impl WindowDef {
    /// Whether this is the default window (nothing to say in the method).
    pub fn is_since_start(&self) -> bool {
        *self == WindowDef::SinceStart
    }

    /// The dates bounding the period value's rows and the cumulative
    /// value's rows, before the window keeps its own.
    pub(crate) fn bounds(&self, period: &Period) -> (Window, Window) {
        self.bounds_between(period.start, period.end)
    }

    /// [`WindowDef::bounds`] of a period from `start` to `end`.
    pub(crate) fn bounds_between(&self, start: NaiveDate, end: NaiveDate) -> (Window, Window) {
        match self {
            WindowDef::SinceStart | WindowDef::LatestRound(_) => since_start::bounds(start, end),
            WindowDef::Period => period::bounds(start, end),
            WindowDef::AtEnd(_) => valid_at_end::bounds(end),
        }
    }

    /// The rows of a prepared frame (with `__date` when `dated`, and the
    /// window's own columns under their names) this window keeps within `w`.
    pub(crate) fn rows(&self, lf: LazyFrame, dated: bool, w: Window) -> LazyFrame {
        match self {
            WindowDef::SinceStart | WindowDef::Period => since_start::rows(lf, dated, w),
            WindowDef::AtEnd(AtEnd::Valid { from, to }) => {
                valid_at_end::rows(lf, from, to.as_deref(), w)
            }
            WindowDef::AtEnd(AtEnd::LatestPerUnit { unit }) => latest_per_unit::rows(lf, unit, w),
            WindowDef::LatestRound(round) => latest_round::rows(lf, dated, round, w),
        }
    }

    /// The columns the window reads beside the measure's, kept in its
    /// prepared rows under their names.
    pub(crate) fn columns(&self) -> Vec<&str> {
        match self {
            WindowDef::SinceStart | WindowDef::Period => Vec::new(),
            WindowDef::AtEnd(AtEnd::Valid { from, to }) => std::iter::once(from.as_str())
                .chain(to.as_deref())
                .collect(),
            WindowDef::AtEnd(AtEnd::LatestPerUnit { unit }) => vec![unit.as_str()],
            WindowDef::LatestRound(round) => vec![round.as_str()],
        }
    }

    /// The load-time checks of the window against one of the measure's
    /// selections: its columns exist with the right type, and the selection
    /// is dated when the window needs a date (and not when it dates rows itself).
    pub(crate) fn check(
        &self,
        programme: &Programme,
        sel: &Selection,
    ) -> Result<(), IndicatorProblem> {
        match self {
            WindowDef::SinceStart => Ok(()),
            WindowDef::Period => period::check(sel),
            WindowDef::AtEnd(AtEnd::Valid { from, to }) => {
                valid_at_end::check(programme, sel, from, to.as_deref())
            }
            WindowDef::AtEnd(AtEnd::LatestPerUnit { unit }) => {
                latest_per_unit::check(programme, sel, unit)
            }
            WindowDef::LatestRound(round) => latest_round::check(programme, sel, round),
        }
    }

    /// Writes what the window keeps, after the measure's method; nothing
    /// for the default window.
    pub fn write_method(&self, w: &mut dyn MethodWriter) {
        match self {
            WindowDef::SinceStart => {}
            WindowDef::Period => w.phrase(MethodPhrase::WindowPeriod),
            WindowDef::AtEnd(AtEnd::Valid { from, to }) => {
                w.phrase(MethodPhrase::WindowValidFrom);
                w.code(from);
                w.phrase(MethodPhrase::WindowValidFromOnOrBefore);
                if let Some(to) = to {
                    w.phrase(MethodPhrase::WindowValidTo);
                    w.code(to);
                    w.phrase(MethodPhrase::WindowValidToEmptyOrAfter);
                }
            }
            WindowDef::AtEnd(AtEnd::LatestPerUnit { unit }) => {
                w.phrase(MethodPhrase::WindowLatestPerUnit);
                w.code(unit);
                w.phrase(MethodPhrase::WindowLatestPerUnitUpToEnd);
            }
            WindowDef::LatestRound(round) => {
                w.phrase(MethodPhrase::WindowLatestRound);
                w.code(round);
                w.text(")");
            }
        }
    }
}

/// Checks that `column` of the window (its `key` in the definition) is a
/// column of the selection's dataset of one of `kinds`.
fn check_column(
    programme: &Programme,
    sel: &Selection,
    key: &'static str,
    column: &str,
    kinds: &[ColumnType],
) -> Result<(), IndicatorProblem> {
    let wrap = |problem| IndicatorProblem::Window(problem);
    let found = programme.resolve_column(sel, column).map_err(|e| {
        wrap(WindowProblem::Column {
            key,
            problem: Box::new(e),
        })
    })?;
    if kinds.is_empty() || kinds.contains(&found.kind) {
        Ok(())
    } else {
        Err(wrap(WindowProblem::ColumnType {
            key,
            column: column.to_owned(),
            dataset: sel.dataset.clone(),
            kind: found.kind,
        }))
    }
}

/// The selection must have a `date` for this window.
fn need_date(sel: &Selection, window: &'static str) -> Result<(), IndicatorProblem> {
    match sel.date {
        Some(_) => Ok(()),
        None => Err(IndicatorProblem::Window(WindowProblem::NeedsDate {
            window,
            dataset: sel.dataset.clone(),
        })),
    }
}

#[cfg(test)]
mod tests;
