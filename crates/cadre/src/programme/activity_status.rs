//! The workplan keys of a `[[report.activities]]` source: the enum column
//! telling each row's status (planned, held, postponed, cancelled) and the
//! date column giving the date first planned. Checked at load: the status
//! column is an enum whose every value is mapped to exactly one status,
//! the planned date a date.

use serde::{Deserialize, Serialize};

use super::Programme;
use crate::error::IndicatorProblem;
use crate::indicator::Selection;
use crate::schema::ColumnType;

/// Where a row stands in the workplan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    /// Planned, not held yet.
    Planned,
    /// Held (carried out).
    Held,
    /// Put off to a later date.
    Postponed,
    /// Called off.
    Cancelled,
}

impl ActivityStatus {
    /// Every status, in the order the definitions list them.
    pub const ALL: [ActivityStatus; 4] = [
        ActivityStatus::Planned,
        ActivityStatus::Held,
        ActivityStatus::Postponed,
        ActivityStatus::Cancelled,
    ];

    /// The status's key in the definitions (`planned`).
    pub fn key(self) -> &'static str {
        match self {
            ActivityStatus::Planned => "planned",
            ActivityStatus::Held => "held",
            ActivityStatus::Postponed => "postponed",
            ActivityStatus::Cancelled => "cancelled",
        }
    }
}

/// `status = { column = "statut", planned = ["prevu"], held = ["tenu"],
/// postponed = ["reporte"], cancelled = ["annule"] }`: the column and which
/// of its values mean each status.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusColumn {
    /// The enum column (own or `reference.column`).
    pub column: String,
    /// Its values meaning planned.
    #[serde(default)]
    pub planned: Vec<String>,
    /// Its values meaning held.
    #[serde(default)]
    pub held: Vec<String>,
    /// Its values meaning postponed.
    #[serde(default)]
    pub postponed: Vec<String>,
    /// Its values meaning cancelled.
    #[serde(default)]
    pub cancelled: Vec<String>,
}

impl StatusColumn {
    /// The values listed for `status`.
    pub fn values(&self, status: ActivityStatus) -> &[String] {
        match status {
            ActivityStatus::Planned => &self.planned,
            ActivityStatus::Held => &self.held,
            ActivityStatus::Postponed => &self.postponed,
            ActivityStatus::Cancelled => &self.cancelled,
        }
    }

    /// The status a value of the column means; an empty cell (`None`) is
    /// held, as every row of a source without a status column is.
    pub fn status_of(&self, value: Option<&str>) -> ActivityStatus {
        let Some(value) = value else {
            return ActivityStatus::Held;
        };
        ActivityStatus::ALL
            .into_iter()
            .find(|s| self.values(*s).iter().any(|v| v == value))
            .unwrap_or(ActivityStatus::Held)
    }
}

impl Programme {
    /// The status column is an enum whose every value is listed under
    /// exactly one status, and lists nothing else; the planned date is a
    /// date.
    pub(super) fn check_workplan_keys(
        &self,
        sel: &Selection,
        status: Option<&StatusColumn>,
        planned_date: Option<&str>,
    ) -> Result<(), IndicatorProblem> {
        if let Some(planned) = planned_date {
            let c = self.resolve_column(sel, planned)?;
            if c.kind != ColumnType::Date {
                return Err(IndicatorProblem::PlannedDateNotDate {
                    column: planned.to_owned(),
                    kind: c.kind,
                });
            }
        }
        let Some(status) = status else {
            return Ok(());
        };
        let c = self.resolve_column(sel, &status.column)?;
        let schema = self.column_schema_of(&sel.dataset, &status.column);
        let values = match schema {
            Some(s) if c.kind == ColumnType::Enum => &s.values,
            _ => {
                return Err(IndicatorProblem::StatusNotEnum {
                    column: status.column.clone(),
                    kind: c.kind,
                });
            }
        };
        for s in ActivityStatus::ALL {
            for v in status.values(s) {
                if !values.contains(v) {
                    return Err(IndicatorProblem::StatusValueUnknown {
                        column: status.column.clone(),
                        value: v.clone(),
                        values: values.join(", "),
                    });
                }
            }
        }
        for v in values {
            let under: Vec<&str> = ActivityStatus::ALL
                .into_iter()
                .flat_map(|s| {
                    status
                        .values(s)
                        .iter()
                        .filter(|x| *x == v)
                        .map(move |_| s.key())
                })
                .collect();
            if under.len() != 1 {
                return Err(IndicatorProblem::StatusValueMapping {
                    column: status.column.clone(),
                    value: v.clone(),
                    statuses: under.join(", "),
                });
            }
        }
        Ok(())
    }
}
