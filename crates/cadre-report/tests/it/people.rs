//! The report's "people reached" chapter: printed tables that add up to
//! the rows of their window, each activity's split against the count the
//! activities' list prints for it, the windows each kind of report shows,
//! and the chapter in the PDF. The figures themselves are checked against
//! the workbook read independently in `cadre`'s `tests/it/people.rs`.

use std::path::Path;

use cadre::Lang;
use cadre_report::report::people::{PeopleData, PeopleTableData};
use cadre_report::report::{ReportOptions, report_data};
use chrono::NaiveDate;

const ROOT: &str = "../..";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn people(programme: &str, workbook: &str, period: &str, lang: Lang) -> PeopleData {
    let root = Path::new(ROOT);
    let p = cadre::Programme::load(root.join(programme)).expect("programme");
    let d = cadre::ingest(&p, root.join(workbook)).expect("workbook");
    let period = cadre::Period::parse(period, p.info.calendar(), p.info.end).expect("period");
    let engine = cadre::Engine::new(&p, &d);
    let t = engine.compute(&period).expect("compute");
    let options = ReportOptions::new(root.join("report_templates/quarterly"), lang, p.info.end);
    report_data(&engine, &t, &options)
        .expect("report data")
        .people
        .expect("the examples declare people")
}

/// A printed count ("1 429" in French: the spaces are the language's).
fn n(cell: &str) -> u64 {
    cell.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("count {cell:?}"))
}

/// Each column of the total row is the sum of the band rows above it (a
/// table without ages has its total only), and the last cell of each row
/// is the sum of its sex cells. Returns the table's total.
fn adds_up(t: &PeopleTableData) -> u64 {
    for row in t.rows.iter().chain([&t.total]) {
        let cells: Vec<u64> = row[1..].iter().map(|c| n(c)).collect();
        let (total, sexes) = cells.split_last().unwrap();
        assert_eq!(sexes.iter().sum::<u64>(), *total, "{row:?}");
    }
    if !t.rows.is_empty() {
        for col in 1..t.total.len() {
            let sum: u64 = t.rows.iter().map(|r| n(&r[col])).sum();
            assert_eq!(sum, n(&t.total[col]), "column {col} of {}", t.caption);
        }
    }
    n(t.total.last().unwrap())
}

#[test]
fn terress_tables_add_up_and_each_event_s_split_is_its_count() {
    let root = Path::new(ROOT);
    let data = people(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        "2025-Q4",
        Lang::En,
    );
    assert_eq!(data.heading, "People reached");
    let s = &data.sources[0];
    assert_eq!(s.tables.len(), 1, "a quarterly report: the period only");
    let total = adds_up(&s.tables[0]);
    // The activities' lists count each event's participations on their
    // own (`[[report.activities]] count`): the per-activity table and the
    // splits the lists can look up say the same.
    let p = cadre::Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let engine = cadre::Engine::new(&p, &d);
    let q4 = cadre::Period::parse("2025-Q4", p.info.calendar(), p.info.end).unwrap();
    let listed: Vec<(String, u64)> = engine
        .activities(&q4)
        .unwrap()
        .iter()
        .flat_map(|l| l.activities.iter())
        .filter_map(|a| a.count.filter(|c| *c > 0).map(|c| (a.title.clone(), c)))
        .collect();
    let table = s.activities.as_ref().expect("split per event");
    let per_event: Vec<(String, u64)> = table
        .rows
        .iter()
        .map(|r| (r[1].clone(), n(r.last().unwrap())))
        .collect();
    let mut want = listed.clone();
    want.sort();
    let mut got = per_event.clone();
    got.sort();
    assert_eq!(got, want, "every event with participations, its count");
    assert_eq!(per_event.iter().map(|(_, c)| c).sum::<u64>(), total);
    let splits = &data.by_activity["evenements"];
    assert_eq!(splits.len(), listed.len());
    let bordeaux = table
        .rows
        .iter()
        .find(|r| n(r.last().unwrap()) == 61)
        .unwrap();
    assert!(
        splits
            .values()
            .any(|w| w == "women 19, men 37, other 1, not stated 4"),
        "{splits:?} {bordeaux:?}"
    );
    assert!(
        s.unique[0].starts_with("Unique persons in the period: 102 ("),
        "{:?}",
        s.unique
    );
}

#[test]
fn an_annual_report_adds_since_the_start_and_a_final_one_does_not_repeat_it() {
    let eau = people("indicators/eau", "examples/eau/eau.xlsx", "2026", Lang::Fr);
    let s = &eau.sources[0];
    assert_eq!(s.tables.len(), 2, "the year, then since the start");
    assert!(
        s.tables[1].caption.starts_with("Depuis le début"),
        "{}",
        s.tables[1].caption
    );
    let (year, all) = (adds_up(&s.tables[0]), adds_up(&s.tables[1]));
    assert!(year < all, "{year} < {all}");
    assert!(
        s.unique.is_empty(),
        "nobody is named in a dataset of counts"
    );
    assert!(s.note.is_some());
    assert_eq!(
        s.columns,
        ["Âge", "Femmes", "Hommes", "Total"],
        "no other, no unknown column"
    );
    let last = people(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        "project",
        Lang::En,
    );
    assert_eq!(
        last.sources[0].tables.len(),
        1,
        "the period is the whole programme"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn the_chapter_is_in_the_pdf() {
    let root = Path::new(ROOT);
    let p = cadre::Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let period = cadre::Period::parse("2025-Q4", p.info.calendar(), p.info.end).unwrap();
    let engine = cadre::Engine::new(&p, &d);
    let t = engine.compute(&period).unwrap();
    let options = ReportOptions::new(
        root.join("report_templates/quarterly"),
        Lang::En,
        date(2026, 1, 15),
    );
    let rendered = cadre_report::report::render(&engine, &t, &options).expect("pdf");
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    let text = crate::report::pdf_text(&rendered.pdf, "people-2025-Q4-en");
    for wanted in [
        "People reached",
        "Participations in the events",
        "By activity, in the period",
        "Unique persons in the period: 102",
    ] {
        assert!(text.contains(wanted), "{wanted} not in the PDF");
    }
}

/// Each event listed in a result's activities carries its people by sex,
/// and the numbers of that line add up to the participations the list
/// counts for it.
#[test]
fn each_listed_event_prints_its_people_adding_up_to_its_count() {
    let root = Path::new(ROOT);
    let p = cadre::Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let period = cadre::Period::parse("2025-Q4", p.info.calendar(), p.info.end).unwrap();
    let engine = cadre::Engine::new(&p, &d);
    let t = engine.compute(&period).unwrap();
    let options = ReportOptions::new(
        root.join("report_templates/quarterly"),
        Lang::En,
        p.info.end,
    );
    let data = report_data(&engine, &t, &options).unwrap();
    let mut seen = 0;
    for list in data.sections.iter().flat_map(|s| &s.activities) {
        for row in list.rows.iter().filter(|r| !r.count.is_empty()) {
            let split = row
                .people
                .as_deref()
                .unwrap_or_else(|| panic!("{}", row.title));
            let sum: u64 = split
                .split(", ")
                .map(|part| n(part.rsplit(' ').next().unwrap()))
                .sum();
            assert_eq!(sum, n(&row.count), "{}: {split}", row.title);
            seen += 1;
        }
    }
    // The Bordeaux gathering, the December video conference, the webinar.
    assert!(seen >= 3, "{seen}");
}
