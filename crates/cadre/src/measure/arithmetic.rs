//! The arithmetic of a composite indicator's formula: `+ - * /`, brackets,
//! numbers and indicator codes (`(A1.1 + A1.2) / 2`, `100 * B2 / B1`).
//!
//! A small recursive-descent parser rather than polars' SQL expression
//! parser: SQL reads `A1.1` as a column `1` of a table `A1`, so every code
//! would have to be quoted (`"A1.1"`), which is not how a logframe writes a
//! formula; a division by zero must give no value (SQL gives infinity or an
//! error, depending on the types); and a syntax error must say at which
//! character it is, in the user's language. The grammar is four operators
//! and brackets: a page of code, tested below, against a dependency's whole
//! SQL dialect.
//!
//! Grammar (usual precedence, left to right):
//! `sum = product (("+" | "-") product)*`,
//! `product = factor (("*" | "/") factor)*`,
//! `factor = number | code | "(" sum ")" | "-" factor`.
//! A code starts with a letter or `_` and goes on with letters, digits, `.`
//! and `_` (`A1.1`); any other code is written between backquotes (`` `IND-3` ``).

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A number written in the formula.
    Number(f64),
    /// The value of the indicator with this code.
    Code(String),
    /// Minus its operand.
    Neg(Box<Expr>),
    /// Two operands and an operator.
    Binary(Box<Expr>, Op, Box<Expr>),
}

/// An operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// Where a formula cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The position of the problem, in characters from 1.
    pub at: usize,
    /// What stands there, as written; `None` when the formula ends too early.
    pub found: Option<String>,
}

/// A token and the character range it was read from.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Code(String),
    Op(Op),
    Open,
    Close,
}

#[derive(Debug, Clone)]
struct Spanned {
    token: Token,
    /// First character, from 0.
    start: usize,
    /// One past the last character.
    end: usize,
    /// The text as written.
    text: String,
}

/// Splits a formula into tokens, or says which character cannot start one.
fn tokens(formula: &str) -> Result<Vec<Spanned>, SyntaxError> {
    let chars: Vec<char> = formula.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let token = match c {
            _ if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '+' | '-' | '*' | '/' | '(' | ')' => {
                i += 1;
                match c {
                    '+' => Token::Op(Op::Add),
                    '-' => Token::Op(Op::Sub),
                    '*' => Token::Op(Op::Mul),
                    '/' => Token::Op(Op::Div),
                    '(' => Token::Open,
                    _ => Token::Close,
                }
            }
            '0'..='9' => {
                i = scan(&chars, i, |c| c.is_ascii_digit());
                if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                {
                    i = scan(&chars, i + 1, |c| c.is_ascii_digit());
                }
                let text: String = chars[start..i].iter().collect();
                Token::Number(text.parse().expect("digits with at most one inner dot"))
            }
            '`' => {
                let close = chars[i + 1..].iter().position(|&c| c == '`');
                let Some(len) = close.filter(|&len| len > 0) else {
                    return Err(SyntaxError {
                        at: start + 1,
                        found: Some("`".into()),
                    });
                };
                i += len + 2;
                Token::Code(chars[start + 1..i - 1].iter().collect())
            }
            _ if c.is_alphabetic() || c == '_' => {
                i = scan(&chars, i, |&c| c.is_alphanumeric() || c == '.' || c == '_');
                Token::Code(chars[start..i].iter().collect())
            }
            _ => {
                return Err(SyntaxError {
                    at: start + 1,
                    found: Some(c.to_string()),
                });
            }
        };
        out.push(Spanned {
            token,
            start,
            end: i,
            text: chars[start..i].iter().collect(),
        });
    }
    Ok(out)
}

/// The position after the run of characters from `i` that `keep` accepts.
fn scan(chars: &[char], mut i: usize, keep: impl Fn(&char) -> bool) -> usize {
    while chars.get(i).is_some_and(&keep) {
        i += 1;
    }
    i
}

/// The parser's state: the tokens and the next one's position.
struct Parser {
    tokens: Vec<Spanned>,
    next: usize,
    /// Characters in the formula: where "ends too early" points.
    length: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|s| &s.token)
    }

    /// The error at the next token, or at the end.
    fn unexpected(&self) -> SyntaxError {
        match self.tokens.get(self.next) {
            Some(s) => SyntaxError {
                at: s.start + 1,
                found: Some(s.text.clone()),
            },
            None => SyntaxError {
                at: self.length + 1,
                found: None,
            },
        }
    }

    fn sum(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.product()?;
        while let Some(Token::Op(op @ (Op::Add | Op::Sub))) = self.peek() {
            let op = *op;
            self.next += 1;
            let right = self.product()?;
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.factor()?;
        while let Some(Token::Op(op @ (Op::Mul | Op::Div))) = self.peek() {
            let op = *op;
            self.next += 1;
            let right = self.factor()?;
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Expr, SyntaxError> {
        let token = self.peek().cloned();
        let expr = match token {
            Some(Token::Number(n)) => Expr::Number(n),
            Some(Token::Code(c)) => Expr::Code(c),
            Some(Token::Op(Op::Sub)) => {
                self.next += 1;
                return Ok(Expr::Neg(Box::new(self.factor()?)));
            }
            Some(Token::Open) => {
                self.next += 1;
                let inner = self.sum()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(self.unexpected());
                }
                inner
            }
            _ => return Err(self.unexpected()),
        };
        self.next += 1;
        Ok(expr)
    }
}

impl Expr {
    /// Reads a formula, or says where it cannot be read.
    pub(crate) fn parse(formula: &str) -> Result<Expr, SyntaxError> {
        let mut parser = Parser {
            tokens: tokens(formula)?,
            next: 0,
            length: formula.chars().count(),
        };
        let expr = parser.sum()?;
        if parser.next < parser.tokens.len() {
            return Err(parser.unexpected());
        }
        Ok(expr)
    }

    /// The codes the formula names, each once, in the order written.
    pub(crate) fn codes(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_codes(&mut out);
        out
    }

    fn collect_codes<'e>(&'e self, out: &mut Vec<&'e str>) {
        match self {
            Expr::Number(_) => {}
            Expr::Code(c) => {
                if !out.contains(&c.as_str()) {
                    out.push(c);
                }
            }
            Expr::Neg(e) => e.collect_codes(out),
            Expr::Binary(l, _, r) => {
                l.collect_codes(out);
                r.collect_codes(out);
            }
        }
    }

    /// The formula's value given each code's: none when a code has none, on
    /// a division by zero, or beyond what a number holds.
    pub(crate) fn value(&self, value_of: &dyn Fn(&str) -> Option<f64>) -> Option<f64> {
        let v = match self {
            Expr::Number(n) => *n,
            Expr::Code(c) => value_of(c)?,
            Expr::Neg(e) => -e.value(value_of)?,
            Expr::Binary(l, op, r) => {
                let (l, r) = (l.value(value_of)?, r.value(value_of)?);
                match op {
                    Op::Add => l + r,
                    Op::Sub => l - r,
                    Op::Mul => l * r,
                    Op::Div if r == 0.0 => return None,
                    Op::Div => l / r,
                }
            }
        };
        v.is_finite().then_some(v)
    }
}

/// The formula as written, each code replaced by what `value_of` gives for
/// it (the numbers `explain` shows); as written when it cannot be read.
pub fn substitute(formula: &str, value_of: impl Fn(&str) -> String) -> String {
    let Ok(tokens) = tokens(formula) else {
        return formula.to_owned();
    };
    let chars: Vec<char> = formula.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for t in tokens {
        if let Token::Code(code) = &t.token {
            out.extend(&chars[at..t.start]);
            out += &value_of(code);
            at = t.end;
        }
    }
    out.extend(&chars[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(formula: &str, values: &[(&str, Option<f64>)]) -> Option<f64> {
        let lookup = |c: &str| values.iter().find(|(k, _)| *k == c).and_then(|(_, v)| *v);
        Expr::parse(formula).unwrap().value(&lookup)
    }

    fn error(formula: &str) -> (usize, Option<String>) {
        let e = Expr::parse(formula).unwrap_err();
        (e.at, e.found)
    }

    #[test]
    fn operators_follow_the_usual_precedence() {
        assert_eq!(value("1 + 2 * 3", &[]), Some(7.0));
        assert_eq!(value("(1 + 2) * 3", &[]), Some(9.0));
        assert_eq!(value("10 - 4 - 3", &[]), Some(3.0));
        assert_eq!(value("12 / 3 / 2", &[]), Some(2.0));
        assert_eq!(value("-2 * -3", &[]), Some(6.0));
        assert_eq!(value("2.5*2", &[]), Some(5.0));
    }

    #[test]
    fn codes_are_read_with_their_dots_or_between_backquotes() {
        let v = [
            ("A1.1", Some(3.0)),
            ("A1.2", Some(5.0)),
            ("IND-3", Some(4.0)),
        ];
        assert_eq!(value("(A1.1 + A1.2) / 2", &v), Some(4.0));
        assert_eq!(value("100 * A1.1 / `IND-3`", &v), Some(75.0));
        assert_eq!(
            Expr::parse("(A1.1 + A1.2) / A1.1 - `IND-3`")
                .unwrap()
                .codes(),
            ["A1.1", "A1.2", "IND-3"]
        );
    }

    #[test]
    fn an_empty_part_or_a_division_by_zero_gives_no_value() {
        let v = [("A", Some(3.0)), ("B", Some(0.0)), ("C", None)];
        assert_eq!(value("A + C", &v), None);
        assert_eq!(value("A / B", &v), None);
        assert_eq!(value("A / (B - B)", &v), None);
        assert_eq!(value("B / A", &v), Some(0.0));
    }

    #[test]
    fn a_syntax_error_says_where_it_is() {
        assert_eq!(error("A + "), (5, None));
        assert_eq!(error("(A + B"), (7, None));
        assert_eq!(error("A + B)"), (6, Some(")".into())));
        assert_eq!(error("A B"), (3, Some("B".into())));
        assert_eq!(error("A * / B"), (5, Some("/".into())));
        assert_eq!(error("A % 2"), (3, Some("%".into())));
        assert_eq!(error("A + `B"), (5, Some("`".into())));
        assert_eq!(error(""), (1, None));
    }

    #[test]
    fn substitution_keeps_the_formula_as_written() {
        let numbers = |c: &str| if c == "A1.1" { "3".into() } else { "5".into() };
        assert_eq!(substitute("(A1.1 + A1.2) / 2", numbers), "(3 + 5) / 2");
        assert_eq!(substitute("100*`B-2`/A1.1", numbers), "100*5/3");
    }
}
