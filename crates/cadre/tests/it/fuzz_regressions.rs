//! Inputs the fuzz campaigns (`fuzz/`) found, kept as regression tests.

use std::path::{Path, PathBuf};

use cadre::Programme;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `ingest_xls`: a compound file whose sector ends before its declared
/// size; calamine's reader panics on it (slice out of range in `cfb.rs`).
/// The panic is caught in `ingest::read` and becomes a workbook error.
#[test]
fn an_xls_with_a_short_sector_is_an_error_not_a_panic() {
    let p = Programme::load(repo().join("indicators/terress")).unwrap();
    let path = repo().join("tests/fixtures/corrupt/fuzz_cfb_short_sector.xls");
    let e = cadre::ingest(&p, &path).expect_err("a corrupt xls is refused");
    let en = e.message(cadre::Lang::En);
    assert!(en.contains("fuzz_cfb_short_sector.xls"), "{en}");
}
