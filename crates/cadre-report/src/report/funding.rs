//! What turns the statement into a financial report a funder pays on, as
//! the report prints it: the financing plan (each funder's planned
//! contribution, grant, spending, funds received and balance), the
//! contributions in kind apart, the ineligible expenses, the exchange rate,
//! and on annual and final reports the legal representative's certification
//! with the payment request. Every printed column adds up to its printed
//! total (`super::rounding`).

use cadre::Programme;
use cadre::finance::{CeilingCheck, ExpenseEntry, FinancialStatement, FunderRow};
use cadre::period::PeriodKind;
use serde::Serialize;

use super::ReportOptions;
use super::rounding::printed;
use super::statement::Writer;
use crate::messages::report::{ReportWord, StatementText};

/// The financing plan, as printed.
#[derive(Debug, Clone, Serialize)]
pub struct PlanTable {
    /// Its heading.
    pub heading: String,
    /// The funders.
    pub rows: Vec<PlanLine>,
    /// The budget no declared funder's plan covers; none when nothing is
    /// uncovered.
    pub uncovered: Option<PlanLine>,
    /// The totals.
    pub total: PlanLine,
    /// Funds received against spending, in a sentence.
    pub balance: String,
}

/// A funder in the financing plan, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct PlanLine {
    /// The funder.
    pub label: String,
    /// Its planned contribution; none when not declared.
    pub planned: Option<String>,
    /// Its planned contribution over the cash budget.
    pub planned_pct: Option<String>,
    /// Its grant; none when not declared.
    pub grant: Option<String>,
    /// Spent to date, charged to it.
    pub spent: String,
    /// Received to date; none without instalments.
    pub received: Option<String>,
    /// Received less spent; none without instalments.
    pub balance: Option<String>,
    /// Whether its share of spending is over its ceiling.
    pub over: bool,
}

/// The contributions in kind, as printed.
#[derive(Debug, Clone, Serialize)]
pub struct InKindData {
    /// Its heading.
    pub heading: String,
    /// What they are and how much, in a sentence.
    pub text: String,
    /// By funder: (funder, valued to date), those with some.
    pub by_funder: Vec<(String, String)>,
}

/// The ineligible expenses, as printed.
#[derive(Debug, Clone, Serialize)]
pub struct IneligibleData {
    /// Its heading.
    pub heading: String,
    /// How many, for how much, in a sentence.
    pub text: String,
    /// The heading of the budget line column.
    pub line_label: String,
    /// The expenses.
    pub rows: Vec<EntryLine>,
}

/// An expense in a list, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct EntryLine {
    /// Its row in the expenses' sheet.
    pub row: String,
    /// Its date.
    pub date: String,
    /// Its action and line.
    pub line: String,
    /// Its amount.
    pub amount: String,
}

/// The certification, as printed.
#[derive(Debug, Clone, Serialize)]
pub struct CertificationData {
    /// Its heading.
    pub heading: String,
    /// What the legal representative certifies.
    pub text: String,
    /// Where and when.
    pub signed_at: String,
    /// Who signs.
    pub name: String,
    /// Their role.
    pub role: String,
    /// The payment request's heading and sentence, when declared.
    pub payment_request: Option<(String, String)>,
}

/// The financing plan; none when the statement has no funders.
pub(super) fn plan(s: &FinancialStatement, w: &Writer) -> Option<PlanTable> {
    let (rows, funding) = (s.by_funder.as_ref()?, s.funding?);
    let lang = w.lang;
    let uncovered = funding.uncovered.abs() >= 0.5;
    let column = |pick: &dyn Fn(&FunderRow) -> f64, extra: f64, total: f64| {
        let mut values: Vec<f64> = rows.iter().map(pick).collect();
        values.push(extra);
        printed(&values, total, 1.0)
    };
    let (planned, planned_total) = column(
        &|r| r.planned.unwrap_or(0.0),
        funding.uncovered,
        funding.budget,
    );
    let (spent, spent_total) = column(&|r| r.spent_to_date, 0.0, funding.spent_to_date);
    let (received, received_total) = column(&|r| r.received_to_date, 0.0, funding.received_to_date);
    let (grant, grant_total) = column(&|r| r.grant.unwrap_or(0.0), 0.0, funding.grant);
    let pct = |v: f64| (funding.budget > 0.0).then(|| w.f.percent(v / funding.budget * 100.0));
    let money = |v: f64| w.money(v);
    let with_funds = |v: f64| funding.instalments.then(|| money(v));
    let line = |(i, r): (usize, &FunderRow)| PlanLine {
        label: r.funder.text(lang).to_owned(),
        planned: r.planned.map(|_| money(planned[i])),
        planned_pct: r.planned.and_then(|_| pct(planned[i])),
        grant: r.grant.map(|_| money(grant[i])),
        spent: money(spent[i]),
        received: with_funds(received[i]),
        balance: with_funds(received[i] - spent[i]),
        over: matches!(r.ceiling, Some(CeilingCheck::Exceeded { .. })),
    };
    let n = rows.len();
    let balance = if funding.instalments {
        StatementText::CashBalance {
            received: &money(received_total),
            spent: &money(spent_total),
            balance: &money(received_total - spent_total),
            prefinanced: received_total < spent_total,
        }
        .render(lang)
    } else {
        StatementText::NoInstalments.render(lang)
    };
    Some(PlanTable {
        heading: ReportWord::FinancingPlan.text(lang).to_owned(),
        rows: rows.iter().enumerate().map(line).collect(),
        uncovered: uncovered.then(|| PlanLine {
            label: ReportWord::Uncovered.text(lang).to_owned(),
            planned: Some(money(planned[n])),
            planned_pct: pct(planned[n]),
            grant: None,
            spent: String::new(),
            received: None,
            balance: None,
            over: false,
        }),
        total: PlanLine {
            label: ReportWord::Total.text(lang).to_owned(),
            planned: Some(money(planned_total)),
            planned_pct: pct(planned_total),
            grant: (funding.grant > 0.0).then(|| money(grant_total)),
            spent: money(spent_total),
            received: with_funds(received_total),
            balance: with_funds(received_total - spent_total),
            over: false,
        },
        balance,
    })
}

/// The contributions in kind; none when the programme declares none.
pub(super) fn in_kind(s: &FinancialStatement, w: &Writer) -> Option<InKindData> {
    let k = s.in_kind?;
    Some(InKindData {
        heading: ReportWord::InKind.text(w.lang).to_owned(),
        text: StatementText::InKindSummary {
            budget: &w.money(k.budget),
            valued: &w.money(k.valued_to_date),
        }
        .render(w.lang),
        by_funder: s
            .by_funder
            .iter()
            .flatten()
            .filter(|r| r.in_kind_to_date.abs() >= 0.5)
            .map(|r| (r.funder.text(w.lang).to_owned(), w.money(r.in_kind_to_date)))
            .collect(),
    })
}

/// The ineligible expenses; none when there are none.
pub(super) fn ineligible(
    s: &FinancialStatement,
    w: &Writer,
    line_label: &str,
) -> Option<IneligibleData> {
    let rows = &s.ineligible.rows;
    if rows.is_empty() {
        return None;
    }
    let amounts: Vec<f64> = rows.iter().map(|e| e.amount).collect();
    let (shown, total) = printed(&amounts, s.ineligible.amount, 1.0);
    Some(IneligibleData {
        heading: ReportWord::IneligibleExpenses.text(w.lang).to_owned(),
        text: StatementText::Ineligible {
            n: rows.len(),
            count: &w.f.count(rows.len()),
            amount: &w.money(total),
        }
        .render(w.lang),
        line_label: line_label.to_owned(),
        rows: rows
            .iter()
            .zip(shown)
            .map(|(e, a)| entry(e, a, w))
            .collect(),
    })
}

/// An expense as a list prints it, its amount as printed.
fn entry(e: &ExpenseEntry, amount: f64, w: &Writer) -> EntryLine {
    EntryLine {
        row: e.row.map(|r| r.to_string()).unwrap_or_default(),
        date: e.date.map(|d| w.f.date(d)).unwrap_or_default(),
        line: match (e.action.is_empty(), e.line.is_empty()) {
            (false, false) => format!("{} — {}", e.action, e.line),
            _ => format!("{}{}", e.action, e.line),
        },
        amount: w.money(amount),
    }
}

/// The totals in the other currency, when `[finance] exchange_rate` is
/// declared.
pub(super) fn exchange(
    programme: &Programme,
    s: &FinancialStatement,
    w: &Writer,
) -> Option<String> {
    let x = programme.finance.as_ref()?.exchange_rate.as_ref()?;
    let other = |v: f64| w.f.money(v / x.rate, Some(&x.currency));
    Some(
        StatementText::ExchangeRate {
            currency: &x.currency,
            rate: &w.f.fixed(x.rate, 6),
            home: programme.info.currency.as_deref().unwrap_or_default(),
            budget: &other(s.total.budget),
            spent: &other(s.total.spent_to_date),
        }
        .render(w.lang),
    )
}

/// Whether the period closes a cycle: a year, a programme year, the whole
/// programme or its last period.
pub fn closes_a_cycle(programme: &Programme, s: &FinancialStatement) -> bool {
    matches!(
        s.period.kind(),
        PeriodKind::Year(_) | PeriodKind::ProgrammeYear(_)
    ) || s.period.label == "project"
        || s.period.end >= programme.info.end
}

/// The certification of an annual or final report, when
/// `[finance.certification]` and a signatory are declared.
pub(super) fn certification(
    programme: &Programme,
    s: &FinancialStatement,
    w: &Writer,
    options: &ReportOptions,
) -> Option<CertificationData> {
    let c = programme.finance.as_ref()?.certification.as_ref()?;
    let signatory = programme.info.signatory.as_ref()?;
    if !closes_a_cycle(programme, s) {
        return None;
    }
    let lang = w.lang;
    let role = signatory.role.get(lang).to_owned();
    let request = c.payment_request.as_ref().map(|r| {
        let funder = s
            .by_funder
            .iter()
            .flatten()
            .find(|f| f.funder.value == r.funder);
        let name = funder
            .map(|f| f.funder.text(lang).to_owned())
            .unwrap_or_else(|| r.funder.clone());
        let text = StatementText::PaymentRequested {
            funder: &name,
            amount: &w.money(r.amount),
            received: &w.money(funder.map_or(0.0, |f| f.received_to_date)),
            grant: funder.and_then(|f| f.grant).map(|g| w.money(g)).as_deref(),
        }
        .render(lang);
        (ReportWord::PaymentRequest.text(lang).to_owned(), text)
    });
    Some(CertificationData {
        heading: ReportWord::Certification.text(lang).to_owned(),
        text: StatementText::Certify {
            name: &signatory.name,
            role: &role,
            implementer: programme.info.implementer.get(lang),
            end: &w.f.date(s.period.end),
        }
        .render(lang),
        signed_at: StatementText::SignedAt {
            place: &c.place,
            date: &w.f.date(options.issue_date),
        }
        .render(lang),
        name: signatory.name.clone(),
        role,
        payment_request: request,
    })
}
