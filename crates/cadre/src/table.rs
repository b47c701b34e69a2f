//! The indicator table: what `compute` produces, and its csv form (the
//! contract's section 4).

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::indicator::{Direction, Kind, Level, Milestone};
use crate::period::Period;
use crate::text::Localized;

/// Where an indicator stands against its milestone and target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The target is met.
    Achieved,
    /// At or above the milestone due (or started, when none is due).
    OnTrack,
    /// Close: within 75 % of the milestone (total), within 10 % of the target (level).
    AtRisk,
    /// Further off.
    OffTrack,
    /// Nothing yet, and no milestone due.
    NotStarted,
    /// Not judged: no target, and no milestone due (a total) or none at all
    /// (a level).
    NoTarget,
    /// No value to judge (a mean or share with nothing to compute from).
    NoData,
}

impl Status {
    /// The word of the contract (`on_track`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::NotStarted => "not_started",
            Status::NoTarget => "no_target",
            Status::NoData => "no_data",
        }
    }

    /// Every status, in report order.
    pub const ALL: [Status; 7] = [
        Status::Achieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::NotStarted,
        Status::NoTarget,
        Status::NoData,
    ];

    /// Reads a contract word.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s.trim())
    }
}

/// The two figures a share or a ratio combines, over one window: the value
/// is `numerator / denominator × scale`. Readers show them beside the value
/// (spent and budget beside a spending rate), so they travel with it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RatioParts {
    /// The numerator's figure (count, sum, …); empty when its aggregate has
    /// no value over the window.
    pub numerator: Option<f64>,
    /// The denominator's figure.
    pub denominator: Option<f64>,
}

/// One category of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// The category as the table writes it (`F`, `Sénégal`, `sans site`).
    pub category: String,
    /// True for the category of rows with no value (labelled by the dimension).
    pub empty: bool,
    /// How reports print the category, per language, when the definitions
    /// label it (enum values); empty otherwise.
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub label: Localized,
    /// Value over the period's rows of this category.
    pub period_value: Option<f64>,
    /// Value over all rows up to the period's end, of this category.
    pub cumulative_value: Option<f64>,
    /// For a share or ratio: the figures behind `period_value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_parts: Option<RatioParts>,
    /// For a share or ratio: the figures behind `cumulative_value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cumulative_parts: Option<RatioParts>,
    /// The category's target (`targets` of its breakdown), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Cumulative value / the category's target × 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement_pct: Option<f64>,
    /// The category's status against its target, judged as its indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

/// An indicator's values per category of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// The dimension (`pays`).
    pub by: String,
    /// Its label, per language.
    pub label: Localized,
    /// The label of the empty category, per language.
    pub empty_label: Localized,
    /// Categories present in the cumulative window, in display order.
    pub categories: Vec<Category>,
}

/// One indicator computed for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// Code (`A3.2`).
    pub code: String,
    /// The result it measures (`A3`).
    pub result: String,
    /// Level in the results chain.
    pub level: Level,
    /// Total or level.
    pub kind: Kind,
    /// Floor or ceiling target.
    pub direction: Direction,
    /// The measure's type (`count`, `share`, …).
    pub measure: String,
    /// Label, per language.
    pub label: Localized,
    /// Unit, per language.
    pub unit: Localized,
    /// Value over the rows dated in the period.
    pub period_value: Option<f64>,
    /// Value over the rows dated on or before the period's end.
    pub cumulative_value: Option<f64>,
    /// For a share or ratio: the figures behind `period_value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_parts: Option<RatioParts>,
    /// For a share or ratio: the figures behind `cumulative_value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cumulative_parts: Option<RatioParts>,
    /// For a stock (`stock = true`): what was counted up to the period's
    /// end; the cumulative value is the baseline plus it. None otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock_counted: Option<f64>,
    /// Baseline, when the definitions give one.
    pub baseline: Option<f64>,
    /// The milestone due by the period's end, if any.
    pub milestone: Option<Milestone>,
    /// End-of-programme target, when there is one.
    pub target: Option<f64>,
    /// Cumulative value / target × 100, or (value − baseline) / (target −
    /// baseline) × 100 with `achievement = "from_baseline"`; none without a
    /// target.
    pub achievement_pct: Option<f64>,
    /// Status at the period's end.
    pub status: Status,
    /// Breakdowns, as defined.
    pub breakdowns: Vec<Breakdown>,
    /// The target of the period's own value, when the period is one the
    /// definitions give a target for (`period_targets`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_target: Option<f64>,
    /// Period value / period target × 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_achievement_pct: Option<f64>,
}

/// Every indicator of a programme for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorTable {
    /// The programme code.
    pub programme: String,
    /// The period.
    pub period: TablePeriod,
    /// The indicators, in reporting order.
    pub indicators: Vec<IndicatorValue>,
    /// The programme declares a period target somewhere: the flat table
    /// then has the [`PERIOD_TARGET_COLUMNS`] (absent otherwise, so that a
    /// programme without any keeps the contract's columns exactly).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub period_targets: bool,
}

/// The period of a table (serialisable form of [`Period`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TablePeriod {
    /// As written (`2025-Q4`).
    pub label: String,
    /// First day (ISO).
    pub start: chrono::NaiveDate,
    /// Last day (ISO).
    pub end: chrono::NaiveDate,
}

impl From<&Period> for TablePeriod {
    fn from(p: &Period) -> Self {
        TablePeriod {
            label: p.label.clone(),
            start: p.start,
            end: p.end,
        }
    }
}

/// The csv columns of the contract, in order.
pub const CSV_HEADER: [&str; 9] = [
    "indicator",
    "breakdown",
    "category",
    "period_value",
    "cumulative_value",
    "milestone",
    "target",
    "achievement_pct",
    "status",
];

/// The columns the csv adds after [`CSV_HEADER`] when the programme
/// declares period targets.
pub const PERIOD_TARGET_COLUMNS: [&str; 2] = ["period_target", "period_achievement_pct"];

/// One line of the flat table: a total or a breakdown category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlatRow {
    /// Indicator code.
    pub indicator: String,
    /// Dimension, empty on a total row.
    pub breakdown: String,
    /// Category, empty on a total row.
    pub category: String,
    /// Period value.
    pub period_value: Option<f64>,
    /// Cumulative value.
    pub cumulative_value: Option<f64>,
    /// Milestone due (total rows).
    pub milestone: Option<f64>,
    /// Target (total rows, and categories with a target).
    pub target: Option<f64>,
    /// Achievement in percent (total rows, and categories with a target).
    pub achievement_pct: Option<f64>,
    /// Status (total rows, and categories with a target).
    pub status: Option<Status>,
    /// The period's own target (total rows, when the period has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_target: Option<f64>,
    /// Period value / period target × 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_achievement_pct: Option<f64>,
}

impl IndicatorTable {
    /// The indicator with this code.
    pub fn get(&self, code: &str) -> Option<&IndicatorValue> {
        self.indicators.iter().find(|i| i.code == code)
    }

    /// The table as rows: each indicator's total, then its categories.
    pub fn flat_rows(&self) -> Vec<FlatRow> {
        let mut rows = Vec::new();
        for ind in &self.indicators {
            rows.push(FlatRow {
                indicator: ind.code.clone(),
                breakdown: String::new(),
                category: String::new(),
                period_value: ind.period_value,
                cumulative_value: ind.cumulative_value,
                milestone: ind.milestone.map(|m| m.value),
                target: ind.target,
                achievement_pct: ind.achievement_pct,
                status: Some(ind.status),
                period_target: ind.period_target,
                period_achievement_pct: ind.period_achievement_pct,
            });
            for b in &ind.breakdowns {
                for c in &b.categories {
                    rows.push(FlatRow {
                        indicator: ind.code.clone(),
                        breakdown: b.by.clone(),
                        category: c.category.clone(),
                        period_value: c.period_value,
                        cumulative_value: c.cumulative_value,
                        milestone: None,
                        target: c.target,
                        achievement_pct: c.achievement_pct,
                        status: c.status,
                        period_target: None,
                        period_achievement_pct: None,
                    });
                }
            }
        }
        rows
    }

    /// Writes the contract's csv: header, then [`IndicatorTable::flat_rows`];
    /// with the [`PERIOD_TARGET_COLUMNS`] last when the programme declares
    /// period targets.
    pub fn write_csv(&self, out: impl Write) -> std::io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        let extra: &[&str] = if self.period_targets {
            &PERIOD_TARGET_COLUMNS
        } else {
            &[]
        };
        w.write_record(CSV_HEADER.iter().chain(extra))?;
        for r in self.flat_rows() {
            let num = |v: Option<f64>| v.map(format_value).unwrap_or_default();
            let period = [num(r.period_target), num(r.period_achievement_pct)];
            let period = &period[..extra.len()];
            w.write_record(
                [
                    r.indicator.as_str(),
                    &r.breakdown,
                    &r.category,
                    &num(r.period_value),
                    &num(r.cumulative_value),
                    &num(r.milestone),
                    &num(r.target),
                    &num(r.achievement_pct),
                    r.status.map(Status::as_str).unwrap_or_default(),
                ]
                .into_iter()
                .chain(period.iter().map(String::as_str)),
            )?;
        }
        w.flush()
    }
}

/// A number as the csv writes it: `.` decimal mark, no thousands separator,
/// up to 6 decimals (never fewer than 4 kept), no trailing zeros.
pub fn format_value(v: f64) -> String {
    crate::cell::format_number(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_values_plainly() {
        assert_eq!(format_value(12.0), "12");
        assert_eq!(format_value(67.5), "67.5");
        assert_eq!(format_value(100.0 / 3.0), "33.333333");
        assert_eq!(format_value(1234567.25), "1234567.25");
        assert_eq!(format_value(-0.0000001), "0");
        assert_eq!(format_value(0.00005), "0.00005");
    }
}
