//! The officer's justifications of the budget variances: `finance.md` in
//! the period's narrative folder (`finance.en.md` in English), one `##`
//! section per budget line or nature, its heading naming it: the line as
//! the budget writes it (or its label), `ACTION / line` when lines of two
//! actions share a name, a nature's value (`64`), its label, or both
//! (`64 Charges de personnel`). Headings compare ignoring case, accents and
//! spacing. A variance beyond `[finance] variance_pct` without its
//! justification is a warning (an error with `--strict`); a section that
//! names nothing is a warning too.

use cadre::finance::{BudgetRow, FinancialStatement};
use cadre::text::fold_key;
use serde::Serialize;

use super::markdown::{Block, Inline};

/// The narrative file's name, without `.md`.
pub const FILE: &str = "finance";

/// One section of `finance.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Justification {
    /// Its heading, as plain text.
    pub heading: String,
    /// What it says.
    pub blocks: Vec<Block>,
}

/// `finance.md` split at its level-2 headings; what comes before the first
/// is its introduction.
pub fn split(blocks: Vec<Block>) -> (Vec<Block>, Vec<Justification>) {
    let mut intro = Vec::new();
    let mut sections: Vec<Justification> = Vec::new();
    for b in blocks {
        match b {
            Block::Heading { level: 2, inlines } => sections.push(Justification {
                heading: plain(&inlines),
                blocks: Vec::new(),
            }),
            b => match sections.last_mut() {
                Some(s) => s.blocks.push(b),
                None => intro.push(b),
            },
        }
    }
    (intro, sections)
}

/// The plain text of some inlines.
fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text } | Inline::Code { text } => text.clone(),
            Inline::Emph { inlines }
            | Inline::Strong { inlines }
            | Inline::Strike { inlines }
            | Inline::Link { inlines, .. } => plain(inlines),
            Inline::Break => " ".into(),
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The names a heading may give a row of the statement by line or by
/// nature, folded.
fn names(row: &BudgetRow) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: String| {
        if !s.trim().is_empty() {
            out.push(fold_key(&s));
        }
    };
    if let Some(l) = &row.line {
        push(l.value.clone());
        for label in l.label.0.values() {
            push(label.clone());
        }
        if let Some(a) = &row.action {
            push(format!("{} / {}", a.value, l.value));
            push(format!("{} — {}", a.value, l.value));
        }
    } else if let Some(n) = &row.nature {
        push(n.value.clone());
        for label in n.label.0.values() {
            push(label.clone());
            push(format!("{} {label}", n.value));
            push(format!("{} – {label}", n.value));
            push(format!("{} - {label}", n.value));
        }
    }
    out
}

/// The justification a heading gives `row`, if any: a section with
/// something written under its heading (the skeleton's empty sections
/// justify nothing).
pub fn find<'j>(row: &BudgetRow, justifications: &'j [Justification]) -> Option<&'j Justification> {
    let names = names(row);
    justifications
        .iter()
        .find(|j| !j.blocks.is_empty() && names.contains(&fold_key(&j.heading)))
}

/// The rows of the statement (by line, then by nature) whose variance
/// needs a justification.
pub fn expected(s: &FinancialStatement) -> impl Iterator<Item = &BudgetRow> {
    s.by_line
        .iter()
        .flatten()
        .chain(s.by_nature.iter().flatten())
        .filter(|r| r.figures.needs_justification)
}

/// The headings that name no line or nature of the statement.
pub fn unknown<'j>(
    s: &FinancialStatement,
    justifications: &'j [Justification],
) -> impl Iterator<Item = &'j Justification> {
    let all: Vec<String> = s
        .by_line
        .iter()
        .flatten()
        .chain(s.by_nature.iter().flatten())
        .flat_map(names)
        .collect();
    justifications
        .iter()
        .filter(move |j| !all.contains(&fold_key(&j.heading)))
}

/// A row's name as the warnings and the report write it: `ACTION — line`,
/// or the nature's value and label.
pub fn row_name(r: &BudgetRow, lang: cadre::Lang) -> String {
    match (&r.action, &r.line, &r.nature) {
        (Some(a), Some(l), _) => format!("{} — {}", a.value, l.text(lang)),
        (None, Some(l), _) => l.text(lang).to_owned(),
        (_, None, Some(n)) if n.text(lang) != n.value => format!("{} {}", n.value, n.text(lang)),
        (_, None, Some(n)) => n.value.clone(),
        (Some(a), None, None) => a.text(lang).to_owned(),
        (None, None, None) => String::new(),
    }
}
