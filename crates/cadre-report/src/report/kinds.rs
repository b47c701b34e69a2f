//! Each indicator's figures in the form its kind calls for, why it needs
//! attention, and the rules its status follows, in words.
//!
//! A total is read against its target (the achievement, `45,7 %`); a level
//! to reach by its gap to the target (`−0,3 pt`); a level or a total not to
//! exceed by its margin under the ceiling or its excess (`respecté, marge
//! 3,7 pt`); without a target, by its value alone (no figure). A
//! share or a ratio shows the two figures it divides (`52 / 131`). The status
//! rules are written from the thresholds [`cadre::compute::status`] uses
//! (the programme's `[status]`), so the words and the computation cannot
//! drift apart.

use cadre::Lang;
use cadre::indicator::{Direction, Kind};
use cadre::status::StatusRules;
use cadre::table::{IndicatorValue, Status};
use serde::Serialize;

use super::format::Formatter;
use crate::messages::report::{Conventions, ReportText, ReportWord};

/// How an indicator's value is judged: what its status rule is and which
/// figure says how it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// A total, accumulated: against its milestone and target.
    Total,
    /// A total not to exceed (incidents): respected or exceeded.
    TotalCeiling,
    /// A level to reach (a floor): its gap to the target.
    Level,
    /// A level not to exceed: respected or exceeded.
    Ceiling,
}

impl FigureKind {
    /// The figure kind of an indicator of `kind` and `direction`.
    pub fn of(kind: Kind, direction: Direction) -> Self {
        match (kind, direction) {
            (Kind::Total, Direction::Floor) => FigureKind::Total,
            (Kind::Total, Direction::Ceiling) => FigureKind::TotalCeiling,
            (Kind::Level, Direction::Floor) => FigureKind::Level,
            (Kind::Level, Direction::Ceiling) => FigureKind::Ceiling,
        }
    }
}

/// The figure that says how an indicator stands, as its kind calls for.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// `total`, `total_ceiling`, `level` or `ceiling`.
    pub kind: FigureKind,
    /// Its heading: "Achievement", "Gap to target", "Against the ceiling".
    pub label: String,
    /// What it says: the achievement of a total (`45,7 %`), the gap of a
    /// level with its sign (`−0,3 pt`), the verdict of a ceiling
    /// (`respecté, marge 3,7 pt`); none without a value.
    pub text: Option<String>,
    /// For a share or a ratio, the two figures it divides up to the
    /// period's end (`52 / 131`); none otherwise.
    pub parts: Option<String>,
    /// For a level or a ceiling, the value's signed distance to its target
    /// or ceiling (`−0,8 pt`, `−2,9 pt` under a ceiling), the tracking
    /// table's gap column; none for a total to reach.
    pub gap: Option<String>,
}

/// A status rule of the methodology annex.
#[derive(Debug, Clone, Serialize)]
pub struct StatusRule {
    /// The kind it applies to; none for the rule of indicators without a
    /// target.
    pub kind: Option<FigureKind>,
    /// The rule in words, with its thresholds.
    pub text: String,
}

/// The writer of figures in one language.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    f: Formatter,
    lang: Lang,
    rules: StatusRules,
}

impl Figures {
    /// Figures in `lang`, status rules stated with the thresholds `rules`.
    pub fn new(lang: Lang, rules: StatusRules) -> Self {
        Figures {
            f: Formatter::new(lang),
            lang,
            rules,
        }
    }

    /// The figure of `iv`, as its kind calls for. `stages`: its values are
    /// ranks on a scale of stages (one stage overall), so a level to reach
    /// says how many stages are left, never a difference of ranks.
    pub fn figure(&self, iv: &IndicatorValue, stages: bool) -> Figure {
        let lang = self.lang;
        let kind = FigureKind::of(iv.kind, iv.direction);
        let pct = is_percent(iv.unit.get(lang));
        let (label, text) = match kind {
            FigureKind::Level if stages => (
                ReportWord::GapLong,
                iv.cumulative_value
                    .zip(iv.target)
                    .map(|(v, t)| self.stages_left(v, t)),
            ),
            FigureKind::Total => (
                ReportWord::AchievementLong,
                iv.achievement_pct.map(|a| self.f.percent(a)),
            ),
            FigureKind::Level => (
                ReportWord::GapLong,
                iv.cumulative_value
                    .zip(iv.target)
                    .map(|(v, t)| self.signed(self.gap(v, t), pct)),
            ),
            FigureKind::Ceiling | FigureKind::TotalCeiling => (
                ReportWord::CeilingVerdict,
                iv.cumulative_value.zip(iv.target).map(|(v, t)| {
                    let over = self.gap(v, t);
                    if iv.status == Status::Achieved || over <= 0.0 {
                        let margin = self.unsigned(-over, pct);
                        ReportText::WithinCeiling { margin: &margin }.render(lang)
                    } else {
                        let by = self.unsigned(over, pct);
                        ReportText::OverCeiling { by: &by }.render(lang)
                    }
                }),
            ),
        };
        let parts = iv.cumulative_parts.and_then(|p| {
            let (n, d) = (p.numerator?, p.denominator?);
            Some(
                ReportText::Parts {
                    numerator: &self.part(n),
                    denominator: &self.part(d),
                }
                .render(lang),
            )
        });
        let gap = match kind {
            FigureKind::Total => None,
            FigureKind::Level if stages => text.clone(),
            _ => iv
                .cumulative_value
                .zip(iv.target)
                .map(|(v, t)| self.signed(self.gap(v, t), pct)),
        };
        Figure {
            kind,
            label: label.text(lang).to_owned(),
            text,
            parts,
            gap,
        }
    }

    /// How many stages a stage `v` is short of the target stage `t`, or
    /// that it reached it.
    fn stages_left(&self, v: f64, t: f64) -> String {
        let left = (t - v).round();
        if left <= 0.0 {
            ReportText::StageReached.render(self.lang)
        } else {
            ReportText::StagesLeft { n: left as usize }.render(self.lang)
        }
    }

    /// Why `iv` needs attention, when it is at risk or off track: behind
    /// its milestone (a total), below its level, above its ceiling; for
    /// `stages` (see [`Figures::figure`]), the stages still to go.
    pub fn reason(&self, iv: &IndicatorValue, stages: bool) -> Option<String> {
        if !matches!(iv.status, Status::AtRisk | Status::OffTrack) {
            return None;
        }
        let lang = self.lang;
        let unit = iv.unit.get(lang);
        let pct = is_percent(unit);
        let v = iv.cumulative_value?;
        let milestone = iv.milestone.map(|m| m.value);
        match FigureKind::of(iv.kind, iv.direction) {
            FigureKind::Level if stages => Some(self.stages_left(v, iv.target?)),
            FigureKind::Total => {
                let milestone = self.f.value(milestone?, unit);
                Some(
                    ReportText::BehindMilestone {
                        milestone: &milestone,
                    }
                    .render(lang),
                )
            }
            // Off track above its ceiling, else above its milestone.
            FigureKind::TotalCeiling => {
                let limit = iv.target.filter(|t| v > *t).or(milestone).or(iv.target)?;
                let by = self.signed(self.gap(v, limit), pct);
                Some(
                    ReportText::AboveCeiling {
                        ceiling: &self.f.value(limit, unit),
                        by: &by,
                    }
                    .render(lang),
                )
            }
            FigureKind::Level => {
                let t = iv.target?;
                let target = self.f.value(t, unit);
                let gap = self.signed(self.gap(v, t), pct);
                Some(
                    ReportText::BelowLevel {
                        target: &target,
                        gap: &gap,
                    }
                    .render(lang),
                )
            }
            FigureKind::Ceiling => {
                let t = iv.target?;
                let target = self.f.value(t, unit);
                let by = self.signed(self.gap(v, t), pct);
                Some(
                    ReportText::AboveCeiling {
                        ceiling: &target,
                        by: &by,
                    }
                    .render(lang),
                )
            }
        }
    }

    /// The status rule of each kind of `kinds`, in their order, with the
    /// thresholds in force; then, when `untargeted`, the rule of indicators
    /// without a target.
    pub fn status_rules(
        &self,
        kinds: impl IntoIterator<Item = FigureKind>,
        untargeted: bool,
    ) -> Vec<StatusRule> {
        let percent = |share: f64| self.f.percent(share * 100.0);
        let milestone = percent(self.rules.at_risk_of_milestone);
        let floor = percent(self.rules.at_risk_of_floor);
        let ceiling = percent(self.rules.at_risk_of_ceiling);
        let mut rules: Vec<StatusRule> = kinds
            .into_iter()
            .map(|kind| {
                let text = match kind {
                    FigureKind::Total => ReportText::RuleTotal {
                        at_risk: &milestone,
                    },
                    FigureKind::TotalCeiling => ReportText::RuleTotalCeiling,
                    FigureKind::Level => ReportText::RuleFloor { at_risk: &floor },
                    FigureKind::Ceiling => ReportText::RuleCeiling { at_risk: &ceiling },
                }
                .render(self.lang);
                StatusRule {
                    kind: Some(kind),
                    text,
                }
            })
            .collect();
        if untargeted {
            rules.push(StatusRule {
                kind: None,
                text: ReportText::RuleNoTarget.render(self.lang),
            });
        }
        rules
    }

    /// A figure a share or a ratio divides: whole from 100 up (a sum of
    /// money, a count), with its decimals below.
    fn part(&self, v: f64) -> String {
        if v.abs() >= 100.0 {
            self.f.fixed(v, 0)
        } else {
            self.f.number(v)
        }
    }

    /// The value as shown (rounded to its printed decimals) less the target.
    fn gap(&self, v: f64, target: f64) -> f64 {
        let scale = 10f64.powi(decimals(v) as i32);
        (v * scale).round() / scale - target
    }

    /// A difference with its sign: `+0,2`, `−0,3 pt`, `0`.
    fn signed(&self, d: f64, percent: bool) -> String {
        let n = self.f.fixed(d, decimals(d));
        let n = if d > 0.0 && n != "0" {
            format!("+{n}")
        } else {
            n
        };
        self.points(n, percent)
    }

    /// A difference without its sign: `3,7 pt`.
    fn unsigned(&self, d: f64, percent: bool) -> String {
        self.points(self.f.fixed(d.abs(), decimals(d)), percent)
    }

    fn points(&self, n: String, percent: bool) -> String {
        if percent {
            format!("{n}{}", Conventions::of(self.lang).percentage_points)
        } else {
            n
        }
    }
}

/// The decimals a value is printed with: one from 1 up, two below.
fn decimals(v: f64) -> usize {
    if v.abs() >= 1.0 || v == 0.0 { 1 } else { 2 }
}

fn is_percent(unit: &str) -> bool {
    unit.trim() == "%"
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [FigureKind; 4] = [
        FigureKind::Total,
        FigureKind::TotalCeiling,
        FigureKind::Level,
        FigureKind::Ceiling,
    ];

    #[test]
    fn status_rules_state_each_kind_with_its_threshold() {
        let fr = Figures::new(Lang::Fr, StatusRules::default()).status_rules(ALL, false);
        assert_eq!(fr.len(), 4);
        assert!(fr[0].text.starts_with("Total"), "{}", fr[0].text);
        assert!(fr[0].text.contains("jalon"), "{}", fr[0].text);
        assert!(fr[0].text.contains("75\u{202F}%"), "{}", fr[0].text);
        assert!(
            fr[1].text.starts_with("Total à ne pas dépasser"),
            "{}",
            fr[1].text
        );
        assert!(
            fr[2].text.starts_with("Niveau à atteindre"),
            "{}",
            fr[2].text
        );
        assert!(fr[2].text.contains("90\u{202F}%"), "{}", fr[2].text);
        assert!(fr[3].text.starts_with("Plafond"), "{}", fr[3].text);
        assert!(fr[3].text.contains("110\u{202F}%"), "{}", fr[3].text);

        let en = Figures::new(Lang::En, StatusRules::default()).status_rules(ALL, true);
        assert_eq!(en.len(), 5);
        assert!(en[0].text.contains("at least 75%"), "{}", en[0].text);
        assert!(
            en[1].text.contains("never achieved again"),
            "{}",
            en[1].text
        );
        assert!(en[2].text.starts_with("Level to reach"), "{}", en[2].text);
        assert!(en[2].text.contains("at least 90%"), "{}", en[2].text);
        assert!(
            en[3].text.starts_with("Ceiling not to exceed"),
            "{}",
            en[3].text
        );
        assert!(en[3].text.contains("within 110%"), "{}", en[3].text);
        // A level's rule says milestones do not decide it.
        for rule in [&en[2], &en[3]] {
            assert!(rule.text.contains("Milestones do not decide"));
        }
        assert_eq!(en[4].kind, None);
        assert!(en[4].text.starts_with("Without a target"), "{}", en[4].text);
    }

    #[test]
    fn status_rules_state_the_programmes_thresholds() {
        let rules = StatusRules {
            at_risk_of_milestone: 0.8,
            at_risk_of_floor: 0.95,
            at_risk_of_ceiling: 1.25,
        };
        let en = Figures::new(Lang::En, rules).status_rules(ALL, false);
        assert!(en[0].text.contains("at least 80%"), "{}", en[0].text);
        assert!(en[2].text.contains("at least 95%"), "{}", en[2].text);
        assert!(en[3].text.contains("within 125%"), "{}", en[3].text);
    }

    #[test]
    fn differences_carry_their_sign_and_unit() {
        let fr = Figures::new(Lang::Fr, StatusRules::default());
        assert_eq!(
            fr.signed(fr.gap(39.6947, 40.0), true),
            "\u{2212}0,3\u{202F}pt"
        );
        assert_eq!(fr.signed(fr.gap(4.2105, 4.0), false), "+0,2");
        assert_eq!(fr.unsigned(fr.gap(63.79, 67.5), true), "3,7\u{202F}pt");
        let en = Figures::new(Lang::En, StatusRules::default());
        assert_eq!(en.signed(en.gap(12.0, 15.0), false), "\u{2212}3");
    }

    /// A stage is never read as a number: the stages left, or reached.
    #[test]
    fn stages_say_how_many_stages_are_left() {
        let fr = Figures::new(Lang::Fr, StatusRules::default());
        assert_eq!(fr.stages_left(1.0, 3.0), "encore 2 étapes");
        assert_eq!(fr.stages_left(2.0, 3.0), "encore 1 étape");
        assert_eq!(fr.stages_left(3.0, 3.0), "étape visée atteinte");
        let en = Figures::new(Lang::En, StatusRules::default());
        assert_eq!(en.stages_left(1.0, 3.0), "2 stages to go");
        assert_eq!(en.stages_left(4.0, 3.0), "target stage reached");
    }
}
