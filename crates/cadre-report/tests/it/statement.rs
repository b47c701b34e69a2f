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
fn day(c: &Data) -> NaiveDate {
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
fn sheet(workbook: &str, name: &str) -> Vec<BTreeMap<String, Data>> {
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

/// Budget, spent in the period and spent to date per action, from the
/// sheets; and the expenses dated after the period.
#[allow(clippy::type_complexity)]
fn sums(
    workbook: &str,
    budget: &str,
    expenses: &str,
    action: &str,
    funder: &str,
    start: NaiveDate,
    end: NaiveDate,
) -> (
    BTreeMap<String, [f64; 3]>,
    BTreeMap<String, f64>,
    (usize, f64),
) {
    let mut per: BTreeMap<String, [f64; 3]> = BTreeMap::new();
    for row in sheet(workbook, budget) {
        per.entry(text(&row, action)).or_default()[0] += amount(&row["prevu"]);
    }
    let mut funders: BTreeMap<String, f64> = BTreeMap::new();
    let mut later = (0, 0.0);
    for row in sheet(workbook, expenses) {
        // The Terr'ESS sheet heads its amounts with the English alias.
        let a = row
            .get("montant")
            .or_else(|| row.get("amount"))
            .expect("amount");
        let (d, a) = (day(&row["date"]), amount(a));
        let e = per.entry(text(&row, action)).or_default();
        if d > end {
            later.0 += 1;
            later.1 += a;
            continue;
        }
        e[2] += a;
        if d >= start {
            e[1] += a;
        }
        *funders.entry(text(&row, funder)).or_default() += a;
    }
    (per, funders, later)
}

#[test]
fn terress_statement_equals_the_sums_of_its_sheets() {
    let (p, s) = statement(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        "2025-Q4",
    );
    let (per, funders, later) = sums(
        "examples/terress/terress.xlsx",
        "Budget",
        "Dépenses",
        "action",
        "financeur",
        date(2025, 10, 1),
        date(2025, 12, 31),
    );
    let by_action = s.by_action.as_ref().expect("by action");
    assert_eq!(by_action.len(), per.len(), "one row per action");
    for row in by_action {
        let a = row.action.as_ref().expect("action");
        let [budget, period, to_date] = per[&a.value.to_uppercase()];
        close(row.figures.budget, budget, &format!("{} budget", a.value));
        close(
            row.figures.spent_period,
            period,
            &format!("{} in period", a.value),
        );
        close(
            row.figures.spent_to_date,
            to_date,
            &format!("{} to date", a.value),
        );
        close(row.figures.remaining, budget - to_date, "remaining");
        // Every action is labelled by the definitions.
        assert!(!a.label.is_empty(), "{} has a label", a.value);
    }
    let total = |k: usize| per.values().map(|v| v[k]).sum::<f64>();
    close(s.total.budget, total(0), "total budget");
    close(s.total.spent_period, total(1), "total in period");
    close(s.total.spent_to_date, total(2), "total to date");
    close(
        s.total.used_pct.unwrap(),
        total(2) / total(0) * 100.0,
        "% used",
    );
    // By line: the same totals, and each line's budget as written.
    let lines = s.by_line.as_ref().expect("by line");
    assert_eq!(lines.len(), 16);
    close(
        lines.iter().map(|r| r.figures.budget).sum(),
        total(0),
        "lines' budget",
    );
    close(
        lines.iter().map(|r| r.figures.spent_to_date).sum(),
        total(2),
        "lines' spending",
    );
    // Expenses after the period: counted apart (the workbook runs past
    // the date of issue).
    assert_eq!(s.later.rows, later.0);
    assert!(later.0 > 0);
    close(s.later.amount, later.1, "later amount");
    // The main funder's share against its ceiling.
    let funder = &p.info.funders[0];
    let row = s
        .by_funder
        .as_ref()
        .expect("by funder")
        .iter()
        .find(|r| r.funder.value == funder.code)
        .expect("main funder");
    let paid = funders[&funder.code.to_uppercase()];
    close(row.spent_to_date, paid, "main funder's spending");
    let share = paid / total(2) * 100.0;
    close(row.share_pct.unwrap(), share, "share");
    let rate = funder.rate_pct.unwrap();
    match row.ceiling.unwrap() {
        CeilingCheck::Respected { margin } => close(margin, rate - share, "margin"),
        CeilingCheck::Exceeded { by } => close(by, share - rate, "excess"),
    }
    // The forecast: spending to date over the elapsed share of the programme.
    let days = (p.info.end - p.info.start).num_days() as f64 + 1.0;
    let elapsed = (date(2025, 12, 31) - p.info.start).num_days() as f64 + 1.0;
    close(
        s.forecast.projected.unwrap(),
        total(2) * days / elapsed,
        "forecast",
    );
}

#[test]
fn eau_statement_from_its_own_definitions() {
    let (_, s) = statement("indicators/eau", "examples/eau/eau.xlsx", "2026-Q2");
    let (per, _, later) = sums(
        "examples/eau/eau.xlsx",
        "Budget",
        "Dépenses",
        "composante",
        "financeur",
        date(2026, 4, 1),
        date(2026, 6, 30),
    );
    let total = |k: usize| per.values().map(|v| v[k]).sum::<f64>();
    close(s.total.budget, total(0), "total budget");
    close(s.total.spent_period, total(1), "total in period");
    close(s.total.spent_to_date, total(2), "total to date");
    assert_eq!(s.later.rows, later.0);
    for row in s.by_action.as_ref().expect("by component") {
        let a = row.action.as_ref().unwrap();
        close(
            row.figures.spent_to_date,
            per[&a.value.to_uppercase()][2],
            &a.value,
        );
    }
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
        Some(&s),
        cadre::Lang::En,
        created,
    )
    .unwrap();
    std::fs::write(&path, bytes).unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["2025-Q4", "Financial statement", "Definitions"]
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

/// Per (action, line) of the Terr'ESS sheets: the budget and the spending
/// dated up to `end`; and the corrections (negative expenses) up to `end`,
/// by date and amount in cents.
#[allow(clippy::type_complexity)]
fn terress_lines(end: NaiveDate) -> (BTreeMap<(String, String), [f64; 2]>, Vec<(NaiveDate, i64)>) {
    let workbook = "examples/terress/terress.xlsx";
    let mut corrections = Vec::new();
    let mut lines: BTreeMap<(String, String), [f64; 2]> = BTreeMap::new();
    for row in sheet(workbook, "Budget") {
        let key = (text(&row, "action"), text(&row, "ligne").to_lowercase());
        lines.entry(key).or_default()[0] += amount(&row["prevu"]);
    }
    for row in sheet(workbook, "Dépenses") {
        let a = amount(
            row.get("montant")
                .or_else(|| row.get("amount"))
                .expect("amount"),
        );
        let d = day(&row["date"]);
        if d > end {
            continue;
        }
        let key = (text(&row, "action"), text(&row, "ligne").to_lowercase());
        lines.entry(key).or_default()[1] += a;
        if a < 0.0 {
            corrections.push((d, (a * 100.0).round() as i64));
        }
    }
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
/// table, loaded.
fn terress_with_finance(toml: &str) -> Result<Programme, cadre::Error> {
    let dir = tempfile::tempdir().unwrap();
    copy_folder(&Path::new(ROOT).join("indicators/terress"), dir.path());
    let path = dir.path().join("programme.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("\n[report]").expect("a [report] table");
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
    let (mut indirect, mut direct) = (0.0, 0.0);
    for row in sheet(workbook, "Dépenses") {
        let a = amount(
            row.get("montant")
                .or_else(|| row.get("amount"))
                .expect("amount"),
        );
        if day(&row["date"]) > end {
            continue;
        }
        if text(&row, "action").eq_ignore_ascii_case("G") {
            indirect += a;
        } else {
            direct += a;
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
