//! The period alone: both the period value and the value compared to the
//! target take only the rows dated in the period (a yearly figure against a
//! yearly target, not a running total).

use chrono::NaiveDate;

use crate::compute::Window;
use crate::error::IndicatorProblem;
use crate::indicator::Selection;

/// The period, for both values.
pub(super) fn bounds(start: NaiveDate, end: NaiveDate) -> (Window, Window) {
    let in_period = Window {
        start: Some(start),
        end,
    };
    (in_period, in_period)
}

/// Undated rows are in every period: a window of the period means nothing
/// for them.
pub(super) fn check(sel: &Selection) -> Result<(), IndicatorProblem> {
    super::need_date(sel, "period")
}
