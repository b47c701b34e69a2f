//! `mean_per_group`: for each selected group row (a session), an aggregate
//! of its members (its attendances); then the mean over the groups. A group
//! with no member counts 0.

use std::collections::HashMap;

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use super::{
    Dating, IatiMeasure, MeasureImpl, MeasureType, MethodPhrase, MethodWriter, Parsed, RawMeasure,
    Source, write_aggregate,
};
use crate::compute::{Agg, Engine, Prepared, Side, VALUE};
use crate::error::{IndicatorProblem, Result};
use crate::explain::{Aggregation, PartSpec, Role};
use crate::indicator::{IndicatorDef, Selection};
use crate::programme::Programme;
use crate::text::Localized;

/// Mean over groups of an aggregate of their members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeanPerGroup {
    /// The groups.
    #[serde(flatten)]
    pub rows: Selection,
    /// The members of each group and what is computed on them.
    pub members: Members,
}

/// The members side of a per-group measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Members {
    /// The dataset of the members (attendances).
    pub dataset: String,
    /// The column of a member that references its group (session).
    pub via: String,
    /// A SQL condition members must meet.
    #[serde(default)]
    pub filter: Option<String>,
    /// What the filter means, in plain words per language.
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub filter_label: Localized,
    /// What is computed per group.
    pub aggregate: super::AggregateKind,
    /// The column aggregated (for `distinct` and `sum`).
    #[serde(default)]
    pub column: Option<String>,
}

impl Members {
    /// The members' rows: their dataset and filter, undated (a member is
    /// placed in time by its group).
    pub fn selection(&self) -> Selection {
        Selection {
            dataset: self.dataset.clone(),
            date: None,
            filter: self.filter.clone(),
            filter_label: self.filter_label.clone(),
        }
    }
}

/// The keys a mean per group takes beside its selection of groups.
pub(super) const KEYS: &[&str] = &["members"];

pub(super) fn parse(mut raw: RawMeasure) -> Parsed {
    let rows = raw.selection()?;
    let members = raw.need(|r| r.members.take(), "members")?;
    Ok(super::Measure::MeanPerGroup(MeanPerGroup { rows, members }))
}

/// The column of the per-group values, in passing.
const PER_GROUP: &str = "__per_group";

impl MeanPerGroup {
    /// The members must reference the groups, and what is computed on them
    /// must fit their columns.
    fn check_members(&self, programme: &Programme) -> std::result::Result<(), IndicatorProblem> {
        let members = &self.members;
        let groups = programme.selected_dataset(&self.rows)?;
        let Some(mds) = programme.dataset(&members.dataset) else {
            return Err(IndicatorProblem::MembersNotDataset {
                dataset: members.dataset.clone(),
            });
        };
        match mds.column(&members.via) {
            Some(c) if c.references.as_deref() == Some(groups.name.as_str()) => {}
            _ => {
                return Err(IndicatorProblem::MembersVia {
                    via: members.via.clone(),
                    dataset: members.dataset.clone(),
                    groups: groups.name.clone(),
                });
            }
        }
        let msel = Selection {
            filter_label: Localized::default(),
            ..members.selection()
        };
        programme.check_selection(&msel)?;
        match (members.aggregate, &members.column) {
            (super::AggregateKind::Count, None) => Ok(()),
            (super::AggregateKind::Count, Some(_)) => Err(IndicatorProblem::MembersCountWithColumn),
            (super::AggregateKind::Distinct | super::AggregateKind::Sum, None) => {
                Err(IndicatorProblem::MembersWithoutColumn)
            }
            (super::AggregateKind::Sum, Some(c)) => programme.check_numeric(&msel, c),
            (super::AggregateKind::Distinct, Some(c)) => {
                programme.resolve_column(&msel, c).map(|_| ())
            }
        }
    }

    /// The members' rows: the group reference and the value aggregated.
    fn member_rows(&self, engine: &Engine) -> PolarsResult<DataFrame> {
        let members = &self.members;
        // Without a filter and with the dataset's own columns, the members
        // are the dataset's columns themselves, shared rather than copied (a
        // million-row dataset costs nothing here).
        let plain = |c: &str| !c.contains('.');
        let shared = (members.filter.is_none()
            && plain(&members.via)
            && members.column.as_deref().is_none_or(plain))
        .then(|| {
            let ds = engine.data().dataset(&members.dataset)?;
            let mut columns = vec![ds.frame.column(&members.via).ok()?.clone()];
            if let Some(c) = members.column.as_deref() {
                let value = ds.frame.column(c).ok()?.clone();
                columns.push(value.with_name(VALUE.into()));
            }
            DataFrame::new(ds.frame.height(), columns).ok()
        })
        .flatten();
        match shared {
            Some(frame) => Ok(frame),
            None => {
                let msel = Selection {
                    filter_label: Localized::default(),
                    ..members.selection()
                };
                let value = members.column.as_deref().map(col);
                engine.selection_frame_with(&msel, &[members.via.as_str()], value, &[])
            }
        }
    }

    /// Each group's aggregate of its members, by the group's key.
    fn per_group(&self, engine: &Engine) -> PolarsResult<HashMap<String, f64>> {
        let members = &self.members;
        let agg = match members.aggregate {
            super::AggregateKind::Count => len(),
            super::AggregateKind::Distinct => col(VALUE).drop_nulls().n_unique(),
            super::AggregateKind::Sum => col(VALUE).cast(DataType::Float64).sum(),
        };
        let per_group = self
            .member_rows(engine)?
            .lazy()
            .group_by([col(members.via.as_str())])
            .agg([agg.cast(DataType::Float64).alias(PER_GROUP)])
            .collect()?;
        let keys = per_group.column(members.via.as_str())?.str()?.clone();
        let values = per_group.column(PER_GROUP)?.f64()?.clone();
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(k, v)| Some((k?.to_owned(), v.unwrap_or(0.0))))
            .collect())
    }

    /// The group rows, each with its members' value (0 for a group with no
    /// member) as the value averaged.
    fn group_rows(&self, engine: &Engine, ind: &IndicatorDef) -> PolarsResult<DataFrame> {
        let groups_key = engine
            .programme()
            .dataset(&self.rows.dataset)
            .and_then(|d| d.key.clone())
            .unwrap_or_default();
        let per_group = self.per_group(engine)?;
        let categories: Vec<(String, String)> = ind
            .breakdowns
            .iter()
            .map(|b| (b.by.clone(), b.column().to_owned()))
            .collect();
        let mut keep = vec![groups_key.as_str()];
        keep.extend(
            ind.window
                .columns()
                .into_iter()
                .filter(|c| *c != groups_key),
        );
        let mut groups = engine.selection_frame_with(&self.rows, &keep, None, &categories)?;
        let per_row: Float64Chunked = groups
            .column(groups_key.as_str())?
            .str()?
            .iter()
            .map(|k| Some(k.and_then(|k| per_group.get(k).copied()).unwrap_or(0.0)))
            .collect();
        groups.with_column(per_row.with_name(VALUE.into()).into_column())?;
        Ok(groups)
    }
}

impl MeasureImpl for MeanPerGroup {
    fn measure_type(&self) -> MeasureType {
        MeasureType::MeanPerGroup
    }

    fn selections(&self) -> Vec<&Selection> {
        vec![&self.rows]
    }

    /// The groups, then the members, dated by their group.
    fn sources(&self) -> Vec<Source<'_>> {
        vec![
            Source::of_selection(&self.rows),
            Source {
                dataset: &self.members.dataset,
                dating: Dating::OfTheirGroup,
            },
        ]
    }

    fn can_be_empty(&self) -> bool {
        true
    }

    fn is_additive(&self) -> bool {
        false
    }

    fn check(&self, programme: &Programme) -> std::result::Result<(), IndicatorProblem> {
        self.check_members(programme)
    }

    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared> {
        let frame = self
            .group_rows(engine, ind)
            .map_err(Engine::compute_error(ind))?;
        Ok(Prepared::Single(Side {
            frame,
            agg: Agg::Mean,
            dated: self.rows.date.is_some(),
            window: ind.window.clone(),
        }))
    }

    fn explain_parts<'p>(&'p self, prepared: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>) {
        let aggregate = Aggregation::MeanPerGroup {
            aggregate: self.members.aggregate,
            column: self.members.column.clone(),
            members: self.members.dataset.clone(),
        };
        let part = PartSpec::rows(prepared, &self.rows, Role::Groups, aggregate);
        (None, vec![part])
    }

    fn write_method(&self, w: &mut dyn MethodWriter) {
        w.phrase(MethodPhrase::ForEachRow);
        w.rows(&self.rows);
        w.phrase(MethodPhrase::Colon);
        let members = &self.members;
        write_aggregate(
            w,
            members.aggregate,
            members.column.as_deref(),
            &members.selection(),
        );
        w.phrase(MethodPhrase::LinkedThrough);
        w.code(&members.via);
        w.phrase(MethodPhrase::MeanOverRows);
    }

    fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        IatiMeasure::quantitative(unit)
    }
}
