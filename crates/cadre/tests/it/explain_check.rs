//! Tracing a value back to rows (`explain`) and checking a claimed table
//! against the data (`check`), on the mini programme of the computation tests.

use std::path::{Path, PathBuf};

use cadre::explain::Exclusion;
use cadre::indicator::Measure;
use cadre::table::RatioParts;
use cadre::{Data, Engine, Period, Programme};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mini() -> (Programme, Data) {
    let p = Programme::load(repo().join("tests/compute/programme")).unwrap();
    let d = cadre::ingest(&p, repo().join("tests/compute/cases/mini/data")).unwrap();
    (p, d)
}

fn q2(p: &Programme) -> Period {
    Period::parse(
        "2024-Q2",
        p.info.calendar(),
        chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
    )
    .unwrap()
}

#[test]
fn explain_lists_counted_and_excluded_rows() {
    let (p, d) = mini();
    let e = Engine::new(&p, &d).explain("N3", &q2(&p)).unwrap();
    assert_eq!(e.indicator.cumulative_value, Some(7.0));
    let part = &e.parts[0];
    assert_eq!(part.role, cadre::explain::Role::Rows);
    let rows: Vec<u32> = part.rows.iter().map(|r| r.row).collect();
    // Presences at workshops held by 30 June: sheet rows 2-6 (A1, A2) and 10-11 (A4).
    assert_eq!(rows, [2, 3, 4, 5, 6, 10, 11]);
    let in_period: Vec<u32> = part
        .rows
        .iter()
        .filter(|r| r.in_period)
        .map(|r| r.row)
        .collect();
    assert_eq!(in_period, [10, 11]);
    // Visits are left out by the filter.
    let excluded: Vec<(u32, Exclusion)> = part.excluded.iter().map(|x| (x.row, x.reason)).collect();
    assert_eq!(
        excluded,
        [
            (7, Exclusion::Filter),
            (8, Exclusion::Filter),
            (9, Exclusion::Filter),
            (12, Exclusion::Filter)
        ]
    );
    // Files go by their name below the folder given, never a path of the machine.
    assert_eq!(
        part.sheets,
        [cadre::explain::SheetRef {
            file: "data/presences.csv".into(),
            sheet: "presences".into()
        }]
    );
    assert!(part.rows.iter().all(|r| r.file == "data/presences.csv"));
}

#[test]
fn explain_a_distinct_count_lists_its_values_and_later_rows() {
    let (p, d) = mini();
    let e = Engine::new(&p, &d).explain("N2", &q2(&p)).unwrap();
    assert_eq!(
        e.parts[0].distinct_values.as_deref(),
        Some(&["S1".to_owned(), "S2".to_owned(), "S3".to_owned()][..])
    );
    let e = Engine::new(&p, &d)
        .explain(
            "N1",
            &Period::parse("2024-Q1", p.info.calendar(), p.info.end).unwrap(),
        )
        .unwrap();
    let after: Vec<(u32, Option<String>)> = e.parts[0]
        .excluded
        .iter()
        .filter(|x| x.reason == Exclusion::AfterEnd)
        .map(|x| (x.row, x.key.clone()))
        .collect();
    assert_eq!(after, [(6, Some("A4".to_owned()))]);
}

#[test]
fn explain_a_share_gives_numerator_and_denominator() {
    let (p, d) = mini();
    let e = Engine::new(&p, &d).explain("N5", &q2(&p)).unwrap();
    assert_eq!(e.scale, Some(100.0));
    let (num, den) = (&e.parts[0], &e.parts[1]);
    assert_eq!(
        (num.role, num.cumulative_figure),
        (cadre::explain::Role::Numerator, Some(4.0))
    );
    assert_eq!(
        (den.role, den.cumulative_figure),
        (cadre::explain::Role::Denominator, Some(6.0))
    );
    assert_eq!(num.rows.len(), 4);
    assert_eq!(
        den.rows.len(),
        6,
        "the presence with no gender is not in the denominator"
    );
    // The value carries the figures it divides, the same as explain's.
    assert_eq!(
        e.indicator.cumulative_parts,
        Some(RatioParts {
            numerator: Some(4.0),
            denominator: Some(6.0)
        })
    );
    assert_eq!(
        e.indicator
            .period_parts
            .map(|p| (p.numerator, p.denominator)),
        Some((num.period_figure, den.period_figure))
    );
    assert_eq!(
        serde_json::to_value(&num.aggregate).unwrap(),
        serde_json::json!({ "kind": "count_where", "condition": "genre = 'F'" })
    );
}

#[test]
fn ratio_parts_add_up_over_categories_and_single_measures_have_none() {
    let (p, d) = mini();
    let table = Engine::new(&p, &d).compute(&q2(&p)).unwrap();
    let mut shares = 0;
    for iv in &table.indicators {
        match iv.measure.as_str() {
            "share" | "ratio" => {
                shares += 1;
                let total = iv.cumulative_parts.expect("a ratio has parts");
                for b in &iv.breakdowns {
                    // Counts and sums add up: the categories' numerators are the total's.
                    let sum: f64 = b
                        .categories
                        .iter()
                        .map(|c| c.cumulative_parts.and_then(|p| p.numerator).unwrap_or(0.0))
                        .sum();
                    assert_eq!(Some(sum), total.numerator, "{} by {}", iv.code, b.by);
                }
                let scale = match &p.indicator(&iv.code).unwrap().measure {
                    Measure::Share(share) => share.scale,
                    Measure::Ratio(ratio) => ratio.scale,
                    other => panic!("{}: {}", iv.code, other.type_name()),
                };
                if let (Some(v), Some(n), Some(den)) =
                    (iv.cumulative_value, total.numerator, total.denominator)
                {
                    assert!((v - n / den * scale).abs() < 1e-9, "{}", iv.code);
                }
            }
            _ => {
                assert_eq!(iv.cumulative_parts, None, "{}", iv.code);
                assert_eq!(iv.period_parts, None, "{}", iv.code);
            }
        }
    }
    assert!(shares > 0, "the mini programme has a share");
}

#[test]
fn explain_an_unknown_code_is_an_error() {
    let (p, d) = mini();
    let err = Engine::new(&p, &d).explain("N99", &q2(&p)).unwrap_err();
    assert!(
        matches!(err, cadre::Error::UnknownIndicator { .. }),
        "{err}"
    );
}

#[test]
fn check_finds_exactly_the_wrong_number() {
    let (p, d) = mini();
    let table = Engine::new(&p, &d).compute(&q2(&p)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("table.csv");
    let mut csv = Vec::new();
    table.write_csv(&mut csv).unwrap();
    std::fs::write(&path, &csv).unwrap();
    let claimed = cadre::check::read_table_csv(&path).unwrap();
    assert!(
        cadre::check::compare(&claimed, &table).is_empty(),
        "a table agrees with itself"
    );

    let wrong = String::from_utf8(csv)
        .unwrap()
        .replace("N3,genre,H,1,2,,,,", "N3,genre,H,1,3,,,,");
    std::fs::write(&path, wrong).unwrap();
    let claimed = cadre::check::read_table_csv(&path).unwrap();
    let diffs = cadre::check::compare(&claimed, &table);
    assert_eq!(diffs.len(), 1, "{diffs:#?}");
    let d = &diffs[0];
    assert_eq!(
        (
            d.indicator.as_str(),
            d.breakdown.as_str(),
            d.category.as_str(),
            d.field.as_str(),
            d.claimed.as_str(),
            d.recomputed.as_str()
        ),
        ("N3", "genre", "H", "cumulative_value", "3", "2")
    );
}

#[test]
fn check_reports_missing_and_extra_rows_and_statuses() {
    let (p, d) = mini();
    let table = Engine::new(&p, &d).compute(&q2(&p)).unwrap();
    let mut rows = table.flat_rows();
    rows.retain(|r| !(r.indicator == "N6" && r.category == "P2"));
    rows[0].status = Some(cadre::Status::OffTrack);
    let mut extra = rows[1].clone();
    extra.indicator = "N42".into();
    rows.push(extra);
    let diffs = cadre::check::compare(&rows, &table);
    let fields: Vec<(&str, &str)> = diffs
        .iter()
        .map(|d| (d.indicator.as_str(), d.field.as_str()))
        .collect();
    assert_eq!(fields, [("N4", "status"), ("N6", "row"), ("N42", "row")]);
}

/// An indicator polars refuses to compute (a cast the data cannot take,
/// which the empty frame of the load checks could) names the indicator and
/// the file and line of its definition, in either language.
#[test]
fn a_compute_error_names_the_definition_s_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/compute/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml", "indicators/mini.toml"] {
        let text = std::fs::read_to_string(src.join(f)).unwrap().replacen(
            "filter = \"type = 'atelier'\"",
            "filter = \"CAST(type AS INTEGER) > 0\"",
            1,
        );
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    let p = Programme::load(dir.path()).unwrap();
    let d = cadre::ingest(&p, repo().join("tests/compute/cases/mini/data")).unwrap();
    let e = Engine::new(&p, &d)
        .compute_indicator("N1", &q2(&p))
        .unwrap_err();
    let cadre::Error::Compute { defined_at, .. } = &e else {
        panic!("{e:?}");
    };
    let at = defined_at.as_ref().expect("where N1 is defined");
    assert!(at.path.ends_with("indicators/mini.toml"), "{at:?}");
    // `code = "N1"` is on line 5 of the mini indicators.
    assert_eq!(at.line, Some(5));
    let place = format!("{}:5", at.path.display());
    let en = e.message(cadre::Lang::En);
    assert!(en.starts_with(&format!("{place}: indicator N1: ")), "{en}");
    let fr = e.message(cadre::Lang::Fr);
    assert!(
        fr.starts_with(&format!(
            "{place} : indicateur N1 : calcul refusé par polars"
        )),
        "{fr}"
    );
}

/// A table with period targets and category targets reads back as itself,
/// and a wrong period target or category status is found.
#[test]
fn check_reads_period_and_category_targets_back() {
    let cases = repo().join("tests/compute/cases");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("table.csv");
    let read = |programme: &str, period: &str, edit: &dyn Fn(String) -> String| {
        let p = Programme::load(cases.join(programme).join("programme")).unwrap();
        let d = cadre::ingest(&p, cases.join(programme).join("data")).unwrap();
        let period = Period::parse(period, p.info.calendar(), p.info.end).unwrap();
        let table = Engine::new(&p, &d).compute(&period).unwrap();
        let mut csv = Vec::new();
        table.write_csv(&mut csv).unwrap();
        std::fs::write(&path, edit(String::from_utf8(csv).unwrap())).unwrap();
        let claimed = cadre::check::read_table_csv(&path).unwrap();
        cadre::check::compare(&claimed, &table)
            .into_iter()
            .map(|d| (d.indicator, d.category, d.field, d.claimed, d.recomputed))
            .collect::<Vec<_>>()
    };
    let same = |t: String| t;
    assert_eq!(read("period_targets", "2024-Q2", &same), []);
    assert_eq!(read("category_targets", "2024-Q4", &same), []);
    let s = |v: &str| v.to_owned();
    assert_eq!(
        read("period_targets", "2024-Q2", &|t| t.replace(
            "PT1,,,3,4,,10,40,on_track,4,75",
            "PT1,,,3,4,,10,40,on_track,5,75"
        )),
        [(s("PT1"), s(""), s("period_target"), s("5"), s("4"))]
    );
    assert_eq!(
        read("category_targets", "2024-Q4", &|t| t.replace(
            "CT3,genre,H,1,2,,1,200,off_track",
            "CT3,genre,H,1,2,,1,200,on_track"
        )),
        [(s("CT3"), s("H"), s("status"), s("on_track"), s("off_track"))]
    );
}
