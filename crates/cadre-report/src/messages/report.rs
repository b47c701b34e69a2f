//! The words of the quarterly report: its fixed words ([`ReportWord`]), its
//! sentences with values ([`ReportText`]), the phrases of the methodology
//! annex ([`FormulaText`]) and how each language writes numbers and dates
//! ([`Conventions`]).
//!
//! Each language writes them in its own module (`fr/report.rs`,
//! `en/report.rs`) with exhaustive `match`es, like the rest of the
//! catalogue. The report's data carries every [`ReportWord`] under its
//! [`key`](ReportWord::key), so the template prints the words of this
//! catalogue and has none of its own.

use super::{Lang, en, fr};
use cadre::measure::MethodPhrase;

/// Declares [`ReportWord`] with its keys and the list of every word, from
/// one list: a word cannot lack a key or be left out of [`ReportWord::ALL`].
macro_rules! report_words {
    ($( $(#[doc = $doc:literal])* $name:ident = $key:literal, )*) => {
        /// A fixed word of the report: a title, a heading, a label, an
        /// introduction. The template reads it as `data.words.<key>`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ReportWord {
            $( $(#[doc = $doc])* $name, )*
        }

        impl ReportWord {
            /// Every word, in the order of the report data.
            pub const ALL: &'static [ReportWord] = &[ $( ReportWord::$name, )* ];

            /// The word's key in the report data (`period-value`): the name
            /// the template reads it by.
            pub fn key(self) -> &'static str {
                match self {
                    $( ReportWord::$name => $key, )*
                }
            }
        }
    };
}

report_words! {
    /// The kind of document: "Quarterly monitoring report".
    Report = "report",
    /// A monthly report's title.
    ReportMonthly = "report-monthly",
    /// A half-yearly report's title.
    ReportHalfYearly = "report-half-yearly",
    /// An annual report's title.
    ReportAnnual = "report-annual",
    /// The final report's title.
    ReportFinal = "report-final",
    /// Any other period's report title.
    ReportProgress = "report-progress",
    /// The reporting period (cover).
    Period = "period",
    /// The date of issue (cover).
    Issued = "issued",
    /// The programme's duration (cover).
    ProgrammeDates = "programme-dates",
    /// The share of the programme elapsed at the period's end (cover).
    Elapsed = "elapsed",
    /// Who implements the programme (cover).
    Implementer = "implementer",
    /// Who funds the programme (cover).
    Funders = "funders",
    /// A funder's co-financing rate, in a sentence.
    Cofinancing = "cofinancing",
    /// The table of contents.
    Contents = "contents",
    /// The summary chapter.
    Summary = "summary",
    /// The section of indicator statuses.
    Statuses = "statuses",
    /// The key figures section.
    KeyFigures = "key-figures",
    /// The section of what needs attention.
    Attention = "attention",
    /// Introduces the indicators off track.
    OffTrackIntro = "off-track-intro",
    /// No indicator is off track.
    NoneOffTrack = "none-off-track",
    /// Introduces the indicators at risk.
    AtRiskIntro = "at-risk-intro",
    /// The tracking table chapter.
    Tracking = "tracking",
    /// How to read the tracking table.
    TrackingNote = "tracking-note",
    /// Column heading: an indicator's code.
    Code = "code",
    /// Column heading: the indicator.
    Indicator = "indicator",
    /// Column heading: the baseline, abbreviated.
    Baseline = "baseline",
    /// The baseline, in a sentence.
    BaselineLong = "baseline-long",
    /// A breakdown with no data yet.
    NoData = "no-data",
    /// The programme folder (provenance).
    Folder = "folder",
    /// A colon with the spacing of the language, between a label and its value.
    Colon = "colon",
    /// The milestone.
    Milestone = "milestone",
    /// The target.
    Target = "target",
    /// A ceiling (the target of an indicator not to exceed).
    Ceiling = "ceiling",
    /// A ceiling, in a sentence.
    CeilingLower = "ceiling-lower",
    /// The value over the period.
    PeriodValue = "period-value",
    /// Column heading: the cumulative value, abbreviated.
    Cumulative = "cumulative",
    /// The cumulative value.
    CumulativeLong = "cumulative-long",
    /// The achievement.
    AchievementLong = "achievement-long",
    /// Column heading: the achievement, abbreviated.
    Achievement = "achievement",
    /// The status.
    Status = "status",
    /// The chapter of results by action.
    Results = "results",
    /// No milestone is due yet.
    NoMilestone = "no-milestone",
    /// Stands for a missing value.
    NoValue = "no-value",
    /// Stands for a baseline or target the definitions do not give.
    NotAvailable = "not-available",
    /// In the period.
    ThisPeriod = "this-period",
    /// A category of a breakdown.
    Category = "category",
    /// The finance chapter.
    Finance = "finance",
    /// Introduces the finance chapter.
    FinanceIntro = "finance-intro",
    /// Column heading: a rate.
    Rate = "rate",
    /// The annexes chapter.
    Annexes = "annexes",
    /// The methodology annex.
    Methodology = "methodology",
    /// Introduces the methodology annex.
    MethodologyIntro = "methodology-intro",
    /// An indicator's definition.
    Definition = "definition",
    /// How an indicator is computed.
    Formula = "formula",
    /// The formula with its filters and conditions as the definitions
    /// write them, in a smaller line under the formula in words.
    AsComputed = "as-computed",
    /// Where its values come from.
    Source = "source",
    /// Its means of verification.
    Verification = "verification",
    /// Its unit.
    Unit = "unit",
    /// Its baseline, milestones and target.
    Targets = "targets",
    /// Its breakdowns.
    Breakdowns = "breakdowns",
    /// Its kind (cumulative, level, ceiling).
    Kind = "kind",
    /// A cumulative indicator.
    KindTotal = "kind-total",
    /// A level indicator.
    KindLevel = "kind-level",
    /// A ceiling indicator.
    KindCeiling = "kind-ceiling",
    /// The kind of a total not to exceed (incidents), in the methodology.
    KindTotalCeiling = "kind-total-ceiling",
    /// The data quality annex.
    Quality = "quality",
    /// Introduces the data quality annex.
    QualityIntro = "quality-intro",
    /// Column heading: the dataset.
    Dataset = "dataset",
    /// Column heading: the sheet.
    Sheet = "sheet",
    /// Column heading: the file.
    File = "file",
    /// Column heading: rows read.
    Read = "read",
    /// Column heading: rows accepted.
    Accepted = "accepted",
    /// Column heading: rows rejected.
    Rejected = "rejected",
    /// Column heading: empty rows skipped.
    Skipped = "skipped",
    /// The total row.
    Total = "total",
    /// Every row read is accepted.
    AllAccepted = "all-accepted",
    /// Column heading: the row.
    Row = "row",
    /// Column heading: the column.
    Column = "column",
    /// Column heading: the value.
    Value = "value",
    /// Column heading: the rule broken.
    Rule = "rule",
    /// The evidence annex (`--evidence`): the rows behind each value.
    Evidence = "evidence",
    /// Introduces the evidence annex.
    EvidenceIntro = "evidence-intro",
    /// Column heading: a row's key.
    EvidenceKey = "evidence-key",
    /// Column heading: the date that places a row in time.
    EvidenceDate = "evidence-date",
    /// Column heading: whether a row falls in the period (else before it).
    EvidenceInPeriod = "evidence-in-period",
    /// A part with no row.
    EvidenceNoRow = "evidence-no-row",
    /// The provenance annex.
    Provenance = "provenance",
    /// The report's status on the cover.
    ReportStatus = "report-status",
    /// A provisional report.
    StatusProvisional = "status-provisional",
    /// A final report.
    StatusFinal = "status-final",
    /// The grant agreement.
    GrantAgreement = "grant-agreement",
    /// The day the data was extracted.
    DataAsOf = "data-as-of",
    /// Who signs.
    Signatory = "signatory",
    /// Whom to contact.
    Contact = "contact",
    /// The anomalies of the data-quality annex.
    Anomalies = "anomalies",
    /// What the anomalies are.
    AnomaliesIntro = "anomalies-intro",
    /// No anomaly.
    NoAnomaly = "no-anomaly",
    /// Column heading: what an anomaly is.
    AnomalyWhat = "anomaly-what",
    /// Column heading: how many rows.
    AnomalyRows = "anomaly-rows",
    /// Column heading: the first rows.
    AnomalyFirstRows = "anomaly-first-rows",
    /// Rows dated after the date of issue.
    AnomalyAfterIssue = "anomaly-after-issue",
    /// Rows dated before the programme's start.
    AnomalyBeforeStart = "anomaly-before-start",
    /// Rows dated after the programme's last day.
    AnomalyAfterEnd = "anomaly-after-end",
    /// Rows with no value in a breakdown column.
    AnomalyEmptyBreakdown = "anomaly-empty-breakdown",
    /// Rows identical to an earlier row.
    AnomalyDuplicate = "anomaly-duplicate",
    /// The heading of a result's activities.
    Activities = "activities",
    /// Column heading: an activity's date.
    ActivityDate = "activity-date",
    /// Column heading: an activity's title.
    ActivityTitle = "activity-title",
    /// Column heading: an activity's place.
    ActivityPlace = "activity-place",
    /// The watermark of a draft report.
    Draft = "draft",
    /// Heading of the officer's summary of the quarter.
    NarrativeSummary = "narrative-summary",
    /// A result section with no narrative.
    NoNarrative = "no-narrative",
    /// The officer's comment on an indicator's value.
    IndicatorComment = "indicator-comment",
    /// Introduces the provenance annex.
    ProvenanceIntro = "provenance-intro",
    /// The data files read.
    Inputs = "inputs",
    /// Column heading: a file's size.
    Size = "size",
    /// Column heading: the datasets and rows a file brought.
    RowsBrought = "rows-brought",
    /// The files and sheets of the data that were not read.
    NotRead = "not-read",
    /// Who sent what: the reporting units' rows in the period.
    Reporting = "reporting",
    /// The definition files.
    Definitions = "definitions",
    /// The fingerprint of all definitions.
    DefinitionsHash = "definitions-hash",
    /// What produced the report.
    GeneratedBy = "generated-by",
    /// When the report was produced.
    GeneratedOn = "generated-on",
    /// The template used.
    Template = "template",
    /// A page.
    Page = "page",
    /// Legend of a bar: the cumulative value.
    LegendCumulative = "legend-cumulative",
    /// Legend of a bar: the milestone.
    LegendMilestone = "legend-milestone",
    /// Legend of a bar: the target.
    LegendTarget = "legend-target",
    /// Legend of a progress chart: the bars, each quarter's own value.
    LegendQuarter = "legend-quarter",
    /// Legend of a progress chart: the line of a level, its value since the
    /// programme's start (a running mean, a share since the start).
    LegendSinceStart = "legend-since-start",
    /// Column heading: the next milestone after the period, with its date.
    NextMilestone = "next-milestone",
    /// The restatements section: values of an earlier report that changed.
    Restatements = "restatements",
    /// Column heading: the value as reported then.
    Reported = "reported",
    /// Column heading: the value today's data gives.
    Now = "now",
    /// Column heading: why a value changed, as far as the data tells.
    Why = "why",
    /// The earlier table's definitions differ from today's.
    DefinitionsChangedSince = "definitions-changed-since",
    /// The data files differ from those the earlier table was computed from.
    DataChangedSince = "data-changed-since",
    /// The data files are those the earlier table was computed from.
    DataSameSince = "data-same-since",
    /// Column heading: the cumulative value at the end of the previous quarter.
    PreviousQuarter = "previous-quarter",
    /// Column heading: the change since the previous quarter.
    Change = "change",
    /// The financial statement section.
    Statement = "statement",
    /// Column heading: the planned amount.
    Budget = "budget",
    /// Column heading: spent in the period.
    SpentPeriod = "spent-period",
    /// Column heading: spent up to the period's end.
    SpentToDate = "spent-to-date",
    /// Column heading: budget left.
    Remaining = "remaining",
    /// Column heading: share of the budget spent.
    Used = "used",
    /// Column heading: a funder's share of spending to date.
    ShareOfSpending = "share-of-spending",
    /// Column heading: why an indicator needs attention.
    Reason = "reason",
    /// The figure of a level: its gap to the target.
    GapLong = "gap-long",
    /// The figure of a ceiling: whether it is respected.
    CeilingVerdict = "ceiling-verdict",
    /// The status rules of the methodology annex.
    StatusRules = "status-rules",
    /// Introduces the status rules.
    StatusRulesIntro = "status-rules-intro",
    /// Heading: the financing plan.
    FinancingPlan = "financing-plan",
    /// Column heading: the funder.
    Funder = "funder",
    /// Column heading: a funder's planned contribution.
    PlannedContribution = "planned-contribution",
    /// Column heading: the amount a grant agreement signs.
    GrantAmount = "grant-amount",
    /// Column heading: funds received up to the period's end.
    ReceivedToDate = "received-to-date",
    /// Column heading: received less spent.
    Balance = "balance",
    /// Row: the budget no declared funder's plan covers.
    Uncovered = "uncovered",
    /// Column heading: the forecast at the programme's end.
    ForecastEnd = "forecast-end",
    /// Column heading: committed and planned, and paid after the period.
    Commitments = "commitments",
    /// Column heading: forecast less budget.
    Variance = "variance",
    /// Column heading: the variance over the budget.
    VariancePct = "variance-pct",
    /// Heading: the variances against the budget.
    Variances = "variances",
    /// Heading: the justifications of the variances.
    Justifications = "justifications",
    /// In place of a justification expected and not written.
    NoJustification = "no-justification",
    /// Mark of a forecast made from commitments and the workplan (short:
    /// the variance tables' legend says what it means).
    MethodPlan = "method-plan",
    /// Mark of a forecast made at the pace so far.
    MethodStraight = "method-straight",
    /// Mark of a forecast that is the actual.
    MethodActual = "method-actual",
    /// Heading: the ineligible expenses.
    IneligibleExpenses = "ineligible-expenses",
    /// Column heading: a date.
    Date = "date",
    /// Column heading: an amount.
    Amount = "amount",
    /// Heading: the contributions in kind.
    InKind = "in-kind",
    /// Heading: the certification.
    Certification = "certification",
    /// Cerfa: the charges (expenses) side.
    Charges = "charges",
    /// Cerfa: the resources (income) side.
    Resources = "resources",
    /// Cerfa: column heading, planned.
    PlannedAmount = "planned-amount",
    /// Cerfa: column heading, actual.
    ActualAmount = "actual-amount",
    /// Cerfa: total of the charges in cash.
    TotalCharges = "total-charges",
    /// Cerfa: total of the resources in cash.
    TotalResources = "total-resources",
    /// Cerfa 86: uses of contributions in kind.
    InKindCharges = "in-kind-charges",
    /// Cerfa 87: contributions in kind received.
    InKindResources = "in-kind-resources",
    /// Cerfa: the title of the financial report.
    CerfaTitle = "cerfa-title",
    /// EU: the title of the financial report.
    EuTitle = "eu-title",
    /// EU: column heading, the budget heading.
    BudgetHeading = "budget-heading",
    /// EU: subtotal of the direct costs.
    DirectCosts = "direct-costs",
    /// EU: the total of eligible costs.
    TotalCosts = "total-costs",
    /// EU: column heading, costs incurred.
    Incurred = "incurred",
    /// Heading: the payment request.
    PaymentRequest = "payment-request",
    /// Column heading: a level's or a ceiling's signed gap to its target.
    Gap = "gap",
    /// Heading: the lessons learned.
    LessonsLearned = "lessons-learned",
    /// Heading: sustainability.
    Sustainability = "sustainability",
    /// Heading: the chapter closing an annual or final report.
    Conclusions = "conclusions",
    /// Heading: the year against its targets (annual report).
    YearTargets = "year-targets",
    /// Introduces the year's targets table.
    YearTargetsIntro = "year-targets-intro",
    /// A year's own target (`period_targets`).
    YearTarget = "year-target",
    /// Column heading: the value expected.
    Expected = "expected",
    /// Column heading: the value reached.
    Reached = "reached",
    /// Column heading: the cumulative value at the year's end.
    AtYearEnd = "at-year-end",
    /// A target met (on time, for a milestone).
    TargetMet = "target-met",
    /// A target not met.
    TargetNotMet = "target-not-met",
    /// Heading: the conclusions' results, one by one.
    ByResult = "by-result",
    /// Heading: the logframe matrix.
    Logframe = "logframe",
    /// A result's level: the overall objective.
    LevelGoal = "level-goal",
    /// A result's level: a specific objective (outcome).
    LevelOutcome = "level-outcome",
    /// A result's level: an output.
    LevelOutput = "level-output",
    /// A result's level: an action.
    LevelAction = "level-action",
    /// Column heading: the means of verification.
    MeansOfVerification = "means-of-verification",
    /// Column heading: how an indicator stands (achievement, gap, margin).
    Standing = "standing",
    /// A restated row the earlier report did not have.
    NotReportedThen = "not-reported-then",
    /// A restated row today's table no longer has.
    NoLongerReported = "no-longer-reported",
    /// Before a section a point of attention points to: "see".
    See = "see",
    /// Introduces the totals below their milestone that are neither off
    /// track nor at risk.
    MissedMilestonesIntro = "missed-milestones-intro",
    /// Heading of the reporting units that sent nothing in the period.
    SilentHeading = "silent-heading",
    /// Heading: the risks and assumptions chapter.
    RisksHeading = "risks-heading",
    /// Heading: the risk register.
    RiskRegister = "risk-register",
    /// Column heading: the risk.
    Risk = "risk",
    /// Column heading: its likelihood.
    Likelihood = "likelihood",
    /// Column heading: its impact.
    Impact = "impact",
    /// Column heading: its level (likelihood × impact).
    RiskLevel = "risk-level",
    /// Column heading: what is done about it.
    Mitigation = "mitigation",
    /// Column heading: who follows it.
    Owner = "owner",
    /// Column heading: a risk's status.
    RiskStatus = "risk-status",
    /// Column heading: what changed since the last report.
    RiskChange = "risk-change",
    /// A risk not in the register at the last report.
    RiskNew = "risk-new",
    /// A risk closed since the last report.
    RiskClosed = "risk-closed",
    /// A risk unchanged since the last report.
    RiskUnchanged = "risk-unchanged",
    /// Heading: the results' assumptions.
    Assumptions = "assumptions",
    /// Heading of the risks whose level rose, in the summary.
    RisingRisksHeading = "rising-risks-heading",
    /// Between two changes of a risk: "; ".
    RiskChangeSeparator = "risk-change-separator",
    /// The narrative has no comment on the risks (`risks.md`).
    RisksNoNarrative = "risks-no-narrative",
}

impl ReportWord {
    /// The word in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => fr::report::word(self),
            Lang::En => en::report::word(self),
        }
    }
}

/// A sentence of the report with values in it. The values arrive formatted
/// for the language (dates in words, numbers grouped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportText<'a> {
    /// The period's dates: "from 1 October 2025 to 31 December 2025".
    PeriodRange {
        /// First day.
        start: &'a str,
        /// Last day.
        end: &'a str,
    },
    /// A programme year and its months: "Programme year 2 (Nov 2025 –
    /// Oct 2026)".
    ProgrammeYear {
        /// The year's number, from 1.
        n: u32,
        /// Its first month and year (`Nov 2025`).
        start: &'a str,
        /// Its last month and year (`Oct 2026`).
        end: &'a str,
    },
    /// Two dates as a span: "1 November 2024 – 31 October 2026".
    FromTo {
        /// First day.
        start: &'a str,
        /// Last day.
        end: &'a str,
    },
    /// A milestone by its date: "Milestone of 30 June 2025".
    MilestoneOf {
        /// Its date, in words.
        date: &'a str,
    },
    /// How a result ends: "2 of its 3 indicators achieved their target."
    ResultAchieved {
        /// How many of its indicators are achieved.
        achieved: usize,
        /// How many it has.
        of: usize,
    },
    /// A value against its target or ceiling, at the end: "8 against a
    /// target of 10".
    ReachedAgainst {
        /// The value reached, formatted.
        value: &'a str,
        /// The target or ceiling, formatted.
        target: &'a str,
        /// Whether it is a ceiling.
        ceiling: bool,
    },
    /// A count out of a total (`65 sur 300`).
    OutOf {
        /// The count, formatted.
        count: &'a str,
        /// The total, formatted.
        of: &'a str,
    },
    /// How many activities of a kind the period had.
    ActivitiesInPeriod {
        /// How many.
        count: usize,
        /// What they are (`Workshops`), as the programme writes it.
        what: &'a str,
    },
    /// How many indicators the report follows.
    IndicatorsCount {
        /// How many, formatted.
        count: &'a str,
    },
    /// When a milestone is due.
    Due {
        /// The date, formatted.
        date: &'a str,
    },
    /// The heading of a breakdown: "By country".
    BreakdownBy {
        /// The breakdown's label, as the programme writes it.
        label: &'a str,
    },
    /// A funder's co-financing ceiling.
    FunderCeiling {
        /// The funder's code.
        funder: &'a str,
        /// The rate, formatted.
        rate: &'a str,
    },
    /// Rejected rows listed below. Code is between backticks.
    RejectedListed {
        /// Problems found, formatted.
        count: &'a str,
    },
    /// Rejected rows counted, not listed. Code is between backticks.
    RejectedNotListed {
        /// Problems found, formatted.
        count: &'a str,
    },
    /// The description of the indicator table attached to the PDF.
    AttachedTable {
        /// The period's label.
        period: &'a str,
    },
    /// Introduces the restatements: how many values of an earlier period
    /// today's data gives differently.
    RestatementsIntro {
        /// The earlier period's label.
        period: &'a str,
        /// How many values, formatted.
        count: &'a str,
        /// How many (for the plural).
        n: usize,
    },
    /// No value of the earlier period changed.
    NoRestatement {
        /// The earlier period's label.
        period: &'a str,
        /// Values compared, formatted.
        compared: &'a str,
        /// Values compared (for the plural).
        n: usize,
    },
    /// The rows of a dataset a restated value rests on, now.
    RowsNow {
        /// Rows dated in the period now (for the plural).
        n: u64,
        /// The dataset.
        dataset: &'a str,
        /// Rows dated in the period now, formatted.
        period: &'a str,
        /// Rows up to the period's end now, formatted.
        cumulative: &'a str,
    },
    /// The rows of a dataset a restated value rests on, now and then.
    RowsNowAndThen {
        /// Rows dated in the period now (for the plural).
        n: u64,
        /// The dataset.
        dataset: &'a str,
        /// Rows dated in the period now, formatted.
        period: &'a str,
        /// Rows dated in the period then, formatted.
        period_then: &'a str,
        /// The difference, formatted with its sign.
        period_change: &'a str,
        /// Rows up to the period's end now, formatted.
        cumulative: &'a str,
        /// Rows up to the period's end then, formatted.
        cumulative_then: &'a str,
    },
    /// The two figures a share or a ratio divides: "52 / 131".
    Parts {
        /// The numerator, formatted.
        numerator: &'a str,
        /// The denominator, formatted.
        denominator: &'a str,
    },
    /// A stage reached its target stage.
    StageReached,
    /// A stage short of its target stage by `n` stages: "2 stages to go".
    StagesLeft {
        /// How many stages are left (at least 1).
        n: usize,
    },
    /// A ceiling respected, with its margin: "respected, margin 3.7 pp".
    WithinCeiling {
        /// The margin, formatted in the unit (percentage points for a %).
        margin: &'a str,
    },
    /// A ceiling exceeded: "exceeded by 1.2 pp".
    OverCeiling {
        /// By how much, formatted in the unit.
        by: &'a str,
    },
    /// Why a total needs attention: behind its milestone.
    BehindMilestone {
        /// The milestone, formatted.
        milestone: &'a str,
    },
    /// Why a level to reach needs attention: below its target.
    BelowLevel {
        /// The target, formatted.
        target: &'a str,
        /// The gap, formatted with its sign.
        gap: &'a str,
    },
    /// Why a level not to exceed needs attention: above its ceiling.
    AboveCeiling {
        /// The ceiling, formatted.
        ceiling: &'a str,
        /// By how much, formatted with its sign.
        by: &'a str,
    },
    /// The status rule of a total, with its threshold.
    RuleTotal {
        /// The share of the milestone down to which a total is at risk
        /// (`75 %`).
        at_risk: &'a str,
    },
    /// The status rule of a total not to exceed (it has no threshold: a
    /// total only grows, so above its ceiling it stays above).
    RuleTotalCeiling,
    /// The status rule of an indicator without a target.
    RuleNoTarget,
    /// The status rule of a level to reach, with its threshold.
    RuleFloor {
        /// The share of the target down to which it is at risk (`90 %`).
        at_risk: &'a str,
    },
    /// The status rule of a level not to exceed, with its threshold.
    RuleCeiling {
        /// The share of the ceiling up to which it is at risk (`110 %`).
        at_risk: &'a str,
    },
    /// The heading of a part of the evidence annex: its role, the dataset,
    /// where its rows were read, how many count.
    EvidencePart {
        /// The part's role (numerator…), none for a single part.
        role: Option<&'a str>,
        /// The dataset's label.
        dataset: &'a str,
        /// The sheet.
        sheet: &'a str,
        /// The file's name.
        file: &'a str,
        /// The rows (for the plural).
        n: usize,
        /// The rows, formatted.
        count: &'a str,
    },
    /// A denominator's rows that its numerator lists already.
    EvidenceSharedRows {
        /// How many (for the plural).
        n: usize,
        /// How many, formatted.
        count: &'a str,
    },
    /// A half year, as people write it: "H1 2025".
    Half {
        /// The year.
        year: i32,
        /// The half, 1 or 2.
        half: u32,
    },
    /// A month of a year: "April 2025".
    MonthOfYear {
        /// The month's name, as the language's conventions write it.
        month: &'a str,
        /// The year.
        year: i32,
    },
    /// A quarter, as an axis or a sentence names it: "Q4 2025".
    Quarter {
        /// The year.
        year: i32,
        /// The quarter, 1 to 4.
        quarter: u32,
    },
    /// The alternative text of an indicator's progress chart: its value at
    /// the end of each quarter, its milestones and its target.
    ProgressAlt {
        /// The indicator's code.
        code: &'a str,
        /// Whether its value accumulates (a total) rather than a level.
        cumulative: bool,
        /// Each point: its value, formatted, and its quarter's label.
        points: &'a [ProgressPoint<'a>],
        /// Each milestone: its value, formatted, and its date in words.
        milestones: &'a [ProgressMilestone<'a>],
        /// The target, formatted.
        target: &'a str,
        /// Whether the target is a ceiling.
        ceiling: bool,
        /// Each point's quarter on its own (the chart's bars): its value,
        /// formatted, and its quarter's label.
        own: &'a [ProgressPoint<'a>],
    },
    /// A progress chart's milestones under it, each with its date:
    /// "Milestones: 4 by 31 December 2025, 8 by 30 June 2026".
    ChartMilestones {
        /// Each milestone: its value, formatted, and its date in words.
        milestones: &'a [ProgressMilestone<'a>],
    },
    /// The period's own target (`period_targets`), and the period's value
    /// against it: "Period target: 4 (75.0% reached)".
    PeriodTarget {
        /// The target, formatted.
        target: &'a str,
        /// The period value over it, in percent, formatted.
        achievement: Option<&'a str>,
    },
    /// A category's own target (a breakdown's `targets`): "target 50".
    CategoryTarget {
        /// The target, formatted.
        target: &'a str,
        /// Whether it is a ceiling.
        ceiling: bool,
    },
    /// The rule of a stock, stated when an indicator is one.
    RuleStock,
    /// The rule of an achievement measured from the baseline, stated when
    /// an indicator uses it.
    RuleFromBaseline,
    /// An indicator's outlook under its progress chart: "At this pace, 268
    /// by the end (target 300): out of reach; 21 a quarter needed, 14 so
    /// far." (see [`cadre::outlook`]).
    Forecast {
        /// The value at the programme's end at the pace so far, formatted.
        forecast: &'a str,
        /// The target, formatted.
        target: &'a str,
        /// The pace so far per quarter, formatted.
        pace: &'a str,
        /// The pace needed per quarter, formatted.
        needed: &'a str,
        /// The verdict.
        verdict: cadre::outlook::Verdict,
    },
    /// A total below the milestone due by the period's end: its value,
    /// the milestone and its date.
    MissedMilestone {
        /// The cumulative value, formatted.
        value: &'a str,
        /// The milestone, formatted.
        milestone: &'a str,
        /// The milestone's date, in words.
        date: &'a str,
    },
    /// The risk register was not provided with the data: "The risk
    /// register (sheet “Risk register”) was not provided with the data."
    RiskRegisterAbsent {
        /// The dataset's label.
        dataset: &'a str,
    },
    /// What the register holds: "8 risks followed on 31 December 2025,
    /// compared with the register of 30 September 2025. …"
    RiskRegisterIntro {
        /// How many risks.
        count: usize,
        /// The period's last day, in words.
        end: &'a str,
        /// The previous period's last day, in words.
        previous: &'a str,
        /// The highest level.
        max: u32,
        /// The level from which a risk is high.
        high: u32,
    },
    /// A likelihood or an impact that moved: "Likelihood up: Medium → High".
    RiskMoved {
        /// What moved ([`ReportWord::Likelihood`] or [`ReportWord::Impact`]).
        what: &'a str,
        /// Up, or down.
        up: bool,
        /// Its value then.
        from: &'a str,
        /// Its value now.
        to: &'a str,
    },
    /// A status that changed: "Status: Open → Mitigated".
    RiskStatusChanged {
        /// The status then.
        from: &'a str,
        /// The status now.
        to: &'a str,
    },
    /// A high, open risk whose level rose, in the summary: "R1 Late
    /// deliveries: level 6 → 9 (Likelihood up: …)".
    RiskRose {
        /// Its code.
        code: &'a str,
        /// What it is.
        risk: &'a str,
        /// Its level then.
        from: u32,
        /// Its level now.
        to: u32,
        /// What changed, in words.
        change: &'a str,
    },
}

/// A point of a progress chart: its value (none when there is none) and
/// its quarter's label.
pub type ProgressPoint<'a> = (Option<&'a str>, &'a str);

/// A milestone of a progress chart: its value and its date.
pub type ProgressMilestone<'a> = (&'a str, &'a str);

/// A sentence of the financial statement.
#[derive(Debug, Clone, PartialEq)]
pub enum StatementText<'a> {
    /// What the statement covers.
    Intro {
        /// The period's last day, in words.
        end: &'a str,
    },
    /// A funder's share of spending is within its co-financing ceiling.
    CeilingRespected {
        /// The funder, as the report names it.
        funder: &'a str,
        /// Its share, formatted.
        share: &'a str,
        /// Its rate, formatted.
        rate: &'a str,
        /// The margin, formatted.
        margin: &'a str,
        /// The margin (for the plural).
        points: f64,
    },
    /// A funder's share of spending is over its co-financing ceiling.
    CeilingExceeded {
        /// The funder, as the report names it.
        funder: &'a str,
        /// Its share, formatted.
        share: &'a str,
        /// Its rate, formatted.
        rate: &'a str,
        /// The excess, formatted.
        by: &'a str,
        /// The excess (for the plural).
        points: f64,
    },
    /// Spending to date carried on at the same pace to the programme's end.
    Forecast {
        /// Spent to date, formatted.
        spent: &'a str,
        /// The share of the programme's time elapsed, formatted.
        elapsed: &'a str,
        /// The projected spending at the end, formatted.
        projected: &'a str,
        /// The projection over the budget, formatted.
        pct: &'a str,
        /// The total budget, formatted.
        budget: &'a str,
    },
    /// The indirect costs against their cap.
    Indirect {
        /// Indirect costs to date, formatted.
        indirect: &'a str,
        /// Direct costs to date, formatted.
        direct: &'a str,
        /// Indirect over direct, formatted.
        pct: &'a str,
        /// The cap, formatted.
        cap: &'a str,
        /// Under the cap: the margin in points; over it: none.
        margin: Option<&'a str>,
        /// Over the cap: by how many points; under it: none.
        by: Option<&'a str>,
    },
    /// The heading of the red flags.
    FlagsHeading,
    /// A budget line used up before the programme's end.
    UsedUp {
        /// The line (and its action).
        line: &'a str,
        /// Spent to date, formatted.
        spent: &'a str,
        /// Its budget, formatted.
        budget: &'a str,
        /// Spent over budget, formatted.
        used: &'a str,
    },
    /// A budget line whose spending to date is negative.
    NegativeLine {
        /// The line (and its action).
        line: &'a str,
        /// Spent to date, formatted.
        spent: &'a str,
    },
    /// A correction or credit note (a negative expense).
    Correction {
        /// Its date, in words.
        date: &'a str,
        /// Its amount, formatted.
        amount: &'a str,
        /// Its line (and action); empty when none.
        line: &'a str,
        /// Its row in the expenses' sheet.
        row: &'a str,
    },
    /// Expenses without a date, counted nowhere.
    Undated {
        /// How many rows (for the plural).
        n: usize,
        /// How many rows, formatted.
        count: &'a str,
        /// Their amount, formatted.
        amount: &'a str,
        /// Their rows in the expenses' sheet, listed.
        rows: &'a str,
    },
    /// The forecast to the programme's end, line by line.
    ForecastPlan {
        /// The forecast, formatted.
        projected: &'a str,
        /// The forecast over the budget, formatted.
        pct: &'a str,
        /// The total budget, formatted.
        budget: &'a str,
        /// Lines forecast from their commitments and planned expenses.
        planned: usize,
        /// Lines forecast at the pace so far.
        straight: usize,
        /// What the straight line alone would give, formatted.
        straight_line: Option<&'a str>,
    },
    /// The expenses dated after the period by status: none is spent.
    LaterStatuses {
        /// How many rows (for the plural).
        n: usize,
        /// How many rows, formatted.
        count: &'a str,
        /// Their amount, formatted.
        amount: &'a str,
        /// The period's last day, in words.
        end: &'a str,
        /// Committed: (rows, rows formatted, amount formatted); none when none.
        committed: Option<(usize, &'a str, &'a str)>,
        /// Planned: (rows, rows formatted, amount formatted); none when none.
        planned: Option<(usize, &'a str, &'a str)>,
        /// Paid after the period: (rows, rows formatted, amount formatted);
        /// none when none.
        paid: Option<(usize, &'a str, &'a str)>,
    },
    /// What the forecast methods' marks mean.
    MethodLegend,
    /// What the variances are and when one is justified.
    VarianceIntro {
        /// `[finance] variance_pct`, formatted; none when not declared.
        threshold: Option<&'a str>,
    },
    /// The ineligible expenses, out of every figure.
    Ineligible {
        /// How many rows (for the plural).
        n: usize,
        /// How many rows, formatted.
        count: &'a str,
        /// Their amount, formatted.
        amount: &'a str,
    },
    /// The contributions in kind, valued.
    InKindSummary {
        /// Planned in the budget, formatted.
        budget: &'a str,
        /// Valued to date, formatted.
        valued: &'a str,
    },
    /// Funds received against spending: the cash balance.
    CashBalance {
        /// Received to date, formatted.
        received: &'a str,
        /// Spent to date, formatted.
        spent: &'a str,
        /// Received less spent, formatted (negative: pre-financed).
        balance: &'a str,
        /// Whether the implementer pre-finances (spent more than received).
        prefinanced: bool,
    },
    /// Nothing is known of the funds received.
    NoInstalments,
    /// The exchange rate the report converts with.
    ExchangeRate {
        /// The other currency's code.
        currency: &'a str,
        /// The rate, formatted.
        rate: &'a str,
        /// The programme's currency.
        home: &'a str,
        /// The total budget, converted, formatted.
        budget: &'a str,
        /// Spent to date, converted, formatted.
        spent: &'a str,
    },
    /// The legal representative's certification.
    Certify {
        /// The signatory's name.
        name: &'a str,
        /// Their role; empty when none.
        role: &'a str,
        /// The implementer; empty when none.
        implementer: &'a str,
        /// The period's last day, in words.
        end: &'a str,
    },
    /// Where and when it is signed.
    SignedAt {
        /// The place.
        place: &'a str,
        /// The date of issue, in words.
        date: &'a str,
    },
    /// The instalment asked for.
    PaymentRequested {
        /// The funder.
        funder: &'a str,
        /// The amount, formatted.
        amount: &'a str,
        /// Received from it to date, formatted.
        received: &'a str,
        /// Its grant, formatted; none when not declared.
        grant: Option<&'a str>,
    },
    /// Expenses dated after the period's end, left out.
    Later {
        /// How many rows (for the plural).
        n: usize,
        /// How many rows, formatted.
        count: &'a str,
        /// Their amount, formatted.
        amount: &'a str,
        /// The period's last day, in words.
        end: &'a str,
    },
}

impl StatementText<'_> {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::report::statement(self),
            Lang::En => en::report::statement(self),
        }
    }
}

impl ReportText<'_> {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::report::text(self),
            Lang::En => en::report::text(self),
        }
    }
}

/// A phrase of the methodology annex, which tells in words how an
/// indicator is computed and where its data comes from. The report joins
/// them with the programme's names (datasets, columns, conditions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormulaText<'a> {
    /// A phrase a measure writes of its own method (the measure's module
    /// says which, [`MethodPhrase`]); each catalogue words every one.
    Method(MethodPhrase),
    /// A share's condition follows.
    Meeting,
    /// The rows of a dataset.
    OfDataset {
        /// The dataset's label.
        label: &'a str,
    },
    /// A filter follows.
    Where,
    /// A filter in plain words, after the rows it selects.
    Restricted {
        /// The filter's label (`schemes adopted`).
        label: &'a str,
    },
    /// A share's condition in plain words: the rows counted.
    Counting {
        /// The condition's label (`the rows of women`).
        label: &'a str,
    },
    /// A breakdown restricts the computation to its category.
    BreakdownRestricts,
    /// A breakdown splits a share's or ratio's numerator only: the
    /// denominator stays whole.
    BreakdownNumeratorOnly {
        /// The dimension's label.
        label: &'a str,
    },
    /// Between two sources.
    SourceSeparator,
    /// The sheet a dataset was read from.
    SheetOf {
        /// The sheet, as named in the workbook.
        sheet: &'a str,
    },
    /// A date column follows.
    DatedBy,
    /// The rows of a group take the date of their row.
    AtDateOfRow,
    /// A dataset with no date column is taken whole.
    UndatedWhole,
    /// A stock: the value is the baseline plus what was counted; a
    /// category shows only what was counted.
    Stock,
    /// Achievement is measured from the baseline.
    AchievementFromBaseline,
}

impl FormulaText<'_> {
    /// The phrase in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::report::formula(self),
            Lang::En => en::report::formula(self),
        }
    }
}

/// How a language writes numbers, amounts, sizes and dates.
///
/// A date is written `<day><no-break space><month> <year>`, the first day
/// of a month as [`first_day`](Conventions::first_day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conventions {
    /// Groups thousands (`1 234` with a narrow no-break space, `1,234`).
    pub thousands: char,
    /// Separates the decimals.
    pub decimal: char,
    /// Between a number and `%` (empty when none).
    pub before_percent: &'static str,
    /// Whether a currency symbol comes before the amount (`€12`), else after.
    pub symbol_first: bool,
    /// Between an amount and a currency written after it.
    pub before_currency: &'static str,
    /// Between a size and its unit.
    pub before_size_unit: &'static str,
    /// Kilobytes.
    pub kilobytes: &'static str,
    /// Megabytes.
    pub megabytes: &'static str,
    /// After a difference of percentages: percentage points, with the space
    /// before them (`\u{202F}pt`, `\u{A0}pp`).
    pub percentage_points: &'static str,
    /// The names of the months, January first.
    pub months: [&'static str; 12],
    /// How the first day of a month is written (`1ᵉʳ`, `1`).
    pub first_day: &'static str,
    /// The months abbreviated as a span of months writes them (`nov.`,
    /// `Nov`), January first.
    pub short_months: [&'static str; 12],
    /// The no-break spaces the language puts inside punctuation, if any
    /// (French: before `: ; ! ? »`, after `«`).
    pub spaced_punctuation: Option<SpacedPunctuation>,
}

/// The no-break spaces of French punctuation: the report's template puts
/// them in every text it prints, the data's included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct SpacedPunctuation {
    /// Before `:`.
    pub before_colon: &'static str,
    /// Before `;`, `!` and `?`.
    pub before_high: &'static str,
    /// After `«` and before `»`.
    pub inside_guillemets: &'static str,
}

impl Conventions {
    /// The conventions of `lang`.
    pub fn of(lang: Lang) -> &'static Conventions {
        match lang {
            Lang::Fr => &fr::report::CONVENTIONS,
            Lang::En => &en::report::CONVENTIONS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_one_key_and_a_text_in_every_language() {
        let mut keys: Vec<&str> = ReportWord::ALL.iter().map(|w| w.key()).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "two words share a key");
        for w in ReportWord::ALL {
            assert!(
                w.key().bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{w:?}: a key is kebab-case"
            );
            for lang in Lang::ALL {
                assert!(!w.text(lang).is_empty(), "{w:?} in {lang}");
            }
        }
    }

    #[test]
    fn sentences_take_their_values() {
        let range = ReportText::PeriodRange {
            start: "1ᵉʳ\u{A0}octobre 2025",
            end: "31\u{A0}décembre 2025",
        };
        assert_eq!(
            range.render(Lang::Fr),
            "du 1ᵉʳ\u{A0}octobre 2025 au 31\u{A0}décembre 2025"
        );
        let ceiling = ReportText::FunderCeiling {
            funder: "AFD",
            rate: "80\u{202F}%",
        };
        assert_eq!(
            ceiling.render(Lang::Fr),
            "Plafond de cofinancement AFD\u{A0}: 80\u{202F}%"
        );
        assert_eq!(
            ceiling.render(Lang::En),
            "AFD co-financing ceiling: 80\u{202F}%"
        );
    }
}
