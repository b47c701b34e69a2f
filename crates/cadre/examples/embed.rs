//! Embedding cadre in another tool: load a programme, ingest its data,
//! compute a period, read one indicator.
//!
//! ```text
//! cargo run -p cadre --example embed -- indicators/terress examples/terress/terress.xlsx 2025-Q4 A3.2
//! ```

use cadre::{Engine, Period, Programme};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [programme_dir, data_path, period, code] = args.as_slice() else {
        return Err("usage: embed PROGRAMME_DIR DATA PERIOD INDICATOR".into());
    };
    let programme = Programme::load(programme_dir)?;
    let data = cadre::ingest(&programme, data_path)?;
    if !data.report.is_clean() {
        for p in &data.report.problems {
            eprintln!("{}", p.message(cadre::Lang::En));
        }
    }
    let today = chrono::Local::now().date_naive();
    let period = Period::parse(period, programme.info.calendar(), today)?;
    let engine = Engine::new(&programme, &data);
    let indicator = engine.compute_indicator(code, &period)?;
    println!(
        "{} {} ({})",
        indicator.code,
        indicator.label.get("en"),
        period
    );
    println!("  period value:     {:?}", indicator.period_value);
    println!(
        "  cumulative value: {:?} (target {}, {:?})",
        indicator.cumulative_value,
        indicator
            .target
            .map_or_else(|| "none".to_owned(), |t| t.to_string()),
        indicator.status
    );
    for b in &indicator.breakdowns {
        for c in &b.categories {
            println!("  {} = {}: {:?}", b.by, c.category, c.cumulative_value);
        }
    }
    Ok(())
}
