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
//!   `corrupt/not_a_workbook.xlsx` (plain text) and `corrupt/empty.xlsx` (0 bytes).
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
    eprintln!("wrote {}", root.display());
    Ok(())
}
