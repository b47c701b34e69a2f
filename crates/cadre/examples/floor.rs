//! The floors of the peers' benchmark (`bench/compare.sh`): the least any
//! reader of these inputs does, on one thread.
//!
//! ```text
//! cargo run -p cadre --release --example floor -- /tmp/big.xlsx   # calamine's streaming cell reader
//! cargo run -p cadre --release --example floor -- /tmp/big_csv    # the csv crate, every record
//! ```

use calamine::{Reader, Xlsx};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or("usage: floor WORKBOOK.xlsx|CSV_FOLDER")?;
    let path = std::path::Path::new(&path);
    let mut cells = 0usize;
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        files.sort();
        for file in files {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(&file)?;
            let mut record = csv::ByteRecord::new();
            while reader.read_byte_record(&mut record)? {
                cells += record.len();
            }
        }
    } else {
        let mut wb: Xlsx<_> = calamine::open_workbook(path)?;
        for name in wb.sheet_names() {
            let mut reader = wb.worksheet_cells_reader(&name)?;
            while let Some(c) = reader.next_cell()? {
                std::hint::black_box(c.get_value());
                cells += 1;
            }
        }
    }
    println!("{cells} cells");
    Ok(())
}
