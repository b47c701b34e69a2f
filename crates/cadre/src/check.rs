//! Checking a claimed indicator table against a recomputation: each
//! difference named by indicator, breakdown, category and field.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::compute::Engine;
use crate::error::{Error, Result, TableProblem};
use crate::period::Period;
use crate::table::{
    CSV_HEADER, FlatRow, IndicatorTable, PERIOD_TARGET_COLUMNS, Status, format_value,
};

/// One disagreement between the claimed and the recomputed table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// Indicator code.
    pub indicator: String,
    /// Dimension (empty on a total row).
    pub breakdown: String,
    /// Category (empty on a total row).
    pub category: String,
    /// The field (`cumulative_value`, `status`, … or `row` for a row only one side has).
    pub field: String,
    /// What the table says (empty when absent).
    pub claimed: String,
    /// What the data gives (empty when absent).
    pub recomputed: String,
}

/// A difference found in one period of a claimed table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodDifference {
    /// The period's label (`2025-Q4`).
    pub period: String,
    /// The difference.
    #[serde(flatten)]
    pub difference: Difference,
}

/// What `check` found: every difference, and how many rows were checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Rows of the claimed table, over all its periods.
    pub rows_checked: usize,
    /// Every difference, period by period.
    pub differences: Vec<PeriodDifference>,
}

impl CheckReport {
    /// Whether the claimed table agrees with the data.
    pub fn agrees(&self) -> bool {
        self.differences.is_empty()
    }
}

/// Recomputes each period of a claimed table with `engine` and lists every
/// difference.
pub fn check(engine: &Engine, claimed: &[(Period, Vec<FlatRow>)]) -> Result<CheckReport> {
    let mut differences = Vec::new();
    for (period, rows) in claimed {
        let recomputed = engine.compute(period)?;
        differences.extend(compare(rows, &recomputed).into_iter().map(|difference| {
            PeriodDifference {
                period: period.label.clone(),
                difference,
            }
        }));
    }
    Ok(CheckReport {
        rows_checked: claimed.iter().map(|(_, rows)| rows.len()).sum(),
        differences,
    })
}

/// Reads a table in the csv format `compute` writes (the contract's columns,
/// in any order; extra columns ignored).
pub fn read_table_csv(path: &Path) -> Result<Vec<FlatRow>> {
    let bad = |row: Option<u32>, problem: TableProblem| Error::ClaimedTable {
        path: path.to_path_buf(),
        sheet: None,
        row,
        problem,
    };
    let malformed = |row, e: csv::Error| {
        bad(
            row,
            TableProblem::Malformed {
                detail: e.to_string(),
            },
        )
    };
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
    let headers = reader.headers().map_err(|e| malformed(Some(1), e))?.clone();
    let mut index: BTreeMap<&str, usize> = CSV_HEADER
        .iter()
        .map(|h| {
            headers
                .iter()
                .position(|x| x.trim() == *h)
                .map(|i| (*h, i))
                .ok_or_else(|| {
                    bad(
                        Some(1),
                        TableProblem::MissingColumn {
                            column: (*h).to_owned(),
                            expected: CSV_HEADER.join(","),
                        },
                    )
                })
        })
        .collect::<Result<_>>()?;
    // A programme with period targets adds their columns; others lack them.
    index.extend(
        PERIOD_TARGET_COLUMNS
            .iter()
            .filter_map(|h| Some((*h, headers.iter().position(|x| x.trim() == *h)?))),
    );
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n as u32 + 2;
        let record = record.map_err(|e| malformed(Some(line), e))?;
        let field = |h: &str| {
            let cell = index.get(h).and_then(|&i| record.get(i));
            cell.unwrap_or("").trim().to_owned()
        };
        let number = |h: &str| -> Result<Option<f64>> {
            let v = field(h);
            if v.is_empty() {
                return Ok(None);
            }
            v.parse::<f64>().map(Some).map_err(|_| {
                bad(
                    Some(line),
                    TableProblem::NotANumber {
                        column: h.to_owned(),
                        value: v.clone(),
                    },
                )
            })
        };
        let status = match field("status").as_str() {
            "" => None,
            s => Some(Status::parse(s).ok_or_else(|| {
                bad(
                    Some(line),
                    TableProblem::UnknownStatus {
                        value: s.to_owned(),
                    },
                )
            })?),
        };
        rows.push(FlatRow {
            indicator: field("indicator"),
            breakdown: field("breakdown"),
            category: field("category"),
            period_value: number("period_value")?,
            cumulative_value: number("cumulative_value")?,
            milestone: number("milestone")?,
            target: number("target")?,
            achievement_pct: number("achievement_pct")?,
            status,
            period_target: number("period_target")?,
            period_achievement_pct: number("period_achievement_pct")?,
        });
    }
    Ok(rows)
}

/// Two numbers agree when they differ by less than the csv's rounding.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-4 * b.abs().max(1.0),
        _ => false,
    }
}

/// Every difference between `claimed` rows and the `recomputed` table.
pub fn compare(claimed: &[FlatRow], recomputed: &IndicatorTable) -> Vec<Difference> {
    let key = |r: &FlatRow| (r.indicator.clone(), r.breakdown.clone(), r.category.clone());
    let truth: BTreeMap<_, FlatRow> = recomputed
        .flat_rows()
        .into_iter()
        .map(|r| (key(&r), r))
        .collect();
    let claims: BTreeMap<_, &FlatRow> = claimed.iter().map(|r| (key(r), r)).collect();
    let num = |v: Option<f64>| v.map(format_value).unwrap_or_default();
    let mut out = Vec::new();
    let diff = |out: &mut Vec<Difference>,
                k: &(String, String, String),
                field: &str,
                claimed: String,
                recomputed: String| {
        out.push(Difference {
            indicator: k.0.clone(),
            breakdown: k.1.clone(),
            category: k.2.clone(),
            field: field.to_owned(),
            claimed,
            recomputed,
        });
    };
    // In the recomputed table's order, then rows only the claim has.
    for r in recomputed.flat_rows() {
        let k = key(&r);
        let Some(c) = claims.get(&k) else {
            diff(&mut out, &k, "row", String::new(), "present".into());
            continue;
        };
        let fields = [
            ("period_value", c.period_value, r.period_value),
            ("cumulative_value", c.cumulative_value, r.cumulative_value),
            ("milestone", c.milestone, r.milestone),
            ("target", c.target, r.target),
            ("achievement_pct", c.achievement_pct, r.achievement_pct),
        ];
        // A period target is compared where the claim gives one: a table
        // written before its programme declared any has no such column.
        let period = [
            ("period_target", c.period_target, r.period_target),
            (
                "period_achievement_pct",
                c.period_achievement_pct,
                r.period_achievement_pct,
            ),
        ];
        let period = period.into_iter().filter(|(_, a, _)| a.is_some());
        for (name, a, b) in fields.into_iter().chain(period) {
            if !same(a, b) {
                diff(&mut out, &k, name, num(a), num(b));
            }
        }
        if c.status != r.status {
            let s = |s: Option<Status>| s.map(|s| s.as_str().to_owned()).unwrap_or_default();
            diff(&mut out, &k, "status", s(c.status), s(r.status));
        }
    }
    for (k, _) in claims.iter().filter(|(k, _)| !truth.contains_key(*k)) {
        diff(&mut out, k, "row", "present".into(), String::new());
    }
    out
}
