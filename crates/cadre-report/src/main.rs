//! The `cadre` command line. Parsing, printing, the progress bars and exit
//! codes live here; the work is done by the `cadre` and `cadre_report`
//! libraries, which never print.
//!
//! Exit codes: 0 success; 1 the data has rejected rows (or `check` found
//! differences); 2 usage, definition or I/O errors.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod progress;

use cadre::ingest::Progress;
use cadre_report::Error;
use cadre_report::commands::{self, Outcome, Session};
use cadre_report::messages::Text;
use cadre_report::report::PdfStandardChoice;
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
        /// Who sent what in this period (when the programme declares
        /// reporting units); in all the data otherwise.
        #[arg(long)]
        period: Option<String>,
        /// Today's date, for the `project` period.
        #[arg(long)]
        today: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Who has reported: per reporting unit, the rows it sent in the
    /// period, dataset by dataset, and the units that sent nothing.
    Status {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        when: When,
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
        #[command(flatten)]
        report: ReportFlags,
    },
    /// Typeset the indicator reference sheets (PDF): per indicator, its
    /// definition, source, method, frequency, baseline, targets, values so
    /// far and data-quality notes.
    Sheets(SheetsCommand),
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
    /// Recompute an indicator table (a report's PDF, json or csv from
    /// `compute`, or the xlsx tracking table) from the data and list every difference.
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
        /// Periods, comma separated (`2025-Q1,2025-Q2`, programme years `PY1,PY2`; default: every
        /// quarter from the start to the last ended one).
        #[arg(long, value_delimiter = ',')]
        periods: Vec<String>,
        /// Today's date (default: the system's date).
        #[arg(long)]
        today: Option<NaiveDate>,
        /// The IATI file's date (default: SOURCE_DATE_EPOCH, else today).
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Leave rejected rows out instead of failing.
        #[arg(long)]
        allow_rejected: bool,
    },
    /// Write the empty narrative of a period (Markdown files with reminders
    /// and the headings funders expect) for `cadre report --narrative`.
    Narrative {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        when: When,
        /// The narrative folder; files go to OUTPUT/<period>/ (existing files are kept).
        #[arg(short, long)]
        output: PathBuf,
        /// Leave rejected rows out instead of failing.
        #[arg(long)]
        allow_rejected: bool,
    },
    /// Write the default report template into a folder, to customise it
    /// (then `cadre report --template DIR`).
    ReportTemplate {
        /// The folder to write (created if needed; existing files are kept).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Start the local web app: drop workbooks in a browser page, see the
    /// validation report, the indicator table and each value's explanation,
    /// download the report, tracking table, IATI export and data-entry
    /// template; the same answers as an API (POST /api/validate,
    /// /api/compute, /api/report, /api/explain with multipart `file` fields).
    ///
    /// It listens on this computer only (127.0.0.1) unless --addr says
    /// otherwise (then it warns). Uploads above 64 MiB per request are
    /// refused (413); uploaded workbooks are read from memory, never written
    /// to disk, and the page keeps them and the data read from them in
    /// memory for 30 minutes at most (256 MiB of uploads in all, the oldest
    /// forgotten first).
    Serve {
        /// The programme folder (programme.toml, datasets.toml, indicators/).
        #[arg(long)]
        programme: PathBuf,
        /// Data the page offers besides uploads: a workbook, a csv file or
        /// a folder, as for the other commands. Repeat for several sources.
        #[arg(long, num_args = 1)]
        data: Vec<PathBuf>,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
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

/// The options of every command writing a PDF (`report`, `sheets`).
#[derive(Args)]
struct PdfFlags {
    /// The PDF to write (written atomically).
    #[arg(short, long)]
    output: PathBuf,
    /// A template folder (see `cadre report-template`: main.typ for the
    /// report, sheets.typ for the sheets); by default the template built
    /// into cadre.
    #[arg(long)]
    template: Option<PathBuf>,
    /// Date of issue (default: SOURCE_DATE_EPOCH, else the period's last day).
    #[arg(long)]
    date: Option<NaiveDate>,
    /// Conform to a PDF standard: accessible (ua-1) or archival (a-3b, a-3a).
    #[arg(long, value_enum)]
    pdf_standard: Option<PdfStandard>,
}

/// The options of `cadre report` after the data and the period.
#[derive(Args)]
struct ReportFlags {
    #[command(flatten)]
    pdf: PdfFlags,
    /// An earlier report (its PDF, or its table as json or csv): list the
    /// values of its period that today's data restates.
    #[arg(long)]
    previous: Option<PathBuf>,
    /// The period of a csv --previous table (a PDF or json table carries its own).
    #[arg(long)]
    previous_period: Option<String>,
    /// Leave rejected rows out (counted and listed in the annex) instead of failing.
    #[arg(long)]
    allow_rejected: bool,
    /// The narrative folder: DIR/<period>/summary.md, <result>.md,
    /// <indicator>.md (see `cadre narrative`).
    #[arg(long)]
    narrative: Option<PathBuf>,
    /// Missing narrative (a result, an indicator behind) is an error.
    #[arg(long)]
    strict: bool,
    /// A draft: "PROJET" / "DRAFT" across every page.
    #[arg(long)]
    draft: bool,
    /// A final report (the cover says provisional otherwise).
    #[arg(long = "final")]
    final_report: bool,
    /// The kind of report, which its title says (default: the period's: a
    /// quarter is quarterly, a year or `PY2` annual, `project` final).
    #[arg(long, value_enum)]
    kind: Option<Kind>,
    /// The day the data was extracted (default: the newest modification
    /// among the input files).
    #[arg(long)]
    data_as_of: Option<NaiveDate>,
    /// An evidence annex: for each indicator, every row behind its
    /// value (file, sheet, row, key, date, value), as `explain` gives them.
    #[arg(long)]
    evidence: bool,
    /// An annex of indicator reference sheets, as `cadre sheets` writes them.
    #[arg(long)]
    reference_sheets: bool,
}

/// `cadre sheets`: the data, the period and the sheets' options.
#[derive(Args)]
struct SheetsCommand {
    #[command(flatten)]
    input: Input,
    #[command(flatten)]
    when: When,
    #[command(flatten)]
    flags: SheetsFlags,
}

impl SheetsCommand {
    /// The reference sheets' PDF, written to `-o`.
    fn run(self) -> Result<Outcome, Error> {
        let allow_rejected = self.flags.allow_rejected;
        let (args, output) = self.flags.args();
        let when = self.when.when();
        let outcome = self.input.run(allow_rejected, |s| s.sheets(&when, &args))?;
        to_file_or_stdout(outcome, Some(&output))
    }
}

/// The options of `cadre sheets` after the data and the period.
#[derive(Args)]
struct SheetsFlags {
    #[command(flatten)]
    pdf: PdfFlags,
    /// A sheet for this indicator only; repeat for several (default: every indicator).
    #[arg(long = "indicator", value_name = "CODE")]
    indicators: Vec<String>,
    /// Leave rejected rows out (counted in the data-quality notes) instead of failing.
    #[arg(long)]
    allow_rejected: bool,
}

impl SheetsFlags {
    /// The command's arguments, and the PDF to write.
    fn args(self) -> (commands::SheetsArgs, PathBuf) {
        let args = commands::SheetsArgs {
            template: self.pdf.template,
            date: self.pdf.date,
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
            pdf_standard: self.pdf.pdf_standard.map(Into::into),
            indicators: self.indicators,
        };
        (args, self.pdf.output)
    }
}

impl ReportFlags {
    /// The command's arguments, and the PDF to write.
    fn args(self) -> (commands::ReportArgs, PathBuf) {
        let args = commands::ReportArgs {
            template: self.pdf.template,
            date: self.pdf.date,
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
            pdf_standard: self.pdf.pdf_standard.map(Into::into),
            narrative: self.narrative,
            strict: self.strict,
            draft: self.draft,
            final_report: self.final_report,
            data_as_of: self.data_as_of,
            previous: self.previous,
            previous_period: self.previous_period,
            evidence: self.evidence,
            reference_sheets: self.reference_sheets,
            kind: self.kind.map(Into::into),
        };
        (args, self.pdf.output)
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    /// A monthly report.
    Monthly,
    /// A quarterly report.
    Quarterly,
    /// A half-yearly report.
    HalfYearly,
    /// An annual report.
    Annual,
    /// The final report.
    Final,
    /// A monitoring report of any span.
    Progress,
}

impl From<Kind> for cadre_report::report::ReportKind {
    fn from(k: Kind) -> Self {
        use cadre_report::report::ReportKind as R;
        match k {
            Kind::Monthly => R::Monthly,
            Kind::Quarterly => R::Quarterly,
            Kind::HalfYearly => R::HalfYearly,
            Kind::Annual => R::Annual,
            Kind::Final => R::Final,
            Kind::Progress => R::Progress,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum PdfStandard {
    /// PDF/UA-1: accessible (tagged, alternative texts, document language).
    #[value(name = "ua-1")]
    Ua1,
    /// PDF/A-3b, for long-term archiving, with the indicator table attached.
    #[value(name = "a-3b")]
    A3b,
    /// PDF/A-3a: archival and accessible, with the indicator table attached.
    #[value(name = "a-3a")]
    A3a,
    /// PDF/A-2b, for archives that refuse PDF/A-3: the table is not attached.
    #[value(name = "a-2b")]
    A2b,
}

impl From<PdfStandard> for PdfStandardChoice {
    fn from(s: PdfStandard) -> Self {
        match s {
            PdfStandard::Ua1 => PdfStandardChoice::Ua1,
            PdfStandard::A3b => PdfStandardChoice::A3b,
            PdfStandard::A3a => PdfStandardChoice::A3a,
            PdfStandard::A2b => PdfStandardChoice::A2b,
        }
    }
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
    /// The data: a workbook (xlsx, xls, ods), a csv file, or a folder
    /// (its csv files form one source; each workbook and subfolder in it is
    /// a source of its own). Repeat for several sources.
    #[arg(long, required = true, num_args = 1)]
    data: Vec<PathBuf>,
    /// Language of messages and labels (default: the programme's first).
    #[arg(long)]
    lang: Option<String>,
    /// No progress bar (drawn on stderr, when it is a terminal, while a
    /// large input is read).
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct When {
    /// The period: 2025-Q3, 2025-H1, 2025-M04, 2025, PY1 (programme year 1; see
    /// `year_start_month`), 2025-03-01..2025-06-30 or project.
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

impl From<TextOrJson> for commands::TextOrJson {
    fn from(f: TextOrJson) -> Self {
        match f {
            TextOrJson::Text => commands::TextOrJson::Text,
            TextOrJson::Json => commands::TextOrJson::Json,
        }
    }
}

impl From<TableFormat> for commands::TableFormat {
    fn from(f: TableFormat) -> Self {
        match f {
            TableFormat::Csv => commands::TableFormat::Csv,
            TableFormat::Json => commands::TableFormat::Json,
            TableFormat::Xlsx => commands::TableFormat::Xlsx,
        }
    }
}

impl From<ExportFormat> for commands::ExportFormat {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Iati => commands::ExportFormat::Iati,
            ExportFormat::Xlsx => commands::ExportFormat::Xlsx,
        }
    }
}

impl Input {
    /// Runs `command` on this input's programme and data, read with a bar
    /// per sheet on stderr when stderr is a terminal, `--quiet` is not
    /// given and the input is large (stdout is never touched).
    fn run<T>(
        self,
        allow_rejected: bool,
        command: impl FnOnce(&Session<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let draw = !self.quiet && std::io::stderr().is_terminal() && progress::is_large(&self.data);
        let inputs = commands::Inputs {
            programme: self.programme,
            data: self.data.into_iter().map(Into::into).collect(),
            lang: self.lang,
            allow_rejected,
        };
        let bars = |lang| draw.then(|| Box::new(progress::Bars::new(lang)) as Box<dyn Progress>);
        let (ingested, lang) = commands::open(&inputs, bars)?;
        command(&ingested.session(lang, allow_rejected))
    }
}

/// The system's date, unless the user gave one.
fn today(given: Option<NaiveDate>) -> NaiveDate {
    given.unwrap_or_else(|| chrono::Local::now().date_naive())
}

impl When {
    fn when(self) -> commands::When {
        commands::When {
            today: today(self.today),
            period: self.period,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Serve {
        programme,
        data,
        addr,
    } = cli.command
    {
        return serve(programme, data, addr);
    }
    let lang = commands::error_language(cli.command.lang(), cli.command.programme());
    match run(cli.command) {
        Ok(outcome) => {
            for note in &outcome.notes {
                eprint!("{}", with_newline(note));
            }
            if std::io::stdout().write_all(&outcome.output).is_err() {
                return ExitCode::from(2);
            }
            ExitCode::from(if outcome.clean { 0 } else { 1 })
        }
        Err(e) => {
            // Errors are written in the language asked for; a language the
            // programme does not declare is itself the error, written in
            // the fallback language.
            eprintln!("cadre: {}", e.message(lang));
            ExitCode::from(exit_code(&e))
        }
    }
}

/// `cadre serve`: listens, says where (and warns beyond loopback), serves
/// until Ctrl+C.
fn serve(programme: PathBuf, data: Vec<PathBuf>, addr: std::net::SocketAddr) -> ExitCode {
    use cadre_report::messages::web::WebText;
    use cadre_report::serve;
    let lang = match serve::programme_language(&programme) {
        Ok(lang) => lang,
        Err(e) => {
            let lang = commands::error_language(None, Some(&programme));
            eprintln!("cadre: {}", e.message(lang));
            return ExitCode::from(exit_code(&e));
        }
    };
    let listener = match std::net::TcpListener::bind(addr) {
        Ok(l) => l,
        Err(source) => {
            let e = Error::Listen {
                addr: addr.to_string(),
                source,
            };
            eprintln!("cadre: {}", e.message(lang));
            return ExitCode::from(2);
        }
    };
    if !serve::is_loopback(&addr) {
        let addr = addr.to_string();
        eprintln!(
            "cadre: {}",
            WebText::NotLoopback { addr: &addr }.render(lang)
        );
    }
    let bound = listener.local_addr().unwrap_or(addr);
    let url = format!("http://{bound}/");
    eprintln!("{}", WebText::Listening { url: &url }.render(lang));
    let mut config = serve::Config::new(programme);
    config.data = data;
    match serve::run(listener, config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cadre: {}", e.message(lang));
            ExitCode::from(exit_code(&e))
        }
    }
}

/// 1 when the data has rejected rows; 2 for usage, definitions and I/O.
fn exit_code(e: &Error) -> u8 {
    match e {
        Error::RejectedRows { .. } => 1,
        _ => 2,
    }
}

fn with_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_owned()
    } else {
        format!("{s}\n")
    }
}

impl Command {
    /// The `--lang` given, if any.
    fn lang(&self) -> Option<&str> {
        match self {
            Command::Validate { input, .. }
            | Command::Status { input, .. }
            | Command::Compute { input, .. }
            | Command::Report { input, .. }
            | Command::Sheets(SheetsCommand { input, .. })
            | Command::Explain { input, .. }
            | Command::Check { input, .. }
            | Command::Export { input, .. }
            | Command::Narrative { input, .. } => input.lang.as_deref(),
            Command::Template { lang, .. } => lang.as_deref(),
            Command::ReportTemplate { .. } | Command::Serve { .. } => None,
        }
    }

    /// The programme folder, if the command reads one.
    fn programme(&self) -> Option<&std::path::Path> {
        match self {
            Command::Validate { input, .. }
            | Command::Status { input, .. }
            | Command::Compute { input, .. }
            | Command::Report { input, .. }
            | Command::Sheets(SheetsCommand { input, .. })
            | Command::Explain { input, .. }
            | Command::Check { input, .. }
            | Command::Export { input, .. }
            | Command::Narrative { input, .. } => Some(&input.programme),
            Command::Template { programme, .. } | Command::Serve { programme, .. } => {
                Some(programme)
            }
            Command::ReportTemplate { .. } => None,
        }
    }
}

/// Runs one command; what it made goes to `-o` (written atomically) when
/// the command takes a file, else to standard output (by `main`).
fn run(command: Command) -> Result<Outcome, Error> {
    match command {
        Command::Validate {
            input,
            period,
            today: day,
            format,
        } => {
            let when = period.map(|period| commands::When {
                period,
                today: today(day),
            });
            input.run(false, |s| s.validate(when.as_ref(), format.into()))
        }
        Command::Status {
            input,
            when,
            format,
        } => input.run(false, |s| s.status(&when.when(), format.into())),
        Command::Compute {
            input,
            when,
            format,
            output,
            allow_rejected,
        } => compute(input, allow_rejected, when, format, output),
        Command::Report {
            input,
            when,
            report,
        } => {
            let allow_rejected = report.allow_rejected;
            let (args, output) = report.args();
            let outcome = input.run(allow_rejected, |s| s.report(&when.when(), &args))?;
            to_file_or_stdout(outcome, Some(&output))
        }
        Command::Sheets(command) => command.run(),
        Command::Explain {
            code,
            input,
            when,
            format,
            allow_rejected,
        } => input.run(allow_rejected, |s| {
            s.explain(&code, &when.when(), format.into())
        }),
        Command::Check {
            table,
            input,
            period,
            today: given,
            format,
            allow_rejected,
        } => input.run(allow_rejected, |s| {
            s.check(&table, period.as_deref(), today(given), format.into())
        }),
        Command::Export {
            input,
            format,
            output,
            periods,
            today: given,
            date,
            allow_rejected,
        } => {
            let dated = commands::ExportDate {
                date,
                source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
            };
            let outcome = input.run(allow_rejected, |s| {
                s.export(format.into(), &periods, today(given), &dated)
            })?;
            to_file_or_stdout(outcome, Some(&output))
        }
        Command::Template {
            programme,
            registry,
            lang,
            output,
        } => {
            let outcome = commands::template(&programme, registry.as_deref(), lang.as_deref())?;
            to_file_or_stdout(outcome, Some(&output))
        }
        Command::ReportTemplate { output } => write_report_template(&output),
        // Handled before: it serves until stopped.
        Command::Serve { .. } => Ok(Outcome::default()),
        Command::Narrative {
            input,
            when,
            output,
            allow_rejected,
        } => {
            let skeleton = input.run(allow_rejected, |s| s.narrative(&when.when()))?;
            write_narrative(skeleton, &output)
        }
    }
}

/// `cadre compute`: the table on standard output, or in `output` (which
/// the xlsx table needs).
fn compute(
    input: Input,
    allow_rejected: bool,
    when: When,
    format: TableFormat,
    output: Option<PathBuf>,
) -> Result<Outcome, Error> {
    if matches!(format, TableFormat::Xlsx) && output.is_none() {
        return Err(Error::XlsxNeedsOutput);
    }
    let outcome = input.run(allow_rejected, |s| s.compute(&when.when(), format.into()))?;
    to_file_or_stdout(outcome, output.as_deref())
}

/// Writes what a command made to `path` (atomically) when given; else
/// leaves it for standard output.
fn to_file_or_stdout(outcome: Outcome, path: Option<&Path>) -> Result<Outcome, Error> {
    let Some(path) = path else {
        return Ok(outcome);
    };
    write(path, &outcome.output)?;
    Ok(Outcome {
        output: Vec::new(),
        ..outcome
    })
}

/// Writes the narrative files a period lacks into `folder/<period>/` (a
/// file already there is kept); prints the files written and a count.
fn write_narrative(skeleton: commands::NarrativeSkeleton, folder: &Path) -> Result<Outcome, Error> {
    let folder = folder.join(&skeleton.period);
    std::fs::create_dir_all(&folder).map_err(|source| Error::Write {
        path: folder.clone(),
        source,
    })?;
    let (mut written, mut kept) = (0, 0);
    let mut list = String::new();
    for (name, text) in &skeleton.files {
        let path = folder.join(name);
        if path.exists() {
            kept += 1;
            continue;
        }
        write(&path, text.as_bytes())?;
        written += 1;
        list += &format!("{}\n", path.display());
    }
    list += &format!(
        "{}\n",
        Text::NarrativeSkeleton { written, kept }.render(skeleton.lang)
    );
    Ok(Outcome {
        output: list.into_bytes(),
        notes: skeleton.notes,
        clean: true,
    })
}

/// Writes the default report template into `dir` (created if needed);
/// refuses to overwrite a file that is already there. Prints the files
/// written.
fn write_report_template(dir: &Path) -> Result<Outcome, Error> {
    let files = commands::report_template();
    write_new_files(dir, &files).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let list: String = files
        .iter()
        .map(|(path, _)| format!("{}\n", dir.join(path).display()))
        .collect();
    Ok(Outcome {
        output: list.into_bytes(),
        notes: Vec::new(),
        clean: true,
    })
}

/// Writes `files` into `dir`, none of them there before: checked for all
/// first, then each created new (a file that appeared since is an error,
/// never overwritten).
fn write_new_files(dir: &Path, files: &[(PathBuf, &[u8])]) -> std::io::Result<()> {
    for (file, _) in files {
        // `symlink_metadata`: a dangling link is there too, and not followed.
        if std::fs::symlink_metadata(dir.join(file)).is_ok() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                dir.join(file).display().to_string(),
            ));
        }
    }
    for (file, bytes) in files {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?
            .write_all(bytes)?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically (see [`cadre_report::write_atomically`]).
fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    cadre_report::write_atomically(path, bytes).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}
