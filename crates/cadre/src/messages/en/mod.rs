//! The English catalogue.

use super::{RulePart, aliases_line};
use crate::cell::format_number;
use crate::error::{
    CountsNewProblem, DatasetProblem, DefinedAt, DefinitionProblem, Error, FinanceProblem,
    IndicatorProblem, LogoProblem, PeriodProblem, ShapeProblem, TableProblem, UnknownWord,
    WindowProblem, WorkbookProblem,
};
use crate::explain::Aggregation;
use crate::indicator::{AggregateKind, MeasureType};
use crate::ingest::MAX_COLUMNS;
use crate::ingest::{Problem, Rule, SkipReason};
use crate::schema::ColumnType;
use crate::table::Status;

/// ` (did you mean `x`?)`, or nothing.
fn suggestion(closest: &Option<String>) -> String {
    closest
        .as_ref()
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

pub(super) fn status(s: Status) -> &'static str {
    match s {
        Status::Achieved => "achieved",
        Status::OnTrack => "on track",
        Status::AtRisk => "at risk",
        Status::OffTrack => "off track",
        Status::NotStarted => "not started",
        Status::NoTarget => "no target",
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

pub(super) fn aggregation(a: &Aggregation) -> String {
    match a {
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
        Aggregation::WeightedSum { column, weight } => format!("sum of {column} × {weight}"),
        Aggregation::WeightWhere { condition, weight } => {
            format!("sum of {weight} over rows where {condition}")
        }
        Aggregation::WeightKnown {
            column: Some(c),
            weight,
        } => format!("sum of {weight} over rows where {c} is known"),
        Aggregation::WeightKnown {
            column: None,
            weight,
        } => format!("sum of {weight}"),
        Aggregation::Stage {
            column,
            per: None,
            target_stage,
        } => format!("rank of the latest stage of {column} (target stage: {target_stage})"),
        Aggregation::Stage {
            column,
            per: Some(per),
            target_stage,
        } => format!("{per} whose latest {column} reaches {target_stage}"),
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
    }
}

pub(super) fn skip_reason(r: SkipReason) -> &'static str {
    match r {
        SkipReason::LockFile => "a spreadsheet program's lock file (the workbook is open)",
        SkipReason::Hidden => "a hidden file",
        SkipReason::AlreadyRead => "already read (given twice, or a link to a folder already read)",
    }
}

fn period_problem(p: PeriodProblem) -> String {
    let fixed = match p {
        PeriodProblem::Form => {
            "expected 2025-Q3, 2025-H1, 2025-M04, 2025, PY1 (a programme year), \
             2025-03-01..2025-06-30 or project"
        }
        PeriodProblem::NotStarted => "the project has not started yet",
        PeriodProblem::RangeDates => "dates of a range are written 2025-03-01..2025-06-30",
        PeriodProblem::RangeBackwards => "the range ends before it starts",
        PeriodProblem::Quarter => "a quarter is Q1 to Q4",
        PeriodProblem::Half => "a half year is H1 or H2",
        PeriodProblem::Month => "a month is M01 to M12",
        PeriodProblem::ProgrammeYear { years: 1 } => "the programme has one programme year: PY1",
        PeriodProblem::ProgrammeYear { years } => {
            return format!("the programme has {years} programme years: PY1 to PY{years}");
        }
    };
    fixed.to_owned()
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
            aliases,
        } => format!(
            "{}: no sheet for dataset `{dataset}`; sheets found: {}{}. {}",
            path.display(),
            found.join(", "),
            suggestion(closest),
            match closest {
                Some(c) => format!(
                    "To read sheet {c} as `{dataset}`, add `{}` to the [[dataset]] `{dataset}` of datasets.toml, or rename the sheet `{dataset}`",
                    aliases_line(aliases, c)
                ),
                None => format!(
                    "If its sheet has another name, add `{}` to the [[dataset]] `{dataset}` of datasets.toml",
                    aliases_line(aliases, "its name")
                ),
            }
        ),
        Error::MissingColumn {
            path,
            sheet,
            definition,
            column,
            closest,
        } => format!(
            "{}, sheet {sheet}: no column `{column}`; columns found: {}{}. {}",
            path.display(),
            definition.found.join(", "),
            suggestion(closest),
            match closest {
                Some(c) => format!(
                    "To read header {c} as `{column}`, add `{}` to the [[dataset.column]] `{column}` of dataset `{}` in datasets.toml, or rename the header `{column}`",
                    aliases_line(&definition.aliases, c),
                    definition.dataset
                ),
                None => format!(
                    "If its header has another name, add `{}` to the [[dataset.column]] `{column}` of dataset `{}` in datasets.toml",
                    aliases_line(&definition.aliases, "its header"),
                    definition.dataset
                ),
            }
        ),
        Error::AmbiguousHeader {
            path,
            sheet,
            dataset,
            column,
            headers,
        } => format!(
            "{}, sheet {sheet}: headers {} and {} both name column `{column}` (by the end of their group path). To choose, add the header wanted to `aliases` in the [[dataset.column]] `{column}` of dataset `{dataset}` in datasets.toml",
            path.display(),
            headers[0],
            headers[1],
        ),
        Error::Period { input, problem } => {
            format!("period `{input}`: {}", period_problem(*problem))
        }
        Error::Compute {
            indicator,
            message,
            defined_at,
        } => format!(
            "{}indicator {indicator}: {message}",
            defined_at.as_ref().map(place).unwrap_or_default()
        ),
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
                TableProblem::PdfUnsupported => {
                    "this build of cadre reads no PDF (feature `pdf`): give the table's JSON file"
                        .to_owned()
                }
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
        Rule::NotADate => "a date is expected: 2025-04-15, 15/04/2025, 15/04/2025 14:30, an ISO 8601 date-time (2025-04-15T14:30, 2025-04-15 14:30:00, with or without fractions of a second and a zone: 2025-04-15T14:30:00.000+01:00, 2025-04-15T14:30:00Z) or a date cell".into(),
        Rule::NotABoolean => format!(
            "yes or no is expected: {} or {} (case and accents ignored), or a TRUE/FALSE cell",
            crate::cell::TRUE_SPELLINGS.join("/"),
            crate::cell::FALSE_SPELLINGS.join("/")
        ),
        Rule::SpreadsheetError => "the cell holds a spreadsheet error".into(),
        Rule::NotAllowed { allowed, closest } => format!(
            "value not allowed; allowed: {}{}",
            allowed.join(", "),
            suggestion(closest)
        ),
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
            ColumnType::Boolean => "yes or no (yes/no, oui/non, 1/0, true/false)".into(),
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
        RulePart::Required => "required".into(),
        RulePart::Optional => "optional".into(),
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
        WorkbookProblem::DamagedOle { part } => {
            format!("cannot read the Xls workbook: damaged OLE container ({part})")
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
        DefinitionProblem::UnknownWord {
            word,
            given,
            expected,
            closest,
        } => unknown_word(*word, given, expected, closest),
        DefinitionProblem::IndicatorTwice { code, first } => format!(
            "indicator code `{code}` is already defined in {}",
            first.display()
        ),
        DefinitionProblem::NoIndicators => {
            "no [[indicator]] in any .toml file of this folder".into()
        }
        DefinitionProblem::StatusThreshold {
            key,
            value,
            min,
            max,
        } => format!(
            "[status] `{key}` = {value} is out of range: it must be above 0, from {min} to {max}"
        ),
        DefinitionProblem::EndBeforeStart { start, end } => {
            format!("programme end {end} is before its start {start}")
        }
        DefinitionProblem::YearStartMonth { month } => format!(
            "[programme] `year_start_month` = {month} is not a month: \
             it is 1 (January) to 12 (December)"
        ),
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
        DefinitionProblem::Risks { key, problem } => {
            format!("[report.risks] {key}: {}", risk_problem(problem))
        }
        DefinitionProblem::Assumptions { result, problem } => {
            format!("assumptions of result {result}: {}", risk_problem(problem))
        }
        DefinitionProblem::Iati(problem) => format!("[iati] {}", iati_problem(problem)),
        DefinitionProblem::Indicator { code, problem } => {
            format!("indicator {code}: {}", indicator_problem(problem))
        }
        DefinitionProblem::InIndicator { code, problem } => {
            format!("indicator {code}: {}", definition_problem(problem))
        }
        DefinitionProblem::Shape(problem) => shape_problem(problem),
        DefinitionProblem::MissingKey { key } => format!("missing key `{key}`"),
        DefinitionProblem::People {
            dataset,
            key,
            problem,
        } => format!(
            "[[report.people]] of {dataset}, `{key}`: {}",
            people_problem(problem)
        ),
    }
}

/// `file:line: `, where a definition is written.
fn place(at: &DefinedAt) -> String {
    format!(
        "{}{}: ",
        at.path.display(),
        at.line.map(|l| format!(":{l}")).unwrap_or_default()
    )
}

/// A measure, window or date of the wrong shape.
pub(super) fn shape_problem(p: &ShapeProblem) -> String {
    match p {
        ShapeProblem::UnknownMeasureType { given, expected } => format!(
            "unknown measure type `{given}`, expected one of {}",
            expected.join(", ")
        ),
        ShapeProblem::MeasureNeeds { measure, key } => {
            format!("a `{measure}` measure needs `{key}`")
        }
        ShapeProblem::MeasureTakesNo { measure, key } => {
            format!("a `{measure}` measure takes no `{key}`")
        }
        ShapeProblem::FilterLabelWithoutFilter => {
            "`filter_label` describes a `filter`: give the filter or remove the label".into()
        }
        ShapeProblem::FormulaTakesNo { key } => format!(
            "a `formula` measure takes no `{key}`: it reads the indicators its formula names"
        ),
        ShapeProblem::RatioSelectionOutsideSides => "a `ratio` measure gives `dataset`, `date` and `filter` in its numerator and denominator".into(),
        ShapeProblem::CountWithColumn => {
            "`aggregate = \"count\"` counts rows: remove `column`".into()
        }
        ShapeProblem::AggregateNeedsColumn => "this aggregate needs `column`".into(),
        ShapeProblem::StageNeedsDate => {
            "a `stage` measure needs `date`: a stage is the one of the latest row".into()
        }
        ShapeProblem::StageScaleWithoutPer => {
            "`scale` makes a share of units: it needs `per` (the unit column)".into()
        }
        ShapeProblem::StageMilestonesPerUnit => "`stage_milestones` judge one stage overall; per unit, give the indicator's `milestones` (numbers of units)".into(),
        ShapeProblem::LatestNeedsDate => "a `latest` measure needs `date`".into(),
        ShapeProblem::AtEndForm => "`at_end` takes either `from` (and `to`) or `unit`".into(),
        ShapeProblem::NotACalendarDate { given } => format!("{given} is not a calendar date"),
        ShapeProblem::NotADate { given } => {
            format!("expected a date like 2025-10-31, found `{given}`")
        }
    }
}

/// A misspelt value, key or measure type, the words allowed, the closest.
fn unknown_word(
    word: UnknownWord,
    given: &str,
    expected: &[String],
    closest: &Option<String>,
) -> String {
    let allowed = expected
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let what = match word {
        UnknownWord::Value => format!("`{given}` is not one of the values allowed here: {allowed}"),
        UnknownWord::Key if expected.is_empty() => {
            format!("unknown key `{given}`: this table takes no key")
        }
        UnknownWord::Key => format!("unknown key `{given}`; keys allowed here: {allowed}"),
        UnknownWord::MeasureType => {
            format!("unknown measure type `{given}`; types: {allowed}")
        }
    };
    what + &suggestion(closest)
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
        IndicatorProblem::DateComparedWithText { filter, fixed } => format!(
            "filter `{filter}` compares a date with text: write a date as DATE '2025-07-01'{}",
            fixed
                .as_ref()
                .map(|f| format!(" (`{f}`)"))
                .unwrap_or_default()
        ),
        IndicatorProblem::BooleanComparedWithText { filter, column } => format!(
            "filter `{filter}` compares the yes/no column `{column}` with text: compare it with true or false (`{column} = true`), or write it alone (`{column}`, `NOT {column}`)"
        ),
        IndicatorProblem::MembersNotDataset { dataset } => {
            format!("members: `{dataset}` is not a dataset")
        }
        IndicatorProblem::MembersVia {
            via,
            dataset,
            groups,
        } => format!("members: `{via}` must be a column of `{dataset}` that references `{groups}`"),
        IndicatorProblem::PlannedDateNotDate { column, kind } => {
            format!("planned_date: `{column}` is {}, not a date", kind.as_str())
        }
        IndicatorProblem::StatusNotEnum { column, kind } => format!(
            "status: `{column}` is {}, not an enum (its values say which rows are planned, held, postponed or cancelled)",
            kind.as_str()
        ),
        IndicatorProblem::StatusValueUnknown {
            column,
            value,
            values,
        } => format!("status: `{value}` is not a value of `{column}` (its values: {values})"),
        IndicatorProblem::StatusValueMapping {
            column,
            value,
            statuses,
        } if statuses.is_empty() => format!(
            "status: the value `{value}` of `{column}` is listed under no status: list it under one of planned, held, postponed, cancelled"
        ),
        IndicatorProblem::StatusValueMapping {
            column,
            value,
            statuses,
        } => format!(
            "status: the value `{value}` of `{column}` is listed under several statuses ({statuses}): list it under one"
        ),
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
        IndicatorProblem::BreakdownDenominator { by, problem } => format!(
            "breakdown `{by}`, in the denominator: {}; give the denominator's column with `denominator_column`, or keep the denominator whole with `split = \"numerator\"`",
            indicator_problem(problem)
        ),
        IndicatorProblem::SplitWithoutNumerator { by, measure } => format!(
            "breakdown `{by}` has `split = \"numerator\"`, but a {} has no numerator: only a `share` or a `ratio` has one",
            measure_type(*measure)
        ),
        IndicatorProblem::DenominatorColumnNotRatio { by } => format!(
            "breakdown `{by}` gives `denominator_column`, which only serves a `ratio` whose denominator reads another dataset; elsewhere `column` holds for every row"
        ),
        IndicatorProblem::DenominatorColumnUnsplit { by } => format!(
            "breakdown `{by}` splits the numerator only (`split = \"numerator\"`): the denominator stays whole, remove `denominator_column`"
        ),
        IndicatorProblem::WeightUnchecked { column, dataset } => format!(
            "weight `{column}` (rows of `{dataset}`) must be a column that refuses an empty or negative weight: declare it in datasets.toml without `required = false` and with `min = 0`"
        ),
        IndicatorProblem::MilestoneAboveCeiling {
            date,
            value,
            target,
        } => format!(
            "the milestone of {date} ({}) is above the ceiling ({}): with `direction = \"ceiling\"` every milestone must be at or under the target",
            format_number(*value),
            format_number(*target)
        ),
        IndicatorProblem::TargetBelowBaseline { baseline, target } => format!(
            "the target ({}) is below the baseline ({}) though more is better (a floor, the default): write `direction = \"ceiling\"` if the level must go down",
            format_number(*target),
            format_number(*baseline)
        ),
        IndicatorProblem::BaselineDateAfterEnd { date, end } => format!(
            "`baseline_date` ({date}) is after the programme's end ({end}): a baseline is measured before or during the programme"
        ),
        IndicatorProblem::StockOnLevel => "`stock = true` is for a total only (the baseline plus what was counted since): a level holds at any time, remove `stock`".into(),
        IndicatorProblem::StockWithoutBaseline { from_default } => format!(
            "{} needs a `baseline`: the value is the baseline plus what was counted since; give the baseline, or write `stock = false`",
            if *from_default { "`stock = true` of [indicator_defaults]" } else { "`stock = true`" }
        ),
        IndicatorProblem::FromBaselineWithoutBaseline { from_default } => format!(
            "{} needs a `baseline`: achievement is (value − baseline) / (target − baseline); give the baseline, or write `achievement = \"of_target\"`",
            if *from_default { "`achievement = \"from_baseline\"` of [indicator_defaults]" } else { "`achievement = \"from_baseline\"`" }
        ),
        IndicatorProblem::FromBaselineTargetIsBaseline { value, from_default } => format!(
            "{} needs a target other than the baseline (both are {}): (value − baseline) / (target − baseline) would divide by zero; write `achievement = \"of_target\"`",
            if *from_default { "`achievement = \"from_baseline\"` of [indicator_defaults]" } else { "`achievement = \"from_baseline\"`" },
            format_number(*value)
        ),
        IndicatorProblem::MilestonesSameDay { date } => format!("two milestones on {date}"),
        IndicatorProblem::StageNotEnum { column, kind } => format!(
            "the stages are the values of an enum column, in order: `{column}` is {}",
            kind.as_str()
        ),
        IndicatorProblem::UnknownStage {
            stage,
            column,
            stages,
        } => format!("`{stage}` is not a stage of `{column}` (stages, in order: {stages})"),
        IndicatorProblem::StageTargetNotRank { stage, rank } => format!(
            "the `target` of one stage overall is the rank of its target stage `{stage}`: write `target = {rank}`"
        ),
        IndicatorProblem::StageNumericMilestones => {
            "one stage overall is judged by stages: give `stage_milestones` in the measure              (`{ date = 2025-06-30, stage = \"adopted\" }`), not `milestones`"
                .into()
        }
        IndicatorProblem::FormulaSyntax { formula, at, found } => match found {
            Some(found) => format!("formula `{formula}`: unexpected `{found}` at character {at}"),
            None => format!(
                "formula `{formula}`: it ends too early (character {at}); a number, a code or a `)` is missing"
            ),
        },
        IndicatorProblem::FormulaWithoutIndicator { formula } => {
            format!("formula `{formula}` names no indicator")
        }
        IndicatorProblem::FormulaUnknownIndicator { code, closest } => format!(
            "the formula names `{code}`, which is not an indicator of the programme{}",
            suggestion(closest)
        ),
        IndicatorProblem::FormulaCycle { path } => {
            format!("formulas that lead back to their own indicator: {path}")
        }
        IndicatorProblem::FormulaBreakdown { by, part } => format!(
            "breakdown `{by}`: the formula's part `{part}` has no breakdown `{by}`; add it to `{part}` or remove it here"
        ),
        IndicatorProblem::Window(p) => format!("`window`: {}", window_problem(p)),
        IndicatorProblem::CountsNew(p) => match p {
            CountsNewProblem::Undated => "`counts = \"new\"` needs dated rows (a `date`): \
                                          nothing else says when a value first appeared"
                .into(),
            CountsNewProblem::AtEnd => "`counts = \"new\"` does not go with a window at the \
                                        period's end: a stock has no new values"
                .into(),
        },
        IndicatorProblem::Targets(p) => target_problem(p),
        IndicatorProblem::Finance(p) => match p {
            FinanceProblem::UsedUpPct { pct } => format!(
                "`used_up_pct = {pct}` is not a share of a line's budget: write a percentage from 1 to 1000"
            ),
            FinanceProblem::IndirectCap { cap } => format!(
                "`cap_pct = {cap}` is not a share of the direct costs: write a percentage above 0 and up to 100"
            ),
            FinanceProblem::SelectsNothing => {
                "name the rows: `actions = [...]`, `lines = [...]` or `natures = [...]`".into()
            }
            FinanceProblem::NeedsColumn { key } => format!(
                "this needs the expenses' `{key}` column: declare it in `[finance] expenses`"
            ),
            FinanceProblem::VariancePct { pct } => format!(
                "`variance_pct = {pct}` is not a share of a line's budget: write a percentage above 0 and up to 1000"
            ),
            FinanceProblem::StatusesMissing => "the expenses' status column needs `[finance.statuses]`: \
                 list the values meaning `paid`, `committed` and `planned`"
                .into(),
            FinanceProblem::StatusTwice { value } => {
                format!("\"{value}\" is listed under two statuses: give it one")
            }
            FinanceProblem::StatusUnknown { value, values } => format!(
                "\"{value}\" is not a value of the status column (its values: {})",
                values.join(", ")
            ),
            FinanceProblem::StatusNotEnum { kind } => format!(
                "the expenses' status column is {}: declare it an enum (`type = \"enum\"`, `values = [...]`) so that every status has a meaning",
                kind.as_str()
            ),
            FinanceProblem::StatusUnmapped { value } => format!(
                "the status value \"{value}\" is under none of `paid`, `committed` and `planned`: list it under one"
            ),
            FinanceProblem::IneligibleMissing => "the expenses' eligibility column needs `ineligible = [...]`: \
                 the values that make an expense ineligible"
                .into(),
            FinanceProblem::ExchangeRate { rate } => format!(
                "`rate = {rate}` is not an exchange rate: write how many units of the programme's currency one unit of `currency` is worth (above 0)"
            ),
            FinanceProblem::FunderAmount { funder } => format!(
                "funder {funder}: `planned` and `grant` are amounts, 0 or more"
            ),
            FinanceProblem::UnknownFunder { funder, funders } => format!(
                "the payment request names \"{funder}\", which `[[programme.funders]]` does not declare (declared: {})",
                funders.join(", ")
            ),
            FinanceProblem::PaymentRequestAmount { amount } => format!(
                "the payment request asks for {amount}: write the amount of the instalment (above 0)"
            ),
        },
    }
}

/// The problems of `period_targets` and of a breakdown's `targets`.
fn target_problem(p: &crate::targets::TargetProblem) -> String {
    use crate::targets::TargetProblem;
    match p {
        TargetProblem::Unreadable { period, problem } => format!(
            "`period_targets`: period `{period}`: {}",
            period_problem(*problem)
        ),
        TargetProblem::OutsideProgramme { period } => format!(
            "`period_targets`: period `{period}` lies outside the programme's dates (`start` to `end` of programme.toml)"
        ),
        TargetProblem::Duplicate { period } => {
            format!("`period_targets`: period `{period}` is given twice")
        }
        TargetProblem::Overlap { first, second } => format!(
            "`period_targets`: periods `{first}` and `{second}` overlap: a period target is for one period's own value, so the periods must not share days"
        ),
        TargetProblem::NotANumber { of } => {
            format!("the target of `{of}` must be a number (at most 10^15 in absolute value)")
        }
        TargetProblem::UnknownCategory {
            by,
            category,
            closest,
            values,
        } => format!(
            "breakdown `{by}`: `targets` names `{category}`, which is not one of its values{} (values: {values})",
            suggestion(closest)
        ),
        TargetProblem::OnComposite { by } => format!(
            "breakdown `{by}`: a formula takes its categories from its parts, so it cannot have `targets` per category; give them to the parts"
        ),
    }
}

fn window_problem(p: &WindowProblem) -> String {
    match p {
        WindowProblem::Column { key, problem } => {
            format!("`{key}`: {}", indicator_problem(problem))
        }
        WindowProblem::ColumnType {
            key,
            column,
            dataset,
            kind,
        } => format!(
            "`{key}`: column `{column}` of `{dataset}` is {}, not {}",
            kind.as_str(),
            match *key {
                "latest_round" => "a number or a date",
                _ => "a date",
            }
        ),
        WindowProblem::NeedsDate { window, dataset } => {
            format!("`{window}` needs dated rows: give the measure a `date` column of `{dataset}`")
        }
        WindowProblem::DatedTwice { date } => format!(
            "`at_end` with `from` dates the rows itself: remove the measure's `date` (`{date}`)"
        ),
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
        MeasureType::Stage => "stage",
        MeasureType::Formula => "formula over other indicators",
    }
}

/// The risk register's and the assumptions' problems.
fn risk_problem(p: &crate::error::RiskProblem) -> String {
    use crate::error::RiskProblem;
    match p {
        RiskProblem::Column(problem) => indicator_problem(problem),
        RiskProblem::ColumnType {
            column,
            kind,
            needs,
        } => format!(
            "column `{column}` is {}; this key needs {} column{}",
            kind.as_str(),
            match needs {
                crate::schema::ColumnType::Enum => "an enum",
                _ => "a date",
            },
            match needs {
                crate::schema::ColumnType::Enum =>
                    " (`type = \"enum\"`, its `values` from the lowest to the highest)",
                _ => "",
            }
        ),
        RiskProblem::StatusUnknown { value, values } => format!(
            "\"{value}\" is not a value of the status column (its values: {})",
            values.join(", ")
        ),
        RiskProblem::StatusTwice { value } => {
            format!("\"{value}\" is listed under two statuses: give it one")
        }
        RiskProblem::StatusUnmapped { value } => format!(
            "the status value \"{value}\" is under none of `open`, `mitigated`, `closed` and `occurred`: list it under one"
        ),
        RiskProblem::High { high, max } => format!(
            "`high = {high}` is not a level of the register: a level is the likelihood's rank times the impact's, from 1 to {max}"
        ),
        RiskProblem::AssumptionLanguage { lang, declared } => format!(
            "`{lang}` is not a language of the programme (its languages: {})",
            declared.join(", ")
        ),
        RiskProblem::ResultValue { value, results } => format!(
            "\"{value}\" is not a result of the chain (its results: {})",
            results.join(", ")
        ),
        RiskProblem::AssumptionEmpty => "an assumption is empty: write it, or remove it".into(),
    }
}

/// `[iati]`'s problems: what the codelist or the IATI rule expects.
fn iati_problem(p: &crate::programme::iati::IatiProblem) -> String {
    use crate::programme::iati::{CodeFormat, IatiList, IatiProblem};
    let list = |l: &IatiList| l.key();
    match p {
        IatiProblem::BadCode {
            list: l,
            vocabulary,
            code,
            expected,
        } => {
            let form = match expected {
                CodeFormat::CountryCode => {
                    "an ISO 3166-1 country code, two capital letters (`SN`)".to_owned()
                }
                CodeFormat::Digits(n) => format!("{n} digits"),
                CodeFormat::UpToDigits(n) => format!("one to {n} digits"),
                CodeFormat::NoSpaces => "a code without spaces".to_owned(),
            };
            let vocabulary = vocabulary
                .as_deref()
                .map(|v| format!(" of vocabulary {v}"))
                .unwrap_or_default();
            format!("{} code `{code}`{vocabulary} must be {form}", list(l))
        }
        IatiProblem::BadVocabulary {
            list: l,
            vocabulary,
        } => format!(
            "{} vocabulary `{vocabulary}` must be the number of an IATI vocabulary (`1`: OECD DAC)",
            list(l)
        ),
        IatiProblem::PercentageOutOfRange {
            list: l,
            percentage,
        } => format!(
            "{} percentage {percentage} must be between 0 and 100",
            list(l)
        ),
        IatiProblem::PercentageMissing { list: l, code } => format!(
            "{} `{code}` has no percentage: with several, each states its share",
            list(l)
        ),
        IatiProblem::PercentagesNotWhole { lists, sum } => format!(
            "the percentages of {} add up to {sum}, not 100",
            lists.iter().map(list).collect::<Vec<_>>().join(" and ")
        ),
    }
}

/// What is wrong with a `[[report.people]]` entry.
fn people_problem(p: &crate::error::PeopleProblem) -> String {
    use crate::error::PeopleProblem as P;
    match p {
        P::Column(problem) => indicator_problem(problem),
        P::NoSex => {
            "give `sex` (a column of the rows) or `counts` (columns of counts per sex)".into()
        }
        P::SexNotEnum { column, kind } => format!(
            "`{column}` is {}: the sex column must be an `enum` (`values = [...]`) so that each value is classed",
            kind.as_str()
        ),
        P::SexValueUnknown { value, values } => {
            format!("`{value}` is not a value of the column ({values})")
        }
        P::SexValueTwice { value } => format!("`{value}` is listed twice"),
        P::SexValueUnclassed { value, column } => format!(
            "value `{value}` of `{column}` is in none of `women`, `men` and `other`: class every value (an empty cell is unknown)"
        ),
        P::NotInteger { column, kind } => {
            format!("`{column}` is {}, not an integer", kind.as_str())
        }
        P::AgeWithoutBands => {
            "`age` needs `age_bands` (the edges of the bands, e.g. [15, 25, 35, 60])".into()
        }
        P::BandsWithoutAge => "`age_bands` needs `age` (the age column)".into(),
        P::BandsNotIncreasing { bands } => format!("the edges {bands:?} must increase"),
        P::CountsWith { key } => {
            format!("`counts` (a row holds counts) takes no `{key}` (a row is one person)")
        }
        P::CountsEmpty => "`counts` names no column (`women`, `men`, `other`, `unknown`)".into(),
        P::ViaNotReference { via, dataset } => format!(
            "`{via}` must be a column of `{dataset}` that references a dataset with a `key`"
        ),
    }
}
