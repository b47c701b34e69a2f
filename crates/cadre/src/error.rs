//! Errors that stop a run. Problems with single rows are not errors: they are
//! reported in the [`crate::IngestReport`] and the run goes on.

use std::path::PathBuf;

/// Everything that can stop loading definitions, reading a workbook or
/// computing a period. Each variant carries the context a user needs to fix
/// the input: file, sheet, line, what was found. The message is written in
/// the user's language by the catalogue ([`Error::message`]); `Display`
/// writes it in English, for logs and developers.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(crate::Lang::En))]
pub enum Error {
    /// A file or folder could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A definition file is malformed or inconsistent.
    Definition {
        /// The definition file.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong (boxed: errors travel in every `Result`, and this
        /// one is large).
        problem: Box<DefinitionProblem>,
    },
    /// A data file, or one of its sheets, cannot be read at all.
    Workbook {
        /// The data file.
        path: PathBuf,
        /// The sheet, when the problem is in one.
        sheet: Option<String>,
        /// What is wrong with it.
        problem: WorkbookProblem,
    },
    /// A dataset's sheet is not in the workbook.
    MissingSheet {
        /// The workbook or csv folder.
        path: PathBuf,
        /// The dataset looked for.
        dataset: String,
        /// The sheets (or csv files) present.
        found: Vec<String>,
        /// The closest sheet name, if any is close.
        closest: Option<String>,
        /// The dataset's `aliases` in the definitions, so that the message
        /// can show the whole line that would accept the sheet found.
        aliases: Vec<String>,
    },
    /// A required column is not in a sheet's header row.
    MissingColumn {
        /// The workbook or csv file.
        path: PathBuf,
        /// The sheet.
        sheet: String,
        /// The dataset the sheet was read as, the column's aliases and the
        /// headers present (boxed: errors travel in every `Result`).
        definition: Box<ColumnDefinition>,
        /// The column looked for.
        column: String,
        /// The closest header, if any is close.
        closest: Option<String>,
    },
    /// Two headers of a sheet name the same column by the end of their
    /// group paths (`grp_a/date`, `grp_b/date`), and none names it exactly.
    AmbiguousHeader {
        /// The workbook or csv file.
        path: PathBuf,
        /// The sheet.
        sheet: String,
        /// The dataset the sheet was read as.
        dataset: String,
        /// The column both headers name.
        column: String,
        /// The two headers, as written, in sheet order (boxed: errors
        /// travel in every `Result`).
        headers: Box<[String; 2]>,
    },
    /// A period could not be read.
    Period {
        /// What was given.
        input: String,
        /// What is wrong with it.
        problem: PeriodProblem,
    },
    /// An indicator could not be computed (a definition polars refused at run time).
    Compute {
        /// The indicator code.
        indicator: String,
        /// What polars said, quoted as it said it.
        message: String,
        /// Where the indicator is defined (file and line), so that the user
        /// can open its definition; none when what failed is not an
        /// indicator (a dataset read for the finance or reporting pages).
        defined_at: Option<DefinedAt>,
    },
    /// A claimed indicator table cannot be read.
    ClaimedTable {
        /// The table's file.
        path: PathBuf,
        /// The sheet, in a workbook.
        sheet: Option<String>,
        /// The line or row, as the file shows it.
        row: Option<u32>,
        /// What is wrong.
        problem: TableProblem,
    },
    /// An indicator code is not in the programme.
    UnknownIndicator {
        /// The code given.
        code: String,
        /// The closest code.
        closest: Option<String>,
    },
}

/// Where a definition is written: its file and, when known, its line.
/// Recorded at load for each indicator, so that an error met later (while
/// computing) still sends the user to the definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinedAt {
    /// The definition file.
    pub path: PathBuf,
    /// The line of the definition's code, when known.
    pub line: Option<usize>,
}

/// Where a missing column is defined: what the message needs to show the
/// line that would accept the header found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDefinition {
    /// The dataset.
    pub dataset: String,
    /// The column's `aliases` in the definitions.
    pub aliases: Vec<String>,
    /// The headers present.
    pub found: Vec<String>,
}

/// What is wrong in a programme's definitions.
#[derive(Debug, Clone, PartialEq)]
pub enum DefinitionProblem {
    /// A threshold of `[status]` outside its range.
    StatusThreshold {
        /// The key (`at_risk_of_floor`).
        key: String,
        /// Its value, as a number is written.
        value: String,
        /// The smallest value allowed.
        min: String,
        /// The largest value allowed.
        max: String,
    },
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The TOML parser refused the file (syntax, an unknown key, a value of
    /// the wrong type, a measure of the wrong shape).
    Syntax {
        /// What the parser said, quoted.
        detail: String,
    },
    /// A word the definitions do not know where they allow only some: a
    /// value of an enumerated key, a key, a measure type.
    UnknownWord {
        /// Which kind of word.
        word: UnknownWord,
        /// The word written.
        given: String,
        /// The words allowed there, as the definitions write them.
        expected: Vec<String>,
        /// The allowed word closest to the one written, if any is close.
        closest: Option<String>,
    },
    /// Two indicators with one code.
    IndicatorTwice {
        /// The code.
        code: String,
        /// The file of the first.
        first: PathBuf,
    },
    /// The indicators folder defines none.
    NoIndicators,
    /// More indicators than a programme can hold (a generated or hostile folder).
    TooManyIndicators {
        /// The most a programme may define.
        max: usize,
    },
    /// The programme ends before it starts.
    EndBeforeStart {
        /// First day.
        start: chrono::NaiveDate,
        /// Last day.
        end: chrono::NaiveDate,
    },
    /// `[programme] year_start_month` is not a month (1 to 12).
    YearStartMonth {
        /// The value written.
        month: u32,
    },
    /// No report language.
    NoLanguage,
    /// A code that cannot name a file (narrative files are named by codes).
    BadCode {
        /// The code.
        code: String,
    },
    /// Two results with one code.
    ResultTwice {
        /// The code.
        code: String,
    },
    /// A result whose parent is not a result.
    UnknownParent {
        /// The result.
        result: String,
        /// Its parent.
        parent: String,
    },
    /// Results whose `parent`s loop (`A` under `B` under `A`).
    ResultCycle {
        /// The results of the loop, from the first one met back to it.
        chain: Vec<String>,
    },
    /// Two dimensions with one name.
    DimensionTwice {
        /// The name.
        name: String,
    },
    /// `[report]` names an indicator that is not defined.
    ReportUnknownIndicator {
        /// The code.
        code: String,
    },
    /// Datasets that reference each other in a cycle.
    ReferenceCycle {
        /// A dataset on the cycle.
        dataset: String,
    },
    /// A dataset's definition is wrong.
    Dataset {
        /// The dataset.
        dataset: String,
        /// What is wrong.
        problem: DatasetProblem,
    },
    /// A funder's logo cannot be used.
    Logo {
        /// The funder.
        funder: String,
        /// The file named.
        file: String,
        /// Why.
        reason: LogoProblem,
    },
    /// The activities declared for a result's section are wrong.
    Activities {
        /// The result.
        result: String,
        /// What is wrong.
        problem: IndicatorProblem,
    },
    /// `[reporting]` names a dataset or column that is wrong.
    Reporting {
        /// The part: `units`, or the dataset of a `[[reporting.dataset]]`.
        part: String,
        /// What is wrong.
        problem: IndicatorProblem,
    },
    /// `[finance]` names a dataset or column that is wrong.
    Finance {
        /// The part: `budget` or `expenses`.
        part: String,
        /// What is wrong.
        problem: IndicatorProblem,
    },
    /// `[report.risks]` (the risk register) is wrong.
    Risks {
        /// Its key that is wrong (`likelihood`, `statuses`).
        key: String,
        /// What is wrong.
        problem: RiskProblem,
    },
    /// A result's `assumptions` are wrong.
    Assumptions {
        /// The result.
        result: String,
        /// What is wrong.
        problem: RiskProblem,
    },
    /// `[iati]` declares a code or a share IATI refuses.
    Iati(crate::programme::iati::IatiProblem),
    /// An indicator's definition is wrong.
    Indicator {
        /// The indicator's code.
        code: String,
        /// What is wrong.
        problem: IndicatorProblem,
    },
    /// The parser refused a file inside one `[[indicator]]` table: the
    /// indicator's code, read from the table's `code = "…"` line even when
    /// the rest of the table cannot be read, and what the parser refused.
    InIndicator {
        /// The indicator's code.
        code: String,
        /// What the parser refused (a syntax error, an unknown word, a
        /// measure of the wrong shape).
        problem: Box<DefinitionProblem>,
    },
    /// A key the table requires is missing (`code` of an indicator).
    MissingKey {
        /// The key.
        key: String,
    },
    /// A value of the wrong shape, refused by cadre's own reading of the
    /// definitions (a measure missing a key its type needs, a date that is
    /// not one).
    Shape(ShapeProblem),
    /// A `[[report.people]]` entry is wrong.
    People {
        /// The entry's dataset.
        dataset: String,
        /// The key at fault (`sex`, `age_bands`).
        key: String,
        /// What is wrong.
        problem: Box<PeopleProblem>,
    },
}

/// What cadre's reading of a definition refuses in its shape: the keys a
/// measure type needs or refuses, a window's form, a date. These are found
/// while the TOML is read (inside the parser), so they travel through the
/// parser as its message and are recognised on the way out
/// (`crate::programme::shape`), to be written in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeProblem {
    /// A measure `type` cadre does not know.
    UnknownMeasureType {
        /// The type written.
        given: String,
        /// The types cadre knows.
        expected: Vec<String>,
    },
    /// A key the measure's type requires is missing.
    MeasureNeeds {
        /// The measure's type.
        measure: String,
        /// The key.
        key: String,
    },
    /// A key the measure's type does not take.
    MeasureTakesNo {
        /// The measure's type.
        measure: String,
        /// The key.
        key: String,
    },
    /// `filter_label` without a `filter` to describe.
    FilterLabelWithoutFilter,
    /// A composite (`formula`) given rows to read (`dataset`, `date`,
    /// `filter`): it reads the indicators its formula names.
    FormulaTakesNo {
        /// The key.
        key: String,
    },
    /// A ratio given `dataset`, `date` or `filter` outside its sides.
    RatioSelectionOutsideSides,
    /// A ratio side counting rows (`aggregate = "count"`) with a `column`.
    CountWithColumn,
    /// A ratio side summing or counting distinct values without a `column`.
    AggregateNeedsColumn,
    /// A stage measure without `date`: a stage is the latest row's.
    StageNeedsDate,
    /// A stage measure with `scale` and no `per`.
    StageScaleWithoutPer,
    /// Per-unit stages with `stage_milestones` (they judge one stage overall).
    StageMilestonesPerUnit,
    /// A latest value without `date`.
    LatestNeedsDate,
    /// `at_end` with both or neither of `from` and `unit`.
    AtEndForm,
    /// A date that is not in the calendar (`2025-02-30`).
    NotACalendarDate {
        /// What was written.
        given: String,
    },
    /// Not a date (`31/10/2025`, a date with a time).
    NotADate {
        /// What was written.
        given: String,
    },
}

/// The kind of an unknown word in the definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownWord {
    /// A value of a key that allows only some (`kind`, `level`,
    /// `direction`, a column's `type`).
    Value,
    /// A key the table does not take.
    Key,
    /// A measure's `type`.
    MeasureType,
}

/// Why a logo cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoProblem {
    /// No such file in the programme folder.
    Missing,
    /// Not a PNG, JPEG or SVG file.
    NotAnImage,
    /// Outside the programme folder.
    OutsideFolder,
    /// Larger than cadre reads.
    TooLarge,
}

/// What is wrong in a dataset's definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatasetProblem {
    /// A sheet name (or alias) used by two datasets.
    SheetNameTwice {
        /// The name.
        name: String,
    },
    /// A column name with a `.` (which marks references).
    DotInColumn {
        /// The column.
        column: String,
    },
    /// A header (name or alias) used by two columns.
    HeaderTwice {
        /// The header.
        header: String,
    },
    /// An enum column without values.
    EnumWithoutValues {
        /// The column.
        column: String,
    },
    /// Values, aliases or labels on a column that is not an enum.
    ValuesNotEnum {
        /// The column.
        column: String,
    },
    /// A value label for something that is not a value.
    LabelNotValue {
        /// The column.
        column: String,
        /// The labelled text.
        value: String,
    },
    /// A value alias pointing to something that is not a value.
    AliasNotValue {
        /// The column.
        column: String,
        /// The alias.
        alias: String,
        /// What it points to.
        value: String,
    },
    /// A pattern on a column that is not text.
    PatternNotText {
        /// The column.
        column: String,
    },
    /// A pattern that is not a regular expression.
    BadPattern {
        /// The column.
        column: String,
        /// What the regex compiler said, quoted.
        detail: String,
    },
    /// `min`/`max` on a column that is not a number.
    MinMaxNotNumber {
        /// The column.
        column: String,
    },
    /// A reference to something that is not a dataset.
    ReferenceUnknown {
        /// The column.
        column: String,
        /// What it references.
        target: String,
    },
    /// A reference to a dataset without a key.
    ReferenceWithoutKey {
        /// The column.
        column: String,
        /// What it references.
        target: String,
    },
    /// A column referencing its own dataset.
    ReferenceToItself {
        /// The column.
        column: String,
    },
    /// A reference column that is not text.
    ReferenceNotText {
        /// The column.
        column: String,
    },
    /// `required_when` names an unknown column.
    RequiredWhenUnknownColumn {
        /// The column.
        column: String,
        /// The column named.
        other: String,
    },
    /// `required_when` names a value the other column does not allow.
    RequiredWhenNotValue {
        /// The column.
        column: String,
        /// The value named.
        value: String,
        /// The other column.
        other: String,
    },
    /// A key that is not a required text column.
    KeyNotRequiredText {
        /// The key.
        key: String,
    },
    /// A key that is not a column.
    KeyNotColumn {
        /// The key.
        key: String,
    },
}

/// What is wrong in an indicator's definition.
#[derive(Debug, Clone, PartialEq)]
pub enum IndicatorProblem {
    /// The result it measures is not in the results chain.
    UnknownResult {
        /// The result named.
        result: String,
        /// The programme's results.
        results: String,
    },
    /// No label.
    EmptyLabel,
    /// The target is not a finite number.
    TargetNotNumber,
    /// A baseline, target or milestone beyond what a report shows exactly.
    NumberTooLarge {
        /// Which number: `baseline`, `target`, or `milestone <date>`.
        field: String,
    },
    /// A filter or condition whose value is not true/false (`score`, `1`).
    NotACondition {
        /// The condition, as written.
        filter: String,
        /// The type of value it gives instead (`i64`).
        kind: String,
    },
    /// Not a dataset.
    NotADataset {
        /// The name given.
        dataset: String,
        /// The programme's datasets.
        datasets: String,
    },
    /// Not a column of the dataset (own or through a reference).
    NotAColumn {
        /// The name given.
        column: String,
        /// The dataset.
        dataset: String,
        /// The closest column, if any is close.
        closest: Option<String>,
        /// The dataset's columns.
        columns: String,
    },
    /// A column summed or averaged that is not a number.
    NotNumeric {
        /// The column.
        column: String,
        /// The dataset.
        dataset: String,
        /// Its type.
        kind: crate::schema::ColumnType,
    },
    /// A date column that is not a date.
    DateNotDate {
        /// The column.
        column: String,
        /// Its type.
        kind: crate::schema::ColumnType,
    },
    /// A filter or condition that does not compile or does not fit the
    /// dataset's columns.
    Filter {
        /// The filter, as written.
        filter: String,
        /// What polars said, quoted.
        detail: String,
    },
    /// A filter comparing a date column with text (`date >= '2025-07-01'`):
    /// a date is written `DATE '2025-07-01'`.
    DateComparedWithText {
        /// The filter, as written.
        filter: String,
        /// The filter with its dates written as dates, when that form loads.
        fixed: Option<String>,
    },
    /// A filter comparing a boolean column with text (`en_ligne = 'oui'`):
    /// a boolean is compared with `true` or `false`, or written alone.
    BooleanComparedWithText {
        /// The filter, as written.
        filter: String,
        /// The boolean column.
        column: String,
    },
    /// A filter naming something that is not a column.
    FilterColumn {
        /// The filter, as written.
        filter: String,
        /// What is wrong with the name.
        problem: Box<IndicatorProblem>,
    },
    /// The members of a per-group measure are not a dataset.
    MembersNotDataset {
        /// The name given.
        dataset: String,
    },
    /// The members' `via` column does not reference the groups.
    MembersVia {
        /// The column given.
        via: String,
        /// The members' dataset.
        dataset: String,
        /// The groups' dataset.
        groups: String,
    },
    /// A count of members with a column.
    MembersCountWithColumn,
    /// A workplan's `planned_date` is not a date column.
    PlannedDateNotDate {
        /// The column given.
        column: String,
        /// Its type.
        kind: crate::schema::ColumnType,
    },
    /// A workplan's `status` column is not an enum.
    StatusNotEnum {
        /// The column given.
        column: String,
        /// Its type.
        kind: crate::schema::ColumnType,
    },
    /// A workplan's `status` lists a value its column does not have.
    StatusValueUnknown {
        /// The column.
        column: String,
        /// The value listed.
        value: String,
        /// The column's values.
        values: String,
    },
    /// A value of a workplan's `status` column listed under no status or
    /// under several.
    StatusValueMapping {
        /// The column.
        column: String,
        /// The value.
        value: String,
        /// The statuses it is listed under (empty for none).
        statuses: String,
    },
    /// The reporting units' dataset has no key to name them by.
    UnitsWithoutKey {
        /// The dataset.
        dataset: String,
    },
    /// A reporting dataset's unit column does not reference the units.
    UnitNotReference {
        /// The column.
        column: String,
        /// Its dataset.
        dataset: String,
        /// The units' dataset.
        units: String,
    },
    /// A distinct count or sum of members without a column.
    MembersWithoutColumn,
    /// A breakdown given twice.
    BreakdownTwice {
        /// The dimension.
        by: String,
    },
    /// A breakdown that is not a dimension.
    BreakdownNotDimension {
        /// The dimension named.
        by: String,
    },
    /// A breakdown whose column is wrong.
    Breakdown {
        /// The dimension.
        by: String,
        /// What is wrong with its column.
        problem: Box<IndicatorProblem>,
    },
    /// A breakdown whose column is wrong in the denominator of a ratio (it
    /// may have its own column there, or not be split).
    BreakdownDenominator {
        /// The dimension.
        by: String,
        /// What is wrong with its column there.
        problem: Box<IndicatorProblem>,
    },
    /// A breakdown splitting the numerator only, on a measure without one
    /// (only a share or a ratio has a numerator and a denominator).
    SplitWithoutNumerator {
        /// The dimension.
        by: String,
        /// The measure's type.
        measure: crate::measure::MeasureType,
    },
    /// A breakdown naming a denominator column on a measure that is not a
    /// ratio (a share reads one dataset: `column` serves both sides).
    DenominatorColumnNotRatio {
        /// The dimension.
        by: String,
    },
    /// A breakdown naming a denominator column while splitting the numerator
    /// only: the denominator is not broken down.
    DenominatorColumnUnsplit {
        /// The dimension.
        by: String,
    },
    /// A weight column that ingestion does not refuse empty or negative.
    WeightUnchecked {
        /// The column.
        column: String,
        /// The dataset of the measure's rows.
        dataset: String,
    },
    /// Two milestones on one day.
    MilestonesSameDay {
        /// The day.
        date: chrono::NaiveDate,
    },
    /// A stage column that is not an enum (its values are the stages).
    StageNotEnum {
        /// The column.
        column: String,
        /// Its type.
        kind: crate::schema::ColumnType,
    },
    /// A stage that is not a value of the stage column.
    UnknownStage {
        /// The stage named.
        stage: String,
        /// The stage column.
        column: String,
        /// Its values, in order.
        stages: String,
    },
    /// An overall stage whose `target` is not its target stage's rank.
    StageTargetNotRank {
        /// The target stage.
        stage: String,
        /// Its rank.
        rank: f64,
    },
    /// An overall stage with numeric `milestones` (stages are due by
    /// `stage_milestones`).
    StageNumericMilestones,
    /// A composite's formula that cannot be read.
    FormulaSyntax {
        /// The formula, as written.
        formula: String,
        /// Where it cannot be read, in characters from 1.
        at: usize,
        /// What stands there; none when the formula ends too early.
        found: Option<String>,
    },
    /// A composite's formula that names no indicator (a constant).
    FormulaWithoutIndicator {
        /// The formula, as written.
        formula: String,
    },
    /// A composite's formula names a code that is not an indicator.
    FormulaUnknownIndicator {
        /// The code named.
        code: String,
        /// The closest indicator code, if any is close.
        closest: Option<String>,
    },
    /// Composites whose formulas lead back to themselves.
    FormulaCycle {
        /// The codes from the indicator back to it (`A → B → A`).
        path: String,
    },
    /// A composite broken down by a dimension one of its parts is not.
    FormulaBreakdown {
        /// The dimension.
        by: String,
        /// The part without that breakdown.
        part: String,
    },
    /// The indicator's `window` does not fit its measure's rows.
    Window(WindowProblem),
    /// A distinct count of the new values (`counts = "new"`) that cannot
    /// tell when a value first appeared.
    CountsNew(CountsNewProblem),
    /// A key of `[finance]` is wrong.
    Finance(FinanceProblem),
    /// A ceiling with a milestone above it.
    MilestoneAboveCeiling {
        /// The milestone's date.
        date: chrono::NaiveDate,
        /// Its value.
        value: f64,
        /// The ceiling (the target).
        target: f64,
    },
    /// A level to raise (a floor) whose target is below its baseline.
    TargetBelowBaseline {
        /// The baseline.
        baseline: f64,
        /// The target.
        target: f64,
    },
    /// A period target or a category target is wrong (`crate::targets`).
    Targets(Box<crate::targets::TargetProblem>),
    /// `baseline_date` after the programme's last day.
    BaselineDateAfterEnd {
        /// The baseline's date.
        date: chrono::NaiveDate,
        /// The programme's last day.
        end: chrono::NaiveDate,
    },
    /// `stock = true` on a level, which adds nothing to a baseline.
    StockOnLevel,
    /// A stock (its own key or `[indicator_defaults]`) without a baseline.
    StockWithoutBaseline {
        /// Whether `[indicator_defaults]` made it a stock.
        from_default: bool,
    },
    /// Achievement from the baseline (its own key or
    /// `[indicator_defaults]`) without a baseline.
    FromBaselineWithoutBaseline {
        /// Whether `[indicator_defaults]` asked for it.
        from_default: bool,
    },
    /// Achievement from the baseline with a target equal to the baseline
    /// (the way to go is nil).
    FromBaselineTargetIsBaseline {
        /// The baseline and target.
        value: f64,
        /// Whether `[indicator_defaults]` asked for it.
        from_default: bool,
    },
}

/// What is wrong with an indicator's `window`.
#[derive(Debug, Clone, PartialEq)]
pub enum WindowProblem {
    /// A column the window names is not a column of the dataset.
    Column {
        /// The window's key naming it (`from`, `to`, `unit`, `latest_round`).
        key: &'static str,
        /// What is wrong with the name.
        problem: Box<IndicatorProblem>,
    },
    /// A column the window names has the wrong type (a `from` that is not a
    /// date, a round that is text).
    ColumnType {
        /// The window's key naming it.
        key: &'static str,
        /// The column.
        column: String,
        /// The dataset.
        dataset: String,
        /// Its type.
        kind: crate::schema::ColumnType,
    },
    /// The window needs dated rows and the measure gives no `date`.
    NeedsDate {
        /// The window, as written (`period`, `at_end.unit`).
        window: &'static str,
        /// The dataset.
        dataset: String,
    },
    /// The window dates rows by its `from`/`to` columns and the measure
    /// gives a `date` too.
    DatedTwice {
        /// The measure's date column.
        date: String,
    },
}

/// What is wrong with a key of `[finance]`.
#[derive(Debug, Clone, PartialEq)]
pub enum FinanceProblem {
    /// `used_up_pct` is not a share from 1 to 1000 %.
    UsedUpPct {
        /// The share written.
        pct: f64,
    },
    /// The indirect costs' cap is not a share above 0 and up to 100 %.
    IndirectCap {
        /// The cap written.
        cap: f64,
    },
    /// A selector (`[finance.indirect]`, `[finance.in_kind]`,
    /// `[finance.contingency]`) names no action, line or nature.
    SelectsNothing,
    /// A key needs a column `[finance] expenses` does not declare.
    NeedsColumn {
        /// `action`, `line`, `nature`, `status` or `eligible`.
        key: &'static str,
    },
    /// `variance_pct` is not a share above 0 and up to 1000 %.
    VariancePct {
        /// The share written.
        pct: f64,
    },
    /// The expenses have a status column but no `[finance.statuses]`.
    StatusesMissing,
    /// A value listed under two statuses.
    StatusTwice {
        /// The value.
        value: String,
    },
    /// A status value the enum column does not have.
    StatusUnknown {
        /// The value.
        value: String,
        /// The column's values.
        values: Vec<String>,
    },
    /// The status column is not an enum.
    StatusNotEnum {
        /// Its type.
        kind: crate::schema::ColumnType,
    },
    /// A value of the enum status column no status lists.
    StatusUnmapped {
        /// The value.
        value: String,
    },
    /// The expenses have an eligibility column but no `ineligible` values.
    IneligibleMissing,
    /// The exchange rate is not a positive number, or names no currency.
    ExchangeRate {
        /// The rate written.
        rate: f64,
    },
    /// A funder's `planned` or `grant` is not an amount (0 or more).
    FunderAmount {
        /// The funder's code.
        funder: String,
    },
    /// A payment request names a funder the programme does not declare.
    UnknownFunder {
        /// The code written.
        funder: String,
        /// The declared funders' codes.
        funders: Vec<String>,
    },
    /// A payment request asks for no amount.
    PaymentRequestAmount {
        /// The amount written.
        amount: f64,
    },
}

/// What is wrong with `[report.risks]` or a result's `assumptions`.
#[derive(Debug, Clone, PartialEq)]
pub enum RiskProblem {
    /// The dataset or a column named is not one.
    Column(IndicatorProblem),
    /// A column without the type its key needs (a likelihood that is not
    /// an enum, a date that is not a date).
    ColumnType {
        /// The column.
        column: String,
        /// Its type.
        kind: crate::schema::ColumnType,
        /// The type the key needs.
        needs: crate::schema::ColumnType,
    },
    /// A value under `statuses` that the status column does not have.
    StatusUnknown {
        /// The value.
        value: String,
        /// The column's values.
        values: Vec<String>,
    },
    /// A value under two statuses.
    StatusTwice {
        /// The value.
        value: String,
    },
    /// A value of the status column under no status.
    StatusUnmapped {
        /// The value.
        value: String,
    },
    /// `high` is not a level of the register.
    High {
        /// The value written.
        high: u32,
        /// The highest level (the two scales' lengths multiplied).
        max: u32,
    },
    /// Assumptions in a language the programme does not declare.
    AssumptionLanguage {
        /// The language written.
        lang: String,
        /// The programme's languages.
        declared: Vec<String>,
    },
    /// An empty assumption.
    AssumptionEmpty,
    /// A value of the register's result column (an enum) that is not a
    /// result of the chain.
    ResultValue {
        /// The value.
        value: String,
        /// The programme's results.
        results: Vec<String>,
    },
}

/// Why a distinct count cannot count the new values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountsNewProblem {
    /// The rows are not dated: nothing says when a value first appeared.
    Undated,
    /// The window is at the period's end: a stock has no "new".
    AtEnd,
}

/// Why a data file or sheet cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookProblem {
    /// A folder with no workbook or csv file, at any depth.
    NoDataInFolder,
    /// Beyond the size cadre reads.
    TooLarge {
        /// The file's size, in MiB.
        mib: u64,
        /// The limit, in MiB.
        max_mib: u64,
    },
    /// An empty file.
    Empty,
    /// A password-protected workbook.
    Encrypted,
    /// A file in a data folder that is neither a workbook nor a csv file.
    NotADataFile,
    /// Neither a workbook nor a folder of csv files.
    NotASpreadsheet,
    /// The reader refused the workbook.
    Unreadable {
        /// The format the bytes announce.
        format: crate::ingest::Format,
        /// What the reader said, quoted.
        detail: String,
    },
    /// An xls workbook whose OLE container (the file system inside the
    /// file) is damaged.
    DamagedOle {
        /// The part of the container found damaged, as the reader names it
        /// (`directory`, `chain loop`), quoted.
        part: String,
    },
    /// A zip archive that cannot be read.
    DamagedZip {
        /// What the zip reader said, quoted.
        detail: String,
    },
    /// An archive entry that would inflate beyond reason.
    ZipBomb {
        /// The entry.
        entry: String,
        /// Its inflated size, in MiB.
        mib: u64,
        /// Its packed size, in KiB.
        kib: u64,
    },
    /// A zip archive that holds no workbook.
    ZipNotWorkbook,
    /// An OpenDocument file of another kind (a text, a drawing).
    NotOpenDocumentSpreadsheet {
        /// Its declared type.
        mimetype: String,
    },
    /// The sheet's reader failed.
    SheetUnreadable {
        /// What the reader said, quoted.
        detail: String,
    },
    /// A cell beyond the last column a spreadsheet can have.
    CellBeyondLastColumn {
        /// The row.
        row: u32,
    },
    /// A sheet wider than a spreadsheet can be.
    TooWide,
    /// The csv file of a sheet is missing.
    NoCsvFile,
    /// A malformed csv file.
    MalformedCsv {
        /// What the csv reader said, quoted.
        detail: String,
    },
    /// A csv line with more fields than a spreadsheet has columns.
    CsvLineTooWide {
        /// The line.
        line: u32,
    },
    /// A sheet whose cell extent (what the reader would hold as a dense
    /// range) is beyond the limit for a file of its size: refused before
    /// anything is allocated for it.
    SheetTooLarge {
        /// The sheet, when its name is known.
        sheet: Option<String>,
        /// The cells its extent spans (rows × columns).
        cells: u64,
        /// The limit for this file.
        limit: u64,
    },
}

/// Why a claimed indicator table (the table `check` verifies) cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableProblem {
    /// The file is not a table of the expected form (csv syntax, workbook).
    Malformed {
        /// What the reader said, quoted.
        detail: String,
    },
    /// A column of the contract is missing.
    MissingColumn {
        /// The column.
        column: String,
        /// The columns expected, in order.
        expected: String,
    },
    /// A number column holds something else.
    NotANumber {
        /// The column.
        column: String,
        /// The value.
        value: String,
    },
    /// The status is not one of the contract's words, in any language.
    UnknownStatus {
        /// The value.
        value: String,
    },
    /// A PDF that cannot be read (its structure is broken).
    Pdf {
        /// What the PDF reader said, quoted.
        detail: String,
    },
    /// This build reads no PDF (built without the runner's `pdf` feature):
    /// the table is read from its JSON file instead.
    PdfUnsupported,
    /// A PDF with no indicator table attached (not a cadre report, or one
    /// made without its table).
    NoAttachedTable,
    /// An attached file larger than cadre reads.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A JSON table that is not a cadre indicator table (or of a later
    /// version of its format).
    NotATable {
        /// What the JSON reader said, quoted.
        detail: String,
    },
    /// The table is another programme's.
    OtherProgramme {
        /// The table's programme.
        table: String,
        /// The programme given.
        programme: String,
    },
    /// `--period` names another period than the one the table carries.
    OtherPeriod {
        /// The period given.
        given: String,
        /// The table's period.
        table: String,
    },
}

/// Why a period could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodProblem {
    /// Not one of the forms of a period.
    Form,
    /// `project` before the programme's start.
    NotStarted,
    /// A range's dates are not ISO dates.
    RangeDates,
    /// A range that ends before it starts.
    RangeBackwards,
    /// A quarter other than Q1 to Q4.
    Quarter,
    /// A half year other than H1 or H2.
    Half,
    /// A month other than M01 to M12.
    Month,
    /// A programme year (`PY4`) the programme does not have: `PY0`, or
    /// beyond its last year.
    ProgrammeYear {
        /// How many programme years the programme has.
        years: u32,
    },
}

impl Error {
    /// A data file that cannot be read.
    pub(crate) fn workbook(path: impl Into<PathBuf>, problem: WorkbookProblem) -> Self {
        Error::Workbook {
            path: path.into(),
            sheet: None,
            problem,
        }
    }

    /// A sheet of a data file that cannot be read.
    pub(crate) fn sheet(path: impl Into<PathBuf>, sheet: &str, problem: WorkbookProblem) -> Self {
        Error::Workbook {
            path: path.into(),
            sheet: Some(sheet.to_owned()),
            problem,
        }
    }

    /// A file that could not be read.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// What is wrong with a `[[report.people]]` entry.
#[derive(Debug, Clone, PartialEq)]
pub enum PeopleProblem {
    /// A column, the date or the filter does not resolve.
    Column(IndicatorProblem),
    /// Neither `sex` nor `counts`: nothing to split people by.
    NoSex,
    /// The sex column is not an enum: its values must be known to class them.
    SexNotEnum {
        /// The column.
        column: String,
        /// Its type.
        kind: crate::schema::ColumnType,
    },
    /// A value listed under women, men or other that the column does not have.
    SexValueUnknown {
        /// The value.
        value: String,
        /// The column's values.
        values: String,
    },
    /// A value listed twice (under two of women, men and other).
    SexValueTwice {
        /// The value.
        value: String,
    },
    /// A value of the sex column listed under none of women, men and other.
    SexValueUnclassed {
        /// The value.
        value: String,
        /// The column.
        column: String,
    },
    /// An age or count column that is not an integer.
    NotInteger {
        /// The column.
        column: String,
        /// Its type.
        kind: crate::schema::ColumnType,
    },
    /// `age` without `age_bands`.
    AgeWithoutBands,
    /// `age_bands` without `age`.
    BandsWithoutAge,
    /// Band edges that do not increase.
    BandsNotIncreasing {
        /// The edges given.
        bands: Vec<u32>,
    },
    /// `counts` with a key reading each row as one person (`sex`, `age`,
    /// `person`).
    CountsWith {
        /// The key.
        key: String,
    },
    /// `counts` naming no column.
    CountsEmpty,
    /// `activity.via` is not a column referencing a dataset with a key.
    ViaNotReference {
        /// The column given.
        via: String,
        /// The people's dataset.
        dataset: String,
    },
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
