//! Targets beside the end-of-programme `target`: a target for one period's
//! own value (`period_targets`: what a year, a quarter or a programme year
//! should deliver by itself, not cumulatively), and a target per category
//! of a breakdown (`targets = { femme = 50 }`).
//!
//! Both are checked at load ([`check`]) and applied to a computed indicator
//! ([`apply`]): the period target when the computed period is exactly one
//! of the declared periods, the category targets on each category line,
//! judged like the indicator itself (same kind, direction and thresholds;
//! milestones are the indicator's own and do not scale to a category).

use serde::{Deserialize, Serialize};

use crate::error::{Error, IndicatorProblem, PeriodProblem};
use crate::indicator::{IndicatorDef, Measure};
use crate::period::Period;
use crate::programme::Programme;
use crate::schema::ColumnType;
use crate::status::Judging;
use crate::table::IndicatorValue;
use crate::text::closest;

/// A target for one period's own value (`{ period = "2025", value = 40 }`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodTarget {
    /// The period, as [`Period::parse`] reads it (`2025`, `2025-Q3`, `PY2`).
    pub period: String,
    /// The value the period's own rows should give.
    pub value: f64,
}

/// What is wrong with an indicator's `period_targets` or a breakdown's
/// `targets`.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetProblem {
    /// A period that cannot be read.
    Unreadable {
        /// The period, as written.
        period: String,
        /// Why it cannot be read.
        problem: PeriodProblem,
    },
    /// A period that lies wholly outside the programme's dates.
    OutsideProgramme {
        /// The period, as written.
        period: String,
    },
    /// The same period given twice (the same dates, however written).
    Duplicate {
        /// The period, as written the second time.
        period: String,
    },
    /// Two periods that share days: a day's rows would count towards both.
    Overlap {
        /// The first period, as written.
        first: String,
        /// The second period, as written.
        second: String,
    },
    /// A target value that is not a finite number within what a report
    /// shows exactly.
    NotANumber {
        /// The period or the category it is for.
        of: String,
    },
    /// A category target naming a value the breakdown's enum column does
    /// not take.
    UnknownCategory {
        /// The dimension.
        by: String,
        /// The category named.
        category: String,
        /// The closest value, if any is close.
        closest: Option<String>,
        /// The column's values.
        values: String,
    },
    /// A category target on a composite: its categories are those its
    /// parts give, with no column whose values the target could be checked
    /// against, and a part may lack one.
    OnComposite {
        /// The dimension.
        by: String,
    },
}

/// The largest target a definition may hold, as for baselines and targets.
const MAX_TARGET: f64 = 1e15;

/// The declared periods of `ind`, read against the programme's dates.
pub fn periods(programme: &Programme, ind: &IndicatorDef) -> Vec<(Period, f64)> {
    ind.period_targets
        .iter()
        .filter_map(|t| Some((parse(programme, &t.period).ok()?, t.value)))
        .collect()
}

/// A period target's period: as a `--period`, the programme's last day
/// standing for "today" (`project` is then the whole programme).
fn parse(programme: &Programme, label: &str) -> crate::error::Result<Period> {
    Period::parse(label, programme.info.calendar(), programme.info.end)
}

/// Refuses period targets that cannot be read, lie outside the programme,
/// repeat or overlap a period, or are not numbers; and category targets
/// that are not numbers, name a value an enum column does not take, or sit
/// on a composite.
pub fn check(programme: &Programme, ind: &IndicatorDef) -> Result<(), IndicatorProblem> {
    let problem = |p| Err(IndicatorProblem::Targets(Box::new(p)));
    let mut seen: Vec<(&str, Period)> = Vec::new();
    for t in &ind.period_targets {
        let period = match parse(programme, &t.period) {
            Ok(p) => p,
            Err(Error::Period { problem: p, .. }) => {
                return problem(TargetProblem::Unreadable {
                    period: t.period.clone(),
                    problem: p,
                });
            }
            Err(_) => {
                return problem(TargetProblem::Unreadable {
                    period: t.period.clone(),
                    problem: PeriodProblem::Form,
                });
            }
        };
        if period.end < programme.info.start || period.start > programme.info.end {
            return problem(TargetProblem::OutsideProgramme {
                period: t.period.clone(),
            });
        }
        if !finite(t.value) {
            return problem(TargetProblem::NotANumber {
                of: t.period.clone(),
            });
        }
        for (first, p) in &seen {
            if (p.start, p.end) == (period.start, period.end) {
                return problem(TargetProblem::Duplicate {
                    period: t.period.clone(),
                });
            }
            if p.start <= period.end && period.start <= p.end {
                return problem(TargetProblem::Overlap {
                    first: (*first).to_owned(),
                    second: t.period.clone(),
                });
            }
        }
        seen.push((&t.period, period));
    }
    for b in ind.breakdowns.iter().filter(|b| !b.targets.is_empty()) {
        if matches!(ind.measure, Measure::Formula(_)) {
            return problem(TargetProblem::OnComposite { by: b.by.clone() });
        }
        if let Some((category, _)) = b.targets.iter().find(|(_, v)| !finite(**v)) {
            return problem(TargetProblem::NotANumber {
                of: format!("{}.{category}", b.by),
            });
        }
        let Some(values) = enum_values(programme, ind, b.column()) else {
            continue;
        };
        if let Some(category) = b.targets.keys().find(|c| !values.contains(c)) {
            return problem(TargetProblem::UnknownCategory {
                by: b.by.clone(),
                category: category.clone(),
                closest: closest(category, values.iter().map(String::as_str)).map(str::to_owned),
                values: values.join(", "),
            });
        }
    }
    Ok(())
}

/// A target a report shows exactly.
fn finite(v: f64) -> bool {
    v.is_finite() && v.abs() <= MAX_TARGET
}

/// The values of the enum column a breakdown reads in the measure's first
/// selection (own or through a reference); none for another type.
fn enum_values(programme: &Programme, ind: &IndicatorDef, column: &str) -> Option<Vec<String>> {
    let sel = *ind.measure.selections().first()?;
    let fc = programme.resolve_column(sel, column).ok()?;
    let ds = programme.dataset(&sel.dataset)?;
    let schema_col = match &fc.via {
        None => ds.column(&fc.name)?,
        Some((r, c)) => programme
            .dataset(ds.column(r)?.references.as_deref()?)?
            .column(c)?,
    };
    (schema_col.kind == ColumnType::Enum).then(|| schema_col.values.clone())
}

/// Sets on a computed indicator its period target (when `period` is
/// exactly one of its declared periods) and, on each category with a
/// target, that target, its achievement and its status, judged as the
/// indicator is but without its milestones.
pub fn apply(
    programme: &Programme,
    ind: &IndicatorDef,
    period: &Period,
    judging: &Judging,
    value: &mut IndicatorValue,
) {
    value.period_target = periods(programme, ind)
        .into_iter()
        .find(|(p, _)| (p.start, p.end) == (period.start, period.end))
        .map(|(_, v)| v);
    value.period_achievement_pct = percent(value.period_value, value.period_target);
    let unjudged = Judging {
        milestone: None,
        ..*judging
    };
    for (def, breakdown) in ind.breakdowns.iter().zip(&mut value.breakdowns) {
        for c in &mut breakdown.categories {
            let Some(&target) = def.targets.get(&c.category) else {
                continue;
            };
            c.target = Some(target);
            c.achievement_pct = percent(c.cumulative_value, c.target);
            c.status = Some(crate::status::status_against(
                ind,
                Some(target),
                c.cumulative_value,
                &unjudged,
            ));
        }
    }
}

/// A value against a target in percent, as the indicator's achievement
/// (none without either, or against a target of 0).
fn percent(value: Option<f64>, target: Option<f64>) -> Option<f64> {
    let (v, t) = (value?, target?);
    (t != 0.0).then(|| v / t * 100.0)
}
