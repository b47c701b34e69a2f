//! cadre: logframe monitoring and evaluation.
//!
//! A programme is funded against a logframe: results, indicators, baselines,
//! milestones and targets. cadre computes every indicator, reproducibly and
//! traceably, from the spreadsheets of activity data the programme keeps.
//!
//! The pipeline has three steps, each a module:
//!
//! 1. [`Programme::load`] reads a programme folder: `programme.toml` (metadata,
//!    results chain, breakdown dimensions), `datasets.toml` (the sheets and
//!    their column rules) and `indicators/*.toml` (one file per action). Every
//!    filter and column an indicator names is checked there, so a programme
//!    that loads computes.
//! 2. [`ingest()`] reads a workbook (xlsx, xls, ods) or a folder of csv files
//!    into one typed polars frame per dataset; [`ingest_sources()`] reads many
//!    (partners' workbooks, folders of them), in parallel, a dataset's rows
//!    gathered from every file that holds it. Each row keeps its file, sheet
//!    and row number; rows that break a rule (a key already in another file
//!    among them) are left out and reported in an [`IngestReport`] (read =
//!    accepted + rejected + skipped, per sheet, per file and in total).
//! 3. An [`Engine`] computes an [`IndicatorTable`] for a [`Period`]: period and
//!    cumulative values, milestone due, target, achievement, status, and
//!    breakdowns.
//!
//! ```
//! use cadre::{Engine, Period, Programme, Status};
//!
//! # fn main() -> Result<(), cadre::Error> {
//! let programme = Programme::load("../../tests/compute/programme")?;
//! let data = cadre::ingest(&programme, "../../tests/compute/cases/mini/data")?;
//! assert!(data.report.is_clean());
//!
//! let today = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
//! let period = Period::parse("2024-Q2", programme.info.calendar(), today)?;
//! let table = Engine::new(&programme, &data).compute(&period)?;
//!
//! let workshops = table.get("N1").unwrap();
//! assert_eq!(workshops.period_value, Some(1.0));
//! assert_eq!(workshops.cumulative_value, Some(4.0));
//! assert_eq!(workshops.status, Status::AtRisk); // 4 of the 5 due by 30 June
//!
//! let mut csv = Vec::new();
//! table.write_csv(&mut csv).unwrap();
//! assert!(String::from_utf8(csv).unwrap().starts_with("indicator,breakdown,category,"));
//! # Ok(())
//! # }
//! ```
//!
//! The library knows no programme: everything specific lives in the
//! definition files. It never prints; problems and warnings are returned as
//! data, and the caller decides what to show.
#![deny(missing_docs)]

pub mod activities;
pub mod anomalies;
pub mod baseline;
pub mod cell;
pub mod check;
pub mod compute;
pub mod error;
pub mod explain;
pub mod filter;
pub mod finance;
pub mod history;
pub mod indicator;
pub mod ingest;
pub mod measure;
pub mod messages;
pub mod outlook;
pub mod people;
pub mod period;
pub mod programme;
pub mod registry;
pub mod reported;
pub mod reporting;
pub mod restate;
pub mod risks;
pub mod schema;
pub mod status;
pub mod table;
pub mod targets;
pub mod text;
pub mod window;
pub mod workplan;

pub use compute::{Engine, compute};
pub use error::{Error, Result};
pub use ingest::{Data, IngestReport, ingest, ingest_sources};
pub use messages::Lang;
pub use period::{Calendar, Period};
pub use programme::Programme;
pub use table::{IndicatorTable, IndicatorValue, Status};
