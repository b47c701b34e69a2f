//! Property tests of the parts users type (issue 12, item 3): dates and
//! numbers written the French or English way, periods, and the accounting
//! of any generated sheet. Case counts stay modest: the module runs in a few
//! seconds in a debug build.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cadre::cell::{self, Cell, CellError};
use cadre::{Calendar, Period, Programme};
use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;

fn text(s: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s))
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Groups the digits of a whole number by three with `sep` (`12 500`).
fn grouped(int: u64, sep: &str) -> String {
    let digits = int.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A date of a four-digit year.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1000i32..=9999, 0u32..366).prop_map(|(y, d)| {
        NaiveDate::from_yo_opt(
            y,
            d % if NaiveDate::from_ymd_opt(y, 2, 29).is_some() {
                366
            } else {
                365
            } + 1,
        )
        .unwrap()
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn no_string_makes_cell_parsing_panic(s in any::<String>()) {
        let c = text(&s);
        let _ = cell::to_text(&c);
        let _ = cell::to_number(&c);
        let _ = cell::to_integer(&c);
        let _ = cell::to_date(&c);
        let _ = cell::to_bool(&c);
        let _ = c.display();
    }

    #[test]
    fn no_number_like_string_makes_cell_parsing_panic(s in "[-+\u{2212} 0-9,.\u{a0}\u{202f}eE]{0,24}") {
        let c = text(&s);
        if let Ok(Some(n)) = cell::to_number(&c) {
            prop_assert!(n.is_finite(), "{s} read as {n}");
        }
        let _ = cell::to_integer(&c);
    }

    #[test]
    fn no_date_like_string_makes_date_parsing_panic(s in "[0-9/:. T-]{0,24}h?[0-9]{0,3}") {
        let _ = cell::to_date(&text(&s));
    }

    #[test]
    fn no_zoned_date_like_string_makes_date_parsing_panic(
        s in "[0-9:.T-]{0,24}[Zz+\u{2212}-]?[0-9:]{0,6}[Zz]?",
    ) {
        let _ = cell::to_date(&text(&s));
    }

    /// An ISO 8601 date-time counts on the date written before its time,
    /// whatever its seconds, fraction and zone (none, `Z`, `±hh:mm`,
    /// `±hhmm`, `±hh`).
    #[test]
    fn iso_date_times_count_on_their_date_whatever_the_zone(
        d in any_date(),
        (h, m, sec) in (0u32..24, 0u32..60, 0u32..60),
        fraction in "(\\.[0-9]{1,9})?",
        (sign, zh, zm, form) in ("[+-]", 0u32..24, 0u32..60, 0usize..5),
        separator in "[T ]",
    ) {
        let zone = match form {
            0 => String::new(),
            1 => "Z".to_owned(),
            2 => format!("{sign}{zh:02}:{zm:02}"),
            3 => format!("{sign}{zh:02}{zm:02}"),
            _ => format!("{sign}{zh:02}"),
        };
        let day = d.format("%Y-%m-%d");
        for s in [
            format!("{day}{separator}{h:02}:{m:02}:{sec:02}{fraction}{zone}"),
            format!("{day}{separator}{h:02}:{m:02}{zone}"),
        ] {
            prop_assert_eq!(cell::to_date(&text(&s)), Ok(Some(d)), "{}", s);
        }
        // An hour, minute or zone out of range is refused, never guessed.
        for s in [
            format!("{day}T{:02}:{m:02}{zone}", 24 + h),
            format!("{day}T{h:02}:{:02}{zone}", 60 + m),
            format!("{day}T{h:02}:{m:02}{sign}{:02}:{zm:02}", 24 + zh),
            format!("{day}T{h:02}:{m:02}{sign}{zh:02}:{:02}", 60 + zm),
        ] {
            prop_assert_eq!(cell::to_date(&text(&s)), Err(CellError::NotADate), "{}", s);
        }
    }

    /// A boolean's spellings, in any case and with spaces around, and
    /// nothing else of a few letters.
    #[test]
    fn booleans_in_any_case(word in "[a-zA-Z0-9]{0,6}", pad in "[ ]{0,2}") {
        let lower = word.to_lowercase();
        let want = if cell::TRUE_SPELLINGS.contains(&lower.as_str()) {
            Ok(Some(true))
        } else if cell::FALSE_SPELLINGS.contains(&lower.as_str()) {
            Ok(Some(false))
        } else if word.is_empty() {
            Ok(None)
        } else {
            Err(CellError::NotABoolean)
        };
        prop_assert_eq!(cell::to_bool(&text(&format!("{pad}{word}{pad}"))), want, "{}", word);
    }

    #[test]
    fn numbers_round_trip_french_and_english_style(
        int in 0u64..1_000_000_000_000,
        frac in proptest::option::of("[0-9]{1,4}"),
        negative in any::<bool>(),
        sep in prop_oneof![Just(" "), Just("\u{a0}"), Just("\u{202f}")],
    ) {
        let plain = match &frac {
            Some(f) => format!("{int}.{f}"),
            None => int.to_string(),
        };
        let expected: f64 = plain.parse().unwrap();
        let expected = if negative { -expected } else { expected };
        let minus = if negative { "-" } else { "" };
        let french = match &frac {
            Some(f) => format!("{minus}{},{f}", grouped(int, sep)),
            None => format!("{minus}{}", grouped(int, sep)),
        };
        let english = format!("{minus}{plain}");
        prop_assert_eq!(cell::to_number(&text(&french)), Ok(Some(expected)), "{}", french);
        prop_assert_eq!(cell::to_number(&text(&english)), Ok(Some(expected)), "{}", english);
        prop_assert_eq!(cell::to_number(&text(&format!("  {french} "))), Ok(Some(expected)));
        // Whole numbers are integers, as typed and as the display writes them.
        if frac.is_none() {
            let whole = if negative { -(int as i64) } else { int as i64 };
            prop_assert_eq!(cell::to_integer(&text(&french)), Ok(Some(whole)));
            prop_assert_eq!(cell::format_number(expected), whole.to_string());
        }
        // What the display writes reads back as the same number.
        let shown = cell::format_number(expected);
        let back = cell::to_number(&text(&shown)).unwrap().unwrap();
        prop_assert!((back - expected).abs() <= 1e-6 * expected.abs().max(1.0), "{shown}");
    }

    #[test]
    fn english_thousands_with_a_decimal_point_are_ambiguous(
        int in 1_000u64..1_000_000_000_000,
        frac in "[0-9]{1,3}",
    ) {
        let s = format!("{},{frac}", grouped(int, "."));
        prop_assert_eq!(cell::to_number(&text(&s)), Err(CellError::AmbiguousNumber));
        let s = format!("{}.{frac}", grouped(int, ","));
        prop_assert_eq!(cell::to_number(&text(&s)), Err(CellError::AmbiguousNumber));
    }

    #[test]
    fn dates_round_trip_iso_and_day_first(d in any_date(), h in 0u32..24, m in 0u32..60) {
        for s in [
            d.format("%Y-%m-%d").to_string(),
            d.format("%d/%m/%Y").to_string(),
            d.format("%-d/%-m/%Y").to_string(),
            format!("{} {h:02}:{m:02}", d.format("%d/%m/%Y")),
            format!("{}T{h:02}:{m:02}:00", d.format("%Y-%m-%d")),
            format!(" {} ", d.format("%Y-%m-%d")),
        ] {
            prop_assert_eq!(cell::to_date(&text(&s)), Ok(Some(d)), "{}", s);
        }
        // A two-digit year is refused rather than guessed.
        let short = d.format("%d/%m/%y").to_string();
        prop_assert_eq!(cell::to_date(&text(&short)), Err(CellError::NotADate), "{}", short);
    }

    #[test]
    fn no_string_makes_period_parsing_panic(s in any::<String>(), t in "[0-9HQMPYhqmpy.-]{0,16}") {
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        for input in [s.as_str(), t.as_str()] {
            if let Ok(p) = Period::parse(input, Calendar::new(start, today, None), today) {
                prop_assert!(p.start <= p.end, "{input}: {p:?}");
                let _ = p.kind();
            }
        }
    }

    #[test]
    fn every_valid_period_starts_before_it_ends(
        year in 1000i32..=9999,
        kind in 0u8..5,
        n in 1u32..=12,
        a in any_date(),
        b in any_date(),
    ) {
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let (lo, hi) = (a.min(b), a.max(b));
        let input = match kind {
            0 => format!("{year}"),
            1 => format!("{year}-q{}", (n - 1) % 4 + 1),
            2 => format!("{year}-H{}", (n - 1) % 2 + 1),
            3 => format!("{year}-M{n:02}"),
            // A programme year of a programme of two (2024, then 2025 to June).
            _ => format!("py{}", (n - 1) % 2 + 1),
        };
        for input in [input, format!("{lo}..{hi}"), "project".to_owned()] {
            let p = Period::parse(&input, Calendar::new(start, today, None), today).unwrap();
            prop_assert!(p.start <= p.end, "{input}: {p:?}");
            prop_assert!(p.contains(p.start) && p.contains(p.end));
            // The normalised label reads back as the same period.
            prop_assert_eq!(Period::parse(&p.label, Calendar::new(start, today, None), today).unwrap(), p);
        }
        let backwards = Period::parse(&format!("{hi}..{lo}"), Calendar::new(start, today, None), today);
        prop_assert!(backwards.is_err() || lo == hi, "{:?}", backwards);
    }

    #[test]
    fn the_quarters_of_a_year_tile_it(year in 1000i32..=9999) {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        let qs = Period::quarters(first, last);
        prop_assert_eq!(qs.len(), 4);
        prop_assert_eq!(qs[0].start, first);
        prop_assert_eq!(qs[3].end, last);
        for w in qs.windows(2) {
            prop_assert_eq!(w[0].end + Duration::days(1), w[1].start, "{:?}", w);
        }
        for (i, q) in qs.iter().enumerate() {
            let parsed = Period::parse(&format!("{year}-Q{}", i + 1), Calendar::new(first, last, None), last).unwrap();
            prop_assert_eq!(&parsed, q);
        }
        let days: i64 = qs.iter().map(|q| (q.end - q.start).num_days() + 1).sum();
        prop_assert_eq!(days, if NaiveDate::from_ymd_opt(year, 2, 29).is_some() { 366 } else { 365 });
        // Halves are made of the quarters.
        for h in 1..=2 {
            let half = Period::parse(&format!("{year}-H{h}"), Calendar::new(first, last, None), last).unwrap();
            prop_assert_eq!(half.start, qs[2 * h - 2].start);
            prop_assert_eq!(half.end, qs[2 * h - 1].end);
        }
        prop_assert_eq!(last.year(), year);
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mini() -> &'static Programme {
    static P: OnceLock<Programme> = OnceLock::new();
    P.get_or_init(|| Programme::load(repo().join("tests/compute/programme")).unwrap())
}

/// A cell as people type them: good values, near misses, blanks, anything.
fn any_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop_oneof![
            Just("S1"), Just("S2"), Just("s1 "), Just("P1"), Just("P2"), Just("X"), Just("Y"),
            Just("atelier"), Just("Visite"), Just("F"), Just("H"), Just("f"),
            Just("1"), Just("3"), Just("5"), Just("6"), Just("0"), Just("-1"), Just("2,5"),
            Just("1 234,5"), Just("1,234.5"), Just("12a"), Just("2024-03-15"), Just("15/03/2024"),
            Just("31/02/2024"), Just("15/03/24"), Just("#N/A"), Just("=1+1"), Just("TRUE"),
        ].prop_map(str::to_owned),
        2 => Just(String::new()),
        1 => Just("   ".to_owned()),
        1 => "[a-z0-9 ,./-]{0,8}",
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

/// A sheet: 0 to 8 rows of 1 to 6 cells (the header has 2 to 4: rows are
/// sometimes short, sometimes long). An empty line is no row in csv.
fn any_sheet() -> impl Strategy<Value = Vec<Vec<String>>> {
    proptest::collection::vec(proptest::collection::vec(any_cell(), 1..7), 0..8)
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn every_row_read_is_accepted_rejected_or_skipped(
        sheets in proptest::collection::vec(any_sheet(), 6),
    ) {
        let p = mini();
        let dir = tempfile::tempdir().unwrap();
        for (d, rows) in p.datasets.iter().zip(&sheets) {
            let mut out = d.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(",");
            out.push('\n');
            for row in rows {
                out.push_str(&row.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
                out.push('\n');
            }
            std::fs::write(dir.path().join(format!("{}.csv", d.name)), out).unwrap();
        }
        let data = match cadre::ingest(p, dir.path()) {
            Ok(data) => data,
            // A whole-file error (a sheet too ragged to read) is allowed; a panic is not.
            Err(e) => {
                prop_assert!(!e.message(cadre::Lang::En).is_empty());
                return Ok(());
            }
        };
        prop_assert_eq!(data.report.sheets.len(), p.datasets.len());
        for s in &data.report.sheets {
            prop_assert_eq!(
                s.read,
                s.accepted + s.rejected + s.skipped_empty,
                "sheet {} does not add up: {:?}", s.sheet, s
            );
            prop_assert_eq!(data.dataset(&s.dataset).unwrap().frame.height(), s.accepted);
            let generated = sheets[p.datasets.iter().position(|d| d.name == s.dataset).unwrap()].len();
            prop_assert_eq!(s.read, generated, "every generated row is read: {:?}", s);
        }
    }
}
