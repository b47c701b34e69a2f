//! The Typst world the reports are compiled in: one template (the default
//! one compiled into the binary, or a folder), the fonts embedded in the
//! binary, and the report data as a virtual file.
//!
//! Nothing else is reachable. A template can read the files of its own folder
//! (and its subfolders); a path that leaves the folder, through `..` or a
//! symbolic link, is denied; packages are not available (no network); system
//! fonts are never looked at. The same inputs therefore give the same
//! document on any machine, and the binary makes reports from any folder.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::report::ReportError;

/// The virtual path of the report data, read by templates with
/// `json("/data.json")`.
pub const DATA_PATH: &str = "/data.json";

/// The template's entry point, inside the template folder.
pub const MAIN_FILE: &str = "main.typ";

/// The entry point of the reference sheets alone (`cadre sheets`), inside
/// the template folder beside `main.typ`.
pub const SHEETS_FILE: &str = "sheets.typ";

/// The default quarterly template (`report_templates/quarterly`), compiled
/// into the binary.
static BUILTIN: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../report_templates/quarterly");

pub use crate::report::{BUILTIN_NAME, TemplateSource};

/// The default template's files: each one's path inside the template
/// folder, and its bytes, to write out and customise.
pub fn builtin_template_files() -> Vec<(PathBuf, &'static [u8])> {
    let mut files = Vec::new();
    collect_files(&BUILTIN, &mut files);
    files
        .into_iter()
        .map(|f| (f.path().to_path_buf(), f.contents()))
        .collect()
}

fn collect_files<'a>(dir: &'a include_dir::Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(d) => collect_files(d, out),
            include_dir::DirEntry::File(f) => out.push(f),
        }
    }
}

/// Where the world reads template files from.
enum Root {
    /// The default template, in the binary.
    Builtin,
    /// A template folder, canonicalised: every file read must lie under it.
    Folder(PathBuf),
}

/// The embedded fonts, parsed once per process: parsing them is a noticeable
/// part of a report's run time.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// The standard library, built once: it holds no per-report state (the data
/// comes as a file, not as `sys.inputs`).
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The id of a project file at `path` (an absolute virtual path).
fn project_file(path: &str) -> FileId {
    // The paths given here are constants of this module, valid by construction.
    let vpath = VirtualPath::new(path).unwrap_or_else(|e| panic!("virtual path {path}: {e}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// A compilation environment for one report.
pub struct ReportWorld {
    /// Where template files are read.
    root: Root,
    /// `/main.typ`.
    main: FileId,
    /// `/data.json`.
    data_id: FileId,
    /// The report data, served as `/data.json`.
    data: Bytes,
    /// The report date, returned by `datetime.today()`.
    today: Datetime,
    /// Files read so far. A template is compiled once per world, but Typst
    /// asks for the same file several times (source, then bytes).
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    /// Other virtual files served from memory, as data (the attached table).
    served: Vec<(FileId, Bytes)>,
}

impl ReportWorld {
    /// A world over `template` (whose folder must hold `main.typ`),
    /// serving `data` as `/data.json`, with `today` as the date.
    pub fn new(
        template: &TemplateSource,
        data: Vec<u8>,
        today: NaiveDate,
    ) -> Result<Self, ReportError> {
        let root = match template {
            TemplateSource::Builtin => Root::Builtin,
            TemplateSource::Folder(dir) => {
                let root = dir
                    .canonicalize()
                    .map_err(|source| ReportError::TemplateFolder {
                        path: dir.to_path_buf(),
                        source,
                    })?;
                if !root.join(MAIN_FILE).is_file() {
                    return Err(ReportError::NoMainFile {
                        path: dir.to_path_buf(),
                    });
                }
                Root::Folder(root)
            }
        };
        let today = Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8)
            .ok_or(ReportError::DateOutOfRange(today))?;
        Ok(ReportWorld {
            root,
            main: project_file(&format!("/{MAIN_FILE}")),
            data_id: project_file(DATA_PATH),
            data: Bytes::new(data),
            today,
            files: Mutex::default(),
            sources: Mutex::default(),
            served: Vec::new(),
        })
    }

    /// Compiles `file` (a file of the template folder, `sheets.typ`)
    /// instead of `main.typ`: another document of the same template.
    pub fn with_main(mut self, file: &str) -> Self {
        self.main = project_file(&format!("/{file}"));
        self
    }

    /// Serves `bytes` at the virtual path `path` (absolute, a constant of
    /// cadre), before any template file of that name, like `/data.json`.
    pub fn with_file(mut self, path: &str, bytes: Vec<u8>) -> Self {
        self.served.push((project_file(path), Bytes::new(bytes)));
        self
    }

    /// The real path of a file of the world, for messages: a template file
    /// under the folder, or `None` for the virtual data file, packages and
    /// the files of the built-in template.
    pub fn real_path(&self, id: FileId) -> Option<PathBuf> {
        if self.is_data(id) || *id.root() != VirtualRoot::Project {
            return None;
        }
        match &self.root {
            Root::Builtin => None,
            Root::Folder(root) => id.vpath().realize(root).ok(),
        }
    }

    /// Whether `id` is the virtual data file.
    pub fn is_data(&self, id: FileId) -> bool {
        id == self.data_id || self.served.iter().any(|(f, _)| *f == id)
    }

    /// Reads a template file, refusing anything outside the folder.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            // Checked first: a template file named data.json cannot shadow the data.
            return Ok(self.data.clone());
        }
        if let Some((_, bytes)) = self.served.iter().find(|(f, _)| *f == id) {
            return Ok(bytes.clone());
        }
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                format!("packages are not available to report templates ({spec}); copy what you need into the template folder").into(),
            ))));
        }
        let root = match &self.root {
            Root::Folder(root) => root,
            Root::Builtin => {
                let path = id.vpath().get_without_slash();
                return BUILTIN
                    .get_file(path)
                    .map(|f| Bytes::new(f.contents()))
                    .ok_or_else(|| FileError::NotFound(PathBuf::from(path)));
            }
        };
        let path = id.vpath().realize(root).map_err(FileError::Realize)?;
        // Resolve symbolic links before checking, so that a link inside the
        // folder cannot point outside it.
        let real = path
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &path))?;
        if !real.starts_with(root) {
            return Err(FileError::AccessDenied);
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&real)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &path))
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = sources.get(&id) {
            return s.clone();
        }
        let result = self.file(id).and_then(|bytes| {
            let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
            // Like the Typst CLI: a byte order mark is not part of the source.
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            Ok(Source::new(id, text.to_owned()))
        });
        sources.insert(id, result.clone());
        result
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = files.get(&id) {
            return f.clone();
        }
        let result = self.read(id);
        files.insert(id, result.clone());
        result
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The report date, never the clock: the same inputs give the same document.
        Some(self.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_template(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cadre-world-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(MAIN_FILE), "= Hello").unwrap();
        dir
    }

    #[test]
    fn serves_the_data_before_any_template_file() {
        let dir = temp_template("data");
        std::fs::write(dir.join("data.json"), "{\"shadow\": true}").unwrap();
        let world = ReportWorld::new(
            &TemplateSource::Folder(dir.clone()),
            b"{\"real\": 1}".to_vec(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        )
        .unwrap();
        let bytes = world.file(project_file(DATA_PATH)).unwrap();
        assert_eq!(bytes.as_slice(), b"{\"real\": 1}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn denies_files_outside_the_folder() {
        let dir = temp_template("deny");
        let world = ReportWorld::new(
            &TemplateSource::Folder(dir.clone()),
            b"{}".to_vec(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        )
        .unwrap();
        // An absolute path is taken inside the folder, where it does not exist.
        assert!(matches!(
            world.file(project_file("/etc/passwd")),
            Err(FileError::NotFound(_))
        ));
        assert!(VirtualPath::new("/../Cargo.toml").is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc", dir.join("etc-link")).unwrap();
            assert!(matches!(
                world.file(project_file("/etc-link/hostname")),
                Err(FileError::AccessDenied)
            ));
        }
        assert!(world.file(project_file(&format!("/{MAIN_FILE}"))).is_ok());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_builtin_template_is_the_folder_s() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../report_templates/quarterly");
        let mut files = Vec::new();
        collect_files(&BUILTIN, &mut files);
        assert!(
            files
                .iter()
                .any(|f| f.path() == std::path::Path::new(MAIN_FILE))
        );
        for f in files {
            let on_disk = std::fs::read(folder.join(f.path())).unwrap();
            assert_eq!(on_disk, f.contents(), "{}", f.path().display());
        }
        let world = ReportWorld::new(
            &TemplateSource::Builtin,
            b"{}".to_vec(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        )
        .unwrap();
        assert!(world.file(project_file(&format!("/{MAIN_FILE}"))).is_ok());
        assert!(matches!(
            world.file(project_file("/etc/passwd")),
            Err(FileError::NotFound(_))
        ));
    }

    #[test]
    fn today_is_the_report_date() {
        let dir = temp_template("today");
        let world = ReportWorld::new(
            &TemplateSource::Folder(dir.clone()),
            b"{}".to_vec(),
            NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        )
        .unwrap();
        assert_eq!(world.today(None), Datetime::from_ymd(2026, 1, 15));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
