//! Helpers shared by the generators (`generate-terress`, `generate-eau`, `generate-petite-enfance`,
//! `generate-fixtures`): their command line, the examples' workbook writer ([`Book`]),
//! civil dates, a small seeded PRNG, spreadsheet cells, and one writer that emits the
//! same rows as an `.xlsx` workbook and/or a folder of `.csv` files (one per sheet).
//!
//! Standard library and `rust_xlsxwriter` only: this code must not depend on the
//! `cadre` library itself.
#![allow(dead_code)]

use std::error::Error;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

/// Result type of the generators.
pub type Res<T> = Result<T, Box<dyn Error>>;

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub y: i32,
    /// Month, 1..=12.
    pub m: u32,
    /// Day, 1..=31.
    pub d: u32,
}

/// Shorthand constructor.
pub const fn date(y: i32, m: u32, d: u32) -> Date {
    Date { y, m, d }
}

impl Date {
    /// Days since 1970-01-01 (H. Hinnant's algorithm).
    pub fn days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `z` days after 1970-01-01.
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date {
            y: (y + i64::from(m <= 2)) as i32,
            m,
            d,
        }
    }

    /// This date plus `n` days.
    pub fn add(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Day of the week, 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.days() + 3).rem_euclid(7) as u32
    }

    /// The nearest working day on or after this date.
    pub fn working_day(self) -> Date {
        match self.weekday() {
            5 => self.add(2),
            6 => self.add(1),
            _ => self,
        }
    }

    /// Last day of this date's month.
    pub fn month_end(self) -> Date {
        let (y, m) = if self.m == 12 {
            (self.y + 1, 1)
        } else {
            (self.y, self.m + 1)
        };
        date(y, m, 1).add(-1)
    }

    /// `2025-04-15`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// `15/04/2025`.
    pub fn fr(self) -> String {
        format!("{:02}/{:02}/{:04}", self.d, self.m, self.y)
    }

    /// Clamp into `[lo, hi]`.
    pub fn clamp_to(self, lo: Date, hi: Date) -> Date {
        self.max(lo).min(hi)
    }
}

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// SplitMix64: tiny, seeded, deterministic on every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 1) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }

    /// Index drawn with the given (non-negative) weights.
    pub fn weighted(&mut self, w: &[f64]) -> usize {
        let total: f64 = w.iter().sum();
        let mut x = self.f64() * total;
        for (i, wi) in w.iter().enumerate() {
            if x < *wi {
                return i;
            }
            x -= wi;
        }
        w.len() - 1
    }
}

// ---------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------

/// One spreadsheet cell as the generators write it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// No cell at all.
    Empty,
    /// A text cell, written verbatim (including stray spaces).
    Text(String),
    /// A numeric cell.
    Num(f64),
    /// A real date cell (`dd/mm/yyyy` number format in xlsx; ISO text in csv).
    Date(Date),
    /// A real date-time cell, hour and minute (`dd/mm/yyyy hh:mm`; same text in csv).
    DateTime(Date, u32, u32),
}

/// A text cell.
pub fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A numeric cell.
pub fn n(x: f64) -> Cell {
    Cell::Num(x)
}

/// Text cell, or an empty cell for `None`.
pub fn opt_t(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, t)
}

/// Plain number text without thousands separator, `.` decimal (csv rendering).
pub fn plain_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// French-style number text: `sep` between groups of thousands, `,` decimal,
/// `decimals` digits after the comma (0 = none). `-1180.0, " ", 0` -> `-1 180`.
pub fn french_number(x: f64, sep: &str, decimals: usize) -> String {
    let neg = x < 0.0;
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(sep);
        }
        grouped.push(*c);
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f);
    }
    out
}

impl Cell {
    /// Whether the cell holds no value (empty, or only blank text).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// Text shown for this cell in a csv file.
    pub fn csv_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Num(x) => plain_number(*x),
            Cell::Date(d) => d.iso(),
            Cell::DateTime(d, h, m) => format!("{} {:02}:{:02}", d.fr(), h, m),
        }
    }

    fn width(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(s) => s.chars().count(),
            Cell::Num(x) => plain_number(*x).len(),
            Cell::Date(_) => 10,
            Cell::DateTime(..) => 16,
        }
    }
}

fn csv_field(s: &str) -> String {
    let needs_quotes = s.contains([',', '"', '\n', '\r'])
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace);
    if needs_quotes {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------------------
// Writers
// ---------------------------------------------------------------------------

struct XlsxOut {
    path: PathBuf,
    workbook: Workbook,
    sheet: Option<Worksheet>,
    row: u32,
    widths: Vec<usize>,
    header: Format,
    date: Format,
    datetime: Format,
}

struct CsvOut {
    dir: PathBuf,
    file: Option<BufWriter<File>>,
}

/// A sheet held in memory: its name, its header row and its rows (a blank row
/// is a row of empty cells).
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// The sheet name (the csv file name without `.csv`).
    pub name: String,
    /// The header row (none if empty).
    pub headers: Vec<String>,
    /// The rows below the header.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// A sheet with `name` and `headers` and no rows yet.
    pub fn new(name: &str, headers: &[String]) -> Sheet {
        Sheet {
            name: name.to_string(),
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Whether row `i` holds no value.
    pub fn is_blank_row(&self, i: usize) -> bool {
        self.rows[i].iter().all(Cell::is_blank)
    }
}

/// Writes the same sheets to an xlsx workbook and/or a csv folder, and/or
/// keeps them in memory (see [`Output::collector`]).
pub struct Output {
    xlsx: Option<XlsxOut>,
    csv: Option<CsvOut>,
    collected: Option<Vec<Sheet>>,
    /// Rows written in the current sheet, header excluded.
    pub rows_in_sheet: usize,
}

impl Output {
    /// An output to `xlsx` (a file path) and/or `csv_dir` (a folder, created if needed).
    pub fn new(xlsx: Option<&Path>, csv_dir: Option<&Path>) -> Res<Output> {
        let xlsx = xlsx.map(|p| XlsxOut {
            path: p.to_path_buf(),
            workbook: Workbook::new(),
            sheet: None,
            row: 0,
            widths: Vec::new(),
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            datetime: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
        });
        let csv = match csv_dir {
            Some(d) => {
                fs::create_dir_all(d)?;
                Some(CsvOut {
                    dir: d.to_path_buf(),
                    file: None,
                })
            }
            None => None,
        };
        Ok(Output {
            xlsx,
            csv,
            collected: None,
            rows_in_sheet: 0,
        })
    }

    /// An output that only keeps the sheets in memory ([`Output::into_sheets`]).
    pub fn collector() -> Output {
        Output {
            xlsx: None,
            csv: None,
            collected: Some(Vec::new()),
            rows_in_sheet: 0,
        }
    }

    /// The sheets a collector kept, in the order they were begun.
    pub fn into_sheets(mut self) -> Res<Vec<Sheet>> {
        self.end_sheet()?;
        self.collected
            .take()
            .ok_or_else(|| "not a collector".into())
    }

    /// Writes `sheets` as they are: into an xlsx workbook at `path` when it
    /// ends in `.xlsx`, else as csv files named by sheet into the folder `path`.
    pub fn write_sheets(path: &Path, sheets: &[Sheet], title: &str) -> Res<()> {
        let mut out = if path.extension().is_some_and(|e| e == "xlsx") {
            Output::new(Some(path), None)?
        } else {
            Output::new(None, Some(path))?
        };
        for sheet in sheets {
            let headers: Vec<&str> = sheet.headers.iter().map(String::as_str).collect();
            out.begin_sheet(&sheet.name, &headers)?;
            for row in &sheet.rows {
                out.row(row)?;
            }
        }
        out.finish(title)
    }

    /// Start a sheet named `name` with a header row (no header row if `headers` is empty).
    pub fn begin_sheet(&mut self, name: &str, headers: &[&str]) -> Res<()> {
        self.end_sheet()?;
        self.rows_in_sheet = 0;
        if let Some(sheets) = &mut self.collected {
            let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
            sheets.push(Sheet::new(name, &headers));
        }
        if let Some(x) = &mut self.xlsx {
            let mut ws = Worksheet::new();
            ws.set_name(name)?;
            x.row = 0;
            x.widths = headers.iter().map(|h| h.chars().count()).collect();
            if !headers.is_empty() {
                for (c, h) in headers.iter().enumerate() {
                    ws.write_string_with_format(0, c as u16, *h, &x.header)?;
                }
                ws.set_freeze_panes(1, 0)?;
                x.row = 1;
            }
            x.sheet = Some(ws);
        }
        if let Some(c) = &mut self.csv {
            let f = File::create(c.dir.join(format!("{name}.csv")))?;
            let mut w = BufWriter::new(f);
            if !headers.is_empty() {
                let line: Vec<String> = headers.iter().map(|h| csv_field(h)).collect();
                writeln!(w, "{}", line.join(","))?;
            }
            c.file = Some(w);
        }
        Ok(())
    }

    /// Append one row. A row of only empty/blank cells is written as an entirely
    /// empty row (no cell in xlsx, a line of commas in csv) unless it holds blank text.
    pub fn row(&mut self, cells: &[Cell]) -> Res<()> {
        self.rows_in_sheet += 1;
        if let Some(sheets) = &mut self.collected {
            let sheet = sheets.last_mut().ok_or("row() before begin_sheet()")?;
            sheet.rows.push(cells.to_vec());
        }
        if let Some(x) = &mut self.xlsx {
            let ws = x.sheet.as_mut().ok_or("row() before begin_sheet()")?;
            for (c, cell) in cells.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        ws.write_string(x.row, col, s)?;
                    }
                    Cell::Num(v) => {
                        ws.write_number(x.row, col, *v)?;
                    }
                    Cell::Date(d) => {
                        let dt = ExcelDateTime::from_ymd(d.y as u16, d.m as u8, d.d as u8)?;
                        ws.write_datetime_with_format(x.row, col, &dt, &x.date)?;
                    }
                    Cell::DateTime(d, h, m) => {
                        let dt = ExcelDateTime::from_ymd(d.y as u16, d.m as u8, d.d as u8)?
                            .and_hms(*h as u16, *m as u8, 0)?;
                        ws.write_datetime_with_format(x.row, col, &dt, &x.datetime)?;
                    }
                }
                if x.widths.len() <= c {
                    x.widths.resize(c + 1, 0);
                }
                x.widths[c] = x.widths[c].max(cell.width());
            }
            x.row += 1;
        }
        if let Some(c) = &mut self.csv {
            let w = c.file.as_mut().ok_or("row() before begin_sheet()")?;
            let line: Vec<String> = cells.iter().map(|x| csv_field(&x.csv_text())).collect();
            writeln!(w, "{}", line.join(","))?;
        }
        Ok(())
    }

    /// An entirely empty row of `ncols` columns.
    pub fn empty_row(&mut self, ncols: usize) -> Res<()> {
        let cells = vec![Cell::Empty; ncols];
        debug_assert!(cells.iter().all(Cell::is_blank));
        self.row(&cells)
    }

    fn end_sheet(&mut self) -> Res<()> {
        if let Some(x) = &mut self.xlsx
            && let Some(mut ws) = x.sheet.take()
        {
            for (c, w) in x.widths.iter().enumerate() {
                ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
            }
            x.workbook.push_worksheet(ws);
        }
        if let Some(c) = &mut self.csv
            && let Some(mut f) = c.file.take()
        {
            f.flush()?;
        }
        Ok(())
    }

    /// Close the last sheet and save the workbook with fixed document properties
    /// (a fixed creation date, so that the same input gives byte-identical files).
    pub fn finish(mut self, title: &str) -> Res<()> {
        self.end_sheet()?;
        if let Some(mut x) = self.xlsx.take() {
            let created = ExcelDateTime::from_ymd(2024, 11, 1)?.and_hms(9, 0, 0)?;
            let props = DocProperties::new()
                .set_title(title)
                .set_author("Cellule suivi-évaluation Terr'ESS")
                .set_company("cadre (generated example)")
                .set_creation_datetime(&created);
            x.workbook.set_properties(&props);
            if let Some(parent) = x.path.parent()
                && !parent.as_os_str().is_empty()
            {
                fs::create_dir_all(parent)?;
            }
            x.workbook.save(&x.path)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// OpenDocument spreadsheet (.ods)
// ---------------------------------------------------------------------------

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The paragraph of a text cell: runs of spaces as `text:s` (XML collapses
/// them otherwise), as LibreOffice writes them.
fn ods_paragraph(s: &str) -> String {
    let mut out = String::from("<text:p>");
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            let start = i;
            while i < chars.len() && chars[i] == ' ' {
                i += 1;
            }
            let run = i - start;
            // A single space between words stays as it is; any other run is `text:s`.
            if run == 1 && start > 0 && i < chars.len() {
                out.push(' ');
            } else if run == 1 {
                out.push_str("<text:s/>");
            } else {
                out.push_str(&format!("<text:s text:c=\"{run}\"/>"));
            }
        } else {
            out.push_str(&xml_escape(&chars[i].to_string()));
            i += 1;
        }
    }
    out.push_str("</text:p>");
    out
}

fn ods_cell(cell: &Cell) -> String {
    match cell {
        Cell::Empty => "<table:table-cell/>".to_string(),
        Cell::Text(s) => format!(
            "<table:table-cell office:value-type=\"string\">{}</table:table-cell>",
            ods_paragraph(s)
        ),
        Cell::Num(x) => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{}\"><text:p>{}</text:p></table:table-cell>",
            plain_number(*x),
            plain_number(*x)
        ),
        Cell::Date(d) => format!(
            "<table:table-cell table:style-name=\"date\" office:value-type=\"date\" office:date-value=\"{}\"><text:p>{}</text:p></table:table-cell>",
            d.iso(),
            d.fr()
        ),
        Cell::DateTime(d, h, m) => format!(
            "<table:table-cell table:style-name=\"datetime\" office:value-type=\"date\" office:date-value=\"{}T{:02}:{:02}:00\"><text:p>{} {:02}:{:02}</text:p></table:table-cell>",
            d.iso(),
            h,
            m,
            d.fr(),
            h,
            m
        ),
    }
}

/// Writes `sheets` as a minimal OpenDocument spreadsheet at `path`: the
/// `mimetype` entry first and stored, a manifest, and `content.xml`. Every
/// entry carries a fixed modification time, so the same sheets give the same
/// bytes.
pub fn write_ods(path: &Path, sheets: &[Sheet]) -> Res<()> {
    use zip::write::SimpleFileOptions;
    let mut content = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" \
         office:version=\"1.3\">\
         <office:automatic-styles>\
         <number:date-style style:name=\"N1\"><number:day number:style=\"long\"/><number:text>/</number:text><number:month number:style=\"long\"/><number:text>/</number:text><number:year number:style=\"long\"/></number:date-style>\
         <number:date-style style:name=\"N2\"><number:day number:style=\"long\"/><number:text>/</number:text><number:month number:style=\"long\"/><number:text>/</number:text><number:year number:style=\"long\"/><number:text> </number:text><number:hours number:style=\"long\"/><number:text>:</number:text><number:minutes number:style=\"long\"/></number:date-style>\
         <style:style style:name=\"date\" style:family=\"table-cell\" style:data-style-name=\"N1\"/>\
         <style:style style:name=\"datetime\" style:family=\"table-cell\" style:data-style-name=\"N2\"/>\
         </office:automatic-styles>\
         <office:body><office:spreadsheet>",
    );
    for sheet in sheets {
        content.push_str(&format!(
            "<table:table table:name=\"{}\">",
            xml_escape(&sheet.name)
        ));
        let headers: Vec<Cell> = sheet.headers.iter().map(|h| t(h.clone())).collect();
        let header_row = (!headers.is_empty()).then_some(&headers);
        for row in header_row.into_iter().chain(sheet.rows.iter()) {
            content.push_str("<table:table-row>");
            if row.iter().all(|c| *c == Cell::Empty) {
                content.push_str("<table:table-cell/>");
            } else {
                for cell in row {
                    content.push_str(&ods_cell(cell));
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>\n");
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
        </manifest:manifest>\n";
    let when = zip::DateTime::from_date_and_time(2024, 11, 1, 9, 0, 0)
        .map_err(|e| format!("zip date: {e:?}"))?;
    let stored = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(when);
    let deflated = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(when);
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        fs::create_dir_all(parent)?;
    }
    let mut zip = zip::ZipWriter::new(File::create(path)?);
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", deflated)?;
    zip.write_all(manifest.as_bytes())?;
    zip.start_file("content.xml", deflated)?;
    zip.write_all(content.as_bytes())?;
    zip.finish()?;
    Ok(())
}

/// What a generator's command line asks for: `[--summary] [OUT.xlsx]`.
pub struct GeneratorArgs {
    /// The workbook to write, if any.
    pub out: Option<std::path::PathBuf>,
    /// Print the indicator values the data reach (stderr).
    pub summary: bool,
}

/// Reads `[--summary] [OUT.xlsx]` (at least one of them); anything else
/// prints the usage of generator `name` and exits with status 2.
pub fn generator_args(name: &str) -> GeneratorArgs {
    let usage = || -> ! {
        eprintln!(
            "usage: {name} [--summary] [OUT.xlsx]\n\
             \n  OUT.xlsx   write the workbook there\n\
             \x20 --summary  print the indicator values the data reach (stderr)"
        );
        std::process::exit(2)
    };
    let mut args = GeneratorArgs {
        out: None,
        summary: false,
    };
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--summary" => args.summary = true,
            "-h" | "--help" => usage(),
            s if s.starts_with('-') => usage(),
            _ if args.out.is_none() => args.out = Some(std::path::PathBuf::from(a)),
            _ => usage(),
        }
    }
    if args.out.is_none() && !args.summary {
        usage();
    }
    args
}

// ---------------------------------------------------------------------------
// Example workbooks
// ---------------------------------------------------------------------------

/// An example workbook written the way its people would: a bold header row
/// frozen at the top, dates as dates, columns as wide as their content, and
/// the document's title, author and creation date fixed so the same rows give
/// the same bytes.
pub struct Book {
    workbook: Workbook,
    title: String,
    author: String,
    created: (u16, u8, u8, u16, u8, u8),
    date: Format,
    header: Format,
}

impl Book {
    /// A workbook with these properties; `created` is (year, month, day, hour,
    /// minute, second).
    pub fn new(title: &str, author: &str, created: (u16, u8, u8, u16, u8, u8)) -> Book {
        Book {
            workbook: Workbook::new(),
            title: title.to_owned(),
            author: author.to_owned(),
            created,
            date: Format::new().set_num_format("dd/mm/yyyy"),
            header: Format::new().set_bold(),
        }
    }

    /// A sheet named `name` with `headers` (none: no header row) and `rows`.
    pub fn sheet(&mut self, name: &str, headers: &[&str], rows: &[Vec<Cell>]) -> Res<()> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
        let first = if headers.is_empty() {
            0
        } else {
            for (c, h) in headers.iter().enumerate() {
                ws.write_string_with_format(0, c as u16, *h, &self.header)?;
            }
            ws.set_freeze_panes(1, 0)?;
            1
        };
        for (r, cells) in rows.iter().enumerate() {
            let row = first + r as u32;
            for (c, cell) in cells.iter().enumerate() {
                let col = c as u16;
                let width = match cell {
                    Cell::Empty => 0,
                    Cell::Text(s) => {
                        ws.write_string(row, col, s)?;
                        s.chars().count()
                    }
                    Cell::Num(x) => {
                        ws.write_number(row, col, *x)?;
                        12
                    }
                    Cell::Date(d) | Cell::DateTime(d, ..) => {
                        let dt = ExcelDateTime::from_ymd(d.y as u16, d.m as u8, d.d as u8)?;
                        ws.write_datetime_with_format(row, col, &dt, &self.date)?;
                        10
                    }
                };
                if widths.len() <= c {
                    widths.resize(c + 1, 0);
                }
                widths[c] = widths[c].max(width);
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
        }
        self.workbook.push_worksheet(ws);
        Ok(())
    }

    /// Writes the workbook at `path`, creating its folder.
    pub fn save(mut self, path: &Path) -> Res<()> {
        let (y, m, d, hh, mm, ss) = self.created;
        let created = ExcelDateTime::from_ymd(y, m, d)?.and_hms(hh, mm, ss)?;
        let props = DocProperties::new()
            .set_title(&self.title)
            .set_author(&self.author)
            .set_company("cadre (generated example)")
            .set_creation_datetime(&created);
        self.workbook.set_properties(&props);
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        self.workbook.save(path)?;
        Ok(())
    }
}
