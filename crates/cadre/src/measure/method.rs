//! A measure's method in words, as data: each measure writes its formula as
//! a sequence of phrase ids, columns and conditions through a
//! [`MethodWriter`]; the runner's catalogue writes the phrases in a language
//! (the methods annex). The core names the phrases, never their words.

use crate::indicator::Selection;
use crate::text::Localized;

/// A fixed phrase of a measure's method. The runner writes each in every
/// language (an exhaustive `match`: a new phrase without its words does not
/// compile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodPhrase {
    /// Starts a count: "Number of rows".
    CountRows,
    /// Starts a distinct count, before a column.
    DistinctNonEmptyOf,
    /// Starts a sum, before a column.
    SumOf,
    /// After a sum: an empty cell counts 0.
    EmptyCountsZero,
    /// Starts a mean, before a column.
    MeanOf,
    /// Starts a latest value, before a column.
    ValueOf,
    /// Of a latest value, before its date column.
    AtDate,
    /// Of a latest value, after its date column.
    Latest,
    /// Starts a share: "Rows".
    Rows,
    /// A share over the rows where a column follows.
    OverThoseWhere,
    /// After that column: it is known.
    IsKnown,
    /// A share over all the rows.
    OverAllRows,
    /// A ratio has no value when its denominator is zero.
    NoValueWhenZero,
    /// Starts a mean per group: "For each row".
    ForEachRow,
    /// A colon, with the spacing of the language.
    Colon,
    /// Ends a mean per group.
    MeanOverRows,
    /// Inside a ratio or a group: "number of rows".
    NumberOfRows,
    /// Inside a ratio or a group, before a column.
    NumberOfDistinctValuesOf,
    /// Inside a ratio or a group, before a column.
    SumOfLower,
    /// The members of a group are linked through a column that follows.
    LinkedThrough,
    /// A weighted mean or share: each row weighted by a column that follows.
    WeightedBy,
    /// Starts an overall stage, before its column: "Stage in".
    StageOf,
    /// Ends an overall stage: the value is the stage's rank.
    StageRank,
    /// Starts a number of units at a stage, before the unit column.
    NumberOfUnits,
    /// Starts a share of units at a stage, before the unit column.
    ShareOfUnits,
    /// Of units, before the stage column: whose latest stage.
    WhoseLatest,
    /// Of units, before the target stage: reaches at least.
    Reaches,
    /// Before the target stage.
    TargetStage,
    /// Starts a composite, before its formula.
    FormulaOfIndicators,
    /// A composite's formula applies window by window and category by category.
    FormulaPerWindow,
    /// A composite has no value when a part has none or on a division by zero.
    FormulaNoValueWhen,
    /// A distinct count of the new values: in the period, only those whose
    /// first row is dated in it.
    CountsNewInPeriod,
    /// Window `period`: the value compared to the target is the period's.
    WindowPeriod,
    /// Window at the period's end by from/to, before the `from` column.
    WindowValidFrom,
    /// After the `from` column: on or before the period's last day.
    WindowValidFromOnOrBefore,
    /// Before the `to` column.
    WindowValidTo,
    /// After the `to` column: empty or after that day.
    WindowValidToEmptyOrAfter,
    /// Window at the period's end by unit, before the unit column.
    WindowLatestPerUnit,
    /// After the unit column: dated up to the period's end.
    WindowLatestPerUnitUpToEnd,
    /// Window of the latest round, before the round column.
    WindowLatestRound,
}

/// Where a measure's method is written: the runner's methods annex.
pub trait MethodWriter {
    /// A fixed phrase.
    fn phrase(&mut self, phrase: MethodPhrase);
    /// A column or date name, shown as code.
    fn code(&mut self, name: &str);
    /// Punctuation or a number, as it is.
    fn text(&mut self, text: &str);
    /// The rows of a selection: its dataset, and its filter (in plain words
    /// when labelled, else as code).
    fn rows(&mut self, rows: &Selection);
    /// The condition a share counts (in plain words when labelled).
    fn counted(&mut self, condition: &str, label: &Localized);
}

/// What dates the rows of a dataset a measure reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dating<'a> {
    /// A date column (may follow a reference).
    Column(&'a str),
    /// Nothing: the rows are taken whole.
    Undated,
    /// The date of the row they belong to (a group's members).
    OfTheirGroup,
}

/// A dataset a measure reads, for the methods annex's "source".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source<'a> {
    /// The dataset.
    pub dataset: &'a str,
    /// What dates its rows.
    pub dating: Dating<'a>,
}

impl<'a> Source<'a> {
    /// The dataset of a selection, dated by its date column if any.
    pub fn of_selection(sel: &'a Selection) -> Source<'a> {
        Source {
            dataset: &sel.dataset,
            dating: sel.date.as_deref().map_or(Dating::Undated, Dating::Column),
        }
    }
}
