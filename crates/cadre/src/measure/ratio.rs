//! `ratio`: one aggregate over another, times a scale; the two sides may
//! read different datasets, and an undated side is taken whole.

use polars::prelude::col;
use serde::{Deserialize, Serialize};

use super::{
    HUNDRED, IatiMeasure, MeasureImpl, MeasureType, MethodPhrase, MethodWriter, Parsed, RawMeasure,
    write_aggregate, write_scale,
};
use crate::compute::{Agg, Engine, Prepared, Side};
use crate::error::{IndicatorProblem, Result, ShapeProblem};
use crate::explain::{Aggregation, PartSpec, Role};
use crate::indicator::{IndicatorDef, Selection};
use crate::programme::Programme;
use crate::text::Localized;

/// One aggregate over another, times `scale`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ratio {
    /// The numerator.
    pub numerator: Aggregate,
    /// The denominator; no value when it is zero or negative.
    pub denominator: Aggregate,
    /// Multiplier of the ratio.
    pub scale: f64,
}

/// An aggregate over a selection, one side of a ratio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawAggregate")]
pub struct Aggregate {
    /// The rows.
    #[serde(flatten)]
    pub rows: Selection,
    /// What is computed on them.
    pub aggregate: AggregateKind,
    /// The column aggregated (for `distinct` and `sum`).
    #[serde(default)]
    pub column: Option<String>,
}

/// What an [`Aggregate`] (or a group's members) computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregateKind {
    /// Number of rows.
    Count,
    /// Number of distinct non-empty values of a column.
    Distinct,
    /// Sum of a column.
    Sum,
}

impl AggregateKind {
    /// The engine's aggregation of a side computing this.
    pub(crate) fn agg(self) -> Agg {
        match self {
            AggregateKind::Count => Agg::Count,
            AggregateKind::Distinct => Agg::Distinct,
            AggregateKind::Sum => Agg::Sum,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAggregate {
    dataset: String,
    date: Option<String>,
    filter: Option<String>,
    #[serde(default)]
    filter_label: Localized,
    aggregate: AggregateKind,
    column: Option<String>,
}

impl TryFrom<RawAggregate> for Aggregate {
    type Error = ShapeProblem;

    fn try_from(raw: RawAggregate) -> std::result::Result<Self, ShapeProblem> {
        let refuse = crate::programme::shape::refuse;
        match (raw.aggregate, &raw.column) {
            (AggregateKind::Count, Some(_)) => {
                return Err(refuse(ShapeProblem::CountWithColumn));
            }
            (AggregateKind::Distinct | AggregateKind::Sum, None) => {
                return Err(refuse(ShapeProblem::AggregateNeedsColumn));
            }
            _ => {}
        }
        Ok(Aggregate {
            rows: Selection {
                dataset: raw.dataset,
                date: raw.date,
                filter: raw.filter,
                filter_label: raw.filter_label,
            },
            aggregate: raw.aggregate,
            column: raw.column,
        })
    }
}

/// The keys a ratio takes: its two sides carry their own selections.
pub(super) const KEYS: &[&str] = &["numerator", "denominator", "scale"];

pub(super) fn parse(mut raw: RawMeasure) -> Parsed {
    if raw.dataset.is_some()
        || raw.date.is_some()
        || raw.filter.is_some()
        || !raw.filter_label.0.is_empty()
    {
        return Err(ShapeProblem::RatioSelectionOutsideSides);
    }
    Ok(super::Measure::Ratio(Ratio {
        numerator: raw.need(|r| r.numerator.take(), "numerator")?,
        denominator: raw.need(|r| r.denominator.take(), "denominator")?,
        scale: raw.scale.unwrap_or(HUNDRED),
    }))
}

impl Aggregate {
    fn check(&self, programme: &Programme) -> std::result::Result<(), IndicatorProblem> {
        match (&self.column, self.aggregate) {
            (None, _) => Ok(()),
            (Some(c), AggregateKind::Sum) => programme.check_numeric(&self.rows, c),
            (Some(c), AggregateKind::Count | AggregateKind::Distinct) => {
                programme.resolve_column(&self.rows, c).map(|_| ())
            }
        }
    }

    /// The rows of this side; `role` says which, for its categories (a
    /// denominator has its own column, or none when kept whole).
    fn prepare(&self, engine: &Engine, ind: &IndicatorDef, role: Role) -> Result<Side> {
        let value = self.column.as_deref().map(col);
        let agg = self.aggregate.agg();
        match role {
            Role::Denominator => engine.denominator_side(ind, &self.rows, agg, value),
            _ => engine.side(ind, &self.rows, agg, value),
        }
    }

    fn part<'p>(&self, role: Role, side: &'p Side) -> PartSpec<'p> {
        let column = || self.column.clone().unwrap_or_default();
        let aggregate = match self.aggregate {
            AggregateKind::Count => Aggregation::Count,
            AggregateKind::Distinct => Aggregation::Distinct { column: column() },
            AggregateKind::Sum => Aggregation::Sum { column: column() },
        };
        PartSpec {
            role,
            side,
            selection: self.rows.clone(),
            condition: None,
            aggregate,
        }
    }

    fn write(&self, w: &mut dyn MethodWriter) {
        write_aggregate(w, self.aggregate, self.column.as_deref(), &self.rows);
    }
}

impl MeasureImpl for Ratio {
    fn measure_type(&self) -> MeasureType {
        MeasureType::Ratio
    }

    fn selections(&self) -> Vec<&Selection> {
        vec![&self.numerator.rows, &self.denominator.rows]
    }

    fn can_be_empty(&self) -> bool {
        true
    }

    fn is_additive(&self) -> bool {
        false
    }

    fn check(&self, programme: &Programme) -> std::result::Result<(), IndicatorProblem> {
        self.numerator.check(programme)?;
        self.denominator.check(programme)
    }

    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared> {
        Ok(Prepared::Ratio {
            numerator: self.numerator.prepare(engine, ind, Role::Numerator)?,
            denominator: self.denominator.prepare(engine, ind, Role::Denominator)?,
            scale: self.scale,
        })
    }

    fn explain_parts<'p>(&'p self, prepared: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>) {
        let (n, d) = prepared.sides();
        let parts = vec![
            self.numerator.part(Role::Numerator, n),
            self.denominator.part(Role::Denominator, d),
        ];
        (Some(self.scale), parts)
    }

    fn write_method(&self, w: &mut dyn MethodWriter) {
        w.text("(");
        self.numerator.write(w);
        w.text(") / (");
        self.denominator.write(w);
        w.text(")");
        write_scale(w, self.scale);
        w.phrase(MethodPhrase::NoValueWhenZero);
    }

    fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        IatiMeasure::quantitative(unit)
    }
}
