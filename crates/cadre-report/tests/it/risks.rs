//! The risk register against the example sheets read here independently
//! (calamine, cell by cell, values folded and dates parsed by hand): at
//! each period's end, each risk's latest review on or before it, compared
//! with the one in force at the previous period's end. Then a register
//! worked out by hand, a workbook without the optional sheet, and wrong
//! declarations refused with their file and key.

use std::collections::BTreeMap;
use std::path::Path;

use cadre::risks::{RiskChange, RiskRegister};
use cadre::{Engine, Lang, Period, Programme};
use calamine::{Data, Reader};
use chrono::NaiveDate;

const ROOT: &str = "../..";

/// The likelihood and impact scales of both examples, lowest first.
const LIKELIHOOD: [&str; 3] = ["faible", "moyenne", "elevee"];
const IMPACT: [&str; 3] = ["faible", "moyen", "fort"];

/// A value as typed (`Élevée`, `atténué`, `Moyen`), lower case, unaccented.
fn fold(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            other => other,
        })
        .collect()
}

/// A date cell, `dd/mm/yyyy` or `yyyy-mm-dd` when typed as text.
fn day(c: &Data) -> NaiveDate {
    match c {
        Data::DateTime(d) => d.as_datetime().expect("date").date(),
        Data::String(s) => NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y")
            .or_else(|_| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d"))
            .unwrap_or_else(|_| panic!("date {s:?}")),
        other => panic!("date {other:?}"),
    }
}

/// A review as the sheet holds it.
#[derive(Debug, Clone)]
struct Row {
    code: String,
    date: NaiveDate,
    likelihood: usize,
    impact: usize,
    status: String,
}

impl Row {
    fn level(&self) -> u32 {
        ((self.likelihood + 1) * (self.impact + 1)) as u32
    }
}

/// The `Risques` sheet's rows, in sheet order.
fn sheet(workbook: &str) -> Vec<Row> {
    let mut book = calamine::open_workbook_auto(Path::new(ROOT).join(workbook)).expect("workbook");
    let range = book.worksheet_range("Risques").expect("sheet");
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .expect("header")
        .iter()
        .map(|c| fold(&c.to_string()))
        .collect();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (code, date, l, i, st) = (
        at("code"),
        at("date de revue"),
        at("probabilite"),
        at("impact"),
        at("statut"),
    );
    rows.map(|r| {
        let rank = |scale: &[&str], v: &Data| {
            let v = fold(&v.to_string());
            scale
                .iter()
                .position(|s| *s == v)
                .unwrap_or_else(|| panic!("{v}"))
        };
        Row {
            code: r[code].to_string().trim().to_owned(),
            date: day(&r[date]),
            likelihood: rank(&LIKELIHOOD, &r[l]),
            impact: rank(&IMPACT, &r[i]),
            status: fold(&r[st].to_string()),
        }
    })
    .collect()
}

/// What the register should hold at `end`, from the sheet alone: per code,
/// (level, level before or none, changes as words, status), by level then
/// code; a risk closed at both dates left out.
fn expected(rows: &[Row], end: NaiveDate, previous: NaiveDate) -> Vec<(String, u32, String)> {
    let mut by_code: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        by_code.entry(&r.code).or_default().push(r);
    }
    // The last in sheet order among the latest dated on or before `day`.
    let at = |reviews: &[&Row], day: NaiveDate| -> Option<Row> {
        let mut best: Option<&Row> = None;
        for r in reviews.iter().filter(|r| r.date <= day) {
            if best.is_none_or(|b| r.date >= b.date) {
                best = Some(r);
            }
        }
        best.cloned()
    };
    let mut out: Vec<(String, u32, String)> = Vec::new();
    for (code, reviews) in by_code {
        let Some(now) = at(&reviews, end) else {
            continue;
        };
        let before = at(&reviews, previous);
        if before.as_ref().is_some_and(|b| b.status == "clos") && now.status == "clos" {
            continue;
        }
        let mut changes = Vec::new();
        match &before {
            None => changes.push("new"),
            Some(b) => {
                let cmp = |was: usize, is: usize, up, down| match is.cmp(&was) {
                    std::cmp::Ordering::Greater => Some(up),
                    std::cmp::Ordering::Less => Some(down),
                    std::cmp::Ordering::Equal => None,
                };
                changes.extend(cmp(
                    b.likelihood,
                    now.likelihood,
                    "likelihood+",
                    "likelihood-",
                ));
                changes.extend(cmp(b.impact, now.impact, "impact+", "impact-"));
                if b.status != now.status {
                    changes.push(if now.status == "clos" {
                        "closed"
                    } else {
                        "status"
                    });
                }
            }
        }
        out.push((code.to_owned(), now.level(), changes.join(" ")));
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

fn change_word(c: &RiskChange) -> &'static str {
    match c {
        RiskChange::New => "new",
        RiskChange::LikelihoodUp => "likelihood+",
        RiskChange::LikelihoodDown => "likelihood-",
        RiskChange::ImpactUp => "impact+",
        RiskChange::ImpactDown => "impact-",
        RiskChange::Status => "status",
        RiskChange::Closed => "closed",
    }
}

fn register(programme: &str, data: &str, period: &str) -> (Programme, RiskRegister, Period) {
    let root = Path::new(ROOT);
    let p = Programme::load(root.join(programme)).expect("programme");
    let d = cadre::ingest(&p, root.join(data)).expect("data");
    let period = Period::parse(period, p.info.calendar(), p.info.end).expect("period");
    let r = Engine::new(&p, &d)
        .risk_register(&period)
        .expect("register")
        .expect("the programme keeps a register");
    (p, r, period)
}

fn got(r: &RiskRegister) -> Vec<(String, u32, String)> {
    r.risks
        .iter()
        .map(|x| {
            let changes: Vec<&str> = x.changes.iter().map(change_word).collect();
            (x.key.clone(), x.level(), changes.join(" "))
        })
        .collect()
}

#[test]
fn the_register_at_each_period_s_end_is_the_sheet_s_latest_reviews() {
    let cases = [
        (
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "2024-Q4",
        ),
        (
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "2025-Q2",
        ),
        (
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "2025-Q4",
        ),
        (
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "2025",
        ),
        (
            "indicators/terress",
            "examples/terress/terress.xlsx",
            "2026-Q4",
        ),
        ("indicators/eau", "examples/eau/eau.xlsx", "2025-Q3"),
        ("indicators/eau", "examples/eau/eau.xlsx", "2026-Q1"),
        ("indicators/eau", "examples/eau/eau.xlsx", "2026-Q2"),
    ];
    for (programme, workbook, period) in cases {
        let (_, r, p) = register(programme, workbook, period);
        let previous = p.start.pred_opt().unwrap();
        assert!(r.provided, "{workbook}");
        assert_eq!(r.previous_end, previous, "{workbook} {period}");
        let want = expected(&sheet(workbook), p.end, previous);
        assert!(!want.is_empty(), "{workbook} {period}: no risk");
        pretty_assertions::assert_eq!(got(&r), want, "{workbook} {period}");
    }
}

#[test]
fn the_final_report_s_register_is_compared_with_the_last_quarter_s() {
    // The whole programme (1 November 2024 – 31 October 2026): compared with
    // 30 September 2026, the end of the quarter before the programme's last.
    let (_, r, p) = register(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        "project",
    );
    let previous = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
    assert_eq!(r.previous_end, previous);
    let rows = sheet("examples/terress/terress.xlsx");
    pretty_assertions::assert_eq!(got(&r), expected(&rows, p.end, previous));
    // Reviewed on 16 October 2026: R2 occurred, R7 rose; none is new.
    assert!(
        r.risks
            .iter()
            .all(|x| !x.changes.contains(&RiskChange::New))
    );
    let r2 = r.risks.iter().find(|x| x.key == "R2").unwrap();
    assert_eq!(r2.changes, [RiskChange::Status]);
}

#[test]
fn the_terress_register_of_q4_2025_is_the_one_worked_out_by_hand() {
    // Reviews in force on 31 December 2025 (those of 12 December 2025, and
    // R8's…) against those of 30 September 2025 (27 June 2025, or 16
    // December 2024 for R4, which June did not review); ranks faible 1,
    // moyenne/moyen 2, elevee/fort 3:
    // R1 élevée×fort = 3×3 = 9, was élevée×moyen 3×2 = 6: impact up, rose.
    // R2 élevée×fort = 9, was moyenne×fort 2×3 = 6: likelihood up, rose.
    // R4 élevée×moyen = 6, was moyenne×moyen 2×2 = 4: likelihood up, rose.
    // R6 moyenne×moyen = 4, unchanged (first reviewed in June 2025).
    // R7 moyenne×moyen = 4, first reviewed in December: new.
    // R3 faible×fort = 3, atténué both times: unchanged.
    // R5 faible×faible = 1, clos; was moyenne×faible, atténué: likelihood
    //    down, closed.
    // R8 faible×faible = 1, unchanged.
    // By level, then code: R1 R2 (9), R4 (6), R6 R7 (4), R3 (3), R5 R8 (1).
    let (_, r, _) = register(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        "2025-Q4",
    );
    let s = |v: &[(&str, u32, &str)]| -> Vec<(String, u32, String)> {
        v.iter()
            .map(|(k, l, c)| ((*k).to_owned(), *l, (*c).to_owned()))
            .collect()
    };
    pretty_assertions::assert_eq!(
        got(&r),
        s(&[
            ("R1", 9, "impact+"),
            ("R2", 9, "likelihood+"),
            ("R4", 6, "likelihood+"),
            ("R6", 4, ""),
            ("R7", 4, "new"),
            ("R3", 3, ""),
            ("R5", 1, "likelihood- closed"),
            ("R8", 1, ""),
        ])
    );
    // High from 6 (`high = 6`), open and rising: R1, R2, R4.
    let rising: Vec<&str> = r.rising().map(|x| x.key.as_str()).collect();
    assert_eq!(rising, ["R1", "R2", "R4"]);
    assert_eq!((r.high, r.max_level), (6, 9));
}

#[test]
fn the_report_writes_the_register_with_the_definitions_labels_and_flags_the_rising_risks() {
    let root = Path::new(ROOT);
    let p = Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let period = Period::parse("2025-Q4", p.info.calendar(), p.info.end).unwrap();
    let engine = Engine::new(&p, &d);
    let t = engine.compute(&period).unwrap();
    for lang in [Lang::Fr, Lang::En] {
        let mut options = cadre_report::report::ReportOptions::new(
            root.join("report_templates/quarterly"),
            lang,
            NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        );
        options.narrative = Some(root.join("examples/terress/narrative"));
        let data = cadre_report::report::report_data(&engine, &t, &options).unwrap();
        let risks = data.risks.expect("a risks chapter");
        let reg = risks.register.expect("a register");
        assert!(reg.absent.is_none());
        let r1 = &reg.rows[0];
        let (high, impact) = match lang {
            Lang::Fr => ("Élevée", "Impact en hausse\u{A0}: Moyen → Fort"),
            Lang::En => ("High", "Impact up: Medium → High"),
        };
        assert_eq!((r1.code.as_str(), r1.likelihood.as_str()), ("R1", high));
        assert_eq!(r1.change, impact);
        assert!(r1.high && r1.rose);
        assert!(risks.narrative.is_some(), "risks.md is read");
        let flags = data.summary.red_flags.risks.expect("rising risks");
        assert_eq!(flags.items.len(), 3);
        assert!(flags.items[0].starts_with("R1 "), "{:?}", flags.items);
        // The assumptions of OS, A2 and A4, in the logframe-free quarterly
        // report's chapter.
        let codes: Vec<&str> = risks.assumptions.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["OS", "A2", "A4"]);
    }
}

#[test]
fn a_workbook_without_the_register_computes_and_the_report_says_it_was_not_provided() {
    // The partners' files without the programme team's register: the
    // contract's sheets only, as a folder.
    let root = Path::new(ROOT);
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("examples/terress-partners/data"), dir.path());
    std::fs::remove_file(dir.path().join("equipe/risques.xlsx")).unwrap();
    let p = Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, dir.path()).unwrap();
    assert!(d.report.is_clean());
    assert!(d.report.absent.iter().any(|a| a == "risques"));
    let period = Period::parse("2025-Q4", p.info.calendar(), p.info.end).unwrap();
    let engine = Engine::new(&p, &d);
    let r = engine.risk_register(&period).unwrap().unwrap();
    assert!(!r.provided);
    assert!(r.risks.is_empty());
    let t = engine.compute(&period).unwrap();
    let options = cadre_report::report::ReportOptions::new(
        root.join("report_templates/quarterly"),
        Lang::En,
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    );
    let data = cadre_report::report::report_data(&engine, &t, &options).unwrap();
    let reg = data.risks.unwrap().register.unwrap();
    assert_eq!(
        reg.absent.as_deref(),
        Some(
            "The risk register (sheet “Risk register”) was not provided with the data: no risk can be reported."
        )
    );
    assert!(reg.rows.is_empty());
    assert!(data.summary.red_flags.risks.is_none());
    // With the register's file, the partners' folder gives the workbook's register.
    let (_, with, _) = register(
        "indicators/terress",
        "examples/terress-partners/data",
        "2025-Q4",
    );
    let (_, workbook, _) = register(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        "2025-Q4",
    );
    assert_eq!(got(&with), got(&workbook));
}

/// The Terr'ESS definitions with `programme.toml` edited, loaded.
fn load_edited(edit: impl Fn(String) -> String) -> cadre::Error {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(ROOT).join("indicators/terress");
    copy_dir(&src, dir.path());
    let path = dir.path().join("programme.toml");
    let text = edit(std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, text).unwrap();
    Programme::load(dir.path()).expect_err("refused")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn a_wrong_risk_register_declaration_is_refused_with_its_file_and_key() {
    let cases: [(&str, &str, &str, &str, &str); 6] = [
        (
            "result = \"action\"",
            "result = \"probabilite\"",
            "result = \"probabilite\"",
            "[report.risks] result: \"faible\" is not a result of the chain (its results: OG, OS, A1",
            "[report.risks] result : « faible » n’est pas un résultat de la chaîne (ses résultats : OG, OS, A1",
        ),
        (
            "likelihood = \"probabilite\"",
            "likelihood = \"probabilte\"",
            "likelihood = ",
            "[report.risks] likelihood: ",
            "[report.risks] likelihood : ",
        ),
        (
            "likelihood = \"probabilite\"",
            "likelihood = \"risque\"",
            "likelihood = ",
            "[report.risks] likelihood: column `risque` is text; this key needs an enum column",
            "[report.risks] likelihood : la colonne « risque » est de type text ; cette clé demande une colonne « enum »",
        ),
        (
            "date = \"date_revue\"",
            "date = \"code\"",
            "date = \"code\"",
            "[report.risks] date: column `code` is text; this key needs a date column",
            "[report.risks] date : la colonne « code » est de type text ; cette clé demande une colonne de dates",
        ),
        (
            "occurred = [\"survenu\"]",
            "occurred = []",
            "statuses = ",
            "[report.risks] statuses: the status value \"survenu\" is under none of",
            "[report.risks] statuses : la valeur de statut « survenu » ne figure sous aucun",
        ),
        (
            "high = 6",
            "high = 10",
            "high = 10",
            "[report.risks] high: `high = 10` is not a level of the register",
            "[report.risks] high : « high = 10 » n’est pas un niveau du registre",
        ),
    ];
    for (from, to, line_text, en, fr) in cases {
        let e = load_edited(|t| {
            assert!(t.contains(from), "{from}");
            t.replacen(from, to, 1)
        });
        let cadre::Error::Definition { path, line, .. } = &e else {
            panic!("{e:?}");
        };
        assert!(path.ends_with("programme.toml"), "{path:?}");
        let text =
            std::fs::read_to_string(Path::new(ROOT).join("indicators/terress/programme.toml"))
                .unwrap()
                .replacen(from, to, 1);
        let want = text
            .lines()
            .position(|l| l.starts_with(line_text))
            .map(|i| i + 1);
        assert_eq!(*line, want, "{to}");
        let (got_en, got_fr) = (e.message(Lang::En), e.message(Lang::Fr));
        assert!(got_en.contains(en), "{got_en}");
        assert!(got_fr.contains(fr), "{got_fr}");
    }
}

#[test]
fn assumptions_in_an_undeclared_language_are_refused_at_their_result() {
    let e = load_edited(|t| t.replacen("assumptions.en = ", "assumptions.de = ", 1));
    let cadre::Error::Definition { line, .. } = &e else {
        panic!("{e:?}");
    };
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("indicators/terress/programme.toml")).unwrap();
    // The line of the result's `code`: the first result with assumptions, OS.
    let os = text.lines().position(|l| l == "code = \"OS\"").unwrap() + 1;
    assert_eq!(*line, Some(os));
    assert!(
        e.message(Lang::En)
            .contains("assumptions of result OS: `de` is not a language of the programme (its languages: fr, en)"),
        "{}",
        e.message(Lang::En)
    );
}

#[test]
fn the_accessible_report_prints_the_register_the_comment_and_the_assumptions() {
    let root = Path::new(ROOT);
    let p = Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let period = Period::parse("2025-Q4", p.info.calendar(), p.info.end).unwrap();
    let engine = Engine::new(&p, &d);
    let t = engine.compute(&period).unwrap();
    let mut options = cadre_report::report::ReportOptions::new(
        root.join("report_templates/quarterly"),
        Lang::En,
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    );
    options.narrative = Some(root.join("examples/terress/narrative"));
    // PDF/UA-1: the chapter's headings, and the comment's under them, nest.
    options.pdf_standard = Some(cadre_report::report::PdfStandardChoice::Ua1);
    let pdf = cadre_report::report::render(&engine, &t, &options)
        .unwrap_or_else(|e| panic!("{e}"))
        .pdf;
    let text = crate::report::pdf_text(&pdf, "risks-en")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for want in [
        "Risks and assumptions",
        "Risk register",
        "8 risks followed on 31 December 2025",
        "Since the last report",
        "Impact up: Medium → High",
        "Likelihood down: Medium → Low; Closed",
        "Owner: Claire Dumas",
        "Rising risks",
        "The review of the register on 12 December 2025",
        "Security and visa conditions allow delegations to travel.",
    ] {
        assert!(text.contains(want), "{want}: not in the report");
    }
}

#[test]
fn a_narrative_without_risks_md_is_missing_its_comment_on_the_register() {
    let root = Path::new(ROOT);
    let p = Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let missing = |period: &str| {
        let period = Period::parse(period, p.info.calendar(), p.info.end).unwrap();
        let t = Engine::new(&p, &d).compute(&period).unwrap();
        let n = cadre_report::report::narrative::load(
            &root.join("examples/terress/narrative"),
            &period.label,
            Lang::Fr,
            &p,
        )
        .unwrap();
        let kind = cadre_report::report::ReportKind::of(&period, &p.info);
        cadre_report::report::narrative::warnings(&n, &t, &p, None, kind)
            .iter()
            .filter(|w| w.is_missing_narrative())
            .map(|w| w.message(Lang::Fr))
            .any(|m| m.contains("le fichier risks.md, manque"))
    };
    // 2025-Q3 has no risks.md; 2025-Q4 has one.
    assert!(missing("2025-Q3"));
    assert!(!missing("2025-Q4"));
}
