//! A csv folder for the mini programme: the input's parts (split on
//! `\n%%%%\n`) are the csv files of its datasets, in order; a dataset
//! without a part gets a header-only file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = cadre_fuzz::mini();
    let parts = cadre_fuzz::split(data);
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, d) in p.datasets.iter().enumerate() {
        let header = d
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(",");
        let body: Vec<u8> = match parts.get(i) {
            Some(b) => b.to_vec(),
            None => header.into_bytes(),
        };
        std::fs::write(dir.path().join(format!("{}.csv", d.name)), body).expect("write");
    }
    if let Ok(d) = cadre::ingest(p, dir.path()) {
        cadre_fuzz::check_accounted(&d);
    }
});
