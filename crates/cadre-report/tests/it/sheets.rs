//! The indicator reference sheets (`cadre sheets`, and the report's
//! `--reference-sheets` annex): their data for one indicator of each
//! example programme (a snapshot, and what each field must say), the PDF
//! of the Terr'ESS example in both languages, byte-for-byte
//! reproducibility, the annex off by default and the same data when asked,
//! markup printed as text, an unknown indicator refused.

use std::path::Path;

use cadre::{Data, Lang, Programme};
use cadre_report::report::sheets::{self, SheetsData, SheetsOptions};
use cadre_report::report::{ReportData, ReportOptions, TemplateSource, render_sheets, report_data};
use chrono::NaiveDate;

use crate::report::{assert_has, injection_workbook, pdf_text, scratch};

/// The repository root, relative to this crate's folder (the working folder
/// of its tests), so that snapshots are the same on any machine.
const ROOT: &str = "../..";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn load(programme: &str, data: &str) -> (Programme, Data) {
    let root = Path::new(ROOT);
    let p = Programme::load(root.join(programme)).expect("programme");
    let d = cadre::ingest(&p, root.join(data)).expect("data");
    (p, d)
}

/// The sheets of `codes` at the end of `period`, and the report data of the
/// same period (what the report itself says of each indicator).
fn sheets_and_report(
    (p, d): &(Programme, Data),
    period: &str,
    lang: Lang,
    issued: NaiveDate,
    codes: &[&str],
) -> (SheetsData, ReportData) {
    let period = cadre::Period::parse(period, p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(p, d);
    let table = engine.compute(&period).expect("compute");
    let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    let sheets = sheets::build(&engine, &table, lang, issued, &codes).expect("sheets");
    let options = ReportOptions::new(TemplateSource::Builtin, lang, issued);
    let report = report_data(&engine, &table, &options).expect("report data");
    (sheets, report)
}

/// The last quarter of the sheet says what the report of that quarter
/// says: the same value and status.
fn last_quarter_is_the_report_s(sheets: &SheetsData, report: &ReportData, code: &str) {
    let sheet = sheets
        .sheets
        .iter()
        .find(|s| s.code == code)
        .expect("the indicator's sheet");
    let last = sheet.values.last().expect("a quarter");
    let reported = report
        .indicators
        .iter()
        .find(|i| i.code == code)
        .expect("the indicator in the report");
    assert_eq!(last.period, report.period.label);
    assert_eq!(last.cumulative_value, reported.cumulative_value);
    assert_eq!(last.period_value, reported.period_value);
    assert_eq!(last.status_label, reported.status_label);
}

#[test]
fn a_terress_indicator_s_sheet() {
    let example = load("indicators/terress", "examples/terress/terress.xlsx");
    let (data, report) = sheets_and_report(
        &example,
        "2025-Q4",
        Lang::Fr,
        date(2026, 1, 15),
        &["A1.1", "OS1"],
    );
    // Restricted to the codes asked, in the definitions' order.
    let codes: Vec<&str> = data.sheets.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, ["OS1", "A1.1"], "--indicator restricts the sheets");
    // OS1 reads the adoption dates: the data-quality annex of the report
    // finds 5 of its 13 rows dated after the date of issue, and so does its sheet.
    assert_eq!(
        data.sheets[0].quality,
        ["Dispositifs ESS, Date d'adoption\u{a0}: datées après la date d’édition, 5 sur 13 lignes"]
    );
    let s = &data.sheets[1];
    assert_eq!(s.code, "A1.1");
    let chain: Vec<&str> = s.results.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        chain,
        ["OG", "OS", "A1"],
        "the result and its parents, top down"
    );
    assert_eq!(s.level, "produit");
    assert_eq!(s.direction, "plus est mieux");
    // indicators/terress/indicators/a1.toml: milestones 15 by 31 March 2025
    // and 31 by 30 June 2025; target 31 at the programme's end (31 October 2026).
    let targets: Vec<(&str, &str)> = s
        .targets
        .iter()
        .map(|t| (t.date.as_str(), t.value.as_str()))
        .collect();
    assert_eq!(
        targets,
        [
            ("31\u{a0}mars 2025", "15"),
            ("30\u{a0}juin 2025", "31"),
            ("31\u{a0}octobre 2026", "31")
        ]
    );
    // The programme starts on 1 November 2024: the quarters ended by the
    // end of 2025-Q4 are 2024-Q4 to 2025-Q4.
    let quarters: Vec<&str> = s.values.iter().map(|v| v.period.as_str()).collect();
    assert_eq!(
        quarters,
        ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    );
    last_quarter_is_the_report_s(&data, &report, "A1.1");
    last_quarter_is_the_report_s(&data, &report, "OS1");
    insta::assert_json_snapshot!("terress-OS1-A1.1-2025-Q4-fr", data);
}

#[test]
fn an_eau_indicator_s_sheet() {
    let example = load("indicators/eau", "examples/eau/eau.xlsx");
    let (data, report) =
        sheets_and_report(&example, "2026-Q2", Lang::En, date(2026, 7, 15), &["R1.1"]);
    let s = &data.sheets[0];
    assert_eq!(s.direction, "more is better");
    // Both breakdowns are enum columns: their categories are listed.
    let cats: Vec<(&str, usize)> = s
        .disaggregations
        .iter()
        .map(|d| (d.by.as_str(), d.categories.len()))
        .collect();
    assert_eq!(cats, [("type", 3), ("region", 4)]);
    // A count of rows since the start: each quarter's cumulative value is the
    // sum of the quarters' own values so far.
    let mut sum = 0.0;
    for v in &s.values {
        sum += v
            .period_value
            .as_deref()
            .map_or(0.0, |x| x.parse::<f64>().unwrap());
        assert_eq!(
            v.cumulative_value.as_deref(),
            Some(sum.to_string().as_str()),
            "{}",
            v.period
        );
    }
    assert_eq!(s.values.len(), 6, "2025-Q1 to 2026-Q2");
    last_quarter_is_the_report_s(&data, &report, "R1.1");
    insta::assert_json_snapshot!("eau-R1.1-2026-Q2-en", data);
}

/// The sheets of the Terr'ESS example.
fn terress_pdf(lang: Lang, issued: NaiveDate) -> Vec<u8> {
    let (p, d) = load("indicators/terress", "examples/terress/terress.xlsx");
    let period = cadre::Period::parse("2025-Q4", p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(&p, &d);
    let table = engine.compute(&period).expect("compute");
    let options = SheetsOptions {
        template: TemplateSource::Builtin,
        lang,
        issue_date: issued,
        pdf_standard: None,
        indicators: Vec::new(),
    };
    let rendered = render_sheets(&engine, &table, &options).unwrap_or_else(|e| panic!("{e}"));
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    rendered.pdf
}

#[test]
fn the_terress_sheets_print_their_headings_and_the_same_inputs_give_the_same_bytes() {
    let fr = terress_pdf(Lang::Fr, date(2026, 1, 15));
    let again = terress_pdf(Lang::Fr, date(2026, 1, 15));
    assert!(fr == again, "two renders of the same inputs differ");
    let text = pdf_text(&fr, "sheets-fr");
    for heading in [
        "Fiches de référence des indicateurs",
        "OS1 — Collectivités ayant adopté un dispositif ESS",
        "A1.1 — Collectivités ayant soumis leur autodiagnostic",
        "Résultat mesuré",
        "Source des données",
        "Méthode de calcul",
        "Fréquence",
        "Situation de référence",
        "Jalons et cible",
        "Valeurs à ce jour",
        "Qualité des données",
        "trimestrielle (trimestres civils) : 5 trimestres achevés du T4 2024 au T4 2025",
    ] {
        assert_has(&text, heading, "a heading of the sheets");
    }
    let en = pdf_text(&terress_pdf(Lang::En, date(2026, 1, 15)), "sheets-en");
    for heading in [
        "Indicator reference sheets",
        "Result measured",
        "Data source",
        "Method of computation",
        "Reporting frequency",
        "Baseline",
        "Milestones and target",
        "Values so far",
        "Data quality",
    ] {
        assert_has(&en, heading, "a heading of the sheets");
    }
}

#[test]
fn the_report_annex_is_off_by_default_and_holds_the_same_sheets_when_asked() {
    let (p, d) = load("indicators/terress", "examples/terress/terress.xlsx");
    let period = cadre::Period::parse("2025-Q4", p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(&p, &d);
    let table = engine.compute(&period).expect("compute");
    let issued = date(2026, 1, 15);
    let mut options = ReportOptions::new(TemplateSource::Builtin, Lang::Fr, issued);
    let default = serde_json::to_value(report_data(&engine, &table, &options).unwrap()).unwrap();
    assert!(
        default.get("reference_sheets").is_none(),
        "the default report data has no reference sheets"
    );
    options.reference_sheets = true;
    let with = serde_json::to_value(report_data(&engine, &table, &options).unwrap()).unwrap();
    let alone =
        serde_json::to_value(sheets::build(&engine, &table, Lang::Fr, issued, &[]).unwrap())
            .unwrap();
    assert_eq!(
        with["reference_sheets"], alone,
        "the annex is the sheets' data"
    );
    let mut without = with.clone();
    without.as_object_mut().unwrap().remove("reference_sheets");
    assert_eq!(without, default, "the annex changes nothing else");
}

#[test]
fn markup_in_definitions_and_data_prints_as_text_in_the_sheets() {
    let book = scratch("sheets-injection").join("injection.xlsx");
    injection_workbook(&book);
    let root = Path::new(ROOT);
    let p = Programme::load(root.join("tests/fixtures/injection")).expect("programme");
    let d = cadre::ingest(&p, &book).expect("data");
    let period = cadre::Period::parse("2025-Q2", p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(&p, &d);
    let table = engine.compute(&period).expect("compute");
    let options = SheetsOptions {
        template: TemplateSource::Builtin,
        lang: Lang::Fr,
        issue_date: date(2025, 7, 1),
        pdf_standard: None,
        indicators: Vec::new(),
    };
    let pdf = render_sheets(&engine, &table, &options)
        .unwrap_or_else(|e| panic!("{e}"))
        .pdf;
    let text = pdf_text(&pdf, "sheets-injection");
    for literal in [
        "Événements tenus $y$",
        "Nombre d'événements ; *pas gras*.",
        "Listes #read(\"/etc/hostname\")",
        // The row whose cell is `#eval("1+1")`, rejected, is counted.
        "Événements : 1 ligne rejetée",
    ] {
        assert_has(&text, literal, "a text printed as written");
    }
    let hostname = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    if !hostname.trim().is_empty() {
        assert!(
            !text.contains(hostname.trim()),
            "the sheets printed /etc/hostname"
        );
    }
    assert!(!text.contains("boom"), "a data cell was evaluated");
}

/// Every word the sheets' templates read (`w.<key>`, `rs.words.<key>`) is
/// in the catalogue: a word missing from the data would fail only when its
/// branch is laid out.
#[test]
fn the_sheets_templates_read_only_catalogue_words() {
    use cadre_report::messages::sheets::SheetWord;
    let keys: Vec<&str> = SheetWord::ALL.iter().map(|w| w.key()).collect();
    let dir = Path::new(ROOT).join("report_templates/quarterly");
    let mut read = 0;
    for name in ["reference_sheets.typ", "sheets.typ", "main.typ"] {
        let text = std::fs::read_to_string(dir.join(name)).expect("template file");
        for prefix in ["w.", "rs.words."] {
            for (i, _) in text.match_indices(prefix) {
                // Only a name standing alone (`w.title`, not `rows.x`).
                let before = text[..i].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.') {
                    continue;
                }
                let key: String = text[i + prefix.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '-')
                    .collect();
                assert!(
                    keys.contains(&key.as_str()),
                    "{name}: {prefix}{key} is no sheet word"
                );
                read += 1;
            }
        }
    }
    assert!(read > 20, "the templates read the sheets' words ({read})");
}

#[test]
fn an_unknown_indicator_is_refused() {
    let example = load("indicators/eau", "examples/eau/eau.xlsx");
    let (p, d) = &example;
    let period = cadre::Period::parse("2026-Q2", p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(p, d);
    let table = engine.compute(&period).expect("compute");
    let err = sheets::build(&engine, &table, Lang::En, date(2026, 7, 15), &["Z9".into()])
        .expect_err("an unknown code");
    assert!(err.to_string().contains("Z9"), "{err}");
}

/// `cadre` run in the repository with the Terr'ESS example and `extra`.
fn cadre(extra: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cadre"))
        .args(extra)
        .args([
            "--programme",
            "indicators/terress",
            "--data",
            "examples/terress/terress.xlsx",
            "--period",
            "2025-Q4",
            "--date",
            "2026-01-15",
        ])
        .current_dir(Path::new(ROOT))
        .output()
        .expect("cadre runs")
}

#[test]
fn the_command_writes_the_sheets_asked_and_refuses_an_unknown_code() {
    let dir = scratch("sheets-cli");
    let pdf = dir.join("sheets.pdf");
    let pdf_arg = pdf.to_str().expect("a path");
    // Codes as the definitions write them or not (`os1`), repeated.
    let out = cadre(&[
        "sheets",
        "--lang",
        "en",
        "--indicator",
        "A1.1",
        "--indicator",
        "os1",
        "-o",
        pdf_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = pdf_text(&std::fs::read(&pdf).expect("the PDF"), "sheets-cli");
    assert_has(&text, "Indicator reference sheets", "the title");
    assert_has(&text, "OS1 —", "a sheet asked for");
    assert_has(&text, "A1.1 —", "a sheet asked for");
    assert!(!text.contains("A1.2 —"), "a sheet not asked for:\n{text}");

    let out = cadre(&["sheets", "--indicator", "Z9", "-o", pdf_arg]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown code is a usage error"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Z9"));
}

#[test]
fn the_report_annex_prints_the_sheets_when_asked() {
    let dir = scratch("sheets-annex");
    let pdf = dir.join("report.pdf");
    let out = cadre(&[
        "report",
        "--reference-sheets",
        "-o",
        pdf.to_str().expect("a path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = pdf_text(&std::fs::read(&pdf).expect("the PDF"), "sheets-annex");
    for expected in [
        "Fiches de référence des indicateurs",
        "Une fiche par indicateur",
        "Valeurs à ce jour",
        "Qualité des données",
        "trimestrielle (trimestres civils) : 5 trimestres achevés du T4 2024 au T4 2025",
    ] {
        assert_has(&text, expected, "the reference sheets annex");
    }
}

/// The third programme's sheets state what its definitions add to a
/// baseline and a target: the baseline's date, the targets of programme
/// years (dated by their months) and the targets per category.
#[test]
fn sheets_state_dated_baselines_period_and_category_targets() {
    let loaded = load(
        "indicators/petite-enfance",
        "examples/petite-enfance/petite-enfance.xlsx",
    );
    let (sheets, _) = sheets_and_report(
        &loaded,
        "2025-Q4",
        Lang::En,
        date(2026, 1, 15),
        &["OS1.1", "R1.4", "R2.1"],
    );
    let sheet = |code: &str| sheets.sheets.iter().find(|s| s.code == code).unwrap();
    assert_eq!(sheet("R1.4").baseline, "3,000 (30\u{A0}June 2024)");
    let lines = |code: &str| -> Vec<(String, String, String)> {
        sheet(code)
            .targets
            .iter()
            .map(|t| (t.what.clone(), t.date.clone(), t.value.clone()))
            .collect()
    };
    let r21 = lines("R2.1");
    assert!(
        r21.contains(&(
            "target for the period PY1".into(),
            "1\u{A0}July 2024 – 30\u{A0}June 2025".into(),
            "150".into()
        )),
        "{r21:#?}"
    );
    let os11 = lines("OS1.1");
    for category in ["fille", "garcon"] {
        assert!(
            os11.iter().any(|(what, _, value)| what
                == &format!("category target {category} (sexe)")
                && value.starts_with("35")),
            "{os11:#?}"
        );
    }
}
