//! The report data: everything the template prints, as one typed document,
//! [`ReportData`]. It is the one contract between Rust and the template:
//! serialised to JSON, it is served to Typst as `/data.json` and read by
//! `report_templates/quarterly/main.typ` with `json("/data.json")`. The JSON
//! keys are the field names below, in this order.
//!
//! What Rust does, in the report's language:
//! - every text a reader sees: the programme's own words (labels,
//!   definitions, in the language asked) and the report's fixed words, from
//!   the message catalogue ([`crate::messages::report`]) under
//!   [`ReportData::words`], keyed by [`ReportWord::key`];
//! - sentences with values (the period's dates, a milestone's due date, a
//!   breakdown's heading, a funder's ceiling, the count of problems), ready
//!   to print;
//! - numbers, percentages, amounts, sizes and dates formatted by the
//!   language's conventions ([`Formatter`]);
//! - fractions in `[0, 1]` for bars, colours for statuses, and every choice
//!   of what to show (sections, key figures, indicators off track).
//!
//! What the template does: lay this out. It never computes a value, never
//! formats a number, has no words of its own, and prints every string as
//! text (never evaluated as markup). `null` stands for a missing value; the
//! template prints `words.no-value` for it.
//!
//! Formula segments ([`Segment`]) are prose or code (a column, a condition,
//! a command), the latter set in a monospace font.

use std::collections::BTreeMap;

use cadre::finance::FinancialStatement;
use cadre::indicator::{Aggregate, AggregateKind, Direction, IndicatorDef, Measure, Selection};
use cadre::schema::ColumnType;
use cadre::table::{Breakdown, IndicatorValue, RatioParts, Status};
use cadre::{Data, Engine, IndicatorTable, Lang, Period, Programme};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::format::Formatter;
use super::kinds::{Figure, FigureKind, Figures, StatusRule};
use super::markdown::Block;
use super::methodology::{self, Segment};
use super::narrative::{Narrative, NarrativeWarning};
use super::progress::{Progress, ProgressBuilder};
use super::{ReportError, ReportOptions};
use crate::messages::report::{Conventions, ReportText, ReportWord, SpacedPunctuation};
use crate::messages::{Text, Word};
use crate::tracking::status_color;

/// Everything the template prints, for one programme, one period and one
/// language.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    /// The report's language (`fr`), also the document's.
    pub lang: Lang,
    /// The programme.
    pub programme: ProgrammeData,
    /// The reporting period.
    pub period: PeriodData,
    /// The date of issue, in words.
    pub issued: String,
    /// The date of issue, ISO 8601.
    pub issued_iso: String,
    /// The summary chapter.
    pub summary: Summary,
    /// Every indicator of the table, in its order.
    pub indicators: Vec<IndicatorData>,
    /// The results chain: each result with indicators, in order.
    pub sections: Vec<Section>,
    /// The finance chapter.
    pub finance: Finance,
    /// The logframe matrix, in an annual or final report.
    pub logframe: Option<super::logframe::LogframeData>,
    /// The year against its targets, in an annual report whose year has
    /// any; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_targets: Option<super::annual::YearTargetsData>,
    /// What the data concludes of each result, in a final report; absent
    /// otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conclusions: Option<Vec<super::conclusions::ResultConclusion>>,
    /// The methodology annex: every indicator's definition.
    pub methodology: Vec<MethodologyData>,
    /// The methodology annex: the status rule of each kind of indicator
    /// the programme has, with its thresholds.
    pub status_rules: Vec<StatusRule>,
    /// The data quality annex.
    pub quality: Quality,
    /// The provenance annex.
    pub provenance: Provenance,
    /// The report's fixed words, by key (`period-value`).
    pub words: Words,
    /// The officer's narrative of the period; none when the report was
    /// made without a narrative folder.
    pub narrative: Option<NarrativeData>,
    /// The no-break spaces the language puts inside punctuation (French),
    /// which the template applies to every text; none in English.
    pub typography: Option<SpacedPunctuation>,
    /// Whether the report is a draft (a watermark on every page).
    pub draft: bool,
    /// What looks wrong in the accepted data, for the data-quality annex.
    pub anomalies: Vec<AnomalyData>,
    /// The formal details of the cover.
    pub formal: FormalData,
    /// The values of an earlier report restated by today's data
    /// (`--previous`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restatements: Option<super::restatements::RestatementsData>,
    /// The financial statement (budget against spending, by funder, the
    /// forecast); absent when the programme declares no `[finance]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<super::statement::StatementData>,
    /// The evidence annex: for each indicator, the rows behind its value
    /// (`--evidence`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<super::evidence::EvidenceData>>,
    /// The indicator reference sheets annex (`--reference-sheets`): the
    /// sheets `cadre sheets` writes, with their own words; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_sheets: Option<super::sheets::SheetsData>,
    /// The people reached (`[[report.people]]`): by sex and age band,
    /// unique persons, per activity; absent when the programme declares
    /// no people dataset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people: Option<super::people::PeopleData>,
    /// The risks and assumptions chapter, when the programme keeps a risk
    /// register or states assumptions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risks: Option<super::risks::RisksData>,
}

/// The narrative of the period, as Markdown blocks (see
/// [`super::markdown::Block`]): printed as text, never as markup.
#[derive(Debug, Clone, Serialize)]
pub struct NarrativeData {
    /// The quarter in a few paragraphs, at the head of the summary.
    pub summary: Vec<Block>,
    /// Per result code, its narrative, printed in its section.
    pub results: BTreeMap<String, Vec<Block>>,
    /// Per indicator code, the comment on its value, under the indicator.
    pub indicators: BTreeMap<String, Vec<Block>>,
    /// Results with indicators and no narrative: their section says so.
    pub missing: Vec<String>,
    /// What closes a cycle (`lessons`, `sustainability`), in an annual or
    /// final report, as written.
    pub closing: Vec<ClosingSection>,
}

/// A closing section of an annual or final report.
#[derive(Debug, Clone, Serialize)]
pub struct ClosingSection {
    /// Its heading.
    pub heading: String,
    /// What the officer wrote; none when missing.
    pub blocks: Option<Vec<Block>>,
}

/// The programme, as the cover shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeData {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its title (may be empty).
    pub title: String,
    /// Who implements it (may be empty).
    pub implementer: String,
    /// A short summary (may be empty).
    pub summary: String,
    /// First day, in words.
    pub start: String,
    /// Last day, in words.
    pub end: String,
    /// Its currency code, if any.
    pub currency: Option<String>,
    /// Its funders.
    pub funders: Vec<Funder>,
    /// Its duration: "1 November 2024 – 31 October 2026".
    pub dates: String,
}

/// A funder of the programme.
#[derive(Debug, Clone, Serialize)]
pub struct Funder {
    /// Its code.
    pub code: String,
    /// Its name (may be empty).
    pub name: String,
    /// The call for proposals (may be empty).
    pub call: String,
    /// Its co-financing rate, formatted.
    pub rate: Option<String>,
    /// The rate as a fraction.
    pub rate_fraction: Option<f64>,
    /// Its co-financing ceiling, in a sentence, when it has a rate.
    pub ceiling: Option<String>,
    /// The mention the grant asks for (may be empty).
    pub mention: String,
    /// Its logo, as the template reads it (a virtual file), if any.
    pub logo: Option<String>,
}

/// The reporting period.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodData {
    /// Its label (`2025-Q4`), for machines.
    pub label: String,
    /// The period as people write it, which the report prints: `T4 2025`
    /// in French, `Q4 2025` in English, a month by name, a span by dates.
    pub written: String,
    /// First day, in words.
    pub start: String,
    /// Last day, in words.
    pub end: String,
    /// First day, ISO 8601.
    pub start_iso: String,
    /// Last day, ISO 8601.
    pub end_iso: String,
    /// The share of the programme elapsed at its end, formatted.
    pub elapsed: String,
    /// The same as a fraction.
    pub elapsed_fraction: f64,
    /// Its dates in a sentence: "from 1 October 2025 to 31 December 2025".
    pub range: String,
    /// Whether `written` is already its dates (a span, the whole
    /// programme), so the cover does not repeat them.
    pub written_is_range: bool,
    /// What the report is: `quarterly`, `annual`, `final`…
    pub kind: super::ReportKind,
    /// The report's title, as its kind calls it: "Annual report".
    pub title: String,
}

/// The summary chapter.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// How many indicators.
    pub count: usize,
    /// Indicators per status, for every status.
    pub statuses: Vec<StatusCount>,
    /// The codes of the key figures.
    pub key_figures: Vec<String>,
    /// The codes of the indicators off track.
    pub off_track: Vec<String>,
    /// The codes of the indicators at risk.
    pub at_risk: Vec<String>,
    /// How many indicators, in a sentence.
    pub count_text: String,
    /// The other red flags, each pointing to its section: missed
    /// milestones, the financial flags, the units that sent nothing.
    pub red_flags: super::attention::RedFlags,
}

/// How many indicators have a status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    /// The status (`on_track`).
    pub status: String,
    /// In words.
    pub label: String,
    /// Its colour (`#2e7d32`).
    pub color: String,
    /// The text colour readable on it.
    pub ink: String,
    /// How many indicators.
    pub count: usize,
    /// The share of all indicators.
    pub fraction: f64,
}

/// One indicator's values for the period.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorData {
    /// Its code.
    pub code: String,
    /// The code of its result.
    pub result: String,
    /// The label of its result.
    pub result_label: String,
    /// Its level in the results chain.
    pub level: String,
    /// `total` or `level`.
    pub kind: String,
    /// Whether its target is a ceiling not to exceed.
    pub ceiling: bool,
    /// Its label.
    pub label: String,
    /// Its unit (may be empty; `%` for a percentage).
    pub unit: String,
    /// Its baseline, formatted.
    pub baseline: String,
    /// The milestone that applies, formatted.
    pub milestone: Option<String>,
    /// The milestone's date, in words.
    pub milestone_date: Option<String>,
    /// When the milestone is due, in a sentence.
    pub milestone_due: Option<String>,
    /// The next milestone after the period's end, formatted; none when no
    /// milestone is left (the tracking table prints "—").
    pub next_milestone: Option<String>,
    /// The next milestone's date, in words.
    pub next_milestone_date: Option<String>,
    /// Its target, formatted.
    pub target: String,
    /// Its value over the period, formatted.
    pub period_value: Option<String>,
    /// Its value up to the period's end, formatted.
    pub cumulative_value: Option<String>,
    /// Its achievement, formatted: a total's only (a level is read by its
    /// gap, a ceiling by its margin; see `figure`).
    pub achievement: Option<String>,
    /// The figure that says how it stands, in the form its kind calls for.
    pub figure: Figure,
    /// Why it needs attention, when at risk or off track ("behind its
    /// milestone 150", "below its level 15 (−2.6)").
    pub reason: Option<String>,
    /// Its status (`on_track`).
    pub status: String,
    /// Its status in words.
    pub status_label: String,
    /// The status colour.
    pub color: String,
    /// The text colour readable on it.
    pub ink: String,
    /// Its progress bar.
    pub bar: Bar,
    /// Its breakdowns.
    pub breakdowns: Vec<BreakdownData>,
    /// Its progress over time: the value at the end of each quarter, the
    /// previous quarter's value and the change since.
    pub progress: Progress,
    /// The period's own target and the period value against it, in a
    /// sentence, when the definitions give one for this period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_target: Option<String>,
}

/// A progress bar: positions as fractions of its length.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// The cumulative value.
    pub value: Option<f64>,
    /// The milestone.
    pub milestone: Option<f64>,
    /// The target, when there is one.
    pub target: Option<f64>,
    /// The value at the end of the bar, formatted.
    pub max: String,
}

/// An indicator's breakdown.
#[derive(Debug, Clone, Serialize)]
pub struct BreakdownData {
    /// The dimension.
    pub by: String,
    /// Its label.
    pub label: String,
    /// Its heading: "By country".
    pub title: String,
    /// Its categories, with bars scaled on the largest.
    pub categories: Vec<CategoryData>,
}

/// A category of a breakdown.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryData {
    /// Its name as the report shows it.
    pub name: String,
    /// The label of the result it names, when it names one.
    pub note: Option<String>,
    /// Whether it gathers the rows with no value.
    pub empty: bool,
    /// Its value over the period, formatted.
    pub period_value: Option<String>,
    /// Its value up to the period's end, formatted.
    pub cumulative_value: Option<String>,
    /// Its bar: against the category's rows in the registry when it has
    /// them, else against the largest category.
    pub fraction: Option<f64>,
    /// Its value out of the category's rows in the registry (`4 sur 5`),
    /// when the breakdown is over a registry.
    pub out_of: Option<String>,
    /// Its own target and status, when its breakdown gives it a target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judged: Option<CategoryStatus>,
}

/// A category's target, achievement and status (a breakdown's `targets`).
#[derive(Debug, Clone, Serialize)]
pub struct CategoryStatus {
    /// The target, in words ("target 50", "ceiling 5").
    pub target: String,
    /// Its achievement, formatted.
    pub achievement: Option<String>,
    /// Its status (`on_track`).
    pub status: String,
    /// Its status in words.
    pub status_label: String,
    /// The status colour.
    pub color: String,
    /// The text colour readable on it.
    pub ink: String,
}

/// A result of the results chain, with its indicators.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Its code.
    pub code: String,
    /// Its level.
    pub level: String,
    /// Its label.
    pub label: String,
    /// Its description (may be empty).
    pub description: String,
    /// The codes of its indicators.
    pub indicators: Vec<String>,
    /// Its activities of the period, by source (`[[report.activities]]`).
    pub activities: Vec<ActivityList>,
    /// Its workplans: deviations and the next period's activities, by
    /// source with a status column (absent from the data when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub workplans: Vec<super::workplan::WorkplanData>,
}

/// The formal details a funder asks of a report, for the cover.
#[derive(Debug, Clone, Serialize)]
pub struct FormalData {
    /// `Provisional` or `Final`, written.
    pub status: String,
    /// Whether the report is final.
    pub is_final: bool,
    /// The grant agreement's reference, if the programme gives one.
    pub grant_agreement: Option<String>,
    /// The day the data was extracted, written, when known.
    pub data_as_of: Option<String>,
    /// Who signs: name and role.
    pub signatory: Option<String>,
    /// Whom to contact: name, role, e-mail, telephone.
    pub contact: Option<String>,
    /// The programme's budget (in cash; in kind apart), when the
    /// definitions declare its finances.
    pub budget: Option<String>,
    /// Each funder's grant, when declared: "Alpha Foundation: 60 000 €".
    pub grants: Vec<String>,
}

/// The virtual path a funder's logo is served at.
/// Named by the funder's position, so two funders never share a path.
pub(super) fn logo_path(index: usize, file: &str) -> String {
    let ext = std::path::Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    format!("/logos/{index}.{ext}")
}

/// An anomaly of the accepted data, written.
#[derive(Debug, Clone, Serialize)]
pub struct AnomalyData {
    /// The dataset's label.
    pub dataset: String,
    /// The column's label (empty for whole-row duplicates).
    pub column: String,
    /// What it is, in words.
    pub what: String,
    /// How many rows, out of how many (`65 sur 300`).
    pub count: String,
    /// The first rows, as the sheet numbers them (`12, 13, 40…`).
    pub rows: String,
}

/// The activities of one source in the period, as the section lists them.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityList {
    /// The result.
    #[serde(skip)]
    pub result: String,
    /// What they are (`Workshops`), the list's heading.
    pub label: String,
    /// The heading of the count column (`attendances`), if counted.
    pub count_label: Option<String>,
    /// Whether the activities have a place (a column to show).
    pub places: bool,
    /// `n activities in the period`, written.
    pub summary: String,
    /// The activities, by date.
    pub rows: Vec<ActivityRow>,
}

/// One activity of the period.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityRow {
    /// Its date, written.
    pub date: String,
    /// Its title.
    pub title: String,
    /// Its place (empty when none).
    pub place: String,
    /// What is counted for it, written (empty when nothing is).
    pub count: String,
    /// Its people by sex, written ("women 19, men 37, not stated 4"), when
    /// a people dataset names its activities (`[[report.people]]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people: Option<String>,
}

/// The finance chapter.
#[derive(Debug, Clone, Serialize)]
pub struct Finance {
    /// The programme's currency.
    pub currency: Option<String>,
    /// The finance indicators.
    pub indicators: Vec<FinanceIndicator>,
}

/// A finance indicator, with the amounts of a ratio of two sums of money.
#[derive(Debug, Clone, Serialize)]
pub struct FinanceIndicator {
    /// Its code.
    pub code: String,
    /// The amounts its ratio combines, when it is a ratio of two sums of money.
    pub amounts: Option<Amounts>,
    /// Its breakdowns.
    pub breakdowns: Vec<FinanceBreakdown>,
}

/// The two amounts of a ratio (spending over budget).
#[derive(Debug, Clone, Serialize)]
pub struct Amounts {
    /// The heading of the numerator.
    pub numerator_label: String,
    /// The heading of the denominator.
    pub denominator_label: String,
    /// The numerator up to the period's end, formatted.
    pub numerator: Option<String>,
    /// The denominator up to the period's end, formatted.
    pub denominator: Option<String>,
    /// The numerator over the period, formatted.
    pub numerator_period: Option<String>,
}

/// A finance indicator's breakdown.
#[derive(Debug, Clone, Serialize)]
pub struct FinanceBreakdown {
    /// The dimension.
    pub by: String,
    /// Its label.
    pub label: String,
    /// One row per category.
    pub rows: Vec<FinanceRow>,
}

/// A category of a finance breakdown.
#[derive(Debug, Clone, Serialize)]
pub struct FinanceRow {
    /// Its name.
    pub name: String,
    /// The label of the result it names, when it names one.
    pub note: Option<String>,
    /// Its value up to the period's end, formatted.
    pub value: Option<String>,
    /// Its bar.
    pub fraction: Option<f64>,
    /// The numerator, formatted (ratios of money only).
    pub numerator: Option<String>,
    /// The denominator, formatted (ratios of money only).
    pub denominator: Option<String>,
}

/// An indicator's definition, for the methodology annex.
#[derive(Debug, Clone, Serialize)]
pub struct MethodologyData {
    /// Its code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// The code of its result.
    pub result: String,
    /// Its level.
    pub level: String,
    /// `total` or `level`.
    pub kind: String,
    /// Whether its target is a ceiling.
    pub ceiling: bool,
    /// Its unit.
    pub unit: String,
    /// Its definition (may be empty).
    pub definition: String,
    /// How it is computed, in words: a filter or condition the definitions
    /// label is written by its label.
    pub formula: Vec<Segment>,
    /// The same with every filter and condition as the definitions write
    /// it (the expression computed), for a smaller line under the formula;
    /// empty when the formula has no label (it shows the expressions).
    pub computed: Vec<Segment>,
    /// Where its values come from.
    pub source: Vec<Segment>,
    /// Its means of verification (may be empty).
    pub verification: String,
    /// Its baseline, formatted.
    pub baseline: String,
    /// Its target, formatted.
    pub target: String,
    /// Its milestones.
    pub milestones: Vec<MilestoneData>,
    /// The labels of its breakdowns.
    pub breakdowns: Vec<String>,
    /// Its kind in words (cumulative, level, ceiling).
    pub kind_text: String,
}

/// A milestone of a definition.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneData {
    /// Its date, in words.
    pub date: String,
    /// Its value, formatted.
    pub value: String,
}

/// The data quality annex.
#[derive(Debug, Clone, Serialize)]
pub struct Quality {
    /// Every sheet read.
    pub sheets: Vec<SheetData>,
    /// Their totals.
    pub totals: Totals,
    /// Rows rejected.
    pub rejected_rows: usize,
    /// Problems found.
    pub problem_count: usize,
    /// Whether the problems are listed (rejected rows were allowed).
    pub problems_listed: bool,
    /// The problems, when listed.
    pub problems: Vec<ProblemData>,
    /// The sentence about the problems; empty when there is none.
    pub problems_intro: Vec<Segment>,
    /// Whether the rows come from several files (the tables then name them).
    pub several_files: bool,
    /// Who sent what in the period, when the programme declares reporting units.
    pub reporting: Option<ReportingData>,
}

/// Who sent what in the period: per reporting unit, its rows per dataset.
#[derive(Debug, Clone, Serialize)]
pub struct ReportingData {
    /// The heading: the units, the period.
    pub heading: String,
    /// Column headings: code, name, each dataset's label, total.
    pub headers: Vec<String>,
    /// One line per unit, in registry order.
    pub units: Vec<UnitData>,
    /// How many reported.
    pub summary: String,
    /// Who sent nothing, named; empty when everyone sent rows.
    pub silent: String,
    /// Rows naming no unit, per dataset, as sentences.
    pub no_unit: Vec<String>,
}

/// One reporting unit's line.
#[derive(Debug, Clone, Serialize)]
pub struct UnitData {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its rows per dataset, then the total, formatted.
    pub cells: Vec<String>,
    /// Whether it sent nothing.
    pub silent: bool,
}

/// The accounting of a sheet, counts formatted.
#[derive(Debug, Clone, Serialize)]
pub struct SheetData {
    /// The dataset's name.
    pub dataset: String,
    /// Its label.
    pub label: String,
    /// The file's name.
    pub file: String,
    /// The sheet.
    pub sheet: String,
    /// Rows read.
    pub read: String,
    /// Rows accepted.
    pub accepted: String,
    /// Rows rejected.
    pub rejected: String,
    /// Empty rows skipped.
    pub skipped: String,
    /// Whether any row was rejected.
    pub has_rejected: bool,
}

/// The totals of all sheets, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// Rows read.
    pub read: String,
    /// Rows accepted.
    pub accepted: String,
    /// Rows rejected.
    pub rejected: String,
    /// Empty rows skipped.
    pub skipped: String,
}

/// A rejected value.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemData {
    /// The file's name.
    pub file: String,
    /// The sheet.
    pub sheet: String,
    /// The row, as the spreadsheet numbers it.
    pub row: u32,
    /// The column.
    pub column: String,
    /// The value, as read.
    pub value: String,
    /// The rule it breaks, in words.
    pub rule: String,
}

/// The provenance annex.
#[derive(Debug, Clone, Serialize)]
pub struct Provenance {
    /// The data files read.
    pub inputs: Vec<InputData>,
    /// The sheets and files of the data not read, as sentences.
    pub not_read: Vec<String>,
    /// The programme folder, as given.
    pub programme_dir: String,
    /// The definition files read.
    pub definitions: Vec<DefinitionData>,
    /// The fingerprint of all definitions.
    pub definitions_hash: String,
    /// The version of cadre.
    pub cadre_version: String,
    /// The template's folder name.
    pub template: String,
    /// The date of issue, in words.
    pub generated: String,
    /// Whether rejected rows were allowed.
    pub rejected_allowed: bool,
}

/// A data file read.
#[derive(Debug, Clone, Serialize)]
pub struct InputData {
    /// Its name (below the folder given, never a path of the machine).
    pub path: String,
    /// The datasets it brought, with their rows read ("Attendances 1 204").
    pub datasets: String,
    /// Its SHA-256.
    pub sha256: String,
    /// Its size, formatted.
    pub size: String,
}

/// A definition file read.
#[derive(Debug, Clone, Serialize)]
pub struct DefinitionData {
    /// Its path, relative to the programme folder.
    pub path: String,
    /// Its SHA-256.
    pub sha256: String,
}

/// The report's fixed words in one language: serialised as an object of
/// every [`ReportWord`], by [`key`](ReportWord::key), in the order of
/// [`ReportWord::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    lang: Lang,
}

impl Words {
    /// The words of `lang`.
    pub fn new(lang: Lang) -> Self {
        Words { lang }
    }

    /// One word.
    pub fn get(&self, word: ReportWord) -> &'static str {
        word.text(self.lang)
    }
}

impl Serialize for Words {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(ReportWord::ALL.len()))?;
        for w in ReportWord::ALL {
            map.serialize_entry(w.key(), w.text(self.lang))?;
        }
        map.end()
    }
}

/// A catalogue sentence as segments: the parts between backticks are code.
fn code_spans(text: &str) -> Vec<Segment> {
    text.split('`')
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(i, t)| Segment {
            text: t.to_owned(),
            code: i % 2 == 1,
        })
        .collect()
}

/// Rounds a fraction so the data file stays small and readable.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// `v / max`, clamped to `[0, 1]`.
pub(super) fn fraction(v: f64, max: f64) -> f64 {
    if max > 0.0 {
        round4((v / max).clamp(0.0, 1.0))
    } else {
        0.0
    }
}

/// The top of a bar's scale: the largest value shown, and 100 at least for
/// a percentage, so that 40 % never fills a whole bar.
pub(super) fn scale_max(percent: bool, values: impl IntoIterator<Item = f64>) -> f64 {
    let m = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let m = if percent { m.max(100.0) } else { m };
    if m > 0.0 { m } else { 1.0 }
}

pub(super) fn is_percent(unit: &str) -> bool {
    unit.trim() == "%"
}

/// The period of a table, as the engine takes it.
pub(super) fn table_period(table: &IndicatorTable) -> Period {
    Period {
        label: table.period.label.clone(),
        start: table.period.start,
        end: table.period.end,
    }
}

/// Builds the report data (see the module documentation) from the engine
/// the table was computed with: the history, the restatements and the
/// evidence are computed here, by that engine (its prepared rows reused).
pub(super) fn build(
    engine: &Engine,
    table: &IndicatorTable,
    options: &ReportOptions,
    narrative: Option<&Narrative>,
    statement: Option<&FinancialStatement>,
) -> Result<ReportData, ReportError> {
    let programme = engine.programme();
    let lang = options.lang;
    let period = table_period(table);
    let kind = options
        .kind
        .unwrap_or_else(|| super::ReportKind::of(&period, &programme.info));
    let history = engine.history(&period).map_err(ReportError::Input)?;
    let b = Builder {
        programme,
        data: engine.data(),
        table,
        period,
        lang,
        f: Formatter::new(lang),
        figures: Figures::new(lang, programme.status_rules),
        progress: ProgressBuilder::new(programme, &history, table.period.end, lang),
        engine,
        kind,
    };
    let indicators: Vec<IndicatorData> = table
        .indicators
        .iter()
        .map(|iv| b.indicator(iv))
        .collect::<Result<_, _>>()?;
    let people = super::people::build(engine, &b.period, kind.closes_a_cycle(), lang)?;
    let activities = b.activities(people.as_ref())?;
    let plans = engine.workplans(&b.period).map_err(ReportError::Input)?;
    let workplans = super::workplan::build(programme, &plans, &b.period, narrative, lang);
    let quality = b.quality(options.allow_rejected)?;
    let risks = engine
        .risk_register(&b.period)
        .map_err(ReportError::Input)?;
    let sources = super::attention::Sources {
        finance_flags: statement.is_some_and(|s| !s.flags.is_empty()),
        silent: quality.reporting.as_ref().map(|r| r.silent.as_str()),
        overdue: super::workplan::overdue(programme, &plans, &b.period, lang),
        risks: super::risks::rising(programme, risks.as_ref(), lang),
    };
    Ok(ReportData {
        lang,
        programme: b.programme_data(),
        period: b.period_data(),
        issued: b.f.date(options.issue_date),
        issued_iso: options.issue_date.to_string(),
        summary: b.summary(sources),
        logframe: super::logframe::build(programme, &indicators, kind, lang),
        year_targets: match kind {
            super::ReportKind::Annual => super::annual::build(engine, table, lang)?,
            _ => None,
        },
        conclusions: super::conclusions::build(programme, table, kind, lang),
        indicators,
        sections: super::workplan::attach(b.sections(&activities), workplans),
        finance: b.finance(),
        methodology: programme
            .indicators
            .iter()
            .map(|d| b.methodology(d))
            .collect(),
        status_rules: b.status_rules(),
        quality,
        provenance: b.provenance(options)?,
        words: Words::new(lang),
        narrative: narrative.map(|n| narrative_data(n, table, programme, kind, lang)),
        typography: Conventions::of(lang).spaced_punctuation,
        draft: options.draft,
        anomalies: b.anomalies(options.issue_date)?,
        formal: b.formal(options, statement),
        restatements: b.restatements(options.previous.as_ref())?,
        statement: statement
            .map(|s| super::statement::build(programme, s, lang, narrative, options)),
        evidence: b.evidence(options.evidence)?,
        risks: super::risks::build(programme, risks.as_ref(), narrative, lang),
        reference_sheets: options
            .reference_sheets
            .then(|| super::sheets::build(engine, table, lang, options.issue_date, &[]))
            .transpose()?,
        people,
    })
}

/// An anomaly in words: its dataset and column as the programme labels them
/// (a referenced column reads "Country (authority)"), and what it is. The
/// data-quality annex and the reference sheets write anomalies alike.
pub(super) fn anomaly_words(
    programme: &Programme,
    a: &cadre::anomalies::Anomaly,
    lang: Lang,
) -> (String, String, &'static str) {
    use cadre::anomalies::AnomalyKind;
    let schema = programme.dataset(&a.dataset);
    let dataset = schema
        .map(|d| d.label.get(lang).to_owned())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| a.dataset.clone());
    let label = |ds: Option<&cadre::schema::DatasetSchema>, c: &str| {
        ds.and_then(|d| d.column(c))
            .map(|col| col.label.get(lang).to_owned())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| c.to_owned())
    };
    let column = a
        .column
        .as_deref()
        .map(|c| match c.split_once('.') {
            None => label(schema, c),
            Some((reference, target)) => {
                let target_ds = schema
                    .and_then(|d| d.column(reference))
                    .and_then(|r| r.references.as_deref())
                    .and_then(|t| programme.dataset(t));
                format!(
                    "{} ({})",
                    label(target_ds, target),
                    label(schema, reference)
                )
            }
        })
        .unwrap_or_default();
    let what = match a.kind {
        AnomalyKind::AfterIssue => ReportWord::AnomalyAfterIssue,
        AnomalyKind::BeforeStart => ReportWord::AnomalyBeforeStart,
        AnomalyKind::AfterEnd => ReportWord::AnomalyAfterEnd,
        AnomalyKind::EmptyBreakdown => ReportWord::AnomalyEmptyBreakdown,
        AnomalyKind::DuplicateRow => ReportWord::AnomalyDuplicate,
    };
    (dataset, column, what.text(lang))
}

fn narrative_data(
    n: &Narrative,
    table: &IndicatorTable,
    programme: &Programme,
    kind: super::ReportKind,
    lang: Lang,
) -> NarrativeData {
    let missing = super::narrative::warnings(n, table, programme, None, kind)
        .into_iter()
        .filter_map(|w| match w {
            NarrativeWarning::ResultWithoutNarrative { code } => Some(code),
            _ => None,
        })
        .collect();
    NarrativeData {
        summary: n.summary.clone(),
        results: n.results.clone(),
        indicators: n.indicators.clone(),
        missing,
        closing: if kind.closes_a_cycle() {
            super::narrative::CLOSING
                .iter()
                .zip([ReportWord::LessonsLearned, ReportWord::Sustainability])
                .map(|(file, word)| ClosingSection {
                    heading: word.text(lang).to_owned(),
                    blocks: n.closing.get(*file).cloned(),
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

pub(super) fn color(s: Status) -> String {
    format!("#{:06x}", status_color(s))
}

/// The text colour readable on a status colour: white on dark fills, near
/// black on light ones (amber, grey), by relative luminance.
pub(super) fn ink(s: Status) -> &'static str {
    let c = status_color(s);
    let channel = |shift: u32| {
        let v = ((c >> shift) & 0xff) as f64 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
    // White text keeps a contrast of at least 4.5:1 below this luminance.
    if luminance < 0.18 {
        "#ffffff"
    } else {
        "#1a1a1a"
    }
}

struct Builder<'a> {
    programme: &'a Programme,
    data: &'a Data,
    table: &'a IndicatorTable,
    /// The table's period, as the engine takes it.
    period: Period,
    lang: Lang,
    f: Formatter,
    figures: Figures,
    progress: ProgressBuilder<'a>,
    /// The command's engine, for every computation of the report: its
    /// prepared rows are shared.
    engine: &'a Engine<'a>,
    /// What the report is.
    kind: super::ReportKind,
}

impl Builder<'_> {
    /// The programme on the cover: its names, dates and funders.
    fn programme_data(&self) -> ProgrammeData {
        let (f, lang) = (&self.f, self.lang);
        let info = &self.programme.info;
        let (start, end) = (f.date(info.start), f.date(info.end));
        ProgrammeData {
            code: info.code.clone(),
            name: info.name.clone(),
            title: info.title.get(lang).to_owned(),
            implementer: info.implementer.get(lang).to_owned(),
            summary: info.summary.get(lang).to_owned(),
            dates: ReportText::FromTo {
                start: &start,
                end: &end,
            }
            .render(lang),
            start,
            end,
            currency: info.currency.clone(),
            funders: self.funders(),
        }
    }

    /// The funders, with their co-financing rate and logo.
    fn funders(&self) -> Vec<Funder> {
        let (f, lang) = (&self.f, self.lang);
        self.programme
            .info
            .funders
            .iter()
            .enumerate()
            .map(|(index, fu)| {
                let rate = fu.rate_pct.map(|r| f.percent(r));
                Funder {
                    code: fu.code.clone(),
                    name: fu.name.get(lang).to_owned(),
                    call: fu.call.get(lang).to_owned(),
                    ceiling: rate.as_deref().map(|rate| {
                        ReportText::FunderCeiling {
                            funder: &fu.code,
                            rate,
                        }
                        .render(lang)
                    }),
                    rate,
                    rate_fraction: fu.rate_pct.map(|r| fraction(r, 100.0)),
                    mention: fu.mention.get(lang).to_owned(),
                    logo: fu.logo.as_deref().map(|file| logo_path(index, file)),
                }
            })
            .collect()
    }

    /// The period: its dates in words, and how much of the programme's
    /// time has elapsed at its end.
    fn period_data(&self) -> PeriodData {
        let (f, lang) = (&self.f, self.lang);
        let (info, period) = (&self.programme.info, &self.period);
        // Days counted inclusively on both sides, as the financial forecast
        // counts them: the programme's last day is 100 %.
        let total_days = ((info.end - info.start).num_days() + 1).max(1) as f64;
        let elapsed_days =
            ((period.end - info.start).num_days() + 1).clamp(0, total_days as i64) as f64;
        let (start, end) = (f.date(period.start), f.date(period.end));
        PeriodData {
            label: period.label.clone(),
            written: f.period(&period.label, period.start, period.end),
            range: ReportText::PeriodRange {
                start: &start,
                end: &end,
            }
            .render(lang),
            written_is_range: cadre::period::PeriodKind::of(&period.label)
                == cadre::period::PeriodKind::Range,
            start,
            end,
            start_iso: period.start.to_string(),
            end_iso: period.end.to_string(),
            elapsed: f.percent(elapsed_days / total_days * 100.0),
            elapsed_fraction: fraction(elapsed_days, total_days),
            kind: self.kind,
            title: self.kind.title(lang).to_owned(),
        }
    }

    /// The summary chapter: indicators per status, key figures, and the
    /// indicators off track and at risk.
    fn summary(&self, sources: super::attention::Sources<'_>) -> Summary {
        let (table, lang) = (self.table, self.lang);
        let statuses = Status::ALL
            .into_iter()
            .map(|s| {
                let count = table.indicators.iter().filter(|i| i.status == s).count();
                (s, count)
            })
            // "No target" is a column only where some indicator has none.
            .filter(|&(s, count)| s != Status::NoTarget || count > 0)
            .map(|(s, count)| StatusCount {
                status: s.as_str().to_owned(),
                label: s.text(lang).to_owned(),
                color: color(s),
                ink: ink(s).to_owned(),
                count,
                fraction: fraction(count as f64, table.indicators.len().max(1) as f64),
            })
            .collect();
        let refs = |wanted: Status| -> Vec<String> {
            table
                .indicators
                .iter()
                .filter(|i| i.status == wanted)
                .map(|i| i.code.clone())
                .collect()
        };
        let key_figures: Vec<String> = self
            .programme
            .report
            .key_figures
            .iter()
            .filter(|c| table.get(c).is_some())
            .cloned()
            .collect();
        Summary {
            count: table.indicators.len(),
            count_text: ReportText::IndicatorsCount {
                count: &self.f.count(table.indicators.len()),
            }
            .render(lang),
            statuses,
            key_figures,
            off_track: refs(Status::OffTrack),
            at_risk: refs(Status::AtRisk),
            red_flags: super::attention::red_flags(self.programme, table, sources, lang),
        }
    }

    /// The results chain: each result that has indicators in the table,
    /// with its activities of the period.
    fn sections(&self, activities: &[ActivityList]) -> Vec<Section> {
        let lang = self.lang;
        self.programme
            .results
            .iter()
            .filter_map(|r| {
                let codes: Vec<String> = self
                    .table
                    .indicators
                    .iter()
                    .filter(|i| i.result == r.code)
                    .map(|i| i.code.clone())
                    .collect();
                (!codes.is_empty()).then(|| Section {
                    code: r.code.clone(),
                    level: r.level.clone(),
                    label: r.label.get(lang).to_owned(),
                    description: r.description.get(lang).to_owned(),
                    indicators: codes,
                    activities: activities
                        .iter()
                        .filter(|a| a.result == r.code)
                        .cloned()
                        .collect(),
                    workplans: Vec::new(),
                })
            })
            .collect()
    }

    /// The status rule of each kind of indicator the programme has.
    fn status_rules(&self) -> Vec<StatusRule> {
        let mut kinds: Vec<FigureKind> = self
            .programme
            .indicators
            .iter()
            .map(|d| FigureKind::of(d.kind, d.direction))
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        let untargeted = self.programme.indicators.iter().any(|d| d.target.is_none());
        let mut rules = self.figures.status_rules(kinds, untargeted);
        let used = |text: ReportText, is: fn(&IndicatorDef) -> bool| {
            self.programme
                .indicators
                .iter()
                .any(is)
                .then(|| StatusRule {
                    kind: None,
                    text: text.render(self.lang),
                })
        };
        rules.extend(used(ReportText::RuleStock, IndicatorDef::is_stock));
        rules.extend(used(ReportText::RuleFromBaseline, |d| {
            d.achievement_rule() == cadre::baseline::AchievementRule::FromBaseline
        }));
        rules
    }

    /// The values of an earlier table that today's data restates, when
    /// one is given (`--previous`).
    fn restatements(
        &self,
        previous: Option<&cadre::restate::EarlierTable>,
    ) -> Result<Option<super::restatements::RestatementsData>, ReportError> {
        previous
            .map(|earlier| {
                let r = cadre::restate::restatements(self.engine, earlier)
                    .map_err(ReportError::Input)?;
                Ok(super::restatements::build(self.programme, &r, self.lang))
            })
            .transpose()
    }

    /// The evidence annex (`--evidence`): every indicator's explanation,
    /// in the table's order.
    fn evidence(
        &self,
        wanted: bool,
    ) -> Result<Option<Vec<super::evidence::EvidenceData>>, ReportError> {
        if !wanted {
            return Ok(None);
        }
        let explanations = self
            .table
            .indicators
            .iter()
            .map(|iv| self.engine.explain(&iv.code, &self.period))
            .collect::<Result<Vec<_>, _>>()
            .map_err(ReportError::Input)?;
        Ok(Some(super::evidence::build(
            self.programme,
            &explanations,
            self.lang,
        )))
    }

    /// The formal details of the cover.
    fn formal(
        &self,
        options: &ReportOptions,
        statement: Option<&FinancialStatement>,
    ) -> FormalData {
        let info = &self.programme.info;
        let person = |p: &cadre::programme::Person| {
            let role = p.role.get(self.lang);
            [
                Some(p.name.as_str()),
                (!role.is_empty()).then_some(role),
                p.email.as_deref(),
                p.phone.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
        };
        FormalData {
            status: if options.final_report {
                ReportWord::StatusFinal
            } else {
                ReportWord::StatusProvisional
            }
            .text(self.lang)
            .to_owned(),
            is_final: options.final_report,
            grant_agreement: info.grant_agreement.clone(),
            data_as_of: options.data_as_of.map(|d| self.f.date(d)),
            signatory: info.signatory.as_ref().map(person),
            contact: info.contact.as_ref().map(person),
            budget: statement.map(|s| self.f.money(s.total.budget, info.currency.as_deref())),
            grants: info
                .funders
                .iter()
                .filter_map(|f| {
                    let grant = self.f.money(f.grant?, info.currency.as_deref());
                    let name = Some(f.name.get(self.lang))
                        .filter(|n| !n.is_empty())
                        .unwrap_or(&f.code);
                    Some(format!(
                        "{name}{}{grant}",
                        ReportWord::Colon.text(self.lang)
                    ))
                })
                .collect(),
        }
    }

    /// What looks wrong in the accepted data (see [`cadre::anomalies`]).
    fn anomalies(&self, issued: chrono::NaiveDate) -> Result<Vec<AnomalyData>, ReportError> {
        let list = self.engine.anomalies(issued).map_err(ReportError::Input)?;
        Ok(list
            .into_iter()
            .map(|a| {
                let (dataset, column, what) = anomaly_words(self.programme, &a, self.lang);
                // Row numbers alone when the dataset comes from one sheet.
                let one_sheet = self
                    .data
                    .dataset(&a.dataset)
                    .is_some_and(|d| d.parts.len() == 1);
                let mut rows: Vec<String> = a
                    .rows
                    .iter()
                    .map(|r| match one_sheet {
                        true => r.row.to_string(),
                        // The file's own name: the provenance annex gives its folder.
                        false => format!(
                            "{} ({})",
                            r.row,
                            std::path::Path::new(&r.file)
                                .file_name()
                                .map_or(r.file.clone(), |n| n.to_string_lossy().into_owned())
                        ),
                    })
                    .collect();
                if a.count > a.rows.len() {
                    rows.push("…".into());
                }
                AnomalyData {
                    dataset,
                    column,
                    what: what.to_owned(),
                    count: ReportText::OutOf {
                        count: &self.f.count(a.count),
                        of: &self.f.count(a.of),
                    }
                    .render(self.lang),
                    rows: rows.join(", "),
                }
            })
            .collect())
    }

    /// The activities of the period, per `[[report.activities]]` source,
    /// each with its people by sex when `people` has them.
    fn activities(
        &self,
        people: Option<&super::people::PeopleData>,
    ) -> Result<Vec<ActivityList>, ReportError> {
        let period = &self.period;
        let lists = self.engine.activities(period).map_err(ReportError::Input)?;
        let lang = self.lang;
        Ok(lists
            .into_iter()
            .map(|l| ActivityList {
                summary: ReportText::ActivitiesInPeriod {
                    count: l.activities.len(),
                    what: l.label.get(self.lang),
                }
                .render(self.lang),
                result: l.result,
                label: l.label.get(self.lang).to_owned(),
                count_label: l.count_label.map(|c| c.get(self.lang).to_owned()),
                places: l.activities.iter().any(|a| a.place.is_some()),
                rows: l
                    .activities
                    .into_iter()
                    .map(|a| ActivityRow {
                        people: people
                            .and_then(|p| p.by_activity.get(&l.dataset))
                            .zip(a.key.as_ref())
                            .and_then(|(splits, key)| splits.get(key).cloned()),
                        date: self.f.date(a.date),
                        title: a.title,
                        // In the report's language when the definitions
                        // label the place.
                        place: a
                            .place
                            .map(|p| match l.place_labels.get(&p).map(|x| x.get(lang)) {
                                Some(label) if !label.is_empty() => label.to_owned(),
                                _ => p,
                            })
                            .unwrap_or_default(),
                        count: a
                            .count
                            .map(|c| self.f.count(c as usize))
                            .unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect())
    }

    fn opt(&self, v: Option<f64>, unit: &str) -> Option<String> {
        v.map(|v| self.f.value(v, unit))
    }

    /// The labels of the stages when indicator `code`'s values are ranks on
    /// a scale of stages (one stage overall); empty otherwise.
    fn rank_labels(&self, code: &str) -> Vec<cadre::text::Localized> {
        match self.programme.indicator(code).map(|d| &d.measure) {
            Ok(Measure::Stage(s)) => s.rank_labels(self.programme),
            _ => Vec::new(),
        }
    }

    /// A value as the report prints it: a rank as its stage's label, any
    /// other value as a number in `unit`.
    fn shown(
        &self,
        labels: &[cadre::text::Localized],
        v: Option<f64>,
        unit: &str,
    ) -> Option<String> {
        match v.and_then(|r| cadre::measure::rank_label(labels, r, self.lang)) {
            Some(label) => Some(label.to_owned()),
            None => self.opt(v, unit),
        }
    }

    /// A baseline or target as the report prints it: "n/a" when the
    /// definitions give none, never a 0 nobody wrote.
    fn or_not_available(&self, v: Option<f64>, unit: &str) -> String {
        v.map(|v| self.f.value(v, unit))
            .unwrap_or_else(|| ReportWord::NotAvailable.text(self.lang).to_owned())
    }

    /// A baseline as the report prints it ([`Self::or_not_available`]),
    /// followed by the date it was measured when the definitions of
    /// indicator `code` give one: "3 000 (30 June 2024)".
    fn baseline(&self, v: Option<f64>, code: &str, unit: &str) -> String {
        let text = self.or_not_available(v, unit);
        let date = self
            .programme
            .indicator(code)
            .ok()
            .and_then(|d| d.baseline_date.filter(|_| v.is_some()));
        match date {
            Some(date) => format!("{text} ({})", self.f.date(date)),
            None => text,
        }
    }

    /// Whether indicator `code` measures its achievement from its baseline.
    fn measured_from_baseline(&self, code: &str) -> bool {
        self.programme
            .indicator(code)
            .is_ok_and(|d| d.achievement_rule() == cadre::baseline::AchievementRule::FromBaseline)
    }

    /// The figure of `iv` as its kind calls for ([`Figures::figure`]); an
    /// indicator measured from its baseline is read by that achievement
    /// whatever its kind, since its definitions ask for it.
    fn figure(&self, iv: &IndicatorValue) -> Figure {
        let mut figure = self
            .figures
            .figure(iv, !self.rank_labels(&iv.code).is_empty());
        if self.measured_from_baseline(&iv.code) {
            figure.label = ReportWord::AchievementLong.text(self.lang).to_owned();
            figure.text = iv.achievement_pct.map(|a| self.f.percent(a));
        }
        figure
    }

    /// A category's name as the report shows it, and the label of the result
    /// it names, when it is a result code (an action).
    fn category_name(&self, b: &Breakdown, c: &cadre::table::Category) -> (String, Option<String>) {
        let (name, empty) = (c.category.as_str(), c.empty);
        if !empty && !c.label.is_empty() {
            return (c.label.get(self.lang).to_owned(), None);
        }
        if empty {
            let label = b.empty_label.get(self.lang);
            return (
                if label.is_empty() {
                    name.to_owned()
                } else {
                    label.to_owned()
                },
                None,
            );
        }
        let note = self
            .programme
            .result(name)
            .map(|r| r.label.get(self.lang).to_owned());
        (name.to_owned(), note)
    }

    fn breakdown_label(&self, b: &Breakdown) -> String {
        let own = b.label.get(self.lang);
        if !own.is_empty() {
            return own.to_owned();
        }
        self.programme
            .dimension(&b.by)
            .map(|d| d.label.get(self.lang).to_owned())
            .unwrap_or_else(|| b.by.clone())
    }

    /// One breakdown of an indicator: each category's values, and its bar
    /// (over a registry, against the category's own rows: 4 of 5).
    fn breakdown(&self, iv: &IndicatorValue, b: &Breakdown) -> Result<BreakdownData, ReportError> {
        let lang = self.lang;
        let unit = iv.unit.get(lang);
        let bmax = scale_max(
            is_percent(unit),
            b.categories.iter().filter_map(|c| c.cumulative_value),
        );
        let totals = self
            .engine
            .registry_totals(&iv.code, &b.by)
            .map_err(ReportError::Input)?;
        let ranks = self.rank_labels(&iv.code);
        let categories = b
            .categories
            .iter()
            .map(|c| {
                let (name, note) = self.category_name(b, c);
                let total = totals
                    .as_ref()
                    .and_then(|t| t.get(&c.category))
                    .copied()
                    .filter(|n| *n > 0);
                CategoryData {
                    name,
                    note,
                    empty: c.empty,
                    period_value: self.shown(&ranks, c.period_value, unit),
                    cumulative_value: self.shown(&ranks, c.cumulative_value, unit),
                    fraction: c.cumulative_value.map(|v| match total {
                        Some(n) => fraction(v, n as f64),
                        None => fraction(v, bmax),
                    }),
                    out_of: total.zip(c.cumulative_value).map(|(n, v)| {
                        ReportText::OutOf {
                            count: &self.f.value(v, unit),
                            of: &self.f.count(n as usize),
                        }
                        .render(lang)
                    }),
                    judged: self.category_status(iv, c, &ranks),
                }
            })
            .collect();
        let label = self.breakdown_label(b);
        Ok(BreakdownData {
            by: b.by.clone(),
            title: ReportText::BreakdownBy { label: &label }.render(lang),
            label,
            categories,
        })
    }

    /// A category's target and status, when it has a target.
    fn category_status(
        &self,
        iv: &IndicatorValue,
        c: &cadre::table::Category,
        ranks: &[cadre::text::Localized],
    ) -> Option<CategoryStatus> {
        let (target, status) = (c.target?, c.status?);
        let unit = iv.unit.get(self.lang);
        let shown = self.shown(ranks, Some(target), unit)?;
        Some(CategoryStatus {
            target: ReportText::CategoryTarget {
                target: &shown,
                ceiling: iv.direction == Direction::Ceiling,
            }
            .render(self.lang),
            achievement: c.achievement_pct.map(|a| self.f.percent(a)),
            status: status.as_str().to_owned(),
            status_label: status.text(self.lang).to_owned(),
            color: color(status),
            ink: ink(status).to_owned(),
        })
    }

    /// The period's own target in a sentence, when it has one.
    fn period_target(
        &self,
        iv: &IndicatorValue,
        ranks: &[cadre::text::Localized],
    ) -> Option<String> {
        let unit = iv.unit.get(self.lang);
        let target = self.shown(ranks, iv.period_target, unit)?;
        let achievement = iv.period_achievement_pct.map(|a| self.f.percent(a));
        Some(
            ReportText::PeriodTarget {
                target: &target,
                achievement: achievement.as_deref(),
            }
            .render(self.lang),
        )
    }

    fn indicator(&self, iv: &IndicatorValue) -> Result<IndicatorData, ReportError> {
        let f = &self.f;
        let lang = self.lang;
        let unit = iv.unit.get(lang);
        let pct = is_percent(unit);
        let milestone = iv.milestone.map(|m| m.value);
        let max = scale_max(
            pct,
            [iv.cumulative_value, milestone, iv.target]
                .into_iter()
                .flatten(),
        );
        let breakdowns = iv
            .breakdowns
            .iter()
            .map(|b| self.breakdown(iv, b))
            .collect::<Result<_, ReportError>>()?;
        let result = self.programme.result(&iv.result);
        let milestone_date = iv.milestone.map(|m| f.date(m.date));
        let ranks = self.rank_labels(&iv.code);
        // A stage's milestones are stages (ranks), as its milestone in force.
        let milestones = (self.programme.indicator(&iv.code).ok())
            .map(|d| cadre::measure::milestones_of(self.programme, d))
            .unwrap_or_default();
        let next = (milestones.iter())
            .filter(|m| m.date > self.period.end)
            .min_by_key(|m| m.date);
        Ok(IndicatorData {
            code: iv.code.clone(),
            result: iv.result.clone(),
            result_label: result
                .map(|r| r.label.get(lang).to_owned())
                .unwrap_or_default(),
            level: iv.level.as_str().to_owned(),
            kind: iv.kind.as_str().to_owned(),
            ceiling: iv.direction == Direction::Ceiling,
            label: iv.label.get(lang).to_owned(),
            unit: unit.to_owned(),
            baseline: self.baseline(iv.baseline, &iv.code, unit),
            milestone: self.shown(&ranks, milestone, unit),
            milestone_due: milestone_date
                .as_deref()
                .map(|date| ReportText::Due { date }.render(lang)),
            milestone_date,
            next_milestone: self.shown(&ranks, next.map(|m| m.value), unit),
            next_milestone_date: next.map(|m| f.date(m.date)),
            target: self
                .shown(&ranks, iv.target, unit)
                .unwrap_or_else(|| self.or_not_available(None, unit)),
            period_value: self.shown(&ranks, iv.period_value, unit),
            cumulative_value: self.shown(&ranks, iv.cumulative_value, unit),
            achievement: iv
                .achievement_pct
                .filter(|_| {
                    FigureKind::of(iv.kind, iv.direction) == FigureKind::Total
                        || self.measured_from_baseline(&iv.code)
                })
                .map(|a| f.percent(a)),
            figure: self.figure(iv),
            reason: self
                .figures
                .reason(iv, !self.rank_labels(&iv.code).is_empty()),
            status: iv.status.as_str().to_owned(),
            status_label: iv.status.text(lang).to_owned(),
            color: color(iv.status),
            ink: ink(iv.status).to_owned(),
            bar: Bar {
                value: iv.cumulative_value.map(|v| fraction(v, max)),
                milestone: milestone.map(|v| fraction(v, max)),
                target: iv.target.map(|t| fraction(t, max)),
                max: f.value(max, unit),
            },
            breakdowns,
            progress: self.progress.build(
                iv,
                self.programme.indicator(&iv.code).ok(),
                &milestones,
                &self.rank_labels(&iv.code),
            ),
            period_target: self.period_target(iv, &ranks),
        })
    }

    /// The finance section: each finance indicator, and for a ratio of two
    /// amounts (spending over budget), the amounts themselves, in total and
    /// per category: the figures the ratio combined.
    fn finance(&self) -> Finance {
        let currency = self.programme.info.currency.as_deref();
        let mut items = Vec::new();
        for code in &self.programme.report.finance {
            let (Some(iv), Ok(def)) = (self.table.get(code), self.programme.indicator(code)) else {
                continue;
            };
            let unit = iv.unit.get(self.lang);
            let labels = self.amount_labels(def);
            // Amounts only for a ratio of two sums of money.
            let side = |parts: Option<RatioParts>, numerator: bool| -> Option<String> {
                labels.as_ref().and(parts).and_then(|p| {
                    if numerator {
                        p.numerator
                    } else {
                        p.denominator
                    }
                    .map(|v| self.f.money(v, currency))
                })
            };
            let breakdowns = iv
                .breakdowns
                .iter()
                .map(|b| {
                    let max = scale_max(
                        is_percent(unit),
                        b.categories.iter().filter_map(|c| c.cumulative_value),
                    );
                    // The categories' amounts as printed add up to the
                    // indicator's as printed, when they make it.
                    let parts = printed_parts(
                        b.categories.iter().map(|c| c.cumulative_parts),
                        iv.cumulative_parts,
                    );
                    let rows = b
                        .categories
                        .iter()
                        .zip(parts)
                        .map(|(c, parts)| {
                            let (name, note) = self.category_name(b, c);
                            FinanceRow {
                                name,
                                note,
                                value: self.opt(c.cumulative_value, unit),
                                fraction: c.cumulative_value.map(|v| fraction(v, max)),
                                numerator: side(parts, true),
                                denominator: side(parts, false),
                            }
                        })
                        .collect();
                    FinanceBreakdown {
                        by: b.by.clone(),
                        label: self.breakdown_label(b),
                        rows,
                    }
                })
                .collect();
            items.push(FinanceIndicator {
                code: iv.code.clone(),
                amounts: labels.as_ref().map(|(n, d)| Amounts {
                    numerator_label: n.clone(),
                    denominator_label: d.clone(),
                    numerator: side(iv.cumulative_parts, true),
                    denominator: side(iv.cumulative_parts, false),
                    numerator_period: side(iv.period_parts, true),
                }),
                breakdowns,
            });
        }
        Finance {
            currency: currency.map(str::to_owned),
            indicators: items,
        }
    }

    /// For a ratio of two sums of money (spending over budget), the headings
    /// of its two amounts: their datasets' labels, told apart by the filter
    /// when both read the same dataset. None for any other measure.
    fn amount_labels(&self, def: &IndicatorDef) -> Option<(String, String)> {
        let Measure::Ratio(cadre::measure::Ratio {
            numerator,
            denominator,
            ..
        }) = &def.measure
        else {
            return None;
        };
        let sum_of_money = |a: &Aggregate| -> bool {
            a.aggregate == AggregateKind::Sum
                && a.column.as_deref().is_some_and(|column| {
                    self.programme
                        .resolve_column(&a.rows, column)
                        .is_ok_and(|c| c.kind == ColumnType::Amount)
                })
        };
        if !(sum_of_money(numerator) && sum_of_money(denominator)) {
            return None;
        }
        let label = |sel: &Selection| {
            self.programme
                .dataset(&sel.dataset)
                .map(|s| s.label.get(self.lang).to_owned())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| sel.dataset.clone())
        };
        let (mut a, mut b) = (label(&numerator.rows), label(&denominator.rows));
        if a == b {
            // The filter's label when it has one, else its expression.
            let filter = |sel: &Selection| {
                let label = sel.filter_label.get(self.lang);
                if label.trim().is_empty() {
                    sel.filter.clone()
                } else {
                    Some(label.to_owned())
                }
            };
            if let Some(filter) = filter(&numerator.rows) {
                a = format!("{a} ({filter})");
            }
            if let Some(filter) = filter(&denominator.rows) {
                b = format!("{b} ({filter})");
            }
        }
        Some((a, b))
    }

    fn methodology(&self, d: &IndicatorDef) -> MethodologyData {
        let lang = self.lang;
        let unit = d.unit.get(lang);
        let milestones = d
            .milestones
            .iter()
            .map(|m| MilestoneData {
                date: self.f.date(m.date),
                value: self.f.value(m.value, unit),
            })
            .collect();
        let breakdowns = d
            .breakdowns
            .iter()
            .map(|b| {
                self.programme
                    .dimension(&b.by)
                    .map(|x| x.label.get(lang).to_owned())
                    .unwrap_or_else(|| b.by.clone())
            })
            .collect();
        let ceiling = d.direction == Direction::Ceiling;
        let kind_text = methodology::kind_word(d.kind, d.direction);
        MethodologyData {
            code: d.code.clone(),
            label: d.label.get(lang).to_owned(),
            result: d.result.clone(),
            level: d.level.as_str().to_owned(),
            kind: d.kind.as_str().to_owned(),
            ceiling,
            unit: unit.to_owned(),
            definition: d.definition.get(lang).to_owned(),
            formula: methodology::formula(self.programme, d, lang),
            computed: methodology::computed(self.programme, d, lang),
            source: methodology::source(self.programme, self.data, d, lang),
            verification: d.verification.get(lang).to_owned(),
            baseline: self.baseline(d.baseline, &d.code, unit),
            target: self.or_not_available(d.target, unit),
            milestones,
            breakdowns,
            kind_text: kind_text.text(lang).to_owned(),
        }
    }

    fn quality(&self, allow_rejected: bool) -> Result<Quality, ReportError> {
        let report = &self.data.report;
        let sheets = report
            .sheets
            .iter()
            .map(|s| SheetData {
                dataset: s.dataset.clone(),
                label: self.programme.dataset_label(&s.dataset, self.lang),
                file: s.file.clone(),
                sheet: s.sheet.clone(),
                read: self.f.count(s.read),
                accepted: self.f.count(s.accepted),
                rejected: self.f.count(s.rejected),
                skipped: self.f.count(s.skipped_empty),
                has_rejected: s.rejected > 0,
            })
            .collect();
        let sum = |g: fn(&cadre::ingest::SheetReport) -> usize| {
            self.f.count(report.sheets.iter().map(g).sum())
        };
        let problems = if allow_rejected {
            report
                .problems
                .iter()
                .map(|p| ProblemData {
                    file: p.file.clone(),
                    sheet: p.sheet.clone(),
                    row: p.row,
                    column: p.column.clone(),
                    value: p.value.clone(),
                    rule: p.rule.text(self.lang),
                })
                .collect()
        } else {
            Vec::new()
        };
        let count = self.f.count(report.problems.len());
        let problems_intro = match (report.problems.is_empty(), allow_rejected) {
            (true, _) => Vec::new(),
            (false, true) => {
                code_spans(&ReportText::RejectedListed { count: &count }.render(self.lang))
            }
            (false, false) => {
                code_spans(&ReportText::RejectedNotListed { count: &count }.render(self.lang))
            }
        };
        Ok(Quality {
            sheets,
            totals: Totals {
                read: sum(|s| s.read),
                accepted: sum(|s| s.accepted),
                rejected: sum(|s| s.rejected),
                skipped: sum(|s| s.skipped_empty),
            },
            rejected_rows: report.rejected(),
            problem_count: report.problems.len(),
            problems_listed: allow_rejected,
            problems,
            problems_intro,
            several_files: self.data.files.len() > 1,
            reporting: self.reporting()?,
        })
    }

    /// Who sent what in the period, when the programme declares reporting units.
    fn reporting(&self) -> Result<Option<ReportingData>, ReportError> {
        let period = &self.period;
        let Some(status) = self
            .engine
            .reporting_status(Some(period))
            .map_err(ReportError::Input)?
        else {
            return Ok(None);
        };
        let label = |dataset: &str| self.programme.dataset_label(dataset, self.lang);
        let written = self.f.period(&period.label, period.start, period.end);
        let mut headers = vec![
            Word::Code.text(self.lang).to_owned(),
            Word::Name.text(self.lang).to_owned(),
        ];
        headers.extend(status.datasets.iter().map(|d| label(d)));
        headers.push(Word::Total.text(self.lang).to_owned());
        let units = status
            .units
            .iter()
            .map(|u| UnitData {
                code: u.code.clone(),
                name: u.name.clone().unwrap_or_default(),
                cells: u
                    .rows
                    .iter()
                    .chain(std::iter::once(&u.total()))
                    .map(|n| self.f.count(*n as usize))
                    .collect(),
                silent: u.total() == 0,
            })
            .collect();
        let silent: Vec<String> = status.silent_names();
        Ok(Some(ReportingData {
            heading: Text::ReportingHeading {
                units: &label(&status.units_dataset),
                period: Some(&written),
            }
            .render(self.lang),
            headers,
            units,
            summary: Text::ReportingSummary {
                reported: status.reported(),
                of: status.units.len(),
            }
            .render(self.lang),
            silent: match silent.is_empty() {
                true => String::new(),
                false => Text::SilentUnits {
                    names: &silent.join(", "),
                }
                .render(self.lang),
            },
            no_unit: status
                .datasets
                .iter()
                .zip(&status.no_unit)
                .filter(|(_, n)| **n > 0)
                .map(|(d, n)| {
                    Text::RowsWithoutUnit {
                        rows: *n,
                        dataset: &label(d),
                    }
                    .render(self.lang)
                })
                .collect(),
        }))
    }

    fn provenance(&self, options: &ReportOptions) -> Result<Provenance, ReportError> {
        let inputs = self.data.input_files().map_err(ReportError::Input)?;
        let report = &self.data.report;
        let inputs = inputs
            .into_iter()
            .map(|i| {
                let datasets = report
                    .sheets
                    .iter()
                    .filter(|s| s.file == i.path)
                    .map(|s| {
                        let label = self.programme.dataset_label(&s.dataset, self.lang);
                        format!("{label} {}", self.f.count(s.read))
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                InputData {
                    size: self.f.bytes(i.bytes),
                    path: i.path,
                    datasets,
                    sha256: i.sha256,
                }
            })
            .collect();
        let not_read = report
            .unmatched
            .iter()
            .map(|u| {
                Text::UnmatchedSheet {
                    file: &u.file,
                    sheet: &u.sheet,
                }
                .render(self.lang)
            })
            .chain(report.skipped.iter().map(|k| {
                Text::SkippedFile {
                    file: &k.file,
                    reason: k.reason,
                }
                .render(self.lang)
            }))
            .collect();
        let definitions = self
            .programme
            .files
            .iter()
            .map(|d| DefinitionData {
                path: d.path.clone(),
                sha256: d.sha256.clone(),
            })
            .collect();
        let template = options.template.name();
        Ok(Provenance {
            inputs,
            not_read,
            programme_dir: self.programme.dir.display().to_string(),
            definitions,
            definitions_hash: self.programme.definitions_hash(),
            cadre_version: env!("CARGO_PKG_VERSION").to_owned(),
            template,
            generated: self.f.date(options.issue_date),
            rejected_allowed: options.allow_rejected,
        })
    }
}

/// The parts (numerator and denominator) of a ratio's categories as
/// printed, each side adding up to the `total`'s as printed when the
/// categories make it (`super::rounding`); a category without a side keeps
/// none.
fn printed_parts(
    categories: impl Iterator<Item = Option<RatioParts>> + Clone,
    total: Option<RatioParts>,
) -> Vec<Option<RatioParts>> {
    let side = |pick: fn(&RatioParts) -> Option<f64>| -> Option<Vec<f64>> {
        let values: Option<Vec<f64>> = categories
            .clone()
            .map(|c| c.as_ref().and_then(pick))
            .collect();
        let total = total.as_ref().and_then(pick)?;
        Some(super::rounding::printed(&values?, total, 1.0).0)
    };
    let (numerators, denominators) = (side(|p| p.numerator), side(|p| p.denominator));
    categories
        .enumerate()
        .map(|(i, c)| {
            c.map(|p| RatioParts {
                numerator: numerators.as_ref().map_or(p.numerator, |v| Some(v[i])),
                denominator: denominators.as_ref().map_or(p.denominator, |v| Some(v[i])),
            })
        })
        .collect()
}
