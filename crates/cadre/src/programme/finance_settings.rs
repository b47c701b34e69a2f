//! `[finance]` of `programme.toml`: which datasets are the programme's
//! budget, expenses and funds received, which of their columns say what,
//! and the rules a funder's financial report follows (what an expense's
//! status means, what is ineligible, indirect or in kind, the variance a
//! line must justify, the layout, the certification). Everything is checked
//! when the programme loads, so a statement cannot fail for a definition
//! reason.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Programme;
use crate::error::{DefinitionProblem, Error, FinanceProblem, IndicatorProblem, Result};
use crate::indicator::Selection;
use crate::schema::{ColumnSchema, ColumnType};
use crate::text::fold_key;

/// Which datasets are the programme's budget and expenses, and which of
/// their columns are the amount, the date, the budget line, the action and
/// the funder (`[finance]` of `programme.toml`): the report's financial
/// statement reads them. Every column is checked when the programme loads.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinanceSettings {
    /// The budget: one row per planned amount (undated).
    pub budget: BudgetSource,
    /// The expenses: one row per expense, dated.
    pub expenses: ExpenseSource,
    /// The funds received: one row per instalment a funder paid.
    #[serde(default)]
    pub instalments: Option<InstalmentSource>,
    /// What the values of the expenses' status column mean.
    #[serde(default)]
    pub statuses: Option<ExpenseStatuses>,
    /// The values of the expenses' eligibility column that make an expense
    /// ineligible (compared ignoring case).
    #[serde(default)]
    pub ineligible: Vec<String>,
    /// A line or nature whose variance (forecast at the end minus budget)
    /// exceeds this share of its budget, in percent, needs a justification.
    #[serde(default)]
    pub variance_pct: Option<f64>,
    /// How the report lays the statement out.
    #[serde(default)]
    pub layout: FinanceLayout,
    /// The rate to a second currency the report converts its totals to.
    #[serde(default)]
    pub exchange_rate: Option<ExchangeRate>,
    /// Which expenses are indirect costs, and their cap.
    #[serde(default)]
    pub indirect: Option<IndirectCosts>,
    /// The budget and expense rows that are contributions in kind.
    #[serde(default)]
    pub in_kind: Option<RowSelector>,
    /// The budget and expense rows of the contingency reserve.
    #[serde(default)]
    pub contingency: Option<RowSelector>,
    /// The certification of annual and final financial reports.
    #[serde(default)]
    pub certification: Option<Certification>,
    /// A budget line whose spending to date reaches this share of its
    /// budget (in percent) before the programme's end is a red flag
    /// (default [`crate::finance::USED_UP_PCT`], 100; 1 to 1000).
    #[serde(default)]
    pub used_up_pct: Option<f64>,
}

/// The indirect costs (`[finance.indirect]`): the expenses of some actions,
/// budget lines or natures, capped at a share of the direct costs (the
/// other expenses), as funders write it ("7 % of eligible direct costs").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndirectCosts {
    /// The actions whose expenses are indirect (values of the expenses'
    /// action column, ignoring case).
    #[serde(default)]
    pub actions: Vec<String>,
    /// The budget lines whose expenses are indirect (values of the
    /// expenses' line column, ignoring case).
    #[serde(default)]
    pub lines: Vec<String>,
    /// The natures whose expenses are indirect (values of the nature
    /// column, ignoring case).
    #[serde(default)]
    pub natures: Vec<String>,
    /// The cap, in percent of the direct costs (0 < cap ≤ 100).
    pub cap_pct: f64,
}

impl IndirectCosts {
    /// The rows it names, as a selector.
    pub fn selector(&self) -> RowSelector {
        RowSelector {
            actions: self.actions.clone(),
            lines: self.lines.clone(),
            natures: self.natures.clone(),
        }
    }
}

/// Budget and expense rows named by their action, budget line or nature
/// (`[finance.in_kind]`, `[finance.contingency]`); a row is named when any
/// of its values is listed, ignoring case.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowSelector {
    /// Actions.
    #[serde(default)]
    pub actions: Vec<String>,
    /// Budget lines.
    #[serde(default)]
    pub lines: Vec<String>,
    /// Natures.
    #[serde(default)]
    pub natures: Vec<String>,
}

impl RowSelector {
    /// Whether a row of this action, line and nature is named.
    pub fn names(&self, action: &str, line: &str, nature: &str) -> bool {
        let named = |values: &[String], v: &str| {
            !v.is_empty() && values.iter().any(|x| fold_key(x) == fold_key(v))
        };
        named(&self.actions, action) || named(&self.lines, line) || named(&self.natures, nature)
    }

    fn is_empty(&self) -> bool {
        self.actions.is_empty() && self.lines.is_empty() && self.natures.is_empty()
    }
}

/// What the values of the expenses' status column mean
/// (`[finance.statuses]`). An empty cell counts as paid.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpenseStatuses {
    /// Paid: an actual expense, the only kind counted as spent.
    #[serde(default)]
    pub paid: Vec<String>,
    /// Committed (ordered, contracted), not paid yet.
    #[serde(default)]
    pub committed: Vec<String>,
    /// Planned by the workplan.
    #[serde(default)]
    pub planned: Vec<String>,
}

/// An expense's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpenseStatus {
    /// Paid: counted as spent.
    Paid,
    /// Committed, not paid yet.
    Committed,
    /// Planned by the workplan.
    Planned,
}

impl ExpenseStatuses {
    /// The status a value of the column means; an empty value is paid,
    /// an unlisted one none (the load checks refuse it for an enum).
    pub fn of(&self, value: &str) -> Option<ExpenseStatus> {
        if value.trim().is_empty() {
            return Some(ExpenseStatus::Paid);
        }
        let listed = |values: &[String]| values.iter().any(|x| fold_key(x) == fold_key(value));
        if listed(&self.paid) {
            Some(ExpenseStatus::Paid)
        } else if listed(&self.committed) {
            Some(ExpenseStatus::Committed)
        } else if listed(&self.planned) {
            Some(ExpenseStatus::Planned)
        } else {
            None
        }
    }

    fn all(&self) -> impl Iterator<Item = &String> {
        self.paid.iter().chain(&self.committed).chain(&self.planned)
    }
}

/// How the report lays the financial statement out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FinanceLayout {
    /// By action and budget line, by funder (the default).
    #[default]
    Statement,
    /// The French Cerfa n°15059 fiche 6-2: charges by nature (accounts 60
    /// to 68, 86), resources by funder (70 to 75, 87).
    #[serde(rename = "cerfa_15059")]
    Cerfa15059,
    /// An EU-style financial report: budget headings, direct and indirect
    /// costs, contingency, the exchange rate.
    Eu,
}

/// One unit of `currency` is `rate` units of the programme's currency.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeRate {
    /// The other currency's code (`EUR`).
    pub currency: String,
    /// How many units of the programme's currency one unit is worth.
    pub rate: f64,
}

/// The certification of an annual or final financial report.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    /// Where the legal representative signs.
    pub place: String,
    /// The instalment asked for, when the report requests one.
    #[serde(default)]
    pub payment_request: Option<PaymentRequest>,
}

/// An instalment asked of a funder.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    /// The funder's code in `[[programme.funders]]`.
    pub funder: String,
    /// The amount asked for.
    pub amount: f64,
}

/// The budget's dataset and columns.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetSource {
    /// The dataset.
    pub dataset: String,
    /// The planned amount (an amount or integer column).
    pub amount: String,
    /// The budget line, if the statement is given by line.
    #[serde(default)]
    pub line: Option<String>,
    /// The action, if the statement is given by action.
    #[serde(default)]
    pub action: Option<String>,
    /// The nature (an account, a heading), if the statement is given by
    /// nature.
    #[serde(default)]
    pub nature: Option<String>,
}

/// The expenses' dataset and columns.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpenseSource {
    /// The dataset.
    pub dataset: String,
    /// The amount spent (an amount or integer column; negative corrects).
    pub amount: String,
    /// The date of the expense.
    pub date: String,
    /// The budget line (as the budget writes it).
    #[serde(default)]
    pub line: Option<String>,
    /// The action.
    #[serde(default)]
    pub action: Option<String>,
    /// Who paid: matched to `[[programme.funders]]` codes.
    #[serde(default)]
    pub funder: Option<String>,
    /// The nature (as the budget writes it).
    #[serde(default)]
    pub nature: Option<String>,
    /// Paid, committed or planned (`[finance.statuses]`).
    #[serde(default)]
    pub status: Option<String>,
    /// Eligible or not (`[finance] ineligible`).
    #[serde(default)]
    pub eligible: Option<String>,
}

/// The funds received: the instalments dataset and its columns.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstalmentSource {
    /// The dataset.
    pub dataset: String,
    /// The amount received.
    pub amount: String,
    /// The date it was received.
    pub date: String,
    /// Who paid it: matched to `[[programme.funders]]` codes.
    pub funder: String,
}

/// What a column named by `[finance]` must hold.
#[derive(Debug, Clone, Copy)]
enum Need {
    Number,
    Date,
    Any,
}

impl Programme {
    /// Every column `[finance]` names resolves, with the type it needs,
    /// and its rules are ones a funder could set.
    pub(super) fn check_finance(&self, path: &Path) -> Result<()> {
        let Some(finance) = &self.finance else {
            return Ok(());
        };
        let err = |part: &str, problem| Error::Definition {
            path: path.to_path_buf(),
            line: None,
            problem: Box::new(DefinitionProblem::Finance {
                part: part.to_owned(),
                problem,
            }),
        };
        let finance_err = |part: &str, p: FinanceProblem| err(part, IndicatorProblem::Finance(p));
        let b = &finance.budget;
        let e = &finance.expenses;
        let any = |c: &Option<String>| c.clone().map(|c| (c, Need::Any));
        let budget = [Some((b.amount.clone(), Need::Number))]
            .into_iter()
            .chain([any(&b.line), any(&b.action), any(&b.nature)])
            .flatten();
        self.check_finance_columns(&b.dataset, budget)
            .map_err(|p| err("budget", p))?;
        let expenses = [
            Some((e.amount.clone(), Need::Number)),
            Some((e.date.clone(), Need::Date)),
        ]
        .into_iter()
        .chain([any(&e.line), any(&e.action), any(&e.funder)])
        .chain([any(&e.nature), any(&e.status), any(&e.eligible)])
        .flatten();
        self.check_finance_columns(&e.dataset, expenses)
            .map_err(|p| err("expenses", p))?;
        if let Some(i) = &finance.instalments {
            let columns = [
                (i.amount.clone(), Need::Number),
                (i.date.clone(), Need::Date),
                (i.funder.clone(), Need::Any),
            ];
            self.check_finance_columns(&i.dataset, columns.into_iter())
                .map_err(|p| err("instalments", p))?;
        }
        if let Some(pct) = finance
            .used_up_pct
            .filter(|p| !(p.is_finite() && (1.0..=1000.0).contains(p)))
        {
            return Err(finance_err(
                "used_up_pct",
                FinanceProblem::UsedUpPct { pct },
            ));
        }
        if let Some(pct) = finance
            .variance_pct
            .filter(|p| !(p.is_finite() && *p > 0.0 && *p <= 1000.0))
        {
            return Err(finance_err(
                "variance_pct",
                FinanceProblem::VariancePct { pct },
            ));
        }
        self.check_finance_rules(finance, &finance_err)
    }

    /// The rules naming values: statuses, eligibility, indirect, in kind,
    /// contingency, exchange rate, payment request.
    fn check_finance_rules(
        &self,
        finance: &FinanceSettings,
        err: &dyn Fn(&str, FinanceProblem) -> Error,
    ) -> Result<()> {
        let e = &finance.expenses;
        let has = |key: &'static str| match key {
            "action" => e.action.is_some(),
            "line" => e.line.is_some(),
            _ => e.nature.is_some(),
        };
        if let Some(indirect) = &finance.indirect {
            let cap = indirect.cap_pct;
            if !(cap.is_finite() && cap > 0.0 && cap <= 100.0) {
                return Err(err("indirect", FinanceProblem::IndirectCap { cap }));
            }
            check_selector(&indirect.selector(), &has).map_err(|p| err("indirect", p))?;
        }
        for (part, selector) in [
            ("in_kind", &finance.in_kind),
            ("contingency", &finance.contingency),
        ] {
            if let Some(s) = selector {
                check_selector(s, &has).map_err(|p| err(part, p))?;
            }
        }
        self.check_statuses(finance)
            .map_err(|p| err("statuses", p))?;
        if e.eligible.is_some() && finance.ineligible.is_empty() {
            return Err(err("ineligible", FinanceProblem::IneligibleMissing));
        }
        if !finance.ineligible.is_empty() && e.eligible.is_none() {
            return Err(err(
                "ineligible",
                FinanceProblem::NeedsColumn { key: "eligible" },
            ));
        }
        if let Some(x) = &finance.exchange_rate
            && !(x.rate.is_finite() && x.rate > 0.0 && !x.currency.trim().is_empty())
        {
            return Err(err(
                "exchange_rate",
                FinanceProblem::ExchangeRate { rate: x.rate },
            ));
        }
        self.check_funders_plan(finance, err)
    }

    /// `[finance.statuses]` is there exactly when the status column is, and
    /// gives every value of an enum column exactly one meaning.
    fn check_statuses(&self, finance: &FinanceSettings) -> std::result::Result<(), FinanceProblem> {
        let e = &finance.expenses;
        let (column, statuses) = match (&e.status, &finance.statuses) {
            (None, None) => return Ok(()),
            (Some(_), None) => return Err(FinanceProblem::StatusesMissing),
            (None, Some(_)) => return Err(FinanceProblem::NeedsColumn { key: "status" }),
            (Some(c), Some(s)) => (c, s),
        };
        let mut seen: Vec<String> = Vec::new();
        for v in statuses.all() {
            if seen.contains(&fold_key(v)) {
                return Err(FinanceProblem::StatusTwice { value: v.clone() });
            }
            seen.push(fold_key(v));
        }
        let schema = self.column_schema_of(&e.dataset, column);
        // An enum, so that every value has a meaning: a status guessed from
        // free text would be silently wrong.
        if let Some(s) = schema.filter(|s| s.kind != ColumnType::Enum) {
            return Err(FinanceProblem::StatusNotEnum { kind: s.kind });
        }
        if let Some(schema) = schema {
            let known = |v: &String| schema.values.iter().any(|x| fold_key(x) == fold_key(v));
            if let Some(v) = statuses.all().find(|v| !known(v)) {
                return Err(FinanceProblem::StatusUnknown {
                    value: v.clone(),
                    values: schema.values.clone(),
                });
            }
            if let Some(v) = schema.values.iter().find(|v| statuses.of(v).is_none()) {
                return Err(FinanceProblem::StatusUnmapped { value: v.clone() });
            }
        }
        Ok(())
    }

    /// Each funder's planned contribution and grant are amounts; a payment
    /// request names a declared funder and asks for an amount.
    fn check_funders_plan(
        &self,
        finance: &FinanceSettings,
        err: &dyn Fn(&str, FinanceProblem) -> Error,
    ) -> Result<()> {
        let bad = |v: Option<f64>| v.is_some_and(|v| !(v.is_finite() && v >= 0.0));
        for f in &self.info.funders {
            if bad(f.planned) || bad(f.grant) {
                return Err(err(
                    "funders",
                    FinanceProblem::FunderAmount {
                        funder: f.code.clone(),
                    },
                ));
            }
        }
        let Some(request) = finance
            .certification
            .as_ref()
            .and_then(|c| c.payment_request.as_ref())
        else {
            return Ok(());
        };
        if !self.info.funders.iter().any(|f| f.code == request.funder) {
            return Err(err(
                "certification",
                FinanceProblem::UnknownFunder {
                    funder: request.funder.clone(),
                    funders: self.info.funders.iter().map(|f| f.code.clone()).collect(),
                },
            ));
        }
        if !(request.amount.is_finite() && request.amount > 0.0) {
            return Err(err(
                "certification",
                FinanceProblem::PaymentRequestAmount {
                    amount: request.amount,
                },
            ));
        }
        Ok(())
    }

    fn check_finance_columns(
        &self,
        dataset: &str,
        columns: impl Iterator<Item = (String, Need)>,
    ) -> std::result::Result<(), IndicatorProblem> {
        let sel = Selection::whole(dataset);
        self.selected_dataset(&sel)?;
        for (name, need) in columns {
            let c = self.resolve_column(&sel, &name)?;
            match need {
                Need::Number if !matches!(c.kind, ColumnType::Integer | ColumnType::Amount) => {
                    return Err(IndicatorProblem::NotNumeric {
                        column: name,
                        dataset: dataset.to_owned(),
                        kind: c.kind,
                    });
                }
                Need::Date if c.kind != ColumnType::Date => {
                    return Err(IndicatorProblem::DateNotDate {
                        column: name,
                        kind: c.kind,
                    });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The schema of a column (own or `reference.column`) of a dataset:
    /// its type, values and labels.
    pub fn column_schema_of(&self, dataset: &str, name: &str) -> Option<&ColumnSchema> {
        let ds = self.dataset(dataset)?;
        match name.split_once('.') {
            None => ds.column(name),
            Some((reference, target)) => {
                let t = ds.column(reference)?.references.as_deref()?;
                self.dataset(t)?.column(target)
            }
        }
    }
}

/// A selector names something, in columns the expenses have.
fn check_selector(
    selector: &RowSelector,
    has: &dyn Fn(&'static str) -> bool,
) -> std::result::Result<(), FinanceProblem> {
    if selector.is_empty() {
        return Err(FinanceProblem::SelectsNothing);
    }
    for (key, values) in [
        ("action", &selector.actions),
        ("line", &selector.lines),
        ("nature", &selector.natures),
    ] {
        if !values.is_empty() && !has(key) {
            return Err(FinanceProblem::NeedsColumn { key });
        }
    }
    Ok(())
}
