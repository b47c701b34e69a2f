//! The evidence annex (`cadre report --evidence`): for each indicator, the
//! rows behind its value as `explain` gives them (file, sheet, row, key,
//! date, value), so that an evaluator can sample them against the source
//! documents. Every row is listed: the annex is the evidence.

use cadre::explain::{Explanation, Role};
use cadre::{Lang, Programme};
use serde::Serialize;

use super::format::Formatter;
use crate::messages::Word;
use crate::messages::report::ReportText;

/// The rows behind one indicator's value.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceData {
    /// The indicator's code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Each part of its measure (the rows; a numerator and a denominator;
    /// groups), in the order of `explain`.
    pub parts: Vec<EvidencePart>,
}

/// One part of a measure and its rows.
#[derive(Debug, Clone, Serialize)]
pub struct EvidencePart {
    /// Its heading: role, dataset, sheet, file, number of rows.
    pub heading: String,
    /// The dataset's name.
    pub dataset: String,
    /// The file's name.
    pub file: String,
    /// The sheet.
    pub sheet: String,
    /// Every row that counts in the cumulative value, in sheet order; a
    /// denominator leaves out the rows its numerator lists already.
    pub rows: Vec<EvidenceRow>,
    /// For a denominator that leaves rows out: that the numerator's rows,
    /// listed above, count in it too.
    pub note: Option<String>,
}

/// A row behind a value.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    /// Where it is: its row number as the spreadsheet shows it, preceded
    /// by its file and sheet when the dataset comes from several.
    pub place: String,
    /// Its key (empty when its dataset has none).
    pub key: String,
    /// Its date, formatted (empty for an undated row).
    pub date: String,
    /// Whether it falls in the period (else before it).
    pub in_period: bool,
    /// The value it brings, formatted (empty when it brings only itself).
    pub value: String,
}

fn role(r: Role) -> Option<Word> {
    match r {
        Role::Rows => None,
        Role::Numerator => Some(Word::RoleNumerator),
        Role::Denominator => Some(Word::RoleDenominator),
        Role::Groups => Some(Word::RoleGroups),
    }
}

/// The evidence of each explanation, in `lang`.
pub fn build(programme: &Programme, explanations: &[Explanation], lang: Lang) -> Vec<EvidenceData> {
    let f = Formatter::new(lang);
    explanations
        .iter()
        .map(|e| {
            let code = &e.indicator.code;
            let label = programme
                .indicators
                .iter()
                .find(|d| &d.code == code)
                .map(|d| d.label.get(lang).to_owned())
                .unwrap_or_default();
            // A share's numerator rows are among its denominator's: listed
            // once, under the numerator.
            let numerator: Vec<RowKey> = e
                .parts
                .iter()
                .filter(|p| p.role == Role::Numerator)
                .flat_map(|p| p.rows.iter().map(move |r| row_key(p, r)))
                .collect();
            EvidenceData {
                code: code.clone(),
                label,
                parts: e
                    .parts
                    .iter()
                    .map(|p| part(programme, p, &numerator, &f, lang))
                    .collect(),
            }
        })
        .collect()
}

/// A row as the parts of one explanation tell it apart.
type RowKey<'a> = (&'a str, &'a str, &'a str, u32);

fn row_key<'a>(p: &'a cadre::explain::Part, r: &'a cadre::explain::TracedRow) -> RowKey<'a> {
    (p.dataset.as_str(), r.file.as_str(), r.sheet.as_str(), r.row)
}

/// One part and its rows; a denominator leaves out the rows `numerator`
/// lists.
fn part(
    programme: &Programme,
    p: &cadre::explain::Part,
    numerator: &[RowKey],
    f: &Formatter,
    lang: Lang,
) -> EvidencePart {
    let listed = |r: &cadre::explain::TracedRow| {
        p.role == Role::Denominator && numerator.contains(&row_key(p, r))
    };
    let shared = p.rows.iter().filter(|r| listed(r)).count();
    let dataset = programme
        .dataset(&p.dataset)
        .map(|d| d.label.get(lang))
        .filter(|l| !l.is_empty())
        .unwrap_or(&p.dataset);
    let several = p.sheets.len() > 1;
    let file = distinct(p.sheets.iter().map(|s| s.file.as_str()));
    let sheet = distinct(p.sheets.iter().map(|s| s.sheet.as_str()));
    let mut role_text = role(p.role).map(|w| w.text(lang).to_owned());
    if let Some(r) = role_text.as_mut() {
        capitalise(r);
    }
    let heading = ReportText::EvidencePart {
        role: role_text.as_deref(),
        dataset,
        sheet: &sheet,
        file: &file,
        n: p.rows.len(),
        count: &f.count(p.rows.len()),
    }
    .render(lang);
    let rows = p
        .rows
        .iter()
        .filter(|r| !listed(r))
        .map(|r| EvidenceRow {
            place: if several {
                format!("{}, {}, {}", r.file, r.sheet, r.row)
            } else {
                r.row.to_string()
            },
            key: r.key.clone().unwrap_or_default(),
            date: r.date.map(|d| f.date(d)).unwrap_or_default(),
            in_period: r.in_period,
            value: r
                .value
                .as_deref()
                .map(|v| match v.parse::<f64>() {
                    Ok(x) => f.number(x),
                    Err(_) => v.to_owned(),
                })
                .unwrap_or_default(),
        })
        .collect();
    EvidencePart {
        heading,
        dataset: p.dataset.clone(),
        file,
        sheet,
        rows,
        note: (shared > 0).then(|| {
            ReportText::EvidenceSharedRows {
                n: shared,
                count: &f.count(shared),
            }
            .render(lang)
        }),
    }
}

fn capitalise(s: &mut String) {
    if let Some(first) = s.chars().next() {
        let upper: String = first.to_uppercase().collect();
        s.replace_range(..first.len_utf8(), &upper);
    }
}

/// The distinct names of a list, in order, joined with commas.
fn distinct<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for n in names {
        if !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen.join(", ")
}
