//! `cadre serve`: the local web app. The officer drops workbooks in a
//! browser page and sees the validation report, the indicator table with
//! each value's explanation, and downloads the documents; other tools post
//! the same workbooks to the API.
//!
//! Every answer goes through [`crate::commands`], the API with the same
//! [`Inputs`] the command line builds, the page through the same
//! [`commands::Session`] on its session's data: the API's csv, JSON and
//! PDF are the command line's bytes by construction. The server adds only what a network needs:
//!
//! - Uploads are refused beyond [`Config::max_upload`] (413). An upload is
//!   never written to disk: its workbooks are read from memory (file names
//!   reduced to a bare name, each one a source of its own, as if given by a
//!   `--data` of its own), and a command's document (PDF, xlsx, XML) is
//!   sent as the bytes the command returns.
//! - The page keeps the uploaded workbooks in memory, and the data read
//!   from them (read once, on the session's first page, then shared
//!   read-only), for the downloads and explanations that follow, under an
//!   unguessable session id, for [`SESSION_MINUTES`] at most and
//!   [`STORE_BYTES`] of uploads in all (the oldest are forgotten first).
//!   Nothing is written to disk. The `--data` given at start is read again
//!   for each page: its files may change while the app runs.
//! - Routes are fixed: no path of the machine is served (anything else is
//!   404), and assets are compiled into the binary.
//! - The programme folder, the template and the `--data` given at start are
//!   the only files read.

mod html;
mod routes;
mod store;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cadre::Lang;
use cadre::ingest::{NamedFile, NoProgress, Source};
use chrono::NaiveDate;

use crate::Error;
use crate::commands::{self, Ingested, Inputs};

pub use routes::router;

/// The default upload limit per request: 64 MiB, every file of the request
/// together (multipart encoding included).
pub const MAX_UPLOAD: usize = 64 << 20;

/// How long the page keeps uploaded workbooks, in minutes.
pub const SESSION_MINUTES: u64 = 30;

/// How many bytes of uploaded workbooks the page keeps in memory in all,
/// every session together; the oldest sessions are forgotten first. The
/// data read from them is bounded through them (see `store::Store`).
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
}

impl Config {
    /// A configuration with the default limits.
    pub fn new(programme: impl Into<PathBuf>) -> Config {
        Config {
            programme: programme.into(),
            data: Vec::new(),
            max_upload: MAX_UPLOAD,
            today: None,
        }
    }
}

/// What every request shares: the configuration, the programme's languages
/// and the page's store of uploads.
pub(crate) struct App {
    config: Config,
    /// The languages the programme declares, its default first.
    languages: Vec<Lang>,
    /// The programme's calendar (start, end, programme years), for the
    /// default period and the periods the page offers.
    calendar: cadre::Calendar,
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

    /// The day uploads arrive, which dates their data (UTC, as a file's
    /// modification time is read): today's date when the app is given one.
    fn upload_day(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| chrono::Utc::now().date_naive())
    }

    /// The last ended quarter, else the programme's first.
    fn default_period(&self) -> String {
        cadre::Period::ended_quarters(self.calendar.start(), self.calendar.end(), self.today())
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
        calendar: programme.info.calendar(),
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

/// The data of one request: the uploaded workbooks, in memory, or the
/// `--data` given at start.
pub(crate) struct RequestData {
    /// The sources to read: the uploads (named bytes) or the paths given.
    sources: Vec<Source>,
    /// The day the data was extracted when the request does not say: for
    /// uploads, the day they arrived (files in memory have no modification
    /// time); for the `--data` given at start, `None`: the report dates it
    /// by its files' modification, as the command line does.
    pub(crate) data_as_of: Option<NaiveDate>,
}

impl RequestData {
    /// Uploaded files that arrived on `day`, read from memory: each one a
    /// source of its own, as if given by a `--data` of its own (reports
    /// name it by its file name).
    pub(crate) fn upload(files: &[store::File], day: NaiveDate) -> RequestData {
        RequestData {
            sources: files
                .iter()
                .map(|f| Source::File(NamedFile::new(f.name.clone(), Arc::clone(&f.bytes))))
                .collect(),
            data_as_of: Some(day),
        }
    }

    /// The data given at start.
    pub(crate) fn server(config: &Config) -> RequestData {
        RequestData {
            sources: config.data.iter().cloned().map(Source::Path).collect(),
            data_as_of: None,
        }
    }

    /// The inputs of an API call on this data. The one place the server
    /// builds [`Inputs`], as `main.rs` does from `--programme`, `--data`,
    /// `--lang` and `--allow-rejected`.
    pub(crate) fn inputs(
        &self,
        app_config: &Config,
        lang: Option<&str>,
        allow_rejected: bool,
    ) -> Inputs {
        Inputs {
            programme: app_config.programme.clone(),
            data: self.sources.clone(),
            lang: lang.map(str::to_owned),
            allow_rejected,
        }
    }

    /// This data read against the programme, for a page's session: in no
    /// language yet (each request of the session picks its own), and with
    /// no progress shown (a server has no terminal to draw it on).
    pub(crate) fn read(&self, app_config: &Config) -> Result<Ingested, Error> {
        let programme = cadre::Programme::load(&app_config.programme)?;
        Ingested::new(programme, &self.sources, &NoProgress)
    }
}

/// Text made safe for HTML, as the pages write every text from the data.
pub fn escape(s: &str) -> String {
    html::esc(s)
}
