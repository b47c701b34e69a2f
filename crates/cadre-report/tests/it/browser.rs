//! `cadre serve` in a real browser: headless Chromium driven through
//! WebDriver (`chromedriver`), from the upload to the table, an
//! explanation, the PDF and the English page, with screenshots.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`tests/run` installs
//! them). Without `chromedriver` the test fails and says so, unless
//! `CADRE_SKIP_BROWSER_TESTS=1`. Screenshots go to `$CADRE_SCREENSHOTS`,
//! else to `<target>/tmp/screenshots/`.

use std::path::{Path, PathBuf};

use base64::prelude::{BASE64_STANDARD, Engine as _};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::serve::{EXAMPLE, agent, cell_of, cli, get, repo, start_terress};

/// The W3C name of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// `chromedriver` on a free port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn find(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}

impl Driver {
    fn start(chromedriver: &Path) -> Driver {
        let port = free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(r) = agent().get(&format!("{}/status", driver.url)).call() {
                let v: Value = r.into_json().unwrap();
                if v["value"]["ready"] == true {
                    return driver;
                }
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// One browser session: the few WebDriver commands the test needs.
struct Browser<'d> {
    driver: &'d Driver,
    session: String,
}

impl Drop for Browser<'_> {
    fn drop(&mut self) {
        let _ = agent()
            .delete(&format!("{}/session/{}", self.driver.url, self.session))
            .call();
    }
}

fn call(request: ureq::Request, body: Option<Value>) -> Value {
    let r = match body {
        Some(b) => request.send_json(b),
        None => request.call(),
    };
    match r {
        Ok(r) => r.into_json::<Value>().unwrap()["value"].clone(),
        Err(ureq::Error::Status(code, r)) => {
            panic!("WebDriver {code}: {}", r.into_string().unwrap_or_default())
        }
        Err(e) => panic!("WebDriver: {e}"),
    }
}

impl<'d> Browser<'d> {
    fn open(driver: &'d Driver, profile: &Path) -> Browser<'d> {
        let chromium = find("chromium").unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": chromium,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--hide-scrollbars",
                        "--window-size=1280,1000",
                        format!("--user-data-dir={}", profile.display()),
                    ],
                },
            }},
        });
        let v = call(
            agent().post(&format!("{}/session", driver.url)),
            Some(capabilities),
        );
        Browser {
            driver,
            session: v["sessionId"].as_str().unwrap().to_owned(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{path}", self.driver.url, self.session)
    }

    fn post(&self, path: &str, body: Value) -> Value {
        call(agent().post(&self.url(path)), Some(body))
    }

    fn get(&self, path: &str) -> Value {
        call(agent().get(&self.url(path)), None)
    }

    fn go(&self, url: &str) {
        self.post("/url", json!({ "url": url }));
    }

    fn element(&self, css: &str) -> String {
        let v = self.post("/element", json!({ "using": "css selector", "value": css }));
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {v}"))
            .to_owned()
    }

    fn text(&self, css: &str) -> String {
        let e = self.element(css);
        self.get(&format!("/element/{e}/text"))
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn attribute(&self, css: &str, name: &str) -> String {
        let e = self.element(css);
        self.get(&format!("/element/{e}/attribute/{name}"))
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn click(&self, css: &str) {
        let e = self.element(css);
        self.post(&format!("/element/{e}/click"), json!({}));
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.post(&format!("/element/{e}/clear"), json!({}));
        self.post(&format!("/element/{e}/value"), json!({ "text": text }));
    }

    fn current_url(&self) -> String {
        self.get("/url").as_str().unwrap().to_owned()
    }

    /// Waits until the page's address contains `part` (a click that
    /// submits a form may return before the next page is there).
    fn wait_for_url(&self, part: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let url = self.current_url();
            if url.contains(part) && self.ready() {
                return url;
            }
            assert!(
                Instant::now() < deadline,
                "still at {url}, waiting for {part}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn ready(&self) -> bool {
        self.post(
            "/execute/sync",
            json!({ "script": "return document.readyState;", "args": [] }),
        ) == "complete"
    }

    fn source(&self) -> String {
        self.get("/source").as_str().unwrap().to_owned()
    }

    /// A screenshot of the whole page: the window is first made as tall as
    /// the page.
    fn screenshot(&self, folder: &Path, name: &str) {
        let height = self
            .post(
                "/execute/sync",
                json!({ "script": "return document.documentElement.scrollHeight;", "args": [] }),
            )
            .as_u64()
            .unwrap_or(1000)
            .clamp(600, 4000);
        self.post(
            "/window/rect",
            json!({ "width": 1280, "height": height + 140 }),
        );
        let png = BASE64_STANDARD
            .decode(self.get("/screenshot").as_str().unwrap())
            .expect("WebDriver sends a screenshot in base64");
        assert!(png.starts_with(b"\x89PNG"));
        std::fs::write(folder.join(format!("{name}.png")), png).unwrap();
        self.post("/window/rect", json!({ "width": 1280, "height": 1000 }));
    }
}

fn screenshots() -> PathBuf {
    let folder = std::env::var_os("CADRE_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots"));
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

#[test]
fn upload_table_explain_pdf_in_a_browser() {
    if std::env::var("CADRE_SKIP_BROWSER_TESTS").is_ok_and(|v| v == "1") {
        eprintln!("browser test skipped (CADRE_SKIP_BROWSER_TESTS=1)");
        return;
    }
    let chromedriver = find("chromedriver").unwrap_or_else(|| {
        panic!(
            "the browser test needs chromedriver and chromium: `tests/run` installs them \
             (apt-get install chromium chromium-driver), or set CADRE_SKIP_BROWSER_TESTS=1 to skip it"
        )
    });
    let shots = screenshots();
    let base = start_terress();
    let driver = Driver::start(&chromedriver);
    let profile = tempfile::tempdir().unwrap();
    let browser = Browser::open(&driver, profile.path());

    // The form, in French.
    browser.go(&format!("{base}/"));
    assert_eq!(browser.attribute("html", "lang"), "fr");
    browser.screenshot(&shots, "1-form");

    // Upload the example workbook for 2025-Q4.
    let workbook = repo().join(EXAMPLE);
    browser.type_into("#file", workbook.to_str().unwrap());
    browser.type_into("#period", "2025-Q4");
    browser.click("#submit");
    browser.wait_for_url("/s/");

    // The table: A3.2's values are the command line's.
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
    let a32: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("A3.2,,,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(browser.text("#row-A3-2 td.period-value"), a32[3]);
    assert_eq!(browser.text("#row-A3-2 td.cumulative-value"), a32[4]);
    assert_eq!(
        cell_of(&browser.source(), "A3-2", "cumulative-value"),
        a32[4]
    );
    assert!(browser.text("#clean").len() > 3);
    browser.screenshot(&shots, "2-table");
    let table_url = browser.current_url();

    // A value's explanation: the rows counted.
    browser.click("#row-A3-2 td.cumulative-value a");
    browser.wait_for_url("/explain/A3.2");
    let explanation = browser.text("#explanation");
    let explain_cli = String::from_utf8(cli(&[
        "explain",
        "A3.2",
        "--programme",
        "indicators/terress",
        "--data",
        EXAMPLE,
        "--period",
        "2025-Q4",
    ]))
    .unwrap();
    let first_row = explain_cli
        .lines()
        .find(|l| l.contains("terress.xlsx"))
        .expect("explain names the rows' file");
    assert!(
        explanation.contains(first_row.trim()),
        "the page shows the rows counted ({first_row})"
    );
    browser.screenshot(&shots, "3-explanation");
    browser.click("#back");
    browser.wait_for_url(&table_url);

    // The PDF behind the download button is the command line's, with the
    // extraction date an upload gets (the day it arrived).
    let href = format!("{base}{}", browser.attribute("#dl-report", "href"));
    let pdf = get(&href);
    assert!(pdf.body.starts_with(b"%PDF-"));
    let out = tempfile::tempdir().unwrap();
    let cli_pdf = out.path().join("report.pdf");
    let today = chrono::Utc::now().date_naive().to_string();
    cli(&[
        "report",
        "--programme",
        repo().join("indicators/terress").to_str().unwrap(),
        "--data",
        EXAMPLE,
        "--period",
        "2025-Q4",
        "--data-as-of",
        &today,
        "-o",
        cli_pdf.to_str().unwrap(),
    ]);
    assert!(
        pdf.body == std::fs::read(&cli_pdf).unwrap(),
        "the page's PDF differs from the command line's"
    );

    // English, one click away.
    browser.click("#lang-en");
    browser.wait_for_url("lang=en");
    assert_eq!(browser.attribute("html", "lang"), "en");
    assert_eq!(browser.text("#row-A3-2 td.cumulative-value"), a32[4]);
    assert!(
        browser
            .text("#indicators h2")
            .starts_with("Indicator table")
    );
    browser.screenshot(&shots, "4-table-en");

    // Several files at once (a csv folder's files), one cell holding
    // markup: the rejected row shows it as text, and no script runs.
    let csv = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(repo().join("tests/fixtures/formats/small_csv")).unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if path.ends_with("evenements.csv") {
            text = text.replace("2025-02-13", "<script>alert(1)</script>");
        }
        let copy = csv.path().join(path.file_name().unwrap());
        std::fs::write(&copy, text).unwrap();
        paths.push(copy.to_str().unwrap().to_owned());
    }
    browser.go(&format!("{base}/?lang=fr"));
    browser.type_into("#file", &paths.join("\n"));
    browser.click("#submit");
    browser.wait_for_url("/s/");
    assert_eq!(
        browser.text("#problems td.value"),
        "<script>alert(1)</script>"
    );
    assert!(browser.text("#files").contains("evenements.csv"));
    browser.screenshot(&shots, "5-rejected");
    // Left out, one click away: the table of the accepted rows.
    browser.click("#allow-rejected");
    browser.wait_for_url("allow_rejected=1");
    assert!(browser.text("#notes").contains("evenements.csv"));
    assert!(!browser.text("#row-A3-2 td.cumulative-value").is_empty());
}
