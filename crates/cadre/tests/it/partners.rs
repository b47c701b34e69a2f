//! The partners example (`examples/terress-partners/data`: a registry
//! workbook, a team workbook, one self-diagnosis workbook per authority, the
//! events as a csv export, participations in an xlsx and an ods, the accounts)
//! holds the rows of the example workbook (`examples/terress/terress.xlsx`),
//! cut as partners send them: read as many sources, it gives the same rows
//! and, for every period, the same indicator table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cadre::ingest::{ROW_COLUMN, Rule};
use cadre::{Data, Period, Programme};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn terress() -> Programme {
    Programme::load(repo().join("indicators/terress")).unwrap_or_else(|e| panic!("{e}"))
}

fn partners() -> PathBuf {
    repo().join("examples/terress-partners/data")
}

/// The accepted rows of each dataset, each row as the text of its values
/// (where it was read left out), sorted: the rows as a set.
fn rows(data: &Data) -> BTreeMap<String, Vec<String>> {
    data.datasets
        .iter()
        .map(|(name, ds)| {
            let frame = &ds.frame;
            let columns: Vec<_> = frame
                .columns()
                .iter()
                .filter(|c| c.name().as_str() != ROW_COLUMN && !c.name().starts_with('_'))
                .collect();
            assert!(!columns.is_empty(), "{name}: no column");
            let mut rows: Vec<String> = (0..frame.height())
                .map(|i| {
                    columns
                        .iter()
                        .map(|c| format!("{}={}", c.name(), c.get(i).expect("cell")))
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .collect();
            rows.sort();
            (name.clone(), rows)
        })
        .collect()
}

fn table_csv(programme: &Programme, data: &Data, period: &Period) -> String {
    let table = cadre::Engine::new(programme, data)
        .compute(period)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    table.write_csv(&mut out).expect("csv");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn the_partners_folder_gives_the_workbooks_rows_and_tables_for_every_period() {
    let p = terress();
    let workbook = cadre::ingest(&p, repo().join("examples/terress/terress.xlsx"))
        .unwrap_or_else(|e| panic!("{e}"));
    let folder = cadre::ingest_sources(&p, &[partners()]).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        workbook.report.is_clean(),
        "{:#?}",
        workbook.report.problems
    );
    assert!(folder.report.is_clean(), "{:#?}", folder.report.problems);

    // All formats mixed: xlsx workbooks, an ods, a csv export; many files.
    let names: Vec<&str> = folder.files.iter().map(|f| f.name.as_str()).collect();
    for ext in [".xlsx", ".ods", ".csv"] {
        assert!(
            names.iter().any(|n| n.ends_with(ext)),
            "no {ext} file among {names:?}"
        );
    }
    assert!(names.len() > 30, "{names:?}");
    assert!(
        names.contains(&"data/participations/participations-2026.ods"),
        "{names:?}"
    );
    assert!(
        names.contains(&"data/autodiagnostics/benin/ben-acal.xlsx"),
        "{names:?}"
    );

    let (want, got) = (rows(&workbook), rows(&folder));
    assert_eq!(
        want.keys().collect::<Vec<_>>(),
        got.keys().collect::<Vec<_>>(),
        "datasets"
    );
    for (name, want_rows) in &want {
        assert!(!want_rows.is_empty(), "{name}: no row in the workbook");
        pretty_assertions::assert_eq!(want_rows, &got[name], "dataset {name}");
    }

    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let mut periods: Vec<String> = Vec::new();
    for year in 2024..=2026 {
        for q in 1..=4 {
            if year > 2024 || q == 4 {
                periods.push(format!("{year}-Q{q}"));
            }
        }
    }
    periods.push("project".to_string());
    assert_eq!(periods.len(), 10);
    for period in &periods {
        let period =
            Period::parse(period, p.info.calendar(), today).unwrap_or_else(|e| panic!("{e}"));
        let (want, got) = (
            table_csv(&p, &workbook, &period),
            table_csv(&p, &folder, &period),
        );
        assert!(want.lines().count() > 19, "{want}");
        pretty_assertions::assert_eq!(want, got, "period {period:?}");
    }
}

/// Copy `from` into `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The registry sent twice (saved again under another name beside the first):
/// every authority of the second copy is a key already read, rejected with
/// both files named.
#[test]
fn a_key_repeated_in_two_files_is_rejected_naming_both() {
    let p = terress();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_tree(&partners(), &data);
    std::fs::copy(
        data.join("registre/collectivites.xlsx"),
        data.join("registre/collectivites (copie).xlsx"),
    )
    .unwrap();
    let folder = cadre::ingest_sources(&p, &[&data]).unwrap_or_else(|e| panic!("{e}"));
    assert!(!folder.report.is_clean());
    let dup: Vec<_> = folder
        .report
        .problems
        .iter()
        .filter(|pb| pb.dataset == "collectivites")
        .collect();
    assert_eq!(dup.len(), 31, "{dup:#?}");
    for pb in &dup {
        assert_eq!(pb.column, "Code", "{pb:?}");
        match &pb.rule {
            Rule::DuplicateElsewhere { file, .. } => {
                let files = [file.as_str(), pb.file.as_str()];
                assert!(
                    files.contains(&"data/registre/collectivites.xlsx")
                        && files.contains(&"data/registre/collectivites (copie).xlsx"),
                    "{pb:?}"
                );
            }
            other => panic!("not a duplicate across files: {other:?}"),
        }
    }
    assert_eq!(folder.report.rejected(), 31);
}
