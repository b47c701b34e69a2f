//! `weight`: a column weighting the rows of a `mean` or a `share` (a
//! survey's sampling weights). A weighted mean is Σ w·x / Σ w over the rows
//! with a value; a weighted share is Σ w over the rows meeting the condition
//! / Σ w over the rows counted, × scale. Both are kept as their two weighted
//! sums, which `explain` shows as the numerator and the denominator.
//!
//! An empty or a negative weight is never met at computation: the weight
//! column must be required and declare `min = 0` in `datasets.toml` (checked
//! at load), so ingestion refuses such a row with its file and row, as for
//! any column rule. A weight of 0 counts the row for nothing.

use polars::prelude::{DataType, Expr, col};

use crate::error::IndicatorProblem;
use crate::indicator::Selection;
use crate::programme::Programme;

/// A weight's value per row, as a number.
pub(super) fn value(column: &str) -> Expr {
    col(column).cast(DataType::Float64)
}

/// The load-time checks of a weight column: a number, which ingestion
/// refuses empty or negative (declared required, with a `min` of 0 or more;
/// through a reference, the referencing column required too).
pub(super) fn check(
    programme: &Programme,
    rows: &Selection,
    column: &str,
) -> std::result::Result<(), IndicatorProblem> {
    programme.check_numeric(rows, column)?;
    let resolved = programme.resolve_column(rows, column)?;
    let unchecked = || IndicatorProblem::WeightUnchecked {
        column: column.to_owned(),
        dataset: rows.dataset.clone(),
    };
    let own = programme.dataset(&rows.dataset).ok_or_else(unchecked)?;
    let schema = match &resolved.via {
        None => own.column(&resolved.name),
        Some((reference, target)) => {
            let link = own.column(reference).ok_or_else(unchecked)?;
            if !link.required {
                return Err(unchecked());
            }
            link.references
                .as_deref()
                .and_then(|d| programme.dataset(d))
                .and_then(|d| d.column(target))
        }
    }
    .ok_or_else(unchecked)?;
    if schema.required && schema.min.is_some_and(|m| m >= 0.0) {
        Ok(())
    } else {
        Err(unchecked())
    }
}
