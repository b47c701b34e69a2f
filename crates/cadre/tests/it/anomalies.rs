//! Anomalies of accepted data, on the mini programme.

use std::path::{Path, PathBuf};

use cadre::anomalies::{Anomaly, AnomalyKind};
use cadre::{Engine, Programme};
use chrono::NaiveDate;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn rows_outside_every_window_and_empty_breakdowns_are_counted_with_their_rows() {
    let p = Programme::load(repo().join("tests/compute/programme")).unwrap();
    let d = cadre::ingest(&p, repo().join("tests/compute/cases/mini/data")).unwrap();
    let issued = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
    let all = Engine::new(&p, &d).anomalies(issued).unwrap();
    let find = |dataset: &str, column: Option<&str>, kind: AnomalyKind| -> &Anomaly {
        all.iter()
            .find(|a| a.dataset == dataset && a.column.as_deref() == column && a.kind == kind)
            .unwrap_or_else(|| panic!("{dataset} {column:?} {kind:?}: {all:#?}"))
    };
    // Sessions dated after the date of issue: the visit of April, the
    // workshop of June, the visit of July (sheet rows 5 to 7).
    let after = find("sessions", Some("date"), AnomalyKind::AfterIssue);
    assert_eq!((after.count, after.of, rows(after)), (3, 6, vec![5, 6, 7]));
    assert!(
        after
            .rows
            .iter()
            .all(|r| r.file == "data/sessions.csv" && r.sheet == "sessions"),
        "{after:#?}"
    );
    // Attendances with no gender (row 4) and with no site, so no country (rows 6, 9).
    let gender = find("presences", Some("genre"), AnomalyKind::EmptyBreakdown);
    assert_eq!((gender.count, gender.of, rows(gender)), (1, 11, vec![4]));
    let country = find("presences", Some("site.pays"), AnomalyKind::EmptyBreakdown);
    assert_eq!((country.count, rows(country)), (2, vec![6, 9]));
    assert!(
        !all.iter().any(|a| a.kind == AnomalyKind::BeforeStart),
        "nothing before the start: {all:#?}"
    );
}

fn rows(a: &Anomaly) -> Vec<u32> {
    a.rows.iter().map(|r| r.row).collect()
}
