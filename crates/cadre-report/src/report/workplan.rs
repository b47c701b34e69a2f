//! The workplan in a result's section, after the period's activities: the
//! deviations ([`cadre::workplan`]), each with the officer's justification
//! from `deviations.md` in the period's narrative folder (`deviations.en.md`
//! in English: one `##` section per deviation, its heading the activity's
//! title or key, compared ignoring case, accents and spacing), and the next
//! period's workplan (date, activity, place). The deviations not held by
//! the period's end also join the summary's points of attention
//! ([`super::attention`]). A deviation without justification is a warning,
//! an error with `--strict`.

use cadre::text::fold_key;
use cadre::workplan::{Deviation, DeviationKind, Workplan};
use cadre::{Engine, Lang, Period, Programme};
use serde::Serialize;

use super::ReportError;
use super::attention::{OverdueActivity, SectionRef, result_target};
use super::format::Formatter;
use super::justifications::Justification;
use super::markdown::Block;
use super::narrative::{Narrative, NarrativeWarning};
use crate::messages::workplan::WorkplanText;

/// The narrative file's name, without `.md`.
pub const FILE: &str = "deviations";

/// A source's workplan as a result's section prints it.
#[derive(Debug, Clone, Serialize)]
pub struct WorkplanData {
    /// The result.
    #[serde(skip)]
    pub result: String,
    /// What the activities are (`Gatherings`).
    pub label: String,
    /// "Deviations from the workplan".
    pub deviations_heading: String,
    /// The deviations, by due date.
    pub deviations: Vec<DeviationData>,
    /// "Workplan for Q1 2026".
    pub next_heading: String,
    /// The next period's activities, by date.
    pub next: Vec<PlannedRow>,
    /// Whether any of them has a place (a column to show).
    pub places: bool,
    /// The next workplan's column headings: date, activity, place.
    pub columns: [String; 3],
}

/// A deviation, written.
#[derive(Debug, Clone, Serialize)]
pub struct DeviationData {
    /// The activity's title.
    pub title: String,
    /// "planned for 20 November 2025".
    pub due: String,
    /// What happened: "postponed to 29 January 2026".
    pub what: String,
    /// The officer's justification, when written.
    pub justification: Option<Vec<Block>>,
    /// "No justification in deviations.md.", when a narrative was given
    /// and it has none.
    pub missing: Option<String>,
}

/// An activity of the next period.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedRow {
    /// Its date, written.
    pub date: String,
    /// Its title.
    pub title: String,
    /// Its place (empty when none).
    pub place: String,
}

/// The workplans of the period, written, with their justifications.
pub fn build(
    programme: &Programme,
    plans: &[Workplan],
    period: &Period,
    narrative: Option<&Narrative>,
    lang: Lang,
) -> Vec<WorkplanData> {
    let f = Formatter::new(lang);
    let file = file_name(programme, lang);
    plans
        .iter()
        .map(|w| {
            let place = |p: Option<String>| {
                p.map(|p| match w.place_labels.get(&p).map(|x| x.get(lang)) {
                    Some(label) if !label.is_empty() => label.to_owned(),
                    _ => p,
                })
                .unwrap_or_default()
            };
            let next: Vec<PlannedRow> = w
                .next
                .iter()
                .map(|a| PlannedRow {
                    date: f.date(a.date),
                    title: a.title.clone(),
                    place: place(a.place.clone()),
                })
                .collect();
            let np = &w.next_period;
            WorkplanData {
                label: w.label.get(lang).to_owned(),
                deviations_heading: WorkplanText::DeviationsHeading.render(lang),
                deviations: w
                    .deviations
                    .iter()
                    .map(|d| deviation(d, period, narrative, &f, &file, lang))
                    .collect(),
                next_heading: WorkplanText::NextHeading {
                    period: &f.period(&np.label, np.start, np.end),
                }
                .render(lang),
                places: next.iter().any(|r| !r.place.is_empty()),
                next,
                columns: [
                    WorkplanText::DateColumn.render(lang),
                    WorkplanText::ActivityColumn.render(lang),
                    WorkplanText::PlaceColumn.render(lang),
                ],
                result: w.result.clone(),
            }
        })
        .collect()
}

/// The sections, each with the workplans of its result.
pub fn attach(
    mut sections: Vec<super::data::Section>,
    workplans: Vec<WorkplanData>,
) -> Vec<super::data::Section> {
    for w in workplans {
        if let Some(s) = sections.iter_mut().find(|s| s.code == w.result) {
            s.workplans.push(w);
        }
    }
    sections
}

/// A deviation, written, with its justification.
fn deviation(
    d: &Deviation,
    period: &Period,
    narrative: Option<&Narrative>,
    f: &Formatter,
    file: &str,
    lang: Lang,
) -> DeviationData {
    let justification = narrative.and_then(|n| find(d, &n.deviations));
    DeviationData {
        title: d.activity.title.clone(),
        due: WorkplanText::PlannedFor {
            date: &f.date(d.due),
        }
        .render(lang),
        what: what(d, period, f, lang),
        justification: justification.map(|j| j.blocks.clone()),
        missing: (narrative.is_some() && justification.is_none())
            .then(|| WorkplanText::NoJustification { file }.render(lang)),
    }
}

/// What happened to a deviating activity, in words.
fn what(d: &Deviation, period: &Period, f: &Formatter, lang: Lang) -> String {
    use cadre::programme::ActivityStatus as S;
    let (date, end) = (&f.date(d.activity.date), &f.date(period.end));
    match (d.kind, d.activity.status) {
        (DeviationKind::Cancelled, _) => WorkplanText::Cancelled,
        (DeviationKind::HeldLate, _) => WorkplanText::HeldLate { date },
        (DeviationKind::NotHeld, S::Held) => WorkplanText::NotHeldHeldLater { end, date },
        (DeviationKind::NotHeld, S::Postponed) => WorkplanText::Postponed {
            date: (d.activity.date != d.due).then_some(date.as_str()),
        },
        (DeviationKind::NotHeld, _) if d.activity.date > d.due => {
            WorkplanText::NotHeldNowPlanned { end, date }
        }
        (DeviationKind::NotHeld, _) => WorkplanText::NotHeld { end },
    }
    .render(lang)
}

/// The section of `deviations.md` justifying `d`: a heading naming its
/// title or its key, with something written under it.
fn find<'j>(d: &Deviation, justifications: &'j [Justification]) -> Option<&'j Justification> {
    let names: Vec<String> = std::iter::once(&d.activity.title)
        .chain(d.activity.key.as_ref())
        .map(|n| fold_key(n))
        .collect();
    justifications
        .iter()
        .find(|j| !j.blocks.is_empty() && names.contains(&fold_key(&j.heading)))
}

/// `deviations.md`'s sections (none when the file is missing or holds
/// only headings), each nested on its own.
pub fn sections(blocks: Option<Vec<Block>>) -> Vec<Justification> {
    super::justifications::split(blocks.unwrap_or_default())
        .1
        .into_iter()
        .map(|mut j| {
            j.blocks = super::markdown::nested(j.blocks);
            j
        })
        .collect()
}

/// The narrative file as the officer names it in `lang`.
fn file_name(programme: &Programme, lang: Lang) -> String {
    if lang == programme.default_language() {
        format!("{FILE}.md")
    } else {
        format!("{FILE}.{}.md", lang.code())
    }
}

/// The deviations of `period` that `narrative` does not justify.
pub fn warnings(
    engine: &Engine,
    period: &Period,
    narrative: &Narrative,
) -> Result<Vec<NarrativeWarning>, ReportError> {
    let plans = engine.workplans(period).map_err(ReportError::Input)?;
    Ok(plans
        .iter()
        .flat_map(|w| &w.deviations)
        .filter(|d| find(d, &narrative.deviations).is_none())
        .map(|d| NarrativeWarning::DeviationWithoutJustification {
            activity: d.activity.title.clone(),
        })
        .collect())
}

/// `deviations.md` to fill in: a reminder, then a heading per deviation
/// (the activity's title), or `None` when the period has none. Its name is
/// for `lang` (`deviations.en.md` in a language other than the
/// programme's first).
pub fn skeleton(
    engine: &Engine,
    period: &Period,
    lang: Lang,
) -> Result<Option<(String, String)>, ReportError> {
    let plans = engine.workplans(period).map_err(ReportError::Input)?;
    let deviations: Vec<&Deviation> = plans.iter().flat_map(|w| &w.deviations).collect();
    if deviations.is_empty() {
        return Ok(None);
    }
    let f = Formatter::new(lang);
    let reminder = WorkplanText::SkeletonReminder
        .render(lang)
        .replace("-->", "- ->");
    let mut text = format!("<!--\n{reminder}\n-->\n");
    for d in deviations {
        let note = format!(
            "{}, {}",
            WorkplanText::PlannedFor {
                date: &f.date(d.due)
            }
            .render(lang),
            what(d, period, &f, lang)
        );
        text += &format!(
            "\n## {}\n\n<!-- {} -->\n",
            d.activity.title,
            note.replace("-->", "- ->")
        );
    }
    Ok(Some((file_name(engine.programme(), lang), text)))
}

/// The section a result's deviation points to.
fn section(programme: &Programme, result: &str, lang: Lang) -> SectionRef {
    SectionRef {
        target: result_target(result),
        name: programme
            .result(result)
            .map(|r| format!("{} — {}", r.code, r.label.get(lang)))
            .unwrap_or_else(|| result.to_owned()),
    }
}

/// The deviations of each workplan not held by the period's end, as the
/// summary lists them.
pub fn overdue(
    programme: &Programme,
    plans: &[Workplan],
    period: &Period,
    lang: Lang,
) -> Vec<OverdueActivity> {
    let f = Formatter::new(lang);
    plans
        .iter()
        .flat_map(|w| {
            w.deviations
                .iter()
                .filter(|d| d.kind == DeviationKind::NotHeld)
                .map(move |d| (w, d))
        })
        .map(|(w, d)| OverdueActivity {
            text: format!(
                "{} — {}, {}",
                d.activity.title,
                WorkplanText::PlannedFor {
                    date: &f.date(d.due)
                }
                .render(lang),
                what(d, period, &f, lang)
            ),
            section: section(programme, &w.result, lang),
        })
        .collect()
}
