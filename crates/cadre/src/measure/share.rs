//! `share`: the share of the rows meeting a condition, among the rows where
//! a column is known, times a scale (100: a percentage); each row weighted by
//! a column when given (`weight`).

use polars::prelude::{DataFrame, DataType, Expr, IntoLazy, NULL, PolarsResult, col, lit, when};
use serde::Serialize;

use super::{
    HUNDRED, IatiMeasure, MeasureImpl, MeasureType, MethodPhrase, MethodWriter, Parsed, RawMeasure,
    weight, write_scale,
};
use crate::compute::{Agg, Engine, Prepared, VALUE, category_column};
use crate::error::{Error, IndicatorProblem, Result};
use crate::explain::{Aggregation, PartSpec, Role};
use crate::filter;
use crate::indicator::{IndicatorDef, Selection, Split};
use crate::programme::Programme;
use crate::text::Localized;

/// Share of the rows meeting a condition, among the rows where `known` is
/// not empty, times `scale` (100: a percentage).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    /// The rows.
    #[serde(flatten)]
    pub rows: Selection,
    /// The SQL condition counted in the numerator.
    pub condition: String,
    /// What the condition means, in plain words per language.
    #[serde(skip_serializing_if = "Localized::is_empty")]
    pub condition_label: Localized,
    /// The column that must be known for a row to count at all.
    pub known: Option<String>,
    /// Multiplier of the share.
    pub scale: f64,
    /// The column weighting each row (Σ w where met / Σ w); none to count
    /// rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
}

/// The keys a share takes beside its selection.
pub(super) const KEYS: &[&str] = &["condition", "condition_label", "known", "scale", "weight"];

pub(super) fn parse(mut raw: RawMeasure) -> Parsed {
    let rows = raw.selection()?;
    let condition = raw.need(|r| r.condition.take(), "condition")?;
    Ok(super::Measure::Share(Share {
        rows,
        condition,
        condition_label: raw.condition_label,
        known: raw.known,
        scale: raw.scale.unwrap_or(HUNDRED),
        weight: raw.weight,
    }))
}

impl Share {
    /// 1 for a row that counts at all (its `known` column is known), else 0.
    fn known_expr(&self) -> Expr {
        self.known
            .as_deref()
            .map(|k| col(k).is_not_null())
            .unwrap_or(lit(true))
    }
}

impl MeasureImpl for Share {
    fn measure_type(&self) -> MeasureType {
        MeasureType::Share
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
        programme.check_condition(&self.rows, &self.condition)?;
        if let Some(k) = &self.known {
            programme.resolve_column(&self.rows, k)?;
        }
        match &self.weight {
            Some(w) => weight::check(programme, &self.rows, w),
            None => Ok(()),
        }
    }

    /// Two sums over the same rows: of the rows meeting the condition (and
    /// known), and of the rows known; of their weights when weighted.
    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared> {
        let (condition, _) = filter::compile(&self.condition).map_err(|e| Error::Compute {
            indicator: ind.code.clone(),
            message: e.0,
            defined_at: ind.defined_at.clone(),
        })?;
        let met = condition
            .fill_null(lit(false))
            .and(self.known_expr())
            .cast(DataType::Float64);
        let known = self.known_expr().cast(DataType::Float64);
        let (met, known) = match &self.weight {
            Some(w) => (met * weight::value(w), known * weight::value(w)),
            None => (met, known),
        };
        let mut numerator = engine.side(ind, &self.rows, Agg::Sum, Some(met))?;
        numerator.frame = outside_numerator_uncategorised(numerator.frame, ind)
            .map_err(Engine::compute_error(ind))?;
        Ok(Prepared::Ratio {
            numerator,
            denominator: engine.denominator_side(ind, &self.rows, Agg::Sum, Some(known))?,
            scale: self.scale,
        })
    }

    fn explain_parts<'p>(&'p self, prepared: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>) {
        let (numerator, denominator) = prepared.sides();
        let parts = vec![
            PartSpec {
                role: Role::Numerator,
                side: numerator,
                selection: self.rows.clone(),
                condition: Some(self.condition.clone()),
                aggregate: match &self.weight {
                    Some(weight) => Aggregation::WeightWhere {
                        condition: self.condition.clone(),
                        weight: weight.clone(),
                    },
                    None => Aggregation::CountWhere {
                        condition: self.condition.clone(),
                    },
                },
            },
            PartSpec {
                role: Role::Denominator,
                side: denominator,
                selection: self.rows.clone(),
                condition: None,
                aggregate: match &self.weight {
                    Some(weight) => Aggregation::WeightKnown {
                        column: self.known.clone(),
                        weight: weight.clone(),
                    },
                    None => Aggregation::CountKnown {
                        column: self.known.clone(),
                    },
                },
            },
        ];
        (Some(self.scale), parts)
    }

    fn write_method(&self, w: &mut dyn MethodWriter) {
        w.phrase(MethodPhrase::Rows);
        w.rows(&self.rows);
        w.counted(&self.condition, &self.condition_label);
        match &self.known {
            Some(column) => {
                w.phrase(MethodPhrase::OverThoseWhere);
                w.code(column);
                w.phrase(MethodPhrase::IsKnown);
            }
            None => w.phrase(MethodPhrase::OverAllRows),
        }
        if let Some(weight) = &self.weight {
            w.phrase(MethodPhrase::WeightedBy);
            w.code(weight);
        }
        write_scale(w, self.scale);
    }

    fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        IatiMeasure::quantitative(unit)
    }
}

/// The numerator's rows with no category, for a breakdown of the numerator
/// only, where they do not belong to the numerator (worth 0: the condition
/// is not met, or the row weighs 0): the categories are those of the rows
/// counted, and a row not counted must not add an empty category at 0 %.
fn outside_numerator_uncategorised(
    frame: DataFrame,
    ind: &IndicatorDef,
) -> PolarsResult<DataFrame> {
    let split: Vec<Expr> = ind
        .breakdowns
        .iter()
        .filter(|b| b.split == Split::Numerator)
        .map(|b| {
            let cat = category_column(&b.by);
            when(col(VALUE).gt(lit(0.0)))
                .then(col(cat.as_str()))
                .otherwise(lit(NULL).cast(DataType::String))
                .alias(cat)
        })
        .collect();
    if split.is_empty() {
        return Ok(frame);
    }
    frame.lazy().with_columns(split).collect()
}
