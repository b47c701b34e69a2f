//! Generates the Terr'ESS example monitoring workbook (see `examples/terress/README.md`).
//!
//! ```text
//! cargo run -p cadre-tools --bin generate-terress -- examples/terress/terress.xlsx
//! cargo run -p cadre-tools --bin generate-terress -- --csv /tmp/terress_csv
//! cargo run -p cadre-tools --bin generate-terress -- --partners examples/terress-partners/data
//! cargo run -p cadre-tools --release --bin generate-terress -- --participations 1000000 /tmp/big.xlsx
//! ```
//!
//! The data are fictitious but realistic, typed the way a monitoring officer types them
//! (mixed date and number formats, varying case, stray spaces, French headers, a few
//! English header aliases, empty rows, an extra column and an extra sheet), using only
//! the variations that the workbook contract (`indicators/terress/README.md`, section 1) says
//! must be accepted: the workbook validates with zero rejected rows.
//!
//! The accounts carry what a funder's financial report needs (optional beyond the
//! contract): each budget line's and expense's nature (Cerfa 15059 classes), each
//! expense's status as of the Q4 2025 report's date of issue (2026-01-15: paid up to it,
//! committed or planned after, never paid), its eligibility, contributions in kind, the
//! credit notes' original entries, and the funds received (`Versements`).
//!
//! Output is deterministic: a fixed seed, no clock, a fixed creation date in the
//! document properties. The same arguments give byte-identical files.
//!
//! `--participations N` writes a benchmark workbook instead: N participation rows,
//! events scaled to about 38 participations each; the other sheets are those of the
//! example workbook.

#[path = "support/mod.rs"]
mod support;

use std::collections::BTreeSet;
use std::path::PathBuf;

use support::{Cell, Date, Output, Res, Rng, Sheet, date, french_number, n, opt_t, t};

const SEED: u64 = 0x7E55_2024_2026;
const START: Date = date(2024, 11, 1);
const END: Date = date(2026, 10, 31);
const NBSP: &str = "\u{a0}";
const NNBSP: &str = "\u{202f}";

// ---------------------------------------------------------------------------
// The registry: 31 local authorities in 9 countries
// ---------------------------------------------------------------------------

struct Coll {
    /// Code as written in the registry (case and spaces as typed).
    code: &'static str,
    nom: &'static str,
    typ: &'static str,
    pays: &'static str,
    iso3: &'static str,
}

const fn c(
    code: &'static str,
    nom: &'static str,
    typ: &'static str,
    pays: &'static str,
    iso3: &'static str,
) -> Coll {
    Coll {
        code,
        nom,
        typ,
        pays,
        iso3,
    }
}

#[rustfmt::skip]
const COLLS: [Coll; 31] = [
    c("arm-lor", "Conseil provincial de Lori", "region", "Arménie", "ARM"),
    c("ben-acal", "Association des Communes de l'Atlantique et du Littoral (ACAL)", "association", "Bénin", "BEN"),
    c("ben-gic", "Groupement intercommunal des Collines (GIC)", "association", "Bénin", "BEN"),
    c("cmr-cen", "Conseil régional du Centre", "region", "Cameroun", "CMR"),
    c("cmr-exn", "Conseil régional de l'Extrême-Nord", "region", "Cameroun", "CMR"),
    c("cmr-lit", "Conseil régional du Littoral", "region", "Cameroun", "CMR"),
    c("cmr-nor", "Conseil régional du Nord", "region", "Cameroun", "CMR"),
    c("cmr-oue", "Conseil régional de l'Ouest", "region", "Cameroun", "CMR"),
    c("cmr-sud", "Conseil régional du Sud", "region", "Cameroun", "CMR"),
    c("CIV-ABJ", "District autonome d'Abidjan", "district", "Côte d'Ivoire", "CIV"),
    c("civ-agt", "Conseil régional de l'Agnéby-Tiassa", "region", "Côte d'Ivoire", "CIV"),
    c("civ-gon", "Conseil régional du Gontougo", "region", "Côte d'Ivoire", "CIV"),
    c("civ-kab", "Conseil régional du Kabadougou", "region", "Côte d'Ivoire", "CIV"),
    c("civ-nzi", "Conseil régional du N'Zi", "region", "Côte d'Ivoire", "CIV"),
    c("civ-ton", "Conseil régional du Tonkpi", "region", "Côte d'Ivoire", "CIV"),
    c("fra-ara", "Conseil régional Auvergne-Rhône-Alpes", "region", "France", "FRA"),
    c("fra-ges", "Conseil régional Grand Est", "region", "France", "FRA"),
    c("fra-naq", "Conseil régional Nouvelle-Aquitaine", "region", "France", "FRA"),
    c("mdg-ana", "Conseil régional d'Analanjirofo", "region", "Madagascar", "MDG"),
    c("mdg-ats", "Conseil régional d'Atsinanana", "region", "Madagascar", "MDG"),
    c("mdg-ita", "Conseil régional d'Itasy", "region", "Madagascar", "MDG"),
    c("mar-ori", "Conseil régional de l'Oriental", "region", "Maroc", "MAR"),
    c("MAR-RSK", "Conseil régional de Rabat-Salé-Kénitra", "region", "Maroc", "MAR"),
    c("MAR-SMS", "Conseil régional de Souss-Massa", "region", "Maroc", "MAR"),
    c("cog-lek", "Conseil départemental de la Lékoumou", "departement", "République du Congo", "COG"),
    c("cog-nia", "Conseil départemental du Niari", "departement", "République du Congo", "COG"),
    c("cog-san", "Conseil départemental de la Sangha", "departement", "République du Congo", "COG"),
    c(" sen-bam", "Conseil départemental de Bambey", "departement", "Sénégal", "SEN"),
    c("sen-kma", "Conseil départemental de Keur Massar", "departement", "Sénégal", "SEN"),
    c("sen-tiv", "Conseil départemental de Tivaouane", "departement", "Sénégal", "SEN"),
    c("sen-pik", "Conseil municipal de Pikine", "commune", "Sénégal", "SEN"),
];

/// Index of a registry code (compared trimmed, case-insensitive).
fn coll_idx(code: &str) -> usize {
    COLLS
        .iter()
        .position(|c| c.code.trim().eq_ignore_ascii_case(code))
        .unwrap_or_else(|| panic!("unknown code {code}"))
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

struct NamePool {
    iso3: &'static str,
    f: &'static [&'static str],
    h: &'static [&'static str],
    last: &'static [&'static str],
}

#[rustfmt::skip]
const NAMES: [NamePool; 9] = [
    NamePool {
        iso3: "BEN",
        f: &["Rachidatou", "Florence", "Bernadette", "Chimène", "Akouavi", "Gisèle", "Mariam", "Prudence"],
        h: &["Koffi", "Sèdjro", "Romuald", "Aurélien", "Codjo", "Rodrigue", "Ismaël", "Fiacre"],
        last: &["Houngbédji", "Adjovi", "Agossou", "Dossou", "Ahouansou", "Hounkpatin", "Zinsou", "Sossa", "Tossou", "Gbaguidi"],
    },
    NamePool {
        iso3: "ARM",
        f: &["Anahit", "Armine", "Lusine", "Nare", "Gayane", "Siranush", "Tatevik", "Mariam"],
        h: &["Aram", "Tigran", "Hovhannes", "Davit", "Gevorg", "Armen", "Vahe", "Karen"],
        last: &["Grigoryan", "Hakobyan", "Petrosyan", "Sargsyan", "Harutyunyan", "Avetisyan", "Khachatryan", "Mkrtchyan", "Vardanyan", "Manukyan"],
    },
    NamePool {
        iso3: "CMR",
        f: &["Brigitte", "Estelle", "Nadège", "Hortense", "Clarisse", "Mireille", "Sandrine", "Laure"],
        h: &["Jean-Paul", "Emmanuel", "Serge", "Hervé", "Achille", "Blaise", "Joseph", "Théophile"],
        last: &["Mbarga", "Nkoulou", "Fotso", "Tchakounté", "Essomba", "Kamga", "Atangana", "Njoya", "Tchoumi", "Ndongo"],
    },
    NamePool {
        iso3: "CIV",
        f: &["Aya", "Adjoua", "Akissi", "Mariam", "Clémentine", "Affoué", "Nadia", "Bintou"],
        h: &["Kouadio", "Konan", "Yao", "Kouamé", "Ibrahim", "Yacouba", "Serge", "Arsène"],
        last: &["Kouassi", "Koffi", "N'Guessan", "Coulibaly", "Bamba", "Konaté", "Soro", "Diabaté", "Aka", "Yéo"],
    },
    NamePool {
        iso3: "MDG",
        f: &["Hanitra", "Voahangy", "Lalao", "Nirina", "Fanja", "Tiana", "Haingo", "Miora"],
        h: &["Andry", "Hery", "Rivo", "Tsiry", "Mamy", "Jean-Claude", "Faly", "Toky"],
        last: &["Rakotomalala", "Randrianarisoa", "Rasoanaivo", "Andriamanana", "Razafindrakoto", "Rakotondrabe", "Ravelojaona", "Rabemananjara"],
    },
    NamePool {
        iso3: "MAR",
        f: &["Fatima Zahra", "Khadija", "Salma", "Nadia", "Meryem", "Hanane", "Samira", "Loubna"],
        h: &["Youssef", "Mohamed", "Karim", "Hicham", "Rachid", "Abdelkader", "Mehdi", "Omar"],
        last: &["El Amrani", "Benali", "Bennani", "Alaoui", "El Idrissi", "Tazi", "Berrada", "Ouahbi", "Chraibi", "Lahlou"],
    },
    NamePool {
        iso3: "COG",
        f: &["Grâce", "Merveille", "Chancelvie", "Prisca", "Nadège", "Divine", "Josiane", "Bénédicte"],
        h: &["Arsène", "Brice", "Guy-Noël", "Juvénal", "Rodrigue", "Fulbert", "Destin", "Prince"],
        last: &["Massamba", "Nkounkou", "Mabiala", "Moukoko", "Okemba", "Ngoma", "Bouanga", "Loemba", "Ibara", "Mpassi"],
    },
    NamePool {
        iso3: "SEN",
        f: &["Fatou", "Awa", "Mame Diarra", "Aïssatou", "Ndèye", "Khady", "Coumba", "Rokhaya"],
        h: &["Mamadou", "Cheikh", "Ousmane", "Ibrahima", "Moustapha", "Abdoulaye", "Pape", "Modou"],
        last: &["Diop", "Ndiaye", "Fall", "Sow", "Diallo", "Sarr", "Ba", "Mbaye", "Faye", "Gueye"],
    },
    NamePool {
        iso3: "FRA",
        f: &["Claire", "Sophie", "Isabelle", "Camille", "Nathalie", "Hélène", "Julie", "Anne"],
        h: &["Pierre", "Laurent", "Julien", "François", "Thomas", "Olivier", "Nicolas", "Éric"],
        last: &["Martin", "Durand", "Lefèvre", "Moreau", "Girard", "Rousseau", "Fontaine", "Mercier", "Bonnet", "Lambert"],
    },
];

fn name_pool(iso3: &str) -> &'static NamePool {
    NAMES.iter().find(|p| p.iso3 == iso3).expect("name pool")
}

// ---------------------------------------------------------------------------
// People and events
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Genre {
    F,
    H,
    Autre,
    Inconnu,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    PointFocal,
    Elu,
    Technicien,
    JeuneEntrepreneur,
    Partenaire,
    Autre,
}

struct Person {
    nom: String,
    genre: Genre,
    age: Option<u32>,
    role: Role,
    coll: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum EvType {
    Visio,
    Webinaire,
    Regroupement,
    RendezVous,
}

struct Event {
    id: String,
    typ: EvType,
    titre: String,
    date: Date,
    time: (u32, u32),
    lieu: Option<String>,
    theme: Option<String>,
}

struct Participation {
    event: usize,
    person: usize,
    satisfaction: Option<u32>,
    commentaire: Option<&'static str>,
}

fn make_person(
    rng: &mut Rng,
    used: &mut BTreeSet<String>,
    iso3: &str,
    role: Role,
    p_f: f64,
    ages: (i64, i64),
    coll: Option<usize>,
) -> Person {
    let pool = name_pool(iso3);
    let genre = if rng.chance(0.04) {
        Genre::Inconnu
    } else if rng.chance(p_f) {
        Genre::F
    } else {
        Genre::H
    };
    let nom = loop {
        let first = match genre {
            Genre::F => *rng.pick(pool.f),
            Genre::H => *rng.pick(pool.h),
            _ => {
                if rng.chance(0.5) {
                    *rng.pick(pool.f)
                } else {
                    *rng.pick(pool.h)
                }
            }
        };
        let last = *rng.pick(pool.last);
        // Mostly "Prénom Nom"; some typed "NOM Prénom".
        let s = if rng.chance(0.15) {
            format!("{} {}", last.to_uppercase(), first)
        } else {
            format!("{first} {last}")
        };
        if used.insert(s.to_lowercase()) {
            break s;
        }
    };
    let age = if rng.chance(0.7) {
        Some(rng.range(ages.0, ages.1) as u32)
    } else {
        None
    };
    Person {
        nom,
        genre,
        age,
        role,
        coll,
    }
}

struct People {
    list: Vec<Person>,
    /// Per collectivite: point focal, then elus, then technicians.
    point_focal: Vec<usize>,
    elus: Vec<Vec<usize>>,
    techniciens: Vec<Vec<usize>>,
    jeunes: Vec<usize>,
    partenaires: Vec<usize>,
    autres: Vec<usize>,
}

fn make_people(rng: &mut Rng) -> People {
    let mut used = BTreeSet::new();
    let mut list = Vec::new();
    let mut point_focal = Vec::new();
    let mut elus = Vec::new();
    let mut techniciens = Vec::new();
    for (i, c) in COLLS.iter().enumerate() {
        point_focal.push(list.len());
        list.push(make_person(
            rng,
            &mut used,
            c.iso3,
            Role::PointFocal,
            0.40,
            (29, 61),
            Some(i),
        ));
        let mut e = Vec::new();
        for _ in 0..2 {
            e.push(list.len());
            list.push(make_person(
                rng,
                &mut used,
                c.iso3,
                Role::Elu,
                0.30,
                (36, 72),
                Some(i),
            ));
        }
        elus.push(e);
        let mut tch = Vec::new();
        for _ in 0..2 {
            tch.push(list.len());
            list.push(make_person(
                rng,
                &mut used,
                c.iso3,
                Role::Technicien,
                0.48,
                (25, 58),
                Some(i),
            ));
        }
        techniciens.push(tch);
    }
    let countries = [
        "ARM", "BEN", "CMR", "CIV", "FRA", "MDG", "MAR", "COG", "SEN",
    ];
    let mut jeunes = Vec::new();
    for k in 0..48 {
        // Most young entrepreneurs come on their own; some are sponsored by an authority.
        let coll = if k % 5 == 0 {
            Some(rng.below(COLLS.len()))
        } else {
            None
        };
        let iso3 = coll.map_or_else(|| countries[k % countries.len()], |i| COLLS[i].iso3);
        jeunes.push(list.len());
        list.push(make_person(
            rng,
            &mut used,
            iso3,
            Role::JeuneEntrepreneur,
            0.5,
            (19, 34),
            coll,
        ));
    }
    let mut partenaires = Vec::new();
    for k in 0..18 {
        let iso3 = if k % 3 == 0 {
            "FRA"
        } else {
            countries[k % countries.len()]
        };
        partenaires.push(list.len());
        list.push(make_person(
            rng,
            &mut used,
            iso3,
            Role::Partenaire,
            0.5,
            (28, 66),
            None,
        ));
    }
    let mut autres = Vec::new();
    for k in 0..10 {
        let iso3 = if k % 2 == 0 {
            "FRA"
        } else {
            countries[(k * 2) % countries.len()]
        };
        autres.push(list.len());
        list.push(make_person(
            rng,
            &mut used,
            iso3,
            Role::Autre,
            0.45,
            (24, 70),
            None,
        ));
    }
    // Two people ticked "autre" as gender.
    list[jeunes[7]].genre = Genre::Autre;
    list[autres[3]].genre = Genre::Autre;
    People {
        list,
        point_focal,
        elus,
        techniciens,
        jeunes,
        partenaires,
        autres,
    }
}

fn ev(
    id: &str,
    typ: EvType,
    titre: &str,
    d: Date,
    time: (u32, u32),
    lieu: Option<&str>,
    theme: Option<&str>,
) -> Event {
    Event {
        id: id.to_string(),
        typ,
        titre: titre.to_string(),
        date: d,
        time,
        lieu: lieu.map(str::to_string),
        theme: theme.map(str::to_string),
    }
}

#[rustfmt::skip]
fn realistic_events() -> Vec<Event> {
    use EvType::*;
    let online = Some("En ligne (Zoom)");
    let mut v = vec![
        ev("VISIO-01", Visio, "Visioconférence de lancement du réseau Terr'ESS", date(2024, 12, 12), (10, 0), online, Some("Lancement et feuille de route")),
        ev("WEB-01", Webinaire, "L'ESS, levier de développement territorial", date(2025, 2, 13), (14, 30), online, Some("Cadres juridiques de l'ESS")),
        ev("VISIO-02", Visio, "Visioconférence n°2 : premiers retours des autodiagnostics", date(2025, 3, 20), (10, 0), None, Some("Autodiagnostic ESS")),
        ev("REG-01", Regroupement, "Premier regroupement des collectivités Terr'ESS", date(2025, 4, 9), (9, 0), Some("Rabat, Maroc"), Some("Stratégies territoriales d'ESS")),
        ev("WEB-02", Webinaire, "Financer les entreprises de l'ESS", date(2025, 6, 12), (15, 0), online, Some("Finance solidaire et microfinance")),
        ev("VISIO-03", Visio, "Visioconférence n°3 : bilan du regroupement de Rabat", date(2025, 6, 19), (10, 0), online, Some("Suivi des plans d'action")),
        ev("VISIO-04", Visio, "Visioconférence n°4 : préparation du regroupement de Bordeaux (GSEF)", date(2025, 9, 25), (10, 30), online, None),
        ev("WEB-03", Webinaire, "Économie circulaire et gestion des déchets", date(2025, 10, 9), (14, 0), online, Some("Économie circulaire")),
        ev("REG-02", Regroupement, "Deuxième regroupement des collectivités Terr'ESS, au Forum mondial de l'économie sociale (GSEF)", date(2025, 10, 29), (9, 0), Some("Bordeaux, France"), Some("Coopératives et filières locales")),
        ev("VISIO-05", Visio, "Visioconférence n°5 : feuilles de route ESS 2026", date(2025, 12, 11), (10, 0), online, Some("Planification 2026")),
        ev("WEB-04", Webinaire, "Commande publique responsable", date(2026, 2, 5), (14, 30), online, Some("Achats publics et clauses sociales")),
        ev("VISIO-06", Visio, "Visioconférence n°6 : financements de l'ESS territoriale", date(2026, 3, 19), (10, 0), online, Some("Bailleurs et fonds territoriaux")),
        ev("REG-03", Regroupement, "Troisième regroupement des collectivités Terr'ESS, au Forum des jeunes leaders de l'ESS", date(2026, 5, 20), (9, 0), Some("Dakar, Sénégal"), Some("Jeunesse et entrepreneuriat social")),
        ev("WEB-05", Webinaire, "Jeunesse et entrepreneuriat social", date(2026, 6, 11), (15, 0), online, Some("Incubation et accompagnement")),
        ev("VISIO-07", Visio, "Visioconférence n°7 : préparation du Rendez-vous de la régionalisation", date(2026, 6, 18), (10, 0), None, None),
        ev("RDV-2026", RendezVous, "Rendez-vous de la régionalisation, à l'assemblée générale de l'AIRF", date(2026, 9, 16), (9, 30), Some("Yaoundé, Cameroun"), Some("Régionalisation et économie sociale et solidaire")),
        ev("VISIO-08", Visio, "Visioconférence de clôture : bilan et perspectives", date(2026, 10, 8), (10, 0), online, Some("Capitalisation")),
        ev("WEB-06", Webinaire, "Agriculture et circuits courts", date(2026, 10, 15), (14, 0), online, Some("Systèmes alimentaires territoriaux")),
    ];
    v.sort_by_key(|e| e.date);
    v
}

/// Draw `k` distinct elements of `from` (in random order).
fn sample(rng: &mut Rng, from: &[usize], k: usize) -> Vec<usize> {
    let mut v = from.to_vec();
    rng.shuffle(&mut v);
    v.truncate(k);
    v
}

fn satisfaction(rng: &mut Rng, p_filled: f64) -> Option<u32> {
    if rng.chance(p_filled) {
        Some(1 + rng.weighted(&[1.0, 3.0, 10.0, 42.0, 44.0]) as u32)
    } else {
        None
    }
}

const COMMENTS: [&str; 7] = [
    "arrivé(e) en retard",
    "connexion instable",
    "inscrit(e) sur place",
    "intervenant(e)",
    "a quitté après la pause",
    "représente aussi l'association des élus",
    "à relancer pour la fiche contact",
];

/// The participations of the realistic workbook, event by event.
fn realistic_participations(
    rng: &mut Rng,
    people: &People,
    events: &[Event],
) -> Vec<Participation> {
    // Authorities least engaged: never send their point focal to a regroupement.
    let disengaged = [
        coll_idx("cog-san"),
        coll_idx("cmr-exn"),
        coll_idx("sen-pik"),
    ];
    let engaged: Vec<usize> = (0..COLLS.len())
        .filter(|i| !disengaged.contains(i))
        .collect();
    let mut order = engaged.clone();
    rng.shuffle(&mut order);
    // Regroupement point focal sets: union of the three is the 28 engaged authorities.
    let reg_sets: [Vec<usize>; 3] = [
        order[..22].to_vec(),
        {
            let mut s = sample(rng, &order[..22], 14);
            s.extend_from_slice(&order[22..28]);
            s
        },
        sample(rng, &order[..28], 24),
    ];
    // No young entrepreneurs at the first gathering; 15 at the second and the third.
    let reg_jeunes = [0, 15, 15];
    let visio_colls = [11, 14, 12, 15, 10, 13, 12, 14];
    let web_sizes = [52, 41, 44, 47, 50, 46];

    let all_colls: Vec<usize> = (0..COLLS.len()).collect();
    let mut out = Vec::new();
    let (mut nv, mut nw, mut nr) = (0, 0, 0);
    for (ei, e) in events.iter().enumerate() {
        let mut who: Vec<usize> = Vec::new();
        let p_sat;
        match e.typ {
            EvType::Visio => {
                p_sat = 0.05;
                let mut pool = engaged.clone();
                if nv % 3 == 0 {
                    pool.push(disengaged[nv % 2]);
                }
                for ci in sample(rng, &pool, visio_colls[nv]) {
                    if rng.chance(0.85) {
                        who.push(people.point_focal[ci]);
                        if rng.chance(0.3) {
                            who.push(people.techniciens[ci][0]);
                        }
                    } else {
                        who.push(people.techniciens[ci][rng.below(2)]);
                    }
                }
                let k = 2 + rng.below(3);
                who.extend(sample(rng, &people.partenaires, k));
                nv += 1;
            }
            EvType::Webinaire => {
                p_sat = 0.2;
                let size = web_sizes[nw];
                let n_jeunes = size * 15 / 100;
                let n_part = size * 14 / 100;
                let n_autres = size * 8 / 100;
                let n_coll = size - n_jeunes - n_part - n_autres;
                for ci in sample(rng, &all_colls, n_coll.min(31)) {
                    let r = rng.below(10);
                    who.push(if r < 3 {
                        people.point_focal[ci]
                    } else if r < 5 {
                        people.elus[ci][rng.below(2)]
                    } else {
                        people.techniciens[ci][rng.below(2)]
                    });
                }
                for _ in 31..n_coll {
                    let ci = rng.below(31);
                    let p = people.techniciens[ci][rng.below(2)];
                    if !who.contains(&p) {
                        who.push(p);
                    } else {
                        who.push(people.elus[ci][rng.below(2)]);
                    }
                }
                who.extend(sample(rng, &people.jeunes, n_jeunes));
                who.extend(sample(rng, &people.partenaires, n_part));
                who.extend(sample(rng, &people.autres, n_autres));
                nw += 1;
            }
            EvType::Regroupement => {
                p_sat = 0.85;
                let set = &reg_sets[nr];
                for &ci in set {
                    who.push(people.point_focal[ci]);
                }
                for &ci in sample(rng, set, 12).iter() {
                    who.push(people.elus[ci][rng.below(2)]);
                }
                for &ci in sample(rng, set, 8).iter() {
                    who.push(people.techniciens[ci][rng.below(2)]);
                }
                who.extend(sample(rng, &people.jeunes, reg_jeunes[nr]));
                who.extend(sample(rng, &people.partenaires, 6));
                nr += 1;
            }
            EvType::RendezVous => {
                p_sat = 0.6;
                for &ci in sample(rng, &all_colls, 25).iter() {
                    who.push(people.point_focal[ci]);
                }
                for &ci in sample(rng, &all_colls, 25).iter() {
                    who.push(people.elus[ci][rng.below(2)]);
                }
                for &ci in sample(rng, &all_colls, 15).iter() {
                    who.push(people.techniciens[ci][rng.below(2)]);
                }
                who.extend(sample(rng, &people.jeunes, 12));
                who.extend(sample(rng, &people.partenaires, 10));
                who.extend(sample(rng, &people.autres, 5));
            }
        }
        // A sign-in sheet is in no particular order.
        rng.shuffle(&mut who);
        let mut seen = BTreeSet::new();
        for p in who {
            if !seen.insert(p) {
                continue;
            }
            let commentaire = if rng.chance(0.05) {
                Some(*rng.pick(&COMMENTS))
            } else {
                None
            };
            out.push(Participation {
                event: ei,
                person: p,
                satisfaction: satisfaction(rng, p_sat),
                commentaire,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Messy renderings (only those the contract accepts)
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum DateStyle {
    Real,
    Iso,
    Fr,
    FrTime,
    RealTime,
}

fn date_cell(d: Date, style: DateStyle, time: (u32, u32)) -> Cell {
    match style {
        DateStyle::Real => Cell::Date(d),
        DateStyle::Iso => t(d.iso()),
        DateStyle::Fr => t(d.fr()),
        DateStyle::FrTime => t(format!("{} {:02}:{:02}", d.fr(), time.0, time.1)),
        DateStyle::RealTime => Cell::DateTime(d, time.0, time.1),
    }
}

/// Pick the `i`-th spelling (cyclically).
fn spell(variants: &[&str], i: usize) -> String {
    variants[i % variants.len()].to_string()
}

/// A reference to a code, typed with varying case and stray spaces.
fn code_ref(code: &str, i: usize) -> String {
    let code = code.trim();
    match i % 9 {
        3 => code.to_uppercase(),
        5 => format!("  {code} "),
        7 => {
            let mut s = String::new();
            for (k, ch) in code.chars().enumerate() {
                if k == 0 || code.as_bytes().get(k.wrapping_sub(1)) == Some(&b'-') {
                    s.extend(ch.to_uppercase());
                } else {
                    s.push(ch);
                }
            }
            format!("{s} ")
        }
        _ => code.to_lowercase(),
    }
}

/// An amount as a numeric cell or as French text with various separators.
fn amount_cell(x: f64, i: usize) -> Cell {
    let integral = (x * 100.0).round() % 100.0 == 0.0;
    match i % 12 {
        1 | 7 => {
            // `1234,5` or `5400,00`
            if integral {
                t(french_number(x, "", 2))
            } else {
                t(french_number(x, "", 2).trim_end_matches('0').to_string())
            }
        }
        3 => t(french_number(x, " ", if integral { 0 } else { 2 })), // `12 500`, `1 234,56`
        5 => t(french_number(x, NBSP, 2)),                           // `12 500,00` with U+00A0
        9 => t(french_number(x, NNBSP, if integral { 0 } else { 2 })), // U+202F
        11 => t(support::plain_number(x)),                           // `1234.5`
        _ => n(x),
    }
}

/// A non-negative integer as a numeric cell, or as text (with a thousands space if large).
fn int_cell(v: u32, i: usize) -> Cell {
    match i % 7 {
        2 => t(v.to_string()),
        5 if v >= 1000 => t(french_number(f64::from(v), " ", 0)),
        6 if v >= 1000 => t(french_number(f64::from(v), NNBSP, 0)),
        _ => n(f64::from(v)),
    }
}

fn genre_text(g: Genre, i: usize) -> Cell {
    match g {
        Genre::F => t(spell(&["F", "F", "f"], i)),
        Genre::H => t(spell(&["H", "h", "H"], i)),
        Genre::Autre => t(spell(&["autre", "Autre"], i)),
        Genre::Inconnu => Cell::Empty,
    }
}

fn role_text(r: Role, i: usize) -> String {
    match r {
        Role::PointFocal => spell(
            &["point_focal", "Point_Focal", "POINT_FOCAL", "Point_focal"],
            i,
        ),
        Role::Elu => spell(&["elu", "Élu", "élu", "ELU"], i),
        Role::Technicien => spell(&["technicien", "Technicien", "TECHNICIEN"], i),
        Role::JeuneEntrepreneur => spell(
            &[
                "jeune_entrepreneur",
                "Jeune_Entrepreneur",
                "JEUNE_ENTREPRENEUR",
            ],
            i,
        ),
        Role::Partenaire => spell(&["partenaire", "Partenaire"], i),
        Role::Autre => spell(&["autre", "Autre"], i),
    }
}

fn evtype_text(e: EvType, i: usize) -> String {
    match e {
        EvType::Visio => spell(
            &[
                "Visioconférence",
                "visioconference",
                "VISIOCONFÉRENCE",
                "Visioconference",
            ],
            i,
        ),
        EvType::Webinaire => spell(&["WEBINAIRE", "Webinaire", "webinaire"], i),
        EvType::Regroupement => spell(&["Regroupement", "REGROUPEMENT", "regroupement"], i),
        EvType::RendezVous => spell(&["Rendez_Vous", "rendez_vous"], i),
    }
}

// ---------------------------------------------------------------------------
// Sheets
// ---------------------------------------------------------------------------

fn write_notes(out: &mut Output) -> Res<()> {
    out.begin_sheet("Notes", &[])?;
    for line in [
        "Classeur de suivi-évaluation du programme Terr'ESS (1er novembre 2024 – 31 octobre 2026)",
        "",
        "Onglets : Collectivités (registre), Évènements, Participations, AUTO-diagnostics, Dispositifs, WhatsApp, communication, Budget, Dépenses.",
        "Dates : saisir de préférence au format JJ/MM/AAAA. Montants en euros.",
        "Participations : une ligne par personne et par évènement ; laisser « Collectivité » vide pour les partenaires et jeunes entrepreneurs venus à titre personnel.",
        "Genre : F, H, autre, ou vide si non renseigné. Satisfaction : note de 1 à 5 (fiche d'évaluation).",
        "Ne pas modifier les codes des collectivités (colonne Code).",
        "Données fictives générées pour l'exemple (cargo run -p cadre-tools --bin generate-terress).",
    ] {
        out.row(&[opt_t(if line.is_empty() { None } else { Some(line) })])?;
    }
    Ok(())
}

fn write_collectivites(out: &mut Output) -> Res<()> {
    // `country` is an English alias of `pays`.
    out.begin_sheet("Collectivités", &["Code", "Nom", "Type", "country", "ISO3"])?;
    for (i, c) in COLLS.iter().enumerate() {
        if i == 18 {
            out.empty_row(5)?;
        }
        let typ = match c.typ {
            "region" => spell(&["region", "Région", "REGION"], i),
            "departement" => spell(&["Département", "departement"], i),
            "district" => spell(&["District", "district"], i),
            "commune" => spell(&["commune", "Commune"], i),
            _ => spell(&["association", "Association"], i),
        };
        out.row(&[t(c.code), t(c.nom), t(typ), t(c.pays), t(c.iso3)])?;
    }
    Ok(())
}

#[rustfmt::skip]
const EVENT_DATE_STYLES: [DateStyle; 6] =
    [DateStyle::FrTime, DateStyle::Iso, DateStyle::Real, DateStyle::Fr, DateStyle::RealTime, DateStyle::Real];

/// Where an event stands in the workplan, as of the workbook's extraction:
/// every event of the programme was held; the Economie circulaire webinar,
/// first planned for 18 September 2025, was held late (9 October).
fn held_status(e: &Event, i: usize) -> (String, Option<Date>) {
    let planned = (e.id == "WEB-03").then_some(date(2025, 9, 18));
    (spell(&["tenu", "Tenu", "tenu", "TENU"], i), planned)
}

/// The events planned and never held, appended by the officer at the end
/// of the sheet (so the held events keep their rows): a webinar first
/// planned for 20 November 2025 and postponed to 29 January 2026 (still to
/// be held), and a video conference of 13 November 2025, cancelled.
#[rustfmt::skip]
fn unrealised_events() -> Vec<(Event, &'static str, Option<Date>)> {
    use EvType::*;
    let online = Some("En ligne (Zoom)");
    vec![
        (ev("WEB-07", Webinaire, "Mesurer l'impact social des politiques d'ESS", date(2026, 1, 29), (14, 30), online, Some("Évaluation et indicateurs")), "Reporté", Some(date(2025, 11, 20))),
        (ev("VISIO-09", Visio, "Visioconférence thématique : outils numériques de l'ESS", date(2025, 11, 13), (10, 0), online, None), "annule", None),
    ]
}

fn write_evenements(out: &mut Output, events: &[Event], workplan: bool) -> Res<()> {
    // `place` is an English alias of `lieu`. The workplan's columns (status
    // and date first planned) come last, as added to an existing sheet.
    let mut headers = vec!["ID", "Type", "Titre", "DATE", "place", "Thème"];
    if workplan {
        headers.extend(["Statut", "Date prévue"]);
    }
    out.begin_sheet("Évènements", &headers)?;
    let extra = if workplan {
        unrealised_events()
    } else {
        Vec::new()
    };
    let held = events.iter().enumerate().map(|(i, e)| {
        let (status, planned) = held_status(e, i);
        (e, status, planned)
    });
    let others = extra.iter().map(|(e, s, p)| (e, s.to_string(), *p));
    for (i, (e, status, planned)) in held.chain(others).enumerate() {
        let mut row = vec![
            t(e.id.clone()),
            t(evtype_text(e.typ, i)),
            t(e.titre.clone()),
            date_cell(
                e.date,
                EVENT_DATE_STYLES[i % EVENT_DATE_STYLES.len()],
                e.time,
            ),
            opt_t(e.lieu.as_deref()),
            opt_t(e.theme.as_deref()),
        ];
        if workplan {
            row.push(t(status));
            row.push(planned.map_or(Cell::Empty, |d| date_cell(d, DateStyle::Fr, (0, 0))));
        }
        out.row(&row)?;
    }
    Ok(())
}

const PARTICIPATION_HEADERS: [&str; 8] = [
    "Événement",
    "Collectivité",
    "Nom",
    "gender",
    "Âge",
    "Rôle",
    "Satisfaction",
    "commentaire",
];

fn participation_row(
    i: usize,
    event_id: &str,
    p: &Person,
    sat: Option<u32>,
    comment: Option<&str>,
) -> Vec<Cell> {
    vec![
        t(code_ref(event_id, i + 2)),
        p.coll
            .map_or(Cell::Empty, |ci| t(code_ref(COLLS[ci].code, i))),
        t(p.nom.clone()),
        genre_text(p.genre, i),
        p.age.map_or(Cell::Empty, |a| int_cell(a, i)),
        t(role_text(p.role, i)),
        sat.map_or(Cell::Empty, |s| {
            if i % 11 == 4 {
                t(s.to_string())
            } else {
                n(f64::from(s))
            }
        }),
        opt_t(comment),
    ]
}

fn write_participations(
    out: &mut Output,
    events: &[Event],
    people: &People,
    parts: &[Participation],
) -> Res<()> {
    out.begin_sheet("Participations", &PARTICIPATION_HEADERS)?;
    for (i, p) in parts.iter().enumerate() {
        if i == 150 || i == 420 {
            out.empty_row(PARTICIPATION_HEADERS.len())?;
        }
        let person = &people.list[p.person];
        out.row(&participation_row(
            i,
            &events[p.event].id,
            person,
            p.satisfaction,
            p.commentaire,
        ))?;
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Statut {
    Brouillon,
    Soumis,
    Valide,
}

struct Autodiag {
    coll: usize,
    date: Date,
    statut: Statut,
}

fn realistic_autodiagnostics(rng: &mut Rng) -> Vec<Autodiag> {
    let never = [coll_idx("cog-san"), coll_idx("cmr-exn")];
    let late = [coll_idx("sen-pik"), coll_idx("mdg-ita")];
    let mut rest: Vec<usize> = (0..COLLS.len())
        .filter(|i| !never.contains(i) && !late.contains(i))
        .collect();
    rng.shuffle(&mut rest);
    let mut v = Vec::new();
    let day = |rng: &mut Rng, from: Date, to: Date| {
        from.add(rng.range(0, to.days() - from.days()))
            .working_day()
    };
    // 16 authorities submit in Q1 2025, 11 more in Q2.
    for (k, &ci) in rest.iter().enumerate() {
        let q1 = k < 16;
        let sub = if q1 {
            day(rng, date(2025, 1, 27), date(2025, 3, 28))
        } else {
            day(rng, date(2025, 4, 1), date(2025, 6, 25))
        };
        if k % 4 == 1 {
            // Started as a draft a few weeks earlier.
            v.push(Autodiag {
                coll: ci,
                date: sub.add(-(rng.range(12, 30))),
                statut: Statut::Brouillon,
            });
        }
        v.push(Autodiag {
            coll: ci,
            date: sub,
            statut: Statut::Soumis,
        });
        if k % 9 == 4 {
            // Resubmitted after corrections.
            v.push(Autodiag {
                coll: ci,
                date: sub.add(rng.range(7, 20)).working_day(),
                statut: Statut::Soumis,
            });
        }
        // Validation by the programme team: 16 by end of June 2025, 3 more in the autumn.
        let valid = if q1 && k < 9 {
            Some(
                sub.add(rng.range(20, 60))
                    .min(date(2025, 6, 27))
                    .working_day(),
            )
        } else if !q1 && k < 23 {
            Some(
                date(2025, 6, 30)
                    .min(sub.add(rng.range(5, 20)))
                    .working_day()
                    .min(date(2025, 6, 30)),
            )
        } else if k == 10 || k == 11 || k == 25 {
            Some(day(rng, date(2025, 9, 1), date(2025, 11, 28)))
        } else {
            None
        };
        if let Some(d) = valid {
            v.push(Autodiag {
                coll: ci,
                date: d,
                statut: Statut::Valide,
            });
        }
    }
    // Late submitters (second half of 2025); one validated.
    v.push(Autodiag {
        coll: late[0],
        date: date(2025, 9, 12),
        statut: Statut::Soumis,
    });
    v.push(Autodiag {
        coll: late[1],
        date: date(2025, 5, 6),
        statut: Statut::Brouillon,
    });
    v.push(Autodiag {
        coll: late[1],
        date: date(2025, 11, 18),
        statut: Statut::Soumis,
    });
    v.push(Autodiag {
        coll: late[1],
        date: date(2025, 12, 9),
        statut: Statut::Valide,
    });
    // Drafts never submitted.
    v.push(Autodiag {
        coll: never[0],
        date: date(2025, 5, 12),
        statut: Statut::Brouillon,
    });
    v.push(Autodiag {
        coll: never[1],
        date: date(2025, 3, 3),
        statut: Statut::Brouillon,
    });
    v.push(Autodiag {
        coll: never[1],
        date: date(2025, 6, 20),
        statut: Statut::Brouillon,
    });
    v.sort_by_key(|a| (a.date, a.coll));
    v
}

fn write_autodiagnostics(out: &mut Output, rows: &[Autodiag]) -> Res<()> {
    // `Date de soumission` is the alias Terr'ESS declares for `date_soumission`.
    out.begin_sheet(
        "AUTO-diagnostics",
        &["Collectivité", "Date de soumission", "Statut"],
    )?;
    let styles = [
        DateStyle::Real,
        DateStyle::Fr,
        DateStyle::Iso,
        DateStyle::Real,
        DateStyle::FrTime,
        DateStyle::RealTime,
    ];
    for (i, a) in rows.iter().enumerate() {
        let statut = match a.statut {
            Statut::Brouillon => spell(&["brouillon", "Brouillon"], i),
            Statut::Soumis => spell(&["soumis", "Soumis", "SOUMIS"], i),
            Statut::Valide => spell(&["valide", "Validé", "VALIDE", "validé"], i),
        };
        let time = (9 + (i % 8) as u32, [0, 15, 30, 45][i % 4]);
        out.row(&[
            t(code_ref(COLLS[a.coll].code, i + 1)),
            date_cell(a.date, styles[i % styles.len()], time),
            t(statut),
        ])?;
    }
    Ok(())
}

struct Dispositif {
    coll: &'static str,
    typ: &'static str,
    intitule: &'static str,
    adoption: Option<Date>,
}

const fn dsp(
    coll: &'static str,
    typ: &'static str,
    intitule: &'static str,
    adoption: Option<Date>,
) -> Dispositif {
    Dispositif {
        coll,
        typ,
        intitule,
        adoption,
    }
}

#[rustfmt::skip]
const DISPOSITIFS: [Dispositif; 13] = [
    dsp("sen-tiv", "dispositif", "Fonds d'appui aux coopératives féminines de Tivaouane", Some(date(2025, 6, 12))),
    dsp("MAR-SMS", "schema_regional", "Schéma régional de l'économie sociale et solidaire Souss-Massa 2025-2030", Some(date(2025, 9, 25))),
    dsp("ben-acal", "projet", "Pépinière d'entreprises sociales de l'Atlantique et du Littoral", Some(date(2025, 10, 28))),
    dsp("cmr-oue", "schema_regional", "Stratégie régionale de promotion de l'ESS de l'Ouest", Some(date(2025, 12, 18))),
    dsp("civ-gon", "dispositif", "Guichet unique d'accompagnement des coopératives agricoles du Gontougo", None),
    dsp("mdg-ats", "dispositif", "Fonds territorial ESS Atsinanana", Some(date(2026, 2, 20))),
    dsp("sen-pik", "projet", "Marché réservé aux structures de l'ESS pour la collecte des déchets", Some(date(2026, 4, 15))),
    dsp("cmr-lit", "schema_regional", "Schéma régional de développement de l'ESS du Littoral", None),
    dsp("sen-tiv", "projet", "Incubateur de jeunes entrepreneurs sociaux de Tivaouane", Some(date(2026, 7, 8))),
    dsp("mar-ori", "dispositif", "Programme régional d'appui aux coopératives de l'Oriental", Some(date(2026, 6, 30))),
    dsp("cog-nia", "projet", "Unités de transformation agroalimentaire en coopérative", None),
    dsp("CIV-ABJ", "dispositif", "Label « Abidjan solidaire » pour les entreprises de l'ESS", Some(date(2026, 9, 10))),
    dsp("ben-gic", "projet", "Circuits courts et marchés paysans des Collines", None),
];

fn write_dispositifs(out: &mut Output) -> Res<()> {
    // `Date d’adoption` (typographic apostrophe) is the alias Terr'ESS declares for `date_adoption`.
    out.begin_sheet(
        "Dispositifs",
        &[
            "Collectivité",
            "Type",
            "Intitulé",
            "Statut",
            "Date d’adoption",
        ],
    )?;
    let styles = [DateStyle::Real, DateStyle::Fr, DateStyle::Iso];
    for (i, d) in DISPOSITIFS.iter().enumerate() {
        let typ = match d.typ {
            "schema_regional" => spell(
                &["schema_regional", "Schéma_Régional", "SCHEMA_REGIONAL"],
                i,
            ),
            "dispositif" => spell(&["dispositif", "Dispositif"], i),
            _ => spell(&["projet", "Projet"], i),
        };
        let (statut, date) = match d.adoption {
            Some(a) => (
                spell(&["adopte", "Adopté", "ADOPTÉ"], i),
                date_cell(a, styles[i % 3], (0, 0)),
            ),
            None => (
                spell(&["en_preparation", "En_Préparation", "EN_PREPARATION"], i),
                Cell::Empty,
            ),
        };
        out.row(&[
            t(code_ref(d.coll, i + 4)),
            t(typ),
            t(d.intitule),
            t(statut),
            date,
        ])?;
    }
    Ok(())
}

#[rustfmt::skip]
const WHATSAPP: [(u32, u32); 24] = [
    (20, 64), (22, 41), (25, 88), (28, 132), (31, 97), (35, 214), (36, 120), (38, 105),
    (39, 52), (40, 71), (42, 118), (47, 236), (49, 140), (51, 83), (52, 99), (54, 126),
    (55, 131), (57, 162), (61, 248), (62, 137), (63, 74), (64, 92), (69, 305), (70, 188),
];

fn write_whatsapp(out: &mut Output) -> Res<()> {
    out.begin_sheet("WhatsApp", &["Mois", "Membres", "Messages"])?;
    for (i, (membres, messages)) in WHATSAPP.iter().enumerate() {
        let (y, m) = (2024 + ((10 + i) / 12) as i32, ((10 + i) % 12 + 1) as u32);
        let first = date(y, m, 1);
        // Snapshot dated the 1st, the 15th or the last day of the month, typed in various ways.
        let cell = match i % 6 {
            0 => Cell::Date(first),
            1 => t(first.month_end().iso()),
            2 => t(date(y, m, 15).fr()),
            3 => t(first.fr()),
            4 => t(format!("{} 18:00", first.month_end().fr())),
            _ => Cell::Date(first.month_end()),
        };
        out.row(&[cell, int_cell(*membres, i), int_cell(*messages, i + 3)])?;
    }
    Ok(())
}

#[rustfmt::skip]
const COMMUNICATION: [(Date, &str, &str, Option<u32>); 30] = [
    (date(2024, 11, 18), "site_web", "Lancement du programme Terr'ESS", Some(820)),
    (date(2024, 11, 20), "reseaux_sociaux", "Terr'ESS est lancé : 31 collectivités, 9 pays", Some(1450)),
    (date(2024, 12, 16), "newsletter", "Lettre d'information Terr'ESS n°1", Some(310)),
    (date(2025, 1, 22), "site_web", "Autodiagnostic ESS : le questionnaire est en ligne", Some(540)),
    (date(2025, 2, 17), "reseaux_sociaux", "Retour sur le webinaire « L'ESS, levier de développement territorial »", Some(980)),
    (date(2025, 3, 10), "presse", "Tivaouane s'engage pour l'économie sociale et solidaire (presse locale)", None),
    (date(2025, 3, 28), "newsletter", "Lettre d'information n°2", Some(335)),
    (date(2025, 4, 11), "reseaux_sociaux", "Regroupement de Rabat : les temps forts", Some(1800)),
    (date(2025, 4, 15), "site_web", "Regroupement de Rabat : synthèse des travaux", Some(690)),
    (date(2025, 4, 18), "presse", "Reportage radio sur le regroupement de Rabat", None),
    (date(2025, 6, 16), "reseaux_sociaux", "Webinaire « Financer les entreprises de l'ESS » : le replay", Some(760)),
    (date(2025, 6, 30), "newsletter", "Lettre d'information n°3", Some(348)),
    (date(2025, 7, 15), "site_web", "Autodiagnostics : 27 collectivités ont répondu", Some(410)),
    (date(2025, 9, 8), "reseaux_sociaux", "Appel à témoignages : jeunes entrepreneurs de l'ESS", Some(530)),
    (date(2025, 10, 30), "reseaux_sociaux", "Regroupement de Bordeaux au GSEF : retour en images", Some(1870)),
    (date(2025, 11, 3), "presse", "Au Forum mondial de l'économie sociale de Bordeaux, le deuxième regroupement Terr'ESS", None),
    (date(2025, 11, 5), "site_web", "Regroupement de Bordeaux : synthèse", Some(620)),
    (date(2025, 12, 15), "newsletter", "Lettre d'information n°4", Some(362)),
    (date(2026, 1, 20), "site_web", "Bilan 2025 du programme Terr'ESS", Some(480)),
    (date(2026, 2, 9), "reseaux_sociaux", "Commande publique responsable : le replay du webinaire", Some(690)),
    (date(2026, 3, 25), "newsletter", "Lettre d'information n°5", Some(371)),
    (date(2026, 4, 20), "presse", "Tribune : la régionalisation au service de l'ESS", None),
    (date(2026, 5, 22), "reseaux_sociaux", "Dakar : troisième regroupement Terr'ESS au Forum des jeunes leaders de l'ESS", Some(1650)),
    (date(2026, 5, 27), "site_web", "Regroupement de Dakar : synthèse", Some(560)),
    (date(2026, 6, 29), "newsletter", "Lettre d'information n°6", Some(380)),
    (date(2026, 7, 28), "site_web", "Rendez-vous de la régionalisation : programme et inscriptions", Some(730)),
    (date(2026, 9, 17), "reseaux_sociaux", "Rendez-vous de la régionalisation : suivez-nous en direct", Some(1900)),
    (date(2026, 9, 21), "presse", "Yaoundé : à l'assemblée générale de l'AIRF, les régions francophones misent sur l'ESS", None),
    (date(2026, 10, 5), "site_web", "Capitalisation : le recueil des pratiques ESS est publié", Some(650)),
    (date(2026, 10, 26), "newsletter", "Lettre d'information n°7 : bilan du programme", Some(402)),
];

fn write_communication(out: &mut Output) -> Res<()> {
    out.begin_sheet("communication", &["Date", "Canal", "Titre", "Audience"])?;
    let styles = [
        DateStyle::Real,
        DateStyle::Fr,
        DateStyle::Iso,
        DateStyle::RealTime,
        DateStyle::FrTime,
    ];
    for (i, (d, canal, titre, audience)) in COMMUNICATION.iter().enumerate() {
        if i == 20 {
            out.empty_row(4)?;
        }
        let canal = match *canal {
            "site_web" => spell(&["site_web", "Site_Web", "SITE_WEB"], i),
            "reseaux_sociaux" => spell(
                &[
                    "reseaux_sociaux",
                    "RESEAUX_SOCIAUX",
                    "réseaux_sociaux",
                    "Réseaux_Sociaux",
                ],
                i,
            ),
            "presse" => spell(&["Presse", "presse"], i),
            _ => spell(&["newsletter", "Newsletter", "NEWSLETTER"], i),
        };
        let aud = audience.map_or(Cell::Empty, |a| match i % 5 {
            1 => t(french_number(f64::from(a), " ", 0)),
            3 => t(french_number(f64::from(a), NNBSP, 0)),
            4 => t(french_number(f64::from(a), NBSP, 0)),
            _ => n(f64::from(a)),
        });
        let time = (11 + (i % 6) as u32, 0);
        out.row(&[
            date_cell(*d, styles[i % styles.len()], time),
            t(canal),
            t(*titre),
            aud,
        ])?;
    }
    Ok(())
}

struct BudgetLine {
    action: &'static str,
    ligne: &'static str,
    prevu: f64,
    /// Its nature: a class of the French chart of accounts, as the Cerfa 15059
    /// budget lays charges out (60 to 68, 86 for contributions in kind).
    nature: &'static str,
}

const fn bl(
    action: &'static str,
    ligne: &'static str,
    prevu: f64,
    nature: &'static str,
) -> BudgetLine {
    BudgetLine {
        action,
        ligne,
        prevu,
        nature,
    }
}

/// The budget line of the contributions in kind (rooms and staff the partner
/// authorities provide at the gatherings): valued, never paid in cash.
const IN_KIND_LINE: usize = 16;

#[rustfmt::skip]
const BUDGET: [BudgetLine; 17] = [
    bl("A1", "Expertise autodiagnostic ESS", 38_000.0, "62"),
    bl("A1", "Accompagnement des collectivités", 27_500.0, "62"),
    bl("A2", "Animation des visioconférences", 18_000.0, "62"),
    bl("A2", "Coordination du réseau et groupe WhatsApp", 12_000.0, "64"),
    bl("A3", "Intervenants des webinaires", 21_000.0, "62"),
    bl("A3", "Plateforme de visioconférence et interprétariat", 9_500.0, "61"),
    bl("A4", "Transport des participants", 68_000.0, "62"),
    bl("A4", "Hébergement et restauration", 52_000.0, "62"),
    bl("A4", "Logistique et location de salles", 24_000.0, "61"),
    bl("A5", "Organisation du Rendez-vous de la régionalisation", 45_000.0, "60"),
    bl("A5", "Prise en charge des délégations", 30_000.0, "62"),
    bl("T", "Communication et site web", 22_000.0, "62"),
    bl("T", "Capitalisation et publications", 16_000.0, "60"),
    bl("G", "Coordination du projet (personnel)", 48_000.0, "64"),
    bl("G", "Suivi-évaluation", 12_000.0, "62"),
    bl("G", "Frais de gestion", 7_000.0, "65"),
    bl("A4", "Salles et personnel mis à disposition par les collectivités", 20_000.0, "86"),
];

/// A nature as typed: mostly a number cell (what a spreadsheet makes of `62`),
/// sometimes text, sometimes with its label after a dash (a `value_aliases`
/// spelling of `datasets.toml`).
fn nature_cell(nature: &str, i: usize) -> Cell {
    let label = match nature {
        "60" => "60 - Achats",
        "61" => "61 - Services extérieurs",
        "62" => "62 - Autres services extérieurs",
        "64" => "64 - Personnel",
        "65" => "65 - Autres charges de gestion courante",
        "67" => "67 - Charges exceptionnelles",
        "86" => "86 - Contributions en nature",
        _ => nature,
    };
    match i % 10 {
        3 => t(label),
        7 => t(nature),
        _ => nature.parse().map_or_else(|_| t(nature), n),
    }
}

fn action_text(a: &str, i: usize) -> String {
    if i % 4 == 3 {
        a.to_lowercase()
    } else if i % 13 == 6 {
        format!(" {a} ")
    } else {
        a.to_string()
    }
}

fn write_budget(out: &mut Output) -> Res<()> {
    out.begin_sheet("Budget", &["Action", "Ligne", "Prévu", "Nature"])?;
    for (i, b) in BUDGET.iter().enumerate() {
        let prevu = match i {
            1 => t(french_number(b.prevu, " ", 0)),   // `27 500`
            6 => t(french_number(b.prevu, NBSP, 2)),  // `68 000,00` (U+00A0)
            7 => t(french_number(b.prevu, NNBSP, 0)), // `52 000` (U+202F)
            5 => t(support::plain_number(b.prevu)),   // `9500`
            13 => t(french_number(b.prevu, "", 2)),   // `48000,00`
            _ => n(b.prevu),
        };
        out.row(&[
            t(action_text(b.action, i)),
            t(b.ligne),
            prevu,
            nature_cell(b.nature, i),
        ])?;
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Financeur {
    Meae,
    Airf,
    Collectivites,
    Autre,
}

struct Depense {
    date: Date,
    line: usize,
    montant: f64,
    financeur: Financeur,
    libelle: String,
    /// Literal text for a correction row (`-1 180`), instead of a generated rendering.
    text: Option<&'static str>,
    /// Its nature (most often its budget line's).
    nature: &'static str,
    /// Whether the funders accept it (bank charges and fines are not).
    eligible: bool,
}

/// The Q4 2025 report's date of issue: the ledger is as of that day (see
/// `examples/terress/narrative/README.md`). Rows up to it are paid.
const ISSUE: Date = date(2026, 1, 15);

/// Rows after the date of issue up to this day are committed (orders placed,
/// contracts signed); later rows are the workplan's planned spending.
const COMMITTED_UNTIL: Date = date(2026, 4, 30);

/// Where an expense stands on the date of issue.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Paiement {
    Payee,
    Engagee,
    Prevue,
}

impl Depense {
    /// Paid up to the date of issue, never after: committed for the next
    /// quarter or so, planned beyond.
    fn paiement(&self) -> Paiement {
        if self.date <= ISSUE {
            Paiement::Payee
        } else if self.date <= COMMITTED_UNTIL {
            Paiement::Engagee
        } else {
            Paiement::Prevue
        }
    }

    /// Whether it counts as spent on the date of issue: paid, eligible, in cash.
    fn spent(&self) -> bool {
        self.paiement() == Paiement::Payee && self.eligible && self.nature != "86"
    }
}

/// Split `total` over `dates` with random weights; cents, last part balances.
fn spread(rng: &mut Rng, total: f64, dates: &[Date]) -> Vec<(Date, f64)> {
    let w: Vec<f64> = dates.iter().map(|_| 0.7 + 0.6 * rng.f64()).collect();
    let sum: f64 = w.iter().sum();
    let mut out = Vec::new();
    let mut left = (total * 100.0).round();
    for (k, d) in dates.iter().enumerate() {
        let cents = if k + 1 == dates.len() {
            left
        } else {
            let mut c = (total * w[k] / sum * 100.0).round();
            // Invoices are often in whole euros, sometimes in tens.
            match rng.below(3) {
                0 => c = (c / 100.0).round() * 100.0,
                1 => c = (c / 1000.0).round() * 1000.0,
                _ => {}
            }
            c
        };
        left -= cents;
        out.push((*d, cents / 100.0));
    }
    out
}

fn realistic_depenses(rng: &mut Rng, events: &[Event]) -> Vec<Depense> {
    let of = |typ: EvType| -> Vec<Date> {
        events
            .iter()
            .filter(|e| e.typ == typ)
            .map(|e| e.date)
            .collect()
    };
    let (visios, webs, regs) = (
        of(EvType::Visio),
        of(EvType::Webinaire),
        of(EvType::Regroupement),
    );
    let rdv = of(EvType::RendezVous)[0];
    let months = |from: Date, count: usize, day: u32| -> Vec<Date> {
        (0..count)
            .map(|k| {
                let m0 = from.m as usize - 1 + k;
                let d = date(from.y + (m0 / 12) as i32, (m0 % 12) as u32 + 1, 1);
                if day == 0 {
                    d.month_end()
                } else {
                    date(d.y, d.m, day)
                }
            })
            .collect()
    };
    let jitter = |rng: &mut Rng, ds: &[Date], lo: i64, hi: i64, times: usize| -> Vec<Date> {
        let mut v = Vec::new();
        for d in ds {
            for _ in 0..times {
                v.push(d.add(rng.range(lo, hi)).working_day());
            }
        }
        v
    };
    let mut plan: Vec<(usize, f64, Vec<Date>, &str)> = Vec::new();
    let mut e1 = months(date(2025, 1, 1), 7, 15);
    e1.push(date(2025, 12, 10));
    plan.push((0, 1.0, e1, "Facture expertise autodiagnostic"));
    plan.push((
        1,
        0.9,
        vec![
            date(2025, 4, 25),
            date(2025, 6, 20),
            date(2025, 8, 28),
            date(2025, 10, 24),
            date(2025, 12, 12),
            date(2026, 2, 20),
            date(2026, 4, 24),
            date(2026, 6, 26),
            date(2026, 9, 18),
        ],
        "Mission d'accompagnement",
    ));
    plan.push((
        2,
        0.95,
        jitter(rng, &visios, 3, 10, 1),
        "Animation visioconférence",
    ));
    plan.push((
        3,
        1.0,
        vec![
            date(2025, 1, 31),
            date(2025, 4, 30),
            date(2025, 7, 31),
            date(2025, 10, 31),
            date(2026, 1, 30),
            date(2026, 4, 30),
            date(2026, 7, 31),
            date(2026, 10, 30),
        ],
        "Coordination réseau (trimestre)",
    ));
    plan.push((
        4,
        0.95,
        jitter(rng, &webs, 5, 15, 2),
        "Honoraires intervenant webinaire",
    ));
    let mut plat = vec![date(2024, 12, 5), date(2025, 11, 28)];
    plat.extend(jitter(rng, &webs[..5], 2, 8, 1));
    plan.push((5, 0.9, plat, "Abonnement plateforme / interprétariat"));
    plan.push((
        6,
        1.02,
        jitter(rng, &regs, -30, -8, 6),
        "Billets d'avion délégations",
    ));
    plan.push((
        7,
        0.97,
        jitter(rng, &regs, 1, 20, 3),
        "Hébergement et repas regroupement",
    ));
    plan.push((
        8,
        0.95,
        jitter(rng, &regs, -10, 10, 2),
        "Location salle et matériel",
    ));
    plan.push((
        9,
        0.92,
        vec![
            date(2026, 6, 15),
            date(2026, 7, 20),
            date(2026, 8, 25),
            date(2026, 9, 10),
            date(2026, 9, 30),
        ],
        "Organisation Rendez-vous (prestataire)",
    ));
    plan.push((
        10,
        0.9,
        jitter(rng, &[rdv], -28, 6, 6),
        "Prise en charge délégation",
    ));
    plan.push((
        11,
        0.85,
        vec![
            date(2024, 12, 20),
            date(2025, 3, 14),
            date(2025, 5, 30),
            date(2025, 9, 12),
            date(2025, 12, 5),
            date(2026, 3, 27),
            date(2026, 6, 12),
            date(2026, 9, 25),
        ],
        "Prestation communication",
    ));
    plan.push((
        12,
        0.7,
        vec![
            date(2026, 4, 30),
            date(2026, 7, 10),
            date(2026, 9, 30),
            date(2026, 10, 27),
        ],
        "Recueil de capitalisation",
    ));
    plan.push((
        13,
        1.0,
        months(date(2024, 11, 1), 24, 0),
        "Salaire chargée de programme",
    ));
    plan.push((
        14,
        0.9,
        vec![
            date(2025, 6, 30),
            date(2025, 12, 19),
            date(2026, 6, 30),
            date(2026, 10, 23),
        ],
        "Mission de suivi-évaluation",
    ));
    plan.push((
        15,
        1.0,
        vec![date(2025, 10, 31), date(2026, 10, 30)],
        "Frais de gestion AIRF",
    ));

    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let delegations = [
        "Arménie",
        "Bénin",
        "Cameroun",
        "Côte d'Ivoire",
        "France",
        "Madagascar",
        "Maroc",
        "République du Congo",
        "Sénégal",
    ];
    let mut v = Vec::new();
    for (line, rate, dates, label) in plan {
        let total = (BUDGET[line].prevu * rate).round();
        let parts = if line == 13 {
            // Salaries: the same amount every month.
            dates
                .iter()
                .map(|d| (*d, total / dates.len() as f64))
                .collect()
        } else {
            spread(rng, total, &dates)
        };
        for (k, (d, m)) in parts.into_iter().enumerate() {
            let libelle = if line == 6 || line == 10 {
                format!(
                    "{label} {}",
                    delegations[(k * 4 + line) % delegations.len()]
                )
            } else if line == 13 {
                format!("{label}, {} {}", MONTHS[d.m as usize - 1], d.y)
            } else {
                format!("{label} n°{}", k + 1)
            };
            v.push(Depense {
                date: d.clamp_to(START, END),
                line,
                montant: m,
                financeur: Financeur::Meae,
                libelle,
                text: None,
                nature: BUDGET[line].nature,
                eligible: true,
            });
        }
    }
    // Co-financed invoices split over two rows.
    for k in [3usize, 17, 40, 61, 88, 102] {
        let half = (v[k].montant * 0.4 * 100.0).round() / 100.0;
        v[k].montant = ((v[k].montant - half) * 100.0).round() / 100.0;
        let d = Depense {
            date: v[k].date,
            line: v[k].line,
            montant: half,
            financeur: Financeur::Collectivites,
            libelle: format!("{} (quote-part)", v[k].libelle),
            text: None,
            nature: v[k].nature,
            eligible: true,
        };
        v.push(d);
    }
    v.sort_by(|a, b| a.date.cmp(&b.date).then(a.line.cmp(&b.line)));
    // Funders: keep the running MEAE share close to two thirds (the co-financing rate).
    let (mut meae, mut all) = (0.0, 0.0);
    for d in v.iter_mut() {
        if d.financeur == Financeur::Meae {
            let share = if all > 0.0 { meae / all } else { 0.0 };
            let p = if share < 0.64 {
                0.95
            } else if share > 0.675 {
                0.0
            } else {
                0.55
            };
            if !rng.chance(p) {
                d.financeur = [Financeur::Airf, Financeur::Collectivites, Financeur::Autre]
                    [rng.weighted(&[0.6, 0.28, 0.12])];
            }
        }
        all += d.montant;
        if d.financeur == Financeur::Meae {
            meae += d.montant;
        }
    }
    // Corrections (negative amounts), typed as text.
    let corr = [
        (
            date(2025, 2, 14),
            15,
            -245.5,
            Financeur::Autre,
            "Annulation frais bancaires comptés deux fois (relevé de janvier 2025)",
            "-245,50",
        ),
        (
            date(2025, 6, 5),
            4,
            -1050.0,
            Financeur::Meae,
            "Correction d'imputation : facture n° 2025-041 saisie deux fois",
            "-1050",
        ),
        (
            date(2025, 11, 5),
            6,
            -1180.0,
            Financeur::Meae,
            "Avoir compagnie aérienne sur la facture n° AT-25-0917 (billet annulé)",
            "-1 180",
        ),
        (
            date(2026, 6, 10),
            7,
            -600.0,
            Financeur::Airf,
            "Remboursement de l'acompte hôtel, facture n° H-2025-214",
            "-600,00",
        ),
    ];
    for (d, line, m, f, lib, text) in corr {
        v.push(Depense {
            date: d,
            line,
            montant: m,
            financeur: f,
            libelle: lib.to_string(),
            text: Some(text),
            nature: if line == 15 {
                "62"
            } else {
                BUDGET[line].nature
            },
            // Bank charges are not eligible, nor is their correction.
            eligible: line != 15,
        });
    }
    v.sort_by(|a, b| a.date.cmp(&b.date).then(a.line.cmp(&b.line)));
    v.extend(late_entries());
    v
}

/// The entries the finance officer added at the year-end review, after the
/// rows above (a ledger is not always in date order): the original entries
/// of the credit notes, the bank charges and fines the funders do not
/// accept, and the contributions in kind valued at each gathering.
fn late_entries() -> Vec<Depense> {
    use Financeur::{Airf, Autre, Collectivites, Meae};
    #[rustfmt::skip]
    let rows: [(Date, usize, f64, Financeur, &str, &'static str, bool); 11] = [
        (date(2025, 1, 31), 15, 245.5, Autre, "Frais bancaires, relevé de janvier 2025", "62", false),
        (date(2025, 2, 3), 15, 245.5, Autre, "Frais bancaires, relevé de janvier 2025 (saisi en double)", "62", false),
        (date(2025, 4, 9), IN_KIND_LINE, 6_500.0, Collectivites, "Valorisation : salles et personnel mis à disposition par la région Rabat-Salé-Kénitra (regroupement de Rabat)", "86", true),
        (date(2025, 4, 11), 8, 135.0, Airf, "Amende de stationnement, véhicule de location (Rabat)", "67", false),
        (date(2025, 5, 16), 4, 1_050.0, Meae, "Honoraires intervenant webinaire, facture n° 2025-041", "62", true),
        (date(2025, 5, 22), 4, 1_050.0, Meae, "Honoraires intervenant webinaire, facture n° 2025-041 (saisie en double)", "62", true),
        (date(2025, 9, 29), 6, 1_180.0, Meae, "Billet d'avion délégation Madagascar, facture n° AT-25-0917", "62", true),
        (date(2025, 10, 29), IN_KIND_LINE, 7_200.0, Collectivites, "Valorisation : salles et personnel mis à disposition par la région Nouvelle-Aquitaine (regroupement de Bordeaux)", "86", true),
        (date(2025, 11, 3), 13, 212.4, Airf, "Majoration de retard, cotisations sociales du 3e trimestre 2025", "67", false),
        (date(2025, 12, 19), 7, 600.0, Airf, "Acompte hôtel regroupement de Dakar, facture n° H-2025-214", "62", true),
        (date(2026, 5, 20), IN_KIND_LINE, 6_300.0, Collectivites, "Valorisation : salles et personnel mis à disposition par le département de Keur Massar (regroupement de Dakar)", "86", true),
    ];
    rows.into_iter()
        .map(
            |(date, line, montant, financeur, libelle, nature, eligible)| Depense {
                date,
                line,
                montant,
                financeur,
                libelle: libelle.to_string(),
                text: None,
                nature,
                eligible,
            },
        )
        .collect()
}

const DEPENSES_HEADERS: [&str; 9] = [
    "date",
    "Action",
    "Ligne",
    "amount",
    "Financeur",
    "Nature",
    "Statut",
    "Éligible",
    "commentaire",
];

/// A status as an officer types it (accents, case, gender of `payé`); a
/// paid row's status is sometimes left empty, which reads as paid.
fn paiement_text(p: Paiement, i: usize) -> String {
    match p {
        Paiement::Payee if i % 17 == 5 => String::new(),
        Paiement::Payee => spell(&["Payée", "payée", "payé", "Payée", "PAYÉE", "payee"], i),
        Paiement::Engagee => spell(&["Engagée", "engagé", "engagee"], i),
        Paiement::Prevue => spell(&["Prévue", "prévue", "prévu"], i),
    }
}

fn write_depenses(out: &mut Output, rows: &[Depense]) -> Res<()> {
    // `amount` is an English alias of `montant`.
    out.begin_sheet("Dépenses", &DEPENSES_HEADERS)?;
    for (i, d) in rows.iter().enumerate() {
        if i == 70 {
            out.empty_row(DEPENSES_HEADERS.len())?;
        }
        if i == 121 {
            // A row with only blank text counts as empty too.
            out.row(&[
                Cell::Empty,
                t(" "),
                Cell::Empty,
                Cell::Empty,
                t("  "),
                Cell::Empty,
                Cell::Empty,
                t(" "),
                Cell::Empty,
            ])?;
        }
        let b = &BUDGET[d.line];
        let date = match i % 8 {
            2 => t(d.date.fr()),
            5 => t(d.date.iso()),
            7 if i % 3 == 0 => t(format!("{} 16:20", d.date.fr())),
            _ => Cell::Date(d.date),
        };
        let fin = match d.financeur {
            Financeur::Meae => spell(&["MEAE", "MEAE", "meae"], i),
            Financeur::Airf => spell(&["AIRF", "Airf"], i),
            Financeur::Collectivites => {
                spell(&["collectivites", "Collectivités", "COLLECTIVITES"], i)
            }
            Financeur::Autre => spell(&["autre", "Autre"], i),
        };
        let montant = match d.text {
            Some(s) => t(s),
            None => amount_cell(d.montant, i),
        };
        let eligible = match (d.eligible, i % 23) {
            (true, 11) => Cell::Empty,
            (true, _) => t(spell(&["oui", "Oui", "oui", "OUI"], i)),
            (false, _) => t(spell(&["non", "Non", "NON"], i)),
        };
        out.row(&[
            date,
            t(action_text(b.action, i)),
            t(b.ligne),
            montant,
            t(fin),
            nature_cell(d.nature, i),
            opt_t(
                Some(paiement_text(d.paiement(), i))
                    .filter(|s| !s.is_empty())
                    .as_deref(),
            ),
            eligible,
            t(d.libelle.clone()),
        ])?;
    }
    Ok(())
}

/// The funds received up to the date of issue, one row per instalment: the
/// MEAE pays its grant in tranches (30 % at signature, 30 % on the interim
/// report; the Q4 2025 report asks for the third), the AIRF transfers its own
/// funds, the authorities and the foundation pay their cash contributions.
#[rustfmt::skip]
const VERSEMENTS: [(Date, Financeur, f64, &str); 8] = [
    (date(2024, 11, 15), Financeur::Airf, 30_000.0, "Apport fonds propres AIRF, exercice 2024-2025"),
    (date(2024, 12, 16), Financeur::Meae, 91_125.0, "CEM-2024-0117, 1re tranche : avance à la signature (30 %)"),
    (date(2025, 3, 3), Financeur::Autre, 6_750.0, "Convention de mécénat FST-2025-03, 1er versement (50 %)"),
    (date(2025, 3, 31), Financeur::Collectivites, 9_500.0, "Quote-parts des collectivités, appel de fonds n° 1"),
    (date(2025, 6, 30), Financeur::Airf, 35_000.0, "Apport fonds propres AIRF, 2e versement"),
    (date(2025, 7, 18), Financeur::Meae, 91_125.0, "CEM-2024-0117, 2e tranche : rapport intermédiaire (30 %)"),
    (date(2025, 10, 15), Financeur::Collectivites, 9_000.0, "Quote-parts des collectivités, appel de fonds n° 2"),
    (date(2026, 1, 12), Financeur::Airf, 10_000.0, "Apport fonds propres AIRF, exercice 2026"),
];

/// The `Versements` sheet (an optional sheet: the contract's workbook has none).
fn write_versements(out: &mut Output) -> Res<()> {
    out.begin_sheet("Versements", &["Date", "Financeur", "Montant", "Référence"])?;
    for (i, (d, f, montant, reference)) in VERSEMENTS.iter().enumerate() {
        let date = match i % 4 {
            1 => t(d.fr()),
            3 => t(d.iso()),
            _ => Cell::Date(*d),
        };
        let fin = match f {
            Financeur::Meae => spell(&["MEAE", "meae"], i),
            Financeur::Airf => spell(&["AIRF", "Airf"], i),
            Financeur::Collectivites => spell(&["Collectivités", "collectivites"], i),
            Financeur::Autre => "autre".to_string(),
        };
        let montant = match i % 3 {
            1 => t(french_number(*montant, NBSP, 2)), // `91 125,00` (U+00A0)
            2 => t(french_number(*montant, " ", 0)),  // `30 000`
            _ => n(*montant),
        };
        out.row(&[date, t(fin), montant, t(*reference)])?;
    }
    Ok(())
}

/// The register's risks: code, action, risk, owner.
#[rustfmt::skip]
const RISQUES: [(&str, &str, &str, &str); 8] = [
    ("R1", "A2", "Faible participation des collectivités aux visioconférences entre pairs", "Idrissa Sow"),
    ("R2", "A4", "Instabilité politique ou sécuritaire empêchant les déplacements vers un regroupement", "Claire Dumas"),
    ("R3", "F", "Retard dans le versement des tranches de la subvention", "Responsable administratif et financier"),
    ("R4", "OS", "Renouvellement des équipes municipales après les élections locales", "Idrissa Sow"),
    ("R5", "A3", "Connexion internet insuffisante des collectivités pour suivre les webinaires", "Chargée de communication"),
    ("R6", "A1", "Autodiagnostics commencés mais non soumis par les collectivités", "Idrissa Sow"),
    ("R7", "A4", "Hausse du coût des billets d'avion au-delà du budget des regroupements", "Responsable administratif et financier"),
    ("R8", "T", "Faible visibilité du programme auprès des élus des collectivités partenaires", "Chargée de communication"),
];

/// The reviews of the register: risk, date, likelihood, impact, status,
/// mitigation. Reviewed in December 2024, June 2025, December 2025 and at the
/// programme's end: R1, R2 and R4 rise to the Q4 2025 review, R5 is closed
/// then, R2 occurs in 2026.
#[rustfmt::skip]
const REVUES: [(&str, Date, &str, &str, &str, &str); 27] = [
    ("R1", date(2024, 12, 16), "moyenne", "moyen", "ouvert", "Calendrier des visioconférences publié six mois à l'avance"),
    ("R2", date(2024, 12, 16), "moyenne", "fort", "ouvert", "Pays hôtes choisis avec les ambassades ; assurance rapatriement"),
    ("R3", date(2024, 12, 16), "moyenne", "fort", "ouvert", "Trésorerie de précaution sur les fonds propres de l'AIRF"),
    ("R4", date(2024, 12, 16), "moyenne", "moyen", "ouvert", "Présentation du programme aux nouveaux élus"),
    ("R5", date(2024, 12, 16), "elevee", "faible", "ouvert", "Webinaires enregistrés et mis en ligne"),
    ("R8", date(2024, 12, 16), "faible", "faible", "ouvert", "Lettre d'information trimestrielle aux élus"),
    ("R1", date(2025, 6, 27), "elevee", "moyen", "ouvert", "Relances individuelles ; créneaux adaptés aux fuseaux horaires"),
    ("R2", date(2025, 6, 27), "moyenne", "fort", "ouvert", "Pays hôtes choisis avec les ambassades ; assurance rapatriement"),
    ("R3", date(2025, 6, 27), "faible", "fort", "attenue", "Deuxième tranche reçue ; rapport intermédiaire remis à temps"),
    ("R5", date(2025, 6, 27), "moyenne", "faible", "attenue", "Webinaires enregistrés ; supports envoyés avant chaque séance"),
    ("R6", date(2025, 6, 27), "moyenne", "moyen", "ouvert", "Accompagnement téléphonique des collectivités en retard"),
    ("R8", date(2025, 6, 27), "faible", "faible", "ouvert", "Lettre d'information trimestrielle aux élus"),
    ("R1", date(2025, 12, 12), "elevee", "fort", "ouvert", "Points focaux désignés dans chaque collectivité ; sessions doublées"),
    ("R2", date(2025, 12, 12), "elevee", "fort", "ouvert", "Plan de repli : regroupement à distance si le pays hôte ferme ses frontières"),
    ("R3", date(2025, 12, 12), "faible", "fort", "attenue", "Demande de la troisième tranche jointe au rapport du 4e trimestre"),
    ("R4", date(2025, 12, 12), "elevee", "moyen", "ouvert", "Kit d'accueil pour les nouveaux élus ; binômes élu-technicien"),
    ("R5", date(2025, 12, 12), "faible", "faible", "clos", "Toutes les collectivités suivent les webinaires en direct ou en différé"),
    ("R6", date(2025, 12, 12), "moyenne", "moyen", "ouvert", "Accompagnement téléphonique des collectivités en retard"),
    ("R7", date(2025, 12, 12), "moyenne", "moyen", "ouvert", "Achat groupé des billets trois mois à l'avance"),
    ("R8", date(2025, 12, 12), "faible", "faible", "ouvert", "Lettre d'information trimestrielle aux élus"),
    ("R1", date(2026, 10, 16), "moyenne", "moyen", "attenue", "Points focaux actifs ; participation remontée au printemps 2026"),
    ("R2", date(2026, 10, 16), "elevee", "fort", "survenu", "Délégations d'un pays suivies à distance au regroupement de Dakar"),
    ("R3", date(2026, 10, 16), "faible", "moyen", "attenue", "Dernière tranche (10 %) attendue après le rapport final"),
    ("R4", date(2026, 10, 16), "moyenne", "moyen", "attenue", "Nouveaux élus associés au rendez-vous de la régionalisation"),
    ("R6", date(2026, 10, 16), "faible", "moyen", "attenue", "Accompagnement téléphonique des collectivités en retard"),
    ("R7", date(2026, 10, 16), "elevee", "moyen", "ouvert", "Redéploiement du budget de communication vers les voyages"),
    ("R8", date(2026, 10, 16), "faible", "faible", "ouvert", "Lettre d'information trimestrielle aux élus"),
];

/// The `Risques` sheet: the risk register, one row per risk and review
/// (an optional sheet: the contract's workbook has none), typed as people
/// type it (values with their accents and capitals, some dates as text).
fn write_risques(out: &mut Output) -> Res<()> {
    out.begin_sheet(
        "Risques",
        &[
            "Code",
            "Risque",
            "Action",
            "Probabilité",
            "Impact",
            "Mesures",
            "Responsable",
            "Statut",
            "Date de revue",
        ],
    )?;
    for (i, (code, d, likelihood, impact, status, mesures)) in REVUES.iter().enumerate() {
        let (_, action, risque, owner) = RISQUES
            .iter()
            .find(|r| r.0 == *code)
            .expect("every review names a risk");
        let date = match i % 5 {
            1 => t(d.fr()),
            3 => t(d.iso()),
            _ => Cell::Date(*d),
        };
        let typed = |v: &str| match (v, i % 3) {
            ("elevee", 0) => "Élevée".to_string(),
            ("elevee", _) => "élevée".to_string(),
            ("attenue", _) => "Atténué".to_string(),
            (v, 1) => capitalise(v),
            (v, _) => v.to_string(),
        };
        out.row(&[
            t(*code),
            t(*risque),
            t(*action),
            t(typed(likelihood)),
            t(typed(impact)),
            t(*mesures),
            t(*owner),
            t(typed(status)),
            date,
        ])?;
    }
    Ok(())
}

/// `v` with its first letter in capitals.
fn capitalise(v: &str) -> String {
    let mut c = v.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Benchmark mode: many events and participations
// ---------------------------------------------------------------------------

#[rustfmt::skip]
const BENCH_PATTERN: [EvType; 18] = {
    use EvType::*;
    [Visio, Webinaire, Visio, Regroupement, Webinaire, Visio, Webinaire, Visio, Regroupement, Webinaire, Visio, Webinaire, Visio, Regroupement, Webinaire, Visio, RendezVous, Visio]
};

fn bench_events(n_events: usize) -> Vec<Event> {
    let span = END.days() - START.days();
    (0..n_events)
        .map(|k| {
            let typ = BENCH_PATTERN[k % BENCH_PATTERN.len()];
            let d = START.add(span * k as i64 / n_events as i64);
            let (titre, lieu) = match typ {
                EvType::Visio => (
                    format!("Visioconférence n°{}", k + 1),
                    Some("En ligne (Zoom)"),
                ),
                EvType::Webinaire => (
                    format!("Webinaire thématique n°{}", k + 1),
                    Some("En ligne (Zoom)"),
                ),
                EvType::Regroupement => (
                    format!("Regroupement n°{}", k + 1),
                    Some(["Rabat, Maroc", "Bordeaux, France", "Dakar, Sénégal"][k % 3]),
                ),
                EvType::RendezVous => (
                    format!("Rendez-vous de la régionalisation n°{}", k + 1),
                    Some("Yaoundé, Cameroun"),
                ),
            };
            Event {
                id: format!("EV-{:06}", k + 1),
                typ,
                titre,
                date: d,
                time: (9 + (k % 8) as u32, 0),
                lieu: lieu.map(str::to_string),
                theme: None,
            }
        })
        .collect()
}

fn write_bench_participations(
    out: &mut Output,
    rng: &mut Rng,
    events: &[Event],
    total: usize,
) -> Res<()> {
    // A pool of people (names may repeat: rows are what matter here).
    let countries = [
        "ARM", "BEN", "CMR", "CIV", "FRA", "MDG", "MAR", "COG", "SEN",
    ];
    let roles = [
        Role::PointFocal,
        Role::Elu,
        Role::Technicien,
        Role::JeuneEntrepreneur,
        Role::Partenaire,
        Role::Autre,
    ];
    let mut pool = Vec::new();
    for k in 0..4000 {
        let role = roles[rng.weighted(&[0.25, 0.2, 0.25, 0.15, 0.1, 0.05])];
        let coll = match role {
            Role::PointFocal | Role::Elu | Role::Technicien => Some(rng.below(COLLS.len())),
            Role::JeuneEntrepreneur if k % 4 == 0 => Some(rng.below(COLLS.len())),
            _ => None,
        };
        let iso3 = coll.map_or(countries[k % countries.len()], |c| COLLS[c].iso3);
        pool.push(make_person(
            rng,
            &mut BTreeSet::new(),
            iso3,
            role,
            0.4,
            (19, 72),
            coll,
        ));
    }
    out.begin_sheet("Participations", &PARTICIPATION_HEADERS)?;
    for i in 0..total {
        if i > 0 && (i == total / 3 || i == 2 * total / 3) {
            out.empty_row(PARTICIPATION_HEADERS.len())?;
        }
        let e = &events[i * events.len() / total];
        let p = &pool[rng.below(pool.len())];
        let p_sat = match e.typ {
            EvType::Regroupement => 0.85,
            EvType::RendezVous => 0.6,
            EvType::Webinaire => 0.2,
            EvType::Visio => 0.05,
        };
        let sat = satisfaction(rng, p_sat);
        out.row(&participation_row(i, &e.id, p, sat, None))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// A check of the indicator values the example reaches (stderr only)
// ---------------------------------------------------------------------------

fn summary(
    events: &[Event],
    people: &People,
    parts: &[Participation],
    diags: &[Autodiag],
    deps: &[Depense],
) {
    for cut in [
        date(2025, 3, 31),
        date(2025, 4, 30),
        date(2025, 6, 30),
        date(2025, 10, 31),
        END,
    ] {
        let evs = |typ: EvType| {
            events
                .iter()
                .filter(|e| e.typ == typ && e.date <= cut)
                .count()
        };
        let at = |typ: EvType| {
            parts
                .iter()
                .filter(move |p| events[p.event].typ == typ && events[p.event].date <= cut)
        };
        let adopted: BTreeSet<&str> = DISPOSITIFS
            .iter()
            .filter(|d| d.adoption.is_some_and(|a| a <= cut))
            .map(|d| d.coll.trim())
            .map(|c| COLLS[coll_idx(c)].code.trim())
            .collect();
        let sats: Vec<u32> = at(EvType::Regroupement)
            .filter_map(|p| p.satisfaction)
            .collect();
        let os2 = sats.iter().sum::<u32>() as f64 / sats.len().max(1) as f64;
        let a11: BTreeSet<usize> = diags
            .iter()
            .filter(|a| a.date <= cut && a.statut != Statut::Brouillon)
            .map(|a| a.coll)
            .collect();
        let a12: BTreeSet<usize> = diags
            .iter()
            .filter(|a| a.date <= cut && a.statut == Statut::Valide)
            .map(|a| a.coll)
            .collect();
        let visio_ids: Vec<usize> = (0..events.len())
            .filter(|&i| events[i].typ == EvType::Visio && events[i].date <= cut)
            .collect();
        let a22: f64 = visio_ids
            .iter()
            .map(|&ei| {
                parts
                    .iter()
                    .filter(|p| p.event == ei)
                    .filter_map(|p| people.list[p.person].coll)
                    .collect::<BTreeSet<_>>()
                    .len() as f64
            })
            .sum::<f64>()
            / visio_ids.len().max(1) as f64;
        let mut wa = WHATSAPP.iter().enumerate().filter(|(i, _)| {
            let (y, m) = (2024 + ((10 + i) / 12) as i32, ((10 + i) % 12 + 1) as u32);
            date(y, m, 1) <= cut
        });
        let a23 = wa.next_back().map_or(0, |(_, (m, _))| *m);
        let a32 = at(EvType::Webinaire).count();
        let known: Vec<Genre> = at(EvType::Webinaire)
            .map(|p| people.list[p.person].genre)
            .filter(|g| *g != Genre::Inconnu)
            .collect();
        let a33 = known.iter().filter(|g| **g == Genre::F).count() as f64 * 100.0
            / known.len().max(1) as f64;
        let a42: BTreeSet<usize> = at(EvType::Regroupement)
            .filter(|p| people.list[p.person].role == Role::PointFocal)
            .filter_map(|p| people.list[p.person].coll)
            .collect();
        let a43 = at(EvType::Regroupement)
            .filter(|p| people.list[p.person].role == Role::JeuneEntrepreneur)
            .count();
        let a52 = at(EvType::RendezVous).count();
        let t1 = COMMUNICATION.iter().filter(|c| c.0 <= cut).count();
        let t2: u32 = COMMUNICATION
            .iter()
            .filter(|c| c.0 <= cut)
            .filter_map(|c| c.3)
            .sum();
        // F.1 and F.2 count paid, eligible, cash expenses over the cash budget.
        let spent: f64 = deps
            .iter()
            .filter(|d| d.date <= cut && d.spent())
            .map(|d| d.montant)
            .sum();
        let meae: f64 = deps
            .iter()
            .filter(|d| d.date <= cut && d.spent() && d.financeur == Financeur::Meae)
            .map(|d| d.montant)
            .sum();
        let budget: f64 = BUDGET
            .iter()
            .filter(|b| b.nature != "86")
            .map(|b| b.prevu)
            .sum();
        eprintln!(
            "cumulative to {}: OS1={} OS2={:.2} A1.1={} A1.2={:.1}% A2.1={} A2.2={:.2} A2.3={} A3.1={} A3.2={} A3.3={:.1}% \
             A4.1={} A4.2={} A4.3={} A5.1={} A5.2={} T.1={} T.2={} F.1={:.1}% F.2={:.1}%",
            cut.iso(),
            adopted.len(),
            os2,
            a11.len(),
            a12.len() as f64 * 100.0 / COLLS.len() as f64,
            evs(EvType::Visio),
            a22,
            a23,
            evs(EvType::Webinaire),
            a32,
            a33,
            evs(EvType::Regroupement),
            a42.len(),
            a43,
            evs(EvType::RendezVous),
            a52,
            t1,
            t2,
            spent * 100.0 / budget,
            if spent > 0.0 {
                meae * 100.0 / spent
            } else {
                0.0
            },
        );
    }
    eprintln!(
        "rows: participations={} autodiagnostics={} depenses={} (budget total {:.0} EUR, in kind included)",
        parts.len(),
        diags.len(),
        deps.len(),
        BUDGET.iter().map(|b| b.prevu).sum::<f64>()
    );
}

// ---------------------------------------------------------------------------

fn usage() -> ! {
    eprintln!(
        "usage: generate-terress [--participations N] [--csv DIR] [--ods FILE] [--partners DIR] [OUT.xlsx]\n\
         \n  OUT.xlsx            write the workbook there\n\
         \x20 --csv DIR           also (or only) write one csv file per sheet into DIR\n\
         \x20 --ods FILE          also (or only) write the same sheets as an OpenDocument spreadsheet\n\
         \x20 --partners DIR      also (or only) write the same rows as partners send them, into DIR\n\
         \x20                     (with --participations: 31 participation workbooks, one for the rest)\n\
         \x20 --participations N  benchmark workbook: N participation rows, events scaled\n\
         \x20 --summary           print the indicator values the data reach (stderr)"
    );
    std::process::exit(2)
}

fn main() -> Res<()> {
    let mut args = std::env::args().skip(1);
    let (mut xlsx, mut csv, mut bench, mut show_summary) = (None, None, None, false);
    let (mut partners, mut ods): (Option<PathBuf>, Option<PathBuf>) = (None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--csv" => csv = Some(PathBuf::from(args.next().unwrap_or_else(|| usage()))),
            "--ods" => ods = Some(PathBuf::from(args.next().unwrap_or_else(|| usage()))),
            "--partners" => {
                partners = Some(PathBuf::from(args.next().unwrap_or_else(|| usage())));
            }
            "--participations" => {
                let v = args.next().unwrap_or_else(|| usage());
                bench = Some(
                    v.replace('_', "")
                        .parse::<usize>()
                        .unwrap_or_else(|_| usage()),
                );
            }
            "--summary" => show_summary = true,
            "-h" | "--help" => usage(),
            s if s.starts_with('-') => usage(),
            _ if xlsx.is_none() => xlsx = Some(PathBuf::from(a)),
            _ => usage(),
        }
    }
    if xlsx.is_none() && csv.is_none() && ods.is_none() && partners.is_none() && !show_summary {
        usage();
    }

    let mut rng = Rng::new(SEED);
    let people = make_people(&mut rng);
    let events = realistic_events();
    let parts = realistic_participations(&mut rng, &people, &events);
    let diags = realistic_autodiagnostics(&mut rng);
    let deps = realistic_depenses(&mut rng, &events);
    if show_summary {
        summary(&events, &people, &parts, &diags, &deps);
    }

    if xlsx.is_some() || csv.is_some() {
        let mut out = Output::new(xlsx.as_deref(), csv.as_deref())?;
        write_workbook(&mut out, bench, &events, &people, &parts, &diags, &deps)?;
        out.finish("Terr'ESS : suivi-évaluation")?;
    }
    if let Some(path) = ods {
        let mut out = Output::collector();
        write_workbook(&mut out, bench, &events, &people, &parts, &diags, &deps)?;
        support::write_ods(&path, &out.into_sheets()?)?;
    }
    if let Some(dir) = partners {
        let mut out = Output::collector();
        write_workbook(&mut out, bench, &events, &people, &parts, &diags, &deps)?;
        match bench {
            None => write_partners(&dir, out.into_sheets()?, &events)?,
            Some(_) => write_bench_partners(&dir, out.into_sheets()?)?,
        }
    }
    Ok(())
}

/// The sheets of the monitoring workbook, in order.
fn write_workbook(
    out: &mut Output,
    bench: Option<usize>,
    events: &[Event],
    people: &People,
    parts: &[Participation],
    diags: &[Autodiag],
    deps: &[Depense],
) -> Res<()> {
    write_notes(out)?;
    write_collectivites(out)?;
    match bench {
        None => {
            write_evenements(out, events, true)?;
            write_participations(out, events, people, parts)?;
        }
        Some(total) => {
            let bench_events = bench_events(total.div_ceil(38).max(BENCH_PATTERN.len()));
            write_evenements(out, &bench_events, false)?;
            let mut brng = Rng::new(SEED ^ total as u64);
            write_bench_participations(out, &mut brng, &bench_events, total)?;
        }
    }
    write_autodiagnostics(out, diags)?;
    write_dispositifs(out)?;
    write_whatsapp(out)?;
    write_communication(out)?;
    write_budget(out)?;
    write_depenses(out, deps)?;
    write_versements(out)?;
    write_risques(out)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Partners mode: the same rows, cut into the files partners send
// ---------------------------------------------------------------------------

/// A folder name from a country name: lower case, ASCII, words joined by `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        let folded = match ch {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        };
        if folded != '-' || !out.ends_with('-') {
            out.push(folded);
        }
    }
    out.trim_matches('-').to_string()
}

/// The text of a cell, trimmed (empty for a non-text cell).
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.trim().to_string(),
        _ => String::new(),
    }
}

/// Splits `sheet`'s rows into groups by `key` of each row; a blank row goes
/// with the row before it (or the first group, at the top). Groups keep the
/// rows' order and come in the order of `key`'s values.
fn split_rows(
    sheet: &Sheet,
    mut key: impl FnMut(&[Cell]) -> String,
) -> std::collections::BTreeMap<String, Vec<Vec<Cell>>> {
    let mut groups: std::collections::BTreeMap<String, Vec<Vec<Cell>>> = Default::default();
    let mut last: Option<String> = None;
    let mut pending: Vec<Vec<Cell>> = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate() {
        if sheet.is_blank_row(i) {
            match &last {
                Some(k) => groups.get_mut(k).expect("group").push(row.clone()),
                None => pending.push(row.clone()),
            }
            continue;
        }
        let k = key(row);
        let group = groups.entry(k.clone()).or_default();
        group.append(&mut pending);
        group.push(row.clone());
        last = Some(k);
    }
    groups
}

/// How many partners share the benchmark's participations.
const BENCH_PARTNERS: usize = 31;

/// The benchmark workbook's rows as many files: its participations cut
/// into one workbook per partner (31 of about the same size), every other
/// sheet in one workbook. Measures reading many sources against one
/// workbook of the same rows.
fn write_bench_partners(dir: &std::path::Path, sheets: Vec<Sheet>) -> Res<()> {
    let (participations, rest): (Vec<Sheet>, Vec<Sheet>) = sheets
        .into_iter()
        .filter(|s| s.name != "Notes")
        .partition(|s| s.name == "Participations");
    let participations = participations
        .into_iter()
        .next()
        .ok_or("no Participations sheet")?;
    Output::write_sheets(
        &dir.join("programme.xlsx"),
        &rest,
        "Terr'ESS : suivi-évaluation",
    )?;
    let per_file = participations.rows.len().div_ceil(BENCH_PARTNERS).max(1);
    for (i, rows) in participations.rows.chunks(per_file).enumerate() {
        let mut sheet = Sheet::new("Participations", &participations.headers);
        sheet.rows = rows.to_vec();
        let path = dir.join(format!("participations/partenaire-{:02}.xlsx", i + 1));
        Output::write_sheets(&path, &[sheet], "Terr'ESS : participations")?;
    }
    Ok(())
}

/// Writes the workbook's rows as partners send them, into `dir`: the
/// registry, the programme team's workbook, one self-diagnosis workbook per
/// authority, the events as a csv export, the participations in an xlsx
/// (2024-2025) and an ods (2026), and the accounts. Every row of the
/// workbook is in exactly one file.
fn write_partners(dir: &std::path::Path, sheets: Vec<Sheet>, events: &[Event]) -> Res<()> {
    let mut by_name: std::collections::BTreeMap<String, Sheet> =
        sheets.into_iter().map(|s| (s.name.clone(), s)).collect();
    let mut take = |name: &str| -> Res<Sheet> {
        by_name
            .remove(name)
            .ok_or_else(|| format!("no sheet {name}").into())
    };
    let _notes = take("Notes")?;
    let registry = take("Collectivités")?;
    let evenements = take("Évènements")?;
    let participations = take("Participations")?;
    let autodiagnostics = take("AUTO-diagnostics")?;
    let team = [
        take("Dispositifs")?,
        take("WhatsApp")?,
        take("communication")?,
    ];
    let accounts = [take("Budget")?, take("Dépenses")?, take("Versements")?];
    let risks = take("Risques")?;
    let total_rows = |s: &[Sheet]| s.iter().map(|x| x.rows.len()).sum::<usize>();
    let mut written = 0;

    // The registry, kept by the programme team.
    let path = dir.join("registre/collectivites.xlsx");
    Output::write_sheets(
        &path,
        std::slice::from_ref(&registry),
        "Terr'ESS : registre des collectivités",
    )?;
    written += registry.rows.len();

    // The team's own follow-up: schemes adopted, the WhatsApp group, communication.
    Output::write_sheets(
        &dir.join("equipe/suivi-equipe.xlsx"),
        &team,
        "Terr'ESS : suivi de l'équipe",
    )?;
    written += total_rows(&team);

    // The risk register, kept by the programme team in a workbook of its own
    // (an optional sheet: the folder reads without this file too).
    Output::write_sheets(
        &dir.join("equipe/risques.xlsx"),
        std::slice::from_ref(&risks),
        "Terr'ESS : registre des risques",
    )?;
    written += risks.rows.len();

    // One self-diagnosis workbook per authority, by country.
    let diag_groups = split_rows(&autodiagnostics, |row| {
        COLLS[coll_idx(&cell_text(&row[0]))]
            .code
            .trim()
            .to_lowercase()
    });
    for (code, rows) in diag_groups {
        let c = &COLLS[coll_idx(&code)];
        let mut sheet = Sheet::new("autodiagnostics", &autodiagnostics.headers);
        written += rows.len();
        sheet.rows = rows;
        let path = dir
            .join("autodiagnostics")
            .join(slug(c.pays))
            .join(format!("{code}.xlsx"));
        Output::write_sheets(&path, &[sheet], &format!("Autodiagnostic ESS : {}", c.nom))?;
    }

    // The events, as the video-conference tool exports them (a csv named by its dataset).
    let mut sheet = evenements.clone();
    sheet.name = "evenements".to_string();
    Output::write_sheets(&dir.join("evenements"), &[sheet], "")?;
    written += evenements.rows.len();

    // Participations: the sign-in sheets of 2024-2025 in a workbook, those of 2026
    // in an OpenDocument spreadsheet.
    let year_of = |row: &[Cell]| -> String {
        let id = cell_text(&row[0]);
        let e = events
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(&id))
            .unwrap_or_else(|| panic!("unknown event {id}"));
        if e.date.y <= 2025 {
            "2024-2025"
        } else {
            "2026"
        }
        .to_string()
    };
    for (years, rows) in split_rows(&participations, year_of) {
        let mut sheet = Sheet::new("Participations", &participations.headers);
        written += rows.len();
        sheet.rows = rows;
        if years == "2026" {
            support::write_ods(
                &dir.join("participations/participations-2026.ods"),
                &[sheet],
            )?;
        } else {
            let path = dir.join(format!("participations/participations-{years}.xlsx"));
            Output::write_sheets(&path, &[sheet], "Terr'ESS : participations")?;
        }
    }

    // The accounts, from the finance officer.
    Output::write_sheets(
        &dir.join("comptabilite/comptabilite.xlsx"),
        &accounts,
        "Terr'ESS : comptabilité",
    )?;
    written += total_rows(&accounts);

    let want = registry.rows.len()
        + evenements.rows.len()
        + participations.rows.len()
        + autodiagnostics.rows.len()
        + total_rows(&team)
        + risks.rows.len()
        + total_rows(&accounts);
    if written != want || !by_name.is_empty() {
        return Err(format!(
            "{written} rows written of {want}; sheets left: {:?}",
            by_name.keys()
        )
        .into());
    }
    Ok(())
}
