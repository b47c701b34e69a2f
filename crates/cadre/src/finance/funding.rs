//! The financing plan: per funder its planned contribution (declared, or
//! its rate of the cash budget), its grant, what it paid for (eligible
//! expenses in cash charged to it), the funds it transferred (the
//! instalments dataset) and the balance; the contributions in kind apart.

use std::collections::BTreeMap;

use serde::Serialize;

use super::ledger::{Class, Ledger};
use super::{BudgetFigures, CeilingCheck, Labelled, labelled, sort_values};
use crate::compute::Engine;
use crate::programme::{ExpenseStatus, FinanceSettings, Funder};
use crate::text::fold_key;

/// One funder in the financing plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunderRow {
    /// The funder.
    pub funder: Labelled,
    /// Its planned contribution: `planned`, else its rate of the cash
    /// budget; none when neither is declared.
    pub planned: Option<f64>,
    /// Its planned contribution over the cash budget, in percent.
    pub planned_pct: Option<f64>,
    /// The amount its grant agreement signs.
    pub grant: Option<f64>,
    /// Eligible expenses in cash charged to it, paid in the period.
    pub spent_period: f64,
    /// Eligible expenses in cash charged to it, paid up to the period's end.
    pub spent_to_date: f64,
    /// Its share of all spending to date, in percent.
    pub share_pct: Option<f64>,
    /// Its co-financing rate, when `[[programme.funders]]` gives one.
    pub rate_pct: Option<f64>,
    /// The share against the rate, when both are known.
    pub ceiling: Option<CeilingCheck>,
    /// Funds it transferred in the period (instalments).
    pub received_period: f64,
    /// Funds it transferred up to the period's end.
    pub received_to_date: f64,
    /// Received to date minus spent to date: cash in hand (negative when
    /// the implementer pre-finances).
    pub balance: f64,
    /// Contributions in kind it brought, valued, in the period.
    pub in_kind_period: f64,
    /// Contributions in kind it brought, valued, up to the period's end.
    pub in_kind_to_date: f64,
}

/// The financing plan's totals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Funding {
    /// The cash budget (contributions in kind apart).
    pub budget: f64,
    /// The funders' planned contributions.
    pub planned: f64,
    /// The budget no declared funder's plan covers (budget minus planned;
    /// negative when the plans exceed the budget).
    pub uncovered: f64,
    /// The grants signed.
    pub grant: f64,
    /// Spent in the period.
    pub spent_period: f64,
    /// Spent up to the period's end.
    pub spent_to_date: f64,
    /// Funds received in the period.
    pub received_period: f64,
    /// Funds received up to the period's end.
    pub received_to_date: f64,
    /// Received minus spent, to date: the cash balance.
    pub balance: f64,
    /// Whether an instalments dataset is declared (else nothing is known
    /// of the funds received).
    pub instalments: bool,
}

/// The contributions in kind, valued: never cash, shown apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct InKind {
    /// Planned in the budget.
    pub budget: f64,
    /// Valued in the period (eligible, paid rows).
    pub valued_period: f64,
    /// Valued up to the period's end.
    pub valued_to_date: f64,
}

impl InKind {
    pub(super) fn of(ledger: &Ledger) -> Self {
        let budget = (0..ledger.budget.len())
            .filter(|&i| ledger.budget_in_kind[i])
            .map(|i| ledger.budget.amount[i])
            .sum();
        let (valued_period, valued_to_date) = ledger
            .expenses_by_funder(in_kind)
            .values()
            .fold((0.0, 0.0), |a, v| (a.0 + v.0, a.1 + v.1));
        InKind {
            budget,
            valued_period,
            valued_to_date,
        }
    }
}

/// A paid, eligible contribution in kind.
fn in_kind(c: Class) -> bool {
    c.status == ExpenseStatus::Paid && c.eligible && c.in_kind
}

/// The funder a value names: a declared funder's code (ignoring case),
/// else the value as written.
fn funder_key(funders: &[Funder], value: &str) -> String {
    funders
        .iter()
        .find(|f| fold_key(&f.code) == fold_key(value))
        .map(|f| f.code.clone())
        .unwrap_or_else(|| value.to_owned())
}

/// Sums by funder value, re-keyed by the funder they name.
fn by_key(funders: &[Funder], sums: BTreeMap<String, (f64, f64)>) -> BTreeMap<String, (f64, f64)> {
    let mut out: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for (value, (p, t)) in sums {
        let g = out.entry(funder_key(funders, &value)).or_default();
        g.0 += p;
        g.1 += t;
    }
    out
}

impl Engine<'_> {
    /// The financing plan: a row per funder (the programme's funders first,
    /// in their order, then the other values of the funder columns), and
    /// its totals; none when neither the expenses' funder column nor
    /// instalments are declared.
    pub(super) fn funding(
        &self,
        fin: &FinanceSettings,
        ledger: &Ledger,
        total: &BudgetFigures,
    ) -> (Option<Vec<FunderRow>>, Option<Funding>) {
        if fin.expenses.funder.is_none() && fin.instalments.is_none() {
            return (None, None);
        }
        let funders = &self.programme().info.funders;
        let spent = by_key(funders, ledger.expenses_by_funder(Class::spends));
        let kind = by_key(funders, ledger.expenses_by_funder(in_kind));
        let received = by_key(funders, received(ledger));
        let mut others: Vec<String> = spent
            .keys()
            .chain(kind.keys())
            .chain(received.keys())
            .filter(|k| !funders.iter().any(|f| &f.code == *k))
            .cloned()
            .collect();
        // The funder column's schema orders and labels the other values.
        let schema = fin
            .expenses
            .funder
            .as_deref()
            .and_then(|c| self.programme().column_schema_of(&fin.expenses.dataset, c))
            .or_else(|| {
                let i = fin.instalments.as_ref()?;
                self.programme().column_schema_of(&i.dataset, &i.funder)
            });
        sort_values(&mut others, schema);
        others.dedup();
        let zero = (0.0, 0.0);
        let rows: Vec<FunderRow> = funders
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
                let (sp, st) = spent.get(&k).copied().unwrap_or(zero);
                let (rp, rt) = received.get(&k).copied().unwrap_or(zero);
                let (kp, kt) = kind.get(&k).copied().unwrap_or(zero);
                let rate_pct = declared.and_then(|f| f.rate_pct);
                let planned = declared
                    .and_then(|f| f.planned)
                    .or_else(|| rate_pct.map(|r| r / 100.0 * total.budget));
                let share_pct =
                    (total.spent_to_date > 0.0).then(|| st / total.spent_to_date * 100.0);
                FunderRow {
                    funder,
                    planned,
                    planned_pct: planned
                        .filter(|_| total.budget > 0.0)
                        .map(|p| p / total.budget * 100.0),
                    grant: declared.and_then(|f| f.grant),
                    spent_period: sp,
                    spent_to_date: st,
                    share_pct,
                    rate_pct,
                    ceiling: share_pct
                        .zip(rate_pct)
                        .map(|(share, rate)| CeilingCheck::of(share, rate)),
                    received_period: rp,
                    received_to_date: rt,
                    balance: rt - st,
                    in_kind_period: kp,
                    in_kind_to_date: kt,
                }
            })
            .collect();
        let sum = |pick: fn(&FunderRow) -> f64| rows.iter().map(pick).sum::<f64>();
        let planned = sum(|r| r.planned.unwrap_or(0.0));
        let (received_period, received_to_date) =
            (sum(|r| r.received_period), sum(|r| r.received_to_date));
        let funding = Funding {
            budget: total.budget,
            planned,
            uncovered: total.budget - planned,
            grant: sum(|r| r.grant.unwrap_or(0.0)),
            spent_period: total.spent_period,
            spent_to_date: total.spent_to_date,
            received_period,
            received_to_date,
            balance: received_to_date - total.spent_to_date,
            instalments: fin.instalments.is_some(),
        };
        (Some(rows), Some(funding))
    }
}

/// The instalments by funder value: (in the period, to date).
fn received(ledger: &Ledger) -> BTreeMap<String, (f64, f64)> {
    let mut out: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    let Some(rows) = &ledger.instalments else {
        return out;
    };
    for i in 0..rows.len() {
        let Some(d) = rows.date[i] else { continue };
        let g = out.entry(rows.funder[i].clone()).or_default();
        if d >= ledger.period_start && d <= ledger.period_end {
            g.0 += rows.amount[i];
        }
        if d <= ledger.period_end {
            g.1 += rows.amount[i];
        }
    }
    out
}
