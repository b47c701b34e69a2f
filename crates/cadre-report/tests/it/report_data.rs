//! The report data, the contract between Rust and the template, as
//! snapshots: the three example programmes in both languages. A change to the
//! data (a value, a word, a field, their order) fails here until its
//! snapshot is reviewed and accepted (`cargo insta review`, or
//! `INSTA_UPDATE=always` then `git diff`).
//!
//! Paths are relative to this crate's folder (the working folder of its
//! tests), so that the provenance in the snapshots is the same on any
//! machine.

use std::path::Path;

use cadre::Lang;
use cadre_report::messages::report::ReportWord;
use cadre_report::report::{ReportData, ReportOptions, report_data};
use chrono::NaiveDate;

/// The repository root, relative to this crate's folder.
const ROOT: &str = "../..";

fn data(
    programme: &str,
    workbook: &str,
    period: &str,
    lang: Lang,
    issued: NaiveDate,
) -> ReportData {
    let root = Path::new(ROOT);
    let p = cadre::Programme::load(root.join(programme)).expect("programme");
    let d = cadre::ingest(&p, root.join(workbook)).expect("workbook");
    let period = cadre::Period::parse(period, p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(&p, &d);
    let t = engine.compute(&period).expect("compute");
    let options = ReportOptions::new(root.join("report_templates/quarterly"), lang, issued);
    report_data(&engine, &t, &options).expect("report data")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn terress_report_data() {
    for lang in Lang::ALL {
        let data = data(
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "2025-Q4",
            lang,
            date(2026, 1, 15),
        );
        insta::assert_json_snapshot!(format!("terress-2025-Q4-{lang}"), data);
    }
}

#[test]
fn eau_report_data() {
    for lang in Lang::ALL {
        let data = data(
            "indicators/eau",
            "examples/eau/eau.xlsx",
            "2026-Q2",
            lang,
            date(2026, 7, 15),
        );
        insta::assert_json_snapshot!(format!("eau-2026-Q2-{lang}"), data);
    }
}

/// A programme year is named with its months, in each language (Terr'ESS's
/// years start in November, the month of its start).
#[test]
fn a_programme_year_report_names_the_year_with_its_months() {
    let written = |lang| {
        let d = data(
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "py2",
            lang,
            date(2026, 11, 15),
        );
        (
            d.period.label,
            d.period.written,
            d.period.start_iso,
            d.period.end_iso,
        )
    };
    assert_eq!(
        written(Lang::Fr),
        (
            "PY2".to_owned(),
            "Année 2 du programme (nov.\u{A0}2025 – oct.\u{A0}2026)".to_owned(),
            "2025-11-01".to_owned(),
            "2026-10-31".to_owned()
        )
    );
    assert_eq!(
        written(Lang::En).1,
        "Programme year 2 (Nov\u{A0}2025 – Oct\u{A0}2026)"
    );
}

/// Every word the template reads (`words.<key>`) is in the catalogue: a
/// word missing from the data would fail only when its branch is laid out.
#[test]
fn the_template_reads_only_catalogue_words() {
    let keys: Vec<&str> = ReportWord::ALL.iter().map(|w| w.key()).collect();
    let dir = Path::new(ROOT).join("report_templates/quarterly");
    let mut read = 0;
    for name in [
        "main.typ",
        "components.typ",
        "progress.typ",
        "statement.typ",
        "evidence.typ",
        "logframe.typ",
        "closing.typ",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).expect("template file");
        for (at, _) in text.match_indices("words.") {
            let key: String = text[at + "words.".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            assert!(
                keys.contains(&key.as_str()),
                "{name} reads words.{key}, which the catalogue does not have"
            );
            read += 1;
        }
    }
    assert!(read > 50, "the template reads its words from the data");
}

#[test]
fn petite_enfance_report_data() {
    for lang in Lang::ALL {
        let data = data(
            "indicators/petite-enfance",
            "examples/petite-enfance/petite-enfance.xlsx",
            "2025-Q4",
            lang,
            date(2026, 1, 15),
        );
        insta::assert_json_snapshot!(format!("petite-enfance-2025-Q4-{lang}"), data);
    }
}

/// A printed amount or percentage read back as a number: digits, its sign
/// (`−`) and its decimal mark, whatever the language's separators.
fn printed_number(s: &str, lang: Lang) -> f64 {
    let decimal = if lang == Lang::Fr { ',' } else { '.' };
    let text: String = s
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '\u{2212}' | '-' => Some('-'),
            c if c == decimal => Some('.'),
            _ => None,
        })
        .collect();
    text.parse()
        .unwrap_or_else(|e| panic!("{s:?} is not a printed number: {e}"))
}

/// Every column of the financial statement's tables adds up, as printed,
/// to its printed total; what remains is the printed budget less the
/// printed spending; the funders' shares add up to 100 %. Rounded cell by
/// cell, the Terr'ESS columns missed their totals by €1 to €2.
#[test]
fn printed_statement_totals_equal_the_sums_of_their_printed_rows() {
    let cases = [
        (
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "2025-Q4",
        ),
        (
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "project",
        ),
        ("indicators/eau", "examples/eau/eau.xlsx", "2026-Q2"),
        // Generated data: every status, ineligible, in kind, a credit note.
        ("tests/finance/programme", "tests/finance/data", "2025"),
    ];
    for (programme, workbook, period) in cases {
        for lang in Lang::ALL {
            let d = data(programme, workbook, period, lang, date(2026, 11, 30));
            let s = d.statement.expect("a financial statement");
            let n = |v: &str| printed_number(v, lang);
            let what = format!("{programme} {period} {lang}");
            assert!(!s.tables.is_empty(), "{what}");
            for t in &s.tables {
                type Column = fn(&cadre_report::report::statement::StatementRow) -> &str;
                let columns: [(&str, Column); 4] = [
                    ("budget", |r| &r.budget),
                    ("spent in the period", |r| &r.spent_period),
                    ("spent to date", |r| &r.spent_to_date),
                    ("remaining", |r| &r.remaining),
                ];
                for (name, column) in columns {
                    let sum: f64 = t.rows.iter().map(|r| n(column(r))).sum();
                    assert_eq!(sum, n(column(&t.total)), "{what}: {} {name}", t.heading);
                }
                for r in t.rows.iter().chain([&t.total]) {
                    assert_eq!(
                        n(&r.budget) - n(&r.spent_to_date),
                        n(&r.remaining),
                        "{what}: {} {}",
                        t.heading,
                        r.label
                    );
                }
            }
            // The finance section's amounts by category add up to the
            // indicator's (a spending by action, over its budget).
            for fi in &d.finance.indicators {
                let Some(amounts) = &fi.amounts else { continue };
                for b in &fi.breakdowns {
                    let numerators: Option<Vec<f64>> = b
                        .rows
                        .iter()
                        .map(|r| r.numerator.as_deref().map(n))
                        .collect();
                    let (Some(numerators), Some(total)) =
                        (numerators, amounts.numerator.as_deref())
                    else {
                        continue;
                    };
                    assert_eq!(
                        numerators.iter().sum::<f64>(),
                        n(total),
                        "{what}: {} by {}",
                        fi.code,
                        b.by
                    );
                }
            }
            if let Some(f) = &s.funders {
                type Amount = fn(&cadre_report::report::statement::FunderLine) -> &str;
                let columns: [(&str, Amount); 2] = [
                    ("spent in the period", |l| &l.spent_period),
                    ("spent to date", |l| &l.spent_to_date),
                ];
                for (name, column) in columns {
                    let sum: f64 = f.rows.iter().map(|r| n(column(r))).sum();
                    assert_eq!(sum, n(column(&f.total)), "{what}: funders {name}");
                }
                let shares: f64 = f
                    .rows
                    .iter()
                    .filter_map(|r| r.share.as_deref())
                    .map(n)
                    .sum();
                assert!(
                    (shares - 100.0).abs() < 1e-6,
                    "{what}: shares add up to {shares}"
                );
            }
            funder_tables_add_up(&s, &n, &what);
        }
    }
}

/// The financial report's other tables add up as printed: the statement by
/// nature, the variances (and each printed variance is the printed
/// forecast less the printed budget), the financing plan, the ineligible
/// expenses, and the Cerfa or EU layout the programme chose.
fn funder_tables_add_up(
    s: &cadre_report::report::statement::StatementData,
    n: &dyn Fn(&str) -> f64,
    what: &str,
) {
    use cadre_report::report::layouts::LayoutLine;
    let sum = |v: &mut dyn Iterator<Item = &str>| v.map(n).sum::<f64>();
    if let Some(t) = &s.nature_table {
        let total = sum(&mut t.rows.iter().map(|r| r.budget.as_str()));
        assert_eq!(total, n(&t.total.budget), "{what}: by nature");
    }
    let v = s.variances.as_ref().expect("variances");
    for t in &v.tables {
        type Column = fn(&cadre_report::report::variances::VarianceRow) -> &str;
        let columns: [Column; 5] = [
            |r| &r.budget,
            |r| &r.spent,
            |r| &r.commitments,
            |r| &r.forecast,
            |r| &r.variance,
        ];
        for (i, column) in columns.iter().enumerate() {
            let total = sum(&mut t.rows.iter().map(column));
            assert_eq!(total, n(column(&t.total)), "{what}: variances column {i}");
        }
        for r in t.rows.iter().chain([&t.total]) {
            assert_eq!(
                n(&r.forecast) - n(&r.budget),
                n(&r.variance),
                "{what}: {}",
                r.label
            );
        }
    }
    let p = s.plan.as_ref().expect("a financing plan");
    let rows: Vec<_> = p.rows.iter().chain(&p.uncovered).collect();
    let opt = |v: &Option<String>| v.as_deref().map(n).unwrap_or(0.0);
    let planned: f64 = rows.iter().map(|r| opt(&r.planned)).sum();
    assert_eq!(planned, opt(&p.total.planned), "{what}: planned");
    let spent: f64 = p.rows.iter().map(|r| n(&r.spent)).sum();
    assert_eq!(spent, n(&p.total.spent), "{what}: spent by funder");
    let received: f64 = p.rows.iter().map(|r| opt(&r.received)).sum();
    assert_eq!(received, opt(&p.total.received), "{what}: received");
    assert_eq!(
        opt(&p.total.received) - n(&p.total.spent),
        opt(&p.total.balance),
        "{what}: balance"
    );
    if let Some(i) = &s.ineligible {
        assert!(!i.rows.is_empty(), "{what}");
    }
    let lines = |v: &[LayoutLine], total: &LayoutLine, label: &str| {
        for (name, pick) in [
            (
                "planned",
                (|l: &LayoutLine| l.planned.clone()) as fn(&LayoutLine) -> String,
            ),
            ("actual", |l| l.actual.clone()),
        ] {
            let rows: f64 = v.iter().map(|l| n(&pick(l))).sum();
            assert_eq!(rows, n(&pick(total)), "{what}: {label} {name}");
        }
    };
    assert!(
        s.cerfa.is_some() || s.eu.is_some(),
        "{what}: the examples choose a layout"
    );
    if let Some(c) = &s.cerfa {
        lines(&c.charges, &c.charges_total, "Cerfa charges");
        lines(&c.resources, &c.resources_total, "Cerfa resources");
    }
    if let Some(e) = &s.eu {
        lines(&e.direct, &e.direct_total, "EU direct costs");
        let all: Vec<LayoutLine> = [e.direct_total.clone()]
            .into_iter()
            .chain(e.indirect.iter().cloned())
            .chain(e.contingency.iter().cloned())
            .collect();
        lines(&all, &e.total, "EU total");
    }
}
