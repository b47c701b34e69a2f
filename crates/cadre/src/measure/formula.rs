//! `formula`: a composite indicator, computed from other indicators by a
//! formula over their codes (`(A1.1 + A1.2) / 2`, `100 * B2 / B1`).
//!
//! A composite reads no rows of its own: its parts are computed first (by
//! the engine, with their cached rows) and the formula combines their values
//! window by window — the period value from the parts' period values, the
//! cumulative value from their cumulative values, a category's value from
//! the parts' values for that category. A category a part has no row for
//! takes that part's value over no rows (0 for a count or a sum, no value
//! for a mean or a share), as the part itself would show it. No value when
//! a part has none, or on a division by zero.

use std::collections::BTreeSet;
use std::rc::Rc;

use polars::prelude::PolarsResult;
use serde::Serialize;

use super::arithmetic::{Expr, SyntaxError};
use super::{
    IatiMeasure, MeasureImpl, MeasureType, MethodPhrase, MethodWriter, Parsed, RawMeasure,
};
use crate::compute::{Engine, Figure, Prepared, Window, empty_window_figure, evaluate};
use crate::error::{DefinitionProblem, Error, IndicatorProblem, Result};
use crate::explain::PartSpec;
use crate::indicator::{IndicatorDef, Selection};
use crate::period::Period;
use crate::programme::Programme;
use crate::text::{Localized, closest};

/// An indicator computed from others by a formula over their codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Formula {
    /// The formula, as written (`(A1.1 + A1.2) / 2`).
    pub formula: String,
}

/// The keys a formula takes.
pub(super) const KEYS: &[&str] = &["formula"];

pub(super) fn parse(mut raw: RawMeasure) -> Parsed {
    // A composite reads the indicators its formula names, never rows: a
    // dataset, date or filter would be silently ignored, so it is refused.
    for (key, given) in [
        ("dataset", raw.dataset.is_some()),
        ("date", raw.date.is_some()),
        ("filter", raw.filter.is_some()),
        ("filter_label", !raw.filter_label.0.is_empty()),
    ] {
        if given {
            return Err(crate::error::ShapeProblem::FormulaTakesNo {
                key: key.to_owned(),
            });
        }
    }
    let formula = raw.need(|r| r.formula.take(), "formula")?;
    Ok(super::Measure::Formula(Formula { formula }))
}

/// A composite's prepared parts: the formula and, for each code it names,
/// that indicator's prepared rows.
#[derive(Debug, Clone)]
pub(crate) struct Composite {
    expression: Expr,
    parts: Vec<(String, Rc<Prepared>)>,
}

impl Formula {
    /// The formula read, or where it cannot be read.
    fn expression(&self) -> std::result::Result<Expr, SyntaxError> {
        Expr::parse(&self.formula)
    }

    /// The codes the formula names, each once (none if it cannot be read).
    pub fn codes(&self) -> Vec<String> {
        self.expression()
            .map(|e| e.codes().into_iter().map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// The indicator whose measure this is.
    fn owner<'p>(&self, programme: &'p Programme) -> Option<&'p IndicatorDef> {
        programme
            .indicators
            .iter()
            .find(|i| matches!(&i.measure, super::Measure::Formula(f) if std::ptr::eq(f, self)))
    }

    /// The values `explain` shows: each part's values for `period`.
    pub(crate) fn explain(&self, engine: &Engine, period: &Period) -> Result<Composition> {
        let parts = self
            .codes()
            .into_iter()
            .map(|code| {
                let value = engine.compute_indicator(&code, period)?;
                Ok(CompositionPart {
                    code,
                    label: value.label,
                    period_value: value.period_value,
                    cumulative_value: value.cumulative_value,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Composition {
            formula: self.formula.clone(),
            parts,
        })
    }
}

/// A composite as `explain` shows it: its formula and its parts' values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Composition {
    /// The formula, as written.
    pub formula: String,
    /// The indicators it names, in the order written.
    pub parts: Vec<CompositionPart>,
}

/// One indicator a composite's formula names, with its values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompositionPart {
    /// The indicator's code.
    pub code: String,
    /// Its label.
    pub label: Localized,
    /// Its value over the period.
    pub period_value: Option<f64>,
    /// Its value over everything up to the period's end.
    pub cumulative_value: Option<f64>,
}

impl Composition {
    /// The formula with each part's value in place of its code (`value`
    /// writes a value, or an empty one), over the period or cumulatively.
    pub fn substituted(&self, cumulative: bool, value: impl Fn(Option<f64>) -> String) -> String {
        super::arithmetic::substitute(&self.formula, |code| {
            let part = self.parts.iter().find(|p| p.code == code);
            value(part.and_then(|p| match cumulative {
                true => p.cumulative_value,
                false => p.period_value,
            }))
        })
    }
}

impl MeasureImpl for Formula {
    fn measure_type(&self) -> MeasureType {
        MeasureType::Formula
    }

    fn selections(&self) -> Vec<&Selection> {
        Vec::new()
    }

    fn can_be_empty(&self) -> bool {
        true
    }

    /// A formula of sums is not a sum of formulas: `(a + b) / 2` per
    /// category does not add up to the total's, and a ratio never does.
    fn is_additive(&self) -> bool {
        false
    }

    fn check(&self, programme: &Programme) -> std::result::Result<(), IndicatorProblem> {
        let expression = self
            .expression()
            .map_err(|e| IndicatorProblem::FormulaSyntax {
                formula: self.formula.clone(),
                at: e.at,
                found: e.found,
            })?;
        let codes = expression.codes();
        if codes.is_empty() {
            return Err(IndicatorProblem::FormulaWithoutIndicator {
                formula: self.formula.clone(),
            });
        }
        let all = || programme.indicators.iter().map(|i| i.code.as_str());
        let mut parts = Vec::new();
        for code in codes {
            let Some(part) = programme.indicators.iter().find(|i| i.code == code) else {
                return Err(IndicatorProblem::FormulaUnknownIndicator {
                    code: code.to_owned(),
                    closest: closest(code, all()).map(str::to_owned),
                });
            };
            parts.push(part);
        }
        let Some(owner) = self.owner(programme) else {
            return Ok(());
        };
        if let Some(path) = cycle_through(programme, &owner.code) {
            return Err(IndicatorProblem::FormulaCycle {
                path: path.join(" → "),
            });
        }
        for b in &owner.breakdowns {
            if let Some(part) = parts
                .iter()
                .find(|p| !p.breakdowns.iter().any(|pb| pb.by == b.by))
            {
                return Err(IndicatorProblem::FormulaBreakdown {
                    by: b.by.clone(),
                    part: part.code.clone(),
                });
            }
        }
        Ok(())
    }

    fn prepare(&self, engine: &Engine, ind: &IndicatorDef) -> Result<Prepared> {
        // Checked at load: a formula that cannot be read never gets here.
        let expression = self.expression().map_err(|e| {
            let at = ind.defined_at.clone();
            Error::Definition {
                path: at.as_ref().map(|a| a.path.clone()).unwrap_or_default(),
                line: at.and_then(|a| a.line),
                problem: Box::new(DefinitionProblem::Indicator {
                    code: ind.code.clone(),
                    problem: IndicatorProblem::FormulaSyntax {
                        formula: self.formula.clone(),
                        at: e.at,
                        found: e.found,
                    },
                }),
            }
        })?;
        let parts = expression
            .codes()
            .into_iter()
            .map(|code| Ok((code.to_owned(), engine.prepare(engine.position(code)?)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(Prepared::Composite(Composite { expression, parts }))
    }

    /// No rows of its own: `explain` shows the parts' values instead
    /// ([`Composition`]).
    fn explain_parts<'p>(&'p self, _: &'p Prepared) -> (Option<f64>, Vec<PartSpec<'p>>) {
        (None, Vec::new())
    }

    fn write_method(&self, w: &mut dyn MethodWriter) {
        w.phrase(MethodPhrase::FormulaOfIndicators);
        w.code(&self.formula);
        w.phrase(MethodPhrase::FormulaPerWindow);
        w.phrase(MethodPhrase::FormulaNoValueWhen);
    }

    fn iati_measure(&self, unit: &Localized) -> IatiMeasure {
        IatiMeasure::quantitative(unit)
    }
}

/// The indicators formula by formula from `start` back to `start`, if its
/// formula leads back to it (`A → B → A`).
fn cycle_through(programme: &Programme, start: &str) -> Option<Vec<String>> {
    fn parts_of(programme: &Programme, code: &str) -> Vec<String> {
        match programme.indicators.iter().find(|i| i.code == code) {
            Some(IndicatorDef {
                measure: super::Measure::Formula(f),
                ..
            }) => f.codes(),
            _ => Vec::new(),
        }
    }
    fn walk(
        programme: &Programme,
        start: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        let here = path.last().cloned().unwrap_or_default();
        for next in parts_of(programme, &here) {
            path.push(next.clone());
            if next == start {
                return true;
            }
            if seen.insert(next) && walk(programme, start, path, seen) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![start.to_owned()];
    walk(programme, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

/// A composite over a window, as one total (`by` = None) or per category:
/// the formula over its parts' figures for the same window and category; a
/// category a part lacks takes the part's value over no rows.
pub(crate) fn evaluate_composite(
    c: &Composite,
    w: Window,
    by: Option<&str>,
) -> PolarsResult<Vec<(Option<String>, Figure)>> {
    let figures = c
        .parts
        .iter()
        .map(|(_, p)| evaluate(p, w, by))
        .collect::<PolarsResult<Vec<_>>>()?;
    let mut keys: Vec<Option<String>> = figures.iter().flatten().map(|(k, _)| k.clone()).collect();
    keys.sort();
    keys.dedup();
    Ok(keys
        .into_iter()
        .map(|key| {
            let value_of = |code: &str| {
                let i = c.parts.iter().position(|(p, _)| p == code)?;
                figures[i]
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, f)| f.value)
                    .unwrap_or_else(|| empty_window_figure(&c.parts[i].1).value)
            };
            let value = c.expression.value(&value_of);
            (key, Figure { value, parts: None })
        })
        .collect())
}

/// A composite over a window in which a category has no row in any part:
/// the formula over each part's value over no rows.
pub(crate) fn empty_composite_figure(c: &Composite) -> Figure {
    let value_of = |code: &str| {
        let (_, p) = c.parts.iter().find(|(p, _)| p == code)?;
        empty_window_figure(p).value
    };
    Figure {
        value: c.expression.value(&value_of),
        parts: None,
    }
}
