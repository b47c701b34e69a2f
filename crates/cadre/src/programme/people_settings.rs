//! `[[report.people]]` of `programme.toml`: the datasets whose rows are
//! people reached (an attendance, a beneficiary), which of their columns
//! give each person's sex, age and identity, which activity a row belongs
//! to; or, for a dataset that holds counts per sex instead of rows (a
//! training session with its women and men), which columns hold them. The
//! report's "people reached" section reads them (`crate::people`).
//! Everything is checked when the programme loads, with the key at fault
//! and its line.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Programme;
use crate::error::{DefinitionProblem, Error, IndicatorProblem, PeopleProblem, Result};
use crate::indicator::Selection;
use crate::schema::ColumnType;
use crate::text::{Localized, fold_key};

/// A dataset of people reached (`[[report.people]]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleSource {
    /// The dataset.
    pub dataset: String,
    /// The section's heading for it, per language; the dataset's label
    /// when not given.
    #[serde(default)]
    pub label: Option<Localized>,
    /// The date column (own or `reference.column`) placing each row in a
    /// period: an attendance is dated by its session (`session.date`).
    pub date: String,
    /// A SQL condition selecting the rows that are people.
    #[serde(default)]
    pub filter: Option<String>,
    /// The sex column and what its values mean.
    #[serde(default)]
    pub sex: Option<SexColumn>,
    /// The age column (an integer, in years).
    #[serde(default)]
    pub age: Option<String>,
    /// The edges of the age bands, increasing: `[15, 25]` makes "under
    /// 15", "15–24" and "25 and over".
    #[serde(default)]
    pub age_bands: Vec<u32>,
    /// The column identifying a person (unique persons only when given);
    /// compared trimmed and ignoring case, as keys are.
    #[serde(default)]
    pub person: Option<String>,
    /// Which activity each row belongs to, to split per activity.
    #[serde(default)]
    pub activity: Option<PeopleActivity>,
    /// The columns counting people per sex, for a dataset of counts.
    #[serde(default)]
    pub counts: Option<PeopleCounts>,
}

/// The sex column of a people dataset: an `enum` column whose every value
/// is one of women, men or other; an empty cell is unknown.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SexColumn {
    /// The column (own or `reference.column`).
    pub column: String,
    /// The values meaning a woman.
    #[serde(default)]
    pub women: Vec<String>,
    /// The values meaning a man.
    #[serde(default)]
    pub men: Vec<String>,
    /// The values meaning another sex or gender.
    #[serde(default)]
    pub other: Vec<String>,
}

/// Which activity a row of people belongs to.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleActivity {
    /// The dataset's column referencing the activities' dataset (a
    /// attendance's session).
    pub via: String,
    /// The column (own or `reference.column`) naming the activity; its
    /// key when not given.
    #[serde(default)]
    pub title: Option<String>,
}

/// The integer columns of a dataset of counts: each row adds its counts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleCounts {
    /// Women.
    #[serde(default)]
    pub women: Option<String>,
    /// Men.
    #[serde(default)]
    pub men: Option<String>,
    /// Another sex or gender.
    #[serde(default)]
    pub other: Option<String>,
    /// Sex not known.
    #[serde(default)]
    pub unknown: Option<String>,
}

impl PeopleCounts {
    /// The columns given, with the key naming each, in the table's order.
    pub fn columns(&self) -> Vec<(&'static str, &str)> {
        [
            ("women", &self.women),
            ("men", &self.men),
            ("other", &self.other),
            ("unknown", &self.unknown),
        ]
        .into_iter()
        .filter_map(|(k, c)| c.as_deref().map(|c| (k, c)))
        .collect()
    }
}

impl PeopleSource {
    /// The rows: the dataset, dated, filtered.
    pub fn selection(&self) -> Selection {
        Selection {
            dataset: self.dataset.clone(),
            date: Some(self.date.clone()),
            filter: self.filter.clone(),
            filter_label: Default::default(),
        }
    }
}

/// A problem, with the key of the `[[report.people]]` entry it is at.
type Found = (&'static str, PeopleProblem);

impl Programme {
    /// Every `[[report.people]]` entry: its columns resolve with the type
    /// they need, the sex values are classed, the bands increase; an error
    /// names the entry's dataset, the key and its line.
    pub(super) fn check_people(&self, path: &Path) -> Result<()> {
        for (i, source) in self.report.people.iter().enumerate() {
            if let Err((key, problem)) = self.check_people_source(source) {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                return Err(Error::Definition {
                    path: path.to_path_buf(),
                    line: people_key_line(&text, i, key),
                    problem: Box::new(DefinitionProblem::People {
                        dataset: source.dataset.clone(),
                        key: key.to_owned(),
                        problem: Box::new(problem),
                    }),
                });
            }
        }
        Ok(())
    }

    fn check_people_source(&self, s: &PeopleSource) -> std::result::Result<(), Found> {
        let sel = s.selection();
        let column = |key: &'static str| move |p: IndicatorProblem| (key, PeopleProblem::Column(p));
        self.selected_dataset(&Selection::whole(&s.dataset))
            .map_err(column("dataset"))?;
        self.check_selection(&Selection {
            filter: None,
            ..sel.clone()
        })
        .map_err(column("date"))?;
        if let Some(f) = &s.filter {
            self.check_condition(&sel, f).map_err(column("filter"))?;
        }
        match (&s.counts, &s.sex) {
            (Some(counts), _) => self.check_counts(s, counts)?,
            (None, Some(sex)) => self.check_sex(&sel, sex)?,
            (None, None) => return Err(("sex", PeopleProblem::NoSex)),
        }
        self.check_age(s)?;
        if let Some(person) = &s.person {
            self.resolve_column(&sel, person)
                .map_err(column("person"))?;
        }
        if let Some(a) = &s.activity {
            self.check_people_activity(s, a)?;
        }
        Ok(())
    }

    /// A dataset of counts has integer count columns, and none of the keys
    /// that read a row as one person.
    fn check_counts(
        &self,
        s: &PeopleSource,
        counts: &PeopleCounts,
    ) -> std::result::Result<(), Found> {
        for (key, given) in [
            ("sex", s.sex.is_some()),
            ("age", s.age.is_some()),
            ("person", s.person.is_some()),
        ] {
            if given {
                return Err((
                    key,
                    PeopleProblem::CountsWith {
                        key: key.to_owned(),
                    },
                ));
            }
        }
        if counts.columns().is_empty() {
            return Err(("counts", PeopleProblem::CountsEmpty));
        }
        for (_, c) in counts.columns() {
            let found = self
                .resolve_column(&s.selection(), c)
                .map_err(|p| ("counts", PeopleProblem::Column(p)))?;
            if found.kind != ColumnType::Integer {
                return Err((
                    "counts",
                    PeopleProblem::NotInteger {
                        column: c.to_owned(),
                        kind: found.kind,
                    },
                ));
            }
        }
        Ok(())
    }

    /// The sex column is an enum each of whose values is in exactly one of
    /// women, men and other, and names no value it does not have.
    fn check_sex(&self, sel: &Selection, sex: &SexColumn) -> std::result::Result<(), Found> {
        let found = self
            .resolve_column(sel, &sex.column)
            .map_err(|p| ("sex", PeopleProblem::Column(p)))?;
        let values = self.enum_values(sel, &sex.column);
        let Some(values) = values.filter(|_| found.kind == ColumnType::Enum) else {
            return Err((
                "sex",
                PeopleProblem::SexNotEnum {
                    column: sex.column.clone(),
                    kind: found.kind,
                },
            ));
        };
        let mut classed: Vec<String> = Vec::new();
        for given in sex.women.iter().chain(&sex.men).chain(&sex.other) {
            if !values.iter().any(|v| fold_key(v) == fold_key(given)) {
                return Err((
                    "sex",
                    PeopleProblem::SexValueUnknown {
                        value: given.clone(),
                        values: values.join(", "),
                    },
                ));
            }
            if classed.contains(&fold_key(given)) {
                return Err((
                    "sex",
                    PeopleProblem::SexValueTwice {
                        value: given.clone(),
                    },
                ));
            }
            classed.push(fold_key(given));
        }
        if let Some(left) = values.iter().find(|v| !classed.contains(&fold_key(v))) {
            return Err((
                "sex",
                PeopleProblem::SexValueUnclassed {
                    value: left.clone(),
                    column: sex.column.clone(),
                },
            ));
        }
        Ok(())
    }

    /// The values of an enum column (own or `reference.column`).
    fn enum_values(&self, sel: &Selection, name: &str) -> Option<Vec<String>> {
        let schema = self.dataset(&sel.dataset)?;
        let column = match name.split_once('.') {
            None => schema.column(name)?,
            Some((reference, target)) => {
                let to = schema.column(reference)?.references.as_deref()?;
                self.dataset(to)?.column(target)?
            }
        };
        Some(column.values.clone())
    }

    /// The age column is an integer and comes with increasing band edges.
    fn check_age(&self, s: &PeopleSource) -> std::result::Result<(), Found> {
        match (&s.age, s.age_bands.is_empty()) {
            (None, true) => return Ok(()),
            (None, false) => return Err(("age_bands", PeopleProblem::BandsWithoutAge)),
            (Some(_), true) => return Err(("age", PeopleProblem::AgeWithoutBands)),
            (Some(age), false) => {
                let found = self
                    .resolve_column(&s.selection(), age)
                    .map_err(|p| ("age", PeopleProblem::Column(p)))?;
                if found.kind != ColumnType::Integer {
                    return Err((
                        "age",
                        PeopleProblem::NotInteger {
                            column: age.clone(),
                            kind: found.kind,
                        },
                    ));
                }
            }
        }
        if s.age_bands.windows(2).any(|w| w[0] >= w[1]) {
            return Err((
                "age_bands",
                PeopleProblem::BandsNotIncreasing {
                    bands: s.age_bands.clone(),
                },
            ));
        }
        Ok(())
    }

    /// `via` is a column of the dataset referencing a dataset with a key;
    /// the title resolves.
    fn check_people_activity(
        &self,
        s: &PeopleSource,
        a: &PeopleActivity,
    ) -> std::result::Result<(), Found> {
        let target = self
            .dataset(&s.dataset)
            .and_then(|d| d.column(&a.via))
            .and_then(|c| c.references.as_deref())
            .and_then(|r| self.dataset(r))
            .filter(|d| d.key.is_some());
        if target.is_none() {
            return Err((
                "activity",
                PeopleProblem::ViaNotReference {
                    via: a.via.clone(),
                    dataset: s.dataset.clone(),
                },
            ));
        }
        if let Some(title) = &a.title {
            self.resolve_column(&s.selection(), title)
                .map_err(|p| ("activity", PeopleProblem::Column(p)))?;
        }
        Ok(())
    }
}

/// The line of `key` in the `index`-th `[[report.people]]` entry of
/// `programme.toml` (of its `dataset` when the key is not written), from
/// the TOML parser's spans.
fn people_key_line(text: &str, index: usize, key: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).ok()?;
    let DeValue::Table(report) = doc.get_ref().get("report")?.get_ref() else {
        return None;
    };
    let DeValue::Array(entries) = report.get("people")?.get_ref() else {
        return None;
    };
    let DeValue::Table(entry) = entries.get(index)?.get_ref() else {
        return None;
    };
    let value = entry.get(key).or_else(|| entry.get("dataset"))?;
    Some(super::line_at(text, value.span().start))
}
