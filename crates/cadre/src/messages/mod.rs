//! The core's message catalogue: the words of what the library owns, in
//! each language cadre speaks.
//!
//! Code never writes a sentence. It names what it wants to say with a typed
//! value (an [`Error`], a [`Rule`], a [`Problem`], a [`Status`], a measure
//! type, an explained aggregation, a column's rule) and the catalogue of the
//! user's [`Lang`] writes it. Each language is one module (`fr/`, `en/`) of
//! exhaustive `match`es: an id added without its words in every language
//! does not compile, and no message can mix languages, since one module
//! writes it whole.
//!
//! Only the library's own words are here, so that a tool embedding cadre
//! gets every message of what it calls and no other: the words of the
//! reports, the web page and the command line belong to the runner
//! (`cadre_report::messages`), which builds its sentences around these.
//! Words that belong to a programme (indicator labels, dimensions, dataset
//! labels) are in its definitions.

mod en;
mod fr;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::ingest::{Problem, Rule};
use crate::table::Status;

/// A language cadre speaks: it has a catalogue for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French, the default of francophone programmes.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every language with a catalogue.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The ISO 639-1 code (`fr`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language of an ISO 639-1 code, ignoring case and spaces.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim();
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }
}

impl AsRef<str> for Lang {
    fn as_ref(&self) -> &str {
        self.code()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Error {
    /// The error in `lang`, with its context (file, line, sheet).
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::error(self),
            Lang::En => en::error(self),
        }
    }
}

impl fmt::Display for crate::error::ShapeProblem {
    /// In English, like every error's `Display`: the text the TOML parser
    /// carries, recognised on the way out and written in the user's language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&en::shape_problem(self))
    }
}

impl Rule {
    /// The rule a rejected value breaks, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::rule(self),
            Lang::En => en::rule(self),
        }
    }
}

impl Problem {
    /// One line: file, sheet, row, column, value and rule, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::problem(self),
            Lang::En => en::problem(self),
        }
    }
}

impl crate::schema::ColumnSchema {
    /// A one-line statement of the column's rule (type, range, form,
    /// values, uniqueness, whether required), in `lang`. The statement is
    /// put together here, the same in every language; each catalogue
    /// writes its parts.
    pub fn rule(&self, lang: Lang) -> String {
        let part = |p: RulePart| match lang {
            Lang::Fr => fr::rule_part(&p),
            Lang::En => en::rule_part(&p),
        };
        let mut rule = match &self.references {
            Some(dataset) => part(RulePart::Reference { dataset }),
            None => {
                let mut rule = part(RulePart::Kind {
                    kind: self.kind,
                    values: &self.values,
                });
                if self.min.is_some() || self.max.is_some() {
                    rule.push(' ');
                    rule += &part(RulePart::Range {
                        min: self.min,
                        max: self.max,
                    });
                }
                if let Some(pattern) = &self.pattern {
                    rule.push(' ');
                    rule += &part(RulePart::Pattern { pattern });
                }
                rule
            }
        };
        if self.unique {
            rule += ", ";
            rule += &part(RulePart::Unique);
        }
        rule += ", ";
        rule += &self.requirement(lang);
        rule
    }

    /// Whether the column must be filled, in `lang`: required, optional, or
    /// required when another column holds a value.
    pub fn requirement(&self, lang: Lang) -> String {
        let part = |p: RulePart| match lang {
            Lang::Fr => fr::rule_part(&p),
            Lang::En => en::rule_part(&p),
        };
        match &self.required_when {
            Some(c) => Rule::RequiredWhen {
                column: c.column.clone(),
                equals: c.equals.clone(),
            }
            .text(lang),
            None if self.required => part(RulePart::Required),
            None => part(RulePart::Optional),
        }
    }
}

/// The `aliases = [...]` line of datasets.toml that accepts `added` beside
/// the `existing` aliases: the same in every language (it is TOML).
fn aliases_line(existing: &[String], added: &str) -> String {
    let quoted: Vec<String> = existing
        .iter()
        .map(String::as_str)
        .chain([added])
        .map(|a| format!("{a:?}"))
        .collect();
    format!("aliases = [{}]", quoted.join(", "))
}

/// A part of a column's rule (see [`crate::schema::ColumnSchema::rule`]).
enum RulePart<'a> {
    /// What the cell holds.
    Kind {
        kind: crate::schema::ColumnType,
        values: &'a [String],
    },
    /// Its bounds (at least one is given).
    Range { min: Option<f64>, max: Option<f64> },
    /// The form of a text.
    Pattern { pattern: &'a str },
    /// A code of another dataset (instead of the kind, range and form).
    Reference { dataset: &'a str },
    /// No two rows alike.
    Unique,
    /// The cell must be filled.
    Required,
    /// The cell may be left empty.
    Optional,
}

impl crate::indicator::MeasureType {
    /// The measure's type in words, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => fr::measure_type(self),
            Lang::En => en::measure_type(self),
        }
    }
}

impl crate::explain::Aggregation {
    /// What an explained part computes, in `lang` (`sum of amount`).
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::aggregation(self),
            Lang::En => en::aggregation(self),
        }
    }
}

impl crate::ingest::SkipReason {
    /// Why a file was skipped, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => fr::skip_reason(self),
            Lang::En => en::skip_reason(self),
        }
    }
}

impl Status {
    /// The status in words, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => fr::status(self),
            Lang::En => en::status(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_read_back() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code(" FR "), Some(Lang::Fr));
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn period_errors_speak_one_language() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let e = crate::Period::parse("2027-Q9", crate::Calendar::new(today, today, None), today)
            .unwrap_err();
        assert_eq!(
            e.message(Lang::Fr),
            "période « 2027-Q9 » : un trimestre va de Q1 à Q4"
        );
        assert_eq!(
            e.message(Lang::En),
            "period `2027-Q9`: a quarter is Q1 to Q4"
        );
    }

    #[test]
    fn a_programme_year_error_names_how_many_years_there_are() {
        let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let three = crate::Calendar::new(d(2024, 11, 1), d(2026, 10, 31), Some(7));
        let e = crate::Period::parse("py9", three, d(2026, 1, 1)).unwrap_err();
        assert_eq!(
            e.message(Lang::Fr),
            "période « py9 » : le programme a 3 années : de PY1 à PY3"
        );
        assert_eq!(
            e.message(Lang::En),
            "period `py9`: the programme has 3 programme years: PY1 to PY3"
        );
        let one = crate::Calendar::new(d(2024, 1, 1), d(2024, 12, 31), None);
        let e = crate::Period::parse("PY0", one, d(2024, 6, 1)).unwrap_err();
        assert_eq!(
            e.message(Lang::Fr),
            "période « PY0 » : le programme a une seule année : PY1"
        );
        assert_eq!(
            e.message(Lang::En),
            "period `PY0`: the programme has one programme year: PY1"
        );
        let e = crate::Period::parse("2025-X1", one, d(2024, 6, 1)).unwrap_err();
        assert!(e.message(Lang::En).contains(", PY1 (a programme year), "));
        assert!(
            e.message(Lang::Fr)
                .contains(", PY1 (une année du programme), ")
        );
    }
}
