//! The library is general: its code names no programme, and a second,
//! unrelated logframe (`indicators/eau/`, a rural water points programme) loads,
//! validates and computes with the same code as the flagship one, and so does
//! a third (`indicators/petite-enfance/`, early childhood development, shaped
//! like a real results framework of that sector).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cadre::{Engine, Period, Programme};
use chrono::NaiveDate;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Words that belong to the flagship programme's definitions, never to the code
/// that reads definitions. Compared after folding (lower case, accents removed,
/// typographic apostrophe made plain), so `Collectivité` and `TERR’ESS` count.
const PROGRAMME_WORDS: [&str; 17] = [
    "terress",
    "terr'ess",
    "collectivite",
    "evenement",
    "participation",
    "webinaire",
    "regroupement",
    "autodiagnostic",
    "whatsapp",
    "meae",
    "airf",
    "dispositif",
    "visioconference",
    "point_focal",
    "jeune_entrepreneur",
    "rendez_vous",
    "cles en main",
];

/// Words of the third example programme's definitions (`indicators/petite-enfance/`),
/// folded like [`PROGRAMME_WORDS`]: no code may name them either.
const THIRD_PROGRAMME_WORDS: [&str; 6] = [
    "petite-enfance",
    "petite_enfance",
    "grandir ensemble",
    "retard_croissance",
    "educateur",
    "frequente",
];

/// Where the library's code lives: the core crate, the runner crate, the report templates.
const CODE_DIRS: [&str; 3] = [
    "crates/cadre/src",
    "crates/cadre-report/src",
    "report_templates",
];

fn fold(s: &str) -> String {
    cadre::text::strip_accents(s)
        .to_lowercase()
        .replace('’', "'")
}

/// The programme words a line mentions.
fn mentions(line: &str) -> Vec<&'static str> {
    let folded = fold(line);
    PROGRAMME_WORDS
        .iter()
        .chain(&THIRD_PROGRAMME_WORDS)
        .copied()
        .filter(|w| folded.contains(w))
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn the_detector_sees_programme_words_in_any_spelling() {
    // Without this, a folding mistake would make the scan below pass vacuously.
    assert_eq!(mentions("/// The `Collectivité` column"), ["collectivite"]);
    assert_eq!(mentions("name = \"TERR’ESS\""), ["terr'ess"]);
    assert_eq!(mentions("let x = \"Événements\";"), ["evenement"]);
    assert!(mentions("let water = points_eau.len();").is_empty());
    assert_eq!(mentions("// Éducateur formé"), ["educateur"]);
    assert_eq!(mentions("code = \"PETITE-ENFANCE\""), ["petite-enfance"]);
}

#[test]
fn code_names_no_programme() {
    let root = repo();
    let mut found = Vec::new();
    let mut scanned = 0;
    for dir in CODE_DIRS {
        let mut files = Vec::new();
        files_under(&root.join(dir), &mut files);
        for path in files {
            // Fonts and images in the templates are not text; they name nothing.
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            scanned += 1;
            for (i, line) in text.lines().enumerate() {
                for word in mentions(line) {
                    let rel = path
                        .strip_prefix(&root)
                        .unwrap_or(&path)
                        .display()
                        .to_string();
                    found.push(format!("{rel}:{}: `{word}` in: {}", i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        scanned >= 10,
        "only {scanned} source files found under {CODE_DIRS:?}: is the repository layout as expected?"
    );
    assert!(
        found.is_empty(),
        "the library's code must not name a programme's datasets, columns or funders \
         (they belong in indicators/<programme>/); {} mention(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

fn eau() -> (Programme, cadre::Data) {
    let programme =
        Programme::load(repo().join("indicators/eau")).unwrap_or_else(|e| panic!("{e}"));
    let data = cadre::ingest(&programme, repo().join("examples/eau/eau.xlsx"))
        .unwrap_or_else(|e| panic!("{e}"));
    (programme, data)
}

fn quarter(programme: &Programme, label: &str) -> Period {
    Period::parse(
        label,
        programme.info.calendar(),
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
    )
    .unwrap()
}

/// Every row of `data` accepted, every dataset read with rows, and every
/// row read accounted for.
fn assert_every_row_accepted(programme: &Programme, data: &cadre::Data) {
    let problems: Vec<String> = data
        .report
        .problems
        .iter()
        .map(|p| p.message(cadre::Lang::En))
        .collect();
    assert!(
        data.report.is_clean(),
        "rejected rows:\n{}",
        problems.join("\n")
    );
    assert_eq!(data.report.sheets.len(), programme.datasets.len());
    for s in &data.report.sheets {
        assert!(
            s.accepted > 0,
            "sheet {} of dataset {} has no row",
            s.sheet,
            s.dataset
        );
        assert_eq!(
            s.read,
            s.accepted + s.rejected + s.skipped_empty,
            "accounting of {}",
            s.dataset
        );
    }
}

#[test]
fn second_programme_validates_without_rejected_rows() {
    let (programme, data) = eau();
    assert_every_row_accepted(&programme, &data);
    // The definitions use every kind of measure the library offers.
    let measures: BTreeSet<&str> = programme
        .indicators
        .iter()
        .map(|i| i.measure.type_name())
        .collect();
    let all = [
        "count",
        "distinct",
        "sum",
        "mean",
        "share",
        "ratio",
        "latest",
        "mean_per_group",
    ];
    assert_eq!(
        measures,
        all.into_iter().collect(),
        "measure types used by indicators/eau"
    );
    assert!(
        programme
            .indicators
            .iter()
            .any(|i| i.direction == cadre::indicator::Direction::Ceiling),
        "indicators/eau has a ceiling target"
    );
}

#[test]
fn second_programme_computes_every_indicator() {
    let (programme, data) = eau();
    let engine = Engine::new(&programme, &data);
    let rows = |name: &str| {
        data.dataset(name)
            .unwrap_or_else(|| panic!("dataset {name}"))
            .frame
            .height() as f64
    };
    for label in ["2025-Q4", "2026-Q2"] {
        let table = engine
            .compute(&quarter(&programme, label))
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(table.indicators.len(), programme.indicators.len());
        for ind in &table.indicators {
            assert!(
                ind.cumulative_value.is_some(),
                "{label}: {} has no cumulative value",
                ind.code
            );
            assert_ne!(ind.status, cadre::Status::NoData, "{label}: {}", ind.code);
            // Counts and sums split into categories that add up to the total.
            if matches!(ind.measure.as_str(), "count" | "sum") {
                for b in &ind.breakdowns {
                    let sum: f64 = b.categories.iter().filter_map(|c| c.cumulative_value).sum();
                    assert!(
                        (sum - ind.cumulative_value.unwrap()).abs() < 1e-6,
                        "{label}: {} by {}",
                        ind.code,
                        b.by
                    );
                }
            }
        }
        // The coverage ratio is the distinct count over the undated registry.
        let villages = table.get("OS.1").and_then(|i| i.cumulative_value).unwrap();
        let coverage = table.get("OS.2").and_then(|i| i.cumulative_value).unwrap();
        assert!(
            (coverage - villages / rows("villages") * 100.0).abs() < 1e-9,
            "{label}: OS.2"
        );
    }
    // The workbook is a snapshot of 30 June 2026: by then every row counts.
    let table = engine.compute(&quarter(&programme, "2026-Q2")).unwrap();
    let value = |code: &str| table.get(code).and_then(|i| i.cumulative_value).unwrap();
    assert_eq!(value("R1.1"), rows("points_eau"));
    assert_eq!(value("R2.1"), rows("controles_qualite"));
    assert_eq!(value("R3.1"), rows("formations"));
}

fn petite_enfance() -> (Programme, cadre::Data) {
    let programme =
        Programme::load(repo().join("indicators/petite-enfance")).unwrap_or_else(|e| panic!("{e}"));
    let data = cadre::ingest(
        &programme,
        repo().join("examples/petite-enfance/petite-enfance.xlsx"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (programme, data)
}

fn period(programme: &Programme, label: &str) -> Period {
    Period::parse(label, programme.info.calendar(), programme.info.end)
        .unwrap_or_else(|e| panic!("{label}: {e}"))
}

#[test]
fn third_programme_validates_without_rejected_rows() {
    let (programme, data) = petite_enfance();
    assert_every_row_accepted(&programme, &data);
    // One indicator per recipe of docs/translating-a-logframe.md.
    let measures: BTreeSet<&str> = programme
        .indicators
        .iter()
        .map(|i| i.measure.type_name())
        .collect();
    let used = ["count", "distinct", "sum", "share", "stage", "formula"];
    assert_eq!(measures, used.into_iter().collect());
    let ceilings: Vec<&str> = programme
        .indicators
        .iter()
        .filter(|i| i.direction == cadre::indicator::Direction::Ceiling)
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(ceilings, ["OS2.1", "R2.2", "R3.2"]);
}

#[test]
fn third_programme_computes_every_indicator() {
    let (programme, data) = petite_enfance();
    let engine = Engine::new(&programme, &data);
    let rows = |name: &str| data.dataset(name).expect(name).frame.height() as f64;
    for label in ["2025-Q4", "2025"] {
        let table = engine
            .compute(&period(&programme, label))
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(table.indicators.len(), programme.indicators.len());
        for ind in &table.indicators {
            assert!(
                ind.cumulative_value.is_some(),
                "{label}: {} has no value",
                ind.code
            );
            if matches!(ind.measure.as_str(), "count" | "sum") {
                for b in &ind.breakdowns {
                    let sum: f64 = b.categories.iter().filter_map(|c| c.cumulative_value).sum();
                    let total = ind.cumulative_value.unwrap();
                    assert!(
                        (sum - total).abs() < 1e-6,
                        "{label}: {} by {}",
                        ind.code,
                        b.by
                    );
                }
            }
        }
        let value = |code: &str| table.get(code).and_then(|i| i.cumulative_value).unwrap();
        // The workbook is a snapshot of 31 December 2025: by then every row counts.
        assert_eq!(value("OS1.3"), rows("inscriptions"), "{label}");
        assert_eq!(value("R3.2"), rows("incidents"), "{label}");
        // Centres operating at the end: the register less the centres closed.
        assert!(value("R1.1") < rows("centres"), "{label}");
        // The composite is its formula over its parts.
        let composite = value("OS1.3") / value("R2.1");
        assert!((value("R2.2") - composite).abs() < 1e-9, "{label}");
        // No target: never achieved, whatever the value.
        let no_target = table.get("OS1.4").unwrap();
        assert_eq!(no_target.status, cadre::Status::NoTarget, "{label}");
    }
    // New caregivers per quarter add up to the caregivers trained since the start.
    let quarters = [
        "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4",
    ];
    let mut new = 0.0;
    for q in quarters {
        let t = engine.compute(&period(&programme, q)).unwrap();
        new += t.get("R2.1").and_then(|i| i.period_value).unwrap_or(0.0);
    }
    let t = engine.compute(&period(&programme, "2025-Q4")).unwrap();
    assert_eq!(Some(new), t.get("R2.1").and_then(|i| i.cumulative_value));
}
