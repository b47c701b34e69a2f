//! `sum`: the sum of a column over the selected rows (empty cells count 0).

use polars::prelude::col;
use serde::Serialize;

use super::{
    IatiMeasure, MeasureImpl, MeasureType, MethodPhrase, MethodWriter, Parsed, RawMeasure,
};
use crate::compute::{Agg, Engine, Prepared};
use crate::error::{IndicatorProblem, Result};
use crate::explain::{Aggregation, PartSpec, Role};
use crate::indicator::{IndicatorDef, Selection};
use crate::programme::Programme;
use crate::text::Localized;

/// Sum of a column over the selected rows (empty cells count 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sum {
    /// The rows.
    #[serde(flatten)]
    pub rows: Selection,
    /// The column summed.
    pub column: String,
}

/// The keys a sum takes beside its selection.
pub(super) const KEYS: &[&str] = &["column"];

pub(super) fn parse(mut raw: RawMeasure) -> Parsed {
    let rows = raw.selection()?;
    let column = raw.need(|r| r.column.take(), "column")?;
    Ok(super::Measure::Sum(Sum { rows, column }))
}

impl MeasureImpl for Sum {
    fn measure_type(&self) -> MeasureType {
        MeasureType::Sum
    }

    fn selections(&self) -> Vec<&Selection> {
        vec![&self.rows]
    }

    fn can_be_empty(&self) -> bool {
        false
    }

    fn is_additive(&self) -> bool {
        true
    }

    fn check(&self, programme: &Programme) -> std::result::Result<(), IndicatorProblem> {
        programme.check_numeric(&self.rows, &self.column)
    }

    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared> {
        let value = Some(col(self.column.as_str()));
        Ok(Prepared::Single(engine.side(
            ind,
            &self.rows,
            Agg::Sum,
            value,
        )?))
    }

    fn explain_parts<'p>(&'p self, prepared: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>) {
        let aggregate = Aggregation::Sum {
            column: self.column.clone(),
        };
        let part = PartSpec::rows(prepared, &self.rows, Role::Rows, aggregate);
        (None, vec![part])
    }

    fn write_method(&self, w: &mut dyn MethodWriter) {
        w.phrase(MethodPhrase::SumOf);
        w.code(&self.column);
        w.rows(&self.rows);
        w.phrase(MethodPhrase::EmptyCountsZero);
    }

    fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        IatiMeasure::quantitative(unit)
    }

    fn additive_across_periods(&self) -> bool {
        true
    }
}
