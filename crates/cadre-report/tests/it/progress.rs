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
