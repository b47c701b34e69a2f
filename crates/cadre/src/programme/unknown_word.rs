//! A definition's misspelt word, recognised in the TOML parser's message:
//! a value not among those a key allows (`kind = "totl"`, a column's
//! `type = "txt"`), a key the table does not take (`labl`), a measure type
//! cadre does not know. The parser's English sentence becomes a problem the
//! catalogue writes in the user's language, with the allowed words and the
//! closest of them ("did you mean `total`?").

use crate::error::{DefinitionProblem, UnknownWord};
use crate::text::closest;

/// The problem the parser's `message` states: an unknown word when it
/// names one, else the message itself, quoted.
pub(crate) fn problem(message: &str) -> DefinitionProblem {
    parse(message).unwrap_or_else(|| DefinitionProblem::Syntax {
        detail: message.to_owned(),
    })
}

/// The three sentences serde and the measure parser write for an unknown
/// word: "unknown variant `x`, expected …", "unknown field `x`, expected …",
/// "unknown measure type `x`, expected …".
fn parse(message: &str) -> Option<DefinitionProblem> {
    let (word, rest) = [
        ("unknown variant `", UnknownWord::Value),
        ("unknown field `", UnknownWord::Key),
        ("unknown measure type `", UnknownWord::MeasureType),
    ]
    .into_iter()
    .find_map(|(start, word)| message.strip_prefix(start).map(|rest| (word, rest)))?;
    let (given, rest) = rest.split_once('`')?;
    let expected = match rest.strip_prefix(", expected ") {
        Some(list) => allowed(list),
        // "there are no fields": the table takes no key at all.
        None if rest.starts_with(", there are no") => Vec::new(),
        None => return None,
    };
    let suggestion = closest(given, expected.iter().map(String::as_str)).map(str::to_owned);
    Some(DefinitionProblem::UnknownWord {
        word,
        given: given.to_owned(),
        expected,
        closest: suggestion,
    })
}

/// The words of "one of `a`, `b`, `c`", "`a` or `b`", "`a`", "one of a, b".
fn allowed(list: &str) -> Vec<String> {
    let list = list.strip_prefix("one of ").unwrap_or(list);
    list.split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|w| w.trim().trim_matches('`').to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(message: &str) -> (UnknownWord, String, Vec<String>, Option<String>) {
        match problem(message) {
            DefinitionProblem::UnknownWord {
                word,
                given,
                expected,
                closest,
            } => (word, given, expected, closest),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_unknown_value_lists_the_allowed_and_the_closest() {
        let (word, given, expected, closest) =
            unknown("unknown variant `totl`, expected `total` or `level`");
        assert_eq!(word, UnknownWord::Value);
        assert_eq!(given, "totl");
        assert_eq!(expected, ["total", "level"]);
        assert_eq!(closest.as_deref(), Some("total"));
        let (_, _, expected, closest) =
            unknown("unknown variant `outptu`, expected one of `impact`, `outcome`, `output`");
        assert_eq!(expected, ["impact", "outcome", "output"]);
        assert_eq!(closest.as_deref(), Some("output"));
        let (_, _, expected, _) = unknown("unknown variant `x`, expected `only`");
        assert_eq!(expected, ["only"]);
    }

    #[test]
    fn an_unknown_key_and_measure_type_are_recognised() {
        let (word, _, _, closest) =
            unknown("unknown field `labl`, expected one of `code`, `label`, `level`");
        assert_eq!(
            (word, closest.as_deref()),
            (UnknownWord::Key, Some("label"))
        );
        let (word, _, expected, closest) =
            unknown("unknown measure type `cont`, expected one of count, distinct, sum");
        assert_eq!(word, UnknownWord::MeasureType);
        assert_eq!(expected, ["count", "distinct", "sum"]);
        assert_eq!(closest.as_deref(), Some("count"));
        let (_, _, expected, closest) = unknown("unknown field `x`, there are no fields");
        assert!(expected.is_empty() && closest.is_none());
    }

    #[test]
    fn a_far_word_gets_no_suggestion_and_other_messages_stay_quoted() {
        let (_, _, _, closest) = unknown("unknown variant `zzzzzzzz`, expected `total` or `level`");
        assert_eq!(closest, None);
        assert_eq!(
            problem("invalid type: string \"a\", expected f64"),
            DefinitionProblem::Syntax {
                detail: "invalid type: string \"a\", expected f64".into()
            }
        );
    }
}
