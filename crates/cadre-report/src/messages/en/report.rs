//! The words of the quarterly report, in English.

use crate::messages::report::{Conventions, FormulaText, ReportText, ReportWord, StatementText};
use cadre::measure::MethodPhrase;

pub(in crate::messages) const CONVENTIONS: Conventions = Conventions {
    thousands: ',',
    decimal: '.',
    before_percent: "",
    symbol_first: true,
    before_currency: " ",
    before_size_unit: " ",
    kilobytes: "kB",
    megabytes: "MB",
    percentage_points: "\u{A0}pp",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    first_day: "1",
    short_months: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    spaced_punctuation: None,
};

pub(in crate::messages) fn word(w: ReportWord) -> &'static str {
    match w {
        ReportWord::ReportMonthly => "Monthly monitoring report",
        ReportWord::ReportHalfYearly => "Half-yearly monitoring report",
        ReportWord::ReportAnnual => "Annual report",
        ReportWord::ReportFinal => "Final report",
        ReportWord::ReportProgress => "Monitoring report",
        ReportWord::Report => "Quarterly monitoring report",
        ReportWord::Period => "Period",
        ReportWord::Issued => "Date of issue",
        ReportWord::ProgrammeDates => "Programme duration",
        ReportWord::Elapsed => "Time elapsed at the end of the period",
        ReportWord::Implementer => "Implemented by",
        ReportWord::Funders => "Funding",
        ReportWord::Cofinancing => "co-financing rate",
        ReportWord::Contents => "Contents",
        ReportWord::Summary => "Summary",
        ReportWord::Statuses => "Indicator status",
        ReportWord::KeyFigures => "Key figures of the period",
        ReportWord::Attention => "What needs attention",
        ReportWord::OffTrackIntro => "Indicators off track:",
        ReportWord::NoneOffTrack => "No indicator is off track.",
        ReportWord::AtRiskIntro => "To watch (at risk):",
        ReportWord::Tracking => "Indicator tracking table",
        ReportWord::TrackingNote => {
            "Cumulative values from the start of the programme to the end of the period; “Period”: value over the period alone. “Ach.”: cumulative / target, for a total; “Gap”: the value less the target for a level, less the ceiling for a ceiling (negative: under it). The milestone is the one in force, with its date; the next milestone, the first after the period’s end (—: none left). “Prev. qtr”: cumulative value at the end of the previous quarter; “Change”: the change since."
        }
        ReportWord::Code => "Code",
        ReportWord::Indicator => "Indicator",
        ReportWord::Baseline => "Base.",
        ReportWord::BaselineLong => "baseline",
        ReportWord::NoData => "no data yet",
        ReportWord::Folder => "Folder",
        ReportWord::Colon => ": ",
        ReportWord::Milestone => "Milestone",
        ReportWord::Target => "Target",
        ReportWord::Ceiling => "Ceiling",
        ReportWord::CeilingLower => "ceiling",
        ReportWord::PeriodValue => "Period",
        ReportWord::Cumulative => "Cumul.",
        ReportWord::CumulativeLong => "Cumulative",
        ReportWord::AchievementLong => "Achievement",
        ReportWord::Achievement => "Ach.",
        ReportWord::Status => "Status",
        ReportWord::Results => "Results by action",
        ReportWord::NoMilestone => "no milestone due",
        ReportWord::NoValue => "—",
        ReportWord::NotAvailable => "n/a",
        ReportWord::ThisPeriod => "in the period",
        ReportWord::Category => "Category",
        ReportWord::Finance => "Financial execution",
        ReportWord::FinanceIntro => {
            "Cumulative expenses at the end of the period against the budget, and the co-financing shares."
        }
        ReportWord::Rate => "Rate",
        ReportWord::Annexes => "Annexes",
        ReportWord::Methodology => "Methodology",
        ReportWord::MethodologyIntro => {
            "Each indicator is computed from the sheets of the monitoring workbook as its definition says. Cumulative values cover every row dated up to the end of the period."
        }
        ReportWord::Definition => "Definition",
        ReportWord::Formula => "Computation",
        ReportWord::AsComputed => "As computed",
        ReportWord::Source => "Source",
        ReportWord::Verification => "Verification",
        ReportWord::Unit => "Unit",
        ReportWord::Targets => "Baseline, milestones, target",
        ReportWord::Breakdowns => "Breakdowns",
        ReportWord::Kind => "Kind",
        ReportWord::KindTotal => "cumulative: accumulates towards the end-of-programme target",
        ReportWord::KindLevel => "a level to hold at any time",
        ReportWord::KindCeiling => "a ceiling not to exceed",
        ReportWord::KindTotalCeiling => {
            "cumulative, a ceiling not to exceed by the end of the programme"
        }
        ReportWord::Quality => "Data quality",
        ReportWord::QualityIntro => {
            "Every row read is accepted, rejected (it breaks a rule) or skipped (an entirely empty row)."
        }
        ReportWord::Dataset => "Dataset",
        ReportWord::Sheet => "Sheet",
        ReportWord::File => "File",
        ReportWord::Read => "Read",
        ReportWord::Accepted => "Accepted",
        ReportWord::Rejected => "Rejected",
        ReportWord::Skipped => "Empty",
        ReportWord::Total => "Total",
        ReportWord::Restatements => "Restatements",
        ReportWord::Reported => "Reported",
        ReportWord::Now => "Now",
        ReportWord::Why => "Why",
        ReportWord::DefinitionsChangedSince => {
            "The indicator definitions have changed since that report."
        }
        ReportWord::DataChangedSince => {
            "The data files are no longer those of that report (different SHA-256 fingerprints)."
        }
        ReportWord::DataSameSince => {
            "The data files are those of that report (same SHA-256 fingerprints)."
        }
        ReportWord::Statement => "Financial statement",
        ReportWord::Budget => "Budget",
        ReportWord::SpentPeriod => "Spent in the period",
        ReportWord::SpentToDate => "Spent to date",
        ReportWord::Remaining => "Remaining",
        ReportWord::Used => "Used",
        ReportWord::ShareOfSpending => "Share of spending",
        ReportWord::Reason => "Reason",
        ReportWord::GapLong => "Gap to target",
        ReportWord::CeilingVerdict => "Against the ceiling",
        ReportWord::StatusRules => "Status rules",
        ReportWord::FinancingPlan => "Financing plan",
        ReportWord::Funder => "Funder",
        ReportWord::PlannedContribution => "Planned contribution",
        ReportWord::GrantAmount => "Grant amount",
        ReportWord::ReceivedToDate => "Received to date",
        ReportWord::Balance => "Balance",
        ReportWord::Uncovered => "Not covered by the declared funders",
        ReportWord::ForecastEnd => "Forecast at the end",
        ReportWord::Commitments => "Committed, planned or paid after",
        ReportWord::Variance => "Variance",
        ReportWord::VariancePct => "Variance (%)",
        ReportWord::Variances => "Variances against the budget",
        ReportWord::Justifications => "Justification of the variances",
        ReportWord::NoJustification => "Justification expected, not provided.",
        ReportWord::MethodPlan => "plan",
        ReportWord::MethodStraight => "pace",
        ReportWord::MethodActual => "actual",
        ReportWord::IneligibleExpenses => "Ineligible expenses",
        ReportWord::Date => "Date",
        ReportWord::Amount => "Amount",
        ReportWord::InKind => "Contributions in kind",
        ReportWord::Certification => "Certification",
        ReportWord::Charges => "Expenses",
        ReportWord::Resources => "Income",
        ReportWord::PlannedAmount => "Planned",
        ReportWord::ActualAmount => "Actual",
        ReportWord::TotalCharges => "Total expenses",
        ReportWord::TotalResources => "Total income",
        ReportWord::InKindCharges => "86 – Use of voluntary contributions in kind",
        ReportWord::InKindResources => "87 – Voluntary contributions in kind",
        ReportWord::CerfaTitle => "Financial report (Cerfa n°15059, form 6-2)",
        ReportWord::EuTitle => "Financial report",
        ReportWord::BudgetHeading => "Budget heading",
        ReportWord::DirectCosts => "Total direct costs",
        ReportWord::TotalCosts => "Total eligible costs",
        ReportWord::Incurred => "Incurred to date",
        ReportWord::PaymentRequest => "Payment request",
        ReportWord::NotReportedThen => "not reported then",
        ReportWord::NoLongerReported => "no longer reported",
        ReportWord::Logframe => "Logical framework",
        ReportWord::LevelGoal => "Overall objective",
        ReportWord::LevelOutcome => "Specific objective",
        ReportWord::LevelOutput => "Output",
        ReportWord::LevelAction => "Action",
        ReportWord::MeansOfVerification => "Means of verification",
        ReportWord::Standing => "Standing",
        ReportWord::LessonsLearned => "Lessons learned",
        ReportWord::Sustainability => "Sustainability",
        ReportWord::Conclusions => "Conclusions",
        ReportWord::YearTargets => "The year against its targets",
        ReportWord::YearTargetsIntro => {
            "For each indicator, what the definitions set for the year: its own target (the value of the year's rows alone) or a milestone dated within the year (a cumulative value due by its date, judged at that date; \"At year end\": the cumulative value on the year's last day)."
        }
        ReportWord::YearTarget => "Year's target",
        ReportWord::Expected => "Expected",
        ReportWord::Reached => "Reached",
        ReportWord::AtYearEnd => "At year end",
        ReportWord::TargetMet => "met",
        ReportWord::TargetNotMet => "not met",
        ReportWord::ByResult => "By result",
        ReportWord::See => "see",
        ReportWord::MissedMilestonesIntro => "Milestones missed:",
        ReportWord::SilentHeading => "Missing reports",
        ReportWord::RisksHeading => "Risks and assumptions",
        ReportWord::RiskRegister => "Risk register",
        ReportWord::Risk => "Risk",
        ReportWord::Likelihood => "Likelihood",
        ReportWord::Impact => "Impact",
        ReportWord::RiskLevel => "Level",
        ReportWord::Mitigation => "Mitigation",
        ReportWord::Owner => "Owner",
        ReportWord::RiskStatus => "Status",
        ReportWord::RiskChange => "Since the last report",
        ReportWord::RiskNew => "New",
        ReportWord::RiskClosed => "Closed",
        ReportWord::RiskUnchanged => "Unchanged",
        ReportWord::Assumptions => "Assumptions",
        ReportWord::RisingRisksHeading => "Rising risks",
        ReportWord::RiskChangeSeparator => "; ",
        ReportWord::RisksNoNarrative => "No comment on the risks for this period (risks.md).",
        ReportWord::Gap => "Gap",
        ReportWord::StatusRulesIntro => {
            "An indicator’s status compares its cumulative value at the end of the period with its target and, for a total, with the milestone in force, according to its kind. With no value, it is “no data”."
        }
        ReportWord::AllAccepted => "Every row read is accepted.",
        ReportWord::Row => "Row",
        ReportWord::Evidence => "Evidence: the rows behind each value",
        ReportWord::EvidenceIntro => {
            "For each indicator, every row that counts in its cumulative value at the end of the period, as cadre explain gives them: the file, sheet and row of the spreadsheet, the row's key, its date and the value it brings. Rows marked in the last column fall in the period. A sample of these rows can be checked against the attendance sheets, vouchers and other source documents."
        }
        ReportWord::EvidenceKey => "Key",
        ReportWord::EvidenceDate => "Date",
        ReportWord::EvidenceInPeriod => "In period",
        ReportWord::EvidenceNoRow => "No row counts.",
        ReportWord::Column => "Column",
        ReportWord::Value => "Value",
        ReportWord::Rule => "Rule",
        ReportWord::NarrativeSummary => "The quarter at a glance",
        ReportWord::NoNarrative => "No narrative for this action this quarter.",
        ReportWord::IndicatorComment => "Comment",
        ReportWord::Draft => "DRAFT",
        ReportWord::Activities => "Activities of the period",
        ReportWord::ActivityDate => "Date",
        ReportWord::ActivityTitle => "Title",
        ReportWord::ActivityPlace => "Place",
        ReportWord::Anomalies => "Anomalies",
        ReportWord::AnomaliesIntro => {
            "Rows accepted but worth a look: they count in no period (dated after the date of issue or before the programme's start), have no category in a breakdown, or repeat an earlier row."
        }
        ReportWord::NoAnomaly => "No anomaly in the accepted data.",
        ReportWord::AnomalyWhat => "Anomaly",
        ReportWord::AnomalyRows => "Rows",
        ReportWord::AnomalyFirstRows => "First rows",
        ReportWord::AnomalyAfterIssue => "dated after the date of issue",
        ReportWord::AnomalyBeforeStart => "dated before the programme's start",
        ReportWord::AnomalyAfterEnd => "dated after the programme's last day",
        ReportWord::AnomalyEmptyBreakdown => "no value for a breakdown",
        ReportWord::AnomalyDuplicate => "identical to an earlier row",
        ReportWord::ReportStatus => "Report status",
        ReportWord::StatusProvisional => "provisional",
        ReportWord::StatusFinal => "final",
        ReportWord::GrantAgreement => "Grant agreement",
        ReportWord::DataAsOf => "Data extracted on",
        ReportWord::Signatory => "Signatory",
        ReportWord::Contact => "Contact",
        ReportWord::Provenance => "Provenance",
        ReportWord::ProvenanceIntro => {
            "SHA-256 fingerprints of the files used: they let anyone check that this report was produced from exactly these files."
        }
        ReportWord::Inputs => "Data",
        ReportWord::RowsBrought => "Rows brought",
        ReportWord::NotRead => "Not read",
        ReportWord::Reporting => "Who sent what",
        ReportWord::Size => "Size",
        ReportWord::Definitions => "Definitions",
        ReportWord::DefinitionsHash => "Fingerprint of the definitions",
        ReportWord::GeneratedBy => "Produced by",
        ReportWord::GeneratedOn => "Date of issue",
        ReportWord::Template => "Template",
        ReportWord::Page => "Page",
        ReportWord::LegendCumulative => "cumulative",
        ReportWord::LegendMilestone => "milestone",
        ReportWord::LegendTarget => "target",
        ReportWord::LegendQuarter => "quarter's value",
        ReportWord::LegendSinceStart => "since the start",
        ReportWord::NextMilestone => "Next milestone",
        ReportWord::PreviousQuarter => "Prev. qtr",
        ReportWord::Change => "Change",
    }
}

pub(in crate::messages) fn text(t: &ReportText) -> String {
    match t {
        ReportText::Forecast { .. } => forecast(t),
        ReportText::PeriodRange { start, end } => format!("from {start} to {end}"),
        ReportText::Quarter { year, quarter } => format!("Q{quarter}\u{A0}{year}"),
        ReportText::EvidenceSharedRows { n, count } => format!(
            "Including the numerator's {count} {}, listed above; the others:",
            if *n == 1 { "row" } else { "rows" }
        ),
        ReportText::EvidencePart {
            role,
            dataset,
            sheet,
            file,
            n,
            count,
        } => {
            let rows = if *n == 1 { "row" } else { "rows" };
            match role {
                Some(role) => {
                    format!("{role}: “{dataset}”, sheet “{sheet}” of {file} — {count} {rows}")
                }
                None => format!("“{dataset}”, sheet “{sheet}” of {file} — {count} {rows}"),
            }
        }
        ReportText::Half { year, half } => format!("H{half}\u{A0}{year}"),
        ReportText::MonthOfYear { month, year } => format!("{month} {year}"),
        ReportText::ChartMilestones { milestones } => {
            let each: Vec<String> = milestones
                .iter()
                .map(|(value, date)| format!("{value} by {date}"))
                .collect();
            let word = if milestones.len() == 1 { "Milestone" } else { "Milestones" };
            format!("{word}: {}", each.join(", "))
        }
        ReportText::ProgressAlt {
            code,
            cumulative,
            points,
            milestones,
            target,
            ceiling,
            own,
        } => {
            let what = if *cumulative {
                "Cumulative value"
            } else {
                "Value"
            };
            let points: Vec<String> = points
                .iter()
                .map(|(value, quarter)| format!("{} ({quarter})", value.unwrap_or("no value")))
                .collect();
            let mut s = format!(
                "{what} of {code} at the end of each quarter: {}",
                points.join(", ")
            );
            let own: Vec<String> = own
                .iter()
                .map(|(value, quarter)| format!("{} ({quarter})", value.unwrap_or("no value")))
                .collect();
            if !own.is_empty() {
                s.push_str(&format!("; each quarter's own value: {}", own.join(", ")));
            }
            for (value, date) in milestones.iter() {
                s.push_str(&format!("; milestone {value} by {date}"));
            }
            let target_word = if *ceiling { "ceiling" } else { "target" };
            s.push_str(&format!("; {target_word} {target}."));
            s
        }
        ReportText::AttachedTable { period } => {
            format!("Indicator table of period {period} (cadre), for verification")
        }
        ReportText::RestatementsIntro { period, count, n } => format!(
            "Recomputed on today's data, period {period} gives {count} {} from what was reported:",
            if *n == 1 {
                "value different"
            } else {
                "values different"
            },
        ),
        ReportText::NoRestatement {
            period,
            compared,
            n,
        } => match n {
            0 => format!("No value was reported for period {period}."),
            1 => format!(
                "Recomputed on today's data, the value reported for period {period} is unchanged."
            ),
            _ => format!(
                "Recomputed on today's data, the {compared} values reported for period {period} are unchanged."
            ),
        },
        ReportText::RowsNow {
            n,
            dataset,
            period,
            cumulative,
        } => format!(
            "{dataset}: {period} {} dated in the period, {cumulative} up to its end",
            if *n == 1 { "row" } else { "rows" }
        ),
        ReportText::RowsNowAndThen {
            n,
            dataset,
            period,
            period_then,
            period_change,
            cumulative,
            cumulative_then,
        } => format!(
            "{dataset}: {period} {} dated in the period ({period_then} then, {period_change}), {cumulative} up to its end ({cumulative_then} then)",
            if *n == 1 { "row" } else { "rows" }
        ),
        ReportText::MilestoneOf { date } => format!("Milestone of {date}"),
        ReportText::ResultAchieved { achieved, of } => match (*achieved, *of) {
            (1, 1) => "Its indicator achieved its target.".to_owned(),
            (_, 1) => "Its indicator did not achieve its target.".to_owned(),
            _ => format!("{achieved} of its {of} indicators achieved their target."),
        },
        ReportText::ReachedAgainst { value, target, ceiling } => match ceiling {
            true => format!("{value} against a ceiling of {target}"),
            false => format!("{value} against a target of {target}"),
        },
        ReportText::FromTo { start, end } => format!("{start} – {end}"),
        ReportText::ProgrammeYear { n, start, end } => {
            format!("Programme year {n} ({start} – {end})")
        }
        ReportText::ActivitiesInPeriod { count, what } => {
            format!("{what} in the period: {count}")
        }
        ReportText::OutOf { count, of } => format!("{count} of {of}"),
        ReportText::Parts {
            numerator,
            denominator,
        } => format!("{numerator} / {denominator}"),
        ReportText::StageReached => "target stage reached".into(),
        ReportText::StagesLeft { n: 1 } => "1 stage to go".into(),
        ReportText::StagesLeft { n } => format!("{n} stages to go"),
        ReportText::WithinCeiling { margin } => format!("respected, margin {margin}"),
        ReportText::OverCeiling { by } => format!("exceeded by {by}"),
        ReportText::BehindMilestone { milestone } => format!("behind its milestone {milestone}"),
        ReportText::BelowLevel { target, gap } => format!("below its level {target} ({gap})"),
        ReportText::AboveCeiling { ceiling, by } => format!("above its ceiling {ceiling} ({by})"),
        ReportText::RuleTotal { at_risk } => format!(
            "Total (cumulative value): achieved when the cumulative value reaches the target; otherwise on track if it reaches the milestone in force, at risk if it reaches at least {at_risk} of it and the milestone falls due within the period, off track below that or when the milestone was already due before the period began. With no milestone in force: on track once the value is above zero, not started otherwise."
        ),
        ReportText::RuleFloor { at_risk } => format!(
            "Level to reach: achieved when the value reaches the target; at risk if it reaches at least {at_risk} of it; off track below. Milestones do not decide the status."
        ),
        ReportText::RuleTotalCeiling => "Total not to exceed (cumulative value): a total only grows, so it is off track as soon as the cumulative value exceeds the ceiling or the milestone in force, and never achieved again; otherwise on track, and achieved in a period that reaches the programme's end.".into(),
        ReportText::RuleStock => "A stock (stated in its method) is its baseline plus what was counted since: that sum is compared with its milestones and target; its categories show only what was counted.".into(),
        ReportText::RuleFromBaseline => "Where its method says so, achievement is measured from the baseline: (value − baseline) / (target − baseline); the status still compares the value with the milestone and the target as above.".into(),
        ReportText::RuleNoTarget => "Without a target: never achieved; a total is judged against its milestone in force as above, otherwise its status is “no target”.".into(),
        ReportText::RuleCeiling { at_risk } => format!(
            "Ceiling not to exceed: achieved while the value does not exceed the ceiling; at risk if it exceeds it but stays within {at_risk} of the ceiling; off track beyond. Milestones do not decide the status."
        ),
        ReportText::IndicatorsCount { count } => format!("{count} indicators monitored"),
        ReportText::Due { date } => format!("due {date}"),
        ReportText::PeriodTarget {
            target,
            achievement,
        } => match achievement {
            Some(a) => format!("Target of the period: {target} ({a} reached)"),
            None => format!("Target of the period: {target}"),
        },
        ReportText::CategoryTarget { target, ceiling } => match ceiling {
            true => format!("ceiling {target}"),
            false => format!("target {target}"),
        },
        ReportText::BreakdownBy { label } => format!("By {}", label.to_lowercase()),
        ReportText::FunderCeiling { funder, rate } => {
            format!("{funder} co-financing ceiling: {rate}")
        }
        ReportText::RejectedListed { count } => {
            format!("{count} problem(s) found; these rows are left out of the computation:")
        }
        ReportText::RejectedNotListed { count } => {
            format!("{count} problem(s) found; `cadre validate` lists them.")
        }
        ReportText::MissedMilestone {
            value,
            milestone,
            date,
        } => format!("{value} against a milestone of {milestone} due on {date}"),
        ReportText::RiskRegisterAbsent { dataset } => format!(
            "The risk register (sheet “{dataset}”) was not provided with the data: no risk can be reported."
        ),
        ReportText::RiskRegisterIntro {
            count,
            end,
            previous,
            max,
            high,
        } => format!(
            "{count} {} followed on {end}, each compared with the register in force on {previous}. A risk’s level is its likelihood’s rank times its impact’s, from 1 to {max}; from {high}, it is high.",
            if *count == 1 { "risk" } else { "risks" }
        ),
        ReportText::RiskMoved { what, up, from, to } => {
            format!("{what} {}: {from} → {to}", if *up { "up" } else { "down" })
        }
        ReportText::RiskStatusChanged { from, to } => format!("Status: {from} → {to}"),
        ReportText::RiskRose {
            code,
            risk,
            from,
            to,
            change,
        } => format!("{code} {risk}: level {from} → {to} ({change})"),
    }
}

/// An indicator's outlook (see [`ReportText::Forecast`]).
fn forecast(t: &ReportText) -> String {
    let ReportText::Forecast {
        forecast,
        target,
        pace,
        needed,
        verdict,
    } = t
    else {
        return String::new();
    };
    use cadre::outlook::Verdict;
    match verdict {
        Verdict::Achieved => {
            format!("Target {target} reached; at this pace, {forecast} by the end.")
        }
        Verdict::WithinReach => format!(
            "At this pace, {forecast} by the end (target {target}): within reach; {needed} a quarter needed, {pace} so far."
        ),
        Verdict::OutOfReach => format!(
            "At this pace, {forecast} by the end (target {target}): out of reach; {needed} a quarter needed, {pace} so far."
        ),
    }
}

pub(in crate::messages) fn formula(f: &FormulaText) -> String {
    let s = match f {
        FormulaText::Method(phrase) => method_phrase(*phrase),
        FormulaText::Meeting => " meeting ",
        FormulaText::OfDataset { label } => return format!(" of “{label}”"),
        FormulaText::Where => " where ",
        // In brackets: a ratio's sides are in parentheses already.
        FormulaText::Restricted { label } => return format!(" [{label}]"),
        FormulaText::Counting { label } => return format!(", counting {label}"),
        FormulaText::BreakdownRestricts => {
            ". A breakdown restricts the whole computation to the category"
        }
        FormulaText::BreakdownNumeratorOnly { label } => {
            return format!(
                ". The breakdown by “{label}” splits the numerator only: each category over the whole denominator"
            );
        }
        FormulaText::SourceSeparator => "; ",
        FormulaText::SheetOf { sheet } => return format!(" (sheet “{sheet}”)"),
        FormulaText::DatedBy => ", dated by ",
        FormulaText::AtDateOfRow => ", at the date of the row it belongs to",
        FormulaText::UndatedWhole => ", undated: taken whole",
        FormulaText::Stock => {
            ". The value is the baseline plus what was counted since; a category shows only what was counted"
        }
        FormulaText::AchievementFromBaseline => {
            ". Achievement is measured from the baseline: (value − baseline) / (target − baseline)"
        }
    };
    s.to_owned()
}

/// The phrases a measure writes of its method.
fn method_phrase(phrase: MethodPhrase) -> &'static str {
    match phrase {
        MethodPhrase::CountRows => "Number of rows",
        MethodPhrase::DistinctNonEmptyOf => "Number of distinct non-empty values of ",
        MethodPhrase::SumOf => "Sum of ",
        MethodPhrase::EmptyCountsZero => " (an empty cell counts 0)",
        MethodPhrase::MeanOf => "Mean of the non-empty values of ",
        MethodPhrase::ValueOf => "Value of ",
        MethodPhrase::AtDate => " at the latest ",
        MethodPhrase::Latest => "",
        MethodPhrase::Rows => "Rows",
        MethodPhrase::OverThoseWhere => ", over those where ",
        MethodPhrase::IsKnown => " is known",
        MethodPhrase::OverAllRows => ", over all those rows",
        MethodPhrase::NoValueWhenZero => "; no value when the denominator is zero",
        MethodPhrase::ForEachRow => "For each row",
        MethodPhrase::Colon => ": ",
        MethodPhrase::MeanOverRows => " (0 if none); mean over those rows",
        MethodPhrase::NumberOfRows => "number of rows",
        MethodPhrase::NumberOfDistinctValuesOf => "number of distinct values of ",
        MethodPhrase::SumOfLower => "sum of ",
        MethodPhrase::LinkedThrough => " linked to it through ",
        MethodPhrase::WeightedBy => ", each row weighted by ",
        MethodPhrase::StageOf => "Stage in ",
        MethodPhrase::StageRank => ", as its rank (1 = the first stage)",
        MethodPhrase::NumberOfUnits => "Number of ",
        MethodPhrase::ShareOfUnits => "Share of ",
        MethodPhrase::WhoseLatest => " whose ",
        MethodPhrase::Reaches => " is at least ",
        MethodPhrase::TargetStage => "; target stage: ",
        MethodPhrase::FormulaOfIndicators => "Computed from other indicators by the formula ",
        MethodPhrase::FormulaPerWindow => {
            ", applied to their values over the period for the period value, to their cumulative values for the cumulative value, and to their values for a category for that category (a part with no row in the category counts its value over no rows)"
        }
        MethodPhrase::FormulaNoValueWhen => {
            "; no value when a part has none or on a division by zero"
        }
        MethodPhrase::CountsNewInPeriod => {
            "; in a period, only the values whose first row is dated in it (new values)"
        }
        MethodPhrase::WindowPeriod => {
            "; the value compared to the target is the period’s alone (rows dated in the period)"
        }
        MethodPhrase::WindowValidFrom => "; the stock on the period’s last day: rows whose ",
        MethodPhrase::WindowValidFromOnOrBefore => " is on or before that day",
        MethodPhrase::WindowValidTo => " and whose ",
        MethodPhrase::WindowValidToEmptyOrAfter => " is empty or after it",
        MethodPhrase::WindowLatestPerUnit => "; on the period’s last day: the latest row of each ",
        MethodPhrase::WindowLatestPerUnitUpToEnd => " dated on or before that day",
        MethodPhrase::WindowLatestRound => "; only the rows of the latest round (largest value of ",
    }
}

/// The sentences of the financial statement.
pub(in crate::messages) fn statement(t: &StatementText) -> String {
    match t {
        StatementText::Intro { end } => format!(
            "The budget against the expenses recorded up to {end}; amounts as entered, corrections included."
        ),
        StatementText::CeilingRespected {
            funder,
            share,
            rate,
            margin,
            points,
        } => format!(
            "{funder}: {share} of spending to date for a co-financing ceiling of {rate}: ceiling respected, margin {margin} {}.",
            if *points == 1.0 { "point" } else { "points" }
        ),
        StatementText::CeilingExceeded {
            funder,
            share,
            rate,
            by,
            points,
        } => format!(
            "{funder}: {share} of spending to date for a co-financing ceiling of {rate}: exceeded by {by} {}.",
            if *points == 1.0 { "point" } else { "points" }
        ),
        StatementText::Forecast {
            spent,
            elapsed,
            projected,
            pct,
            budget,
        } => format!(
            "Forecast: {spent} spent with {elapsed} of the programme's time elapsed; at the same pace, spending would reach {projected} by its end, {pct} of the budget of {budget}."
        ),
        StatementText::Indirect {
            indirect,
            direct,
            pct,
            cap,
            margin,
            by,
        } => {
            let verdict = match (margin, by) {
                (_, Some(by)) => format!("exceeded by {by} points"),
                (Some(m), None) => format!("respected, margin {m} points"),
                (None, None) => "not applicable".into(),
            };
            format!(
                "Indirect costs: {indirect}, {pct} of the direct costs ({direct}); cap of {cap}: {verdict}."
            )
        }
        StatementText::FlagsHeading => "Financial points of attention".into(),
        StatementText::UsedUp {
            line,
            spent,
            budget,
            used,
        } => format!(
            "{line}: {spent} spent of {budget} planned ({used}) before the programme's end; nothing is left for the work still to come."
        ),
        StatementText::NegativeLine { line, spent } => format!(
            "{line}: negative spending to date ({spent}); a credit note without its original entry?"
        ),
        StatementText::Correction {
            date,
            amount,
            line,
            row,
        } => format!("Correction or credit note of {date}: {amount}, {line} (expenses row {row})."),
        StatementText::Undated {
            n,
            count,
            amount,
            rows,
        } => format!(
            "{count} expense {} without a date ({amount}): counted nowhere ({} {rows} of the expenses).",
            super::plural(*n, "row", "rows"),
            super::plural(*n, "row", "rows")
        ),
        StatementText::ForecastPlan {
            projected,
            pct,
            budget,
            planned,
            straight,
            straight_line,
        } => {
            let how = match (*planned, *straight) {
                (0, _) => "each line at the pace so far".to_owned(),
                (p, 0) => format!(
                    "{p} {} from {} commitments and the workplan",
                    super::plural(p, "line", "lines"),
                    super::plural(p, "its", "their")
                ),
                (p, s) => format!(
                    "{p} {} from {} commitments and the workplan, {s} at the pace so far for want of a plan",
                    super::plural(p, "line", "lines"),
                    super::plural(p, "its", "their")
                ),
            };
            let alone = straight_line
                .map(|v| format!(" (at the pace so far alone: {v})"))
                .unwrap_or_default();
            format!(
                "Forecast at the programme's end: {projected}, {pct} of the budget of {budget}; {how}{alone}."
            )
        }
        StatementText::LaterStatuses {
            n,
            count,
            amount,
            end,
            committed,
            planned,
            paid,
        } => {
            let mut parts = Vec::new();
            if let Some((_, c, a)) = committed {
                parts.push(format!("{c} committed ({a})"));
            }
            if let Some((_, c, a)) = planned {
                parts.push(format!("{c} planned by the workplan ({a})"));
            }
            if let Some((_, c, a)) = paid {
                parts.push(format!("{c} paid after the period ({a}), counted in the next one"));
            }
            format!(
                "{count} {} after {end} ({amount}): {}. None is counted as spent; all are in the forecast.",
                super::plural(*n, "expense dated", "expenses dated"),
                parts.join(", ")
            )
        }
        StatementText::MethodLegend => "Forecast: “plan” from the expenses committed, planned by the workplan or paid after the period; “pace” at the pace of spending so far, for want of a plan; “actual” once the programme has ended.".into(),
        StatementText::VarianceIntro { threshold } => match threshold {
            Some(t) => format!(
                "A line's variance is its forecast at the programme's end less its budget. Beyond {t} of the line's budget, the variance is justified below."
            ),
            None => "A line's variance is its forecast at the programme's end less its budget.".into(),
        },
        StatementText::Ineligible { n, count, amount } => format!(
            "{count} {} ({amount}) {} charged to no funder and left out of every total:",
            super::plural(*n, "ineligible expense", "ineligible expenses"),
            super::plural(*n, "is", "are")
        ),
        StatementText::InKindSummary { budget, valued } => format!(
            "Contributions in kind (valued, not cash, left out of the tables above): {budget} planned in the budget, {valued} valued to date."
        ),
        StatementText::CashBalance {
            received,
            spent,
            balance,
            prefinanced,
        } => {
            let what = if *prefinanced {
                "the implementer pre-finances"
            } else {
                "cash in hand"
            };
            format!("Funds received to date: {received}, against {spent} spent; balance: {balance} ({what}).")
        }
        StatementText::NoInstalments => {
            "The funders' instalments are not declared: the funds received and the cash balance are not known.".into()
        }
        StatementText::ExchangeRate {
            currency,
            rate,
            home,
            budget,
            spent,
        } => format!(
            "Exchange rate: 1 {currency} = {rate} {home}. In {currency}: budget {budget}, spent to date {spent}."
        ),
        StatementText::Certify {
            name,
            role,
            implementer,
            end,
        } => {
            let role = if role.is_empty() { String::new() } else { format!(", {role}") };
            let of = if implementer.is_empty() { String::new() } else { format!(" of {implementer}") };
            format!(
                "I, the undersigned, {name}{role}, legal representative{of}, certify that this financial report, closed on {end}, is accurate, and that the expenses reported were incurred and paid to carry out the programme."
            )
        }
        StatementText::SignedAt { place, date } => format!("Signed in {place}, on {date}."),
        StatementText::PaymentRequested {
            funder,
            amount,
            received,
            grant,
        } => {
            let grant = grant.map(|g| format!(" of a grant of {g}")).unwrap_or_default();
            format!(
                "The implementer requests the next instalment: {amount} from {funder} (received so far: {received}{grant})."
            )
        }
        StatementText::Later {
            n,
            count,
            amount,
            end,
        } => format!(
            "{count} expense {} dated after {end} ({amount}) {} not counted here.",
            super::plural(*n, "row", "rows"),
            super::plural(*n, "is", "are")
        ),
    }
}
