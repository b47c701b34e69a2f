//! The pages, written as HTML on the server with `maud`, which escapes
//! every text it is given: words from the message catalogue, and every text
//! from the user's data or the programme. Only HTML made here is inserted
//! as it is (`PreEscaped`).

use maud::{DOCTYPE, Escaper, Markup, PreEscaped, html};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use cadre::reporting::ReportingStatus;
use cadre::{IndicatorTable, Lang};

use crate::commands::Validation;
use crate::messages::web::{WebText, WebWord};
use crate::messages::{Text, Word};

/// Text made safe for HTML content and attribute values, as the pages
/// escape it.
pub(crate) fn esc(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len());
    let _ = Escaper::new(&mut out).write_str(s);
    out
}

/// Text made safe for a URL's path segment or query value.
pub(crate) fn pct(s: &str) -> String {
    utf8_percent_encode(s, NOT_UNRESERVED).to_string()
}

/// Every byte but RFC 3986's unreserved characters (letters, digits,
/// `-_.~`) is encoded.
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// What every page shares: its language, the programme's languages and
/// how to link to the same page in another one.
pub(crate) struct Frame<'a> {
    pub lang: Lang,
    pub languages: &'a [Lang],
    /// The same page in another language.
    pub in_lang: &'a dyn Fn(Lang) -> String,
}

impl Frame<'_> {
    fn w(&self, word: WebWord) -> &'static str {
        word.text(self.lang)
    }

    /// The whole page around `body`.
    pub(crate) fn page(&self, title: &str, body: Markup) -> String {
        let lang = self.lang.code();
        let app = self.w(WebWord::AppTitle);
        html! {
            (DOCTYPE)
            html lang=(lang) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · " (app) }
                    link rel="stylesheet" href="/assets/style.css";
                }
                body {
                    header {
                        a.brand href={ "/?lang=" (lang) } { (app) }
                        nav {
                            @for &l in self.languages.iter().filter(|&&l| l != self.lang) {
                                a.lang id={ "lang-" (l.code()) } hreflang=(l.code()) lang=(l.code())
                                    href=((self.in_lang)(l)) { (WebWord::LanguageName.text(l)) }
                            }
                        }
                    }
                    main { (body) }
                    footer { (self.w(WebWord::DataStaysHere)) }
                    script src="/assets/app.js" {}
                }
            }
        }
        .into_string()
    }

    /// An error page: the message, and a link back to the form.
    pub(crate) fn error(&self, message: &str) -> String {
        let body = html! {
            h1 { (self.w(WebWord::ErrorTitle)) }
            pre.error #error { (message) }
            p { a.button href={ "/?lang=" (self.lang.code()) } { (self.w(WebWord::StartAgain)) } }
        };
        self.page(WebWord::ErrorTitle.text(self.lang), body)
    }
}

/// What the form offers.
pub(crate) struct Form<'a> {
    pub default_period: &'a str,
    /// Periods to suggest (the programme's quarters, `project`).
    pub periods: &'a [String],
    pub max_upload: usize,
    pub minutes: u64,
    /// Whether data was given at start (`--data`).
    pub server_data: bool,
}

/// The upload form.
pub(crate) fn index(frame: &Frame, form: &Form) -> String {
    let lang = frame.lang;
    let w = |word| frame.w(word);
    let limit = WebText::UploadLimit {
        mib: (form.max_upload >> 20) as u64,
    }
    .render(lang);
    let kept = WebText::KeptFor {
        minutes: form.minutes,
    }
    .render(lang);
    let body = html! {
        h1 { (w(WebWord::Workbooks)) }
        form method="post" action="/upload" enctype="multipart/form-data" .card #upload-form {
            label.drop #drop {
                (w(WebWord::DropHere)) " "
                input type="file" name="file" #file multiple accept=".xlsx,.xls,.ods,.csv" required;
                " " span #chosen {}
            }
            label { (Word::Period.text(lang)) " " input type="text" name="period" #period value=(form.default_period) list="periods" required; }
            datalist #periods { @for p in form.periods { option value=(p); } }
            small { (w(WebWord::PeriodHint)) }
            label {
                (w(WebWord::Language)) " "
                select name="lang" #lang {
                    @for &l in frame.languages {
                        option value=(l.code()) selected[l == lang] { (WebWord::LanguageName.text(l)) }
                    }
                }
            }
            label.check { input type="checkbox" name="allow_rejected" value="1"; " " (w(WebWord::AllowRejected)) }
            button type="submit" #submit { (w(WebWord::Compute)) }
            p { small { (limit) " " (kept) } }
        }
        @if form.server_data {
            form method="get" action="/s/server" .card #server-form {
                input type="hidden" name="period" value=(form.default_period);
                input type="hidden" name="lang" value=(lang.code());
                button type="submit" { (w(WebWord::UseServerData)) }
            }
        }
        p { a href={ "/template.xlsx?lang=" (lang.code()) } #dl-template { (w(WebWord::DownloadTemplate)) } }
    };
    frame.page(WebWord::Workbooks.text(lang), body)
}

/// Where the results of a session link to.
pub(crate) struct Links<'a> {
    /// `/s/<id>`.
    pub base: &'a str,
    /// The query every link carries (`period=…&lang=…`).
    pub query: &'a str,
}

impl Links<'_> {
    fn explain(&self, code: &str) -> String {
        format!("{}/explain/{}?{}", self.base, pct(code), self.query)
    }
}

/// The validation report: each sheet's accounting, every rejected row, and
/// who has reported when the programme declares reporting units.
pub(crate) fn validation(v: &Validation, lang: Lang) -> String {
    let report = &v.report;
    let w = |word: Word| word.text(lang);
    let ww = |word: WebWord| word.text(lang);
    let rejected = Text::RowsRejected {
        rows: report.rejected(),
        problems: report.problems.len(),
    }
    .render(lang);
    html! {
        section #validation {
            h2 { (ww(WebWord::Validation)) }
            table.sheets {
                thead { tr {
                    th { (w(Word::Dataset)) } th { (w(Word::Sheet)) } th { (w(Word::File)) }
                    th.num { (w(Word::Read)) } th.num { (w(Word::Accepted)) }
                    th.num { (w(Word::Rejected)) } th.num { (w(Word::SkippedEmpty)) }
                } }
                tbody { @for r in &report.sheets { tr {
                    td { (r.dataset) } td { (r.sheet) } td { (bare(&r.file)) }
                    td.num { (r.read) } td.num { (r.accepted) }
                    td.num.bad[r.rejected > 0] { (r.rejected) } td.num { (r.skipped_empty) }
                } } }
            }
            @if report.problems.is_empty() {
                p.ok #clean { (Text::EveryRowAccepted.render(lang)) }
            } @else {
                h3 { (ww(WebWord::RejectedRows)) }
                p.bad #rejected-count { (rejected.trim_end_matches([':', ' '])) }
                table.problems #problems {
                    thead { tr {
                        th { (w(Word::File)) } th { (w(Word::Sheet)) } th.num { (ww(WebWord::Row)) }
                        th { (ww(WebWord::Column)) } th { (ww(WebWord::Value)) } th { (w(Word::Rule)) }
                    } }
                    tbody { @for p in &report.problems { tr {
                        td { (bare(&p.file)) } td { (p.sheet) } td.num { (p.row) }
                        td { (p.column) } td.value { (p.value) } td { (p.rule.text(lang)) }
                    } } }
                }
            }
            @if let Some(status) = &v.reporting {
                (reporting(status, v.programme, lang))
            }
        }
    }
    .into_string()
}

/// Who has reported: each unit's rows per dataset, the silent ones marked.
fn reporting(status: &ReportingStatus, programme: &cadre::Programme, lang: Lang) -> Markup {
    let w = |word: Word| word.text(lang);
    let label = |dataset: &str| programme.dataset_label(dataset, lang);
    // The units that sent nothing are named; every unit's rows are folded.
    let silent: Vec<String> = status.silent_names();
    let heading = Text::ReportingHeading {
        units: &label(&status.units_dataset),
        period: status.period.as_deref(),
    }
    .render(lang);
    let summary = Text::ReportingSummary {
        reported: status.reported(),
        of: status.units.len(),
    }
    .render(lang);
    html! {
        h3 #reporting-heading { (heading) }
        @if !silent.is_empty() {
            p.bad #silent { (Text::SilentUnits { names: &silent.join(", ") }.render(lang)) }
        }
        details #reporting-details {
            summary #reporting-summary { (summary) }
            table.reporting #reporting {
                thead { tr {
                    th { (w(Word::Code)) } th { (w(Word::Name)) }
                    @for d in &status.datasets { th.num { (label(d)) } }
                    th.num { (w(Word::Total)) }
                } }
                tbody { @for u in &status.units {
                    tr.silent[u.total() == 0] {
                        td { (u.code) } td { (u.name.as_deref().unwrap_or_default()) }
                        @for n in &u.rows { td.num { (n) } }
                        td.num { (u.total()) }
                    }
                } }
            }
        }
    }
}

/// A number as the contract's csv writes it (`4.255814`, `29`).
fn num(v: Option<f64>) -> String {
    v.map(cadre::table::format_value).unwrap_or_default()
}

/// The indicator table: values linked to their explanation, progress bars
/// and statuses.
pub(crate) fn table(table: &IndicatorTable, lang: Lang, links: &Links) -> String {
    let w = |word: Word| word.text(lang);
    let explain_title = WebWord::ExplainValue.text(lang);
    let linked = |v: Option<f64>, class: &str, href: &str| {
        let v = num(v);
        html! {
            td class={ "num " (class) } {
                @if !v.is_empty() { a href=(href) title=(explain_title) { (v) } }
            }
        }
    };
    html! {
        section #indicators {
            h2 { (WebWord::IndicatorTable.text(lang)) " " span.period { (table.period.label) } }
            table.indicators #indicator-table {
                thead { tr {
                    th { (w(Word::Indicator)) } th { (w(Word::Label)) }
                    th.num { (w(Word::PeriodValue)) } th.num { (w(Word::CumulativeValue)) }
                    th.num { (w(Word::Milestone)) } th.num { (w(Word::Target)) }
                    th.num { (w(Word::AchievementPct)) } th { (WebWord::Progress.text(lang)) }
                    th { (w(Word::Status)) }
                } }
                tbody { @for iv in &table.indicators {
                    @let href = links.explain(&iv.code);
                    @let fraction = iv.achievement_pct.unwrap_or(0.0).clamp(0.0, 100.0);
                    tr id={ "row-" (iv.code.replace(|c: char| !c.is_ascii_alphanumeric(), "-")) } data-code=(iv.code) {
                        td.code { a href=(href) { (iv.code) } }
                        td { (iv.label.get(lang)) }
                        (linked(iv.period_value, "period-value", &href))
                        (linked(iv.cumulative_value, "cumulative-value", &href))
                        td.num { (num(iv.milestone.as_ref().map(|m| m.value))) }
                        td.num { (num(iv.target)) }
                        td.num { (num(iv.achievement_pct.map(|p| (p * 10.0).round() / 10.0))) }
                        td { div.bar role="img" aria-label=(num(iv.achievement_pct.map(|p| p.round()))) {
                            span style={ "width:" (format!("{fraction:.1}")) "%" } {}
                        } }
                        td { span class={ "status " (iv.status.as_str()) } { (iv.status.text(lang)) } }
                    }
                } }
            }
        }
    }
    .into_string()
}

/// The results of a session: files, validation, table (or why not), notes
/// and downloads.
pub(crate) struct Results<'a> {
    pub files: &'a [String],
    pub validation: &'a str,
    /// The table's HTML, or the message of why there is none.
    pub table: Result<String, String>,
    pub notes: &'a [String],
    /// Whether rows were rejected.
    pub rejected: bool,
}

pub(crate) fn results(frame: &Frame, r: &Results, links: &Links) -> String {
    let lang = frame.lang;
    let w = |word| frame.w(word);
    let q = links.query;
    let base = links.base;
    // Rejected rows stop the table, as on the command line; the officer may
    // leave them out, one click away.
    let offer_allow = r.rejected && !links.query.contains("allow_rejected=1");
    let body = html! {
        p.files #files { (WebText::FilesReceived { names: &r.files.join(", ") }.render(lang)) }
        // Made by `validation` and `table` above: already HTML.
        (PreEscaped(r.validation))
        @match &r.table {
            Ok(t) => (PreEscaped(t)),
            Err(message) => section #indicators {
                h2 { (w(WebWord::IndicatorTable)) }
                @if offer_allow {
                    p { a.button #allow-rejected href={ (base) "?" (q) "&allow_rejected=1" } { (w(WebWord::AllowRejected)) } }
                }
                pre.error #error { (message) }
            },
        }
        @if !r.notes.is_empty() {
            section #notes { h2 { (w(WebWord::Notes)) } pre { (r.notes.join("\n")) } }
        }
        @if r.table.is_ok() {
            section #downloads {
                h2 { (w(WebWord::Downloads)) }
                p {
                    a.button #dl-report href={ (base) "/report.pdf?" (q) } { (w(WebWord::DownloadReport)) }
                    " "
                    a.button #dl-tracking href={ (base) "/tracking.xlsx?" (q) } { (w(WebWord::DownloadTracking)) }
                    " "
                    a.button #dl-iati href={ (base) "/iati.xml?" (q) } { (w(WebWord::DownloadIati)) }
                    " "
                    a.button #dl-template href={ "/template.xlsx?lang=" (lang.code()) } { (w(WebWord::DownloadTemplate)) }
                }
            }
        }
        p { a href={ "/?lang=" (lang.code()) } { (w(WebWord::StartAgain)) } }
    };
    frame.page(WebWord::IndicatorTable.text(lang), body)
}

/// How one value was made, as `cadre explain` writes it.
pub(crate) fn explanation(frame: &Frame, code: &str, text: &str, links: &Links) -> String {
    let body = html! {
        h1 { (frame.w(WebWord::Explanation)) " " span.code { (code) } }
        pre.explanation #explanation { (text) }
        p { a.button #back href={ (links.base) "?" (links.query) } { (frame.w(WebWord::BackToTable)) } }
    };
    frame.page(
        &format!("{code} · {}", WebWord::Explanation.text(frame.lang)),
        body,
    )
}

/// A file's bare name, as the user sent it (the request's folder left out).
fn bare(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        // Content and double-quoted attribute values: `'` needs no escape.
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'y'"
        );
        assert_eq!(pct("2025-Q4"), "2025-Q4");
        assert_eq!(pct("a b/é"), "a%20b%2F%C3%A9");
    }

    /// Text given to a page, in its content or in an attribute, is escaped
    /// by the page: no markup and no attribute can come from the data.
    #[test]
    fn pages_escape_what_they_are_given() {
        let in_lang = |_: Lang| r#"/x" onclick="alert(1)"#.to_owned();
        let frame = Frame {
            lang: Lang::Fr,
            languages: &[Lang::Fr, Lang::En],
            in_lang: &in_lang,
        };
        let page = frame.error("<b>bold</b> & more");
        assert!(
            page.contains("&lt;b&gt;bold&lt;/b&gt; &amp; more"),
            "{page}"
        );
        assert!(!page.contains("<b>"), "{page}");
        assert!(
            page.contains(r#"href="/x&quot; onclick=&quot;alert(1)""#),
            "{page}"
        );
        assert!(
            page.starts_with("<!DOCTYPE html><html lang=\"fr\">"),
            "{page}"
        );
    }
}
