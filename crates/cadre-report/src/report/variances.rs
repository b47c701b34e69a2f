//! The variances against the budget, as the report prints them: per budget
//! line and per nature, the budget, spent to date, what is committed,
//! planned or paid after the period, the forecast at the programme's end
//! (how it was made), the variance in amount and percent; beyond the
//! programme's threshold, the officer's justification from `finance.md`
//! prints beside the line ([`super::justifications`]).

use cadre::finance::{BudgetFigures, BudgetRow, FinancialStatement, ForecastMethod};
use serde::Serialize;

use super::justifications::{self, Justification};
use super::markdown::Block;
use super::rounding::printed_column;
use super::statement::Writer;
use crate::messages::report::{ReportWord, StatementText};

/// The variances section.
#[derive(Debug, Clone, Serialize)]
pub struct VarianceSection {
    /// Its heading.
    pub heading: String,
    /// What a variance is and when it is justified.
    pub intro: String,
    /// What the forecast methods' marks mean.
    pub legend: String,
    /// By line, then by nature.
    pub tables: Vec<VarianceTable>,
    /// What `finance.md` says before its sections.
    pub finance_intro: Vec<Block>,
    /// The justifications' heading; none when there is nothing to justify
    /// and nothing written.
    pub justifications_heading: Option<String>,
    /// The lines and natures needing or having a justification.
    pub justifications: Vec<JustificationData>,
}

/// A table of variances.
#[derive(Debug, Clone, Serialize)]
pub struct VarianceTable {
    /// The heading of the group column; none when rows are not grouped.
    pub group_label: Option<String>,
    /// The heading of the row label column.
    pub label: String,
    /// The rows.
    pub rows: Vec<VarianceRow>,
    /// The totals.
    pub total: VarianceRow,
}

/// A row of variances, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct VarianceRow {
    /// The group (the action's code).
    pub group: Option<String>,
    /// Its label.
    pub label: String,
    /// Budget.
    pub budget: String,
    /// Spent to date.
    pub spent: String,
    /// Committed, planned or paid after the period.
    pub commitments: String,
    /// The forecast at the end.
    pub forecast: String,
    /// How it was made, in words.
    pub method: String,
    /// Forecast less budget.
    pub variance: String,
    /// The variance over the budget.
    pub variance_pct: Option<String>,
    /// Beyond the threshold: a justification is expected.
    pub flagged: bool,
}

/// A line's or nature's justification, or its absence.
#[derive(Debug, Clone, Serialize)]
pub struct JustificationData {
    /// The line or nature.
    pub row: String,
    /// Its variance, formatted.
    pub variance: String,
    /// What the officer wrote; none when missing.
    pub blocks: Option<Vec<Block>>,
    /// "Justification expected, not provided." when missing.
    pub missing: Option<String>,
}

/// The variances section; none when the statement has no line or nature.
pub(super) fn section(
    s: &FinancialStatement,
    w: &Writer,
    labels: (&str, &str, &str),
    narrative: Option<(&[Block], &[Justification])>,
) -> Option<VarianceSection> {
    let (action_label, line_label, nature_label) = labels;
    let lang = w.lang;
    let mut tables = Vec::new();
    if let Some(rows) = &s.by_line {
        let grouped = rows.iter().any(|r| r.action.is_some());
        tables.push(table(
            rows,
            &s.total,
            w,
            grouped.then(|| action_label.to_owned()),
            line_label,
        ));
    }
    if let Some(rows) = &s.by_nature {
        tables.push(table(rows, &s.total, w, None, nature_label));
    }
    if tables.is_empty() {
        return None;
    }
    let (intro, written) = narrative.unwrap_or((&[], &[]));
    let justified: Vec<JustificationData> = s
        .by_line
        .iter()
        .flatten()
        .chain(s.by_nature.iter().flatten())
        .filter_map(|r| {
            let found = justifications::find(r, written);
            (r.figures.needs_justification || found.is_some()).then(|| JustificationData {
                row: justifications::row_name(r, lang),
                variance: variance_text(&r.figures, w),
                blocks: found.map(|j| j.blocks.clone()),
                missing: found
                    .is_none()
                    .then(|| ReportWord::NoJustification.text(lang).to_owned()),
            })
        })
        .collect();
    Some(VarianceSection {
        heading: ReportWord::Variances.text(lang).to_owned(),
        intro: StatementText::VarianceIntro {
            threshold: s.variance_threshold.map(|t| w.f.percent(t)).as_deref(),
        }
        .render(lang),
        legend: StatementText::MethodLegend.render(lang),
        tables,
        finance_intro: intro.to_vec(),
        justifications_heading: (!justified.is_empty())
            .then(|| ReportWord::Justifications.text(lang).to_owned()),
        justifications: justified,
    })
}

/// A variance in a sentence: amount and percent.
fn variance_text(f: &BudgetFigures, w: &Writer) -> String {
    let amount = w.f.signed_money(f.variance, w.currency);
    match f.variance_pct {
        Some(p) => format!("{amount} ({})", w.f.signed_percent(p)),
        None => amount,
    }
}

/// One table: each amount column adds up to its printed total, and each
/// printed variance is the printed forecast less the printed budget.
fn table(
    rows: &[BudgetRow],
    total: &BudgetFigures,
    w: &Writer,
    group_label: Option<String>,
    label: &str,
) -> VarianceTable {
    let column = |pick| printed_column(rows, total, pick);
    let (budget, budget_t) = column(|x| x.budget);
    let (spent, spent_t) = column(|x| x.spent_to_date);
    let (commit, commit_t) = column(|x| x.committed + x.planned + x.paid_after);
    let (forecast, forecast_t) = column(|x| x.forecast);
    let row = |group: Option<String>, label: String, x: &BudgetFigures, shown: [f64; 4]| {
        let [b, s, c, f] = shown;
        VarianceRow {
            group,
            label,
            budget: w.money(b),
            spent: w.money(s),
            commitments: w.money(c),
            forecast: w.money(f),
            method: method(x.forecast_method, w),
            variance: w.f.signed_money(f - b, w.currency),
            variance_pct: (b > 0.0).then(|| w.f.signed_percent((f - b) / b * 100.0)),
            flagged: x.needs_justification,
        }
    };
    VarianceTable {
        group_label: group_label.clone(),
        label: label.to_owned(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                row(
                    group_label
                        .as_ref()
                        .and(r.action.as_ref().map(|a| a.value.clone())),
                    match (&r.line, &r.nature) {
                        (Some(l), _) => l.text(w.lang).to_owned(),
                        // A nature reads with its code: `64 Staff costs`.
                        (None, Some(n)) if n.text(w.lang) != n.value => {
                            format!("{} {}", n.value, n.text(w.lang))
                        }
                        (None, Some(n)) => n.value.clone(),
                        (None, None) => String::new(),
                    },
                    &r.figures,
                    [budget[i], spent[i], commit[i], forecast[i]],
                )
            })
            .collect(),
        total: row(
            None,
            ReportWord::Total.text(w.lang).to_owned(),
            total,
            [budget_t, spent_t, commit_t, forecast_t],
        ),
    }
}

/// How a forecast was made, in words.
fn method(m: ForecastMethod, w: &Writer) -> String {
    match m {
        ForecastMethod::Plan => ReportWord::MethodPlan.text(w.lang).to_owned(),
        ForecastMethod::StraightLine => ReportWord::MethodStraight.text(w.lang).to_owned(),
        ForecastMethod::Actual => ReportWord::MethodActual.text(w.lang).to_owned(),
        ForecastMethod::Mixed => String::new(),
    }
}
