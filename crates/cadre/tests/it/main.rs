//! The integration tests of `cadre`, in one test binary (one link instead of
//! one per file: less disk, faster builds). Each module was a test file.

use std::alloc::System;

use cap::Cap;

/// Counts every allocation, uncapped until the robustness campaign sets a
/// limit in the child process it runs in (`robustness.rs`).
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

mod activities;
mod anomalies;
mod compute;
mod definitions;
mod explain_check;
mod formula;
mod fuzz_regressions;
mod generality;
mod hostile;
mod ingest;
mod memory;
mod partners;
mod properties;
mod robustness;
mod sources;
mod split_and_weight;
mod stages;
mod windows;
