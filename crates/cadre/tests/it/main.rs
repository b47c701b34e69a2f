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
mod finance;
mod formula;
mod fuzz_regressions;
mod generality;
mod hostile;
mod ingest;
mod memory;
mod partners;
mod people;
mod properties;
mod robustness;
mod sources;
mod split_and_weight;
mod stages;
mod windows;

/// The definition error a load gave, with its file and line; any other
/// outcome fails the test. Each test words the error in the languages it
/// checks.
fn definition_error(
    loaded: cadre::Result<cadre::Programme>,
) -> (std::path::PathBuf, Option<usize>, cadre::Error) {
    match loaded {
        Err(e @ cadre::Error::Definition { .. }) => {
            let cadre::Error::Definition { path, line, .. } = &e else {
                unreachable!()
            };
            (path.clone(), *line, e)
        }
        Err(other) => panic!("expected a definition error, got {other}"),
        Ok(_) => panic!("the broken definitions loaded"),
    }
}
