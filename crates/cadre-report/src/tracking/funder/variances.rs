//! The variances sheet (per budget line, else action, then per nature: the
//! budget, what is spent, paid after, committed and planned, the forecast
//! and how it was made, the variance and whether it needs a justification)
//! and the sheet of the ineligible expenses, the corrections and credit
//! notes, and the undated expenses.

use cadre::finance::{BudgetFigures, BudgetRow, ExpenseEntry, ForecastMethod};
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Ctx;
use crate::messages::Word;

/// The figure columns of the variances sheet, from column 2.
const FIGURES: [Word; 10] = [
    Word::Budget,
    Word::SpentToDate,
    Word::PaidAfterPeriod,
    Word::Committed,
    Word::PlannedByWorkplan,
    Word::Forecast,
    Word::ForecastMethod,
    Word::Variance,
    Word::VariancePct,
    Word::JustificationExpected,
];

/// A forecast method in words.
fn method_word(m: ForecastMethod) -> Word {
    match m {
        ForecastMethod::Plan => Word::MethodPlan,
        ForecastMethod::StraightLine => Word::MethodStraightLine,
        ForecastMethod::Actual => Word::MethodActual,
        ForecastMethod::Mixed => Word::MethodMixed,
    }
}

impl Ctx<'_> {
    /// The variances sheet.
    pub(super) fn variances(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let widths = [
            12.0, 36.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 22.0, 15.0, 12.0, 14.0,
        ];
        for (i, w) in widths.iter().enumerate() {
            ws.set_column_width(i as u16, *w)?;
        }
        ws.set_freeze_panes(1, 2)?;
        let s = self.s;
        let lines = s.by_line.as_deref().or(s.by_action.as_deref());
        let second = if s.by_line.is_some() {
            &self.labels.line
        } else {
            ""
        };
        let row = self.variance_block(ws, 0, [&self.labels.action, second], lines)?;
        if let Some(natures) = &s.by_nature {
            let (code, nature) = (self.word(Word::Code), self.labels.nature.as_str());
            self.variance_block(ws, row + 1, [code, nature], Some(natures))?;
        }
        Ok(())
    }

    /// A block of rows with its header and total; returns the row after
    /// its total.
    fn variance_block(
        &self,
        ws: &mut Worksheet,
        mut row: u32,
        first: [&str; 2],
        rows: Option<&[BudgetRow]>,
    ) -> Result<u32, XlsxError> {
        let mut words: Vec<&str> = first.to_vec();
        words.extend(FIGURES.iter().map(|w| self.word(*w)));
        self.heads(ws, row, &words)?;
        row += 1;
        for r in rows.unwrap_or_default() {
            let (code, label) = match (&r.nature, &r.line, &r.action) {
                (Some(n), _, _) => (n.value.as_str(), n.text(self.lang)),
                (None, Some(l), a) => (
                    a.as_ref().map(|a| a.value.as_str()).unwrap_or(""),
                    l.text(self.lang),
                ),
                (None, None, Some(a)) => (a.value.as_str(), a.text(self.lang)),
                (None, None, None) => ("", ""),
            };
            ws.write_string(row, 0, code)?;
            ws.write_string(row, 1, label)?;
            self.variance_figures(ws, row, &r.figures, false)?;
            row += 1;
        }
        self.total_label(ws, row, 0)?;
        self.variance_figures(ws, row, &self.s.total, true)?;
        Ok(row + 1)
    }

    /// A row's figures from column 2.
    fn variance_figures(
        &self,
        ws: &mut Worksheet,
        row: u32,
        x: &BudgetFigures,
        total: bool,
    ) -> Result<(), XlsxError> {
        self.money(ws, row, 2, x.budget, total)?;
        self.money(ws, row, 3, x.spent_to_date, total)?;
        self.money(ws, row, 4, x.paid_after, total)?;
        self.money(ws, row, 5, x.committed, total)?;
        self.money(ws, row, 6, x.planned, total)?;
        self.money(ws, row, 7, x.forecast, total)?;
        ws.write_string(row, 8, self.word(method_word(x.forecast_method)))?;
        self.money(ws, row, 9, x.variance, total)?;
        self.pct(ws, row, 10, x.variance_pct, total)?;
        let yes = if x.needs_justification {
            Word::Yes
        } else {
            Word::No
        };
        ws.write_string(row, 11, self.word(yes))?;
        Ok(())
    }

    /// The sheet of the ineligible expenses (when an eligibility column is
    /// declared), the corrections and credit notes, the undated expenses:
    /// each block under its title, with its total.
    pub(super) fn ineligible(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let widths = [12.0, 12.0, 12.0, 30.0, 30.0, 24.0, 15.0];
        for (i, w) in widths.iter().enumerate() {
            ws.set_column_width(i as u16, *w)?;
        }
        ws.set_freeze_panes(2, 0)?;
        let s = self.s;
        let mut blocks: Vec<(Word, &[ExpenseEntry])> = Vec::new();
        if self.fin.expenses.eligible.is_some() {
            blocks.push((Word::IneligibleExpenses, &s.ineligible.rows));
        }
        blocks.push((Word::CorrectionsAndCreditNotes, &s.flags.corrections));
        blocks.push((Word::UndatedExpenses, &s.flags.undated));
        let mut row = 0;
        for (title, entries) in blocks {
            row = self.entries_block(ws, row, title, entries)? + 1;
        }
        Ok(())
    }

    /// A block of expense rows under its title and header, with their
    /// total; returns the row after the total.
    fn entries_block(
        &self,
        ws: &mut Worksheet,
        mut row: u32,
        title: Word,
        entries: &[ExpenseEntry],
    ) -> Result<u32, XlsxError> {
        ws.write_string_with_format(row, 0, self.word(title), &self.f.bold)?;
        let l = &self.labels;
        let words = [
            self.word(Word::SheetRow),
            self.word(Word::ExpenseDate),
            l.action.as_str(),
            l.line.as_str(),
            l.nature.as_str(),
            l.funder.as_str(),
            self.word(Word::Amount),
        ];
        self.heads(ws, row + 1, &words)?;
        row += 2;
        for e in entries {
            if let Some(r) = e.row {
                ws.write_number(row, 0, r)?;
            }
            if let Some(d) = e.date {
                self.date(ws, row, 1, d)?;
            }
            ws.write_string(row, 2, &e.action)?;
            ws.write_string(row, 3, &e.line)?;
            ws.write_string(row, 4, self.nature_text(&e.nature))?;
            ws.write_string(row, 5, &e.funder)?;
            self.money(ws, row, 6, e.amount, false)?;
            row += 1;
        }
        self.total_label(ws, row, 0)?;
        let sum: f64 = entries.iter().map(|e| e.amount).sum();
        self.money(ws, row, 6, sum, true)?;
        Ok(row + 1)
    }
}
