//! The logframe matrix of an annual or final report, as funders ask it
//! enclosed (the EU's final report): the results chain from the overall
//! objective down, each result with its indicators, their baseline, target,
//! value at the period's end, how they stand and their means of
//! verification. Values are the report's own (the same formatting as the
//! indicator tables), so the matrix and the chapters cannot disagree.

use cadre::{Lang, Programme};
use serde::Serialize;

use super::ReportKind;
use super::data::IndicatorData;
use crate::messages::report::ReportWord;

/// The matrix.
#[derive(Debug, Clone, Serialize)]
pub struct LogframeData {
    /// Its heading.
    pub heading: String,
    /// Every result of the chain, in the definitions' order.
    pub results: Vec<LogframeResult>,
}

/// A result and its indicators.
#[derive(Debug, Clone, Serialize)]
pub struct LogframeResult {
    /// Its code.
    pub code: String,
    /// Its level, in words: "Overall objective".
    pub level: String,
    /// Its label.
    pub label: String,
    /// How deep it is in the chain (0 for a result without a parent).
    pub depth: usize,
    /// Its indicators.
    pub indicators: Vec<LogframeIndicator>,
    /// The assumptions it rests on (`[[result]] assumptions`), printed
    /// under it.
    pub assumptions: Vec<String>,
}

/// An indicator in the matrix, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct LogframeIndicator {
    /// Its code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Its baseline.
    pub baseline: String,
    /// Its target.
    pub target: String,
    /// Its value at the period's end; none without one.
    pub value: Option<String>,
    /// How it stands: achievement, gap or margin, as its kind reads.
    pub standing: Option<String>,
    /// Its status, in words.
    pub status: String,
    /// Its means of verification.
    pub verification: String,
}

/// The matrix of a report of `kind`: annual and final reports carry it.
pub fn build(
    programme: &Programme,
    indicators: &[IndicatorData],
    kind: ReportKind,
    lang: Lang,
) -> Option<LogframeData> {
    if !matches!(kind, ReportKind::Annual | ReportKind::Final) {
        return None;
    }
    let depth = |code: &str| {
        let mut d = 0;
        let mut at = programme.result(code);
        while let Some(parent) = at.and_then(|r| r.parent.as_deref()) {
            d += 1;
            at = programme.result(parent);
            if d > programme.results.len() {
                break;
            }
        }
        d
    };
    let results = programme
        .results
        .iter()
        .map(|r| LogframeResult {
            code: r.code.clone(),
            level: level(&r.level, lang),
            label: r.label.get(lang).to_owned(),
            depth: depth(&r.code),
            assumptions: programme.assumptions(r, lang),
            indicators: indicators
                .iter()
                .filter(|i| i.result == r.code)
                .map(|i| LogframeIndicator {
                    code: i.code.clone(),
                    label: i.label.clone(),
                    baseline: i.baseline.clone(),
                    target: i.target.clone(),
                    value: i.cumulative_value.clone(),
                    standing: i.figure.text.clone(),
                    status: i.status_label.clone(),
                    verification: programme
                        .indicators
                        .iter()
                        .find(|d| d.code == i.code)
                        .map(|d| d.verification.get(lang).to_owned())
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    Some(LogframeData {
        heading: ReportWord::Logframe.text(lang).to_owned(),
        results,
    })
}

/// A result's level in words, as funders name them; another word as the
/// definitions write it.
fn level(level: &str, lang: Lang) -> String {
    let word = match level {
        "goal" | "impact" => ReportWord::LevelGoal,
        "outcome" => ReportWord::LevelOutcome,
        "output" => ReportWord::LevelOutput,
        "action" | "activity" => ReportWord::LevelAction,
        other => return other.to_owned(),
    };
    word.text(lang).to_owned()
}
