//! The indicator tracking table as an xlsx workbook an evaluator can open:
//! one sheet per period, frozen header, numbers as numbers, statuses coloured;
//! the financial statement, and after the other sheets the tables a funder's
//! templates take ([`funder`]).

mod funder;
pub mod previous;

use std::path::Path;

use cadre::cell::Cell;
use cadre::error::TableProblem;
use cadre::finance::{BudgetRow, FinancialStatement};
use cadre::table::{IndicatorTable, Status, format_value};
use cadre::{Lang, Programme, indicator::IndicatorDef};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::messages::Word;

/// The fill colour of a status chip (also used by the PDF report).
pub fn status_color(s: Status) -> u32 {
    match s {
        Status::Achieved => 0x1B7F3B,
        Status::OnTrack => 0x4CAF50,
        Status::AtRisk => 0xF0A202,
        Status::OffTrack => 0xC62828,
        Status::NotStarted => 0x9E9E9E,
        Status::NoTarget => 0x78909C,
        Status::NoData => 0xBDBDBD,
    }
}

/// The tracking workbook's bytes: one sheet per table (one per period),
/// the financial statement when given (of the last period), and a
/// definitions sheet. `histories` are the engine's histories of the
/// tables' periods ([`cadre::Engine::history`]), in the tables' order: a
/// table with its history gets the previous quarter's cumulative value and
/// the change since ([`previous`]); one without (a shorter or empty slice)
/// keeps the contract's columns. `creation` is the workbook's creation date
/// (the same inputs give the same bytes).
pub fn tracking_xlsx(
    programme: &Programme,
    tables: &[IndicatorTable],
    histories: &[cadre::history::History],
    statement: Option<&FinancialStatement>,
    lang: Lang,
    creation: chrono::NaiveDateTime,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // A fixed creation date: the same inputs give the same bytes.
    let created = ExcelDateTime::from_ymd(
        chrono::Datelike::year(&creation) as u16,
        chrono::Datelike::month(&creation) as u8,
        chrono::Datelike::day(&creation) as u8,
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title(&programme.info.name)
            .set_author("cadre"),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x1F3A5F))
        .set_font_color(Color::White)
        .set_text_wrap()
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let number = Format::new().set_num_format("#,##0.####");
    let pct = Format::new().set_num_format("0.0");
    for (i, table) in tables.iter().enumerate() {
        let name = sheet_name(&table.period.label);
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        let sheet = PeriodSheet {
            table,
            history: histories.get(i),
        };
        write_period_sheet(ws, programme, sheet, lang, &header, &number, &pct)?;
    }
    if let Some(s) = statement {
        let ws = wb.add_worksheet();
        ws.set_name(Word::FinancialStatement.text(lang))?;
        write_statement(ws, programme, s, lang, &header, &pct)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(Word::Definitions.text(lang))?;
    write_definitions(ws, programme, lang, &header)?;
    if let Some(s) = statement {
        funder::write_funder_sheets(&mut wb, programme, s, lang, &header)?;
    }
    wb.save_to_buffer()
}

fn sheet_name(label: &str) -> String {
    // Excel forbids `: \ / ? * [ ]` and more than 31 characters.
    label
        .chars()
        .map(|c| if ":\\/?*[]".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

/// A period sheet's table, and its period's history when given.
struct PeriodSheet<'a> {
    table: &'a IndicatorTable,
    history: Option<&'a cadre::history::History>,
}

#[allow(clippy::too_many_arguments)]
fn write_period_sheet(
    ws: &mut Worksheet,
    programme: &Programme,
    sheet: PeriodSheet<'_>,
    lang: Lang,
    header: &Format,
    number: &Format,
    pct: &Format,
) -> Result<(), XlsxError> {
    let cols = [
        (Word::Indicator, 10.0),
        (Word::Label, 48.0),
        (Word::Breakdown, 12.0),
        (Word::Category, 22.0),
        (Word::Baseline, 10.0),
        (Word::PeriodValue, 12.0),
        (Word::CumulativeValue, 12.0),
        (Word::Milestone, 11.0),
        (Word::Target, 10.0),
        (Word::AchievementPct, 12.0),
        (Word::Status, 14.0),
        (Word::PeriodTarget, 12.0),
        (Word::PeriodAchievementPct, 12.0),
    ];
    // The period target's columns only for a programme that declares one:
    // the others keep the contract's columns.
    let table = sheet.table;
    let cols = &cols[..if table.period_targets { 13 } else { 11 }];
    for (i, (key, width)) in cols.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, key.text(lang), header)?;
        ws.set_column_width(i as u16, *width)?;
    }
    ws.set_row_height(0, 32)?;
    ws.set_freeze_panes(1, 0)?;
    let mut row = 1u32;
    let put =
        |ws: &mut Worksheet, r: u32, c: u16, v: Option<f64>, f: &Format| -> Result<(), XlsxError> {
            if let Some(v) = v {
                ws.write_number_with_format(r, c, v, f)?;
            }
            Ok(())
        };
    for ind in &table.indicators {
        ws.write_string(row, 0, &ind.code)?;
        ws.write_string(row, 1, ind.label.get(lang))?;
        put(ws, row, 4, ind.baseline, number)?;
        put(ws, row, 5, ind.period_value, number)?;
        put(ws, row, 6, ind.cumulative_value, number)?;
        put(ws, row, 7, ind.milestone.map(|m| m.value), number)?;
        put(ws, row, 8, ind.target, number)?;
        put(ws, row, 9, ind.achievement_pct, pct)?;
        ws.write_string_with_format(row, 10, ind.status.text(lang), &chip(ind.status))?;
        put(ws, row, 11, ind.period_target, number)?;
        put(ws, row, 12, ind.period_achievement_pct, pct)?;
        row += 1;
        for b in &ind.breakdowns {
            let dim = programme
                .dimension(&b.by)
                .map(|d| d.label.get(lang).to_owned())
                .unwrap_or_else(|| b.by.clone());
            for c in &b.categories {
                ws.write_string(row, 0, &ind.code)?;
                ws.write_string(row, 2, &dim)?;
                let cat = if c.empty {
                    b.empty_label.get(lang).to_owned()
                } else {
                    c.category.clone()
                };
                ws.write_string(row, 3, &cat)?;
                put(ws, row, 5, c.period_value, number)?;
                put(ws, row, 6, c.cumulative_value, number)?;
                put(ws, row, 8, c.target, number)?;
                put(ws, row, 9, c.achievement_pct, pct)?;
                if let Some(status) = c.status {
                    ws.write_string_with_format(row, 10, status.text(lang), &chip(status))?;
                }
                row += 1;
            }
        }
    }
    let mut last = cols.len() as u16 - 1;
    if let Some(history) = sheet.history {
        previous::write_columns(
            ws,
            last + 1,
            programme,
            table,
            history,
            lang,
            header,
            number,
        )?;
        last += previous::COLUMNS.len() as u16;
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), last)?;
    Ok(())
}

/// A status cell's format: white bold on the status colour.
fn chip(status: Status) -> Format {
    Format::new()
        .set_background_color(Color::RGB(status_color(status)))
        .set_font_color(Color::White)
        .set_bold()
}

/// The formats of the financial statement's cells.
struct StatementFormats<'a> {
    header: &'a Format,
    money: Format,
    bold_money: Format,
    pct: &'a Format,
    bold_pct: Format,
    bold: Format,
    /// The exchange rate, when declared: each total is also written
    /// converted, under it.
    rate: Option<&'a cadre::programme::ExchangeRate>,
    /// The formats of the converted totals.
    converted: funder::Formats,
}

impl<'a> StatementFormats<'a> {
    fn new(
        header: &'a Format,
        pct: &'a Format,
        rate: Option<&'a cadre::programme::ExchangeRate>,
    ) -> StatementFormats<'a> {
        let money = Format::new().set_num_format("#,##0.00");
        StatementFormats {
            rate,
            converted: funder::formats(header),
            header,
            bold_money: money.clone().set_bold(),
            money,
            pct,
            bold_pct: pct.clone().set_bold(),
            bold: Format::new().set_bold(),
        }
    }
}

/// The headings of the statement's grouping columns (action, budget line,
/// funder): their labels in the definitions, else the column's name.
struct GroupingLabels {
    action: String,
    line: String,
    funder: String,
    nature: String,
}

impl GroupingLabels {
    fn new(programme: &Programme, lang: Lang) -> GroupingLabels {
        let fin = programme.finance.as_ref();
        let label_of = |dataset: Option<&str>, column: Option<&str>| -> String {
            dataset
                .zip(column)
                .and_then(|(d, c)| programme.dataset(d)?.column(c))
                .map(|c| c.label.get(lang).to_owned())
                .or_else(|| column.map(str::to_owned))
                .unwrap_or_default()
        };
        let budget = fin.map(|f| f.budget.dataset.as_str());
        GroupingLabels {
            action: label_of(
                budget,
                fin.and_then(|f| f.budget.action.as_deref().or(f.expenses.action.as_deref())),
            ),
            line: label_of(
                budget,
                fin.and_then(|f| f.budget.line.as_deref().or(f.expenses.line.as_deref())),
            ),
            funder: label_of(
                fin.map(|f| f.expenses.dataset.as_str()),
                fin.and_then(|f| f.expenses.funder.as_deref()),
            ),
            nature: label_of(
                fin.map(|f| f.expenses.dataset.as_str()),
                fin.and_then(|f| f.expenses.nature.as_deref()),
            ),
        }
    }
}

/// The financial statement: by action, by budget line, by funder, each
/// block under its own header row, totals in bold; amounts as numbers.
fn write_statement(
    ws: &mut Worksheet,
    programme: &Programme,
    s: &FinancialStatement,
    lang: Lang,
    header: &Format,
    pct: &Format,
) -> Result<(), XlsxError> {
    let rate = programme
        .finance
        .as_ref()
        .and_then(|f| f.exchange_rate.as_ref());
    let formats = StatementFormats::new(header, pct, rate);
    let labels = GroupingLabels::new(programme, lang);
    let widths = [14.0, 44.0, 14.0, 16.0, 14.0, 14.0, 12.0];
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    // The exchange rate, when declared, above the tables.
    let top = funder::write_rate_line(ws, 0, rate, programme, lang, &formats.converted)?;
    let row = write_budget_blocks(ws, top, s, &labels, lang, &formats)?;
    if let Some(rows) = &s.by_funder {
        write_funder_block(ws, row, rows, &s.total, &labels.funder, lang, &formats)?;
    }
    Ok(())
}

/// A block's header row.
fn write_heads(
    ws: &mut Worksheet,
    row: u32,
    words: [&str; 7],
    header: &Format,
) -> Result<(), XlsxError> {
    for (i, w) in words.iter().enumerate() {
        ws.write_string_with_format(row, i as u16, *w, header)?;
    }
    ws.set_row_height(row, 30)?;
    Ok(())
}

/// A row's budget, spending, remainder and share used (in bold for a
/// total).
fn write_figures(
    ws: &mut Worksheet,
    row: u32,
    x: &cadre::finance::BudgetFigures,
    total: bool,
    f: &StatementFormats<'_>,
) -> Result<(), XlsxError> {
    let (m, p) = if total {
        (&f.bold_money, &f.bold_pct)
    } else {
        (&f.money, f.pct)
    };
    ws.write_number_with_format(row, 2, x.budget, m)?;
    ws.write_number_with_format(row, 3, x.spent_period, m)?;
    ws.write_number_with_format(row, 4, x.spent_to_date, m)?;
    ws.write_number_with_format(row, 5, x.remaining, m)?;
    if let Some(u) = x.used_pct {
        ws.write_number_with_format(row, 6, u, p)?;
    }
    Ok(())
}

/// The blocks by action and by budget line (those the statement has),
/// each with its total; returns the first row after them.
fn write_budget_blocks(
    ws: &mut Worksheet,
    mut row: u32,
    s: &FinancialStatement,
    labels: &GroupingLabels,
    lang: Lang,
    f: &StatementFormats<'_>,
) -> Result<u32, XlsxError> {
    let figure_heads = |first: &str, second: &str| {
        [
            first.to_owned(),
            second.to_owned(),
            Word::Budget.text(lang).to_owned(),
            Word::SpentInPeriod.text(lang).to_owned(),
            Word::SpentToDate.text(lang).to_owned(),
            Word::Remaining.text(lang).to_owned(),
            Word::UsedPct.text(lang).to_owned(),
        ]
    };
    let blocks: [(&Option<Vec<BudgetRow>>, [String; 7]); 2] = [
        (&s.by_action, figure_heads(&labels.action, "")),
        (&s.by_line, figure_heads(&labels.action, &labels.line)),
    ];
    for (rows, words) in blocks {
        let Some(rows) = rows else { continue };
        write_heads(ws, row, words.each_ref().map(String::as_str), f.header)?;
        row += 1;
        for r in rows {
            if let Some(a) = &r.action {
                ws.write_string(row, 0, &a.value)?;
            }
            let label = match &r.line {
                Some(l) => l.text(lang),
                None => r.action.as_ref().map(|a| a.text(lang)).unwrap_or(""),
            };
            ws.write_string(row, 1, label)?;
            write_figures(ws, row, &r.figures, false, f)?;
            row += 1;
        }
        ws.write_string_with_format(row, 0, Word::Total.text(lang), &f.bold)?;
        write_figures(ws, row, &s.total, true, f)?;
        if let Some(rate) = f.rate {
            let t = &s.total;
            let amounts = [
                (2, Some(t.budget)),
                (3, Some(t.spent_period)),
                (4, Some(t.spent_to_date)),
                (5, Some(t.remaining)),
            ];
            row += 1;
            funder::write_converted(ws, row, rate, &amounts, lang, &f.converted)?;
        }
        row += 2;
    }
    Ok(row)
}

/// The block by funder from `row`: each funder's spending, its share and
/// its ceiling, then the total.
fn write_funder_block(
    ws: &mut Worksheet,
    mut row: u32,
    rows: &[cadre::finance::FunderRow],
    total: &cadre::finance::BudgetFigures,
    funder: &str,
    lang: Lang,
    f: &StatementFormats<'_>,
) -> Result<(), XlsxError> {
    let words = [
        "",
        funder,
        "",
        Word::SpentInPeriod.text(lang),
        Word::SpentToDate.text(lang),
        Word::ShareOfSpendingPct.text(lang),
        Word::CeilingPct.text(lang),
    ];
    write_heads(ws, row, words, f.header)?;
    row += 1;
    for r in rows {
        ws.write_string(row, 0, &r.funder.value)?;
        ws.write_string(row, 1, r.funder.text(lang))?;
        ws.write_number_with_format(row, 3, r.spent_period, &f.money)?;
        ws.write_number_with_format(row, 4, r.spent_to_date, &f.money)?;
        if let Some(v) = r.share_pct {
            ws.write_number_with_format(row, 5, v, f.pct)?;
        }
        if let Some(v) = r.rate_pct {
            ws.write_number_with_format(row, 6, v, f.pct)?;
        }
        row += 1;
    }
    ws.write_string_with_format(row, 0, Word::Total.text(lang), &f.bold)?;
    ws.write_number_with_format(row, 3, total.spent_period, &f.bold_money)?;
    ws.write_number_with_format(row, 4, total.spent_to_date, &f.bold_money)?;
    if let Some(rate) = f.rate {
        let amounts = [
            (3, Some(total.spent_period)),
            (4, Some(total.spent_to_date)),
        ];
        funder::write_converted(ws, row + 1, rate, &amounts, lang, &f.converted)?;
    }
    Ok(())
}

fn write_definitions(
    ws: &mut Worksheet,
    programme: &Programme,
    lang: Lang,
    header: &Format,
) -> Result<(), XlsxError> {
    let cols = [
        (Word::Indicator, 10.0),
        (Word::Label, 40.0),
        (Word::Level, 10.0),
        (Word::Kind, 10.0),
        (Word::Definition, 60.0),
        (Word::Unit, 14.0),
        (Word::Target, 10.0),
        (Word::Milestones, 30.0),
        (Word::Verification, 40.0),
    ];
    for (i, (key, width)) in cols.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, key.text(lang), header)?;
        ws.set_column_width(i as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (r, ind) in programme.indicators.iter().enumerate() {
        let r = r as u32 + 1;
        let IndicatorDef {
            code,
            label,
            level,
            kind,
            definition,
            unit,
            target,
            milestones,
            verification,
            ..
        } = ind;
        ws.write_string_with_format(r, 0, code, &wrap)?;
        ws.write_string_with_format(r, 1, label.get(lang), &wrap)?;
        ws.write_string_with_format(r, 2, level.as_str(), &wrap)?;
        ws.write_string_with_format(r, 3, kind.as_str(), &wrap)?;
        ws.write_string_with_format(r, 4, definition.get(lang), &wrap)?;
        ws.write_string_with_format(r, 5, unit.get(lang), &wrap)?;
        match target {
            Some(t) => ws.write_number_with_format(r, 6, *t, &wrap)?,
            None => ws.write_blank(r, 6, &wrap)?,
        };
        let ms: Vec<String> = milestones
            .iter()
            .map(|m| format!("{}: {}", m.date, format_value(m.value)))
            .collect();
        ws.write_string_with_format(r, 7, ms.join("; "), &wrap)?;
        ws.write_string_with_format(r, 8, verification.get(lang), &wrap)?;
    }
    Ok(())
}

/// Reads back a tracking workbook written by [`tracking_xlsx`]: for
/// each period sheet, its label and its rows in the form `compute` gives, so
/// that `check` can compare them. Labels (dimensions, empty categories,
/// statuses) are mapped back in any of the programme's languages.
pub fn read_tracking_xlsx(
    programme: &Programme,
    path: &Path,
) -> Result<Vec<(String, Vec<cadre::table::FlatRow>)>, cadre::Error> {
    let other_sheets = other_sheet_names();
    let mut out: Vec<(String, Vec<cadre::table::FlatRow>)> = Vec::new();
    // Whether the sheet being read has the period target's columns: after
    // the contract's, a sheet has them or the previous quarter's, or both.
    let mut period_targets = false;
    cadre::ingest::read_sheets(path, &mut |sheet, row, cells| {
        if other_sheets.contains(&sheet) {
            return Ok(());
        }
        if out.last().is_none_or(|(name, _)| name != sheet) {
            out.push((sheet.to_owned(), Vec::new()));
        }
        let read = SheetRow {
            path,
            sheet,
            row,
            cells,
            period_targets,
        };
        // The first row holds the headings.
        if row == 1 {
            let heading = read.text(11);
            period_targets = Lang::ALL
                .iter()
                .any(|l| Word::PeriodTarget.text(*l) == heading);
            return Ok(());
        }
        if let (Some(flat), Some((_, rows))) = (read.flat_row(programme)?, out.last_mut()) {
            rows.push(flat);
        }
        Ok(())
    })?;
    Ok(out)
}

/// The names, in every language, of the sheets that are not a period's:
/// the definitions, the financial statement.
fn other_sheet_names() -> Vec<&'static str> {
    Lang::ALL
        .iter()
        .flat_map(|l| {
            [
                Word::Definitions.text(*l),
                Word::FinancialStatement.text(*l),
            ]
            .into_iter()
            .chain(funder::sheet_names(*l))
        })
        .collect()
}

/// One row of a period sheet of the tracking workbook, being read back.
struct SheetRow<'a, 'c> {
    path: &'a Path,
    sheet: &'a str,
    row: u32,
    cells: &'a [(u32, Cell<'c>)],
    /// Whether columns 11 and 12 are the period target's.
    period_targets: bool,
}

impl SheetRow<'_, '_> {
    /// The row as `compute` gives it; `None` for a row without indicator.
    fn flat_row(
        &self,
        programme: &Programme,
    ) -> Result<Option<cadre::table::FlatRow>, cadre::Error> {
        let indicator = self.text(0);
        if indicator.is_empty() {
            return Ok(None);
        }
        let (breakdown, category) = self.breakdown(programme);
        let total = breakdown.is_empty();
        let on_total = |c: u32, column: &str| -> Result<Option<f64>, cadre::Error> {
            if total && (c < 11 || self.period_targets) {
                self.number(c, column)
            } else {
                Ok(None)
            }
        };
        Ok(Some(cadre::table::FlatRow {
            indicator,
            breakdown,
            category,
            period_value: self.number(5, "period_value")?,
            cumulative_value: self.number(6, "cumulative_value")?,
            milestone: on_total(7, "milestone")?,
            // A category with a target has one, and its achievement.
            target: self.number(8, "target")?,
            achievement_pct: self.number(9, "achievement_pct")?,
            status: self.status()?,
            period_target: on_total(11, "period_target")?,
            period_achievement_pct: on_total(12, "period_achievement_pct")?,
        }))
    }

    fn bad(&self, problem: TableProblem) -> cadre::Error {
        cadre::Error::ClaimedTable {
            path: self.path.to_path_buf(),
            sheet: Some(self.sheet.to_owned()),
            row: Some(self.row),
            problem,
        }
    }

    fn cell(&self, c: u32) -> Option<&Cell<'_>> {
        self.cells.iter().find(|(i, _)| *i == c).map(|(_, v)| v)
    }

    fn text(&self, c: u32) -> String {
        match self.cell(c) {
            Some(Cell::Text(s)) => s.trim().to_owned(),
            Some(Cell::Int(n)) => n.to_string(),
            Some(Cell::Float(f)) => format_value(*f),
            Some(Cell::Bool(b)) => b.to_string(),
            Some(Cell::DateTime(d)) => d.to_string(),
            Some(Cell::Error(e)) => e.clone(),
            Some(Cell::Empty) | None => String::new(),
        }
    }

    /// A number, written as one or as text (a decimal comma accepted);
    /// `None` when the cell is empty.
    fn number(&self, c: u32, column: &str) -> Result<Option<f64>, cadre::Error> {
        match self.cell(c) {
            Some(Cell::Float(f)) => Ok(Some(*f)),
            Some(Cell::Int(n)) => Ok(Some(*n as f64)),
            Some(Cell::Empty) | None => Ok(None),
            Some(Cell::Text(s)) if s.trim().is_empty() => Ok(None),
            Some(_) => {
                let value = self.text(c);
                value.replace(',', ".").parse().map(Some).map_err(|_| {
                    self.bad(TableProblem::NotANumber {
                        column: column.to_owned(),
                        value,
                    })
                })
            }
        }
    }

    /// The breakdown's name and the category, from their labels in any
    /// language (the empty category as the programme's default language
    /// writes it); both empty on an indicator's total row.
    fn breakdown(&self, programme: &Programme) -> (String, String) {
        let label = self.text(2);
        if label.is_empty() {
            return (String::new(), String::new());
        }
        let (name, empty) = programme
            .dimensions
            .iter()
            .find(|d| d.name == label || d.label.0.values().any(|l| *l == label))
            .map(|d| (d.name.clone(), d.empty.clone()))
            .unwrap_or((label.clone(), Default::default()));
        let cat = self.text(3);
        let category = if empty.0.values().any(|e| *e == cat) {
            empty.get(programme.default_language()).to_owned()
        } else {
            cat
        };
        (name, category)
    }

    /// The status, from its label in any language or its code.
    fn status(&self) -> Result<Option<Status>, cadre::Error> {
        let status_text = self.text(10);
        if status_text.is_empty() {
            return Ok(None);
        }
        Status::ALL
            .into_iter()
            .find(|s| {
                Lang::ALL.iter().any(|l| s.text(*l) == status_text) || s.as_str() == status_text
            })
            .map(Some)
            .ok_or_else(|| {
                self.bad(TableProblem::UnknownStatus {
                    value: status_text.clone(),
                })
            })
    }
}
