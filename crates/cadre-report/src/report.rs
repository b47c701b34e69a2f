//! The quarterly funder report: an indicator table typeset as a PDF with
//! Typst, embedded.
//!
//! [`report_data`] gathers everything the template prints into one typed
//! document, [`ReportData`] (the contract with the template, documented in
//! [`data`]); [`render`] (feature `pdf`) compiles the template folder
//! against it, as JSON, in a [`crate::world::ReportWorld`] and returns the
//! PDF's bytes. Data reaches Typst only as that JSON file, read by the
//! template with `json("/data.json")`: a cell holding `#read("/etc/passwd")`
//! or `*bold*` is a string to Typst and prints as written.
//!
//! Both take the [`Engine`] and the table the caller already
//! has: everything else the report shows (the quarters of the progress
//! charts, the attached table, the evidence, the restatements) is computed
//! by that one engine, its prepared rows reused. [`ReportOptions`] holds
//! only choices and inputs, never results.
//!
//! The same inputs give the same bytes: the creation date is the issue date,
//! the document identifier is derived from the programme, period and
//! language, and the data keeps its order.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use cadre_report::report::{ReportOptions, TemplateSource, render};
//! let programme = cadre::Programme::load("indicators/eau")?;
//! let data = cadre::ingest(&programme, "examples/eau/eau.xlsx")?;
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 7, 15).unwrap();
//! let period = cadre::Period::parse("2026-Q2", programme.info.calendar(), today)?;
//! let engine = cadre::Engine::new(&programme, &data);
//! let table = engine.compute(&period)?;
//! // The quarterly template built into cadre; `PathBuf::from(dir)` for a customised copy.
//! let options = ReportOptions::new(TemplateSource::Builtin, cadre::Lang::Fr, period.end);
//! let report = render(&engine, &table, &options)?;
//! cadre_report::write_atomically(std::path::Path::new("report.pdf"), &report.pdf)?;
//! # Ok(()) }
//! ```

pub mod annual;
#[cfg(feature = "pdf")]
pub mod attachment;
pub mod attention;
pub mod chart;
pub mod conclusions;
pub mod data;
pub mod evidence;
pub mod format;
pub mod funding;
pub mod justifications;
pub mod kinds;
pub mod layouts;
pub mod logframe;
pub mod markdown;
pub mod methodology;
pub mod narrative;
pub mod people;
pub mod progress;
#[cfg(feature = "pdf")]
mod render;
pub mod restatements;
pub mod risks;
pub mod rounding;
pub mod sheets;
pub mod statement;
pub mod variances;
pub mod workplan;

use std::fmt;
use std::path::{Path, PathBuf};

use cadre::restate::EarlierTable;
use cadre::{Engine, IndicatorTable, Lang};
use chrono::NaiveDate;

pub use data::ReportData;
#[cfg(feature = "pdf")]
pub use render::{
    RenderedReport, render, render_sheets, render_template, render_template_with_files,
};

/// The name of the default template, as provenance records it.
pub const BUILTIN_NAME: &str = "quarterly";

/// Where a report's template comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TemplateSource {
    /// The default quarterly template, compiled into the binary.
    #[default]
    Builtin,
    /// A template folder holding `main.typ` (a customised copy).
    Folder(PathBuf),
}

impl TemplateSource {
    /// The template's name, for provenance: the folder's name, or the
    /// default template's.
    pub fn name(&self) -> String {
        match self {
            TemplateSource::Builtin => BUILTIN_NAME.to_owned(),
            TemplateSource::Folder(dir) => dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}

impl From<PathBuf> for TemplateSource {
    fn from(dir: PathBuf) -> Self {
        TemplateSource::Folder(dir)
    }
}

impl From<&Path> for TemplateSource {
    fn from(dir: &Path) -> Self {
        TemplateSource::Folder(dir.to_path_buf())
    }
}

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
    /// Attach the indicator table to the PDF (`indicator-table.json`, see
    /// [`cadre::reported`]), for `check --table` to read back. Never
    /// attached under PDF/A-2b, which allows no attached file.
    pub attach_table: bool,
    /// An annex listing, for each indicator, the rows behind its value
    /// (`--evidence`), as `explain` gives them.
    pub evidence: bool,
    /// An earlier table (`--previous`, read with
    /// [`crate::attached::earlier`]) whose values restated by today's data
    /// the report lists. An input, like the data: the restatements
    /// themselves are computed by the report's engine.
    pub previous: Option<EarlierTable>,
    /// An annex of indicator reference sheets (`--reference-sheets`), the
    /// same as `cadre sheets` writes alone (see [`sheets`]).
    pub reference_sheets: bool,
    /// The kind of report (`--kind`); by default the period's
    /// ([`ReportKind::of`]).
    pub kind: Option<ReportKind>,
}

/// What a report is, which its title says: by default what its period is
/// (a quarter makes a quarterly report, a year or a programme year an
/// annual one, the whole programme the final one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// A month.
    Monthly,
    /// A quarter.
    Quarterly,
    /// A half year.
    HalfYearly,
    /// A calendar or programme year.
    Annual,
    /// The whole programme, at its end.
    Final,
    /// Any other span.
    Progress,
}

impl ReportKind {
    /// The kind a period calls for: the whole programme (`project` once
    /// the programme has ended, or a span from its first day to its last)
    /// is the final report; `project` while it runs is a progress report
    /// since the start, not a final one.
    pub fn of(period: &cadre::Period, info: &cadre::programme::ProgrammeInfo) -> ReportKind {
        use cadre::period::PeriodKind;
        let whole = period.start <= info.start && period.end >= info.end;
        match period.kind() {
            _ if whole => ReportKind::Final,
            PeriodKind::Month { .. } => ReportKind::Monthly,
            PeriodKind::Quarter { .. } => ReportKind::Quarterly,
            PeriodKind::Half { .. } => ReportKind::HalfYearly,
            PeriodKind::Year(_) | PeriodKind::ProgrammeYear(_) => ReportKind::Annual,
            PeriodKind::Range => ReportKind::Progress,
        }
    }

    /// Whether it closes a cycle (annual, final): it then carries the
    /// lessons learned, sustainability and the logframe matrix.
    pub fn closes_a_cycle(self) -> bool {
        matches!(self, ReportKind::Annual | ReportKind::Final)
    }

    /// The report's title in `lang`: "Annual monitoring report".
    pub fn title(self, lang: Lang) -> &'static str {
        use crate::messages::report::ReportWord;
        match self {
            ReportKind::Monthly => ReportWord::ReportMonthly,
            ReportKind::Quarterly => ReportWord::Report,
            ReportKind::HalfYearly => ReportWord::ReportHalfYearly,
            ReportKind::Annual => ReportWord::ReportAnnual,
            ReportKind::Final => ReportWord::ReportFinal,
            ReportKind::Progress => ReportWord::ReportProgress,
        }
        .text(lang)
    }
}

/// The period a report covers. `project` counts to today, as the
/// contract has `compute --period project` do; but once the programme has
/// ended, its final report covers the programme, from its first day to its
/// last, as a funder reads a final report. The rows dated between that day
/// and the date of issue are not lost: the anomalies annex lists them
/// ("dated after the programme's last day").
pub fn report_period(
    period: cadre::Period,
    info: &cadre::programme::ProgrammeInfo,
) -> cadre::Period {
    if period.label == "project" && period.end > info.end {
        cadre::Period {
            end: info.end,
            ..period
        }
    } else {
        period
    }
}

impl ReportOptions {
    /// The options of `cadre report` without flags: no PDF standard,
    /// rejected rows not listed, no narrative, the indicator table
    /// attached, no evidence annex, no earlier table and no reference
    /// sheets.
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
            attach_table: true,
            evidence: false,
            previous: None,
            reference_sheets: false,
            kind: None,
        }
    }
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
    /// Expenses marked paid are dated after the report's date of issue: a
    /// payment cannot be ahead.
    #[error("{} expenses are paid after the date of issue {issued}", rows.len())]
    PaidAhead {
        /// The date of issue.
        issued: NaiveDate,
        /// The expenses: (row in the sheet, date, amount).
        rows: Vec<(Option<u32>, NaiveDate, f64)>,
        /// The expenses' dataset.
        dataset: String,
    },
    /// A final report whose data was extracted after its date of issue.
    #[error("data extracted on {extracted}, after the date of issue {issued}")]
    DataAfterIssue {
        /// The day the data was extracted.
        extracted: NaiveDate,
        /// The date of issue.
        issued: NaiveDate,
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
/// report's fixed words. Fields keep a stable order (see [`data`]). `table`
/// is `engine`'s table of the report's period.
pub fn report_data(
    engine: &Engine,
    table: &IndicatorTable,
    options: &ReportOptions,
) -> Result<ReportData, ReportError> {
    let narrative = load_narrative(engine.programme(), table, options)?;
    let statement = engine
        .financial_statement(&data::table_period(table))
        .map_err(ReportError::Input)?;
    data::build(
        engine,
        table,
        options,
        narrative.as_ref(),
        statement.as_ref(),
    )
}

/// The narrative of the table's period, when the options name a folder.
fn load_narrative(
    programme: &cadre::Programme,
    table: &IndicatorTable,
    options: &ReportOptions,
) -> Result<Option<narrative::Narrative>, ReportError> {
    options
        .narrative
        .as_deref()
        .map(|dir| narrative::load(dir, &table.period.label, options.lang, programme))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

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
