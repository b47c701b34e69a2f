//! cadre-report: the runner. Typesets funder reports with Typst embedded as
//! a library, writes the xlsx tracking table, and holds the `cadre` command
//! line (`src/main.rs`), a thin layer over this crate and `cadre`.
#![deny(missing_docs)]

pub mod commands;
mod error;
pub mod explain_text;
pub mod iati;
pub mod report;
pub mod template;
pub mod tracking;
pub mod world;

use std::path::Path;

pub use error::Error;

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so a failed run never leaves a partial file behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
