//! The financial statement as the report prints it
//! (`report_templates/quarterly/statement.typ`): the core's
//! [`FinancialStatement`] with every amount and percentage formatted for the
//! language, every row labelled (the definitions' value labels), and its
//! sentences (co-financing, forecast, expenses after the period) written by
//! the catalogue. Absent when the programme declares no `[finance]`.

use cadre::finance::{BudgetFigures, BudgetRow, CeilingCheck, FinancialStatement, FunderRow};
use cadre::{Lang, Programme};
use serde::Serialize;

use super::format::Formatter;
use crate::messages::report::{ReportText, ReportWord, StatementText};

/// The financial statement section.
#[derive(Debug, Clone, Serialize)]
pub struct StatementData {
    /// What it covers, in a sentence.
    pub intro: String,
    /// The tables by action, then by budget line (those the definitions
    /// allow).
    pub tables: Vec<StatementTable>,
    /// Spending by funder, when the definitions name a funder column.
    pub funders: Option<FunderTable>,
    /// Each funder's share against its co-financing ceiling, in a sentence.
    pub cofinancing: Vec<String>,
    /// The straight-line forecast, in a sentence; none before the start.
    pub forecast: Option<String>,
    /// The expenses dated after the period, in a sentence; none when there
    /// are none.
    pub later: Option<String>,
}

/// A table of budget against spending.
#[derive(Debug, Clone, Serialize)]
pub struct StatementTable {
    /// Its heading ("By action").
    pub heading: String,
    /// The heading of the group column (the action, in the table by
    /// line); none when rows are not grouped.
    pub group_label: Option<String>,
    /// The heading of the row label column (the column's label in the
    /// definitions).
    pub label: String,
    /// The rows.
    pub rows: Vec<StatementRow>,
    /// The totals row (its label is the word "Total").
    pub total: StatementRow,
}

/// A row of budget against spending, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct StatementRow {
    /// The group's value (the action's code), in the table by line.
    pub group: Option<String>,
    /// The value as the data holds it (an action's code); empty for lines.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Planned.
    pub budget: String,
    /// Spent in the period.
    pub spent_period: String,
    /// Spent to date.
    pub spent_to_date: String,
    /// Remaining.
    pub remaining: String,
    /// Spent to date over budget; none without a budget.
    pub used: Option<String>,
    /// Whether spending to date is over the budget.
    pub over: bool,
}

/// Spending by funder.
#[derive(Debug, Clone, Serialize)]
pub struct FunderTable {
    /// Its heading ("By funder").
    pub heading: String,
    /// The heading of the funder column.
    pub label: String,
    /// The funders.
    pub rows: Vec<FunderLine>,
    /// The totals row.
    pub total: FunderLine,
}

/// A funder's spending, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct FunderLine {
    /// The funder.
    pub label: String,
    /// Paid in the period.
    pub spent_period: String,
    /// Paid to date.
    pub spent_to_date: String,
    /// Its share of spending to date.
    pub share: Option<String>,
    /// Its co-financing ceiling.
    pub rate: Option<String>,
    /// Whether its share is over its ceiling.
    pub over: bool,
}

/// The statement as the report prints it.
pub fn build(programme: &Programme, s: &FinancialStatement, lang: Lang) -> StatementData {
    let f = Formatter::new(lang);
    let currency = programme.info.currency.as_deref();
    let money = |v: f64| f.money(v, currency);
    let total_word = ReportWord::Total.text(lang);
    let figures =
        |group: Option<String>, code: String, label: String, x: &BudgetFigures| StatementRow {
            group,
            code,
            label,
            budget: money(x.budget),
            spent_period: money(x.spent_period),
            spent_to_date: money(x.spent_to_date),
            remaining: money(x.remaining),
            used: x.used_pct.map(|p| f.percent(p)),
            over: x.remaining < 0.0,
        };
    let total = figures(None, String::new(), total_word.to_owned(), &s.total);
    let fin = programme.finance.as_ref();
    // Column headings: the columns' labels in the definitions.
    let heading = |dataset: Option<&str>, column: Option<&str>| -> String {
        dataset
            .zip(column)
            .and_then(|(d, c)| programme.dataset(d)?.column(c))
            .map(|c| c.label.get(lang).to_owned())
            .filter(|l| !l.is_empty())
            .or_else(|| column.map(str::to_owned))
            .unwrap_or_default()
    };
    let expenses = fin.map(|f| f.expenses.dataset.as_str());
    let budget = fin.map(|f| f.budget.dataset.as_str());
    let action_label = heading(
        budget,
        fin.and_then(|f| f.budget.action.as_deref().or(f.expenses.action.as_deref())),
    );
    let line_label = heading(
        budget,
        fin.and_then(|f| f.budget.line.as_deref().or(f.expenses.line.as_deref())),
    );
    let funder_label = heading(expenses, fin.and_then(|f| f.expenses.funder.as_deref()));
    let by = |label: &str| ReportText::BreakdownBy { label }.render(lang);

    let mut tables = Vec::new();
    if let Some(rows) = &s.by_action {
        tables.push(StatementTable {
            heading: by(&action_label),
            group_label: None,
            label: action_label.clone(),
            rows: rows
                .iter()
                .map(|r: &BudgetRow| {
                    let a = r.action.as_ref();
                    figures(
                        None,
                        a.map(|a| a.value.clone()).unwrap_or_default(),
                        a.map(|a| a.text(lang).to_owned()).unwrap_or_default(),
                        &r.figures,
                    )
                })
                .collect(),
            total: total.clone(),
        });
    }
    if let Some(rows) = &s.by_line {
        let grouped = rows.iter().any(|r| r.action.is_some());
        tables.push(StatementTable {
            heading: by(&line_label),
            group_label: grouped.then(|| action_label.clone()),
            label: line_label.clone(),
            rows: rows
                .iter()
                .map(|r| {
                    figures(
                        r.action.as_ref().map(|a| a.value.clone()),
                        String::new(),
                        r.line
                            .as_ref()
                            .map(|l| l.text(lang).to_owned())
                            .unwrap_or_default(),
                        &r.figures,
                    )
                })
                .collect(),
            total: total.clone(),
        });
    }

    let mut cofinancing = Vec::new();
    let funders = s.by_funder.as_ref().map(|rows| {
        let line = |r: &FunderRow| FunderLine {
            label: r.funder.text(lang).to_owned(),
            spent_period: money(r.spent_period),
            spent_to_date: money(r.spent_to_date),
            share: r.share_pct.map(|p| f.percent(p)),
            rate: r.rate_pct.map(|p| f.percent(p)),
            over: matches!(r.ceiling, Some(CeilingCheck::Exceeded { .. })),
        };
        for r in rows {
            let (Some(check), Some(share), Some(rate)) = (r.ceiling, r.share_pct, r.rate_pct)
            else {
                continue;
            };
            let (share, rate) = (f.percent(share), f.percent(rate));
            let funder = r.funder.text(lang);
            cofinancing.push(match check {
                CeilingCheck::Respected { margin } => StatementText::CeilingRespected {
                    funder,
                    share: &share,
                    rate: &rate,
                    margin: &f.fixed(margin, 1),
                    points: round1(margin),
                }
                .render(lang),
                CeilingCheck::Exceeded { by } => StatementText::CeilingExceeded {
                    funder,
                    share: &share,
                    rate: &rate,
                    by: &f.fixed(by, 1),
                    points: round1(by),
                }
                .render(lang),
            });
        }
        FunderTable {
            heading: by(&funder_label),
            label: funder_label.clone(),
            rows: rows.iter().map(line).collect(),
            total: FunderLine {
                label: total_word.to_owned(),
                spent_period: money(s.total.spent_period),
                spent_to_date: money(s.total.spent_to_date),
                share: (s.total.spent_to_date > 0.0).then(|| f.percent(100.0)),
                rate: None,
                over: false,
            },
        }
    });

    let end = f.date(s.period.end);
    let forecast = s.forecast.projected.map(|projected| {
        StatementText::Forecast {
            spent: &money(s.total.spent_to_date),
            elapsed: &f.percent(s.forecast.elapsed_pct),
            projected: &money(projected),
            pct: &s
                .forecast
                .projected_pct
                .map(|p| f.percent(p))
                .unwrap_or_else(|| ReportWord::NoValue.text(lang).to_owned()),
            budget: &money(s.total.budget),
        }
        .render(lang)
    });
    let later = (s.later.rows > 0).then(|| {
        StatementText::Later {
            n: s.later.rows,
            count: &f.count(s.later.rows),
            amount: &money(s.later.amount),
            end: &end,
        }
        .render(lang)
    });
    StatementData {
        intro: StatementText::Intro { end: &end }.render(lang),
        tables,
        funders,
        cofinancing,
        forecast,
        later,
    }
}

/// A value as printed with one decimal, for the plural.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}
