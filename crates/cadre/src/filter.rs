//! Row filters written as SQL conditions (`statut IN ('soumis', 'valide')`),
//! compiled by polars' SQL front end.
//!
//! SQL keeps the definitions readable by M&E officers and evaluators, and
//! polars parses it: we write no expression parser. The one thing we add is
//! references: `session.type` means the column `type` of the row the
//! `session` column points to. Polars would read a dotted name as a struct
//! field, so dotted names are quoted (`"session.type"`) before parsing, and
//! the frames we filter carry joined columns under those dotted names.

use polars::prelude::{DataType, Expr, Scalar};

/// A condition could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError(pub String);

/// Compiles a SQL condition into a polars expression; also returns the
/// columns it reads, so callers can check them against a dataset.
pub fn compile(sql: &str) -> Result<(Expr, Vec<String>), FilterError> {
    let quoted = quote_dotted_names(sql);
    let expr = polars::sql::sql_expr(&quoted)
        .map_err(|e| FilterError(clean_polars_message(&e.to_string())))?
        .map_expr(date_literal);
    let columns = expr
        .clone()
        .meta()
        .root_names()
        .into_iter()
        .map(|n| n.to_string())
        .collect();
    Ok((expr, columns))
}

/// `DATE '2025-07-01'` as the date it names. Polars' SQL front end reads it
/// as the text cast to a date when rows are filtered, a cast polars
/// deprecates with a warning it prints on stderr (and a library never
/// prints): the date is read once here instead.
fn date_literal(e: Expr) -> Expr {
    let date = match &e {
        Expr::Cast { expr, dtype, .. } if dtype.as_literal() == Some(&DataType::Date) => {
            match expr.as_ref() {
                Expr::Literal(text) => text
                    .extract_str()
                    .and_then(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()),
                _ => None,
            }
        }
        _ => None,
    };
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    match date.and_then(|d| i32::try_from((d - epoch).num_days()).ok()) {
        Some(days) => Expr::Literal(Scalar::new_date(days).into()),
        None => e,
    }
}

/// The condition with each text that reads as an ISO date (`'2025-07-01'`)
/// written as a date (`DATE '2025-07-01'`), or `None` when it holds none:
/// what a condition comparing a date column to text meant.
pub(crate) fn with_date_literals(sql: &str) -> Option<String> {
    let iso = regex::Regex::new(r"(?i)(DATE\s*)?'(\d{4}-\d{2}-\d{2})'").ok()?;
    let mut changed = false;
    let fixed = iso.replace_all(sql, |c: &regex::Captures| {
        if c.get(1).is_some() {
            c[0].to_owned()
        } else {
            changed = true;
            format!("DATE '{}'", &c[2])
        }
    });
    changed.then(|| fixed.into_owned())
}

/// The boolean column a condition compares with text (`en_ligne = 'oui'`),
/// if any. Polars reads such text as no boolean and the condition then
/// keeps no row, silently: the loader refuses it instead.
pub(crate) fn boolean_compared_with_text(
    expr: &Expr,
    is_boolean: impl Fn(&str) -> bool,
) -> Option<String> {
    let column = |e: &Expr| match e {
        Expr::Column(name) if is_boolean(name) => Some(name.to_string()),
        _ => None,
    };
    let text = |e: &Expr| matches!(e, Expr::Literal(l) if l.extract_str().is_some());
    expr.into_iter().find_map(|e| match e {
        Expr::BinaryExpr { left, op, right } if op.is_comparison() => {
            match (column(left), column(right)) {
                (Some(c), _) if text(right) => Some(c),
                (_, Some(c)) if text(left) => Some(c),
                _ => None,
            }
        }
        _ => None,
    })
}

/// Whether polars refused a condition because it compares a date column
/// with text (`date >= '2025-07-01'`, `date IN ('2025-07-01')`).
pub(crate) fn compares_date_with_text(polars_message: &str) -> bool {
    polars_message.contains("cannot compare 'date/datetime/time' to a string value")
        || (polars_message.contains("'is_in' cannot check for")
            && polars_message.contains("String")
            && polars_message.contains("Date"))
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
    fn iso_dates_in_text_become_date_literals_once() {
        assert_eq!(
            with_date_literals("date >= '2025-07-01' AND d < DATE '2026-01-01' AND s = 'x'")
                .as_deref(),
            Some("date >= DATE '2025-07-01' AND d < DATE '2026-01-01' AND s = 'x'")
        );
        assert_eq!(with_date_literals("date >= DATE '2025-07-01'"), None);
        assert_eq!(with_date_literals("s = 'x'"), None);
    }

    #[test]
    fn a_date_literal_is_a_date_not_a_cast() {
        let (expr, _) = compile("d >= DATE '2025-07-01'").unwrap();
        let text = format!("{expr:?}");
        assert!(!text.contains("cast") && !text.contains("strict"), "{text}");
        let df = polars::df!("d" => [
            chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        ])
        .unwrap();
        use polars::prelude::IntoLazy;
        let kept = df.lazy().filter(expr).collect().unwrap();
        assert_eq!(kept.height(), 1);
    }

    #[test]
    fn finds_a_boolean_compared_with_text() {
        let found = |sql: &str| {
            let (expr, _) = compile(sql).unwrap();
            boolean_compared_with_text(&expr, |c| c == "ok" || c == "visit.ok")
        };
        assert_eq!(found("ok = 'oui'").as_deref(), Some("ok"));
        assert_eq!(found("s = 'x' AND 'yes' <> ok").as_deref(), Some("ok"));
        assert_eq!(found("visit.ok = 'true'").as_deref(), Some("visit.ok"));
        assert_eq!(found("ok = true"), None);
        assert_eq!(found("ok AND NOT ok"), None);
        assert_eq!(found("s = 'oui'"), None);
    }

    #[test]
    fn rejects_bad_sql() {
        assert!(compile("statut = = 'x'").is_err());
        assert!(compile("SELECT 1").is_err());
    }
}
