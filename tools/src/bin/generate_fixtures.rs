//! Generates the small ingestion fixtures (see `tests/fixtures/README.md`).
//!
//! ```text
//! cargo run -p cadre-tools --bin generate-fixtures -- tests/fixtures
//! ```
//!
//! Writes, under the given folder:
//! - `formats/small.xlsx` and `formats/small_csv/` (one csv file per sheet): a tiny,
//!   clean Terr'ESS workbook (3 to 5 rows per sheet, one real date cell, one real
//!   date-time cell, every other date as ISO text);
//! - `formats/broken.xlsx`: the same workbook plus rows that each break one rule;
//! - `corrupt/truncated.xlsx` (the first 2000 bytes of `small.xlsx`),
//!   `corrupt/not_a_workbook.xlsx` (plain text) and `corrupt/empty.xlsx` (0 bytes);
//! - `kobo/data/kobo.xlsx`, `kobo/data/kobo_csv/` and `kobo/data/kobo.ods`: the
//!   same KoboToolbox-shaped export (group-path headers, ISO 8601 date-times
//!   with zones, yes/no answers in many spellings), every cell as text but
//!   a few 1/0 number cells.
//!
//! `formats/small.xls`, `formats/small.ods`, `corrupt/zip_bomb.xlsx` and
//! `corrupt/encrypted.xlsx` are made from these by `tests/fixtures/regenerate.sh`.
//! Output is deterministic (fixed creation date in the document properties).

#[path = "support/mod.rs"]
mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::{Cell, Output, Res, date, n, t};

fn e() -> Cell {
    Cell::Empty
}

/// One sheet: name, header, clean rows, broken rows (appended in `broken.xlsx` only).
struct Sheet {
    name: &'static str,
    headers: &'static [&'static str],
    rows: Vec<Vec<Cell>>,
    broken: Vec<Vec<Cell>>,
}

#[rustfmt::skip]
fn sheets() -> Vec<Sheet> {
    vec![
        Sheet {
            name: "collectivites",
            headers: &["code", "nom", "type", "pays", "iso3"],
            rows: vec![
                vec![t("ben-cot"), t("Ville de Cotonou"), t("commune"), t("Bénin"), t("BEN")],
                vec![t("sen-zig"), t("Département de Ziguinchor"), t("departement"), t("Sénégal"), t("SEN")],
                vec![t("mar-sms"), t("Région Souss-Massa"), t("region"), t("Maroc"), t("MAR")],
                vec![t("civ-abj"), t("District autonome d'Abidjan"), t("district"), t("Côte d'Ivoire"), t("CIV")],
                vec![t("cmr-cvuc"), t("Communes et Villes Unies du Cameroun"), t("association"), t("Cameroun"), t("CMR")],
            ],
            broken: vec![
                // row 7: duplicate of ben-cot differing only by case
                vec![t("BEN-COT"), t("Ville de Cotonou (doublon)"), t("commune"), t("Bénin"), t("BEN")],
                // row 8: bad enum `province`
                vec![t("tgo-lom"), t("Commune de Lomé"), t("province"), t("Togo"), t("TGO")],
            ],
        },
        Sheet {
            name: "evenements",
            headers: &["id", "type", "titre", "date", "lieu", "theme"],
            rows: vec![
                vec![t("VISIO-01"), t("visioconference"), t("Visioconférence de lancement"), Cell::Date(date(2024, 12, 12)), t("En ligne"), t("Lancement")],
                vec![t("WEB-01"), t("webinaire"), t("L'ESS, levier de développement territorial"), t("2025-02-13"), t("En ligne"), t("Cadres juridiques")],
                vec![t("REG-01"), t("regroupement"), t("Premier regroupement"), t("2025-04-09"), t("Cotonou, Bénin"), e()],
                vec![t("RDV-2026"), t("rendez_vous"), t("Rendez-vous de la régionalisation"), t("2026-09-16"), t("Lyon, France"), t("Régionalisation")],
            ],
            broken: vec![],
        },
        Sheet {
            name: "participations",
            headers: &["evenement", "collectivite", "nom", "genre", "age", "role", "satisfaction"],
            rows: vec![
                vec![t("VISIO-01"), t("ben-cot"), t("Florence Adjovi"), t("F"), n(41.0), t("point_focal"), e()],
                vec![t("VISIO-01"), t("sen-zig"), t("Mamadou Diop"), t("H"), e(), t("point_focal"), e()],
                vec![t("WEB-01"), e(), t("Claire Martin"), t("F"), n(35.0), t("partenaire"), n(4.0)],
                vec![t("REG-01"), t("mar-sms"), t("Youssef Alaoui"), t("H"), n(52.0), t("elu"), n(5.0)],
                vec![t("REG-01"), e(), t("Awa Sarr"), e(), n(24.0), t("jeune_entrepreneur"), n(4.0)],
            ],
            broken: vec![
                // row 7: age 7 out of range 10..110
                vec![t("VISIO-01"), t("ben-cot"), t("Koffi Agossou"), t("H"), n(7.0), t("technicien"), e()],
                // row 8: satisfaction 6 out of range 1..5
                vec![t("REG-01"), t("mar-sms"), t("Salma Bennani"), t("F"), n(38.0), t("point_focal"), n(6.0)],
                // row 9: bad enum role `observateur`
                vec![t("WEB-01"), t("ben-cot"), t("Rodrigue Dossou"), t("H"), n(45.0), t("observateur"), e()],
                // row 10: entirely empty (skipped)
                vec![e(), e(), e(), e(), e(), e(), e()],
                // row 11: reference to a missing collectivite
                vec![t("REG-01"), t("mli-bko"), t("Aminata Traoré"), t("F"), n(30.0), t("elu"), n(4.0)],
                // row 12: reference to a rejected collectivite row (tgo-lom, bad type)
                vec![t("WEB-01"), t("tgo-lom"), t("Kossi Mensah"), t("H"), n(33.0), t("technicien"), e()],
                // row 13: names the key of the rejected duplicate, which is the accepted
                // ben-cot (keys ignore case): ACCEPTED
                vec![t("WEB-01"), t("BEN-COT"), t("Gisèle Hounkpatin"), t("F"), n(29.0), t("technicien"), n(5.0)],
                // row 14: empty required `nom`
                vec![t("VISIO-01"), t("sen-zig"), e(), t("H"), n(50.0), t("technicien"), e()],
            ],
        },
        Sheet {
            name: "autodiagnostics",
            headers: &["collectivite", "date_soumission", "statut"],
            rows: vec![
                vec![t("ben-cot"), t("2025-02-10"), t("soumis")],
                vec![t("sen-zig"), t("2025-03-05"), t("brouillon")],
                vec![t("sen-zig"), t("2025-03-20"), t("soumis")],
                vec![t("ben-cot"), t("2025-04-02"), t("valide")],
            ],
            broken: vec![
                // row 6: unparseable date 31/02/2025
                vec![t("mar-sms"), t("31/02/2025"), t("soumis")],
            ],
        },
        Sheet {
            name: "dispositifs",
            headers: &["collectivite", "type", "intitule", "statut", "date_adoption"],
            rows: vec![
                vec![t("sen-zig"), t("dispositif"), t("Fonds d'appui aux coopératives féminines"), t("adopte"), t("2025-06-12")],
                vec![t("mar-sms"), t("schema_regional"), t("Schéma régional de l'ESS Souss-Massa"), t("adopte"), t("2025-09-25")],
                vec![t("civ-abj"), t("projet"), t("Label « Abidjan solidaire »"), t("en_preparation"), e()],
            ],
            broken: vec![
                // row 5: adopte without date_adoption
                vec![t("ben-cot"), t("projet"), t("Pépinière d'entreprises sociales"), t("adopte"), e()],
            ],
        },
        Sheet {
            name: "whatsapp",
            headers: &["mois", "membres", "messages"],
            rows: vec![
                vec![t("2024-11-30"), n(20.0), n(64.0)],
                vec![t("2024-12-31"), n(22.0), n(41.0)],
                vec![t("2025-01-31"), n(25.0), n(88.0)],
            ],
            broken: vec![],
        },
        Sheet {
            name: "communication",
            headers: &["date", "canal", "titre", "audience"],
            rows: vec![
                vec![t("2024-11-18"), t("site_web"), t("Lancement du programme Terr'ESS"), n(820.0)],
                vec![Cell::DateTime(date(2024, 11, 20), 14, 30), t("reseaux_sociaux"), t("Terr'ESS est lancé"), n(1450.0)],
                vec![t("2024-12-16"), t("newsletter"), t("Lettre d'information n°1"), n(310.0)],
                vec![t("2025-03-10"), t("presse"), t("Ziguinchor s'engage pour l'ESS"), e()],
            ],
            broken: vec![],
        },
        Sheet {
            name: "budget",
            headers: &["action", "ligne", "prevu"],
            rows: vec![
                vec![t("A1"), t("Expertise autodiagnostic ESS"), n(38000.0)],
                vec![t("A4"), t("Transport des participants"), n(68000.0)],
                vec![t("T"), t("Communication et site web"), n(22000.0)],
                vec![t("G"), t("Coordination du projet"), n(48000.0)],
            ],
            broken: vec![
                // row 6: negative prevu
                vec![t("A5"), t("Organisation du Rendez-vous"), n(-5000.0)],
            ],
        },
        Sheet {
            name: "depenses",
            headers: &["date", "action", "ligne", "montant", "financeur"],
            rows: vec![
                vec![t("2024-11-30"), t("G"), t("Coordination du projet"), n(2000.0), t("MEAE")],
                vec![t("2025-01-15"), t("A1"), t("Expertise autodiagnostic ESS"), n(5400.0), t("MEAE")],
                vec![t("2025-03-20"), t("A4"), t("Transport des participants"), n(3250.5), t("AIRF")],
                vec![t("2025-04-10"), t("A4"), t("Transport des participants"), n(1200.0), t("collectivites")],
                vec![t("2025-05-02"), t("A4"), t("Transport des participants"), n(-350.0), t("MEAE")],
            ],
            broken: vec![
                // row 7: ambiguous number 1,234.5
                vec![t("2025-06-01"), t("T"), t("Communication et site web"), t("1,234.5"), t("autre")],
            ],
        },
    ]
}

fn write(sheets: &[Sheet], xlsx: &Path, csv: Option<&Path>, broken: bool) -> Res<()> {
    let mut out = Output::new(Some(xlsx), csv)?;
    for s in sheets {
        out.begin_sheet(s.name, s.headers)?;
        for r in &s.rows {
            out.row(r)?;
        }
        if broken {
            for r in &s.broken {
                out.row(r)?;
            }
        }
    }
    out.finish(if broken {
        "Terr'ESS : fixture (rows breaking rules)"
    } else {
        "Terr'ESS : small fixture"
    })
}

/// A KoboToolbox export of the `kobo` test programme. Rows breaking a rule
/// are part of the export, among the clean ones (see
/// `tests/fixtures/README.md`, "kobo/").
#[rustfmt::skip]
fn kobo_sheets() -> Vec<Sheet> {
    let visit = |code: &str, commune: &str, date: &str, online: Cell, participants: f64, submitted: &str| {
        vec![
            t("2025-01-01T08:00:00.000+01:00"), t("2025-01-01T08:10:00.000+01:00"),
            t(code), t(commune), t(date), online, n(participants),
            t("RAS"), e(), n(1.0), t("uuid-"), t(submitted), t("validation_status_approved"), n(1.0),
        ]
    };
    let person = |visit: &str, genre: &str, first: Cell, satisfied: Cell, age: f64| {
        vec![t(visit), t(genre), first, satisfied, n(age), n(1.0), n(1.0)]
    };
    vec![
        Sheet {
            name: "visites",
            headers: &[
                "start", "end", "grp_visite/code", "grp_visite/grp_lieu/commune",
                "grp_visite/date_visite", "grp_visite/en_ligne", "grp_visite/grp_details/nombre",
                "grp_visite/remarque", "grp_suivi/remarque",
                "_id", "_uuid", "_submission_time", "_validation_status", "_index",
            ],
            rows: vec![
                visit("V-01", "Kandi", "2025-01-22T10:23:11.000+01:00", t("yes"), 12.0, "2025-01-22T09:30:11"),
                visit("V-02", "Parakou", "2025-03-31T23:30:00-05:00", t("no"), 8.0, "2025-04-01T04:40:00"),
                visit("V-03", "Kandi", "2025-04-01T09:00:00+03:00", t("Oui"), 5.0, "2025-04-01T06:45:00"),
                visit("V-04", "Nikki", "2025-05-10T09:00Z", t("non"), 7.0, "2025-05-10T09:20:00"),
                visit("V-05", "Parakou", "2025-06-15 14:00:00", t("TRUE"), 10.0, "2025-06-15T12:10:00"),
                // rows 7 to 9: rejected (no 30 February; hour 25; `peut-être` is no yes or no)
                visit("V-06", "Kandi", "2025-02-30T10:00:00+01:00", t("no"), 3.0, "2025-03-01T10:00:00"),
                visit("V-07", "Nikki", "2025-07-01T25:00", t("yes"), 6.0, "2025-07-01T10:00:00"),
                visit("V-08", "Kandi", "2025-07-02T08:00:00.5+02:00", t("peut-être"), 9.0, "2025-07-02T06:30:00"),
                // row 10: empty (skipped)
                vec![e(); 14],
                visit("V-09", "Parakou", "2025-08-01T10:00:00+0200", n(1.0), 4.0, "2025-08-01T08:30:00"),
                visit("V-10", "Nikki", "2025-09-30T22:00:00.000-03:00", t("0"), 6.0, "2025-10-01T01:30:00"),
            ],
            broken: vec![],
        },
        Sheet {
            name: "personnes",
            headers: &[
                "grp_personne/visite", "grp_personne/genre", "grp_personne/premiere_fois",
                "grp_personne/satisfait", "grp_personne/age", "_index", "_parent_index",
            ],
            rows: vec![
                person("V-01", "F", t("yes"), t("oui"), 30.0),
                person("V-01", "H", t("no"), e(), 45.0),
                person("V-02", "femme", n(1.0), t("non"), 28.0),
                person("V-03", "F", t("o"), t("y"), 51.0),
                // row 6: rejected (its visit V-06 is rejected)
                person("V-06", "H", t("yes"), t("yes"), 39.0),
                person("V-04", "homme", t("n"), t("vrai"), 33.0),
                person("V-09", "H", t("faux"), t("FAUX"), 40.0),
                // row 9: rejected (`parfois` is no yes or no)
                person("V-05", "F", t("parfois"), t("oui"), 27.0),
                person("V-10", "F", t("Non"), n(0.0), 22.0),
                person("V-05", "H", t("VRAI"), t("Yes"), 60.0),
            ],
            broken: vec![],
        },
    ]
}

/// Writes the KoboToolbox-shaped export as xlsx, csv files and ods.
fn write_kobo(root: &Path) -> Res<()> {
    let data = root.join("kobo/data");
    let csv_dir = data.join("kobo_csv");
    if csv_dir.exists() {
        fs::remove_dir_all(&csv_dir)?;
    }
    let mut out = Output::new(Some(&data.join("kobo.xlsx")), Some(&csv_dir))?;
    let mut ods = Output::collector();
    for sheet in kobo_sheets() {
        out.begin_sheet(sheet.name, sheet.headers)?;
        ods.begin_sheet(sheet.name, sheet.headers)?;
        for r in &sheet.rows {
            out.row(r)?;
            ods.row(r)?;
        }
    }
    out.finish("Visites : export KoboToolbox d'essai")?;
    support::write_ods(&data.join("kobo.ods"), &ods.into_sheets()?)
}

fn main() -> Res<()> {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "tests/fixtures".into()),
    );
    let formats = root.join("formats");
    let corrupt = root.join("corrupt");
    fs::create_dir_all(&formats)?;
    fs::create_dir_all(&corrupt)?;
    let sheets = sheets();
    let small = formats.join("small.xlsx");
    let csv_dir = formats.join("small_csv");
    if csv_dir.exists() {
        fs::remove_dir_all(&csv_dir)?;
    }
    write(&sheets, &small, Some(&csv_dir), false)?;
    write(&sheets, &formats.join("broken.xlsx"), None, true)?;

    let bytes = fs::read(&small)?;
    fs::write(
        corrupt.join("truncated.xlsx"),
        &bytes[..2000.min(bytes.len())],
    )?;
    fs::write(
        corrupt.join("not_a_workbook.xlsx"),
        "Ceci n'est pas un classeur : un simple fichier texte renommé en .xlsx.\n\
         code,nom\nben-cot,Ville de Cotonou\n",
    )?;
    fs::write(corrupt.join("empty.xlsx"), b"")?;
    write_kobo(&root)?;
    eprintln!("wrote {}", root.display());
    Ok(())
}
