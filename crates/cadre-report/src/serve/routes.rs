//! The routes: the page (form, results, explanations, downloads) and the
//! API. Each handler reads its request, runs one command of
//! [`crate::commands`] on a blocking thread, and answers.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use cadre::Lang;
use chrono::NaiveDate;
use serde::Deserialize;

use super::html::{self, Frame, Links, pct};
use super::store::{self, File};
use super::{App, Config, RequestData};
use crate::Error;
use crate::commands::{
    self, ExportFormat, Ingested, ReportArgs, Session, TableFormat, TextOrJson, When,
};
use crate::messages::web::{WebText, WebWord};

type Shared = State<Arc<App>>;

/// The app's routes. Anything else is 404: no path of the machine is served.
pub fn router(config: Config) -> Result<Router, Error> {
    let max = config.max_upload;
    let app = super::app(config)?;
    Ok(Router::new()
        .route("/", get(index))
        .route("/assets/style.css", get(style))
        .route("/assets/app.js", get(script))
        .route("/upload", post(upload))
        .route("/s/{id}", get(results))
        .route("/s/{id}/explain/{code}", get(explain_page))
        .route("/s/{id}/report.pdf", get(report_download))
        .route("/s/{id}/tracking.xlsx", get(tracking_download))
        .route("/s/{id}/iati.xml", get(iati_download))
        .route("/template.xlsx", get(template_download))
        .route("/api/validate", post(api_validate))
        .route("/api/compute", post(api_compute))
        .route("/api/report", post(api_report))
        .route("/api/explain", post(api_explain))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(max))
        .with_state(app))
}

/// The options a page or an API call may carry in its query.
#[derive(Debug, Default, Deserialize)]
struct Params {
    period: Option<String>,
    lang: Option<String>,
    format: Option<String>,
    code: Option<String>,
    allow_rejected: Option<String>,
    today: Option<NaiveDate>,
    date: Option<NaiveDate>,
    data_as_of: Option<NaiveDate>,
    draft: Option<String>,
    #[serde(rename = "final")]
    final_report: Option<String>,
    evidence: Option<String>,
    reference_sheets: Option<String>,
}

/// A flag is set by its presence, unless it says `0`, `false`, `no` or `off`.
fn flag(v: &Option<String>) -> bool {
    matches!(v.as_deref(), Some(s) if !matches!(s, "0" | "false" | "no" | "off"))
}

impl Params {
    fn allow_rejected(&self) -> bool {
        flag(&self.allow_rejected)
    }

    fn when(&self, app: &App) -> When {
        When {
            period: self.period.clone().unwrap_or_else(|| app.default_period()),
            today: self.today.unwrap_or_else(|| app.today()),
        }
    }

    /// The query the page's links carry: period, language, allowed rows.
    fn page_query(&self, app: &App, lang: Lang) -> String {
        let mut q = format!(
            "period={}&lang={}",
            pct(&self.when(app).period),
            lang.code()
        );
        if self.allow_rejected() {
            q += "&allow_rejected=1";
        }
        q
    }

    /// The report's arguments; `data_as_of` dates the data when the query
    /// does not (see [`RequestData::data_as_of`]).
    fn report_args(&self, data_as_of: Option<NaiveDate>) -> ReportArgs {
        ReportArgs {
            template: None,
            date: self.date,
            source_date_epoch: None,
            pdf_standard: None,
            narrative: None,
            strict: false,
            draft: flag(&self.draft),
            final_report: flag(&self.final_report),
            data_as_of: self.data_as_of.or(data_as_of),
            previous: None,
            previous_period: None,
            evidence: flag(&self.evidence),
            reference_sheets: flag(&self.reference_sheets),
            kind: None,
        }
    }
}

/// Headers every answer carries: no script or style from elsewhere, no
/// guessing of content types, no framing.
fn secure(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn html_response(status: StatusCode, body: String) -> Response {
    secure(
        (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response(),
    )
}

fn bytes_response(content_type: &'static str, bytes: Vec<u8>) -> Response {
    secure(([(header::CONTENT_TYPE, content_type)], bytes).into_response())
}

fn download(content_type: &'static str, name: &str, bytes: Vec<u8>) -> Response {
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut r = bytes_response(content_type, bytes);
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// An error's status: usage (period, language, query) 400; data the
/// command refuses (a damaged workbook, rejected rows, definitions) 422;
/// the server's own failures 500.
fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::UnknownLanguage { .. } | Error::CsvTableNeedsPeriod => StatusCode::BAD_REQUEST,
        Error::Cadre(c) if matches!(**c, cadre::Error::Period { .. }) => StatusCode::BAD_REQUEST,
        Error::Write { .. } | Error::Json(_) | Error::Listen { .. } | Error::Xlsx { .. } => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// Why a request could not be served, before or around a command.
enum Failure {
    /// A command's error: its status and its message.
    Command(StatusCode, String),
    /// An upload beyond the limit.
    TooLarge,
    /// A request the app cannot read.
    Unreadable(String),
    /// A query without a field it needs.
    Missing(&'static str),
    /// No file in a form that needs one.
    NoFile,
    /// A session no longer held.
    Expired,
    /// A failure of the server itself (no random id, a thread).
    Internal(String),
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::Command(status, _) => *status,
            Failure::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::Unreadable(_) | Failure::Missing(_) | Failure::NoFile => {
                StatusCode::BAD_REQUEST
            }
            Failure::Expired => StatusCode::NOT_FOUND,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message(&self, lang: Lang, max_upload: usize) -> String {
        match self {
            Failure::Command(_, m) => m.clone(),
            Failure::TooLarge => WebText::TooLarge {
                mib: (max_upload >> 20) as u64,
            }
            .render(lang),
            Failure::Unreadable(reason) => WebText::UploadUnreadable { reason }.render(lang),
            Failure::Missing(name) => WebText::MissingQuery { name }.render(lang),
            Failure::NoFile => WebWord::NoFile.text(lang).to_owned(),
            Failure::Expired => WebWord::SessionExpired.text(lang).to_owned(),
            Failure::Internal(reason) => WebText::ServerFailure { reason }.render(lang),
        }
    }

    fn command(e: Error, lang: Lang) -> Failure {
        Failure::Command(status_of(&e), e.message(lang))
    }
}

/// Runs blocking work (a command) off the asynchronous threads; a panic
/// becomes a 500, never a crash.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(Failure::Internal(e.to_string())))
}

/// Reads a multipart form: its files (bare, unique names) and its other
/// fields as text.
async fn read_form(
    headers: &HeaderMap,
    max: usize,
    mut form: Multipart,
) -> Result<(Vec<File>, HashMap<String, String>), Failure> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(Failure::TooLarge);
    }
    let refused = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Failure::TooLarge
        } else {
            Failure::Unreadable(e.body_text())
        }
    };
    let mut files = Vec::new();
    let mut fields = HashMap::new();
    while let Some(field) = form.next_field().await.map_err(refused)? {
        let name = field.name().unwrap_or_default().to_owned();
        // `file` fields, and any part that carries a file name (`files`,
        // `file[]` as some clients write them).
        if name == "file" || field.file_name().is_some() {
            let sent = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(refused)?;
            // A form with no file chosen sends an empty, nameless part.
            if sent.is_empty() && bytes.is_empty() {
                continue;
            }
            files.push(File {
                name: store::bare_name(&sent),
                bytes: Arc::from(bytes.as_ref()),
            });
        } else {
            let text = field.text().await.map_err(refused)?;
            fields.insert(name, text);
        }
    }
    store::unique_names(&mut files);
    Ok((files, fields))
}

/// The data of a page's session, read against the programme: what its
/// requests run their command on.
struct PageData {
    /// The data: an upload's, read once and shared by the session's
    /// requests; the `--data` given at start, read for this request.
    ingested: Arc<Ingested>,
    /// The names of the files, for the page.
    names: Vec<String>,
    /// The day the data was extracted when the request does not say (see
    /// [`RequestData::data_as_of`]).
    data_as_of: Option<NaiveDate>,
}

impl PageData {
    /// The session `id`'s data: the upload it holds, or the `--data`
    /// given at start (session `server`); a failure to read it is the
    /// command's, in `lang`.
    fn of(app: &App, id: &str, lang: Lang) -> Result<PageData, Failure> {
        let failed = |e| Failure::command(e, lang);
        if id == "server" && !app.config.data.is_empty() {
            let names = app
                .config
                .data
                .iter()
                .map(|p| {
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                })
                .collect();
            let data = RequestData::server(&app.config);
            return Ok(PageData {
                ingested: Arc::new(data.read(&app.config).map_err(failed)?),
                names,
                data_as_of: data.data_as_of,
            });
        }
        let upload = app.store.get(id).ok_or(Failure::Expired)?;
        let data = RequestData::upload(&upload.files, upload.received);
        Ok(PageData {
            ingested: upload
                .ingested(|_| data.read(&app.config))
                .map_err(failed)?,
            names: upload.files.iter().map(|f| f.name.clone()).collect(),
            data_as_of: data.data_as_of,
        })
    }

    /// The commands on this data, in `lang`.
    fn session(&self, lang: Lang, allow_rejected: bool) -> Session<'_> {
        self.ingested.session(lang, allow_rejected)
    }
}

/// A page's language (the one asked for when the programme declares it)
/// and the programme's languages, for the switch.
fn frame_parts(app: &App, params: &Params) -> (Lang, Vec<Lang>) {
    (app.lang(params.lang.as_deref()), app.languages.clone())
}

fn page_error(app: &App, lang: Lang, failure: &Failure) -> Response {
    let languages = app.languages.clone();
    let in_lang = |l: Lang| format!("/?lang={}", l.code());
    let frame = Frame {
        lang,
        languages: &languages,
        in_lang: &in_lang,
    };
    html_response(
        failure.status(),
        frame.error(&failure.message(lang, app.config.max_upload)),
    )
}

async fn index(State(app): Shared, Query(params): Query<Params>) -> Response {
    let (lang, languages) = frame_parts(&app, &params);
    let in_lang = |l: Lang| format!("/?lang={}", l.code());
    let frame = Frame {
        lang,
        languages: &languages,
        in_lang: &in_lang,
    };
    let period = app.default_period();
    // The quarters, then the programme years (`PY1`…), then the whole
    // programme so far.
    let calendar = app.calendar;
    let mut periods: Vec<String> = cadre::Period::quarters(calendar.start(), calendar.end())
        .into_iter()
        .chain(calendar.programme_years())
        .map(|p| p.label)
        .collect();
    periods.push("project".to_owned());
    let form = html::Form {
        default_period: &period,
        periods: &periods,
        max_upload: app.config.max_upload,
        minutes: super::SESSION_MINUTES,
        server_data: !app.config.data.is_empty(),
    };
    html_response(StatusCode::OK, html::index(&frame, &form))
}

async fn style() -> Response {
    bytes_response(
        "text/css; charset=utf-8",
        include_str!("assets/style.css").into(),
    )
}

async fn script() -> Response {
    bytes_response(
        "text/javascript; charset=utf-8",
        include_str!("assets/app.js").into(),
    )
}

async fn not_found(State(app): Shared, Query(params): Query<Params>) -> Response {
    let lang = app.lang(params.lang.as_deref());
    let languages = app.languages.clone();
    let in_lang = |l: Lang| format!("/?lang={}", l.code());
    let frame = Frame {
        lang,
        languages: &languages,
        in_lang: &in_lang,
    };
    html_response(
        StatusCode::NOT_FOUND,
        frame.error(WebWord::NotFound.text(lang)),
    )
}

/// The form's post: keeps the files, then shows the results page.
async fn upload(State(app): Shared, headers: HeaderMap, form: Multipart) -> Response {
    let (files, fields) = match read_form(&headers, app.config.max_upload, form).await {
        Ok(read) => read,
        Err(f) => return page_error(&app, app.lang(None), &f),
    };
    let lang = app.lang(fields.get("lang").map(String::as_str));
    if files.is_empty() {
        return page_error(&app, lang, &Failure::NoFile);
    }
    let Some(id) = app.store.insert(files, app.upload_day()) else {
        return page_error(&app, lang, &Failure::Internal("getrandom".into()));
    };
    let params = Params {
        period: fields
            .get("period")
            .filter(|p| !p.trim().is_empty())
            .cloned(),
        allow_rejected: fields.get("allow_rejected").cloned(),
        ..Params::default()
    };
    let location = format!("/s/{id}?{}", params.page_query(&app, lang));
    secure(
        (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, location)],
            Body::empty(),
        )
            .into_response(),
    )
}

/// The results page of a session: validation, table, downloads.
async fn results(
    State(app): Shared,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let (lang, languages) = frame_parts(&app, &params);
    let base = format!("/s/{}", pct(&id));
    let query = params.page_query(&app, lang);
    let work = {
        let app = Arc::clone(&app);
        let id = id.clone();
        let when = params.when(&app);
        let allow = params.allow_rejected();
        move || {
            let data = PageData::of(&app, &id, lang)?;
            let session = data.session(lang, allow);
            let validation = session
                .validation(Some(&when))
                .map_err(|e| Failure::command(e, lang))?;
            let rejected = !validation.report.is_clean();
            let validation = html::validation(&validation, lang);
            let table = session.table(&when).map_err(|e| e.message(lang));
            Ok((validation, rejected, table, data.names))
        }
    };
    match blocking(work).await {
        Ok((validation, rejected, table, names)) => {
            let in_lang = |l: Lang| format!("{base}?{}", params.page_query(&app, l));
            let frame = Frame {
                lang,
                languages: &languages,
                in_lang: &in_lang,
            };
            let links = Links {
                base: &base,
                query: &query,
            };
            let (table, notes) = match table {
                Ok((t, notes)) => (Ok(html::table(&t, lang, &links)), notes),
                Err(message) => (Err(message), Vec::new()),
            };
            let page = html::results(
                &frame,
                &html::Results {
                    files: &names,
                    validation: &validation,
                    table,
                    notes: &notes,
                    rejected,
                },
                &links,
            );
            html_response(StatusCode::OK, page)
        }
        Err(f) => page_error(&app, lang, &f),
    }
}

/// How one value was made.
async fn explain_page(
    State(app): Shared,
    Path((id, code)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> Response {
    let (lang, languages) = frame_parts(&app, &params);
    let base = format!("/s/{}", pct(&id));
    let query = params.page_query(&app, lang);
    let work = {
        let app = Arc::clone(&app);
        let code = code.clone();
        let when = params.when(&app);
        let allow = params.allow_rejected();
        move || {
            let data = PageData::of(&app, &id, lang)?;
            let out = data
                .session(lang, allow)
                .explain(&code, &when, TextOrJson::Text)
                .map_err(|e| Failure::command(e, lang))?;
            Ok(String::from_utf8_lossy(&out.output).into_owned())
        }
    };
    match blocking(work).await {
        Ok(text) => {
            let in_lang = |l: Lang| {
                format!(
                    "{base}/explain/{}?{}",
                    pct(&code),
                    params.page_query(&app, l)
                )
            };
            let frame = Frame {
                lang,
                languages: &languages,
                in_lang: &in_lang,
            };
            let links = Links {
                base: &base,
                query: &query,
            };
            html_response(
                StatusCode::OK,
                html::explanation(&frame, &code, &text, &links),
            )
        }
        Err(f) => page_error(&app, lang, &f),
    }
}

/// Which document a download makes.
#[derive(Clone, Copy)]
enum Document {
    Report,
    Tracking,
    Iati,
}

async fn report_download(state: Shared, id: Path<String>, params: Query<Params>) -> Response {
    document(state, id, params, Document::Report).await
}

async fn tracking_download(state: Shared, id: Path<String>, params: Query<Params>) -> Response {
    document(state, id, params, Document::Tracking).await
}

async fn iati_download(state: Shared, id: Path<String>, params: Query<Params>) -> Response {
    document(state, id, params, Document::Iati).await
}

/// A document of a session, made by its command from the session's data
/// and sent as the bytes the command returns.
async fn document(
    State(app): Shared,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    which: Document,
) -> Response {
    let lang = app.lang(params.lang.as_deref());
    let when = params.when(&app);
    let label = when.period.clone();
    let work = {
        let app = Arc::clone(&app);
        let allow = params.allow_rejected();
        move || {
            let data = PageData::of(&app, &id, lang)?;
            let session = data.session(lang, allow);
            let done = match which {
                Document::Report => session.report(&when, &params.report_args(data.data_as_of)),
                Document::Tracking => {
                    session.export(ExportFormat::Xlsx, &[], when.today, &Default::default())
                }
                Document::Iati => {
                    session.export(ExportFormat::Iati, &[], when.today, &Default::default())
                }
            };
            done.map(|o| o.output)
                .map_err(|e| Failure::command(e, lang))
        }
    };
    match blocking(work).await {
        Ok(bytes) => match which {
            Document::Report => download(
                "application/pdf",
                &format!("report-{label}-{}.pdf", lang.code()),
                bytes,
            ),
            Document::Tracking => download(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "tracking.xlsx",
                bytes,
            ),
            Document::Iati => download("application/xml", "iati.xml", bytes),
        },
        Err(f) => page_error(&app, lang, &f),
    }
}

/// The blank data-entry workbook.
async fn template_download(State(app): Shared, Query(params): Query<Params>) -> Response {
    let lang = app.lang(params.lang.as_deref());
    let work = {
        let app = Arc::clone(&app);
        move || {
            commands::template(&app.config.programme, None, Some(lang.code()))
                .map(|o| o.output)
                .map_err(|e| Failure::Command(status_of(&e), e.message(lang)))
        }
    };
    match blocking(work).await {
        Ok(bytes) => download(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("template-{}.xlsx", lang.code()),
            bytes,
        ),
        Err(f) => page_error(&app, lang, &f),
    }
}

// The API: the command line's answers over HTTP.

/// An API error: its status and its message as text (or `{"error": …}`
/// when JSON was asked for).
fn api_error(app: &App, params: &Params, failure: &Failure) -> Response {
    let lang = commands::fallback_language(params.lang.as_deref());
    let lang = if app.languages.contains(&lang) {
        lang
    } else {
        app.languages[0]
    };
    let message = failure.message(lang, app.config.max_upload);
    let response = if params.format.as_deref() == Some("json") {
        (
            failure.status(),
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::json!({ "error": message }).to_string(),
        )
            .into_response()
    } else {
        (
            failure.status(),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{}\n", message.trim_end()),
        )
            .into_response()
    };
    secure(response)
}

/// Reads the posted workbooks and runs `run` on them, from memory: read
/// as the command line reads its inputs (an unknown language refused
/// before any file is read), for this call only.
/// A query field the call needs and lacks (`missing`) is reported after the
/// body is read: a client sending its workbooks is answered, not cut off.
async fn api<F>(
    app: Arc<App>,
    params: Params,
    headers: HeaderMap,
    form: Multipart,
    missing: Option<&'static str>,
    run: F,
) -> Response
where
    F: FnOnce(&Session<'_>, &RequestData, &Params) -> Result<Response, Error> + Send + 'static,
{
    let files = match read_form(&headers, app.config.max_upload, form).await {
        Ok(_) if missing.is_some() => Err(Failure::Missing(missing.unwrap_or_default())),
        Ok((files, _)) if files.is_empty() => Err(Failure::NoFile),
        Ok((files, _)) => Ok(files),
        Err(f) => Err(f),
    };
    let files = match files {
        Ok(files) => files,
        Err(f) => return api_error(&app, &params, &f),
    };
    let params = Arc::new(params);
    let work = {
        let app = Arc::clone(&app);
        let params = Arc::clone(&params);
        move || {
            let data = RequestData::upload(&files, app.upload_day());
            let allow = params.allow_rejected();
            let inputs = data.inputs(&app.config, params.lang.as_deref(), allow);
            // An error in the language asked for if cadre speaks it (an
            // undeclared one is itself the error), else the programme's.
            let lang = params
                .lang
                .as_deref()
                .and_then(Lang::from_code)
                .unwrap_or(app.languages[0]);
            commands::open(&inputs, |_| None)
                .and_then(|(ingested, lang)| run(&ingested.session(lang, allow), &data, &params))
                .map_err(|e| Failure::command(e, lang))
        }
    };
    match blocking(work).await {
        Ok(r) => secure(r),
        Err(f) => api_error(&app, &params, &f),
    }
}

fn text_or_json(params: &Params) -> TextOrJson {
    match params.format.as_deref() {
        Some("json") => TextOrJson::Json,
        _ => TextOrJson::Text,
    }
}

fn text_or_json_type(format: TextOrJson) -> &'static str {
    match format {
        TextOrJson::Json => "application/json",
        TextOrJson::Text => "text/plain; charset=utf-8",
    }
}

/// `POST /api/validate[?lang=L&format=text|json&period=P]`: what `cadre
/// validate` prints (with who has reported in the period, when given); the
/// header `x-cadre-clean` says whether every row was accepted.
async fn api_validate(
    State(app): Shared,
    Query(params): Query<Params>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let when = params.period.as_ref().map(|_| params.when(&app));
    api(
        app,
        params,
        headers,
        form,
        None,
        move |session, _, params| {
            let format = text_or_json(params);
            let out = session.validate(when.as_ref(), format)?;
            let mut r = bytes_response(text_or_json_type(format), out.output);
            r.headers_mut().insert(
                "x-cadre-clean",
                HeaderValue::from_static(if out.clean { "true" } else { "false" }),
            );
            Ok(r)
        },
    )
    .await
}

/// `POST /api/compute?period=P[&format=csv|json&lang=L&allow_rejected=1]`:
/// what `cadre compute` prints.
async fn api_compute(
    State(app): Shared,
    Query(params): Query<Params>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let missing = params.period.is_none().then_some("period");
    let when = params.when(&app);
    api(
        app,
        params,
        headers,
        form,
        missing,
        move |session, _, params| {
            let (format, content_type) = match params.format.as_deref() {
                Some("json") => (TableFormat::Json, "application/json"),
                _ => (TableFormat::Csv, "text/csv; charset=utf-8"),
            };
            let out = session.compute(&when, format)?;
            Ok(bytes_response(content_type, out.output))
        },
    )
    .await
}

/// `POST /api/report?period=P[&lang=L&date=D&data_as_of=D&draft&final&evidence&reference_sheets&allow_rejected]`:
/// the PDF `cadre report` writes.
async fn api_report(
    State(app): Shared,
    Query(params): Query<Params>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let missing = params.period.is_none().then_some("period");
    let when = params.when(&app);
    api(
        app,
        params,
        headers,
        form,
        missing,
        move |session, data, params| {
            let args = params.report_args(data.data_as_of);
            let bytes = session.report(&when, &args)?.output;
            Ok(download(
                "application/pdf",
                &format!("report-{}.pdf", when.period),
                bytes,
            ))
        },
    )
    .await
}

/// `POST /api/explain?code=C&period=P[&format=text|json&lang=L]`: what
/// `cadre explain` prints.
async fn api_explain(
    State(app): Shared,
    Query(params): Query<Params>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let code = params.code.clone().unwrap_or_default();
    let missing = match (&params.code, &params.period) {
        (None, _) => Some("code"),
        (_, None) => Some("period"),
        _ => None,
    };
    let when = params.when(&app);
    api(
        app,
        params,
        headers,
        form,
        missing,
        move |session, _, params| {
            let format = text_or_json(params);
            let out = session.explain(&code, &when, format)?;
            Ok(bytes_response(text_or_json_type(format), out.output))
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        assert!(flag(&Some(String::new())));
        assert!(flag(&Some("1".into())));
        assert!(!flag(&Some("false".into())));
        assert!(!flag(&None));
    }
}
