//! Stages per unit: each unit (a municipality) stands at the stage of its
//! latest-dated row in the window; the value is the number of units standing
//! at the target stage or beyond, or their share of the units.
//!
//! In a breakdown, a unit falls in the category of its latest row. A
//! breakdown by the stage column itself says how many units stand at each
//! stage (all of them, reaching the target or not): that is what a reader of
//! a scale of stages asks of it, and a count of units reaching the target
//! would only repeat the total on the stages beyond it.

use polars::prelude::*;

use crate::compute::{Agg, DATE, Engine, Side, VALUE, Window, category_column, window_rows};
use crate::error::Result;
use crate::indicator::{IndicatorDef, Selection};

/// The unit of each row, in a side's frame.
const UNIT: &str = "__unit";
/// The per-unit result of a unit: whether its stage reaches the target.
const REACHES: &str = "__reaches";

/// How units are judged and counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct UnitsRule {
    /// The target stage's rank: a unit reaches it at that rank or beyond.
    pub target_rank: f64,
    /// The multiplier of a share of units; a number of units without it.
    pub scale: Option<f64>,
}

impl UnitsRule {
    /// The value over no unit: no unit counted, or no share.
    pub(crate) fn empty_value(self) -> Option<f64> {
        match self.scale {
            None => Some(0.0),
            Some(_) => None,
        }
    }
}

/// The marker column saying that the breakdown whose category column is
/// `category` is by the stage column itself (a constant, present or not).
fn by_stage_marker(category: &str) -> String {
    format!("{category}__by_stage")
}

/// The rows of a per-unit stage: the rank as `__value`, the unit as
/// `__unit`, the categories, and a marker for each breakdown by the stage
/// column itself.
pub(crate) fn side(
    engine: &Engine,
    ind: &IndicatorDef,
    rows: &Selection,
    per: &str,
    stage_column: &str,
    rule: UnitsRule,
    value: Option<Expr>,
) -> Result<Side> {
    let categories: Vec<(String, String)> = ind
        .breakdowns
        .iter()
        .map(|b| (b.by.clone(), b.column().to_owned()))
        .collect();
    let err = Engine::compute_error(ind);
    // The unit, and the columns the indicator's window reads.
    let mut keep = ind.window.columns();
    keep.push(per);
    let frame = engine
        .selection_frame_with(rows, &keep, value, &categories)
        .map_err(err)?;
    let mut marked = frame.lazy().rename([per], [UNIT], true);
    for b in ind.breakdowns.iter().filter(|b| b.column() == stage_column) {
        marked = marked.with_column(lit(true).alias(by_stage_marker(&category_column(&b.by))));
    }
    Ok(Side {
        frame: marked.collect().map_err(err)?,
        agg: Agg::Units(rule),
        dated: true,
        window: ind.window.clone(),
    })
}

/// The value of a per-unit stage over a window: in total (`by` None) or
/// per category.
pub(crate) fn aggregate(
    s: &Side,
    w: Window,
    by: Option<&str>,
    rule: UnitsRule,
) -> PolarsResult<Vec<(Option<String>, Option<f64>)>> {
    let latest = |c: &str| {
        col(c)
            .sort_by(
                [col(DATE)],
                SortMultipleOptions::default().with_maintain_order(true),
            )
            .last()
    };
    let mut per_unit = vec![latest(VALUE)];
    per_unit.extend(by.map(|c| latest(c).alias(c)));
    let units = window_rows(s, w)
        .filter(col(UNIT).is_not_null())
        .group_by([col(UNIT)])
        .agg(per_unit)
        .with_column(
            col(VALUE)
                .gt_eq(lit(rule.target_rank))
                .cast(DataType::Float64)
                .alias(REACHES),
        );
    let of_units = match rule.scale {
        None => col(REACHES).sum(),
        Some(scale) => col(REACHES).mean() * lit(scale),
    };
    match by {
        None => {
            let out = units.select([of_units.alias("__v")]).collect()?;
            let v = match out.height() {
                0 => None,
                _ => out.column("__v")?.f64()?.get(0),
            };
            // Over no unit none reaches the target (0), and no share exists.
            Ok(vec![(None, v.or_else(|| rule.empty_value()))])
        }
        Some(cat) => {
            let e = if s.frame.schema().contains(&by_stage_marker(cat)) {
                len().cast(DataType::Float64)
            } else {
                of_units
            };
            let out = units.group_by([col(cat)]).agg([e.alias("__v")]).collect()?;
            let cats = out.column(cat)?.str()?.clone();
            let vals = out.column("__v")?.f64()?.clone();
            Ok(cats
                .iter()
                .zip(vals.iter())
                .map(|(c, v)| (c.map(str::to_owned), v))
                .collect())
        }
    }
}
