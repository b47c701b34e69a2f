//! Text helpers shared by the loader and the ingester: folding rules and
//! translated labels.

use std::cell::Cell;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::messages::Lang;

/// A text in several languages, keyed by language code (`fr`, `en`, …).
///
/// Definitions give at least the programme's first language; [`Localized::get`]
/// falls back to it, so a missing translation never leaves a hole in a report.
/// A text read from a programme's definitions knows that language (the
/// loader records it); it is not serialised, so the text's languages
/// are still exactly those the definitions give (the IATI export writes one
/// narrative per language given).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Localized(
    pub BTreeMap<String, String>,
    #[serde(skip)] FallbackLanguage,
);

/// The language a [`Localized`] falls back to: the first language of the
/// programme whose definitions it was read from, if any.
#[derive(Debug, Clone, Copy, Default)]
struct FallbackLanguage(Option<Lang>);

impl PartialEq for Localized {
    /// Two texts are equal when they say the same in the same languages,
    /// whichever programme they were read from.
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Localized {}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let texts = BTreeMap::deserialize(d)?;
        let fallback = DEFINITIONS_LANGUAGE.with(Cell::get);
        Ok(Localized(texts, FallbackLanguage(fallback)))
    }
}

thread_local! {
    /// The first language of the programme whose definitions are being read
    /// on this thread: [`Localized`]'s deserialiser records it. A context
    /// rather than an argument because the labels sit deep in every
    /// definition type (indicators, measures, columns, dimensions, …) and
    /// serde's derived deserialisers pass no argument down; the loader sets
    /// it around its parse with a [`DefinitionsLanguage`] guard.
    static DEFINITIONS_LANGUAGE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// While alive, every [`Localized`] deserialised on this thread falls back to
/// the given language (the programme's first). Dropping it restores the
/// language set before, so loads can nest.
pub(crate) struct DefinitionsLanguage {
    previous: Option<Lang>,
}

impl DefinitionsLanguage {
    /// Texts read from now on fall back to `lang`.
    pub(crate) fn set(lang: Option<Lang>) -> Self {
        DefinitionsLanguage {
            previous: DEFINITIONS_LANGUAGE.with(|l| l.replace(lang)),
        }
    }
}

impl Drop for DefinitionsLanguage {
    fn drop(&mut self) {
        DEFINITIONS_LANGUAGE.with(|l| l.set(self.previous));
    }
}

impl Localized {
    /// The text in `lang` (a [`crate::Lang`] or a code); when the text has
    /// none in `lang`, the text in the first language of the programme it
    /// was read from, else in any language it has (the first by code).
    pub fn get(&self, lang: impl AsRef<str>) -> &str {
        self.0
            .get(lang.as_ref())
            .or_else(|| self.1.0.and_then(|first| self.0.get(first.code())))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// A text with one language only.
    pub fn single(lang: &str, text: &str) -> Self {
        Localized(
            BTreeMap::from([(lang.to_owned(), text.to_owned())]),
            FallbackLanguage::default(),
        )
    }

    /// True when no language has a text.
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|t| t.trim().is_empty())
    }
}

/// Removes accents: `é` becomes `e`, `Œ` stays (it is a letter, not an accent).
pub fn strip_accents(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .collect()
}

/// Folds a sheet name or a column header as the contract says: lower case,
/// accents removed, and spaces, `-`, `_`, `'` and `’` removed.
/// `AUTO-evaluations` and `autoevaluations` fold alike; so do `Région` and
/// `region`.
pub fn fold_name(s: &str) -> String {
    strip_accents(s)
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '_' | '\'' | '’')))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Folds an enumerated value: trimmed, lower case, accents removed
/// (`Conférence ` matches `conference`).
pub fn fold_value(s: &str) -> String {
    strip_accents(s.trim()).to_lowercase()
}

/// Folds a key or a reference: trimmed and lower case. Accents are kept: two
/// codes that differ by an accent are two codes.
pub fn fold_key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The candidate closest to `wanted` (by folded edit distance), if any is
/// reasonably close. Used to suggest a fix in "not found" errors.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = fold_name(wanted);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&wanted, &fold_name(c)), c))
        .filter(|(d, c)| *d <= (wanted.chars().count().max(c.chars().count()) / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Reads a date written as a TOML date (`2025-10-31`) or as a string
/// (`"2025-10-31"`). chrono alone only knows strings, and TOML dates are not.
pub(crate) fn de_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<chrono::NaiveDate, D::Error> {
    use crate::error::ShapeProblem;
    use crate::programme::shape::refuse;
    use serde::de::Error;
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Toml(toml::value::Datetime),
        Text(String),
    }
    match Raw::deserialize(d)? {
        Raw::Toml(dt) => match (dt.date, dt.time) {
            (Some(date), None) => chrono::NaiveDate::from_ymd_opt(
                date.year.into(),
                date.month.into(),
                date.day.into(),
            )
            .ok_or_else(|| {
                D::Error::custom(refuse(ShapeProblem::NotACalendarDate {
                    given: dt.to_string(),
                }))
            }),
            _ => Err(D::Error::custom(refuse(ShapeProblem::NotADate {
                given: dt.to_string(),
            }))),
        },
        Raw::Text(s) => chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| D::Error::custom(refuse(ShapeProblem::NotADate { given: s }))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{fr = "Puits", en = "Wells"}` read as the definitions of a programme
    /// whose first language is `first`.
    fn wells(first: Option<Lang>) -> Localized {
        let _fallback = DefinitionsLanguage::set(first);
        let table: BTreeMap<String, Localized> =
            toml::from_str("label = { fr = \"Puits\", en = \"Wells\" }").unwrap();
        table["label"].clone()
    }

    #[test]
    fn a_missing_translation_falls_back_to_the_programme_first_language() {
        // Asked in a language the text lacks, English first: English, not French.
        assert_eq!(wells(Some(Lang::En)).get("es"), "Wells");
        assert_eq!(wells(Some(Lang::Fr)).get("es"), "Puits");
        // A language the text has is never replaced.
        assert_eq!(wells(Some(Lang::En)).get(Lang::Fr), "Puits");
        // Outside any programme: the first text by language code.
        assert_eq!(wells(None).get("es"), "Wells");
        // The guard is gone: what is read now knows no programme.
        let after: Localized = toml::from_str("fr = \"Puits\"").unwrap();
        assert_eq!(after.1.0, None);
        // Equality compares the texts, not where they were read.
        assert_eq!(wells(Some(Lang::En)), wells(Some(Lang::Fr)));
    }

    #[test]
    fn folds_names_as_the_contract_says() {
        assert_eq!(fold_name("AUTO-evaluations"), "autoevaluations");
        assert_eq!(fold_name("Région"), "region");
        assert_eq!(fold_name("Date d'adoption"), "datedadoption");
        assert_eq!(fold_name("Date d’adoption"), "datedadoption");
        // Hence aliases such as `Date d'adoption`: the two differ by a `d`.
        assert_eq!(fold_name("date_adoption"), "dateadoption");
        assert_eq!(fold_name(" Date de soumission "), "datedesoumission");
    }

    #[test]
    fn folds_values_and_keys() {
        assert_eq!(fold_value(" Conférence "), "conference");
        assert_eq!(fold_key(" SITE-Nord "), "site-nord");
        assert_eq!(fold_key("é"), "é");
    }

    #[test]
    fn suggests_the_closest_name() {
        assert_eq!(
            closest("presence", ["sessions", "presences"]),
            Some("presences")
        );
        assert_eq!(closest("xyz", ["sessions", "presences"]), None);
    }
}
