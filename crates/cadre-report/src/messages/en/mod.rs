//! The runner's English catalogue: its words and sentences.

pub(super) mod people;
pub(super) mod report;
pub(super) mod sheets;
pub(super) mod web;
pub(super) mod workplan;

use super::{Lang, Text, Word, list};
use crate::template::XlsxPart;

/// What the xlsx writer was writing.
pub(super) fn xlsx_part(p: &XlsxPart) -> String {
    match p {
        XlsxPart::TrackingTable => "tracking table".into(),
        XlsxPart::CreationDate => "creation date".into(),
        XlsxPart::Workbook => "workbook".into(),
        XlsxPart::Instructions => "instructions sheet".into(),
        XlsxPart::SheetName { dataset } => format!("sheet name of dataset `{dataset}`"),
        XlsxPart::Sheet { sheet } => format!("sheet {sheet}"),
        XlsxPart::Column { sheet, column } => format!("sheet {sheet}, column {column}"),
        XlsxPart::ColumnCheck { sheet, column } => {
            format!("sheet {sheet}, column {column}, check")
        }
        XlsxPart::Cell { sheet, row, column } => {
            format!("sheet {sheet}, row {row}, column {column}")
        }
    }
}

/// The singular for 1, the plural otherwise (0 included).
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

pub(super) fn word(w: Word) -> &'static str {
    match w {
        Word::Colon => ": ",
        Word::Indicator => "Indicator",
        Word::Label => "Label",
        Word::Breakdown => "Breakdown",
        Word::Category => "Category",
        Word::Baseline => "Baseline",
        Word::PeriodValue => "Period value",
        Word::CumulativeValue => "Cumulative value",
        Word::Milestone => "Milestone",
        Word::Target => "Target",
        Word::AchievementPct => "Achievement (%)",
        Word::PeriodTarget => "Period target",
        Word::PeriodAchievementPct => "Period achievement (%)",
        Word::PeriodTargetLower => "period target",
        Word::Status => "Status",
        Word::Definitions => "Definitions",
        Word::Level => "Level",
        Word::Kind => "Kind",
        Word::Definition => "Definition",
        Word::Unit => "Unit",
        Word::Milestones => "Milestones",
        Word::Verification => "Means of verification",
        Word::Dataset => "Dataset",
        Word::Sheet => "Sheet",
        Word::File => "File",
        Word::Read => "Read",
        Word::Rows => "rows",
        Word::Accepted => "Accepted",
        Word::Rejected => "Rejected",
        Word::SkippedEmpty => "Empty",
        Word::Code => "Code",
        Word::Name => "Name",
        Word::FilesRead => "Files read",
        Word::Total => "Total",
        Word::Period => "Period",
        Word::Measure => "Measure",
        Word::Arithmetic => "Arithmetic",
        Word::PeriodLower => "period",
        Word::CumulativeLower => "cumulative",
        Word::MilestoneLower => "milestone",
        Word::TargetLower => "target",
        Word::AchievementLower => "achievement",
        Word::StatusLower => "status",
        Word::FileLower => "file",
        Word::SheetLower => "sheet",
        Word::Filter => "filter",
        Word::Condition => "condition",
        Word::Date => "date",
        Word::Aggregate => "aggregate",
        Word::Empty => "(empty)",
        Word::UndatedTakenWhole => "(undated: taken whole)",
        Word::InThePeriod => "in the period",
        Word::RoleRows => "rows",
        Word::RoleNumerator => "numerator",
        Word::RoleDenominator => "denominator",
        Word::NumeratorOnly => "numerator only, each category over the whole denominator",
        Word::Description => "Description",
        Word::Rule => "Rule",
        Word::Requirement => "Required",
        Word::SheetContent => "Content",
        Word::SheetKey => "Key (unique code)",
        Word::RefersToSheets => "Refers to sheets",
        Word::PrefilledRows => "Pre-filled rows",
        Word::ColumnHeader => "Column (header)",
        Word::HowToFill => "How to fill in this workbook",
        Word::TheSheets => "The sheets",
        Word::TheColumns => "The columns",
        Word::InstructionsSheet => "Instructions",
        Word::InstructionsSheetAlt => "How to",
        Word::InstructionsSheetAlt2 => "Read me",
        Word::ListsSheet => "Lists",
        Word::ListsSheetAlt => "Values",
        Word::ListsSheetAlt2 => "Lists cadre",
        Word::ValueNotInList => "Value not in the list",
        Word::WholeNumberExpected => "Whole number expected",
        Word::NumberOutOfRange => "Number out of range",
        Word::DuplicateCode => "Duplicate code",
        Word::SpreadsheetDateFormat => "yyyy-mm-dd",
        Word::RuleOneSheetPerDataset => {
            "One sheet per dataset, one row per record. Do not rename the sheets or the column headers, and do not insert rows above the headers."
        }
        Word::RuleHoverHeaders => {
            "Hover over a header to read its note: what the column holds, its rule, whether it is required and the allowed values. Dark header: required column; light header: optional, or required in a given case (see the note)."
        }
        Word::RuleNoHalfRows => {
            "Do not leave a row half-filled: a row that is started is checked as a whole, and an empty required cell gets it rejected. An entirely empty row is simply skipped."
        }
        Word::RuleDates => {
            "Dates: a real spreadsheet date, or the text 2025-04-15 or 15/04/2025 (day first). A date with a time (15/04/2025 14:30) counts on its day."
        }
        Word::RuleNumbers => {
            "Numbers: a number cell, or text such as 1234.5, 1234,5 or 1 234,5 (a space between thousands). Do not write 1,234.5: it is ambiguous and refused. A whole number has no decimals; a negative amount (-1 180) is a correction."
        }
        Word::RuleCodes => {
            "Codes: a row's code (key column) is unique in its sheet, case ignored. A column that refers to another sheet holds a code of that sheet (drop-down list); a row naming a missing code is rejected."
        }
        Word::RuleExtraColumns => {
            "Extra columns and sheets are ignored: you may add a column of remarks."
        }
        Word::RuleValidate => {
            "Before sending the workbook, have it checked: cadre validate --programme <folder> --data <workbook> lists every rejected row, with its sheet, row, column and rule."
        }
        Word::ActivitiesCarriedOut => "Activities carried out",
        Word::DifficultiesAndMeasures => "Difficulties and corrective measures",
        Word::NextQuarterPlan => "Next quarter's plan",
        Word::NextYearPlan => "Next year's plan",
        Word::ResultConclusions => "Conclusions and outlook",
        Word::IndicatorsAtPeriodEnd => "Indicators at the end of the period",
        Word::RoleGroups => "groups",
        Word::RoleIndicator => "indicator",
        Word::Formula => "Formula",
        Word::FinancialStatement => "Financial statement",
        Word::Budget => "Budget",
        Word::SpentInPeriod => "Spent in the period",
        Word::SpentToDate => "Spent to date",
        Word::Remaining => "Remaining",
        Word::UsedPct => "Used (%)",
        Word::ShareOfSpendingPct => "Share of spending to date (%)",
        Word::CeilingPct => "Co-financing ceiling (%)",
        Word::BaselineLower => "baseline",
        Word::CountedLower => "counted",
        Word::MeasuredOn => "measured on",
        Word::FinancingPlan => "Financing plan",
        Word::ByNature => "By nature",
        Word::Variances => "Variances",
        Word::IneligibleAndCorrections => "Ineligible and corrections",
        Word::Funder => "Funder",
        Word::PlannedContribution => "Planned contribution",
        Word::PlannedPct => "Share of the cash budget (%)",
        Word::Grant => "Grant awarded",
        Word::CeilingCheck => "Ceiling check",
        Word::GapPoints => "Gap to the ceiling (points)",
        Word::Respected => "respected",
        Word::Exceeded => "exceeded",
        Word::ReceivedInPeriod => "Received in the period",
        Word::ReceivedToDate => "Received to date",
        Word::CashBalance => "Cash balance",
        Word::InKindInPeriod => "In kind (valued), period",
        Word::InKindToDate => "In kind (valued), to date",
        Word::Uncovered => "Not covered by any funder",
        Word::ExchangeRate => "Exchange rate",
        Word::Costs => "Costs",
        Word::Planned => "Planned",
        Word::ActualToDate => "Actual to date",
        Word::ActualPct => "Actual (%)",
        Word::Forecast => "Forecast at the end",
        Word::Variance => "Variance",
        Word::VariancePct => "Variance (%)",
        Word::InKindCosts => "Use of contributions in kind",
        Word::Resources => "Resources",
        Word::InKindResources => "Contributions in kind",
        Word::ValuedToDate => "Valued to date",
        Word::PaidAfterPeriod => "Paid after the period",
        Word::Committed => "Committed",
        Word::PlannedByWorkplan => "Planned in the workplan",
        Word::ForecastMethod => "Forecast method",
        Word::MethodPlan => "commitments and workplan",
        Word::MethodStraightLine => "straight line",
        Word::MethodActual => "actual",
        Word::MethodMixed => "mixed",
        Word::JustificationExpected => "Justification expected",
        Word::Yes => "yes",
        Word::No => "no",
        Word::IneligibleExpenses => "Ineligible expenses",
        Word::CorrectionsAndCreditNotes => "Corrections and credit notes",
        Word::UndatedExpenses => "Undated expenses (counted nowhere)",
        Word::SheetRow => "Sheet row",
        Word::ExpenseDate => "Date",
        Word::Amount => "Amount",
        Word::Action => "Action",
        Word::BudgetLine => "Budget line",
        Word::Nature => "Nature",
        Word::PreviousQuarterCumulative => "Cumulative at the previous quarter",
        Word::ChangeSincePreviousQuarter => "Change since the previous quarter",
    }
}

pub(super) fn text(t: &Text) -> String {
    match t {
        Text::EveryRowAccepted => "Every row is accepted.".into(),
        Text::RowsRejected { rows, problems } => format!(
            "{rows} {} rejected, {problems} {}:",
            plural(*rows, "row", "rows"),
            plural(*problems, "problem", "problems")
        ),
        Text::RejectedRowsStop => "some rows are rejected: fix them, or run again with \
            --allow-rejected to leave them out (they are counted)"
            .into(),
        Text::TableAgrees { rows } => format!(
            "{} {rows} {} of the table {} with the data.",
            plural(*rows, "The", "All"),
            plural(*rows, "row", "rows"),
            plural(*rows, "agrees", "agree")
        ),
        Text::Differences { count } => {
            format!("{count} {}:", plural(*count, "difference", "differences"))
        }
        Text::PreviousNeedsPeriod { periods } => format!(
            "--previous: pick this table's period with --previous-period (periods: {periods})"
        ),
        Text::CsvTableNeedsPeriod => "--period is required for a csv table".into(),
        Text::ReportFromOtherData => "note: these data files are not those the report was \
            computed from (different SHA-256 fingerprints)"
            .into(),
        Text::ReportFromOtherDefinitions => "note: the indicator definitions have changed since \
            the report was computed"
            .into(),
        Text::NoReportingUnits => "the programme declares no reporting units: add [reporting] to programme.toml (see indicators/README.md)".into(),
        Text::XlsxNeedsOutput => "--format xlsx needs an output file (-o FILE)".into(),
        Text::IatiDateAhead { date, today } => format!(
            "the IATI file cannot be dated {date}, after today ({today}): the IATI Standard refuses a last-updated date in the future (rule 11.1.1); give --date or SOURCE_DATE_EPOCH a day up to today"
        ),
        Text::UnknownLanguage { given, declared } => format!(
            "language `{given}` is not one of this programme's; declared languages: {}",
            list(declared)
        ),
        Text::Warning { text } => format!("warning: {text}"),
        Text::CannotWrite { path, reason } => format!("{path}: cannot write ({reason})"),
        Text::MoreRows { count } => format!("… {count} more (see --format json)"),
        Text::RowsCounted { count } => {
            format!("{} counted ({count})", plural(*count, "row", "rows"))
        }
        Text::DistinctValues { count } => {
            format!("distinct {} ({count})", plural(*count, "value", "values"))
        }
        Text::RowsLeftOut {
            total,
            filter,
            after_end,
            no_date,
            window,
        } => format!(
            "{} left out ({total}): {filter} by the filter or condition, {after_end} dated after \
             the period's end, {no_date} with no date{}",
            plural(*total, "row", "rows"),
            match window {
                0 => String::new(),
                n => format!(", {n} by the indicator's window"),
            }
        ),
        Text::OutsideWindowRows => "outside the window or undated, rows".into(),
        Text::Row { row } => format!("row {row}"),
        Text::TemplateFolder { path, reason } => format!("report template {path}: {reason}"),
        Text::NarrativeNoFolder { path } => {
            format!("no narrative for the period: the folder {path} does not exist")
        }
        Text::UnmatchedSheet { file, sheet } => {
            format!("{file}, sheet \"{sheet}\": no dataset of that name, not read")
        }
        Text::JustificationMissing { row, variance } => format!(
            "finance.md: the variance of \"{row}\" ({variance}) is beyond the programme's threshold and not justified: add a section \"## {row}\""
        ),
        Text::JustificationUnknown { heading } => format!(
            "finance.md: the section \"{heading}\" names no budget line or nature; it is not printed"
        ),
        Text::PaidAhead {
            dataset,
            issued,
            rows,
        } => format!(
            "{dataset}: expenses marked paid are dated after the report's date of issue ({issued}); a payment cannot be ahead: mark them committed or planned, or correct their date\n{rows}"
        ),
        Text::RowWord => "row".into(),
        Text::SkeletonJustify { threshold } => format!(
            "Justify here the variance of each line or nature beyond {threshold} of its budget (forecast at the programme's end less budget): one \"##\" section per line, headed as below. This comment is not printed."
        ),
        Text::DataAfterIssue { extracted, issued } => format!(
            "the data was extracted on {extracted}, after the report's date of issue ({issued}): it states values nobody could know then; give --date or --data-as-of"
        ),
        Text::DataAfterIssueFinal { extracted, issued } => format!(
            "final report: the data was extracted on {extracted}, after its date of issue ({issued}); give the real date of issue (--date) or of the extraction (--data-as-of)"
        ),
        Text::NarrativeClosingMissing { file } => format!(
            "an annual or final report needs its lessons learned and sustainability: the file {file} is missing"
        ),
        Text::NarrativeRisksMissing => "the programme keeps a risk register: its comment, the file risks.md, is missing".into(),
        Text::SkeletonLessons => "Lessons learned: what worked, what did not and why, what you would do differently. This comment is not printed.".into(),
        Text::SkeletonSustainability => "Sustainability: what will go on after the funding, carried by whom, with what resources; the risks ahead. This comment is not printed.".into(),
        Text::SkeletonRisks { period } => format!("The risk register on {period}: what changed, why, and what is done about it. The risks that changed since the last report are listed below. This comment is not printed."),
        Text::SkeletonRisk { code, risk, change } => format!("- {code} {risk}: {change}"),
        Text::AbsentDataset { dataset } => {
            format!("{dataset}: optional dataset in no file, empty")
        }
        Text::SkippedFile { file, reason } => {
            format!("{file} skipped: {}", reason.text(Lang::En))
        }
        Text::ReportingHeading { units, period } => match period {
            Some(p) => format!("{units}: rows sent for {p}"),
            None => format!("{units}: rows sent"),
        },
        Text::ReportingSummary { reported, of } => format!(
            "{reported} of {of} sent rows; {} not heard from.",
            of - reported
        ),
        Text::SilentUnits { names } => format!("Nothing received from: {names}."),
        Text::RowsWithoutUnit { rows, dataset } => format!(
            "{rows} {} of \"{dataset}\" {} no reporting unit.",
            plural(*rows as usize, "row", "rows"),
            plural(*rows as usize, "names", "name")
        ),
        Text::NarrativeNoSummary => "the narrative has no summary (summary.md)".into(),
        Text::NarrativeMissing { result } => {
            format!("no narrative for {result} (file {result}.md)")
        }
        Text::NarrativeNoComment { indicator, status } => {
            format!("indicator {indicator} is {status} and has no comment (file {indicator}.md)")
        }
        Text::NarrativeUnknownFile { file } => {
            format!("narrative file {file} names no result or indicator: it is ignored")
        }
        Text::NarrativeIncomplete { details } => {
            format!("the narrative is incomplete (--strict):\n{details}")
        }
        Text::NarrativeTooLarge { path, limit_kib } => {
            format!("{path}: a narrative file of more than {limit_kib} KiB")
        }
        Text::NarrativeNotAFile { path } => {
            format!("{path}: not a file of the narrative folder (a link out of it is not followed)")
        }
        Text::NarrativeUnreadable { path, reason } => {
            format!("{path}: unreadable narrative ({reason})")
        }
        Text::SkeletonSummary {
            programme,
            period,
            range,
        } => format!(
            "{programme} — {period} ({range}): the quarter in a few paragraphs. \
             This comment is not printed."
        ),
        Text::SkeletonIndicator {
            code,
            label,
            cumulative,
            period,
            milestone,
            target,
            status,
        } => format!(
            "{code} {label}: {cumulative} (period: {period}); milestone: {milestone}; target: {target}; {status}"
        ),
        Text::SkeletonExplain => "Explain the gap to its milestone or target, and what is done \
            to close it. This comment is not printed."
            .into(),
        Text::NarrativeSkeleton { written, kept } => format!(
            "{written} {}; {kept} existing {}",
            plural(*written, "file written", "files written"),
            plural(*kept, "file kept as it was", "files kept as they were"),
        ),
        Text::NoMainFile { path } => format!("report template {path}: the folder has no main.typ"),
        Text::TemplateErrors { details } => {
            format!("the report template has errors:\n{details}")
        }
        Text::PdfErrors { details } => format!("the PDF could not be written:\n{details}"),
        Text::ReportData { reason } => format!("report data: {reason}"),
        Text::SourceDateEpoch { value } => {
            format!("SOURCE_DATE_EPOCH={value} is not a number of seconds since 1970-01-01")
        }
        Text::DateOutOfRange { date } => format!("date {date} is out of range"),
        Text::XlsxRefused { part, reason } => {
            format!("{}: refused by the xlsx writer ({reason})", xlsx_part(part))
        }
        Text::RegistryColumn {
            dataset,
            column,
            reason,
        } => format!("registry dataset `{dataset}`, column `{column}`: {reason}"),
        Text::UnknownDataset { dataset, known } => {
            format!("no dataset `{dataset}` in this programme (datasets: {known})")
        }
        Text::RowWidth {
            dataset,
            given,
            columns,
        } => format!(
            "dataset `{dataset}`: a row of {given} {}, but the sheet has {columns} {}",
            plural(*given, "cell", "cells"),
            plural(*columns, "column", "columns")
        ),
        Text::NoFreeSheetName { candidates } => format!(
            "no free name for a helper sheet: {candidates} are all dataset names or aliases"
        ),
        Text::WorkbookTitle { programme } => format!("{programme}: data-entry workbook"),
        Text::ProgrammeDates { start, end } => format!("Programme from {start} to {end}."),
        Text::ListRule { example } => format!(
            "Values from a list: pick from the drop-down list. Case and accents do not matter ({example})."
        ),
        Text::Prefilled { names } => format!(
            "Pre-filled: {names}. Do not change the existing codes; add new rows below them."
        ),
        Text::PickCode { label, sheet } => format!(
            "{label}: pick a code of the {sheet} sheet. A code missing from {sheet} gets the row rejected."
        ),
        Text::PickValue { label, values } => format!("{label}: a value of the list ({values})."),
        Text::ColumnRule { label, rule } => format!("{label}: {rule}."),
        Text::CodeUsed { label } => {
            format!("{label}: this code is already used in this sheet (case ignored).")
        }
        Text::RuleLine { rule } => format!("Rule: {rule}"),
        Text::AlsoAccepted { aliases } => format!("Also accepted: {aliases}"),
        Text::PickFromSheet { sheet } => format!("Pick from the list: codes of the {sheet} sheet."),
    }
}
