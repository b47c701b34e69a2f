//! The reports that close a cycle, against the data: the final report's
//! period and the values its logframe matrix carries, the annual report's
//! year against its targets, the final report's conclusions by result.
//! Counts are re-derived from the example's sheets (calamine) in the test.

use std::path::Path;

use cadre::table::Status;
use cadre::{Engine, Lang, Period, Programme};
use cadre_report::report::{ReportKind, ReportOptions, report_data, report_period};
use chrono::{Datelike, NaiveDate};

use super::statement::{day, sheet};

const ROOT: &str = "../..";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn terress() -> (Programme, cadre::Data) {
    let p = Programme::load(Path::new(ROOT).join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, Path::new(ROOT).join("examples/terress/terress.xlsx")).unwrap();
    (p, d)
}

/// The dates of the example's events of a type that were held (a status
/// column, when the sheet has one, may say an event is only planned,
/// postponed or cancelled).
fn events_held(kind: &str) -> Vec<NaiveDate> {
    let not_held = [
        "prevu",
        "planned",
        "reporte",
        "postponed",
        "annule",
        "cancelled",
    ];
    sheet("examples/terress/terress.xlsx", "Évènements")
        .iter()
        .filter(|r| cadre::text::fold_name(&r["type"].to_string()) == kind)
        .filter(|r| {
            r.get("statut").is_none_or(|s| {
                !not_held.contains(&cadre::text::fold_name(&s.to_string()).as_str())
            })
        })
        .map(|r| day(&r["date"]))
        .collect()
}

/// `project` counts to today (the contract); the final report covers the
/// programme to its last day, and its logframe matrix carries each
/// indicator's value at that day, which is `compute --period project`'s
/// when no row is dated after the programme's end.
#[test]
fn the_final_report_covers_the_programme_to_its_last_day() {
    let (p, d) = terress();
    let engine = Engine::new(&p, &d);
    let today = date(2026, 12, 5);
    let project = Period::parse("project", p.info.calendar(), today).unwrap();
    assert_eq!(project.end, today, "the contract: project start to today");
    let period = report_period(project.clone(), &p.info);
    assert_eq!(
        (period.start, period.end),
        (date(2024, 11, 1), date(2026, 10, 31))
    );
    // A quarter is left alone.
    let q = Period::parse("2025-Q4", p.info.calendar(), today).unwrap();
    assert_eq!(report_period(q.clone(), &p.info), q);

    let table = engine.compute(&period).unwrap();
    let to_today = engine.compute(&project).unwrap();
    for (a, b) in table.indicators.iter().zip(&to_today.indicators) {
        assert_eq!(a.cumulative_value, b.cumulative_value, "{}", a.code);
    }
    let options = ReportOptions::new(
        Path::new(ROOT).join("report_templates/quarterly"),
        Lang::En,
        date(2026, 11, 30),
    );
    let data = report_data(&engine, &table, &options).unwrap();
    assert_eq!(data.period.kind, ReportKind::Final);
    assert_eq!(data.period.end_iso, "2026-10-31");
    let matrix = data.logframe.as_ref().expect("the logframe matrix");
    let in_matrix = |code: &str| {
        matrix
            .results
            .iter()
            .flat_map(|r| &r.indicators)
            .find(|i| i.code == code)
            .and_then(|i| i.value.clone())
    };
    for i in &data.indicators {
        assert_eq!(in_matrix(&i.code), i.cumulative_value, "{}", i.code);
    }
    // Video conferences held up to the last day, counted in the sheet.
    let held = events_held("visioconference")
        .iter()
        .filter(|d| **d <= date(2026, 10, 31))
        .count();
    assert_eq!(in_matrix("A2.1"), Some(held.to_string()));
}

/// The annual report sets each milestone dated within the year against the
/// cumulative value at its own date, and the year's end.
#[test]
fn the_annual_report_sets_the_year_against_its_targets() {
    let (p, d) = terress();
    let engine = Engine::new(&p, &d);
    let year = Period::parse("2025", p.info.calendar(), date(2026, 12, 5)).unwrap();
    let table = engine.compute(&year).unwrap();
    let options = ReportOptions::new(
        Path::new(ROOT).join("report_templates/quarterly"),
        Lang::En,
        date(2026, 1, 31),
    );
    let data = report_data(&engine, &table, &options).unwrap();
    let targets = data.year_targets.as_ref().expect("the year's targets");
    // Every milestone dated in 2025, from the definitions.
    let expected: Vec<(String, NaiveDate)> = p
        .indicators
        .iter()
        .flat_map(|i| i.milestones.iter().map(move |m| (i.code.clone(), m.date)))
        .filter(|(_, d)| d.year() == 2025)
        .collect();
    assert_eq!(targets.rows.len(), expected.len());
    assert_eq!(targets.met, targets.rows.iter().filter(|r| r.met).count());
    for (kind, code) in [("visioconference", "A2.1"), ("webinaire", "A3.1")] {
        let held = events_held(kind);
        let def = p.indicators.iter().find(|i| i.code == code).unwrap();
        let rows: Vec<_> = targets.rows.iter().filter(|r| r.code == code).collect();
        let dues: Vec<_> = def
            .milestones
            .iter()
            .filter(|m| m.date.year() == 2025)
            .collect();
        assert_eq!(rows.len(), dues.len(), "{code}");
        for (row, due) in rows.iter().zip(dues) {
            let by_then = held.iter().filter(|d| **d <= due.date).count();
            let at_end = held.iter().filter(|d| **d <= date(2025, 12, 31)).count();
            assert_eq!(row.reached, by_then.to_string(), "{code} {}", due.date);
            assert_eq!(row.at_year_end, Some(at_end.to_string()), "{code}");
            assert_eq!(row.expected, format!("{}", due.value), "{code}");
            assert_eq!(row.met, by_then as f64 >= due.value, "{code} {}", due.date);
        }
    }
    // A quarterly report has none.
    let q = engine
        .compute(&Period::parse("2025-Q4", p.info.calendar(), date(2026, 12, 5)).unwrap())
        .unwrap();
    assert!(
        report_data(&engine, &q, &options)
            .unwrap()
            .year_targets
            .is_none()
    );
}

/// A year's own target (`period_targets`) is set against the year's own
/// value.
#[test]
fn a_programme_year_s_own_target_is_set_against_its_own_value() {
    let p = Programme::load(Path::new(ROOT).join("indicators/petite-enfance")).unwrap();
    let d = cadre::ingest(
        &p,
        Path::new(ROOT).join("examples/petite-enfance/petite-enfance.xlsx"),
    )
    .unwrap();
    let engine = Engine::new(&p, &d);
    let py1 = Period::parse("PY1", p.info.calendar(), date(2026, 12, 5)).unwrap();
    let table = engine.compute(&py1).unwrap();
    let options = ReportOptions::new(
        Path::new(ROOT).join("report_templates/quarterly"),
        Lang::Fr,
        date(2025, 7, 31),
    );
    let data = report_data(&engine, &table, &options).unwrap();
    let targets = data.year_targets.expect("the year's targets");
    let own = targets
        .rows
        .iter()
        .find(|r| r.code == "R2.1" && r.what == "Cible de l’année")
        .expect("R2.1's target for PY1");
    let value = table
        .indicators
        .iter()
        .find(|i| i.code == "R2.1")
        .and_then(|i| i.period_value)
        .unwrap();
    assert_eq!(own.expected, "150");
    assert_eq!(own.reached, format!("{value}"));
    assert_eq!(own.met, value >= 150.0);
    assert_eq!(own.at_year_end, None);
}

/// The final report concludes each result with how many of its indicators
/// reached their target, and lists the others with where they ended.
#[test]
fn the_final_report_concludes_each_result() {
    let (p, d) = terress();
    let engine = Engine::new(&p, &d);
    let period = report_period(
        Period::parse("project", p.info.calendar(), date(2026, 12, 5)).unwrap(),
        &p.info,
    );
    let table = engine.compute(&period).unwrap();
    let options = ReportOptions::new(
        Path::new(ROOT).join("report_templates/quarterly"),
        Lang::En,
        date(2026, 11, 30),
    );
    let data = report_data(&engine, &table, &options).unwrap();
    let conclusions = data.conclusions.expect("conclusions");
    let with_indicators: Vec<&str> = p
        .results
        .iter()
        .filter(|r| table.indicators.iter().any(|i| i.result == r.code))
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(
        conclusions
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>(),
        with_indicators
    );
    for c in &conclusions {
        let own: Vec<_> = table
            .indicators
            .iter()
            .filter(|i| i.result == c.code)
            .collect();
        let achieved = own.iter().filter(|i| i.status == Status::Achieved).count();
        let short: Vec<&str> = own
            .iter()
            .filter(|i| i.status != Status::Achieved)
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(
            c.short.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(),
            short
        );
        if own.len() > 1 {
            assert!(
                c.sentence
                    .starts_with(&format!("{achieved} of its {}", own.len())),
                "{}: {}",
                c.code,
                c.sentence
            );
        }
    }
    // A1.1 ended at 29 self-diagnoses for a target of 31.
    let a1 = conclusions.iter().find(|c| c.code == "A1").unwrap();
    let submitted = sheet("examples/terress/terress.xlsx", "AUTO-diagnostics")
        .iter()
        .filter(|r| {
            matches!(
                cadre::text::fold_name(&r["statut"].to_string()).as_str(),
                "soumis" | "valide"
            )
        })
        .map(|r| r["collectivite"].to_string().trim().to_uppercase())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let a11 = a1.short.iter().find(|s| s.code == "A1.1").unwrap();
    assert_eq!(a11.reached, format!("{submitted} against a target of 31"));
}

/// `cadre narrative` closes each result's file on what comes after the
/// period: the next quarter, the next year, or, in a final report, the
/// result's conclusions.
#[test]
fn the_skeleton_closes_each_result_as_its_report_kind_does() {
    use cadre_report::report::narrative::skeleton;
    let (p, d) = terress();
    let engine = Engine::new(&p, &d);
    let last = |kind: ReportKind, lang: Lang| {
        let q = Period::parse("2025-Q4", p.info.calendar(), date(2026, 12, 5)).unwrap();
        let table = engine.compute(&q).unwrap();
        let files = skeleton(&p, &table, None, kind, lang);
        let (_, a1) = files
            .iter()
            .find(|(name, _)| name.starts_with("A1."))
            .expect("A1's file");
        a1.lines()
            .rfind(|l| l.starts_with("## "))
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        last(ReportKind::Quarterly, Lang::En),
        "## Next quarter's plan"
    );
    assert_eq!(last(ReportKind::Annual, Lang::En), "## Next year's plan");
    assert_eq!(
        last(ReportKind::Final, Lang::Fr),
        "## Conclusions et perspectives"
    );
}

/// `project` is the final report once the programme has ended, and a
/// progress report since the start while it runs.
#[test]
fn project_is_final_only_once_the_programme_has_ended() {
    let today = date(2026, 12, 5);
    let kind = |programme: &str| {
        let p = Programme::load(Path::new(ROOT).join(programme)).unwrap();
        let project = Period::parse("project", p.info.calendar(), today).unwrap();
        ReportKind::of(&report_period(project, &p.info), &p.info)
    };
    // Terr'ESS ended on 31 October 2026; eau runs to the end of 2027.
    assert_eq!(kind("indicators/terress"), ReportKind::Final);
    assert_eq!(kind("indicators/eau"), ReportKind::Progress);
}
