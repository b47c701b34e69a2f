//! The financial report a funder pays on, on `tests/finance` (every figure
//! worked out by hand in its README): the financing plan, the layouts
//! (Cerfa n°15059 fiche 6-2 and EU), the variances with their
//! justifications from `finance.md`, the certification of an annual
//! report, the refusal of a payment dated ahead; every printed total the
//! sum of its printed rows; both layouts render in French and English.

use std::path::{Path, PathBuf};

use cadre::{Engine, Lang, Period, Programme};
use cadre_report::report::statement::StatementData;
use cadre_report::report::{ReportError, ReportOptions, render, report_data};
use chrono::NaiveDate;

const ROOT: &str = "../..";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// The finance programme, `programme.toml` edited by `edit`, in a folder
/// of its own.
fn programme_dir(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(ROOT).join("tests/finance/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml", "indicators/f.toml"] {
        let mut text = std::fs::read_to_string(src.join(f)).unwrap();
        if f == "programme.toml" {
            text = edit(text);
        }
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    dir
}

struct Run {
    programme: Programme,
    data: cadre::Data,
}

fn run(dir: &Path) -> Run {
    let programme = Programme::load(dir).expect("programme");
    let data = cadre::ingest(&programme, Path::new(ROOT).join("tests/finance/data")).unwrap();
    Run { programme, data }
}

fn options(lang: Lang, issued: NaiveDate, narrative: Option<PathBuf>) -> ReportOptions {
    let mut o = ReportOptions::new(
        Path::new(ROOT).join("report_templates/quarterly"),
        lang,
        issued,
    );
    o.narrative = narrative;
    o
}

fn statement(r: &Run, period: &str, lang: Lang, narrative: Option<PathBuf>) -> StatementData {
    let period = Period::parse(period, r.programme.info.calendar(), date(2027, 1, 31)).unwrap();
    let engine = Engine::new(&r.programme, &r.data);
    let table = engine.compute(&period).unwrap();
    report_data(
        &engine,
        &table,
        &options(lang, date(2026, 1, 20), narrative),
    )
    .expect("report data")
    .statement
    .expect("a statement")
}

/// A printed whole amount read back as a number.
fn n(s: &str) -> f64 {
    let text: String = s
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '\u{2212}' | '-' => Some('-'),
            // Whole amounts only: any separator groups thousands.
            _ => None,
        })
        .collect();
    text.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

#[test]
fn the_financing_plan_prints_each_funder_s_plan_and_funds_and_adds_up() {
    let dir = programme_dir(|t| t);
    let r = run(dir.path());
    let s = statement(&r, "2025", Lang::En, None);
    let p = s.plan.expect("a financing plan");
    let rows: Vec<(&str, f64, f64, f64, f64)> = p
        .rows
        .iter()
        .map(|l| {
            let o = |v: &Option<String>| v.as_deref().map(n).unwrap_or(f64::NAN);
            (
                l.label.as_str(),
                o(&l.planned),
                n(&l.spent),
                o(&l.received),
                o(&l.balance),
            )
        })
        .collect();
    // README: A planned 60 000, spent 22 000, received 30 000; B 30 000,
    // 10 000, 10 000.
    assert_eq!(
        rows[0],
        ("Alpha Foundation", 60_000.0, 22_000.0, 30_000.0, 8_000.0)
    );
    assert_eq!(rows[1], ("Beta Fund", 30_000.0, 10_000.0, 10_000.0, 0.0));
    let u = p.uncovered.expect("10 000 uncovered");
    assert_eq!(n(u.planned.as_deref().unwrap()), 10_000.0);
    assert_eq!(n(p.total.planned.as_deref().unwrap()), 100_000.0);
    assert_eq!(n(&p.total.spent), 32_000.0);
    assert_eq!(n(p.total.received.as_deref().unwrap()), 40_000.0);
    assert_eq!(n(p.total.balance.as_deref().unwrap()), 8_000.0);
    assert!(p.rows[0].over, "A's share is over its 60 % ceiling");
    assert!(
        p.balance.contains("40,000") && p.balance.contains("cash in hand"),
        "{}",
        p.balance
    );
    let k = s.in_kind.expect("in kind");
    assert!(
        k.text.contains("10,000") && k.text.contains("3,000"),
        "{}",
        k.text
    );
    assert_eq!(
        k.by_funder,
        vec![("Beta Fund".to_owned(), "XOF".replace("XOF", "3,000 XOF"))]
    );
    let i = s.ineligible.expect("ineligible");
    assert_eq!(i.rows.len(), 1);
    assert_eq!(
        (i.rows[0].row.as_str(), n(&i.rows[0].amount)),
        ("6", 8_000.0)
    );
    let later = s.later.expect("later");
    assert!(
        later.contains("1 committed")
            && later.contains("1 planned")
            && later.contains("1 paid after"),
        "{later}"
    );
    let forecast = s.forecast.expect("forecast");
    assert!(
        forecast.contains("91,000")
            && forecast.contains("2 lines from their commitments")
            && forecast.contains("64,000"),
        "{forecast}"
    );
    let x = s.exchange.expect("exchange rate");
    // 100 000 / 655.957 = 152.45 → €152; 32 000 / 655.957 = 48.78 → €49.
    assert!(x.contains("€152") && x.contains("€49"), "{x}");
}

#[test]
fn the_cerfa_layout_balances_charges_and_resources_with_in_kind_apart() {
    let dir = programme_dir(|t| t);
    let r = run(dir.path());
    for lang in Lang::ALL {
        let s = statement(&r, "2025", lang, None);
        let c = s.cerfa.expect("the Cerfa layout");
        let charges: Vec<(&str, f64, f64)> = c
            .charges
            .iter()
            .map(|l| (l.code.as_str(), n(&l.planned), n(&l.actual)))
            .collect();
        assert_eq!(
            charges,
            [
                ("61", 20_000.0, 4_000.0),
                ("62", 40_000.0, 6_000.0),
                ("64", 40_000.0, 22_000.0)
            ]
        );
        assert_eq!(
            (n(&c.charges_total.planned), n(&c.charges_total.actual)),
            (100_000.0, 32_000.0)
        );
        let k = c.charges_in_kind.expect("86");
        assert_eq!((n(&k.planned), n(&k.actual)), (10_000.0, 3_000.0));
        let sum = |v: &[cadre_report::report::layouts::LayoutLine],
                   f: fn(&cadre_report::report::layouts::LayoutLine) -> &str| {
            v.iter().map(|l| n(f(l))).sum::<f64>()
        };
        assert_eq!(
            sum(&c.resources, |l| &l.planned),
            n(&c.resources_total.planned)
        );
        assert_eq!(
            sum(&c.resources, |l| &l.actual),
            n(&c.resources_total.actual)
        );
        assert_eq!(
            n(&c.resources_total.planned),
            100_000.0,
            "resources make the cash budget"
        );
        assert_eq!(n(&c.resources_total.actual), 32_000.0, "and the spending");
        assert!(c.resources_in_kind.is_some());
        assert!(s.eu.is_none());
    }
}

#[test]
fn the_eu_layout_splits_direct_indirect_and_contingency_and_converts() {
    let dir = programme_dir(|t| {
        t.replace("layout = \"cerfa_15059\"", "layout = \"eu\"")
            .replace(
                "[finance.in_kind]",
                "[finance.contingency]\nlines = [\"Ateliers\"]\n\n[finance.in_kind]",
            )
    });
    let r = run(dir.path());
    let s = statement(&r, "2025", Lang::En, None);
    let e = s.eu.expect("the EU layout");
    let codes = |v: &[cadre_report::report::layouts::LayoutLine]| {
        v.iter().map(|l| l.code.clone()).collect::<Vec<_>>()
    };
    // By nature: 61 is indirect, 62 (all of Ateliers) is... a nature row,
    // named by no contingency line: the contingency names lines, the rows
    // are natures, so it stays direct.
    assert_eq!(codes(&e.direct), ["62", "64"]);
    assert_eq!(codes(&e.indirect), ["61"]);
    assert!(e.contingency.is_empty());
    assert_eq!(
        (n(&e.direct_total.planned), n(&e.direct_total.actual)),
        (80_000.0, 28_000.0)
    );
    assert_eq!(
        (n(&e.total.planned), n(&e.total.actual)),
        (100_000.0, 32_000.0)
    );
    assert_eq!(n(e.total.forecast.as_deref().unwrap()), 91_000.0);
    let c = e.converted.expect("in EUR");
    assert_eq!((n(&c.planned), n(&c.actual)), (152.0, 49.0));
    // Contingency by nature.
    let dir = programme_dir(|t| {
        t.replace("layout = \"cerfa_15059\"", "layout = \"eu\"")
            .replace(
                "[finance.in_kind]",
                "[finance.contingency]\nnatures = [\"62\"]\n\n[finance.in_kind]",
            )
    });
    let s = statement(&run(dir.path()), "2025", Lang::Fr, None);
    let e = s.eu.unwrap();
    assert_eq!(codes(&e.contingency), ["62"]);
    assert_eq!(codes(&e.direct), ["64"]);
    assert_eq!(n(&e.direct_total.planned), 40_000.0);
}

#[test]
fn variances_print_beside_their_justification_and_a_missing_one_is_a_warning() {
    let dir = programme_dir(|t| t);
    let r = run(dir.path());
    let narrative = tempfile::tempdir().unwrap();
    std::fs::create_dir(narrative.path().join("2025")).unwrap();
    let s = statement(&r, "2025", Lang::En, Some(narrative.path().to_path_buf()));
    let v = s.variances.expect("variances");
    let lines = &v.tables[0];
    let got: Vec<(&str, f64, f64, bool)> = lines
        .rows
        .iter()
        .map(|r| (r.label.as_str(), n(&r.forecast), n(&r.variance), r.flagged))
        .collect();
    assert_eq!(
        got,
        [
            ("Personnel", 44_000.0, 4_000.0, false),
            ("Études", 6_000.0, -14_000.0, true),
            ("Ateliers", 41_000.0, 1_000.0, false)
        ]
    );
    assert_eq!(n(&lines.total.forecast), 91_000.0);
    assert_eq!(n(&lines.total.variance), -9_000.0);
    // Nobody justified Études (line) nor 61 (its nature): both say so.
    let missing: Vec<&str> = v
        .justifications
        .iter()
        .filter(|j| j.missing.is_some())
        .map(|j| j.row.as_str())
        .collect();
    assert_eq!(missing, ["A1 — Études", "61 External services"]);
    // Written: one section per line, one per nature, one naming nothing.
    std::fs::write(
        narrative.path().join("2025/finance.en.md"),
        "The finances are fictional.\n\n## A1 / Études\n\nThe study was cut in half.\n\n## 61\n\nSee Études.\n\n## Catering\n\nNothing.\n",
    )
    .unwrap();
    let s = statement(&r, "2025", Lang::En, Some(narrative.path().to_path_buf()));
    let v = s.variances.unwrap();
    assert!(
        v.justifications.iter().all(|j| j.blocks.is_some()),
        "{:?}",
        v.justifications
    );
    assert_eq!(v.finance_intro.len(), 1);
    // Rendering: the unknown section is a warning; with nothing missing,
    // --strict passes; without the file, --strict refuses.
    let period = Period::parse("2025", r.programme.info.calendar(), date(2027, 1, 31)).unwrap();
    let engine = Engine::new(&r.programme, &r.data);
    let table = engine.compute(&period).unwrap();
    let mut o = options(
        Lang::En,
        date(2026, 1, 20),
        Some(narrative.path().to_path_buf()),
    );
    let rendered = render(&engine, &table, &o).expect("renders");
    let warnings: Vec<String> = rendered
        .narrative_warnings
        .iter()
        .map(|w| w.message(Lang::En))
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("the section \"Catering\" names no budget line")),
        "{warnings:?}"
    );
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("is beyond the programme's threshold")),
        "{warnings:?}"
    );
    std::fs::remove_file(narrative.path().join("2025/finance.en.md")).unwrap();
    o.strict = true;
    match render(&engine, &table, &o) {
        Err(ReportError::NarrativeIncomplete(w)) => {
            let text: Vec<String> = w.iter().map(|w| w.message(Lang::Fr)).collect();
            assert!(
                text.iter()
                    .any(|t| t.contains("l’écart de « A1 — Études » (−70")),
                "{text:?}"
            );
        }
        other => panic!("--strict without justifications: {:?}", other.map(|_| ())),
    }
}

#[test]
fn an_annual_report_is_certified_with_its_payment_request_and_a_quarter_is_not() {
    let dir = programme_dir(|t| t);
    let r = run(dir.path());
    let c = statement(&r, "2025", Lang::Fr, None)
        .certification
        .expect("an annual report is certified");
    let plain = |t: &str| t.replace(['\u{A0}', '\u{202F}'], " ");
    assert!(
        plain(&c.text).starts_with(
            "Je soussigné(e), Awa Diallo, Présidente, représentant(e) légal(e) de Association d'essai, \
             certifie exact le présent compte rendu financier arrêté au 31 décembre 2025"
        ),
        "{}",
        c.text
    );
    assert_eq!(plain(&c.signed_at), "Fait à Dakar, le 20 janvier 2026.");
    let (heading, request) = c.payment_request.expect("a payment request");
    assert_eq!(heading, "Demande de versement");
    assert!(
        plain(&request).contains("12 000 XOF de Fondation Alpha (déjà versé : 30 000 XOF sur un montant conventionné de 60 000 XOF)"),
        "{request}"
    );
    assert!(
        statement(&r, "2025-Q4", Lang::Fr, None)
            .certification
            .is_none()
    );
    assert!(
        statement(&r, "project", Lang::En, None)
            .certification
            .is_some()
    );
}

#[test]
fn an_expense_paid_after_the_date_of_issue_is_refused() {
    let dir = programme_dir(|t| t);
    let r = run(dir.path());
    let period = Period::parse("2025", r.programme.info.calendar(), date(2027, 1, 31)).unwrap();
    let engine = Engine::new(&r.programme, &r.data);
    let table = engine.compute(&period).unwrap();
    // Row 13 is paid on 2026-01-05: a report issued on 2026-01-02 cannot know it.
    match render(&engine, &table, &options(Lang::En, date(2026, 1, 2), None)) {
        Err(e @ ReportError::PaidAhead { .. }) => {
            let ReportError::PaidAhead { rows, .. } = &e else {
                unreachable!()
            };
            assert_eq!(rows, &[(Some(13), date(2026, 1, 5), 1_000.0)]);
            let en = cadre_report::Error::from(e).message(Lang::En);
            assert!(en.contains("depenses: expenses marked paid are dated after the report's date of issue (2026-01-02)") && en.contains("row 13, 2026-01-05, 1000"), "{en}");
        }
        other => panic!("a payment ahead: {:?}", other.map(|_| ())),
    }
}

#[test]
fn both_layouts_render_in_french_and_english() {
    for (layout, lang) in [
        ("cerfa_15059", Lang::Fr),
        ("eu", Lang::En),
        ("statement", Lang::Fr),
    ] {
        let dir = programme_dir(|t| {
            t.replace(
                "layout = \"cerfa_15059\"",
                &format!("layout = \"{layout}\""),
            )
        });
        let r = run(dir.path());
        let period =
            Period::parse("project", r.programme.info.calendar(), date(2027, 1, 31)).unwrap();
        let engine = Engine::new(&r.programme, &r.data);
        let table = engine.compute(&period).unwrap();
        let rendered =
            render(&engine, &table, &options(lang, date(2027, 1, 20), None)).expect(layout);
        assert!(rendered.pdf.starts_with(b"%PDF"), "{layout}");
        assert!(
            rendered.warnings.is_empty(),
            "{layout}: {:?}",
            rendered.warnings
        );
    }
}

#[test]
fn the_narrative_skeleton_heads_finance_md_with_the_lines_to_justify() {
    let dir = programme_dir(|t| t);
    let r = run(dir.path());
    let period = Period::parse("2025", r.programme.info.calendar(), date(2027, 1, 31)).unwrap();
    let engine = Engine::new(&r.programme, &r.data);
    let table = engine.compute(&period).unwrap();
    let s = engine.financial_statement(&period).unwrap();
    let files = cadre_report::report::narrative::skeleton(
        &r.programme,
        &table,
        s.as_ref(),
        cadre_report::report::ReportKind::Annual,
        Lang::En,
    );
    let (name, text) = files
        .iter()
        .find(|(n, _)| n.starts_with("finance"))
        .expect("finance.md");
    assert_eq!(name, "finance.en.md");
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings, ["## A1 / Études", "## 61"]);
    // Left as it is, it justifies nothing; filled in under those headings,
    // the report finds every justification.
    let narrative = tempfile::tempdir().unwrap();
    std::fs::create_dir(narrative.path().join("2025")).unwrap();
    std::fs::write(narrative.path().join("2025").join(name), text).unwrap();
    let v = statement(&r, "2025", Lang::En, Some(narrative.path().to_path_buf()))
        .variances
        .unwrap();
    assert!(
        v.justifications.iter().all(|j| j.missing.is_some()),
        "{:?}",
        v.justifications
    );
    let narrative = tempfile::tempdir().unwrap();
    std::fs::create_dir(narrative.path().join("2025")).unwrap();
    std::fs::write(
        narrative.path().join("2025").join(name),
        text.replace("-->\n", "-->\nJustified.\n"),
    )
    .unwrap();
    let v = statement(&r, "2025", Lang::En, Some(narrative.path().to_path_buf()))
        .variances
        .unwrap();
    assert!(
        v.justifications.iter().all(|j| j.blocks.is_some()),
        "{:?}",
        v.justifications
    );
}

/// The final report (`--period project`) closes the programme: the
/// financing plan with the funds received, costs by nature (the Cerfa
/// layout), every variance with its justification, the indirect-cost check
/// and the certification; committed and planned rows are never spent.
#[test]
fn the_final_report_has_the_whole_financial_chapter() {
    let dir = programme_dir(|t| t);
    let r = run(dir.path());
    let narrative = tempfile::tempdir().unwrap();
    std::fs::create_dir(narrative.path().join("project")).unwrap();
    let sections = [
        "A1 / Personnel",
        "A1 / Études",
        "A2 / Ateliers",
        "61",
        "62",
        "64",
    ];
    let text: String = sections
        .iter()
        .map(|s| format!("## {s}\n\nWhy {s} ended where it did.\n\n"))
        .collect();
    std::fs::write(narrative.path().join("project/finance.en.md"), text).unwrap();
    let s = statement(
        &r,
        "project",
        Lang::En,
        Some(narrative.path().to_path_buf()),
    );
    let p = s.plan.expect("financing plan");
    // Everything paid, eligible and in cash: 32 000 + row 13 (1 000).
    assert_eq!(n(&p.total.spent), 33_000.0);
    assert_eq!(n(p.total.received.as_deref().unwrap()), 58_000.0);
    let c = s.cerfa.expect("costs by nature");
    assert_eq!(n(&c.charges_total.actual), 33_000.0);
    let v = s.variances.expect("variances");
    let justified: Vec<(&str, bool)> = v
        .justifications
        .iter()
        .map(|j| (j.row.as_str(), j.blocks.is_some()))
        .collect();
    assert_eq!(
        justified,
        [
            ("A1 — Personnel", true),
            ("A1 — Études", true),
            ("A2 — Ateliers", true),
            ("61 External services", true),
            ("62 Other external services", true),
            ("64 Staff costs", true),
        ]
    );
    // At the end the forecast is the actual: Ateliers spent 6 000 of 40 000.
    let ateliers = &v.tables[0].rows[2];
    assert_eq!(
        (n(&ateliers.forecast), ateliers.method.as_str()),
        (6_000.0, "actual")
    );
    assert!(s.indirect.is_some());
    assert!(s.certification.is_some());
}
