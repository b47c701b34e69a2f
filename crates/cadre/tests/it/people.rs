//! The people reached (`[[report.people]]`): the hand-computed case of
//! `tests/people/` (its README holds the arithmetic), the load-time checks,
//! and the Terr'ESS example's tables against a derivation made here from
//! the workbook's cells, read with calamine, independently of cadre's
//! ingestion.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use cadre::people::{AgeBand, People, SexCounts};
use cadre::{Engine, Period, Programme};
use calamine::{Data, Reader};
use chrono::NaiveDate;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Women, men, other, unknown.
fn sc(women: u64, men: u64, other: u64, unknown: u64) -> SexCounts {
    SexCounts {
        women,
        men,
        other,
        unknown,
    }
}

fn hand_case(period: &str) -> People {
    let p = Programme::load(repo().join("tests/people/programme")).unwrap();
    let d = cadre::ingest(&p, repo().join("tests/people/data")).unwrap();
    let engine = Engine::new(&p, &d);
    let period = Period::parse(period, p.info.calendar(), date(2024, 12, 31)).unwrap();
    let mut people = engine.people(&period).unwrap();
    assert_eq!(people.len(), 1);
    people.remove(0)
}

fn bands(p: &cadre::people::PeopleFigures) -> Vec<(AgeBand, SexCounts)> {
    p.table.bands.iter().map(|b| (b.band, b.counts)).collect()
}

#[test]
fn the_hand_case_by_sex_and_age_band_per_event_and_unique() {
    let q1 = hand_case("2024-Q1");
    let expected_bands = |between: SexCounts| {
        vec![
            (AgeBand::Under { age: 15 }, sc(1, 0, 0, 0)),
            (AgeBand::Between { from: 15, to: 25 }, sc(0, 1, 0, 1)),
            (AgeBand::Between { from: 25, to: 60 }, between),
            (AgeBand::From { age: 60 }, sc(1, 0, 0, 1)),
            (AgeBand::Unknown, sc(1, 1, 0, 0)),
        ]
    };
    assert_eq!(bands(&q1.period), expected_bands(sc(1, 1, 1, 0)));
    assert_eq!(q1.period.table.total, sc(4, 3, 1, 2));
    assert_eq!(
        q1.period.table.total.total(),
        10,
        "every row of the quarter"
    );
    let split: Vec<(&str, &str, NaiveDate, SexCounts)> = q1
        .activities
        .iter()
        .map(|a| (a.key.as_str(), a.title.as_str(), a.date, a.counts))
        .collect();
    assert_eq!(
        split,
        vec![
            ("E1", "Opening", date(2024, 1, 10), sc(2, 2, 1, 1)),
            ("E2", "Workshop", date(2024, 2, 20), sc(2, 1, 0, 1)),
        ]
    );
    let unique = q1.period.unique.as_ref().unwrap();
    assert_eq!(unique.persons, sc(3, 2, 1, 0));
    assert_eq!(unique.without_id, 1);

    let q2 = hand_case("2024-Q2");
    assert_eq!(q2.period.table.total, sc(1, 0, 0, 0));
    assert_eq!(q2.activities.len(), 1);
    assert_eq!(q2.activities[0].counts, sc(1, 0, 0, 0));
    assert_eq!(q2.period.unique.as_ref().unwrap().persons, sc(1, 0, 0, 0));
    assert_eq!(bands(&q2.cumulative), expected_bands(sc(2, 1, 1, 0)));
    assert_eq!(q2.cumulative.table.total, sc(5, 3, 1, 2));
    let unique = q2.cumulative.unique.as_ref().unwrap();
    assert_eq!(unique.persons, sc(4, 2, 1, 0));
    assert_eq!(unique.without_id, 1);
}

/// The hand case's programme with `edit` applied to its `programme.toml`:
/// the error it loads with, its line and its words in both languages.
fn broken(edit: impl Fn(String) -> String) -> (Option<usize>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/people/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml", "indicators/people.toml"] {
        let text = std::fs::read_to_string(src.join(f)).unwrap();
        let text = if f == "programme.toml" {
            edit(text)
        } else {
            text
        };
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    let (path, line, e) = super::definition_error(Programme::load(dir.path()));
    assert!(path.ends_with("programme.toml"), "{path:?}");
    (line, e.message(cadre::Lang::En), e.message(cadre::Lang::Fr))
}

#[test]
fn a_wrong_people_entry_is_refused_at_load_with_its_key_and_line() {
    // A sex value classed nowhere: nothing may be dropped.
    let (line, en, fr) = broken(|t| t.replace(", other = [\"X\"]", ""));
    assert_eq!(line, Some(22), "the `sex` line");
    assert!(
        en.contains("[[report.people]] of attendances, `sex`: value `X` of `sex` is in none of `women`, `men` and `other`"),
        "{en}"
    );
    assert!(
        fr.contains("[[report.people]] de attendances, « sex » : la valeur « X » de « sex » n'est dans aucune"),
        "{fr}"
    );
    let (line, en, _) = broken(|t| t.replace("[15, 25, 60]", "[15, 60, 25]"));
    assert_eq!(line, Some(24));
    assert!(
        en.contains("`age_bands`: the edges [15, 60, 25] must increase"),
        "{en}"
    );
    let (line, en, fr) = broken(|t| t.replace("person = \"name\"", "person = \"nom\""));
    assert_eq!(line, Some(25));
    assert!(
        en.contains("`person`: `nom` is not a column of `attendances`"),
        "{en}"
    );
    assert!(fr.contains("« person »"), "{fr}");
    let (_, en, _) = broken(|t| t.replace("age = \"age\"", "age = \"name\""));
    assert!(en.contains("`age`: `name` is text, not an integer"), "{en}");
    let (_, en, _) = broken(|t| t.replace("women = [\"F\"]", "women = [\"W\"]"));
    assert!(
        en.contains("`W` is not a value of the column (F, M, X)"),
        "{en}"
    );
    let (_, en, _) = broken(|t| t.replace("via = \"event\"", "via = \"name\""));
    assert!(
        en.contains("`name` must be a column of `attendances` that references"),
        "{en}"
    );
    let (_, en, _) = broken(|t| t.replace("age = \"age\"\n", "counts = { women = \"age\" }\n"));
    assert!(
        en.contains("`counts` (a row holds counts) takes no `sex`"),
        "{en}"
    );
}

// ---------------------------------------------------------------- Terr'ESS

/// A date cell as the example writes them: a date, `dd/mm/yyyy` (maybe
/// with a time) or `yyyy-mm-dd`.
fn day(c: &Data) -> NaiveDate {
    match c {
        Data::DateTime(d) => d.as_datetime().expect("date").date(),
        Data::String(s) => {
            let s = s.trim();
            let s = s.split(' ').next().unwrap_or(s);
            NaiveDate::parse_from_str(s, "%d/%m/%Y")
                .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
                .unwrap_or_else(|_| panic!("date {s:?}"))
        }
        other => panic!("date {other:?}"),
    }
}

/// The sheet's non-empty rows under its header (folded), as header → cell.
fn sheet(name: &str) -> Vec<BTreeMap<String, Data>> {
    let path = repo().join("examples/terress/terress.xlsx");
    let mut book = calamine::open_workbook_auto(path).expect("workbook");
    let range = book.worksheet_range(name).expect("sheet");
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .expect("header")
        .iter()
        .map(|c| cadre::text::fold_name(&c.to_string()))
        .collect();
    rows.filter(|r| r.iter().any(|c| !c.to_string().trim().is_empty()))
        .map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

/// A participation as read here: its event, date, sex, age band, name.
struct Seen {
    event: String,
    date: NaiveDate,
    /// 0 women, 1 men, 2 other, 3 unknown.
    sex: usize,
    band: usize,
    name: String,
}

fn participations() -> Vec<Seen> {
    let events: HashMap<String, NaiveDate> = sheet("Évènements")
        .iter()
        .map(|r| (r["id"].to_string().trim().to_lowercase(), day(&r["date"])))
        .collect();
    sheet("Participations")
        .iter()
        .map(|r| {
            let event = r["evenement"].to_string().trim().to_lowercase();
            let sex = match r["gender"].to_string().trim().to_lowercase().as_str() {
                "f" => 0,
                "h" => 1,
                "autre" => 2,
                "" => 3,
                other => panic!("gender {other}"),
            };
            let age: Option<u32> = match &r["age"] {
                Data::Empty => None,
                c => Some(c.to_string().trim().parse::<f64>().expect("age") as u32),
            };
            // Under 15, 15–24, 25–34, 35–59, 60+, unknown.
            let band = age.map_or(5, |a| [15, 25, 35, 60].iter().filter(|e| a >= **e).count());
            Seen {
                date: events[&event],
                event,
                sex,
                band,
                name: r["nom"].to_string().trim().to_lowercase(),
            }
        })
        .collect()
}

fn counts(v: [u64; 4]) -> SexCounts {
    sc(v[0], v[1], v[2], v[3])
}

/// The table, per event and unique persons of the rows dated in
/// `[from, to]`, derived here, against cadre's.
fn check_window(got: &cadre::people::PeopleFigures, seen: &[&Seen]) {
    let mut table = [[0u64; 4]; 6];
    for s in seen {
        table[s.band][s.sex] += 1;
    }
    let got_bands: Vec<SexCounts> = got.table.bands.iter().map(|b| b.counts).collect();
    let want: Vec<SexCounts> = table.iter().map(|r| counts(*r)).collect();
    assert_eq!(got_bands, want);
    assert_eq!(
        got.table.total.total(),
        seen.len() as u64,
        "every row counted"
    );
    // A person has the sex of their latest participation stating one.
    let mut sorted: Vec<&&Seen> = seen.iter().collect();
    sorted.sort_by_key(|s| s.date);
    let mut person: HashMap<&str, usize> = HashMap::new();
    for s in sorted {
        let e = person.entry(s.name.as_str()).or_insert(3);
        if s.sex != 3 {
            *e = s.sex;
        }
    }
    let mut unique = [0u64; 4];
    for s in person.values() {
        unique[*s] += 1;
    }
    let got_unique = got.unique.as_ref().expect("named participants");
    assert_eq!(got_unique.persons, counts(unique));
    assert!(
        got_unique.persons.total() < seen.len() as u64,
        "people come back"
    );
}

#[test]
fn terress_people_match_the_workbook_read_independently() {
    let p = Programme::load(repo().join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, repo().join("examples/terress/terress.xlsx")).unwrap();
    let engine = Engine::new(&p, &d);
    let seen = participations();
    let q4 = Period::parse("2025-Q4", p.info.calendar(), date(2025, 12, 31)).unwrap();
    let people = engine.people(&q4).unwrap();
    let got = &people[0];
    let in_q4: Vec<&Seen> = seen
        .iter()
        .filter(|s| s.date >= q4.start && s.date <= q4.end)
        .collect();
    let to_q4: Vec<&Seen> = seen.iter().filter(|s| s.date <= q4.end).collect();
    check_window(&got.period, &in_q4);
    check_window(&got.cumulative, &to_q4);
    // Per event: each event's rows by sex.
    let mut per_event: BTreeMap<&str, [u64; 4]> = BTreeMap::new();
    for s in &in_q4 {
        per_event.entry(s.event.as_str()).or_default()[s.sex] += 1;
    }
    let got_events: BTreeMap<String, SexCounts> = got
        .activities
        .iter()
        .map(|a| (a.key.to_lowercase(), a.counts))
        .collect();
    let want: BTreeMap<String, SexCounts> = per_event
        .iter()
        .map(|(k, v)| (k.to_string(), counts(*v)))
        .collect();
    assert_eq!(got_events, want);
    // The two events: the Bordeaux gathering's 61 and the
    // video conference's 17 now have their split.
    let totals: Vec<u64> = got.activities.iter().map(|a| a.counts.total()).collect();
    assert!(totals.contains(&61) && totals.contains(&17), "{totals:?}");
}
