//! The financial statement of a period, as a funder reads it: the budget
//! against the expenses by action, budget line and nature; the financing
//! plan (each funder's planned contribution and grant, its spending, the
//! funds it paid and the cash balance); contributions in kind apart;
//! commitments and the workplan's planned spending feeding a forecast to
//! the programme's end, line by line; variances against the budget;
//! ineligible expenses; the indirect costs against their cap. The
//! programme declares which datasets and columns hold all this
//! (`[finance]` in `programme.toml`); the library knows no budget, funder
//! or chart of accounts.
//!
//! Only paid, eligible expenses in cash count as spent: "to date" when
//! dated on or before the period's end, "in the period" when dated within
//! it. Committed and planned expenses are not spent; with the expenses
//! dated after the period they make the forecast of the lines that have
//! them ([`Forecast`]). Amounts are summed as written (a negative amount is
//! a correction).

mod flags;
mod funding;
mod ledger;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::Engine;
use crate::error::Result;
use crate::period::{Period, from_epoch_days};
use crate::programme::{ExpenseStatus, FinanceSettings, ProgrammeInfo};
use crate::schema::ColumnSchema;
use crate::text::Localized;

pub use flags::{ExpenseEntry, FinanceFlags, USED_UP_PCT};
pub use funding::{FunderRow, Funding, InKind};
use ledger::{CellKey, Ledger};

/// A value of the action, line, nature or funder column, with its label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labelled {
    /// The value as the data holds it (canonical spelling for an enum);
    /// empty for rows without one.
    pub value: String,
    /// How reports print it, per language: the column's `value_labels`
    /// (for a funder, else its name in `[[programme.funders]]`); empty when
    /// the definitions give none (print the value).
    pub label: Localized,
}

impl Labelled {
    /// The label in `lang`, else the value itself.
    pub fn text(&self, lang: impl AsRef<str>) -> &str {
        let l = self.label.get(lang);
        if l.trim().is_empty() { &self.value } else { l }
    }
}

/// How a group's forecast to the programme's end was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastMethod {
    /// Spending to date carried on at the same pace (no commitment or
    /// planned expense on the line).
    #[default]
    StraightLine,
    /// Paid to date, plus what is paid, committed or planned after.
    Plan,
    /// The programme has ended: the forecast is the actual.
    Actual,
    /// A group whose lines follow different methods.
    Mixed,
}

/// The budget and spending of one group of rows (a line, an action, a
/// nature, all), in cash: eligible expenses only, contributions in kind
/// apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct BudgetFigures {
    /// Planned.
    pub budget: f64,
    /// Spent (paid) in the period.
    pub spent_period: f64,
    /// Spent (paid) up to the period's end.
    pub spent_to_date: f64,
    /// Budget minus spent to date (negative when overspent).
    pub remaining: f64,
    /// Spent to date over budget, in percent; none without a budget.
    pub used_pct: Option<f64>,
    /// Paid after the period's end (known when the report is made later).
    pub paid_after: f64,
    /// Committed, not paid yet (any date).
    pub committed: f64,
    /// Planned by the workplan, not committed yet (any date).
    pub planned: f64,
    /// The forecast at the programme's end.
    pub forecast: f64,
    /// How the forecast was made.
    pub forecast_method: ForecastMethod,
    /// Forecast minus budget: above 0 overspends, below underspends.
    pub variance: f64,
    /// The variance over the budget, in percent; none without a budget.
    pub variance_pct: Option<f64>,
    /// Whether the variance is beyond `[finance] variance_pct` (a line
    /// with no budget and some forecast always is), so that a
    /// justification is expected.
    pub needs_justification: bool,
}

impl BudgetFigures {
    /// Adds a group's sums to this one's.
    fn absorb(&mut self, other: &BudgetFigures, first: bool) {
        self.budget += other.budget;
        self.spent_period += other.spent_period;
        self.spent_to_date += other.spent_to_date;
        self.paid_after += other.paid_after;
        self.committed += other.committed;
        self.planned += other.planned;
        self.forecast += other.forecast;
        self.forecast_method = if first || self.forecast_method == other.forecast_method {
            other.forecast_method
        } else {
            ForecastMethod::Mixed
        };
    }

    /// The figures derived from the sums.
    fn finish(mut self, variance_pct: Option<f64>) -> Self {
        self.remaining = self.budget - self.spent_to_date;
        self.used_pct = (self.budget > 0.0).then(|| self.spent_to_date / self.budget * 100.0);
        self.variance = self.forecast - self.budget;
        self.variance_pct = (self.budget > 0.0).then(|| self.variance / self.budget * 100.0);
        self.needs_justification = variance_pct.is_some_and(|t| match self.variance_pct {
            Some(v) => v.abs() > t + 1e-9,
            None => self.forecast.abs() > 0.005,
        });
        self
    }
}

/// How a cell's forecast is made: the programme's days, the days elapsed
/// at the period's end.
pub(crate) struct Pace {
    days: f64,
    elapsed: f64,
    ended: bool,
}

impl Pace {
    fn of(info: &ProgrammeInfo, period: &Period) -> Self {
        let days = ((info.end - info.start).num_days() + 1).max(1) as f64;
        let elapsed = ((period.end - info.start).num_days() + 1).clamp(0, days as i64) as f64;
        Pace {
            days,
            elapsed,
            ended: period.end >= info.end,
        }
    }

    /// A cell's figures with its forecast: the actual once the programme
    /// has ended, its plan when it has committed or planned rows, else the
    /// straight line.
    fn settle(&self, mut f: BudgetFigures, has_plan: bool) -> BudgetFigures {
        (f.forecast, f.forecast_method) = if self.ended {
            (f.spent_to_date, ForecastMethod::Actual)
        } else if has_plan {
            (
                f.spent_to_date + f.paid_after + f.committed + f.planned,
                ForecastMethod::Plan,
            )
        } else if self.elapsed > 0.0 {
            (
                f.spent_to_date * self.days / self.elapsed,
                ForecastMethod::StraightLine,
            )
        } else {
            (f.spent_to_date, ForecastMethod::StraightLine)
        };
        f
    }
}

/// One row of the statement by action, line or nature.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetRow {
    /// The action, when the definitions name an action column (not in the
    /// statement by nature).
    pub action: Option<Labelled>,
    /// The budget line, in the statement by line.
    pub line: Option<Labelled>,
    /// The nature, in the statement by nature.
    pub nature: Option<Labelled>,
    /// Its figures.
    pub figures: BudgetFigures,
}

/// Against a ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "check")]
pub enum CeilingCheck {
    /// Its share is at or under its rate, by `margin` points.
    Respected {
        /// Rate minus share, in percentage points.
        margin: f64,
    },
    /// Its share is over its rate, by `by` points.
    Exceeded {
        /// Share minus rate, in percentage points.
        by: f64,
    },
}

impl CeilingCheck {
    /// A share against a rate, both in percent.
    fn of(share: f64, rate: f64) -> Self {
        if share <= rate {
            CeilingCheck::Respected {
                margin: rate - share,
            }
        } else {
            CeilingCheck::Exceeded { by: share - rate }
        }
    }
}

/// The forecast of spending at the programme's end: line by line, from
/// the line's commitments and planned expenses when it has some, else
/// carried on at the pace so far.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Forecast {
    /// Days of the programme up to the period's end, over all its days, in
    /// percent (0 to 100).
    pub elapsed_pct: f64,
    /// The sum of the lines' forecasts; none before the programme's start
    /// when no line has a plan.
    pub projected: Option<f64>,
    /// The projection over the total budget, in percent.
    pub projected_pct: Option<f64>,
    /// Spending to date carried on at the same pace, all lines together:
    /// what the forecast would be without the plan; none before the start.
    pub straight_line: Option<f64>,
    /// How many lines are forecast from their plan.
    pub lines_planned: usize,
    /// How many lines are forecast at the pace so far.
    pub lines_straight: usize,
}

/// Expenses dated after the period's end, by status: not counted as spent
/// in the statement, but in the forecast.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LaterExpenses {
    /// How many rows.
    pub rows: usize,
    /// Their amount.
    pub amount: f64,
    /// The latest date among them.
    pub last: Option<NaiveDate>,
    /// Paid after the period (the report is made later).
    pub paid: StatusSum,
    /// Committed.
    pub committed: StatusSum,
    /// Planned by the workplan.
    pub planned: StatusSum,
}

/// A count of rows and their amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct StatusSum {
    /// How many rows.
    pub rows: usize,
    /// Their amount.
    pub amount: f64,
}

impl StatusSum {
    fn add(&mut self, amount: f64) {
        self.rows += 1;
        self.amount += amount;
    }
}

/// Expenses the funders are not charged: listed, out of every figure.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IneligibleExpenses {
    /// The ineligible expenses paid up to the period's end, in date order.
    pub rows: Vec<ExpenseEntry>,
    /// Their amount.
    pub amount: f64,
}

/// The financial statement of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinancialStatement {
    /// The period.
    pub period: Period,
    /// By action, in the order of the action column's values (else
    /// alphabetical); none when no action column is declared.
    pub by_action: Option<Vec<BudgetRow>>,
    /// By action and budget line, in the order of actions then of the
    /// budget's rows; none when no line column is declared.
    pub by_line: Option<Vec<BudgetRow>>,
    /// By nature, in the order of the nature column's values; none when no
    /// nature column is declared.
    pub by_nature: Option<Vec<BudgetRow>>,
    /// All rows.
    pub total: BudgetFigures,
    /// Spending and funds by funder: the programme's funders first, in
    /// their order, then the other values of the funder columns; none when
    /// neither a funder column nor instalments are declared.
    pub by_funder: Option<Vec<FunderRow>>,
    /// The financing plan's totals, with [`FinancialStatement::by_funder`].
    pub funding: Option<Funding>,
    /// Contributions in kind, when `[finance.in_kind]` declares them.
    pub in_kind: Option<InKind>,
    /// The forecast to the programme's end.
    pub forecast: Forecast,
    /// Expenses dated after the period's end.
    pub later: LaterExpenses,
    /// Paid expenses dated after the period's end, when a status column
    /// says what is paid: the report refuses those dated after its date of
    /// issue (a payment cannot be ahead).
    pub paid_after: Vec<ExpenseEntry>,
    /// Ineligible expenses.
    pub ineligible: IneligibleExpenses,
    /// What needs a funder's attention first ([`FinanceFlags`]).
    pub flags: FinanceFlags,
    /// The indirect costs against their cap, when `[finance.indirect]`
    /// declares them.
    pub indirect: Option<IndirectCheck>,
    /// The `[finance] variance_pct` in force, if any.
    pub variance_threshold: Option<f64>,
}

/// The indirect costs to date against their cap, a share of the direct
/// costs (every other eligible expense to date in cash).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IndirectCheck {
    /// Indirect costs spent to date.
    pub indirect: f64,
    /// Direct costs spent to date.
    pub direct: f64,
    /// Indirect over direct, in percent; none without direct costs.
    pub pct: Option<f64>,
    /// The cap, in percent of the direct costs.
    pub cap_pct: f64,
    /// The share against the cap; none without direct costs.
    pub check: Option<CeilingCheck>,
}

impl IndirectCheck {
    /// The check of `ledger`'s spending to date against `settings`.
    fn of(ledger: &Ledger, settings: &crate::programme::IndirectCosts) -> Self {
        let selector = settings.selector();
        let (mut indirect, mut direct) = (0.0, 0.0);
        let e = &ledger.expenses;
        for (i, (_, to_date)) in ledger.spent.iter().enumerate() {
            if selector.names(&e.action[i], &e.line[i], &e.nature[i]) {
                indirect += to_date;
            } else {
                direct += to_date;
            }
        }
        let pct = (direct > 0.0).then(|| indirect / direct * 100.0);
        IndirectCheck {
            indirect,
            direct,
            pct,
            cap_pct: settings.cap_pct,
            check: pct.map(|p| CeilingCheck::of(p, settings.cap_pct)),
        }
    }
}

impl Engine<'_> {
    /// The financial statement of `period`; none when the programme declares
    /// no `[finance]`.
    pub fn financial_statement(&self, period: &Period) -> Result<Option<FinancialStatement>> {
        let Some(finance) = &self.programme().finance else {
            return Ok(None);
        };
        self.statement(finance, period).map(Some)
    }

    fn statement(&self, fin: &FinanceSettings, period: &Period) -> Result<FinancialStatement> {
        let (b, e) = (&fin.budget, &fin.expenses);
        let ledger = self.ledger(fin, period)?;
        let info = &self.programme().info;
        let pace = Pace::of(info, period);
        let cells = ledger.cells(&pace);
        let threshold = fin.variance_pct;
        let total = sum_cells(cells.iter().map(|(_, f)| f)).finish(threshold);
        // Order and labels of the groups come from the column schemas; a
        // grouping exists when either dataset declares its column.
        let schema = |bc: &Option<String>, ec: &Option<String>| {
            self.finance_column(&b.dataset, bc.as_deref(), &e.dataset, ec.as_deref())
        };
        let action_schema = schema(&b.action, &e.action);
        let line_schema = schema(&b.line, &e.line);
        let nature_schema = schema(&b.nature, &e.nature);
        let has_action = b.action.is_some() || e.action.is_some();
        let grouping = Grouping {
            cells: &cells,
            threshold,
        };
        let by_action = has_action.then(|| grouping.by_action(action_schema));
        let by_line = (b.line.is_some() || e.line.is_some())
            .then(|| grouping.by_line(has_action, action_schema, line_schema));
        let by_nature =
            (b.nature.is_some() || e.nature.is_some()).then(|| grouping.by_nature(nature_schema));
        let finest = by_line.as_deref().or(by_action.as_deref());
        let (by_funder, funding) = self.funding(fin, &ledger, &total);
        Ok(FinancialStatement {
            period: period.clone(),
            forecast: forecast(&pace, &total, finest.unwrap_or_default()),
            later: later(&ledger),
            paid_after: match fin.statuses {
                Some(_) => ledger.entries(|i, d| {
                    ledger.class[i].status == ExpenseStatus::Paid
                        && d.is_some_and(|d| d > ledger.period_end)
                }),
                None => Vec::new(),
            },
            ineligible: ineligible(&ledger),
            in_kind: fin.in_kind.as_ref().map(|_| InKind::of(&ledger)),
            flags: FinanceFlags::of(
                fin.used_up_pct.unwrap_or(USED_UP_PCT),
                finest.unwrap_or_default(),
                &ledger,
                period,
                info.end,
            ),
            indirect: fin.indirect.as_ref().map(|i| IndirectCheck::of(&ledger, i)),
            variance_threshold: threshold,
            by_funder,
            funding,
            total,
            by_action,
            by_line,
            by_nature,
        })
    }

    /// The schema giving a grouping column's value order and labels: the
    /// one with labels (the expenses' first), else with values, else the
    /// budget's.
    fn finance_column(
        &self,
        budget: &str,
        budget_column: Option<&str>,
        expenses: &str,
        expenses_column: Option<&str>,
    ) -> Option<&ColumnSchema> {
        let e = expenses_column.and_then(|c| self.programme().column_schema_of(expenses, c));
        let b = budget_column.and_then(|c| self.programme().column_schema_of(budget, c));
        let labels = |s: &Option<&ColumnSchema>| s.is_some_and(|s| !s.value_labels.is_empty());
        let values = |s: &Option<&ColumnSchema>| s.is_some_and(|s| !s.values.is_empty());
        match (e, b) {
            (e, _) if labels(&e) => e,
            (_, b) if labels(&b) => b,
            (e, _) if values(&e) => e,
            (e, b) => b.or(e),
        }
    }
}

/// The sum of some cells' figures (not finished).
fn sum_cells<'a>(cells: impl Iterator<Item = &'a BudgetFigures>) -> BudgetFigures {
    let mut sum = BudgetFigures::default();
    for (i, f) in cells.enumerate() {
        sum.absorb(f, i == 0);
    }
    sum
}

/// The finest cells of a statement, grouped into its tables.
struct Grouping<'a> {
    cells: &'a [(CellKey, BudgetFigures)],
    threshold: Option<f64>,
}

impl Grouping<'_> {
    /// The cells grouped by `key`, groups in the order they first appear.
    fn group<K: Ord + Clone>(&self, key: impl Fn(&CellKey) -> K) -> Vec<(K, BudgetFigures)> {
        let mut order: Vec<K> = Vec::new();
        let mut groups: BTreeMap<K, Vec<&BudgetFigures>> = BTreeMap::new();
        for (k, f) in self.cells {
            let k = key(k);
            if !groups.contains_key(&k) {
                order.push(k.clone());
            }
            groups.entry(k).or_default().push(f);
        }
        order
            .into_iter()
            .map(|k| {
                let f = sum_cells(groups[&k].iter().copied()).finish(self.threshold);
                (k, f)
            })
            .collect()
    }

    /// By action, in the order of the action column's values.
    fn by_action(&self, schema: Option<&ColumnSchema>) -> Vec<BudgetRow> {
        let mut groups = self.group(|k| k.0.clone());
        groups.sort_by_key(|(k, _)| rank(k, schema));
        groups
            .into_iter()
            .map(|(k, figures)| BudgetRow {
                action: Some(labelled(&k, schema)),
                line: None,
                nature: None,
                figures,
            })
            .collect()
    }

    /// By action and budget line: lines in the order of the budget's rows,
    /// then expense lines the budget does not have, grouped by action
    /// (a stable sort keeps the budget's order within an action). The rows
    /// name their action only when an action column is declared.
    fn by_line(
        &self,
        has_action: bool,
        action_schema: Option<&ColumnSchema>,
        line_schema: Option<&ColumnSchema>,
    ) -> Vec<BudgetRow> {
        let mut groups = self.group(|k| (k.0.clone(), k.1.clone()));
        groups.sort_by_key(|((a, _), _)| rank(a, action_schema));
        groups
            .into_iter()
            .map(|((a, l), figures)| BudgetRow {
                action: has_action.then(|| labelled(&a, action_schema)),
                line: Some(labelled(&l, line_schema)),
                nature: None,
                figures,
            })
            .collect()
    }

    /// By nature, in the order of the nature column's values.
    fn by_nature(&self, schema: Option<&ColumnSchema>) -> Vec<BudgetRow> {
        let mut groups = self.group(|k| k.2.clone());
        groups.sort_by_key(|(k, _)| rank(k, schema));
        groups
            .into_iter()
            .map(|(k, figures)| BudgetRow {
                action: None,
                line: None,
                nature: Some(labelled(&k, schema)),
                figures,
            })
            .collect()
    }
}

/// The forecast of the whole statement from its finest rows.
fn forecast(pace: &Pace, total: &BudgetFigures, lines: &[BudgetRow]) -> Forecast {
    let planned = |m: ForecastMethod| matches!(m, ForecastMethod::Plan | ForecastMethod::Mixed);
    let lines_planned = lines
        .iter()
        .filter(|r| planned(r.figures.forecast_method))
        .count();
    let lines_straight = lines
        .iter()
        .filter(|r| r.figures.forecast_method == ForecastMethod::StraightLine)
        .count();
    let started = pace.elapsed > 0.0;
    let projected = (started || lines_planned > 0).then_some(total.forecast);
    Forecast {
        elapsed_pct: pace.elapsed / pace.days * 100.0,
        projected,
        projected_pct: projected
            .filter(|_| total.budget > 0.0)
            .map(|p| p / total.budget * 100.0),
        straight_line: started.then(|| total.spent_to_date * pace.days / pace.elapsed),
        lines_planned,
        lines_straight,
    }
}

/// The expenses dated after the period's end, by status.
fn later(ledger: &Ledger) -> LaterExpenses {
    let mut later = LaterExpenses::default();
    let e = &ledger.expenses;
    for i in 0..e.len() {
        let Some(d) = e.date[i].filter(|d| *d > ledger.period_end) else {
            continue;
        };
        let a = e.amount[i];
        later.rows += 1;
        later.amount += a;
        later.last = later.last.max(from_epoch_days(d));
        match ledger.class[i].status {
            ExpenseStatus::Paid => later.paid.add(a),
            ExpenseStatus::Committed => later.committed.add(a),
            ExpenseStatus::Planned => later.planned.add(a),
        }
    }
    later
}

/// The ineligible expenses paid up to the period's end.
fn ineligible(ledger: &Ledger) -> IneligibleExpenses {
    let rows = ledger.entries(|i, d| {
        let c = ledger.class[i];
        !c.eligible && c.status == ExpenseStatus::Paid && d.is_some_and(|d| d <= ledger.period_end)
    });
    IneligibleExpenses {
        amount: rows.iter().map(|r| r.amount).sum(),
        rows,
    }
}

/// A value with its label from the column's `value_labels`.
fn labelled(value: &str, schema: Option<&ColumnSchema>) -> Labelled {
    Labelled {
        value: value.to_owned(),
        label: schema
            .and_then(|s| s.value_labels.get(value))
            .cloned()
            .unwrap_or_default(),
    }
}

/// Where a value sorts: in the order of the enum's values, else
/// alphabetically; the empty value last.
fn rank(v: &str, schema: Option<&ColumnSchema>) -> (bool, usize, String) {
    (
        v.is_empty(),
        schema
            .and_then(|s| s.values.iter().position(|x| x == v))
            .unwrap_or(usize::MAX),
        v.to_owned(),
    )
}

/// Sorts values in the order of the enum's values, else alphabetically;
/// the empty value last.
fn sort_values(values: &mut [String], schema: Option<&ColumnSchema>) {
    values.sort_by_key(|v| rank(v, schema));
}
