//! The pages, written as HTML on the server. Every word comes from the
//! message catalogue; every text from the user's data or the programme goes
//! through [`esc`].

use std::fmt::Write as _;

use cadre::messages::web::{WebText, WebWord};
use cadre::reporting::ReportingStatus;
use cadre::{IndicatorTable, Lang, Text, Word};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::commands::Validation;

/// Text made safe for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
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
    fn w(&self, word: WebWord) -> String {
        esc(word.text(self.lang))
    }

    /// The whole page around `body`.
    pub(crate) fn page(&self, title: &str, body: &str) -> String {
        let mut switch = String::new();
        for &l in self.languages.iter().filter(|&&l| l != self.lang) {
            let _ = write!(
                switch,
                r#"<a class="lang" id="lang-{code}" hreflang="{code}" lang="{code}" href="{href}">{name}</a>"#,
                code = l.code(),
                href = esc(&(self.in_lang)(l)),
                name = esc(WebWord::LanguageName.text(l)),
            );
        }
        format!(
            r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {app}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<header><a class="brand" href="/?lang={lang}">{app}</a><nav>{switch}</nav></header>
<main>
{body}
</main>
<footer>{stays}</footer>
<script src="/assets/app.js"></script>
</body>
</html>
"#,
            lang = self.lang.code(),
            title = esc(title),
            app = self.w(WebWord::AppTitle),
            stays = self.w(WebWord::DataStaysHere),
        )
    }

    /// An error page: the message, and a link back to the form.
    pub(crate) fn error(&self, message: &str) -> String {
        let body = format!(
            r#"<h1>{title}</h1>
<pre class="error" id="error">{message}</pre>
<p><a class="button" href="/?lang={lang}">{again}</a></p>"#,
            title = self.w(WebWord::ErrorTitle),
            message = esc(message),
            lang = self.lang.code(),
            again = self.w(WebWord::StartAgain),
        );
        self.page(WebWord::ErrorTitle.text(self.lang), &body)
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
    let mut options = String::new();
    for &l in frame.languages {
        let _ = write!(
            options,
            r#"<option value="{code}"{selected}>{name}</option>"#,
            code = l.code(),
            selected = if l == lang { " selected" } else { "" },
            name = esc(WebWord::LanguageName.text(l)),
        );
    }
    let mut suggestions = String::new();
    for p in form.periods {
        let _ = write!(suggestions, r#"<option value="{}">"#, esc(p));
    }
    let period_fields = format!(
        r#"<label>{period} <input type="text" name="period" id="period" value="{value}" list="periods" required></label>
<datalist id="periods">{suggestions}</datalist>
<small>{hint}</small>
<label>{language} <select name="lang" id="lang">{options}</select></label>
<label class="check"><input type="checkbox" name="allow_rejected" value="1"> {allow}</label>"#,
        period = esc(Word::Period.text(lang)),
        value = esc(form.default_period),
        hint = w(WebWord::PeriodHint),
        language = w(WebWord::Language),
        allow = w(WebWord::AllowRejected),
    );
    let server = if form.server_data {
        format!(
            r#"<form method="get" action="/s/server" class="card" id="server-form">
<input type="hidden" name="period" value="{value}">
<input type="hidden" name="lang" value="{code}">
<button type="submit">{use_server}</button>
</form>"#,
            value = esc(form.default_period),
            code = lang.code(),
            use_server = w(WebWord::UseServerData),
        )
    } else {
        String::new()
    };
    let body = format!(
        r#"<h1>{title}</h1>
<form method="post" action="/upload" enctype="multipart/form-data" class="card" id="upload-form">
<label class="drop" id="drop">{drop}
<input type="file" name="file" id="file" multiple accept=".xlsx,.xls,.ods,.csv" required>
<span id="chosen"></span>
</label>
{period_fields}
<button type="submit" id="submit">{compute}</button>
<p><small>{limit} {kept}</small></p>
</form>
{server}
<p><a href="/template.xlsx?lang={code}" id="dl-template">{template}</a></p>"#,
        title = w(WebWord::Workbooks),
        drop = w(WebWord::DropHere),
        compute = w(WebWord::Compute),
        limit = esc(&WebText::UploadLimit {
            mib: (form.max_upload >> 20) as u64
        }
        .render(lang)),
        kept = esc(&WebText::KeptFor {
            minutes: form.minutes
        }
        .render(lang)),
        code = lang.code(),
        template = w(WebWord::DownloadTemplate),
    );
    frame.page(WebWord::Workbooks.text(lang), &body)
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
    let w = |word: Word| esc(word.text(lang));
    let ww = |word: WebWord| esc(word.text(lang));
    let mut s = format!(
        r#"<section id="validation"><h2>{}</h2>
<table class="sheets"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>"#,
        ww(WebWord::Validation),
        w(Word::Dataset),
        w(Word::Sheet),
        w(Word::File),
        w(Word::Read),
        w(Word::Accepted),
        w(Word::Rejected),
        w(Word::SkippedEmpty),
    );
    for r in &report.sheets {
        let _ = write!(
            s,
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num{}">{}</td><td class="num">{}</td></tr>"#,
            esc(&r.dataset),
            esc(&r.sheet),
            esc(&bare(&r.file)),
            r.read,
            r.accepted,
            if r.rejected > 0 { " bad" } else { "" },
            r.rejected,
            r.skipped_empty,
        );
    }
    s += "</tbody></table>";
    if report.problems.is_empty() {
        let _ = write!(
            s,
            r#"<p class="ok" id="clean">{}</p>"#,
            esc(&Text::EveryRowAccepted.render(lang))
        );
    } else {
        let _ = write!(
            s,
            r#"<h3>{}</h3><p class="bad" id="rejected-count">{}</p>
<table class="problems" id="problems"><thead><tr><th>{}</th><th>{}</th><th class="num">{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
            ww(WebWord::RejectedRows),
            esc(Text::RowsRejected {
                rows: report.rejected(),
                problems: report.problems.len(),
            }
            .render(lang)
            .trim_end_matches([':', ' '])),
            w(Word::File),
            w(Word::Sheet),
            ww(WebWord::Row),
            ww(WebWord::Column),
            ww(WebWord::Value),
            w(Word::Rule),
        );
        for p in &report.problems {
            let _ = write!(
                s,
                r#"<tr><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td><td class="value">{}</td><td>{}</td></tr>"#,
                esc(&bare(&p.file)),
                esc(&p.sheet),
                p.row,
                esc(&p.column),
                esc(&p.value),
                esc(&p.rule.text(lang)),
            );
        }
        s += "</tbody></table>";
    }
    if let Some(status) = &v.reporting {
        s += &reporting(status, &v.programme, lang);
    }
    s += "</section>";
    s
}

/// Who has reported: each unit's rows per dataset, the silent ones marked.
fn reporting(status: &ReportingStatus, programme: &cadre::Programme, lang: Lang) -> String {
    let w = |word: Word| esc(word.text(lang));
    let label = |dataset: &str| programme.dataset_label(dataset, lang);
    // The units that sent nothing are named; every unit's rows are folded.
    let silent: Vec<String> = status.silent_names();
    let silent = if silent.is_empty() {
        String::new()
    } else {
        format!(
            r#"<p class="bad" id="silent">{}</p>"#,
            esc(&Text::SilentUnits {
                names: &silent.join(", ")
            }
            .render(lang))
        )
    };
    let mut s = format!(
        r#"<h3 id="reporting-heading">{}</h3>{silent}<details id="reporting-details"><summary id="reporting-summary">{}</summary><table class="reporting" id="reporting"><thead><tr><th>{}</th><th>{}</th>"#,
        esc(&Text::ReportingHeading {
            units: &label(&status.units_dataset),
            period: status.period.as_deref(),
        }
        .render(lang)),
        esc(&Text::ReportingSummary {
            reported: status.reported(),
            of: status.units.len(),
        }
        .render(lang)),
        w(Word::Code),
        w(Word::Name),
    );
    for d in &status.datasets {
        let _ = write!(s, r#"<th class="num">{}</th>"#, esc(&label(d)));
    }
    let _ = write!(
        s,
        r#"<th class="num">{}</th></tr></thead><tbody>"#,
        w(Word::Total)
    );
    for u in &status.units {
        let silent = u.total() == 0;
        let _ = write!(
            s,
            r#"<tr{}><td>{}</td><td>{}</td>"#,
            if silent { r#" class="silent""# } else { "" },
            esc(&u.code),
            esc(u.name.as_deref().unwrap_or_default()),
        );
        for n in &u.rows {
            let _ = write!(s, r#"<td class="num">{n}</td>"#);
        }
        let _ = write!(s, r#"<td class="num">{}</td></tr>"#, u.total());
    }
    s += "</tbody></table></details>";
    s
}

/// A number as the contract's csv writes it (`4.255814`, `29`).
fn num(v: Option<f64>) -> String {
    v.map(cadre::table::format_value).unwrap_or_default()
}

/// The indicator table: values linked to their explanation, progress bars
/// and statuses.
pub(crate) fn table(table: &IndicatorTable, lang: Lang, links: &Links) -> String {
    let w = |word: Word| esc(word.text(lang));
    let mut s = format!(
        r#"<section id="indicators"><h2>{title} <span class="period">{period}</span></h2>
<table class="indicators" id="indicator-table"><thead><tr><th>{ind}</th><th>{label}</th><th class="num">{pv}</th><th class="num">{cv}</th><th class="num">{ms}</th><th class="num">{tg}</th><th class="num">{pct}</th><th>{progress}</th><th>{status}</th></tr></thead><tbody>"#,
        title = esc(WebWord::IndicatorTable.text(lang)),
        period = esc(&table.period.label),
        ind = w(Word::Indicator),
        label = w(Word::Label),
        pv = w(Word::PeriodValue),
        cv = w(Word::CumulativeValue),
        ms = w(Word::Milestone),
        tg = w(Word::Target),
        pct = w(Word::AchievementPct),
        progress = esc(WebWord::Progress.text(lang)),
        status = w(Word::Status),
    );
    let explain_title = esc(WebWord::ExplainValue.text(lang));
    for iv in &table.indicators {
        let href = esc(&links.explain(&iv.code));
        let linked = |v: Option<f64>, class: &str| {
            let v = num(v);
            if v.is_empty() {
                format!(r#"<td class="num {class}"></td>"#)
            } else {
                format!(
                    r#"<td class="num {class}"><a href="{href}" title="{explain_title}">{v}</a></td>"#
                )
            }
        };
        let fraction = iv.achievement_pct.unwrap_or(0.0).clamp(0.0, 100.0);
        let _ = write!(
            s,
            r#"<tr id="row-{id}" data-code="{code}"><td class="code"><a href="{href}">{code}</a></td><td>{label}</td>{pv}{cv}<td class="num">{ms}</td><td class="num">{tg}</td><td class="num">{pct}</td><td><div class="bar" role="img" aria-label="{pct_text}"><span style="width:{fraction:.1}%"></span></div></td><td><span class="status {status_code}">{status}</span></td></tr>"#,
            id = esc(&iv.code.replace(|c: char| !c.is_ascii_alphanumeric(), "-")),
            code = esc(&iv.code),
            label = esc(iv.label.get(lang)),
            pv = linked(iv.period_value, "period-value"),
            cv = linked(iv.cumulative_value, "cumulative-value"),
            ms = num(iv.milestone.as_ref().map(|m| m.value)),
            tg = num(Some(iv.target)),
            pct = num(iv.achievement_pct.map(|p| (p * 10.0).round() / 10.0)),
            pct_text = esc(&num(iv.achievement_pct.map(|p| p.round()))),
            status_code = iv.status.as_str(),
            status = esc(iv.status.text(lang)),
        );
    }
    s += "</tbody></table></section>";
    s
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
    let mut body = format!(
        r#"<p class="files" id="files">{}</p>"#,
        esc(&WebText::FilesReceived {
            names: &r.files.join(", ")
        }
        .render(lang))
    );
    body += r.validation;
    match &r.table {
        Ok(t) => body += t,
        Err(message) => {
            // Rejected rows stop the table, as on the command line; the
            // officer may leave them out, one click away.
            let allow = if r.rejected && !links.query.contains("allow_rejected=1") {
                format!(
                    r#"<p><a class="button" id="allow-rejected" href="{}?{}&amp;allow_rejected=1">{}</a></p>"#,
                    esc(links.base),
                    esc(links.query),
                    w(WebWord::AllowRejected)
                )
            } else {
                String::new()
            };
            let _ = write!(
                body,
                r#"<section id="indicators"><h2>{}</h2>{allow}<pre class="error" id="error">{}</pre></section>"#,
                w(WebWord::IndicatorTable),
                esc(message)
            );
        }
    }
    if !r.notes.is_empty() {
        let _ = write!(
            body,
            r#"<section id="notes"><h2>{}</h2><pre>{}</pre></section>"#,
            w(WebWord::Notes),
            esc(&r.notes.join("\n"))
        );
    }
    if r.table.is_ok() {
        let _ = write!(
            body,
            r#"<section id="downloads"><h2>{title}</h2><p>
<a class="button" id="dl-report" href="{base}/report.pdf?{q}">{report}</a>
<a class="button" id="dl-tracking" href="{base}/tracking.xlsx?{q}">{tracking}</a>
<a class="button" id="dl-iati" href="{base}/iati.xml?{q}">{iati}</a>
<a class="button" id="dl-template" href="/template.xlsx?lang={code}">{template}</a>
</p></section>"#,
            title = w(WebWord::Downloads),
            base = esc(links.base),
            q = esc(links.query),
            report = w(WebWord::DownloadReport),
            tracking = w(WebWord::DownloadTracking),
            iati = w(WebWord::DownloadIati),
            code = lang.code(),
            template = w(WebWord::DownloadTemplate),
        );
    }
    let _ = write!(
        body,
        r#"<p><a href="/?lang={}">{}</a></p>"#,
        lang.code(),
        w(WebWord::StartAgain)
    );
    frame.page(WebWord::IndicatorTable.text(lang), &body)
}

/// How one value was made, as `cadre explain` writes it.
pub(crate) fn explanation(frame: &Frame, code: &str, text: &str, links: &Links) -> String {
    let body = format!(
        r#"<h1>{title} <span class="code">{code}</span></h1>
<pre class="explanation" id="explanation">{text}</pre>
<p><a class="button" id="back" href="{back}">{back_text}</a></p>"#,
        title = frame.w(WebWord::Explanation),
        code = esc(code),
        text = esc(text),
        back = esc(&format!("{}?{}", links.base, links.query)),
        back_text = frame.w(WebWord::BackToTable),
    );
    frame.page(
        &format!("{code} · {}", WebWord::Explanation.text(frame.lang)),
        &body,
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
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(pct("2025-Q4"), "2025-Q4");
        assert_eq!(pct("a b/é"), "a%20b%2F%C3%A9");
    }
}
