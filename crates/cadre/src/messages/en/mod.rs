//! The English catalogue.

pub(super) mod report;
pub(super) mod web;

use super::{RulePart, Text, Word, list};
use crate::cell::format_number;
use crate::error::{
    DatasetProblem, DefinitionProblem, Error, IndicatorProblem, LogoProblem, PeriodProblem,
    TableProblem, WorkbookProblem,
};
use crate::explain::Aggregation;
use crate::indicator::{AggregateKind, MeasureType};
use crate::ingest::MAX_COLUMNS;
use crate::ingest::{Problem, Rule};
use crate::schema::ColumnType;
use crate::table::Status;

/// The singular for 1, the plural otherwise (0 included).
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// ` (did you mean `x`?)`, or nothing.
fn suggestion(closest: &Option<String>) -> String {
    closest
        .as_ref()
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
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
        Word::Description => "Description",
        Word::Rule => "Rule",
        Word::Requirement => "Required",
        Word::Required => "required",
        Word::Optional => "optional",
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
        Word::IndicatorsAtPeriodEnd => "Indicators at the end of the period",
        Word::RoleGroups => "groups",
        Word::FinancialStatement => "Financial statement",
        Word::Budget => "Budget",
        Word::SpentInPeriod => "Spent in the period",
        Word::SpentToDate => "Spent to date",
        Word::Remaining => "Remaining",
        Word::UsedPct => "Used (%)",
        Word::ShareOfSpendingPct => "Share of spending to date (%)",
        Word::CeilingPct => "Co-financing ceiling (%)",
    }
}

pub(super) fn status(s: Status) -> &'static str {
    match s {
        Status::Achieved => "achieved",
        Status::OnTrack => "on track",
        Status::AtRisk => "at risk",
        Status::OffTrack => "off track",
        Status::NotStarted => "not started",
        Status::NoData => "no data",
    }
}

fn aggregate_kind(a: AggregateKind) -> &'static str {
    match a {
        AggregateKind::Count => "count",
        AggregateKind::Distinct => "distinct count",
        AggregateKind::Sum => "sum",
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
        } => format!(
            "{} left out ({total}): {filter} by the filter or condition, {after_end} dated after \
             the period's end, {no_date} with no date",
            plural(*total, "row", "rows")
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
        Text::SkippedFile { file, reason } => format!(
            "{file} skipped: {}",
            match reason {
                crate::ingest::SkipReason::LockFile => {
                    "a spreadsheet program's lock file (the workbook is open)"
                }
                crate::ingest::SkipReason::Hidden => "a hidden file",
                crate::ingest::SkipReason::AlreadyRead => "already read (given twice, or a link to a folder already read)",
            }
        ),
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
        Text::XlsxRefused { context, reason } => {
            format!("{context}: refused by the xlsx writer ({reason})")
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
        Text::Aggregation(a) => match a {
            Aggregation::Count => "count of rows".into(),
            Aggregation::CountWhere { condition } => format!("count of rows where {condition}"),
            Aggregation::CountKnown { column: Some(c) } => {
                format!("count of rows where {c} is known")
            }
            Aggregation::CountKnown { column: None } => "count of rows".into(),
            Aggregation::Distinct { column } => format!("distinct count of {column}"),
            Aggregation::Sum { column } => format!("sum of {column}"),
            Aggregation::Mean { column } => format!("mean of {column}"),
            Aggregation::Latest { column } => format!("latest value of {column}"),
            Aggregation::MeanPerGroup {
                aggregate,
                column,
                members,
            } => format!(
                "mean over groups of the {}{} of {members} per group",
                aggregate_kind(*aggregate),
                column
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            ),
        },
    }
}

fn period_problem(p: PeriodProblem) -> &'static str {
    match p {
        PeriodProblem::Form => {
            "expected 2025-Q3, 2025-H1, 2025-M04, 2025, 2025-03-01..2025-06-30 or project"
        }
        PeriodProblem::NotStarted => "the project has not started yet",
        PeriodProblem::RangeDates => "dates of a range are written 2025-03-01..2025-06-30",
        PeriodProblem::RangeBackwards => "the range ends before it starts",
        PeriodProblem::Quarter => "a quarter is Q1 to Q4",
        PeriodProblem::Half => "a half year is H1 or H2",
        PeriodProblem::Month => "a month is M01 to M12",
    }
}

pub(super) fn error(e: &Error) -> String {
    match e {
        Error::Io { path, source } => format!("{}: {source}", path.display()),
        Error::Definition {
            path,
            line,
            problem,
        } => format!(
            "{}{}: {}",
            path.display(),
            line.map(|l| format!(":{l}")).unwrap_or_default(),
            definition_problem(problem)
        ),
        Error::Workbook {
            path,
            sheet,
            problem,
        } => format!(
            "{}{}: {}",
            path.display(),
            sheet
                .as_ref()
                .map(|s| format!(", sheet {s}"))
                .unwrap_or_default(),
            workbook_problem(problem)
        ),
        Error::MissingSheet {
            path,
            dataset,
            found,
            closest,
        } => format!(
            "{}: no sheet for dataset `{dataset}`; sheets found: {}{}",
            path.display(),
            found.join(", "),
            suggestion(closest)
        ),
        Error::MissingColumn {
            path,
            sheet,
            column,
            found,
            closest,
        } => format!(
            "{}, sheet {sheet}: no column `{column}`; columns found: {}{}",
            path.display(),
            found.join(", "),
            suggestion(closest)
        ),
        Error::Period { input, problem } => {
            format!("period `{input}`: {}", period_problem(*problem))
        }
        Error::Compute { indicator, message } => format!("indicator {indicator}: {message}"),
        Error::ClaimedTable {
            path,
            sheet,
            row,
            problem,
        } => {
            let place = format!(
                "{}{}{}",
                path.display(),
                sheet
                    .as_ref()
                    .map(|s| format!(", sheet {s}"))
                    .unwrap_or_default(),
                row.map(|r| format!(", line {r}")).unwrap_or_default()
            );
            let what = match problem {
                TableProblem::Malformed { detail } => format!("unreadable table ({detail})"),
                TableProblem::MissingColumn { column, expected } => {
                    format!("no column `{column}` (expected {expected})")
                }
                TableProblem::NotANumber { column, value } => {
                    format!("column {column}: `{value}` is not a number")
                }
                TableProblem::UnknownStatus { value } => format!("unknown status `{value}`"),
                TableProblem::Pdf { detail } => format!("unreadable PDF ({detail})"),
                TableProblem::NoAttachedTable => {
                    "this PDF carries no indicator table (a cadre report attaches one)".to_owned()
                }
                TableProblem::TooLarge { limit } => {
                    format!("the attached table is larger than {limit} bytes")
                }
                TableProblem::NotATable { detail } => {
                    format!("not a cadre indicator table ({detail})")
                }
                TableProblem::OtherProgramme { table, programme } => {
                    format!("this table is programme {table}'s, not {programme}'s")
                }
                TableProblem::OtherPeriod { given, table } => {
                    format!("the table covers {table}, not {given}")
                }
            };
            format!("{place}: {what}")
        }
        Error::UnknownIndicator { code, closest } => format!(
            "no indicator `{code}` in this programme{}",
            suggestion(closest)
        ),
    }
}

pub(super) fn rule(r: &Rule) -> String {
    let n = |f: &f64| format_number(*f);
    match r {
        Rule::Required => "a value is required".into(),
        Rule::RequiredWhen { column, equals } => format!("required when {column} = {equals}"),
        Rule::NotANumber => "a number is expected".into(),
        Rule::AmbiguousNumber => {
            "ambiguous number: both `,` and `.` (write 1234.5 or 1 234,5)".into()
        }
        Rule::NotWhole => "a whole number is expected".into(),
        Rule::NotADate => "a date is expected (2025-04-15, 15/04/2025 or a date cell)".into(),
        Rule::SpreadsheetError => "the cell holds a spreadsheet error".into(),
        Rule::NotAllowed { allowed } => {
            format!("value not allowed; allowed: {}", allowed.join(", "))
        }
        Rule::Pattern { pattern } => format!("expected form: {pattern}"),
        Rule::BelowMin { min } => format!("below the minimum {}", n(min)),
        Rule::AboveMax { max } => format!("above the maximum {}", n(max)),
        Rule::Duplicate { first_row } => format!("duplicate of row {first_row} (case ignored)"),
        Rule::UnknownReference { dataset } => format!("no such code in {dataset}"),
        Rule::DuplicateElsewhere { file, sheet, row } => {
            format!("duplicate of {file}, sheet {sheet}, row {row} (case ignored)")
        }
        Rule::RejectedReference {
            dataset,
            file,
            sheet,
            row,
        } => format!("names row {row} of {dataset} ({file}, sheet {sheet}), which is rejected"),
    }
}

pub(super) fn problem(p: &Problem) -> String {
    format!(
        "{}, sheet {}, row {}, column {}: \"{}\": {}",
        p.file,
        p.sheet,
        p.row,
        p.column,
        p.value,
        rule(&p.rule)
    )
}

pub(super) fn rule_part(p: &RulePart) -> String {
    match p {
        RulePart::Kind { kind, values } => match kind {
            ColumnType::Enum => format!("one of {}", values.join(", ")),
            ColumnType::Integer => "a whole number".into(),
            ColumnType::Amount => "a number".into(),
            ColumnType::Date => "a date (2025-04-15 or 15/04/2025)".into(),
            ColumnType::Text => "text".into(),
        },
        RulePart::Range { min, max } => match (min, max) {
            (Some(min), Some(max)) => {
                format!("from {} to {}", format_number(*min), format_number(*max))
            }
            (Some(min), None) => format!(">= {}", format_number(*min)),
            (None, Some(max)) => format!("<= {}", format_number(*max)),
            (None, None) => String::new(),
        },
        RulePart::Pattern { pattern } => format!("matching {pattern}"),
        RulePart::Reference { dataset } => format!("a code of {dataset}"),
        RulePart::Unique => "unique".into(),
    }
}

fn workbook_problem(p: &WorkbookProblem) -> String {
    match p {
        WorkbookProblem::NoDataInFolder => {
            "the folder holds no workbook (xlsx, xls, ods) and no csv file".into()
        }
        WorkbookProblem::TooLarge { mib, max_mib } => {
            format!("file too large ({mib} MiB; at most {max_mib} MiB)")
        }
        WorkbookProblem::Empty => "the file is empty".into(),
        WorkbookProblem::Encrypted => {
            "the workbook is password-protected (encrypted): save an unprotected copy".into()
        }
        WorkbookProblem::NotADataFile => "neither a workbook (xlsx, xls, ods) nor a csv file: \
            move it out of the data folder (lock files ~$… and hidden files are skipped)"
            .into(),
        WorkbookProblem::NotASpreadsheet => {
            "not a spreadsheet (xlsx, xls, ods) nor a folder of csv files".into()
        }
        WorkbookProblem::Unreadable { format, detail } => {
            format!("cannot read the {format:?} workbook: {detail}")
        }
        WorkbookProblem::DamagedZip { detail } => {
            format!("not a valid workbook (damaged zip archive: {detail})")
        }
        WorkbookProblem::ZipBomb { entry, mib, kib } => format!(
            "refused: archive entry {entry} would inflate to {mib} MiB from {kib} KiB (a zip bomb?)"
        ),
        WorkbookProblem::ZipNotWorkbook => {
            "a zip archive, but not a workbook (no xl/workbook.xml nor content.xml)".into()
        }
        WorkbookProblem::NotOpenDocumentSpreadsheet { mimetype } => {
            format!("an OpenDocument file, but not a spreadsheet ({mimetype})")
        }
        WorkbookProblem::SheetUnreadable { detail } => format!("unreadable sheet ({detail})"),
        WorkbookProblem::CellBeyondLastColumn { row } => {
            format!("a cell lies beyond column {MAX_COLUMNS} (row {row})")
        }
        WorkbookProblem::TooWide => format!("the sheet is wider than {MAX_COLUMNS} columns"),
        WorkbookProblem::NoCsvFile => "no such csv file".into(),
        WorkbookProblem::MalformedCsv { detail } => format!("malformed csv: {detail}"),
        WorkbookProblem::CsvLineTooWide { line } => {
            format!("line {line} has more than {MAX_COLUMNS} fields")
        }
        WorkbookProblem::SheetTooLarge {
            sheet,
            cells,
            limit,
        } => {
            let which = sheet
                .as_ref()
                .map(|s| format!("sheet {s}"))
                .unwrap_or_else(|| "a sheet".into());
            format!(
                "refused: {which} spans {cells} cells, beyond the {limit} cells read from a file of this size (a damaged file?)"
            )
        }
    }
}

fn definition_problem(p: &DefinitionProblem) -> String {
    match p {
        DefinitionProblem::NotUtf8 => "not UTF-8 text".into(),
        DefinitionProblem::Syntax { detail } => detail.clone(),
        DefinitionProblem::IndicatorTwice { code, first } => format!(
            "indicator code `{code}` is already defined in {}",
            first.display()
        ),
        DefinitionProblem::NoIndicators => {
            "no [[indicator]] in any .toml file of this folder".into()
        }
        DefinitionProblem::EndBeforeStart { start, end } => {
            format!("programme end {end} is before its start {start}")
        }
        DefinitionProblem::NoLanguage => {
            "`languages` must name at least one language (the default first)".into()
        }
        DefinitionProblem::BadCode { code } => {
            format!("code `{code}` may hold only letters, digits, `.`, `_` and `-`")
        }
        DefinitionProblem::ResultTwice { code } => format!("result code `{code}` appears twice"),
        DefinitionProblem::UnknownParent { result, parent } => {
            format!("result `{result}` has parent `{parent}`, which is not a result")
        }
        DefinitionProblem::TooManyIndicators { max } => {
            format!("more than {max} indicators: a programme may define at most {max}")
        }
        DefinitionProblem::ResultCycle { chain } => format!(
            "the results' parents loop: {} (each result's `parent` must lead up to a result without one)",
            chain
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(" → ")
        ),
        DefinitionProblem::DimensionTwice { name } => {
            format!("dimension `{name}` appears twice")
        }
        DefinitionProblem::ReportUnknownIndicator { code } => {
            format!("[report] names indicator `{code}`, which is not defined")
        }
        DefinitionProblem::ReferenceCycle { dataset } => {
            format!("datasets reference each other in a cycle through `{dataset}`")
        }
        DefinitionProblem::Dataset { dataset, problem } => {
            format!("dataset {dataset}: {}", dataset_problem(problem))
        }
        DefinitionProblem::Logo {
            funder,
            file,
            reason,
        } => format!(
            "logo of {funder} ({file}): {}",
            match reason {
                LogoProblem::Missing => "no such file in the programme folder",
                LogoProblem::NotAnImage => "a PNG, JPEG or SVG image is expected",
                LogoProblem::OutsideFolder => "the file must be in the programme folder",
                LogoProblem::TooLarge => "file larger than 2 MiB",
            }
        ),
        DefinitionProblem::Activities { result, problem } => {
            format!(
                "[[report.activities]] of {result}: {}",
                indicator_problem(problem)
            )
        }
        DefinitionProblem::Reporting { part, problem } => {
            format!("[reporting] {part}: {}", indicator_problem(problem))
        }
        DefinitionProblem::Finance { part, problem } => {
            format!("[finance] {part}: {}", indicator_problem(problem))
        }
        DefinitionProblem::Indicator { code, problem } => {
            format!("indicator {code}: {}", indicator_problem(problem))
        }
    }
}

fn dataset_problem(p: &DatasetProblem) -> String {
    match p {
        DatasetProblem::SheetNameTwice { name } => {
            format!("sheet name `{name}` is used by two datasets")
        }
        DatasetProblem::DotInColumn { column } => {
            format!("column name `{column}` may not contain `.` (it marks references)")
        }
        DatasetProblem::HeaderTwice { header } => {
            format!("header `{header}` is used by two columns")
        }
        DatasetProblem::EnumWithoutValues { column } => {
            format!("enum column `{column}` lists no `values`")
        }
        DatasetProblem::ValuesNotEnum { column } => {
            format!("column `{column}` is not an enum but lists values")
        }
        DatasetProblem::LabelNotValue { column, value } => {
            format!("value label `{value}` of `{column}` is not a value")
        }
        DatasetProblem::AliasNotValue {
            column,
            alias,
            value,
        } => format!("value alias `{alias}` of `{column}` points to `{value}`, not a value"),
        DatasetProblem::PatternNotText { column } => {
            format!("column `{column}` has a pattern but is not text")
        }
        DatasetProblem::BadPattern { column, detail } => {
            format!("pattern of `{column}`: {detail}")
        }
        DatasetProblem::MinMaxNotNumber { column } => {
            format!("column `{column}` has min/max but is not a number")
        }
        DatasetProblem::ReferenceUnknown { column, target } => {
            format!("column `{column}` references `{target}`, which is not a dataset")
        }
        DatasetProblem::ReferenceWithoutKey { column, target } => {
            format!("column `{column}` references `{target}`, which declares no `key`")
        }
        DatasetProblem::ReferenceToItself { column } => {
            format!("column `{column}` references its own dataset")
        }
        DatasetProblem::ReferenceNotText { column } => {
            format!("reference column `{column}` must be of type text")
        }
        DatasetProblem::RequiredWhenUnknownColumn { column, other } => {
            format!("`required_when` of `{column}` names unknown column `{other}`")
        }
        DatasetProblem::RequiredWhenNotValue {
            column,
            value,
            other,
        } => format!("`required_when` of `{column}`: `{value}` is not a value of `{other}`"),
        DatasetProblem::KeyNotRequiredText { key } => {
            format!("key `{key}` must be a required text column")
        }
        DatasetProblem::KeyNotColumn { key } => format!("key `{key}` is not a column"),
    }
}

fn indicator_problem(p: &IndicatorProblem) -> String {
    match p {
        IndicatorProblem::UnknownResult { result, results } => {
            format!("result `{result}` is not in programme.toml (results: {results})")
        }
        IndicatorProblem::EmptyLabel => "`label` is empty".into(),
        IndicatorProblem::TargetNotNumber => "`target` must be a number".into(),
        IndicatorProblem::NumberTooLarge { field } => format!(
            "{field} must be a number between -1 000 000 000 000 000 and 1 000 000 000 000 000"
        ),
        IndicatorProblem::NotACondition { filter, kind } => format!(
            "filter `{filter}` is not a condition: it gives a value of type {kind}, not true or false (compare it, e.g. `{filter} >= 3`)"
        ),
        IndicatorProblem::NotADataset { dataset, datasets } => {
            format!("`{dataset}` is not a dataset (datasets: {datasets})")
        }
        IndicatorProblem::NotAColumn {
            column,
            dataset,
            closest,
            columns,
        } => format!(
            "`{column}` is not a column of `{dataset}`{} (columns: {columns})",
            closest
                .as_ref()
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default()
        ),
        IndicatorProblem::NotNumeric {
            column,
            dataset,
            kind,
        } => format!(
            "column `{column}` of `{dataset}` is {}, not a number",
            kind.as_str()
        ),
        IndicatorProblem::DateNotDate { column, kind } => {
            format!("date column `{column}` is {}, not a date", kind.as_str())
        }
        IndicatorProblem::Filter { filter, detail } => format!("filter `{filter}`: {detail}"),
        IndicatorProblem::FilterColumn { filter, problem } => {
            format!("filter `{filter}`: {}", indicator_problem(problem))
        }
        IndicatorProblem::MembersNotDataset { dataset } => {
            format!("members: `{dataset}` is not a dataset")
        }
        IndicatorProblem::MembersVia {
            via,
            dataset,
            groups,
        } => format!("members: `{via}` must be a column of `{dataset}` that references `{groups}`"),
        IndicatorProblem::MembersCountWithColumn => "members: a count takes no `column`".into(),
        IndicatorProblem::UnitsWithoutKey { dataset } => {
            format!("`{dataset}` has no `key` to name the reporting units by")
        }
        IndicatorProblem::UnitNotReference {
            column,
            dataset,
            units,
        } => format!("`{column}` must be a column of `{dataset}` that references `{units}`"),
        IndicatorProblem::MembersWithoutColumn => "members: this aggregate needs `column`".into(),
        IndicatorProblem::BreakdownTwice { by } => format!("breakdown `{by}` appears twice"),
        IndicatorProblem::BreakdownNotDimension { by } => {
            format!("breakdown `{by}` is not a [[dimension]] of programme.toml")
        }
        IndicatorProblem::Breakdown { by, problem } => {
            format!("breakdown `{by}`: {}", indicator_problem(problem))
        }
        IndicatorProblem::MilestonesSameDay { date } => format!("two milestones on {date}"),
    }
}

pub(super) fn measure_type(m: MeasureType) -> &'static str {
    match m {
        MeasureType::Count => "count of rows",
        MeasureType::Distinct => "distinct count",
        MeasureType::Sum => "sum",
        MeasureType::Mean => "mean",
        MeasureType::Share => "share",
        MeasureType::Ratio => "ratio",
        MeasureType::Latest => "latest value",
        MeasureType::MeanPerGroup => "mean per group",
    }
}
