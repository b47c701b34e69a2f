//! What a report is: its kind (monthly, quarterly, half-yearly, annual,
//! final), which its period calls for and its title says, and what an
//! annual or final report adds (the logframe matrix).

use std::path::Path;

use cadre::{Engine, Lang, Period, Programme};
use cadre_report::report::{ReportOptions, report_data};
use chrono::NaiveDate;

const ROOT: &str = "../..";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn options(lang: Lang, issued: NaiveDate) -> ReportOptions {
    ReportOptions::new(
        Path::new(ROOT).join("report_templates/quarterly"),
        lang,
        issued,
    )
}

/// A report is titled by its kind: the period's by default (a quarter is
/// quarterly, a year annual, the whole programme final), `--kind` otherwise.
#[test]
fn a_report_is_titled_by_the_kind_its_period_calls_for() {
    use cadre_report::report::ReportKind;
    let p = Programme::load(Path::new(ROOT).join("tests/finance/programme")).unwrap();
    let d = cadre::ingest(&p, Path::new(ROOT).join("tests/finance/data")).unwrap();
    let engine = Engine::new(&p, &d);
    let title = |period: &str, lang: Lang, kind: Option<ReportKind>| {
        let period = Period::parse(period, p.info.calendar(), date(2027, 1, 31)).unwrap();
        let table = engine.compute(&period).unwrap();
        let mut o = options(lang, date(2027, 1, 20));
        o.kind = kind;
        let d = report_data(&engine, &table, &o).unwrap();
        (d.period.kind, d.period.title)
    };
    let cases = [
        (
            "2025-Q4",
            Lang::Fr,
            ReportKind::Quarterly,
            "Rapport trimestriel de suivi",
        ),
        (
            "2025-H2",
            Lang::En,
            ReportKind::HalfYearly,
            "Half-yearly monitoring report",
        ),
        ("2025", Lang::Fr, ReportKind::Annual, "Rapport annuel"),
        ("PY2", Lang::En, ReportKind::Annual, "Annual report"),
        ("project", Lang::Fr, ReportKind::Final, "Rapport final"),
        (
            "2025-01-01..2026-12-31",
            Lang::En,
            ReportKind::Final,
            "Final report",
        ),
        (
            "2025-03-01..2025-06-30",
            Lang::En,
            ReportKind::Progress,
            "Monitoring report",
        ),
        (
            "2025-M04",
            Lang::Fr,
            ReportKind::Monthly,
            "Rapport mensuel de suivi",
        ),
    ];
    for (period, lang, kind, expected) in cases {
        assert_eq!(
            title(period, lang, None),
            (kind, expected.to_owned()),
            "{period}"
        );
    }
    let forced = title("2025", Lang::En, Some(ReportKind::Final));
    assert_eq!(forced, (ReportKind::Final, "Final report".to_owned()));
}

/// Annual and final reports enclose the logframe matrix: every result of
/// the chain, the overall objective included (it has no indicator), each
/// indicator with the values its own table prints.
#[test]
fn annual_and_final_reports_enclose_the_logframe_matrix() {
    let root = Path::new(ROOT);
    let p = Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let engine = Engine::new(&p, &d);
    let data = |period: &str| {
        let period = Period::parse(period, p.info.calendar(), p.info.end).unwrap();
        let table = engine.compute(&period).unwrap();
        report_data(
            &engine,
            &table,
            &options(Lang::En, date(2026, 11, 30)),
        )
        .unwrap()
    };
    assert!(
        data("2025-Q4").logframe.is_none(),
        "a quarterly report has none"
    );
    for period in ["2025", "project"] {
        let r = data(period);
        let lf = r.logframe.as_ref().expect("a logframe matrix");
        let codes: Vec<&str> = lf.results.iter().map(|x| x.code.as_str()).collect();
        let all: Vec<&str> = p.results.iter().map(|x| x.code.as_str()).collect();
        assert_eq!(codes, all, "{period}");
        assert_eq!(lf.results[0].level, "Overall objective");
        assert_eq!(lf.results[0].depth, 0);
        assert!(lf.results[0].indicators.is_empty());
        let listed: usize = lf.results.iter().map(|x| x.indicators.len()).sum();
        assert_eq!(listed, r.indicators.len(), "{period}: every indicator");
        for i in lf.results.iter().flat_map(|x| &x.indicators) {
            let shown = r.indicators.iter().find(|x| x.code == i.code).unwrap();
            assert_eq!(i.value, shown.cumulative_value, "{period} {}", i.code);
            assert_eq!(i.target, shown.target, "{period} {}", i.code);
            assert!(
                !i.verification.is_empty(),
                "{}: its means of verification",
                i.code
            );
        }
    }
}
