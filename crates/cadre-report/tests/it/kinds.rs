//! Each indicator's figures in the form its kind calls for, and the reason
//! an indicator needs attention, on the Terr'ESS report of 2025-Q4: a mean
//! score (a level) by its gap, a ceiling by its margin, a share by its two
//! counts, a total by its achievement; in French and in English.

use std::path::Path;

use cadre::Lang;
use cadre_report::report::data::IndicatorData;
use cadre_report::report::kinds::FigureKind;
use cadre_report::report::{ReportData, ReportOptions, report_data};
use chrono::NaiveDate;

fn terress(lang: Lang) -> ReportData {
    let root = Path::new("../..");
    let p = cadre::Programme::load(root.join("indicators/terress")).expect("programme");
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).expect("workbook");
    let period = cadre::Period::parse("2025-Q4", p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(&p, &d);
    let t = engine.compute(&period).expect("compute");
    let issued = NaiveDate::from_ymd_opt(2026, 1, 15).expect("date");
    let options = ReportOptions::new(root.join("report_templates/quarterly"), lang, issued);
    report_data(&engine, &t, &options).expect("report data")
}

fn indicator<'a>(data: &'a ReportData, code: &str) -> &'a IndicatorData {
    data.indicators
        .iter()
        .find(|i| i.code == code)
        .unwrap_or_else(|| panic!("{code} in the report"))
}

/// What each figure says, in a language: (code, kind, label, text, parts).
type Expected = [(
    &'static str,
    FigureKind,
    &'static str,
    &'static str,
    Option<&'static str>,
); 4];

#[test]
fn each_indicator_shows_the_figure_its_kind_calls_for() {
    let fr: Expected = [
        ("OS2", FigureKind::Level, "Écart à la cible", "+0,2", None),
        (
            "F.2",
            FigureKind::Ceiling,
            "Respect du plafond",
            "respecté, marge 2,9\u{202F}pt",
            Some("148\u{202F}224\u{A0}/ 229\u{202F}440"),
        ),
        (
            "A3.3",
            FigureKind::Level,
            "Écart à la cible",
            "\u{2212}0,8\u{202F}pt",
            Some("51\u{A0}/ 130"),
        ),
        (
            "A3.2",
            FigureKind::Total,
            "Réalisation",
            "45,7\u{202F}%",
            None,
        ),
    ];
    let en: Expected = [
        ("OS2", FigureKind::Level, "Gap to target", "+0.2", None),
        (
            "F.2",
            FigureKind::Ceiling,
            "Against the ceiling",
            "respected, margin 2.9\u{A0}pp",
            Some("148,224 / 229,440"),
        ),
        (
            "A3.3",
            FigureKind::Level,
            "Gap to target",
            "\u{2212}0.8\u{A0}pp",
            Some("51 / 130"),
        ),
        ("A3.2", FigureKind::Total, "Achievement", "45.7%", None),
    ];
    for (lang, expected) in [(Lang::Fr, fr), (Lang::En, en)] {
        let data = terress(lang);
        for (code, kind, label, text, parts) in expected {
            let i = indicator(&data, code);
            assert_eq!(i.figure.kind, kind, "{code} ({lang})");
            assert_eq!(i.figure.label, label, "{code} ({lang})");
            assert_eq!(i.figure.text.as_deref(), Some(text), "{code} ({lang})");
            assert_eq!(i.figure.parts.as_deref(), parts, "{code} ({lang})");
            // Only a total is read as a percentage of its target.
            assert_eq!(
                i.achievement.is_some(),
                kind == FigureKind::Total,
                "{code} ({lang})"
            );
        }
    }
}

#[test]
fn attention_rows_say_why_and_a_level_is_never_behind_a_milestone() {
    for (lang, behind, a22, a33) in [
        (
            Lang::Fr,
            "en retard sur son jalon 150",
            "sous le niveau 15 (\u{2212}2,6)",
            "sous le niveau 40\u{202F}% (\u{2212}0,8\u{202F}pt)",
        ),
        (
            Lang::En,
            "behind its milestone 150",
            "below its level 15 (\u{2212}2.6)",
            "below its level 40% (\u{2212}0.8\u{A0}pp)",
        ),
    ] {
        let data = terress(lang);
        assert!(data.summary.off_track.contains(&"A2.2".to_owned()));
        assert_eq!(indicator(&data, "A3.2").reason.as_deref(), Some(behind));
        let level = indicator(&data, "A2.2");
        assert_eq!(level.milestone, None, "A2.2 has no milestone");
        assert_eq!(level.reason.as_deref(), Some(a22));
        assert_eq!(indicator(&data, "A3.3").reason.as_deref(), Some(a33));
        // Every row of the attention tables has its reason; the heading
        // of the off-track table names no milestone.
        for code in data.summary.off_track.iter().chain(&data.summary.at_risk) {
            assert!(indicator(&data, code).reason.is_some(), "{code} ({lang})");
        }
        let heading = cadre_report::messages::report::ReportWord::OffTrackIntro.text(lang);
        assert!(!heading.contains("jalon") && !heading.contains("milestone"));
        // No reason where nothing needs attention.
        assert_eq!(indicator(&data, "F.2").reason, None);
        // The methodology states the rule of each kind the programme has.
        let kinds: Vec<Option<FigureKind>> = data.status_rules.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [FigureKind::Total, FigureKind::Level, FigureKind::Ceiling].map(Some)
        );
    }
}
