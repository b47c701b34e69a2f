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

/// An example's report data for a period, with the engine and table behind
/// it.
fn example_data(
    programme: &str,
    workbook: &str,
    period: &str,
    lang: Lang,
) -> (Example, cadre_report::report::ReportData) {
    let programme = cadre::Programme::load(repo().join(programme)).unwrap();
    let data = cadre::ingest(&programme, repo().join(workbook)).unwrap();
    let period =
        cadre::Period::parse(period, programme.info.calendar(), programme.info.end).unwrap();
    let report = {
        let engine = cadre::Engine::new(&programme, &data);
        let table = engine.compute(&period).unwrap();
        let options =
            ReportOptions::new(repo().join("report_templates/quarterly"), lang, period.end);
        report_data(&engine, &table, &options).unwrap()
    };
    (
        Example {
            programme,
            data,
            period,
        },
        report,
    )
}

/// Every example's charts, in both languages: Terr'ESS at the end of 2025
/// and over the whole programme (its last point on the axis's right end),
/// eau in mid-2026, petite-enfance at the end of 2025.
fn every_example() -> Vec<(String, Example, cadre_report::report::ReportData)> {
    let mut out = Vec::new();
    for (programme, workbook, period) in [
        (
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "2025-Q4",
        ),
        (
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "project",
        ),
        ("indicators/eau", "examples/eau/eau.xlsx", "2026-Q2"),
        (
            "indicators/petite-enfance",
            "examples/petite-enfance/petite-enfance.xlsx",
            "2025-Q4",
        ),
    ] {
        for lang in Lang::ALL {
            let (e, d) = example_data(programme, workbook, period, lang);
            out.push((format!("{programme} {period} {lang}"), e, d));
        }
    }
    out
}

/// A number as the report prints it in `lang` (`12,4`, `39,2 %`, `1 000`;
/// `1,000.5`), read back.
fn read_number(s: &str, lang: Lang) -> f64 {
    let s: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '\u{2212}' | '-'))
        .filter(|c| !(lang == Lang::En && *c == ','))
        .map(|c| match c {
            ',' => '.',
            '\u{2212}' => '-',
            c => c,
        })
        .collect();
    s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

/// A2.2 (a running mean of authorities per video conference) and A3.3 (a
/// share of women since the start) hide their drops in their line: each
/// quarter's bar is that quarter's own value, which the engine gives for a
/// period of that quarter alone; the scale is round and holds every value;
/// the last value and the target are labelled.
///
/// Scales, by hand: A2.2 shows values up to 15 (its target, and 2025-Q3's
/// own mean), a quarter of which is 3.75, rounded up to a step of 1, 2,
/// 2.5 or 5 times a power of ten: 5; ticks 0, 5, 10, 15. A3.3's largest
/// value is 47.1 % (2025-Q1, alone and since the start), a quarter of which
/// is 11.8, rounded up to a step of 20: ticks 0, 20, 40, 60 % (its scale
/// is its values', not 100 %: a share of 40 % fills two thirds of it).
#[test]
fn a_drop_shows_in_the_quarters_bars_of_a2_2_and_a3_3() {
    let e = terress();
    let engine = cadre::Engine::new(&e.programme, &e.data);
    let table = engine.compute(&e.period).unwrap();
    let options = ReportOptions::new(
        repo().join("report_templates/quarterly"),
        Lang::En,
        e.period.end,
    );
    let data = report_data(&engine, &table, &options).unwrap();
    let quarters = cadre::history::points(e.programme.info.start, &e.period);
    for (code, ticks, target) in [
        ("A2.2", vec!["0", "5", "10", "15"], "target 15"),
        ("A3.3", vec!["0%", "20%", "40%", "60%"], "target 40%"),
    ] {
        let i = data.indicators.iter().find(|i| i.code == code).unwrap();
        let p = &i.progress;
        let got: Vec<String> = p
            .axis
            .ticks
            .iter()
            .map(|t| t.label.replace('\u{A0}', ""))
            .collect();
        assert_eq!(got, ticks, "{code}");
        let top = read_number(ticks.last().unwrap(), Lang::En);
        for (k, t) in p.axis.ticks.iter().enumerate() {
            assert!(
                (t.y - k as f64 / (ticks.len() - 1) as f64).abs() < 1e-4,
                "{code}"
            );
        }
        // Each quarter's bar: the quarter's own value, computed apart.
        let mut own = Vec::new();
        for (q, point) in quarters.iter().zip(&p.points) {
            let alone = cadre::Period {
                label: q.quarter.label.clone(),
                start: q.quarter.start,
                end: q.end,
            };
            let v = engine.compute_indicator(code, &alone).unwrap().period_value;
            assert_eq!(
                point.own.as_ref().map(|s| read_number(s, Lang::En)),
                v.map(|v| (v * 10.0).round() / 10.0),
                "{code} {}",
                q.quarter.label
            );
            // No bar where the quarter has no value of its own (A3.3
            // before its first webinar).
            assert_eq!(point.bar.is_some(), v.is_some(), "{code}");
            if let (Some(bar), Some(v)) = (point.bar, v) {
                assert!((bar - v / top).abs() < 1e-3, "{code}: {bar}");
                own.push(v);
            }
            assert!(
                point.bar_x0 < point.bar_x1 && point.bar_x1 <= point.x,
                "{code}"
            );
        }
        // The last quarter dropped further on its own than the line did.
        let n = own.len();
        let line = |k: usize| read_number(p.points[k].value.as_deref().unwrap(), Lang::En);
        let m = p.points.len();
        assert!(own[n - 1] < own[n - 2], "{code}: {own:?}");
        assert!(
            own[n - 2] - own[n - 1] > line(m - 2) - line(m - 1),
            "{code}"
        );
        // The labels: the last value in bold, the target by its line.
        let texts: Vec<(&str, bool)> = p.labels.iter().map(|l| (l.text.as_str(), l.bold)).collect();
        assert_eq!(
            texts,
            [
                (i.cumulative_value.as_deref().unwrap(), true),
                (target, false)
            ],
            "{code}"
        );
        // The alternative text gives each quarter's own value too.
        for q in &p.points {
            assert!(
                p.alt.contains(&format!(
                    "{} ({})",
                    q.own.as_deref().unwrap_or("no value"),
                    q.label
                )),
                "{}",
                p.alt
            );
        }
    }
}

/// Whether the segment from `a` to `b` passes through the box, walked in
/// small steps (independent of the clipping the report uses).
fn segment_hits(a: (f64, f64), b: (f64, f64), x0: f64, y0: f64, x1: f64, y1: f64) -> bool {
    (0..=400).any(|k| {
        let t = k as f64 / 400.0;
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        x > x0 && x < x1 && y > y0 && y < y1
    })
}

/// No data label of any example's chart covers a line (the target or
/// ceiling, the values' line, the outlook's), a milestone's mark, a point or
/// another label, and each stays in the chart's frame; the target's label
/// names a ceiling a ceiling.
#[test]
fn no_label_covers_a_line_on_any_chart() {
    use cadre_report::report::progress::{MILESTONE_MARK, POINT_MARK};
    let mut labelled = 0;
    for (name, _, data) in every_example() {
        for i in &data.indicators {
            let p = &i.progress;
            let (w, h) = (p.frame.width, p.frame.height);
            let pt = |x: f64, y: f64| (x * w, y * h);
            let line: Vec<(f64, f64)> = p
                .points
                .iter()
                .filter_map(|q| q.y.map(|y| pt(q.x, y)))
                .collect();
            let mut segments: Vec<((f64, f64), (f64, f64))> =
                line.windows(2).map(|s| (s[0], s[1])).collect();
            if let (Some(fc), Some(last)) = (&p.forecast, line.last()) {
                segments.push((*last, pt(fc.x, fc.y)));
            }
            if let Some(t) = p.target.y {
                segments.push((pt(0.0, t), pt(1.0, t)));
            }
            let mut marks: Vec<(f64, f64, f64)> =
                line.iter().map(|&(x, y)| (x, y, POINT_MARK)).collect();
            marks.extend(
                p.milestones
                    .iter()
                    .map(|m| (m.x * w, m.y * h, MILESTONE_MARK)),
            );
            let boxes: Vec<(f64, f64, f64, f64)> = p
                .labels
                .iter()
                .map(|l| (l.x * w, l.y * h, (l.x + l.w) * w, (l.y + l.h) * h))
                .collect();
            for (k, (l, &(x0, y0, x1, y1))) in p.labels.iter().zip(&boxes).enumerate() {
                let at = format!(
                    "{name} {}: label {:?} at {:?}",
                    i.code,
                    l.text,
                    (x0, y0, x1, y1)
                );
                assert!(
                    x0 >= -0.01
                        && x1 <= w + 0.01
                        && y0 >= -0.01
                        && y1 <= h + p.frame.headroom + 0.01,
                    "{at} leaves the frame"
                );
                for (a, b) in &segments {
                    assert!(
                        !segment_hits(*a, *b, x0 - 0.4, y0 - 0.4, x1 + 0.4, y1 + 0.4),
                        "{at} covers a line {a:?}–{b:?}"
                    );
                }
                for (mx, my, r) in &marks {
                    assert!(
                        !(mx + r > x0 && mx - r < x1 && my + r > y0 && my - r < y1),
                        "{at} covers a mark at {:?}",
                        (mx, my)
                    );
                }
                for (o0, p0, o1, p1) in &boxes[k + 1..] {
                    assert!(
                        !(*o0 < x1 && x0 < *o1 && *p0 < y1 && y0 < *p1),
                        "{at} covers another label"
                    );
                }
                labelled += 1;
            }
            if p.target.y.is_some() {
                let word = match (i.ceiling, data.lang) {
                    (true, Lang::Fr) => "plafond ",
                    (true, _) => "ceiling ",
                    (false, Lang::Fr) => "cible ",
                    (false, _) => "target ",
                };
                assert!(
                    p.labels
                        .iter()
                        .any(|l| l.text == format!("{word}{}", p.target.value)),
                    "{name} {}",
                    i.code
                );
            }
        }
    }
    assert!(labelled > 100, "{labelled} labels only");
}

/// The tracking table's next milestone: the earliest milestone of the
/// definitions dated after the period's end, with its date (a stage's
/// `stage_milestones` for one stage overall, printed as its stage); none
/// when every milestone is due. Some indicator of the examples has one,
/// some none, and a stage one.
#[test]
fn the_next_milestone_is_the_first_after_the_period() {
    let (mut with, mut without, mut stages) = (0, 0, 0);
    for (name, e, data) in every_example() {
        let f = cadre_report::report::format::Formatter::new(data.lang);
        for i in &data.indicators {
            let def = (e.programme.indicators.iter())
                .find(|d| d.code == i.code)
                .unwrap();
            // Each milestone's date, and its value unless it is a stage.
            let defined: Vec<(chrono::NaiveDate, Option<f64>)> = match &def.measure {
                cadre::measure::Measure::Stage(s) if s.per.is_none() => (s.stage_milestones.iter())
                    .map(|m| (m.date, None))
                    .collect(),
                _ => (def.milestones.iter())
                    .map(|m| (m.date, Some(m.value)))
                    .collect(),
            };
            let mut later: Vec<_> = (defined.into_iter())
                .filter(|m| m.0 > e.period.end)
                .collect();
            later.sort_by_key(|m| m.0);
            let at = format!("{name} {}", i.code);
            match later.first() {
                Some((date, value)) => {
                    with += 1;
                    assert_eq!(
                        i.next_milestone_date.as_deref(),
                        Some(f.date(*date).as_str()),
                        "{at}"
                    );
                    let printed = i.next_milestone.as_deref().unwrap();
                    match value {
                        Some(v) => assert!(
                            (read_number(printed, data.lang) - v).abs() < 0.05,
                            "{at}: {printed}"
                        ),
                        None => {
                            stages += 1;
                            assert!(
                                !printed.chars().any(|c| c.is_ascii_digit()),
                                "{at}: {printed}"
                            );
                        }
                    }
                }
                None => {
                    without += 1;
                    assert_eq!(i.next_milestone, None, "{at}");
                    assert_eq!(i.next_milestone_date, None, "{at}");
                }
            }
        }
    }
    assert!(
        with > 0 && without > 0 && stages > 0,
        "{with} with, {without} without, {stages} stages"
    );
}
