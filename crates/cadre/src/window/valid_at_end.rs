//! At the period's end, by from/to dates: the rows valid on the period's
//! last day (a stock: the centres operating on 31 December are those opened
//! on or before it and not closed by then). Both values are that stock.

use polars::prelude::*;

use chrono::NaiveDate;

use crate::compute::Window;
use crate::error::{IndicatorProblem, WindowProblem};
use crate::indicator::Selection;
use crate::period::to_epoch_days;
use crate::programme::Programme;
use crate::schema::ColumnType;

/// The period's last day for both values (the start does not matter: a
/// stock holds rows opened long before the period).
pub(super) fn bounds(end: NaiveDate) -> (Window, Window) {
    let at_end = Window { start: None, end };
    (at_end, at_end)
}

/// The rows whose `from` is on or before the window's end and whose `to`
/// is empty or after it: a row closed on that very day no longer holds.
/// A row with no `from` never started.
pub(super) fn rows(lf: LazyFrame, from: &str, to: Option<&str>, w: Window) -> LazyFrame {
    let end = lit(to_epoch_days(w.end));
    let mut cond = col(from).cast(DataType::Int32).lt_eq(end.clone());
    if let Some(to) = to {
        let to = col(to).cast(DataType::Int32);
        cond = cond.and(to.clone().is_null().or(to.gt(end)));
    }
    lf.filter(cond)
}

/// `from` and `to` are date columns of the dataset, and the measure gives
/// no `date` of its own (the window dates the rows).
pub(super) fn check(
    programme: &Programme,
    sel: &Selection,
    from: &str,
    to: Option<&str>,
) -> Result<(), IndicatorProblem> {
    if let Some(date) = &sel.date {
        return Err(IndicatorProblem::Window(WindowProblem::DatedTwice {
            date: date.clone(),
        }));
    }
    super::check_column(programme, sel, "from", from, &[ColumnType::Date])?;
    if let Some(to) = to {
        super::check_column(programme, sel, "to", to, &[ColumnType::Date])?;
    }
    Ok(())
}
