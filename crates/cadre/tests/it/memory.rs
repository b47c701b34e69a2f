//! Files held in memory ([`cadre::ingest::NamedFile`]) read exactly as the
//! same files on disk: the same rows, accounting, problems (naming the same
//! files), parts and provenance; the same guards, refusing the same files.

use std::path::{Path, PathBuf};

use cadre::ingest::{NamedFile, Source};
use cadre::{Data, Error, Programme};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(dir: &str) -> Programme {
    Programme::load(repo().join(dir)).unwrap_or_else(|e| panic!("{e}"))
}

fn in_memory(path: &Path) -> Source {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    NamedFile::new(name, std::fs::read(path).unwrap()).into()
}

/// Every observable outcome of two ingestions is the same.
fn assert_same(disk: &Data, memory: &Data) {
    assert_eq!(
        format!("{:?}", disk.report),
        format!("{:?}", memory.report),
        "accounting and problems"
    );
    assert_eq!(
        disk.datasets.keys().collect::<Vec<_>>(),
        memory.datasets.keys().collect::<Vec<_>>()
    );
    for (name, ds) in &disk.datasets {
        let other = &memory.datasets[name];
        assert_eq!(ds.parts, other.parts, "{name}: parts");
        assert!(ds.frame.equals_missing(&other.frame), "{name}: rows");
    }
    let names = |d: &Data| d.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(disk), names(memory));
    let provenance = |d: &Data| {
        d.input_files()
            .unwrap()
            .into_iter()
            .map(|f| (f.path, f.sha256, f.bytes))
            .collect::<Vec<_>>()
    };
    assert_eq!(provenance(disk), provenance(memory));
    assert!(disk.files.iter().all(|f| f.modified().is_some()));
    assert!(memory.files.iter().all(|f| f.modified().is_none()));
}

#[test]
fn a_folder_of_csv_files_given_as_bytes_reads_as_the_same_files_on_disk() {
    let p = load("tests/compute/programme");
    let dir = tempfile::tempdir().unwrap();
    let mini = repo().join("tests/compute/cases/mini/data");
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(&mini).unwrap() {
        let from = entry.unwrap().path();
        let to = dir.path().join(from.file_name().unwrap());
        let mut text = std::fs::read_to_string(&from).unwrap();
        if to.ends_with("presences.csv") {
            // Problems to report: a session no one held, a row with no site.
            text.push_str("Z9,S1,F,3\nA1,,H,2\n");
        }
        std::fs::write(&to, text).unwrap();
        paths.push(to);
    }
    paths.sort();
    let disk = cadre::ingest_sources(&p, &paths).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !disk.report.problems.is_empty(),
        "the test has problems to compare"
    );
    let files: Vec<Source> = paths.iter().map(|p| in_memory(p)).collect();
    let memory = cadre::ingest_sources(&p, &files).unwrap_or_else(|e| panic!("{e}"));
    assert_same(&disk, &memory);
}

#[test]
fn each_workbook_format_given_as_bytes_reads_as_on_disk() {
    let p = load("indicators/terress");
    for name in ["small.xlsx", "small.xls", "small.ods", "ods_named.xlsx"] {
        let path = repo().join("tests/fixtures/formats").join(name);
        let disk = cadre::ingest(&p, &path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let memory = cadre::ingest_sources(&p, &[in_memory(&path)])
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same(&disk, &memory);
    }
}

#[test]
fn hostile_files_given_as_bytes_are_refused_as_on_disk_naming_the_file() {
    let p = load("indicators/terress");
    let corrupt = repo().join("tests/fixtures/corrupt");
    let mut seen = 0;
    for entry in std::fs::read_dir(&corrupt).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let disk = cadre::ingest(&p, &path).map(|_| ());
        let memory = cadre::ingest_sources(&p, &[in_memory(&path)]).map(|_| ());
        match (disk, memory) {
            (
                Err(Error::Workbook {
                    path: a,
                    sheet: sa,
                    problem: pa,
                }),
                Err(Error::Workbook {
                    path: b,
                    sheet: sb,
                    problem: pb,
                }),
            ) => {
                assert_eq!(a, path, "{name}");
                assert_eq!(b, Path::new(&name), "{name}");
                assert_eq!((sa, format!("{pa:?}")), (sb, format!("{pb:?}")), "{name}");
                seen += 1;
            }
            (disk, memory) => assert_eq!(
                format!("{disk:?}").replace(&path.display().to_string(), &name),
                format!("{memory:?}"),
                "{name}"
            ),
        }
    }
    assert!(seen >= 5, "the corrupt fixtures are refused as workbooks");
}
