//! Measures: how an indicator's value is computed from rows.
//!
//! Each measure type is one module holding everything about it: its
//! definition shape (the fields of its TOML table), its load-time checks,
//! how its rows are prepared for the engine, the parts `explain` shows, its
//! method in words (as phrase ids the runner's catalogue writes) and its IATI
//! measure code. [`Measure`] is the closed list of types, read from a
//! definition's `type`; every operation dispatches through [`MeasureImpl`],
//! which each module implements.
//!
//! Adding a measure: a module here, a variant of [`Measure`] and of
//! [`MeasureType`] with their arms in this file, its name in both languages
//! (`messages/fr`, `messages/en`), and its documentation in
//! `indicators/README.md`. The compiler points at every arm left out.

mod arithmetic;
mod count;
mod distinct;
pub(crate) mod formula;
mod latest;
mod mean;
mod mean_per_group;
mod method;
mod ratio;
mod share;
mod stage;
mod stage_units;
mod sum;
mod weight;

use serde::{Deserialize, Serialize};

pub use count::Count;
pub use distinct::{Distinct, DistinctCounts};
pub use formula::{Composition, CompositionPart, Formula};
pub use latest::Latest;
pub use mean::Mean;
pub use mean_per_group::{MeanPerGroup, Members};
pub use method::{Dating, MethodPhrase, MethodWriter, Source};
pub use ratio::{Aggregate, AggregateKind, Ratio};
pub use share::Share;
pub(crate) use stage::judge_stage;
pub use stage::{Stage, StageMilestone, milestones_of, rank_label};
pub(crate) use stage_units::{UnitsRule, aggregate as units_aggregate};
pub use sum::Sum;

use crate::compute::{Engine, Prepared};
use crate::error::{IndicatorProblem, Result, ShapeProblem};
use crate::explain::PartSpec;
use crate::indicator::{BreakdownDef, IndicatorDef, Selection, Split};
use crate::programme::Programme;
use crate::text::Localized;
use crate::window::WindowDef;

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
    /// The stage reached on an ordered scale, overall or per unit.
    Stage,
    /// A formula over other indicators.
    Formula,
}

impl MeasureType {
    /// Every type, in the order the definitions' documentation lists them.
    pub const ALL: [MeasureType; 10] = [
        MeasureType::Count,
        MeasureType::Distinct,
        MeasureType::Sum,
        MeasureType::Mean,
        MeasureType::Share,
        MeasureType::Ratio,
        MeasureType::Latest,
        MeasureType::MeanPerGroup,
        MeasureType::Stage,
        MeasureType::Formula,
    ];

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
            MeasureType::Stage => "stage",
            MeasureType::Formula => "formula",
        }
    }

    /// The keys a measure of this type takes beside `type`, `dataset`,
    /// `date`, `filter` and `filter_label`, and how it is built from them.
    fn parser(self) -> (&'static [&'static str], fn(RawMeasure) -> Parsed) {
        match self {
            MeasureType::Count => (count::KEYS, count::parse),
            MeasureType::Distinct => (distinct::KEYS, distinct::parse),
            MeasureType::Sum => (sum::KEYS, sum::parse),
            MeasureType::Mean => (mean::KEYS, mean::parse),
            MeasureType::Share => (share::KEYS, share::parse),
            MeasureType::Ratio => (ratio::KEYS, ratio::parse),
            MeasureType::Latest => (latest::KEYS, latest::parse),
            MeasureType::MeanPerGroup => (mean_per_group::KEYS, mean_per_group::parse),
            MeasureType::Stage => (stage::KEYS, stage::parse),
            MeasureType::Formula => (formula::KEYS, formula::parse),
        }
    }
}

/// How an indicator's value is computed from rows: one variant per measure
/// type, each holding its module's definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "RawMeasure")]
pub enum Measure {
    /// Number of selected rows.
    Count(Count),
    /// Number of distinct non-empty values of a column among the selected rows.
    Distinct(Distinct),
    /// Sum of a column over the selected rows (empty cells count 0).
    Sum(Sum),
    /// Mean of the non-empty values of a column.
    Mean(Mean),
    /// Share of the rows meeting a condition, times a scale.
    Share(Share),
    /// One aggregate over another, times a scale.
    Ratio(Ratio),
    /// The value of a column on the latest-dated selected row.
    Latest(Latest),
    /// For each selected group row, an aggregate of its members; then the
    /// mean over the groups.
    MeanPerGroup(MeanPerGroup),
    /// The stage reached on an ordered scale (its rank), or the number or
    /// share of units that reached a stage.
    Stage(Stage),
    /// A formula over other indicators' values (a composite indicator).
    Formula(Formula),
}

/// The IATI `IndicatorMeasure` code of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IatiMeasure {
    /// Code 1: a number of units.
    Unit,
    /// Code 2: a percentage.
    Percentage,
    /// Code 3: a category without order (a type of organisation).
    Nominal,
    /// Code 4: a category on an ordered scale (a stage reached).
    Ordinal,
    /// Code 5: a qualitative measure, published without a value.
    Qualitative,
}

impl IatiMeasure {
    /// A quantitative measure: a percentage when its unit is `%` in some
    /// language, else a number of units.
    pub fn quantitative(unit: &Localized) -> IatiMeasure {
        if unit.0.values().any(|u| u.trim() == "%") {
            IatiMeasure::Percentage
        } else {
            IatiMeasure::Unit
        }
    }

    /// The code as the IATI codelist writes it.
    pub fn code(self) -> &'static str {
        match self {
            IatiMeasure::Unit => "1",
            IatiMeasure::Percentage => "2",
            IatiMeasure::Nominal => "3",
            IatiMeasure::Ordinal => "4",
            IatiMeasure::Qualitative => "5",
        }
    }
}

/// What each measure type does: one implementation per module.
///
/// A trait rather than one `match` per operation: the operations of one type
/// sit together in its module, and a new type that forgets one does not
/// compile.
pub(crate) trait MeasureImpl {
    /// The type.
    fn measure_type(&self) -> MeasureType;

    /// Every selection the measure reads, the main one first (a ratio's
    /// numerator); breakdowns read their column in each.
    fn selections(&self) -> Vec<&Selection>;

    /// The datasets a reader of the method should know about, with what
    /// dates their rows (the methods annex's "source").
    fn sources(&self) -> Vec<Source<'_>> {
        self.selections()
            .into_iter()
            .map(Source::of_selection)
            .collect()
    }

    /// Whether a value can be empty (a count or a sum is 0 over no rows; a
    /// mean, share, ratio or latest value is empty).
    fn can_be_empty(&self) -> bool;

    /// Whether categories of a breakdown add up to the total.
    fn is_additive(&self) -> bool;

    /// The checks of the definition against the programme's datasets, at
    /// load time, beyond those of its selections (checked for every type).
    fn check(&self, programme: &Programme) -> std::result::Result<(), IndicatorProblem>;

    /// The checks of the measure against the indicator's window, at load
    /// time (a distinct count of new values needs a window with a start).
    fn check_window(&self, _window: &WindowDef) -> std::result::Result<(), IndicatorProblem> {
        Ok(())
    }

    /// The indicator's rows, prepared once for every period.
    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared>;

    /// The scale of a share or ratio, and the parts `explain` shows.
    fn explain_parts<'p>(&'p self, prepared: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>);

    /// The method in words, written through the runner's writer.
    fn write_method(&self, w: &mut dyn MethodWriter);

    /// The IATI measure code, given the indicator's unit.
    fn iati_measure(&self, unit: &Localized) -> IatiMeasure;

    /// Whether the values of two periods add up to the value of both (rows
    /// counted or amounts summed): what IATI's `aggregation-status` states
    /// for a total. False unless a measure says so: a distinct count, a
    /// mean or a share does not add up.
    fn additive_across_periods(&self) -> bool {
        false
    }
}

impl Measure {
    /// The module behind this measure.
    pub(crate) fn imp(&self) -> &dyn MeasureImpl {
        match self {
            Measure::Count(m) => m,
            Measure::Distinct(m) => m,
            Measure::Sum(m) => m,
            Measure::Mean(m) => m,
            Measure::Share(m) => m,
            Measure::Ratio(m) => m,
            Measure::Latest(m) => m,
            Measure::MeanPerGroup(m) => m,
            Measure::Stage(m) => m,
            Measure::Formula(m) => m,
        }
    }

    /// The measure's type name, as the definitions write it.
    pub fn type_name(&self) -> &'static str {
        self.measure_type().as_str()
    }

    /// The measure's type.
    pub fn measure_type(&self) -> MeasureType {
        self.imp().measure_type()
    }

    /// The main selection (the numerator's for a ratio); none for a
    /// formula, which reads other indicators rather than rows.
    pub fn rows(&self) -> Option<&Selection> {
        self.imp().selections().first().copied()
    }

    /// Every selection the measure reads, the main one first.
    pub fn selections(&self) -> Vec<&Selection> {
        self.imp().selections()
    }

    /// The datasets the measure reads and what dates their rows.
    pub fn sources(&self) -> Vec<Source<'_>> {
        self.imp().sources()
    }

    /// Whether a value of this measure can be empty (a count or a sum is 0
    /// over no rows; a mean, share, ratio or latest value is empty).
    pub fn can_be_empty(&self) -> bool {
        self.imp().can_be_empty()
    }

    /// Whether categories of a breakdown add up to the total (counts of rows
    /// and sums; a distinct count does not: one value may fall in two categories).
    pub fn is_additive(&self) -> bool {
        self.imp().is_additive()
    }

    /// Writes the method in words: phrase ids, columns and conditions, in
    /// order, for the runner's catalogue to write in a language.
    pub fn write_method(&self, w: &mut dyn MethodWriter) {
        self.imp().write_method(w)
    }

    /// The IATI measure code of an indicator of this measure and `unit`.
    pub fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        self.imp().iati_measure(unit)
    }

    /// Whether the values of two periods add up (see IATI's `aggregation-status`).
    pub fn additive_across_periods(&self) -> bool {
        self.imp().additive_across_periods()
    }
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
    weight: Option<String>,
    target_stage: Option<String>,
    stage_milestones: Option<Vec<StageMilestone>>,
    per: Option<String>,
    formula: Option<String>,
    counts: Option<DistinctCounts>,
}

/// A measure built from its table, or what is wrong with the table.
type Parsed = std::result::Result<Measure, ShapeProblem>;

impl RawMeasure {
    /// The rows of a measure that reads one selection.
    fn selection(&mut self) -> std::result::Result<Selection, ShapeProblem> {
        let rows = Selection {
            dataset: self.need(|r| r.dataset.take(), "dataset")?,
            date: self.date.take(),
            filter: self.filter.take(),
            filter_label: std::mem::take(&mut self.filter_label),
        };
        if rows.filter.is_none() && !rows.filter_label.0.is_empty() {
            return Err(ShapeProblem::FilterLabelWithoutFilter);
        }
        Ok(rows)
    }

    /// A key the measure's type requires.
    fn need<T>(
        &mut self,
        take: impl FnOnce(&mut Self) -> Option<T>,
        key: &str,
    ) -> std::result::Result<T, ShapeProblem> {
        let measure = self.kind.clone();
        take(self).ok_or_else(|| ShapeProblem::MeasureNeeds {
            measure,
            key: key.to_owned(),
        })
    }

    /// The optional keys given, by name.
    fn given(&self) -> [(&'static str, bool); 14] {
        [
            ("counts", self.counts.is_some()),
            ("column", self.column.is_some()),
            ("condition", self.condition.is_some()),
            ("known", self.known.is_some()),
            ("scale", self.scale.is_some()),
            ("numerator", self.numerator.is_some()),
            ("denominator", self.denominator.is_some()),
            ("members", self.members.is_some()),
            ("condition_label", !self.condition_label.0.is_empty()),
            ("weight", self.weight.is_some()),
            ("target_stage", self.target_stage.is_some()),
            ("stage_milestones", self.stage_milestones.is_some()),
            ("per", self.per.is_some()),
            ("formula", self.formula.is_some()),
        ]
    }
}

/// The default multiplier of a share or ratio: a percentage.
const HUNDRED: f64 = 100.0;

impl TryFrom<RawMeasure> for Measure {
    type Error = ShapeProblem;

    /// The measure, or the shape problem recorded for the loader
    /// ([`crate::programme::shape`]).
    fn try_from(raw: RawMeasure) -> Parsed {
        of_its_shape(raw).map_err(crate::programme::shape::refuse)
    }
}

/// A measure of its type's shape: only the keys its type takes, each it needs.
fn of_its_shape(raw: RawMeasure) -> Parsed {
    let Some(measure_type) = MeasureType::ALL
        .into_iter()
        .find(|t| t.as_str() == raw.kind)
    else {
        return Err(ShapeProblem::UnknownMeasureType {
            given: raw.kind,
            expected: MeasureType::ALL
                .iter()
                .map(|t| t.as_str().to_owned())
                .collect(),
        });
    };
    let (allowed, parse) = measure_type.parser();
    if let Some((key, _)) = raw
        .given()
        .iter()
        .find(|(k, set)| *set && !allowed.contains(k))
    {
        return Err(ShapeProblem::MeasureTakesNo {
            measure: raw.kind.clone(),
            key: (*key).to_owned(),
        });
    }
    parse(raw)
}

/// Writes "number of rows", "number of distinct values of `c`" or "sum of
/// `c`", then the rows: one side of a ratio, or a group's members.
fn write_aggregate(
    w: &mut dyn MethodWriter,
    kind: AggregateKind,
    column: Option<&str>,
    rows: &Selection,
) {
    match (kind, column) {
        (AggregateKind::Count, _) | (_, None) => w.phrase(MethodPhrase::NumberOfRows),
        (AggregateKind::Distinct, Some(c)) => {
            w.phrase(MethodPhrase::NumberOfDistinctValuesOf);
            w.code(c);
        }
        (AggregateKind::Sum, Some(c)) => {
            w.phrase(MethodPhrase::SumOfLower);
            w.code(c);
        }
    }
    w.rows(rows);
}

/// Writes " × scale", omitted when 1.
fn write_scale(w: &mut dyn MethodWriter, scale: f64) {
    if scale != 1.0 {
        w.text(&format!(" × {}", crate::table::format_value(scale)));
    }
}

/// The load-time checks of a breakdown's sides: splitting the numerator
/// only needs a numerator (a share or a ratio), and a denominator column
/// needs a ratio's own denominator, split with its numerator.
pub(crate) fn check_split(
    measure: &Measure,
    breakdown: &BreakdownDef,
) -> std::result::Result<(), IndicatorProblem> {
    let by = || breakdown.by.clone();
    let two_sides = matches!(measure, Measure::Share(_) | Measure::Ratio(_));
    if breakdown.split == Split::Numerator && !two_sides {
        return Err(IndicatorProblem::SplitWithoutNumerator {
            by: by(),
            measure: measure.measure_type(),
        });
    }
    if breakdown.denominator_column.is_some() {
        if !matches!(measure, Measure::Ratio(_)) {
            return Err(IndicatorProblem::DenominatorColumnNotRatio { by: by() });
        }
        if breakdown.split == Split::Numerator {
            return Err(IndicatorProblem::DenominatorColumnUnsplit { by: by() });
        }
    }
    Ok(())
}
