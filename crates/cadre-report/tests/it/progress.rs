//! Progress over time: each indicator's cumulative value at the end of every
//! quarter, in the report data and as a chart with its alternative text in
//! the PDF.

use std::path::{Path, PathBuf};

use cadre::Lang;
use cadre_report::report::{ReportOptions, render, report_data};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Example {
    programme: cadre::Programme,
    data: cadre::Data,
    period: cadre::Period,
}

fn terress() -> Example {
    let programme = cadre::Programme::load(repo().join("indicators/terress")).unwrap();
    let data = cadre::ingest(&programme, repo().join("examples/terress/terress.xlsx")).unwrap();
    let period =
        cadre::Period::parse("2025-Q4", programme.info.calendar(), programme.info.end).unwrap();
    Example {
        programme,
        data,
        period,
    }
}

#[test]
fn every_indicator_has_a_point_per_quarter_ending_on_its_cumulative_value() {
    let e = terress();
    let engine = cadre::Engine::new(&e.programme, &e.data);
    let table = engine.compute(&e.period).unwrap();
    let history = engine.history(&e.period).unwrap();
    let quarters: Vec<&str> = history
        .points
        .iter()
        .map(|p| p.quarter.label.as_str())
        .collect();
    assert_eq!(
        quarters,
        ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    );
    for iv in &table.indicators {
        let series = history.get(&iv.code).unwrap();
        assert_eq!(series.values.len(), 5, "{}", iv.code);
        assert_eq!(series.last(), iv.cumulative_value, "{}", iv.code);
    }
    for (lang, labels) in [
        (Lang::Fr, ["T4", "T1", "T2", "T3", "T4"]),
        (Lang::En, ["Q4", "Q1", "Q2", "Q3", "Q4"]),
    ] {
        let options = ReportOptions::new(
            repo().join("report_templates/quarterly"),
            lang,
            e.period.end,
        );
        let data = report_data(&engine, &table, &options).unwrap();
        assert_eq!(data.indicators.len(), table.indicators.len());
        for i in &data.indicators {
            let p = &i.progress;
            let got: Vec<&str> = p
                .points
                .iter()
                .map(|q| q.label.split('\u{A0}').next().unwrap())
                .collect();
            assert_eq!(got, labels, "{}", i.code);
            assert_eq!(
                p.points.first().unwrap().label,
                format!("{}\u{A0}2024", labels[0])
            );
            let last = p.points.last().unwrap();
            assert_eq!(last.value, i.cumulative_value, "{}", i.code);
            assert_eq!(p.previous, p.points[3].value, "{}", i.code);
            assert_eq!(
                p.change.is_some(),
                p.previous.is_some() && last.value.is_some()
            );
            let xs: Vec<f64> = p.points.iter().map(|q| q.x).collect();
            assert!(xs.windows(2).all(|w| w[0] < w[1]), "{}: {xs:?}", i.code);
            for f in p.points.iter().filter_map(|q| q.y).chain(p.target.y) {
                assert!((0.0..=1.0).contains(&f), "{}: {f}", i.code);
            }
            assert!(
                p.alt.contains(&i.code) && p.alt.contains(&i.target),
                "{}",
                p.alt
            );
        }
    }
}

/// The report reuses the caller's engine (the command's, its prepared rows
/// warm from the table and the quarters): it gives the same report data as
/// a fresh engine that computes everything for the report alone.
#[test]
fn a_warm_engine_gives_the_report_of_a_fresh_one() {
    let e = terress();
    let warm = cadre::Engine::new(&e.programme, &e.data);
    let table = warm.compute(&e.period).unwrap();
    warm.history(&e.period).unwrap();
    let mut options = ReportOptions::new(
        repo().join("report_templates/quarterly"),
        Lang::Fr,
        e.period.end,
    );
    options.evidence = true;
    let given = report_data(&warm, &table, &options).unwrap();
    let fresh = cadre::Engine::new(&e.programme, &e.data);
    let alone = report_data(&fresh, &fresh.compute(&e.period).unwrap(), &options).unwrap();
    assert_eq!(
        serde_json::to_value(&alone).unwrap(),
        serde_json::to_value(&given).unwrap()
    );
}

/// Under PDF/UA-1 every progress chart is a figure with its alternative
/// text (the bars, whose values are printed beside them, are artifacts).
/// The example's narrative is in: its Markdown headings (`##` under a
/// section, `###` below) nest under the report's without a gap, as PDF/UA
/// requires (the PDF was refused: "skipped from heading level 2 to 4").
#[test]
fn every_chart_has_its_alternative_text_in_the_pdf() {
    let e = terress();
    let engine = cadre::Engine::new(&e.programme, &e.data);
    let table = engine.compute(&e.period).unwrap();
    let mut options = ReportOptions::new(
        repo().join("report_templates/quarterly"),
        Lang::En,
        e.period.end,
    );
    options.pdf_standard = Some(cadre_report::report::PdfStandardChoice::Ua1);
    options.narrative = Some(repo().join("examples/terress/narrative"));
    let data = report_data(&engine, &table, &options).unwrap();
    let pdf = render(&engine, &table, &options).unwrap().pdf;
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| lopdf::decode_text_string(a).ok())
        .collect();
    for i in &data.indicators {
        assert!(
            alts.contains(&i.progress.alt),
            "{}: no figure with the alternative text {:?}",
            i.code,
            i.progress.alt
        );
    }
}

/// Each indicator's outlook on the test programme (`tests/compute/programme`,
/// 1 January to 31 December 2024, 366 days) with the mini data set
/// (`tests/compute/cases/mini`), seen at the end of 2024-Q3: 274 days
/// elapsed (91 + 91 + 92), 92 remaining; paces per quarter of 91.3125 days.
///
/// - N3, attendances at workshops, 7 (target 10): 7 + 7 × 92 / 274 =
///   9.3504, stated rounded down, 9: out of reach; needed (10 − 7) ×
///   91.3125 / 92 = 2.9776 → 3; so far 7 × 91.3125 / 274 = 2.3328 → 2.3.
/// - N1, workshops, 4 (target 5): 4 + 4 × 92 / 274 = 5.3431 → 5: within
///   reach; needed 91.3125 / 92 = 0.9925 → 0.99; so far 365.25 / 274 =
///   1.3330 → 1.3.
/// - N2, distinct sites, 3 (target 3): achieved; 3 + 3 × 92 / 274 = 4.0073
///   → 4.
/// - N4 (a mean, a level), N5 (a share, a level), N6 (a ratio): none.
#[test]
fn each_total_states_its_outlook_under_its_chart() {
    let programme = cadre::Programme::load(repo().join("tests/compute/programme")).unwrap();
    let data = cadre::ingest(&programme, repo().join("tests/compute/cases/mini/data")).unwrap();
    let period =
        cadre::Period::parse("2024-Q3", programme.info.calendar(), programme.info.end).unwrap();
    let engine = cadre::Engine::new(&programme, &data);
    let table = engine.compute(&period).unwrap();
    let expected = [
        (
            Lang::Fr,
            [
                "À ce rythme, 9 à la fin (cible 10)\u{A0}: hors d’atteinte\u{A0}; 3 par trimestre nécessaires, 2,3 jusqu’ici.",
                "À ce rythme, 5 à la fin (cible 5)\u{A0}: à portée\u{A0}; 0,99 par trimestre nécessaires, 1,3 jusqu’ici.",
                "Cible 3 atteinte\u{A0}; à ce rythme, 4 à la fin.",
            ],
        ),
        (
            Lang::En,
            [
                "At this pace, 9 by the end (target 10): out of reach; 3 a quarter needed, 2.3 so far.",
                "At this pace, 5 by the end (target 5): within reach; 0.99 a quarter needed, 1.3 so far.",
                "Target 3 reached; at this pace, 4 by the end.",
            ],
        ),
    ];
    for (lang, [n3, n1, n2]) in expected {
        let options =
            ReportOptions::new(repo().join("report_templates/quarterly"), lang, period.end);
        let data = report_data(&engine, &table, &options).unwrap();
        let progress = |code: &str| {
            &data
                .indicators
                .iter()
                .find(|i| i.code == code)
                .unwrap()
                .progress
        };
        for (code, sentence) in [("N3", n3), ("N1", n1), ("N2", n2)] {
            let p = progress(code);
            let fc = p.forecast.as_ref().expect(code);
            assert_eq!(fc.sentence, sentence, "{code}");
            // The alternative text says it too, after the chart's values.
            assert!(p.alt.ends_with(&format!(" {sentence}")), "{}", p.alt);
        }
        // N3's dashed line reaches the programme's last day below the top.
        let fc = progress("N3").forecast.as_ref().unwrap();
        assert_eq!(fc.verdict, cadre::outlook::Verdict::OutOfReach);
        assert_eq!(fc.x, 1.0);
        assert!(fc.y < 1.0 && fc.y > progress("N3").points.last().unwrap().y.unwrap());
        for code in ["N4", "N5", "N6"] {
            assert!(progress(code).forecast.is_none(), "{code}");
        }
    }
    // At the programme's end the values are final: no outlook.
    let last =
        cadre::Period::parse("2024-Q4", programme.info.calendar(), programme.info.end).unwrap();
    let table = engine.compute(&last).unwrap();
    let options = ReportOptions::new(
        repo().join("report_templates/quarterly"),
        Lang::En,
        last.end,
    );
    let data = report_data(&engine, &table, &options).unwrap();
    assert!(
        data.indicators
            .iter()
            .all(|i| i.progress.forecast.is_none())
    );
}
