//! `cadre serve`: the local web app. The officer drops workbooks in a
//! browser page and sees the validation report, the indicator table with
//! each value's explanation, and downloads the documents; other tools post
//! the same workbooks to the API.
//!
//! Every answer goes through [`crate::commands`], with the same [`Inputs`]
//! the command line builds: the API's csv, JSON and PDF are the command
//! line's bytes by construction. The server adds only what a network needs:
//!
//! - Uploads are refused beyond [`Config::max_upload`] (413). Each request
//!   writes its workbooks to its own private temporary folder (owner-only,
//!   file names reduced to a bare name), runs one command on them, and the
//!   folder is removed when the request ends.
//! - The page keeps the uploaded workbooks in memory for the downloads and
//!   explanations that follow, under an unguessable session id, for
//!   [`SESSION_MINUTES`] at most and [`STORE_BYTES`] in all (the oldest are
//!   forgotten first). Nothing is written to disk outside a request.
//! - Routes are fixed: no path of the machine is served (anything else is
//!   404), and assets are compiled into the binary.
//! - The programme folder, the template and the `--data` given at start are
//!   the only files read besides a request's temporary folder.

mod html;
mod routes;
mod store;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cadre::Lang;
use chrono::NaiveDate;

use crate::Error;
use crate::commands::{self, Inputs};

pub use routes::router;

/// The default upload limit per request: 64 MiB, every file of the request
/// together (multipart encoding included).
pub const MAX_UPLOAD: usize = 64 << 20;

/// How long the page keeps uploaded workbooks, in minutes.
pub const SESSION_MINUTES: u64 = 30;

/// How many bytes of uploaded workbooks the page keeps in memory in all,
/// every session together; the oldest sessions are forgotten first.
pub const STORE_BYTES: usize = 256 << 20;

/// How the app is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The programme folder.
    pub programme: PathBuf,
    /// The data given at start (`--data`, each a source), offered on the
    /// page besides uploads; none when empty.
    pub data: Vec<PathBuf>,
    /// The upload limit per request, in bytes.
    pub max_upload: usize,
    /// Today's date for `project` and the default period; the system's date
    /// of each request when `None`.
    pub today: Option<NaiveDate>,
    /// Where each request's private folder is made; the system's temporary
    /// folder when `None`.
    pub scratch: Option<PathBuf>,
}

impl Config {
    /// A configuration with the default limits.
    pub fn new(programme: impl Into<PathBuf>) -> Config {
        Config {
            programme: programme.into(),
            data: Vec::new(),
            max_upload: MAX_UPLOAD,
            today: None,
            scratch: None,
        }
    }
}

/// What every request shares: the configuration, the programme's languages
/// and the page's store of uploads.
struct App {
    config: Config,
    /// The languages the programme declares, its default first.
    languages: Vec<Lang>,
    /// The programme's start and end, for the default period.
    start: NaiveDate,
    end: NaiveDate,
    store: store::Store,
}

impl App {
    fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// The language of a page: the one asked for when the programme
    /// declares it, else the programme's default.
    fn lang(&self, asked: Option<&str>) -> Lang {
        asked
            .and_then(Lang::from_code)
            .filter(|l| self.languages.contains(l))
            .unwrap_or(self.languages[0])
    }

    /// The last ended quarter, else the programme's first.
    fn default_period(&self) -> String {
        cadre::Period::ended_quarters(self.start, self.end, self.today())
            .last()
            .map(|p| p.label.clone())
            .unwrap_or_else(|| "project".to_owned())
    }
}

/// Builds the shared state; fails when the programme does not load.
fn app(config: Config) -> Result<Arc<App>, Error> {
    let (programme, _) = commands::load_programme(&config.programme, None)?;
    let mut languages = vec![programme.default_language()];
    for l in &programme.info.languages {
        if !languages.contains(l) {
            languages.push(*l);
        }
    }
    Ok(Arc::new(App {
        start: programme.info.start,
        end: programme.info.end,
        languages,
        store: store::Store::new(STORE_BYTES, SESSION_MINUTES * 60),
        config,
    }))
}

/// The language a `cadre serve` run speaks on the command line: the
/// programme's default.
pub fn programme_language(programme: &Path) -> Result<Lang, Error> {
    Ok(commands::load_programme(programme, None)?.1)
}

/// Serves the app on `listener` until Ctrl+C (or the process ends). Runs
/// its own asynchronous runtime: call it from a plain thread.
pub fn run(listener: std::net::TcpListener, config: Config) -> Result<(), Error> {
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let listen = |source| Error::Listen {
        addr: addr.clone(),
        source,
    };
    let router = router(config)?;
    listener.set_nonblocking(true).map_err(listen)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(listen)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(listen)?;
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                // Without a signal handler the server runs until killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
            .map_err(listen)
    })
}

/// Whether an address stays on this computer.
pub fn is_loopback(addr: &std::net::SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// The data of one request: the uploaded workbooks written to a private
/// temporary folder (removed when this is dropped), or the `--data` given
/// at start.
pub(crate) struct RequestData {
    /// Owns the folder: dropping it removes the files.
    folder: Option<tempfile::TempDir>,
    /// The workbooks (or csv files) to read.
    paths: Vec<PathBuf>,
    /// Where a folder is made when an output needs one.
    scratch: Option<PathBuf>,
}

/// A new private folder for one request (tempfile makes it readable by its
/// owner only); removed when dropped.
fn private_folder(config: &Config) -> std::io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("cadre-serve-");
    match &config.scratch {
        Some(dir) => builder.tempdir_in(dir),
        None => builder.tempdir(),
    }
}

impl RequestData {
    /// Writes uploaded files into a new private temporary folder.
    pub(crate) fn upload(config: &Config, files: &[store::File]) -> std::io::Result<RequestData> {
        let folder = private_folder(config)?;
        let data = folder.path().join("data");
        std::fs::create_dir(&data)?;
        let mut paths = Vec::with_capacity(files.len());
        for f in files {
            let path = data.join(&f.name);
            std::fs::write(&path, &f.bytes)?;
            paths.push(path);
        }
        Ok(RequestData {
            folder: Some(folder),
            paths,
            scratch: config.scratch.clone(),
        })
    }

    /// The data given at start.
    pub(crate) fn server(config: &Config) -> RequestData {
        RequestData {
            folder: None,
            paths: config.data.clone(),
            scratch: config.scratch.clone(),
        }
    }

    /// A scratch file for an output (the report, an export), in the
    /// request's folder, or a new one.
    pub(crate) fn scratch(&mut self, name: &str) -> std::io::Result<PathBuf> {
        if self.folder.is_none() {
            let mut config = Config::new("");
            config.scratch = self.scratch.clone();
            self.folder = Some(private_folder(&config)?);
        }
        let folder = self
            .folder
            .as_ref()
            .map(|f| f.path())
            .unwrap_or(Path::new("."));
        let out = folder.join("out");
        std::fs::create_dir_all(&out)?;
        Ok(out.join(name))
    }

    /// Removes the request's folder from a message, so that an error names
    /// the file as the user sent it, not where it was held.
    pub(crate) fn scrub(&self, message: &str) -> String {
        match &self.folder {
            Some(f) => {
                let root = f.path().display().to_string();
                message
                    .replace(&format!("{root}/data/"), "")
                    .replace(&format!("{root}/"), "")
            }
            None => message.to_owned(),
        }
    }

    /// The inputs of a command on this data. The one place the server
    /// builds [`Inputs`], as `main.rs` does from `--programme`, `--data`,
    /// `--lang` and `--allow-rejected`.
    pub(crate) fn inputs(
        &self,
        app_config: &Config,
        lang: Option<&str>,
        allow_rejected: bool,
    ) -> Inputs {
        // Each uploaded file is a source, as if given by a `--data` of its
        // own: reports name it by its file name, never by its folder.
        Inputs {
            programme: app_config.programme.clone(),
            data: self.paths.clone(),
            lang: lang.map(str::to_owned),
            allow_rejected,
            // A server has no terminal to draw a progress bar on.
            progress: false,
        }
    }
}

/// Text made safe for HTML, as the pages write every text from the data.
pub fn escape(s: &str) -> String {
    html::esc(s)
}
