//! The quarterly funder report: an indicator table typeset as a PDF with
//! Typst, embedded.
//!
//! [`report_data`] gathers everything the template prints into one typed
//! document, [`ReportData`] (the contract with the template, documented in
//! [`data`]); [`render_report`] compiles the template folder against it, as
//! JSON, in a [`ReportWorld`] and exports the PDF. Data reaches Typst only
//! as that JSON file, read by the template with `json("/data.json")`: a cell holding
//! `#read("/etc/passwd")` or `*bold*` is a string to Typst and prints as
//! written.
//!
//! The same inputs give the same bytes: the creation date is the issue date,
//! the document identifier is derived from the programme, period and
//! language, and the data keeps its order.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use cadre_report::report::{ReportOptions, render_report};
//! use cadre_report::world::TemplateSource;
//! let programme = cadre::Programme::load("indicators/eau")?;
//! let data = cadre::ingest(&programme, "examples/eau/eau.xlsx")?;
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 7, 15).unwrap();
//! let period = cadre::Period::parse("2026-Q2", programme.info.start, today)?;
//! let table = cadre::Engine::new(&programme, &data).compute(&period)?;
//! // The quarterly template built into cadre; `PathBuf::from(dir)` for a customised copy.
//! let options = ReportOptions::new(TemplateSource::Builtin, cadre::Lang::Fr, period.end);
//! let report = render_report(&programme, &data, &table, &options)?;
//! cadre_report::write_atomically(std::path::Path::new("report.pdf"), &report.pdf)?;
//! # Ok(()) }
//! ```

pub mod attachment;
pub mod data;
pub mod evidence;
pub mod format;
pub mod kinds;
pub mod markdown;
pub mod methodology;
pub mod narrative;
pub mod progress;
pub mod restatements;
pub mod statement;

use std::fmt;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{Datelike, NaiveDate};
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::syntax::{FileId, VirtualRoot};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::world::{BUILTIN_NAME, ReportWorld, TemplateSource};
use cadre::Lang;
pub use data::ReportData;

/// A PDF standard the report can conform to. Typst checks the standard
/// on export: a report that breaks it is an error, never a silent PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfStandardChoice {
    /// PDF/A-2b, for long-term archiving. PDF/A-2 allows no attached file,
    /// so the report's indicator table is not attached (`check --table`
    /// cannot read it back): prefer [`PdfStandardChoice::A3b`].
    A2b,
    /// PDF/A-3b, for long-term archiving, with the indicator table attached.
    A3b,
    /// PDF/A-3a: PDF/A-3b plus the accessibility of PDF/A level A (tagged
    /// structure, Unicode text, alternative texts).
    A3a,
    /// PDF/UA-1, the accessible PDF (French public bodies must publish
    /// accessible documents).
    Ua1,
}

impl PdfStandardChoice {
    fn typst(self) -> PdfStandard {
        match self {
            PdfStandardChoice::A2b => PdfStandard::A_2b,
            PdfStandardChoice::A3b => PdfStandard::A_3b,
            PdfStandardChoice::A3a => PdfStandard::A_3a,
            PdfStandardChoice::Ua1 => PdfStandard::Ua_1,
        }
    }

    /// Whether a file can be attached under this standard.
    pub fn allows_attachments(self) -> bool {
        !matches!(self, PdfStandardChoice::A2b)
    }
}

/// How to render a report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The template: the default one compiled into the binary, or a folder
    /// holding `main.typ`. Templates can read files of their folder only.
    pub template: TemplateSource,
    /// The report language.
    pub lang: Lang,
    /// The date of issue, printed on the cover and used as the PDF's
    /// creation date (see [`issue_date`]).
    pub issue_date: NaiveDate,
    /// A PDF standard to conform to, if any.
    pub pdf_standard: Option<PdfStandardChoice>,
    /// Whether rejected rows were allowed; they are then listed in the data
    /// quality annex (otherwise only counted).
    pub allow_rejected: bool,
    /// The narrative folder (`DIR`, holding `DIR/<period>/*.md`), if any.
    pub narrative: Option<PathBuf>,
    /// Whether missing narrative is an error rather than a warning.
    pub strict: bool,
    /// A draft: a watermark on every page.
    pub draft: bool,
    /// A final report (else provisional), as the cover says.
    pub final_report: bool,
    /// The day the data was extracted, for the cover.
    pub data_as_of: Option<NaiveDate>,
    /// The indicator table to attach to the PDF (`indicator-table.json`),
    /// if any (see [`cadre::reported`]). Not attached under PDF/A-2b.
    pub attached_table: Option<Box<cadre::reported::ReportedTable>>,
    /// The values of an earlier report restated by today's data, for the
    /// restatements section (`--previous`).
    pub restatements: Option<Box<cadre::restate::Restatements>>,
    /// Every indicator's value at the end of each quarter up to the
    /// period's end, for the progress charts, computed by the caller's
    /// engine (its prepared rows reused); computed afresh when absent.
    pub history: Option<Box<cadre::history::History>>,
    /// The explanation of every indicator's value, in the table's order,
    /// for the evidence annex (`--evidence`); no annex when absent.
    pub evidence: Option<Box<Vec<cadre::explain::Explanation>>>,
}

impl ReportOptions {
    /// Options with no PDF standard and rejected rows not listed.
    pub fn new(template: impl Into<TemplateSource>, lang: Lang, issue_date: NaiveDate) -> Self {
        ReportOptions {
            template: template.into(),
            lang,
            issue_date,
            pdf_standard: None,
            allow_rejected: false,
            narrative: None,
            strict: false,
            draft: false,
            final_report: false,
            data_as_of: None,
            attached_table: None,
            restatements: None,
            history: None,
            evidence: None,
        }
    }
}

/// A rendered report.
#[derive(Debug, Clone)]
pub struct RenderedReport {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// Template warnings, one message each, located like errors
    /// (`report_templates/quarterly/main.typ:12:3: …`).
    pub warnings: Vec<String>,
    /// What the narrative lacks (empty without a narrative folder).
    pub narrative_warnings: Vec<narrative::NarrativeWarning>,
    /// Seconds spent compiling the template (evaluation and layout).
    pub compile_seconds: f64,
    /// Seconds spent writing the PDF.
    pub pdf_seconds: f64,
}

/// One message from Typst, located in a template file when it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file: a template file, or `(report data)` for `/data.json`.
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// The message.
    pub message: String,
    /// Hints Typst gives with it.
    pub hints: Vec<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line, self.column) {
            (Some(file), Some(line), Some(col)) => write!(f, "{file}:{line}:{col}: ")?,
            (Some(file), Some(line), None) => write!(f, "{file}:{line}: ")?,
            (Some(file), None, _) => write!(f, "{file}: ")?,
            (None, ..) => {}
        }
        write!(f, "{}", self.message)?;
        for h in &self.hints {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

fn join_lines(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A narrative file cannot be read.
    #[error("{}: unreadable narrative ({source})", path.display())]
    Narrative {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A narrative file is larger than cadre reads.
    #[error("{}: a narrative file of more than {limit} bytes", path.display())]
    NarrativeTooLarge {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A narrative file that is not a regular file of the narrative folder.
    #[error("{}: not a file of the narrative folder", path.display())]
    NarrativeNotAFile {
        /// The file.
        path: PathBuf,
    },
    /// `--strict` and the narrative misses something.
    #[error("the narrative is incomplete (--strict): {} problems", .0.len())]
    NarrativeIncomplete(Vec<narrative::NarrativeWarning>),
    /// The template folder has no `main.typ`.
    #[error("report template {}: the folder has no main.typ", path.display())]
    NoMainFile {
        /// The folder given.
        path: PathBuf,
    },
    /// The template folder cannot be read.
    #[error("report template {}: {source}", path.display())]
    TemplateFolder {
        /// The folder given.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The template failed to compile; each error names its file and line.
    #[error("the report template has errors:\n{}", join_lines(.0))]
    Template(Vec<Diagnostic>),
    /// The PDF could not be written (for example, a PDF/A rule is broken).
    #[error("the PDF could not be written:\n{}", join_lines(.0))]
    Pdf(Vec<Diagnostic>),
    /// An input file could not be read again for its checksum.
    #[error("{0}")]
    Input(cadre::Error),
    /// The report data could not be serialised.
    #[error("report data: {0}")]
    Data(#[from] serde_json::Error),
    /// `SOURCE_DATE_EPOCH` is not a number of seconds since 1970.
    #[error("SOURCE_DATE_EPOCH={0} is not a number of seconds since 1970-01-01")]
    SourceDateEpoch(String),
    /// A date Typst cannot hold.
    #[error("date {0} is out of range")]
    DateOutOfRange(NaiveDate),
}

/// The date of issue: `explicit` (`--date`) if given, else the day of
/// `source_date_epoch` (the `SOURCE_DATE_EPOCH` variable, seconds since
/// 1970, for reproducible builds), else the period's last day. Never the
/// clock: the same inputs must give the same PDF.
pub fn issue_date(
    explicit: Option<NaiveDate>,
    source_date_epoch: Option<&str>,
    period_end: NaiveDate,
) -> Result<NaiveDate, ReportError> {
    if let Some(d) = explicit {
        return Ok(d);
    }
    match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(period_end),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
            .map(|t| t.date_naive())
            .ok_or_else(|| ReportError::SourceDateEpoch(s.to_owned())),
    }
}

/// Everything the template needs, served to it as `/data.json`: programme,
/// period, every indicator (values formatted for the language, fractions for
/// bars), sections, finance, methodology, data quality, provenance and the
/// report's fixed words. Fields keep a stable order (see [`data`]).
pub fn report_data(
    programme: &cadre::Programme,
    data: &cadre::Data,
    table: &cadre::IndicatorTable,
    options: &ReportOptions,
) -> Result<ReportData, ReportError> {
    let narrative = load_narrative(programme, table, options)?;
    data::build(programme, data, table, options, narrative.as_ref())
}

/// The narrative of the table's period, when the options name a folder.
fn load_narrative(
    programme: &cadre::Programme,
    table: &cadre::IndicatorTable,
    options: &ReportOptions,
) -> Result<Option<narrative::Narrative>, ReportError> {
    options
        .narrative
        .as_deref()
        .map(|dir| narrative::load(dir, &table.period.label, options.lang, programme))
        .transpose()
}

/// Renders the report: builds the data, compiles the template folder with
/// it, and exports the PDF. Nothing is written to disk (see
/// [`crate::write_atomically`]) and nothing is printed: warnings are returned.
pub fn render_report(
    programme: &cadre::Programme,
    data: &cadre::Data,
    table: &cadre::IndicatorTable,
    options: &ReportOptions,
) -> Result<RenderedReport, ReportError> {
    let narrative = load_narrative(programme, table, options)?;
    let narrative_warnings = narrative
        .as_ref()
        .map(|n| narrative::warnings(n, table, programme))
        .unwrap_or_default();
    if options.strict && narrative_warnings.iter().any(|w| w.is_missing_narrative()) {
        return Err(ReportError::NarrativeIncomplete(
            narrative_warnings
                .into_iter()
                .filter(|w| w.is_missing_narrative())
                .collect(),
        ));
    }
    let report = data::build(programme, data, table, options, narrative.as_ref())?;
    let bytes = serde_json::to_vec(&report)?;
    let ident = format!(
        "cadre/{}/{}/{}",
        programme.info.code, table.period.label, options.lang
    );
    let mut files: Vec<(String, Vec<u8>)> = attachment::files(options, table)?
        .into_iter()
        .map(|(path, bytes)| (path.to_owned(), bytes))
        .collect();
    // The funders' logos, served as virtual files like the data.
    for (index, f) in programme.info.funders.iter().enumerate() {
        if let (Some(file), Some((_, bytes))) =
            (&f.logo, programme.logo(f).map_err(ReportError::Input)?)
        {
            files.push((data::logo_path(index, file), bytes));
        }
    }
    let mut rendered = render_template_with_files(
        &options.template,
        bytes,
        files,
        options.issue_date,
        options.pdf_standard,
        &ident,
    )?;
    rendered.narrative_warnings = narrative_warnings;
    Ok(rendered)
}

/// Compiles `template` against `data` (the bytes of
/// `/data.json`) and exports it as PDF. `ident` must identify the document
/// stably (it becomes the PDF's identifier).
pub fn render_template(
    template: &TemplateSource,
    data: Vec<u8>,
    issue_date: NaiveDate,
    standard: Option<PdfStandardChoice>,
    ident: &str,
) -> Result<RenderedReport, ReportError> {
    let files = attachment::files_without_table()
        .into_iter()
        .map(|(path, bytes)| (path.to_owned(), bytes))
        .collect();
    render_template_with_files(template, data, files, issue_date, standard, ident)
}

/// [`render_template`], the world serving `files` too (virtual path,
/// bytes), as data: the attached table and its description.
pub fn render_template_with_files(
    template: &TemplateSource,
    data: Vec<u8>,
    files: Vec<(String, Vec<u8>)>,
    issue_date: NaiveDate,
    standard: Option<PdfStandardChoice>,
    ident: &str,
) -> Result<RenderedReport, ReportError> {
    let mut world = ReportWorld::new(template, data, issue_date)?;
    for (path, bytes) in files {
        world = world.with_file(&path, bytes);
    }

    let started = Instant::now();
    let compiled = typst::compile::<PagedDocument>(&world);
    let compile_seconds = started.elapsed().as_secs_f64();
    let mut warnings: Vec<String> = compiled
        .warnings
        .iter()
        .map(|w| diagnostic(&world, template, w).to_string())
        .collect();
    let document = compiled
        .output
        .map_err(|errors| ReportError::Template(diagnostics(&world, template, &errors)))?;

    let standards = match standard {
        None => PdfStandards::default(),
        Some(s) => PdfStandards::new(&[s.typst()]).map_err(|e| {
            ReportError::Pdf(vec![Diagnostic {
                file: None,
                line: None,
                column: None,
                message: e.message().to_string(),
                hints: e.hints().iter().map(ToString::to_string).collect(),
            }])
        })?,
    };
    let created = Datetime::from_ymd_hms(
        issue_date.year(),
        issue_date.month() as u8,
        issue_date.day() as u8,
        0,
        0,
        0,
    )
    .ok_or(ReportError::DateOutOfRange(issue_date))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        // The version of Typst is in the producer field already; the creator
        // names the program that made the document, without a version so
        // that upgrading does not change reports needlessly.
        creator: Smart::Custom(Some("cadre".to_owned())),
        timestamp: Some(Timestamp::new_utc(created)),
        standards,
        ..PdfOptions::default()
    };
    let started = Instant::now();
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|errors| ReportError::Pdf(diagnostics(&world, template, &errors)))?;
    let pdf_seconds = started.elapsed().as_secs_f64();
    // Typst memoises across compilations; in a long-running process keep
    // only what recent reports used.
    typst::comemo::evict(10);
    warnings.dedup();
    Ok(RenderedReport {
        pdf,
        warnings,
        narrative_warnings: Vec::new(),
        compile_seconds,
        pdf_seconds,
    })
}

fn diagnostics(
    world: &ReportWorld,
    template: &TemplateSource,
    list: &[SourceDiagnostic],
) -> Vec<Diagnostic> {
    list.iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| diagnostic(world, template, d))
        .collect()
}

/// Locates a Typst message in a template file (path as the user gave the
/// folder), with line and column.
fn diagnostic(world: &ReportWorld, template: &TemplateSource, d: &SourceDiagnostic) -> Diagnostic {
    // An error raised inside a function of the standard library has no span
    // of its own; the innermost call of the trace that has one points at the
    // template line (calls are recorded from the innermost outwards).
    let span = if d.span.is_detached() {
        d.trace
            .iter()
            .map(|t| typst::syntax::DiagSpan::from(t.span))
            .find(|s| !s.is_detached())
            .unwrap_or(d.span)
    } else {
        d.span
    };
    let mut out = Diagnostic {
        file: None,
        line: None,
        column: None,
        message: d.message.to_string(),
        // Hints about the Typst command line (`--root`, `--input`) do not
        // apply: there is no Typst command line here.
        hints: d
            .hints
            .iter()
            .map(|h| h.v.to_string())
            .filter(|h| !h.contains("--"))
            .collect(),
    };
    let Some(id) = span.id() else { return out };
    out.file = Some(file_name(world, template, id));
    if let Some(range) = world.range(span) {
        let lines = match world.source(id) {
            Ok(source) => Some(source.lines().clone()),
            Err(_) => world.file(id).ok().and_then(|b| {
                std::str::from_utf8(b.as_slice())
                    .ok()
                    .map(|t| typst::syntax::Lines::new(t.to_owned()))
            }),
        };
        if let Some((line, col)) = lines.and_then(|l| l.byte_to_line_column(range.start)) {
            out.line = Some(line + 1);
            out.column = Some(col + 1);
        }
    }
    out
}

fn file_name(world: &ReportWorld, template: &TemplateSource, id: FileId) -> String {
    if world.is_data(id) {
        return "(report data)".into();
    }
    let file = id.vpath().get_without_slash();
    match (template, world.real_path(id)) {
        (TemplateSource::Folder(dir), Some(_)) => dir.join(file).display().to_string(),
        (TemplateSource::Builtin, None) if *id.root() == VirtualRoot::Project => {
            format!("({BUILTIN_NAME})/{file}")
        }
        _ => format!("{:?}", id.get()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each line the template lays out, as Typst shaped it
    /// (no-break spaces kept, which text extraction from a PDF loses).
    fn laid_out_lines(options: &ReportOptions, narrative: &str) -> Vec<String> {
        use typst::layout::{Frame, FrameItem};
        fn walk(frame: &Frame, out: &mut Vec<String>) {
            for (_, item) in frame.items() {
                match item {
                    FrameItem::Group(g) => walk(&g.frame, out),
                    FrameItem::Text(t) => out.push(t.text.to_string()),
                    _ => {}
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        // The made-up programme of the computation tests.
        let programme = cadre::Programme::load(root.join("tests/compute/programme")).unwrap();
        let data = cadre::ingest(&programme, root.join("tests/compute/cases/mini/data")).unwrap();
        let period = cadre::Period::parse("2024-Q2", programme.info.start, d(2025, 1, 1)).unwrap();
        let table = cadre::Engine::new(&programme, &data)
            .compute(&period)
            .unwrap();
        let dir = std::env::temp_dir().join(format!("cadre-typo-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("2024-Q2")).unwrap();
        std::fs::write(dir.join("2024-Q2/summary.md"), narrative).unwrap();
        let mut options = options.clone();
        options.narrative = Some(dir.clone());
        let report = report_data(&programme, &data, &table, &options).unwrap();
        let mut world = ReportWorld::new(
            &options.template,
            serde_json::to_vec(&report).unwrap(),
            options.issue_date,
        )
        .unwrap();
        for (path, bytes) in attachment::files_without_table() {
            world = world.with_file(path, bytes);
        }
        let document = typst::compile::<PagedDocument>(&world).output.unwrap();
        std::fs::remove_dir_all(dir).unwrap();
        let mut lines = Vec::new();
        for page in document.pages() {
            walk(&page.frame, &mut lines);
        }
        lines
    }

    #[test]
    fn french_punctuation_gets_its_no_break_spaces_in_data_too() {
        let options = ReportOptions::new(TemplateSource::Builtin, Lang::Fr, d(2026, 1, 15));
        let text = laid_out_lines(
            &options,
            "Bilan : trois ateliers ; deux reports ! Pourquoi ? « Parce que » la saison.\n",
        )
        .concat();
        for typeset in [
            "Bilan\u{A0}: trois",
            "ateliers\u{202F}; deux",
            "reports\u{202F}! Pourquoi\u{202F}?",
            "«\u{A0}Parce que\u{A0}»",
            "1ᵉʳ\u{A0}avril 2024",
        ] {
            assert!(
                text.contains(typeset),
                "{typeset:?} not in the laid-out text"
            );
        }
        assert!(
            !text.contains("Bilan :"),
            "an ordinary space before a colon"
        );
        // English keeps its punctuation as typed.
        let options = ReportOptions::new(TemplateSource::Builtin, Lang::En, d(2026, 1, 15));
        let text = laid_out_lines(&options, "Review: three workshops; why?\n").concat();
        assert!(text.contains("Review: three workshops; why?"));
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_issue_date_is_explicit_then_source_date_epoch_then_the_period_end() {
        let end = d(2025, 12, 31);
        assert_eq!(
            issue_date(Some(d(2026, 1, 15)), Some("0"), end).unwrap(),
            d(2026, 1, 15)
        );
        // 2026-01-15T12:00:00Z
        assert_eq!(
            issue_date(None, Some("1768478400"), end).unwrap(),
            d(2026, 1, 15)
        );
        assert_eq!(issue_date(None, Some(" "), end).unwrap(), end);
        assert_eq!(issue_date(None, None, end).unwrap(), end);
        assert!(
            issue_date(None, Some("yesterday"), end)
                .unwrap_err()
                .to_string()
                .contains("SOURCE_DATE_EPOCH")
        );
    }

    #[test]
    fn diagnostics_read_as_file_line_column() {
        let diag = Diagnostic {
            file: Some("report_templates/quarterly/main.typ".into()),
            line: Some(12),
            column: Some(3),
            message: "unknown variable: x".into(),
            hints: vec!["if you meant to display multiple letters as is, try adding spaces".into()],
        };
        assert_eq!(
            diag.to_string(),
            "report_templates/quarterly/main.typ:12:3: unknown variable: x (hint: if you meant to display multiple letters as is, try adding spaces)"
        );
    }
}
