//! The example report end to end (ingest, compute, typeset, write), timed
//! step by step, with the share of the Typst compilation.
//!
//! ```text
//! cargo run --release -p cadre-report --example bench_report -- [LANG] [OUTPUT.pdf] [RUNS]
//! ```
//!
//! Runs from the repository's own example (`indicators/terress`,
//! `examples/terress/terress.xlsx`, period 2025-Q4). With RUNS > 1 the whole
//! chain is repeated in the same process and the fastest run is reported too.

use std::path::{Path, PathBuf};
use std::time::Instant;

use cadre_report::report::{ReportOptions, render};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_report: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let lang = args.next().unwrap_or_else(|| "fr".into());
    let lang = cadre::Lang::from_code(&lang).ok_or("the language is fr or en")?;
    let output = PathBuf::from(args.next().unwrap_or_else(|| {
        std::env::temp_dir()
            .join("cadre-report.pdf")
            .display()
            .to_string()
    }));
    let runs: usize = args
        .next()
        .map(|r| r.parse())
        .transpose()?
        .unwrap_or(1)
        .max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()?;

    let mut best: Option<f64> = None;
    for run in 1..=runs {
        let all = Instant::now();
        let t = Instant::now();
        let programme = cadre::Programme::load(root.join("indicators/terress"))?;
        let load = t.elapsed().as_secs_f64();

        let t = Instant::now();
        let data = cadre::ingest(&programme, root.join("examples/terress/terress.xlsx"))?;
        let ingest = t.elapsed().as_secs_f64();

        let t = Instant::now();
        let period =
            cadre::Period::parse("2025-Q4", programme.info.calendar(), programme.info.end)?;
        let engine = cadre::Engine::new(&programme, &data);
        let table = engine.compute(&period)?;
        let compute = t.elapsed().as_secs_f64();

        let t = Instant::now();
        // The report's data includes what the same engine computes for it:
        // the attached table (rows counted, input files hashed) and every
        // quarter's values for the progress charts, as `cadre report` does.
        let options = ReportOptions::new(root.join("report_templates/quarterly"), lang, period.end);
        let report = render(&engine, &table, &options)?;
        let render = t.elapsed().as_secs_f64();

        let t = Instant::now();
        cadre_report::write_atomically(&output, &report.pdf)?;
        let write = t.elapsed().as_secs_f64();
        let total = all.elapsed().as_secs_f64();
        best = Some(best.map_or(total, |b: f64| b.min(total)));

        let data_prep = render - report.compile_seconds - report.pdf_seconds;
        println!(
            "run {run}/{runs} ({lang}), {} bytes -> {}",
            report.pdf.len(),
            output.display()
        );
        println!("  load definitions  {:>8.1} ms", load * 1e3);
        println!("  ingest workbook   {:>8.1} ms", ingest * 1e3);
        println!("  compute table     {:>8.1} ms", compute * 1e3);
        println!(
            "  report data       {:>8.1} ms  (attached table and quarters included)",
            data_prep * 1e3
        );
        println!(
            "  typst compile     {:>8.1} ms  ({:.0} % of the total)",
            report.compile_seconds * 1e3,
            report.compile_seconds / total * 100.0
        );
        println!("  pdf export        {:>8.1} ms", report.pdf_seconds * 1e3);
        println!("  write (atomic)    {:>8.1} ms", write * 1e3);
        println!("  total             {:>8.1} ms", total * 1e3);
        for w in &report.warnings {
            println!("  {w}");
        }
    }
    if runs > 1 {
        println!("fastest run: {:.1} ms", best.unwrap_or_default() * 1e3);
    }
    Ok(())
}
