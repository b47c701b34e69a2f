//! Shared helpers of the fuzz targets: the programmes the inputs are read
//! against, and the way an input becomes a file or a folder.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cadre::Programme;

/// The repository root (the fuzz crate is `fuzz/` in it).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Terr'ESS, whose datasets the workbook fixtures hold.
pub fn terress() -> &'static Programme {
    static P: OnceLock<Programme> = OnceLock::new();
    P.get_or_init(|| Programme::load(repo().join("indicators/terress")).expect("terress loads"))
}

/// The mini programme of the computation tests (small csv schemas).
pub fn mini() -> &'static Programme {
    static P: OnceLock<Programme> = OnceLock::new();
    P.get_or_init(|| {
        Programme::load(repo().join("tests/compute/programme")).expect("the mini programme loads")
    })
}

/// Separates the files of one input in the csv and definitions targets.
pub const SEPARATOR: &[u8] = b"\n%%%%\n";

/// Splits an input into its files.
pub fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(i) = rest
        .windows(SEPARATOR.len())
        .position(|w| w == SEPARATOR)
    {
        out.push(&rest[..i]);
        rest = &rest[i + SEPARATOR.len()..];
    }
    out.push(rest);
    out
}

/// Ingests `data` as a workbook named `book.<ext>` against Terr'ESS. Errors
/// are fine; a panic is a finding.
pub fn ingest_workbook(data: &[u8], ext: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("book.{ext}"));
    std::fs::write(&path, data).expect("write input");
    if let Ok(d) = cadre::ingest(terress(), &path) {
        check_accounted(&d);
    }
}

/// The accounting invariant every ingestion keeps.
pub fn check_accounted(data: &cadre::Data) {
    for s in &data.report.sheets {
        assert_eq!(
            s.read,
            s.accepted + s.rejected + s.skipped_empty,
            "sheet {} does not add up",
            s.sheet
        );
    }
}
