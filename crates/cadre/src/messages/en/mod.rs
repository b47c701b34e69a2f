//! The English catalogue.

pub(super) mod report;

use super::{Text, Word, list};
use crate::cell::format_number;
use crate::error::{Error, PeriodProblem};
use crate::explain::Aggregation;
use crate::indicator::AggregateKind;
use crate::ingest::{Problem, Rule};
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
        Word::Accepted => "Accepted",
        Word::Rejected => "Rejected",
        Word::SkippedEmpty => "Empty",
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
        Word::RoleGroups => "groups",
        Word::CheckPeriod => "period",
        Word::CheckField => "field",
        Word::CheckClaimed => "claimed",
        Word::CheckRecomputed => "recomputed",
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
        Text::CsvTableNeedsPeriod => "--period is required for a csv table".into(),
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
            message,
        } => format!(
            "{}{}: {message}",
            path.display(),
            line.map(|l| format!(":{l}")).unwrap_or_default()
        ),
        Error::Workbook { path, message, .. } => format!("{}: {message}", path.display()),
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
        Rule::RejectedReference { dataset, row } => {
            format!("names row {row} of {dataset}, which is rejected")
        }
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
