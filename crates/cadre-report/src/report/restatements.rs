//! The restatements section: values of an earlier report that today's data
//! gives differently ([`cadre::restate`]), written for the template.

use cadre::restate::{DatasetRows, Restatements};
use cadre::{Lang, Programme};
use serde::Serialize;

use super::format::Formatter;
use crate::messages::report::{ReportText, ReportWord};

/// The restatements section (present when the report was made with
/// `--previous`).
#[derive(Debug, Clone, Serialize)]
pub struct RestatementsData {
    /// The earlier period's label.
    pub period: String,
    /// The sentence that opens the section (how many values, or none).
    pub intro: String,
    /// Sentences on what changed since: definitions, data files (when the
    /// earlier table tells).
    pub notes: Vec<String>,
    /// Each restated value.
    pub rows: Vec<RestatedRow>,
}

/// One restated value: a total or a category of an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct RestatedRow {
    /// Indicator code.
    pub code: String,
    /// Indicator label.
    pub label: String,
    /// The breakdown and category (`Country: Senegal`), empty for a total.
    pub category: String,
    /// The period's value as reported, formatted (`none` when absent).
    pub reported: Option<String>,
    /// The period's value now, formatted.
    pub now: Option<String>,
    /// The cumulative value as reported, formatted.
    pub cumulative_reported: Option<String>,
    /// The cumulative value now, formatted.
    pub cumulative_now: Option<String>,
    /// The status change (`On track → At risk`), empty when unchanged.
    pub status: String,
    /// Why, as far as the data tells: the rows of each dataset read, now
    /// (and then, when known), one line per dataset.
    pub why: Vec<String>,
}

/// Writes the section in `lang`.
pub fn build(programme: &Programme, r: &Restatements, lang: Lang) -> RestatementsData {
    let f = Formatter::new(lang);
    let written = f.period(&r.period.label, r.period.start, r.period.end);
    let period = written.as_str();
    let intro = if r.is_empty() {
        ReportText::NoRestatement {
            period,
            compared: &f.count(r.compared),
            n: r.compared,
        }
        .render(lang)
    } else {
        ReportText::RestatementsIntro {
            period,
            count: &f.count(r.restated.len()),
            n: r.restated.len(),
        }
        .render(lang)
    };
    let mut notes = Vec::new();
    if r.definitions_changed == Some(true) {
        notes.push(ReportWord::DefinitionsChangedSince.text(lang).to_owned());
    }
    match r.inputs_changed {
        Some(true) => notes.push(ReportWord::DataChangedSince.text(lang).to_owned()),
        Some(false) => notes.push(ReportWord::DataSameSince.text(lang).to_owned()),
        None => {}
    }
    let rows = r
        .restated
        .iter()
        .map(|x| {
            let def = programme.indicator(&x.indicator).ok();
            let unit = def.map(|d| d.unit.get(lang)).unwrap_or_default();
            let value = |v: Option<f64>| v.map(|v| f.value(v, unit));
            let category = if x.breakdown.is_empty() {
                String::new()
            } else {
                let dimension = programme
                    .dimension(&x.breakdown)
                    .map(|d| d.label.get(lang).to_owned())
                    .filter(|l| !l.is_empty())
                    .unwrap_or_else(|| x.breakdown.clone());
                format!("{dimension}{}{}", ReportWord::Colon.text(lang), x.category)
            };
            let absent_then = |v: Option<String>| match x.was_reported {
                true => v,
                false => Some(ReportWord::NotReportedThen.text(lang).to_owned()),
            };
            let absent_now = |v: Option<String>| match x.is_reported {
                true => v,
                false => Some(ReportWord::NoLongerReported.text(lang).to_owned()),
            };
            let status = match (x.status_reported, x.status_now) {
                (Some(a), Some(b)) => format!("{} → {}", a.text(lang), b.text(lang)),
                _ => String::new(),
            };
            RestatedRow {
                code: x.indicator.clone(),
                label: def
                    .map(|d| d.label.get(lang).to_owned())
                    .unwrap_or_default(),
                category,
                // A row one table lacks reads so, not as an empty value.
                reported: absent_then(value(x.reported)),
                now: absent_now(value(x.now)),
                cumulative_reported: absent_then(value(x.cumulative_reported)),
                cumulative_now: absent_now(value(x.cumulative_now)),
                status,
                why: x.datasets.iter().map(|d| why(d, &f, lang)).collect(),
            }
        })
        .collect();
    RestatementsData {
        period: period.to_owned(),
        intro,
        notes,
        rows,
    }
}

fn why(d: &DatasetRows, f: &Formatter, lang: Lang) -> String {
    let n = |v: u64| f.count(v as usize);
    match (d.period_then, d.cumulative_then) {
        (Some(then), Some(cumulative_then)) => {
            let change = d.period_now as i64 - then as i64;
            let sign = if change >= 0 { "+" } else { "−" };
            ReportText::RowsNowAndThen {
                n: d.period_now,
                dataset: &d.dataset,
                period: &n(d.period_now),
                period_then: &n(then),
                period_change: &format!("{sign}{}", n(change.unsigned_abs())),
                cumulative: &n(d.cumulative_now),
                cumulative_then: &n(cumulative_then),
            }
            .render(lang)
        }
        _ => ReportText::RowsNow {
            n: d.period_now,
            dataset: &d.dataset,
            period: &n(d.period_now),
            cumulative: &n(d.cumulative_now),
        }
        .render(lang),
    }
}
