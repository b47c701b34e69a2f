//! `cadre serve` without a browser: the API answers the command line's
//! bytes, the page's flow, and the safety of the server (upload limit,
//! damaged workbooks, paths, concurrent sessions, escaping).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use cadre_report::serve;

pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub(crate) const EXAMPLE: &str = "examples/terress/terress.xlsx";
const SMALL: &str = "tests/fixtures/formats/small.xlsx";

/// Starts the app on a free loopback port; returns its base URL.
pub(crate) fn start(config: serve::Config) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || serve::run(listener, config).unwrap());
    format!("http://{addr}")
}

pub(crate) fn start_terress() -> String {
    start(serve::Config::new(repo().join("indicators/terress")))
}

/// The command line's stdout (it must succeed or report rejected rows).
pub(crate) fn cli(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_cadre"))
        .args(args)
        .current_dir(repo())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "cadre {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A multipart body with each file as a `file` field.
pub(crate) fn multipart(files: &[(&str, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "cadre-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, bytes) in files {
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .unwrap();
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{boundary}--\r\n").unwrap();
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub(crate) fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .redirects(0)
        .build()
}

/// A response: status, headers we look at, body.
pub(crate) struct Answer {
    pub status: u16,
    pub content_type: String,
    pub clean: Option<String>,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn answer(r: Result<ureq::Response, ureq::Error>) -> Answer {
    let r = match r {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{e}"),
    };
    let mut body = Vec::new();
    let status = r.status();
    let content_type = r.header("content-type").unwrap_or_default().to_owned();
    let clean = r.header("x-cadre-clean").map(str::to_owned);
    let location = r.header("location").map(str::to_owned);
    r.into_reader().read_to_end(&mut body).unwrap();
    Answer {
        status,
        content_type,
        clean,
        location,
        body,
    }
}

pub(crate) fn get(url: &str) -> Answer {
    answer(agent().get(url).call())
}

pub(crate) fn post_files(url: &str, files: &[(&str, Vec<u8>)]) -> Answer {
    let (content_type, body) = multipart(files);
    answer(
        agent()
            .post(url)
            .set("Content-Type", &content_type)
            .send_bytes(&body),
    )
}

pub(crate) fn file(path: &str) -> (&'static str, Vec<u8>) {
    let name = Path::new(path).file_name().unwrap().to_str().unwrap();
    (
        Box::leak(name.to_owned().into_boxed_str()),
        std::fs::read(repo().join(path)).unwrap(),
    )
}

fn post_example(base: &str, route: &str) -> Answer {
    post_files(&format!("{base}{route}"), &[file(EXAMPLE)])
}

#[test]
fn compute_is_the_command_lines_csv_and_json() {
    let base = start_terress();
    for (format, lang) in [("csv", "fr"), ("json", "fr"), ("json", "en")] {
        let api = post_example(
            &base,
            &format!("/api/compute?period=2025-Q4&format={format}&lang={lang}"),
        );
        assert_eq!(api.status, 200, "{}", api.text());
        let cli = cli(&[
            "compute",
            "--programme",
            "indicators/terress",
            "--data",
            EXAMPLE,
            "--period",
            "2025-Q4",
            "--format",
            format,
            "--lang",
            lang,
        ]);
        assert!(cli.len() > 1000);
        assert_eq!(
            api.text(),
            String::from_utf8(cli).unwrap(),
            "{format} {lang}"
        );
    }
    // The default format is csv.
    let api = post_example(&base, "/api/compute?period=2025-Q3");
    assert!(api.content_type.starts_with("text/csv"));
    let cli = cli(&[
        "compute",
        "--programme",
        "indicators/terress",
        "--data",
        EXAMPLE,
        "--period",
        "2025-Q3",
    ]);
    assert_eq!(api.body, cli);
}

#[test]
fn validate_and_explain_are_the_command_lines_answers() {
    let base = start_terress();
    for format in ["text", "json"] {
        let api = post_example(&base, &format!("/api/validate?format={format}"));
        assert_eq!(api.status, 200);
        assert_eq!(api.clean.as_deref(), Some("true"));
        let cli = cli(&[
            "validate",
            "--programme",
            "indicators/terress",
            "--data",
            EXAMPLE,
            "--format",
            format,
        ]);
        assert_eq!(
            api.text(),
            String::from_utf8(cli).unwrap(),
            "validate {format}"
        );
    }
    // With a period, who has reported (the programme declares its units).
    for format in ["text", "json"] {
        let api = post_example(
            &base,
            &format!("/api/validate?format={format}&period=2025-Q4"),
        );
        let cli = cli(&[
            "validate",
            "--programme",
            "indicators/terress",
            "--data",
            EXAMPLE,
            "--format",
            format,
            "--period",
            "2025-Q4",
        ]);
        if format == "json" {
            let v: serde_json::Value = serde_json::from_slice(&cli).unwrap();
            assert!(
                v["reporting"]["units"]
                    .as_array()
                    .is_some_and(|u| u.len() > 10)
            );
        }
        assert_eq!(
            api.text(),
            String::from_utf8(cli).unwrap(),
            "validate {format} --period"
        );
    }
    for (format, lang) in [("text", "fr"), ("text", "en"), ("json", "fr")] {
        let api = post_example(
            &base,
            &format!("/api/explain?code=A3.2&period=2025-Q4&format={format}&lang={lang}"),
        );
        assert_eq!(api.status, 200, "{}", api.text());
        let cli = cli(&[
            "explain",
            "A3.2",
            "--programme",
            "indicators/terress",
            "--data",
            EXAMPLE,
            "--period",
            "2025-Q4",
            "--format",
            format,
            "--lang",
            lang,
        ]);
        assert_eq!(
            api.text(),
            String::from_utf8(cli).unwrap(),
            "explain {format} {lang}"
        );
    }
}

#[test]
fn report_is_the_command_lines_pdf() {
    let base = start_terress();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    for (lang, extra) in [("fr", ""), ("en", "&draft&final")] {
        let api = post_example(
            &base,
            &format!(
                "/api/report?period=2025-Q4&lang={lang}&date=2026-01-15&data_as_of=2026-01-10{extra}"
            ),
        );
        assert_eq!(api.status, 200, "{}", api.text());
        assert_eq!(api.content_type, "application/pdf");
        let out = dir.join(format!("{lang}.pdf"));
        // The report names the programme folder as given: the server's.
        let programme = repo().join("indicators/terress");
        let mut args = vec![
            "report",
            "--programme",
            programme.to_str().unwrap(),
            "--data",
            EXAMPLE,
            "--period",
            "2025-Q4",
            "--lang",
            lang,
            "--date",
            "2026-01-15",
            "--data-as-of",
            "2026-01-10",
            "-o",
            out.to_str().unwrap(),
        ];
        if !extra.is_empty() {
            args.extend(["--draft", "--final"]);
        }
        cli(&args);
        let cli = std::fs::read(&out).unwrap();
        assert!(api.body.starts_with(b"%PDF-"));
        if api.body != cli {
            let kept = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-api-{lang}.pdf"));
            std::fs::write(&kept, &api.body).unwrap();
            panic!(
                "the API's {lang} PDF differs from the command line's ({} kept beside {})",
                kept.display(),
                out.display()
            );
        }
    }
}

#[test]
fn errors_are_answers_not_crashes() {
    let base = start_terress();
    // Random bytes named .xlsx: 422 with the reader's reason, in the language asked.
    let bad = post_files(
        &format!("{base}/api/compute?period=2025-Q4&lang=en"),
        &[file("tests/fixtures/corrupt/not_a_workbook.xlsx")],
    );
    assert_eq!(bad.status, 422, "{}", bad.text());
    assert!(bad.text().contains("not_a_workbook.xlsx"), "{}", bad.text());
    assert!(
        !bad.text().contains("cadre-serve-"),
        "a temporary path shows: {}",
        bad.text()
    );
    let json = post_files(
        &format!("{base}/api/validate?format=json"),
        &[("x.xlsx", b"\x00\x01garbage".to_vec())],
    );
    assert_eq!(json.status, 422);
    let v: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()));
    // The page says it too, and the server still answers after.
    let page = post_files(
        &format!("{base}/upload"),
        &[file("tests/fixtures/corrupt/truncated.xlsx")],
    );
    assert_eq!(page.status, 303);
    let page = get(&format!("{base}{}", page.location.unwrap()));
    assert_eq!(page.status, 422);
    assert!(page.text().contains(r#"id="error""#));
    // A period that cannot be read, an unknown language: 400.
    assert_eq!(
        post_example(&base, "/api/compute?period=2025-Q9").status,
        400
    );
    assert_eq!(
        post_example(&base, "/api/compute?period=2025-Q4&lang=de").status,
        400
    );
    let missing = post_example(&base, "/api/compute?lang=en");
    assert_eq!(missing.status, 400);
    assert_eq!(missing.text(), "The request lacks \"period\".\n");
    // No file: 400.
    assert_eq!(post_files(&format!("{base}/api/validate"), &[]).status, 400);
    let ok = post_example(&base, "/api/compute?period=2025-Q4");
    assert_eq!(ok.status, 200);
}

/// Sends raw bytes and reads the status line (the client may not finish
/// sending: the server can answer before reading the whole body).
fn raw(base: &str, request: &[u8]) -> String {
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let _ = s.write_all(request);
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn uploads_beyond_the_limit_are_413() {
    let mut config = serve::Config::new(repo().join("indicators/terress"));
    config.max_upload = 1 << 20;
    let base = start(config);
    let big = vec![b'x'; (1 << 20) + 4096];
    // Declared too large.
    let (content_type, body) = multipart(&[("big.xlsx", big.clone())]);
    let mut request = format!(
        "POST /api/validate HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    let answer = raw(&base, &request);
    assert!(
        answer.starts_with("HTTP/1.1 413"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    // Sent in chunks, without a length: refused while reading.
    let mut request = format!(
        "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    for chunk in body.chunks(64 << 10) {
        request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        request.extend_from_slice(chunk);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    let answer = raw(&base, &request);
    assert!(
        answer.starts_with("HTTP/1.1 413"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    assert!(answer.contains("1 Mio"), "the page names the limit");
    // Under the limit, answered.
    let ok = post_files(&format!("{base}/api/validate"), &[file(SMALL)]);
    assert_eq!(ok.status, 200);
}

#[test]
fn no_path_of_the_machine_is_served() {
    let base = start_terress();
    for path in [
        "/../../etc/passwd",
        "/assets/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2fetc%2fpasswd",
        "/s/..%2f..%2fetc%2fpasswd",
        "/etc/passwd",
        "/indicators/terress/programme.toml",
        "/Cargo.toml",
    ] {
        let answer = raw(
            &base,
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert!(
            answer.starts_with("HTTP/1.1 404"),
            "{path}: {}",
            &answer[..answer.len().min(100)]
        );
        assert!(
            !answer.contains("root:") && !answer.contains("[programme]"),
            "{path}"
        );
    }
    assert_eq!(
        get(&format!("{base}/s/00000000000000000000000000000000")).status,
        404
    );
    assert_eq!(get(&format!("{base}/assets/style.css")).status, 200);
}

#[test]
fn concurrent_uploads_do_not_mix() {
    let base = start_terress();
    let expected = |data: &str| {
        cli(&[
            "compute",
            "--programme",
            "indicators/terress",
            "--data",
            data,
            "--period",
            "2025-Q1",
            "--format",
            "json",
        ])
    };
    let (a, b) = (expected(EXAMPLE), expected(SMALL));
    assert_ne!(a, b);
    std::thread::scope(|s| {
        for (data, want) in [(EXAMPLE, &a), (SMALL, &b), (EXAMPLE, &a), (SMALL, &b)] {
            let base = &base;
            s.spawn(move || {
                for _ in 0..3 {
                    // Same file name, different data.
                    let (_, bytes) = file(data);
                    let got = post_files(
                        &format!("{base}/api/compute?period=2025-Q1&format=json"),
                        &[("data.xlsx", bytes)],
                    );
                    assert_eq!(got.status, 200);
                    assert!(&got.body == want, "{data}: another upload's table");
                }
            });
        }
        // Pages too: two sessions, each its own table.
        for (data, want) in [(EXAMPLE, &a), (SMALL, &b)] {
            let base = &base;
            s.spawn(move || {
                let table: cadre::IndicatorTable = serde_json::from_slice(want).unwrap();
                let a32 = table.get("A3.2").unwrap().cumulative_value.unwrap();
                let session = post_files(&format!("{base}/upload"), &[file(data)]);
                let location = session
                    .location
                    .unwrap()
                    .replace("period=", "period=2025-Q1&x=");
                let page = get(&format!("{base}{location}")).text();
                let cell = cell_of(&page, "A3-2", "cumulative-value");
                assert_eq!(cell, cadre::table::format_value(a32), "{data}");
            });
        }
    });
}

/// The text of a value cell of an indicator's row in the page.
pub(crate) fn cell_of(page: &str, row: &str, class: &str) -> String {
    let start = page
        .find(&format!(r#"id="row-{row}""#))
        .unwrap_or_else(|| panic!("no row {row}"));
    let row_html = &page[start..start + page[start..].find("</tr>").unwrap()];
    let cell = row_html
        .find(&format!(r#"class="num {class}""#))
        .unwrap_or_else(|| panic!("no {class} in {row}"));
    let cell = &row_html[cell..];
    let cell = &cell[..cell.find("</td>").unwrap()];
    // The value is the text of the cell's link.
    let text = &cell[cell.rfind("\">").unwrap() + 2..];
    text.trim_end_matches("</a>").to_owned()
}

#[test]
fn the_page_flow_and_escaping() {
    let base = start_terress();
    // The form, in French by default, English one link away.
    let index = get(&format!("{base}/"));
    assert_eq!(index.status, 200);
    assert!(index.text().contains(r#"<html lang="fr">"#));
    assert!(index.text().contains(r#"href="/?lang=en""#));
    // The periods offered: the quarters, then the programme years (Terr'ESS
    // has two), then the whole programme.
    let offered = index.text();
    let at = |label: &str| {
        offered
            .find(&format!(r#"<option value="{label}">"#))
            .unwrap_or_else(|| panic!("{label} is not offered"))
    };
    assert!(at("2026-Q4") < at("PY1") && at("PY1") < at("PY2") && at("PY2") < at("project"));
    assert!(!offered.contains(r#"<option value="PY3">"#));
    assert!(
        get(&format!("{base}/?lang=en"))
            .text()
            .contains(r#"<html lang="en">"#)
    );

    // A csv folder sent file by file, one date cell holding markup.
    let folder = repo().join("tests/fixtures/formats/small_csv");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let mut bytes = std::fs::read(&path).unwrap();
        if name == "evenements.csv" {
            bytes = String::from_utf8(bytes)
                .unwrap()
                .replace("2025-02-13", "<script>alert(1)</script>")
                .into_bytes();
        }
        files.push((&*Box::leak(name.into_boxed_str()), bytes));
    }
    let session = post_files(&format!("{base}/upload"), &files);
    assert_eq!(session.status, 303);
    let location = session.location.unwrap();
    let page = get(&format!("{base}{location}"));
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(
        !html.contains("<script>alert(1)"),
        "markup from the data is not escaped"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains(r#"id="problems""#));
    assert!(html.contains("evenements.csv"));
    // Rejected rows stop the table, as on the command line; allowed, they are left out.
    assert!(html.contains(r#"id="error""#));
    let allowed = get(&format!("{base}{location}&allow_rejected=1")).text();
    assert!(allowed.contains(r#"id="indicator-table""#));
    assert!(allowed.contains(r#"id="notes""#));

    // The example: table, explanation, downloads, English.
    let session = post_files(&format!("{base}/upload"), &[file(EXAMPLE)]);
    let location = session.location.unwrap();
    let (path, _) = location.split_once('?').unwrap();
    let q = "period=2025-Q4&lang=fr";
    let html = get(&format!("{base}{path}?{q}")).text();
    let csv = String::from_utf8(cli(&[
        "compute",
        "--programme",
        "indicators/terress",
        "--data",
        EXAMPLE,
        "--period",
        "2025-Q4",
    ]))
    .unwrap();
    let a32 = csv.lines().find(|l| l.starts_with("A3.2,,,")).unwrap();
    let fields: Vec<&str> = a32.split(',').collect();
    assert_eq!(cell_of(&html, "A3-2", "period-value"), fields[3]);
    assert_eq!(cell_of(&html, "A3-2", "cumulative-value"), fields[4]);
    assert!(html.contains(r#"id="clean""#));
    // Who has reported in the period: every unit of the registry.
    assert!(html.contains(r#"id="reporting""#));
    let status: serde_json::Value = serde_json::from_slice(&cli(&[
        "validate",
        "--programme",
        "indicators/terress",
        "--data",
        EXAMPLE,
        "--format",
        "json",
        "--period",
        "2025-Q4",
    ]))
    .unwrap();
    let unit = status["reporting"]["units"][0]["code"].as_str().unwrap();
    assert!(html.contains(&format!("<td>{unit}</td>")), "{unit}");
    let silent = status["reporting"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["rows"].as_array().unwrap().iter().all(|n| n == 0));
    assert_eq!(
        html.contains(r#"id="silent""#),
        silent,
        "the units that sent nothing"
    );
    let explain = get(&format!("{base}{path}/explain/A3.2?{q}"));
    assert_eq!(explain.status, 200);
    let text = cli(&[
        "explain",
        "A3.2",
        "--programme",
        "indicators/terress",
        "--data",
        EXAMPLE,
        "--period",
        "2025-Q4",
    ]);
    let escaped = cadre_report::serve::escape(&String::from_utf8(text).unwrap());
    assert!(
        explain.text().contains(&escaped),
        "the explanation is explain's text"
    );
    let pdf = get(&format!("{base}{path}/report.pdf?{q}"));
    assert_eq!(pdf.content_type, "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF-"));
    let xlsx = get(&format!("{base}{path}/tracking.xlsx?{q}"));
    assert!(xlsx.body.starts_with(b"PK"));
    let iati = get(&format!("{base}{path}/iati.xml?{q}"));
    assert!(iati.text().contains("<iati-activities"), "{}", iati.text());
    let template = get(&format!("{base}/template.xlsx?lang=en"));
    assert!(template.body.starts_with(b"PK"));
    let english = get(&format!("{base}{path}?period=2025-Q4&lang=en")).text();
    assert!(english.contains(r#"<html lang="en">"#));
    assert!(english.contains("Indicator table"));
}

/// Nothing is written to disk: the server runs with a temporary folder
/// that does not exist (any attempt to write an upload or a document there
/// would fail), and uploads, the page, explanations and every download are
/// served.
#[test]
fn routes_need_no_temporary_folder() {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cadre"))
        .args([
            "serve",
            "--programme",
            "indicators/terress",
            "--addr",
            "127.0.0.1:0",
        ])
        .current_dir(repo())
        .env("TMPDIR", "/nonexistent/cadre-no-temporary-folder")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches('/')
        .to_owned();
    let compute = post_example(&base, "/api/compute?period=2025-Q4");
    let report = post_example(&base, "/api/report?period=2025-Q4");
    let bad = post_files(
        &format!("{base}/api/validate"),
        &[file("tests/fixtures/corrupt/not_a_workbook.xlsx")],
    );
    let session = post_files(&format!("{base}/upload"), &[file(EXAMPLE)]);
    let location = session.location.unwrap();
    let (path, query) = location.split_once('?').unwrap();
    let page = get(&format!("{base}{location}")).status;
    let explain = get(&format!("{base}{path}/explain/A1.1?{query}")).status;
    let pdf = get(&format!("{base}{path}/report.pdf?{query}"));
    let iati = get(&format!("{base}{path}/iati.xml?{query}")).status;
    let template = get(&format!("{base}/template.xlsx")).status;
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(compute.status, 200, "{}", compute.text());
    assert_eq!(report.status, 200, "{}", report.text());
    assert!(report.body.starts_with(b"%PDF-"));
    // A damaged upload is named as sent, never by a folder of the server.
    assert_eq!(bad.status, 422);
    assert!(bad.text().contains("not_a_workbook.xlsx"), "{}", bad.text());
    assert!(!bad.text().contains("/tmp"), "{}", bad.text());
    assert_eq!((page, explain, iati, template), (200, 200, 200, 200));
    assert!(pdf.body.starts_with(b"%PDF-"));
}

/// A session reads its upload once, on its first page, and keeps what it
/// read: once the programme's datasets are gone (no request could read the
/// upload again), the session's page, explanation and every download are
/// still served, as before; a new upload, which has to be read, is refused.
/// (The report still reads the programme's logo from its folder: only the
/// definitions go.)
#[test]
fn a_session_keeps_the_data_it_read() {
    let dir = tempfile::tempdir().unwrap();
    let programme = dir.path().join("terress");
    crate::cli::copy_tree(&repo().join("indicators/terress"), &programme);
    let mut config = serve::Config::new(&programme);
    config.today = chrono::NaiveDate::from_ymd_opt(2026, 2, 1);
    let base = start(config);
    let session = post_files(&format!("{base}/upload"), &[file(EXAMPLE)]);
    let location = session.location.unwrap();
    let (path, _) = location.split_once('?').unwrap();
    let q = "period=2025-Q4&lang=en";
    let first = get(&format!("{base}{path}?{q}"));
    assert_eq!(first.status, 200, "{}", first.text());
    let explained = get(&format!("{base}{path}/explain/A1.1?{q}"));
    assert_eq!(explained.status, 200);
    let tracking = get(&format!("{base}{path}/tracking.xlsx?{q}"));
    assert_eq!(tracking.status, 200);

    std::fs::remove_file(programme.join("datasets.toml")).unwrap();

    let again = get(&format!("{base}{path}?{q}"));
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.body, first.body);
    let explained_again = get(&format!("{base}{path}/explain/A1.1?{q}"));
    assert_eq!(explained_again.status, 200, "{}", explained_again.text());
    assert_eq!(explained_again.body, explained.body);
    let tracking_again = get(&format!("{base}{path}/tracking.xlsx?{q}"));
    assert_eq!(tracking_again.status, 200);
    assert_eq!(tracking_again.body, tracking.body);
    for document in ["iati.xml", "report.pdf"] {
        let got = get(&format!("{base}{path}/{document}?{q}"));
        assert_eq!(got.status, 200, "{document}: {}", got.text());
    }
    let fresh = post_files(&format!("{base}/upload"), &[file(EXAMPLE)]);
    let fresh = get(&format!("{base}{}", fresh.location.unwrap()));
    assert_eq!(
        fresh.status, 422,
        "a new upload was read without a programme"
    );
}

#[test]
fn listens_on_loopback_and_warns_beyond() {
    use std::io::BufRead;
    let first_line = |addr: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cadre"))
            .args(["serve", "--programme", "indicators/terress", "--addr", addr])
            .current_dir(repo())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let _ = child.kill();
        let _ = child.wait();
        line
    };
    let loopback = first_line("127.0.0.1:0");
    assert!(loopback.contains("http://127.0.0.1:"), "{loopback}");
    let everywhere = first_line("0.0.0.0:0");
    assert!(
        everywhere.contains("0.0.0.0:0") && everywhere.contains("bouclage"),
        "{everywhere}"
    );
}
