//! The page's uploads, held in memory between the page and the downloads
//! and explanations that follow it: under an unguessable id, for a limited
//! time, within a total size (the oldest forgotten first).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One uploaded file.
#[derive(Debug, Clone)]
pub(crate) struct File {
    /// A bare file name (no folder, no `..`), unique in its upload.
    pub name: String,
    /// Its bytes, shared with the sources read from them (never copied).
    pub bytes: Arc<[u8]>,
}

/// The files of one upload.
pub(crate) type Upload = Arc<Vec<File>>;

struct Entry {
    files: Upload,
    created: Instant,
    bytes: usize,
}

/// Uploads by session id.
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

    /// Keeps an upload; returns its id, or `None` when no random id could
    /// be drawn.
    pub(crate) fn insert(&self, files: Vec<File>) -> Option<String> {
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
        entries.insert(
            id.clone(),
            Entry {
                files: Arc::new(files),
                created: now,
                bytes,
            },
        );
        Some(id)
    }

    /// The upload of a session, if still held.
    pub(crate) fn get(&self, id: &str) -> Option<Upload> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(id)
            .filter(|e| e.created.elapsed() < self.lifetime)
            .map(|e| Arc::clone(&e.files))
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

    #[test]
    fn oldest_forgotten_beyond_capacity() {
        let store = Store::new(10, 3600);
        let f = |n: usize| {
            vec![File {
                name: "x".into(),
                bytes: vec![0; n].into(),
            }]
        };
        let a = store.insert(f(6)).unwrap();
        let b = store.insert(f(6)).unwrap();
        assert!(store.get(&a).is_none());
        assert!(store.get(&b).is_some());
        assert!(store.get("nope").is_none());
    }
}
