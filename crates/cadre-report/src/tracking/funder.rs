//! The tables a funder's templates take, as further sheets of the tracking
//! workbook, after its other sheets: the financing plan, the statement by
//! nature (the Cerfa n°15059 fiche 6-2 shape), the variances per budget
//! line and nature, the ineligible expenses with the corrections and the
//! undated expenses. Amounts and percentages are numbers (amounts with a
//! thousands format), headers frozen, totals written as the statement's
//! totals (no formula: a reader without a spreadsheet engine reads the same
//! figures). A sheet appears only when the definitions declare what it
//! shows, so that a programme without natures or instalments gets no
//! empty sheet.

mod nature;
mod plan;
mod variances;

use cadre::finance::FinancialStatement;
use cadre::programme::{ExchangeRate, FinanceSettings};
use cadre::{Lang, Programme};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::GroupingLabels;
use crate::messages::Word;

/// The formats of the funder's sheets.
pub(super) struct Formats {
    header: Format,
    money: Format,
    bold_money: Format,
    pct: Format,
    bold_pct: Format,
    bold: Format,
    rate: Format,
    date: Format,
}

impl Formats {
    fn new(header: &Format) -> Formats {
        let money = Format::new().set_num_format("#,##0.00");
        let pct = Format::new().set_num_format("0.0");
        Formats {
            header: header.clone(),
            bold_money: money.clone().set_bold(),
            money,
            bold_pct: pct.clone().set_bold(),
            pct,
            bold: Format::new().set_bold(),
            rate: Format::new().set_num_format("0.######"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

/// What every funder's sheet is written from.
pub(super) struct Ctx<'a> {
    programme: &'a Programme,
    fin: &'a FinanceSettings,
    s: &'a FinancialStatement,
    lang: Lang,
    f: Formats,
    labels: GroupingLabels,
}

/// The names, in `lang`, of the sheets this module may add.
pub(super) fn sheet_names(lang: Lang) -> [&'static str; 4] {
    [
        Word::FinancingPlan.text(lang),
        Word::ByNature.text(lang),
        Word::Variances.text(lang),
        Word::IneligibleAndCorrections.text(lang),
    ]
}

/// Adds the funder's sheets the definitions call for, after the
/// workbook's other sheets: the financing plan when instalments are
/// declared or a funder declares its planned contribution or grant; the
/// statement by nature when a nature column is; the variances when
/// `variance_pct` or a status column is; the ineligible expenses and
/// corrections when an eligibility or status column is.
pub(super) fn write_funder_sheets(
    wb: &mut Workbook,
    programme: &Programme,
    s: &FinancialStatement,
    lang: Lang,
    header: &Format,
) -> Result<(), XlsxError> {
    let Some(fin) = programme.finance.as_ref() else {
        return Ok(());
    };
    // A grouping column without a label is headed by its word, not its
    // name in the data.
    let mut labels = GroupingLabels::new(programme, lang);
    for (label, word) in [
        (&mut labels.action, Word::Action),
        (&mut labels.line, Word::BudgetLine),
        (&mut labels.nature, Word::Nature),
        (&mut labels.funder, Word::Funder),
    ] {
        if label.trim().is_empty() {
            *label = word.text(lang).to_owned();
        }
    }
    let ctx = Ctx {
        programme,
        fin,
        s,
        lang,
        f: Formats::new(header),
        labels,
    };
    let declares_plan = fin.instalments.is_some()
        || programme
            .info
            .funders
            .iter()
            .any(|f| f.planned.is_some() || f.grant.is_some());
    if let (Some(rows), Some(funding), true) = (&s.by_funder, &s.funding, declares_plan) {
        let ws = wb.add_worksheet();
        ws.set_name(Word::FinancingPlan.text(lang))?;
        ctx.financing_plan(ws, rows, funding)?;
    }
    if let Some(rows) = &s.by_nature {
        let ws = wb.add_worksheet();
        ws.set_name(Word::ByNature.text(lang))?;
        ctx.by_nature(ws, rows)?;
    }
    if fin.variance_pct.is_some() || fin.expenses.status.is_some() {
        let ws = wb.add_worksheet();
        ws.set_name(Word::Variances.text(lang))?;
        ctx.variances(ws)?;
    }
    if fin.expenses.eligible.is_some() || fin.expenses.status.is_some() {
        let ws = wb.add_worksheet();
        ws.set_name(Word::IneligibleAndCorrections.text(lang))?;
        ctx.ineligible(ws)?;
    }
    Ok(())
}

impl Ctx<'_> {
    fn word(&self, w: Word) -> &'static str {
        w.text(self.lang)
    }

    /// A header row of `words` from column 0.
    fn heads(&self, ws: &mut Worksheet, row: u32, words: &[&str]) -> Result<(), XlsxError> {
        for (i, w) in words.iter().enumerate() {
            ws.write_string_with_format(row, i as u16, *w, &self.f.header)?;
        }
        ws.set_row_height(row, 30)?;
        Ok(())
    }

    /// An amount (in bold on a total row).
    fn money(
        &self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        v: f64,
        total: bool,
    ) -> Result<(), XlsxError> {
        let f = if total {
            &self.f.bold_money
        } else {
            &self.f.money
        };
        ws.write_number_with_format(row, col, v, f)?;
        Ok(())
    }

    /// An amount when known, else an empty cell.
    fn some_money(
        &self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        v: Option<f64>,
        total: bool,
    ) -> Result<(), XlsxError> {
        match v {
            Some(v) => self.money(ws, row, col, v, total),
            None => Ok(()),
        }
    }

    /// A percentage, as a number of percent, when known.
    fn pct(
        &self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        v: Option<f64>,
        total: bool,
    ) -> Result<(), XlsxError> {
        let f = if total { &self.f.bold_pct } else { &self.f.pct };
        if let Some(v) = v {
            ws.write_number_with_format(row, col, v, f)?;
        }
        Ok(())
    }

    /// "Total" in bold in column `col`.
    fn total_label(&self, ws: &mut Worksheet, row: u32, col: u16) -> Result<(), XlsxError> {
        ws.write_string_with_format(row, col, self.word(Word::Total), &self.f.bold)?;
        Ok(())
    }

    /// The exchange rate, when declared, on `row` (above a table): "1 EUR
    /// =", the rate as a number, the programme's currency. Returns the
    /// row the table starts on (two rows below it, else `row`).
    fn rate_line(&self, ws: &mut Worksheet, row: u32) -> Result<u32, XlsxError> {
        write_rate_line(
            ws,
            row,
            self.fin.exchange_rate.as_ref(),
            self.programme,
            self.lang,
            &self.f,
        )
    }

    /// A total converted into the other currency: `Total (EUR)` in column
    /// 0, each `(column, amount)` divided by the rate.
    fn converted_total(
        &self,
        ws: &mut Worksheet,
        row: u32,
        amounts: &[(u16, Option<f64>)],
    ) -> Result<(), XlsxError> {
        if let Some(rate) = &self.fin.exchange_rate {
            write_converted(ws, row, rate, amounts, self.lang, &self.f)?;
        }
        Ok(())
    }

    /// A date cell.
    fn date(
        &self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        d: chrono::NaiveDate,
    ) -> Result<(), XlsxError> {
        use chrono::Datelike;
        let d = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
        ws.write_datetime_with_format(row, col, &d, &self.f.date)?;
        Ok(())
    }

    /// The label of a nature value from the nature column's labels: "64
    /// Charges de personnel", else the value alone.
    fn nature_text(&self, value: &str) -> String {
        let label = self.nature_label(value);
        if label.is_empty() || label == value {
            value.to_owned()
        } else {
            format!("{value} {label}")
        }
    }

    /// The nature column's label of `value` (the expenses' column first,
    /// then the budget's); empty when none.
    fn nature_label(&self, value: &str) -> String {
        let (b, e) = (&self.fin.budget, &self.fin.expenses);
        [
            (e.dataset.as_str(), e.nature.as_deref()),
            (b.dataset.as_str(), b.nature.as_deref()),
        ]
        .into_iter()
        .filter_map(|(d, c)| self.programme.dataset(d)?.column(c?))
        .find_map(|c| c.value_labels.get(value))
        .map(|l| l.get(self.lang).to_owned())
        .unwrap_or_default()
    }
}

/// The exchange rate line above a table (see [`Ctx::rate_line`]).
pub(super) fn write_rate_line(
    ws: &mut Worksheet,
    row: u32,
    rate: Option<&ExchangeRate>,
    programme: &Programme,
    lang: Lang,
    f: &Formats,
) -> Result<u32, XlsxError> {
    let Some(rate) = rate else {
        return Ok(row);
    };
    ws.write_string_with_format(row, 0, Word::ExchangeRate.text(lang), &f.bold)?;
    ws.write_string(row, 1, format!("1 {} =", rate.currency))?;
    ws.write_number_with_format(row, 2, rate.rate, &f.rate)?;
    if let Some(c) = &programme.info.currency {
        ws.write_string(row, 3, c)?;
    }
    Ok(row + 2)
}

/// A total converted into the exchange rate's currency (see
/// [`Ctx::converted_total`]).
pub(super) fn write_converted(
    ws: &mut Worksheet,
    row: u32,
    rate: &ExchangeRate,
    amounts: &[(u16, Option<f64>)],
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let label = format!("{} ({})", Word::Total.text(lang), rate.currency);
    ws.write_string_with_format(row, 0, label, &f.bold)?;
    for (col, v) in amounts {
        if let Some(v) = v {
            ws.write_number_with_format(row, *col, v / rate.rate, &f.bold_money)?;
        }
    }
    Ok(())
}

/// The formats of the funder's sheets, for the statement sheet's
/// converted totals.
pub(super) fn formats(header: &Format) -> Formats {
    Formats::new(header)
}
