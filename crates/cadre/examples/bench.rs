//! Benchmark of ingestion and computation on a large workbook.
//!
//! ```text
//! cargo run -p cadre-tools --release --bin generate-terress -- --participations 1000000 /tmp/big.xlsx
//! cargo run -p cadre --release --example bench -- indicators/terress /tmp/big.xlsx
//! ```
//!
//! Prints, for the same file: calamine's own streaming read of every cell
//! (the floor any xlsx reader stands on), cadre's ingestion, and the whole
//! catalogue computed for 8 quarters, each with the peak memory of the step.

use std::path::Path;
use std::time::Instant;

use cadre::{Engine, Period, Programme};
use calamine::{Reader, Xlsx};

/// Peak resident memory since the last reset, in MiB (Linux).
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Resident memory now, in MiB (Linux).
fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Resets the peak so each step is measured alone (Linux: `clear_refs` 5).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [programme_dir, data] = args.as_slice() else {
        return Err("usage: bench PROGRAMME_DIR WORKBOOK_OR_CSV_FOLDER".into());
    };
    let path = Path::new(data);

    if path.is_file() {
        reset_peak();
        let t = Instant::now();
        let mut wb: Xlsx<_> = calamine::open_workbook(path)?;
        let mut cells = 0usize;
        for name in wb.sheet_names() {
            let mut reader = wb.worksheet_cells_reader(&name)?;
            while let Some(c) = reader.next_cell()? {
                std::hint::black_box(c.get_value());
                cells += 1;
            }
        }
        let raw = t.elapsed().as_secs_f64();
        println!(
            "calamine streaming read: {raw:.2} s, {cells} cells, peak {:.0} MiB",
            peak_mib()
        );
    }

    let programme = Programme::load(programme_dir)?;
    reset_peak();
    let t = Instant::now();
    let data = cadre::ingest(&programme, path)?;
    let ingest = t.elapsed().as_secs_f64();
    let rows: usize = data.report.sheets.iter().map(|s| s.read).sum();
    println!(
        "cadre ingest:            {ingest:.2} s, {rows} rows ({} rejected), peak {:.0} MiB",
        data.report.rejected(),
        peak_mib()
    );
    for ds in data
        .datasets
        .values()
        .filter(|d| d.frame.height() > 100_000)
    {
        let sizes: Vec<String> = ds
            .frame
            .columns()
            .iter()
            .map(|c| {
                format!(
                    "{} {:.0}",
                    c.name(),
                    c.as_materialized_series().estimated_size() as f64 / 1048576.0
                )
            })
            .collect();
        println!("  {}: {} MiB", ds.name, sizes.join(", "));
    }

    if std::env::var_os("BENCH_PER_INDICATOR").is_some() {
        // The memory each indicator's first computation adds (its prepared
        // rows stay cached by the engine).
        let engine = Engine::new(&programme, &data);
        let q = &Period::quarters(programme.info.start, programme.info.end)[4];
        for ind in &programme.indicators {
            reset_peak();
            let before = rss_mib();
            std::hint::black_box(engine.compute_indicator(&ind.code, q)?);
            println!(
                "  {:6} rss {before:.0} -> {:.0} MiB, peak {:.0} MiB",
                ind.code,
                rss_mib(),
                peak_mib()
            );
        }
    }

    reset_peak();
    let t = Instant::now();
    let engine = Engine::new(&programme, &data);
    let quarters = Period::quarters(programme.info.start, programme.info.end);
    let quarters = &quarters[..quarters.len().min(8)];
    for q in quarters {
        std::hint::black_box(engine.compute(q)?);
    }
    let compute = t.elapsed().as_secs_f64();
    println!(
        "cadre compute:           {compute:.2} s for {} indicators x {} quarters, peak {:.0} MiB",
        programme.indicators.len(),
        quarters.len(),
        peak_mib()
    );
    Ok(())
}
