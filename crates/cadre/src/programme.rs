//! A programme: its logframe (results, indicators) and the datasets its
//! indicators read, loaded from a folder of TOML files.
//!
//! ```text
//! indicators/<programme>/
//!   programme.toml      metadata, results chain, breakdown dimensions, report settings
//!   datasets.toml       one [[dataset]] per sheet, with its columns and rules
//!   indicators/*.toml   [[indicator]] tables, one file per action or outcome
//! ```
//!
//! Loading checks everything that can be checked without data: unknown keys,
//! references between datasets, the columns and filters each indicator uses.
//! A programme that loads cannot fail to compute for a definition reason.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{DefinitionProblem, Error, IndicatorProblem, LogoProblem, Result};
use crate::filter;
use crate::indicator::{IndicatorDef, Selection};
use crate::messages::Lang;
use crate::schema::{ColumnType, DatasetSchema};
use crate::text::{Localized, closest, fold_key};

mod activity_status;
mod dataset_checks;
mod finance_settings;
pub mod iati;
mod indicator_entry;
mod languages;
mod people_settings;
mod risk_settings;
pub(crate) mod shape;
mod unknown_word;

pub use activity_status::{ActivityStatus, StatusColumn};
pub use finance_settings::{
    BudgetSource, Certification, ExchangeRate, ExpenseSource, ExpenseStatus, ExpenseStatuses,
    FinanceLayout, FinanceSettings, IndirectCosts, InstalmentSource, PaymentRequest, RowSelector,
};
pub use people_settings::{PeopleActivity, PeopleCounts, PeopleSource, SexColumn};
pub use risk_settings::{RiskSettings, RiskStatus, RiskStatuses};

/// Programme metadata (`[programme]` of `programme.toml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeInfo {
    /// Short identifier (`water`).
    pub code: String,
    /// Display name (`Water for All`).
    pub name: String,
    /// Full title, per language.
    #[serde(default)]
    pub title: Localized,
    /// Who implements it, per language.
    #[serde(default)]
    pub implementer: Localized,
    /// Funders, the main one first.
    #[serde(default)]
    pub funders: Vec<Funder>,
    /// First day.
    #[serde(deserialize_with = "crate::text::de_date")]
    pub start: NaiveDate,
    /// Last day.
    #[serde(deserialize_with = "crate::text::de_date")]
    pub end: NaiveDate,
    /// The month programme years (`PY1`, `PY2`, …) start, 1 to 12; the
    /// month of `start` when not given. Not serialised when not given: a
    /// programme without it serialises as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_start_month: Option<u32>,
    /// Report languages, the default first (`["fr", "en"]`): each one cadre
    /// has a catalogue for.
    pub languages: Vec<Lang>,
    /// Currency of amounts (`EUR`).
    #[serde(default)]
    pub currency: Option<String>,
    /// Number of the countries, places or partners named in prose is never
    /// trusted; this is free text for the cover page only.
    #[serde(default)]
    pub summary: Localized,
    /// The grant agreement's number or reference, for the cover.
    #[serde(default)]
    pub grant_agreement: Option<String>,
    /// Who signs the report.
    #[serde(default)]
    pub signatory: Option<Person>,
    /// Whom the funder contacts about the report.
    #[serde(default)]
    pub contact: Option<Person>,
}

impl ProgrammeInfo {
    /// The programme's calendar: what [`crate::Period::parse`] reads
    /// periods against (`project`, `PY2`), at load time (a definition's
    /// period) as at run time (`--period`).
    pub fn calendar(&self) -> crate::period::Calendar {
        crate::period::Calendar::new(self.start, self.end, self.year_start_month)
    }
}

/// Whether a code can name a file (the narrative's `A1.md`): letters,
/// digits, `.`, `_` and `-`, not starting with `.`.
fn nameable(code: &str) -> bool {
    !code.is_empty()
        && !code.starts_with('.')
        && code
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A person named in the report (signatory, contact).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Name.
    pub name: String,
    /// Role or title, per language.
    #[serde(default)]
    pub role: Localized,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Telephone.
    #[serde(default)]
    pub phone: Option<String>,
}

/// The largest logo file read.
pub const MAX_LOGO_BYTES: u64 = 2 << 20;

/// A funder of the programme.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funder {
    /// Short name (`EU`).
    pub code: String,
    /// Full name, per language.
    #[serde(default)]
    pub name: Localized,
    /// The funding call or agreement, per language.
    #[serde(default)]
    pub call: Localized,
    /// Share of the budget this funder covers at most, in percent.
    #[serde(default)]
    pub rate_pct: Option<f64>,
    /// Its planned contribution in the financing plan; without it, its
    /// rate of the total cash budget.
    #[serde(default)]
    pub planned: Option<f64>,
    /// The amount its grant agreement signs.
    #[serde(default)]
    pub grant: Option<f64>,
    /// The mention the grant asks for (a visibility obligation), per language.
    #[serde(default)]
    pub mention: Localized,
    /// Its logo: a PNG, JPEG or SVG file of the programme folder.
    #[serde(default)]
    pub logo: Option<String>,
}

impl Programme {
    /// The bytes of a funder's logo, checked: a file of the programme folder
    /// (not outside it), an image by its extension, of a sensible size.
    pub fn logo(&self, funder: &Funder) -> Result<Option<(String, Vec<u8>)>> {
        let Some(rel) = &funder.logo else {
            return Ok(None);
        };
        let bad = |reason: LogoProblem| Error::Definition {
            path: self.dir.join("programme.toml"),
            line: None,
            problem: Box::new(DefinitionProblem::Logo {
                funder: funder.code.clone(),
                file: rel.clone(),
                reason,
            }),
        };
        let ext = Path::new(rel)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !["png", "jpg", "jpeg", "svg"].contains(&ext.as_str()) {
            return Err(bad(LogoProblem::NotAnImage));
        }
        let root = self
            .dir
            .canonicalize()
            .map_err(|e| Error::io(&self.dir, e))?;
        let path = root
            .join(rel)
            .canonicalize()
            .map_err(|_| bad(LogoProblem::Missing))?;
        if !path.starts_with(&root) {
            return Err(bad(LogoProblem::OutsideFolder));
        }
        let size = std::fs::metadata(&path)
            .map_err(|e| Error::io(&path, e))?
            .len();
        if size > MAX_LOGO_BYTES {
            return Err(bad(LogoProblem::TooLarge));
        }
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        Ok(Some((ext, bytes)))
    }
}

/// A node of the results chain: goal, outcome, action.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultNode {
    /// Code (`OS`, `A1`).
    pub code: String,
    /// `goal`, `outcome`, `action`, or any word the programme uses.
    pub level: String,
    /// The node above it.
    #[serde(default)]
    pub parent: Option<String>,
    /// Label, per language.
    pub label: Localized,
    /// Longer description, per language.
    #[serde(default)]
    pub description: Localized,
    /// The assumptions it rests on (what must hold outside the programme
    /// for it to be reached), per language code: a list each. Printed in
    /// the logframe matrix and the risks section.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub assumptions: BTreeMap<String, Vec<String>>,
}

/// A breakdown dimension (country, sex, channel).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Name, as indicators and the indicator table write it (`pays`).
    pub name: String,
    /// Label, per language.
    pub label: Localized,
    /// The category of rows whose value is empty, per language; the first
    /// language's text is the category written in the indicator table.
    pub empty: Localized,
}

/// What the report puts forward; codes are checked against the indicators.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Indicators shown as key figures in the summary.
    #[serde(default)]
    pub key_figures: Vec<String>,
    /// Indicators of the finance section (budget execution, co-financing).
    #[serde(default)]
    pub finance: Vec<String>,
    /// Which rows are each result's activities, listed in its section.
    #[serde(default)]
    pub activities: Vec<ActivitySource>,
    /// The datasets of people reached, counted by sex and age band.
    #[serde(default)]
    pub people: Vec<PeopleSource>,
    /// The risk register, when the programme keeps one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risks: Option<RiskSettings>,
}

/// The rows of a dataset that are a result's activities (the events of an
/// action, the items published): the report lists those dated in the period
/// in the result's section, each with its date, title, place and how many
/// rows of another dataset name it (the attendances of a workshop).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivitySource {
    /// The result whose section lists them.
    pub result: String,
    /// What they are, per language (`Workshops`), the list's heading.
    pub label: Localized,
    /// The dataset.
    pub dataset: String,
    /// The date column that places each activity in a period.
    pub date: String,
    /// A SQL condition selecting the dataset's rows.
    #[serde(default)]
    pub filter: Option<String>,
    /// The column (own or `reference.column`) giving each activity's title.
    pub title: String,
    /// The column giving its place, if any.
    #[serde(default)]
    pub place: Option<String>,
    /// What is counted for each activity, if anything.
    #[serde(default)]
    pub count: Option<ActivityCount>,
    /// The enum column telling each row's status in the workplan, and
    /// which of its values mean planned, held, postponed and cancelled.
    /// Without it every row is held.
    #[serde(default)]
    pub status: Option<StatusColumn>,
    /// The date column giving the date each activity was first planned
    /// (its `date` being when it is held or now planned): a row held after
    /// the period of its planned date is held late.
    #[serde(default)]
    pub planned_date: Option<String>,
}

/// The rows of another dataset that name an activity (its attendances).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityCount {
    /// The dataset counted.
    pub dataset: String,
    /// Its column referencing the activities' dataset.
    pub via: String,
    /// A SQL condition on the rows counted.
    #[serde(default)]
    pub filter: Option<String>,
    /// What is counted, per language (`attendances`), the column's heading.
    pub label: Localized,
}

impl ActivitySource {
    /// The activities' rows: the dataset, dated, filtered.
    pub fn selection(&self) -> Selection {
        Selection {
            dataset: self.dataset.clone(),
            date: Some(self.date.clone()),
            filter: self.filter.clone(),
            filter_label: Default::default(),
        }
    }
}

/// Who reports (`[reporting]` of `programme.toml`): the reporting units
/// (the rows of a registry, such as the partner authorities) and, per
/// dataset, the column naming the unit each row comes from. `validate`,
/// `status` and the report's data-quality annex show per unit the rows it
/// sent, and list the units that sent nothing: the table an M&E officer
/// chases every quarter.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportingSettings {
    /// The dataset whose rows are the units (it must have a key).
    pub units: String,
    /// A column of it naming each unit in full (its key otherwise).
    #[serde(default)]
    pub label: Option<String>,
    /// The datasets the units send.
    #[serde(rename = "dataset", default)]
    pub datasets: Vec<ReportingDataset>,
}

/// A dataset the reporting units send.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportingDataset {
    /// The dataset.
    pub dataset: String,
    /// Its column referencing the units.
    pub unit: String,
    /// The date column (own or `reference.column`) placing each row in a
    /// period; without one, every row counts in every period.
    #[serde(default)]
    pub date: Option<String>,
}

impl ReportingDataset {
    /// The rows: the dataset, dated.
    pub fn selection(&self) -> Selection {
        Selection {
            dataset: self.dataset.clone(),
            date: self.date.clone(),
            filter: None,
            filter_label: Default::default(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammeFile {
    programme: ProgrammeInfo,
    #[serde(default, rename = "result")]
    results: Vec<ResultNode>,
    #[serde(default, rename = "dimension")]
    dimensions: Vec<Dimension>,
    #[serde(default)]
    report: ReportSettings,
    #[serde(default)]
    finance: Option<FinanceSettings>,
    #[serde(default)]
    reporting: Option<ReportingSettings>,
    #[serde(default)]
    iati: iati::IatiSettings,
    #[serde(default)]
    status: crate::status::StatusRules,
    #[serde(default)]
    indicator_defaults: crate::baseline::IndicatorDefaults,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatasetsFile {
    #[serde(rename = "dataset")]
    datasets: Vec<DatasetSchema>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorsFile {
    #[serde(default, rename = "indicator")]
    indicators: Vec<IndicatorDef>,
}

/// A definition file that was read, for provenance.
#[derive(Debug, Clone, Serialize)]
pub struct DefinitionFile {
    /// Path relative to the programme folder.
    pub path: String,
    /// SHA-256 of its bytes, hexadecimal.
    pub sha256: String,
}

/// A loaded, checked programme.
#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    /// The folder it was loaded from.
    pub dir: PathBuf,
    /// Metadata.
    pub info: ProgrammeInfo,
    /// The results chain, in reporting order.
    pub results: Vec<ResultNode>,
    /// Breakdown dimensions.
    pub dimensions: Vec<Dimension>,
    /// Datasets, in the order of `datasets.toml`.
    pub datasets: Vec<DatasetSchema>,
    /// Indicators, in reporting order: by result, then as written.
    pub indicators: Vec<IndicatorDef>,
    /// Report settings.
    pub report: ReportSettings,
    /// The budget and expenses, when the programme declares them.
    pub finance: Option<FinanceSettings>,
    /// Who reports, when the programme declares it.
    pub reporting: Option<ReportingSettings>,
    /// What an IATI publication needs beyond the results (`[iati]`).
    pub iati: iati::IatiSettings,
    /// The thresholds of the status rules (`[status]`; the contract's by
    /// default).
    pub status_rules: crate::status::StatusRules,
    /// The files read, with their hashes.
    pub files: Vec<DefinitionFile>,
    /// `[indicator_defaults]`: what every indicator that says nothing
    /// itself declares (already written into each indicator at load).
    #[serde(skip_serializing_if = "crate::baseline::IndicatorDefaults::is_empty")]
    pub indicator_defaults: crate::baseline::IndicatorDefaults,
}

/// A column of a dataset's frame: its own columns, and the columns of the
/// rows its references point to, named `reference.column`.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameColumn {
    /// Name in the frame (`genre`, `site.region`).
    pub name: String,
    /// Its type.
    pub kind: ColumnType,
    /// For a joined column: the referencing column and the column read in
    /// the referenced dataset.
    pub via: Option<(String, String)>,
}

impl Programme {
    /// The language the programme in `dir` speaks first, read from its
    /// `programme.toml` alone, before anything else and even when that file
    /// or another is broken: the language to write [`Programme::load`]'s
    /// errors in when the user asked for none. `None` when the file cannot
    /// be read or names no language cadre speaks.
    pub fn declared_language(dir: impl AsRef<Path>) -> Option<Lang> {
        languages::declared(dir.as_ref())
    }

    /// Loads and checks the programme in `dir`.
    pub fn load(dir: impl AsRef<Path>) -> Result<Programme> {
        let dir = dir.as_ref();
        let mut files = Vec::new();
        let programme_path = dir.join("programme.toml");
        // Every label read below falls back to the programme's first language.
        let _fallback = crate::text::DefinitionsLanguage::set(languages::declared(dir));
        let pf: ProgrammeFile = parse_toml(&programme_path, &mut files, dir)?;
        let datasets_path = dir.join("datasets.toml");
        let df: DatasetsFile = parse_toml(&datasets_path, &mut files, dir)?;
        let (indicators, origins) = read_indicators(dir, &mut files)?;

        let mut programme = Programme {
            dir: dir.to_path_buf(),
            info: pf.programme,
            results: pf.results,
            dimensions: pf.dimensions,
            datasets: df.datasets,
            indicators,
            report: pf.report,
            finance: pf.finance,
            reporting: pf.reporting,
            iati: pf.iati,
            status_rules: pf.status,
            files,
            indicator_defaults: pf.indicator_defaults,
        };
        // Each check may rely on those before it: indicators name results
        // and datasets, the report names indicators.
        programme.check_programme(&programme_path)?;
        programme.check_status_rules(&programme_path)?;
        programme.check_datasets(&datasets_path)?;
        for ind in &mut programme.indicators {
            ind.milestones.sort_by_key(|m| m.date);
        }
        programme.derive_stage_targets();
        programme.check_indicators(&origins)?;
        let defaults = programme.indicator_defaults;
        for ind in &mut programme.indicators {
            defaults.apply(ind);
        }
        programme.check_report(&programme_path)?;
        programme.check_people(&programme_path)?;
        programme.check_risks(&programme_path)?;
        programme.check_finance(&programme_path)?;
        programme.check_reporting(&programme_path)?;
        programme.iati.check(&programme_path)?;
        programme.sort_indicators();
        Ok(programme)
    }

    /// An overall stage that states no `target` has its target stage's
    /// rank as target: the definitions need not say the same thing twice.
    /// (A stage that is not on the scale is refused by the checks that
    /// follow.)
    fn derive_stage_targets(&mut self) {
        let ranks: Vec<Option<f64>> = self
            .indicators
            .iter()
            .map(|ind| match &ind.measure {
                crate::indicator::Measure::Stage(s) if s.is_overall() && ind.target.is_none() => {
                    s.target_rank(self)
                }
                _ => None,
            })
            .collect();
        for (ind, rank) in self.indicators.iter_mut().zip(ranks) {
            if rank.is_some() {
                ind.target = rank;
            }
        }
    }

    /// Every indicator against the programme, in file order; a problem
    /// names the file and line the indicator was read from.
    fn check_indicators(&self, origins: &IndicatorOrigins) -> Result<()> {
        for ind in &self.indicators {
            let (path, line) = &origins[&ind.code];
            self.check_indicator(ind)
                .map_err(|problem| Error::Definition {
                    path: path.clone(),
                    line: *line,
                    problem: Box::new(DefinitionProblem::Indicator {
                        code: ind.code.clone(),
                        problem,
                    }),
                })?;
        }
        Ok(())
    }

    /// Puts the indicators in reporting order: by the results chain, then
    /// as written (a stable sort).
    fn sort_indicators(&mut self) {
        let order: BTreeMap<&str, usize> = self
            .results
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code.as_str(), i))
            .collect();
        let mut indicators = std::mem::take(&mut self.indicators);
        indicators.sort_by_key(|i| order[i.result.as_str()]);
        self.indicators = indicators;
    }

    /// Whether any indicator declares a period target (`period_targets`):
    /// the indicator table then has its two columns.
    pub fn has_period_targets(&self) -> bool {
        self.indicators.iter().any(|i| !i.period_targets.is_empty())
    }

    /// The dataset with this name.
    pub fn dataset(&self, name: &str) -> Option<&DatasetSchema> {
        self.datasets.iter().find(|d| d.name == name)
    }

    /// A dataset's label in `lang`, or its name when it has none.
    pub fn dataset_label(&self, name: &str, lang: crate::Lang) -> String {
        self.dataset(name)
            .map(|d| d.label.get(lang))
            .filter(|l| !l.is_empty())
            .unwrap_or(name)
            .to_owned()
    }

    /// The indicator with this code (exact, else ignoring case).
    pub fn indicator(&self, code: &str) -> Result<&IndicatorDef> {
        self.indicators
            .iter()
            .find(|i| i.code == code)
            .or_else(|| {
                self.indicators
                    .iter()
                    .find(|i| fold_key(&i.code) == fold_key(code))
            })
            .ok_or_else(|| Error::UnknownIndicator {
                code: code.to_owned(),
                closest: closest(code, self.indicators.iter().map(|i| i.code.as_str()))
                    .map(str::to_owned),
            })
    }

    /// The dimension with this name.
    pub fn dimension(&self, name: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.name == name)
    }

    /// The result node with this code.
    pub fn result(&self, code: &str) -> Option<&ResultNode> {
        self.results.iter().find(|r| r.code == code)
    }

    /// The default report language.
    pub fn default_language(&self) -> Lang {
        self.info.languages.first().copied().unwrap_or(Lang::Fr)
    }

    /// The language of `code` when the programme declares it.
    pub fn language(&self, code: &str) -> Option<Lang> {
        Lang::from_code(code).filter(|l| self.info.languages.contains(l))
    }

    /// SHA-256 over every definition file (path and hash), for provenance.
    pub fn definitions_hash(&self) -> String {
        let mut hasher = Sha256::new();
        for f in &self.files {
            hasher.update(f.path.as_bytes());
            hasher.update(b"\0");
            hasher.update(f.sha256.as_bytes());
            hasher.update(b"\n");
        }
        hex(&hasher.finalize())
    }

    /// The columns a frame of `dataset` offers to filters, dates and breakdowns.
    pub fn frame_columns(&self, dataset: &DatasetSchema) -> Vec<FrameColumn> {
        let mut cols: Vec<FrameColumn> = dataset
            .columns
            .iter()
            .map(|c| FrameColumn {
                name: c.name.clone(),
                kind: c.kind,
                via: None,
            })
            .collect();
        for c in &dataset.columns {
            if let Some(target) = c.references.as_deref().and_then(|r| self.dataset(r)) {
                for tc in &target.columns {
                    cols.push(FrameColumn {
                        name: format!("{}.{}", c.name, tc.name),
                        kind: tc.kind,
                        via: Some((c.name.clone(), tc.name.clone())),
                    });
                }
            }
        }
        cols
    }

    fn check_programme(&self, path: &Path) -> Result<()> {
        let err = |problem| Error::Definition {
            path: path.to_path_buf(),
            line: None,
            problem: Box::new(problem),
        };
        let info = &self.info;
        if info.end < info.start {
            return Err(err(DefinitionProblem::EndBeforeStart {
                start: info.start,
                end: info.end,
            }));
        }
        if let Some(month) = info.year_start_month
            && !(1..=12).contains(&month)
        {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            return Err(Error::Definition {
                path: path.to_path_buf(),
                line: table_key_line(&text, "programme", "year_start_month"),
                problem: Box::new(DefinitionProblem::YearStartMonth { month }),
            });
        }
        if info.languages.is_empty() {
            return Err(err(DefinitionProblem::NoLanguage));
        }
        // Codes name files (the narrative's `A1.md`): letters, digits, `.`, `_`, `-`.
        for code in self.results.iter().map(|r| &r.code) {
            if !nameable(code) {
                return Err(err(DefinitionProblem::BadCode { code: code.clone() }));
            }
        }
        let mut seen = BTreeSet::new();
        for r in &self.results {
            if !seen.insert(r.code.as_str()) {
                return Err(err(DefinitionProblem::ResultTwice {
                    code: r.code.clone(),
                }));
            }
        }
        for r in &self.results {
            if let Some(p) = &r.parent
                && self.result(p).is_none()
            {
                return Err(err(DefinitionProblem::UnknownParent {
                    result: r.code.clone(),
                    parent: p.clone(),
                }));
            }
        }
        // The results chain is a tree: walking up from any result ends at a root.
        for r in &self.results {
            let mut chain = vec![r.code.as_str()];
            let mut at = r;
            while let Some(p) = at.parent.as_deref().and_then(|p| self.result(p)) {
                if let Some(i) = chain.iter().position(|c| *c == p.code) {
                    let mut cycle: Vec<String> =
                        chain[i..].iter().map(|c| (*c).to_owned()).collect();
                    cycle.push(p.code.clone());
                    return Err(err(DefinitionProblem::ResultCycle { chain: cycle }));
                }
                chain.push(p.code.as_str());
                at = p;
            }
        }
        let mut seen = BTreeSet::new();
        for d in &self.dimensions {
            if !seen.insert(d.name.as_str()) {
                return Err(err(DefinitionProblem::DimensionTwice {
                    name: d.name.clone(),
                }));
            }
        }
        for f in &info.funders {
            self.logo(f)?;
        }
        Ok(())
    }

    /// Each threshold of `[status]` in its range, else the key's line.
    fn check_status_rules(&self, path: &Path) -> Result<()> {
        let Some((key, value, min, max)) = self.status_rules.out_of_range() else {
            return Ok(());
        };
        let text = std::fs::read_to_string(path).unwrap_or_default();
        Err(Error::Definition {
            path: path.to_path_buf(),
            line: table_key_line(&text, "status", key),
            problem: Box::new(DefinitionProblem::StatusThreshold {
                key: key.to_owned(),
                value: crate::cell::format_number(value),
                min: crate::cell::format_number(min),
                max: crate::cell::format_number(max),
            }),
        })
    }

    fn check_report(&self, path: &Path) -> Result<()> {
        for code in self.report.key_figures.iter().chain(&self.report.finance) {
            if !self.indicators.iter().any(|i| &i.code == code) {
                return Err(Error::Definition {
                    path: path.to_path_buf(),
                    line: None,
                    problem: Box::new(DefinitionProblem::ReportUnknownIndicator {
                        code: code.clone(),
                    }),
                });
            }
        }
        for a in &self.report.activities {
            self.check_activities(a)
                .map_err(|problem| Error::Definition {
                    path: path.to_path_buf(),
                    line: None,
                    problem: Box::new(DefinitionProblem::Activities {
                        result: a.result.clone(),
                        problem,
                    }),
                })?;
        }
        Ok(())
    }

    /// The units' dataset has a key; each reporting dataset's unit column
    /// references it, and its date resolves to a date.
    fn check_reporting(&self, path: &Path) -> Result<()> {
        let Some(reporting) = &self.reporting else {
            return Ok(());
        };
        let err = |part: &str, problem| Error::Definition {
            path: path.to_path_buf(),
            line: None,
            problem: Box::new(DefinitionProblem::Reporting {
                part: part.to_owned(),
                problem,
            }),
        };
        let units_sel = Selection::whole(&reporting.units);
        let units = self
            .selected_dataset(&units_sel)
            .map_err(|p| err("units", p))?;
        if units.key.is_none() {
            return Err(err(
                "units",
                IndicatorProblem::UnitsWithoutKey {
                    dataset: units.name.clone(),
                },
            ));
        }
        if let Some(label) = &reporting.label {
            self.resolve_column(&units_sel, label)
                .map_err(|p| err("units", p))?;
        }
        for d in &reporting.datasets {
            let sel = d.selection();
            self.check_selection(&sel).map_err(|p| err(&d.dataset, p))?;
            let references = self
                .dataset(&d.dataset)
                .and_then(|ds| ds.column(&d.unit))
                .and_then(|c| c.references.as_deref());
            if references != Some(units.name.as_str()) {
                return Err(err(
                    &d.dataset,
                    IndicatorProblem::UnitNotReference {
                        column: d.unit.clone(),
                        dataset: d.dataset.clone(),
                        units: units.name.clone(),
                    },
                ));
            }
        }
        Ok(())
    }

    /// Every column an activity source names resolves, with its type.
    fn check_activities(&self, a: &ActivitySource) -> std::result::Result<(), IndicatorProblem> {
        if self.result(&a.result).is_none() {
            return Err(IndicatorProblem::UnknownResult {
                result: a.result.clone(),
                results: self
                    .results
                    .iter()
                    .map(|r| r.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let sel = a.selection();
        self.check_selection(&sel)?;
        self.resolve_column(&sel, &a.title)?;
        if let Some(place) = &a.place {
            self.resolve_column(&sel, place)?;
        }
        self.check_workplan_keys(&sel, a.status.as_ref(), a.planned_date.as_deref())?;
        if let Some(count) = &a.count {
            let Some(members) = self.dataset(&count.dataset) else {
                return Err(IndicatorProblem::MembersNotDataset {
                    dataset: count.dataset.clone(),
                });
            };
            match members.column(&count.via) {
                Some(c) if c.references.as_deref() == Some(a.dataset.as_str()) => {}
                _ => {
                    return Err(IndicatorProblem::MembersVia {
                        via: count.via.clone(),
                        dataset: count.dataset.clone(),
                        groups: a.dataset.clone(),
                    });
                }
            }
            self.check_selection(&Selection {
                dataset: count.dataset.clone(),
                date: None,
                filter: count.filter.clone(),
                filter_label: Default::default(),
            })?;
        }
        Ok(())
    }

    /// Datasets ordered so that each comes after those it references.
    pub(crate) fn reference_order(&self) -> std::result::Result<Vec<usize>, DefinitionProblem> {
        let mut order = Vec::new();
        let mut state = vec![0u8; self.datasets.len()];
        fn visit(
            p: &Programme,
            i: usize,
            state: &mut [u8],
            order: &mut Vec<usize>,
        ) -> std::result::Result<(), DefinitionProblem> {
            match state[i] {
                2 => return Ok(()),
                1 => {
                    return Err(DefinitionProblem::ReferenceCycle {
                        dataset: p.datasets[i].name.clone(),
                    });
                }
                _ => {}
            }
            state[i] = 1;
            for c in &p.datasets[i].columns {
                if let Some(j) = c
                    .references
                    .as_ref()
                    .and_then(|r| p.datasets.iter().position(|d| &d.name == r))
                {
                    visit(p, j, state, order)?;
                }
            }
            state[i] = 2;
            order.push(i);
            Ok(())
        }
        for i in 0..self.datasets.len() {
            visit(self, i, &mut state, &mut order)?;
        }
        Ok(order)
    }

    fn check_indicator(&self, ind: &IndicatorDef) -> std::result::Result<(), IndicatorProblem> {
        if self.result(&ind.result).is_none() {
            return Err(IndicatorProblem::UnknownResult {
                result: ind.result.clone(),
                results: self
                    .results
                    .iter()
                    .map(|r| r.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        if ind.label.is_empty() {
            return Err(IndicatorProblem::EmptyLabel);
        }
        if ind.target.is_some_and(|t| !t.is_finite()) {
            return Err(IndicatorProblem::TargetNotNumber);
        }
        // Beyond 10^15 a number no longer shows exactly in the report (and sums overflow to infinity).
        let numbers = [("baseline", ind.baseline), ("target", ind.target)]
            .into_iter()
            .filter_map(|(field, v)| v.map(|v| (field.to_owned(), v)))
            .chain(
                ind.milestones
                    .iter()
                    .map(|m| (format!("milestone {}", m.date), m.value)),
            );
        for (field, value) in numbers {
            if !(value.is_finite() && value.abs() <= MAX_DEFINED_NUMBER) {
                return Err(IndicatorProblem::NumberTooLarge { field });
            }
        }
        for sel in ind.measure.selections() {
            self.check_selection(sel)?;
            ind.window.check(self, sel)?;
        }
        ind.measure.imp().check(self)?;
        if let crate::indicator::Measure::Stage(stage) = &ind.measure {
            stage.check_indicator(self, ind)?;
        }
        ind.measure.imp().check_window(&ind.window)?;
        let mut seen = BTreeSet::new();
        for b in &ind.breakdowns {
            if !seen.insert(b.by.as_str()) {
                return Err(IndicatorProblem::BreakdownTwice { by: b.by.clone() });
            }
            if self.dimension(&b.by).is_none() {
                return Err(IndicatorProblem::BreakdownNotDimension { by: b.by.clone() });
            }
            crate::measure::check_split(&ind.measure, b)?;
            for (position, sel) in ind.measure.selections().into_iter().enumerate() {
                let Some(column) = b.column_in(position) else {
                    continue;
                };
                self.resolve_column(sel, column)
                    .map_err(|e| match position {
                        0 => IndicatorProblem::Breakdown {
                            by: b.by.clone(),
                            problem: Box::new(e),
                        },
                        _ => IndicatorProblem::BreakdownDenominator {
                            by: b.by.clone(),
                            problem: Box::new(e),
                        },
                    })?;
            }
        }
        if let Some(m) = ind.milestones.windows(2).find(|w| w[0].date == w[1].date) {
            return Err(IndicatorProblem::MilestonesSameDay { date: m[0].date });
        }
        crate::targets::check(self, ind)?;
        crate::status::check_direction(ind)?;
        crate::baseline::check(ind, &self.indicator_defaults, self.info.end)
    }

    /// A column of a selection that must hold numbers (summed, averaged).
    pub(crate) fn check_numeric(
        &self,
        sel: &Selection,
        column: &str,
    ) -> std::result::Result<(), IndicatorProblem> {
        let c = self.resolve_column(sel, column)?;
        if matches!(c.kind, ColumnType::Integer | ColumnType::Amount) {
            Ok(())
        } else {
            Err(IndicatorProblem::NotNumeric {
                column: column.to_owned(),
                dataset: sel.dataset.clone(),
                kind: c.kind,
            })
        }
    }

    /// The dataset a selection reads.
    pub(crate) fn selected_dataset(
        &self,
        sel: &Selection,
    ) -> std::result::Result<&DatasetSchema, IndicatorProblem> {
        self.dataset(&sel.dataset)
            .ok_or_else(|| IndicatorProblem::NotADataset {
                dataset: sel.dataset.clone(),
                datasets: self
                    .datasets
                    .iter()
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    pub(crate) fn check_selection(
        &self,
        sel: &Selection,
    ) -> std::result::Result<(), IndicatorProblem> {
        self.selected_dataset(sel)?;
        if let Some(date) = &sel.date {
            let c = self.resolve_column(sel, date)?;
            if c.kind != ColumnType::Date {
                return Err(IndicatorProblem::DateNotDate {
                    column: date.clone(),
                    kind: c.kind,
                });
            }
        }
        if let Some(f) = &sel.filter {
            self.check_condition(sel, f)?;
        }
        Ok(())
    }

    /// Compiles a condition and checks it against an empty frame of the
    /// dataset, so that unknown columns and type errors surface at load time.
    pub(crate) fn check_condition(
        &self,
        sel: &Selection,
        sql: &str,
    ) -> std::result::Result<(), IndicatorProblem> {
        let filter_problem = |detail: String| IndicatorProblem::Filter {
            filter: sql.to_owned(),
            detail,
        };
        let (expr, columns) = filter::compile(sql).map_err(|e| filter_problem(e.0))?;
        for c in &columns {
            self.resolve_column(sel, c)
                .map_err(|e| IndicatorProblem::FilterColumn {
                    filter: sql.to_owned(),
                    problem: Box::new(e),
                })?;
        }
        let ds = self.selected_dataset(sel)?;
        let frame_columns = self.frame_columns(ds);
        let is_boolean = |name: &str| {
            frame_columns
                .iter()
                .any(|c| c.name == name && c.kind == ColumnType::Boolean)
        };
        if let Some(column) = filter::boolean_compared_with_text(&expr, is_boolean) {
            return Err(IndicatorProblem::BooleanComparedWithText {
                filter: sql.to_owned(),
                column,
            });
        }
        let empty = empty_frame(&frame_columns);
        // A condition gives true or false: `score` or `1` alone is not one.
        let kind = empty
            .clone()
            .lazy()
            .select([expr.clone()])
            .collect_schema()
            .ok()
            .and_then(|s| s.iter_values().next().cloned());
        if let Some(kind) = kind
            && !matches!(kind, DataType::Boolean | DataType::Null)
        {
            return Err(IndicatorProblem::NotACondition {
                filter: sql.to_owned(),
                kind: kind.to_string(),
            });
        }
        empty
            .lazy()
            .filter(expr)
            .collect()
            .map(|_| ())
            .map_err(|e| self.filter_failure(sel, sql, &e.to_string()))
    }

    /// What polars' refusal of a condition means: a date compared with text
    /// is explained, with the condition rewritten with `DATE '…'` when that
    /// form loads; any other refusal is quoted.
    fn filter_failure(&self, sel: &Selection, sql: &str, polars: &str) -> IndicatorProblem {
        if filter::compares_date_with_text(polars) {
            let fixed = filter::with_date_literals(sql)
                .filter(|fixed| self.check_condition(sel, fixed).is_ok());
            return IndicatorProblem::DateComparedWithText {
                filter: sql.to_owned(),
                fixed,
            };
        }
        IndicatorProblem::Filter {
            filter: sql.to_owned(),
            detail: filter::clean_polars_message(polars),
        }
    }

    /// Finds a column (own or `reference.column`) of a selection's dataset.
    pub fn resolve_column(
        &self,
        sel: &Selection,
        name: &str,
    ) -> std::result::Result<FrameColumn, IndicatorProblem> {
        let ds = self.selected_dataset(sel)?;
        let cols = self.frame_columns(ds);
        cols.iter()
            .find(|c| c.name == name)
            .cloned()
            .ok_or_else(|| {
                let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
                IndicatorProblem::NotAColumn {
                    column: name.to_owned(),
                    dataset: ds.name.clone(),
                    closest: closest(name, names.iter().copied()).map(str::to_owned),
                    columns: names.join(", "),
                }
            })
    }
}

/// Where each indicator was read: its file and the line of its entry.
type IndicatorOrigins = BTreeMap<String, (PathBuf, Option<usize>)>;

/// The indicators of every `indicators/*.toml`, files in name order and
/// entries as written, with where each was read. Refuses a code given
/// twice, one that cannot name a file, and more than [`MAX_INDICATORS`].
fn read_indicators(
    dir: &Path,
    files: &mut Vec<DefinitionFile>,
) -> Result<(Vec<IndicatorDef>, IndicatorOrigins)> {
    let indicators_dir = dir.join("indicators");
    let mut indicator_files: Vec<PathBuf> = std::fs::read_dir(&indicators_dir)
        .map_err(|e| Error::io(&indicators_dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    indicator_files.sort();
    let mut indicators = Vec::new();
    let mut origins = IndicatorOrigins::new();
    for path in &indicator_files {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let file: IndicatorsFile =
            parse_toml(path, files, dir).map_err(|e| indicator_entry::naming(e, &text))?;
        let lines = entry_lines(&text, "indicator", "code");
        for (k, mut ind) in file.indicators.into_iter().enumerate() {
            let line = lines.get(k).copied().flatten();
            ind.defined_at = Some(crate::error::DefinedAt {
                path: path.clone(),
                line,
            });
            let err = |problem| Error::Definition {
                path: path.clone(),
                line,
                problem: Box::new(problem),
            };
            if let Some((first, _)) = origins.get(&ind.code) {
                return Err(err(DefinitionProblem::IndicatorTwice {
                    code: ind.code.clone(),
                    first: first.clone(),
                }));
            }
            if indicators.len() >= MAX_INDICATORS {
                return Err(err(DefinitionProblem::TooManyIndicators {
                    max: MAX_INDICATORS,
                }));
            }
            if !nameable(&ind.code) {
                return Err(err(DefinitionProblem::BadCode {
                    code: ind.code.clone(),
                }));
            }
            origins.insert(ind.code.clone(), (path.clone(), line));
            indicators.push(ind);
        }
    }
    if indicators.is_empty() {
        return Err(Error::Definition {
            path: indicators_dir,
            line: None,
            problem: Box::new(DefinitionProblem::NoIndicators),
        });
    }
    Ok((indicators, origins))
}

/// The most indicators a programme may define. A logframe holds tens; each
/// is checked against its datasets at load time, so thousands would make
/// loading slow rather than fail clearly.
const MAX_INDICATORS: usize = 1000;

/// The largest baseline, target or milestone a definition may hold (10^15).
const MAX_DEFINED_NUMBER: f64 = 1e15;

/// The polars type of a column type.
pub(crate) fn dtype_of(kind: ColumnType) -> DataType {
    match kind {
        ColumnType::Text | ColumnType::Enum => DataType::String,
        ColumnType::Integer => DataType::Int64,
        ColumnType::Amount => DataType::Float64,
        ColumnType::Date => DataType::Date,
        ColumnType::Boolean => DataType::Boolean,
    }
}

fn empty_frame(cols: &[FrameColumn]) -> DataFrame {
    let columns: Vec<Column> = cols
        .iter()
        .map(|c| Column::new_empty(c.name.as_str().into(), &dtype_of(c.kind)))
        .collect();
    DataFrame::new(0, columns).unwrap_or_default()
}

fn parse_toml<T: serde::de::DeserializeOwned>(
    path: &Path,
    files: &mut Vec<DefinitionFile>,
    dir: &Path,
) -> Result<T> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes.clone()).map_err(|_| Error::Definition {
        path: path.to_path_buf(),
        line: None,
        problem: Box::new(DefinitionProblem::NotUtf8),
    })?;
    let value = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| line_at(&text, s.start));
        Error::Definition {
            path: path.to_path_buf(),
            line,
            problem: Box::new(parser_problem(e.message())),
        }
    })?;
    files.push(DefinitionFile {
        path: path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/"),
        sha256: hex(&Sha256::digest(&bytes)),
    });
    Ok(value)
}

/// What the parser's `message` states: an unknown word when it names one,
/// a shape problem cadre's reading recorded, a missing key, else the
/// message, quoted.
fn parser_problem(message: &str) -> DefinitionProblem {
    let recorded = shape::recover(message);
    let missing = message
        .trim()
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'));
    match (unknown_word::problem(message.trim()), recorded, missing) {
        (DefinitionProblem::Syntax { .. }, Some(shape), _) => DefinitionProblem::Shape(shape),
        (DefinitionProblem::Syntax { .. }, None, Some(key)) => DefinitionProblem::MissingKey {
            key: key.to_owned(),
        },
        (problem, _, _) => problem,
    }
}

/// For each entry of the array of tables `[[table]]`, in order, the line
/// of its `key` (`code` of an indicator, `name` of a dataset), from the
/// TOML parser's spans: the entry's own key, never an earlier mention of the
/// same text. `None` for an entry without the key.
fn entry_lines(text: &str, table: &str, key: &str) -> Vec<Option<usize>> {
    let Ok(doc) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    let Some(entries) = doc.get_ref().get(table) else {
        return Vec::new();
    };
    let toml::de::DeValue::Array(entries) = entries.get_ref() else {
        return Vec::new();
    };
    // The offsets of the newlines, once: a line per entry by binary search
    // (counting from the start for each entry was quadratic in the file's size).
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
        .collect();
    entries
        .iter()
        .map(|entry| match entry.get_ref() {
            toml::de::DeValue::Table(t) => t
                .get(key)
                .map(|v| newlines.partition_point(|&n| n < v.span().start) + 1),
            _ => None,
        })
        .collect()
}

/// The line of `key` in the table `[table]`, from the TOML parser's spans.
fn table_key_line(text: &str, table: &str, key: &str) -> Option<usize> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    let toml::de::DeValue::Table(t) = doc.get_ref().get(table)?.get_ref() else {
        return None;
    };
    Some(line_at(text, t.get(key)?.span().start))
}

/// The 1-based line of byte offset `i`.
fn line_at(text: &str, i: usize) -> usize {
    text.as_bytes()[..i.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
