//! The "Risks and assumptions" chapter: the risk register at the period's
//! end ([`cadre::risks`]: each risk's review in force, sorted by level, with
//! what changed since the previous period's end), the officer's comment
//! (`risks.md`) and each result's assumptions. Every value is written here,
//! in the report's language (the enum columns' `value_labels`); the
//! template lays it out. Also the summary's hook (the high, open risks whose
//! level rose) and `risks.md`'s skeleton.

use cadre::risks::{Risk, RiskChange, RiskRegister};
use cadre::{Lang, Programme};
use serde::Serialize;

use super::attention::SectionRef;
use super::format::Formatter;
use super::markdown::Block;
use crate::messages::report::{ReportText, ReportWord};

/// The label of the chapter in the template, for the summary's links.
pub const RISKS_TARGET: &str = "cadre-risks";

/// The chapter.
#[derive(Debug, Clone, Serialize)]
pub struct RisksData {
    /// Its heading.
    pub heading: String,
    /// The register, when the programme declares one.
    pub register: Option<RegisterData>,
    /// Whether the report was made with a narrative folder: its comment is
    /// then expected under the register.
    pub narrative_given: bool,
    /// The officer's comment (`risks.md`), when written.
    pub narrative: Option<Vec<Block>>,
    /// The results with assumptions, in the results chain's order.
    pub assumptions: Vec<ResultAssumptions>,
}

/// The register at the period's end.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterData {
    /// Its heading.
    pub heading: String,
    /// When the data lack the register's dataset, the sentence saying so
    /// (and no rows).
    pub absent: Option<String>,
    /// What it holds and how a level reads, in a sentence.
    pub intro: String,
    /// The risks, by level (highest first), then code.
    pub rows: Vec<RiskRow>,
}

/// A risk, written.
#[derive(Debug, Clone, Serialize)]
pub struct RiskRow {
    /// Its code.
    pub code: String,
    /// What it is.
    pub risk: String,
    /// The result it threatens, when the register says.
    pub result: Option<String>,
    /// Its likelihood, as the definitions label it.
    pub likelihood: String,
    /// Its impact, as the definitions label it.
    pub impact: String,
    /// Its level (likelihood rank × impact rank).
    pub level: String,
    /// Whether the level is high.
    pub high: bool,
    /// The level's fill: red when high, amber when above the lowest third,
    /// grey otherwise.
    pub fill: String,
    /// The text colour readable on the fill.
    pub ink: String,
    /// What is done about it.
    pub mitigation: Option<String>,
    /// Who follows it.
    pub owner: Option<String>,
    /// Its status, as the definitions label it.
    pub status: String,
    /// What changed since the previous period's end, in words.
    pub change: String,
    /// Whether its level rose.
    pub rose: bool,
}

/// A result's assumptions.
#[derive(Debug, Clone, Serialize)]
pub struct ResultAssumptions {
    /// Its code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Its assumptions.
    pub assumptions: Vec<String>,
}

/// The chapter: none when the programme declares no register and no
/// assumption.
pub fn build(
    programme: &Programme,
    register: Option<&RiskRegister>,
    narrative: Option<&super::narrative::Narrative>,
    lang: Lang,
) -> Option<RisksData> {
    let assumptions: Vec<ResultAssumptions> = programme
        .results
        .iter()
        .map(|r| ResultAssumptions {
            code: r.code.clone(),
            label: r.label.get(lang).to_owned(),
            assumptions: programme.assumptions(r, lang),
        })
        .filter(|r| !r.assumptions.is_empty())
        .collect();
    if register.is_none() && assumptions.is_empty() {
        return None;
    }
    Some(RisksData {
        heading: ReportWord::RisksHeading.text(lang).to_owned(),
        register: register.map(|r| register_data(programme, r, lang)),
        narrative_given: narrative.is_some(),
        narrative: narrative.map(|n| n.risks.clone()).filter(|b| !b.is_empty()),
        assumptions,
    })
}

fn register_data(programme: &Programme, register: &RiskRegister, lang: Lang) -> RegisterData {
    let f = Formatter::new(lang);
    let settings = programme.report.risks.as_ref();
    let dataset = settings
        .map(|s| programme.dataset_label(&s.dataset, lang))
        .unwrap_or_default();
    RegisterData {
        heading: ReportWord::RiskRegister.text(lang).to_owned(),
        absent: (!register.provided)
            .then(|| ReportText::RiskRegisterAbsent { dataset: &dataset }.render(lang)),
        intro: ReportText::RiskRegisterIntro {
            count: register.risks.len(),
            end: &f.date(register.end),
            previous: &f.date(register.previous_end),
            max: register.max_level,
            high: register.high,
        }
        .render(lang),
        rows: register
            .risks
            .iter()
            .map(|r| row(programme, register, r, lang))
            .collect(),
    }
}

fn row(programme: &Programme, register: &RiskRegister, r: &Risk, lang: Lang) -> RiskRow {
    let words = Words::new(programme, lang);
    let level = r.level();
    let high = level >= register.high;
    // The lowest third of the scale reads as low: grey.
    let (fill, ink) = if high {
        ("#c62828", "#ffffff")
    } else if level * 3 > register.max_level {
        ("#f9a825", "#1a1a1a")
    } else {
        ("#e0e0e0", "#1a1a1a")
    };
    RiskRow {
        code: r.key.clone(),
        risk: r.now.risk.clone(),
        result: r.now.result.clone(),
        likelihood: words.likelihood(&r.now.likelihood),
        impact: words.impact(&r.now.impact),
        level: level.to_string(),
        high,
        fill: fill.to_owned(),
        ink: ink.to_owned(),
        mitigation: r.now.mitigation.clone(),
        owner: r.now.owner.clone(),
        status: words.status(&r.now.status),
        change: words.change(r),
        rose: r.level_rose(),
    }
}

/// The register's values in words: the enum columns' labels.
struct Words<'a> {
    programme: &'a Programme,
    lang: Lang,
}

impl<'a> Words<'a> {
    fn new(programme: &'a Programme, lang: Lang) -> Self {
        Words { programme, lang }
    }

    /// `value` of the register's `column`, as its `value_labels` write it.
    fn label(
        &self,
        column: impl Fn(&cadre::programme::RiskSettings) -> &str,
        value: &str,
    ) -> String {
        self.programme
            .report
            .risks
            .as_ref()
            .and_then(|s| self.programme.column_schema_of(&s.dataset, column(s)))
            .and_then(|c| c.value_labels.get(value))
            .map(|l| l.get(self.lang).to_owned())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| value.to_owned())
    }

    fn likelihood(&self, v: &str) -> String {
        self.label(|s| &s.likelihood, v)
    }

    fn impact(&self, v: &str) -> String {
        self.label(|s| &s.impact, v)
    }

    fn status(&self, v: &str) -> String {
        self.label(|s| &s.status, v)
    }

    /// What changed, in words, the changes joined by the language's separator.
    fn change(&self, r: &Risk) -> String {
        let lang = self.lang;
        let Some(before) = &r.before else {
            return ReportWord::RiskNew.text(lang).to_owned();
        };
        if r.changes.is_empty() {
            return ReportWord::RiskUnchanged.text(lang).to_owned();
        }
        let moved = |what: ReportWord, up: bool, from: String, to: String| {
            ReportText::RiskMoved {
                what: what.text(lang),
                up,
                from: &from,
                to: &to,
            }
            .render(lang)
        };
        r.changes
            .iter()
            .map(|c| match c {
                RiskChange::New => ReportWord::RiskNew.text(lang).to_owned(),
                RiskChange::LikelihoodUp | RiskChange::LikelihoodDown => moved(
                    ReportWord::Likelihood,
                    *c == RiskChange::LikelihoodUp,
                    self.likelihood(&before.likelihood),
                    self.likelihood(&r.now.likelihood),
                ),
                RiskChange::ImpactUp | RiskChange::ImpactDown => moved(
                    ReportWord::Impact,
                    *c == RiskChange::ImpactUp,
                    self.impact(&before.impact),
                    self.impact(&r.now.impact),
                ),
                RiskChange::Status => ReportText::RiskStatusChanged {
                    from: &self.status(&before.status),
                    to: &self.status(&r.now.status),
                }
                .render(lang),
                RiskChange::Closed => ReportWord::RiskClosed.text(lang).to_owned(),
            })
            .collect::<Vec<_>>()
            .join(ReportWord::RiskChangeSeparator.text(lang))
    }
}

/// The summary's points of attention on the risks: the high, open risks
/// whose level rose since the previous period's end, each in a sentence,
/// and the chapter they point to. `None` when there is none (or no
/// register). The hook [`super::attention::RedFlags`] carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RisingRisks {
    /// One sentence per risk, in the register's order.
    pub items: Vec<String>,
    /// The risks chapter.
    pub section: SectionRef,
}

/// See [`RisingRisks`].
pub fn rising(
    programme: &Programme,
    register: Option<&RiskRegister>,
    lang: Lang,
) -> Option<RisingRisks> {
    let register = register?;
    let words = Words::new(programme, lang);
    let items: Vec<String> = register
        .rising()
        .map(|r| {
            ReportText::RiskRose {
                code: &r.key,
                risk: &r.now.risk,
                from: r.before.as_ref().map_or(0, |b| b.level()),
                to: r.level(),
                change: &words.change(r),
            }
            .render(lang)
        })
        .collect();
    (!items.is_empty()).then(|| RisingRisks {
        items,
        section: SectionRef {
            target: RISKS_TARGET.to_owned(),
            name: ReportWord::RisksHeading.text(lang).to_owned(),
        },
    })
}

/// `risks.md` for the officer to fill in (its name, in `lang` as the other
/// files of [`super::narrative::skeleton`], and its text): a reminder, in an
/// HTML comment, of the risks that changed since the last report, and a
/// heading for what changed.
pub fn skeleton(programme: &Programme, register: &RiskRegister, lang: Lang) -> (String, String) {
    use crate::messages::Text;
    let words = Words::new(programme, lang);
    let mut reminder = Text::SkeletonRisks {
        period: &Formatter::new(lang).date(register.end),
    }
    .render(lang);
    for r in register.risks.iter().filter(|r| !r.changes.is_empty()) {
        reminder.push('\n');
        reminder += &Text::SkeletonRisk {
            code: &r.key,
            risk: &r.now.risk,
            change: &words.change(r),
        }
        .render(lang);
    }
    let name = if lang == programme.default_language() {
        format!("{}.md", super::narrative::RISKS)
    } else {
        format!("{}.{}.md", super::narrative::RISKS, lang.code())
    };
    // A heading for what changed, under the register where the report
    // prints the file.
    (
        name,
        format!(
            "<!--\n{}\n-->\n\n## {}\n\n",
            reminder.replace("-->", "- ->"),
            ReportWord::RiskChange.text(lang)
        ),
    )
}
