//! The page's sessions, held in memory between the upload and the
//! downloads and explanations that follow it: under an unguessable id, for
//! a limited time, within a total size (the oldest forgotten first). A
//! session keeps its files and the data read from them, read once and
//! shared read-only by every request of the session.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::Error;
use crate::commands::Ingested;

/// One uploaded file.
#[derive(Debug, Clone)]
pub(crate) struct File {
    /// A bare file name (no folder, no `..`), unique in its upload.
    pub name: String,
    /// Its bytes, shared with the sources read from them (never copied).
    pub bytes: Arc<[u8]>,
}

/// The files of one upload, the day they arrived, and the data read from
/// them once it has been read.
pub(crate) struct Upload {
    /// The files, as sent.
    pub files: Vec<File>,
    /// The day the upload arrived, which dates its data.
    pub received: NaiveDate,
    /// The data, once read. A lock rather than a `OnceLock`: a failed read
    /// is not kept (the next request reads again and says why again), and
    /// requests arriving during the first read wait for it instead of
    /// reading too.
    ingested: Mutex<Option<Arc<Ingested>>>,
}

impl Upload {
    /// The data of the upload: read by `read` on first use, then the same
    /// data (one `Arc`) for every request that follows.
    pub(crate) fn ingested(
        &self,
        read: impl FnOnce(&[File]) -> Result<Ingested, Error>,
    ) -> Result<Arc<Ingested>, Error> {
        let mut held = self.ingested.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(ingested) = held.as_ref() {
            return Ok(Arc::clone(ingested));
        }
        let ingested = Arc::new(read(&self.files)?);
        *held = Some(Arc::clone(&ingested));
        Ok(ingested)
    }
}

struct Entry {
    upload: Arc<Upload>,
    created: Instant,
    bytes: usize,
}

/// Uploads by session id.
///
/// The bound counts the uploaded bytes. The data read from them is not
/// measured, but it is bounded through them: its sources share the
/// uploaded bytes (never copied), and its rows come from at most
/// [`super::Config::max_upload`] bytes of files per session, each read
/// within ingestion's guards (a file may not inflate more than a fixed
/// ratio, a sheet span more cells than its size allows), so a session's
/// data is at most a fixed multiple of its upload, and the store's at most
/// that multiple of `capacity`.
pub(crate) struct Store {
    entries: Mutex<HashMap<String, Entry>>,
    capacity: usize,
    lifetime: Duration,
}

impl Store {
    pub(crate) fn new(capacity: usize, lifetime_seconds: u64) -> Store {
        Store {
            entries: Mutex::new(HashMap::new()),
            capacity,
            lifetime: Duration::from_secs(lifetime_seconds),
        }
    }

    /// Keeps an upload that arrived on `received`; returns its id, or
    /// `None` when no random id could be drawn.
    pub(crate) fn insert(&self, files: Vec<File>, received: NaiveDate) -> Option<String> {
        let id = random_id()?;
        let bytes = files.iter().map(|f| f.bytes.len()).sum();
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        entries.retain(|_, e| now.duration_since(e.created) < self.lifetime);
        // Forget the oldest until the new upload fits (it always fits
        // alone: an upload is smaller than the store).
        while entries.values().map(|e| e.bytes).sum::<usize>() + bytes > self.capacity {
            let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, e)| e.created)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            entries.remove(&oldest);
        }
        let upload = Upload {
            files,
            received,
            ingested: Mutex::new(None),
        };
        entries.insert(
            id.clone(),
            Entry {
                upload: Arc::new(upload),
                created: now,
                bytes,
            },
        );
        Some(id)
    }

    /// The upload of a session, if still held.
    pub(crate) fn get(&self, id: &str) -> Option<Arc<Upload>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(id)
            .filter(|e| e.created.elapsed() < self.lifetime)
            .map(|e| Arc::clone(&e.upload))
    }
}

/// 128 random bits in hex.
fn random_id() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A file name as sent, reduced to a bare name: the last component of any
/// folder (`/` or `\`), without control characters, never `.` or `..`,
/// at most 100 characters; `upload` when nothing is left.
pub(crate) fn bare_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != ':')
        .take(100)
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() {
        "upload".to_owned()
    } else {
        clean
    }
}

/// Names made unique within one upload: a second `data.xlsx` becomes
/// `2-data.xlsx`.
pub(crate) fn unique_names(files: &mut [File]) {
    let mut seen = std::collections::HashSet::new();
    for f in files.iter_mut() {
        let mut name = f.name.clone();
        let mut n = 2;
        while !seen.insert(name.to_lowercase()) {
            name = format!("{n}-{}", f.name);
            n += 1;
        }
        f.name = name;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_bare() {
        assert_eq!(bare_name("../../etc/passwd"), "passwd");
        assert_eq!(bare_name("C:\\Users\\x\\data.xlsx"), "data.xlsx");
        assert_eq!(bare_name(".."), "upload");
        assert_eq!(bare_name(".hidden.xlsx"), "hidden.xlsx");
        assert_eq!(bare_name("a\u{0}b.xlsx"), "ab.xlsx");
        assert_eq!(bare_name("/"), "upload");
    }

    #[test]
    fn names_are_unique() {
        let f = |n: &str| File {
            name: n.into(),
            bytes: Vec::new().into(),
        };
        let mut files = vec![f("a.xlsx"), f("A.xlsx"), f("a.xlsx")];
        unique_names(&mut files);
        let names: Vec<_> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a.xlsx", "2-A.xlsx", "3-a.xlsx"]);
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
    }

    #[test]
    fn oldest_forgotten_beyond_capacity() {
        let store = Store::new(10, 3600);
        let f = |n: usize| {
            vec![File {
                name: "x".into(),
                bytes: vec![0; n].into(),
            }]
        };
        let a = store.insert(f(6), day()).unwrap();
        let b = store.insert(f(6), day()).unwrap();
        assert!(store.get(&a).is_none());
        assert!(store.get(&b).is_some());
        assert!(store.get("nope").is_none());
    }

    /// The example programme and its workbook, as the page uploads it.
    fn example() -> (std::path::PathBuf, Vec<File>) {
        let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let bytes = std::fs::read(repo.join("examples/eau/eau.xlsx")).unwrap();
        let files = vec![File {
            name: "eau.xlsx".into(),
            bytes: bytes.into(),
        }];
        (repo.join("indicators/eau"), files)
    }

    /// The data of a session is read once: every later request gets the
    /// same `Arc` (the reader is not called again), across lookups of the
    /// session, and its sources share the uploaded bytes.
    #[test]
    fn a_session_reads_its_upload_once_and_shares_it() {
        use cadre::ingest::{NamedFile, NoProgress, Source};
        let (programme, files) = example();
        let store = Store::new(1 << 30, 3600);
        let id = store.insert(files, day()).unwrap();
        let reads = std::cell::Cell::new(0);
        let read = |files: &[File]| {
            reads.set(reads.get() + 1);
            let sources: Vec<Source> = files
                .iter()
                .map(|f| Source::File(NamedFile::new(f.name.clone(), Arc::clone(&f.bytes))))
                .collect();
            let programme = cadre::Programme::load(&programme)?;
            Ingested::new(programme, &sources, &NoProgress)
        };
        let first = store.get(&id).unwrap().ingested(read).unwrap();
        let second = store.get(&id).unwrap().ingested(read).unwrap();
        assert_eq!(reads.get(), 1, "the upload was read again");
        assert!(Arc::ptr_eq(&first, &second));
        // Held by the store and by the two requests.
        assert_eq!(Arc::strong_count(&first), 3);
        assert!(first.data.report.total().accepted > 0);
        let upload = store.get(&id).unwrap();
        let Source::File(sent) = &first.data.sources[0] else {
            panic!("an upload is read from memory");
        };
        assert!(Arc::ptr_eq(&sent.bytes, &upload.files[0].bytes));
    }

    /// A failed read is not kept: the next request reads again.
    #[test]
    fn a_failed_read_is_tried_again() {
        let store = Store::new(1 << 20, 3600);
        let id = store.insert(Vec::new(), day()).unwrap();
        let upload = store.get(&id).unwrap();
        let fail = |_: &[File]| Err(Error::NoReportingUnits);
        assert!(upload.ingested(fail).is_err());
        let (programme, _) = example();
        let read = |_: &[File]| {
            let programme = cadre::Programme::load(&programme)?;
            Ingested::new(programme, &[], &cadre::ingest::NoProgress)
        };
        // No source: ingestion itself says so; what matters is that it ran.
        let again = upload.ingested(read);
        assert!(!matches!(again, Err(Error::NoReportingUnits)));
    }
}
