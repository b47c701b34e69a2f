//! The indicator table a report attaches to its PDF: read back by `check
//! --table report.pdf` (exit 0 on the workbook it came from, 1 on another),
//! compared by `report --previous` (restatements when late rows arrive),
//! kept under the archival and accessible PDF standards, and read safely
//! from broken PDFs.
//!
//! The reports here are of the small test programme (`tests/compute`), on
//! a copy of its csv folder: late rows are appended to the copy.

use std::path::{Path, PathBuf};
use std::process::Command;

use cadre::error::TableProblem;
use cadre::restate::EarlierTable;
use cadre_report::attached::{self, TableFile};
use cadre_report::commands::{self, Inputs, ReportArgs, When};
use cadre_report::report::{PdfStandardChoice, ReportOptions, render};
use chrono::NaiveDate;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

fn programme() -> PathBuf {
    repo().join("tests/compute/programme")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("attached")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The mini programme's csv folder, copied to `dir/name`; with `late`,
/// two workshops dated in 2024-Q1 and their attendance arrive late.
fn data(dir: &Path, name: &str, late: bool) -> PathBuf {
    let out = dir.join(name);
    std::fs::create_dir_all(&out).unwrap();
    let src = repo().join("tests/compute/cases/mini/data");
    for entry in std::fs::read_dir(&src).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), out.join(entry.file_name())).unwrap();
    }
    if late {
        let append = |file: &str, rows: &str| {
            use std::io::Write as _;
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(out.join(file))
                .unwrap();
            f.write_all(rows.as_bytes()).unwrap();
        };
        append(
            "sessions.csv",
            "L1,atelier,2024-03-15,S1\nL2,atelier,2024-03-20,S3\n",
        );
        append("presences.csv", "L1,S1,F,\nL1,S1,H,\nL2,S3,F,\n");
    }
    out
}

fn inputs(data: &Path, lang: &str) -> Inputs {
    Inputs {
        programme: programme(),
        data: vec![data.into()],
        lang: Some(lang.to_owned()),
        allow_rejected: false,
    }
}

fn when(period: &str) -> When {
    When {
        period: period.to_owned(),
        today: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
    }
}

fn report(data: &Path, period: &str, output: &Path, previous: Option<&Path>) {
    let pdf = commands::report(
        &inputs(data, "en"),
        &when(period),
        &ReportArgs {
            template: None,
            date: None,
            source_date_epoch: None,
            pdf_standard: None,
            narrative: None,
            strict: false,
            draft: false,
            final_report: false,
            data_as_of: None,
            previous: previous.map(Path::to_path_buf),
            previous_period: None,
            evidence: false,
            reference_sheets: false,
            kind: None,
        },
    )
    .expect("report")
    .output;
    std::fs::write(output, pdf).expect("report written");
}

#[test]
fn check_recomputes_the_table_a_report_attached() {
    let dir = scratch("check");
    let (on_time, late) = (data(&dir, "on-time", false), data(&dir, "late", true));
    let pdf = dir.join("q1.pdf");
    report(&on_time, "2024-Q1", &pdf, None);

    let program = cadre::Programme::load(programme()).unwrap();
    let Ok(TableFile::Reported(table)) = attached::read_table(&program, &pdf) else {
        panic!("the report carries its table");
    };
    assert_eq!(table.programme, "mini");
    assert_eq!(table.period.label, "2024-Q1");
    assert_eq!(table.definitions_hash, program.definitions_hash());
    assert_eq!(table.inputs.len(), 6, "one hash per csv file");
    assert!(table.rows_of("N1").is_some());

    // The command line: 0 on the data the report came from, 1 on another.
    let check = |data: &Path| {
        Command::new(env!("CARGO_BIN_EXE_cadre"))
            .args(["check", "--table"])
            .arg(&pdf)
            .arg("--programme")
            .arg(programme())
            .arg("--data")
            .arg(data)
            .args(["--lang", "en"])
            .output()
            .unwrap()
    };
    let same = check(&on_time);
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stderr)
    );
    let other = check(&late);
    assert_eq!(other.status.code(), Some(1));
    let out = String::from_utf8_lossy(&other.stdout);
    assert!(out.contains("2024-Q1\tN1\t\t\tperiod_value\t3\t5"), "{out}");
    let notes = String::from_utf8_lossy(&other.stderr);
    assert!(
        notes.contains("not those the report was computed from"),
        "{notes}"
    );
    assert!(String::from_utf8_lossy(&same.stderr).is_empty());

    // The same bytes named otherwise are still read as a PDF, and a period
    // other than the report's is refused.
    let renamed = dir.join("q1.csv");
    std::fs::copy(&pdf, &renamed).unwrap();
    let outcome = commands::check(
        &inputs(&on_time, "en"),
        &renamed,
        None,
        when("2024-Q1").today,
        commands::TextOrJson::Text,
    )
    .expect("a PDF found by its bytes");
    assert!(outcome.clean);
    let err = commands::check(
        &inputs(&on_time, "en"),
        &pdf,
        Some("2024-Q2"),
        when("2024-Q2").today,
        commands::TextOrJson::Text,
    )
    .unwrap_err();
    assert!(
        err.message(cadre::Lang::En)
            .contains("covers 2024-Q1, not 2024-Q2")
    );
}

#[test]
fn late_rows_are_listed_as_restatements() {
    let dir = scratch("restate");
    let (on_time, late) = (data(&dir, "on-time", false), data(&dir, "late", true));
    let q1 = dir.join("q1.pdf");
    report(&on_time, "2024-Q1", &q1, None);

    let program = cadre::Programme::load(programme()).unwrap();
    let earlier = attached::earlier(&program, &q1, None, when("2024-Q2").today).unwrap();
    assert!(matches!(earlier, EarlierTable::Reported(_)));
    let now = cadre::ingest(&program, &late).unwrap();
    let engine = cadre::Engine::new(&program, &now);
    let r = cadre::restate::restatements(&engine, &earlier).unwrap();
    assert_eq!(r.period.label, "2024-Q1");
    assert_eq!(r.definitions_changed, Some(false));
    assert_eq!(r.inputs_changed, Some(true));
    let n1 = r
        .restated
        .iter()
        .find(|x| x.indicator == "N1" && x.breakdown.is_empty())
        .expect("workshops restated");
    assert_eq!((n1.reported, n1.now), (Some(3.0), Some(5.0)));
    assert_eq!(n1.datasets.len(), 1);
    let rows = &n1.datasets[0];
    assert_eq!(rows.dataset, "sessions");
    assert_eq!((rows.period_then, rows.period_now), (Some(3), 5));
    let fresh: Vec<(&str, &str, &str)> = r
        .restated
        .iter()
        .filter(|x| !x.was_reported)
        .map(|x| {
            (
                x.indicator.as_str(),
                x.breakdown.as_str(),
                x.category.as_str(),
            )
        })
        .collect();
    // The late rows bring a country the earlier report did not have.
    assert_eq!(fresh, [("N2", "pays", "Beta"), ("N3", "pays", "Beta")]);
    // Only what changed is listed: the budget, read whole, did not.
    assert!(r.restated.iter().all(|x| x.indicator != "N6"));

    // On the same data, nothing is restated.
    let same = cadre::ingest(&program, &on_time).unwrap();
    let r = cadre::restate::restatements(&cadre::Engine::new(&program, &same), &earlier).unwrap();
    assert!(r.is_empty(), "{:?}", r.restated);
    assert_eq!(r.inputs_changed, Some(false));

    // A JSON table from `compute` works too (values only, no row counts).
    let json = commands::compute(
        &inputs(&on_time, "en"),
        &when("2024-Q1"),
        commands::TableFormat::Json,
    )
    .unwrap();
    let json_path = dir.join("q1.json");
    std::fs::write(&json_path, &json.output).unwrap();
    let earlier = attached::earlier(&program, &json_path, None, when("2024-Q2").today).unwrap();
    let r = cadre::restate::restatements(&engine, &earlier).unwrap();
    let n1 = r.restated.iter().find(|x| x.indicator == "N1").unwrap();
    assert_eq!(n1.datasets[0].period_then, None);
    assert_eq!(n1.datasets[0].period_now, 5);

    // The report prints them.
    let q2 = dir.join("q2.pdf");
    report(&late, "2024-Q2", &q2, Some(&q1));
    let text = pdftotext(&q2);
    assert!(text.contains("Restatements — Q1"), "{text}");
    assert!(
        text.contains("sessions: 5 rows dated in the period (3 then, +2)"),
        "{text}"
    );
    // A value the earlier report did not have reads so, not as an empty one.
    assert!(text.contains("not reported then"), "{text}");
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian: poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_report_passes_the_archival_and_accessible_standards() {
    let program = cadre::Programme::load(repo().join("indicators/terress")).unwrap();
    let data = cadre::ingest(&program, repo().join("examples/terress/terress.xlsx")).unwrap();
    let period =
        cadre::Period::parse("2025-Q4", program.info.calendar(), program.info.end).unwrap();
    let engine = cadre::Engine::new(&program, &data);
    let table = engine.compute(&period).unwrap();
    let reported = cadre::reported::ReportedTable::new(&engine, &table).unwrap();
    for (standard, attached) in [
        (PdfStandardChoice::Ua1, true),
        (PdfStandardChoice::A3a, true),
        (PdfStandardChoice::A3b, true),
        (PdfStandardChoice::A2b, false),
    ] {
        let mut options = ReportOptions::new(
            repo().join("report_templates/quarterly"),
            cadre::Lang::Fr,
            period.end,
        );
        options.pdf_standard = Some(standard);
        let pdf = render(&engine, &table, &options)
            .unwrap_or_else(|e| panic!("{standard:?}: {e}"))
            .pdf;
        match attached::attachment_of_pdf(&pdf) {
            Ok(json) => {
                assert!(attached, "{standard:?} allows no attachment");
                assert_eq!(json, reported.to_json(), "{standard:?}");
            }
            Err(p) => {
                assert!(!attached, "{standard:?}: {p:?}");
                assert_eq!(p, TableProblem::NoAttachedTable);
            }
        }
    }
}

#[test]
fn broken_pdfs_are_errors_not_panics() {
    assert!(matches!(
        attached::attachment_of_pdf(
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
        ),
        Err(TableProblem::Pdf { .. } | TableProblem::NoAttachedTable)
    ));
    assert!(matches!(
        attached::attachment_of_pdf(b"%PDF-"),
        Err(TableProblem::Pdf { .. })
    ));
    let mut junk = b"%PDF-1.7\n".to_vec();
    junk.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
    assert!(attached::attachment_of_pdf(&junk).is_err());

    // Through `check`: a located, written error.
    let dir = scratch("broken");
    let pdf = dir.join("broken.pdf");
    std::fs::write(&pdf, &junk).unwrap();
    let err = commands::check(
        &inputs(&repo().join("tests/compute/cases/mini/data"), "fr"),
        &pdf,
        None,
        when("2024-Q1").today,
        commands::TextOrJson::Text,
    )
    .unwrap_err();
    let message = err.message(cadre::Lang::Fr);
    assert!(message.contains("broken.pdf"), "{message}");
    assert!(message.contains("PDF illisible"), "{message}");
}

/// The tracking workbook of a programme with period and category targets:
/// the period target's two columns (absent from others), each category's
/// target and status, all read back as `compute` gives them.
#[test]
fn the_tracking_workbook_carries_period_and_category_targets() {
    let cases = repo().join("tests/compute/cases");
    for (case, period, columns) in [
        ("period_targets", "2024-Q2", 13),
        ("category_targets", "2024-Q4", 11),
    ] {
        let p = cadre::Programme::load(cases.join(case).join("programme")).unwrap();
        let d = cadre::ingest(&p, cases.join(case).join("data")).unwrap();
        let period = cadre::Period::parse(period, p.info.calendar(), p.info.end).unwrap();
        let table = cadre::Engine::new(&p, &d).compute(&period).unwrap();
        let created = NaiveDate::from_ymd_opt(2024, 12, 31)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let bytes = cadre_report::tracking::tracking_xlsx(
            &p,
            std::slice::from_ref(&table),
            &[],
            None,
            cadre::Lang::Fr,
            created,
        )
        .unwrap();
        let path = scratch("tracking").join(format!("{case}.xlsx"));
        std::fs::write(&path, bytes).unwrap();
        let mut book = calamine::open_workbook_auto(&path).unwrap();
        use calamine::Reader;
        let range = book.worksheet_range(period.label.as_str()).unwrap();
        assert_eq!(range.width(), columns, "{case}");
        let read = cadre_report::tracking::read_tracking_xlsx(&p, &path).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].1, table.flat_rows(), "{case}");
    }
}
