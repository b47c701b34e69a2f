//! The methodology annex: how each indicator is computed, in words,
//! generated from its definition so that it can never disagree with it.

use cadre::indicator::{Aggregate, AggregateKind, IndicatorDef, Measure, Members, Selection};
use cadre::text::Localized;
use cadre::{Lang, Programme};
use serde::Serialize;

use crate::messages::report::FormulaText as F;

/// A piece of a formula: prose, or a column name or condition shown as code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// Whether it is code (a column, a condition), set in a monospace font.
    pub code: bool,
}

struct Words {
    lang: Lang,
    out: Vec<Segment>,
    /// Whether filters and conditions with a label are written by it.
    plain: bool,
    /// Whether a label was written in place of an expression.
    labelled: bool,
}

impl Words {
    fn new(lang: Lang) -> Self {
        Words {
            lang,
            out: Vec::new(),
            plain: false,
            labelled: false,
        }
    }

    /// A filter or condition: its label in plain words when it has one in
    /// this language's report (and the words are plain), else the expression
    /// as code after `before`.
    fn condition(
        &mut self,
        expression: &str,
        label: &Localized,
        before: F,
        plain: impl Fn(&str) -> F,
    ) -> &mut Self {
        let text = label.get(self.lang);
        if self.plain && !text.trim().is_empty() {
            self.labelled = true;
            let phrase = plain(text).render(self.lang);
            return self.s(&phrase);
        }
        self.t(before).code(expression)
    }

    /// A phrase of the catalogue.
    fn t(&mut self, phrase: F) -> &mut Self {
        let text = phrase.render(self.lang);
        self.s(&text)
    }

    /// Text as it is: a name, punctuation.
    fn s(&mut self, text: &str) -> &mut Self {
        if text.is_empty() {
            return self;
        }
        match self.out.last_mut() {
            Some(last) if !last.code => last.text.push_str(text),
            _ => self.out.push(Segment {
                text: text.to_owned(),
                code: false,
            }),
        }
        self
    }

    fn code(&mut self, text: &str) -> &mut Self {
        self.out.push(Segment {
            text: text.to_owned(),
            code: true,
        });
        self
    }
}

/// `scale` as a factor, omitted when 1.
fn scale(w: &mut Words, scale: f64) {
    if scale != 1.0 {
        let n = cadre::table::format_value(scale);
        w.s(&format!(" × {n}"));
    }
}

/// " in Events where type = 'workshop'".
fn rows(w: &mut Words, p: &Programme, sel: &Selection, lang: Lang) {
    let label = p.dataset_label(&sel.dataset, lang);
    w.t(F::OfDataset { label: &label });
    if let Some(f) = &sel.filter {
        w.condition(f, &sel.filter_label, F::Where, |label| F::Restricted {
            label,
        });
    }
}

fn aggregate(
    w: &mut Words,
    p: &Programme,
    kind: AggregateKind,
    column: Option<&str>,
    sel: &Selection,
    lang: Lang,
) {
    match (kind, column) {
        (AggregateKind::Count, _) | (_, None) => {
            w.t(F::NumberOfRows);
        }
        (AggregateKind::Distinct, Some(c)) => {
            w.t(F::NumberOfDistinctValuesOf).code(c);
        }
        (AggregateKind::Sum, Some(c)) => {
            w.t(F::SumOfLower).code(c);
        }
    }
    rows(w, p, sel, lang);
}

fn side(w: &mut Words, p: &Programme, a: &Aggregate, lang: Lang) {
    aggregate(w, p, a.aggregate, a.column.as_deref(), &a.rows, lang);
}

fn members(w: &mut Words, p: &Programme, m: &Members, lang: Lang) {
    let sel = Selection {
        dataset: m.dataset.clone(),
        date: None,
        filter: m.filter.clone(),
        filter_label: m.filter_label.clone(),
    };
    aggregate(w, p, m.aggregate, m.column.as_deref(), &sel, lang);
    w.t(F::LinkedThrough).code(&m.via);
}

/// The formula of an indicator, in words, with its columns as code and its
/// filters and conditions in plain words where the definitions label them
/// (as code otherwise).
pub fn formula(p: &Programme, ind: &IndicatorDef, lang: Lang) -> Vec<Segment> {
    build(p, ind, lang, true).out
}

/// The formula as computed, every filter and condition as the definitions
/// write it; empty when [`formula`] already shows them all (no label).
pub fn computed(p: &Programme, ind: &IndicatorDef, lang: Lang) -> Vec<Segment> {
    if build(p, ind, lang, true).labelled {
        build(p, ind, lang, false).out
    } else {
        Vec::new()
    }
}

fn build(p: &Programme, ind: &IndicatorDef, lang: Lang, plain: bool) -> Words {
    let mut w = Words::new(lang);
    w.plain = plain;
    match &ind.measure {
        Measure::Count { rows: sel } => {
            w.t(F::CountRows);
            rows(&mut w, p, sel, lang);
        }
        Measure::Distinct { rows: sel, column } => {
            w.t(F::DistinctNonEmptyOf).code(column);
            rows(&mut w, p, sel, lang);
        }
        Measure::Sum { rows: sel, column } => {
            w.t(F::SumOf).code(column);
            rows(&mut w, p, sel, lang);
            w.t(F::EmptyCountsZero);
        }
        Measure::Mean { rows: sel, column } => {
            w.t(F::MeanOf).code(column);
            rows(&mut w, p, sel, lang);
        }
        Measure::Latest { rows: sel, column } => {
            w.t(F::ValueOf).code(column);
            w.t(F::AtDate);
            if let Some(d) = &sel.date {
                w.code(d);
            }
            w.t(F::Latest);
            rows(&mut w, p, sel, lang);
        }
        Measure::Share {
            rows: sel,
            condition,
            condition_label,
            known,
            scale: k,
        } => {
            w.t(F::Rows);
            rows(&mut w, p, sel, lang);
            w.condition(condition, condition_label, F::Meeting, |label| {
                F::Counting { label }
            });
            match known {
                Some(col) => w.t(F::OverThoseWhere).code(col).t(F::IsKnown),
                None => w.t(F::OverAllRows),
            };
            scale(&mut w, *k);
        }
        Measure::Ratio {
            numerator,
            denominator,
            scale: k,
        } => {
            w.s("(");
            side(&mut w, p, numerator, lang);
            w.s(") / (");
            side(&mut w, p, denominator, lang);
            w.s(")");
            scale(&mut w, *k);
            w.t(F::NoValueWhenZero);
        }
        Measure::MeanPerGroup {
            rows: sel,
            members: m,
        } => {
            w.t(F::ForEachRow);
            rows(&mut w, p, sel, lang);
            w.t(F::Colon);
            members(&mut w, p, m, lang);
            w.t(F::MeanOverRows);
        }
    }
    if !ind.breakdowns.is_empty() {
        w.t(F::BreakdownRestricts);
    }
    w.s(".");
    w
}

/// Where the values come from: each dataset read, its sheet, and the column
/// that dates its rows.
pub fn source(p: &Programme, data: &cadre::Data, ind: &IndicatorDef, lang: Lang) -> Vec<Segment> {
    let mut w = Words::new(lang);
    let mut selections: Vec<&Selection> = ind.measure.selections();
    let member_sel;
    if let Measure::MeanPerGroup { members: m, .. } = &ind.measure {
        member_sel = Selection {
            dataset: m.dataset.clone(),
            date: None,
            filter: None,
            filter_label: Default::default(),
        };
        selections.push(&member_sel);
    }
    let mut seen: Vec<&str> = Vec::new();
    for sel in selections {
        if seen.contains(&sel.dataset.as_str()) {
            continue;
        }
        if !seen.is_empty() {
            w.t(F::SourceSeparator);
        }
        seen.push(&sel.dataset);
        let label = p.dataset_label(&sel.dataset, lang);
        w.s(&label);
        if let Some(ds) = data.dataset(&sel.dataset) {
            let mut sheets: Vec<&str> = Vec::new();
            for part in &ds.parts {
                if !sheets.contains(&part.sheet.as_str()) {
                    sheets.push(&part.sheet);
                }
            }
            w.t(F::SheetOf {
                sheet: &sheets.join(", "),
            });
        }
        match &sel.date {
            Some(d) => w.t(F::DatedBy).code(d),
            None if matches!(ind.measure, Measure::MeanPerGroup { .. }) && seen.len() > 1 => {
                w.t(F::AtDateOfRow)
            }
            None => w.t(F::UndatedWhole),
        };
    }
    w.out
}
