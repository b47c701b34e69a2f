//! The tracking workbook's previous quarter: on each period sheet, the
//! cumulative value at the end of the quarter before and the change since,
//! read back with calamine and checked against the hand-computed table of
//! the mini compute case (`tests/compute/cases/mini/expected.csv`, whose
//! README gives the arithmetic).

use std::path::{Path, PathBuf};

use cadre_report::commands::{self, Inputs, TableFormat, When};
use calamine::{Data as Cell, DataType, Reader};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// The cumulative values of every indicator's total in `period`, from the
/// hand-computed expected table (never from cadre).
fn expected(period: &str) -> Vec<(String, Option<f64>)> {
    let text = std::fs::read_to_string(repo().join("tests/compute/cases/mini/expected.csv"))
        .expect("expected table");
    text.lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[0] == period && f[2].is_empty())
        .map(|f| (f[1].to_owned(), f[5].parse().ok()))
        .collect()
}

#[test]
fn the_period_sheet_has_the_previous_quarter_and_the_change() {
    let inputs = Inputs {
        programme: repo().join("tests/compute/programme"),
        data: vec![repo().join("tests/compute/cases/mini/data").into()],
        lang: Some("en".into()),
        allow_rejected: false,
    };
    let when = When {
        period: "2024-Q2".into(),
        today: chrono::NaiveDate::from_ymd_opt(2024, 12, 31).expect("date"),
    };
    let outcome = commands::compute(&inputs, &when, TableFormat::Xlsx).expect("compute");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tracking-previous");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join("mini-2024-Q2.xlsx");
    std::fs::write(&path, &outcome.output).expect("write");
    let mut book = calamine::open_workbook_auto(&path).expect("open");
    let range = book.worksheet_range("2024-Q2").expect("period sheet");
    let rows: Vec<&[Cell]> = range.rows().collect();
    let column = |name: &str| {
        rows[0]
            .iter()
            .position(|c| c.get_string() == Some(name))
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (previous, change) = (
        column("Cumulative at the previous quarter"),
        column("Change since the previous quarter"),
    );
    assert_eq!((previous, change), (11, 12), "after the contract's columns");
    let number = |c: &Cell| match c {
        Cell::Float(f) => Some(*f),
        Cell::Int(i) => Some(*i as f64),
        _ => None,
    };
    let before = expected("2024-Q1");
    let now = expected("2024-Q2");
    assert_eq!(before.len(), 10);
    for ((code, b), (code_now, n)) in before.iter().zip(&now) {
        assert_eq!(code, code_now);
        let row = rows
            .iter()
            .find(|r| r[0].get_string() == Some(code.as_str()) && r[2] == Cell::Empty)
            .unwrap_or_else(|| panic!("no row {code}"));
        let close = |a: Option<f64>, e: Option<f64>| match (a, e) {
            (Some(a), Some(e)) => (a - e).abs() < 1e-5,
            (a, e) => a == e,
        };
        let got = number(row.get(previous).unwrap_or(&Cell::Empty));
        assert!(close(got, *b), "{code}: previous {got:?}, expected {b:?}");
        let d = b.zip(*n).map(|(b, n)| n - b);
        let got = number(row.get(change).unwrap_or(&Cell::Empty));
        assert!(close(got, d), "{code}: change {got:?}, expected {d:?}");
    }
    // N4 had no value in Q1 (no visit): no previous value, no change; N1
    // went from 3 to 4 workshops; N5, a share, lost 8.33 points.
    let n = |code: &str| {
        rows.iter()
            .position(|r| r[0].get_string() == Some(code))
            .expect(code)
    };
    let cell = |code: &str, c: usize| rows[n(code)].get(c).and_then(number);
    assert_eq!(cell("N4", previous), None);
    assert_eq!(cell("N4", change), None);
    assert_eq!(cell("N1", change), Some(1.0));
    assert!(cell("N5", change).is_some_and(|d: f64| (d + 8.333333).abs() < 1e-5));
    // Read back by `check`, the sheet is still the table `compute` gives.
    let p = cadre::Programme::load(repo().join("tests/compute/programme")).expect("programme");
    let read = cadre_report::tracking::read_tracking_xlsx(&p, &path).expect("read back");
    let d = cadre::ingest(&p, repo().join("tests/compute/cases/mini/data")).expect("data");
    let period = cadre::Period::parse("2024-Q2", p.info.calendar(), p.info.end).expect("period");
    let table = cadre::Engine::new(&p, &d).compute(&period).expect("table");
    assert_eq!(read[0].1, table.flat_rows());
}
