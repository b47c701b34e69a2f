//! The commands of the `cadre` command line, each returning what it made
//! (text, a table, a PDF, a workbook, XML: bytes) and whether the data was
//! clean. A data command is a method of [`Session`]: a programme and the
//! data read against it ([`Ingested`]), in the user's language. [`open`]
//! reads [`Inputs`] (with the progress observer the caller gives, if any),
//! and a function per command on `Inputs` is `open` then the method: one
//! code path, whoever holds the data. The binary only parses arguments,
//! opens, calls one method, prints or writes (`-o`, atomically) and picks
//! the exit code; the web app keeps an upload's `Ingested` for the requests
//! that follow, and sends the bytes.
//!
//! No function here writes a file, prints, reads the clock or the
//! environment: today's date and `SOURCE_DATE_EPOCH` are arguments.

use std::path::{Path, PathBuf};

use cadre::check::CheckReport;
use cadre::ingest::{NoProgress, Progress, Source};
use cadre::reporting::ReportingStatus;
use cadre::{Data, Engine, IndicatorTable, Lang, Period, Programme};
use chrono::NaiveDate;

use crate::Error;
use crate::messages::{Text, Word};
use crate::report::PdfStandardChoice;
#[cfg(feature = "pdf")]
use crate::report::{ReportOptions, TemplateSource};

/// What a command produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// What the command made: the text or table for standard output, or
    /// the document (PDF, xlsx, XML) for the file the caller writes.
    pub output: Vec<u8>,
    /// Notes for standard error, one message each: warnings, and the
    /// accounting of rejected rows that were left out.
    pub notes: Vec<String>,
    /// False when the command found a problem in the data: rejected rows
    /// (`validate`) or differences (`check`).
    pub clean: bool,
}

impl Outcome {
    fn clean(output: Vec<u8>, notes: Vec<String>) -> Outcome {
        Outcome {
            output,
            notes,
            clean: true,
        }
    }
}

/// Text for people, or JSON for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOrJson {
    /// Plain text in the user's language.
    Text,
    /// JSON (keys and codes in English, as the contract writes them).
    Json,
}

/// The output of `compute`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// The contract's csv.
    Csv,
    /// The table as JSON.
    Json,
    /// The xlsx tracking table (for a file: the caller writes it).
    Xlsx,
}

/// The output of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// IATI 2.03 `result` elements.
    Iati,
    /// The xlsx tracking table, one sheet per period.
    Xlsx,
}

/// The date an IATI export is published under (its generation and
/// last-update dates): `date` (`--date`) if given, else the day of
/// `source_date_epoch` (`SOURCE_DATE_EPOCH`), else the day it is made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportDate {
    /// The date given.
    pub date: Option<NaiveDate>,
    /// The `SOURCE_DATE_EPOCH` variable, seconds since 1970-01-01.
    pub source_date_epoch: Option<String>,
}

/// The inputs every data command takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// The programme folder.
    pub programme: PathBuf,
    /// The sources: workbooks, csv files, folders of them, or files held
    /// in memory (see [`cadre::ingest_sources`]).
    pub data: Vec<Source>,
    /// The language asked for (default: the programme's first).
    pub lang: Option<String>,
    /// Leave rejected rows out (counted) instead of stopping.
    pub allow_rejected: bool,
}

/// A period as the user wrote it, and the day `project` ends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// `2025-Q4`, `2025-H1`, `2025-M04`, `2025`, `PY1`, a range, or `project`.
    pub period: String,
    /// Today, for `project`.
    pub today: NaiveDate,
}

/// How to make a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportArgs {
    /// A template folder; the default template (in the binary) otherwise.
    pub template: Option<PathBuf>,
    /// The date of issue, when given.
    pub date: Option<NaiveDate>,
    /// The value of `SOURCE_DATE_EPOCH`, when set.
    pub source_date_epoch: Option<String>,
    /// A PDF standard to conform to.
    pub pdf_standard: Option<PdfStandardChoice>,
    /// The narrative folder (`DIR/<period>/*.md`), if any.
    pub narrative: Option<PathBuf>,
    /// Missing narrative is an error, not a warning.
    pub strict: bool,
    /// A draft: a watermark on every page.
    pub draft: bool,
    /// A final report (else provisional).
    pub final_report: bool,
    /// The day the data was extracted; by default the newest modification
    /// among the input files.
    pub data_as_of: Option<NaiveDate>,
    /// An earlier report (its PDF, or its table as JSON or csv) whose
    /// restated values the report lists.
    pub previous: Option<PathBuf>,
    /// The period of an earlier table in csv (a PDF or JSON table carries its own).
    pub previous_period: Option<String>,
    /// An annex listing, for each indicator, the rows behind its value.
    pub evidence: bool,
    /// An annex of indicator reference sheets (as `cadre sheets` writes).
    pub reference_sheets: bool,
    /// The kind of report, when not the period's.
    pub kind: Option<crate::report::ReportKind>,
}

/// How to make the indicator reference sheets (`cadre sheets`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SheetsArgs {
    /// A template folder (its `sheets.typ`); the default template otherwise.
    pub template: Option<PathBuf>,
    /// The date of issue, when given.
    pub date: Option<NaiveDate>,
    /// The value of `SOURCE_DATE_EPOCH`, when set.
    pub source_date_epoch: Option<String>,
    /// A PDF standard to conform to.
    pub pdf_standard: Option<PdfStandardChoice>,
    /// The indicators to write a sheet for; every one when empty.
    pub indicators: Vec<String>,
}

/// The language an error is written in before the programme is known: the
/// one asked for if cadre speaks it, else French.
pub fn fallback_language(asked: Option<&str>) -> Lang {
    asked.and_then(Lang::from_code).unwrap_or(Lang::Fr)
}

/// The language a command's error is written in: the one asked for if
/// cadre speaks it, else the first language the programme declares (read
/// from its `programme.toml` alone, so that even a programme that fails to
/// load, or data that fails to read, is answered in the programme's
/// language), else French.
pub fn error_language(asked: Option<&str>, programme: Option<&Path>) -> Lang {
    asked
        .and_then(Lang::from_code)
        .or_else(|| programme.and_then(Programme::declared_language))
        .unwrap_or(Lang::Fr)
}

/// Loads a programme and picks the language: the one asked for when the
/// programme declares it, else the programme's default.
pub fn load_programme(dir: &Path, lang: Option<&str>) -> Result<(Programme, Lang), Error> {
    let programme = Programme::load(dir)?;
    let lang = language(&programme, lang)?;
    Ok((programme, lang))
}

/// The language asked for when `programme` declares it (an error
/// otherwise), else the programme's default.
pub fn language(programme: &Programme, asked: Option<&str>) -> Result<Lang, Error> {
    match asked {
        None => Ok(programme.default_language()),
        Some(code) => programme
            .language(code)
            .ok_or_else(|| Error::UnknownLanguage {
                given: code.to_owned(),
                declared: programme.info.languages.clone(),
            }),
    }
}

/// A programme and the data read against it: what the data commands run
/// on, through [`Ingested::session`]. The command line reads one per run;
/// the web app keeps one per upload, shared read-only by the explanations
/// and downloads that follow.
#[derive(Debug)]
pub struct Ingested {
    /// The programme the data was read against.
    pub programme: Programme,
    /// The data.
    pub data: Data,
}

impl Ingested {
    /// Reads `sources` against `programme`, telling `progress` how far it
    /// has got ([`NoProgress`] when nobody watches).
    pub fn new(
        programme: Programme,
        sources: &[Source],
        progress: &dyn Progress,
    ) -> Result<Ingested, Error> {
        let data = cadre::ingest::ingest_sources_with_progress(&programme, sources, progress)?;
        Ok(Ingested { programme, data })
    }

    /// The commands on this data, in `lang`; rejected rows stop them unless
    /// `allow_rejected` (then they are left out and accounted for in a note).
    pub fn session(&self, lang: Lang, allow_rejected: bool) -> Session<'_> {
        Session {
            programme: &self.programme,
            data: &self.data,
            lang,
            allow_rejected,
        }
    }
}

/// Reads the inputs of a command: loads the programme, picks the language
/// (a language the programme does not declare fails before any file is
/// read), then reads the data. `progress` makes, for that language, the
/// observer told how far reading has got, or `None`: the caller decides
/// whether and how progress is shown (the command line draws bars on a
/// terminal), the library never draws.
pub fn open(
    inputs: &Inputs,
    progress: impl FnOnce(Lang) -> Option<Box<dyn Progress>>,
) -> Result<(Ingested, Lang), Error> {
    let (programme, lang) = load_programme(&inputs.programme, inputs.lang.as_deref())?;
    let observer = progress(lang);
    let progress = observer.as_deref().unwrap_or(&NoProgress);
    Ok((Ingested::new(programme, &inputs.data, progress)?, lang))
}

/// Runs `command` on the session of `inputs`, read without an observer:
/// each path-based command below is this and the session's method.
fn on_inputs<T>(
    inputs: &Inputs,
    command: impl FnOnce(&Session<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    let (ingested, lang) = open(inputs, |_| None)?;
    command(&ingested.session(lang, inputs.allow_rejected))
}

/// A programme, its data and the user's language: every data command is a
/// method of it, whatever holds the data (a run of the command line, a
/// session of the web app).
#[derive(Debug, Clone, Copy)]
pub struct Session<'a> {
    programme: &'a Programme,
    data: &'a Data,
    lang: Lang,
    allow_rejected: bool,
}

impl<'a> Session<'a> {
    /// The notes of a command that stops on rejected rows: none when every
    /// row was accepted, the accounting when rejected rows are allowed, an
    /// error otherwise.
    fn accepted(&self) -> Result<Vec<String>, Error> {
        if self.data.report.is_clean() {
            return Ok(Vec::new());
        }
        let accounting = accounting_text(&self.data.report, self.lang);
        if !self.allow_rejected {
            return Err(Error::RejectedRows { accounting });
        }
        Ok(vec![accounting])
    }

    fn period(&self, when: &When) -> Result<Period, Error> {
        Ok(Period::parse(
            &when.period,
            self.programme.info.calendar(),
            when.today,
        )?)
    }

    fn engine(&self) -> Engine<'a> {
        Engine::new(self.programme, self.data)
    }
}

/// The per-sheet accounting (and per file when there are several), the
/// sheets and files not read, and every problem, as plain text.
pub fn accounting_text(report: &cadre::IngestReport, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let files = report.by_file();
    let several = files.len() > 1;
    let width = |header: Word, cells: &mut dyn Iterator<Item = usize>| {
        cells.max().unwrap_or(8).max(w(header).chars().count())
    };
    let wd = width(
        Word::Dataset,
        &mut report.sheets.iter().map(|r| r.dataset.chars().count()),
    );
    let ws = width(
        Word::Sheet,
        &mut report.sheets.iter().map(|r| r.sheet.chars().count()),
    );
    let wf = width(
        Word::File,
        &mut report.sheets.iter().map(|r| r.file.chars().count()),
    );
    // The file column only when rows come from several files.
    let file_cell = |file: &str| match several {
        true => format!("{file:<wf$}  "),
        false => String::new(),
    };
    let mut s = format!(
        "{:<wd$}  {}{:<ws$}  {:>8}  {:>9}  {:>8}  {:>6}\n",
        w(Word::Dataset),
        file_cell(w(Word::File)),
        w(Word::Sheet),
        w(Word::Read),
        w(Word::Accepted),
        w(Word::Rejected),
        w(Word::SkippedEmpty)
    );
    for r in &report.sheets {
        s += &format!(
            "{:<wd$}  {}{:<ws$}  {:>8}  {:>9}  {:>8}  {:>6}\n",
            r.dataset,
            file_cell(&r.file),
            r.sheet,
            r.read,
            r.accepted,
            r.rejected,
            r.skipped_empty
        );
    }
    if several {
        s += &files_read_text(report, wf, lang);
    }
    if !report.unmatched.is_empty() || !report.skipped.is_empty() || !report.absent.is_empty() {
        s += "\n";
    }
    for dataset in &report.absent {
        s += &format!("{}\n", Text::AbsentDataset { dataset }.render(lang));
    }
    for u in &report.unmatched {
        s += &format!(
            "{}\n",
            Text::UnmatchedSheet {
                file: &u.file,
                sheet: &u.sheet
            }
            .render(lang)
        );
    }
    for k in &report.skipped {
        s += &format!(
            "{}\n",
            Text::SkippedFile {
                file: &k.file,
                reason: k.reason
            }
            .render(lang)
        );
    }
    let problems = report.problems.len();
    if problems == 0 {
        s += &format!("\n{}\n", Text::EveryRowAccepted.render(lang));
    } else {
        let rows = report.rejected();
        s += &format!("\n{}\n", Text::RowsRejected { rows, problems }.render(lang));
        for p in &report.problems {
            s += &format!("  {}\n", p.message(lang));
        }
    }
    s
}

/// The accounting per file, then the total, when rows come from several
/// files; `wf` is the width of the file column.
fn files_read_text(report: &cadre::IngestReport, wf: usize, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let files = report.by_file();
    let mut s = String::new();
    s += &format!("\n{}\n", w(Word::FilesRead));
    let total = report.total();
    let wf = wf.max(w(Word::Total).chars().count());
    let lines = files.iter().chain(std::iter::once(&total));
    for (i, f) in lines.enumerate() {
        let name = match i == files.len() {
            true => w(Word::Total),
            false => f.file.as_str(),
        };
        s += &format!(
            "{name:<wf$}  {:>8}  {:>9}  {:>8}  {:>6}  {}\n",
            f.read,
            f.accepted,
            f.rejected,
            f.skipped_empty,
            f.datasets.join(", ")
        );
    }
    s
}

/// What `validate` finds, as data, for a page that lays it out itself
/// (`cadre serve`): the accounting of every sheet and rejected row, who
/// sent what when the programme declares reporting units (in `period` when
/// given), the programme (its dataset labels) and the user's language.
pub struct Validation<'a> {
    /// Every sheet's accounting and every rejected row.
    pub report: &'a cadre::IngestReport,
    /// Who sent what, when the programme declares reporting units.
    pub reporting: Option<ReportingStatus>,
    /// The programme.
    pub programme: &'a Programme,
    /// The language asked for (or the programme's default).
    pub lang: Lang,
}

impl<'a> Session<'a> {
    /// `validate`'s findings as data (see [`Validation`]).
    pub fn validation(&self, when: Option<&When>) -> Result<Validation<'a>, Error> {
        let period = when.map(|w| self.period(w)).transpose()?;
        let reporting = self.engine().reporting_status(period.as_ref())?;
        Ok(Validation {
            report: &self.data.report,
            reporting,
            programme: self.programme,
            lang: self.lang,
        })
    }

    /// `cadre validate`: the accounting of every sheet and file and, when
    /// the programme declares reporting units, who sent what (in `period`
    /// when given, else in all the data); not clean when a row is rejected.
    pub fn validate(&self, when: Option<&When>, format: TextOrJson) -> Result<Outcome, Error> {
        let v = self.validation(when)?;
        let report = v.report;
        let output = match format {
            TextOrJson::Json => json(&ValidateJson {
                report,
                files: report.by_file(),
                reporting: v.reporting.as_ref(),
            })?,
            TextOrJson::Text => {
                let mut text = accounting_text(report, v.lang);
                if let Some(status) = &v.reporting {
                    text += "\n";
                    text += &status_text(status, v.programme, v.lang);
                }
                text.into_bytes()
            }
        };
        Ok(Outcome {
            output,
            notes: Vec::new(),
            clean: report.is_clean(),
        })
    }

    /// `cadre status`: per reporting unit, the rows it sent in the period,
    /// dataset by dataset, and the units that sent nothing. Rejected rows
    /// are left out (and noted): they are to be sent again.
    pub fn status(&self, when: &When, format: TextOrJson) -> Result<Outcome, Error> {
        let period = self.period(when)?;
        let status = self
            .engine()
            .reporting_status(Some(&period))?
            .ok_or(Error::NoReportingUnits)?;
        let mut notes = Vec::new();
        if !self.data.report.is_clean() {
            notes.push(accounting_text(&self.data.report, self.lang));
        }
        let output = match format {
            TextOrJson::Json => json(&status)?,
            TextOrJson::Text => status_text(&status, self.programme, self.lang).into_bytes(),
        };
        Ok(Outcome {
            output,
            notes,
            clean: true,
        })
    }
}

/// `cadre validate` on `inputs` (see [`Session::validate`]).
pub fn validate(
    inputs: &Inputs,
    when: Option<&When>,
    format: TextOrJson,
) -> Result<Outcome, Error> {
    on_inputs(inputs, |s| s.validate(when, format))
}

/// What `validate --format json` prints: the ingest report, the accounting
/// per file, and who sent what.
#[derive(serde::Serialize)]
struct ValidateJson<'a> {
    #[serde(flatten)]
    report: &'a cadre::IngestReport,
    files: Vec<cadre::ingest::FileReport>,
    reporting: Option<&'a ReportingStatus>,
}

/// `cadre status` on `inputs` (see [`Session::status`]).
pub fn status(inputs: &Inputs, when: &When, format: TextOrJson) -> Result<Outcome, Error> {
    on_inputs(inputs, |s| s.status(when, format))
}

/// Who sent what, as plain text: a table of the units (code, name, rows
/// per dataset, total), then how many reported and who did not.
pub fn status_text(status: &ReportingStatus, programme: &Programme, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let label = |dataset: &str| programme.dataset_label(dataset, lang);
    let mut headers: Vec<String> = vec![w(Word::Code).to_owned(), w(Word::Name).to_owned()];
    headers.extend(status.datasets.iter().map(|d| label(d)));
    headers.push(w(Word::Total).to_owned());
    let mut rows: Vec<Vec<String>> = status
        .units
        .iter()
        .map(|u| {
            let mut row = vec![u.code.clone(), u.name.clone().unwrap_or_default()];
            row.extend(u.rows.iter().map(u64::to_string));
            row.push(u.total().to_string());
            row
        })
        .collect();
    rows.insert(0, headers);
    let columns = rows[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut s = format!(
        "{}\n",
        Text::ReportingHeading {
            units: &label(&status.units_dataset),
            period: status.period.as_deref(),
        }
        .render(lang)
    );
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, v)| match c {
                0 | 1 => format!("{v:<width$}", width = widths[c]),
                _ => format!("{v:>width$}", width = widths[c]),
            })
            .collect();
        s += cells.join("  ").trim_end();
        s += "\n";
    }
    s += &format!(
        "\n{}\n",
        Text::ReportingSummary {
            reported: status.reported(),
            of: status.units.len(),
        }
        .render(lang)
    );
    let silent: Vec<String> = status.silent_names();
    if !silent.is_empty() {
        s += &format!(
            "{}\n",
            Text::SilentUnits {
                names: &silent.join(", ")
            }
            .render(lang)
        );
    }
    for (dataset, rows) in status.datasets.iter().zip(&status.no_unit) {
        if *rows > 0 {
            s += &format!(
                "{}\n",
                Text::RowsWithoutUnit {
                    rows: *rows,
                    dataset: &label(dataset),
                }
                .render(lang)
            );
        }
    }
    s
}

impl<'a> Session<'a> {
    /// The indicator table of a period, and the notes of the rows left out:
    /// what `compute` writes, for a caller that lays it out itself.
    pub fn table(&self, when: &When) -> Result<(IndicatorTable, Vec<String>), Error> {
        let notes = self.accepted()?;
        let period = self.period(when)?;
        Ok((self.engine().compute(&period)?, notes))
    }

    /// `cadre compute`: the indicator table of a period, as csv, JSON or
    /// the xlsx tracking table.
    pub fn compute(&self, when: &When, format: TableFormat) -> Result<Outcome, Error> {
        let notes = self.accepted()?;
        let period = self.period(when)?;
        let engine = self.engine();
        let table = engine.compute(&period)?;
        let output = match format {
            TableFormat::Xlsx => {
                let created = period.end.and_hms_opt(0, 0, 0).unwrap_or_default();
                let statement = engine.financial_statement(&period)?;
                let history = engine.history(&period)?;
                tracking_xlsx(
                    self.programme,
                    std::slice::from_ref(&table),
                    std::slice::from_ref(&history),
                    statement.as_ref(),
                    self.lang,
                    created,
                )?
            }
            TableFormat::Csv => {
                let mut buf = Vec::new();
                table.write_csv(&mut buf).map_err(|source| Error::Write {
                    path: PathBuf::from("-"),
                    source,
                })?;
                buf
            }
            TableFormat::Json => json(&table)?,
        };
        Ok(Outcome::clean(output, notes))
    }

    /// `cadre report`: the PDF of a period, rendered from this command's
    /// one engine and table.
    #[cfg(feature = "pdf")]
    pub fn report(&self, when: &When, args: &ReportArgs) -> Result<Outcome, Error> {
        let mut notes = self.accepted()?;
        let period = crate::report::report_period(self.period(when)?, &self.programme.info);
        let engine = self.engine();
        let table = engine.compute(&period)?;
        let options = self.report_options(&period, when, args)?;
        let rendered = crate::report::render(&engine, &table, &options)?;
        let lang = self.lang;
        notes.extend(
            rendered
                .narrative_warnings
                .iter()
                .map(|w| w.message(lang))
                .chain(rendered.warnings.iter().cloned())
                .map(|w| Text::Warning { text: &w }.render(lang)),
        );
        Ok(Outcome::clean(rendered.pdf, notes))
    }

    /// The report's options from the command's arguments: flags and inputs
    /// (the earlier table read here), never results.
    #[cfg(feature = "pdf")]
    fn report_options(
        &self,
        period: &Period,
        when: &When,
        args: &ReportArgs,
    ) -> Result<ReportOptions, Error> {
        let issue =
            crate::report::issue_date(args.date, args.source_date_epoch.as_deref(), period.end)?;
        let template = args
            .template
            .clone()
            .map_or(TemplateSource::Builtin, TemplateSource::Folder);
        let mut options = ReportOptions::new(template, self.lang, issue);
        options.pdf_standard = args.pdf_standard;
        options.allow_rejected = self.allow_rejected;
        options.narrative = args.narrative.clone();
        options.strict = args.strict;
        options.draft = args.draft;
        options.final_report = args.final_report;
        options.data_as_of = args.data_as_of.or_else(|| newest_modification(self.data));
        options.evidence = args.evidence;
        options.reference_sheets = args.reference_sheets;
        options.kind = args.kind;
        options.previous = args
            .previous
            .as_deref()
            .map(|previous| {
                crate::attached::earlier(
                    self.programme,
                    previous,
                    args.previous_period.as_deref(),
                    when.today,
                )
            })
            .transpose()?;
        Ok(options)
    }

    /// `cadre sheets`: the indicator reference sheets, their values up to
    /// the end of a period, as one PDF.
    #[cfg(feature = "pdf")]
    pub fn sheets(&self, when: &When, args: &SheetsArgs) -> Result<Outcome, Error> {
        let mut notes = self.accepted()?;
        let period = self.period(when)?;
        let engine = self.engine();
        let table = engine.compute(&period)?;
        let options = crate::report::sheets::SheetsOptions {
            template: args
                .template
                .clone()
                .map_or(TemplateSource::Builtin, TemplateSource::Folder),
            lang: self.lang,
            issue_date: crate::report::issue_date(
                args.date,
                args.source_date_epoch.as_deref(),
                period.end,
            )?,
            pdf_standard: args.pdf_standard,
            indicators: args.indicators.clone(),
        };
        let rendered = crate::report::render_sheets(&engine, &table, &options)?;
        let lang = self.lang;
        notes.extend(
            rendered
                .warnings
                .iter()
                .map(|w| Text::Warning { text: w }.render(lang)),
        );
        Ok(Outcome::clean(rendered.pdf, notes))
    }

    /// `cadre explain`: how one indicator's value was made.
    pub fn explain(&self, code: &str, when: &When, format: TextOrJson) -> Result<Outcome, Error> {
        let notes = self.accepted()?;
        let period = self.period(when)?;
        let explanation = self.engine().explain(code, &period)?;
        let output = match format {
            TextOrJson::Json => json(&explanation)?,
            TextOrJson::Text => {
                crate::explain_text::render(&explanation, &period, self.lang).into_bytes()
            }
        };
        Ok(Outcome::clean(output, notes))
    }

    /// `cadre check`: a claimed table recomputed; not clean when anything
    /// differs. The table is a report's PDF (the table it attached), a JSON
    /// table, a csv table from `compute`, or the xlsx tracking table (see
    /// [`crate::attached`]). `period` is required for a csv table, selects
    /// one sheet of an xlsx table, and must be the period a PDF or JSON
    /// table carries.
    pub fn check(
        &self,
        table: &Path,
        period: Option<&str>,
        today: NaiveDate,
        format: TextOrJson,
    ) -> Result<Outcome, Error> {
        let mut notes = self.accepted()?;
        let file = crate::attached::read_table(self.programme, table)?;
        if let crate::attached::TableFile::Reported(t) = &file {
            if t.definitions_hash != self.programme.definitions_hash() {
                notes.push(Text::ReportFromOtherDefinitions.render(self.lang));
            }
            let then: std::collections::BTreeSet<&str> =
                t.inputs.iter().map(|i| i.sha256.as_str()).collect();
            let files = self.data.input_files()?;
            if files.iter().any(|f| !then.contains(f.sha256.as_str())) {
                notes.push(Text::ReportFromOtherData.render(self.lang));
            }
        }
        let claimed = crate::attached::claimed(self.programme, file, table, period, today)?;
        let report = cadre::check::check(&self.engine(), &claimed)?;
        let output = match format {
            TextOrJson::Json => json(&report.differences)?,
            TextOrJson::Text => check_text(&report, self.lang).into_bytes(),
        };
        Ok(Outcome {
            output,
            notes,
            clean: report.agrees(),
        })
    }

    /// `cadre export`: several periods (by default every ended quarter) as
    /// IATI XML or the xlsx tracking table. The IATI file is dated `dated`
    /// (see [`ExportDate`]), else `today`: never a day still to come, which
    /// the IATI Standard refuses (rule 11.1.1).
    pub fn export(
        &self,
        format: ExportFormat,
        periods: &[String],
        today: NaiveDate,
        dated: &ExportDate,
    ) -> Result<Outcome, Error> {
        let notes = self.accepted()?;
        let info = &self.programme.info;
        let periods: Vec<Period> = if periods.is_empty() {
            Period::ended_quarters(info.start, info.end, today)
        } else {
            periods
                .iter()
                .map(|p| Period::parse(p, info.calendar(), today))
                .collect::<Result<_, _>>()?
        };
        let engine = self.engine();
        let tables = periods
            .iter()
            .map(|p| engine.compute(p))
            .collect::<Result<Vec<_>, _>>()?;
        // The tracking table is stamped with its last period's end: the same
        // data gives the same file whatever the day it is made. Not the IATI
        // file: that day may be still to come, which IATI refuses.
        let stamp = periods
            .iter()
            .map(|p| p.end)
            .max()
            .unwrap_or(today)
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default();
        let output = match format {
            ExportFormat::Iati => {
                let issued = crate::report::issue_date(
                    dated.date,
                    dated.source_date_epoch.as_deref(),
                    today,
                )?;
                if issued > today {
                    return Err(Error::IatiDateAhead {
                        date: issued,
                        today,
                    });
                }
                let issued = issued.and_hms_opt(0, 0, 0).unwrap_or_default();
                crate::iati::iati_xml(self.programme, &tables, issued).into_bytes()
            }
            ExportFormat::Xlsx => {
                // The financial statement of the last period exported.
                let statement = match periods.iter().max_by_key(|p| p.end) {
                    Some(last) => engine.financial_statement(last)?,
                    None => None,
                };
                let histories = periods
                    .iter()
                    .map(|p| engine.history(p))
                    .collect::<Result<Vec<_>, _>>()?;
                tracking_xlsx(
                    self.programme,
                    &tables,
                    &histories,
                    statement.as_ref(),
                    self.lang,
                    stamp,
                )?
            }
        };
        Ok(Outcome::clean(output, notes))
    }

    /// `cadre narrative`: the empty narrative of a period (the caller
    /// writes the files it lacks into `<folder>/<period>/`).
    pub fn narrative(&self, when: &When) -> Result<NarrativeSkeleton, Error> {
        let notes = self.accepted()?;
        // The reminders state the values the report will print.
        let period = crate::report::report_period(self.period(when)?, &self.programme.info);
        let engine = self.engine();
        let table = engine.compute(&period)?;
        let statement = engine.financial_statement(&period)?;
        let mut files = crate::report::narrative::skeleton(
            self.programme,
            &table,
            statement.as_ref(),
            crate::report::ReportKind::of(&period, &self.programme.info),
            self.lang,
        );
        // A heading per deviation from the workplan, to justify.
        files.extend(crate::report::workplan::skeleton(
            &engine, &period, self.lang,
        )?);
        // `risks.md`, with the risks that changed, when there is a register.
        if let Some(register) = engine.risk_register(&period)? {
            files.push(crate::report::risks::skeleton(
                self.programme,
                &register,
                self.lang,
            ));
        }
        Ok(NarrativeSkeleton {
            files,
            period: period.label,
            lang: self.lang,
            notes,
        })
    }
}

/// `cadre compute` on `inputs` (see [`Session::compute`]).
pub fn compute(inputs: &Inputs, when: &When, format: TableFormat) -> Result<Outcome, Error> {
    on_inputs(inputs, |s| s.compute(when, format))
}

/// `cadre report` on `inputs` (see [`Session::report`]).
#[cfg(feature = "pdf")]
pub fn report(inputs: &Inputs, when: &When, args: &ReportArgs) -> Result<Outcome, Error> {
    on_inputs(inputs, |s| s.report(when, args))
}

/// `cadre sheets` on `inputs` (see [`Session::sheets`]).
#[cfg(feature = "pdf")]
pub fn sheets(inputs: &Inputs, when: &When, args: &SheetsArgs) -> Result<Outcome, Error> {
    on_inputs(inputs, |s| s.sheets(when, args))
}

/// `cadre explain` on `inputs` (see [`Session::explain`]).
pub fn explain(
    inputs: &Inputs,
    code: &str,
    when: &When,
    format: TextOrJson,
) -> Result<Outcome, Error> {
    on_inputs(inputs, |s| s.explain(code, when, format))
}

/// `cadre check` on `inputs` (see [`Session::check`]).
pub fn check(
    inputs: &Inputs,
    table: &Path,
    period: Option<&str>,
    today: NaiveDate,
    format: TextOrJson,
) -> Result<Outcome, Error> {
    on_inputs(inputs, |s| s.check(table, period, today, format))
}

/// `cadre export` on `inputs` (see [`Session::export`]).
pub fn export(
    inputs: &Inputs,
    format: ExportFormat,
    periods: &[String],
    today: NaiveDate,
    dated: &ExportDate,
) -> Result<Outcome, Error> {
    on_inputs(inputs, |s| s.export(format, periods, today, dated))
}

/// `cadre narrative` on `inputs` (see [`Session::narrative`]).
pub fn narrative(inputs: &Inputs, when: &When) -> Result<NarrativeSkeleton, Error> {
    on_inputs(inputs, |s| s.narrative(when))
}

/// The differences of `check` as text: a sentence, then a tab-separated
/// table whose header names the contract's fields.
pub fn check_text(report: &CheckReport, lang: Lang) -> String {
    if report.agrees() {
        return format!(
            "{}\n",
            Text::TableAgrees {
                rows: report.rows_checked
            }
            .render(lang)
        );
    }
    let mut s = format!(
        "{}\n",
        Text::Differences {
            count: report.differences.len()
        }
        .render(lang)
    );
    s += "period\tindicator\tbreakdown\tcategory\tfield\tclaimed\trecomputed\n";
    for pd in &report.differences {
        let d = &pd.difference;
        s += &format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            pd.period, d.indicator, d.breakdown, d.category, d.field, d.claimed, d.recomputed
        );
    }
    s
}

/// The empty narrative of a period, for the officer to fill in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NarrativeSkeleton {
    /// The period's label: the files go to `<narrative folder>/<period>/`.
    pub period: String,
    /// Each file's name and text (see
    /// [`crate::report::narrative::skeleton`]).
    pub files: Vec<(String, String)>,
    /// The user's language, for what the caller says about the files.
    pub lang: Lang,
    /// Notes for standard error (rejected rows allowed).
    pub notes: Vec<String>,
}

/// `cadre report-template`: the default report template's files (path
/// relative to the template folder, bytes), to customise them (then
/// `cadre report --template DIR`).
#[cfg(feature = "pdf")]
pub fn report_template() -> Vec<(PathBuf, &'static [u8])> {
    crate::world::builtin_template_files()
}

/// `cadre template`: the blank data-entry workbook, with the registry
/// pre-filled from `registry` when given.
pub fn template(
    programme: &Path,
    registry: Option<&Path>,
    lang: Option<&str>,
) -> Result<Outcome, Error> {
    let (programme, lang) = load_programme(programme, lang)?;
    let data = registry
        .map(|path| cadre::ingest(&programme, path))
        .transpose()?;
    let bytes = crate::template::Template::new(&programme, data.as_ref(), lang)?.to_bytes()?;
    Ok(Outcome::clean(bytes, Vec::new()))
}

/// The tracking workbook of `tables` (see [`crate::tracking`]).
fn tracking_xlsx(
    programme: &Programme,
    tables: &[cadre::IndicatorTable],
    histories: &[cadre::history::History],
    statement: Option<&cadre::finance::FinancialStatement>,
    lang: Lang,
    created: chrono::NaiveDateTime,
) -> Result<Vec<u8>, Error> {
    crate::tracking::tracking_xlsx(programme, tables, histories, statement, lang, created).map_err(
        |source| Error::Xlsx {
            what: Box::new(crate::template::XlsxPart::TrackingTable),
            source,
        },
    )
}

/// The day the newest input file was last modified (UTC), if the system
/// keeps modification times.
#[cfg(feature = "pdf")]
fn newest_modification(data: &Data) -> Option<NaiveDate> {
    data.files
        .iter()
        .filter_map(cadre::ingest::DataFile::modified)
        .map(|t| chrono::DateTime::<chrono::Utc>::from(t).date_naive())
        .max()
}

fn json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}
