//! The report's "people reached" chapter (`people.typ`): for each
//! `[[report.people]]` dataset, the period's people by sex and age band
//! (and, in an annual or final report, since the start), the unique
//! persons, and the period's split per activity; every cell written, every
//! word from the catalogue (`messages/people.rs`). Also, per activity, its
//! split by sex in a sentence, for the activities' lists to print beside
//! each activity ([`PeopleData::by_activity`]).

use std::collections::BTreeMap;

use cadre::people::{AgeBand, People, PeopleFigures, SexCounts};
use cadre::programme::PeopleSource;
use cadre::{Engine, Lang, Period};
use serde::Serialize;

use super::ReportError;
use super::format::Formatter;
use crate::messages::people::PeopleText;
use crate::messages::report::ReportText;

/// The chapter, when the programme declares people datasets.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleData {
    /// Its heading.
    pub heading: String,
    /// What the tables count.
    pub intro: String,
    /// One section per dataset, as the definitions declare them.
    pub sources: Vec<PeopleSection>,
    /// Per activities' dataset (`sessions`), per activity key, the
    /// period's people of that activity by sex, written ("women 30, men
    /// 29, not stated 2"): what an activity's row in its result's list can
    /// print.
    pub by_activity: BTreeMap<String, BTreeMap<String, String>>,
}

/// The people of one dataset.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleSection {
    /// Its heading (the dataset's label unless the definitions give one).
    pub label: String,
    /// For a dataset of counts, where the figures come from.
    pub note: Option<String>,
    /// The tables' column headings: the age band, the sexes shown, total.
    pub columns: Vec<String>,
    /// The period's table, then, in an annual or final report, the one
    /// since the start (when it differs).
    pub tables: Vec<PeopleTableData>,
    /// The unique persons, in sentences; empty when the dataset names no one.
    pub unique: Vec<String>,
    /// The period's split per activity; none when the rows name no activity.
    pub activities: Option<ActivitiesTable>,
}

/// One table of people by sex and age band.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleTableData {
    /// What it counts ("In the period (…)").
    pub caption: String,
    /// A row per age band: the band, then a cell per column.
    pub rows: Vec<Vec<String>>,
    /// The total row.
    pub total: Vec<String>,
}

/// The period's people per activity.
#[derive(Debug, Clone, Serialize)]
pub struct ActivitiesTable {
    /// Its heading.
    pub heading: String,
    /// Column headings: date, activity, the sexes shown, total.
    pub columns: Vec<String>,
    /// A row per activity, by date.
    pub rows: Vec<Vec<String>>,
}

/// Which of the sex columns a dataset's tables show: women and men always;
/// other when the definitions class a value (or a column) as other;
/// unknown unless a dataset of counts has no column for it.
#[derive(Clone, Copy)]
struct Shown {
    other: bool,
    unknown: bool,
}

impl Shown {
    fn of(source: &PeopleSource) -> Shown {
        match &source.counts {
            Some(c) => Shown {
                other: c.other.is_some(),
                unknown: c.unknown.is_some(),
            },
            None => Shown {
                other: source.sex.as_ref().is_some_and(|s| !s.other.is_empty()),
                unknown: true,
            },
        }
    }
}

/// Builds the chapter for `period`; none when the programme declares no
/// people dataset.
pub(super) fn build(
    engine: &Engine,
    period: &Period,
    closes_a_cycle: bool,
    lang: Lang,
) -> Result<Option<PeopleData>, ReportError> {
    let programme = engine.programme();
    if programme.report.people.is_empty() {
        return Ok(None);
    }
    let people = engine.people(period).map_err(ReportError::Input)?;
    let w = Writer {
        f: Formatter::new(lang),
        lang,
    };
    let mut by_activity: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut sources = Vec::new();
    for (source, p) in programme.report.people.iter().zip(&people) {
        let shown = Shown::of(source);
        if let Some(target) = activities_dataset(engine, source) {
            let splits = by_activity.entry(target).or_default();
            for a in &p.activities {
                splits.insert(a.key.clone(), w.split(&a.counts, shown));
            }
        }
        sources.push(w.section(p, source, period, closes_a_cycle, shown));
    }
    Ok(Some(PeopleData {
        heading: PeopleText::Heading.render(lang),
        intro: PeopleText::Intro.render(lang),
        sources,
        by_activity,
    }))
}

/// The dataset a source's activities are rows of (what its `via`
/// references).
fn activities_dataset(engine: &Engine, source: &PeopleSource) -> Option<String> {
    let via = &source.activity.as_ref()?.via;
    engine
        .programme()
        .dataset(&source.dataset)?
        .column(via)?
        .references
        .clone()
}

struct Writer {
    f: Formatter,
    lang: Lang,
}

impl Writer {
    fn word(&self, t: PeopleText) -> String {
        t.render(self.lang)
    }

    fn section(
        &self,
        p: &People,
        source: &PeopleSource,
        period: &Period,
        closes_a_cycle: bool,
        shown: Shown,
    ) -> PeopleSection {
        let range = ReportText::PeriodRange {
            start: &self.f.date(period.start),
            end: &self.f.date(period.end),
        }
        .render(self.lang);
        let mut tables = vec![self.table(
            &p.period,
            self.word(PeopleText::InPeriod { period: &range }),
            shown,
        )];
        // Since the start only when it says more than the period (not in a
        // final report, whose period is the programme).
        if closes_a_cycle && p.cumulative.table != p.period.table {
            let end = self.f.date(period.end);
            let caption = self.word(PeopleText::SinceStart { end: &end });
            tables.push(self.table(&p.cumulative, caption, shown));
        }
        let mut columns = vec![self.word(PeopleText::Age)];
        columns.extend(self.sex_words(shown));
        columns.push(self.word(PeopleText::Total));
        PeopleSection {
            label: p.label.get(self.lang).to_owned(),
            note: p.counted.then(|| self.word(PeopleText::Counted)),
            columns,
            tables,
            unique: self.unique(p, closes_a_cycle, shown),
            activities: source.activity.as_ref().map(|_| self.activities(p, shown)),
        }
    }

    /// The headings of the sex columns shown.
    fn sex_words(&self, shown: Shown) -> Vec<String> {
        let mut words = vec![self.word(PeopleText::Women), self.word(PeopleText::Men)];
        if shown.other {
            words.push(self.word(PeopleText::Other));
        }
        if shown.unknown {
            words.push(self.word(PeopleText::Unknown));
        }
        words
    }

    /// The cells of a split: the sexes shown, then the total.
    fn cells(&self, c: &SexCounts, shown: Shown) -> Vec<String> {
        let n = |v: u64| self.f.count(v as usize);
        let mut cells = vec![n(c.women), n(c.men)];
        if shown.other {
            cells.push(n(c.other));
        }
        if shown.unknown {
            cells.push(n(c.unknown));
        }
        cells.push(n(c.total()));
        cells
    }

    fn table(&self, figures: &PeopleFigures, caption: String, shown: Shown) -> PeopleTableData {
        let band_rows = figures.table.bands.iter().map(|b| {
            let mut row = vec![self.band(b.band)];
            row.extend(self.cells(&b.counts, shown));
            row
        });
        let mut total = vec![self.word(if figures.table.bands.is_empty() {
            PeopleText::AllAges
        } else {
            PeopleText::Total
        })];
        total.extend(self.cells(&figures.table.total, shown));
        PeopleTableData {
            caption,
            rows: band_rows.collect(),
            total,
        }
    }

    fn band(&self, band: AgeBand) -> String {
        self.word(match band {
            AgeBand::Under { age } => PeopleText::Under { age },
            AgeBand::Between { from, to } => PeopleText::Between {
                from,
                last: to.saturating_sub(1),
            },
            AgeBand::From { age } => PeopleText::From { age },
            AgeBand::Unknown => PeopleText::AgeUnknown,
        })
    }

    /// "women 30, men 29, not stated 2": the sexes shown, those counted.
    fn split(&self, c: &SexCounts, shown: Shown) -> String {
        let words = self.sex_words(shown);
        let mut values = vec![c.women, c.men];
        if shown.other {
            values.push(c.other);
        }
        if shown.unknown {
            values.push(c.unknown);
        }
        words
            .iter()
            .zip(values)
            .filter(|(_, v)| *v > 0)
            .map(|(sex, v)| {
                self.word(PeopleText::SexCount {
                    sex,
                    count: &self.f.count(v as usize),
                })
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn unique(&self, p: &People, closes_a_cycle: bool, shown: Shown) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(u) = &p.period.unique {
            out.push(self.word(PeopleText::UniqueInPeriod {
                count: &self.f.count(u.persons.total() as usize),
                split: &self.split(&u.persons, shown),
            }));
        }
        let since_start = closes_a_cycle && p.cumulative.table != p.period.table;
        if let Some(u) = p.cumulative.unique.as_ref().filter(|_| since_start) {
            out.push(self.word(PeopleText::UniqueSinceStart {
                count: &self.f.count(u.persons.total() as usize),
                split: &self.split(&u.persons, shown),
            }));
        }
        if let Some(u) = p.period.unique.as_ref().filter(|u| u.without_id > 0) {
            out.push(self.word(PeopleText::WithoutId {
                n: u.without_id,
                count: &self.f.count(u.without_id as usize),
            }));
        }
        out
    }

    fn activities(&self, p: &People, shown: Shown) -> ActivitiesTable {
        let mut columns = vec![self.word(PeopleText::Date), self.word(PeopleText::Activity)];
        columns.extend(self.sex_words(shown));
        columns.push(self.word(PeopleText::Total));
        ActivitiesTable {
            heading: self.word(PeopleText::ByActivity),
            columns,
            rows: p
                .activities
                .iter()
                .map(|a| {
                    let mut row = vec![self.f.date(a.date), a.title.clone()];
                    row.extend(self.cells(&a.counts, shown));
                    row
                })
                .collect(),
        }
    }
}
