//! The financial report's figures on `tests/finance` against the figures
//! its README works out by hand: spending counts only paid, eligible cash
//! rows; the forecast follows each line's plan or its pace; variances,
//! the financing plan, funds received, contributions in kind, ineligible
//! expenses, the indirect-cost cap.

use std::path::{Path, PathBuf};

use cadre::finance::{CeilingCheck, FinancialStatement, ForecastMethod};
use cadre::{Engine, Period, Programme};
use chrono::NaiveDate;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() < 0.005, "{what}: {a} ≠ {b}");
}

fn statement_of(data: &Path, period: &str) -> FinancialStatement {
    let p = Programme::load(repo().join("tests/finance/programme")).unwrap();
    let d = cadre::ingest(&p, data).unwrap();
    assert!(d.report.is_clean(), "{:?}", d.report.problems);
    let today = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
    let period = Period::parse(period, p.info.calendar(), today).unwrap();
    Engine::new(&p, &d)
        .financial_statement(&period)
        .unwrap()
        .unwrap()
}

fn statement(period: &str) -> FinancialStatement {
    statement_of(&repo().join("tests/finance/data"), period)
}

#[test]
fn only_paid_eligible_cash_rows_are_spent_and_each_line_has_its_forecast() {
    let s = statement("2025");
    close(s.total.budget, 100_000.0, "cash budget");
    close(s.total.spent_period, 32_000.0, "spent in 2025");
    close(s.total.spent_to_date, 32_000.0, "spent to date");
    let lines = s.by_line.as_ref().unwrap();
    let got: Vec<(&str, f64, f64, ForecastMethod, f64, bool)> = lines
        .iter()
        .map(|r| {
            let f = &r.figures;
            let line = r.line.as_ref().unwrap().value.as_str();
            (
                line,
                f.spent_to_date,
                f.forecast,
                f.forecast_method,
                f.variance,
                f.needs_justification,
            )
        })
        .collect();
    let expected = [
        (
            "Personnel",
            22_000.0,
            44_000.0,
            ForecastMethod::StraightLine,
            4_000.0,
            false,
        ),
        (
            "Études",
            4_000.0,
            6_000.0,
            ForecastMethod::Plan,
            -14_000.0,
            true,
        ),
        (
            "Ateliers",
            6_000.0,
            41_000.0,
            ForecastMethod::Plan,
            1_000.0,
            false,
        ),
    ];
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for (g, e) in got.iter().zip(expected) {
        assert_eq!((g.0, g.3, g.5), (e.0, e.3, e.5), "{got:?}");
        close(g.1, e.1, e.0);
        close(g.2, e.2, e.0);
        close(g.4, e.4, e.0);
    }
    close(lines[1].figures.variance_pct.unwrap(), -70.0, "Études %");
    close(s.total.forecast, 91_000.0, "forecast");
    close(s.total.variance, -9_000.0, "variance");
    assert!(!s.total.needs_justification);
    assert_eq!(s.total.forecast_method, ForecastMethod::Mixed);
    close(s.forecast.projected.unwrap(), 91_000.0, "projected");
    close(s.forecast.projected_pct.unwrap(), 91.0, "projected %");
    close(s.forecast.straight_line.unwrap(), 64_000.0, "straight line");
    assert_eq!(
        (s.forecast.lines_planned, s.forecast.lines_straight),
        (2, 1)
    );
    close(s.forecast.elapsed_pct, 50.0, "elapsed");
    assert_eq!(s.variance_threshold, Some(15.0));
}

#[test]
fn the_statement_by_nature_and_by_action_sum_the_same_cells() {
    let s = statement("2025");
    let natures: Vec<(String, f64, f64, bool)> = s
        .by_nature
        .as_ref()
        .unwrap()
        .iter()
        .map(|r| {
            let n = r.nature.as_ref().unwrap();
            (
                n.value.clone(),
                r.figures.budget,
                r.figures.forecast,
                r.figures.needs_justification,
            )
        })
        .collect();
    // In the enum's order; 86 is in kind, out of the cash statement.
    assert_eq!(
        natures,
        vec![
            ("61".into(), 20_000.0, 6_000.0, true),
            ("62".into(), 40_000.0, 41_000.0, false),
            ("64".into(), 40_000.0, 44_000.0, false),
        ]
    );
    let label = s.by_nature.as_ref().unwrap()[2]
        .nature
        .as_ref()
        .unwrap()
        .text("en")
        .to_owned();
    assert_eq!(label, "Staff costs");
    let actions: Vec<(String, f64, f64, f64)> = s
        .by_action
        .as_ref()
        .unwrap()
        .iter()
        .map(|r| {
            let f = &r.figures;
            (
                r.action.as_ref().unwrap().value.clone(),
                f.budget,
                f.spent_to_date,
                f.forecast,
            )
        })
        .collect();
    assert_eq!(
        actions,
        vec![
            ("A1".into(), 60_000.0, 26_000.0, 50_000.0),
            ("A2".into(), 40_000.0, 6_000.0, 41_000.0),
        ]
    );
}

#[test]
fn the_financing_plan_has_each_funder_s_plan_spending_and_funds_received() {
    let s = statement("2025");
    let rows = s.by_funder.as_ref().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (a, b) = (&rows[0], &rows[1]);
    assert_eq!(
        (a.funder.value.as_str(), b.funder.value.as_str()),
        ("A", "B")
    );
    assert_eq!(a.funder.text("fr"), "Fondation Alpha");
    close(
        a.planned.unwrap(),
        60_000.0,
        "A planned (60 % of the cash budget)",
    );
    close(b.planned.unwrap(), 30_000.0, "B planned");
    assert_eq!((a.grant, b.grant), (Some(60_000.0), None));
    close(a.spent_to_date, 22_000.0, "A spent");
    close(b.spent_to_date, 10_000.0, "B spent");
    close(a.share_pct.unwrap(), 68.75, "A share");
    match a.ceiling {
        Some(CeilingCheck::Exceeded { by }) => close(by, 8.75, "A over its rate"),
        other => panic!("{other:?}"),
    }
    close(a.received_to_date, 30_000.0, "A received");
    close(a.received_period, 30_000.0, "A received in 2025");
    close(b.received_to_date, 10_000.0, "B received");
    close(a.balance, 8_000.0, "A balance");
    close(b.balance, 0.0, "B balance");
    close(b.in_kind_to_date, 3_000.0, "B in kind");
    close(a.in_kind_to_date, 0.0, "A in kind");
    let f = s.funding.unwrap();
    close(f.budget, 100_000.0, "budget");
    close(f.planned, 90_000.0, "planned");
    close(f.uncovered, 10_000.0, "uncovered");
    close(f.grant, 60_000.0, "grants");
    close(f.received_to_date, 40_000.0, "received");
    close(f.balance, 8_000.0, "cash balance");
    assert!(f.instalments);
    let k = s.in_kind.unwrap();
    close(k.budget, 10_000.0, "in-kind budget");
    close(k.valued_to_date, 3_000.0, "in kind valued");
}

#[test]
fn ineligible_later_corrections_and_indirect_costs_are_accounted_for() {
    let s = statement("2025");
    let rows =
        |v: &[cadre::finance::ExpenseEntry]| v.iter().map(|e| e.row.unwrap()).collect::<Vec<_>>();
    assert_eq!(rows(&s.ineligible.rows), [6]);
    close(s.ineligible.amount, 8_000.0, "ineligible");
    assert_eq!(s.later.rows, 3);
    close(s.later.amount, 36_000.0, "later");
    assert_eq!(
        (
            s.later.committed.rows,
            s.later.planned.rows,
            s.later.paid.rows
        ),
        (1, 1, 1)
    );
    close(s.later.committed.amount, 15_000.0, "committed later");
    close(s.later.planned.amount, 20_000.0, "planned later");
    assert_eq!(rows(&s.paid_after), [13]);
    assert_eq!(rows(&s.flags.corrections), [5]);
    assert_eq!(rows(&s.flags.undated), [11]);
    let i = s.indirect.unwrap();
    close(i.indirect, 4_000.0, "indirect");
    close(i.direct, 28_000.0, "direct");
    match i.check {
        Some(CeilingCheck::Exceeded { by }) => {
            close(by, 4_000.0 / 28_000.0 * 100.0 - 7.0, "over the cap")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn at_the_programme_s_end_the_forecast_is_the_actual() {
    let s = statement("project");
    // Everything paid, eligible, in cash and dated: 32 000 + row 13.
    close(s.total.spent_to_date, 33_000.0, "spent");
    close(s.total.forecast, 33_000.0, "forecast");
    assert_eq!(s.total.forecast_method, ForecastMethod::Actual);
    close(s.total.variance, -67_000.0, "variance");
    assert!(s.paid_after.is_empty());
}

#[test]
fn a_workbook_without_the_optional_instalments_sheet_loads_with_none_received() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["budget.csv", "depenses.csv"] {
        std::fs::copy(
            repo().join("tests/finance/data").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    let p = Programme::load(repo().join("tests/finance/programme")).unwrap();
    let d = cadre::ingest(&p, dir.path()).unwrap();
    assert_eq!(d.report.absent, ["versements"]);
    let s = statement_of(dir.path(), "2025");
    close(s.funding.unwrap().received_to_date, 0.0, "received");
    close(s.total.spent_to_date, 32_000.0, "spent");
}

/// The finance programme with `programme.toml` edited by `edit`.
fn load_edited(edit: impl Fn(String) -> String) -> cadre::Result<Programme> {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/finance/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml", "indicators/f.toml"] {
        let mut text = std::fs::read_to_string(src.join(f)).unwrap();
        if f == "programme.toml" {
            text = edit(text);
        }
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    Programme::load(dir.path())
}

#[test]
fn a_wrong_financial_report_declaration_is_refused_with_what_to_write() {
    let cases: [(&str, &str, &str, &str); 8] = [
        (
            "committed = [\"engagee\"]\n",
            "",
            "[finance] statuses",
            "\"engagee\" is under none of",
        ),
        (
            "planned = [\"prevue\"]",
            "planned = [\"prevue\", \"payee\"]",
            "[finance] statuses",
            "\"payee\" is listed under two statuses",
        ),
        (
            "ineligible = [\"non\"]\n",
            "",
            "[finance] ineligible",
            "needs `ineligible = [...]`",
        ),
        (
            "variance_pct = 15",
            "variance_pct = 0",
            "[finance] variance_pct",
            "`variance_pct = 0` is not a share",
        ),
        (
            "rate = 655.957",
            "rate = 0",
            "[finance] exchange_rate",
            "`rate = 0` is not an exchange rate",
        ),
        (
            "funder = \"A\", amount = 12000",
            "funder = \"Z\", amount = 12000",
            "[finance] certification",
            "names \"Z\", which `[[programme.funders]]` does not declare (declared: A, B)",
        ),
        (
            "funder = \"A\", amount = 12000",
            "funder = \"A\", amount = 0",
            "[finance] certification",
            "asks for 0",
        ),
        (
            "grant = 60000",
            "grant = -1",
            "[finance] funders",
            "funder A: `planned` and `grant` are amounts",
        ),
    ];
    for (from, to, part, expected) in cases {
        let loaded = load_edited(|t| {
            assert!(t.contains(from), "{from}");
            t.replacen(from, to, 1)
        });
        let (path, _, e) = crate::definition_error(loaded);
        assert!(path.ends_with("programme.toml"));
        let en = e.message(cadre::Lang::En);
        assert!(
            en.contains(part) && en.contains(expected),
            "{from} → {to}: {en}"
        );
        let fr = e.message(cadre::Lang::Fr);
        assert!(fr.contains(&format!("{part} :")), "{fr}");
    }
    // A status column of free text is refused: a status must have a meaning.
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/finance/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml", "indicators/f.toml"] {
        let mut text = std::fs::read_to_string(src.join(f)).unwrap();
        if f == "datasets.toml" {
            let enumerated =
                "name = \"statut\"\ntype = \"enum\"\nvalues = [\"payee\", \"engagee\", \"prevue\"]";
            assert!(text.contains(enumerated));
            text = text.replace(enumerated, "name = \"statut\"\ntype = \"text\"");
        }
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    let (_, _, e) = crate::definition_error(Programme::load(dir.path()));
    let en = e.message(cadre::Lang::En);
    assert!(
        en.contains("[finance] statuses: the expenses' status column is text: declare it an enum"),
        "{en}"
    );
    // A key naming by a column the expenses do not declare.
    let loaded = load_edited(|t| t.replace(", nature = \"nature\", status", ", status"));
    let (_, _, e) = crate::definition_error(loaded);
    let en = e.message(cadre::Lang::En);
    assert!(
        en.contains("[finance] indirect: this needs the expenses' `nature` column"),
        "{en}"
    );
}

/// Committed and planned expenses are dated ahead by nature: no anomaly.
/// Without a status column, the same rows are dated after the issue.
#[test]
fn committed_and_planned_expenses_are_no_anomaly() {
    let p = Programme::load(repo().join("tests/finance/programme")).unwrap();
    let d = cadre::ingest(&p, repo().join("tests/finance/data")).unwrap();
    let issued = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
    let after = |p: &Programme, d: &cadre::Data| -> usize {
        Engine::new(p, d)
            .anomalies(issued)
            .unwrap()
            .iter()
            .filter(|a| {
                a.dataset == "depenses" && a.kind == cadre::anomalies::AnomalyKind::AfterIssue
            })
            .map(|a| a.count)
            .sum()
    };
    assert_eq!(after(&p, &d), 0);
    let unstated = load_edited(|t| {
        t.replace(", status = \"statut\"", "")
            .replace("[finance.statuses]\npaid = [\"payee\"]\ncommitted = [\"engagee\"]\nplanned = [\"prevue\"]\n", "")
    })
    .unwrap();
    let d = cadre::ingest(&unstated, repo().join("tests/finance/data")).unwrap();
    // Rows 8 (2026-02-01) and 9 (2026-06-01).
    assert_eq!(after(&unstated, &d), 2);
}
