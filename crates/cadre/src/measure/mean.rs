//! `mean`: the mean of the non-empty values of a column, weighted by
//! another when given (`weight`).

use polars::prelude::{DataType, col};
use serde::Serialize;

use super::{
    IatiMeasure, MeasureImpl, MeasureType, MethodPhrase, MethodWriter, Parsed, RawMeasure, weight,
};
use crate::compute::{Agg, Engine, Prepared};
use crate::error::{IndicatorProblem, Result};
use crate::explain::{Aggregation, PartSpec, Role};
use crate::indicator::{IndicatorDef, Selection};
use crate::programme::Programme;
use crate::text::Localized;

/// Mean of the non-empty values of a column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mean {
    /// The rows.
    #[serde(flatten)]
    pub rows: Selection,
    /// The column averaged.
    pub column: String,
    /// The column weighting each row (Σ w·x / Σ w); none for a plain mean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
}

/// The keys a mean takes beside its selection.
pub(super) const KEYS: &[&str] = &["column", "weight"];

pub(super) fn parse(mut raw: RawMeasure) -> Parsed {
    let rows = raw.selection()?;
    let column = raw.need(|r| r.column.take(), "column")?;
    Ok(super::Measure::Mean(Mean {
        rows,
        column,
        weight: raw.weight.take(),
    }))
}

impl MeasureImpl for Mean {
    fn measure_type(&self) -> MeasureType {
        MeasureType::Mean
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
        programme.check_numeric(&self.rows, &self.column)?;
        match &self.weight {
            Some(w) => weight::check(programme, &self.rows, w),
            None => Ok(()),
        }
    }

    /// A plain mean is one aggregate; a weighted one, two sums over the same
    /// rows: Σ w·x, and Σ w over the rows with a value.
    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared> {
        if let Some(w) = &self.weight {
            let x = col(self.column.as_str()).cast(DataType::Float64);
            let known = x.clone().is_not_null().cast(DataType::Float64);
            return Ok(Prepared::Ratio {
                numerator: engine.side(ind, &self.rows, Agg::Sum, Some(x * weight::value(w)))?,
                denominator: engine.denominator_side(
                    ind,
                    &self.rows,
                    Agg::Sum,
                    Some(known * weight::value(w)),
                )?,
                scale: 1.0,
            });
        }
        let value = Some(col(self.column.as_str()));
        Ok(Prepared::Single(engine.side(
            ind,
            &self.rows,
            Agg::Mean,
            value,
        )?))
    }

    fn explain_parts<'p>(&'p self, prepared: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>) {
        if let Some(weight) = &self.weight {
            let (numerator, denominator) = prepared.sides();
            let part = |role, side, aggregate| PartSpec {
                role,
                side,
                selection: self.rows.clone(),
                condition: None,
                aggregate,
            };
            let parts = vec![
                part(
                    Role::Numerator,
                    numerator,
                    Aggregation::WeightedSum {
                        column: self.column.clone(),
                        weight: weight.clone(),
                    },
                ),
                part(
                    Role::Denominator,
                    denominator,
                    Aggregation::WeightKnown {
                        column: Some(self.column.clone()),
                        weight: weight.clone(),
                    },
                ),
            ];
            return (Some(1.0), parts);
        }
        let aggregate = Aggregation::Mean {
            column: self.column.clone(),
        };
        let part = PartSpec::rows(prepared, &self.rows, Role::Rows, aggregate);
        (None, vec![part])
    }

    fn write_method(&self, w: &mut dyn MethodWriter) {
        w.phrase(MethodPhrase::MeanOf);
        w.code(&self.column);
        w.rows(&self.rows);
        if let Some(weight) = &self.weight {
            w.phrase(MethodPhrase::WeightedBy);
            w.code(weight);
        }
    }

    fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        IatiMeasure::quantitative(unit)
    }
}
