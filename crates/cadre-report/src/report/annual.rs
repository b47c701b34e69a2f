//! The year against its targets, in an annual report: for each indicator,
//! what the definitions said the year should reach and what it reached.
//! A year's target is either the year's own target (`period_targets`, the
//! value the year's own rows should give) or a milestone dated within the
//! year (a cumulative value due by a date). A milestone is judged on the
//! cumulative value at its own date, so "met on time" means what a funder
//! reads it to mean, and the value at the year's end says whether it was
//! caught up since.

use cadre::indicator::{Direction, IndicatorDef, Measure};
use cadre::{Engine, IndicatorTable, Lang, Period};
use chrono::NaiveDate;
use serde::Serialize;

use super::ReportError;
use super::format::Formatter;
use crate::messages::report::{ReportText, ReportWord};

/// The year's targets, one row per target.
#[derive(Debug, Clone, Serialize)]
pub struct YearTargetsData {
    /// The rows, in the table's indicator order, then by date.
    pub rows: Vec<YearTarget>,
    /// How many were met (on time, for milestones).
    pub met: usize,
}

/// One target of the year.
#[derive(Debug, Clone, Serialize)]
pub struct YearTarget {
    /// The indicator's code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// What the target is: "Year's target", "Milestone of 30 June 2025".
    pub what: String,
    /// The value expected.
    pub expected: String,
    /// The value reached: the year's own value for a year's target, the
    /// cumulative value at the milestone's date for a milestone.
    pub reached: String,
    /// For a milestone, the cumulative value at the year's end.
    pub at_year_end: Option<String>,
    /// Whether it was met (on time, for a milestone).
    pub met: bool,
    /// The same, in words.
    pub verdict: String,
}

/// A target before it is judged: the indicator, what was expected, by when
/// (none for the year's own target).
struct Due<'a> {
    def: &'a IndicatorDef,
    expected: f64,
    date: Option<NaiveDate>,
}

/// The targets of the year `table` covers, in an annual report; none when
/// the definitions give the year no target at all.
pub fn build(
    engine: &Engine,
    table: &IndicatorTable,
    lang: Lang,
) -> Result<Option<YearTargetsData>, ReportError> {
    let programme = engine.programme();
    let year = Period {
        label: table.period.label.clone(),
        start: table.period.start,
        end: table.period.end,
    };
    let mut dues = Vec::new();
    for iv in &table.indicators {
        let def = programme.indicator(&iv.code).map_err(ReportError::Input)?;
        if let Some(expected) = iv.period_target {
            dues.push(Due {
                def,
                expected,
                date: None,
            });
        }
        dues.extend(
            def.milestones
                .iter()
                .filter(|m| m.date >= year.start && m.date <= year.end)
                .map(|m| Due {
                    def,
                    expected: m.value,
                    date: Some(m.date),
                }),
        );
    }
    if dues.is_empty() {
        return Ok(None);
    }
    // One table per distinct date: the cumulative values at each
    // milestone's date, computed as the report's own table is.
    let mut at_date: std::collections::BTreeMap<NaiveDate, IndicatorTable> = Default::default();
    for date in dues.iter().filter_map(|d| d.date) {
        if let std::collections::btree_map::Entry::Vacant(slot) = at_date.entry(date) {
            let upto = Period {
                label: format!("{}..{date}", year.start),
                start: year.start,
                end: date,
            };
            slot.insert(engine.compute(&upto).map_err(ReportError::Input)?);
        }
    }
    let f = Formatter::new(lang);
    let rows: Vec<YearTarget> = dues
        .iter()
        .map(|due| judge(due, table, &at_date, programme, &f, lang))
        .collect();
    Ok(Some(YearTargetsData {
        met: rows.iter().filter(|r| r.met).count(),
        rows,
    }))
}

/// A target judged: the value reached against the value expected, in the
/// indicator's direction.
fn judge(
    due: &Due,
    year: &IndicatorTable,
    at_date: &std::collections::BTreeMap<NaiveDate, IndicatorTable>,
    programme: &cadre::Programme,
    f: &Formatter,
    lang: Lang,
) -> YearTarget {
    let code = &due.def.code;
    let value_in = |t: &IndicatorTable, cumulative: bool| {
        t.indicators.iter().find(|i| &i.code == code).and_then(|i| {
            if cumulative {
                i.cumulative_value
            } else {
                i.period_value
            }
        })
    };
    let unit = due.def.unit.get(lang);
    let ranks = match &due.def.measure {
        Measure::Stage(s) => s.rank_labels(programme),
        _ => Vec::new(),
    };
    let shown = |v: Option<f64>| match v {
        Some(v) => cadre::measure::rank_label(&ranks, v, lang)
            .map(str::to_owned)
            .unwrap_or_else(|| f.value(v, unit)),
        None => ReportWord::NoValue.text(lang).to_owned(),
    };
    let (reached, what, at_year_end) = match due.date {
        None => (
            value_in(year, false),
            ReportWord::YearTarget.text(lang).to_owned(),
            None,
        ),
        Some(date) => (
            at_date.get(&date).and_then(|t| value_in(t, true)),
            ReportText::MilestoneOf {
                date: &f.date(date),
            }
            .render(lang),
            Some(shown(value_in(year, true))),
        ),
    };
    let met = reached.is_some_and(|v| match due.def.direction {
        Direction::Floor => v >= due.expected,
        Direction::Ceiling => v <= due.expected,
    });
    YearTarget {
        code: code.clone(),
        label: due.def.label.get(lang).to_owned(),
        what,
        expected: shown(Some(due.expected)),
        reached: shown(reached),
        at_year_end,
        met,
        verdict: if met {
            ReportWord::TargetMet
        } else {
            ReportWord::TargetNotMet
        }
        .text(lang)
        .to_owned(),
    }
}
