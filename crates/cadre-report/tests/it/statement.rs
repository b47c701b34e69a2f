//! The financial statement against sums computed here, independently of
//! cadre's reading of the workbook: the example workbooks' budget and
//! expenses sheets read cell by cell with calamine, their amounts and dates
//! parsed by hand.

use std::collections::BTreeMap;
use std::path::Path;

use cadre::finance::{CeilingCheck, FinancialStatement};
use cadre::{Engine, Period, Programme};
use calamine::{Data, Reader};
use chrono::NaiveDate;

const ROOT: &str = "../..";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A number as the example workbooks write it: a number cell or text with
/// spaces between thousands and a decimal comma.
fn amount(c: &Data) -> f64 {
    match c {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        Data::String(s) => s
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{202F}'))
            .collect::<String>()
            .replace(',', ".")
            .parse()
            .unwrap_or_else(|_| panic!("amount {s:?}")),
        Data::Empty => 0.0,
        other => panic!("amount {other:?}"),
    }
}

/// A date cell, `dd/mm/yyyy` (maybe with a time) or `yyyy-mm-dd`.
pub(crate) fn day(c: &Data) -> NaiveDate {
    match c {
        Data::DateTime(d) => d.as_datetime().expect("date").date(),
        Data::String(s) => {
            let s = s.trim();
            let s = s.split(' ').next().unwrap_or(s);
            NaiveDate::parse_from_str(s, "%d/%m/%Y")
                .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
                .unwrap_or_else(|_| panic!("date {s:?}"))
        }
        other => panic!("date {other:?}"),
    }
}

/// The sheet's rows under its header, non-empty, as (header → cell).
pub(crate) fn sheet(workbook: &str, name: &str) -> Vec<BTreeMap<String, Data>> {
    let mut book = calamine::open_workbook_auto(Path::new(ROOT).join(workbook)).expect("workbook");
    let range = book.worksheet_range(name).expect("sheet");
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .expect("header")
        .iter()
        .map(|c| cadre::text::fold_name(&c.to_string()))
        .collect();
    rows.filter(|r| {
        r.iter()
            .any(|c| !matches!(c, Data::Empty) && !c.to_string().trim().is_empty())
    })
    .map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
    .collect()
}

fn text(row: &BTreeMap<String, Data>, column: &str) -> String {
    row[column].to_string().trim().to_uppercase()
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() < 0.005, "{what}: {a} ≠ {b}");
}

fn statement(programme: &str, workbook: &str, period: &str) -> (Programme, FinancialStatement) {
    let root = Path::new(ROOT);
    let p = Programme::load(root.join(programme)).expect("programme");
    let d = cadre::ingest(&p, root.join(workbook)).expect("workbook");
    assert!(d.report.is_clean());
    let period = Period::parse(period, p.info.calendar(), p.info.end).expect("period");
    let s = Engine::new(&p, &d)
        .financial_statement(&period)
        .expect("statement")
        .expect("the programme declares [finance]");
    (p, s)
}

/// An expense's status as the sheets type it (`Payée`, `payé`, `Engagée`,
/// `prévu`…); an empty cell is paid.
#[derive(Debug, Clone, Copy, PartialEq)]
enum St {
    Paid,
    Committed,
    Planned,
}

/// A budget row read from the sheet.
struct BudgetLine {
    action: String,
    line: String,
    nature: String,
    amount: f64,
}

/// An expense row read from the sheet.
struct Expense {
    date: Option<NaiveDate>,
    action: String,
    line: String,
    nature: String,
    amount: f64,
    funder: String,
    status: St,
    eligible: bool,
}

/// The budget, expenses and instalments of an example workbook, read here
/// cell by cell.
struct Sheets {
    budget: Vec<BudgetLine>,
    expenses: Vec<Expense>,
    instalments: Vec<(NaiveDate, String, f64)>,
    in_kind: Vec<String>,
}

/// The leading number of a nature cell (`64`, `64 - Personnel`).
fn nature_of(c: Option<&Data>) -> String {
    match c {
        Some(Data::Float(f)) => format!("{f}"),
        Some(Data::Int(i)) => i.to_string(),
        Some(c) => c
            .to_string()
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect(),
        None => String::new(),
    }
}

/// A cell's text, lower case, without accents or surrounding spaces.
fn plain(c: Option<&Data>) -> String {
    c.map(|c| c.to_string())
        .unwrap_or_default()
        .trim()
        .to_lowercase()
        .replace(['é', 'è', 'ê'], "e")
}

fn status_of(c: Option<&Data>) -> St {
    let s = plain(c);
    if s.is_empty() || s.starts_with("pay") {
        St::Paid
    } else if s.starts_with("engag") {
        St::Committed
    } else {
        assert!(
            s.starts_with("prev") || s.starts_with("planif"),
            "status {s:?}"
        );
        St::Planned
    }
}

impl Sheets {
    /// `action` and `nature` are the sheets' headers of those columns
    /// (folded); `in_kind` the natures the definitions declare in kind.
    fn read(workbook: &str, action: &str, nature: &str, in_kind: &[String]) -> Sheets {
        let budget = sheet(workbook, "Budget")
            .iter()
            .map(|r| BudgetLine {
                action: text(r, action),
                line: r["ligne"].to_string().trim().to_lowercase(),
                nature: nature_of(r.get(nature)),
                amount: amount(&r["prevu"]),
            })
            .collect();
        let expenses = sheet(workbook, "Dépenses")
            .iter()
            .map(|r| Expense {
                date: r.get("date").filter(|c| !matches!(c, Data::Empty)).map(day),
                action: text(r, action),
                line: r["ligne"].to_string().trim().to_lowercase(),
                nature: nature_of(r.get(nature)),
                // The Terr'ESS sheet heads its amounts with the English alias.
                amount: amount(
                    r.get("montant")
                        .or_else(|| r.get("amount"))
                        .expect("amount"),
                ),
                funder: plain(r.get("financeur")),
                status: status_of(r.get("statut")),
                eligible: plain(r.get("eligible")) != "non",
            })
            .collect();
        let instalments = sheet(workbook, "Versements")
            .iter()
            .map(|r| {
                let amount = amount(&r["montant"]);
                (day(&r["date"]), plain(r.get("financeur")), amount)
            })
            .collect();
        Sheets {
            budget,
            expenses,
            instalments,
            in_kind: in_kind.to_vec(),
        }
    }

    fn cash(&self, nature: &str) -> bool {
        !self.in_kind.iter().any(|n| n == nature)
    }

    /// Spent: paid, eligible, in cash, dated up to `end`.
    fn spends(&self, e: &Expense, end: NaiveDate) -> bool {
        e.status == St::Paid
            && e.eligible
            && self.cash(&e.nature)
            && e.date.is_some_and(|d| d <= end)
    }
}

/// One finest cell (action, line, nature): budget, spent in the period and
/// to date, the forecast.
#[derive(Debug, Default, Clone, Copy)]
struct Cell {
    budget: f64,
    period: f64,
    to_date: f64,
    forecast: f64,
    plan: bool,
}

/// The cells of a period, each forecast by its plan (paid to date, paid
/// after, committed and planned, when it has committed or planned rows)
/// or by the straight line.
fn cells(
    x: &Sheets,
    p: &Programme,
    start: NaiveDate,
    end: NaiveDate,
) -> BTreeMap<(String, String, String), Cell> {
    let mut cells: BTreeMap<(String, String, String), Cell> = BTreeMap::new();
    let mut after: BTreeMap<(String, String, String), f64> = BTreeMap::new();
    for b in x.budget.iter().filter(|b| x.cash(&b.nature)) {
        cells
            .entry((b.action.clone(), b.line.clone(), b.nature.clone()))
            .or_default()
            .budget += b.amount;
    }
    for e in &x.expenses {
        let Some(d) = e.date else { continue };
        if !e.eligible || !x.cash(&e.nature) {
            continue;
        }
        let key = (e.action.clone(), e.line.clone(), e.nature.clone());
        let c = cells.entry(key.clone()).or_default();
        match e.status {
            St::Paid if d <= end => {
                c.to_date += e.amount;
                if d >= start {
                    c.period += e.amount;
                }
            }
            St::Paid => *after.entry(key).or_default() += e.amount,
            St::Committed | St::Planned => {
                c.plan = true;
                *after.entry(key).or_default() += e.amount;
            }
        }
    }
    let days = (p.info.end - p.info.start).num_days() as f64 + 1.0;
    let elapsed = (end - p.info.start).num_days() as f64 + 1.0;
    for (k, c) in cells.iter_mut() {
        c.forecast = if c.plan {
            c.to_date + after.get(k).copied().unwrap_or(0.0)
        } else {
            c.to_date * days / elapsed
        };
    }
    cells
}

/// Sums of cells grouped by `key`: budget, period, to date, forecast.
fn grouped<K: Ord>(
    cells: &BTreeMap<(String, String, String), Cell>,
    key: impl Fn(&(String, String, String)) -> K,
) -> BTreeMap<K, [f64; 4]> {
    let mut out: BTreeMap<K, [f64; 4]> = BTreeMap::new();
    for (k, c) in cells {
        let g = out.entry(key(k)).or_default();
        g[0] += c.budget;
        g[1] += c.period;
        g[2] += c.to_date;
        g[3] += c.forecast;
    }
    out
}

/// The statement of `period` against the sheets read here: by action, by
/// line (with each line's forecast, variance and whether it needs a
/// justification), by nature, the total and the forecast, the expenses
/// after the period by status, the financing plan (planned, spent,
/// received, balance), the indirect costs against their cap, the
/// contributions in kind and the ineligible expenses.
fn statement_equals_the_sheets(
    programme: &str,
    workbook: &str,
    period: &str,
    (action, nature): (&str, &str),
    (start, end): (NaiveDate, NaiveDate),
) {
    let (p, s) = statement(programme, workbook, period);
    let fin = p.finance.as_ref().expect("[finance]");
    let in_kind = fin
        .in_kind
        .as_ref()
        .map(|k| k.natures.clone())
        .unwrap_or_default();
    let x = Sheets::read(workbook, action, nature, &in_kind);
    let cells = cells(&x, &p, start, end);
    let what = format!("{programme} {period}");
    // By action.
    let per = grouped(&cells, |k| k.0.clone());
    let by_action = s.by_action.as_ref().expect("by action");
    assert_eq!(by_action.len(), per.len(), "{what}: one row per action");
    for row in by_action {
        let a = &row.action.as_ref().unwrap().value;
        let [budget, period, to_date, forecast] = per[&a.to_uppercase()];
        let f = &row.figures;
        close(f.budget, budget, &format!("{what} {a} budget"));
        close(f.spent_period, period, &format!("{what} {a} in period"));
        close(f.spent_to_date, to_date, &format!("{what} {a} to date"));
        close(f.forecast, forecast, &format!("{what} {a} forecast"));
    }
    // By line: forecast, variance, justification.
    let per = grouped(&cells, |k| (k.0.clone(), k.1.clone()));
    let lines = s.by_line.as_ref().expect("by line");
    assert_eq!(lines.len(), per.len(), "{what}: one row per line");
    let threshold = fin.variance_pct.expect("a variance threshold");
    let mut justify = 0;
    for row in lines {
        let key = (
            row.action.as_ref().unwrap().value.to_uppercase(),
            row.line.as_ref().unwrap().value.to_lowercase(),
        );
        let [budget, _, to_date, forecast] = per[&key];
        let f = &row.figures;
        let name = format!("{what} {key:?}");
        close(f.budget, budget, &name);
        close(f.spent_to_date, to_date, &name);
        close(f.forecast, forecast, &format!("{name} forecast"));
        close(f.variance, forecast - budget, &format!("{name} variance"));
        let beyond = budget > 0.0 && ((forecast - budget) / budget * 100.0).abs() > threshold;
        assert_eq!(f.needs_justification, beyond, "{name}");
        justify += usize::from(beyond);
    }
    assert!(justify > 0, "{what}: the example has variances to justify");
    // By nature.
    let per = grouped(&cells, |k| k.2.clone());
    let natures = s.by_nature.as_ref().expect("by nature");
    assert_eq!(natures.len(), per.len(), "{what}: one row per nature");
    for row in natures {
        let n = &row.nature.as_ref().unwrap().value;
        let [budget, _, to_date, forecast] = per[n];
        close(row.figures.budget, budget, &format!("{what} nature {n}"));
        close(
            row.figures.spent_to_date,
            to_date,
            &format!("{what} nature {n}"),
        );
        close(
            row.figures.forecast,
            forecast,
            &format!("{what} nature {n} forecast"),
        );
    }
    // The total and the forecast.
    let all = |i: usize| {
        cells
            .values()
            .map(|c| [c.budget, c.period, c.to_date, c.forecast][i])
            .sum::<f64>()
    };
    close(s.total.budget, all(0), "total budget");
    close(s.total.spent_period, all(1), "total in period");
    close(s.total.spent_to_date, all(2), "total to date");
    close(s.forecast.projected.unwrap(), all(3), "forecast");
    close(
        s.forecast.projected_pct.unwrap(),
        all(3) / all(0) * 100.0,
        "forecast %",
    );
    let days = (p.info.end - p.info.start).num_days() as f64 + 1.0;
    let elapsed = (end - p.info.start).num_days() as f64 + 1.0;
    close(
        s.forecast.straight_line.unwrap(),
        all(2) * days / elapsed,
        "straight line",
    );
    // After the period, by status: none spent.
    let later: Vec<&Expense> = x
        .expenses
        .iter()
        .filter(|e| e.date.is_some_and(|d| d > end))
        .collect();
    assert_eq!(s.later.rows, later.len(), "{what}");
    close(
        s.later.amount,
        later.iter().map(|e| e.amount).sum(),
        "later amount",
    );
    let by = |st: St| later.iter().filter(|e| e.status == st).count();
    assert_eq!(
        (
            s.later.committed.rows,
            s.later.planned.rows,
            s.later.paid.rows
        ),
        (by(St::Committed), by(St::Planned), by(St::Paid))
    );
    assert!(s.later.committed.rows + s.later.planned.rows > 0, "{what}");
    funding_equals_the_sheets(&p, &s, &x, end, &what);
    // Indirect costs: the lines and natures the definitions name.
    let ind = fin.indirect.as_ref().expect("[finance.indirect]");
    let named = |e: &Expense| {
        ind.lines.iter().any(|l| l.to_lowercase() == e.line)
            || ind.natures.contains(&e.nature)
            || ind
                .actions
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&e.action))
    };
    let spent: Vec<&Expense> = x.expenses.iter().filter(|e| x.spends(e, end)).collect();
    let indirect: f64 = spent.iter().filter(|e| named(e)).map(|e| e.amount).sum();
    let direct: f64 = spent.iter().filter(|e| !named(e)).map(|e| e.amount).sum();
    let i = s.indirect.expect("indirect check");
    close(i.indirect, indirect, "indirect");
    close(i.direct, direct, "direct");
    assert!(indirect > 0.0, "{what}");
    // In kind and ineligible.
    if let Some(k) = s.in_kind {
        close(
            k.budget,
            x.budget
                .iter()
                .filter(|b| !x.cash(&b.nature))
                .map(|b| b.amount)
                .sum(),
            "in-kind budget",
        );
        let valued: f64 = x
            .expenses
            .iter()
            .filter(|e| {
                e.status == St::Paid
                    && e.eligible
                    && !x.cash(&e.nature)
                    && e.date.is_some_and(|d| d <= end)
            })
            .map(|e| e.amount)
            .sum();
        close(k.valued_to_date, valued, "in kind valued");
        assert!(valued > 0.0, "{what}");
    }
    let ineligible: Vec<&Expense> = x
        .expenses
        .iter()
        .filter(|e| !e.eligible && e.status == St::Paid && e.date.is_some_and(|d| d <= end))
        .collect();
    assert_eq!(s.ineligible.rows.len(), ineligible.len(), "{what}");
    close(
        s.ineligible.amount,
        ineligible.iter().map(|e| e.amount).sum(),
        "ineligible",
    );
    assert!(!ineligible.is_empty(), "{what}");
}

/// The financing plan against the sheets: each declared funder's spending,
/// share, ceiling, planned contribution, funds received and balance.
fn funding_equals_the_sheets(
    p: &Programme,
    s: &FinancialStatement,
    x: &Sheets,
    end: NaiveDate,
    what: &str,
) {
    let total: f64 = x
        .expenses
        .iter()
        .filter(|e| x.spends(e, end))
        .map(|e| e.amount)
        .sum();
    let cash_budget: f64 = x
        .budget
        .iter()
        .filter(|b| x.cash(&b.nature))
        .map(|b| b.amount)
        .sum();
    let rows = s.by_funder.as_ref().expect("by funder");
    for funder in &p.info.funders {
        let code = funder.code.to_lowercase();
        let row = rows
            .iter()
            .find(|r| r.funder.value == funder.code)
            .expect("declared funder");
        let paid: f64 = x
            .expenses
            .iter()
            .filter(|e| e.funder == code && x.spends(e, end))
            .map(|e| e.amount)
            .sum();
        let received: f64 = x
            .instalments
            .iter()
            .filter(|(d, f, _)| *d <= end && *f == code)
            .map(|i| i.2)
            .sum();
        let name = format!("{what} {}", funder.code);
        close(row.spent_to_date, paid, &format!("{name} spent"));
        close(row.received_to_date, received, &format!("{name} received"));
        close(row.balance, received - paid, &format!("{name} balance"));
        let planned = funder
            .planned
            .or(funder.rate_pct.map(|r| r / 100.0 * cash_budget));
        assert_eq!(row.planned.is_some(), planned.is_some(), "{name}");
        if let (Some(a), Some(b)) = (row.planned, planned) {
            close(a, b, &format!("{name} planned"));
        }
        let share = paid / total * 100.0;
        close(row.share_pct.unwrap(), share, &format!("{name} share"));
        if let Some(rate) = funder.rate_pct {
            match row.ceiling.unwrap() {
                CeilingCheck::Respected { margin } => close(margin, rate - share, "margin"),
                CeilingCheck::Exceeded { by } => close(by, share - rate, "excess"),
            }
        }
    }
    let f = s.funding.expect("financing plan");
    let received: f64 = x
        .instalments
        .iter()
        .filter(|i| i.0 <= end)
        .map(|i| i.2)
        .sum();
    close(f.received_to_date, received, "received");
    close(f.balance, received - total, "cash balance");
    assert!(received > 0.0, "{what}");
}

#[test]
fn terress_statement_equals_the_sums_of_its_sheets() {
    statement_equals_the_sheets(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        "2025-Q4",
        ("action", "nature"),
        (date(2025, 10, 1), date(2025, 12, 31)),
    );
}

#[test]
fn eau_statement_equals_the_sums_of_its_sheets() {
    statement_equals_the_sheets(
        "indicators/eau",
        "examples/eau/eau.xlsx",
        "2026-Q2",
        ("composante", "rubrique"),
        (date(2026, 4, 1), date(2026, 6, 30)),
    );
}

#[test]
fn a_wrong_finance_column_is_a_definition_error() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(ROOT).join("indicators/eau");
    for f in ["programme.toml", "datasets.toml"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for e in std::fs::read_dir(src.join("indicators")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join("indicators").join(e.file_name())).unwrap();
    }
    let path = dir.path().join("programme.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("amount = \"montant\"", "amount = \"montnat\""),
    )
    .unwrap();
    let err = Programme::load(dir.path()).unwrap_err();
    let en = err.message(cadre::Lang::En);
    assert!(en.contains("[finance] expenses"), "{en}");
    assert!(en.contains("`montnat` is not a column"), "{en}");
    assert!(en.contains("did you mean `montant`"), "{en}");
    let fr = err.message(cadre::Lang::Fr);
    assert!(fr.contains("[finance] expenses"), "{fr}");

    // A column of the wrong type.
    std::fs::write(
        &path,
        text.replace("amount = \"montant\"", "amount = \"ligne\""),
    )
    .unwrap();
    let en = Programme::load(dir.path())
        .unwrap_err()
        .message(cadre::Lang::En);
    assert!(en.contains("not a number"), "{en}");
}

#[test]
fn the_tracking_workbook_has_the_statement_and_check_skips_it() {
    let root = Path::new(ROOT);
    let p = Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let period = Period::parse("2025-Q4", p.info.calendar(), p.info.end).unwrap();
    let engine = Engine::new(&p, &d);
    let table = engine.compute(&period).unwrap();
    let s = engine.financial_statement(&period).unwrap().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracking.xlsx");
    let created = date(2025, 12, 31).and_hms_opt(0, 0, 0).unwrap();
    let bytes = cadre_report::tracking::tracking_xlsx(
        &p,
        std::slice::from_ref(&table),
        &[],
        Some(&s),
        cadre::Lang::En,
        created,
    )
    .unwrap();
    std::fs::write(&path, bytes).unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "2025-Q4",
            "Financial statement",
            "Definitions",
            "Financing plan",
            "By nature",
            "Variances",
            "Ineligible and corrections"
        ]
    );
    let range = book.worksheet_range("Financial statement").unwrap();
    // The first block is by action; its last row is the total.
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let total = rows.iter().find(|r| r[0] == "Total").expect("a total row");
    close(amount(&total[2]), s.total.budget, "budget in the sheet");
    close(
        amount(&total[4]),
        s.total.spent_to_date,
        "spent in the sheet",
    );
    let g = rows.iter().find(|r| r[0] == "G").expect("row G");
    assert_eq!(g[1].to_string(), "Management and coordination");
    // `check` reads the period sheets only.
    let read = cadre_report::tracking::read_tracking_xlsx(&p, &path).unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].0, "2025-Q4");
}

/// The red flags against the sheets read here: every expense with a
/// negative amount dated up to the period's end is a listed correction
/// (its date and amount), and the lines listed as used up are exactly the
/// (action, line) pairs whose spending to date reaches their budget, read
/// from the sheets, while the programme still runs.
#[test]
fn terress_red_flags_equal_what_the_sheets_show() {
    let (_, s) = statement(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        "2025-Q4",
    );
    let workbook = "examples/terress/terress.xlsx";
    let (lines, mut corrections) = terress_lines(date(2025, 12, 31));
    corrections.sort();
    let listed: Vec<(NaiveDate, i64)> = s
        .flags
        .corrections
        .iter()
        .map(|e| (e.date.expect("dated"), (e.amount * 100.0).round() as i64))
        .collect();
    assert!(!corrections.is_empty(), "the example has corrections");
    assert_eq!(listed, corrections);
    assert!(
        s.flags
            .corrections
            .iter()
            .all(|e| e.row.is_some_and(|r| r >= 2))
    );
    let used_up = lines_from(&lines, 100.0);
    assert_eq!(flagged(&s), used_up);
    assert!(!used_up.is_empty(), "the example has a line used up early");
    let negative = lines.values().filter(|[_, spent]| *spent < 0.0).count();
    assert_eq!(s.flags.negative.len(), negative);
    assert!(
        s.flags.undated.is_empty(),
        "every Terr'ESS expense is dated"
    );
    // In a period reaching the programme's end nothing is used up early.
    let (_, at_end) = statement("indicators/terress", workbook, "2026");
    assert!(
        at_end.flags.used_up.is_empty(),
        "{:?}",
        at_end.flags.used_up
    );
}

/// Per (action, line) of the Terr'ESS sheets: the cash budget and the
/// spending (paid, eligible, in cash) dated up to `end`; and the
/// corrections (paid negative expenses) up to `end`, by date and amount in
/// cents.
#[allow(clippy::type_complexity)]
fn terress_lines(end: NaiveDate) -> (BTreeMap<(String, String), [f64; 2]>, Vec<(NaiveDate, i64)>) {
    let x = Sheets::read(
        "examples/terress/terress.xlsx",
        "action",
        "nature",
        &["86".to_owned()],
    );
    let mut lines: BTreeMap<(String, String), [f64; 2]> = BTreeMap::new();
    for b in x.budget.iter().filter(|b| x.cash(&b.nature)) {
        lines.entry((b.action.clone(), b.line.clone())).or_default()[0] += b.amount;
    }
    for e in x.expenses.iter().filter(|e| x.spends(e, end)) {
        lines.entry((e.action.clone(), e.line.clone())).or_default()[1] += e.amount;
    }
    let corrections = x
        .expenses
        .iter()
        .filter(|e| e.amount < 0.0 && e.status == St::Paid && e.date.is_some_and(|d| d <= end))
        .map(|e| (e.date.unwrap(), (e.amount * 100.0).round() as i64))
        .collect();
    (lines, corrections)
}

/// The (action, line) pairs whose spending reaches `pct` % of their budget.
fn lines_from(lines: &BTreeMap<(String, String), [f64; 2]>, pct: f64) -> Vec<(String, String)> {
    lines
        .iter()
        .filter(|(_, [budget, spent])| *budget > 0.0 && spent / budget * 100.0 >= pct)
        .map(|(k, _)| k.clone())
        .collect()
}

/// The (action, line) pairs `s` flags as used up, sorted.
fn flagged(s: &FinancialStatement) -> Vec<(String, String)> {
    let mut flagged: Vec<(String, String)> = s
        .flags
        .used_up
        .iter()
        .map(|r| {
            (
                r.action.as_ref().unwrap().value.to_uppercase(),
                r.line.as_ref().unwrap().value.to_lowercase(),
            )
        })
        .collect();
    flagged.sort();
    flagged
}

/// `[finance] used_up_pct` moves the threshold of a used-up line (here
/// 60 %, which five more lines reach), and a share outside 1 to 1000 % is refused.
#[test]
fn the_used_up_threshold_is_the_programme_s() {
    let p = terress_with_finance("used_up_pct = 60")
        .map_err(|e| e.to_string())
        .unwrap();
    let d = cadre::ingest(&p, Path::new(ROOT).join("examples/terress/terress.xlsx")).unwrap();
    let period = Period::parse("2025-Q4", p.info.calendar(), p.info.end).unwrap();
    let s = Engine::new(&p, &d)
        .financial_statement(&period)
        .unwrap()
        .unwrap();
    let (lines, _) = terress_lines(date(2025, 12, 31));
    let expected = lines_from(&lines, 60.0);
    assert!(
        expected.len() > lines_from(&lines, 100.0).len(),
        "{expected:?}"
    );
    assert_eq!(flagged(&s), expected);
    let e = terress_with_finance("used_up_pct = 0").expect_err("0 %");
    let en = e.message(cadre::Lang::En);
    assert!(en.contains("`used_up_pct = 0` is not a share"), "{en}");
}

/// A copy of `from` (a programme's folder) in `to`.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Terr'ESS's definitions with `[finance.indirect]` written as `indirect`,
/// loaded.
fn terress_with_indirect(indirect: &str) -> Result<Programme, cadre::Error> {
    terress_with_finance(&format!("[finance.indirect]\n{indirect}"))
}

/// Terr'ESS's definitions with `toml` written after its `[finance]`
/// table's keys (a `[finance.indirect]` replacing its own), loaded.
fn terress_with_finance(toml: &str) -> Result<Programme, cadre::Error> {
    let dir = tempfile::tempdir().unwrap();
    copy_folder(&Path::new(ROOT).join("indicators/terress"), dir.path());
    let path = dir.path().join("programme.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // The programme's own indirect costs give way to the test's.
    let own = "[finance.indirect]\nlines = [\"Frais de gestion\"]\ncap_pct = 7\n";
    assert!(text.contains(own));
    let text = if toml.contains("[finance.indirect]") {
        text.replace(own, "")
    } else {
        text
    };
    // Right after the `[finance]` table's own keys.
    let at = text
        .find("\n[finance.statuses]")
        .expect("a [finance.statuses] table");
    let edited = format!("{}\n{toml}\n{}", &text[..at], &text[at..]);
    std::fs::write(&path, edited).unwrap();
    Programme::load(dir.path())
}

/// The indirect costs (the management action G, declared indirect in a
/// copy of the definitions) against their cap, from the expenses sheet
/// read here: G's spending to date over everyone else's.
#[test]
fn indirect_costs_are_checked_against_their_cap() {
    let workbook = "examples/terress/terress.xlsx";
    let end = date(2025, 12, 31);
    let x = Sheets::read(workbook, "action", "nature", &["86".to_owned()]);
    let (mut indirect, mut direct) = (0.0, 0.0);
    for e in x.expenses.iter().filter(|e| x.spends(e, end)) {
        if e.action.eq_ignore_ascii_case("G") {
            indirect += e.amount;
        } else {
            direct += e.amount;
        }
    }
    assert!(indirect > 0.0 && direct > 0.0);
    let pct = indirect / direct * 100.0;
    for (cap, over) in [(7.0, true), (30.0, false)] {
        let p = terress_with_indirect(&format!("actions = [\"g\"]\ncap_pct = {cap}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let d = cadre::ingest(&p, Path::new(ROOT).join(workbook)).unwrap();
        let period = Period::parse("2025-Q4", p.info.calendar(), p.info.end).unwrap();
        let s = Engine::new(&p, &d)
            .financial_statement(&period)
            .unwrap()
            .unwrap();
        let i = s.indirect.expect("the indirect costs");
        close(i.indirect, indirect, "indirect");
        close(i.direct, direct, "direct");
        close(i.pct.unwrap(), pct, "share of direct costs");
        match i.check.unwrap() {
            CeilingCheck::Exceeded { by } if over => close(by, pct - cap, "excess"),
            CeilingCheck::Respected { margin } if !over => close(margin, cap - pct, "margin"),
            other => panic!("cap {cap}: {other:?} for {pct} %"),
        }
        let options = cadre_report::report::ReportOptions::new(
            Path::new(ROOT).join("report_templates/quarterly"),
            cadre::Lang::Fr,
            date(2026, 1, 15),
        );
        let data = cadre_report::report::statement::build(&p, &s, cadre::Lang::Fr, None, &options);
        let sentence = data.indirect.expect("the sentence");
        let verdict = if over {
            "dépassé de"
        } else {
            "respecté, marge"
        };
        assert!(
            sentence.starts_with("Coûts indirects : ") && sentence.contains(verdict),
            "{sentence}"
        );
    }
}

/// `[finance.indirect]` is refused, with what to write, when its cap is no
/// share or when it names nothing.
#[test]
fn a_wrong_indirect_cost_declaration_is_refused() {
    for (indirect, expected) in [
        (
            "actions = [\"G\"]\ncap_pct = 0",
            "`cap_pct = 0` is not a share of the direct costs",
        ),
        (
            "actions = [\"G\"]\ncap_pct = 120",
            "`cap_pct = 120` is not a share",
        ),
        ("cap_pct = 7", "name the rows: `actions = [...]`"),
    ] {
        let e = terress_with_indirect(indirect).expect_err(indirect);
        let en = e.message(cadre::Lang::En);
        assert!(
            en.contains("[finance] indirect") && en.contains(expected),
            "{en}"
        );
        let fr = e.message(cadre::Lang::Fr);
        assert!(fr.contains("[finance] indirect :"), "{fr}");
    }
}
