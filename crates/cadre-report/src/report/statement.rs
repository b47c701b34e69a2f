//! The financial statement as the report prints it
//! (`report_templates/quarterly/statement.typ`): the core's
//! [`FinancialStatement`] with every amount and percentage formatted for the
//! language, every row labelled (the definitions' value labels), and its
//! sentences (co-financing, forecast, expenses after the period) written by
//! the catalogue. Absent when the programme declares no `[finance]`.

use cadre::finance::{BudgetFigures, BudgetRow, CeilingCheck, FinancialStatement, FunderRow};
use cadre::{Lang, Programme};
use serde::Serialize;

use super::ReportOptions;
use super::format::Formatter;
use super::funding::{CertificationData, InKindData, IneligibleData, PlanTable};
use super::narrative::Narrative;
use super::variances::VarianceSection;
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
    /// The indirect costs against their cap, in a sentence; none when the
    /// definitions declare none.
    pub indirect: Option<String>,
    /// The red flags' heading; none when there is no flag.
    pub flags_heading: Option<String>,
    /// The red flags ([`cadre::finance::FinanceFlags`]), a sentence each:
    /// lines used up early, negative lines, corrections and credit notes,
    /// undated expenses.
    pub flags: Vec<String>,
    /// How the statement is laid out: `statement`, `cerfa_15059` or `eu`.
    pub layout: cadre::programme::FinanceLayout,
    /// The statement by nature, when a nature column is declared.
    pub nature_table: Option<StatementTable>,
    /// The financing plan, when funders or instalments are declared.
    pub plan: Option<PlanTable>,
    /// The variances against the budget, with their justifications.
    pub variances: Option<VarianceSection>,
    /// The contributions in kind, when declared.
    pub in_kind: Option<InKindData>,
    /// The ineligible expenses, when there are some.
    pub ineligible: Option<IneligibleData>,
    /// The totals in another currency, in a sentence.
    pub exchange: Option<String>,
    /// The certification, on an annual or final report.
    pub certification: Option<CertificationData>,
    /// The Cerfa n°15059 fiche 6-2, with that layout.
    pub cerfa: Option<super::layouts::CerfaData>,
    /// The EU-style financial report, with that layout.
    pub eu: Option<super::layouts::EuData>,
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

/// The statement as the report prints it, with the narrative's
/// justifications of its variances.
pub fn build(
    programme: &Programme,
    s: &FinancialStatement,
    lang: Lang,
    narrative: Option<&Narrative>,
    options: &ReportOptions,
) -> StatementData {
    let w = Writer {
        f: Formatter::new(lang),
        currency: programme.info.currency.as_deref(),
        lang,
    };
    let labels = Labels::new(programme, lang);
    let f = &w.f;
    let end = f.date(s.period.end);
    let later = later(s, &w, &end);
    let variances = super::variances::section(
        s,
        &w,
        (&labels.action, &labels.line, &labels.nature),
        narrative.map(|n| (n.finance_intro.as_slice(), n.justifications.as_slice())),
    );
    let layout = programme
        .finance
        .as_ref()
        .map(|f| f.layout)
        .unwrap_or_default();
    StatementData {
        layout,
        nature_table: s
            .by_nature
            .as_ref()
            .map(|rows| coded_table(s, rows, &w, &labels.nature, |r| r.nature.as_ref())),
        plan: super::funding::plan(s, &w),
        variances,
        in_kind: super::funding::in_kind(s, &w),
        ineligible: super::funding::ineligible(s, &w, &labels.line),
        exchange: super::funding::exchange(programme, s, &w),
        certification: super::funding::certification(programme, s, &w, options),
        cerfa: (layout == cadre::programme::FinanceLayout::Cerfa15059)
            .then(|| super::layouts::cerfa(s, &w)),
        eu: (layout == cadre::programme::FinanceLayout::Eu)
            .then(|| super::layouts::eu(programme, s, &w)),
        intro: StatementText::Intro { end: &end }.render(lang),
        tables: budget_tables(s, &w, &labels),
        funders: s
            .by_funder
            .as_ref()
            .map(|rows| funder_table(s, rows, &w, &labels.funder)),
        cofinancing: s
            .by_funder
            .as_ref()
            .map(|rows| cofinancing(rows, &w))
            .unwrap_or_default(),
        forecast: forecast(s, &w),
        later,
        indirect: s.indirect.map(|i| {
            let pct = i.pct.map(|p| f.percent(p)).unwrap_or_default();
            let (margin, by) = match i.check {
                Some(CeilingCheck::Respected { margin }) => (Some(f.fixed(margin, 1)), None),
                Some(CeilingCheck::Exceeded { by }) => (None, Some(f.fixed(by, 1))),
                None => (None, None),
            };
            StatementText::Indirect {
                indirect: &w.money(i.indirect),
                direct: &w.money(i.direct),
                pct: &pct,
                cap: &f.percent(i.cap_pct),
                margin: margin.as_deref(),
                by: by.as_deref(),
            }
            .render(lang)
        }),
        flags_heading: (!s.flags.is_empty()).then(|| StatementText::FlagsHeading.render(lang)),
        flags: flags(s, &w),
    }
}

/// The forecast at the programme's end, in a sentence: line by line from
/// the plan when some line has one, else the straight line as before.
fn forecast(s: &FinancialStatement, w: &Writer) -> Option<String> {
    let (f, lang) = (&w.f, w.lang);
    let projected = s.forecast.projected?;
    let pct = s
        .forecast
        .projected_pct
        .map(|p| f.percent(p))
        .unwrap_or_else(|| ReportWord::NoValue.text(lang).to_owned());
    if s.forecast.lines_planned == 0 {
        return Some(
            StatementText::Forecast {
                spent: &w.money(s.total.spent_to_date),
                elapsed: &f.percent(s.forecast.elapsed_pct),
                projected: &w.money(projected),
                pct: &pct,
                budget: &w.money(s.total.budget),
            }
            .render(lang),
        );
    }
    Some(
        StatementText::ForecastPlan {
            projected: &w.money(projected),
            pct: &pct,
            budget: &w.money(s.total.budget),
            planned: s.forecast.lines_planned,
            straight: s.forecast.lines_straight,
            straight_line: s.forecast.straight_line.map(|v| w.money(v)).as_deref(),
        }
        .render(lang),
    )
}

/// The expenses dated after the period, in a sentence: by status when the
/// programme says which are paid, committed or planned.
fn later(s: &FinancialStatement, w: &Writer, end: &str) -> Option<String> {
    let (l, f, lang) = (&s.later, &w.f, w.lang);
    if l.rows == 0 {
        return None;
    }
    let part = |x: cadre::finance::StatusSum| {
        (x.rows > 0).then(|| (x.rows, f.count(x.rows), w.money(x.amount)))
    };
    let (committed, planned, paid) = (part(l.committed), part(l.planned), part(l.paid));
    if committed.is_none() && planned.is_none() {
        return Some(
            StatementText::Later {
                n: l.rows,
                count: &f.count(l.rows),
                amount: &w.money(l.amount),
                end,
            }
            .render(lang),
        );
    }
    fn pair(x: &Option<(usize, String, String)>) -> Option<(usize, &str, &str)> {
        x.as_ref().map(|(n, a, b)| (*n, a.as_str(), b.as_str()))
    }
    Some(
        StatementText::LaterStatuses {
            n: l.rows,
            count: &f.count(l.rows),
            amount: &w.money(l.amount),
            end,
            committed: pair(&committed),
            planned: pair(&planned),
            paid: pair(&paid),
        }
        .render(lang),
    )
}

/// Formats the statement's figures in the report's language.
pub(super) struct Writer<'a> {
    pub(super) f: Formatter,
    pub(super) currency: Option<&'a str>,
    pub(super) lang: Lang,
}

impl Writer<'_> {
    pub(super) fn money(&self, v: f64) -> String {
        self.f.money(v, self.currency)
    }

    /// A row of a budget table: `x` its figures, `shown` the amounts as
    /// printed (budget, spent in the period, spent to date: see
    /// [`printed_figures`]); what remains is the printed budget less the
    /// printed spending, so that the row adds up as printed too.
    fn row(
        &self,
        group: Option<String>,
        code: String,
        label: String,
        (x, shown): (&BudgetFigures, [f64; 3]),
    ) -> StatementRow {
        let [budget, spent_period, spent_to_date] = shown;
        StatementRow {
            group,
            code,
            label,
            budget: self.money(budget),
            spent_period: self.money(spent_period),
            spent_to_date: self.money(spent_to_date),
            remaining: self.money(budget - spent_to_date),
            used: x.used_pct.map(|p| self.f.percent(p)),
            over: x.remaining < 0.0,
        }
    }

    /// A table's heading: "by <label>".
    fn by(&self, label: &str) -> String {
        ReportText::BreakdownBy { label }.render(self.lang)
    }
}

/// The column headings: the labels of the action, budget line and funder
/// columns in the definitions (the column's name when it has none).
struct Labels {
    action: String,
    line: String,
    nature: String,
    funder: String,
}

impl Labels {
    fn new(programme: &Programme, lang: Lang) -> Labels {
        let heading = |dataset: Option<&str>, column: Option<&str>| -> String {
            dataset
                .zip(column)
                .and_then(|(d, c)| programme.dataset(d)?.column(c))
                .map(|c| c.label.get(lang).to_owned())
                .filter(|l| !l.is_empty())
                .or_else(|| column.map(str::to_owned))
                .unwrap_or_default()
        };
        let fin = programme.finance.as_ref();
        let expenses = fin.map(|f| f.expenses.dataset.as_str());
        let budget = fin.map(|f| f.budget.dataset.as_str());
        Labels {
            action: heading(
                budget,
                fin.and_then(|f| f.budget.action.as_deref().or(f.expenses.action.as_deref())),
            ),
            line: heading(
                budget,
                fin.and_then(|f| f.budget.line.as_deref().or(f.expenses.line.as_deref())),
            ),
            nature: heading(
                budget,
                fin.and_then(|f| f.budget.nature.as_deref().or(f.expenses.nature.as_deref())),
            ),
            funder: heading(expenses, fin.and_then(|f| f.expenses.funder.as_deref())),
        }
    }
}

/// The amounts of `rows` as printed, each column adding up to the total's
/// (`super::rounding`): per row, then for the total, budget, spent in the
/// period and spent to date, in whole units of the currency.
fn printed_figures(rows: &[BudgetRow], total: &BudgetFigures) -> (Vec<[f64; 3]>, [f64; 3]) {
    let column = |pick| super::rounding::printed_column(rows, total, pick);
    let (budget, b) = column(|x| x.budget);
    let (period, p) = column(|x| x.spent_period);
    let (to_date, t) = column(|x| x.spent_to_date);
    let rows = (0..rows.len())
        .map(|i| [budget[i], period[i], to_date[i]])
        .collect();
    (rows, [b, p, t])
}

/// A table whose rows are one column's values, each printed with its code
/// (by action, by nature), with the statement's total.
fn coded_table(
    s: &FinancialStatement,
    rows: &[BudgetRow],
    w: &Writer,
    label: &str,
    value: fn(&BudgetRow) -> Option<&cadre::finance::Labelled>,
) -> StatementTable {
    let lang = w.lang;
    let (shown, total_shown) = printed_figures(rows, &s.total);
    StatementTable {
        heading: w.by(label),
        group_label: None,
        label: label.to_owned(),
        rows: rows
            .iter()
            .zip(shown)
            .map(|(r, shown)| {
                let v = value(r);
                w.row(
                    None,
                    v.map(|v| v.value.clone()).unwrap_or_default(),
                    v.map(|v| v.text(lang).to_owned()).unwrap_or_default(),
                    (&r.figures, shown),
                )
            })
            .collect(),
        total: w.row(
            None,
            String::new(),
            ReportWord::Total.text(lang).to_owned(),
            (&s.total, total_shown),
        ),
    }
}

/// The budget tables: by action, then by budget line (grouped by action
/// when its rows name one), each with the statement's total; every printed
/// column adds up to its printed total.
fn budget_tables(s: &FinancialStatement, w: &Writer, labels: &Labels) -> Vec<StatementTable> {
    let lang = w.lang;
    let total = |shown| {
        w.row(
            None,
            String::new(),
            ReportWord::Total.text(lang).to_owned(),
            (&s.total, shown),
        )
    };
    let mut tables = Vec::new();
    if let Some(rows) = &s.by_action {
        tables.push(coded_table(s, rows, w, &labels.action, |r| {
            r.action.as_ref()
        }));
    }
    if let Some(rows) = &s.by_line {
        let grouped = rows.iter().any(|r| r.action.is_some());
        let (shown, total_shown) = printed_figures(rows, &s.total);
        tables.push(StatementTable {
            heading: w.by(&labels.line),
            group_label: grouped.then(|| labels.action.clone()),
            label: labels.line.clone(),
            rows: rows
                .iter()
                .zip(shown)
                .map(|(r, shown)| {
                    w.row(
                        r.action.as_ref().map(|a| a.value.clone()),
                        String::new(),
                        r.line
                            .as_ref()
                            .map(|l| l.text(lang).to_owned())
                            .unwrap_or_default(),
                        (&r.figures, shown),
                    )
                })
                .collect(),
            total: total(total_shown),
        });
    }
    tables
}

/// Spending by funder, with the statement's total.
fn funder_table(
    s: &FinancialStatement,
    rows: &[FunderRow],
    w: &Writer,
    label: &str,
) -> FunderTable {
    let f = &w.f;
    // Printed amounts add up to the printed total, and shares (to a tenth
    // of a percent) to 100 (`super::rounding`).
    let column = |pick: fn(&FunderRow) -> f64, total: f64| {
        let values: Vec<f64> = rows.iter().map(pick).collect();
        super::rounding::printed(&values, total, 1.0)
    };
    let (period, period_total) = column(|r| r.spent_period, s.total.spent_period);
    let (to_date, to_date_total) = column(|r| r.spent_to_date, s.total.spent_to_date);
    let shares: Option<Vec<f64>> = rows
        .iter()
        .map(|r| r.share_pct)
        .collect::<Option<Vec<f64>>>()
        .and_then(|v| super::rounding::allocate(&v, 100.0, 0.1));
    let line = |(i, r): (usize, &FunderRow)| FunderLine {
        label: r.funder.text(w.lang).to_owned(),
        spent_period: w.money(period[i]),
        spent_to_date: w.money(to_date[i]),
        share: shares
            .as_ref()
            .map(|v| v[i])
            .or(r.share_pct)
            .map(|p| f.percent(p)),
        rate: r.rate_pct.map(|p| f.percent(p)),
        over: matches!(r.ceiling, Some(CeilingCheck::Exceeded { .. })),
    };
    FunderTable {
        heading: w.by(label),
        label: label.to_owned(),
        rows: rows.iter().enumerate().map(line).collect(),
        total: FunderLine {
            label: ReportWord::Total.text(w.lang).to_owned(),
            spent_period: w.money(period_total),
            spent_to_date: w.money(to_date_total),
            share: (s.total.spent_to_date > 0.0).then(|| f.percent(100.0)),
            rate: None,
            over: false,
        },
    }
}

/// Each funder's share against its co-financing ceiling, in a sentence
/// (funders without a ceiling, a share or a rate have none).
fn cofinancing(rows: &[FunderRow], w: &Writer) -> Vec<String> {
    let f = &w.f;
    rows.iter()
        .filter_map(|r| {
            let (Some(check), Some(share), Some(rate)) = (r.ceiling, r.share_pct, r.rate_pct)
            else {
                return None;
            };
            let (share, rate) = (f.percent(share), f.percent(rate));
            let funder = r.funder.text(w.lang);
            Some(match check {
                CeilingCheck::Respected { margin } => StatementText::CeilingRespected {
                    funder,
                    share: &share,
                    rate: &rate,
                    margin: &f.fixed(margin, 1),
                    points: round1(margin),
                }
                .render(w.lang),
                CeilingCheck::Exceeded { by } => StatementText::CeilingExceeded {
                    funder,
                    share: &share,
                    rate: &rate,
                    by: &f.fixed(by, 1),
                    points: round1(by),
                }
                .render(w.lang),
            })
        })
        .collect()
}

/// A value as printed with one decimal, for the plural.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A budget row's name in a sentence: its action and its line.
fn row_name(r: &BudgetRow, lang: Lang) -> String {
    let action = r.action.as_ref().map(|a| a.value.as_str()).unwrap_or("");
    let line = r.line.as_ref().map(|l| l.text(lang)).unwrap_or("");
    match (action.is_empty(), line.is_empty()) {
        (false, false) => format!("{action} — {line}"),
        (false, true) => r
            .action
            .as_ref()
            .map(|a| a.text(lang))
            .unwrap_or("")
            .to_owned(),
        _ => line.to_owned(),
    }
}

/// The red flags, a sentence each, in the order of [`FinanceFlags`]'s
/// fields.
fn flags(s: &FinancialStatement, w: &Writer) -> Vec<String> {
    let (f, lang) = (&w.f, w.lang);
    let flags = &s.flags;
    let mut out: Vec<String> = flags
        .used_up
        .iter()
        .map(|r| {
            StatementText::UsedUp {
                line: &row_name(r, lang),
                spent: &w.money(r.figures.spent_to_date),
                budget: &w.money(r.figures.budget),
                used: &r.figures.used_pct.map(|p| f.percent(p)).unwrap_or_default(),
            }
            .render(lang)
        })
        .collect();
    out.extend(flags.negative.iter().map(|r| {
        StatementText::NegativeLine {
            line: &row_name(r, lang),
            spent: &w.money(r.figures.spent_to_date),
        }
        .render(lang)
    }));
    out.extend(flags.corrections.iter().map(|e| {
        // Named as its row of the statement names it (the line's label).
        let row = s.by_line.iter().flatten().find(|r| {
            r.line.as_ref().is_some_and(|l| l.value == e.line)
                && r.action.as_ref().is_none_or(|a| a.value == e.action)
        });
        let line = match (row, e.action.is_empty(), e.line.is_empty()) {
            (Some(r), _, _) => row_name(r, lang),
            (None, false, false) => format!("{} — {}", e.action, e.line),
            (None, _, _) => format!("{}{}", e.action, e.line),
        };
        StatementText::Correction {
            date: &e.date.map(|d| f.date(d)).unwrap_or_default(),
            amount: &w.money(e.amount),
            line: &line,
            row: &e.row.map(|r| r.to_string()).unwrap_or_default(),
        }
        .render(lang)
    }));
    if !flags.undated.is_empty() {
        let n = flags.undated.len();
        out.push(
            StatementText::Undated {
                n,
                count: &f.count(n),
                amount: &w.money(flags.undated.iter().map(|e| e.amount).sum()),
                rows: &flags
                    .undated
                    .iter()
                    .filter_map(|e| e.row.map(|r| r.to_string()))
                    .collect::<Vec<_>>()
                    .join(", "),
            }
            .render(lang),
        );
    }
    out
}
