//! Where an indicator stands: its status against its milestone and target
//! (the contract's section 2), the thresholds that decide "at risk" (a
//! programme may set them in `programme.toml`'s `[status]`), and its
//! achievement.
//!
//! The direction is honoured for every kind. A total with a floor (more is
//! better) is achieved once it reaches its target. A total with a ceiling
//! (less is better: incidents, complaints) only grows, so it can never come
//! back under a ceiling or a milestone it passed: above either it is off
//! track; under both it is on track, and achieved only in a period that
//! reaches the programme's end, when nothing more can be counted.

use serde::{Deserialize, Serialize};

use crate::baseline::AchievementRule;
use crate::error::IndicatorProblem;
use crate::indicator::{Direction, IndicatorDef, Kind, Milestone};
use crate::period::Period;
use crate::table::Status;

/// A total behind its milestone is at risk, rather than off track, while it
/// reaches at least this share of the milestone (the default of
/// [`StatusRules::at_risk_of_milestone`]).
pub const AT_RISK_OF_MILESTONE: f64 = 0.75;
/// A level to reach (a floor) below its target is at risk, rather than off
/// track, while it reaches at least this share of the target (the default
/// of [`StatusRules::at_risk_of_floor`]).
pub const AT_RISK_OF_FLOOR: f64 = 0.9;
/// A level not to exceed (a ceiling) above its target is at risk, rather
/// than off track, while it stays within this share of the target (the
/// default of [`StatusRules::at_risk_of_ceiling`]).
pub const AT_RISK_OF_CEILING: f64 = 1.1;

/// The thresholds of the status rules, `[status]` of `programme.toml`;
/// each defaults to the contract's constant.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StatusRules {
    /// Share of a due milestone a total must reach to be at risk rather
    /// than off track (0 < x ≤ 1).
    pub at_risk_of_milestone: f64,
    /// Share of its target a level to reach must reach to be at risk
    /// rather than off track (0 < x ≤ 1).
    pub at_risk_of_floor: f64,
    /// Multiple of its ceiling a level not to exceed may reach and still be
    /// at risk rather than off track (1 ≤ x ≤ 10).
    pub at_risk_of_ceiling: f64,
}

impl Default for StatusRules {
    fn default() -> Self {
        StatusRules {
            at_risk_of_milestone: AT_RISK_OF_MILESTONE,
            at_risk_of_floor: AT_RISK_OF_FLOOR,
            at_risk_of_ceiling: AT_RISK_OF_CEILING,
        }
    }
}

impl StatusRules {
    /// Each threshold with its key and the range it must lie in (bounds
    /// included): a share of a milestone or a floor above 1 would call a
    /// value that meets it "at risk"; a ceiling's multiple below 1 would
    /// call a value under it "at risk"; beyond 10 a ceiling means nothing.
    pub fn ranges(&self) -> [(&'static str, f64, f64, f64); 3] {
        [
            ("at_risk_of_milestone", self.at_risk_of_milestone, 0.0, 1.0),
            ("at_risk_of_floor", self.at_risk_of_floor, 0.0, 1.0),
            ("at_risk_of_ceiling", self.at_risk_of_ceiling, 1.0, 10.0),
        ]
    }

    /// The first threshold outside its range, as `(key, value, min, max)`.
    /// 0 is refused for the shares (everything would be at risk).
    pub fn out_of_range(&self) -> Option<(&'static str, f64, f64, f64)> {
        self.ranges()
            .into_iter()
            .find(|&(_, v, min, max)| !(v.is_finite() && v > 0.0 && v >= min && v <= max))
    }
}

/// The milestone a status is judged against: the latest dated on or before
/// the period's end ([`IndicatorDef::milestone_due`]), and whether it was
/// already due before the period began.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DueMilestone {
    /// The cumulative value the milestone asks for (a floor) or allows (a
    /// ceiling).
    pub value: f64,
    /// The milestone's date is before the period's start: it was missed in an
    /// earlier period, so a shortfall is late, never merely at risk.
    pub overdue: bool,
}

impl DueMilestone {
    /// The milestone of `ind` due at the end of `period`, if any.
    pub fn of(ind: &IndicatorDef, period: &Period) -> Option<DueMilestone> {
        ind.milestone_due(period.end)
            .map(|m| DueMilestone::in_period(m, period))
    }

    /// `milestone`, due by the end of `period`, as judged in that period.
    pub fn in_period(milestone: Milestone, period: &Period) -> DueMilestone {
        DueMilestone {
            value: milestone.value,
            overdue: milestone.date < period.start,
        }
    }
}

/// What a status is judged on besides the indicator and its value: the
/// period's milestone, whether the period reaches the programme's end, and
/// the programme's thresholds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judging {
    /// The milestone due by the period's end, if any.
    pub milestone: Option<DueMilestone>,
    /// The period ends on or after the programme's last day: a total with
    /// a ceiling still under it can no longer exceed it.
    pub reaches_end: bool,
    /// The thresholds in force.
    pub rules: StatusRules,
}

impl Judging {
    /// The judging of `ind` in `period` of a programme ending on `end`.
    pub fn of(
        ind: &IndicatorDef,
        period: &Period,
        end: chrono::NaiveDate,
        rules: StatusRules,
    ) -> Judging {
        Judging {
            milestone: DueMilestone::of(ind, period),
            reaches_end: period.end >= end,
            rules,
        }
    }
}

/// Refuses declarations that contradict the direction: a ceiling with a
/// milestone above it (a total passing it could never come back under), and
/// a level to raise (a floor, the default) whose target is below its given
/// baseline, which reads as a forgotten `direction = "ceiling"`. A ceiling
/// above its baseline is a cap kept, and a total counts from zero: both
/// are accepted.
pub fn check_direction(ind: &IndicatorDef) -> Result<(), IndicatorProblem> {
    if let (Direction::Ceiling, Some(target)) = (ind.direction, ind.target)
        && let Some(m) = ind.milestones.iter().find(|m| m.value > target)
    {
        return Err(IndicatorProblem::MilestoneAboveCeiling {
            date: m.date,
            value: m.value,
            target,
        });
    }
    if let (Kind::Level, Direction::Floor, Some(baseline), Some(target)) =
        (ind.kind, ind.direction, ind.baseline, ind.target)
        && target < baseline
    {
        return Err(IndicatorProblem::TargetBelowBaseline { baseline, target });
    }
    Ok(())
}

/// Tolerance for comparing computed values to targets: sums of decimals are
/// not exact in binary (0.1 + 0.2), and a target met to the ninth digit is met.
/// Readers that judge a value against a milestone (the report's red flags)
/// use it too, so they agree with the status.
pub fn at_least(v: f64, threshold: f64) -> bool {
    v >= threshold - 1e-9 * threshold.abs().max(1.0)
}

/// The status of the contract's section 2, the direction honoured for
/// every kind. Without a target nothing is ever achieved: a total is judged
/// by its due milestone, else [`Status::NoTarget`]; a level is
/// [`Status::NoTarget`].
pub fn status(ind: &IndicatorDef, cumulative: Option<f64>, at: &Judging) -> Status {
    let Some(v) = cumulative else {
        return Status::NoData;
    };
    match (ind.kind, ind.direction) {
        (Kind::Total, Direction::Floor) => total_floor(v, ind.target, at),
        (Kind::Total, Direction::Ceiling) => total_ceiling(v, ind.target, at),
        (Kind::Level, direction) => match ind.target {
            Some(t) => level(v, t, direction, &at.rules),
            None => Status::NoTarget,
        },
    }
}

/// A total to reach: achieved at the target; behind a due milestone at risk
/// only while the milestone falls due within the period and the value
/// reaches the threshold share of it, off track below that or once the
/// milestone is overdue (funders read an overdue milestone as late, however
/// close the value); with none due, on track once started.
fn total_floor(v: f64, target: Option<f64>, at: &Judging) -> Status {
    if target.is_some_and(|t| at_least(v, t)) {
        Status::Achieved
    } else if let Some(m) = at.milestone {
        if at_least(v, m.value) {
            Status::OnTrack
        } else if !m.overdue && at_least(v, at.rules.at_risk_of_milestone * m.value) {
            Status::AtRisk
        } else {
            Status::OffTrack
        }
    } else if target.is_none() {
        Status::NoTarget
    } else if v > 0.0 {
        Status::OnTrack
    } else {
        Status::NotStarted
    }
}

/// A total not to exceed. It only grows, so once above its ceiling or its
/// due milestone it stays there: off track, never at risk. Under both it is
/// on track, and achieved in a period that reaches the programme's end.
fn total_ceiling(v: f64, target: Option<f64>, at: &Judging) -> Status {
    let above = |limit: f64| !at_least(limit, v);
    if target.is_some_and(above) || at.milestone.is_some_and(|m| above(m.value)) {
        Status::OffTrack
    } else if target.is_none() {
        if at.milestone.is_some() {
            Status::OnTrack
        } else {
            Status::NoTarget
        }
    } else if at.reaches_end {
        Status::Achieved
    } else {
        Status::OnTrack
    }
}

/// A level to hold: achieved on the right side of its target, at risk
/// within the threshold of it, off track beyond. Milestones do not decide it.
fn level(v: f64, t: f64, direction: Direction, rules: &StatusRules) -> Status {
    let (met, close) = match direction {
        Direction::Floor => (at_least(v, t), at_least(v, rules.at_risk_of_floor * t)),
        Direction::Ceiling => (at_least(t, v), at_least(rules.at_risk_of_ceiling * t, v)),
    };
    if met {
        Status::Achieved
    } else if close {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// The status of `ind` judged against `target` instead of its own (a
/// category's target, `crate::targets`): same kind, direction and rules.
pub fn status_against(
    ind: &IndicatorDef,
    target: Option<f64>,
    cumulative: Option<f64>,
    at: &Judging,
) -> Status {
    let Some(v) = cumulative else {
        return Status::NoData;
    };
    match (ind.kind, ind.direction) {
        (Kind::Total, Direction::Floor) => total_floor(v, target, at),
        (Kind::Total, Direction::Ceiling) => total_ceiling(v, target, at),
        (Kind::Level, direction) => match target {
            Some(t) => level(v, t, direction, &at.rules),
            None => Status::NoTarget,
        },
    }
}

/// The achievement in percent: the value over the target or, with
/// `achievement = "from_baseline"`, the share of the way from the baseline
/// to the target, (value − baseline) / (target − baseline), for floors and
/// ceilings alike. None without a target, a value, or a way (a target of
/// 0, a target equal to the baseline).
pub fn achievement(ind: &IndicatorDef, value: Option<f64>) -> Option<f64> {
    let (v, t) = (value?, ind.target?);
    match ind.achievement_rule() {
        AchievementRule::OfTarget => (t != 0.0).then(|| v / t * 100.0),
        AchievementRule::FromBaseline => {
            let b = ind.baseline?;
            (t != b).then(|| (v - b) / (t - b) * 100.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn def(kind: &str, direction: &str, target: &str) -> IndicatorDef {
        toml::from_str(&format!(
            r#"code = "X"
result = "R"
level = "output"
kind = "{kind}"
direction = "{direction}"
label.fr = "x"
{target}
measure = {{ type = "count", dataset = "d" }}"#
        ))
        .unwrap()
    }

    fn targeted(kind: &str, direction: &str) -> IndicatorDef {
        def(kind, direction, "target = 100")
    }

    /// Judged with a milestone falling due within the period (`overdue`
    /// false) or before it began (`overdue` true), before the programme's end.
    fn due(value: f64, overdue: bool) -> Judging {
        Judging {
            milestone: Some(DueMilestone { value, overdue }),
            reaches_end: false,
            rules: StatusRules::default(),
        }
    }

    /// Judged with no milestone due, before the programme's end.
    const NONE: Judging = Judging {
        milestone: None,
        reaches_end: false,
        rules: StatusRules {
            at_risk_of_milestone: AT_RISK_OF_MILESTONE,
            at_risk_of_floor: AT_RISK_OF_FLOOR,
            at_risk_of_ceiling: AT_RISK_OF_CEILING,
        },
    };

    #[test]
    fn total_status_follows_milestones() {
        let d = targeted("total", "floor");
        assert_eq!(status(&d, None, &NONE), Status::NoData);
        assert_eq!(status(&d, Some(100.0), &due(50.0, false)), Status::Achieved);
        assert_eq!(status(&d, Some(120.0), &NONE), Status::Achieved);
        assert_eq!(status(&d, Some(50.0), &due(50.0, false)), Status::OnTrack);
        assert_eq!(status(&d, Some(37.5), &due(50.0, false)), Status::AtRisk);
        assert_eq!(status(&d, Some(37.4), &due(50.0, false)), Status::OffTrack);
        assert_eq!(status(&d, Some(1.0), &NONE), Status::OnTrack);
        assert_eq!(status(&d, Some(0.0), &NONE), Status::NotStarted);
        assert_eq!(status(&d, Some(0.0), &due(10.0, false)), Status::OffTrack);
    }

    #[test]
    fn an_overdue_milestone_is_late_however_close() {
        let d = targeted("total", "floor");
        // Missed in an earlier period: off track even at 99 % of it.
        assert_eq!(status(&d, Some(49.5), &due(50.0, true)), Status::OffTrack);
        assert_eq!(status(&d, Some(37.5), &due(50.0, true)), Status::OffTrack);
        // Reached since, or the target met: the milestone no longer weighs.
        assert_eq!(status(&d, Some(50.0), &due(50.0, true)), Status::OnTrack);
        assert_eq!(status(&d, Some(100.0), &due(50.0, true)), Status::Achieved);
    }

    #[test]
    fn a_milestone_is_overdue_when_dated_before_the_period() {
        let d = def(
            "total",
            "floor",
            "target = 100\nmilestones = [{ date = 2025-06-30, value = 50 }]",
        );
        let start = NaiveDate::from_ymd_opt(2024, 11, 1).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let calendar = crate::Calendar::new(start, today, None);
        let period = |p: &str| Period::parse(p, calendar, today).unwrap();
        let due = |value, overdue| Some(DueMilestone { value, overdue });
        assert_eq!(DueMilestone::of(&d, &period("2025-Q1")), None);
        assert_eq!(DueMilestone::of(&d, &period("2025-Q2")), due(50.0, false));
        assert_eq!(DueMilestone::of(&d, &period("2025-H1")), due(50.0, false));
        assert_eq!(DueMilestone::of(&d, &period("2025-Q3")), due(50.0, true));
        // The whole project so far contains the milestone's date.
        assert_eq!(DueMilestone::of(&d, &period("project")), due(50.0, false));
    }

    #[test]
    fn level_status_floor_and_ceiling() {
        let floor = targeted("level", "floor");
        assert_eq!(status(&floor, Some(100.0), &NONE), Status::Achieved);
        assert_eq!(status(&floor, Some(90.0), &NONE), Status::AtRisk);
        assert_eq!(status(&floor, Some(89.9), &NONE), Status::OffTrack);
        assert_eq!(status(&floor, None, &NONE), Status::NoData);
        let ceiling = targeted("level", "ceiling");
        assert_eq!(status(&ceiling, Some(100.0), &NONE), Status::Achieved);
        assert_eq!(status(&ceiling, Some(20.0), &NONE), Status::Achieved);
        assert_eq!(status(&ceiling, Some(110.0), &NONE), Status::AtRisk);
        assert_eq!(status(&ceiling, Some(110.1), &NONE), Status::OffTrack);
        // Milestones do not apply to a level.
        assert_eq!(
            status(&floor, Some(95.0), &due(200.0, true)),
            Status::AtRisk
        );
    }

    #[test]
    fn a_total_with_a_ceiling_is_never_achieved_above_it() {
        let d = def("total", "ceiling", "target = 5");
        let end = Judging {
            reaches_end: true,
            ..NONE
        };
        // 34 incidents against a ceiling of 5: off track, even at the end.
        assert_eq!(status(&d, Some(34.0), &NONE), Status::OffTrack);
        assert_eq!(status(&d, Some(34.0), &end), Status::OffTrack);
        assert_eq!(status(&d, Some(5.1), &NONE), Status::OffTrack);
        // Under it: on track until the end, achieved at the end.
        assert_eq!(status(&d, Some(5.0), &NONE), Status::OnTrack);
        assert_eq!(status(&d, Some(0.0), &NONE), Status::OnTrack);
        assert_eq!(status(&d, Some(5.0), &end), Status::Achieved);
        assert_eq!(status(&d, Some(0.0), &end), Status::Achieved);
        // Above a due milestone: off track, though under the ceiling.
        let m = Judging {
            milestone: Some(DueMilestone {
                value: 2.0,
                overdue: false,
            }),
            ..NONE
        };
        assert_eq!(status(&d, Some(3.0), &m), Status::OffTrack);
        assert_eq!(status(&d, Some(2.0), &m), Status::OnTrack);
    }

    #[test]
    fn without_a_target_nothing_is_achieved() {
        let total = def("total", "floor", "");
        assert_eq!(status(&total, Some(1e6), &NONE), Status::NoTarget);
        assert_eq!(status(&total, Some(0.0), &NONE), Status::NoTarget);
        assert_eq!(
            status(&total, Some(50.0), &due(50.0, false)),
            Status::OnTrack
        );
        assert_eq!(
            status(&total, Some(40.0), &due(50.0, false)),
            Status::AtRisk
        );
        assert_eq!(
            status(&total, Some(40.0), &due(50.0, true)),
            Status::OffTrack
        );
        assert_eq!(achievement(&total, Some(50.0)), None);
        let ceiling = def("total", "ceiling", "");
        let end = Judging {
            reaches_end: true,
            ..NONE
        };
        assert_eq!(status(&ceiling, Some(3.0), &end), Status::NoTarget);
        assert_eq!(
            status(&ceiling, Some(3.0), &due(2.0, false)),
            Status::OffTrack
        );
        assert_eq!(
            status(&ceiling, Some(2.0), &due(2.0, false)),
            Status::OnTrack
        );
        let level = def("level", "floor", "");
        assert_eq!(
            status(&level, Some(99.0), &due(1.0, false)),
            Status::NoTarget
        );
        assert_eq!(status(&level, None, &NONE), Status::NoData);
    }

    #[test]
    fn thresholds_come_from_the_rules() {
        let rules = StatusRules {
            at_risk_of_milestone: 0.5,
            at_risk_of_floor: 0.8,
            at_risk_of_ceiling: 1.5,
        };
        let with = |j: Judging| Judging { rules, ..j };
        let total = targeted("total", "floor");
        assert_eq!(
            status(&total, Some(25.0), &with(due(50.0, false))),
            Status::AtRisk
        );
        assert_eq!(
            status(&total, Some(24.9), &with(due(50.0, false))),
            Status::OffTrack
        );
        let floor = targeted("level", "floor");
        assert_eq!(status(&floor, Some(80.0), &with(NONE)), Status::AtRisk);
        let ceiling = targeted("level", "ceiling");
        assert_eq!(status(&ceiling, Some(150.0), &with(NONE)), Status::AtRisk);
        assert_eq!(status(&ceiling, Some(150.1), &with(NONE)), Status::OffTrack);
    }

    #[test]
    fn thresholds_out_of_range_are_named() {
        assert_eq!(StatusRules::default().out_of_range(), None);
        let r = |m, f, c| StatusRules {
            at_risk_of_milestone: m,
            at_risk_of_floor: f,
            at_risk_of_ceiling: c,
        };
        assert_eq!(
            r(1.2, 0.9, 1.1).out_of_range().unwrap().0,
            "at_risk_of_milestone"
        );
        assert_eq!(
            r(0.75, 0.0, 1.1).out_of_range().unwrap().0,
            "at_risk_of_floor"
        );
        assert_eq!(
            r(0.75, 0.9, 0.9).out_of_range().unwrap().0,
            "at_risk_of_ceiling"
        );
        assert_eq!(r(1.0, 1.0, 1.0).out_of_range(), None);
    }

    #[test]
    fn achievement_from_the_baseline_reads_floors_and_ceilings_alike() {
        let rule = "achievement = \"from_baseline\"";
        // From 45 % down to 30 %: 40 is a third of the way.
        let down = def(
            "level",
            "ceiling",
            &format!("baseline = 45\ntarget = 30\n{rule}"),
        );
        let third = achievement(&down, Some(40.0)).unwrap();
        assert!((third - 100.0 / 3.0).abs() < 1e-9, "{third}");
        assert_eq!(achievement(&down, Some(30.0)), Some(100.0));
        assert_eq!(achievement(&down, Some(45.0)), Some(0.0));
        assert_eq!(achievement(&down, Some(50.0)).map(f64::round), Some(-33.0));
        // The status still compares the value with the target.
        assert_eq!(status(&down, Some(40.0), &NONE), Status::OffTrack);
        let up = def(
            "level",
            "floor",
            &format!("baseline = 20\ntarget = 60\n{rule}"),
        );
        assert_eq!(achievement(&up, Some(40.0)), Some(50.0));
        // Of the target, the default: 40 / 60.
        let plain = def("level", "floor", "baseline = 20\ntarget = 60");
        let share = achievement(&plain, Some(40.0)).unwrap();
        assert!((share - 200.0 / 3.0).abs() < 1e-9, "{share}");
        // No target, no achievement.
        let untargeted = def("level", "floor", &format!("baseline = 20\n{rule}"));
        assert_eq!(achievement(&untargeted, Some(40.0)), None);
    }

    #[test]
    fn a_target_met_to_the_ninth_digit_is_met() {
        let d = targeted("total", "floor");
        assert_eq!(status(&d, Some(0.1 + 0.2 + 99.7), &NONE), Status::Achieved);
        assert_eq!(status(&d, Some(99.99), &NONE), Status::OnTrack);
    }
}
