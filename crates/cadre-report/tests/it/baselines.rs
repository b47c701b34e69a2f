//! Baselines that count, as the runner shows them, on the compute case
//! `tests/compute/cases/baselines` (its programme sets
//! `[indicator_defaults] stock = true, achievement = "from_baseline"`):
//! explain's sum for a stock and its achievement from the baseline, the
//! baseline's date in the report and the IATI export, the methods annex.

use std::path::{Path, PathBuf};

use cadre::{Engine, Lang, Period, Programme};
use cadre_report::report::{ReportOptions, report_data};
use chrono::{NaiveDate, NaiveDateTime};

fn case() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/compute/cases/baselines")
}

fn loaded() -> (Programme, cadre::Data) {
    let p = Programme::load(case().join("programme")).unwrap_or_else(|e| panic!("{e}"));
    let d = cadre::ingest(&p, case().join("data")).unwrap_or_else(|e| panic!("{e}"));
    (p, d)
}

fn q4(p: &Programme) -> Period {
    Period::parse("2024-Q4", p.info.calendar(), p.info.end).unwrap()
}

#[test]
fn explain_traces_a_stock_and_an_achievement_from_the_baseline() {
    let (p, d) = loaded();
    let engine = Engine::new(&p, &d);
    let period = q4(&p);
    let text = |code: &str, lang| {
        let e = engine.explain(code, &period).unwrap();
        cadre_report::explain_text::render(&e, &period, lang)
    };
    // S1: 10 workshops before the programme, 5 counted since.
    let s1 = text("S1", Lang::En);
    assert!(s1.contains("  counted: 5\n"), "{s1}");
    assert!(
        s1.contains("  cumulative: baseline 10 + counted 5 = 15\n"),
        "{s1}"
    );
    assert!(
        s1.contains("  baseline: 10 (measured on 2023-12-31)\n"),
        "{s1}"
    );
    assert!(
        s1.contains("  achievement: (15 − 10) / (20 − 10) × 100 = 50 %\n"),
        "{s1}"
    );
    let fr = text("S1", Lang::Fr);
    assert!(fr.contains("référence 10 + compté 5 = 15"), "{fr}");
    // S2 is a stock measured of its target: no achievement line from the
    // baseline, and no date for its baseline.
    let s2 = text("S2", Lang::En);
    assert!(s2.contains("baseline 10 + counted 5 = 15"), "{s2}");
    assert!(s2.contains("  baseline: 10\n"), "{s2}");
    assert!(!s2.contains("× 100 = 75 %"), "{s2}");
    // S3 is not a stock: its cumulative value is what was counted.
    let s3 = text("S3", Lang::En);
    assert!(
        !s3.contains("+ counted") && s3.contains("  cumulative: 5\n"),
        "{s3}"
    );
    assert!(
        s3.contains("  achievement: (5 − 2) / (12 − 2) × 100 = 30 %\n"),
        "{s3}"
    );
    // From 45 down to 30: the value 30 is all the way.
    let l1 = text("L1", Lang::En);
    assert!(l1.contains("(30 − 45) / (30 − 45) × 100 = 100 %"), "{l1}");
    // The json explanation carries the date and the rule.
    let json = serde_json::to_value(engine.explain("S1", &period).unwrap()).unwrap();
    assert_eq!(json["baseline_date"], "2023-12-31");
    assert_eq!(json["from_baseline"], true);
    assert_eq!(json["indicator"]["stock_counted"], 5.0);
}

#[test]
fn the_report_prints_the_baseline_date_and_states_the_rules() {
    let (p, d) = loaded();
    let engine = Engine::new(&p, &d);
    let period = q4(&p);
    let table = engine.compute(&period).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let issued = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
    for (lang, date, stock, from_baseline) in [
        (
            Lang::En,
            "31\u{A0}December 2023",
            "The value is the baseline plus what was counted since",
            "Achievement is measured from the baseline: (value − baseline) / (target − baseline)",
        ),
        (
            Lang::Fr,
            "31\u{A0}décembre 2023",
            "La valeur est la valeur de référence plus ce qui a été compté depuis",
            "La réalisation se mesure depuis la valeur de référence",
        ),
    ] {
        let options = ReportOptions::new(root.join("report_templates/quarterly"), lang, issued);
        let data = report_data(&engine, &table, &options).unwrap();
        let json = serde_json::to_value(&data).unwrap();
        let text = json.to_string();
        assert!(
            text.contains(&format!("10 ({date})")),
            "{lang}: no dated baseline"
        );
        let method = |code: &str| {
            let m = data.methodology.iter().find(|m| m.code == code).unwrap();
            m.formula
                .iter()
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        let (s1, s2, s3, l1) = (method("S1"), method("S2"), method("S3"), method("L1"));
        assert!(s1.contains(stock) && s1.contains(from_baseline), "{s1}");
        assert!(s2.contains(stock) && !s2.contains(from_baseline), "{s2}");
        assert!(!s3.contains(stock) && s3.contains(from_baseline), "{s3}");
        assert!(!l1.contains(stock) && l1.contains(from_baseline), "{l1}");
        let baseline = |code: &str| {
            data.methodology
                .iter()
                .find(|m| m.code == code)
                .unwrap()
                .baseline
                .clone()
        };
        assert_eq!(baseline("S1"), format!("10 ({date})"));
        assert_eq!(baseline("S2"), "10");
        // The status rules state both, once.
        let rules: Vec<&str> = data.status_rules.iter().map(|r| r.text.as_str()).collect();
        let (stock_rule, achievement_rule) = match lang {
            Lang::Fr => (
                "Un stock",
                "la réalisation se mesure depuis la valeur de référence",
            ),
            _ => ("A stock", "achievement is measured from the baseline"),
        };
        assert_eq!(
            rules.iter().filter(|r| r.starts_with(stock_rule)).count(),
            1,
            "{rules:?}"
        );
        assert_eq!(
            rules
                .iter()
                .filter(|r| r.contains(achievement_rule))
                .count(),
            1,
            "{rules:?}"
        );
        // A level measured from its baseline is read by that achievement,
        // not by its gap to the target: L2 is 41.7 % of the way from 20 to 44.
        let l2 = data.indicators.iter().find(|i| i.code == "L2").unwrap();
        let text = l2.figure.text.clone().unwrap();
        assert!(
            text.starts_with("41") && text.contains('7') && text.ends_with('%'),
            "{text}"
        );
        assert_eq!(
            l2.figure.label,
            if lang == Lang::Fr {
                "Réalisation"
            } else {
                "Achievement"
            }
        );
        assert_eq!(l2.achievement.as_deref(), Some(text.as_str()));
    }
}

#[test]
fn iati_dates_the_baseline_by_its_date_else_the_start() {
    let (p, d) = loaded();
    let engine = Engine::new(&p, &d);
    let tables = vec![engine.compute(&q4(&p)).unwrap()];
    let generated: NaiveDateTime = NaiveDate::from_ymd_opt(2025, 1, 15)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let xml = cadre_report::iati::iati_xml(&p, &tables, generated);
    assert!(
        xml.contains(r#"<baseline year="2023" iso-date="2023-12-31" value="10"/>"#),
        "{xml}"
    );
    // A stock's values hold its baseline: not to be summed across periods.
    let indicator = |label: &str| {
        xml.split("<indicator ")
            .find(|chunk| chunk.contains(label))
            .unwrap_or_else(|| panic!("{label}: {xml}"))
            .to_owned()
    };
    let s1 = indicator("Ateliers en tout, depuis avant le programme");
    assert!(
        s1.starts_with(r#"measure="1" ascending="1" aggregation-status="0""#),
        "{s1}"
    );
    let s3 = indicator("Ateliers du programme");
    assert!(
        s3.starts_with(r#"measure="1" ascending="1" aggregation-status="1""#),
        "{s3}"
    );
    // S2 gives no date: the programme's start.
    assert!(
        xml.contains(r#"<baseline year="2024" iso-date="2024-01-01" value="10"/>"#),
        "{xml}"
    );
}
