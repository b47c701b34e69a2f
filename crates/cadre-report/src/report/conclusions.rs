//! The conclusions of a final report, result by result: how many of each
//! result's indicators reached their target at the programme's end, and
//! which did not, with their status. The officer's own conclusions are the
//! result's narrative, printed in its section; this is the part the data
//! states, so the chapter cannot claim more than the table shows.

use cadre::table::Status;
use cadre::{IndicatorTable, Lang, Programme};
use serde::Serialize;

use super::ReportKind;
use crate::messages::report::ReportText;

/// A result's conclusion.
#[derive(Debug, Clone, Serialize)]
pub struct ResultConclusion {
    /// Its code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// The sentence: "2 of its 3 indicators achieved their target."
    pub sentence: String,
    /// Its indicators that did not reach their target: code, label and
    /// status in words.
    pub short: Vec<ShortIndicator>,
}

/// An indicator short of its target at the end.
#[derive(Debug, Clone, Serialize)]
pub struct ShortIndicator {
    /// Its code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Where it ended against its target: "8 against a target of 10". Not
    /// its status, which at the end can still read "on track" when no
    /// milestone falls due on the last day.
    pub reached: String,
}

/// The conclusions of a report of `kind`: a final report has them, for
/// every result with indicators, in the definitions' order.
pub fn build(
    programme: &Programme,
    table: &IndicatorTable,
    kind: ReportKind,
    lang: Lang,
) -> Option<Vec<ResultConclusion>> {
    if kind != ReportKind::Final {
        return None;
    }
    let f = super::format::Formatter::new(lang);
    let out: Vec<ResultConclusion> = programme
        .results
        .iter()
        .filter_map(|r| {
            let own: Vec<&cadre::IndicatorValue> = table
                .indicators
                .iter()
                .filter(|i| i.result == r.code)
                .collect();
            if own.is_empty() {
                return None;
            }
            let achieved = own.iter().filter(|i| i.status == Status::Achieved).count();
            Some(ResultConclusion {
                code: r.code.clone(),
                label: r.label.get(lang).to_owned(),
                sentence: ReportText::ResultAchieved {
                    achieved,
                    of: own.len(),
                }
                .render(lang),
                short: own
                    .iter()
                    .filter(|i| i.status != Status::Achieved)
                    .map(|i| ShortIndicator {
                        code: i.code.clone(),
                        label: i.label.get(lang).to_owned(),
                        reached: reached(i, &f, lang),
                    })
                    .collect(),
            })
        })
        .collect();
    Some(out)
}

/// Where an indicator ended against its target, in words; its status when
/// it has no target or no value.
fn reached(i: &cadre::IndicatorValue, f: &super::format::Formatter, lang: Lang) -> String {
    let unit = i.unit.get(lang);
    match (i.cumulative_value, i.target) {
        (Some(value), Some(target)) => ReportText::ReachedAgainst {
            value: &f.value(value, unit),
            target: &f.value(target, unit),
            ceiling: i.direction == cadre::indicator::Direction::Ceiling,
        }
        .render(lang),
        _ => i.status.text(lang).to_owned(),
    }
}
