//! Numbers and dates as a reader of the report expects them: French
//! typography in French (`1 234,5`, `67,5 %`, `31 décembre 2025`), English
//! conventions otherwise (`1,234.5`, `67.5%`, `31 December 2025`).
//!
//! The template receives these strings ready to print: Typst has no locale
//! aware number formatting, and keeping it here keeps it tested.

use chrono::{Datelike, NaiveDate};

/// Narrow no-break space: the French thousands separator and the space
/// before `%` (it never breaks a number across lines).
pub const NNBSP: char = '\u{202F}';

/// The minus sign of typography (U+2212), not the hyphen.
const MINUS: char = '\u{2212}';

/// Formatting rules of one report language.
#[derive(Debug, Clone, Copy)]
pub struct Formatter {
    french: bool,
}

impl Formatter {
    /// Rules for `lang`: French for `fr`, English for anything else.
    pub fn new(lang: &str) -> Self {
        Formatter {
            french: lang == "fr",
        }
    }

    /// A value with as many decimals as it deserves: none for a whole
    /// number, one from 1 up, two below 1 (`0,05`), trailing zeros dropped.
    pub fn number(&self, v: f64) -> String {
        let decimals = if v.fract() == 0.0 {
            0
        } else if v.abs() >= 1.0 {
            1
        } else {
            2
        };
        self.fixed(v, decimals)
    }

    /// A value with at most `decimals` decimals, trailing zeros dropped,
    /// thousands grouped.
    pub fn fixed(&self, v: f64, decimals: usize) -> String {
        if !v.is_finite() {
            return "—".into();
        }
        let s = format!("{:.*}", decimals, v.abs());
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f.trim_end_matches('0')),
            None => (s.as_str(), ""),
        };
        let negative = v < 0.0 && (int.bytes().any(|b| b != b'0') || !frac.is_empty());
        let sep = if self.french { NNBSP } else { ',' };
        let mut out = String::new();
        if negative {
            out.push(MINUS);
        }
        let digits = int.len();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (digits - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(if self.french { ',' } else { '.' });
            out.push_str(frac);
        }
        out
    }

    /// A percentage (`67,5 %` / `67.5%`); `v` is already in percent.
    pub fn percent(&self, v: f64) -> String {
        let n = self.fixed(v, if v.abs() >= 1.0 || v == 0.0 { 1 } else { 2 });
        if self.french {
            format!("{n}{NNBSP}%")
        } else {
            format!("{n}%")
        }
    }

    /// A value in its unit: a percentage when the unit is `%`, else the number.
    pub fn value(&self, v: f64, unit: &str) -> String {
        if unit.trim() == "%" {
            self.percent(v)
        } else {
            self.number(v)
        }
    }

    /// An amount of money, whole units (`12 345 €` / `€12,345`).
    pub fn money(&self, v: f64, currency: Option<&str>) -> String {
        let n = self.fixed(v, 0);
        match currency.map(str::trim) {
            None | Some("") => n,
            Some(code) => {
                let symbol = match code.to_ascii_uppercase().as_str() {
                    "EUR" => "€",
                    "USD" => "$",
                    "GBP" => "£",
                    _ => code,
                };
                let is_symbol = symbol != code;
                if self.french {
                    format!("{n}{NNBSP}{symbol}")
                } else if is_symbol {
                    match n.strip_prefix(MINUS) {
                        Some(rest) => format!("{MINUS}{symbol}{rest}"),
                        None => format!("{symbol}{n}"),
                    }
                } else {
                    format!("{n} {symbol}")
                }
            }
        }
    }

    /// A whole count (`1 234`).
    pub fn count(&self, n: usize) -> String {
        self.fixed(n as f64, 0)
    }

    /// A date in words (`1er octobre 2025`, `31 décembre 2025`, `1 October 2025`).
    pub fn date(&self, d: NaiveDate) -> String {
        const FR: [&str; 12] = [
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
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let m = d.month0() as usize;
        if self.french {
            // French writes the first day of a month as an ordinal.
            let day = if d.day() == 1 {
                "1er".to_owned()
            } else {
                d.day().to_string()
            };
            format!("{day}\u{A0}{} {}", FR[m], d.year())
        } else {
            format!("{}\u{A0}{} {}", d.day(), EN[m], d.year())
        }
    }

    /// A size in bytes, in kilobytes or megabytes.
    pub fn bytes(&self, n: u64) -> String {
        let (v, unit) = if n >= 1_000_000 {
            (
                n as f64 / 1_000_000.0,
                if self.french { "Mo" } else { "MB" },
            )
        } else {
            (n as f64 / 1_000.0, if self.french { "ko" } else { "kB" })
        };
        let sp = if self.french { NNBSP } else { ' ' };
        format!("{}{sp}{unit}", self.fixed(v, 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers() {
        let f = Formatter::new("fr");
        assert_eq!(f.number(1234.5), "1\u{202F}234,5");
        assert_eq!(f.number(12.0), "12");
        assert_eq!(f.number(1234567.0), "1\u{202F}234\u{202F}567");
        assert_eq!(f.number(4.206522), "4,2");
        assert_eq!(f.number(0.05), "0,05");
        assert_eq!(f.number(-600.0), "\u{2212}600");
        assert_eq!(f.number(-0.001), "0");
        assert_eq!(f.percent(67.5), "67,5\u{202F}%");
        assert_eq!(f.percent(100.0), "100\u{202F}%");
        assert_eq!(f.percent(93.548387), "93,5\u{202F}%");
        assert_eq!(f.money(12345.4, Some("EUR")), "12\u{202F}345\u{202F}€");
    }

    #[test]
    fn english_numbers() {
        let f = Formatter::new("en");
        assert_eq!(f.number(1234.5), "1,234.5");
        assert_eq!(f.percent(67.5), "67.5%");
        assert_eq!(f.number(999.96), "1,000");
        assert_eq!(f.money(12345.0, Some("EUR")), "€12,345");
        assert_eq!(f.money(-5.0, Some("EUR")), "\u{2212}€5");
        assert_eq!(f.money(5.0, Some("XOF")), "5 XOF");
    }

    #[test]
    fn dates_in_words() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            Formatter::new("fr").date(d(2025, 12, 31)),
            "31\u{A0}décembre 2025"
        );
        assert_eq!(
            Formatter::new("fr").date(d(2025, 10, 1)),
            "1er\u{A0}octobre 2025"
        );
        assert_eq!(
            Formatter::new("en").date(d(2025, 10, 1)),
            "1\u{A0}October 2025"
        );
    }
}
