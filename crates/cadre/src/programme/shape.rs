//! The shape problems cadre finds while the TOML parser reads the
//! definitions (a measure missing a key its type needs, a date that is not
//! one), carried out of the parser typed.
//!
//! serde lets a value refuse itself only with a message: the parser then
//! reports that text, with its span. So a refusal is recorded here as well,
//! typed, before its English text goes through the parser; the loader takes
//! it back when the parser's message is that text, and the catalogue writes
//! it in the user's language. A message that is not the recorded one (a
//! refusal the parser recovered from, then another error) stays quoted.

use std::cell::RefCell;

use crate::error::ShapeProblem;

thread_local! {
    /// The latest refusal of this thread's parse.
    static LAST: RefCell<Option<ShapeProblem>> = const { RefCell::new(None) };
}

/// Records `problem` as the latest refusal and returns it, for serde to
/// carry as its message (`map_err(shape::refuse)`).
pub(crate) fn refuse(problem: ShapeProblem) -> ShapeProblem {
    LAST.with(|last| *last.borrow_mut() = Some(problem.clone()));
    problem
}

/// The recorded refusal whose English text is the parser's `message`, if
/// any; the record is cleared either way.
pub(crate) fn recover(message: &str) -> Option<ShapeProblem> {
    LAST.with(|last| last.borrow_mut().take())
        .filter(|problem| problem.to_string() == message.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_refusal_the_parser_reports_is_recovered() {
        refuse(ShapeProblem::LatestNeedsDate);
        assert_eq!(
            recover("a `latest` measure needs `date`"),
            Some(ShapeProblem::LatestNeedsDate)
        );
        // Taken once.
        assert_eq!(recover("a `latest` measure needs `date`"), None);
        refuse(ShapeProblem::AtEndForm);
        assert_eq!(recover("missing field `code`"), None);
        assert_eq!(
            recover("`at_end` takes either `from` (and `to`) or `unit`"),
            None
        );
    }
}
