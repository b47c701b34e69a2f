//! The red flags the summary gathers under "points of attention", each
//! pointing to the section that reports it at length: the totals below the
//! milestone due by the period's end (with the milestone, its date and the
//! value), the indicators off track or at risk (their section), the
//! financial flags (the finance chapter; the flags themselves are the
//! statement's, [`cadre::finance::FinanceFlags`], never recomputed here) and
//! the reporting units that sent nothing in the period (the data-quality
//! annex; the sentence is the annex's own) and the activities not held by
//! the period's end (their result's section, which justifies them; the
//! deviations are the workplan's, [`super::workplan`]).
//!
//! Nothing here is computed twice: the milestones are the table's (the one
//! due by the period's end, [`IndicatorValue::milestone`]), the silent units
//! the reporting annex's, the flags the statement's.

use std::collections::BTreeMap;

use cadre::indicator::Direction;
use cadre::indicator::Kind;
use cadre::table::IndicatorValue;
use cadre::{IndicatorTable, Lang, Programme};
use serde::Serialize;

use super::format::Formatter;
use crate::messages::report::{ReportText, ReportWord};

/// Where the report treats a point of attention at length: a section the
/// template labels `target` (a Typst label; the template links to it when
/// the section is printed) and names `name`, as its heading does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionRef {
    /// The section's label in the template (`cadre-result-A1`,
    /// `cadre-finance`, `cadre-reporting`).
    pub target: String,
    /// The section's heading: "A1 — Self-diagnoses", "Finance".
    pub name: String,
}

/// A total below the milestone due by the period's end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissedMilestone {
    /// The indicator's code.
    pub code: String,
    /// The milestone, formatted.
    pub milestone: String,
    /// The milestone's date, in words.
    pub date: String,
    /// The cumulative value at the period's end, formatted.
    pub value: String,
    /// All three in a sentence: "120 against its milestone of 150 due on
    /// 30 September 2025".
    pub text: String,
}

/// The units that sent nothing in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SilentUnits {
    /// Who, in the sentence of the data-quality annex.
    pub text: String,
    /// The annex's section on who reported.
    pub section: SectionRef,
}

/// An activity due by the period's end and not held by then.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverdueActivity {
    /// "Webinar X — planned for 20 November 2025, postponed to …".
    pub text: String,
    /// Its result's section, which justifies it.
    pub section: SectionRef,
}

/// The overdue activities, under their heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverdueActivities {
    /// "Overdue activities".
    pub heading: String,
    /// The activities, by result then due date.
    pub activities: Vec<OverdueActivity>,
}

/// The red flags of the summary, beside the indicators off track and at
/// risk that [`super::data::Summary`] lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedFlags {
    /// The totals below the milestone due by the period's end, in the
    /// table's order.
    pub missed_milestones: Vec<MissedMilestone>,
    /// The section of each indicator off track, at risk or below its
    /// milestone, by code: its result's section, or the finance chapter for
    /// a finance indicator.
    pub sections: BTreeMap<String, SectionRef>,
    /// The finance chapter, when the financial statement has red flags.
    pub finance: Option<SectionRef>,
    /// The units that sent nothing, when the programme declares reporting
    /// units and some sent nothing.
    pub silent: Option<SilentUnits>,
    /// The activities not held by the period's end, when a workplan has
    /// any (absent from the data otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<OverdueActivities>,
    /// The high, open risks whose level rose, when the programme keeps a
    /// risk register and some did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risks: Option<super::risks::RisingRisks>,
}

/// The label of a result's section in the template.
pub fn result_target(code: &str) -> String {
    format!("cadre-result-{code}")
}

/// The label of the finance chapter in the template.
pub const FINANCE_TARGET: &str = "cadre-finance";

/// The label of the data-quality annex's section on who reported.
pub const REPORTING_TARGET: &str = "cadre-reporting";

/// What [`red_flags`] reads besides the table.
pub struct Sources<'a> {
    /// Whether the financial statement has red flags.
    pub finance_flags: bool,
    /// The annex's sentence naming the units that sent nothing (empty
    /// when all sent rows), when the programme declares reporting units.
    pub silent: Option<&'a str>,
    /// The activities not held by the period's end
    /// ([`super::workplan::overdue`]).
    pub overdue: Vec<OverdueActivity>,
    /// The risks whose level rose ([`super::risks::rising`]).
    pub risks: Option<super::risks::RisingRisks>,
}

/// The red flags of `table`.
pub fn red_flags(
    programme: &Programme,
    table: &IndicatorTable,
    sources: Sources<'_>,
    lang: Lang,
) -> RedFlags {
    let f = Formatter::new(lang);
    let missed_milestones: Vec<MissedMilestone> = table
        .indicators
        .iter()
        .filter_map(|iv| missed_milestone(iv, &f, lang))
        .collect();
    let finance = || SectionRef {
        target: FINANCE_TARGET.to_owned(),
        name: ReportWord::Finance.text(lang).to_owned(),
    };
    let sections = table
        .indicators
        .iter()
        .filter(|iv| {
            matches!(
                iv.status,
                cadre::table::Status::OffTrack | cadre::table::Status::AtRisk
            ) || missed_milestones.iter().any(|m| m.code == iv.code)
        })
        .filter_map(|iv| {
            let section = if programme.report.finance.contains(&iv.code) {
                finance()
            } else {
                let result = programme.result(&iv.result)?;
                SectionRef {
                    target: result_target(&result.code),
                    name: format!("{} — {}", result.code, result.label.get(lang)),
                }
            };
            Some((iv.code.clone(), section))
        })
        .collect();
    RedFlags {
        missed_milestones,
        sections,
        finance: sources.finance_flags.then(finance),
        silent: sources
            .silent
            .filter(|s| !s.is_empty())
            .map(|text| SilentUnits {
                text: text.to_owned(),
                section: SectionRef {
                    target: REPORTING_TARGET.to_owned(),
                    name: ReportWord::Reporting.text(lang).to_owned(),
                },
            }),
        overdue: (!sources.overdue.is_empty()).then(|| OverdueActivities {
            heading: crate::messages::workplan::WorkplanText::OverdueHeading.render(lang),
            activities: sources.overdue,
        }),
        risks: sources.risks,
    }
}

/// `iv`'s milestone, when it is a total to reach whose cumulative value is
/// below the milestone due by the period's end. A level is judged by its
/// target, a ceiling by exceeding: neither misses a milestone.
fn missed_milestone(iv: &IndicatorValue, f: &Formatter, lang: Lang) -> Option<MissedMilestone> {
    if iv.kind != Kind::Total || iv.direction != Direction::Floor {
        return None;
    }
    let (m, v) = (iv.milestone?, iv.cumulative_value?);
    if cadre::status::at_least(v, m.value) {
        return None;
    }
    let unit = iv.unit.get(lang);
    let (milestone, date, value) = (f.value(m.value, unit), f.date(m.date), f.value(v, unit));
    let text = ReportText::MissedMilestone {
        value: &value,
        milestone: &milestone,
        date: &date,
    }
    .render(lang);
    Some(MissedMilestone {
        code: iv.code.clone(),
        milestone,
        date,
        value,
        text,
    })
}
