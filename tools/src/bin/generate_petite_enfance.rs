//! Generates the "Grandir ensemble" example monitoring workbook (see
//! `examples/petite-enfance/README.md`).
//!
//! ```text
//! cargo run -p cadre-tools --bin generate-petite-enfance -- examples/petite-enfance/petite-enfance.xlsx
//! cargo run -p cadre-tools --bin generate-petite-enfance -- --summary
//! ```
//!
//! The third example programme (early childhood development, `indicators/petite-enfance/`),
//! shaped like a real results framework of the sector: a register of centres that open
//! and close, enrolments, a household survey in two rounds with sampling weights,
//! caregivers' trainings, inspections, classrooms handed over, child protection incidents
//! and the stages of a national policy. The data are fictitious and clean: the workbook
//! validates with zero rejected rows (the other two generators show the messy spellings).
//!
//! The workbook is a snapshot taken on 31 December 2025, half-way through the programme
//! (1 July 2024 to 30 June 2027): nothing is dated after that day. The rows are drawn so
//! that every indicator, including those waiting in `indicators/petite-enfance/pending/`
//! (a stock of classrooms, targets per sex and per programme year), computes sensibly.
//!
//! Output is deterministic: a fixed seed, no clock, a fixed creation date in the document
//! properties. The same arguments give byte-identical files.

#[path = "support/mod.rs"]
mod support;

use std::path::Path;

use support::{Book, Cell, Date, Res, Rng, date, n, opt_t, t};

const SEED: u64 = 0x9E7_2024_2027;
const START: Date = date(2024, 7, 1);
/// The day the workbook was last filled in.
const SNAPSHOT: Date = date(2025, 12, 31);

/// District code (the enum value), centre code prefix, children under 5 in the
/// district (the survey's sampling frame), and how far behind its attendance is.
const DISTRICTS: [(&str, &str, f64, f64); 6] = [
    ("natitingou", "NAT", 24_000.0, -0.06),
    ("parakou", "PAR", 31_000.0, 0.04),
    ("abomey", "ABO", 18_500.0, 0.06),
    ("kara", "KAR", 21_000.0, 0.0),
    ("atakpame", "ATA", 16_000.0, 0.02),
    ("dapaong", "DAP", 27_500.0, -0.08),
];

/// Words the centres' names are made of (fictitious).
const NAMES: [&str; 12] = [
    "Les Étoiles",
    "Petits Pas",
    "Soleil Levant",
    "Arc-en-ciel",
    "La Ruche",
    "Les Colibris",
    "Baobab",
    "Les Lucioles",
    "Graines d'avenir",
    "Le Manguier",
    "Les Hirondelles",
    "Bon Départ",
];

const OWNERSHIP: [&str; 3] = ["public", "communautaire", "prive"];
const NEEDS: [&str; 4] = ["moteur", "visuel", "auditif", "intellectuel"];
const MODULES: [&str; 3] = ["eveil", "nutrition", "protection"];
const INCIDENTS: [&str; 3] = ["accident", "negligence", "violence"];

struct Centre {
    code: String,
    name: String,
    district: usize,
    ownership: usize,
    opened: Date,
    closed: Option<Date>,
    places: i64,
}

struct Enrolment {
    child: String,
    centre: usize,
    date: Date,
    girl: bool,
    /// `None`: not screened; `Some(None)`: no disability; `Some(Some(k))`: type k.
    needs: Option<Option<usize>>,
}

struct Child {
    round: i64,
    date: Date,
    district: usize,
    girl: bool,
    age: i64,
    attends: Option<bool>,
    stunted: Option<bool>,
    weight: f64,
}

struct Training {
    caregiver: String,
    centre: usize,
    date: Date,
    module: usize,
}

struct Dated {
    centre: usize,
    date: Date,
    what: usize,
}

struct Example {
    centres: Vec<Centre>,
    enrolments: Vec<Enrolment>,
    survey: Vec<Child>,
    trainings: Vec<Training>,
    inspections: Vec<(usize, Date, bool)>,
    classrooms: Vec<Dated>,
    incidents: Vec<Dated>,
}

/// A uniformly drawn day in `[lo, hi]`.
fn day_between(rng: &mut Rng, lo: Date, hi: Date) -> Date {
    lo.add(rng.range(0, hi.days() - lo.days()))
}

/// 100 centres opened before the programme (4 of them closed before it began, 5 more
/// close during it), then 46 opened by the programme, mostly community centres.
fn centres(rng: &mut Rng) -> Vec<Centre> {
    let mut v = Vec::new();
    let mut numbers = [0usize; 6];
    for k in 0..146 {
        let old = k < 100;
        let district = if old { k % 6 } else { rng.below(6) };
        let ownership = if old {
            rng.weighted(&[0.5, 0.3, 0.2])
        } else {
            rng.weighted(&[0.3, 0.7, 0.0])
        };
        let closes_early = matches!(k, 3 | 17 | 42 | 77);
        let opened = if closes_early {
            day_between(rng, date(2012, 1, 1), date(2021, 12, 31))
        } else if old {
            day_between(rng, date(2012, 1, 1), date(2024, 6, 15))
        } else {
            day_between(rng, date(2024, 9, 2), date(2025, 12, 15))
        }
        .working_day();
        let closed = match k {
            _ if closes_early => Some(day_between(rng, opened.add(200), date(2024, 6, 28))),
            10 | 31 | 55 | 68 | 90 => Some(day_between(rng, date(2024, 8, 1), date(2025, 11, 30))),
            _ => None,
        }
        .map(|d| d.clamp_to(opened.add(30), SNAPSHOT));
        numbers[district] += 1;
        v.push(Centre {
            code: format!("{}-{:03}", DISTRICTS[district].1, numbers[district]),
            name: format!("Centre {}", NAMES[(k * 7 + district) % NAMES.len()]),
            district,
            ownership,
            opened,
            closed,
            places: 5 * rng.range(6, 16),
        });
    }
    v
}

/// The centres open on `day`.
fn open_on(centres: &[Centre], day: Date) -> Vec<usize> {
    (0..centres.len())
        .filter(|&c| centres[c].opened <= day && centres[c].closed.is_none_or(|x| x > day))
        .collect()
}

/// Enrolments at the two school-year intakes (September to November) and a few in
/// between, each in a centre open on its day.
fn enrolments(rng: &mut Rng, centres: &[Centre]) -> Vec<Enrolment> {
    let waves = [
        (date(2024, 9, 16), date(2024, 11, 15), 1040),
        (date(2025, 1, 6), date(2025, 3, 28), 210),
        (date(2025, 9, 15), date(2025, 11, 28), 1120),
        (date(2025, 12, 1), date(2025, 12, 19), 90),
    ];
    let mut v = Vec::new();
    for (lo, hi, count) in waves {
        for _ in 0..count {
            let day = day_between(rng, lo, hi).working_day();
            let open = open_on(centres, day);
            let centre = open[rng.below(open.len())];
            let needs = if rng.chance(0.07) {
                None
            } else if rng.chance(0.035) {
                Some(Some(rng.weighted(&[0.35, 0.2, 0.2, 0.25])))
            } else {
                Some(None)
            };
            v.push(Enrolment {
                child: String::new(),
                centre,
                date: day,
                girl: rng.chance(0.49),
                needs,
            });
        }
    }
    v.sort_by_key(|e| e.date);
    for (i, e) in v.iter_mut().enumerate() {
        e.child = format!("E-{:05}", i + 1);
    }
    v
}

/// The household survey: 80 children under 5 per district and round; round 1 (the
/// baseline) in August and September 2024, round 2 (midline) in October and November
/// 2025. Weights: the district's children under 5 over its sample, by cluster.
fn survey(rng: &mut Rng) -> Vec<Child> {
    let rounds = [
        (1, date(2024, 8, 19), date(2024, 9, 27), 0.18, 0.46),
        (2, date(2025, 10, 6), date(2025, 11, 14), 0.29, 0.40),
    ];
    let mut v = Vec::new();
    for (round, lo, hi, attendance, stunting) in rounds {
        for (d, &(_, _, frame, gap)) in DISTRICTS.iter().enumerate() {
            for k in 0..80 {
                let cluster = [0.9, 1.0, 1.1][k % 3];
                let girl = rng.chance(0.5);
                let age = rng.range(0, 59);
                let p_attend = attendance + gap - if girl { 0.03 } else { 0.0 };
                let attends = (age >= 36 && rng.chance(0.97)).then(|| rng.chance(p_attend));
                let stunted = rng.chance(0.95).then(|| rng.chance(stunting - gap / 2.0));
                v.push(Child {
                    round,
                    date: day_between(rng, lo, hi).working_day(),
                    district: d,
                    girl,
                    age,
                    attends,
                    stunted,
                    weight: (frame / 80.0 * cluster * 100.0).round() / 100.0,
                });
            }
        }
    }
    v.sort_by_key(|c| (c.round, c.date));
    v
}

/// Caregivers: two per new centre and one or two per older centre, each trained from
/// October 2024 on in one to three modules, a few weeks apart.
fn trainings(rng: &mut Rng, centres: &[Centre]) -> Vec<Training> {
    let mut v = Vec::new();
    let mut number = 0;
    for (c, centre) in centres.iter().enumerate() {
        if centre.closed.is_some_and(|d| d < date(2025, 1, 1)) {
            continue;
        }
        let staff = if centre.opened >= START {
            2
        } else {
            rng.range(1, 2)
        };
        for _ in 0..staff {
            number += 1;
            let caregiver = format!("EDU-{number:04}");
            let first = day_between(rng, date(2024, 10, 7), date(2025, 12, 12))
                .max(centre.opened)
                .working_day();
            let modules = rng.range(1, 3) as usize;
            for m in 0..modules {
                let day = first.add(42 * m as i64).working_day();
                if day <= SNAPSHOT {
                    v.push(Training {
                        caregiver: caregiver.clone(),
                        centre: c,
                        date: day,
                        module: m,
                    });
                }
            }
        }
    }
    v.sort_by(|a, b| (a.date, &a.caregiver).cmp(&(b.date, &b.caregiver)));
    v
}

/// Inspections from January 2025: most centres once, some twice; a second
/// inspection finds the centre meeting the standards more often.
fn inspections(rng: &mut Rng, centres: &[Centre]) -> Vec<(usize, Date, bool)> {
    let mut v = Vec::new();
    for (c, centre) in centres.iter().enumerate() {
        let from = centre.opened.max(date(2025, 1, 6)).add(30);
        let until = centre.closed.unwrap_or(SNAPSHOT).min(SNAPSHOT);
        if from >= until || !rng.chance(0.8) {
            continue;
        }
        let first = day_between(rng, from, until).working_day().min(until);
        v.push((c, first, rng.chance(0.6)));
        let second = first.add(rng.range(120, 200)).working_day();
        if second <= until && rng.chance(0.6) {
            v.push((c, second, rng.chance(0.75)));
        }
    }
    v.sort_by_key(|&(c, d, _)| (d, c));
    v
}

/// Classrooms handed over: two to four in each new centre a few weeks before it opens,
/// one or two added to a third of the older centres.
fn classrooms(rng: &mut Rng, centres: &[Centre]) -> Vec<Dated> {
    let mut v = Vec::new();
    for (c, centre) in centres.iter().enumerate() {
        if centre.opened >= START {
            let day = centre
                .opened
                .add(-rng.range(10, 40))
                .max(START)
                .working_day();
            v.push(Dated {
                centre: c,
                date: day,
                what: rng.range(2, 4) as usize,
            });
        } else if centre.closed.is_none() && rng.chance(0.33) {
            v.push(Dated {
                centre: c,
                date: day_between(rng, date(2024, 10, 1), date(2025, 12, 15)).working_day(),
                what: rng.range(1, 2) as usize,
            });
        }
    }
    v.sort_by_key(|x| (x.date, x.centre));
    v
}

/// Child protection incidents: a few a quarter, in centres open on their day.
fn incidents(rng: &mut Rng, centres: &[Centre]) -> Vec<Dated> {
    let mut v = Vec::new();
    let mut quarter = START;
    while quarter < SNAPSHOT {
        let end = quarter.add(91).min(SNAPSHOT);
        for _ in 0..rng.range(1, 3) {
            let day = day_between(rng, quarter, end.add(-3)).working_day();
            let open = open_on(centres, day);
            v.push(Dated {
                centre: open[rng.below(open.len())],
                date: day,
                what: rng.weighted(&[0.6, 0.3, 0.1]),
            });
        }
        quarter = end.add(1);
    }
    v.sort_by_key(|x| x.date);
    v
}

fn example() -> Example {
    let mut rng = Rng::new(SEED);
    let centres = centres(&mut rng);
    Example {
        enrolments: enrolments(&mut rng, &centres),
        survey: survey(&mut rng),
        trainings: trainings(&mut rng, &centres),
        inspections: inspections(&mut rng, &centres),
        classrooms: classrooms(&mut rng, &centres),
        incidents: incidents(&mut rng, &centres),
        centres,
    }
}

// ---------------------------------------------------------------------------
// The workbook
// ---------------------------------------------------------------------------

fn yes_no(x: Option<bool>) -> Cell {
    opt_t(x.map(|b| if b { "oui" } else { "non" }))
}

fn sex(girl: bool) -> Cell {
    t(if girl { "fille" } else { "garcon" })
}

fn write_registers(ex: &Example, book: &mut Book) -> Res<()> {
    let rows: Vec<Vec<Cell>> = ex
        .centres
        .iter()
        .map(|c| {
            vec![
                t(&c.code),
                t(&c.name),
                t(DISTRICTS[c.district].0),
                t(OWNERSHIP[c.ownership]),
                Cell::Date(c.opened),
                c.closed.map_or(Cell::Empty, Cell::Date),
                n(c.places as f64),
            ]
        })
        .collect();
    let headers = [
        "Code",
        "Nom",
        "District",
        "Statut",
        "Ouverture",
        "Fermeture",
        "Places",
    ];
    book.sheet("Centres", &headers, &rows)?;
    let rows: Vec<Vec<Cell>> = ex
        .enrolments
        .iter()
        .map(|e| {
            let needs = e
                .needs
                .map(|k| t(k.map_or("aucun", |k| NEEDS[k])))
                .unwrap_or(Cell::Empty);
            vec![
                t(&e.child),
                t(&ex.centres[e.centre].code),
                Cell::Date(e.date),
                sex(e.girl),
                needs,
            ]
        })
        .collect();
    let headers = ["Enfant", "Centre", "Date", "Sexe", "Besoins particuliers"];
    book.sheet("Inscriptions", &headers, &rows)?;
    let rows: Vec<Vec<Cell>> = ex
        .survey
        .iter()
        .map(|c| {
            vec![
                n(c.round as f64),
                Cell::Date(c.date),
                t(DISTRICTS[c.district].0),
                sex(c.girl),
                n(c.age as f64),
                yes_no(c.attends),
                yes_no(c.stunted),
                n(c.weight),
            ]
        })
        .collect();
    let headers = [
        "Vague",
        "Date",
        "District",
        "Sexe",
        "Âge (mois)",
        "Fréquente",
        "Retard de croissance",
        "Poids",
    ];
    book.sheet("Enquête ménages", &headers, &rows)
}

fn write_activities(ex: &Example, book: &mut Book) -> Res<()> {
    let code = |c: usize| t(&ex.centres[c].code);
    let rows: Vec<Vec<Cell>> = ex
        .trainings
        .iter()
        .map(|x| {
            vec![
                t(&x.caregiver),
                code(x.centre),
                Cell::Date(x.date),
                t(MODULES[x.module]),
            ]
        })
        .collect();
    book.sheet(
        "Formations",
        &["Educateur", "Centre", "Date", "Module"],
        &rows,
    )?;
    let rows: Vec<Vec<Cell>> = ex
        .inspections
        .iter()
        .map(|&(c, d, ok)| vec![code(c), Cell::Date(d), yes_no(Some(ok))])
        .collect();
    book.sheet("Inspections", &["Centre", "Date", "Conforme"], &rows)?;
    let rows: Vec<Vec<Cell>> = ex
        .classrooms
        .iter()
        .map(|x| vec![code(x.centre), Cell::Date(x.date), n(x.what as f64)])
        .collect();
    book.sheet("Salles", &["Centre", "Date", "Nombre"], &rows)?;
    let rows: Vec<Vec<Cell>> = ex
        .incidents
        .iter()
        .map(|x| vec![code(x.centre), Cell::Date(x.date), t(INCIDENTS[x.what])])
        .collect();
    book.sheet("Incidents", &["Centre", "Date", "Type"], &rows)?;
    let policy = [
        (
            date(2024, 11, 18),
            "brouillon",
            "Projet de politique nationale, version 1",
        ),
        (
            date(2025, 4, 10),
            "brouillon",
            "Projet de politique nationale, version 2 (après consultation)",
        ),
        (
            date(2025, 10, 21),
            "adoptee",
            "Décret d'adoption n° 2025-412 (fictif)",
        ),
    ];
    let rows: Vec<Vec<Cell>> = policy
        .iter()
        .map(|&(d, stage, doc)| vec![Cell::Date(d), t(stage), t(doc)])
        .collect();
    book.sheet("Politique", &["Date", "Etape", "Document"], &rows)
}

fn write(ex: &Example, path: &Path) -> Res<()> {
    let mut book = Book::new(
        "Grandir ensemble : suivi-évaluation",
        "Cellule suivi-évaluation Grandir ensemble",
        (2026, 1, 5, 9, 0, 0),
    );
    write_registers(ex, &mut book)?;
    write_activities(ex, &mut book)?;
    book.save(path)
}

/// The values some indicators reach at a few dates (stderr), to cross-check the
/// computation by hand.
fn summary(ex: &Example) {
    for cut in [date(2024, 6, 30), date(2025, 6, 30), SNAPSHOT] {
        let open = open_on(&ex.centres, cut).len();
        let enrolled = ex.enrolments.iter().filter(|e| e.date <= cut).count();
        let built: usize = ex
            .classrooms
            .iter()
            .filter(|x| x.date <= cut)
            .map(|x| x.what)
            .sum();
        let mut trained: Vec<&str> = ex
            .trainings
            .iter()
            .filter(|x| x.date <= cut)
            .map(|x| x.caregiver.as_str())
            .collect();
        trained.sort_unstable();
        trained.dedup();
        let incidents = ex.incidents.iter().filter(|x| x.date <= cut).count();
        eprintln!(
            "to {}: R1.1={open} OS1.3={enrolled} R1.2={built} R2.1={} R3.2={incidents}",
            cut.iso(),
            trained.len(),
        );
    }
    eprintln!(
        "rows: centres {} enrolments {} survey {} trainings {} inspections {} classrooms {} incidents {}",
        ex.centres.len(),
        ex.enrolments.len(),
        ex.survey.len(),
        ex.trainings.len(),
        ex.inspections.len(),
        ex.classrooms.len(),
        ex.incidents.len()
    );
}

fn main() -> Res<()> {
    let args = support::generator_args("generate-petite-enfance");
    let ex = example();
    if args.summary {
        summary(&ex);
    }
    if let Some(path) = args.out {
        write(&ex, &path)?;
    }
    Ok(())
}
