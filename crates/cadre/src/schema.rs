//! Dataset schemas: what each sheet of a workbook must hold.
//!
//! A schema is data (`datasets.toml` of a programme folder); the ingester
//! applies it cell by cell. Nothing here knows any particular programme.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text::{Localized, fold_name, fold_value};

/// One dataset: a sheet of the workbook (or one csv file of a folder).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetSchema {
    /// Canonical name, also the sheet name and the csv file name (without `.csv`).
    pub name: String,
    /// Human label, per language.
    #[serde(default)]
    pub label: Localized,
    /// What the sheet records, for the data-entry template and the methodology annex.
    #[serde(default)]
    pub description: Localized,
    /// Other sheet names accepted for this dataset (folded before comparison).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The column that identifies a row (unique, ignoring case); other datasets
    /// reference rows through it.
    #[serde(default)]
    pub key: Option<String>,
    /// Whether the workbook must hold the sheet (default); an optional
    /// dataset a workbook lacks is empty.
    #[serde(default = "yes")]
    pub required: bool,
    /// The columns, in the order a data-entry template shows them.
    #[serde(rename = "column")]
    pub columns: Vec<ColumnSchema>,
}

/// The type of a column, which decides how a cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    /// Free text, trimmed.
    Text,
    /// One of a declared list of values, matched ignoring case and accents.
    Enum,
    /// A whole number.
    Integer,
    /// A decimal amount (money, quantities).
    Amount,
    /// A calendar date; a date-time counts on its date.
    Date,
    /// Yes or no, in the usual spellings (`oui`/`non`, `yes`/`no`, `1`/`0`,
    /// `vrai`/`faux`, `true`/`false`, `o`/`n`, `y`/`n`) or a true/false cell.
    Boolean,
}

impl ColumnType {
    /// The type's name as the definitions write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Enum => "enum",
            ColumnType::Integer => "integer",
            ColumnType::Amount => "amount",
            ColumnType::Date => "date",
            ColumnType::Boolean => "boolean",
        }
    }
}

/// A condition on another column of the same row, for conditional requirements.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnCondition {
    /// The other column.
    pub column: String,
    /// The value it must hold (canonical spelling for an enum).
    pub equals: String,
}

/// One column of a dataset.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSchema {
    /// Canonical name, used by filters and breakdowns.
    pub name: String,
    /// How cells are read.
    #[serde(rename = "type")]
    pub kind: ColumnType,
    /// Human label, per language (the template's header note).
    #[serde(default)]
    pub label: Localized,
    /// What to type in this column, for the template and the methodology annex.
    #[serde(default)]
    pub description: Localized,
    /// Whether an empty cell is an error. Columns are required unless stated.
    #[serde(default = "yes")]
    pub required: bool,
    /// Required only when another column holds a value.
    #[serde(default)]
    pub required_when: Option<ColumnCondition>,
    /// Other headers accepted for this column (folded before comparison).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// For an enum: the allowed values, in canonical spelling and display order.
    #[serde(default)]
    pub values: Vec<String>,
    /// For an enum: other spellings accepted for a value (`femme = "F"`).
    #[serde(default)]
    pub value_aliases: BTreeMap<String, String>,
    /// For an enum: how reports print each value, per language
    /// (`reseaux_sociaux = { fr = "Réseaux sociaux", en = "Social media" }`).
    /// Tables keep the canonical value.
    #[serde(default)]
    pub value_labels: BTreeMap<String, Localized>,
    /// Smallest allowed number (integer and amount).
    #[serde(default)]
    pub min: Option<f64>,
    /// Largest allowed number (integer and amount).
    #[serde(default)]
    pub max: Option<f64>,
    /// For text: a regular expression the whole value must match
    /// (`[A-Z]{3}` for an ISO 3166-1 alpha-3 code).
    #[serde(default)]
    pub pattern: Option<String>,
    /// Values must be unique (trimmed, ignoring case); the first is kept.
    #[serde(default)]
    pub unique: bool,
    /// The dataset whose key this column names; the row is rejected when it
    /// names a missing or rejected row.
    #[serde(default)]
    pub references: Option<String>,
}

fn yes() -> bool {
    true
}

impl ColumnSchema {
    /// The column's pattern, compiled to match the whole value.
    pub fn compiled_pattern(&self) -> Option<Result<regex::Regex, regex::Error>> {
        self.pattern
            .as_ref()
            .map(|p| regex::Regex::new(&format!("^(?:{p})$")))
    }

    /// The canonical enum value a cell's text stands for, if any.
    pub fn canonical_value(&self, text: &str) -> Option<&str> {
        let folded = fold_value(text);
        if let Some(v) = self.values.iter().find(|v| fold_value(v) == folded) {
            return Some(v);
        }
        self.value_aliases
            .iter()
            .find(|(alias, _)| fold_value(alias) == folded)
            .and_then(|(_, v)| self.values.iter().find(|c| *c == v))
            .map(String::as_str)
    }

    /// Whether a folded header names this column.
    pub fn matches_header(&self, folded_header: &str) -> bool {
        fold_name(&self.name) == folded_header
            || self.aliases.iter().any(|a| fold_name(a) == folded_header)
    }
}

impl DatasetSchema {
    /// The column with this canonical name.
    pub fn column(&self, name: &str) -> Option<&ColumnSchema> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Whether a folded sheet (or csv file) name names this dataset.
    pub fn matches_sheet(&self, folded_sheet: &str) -> bool {
        fold_name(&self.name) == folded_sheet
            || self.aliases.iter().any(|a| fold_name(a) == folded_sheet)
    }
}
