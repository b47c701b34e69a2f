//! `stage`: a qualitative indicator on an ordered scale of stages (draft →
//! adopted → implemented; no → yes). The stages are the values of an enum
//! column, in the order `datasets.toml` declares them, printed with its
//! value labels.
//!
//! Overall (no `per`): the value is the rank of the stage on the latest-dated
//! selected row (1 = the first stage); the indicator is achieved once that
//! stage reaches `target_stage`, and judged before that by the stage due at
//! its `stage_milestones` (see [`Stage::judge`]).
//!
//! Per unit (`per` names the column of the unit, a municipality): each unit
//! stands at the stage of its latest-dated row; the value is the number of
//! units standing at `target_stage` or beyond, or their share of the units
//! (× `scale`) when a scale is given (`stage_units.rs`).

use chrono::NaiveDate;
use polars::prelude::{Expr, col, lit};
use serde::{Deserialize, Serialize};

use super::stage_units::{self, UnitsRule};
use super::{
    IatiMeasure, MeasureImpl, MeasureType, MethodPhrase, MethodWriter, Parsed, RawMeasure,
};
use crate::compute::{Agg, Engine, Prepared};
use crate::error::{IndicatorProblem, Result, ShapeProblem};
use crate::explain::{Aggregation, PartSpec, Role};
use crate::indicator::{IndicatorDef, Milestone, Selection};
use crate::period::Period;
use crate::programme::Programme;
use crate::schema::{ColumnSchema, ColumnType};
use crate::table::Status;
use crate::text::Localized;

/// A stage due by a date (overall stages only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageMilestone {
    /// When it is due.
    #[serde(deserialize_with = "crate::text::de_date")]
    pub date: NaiveDate,
    /// The stage to have reached by then (a value of the stage column).
    pub stage: String,
}

/// A qualitative indicator: the stage reached on an ordered scale, overall
/// or per unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    /// The rows (a date column is required: a stage is the latest one).
    #[serde(flatten)]
    pub rows: Selection,
    /// The enum column holding the stage; its values, in order, are the
    /// stages.
    pub column: String,
    /// The stage to reach.
    pub target_stage: String,
    /// Stages due by dates, in date order (overall only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stage_milestones: Vec<StageMilestone>,
    /// The column naming the unit each row is about, for a count (or share)
    /// of units; none for one stage overall.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// Per unit: the multiplier of a share of units (100: a percentage);
    /// without it, the number of units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
}

/// The keys a stage takes beside its selection.
pub(super) const KEYS: &[&str] = &["column", "target_stage", "stage_milestones", "per", "scale"];

pub(super) fn parse(mut raw: RawMeasure) -> Parsed {
    let rows = raw.selection()?;
    if rows.date.is_none() {
        return Err(ShapeProblem::StageNeedsDate);
    }
    let column = raw.need(|r| r.column.take(), "column")?;
    let target_stage = raw.need(|r| r.target_stage.take(), "target_stage")?;
    let mut stage_milestones = raw.stage_milestones.take().unwrap_or_default();
    stage_milestones.sort_by_key(|m| m.date);
    let per = raw.per.take();
    if per.is_none() && raw.scale.is_some() {
        return Err(ShapeProblem::StageScaleWithoutPer);
    }
    if per.is_some() && !stage_milestones.is_empty() {
        return Err(ShapeProblem::StageMilestonesPerUnit);
    }
    Ok(super::Measure::Stage(Stage {
        rows,
        column,
        target_stage,
        stage_milestones,
        per,
        scale: raw.scale,
    }))
}

impl Stage {
    /// The stage column's schema: the stages (its values, in order) and
    /// their labels; `None` when the column is not an enum of the programme.
    pub fn scale_of<'p>(&self, programme: &'p Programme) -> Option<&'p ColumnSchema> {
        let fc = programme.resolve_column(&self.rows, &self.column).ok()?;
        let ds = programme.dataset(&self.rows.dataset)?;
        let schema = match &fc.via {
            None => ds.column(&fc.name)?,
            Some((r, c)) => programme
                .dataset(ds.column(r)?.references.as_deref()?)?
                .column(c)?,
        };
        (schema.kind == ColumnType::Enum).then_some(schema)
    }

    /// The rank of `stage` on the scale (1 = the first stage).
    fn rank(stages: &[String], stage: &str) -> Option<f64> {
        stages
            .iter()
            .position(|s| s == stage)
            .map(|i| (i + 1) as f64)
    }

    /// The rank of the target stage (1 = the first stage).
    pub fn target_rank(&self, programme: &Programme) -> Option<f64> {
        Self::rank(&self.scale_of(programme)?.values, &self.target_stage)
    }

    /// Whether the indicator is one stage overall (not a count of units).
    pub fn is_overall(&self) -> bool {
        self.per.is_none()
    }

    /// The rank of a row's stage as a number: each stage's test is 1 on its
    /// rows and 0 elsewhere, so the sum of `test × rank` is the row's rank
    /// (an empty cell stays empty).
    fn rank_expr(&self, stages: &[String]) -> Expr {
        stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                col(self.column.as_str())
                    .eq(lit(s.as_str()))
                    .cast(polars::prelude::DataType::Float64)
                    * lit((i + 1) as f64)
            })
            .reduce(|a, b| a + b)
            .unwrap_or_else(|| lit(polars::prelude::NULL))
    }

    /// The checks that read the indicator as well as the measure: an
    /// overall stage's `target` is its target stage's rank, and it is
    /// judged by stages, not by numeric milestones.
    pub(crate) fn check_indicator(
        &self,
        programme: &Programme,
        ind: &IndicatorDef,
    ) -> std::result::Result<(), IndicatorProblem> {
        if !self.is_overall() {
            return Ok(());
        }
        let rank = self.target_rank(programme).unwrap_or_default();
        if ind.target != Some(rank) {
            return Err(IndicatorProblem::StageTargetNotRank {
                stage: self.target_stage.clone(),
                rank,
            });
        }
        if !ind.milestones.is_empty() {
            return Err(IndicatorProblem::StageNumericMilestones);
        }
        Ok(())
    }

    /// The milestone due by the end of `period` (its stage as a rank), and
    /// the status of an overall stage whose latest rank is `reached`:
    /// achieved once the target stage is reached; else on track when the
    /// stage due by the period's end (if any) is reached; a due stage not
    /// reached is at risk in the period its date falls in, off track in
    /// any later period (late); no stage due yet: on track, the scale has
    /// started. No row: no data.
    pub fn judge(
        &self,
        programme: &Programme,
        reached: Option<f64>,
        period: &Period,
    ) -> (Option<Milestone>, Status) {
        let stages = self
            .scale_of(programme)
            .map(|s| s.values.as_slice())
            .unwrap_or_default();
        let due = self
            .stage_milestones
            .iter()
            .filter(|m| m.date <= period.end)
            .max_by_key(|m| m.date)
            .and_then(|m| {
                Some(Milestone {
                    date: m.date,
                    value: Self::rank(stages, &m.stage)?,
                })
            });
        let target = Self::rank(stages, &self.target_stage).unwrap_or(f64::INFINITY);
        let status = match (reached, due) {
            (None, _) => Status::NoData,
            (Some(r), _) if r >= target => Status::Achieved,
            (Some(r), Some(m)) if r >= m.value => Status::OnTrack,
            (Some(_), Some(m)) if m.date >= period.start => Status::AtRisk,
            (Some(_), Some(_)) => Status::OffTrack,
            (Some(_), None) => Status::OnTrack,
        };
        (due, status)
    }

    /// When the value is a rank (one stage overall): each stage's label by
    /// rank, the first stage first, for readers to print a rank as its
    /// stage (a stage without a label prints as written). Empty per unit:
    /// the value is then a number of units.
    pub fn rank_labels(&self, programme: &Programme) -> Vec<Localized> {
        let Some(scale) = self.scale_of(programme).filter(|_| self.is_overall()) else {
            return Vec::new();
        };
        scale
            .values
            .iter()
            .map(|v| {
                scale
                    .value_labels
                    .get(v)
                    .filter(|l| !l.is_empty())
                    .cloned()
                    .unwrap_or_else(|| Localized::single("", v))
            })
            .collect()
    }
}

/// The milestone due and the status of indicator `ind` when it is one stage
/// overall ([`Stage::judge`]), which has no achievement percentage (a rank
/// is not a quantity); `None` for any other indicator, judged by the
/// numbers.
pub(crate) fn judge_stage(
    programme: &Programme,
    ind: &IndicatorDef,
    reached: Option<f64>,
    period: &Period,
) -> Option<(Option<Milestone>, Status)> {
    match &ind.measure {
        super::Measure::Stage(s) if s.is_overall() => Some(s.judge(programme, reached, period)),
        _ => None,
    }
}

/// An indicator's milestones as values, in date order: its `milestones`,
/// or, for one stage overall, its stage milestones as ranks on the scale
/// (what a progress chart marks and a tracking table names as the next
/// milestone; a stage not on the scale is left out, as [`Stage::judge`]
/// leaves it).
pub fn milestones_of(programme: &Programme, ind: &IndicatorDef) -> Vec<Milestone> {
    let mut out = match &ind.measure {
        super::Measure::Stage(s) if s.is_overall() => {
            let stages = s
                .scale_of(programme)
                .map(|c| c.values.as_slice())
                .unwrap_or_default();
            s.stage_milestones
                .iter()
                .filter_map(|m| {
                    Some(Milestone {
                        date: m.date,
                        value: Stage::rank(stages, &m.stage)?,
                    })
                })
                .collect()
        }
        _ => ind.milestones.clone(),
    };
    out.sort_by_key(|m| m.date);
    out
}

/// The label of `rank` among `labels` (see [`Stage::rank_labels`]) in
/// `lang`, if the rank is one of them.
pub fn rank_label(labels: &[Localized], rank: f64, lang: impl AsRef<str>) -> Option<&str> {
    let index = (rank.fract() == 0.0 && rank >= 1.0).then(|| rank as usize - 1)?;
    labels.get(index).map(|l| l.get(lang))
}

impl MeasureImpl for Stage {
    fn measure_type(&self) -> MeasureType {
        MeasureType::Stage
    }

    fn selections(&self) -> Vec<&Selection> {
        vec![&self.rows]
    }

    fn can_be_empty(&self) -> bool {
        // A count of units is 0 over no rows; a stage or a share has none.
        !(self.per.is_some() && self.scale.is_none())
    }

    fn is_additive(&self) -> bool {
        false
    }

    fn check(&self, programme: &Programme) -> std::result::Result<(), IndicatorProblem> {
        let fc = programme.resolve_column(&self.rows, &self.column)?;
        let Some(scale) = self.scale_of(programme) else {
            return Err(IndicatorProblem::StageNotEnum {
                column: self.column.clone(),
                kind: fc.kind,
            });
        };
        let named = std::iter::once(&self.target_stage)
            .chain(self.stage_milestones.iter().map(|m| &m.stage));
        for stage in named {
            if !scale.values.contains(stage) {
                return Err(IndicatorProblem::UnknownStage {
                    stage: stage.clone(),
                    column: self.column.clone(),
                    stages: scale.values.join(", "),
                });
            }
        }
        if let Some(w) = self
            .stage_milestones
            .windows(2)
            .find(|w| w[0].date == w[1].date)
        {
            return Err(IndicatorProblem::MilestonesSameDay { date: w[0].date });
        }
        if let Some(per) = &self.per {
            programme.resolve_column(&self.rows, per)?;
        }
        Ok(())
    }

    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared> {
        let stages = self
            .scale_of(engine.programme())
            .map(|s| s.values.clone())
            .unwrap_or_default();
        let value = Some(self.rank_expr(&stages));
        let side = match &self.per {
            None => engine.side(ind, &self.rows, Agg::Latest, value)?,
            Some(per) => {
                let rule = UnitsRule {
                    target_rank: Self::rank(&stages, &self.target_stage).unwrap_or(f64::INFINITY),
                    scale: self.scale,
                };
                stage_units::side(engine, ind, &self.rows, per, &self.column, rule, value)?
            }
        };
        // The latest row that has a stage.
        Ok(Prepared::Single(side.with_values_only(ind)?))
    }

    fn explain_parts<'p>(&'p self, prepared: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>) {
        let aggregate = Aggregation::Stage {
            column: self.column.clone(),
            per: self.per.clone(),
            target_stage: self.target_stage.clone(),
        };
        let part = PartSpec::rows(prepared, &self.rows, Role::Rows, aggregate);
        // One part, no numerator or denominator: the share of units is
        // explained by its rows, not by a division of two parts.
        (None, vec![part])
    }

    fn write_method(&self, w: &mut dyn MethodWriter) {
        match &self.per {
            None => {
                w.phrase(MethodPhrase::StageOf);
                w.code(&self.column);
                w.phrase(MethodPhrase::AtDate);
                if let Some(d) = &self.rows.date {
                    w.code(d);
                }
                w.phrase(MethodPhrase::Latest);
                w.rows(&self.rows);
                w.phrase(MethodPhrase::StageRank);
                w.phrase(MethodPhrase::TargetStage);
                w.code(&self.target_stage);
            }
            Some(per) => {
                w.phrase(match self.scale {
                    Some(_) => MethodPhrase::ShareOfUnits,
                    None => MethodPhrase::NumberOfUnits,
                });
                w.code(per);
                w.phrase(MethodPhrase::WhoseLatest);
                w.code(&self.column);
                w.phrase(MethodPhrase::AtDate);
                if let Some(d) = &self.rows.date {
                    w.code(d);
                }
                w.phrase(MethodPhrase::Latest);
                w.rows(&self.rows);
                w.phrase(MethodPhrase::Reaches);
                w.code(&self.target_stage);
                if let Some(s) = self.scale {
                    super::write_scale(w, s);
                }
            }
        }
    }

    fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        match &self.per {
            // The stage itself: a rank on an ordered scale.
            None => IatiMeasure::Ordinal,
            // Units counted, or their share.
            Some(_) => IatiMeasure::quantitative(unit),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rank_is_printed_as_its_stage_and_anything_else_is_not() {
        let labels = vec![
            Localized::single("en", "Draft"),
            Localized::single("", "adopte"),
        ];
        assert_eq!(rank_label(&labels, 1.0, "en"), Some("Draft"));
        // A stage without a label prints as written.
        assert_eq!(rank_label(&labels, 2.0, "en"), Some("adopte"));
        // Not a rank of the scale: a count of units, no value, a fraction.
        for not_a_rank in [0.0, 3.0, 1.5, -1.0] {
            assert_eq!(rank_label(&labels, not_a_rank, "en"), None, "{not_a_rank}");
        }
        assert_eq!(rank_label(&[], 0.0, "en"), None);
    }
}
