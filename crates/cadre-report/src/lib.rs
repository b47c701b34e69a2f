//! cadre-report: the runner. Typesets funder reports with Typst embedded as
//! a library, writes the xlsx tracking table, and holds the `cadre` command
//! line (`src/main.rs`), a thin layer over this crate and `cadre`.
//!
//! Commands ([`commands`]) return bytes and never write files; the binary
//! writes `-o` with [`write_atomically`], the web app sends the bytes.
//!
//! # Features
//!
//! Both are on by default, and the `cadre` binary needs both.
//!
//! - `pdf`: the PDF report ([`report::render`], Typst embedded with the
//!   default template, the `world` module) and reading back the table a
//!   report's PDF attached (`check --table report.pdf`, `--previous`,
//!   lopdf).
//! - `serve`: `cadre serve`, the local web app and its API (axum, tokio);
//!   implies `pdf`.
//!
//! A tool that embeds the runner for csv, JSON, text, the xlsx tracking
//! table, IATI XML, the data-entry workbook or the report's data
//! ([`report::report_data`]) takes `default-features = false` and builds
//! neither Typst, axum, tokio nor lopdf
//! (`cargo check -p cadre-report --no-default-features`).
#![deny(missing_docs)]

pub mod attached;
pub mod commands;
mod error;
pub mod explain_text;
pub mod iati;
pub mod messages;
pub mod report;
#[cfg(feature = "serve")]
pub mod serve;
pub mod template;
pub mod tracking;
#[cfg(feature = "pdf")]
pub mod world;

use std::path::Path;

pub use error::Error;

/// Reads `path` no further than `limit` bytes, whatever its size says (a
/// special file may claim 0 and never end): `None` when it holds more.
pub(crate) fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// flushed to disk (`fsync`) and then renamed over `path`: a failed or
/// interrupted run never leaves a partial file behind, and a crash right
/// after the rename does not leave an empty one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // tempfile creates files readable by their owner only; an output file
    // gets the usual permissions (the umask applies), as `fs::write` gives.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Dropped on any error before `persist`: the temporary file is removed.
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
