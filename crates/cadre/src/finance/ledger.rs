//! The rows a statement is made of, read once from the budget, expenses
//! and instalments datasets as plain vectors, each expense classed (paid,
//! committed or planned; eligible or not; cash or in kind) so that every
//! grouping sums the same figures.

use std::collections::BTreeMap;

use polars::prelude::*;

use super::{BudgetFigures, ExpenseEntry, Pace};
use crate::compute::Engine;
use crate::error::{Error, Result};
use crate::indicator::Selection;
use crate::ingest::ROW_COLUMN;
use crate::period::{Period, from_epoch_days};
use crate::programme::{ExpenseStatus, FinanceSettings, RowSelector};
use crate::text::fold_key;

/// Rows of one dataset as plain vectors; a text column the definitions do
/// not declare reads empty.
pub(super) struct Rows {
    /// Each row's number in its sheet, as the spreadsheet shows it.
    pub row: Vec<Option<u32>>,
    pub amount: Vec<f64>,
    pub date: Vec<Option<i32>>,
    pub line: Vec<String>,
    pub action: Vec<String>,
    pub funder: Vec<String>,
    pub nature: Vec<String>,
    pub status: Vec<String>,
    pub eligible: Vec<String>,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.amount.len()
    }
}

/// What an expense row is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Class {
    pub status: ExpenseStatus,
    pub eligible: bool,
    pub in_kind: bool,
}

impl Class {
    /// Counted as spent (when dated in range): paid, eligible, in cash.
    pub fn spends(self) -> bool {
        self.status == ExpenseStatus::Paid && self.eligible && !self.in_kind
    }

    /// In the statement's plan: eligible, in cash, whatever its status.
    pub fn in_plan(self) -> bool {
        self.eligible && !self.in_kind
    }
}

/// The finest cell of a statement: an action, a budget line, a nature.
pub(super) type CellKey = (String, String, String);

/// The rows of a statement: the budget's, the expenses', the instalments',
/// and what each expense is and counts for in the period.
pub(super) struct Ledger {
    pub budget: Rows,
    /// Per budget row: in kind.
    pub budget_in_kind: Vec<bool>,
    pub expenses: Rows,
    pub class: Vec<Class>,
    /// Per expense row: (its amount in the period, its amount to date),
    /// 0 where it falls outside or does not spend.
    pub spent: Vec<(f64, f64)>,
    pub instalments: Option<Rows>,
    pub period_start: i32,
    pub period_end: i32,
}

impl Ledger {
    /// The key of budget row `i` / expense row `i` in the finest cells.
    fn budget_key(&self, i: usize) -> CellKey {
        let b = &self.budget;
        (b.action[i].clone(), b.line[i].clone(), b.nature[i].clone())
    }

    fn expense_key(&self, i: usize) -> CellKey {
        let e = &self.expenses;
        (e.action[i].clone(), e.line[i].clone(), e.nature[i].clone())
    }

    /// The cash figures of every finest cell, each with its forecast
    /// settled by `pace`; cells in the order of the budget's rows, then of
    /// the expenses'.
    pub fn cells(&self, pace: &Pace) -> Vec<(CellKey, BudgetFigures)> {
        let mut order: Vec<CellKey> = Vec::new();
        let mut cells: BTreeMap<CellKey, (BudgetFigures, usize)> = BTreeMap::new();
        fn cell<'c>(
            cells: &'c mut BTreeMap<CellKey, (BudgetFigures, usize)>,
            order: &mut Vec<CellKey>,
            key: CellKey,
        ) -> &'c mut (BudgetFigures, usize) {
            if !cells.contains_key(&key) {
                order.push(key.clone());
            }
            cells.entry(key).or_default()
        }
        for i in 0..self.budget.len() {
            if !self.budget_in_kind[i] {
                cell(&mut cells, &mut order, self.budget_key(i)).0.budget += self.budget.amount[i];
            }
        }
        for i in 0..self.expenses.len() {
            let class = self.class[i];
            let Some(date) = self.expenses.date[i].filter(|_| class.in_plan()) else {
                continue;
            };
            let amount = self.expenses.amount[i];
            let (f, plan_rows) = cell(&mut cells, &mut order, self.expense_key(i));
            let (p, t) = self.spent[i];
            f.spent_period += p;
            f.spent_to_date += t;
            match class.status {
                ExpenseStatus::Paid if date > self.period_end => f.paid_after += amount,
                ExpenseStatus::Paid => {}
                ExpenseStatus::Committed => f.committed += amount,
                ExpenseStatus::Planned => f.planned += amount,
            }
            if class.status != ExpenseStatus::Paid {
                *plan_rows += 1;
            }
        }
        order
            .into_iter()
            .map(|k| {
                let (f, plan_rows) = cells[&k];
                (k, pace.settle(f, plan_rows > 0))
            })
            .collect()
    }

    /// The expense rows `keep` selects (by index and date), in date
    /// order (undated last), then row order.
    pub fn entries(&self, keep: impl Fn(usize, Option<i32>) -> bool) -> Vec<ExpenseEntry> {
        let e = &self.expenses;
        let mut out: Vec<ExpenseEntry> = (0..e.len())
            .filter(|&i| keep(i, e.date[i]))
            .map(|i| ExpenseEntry {
                row: e.row[i],
                date: e.date[i].and_then(from_epoch_days),
                amount: e.amount[i],
                line: e.line[i].clone(),
                action: e.action[i].clone(),
                nature: e.nature[i].clone(),
                funder: e.funder[i].clone(),
            })
            .collect();
        out.sort_by_key(|x| (x.date.is_none(), x.date, x.row));
        out
    }

    /// Sums of the expenses selected by `keep`, by funder value (as
    /// written, trimmed): (in the period, to date).
    pub fn expenses_by_funder(&self, keep: impl Fn(Class) -> bool) -> BTreeMap<String, (f64, f64)> {
        let mut out: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for i in 0..self.expenses.len() {
            let Some(d) = self.expenses.date[i].filter(|_| keep(self.class[i])) else {
                continue;
            };
            let a = self.expenses.amount[i];
            let g = out.entry(self.expenses.funder[i].clone()).or_default();
            if d >= self.period_start && d <= self.period_end {
                g.0 += a;
            }
            if d <= self.period_end {
                g.1 += a;
            }
        }
        out
    }
}

const AMOUNT: &str = "__amount";
const DATE: &str = "__date";
const ROW_NUMBER: &str = "__row_number";
/// The text columns read, by the alias they take in the frame.
const TEXT: [&str; 6] = [
    "__line",
    "__action",
    "__funder",
    "__nature",
    "__status",
    "__eligible",
];

/// The columns of a dataset a statement reads; text columns in the order
/// of [`TEXT`].
pub(super) struct Columns<'a> {
    pub dataset: &'a str,
    pub amount: &'a str,
    pub date: Option<&'a String>,
    pub text: [Option<&'a str>; 6],
}

impl Engine<'_> {
    /// The budget's, expenses' and instalments' rows, classed, with what
    /// each expense counts for in `period`.
    pub(super) fn ledger(&self, fin: &FinanceSettings, period: &Period) -> Result<Ledger> {
        let (b, e) = (&fin.budget, &fin.expenses);
        let budget = self.finance_rows(Columns {
            dataset: &b.dataset,
            amount: &b.amount,
            date: None,
            text: [
                b.line.as_deref(),
                b.action.as_deref(),
                None,
                b.nature.as_deref(),
                None,
                None,
            ],
        })?;
        let expenses = self.finance_rows(Columns {
            dataset: &e.dataset,
            amount: &e.amount,
            date: Some(&e.date),
            text: [
                e.line.as_deref(),
                e.action.as_deref(),
                e.funder.as_deref(),
                e.nature.as_deref(),
                e.status.as_deref(),
                e.eligible.as_deref(),
            ],
        })?;
        let instalments = match &fin.instalments {
            Some(i) => Some(self.finance_rows(Columns {
                dataset: &i.dataset,
                amount: &i.amount,
                date: Some(&i.date),
                text: [None, None, Some(&i.funder), None, None, None],
            })?),
            None => None,
        };
        let in_kind = fin.in_kind.clone().unwrap_or_default();
        let named =
            |s: &RowSelector, r: &Rows, i: usize| s.names(&r.action[i], &r.line[i], &r.nature[i]);
        let budget_in_kind = (0..budget.len())
            .map(|i| named(&in_kind, &budget, i))
            .collect();
        let ineligible = |v: &str| fin.ineligible.iter().any(|x| fold_key(x) == fold_key(v));
        let class: Vec<Class> = (0..expenses.len())
            .map(|i| Class {
                // The load checks make the status an enum whose every value
                // has a meaning (an unread one is not counted as spent).
                status: match &fin.statuses {
                    Some(s) => s.of(&expenses.status[i]).unwrap_or(ExpenseStatus::Planned),
                    None => ExpenseStatus::Paid,
                },
                eligible: !ineligible(&expenses.eligible[i]),
                in_kind: named(&in_kind, &expenses, i),
            })
            .collect();
        let start = crate::period::to_epoch_days(period.start);
        let end = crate::period::to_epoch_days(period.end);
        let spent = (0..expenses.len())
            .map(|i| match expenses.date[i].filter(|_| class[i].spends()) {
                Some(d) => {
                    let a = expenses.amount[i];
                    let in_period = d >= start && d <= end;
                    (
                        if in_period { a } else { 0.0 },
                        if d <= end { a } else { 0.0 },
                    )
                }
                // An undated expense counts nowhere.
                None => (0.0, 0.0),
            })
            .collect();
        Ok(Ledger {
            budget,
            budget_in_kind,
            expenses,
            class,
            spent,
            instalments,
            period_start: start,
            period_end: end,
        })
    }

    /// The rows of a budget, expenses or instalments dataset: amount (empty
    /// counts 0), date, and the text columns (empty when not declared).
    fn finance_rows(&self, c: Columns) -> Result<Rows> {
        let dataset = c.dataset;
        let err = |e: PolarsError| Error::Compute {
            indicator: dataset.to_owned(),
            message: crate::filter::clean_polars_message(&e.to_string()),
            defined_at: None,
        };
        // The frame keeps each row's number (`ROW_COLUMN`) of itself.
        let mut keep: Vec<&str> = vec![c.amount];
        keep.extend(c.text.iter().flatten());
        keep.sort_unstable();
        keep.dedup();
        let sel = Selection {
            dataset: dataset.to_owned(),
            date: c.date.cloned(),
            filter: None,
            filter_label: Default::default(),
        };
        let frame = self
            .selection_frame_with(&sel, &keep, None, &[])
            .map_err(err)?;
        let mut select = vec![
            col(c.amount)
                .cast(DataType::Float64)
                .fill_null(lit(0.0))
                .alias(AMOUNT),
            match c.date {
                Some(_) => col(DATE),
                None => lit(NULL).cast(DataType::Int32).alias(DATE),
            },
            col(ROW_COLUMN).cast(DataType::UInt32).alias(ROW_NUMBER),
        ];
        for (alias, column) in TEXT.iter().zip(c.text) {
            select.push(match column {
                Some(name) => col(name).cast(DataType::String).alias(*alias),
                None => lit(NULL).cast(DataType::String).alias(*alias),
            });
        }
        let frame = frame.lazy().select(select).collect().map_err(err)?;
        let strings = |name: &str| -> PolarsResult<Vec<String>> {
            Ok(frame
                .column(name)?
                .str()?
                .iter()
                .map(|v| v.map(|s| s.trim().to_owned()).unwrap_or_default())
                .collect())
        };
        let [line, action, funder, nature, status, eligible] =
            TEXT.map(|alias| strings(alias).map_err(err));
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
                .column(DATE)
                .and_then(|c| c.i32().cloned())
                .map_err(err)?
                .iter()
                .collect(),
            line: line?,
            action: action?,
            funder: funder?,
            nature: nature?,
            status: status?,
            eligible: eligible?,
        })
    }
}
