//! The workplan of Terr'ESS in Q4 2025: the deviations and the next
//! quarter's workplan in the result sections, and the overdue activities
//! among the summary's points of attention, re-derived from the events
//! sheet read with calamine (not from cadre); the justifications read from
//! `deviations.md`, a missing one a warning and an error with `--strict`;
//! the skeleton's headings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cadre::Lang;
use cadre_report::report::narrative::NarrativeWarning;
use cadre_report::report::{ReportError, ReportOptions, render, report_data};
use calamine::{Data, Reader};
use chrono::NaiveDate;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A date cell: a spreadsheet date, `dd/mm/yyyy` (maybe with a time) or
/// `yyyy-mm-dd`.
fn day(c: &Data) -> Option<NaiveDate> {
    match c {
        Data::DateTime(x) => Some(x.as_datetime().expect("date").date()),
        Data::String(s) if s.trim().is_empty() => None,
        Data::String(s) => {
            let s = s.trim();
            let s = s.split(' ').next().unwrap_or(s);
            Some(
                NaiveDate::parse_from_str(s, "%d/%m/%Y")
                    .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
                    .unwrap_or_else(|_| panic!("date {s:?}")),
            )
        }
        Data::Empty => None,
        other => panic!("date {other:?}"),
    }
}

/// A code as the contract compares it: trimmed, lower case, no accents.
fn code(c: &Data) -> String {
    c.to_string()
        .trim()
        .to_lowercase()
        .replace(['é', 'è', 'ê'], "e")
}

/// One event of the sheet.
#[derive(Debug)]
struct Event {
    id: String,
    kind: String,
    title: String,
    date: NaiveDate,
    status: String,
    due: NaiveDate,
}

/// The events sheet of the example workbook.
fn events() -> Vec<Event> {
    let path = repo().join("examples/terress/terress.xlsx");
    let mut book = calamine::open_workbook_auto(path).expect("workbook");
    let range = book.worksheet_range("Évènements").expect("sheet");
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (id, kind, title, date) = (at("ID"), at("Type"), at("Titre"), at("DATE"));
    let (status, planned) = (at("Statut"), at("Date prévue"));
    rows.filter(|r| r.iter().any(|c| !c.to_string().trim().is_empty()))
        .map(|r| {
            let date = day(&r[date]).expect("a date");
            Event {
                id: r[id].to_string().trim().to_owned(),
                kind: code(&r[kind]),
                title: r[title].to_string(),
                date,
                status: code(&r[status]),
                due: r.get(planned).and_then(day).unwrap_or(date),
            }
        })
        .collect()
}

/// What the workplan says of Q4 2025 (1 October to 31 December), by the
/// rules of `indicators/README.md`: a deviation is an event due (planned
/// date, else date) by 31 December and not held by then (not "tenu" dated
/// by then), cancelled with its due date in the quarter, or held in the
/// quarter with a due date before 1 October; the next workplan, the events
/// dated in Q1 2026 not cancelled.
fn expected(events: &[Event], kind: &str) -> (Vec<(NaiveDate, String)>, Vec<String>) {
    let (start, end) = (d(2025, 10, 1), d(2025, 12, 31));
    let mut deviations: Vec<(NaiveDate, String)> = Vec::new();
    let mut next: Vec<(NaiveDate, String)> = Vec::new();
    for e in events.iter().filter(|e| e.kind == kind) {
        let held = e.status == "tenu";
        let in_quarter = |x: NaiveDate| start <= x && x <= end;
        let deviation = match e.status.as_str() {
            "annule" => in_quarter(e.due),
            _ if held && in_quarter(e.date) && e.due < start => true,
            _ => e.due <= end && !(held && e.date <= end),
        };
        if deviation {
            deviations.push((e.due, e.title.clone()));
        }
        if e.status != "annule" && d(2026, 1, 1) <= e.date && e.date <= d(2026, 3, 31) {
            next.push((e.date, e.title.clone()));
        }
    }
    deviations.sort();
    next.sort();
    (deviations, next.into_iter().map(|(_, t)| t).collect())
}

fn engine_parts() -> (cadre::Programme, cadre::Data) {
    let p = cadre::Programme::load(repo().join("indicators/terress")).expect("programme");
    let data = cadre::ingest(&p, repo().join("examples/terress/terress.xlsx")).expect("data");
    (p, data)
}

#[test]
fn the_deviations_and_next_workplan_are_the_sheets() {
    let events = events();
    // The sheet holds the cases the example is for: a webinar held late
    // (WEB-03), one postponed (WEB-07), a video conference cancelled
    // (VISIO-09), the March 2026 video conference and the Dakar gathering
    // of May 2026 ahead.
    let statuses: BTreeMap<&str, &str> = events
        .iter()
        .map(|e| (e.id.as_str(), e.status.as_str()))
        .collect();
    assert_eq!(statuses["WEB-07"], "reporte");
    assert_eq!(statuses["VISIO-09"], "annule");
    let (p, data) = engine_parts();
    let engine = cadre::Engine::new(&p, &data);
    let period = cadre::Period::parse("2025-Q4", p.info.calendar(), p.info.end).expect("period");
    let t = engine.compute(&period).expect("compute");
    let options = ReportOptions::new(
        repo().join("report_templates/quarterly"),
        Lang::En,
        d(2026, 1, 15),
    );
    let report = report_data(&engine, &t, &options).expect("report data");
    let mut all_deviations = 0;
    for (result, kind) in [
        ("A2", "visioconference"),
        ("A3", "webinaire"),
        ("A4", "regroupement"),
        ("A5", "rendez_vous"),
    ] {
        let (deviations, next) = expected(&events, kind);
        let section = report
            .sections
            .iter()
            .find(|s| s.code == result)
            .expect(result);
        let w = &section.workplans[0];
        let got: Vec<&str> = w.deviations.iter().map(|x| x.title.as_str()).collect();
        let want: Vec<&str> = deviations.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(got, want, "{result}'s deviations");
        let got: Vec<&str> = w.next.iter().map(|x| x.title.as_str()).collect();
        assert_eq!(got, next, "{result}'s next quarter");
        assert_eq!(w.next_heading, "Workplan for Q1\u{A0}2026");
        all_deviations += deviations.len();
    }
    // Three deviations in all, each named in the example's narrative.
    assert_eq!(all_deviations, 3);
    let a3 = report.sections.iter().find(|s| s.code == "A3").unwrap();
    let late = &a3.workplans[0].deviations[0];
    assert_eq!(late.due, "planned for 18\u{A0}September 2025");
    assert_eq!(late.what, "held late, on 9\u{A0}October 2025");
    let postponed = &a3.workplans[0].deviations[1];
    assert_eq!(postponed.what, "postponed to 29\u{A0}January 2026");
    // Without a narrative, nothing says a justification is missing.
    assert!(postponed.justification.is_none() && postponed.missing.is_none());
    // The March 2026 video conference is on the next quarter's plan.
    let a2 = report.sections.iter().find(|s| s.code == "A2").unwrap();
    assert!(
        a2.workplans[0]
            .next
            .iter()
            .any(|r| r.date == "19\u{A0}March 2026")
    );
    // Overdue: the events due by 31 December and not held by then.
    let overdue: Vec<String> = events
        .iter()
        .filter(|e| e.due <= d(2025, 12, 31) && !matches!(e.status.as_str(), "annule"))
        .filter(|e| !(e.status == "tenu" && e.date <= d(2025, 12, 31)))
        .map(|e| e.title.clone())
        .collect();
    assert_eq!(overdue, ["Mesurer l'impact social des politiques d'ESS"]);
    let flags = report
        .summary
        .red_flags
        .overdue
        .expect("overdue activities");
    assert_eq!(flags.heading, "Overdue activities");
    assert_eq!(flags.activities.len(), overdue.len());
    assert!(flags.activities[0].text.starts_with(&overdue[0]));
    assert_eq!(flags.activities[0].section.target, "cadre-result-A3");
}

#[test]
fn the_annual_workplan_holds_the_next_year_with_the_dakar_gathering() {
    let (p, data) = engine_parts();
    let engine = cadre::Engine::new(&p, &data);
    let year = cadre::Period::parse("2025", p.info.calendar(), p.info.end).expect("period");
    let plans = engine.workplans(&year).expect("workplans");
    let a4 = plans.iter().find(|w| w.result == "A4").expect("A4");
    assert_eq!(a4.next_period.label, "2026");
    let next: Vec<&str> = a4.next.iter().map(|a| a.key.as_deref().unwrap()).collect();
    assert_eq!(next, ["REG-03"], "the Dakar gathering of 20 May 2026");
}

/// The example's narrative, with `deviations*.md` left out, in a temporary
/// folder.
fn narrative_without_deviations() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("2025-Q4");
    std::fs::create_dir(&to).unwrap();
    let from = repo().join("examples/terress/narrative/2025-Q4");
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("deviations") {
            std::fs::copy(&path, to.join(name)).unwrap();
        }
    }
    dir
}

#[test]
fn a_deviation_without_justification_is_an_error_when_strict() {
    let (p, data) = engine_parts();
    let engine = cadre::Engine::new(&p, &data);
    let period = cadre::Period::parse("2025-Q4", p.info.calendar(), p.info.end).expect("period");
    let t = engine.compute(&period).expect("compute");
    let dir = narrative_without_deviations();
    let mut options = ReportOptions::new(
        repo().join("report_templates/quarterly"),
        Lang::Fr,
        d(2026, 1, 15),
    );
    options.narrative = Some(dir.path().to_path_buf());
    options.strict = true;
    let Err(ReportError::NarrativeIncomplete(missing)) = render(&engine, &t, &options) else {
        panic!("a deviation without justification passes --strict");
    };
    let mut activities: Vec<String> = missing
        .iter()
        .filter_map(|w| match w {
            NarrativeWarning::DeviationWithoutJustification { activity } => Some(activity.clone()),
            _ => None,
        })
        .collect();
    activities.sort();
    assert_eq!(
        activities,
        [
            "Mesurer l'impact social des politiques d'ESS",
            "Visioconférence thématique : outils numériques de l'ESS",
            "Économie circulaire et gestion des déchets",
        ]
    );
    let message = missing
        .iter()
        .find(|w| matches!(w, NarrativeWarning::DeviationWithoutJustification { .. }))
        .unwrap()
        .message(Lang::Fr);
    assert!(message.contains("deviations.md"), "{message}");
    // Not strict: the report data marks each one as unjustified; with the
    // example's own narrative, each has its justification (French titles in
    // `deviations.md`, event keys in `deviations.en.md`).
    options.strict = false;
    let report = report_data(&engine, &t, &options).expect("report data");
    let a3 = report.sections.iter().find(|s| s.code == "A3").unwrap();
    assert!(
        a3.workplans[0]
            .deviations
            .iter()
            .all(|x| x.justification.is_none()
                && x.missing.as_deref() == Some("Aucune justification dans deviations.md."))
    );
    for lang in [Lang::Fr, Lang::En] {
        let mut options = ReportOptions::new(
            repo().join("report_templates/quarterly"),
            lang,
            d(2026, 1, 15),
        );
        options.narrative = Some(repo().join("examples/terress/narrative"));
        let report = report_data(&engine, &t, &options).expect("report data");
        let justified = report
            .sections
            .iter()
            .flat_map(|s| &s.workplans)
            .flat_map(|w| &w.deviations)
            .filter(|x| x.justification.is_some())
            .count();
        assert_eq!(justified, 3, "{lang}");
    }
}

#[test]
fn the_skeleton_has_a_heading_per_deviation() {
    let (p, data) = engine_parts();
    let engine = cadre::Engine::new(&p, &data);
    let period = cadre::Period::parse("2025-Q4", p.info.calendar(), p.info.end).expect("period");
    let (name, text) = cadre_report::report::workplan::skeleton(&engine, &period, Lang::En)
        .expect("skeleton")
        .expect("deviations");
    assert_eq!(name, "deviations.en.md");
    let headings: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(
        headings,
        [
            "Visioconférence thématique : outils numériques de l'ESS",
            "Économie circulaire et gestion des déchets",
            "Mesurer l'impact social des politiques d'ESS",
        ]
    );
    // A period without deviation writes no file: Q2 2025 (the Rabat
    // gathering and the June events were held on their dates).
    let q2 = cadre::Period::parse("2025-Q2", p.info.calendar(), p.info.end).expect("period");
    assert!(
        cadre_report::report::workplan::skeleton(&engine, &q2, Lang::Fr)
            .expect("skeleton")
            .is_none()
    );
}
