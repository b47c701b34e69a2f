//! `distinct`: the number of distinct non-empty values of a column among
//! the selected rows; in a period, either every value active in it (the
//! default) or only those new in it (`counts = "new"`: their first row since
//! the start is dated in the period). The cumulative value is the same
//! either way: the distinct values since the start.

use polars::prelude::col;
use serde::{Deserialize, Serialize};

use super::{
    IatiMeasure, MeasureImpl, MeasureType, MethodPhrase, MethodWriter, Parsed, RawMeasure,
};
use crate::compute::{Agg, Engine, Prepared};
use crate::error::{CountsNewProblem, IndicatorProblem, Result};
use crate::explain::{Aggregation, PartSpec, Role};
use crate::indicator::{IndicatorDef, Selection};
use crate::programme::Programme;
use crate::text::Localized;
use crate::window::WindowDef;

/// Number of distinct non-empty values of a column among the selected rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distinct {
    /// The rows.
    #[serde(flatten)]
    pub rows: Selection,
    /// The column whose values are counted.
    pub column: String,
    /// Which values a period counts.
    #[serde(skip_serializing_if = "DistinctCounts::is_active")]
    pub counts: DistinctCounts,
}

/// Which values of a distinct count a period counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistinctCounts {
    /// Every value with a row dated in the period, seen before or not.
    #[default]
    Active,
    /// Only the values whose first row since the start is dated in the period.
    New,
}

impl DistinctCounts {
    /// Whether this is the default (counting the active values).
    pub fn is_active(&self) -> bool {
        *self == DistinctCounts::Active
    }
}

/// The keys a distinct count takes beside its selection.
pub(super) const KEYS: &[&str] = &["column", "counts"];

pub(super) fn parse(mut raw: RawMeasure) -> Parsed {
    let rows = raw.selection()?;
    let column = raw.need(|r| r.column.take(), "column")?;
    let counts = raw.counts.take().unwrap_or_default();
    Ok(super::Measure::Distinct(Distinct {
        rows,
        column,
        counts,
    }))
}

impl MeasureImpl for Distinct {
    fn measure_type(&self) -> MeasureType {
        MeasureType::Distinct
    }

    fn selections(&self) -> Vec<&Selection> {
        vec![&self.rows]
    }

    fn can_be_empty(&self) -> bool {
        false
    }

    /// One value may fall in two categories: they do not add up.
    fn is_additive(&self) -> bool {
        false
    }

    fn check(&self, programme: &Programme) -> std::result::Result<(), IndicatorProblem> {
        programme.resolve_column(&self.rows, &self.column)?;
        Ok(())
    }

    fn check_window(&self, window: &WindowDef) -> std::result::Result<(), IndicatorProblem> {
        if self.counts == DistinctCounts::Active {
            return Ok(());
        }
        if self.rows.date.is_none() {
            return Err(IndicatorProblem::CountsNew(CountsNewProblem::Undated));
        }
        match window {
            WindowDef::AtEnd(_) => Err(IndicatorProblem::CountsNew(CountsNewProblem::AtEnd)),
            _ => Ok(()),
        }
    }

    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared> {
        let value = Some(col(self.column.as_str()));
        let agg = match self.counts {
            DistinctCounts::Active => Agg::Distinct,
            DistinctCounts::New => Agg::DistinctNew,
        };
        Ok(Prepared::Single(engine.side(ind, &self.rows, agg, value)?))
    }

    fn explain_parts<'p>(&'p self, prepared: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>) {
        let aggregate = Aggregation::Distinct {
            column: self.column.clone(),
        };
        let part = PartSpec::rows(prepared, &self.rows, Role::Rows, aggregate);
        (None, vec![part])
    }

    fn write_method(&self, w: &mut dyn MethodWriter) {
        w.phrase(MethodPhrase::DistinctNonEmptyOf);
        w.code(&self.column);
        w.rows(&self.rows);
        if self.counts == DistinctCounts::New {
            w.phrase(MethodPhrase::CountsNewInPeriod);
        }
    }

    fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        IatiMeasure::quantitative(unit)
    }
}
