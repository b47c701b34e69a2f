//! The progress bar of long runs: ingestion's progress ([`cadre::ingest::Progress`])
//! drawn on stderr by indicatif, one bar per sheet being read. A module of
//! the binary (`main.rs` declares it), not of the library: the libraries
//! never draw; the command line passes these bars to
//! [`cadre_report::commands::open`] when stderr is a terminal, `--quiet` is
//! not given and the input is large. Nothing is written to stdout.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use cadre::Lang;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use cadre_report::messages::Word;

/// Inputs smaller than this are read too fast to need a bar (the
/// command line's test of it, `cli.rs`, writes an input this large).
pub(crate) const LARGE_INPUT_BYTES: u64 = 8 << 20;

/// Whether the sources at `paths` (workbooks, csv files, folders of them)
/// are large enough for a bar.
pub(crate) fn is_large(paths: &[PathBuf]) -> bool {
    fn size(p: &Path, depth: u32) -> u64 {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() && depth < 4 => std::fs::read_dir(p)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok())
                        .map(|e| size(&e.path(), depth + 1))
                        .sum()
                })
                .unwrap_or(0),
            Ok(m) if m.is_file() => m.len(),
            _ => 0,
        }
    }
    paths.iter().map(|p| size(p, 0)).sum::<u64>() >= LARGE_INPUT_BYTES
}

/// Bars on stderr, one per sheet being read.
pub(crate) struct Bars {
    multi: MultiProgress,
    style: ProgressStyle,
    bars: Mutex<HashMap<(PathBuf, String), ProgressBar>>,
}

impl Bars {
    /// Bars whose words are in `lang`.
    pub(crate) fn new(lang: Lang) -> Bars {
        let template = format!(
            "{{prefix:.bold}} {{wide_bar}} {{human_pos}}/{{human_len}} {} {{elapsed}}",
            Word::Rows.text(lang)
        );
        Bars {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
            style: ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            bars: Mutex::new(HashMap::new()),
        }
    }

    fn with_bar(&self, file: &Path, sheet: &str, f: impl FnOnce(&ProgressBar)) {
        let bars = self.bars.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(bar) = bars.get(&(file.to_path_buf(), sheet.to_owned())) {
            f(bar);
        }
    }
}

impl cadre::ingest::Progress for Bars {
    fn sheet(&self, _dataset: &str, file: &Path, sheet: &str, rows_hint: Option<u64>) {
        let bar = self.multi.add(ProgressBar::new(rows_hint.unwrap_or(0)));
        bar.set_style(self.style.clone());
        bar.set_prefix(sheet.to_owned());
        if rows_hint.is_none() {
            bar.unset_length();
        }
        self.bars
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((file.to_path_buf(), sheet.to_owned()), bar);
    }

    fn rows(&self, file: &Path, sheet: &str, rows_done: u64) {
        self.with_bar(file, sheet, |bar| {
            // A hint is an estimate: the bar grows if the sheet is longer.
            if bar.length().is_some_and(|len| rows_done > len) {
                bar.set_length(rows_done);
            }
            bar.set_position(rows_done);
        });
    }

    fn sheet_done(&self, file: &Path, sheet: &str, _rows: u64) {
        let bar = self
            .bars
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&(file.to_path_buf(), sheet.to_owned()));
        if let Some(bar) = bar {
            bar.finish_and_clear();
            self.multi.remove(&bar);
        }
    }
}

impl Drop for Bars {
    fn drop(&mut self) {
        let _ = self.multi.clear();
    }
}
