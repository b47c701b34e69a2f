//! A programme folder: the input's parts (split on `\n%%%%\n`) are
//! `programme.toml`, `datasets.toml` and `indicators/fuzz.toml`. Loading
//! may fail with any structured error; a panic is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parts = cadre_fuzz::split(data);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("indicators")).expect("mkdir");
    for (name, i) in [
        ("programme.toml", 0),
        ("datasets.toml", 1),
        ("indicators/fuzz.toml", 2),
    ] {
        std::fs::write(dir.path().join(name), parts.get(i).copied().unwrap_or(b""))
            .expect("write");
    }
    if let Ok(p) = cadre::Programme::load(dir.path()) {
        // What a loaded programme offers must not panic either.
        let _ = p.definitions_hash();
        let _ = p.indicators.len();
    }
});
