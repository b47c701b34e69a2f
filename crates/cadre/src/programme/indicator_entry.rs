//! Which indicator a parser error is in: an error inside an `[[indicator]]`
//! table names the indicator by its code, besides the file and line, so
//! that a user with fifty indicators in a file knows which one to open.
//!
//! The code is read from the text, not from the parsed document: a syntax
//! error leaves no document, and the table's `code = "…"` line is still
//! there to read.

use crate::error::{DefinitionProblem, Error};

/// `error` naming the indicator whose table holds its line, when that table
/// has a `code` that can be read; any other error unchanged.
pub(super) fn naming(error: Error, text: &str) -> Error {
    match error {
        Error::Definition {
            path,
            line: Some(line),
            problem,
        } if !matches!(*problem, DefinitionProblem::NotUtf8) => {
            let problem = match code_at(text, line) {
                Some(code) => Box::new(DefinitionProblem::InIndicator { code, problem }),
                None => problem,
            };
            Error::Definition {
                path,
                line: Some(line),
                problem,
            }
        }
        other => other,
    }
}

/// The `code` of the `[[indicator]]` table that holds `line` (from 1): the
/// last `[[indicator]]` header on or before it, when no other table (but
/// its own sub-tables, `[indicator.measure]`) starts between them, and the
/// `code = "…"` line among the keys that follow it, before any sub-table.
fn code_at(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let headers: Vec<(usize, String)> = lines[..line.min(lines.len())]
        .iter()
        .enumerate()
        .filter_map(|(i, l)| header_of(l).map(|h| (i, h)))
        .collect();
    let (_, last) = headers.last()?;
    let of_an_indicator = |h: &str| {
        h == "[[indicator]]" || h.starts_with("[indicator.") || h.starts_with("[[indicator.")
    };
    if !of_an_indicator(last) {
        // A misspelt table (`[[indicatr]]`) is no indicator's.
        return None;
    }
    let (header, _) = headers.iter().rev().find(|(_, h)| h == "[[indicator]]")?;
    lines[header + 1..]
        .iter()
        .take_while(|l| header_of(l).is_none())
        .find_map(|l| code_of(l))
}

/// The table header a line holds (`[[indicator]]`, `[indicator.measure]`),
/// without spaces or comment; none for a key or a value.
fn header_of(line: &str) -> Option<String> {
    let bare: String = line
        .split('#')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // A value of a multi-line array (`["a", "b"],`) has quotes or commas;
    // a header has neither.
    let header =
        bare.starts_with('[') && bare.ends_with(']') && !bare.contains(['"', '\'', ',', '{', '=']);
    header.then_some(bare)
}

/// The code a `code = "A1.1"` line gives (a basic or a literal string).
fn code_of(line: &str) -> Option<String> {
    let value = line
        .trim_start()
        .strip_prefix("code")?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = &value[1..];
    let code = &inner[..inner.find(quote)?];
    (!code.is_empty()).then(|| code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# Indicators
[[indicator]]
code = "A1"
kind = "total"

[[indicator]]
result = "R"
code = 'X9'   # the code need not come first
milestones = [
  ["not", "a header"],
]
[indicator.measure]
code = "not the indicator's"
type = "count"

[[indicator]]
kind = "level"

[[indicator]]
code = "B2"
[[indicatr]]
code = "B3"
"#;

    #[test]
    fn the_enclosing_indicator_is_named_by_its_code() {
        assert_eq!(code_at(FILE, 1), None, "before any indicator");
        assert_eq!(code_at(FILE, 4).as_deref(), Some("A1"));
        assert_eq!(code_at(FILE, 6).as_deref(), Some("X9"), "its header line");
        assert_eq!(code_at(FILE, 7).as_deref(), Some("X9"), "above its code");
        assert_eq!(code_at(FILE, 14).as_deref(), Some("X9"), "in its measure");
        assert_eq!(code_at(FILE, 17), None, "a table without a code");
        assert_eq!(code_at(FILE, 20).as_deref(), Some("B2"));
        assert_eq!(
            code_at(FILE, 22),
            None,
            "a misspelt table is no indicator's"
        );
    }

    #[test]
    fn only_errors_with_a_line_in_an_indicator_are_named() {
        let at = |line| Error::Definition {
            path: "x.toml".into(),
            line,
            problem: Box::new(DefinitionProblem::Syntax {
                detail: "invalid".into(),
            }),
        };
        let named = |e: Error| match e {
            Error::Definition { problem, .. } => match *problem {
                DefinitionProblem::InIndicator { code, .. } => Some(code),
                _ => None,
            },
            _ => None,
        };
        assert_eq!(named(naming(at(Some(3)), FILE)).as_deref(), Some("A1"));
        assert_eq!(named(naming(at(None), FILE)), None);
        assert_eq!(named(naming(at(Some(1)), FILE)), None);
    }
}
