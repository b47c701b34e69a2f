//! cadre: logframe monitoring and evaluation.
#![deny(missing_docs)]

pub mod cell;
pub mod compute;
pub mod error;
pub mod filter;
pub mod indicator;
pub mod ingest;
pub mod period;
pub mod programme;
pub mod schema;
pub mod table;
pub mod text;

pub use error::{Error, Result};
pub use compute::{Engine, compute};
pub use ingest::{Data, IngestReport, ingest};
pub use period::Period;
pub use table::{IndicatorTable, IndicatorValue, Status};
pub use programme::Programme;
