//! The indicator reference sheets (a PIRS, "fiche de référence de
//! l'indicateur"): one sheet per indicator, what an evaluator checks the
//! reported values against. `cadre sheets` typesets them alone
//! (`report_templates/quarterly/sheets.typ`); `cadre report
//! --reference-sheets` adds the same data, laid out by the same Typst
//! component (`reference_sheets.typ`), as an annex of the report.
//!
//! Everything is read from the definitions and computed by the library:
//! the method in words and the data source are the methods annex's own
//! ([`super::methodology`]), the values of each ended quarter are the
//! engine's table of that quarter, the data-quality notes the ingestion's
//! accounting and the engine's anomalies. Like the report data, the sheets
//! are a typed document served to Typst as JSON, every text written here
//! in the sheets' language; the template lays it out and prints every
//! string as text.

use cadre::indicator::{Direction, IndicatorDef, Level, Measure};
use cadre::schema::{ColumnSchema, ColumnType};
use cadre::{Engine, IndicatorTable, Lang, Period, Programme};
use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::ReportError;
use super::data::{anomaly_words, color, ink};
use super::format::Formatter;
use super::methodology::{self, Segment};
use crate::messages::report::{Conventions, ReportText, SpacedPunctuation};
use crate::messages::sheets::{SheetText, SheetWord};

/// The reference sheets of a programme's indicators, for one period (the
/// values run to its end) and one language: a self-contained document,
/// with its own words.
#[derive(Debug, Clone, Serialize)]
pub struct SheetsData {
    /// The language (`fr`), also the document's.
    pub lang: Lang,
    /// The programme's name.
    pub programme: String,
    /// The programme's title, in the language.
    pub title: String,
    /// What the values run to: "Values up to the end of the period Q4 2025".
    pub up_to: String,
    /// The date of issue, in words.
    pub issued: String,
    /// The no-break spaces the language puts inside punctuation (French).
    pub typography: Option<SpacedPunctuation>,
    /// The sheets' fixed words, by key (`data-source`).
    pub words: SheetWords,
    /// One sheet per indicator, in the definitions' order.
    pub sheets: Vec<ReferenceSheet>,
}

/// One indicator's reference sheet.
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceSheet {
    /// Its code (`A1.1`).
    pub code: String,
    /// Its label.
    pub label: String,
    /// The result it measures and the results above it, from the top of
    /// the chain (the goal) down to its own.
    pub results: Vec<ResultLink>,
    /// Its level in the results chain, in words.
    pub level: String,
    /// Total or level, and how it is judged, in words (the methods annex's).
    pub kind: String,
    /// Its plain-language definition (empty when the definitions give none).
    pub definition: String,
    /// Its unit (empty when none).
    pub unit: String,
    /// "more is better" or "less is better".
    pub direction: String,
    /// Its breakdowns, each with its categories when they are a closed list.
    pub disaggregations: Vec<Disaggregation>,
    /// Where the data comes from: each dataset, its sheets, what dates its
    /// rows (the methods annex's words).
    pub source: Vec<Segment>,
    /// The means of verification (empty when none).
    pub verification: String,
    /// The method of computation in words, filters by their labels (the
    /// methods annex's formula).
    pub method: Vec<Segment>,
    /// The method as computed, filters as written; empty when `method`
    /// already shows them all.
    pub computed: Vec<Segment>,
    /// How often values are reported: the calendar quarters ended.
    pub frequency: String,
    /// The baseline, or "n/a" when the definitions give none.
    pub baseline: String,
    /// The milestones in date order, then the end-of-programme target.
    pub targets: Vec<TargetLine>,
    /// The value of every ended quarter of the programme up to the
    /// period's end, as the engine computes that quarter.
    pub values: Vec<QuarterValue>,
    /// Data-quality notes on the datasets the indicator reads: rejected
    /// rows, anomalies. Empty when there is nothing to note.
    pub quality: Vec<String>,
}

/// A result of the chain an indicator measures.
#[derive(Debug, Clone, Serialize)]
pub struct ResultLink {
    /// Its code (`OS1`).
    pub code: String,
    /// Its level as the programme names it (`outcome`, `action`).
    pub level: String,
    /// Its label.
    pub label: String,
}

/// A breakdown of an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Disaggregation {
    /// The dimension's name (`sexe`).
    pub by: String,
    /// Its label.
    pub label: String,
    /// Its categories when the column is a closed list (an enum), by their
    /// labels; empty otherwise (the categories are those the data holds).
    pub categories: Vec<String>,
}

/// A milestone or the end target.
#[derive(Debug, Clone, Serialize)]
pub struct TargetLine {
    /// What it is: "milestone", "end-of-programme target".
    pub what: String,
    /// When it is due, in words.
    pub date: String,
    /// The value due, formatted.
    pub value: String,
}

/// An indicator's values for one quarter.
#[derive(Debug, Clone, Serialize)]
pub struct QuarterValue {
    /// The quarter's label (`2025-Q4`).
    pub period: String,
    /// The quarter, in words.
    pub written: String,
    /// The value of the quarter alone, formatted; none when there is none.
    pub period_value: Option<String>,
    /// The value compared with the target at the quarter's end, formatted.
    pub cumulative_value: Option<String>,
    /// The status at the quarter's end (`on_track`).
    pub status: String,
    /// The status in words.
    pub status_label: String,
    /// The status colour.
    pub color: String,
    /// The text colour readable on it.
    pub ink: String,
}

/// The sheets' fixed words in one language: serialised as an object of
/// every [`SheetWord`], by key, in the order of [`SheetWord::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetWords {
    lang: Lang,
}

impl Serialize for SheetWords {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(SheetWord::ALL.len()))?;
        for w in SheetWord::ALL {
            map.serialize_entry(w.key(), w.text(self.lang))?;
        }
        map.end()
    }
}

/// How to make the reference sheets alone (`cadre sheets`).
#[derive(Debug, Clone)]
pub struct SheetsOptions {
    /// The template: the default one (its `sheets.typ`), or a folder
    /// holding `sheets.typ` and the `reference_sheets.typ` it includes.
    pub template: super::TemplateSource,
    /// The language.
    pub lang: Lang,
    /// The date of issue (see [`super::issue_date`]).
    pub issue_date: NaiveDate,
    /// A PDF standard to conform to, if any.
    pub pdf_standard: Option<super::PdfStandardChoice>,
    /// The indicators to write a sheet for (`--indicator`); every one
    /// when empty.
    pub indicators: Vec<String>,
}

/// The reference sheets of the indicators `codes` (every indicator when
/// empty; in the definitions' order either way), with their values up to
/// the end of `table`'s period, computed by `engine`, in `lang`. `issued`
/// is the date of issue (the anomalies' "after the date of issue").
pub fn build(
    engine: &Engine,
    table: &IndicatorTable,
    lang: Lang,
    issued: NaiveDate,
    codes: &[String],
) -> Result<SheetsData, ReportError> {
    let programme = engine.programme();
    let wanted: Vec<&str> = codes
        .iter()
        .map(|c| {
            programme
                .indicator(c)
                .map(|d| d.code.as_str())
                .map_err(ReportError::Input)
        })
        .collect::<Result<_, _>>()?;
    let quarters = ended_quarters(programme, table.period.end);
    let tables = quarters
        .iter()
        .map(|q| engine.compute(q))
        .collect::<Result<Vec<_>, _>>()
        .map_err(ReportError::Input)?;
    let anomalies = engine.anomalies(issued).map_err(ReportError::Input)?;
    let b = SheetBuilder {
        programme,
        data: engine.data(),
        lang,
        f: Formatter::new(lang),
        quarters: &quarters,
        tables: &tables,
        anomalies: &anomalies,
    };
    let sheets = programme
        .indicators
        .iter()
        .filter(|d| wanted.is_empty() || wanted.contains(&d.code.as_str()))
        .map(|d| b.sheet(d))
        .collect();
    let period =
        b.f.period(&table.period.label, table.period.start, table.period.end);
    Ok(SheetsData {
        lang,
        programme: programme.info.name.clone(),
        title: programme.info.title.get(lang).to_owned(),
        up_to: SheetText::UpTo { period: &period }.render(lang),
        issued: b.f.date(issued),
        typography: Conventions::of(lang).spaced_punctuation,
        words: SheetWords { lang },
        sheets,
    })
}

/// The calendar quarters of the programme that have ended by `end` (the
/// period's last day), in order: those an export covers by default on
/// that day, the programme's last (partial) quarter once it has ended.
fn ended_quarters(programme: &Programme, end: NaiveDate) -> Vec<Period> {
    let info = &programme.info;
    Period::ended_quarters(info.start, info.end, end)
}

struct SheetBuilder<'a> {
    programme: &'a Programme,
    data: &'a cadre::Data,
    lang: Lang,
    f: Formatter,
    /// The ended quarters, and the engine's table of each.
    quarters: &'a [Period],
    tables: &'a [IndicatorTable],
    anomalies: &'a [cadre::anomalies::Anomaly],
}

impl SheetBuilder<'_> {
    fn sheet(&self, d: &IndicatorDef) -> ReferenceSheet {
        let (p, lang) = (self.programme, self.lang);
        let unit = d.unit.get(lang);
        ReferenceSheet {
            code: d.code.clone(),
            label: d.label.get(lang).to_owned(),
            results: self.results(&d.result),
            level: level_word(d.level).text(lang).to_owned(),
            kind: methodology::kind_word(d.kind, d.direction)
                .text(lang)
                .to_owned(),
            definition: d.definition.get(lang).to_owned(),
            unit: unit.to_owned(),
            direction: match d.direction {
                Direction::Ceiling => SheetWord::LessIsBetter,
                Direction::Floor => SheetWord::MoreIsBetter,
            }
            .text(lang)
            .to_owned(),
            disaggregations: self.disaggregations(d),
            source: methodology::source(p, self.data, d, lang),
            verification: d.verification.get(lang).to_owned(),
            method: methodology::formula(p, d, lang),
            computed: methodology::computed(p, d, lang),
            frequency: self.frequency(),
            baseline: match (d.baseline, d.baseline_date) {
                (Some(v), Some(date)) => {
                    format!("{} ({})", self.f.value(v, unit), self.f.date(date))
                }
                (Some(v), None) => self.f.value(v, unit),
                (None, _) => crate::messages::report::ReportWord::NotAvailable
                    .text(lang)
                    .to_owned(),
            },
            targets: self.targets(d),
            values: self.values(d),
            quality: self.quality(d),
        }
    }

    /// The chain of results above `code`, from the top down to it. A parent
    /// named twice (a cycle the definitions should not have) ends the walk.
    fn results(&self, code: &str) -> Vec<ResultLink> {
        let mut chain: Vec<ResultLink> = Vec::new();
        let mut next = Some(code);
        while let Some(c) = next {
            if chain.iter().any(|r| r.code == c) {
                break;
            }
            let Some(r) = self.programme.result(c) else {
                break;
            };
            chain.push(ResultLink {
                code: r.code.clone(),
                level: r.level.clone(),
                label: r.label.get(self.lang).to_owned(),
            });
            next = r.parent.as_deref();
        }
        chain.reverse();
        chain
    }

    fn disaggregations(&self, d: &IndicatorDef) -> Vec<Disaggregation> {
        let lang = self.lang;
        d.breakdowns
            .iter()
            .map(|b| Disaggregation {
                by: b.by.clone(),
                label: self
                    .programme
                    .dimension(&b.by)
                    .map(|x| x.label.get(lang).to_owned())
                    .unwrap_or_else(|| b.by.clone()),
                categories: self
                    .enum_column(d, b.column.as_deref().unwrap_or(&b.by))
                    .map(|c| {
                        c.values
                            .iter()
                            .map(|v| {
                                c.value_labels
                                    .get(v)
                                    .map(|l| l.get(lang))
                                    .filter(|l| !l.is_empty())
                                    .unwrap_or(v)
                                    .to_owned()
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect()
    }

    /// The declaration of a breakdown's column when it is an enum, in the
    /// dataset the measure reads (following a reference: `site.region`).
    fn enum_column(&self, d: &IndicatorDef, column: &str) -> Option<&ColumnSchema> {
        let p = self.programme;
        let sel = d.measure.selections().into_iter().next()?;
        let found = p.resolve_column(sel, column).ok()?;
        if found.kind != ColumnType::Enum {
            return None;
        }
        let own = p.dataset(&sel.dataset)?;
        match &found.via {
            None => own.column(column),
            Some((reference, target)) => {
                let referenced = own.column(reference)?.references.as_deref()?;
                p.dataset(referenced)?.column(target)
            }
        }
    }

    /// Values are reported per calendar quarter: those ended by the period.
    fn frequency(&self) -> String {
        let written = |q: &Period| self.f.period(&q.label, q.start, q.end);
        match (self.quarters.first(), self.quarters.last()) {
            (Some(first), Some(last)) => SheetText::Frequency {
                n: self.quarters.len(),
                first: &written(first),
                last: &written(last),
            }
            .render(self.lang),
            _ => SheetWord::NoQuarter.text(self.lang).to_owned(),
        }
    }

    fn targets(&self, d: &IndicatorDef) -> Vec<TargetLine> {
        let lang = self.lang;
        let value = |v: f64| self.shown(d, Some(v)).unwrap_or_default();
        let mut lines: Vec<TargetLine> = d
            .milestones
            .iter()
            .map(|m| TargetLine {
                what: SheetWord::Milestone.text(lang).to_owned(),
                date: self.f.date(m.date),
                value: value(m.value),
            })
            .collect();
        if let Some(t) = d.target {
            lines.push(TargetLine {
                what: match d.direction {
                    Direction::Ceiling => SheetWord::EndCeiling,
                    Direction::Floor => SheetWord::EndTarget,
                }
                .text(lang)
                .to_owned(),
                date: self.f.date(self.programme.info.end),
                value: value(t),
            });
        }
        lines.extend(self.period_targets(d));
        // A category's own target, due at the programme's end like the
        // indicator's.
        for b in &d.breakdowns {
            for (category, t) in &b.targets {
                lines.push(TargetLine {
                    what: format!(
                        "{} {category} ({})",
                        SheetWord::CategoryTarget.text(lang),
                        b.by
                    ),
                    date: self.f.date(self.programme.info.end),
                    value: value(*t),
                });
            }
        }
        lines
    }

    /// The targets of periods' own values (`period_targets`), dated by
    /// their periods' first and last days.
    fn period_targets(&self, d: &IndicatorDef) -> Vec<TargetLine> {
        let info = &self.programme.info;
        d.period_targets
            .iter()
            .filter_map(|pt| {
                let period = cadre::Period::parse(&pt.period, info.calendar(), info.end).ok()?;
                Some(TargetLine {
                    what: format!(
                        "{} {}",
                        SheetWord::PeriodTarget.text(self.lang),
                        period.label
                    ),
                    date: format!(
                        "{} – {}",
                        self.f.date(period.start),
                        self.f.date(period.end)
                    ),
                    value: self.shown(d, Some(pt.value)).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// A value as the report prints it: a rank as its stage's label, any
    /// other value as a number in the indicator's unit.
    fn shown(&self, d: &IndicatorDef, v: Option<f64>) -> Option<String> {
        let labels = match &d.measure {
            Measure::Stage(s) => s.rank_labels(self.programme),
            _ => Vec::new(),
        };
        match v.and_then(|r| cadre::measure::rank_label(&labels, r, self.lang)) {
            Some(label) => Some(label.to_owned()),
            None => v.map(|v| self.f.value(v, d.unit.get(self.lang))),
        }
    }

    fn values(&self, d: &IndicatorDef) -> Vec<QuarterValue> {
        self.quarters
            .iter()
            .zip(self.tables)
            .filter_map(|(q, t)| {
                let iv = t.get(&d.code)?;
                Some(QuarterValue {
                    period: q.label.clone(),
                    written: self.f.period(&q.label, q.start, q.end),
                    period_value: self.shown(d, iv.period_value),
                    cumulative_value: self.shown(d, iv.cumulative_value),
                    status: iv.status.as_str().to_owned(),
                    status_label: iv.status.text(self.lang).to_owned(),
                    color: color(iv.status),
                    ink: ink(iv.status).to_owned(),
                })
            })
            .collect()
    }

    /// What the data of the indicator's datasets lacks: rows rejected at
    /// reading, then each anomaly of the accepted rows.
    fn quality(&self, d: &IndicatorDef) -> Vec<String> {
        let (p, lang) = (self.programme, self.lang);
        let mut notes = Vec::new();
        for dataset in methodology::datasets(p, d) {
            let rejected: usize = self
                .data
                .report
                .sheets
                .iter()
                .filter(|s| s.dataset == dataset)
                .map(|s| s.rejected)
                .sum();
            if rejected > 0 {
                notes.push(
                    SheetText::Rejected {
                        dataset: &p.dataset_label(dataset, lang),
                        n: rejected,
                        count: &self.f.count(rejected),
                    }
                    .render(lang),
                );
            }
            for a in self.anomalies.iter().filter(|a| a.dataset == dataset) {
                let (label, column, what) = anomaly_words(p, a, lang);
                let count = ReportText::OutOf {
                    count: &self.f.count(a.count),
                    of: &self.f.count(a.of),
                }
                .render(lang);
                notes.push(
                    SheetText::Anomaly {
                        dataset: &label,
                        column: &column,
                        what,
                        count: &count,
                    }
                    .render(lang),
                );
            }
        }
        notes
    }
}

fn level_word(level: Level) -> SheetWord {
    match level {
        Level::Impact => SheetWord::LevelImpact,
        Level::Outcome => SheetWord::LevelOutcome,
        Level::Output => SheetWord::LevelOutput,
    }
}
