//! The quarterly report, end to end: the example programme in both
//! languages, byte-for-byte reproducibility, markup in data printed as text,
//! templates confined to their folder, and errors located in the template.
//!
//! The PDF's text is read back with `pdftotext` (Debian: poppler-utils).
//! Typst compiles slowly in debug builds, so the full report is compiled a
//! handful of times only.

use std::path::{Path, PathBuf};
use std::process::Command;

use cadre::indicator::Direction;
use cadre::{Data, IndicatorTable, Lang, Programme};
use cadre_report::messages::report::{Conventions, ReportWord};
use cadre_report::report::format::Formatter;
use cadre_report::report::kinds::Figures;
use cadre_report::report::{
    PdfStandardChoice, RenderedReport, ReportError, ReportOptions, render, render_template,
};
use cadre_report::world::TemplateSource;
use chrono::NaiveDate;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

fn quarterly() -> PathBuf {
    repo().join("report_templates/quarterly")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn load(programme: &Path, data: &Path, period: &str) -> (Programme, Data, IndicatorTable) {
    let p = Programme::load(programme).unwrap_or_else(|e| panic!("{}: {e}", programme.display()));
    let d = cadre::ingest(&p, data).unwrap_or_else(|e| panic!("{}: {e}", data.display()));
    let period = cadre::Period::parse(period, p.info.calendar(), p.info.end).expect("period");
    let t = cadre::Engine::new(&p, &d)
        .compute(&period)
        .expect("compute");
    (p, d, t)
}

/// The report of `t`, rendered from an engine over `p` and `d` (the table
/// computed by `load`, with the same programme and data).
fn render_report(
    p: &Programme,
    d: &Data,
    t: &IndicatorTable,
    options: &ReportOptions,
) -> Result<RenderedReport, ReportError> {
    render(&cadre::Engine::new(p, d), t, options)
}

fn example() -> (Programme, Data, IndicatorTable) {
    load(
        &repo().join("indicators/terress"),
        &repo().join("examples/terress/terress.xlsx"),
        "2025-Q4",
    )
}

/// A scratch folder of this test binary.
pub(crate) fn scratch(name: &str) -> PathBuf {
    // Under the build folder, so the PDFs can be looked at after a run.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("report")
        .join(name);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The text of a PDF, by `pdftotext`. Fails (never skips) when the tool is missing.
pub(crate) fn pdf_text(pdf: &[u8], name: &str) -> String {
    let path = scratch("pdf").join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().unwrap_or_else(|e| {
        panic!("pdftotext is needed to read the report's text ({e}); install it: apt-get install -y poppler-utils")
    });
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext prints UTF-8")
}

/// Text without any whitespace (spaces, no-break spaces, line breaks), so
/// that a value wrapped across lines or spaced by a narrow no-break space
/// still matches.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{202F}' | '\u{200B}' | '\u{AD}')
        })
        .collect()
}

pub(crate) fn assert_has(text: &str, needle: &str, what: &str) {
    assert!(
        squash(text).contains(&squash(needle)),
        "the report's text lacks {what}: {needle:?}\n---\n{text}"
    );
}

/// The text of a PDF laid out as on the page (`pdftotext -layout`): a table
/// row is one line.
fn pdf_layout(pdf: &[u8], name: &str) -> String {
    let path = scratch("pdf").join(format!("{name}-layout.pdf"));
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success(), "pdftotext -layout failed");
    String::from_utf8(out.stdout).expect("pdftotext prints UTF-8")
}

/// Asserts that a line of `layout` starts with `first` and ends with
/// `cells`, in this order and with nothing between them (whitespace
/// ignored). A value found elsewhere on the page (a page number, another
/// row) does not count.
///
/// A row whose first cell is wrapped over several lines (a long label, a
/// dated baseline) prints its values on one line and `first` on a line
/// near it: the values' line may then start with anything, as long as a
/// line of the same row (within four lines) starts with `first`.
fn assert_row(layout: &str, first: &str, cells: &[String], what: &str) {
    let tail: String = cells.iter().map(|c| squash(c)).collect();
    let lines: Vec<&str> = layout.lines().collect();
    let starts = |l: &str| l.split_whitespace().next() == Some(first);
    let found = lines.iter().enumerate().any(|(n, line)| {
        squash(line).ends_with(&tail)
            && (starts(line)
                || lines[n.saturating_sub(4)..(n + 5).min(lines.len())]
                    .iter()
                    .any(|l| starts(l)))
    });
    assert!(
        found,
        "no line of the report starts with {first:?} and ends with {cells:?} ({what})\n---\n{layout}"
    );
}

/// Each indicator's row of the tracking table: code first, then (after the
/// label) baseline, milestone, next milestone, target, period value,
/// cumulative value, the previous quarter's cumulative value and the change
/// since, achievement and status, as the report formats them; `—` for no
/// value.
fn assert_indicators_printed(
    layout: &str,
    (p, d, table): (&Programme, &Data, &IndicatorTable),
    lang: Lang,
) {
    let f = Formatter::new(lang);
    let dash = || "—".to_owned();
    let period = cadre::Period {
        label: table.period.label.clone(),
        start: table.period.start,
        end: table.period.end,
    };
    let history = cadre::Engine::new(p, d).history(&period).expect("history");
    for i in &table.indicators {
        let def = p.indicator(&i.code).expect("the indicator's definition");
        let unit = i.unit.get(lang);
        let value = |v: Option<f64>| v.map(|v| f.value(v, unit)).unwrap_or_else(dash);
        let previous = history.get(&i.code).and_then(|s| s.previous()).flatten();
        let change = previous
            .zip(i.cumulative_value)
            .map(|(before, now)| {
                // One decimal at most, as the values beside it.
                let n = f.fixed(now - before, 1);
                let sign = if now > before && n != "0" { "+" } else { "" };
                let points = if unit == "%" {
                    Conventions::of(lang).percentage_points
                } else {
                    ""
                };
                format!("{sign}{n}{points}")
            })
            .unwrap_or_else(dash);
        // "n/a" where the definitions give no baseline or target.
        let given = |v: Option<f64>| {
            v.map_or_else(
                || ReportWord::NotAvailable.text(lang).to_owned(),
                |v| f.value(v, unit),
            )
        };
        let target = given(i.target);
        let figure = Figures::new(lang, p.status_rules).figure(i, false);
        let total = figure.kind == cadre_report::report::kinds::FigureKind::Total;
        let figure_text =
            if def.achievement_rule() == cadre::baseline::AchievementRule::FromBaseline {
                i.achievement_pct.map(|a| f.percent(a)).unwrap_or_else(dash)
            } else {
                figure.text.unwrap_or_else(dash)
            };
        // The next milestone: the definitions' earliest after the period.
        let next = (def.milestones.iter())
            .filter(|m| m.date > period.end)
            .min_by_key(|m| m.date)
            .map(|m| m.value);
        let cells = [
            given(i.baseline),
            value(i.milestone.map(|m| m.value)),
            value(next),
            if i.direction == Direction::Ceiling {
                format!("≤{target}")
            } else {
                target
            },
            value(i.period_value),
            value(i.cumulative_value),
            value(previous),
            change,
            // A total's achievement in its column, a level's gap or a
            // ceiling's verdict in the next (the achievement whatever the
            // kind when it is measured from the baseline).
            if total { figure_text } else { dash() },
            figure.gap.clone().unwrap_or_else(dash),
            i.status.text(lang).to_owned(),
        ];
        // A dated baseline prints its date under it, on lines of its own:
        // the row's line starts at the milestone.
        let cells = if def.baseline_date.is_some() {
            &cells[1..]
        } else {
            &cells[..]
        };
        assert_row(
            layout,
            &i.code,
            cells,
            "the indicator's row of the tracking table",
        );
    }
}

#[test]
fn the_example_report_compiles_in_french_and_english() {
    let (p, d, t) = example();
    for lang in Lang::ALL {
        let options = ReportOptions::new(quarterly(), lang, date(2026, 1, 15));
        let report = render_report(&p, &d, &t, &options).unwrap_or_else(|e| panic!("{lang}: {e}"));
        assert!(report.pdf.starts_with(b"%PDF-"), "{lang}: not a PDF");
        assert!(
            report.warnings.is_empty(),
            "{lang}: warnings: {:?}",
            report.warnings
        );
        let text = pdf_text(&report.pdf, lang.code());
        let layout = pdf_layout(&report.pdf, lang.code());
        assert_indicators_printed(&layout, (&p, &d, &t), lang);
        // Section titles and dates in the report's language, from the definitions too.
        let words: &[&str] = if lang == Lang::Fr {
            &[
                "Synthèse",
                "Tableau de suivi des indicateurs",
                "Méthodologie",
                "Qualité des données",
                "Provenance",
                "15 janvier 2026",
                "1ᵉʳ octobre 2025",
                "31 décembre 2025",
                "Action 1 : autodiagnostics territoriaux de l'ESS",
                "Plafond de cofinancement MEAE : 67,5 %",
            ]
        } else {
            &[
                "Summary",
                "Indicator tracking table",
                "Methodology",
                "Data quality",
                "Provenance",
                "15 January 2026",
                "1 October 2025",
                "31 December 2025",
                "Action 1: territorial SSE self-diagnoses",
                "MEAE co-financing ceiling: 67.5%",
            ]
        };
        for w in words {
            assert_has(&text, w, "a word of the report");
        }
        let foreign = if lang == Lang::Fr {
            "Summary"
        } else {
            "Synthèse"
        };
        assert!(
            !text.contains(foreign),
            "{lang}: the report mixes languages ({foreign})"
        );
        // The financial red flags: in the summary's points of attention and
        // in the financial chapter (A1's line used up at 100 %).
        let used_up = if lang == Lang::Fr {
            "38 000 € dépensés sur 38 000 € prévus (100 %)"
        } else {
            "€38,000 spent of €38,000 planned (100%)"
        };
        assert_eq!(
            squash(&text).matches(&squash(used_up)).count(),
            2,
            "{lang}: the used-up line, in the summary and in the financial chapter"
        );
        // F.2 is a ceiling (less is better): its progress chart labels the
        // line "ceiling", never "target".
        let target_67_5 = if lang == Lang::Fr {
            "cible 67,5"
        } else {
            "target 67.5"
        };
        assert!(
            !squash(&text).contains(&squash(target_67_5)),
            "{lang}: a ceiling is labelled as a target ({target_67_5})"
        );
        // Provenance: the workbook's fingerprint and the definitions' hash.
        let inputs = d.input_files().expect("input files");
        assert_has(&text, &inputs[0].sha256, "the workbook's SHA-256");
        assert_has(&text, &p.definitions_hash(), "the definitions hash");
        // Data quality: the per-sheet accounting, each sheet's row and the total's.
        let f = Formatter::new(lang);
        let counts = |read, accepted, rejected, empty| {
            [read, accepted, rejected, empty]
                .map(|n| f.count(n))
                .to_vec()
        };
        for s in &d.report.sheets {
            // The row starts with the dataset's label (or name when it has none).
            let label = p
                .dataset(&s.dataset)
                .map(|ds| ds.label.get(lang))
                .unwrap_or("");
            let first = label.split_whitespace().next().unwrap_or(&s.dataset);
            assert_row(
                &layout,
                first,
                &counts(s.read, s.accepted, s.rejected, s.skipped_empty),
                "a sheet's accounting",
            );
        }
        let sum = |n: fn(&cadre::ingest::SheetReport) -> usize| -> usize {
            d.report.sheets.iter().map(n).sum()
        };
        assert_row(
            &layout,
            "Total",
            &counts(
                sum(|s| s.read),
                sum(|s| s.accepted),
                sum(|s| s.rejected),
                sum(|s| s.skipped_empty),
            ),
            "the total of rows read",
        );
    }
}

/// The third example programme (early childhood: stages, composites,
/// ceilings, windows, a weighted survey) reports in both languages, every
/// indicator in its tracking table.
#[test]
fn the_third_programme_reports_in_french_and_english() {
    let (p, d, t) = load(
        &repo().join("indicators/petite-enfance"),
        &repo().join("examples/petite-enfance/petite-enfance.xlsx"),
        "2025-Q4",
    );
    for lang in Lang::ALL {
        let options = ReportOptions::new(quarterly(), lang, date(2026, 1, 15));
        let report = render_report(&p, &d, &t, &options).unwrap_or_else(|e| panic!("{lang}: {e}"));
        assert!(report.pdf.starts_with(b"%PDF-"), "{lang}: not a PDF");
        assert!(report.warnings.is_empty(), "{lang}: {:?}", report.warnings);
        let name = format!("petite-enfance-{}", lang.code());
        let text = pdf_text(&report.pdf, &name);
        let layout = pdf_layout(&report.pdf, &name);
        // Every row but the policy's stage (R3.1), whose values are stage
        // labels the numeric helper does not format; its words are below.
        let mut numeric = t.clone();
        numeric.indicators.retain(|i| i.measure != "stage");
        assert_eq!(numeric.indicators.len(), t.indicators.len() - 1);
        assert_indicators_printed(&layout, (&p, &d, &numeric), lang);
        let words: &[&str] = if lang == Lang::Fr {
            &[
                "Mise en œuvre",
                "Composante 2 : éducatrices et éducateurs formés",
                "Adoptée",
                "au-dessus du plafond 30\u{202F}% (+12,8\u{202F}pt)",
            ]
        } else {
            &[
                "Implemented",
                "Component 2: caregivers trained",
                "Adopted",
                "above its ceiling 30% (+12.8 pp)",
            ]
        };
        for w in words {
            assert_has(&text, w, "a word of the third programme's report");
        }
    }
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let (p, d, t) = example();
    let options = ReportOptions::new(quarterly(), Lang::Fr, date(2026, 1, 15));
    let first = render_report(&p, &d, &t, &options).expect("first render");
    let second = render_report(&p, &d, &t, &options).expect("second render");
    assert!(
        first.pdf == second.pdf,
        "two renders of the same inputs differ"
    );
    // The creation date is the issue date, never the clock.
    let raw = String::from_utf8_lossy(&first.pdf);
    assert!(
        raw.contains("D:20260115") || raw.contains("2026-01-15T00:00:00"),
        "creation date is not the issue date"
    );
    let later = render_report(
        &p,
        &d,
        &t,
        &ReportOptions::new(quarterly(), Lang::Fr, date(2026, 2, 1)),
    )
    .expect("third render");
    assert!(
        later.pdf != first.pdf,
        "the issue date does not reach the PDF"
    );
}

/// Writes the injection workbook: text cells holding Typst markup.
pub(crate) fn injection_workbook(path: &Path) {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("collectivites").unwrap();
    for (r, row) in [
        ["code", "nom"],
        ["C1", "#read(\"/etc/passwd\")"],
        ["C2", "*gras*"],
        ["C3", "$x$ ]"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("evenements").unwrap();
    let rows = [
        [
            "id",
            "titre",
            "date",
            "collectivite",
            "cout",
            "participants",
        ],
        [
            "E1",
            "#read(\"/etc/passwd\")",
            "2025-04-10",
            "C1",
            "100",
            "5",
        ],
        ["E2", "*bold*", "2025-05-02", "C2", "50", "3"],
        ["E3", "$x$", "2025-06-01", "C3", "25", "0"],
        ["E4", "]", "2025-06-15", "", "10", ""],
        // Rejected: the participants cell is not a number; listed as written.
        [
            "E5",
            "#panic(\"boom\")",
            "2025-06-20",
            "C1",
            "10",
            "#eval(\"1+1\")",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn markup_and_file_reads_in_data_print_as_text() {
    let book = scratch("injection").join("injection.xlsx");
    injection_workbook(&book);
    let (p, d, t) = load(&repo().join("tests/fixtures/injection"), &book, "2025-Q2");
    assert_eq!(d.report.rejected(), 1, "the fixture has one rejected row");
    let mut options = ReportOptions::new(quarterly(), Lang::Fr, date(2025, 7, 1));
    options.allow_rejected = true;
    // The archiving standard, on the real template.
    options.pdf_standard = Some(PdfStandardChoice::A2b);
    let report = render_report(&p, &d, &t, &options).unwrap_or_else(|e| panic!("{e}"));
    let text = pdf_text(&report.pdf, "injection");
    for literal in [
        "#read(\"/etc/passwd\")",
        "*bold*",
        "*gras*",
        "$x$",
        "$x$ ]",
        "Essai #read(\"/etc/passwd\") *gras*",
        "Titre avec $x$ et ] et #strong[fort]",
        "Action [un] #emph[deux]",
        "Opérateur _souligné_ <label> @ref",
        "Bailleur `raw` \\ barre",
        "Listes #read(\"/etc/hostname\")",
        "Événements tenus $y$",
        // The rejected cell, listed because rejected rows are allowed.
        "#eval(\"1+1\")",
    ] {
        assert_has(&text, literal, "a data text printed as written");
    }
    // A lone `]` as a category: the chart's row exists with its value.
    assert!(
        text.lines().any(|l| l.trim() == "]"),
        "the category `]` is not printed alone:\n{text}"
    );
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    if let Some(first) = passwd.lines().next() {
        assert!(!text.contains(first), "the report printed /etc/passwd");
    }
    assert!(!text.contains("boom"), "a data cell was evaluated");

    // PDF/A-2b is declared in the XMP metadata.
    let path = scratch("pdf").join("injection.pdf");
    let meta = Command::new("pdfinfo")
        .arg("-meta")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils) is needed");
    let meta = String::from_utf8_lossy(&meta.stdout);
    assert!(
        meta.contains("<pdfaid:part>2</pdfaid:part>")
            && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "no PDF/A-2b identification in the metadata:\n{meta}"
    );
}

#[test]
fn another_programme_renders_with_the_same_template() {
    let root = repo().join("tests/compute");
    let (p, d, t) = load(
        &root.join("programme"),
        &root.join("cases/mini/data"),
        "2024-Q1",
    );
    let options = ReportOptions::new(quarterly(), Lang::En, date(2024, 4, 2));
    let report = render_report(&p, &d, &t, &options).unwrap_or_else(|e| panic!("{e}"));
    let text = pdf_text(&report.pdf, "mini");
    assert_indicators_printed(&pdf_layout(&report.pdf, "mini"), (&p, &d, &t), Lang::En);
    assert_has(&text, "Test programme", "the programme's title");
}

fn template_error(name: &str) -> (String, Vec<cadre_report::report::Diagnostic>) {
    let dir = repo().join("tests/fixtures/templates").join(name);
    match render_template(
        &TemplateSource::Folder(dir.clone()),
        b"{}".to_vec(),
        date(2025, 1, 1),
        None,
        name,
    ) {
        Ok(_) => panic!("template {name} compiled"),
        Err(e @ ReportError::Template(_)) => {
            let message = e.to_string();
            let ReportError::Template(diags) = e else {
                unreachable!()
            };
            (message, diags)
        }
        Err(e) => panic!("template {name}: unexpected error {e}"),
    }
}

#[test]
fn templates_cannot_read_outside_their_folder() {
    let (message, diags) = template_error("escape-parent");
    let d = &diags[0];
    assert!(
        d.file
            .as_deref()
            .is_some_and(|f| f.ends_with("escape-parent/main.typ")),
        "{message}"
    );
    assert_eq!(d.line, Some(2), "{message}");
    assert!(message.contains("escape the project root"), "{message}");
    assert!(
        !message.contains("--root"),
        "a hint about the Typst CLI leaked: {message}"
    );

    let (message, diags) = template_error("escape-absolute");
    let d = &diags[0];
    assert!(
        d.file
            .as_deref()
            .is_some_and(|f| f.ends_with("escape-absolute/main.typ")),
        "{message}"
    );
    assert_eq!(d.line, Some(2), "{message}");
    assert!(message.contains("not found"), "{message}");
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    assert!(
        passwd.lines().next().is_none_or(|l| !message.contains(l)),
        "{message}"
    );
}

#[test]
fn template_errors_name_the_file_and_line() {
    let (message, diags) = template_error("broken");
    assert_eq!(diags.len(), 1, "{message}");
    assert!(message.contains("broken/main.typ:4:"), "{message}");
    assert!(message.contains("cannot add"), "{message}");
}

#[test]
fn a_missing_template_folder_is_reported() {
    let dir = repo().join("tests/fixtures/templates/no-such-template");
    let err = render_template(
        &TemplateSource::Folder(dir.clone()),
        b"{}".to_vec(),
        date(2025, 1, 1),
        None,
        "x",
    )
    .expect_err("no folder");
    assert!(matches!(err, ReportError::TemplateFolder { .. }), "{err}");
    assert!(err.to_string().contains("no-such-template"), "{err}");
}

#[test]
fn the_built_in_template_makes_the_same_report_as_its_folder() {
    let (p, d, t) = example();
    let folder = ReportOptions::new(quarterly(), Lang::Fr, date(2026, 1, 15));
    let builtin = ReportOptions::new(TemplateSource::Builtin, Lang::Fr, date(2026, 1, 15));
    let a = render_report(&p, &d, &t, &folder).unwrap();
    let b = render_report(&p, &d, &t, &builtin).unwrap();
    assert!(a.pdf == b.pdf, "the built-in template is the folder's");
}

/// A period's own target and a category's target and status are printed
/// (`period_targets`, a breakdown's `targets`), in each language.
#[test]
fn period_and_category_targets_are_printed() {
    let cases = repo().join("tests/compute/cases");
    let (p, d, t) = load(
        &cases.join("period_targets/programme"),
        &cases.join("period_targets/data"),
        "2024-Q2",
    );
    let en = ReportOptions::new(quarterly(), Lang::En, date(2024, 7, 2));
    let text = pdf_text(
        &render_report(&p, &d, &t, &en).unwrap().pdf,
        "period-targets",
    );
    // PT1: 3 workshops in 2024-Q2 against 4.
    assert_has(
        &text,
        "Target of the period: 4 (75% reached)",
        "PT1's period target",
    );
    let fr = ReportOptions::new(quarterly(), Lang::Fr, date(2024, 7, 2));
    let text = pdf_text(
        &render_report(&p, &d, &t, &fr).unwrap().pdf,
        "period-targets-fr",
    );
    assert_has(
        &text,
        "Cible de la période : 4 (75 % atteints)",
        "PT1's period target",
    );

    let (p, d, t) = load(
        &cases.join("category_targets/programme"),
        &cases.join("category_targets/data"),
        "2024-Q4",
    );
    let text = pdf_text(
        &render_report(&p, &d, &t, &en).unwrap().pdf,
        "category-targets",
    );
    // CT3's men: 2 attendances over a ceiling of 1.
    assert_has(&text, "ceiling 1 · 200%", "CT3's target for H");
    assert_has(
        &text,
        "Gender: H",
        "the category's line in the tracking table",
    );
    assert_has(&text, "ceiling 1 · 200% off track", "the category's status");
}
