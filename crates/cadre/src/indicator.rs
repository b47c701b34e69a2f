//! Indicator definitions: what an indicator counts, over which rows, against
//! which baseline, milestones and target.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::text::Localized;

/// Level of an indicator in the results chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Long-term change the programme contributes to.
    Impact,
    /// Change the programme is accountable for.
    Outcome,
    /// What the programme's actions deliver.
    Output,
}

impl Level {
    /// The level's name as the definitions write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Impact => "impact",
            Level::Outcome => "outcome",
            Level::Output => "output",
        }
    }
}

/// How an indicator's value relates to its target over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Accumulates towards the target by the end (events held, people reached).
    Total,
    /// A level to hold at any time (a mean, a share).
    Level,
}

impl Kind {
    /// The kind's name as the definitions write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Total => "total",
            Kind::Level => "level",
        }
    }
}

/// Whether the target is a floor to reach or a ceiling not to exceed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Met when the value is at or above the target.
    #[default]
    Floor,
    /// Met when the value is at or below the target.
    Ceiling,
}

/// An intermediate target, cumulative, due at a date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// When it is due.
    #[serde(deserialize_with = "crate::text::de_date")]
    pub date: NaiveDate,
    /// The value due by then.
    pub value: f64,
}

/// One breakdown of an indicator: its value per category of a column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakdownDef {
    /// The dimension (declared in `programme.toml`), also the `breakdown`
    /// column of the indicator table.
    pub by: String,
    /// The column holding the category, in every dataset the measure reads
    /// (`site.region` follows a reference). Defaults to `by`.
    #[serde(default)]
    pub column: Option<String>,
}

impl BreakdownDef {
    /// The column holding the category.
    pub fn column(&self) -> &str {
        self.column.as_deref().unwrap_or(&self.by)
    }
}

/// A selection of rows: a dataset, the column that dates its rows, a filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Selection {
    /// The dataset read.
    pub dataset: String,
    /// The date column that places a row in a period (may follow a reference:
    /// `session.date`). Without it the rows are undated and always counted
    /// whole (a budget).
    #[serde(default)]
    pub date: Option<String>,
    /// A SQL condition rows must meet (`statut IN ('soumis', 'valide')`).
    #[serde(default)]
    pub filter: Option<String>,
    /// What the filter means, in plain words per language (`filter_label.en =
    /// "validated only"`); the methodology prints it before the expression.
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub filter_label: Localized,
}

impl Selection {
    /// Every row of `dataset`: undated, unfiltered.
    pub fn whole(dataset: &str) -> Selection {
        Selection {
            dataset: dataset.to_owned(),
            date: None,
            filter: None,
            filter_label: Localized::default(),
        }
    }
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

/// What an [`Aggregate`] computes.
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
    pub aggregate: AggregateKind,
    /// The column aggregated (for `distinct` and `sum`).
    #[serde(default)]
    pub column: Option<String>,
}

/// The type of a measure, as the definitions name it (`type = "share"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureType {
    /// Number of rows.
    Count,
    /// Number of distinct values.
    Distinct,
    /// Sum of a column.
    Sum,
    /// Mean of a column.
    Mean,
    /// Share of rows meeting a condition.
    Share,
    /// One aggregate over another.
    Ratio,
    /// The latest value.
    Latest,
    /// Mean over groups of an aggregate of their members.
    MeanPerGroup,
}

impl MeasureType {
    /// The type's name in the definitions (`mean_per_group`).
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureType::Count => "count",
            MeasureType::Distinct => "distinct",
            MeasureType::Sum => "sum",
            MeasureType::Mean => "mean",
            MeasureType::Share => "share",
            MeasureType::Ratio => "ratio",
            MeasureType::Latest => "latest",
            MeasureType::MeanPerGroup => "mean_per_group",
        }
    }
}

/// How an indicator's value is computed from rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "RawMeasure")]
pub enum Measure {
    /// Number of selected rows.
    Count {
        /// The rows.
        #[serde(flatten)]
        rows: Selection,
    },
    /// Number of distinct non-empty values of a column among the selected rows.
    Distinct {
        /// The rows.
        #[serde(flatten)]
        rows: Selection,
        /// The column whose values are counted.
        column: String,
    },
    /// Sum of a column over the selected rows (empty cells count 0).
    Sum {
        /// The rows.
        #[serde(flatten)]
        rows: Selection,
        /// The column summed.
        column: String,
    },
    /// Mean of the non-empty values of a column.
    Mean {
        /// The rows.
        #[serde(flatten)]
        rows: Selection,
        /// The column averaged.
        column: String,
    },
    /// Share of the rows meeting a condition, among the rows where `known`
    /// is not empty, times `scale` (100: a percentage).
    Share {
        /// The rows.
        #[serde(flatten)]
        rows: Selection,
        /// The SQL condition counted in the numerator.
        condition: String,
        /// What the condition means, in plain words per language.
        #[serde(default, skip_serializing_if = "Localized::is_empty")]
        condition_label: Localized,
        /// The column that must be known for a row to count at all.
        #[serde(default)]
        known: Option<String>,
        /// Multiplier of the share.
        #[serde(default = "hundred")]
        scale: f64,
    },
    /// One aggregate over another, times `scale`; the two sides may read
    /// different datasets, and an undated side is taken whole.
    Ratio {
        /// The numerator.
        numerator: Aggregate,
        /// The denominator; no value when it is zero or negative.
        denominator: Aggregate,
        /// Multiplier of the ratio.
        #[serde(default = "hundred")]
        scale: f64,
    },
    /// The value of a column on the latest-dated selected row (ties: the last
    /// row of the sheet).
    Latest {
        /// The rows (a date column is required).
        #[serde(flatten)]
        rows: Selection,
        /// The column read.
        column: String,
    },
    /// For each selected group row (a session), an aggregate of its members
    /// (its attendances); then the mean over the groups. A group with no
    /// member counts 0.
    MeanPerGroup {
        /// The groups.
        #[serde(flatten)]
        rows: Selection,
        /// The members of each group and what is computed on them.
        members: Members,
    },
}

/// A measure as written in a definition file: one flat table, checked
/// against its `type` by [`Measure::try_from`]. Flat, because serde cannot
/// deny unknown keys through flattened structs, and unknown keys must be errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    #[serde(rename = "type")]
    kind: String,
    dataset: Option<String>,
    date: Option<String>,
    filter: Option<String>,
    #[serde(default)]
    filter_label: Localized,
    column: Option<String>,
    condition: Option<String>,
    #[serde(default)]
    condition_label: Localized,
    known: Option<String>,
    scale: Option<f64>,
    numerator: Option<Aggregate>,
    denominator: Option<Aggregate>,
    members: Option<Members>,
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
    type Error = String;

    fn try_from(raw: RawAggregate) -> Result<Self, String> {
        match (raw.aggregate, &raw.column) {
            (AggregateKind::Count, Some(_)) => {
                return Err("`aggregate = \"count\"` counts rows: remove `column`".into());
            }
            (AggregateKind::Distinct | AggregateKind::Sum, None) => {
                return Err("this aggregate needs `column`".into());
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

impl TryFrom<RawMeasure> for Measure {
    type Error = String;

    fn try_from(raw: RawMeasure) -> Result<Self, String> {
        const TYPES: &str = "count, distinct, sum, mean, share, ratio, latest, mean_per_group";
        let kind = raw.kind.as_str();
        // Which optional keys each type takes; any other key given is an error.
        let allowed: &[&str] = match kind {
            "count" => &[],
            "distinct" | "sum" | "mean" | "latest" => &["column"],
            "share" => &["condition", "condition_label", "known", "scale"],
            "ratio" => &["numerator", "denominator", "scale"],
            "mean_per_group" => &["members"],
            _ => {
                return Err(format!(
                    "unknown measure type `{kind}`, expected one of {TYPES}"
                ));
            }
        };
        let given = [
            ("column", raw.column.is_some()),
            ("condition", raw.condition.is_some()),
            ("known", raw.known.is_some()),
            ("scale", raw.scale.is_some()),
            ("numerator", raw.numerator.is_some()),
            ("denominator", raw.denominator.is_some()),
            ("members", raw.members.is_some()),
            ("condition_label", !raw.condition_label.0.is_empty()),
        ];
        if let Some((key, _)) = given.iter().find(|(k, set)| *set && !allowed.contains(k)) {
            return Err(format!("a `{kind}` measure takes no `{key}`"));
        }
        let need = |v: Option<String>, key: &str| -> Result<String, String> {
            v.ok_or_else(|| format!("a `{kind}` measure needs `{key}`"))
        };
        if kind == "ratio" {
            if raw.dataset.is_some()
                || raw.date.is_some()
                || raw.filter.is_some()
                || !raw.filter_label.0.is_empty()
            {
                return Err("a `ratio` measure gives `dataset`, `date` and `filter` in its numerator and denominator".into());
            }
            return Ok(Measure::Ratio {
                numerator: raw.numerator.ok_or("a `ratio` measure needs `numerator`")?,
                denominator: raw
                    .denominator
                    .ok_or("a `ratio` measure needs `denominator`")?,
                scale: raw.scale.unwrap_or(100.0),
            });
        }
        let rows = Selection {
            dataset: need(raw.dataset, "dataset")?,
            date: raw.date,
            filter: raw.filter,
            filter_label: raw.filter_label,
        };
        if rows.filter.is_none() && !rows.filter_label.0.is_empty() {
            return Err(
                "`filter_label` describes a `filter`: give the filter or remove the label".into(),
            );
        }
        Ok(match kind {
            "count" => Measure::Count { rows },
            "distinct" => Measure::Distinct {
                rows,
                column: need(raw.column, "column")?,
            },
            "sum" => Measure::Sum {
                rows,
                column: need(raw.column, "column")?,
            },
            "mean" => Measure::Mean {
                rows,
                column: need(raw.column, "column")?,
            },
            "latest" => {
                if rows.date.is_none() {
                    return Err("a `latest` measure needs `date`".into());
                }
                Measure::Latest {
                    rows,
                    column: need(raw.column, "column")?,
                }
            }
            "share" => Measure::Share {
                rows,
                condition: need(raw.condition, "condition")?,
                condition_label: raw.condition_label,
                known: raw.known,
                scale: raw.scale.unwrap_or(100.0),
            },
            _ => Measure::MeanPerGroup {
                rows,
                members: raw
                    .members
                    .ok_or("a `mean_per_group` measure needs `members`")?,
            },
        })
    }
}

impl Measure {
    /// The measure's type name, as the definitions write it.
    pub fn type_name(&self) -> &'static str {
        self.measure_type().as_str()
    }

    /// The measure's type.
    pub fn measure_type(&self) -> MeasureType {
        match self {
            Measure::Count { .. } => MeasureType::Count,
            Measure::Distinct { .. } => MeasureType::Distinct,
            Measure::Sum { .. } => MeasureType::Sum,
            Measure::Mean { .. } => MeasureType::Mean,
            Measure::Share { .. } => MeasureType::Share,
            Measure::Ratio { .. } => MeasureType::Ratio,
            Measure::Latest { .. } => MeasureType::Latest,
            Measure::MeanPerGroup { .. } => MeasureType::MeanPerGroup,
        }
    }

    /// The main selection (the numerator's for a ratio).
    pub fn rows(&self) -> &Selection {
        match self {
            Measure::Count { rows }
            | Measure::Distinct { rows, .. }
            | Measure::Sum { rows, .. }
            | Measure::Mean { rows, .. }
            | Measure::Share { rows, .. }
            | Measure::Latest { rows, .. }
            | Measure::MeanPerGroup { rows, .. } => rows,
            Measure::Ratio { numerator, .. } => &numerator.rows,
        }
    }

    /// Whether a value of this measure can be empty (a count or a sum is 0
    /// over no rows; a mean, share, ratio or latest value is empty).
    pub fn can_be_empty(&self) -> bool {
        !matches!(
            self,
            Measure::Count { .. } | Measure::Distinct { .. } | Measure::Sum { .. }
        )
    }

    /// Whether categories of a breakdown add up to the total (counts of rows
    /// and sums; a distinct count does not: one value may fall in two categories).
    pub fn is_additive(&self) -> bool {
        matches!(self, Measure::Count { .. } | Measure::Sum { .. })
    }

    /// Every selection the measure reads, with the role it plays.
    pub fn selections(&self) -> Vec<&Selection> {
        match self {
            Measure::Ratio {
                numerator,
                denominator,
                ..
            } => vec![&numerator.rows, &denominator.rows],
            other => vec![other.rows()],
        }
    }
}

/// One indicator of the logframe, completely described.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    /// Code, unique in the programme (`A3.2`).
    pub code: String,
    /// The result (goal, outcome, action) it measures, a code of `programme.toml`.
    pub result: String,
    /// Level in the results chain.
    pub level: Level,
    /// Total or level.
    pub kind: Kind,
    /// Short label, per language.
    pub label: Localized,
    /// Plain-language definition, per language (methodology annex).
    #[serde(default)]
    pub definition: Localized,
    /// Unit of the value, per language (`%`, `people`).
    #[serde(default)]
    pub unit: Localized,
    /// Value before the programme.
    #[serde(default)]
    pub baseline: f64,
    /// End-of-programme target.
    pub target: f64,
    /// Floor (default) or ceiling.
    #[serde(default)]
    pub direction: Direction,
    /// Cumulative milestones, in date order.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Breakdowns reported with the indicator.
    #[serde(default)]
    pub breakdowns: Vec<BreakdownDef>,
    /// Means of verification, per language.
    #[serde(default)]
    pub verification: Localized,
    /// How the value is computed.
    pub measure: Measure,
}

impl IndicatorDef {
    /// The milestone due by `end`: the latest dated on or before it.
    pub fn milestone_due(&self, end: NaiveDate) -> Option<Milestone> {
        self.milestones
            .iter()
            .filter(|m| m.date <= end)
            .max_by_key(|m| m.date)
            .copied()
    }
}
