//! The summary's red flags, each on data where it occurs, checked against
//! what the data shows (read by hand from the csv files, below), not
//! against cadre's output: the totals below their milestone, the units
//! that sent nothing, the financial flags, and where each points to.

use std::path::{Path, PathBuf};

use cadre::Lang;
use cadre_report::report::attention::{RedFlags, SectionRef};
use cadre_report::report::{ReportData, ReportOptions, render, report_data};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// The report data of `period`, and the PDF's text when `pdf`.
fn report(
    programme: &str,
    data: &str,
    period: &str,
    lang: Lang,
    pdf: bool,
) -> (ReportData, String) {
    let p = cadre::Programme::load(repo().join(programme)).expect("programme");
    let d = cadre::ingest(&p, repo().join(data)).expect("data");
    let period = cadre::Period::parse(period, p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(&p, &d);
    let t = engine.compute(&period).expect("compute");
    let issued = period.end + chrono::Days::new(15);
    let options = ReportOptions::new(repo().join("report_templates/quarterly"), lang, issued);
    let data = report_data(&engine, &t, &options).expect("report data");
    let text = match pdf {
        true => {
            let rendered = render(&engine, &t, &options).expect("render");
            let name = format!("red-flags-{}-{lang}", t.period.label);
            super::report::pdf_text(&rendered.pdf, &name)
        }
        false => String::new(),
    };
    (data, text)
}

fn mini(lang: Lang, pdf: bool) -> (RedFlags, String) {
    let (data, text) = report(
        "tests/compute/programme",
        "tests/compute/cases/mini/data",
        "2024-Q2",
        lang,
        pdf,
    );
    (data.summary.red_flags, text)
}

/// The mini programme in 2024-Q2 (April to June 2024), from its csv files:
/// - N1 counts the workshops (`sessions.csv`, type "atelier", any case):
///   A1 (2024-01-01), A2 (29/02/2024), A3 (2024-03-31), A4 (2024-06-30):
///   4 by 30 June, below its milestone 5 due on 30 June 2024.
/// - N8 is the latest reading (`releves.csv`), 40 by 30 June, below its
///   milestone 50 due on 30 June 2024.
/// - N6 (spending over the budget) is 58.05 %, above its milestone 50: not
///   missed. No other total has a milestone due by then.
/// - Sites S1, S2, S3 report through sessions and attendances: in the
///   quarter, sessions V1 (01/04/2024, S3) and A4 (2024-06-30, S3);
///   attendances of V1 (S3, S3, none) and A4 (S3, S1). Site deux (S2)
///   sent nothing.
/// - The programme declares no finance: no financial flag.
#[test]
fn the_mini_programmes_red_flags_are_the_datas() {
    let (flags, _) = mini(Lang::En, false);
    let missed: Vec<(&str, &str, &str, &str)> = flags
        .missed_milestones
        .iter()
        .map(|m| {
            (
                m.code.as_str(),
                m.value.as_str(),
                m.milestone.as_str(),
                m.date.as_str(),
            )
        })
        .collect();
    assert_eq!(
        missed,
        [
            ("N1", "4", "5", "30\u{A0}June 2024"),
            ("N8", "40", "50", "30\u{A0}June 2024")
        ]
    );
    assert_eq!(
        flags.missed_milestones[0].text,
        "4 against a milestone of 5 due on 30\u{A0}June 2024"
    );
    let silent = flags.silent.expect("a site sent nothing");
    assert!(silent.text.contains("S2"), "{}", silent.text);
    assert!(
        !silent.text.contains("S1") && !silent.text.contains("S3"),
        "{}",
        silent.text
    );
    assert_eq!(silent.section.target, "cadre-reporting");
    assert_eq!(flags.finance, None);
    // Each flagged indicator points to its result's section (all are "P").
    for code in ["N1", "N8"] {
        let SectionRef { target, name } = &flags.sections[code];
        assert_eq!(target, "cadre-result-P", "{code}");
        assert!(name.starts_with("P — "), "{code}: {name}");
    }
}

/// The summary prints them first, each with the section it points to.
#[test]
fn the_summary_prints_the_red_flags_with_their_sections() {
    let (flags, text) = mini(Lang::Fr, true);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let summary = &text[..text.find("Statut des indicateurs").unwrap_or(text.len())];
    assert!(
        summary.contains("4 pour un jalon de 5 au 30 juin 2024"),
        "{summary}"
    );
    assert!(summary.contains("Remontées manquantes"), "{summary}");
    assert!(summary.contains("S2"), "{summary}");
    let section = &flags.sections["N1"].name;
    assert!(summary.contains(&format!("voir {section}")), "{summary}");
}

/// Terr'ESS in Q4 2025: the financial flags are the statement's (the same
/// sentences), and the summary points to the finance chapter.
#[test]
fn the_financial_flags_point_to_the_finance_chapter() {
    let (data, _) = report(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        "2025-Q4",
        Lang::En,
        false,
    );
    let statement = data.statement.expect("a financial statement");
    assert!(!statement.flags.is_empty());
    let finance = data.summary.red_flags.finance.expect("pointed to");
    assert_eq!(finance.target, "cadre-finance");
    assert_eq!(finance.name, "Financial execution");
}

/// Terr'ESS in Q4 2025: the webinar first planned for 20 November 2025 and
/// postponed (`Évènements`, row 20: `Reporté`, date prévue 20/11/2025) is
/// the one activity due by 31 December and not held: the summary lists it,
/// pointing to the webinars' section (A3), before the indicator statuses.
#[test]
fn the_summary_lists_the_overdue_activities_with_their_section() {
    let (data, text) = report(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        "2025-Q4",
        Lang::Fr,
        true,
    );
    let overdue = data.summary.red_flags.overdue.expect("an overdue webinar");
    assert_eq!(overdue.activities.len(), 1);
    assert_eq!(overdue.activities[0].section.target, "cadre-result-A3");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let summary = &text[..text.find("Statut des indicateurs").unwrap_or(text.len())];
    assert!(summary.contains("Activités en retard"), "{summary}");
    assert!(
        summary.contains(
            "Mesurer l'impact social des politiques d'ESS — prévue le 20 novembre 2025, activité reportée au 29 janvier 2026"
        ),
        "{summary}"
    );
    assert!(
        summary.contains("voir A3 — Action 3 : webinaires thématiques"),
        "{summary}"
    );
    // The mini programme's activities have no status: no such point.
    let (flags, _) = mini(Lang::En, false);
    assert_eq!(flags.overdue, None);
}
