//! Data-driven tests of the computation: each folder of `tests/compute/cases/`
//! holds data (a csv folder), the periods to compute (`case.toml`) and the
//! expected table (`expected.csv`, computed by hand). One `check()` runs them.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test` rewrites `expected.csv` from the code:
//! only do so after checking every changed line by hand.

use std::path::{Path, PathBuf};

use cadre::{Engine, Period, Programme};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(serde::Deserialize)]
struct Case {
    periods: Vec<String>,
    today: toml::value::Datetime,
}

fn check(name: &str) {
    let dir = repo().join("tests/compute/cases").join(name);
    let programme_dir = if dir.join("programme").is_dir() {
        dir.join("programme")
    } else {
        repo().join("tests/compute/programme")
    };
    let programme = Programme::load(&programme_dir).unwrap_or_else(|e| panic!("{e}"));
    let case: Case =
        toml::from_str(&std::fs::read_to_string(dir.join("case.toml")).unwrap()).unwrap();
    let today = chrono::NaiveDate::parse_from_str(&case.today.to_string(), "%Y-%m-%d").unwrap();
    let data = cadre::ingest(&programme, dir.join("data")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        data.report.is_clean(),
        "fixture data must be clean: {:#?}",
        data.report.problems
    );

    let engine = Engine::new(&programme, &data);
    let mut actual = String::from("period,");
    actual += &cadre::table::CSV_HEADER.join(",");
    actual.push('\n');
    for p in &case.periods {
        let period = Period::parse(p, programme.info.start, today).unwrap();
        let table = engine.compute(&period).unwrap();
        check_invariants(&programme, &table);
        let mut csv = Vec::new();
        table.write_csv(&mut csv).unwrap();
        for line in String::from_utf8(csv).unwrap().lines().skip(1) {
            actual += &format!("{},{line}\n", period.label);
        }
    }
    let expected_path = dir.join("expected.csv");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    // A line-by-line diff on failure (pretty_assertions).
    pretty_assertions::assert_eq!(
        expected,
        actual,
        "case {name}: the table differs from expected.csv (UPDATE_SNAPSHOTS=1 rewrites it)"
    );
}

/// What must hold for any table: the categories of a count or a sum add up
/// to the total; breakdown categories are unique.
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
                assert!(
                    close(
                        sum(|c| c.cumulative_value),
                        ind.cumulative_value.unwrap_or(0.0)
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

#[test]
fn mini_programme_every_measure() {
    check("mini");
}
