//! `[report.risks]`: which dataset is the risk register and which of its
//! columns are what (see [`crate::risks`] for what is computed), and the
//! assumptions of each result (`[[result]] assumptions.fr = […]`); both
//! read and checked here, at load, with the file and the line of the key in
//! an error.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Programme, ResultNode, line_at};
use crate::error::{DefinitionProblem, Error, Result, RiskProblem};
use crate::indicator::Selection;
use crate::messages::Lang;
use crate::schema::ColumnType;

/// The risk register (`[report.risks]` of `programme.toml`): one row per
/// risk and review, the columns named here. Likelihood and impact are enum
/// columns whose `values` run from the lowest to the highest; the status an
/// enum column whose every value `[report.risks.statuses]` classes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskSettings {
    /// The register's dataset (usually `required = false`: a workbook
    /// without it still loads, the report then says it was not provided).
    pub dataset: String,
    /// The column naming each risk, the same on each of its reviews.
    pub key: String,
    /// The column describing the risk.
    pub risk: String,
    /// Its likelihood: an enum column, values from the lowest to the highest.
    pub likelihood: String,
    /// Its impact: an enum column, values from the lowest to the highest.
    pub impact: String,
    /// Its status: an enum column classed by `statuses`.
    pub status: String,
    /// The date of the review: a date column.
    pub date: String,
    /// What is done about it, if the register says.
    #[serde(default)]
    pub mitigation: Option<String>,
    /// Who follows it, if the register says.
    #[serde(default)]
    pub owner: Option<String>,
    /// The result it threatens, if the register says (its values are
    /// result codes).
    #[serde(default)]
    pub result: Option<String>,
    /// What each value of the status column means.
    pub statuses: RiskStatuses,
    /// The level (likelihood rank × impact rank, ranks from 1) from which a
    /// risk is high; above half the highest level when not given.
    #[serde(default)]
    pub high: Option<u32>,
}

/// The values of the status column, by what they mean. Every value of the
/// column is under exactly one.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskStatuses {
    /// Followed, not yet under control.
    #[serde(default)]
    pub open: Vec<String>,
    /// Followed, reduced by its measures.
    #[serde(default)]
    pub mitigated: Vec<String>,
    /// No longer followed: it passed or can no longer happen.
    #[serde(default)]
    pub closed: Vec<String>,
    /// It happened.
    #[serde(default)]
    pub occurred: Vec<String>,
}

/// What a status value means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    /// Followed, not yet under control.
    Open,
    /// Followed, reduced by its measures.
    Mitigated,
    /// No longer followed.
    Closed,
    /// It happened.
    Occurred,
}

impl RiskStatuses {
    fn lists(&self) -> [(RiskStatus, &Vec<String>); 4] {
        [
            (RiskStatus::Open, &self.open),
            (RiskStatus::Mitigated, &self.mitigated),
            (RiskStatus::Closed, &self.closed),
            (RiskStatus::Occurred, &self.occurred),
        ]
    }

    /// What `value` (a canonical value of the status column) means.
    pub fn of(&self, value: &str) -> Option<RiskStatus> {
        self.lists()
            .into_iter()
            .find(|(_, values)| values.iter().any(|v| v == value))
            .map(|(s, _)| s)
    }
}

impl RiskSettings {
    /// Every column it names, with its key in `[report.risks]`.
    fn columns(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            ("key", self.key.as_str()),
            ("risk", self.risk.as_str()),
            ("likelihood", self.likelihood.as_str()),
            ("impact", self.impact.as_str()),
            ("status", self.status.as_str()),
            ("date", self.date.as_str()),
        ];
        for (key, c) in [
            ("mitigation", &self.mitigation),
            ("owner", &self.owner),
            ("result", &self.result),
        ] {
            if let Some(c) = c {
                out.push((key, c.as_str()));
            }
        }
        out
    }
}

impl Programme {
    /// The values of an enum column of the register, lowest first; empty
    /// when it is not one.
    pub fn risk_scale(&self, column: &str) -> Vec<String> {
        self.report
            .risks
            .as_ref()
            .and_then(|r| self.column_schema_of(&r.dataset, column))
            .map(|c| c.values.clone())
            .unwrap_or_default()
    }

    /// A result's assumptions in `lang`, else in the programme's first
    /// language.
    pub fn assumptions(&self, result: &ResultNode, lang: Lang) -> Vec<String> {
        result
            .assumptions
            .get(lang.code())
            .or_else(|| result.assumptions.get(self.default_language().code()))
            .cloned()
            .unwrap_or_default()
    }

    /// `[report.risks]` names columns of its dataset with the types they
    /// need, and classes every status; each result's assumptions are in
    /// declared languages.
    pub(super) fn check_risks(&self, path: &Path) -> Result<()> {
        let text = || std::fs::read_to_string(path).unwrap_or_default();
        for r in &self.results {
            if let Some(problem) = self.assumptions_problem(r) {
                return Err(Error::Definition {
                    path: path.to_path_buf(),
                    line: result_line(&text(), &r.code),
                    problem: Box::new(DefinitionProblem::Assumptions {
                        result: r.code.clone(),
                        problem,
                    }),
                });
            }
        }
        let Some(risks) = &self.report.risks else {
            return Ok(());
        };
        self.check_risk_settings(risks)
            .map_err(|(key, problem)| Error::Definition {
                path: path.to_path_buf(),
                line: risks_key_line(&text(), key),
                problem: Box::new(DefinitionProblem::Risks {
                    key: key.to_owned(),
                    problem,
                }),
            })
    }

    fn assumptions_problem(&self, r: &ResultNode) -> Option<RiskProblem> {
        for (code, list) in &r.assumptions {
            if self.language(code).is_none() {
                return Some(RiskProblem::AssumptionLanguage {
                    lang: code.clone(),
                    declared: self
                        .info
                        .languages
                        .iter()
                        .map(|l| l.code().to_owned())
                        .collect(),
                });
            }
            if list.iter().any(|a| a.trim().is_empty()) {
                return Some(RiskProblem::AssumptionEmpty);
            }
        }
        None
    }

    /// The first wrong key of `[report.risks]` and what is wrong with it.
    fn check_risk_settings(
        &self,
        risks: &RiskSettings,
    ) -> std::result::Result<(), (&'static str, RiskProblem)> {
        let sel = Selection::whole(&risks.dataset);
        self.selected_dataset(&sel)
            .map_err(|p| ("dataset", RiskProblem::Column(p)))?;
        for (key, column) in risks.columns() {
            let c = self
                .resolve_column(&sel, column)
                .map_err(|p| (key, RiskProblem::Column(p)))?;
            let wrong = match key {
                "date" => c.kind != ColumnType::Date,
                "likelihood" | "impact" | "status" => c.kind != ColumnType::Enum,
                _ => false,
            };
            if wrong {
                return Err((
                    key,
                    RiskProblem::ColumnType {
                        column: column.to_owned(),
                        kind: c.kind,
                        needs: if key == "date" {
                            ColumnType::Date
                        } else {
                            ColumnType::Enum
                        },
                    },
                ));
            }
        }
        // A result column that is an enum lists results.
        let results: Vec<String> = self.results.iter().map(|r| r.code.clone()).collect();
        if let Some(column) = &risks.result
            && let Some(value) = self
                .risk_scale(column)
                .into_iter()
                .find(|v| !results.contains(v))
        {
            return Err(("result", RiskProblem::ResultValue { value, results }));
        }
        self.check_risk_statuses(risks)
            .map_err(|p| ("statuses", p))?;
        let max = (self.risk_scale(&risks.likelihood).len() * self.risk_scale(&risks.impact).len())
            as u32;
        if let Some(high) = risks.high.filter(|h| !(1..=max).contains(h)) {
            return Err(("high", RiskProblem::High { high, max }));
        }
        Ok(())
    }

    /// Every value of the status column under exactly one status, and
    /// nothing else listed.
    fn check_risk_statuses(&self, risks: &RiskSettings) -> std::result::Result<(), RiskProblem> {
        let values = self.risk_scale(&risks.status);
        let mut seen: BTreeMap<&str, RiskStatus> = BTreeMap::new();
        for (status, listed) in risks.statuses.lists() {
            for v in listed {
                if !values.contains(v) {
                    return Err(RiskProblem::StatusUnknown {
                        value: v.clone(),
                        values: values.clone(),
                    });
                }
                if seen.insert(v.as_str(), status).is_some() {
                    return Err(RiskProblem::StatusTwice { value: v.clone() });
                }
            }
        }
        match values.iter().find(|v| !seen.contains_key(v.as_str())) {
            Some(v) => Err(RiskProblem::StatusUnmapped { value: v.clone() }),
            None => Ok(()),
        }
    }
}

/// The line of `key` in `[report.risks]` (or of the table itself).
fn risks_key_line(text: &str, key: &str) -> Option<usize> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    let toml::de::DeValue::Table(report) = doc.get_ref().get("report")?.get_ref() else {
        return None;
    };
    let risks = report.get("risks")?;
    let toml::de::DeValue::Table(t) = risks.get_ref() else {
        return None;
    };
    let span = t.get(key).map(|v| v.span()).unwrap_or_else(|| risks.span());
    Some(line_at(text, span.start))
}

/// The line of the `code = "…"` of the `[[result]]` with this code.
fn result_line(text: &str, code: &str) -> Option<usize> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    let toml::de::DeValue::Array(results) = doc.get_ref().get("result")?.get_ref() else {
        return None;
    };
    results.iter().find_map(|r| {
        let toml::de::DeValue::Table(t) = r.get_ref() else {
            return None;
        };
        let c = t.get("code")?;
        match c.get_ref() {
            toml::de::DeValue::String(s) if s == code => Some(line_at(text, c.span().start)),
            _ => None,
        }
    })
}
