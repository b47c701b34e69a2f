//! Many sources: folders walked, a dataset's rows gathered from several
//! files, keys and references across files, and who has reported. Built on
//! the mini programme's csv files, cut as partners would send them.

use std::path::{Path, PathBuf};

use cadre::ingest::{Rule, SkipReason};
use cadre::{Engine, Error, Period, Programme};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mini() -> Programme {
    Programme::load(repo().join("tests/compute/programme")).unwrap_or_else(|e| panic!("{e}"))
}

fn mini_data() -> PathBuf {
    repo().join("tests/compute/cases/mini/data")
}

fn copy(name: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(mini_data().join(name), to).unwrap();
}

/// The lines of a csv file of the mini data: header, then rows.
fn lines(name: &str) -> Vec<String> {
    std::fs::read_to_string(mini_data().join(name))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The mini data cut as partners send it: the registry in one folder, the
/// sessions in another, the attendances split over two files in two
/// folders, the rest at the top; plus a lock file and a hidden file.
fn partners(root: &Path) {
    copy("sites.csv", &root.join("registre/sites.csv"));
    copy("sessions.csv", &root.join("sessions/sessions.csv"));
    let presences = lines("presences.csv");
    let (head, rows) = presences.split_at(1);
    let (first, second) = rows.split_at(5);
    for (dir, part) in [("partenaire-a", first), ("partenaire-b", second)] {
        let path = root.join(dir).join("presences.csv");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text: Vec<&str> = head.iter().chain(part).map(String::as_str).collect();
        std::fs::write(path, text.join("\n") + "\n").unwrap();
    }
    for f in ["budget.csv", "depenses.csv", "releves.csv"] {
        copy(f, &root.join(f));
    }
    std::fs::write(root.join("~$budget.xlsx"), b"lock").unwrap();
    std::fs::write(root.join(".DS_Store"), b"hidden").unwrap();
}

fn csv_of(programme: &Programme, data: &cadre::Data, period: &str) -> String {
    let period = Period::parse(period, programme.info.calendar(), programme.info.end).unwrap();
    let table = Engine::new(programme, data).compute(&period).unwrap();
    let mut out = Vec::new();
    table.write_csv(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn partner_files_compute_as_the_same_rows_in_one_folder() {
    let p = mini();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("envois");
    partners(&root);
    let one = cadre::ingest(&p, mini_data()).unwrap();
    let many = cadre::ingest_sources(&p, std::slice::from_ref(&root)).unwrap();
    assert!(many.report.is_clean(), "{:#?}", many.report.problems);
    for name in one.datasets.keys() {
        assert_eq!(
            one.dataset(name).unwrap().frame.height(),
            many.dataset(name).unwrap().frame.height(),
            "{name}"
        );
    }
    for period in ["2024-Q1", "2024-Q2", "2024-H1", "2024"] {
        assert_eq!(
            csv_of(&p, &one, period),
            csv_of(&p, &many, period),
            "{period}"
        );
    }
    // The attendances come from two files, each row keeping its own.
    let presences = many.dataset("presences").unwrap();
    let files: Vec<&str> = presences.parts.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "envois/partenaire-a/presences.csv",
            "envois/partenaire-b/presences.csv"
        ]
    );
    // Every row accounted for, per file and in total.
    let by_file = many.report.by_file();
    let total = many.report.total();
    assert_eq!(total.read, by_file.iter().map(|f| f.read).sum::<usize>());
    assert_eq!(
        total.read,
        total.accepted + total.rejected + total.skipped_empty
    );
    let b = by_file
        .iter()
        .find(|f| f.file == "envois/partenaire-b/presences.csv")
        .unwrap();
    assert_eq!((b.read, b.accepted), (6, 6));
    // The lock file and the hidden file are listed, not read.
    let skipped: Vec<(&str, SkipReason)> = many
        .report
        .skipped
        .iter()
        .map(|s| (s.file.as_str(), s.reason))
        .collect();
    assert_eq!(
        skipped,
        [
            ("envois/.DS_Store", SkipReason::Hidden),
            ("envois/~$budget.xlsx", SkipReason::LockFile)
        ]
    );
}

#[test]
fn explain_names_the_file_of_each_row() {
    let p = mini();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("envois");
    partners(&root);
    let data = cadre::ingest_sources(&p, &[&root]).unwrap();
    let period = Period::parse("2024-Q2", p.info.calendar(), p.info.end).unwrap();
    let engine = Engine::new(&p, &data);
    let code = p
        .indicators
        .iter()
        .find(|i| {
            i.measure
                .selections()
                .iter()
                .any(|s| s.dataset == "presences")
        })
        .map(|i| i.code.clone())
        .expect("an indicator over the attendances");
    let explanation = engine.explain(&code, &period).unwrap();
    let part = explanation
        .parts
        .iter()
        .find(|part| part.dataset == "presences")
        .unwrap();
    assert_eq!(part.sheets.len(), 2, "{:#?}", part.sheets);
    let mut seen: Vec<&str> = part
        .rows
        .iter()
        .map(|r| r.file.as_str())
        .chain(part.excluded.iter().map(|r| r.file.as_str()))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(
        seen,
        [
            "envois/partenaire-a/presences.csv",
            "envois/partenaire-b/presences.csv"
        ]
    );
    // Rows 2 to 6 are in the first file, rows 2 to 7 in the second: a row
    // number alone no longer says which row it is.
    let rows = part.rows.len() + part.excluded.len();
    assert_eq!(rows, 11);
}

#[test]
fn a_key_in_two_files_is_rejected_naming_both() {
    let p = mini();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("envois");
    partners(&root);
    // A partner sends the registry again.
    copy("sites.csv", &root.join("zz-renvoi/sites.csv"));
    let data = cadre::ingest_sources(&p, &[&root]).unwrap();
    assert!(!data.report.is_clean());
    let dups: Vec<_> = data
        .report
        .problems
        .iter()
        .filter(|pr| matches!(pr.rule, Rule::DuplicateElsewhere { .. }))
        .collect();
    assert_eq!(dups.len(), 3, "{:#?}", data.report.problems);
    let first = dups[0];
    assert_eq!(first.file, "envois/zz-renvoi/sites.csv");
    assert_eq!(first.row, 2);
    assert_eq!(
        first.rule,
        Rule::DuplicateElsewhere {
            file: "envois/registre/sites.csv".into(),
            sheet: "sites".into(),
            row: 2
        }
    );
    let message = first.message(cadre::Lang::En);
    assert!(
        message.contains("envois/zz-renvoi/sites.csv")
            && message.contains("duplicate of envois/registre/sites.csv, sheet sites, row 2"),
        "{message}"
    );
    // The first file's rows stand; references still resolve to them.
    assert_eq!(data.dataset("sites").unwrap().frame.height(), 3);
    let sites = data
        .report
        .sheets
        .iter()
        .find(|s| s.file == "envois/zz-renvoi/sites.csv")
        .unwrap();
    assert_eq!((sites.read, sites.accepted, sites.rejected), (3, 0, 3));
}

#[test]
fn references_resolve_across_files_and_name_the_rejected_row() {
    let p = mini();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("envois");
    partners(&root);
    // The registry's second site is broken (no name): the sessions naming
    // it, in another file, are rejected and name the registry's row.
    let mut sites = lines("sites.csv");
    sites[2] = "S2,,Alpha".into();
    std::fs::write(root.join("registre/sites.csv"), sites.join("\n") + "\n").unwrap();
    let data = cadre::ingest_sources(&p, &[&root]).unwrap();
    let rule = data
        .report
        .problems
        .iter()
        .find(|pr| pr.file == "envois/sessions/sessions.csv")
        .map(|pr| pr.rule.clone())
        .unwrap_or_else(|| panic!("{:#?}", data.report.problems));
    assert_eq!(
        rule,
        Rule::RejectedReference {
            dataset: "sites".into(),
            file: "envois/registre/sites.csv".into(),
            sheet: "sites".into(),
            row: 3
        }
    );
}

#[test]
fn a_stray_file_is_an_error_and_a_missing_dataset_too() {
    let p = mini();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("envois");
    partners(&root);
    std::fs::write(root.join("notes.docx"), b"not data").unwrap();
    match cadre::ingest_sources(&p, &[&root]) {
        Err(Error::Workbook { path, .. }) => assert!(path.ends_with("notes.docx")),
        other => panic!("{other:?}"),
    }
    std::fs::remove_file(root.join("notes.docx")).unwrap();
    std::fs::remove_dir_all(root.join("sessions")).unwrap();
    match cadre::ingest_sources(&p, &[&root]) {
        Err(Error::MissingSheet { dataset, .. }) => assert_eq!(dataset, "sessions"),
        other => panic!("{other:?}"),
    }
    // Given as two sources, it is whole again.
    let sessions = dir.path().join("sessions.csv");
    copy("sessions.csv", &sessions);
    let data = cadre::ingest_sources(&p, &[&root, &sessions]).unwrap();
    assert!(data.report.is_clean());
    assert_eq!(
        data.dataset("sessions").unwrap().parts[0].file,
        "sessions.csv"
    );
}

#[test]
fn who_has_reported_counts_rows_per_unit_and_names_the_silent() {
    let p = mini();
    let data = cadre::ingest(&p, mini_data()).unwrap();
    let engine = Engine::new(&p, &data);
    let q1 = Period::parse("2024-Q1", p.info.calendar(), p.info.end).unwrap();
    let status = engine.reporting_status(Some(&q1)).unwrap().unwrap();
    assert_eq!(status.datasets, ["sessions", "presences"]);
    let rows: Vec<(&str, Vec<u64>)> = status
        .units
        .iter()
        .map(|u| (u.code.as_str(), u.rows.clone()))
        .collect();
    // Sessions A1 (S1, 1 January), A2 (S2, 29 February), A3 (no site, 31
    // March) are in the first quarter; V1 (S3) in April. Attendances take
    // their session's date and name their own site.
    let expected = independent_counts("2024-01-01", "2024-03-31");
    assert_eq!(rows, expected);
    assert_eq!(
        status.silent().map(|u| u.code.as_str()).collect::<Vec<_>>(),
        ["S3"]
    );
    assert_eq!(status.reported(), 2);
    assert_eq!(status.units[0].name.as_deref(), Some("Site un"));
    // A3 names no site.
    assert_eq!(status.no_unit[0], 1);
    // Over all the data, every site has sent something.
    let all = engine.reporting_status(None).unwrap().unwrap();
    assert_eq!(all.silent().count(), 0);
}

/// The rows per site of the sessions and attendances dated (by their
/// session) between `from` and `to`, read from the csv files by hand.
fn independent_counts(from: &str, to: &str) -> Vec<(&'static str, Vec<u64>)> {
    let date = |s: &str| -> String {
        // ISO or dd/mm/yyyy, with an optional time.
        let s = s.split(' ').next().unwrap();
        match s.split('/').collect::<Vec<_>>()[..] {
            [d, m, y] => format!("{y}-{m}-{d}"),
            _ => s.to_owned(),
        }
    };
    let in_window = |d: &str| d >= from && d <= to;
    let sessions: Vec<(String, String, String)> = lines("sessions.csv")[1..]
        .iter()
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[0].to_uppercase(), date(c[2]), c[3].to_uppercase())
        })
        .collect();
    let mut out: Vec<(&'static str, Vec<u64>)> =
        vec![("S1", vec![0, 0]), ("S2", vec![0, 0]), ("S3", vec![0, 0])];
    for (_, d, site) in &sessions {
        if let (true, Some(o)) = (in_window(d), out.iter_mut().find(|(s, _)| *s == site)) {
            o.1[0] += 1;
        }
    }
    for l in &lines("presences.csv")[1..] {
        let c: Vec<&str> = l.split(',').collect();
        let session = sessions
            .iter()
            .find(|s| s.0 == c[0].to_uppercase())
            .unwrap();
        let site = c[1].to_uppercase();
        if let (true, Some(o)) = (
            in_window(&session.1),
            out.iter_mut().find(|(s, _)| *s == site),
        ) {
            o.1[1] += 1;
        }
    }
    out
}
