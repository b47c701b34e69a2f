//! At the period's end, by the latest row per unit: of each unit (a
//! centre), the row dated last on or before the period's last day (its last
//! reported status). Both values are taken over those rows.

use polars::prelude::*;

use crate::compute::{DATE, Window};
use crate::error::IndicatorProblem;
use crate::indicator::Selection;
use crate::period::to_epoch_days;
use crate::programme::Programme;

/// Orders rows as the file does, to break a tie between two rows of one
/// unit on one day (the later row wins, as for a `latest` measure).
const ORDER: &str = "__order";

/// Of each unit, its latest row dated on or before the window's end; a row
/// with no unit or no date belongs to no unit's history.
pub(super) fn rows(lf: LazyFrame, unit: &str, w: Window) -> LazyFrame {
    let dated = col(DATE)
        .lt_eq(lit(to_epoch_days(w.end)))
        .and(col(unit).is_not_null());
    let latest = col(ORDER)
        .sort_by(
            [col(DATE), col(ORDER)],
            SortMultipleOptions::default().with_maintain_order(true),
        )
        .last()
        .over([col(unit)])
        .expect("`over` fails only without a partition");
    lf.filter(dated)
        .with_row_index(ORDER, None)
        .filter(col(ORDER).eq(latest))
        .drop(Selector::ByName {
            names: [PlSmallStr::from_static(ORDER)].into(),
            strict: true,
        })
}

/// `unit` is a column of the dataset, and rows are dated (the latest row
/// needs a date).
pub(super) fn check(
    programme: &Programme,
    sel: &Selection,
    unit: &str,
) -> Result<(), IndicatorProblem> {
    super::need_date(sel, "at_end.unit")?;
    super::check_column(programme, sel, "unit", unit, &[])
}
