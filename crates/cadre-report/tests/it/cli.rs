//! The `cadre` command line: outputs, and exit codes (0 success, 1 rejected
//! rows or differences, 2 usage, definition and I/O errors).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cadre(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cadre"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const EXAMPLE: [&str; 4] = [
    "--programme",
    "indicators/terress",
    "--data",
    "examples/terress/terress.xlsx",
];

fn with(extra: &[&str]) -> Vec<String> {
    extra
        .iter()
        .chain(EXAMPLE.iter())
        .map(|s| s.to_string())
        .collect()
}

fn run(args: &[String]) -> Output {
    cadre(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn validate_accounts_for_every_sheet_and_exits_by_outcome() {
    let ok = run(&with(&["validate"]));
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(
        stdout(&ok).contains("Toutes les lignes sont acceptées"),
        "{}",
        stdout(&ok)
    );
    let broken = cadre(&[
        "validate",
        "--programme",
        "indicators/terress",
        "--data",
        "tests/fixtures/formats/broken.xlsx",
        "--lang",
        "en",
    ]);
    assert_eq!(broken.status.code(), Some(1));
    let out = stdout(&broken);
    assert!(out.contains("12 rows rejected, 12 problems:"), "{out}");
    assert!(out.contains("sheet participations, row 11, column collectivite: \"mli-bko\": no such code in collectivites"), "{out}");
    let json = cadre(&[
        "validate",
        "--programme",
        "indicators/terress",
        "--data",
        "tests/fixtures/formats/broken.xlsx",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["problems"].as_array().unwrap().len(), 12);
    let missing = cadre(&[
        "validate",
        "--programme",
        "indicators/terress",
        "--data",
        "nowhere.xlsx",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nowhere.xlsx"));
}

#[test]
fn compute_writes_the_contract_table() {
    let o = run(&with(&["compute", "--period", "2025-Q4"]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "indicator,breakdown,category,period_value,cumulative_value,milestone,target,achievement_pct,status"
        )
    );
    let codes: std::collections::BTreeSet<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(codes.len(), 19);
    // The csv keeps canonical categories; the json carries their labels.
    assert!(out.contains("T.1,canal,reseaux_sociaux,"), "{out}");
    let json = run(&with(&[
        "compute", "--period", "2025-Q4", "--format", "json",
    ]));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let t1 = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "T.1")
        .unwrap();
    let social = t1["breakdowns"][0]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "reseaux_sociaux")
        .unwrap();
    assert_eq!(social["label"]["fr"], "Réseaux sociaux");
    // Every indicator has a value for the quarter and the project.
    for period in ["2025-Q4", "project"] {
        let o = run(&with(&[
            "compute",
            "--period",
            period,
            "--format",
            "json",
            "--today",
            "2026-11-28",
        ]));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        for ind in v["indicators"].as_array().unwrap() {
            assert!(
                ind["cumulative_value"].is_number(),
                "{period}: {} has no value",
                ind["code"]
            );
            assert!(ind["label"]["en"].is_string());
        }
    }
}

#[test]
fn compute_refuses_rejected_rows_unless_allowed() {
    let args = [
        "compute",
        "--programme",
        "indicators/terress",
        "--data",
        "tests/fixtures/formats/broken.xlsx",
        "--period",
        "2025",
    ];
    let refused = cadre(&args);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--allow-rejected"));
    let mut allowed = args.to_vec();
    allowed.push("--allow-rejected");
    let o = cadre(&allowed);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("12 lignes rejetées, 12 problèmes :"),
        "the rows left out are counted: {}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2_with_a_clear_message() {
    let bad_period = run(&with(&["compute", "--period", "2025-Q5"]));
    assert_eq!(bad_period.status.code(), Some(2));
    assert!(
        stderr(&bad_period).contains("2025-Q5"),
        "{}",
        stderr(&bad_period)
    );
    let unknown = run(&with(&[
        "explain", "A9.9", "--period", "2025-Q4", "--lang", "en",
    ]));
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no indicator `A9.9`"),
        "{}",
        stderr(&unknown)
    );
    let no_args = cadre(&["compute"]);
    assert_eq!(no_args.status.code(), Some(2));
}

#[test]
fn explain_traces_a_value_to_rows() {
    let o = run(&with(&[
        "explain", "A4.2", "--period", "2025-Q4", "--lang", "en",
    ]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("distinct values (28)"), "{out}");
    assert!(out.contains("rows counted"), "{out}");
    assert!(out.contains("cumulative: 28"), "{out}");
}

#[test]
fn check_finds_exactly_the_changed_number() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("table.csv");
    let o = run(&with(&["compute", "--period", "2025-Q4"]));
    std::fs::write(&table, &o.stdout).unwrap();
    let t = table.to_str().unwrap();
    let agree = run(&with(&["check", "--table", t, "--period", "2025-Q4"]));
    assert_eq!(
        agree.status.code(),
        Some(0),
        "{}{}",
        stdout(&agree),
        stderr(&agree)
    );

    let text = stdout(&o);
    let line = text
        .lines()
        .find(|l| l.starts_with("A3.2,,,"))
        .unwrap()
        .to_owned();
    let mut fields: Vec<String> = line.split(',').map(str::to_owned).collect();
    fields[4] = "999".into();
    std::fs::write(&table, text.replace(&line, &fields.join(","))).unwrap();
    let differ = run(&with(&[
        "check", "--table", t, "--period", "2025-Q4", "--format", "json",
    ]));
    assert_eq!(differ.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&differ.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 1, "{v:#}");
    assert_eq!(
        (
            list[0]["indicator"].as_str(),
            list[0]["field"].as_str(),
            list[0]["claimed"].as_str()
        ),
        (Some("A3.2"), Some("cumulative_value"), Some("999"))
    );
}

#[test]
fn check_reads_the_xlsx_tracking_table() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("tracking.xlsx");
    let x = xlsx.to_str().unwrap();
    let o = run(&with(&[
        "export",
        "--format",
        "xlsx",
        "-o",
        x,
        "--periods",
        "2025-Q3,2025-Q4",
        "--lang",
        "en",
    ]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let agree = run(&with(&["check", "--table", x]));
    assert_eq!(
        agree.status.code(),
        Some(0),
        "{}{}",
        stdout(&agree),
        stderr(&agree)
    );
    assert!(stdout(&agree).contains("concordent"), "{}", stdout(&agree));
}

#[test]
fn an_unknown_language_is_a_usage_error_naming_the_programme_s() {
    let o = run(&with(&["compute", "--period", "2025-Q4", "--lang", "de"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert_eq!(
        stderr(&o).trim(),
        "cadre: langue « de » inconnue de ce programme ; langues déclarées : fr, en"
    );
}

#[test]
fn messages_are_in_one_language() {
    for (lang, expected) in [
        (
            "fr",
            "cadre: période « 2027-Q9 » : un trimestre va de Q1 à Q4",
        ),
        ("en", "cadre: period `2027-Q9`: a quarter is Q1 to Q4"),
    ] {
        let o = run(&with(&["compute", "--period", "2027-Q9", "--lang", lang]));
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(stderr(&o).trim(), expected);
    }
    // explain's text: its words, the aggregate and the status in French.
    let o = run(&with(&["explain", "A3.2", "--period", "2025-Q4"]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for french in [
        "Mesure : nombre de lignes",
        "agrégat : nombre de lignes",
        "statut : à risque",
    ] {
        assert!(text.contains(french), "{french}: {text}");
    }
    for english in ["count", "at_risk", "at risk", "rows", "period:"] {
        assert!(
            !text.contains(english),
            "English `{english}` in the French explain: {text}"
        );
    }
}

#[test]
fn the_binary_makes_a_report_from_any_folder_with_its_own_template() {
    let dir = tempfile::tempdir().unwrap();
    let programme = repo().join("indicators/terress");
    let data = repo().join("examples/terress/terress.xlsx");
    // From a folder that is not the repository: paths given absolutely.
    let report = |out: &Path, template: Option<&Path>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cadre"));
        c.args(["report", "--period", "2025-Q4", "--date", "2026-01-15"])
            .arg("--output")
            .arg(out)
            .arg("--programme")
            .arg(&programme)
            .arg("--data")
            .arg(&data)
            .current_dir(dir.path());
        if let Some(t) = template {
            c.arg("--template").arg(t);
        }
        c.output().unwrap()
    };
    let out = dir.path().join("report.pdf");
    let o = report(&out, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // The default template written out, then used as a folder: same report
    // (the provenance names the template by its folder's name).
    let copy = dir.path().join("quarterly");
    let w = cadre(&["report-template", "--output", copy.to_str().unwrap()]);
    assert_eq!(w.status.code(), Some(0), "{}", stderr(&w));
    assert!(stdout(&w).contains("main.typ"), "{}", stdout(&w));
    assert!(copy.join("main.typ").is_file());
    let again = cadre(&["report-template", "--output", copy.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "never overwrites a customised template"
    );
    let out2 = dir.path().join("report2.pdf");
    let o = report(&out2, Some(&copy));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read(&out2).unwrap() == pdf,
        "same bytes from the copy"
    );
}

/// The text of a PDF, by pdftotext.
fn pdf_words(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_narrative_prints_as_text_and_what_is_missing_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let quarter = dir.path().join("2025-Q4");
    std::fs::create_dir(&quarter).unwrap();
    std::fs::write(
        quarter.join("summary.md"),
        "Un trimestre *dense* : #read(\"/etc/passwd\"), $x^2$ et <b>gras</b>.\n\n- un atelier\n- deux webinaires\n",
    )
    .unwrap();
    std::fs::write(
        quarter.join("A1.md"),
        "## Activités réalisées\n\nQuatre autodiagnostics.\n",
    )
    .unwrap();
    std::fs::write(
        quarter.join("A1.en.md"),
        "## Activities\n\nFour self-diagnoses.\n",
    )
    .unwrap();
    std::fs::write(quarter.join("A1.1.md"), "Deux collectivités ont reporté.\n").unwrap();
    std::fs::write(quarter.join("A9.md"), "une faute de frappe\n").unwrap();
    let narrative = dir.path().to_str().unwrap();
    let out = dir.path().join("r.pdf");
    let args = |lang: &str, strict: bool| {
        let mut a = with(&[
            "report",
            "--period",
            "2025-Q4",
            "--date",
            "2026-01-15",
            "--narrative",
            narrative,
            "--lang",
            lang,
            "--output",
            out.to_str().unwrap(),
        ]);
        if strict {
            a.push("--strict".into());
        }
        a
    };
    let o = run(&args("fr", false));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = pdf_words(&out);
    for printed in [
        "#read(\"/etc/passwd\"), $x^2$ et <b>gras</b>.",
        "Quatre autodiagnostics.",
        "Deux collectivités ont reporté.",
        "Pas de narratif pour cette action ce trimestre.",
    ] {
        assert!(text.contains(printed), "{printed}");
    }
    assert!(!text.contains("root:"), "a file of the machine was read");
    let warnings = stderr(&o);
    for warned in [
        "aucun narratif pour A2 (fichier A2.md)",
        "l’indicateur A3.2 est à risque et n’a pas de commentaire (fichier A3.2.md)",
        "le fichier de narratif A9.md ne nomme ni un résultat ni un indicateur",
    ] {
        assert!(warnings.contains(warned), "{warned}: {warnings}");
    }
    assert!(
        !warnings.contains("A1.1 est"),
        "A1.1 has its comment: {warnings}"
    );
    // English: A1.en.md wins over A1.md.
    let o = run(&args("en", false));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = pdf_words(&out);
    assert!(text.contains("Four self-diagnoses."));
    assert!(!text.contains("Quatre autodiagnostics."));
    // Strict: missing narrative is an error, and no report is written.
    std::fs::remove_file(&out).unwrap();
    let o = run(&args("fr", true));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("le narratif est incomplet (--strict)"));
    assert!(!out.exists());
}

#[test]
fn the_narrative_skeleton_reminds_and_keeps_what_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let o = run(&with(&[
        "narrative",
        "--period",
        "2025-Q4",
        "--output",
        folder,
    ]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("16 fichiers écrits ; 0 fichier existant gardé tel quel"));
    // deviations.md heads a section per deviation from the workplan.
    let deviations = std::fs::read_to_string(dir.path().join("2025-Q4/deviations.md")).unwrap();
    assert!(
        deviations.contains("\n## Mesurer l'impact social des politiques d'ESS\n"),
        "{deviations}"
    );
    // risks.md reminds of the risks that changed since the last report.
    let risks = std::fs::read_to_string(dir.path().join("2025-Q4/risks.md")).unwrap();
    assert!(
        risks.contains("- R1 Faible participation des collectivités aux visioconférences entre pairs\u{A0}: Impact en hausse\u{A0}: Moyen → Fort")
            && risks.contains("- R7 Hausse du coût")
            && !risks.contains("- R8 ")
            && risks.contains("\n## Depuis le dernier rapport\n"),
        "{risks}"
    );
    // finance.md heads a section per line whose variance needs a justification.
    let finance = std::fs::read_to_string(dir.path().join("2025-Q4/finance.md")).unwrap();
    assert!(
        finance.contains("\n## A1 / Expertise autodiagnostic ESS\n"),
        "{finance}"
    );
    let a3 = std::fs::read_to_string(dir.path().join("2025-Q4/A3.md")).unwrap();
    assert!(a3.contains("A3.2 Participations aux webinaires : 137 (période : 44) ; jalon : 150 ; cible : 300 ; à risque"), "{a3}");
    for heading in [
        "## Activités réalisées",
        "## Difficultés et mesures correctives",
        "## Prévisions pour le trimestre suivant",
    ] {
        assert!(a3.contains(heading), "{heading}");
    }
    // The indicators behind get a file of their own; the others do not.
    assert!(dir.path().join("2025-Q4/A3.2.md").is_file());
    assert!(!dir.path().join("2025-Q4/A3.1.md").exists());
    // An untouched skeleton is still missing narrative.
    let out = dir.path().join("r.pdf");
    let report = run(&with(&[
        "report",
        "--period",
        "2025-Q4",
        "--narrative",
        folder,
        "--output",
        out.to_str().unwrap(),
    ]));
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    assert!(stderr(&report).contains("aucun narratif pour A3 (fichier A3.md)"));
    assert!(!pdf_words(&out).contains("Activités réalisées"));
    // What the officer wrote is kept; English files are named .en.md.
    std::fs::write(dir.path().join("2025-Q4/A3.md"), "Trois webinaires.\n").unwrap();
    let again = run(&with(&[
        "narrative",
        "--period",
        "2025-Q4",
        "--lang",
        "en",
        "--output",
        folder,
    ]));
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("2025-Q4/A3.md")).unwrap(),
        "Trois webinaires.\n"
    );
    let en = std::fs::read_to_string(dir.path().join("2025-Q4/A3.en.md")).unwrap();
    assert!(en.contains("## Activities carried out"), "{en}");
    assert!(en.contains("; at risk"), "{en}");
}

#[test]
fn the_cover_carries_the_formal_details() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.pdf");
    let o = run(&with(&[
        "report",
        "--period",
        "2025-Q4",
        "--date",
        "2026-01-15",
        "--data-as-of",
        "2026-01-10",
        "--final",
        "--output",
        out.to_str().unwrap(),
    ]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = pdf_words(&out);
    for detail in [
        "Statut du rapport",
        "définitif",
        "Données extraites le",
        "10 janvier 2026",
        "Convention de subvention",
        "CEM-2024-0117",
        "Claire Dumas, Directrice générale, AIRF",
        "450 000 €",
        "Montant conventionné",
        "303 750 €",
        "Ce projet est cofinancé par le ministère",
    ] {
        assert!(text.contains(detail), "{detail}");
    }
    assert!(!text.contains("provisoire"));
    // Data extracted after the date of issue: a final report refuses it and
    // writes nothing; a provisional one says so.
    std::fs::remove_file(&out).unwrap();
    let late = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "--period",
            "2025-Q4",
            "--date",
            "2026-01-15",
            "--data-as-of",
            "2026-12-05",
            "--output",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        run(&with(&args))
    };
    let o = late(&["--final"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("rapport final : les données sont extraites le 2026-12-05, après sa date d’émission (2026-01-15)"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    let o = late(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("les données sont extraites le 2026-12-05, après la date d’émission du rapport (2026-01-15)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_earlier_table_of_several_periods_needs_its_period_named() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("suivi.xlsx");
    let o = run(&with(&[
        "export",
        "--format",
        "xlsx",
        "--periods",
        "2025-Q3,2025-Q4",
        "--output",
        book.to_str().unwrap(),
    ]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.path().join("r.pdf");
    let o = run(&with(&[
        "report",
        "--period",
        "2025-Q4",
        "--previous",
        book.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--previous-period (périodes : 2025-Q3, 2025-Q4)"),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_narrative_file_linking_out_of_its_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let quarter = dir.path().join("2025-Q4");
    std::fs::create_dir(&quarter).unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "do not print").unwrap();
    std::os::unix::fs::symlink(&secret, quarter.join("A1.md")).unwrap();
    let out = dir.path().join("r.pdf");
    let o = run(&with(&[
        "report",
        "--period",
        "2025-Q4",
        "--narrative",
        dir.path().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("n’est pas un fichier du dossier de narratif"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

/// Whatever the data file, `validate` exits 0, 1 or 2: never 101 (a panic)
/// nor 134 (an abort). The corrupt fixtures (the past crashes among them),
/// and damaged copies of each format: truncated, bytes flipped at fixed
/// places (the robustness test target runs thousands more in process).
#[test]
fn exit_codes_hold_under_any_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/fixtures/corrupt"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for name in ["small.xlsx", "small.xls", "small.ods"] {
        let bytes = std::fs::read(repo().join("tests/fixtures/formats").join(name)).unwrap();
        for (i, cut) in [bytes.len() / 3, bytes.len() - 7].into_iter().enumerate() {
            let p = dir.path().join(format!("cut{i}-{name}"));
            std::fs::write(&p, &bytes[..cut]).unwrap();
            files.push(p);
        }
        let mut flipped = bytes.clone();
        for at in (600..flipped.len()).step_by(701) {
            flipped[at] ^= 0xFF;
        }
        let p = dir.path().join(format!("flipped-{name}"));
        std::fs::write(&p, &flipped).unwrap();
        files.push(p);
    }
    for file in files {
        let out = cadre(&[
            "validate",
            "--programme",
            "indicators/terress",
            "--data",
            file.to_str().unwrap(),
        ]);
        let code = out.status.code();
        assert!(
            matches!(code, Some(0..=2)),
            "{}: exit {code:?}\n{}",
            file.display(),
            stderr(&out)
        );
    }
}

/// A large input read with stderr not a terminal (a pipe here): no progress
/// bar, nothing on stderr; `--quiet` changes nothing on stdout.
#[test]
fn no_progress_bar_off_a_terminal_and_quiet_changes_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = repo().join("tests/fixtures/formats/small_csv");
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let participations = dir.path().join("participations.csv");
    let text = std::fs::read_to_string(&participations).unwrap();
    let (header, rows) = text.split_once('\n').unwrap();
    let mut big = format!("{header}\n");
    // The binary's threshold for a bar (`LARGE_INPUT_BYTES`, 8 MiB, in its
    // `progress.rs`): an input this large would get one on a terminal.
    while (big.len() as u64) < 8 << 20 {
        big.push_str(rows);
    }
    std::fs::write(&participations, big).unwrap();
    let data = dir.path().to_str().unwrap();
    let args = [
        "compute",
        "--programme",
        "indicators/terress",
        "--data",
        data,
        "--period",
        "2025-Q4",
    ];
    let loud = cadre(&args);
    let quiet = cadre(&[&args[..], &["--quiet"]].concat());
    assert_eq!(loud.status.code(), Some(0), "{}", stderr(&loud));
    assert_eq!(stderr(&loud), "");
    assert_eq!(stderr(&quiet), "");
    assert_eq!(stdout(&loud), stdout(&quiet));
    assert!(stdout(&loud).lines().count() > 1);
}

/// Copy `from` into `to`, recursively.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The partners example validates clean as a folder of files; with the
/// registry sent twice, validation names both files and exits 1.
#[test]
fn validate_reads_the_partners_folder_and_rejects_a_key_sent_twice() {
    let ok = cadre(&[
        "validate",
        "--programme",
        "indicators/terress",
        "--data",
        "examples/terress-partners/data",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}{}", stdout(&ok), stderr(&ok));
    assert!(
        stdout(&ok).contains("Toutes les lignes sont acceptées"),
        "{}",
        stdout(&ok)
    );

    let dir = std::env::temp_dir().join(format!("cadre-partners-twice-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let data = dir.join("data");
    copy_tree(&repo().join("examples/terress-partners/data"), &data);
    std::fs::copy(
        data.join("registre/collectivites.xlsx"),
        data.join("registre/collectivites-bis.xlsx"),
    )
    .unwrap();
    let twice = cadre(&[
        "validate",
        "--programme",
        "indicators/terress",
        "--data",
        data.to_str().unwrap(),
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        twice.status.code(),
        Some(1),
        "{}{}",
        stdout(&twice),
        stderr(&twice)
    );
    let out = stdout(&twice);
    assert!(out.contains("31 lignes rejetées"), "{out}");
    assert!(
        out.contains("data/registre/collectivites.xlsx")
            && out.contains("data/registre/collectivites-bis.xlsx"),
        "{out}"
    );
}

/// The compute tests' mini programme in English only, copied into a fresh
/// folder with `edit` applied to its indicators.
fn english_only_mini(name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let src = repo().join("tests/compute/programme");
    let dir = std::env::temp_dir().join(format!("cadre-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(dir.join("indicators")).unwrap();
    let programme = std::fs::read_to_string(src.join("programme.toml")).unwrap();
    let english = programme.replace(r#"languages = ["fr", "en"]"#, r#"languages = ["en"]"#);
    assert_ne!(
        programme, english,
        "the mini programme declares its languages"
    );
    std::fs::write(dir.join("programme.toml"), english).unwrap();
    std::fs::copy(src.join("datasets.toml"), dir.join("datasets.toml")).unwrap();
    let indicators = std::fs::read_to_string(src.join("indicators/mini.toml")).unwrap();
    std::fs::write(dir.join("indicators/mini.toml"), edit(indicators)).unwrap();
    dir
}

/// An English-only programme's first error is in English, whether its
/// definitions or its data fail; a language asked for still wins.
#[test]
fn an_english_only_programme_s_errors_are_in_english() {
    let broken = english_only_mini("broken", |t| {
        t.replacen("result = \"P\"", "result = \"R9\"", 1)
    });
    let programme = broken.to_str().unwrap();
    let data = ["--data", "tests/compute/cases/mini/data"];
    let o = cadre(&[&["validate", "--programme", programme], &data[..]].concat());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("mini.toml:5: indicator N1: result `R9` is not in programme.toml"),
        "{err}"
    );
    let o = cadre(
        &[
            &["validate", "--programme", programme, "--lang", "fr"],
            &data[..],
        ]
        .concat(),
    );
    assert!(
        stderr(&o).contains("n’est pas dans programme.toml"),
        "{}",
        stderr(&o)
    );
    let sound = english_only_mini("sound", |t| t);
    let sound = sound.to_str().unwrap();
    let o = cadre(&["validate", "--programme", sound, "--data", "tests/fixtures"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("neither a workbook (xlsx, xls, ods) nor a csv file"),
        "{}",
        stderr(&o)
    );
    for dir in [programme, sound] {
        std::fs::remove_dir_all(dir).unwrap();
    }
}

/// A filter written with `DATE '…'` computes without a word on stderr
/// (polars would print a deprecation warning for the cast it reads).
#[test]
fn a_date_literal_filter_computes_silently() {
    let dir = english_only_mini("date", |t| {
        t.replacen(
            "filter = \"type = 'atelier'\"",
            "filter = \"type = 'atelier' AND date >= DATE '2024-02-01'\"",
            1,
        )
    });
    let programme = dir.to_str().unwrap();
    let o = cadre(&[
        "compute",
        "--programme",
        programme,
        "--data",
        "tests/compute/cases/mini/data",
        "--period",
        "2024",
        "--allow-rejected",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("eprecat"), "{}", stderr(&o));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_programme_year_is_a_period_of_the_command_line_and_of_the_tracking_table() {
    // Terr'ESS runs from 2024-11-01 to 2026-10-31 and declares no
    // `year_start_month`: its years start in November.
    let py1 = run(&with(&["compute", "--period", "py1"]));
    assert_eq!(py1.status.code(), Some(0), "{}", stderr(&py1));
    let dates = run(&with(&["compute", "--period", "2024-11-01..2025-10-31"]));
    assert_eq!(stdout(&py1), stdout(&dates));
    let beyond = run(&with(&["compute", "--period", "PY3", "--lang", "en"]));
    assert_eq!(beyond.status.code(), Some(2));
    assert!(
        stderr(&beyond).contains("period `PY3`: the programme has 2 programme years: PY1 to PY2"),
        "{}",
        stderr(&beyond)
    );
    // The tracking table names its sheets PY1 and PY2, and reads back.
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("years.xlsx");
    let x = xlsx.to_str().unwrap();
    let o = run(&with(&[
        "export",
        "--format",
        "xlsx",
        "-o",
        x,
        "--periods",
        "PY1,py2",
    ]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let agree = run(&with(&["check", "--table", x, "--period", "PY2"]));
    assert_eq!(
        agree.status.code(),
        Some(0),
        "{}{}",
        stdout(&agree),
        stderr(&agree)
    );
}

/// A programme with period targets: `compute` adds their two columns,
/// `explain` states the period's own target, in each language.
#[test]
fn compute_and_explain_show_a_period_target() {
    let case = "tests/compute/cases/period_targets";
    let args = |extra: &[&str]| -> Vec<String> {
        let programme = format!("{case}/programme");
        let data = format!("{case}/data");
        extra
            .iter()
            .map(|s| s.to_string())
            .chain(["--programme".into(), programme, "--data".into(), data])
            .collect()
    };
    let o = run(&args(&["compute", "--period", "2024-Q2"]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "indicator,breakdown,category,period_value,cumulative_value,milestone,target,\
             achievement_pct,status,period_target,period_achievement_pct\n"
        ),
        "{out}"
    );
    assert!(out.contains("\nPT1,,,3,4,,10,40,on_track,4,75\n"), "{out}");
    let o = run(&args(&[
        "explain", "PT1", "--period", "2024-Q2", "--lang", "en",
    ]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("period target: 4; achievement: 75 %"),
        "{}",
        stdout(&o)
    );
    let o = run(&args(&[
        "explain", "PT1", "--period", "2024-Q2", "--lang", "fr",
    ]));
    assert!(
        stdout(&o).contains("cible de la période : 4; réalisation : 75 %"),
        "{}",
        stdout(&o)
    );
}
