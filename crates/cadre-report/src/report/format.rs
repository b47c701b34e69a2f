//! Numbers and dates as a reader of the report expects them, by the
//! conventions of its language in the catalogue ([`Conventions`]): French
//! typography in French (`1 234,5`, `67,5 %`, `31 décembre 2025`), English
//! conventions in English (`1,234.5`, `67.5%`, `31 December 2025`).
//!
//! The template receives these strings ready to print: Typst has no locale
//! aware number formatting, and keeping it here keeps it tested.

use cadre::Lang;
use chrono::{Datelike, NaiveDate};

use crate::messages::report::{Conventions, ReportText};

/// Narrow no-break space: the French thousands separator and the space
/// before `%` (it never breaks a number across lines).
pub const NNBSP: char = '\u{202F}';

/// The minus sign of typography (U+2212), not the hyphen.
const MINUS: char = '\u{2212}';

/// Formatting rules of one report language.
#[derive(Debug, Clone, Copy)]
pub struct Formatter {
    c: &'static Conventions,
    lang: Lang,
}

impl Formatter {
    /// Rules for `lang`, from its conventions in the catalogue.
    pub fn new(lang: Lang) -> Self {
        Formatter {
            c: Conventions::of(lang),
            lang,
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
        let sep = self.c.thousands;
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
            out.push(self.c.decimal);
            out.push_str(frac);
        }
        out
    }

    /// A percentage (`67,5 %` / `67.5%`); `v` is already in percent.
    pub fn percent(&self, v: f64) -> String {
        let n = self.fixed(v, if v.abs() >= 1.0 || v == 0.0 { 1 } else { 2 });
        format!("{n}{}%", self.c.before_percent)
    }

    /// A percentage with its sign (`+10,0 %`, `−70,0 %`): a variance.
    pub fn signed_percent(&self, v: f64) -> String {
        let p = self.percent(v);
        if v > 0.0 && p.chars().any(|c| c.is_ascii_digit() && c != '0') {
            format!("+{p}")
        } else {
            p
        }
    }

    /// An amount with its sign (`+4 000 €`): a variance.
    pub fn signed_money(&self, v: f64, currency: Option<&str>) -> String {
        let m = self.money(v, currency);
        if v >= 0.5 { format!("+{m}") } else { m }
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
                if is_symbol && self.c.symbol_first {
                    match n.strip_prefix(MINUS) {
                        Some(rest) => format!("{MINUS}{symbol}{rest}"),
                        None => format!("{symbol}{n}"),
                    }
                } else {
                    format!("{n}{}{symbol}", self.c.before_currency)
                }
            }
        }
    }

    /// A whole count (`1 234`).
    pub fn count(&self, n: usize) -> String {
        self.fixed(n as f64, 0)
    }

    /// A date in words (`1ᵉʳ octobre 2025`, `31 décembre 2025`, `1 October 2025`).
    pub fn date(&self, d: NaiveDate) -> String {
        let month = self.c.months[d.month0() as usize];
        let day = if d.day() == 1 {
            self.c.first_day.to_owned()
        } else {
            d.day().to_string()
        };
        format!("{day}\u{A0}{month} {}", d.year())
    }

    /// A period as people write it: `T4 2025` / `Q4 2025`, `S1 2025` /
    /// `H1 2025`, `avril 2025` / `April 2025`, `2025`, a programme year with
    /// its months (`Année 2 du programme (nov. 2025 – oct. 2026)`); any
    /// other span by its dates (`1ᵉʳ mars 2025 – 30 juin 2025`).
    pub fn period(&self, label: &str, start: NaiveDate, end: NaiveDate) -> String {
        use cadre::period::PeriodKind;
        let lang = self.lang;
        match PeriodKind::of(label) {
            PeriodKind::Year(year) => year.to_string(),
            PeriodKind::Half { year, half } => ReportText::Half { year, half }.render(lang),
            PeriodKind::Quarter { year, quarter } => {
                ReportText::Quarter { year, quarter }.render(lang)
            }
            PeriodKind::Month { year, month } => ReportText::MonthOfYear {
                month: self.c.months[month as usize - 1],
                year,
            }
            .render(lang),
            PeriodKind::ProgrammeYear(n) => ReportText::ProgrammeYear {
                n,
                start: &self.month_of_year(start),
                end: &self.month_of_year(end),
            }
            .render(lang),
            PeriodKind::Range => ReportText::FromTo {
                start: &self.date(start),
                end: &self.date(end),
            }
            .render(lang),
        }
    }

    /// A month and its year, abbreviated (`nov. 2025`, `Nov 2025`).
    fn month_of_year(&self, d: NaiveDate) -> String {
        format!(
            "{}\u{A0}{}",
            self.c.short_months[d.month0() as usize],
            d.year()
        )
    }

    /// A size in bytes, in kilobytes or megabytes.
    pub fn bytes(&self, n: u64) -> String {
        let (v, unit) = if n >= 1_000_000 {
            (n as f64 / 1_000_000.0, self.c.megabytes)
        } else {
            (n as f64 / 1_000.0, self.c.kilobytes)
        };
        format!("{}{}{unit}", self.fixed(v, 1), self.c.before_size_unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers() {
        let f = Formatter::new(Lang::Fr);
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
        let f = Formatter::new(Lang::En);
        assert_eq!(f.number(1234.5), "1,234.5");
        assert_eq!(f.percent(67.5), "67.5%");
        assert_eq!(f.number(999.96), "1,000");
        assert_eq!(f.money(12345.0, Some("EUR")), "€12,345");
        assert_eq!(f.money(-5.0, Some("EUR")), "\u{2212}€5");
        assert_eq!(f.money(5.0, Some("XOF")), "5 XOF");
    }

    #[test]
    fn amounts_and_sizes() {
        let (fr, en) = (Formatter::new(Lang::Fr), Formatter::new(Lang::En));
        assert_eq!(fr.money(5.0, Some("XOF")), "5\u{202F}XOF");
        assert_eq!(fr.money(-5.0, Some("eur")), "\u{2212}5\u{202F}€");
        assert_eq!(fr.money(5.0, None), "5");
        assert_eq!(fr.bytes(48_123), "48,1\u{202F}ko");
        assert_eq!(en.bytes(48_123), "48.1 kB");
        assert_eq!(fr.bytes(2_500_000), "2,5\u{202F}Mo");
        assert_eq!(en.bytes(2_500_000), "2.5 MB");
        assert_eq!(fr.count(12_345), "12\u{202F}345");
    }

    #[test]
    fn dates_in_words() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            Formatter::new(Lang::Fr).date(d(2025, 12, 31)),
            "31\u{A0}décembre 2025"
        );
        assert_eq!(
            Formatter::new(Lang::Fr).date(d(2025, 10, 1)),
            "1ᵉʳ\u{A0}octobre 2025"
        );
        assert_eq!(
            Formatter::new(Lang::En).date(d(2025, 10, 1)),
            "1\u{A0}October 2025"
        );
    }

    #[test]
    fn a_programme_year_is_named_with_its_months() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let (start, end) = (d(2025, 11, 1), d(2026, 10, 31));
        assert_eq!(
            Formatter::new(Lang::Fr).period("PY2", start, end),
            "Année 2 du programme (nov.\u{A0}2025 – oct.\u{A0}2026)"
        );
        assert_eq!(
            Formatter::new(Lang::En).period("PY2", start, end),
            "Programme year 2 (Nov\u{A0}2025 – Oct\u{A0}2026)"
        );
        // A short first year names the months it has.
        assert_eq!(
            Formatter::new(Lang::En).period("PY1", d(2024, 11, 1), d(2025, 6, 30)),
            "Programme year 1 (Nov\u{A0}2024 – Jun\u{A0}2025)"
        );
    }
}
