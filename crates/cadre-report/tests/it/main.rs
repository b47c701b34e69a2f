//! The integration tests of `cadre-report`, in one test binary (one link instead of
//! one per file: less disk, faster builds). Each module was a test file.

mod attached_table;
mod baselines;
mod browser;
mod cli;
mod closing;
mod financing;
mod funder_sheets;
mod iati;
mod kinds;
mod methods;
mod people;
mod progress;
mod red_flags;
mod report;
mod report_data;
mod report_kinds;
mod risks;
mod serve;
mod sheets;
mod split_and_weight;
mod statement;
mod template;
mod tracking_previous;
mod workplan;
