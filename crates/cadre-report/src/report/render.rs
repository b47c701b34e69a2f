//! Typesetting (feature `pdf`): the report data compiled with the template
//! in a [`ReportWorld`] and exported as PDF by Typst, embedded.

use std::time::Instant;

use cadre::{Engine, IndicatorTable};
use chrono::{Datelike, NaiveDate};
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::syntax::{FileId, VirtualRoot};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::{
    BUILTIN_NAME, Diagnostic, PdfStandardChoice, ReportError, ReportOptions, TemplateSource,
    attachment, data, load_narrative, narrative, sheets,
};
use crate::world::ReportWorld;

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

/// Renders the report of `table`, computed by `engine`: builds the data
/// (with that engine, see [`super::report_data`]), compiles the template
/// with it, and exports the PDF. Nothing is written to disk (see
/// [`crate::write_atomically`]) and nothing is printed: warnings are
/// returned.
pub fn render(
    engine: &Engine,
    table: &IndicatorTable,
    options: &ReportOptions,
) -> Result<RenderedReport, ReportError> {
    let programme = engine.programme();
    let statement = engine
        .financial_statement(&data::table_period(table))
        .map_err(ReportError::Input)?;
    if let Some(s) = &statement {
        paid_ahead(programme, s, options.issue_date)?;
    }
    // Data extracted after the date of issue: the report states values it
    // could not have known then. A final report refuses it.
    let late_data = options.data_as_of.filter(|d| *d > options.issue_date);
    if let (Some(extracted), true) = (late_data, options.final_report) {
        return Err(ReportError::DataAfterIssue {
            extracted,
            issued: options.issue_date,
        });
    }
    let narrative = load_narrative(programme, table, options)?;
    let kind = options
        .kind
        .unwrap_or_else(|| super::ReportKind::of(&data::table_period(table), &programme.info));
    let mut narrative_warnings = narrative
        .as_ref()
        .map(|n| narrative::warnings(n, table, programme, statement.as_ref(), kind))
        .unwrap_or_default();
    // The deviations from the workplan without their justification.
    if let Some(n) = &narrative {
        let period = data::table_period(table);
        narrative_warnings.extend(super::workplan::warnings(engine, &period, n)?);
    }
    // A final report is complete, unless it is a draft.
    let strict = options.strict || (kind == super::ReportKind::Final && !options.draft);
    if strict && narrative_warnings.iter().any(|w| w.is_missing_narrative()) {
        return Err(ReportError::NarrativeIncomplete(
            narrative_warnings
                .into_iter()
                .filter(|w| w.is_missing_narrative())
                .collect(),
        ));
    }
    let report = data::build(
        engine,
        table,
        options,
        narrative.as_ref(),
        statement.as_ref(),
    )?;
    let bytes = serde_json::to_vec(&report)?;
    let ident = format!(
        "cadre/{}/{}/{}",
        programme.info.code, table.period.label, options.lang
    );
    let mut files: Vec<(String, Vec<u8>)> = attachment::files(engine, table, options)?
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
    if let Some(extracted) = late_data {
        rendered.warnings.insert(
            0,
            crate::messages::Text::DataAfterIssue {
                extracted: &extracted.to_string(),
                issued: &options.issue_date.to_string(),
            }
            .render(options.lang),
        );
    }
    Ok(rendered)
}

/// Refuses the expenses marked paid and dated after the date of issue: a
/// payment cannot be ahead; the row is committed or planned.
fn paid_ahead(
    programme: &cadre::Programme,
    s: &cadre::finance::FinancialStatement,
    issued: chrono::NaiveDate,
) -> Result<(), ReportError> {
    let rows: Vec<(Option<u32>, chrono::NaiveDate, f64)> = s
        .paid_after
        .iter()
        .filter_map(|e| e.date.filter(|d| *d > issued).map(|d| (e.row, d, e.amount)))
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let dataset = programme
        .finance
        .as_ref()
        .map(|f| f.expenses.dataset.clone())
        .unwrap_or_default();
    Err(ReportError::PaidAhead {
        issued,
        rows,
        dataset,
    })
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
    export(&world, template, issue_date, standard, ident)
}

/// Renders the indicator reference sheets alone (`cadre sheets`): their
/// data (see [`sheets::build`]) compiled with the template's `sheets.typ`
/// and exported as PDF. Nothing is written nor printed.
pub fn render_sheets(
    engine: &Engine,
    table: &IndicatorTable,
    options: &sheets::SheetsOptions,
) -> Result<RenderedReport, ReportError> {
    let programme = engine.programme();
    let data = sheets::build(
        engine,
        table,
        options.lang,
        options.issue_date,
        &options.indicators,
    )?;
    let bytes = serde_json::to_vec(&data)?;
    let ident = format!(
        "cadre/{}/{}/{}/sheets",
        programme.info.code, table.period.label, options.lang
    );
    let world = ReportWorld::new(&options.template, bytes, options.issue_date)?
        .with_main(crate::world::SHEETS_FILE);
    export(
        &world,
        &options.template,
        options.issue_date,
        options.pdf_standard,
        &ident,
    )
}

/// Compiles `world`'s document and exports it as PDF, its creation date
/// the date of issue and its identifier `ident`.
fn export(
    world: &ReportWorld,
    template: &TemplateSource,
    issue_date: NaiveDate,
    standard: Option<PdfStandardChoice>,
    ident: &str,
) -> Result<RenderedReport, ReportError> {
    let started = Instant::now();
    let compiled = typst::compile::<PagedDocument>(world);
    let compile_seconds = started.elapsed().as_secs_f64();
    let mut warnings: Vec<String> = compiled
        .warnings
        .iter()
        .map(|w| diagnostic(world, template, w).to_string())
        .collect();
    let document = compiled
        .output
        .map_err(|errors| ReportError::Template(diagnostics(world, template, &errors)))?;

    let standards = match standard {
        None => PdfStandards::default(),
        Some(s) => PdfStandards::new(&[typst_standard(s)]).map_err(|e| {
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
        .map_err(|errors| ReportError::Pdf(diagnostics(world, template, &errors)))?;
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

fn typst_standard(s: PdfStandardChoice) -> PdfStandard {
    match s {
        PdfStandardChoice::A2b => PdfStandard::A_2b,
        PdfStandardChoice::A3b => PdfStandard::A_3b,
        PdfStandardChoice::A3a => PdfStandard::A_3a,
        PdfStandardChoice::Ua1 => PdfStandard::Ua_1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::report_data;
    use cadre::Lang;

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
        let period =
            cadre::Period::parse("2024-Q2", programme.info.calendar(), d(2025, 1, 1)).unwrap();
        let engine = cadre::Engine::new(&programme, &data);
        let table = engine.compute(&period).unwrap();
        let dir = std::env::temp_dir().join(format!("cadre-typo-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("2024-Q2")).unwrap();
        std::fs::write(dir.join("2024-Q2/summary.md"), narrative).unwrap();
        let mut options = options.clone();
        options.narrative = Some(dir.clone());
        let report = report_data(&engine, &table, &options).unwrap();
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
}
