//! What a funder's officer looks for first in a financial statement, listed
//! so that it is never missed: budget lines already used up before the
//! programme's end (work still to come has no money left), lines whose
//! spending is negative (a credit note with no original entry), every
//! correction and credit note, and the expenses without a date, which count
//! nowhere.

use chrono::NaiveDate;
use serde::Serialize;

use super::BudgetRow;
use super::ledger::Ledger;
use crate::period::Period;
use crate::programme::ExpenseStatus;

/// A line's spending to date, in percent of its budget, from which it is
/// used up before the programme's end.
pub const USED_UP_PCT: f64 = 100.0;

/// The red flags of a statement.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FinanceFlags {
    /// Budget lines (else actions) whose spending to date reaches
    /// `[finance] used_up_pct` ([`USED_UP_PCT`] by default) of their budget while the programme still runs
    /// after the period; in the statement's order.
    pub used_up: Vec<BudgetRow>,
    /// Budget lines (else actions) whose spending to date is below zero.
    pub negative: Vec<BudgetRow>,
    /// Expenses with a negative amount (corrections, credit notes) dated up
    /// to the period's end, in date order.
    pub corrections: Vec<ExpenseEntry>,
    /// Expenses without a date: counted neither in the period nor to date.
    pub undated: Vec<ExpenseEntry>,
}

/// One expense row, as the flags list it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpenseEntry {
    /// Its row in its sheet, as the spreadsheet shows it.
    pub row: Option<u32>,
    /// Its date, when it has one.
    pub date: Option<NaiveDate>,
    /// Its amount (negative for a correction).
    pub amount: f64,
    /// Its budget line, empty when none is declared or written.
    pub line: String,
    /// Its action, empty when none is declared or written.
    pub action: String,
    /// Its nature, empty when none is declared or written.
    pub nature: String,
    /// Who it is charged to, empty when none is declared or written.
    pub funder: String,
}

impl FinanceFlags {
    /// The flags of `period`: lines from `used_up_pct` % of their budget
    /// are used up; `lines` are the statement's finest rows (by
    /// line, else by action), `expenses` its expense rows, `programme_end`
    /// the programme's last day.
    pub(super) fn of(
        used_up_pct: f64,
        lines: &[BudgetRow],
        ledger: &Ledger,
        period: &Period,
        programme_end: NaiveDate,
    ) -> Self {
        let running = period.end < programme_end;
        let used_up = lines
            .iter()
            .filter(|r| running && r.figures.budget > 0.0)
            .filter(|r| r.figures.used_pct.is_some_and(|u| u >= used_up_pct))
            .cloned()
            .collect();
        let negative = lines
            .iter()
            .filter(|r| r.figures.spent_to_date < 0.0)
            .cloned()
            .collect();
        let e = &ledger.expenses;
        let corrections = ledger.entries(|i, d| {
            e.amount[i] < 0.0
                && ledger.class[i].status == ExpenseStatus::Paid
                && d.is_some_and(|d| d <= ledger.period_end)
        });
        let undated = ledger.entries(|_, d| d.is_none());
        FinanceFlags {
            used_up,
            negative,
            corrections,
            undated,
        }
    }

    /// Whether there is nothing to flag.
    pub fn is_empty(&self) -> bool {
        self.used_up.is_empty()
            && self.negative.is_empty()
            && self.corrections.is_empty()
            && self.undated.is_empty()
    }
}
