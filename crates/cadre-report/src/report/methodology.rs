//! The methodology annex: how each indicator is computed, in words,
//! generated from its definition so that it can never disagree with it.

use crate::messages::report::FormulaText as F;
use crate::messages::report::ReportWord;
use cadre::indicator::{Direction, IndicatorDef, Kind, Selection};
use cadre::measure::{Dating, Measure, MethodPhrase, MethodWriter, Source};
use cadre::text::Localized;
use cadre::{Lang, Programme};
use serde::Serialize;

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

/// The words of a measure's method: each measure writes its formula
/// (`cadre::measure`), this writes its phrases in the report's language.
struct Formula<'a> {
    w: Words,
    programme: &'a Programme,
}

impl MethodWriter for Formula<'_> {
    fn phrase(&mut self, phrase: MethodPhrase) {
        self.w.t(F::Method(phrase));
    }

    fn code(&mut self, name: &str) {
        self.w.code(name);
    }

    fn text(&mut self, text: &str) {
        self.w.s(text);
    }

    fn rows(&mut self, sel: &Selection) {
        let lang = self.w.lang;
        rows(&mut self.w, self.programme, sel, lang);
    }

    fn counted(&mut self, condition: &str, label: &Localized) {
        self.w
            .condition(condition, label, F::Meeting, |label| F::Counting { label });
    }
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
    let mut formula = Formula { w, programme: p };
    ind.measure.write_method(&mut formula);
    ind.window.write_method(&mut formula);
    let mut w = formula.w;
    if ind.breakdowns.iter().any(|b| b.split.is_both()) {
        w.t(F::BreakdownRestricts);
    }
    for b in ind.breakdowns.iter().filter(|b| !b.split.is_both()) {
        let label = p
            .dimension(&b.by)
            .map(|d| d.label.get(lang).to_owned())
            .unwrap_or_else(|| b.by.clone());
        w.t(F::BreakdownNumeratorOnly { label: &label });
    }
    if ind.is_stock() {
        w.t(F::Stock);
    }
    if ind.achievement_rule() == cadre::baseline::AchievementRule::FromBaseline {
        w.t(F::AchievementFromBaseline);
    }
    w.s(".");
    w
}

/// The datasets an indicator reads: its measure's or, for a composite, those
/// of the indicators its formula names (a composite reads no rows itself).
fn sources_of<'p>(p: &'p Programme, ind: &'p IndicatorDef, out: &mut Vec<Source<'p>>) {
    match &ind.measure {
        // Formulas were checked at load: no cycle, every code an indicator.
        Measure::Formula(f) => {
            for part in f.codes().iter().filter_map(|code| p.indicator(code).ok()) {
                sources_of(p, part, out);
            }
        }
        measure => out.extend(measure.sources()),
    }
}

/// The datasets an indicator reads, each once, in the order of its measure
/// (a composite's parts' datasets): the datasets its data-quality notes
/// look at.
pub fn datasets<'p>(p: &'p Programme, ind: &'p IndicatorDef) -> Vec<&'p str> {
    let mut sources = Vec::new();
    sources_of(p, ind, &mut sources);
    let mut out: Vec<&str> = Vec::new();
    for s in sources {
        if !out.contains(&s.dataset) {
            out.push(s.dataset);
        }
    }
    out
}

/// What kind of indicator it is, in the words of the methods annex: a
/// total or a level, with a floor or a ceiling.
pub fn kind_word(kind: Kind, direction: Direction) -> ReportWord {
    match (direction == Direction::Ceiling, kind) {
        (true, Kind::Total) => ReportWord::KindTotalCeiling,
        (true, Kind::Level) => ReportWord::KindCeiling,
        (false, Kind::Total) => ReportWord::KindTotal,
        (false, Kind::Level) => ReportWord::KindLevel,
    }
}

/// Where the values come from: each dataset read, its sheet, and the column
/// that dates its rows.
pub fn source(p: &Programme, data: &cadre::Data, ind: &IndicatorDef, lang: Lang) -> Vec<Segment> {
    let mut w = Words::new(lang);
    let mut seen: Vec<&str> = Vec::new();
    let mut sources = Vec::new();
    sources_of(p, ind, &mut sources);
    for source in sources {
        if seen.contains(&source.dataset) {
            continue;
        }
        if !seen.is_empty() {
            w.t(F::SourceSeparator);
        }
        seen.push(source.dataset);
        let label = p.dataset_label(source.dataset, lang);
        w.s(&label);
        if let Some(ds) = data.dataset(source.dataset) {
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
        match source.dating {
            Dating::Column(d) => w.t(F::DatedBy).code(d),
            Dating::OfTheirGroup => w.t(F::AtDateOfRow),
            Dating::Undated => w.t(F::UndatedWhole),
        };
    }
    w.out
}
