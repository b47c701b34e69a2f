//! The financing plan sheet: per funder its planned contribution and share
//! of the cash budget, its grant, what it paid for, its share of spending
//! against its ceiling, the funds it sent and the cash balance; the budget
//! no funder's plan covers; the total; the contributions in kind in their
//! own columns, never in the cash figures.

use cadre::finance::{CeilingCheck, FunderRow, Funding};
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Ctx;
use crate::messages::Word;

/// The columns of the financing plan, in order (the in-kind ones last).
const HEADS: [Word; 16] = [
    Word::Code,
    Word::Funder,
    Word::PlannedContribution,
    Word::PlannedPct,
    Word::Grant,
    Word::SpentInPeriod,
    Word::SpentToDate,
    Word::ShareOfSpendingPct,
    Word::CeilingPct,
    Word::CeilingCheck,
    Word::GapPoints,
    Word::ReceivedInPeriod,
    Word::ReceivedToDate,
    Word::CashBalance,
    Word::InKindInPeriod,
    Word::InKindToDate,
];

/// The widths of [`HEADS`].
const WIDTHS: [f64; 16] = [
    10.0, 36.0, 15.0, 12.0, 15.0, 15.0, 15.0, 12.0, 12.0, 12.0, 12.0, 15.0, 15.0, 15.0, 15.0, 15.0,
];

impl Ctx<'_> {
    /// The financing plan sheet.
    pub(super) fn financing_plan(
        &self,
        ws: &mut Worksheet,
        rows: &[FunderRow],
        funding: &Funding,
    ) -> Result<(), XlsxError> {
        let top = self.rate_line(ws, 0)?;
        // The in-kind columns only when contributions in kind are declared.
        let columns = if self.s.in_kind.is_some() { 16 } else { 14 };
        let words: Vec<&str> = HEADS[..columns].iter().map(|w| self.word(*w)).collect();
        self.heads(ws, top, &words)?;
        for (i, w) in WIDTHS[..columns].iter().enumerate() {
            ws.set_column_width(i as u16, *w)?;
        }
        ws.set_freeze_panes(top + 1, 2)?;
        let mut row = top + 1;
        for r in rows {
            ws.write_string(row, 0, &r.funder.value)?;
            ws.write_string(row, 1, r.funder.text(self.lang))?;
            self.funder_row(ws, row, r, funding.instalments)?;
            row += 1;
        }
        let uncovered = funding.uncovered.abs() > 0.005;
        if uncovered {
            ws.write_string(row, 1, self.word(Word::Uncovered))?;
            self.money(ws, row, 2, funding.uncovered, false)?;
            self.pct(
                ws,
                row,
                3,
                self.of_budget(funding, funding.uncovered),
                false,
            )?;
            row += 1;
        }
        // Printed with the uncovered row, the planned column adds up to
        // the budget.
        let planned = if uncovered {
            funding.budget
        } else {
            funding.planned
        };
        self.plan_total(ws, row, rows, funding, planned)?;
        let amounts = [
            (2, Some(planned)),
            (
                4,
                rows.iter()
                    .any(|r| r.grant.is_some())
                    .then_some(funding.grant),
            ),
            (5, Some(funding.spent_period)),
            (6, Some(funding.spent_to_date)),
            (11, funding.instalments.then_some(funding.received_period)),
            (12, funding.instalments.then_some(funding.received_to_date)),
            (13, funding.instalments.then_some(funding.balance)),
            (14, self.s.in_kind.map(|k| k.valued_period)),
            (15, self.s.in_kind.map(|k| k.valued_to_date)),
        ];
        self.converted_total(ws, row + 1, &amounts)
    }

    /// `amount` over the cash budget, in percent.
    fn of_budget(&self, funding: &Funding, amount: f64) -> Option<f64> {
        (funding.budget > 0.0).then(|| amount / funding.budget * 100.0)
    }

    /// A funder's figures, from column 2.
    fn funder_row(
        &self,
        ws: &mut Worksheet,
        row: u32,
        r: &FunderRow,
        instalments: bool,
    ) -> Result<(), XlsxError> {
        self.some_money(ws, row, 2, r.planned, false)?;
        self.pct(ws, row, 3, r.planned_pct, false)?;
        self.some_money(ws, row, 4, r.grant, false)?;
        self.money(ws, row, 5, r.spent_period, false)?;
        self.money(ws, row, 6, r.spent_to_date, false)?;
        self.pct(ws, row, 7, r.share_pct, false)?;
        self.pct(ws, row, 8, r.rate_pct, false)?;
        if let Some(check) = r.ceiling {
            let (word, gap) = match check {
                CeilingCheck::Respected { margin } => (Word::Respected, margin),
                CeilingCheck::Exceeded { by } => (Word::Exceeded, by),
            };
            ws.write_string(row, 9, self.word(word))?;
            self.pct(ws, row, 10, Some(gap), false)?;
        }
        // Nothing is known of the funds received without instalments.
        if instalments {
            self.money(ws, row, 11, r.received_period, false)?;
            self.money(ws, row, 12, r.received_to_date, false)?;
            self.money(ws, row, 13, r.balance, false)?;
        }
        if self.s.in_kind.is_some() {
            self.money(ws, row, 14, r.in_kind_period, false)?;
            self.money(ws, row, 15, r.in_kind_to_date, false)?;
        }
        Ok(())
    }

    /// The total row: the plan's totals as the statement gives them.
    fn plan_total(
        &self,
        ws: &mut Worksheet,
        row: u32,
        rows: &[FunderRow],
        funding: &Funding,
        planned: f64,
    ) -> Result<(), XlsxError> {
        self.total_label(ws, row, 0)?;
        self.money(ws, row, 2, planned, true)?;
        self.pct(ws, row, 3, self.of_budget(funding, planned), true)?;
        if rows.iter().any(|r| r.grant.is_some()) {
            self.money(ws, row, 4, funding.grant, true)?;
        }
        self.money(ws, row, 5, funding.spent_period, true)?;
        self.money(ws, row, 6, funding.spent_to_date, true)?;
        let shares: Vec<f64> = rows.iter().filter_map(|r| r.share_pct).collect();
        if !shares.is_empty() {
            self.pct(ws, row, 7, Some(shares.iter().sum()), true)?;
        }
        if funding.instalments {
            self.money(ws, row, 11, funding.received_period, true)?;
            self.money(ws, row, 12, funding.received_to_date, true)?;
            self.money(ws, row, 13, funding.balance, true)?;
        }
        if let Some(k) = self.s.in_kind {
            self.money(ws, row, 14, k.valued_period, true)?;
            self.money(ws, row, 15, k.valued_to_date, true)?;
        }
        Ok(())
    }
}
