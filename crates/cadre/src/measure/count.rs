//! `count`: the number of selected rows.

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

/// Number of selected rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    /// The rows.
    #[serde(flatten)]
    pub rows: Selection,
}

/// The keys a count takes beside its selection.
pub(super) const KEYS: &[&str] = &[];

pub(super) fn parse(mut raw: RawMeasure) -> Parsed {
    Ok(super::Measure::Count(Count {
        rows: raw.selection()?,
    }))
}

impl MeasureImpl for Count {
    fn measure_type(&self) -> MeasureType {
        MeasureType::Count
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

    fn check(&self, _: &Programme) -> std::result::Result<(), IndicatorProblem> {
        Ok(())
    }

    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared> {
        Ok(Prepared::Single(engine.side(
            ind,
            &self.rows,
            Agg::Count,
            None,
        )?))
    }

    fn explain_parts<'p>(&'p self, prepared: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>) {
        let part = PartSpec::rows(prepared, &self.rows, Role::Rows, Aggregation::Count);
        (None, vec![part])
    }

    fn write_method(&self, w: &mut dyn MethodWriter) {
        w.phrase(MethodPhrase::CountRows);
        w.rows(&self.rows);
    }

    fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        IatiMeasure::quantitative(unit)
    }

    fn additive_across_periods(&self) -> bool {
        true
    }
}
