//! The methods in words (a filter's label printed, its expression in the
//! "as computed" line), the period as people write it, and the evidence
//! annex (`--evidence`): exactly the rows `explain` gives.

use std::collections::BTreeSet;
use std::path::Path;

use cadre::Lang;
use cadre_report::report::methodology::Segment;
use cadre_report::report::{ReportData, ReportOptions, report_data};
use chrono::NaiveDate;

const ROOT: &str = "../..";

fn terress(lang: Lang, period: &str, evidence: bool) -> ReportData {
    let root = Path::new(ROOT);
    let p = cadre::Programme::load(root.join("indicators/terress")).expect("programme");
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).expect("workbook");
    let period = cadre::Period::parse(period, p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(&p, &d);
    let t = engine.compute(&period).expect("compute");
    let issued = NaiveDate::from_ymd_opt(2026, 1, 15).expect("date");
    let mut options = ReportOptions::new(root.join("report_templates/quarterly"), lang, issued);
    options.evidence = evidence;
    report_data(&engine, &t, &options).expect("report data")
}

fn joined(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.as_str()).collect()
}

/// The words of a formula, its code (column names, expressions) left out.
fn prose(segments: &[Segment]) -> String {
    segments
        .iter()
        .filter(|s| !s.code)
        .map(|s| s.text.as_str())
        .collect()
}

#[test]
fn a_labelled_filter_is_printed_by_its_label_and_computed_as_written() {
    for (lang, label) in [
        (Lang::Fr, "dispositifs adoptés"),
        (Lang::En, "schemes adopted"),
    ] {
        let data = terress(lang, "2025-Q4", false);
        let m = data
            .methodology
            .iter()
            .find(|m| m.code == "OS1")
            .expect("OS1");
        let formula = joined(&m.formula);
        assert!(formula.contains(label), "{lang}: {formula}");
        assert!(!formula.contains("statut = 'adopte'"), "{lang}: {formula}");
        let computed = joined(&m.computed);
        assert!(computed.contains("statut = 'adopte'"), "{lang}: {computed}");
        assert!(!computed.contains(label), "{lang}: {computed}");
        assert!(
            m.computed
                .iter()
                .any(|s| s.code && s.text == "statut = 'adopte'"),
            "the expression is code"
        );
    }
}

#[test]
fn a_formula_without_label_keeps_its_expressions_and_has_no_computed_line() {
    let data = terress(Lang::En, "2025-Q4", false);
    let t1 = data
        .methodology
        .iter()
        .find(|m| m.code == "T.1")
        .expect("T.1");
    assert!(t1.computed.is_empty());
}

#[test]
fn the_english_methods_have_no_french_words() {
    let data = terress(Lang::En, "2025-Q4", false);
    for m in &data.methodology {
        let words = [prose(&m.formula), m.definition.clone(), m.label.clone()].join(" ");
        for french in [
            "adopté",
            "soumis",
            "Dépenses",
            "validé",
            "webinaire",
            " où ",
        ] {
            assert!(!words.contains(french), "{}: {french} in {words}", m.code);
        }
    }
    for i in &data.indicators {
        let labels = serde_json::to_string(i).expect("json");
        assert!(!labels.contains("financeur = "), "{labels}");
    }
}

#[test]
fn the_period_is_written_as_people_write_it() {
    let cases = [
        (Lang::Fr, "2025-Q4", "T4\u{A0}2025"),
        (Lang::En, "2025-Q4", "Q4\u{A0}2025"),
        (Lang::Fr, "2025-H1", "S1\u{A0}2025"),
        (Lang::En, "2025-H1", "H1\u{A0}2025"),
        (Lang::Fr, "2025-M04", "avril 2025"),
        (Lang::En, "2025-M04", "April 2025"),
        (Lang::En, "2025", "2025"),
    ];
    for (lang, period, written) in cases {
        let data = terress(lang, period, false);
        assert_eq!(data.period.written, written);
        assert_eq!(data.period.label, period, "the label stays for machines");
    }
    let range = terress(Lang::Fr, "2025-03-01..2025-06-30", false);
    assert_eq!(
        range.period.written,
        "1ᵉʳ\u{A0}mars 2025 – 30\u{A0}juin 2025"
    );
}

#[test]
fn the_evidence_lists_exactly_the_rows_explain_gives() {
    let without = terress(Lang::En, "2025-Q4", false);
    assert!(without.evidence.is_none());
    let json = serde_json::to_value(&without).expect("json");
    assert!(json.get("evidence").is_none(), "no annex without the flag");

    let data = terress(Lang::En, "2025-Q4", true);
    let evidence = data.evidence.as_ref().expect("evidence");
    assert_eq!(evidence.len(), data.indicators.len());

    let root = Path::new(ROOT);
    let p = cadre::Programme::load(root.join("indicators/terress")).expect("programme");
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).expect("workbook");
    let period = cadre::Period::parse("2025-Q4", p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(&p, &d);
    for code in ["A3.2", "A1.2", "F.2"] {
        let explanation = engine.explain(code, &period).expect("explain");
        let shown = evidence.iter().find(|e| e.code == code).expect(code);
        assert_eq!(shown.parts.len(), explanation.parts.len(), "{code}");
        // A denominator lists the rows its numerator (same sheet) does not.
        let numerator: BTreeSet<(String, u32)> = explanation
            .parts
            .iter()
            .filter(|p| p.role == cadre::explain::Role::Numerator)
            .flat_map(|p| p.rows.iter().map(|r| (r.sheet.clone(), r.row)))
            .collect();
        for (part, expected) in shown.parts.iter().zip(&explanation.parts) {
            let denominator = expected.role == cadre::explain::Role::Denominator;
            let kept: Vec<&cadre::explain::TracedRow> = expected
                .rows
                .iter()
                .filter(|r| !denominator || !numerator.contains(&(r.sheet.clone(), r.row)))
                .collect();
            let shared = expected.rows.len() - kept.len();
            assert_eq!(part.note.is_some(), shared > 0, "{code}: {}", part.heading);
            if let Some(note) = &part.note {
                assert!(
                    note.contains(&format!("numerator's {shared} rows")),
                    "{note}"
                );
            }
            let rows: BTreeSet<String> = part.rows.iter().map(|r| r.place.clone()).collect();
            let want: BTreeSet<String> = kept.iter().map(|r| r.row.to_string()).collect();
            assert!(!expected.rows.is_empty(), "{code}: a part with rows");
            assert_eq!(rows, want, "{code}: {}", part.heading);
            assert_eq!(part.rows.len(), kept.len(), "{code}: every row listed");
            assert_eq!(part.sheet, expected.sheets[0].sheet);
            let in_period = part.rows.iter().filter(|r| r.in_period).count();
            let want = kept.iter().filter(|r| r.in_period).count();
            assert_eq!(in_period, want, "{code}");
        }
        // F.2 is a share of the same sheet: its numerator's rows are not repeated.
        if code == "F.2" {
            assert!(shown.parts.iter().any(|p| p.note.is_some()), "{code}");
        }
    }
}
