//! The latest collection round: among the rows a value would take (dated
//! in the period, or up to its end), only those of the latest round, the
//! largest value of the round column (a survey's round number, or its date).
//! The round is the latest overall, not per category: a breakdown splits the
//! latest round's rows.

use polars::prelude::*;

use crate::compute::Window;
use crate::error::IndicatorProblem;
use crate::indicator::Selection;
use crate::programme::Programme;
use crate::schema::ColumnType;

/// The rows of the latest round within `w`; a row with no round is in none.
pub(super) fn rows(lf: LazyFrame, dated: bool, round: &str, w: Window) -> LazyFrame {
    super::since_start::rows(lf, dated, w).filter(col(round).eq(col(round).max()))
}

/// `round` is a number or a date column of the dataset: rounds are ordered.
pub(super) fn check(
    programme: &Programme,
    sel: &Selection,
    round: &str,
) -> Result<(), IndicatorProblem> {
    let ordered = [ColumnType::Integer, ColumnType::Amount, ColumnType::Date];
    super::check_column(programme, sel, "latest_round", round, &ordered)
}
