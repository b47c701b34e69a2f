//! The statement by nature, in the shape of the Cerfa n°15059 fiche 6-2:
//! the costs by nature (planned, actual to date and its share, the forecast
//! and the variance), their total; the contributions in kind used apart;
//! the resources by funder (planned, received, or spent without
//! instalments, and the share) and their total; the contributions in kind
//! each funder brought apart.

use cadre::finance::{BudgetRow, Labelled};
use cadre::programme::FinanceLayout;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Ctx;
use crate::messages::Word;

/// `part` over `whole`, in percent; none without a whole.
fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole * 100.0)
}

impl Ctx<'_> {
    /// The sheet by nature.
    pub(super) fn by_nature(
        &self,
        ws: &mut Worksheet,
        rows: &[BudgetRow],
    ) -> Result<(), XlsxError> {
        for (i, w) in [48.0, 15.0, 15.0, 12.0, 15.0, 15.0, 12.0]
            .iter()
            .enumerate()
        {
            ws.set_column_width(i as u16, *w)?;
        }
        let words = [
            Word::Costs,
            Word::Planned,
            Word::ActualToDate,
            Word::ActualPct,
            Word::Forecast,
            Word::Variance,
            Word::VariancePct,
        ]
        .map(|w| self.word(w));
        self.heads(ws, 0, &words)?;
        ws.set_freeze_panes(1, 0)?;
        let mut row = 1;
        for r in rows {
            let label = r.nature.as_ref().map(|n| self.code_label(n));
            ws.write_string(row, 0, label.unwrap_or_default())?;
            self.nature_figures(ws, row, &r.figures, false)?;
            row += 1;
        }
        self.total_label(ws, row, 0)?;
        self.nature_figures(ws, row, &self.s.total, true)?;
        row += 2;
        if let Some(k) = self.s.in_kind {
            let words = [
                Word::InKindCosts,
                Word::Planned,
                Word::ValuedToDate,
                Word::ActualPct,
            ]
            .map(|w| self.word(w));
            self.heads(ws, row, &words)?;
            ws.write_string(row + 1, 0, self.in_kind_label())?;
            self.money(ws, row + 1, 1, k.budget, false)?;
            self.money(ws, row + 1, 2, k.valued_to_date, false)?;
            self.pct(ws, row + 1, 3, share(k.valued_to_date, k.budget), false)?;
            row += 3;
        }
        self.resources(ws, row)
    }

    /// A nature's value and label: "64 Charges de personnel"; "(empty)"
    /// for rows without a nature.
    fn code_label(&self, n: &Labelled) -> String {
        let label = n.label.get(self.lang);
        match (
            n.value.is_empty(),
            label.trim().is_empty() || label == n.value,
        ) {
            (true, _) => self.word(Word::Empty).to_owned(),
            (false, true) => n.value.clone(),
            (false, false) => format!("{} {label}", n.value),
        }
    }

    /// The contributions in kind's row label: their natures with their
    /// labels, else the heading's word.
    fn in_kind_label(&self) -> String {
        let natures = self
            .fin
            .in_kind
            .as_ref()
            .map(|k| k.natures.as_slice())
            .unwrap_or_default();
        if natures.is_empty() {
            return self.word(Word::InKindCosts).to_owned();
        }
        let texts: Vec<String> = natures.iter().map(|n| self.nature_text(n)).collect();
        texts.join(", ")
    }

    /// Planned, actual to date and its share, forecast, variance and its
    /// share, from column 1.
    fn nature_figures(
        &self,
        ws: &mut Worksheet,
        row: u32,
        x: &cadre::finance::BudgetFigures,
        total: bool,
    ) -> Result<(), XlsxError> {
        self.money(ws, row, 1, x.budget, total)?;
        self.money(ws, row, 2, x.spent_to_date, total)?;
        self.pct(ws, row, 3, x.used_pct, total)?;
        self.money(ws, row, 4, x.forecast, total)?;
        self.money(ws, row, 5, x.variance, total)?;
        self.pct(ws, row, 6, x.variance_pct, total)
    }

    /// The resources by funder from `row`, then the contributions in kind
    /// they brought.
    fn resources(&self, ws: &mut Worksheet, mut row: u32) -> Result<(), XlsxError> {
        let (Some(funders), Some(funding)) = (&self.s.by_funder, &self.s.funding) else {
            return Ok(());
        };
        // What a funder has put in: the funds it sent, else what it paid
        // for when no instalments are declared.
        let (word, got): (Word, fn(&cadre::finance::FunderRow) -> f64) = if funding.instalments {
            (Word::ReceivedToDate, |r| r.received_to_date)
        } else {
            (Word::SpentToDate, |r| r.spent_to_date)
        };
        let words = [Word::Resources, Word::Planned, word, Word::ActualPct].map(|w| self.word(w));
        self.heads(ws, row, &words)?;
        row += 1;
        for r in funders {
            ws.write_string(row, 0, r.funder.text(self.lang))?;
            self.some_money(ws, row, 1, r.planned, false)?;
            self.money(ws, row, 2, got(r), false)?;
            self.pct(ws, row, 3, r.planned.and_then(|p| share(got(r), p)), false)?;
            row += 1;
        }
        let uncovered = funding.uncovered.abs() > 0.005;
        if uncovered {
            ws.write_string(row, 0, self.word(Word::Uncovered))?;
            self.money(ws, row, 1, funding.uncovered, false)?;
            row += 1;
        }
        let planned = if uncovered {
            funding.budget
        } else {
            funding.planned
        };
        let total_got = if funding.instalments {
            funding.received_to_date
        } else {
            funding.spent_to_date
        };
        self.total_label(ws, row, 0)?;
        self.money(ws, row, 1, planned, true)?;
        self.money(ws, row, 2, total_got, true)?;
        self.pct(ws, row, 3, share(total_got, planned), true)?;
        self.in_kind_resources(ws, row + 2, funders)
    }

    /// The contributions in kind each funder brought, valued to date, and
    /// their total (Cerfa account 87 in that layout).
    fn in_kind_resources(
        &self,
        ws: &mut Worksheet,
        mut row: u32,
        funders: &[cadre::finance::FunderRow],
    ) -> Result<(), XlsxError> {
        let Some(k) = self.s.in_kind else {
            return Ok(());
        };
        let heading = match self.fin.layout {
            FinanceLayout::Cerfa15059 => format!("87 {}", self.word(Word::InKindResources)),
            _ => self.word(Word::InKindResources).to_owned(),
        };
        let words = [
            heading.as_str(),
            self.word(Word::Planned),
            self.word(Word::ValuedToDate),
            self.word(Word::ActualPct),
        ];
        self.heads(ws, row, &words)?;
        row += 1;
        for r in funders.iter().filter(|r| r.in_kind_to_date.abs() > 0.005) {
            ws.write_string(row, 0, r.funder.text(self.lang))?;
            self.money(ws, row, 2, r.in_kind_to_date, false)?;
            row += 1;
        }
        self.total_label(ws, row, 0)?;
        self.money(ws, row, 2, k.valued_to_date, true)
    }
}
