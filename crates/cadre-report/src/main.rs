//! The `cadre` command line. Parsing, printing and exit codes live here; the
//! work is done by the `cadre` and `cadre_report` libraries.
//!
//! Exit codes: 0 success; 1 the data has rejected rows (or `check` found
//! differences); 2 usage, definition or I/O errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cadre::{Data, Engine, Period, Programme};
use cadre_report::labels::Labels;
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
    }
}

/// Loads the programme and ingests the data, in the user's language on error.
fn load(input: &Input) -> Result<(Programme, Data, String), Failure> {
    let fallback = input.lang.clone().unwrap_or_else(|| "fr".into());
    let programme =
        Programme::load(&input.programme).map_err(|e| Failure::usage(e.localized(&fallback)))?;
    let lang = input
        .lang
        .clone()
        .unwrap_or_else(|| programme.default_language().to_owned());
    let data =
        cadre::ingest(&programme, &input.data).map_err(|e| Failure::usage(e.localized(&lang)))?;
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
            let _ = write!(out, "{}", accounting_text(&data, &lang));
        }
    }
    Ok(if report.is_clean() { 0 } else { 1 })
}

/// The per-sheet accounting and every problem, as plain text.
fn accounting_text(data: &Data, lang: &str) -> String {
    let l = Labels::new(lang);
    let report = &data.report;
    let mut s = String::new();
    let w = report
        .sheets
        .iter()
        .map(|r| r.dataset.len())
        .max()
        .unwrap_or(8)
        .max(l.get("dataset").chars().count());
    let ws = report
        .sheets
        .iter()
        .map(|r| r.sheet.chars().count())
        .max()
        .unwrap_or(8)
        .max(l.get("sheet").chars().count());
    s += &format!(
        "{:<w$}  {:<ws$}  {:>8}  {:>9}  {:>8}  {:>6}\n",
        l.get("dataset"),
        l.get("sheet"),
        l.get("read"),
        l.get("accepted"),
        l.get("rejected"),
        l.get("skipped_empty")
    );
    for r in &report.sheets {
        s += &format!(
            "{:<w$}  {:<ws$}  {:>8}  {:>9}  {:>8}  {:>6}\n",
            r.dataset, r.sheet, r.read, r.accepted, r.rejected, r.skipped_empty
        );
    }
    let n = report.problems.len();
    if n == 0 {
        s += if lang == "fr" {
            "\nToutes les lignes sont acceptées.\n"
        } else {
            "\nEvery row is accepted.\n"
        };
    } else {
        let rows = report.rejected();
        s += &if lang == "fr" {
            format!("\n{rows} ligne(s) rejetée(s), {n} problème(s) :\n")
        } else {
            format!("\n{rows} row(s) rejected, {n} problem(s):\n")
        };
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

fn period(programme: &Programme, when: &When, lang: &str) -> Result<Period, Failure> {
    Period::parse(&when.period, programme.info.start, today(when))
        .map_err(|e| Failure::usage(e.localized(lang)))
}

/// Stops on rejected rows unless allowed; then prints the accounting to stderr.
fn check_rejected(data: &Data, lang: &str, allow: bool) -> Result<(), Failure> {
    if data.report.is_clean() {
        return Ok(());
    }
    let text = accounting_text(data, lang);
    if allow {
        eprint!("{text}");
        return Ok(());
    }
    let hint = if lang == "fr" {
        "des lignes sont rejetées : corrigez-les, ou relancez avec --allow-rejected pour les écarter (elles seront comptées)"
    } else {
        "some rows are rejected: fix them, or run again with --allow-rejected to leave them out (they are counted)"
    };
    Err(Failure {
        message: format!("{hint}\n{text}"),
        code: 1,
    })
}

fn compute(
    input: &Input,
    when: &When,
    format: TableFormat,
    output: Option<&Path>,
    allow: bool,
) -> Result<u8, Failure> {
    let (programme, data, lang) = load(input)?;
    check_rejected(&data, &lang, allow)?;
    let period = period(&programme, when, &lang)?;
    let table = Engine::new(&programme, &data)
        .compute(&period)
        .map_err(|e| Failure::usage(e.localized(&lang)))?;
    match format {
        TableFormat::Xlsx => {
            let Some(path) = output else {
                return Err(Failure::usage("--format xlsx needs -o FILE"));
            };
            let created = period.end.and_hms_opt(0, 0, 0).unwrap_or_default();
            cadre_report::tracking::write_tracking_xlsx(
                &programme,
                std::slice::from_ref(&table),
                &lang,
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
