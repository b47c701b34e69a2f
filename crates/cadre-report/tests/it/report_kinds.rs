//! What a report is: its kind (monthly, quarterly, half-yearly, annual,
//! final), which its period calls for and its title says, and what an
//! annual or final report adds (the logframe matrix).

use std::path::Path;

use cadre::{Engine, Lang, Period, Programme};
use cadre_report::report::{ReportOptions, report_data};
use chrono::NaiveDate;

const ROOT: &str = "../..";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn options(lang: Lang, issued: NaiveDate) -> ReportOptions {
    ReportOptions::new(
        Path::new(ROOT).join("report_templates/quarterly"),
        lang,
        issued,
    )
}

/// A report is titled by its kind: the period's by default (a quarter is
/// quarterly, a year annual, the whole programme final), `--kind` otherwise.
#[test]
fn a_report_is_titled_by_the_kind_its_period_calls_for() {
    use cadre_report::report::ReportKind;
    let p = Programme::load(Path::new(ROOT).join("tests/finance/programme")).unwrap();
    let d = cadre::ingest(&p, Path::new(ROOT).join("tests/finance/data")).unwrap();
    let engine = Engine::new(&p, &d);
    let title = |period: &str, lang: Lang, kind: Option<ReportKind>| {
        let period = Period::parse(period, p.info.calendar(), date(2027, 1, 31)).unwrap();
        let table = engine.compute(&period).unwrap();
        let mut o = options(lang, date(2027, 1, 20));
        o.kind = kind;
        let d = report_data(&engine, &table, &o).unwrap();
        (d.period.kind, d.period.title)
    };
    let cases = [
        (
            "2025-Q4",
            Lang::Fr,
            ReportKind::Quarterly,
            "Rapport trimestriel de suivi",
        ),
        (
            "2025-H2",
            Lang::En,
            ReportKind::HalfYearly,
            "Half-yearly monitoring report",
        ),
        ("2025", Lang::Fr, ReportKind::Annual, "Rapport annuel"),
        ("PY2", Lang::En, ReportKind::Annual, "Annual report"),
        ("project", Lang::Fr, ReportKind::Final, "Rapport final"),
        (
            "2025-01-01..2026-12-31",
            Lang::En,
            ReportKind::Final,
            "Final report",
        ),
        (
            "2025-03-01..2025-06-30",
            Lang::En,
            ReportKind::Progress,
            "Monitoring report",
        ),
        (
            "2025-M04",
            Lang::Fr,
            ReportKind::Monthly,
            "Rapport mensuel de suivi",
        ),
    ];
    for (period, lang, kind, expected) in cases {
        assert_eq!(
            title(period, lang, None),
            (kind, expected.to_owned()),
            "{period}"
        );
    }
    let forced = title("2025", Lang::En, Some(ReportKind::Final));
    assert_eq!(forced, (ReportKind::Final, "Final report".to_owned()));
}

/// Annual and final reports enclose the logframe matrix: every result of
/// the chain, the overall objective included (it has no indicator), each
/// indicator with the values its own table prints.
#[test]
fn annual_and_final_reports_enclose_the_logframe_matrix() {
    let root = Path::new(ROOT);
    let p = Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let engine = Engine::new(&p, &d);
    let data = |period: &str| {
        let period = Period::parse(period, p.info.calendar(), p.info.end).unwrap();
        let table = engine.compute(&period).unwrap();
        report_data(&engine, &table, &options(Lang::En, date(2026, 11, 30))).unwrap()
    };
    assert!(
        data("2025-Q4").logframe.is_none(),
        "a quarterly report has none"
    );
    for period in ["2025", "project"] {
        let r = data(period);
        let lf = r.logframe.as_ref().expect("a logframe matrix");
        let codes: Vec<&str> = lf.results.iter().map(|x| x.code.as_str()).collect();
        let all: Vec<&str> = p.results.iter().map(|x| x.code.as_str()).collect();
        assert_eq!(codes, all, "{period}");
        assert_eq!(lf.results[0].level, "Overall objective");
        assert_eq!(lf.results[0].depth, 0);
        assert!(lf.results[0].indicators.is_empty());
        let listed: usize = lf.results.iter().map(|x| x.indicators.len()).sum();
        assert_eq!(listed, r.indicators.len(), "{period}: every indicator");
        for i in lf.results.iter().flat_map(|x| &x.indicators) {
            let shown = r.indicators.iter().find(|x| x.code == i.code).unwrap();
            assert_eq!(i.value, shown.cumulative_value, "{period} {}", i.code);
            assert_eq!(i.target, shown.target, "{period} {}", i.code);
            assert!(
                !i.verification.is_empty(),
                "{}: its means of verification",
                i.code
            );
        }
    }
}

/// Annual and final reports close with the lessons learned and
/// sustainability (`lessons.md`, `sustainability.md`); a missing one is a
/// warning, and a final report is refused without it unless a draft.
#[test]
fn reports_that_close_a_cycle_have_lessons_and_sustainability() {
    use cadre_report::report::{ReportError, render};
    let p = Programme::load(Path::new(ROOT).join("tests/finance/programme")).unwrap();
    let d = cadre::ingest(&p, Path::new(ROOT).join("tests/finance/data")).unwrap();
    let engine = Engine::new(&p, &d);
    let narrative = tempfile::tempdir().unwrap();
    for period in ["2025", "2025-Q4", "project"] {
        std::fs::create_dir(narrative.path().join(period)).unwrap();
    }
    std::fs::write(
        narrative.path().join("2025/lessons.md"),
        "## Ce qui a marché\n\nLes ateliers.\n",
    )
    .unwrap();
    let run = |period: &str, draft: bool| {
        let period = Period::parse(period, p.info.calendar(), date(2027, 1, 31)).unwrap();
        let table = engine.compute(&period).unwrap();
        let mut o = options(Lang::Fr, date(2027, 1, 20));
        o.narrative = Some(narrative.path().to_path_buf());
        o.draft = draft;
        (
            report_data(&engine, &table, &o).unwrap(),
            render(&engine, &table, &o),
        )
    };
    let (annual, rendered) = run("2025", false);
    let closing = annual.narrative.unwrap().closing;
    let got: Vec<(&str, bool)> = closing
        .iter()
        .map(|c| (c.heading.as_str(), c.blocks.is_some()))
        .collect();
    assert_eq!(got, [("Enseignements tirés", true), ("Durabilité", false)]);
    let warnings: Vec<String> = rendered
        .unwrap()
        .narrative_warnings
        .iter()
        .map(|w| w.message(Lang::Fr))
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("le fichier sustainability.md manque")),
        "{warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("lessons.md")),
        "{warnings:?}"
    );
    // A quarter has none.
    let (quarter, rendered) = run("2025-Q4", false);
    assert!(quarter.narrative.unwrap().closing.is_empty());
    assert!(
        rendered
            .unwrap()
            .narrative_warnings
            .iter()
            .all(|w| !w.message(Lang::En).contains("lessons"))
    );
    // The final report is refused without them, unless a draft.
    match run("project", false).1 {
        Err(ReportError::NarrativeIncomplete(w)) => {
            let text: Vec<String> = w.iter().map(|w| w.message(Lang::En)).collect();
            assert!(
                text.iter()
                    .any(|t| t.contains("the file lessons.md is missing")),
                "{text:?}"
            );
        }
        other => panic!("a final report without lessons: {:?}", other.map(|_| ())),
    }
    assert!(run("project", true).1.is_ok());
}

/// `cadre narrative` writes the closing sections of an annual or final
/// report, and not those of a quarter.
#[test]
fn the_skeleton_has_the_sections_its_kind_has() {
    use cadre_report::report::ReportKind;
    let p = Programme::load(Path::new(ROOT).join("tests/finance/programme")).unwrap();
    let d = cadre::ingest(&p, Path::new(ROOT).join("tests/finance/data")).unwrap();
    let engine = Engine::new(&p, &d);
    let names = |period: &str| -> Vec<String> {
        let period = Period::parse(period, p.info.calendar(), date(2027, 1, 31)).unwrap();
        let table = engine.compute(&period).unwrap();
        let kind = ReportKind::of(&period, &p.info);
        cadre_report::report::narrative::skeleton(&p, &table, None, kind, Lang::Fr)
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    };
    let annual = names("2025");
    assert!(
        annual.contains(&"lessons.md".to_owned())
            && annual.contains(&"sustainability.md".to_owned()),
        "{annual:?}"
    );
    let quarter = names("2025-Q4");
    assert!(!quarter.iter().any(|n| n == "lessons.md"), "{quarter:?}");
}

/// The English report names countries and budget lines in English where
/// the definitions label them (text columns may carry `value_labels`);
/// the French one as the workbook writes them.
#[test]
fn data_labels_print_in_the_report_s_language() {
    let root = Path::new(ROOT);
    let p = Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let engine = Engine::new(&p, &d);
    let period = Period::parse("2025-Q4", p.info.calendar(), p.info.end).unwrap();
    let table = engine.compute(&period).unwrap();
    for (lang, country, line) in [
        (Lang::En, "Senegal", "Participants' travel"),
        (Lang::Fr, "Sénégal", "Transport des participants"),
    ] {
        let r = report_data(&engine, &table, &options(lang, date(2026, 1, 15))).unwrap();
        let json = serde_json::to_string(&r).unwrap();
        let a1 = r.sections.iter().find(|s| s.code == "A1").unwrap();
        let places: Vec<&str> = a1.activities[0]
            .rows
            .iter()
            .map(|x| x.place.as_str())
            .collect();
        assert!(places.contains(&country), "{lang}: {places:?}");
        let lines = &r.statement.as_ref().unwrap().tables[1];
        assert!(lines.rows.iter().any(|x| x.label == line), "{lang}: {line}");
        assert!(
            json.contains(&format!("\"name\":\"{country}\"")),
            "{lang}: a breakdown category"
        );
    }
}

/// Every example renders with its narrative under the accessible and the
/// archival standards: the officer's Markdown headings nest under the
/// report's (PDF/UA refuses a skipped level).
#[test]
fn every_example_renders_with_its_narrative_under_ua_1_and_a_3a() {
    use cadre_report::report::{PdfStandardChoice, render};
    for (programme, workbook, period, lang) in [
        (
            "terress",
            "examples/terress/terress.xlsx",
            "2025-Q4",
            Lang::Fr,
        ),
        ("eau", "examples/eau/eau.xlsx", "2026-Q2", Lang::En),
    ] {
        let p = Programme::load(Path::new(ROOT).join("indicators").join(programme)).unwrap();
        let d = cadre::ingest(&p, Path::new(ROOT).join(workbook)).unwrap();
        let engine = Engine::new(&p, &d);
        let period = Period::parse(period, p.info.calendar(), p.info.end).unwrap();
        let table = engine.compute(&period).unwrap();
        let narrative = Path::new(ROOT)
            .join("examples")
            .join(programme)
            .join("narrative");
        assert!(narrative.join(&period.label).is_dir(), "{programme}");
        for standard in [PdfStandardChoice::Ua1, PdfStandardChoice::A3a] {
            let mut o = options(lang, period.end);
            o.narrative = Some(narrative.clone());
            o.pdf_standard = Some(standard);
            let rendered = render(&engine, &table, &o)
                .unwrap_or_else(|e| panic!("{programme} {standard:?}: {e}"));
            assert!(
                rendered.pdf.starts_with(b"%PDF"),
                "{programme} {standard:?}"
            );
        }
    }
}
