//! The progress bar of long runs: ingestion's progress ([`cadre::ingest::Progress`])
//! drawn on stderr by indicatif, one bar per sheet being read. The command
//! line asks for it when stderr is a terminal and `--quiet` is not given;
//! it is drawn only for large inputs. Nothing is written to stdout.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use cadre::Lang;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::messages::Word;

/// Inputs smaller than this are read too fast to need a bar.
pub const LARGE_INPUT_BYTES: u64 = 8 << 20;

/// Whether the sources at `paths` (workbooks, csv files, folders of them)
/// are large enough for a bar.
pub fn is_large(paths: &[PathBuf]) -> bool {
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
pub struct Bars {
    multi: MultiProgress,
    style: ProgressStyle,
    bars: Mutex<HashMap<(PathBuf, String), ProgressBar>>,
}

impl Bars {
    /// Bars whose words are in `lang`.
    pub fn new(lang: Lang) -> Bars {
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
