//! The activities of a period, as the definitions declare them
//! (`[[report.activities]]`), on the mini programme.

use std::path::{Path, PathBuf};

use cadre::activities::Activity;
use cadre::{Engine, Period, Programme};
use chrono::NaiveDate;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_period_s_activities_with_their_place_and_count() {
    let p = Programme::load(repo().join("tests/compute/programme")).unwrap();
    let d = cadre::ingest(&p, repo().join("tests/compute/cases/mini/data")).unwrap();
    let engine = Engine::new(&p, &d);
    let q1 = Period::parse("2024-Q1", p.info.calendar(), date(2024, 12, 31)).unwrap();
    let lists = engine.activities(&q1).unwrap();
    assert_eq!(lists.len(), 1);
    assert_eq!(lists[0].result, "P");
    let got: Vec<(NaiveDate, &str, Option<&str>, Option<u64>)> = lists[0]
        .activities
        .iter()
        .map(|a: &Activity| (a.date, a.title.as_str(), a.place.as_deref(), a.count))
        .collect();
    // Workshops only (the filter), by date; `a1` and `A1` are one session;
    // a workshop with no site has no place; one nobody attended counts 0.
    assert_eq!(
        got,
        vec![
            (date(2024, 1, 1), "A1", Some("Site un"), Some(3)),
            (date(2024, 2, 29), "A2", Some("Site deux"), Some(2)),
            (date(2024, 3, 31), "A3", None, Some(0)),
        ]
    );
    let q2 = Period::parse("2024-Q2", p.info.calendar(), date(2024, 12, 31)).unwrap();
    let q2 = engine.activities(&q2).unwrap();
    let titles: Vec<&str> = q2[0].activities.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["A4"], "the visit of April is not a workshop");
}

#[test]
fn activities_naming_an_unknown_column_are_a_definition_error() {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/compute/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml", "indicators/mini.toml"] {
        let text = std::fs::read_to_string(src.join(f)).unwrap();
        let text = text.replace("place = \"site.nom\"", "place = \"site.name\"");
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    let Err(e) = Programme::load(dir.path()) else {
        panic!("an unknown column loads");
    };
    let en = e.message(cadre::Lang::En);
    assert!(
        en.contains("[[report.activities]] of P: `site.name` is not a column of `sessions`; did you mean `site.nom`?"),
        "{en}"
    );
}

#[test]
fn a_breakdown_over_a_registry_counts_each_category_s_rows() {
    let p = Programme::load(repo().join("tests/compute/programme")).unwrap();
    let d = cadre::ingest(&p, repo().join("tests/compute/cases/mini/data")).unwrap();
    let engine = Engine::new(&p, &d);
    // N2 counts the distinct sites of attendances, by the site's country:
    // sites S1 and S2 are in Alpha, S3 in Beta.
    let totals = engine.registry_totals("N2", "pays").unwrap().unwrap();
    assert_eq!(totals.get("Alpha"), Some(&2));
    assert_eq!(totals.get("Beta"), Some(&1));
    assert_eq!(totals.len(), 2);
    // A count of rows is not over a registry.
    assert_eq!(engine.registry_totals("N3", "pays").unwrap(), None);
}
