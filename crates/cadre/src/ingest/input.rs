//! What ingestion is given: paths on this machine, or files held in memory.
//!
//! A file held in memory ([`NamedFile`]) is read exactly as the same file
//! on disk would be: its format from its bytes, the same guards, the same
//! accounting, its name in problems and reports, its size and SHA-256 in the
//! provenance. So a web app can keep an upload's bytes and never write a
//! file. Nothing of a file in memory has a modification time.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::error::{Error, Result};

/// Something to read data from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A workbook, a csv file or a folder on this machine (a folder is
    /// walked: see [the module](mod@crate::ingest)).
    Path(PathBuf),
    /// A workbook or a csv file held in memory, read as the same file given
    /// by itself on disk would be.
    File(NamedFile),
}

impl Source {
    /// The source as named in an error: its path, or a file's name.
    pub fn display_path(&self) -> PathBuf {
        match self {
            Source::Path(path) => path.clone(),
            Source::File(file) => PathBuf::from(&file.name),
        }
    }
}

impl From<PathBuf> for Source {
    fn from(path: PathBuf) -> Self {
        Source::Path(path)
    }
}

impl From<&PathBuf> for Source {
    fn from(path: &PathBuf) -> Self {
        Source::Path(path.clone())
    }
}

impl From<&Path> for Source {
    fn from(path: &Path) -> Self {
        Source::Path(path.to_path_buf())
    }
}

impl From<&str> for Source {
    fn from(path: &str) -> Self {
        Source::Path(PathBuf::from(path))
    }
}

impl From<NamedFile> for Source {
    fn from(file: NamedFile) -> Self {
        Source::File(file)
    }
}

impl From<&Source> for Source {
    fn from(source: &Source) -> Self {
        source.clone()
    }
}

/// A file held in memory: its name and its bytes. The name is what a file
/// given by itself goes by (`acal.xlsx`): it names the file in problems and
/// reports, and its extension tells a csv file from a workbook, as on disk.
#[derive(Clone, PartialEq, Eq)]
pub struct NamedFile {
    /// The file's name, as a file given by itself is named.
    pub name: String,
    /// Its bytes, shared (cloning a `NamedFile` copies no byte).
    pub bytes: Arc<[u8]>,
}

impl NamedFile {
    /// A file named `name` holding `bytes`.
    pub fn new(name: impl Into<String>, bytes: impl Into<Arc<[u8]>>) -> Self {
        NamedFile {
            name: name.into(),
            bytes: bytes.into(),
        }
    }
}

impl std::fmt::Debug for NamedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The bytes may be megabytes: their count says enough.
        f.debug_struct("NamedFile")
            .field("name", &self.name)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// Where a data file's bytes are.
#[derive(Clone)]
pub enum Location {
    /// A file on this machine.
    Disk(PathBuf),
    /// Bytes in memory (a [`NamedFile`]'s), under the name in messages.
    Memory {
        /// The file's name.
        name: String,
        /// Its bytes.
        bytes: Arc<[u8]>,
    },
}

impl Location {
    /// The file's path in an error or in progress: its path on disk, or
    /// its name.
    pub fn path(&self) -> &Path {
        match self {
            Location::Disk(path) => path,
            Location::Memory { name, .. } => Path::new(name),
        }
    }

    /// The file on disk, if it is one.
    pub fn disk_path(&self) -> Option<&Path> {
        match self {
            Location::Disk(path) => Some(path),
            Location::Memory { .. } => None,
        }
    }

    /// When the file was last modified, when the system keeps it; `None`
    /// for bytes in memory, which have no such time.
    pub fn modified(&self) -> Option<SystemTime> {
        let path = self.disk_path()?;
        std::fs::metadata(path).and_then(|m| m.modified()).ok()
    }

    /// The file's size in bytes.
    pub fn len(&self) -> Result<u64> {
        match self {
            Location::Disk(path) => Ok(std::fs::metadata(path)
                .map_err(|e| Error::io(path, e))?
                .len()),
            Location::Memory { bytes, .. } => Ok(bytes.len() as u64),
        }
    }

    /// Whether the file holds no byte.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// The file's bytes, all of them.
    pub fn read(&self) -> Result<Cow<'_, [u8]>> {
        match self {
            Location::Disk(path) => std::fs::read(path)
                .map(Cow::Owned)
                .map_err(|e| Error::io(path, e)),
            Location::Memory { bytes, .. } => Ok(Cow::Borrowed(bytes)),
        }
    }

    /// A reader of the file's bytes, from the start.
    pub(crate) fn open(&self) -> Result<FileReader> {
        match self {
            Location::Disk(path) => File::open(path)
                .map(|f| FileReader::Disk(BufReader::new(f)))
                .map_err(|e| Error::io(path, e)),
            Location::Memory { bytes, .. } => {
                Ok(FileReader::Memory(Cursor::new(Arc::clone(bytes))))
            }
        }
    }

    /// Whether two locations are the same file (the same path, or the same
    /// bytes in memory, not merely equal bytes).
    pub fn same(&self, other: &Location) -> bool {
        match (self, other) {
            (Location::Disk(a), Location::Disk(b)) => a == b,
            (Location::Memory { bytes: a, .. }, Location::Memory { bytes: b, .. }) => {
                Arc::ptr_eq(a, b)
            }
            _ => false,
        }
    }
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Disk(path) => f.debug_tuple("Disk").field(path).finish(),
            Location::Memory { name, bytes } => f
                .debug_struct("Memory")
                .field("name", name)
                .field("bytes", &bytes.len())
                .finish(),
        }
    }
}

impl PartialEq for Location {
    fn eq(&self, other: &Self) -> bool {
        self.same(other)
    }
}

impl Eq for Location {}

/// A data file's bytes, read from disk (buffered) or from memory: what the
/// spreadsheet readers read.
pub(crate) enum FileReader {
    Disk(BufReader<File>),
    Memory(Cursor<Arc<[u8]>>),
}

impl Read for FileReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            FileReader::Disk(r) => r.read(buf),
            FileReader::Memory(r) => r.read(buf),
        }
    }
}

impl Seek for FileReader {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        match self {
            FileReader::Disk(r) => r.seek(pos),
            FileReader::Memory(r) => r.seek(pos),
        }
    }
}
