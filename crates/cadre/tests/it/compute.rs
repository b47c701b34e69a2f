//! Data-driven tests of the computation: each folder of `tests/compute/cases/`
//! holds data (a csv folder `data/`), the periods to compute and the
//! indicators to check (`case.toml`), the expected table (`expected.csv`) and
//! the arithmetic behind each of its lines (`README.md`). One `check()` runs
//! a case; [`every_case_matches_its_hand_computed_table`] runs them all, so a
//! new folder is a new case.
//!
//! The expected tables are computed by hand from the data and the documented
//! meaning of each measure and status, never written by the code: nothing
//! here rewrites them. When a table differs, either the code or the hand
//! arithmetic is wrong, and the case's README says which line came from what.
//! See `tests/compute/README.md`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cadre::indicator::{Direction, Kind};
use cadre::measure::MeasureType;
use cadre::{Engine, Period, Programme};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases_dir() -> PathBuf {
    repo().join("tests/compute/cases")
}

/// A case's `case.toml`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The periods computed, in this order.
    periods: Vec<String>,
    /// The date `project` ends on.
    today: toml::value::Datetime,
    /// The indicators checked, in reporting order; every one when absent.
    indicators: Option<Vec<String>>,
}

/// What a case covers, for the coverage test.
#[derive(Default)]
struct Covered {
    measures: BTreeSet<&'static str>,
    kinds: BTreeSet<&'static str>,
    statuses: BTreeSet<String>,
}

/// The table the code computes for the case in `dir`, as `expected.csv`
/// writes it (a `period` column first), and what the case covers.
fn compute_case(dir: &Path) -> (String, Covered) {
    let programme_dir = if dir.join("programme").is_dir() {
        dir.join("programme")
    } else {
        repo().join("tests/compute/programme")
    };
    let programme = Programme::load(&programme_dir).unwrap_or_else(|e| panic!("{e}"));
    let case: Case = toml::from_str(&std::fs::read_to_string(dir.join("case.toml")).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join("case.toml").display()));
    let today = chrono::NaiveDate::parse_from_str(&case.today.to_string(), "%Y-%m-%d").unwrap();
    let data = cadre::ingest(&programme, dir.join("data")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        data.report.is_clean(),
        "{}: fixture data must be clean: {:#?}",
        dir.display(),
        data.report.problems
    );
    let checked = |code: &str| {
        case.indicators
            .as_ref()
            .is_none_or(|list| list.iter().any(|c| c == code))
    };
    if let Some(list) = &case.indicators {
        for code in list {
            assert!(
                programme.indicator(code).is_ok(),
                "{}: case.toml names {code}, not an indicator of the programme",
                dir.display()
            );
        }
    }

    let mut covered = Covered::default();
    for def in programme.indicators.iter().filter(|d| checked(&d.code)) {
        covered.measures.insert(def.measure.type_name());
        covered.kinds.insert(kind_name(def.kind, def.direction));
    }
    let engine = Engine::new(&programme, &data);
    // The contract's columns, and the period targets' when the programme
    // declares any (the header `write_csv` writes).
    let mut header = cadre::table::CSV_HEADER.to_vec();
    if programme.has_period_targets() {
        header.extend(cadre::table::PERIOD_TARGET_COLUMNS);
    }
    let status_column = header.iter().position(|h| *h == "status").unwrap();
    let mut actual = format!("period,{}\n", header.join(","));
    for p in &case.periods {
        let period = Period::parse(p, programme.info.calendar(), today).unwrap();
        let mut table = engine.compute(&period).unwrap();
        check_invariants(&programme, &table);
        table.indicators.retain(|ind| checked(&ind.code));
        let mut csv = Vec::new();
        table.write_csv(&mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert_eq!(csv.lines().next(), Some(header.join(",").as_str()));
        for line in csv.lines().skip(1) {
            actual += &format!("{},{line}\n", period.label);
            let status = line.split(',').nth(status_column).unwrap_or_default();
            covered.statuses.insert(status.to_string());
        }
    }
    covered.statuses.remove("");
    (actual, covered)
}

/// The kind of an indicator as the coverage test counts it, with its
/// direction: it decides the status of a total and of a level alike. The match is
/// exhaustive so that a new kind or direction fails to compile here until a
/// case covers it (add it to [`KINDS`] too).
fn kind_name(kind: Kind, direction: Direction) -> &'static str {
    match (kind, direction) {
        (Kind::Total, Direction::Floor) => "total (floor)",
        (Kind::Total, Direction::Ceiling) => "total (ceiling)",
        (Kind::Level, Direction::Floor) => "level (floor)",
        (Kind::Level, Direction::Ceiling) => "level (ceiling)",
    }
}

/// Every kind [`kind_name`] names.
const KINDS: [&str; 4] = [
    "total (floor)",
    "total (ceiling)",
    "level (floor)",
    "level (ceiling)",
];

/// Compares the case named `name` with its hand-computed `expected.csv`:
/// `None` when they agree, else a message with a line diff.
fn check(name: &str) -> (Option<String>, Covered) {
    let dir = cases_dir().join(name);
    let (actual, covered) = compute_case(&dir);
    let expected_path = dir.join("expected.csv");
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
    if expected == actual {
        return (None, covered);
    }
    let diff = pretty_assertions::StrComparison::new(&expected, &actual);
    let message = format!(
        "case {name}: the computed table (right, >) differs from {} (left, <).\n\
         That table is computed by hand (the arithmetic of each line is in the case's README.md) \
         and nothing rewrites it: find out whether the code or the hand arithmetic is wrong.\n{diff}",
        expected_path.display()
    );
    (Some(message), covered)
}

/// The names of the case folders, sorted.
fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What must hold for any table: the categories of a count or a sum add up
/// to the total (to what was counted, for a stock); breakdown categories are
/// unique.
fn check_invariants(programme: &Programme, table: &cadre::IndicatorTable) {
    for ind in &table.indicators {
        let def = programme.indicator(&ind.code).unwrap();
        for b in &ind.breakdowns {
            let mut names: Vec<&str> = b.categories.iter().map(|c| c.category.as_str()).collect();
            names.dedup();
            assert_eq!(
                names.len(),
                b.categories.len(),
                "{} by {}: duplicate categories",
                ind.code,
                b.by
            );
            if def.measure.is_additive() {
                let sum = |f: fn(&cadre::table::Category) -> Option<f64>| {
                    b.categories.iter().filter_map(f).sum::<f64>()
                };
                let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
                // A stock's categories add up to what was counted: the
                // baseline is not broken down.
                assert!(
                    close(
                        sum(|c| c.cumulative_value),
                        ind.stock_counted.or(ind.cumulative_value).unwrap_or(0.0)
                    ),
                    "{} by {}: cumulative categories do not add up",
                    ind.code,
                    b.by
                );
                assert!(
                    close(sum(|c| c.period_value), ind.period_value.unwrap_or(0.0)),
                    "{} by {}: period categories do not add up",
                    ind.code,
                    b.by
                );
            }
        }
    }
}

/// Runs every case folder and reports every difference at once; then checks
/// that the cases together cover every measure type, every kind and every
/// status.
#[test]
fn every_case_matches_its_hand_computed_table() {
    let mut failures = Vec::new();
    let mut covered = Covered::default();
    for name in case_names() {
        let (failure, case_covered) = check(&name);
        failures.extend(failure);
        covered.measures.extend(case_covered.measures);
        covered.kinds.extend(case_covered.kinds);
        covered.statuses.extend(case_covered.statuses);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    for t in MeasureType::ALL {
        assert!(
            covered.measures.contains(t.as_str()),
            "no compute case checks a `{}` measure: add one under tests/compute/cases/",
            t.as_str()
        );
    }
    for k in KINDS {
        assert!(
            covered.kinds.contains(k),
            "no compute case checks a {k} indicator"
        );
    }
    // Every status the table can write: a new status needs a case.
    for s in cadre::table::Status::ALL.map(|s| s.as_str()) {
        assert!(
            covered.statuses.contains(s),
            "no compute case expects the status {s}"
        );
    }
}
