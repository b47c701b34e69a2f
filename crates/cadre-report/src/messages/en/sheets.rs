//! The words and sentences of the indicator reference sheets.

use crate::messages::sheets::{SheetText, SheetWord};

/// The singular for 1 only (English rule).
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

pub(in crate::messages) fn word(w: SheetWord) -> &'static str {
    match w {
        SheetWord::Title => "Indicator reference sheets",
        SheetWord::Intro => {
            "One sheet per indicator: what it measures, where its data comes from, how it is computed, its targets and its values so far, as the programme's definitions and data give them."
        }
        SheetWord::Issued => "Issued",
        SheetWord::Result => "Result measured",
        SheetWord::Level => "Level",
        SheetWord::Kind => "Kind",
        SheetWord::Definition => "Definition",
        SheetWord::Unit => "Unit",
        SheetWord::Direction => "Direction",
        SheetWord::Disaggregations => "Disaggregations",
        SheetWord::NoDisaggregation => "none",
        SheetWord::DataSource => "Data source",
        SheetWord::Verification => "Means of verification",
        SheetWord::Method => "Method of computation",
        SheetWord::AsComputed => "as computed",
        SheetWord::Frequency => "Reporting frequency",
        SheetWord::Baseline => "Baseline",
        SheetWord::Targets => "Milestones and target",
        SheetWord::Date => "Date",
        SheetWord::Value => "Value",
        SheetWord::Milestone => "milestone",
        SheetWord::EndTarget => "end-of-programme target",
        SheetWord::EndCeiling => "end-of-programme ceiling",
        SheetWord::PeriodTarget => "target for the period",
        SheetWord::CategoryTarget => "category target",
        SheetWord::ValuesSoFar => "Values so far",
        SheetWord::Quarter => "Quarter",
        SheetWord::PeriodValue => "Quarter's value",
        SheetWord::CumulativeValue => "Value compared with the target",
        SheetWord::Status => "Status",
        SheetWord::NoQuarter => "no quarter has ended",
        SheetWord::Quality => "Data quality",
        SheetWord::NoQualityIssue => "no rejected row nor anomaly in the indicator's data",
        SheetWord::NoValue => "—",
        SheetWord::MoreIsBetter => "more is better",
        SheetWord::LessIsBetter => "less is better",
        SheetWord::LevelImpact => "impact",
        SheetWord::LevelOutcome => "outcome",
        SheetWord::LevelOutput => "output",
    }
}

pub(in crate::messages) fn text(t: &SheetText) -> String {
    match t {
        SheetText::Frequency { n, first, last } => format!(
            "quarterly (calendar quarters): {n} {} ended, from {first} to {last}",
            plural(*n, "quarter", "quarters"),
        ),
        SheetText::Rejected { dataset, n, count } => format!(
            "{dataset}: {count} {} at reading, left out of every value",
            plural(*n, "row rejected", "rows rejected"),
        ),
        SheetText::Anomaly {
            dataset,
            column,
            what,
            count,
        } => {
            if column.is_empty() {
                format!("{dataset}: {what}, {count} rows")
            } else {
                format!("{dataset}, {column}: {what}, {count} rows")
            }
        }
        SheetText::UpTo { period } => format!("Values up to the end of the period {period}"),
    }
}
