//! The financial statement of a period: the budget against the expenses,
//! by action and by budget line, spending by funder against each funder's
//! co-financing ceiling, and a straight-line forecast to the programme's
//! end. The programme declares which datasets are its budget and its
//! expenses and which columns hold the amount, date, line, action and
//! funder (`[finance]` in `programme.toml`); the library knows no budget.
//!
//! Expenses count "to date" when dated on or before the period's end, "in
//! the period" when dated within it; those dated after its end are counted
//! apart ([`FinancialStatement::later`]). Amounts are summed as written
//! (a negative amount is a correction).

mod flags;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::compute::Engine;
use crate::error::{Error, Result};
use crate::indicator::Selection;
use crate::ingest::ROW_COLUMN;
use crate::period::{Period, from_epoch_days};
use crate::programme::{FinanceSettings, Funder, ProgrammeInfo};
use crate::schema::ColumnSchema;
use crate::text::{Localized, fold_key};

pub use flags::{ExpenseEntry, FinanceFlags, USED_UP_PCT};

/// A value of the action, line or funder column, with its label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labelled {
    /// The value as the data holds it (canonical spelling for an enum);
    /// empty for rows without one.
    pub value: String,
    /// How reports print it, per language: the column's `value_labels`
    /// (for a funder, else its name in `[[programme.funders]]`); empty when
    /// the definitions give none (print the value).
    pub label: Localized,
}

impl Labelled {
    /// The label in `lang`, else the value itself.
    pub fn text(&self, lang: impl AsRef<str>) -> &str {
        let l = self.label.get(lang);
        if l.trim().is_empty() { &self.value } else { l }
    }
}

/// The budget and spending of one group of rows (an action, a line, all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct BudgetFigures {
    /// Planned.
    pub budget: f64,
    /// Spent in the period.
    pub spent_period: f64,
    /// Spent up to the period's end.
    pub spent_to_date: f64,
    /// Budget minus spent to date (negative when overspent).
    pub remaining: f64,
    /// Spent to date over budget, in percent; none without a budget.
    pub used_pct: Option<f64>,
}

impl BudgetFigures {
    fn add(&mut self, budget: f64, period: f64, to_date: f64) {
        self.budget += budget;
        self.spent_period += period;
        self.spent_to_date += to_date;
    }

    fn finish(mut self) -> Self {
        self.remaining = self.budget - self.spent_to_date;
        self.used_pct = (self.budget > 0.0).then(|| self.spent_to_date / self.budget * 100.0);
        self
    }
}

/// One row of the statement by action or by line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetRow {
    /// The action, when the definitions name an action column.
    pub action: Option<Labelled>,
    /// The budget line, in the statement by line.
    pub line: Option<Labelled>,
    /// Its figures.
    pub figures: BudgetFigures,
}

/// Against a funder's co-financing ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "check")]
pub enum CeilingCheck {
    /// Its share is at or under its rate, by `margin` points.
    Respected {
        /// Rate minus share, in percentage points.
        margin: f64,
    },
    /// Its share is over its rate, by `by` points.
    Exceeded {
        /// Share minus rate, in percentage points.
        by: f64,
    },
}

/// The spending paid by one funder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunderRow {
    /// The funder.
    pub funder: Labelled,
    /// Paid in the period.
    pub spent_period: f64,
    /// Paid up to the period's end.
    pub spent_to_date: f64,
    /// Its share of all spending to date, in percent.
    pub share_pct: Option<f64>,
    /// Its co-financing rate, when `[[programme.funders]]` gives one.
    pub rate_pct: Option<f64>,
    /// The share against the rate, when both are known.
    pub ceiling: Option<CeilingCheck>,
}

/// Spending to date carried on at the same pace to the programme's end.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Forecast {
    /// Days of the programme up to the period's end, over all its days, in
    /// percent (0 to 100).
    pub elapsed_pct: f64,
    /// Spent to date divided by the elapsed fraction; none before the start.
    pub projected: Option<f64>,
    /// The projection over the total budget, in percent.
    pub projected_pct: Option<f64>,
}

/// Expenses dated after the period's end, left out of the statement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LaterExpenses {
    /// How many rows.
    pub rows: usize,
    /// Their amount.
    pub amount: f64,
    /// The latest date among them.
    pub last: Option<NaiveDate>,
}

/// The financial statement of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinancialStatement {
    /// The period.
    pub period: Period,
    /// By action, in the order of the action column's values (else
    /// alphabetical); none when no action column is declared.
    pub by_action: Option<Vec<BudgetRow>>,
    /// By action and budget line, in the order of actions then of the
    /// budget's rows; none when no line column is declared.
    pub by_line: Option<Vec<BudgetRow>>,
    /// All rows.
    pub total: BudgetFigures,
    /// Spending by funder: the programme's funders first, in their order,
    /// then the other values of the funder column; none when no funder
    /// column is declared.
    pub by_funder: Option<Vec<FunderRow>>,
    /// The straight-line forecast.
    pub forecast: Forecast,
    /// Expenses dated after the period's end.
    pub later: LaterExpenses,
    /// What needs a funder's attention first ([`FinanceFlags`]).
    pub flags: FinanceFlags,
    /// The indirect costs against their cap, when `[finance.indirect]`
    /// declares them.
    pub indirect: Option<IndirectCheck>,
}

/// The indirect costs to date against their cap, a share of the direct
/// costs (every other expense to date).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IndirectCheck {
    /// Indirect costs spent to date.
    pub indirect: f64,
    /// Direct costs spent to date.
    pub direct: f64,
    /// Indirect over direct, in percent; none without direct costs.
    pub pct: Option<f64>,
    /// The cap, in percent of the direct costs.
    pub cap_pct: f64,
    /// The share against the cap; none without direct costs.
    pub check: Option<CeilingCheck>,
}

impl IndirectCheck {
    /// The check of `ledger`'s spending to date against `settings`.
    fn of(ledger: &Ledger, settings: &crate::programme::IndirectCosts) -> Self {
        let named = |values: &[String], v: &str| values.iter().any(|x| fold_key(x) == fold_key(v));
        let (mut indirect, mut direct) = (0.0, 0.0);
        for (i, (_, to_date)) in ledger.spent.iter().enumerate() {
            let e = &ledger.expenses;
            if named(&settings.actions, &e.action[i]) || named(&settings.lines, &e.line[i]) {
                indirect += to_date;
            } else {
                direct += to_date;
            }
        }
        let pct = (direct > 0.0).then(|| indirect / direct * 100.0);
        IndirectCheck {
            indirect,
            direct,
            pct,
            cap_pct: settings.cap_pct,
            check: pct.map(|p| CeilingCheck::of(p, settings.cap_pct)),
        }
    }
}

/// Rows of one dataset as plain vectors.
struct Rows {
    /// Each row's number in its sheet, as the spreadsheet shows it.
    row: Vec<Option<u32>>,
    amount: Vec<f64>,
    date: Vec<Option<i32>>,
    line: Vec<String>,
    action: Vec<String>,
    funder: Vec<String>,
}

/// The rows of a statement: the budget's, the expenses', and what each
/// expense counts for in the period.
struct Ledger {
    budget: Rows,
    expenses: Rows,
    /// Per expense row: (its amount in the period, its amount to date),
    /// 0 where it falls outside; kept apart so every grouping sums the
    /// same figures.
    spent: Vec<(f64, f64)>,
}

impl Ledger {
    /// All rows: the budget, then the spending.
    fn total(&self) -> BudgetFigures {
        let mut total = BudgetFigures::default();
        for a in &self.budget.amount {
            total.add(*a, 0.0, 0.0);
        }
        for (p, t) in &self.spent {
            total.add(0.0, *p, *t);
        }
        total.finish()
    }

    /// By action, in the order of the action column's values.
    fn by_action(&self, action_schema: Option<&ColumnSchema>) -> Vec<BudgetRow> {
        let mut groups: BTreeMap<String, BudgetFigures> = BTreeMap::new();
        for (i, a) in self.budget.amount.iter().enumerate() {
            groups
                .entry(self.budget.action[i].clone())
                .or_default()
                .add(*a, 0.0, 0.0);
        }
        for (i, (p, t)) in self.spent.iter().enumerate() {
            groups
                .entry(self.expenses.action[i].clone())
                .or_default()
                .add(0.0, *p, *t);
        }
        let mut keys: Vec<String> = groups.keys().cloned().collect();
        sort_values(&mut keys, action_schema);
        keys.into_iter()
            .map(|k| BudgetRow {
                action: Some(labelled(&k, action_schema)),
                line: None,
                figures: groups[&k].finish(),
            })
            .collect()
    }

    /// By action and budget line: lines in the order of the budget's rows,
    /// then expense lines the budget does not have, grouped by action. The
    /// rows name their action only when an action column is declared.
    fn by_line(
        &self,
        has_action: bool,
        action_schema: Option<&ColumnSchema>,
        line_schema: Option<&ColumnSchema>,
    ) -> Vec<BudgetRow> {
        let mut order: Vec<(String, String)> = Vec::new();
        let mut groups: BTreeMap<(String, String), BudgetFigures> = BTreeMap::new();
        for (i, a) in self.budget.amount.iter().enumerate() {
            let key = (self.budget.action[i].clone(), self.budget.line[i].clone());
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            groups.entry(key).or_default().add(*a, 0.0, 0.0);
        }
        for (i, (p, t)) in self.spent.iter().enumerate() {
            let key = (
                self.expenses.action[i].clone(),
                self.expenses.line[i].clone(),
            );
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            groups.entry(key).or_default().add(0.0, *p, *t);
        }
        let mut actions: Vec<String> = order.iter().map(|(a, _)| a.clone()).collect();
        sort_values(&mut actions, action_schema);
        actions.dedup();
        let rank = |a: &str| actions.iter().position(|x| x == a).unwrap_or(usize::MAX);
        // A stable sort keeps the budget's order within an action.
        order.sort_by_key(|(a, _)| rank(a));
        order
            .into_iter()
            .map(|key| BudgetRow {
                action: has_action.then(|| labelled(&key.0, action_schema)),
                line: Some(labelled(&key.1, line_schema)),
                figures: groups[&key].finish(),
            })
            .collect()
    }

    /// Spending (in the period, to date) by funder code: every declared
    /// funder, even without spending, and every other value of the column.
    fn spent_by_funder(&self, funders: &[Funder]) -> BTreeMap<String, (f64, f64)> {
        let mut groups: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for f in funders {
            groups.entry(f.code.clone()).or_default();
        }
        for (value, (p, t)) in self.expenses.funder.iter().zip(&self.spent) {
            // A value naming a declared funder counts as that funder.
            let key = funders
                .iter()
                .find(|f| fold_key(&f.code) == fold_key(value))
                .map(|f| f.code.clone())
                .unwrap_or_else(|| value.clone());
            let g = groups.entry(key).or_default();
            g.0 += p;
            g.1 += t;
        }
        groups
    }
}

impl FunderRow {
    /// A funder's row from its spending (in the period, to date), all
    /// spending to date, and its co-financing rate if declared.
    fn new(
        funder: Labelled,
        (spent_period, spent_to_date): (f64, f64),
        total_to_date: f64,
        rate_pct: Option<f64>,
    ) -> Self {
        let share_pct = (total_to_date > 0.0).then(|| spent_to_date / total_to_date * 100.0);
        FunderRow {
            funder,
            spent_period,
            spent_to_date,
            share_pct,
            rate_pct,
            ceiling: share_pct
                .zip(rate_pct)
                .map(|(share, rate)| CeilingCheck::of(share, rate)),
        }
    }
}

impl CeilingCheck {
    /// A share against a rate, both in percent.
    fn of(share: f64, rate: f64) -> Self {
        if share <= rate {
            CeilingCheck::Respected {
                margin: rate - share,
            }
        } else {
            CeilingCheck::Exceeded { by: share - rate }
        }
    }
}

impl Forecast {
    /// Spending to date carried on at the same pace over the programme's
    /// days, counting both its first and last day.
    fn straight_line(info: &ProgrammeInfo, period: &Period, total: &BudgetFigures) -> Self {
        let days = ((info.end - info.start).num_days() + 1).max(1) as f64;
        let elapsed = ((period.end - info.start).num_days() + 1).clamp(0, days as i64) as f64;
        let projected = (elapsed > 0.0).then(|| total.spent_to_date * days / elapsed);
        Forecast {
            elapsed_pct: elapsed / days * 100.0,
            projected,
            projected_pct: projected
                .filter(|_| total.budget > 0.0)
                .map(|p| p / total.budget * 100.0),
        }
    }
}

impl LaterExpenses {
    /// The expenses dated after the period's end.
    fn after(expenses: &Rows, period: &Period) -> Self {
        let end = crate::period::to_epoch_days(period.end);
        let mut later = LaterExpenses::default();
        for (d, a) in expenses.date.iter().zip(&expenses.amount) {
            if let Some(d) = d.filter(|d| *d > end) {
                later.rows += 1;
                later.amount += a;
                later.last = later.last.max(from_epoch_days(d));
            }
        }
        later
    }
}

const AMOUNT: &str = "__amount";
const LINE: &str = "__line";
const ACTION: &str = "__action";
const FUNDER: &str = "__funder";
const ROW_NUMBER: &str = "__row_number";

impl Engine<'_> {
    /// The financial statement of `period`; none when the programme declares
    /// no `[finance]`.
    pub fn financial_statement(&self, period: &Period) -> Result<Option<FinancialStatement>> {
        let Some(finance) = &self.programme().finance else {
            return Ok(None);
        };
        self.statement(finance, period).map(Some)
    }

    fn statement(&self, fin: &FinanceSettings, period: &Period) -> Result<FinancialStatement> {
        let (b, e) = (&fin.budget, &fin.expenses);
        let ledger = self.ledger(fin, period)?;
        let total = ledger.total();
        // Order and labels of the groups come from the column schemas; a
        // grouping exists when either dataset declares its column.
        let action_schema = self.finance_column(
            &b.dataset,
            b.action.as_deref(),
            &e.dataset,
            e.action.as_deref(),
        );
        let line_schema =
            self.finance_column(&b.dataset, b.line.as_deref(), &e.dataset, e.line.as_deref());
        let has_action = b.action.is_some() || e.action.is_some();
        let has_line = b.line.is_some() || e.line.is_some();
        let by_action = has_action.then(|| ledger.by_action(action_schema));
        let by_line = has_line.then(|| ledger.by_line(has_action, action_schema, line_schema));
        let by_funder = e.funder.as_deref().map(|column| {
            let schema = self.column_schema(&e.dataset, column);
            self.by_funder(&ledger, schema, &total)
        });
        Ok(FinancialStatement {
            period: period.clone(),
            total,
            by_funder,
            forecast: Forecast::straight_line(&self.programme().info, period, &total),
            later: LaterExpenses::after(&ledger.expenses, period),
            flags: FinanceFlags::of(
                fin.used_up_pct.unwrap_or(USED_UP_PCT),
                by_line
                    .as_deref()
                    .or(by_action.as_deref())
                    .unwrap_or_default(),
                &ledger.expenses,
                period,
                self.programme().info.end,
            ),
            indirect: fin.indirect.as_ref().map(|i| IndirectCheck::of(&ledger, i)),
            by_action,
            by_line,
        })
    }

    /// The budget's and the expenses' rows, with what each expense counts
    /// for in `period`.
    fn ledger(&self, fin: &FinanceSettings, period: &Period) -> Result<Ledger> {
        let (b, e) = (&fin.budget, &fin.expenses);
        let budget = self.finance_rows(
            &b.dataset,
            None,
            &b.amount,
            b.line.as_deref(),
            b.action.as_deref(),
            None,
        )?;
        let expenses = self.finance_rows(
            &e.dataset,
            Some(&e.date),
            &e.amount,
            e.line.as_deref(),
            e.action.as_deref(),
            e.funder.as_deref(),
        )?;
        let start = crate::period::to_epoch_days(period.start);
        let end = crate::period::to_epoch_days(period.end);
        let spent = expenses
            .date
            .iter()
            .zip(&expenses.amount)
            .map(|(d, a)| match d {
                Some(d) => {
                    let in_period = *d >= start && *d <= end;
                    let to_date = *d <= end;
                    (
                        if in_period { *a } else { 0.0 },
                        if to_date { *a } else { 0.0 },
                    )
                }
                // An undated expense counts nowhere.
                None => (0.0, 0.0),
            })
            .collect();
        Ok(Ledger {
            budget,
            expenses,
            spent,
        })
    }

    /// Spending by funder: the programme's funders first, in their order,
    /// then the other values of the funder column.
    fn by_funder(
        &self,
        ledger: &Ledger,
        schema: Option<&ColumnSchema>,
        total: &BudgetFigures,
    ) -> Vec<FunderRow> {
        let funders = &self.programme().info.funders;
        let groups = ledger.spent_by_funder(funders);
        let mut others: Vec<String> = groups
            .keys()
            .filter(|k| !funders.iter().any(|f| &f.code == *k))
            .cloned()
            .collect();
        sort_values(&mut others, schema);
        funders
            .iter()
            .map(|f| f.code.clone())
            .chain(others)
            .map(|k| {
                let declared = funders.iter().find(|f| f.code == k);
                let mut funder = labelled(&k, schema);
                // The column's labels win; a declared funder's name fills in.
                if funder.label.is_empty()
                    && let Some(f) = declared
                {
                    funder.label = f.name.clone();
                }
                let rate_pct = declared.and_then(|f| f.rate_pct);
                FunderRow::new(funder, groups[&k], total.spent_to_date, rate_pct)
            })
            .collect()
    }

    /// The rows of a budget or expenses dataset: amount (empty counts 0),
    /// date, and line, action and funder as text (empty when not declared).
    fn finance_rows(
        &self,
        dataset: &str,
        date: Option<&String>,
        amount: &str,
        line: Option<&str>,
        action: Option<&str>,
        funder: Option<&str>,
    ) -> Result<Rows> {
        let err = |e: PolarsError| Error::Compute {
            indicator: dataset.to_owned(),
            message: crate::filter::clean_polars_message(&e.to_string()),
            defined_at: None,
        };
        // The frame keeps each row's number (`ROW_COLUMN`) of itself.
        let mut keep: Vec<&str> = vec![amount];
        keep.extend(line);
        keep.extend(action);
        keep.extend(funder);
        keep.sort_unstable();
        keep.dedup();
        let sel = Selection {
            dataset: dataset.to_owned(),
            date: date.cloned(),
            filter: None,
            filter_label: Default::default(),
        };
        let frame = self
            .selection_frame_with(&sel, &keep, None, &[])
            .map_err(err)?;
        let text = |c: Option<&str>| match c {
            Some(c) => col(c).cast(DataType::String),
            None => lit(NULL).cast(DataType::String),
        };
        let frame = frame
            .lazy()
            .select([
                col(amount)
                    .cast(DataType::Float64)
                    .fill_null(lit(0.0))
                    .alias(AMOUNT),
                match date {
                    Some(_) => col("__date"),
                    None => lit(NULL).cast(DataType::Int32).alias("__date"),
                },
                text(line).alias(LINE),
                text(action).alias(ACTION),
                text(funder).alias(FUNDER),
                col(ROW_COLUMN).cast(DataType::UInt32).alias(ROW_NUMBER),
            ])
            .collect()
            .map_err(err)?;
        let strings = |name: &str| -> PolarsResult<Vec<String>> {
            Ok(frame
                .column(name)?
                .str()?
                .iter()
                .map(|v| v.map(|s| s.trim().to_owned()).unwrap_or_default())
                .collect())
        };
        Ok(Rows {
            row: frame
                .column(ROW_NUMBER)
                .and_then(|c| c.u32().cloned())
                .map_err(err)?
                .iter()
                .collect(),
            amount: frame
                .column(AMOUNT)
                .and_then(|c| c.f64().cloned())
                .map_err(err)?
                .iter()
                .map(|v| v.unwrap_or(0.0))
                .collect(),
            date: frame
                .column("__date")
                .and_then(|c| c.i32().cloned())
                .map_err(err)?
                .iter()
                .collect(),
            line: strings(LINE).map_err(err)?,
            action: strings(ACTION).map_err(err)?,
            funder: strings(FUNDER).map_err(err)?,
        })
    }

    /// The schema of a column (own or `reference.column`) of a dataset.
    fn column_schema(&self, dataset: &str, name: &str) -> Option<&ColumnSchema> {
        let p = self.programme();
        let ds = p.dataset(dataset)?;
        match name.split_once('.') {
            None => ds.column(name),
            Some((reference, target)) => {
                let t = ds.column(reference)?.references.as_deref()?;
                p.dataset(t)?.column(target)
            }
        }
    }

    /// The schema giving a grouping column's value order and labels: the
    /// expenses' column when it has values, else the budget's.
    fn finance_column(
        &self,
        budget: &str,
        budget_column: Option<&str>,
        expenses: &str,
        expenses_column: Option<&str>,
    ) -> Option<&ColumnSchema> {
        let e = expenses_column.and_then(|c| self.column_schema(expenses, c));
        let b = budget_column.and_then(|c| self.column_schema(budget, c));
        match (e, b) {
            (Some(e), _) if !e.values.is_empty() => Some(e),
            (_, Some(b)) => Some(b),
            (e, None) => e,
        }
    }
}

/// A value with its label from the column's `value_labels`.
fn labelled(value: &str, schema: Option<&ColumnSchema>) -> Labelled {
    Labelled {
        value: value.to_owned(),
        label: schema
            .and_then(|s| s.value_labels.get(value))
            .cloned()
            .unwrap_or_default(),
    }
}

/// Sorts values in the order of the enum's values, else alphabetically;
/// the empty value last.
fn sort_values(values: &mut [String], schema: Option<&ColumnSchema>) {
    let rank = |v: &String| {
        (
            v.is_empty(),
            schema
                .and_then(|s| s.values.iter().position(|x| x == v))
                .unwrap_or(usize::MAX),
            v.clone(),
        )
    };
    values.sort_by_key(rank);
}
