//! `latest`: the value of a column on the latest-dated selected row that
//! has one (ties: the last row of the sheet).

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

/// The value of a column on the latest-dated selected row (ties: the last
/// row of the sheet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Latest {
    /// The rows (a date column is required).
    #[serde(flatten)]
    pub rows: Selection,
    /// The column read.
    pub column: String,
}

/// The keys a latest value takes beside its selection.
pub(super) const KEYS: &[&str] = &["column"];

pub(super) fn parse(mut raw: RawMeasure) -> Parsed {
    let rows = raw.selection()?;
    if rows.date.is_none() {
        return Err(crate::error::ShapeProblem::LatestNeedsDate);
    }
    let column = raw.need(|r| r.column.take(), "column")?;
    Ok(super::Measure::Latest(Latest { rows, column }))
}

impl MeasureImpl for Latest {
    fn measure_type(&self) -> MeasureType {
        MeasureType::Latest
    }

    fn selections(&self) -> Vec<&Selection> {
        vec![&self.rows]
    }

    fn can_be_empty(&self) -> bool {
        true
    }

    fn is_additive(&self) -> bool {
        false
    }

    fn check(&self, programme: &Programme) -> std::result::Result<(), IndicatorProblem> {
        programme.check_numeric(&self.rows, &self.column)
    }

    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared> {
        let value = Some(col(self.column.as_str()));
        let side = engine.side(ind, &self.rows, Agg::Latest, value)?;
        // The latest row that has a value.
        Ok(Prepared::Single(side.with_values_only(ind)?))
    }

    fn explain_parts<'p>(&'p self, prepared: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>) {
        let aggregate = Aggregation::Latest {
            column: self.column.clone(),
        };
        let part = PartSpec::rows(prepared, &self.rows, Role::Rows, aggregate);
        (None, vec![part])
    }

    fn write_method(&self, w: &mut dyn MethodWriter) {
        w.phrase(MethodPhrase::ValueOf);
        w.code(&self.column);
        w.phrase(MethodPhrase::AtDate);
        if let Some(d) = &self.rows.date {
            w.code(d);
        }
        w.phrase(MethodPhrase::Latest);
        w.rows(&self.rows);
    }

    fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        IatiMeasure::quantitative(unit)
    }
}
