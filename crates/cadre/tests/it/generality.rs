//! The library is general: its code names no programme, and a second,
//! unrelated logframe (`indicators/eau/`, a rural water points programme) loads,
//! validates and computes with the same code as the flagship one.

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

#[test]
fn second_programme_validates_without_rejected_rows() {
    let (programme, data) = eau();
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
