//! Any bytes, as a `.xlsx` workbook, ingested against Terr'ESS.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cadre_fuzz::ingest_workbook(data, "xlsx");
});
