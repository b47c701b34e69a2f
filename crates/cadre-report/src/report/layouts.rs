//! The statement in the shapes funders' templates take, chosen by
//! `[finance] layout`: the French Cerfa n°15059 fiche 6-2 (charges by
//! nature against resources by funder, planned and actual, contributions in
//! kind apart as accounts 86 and 87) and an EU-style financial report
//! (budget headings, direct costs, indirect costs, contingency reserve, the
//! total, converted when another currency is declared). The library knows
//! no chart of accounts: natures are the programme's values and labels.
//! Every printed total is the sum of its printed rows.

use cadre::Programme;
use cadre::finance::{BudgetRow, FinancialStatement};
use cadre::programme::RowSelector;
use serde::Serialize;

use super::rounding::{printed, printed_column as column};
use super::statement::Writer;
use crate::messages::report::ReportWord;

/// A row of a layout: planned, actual, their ratio; for the EU layout the
/// forecast and the variance too.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutLine {
    /// The account or heading's code; empty for totals.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Planned.
    pub planned: String,
    /// Actual to date.
    pub actual: String,
    /// Actual over planned; none without a plan.
    pub pct: Option<String>,
    /// The forecast at the end (EU layout).
    pub forecast: Option<String>,
    /// The variance over the budget (EU layout).
    pub variance_pct: Option<String>,
}

/// The Cerfa n°15059 fiche 6-2.
#[derive(Debug, Clone, Serialize)]
pub struct CerfaData {
    /// Its title.
    pub title: String,
    /// Charges by nature (else by budget line), in cash.
    pub charges: Vec<LayoutLine>,
    /// Their total.
    pub charges_total: LayoutLine,
    /// 86: uses of contributions in kind, when declared.
    pub charges_in_kind: Option<LayoutLine>,
    /// Resources by funder.
    pub resources: Vec<LayoutLine>,
    /// Their total.
    pub resources_total: LayoutLine,
    /// 87: contributions in kind, when declared.
    pub resources_in_kind: Option<LayoutLine>,
}

/// The EU-style financial report.
#[derive(Debug, Clone, Serialize)]
pub struct EuData {
    /// Its title.
    pub title: String,
    /// The heading column's heading.
    pub label: String,
    /// The direct costs' headings.
    pub direct: Vec<LayoutLine>,
    /// Their subtotal.
    pub direct_total: LayoutLine,
    /// The indirect costs' headings.
    pub indirect: Vec<LayoutLine>,
    /// The contingency reserve's headings.
    pub contingency: Vec<LayoutLine>,
    /// The total of eligible costs.
    pub total: LayoutLine,
    /// The total in the other currency, when an exchange rate is declared.
    pub converted: Option<LayoutLine>,
}

/// A line from printed amounts.
fn line(w: &Writer, code: String, label: String, planned: f64, actual: f64) -> LayoutLine {
    LayoutLine {
        code,
        label,
        planned: w.money(planned),
        actual: w.money(actual),
        pct: (planned > 0.0).then(|| w.f.percent(actual / planned * 100.0)),
        forecast: None,
        variance_pct: None,
    }
}

/// The statement's finest rows for a layout: by nature, else by line.
fn rows(s: &FinancialStatement) -> &[BudgetRow] {
    s.by_nature
        .as_deref()
        .or(s.by_line.as_deref())
        .or(s.by_action.as_deref())
        .unwrap_or_default()
}

/// A row's code and label.
fn names(r: &BudgetRow, w: &Writer) -> (String, String) {
    match (&r.nature, &r.line, &r.action) {
        (Some(n), _, _) => (n.value.clone(), n.text(w.lang).to_owned()),
        (None, Some(l), a) => (
            a.as_ref().map(|a| a.value.clone()).unwrap_or_default(),
            l.text(w.lang).to_owned(),
        ),
        (None, None, Some(a)) => (a.value.clone(), a.text(w.lang).to_owned()),
        (None, None, None) => (String::new(), String::new()),
    }
}

/// The Cerfa n°15059 fiche 6-2.
pub(super) fn cerfa(s: &FinancialStatement, w: &Writer) -> CerfaData {
    let lang = w.lang;
    let rows = rows(s);
    let (planned, planned_t) = column(rows, &s.total, |x| x.budget);
    let (actual, actual_t) = column(rows, &s.total, |x| x.spent_to_date);
    let charges = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (code, label) = names(r, w);
            line(w, code, label, planned[i], actual[i])
        })
        .collect();
    let total =
        |word: ReportWord, p: f64, a: f64| line(w, String::new(), word.text(lang).to_owned(), p, a);
    // Resources: each funder's planned contribution and the spending
    // charged to it; what no funder's plan covers makes the plan whole.
    let funders = s.by_funder.as_deref().unwrap_or_default();
    let uncovered = s.funding.map_or(0.0, |f| f.uncovered);
    let mut planned_r: Vec<f64> = funders.iter().map(|f| f.planned.unwrap_or(0.0)).collect();
    planned_r.push(uncovered);
    let (planned_r, planned_rt) = printed(&planned_r, s.total.budget, 1.0);
    let mut actual_r: Vec<f64> = funders.iter().map(|f| f.spent_to_date).collect();
    let charged: f64 = actual_r.iter().sum();
    actual_r.push(s.total.spent_to_date - charged);
    let (actual_r, actual_rt) = printed(&actual_r, s.total.spent_to_date, 1.0);
    let mut resources: Vec<LayoutLine> = funders
        .iter()
        .enumerate()
        .map(|(i, f)| {
            line(
                w,
                f.funder.value.clone(),
                f.funder.text(lang).to_owned(),
                planned_r[i],
                actual_r[i],
            )
        })
        .collect();
    let n = funders.len();
    if planned_r[n].abs() >= 0.5 || actual_r[n].abs() >= 0.5 {
        resources.push(line(
            w,
            String::new(),
            ReportWord::Uncovered.text(lang).to_owned(),
            planned_r[n],
            actual_r[n],
        ));
    }
    let in_kind = s
        .in_kind
        .map(|k| (k.budget.round(), k.valued_to_date.round()));
    CerfaData {
        title: ReportWord::CerfaTitle.text(lang).to_owned(),
        charges,
        charges_total: total(ReportWord::TotalCharges, planned_t, actual_t),
        charges_in_kind: in_kind.map(|(p, a)| total(ReportWord::InKindCharges, p, a)),
        resources,
        resources_total: total(ReportWord::TotalResources, planned_rt, actual_rt),
        resources_in_kind: in_kind.map(|(p, a)| total(ReportWord::InKindResources, p, a)),
    }
}

/// Which part of the EU report a row goes in.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Direct,
    Indirect,
    Contingency,
}

/// The EU-style financial report.
pub(super) fn eu(programme: &Programme, s: &FinancialStatement, w: &Writer) -> EuData {
    let lang = w.lang;
    let fin = programme.finance.as_ref();
    let indirect = fin
        .and_then(|f| f.indirect.as_ref())
        .map(|i| i.selector())
        .unwrap_or_default();
    let contingency: RowSelector = fin.and_then(|f| f.contingency.clone()).unwrap_or_default();
    let rows = rows(s);
    let part = |r: &BudgetRow| {
        let v = |l: &Option<cadre::finance::Labelled>| {
            l.as_ref().map(|x| x.value.clone()).unwrap_or_default()
        };
        let (a, l, n) = (v(&r.action), v(&r.line), v(&r.nature));
        if contingency.names(&a, &l, &n) {
            Part::Contingency
        } else if indirect.names(&a, &l, &n) {
            Part::Indirect
        } else {
            Part::Direct
        }
    };
    let (budget, budget_t) = column(rows, &s.total, |x| x.budget);
    let (spent, spent_t) = column(rows, &s.total, |x| x.spent_to_date);
    let (forecast, forecast_t) = column(rows, &s.total, |x| x.forecast);
    let eu_line = |code: String, label: String, b: f64, a: f64, f: f64| LayoutLine {
        forecast: Some(w.money(f)),
        variance_pct: (b > 0.0).then(|| w.f.signed_percent((f - b) / b * 100.0)),
        ..line(w, code, label, b, a)
    };
    let of = |p: Part| -> Vec<LayoutLine> {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| part(r) == p)
            .map(|(i, r)| {
                let (code, label) = names(r, w);
                eu_line(code, label, budget[i], spent[i], forecast[i])
            })
            .collect()
    };
    let sum = |p: Part, v: &[f64]| -> f64 {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| part(r) == p)
            .map(|(i, _)| v[i])
            .sum()
    };
    let word = |x: ReportWord| x.text(lang).to_owned();
    let converted = fin.and_then(|f| f.exchange_rate.as_ref()).map(|x| {
        let other = |v: f64| w.f.money(v / x.rate, Some(&x.currency));
        LayoutLine {
            code: x.currency.clone(),
            label: format!("{} ({})", word(ReportWord::TotalCosts), x.currency),
            planned: other(budget_t),
            actual: other(spent_t),
            pct: (budget_t > 0.0).then(|| w.f.percent(spent_t / budget_t * 100.0)),
            forecast: Some(other(forecast_t)),
            variance_pct: (budget_t > 0.0).then(|| {
                w.f.signed_percent((forecast_t - budget_t) / budget_t * 100.0)
            }),
        }
    });
    EuData {
        title: word(ReportWord::EuTitle),
        label: word(ReportWord::BudgetHeading),
        direct: of(Part::Direct),
        direct_total: eu_line(
            String::new(),
            word(ReportWord::DirectCosts),
            sum(Part::Direct, &budget),
            sum(Part::Direct, &spent),
            sum(Part::Direct, &forecast),
        ),
        indirect: of(Part::Indirect),
        contingency: of(Part::Contingency),
        total: eu_line(
            String::new(),
            word(ReportWord::TotalCosts),
            budget_t,
            spent_t,
            forecast_t,
        ),
        converted,
    }
}
