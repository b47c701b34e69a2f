//! The runner's message catalogue: every text of the reports, the web page,
//! the command line, the tracking table and the data-entry template, in
//! each language cadre speaks.
//!
//! Code never writes a sentence. It names what it wants to say with a typed
//! id (a [`Word`], a [`Text`] with its figures; the report's
//! [`ReportWord`](report::ReportWord) and [`ReportText`](report::ReportText),
//! the page's [`WebWord`](web::WebWord) and [`WebText`](web::WebText)) and
//! the catalogue of the user's [`Lang`] writes it. Each language is one
//! module (`fr/`, `en/`) of exhaustive `match`es: an id added without its
//! words in every language does not compile, and no message can mix
//! languages, since one module writes it whole.
//!
//! These words are the runner's, not the library's: the core (`cadre`)
//! keeps [`Lang`] and the words of what it owns (its errors, rules, problems,
//! statuses, measure types), and a sentence here that holds one of those
//! takes it already written (a status in words, a skip reason), so that
//! a new heading or label changes this crate only. Words that belong to a
//! programme (indicator labels, dimensions, dataset labels) are in its
//! definitions, not here.

mod en;
mod fr;
pub mod people;
pub mod report;
pub mod sheets;
pub mod web;
pub mod workplan;

use std::fmt;

use cadre::Lang;

/// A fixed word or short phrase of the runner outside the report and the
/// page: a heading of the command line's tables, the tracking workbook, the
/// data-entry template or the narrative reminders, a unit of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Word {
    /// The colon between a label and its value, spaced as the language wants.
    Colon,
    /// Heading of an indicator code column.
    Indicator,
    /// Heading of a label column.
    Label,
    /// Heading of a breakdown (dimension) column.
    Breakdown,
    /// Heading of a category column.
    Category,
    /// Baseline.
    Baseline,
    /// Value over the period.
    PeriodValue,
    /// Value up to the period's end.
    CumulativeValue,
    /// Milestone.
    Milestone,
    /// Target.
    Target,
    /// Achievement, in percent.
    AchievementPct,
    /// Status.
    Status,
    /// Sheet of definitions.
    Definitions,
    /// Level in the results chain.
    Level,
    /// Kind of indicator (total or level).
    Kind,
    /// Definition.
    Definition,
    /// Unit.
    Unit,
    /// Milestones.
    Milestones,
    /// Means of verification.
    Verification,
    /// Dataset.
    Dataset,
    /// Sheet.
    Sheet,
    /// File.
    File,
    /// Rows read.
    Read,
    /// Rows, after a count of them (a progress bar: `1 200 / 5 000 rows`).
    Rows,
    /// Rows accepted.
    Accepted,
    /// Rows rejected.
    Rejected,
    /// Empty rows skipped.
    SkippedEmpty,
    /// "Code", a reporting unit's key.
    Code,
    /// "Name", a reporting unit's name.
    Name,
    /// "Files read", the heading of the per-file accounting.
    FilesRead,
    /// Total.
    Total,
    /// Period.
    Period,
    /// Measure.
    Measure,
    /// The arithmetic of a value.
    Arithmetic,
    /// The period (in a sentence).
    PeriodLower,
    /// The cumulative value (in a sentence).
    CumulativeLower,
    /// Milestone (in a sentence).
    MilestoneLower,
    /// Target (in a sentence).
    TargetLower,
    /// Achievement (in a sentence).
    AchievementLower,
    /// Status (in a sentence).
    StatusLower,
    /// File (in a sentence).
    FileLower,
    /// Sheet (in a sentence).
    SheetLower,
    /// Filter.
    Filter,
    /// Condition.
    Condition,
    /// Date column.
    Date,
    /// Aggregate.
    Aggregate,
    /// An empty value.
    Empty,
    /// An undated part, taken whole.
    UndatedTakenWhole,
    /// Rows of the period.
    InThePeriod,
    /// The rows of a single aggregate.
    RoleRows,
    /// The numerator of a share or ratio.
    RoleNumerator,
    /// The denominator of a share or ratio.
    RoleDenominator,
    /// After a breakdown's name in an explanation: it splits the numerator
    /// only, each category over the whole denominator.
    NumeratorOnly,
    /// The groups of a mean per group.
    RoleGroups,
    /// An indicator a composite's formula names.
    RoleIndicator,
    /// A composite's formula.
    Formula,
    /// Description.
    Description,
    /// A column's rule.
    Rule,
    /// Whether a column must be filled.
    Requirement,
    /// What a sheet holds.
    SheetContent,
    /// A sheet's key column.
    SheetKey,
    /// The sheets a sheet refers to.
    RefersToSheets,
    /// Rows pre-filled in a sheet.
    PrefilledRows,
    /// A column's header.
    ColumnHeader,
    /// Heading: how to fill in the workbook.
    HowToFill,
    /// Heading: the sheets.
    TheSheets,
    /// Heading: the columns.
    TheColumns,
    /// Name of the template's instructions sheet.
    InstructionsSheet,
    /// Second choice for it.
    InstructionsSheetAlt,
    /// Third choice for it.
    InstructionsSheetAlt2,
    /// Name of the template's hidden sheet of lists.
    ListsSheet,
    /// Second choice for it.
    ListsSheetAlt,
    /// Third choice for it.
    ListsSheetAlt2,
    /// Title of the warning for a value not in a drop-down list.
    ValueNotInList,
    /// Title of the warning for a number that is not whole.
    WholeNumberExpected,
    /// Title of the warning for a number out of its range.
    NumberOutOfRange,
    /// Title of the warning for a code used twice.
    DuplicateCode,
    /// The date format of the template's date cells (Excel's notation).
    SpreadsheetDateFormat,
    /// Rule: one sheet per dataset; headers untouched.
    RuleOneSheetPerDataset,
    /// Rule: the notes on the headers; dark and light headers.
    RuleHoverHeaders,
    /// Rule: no half-filled row.
    RuleNoHalfRows,
    /// Rule: how to write dates.
    RuleDates,
    /// Rule: how to write numbers.
    RuleNumbers,
    /// Rule: codes and references.
    RuleCodes,
    /// Rule: extra columns and sheets are ignored.
    RuleExtraColumns,
    /// Rule: have the workbook checked before sending it.
    RuleValidate,
    /// Narrative heading: the activities carried out.
    ActivitiesCarriedOut,
    /// Narrative heading: difficulties and corrective measures.
    DifficultiesAndMeasures,
    /// Narrative heading: next quarter's plan.
    NextQuarterPlan,
    /// Narrative heading: the next year's plan (annual report).
    NextYearPlan,
    /// Narrative heading: what the result achieved and what remains (final
    /// report).
    ResultConclusions,
    /// Narrative reminder: the indicators at the period's end.
    IndicatorsAtPeriodEnd,
    /// Sheet of the financial statement.
    FinancialStatement,
    /// Heading: the planned amount.
    Budget,
    /// Heading: spent in the period.
    SpentInPeriod,
    /// Heading: spent up to the period's end.
    SpentToDate,
    /// Heading: budget left.
    Remaining,
    /// Heading: share of the budget spent, in percent.
    UsedPct,
    /// Heading: share of all spending to date, in percent.
    ShareOfSpendingPct,
    /// Heading: co-financing ceiling, in percent.
    CeilingPct,
    /// Heading: the target of the period's own value (`period_targets`).
    PeriodTarget,
    /// Heading: the period's value against its own target, in percent.
    PeriodAchievementPct,
    /// The period's own target (in a sentence).
    PeriodTargetLower,
    /// The baseline (in a sentence).
    BaselineLower,
    /// What was counted since the baseline, added to it in a stock (in a
    /// sentence).
    CountedLower,
    /// Measured on (a baseline's date, in a sentence).
    MeasuredOn,
    /// Sheet of the financing plan.
    FinancingPlan,
    /// Sheet of the statement by nature.
    ByNature,
    /// Sheet of the variances per budget line and nature.
    Variances,
    /// Sheet of the ineligible expenses, corrections and undated expenses.
    IneligibleAndCorrections,
    /// Heading: a funder.
    Funder,
    /// Heading: a funder's planned contribution.
    PlannedContribution,
    /// Heading: the planned contribution over the cash budget, in percent.
    PlannedPct,
    /// Heading: the amount a grant agreement signs.
    Grant,
    /// Heading: the share of spending against the co-financing ceiling.
    CeilingCheck,
    /// Heading: the gap between the share and the ceiling, in points.
    GapPoints,
    /// A ceiling respected.
    Respected,
    /// A ceiling exceeded.
    Exceeded,
    /// Heading: funds received in the period.
    ReceivedInPeriod,
    /// Heading: funds received up to the period's end.
    ReceivedToDate,
    /// Heading: received minus spent to date.
    CashBalance,
    /// Heading: contributions in kind valued in the period.
    InKindInPeriod,
    /// Heading: contributions in kind valued up to the period's end.
    InKindToDate,
    /// Row: the budget no funder's plan covers.
    Uncovered,
    /// Label: the exchange rate.
    ExchangeRate,
    /// Heading: the costs by nature.
    Costs,
    /// Heading: planned.
    Planned,
    /// Heading: actual to date.
    ActualToDate,
    /// Heading: actual over planned, in percent.
    ActualPct,
    /// Heading: the forecast at the programme's end.
    Forecast,
    /// Heading: forecast minus budget.
    Variance,
    /// Heading: the variance over the budget, in percent.
    VariancePct,
    /// Heading: the contributions in kind used, valued (apart from the costs in cash).
    InKindCosts,
    /// Heading: the resources by funder.
    Resources,
    /// Heading: the contributions in kind received, by funder.
    InKindResources,
    /// Heading: contributions in kind valued up to the period's end.
    ValuedToDate,
    /// Heading: paid after the period's end.
    PaidAfterPeriod,
    /// Heading: committed, not paid yet.
    Committed,
    /// Heading: planned by the workplan, not committed yet.
    PlannedByWorkplan,
    /// Heading: how the forecast was made.
    ForecastMethod,
    /// Forecast method: paid, committed and planned rows.
    MethodPlan,
    /// Forecast method: spending carried on at the same pace.
    MethodStraightLine,
    /// Forecast method: the programme has ended.
    MethodActual,
    /// Forecast method: lines of different methods.
    MethodMixed,
    /// Heading: whether a variance needs a justification.
    JustificationExpected,
    /// Yes.
    Yes,
    /// No.
    No,
    /// Block: the ineligible expenses.
    IneligibleExpenses,
    /// Block: expenses with a negative amount.
    CorrectionsAndCreditNotes,
    /// Block: expenses without a date, counted nowhere.
    UndatedExpenses,
    /// Heading: a row's number in its sheet.
    SheetRow,
    /// Heading: an expense's date.
    ExpenseDate,
    /// Heading: an amount.
    Amount,
    /// Heading: an action, when its column has no label.
    Action,
    /// Heading: a budget line, when its column has no label.
    BudgetLine,
    /// Heading: a nature, when its column has no label.
    Nature,
    /// Heading: the cumulative value at the end of the previous quarter.
    PreviousQuarterCumulative,
    /// Heading: the change of the cumulative value since the previous
    /// quarter, in the indicator's unit.
    ChangeSincePreviousQuarter,
}

/// Fixed words of the data-entry template.
impl Word {
    /// Candidate names of the template's instructions sheet, the preferred first.
    pub const INSTRUCTIONS_SHEET: [Word; 3] = [
        Word::InstructionsSheet,
        Word::InstructionsSheetAlt,
        Word::InstructionsSheetAlt2,
    ];
    /// Candidate names of the template's hidden sheet of value lists.
    pub const LISTS_SHEET: [Word; 3] =
        [Word::ListsSheet, Word::ListsSheetAlt, Word::ListsSheetAlt2];
    /// The general rules of the template's instructions, in order; the rule
    /// about lists ([`Text::ListRule`]) comes after the numbers.
    pub const FILL_RULES_BEFORE_LISTS: [Word; 5] = [
        Word::RuleOneSheetPerDataset,
        Word::RuleHoverHeaders,
        Word::RuleNoHalfRows,
        Word::RuleDates,
        Word::RuleNumbers,
    ];
    /// The general rules that come after the rule about lists.
    pub const FILL_RULES_AFTER_LISTS: [Word; 3] =
        [Word::RuleCodes, Word::RuleExtraColumns, Word::RuleValidate];
    /// Headings of the template's table of sheets.
    pub const SHEETS_TABLE: [Word; 6] = [
        Word::Sheet,
        Word::SheetContent,
        Word::SheetKey,
        Word::Description,
        Word::RefersToSheets,
        Word::PrefilledRows,
    ];
    /// Headings of the template's table of columns.
    pub const COLUMNS_TABLE: [Word; 6] = [
        Word::Sheet,
        Word::ColumnHeader,
        Word::Label,
        Word::Description,
        Word::Rule,
        Word::Requirement,
    ];
}

/// A sentence with figures or names in it, of the command line, the
/// narrative, the data-entry template and the errors of the runner.
#[derive(Debug, Clone, PartialEq)]
pub enum Text<'a> {
    /// Validation found no rejected row.
    EveryRowAccepted,
    /// Validation rejected rows.
    RowsRejected {
        /// Rows rejected.
        rows: usize,
        /// Problems found on them.
        problems: usize,
    },
    /// The run stops on rejected rows; how to go on.
    RejectedRowsStop,
    /// A sheet that holds no dataset, listed and not read.
    UnmatchedSheet {
        /// Its file.
        file: &'a str,
        /// The sheet.
        sheet: &'a str,
    },
    /// A variance beyond the threshold without its justification.
    JustificationMissing {
        /// The line or nature.
        row: &'a str,
        /// Its variance, formatted.
        variance: &'a str,
    },
    /// A section of `finance.md` names no line or nature.
    JustificationUnknown {
        /// Its heading.
        heading: &'a str,
    },
    /// Expenses marked paid are dated after the date of issue.
    PaidAhead {
        /// The expenses' dataset.
        dataset: &'a str,
        /// The date of issue.
        issued: &'a str,
        /// The rows, one per line.
        rows: &'a str,
    },
    /// The word "row", before a row number.
    RowWord,
    /// The reminder at the head of `finance.md`'s skeleton.
    SkeletonJustify {
        /// `[finance] variance_pct`, formatted.
        threshold: &'a str,
    },
    /// The data was extracted after the date of issue.
    DataAfterIssue {
        /// The day of extraction.
        extracted: &'a str,
        /// The date of issue.
        issued: &'a str,
    },
    /// A final report refuses data extracted after its date of issue.
    DataAfterIssueFinal {
        /// The day of extraction.
        extracted: &'a str,
        /// The date of issue.
        issued: &'a str,
    },
    /// An annual or final report's closing section has no narrative.
    NarrativeClosingMissing {
        /// The file expected.
        file: &'a str,
    },
    /// The programme keeps a risk register and `risks.md` is missing.
    NarrativeRisksMissing,
    /// The reminder of `lessons.md`'s skeleton.
    SkeletonLessons,
    /// The reminder of `sustainability.md`'s skeleton.
    SkeletonSustainability,
    /// The reminder of `risks.md`'s skeleton, before the risks that changed.
    SkeletonRisks {
        /// The period's label.
        period: &'a str,
    },
    /// A risk of `risks.md`'s reminder: its code, what it is and what changed.
    SkeletonRisk {
        /// Its code.
        code: &'a str,
        /// What it is.
        risk: &'a str,
        /// What changed, in words.
        change: &'a str,
    },
    /// An optional dataset no source holds: empty.
    AbsentDataset {
        /// The dataset.
        dataset: &'a str,
    },
    /// A file of a data folder skipped.
    SkippedFile {
        /// The file.
        file: &'a str,
        /// Why.
        reason: cadre::ingest::SkipReason,
    },
    /// The heading of who sent what: the units' label, the period if any.
    ReportingHeading {
        /// The units (the dataset's label: "Local authorities").
        units: &'a str,
        /// The period's label, or none for all the data.
        period: Option<&'a str>,
    },
    /// How many units sent rows.
    ReportingSummary {
        /// Units that sent at least a row.
        reported: usize,
        /// All the units.
        of: usize,
    },
    /// The units that sent nothing, named.
    SilentUnits {
        /// Their names, joined.
        names: &'a str,
    },
    /// Rows of a dataset that name no unit.
    RowsWithoutUnit {
        /// How many.
        rows: u64,
        /// The dataset.
        dataset: &'a str,
    },
    /// `check` found the table right.
    TableAgrees {
        /// Rows of the table checked.
        rows: usize,
    },
    /// `check` found differences.
    Differences {
        /// How many.
        count: usize,
    },
    /// `check` of a report: the data files are not those it was computed from.
    ReportFromOtherData,
    /// `check` of a report: the definitions changed since it was computed.
    ReportFromOtherDefinitions,
    /// `check` of a csv table was given no period.
    CsvTableNeedsPeriod,
    /// `--previous` names a table of several periods: which one?
    PreviousNeedsPeriod {
        /// The table's periods.
        periods: &'a str,
    },
    /// An xlsx output needs a file.
    XlsxNeedsOutput,
    /// An IATI file dated after today.
    IatiDateAhead {
        /// The date asked for.
        date: &'a str,
        /// Today.
        today: &'a str,
    },
    /// `status` needs `[reporting]` in the programme.
    NoReportingUnits,
    /// A language the programme does not declare.
    UnknownLanguage {
        /// What was asked.
        given: &'a str,
        /// The programme's languages.
        declared: &'a [Lang],
    },
    /// A warning, before its text.
    Warning {
        /// The warning.
        text: &'a str,
    },
    /// A file that could not be written.
    CannotWrite {
        /// The file.
        path: &'a str,
        /// The system's reason.
        reason: &'a str,
    },
    /// Rows of an explained part cut from the text listing.
    MoreRows {
        /// How many more.
        count: usize,
    },
    /// Rows counted by an explained part.
    RowsCounted {
        /// How many.
        count: usize,
    },
    /// Distinct values counted by an explained part.
    DistinctValues {
        /// How many.
        count: usize,
    },
    /// Rows an explained part leaves out, by reason.
    RowsLeftOut {
        /// All rows left out.
        total: usize,
        /// By the filter or condition.
        filter: usize,
        /// Dated after the period's end.
        after_end: usize,
        /// With no date.
        no_date: usize,
        /// Left out by the indicator's window (said only when some are).
        window: usize,
    },
    /// The rows outside the window or undated, listed.
    OutsideWindowRows,
    /// One row of an explained part.
    Row {
        /// Its number in the sheet.
        row: u32,
    },
    /// The template folder cannot be used.
    TemplateFolder {
        /// The folder.
        path: &'a str,
        /// The system's reason.
        reason: &'a str,
    },
    /// The narrative has no folder for the period.
    NarrativeNoFolder {
        /// The folder looked for.
        path: &'a str,
    },
    /// The narrative has no summary.
    NarrativeNoSummary,
    /// A result with indicators has no narrative.
    NarrativeMissing {
        /// The result's code.
        result: &'a str,
    },
    /// An indicator behind its milestone or target has no comment.
    NarrativeNoComment {
        /// The indicator's code.
        indicator: &'a str,
        /// Its status, in words.
        status: &'a str,
    },
    /// A narrative file that names no result or indicator.
    NarrativeUnknownFile {
        /// The file's name.
        file: &'a str,
    },
    /// `--strict`: the narrative is incomplete.
    NarrativeIncomplete {
        /// What is missing, one line each.
        details: &'a str,
    },
    /// A narrative file larger than cadre reads.
    NarrativeTooLarge {
        /// The file.
        path: &'a str,
        /// The limit, in KiB.
        limit_kib: u64,
    },
    /// A narrative file that is not a regular file of the folder.
    NarrativeNotAFile {
        /// The file.
        path: &'a str,
    },
    /// A narrative file cannot be read.
    NarrativeUnreadable {
        /// The file.
        path: &'a str,
        /// Why.
        reason: &'a str,
    },
    /// Narrative reminder of the summary file.
    SkeletonSummary {
        /// The programme's name.
        programme: &'a str,
        /// The period's label.
        period: &'a str,
        /// Its dates, in words.
        range: &'a str,
    },
    /// Narrative reminder: one indicator's values.
    SkeletonIndicator {
        /// Its code.
        code: &'a str,
        /// Its label.
        label: &'a str,
        /// Its cumulative value, formatted.
        cumulative: &'a str,
        /// Its value over the period, formatted.
        period: &'a str,
        /// Its milestone due, formatted (or a dash).
        milestone: &'a str,
        /// Its target, formatted.
        target: &'a str,
        /// Its status, in words.
        status: &'a str,
    },
    /// Narrative reminder of an indicator behind: what to explain.
    SkeletonExplain,
    /// The narrative skeleton: files written and files kept.
    NarrativeSkeleton {
        /// Files written.
        written: usize,
        /// Files already there, kept as they were.
        kept: usize,
    },
    /// The template folder has no `main.typ`.
    NoMainFile {
        /// The folder.
        path: &'a str,
    },
    /// The report template failed to compile.
    TemplateErrors {
        /// Typst's messages, one per line, located in the template.
        details: &'a str,
    },
    /// The PDF could not be written.
    PdfErrors {
        /// Typst's messages, one per line.
        details: &'a str,
    },
    /// The report data could not be serialised.
    ReportData {
        /// The serialiser's reason.
        reason: &'a str,
    },
    /// `SOURCE_DATE_EPOCH` is not a number of seconds.
    SourceDateEpoch {
        /// Its value.
        value: &'a str,
    },
    /// A date Typst cannot hold.
    DateOutOfRange {
        /// The date.
        date: &'a str,
    },
    /// The xlsx writer refused a cell, sheet or list.
    XlsxRefused {
        /// What was being written.
        part: &'a crate::template::XlsxPart,
        /// The writer's reason.
        reason: &'a str,
    },
    /// A pre-filled dataset's column could not be read from the data.
    RegistryColumn {
        /// The dataset.
        dataset: &'a str,
        /// The column.
        column: &'a str,
        /// What went wrong.
        reason: &'a str,
    },
    /// Rows given for a dataset the programme does not define.
    UnknownDataset {
        /// The name given.
        dataset: &'a str,
        /// The programme's datasets.
        known: &'a str,
    },
    /// A row wider than its sheet.
    RowWidth {
        /// The dataset.
        dataset: &'a str,
        /// Cells given.
        given: usize,
        /// Columns of the sheet.
        columns: usize,
    },
    /// The title of a data-entry workbook.
    WorkbookTitle {
        /// The programme's name.
        programme: &'a str,
    },
    /// The programme's dates, in the template's instructions.
    ProgrammeDates {
        /// First day.
        start: chrono::NaiveDate,
        /// Last day.
        end: chrono::NaiveDate,
    },
    /// The rule about drop-down lists, with an example of the programme's.
    ListRule {
        /// `VALUE = value`.
        example: &'a str,
    },
    /// The datasets pre-filled from the registry.
    Prefilled {
        /// Their names.
        names: &'a str,
    },
    /// Entry-time help of a column referring to another sheet.
    PickCode {
        /// The column's label.
        label: &'a str,
        /// The referenced sheet.
        sheet: &'a str,
    },
    /// Entry-time help of a column with a list of values.
    PickValue {
        /// The column's label.
        label: &'a str,
        /// The values.
        values: &'a str,
    },
    /// Entry-time help stating a column's rule.
    ColumnRule {
        /// The column's label.
        label: &'a str,
        /// The rule.
        rule: &'a str,
    },
    /// Entry-time help of a code column.
    CodeUsed {
        /// The column's label.
        label: &'a str,
    },
    /// A column note's line stating the rule.
    RuleLine {
        /// The rule.
        rule: &'a str,
    },
    /// A column note's line listing other accepted spellings.
    AlsoAccepted {
        /// `alias = value, …`.
        aliases: &'a str,
    },
    /// A column note's line for a column referring to another sheet.
    PickFromSheet {
        /// The referenced sheet.
        sheet: &'a str,
    },
    /// No free name for a helper sheet of the data-entry template.
    NoFreeSheetName {
        /// The names tried.
        candidates: &'a str,
    },
}

impl Word {
    /// The word in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => fr::word(self),
            Lang::En => en::word(self),
        }
    }
}

impl crate::template::XlsxPart {
    /// What was being written, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::xlsx_part(self),
            Lang::En => en::xlsx_part(self),
        }
    }
}

impl Text<'_> {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::text(self),
            Lang::En => en::text(self),
        }
    }
}

/// A list of names for a message: `a, b, c`.
fn list<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_follow_each_language() {
        let one = Text::RowsRejected {
            rows: 1,
            problems: 1,
        };
        let many = Text::RowsRejected {
            rows: 2,
            problems: 3,
        };
        assert_eq!(one.render(Lang::Fr), "1 ligne rejetée, 1 problème :");
        assert_eq!(many.render(Lang::Fr), "2 lignes rejetées, 3 problèmes :");
        assert_eq!(one.render(Lang::En), "1 row rejected, 1 problem:");
        assert_eq!(many.render(Lang::En), "2 rows rejected, 3 problems:");
        // French uses the singular for 0 as well; English the plural.
        let none = Text::Differences { count: 0 };
        assert_eq!(none.render(Lang::Fr), "0 écart :");
        assert_eq!(none.render(Lang::En), "0 differences:");
    }

    #[test]
    fn what_the_xlsx_writer_refused_is_named_in_one_language() {
        let part = crate::template::XlsxPart::Cell {
            sheet: "sessions".into(),
            row: 3,
            column: "date".into(),
        };
        let refused = |lang| {
            Text::XlsxRefused {
                part: &part,
                reason: "out of range",
            }
            .render(lang)
        };
        assert_eq!(
            refused(Lang::Fr),
            "feuille sessions, ligne 3, colonne date : refusé par l’écriture xlsx (« out of range »)"
        );
        assert_eq!(
            refused(Lang::En),
            "sheet sessions, row 3, column date: refused by the xlsx writer (out of range)"
        );
    }
}
