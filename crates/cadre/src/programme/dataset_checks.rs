//! The checks of `datasets.toml`: each dataset's names, columns and key,
//! then the references between datasets. The first problem found stops
//! loading, so the order of the checks is the order problems are told.

use std::collections::BTreeSet;
use std::path::Path;

use super::{Programme, entry_lines};
use crate::error::{DatasetProblem, DefinitionProblem, Error, Result};
use crate::schema::{ColumnSchema, ColumnType, DatasetSchema};
use crate::text::fold_name;

type Checked = std::result::Result<(), DatasetProblem>;

impl Programme {
    /// Every dataset in definition order, a problem naming the line of its
    /// `[[dataset]]`; then that references form no cycle, since rows are
    /// accepted dataset by dataset.
    pub(super) fn check_datasets(&self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let lines = entry_lines(&text, "dataset", "name");
        // Sheets are matched to datasets by folded name or alias, across
        // all datasets.
        let mut sheet_names = BTreeSet::new();
        for (k, ds) in self.datasets.iter().enumerate() {
            let err = |problem| Error::Definition {
                path: path.to_path_buf(),
                line: lines.get(k).copied().flatten(),
                problem: Box::new(DefinitionProblem::Dataset {
                    dataset: ds.name.clone(),
                    problem,
                }),
            };
            for name in std::iter::once(&ds.name).chain(&ds.aliases) {
                if !sheet_names.insert(fold_name(name)) {
                    return Err(err(DatasetProblem::SheetNameTwice { name: name.clone() }));
                }
            }
            self.check_dataset(ds).map_err(err)?;
        }
        self.reference_order()
            .map_err(|problem| Error::Definition {
                path: path.to_path_buf(),
                line: None,
                problem: Box::new(problem),
            })?;
        Ok(())
    }

    /// One dataset's columns, in order, then its key.
    fn check_dataset(&self, ds: &DatasetSchema) -> Checked {
        // Headers are matched to columns by folded name or alias.
        let mut headers = BTreeSet::new();
        for c in &ds.columns {
            // A dot reads a referenced dataset's column (`site.region`).
            if c.name.contains('.') {
                return Err(DatasetProblem::DotInColumn {
                    column: c.name.clone(),
                });
            }
            for h in std::iter::once(&c.name).chain(&c.aliases) {
                if !headers.insert(fold_name(h)) {
                    return Err(DatasetProblem::HeaderTwice { header: h.clone() });
                }
            }
            c.check_values()?;
            c.check_rules()?;
            self.check_reference(ds, c)?;
            c.check_required_when(ds)?;
        }
        check_key(ds)
    }

    /// A reference names another dataset that has a key, from a text
    /// column (keys are text).
    fn check_reference(&self, ds: &DatasetSchema, c: &ColumnSchema) -> Checked {
        let Some(r) = &c.references else {
            return Ok(());
        };
        let column = c.name.clone();
        match self.dataset(r) {
            None => {
                return Err(DatasetProblem::ReferenceUnknown {
                    column,
                    target: r.clone(),
                });
            }
            Some(t) if t.key.is_none() => {
                return Err(DatasetProblem::ReferenceWithoutKey {
                    column,
                    target: r.clone(),
                });
            }
            Some(t) if t.name == ds.name => {
                return Err(DatasetProblem::ReferenceToItself { column });
            }
            _ => {}
        }
        if c.kind != ColumnType::Text {
            return Err(DatasetProblem::ReferenceNotText { column });
        }
        Ok(())
    }
}

impl ColumnSchema {
    /// Only an enum lists values (and needs some); its labels and aliases
    /// are of its values.
    fn check_values(&self) -> Checked {
        let column = || self.name.clone();
        match self.kind {
            ColumnType::Enum if self.values.is_empty() => {
                return Err(DatasetProblem::EnumWithoutValues { column: column() });
            }
            ColumnType::Enum => {}
            // A text column may label its values (a country, a budget line
            // in another language); it lists none.
            ColumnType::Text if self.values.is_empty() && self.value_aliases.is_empty() => {}
            _ if !self.values.is_empty()
                || !self.value_aliases.is_empty()
                || !self.value_labels.is_empty() =>
            {
                return Err(DatasetProblem::ValuesNotEnum { column: column() });
            }
            _ => {}
        }
        if let Some(v) = self
            .value_labels
            .keys()
            .find(|v| self.kind == ColumnType::Enum && !self.values.contains(v))
        {
            return Err(DatasetProblem::LabelNotValue {
                column: column(),
                value: v.clone(),
            });
        }
        for (alias, value) in &self.value_aliases {
            if !self.values.contains(value) {
                return Err(DatasetProblem::AliasNotValue {
                    column: column(),
                    alias: alias.clone(),
                    value: value.clone(),
                });
            }
        }
        Ok(())
    }

    /// A pattern is for text and compiles; bounds are for numbers.
    fn check_rules(&self) -> Checked {
        let column = || self.name.clone();
        match self.compiled_pattern() {
            Some(_) if self.kind != ColumnType::Text => {
                return Err(DatasetProblem::PatternNotText { column: column() });
            }
            Some(Err(e)) => {
                return Err(DatasetProblem::BadPattern {
                    column: column(),
                    detail: e.to_string(),
                });
            }
            _ => {}
        }
        if (self.min.is_some() || self.max.is_some())
            && !matches!(self.kind, ColumnType::Integer | ColumnType::Amount)
        {
            return Err(DatasetProblem::MinMaxNotNumber { column: column() });
        }
        Ok(())
    }

    /// `required_when` names a column of the same dataset and, for an
    /// enum, one of its values; for a boolean, yes or no.
    fn check_required_when(&self, ds: &DatasetSchema) -> Checked {
        let Some(cond) = &self.required_when else {
            return Ok(());
        };
        let Some(other) = ds.column(&cond.column) else {
            return Err(DatasetProblem::RequiredWhenUnknownColumn {
                column: self.name.clone(),
                other: cond.column.clone(),
            });
        };
        let not_a_value = match other.kind {
            ColumnType::Enum => !other.values.contains(&cond.equals),
            // A boolean's values are its spellings (`oui`, `true`, `1`…).
            ColumnType::Boolean => crate::cell::parse_bool_text(&cond.equals).is_none(),
            _ => false,
        };
        if not_a_value {
            return Err(DatasetProblem::RequiredWhenNotValue {
                column: self.name.clone(),
                value: cond.equals.clone(),
                other: other.name.clone(),
            });
        }
        Ok(())
    }
}

/// The key is a required text column: rows are found by it.
fn check_key(ds: &DatasetSchema) -> Checked {
    if let Some(key) = &ds.key {
        match ds.column(key) {
            Some(c) if c.kind == ColumnType::Text && c.required => {}
            Some(_) => return Err(DatasetProblem::KeyNotRequiredText { key: key.clone() }),
            None => return Err(DatasetProblem::KeyNotColumn { key: key.clone() }),
        }
    }
    Ok(())
}
