//! The methodology annex: how each indicator is computed, in words,
//! generated from its definition so that it can never disagree with it.

use cadre::Programme;
use cadre::indicator::{Aggregate, AggregateKind, IndicatorDef, Measure, Members, Selection};
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
    fr: bool,
    out: Vec<Segment>,
}

impl Words {
    fn t(&mut self, fr: &str, en: &str) -> &mut Self {
        let text = if self.fr { fr } else { en };
        match self.out.last_mut() {
            Some(last) if !last.code => last.text.push_str(text),
            _ => self.out.push(Segment {
                text: text.to_owned(),
                code: false,
            }),
        }
        self
    }

    fn s(&mut self, text: &str) -> &mut Self {
        self.t(text, text)
    }

    fn code(&mut self, text: &str) -> &mut Self {
        self.out.push(Segment {
            text: text.to_owned(),
            code: true,
        });
        self
    }
}

fn dataset_label(p: &Programme, name: &str, lang: &str) -> String {
    p.dataset(name)
        .map(|d| d.label.get(lang))
        .filter(|l| !l.is_empty())
        .unwrap_or(name)
        .to_owned()
}

/// `scale` as a factor, omitted when 1.
fn scale(w: &mut Words, scale: f64) {
    if scale != 1.0 {
        let n = cadre::table::format_value(scale);
        w.s(&format!(" × {n}"));
    }
}

/// " in Events where type = 'workshop'".
fn rows(w: &mut Words, p: &Programme, sel: &Selection, lang: &str) {
    let label = dataset_label(p, &sel.dataset, lang);
    w.t(
        &format!(" de «\u{202F}{label}\u{202F}»"),
        &format!(" of “{label}”"),
    );
    if let Some(f) = &sel.filter {
        w.t(" où ", " where ").code(f);
    }
}

fn aggregate(
    w: &mut Words,
    p: &Programme,
    kind: AggregateKind,
    column: Option<&str>,
    sel: &Selection,
    lang: &str,
) {
    match (kind, column) {
        (AggregateKind::Count, _) | (_, None) => {
            w.t("nombre de lignes", "number of rows");
        }
        (AggregateKind::Distinct, Some(c)) => {
            w.t(
                "nombre de valeurs distinctes de ",
                "number of distinct values of ",
            )
            .code(c);
        }
        (AggregateKind::Sum, Some(c)) => {
            w.t("somme de ", "sum of ").code(c);
        }
    }
    rows(w, p, sel, lang);
}

fn side(w: &mut Words, p: &Programme, a: &Aggregate, lang: &str) {
    aggregate(w, p, a.aggregate, a.column.as_deref(), &a.rows, lang);
}

fn members(w: &mut Words, p: &Programme, m: &Members, lang: &str) {
    let sel = Selection {
        dataset: m.dataset.clone(),
        date: None,
        filter: m.filter.clone(),
    };
    aggregate(w, p, m.aggregate, m.column.as_deref(), &sel, lang);
    w.t(" qui lui sont rattachées par ", " linked to it through ")
        .code(&m.via);
}

/// The formula of an indicator, in words, with its columns and conditions as code.
pub fn formula(p: &Programme, ind: &IndicatorDef, lang: &str) -> Vec<Segment> {
    let mut w = Words {
        fr: lang == "fr",
        out: Vec::new(),
    };
    match &ind.measure {
        Measure::Count { rows: sel } => {
            w.t("Nombre de lignes", "Number of rows");
            rows(&mut w, p, sel, lang);
        }
        Measure::Distinct { rows: sel, column } => {
            w.t(
                "Nombre de valeurs distinctes et non vides de ",
                "Number of distinct non-empty values of ",
            )
            .code(column);
            rows(&mut w, p, sel, lang);
        }
        Measure::Sum { rows: sel, column } => {
            w.t("Somme de ", "Sum of ").code(column);
            rows(&mut w, p, sel, lang);
            w.t(" (une cellule vide compte 0)", " (an empty cell counts 0)");
        }
        Measure::Mean { rows: sel, column } => {
            w.t(
                "Moyenne des valeurs renseignées de ",
                "Mean of the non-empty values of ",
            )
            .code(column);
            rows(&mut w, p, sel, lang);
        }
        Measure::Latest { rows: sel, column } => {
            w.t("Valeur de ", "Value of ").code(column);
            w.t(" à la date ", " at the latest ");
            if let Some(d) = &sel.date {
                w.code(d);
            }
            w.t(" la plus récente", "");
            rows(&mut w, p, sel, lang);
        }
        Measure::Share {
            rows: sel,
            condition,
            known,
            scale: k,
        } => {
            w.t("Lignes", "Rows");
            rows(&mut w, p, sel, lang);
            w.t(" vérifiant ", " meeting ").code(condition);
            match known {
                Some(col) => w
                    .t(", rapportées à celles où ", ", over those where ")
                    .code(col)
                    .t(" est renseigné", " is known"),
                None => w.t(", rapportées à toutes ces lignes", ", over all those rows"),
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
            w.t(
                "\u{A0}; sans valeur si le dénominateur est nul",
                "; no value when the denominator is zero",
            );
        }
        Measure::MeanPerGroup {
            rows: sel,
            members: m,
        } => {
            w.t("Pour chaque ligne", "For each row");
            rows(&mut w, p, sel, lang);
            w.t("\u{A0}: ", ": ");
            members(&mut w, p, m, lang);
            w.t(
                " (0 si aucune)\u{A0}; moyenne sur ces lignes",
                " (0 if none); mean over those rows",
            );
        }
    }
    if !ind.breakdowns.is_empty() {
        w.t(
            ". Une ventilation restreint tout le calcul à la catégorie",
            ". A breakdown restricts the whole computation to the category",
        );
    }
    w.s(".");
    w.out
}

/// Where the values come from: each dataset read, its sheet, and the column
/// that dates its rows.
pub fn source(p: &Programme, data: &cadre::Data, ind: &IndicatorDef, lang: &str) -> Vec<Segment> {
    let mut w = Words {
        fr: lang == "fr",
        out: Vec::new(),
    };
    let mut selections: Vec<&Selection> = ind.measure.selections();
    let member_sel;
    if let Measure::MeanPerGroup { members: m, .. } = &ind.measure {
        member_sel = Selection {
            dataset: m.dataset.clone(),
            date: None,
            filter: None,
        };
        selections.push(&member_sel);
    }
    let mut seen: Vec<&str> = Vec::new();
    for sel in selections {
        if seen.contains(&sel.dataset.as_str()) {
            continue;
        }
        if !seen.is_empty() {
            w.t("\u{A0}; ", "; ");
        }
        seen.push(&sel.dataset);
        let label = dataset_label(p, &sel.dataset, lang);
        w.s(&label);
        if let Some(ds) = data.dataset(&sel.dataset) {
            w.t(
                &format!(" (feuille «\u{202F}{}\u{202F}»)", ds.sheet),
                &format!(" (sheet “{}”)", ds.sheet),
            );
        }
        match &sel.date {
            Some(d) => w.t(", datée par ", ", dated by ").code(d),
            None if matches!(ind.measure, Measure::MeanPerGroup { .. }) && seen.len() > 1 => w.t(
                ", à la date de la ligne rattachée",
                ", at the date of the row it belongs to",
            ),
            None => w.t(
                ", non datée\u{A0}: prise en entier",
                ", undated: taken whole",
            ),
        };
    }
    w.out
}
