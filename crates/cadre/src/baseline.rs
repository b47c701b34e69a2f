//! Baselines that count: the date a baseline was measured, a stock (the
//! value is the baseline plus what was counted since), achievement measured
//! from the baseline (the EU's (value − baseline) / (target − baseline)),
//! and the programme's defaults for the last two (`[indicator_defaults]`).
//!
//! Each is declared per indicator or by the programme, never guessed: an
//! indicator without a baseline neither stocks nor measures from it, and
//! the load refuses a declaration that would need one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::IndicatorProblem;
use crate::indicator::{IndicatorDef, Kind};

/// How an indicator's achievement is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AchievementRule {
    /// value / target × 100 (the default).
    #[default]
    OfTarget,
    /// (value − baseline) / (target − baseline) × 100: the share of the way
    /// from the baseline to the target, for floors and ceilings alike.
    FromBaseline,
}

/// `[indicator_defaults]` of `programme.toml`: what every indicator that
/// does not say otherwise declares. An indicator's own key wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDefaults {
    /// Whether a total is a stock (a level never is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock: Option<bool>,
    /// How achievement is measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<AchievementRule>,
}

impl IndicatorDefaults {
    /// Whether the programme declares no default.
    pub fn is_empty(&self) -> bool {
        *self == IndicatorDefaults::default()
    }

    /// Whether `ind` is a stock, and whether that comes from these
    /// defaults. A default applies to totals only: a level holds at any
    /// time and adds nothing to a baseline.
    fn stock_of(&self, ind: &IndicatorDef) -> (bool, bool) {
        match (ind.stock, self.stock) {
            (Some(own), _) => (own, false),
            (None, Some(default)) if ind.kind == Kind::Total => (default, true),
            _ => (false, false),
        }
    }

    /// The achievement rule of `ind`, and whether it comes from these
    /// defaults.
    fn achievement_of(&self, ind: &IndicatorDef) -> (AchievementRule, bool) {
        match (ind.achievement, self.achievement) {
            (Some(own), _) => (own, false),
            (None, Some(default)) => (default, true),
            _ => (AchievementRule::OfTarget, false),
        }
    }

    /// Writes the defaults into `ind` where it says nothing itself, once
    /// [`check`] accepted it: the computation then reads the indicator
    /// alone. An indicator no default reaches is left as written.
    pub fn apply(&self, ind: &mut IndicatorDef) {
        if let (stock, true) = self.stock_of(ind) {
            ind.stock = Some(stock);
        }
        if let (rule, true) = self.achievement_of(ind) {
            ind.achievement = Some(rule);
        }
    }
}

impl IndicatorDef {
    /// Whether the value is a stock: the baseline plus what was counted
    /// since (the programme's defaults already applied at load).
    pub fn is_stock(&self) -> bool {
        self.stock == Some(true)
    }

    /// How the achievement is measured (the programme's defaults already
    /// applied at load).
    pub fn achievement_rule(&self) -> AchievementRule {
        self.achievement.unwrap_or_default()
    }
}

/// Refuses what the baseline keys cannot mean for `ind`, with the
/// programme's `defaults` and last day `end`: a baseline measured after
/// the programme's end, a stock that is a level or has no baseline, an
/// achievement from a baseline that is not given or equals the target.
pub fn check(
    ind: &IndicatorDef,
    defaults: &IndicatorDefaults,
    end: NaiveDate,
) -> Result<(), IndicatorProblem> {
    if let Some(date) = ind.baseline_date.filter(|d| *d > end) {
        return Err(IndicatorProblem::BaselineDateAfterEnd { date, end });
    }
    if ind.stock == Some(true) && ind.kind == Kind::Level {
        return Err(IndicatorProblem::StockOnLevel);
    }
    let (stock, from_default) = defaults.stock_of(ind);
    if stock && ind.baseline.is_none() {
        return Err(IndicatorProblem::StockWithoutBaseline { from_default });
    }
    let (rule, from_default) = defaults.achievement_of(ind);
    if rule == AchievementRule::FromBaseline {
        let Some(baseline) = ind.baseline else {
            return Err(IndicatorProblem::FromBaselineWithoutBaseline { from_default });
        };
        // Without a target there is no achievement by either rule.
        if ind.target == Some(baseline) {
            return Err(IndicatorProblem::FromBaselineTargetIsBaseline {
                value: baseline,
                from_default,
            });
        }
    }
    Ok(())
}

/// The value compared with milestones and target: for a stock, the
/// baseline plus `counted`; otherwise `counted` itself. No value stays no
/// value.
pub fn stock_value(ind: &IndicatorDef, counted: Option<f64>) -> Option<f64> {
    match (ind.is_stock(), ind.baseline) {
        (true, Some(baseline)) => counted.map(|c| baseline + c),
        _ => counted,
    }
}

/// Reads an optional date written as a TOML date or a string.
pub(crate) fn de_optional_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    crate::text::de_date(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(extra: &str) -> IndicatorDef {
        toml::from_str(&format!(
            r#"code = "X"
result = "R"
level = "output"
kind = "total"
label.fr = "x"
{extra}
measure = {{ type = "count", dataset = "d" }}"#
        ))
        .unwrap()
    }

    fn end() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
    }

    #[test]
    fn a_stock_adds_its_baseline() {
        let stock = def("baseline = 3000\nstock = true");
        assert_eq!(stock_value(&stock, Some(140.0)), Some(3140.0));
        assert_eq!(stock_value(&stock, None), None);
        let plain = def("baseline = 3000");
        assert_eq!(stock_value(&plain, Some(140.0)), Some(140.0));
    }

    #[test]
    fn defaults_apply_to_totals_and_yield_to_the_indicator() {
        let defaults = IndicatorDefaults {
            stock: Some(true),
            achievement: Some(AchievementRule::FromBaseline),
        };
        let mut total = def("baseline = 10");
        defaults.apply(&mut total);
        assert!(total.is_stock());
        assert_eq!(total.achievement_rule(), AchievementRule::FromBaseline);
        let mut own = def("baseline = 10\nstock = false\nachievement = \"of_target\"");
        defaults.apply(&mut own);
        assert!(!own.is_stock());
        assert_eq!(own.achievement_rule(), AchievementRule::OfTarget);
        let mut level = def("baseline = 10").clone();
        level.kind = Kind::Level;
        defaults.apply(&mut level);
        assert!(!level.is_stock(), "a level is never a stock");
    }

    #[test]
    fn refusals_say_whether_the_default_asked() {
        let none = IndicatorDefaults::default();
        let stock = IndicatorDefaults {
            stock: Some(true),
            achievement: None,
        };
        assert_eq!(
            check(&def("stock = true"), &none, end()),
            Err(IndicatorProblem::StockWithoutBaseline {
                from_default: false
            })
        );
        assert_eq!(
            check(&def(""), &stock, end()),
            Err(IndicatorProblem::StockWithoutBaseline { from_default: true })
        );
        assert_eq!(check(&def("stock = false"), &stock, end()), Ok(()));
        assert_eq!(
            check(
                &def("baseline = 5\ntarget = 5\nachievement = \"from_baseline\""),
                &none,
                end()
            ),
            Err(IndicatorProblem::FromBaselineTargetIsBaseline {
                value: 5.0,
                from_default: false
            })
        );
        assert_eq!(
            check(&def("baseline_date = 2027-01-01"), &none, end()),
            Err(IndicatorProblem::BaselineDateAfterEnd {
                date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
                end: end()
            })
        );
        assert_eq!(
            check(&def("baseline_date = 2026-12-31"), &none, end()),
            Ok(())
        );
    }
}
