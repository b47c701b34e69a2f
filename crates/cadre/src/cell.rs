//! Cell values as people really type them, and the rules that turn them into
//! typed values. Every workbook format and csv go through these functions, so
//! a value is read the same way whatever file it comes from.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

/// A cell as read from a sheet, before typing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// No value (or only blanks: see [`Cell::is_blank`]).
    Empty,
    /// Text, as typed.
    Text(Cow<'a, str>),
    /// A whole number cell.
    Int(i64),
    /// A number cell.
    Float(f64),
    /// A real date or date-time cell.
    DateTime(NaiveDateTime),
    /// A true/false cell.
    Bool(bool),
    /// A spreadsheet error (`#N/A`, `#DIV/0!`).
    Error(String),
}

impl Cell<'_> {
    /// Empty, or text made only of white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the spreadsheet would show it, for error messages.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => format_number(*f),
            Cell::DateTime(dt) if dt.time() == NaiveTime::MIN => {
                dt.date().format("%Y-%m-%d").to_string()
            }
            Cell::DateTime(dt) => dt.format("%Y-%m-%d %H:%M").to_string(),
            Cell::Bool(b) => b.to_string().to_uppercase(),
            Cell::Error(e) => e.clone(),
        }
    }

    /// Detaches the cell from the buffer it borrows from.
    pub fn into_owned(self) -> Cell<'static> {
        match self {
            Cell::Empty => Cell::Empty,
            Cell::Text(t) => Cell::Text(Cow::Owned(t.into_owned())),
            Cell::Int(i) => Cell::Int(i),
            Cell::Float(f) => Cell::Float(f),
            Cell::DateTime(d) => Cell::DateTime(d),
            Cell::Bool(b) => Cell::Bool(b),
            Cell::Error(e) => Cell::Error(e),
        }
    }
}

/// Why a cell could not be typed. Each maps to a rule in the ingest report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellError {
    /// Not a number at all.
    NotANumber,
    /// Holds both `,` and `.` (`1,234.5`): which one is the decimal mark?
    AmbiguousNumber,
    /// A number with a fractional part where a whole number is expected.
    NotWhole,
    /// Not a date in any accepted form.
    NotADate,
    /// The cell holds a spreadsheet error.
    SpreadsheetError,
    /// Not a yes or no in any accepted spelling.
    NotABoolean,
}

/// Formats a number without exponent or thousands separator, trimming
/// needless decimals (`12`, `12.5`).
pub fn format_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        let s = format!("{f:.6}");
        match s.trim_end_matches('0').trim_end_matches('.') {
            // A tiny negative number rounds to zero, not to `-0`.
            "-0" => "0".to_owned(),
            s => s.to_owned(),
        }
    }
}

/// Reads a cell as text, trimmed; numbers and dates as they would display.
/// Returns `None` for a blank cell.
pub fn to_text(cell: &Cell) -> Result<Option<String>, CellError> {
    match cell {
        Cell::Error(_) => Err(CellError::SpreadsheetError),
        c if c.is_blank() => Ok(None),
        Cell::Text(t) => Ok(Some(t.trim().to_owned())),
        other => Ok(Some(other.display())),
    }
}

/// Reads a cell as a number: a number cell, or text such as `1234.5`,
/// `1234,5`, `1 234,5` (space, U+00A0 or U+202F between thousands), with an
/// optional leading minus sign. Text with both `,` and `.` is ambiguous.
pub fn to_number(cell: &Cell) -> Result<Option<f64>, CellError> {
    match cell {
        Cell::Error(_) => Err(CellError::SpreadsheetError),
        c if c.is_blank() => Ok(None),
        Cell::Int(i) => Ok(Some(*i as f64)),
        Cell::Float(f) if f.is_finite() => Ok(Some(*f)),
        Cell::Text(t) => parse_number_text(t).map(Some),
        _ => Err(CellError::NotANumber),
    }
}

/// Reads a cell as a whole number (`12 500` as text included).
pub fn to_integer(cell: &Cell) -> Result<Option<i64>, CellError> {
    match to_number(cell)? {
        None => Ok(None),
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
        Some(_) => Err(CellError::NotWhole),
    }
}

fn parse_number_text(text: &str) -> Result<f64, CellError> {
    let t = text.trim();
    let (negative, digits) = match t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    // Most numbers are plain digits: read them as the general path below
    // would (its `plain` text is then `digits` itself), without its copies.
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let value: f64 = digits.parse().map_err(|_| CellError::NotANumber)?;
        return Ok(if negative { -value } else { value });
    }
    let has_comma = digits.contains(',');
    let has_dot = digits.contains('.');
    if has_comma && has_dot {
        return Err(CellError::AmbiguousNumber);
    }
    let (int_part, frac_part) = match digits.find([',', '.']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let groups: Vec<&str> = int_part.split([' ', '\u{a0}', '\u{202f}']).collect();
    // Thousands separators must separate groups of three digits: `12 500`, not `1 25`.
    let well_grouped = groups
        .iter()
        .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && groups[0].len() <= if groups.len() > 1 { 3 } else { usize::MAX };
    let frac_ok = frac_part.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    if !well_grouped || !frac_ok {
        return Err(CellError::NotANumber);
    }
    let mut plain: String = groups.concat();
    if let Some(f) = frac_part {
        plain.push('.');
        plain.push_str(f);
    }
    let value: f64 = plain.parse().map_err(|_| CellError::NotANumber)?;
    Ok(if negative { -value } else { value })
}

/// Reads a cell as a date: a real date or date-time cell, `2025-04-15`,
/// `15/04/2025` (day first), `15/04/2025 14:30`, or an ISO 8601 date-time
/// with or without a zone (`2025-01-22T10:23:11.000+01:00`,
/// `2025-01-22T10:23:11Z`); a date-time counts on its date as written.
pub fn to_date(cell: &Cell) -> Result<Option<NaiveDate>, CellError> {
    match cell {
        Cell::Error(_) => Err(CellError::SpreadsheetError),
        c if c.is_blank() => Ok(None),
        Cell::DateTime(dt) => Ok(Some(dt.date())),
        Cell::Text(t) => parse_date_text(t.trim())
            .map(Some)
            .ok_or(CellError::NotADate),
        _ => Err(CellError::NotADate),
    }
}

/// The ISO 8601 date-times, without their zone: the forms a zone may follow.
const ISO_DATE_TIMES: [&str; 4] = [
    // `%.f` reads a fraction of a second if there is one.
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
];

/// Parses the text forms of a date the contract accepts.
///
/// A date-time counts on the date it is written with, whatever its zone
/// (`2025-01-22T23:30:00-05:00` is 22 January): the day a collection tool
/// records is the day of the event where it took place, and converting it
/// to UTC would move late events to the next day.
pub fn parse_date_text(t: &str) -> Option<NaiveDate> {
    const DATES: [&str; 2] = ["%Y-%m-%d", "%d/%m/%Y"];
    const FRENCH_DATE_TIMES: [&str; 3] = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M"];
    // chrono accepts one-digit days and months (`5/4/2025`) and checks the
    // calendar (`31/02/2025` fails). Years are four digits: `15/04/25` is refused
    // rather than guessed.
    let four_digit_year = |d: &NaiveDate| (1000..=9999).contains(&d.year_ce().1);
    let date_time = |t: &str, forms: &[&str]| {
        forms
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok().map(|dt| dt.date()))
    };
    DATES
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .or_else(|| date_time(t, &ISO_DATE_TIMES))
        .or_else(|| date_time(t, &FRENCH_DATE_TIMES))
        .or_else(|| without_zone(t).and_then(|rest| date_time(rest, &ISO_DATE_TIMES)))
        .filter(four_digit_year)
}

/// The text before an ISO 8601 zone that ends it (`Z`, `+01:00`, `+0100`,
/// `-05`), the zone checked (hours up to 23, minutes up to 59); `None` when
/// the text ends with no zone. The caller then needs a date-time before the
/// zone: `2025-01-22` is not `2025-01` in zone `-22`.
fn without_zone(t: &str) -> Option<&str> {
    if let Some(rest) = t.strip_suffix(['Z', 'z']) {
        return Some(rest);
    }
    let digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    let sign = t.rfind(['+', '-', '\u{2212}'])?;
    let (rest, zone) = t.split_at(sign);
    let zone = &zone[zone.chars().next()?.len_utf8()..];
    // Digits and a colon only: a zone is split by bytes below.
    if !zone.is_ascii() {
        return None;
    }
    let (hours, minutes) = match zone.len() {
        2 => (zone, "00"),
        4 => zone.split_at(2),
        5 => zone.split_once(':')?,
        _ => return None,
    };
    let valid = digits(hours) && digits(minutes) && hours < "24" && minutes < "60";
    // A zone follows a time, which holds a colon.
    (valid && rest.contains(':')).then_some(rest)
}

/// The spellings of yes a boolean column accepts, folded (lower case, no
/// accents): English, French, and the 1 of a 0/1 column.
pub const TRUE_SPELLINGS: [&str; 7] = ["yes", "y", "oui", "o", "true", "vrai", "1"];

/// The spellings of no a boolean column accepts, folded.
pub const FALSE_SPELLINGS: [&str; 6] = ["no", "n", "non", "false", "faux", "0"];

/// Reads a cell as a boolean: a true/false cell, a number cell holding 1 or
/// 0, or text in one of [`TRUE_SPELLINGS`] or [`FALSE_SPELLINGS`] (case
/// and accents ignored: `Oui`, `TRUE`, `Vrai`).
pub fn to_bool(cell: &Cell) -> Result<Option<bool>, CellError> {
    match cell {
        Cell::Error(_) => Err(CellError::SpreadsheetError),
        c if c.is_blank() => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Int(1) => Ok(Some(true)),
        Cell::Int(0) => Ok(Some(false)),
        Cell::Float(f) if *f == 1.0 => Ok(Some(true)),
        Cell::Float(f) if *f == 0.0 => Ok(Some(false)),
        Cell::Text(t) => parse_bool_text(t).map(Some).ok_or(CellError::NotABoolean),
        _ => Err(CellError::NotABoolean),
    }
}

/// The boolean a text stands for, if it is one of the accepted spellings.
pub fn parse_bool_text(t: &str) -> Option<bool> {
    let t = t.trim();
    // Most cells are already folded spellings: no allocation for them.
    let folded = if t
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(crate::text::fold_value(t))
    };
    if TRUE_SPELLINGS.contains(&folded.as_ref()) {
        Some(true)
    } else if FALSE_SPELLINGS.contains(&folded.as_ref()) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell<'_> {
        Cell::Text(Cow::Borrowed(s))
    }

    #[test]
    fn numbers_as_people_type_them() {
        assert_eq!(to_number(&text("1234.5")), Ok(Some(1234.5)));
        assert_eq!(to_number(&text("1234,5")), Ok(Some(1234.5)));
        assert_eq!(to_number(&text("1 234,5")), Ok(Some(1234.5)));
        assert_eq!(to_number(&text("1\u{a0}234,5")), Ok(Some(1234.5)));
        assert_eq!(to_number(&text("1\u{202f}234,5")), Ok(Some(1234.5)));
        assert_eq!(to_number(&text("-1 180")), Ok(Some(-1180.0)));
        assert_eq!(to_number(&text("-600,00")), Ok(Some(-600.0)));
        assert_eq!(to_number(&text(" 12 500 ")), Ok(Some(12500.0)));
        assert_eq!(to_number(&Cell::Float(3.25)), Ok(Some(3.25)));
        assert_eq!(to_number(&text("   ")), Ok(None));
    }

    #[test]
    fn refuses_ambiguous_and_malformed_numbers() {
        assert_eq!(to_number(&text("1,234.5")), Err(CellError::AmbiguousNumber));
        assert_eq!(to_number(&text("1 23")), Err(CellError::NotANumber));
        assert_eq!(to_number(&text("12a")), Err(CellError::NotANumber));
        assert_eq!(to_number(&text("1,2,3")), Err(CellError::NotANumber));
        assert_eq!(to_number(&text("5,")), Err(CellError::NotANumber));
        assert_eq!(to_number(&text("-")), Err(CellError::NotANumber));
        assert_eq!(
            to_number(&Cell::Error("#N/A".into())),
            Err(CellError::SpreadsheetError)
        );
    }

    #[test]
    fn integers_must_be_whole() {
        assert_eq!(to_integer(&text("12 500")), Ok(Some(12500)));
        assert_eq!(to_integer(&Cell::Float(4.0)), Ok(Some(4)));
        assert_eq!(to_integer(&text("4,5")), Err(CellError::NotWhole));
    }

    #[test]
    fn dates_as_people_type_them() {
        let d = NaiveDate::from_ymd_opt(2025, 4, 15);
        assert_eq!(to_date(&text("2025-04-15")), Ok(d));
        assert_eq!(to_date(&text("15/04/2025")), Ok(d));
        assert_eq!(to_date(&text("15/04/2025 14:30")), Ok(d));
        assert_eq!(to_date(&text("2025-04-15T14:30:00")), Ok(d));
        let dt = d.unwrap().and_hms_opt(14, 30, 0).unwrap();
        assert_eq!(to_date(&Cell::DateTime(dt)), Ok(d));
        assert_eq!(to_date(&text("31/02/2025")), Err(CellError::NotADate));
        assert_eq!(to_date(&text("15/04/25")), Err(CellError::NotADate));
        assert_eq!(to_date(&Cell::Float(45762.0)), Err(CellError::NotADate));
        assert_eq!(
            to_date(&text("29/02/2024")),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29))
        );
    }

    /// Every accepted form of a date, and malformed or unaccepted ones, with
    /// the date each is counted on (the date as written, zone or not).
    #[test]
    fn iso_date_times_count_on_the_date_as_written() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let cases: &[(&str, Option<NaiveDate>)] = &[
            ("2025-01-22", day(2025, 1, 22)),
            ("22/01/2025", day(2025, 1, 22)),
            ("22/01/2025 10:23", day(2025, 1, 22)),
            ("22/01/2025 10:23:11", day(2025, 1, 22)),
            ("22/01/2025 10h23", day(2025, 1, 22)),
            ("2025-01-22T10:23", day(2025, 1, 22)),
            ("2025-01-22T10:23:11", day(2025, 1, 22)),
            ("2025-01-22T10:23:11.000", day(2025, 1, 22)),
            ("2025-01-22T10:23:11.123456789", day(2025, 1, 22)),
            ("2025-01-22 10:23", day(2025, 1, 22)),
            ("2025-01-22 10:23:11", day(2025, 1, 22)),
            ("2025-01-22 10:23:11.5", day(2025, 1, 22)),
            ("2025-01-22T10:23:11Z", day(2025, 1, 22)),
            ("2025-01-22T10:23:11z", day(2025, 1, 22)),
            ("2025-01-22T10:23Z", day(2025, 1, 22)),
            ("2025-01-22T10:23:11.000+01:00", day(2025, 1, 22)),
            ("2025-01-22T10:23:11.000Z", day(2025, 1, 22)),
            ("2025-01-22T10:23:11+0100", day(2025, 1, 22)),
            ("2025-01-22T10:23:11+01", day(2025, 1, 22)),
            ("2025-01-22 10:23:11+01:00", day(2025, 1, 22)),
            ("2025-01-22T10:23-05:30", day(2025, 1, 22)),
            ("2025-01-22T10:23:11\u{2212}03:00", day(2025, 1, 22)),
            // Late on the 22nd west of Greenwich is the 23rd in UTC: counted on the 22nd.
            ("2025-01-22T23:30:00-05:00", day(2025, 1, 22)),
            // Early on the 23rd east of Greenwich is the 22nd in UTC: counted on the 23rd.
            ("2025-01-23T00:30:00+03:00", day(2025, 1, 23)),
            ("  2025-01-22T10:23:11+01:00 ", day(2025, 1, 22)),
            // Malformed: the rule still refuses them.
            ("2025-01-22T25:00", None),
            ("2025-13-01T00:00Z", None),
            ("2025-02-30T10:00:00+01:00", None),
            ("2025-01-22T10:61Z", None),
            ("2025-01-22T10:23:11+25:00", None),
            ("2025-01-22T10:23:11+01:60", None),
            ("2025-01-22T10:23:11+1", None),
            ("2025-01-22T10:23:11+01:00:00", None),
            ("2025-01-22T10:23:11++01:00", None),
            ("2025-01-22T10:23:11 +01:00", None),
            ("2025-01-22Z", None),
            ("2025-01-22+01:00", None),
            ("2025-01-22T", None),
            ("2025-01-22T10", None),
            ("T10:23:11Z", None),
            ("10:23:11+01:00", None),
            ("22/01/2025 10:23Z", None),
            ("25-01-22T10:23:11Z", None),
            ("2025-01-22T10:23:11.Z", None),
            ("Z", None),
            ("+01:00", None),
            // Not a zone, whatever bytes follow the sign.
            ("2025-01-22T10:23+é12", None),
            ("2025-01-22T10:23+0é1", None),
            ("2025-01-22T10:23+01:é", None),
        ];
        for (given, expected) in cases {
            let got = to_date(&text(given));
            let want = expected.ok_or(CellError::NotADate).map(Some);
            assert_eq!(got, want, "{given:?}");
        }
    }

    #[test]
    fn booleans_in_every_usual_spelling() {
        for yes in [
            "yes", "Yes", "Y", "oui", "OUI", "o", "true", "TRUE", "vrai", "Vrai", "1", " oui ",
        ] {
            assert_eq!(to_bool(&text(yes)), Ok(Some(true)), "{yes:?}");
        }
        for no in [
            "no", "NO", "n", "N", "non", "Non", "false", "False", "faux", "FAUX", "0",
        ] {
            assert_eq!(to_bool(&text(no)), Ok(Some(false)), "{no:?}");
        }
        assert_eq!(to_bool(&Cell::Bool(true)), Ok(Some(true)));
        assert_eq!(to_bool(&Cell::Bool(false)), Ok(Some(false)));
        assert_eq!(to_bool(&Cell::Int(1)), Ok(Some(true)));
        assert_eq!(to_bool(&Cell::Int(0)), Ok(Some(false)));
        assert_eq!(to_bool(&Cell::Float(1.0)), Ok(Some(true)));
        assert_eq!(to_bool(&Cell::Float(0.0)), Ok(Some(false)));
        assert_eq!(to_bool(&text("  ")), Ok(None));
        assert_eq!(to_bool(&Cell::Empty), Ok(None));
        for bad in [
            "peut-être",
            "2",
            "ye",
            "oui non",
            "1.0",
            "-1",
            "vraiment",
            "t",
            "f",
        ] {
            assert_eq!(to_bool(&text(bad)), Err(CellError::NotABoolean), "{bad:?}");
        }
        assert_eq!(to_bool(&Cell::Int(2)), Err(CellError::NotABoolean));
        assert_eq!(to_bool(&Cell::Float(0.5)), Err(CellError::NotABoolean));
        let date = NaiveDate::from_ymd_opt(2025, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert_eq!(to_bool(&Cell::DateTime(date)), Err(CellError::NotABoolean));
        assert_eq!(
            to_bool(&Cell::Error("#N/A".into())),
            Err(CellError::SpreadsheetError)
        );
    }

    #[test]
    fn text_is_trimmed_and_numbers_display_plainly() {
        assert_eq!(to_text(&text("  SITE-A ")), Ok(Some("SITE-A".into())));
        assert_eq!(to_text(&Cell::Float(12.0)), Ok(Some("12".into())));
        assert_eq!(to_text(&text(" ")), Ok(None));
    }
}
