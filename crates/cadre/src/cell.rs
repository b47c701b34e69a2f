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
/// `15/04/2025` (day first), `15/04/2025 14:30`, or an ISO date-time; a
/// date-time counts on its date.
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

/// Parses the text forms of a date the contract accepts.
pub fn parse_date_text(t: &str) -> Option<NaiveDate> {
    const DATES: [&str; 2] = ["%Y-%m-%d", "%d/%m/%Y"];
    const DATE_TIMES: [&str; 8] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y %Hh%M",
    ];
    // chrono accepts one-digit days and months (`5/4/2025`) and checks the
    // calendar (`31/02/2025` fails). Years are four digits: `15/04/25` is refused
    // rather than guessed.
    let four_digit_year = |d: &NaiveDate| (1000..=9999).contains(&d.year_ce().1);
    DATES
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .or_else(|| {
            DATE_TIMES
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok().map(|dt| dt.date()))
        })
        .filter(four_digit_year)
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

    #[test]
    fn text_is_trimmed_and_numbers_display_plainly() {
        assert_eq!(to_text(&text("  SITE-A ")), Ok(Some("SITE-A".into())));
        assert_eq!(to_text(&Cell::Float(12.0)), Ok(Some("12".into())));
        assert_eq!(to_text(&text(" ")), Ok(None));
    }
}
