//! Generates the "Eau pour tous" example monitoring workbook (see `examples/eau/README.md`).
//!
//! ```text
//! cargo run -p cadre-tools --bin generate-eau -- examples/eau/eau.xlsx
//! cargo run -p cadre-tools --bin generate-eau -- --summary
//! ```
//!
//! A second, unrelated programme (rural water points) whose only purpose is to show that
//! the library knows nothing of the first one: `indicators/eau/` defines it, this program
//! fills its workbook. The data are fictitious but typed the way a field officer types
//! them (sheet and header aliases, mixed date and number formats, varying case, stray
//! spaces, an extra column, an extra sheet, empty rows), using only variations the
//! ingester accepts: the workbook validates with zero rejected rows.
//!
//! The workbook is a snapshot taken on 30 June 2026, half-way through the programme
//! (1 January 2025 to 31 December 2027): nothing is dated after that day but the
//! expenses still to come, committed (the next quarter) or planned (the workplan to the
//! programme's end), never paid.
//!
//! Output is deterministic: a fixed seed, no clock, a fixed creation date in the document
//! properties. The same arguments give byte-identical files.

#[path = "support/mod.rs"]
mod support;

use std::path::Path;

use support::{Book, Cell, Date, Res, Rng, date, french_number, n, opt_t, t};

const SEED: u64 = 0xEA0_2025_2027;
const START: Date = date(2025, 1, 1);
/// The day the workbook was last filled in.
const SNAPSHOT: Date = date(2026, 6, 30);
const NBSP: &str = "\u{a0}";
/// Expenses after the snapshot up to this day are committed; later ones planned.
const COMMITTED_UNTIL: Date = date(2026, 9, 30);
/// The programme's last day: the workplan's planned expenses run to it.
const END: Date = date(2027, 12, 31);

// ---------------------------------------------------------------------------
// The registry: 48 villages in 4 regions
// ---------------------------------------------------------------------------

/// Region, its code prefix, and its two health districts.
const REGIONS: [(&str, &str, [&str; 2]); 4] = [
    ("Nord", "NRD", ["Kéla", "Boussana"]),
    ("Centre", "CTR", ["Toumani", "Saréla"]),
    ("Sud", "SUD", ["Lankoro", "Diassa"]),
    ("Littoral", "LIT", ["Port-Maré", "Bakadi"]),
];

/// Village names (fictitious), twelve per region, in region order.
const VILLAGE_NAMES: [&str; 48] = [
    "Tiéfora",
    "Sakabou",
    "Dioula-Kéla",
    "Nafoun",
    "Bérégadougou",
    "Kongolo",
    "Siribala",
    "Toumbé",
    "Fanaba",
    "Kiniéro",
    "Doussoula",
    "Mandiakuy",
    "Koumbia",
    "Sélingué",
    "Tanéra",
    "Dialakoro",
    "Fingolo",
    "Bankoumana",
    "Yorosso",
    "Kolondiéba",
    "Niamala",
    "Zantiébougou",
    "Ouéléssébougou",
    "Kassela",
    "Samaya",
    "Djélibani",
    "Koussan",
    "Tiénfala",
    "Farako",
    "Sanankoro",
    "Balandougou",
    "Missira",
    "Kérouané",
    "Sokourani",
    "Naréna",
    "Bougoula",
    "Karamokola",
    "Gouana",
    "Sibiribougou",
    "Ndiaré",
    "Tabacoro",
    "Koloni",
    "Sabougou",
    "Dionkélé",
    "Fadiala",
    "Mounzou",
    "Bamba-Plage",
    "Kanikoro",
];

struct Village {
    code: String,
    nom: &'static str,
    region: usize,
    district: &'static str,
    population: Option<u32>,
}

fn villages(rng: &mut Rng) -> Vec<Village> {
    let mut v = Vec::new();
    for (r, (_, prefix, districts)) in REGIONS.iter().enumerate() {
        for k in 0..12 {
            let population = if rng.chance(0.9) {
                Some(rng.range(350, 2600) as u32)
            } else {
                None
            };
            v.push(Village {
                code: format!("{prefix}-{:02}", k + 1),
                nom: VILLAGE_NAMES[r * 12 + k],
                region: r,
                district: districts[k % 2],
                population,
            });
        }
    }
    v
}

// ---------------------------------------------------------------------------
// Water points
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Forage,
    Puits,
    Borne,
}

impl Kind {
    /// People a working point of this kind serves, on average.
    fn served(self) -> u32 {
        match self {
            Kind::Forage => 650,
            Kind::Puits => 300,
            Kind::Borne => 420,
        }
    }

    /// Chance that a test of this kind of point finds E. coli (open wells more often).
    fn contamination(self) -> f64 {
        match self {
            Kind::Forage => 0.03,
            Kind::Puits => 0.16,
            Kind::Borne => 0.05,
        }
    }

    /// Contract price of the works, in XOF.
    fn price(self) -> f64 {
        match self {
            Kind::Forage => 9_500_000.0,
            Kind::Puits => 4_000_000.0,
            Kind::Borne => 3_500_000.0,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Working,
    Broken,
    Abandoned,
}

struct Point {
    code: String,
    village: usize,
    kind: Kind,
    commissioned: Date,
    state: State,
    /// Flow at the pumping test, in m³/h (boreholes and some wells).
    flow: Option<f64>,
}

/// 34 points commissioned between March 2025 and June 2026: one per village at first,
/// then standpipes added to villages that already have a borehole.
fn points(rng: &mut Rng, villages: &[Village]) -> Vec<Point> {
    let mut order: Vec<usize> = (0..villages.len()).collect();
    rng.shuffle(&mut order);
    let total = 34;
    let first = date(2025, 3, 10);
    let span = SNAPSHOT.days() - 12 - first.days();
    let mut v: Vec<Point> = Vec::new();
    for (k, &candidate) in order.iter().enumerate().take(total) {
        // Works speed up after the first dry season: a quadratic schedule.
        let x = k as f64 / (total - 1) as f64;
        let offset = (span as f64 * (0.55 * x + 0.45 * x * x)) as i64 + rng.range(-4, 4);
        let commissioned = first
            .add(offset.max(0))
            .working_day()
            .clamp_to(first, SNAPSHOT);
        let (village, kind) = if k < 28 {
            let kind = [Kind::Forage, Kind::Puits, Kind::Borne][rng.weighted(&[0.55, 0.3, 0.15])];
            (candidate, kind)
        } else {
            // A standpipe on the network of an earlier borehole.
            let host = v
                .iter()
                .filter(|p| p.kind == Kind::Forage)
                .nth((k - 28) * 2)
                .map_or(candidate, |p| p.village);
            (host, Kind::Borne)
        };
        let age_days = SNAPSHOT.days() - commissioned.days();
        let state = match rng.f64() {
            x if x < 0.04 && age_days > 300 => State::Abandoned,
            x if x < 0.13 && age_days > 60 => State::Broken,
            _ => State::Working,
        };
        let flow = match kind {
            Kind::Forage if rng.chance(0.92) => Some((rng.range(55, 260) as f64) / 100.0),
            Kind::Puits if rng.chance(0.4) => Some((rng.range(20, 90) as f64) / 100.0),
            _ => None,
        };
        v.push(Point {
            code: format!("PE-{:04}", k + 1),
            village,
            kind,
            commissioned,
            state,
            flow,
        });
    }
    v
}

// ---------------------------------------------------------------------------
// Quality tests, training sessions, breakdowns
// ---------------------------------------------------------------------------

struct Test {
    point: usize,
    date: Date,
    e_coli: u32,
    lab: Option<&'static str>,
}

const LABS: [&str; 4] = [
    "Laboratoire régional Nord",
    "Laboratoire national de l'eau",
    "Laboratoire régional Sud",
    "Laboratoire du Littoral",
];

/// A test two to three weeks after commissioning, then one every quarter.
fn tests(rng: &mut Rng, villages: &[Village], points: &[Point]) -> Vec<Test> {
    let mut v = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let mut d = p.commissioned.add(rng.range(14, 21));
        while d <= SNAPSHOT {
            let e_coli = if rng.chance(p.kind.contamination()) {
                rng.range(1, 60) as u32
            } else {
                0
            };
            let region = villages[p.village].region;
            let lab = if rng.chance(0.85) {
                Some(LABS[if rng.chance(0.2) { 1 } else { region }])
            } else {
                None
            };
            v.push(Test {
                point: i,
                date: d.working_day().min(SNAPSHOT),
                e_coli,
                lab,
            });
            d = d.add(rng.range(84, 98));
        }
    }
    v.sort_by_key(|t| (t.date, t.point));
    v
}

const THEMES: [&str; 3] = ["gestion", "hygiene", "maintenance"];

struct Session {
    village: usize,
    date: Date,
    theme: usize,
    women: u32,
    men: u32,
}

/// Three sessions per village (management, hygiene, maintenance), villages taken in turn.
fn sessions(rng: &mut Rng, villages: &[Village]) -> Vec<Session> {
    let mut order: Vec<usize> = (0..villages.len()).collect();
    rng.shuffle(&mut order);
    let mut v = Vec::new();
    for (i, &village) in order.iter().enumerate() {
        for theme in 0..3 {
            let d = date(2025, 2, 3)
                .add(i as i64 * 18 + theme as i64 * 45 + rng.range(0, 6))
                .working_day();
            if d > SNAPSHOT {
                continue;
            }
            let women = rng.range(3, 14) as u32;
            let men = rng.range(5, 14) as u32;
            v.push(Session {
                village,
                date: d,
                theme,
                women,
                men,
            });
        }
    }
    v.sort_by_key(|s| (s.date, s.village));
    v
}

struct Breakdown {
    point: usize,
    date: Date,
    repaired: Option<Date>,
    description: Option<&'static str>,
}

const FAULTS: [&str; 6] = [
    "Pompe à motricité humaine bloquée",
    "Fuite sur la colonne d'exhaure",
    "Robinet cassé",
    "Margelle fissurée",
    "Cuir de piston usé",
    "Compteur défectueux",
];

/// A pending breakdown for each point out of order today, and repaired ones on others.
fn breakdowns(rng: &mut Rng, points: &[Point]) -> Vec<Breakdown> {
    let mut v = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let age = SNAPSHOT.days() - p.commissioned.days();
        match p.state {
            State::Broken => {
                let d = SNAPSHOT.add(-rng.range(5, 50.min(age - 1)));
                v.push(Breakdown {
                    point: i,
                    date: d,
                    repaired: None,
                    description: Some(FAULTS[rng.below(FAULTS.len())]),
                });
            }
            State::Abandoned => {
                let d = p.commissioned.add(rng.range(120, age - 60));
                v.push(Breakdown {
                    point: i,
                    date: d,
                    repaired: None,
                    description: Some("Forage tari, ouvrage abandonné"),
                });
            }
            State::Working if age > 90 && rng.chance(0.4) => {
                let d = p.commissioned.add(rng.range(45, age - 30));
                let fixed = d.add(rng.range(2, 25)).min(SNAPSHOT);
                let description = if rng.chance(0.8) {
                    Some(FAULTS[rng.below(FAULTS.len())])
                } else {
                    None
                };
                v.push(Breakdown {
                    point: i,
                    date: d,
                    repaired: Some(fixed),
                    description,
                });
            }
            State::Working => {}
        }
    }
    v.sort_by_key(|b| (b.date, b.point));
    v
}

// ---------------------------------------------------------------------------
// Budget and expenses (XOF)
// ---------------------------------------------------------------------------

struct Line {
    composante: &'static str,
    ligne: &'static str,
    prevu: f64,
    /// Its EU budget heading: 1 human resources, 2 travel, 3 equipment and
    /// supplies, 4 local office, 5 other costs and services, 6 other (the
    /// works), 7 indirect costs, 8 the contingency reserve.
    nature: &'static str,
    /// What the line will have cost at the programme's end, as a share of its
    /// budget: the workplan's committed and planned rows bring it there.
    forecast: f64,
}

const fn l(
    composante: &'static str,
    ligne: &'static str,
    prevu: f64,
    nature: &'static str,
    forecast: f64,
) -> Line {
    Line {
        composante,
        ligne,
        prevu,
        nature,
        forecast,
    }
}

#[rustfmt::skip]
const BUDGET: [Line; 15] = [
    l("infrastructures", "Forages équipés de pompes", 256_500_000.0, "6", 1.04),
    l("infrastructures", "Puits modernes", 60_000_000.0, "6", 0.97),
    l("infrastructures", "Bornes-fontaines", 63_000_000.0, "6", 1.02),
    l("infrastructures", "Contrôle et supervision des travaux", 30_000_000.0, "5", 0.95),
    l("qualite", "Analyses de laboratoire", 10_000_000.0, "5", 1.05),
    l("qualite", "Kits d'analyse de terrain", 4_500_000.0, "3", 1.0),
    l("formation", "Sessions de formation des comités", 25_920_000.0, "5", 1.0),
    l("formation", "Supports de formation", 3_000_000.0, "5", 0.9),
    l("maintenance", "Réseau d'artisans réparateurs", 18_000_000.0, "5", 0.92),
    l("maintenance", "Stock de pièces détachées", 24_000_000.0, "3", 1.12),
    l("gestion", "Personnel du programme", 96_000_000.0, "1", 1.0),
    l("gestion", "Véhicules et carburant", 30_000_000.0, "4", 1.06),
    l("gestion", "Audit et évaluation", 8_000_000.0, "5", 1.0),
    l("gestion", "Frais administratifs", 20_000_000.0, "7", 0.98),
    // The contingency reserve: no expense without the funder's prior approval.
    l("gestion", "Réserve pour imprévus", 15_000_000.0, "8", 0.0),
];

struct Expense {
    date: Date,
    line: usize,
    amount: f64,
    funder: &'static str,
    text: Option<&'static str>,
    note: String,
    /// Its budget heading (most often its line's).
    nature: &'static str,
    /// Whether the funders accept it (bank charges and fines are not).
    eligible: bool,
}

/// Where an expense stands on the day of the snapshot.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Stage {
    Paid,
    Committed,
    Planned,
}

impl Expense {
    /// Paid up to the snapshot, never after: committed for the next quarter,
    /// planned beyond.
    fn stage(&self) -> Stage {
        if self.date <= SNAPSHOT {
            Stage::Paid
        } else if self.date <= COMMITTED_UNTIL {
            Stage::Committed
        } else {
            Stage::Planned
        }
    }

    /// Whether it counts as spent at the snapshot: paid and eligible.
    fn spent(&self) -> bool {
        self.stage() == Stage::Paid && self.eligible
    }
}

fn expenses(
    rng: &mut Rng,
    villages: &[Village],
    points: &[Point],
    tests: &[Test],
    sessions: &[Session],
    breakdowns: &[Breakdown],
) -> Vec<Expense> {
    let mut v = Vec::new();
    let mut push = |date: Date, line: usize, amount: f64, note: String| {
        v.push(Expense {
            date: date.clamp_to(START, SNAPSHOT),
            line,
            amount,
            funder: "",
            text: None,
            note,
            nature: BUDGET[line].nature,
            eligible: true,
        });
    };
    // Works: 40 % advance when the works start, the balance at handover.
    for p in points {
        let line = match p.kind {
            Kind::Forage => 0,
            Kind::Puits => 1,
            Kind::Borne => 2,
        };
        let price = (p.kind.price() * (0.94 + 0.1 * rng.f64()) / 1000.0).round() * 1000.0;
        let advance = (price * 0.4 / 1000.0).round() * 1000.0;
        let place = villages[p.village].nom;
        push(
            p.commissioned.add(-rng.range(40, 75)).working_day(),
            line,
            advance,
            format!("Avance de démarrage {} ({place})", p.code),
        );
        push(
            p.commissioned.add(rng.range(3, 20)).working_day(),
            line,
            price - advance,
            format!("Solde à la réception {} ({place})", p.code),
        );
    }
    // Supervision, laboratory and per-session costs, month by month.
    let mut month = START;
    while month <= SNAPSHOT {
        let end = month.month_end().min(SNAPSHOT);
        let label = format!("{:02}/{}", month.m, month.y);
        push(
            end.add(-2).working_day(),
            10,
            2_650_000.0,
            format!("Salaires {label}"),
        );
        push(
            month.add(9).working_day(),
            11,
            (rng.range(600, 1100) * 1000) as f64,
            format!("Carburant et entretien {label}"),
        );
        push(
            month.add(14).working_day(),
            13,
            (rng.range(300, 800) * 1000) as f64,
            format!("Frais de bureau {label}"),
        );
        let n_tests = tests
            .iter()
            .filter(|t| t.date >= month && t.date <= end)
            .count();
        if n_tests > 0 {
            push(
                end,
                4,
                n_tests as f64 * 25_000.0,
                format!("Facture laboratoire {label} ({n_tests} analyses)"),
            );
        }
        let works = points
            .iter()
            .filter(|p| p.commissioned >= month && p.commissioned <= end)
            .count();
        if works > 0 {
            push(
                end.add(-5).working_day(),
                3,
                works as f64 * 480_000.0,
                format!("Supervision des travaux {label}"),
            );
        }
        month = month.month_end().add(1);
    }
    for s in sessions {
        push(
            s.date.add(rng.range(1, 6)),
            6,
            180_000.0,
            format!("Session {} — {}", THEMES[s.theme], villages[s.village].nom),
        );
    }
    for b in breakdowns.iter().filter(|b| b.repaired.is_some()) {
        let d = b.repaired.unwrap_or(b.date);
        push(
            d,
            9,
            (rng.range(15, 60) * 10_000) as f64,
            format!(
                "Pièces et main-d'œuvre, réparation {}",
                points[b.point].code
            ),
        );
    }
    push(
        date(2025, 4, 14),
        5,
        4_350_000.0,
        "Kits d'analyse de terrain (lot unique)".into(),
    );
    push(
        date(2025, 3, 3),
        7,
        1_250_000.0,
        "Impression des guides du comité de gestion".into(),
    );
    v.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.line.cmp(&b.line))
            .then(a.note.cmp(&b.note))
    });
    // Funders: the rural water fund pays most lines, the foundation the quality and
    // training lines, the communes a share of the standpipes.
    for e in v.iter_mut() {
        e.funder = match BUDGET[e.line].composante {
            "qualite" | "formation" => ["FSC", "FRE"][rng.weighted(&[0.7, 0.3])],
            "infrastructures" if e.line == 2 => ["FRE", "communes"][rng.weighted(&[0.6, 0.4])],
            _ => ["FRE", "FSC", "communes"][rng.weighted(&[0.9, 0.07, 0.03])],
        };
    }
    // Corrections (negative amounts), typed as text.
    let corrections = [
        (
            date(2025, 9, 12),
            11,
            -350_000.0,
            "FRE",
            "-350 000",
            "Annulation de la facture de carburant n° C-2025-087, saisie deux fois",
        ),
        (
            date(2026, 2, 20),
            13,
            -120_500.0,
            "FRE",
            "-120500",
            "Avoir fournisseur sur la facture n° FB-2026-011 (fournitures de bureau retournées)",
        ),
    ];
    for (d, line, amount, funder, text, note) in corrections {
        v.push(Expense {
            date: d,
            line,
            amount,
            funder,
            text: Some(text),
            note: note.into(),
            nature: BUDGET[line].nature,
            eligible: true,
        });
    }
    v.extend(entries_to_complete());
    let workplan = workplan(&v);
    v.extend(workplan);
    v.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.line.cmp(&b.line))
            .then(a.note.cmp(&b.note))
    });
    v
}

/// The original entries of the credit notes (each entered twice, the
/// correction cancelling the second), the bank charges and the fine the funders
/// do not accept.
fn entries_to_complete() -> Vec<Expense> {
    #[rustfmt::skip]
    let rows: [(Date, usize, f64, &str, &str, &str, bool); 6] = [
        (date(2025, 9, 2), 11, 350_000.0, "FRE", "Facture de carburant n° C-2025-087", "4", true),
        (date(2025, 9, 4), 11, 350_000.0, "FRE", "Facture de carburant n° C-2025-087 (saisie en double)", "4", true),
        (date(2025, 6, 30), 13, 84_600.0, "FRE", "Frais bancaires, premier semestre 2025", "5", false),
        (date(2025, 11, 18), 11, 45_000.0, "FRE", "Amende, contravention routière du véhicule du programme", "5", false),
        (date(2025, 12, 31), 13, 91_300.0, "FRE", "Frais bancaires, second semestre 2025", "5", false),
        (date(2026, 2, 6), 13, 120_500.0, "FRE", "Fournitures de bureau, facture n° FB-2026-011", "7", true),
    ];
    rows.into_iter()
        .map(
            |(date, line, amount, funder, note, nature, eligible)| Expense {
                date,
                line,
                amount,
                funder,
                text: None,
                note: note.into(),
                nature,
                eligible,
            },
        )
        .collect()
}

/// The days the workplan's expenses fall on after the snapshot: every month
/// for salaries, else every quarter, to the programme's end.
fn workplan_days(monthly: bool) -> Vec<Date> {
    let mut days = Vec::new();
    let mut month = SNAPSHOT.add(1);
    while month <= END {
        let end = month.month_end();
        if monthly || month.m.is_multiple_of(3) {
            days.push(end.add(-2).working_day().min(END));
        }
        month = end.add(1);
    }
    days
}

/// The committed and planned expenses that bring each line to its forecast
/// (`Line::forecast` of its budget), after what the ledger `v` paid: equal
/// parts in thousands of francs, the last one balancing.
fn workplan(v: &[Expense]) -> Vec<Expense> {
    let mut out = Vec::new();
    for (line, b) in BUDGET.iter().enumerate() {
        let paid: f64 = v
            .iter()
            .filter(|e| e.line == line && e.eligible)
            .map(|e| e.amount)
            .sum();
        let left = (b.prevu * b.forecast - paid).max(0.0);
        if left == 0.0 {
            continue;
        }
        let days = workplan_days(line == 10);
        let part = (left / days.len() as f64 / 1000.0).round() * 1000.0;
        for (k, d) in days.iter().enumerate() {
            let amount = if k + 1 == days.len() {
                left - part * k as f64
            } else {
                part
            };
            // The foundation the quality and training lines and, from the
            // second half of the programme, the staff (its agreement's share);
            // the communes half of the standpipes' instalments.
            let funder = match b.composante {
                "qualite" | "formation" => "FSC",
                "gestion" if line == 10 => "FSC",
                "infrastructures" if line == 2 && k % 2 == 1 => "communes",
                _ => "FRE",
            };
            out.push(Expense {
                date: *d,
                line,
                amount,
                funder,
                text: None,
                note: format!("{} : programme de travail {:02}/{}", b.ligne, d.m, d.y),
                nature: b.nature,
                eligible: true,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Writing, with the variations people type
// ---------------------------------------------------------------------------

/// One of several spellings, chosen by row.
fn spell<'a>(options: &[&'a str], i: usize) -> &'a str {
    options[i % options.len()]
}

/// A date as a date cell most of the time, else as French or ISO text.
fn date_cell(d: Date, i: usize) -> Cell {
    match i % 7 {
        2 => t(d.fr()),
        5 => t(d.iso()),
        _ => Cell::Date(d),
    }
}

/// A code as typed: mostly as in the registry, sometimes lower case or with a stray space.
fn code_cell(code: &str, i: usize) -> Cell {
    match i % 11 {
        3 => t(code.to_lowercase()),
        7 => t(format!("{code} ")),
        _ => t(code),
    }
}

/// An amount as a number cell, or as French text with a (no-break) space between thousands.
fn amount_cell(x: f64, i: usize) -> Cell {
    match i % 9 {
        4 => t(french_number(x, " ", 0)),
        8 => t(french_number(x, NBSP, 0)),
        _ => n(x),
    }
}

/// An entirely empty row (skipped by the ingester, counted as such).
fn empty(ncols: usize) -> Vec<Cell> {
    vec![Cell::Empty; ncols]
}

/// Writes the workbook: one sheet per dataset, sheet and header spellings as a field
/// team would use them, with a fixed creation date so that the bytes never change.
struct Example {
    villages: Vec<Village>,
    points: Vec<Point>,
    tests: Vec<Test>,
    sessions: Vec<Session>,
    breakdowns: Vec<Breakdown>,
    expenses: Vec<Expense>,
}

fn example() -> Example {
    let mut rng = Rng::new(SEED);
    let villages = villages(&mut rng);
    let points = points(&mut rng, &villages);
    let tests = tests(&mut rng, &villages, &points);
    let sessions = sessions(&mut rng, &villages);
    let breakdowns = breakdowns(&mut rng, &points);
    let expenses = expenses(&mut rng, &villages, &points, &tests, &sessions, &breakdowns);
    Example {
        villages,
        points,
        tests,
        sessions,
        breakdowns,
        expenses,
    }
}

/// People served and working points at the end of each month, from the points
/// commissioned by then and not (yet) out of order.
fn monthly(ex: &Example) -> Vec<(Date, u32, u32)> {
    let mut v = Vec::new();
    let mut month = START;
    while month <= SNAPSHOT {
        let end = month.month_end();
        let working: Vec<&Point> = ex
            .points
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                p.commissioned <= end
                    && !ex.breakdowns.iter().any(|b| {
                        b.point == *i && b.date <= end && b.repaired.is_none_or(|r| r > end)
                    })
            })
            .map(|(_, p)| p)
            .collect();
        let served: u32 = working.iter().map(|p| p.kind.served()).sum();
        v.push((month, served, working.len() as u32));
        month = end.add(1);
    }
    v
}

fn write(ex: &Example, path: &Path) -> Res<()> {
    let mut book = Book::new(
        "Eau pour tous : suivi-évaluation",
        "Cellule suivi-évaluation Eau pour tous",
        (2026, 7, 1, 8, 30, 0),
    );
    let notes: Vec<Vec<Cell>> = [
        "Classeur de suivi-évaluation du programme Eau pour tous (1er janvier 2025 – 31 décembre 2027)",
        "",
        "Onglets : Villages (registre), Points d'eau, Contrôles de qualité, Formations, Pannes, Suivi mensuel, Budget, Dépenses.",
        "Dates au format JJ/MM/AAAA. Montants en francs CFA (XOF), sans décimales.",
        "État d'un point d'eau : fonctionnel, en panne ou abandonné, à la date de la dernière visite.",
        "Une panne réparée doit porter sa date de réparation.",
        "Données fictives générées pour l'exemple (cargo run -p cadre-tools --bin generate-eau).",
    ]
    .iter()
    .map(|line| vec![opt_t(Some(*line).filter(|l| !l.is_empty()))])
    .collect();
    book.sheet("Notes", &[], &notes)?;

    // The registry, with the population typed with a thousands separator at times.
    let mut rows = Vec::new();
    for (i, v) in ex.villages.iter().enumerate() {
        if i == 30 {
            rows.push(empty(5));
        }
        let region = REGIONS[v.region].0;
        let region = if i % 5 == 1 {
            region.to_uppercase()
        } else {
            region.to_owned()
        };
        let population = match (v.population, i % 4) {
            (None, _) => Cell::Empty,
            (Some(p), 2) => t(french_number(p as f64, " ", 0)),
            (Some(p), _) => n(p as f64),
        };
        rows.push(vec![
            t(v.code.clone()),
            t(v.nom),
            t(region),
            t(v.district),
            population,
        ]);
    }
    book.sheet(
        "Villages",
        &["Code", "Nom", "Région", "District", "Population"],
        &rows,
    )?;

    // Water points: sheet and date header under their French aliases.
    let mut rows = Vec::new();
    for (i, p) in ex.points.iter().enumerate() {
        let kind = match p.kind {
            Kind::Forage => spell(&["forage", "Forage", "FORAGE"], i),
            Kind::Puits => spell(&["puits", "Puits"], i),
            Kind::Borne => spell(&["borne_fontaine", "Borne fontaine", "borne-fontaine"], i),
        };
        let state = match p.state {
            State::Working => spell(&["fonctionnel", "Fonctionnel"], i),
            State::Broken => spell(&["en panne", "en_panne"], i),
            State::Abandoned => "abandonné",
        };
        let flow = match p.flow {
            Some(f) if i % 6 == 1 => t(format!("{f:.2}").replace('.', ",")),
            Some(f) => n(f),
            None => Cell::Empty,
        };
        rows.push(vec![
            t(p.code.clone()),
            code_cell(&ex.villages[p.village].code, i),
            t(kind),
            date_cell(p.commissioned, i),
            t(state),
            flow,
        ]);
    }
    book.sheet(
        "Points d'eau",
        &[
            "Code",
            "Village",
            "Type",
            "Date de mise en service",
            "Statut",
            "Débit (m3/h)",
        ],
        &rows,
    )?;

    let mut rows = Vec::new();
    for (i, q) in ex.tests.iter().enumerate() {
        if i == 60 {
            rows.push(empty(6));
        }
        let conforme = if q.e_coli == 0 {
            spell(&["oui", "Oui", "OUI"], i)
        } else {
            spell(&["non", "Non"], i)
        };
        rows.push(vec![
            code_cell(&ex.points[q.point].code, i),
            date_cell(q.date, i),
            n(q.e_coli as f64),
            t(conforme),
            opt_t(q.lab),
            // An extra column the ingester ignores.
            opt_t(if q.e_coli > 0 {
                Some("Chloration du point d'eau demandée")
            } else {
                None
            }),
        ]);
    }
    book.sheet(
        "Contrôles de qualité",
        &[
            "Point d'eau",
            "Date du prélèvement",
            "E. coli (UFC/100 ml)",
            "Conforme",
            "Laboratoire",
            "Observations",
        ],
        &rows,
    )?;

    // Training sessions, with the English header aliases a partner NGO uses.
    let mut rows = Vec::new();
    for (i, s) in ex.sessions.iter().enumerate() {
        let theme = match THEMES[s.theme] {
            "hygiene" => spell(&["hygiene", "Hygiène", "hygiène"], i),
            other => other,
        };
        rows.push(vec![
            code_cell(&ex.villages[s.village].code, i),
            date_cell(s.date, i),
            t(theme),
            n(s.women as f64),
            if i % 8 == 3 {
                t(s.men.to_string())
            } else {
                n(s.men as f64)
            },
        ]);
    }
    book.sheet(
        "Formations",
        &["village", "date", "topic", "women", "men"],
        &rows,
    )?;

    let mut rows = Vec::new();
    for (i, b) in ex.breakdowns.iter().enumerate() {
        let statut = if b.repaired.is_some() {
            spell(&["reparee", "réparée", "Réparée"], i)
        } else {
            spell(&["en attente", "en_attente"], i)
        };
        rows.push(vec![
            code_cell(&ex.points[b.point].code, i),
            date_cell(b.date, i),
            t(statut),
            b.repaired.map_or(Cell::Empty, |d| date_cell(d, i + 1)),
            opt_t(b.description),
        ]);
    }
    book.sheet(
        "Pannes",
        &[
            "Point",
            "Date de la panne",
            "Statut",
            "Date de réparation",
            "Description",
        ],
        &rows,
    )?;

    // One snapshot a month, dated on any day of the month.
    let rows: Vec<Vec<Cell>> = monthly(ex)
        .into_iter()
        .enumerate()
        .map(|(i, (month, served, working))| {
            let day = if i % 3 == 0 {
                month.month_end()
            } else {
                month.add(rng_day(i))
            };
            let served = if i % 4 == 1 {
                t(french_number(served as f64, " ", 0))
            } else {
                n(served as f64)
            };
            vec![date_cell(day, i), served, n(working as f64)]
        })
        .collect();
    book.sheet(
        "Suivi mensuel",
        &["Mois", "Population desservie", "Points fonctionnels"],
        &rows,
    )?;

    let rows: Vec<Vec<Cell>> = BUDGET
        .iter()
        .enumerate()
        .map(|(i, b)| {
            vec![
                t(spell(
                    &[b.composante, b.composante, &capitalise(b.composante)],
                    i,
                )),
                t(b.ligne),
                amount_cell(b.prevu, i),
                nature_cell(b.nature, i),
            ]
        })
        .collect();
    book.sheet(
        "Budget",
        &["Composante", "Ligne", "Prévu", "Rubrique"],
        &rows,
    )?;

    let mut rows = Vec::new();
    for (i, e) in ex.expenses.iter().enumerate() {
        if i == 120 {
            rows.push(empty(9));
        }
        let b = &BUDGET[e.line];
        let funder = match e.funder {
            "communes" => spell(&["communes", "Communes"], i),
            other => other,
        };
        rows.push(vec![
            date_cell(e.date, i),
            t(b.composante),
            t(b.ligne),
            e.text.map_or_else(|| amount_cell(e.amount, i), t),
            t(funder),
            nature_cell(e.nature, i),
            t(stage_text(e.stage(), i)),
            t(if e.eligible {
                spell(&["oui", "Oui"], i)
            } else {
                spell(&["non", "NON"], i)
            }),
            t(e.note.clone()),
        ]);
    }
    book.sheet(
        "Dépenses",
        &[
            "Date",
            "Composante",
            "Ligne",
            "Montant",
            "Financeur",
            "Rubrique",
            "Statut",
            "Éligible",
            "Libellé",
        ],
        &rows,
    )?;
    write_versements(&mut book)?;
    write_risques(&mut book)?;
    book.save(path)
}

/// A budget heading as typed: its number (a number cell), or its number and
/// name (a `value_aliases` spelling of `datasets.toml`).
fn nature_cell(nature: &str, i: usize) -> Cell {
    let named = match nature {
        "1" => "1. Ressources humaines",
        "3" => "3. Équipements et fournitures",
        "5" => "5. Autres coûts, services",
        "6" => "6. Autres",
        _ => nature,
    };
    match i % 6 {
        4 => t(named),
        _ => nature.parse().map_or_else(|_| t(nature), n),
    }
}

/// A status as typed, in varying case and accents.
fn stage_text(stage: Stage, i: usize) -> &'static str {
    match stage {
        Stage::Paid => spell(&["payée", "Payée", "payé", "PAYEE"], i),
        Stage::Committed => spell(&["engagée", "Engagée", "engagé"], i),
        Stage::Planned => spell(&["prévue", "Prévue", "planifiée"], i),
    }
}

/// The funds received up to the snapshot: the rural water fund's first two
/// tranches (40 % at signature, 30 % on the first annual report), the
/// foundation's first half, the communes' contributions.
#[rustfmt::skip]
const VERSEMENTS: [(Date, &str, f64, &str); 5] = [
    (date(2025, 1, 20), "FRE", 212_454_400.0, "Convention FRE 2025-2027, 1re tranche (40 %)"),
    (date(2025, 2, 10), "FSC", 49_794_000.0, "Fondation Source Claire, 1er versement (50 %)"),
    (date(2025, 6, 30), "communes", 10_000_000.0, "Contributions des communes 2025"),
    (date(2026, 3, 16), "FRE", 159_340_800.0, "Convention FRE 2025-2027, 2e tranche sur rapport annuel (30 %)"),
    (date(2026, 3, 31), "communes", 8_000_000.0, "Contributions des communes 2026"),
];

/// The `Versements` sheet (optional: a workbook without it loads).
fn write_versements(book: &mut Book) -> Res<()> {
    let rows: Vec<Vec<Cell>> = VERSEMENTS
        .iter()
        .enumerate()
        .map(|(i, (d, funder, amount, reference))| {
            vec![
                date_cell(*d, i),
                t(if *funder == "communes" && i % 2 == 0 {
                    "Communes"
                } else {
                    funder
                }),
                amount_cell(*amount, i + 4),
                t(*reference),
            ]
        })
        .collect();
    book.sheet(
        "Versements",
        &["Date", "Financeur", "Montant", "Référence"],
        &rows,
    )
}

/// The register's risks: code, result, risk, owner.
#[rustfmt::skip]
const RISQUES: [(&str, &str, &str, &str); 7] = [
    ("R1", "R1", "Forages négatifs : nappe insuffisante sur les sites retenus", "Chef de projet"),
    ("R2", "R1", "Hausse du prix du ciment et des pompes au-delà du budget", "Responsable financier"),
    ("R3", "R1", "Pistes impraticables en saison des pluies retardant les chantiers", "Chef de chantier"),
    ("R4", "R2", "Contamination bactériologique de points d'eau neufs", "Laboratoire régional"),
    ("R5", "OS", "Cotisations des usagers trop faibles pour financer les réparations", "Animatrice communautaire"),
    ("R6", "R4", "Rupture de stock des pièces détachées des pompes", "Chef de projet"),
    ("R7", "R3", "Insécurité dans les communes du nord empêchant les formations", "Coordinateur"),
];

/// The reviews of the register up to the snapshot (February and September
/// 2025, March and June 2026): R2 and R5 rise, R4 is closed, R7 occurs.
#[rustfmt::skip]
const REVUES: [(&str, Date, &str, &str, &str, &str); 23] = [
    ("R1", date(2025, 2, 14), "moyenne", "fort", "ouvert", "Études géophysiques avant chaque forage"),
    ("R2", date(2025, 2, 14), "faible", "moyen", "ouvert", "Marchés-cadres à prix fermes"),
    ("R3", date(2025, 2, 14), "elevee", "moyen", "ouvert", "Chantiers planifiés d'octobre à mai"),
    ("R4", date(2025, 2, 14), "moyenne", "fort", "ouvert", "Chloration et contrôle avant mise en service"),
    ("R5", date(2025, 2, 14), "moyenne", "moyen", "ouvert", "Tarif fixé en assemblée villageoise"),
    ("R1", date(2025, 9, 12), "moyenne", "fort", "ouvert", "Études géophysiques avant chaque forage"),
    ("R2", date(2025, 9, 12), "moyenne", "moyen", "ouvert", "Marchés-cadres à prix fermes ; révision trimestrielle"),
    ("R3", date(2025, 9, 12), "elevee", "moyen", "attenue", "Chantiers planifiés d'octobre à mai"),
    ("R4", date(2025, 9, 12), "faible", "fort", "attenue", "Chloration et contrôle avant mise en service"),
    ("R5", date(2025, 9, 12), "moyenne", "moyen", "ouvert", "Tarif fixé en assemblée villageoise"),
    ("R6", date(2025, 9, 12), "moyenne", "moyen", "ouvert", "Stock tampon au magasin régional"),
    ("R1", date(2026, 3, 13), "faible", "fort", "attenue", "Études géophysiques avant chaque forage"),
    ("R2", date(2026, 3, 13), "moyenne", "fort", "ouvert", "Révision des marchés ; provision pour imprévus"),
    ("R4", date(2026, 3, 13), "faible", "fort", "attenue", "Contrôle trimestriel par le laboratoire régional"),
    ("R5", date(2026, 3, 13), "moyenne", "moyen", "ouvert", "Tarif fixé en assemblée villageoise"),
    ("R6", date(2026, 3, 13), "moyenne", "moyen", "attenue", "Stock tampon au magasin régional"),
    ("R7", date(2026, 3, 13), "moyenne", "moyen", "ouvert", "Formations regroupées au chef-lieu"),
    ("R1", date(2026, 6, 12), "faible", "fort", "attenue", "Études géophysiques avant chaque forage"),
    ("R2", date(2026, 6, 12), "elevee", "fort", "ouvert", "Recours à la réserve pour imprévus ; devis comparés"),
    ("R4", date(2026, 6, 12), "faible", "moyen", "clos", "Aucune contamination sur trois campagnes de contrôle"),
    ("R5", date(2026, 6, 12), "elevee", "moyen", "ouvert", "Carnets de cotisation ; appui des mairies"),
    ("R6", date(2026, 6, 12), "moyenne", "moyen", "attenue", "Stock tampon au magasin régional"),
    ("R7", date(2026, 6, 12), "elevee", "moyen", "survenu", "Deux sessions reportées ; formateurs locaux recrutés"),
];

/// The `Risques` sheet: the risk register, one row per risk and review
/// (optional: a workbook without it loads), values typed with their
/// accents and capitals, some dates as text.
fn write_risques(book: &mut Book) -> Res<()> {
    let rows: Vec<Vec<Cell>> = REVUES
        .iter()
        .enumerate()
        .map(|(i, (code, d, likelihood, impact, status, mesures))| {
            let (_, result, risque, owner) = RISQUES
                .iter()
                .find(|r| r.0 == *code)
                .expect("every review names a risk");
            let typed = |v: &str| match (v, i % 3) {
                ("elevee", _) => "élevée".to_string(),
                ("attenue", _) => "atténué".to_string(),
                (v, 2) => capitalise(v),
                (v, _) => v.to_string(),
            };
            vec![
                t(*code),
                t(*risque),
                t(*result),
                t(typed(likelihood)),
                t(typed(impact)),
                t(*mesures),
                t(*owner),
                t(typed(status)),
                date_cell(*d, i),
            ]
        })
        .collect();
    book.sheet(
        "Risques",
        &[
            "Code",
            "Risque",
            "Résultat",
            "Probabilité",
            "Impact",
            "Mesures",
            "Responsable",
            "Statut",
            "Date de revue",
        ],
        &rows,
    )
}

/// A day of the month for the monthly snapshot, varying with the row (no randomness:
/// the snapshot rows are computed, not drawn).
fn rng_day(i: usize) -> i64 {
    [4, 10, 14, 19, 22, 27][i % 6]
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The values the indicators should reach at a few dates (stderr), to cross-check
/// the computation by hand.
fn summary(ex: &Example) {
    let budget: f64 = BUDGET.iter().map(|b| b.prevu).sum();
    for cut in [date(2025, 6, 30), date(2025, 12, 31), SNAPSHOT] {
        let pts: Vec<&Point> = ex.points.iter().filter(|p| p.commissioned <= cut).collect();
        let working: std::collections::BTreeSet<usize> = pts
            .iter()
            .filter(|p| p.state == State::Working)
            .map(|p| p.village)
            .collect();
        let tests: Vec<&Test> = ex.tests.iter().filter(|q| q.date <= cut).collect();
        let bad = tests.iter().filter(|q| q.e_coli > 0).count();
        let sess: Vec<&Session> = ex.sessions.iter().filter(|s| s.date <= cut).collect();
        let women: u32 = sess.iter().map(|s| s.women).sum();
        let men: u32 = sess.iter().map(|s| s.men).sum();
        let pannes: Vec<&Breakdown> = ex.breakdowns.iter().filter(|b| b.date <= cut).collect();
        let spent: f64 = ex
            .expenses
            .iter()
            .filter(|e| e.date <= cut && e.spent())
            .map(|e| e.amount)
            .sum();
        eprintln!(
            "to {}: OS.1={} OS.2={:.1}% R1.1={} R2.1={} OG.1={:.1}% R3.1={} R3.2={} R3.3={:.1} R4.1={:.1}% F.1={:.1}%",
            cut.iso(),
            working.len(),
            working.len() as f64 * 100.0 / ex.villages.len() as f64,
            pts.len(),
            tests.len(),
            bad as f64 * 100.0 / tests.len().max(1) as f64,
            sess.len(),
            women,
            women as f64 * 100.0 / men.max(1) as f64,
            pannes.iter().filter(|b| b.repaired.is_some()).count() as f64 * 100.0
                / pannes.len().max(1) as f64,
            spent * 100.0 / budget,
        );
    }
}

fn main() -> Res<()> {
    let args = support::generator_args("generate-eau");
    let ex = example();
    if args.summary {
        summary(&ex);
    }
    if let Some(path) = args.out {
        write(&ex, &path)?;
    }
    Ok(())
}
