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

/// A session held after the programme's last day but before the date of
/// issue is listed as such (the final report, which ends that day, leaves
/// it out); one after the date of issue is listed only as after the issue.
#[test]
fn rows_after_the_programme_s_last_day_are_counted_apart_from_those_after_the_issue() {
    let p = Programme::load(repo().join("tests/compute/programme")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mini = repo().join("tests/compute/cases/mini/data");
    for entry in std::fs::read_dir(&mini).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    // The programme ends on 31 December 2024; the report is issued on
    // 1 February 2025. Sheet rows 8 and 9.
    let sessions = dir.path().join("sessions.csv");
    let mut text = std::fs::read_to_string(&sessions).unwrap();
    text += "V3,visite,2025-01-15,S1\nV4,visite,2025-03-10,S2\n";
    std::fs::write(&sessions, text).unwrap();
    let d = cadre::ingest(&p, dir.path()).unwrap();
    let issued = NaiveDate::from_ymd_opt(2025, 2, 1).unwrap();
    let all = Engine::new(&p, &d).anomalies(issued).unwrap();
    let of = |kind: AnomalyKind| {
        all.iter()
            .find(|a| a.dataset == "sessions" && a.kind == kind)
            .map(rows)
            .unwrap_or_default()
    };
    assert_eq!(of(AnomalyKind::AfterEnd), vec![8], "{all:#?}");
    assert_eq!(of(AnomalyKind::AfterIssue), vec![9], "{all:#?}");
}
