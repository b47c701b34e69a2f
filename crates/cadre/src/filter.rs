//! Row filters written as SQL conditions (`statut IN ('soumis', 'valide')`),
//! compiled by polars' SQL front end.
//!
//! SQL keeps the definitions readable by M&E officers and evaluators, and
//! polars parses it: we write no expression parser. The one thing we add is
//! references: `session.type` means the column `type` of the row the
//! `session` column points to. Polars would read a dotted name as a struct
//! field, so dotted names are quoted (`"session.type"`) before parsing, and
//! the frames we filter carry joined columns under those dotted names.

use polars::prelude::Expr;

/// A condition could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError(pub String);

/// Compiles a SQL condition into a polars expression; also returns the
/// columns it reads, so callers can check them against a dataset.
pub fn compile(sql: &str) -> Result<(Expr, Vec<String>), FilterError> {
    let quoted = quote_dotted_names(sql);
    let expr = polars::sql::sql_expr(&quoted)
        .map_err(|e| FilterError(clean_polars_message(&e.to_string())))?;
    let columns = expr
        .clone()
        .meta()
        .root_names()
        .into_iter()
        .map(|n| n.to_string())
        .collect();
    Ok((expr, columns))
}

/// Keeps the first line of a polars error, without its internal prefixes.
pub(crate) fn clean_polars_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    first
        .trim_start_matches("SQL interface error: ")
        .trim_start_matches("SQL syntax error: ")
        .trim()
        .to_owned()
}

/// Wraps `name.name` identifiers in double quotes, leaving string literals,
/// quoted identifiers and numbers (`1.5`) untouched.
fn quote_dotted_names(sql: &str) -> String {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = String::with_capacity(sql.len() + 8);
    let mut i = 0;
    let is_start = |c: char| c.is_alphabetic() || c == '_';
    let is_part = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' || c == '"' {
            // Copy a literal or quoted identifier verbatim, doubled quotes included.
            out.push(c);
            i += 1;
            while i < chars.len() {
                out.push(chars[i]);
                if chars[i] == c {
                    if chars.get(i + 1) == Some(&c) {
                        out.push(c);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
        } else if is_start(c) && (i == 0 || !is_part(chars[i - 1])) {
            let start = i;
            while i < chars.len()
                && (is_part(chars[i])
                    || (chars[i] == '.' && chars.get(i + 1).is_some_and(|n| is_start(*n))))
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word.contains('.') {
                out.push('"');
                out.push_str(&word);
                out.push('"');
            } else {
                out.push_str(&word);
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_dotted_names_only() {
        assert_eq!(
            quote_dotted_names("session.type = 'a.b' AND x > 1.5 AND \"c.d\" = 1"),
            "\"session.type\" = 'a.b' AND x > 1.5 AND \"c.d\" = 1"
        );
        assert_eq!(quote_dotted_names("statut = 'l''a.b'"), "statut = 'l''a.b'");
    }

    #[test]
    fn compiles_and_lists_columns() {
        let (_, cols) = compile("session.type = 'atelier' AND role IN ('a', 'b')").unwrap();
        assert_eq!(cols.len(), 2);
        assert!(cols.contains(&"session.type".to_owned()));
        assert!(cols.contains(&"role".to_owned()));
    }

    #[test]
    fn rejects_bad_sql() {
        assert!(compile("statut = = 'x'").is_err());
        assert!(compile("SELECT 1").is_err());
    }
}
