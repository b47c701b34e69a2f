//! The `cadre` command line. Parsing, printing and exit codes live here; the
//! work is done by the `cadre` and `cadre_report` libraries.
//!
//! Exit codes: 0 success; 1 the data has rejected rows (or `check` found
//! differences); 2 usage, definition or I/O errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cadre::{Data, Engine, Lang, Period, Programme, Text, Word};
use cadre_report::report::{PdfStandardChoice, ReportOptions};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "cadre",
    version,
    about = "Logframe indicators from activity spreadsheets, and funder reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a workbook against the programme's datasets; account for every row.
    Validate {
        #[command(flatten)]
        input: Input,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Compute every indicator for a period.
    Compute {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        when: When,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
        /// Output file (required for xlsx; stdout otherwise).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Leave rejected rows out (counted) instead of failing.
        #[arg(long)]
        allow_rejected: bool,
    },
    /// Typeset the funder report (PDF) for a period.
    Report {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        when: When,
        /// The PDF to write (written atomically).
        #[arg(short, long)]
        output: PathBuf,
        /// The template folder.
        #[arg(long, default_value = "report_templates/quarterly")]
        template: PathBuf,
        /// Date of issue (default: SOURCE_DATE_EPOCH, else the period's last day).
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Conform to a PDF standard, for archiving.
        #[arg(long, value_enum)]
        pdf_standard: Option<PdfStandardChoice>,
        /// Leave rejected rows out (counted and listed in the annex) instead of failing.
        #[arg(long)]
        allow_rejected: bool,
    },
    /// Show how one indicator's value was made: rows counted, rows left out, arithmetic.
    Explain {
        /// The indicator code (A3.2).
        code: String,
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        when: When,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Leave rejected rows out instead of failing.
        #[arg(long)]
        allow_rejected: bool,
    },
    /// Recompute an indicator table (csv from `compute`, or the xlsx tracking
    /// table) from the data and list every difference.
    Check {
        /// The table to check.
        #[arg(long)]
        table: PathBuf,
        #[command(flatten)]
        input: Input,
        /// The period of a csv table (an xlsx table names its periods in its sheets).
        #[arg(long)]
        period: Option<String>,
        /// Today's date, for the `project` period.
        #[arg(long)]
        today: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Leave rejected rows out instead of failing.
        #[arg(long)]
        allow_rejected: bool,
    },
    /// Export results for several periods: IATI 2.03 XML, or the xlsx tracking table.
    Export {
        #[command(flatten)]
        input: Input,
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Periods, comma separated (default: every quarter from the start to the last ended one).
        #[arg(long, value_delimiter = ',')]
        periods: Vec<String>,
        /// Today's date (default: the system's date).
        #[arg(long)]
        today: Option<NaiveDate>,
        /// Leave rejected rows out instead of failing.
        #[arg(long)]
        allow_rejected: bool,
    },
    /// Write the blank data-entry workbook of a programme.
    Template {
        /// The programme folder.
        #[arg(long)]
        programme: PathBuf,
        /// A workbook whose registry rows (referenced datasets) are pre-filled.
        #[arg(long)]
        registry: Option<PathBuf>,
        /// Language of the instructions and notes (default: the programme's first).
        #[arg(long)]
        lang: Option<String>,
        /// The xlsx to write.
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Iati,
    Xlsx,
}

#[derive(Args)]
struct Input {
    /// The programme folder (programme.toml, datasets.toml, indicators/).
    #[arg(long)]
    programme: PathBuf,
    /// The workbook (xlsx, xls, ods) or folder of csv files.
    #[arg(long)]
    data: PathBuf,
    /// Language of messages and labels (default: the programme's first).
    #[arg(long)]
    lang: Option<String>,
}

#[derive(Args)]
struct When {
    /// The period: 2025-Q3, 2025-H1, 2025-M04, 2025, 2025-03-01..2025-06-30 or project.
    #[arg(long)]
    period: String,
    /// Today's date, for the `project` period (default: the system's date).
    #[arg(long)]
    today: Option<NaiveDate>,
}

#[derive(Clone, Copy, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Csv,
    Json,
    Xlsx,
}

/// An error to print, in the user's language, with its exit code.
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            eprintln!("cadre: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Validate { input, format } => validate(&input, format),
        Command::Compute {
            input,
            when,
            format,
            output,
            allow_rejected,
        } => compute(&input, &when, format, output.as_deref(), allow_rejected),
        Command::Report {
            input,
            when,
            output,
            template,
            date,
            pdf_standard,
            allow_rejected,
        } => report(
            &input,
            &when,
            &output,
            template,
            date,
            pdf_standard,
            allow_rejected,
        ),
        Command::Explain {
            code,
            input,
            when,
            format,
            allow_rejected,
        } => explain(&code, &input, &when, format, allow_rejected),
        Command::Check {
            table,
            input,
            period,
            today,
            format,
            allow_rejected,
        } => check(
            &table,
            &input,
            period.as_deref(),
            today,
            format,
            allow_rejected,
        ),
        Command::Export {
            input,
            format,
            output,
            periods,
            today,
            allow_rejected,
        } => export(&input, format, &output, &periods, today, allow_rejected),
        Command::Template {
            programme,
            registry,
            lang,
            output,
        } => template(&programme, registry.as_deref(), lang, &output),
    }
}

/// Loads the programme and picks the language: `--lang` when the programme
/// declares it, else its default. Errors before the programme is known are
/// in the language asked for if cadre speaks it, else in French.
fn load_programme(dir: &Path, lang: Option<&str>) -> Result<(Programme, Lang), Failure> {
    let fallback = lang.and_then(Lang::from_code).unwrap_or(Lang::Fr);
    let programme = Programme::load(dir).map_err(|e| Failure::usage(e.message(fallback)))?;
    let lang = match lang {
        None => programme.default_language(),
        Some(code) => programme.language(code).ok_or_else(|| {
            Failure::usage(
                Text::UnknownLanguage {
                    given: code,
                    declared: &programme.info.languages,
                }
                .render(fallback),
            )
        })?,
    };
    Ok((programme, lang))
}

/// Loads the programme and ingests the data, in the user's language on error.
fn load(input: &Input) -> Result<(Programme, Data, Lang), Failure> {
    let (programme, lang) = load_programme(&input.programme, input.lang.as_deref())?;
    let data =
        cadre::ingest(&programme, &input.data).map_err(|e| Failure::usage(e.message(lang)))?;
    Ok((programme, data, lang))
}

fn validate(input: &Input, format: TextOrJson) -> Result<u8, Failure> {
    let (_, data, lang) = load(input)?;
    let report = &data.report;
    let mut out = std::io::stdout().lock();
    match format {
        TextOrJson::Json => {
            let json =
                serde_json::to_string_pretty(report).map_err(|e| Failure::usage(e.to_string()))?;
            let _ = writeln!(out, "{json}");
        }
        TextOrJson::Text => {
            let _ = write!(out, "{}", accounting_text(&data, lang));
        }
    }
    Ok(if report.is_clean() { 0 } else { 1 })
}

/// The per-sheet accounting and every problem, as plain text.
fn accounting_text(data: &Data, lang: Lang) -> String {
    let report = &data.report;
    let mut s = String::new();
    let w = report
        .sheets
        .iter()
        .map(|r| r.dataset.len())
        .max()
        .unwrap_or(8)
        .max(Word::Dataset.text(lang).chars().count());
    let ws = report
        .sheets
        .iter()
        .map(|r| r.sheet.chars().count())
        .max()
        .unwrap_or(8)
        .max(Word::Sheet.text(lang).chars().count());
    s += &format!(
        "{:<w$}  {:<ws$}  {:>8}  {:>9}  {:>8}  {:>6}\n",
        Word::Dataset.text(lang),
        Word::Sheet.text(lang),
        Word::Read.text(lang),
        Word::Accepted.text(lang),
        Word::Rejected.text(lang),
        Word::SkippedEmpty.text(lang)
    );
    for r in &report.sheets {
        s += &format!(
            "{:<w$}  {:<ws$}  {:>8}  {:>9}  {:>8}  {:>6}\n",
            r.dataset, r.sheet, r.read, r.accepted, r.rejected, r.skipped_empty
        );
    }
    let n = report.problems.len();
    if n == 0 {
        s += &format!("\n{}\n", Text::EveryRowAccepted.render(lang));
    } else {
        let rows = report.rejected();
        s += &format!(
            "\n{}\n",
            Text::RowsRejected { rows, problems: n }.render(lang)
        );
        for p in &report.problems {
            s += &format!("  {}\n", p.message(lang));
        }
    }
    s
}

fn today(when: &When) -> NaiveDate {
    when.today
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

fn period(programme: &Programme, when: &When, lang: Lang) -> Result<Period, Failure> {
    Period::parse(&when.period, programme.info.start, today(when))
        .map_err(|e| Failure::usage(e.message(lang)))
}

/// Stops on rejected rows unless allowed; then prints the accounting to stderr.
fn check_rejected(data: &Data, lang: Lang, allow: bool) -> Result<(), Failure> {
    if data.report.is_clean() {
        return Ok(());
    }
    let text = accounting_text(data, lang);
    if allow {
        eprint!("{text}");
        return Ok(());
    }
    let hint = Text::RejectedRowsStop.render(lang);
    Err(Failure {
        message: format!("{hint}\n{text}"),
        code: 1,
    })
}

/// A period's table, with what it was computed from.
struct Computed {
    programme: Programme,
    data: Data,
    lang: Lang,
    period: Period,
    table: cadre::IndicatorTable,
}

/// Loads, ingests (stopping on rejected rows unless allowed) and computes the period.
fn computed(input: &Input, when: &When, allow: bool) -> Result<Computed, Failure> {
    let (programme, data, lang) = load(input)?;
    check_rejected(&data, lang, allow)?;
    let period = period(&programme, when, lang)?;
    let table = Engine::new(&programme, &data)
        .compute(&period)
        .map_err(|e| Failure::usage(e.message(lang)))?;
    Ok(Computed {
        programme,
        data,
        lang,
        period,
        table,
    })
}

fn compute(
    input: &Input,
    when: &When,
    format: TableFormat,
    output: Option<&Path>,
    allow: bool,
) -> Result<u8, Failure> {
    let Computed {
        programme,
        lang,
        period,
        table,
        ..
    } = computed(input, when, allow)?;
    match format {
        TableFormat::Xlsx => {
            let Some(path) = output else {
                return Err(Failure::usage(Text::XlsxNeedsOutput.render(lang)));
            };
            let created = period.end.and_hms_opt(0, 0, 0).unwrap_or_default();
            cadre_report::tracking::write_tracking_xlsx(
                &programme,
                std::slice::from_ref(&table),
                lang,
                created,
                path,
            )
            .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
        }
        TableFormat::Csv | TableFormat::Json => {
            let mut buf = Vec::new();
            if matches!(format, TableFormat::Csv) {
                table
                    .write_csv(&mut buf)
                    .map_err(|e| Failure::usage(e.to_string()))?;
            } else {
                serde_json::to_writer_pretty(&mut buf, &table)
                    .map_err(|e| Failure::usage(e.to_string()))?;
                buf.push(b'\n');
            }
            write_output(output, &buf)?;
        }
    }
    Ok(0)
}

/// Writes to a file (atomically: temporary file, then rename) or stdout.
fn write_output(output: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match output {
        None => std::io::stdout()
            .write_all(bytes)
            .map_err(|e| Failure::usage(e.to_string())),
        Some(path) => cadre_report::write_atomically(path, bytes)
            .map_err(|e| Failure::usage(format!("{}: {e}", path.display()))),
    }
}

#[allow(clippy::too_many_arguments)]
fn report(
    input: &Input,
    when: &When,
    output: &Path,
    template: PathBuf,
    date: Option<NaiveDate>,
    pdf_standard: Option<PdfStandardChoice>,
    allow: bool,
) -> Result<u8, Failure> {
    let Computed {
        programme,
        data,
        lang,
        period,
        table,
    } = computed(input, when, allow)?;
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let issue = cadre_report::report::issue_date(date, epoch.as_deref(), period.end)
        .map_err(|e| Failure::usage(e.to_string()))?;
    let mut options = ReportOptions::new(template, lang, issue);
    options.pdf_standard = pdf_standard;
    options.allow_rejected = allow;
    let rendered = cadre_report::report::render_report(&programme, &data, &table, &options)
        .map_err(|e| Failure::usage(e.to_string()))?;
    for w in &rendered.warnings {
        eprintln!("cadre: warning: {w}");
    }
    cadre_report::write_atomically(output, &rendered.pdf)
        .map_err(|e| Failure::usage(format!("{}: {e}", output.display())))?;
    Ok(0)
}

fn explain(
    code: &str,
    input: &Input,
    when: &When,
    format: TextOrJson,
    allow: bool,
) -> Result<u8, Failure> {
    let (programme, data, lang) = load(input)?;
    check_rejected(&data, lang, allow)?;
    let period = period(&programme, when, lang)?;
    let engine = Engine::new(&programme, &data);
    let e = engine
        .explain(code, &period)
        .map_err(|e| Failure::usage(e.message(lang)))?;
    let text = match format {
        TextOrJson::Json => {
            serde_json::to_string_pretty(&e).map_err(|e| Failure::usage(e.to_string()))? + "\n"
        }
        TextOrJson::Text => cadre_report::explain_text::render(&e, &period, lang),
    };
    write_output(None, text.as_bytes())?;
    Ok(0)
}

fn check(
    table: &Path,
    input: &Input,
    period_arg: Option<&str>,
    today_arg: Option<NaiveDate>,
    format: TextOrJson,
    allow: bool,
) -> Result<u8, Failure> {
    let (programme, data, lang) = load(input)?;
    check_rejected(&data, lang, allow)?;
    let today = today_arg.unwrap_or_else(|| chrono::Local::now().date_naive());
    let parse = |p: &str| {
        Period::parse(p, programme.info.start, today).map_err(|e| Failure::usage(e.message(lang)))
    };
    let is_csv = table
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let claimed: Vec<(Period, Vec<cadre::table::FlatRow>)> = if is_csv {
        let Some(p) = period_arg else {
            return Err(Failure::usage(Text::CsvTableNeedsPeriod.render(lang)));
        };
        vec![(
            parse(p)?,
            cadre::check::read_table_csv(table).map_err(|e| Failure::usage(e.message(lang)))?,
        )]
    } else {
        let sheets = cadre_report::tracking::read_tracking_xlsx(&programme, table)
            .map_err(Failure::usage)?;
        let mut out = Vec::new();
        for (label, rows) in sheets {
            if period_arg.is_some_and(|p| p != label) {
                continue;
            }
            out.push((parse(&label)?, rows));
        }
        out
    };
    let engine = Engine::new(&programme, &data);
    let mut all = Vec::new();
    for (period, rows) in &claimed {
        let recomputed = engine
            .compute(period)
            .map_err(|e| Failure::usage(e.message(lang)))?;
        for d in cadre::check::compare(rows, &recomputed) {
            all.push((period.label.clone(), d));
        }
    }
    let text = match format {
        TextOrJson::Json => {
            let list: Vec<serde_json::Value> = all
                .iter()
                .map(|(p, d)| {
                    let mut v = serde_json::to_value(d).unwrap_or_default();
                    v["period"] = serde_json::Value::String(p.clone());
                    v
                })
                .collect();
            serde_json::to_string_pretty(&list).map_err(|e| Failure::usage(e.to_string()))? + "\n"
        }
        TextOrJson::Text => {
            let mut s = String::new();
            if all.is_empty() {
                let n: usize = claimed.iter().map(|(_, r)| r.len()).sum();
                s += &format!("{}\n", Text::TableAgrees { rows: n }.render(lang));
            } else {
                s += &format!("{}\n", Text::Differences { count: all.len() }.render(lang));
                s += "period\tindicator\tbreakdown\tcategory\tfield\tclaimed\trecomputed\n";
                for (p, d) in &all {
                    s += &format!(
                        "{p}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                        d.indicator, d.breakdown, d.category, d.field, d.claimed, d.recomputed
                    );
                }
            }
            s
        }
    };
    write_output(None, text.as_bytes())?;
    Ok(if all.is_empty() { 0 } else { 1 })
}

fn export(
    input: &Input,
    format: ExportFormat,
    output: &Path,
    periods: &[String],
    today_arg: Option<NaiveDate>,
    allow: bool,
) -> Result<u8, Failure> {
    let (programme, data, lang) = load(input)?;
    check_rejected(&data, lang, allow)?;
    let today = today_arg.unwrap_or_else(|| chrono::Local::now().date_naive());
    let periods: Vec<Period> = if periods.is_empty() {
        // Every quarter that has ended, within the programme.
        let last = today.min(programme.info.end);
        Period::quarters(programme.info.start, last)
            .into_iter()
            .filter(|q| q.end <= last || q.end >= programme.info.end)
            .collect()
    } else {
        periods
            .iter()
            .map(|p| {
                Period::parse(p, programme.info.start, today)
                    .map_err(|e| Failure::usage(e.message(lang)))
            })
            .collect::<Result<_, _>>()?
    };
    let engine = Engine::new(&programme, &data);
    let tables = periods
        .iter()
        .map(|p| engine.compute(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::usage(e.message(lang)))?;
    let stamp = periods
        .iter()
        .map(|p| p.end)
        .max()
        .unwrap_or(today)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    match format {
        ExportFormat::Iati => {
            let xml = cadre_report::iati::iati_xml(&programme, &tables, stamp);
            write_output(Some(output), xml.as_bytes())?;
        }
        ExportFormat::Xlsx => {
            cadre_report::tracking::write_tracking_xlsx(&programme, &tables, lang, stamp, output)
                .map_err(|e| Failure::usage(format!("{}: {e}", output.display())))?;
        }
    }
    Ok(0)
}

fn template(
    programme_dir: &Path,
    registry: Option<&Path>,
    lang: Option<String>,
    output: &Path,
) -> Result<u8, Failure> {
    let (programme, lang) = load_programme(programme_dir, lang.as_deref())?;
    let data = match registry {
        Some(path) => {
            Some(cadre::ingest(&programme, path).map_err(|e| Failure::usage(e.message(lang)))?)
        }
        None => None,
    };
    cadre_report::template::write_template(&programme, data.as_ref(), lang, output)
        .map_err(|e| Failure::usage(format!("{}: {e}", output.display())))?;
    Ok(0)
}
