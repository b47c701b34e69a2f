//! The funder's sheets of the tracking workbook on `tests/finance` (period
//! 2025): read back with calamine, every cell of the financing plan, the
//! statement by nature, the variances and the ineligible expenses against
//! the figures `tests/finance/README.md` works out by hand (written here
//! from the README, not from cadre's output); the sheet names in French and
//! English; the contributions in kind out of the cash totals; no such sheet
//! for a programme that declares neither natures nor instalments; the same
//! bytes on every run.

use std::io::Cursor;
use std::path::Path;

use cadre::{Engine, Lang, Period, Programme};
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

const ROOT: &str = "../..";

/// The rate `programme.toml` declares: one EUR is 655.957 XOF.
const RATE: f64 = 655.957;

/// An expected cell.
#[derive(Debug, Clone, Copy)]
enum C {
    /// Empty.
    E,
    /// A number.
    N(f64),
    /// Text.
    T(&'static str),
    /// A date.
    D(i32, u32, u32),
}
use C::{D, E, N, T};

/// The tracking workbook of `tests/finance`'s 2025 in `lang`, from the
/// programme in `programme`.
fn workbook_of(programme: &Path, lang: Lang) -> Vec<u8> {
    let root = Path::new(ROOT);
    let p = Programme::load(programme).unwrap();
    let d = cadre::ingest(&p, root.join("tests/finance/data")).unwrap();
    assert!(d.report.is_clean(), "{:?}", d.report.problems);
    let today = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
    let period = Period::parse("2025", p.info.calendar(), today).unwrap();
    let engine = Engine::new(&p, &d);
    let table = engine.compute(&period).unwrap();
    let s = engine.financial_statement(&period).unwrap().unwrap();
    let created = NaiveDate::from_ymd_opt(2025, 12, 31)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    cadre_report::tracking::tracking_xlsx(
        &p,
        std::slice::from_ref(&table),
        &[],
        Some(&s),
        lang,
        created,
    )
    .unwrap()
}

fn workbook(lang: Lang) -> Vec<u8> {
    workbook_of(&Path::new(ROOT).join("tests/finance/programme"), lang)
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

/// Every cell of `sheet` against `expected` (rows from the sheet's first
/// row and column): numbers within a thousandth, no cell beyond.
fn assert_sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, expected: &[Vec<C>]) {
    let range = book.worksheet_range(sheet).unwrap();
    let (rows, cols) = range
        .end()
        .map(|(r, c)| (r as usize + 1, c as usize + 1))
        .unwrap_or_default();
    let width = expected.iter().map(Vec::len).max().unwrap_or(0);
    assert_eq!(rows, expected.len(), "{sheet}: rows");
    assert_eq!(cols, width, "{sheet}: columns");
    for (r, row) in expected.iter().enumerate() {
        for c in 0..width {
            let want = row.get(c).copied().unwrap_or(E);
            let got = range
                .get_value((r as u32, c as u32))
                .cloned()
                .unwrap_or(Data::Empty);
            let at = format!("{sheet}: row {} column {}", r + 1, c + 1);
            match (want, &got) {
                (E, Data::Empty) => {}
                (E, Data::String(s)) if s.is_empty() => {}
                (N(n), Data::Float(f)) => assert!((n - f).abs() < 1e-3, "{at}: {f} is not {n}"),
                (N(n), Data::Int(i)) => {
                    assert!((n - *i as f64).abs() < 1e-3, "{at}: {i} is not {n}")
                }
                (T(t), Data::String(s)) => assert_eq!(s, t, "{at}"),
                (D(y, m, d), Data::DateTime(x)) => assert_eq!(
                    x.as_datetime().map(|t| t.date()),
                    NaiveDate::from_ymd_opt(y, m, d),
                    "{at}"
                ),
                (want, got) => panic!("{at}: {got:?} is not {want:?}"),
            }
        }
    }
}

#[test]
fn the_sheets_are_named_in_the_reports_language_after_the_others() {
    // `check` reads the period sheets only, in either language.
    let p = Programme::load(Path::new(ROOT).join("tests/finance/programme")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Fr, Lang::En] {
        let path = dir.path().join("tracking.xlsx");
        std::fs::write(&path, workbook(lang)).unwrap();
        let read = cadre_report::tracking::read_tracking_xlsx(&p, &path).unwrap();
        let names: Vec<&str> = read.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["2025"]);
    }
    let en = open(workbook(Lang::En));
    assert_eq!(
        en.sheet_names(),
        [
            "2025",
            "Financial statement",
            "Definitions",
            "Financing plan",
            "By nature",
            "Variances",
            "Ineligible and corrections"
        ]
    );
    let fr = open(workbook(Lang::Fr));
    assert_eq!(
        fr.sheet_names(),
        [
            "2025",
            "État financier",
            "Définitions",
            "Plan de financement",
            "Par nature",
            "Écarts",
            "Inéligibles et corrections"
        ]
    );
}

/// README: A planned 60 % × 100 000 = 60 000 (grant 60 000), B 30 000,
/// uncovered 10 000; spent A 22 000 (68.75 %, over its 60 % by 8.75
/// points), B 10 000 (31.25 %); received to the end of 2025 A 30 000, B
/// 10 000; balance A 8 000, B 0; in kind valued 3 000 (B). The cash budget
/// is 100 000 without the 10 000 in kind.
#[test]
fn the_financing_plan_is_the_readmes() {
    let mut book = open(workbook(Lang::En));
    let r = |x: f64| N(x / RATE);
    let expected = vec![
        vec![T("Exchange rate"), T("1 EUR ="), N(RATE), T("XOF")],
        vec![],
        [
            "Code",
            "Funder",
            "Planned contribution",
            "Share of the cash budget (%)",
            "Grant awarded",
            "Spent in the period",
            "Spent to date",
            "Share of spending to date (%)",
            "Co-financing ceiling (%)",
            "Ceiling check",
            "Gap to the ceiling (points)",
            "Received in the period",
            "Received to date",
            "Cash balance",
            "In kind (valued), period",
            "In kind (valued), to date",
        ]
        .map(T)
        .to_vec(),
        vec![
            T("A"),
            T("Alpha Foundation"),
            N(60000.0),
            N(60.0),
            N(60000.0),
            N(22000.0),
            N(22000.0),
            N(68.75),
            N(60.0),
            T("exceeded"),
            N(8.75),
            N(30000.0),
            N(30000.0),
            N(8000.0),
            N(0.0),
            N(0.0),
        ],
        vec![
            T("B"),
            T("Beta Fund"),
            N(30000.0),
            N(30.0),
            E,
            N(10000.0),
            N(10000.0),
            N(31.25),
            E,
            E,
            E,
            N(10000.0),
            N(10000.0),
            N(0.0),
            N(3000.0),
            N(3000.0),
        ],
        vec![E, T("Not covered by any funder"), N(10000.0), N(10.0)],
        vec![
            T("Total"),
            E,
            N(100000.0),
            N(100.0),
            N(60000.0),
            N(32000.0),
            N(32000.0),
            N(100.0),
            E,
            E,
            E,
            N(40000.0),
            N(40000.0),
            N(8000.0),
            N(3000.0),
            N(3000.0),
        ],
        vec![
            T("Total (EUR)"),
            E,
            r(100000.0),
            E,
            r(60000.0),
            r(32000.0),
            r(32000.0),
            E,
            E,
            E,
            E,
            r(40000.0),
            r(40000.0),
            r(8000.0),
            r(3000.0),
            r(3000.0),
        ],
    ];
    assert_sheet(&mut book, "Financing plan", &expected);
}

/// README: by nature the lines' figures (one line per nature): 61 budget
/// 20 000, spent 4 000, forecast 6 000, variance −14 000 (−70 %); 62
/// 40 000, 6 000, 41 000, +1 000 (+2.5 %); 64 40 000, 22 000, 44 000,
/// +4 000 (+10 %); total 100 000, 32 000, 91 000, −9 000 (−9 %). In kind
/// (86) apart: budget 10 000, valued 3 000. Resources: A planned 60 000,
/// received 30 000; B 30 000, 10 000; uncovered 10 000; in all 100 000
/// and 40 000; in kind from B 3 000 (87, the Cerfa layout).
#[test]
fn the_statement_by_nature_is_the_readmes() {
    let mut book = open(workbook(Lang::En));
    let expected = vec![
        [
            "Costs",
            "Planned",
            "Actual to date",
            "Actual (%)",
            "Forecast at the end",
            "Variance",
            "Variance (%)",
        ]
        .map(T)
        .to_vec(),
        vec![
            T("61 External services"),
            N(20000.0),
            N(4000.0),
            N(20.0),
            N(6000.0),
            N(-14000.0),
            N(-70.0),
        ],
        vec![
            T("62 Other external services"),
            N(40000.0),
            N(6000.0),
            N(15.0),
            N(41000.0),
            N(1000.0),
            N(2.5),
        ],
        vec![
            T("64 Staff costs"),
            N(40000.0),
            N(22000.0),
            N(55.0),
            N(44000.0),
            N(4000.0),
            N(10.0),
        ],
        vec![
            T("Total"),
            N(100000.0),
            N(32000.0),
            N(32.0),
            N(91000.0),
            N(-9000.0),
            N(-9.0),
        ],
        vec![],
        [
            "Use of contributions in kind",
            "Planned",
            "Valued to date",
            "Actual (%)",
        ]
        .map(T)
        .to_vec(),
        vec![
            T("86 Use of voluntary contributions in kind"),
            N(10000.0),
            N(3000.0),
            N(30.0),
        ],
        vec![],
        ["Resources", "Planned", "Received to date", "Actual (%)"]
            .map(T)
            .to_vec(),
        vec![T("Alpha Foundation"), N(60000.0), N(30000.0), N(50.0)],
        vec![T("Beta Fund"), N(30000.0), N(10000.0), N(100.0 / 3.0)],
        vec![T("Not covered by any funder"), N(10000.0)],
        vec![T("Total"), N(100000.0), N(40000.0), N(40.0)],
        vec![],
        [
            "87 Contributions in kind",
            "Planned",
            "Valued to date",
            "Actual (%)",
        ]
        .map(T)
        .to_vec(),
        vec![T("Beta Fund"), E, N(3000.0)],
        vec![T("Total"), E, N(3000.0)],
    ];
    assert_sheet(&mut book, "By nature", &expected);
}

/// README: Personnel 40 000, spent 22 000 (its 1 000 of 2026-01-05 paid
/// after), no plan: straight line 44 000, +4 000 (+10 %); Études 20 000,
/// 4 000, committed 2 000 (row 12): 6 000, −14 000 (−70 %), beyond 15 %:
/// a justification; Ateliers 40 000, 6 000, committed 15 000 and planned
/// 20 000: 41 000, +1 000 (+2.5 %); total 100 000, 32 000, 91 000, −9 000
/// (−9 %). By nature the same figures.
#[test]
fn the_variances_are_the_readmes() {
    let mut book = open(workbook(Lang::En));
    let heads = |a: &'static str, b: &'static str| {
        [
            a,
            b,
            "Budget",
            "Spent to date",
            "Paid after the period",
            "Committed",
            "Planned in the workplan",
            "Forecast at the end",
            "Forecast method",
            "Variance",
            "Variance (%)",
            "Justification expected",
        ]
        .map(T)
        .to_vec()
    };
    let row = |a: &'static str, b: &'static str, n: [f64; 6], m: &'static str, v: [f64; 2], j| {
        let mut r = vec![T(a), T(b)];
        r.extend(n.map(N));
        r.push(T(m));
        r.extend(v.map(N));
        r.push(T(j));
        r
    };
    let (plan, straight) = ("commitments and workplan", "straight line");
    let personnel = [40000.0, 22000.0, 1000.0, 0.0, 0.0, 44000.0];
    let etudes = [20000.0, 4000.0, 0.0, 2000.0, 0.0, 6000.0];
    let ateliers = [40000.0, 6000.0, 0.0, 15000.0, 20000.0, 41000.0];
    let total = [100000.0, 32000.0, 1000.0, 17000.0, 20000.0, 91000.0];
    let mut total_row = row("Total", "", total, "mixed", [-9000.0, -9.0], "no");
    total_row[1] = E;
    let expected = vec![
        heads("Action", "Budget line"),
        row("A1", "Personnel", personnel, straight, [4000.0, 10.0], "no"),
        row("A1", "Études", etudes, plan, [-14000.0, -70.0], "yes"),
        row("A2", "Ateliers", ateliers, plan, [1000.0, 2.5], "no"),
        total_row.clone(),
        vec![],
        heads("Code", "Nature"),
        row(
            "61",
            "External services",
            etudes,
            plan,
            [-14000.0, -70.0],
            "yes",
        ),
        row(
            "62",
            "Other external services",
            ateliers,
            plan,
            [1000.0, 2.5],
            "no",
        ),
        row(
            "64",
            "Staff costs",
            personnel,
            straight,
            [4000.0, 10.0],
            "no",
        ),
        total_row,
    ];
    assert_sheet(&mut book, "Variances", &expected);
}

/// README: ineligible row 6 (2025-09-01, Ateliers, A) 8 000; the
/// correction row 5 (2025-08-01, Études, B) −1 000; undated row 11
/// (Personnel, A) 500.
#[test]
fn the_ineligible_corrections_and_undated_are_the_readmes() {
    let mut book = open(workbook(Lang::En));
    let heads = [
        "Sheet row",
        "Date",
        "Action",
        "Budget line",
        "Nature",
        "Funder",
        "Amount",
    ]
    .map(T)
    .to_vec();
    let total = |x: f64| vec![T("Total"), E, E, E, E, E, N(x)];
    let expected = vec![
        vec![T("Ineligible expenses")],
        heads.clone(),
        vec![
            N(6.0),
            D(2025, 9, 1),
            T("A2"),
            T("Ateliers"),
            T("62 Other external services"),
            T("A"),
            N(8000.0),
        ],
        total(8000.0),
        vec![],
        vec![T("Corrections and credit notes")],
        heads.clone(),
        vec![
            N(5.0),
            D(2025, 8, 1),
            T("A1"),
            T("Études"),
            T("61 External services"),
            T("B"),
            N(-1000.0),
        ],
        total(-1000.0),
        vec![],
        vec![T("Undated expenses (counted nowhere)")],
        heads,
        vec![
            N(11.0),
            E,
            T("A1"),
            T("Personnel"),
            T("64 Staff costs"),
            T("A"),
            N(500.0),
        ],
        total(500.0),
    ];
    assert_sheet(&mut book, "Ineligible and corrections", &expected);
}

/// The statement sheet gives the exchange rate above its tables and each
/// total converted under it: 100 000 XOF of budget and 32 000 spent over
/// 655.957.
#[test]
fn the_statement_sheet_converts_its_totals() {
    let mut book = open(workbook(Lang::Fr));
    let range = book.worksheet_range("État financier").unwrap();
    assert_eq!(range.get_value((0, 0)), Some(&Data::from("Taux de change")));
    assert_eq!(range.get_value((0, 2)), Some(&Data::Float(RATE)));
    let converted: Vec<Vec<Data>> = range
        .rows()
        .filter(|r| r[0] == "Total (EUR)")
        .map(|r| r.to_vec())
        .collect();
    // By action, by line, by funder.
    assert_eq!(converted.len(), 3);
    let number = |d: &Data| match d {
        Data::Float(f) => *f,
        other => panic!("{other:?}"),
    };
    assert!((number(&converted[0][2]) - 100000.0 / RATE).abs() < 1e-6);
    assert!((number(&converted[1][4]) - 32000.0 / RATE).abs() < 1e-6);
    assert!((number(&converted[2][4]) - 32000.0 / RATE).abs() < 1e-6);
}

/// The in-kind amounts (budget 10 000, valued 3 000) are in no cash total:
/// the cash budget is 100 000 and spending 32 000, in French as in English,
/// and no cost row is of the in-kind nature.
#[test]
fn in_kind_stays_out_of_the_cash_totals() {
    let mut book = open(workbook(Lang::Fr));
    let nature = book.worksheet_range("Par nature").unwrap();
    let rows: Vec<Vec<Data>> = nature.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[4][0], "Total");
    assert_eq!(rows[4][1], Data::Float(100000.0));
    assert_eq!(rows[4][2], Data::Float(32000.0));
    assert!(
        rows[..4]
            .iter()
            .all(|r| !r[0].to_string().starts_with("86"))
    );
    let plan = book.worksheet_range("Plan de financement").unwrap();
    let total = plan.rows().find(|r| r[0] == "Total").unwrap().to_vec();
    assert_eq!(total[2], Data::Float(100000.0));
    assert_eq!(total[6], Data::Float(32000.0));
    assert_eq!(total[15], Data::Float(3000.0));
}

/// Without natures, instalments nor a funder's planned contribution or
/// grant, no financing plan nor statement by nature; the variances and the
/// ineligible expenses stay (their keys are declared).
#[test]
fn a_programme_without_natures_or_instalments_gets_no_such_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(ROOT).join("tests/finance/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["datasets.toml", "indicators/f.toml"] {
        std::fs::copy(source.join(f), dir.path().join(f)).unwrap();
    }
    let text = std::fs::read_to_string(source.join("programme.toml")).unwrap();
    let mut kept: Vec<&str> = Vec::new();
    for line in text.lines() {
        let dropped = line.starts_with("instalments")
            || line.starts_with("layout")
            || line.starts_with("grant")
            || line == "planned = 30000";
        if !dropped {
            kept.push(line);
        }
    }
    let text = kept
        .join("\n")
        .replace(", nature = \"nature\"", "")
        .replace(
            "[finance.indirect]\nnatures = [\"61\"]",
            "[finance.indirect]\nlines = [\"Études\"]",
        )
        .replace(
            "[finance.in_kind]\nnatures = [\"86\"]",
            "[finance.in_kind]\nlines = [\"Salles prêtées\"]",
        );
    std::fs::write(dir.path().join("programme.toml"), text).unwrap();
    let book = open(workbook_of(dir.path(), Lang::En));
    assert_eq!(
        book.sheet_names(),
        [
            "2025",
            "Financial statement",
            "Definitions",
            "Variances",
            "Ineligible and corrections"
        ]
    );
}

#[test]
fn two_runs_give_the_same_bytes() {
    assert_eq!(workbook(Lang::Fr), workbook(Lang::Fr));
    assert_eq!(workbook(Lang::En), workbook(Lang::En));
}
