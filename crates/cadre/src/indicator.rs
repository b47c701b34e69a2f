//! Indicator definitions: what an indicator counts, over which rows, against
//! which baseline, milestones and target.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::measure::{Aggregate, AggregateKind, Measure, MeasureType, Members};
use crate::text::Localized;
pub use crate::window::{AtEnd, WindowDef};

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
    /// The column holding the category in a ratio's denominator, when it is
    /// not `column` (the denominator reads another dataset: `district` there,
    /// `student.district` in the numerator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator_column: Option<String>,
    /// Which side of a share or ratio the breakdown splits.
    #[serde(default, skip_serializing_if = "Split::is_both")]
    pub split: Split,
    /// A target per category (`targets = { femme = 50 }`), keyed by the
    /// category as the data writes it (`crate::targets`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub targets: std::collections::BTreeMap<String, f64>,
}

/// Which side of a share or ratio a breakdown splits by its categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// Both sides are restricted to the category: the share within the
    /// category (the share of women among the attendances of each action).
    #[default]
    Both,
    /// The numerator only: the denominator stays whole, and the categories
    /// add up to the total (the children of each type of disability among
    /// all the children).
    Numerator,
}

impl Split {
    /// Whether both sides are split (the default).
    pub fn is_both(&self) -> bool {
        *self == Split::Both
    }
}

impl BreakdownDef {
    /// The column holding the category.
    pub fn column(&self) -> &str {
        self.column.as_deref().unwrap_or(&self.by)
    }

    /// The column holding the category in the measure's selection at
    /// `position` (as [`Measure::selections`] lists them, the numerator
    /// first); none when that selection is not split (a denominator kept
    /// whole).
    pub fn column_in(&self, position: usize) -> Option<&str> {
        match (position, self.split) {
            (0, _) => Some(self.column()),
            (_, Split::Numerator) => None,
            (_, Split::Both) => Some(self.denominator_column.as_deref().unwrap_or(self.column())),
        }
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

/// One indicator of the logframe, completely described.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    /// Code, unique in the programme (`A3.2`).
    pub code: String,
    /// Where the definitions write it (file, line of its code), recorded at
    /// load so that an error met while computing it sends the user to its
    /// definition. Not a key of the definitions: never read nor written.
    #[serde(skip)]
    pub defined_at: Option<crate::error::DefinedAt>,
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
    /// Value before the programme; none when the definitions give none
    /// (reports print "n/a", never a 0 nobody wrote).
    #[serde(default)]
    pub baseline: Option<f64>,
    /// End-of-programme target; none when there is none (the indicator is
    /// then never achieved, and has no achievement).
    #[serde(default)]
    pub target: Option<f64>,
    /// Floor (default: more is better) or ceiling (less is better), for
    /// every kind.
    #[serde(default)]
    pub direction: Direction,
    /// Cumulative milestones, in date order.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Breakdowns reported with the indicator.
    #[serde(default)]
    pub breakdowns: Vec<BreakdownDef>,
    /// Which rows make the period value and the value compared to the
    /// target (`crate::window`); since the start by default.
    #[serde(default, skip_serializing_if = "WindowDef::is_since_start")]
    pub window: WindowDef,
    /// Means of verification, per language.
    #[serde(default)]
    pub verification: Localized,
    /// How the value is computed.
    pub measure: Measure,
    /// Targets for one period's own value (`crate::targets`), beside the
    /// end-of-programme `target`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub period_targets: Vec<crate::targets::PeriodTarget>,
    /// The date the baseline was measured, when the definitions give it
    /// (not after the programme's end).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::baseline::de_optional_date"
    )]
    pub baseline_date: Option<NaiveDate>,
    /// Whether the value is a stock: the baseline plus what was counted
    /// since (totals only, with a baseline); none: the programme's default
    /// (`crate::baseline`), written here at load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock: Option<bool>,
    /// How achievement is measured; none: the programme's default, written
    /// here at load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<crate::baseline::AchievementRule>,
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
