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

/// The mini programme in a temporary folder, its workshops with a status
/// (`etat`) and a planned date (`prevue`), and its data with `sessions`
/// replaced by `sessions`: returns the folder (programme in `defs`, data in
/// `data`).
fn with_workplan(activities_keys: &str, sessions: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/compute/programme");
    let defs = dir.path().join("defs");
    std::fs::create_dir_all(defs.join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml", "indicators/mini.toml"] {
        let mut text = std::fs::read_to_string(src.join(f)).unwrap();
        if f == "programme.toml" {
            text = text.replace(
                "place = \"site.nom\"\n",
                &format!("place = \"site.nom\"\n{activities_keys}\n"),
            );
        }
        if f == "datasets.toml" {
            text = text.replace(
                "[[dataset]]\nname = \"presences\"",
                "[[dataset.column]]\nname = \"etat\"\ntype = \"enum\"\nrequired = false\n\
                 values = [\"prevu\", \"tenu\", \"reporte\", \"annule\"]\n\n\
                 [[dataset.column]]\nname = \"prevue\"\ntype = \"date\"\nrequired = false\n\n\
                 [[dataset]]\nname = \"presences\"",
            );
        }
        std::fs::write(defs.join(f), text).unwrap();
    }
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/compute/cases/mini/data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(data.join("sessions.csv"), sessions).unwrap();
    dir
}

const STATUS_KEYS: &str = "status = { column = \"etat\", planned = [\"prevu\"], held = [\"tenu\"], \
     postponed = [\"reporte\"], cancelled = [\"annule\"] }\nplanned_date = \"prevue\"";

/// The hand case: workshops A1..A8 (V1, V2 are visits, not listed).
const SESSIONS: &str = "id,type,date,site,etat,prevue
A1,atelier,2024-01-01,S1,tenu,
A2,atelier,2024-02-29,S2,tenu,2023-12-15
A3,atelier,2024-03-31,,prevu,
A5,atelier,2024-03-10,S1,annule,
A6,atelier,2024-05-15,S2,tenu,2024-03-20
A7,atelier,2024-06-01,S3,reporte,2024-02-10
A8,atelier,2024-05-20,,annule,
V1,visite,01/04/2024 09:30,S3,tenu,
A4,atelier,2024-06-30,S3,tenu,
V2,VISITE,2024-07-15,S1,tenu,
";

#[test]
fn the_workplan_s_deviations_and_next_period_by_hand() {
    use cadre::workplan::DeviationKind::{Cancelled, HeldLate, NotHeld};
    let dir = with_workplan(STATUS_KEYS, SESSIONS);
    let p = Programme::load(dir.path().join("defs")).unwrap();
    let d = cadre::ingest(&p, dir.path().join("data")).unwrap();
    let engine = Engine::new(&p, &d);
    let q1 = Period::parse("2024-Q1", p.info.calendar(), date(2024, 12, 31)).unwrap();
    // Held in Q1 (1 Jan - 31 Mar): A1 and A2 only; A3 is planned, A5 cancelled.
    let held = engine.activities(&q1).unwrap();
    let titles: Vec<&str> = held[0]
        .activities
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles, ["A1", "A2"]);
    let plans = engine.workplans(&q1).unwrap();
    assert_eq!(plans.len(), 1);
    let devs: Vec<(&str, cadre::workplan::DeviationKind, NaiveDate)> = plans[0]
        .deviations
        .iter()
        .map(|d| (d.activity.title.as_str(), d.kind, d.due))
        .collect();
    // By due date: A2 planned 15 Dec 2023 (before Q1) and held 29 Feb: late;
    // A7 due 10 Feb, postponed; A5 due 10 Mar, cancelled; A6 due 20 Mar,
    // held only on 15 May (after Q1's end): not held by 31 Mar; A3 due
    // 31 Mar, still planned.
    assert_eq!(
        devs,
        vec![
            ("A2", HeldLate, date(2023, 12, 15)),
            ("A7", NotHeld, date(2024, 2, 10)),
            ("A5", Cancelled, date(2024, 3, 10)),
            ("A6", NotHeld, date(2024, 3, 20)),
            ("A3", NotHeld, date(2024, 3, 31)),
        ]
    );
    // Q2 (1 Apr - 30 Jun), by date: A6 (15 May), A7 (1 Jun, postponed to
    // it), A4 (30 Jun); A8 (20 May) is cancelled, V1 a visit.
    assert_eq!(plans[0].next_period.label, "2024-Q2");
    let next: Vec<&str> = plans[0].next.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(next, ["A6", "A7", "A4"]);

    let q2 = Period::parse("2024-Q2", p.info.calendar(), date(2024, 12, 31)).unwrap();
    let held = engine.activities(&q2).unwrap();
    let titles: Vec<&str> = held[0]
        .activities
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles, ["A6", "A4"], "A7 is postponed, A8 cancelled");
    let plans = engine.workplans(&q2).unwrap();
    let devs: Vec<(&str, cadre::workplan::DeviationKind)> = plans[0]
        .deviations
        .iter()
        .map(|d| (d.activity.title.as_str(), d.kind))
        .collect();
    // A7 (due 10 Feb) and A3 (due 31 Mar) are still not held; A6, due
    // 20 Mar, is held in Q2: late; A8, due 20 May, cancelled in Q2. A5 was
    // cancelled in Q1: not again.
    assert_eq!(
        devs,
        vec![
            ("A7", NotHeld),
            ("A6", HeldLate),
            ("A3", NotHeld),
            ("A8", Cancelled)
        ]
    );
    assert!(plans[0].next.is_empty(), "nothing dated in Q3 but a visit");
}

#[test]
fn a_source_without_status_has_no_workplan() {
    let p = Programme::load(repo().join("tests/compute/programme")).unwrap();
    let d = cadre::ingest(&p, repo().join("tests/compute/cases/mini/data")).unwrap();
    let engine = Engine::new(&p, &d);
    let q1 = Period::parse("2024-Q1", p.info.calendar(), date(2024, 12, 31)).unwrap();
    assert!(engine.workplans(&q1).unwrap().is_empty());
    // Every row held: the period's activities are as before.
    let lists = engine.activities(&q1).unwrap();
    assert!(
        lists[0]
            .activities
            .iter()
            .all(|a| a.status == cadre::programme::ActivityStatus::Held && a.planned.is_none())
    );
}

/// The message of loading the hand case with `keys` for its workplan.
fn workplan_error(keys: &str) -> (String, String) {
    let dir = with_workplan(keys, SESSIONS);
    let Err(e) = Programme::load(dir.path().join("defs")) else {
        panic!("{keys} loads");
    };
    (e.message(cadre::Lang::En), e.message(cadre::Lang::Fr))
}

#[test]
fn a_wrong_status_column_is_a_definition_error() {
    let (en, fr) = workplan_error("status = { column = \"site\", held = [\"S1\"] }");
    assert!(
        en.contains("programme.toml")
            && en.contains("[[report.activities]] of P: status: `site` is text, not an enum"),
        "{en}"
    );
    assert!(
        fr.contains("« site » est de type text, pas une énumération"),
        "{fr}"
    );
    let (en, fr) = workplan_error(
        "status = { column = \"etat\", planned = [\"prevu\"], held = [\"tenu\"], cancelled = [\"annule\"] }",
    );
    assert!(
        en.contains("status: the value `reporte` of `etat` is listed under no status"),
        "{en}"
    );
    assert!(
        fr.contains("« reporte » de « etat » n’est rangée sous aucun statut"),
        "{fr}"
    );
    let (en, _) = workplan_error(
        "status = { column = \"etat\", planned = [\"prevu\", \"reporte\"], held = [\"tenu\"], \
         postponed = [\"reporte\"], cancelled = [\"annule\"] }",
    );
    assert!(
        en.contains("`reporte` of `etat` is listed under several statuses (planned, postponed)"),
        "{en}"
    );
    let (en, fr) = workplan_error(
        "status = { column = \"etat\", planned = [\"prevu\"], held = [\"tenu\", \"fait\"], \
         postponed = [\"reporte\"], cancelled = [\"annule\"] }",
    );
    assert!(
        en.contains("status: `fait` is not a value of `etat`"),
        "{en}"
    );
    assert!(
        fr.contains("« fait » n’est pas une valeur de « etat »"),
        "{fr}"
    );
    let (en, fr) = workplan_error("planned_date = \"etat\"");
    assert!(
        en.contains("planned_date: `etat` is enum, not a date"),
        "{en}"
    );
    assert!(
        fr.contains("planned_date : la colonne « etat » est de type enum"),
        "{fr}"
    );
}
