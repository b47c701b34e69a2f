//! Since the start (the default): the period value takes the rows dated in
//! the period, the cumulative value every row dated up to the period's end.
//! Undated rows are taken whole in both.

use polars::prelude::*;

use chrono::NaiveDate;

use crate::compute::{DATE, Window};
use crate::period::to_epoch_days;

/// The period, and everything up to its end.
pub(super) fn bounds(start: NaiveDate, end: NaiveDate) -> (Window, Window) {
    let in_period = Window {
        start: Some(start),
        end,
    };
    let cumulative = Window { start: None, end };
    (in_period, cumulative)
}

/// The rows dated within `w` (every row when undated).
pub(super) fn rows(lf: LazyFrame, dated: bool, w: Window) -> LazyFrame {
    if !dated {
        return lf;
    }
    lf.filter(within(w))
}

/// `__date` within `w`: a row with no date is in no window.
pub(super) fn within(w: Window) -> Expr {
    let mut cond = col(DATE).lt_eq(lit(to_epoch_days(w.end)));
    if let Some(start) = w.start {
        cond = cond.and(col(DATE).gt_eq(lit(to_epoch_days(start))));
    }
    cond
}
