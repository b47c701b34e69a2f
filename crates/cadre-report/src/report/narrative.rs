//! The officer's narrative of a period, written in Markdown beside the data:
//! `DIR/<period>/summary.md` (the quarter in a few paragraphs, in the
//! summary), `DIR/<period>/<result>.md` (activities, difficulties, next
//! steps, in that result's section) and `DIR/<period>/<indicator>.md` (why a
//! value is where it is, under that indicator). `A1.en.md` wins over
//! `A1.md` in an English report.
//!
//! The files become typed blocks ([`super::markdown`]); nothing is evaluated
//! as Typst markup. What is missing is returned as warnings (data, written
//! by the catalogue at the edge), or as an error when the report is strict.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cadre::table::Status;
use cadre::{IndicatorTable, Lang, Programme};
use serde::Serialize;

use super::ReportError;
use super::markdown::{self, Block};

/// The largest narrative file read: a quarter's story, not a data dump.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// The summary file's name, without `.md`.
const SUMMARY: &str = "summary";

/// The sections that close a cycle (annual and final reports), by file
/// name without `.md`: lessons learned, then sustainability.
pub const CLOSING: [&str; 2] = ["lessons", "sustainability"];

/// The risks' file name, without `.md`: the officer's comment on the risk
/// register, under it.
pub const RISKS: &str = "risks";

/// The narrative of one period, in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Narrative {
    /// `summary.md`: the quarter in a few paragraphs.
    pub summary: Vec<Block>,
    /// Per result code, its narrative.
    pub results: BTreeMap<String, Vec<Block>>,
    /// Per indicator code, the comment on its value.
    pub indicators: BTreeMap<String, Vec<Block>>,
    /// `lessons.md` and `sustainability.md`, by file name, when written.
    pub closing: BTreeMap<String, Vec<Block>>,
    /// `risks.md`: the officer's comment on the risk register.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Block>,
    /// `finance.md` before its first section: what the officer says of the
    /// finances as a whole.
    pub finance_intro: Vec<Block>,
    /// `finance.md`'s sections: the justifications of the variances.
    pub justifications: Vec<super::justifications::Justification>,
    /// `deviations.md`'s sections: the justifications of the deviations
    /// from the workplan ([`super::workplan`]).
    #[serde(skip)]
    pub deviations: Vec<super::justifications::Justification>,
    /// Markdown files of the folder that name no result or indicator.
    #[serde(skip)]
    pub unknown: Vec<String>,
    /// Whether the period's folder exists.
    #[serde(skip)]
    pub found: bool,
    /// The period's folder.
    #[serde(skip)]
    pub folder: PathBuf,
}

/// Something the narrative lacks.
#[derive(Debug, Clone, PartialEq)]
pub enum NarrativeWarning {
    /// There is no folder for the period.
    NoFolder {
        /// The folder looked for.
        path: PathBuf,
    },
    /// No `summary.md`.
    NoSummary,
    /// A result with indicators has no narrative.
    ResultWithoutNarrative {
        /// The result's code.
        code: String,
    },
    /// An indicator at risk or off track has no comment.
    IndicatorWithoutComment {
        /// The indicator's code.
        code: String,
        /// Its status.
        status: Status,
    },
    /// A budget line or nature whose variance is beyond the programme's
    /// threshold has no justification in `finance.md`.
    JustificationMissing {
        /// The line or nature.
        row: Box<cadre::finance::BudgetRow>,
    },
    /// A section of `finance.md` names no line or nature of the statement.
    JustificationUnknown {
        /// Its heading.
        heading: String,
    },
    /// An annual or final report's closing section has no narrative.
    ClosingMissing {
        /// The file expected (`lessons.md`).
        file: String,
    },
    /// A deviation from the workplan has no justification in
    /// `deviations.md`.
    DeviationWithoutJustification {
        /// The activity's title.
        activity: String,
    },
    /// The programme keeps a risk register and `risks.md` says nothing.
    RisksMissing,
    /// A Markdown file that names no result or indicator (a typo?).
    UnknownFile {
        /// The file's name.
        file: String,
    },
}

impl NarrativeWarning {
    /// Whether `--strict` makes it an error: missing narrative is, a stray
    /// file is not.
    pub fn is_missing_narrative(&self) -> bool {
        match self {
            NarrativeWarning::NoFolder { .. }
            | NarrativeWarning::NoSummary
            | NarrativeWarning::ResultWithoutNarrative { .. }
            | NarrativeWarning::IndicatorWithoutComment { .. }
            | NarrativeWarning::JustificationMissing { .. }
            | NarrativeWarning::ClosingMissing { .. }
            | NarrativeWarning::DeviationWithoutJustification { .. }
            | NarrativeWarning::RisksMissing => true,
            NarrativeWarning::UnknownFile { .. }
            | NarrativeWarning::JustificationUnknown { .. } => false,
        }
    }

    /// The warning in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use crate::messages::Text;
        match self {
            NarrativeWarning::NoFolder { path } => Text::NarrativeNoFolder {
                path: &path.display().to_string(),
            }
            .render(lang),
            NarrativeWarning::NoSummary => Text::NarrativeNoSummary.render(lang),
            NarrativeWarning::ResultWithoutNarrative { code } => {
                Text::NarrativeMissing { result: code }.render(lang)
            }
            NarrativeWarning::IndicatorWithoutComment { code, status } => {
                Text::NarrativeNoComment {
                    indicator: code,
                    status: status.text(lang),
                }
                .render(lang)
            }
            NarrativeWarning::UnknownFile { file } => {
                Text::NarrativeUnknownFile { file }.render(lang)
            }
            NarrativeWarning::JustificationMissing { row } => {
                let f = super::format::Formatter::new(lang);
                let x = &row.figures;
                Text::JustificationMissing {
                    row: &super::justifications::row_name(row, lang),
                    variance: &x
                        .variance_pct
                        .map(|p| f.signed_percent(p))
                        .unwrap_or_else(|| f.number(x.variance)),
                }
                .render(lang)
            }
            NarrativeWarning::JustificationUnknown { heading } => {
                Text::JustificationUnknown { heading }.render(lang)
            }
            NarrativeWarning::ClosingMissing { file } => {
                Text::NarrativeClosingMissing { file }.render(lang)
            }
            NarrativeWarning::DeviationWithoutJustification { activity } => {
                crate::messages::workplan::WorkplanText::WarningNoJustification {
                    activity,
                    file: &format!("{}.md", super::workplan::FILE),
                }
                .render(lang)
            }
            NarrativeWarning::RisksMissing => Text::NarrativeRisksMissing.render(lang),
        }
    }
}

/// Reads the narrative of `period` (its label, `2025-Q4`) from `dir`, in
/// `lang`. A missing period folder is not an error: the narrative is then
/// empty and [`warnings`] says so.
pub fn load(
    dir: &Path,
    period: &str,
    lang: Lang,
    programme: &Programme,
) -> Result<Narrative, ReportError> {
    let folder = dir.join(period);
    let mut narrative = Narrative {
        folder: folder.clone(),
        ..Narrative::default()
    };
    if !folder.is_dir() {
        return Ok(narrative);
    }
    narrative.found = true;
    let root = folder
        .canonicalize()
        .map_err(|source| ReportError::Narrative {
            path: folder.clone(),
            source,
        })?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ReportError::Narrative { path, source }
    };
    // Every Markdown file, by its name without `.md`: `A1`, `A1.en`.
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    for entry in std::fs::read_dir(&folder).map_err(io(&folder))? {
        let path = entry.map_err(io(&folder))?.path();
        let Some(stem) = path
            .extension()
            .filter(|e| e.eq_ignore_ascii_case("md"))
            .and(path.file_stem())
        else {
            continue;
        };
        files.insert(stem.to_string_lossy().into_owned(), path);
    }
    let read = |name: &str| -> Result<Option<Vec<Block>>, ReportError> {
        let own = files.get(&format!("{name}.{}", lang.code()));
        let Some(path) = own.or_else(|| files.get(name)) else {
            return Ok(None);
        };
        // A regular file of the narrative folder (a link out of it is not
        // followed), read no further than the limit whatever its size says.
        let real = path.canonicalize().map_err(io(path))?;
        if !real.starts_with(&root) || !real.is_file() {
            return Err(ReportError::NarrativeNotAFile { path: path.clone() });
        }
        let bytes = crate::read_bounded(&real, MAX_FILE_BYTES)
            .map_err(io(path))?
            .ok_or_else(|| ReportError::NarrativeTooLarge {
                path: path.clone(),
                limit: MAX_FILE_BYTES,
            })?;
        let text = String::from_utf8(bytes).map_err(|e| ReportError::Narrative {
            path: path.clone(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
        })?;
        let blocks = markdown::blocks(&text);
        // A file of headings only (the skeleton untouched) says nothing yet.
        let written = blocks.iter().any(|b| !matches!(b, Block::Heading { .. }));
        Ok(written.then_some(blocks))
    };
    let nested = |blocks: Option<Vec<Block>>| blocks.map(markdown::nested);
    narrative.summary = nested(read(SUMMARY)?).unwrap_or_default();
    narrative.risks = nested(read(RISKS)?).unwrap_or_default();
    for name in CLOSING {
        if let Some(blocks) = nested(read(name)?) {
            narrative.closing.insert(name.to_owned(), blocks);
        }
    }
    // Split at the sections as written, each nested on its own.
    let (intro, justifications) =
        super::justifications::split(read(super::justifications::FILE)?.unwrap_or_default());
    narrative.finance_intro = markdown::nested(intro);
    narrative.justifications = justifications
        .into_iter()
        .map(|mut j| {
            j.blocks = markdown::nested(j.blocks);
            j
        })
        .collect();
    narrative.deviations = super::workplan::sections(read(super::workplan::FILE)?);
    for r in &programme.results {
        if let Some(blocks) = nested(read(&r.code)?) {
            narrative.results.insert(r.code.clone(), blocks);
        }
    }
    for i in &programme.indicators {
        if let Some(blocks) = nested(read(&i.code)?) {
            narrative.indicators.insert(i.code.clone(), blocks);
        }
    }
    narrative.unknown = unknown_files(&files, programme);
    Ok(narrative)
}

/// The Markdown files (by name without `.md`) that name nothing: a file is
/// known when its name, less a language suffix, is the summary, the
/// finances, a result or an indicator.
fn unknown_files(files: &BTreeMap<String, PathBuf>, programme: &Programme) -> Vec<String> {
    let known = |stem: &str| {
        let base = Lang::ALL
            .iter()
            .find_map(|l| stem.strip_suffix(&format!(".{}", l.code())))
            .unwrap_or(stem);
        base == SUMMARY
            || base == RISKS
            || CLOSING.contains(&base)
            || base == super::justifications::FILE
            || base == super::workplan::FILE
            || programme.result(base).is_some()
            || programme.indicators.iter().any(|i| i.code == base)
    };
    files
        .iter()
        .filter(|(stem, _)| !known(stem))
        .map(|(_, path)| {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect()
}

/// What the narrative lacks for this table: no folder or summary, results
/// with indicators but no narrative, indicators at risk or off track with
/// no comment, and files that name nothing.
pub fn warnings(
    narrative: &Narrative,
    table: &IndicatorTable,
    programme: &Programme,
    statement: Option<&cadre::finance::FinancialStatement>,
    kind: super::ReportKind,
) -> Vec<NarrativeWarning> {
    let mut out = Vec::new();
    if !narrative.found {
        out.push(NarrativeWarning::NoFolder {
            path: narrative.folder.clone(),
        });
    } else if narrative.summary.is_empty() {
        out.push(NarrativeWarning::NoSummary);
    }
    for r in &programme.results {
        let has_indicators = table.indicators.iter().any(|i| i.result == r.code);
        if has_indicators && !narrative.results.contains_key(&r.code) {
            out.push(NarrativeWarning::ResultWithoutNarrative {
                code: r.code.clone(),
            });
        }
    }
    for i in &table.indicators {
        if matches!(i.status, Status::AtRisk | Status::OffTrack)
            && !narrative.indicators.contains_key(&i.code)
        {
            out.push(NarrativeWarning::IndicatorWithoutComment {
                code: i.code.clone(),
                status: i.status,
            });
        }
    }
    out.extend(
        narrative
            .unknown
            .iter()
            .map(|file| NarrativeWarning::UnknownFile { file: file.clone() }),
    );
    if let Some(s) = statement {
        out.extend(justification_warnings(narrative, s));
    }
    if programme.report.risks.is_some() && narrative.found && narrative.risks.is_empty() {
        out.push(NarrativeWarning::RisksMissing);
    }
    if kind.closes_a_cycle() {
        out.extend(
            CLOSING
                .iter()
                .filter(|name| !narrative.closing.contains_key(**name))
                .map(|name| NarrativeWarning::ClosingMissing {
                    file: format!("{name}.md"),
                }),
        );
    }
    out
}

/// The variances without their justification, and the sections of
/// `finance.md` that name nothing.
fn justification_warnings(
    narrative: &Narrative,
    s: &cadre::finance::FinancialStatement,
) -> Vec<NarrativeWarning> {
    use super::justifications as j;
    let mut out: Vec<NarrativeWarning> = j::expected(s)
        .filter(|r| j::find(r, &narrative.justifications).is_none())
        .map(|r| NarrativeWarning::JustificationMissing {
            row: Box::new(r.clone()),
        })
        .collect();
    out.extend(j::unknown(s, &narrative.justifications).map(|x| {
        NarrativeWarning::JustificationUnknown {
            heading: x.heading.clone(),
        }
    }));
    out
}

/// The empty narrative of a period for the officer to fill in: the file
/// names the report reads, each with a reminder in an HTML comment (never
/// printed) and the headings funders expect. Files are named for `lang`:
/// `A1.md` in the programme's default language, `A1.en.md` otherwise.
/// Returns each file's name and text.
pub fn skeleton(
    programme: &Programme,
    table: &IndicatorTable,
    statement: Option<&cadre::finance::FinancialStatement>,
    kind: super::ReportKind,
    lang: Lang,
) -> Vec<(String, String)> {
    use crate::messages::{Text, Word};
    let f = super::format::Formatter::new(lang);
    let suffix = if lang == programme.default_language() {
        String::new()
    } else {
        format!(".{}", lang.code())
    };
    let name = |stem: &str| format!("{stem}{suffix}.md");
    // A reminder must not close its comment early.
    let comment = |text: &str| format!("<!--\n{}\n-->\n", text.replace("-->", "- ->"));
    let period = &table.period;
    let range = crate::messages::report::ReportText::PeriodRange {
        start: &f.date(period.start),
        end: &f.date(period.end),
    }
    .render(lang);
    let mut files = vec![(
        name(SUMMARY),
        comment(
            &Text::SkeletonSummary {
                programme: &programme.info.name,
                period: &period.label,
                range: &range,
            }
            .render(lang),
        ),
    )];
    let line = |i: &cadre::IndicatorValue| {
        let unit = i.unit.get(lang);
        let value = |v: Option<f64>| v.map_or("—".to_owned(), |v| f.value(v, unit));
        Text::SkeletonIndicator {
            code: &i.code,
            label: i.label.get(lang),
            cumulative: &value(i.cumulative_value),
            period: &value(i.period_value),
            milestone: &value(i.milestone.map(|m| m.value)),
            target: &value(i.target),
            status: i.status.text(lang),
        }
        .render(lang)
    };
    for r in &programme.results {
        let own: Vec<&cadre::IndicatorValue> = table
            .indicators
            .iter()
            .filter(|i| i.result == r.code)
            .collect();
        if own.is_empty() {
            continue;
        }
        let mut reminder = format!(
            "{} — {}\n{}{}\n",
            r.code,
            r.label.get(lang),
            Word::IndicatorsAtPeriodEnd.text(lang),
            Word::Colon.text(lang).trim_end()
        );
        for i in &own {
            reminder += &format!("- {}\n", line(i));
        }
        let mut text = comment(reminder.trim_end());
        for heading in result_headings(kind) {
            text += &format!("\n## {}\n\n", heading.text(lang));
        }
        files.push((name(&r.code), text));
        for i in own
            .iter()
            .filter(|i| matches!(i.status, Status::AtRisk | Status::OffTrack))
        {
            files.push((
                name(&i.code),
                comment(&format!(
                    "{}\n{}",
                    line(i),
                    Text::SkeletonExplain.render(lang)
                )),
            ));
        }
    }
    if let Some(text) = statement.and_then(|s| finance_skeleton(s, lang)) {
        files.push((name(super::justifications::FILE), text));
    }
    if kind.closes_a_cycle() {
        files.extend(closing_skeleton(lang).map(|(file, text)| (name(file), comment(&text))));
    }
    files
}

/// The headings of a result's narrative in a report of `kind`. What comes
/// after the period closes it: a final report has no next period, so it
/// closes on the result's conclusions.
fn result_headings(kind: super::ReportKind) -> [crate::messages::Word; 3] {
    use crate::messages::Word;
    let next = match kind {
        super::ReportKind::Final => Word::ResultConclusions,
        super::ReportKind::Annual => Word::NextYearPlan,
        _ => Word::NextQuarterPlan,
    };
    [
        Word::ActivitiesCarriedOut,
        Word::DifficultiesAndMeasures,
        next,
    ]
}

/// The closing sections of an annual or final report to fill in: each
/// file's name without `.md`, and its reminder.
fn closing_skeleton(lang: Lang) -> impl Iterator<Item = (&'static str, String)> {
    use crate::messages::Text;
    CLOSING
        .into_iter()
        .zip([Text::SkeletonLessons, Text::SkeletonSustainability])
        .map(move |(file, reminder)| (file, reminder.render(lang)))
}

/// `finance.md` to fill in: a section for each line or nature whose
/// variance needs a justification, headed so that the report finds it.
fn finance_skeleton(s: &cadre::finance::FinancialStatement, lang: Lang) -> Option<String> {
    let rows: Vec<&cadre::finance::BudgetRow> = super::justifications::expected(s).collect();
    if rows.is_empty() {
        return None;
    }
    let f = super::format::Formatter::new(lang);
    let mut text = format!(
        "<!--\n{}\n-->\n",
        crate::messages::Text::SkeletonJustify {
            threshold: &s
                .variance_threshold
                .map(|t| f.percent(t))
                .unwrap_or_default(),
        }
        .render(lang)
        .replace("-->", "- ->")
    );
    for r in rows {
        let heading = match (&r.action, &r.line, &r.nature) {
            (Some(a), Some(l), _) => format!("{} / {}", a.value, l.value),
            (None, Some(l), _) => l.value.clone(),
            (_, None, Some(n)) => n.value.clone(),
            _ => continue,
        };
        let variance = r
            .figures
            .variance_pct
            .map(|p| f.signed_percent(p))
            .unwrap_or_default();
        text += &format!(
            "\n## {heading}\n\n<!-- {} {variance} -->\n",
            justifications_name(r, lang)
        );
    }
    Some(text)
}

/// A row's name in a reminder.
fn justifications_name(r: &cadre::finance::BudgetRow, lang: Lang) -> String {
    super::justifications::row_name(r, lang).replace("-->", "- ->")
}
