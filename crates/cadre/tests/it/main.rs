//! The integration tests of `cadre`, in one test binary (one link instead of
//! one per file: less disk, faster builds). Each module was a test file.

mod activities;
mod anomalies;
mod compute;
mod definitions;
mod explain_check;
mod fuzz_regressions;
mod generality;
mod hostile;
mod ingest;
mod memory;
mod partners;
mod properties;
mod sources;
