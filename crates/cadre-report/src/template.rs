//! The blank data-entry workbook a field officer fills in, made from a
//! programme's dataset definitions.
//!
//! One instructions sheet, then one sheet per dataset named by its canonical
//! name, with the canonical column names as headers (so the ingester maps
//! every header exactly), a note on each header stating the column's rule, and
//! the help a spreadsheet can give at entry time: drop-down lists for
//! enumerated values and for codes of other sheets, number ranges, date and
//! number formats. Datasets other datasets reference (a registry) can be
//! pre-filled from ingested data, so the codes are there to pick.
//!
//! The spreadsheet's checks only help: the ingester stays the judge, and is
//! more lenient on spellings (case, accents, value aliases), so list checks
//! warn rather than refuse.

use std::path::{Path, PathBuf};

use cadre::schema::{ColumnSchema, ColumnType, DatasetSchema};
use cadre::text::fold_name;
use cadre::{Data, Lang, Programme};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Note, Workbook, Worksheet,
    XlsxError, column_number_to_name, quote_sheet_name,
};

use crate::messages::{Text, Word};

/// Rows of each data sheet that carry the drop-down lists and number checks,
/// below the header and any pre-filled rows. Rows further down still ingest;
/// they only lose the entry-time help.
pub const ENTRY_ROWS: u32 = 5000;

/// What the xlsx writer was writing when it refused, named by the
/// catalogue in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XlsxPart {
    /// The tracking table's workbook.
    TrackingTable,
    /// The template's creation date.
    CreationDate,
    /// The template's workbook, as it is saved.
    Workbook,
    /// The instructions sheet.
    Instructions,
    /// A data sheet's name.
    SheetName {
        /// The dataset.
        dataset: String,
    },
    /// A sheet (a dataset's, or the hidden lists).
    Sheet {
        /// The sheet.
        sheet: String,
    },
    /// A column's header or width.
    Column {
        /// The sheet.
        sheet: String,
        /// The column.
        column: String,
    },
    /// A column's entry check (its drop-down list or range).
    ColumnCheck {
        /// The sheet.
        sheet: String,
        /// The column.
        column: String,
    },
    /// A cell of a pre-filled row.
    Cell {
        /// The sheet.
        sheet: String,
        /// The row, as the spreadsheet numbers it.
        row: u32,
        /// The column.
        column: String,
    },
}

/// Why a template could not be written.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// The spreadsheet writer refused something (a sheet name, a list, a cell).
    #[error("{}: {source}", part.text(Lang::En))]
    Xlsx {
        /// What was being written (boxed: errors travel in every `Result`).
        part: Box<XlsxPart>,
        /// The writer's reason.
        source: XlsxError,
    },
    /// A pre-filled dataset's rows could not be read from the ingested data.
    #[error("registry dataset `{dataset}`, column `{column}`: {message}")]
    Registry {
        /// The dataset.
        dataset: String,
        /// The column.
        column: String,
        /// What went wrong.
        message: String,
    },
    /// A row was given for a dataset the programme does not define.
    #[error("no dataset `{dataset}` in this programme (datasets: {known})")]
    UnknownDataset {
        /// The name given.
        dataset: String,
        /// The programme's datasets.
        known: String,
    },
    /// A row has more cells than the sheet has columns.
    #[error("dataset `{dataset}`: a row of {given} cells, but the sheet has {columns} columns")]
    RowWidth {
        /// The dataset.
        dataset: String,
        /// Cells given.
        given: usize,
        /// Columns of the sheet.
        columns: usize,
    },
    /// Every candidate name for a helper sheet is already a dataset's name or alias.
    #[error("no free name for the {what} sheet: {candidates} are all dataset names or aliases")]
    NameClash {
        /// Which helper sheet.
        what: &'static str,
        /// The names tried.
        candidates: String,
    },
    /// The file could not be written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
}

/// One cell of a row written into the template.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// Nothing.
    Empty,
    /// A text cell, written as is (also in a number or date column).
    Text(String),
    /// A number cell, with the column's number format.
    Number(f64),
    /// A date cell, with the template's date format.
    Date(NaiveDate),
}

/// A data sheet being written.
struct DataSheet {
    worksheet: Worksheet,
    /// The next free row (0-based; row 0 holds the headers).
    next_row: u32,
}

/// The formats of the workbook, made once.
struct Formats {
    title: Format,
    heading: Format,
    table_header: Format,
    wrap: Format,
    required_header: Format,
    optional_header: Format,
    text: Format,
    integer: Format,
    amount: Format,
    date: Format,
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        let header = Format::new()
            .set_bold()
            .set_border_bottom(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            heading: Format::new().set_bold().set_font_size(12),
            table_header: header
                .clone()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_text_wrap(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            // Required columns stand out; the instructions say so.
            required_header: header
                .clone()
                .set_background_color(Color::RGB(0x1F3A5F))
                .set_font_color(Color::White),
            optional_header: header.set_background_color(Color::RGB(0xD9E1F2)),
            // Text columns stay text: Excel would turn a code like `3-4` into a date.
            text: Format::new().set_num_format("@"),
            integer: Format::new().set_num_format("0"),
            amount: Format::new().set_num_format("#,##0.00"),
            date: Format::new().set_num_format(Word::SpreadsheetDateFormat.text(lang)),
        }
    }
}

/// A data-entry workbook under construction: the sheets are laid out and the
/// registry pre-filled by [`Template::new`]; more rows may be appended with
/// [`Template::append_row`] (the way a filled-in copy is made for tests and
/// examples) before [`Template::save`] or [`Template::to_bytes`].
pub struct Template<'p> {
    programme: &'p Programme,
    lang: Lang,
    formats: Formats,
    instructions: Worksheet,
    sheets: Vec<DataSheet>,
    /// The hidden sheet of long value lists, and how many columns it uses.
    lists: Option<(Worksheet, u16)>,
}

impl<'p> Template<'p> {
    /// Lays out the template of `programme` in `lang`,
    /// pre-filling each dataset another dataset references with the accepted
    /// rows `registry` holds for it.
    pub fn new(
        programme: &'p Programme,
        registry: Option<&Data>,
        lang: Lang,
    ) -> Result<Template<'p>, TemplateError> {
        let formats = Formats::new(lang);
        let referenced: Vec<bool> = programme
            .datasets
            .iter()
            .map(|d| {
                programme
                    .datasets
                    .iter()
                    .flat_map(|o| &o.columns)
                    .any(|c| c.references.as_deref() == Some(&d.name))
            })
            .collect();
        // Registry rows first: the lists of codes must reach below them.
        let mut prefill: Vec<Vec<Vec<Entry>>> = Vec::with_capacity(programme.datasets.len());
        for (schema, referenced) in programme.datasets.iter().zip(&referenced) {
            let rows = match registry.and_then(|r| r.dataset(&schema.name)) {
                Some(ds) if *referenced => registry_rows(schema, ds)?,
                _ => Vec::new(),
            };
            prefill.push(rows);
        }
        let last_rows: Vec<u32> = prefill
            .iter()
            .map(|rows| rows.len() as u32 + ENTRY_ROWS)
            .collect();

        let instructions_name = free_name(
            programme,
            "instructions",
            &Word::INSTRUCTIONS_SHEET.map(|w| w.text(lang)),
        )?;
        let lists_name = free_name(programme, "lists", &Word::LISTS_SHEET.map(|w| w.text(lang)))?;

        let mut template = Template {
            programme,
            lang,
            formats,
            instructions: Worksheet::new(),
            sheets: Vec::new(),
            lists: None,
        };
        let prefilled: Vec<usize> = prefill.iter().map(Vec::len).collect();
        template.write_instructions(&instructions_name, &prefilled)?;
        for schema in &programme.datasets {
            let sheet = template.data_sheet(schema, &last_rows, &lists_name)?;
            template.sheets.push(sheet);
        }
        for (schema, rows) in programme.datasets.iter().zip(prefill) {
            for row in rows {
                template.append_row(&schema.name, &row)?;
            }
        }
        Ok(template)
    }

    /// Appends a row to a dataset's sheet, cells in the order of its columns
    /// (fewer cells leave the last columns empty). Returns the row's number
    /// as the spreadsheet shows it (the header row is 1).
    pub fn append_row(&mut self, dataset: &str, cells: &[Entry]) -> Result<u32, TemplateError> {
        let index = self
            .programme
            .datasets
            .iter()
            .position(|d| d.name == dataset)
            .ok_or_else(|| TemplateError::UnknownDataset {
                dataset: dataset.to_owned(),
                known: self
                    .programme
                    .datasets
                    .iter()
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        let schema = &self.programme.datasets[index];
        if cells.len() > schema.columns.len() {
            return Err(TemplateError::RowWidth {
                dataset: dataset.to_owned(),
                given: cells.len(),
                columns: schema.columns.len(),
            });
        }
        let f = &self.formats;
        let sheet = &mut self.sheets[index];
        let row = sheet.next_row;
        let ws = &mut sheet.worksheet;
        for (c, (entry, column)) in cells.iter().zip(&schema.columns).enumerate() {
            let part = || XlsxPart::Cell {
                sheet: dataset.to_owned(),
                row: row + 1,
                column: column.name.clone(),
            };
            let col = c as u16;
            let written = match entry {
                Entry::Empty => Ok(&mut *ws),
                Entry::Text(s) => ws.write_string_with_format(row, col, s, &f.text),
                Entry::Number(x) => {
                    let format = match column.kind {
                        ColumnType::Integer => &f.integer,
                        _ => &f.amount,
                    };
                    ws.write_number_with_format(row, col, *x, format)
                }
                Entry::Date(d) => excel_date(*d)
                    .and_then(|dt| ws.write_datetime_with_format(row, col, &dt, &f.date)),
            };
            written.map_err(|source| TemplateError::Xlsx {
                part: Box::new(part()),
                source,
            })?;
        }
        sheet.next_row += 1;
        Ok(row + 1)
    }

    /// The workbook's bytes. The same programme, registry, language and rows
    /// always give the same bytes: the creation date is the programme's start.
    pub fn to_bytes(self) -> Result<Vec<u8>, TemplateError> {
        let info = &self.programme.info;
        let title = Text::WorkbookTitle {
            programme: &info.name,
        }
        .render(self.lang);
        let created = excel_date(info.start).map_err(|source| TemplateError::Xlsx {
            part: Box::new(XlsxPart::CreationDate),
            source,
        })?;
        let mut workbook = Workbook::new();
        workbook.set_properties(
            &DocProperties::new()
                .set_title(&title)
                .set_author("cadre")
                .set_creation_datetime(&created),
        );
        workbook.push_worksheet(self.instructions);
        for sheet in self.sheets {
            workbook.push_worksheet(sheet.worksheet);
        }
        if let Some((lists, _)) = self.lists {
            workbook.push_worksheet(lists);
        }
        workbook
            .save_to_buffer()
            .map_err(|source| TemplateError::Xlsx {
                part: Box::new(XlsxPart::Workbook),
                source,
            })
    }

    /// Writes the workbook to `path` (through a temporary file and a rename).
    pub fn save(self, path: &Path) -> Result<(), TemplateError> {
        let bytes = self.to_bytes()?;
        crate::write_atomically(path, &bytes).map_err(|source| TemplateError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The instructions sheet; `prefilled` counts the registry rows of each dataset.
    fn write_instructions(&mut self, name: &str, prefilled: &[usize]) -> Result<(), TemplateError> {
        let lang = self.lang;
        let programme = self.programme;
        let f = &self.formats;
        let ws = &mut self.instructions;
        ws.set_name(name).map_err(instructions_error)?;
        for (c, width) in [24, 26, 28, 50, 46, 22].into_iter().enumerate() {
            ws.set_column_width(c as u16, width)
                .map_err(instructions_error)?;
        }
        let mut row = 0u32;
        write_instructions_title(ws, f, programme, lang, &mut row)?;
        write_instructions_rules(ws, f, programme, lang, prefilled, &mut row)?;
        write_sheets_table(ws, f, programme, lang, prefilled, &mut row)?;
        write_columns_table(ws, f, programme, lang, &mut row)
    }

    fn data_sheet(
        &mut self,
        schema: &DatasetSchema,
        last_rows: &[u32],
        lists_name: &str,
    ) -> Result<DataSheet, TemplateError> {
        let lang = self.lang;
        let programme = self.programme;
        let index = programme
            .datasets
            .iter()
            .position(|d| d.name == schema.name)
            .unwrap_or(0);
        let last_row = last_rows[index];
        let mut ws = Worksheet::new();
        let dataset = schema.name.as_str();
        ws.set_name(dataset).map_err(|source| TemplateError::Xlsx {
            part: Box::new(XlsxPart::SheetName {
                dataset: dataset.to_owned(),
            }),
            source,
        })?;
        ws.set_freeze_panes(1, 0)
            .map_err(|source| TemplateError::Xlsx {
                part: Box::new(XlsxPart::Sheet {
                    sheet: dataset.to_owned(),
                }),
                source,
            })?;
        for (c, column) in schema.columns.iter().enumerate() {
            let col = c as u16;
            let xl = |source| TemplateError::Xlsx {
                part: Box::new(XlsxPart::Column {
                    sheet: dataset.to_owned(),
                    column: column.name.clone(),
                }),
                source,
            };
            let f = &self.formats;
            let header = if column.required {
                &f.required_header
            } else {
                &f.optional_header
            };
            ws.write_string_with_format(0, col, &column.name, header)
                .map_err(xl)?;
            let note_text = note_text(column, lang);
            let lines = note_text
                .lines()
                .map(|l| l.chars().count() / 48 + 1)
                .sum::<usize>() as u32;
            let note = Note::new(note_text)
                .add_author_prefix(false)
                .set_width(340)
                .set_height((lines * 15 + 10).min(420));
            ws.insert_note(0, col, &note).map_err(xl)?;
            let width = column
                .name
                .chars()
                .count()
                .max(column.label.get(lang).chars().count().min(30))
                .max(10) as f64
                + 2.0;
            ws.set_column_width(col, width).map_err(xl)?;
            let format = match column.kind {
                ColumnType::Text | ColumnType::Enum => &f.text,
                ColumnType::Integer => &f.integer,
                ColumnType::Amount => &f.amount,
                ColumnType::Date => &f.date,
                ColumnType::Boolean => &f.text,
            };
            ws.set_column_format(col, format).map_err(xl)?;
            if let Some(validation) =
                self.validation(schema, column, c, last_row, last_rows, lists_name)?
            {
                ws.add_data_validation(1, col, last_row, col, &validation)
                    .map_err(xl)?;
            }
        }
        Ok(DataSheet {
            worksheet: ws,
            next_row: 1,
        })
    }

    /// The entry-time check of a column, if the spreadsheet can make one.
    #[allow(clippy::too_many_arguments)]
    fn validation(
        &mut self,
        schema: &DatasetSchema,
        column: &ColumnSchema,
        c: usize,
        last_row: u32,
        last_rows: &[u32],
        lists_name: &str,
    ) -> Result<Option<DataValidation>, TemplateError> {
        let xl = |source| TemplateError::Xlsx {
            part: Box::new(XlsxPart::ColumnCheck {
                sheet: schema.name.clone(),
                column: column.name.clone(),
            }),
            source,
        };
        let programme = self.programme;
        let lang = self.lang;
        let label = column.label.get(lang);
        if let Some(target) = column.references.as_deref() {
            return reference_validation(programme, column, target, last_rows, lang).map_err(xl);
        }
        match column.kind {
            ColumnType::Enum => {
                let joined = column.values.join(",");
                let inline = joined.encode_utf16().count() <= 255
                    && !column.values.iter().any(|v| v.contains([',', '"']));
                let dv = if inline {
                    DataValidation::new()
                        .allow_list_strings(&column.values)
                        .map_err(xl)?
                } else {
                    // Too long for an inline list: the values go to a hidden sheet.
                    let range = self.list_range(lists_name, &column.values)?;
                    DataValidation::new().allow_list_formula(Formula::new(range))
                };
                let message = Text::PickValue {
                    label,
                    values: &column.values.join(", "),
                }
                .render(lang);
                Ok(Some(list_warning(dv, message, lang).map_err(xl)?))
            }
            ColumnType::Integer | ColumnType::Amount => number_validation(column, lang).map_err(xl),
            ColumnType::Text
                if column.unique || schema.key.as_deref() == Some(column.name.as_str()) =>
            {
                // A code already used higher up is refused, as the ingester would.
                let letter = column_number_to_name(c as u16);
                let formula = format!(
                    "=COUNTIF(${letter}$2:${letter}${},{letter}2)=1",
                    last_row + 1
                );
                let message = Text::CodeUsed { label }.render(lang);
                let dv = DataValidation::new()
                    .allow_custom(Formula::new(formula))
                    .set_error_title(Word::DuplicateCode.text(lang))
                    .and_then(|dv| dv.set_error_message(truncate(&message, 255)))
                    .map_err(xl)?;
                Ok(Some(dv))
            }
            _ => Ok(None),
        }
    }

    /// Writes `values` in a new column of the hidden lists sheet; returns the
    /// absolute range that holds them.
    fn list_range(&mut self, lists_name: &str, values: &[String]) -> Result<String, TemplateError> {
        let xl = |source| TemplateError::Xlsx {
            part: Box::new(XlsxPart::Sheet {
                sheet: lists_name.to_owned(),
            }),
            source,
        };
        let (ws, used) = match &mut self.lists {
            Some(lists) => lists,
            None => {
                let mut ws = Worksheet::new();
                ws.set_name(lists_name).map_err(xl)?;
                ws.set_hidden(true);
                self.lists.insert((ws, 0))
            }
        };
        // One column per list, left to right.
        let col = *used;
        *used += 1;
        for (r, v) in values.iter().enumerate() {
            ws.write_string(r as u32, col, v).map_err(xl)?;
        }
        let letter = column_number_to_name(col);
        Ok(format!(
            "={}!${letter}$1:${letter}${}",
            quote_sheet_name(lists_name),
            values.len()
        ))
    }
}

/// Writes the blank data-entry workbook of `programme` to `path`, in `lang`, with the registry pre-filled from `registry` when
/// given (see [`Template::new`]).
pub fn write_template(
    programme: &Programme,
    registry: Option<&Data>,
    lang: Lang,
    path: &Path,
) -> Result<(), TemplateError> {
    Template::new(programme, registry, lang)?.save(path)
}

/// The accepted rows of an ingested dataset, as template entries in the
/// order of its columns.
fn registry_rows(
    schema: &DatasetSchema,
    dataset: &cadre::ingest::Dataset,
) -> Result<Vec<Vec<Entry>>, TemplateError> {
    let frame = &dataset.frame;
    let height = frame.height();
    let mut rows = vec![Vec::with_capacity(schema.columns.len()); height];
    for column in &schema.columns {
        let err = |message: String| TemplateError::Registry {
            dataset: schema.name.clone(),
            column: column.name.clone(),
            message,
        };
        let series = frame.column(&column.name).map_err(|e| err(e.to_string()))?;
        let values: Vec<Entry> = match column.kind {
            ColumnType::Text | ColumnType::Enum => series
                .str()
                .map_err(|e| err(e.to_string()))?
                .iter()
                .map(|v| v.map_or(Entry::Empty, |s| Entry::Text(s.to_owned())))
                .collect(),
            ColumnType::Integer => series
                .i64()
                .map_err(|e| err(e.to_string()))?
                .iter()
                .map(|v| v.map_or(Entry::Empty, |x| Entry::Number(x as f64)))
                .collect(),
            ColumnType::Amount => series
                .f64()
                .map_err(|e| err(e.to_string()))?
                .iter()
                .map(|v| v.map_or(Entry::Empty, Entry::Number))
                .collect(),
            // 1 and 0: a boolean's spelling in every language the ingester reads.
            ColumnType::Boolean => series
                .bool()
                .map_err(|e| err(e.to_string()))?
                .iter()
                .map(|v| v.map_or(Entry::Empty, |b| Entry::Text(u8::from(b).to_string())))
                .collect(),
            ColumnType::Date => {
                let days = series.date().map_err(|e| err(e.to_string()))?.physical();
                let mut out = Vec::with_capacity(height);
                for v in days.iter() {
                    out.push(match v {
                        None => Entry::Empty,
                        Some(d) => Entry::Date(
                            cadre::period::from_epoch_days(d)
                                .ok_or_else(|| err(format!("day {d} is not a calendar date")))?,
                        ),
                    });
                }
                out
            }
        };
        for (row, value) in rows.iter_mut().zip(values) {
            row.push(value);
        }
    }
    Ok(rows)
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year())
        .map_err(|_| XlsxError::DateTimeRangeError(format!("year {} out of range", d.year())))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

/// The first candidate that names no dataset (sheet names are compared folded,
/// as the ingester compares them, so a helper sheet is never taken for data).
fn free_name(
    programme: &Programme,
    what: &'static str,
    candidates: &[&str],
) -> Result<String, TemplateError> {
    candidates
        .iter()
        .find(|c| {
            !programme
                .datasets
                .iter()
                .any(|d| d.matches_sheet(&fold_name(c)))
        })
        .map(|c| (*c).to_owned())
        .ok_or_else(|| TemplateError::NameClash {
            what,
            candidates: candidates.join(", "),
        })
}

/// At most `max` UTF-16 units (Excel's unit for message limits), cut on a character.
fn truncate(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut units = 0;
    for ch in s.chars() {
        units += ch.len_utf16();
        if units > max {
            break;
        }
        out.push(ch);
    }
    out
}

/// The note on a column's header: what it holds and how to fill it.
fn note_text(col: &ColumnSchema, lang: Lang) -> String {
    let mut lines = Vec::new();
    let label = col.label.get(lang);
    lines.push(if label.is_empty() {
        col.name.clone()
    } else {
        label.to_owned()
    });
    let description = col.description.get(lang);
    if !description.is_empty() {
        lines.push(description.to_owned());
    }
    // The rule says the type, the range, the allowed values, and whether the
    // cell is required, optional, or required in a given case.
    lines.push(
        Text::RuleLine {
            rule: &col.rule(lang),
        }
        .render(lang),
    );
    // Only enums have value aliases (the loader checks it).
    if !col.value_aliases.is_empty() {
        let aliases: Vec<String> = col
            .value_aliases
            .iter()
            .map(|(a, v)| format!("{a} = {v}"))
            .collect();
        lines.push(
            Text::AlsoAccepted {
                aliases: &aliases.join(", "),
            }
            .render(lang),
        );
    }
    if let Some(r) = &col.references {
        lines.push(Text::PickFromSheet { sheet: r }.render(lang));
    }
    lines.join("\n")
}

/// The general rules of the instructions sheet.
fn rules_text(programme: &Programme, lang: Lang, prefilled: &[&str]) -> Vec<String> {
    // The case example uses one of the programme's own values.
    let value = programme
        .datasets
        .iter()
        .flat_map(|d| &d.columns)
        .flat_map(|c| &c.values)
        .find(|v| v.chars().any(char::is_alphabetic) && v.to_uppercase() != **v)
        .map_or("oui", String::as_str);
    let example = format!("{} = {value}", value.to_uppercase());
    let mut lines: Vec<String> = Word::FILL_RULES_BEFORE_LISTS
        .iter()
        .map(|w| w.text(lang).to_owned())
        .collect();
    lines.push(Text::ListRule { example: &example }.render(lang));
    lines.extend(
        Word::FILL_RULES_AFTER_LISTS
            .iter()
            .map(|w| w.text(lang).to_owned()),
    );
    if !prefilled.is_empty() {
        lines.push(
            Text::Prefilled {
                names: &prefilled.join(", "),
            }
            .render(lang),
        );
    }
    lines
}

/// An error writing the instructions sheet.
fn instructions_error(source: XlsxError) -> TemplateError {
    TemplateError::Xlsx {
        part: Box::new(XlsxPart::Instructions),
        source,
    }
}

/// The instructions' title lines: the workbook's title, the programme's
/// title and its dates.
fn write_instructions_title(
    ws: &mut Worksheet,
    f: &Formats,
    programme: &Programme,
    lang: Lang,
    row: &mut u32,
) -> Result<(), TemplateError> {
    let xl = instructions_error;
    let info = &programme.info;
    let title = Text::WorkbookTitle {
        programme: &info.name,
    }
    .render(lang);
    ws.write_string_with_format(*row, 0, &title, &f.title)
        .map_err(xl)?;
    *row += 1;
    if !info.title.is_empty() {
        ws.write_string(*row, 0, info.title.get(lang)).map_err(xl)?;
        *row += 1;
    }
    let period = Text::ProgrammeDates {
        start: info.start,
        end: info.end,
    }
    .render(lang);
    ws.write_string(*row, 0, &period).map_err(xl)?;
    *row += 2;
    Ok(())
}

/// How to fill the workbook: the rules, one merged line each.
fn write_instructions_rules(
    ws: &mut Worksheet,
    f: &Formats,
    programme: &Programme,
    lang: Lang,
    prefilled: &[usize],
    row: &mut u32,
) -> Result<(), TemplateError> {
    let xl = instructions_error;
    ws.write_string_with_format(*row, 0, Word::HowToFill.text(lang), &f.heading)
        .map_err(xl)?;
    *row += 1;
    let filled_names: Vec<&str> = programme
        .datasets
        .iter()
        .zip(prefilled)
        .filter(|(_, n)| **n > 0)
        .map(|(d, _)| d.name.as_str())
        .collect();
    for line in rules_text(programme, lang, &filled_names) {
        ws.merge_range(*row, 0, *row, 5, &format!("• {line}"), &f.wrap)
            .map_err(xl)?;
        // Merged cells do not grow with their text: give long lines room.
        let lines = (line.chars().count() / 150 + 1) as f64;
        ws.set_row_height(*row, 15.0 * lines).map_err(xl)?;
        *row += 1;
    }
    *row += 1;
    Ok(())
}

/// The table of the workbook's sheets: one row per dataset.
fn write_sheets_table(
    ws: &mut Worksheet,
    f: &Formats,
    programme: &Programme,
    lang: Lang,
    prefilled: &[usize],
    row: &mut u32,
) -> Result<(), TemplateError> {
    let xl = instructions_error;
    ws.write_string_with_format(*row, 0, Word::TheSheets.text(lang), &f.heading)
        .map_err(xl)?;
    *row += 1;
    for (c, h) in Word::SHEETS_TABLE.iter().enumerate() {
        ws.write_string_with_format(*row, c as u16, h.text(lang), &f.table_header)
            .map_err(xl)?;
    }
    *row += 1;
    for (i, ds) in programme.datasets.iter().enumerate() {
        let refs: Vec<&str> = ds
            .columns
            .iter()
            .filter_map(|c| c.references.as_deref())
            .collect();
        let filled = prefilled.get(i).copied().unwrap_or(0);
        let cells = [
            ds.name.clone(),
            ds.label.get(lang).to_owned(),
            ds.key.clone().unwrap_or_default(),
            ds.description.get(lang).to_owned(),
            refs.join(", "),
            if filled > 0 {
                filled.to_string()
            } else {
                String::new()
            },
        ];
        for (c, text) in cells.iter().enumerate() {
            ws.write_string_with_format(*row, c as u16, text, &f.wrap)
                .map_err(xl)?;
        }
        *row += 1;
    }
    *row += 1;
    Ok(())
}

/// The table of every dataset's columns, with their rule and whether
/// they are required.
fn write_columns_table(
    ws: &mut Worksheet,
    f: &Formats,
    programme: &Programme,
    lang: Lang,
    row: &mut u32,
) -> Result<(), TemplateError> {
    let xl = instructions_error;
    ws.write_string_with_format(*row, 0, Word::TheColumns.text(lang), &f.heading)
        .map_err(xl)?;
    *row += 1;
    for (c, h) in Word::COLUMNS_TABLE.iter().enumerate() {
        ws.write_string_with_format(*row, c as u16, h.text(lang), &f.table_header)
            .map_err(xl)?;
    }
    *row += 1;
    for ds in &programme.datasets {
        for col in &ds.columns {
            let cells = [
                ds.name.clone(),
                col.name.clone(),
                col.label.get(lang).to_owned(),
                col.description.get(lang).to_owned(),
                col.rule(lang),
                col.requirement(lang),
            ];
            for (c, text) in cells.iter().enumerate() {
                ws.write_string_with_format(*row, c as u16, text, &f.wrap)
                    .map_err(xl)?;
            }
            *row += 1;
        }
    }
    Ok(())
}

/// A list check of the codes a referenced dataset's key column holds;
/// none when the dataset or its key column is not found.
fn reference_validation(
    programme: &Programme,
    column: &ColumnSchema,
    target: &str,
    last_rows: &[u32],
    lang: Lang,
) -> Result<Option<DataValidation>, XlsxError> {
    let label = column.label.get(lang);
    let Some((t, tschema)) = programme
        .datasets
        .iter()
        .enumerate()
        .find(|(_, d)| d.name == target)
    else {
        return Ok(None);
    };
    let Some(key) = tschema
        .key
        .as_deref()
        .and_then(|k| tschema.columns.iter().position(|c| c.name == k))
    else {
        return Ok(None);
    };
    let letter = column_number_to_name(key as u16);
    let range = format!(
        "={}!${letter}$2:${letter}${}",
        quote_sheet_name(&tschema.name),
        last_rows[t] + 1
    );
    let message = Text::PickCode {
        label,
        sheet: target,
    }
    .render(lang);
    let dv = list_warning(
        DataValidation::new().allow_list_formula(Formula::new(range)),
        message,
        lang,
    )?;
    Ok(Some(dv))
}

/// A list check that warns (the value may still be typed), with its message.
fn list_warning(
    dv: DataValidation,
    message: String,
    lang: Lang,
) -> Result<DataValidation, XlsxError> {
    dv.set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title(Word::ValueNotInList.text(lang))?
        .set_error_message(truncate(&message, 255))
}

/// The check of a number column: whole numbers for an integer, always;
/// the declared range when there is one.
fn number_validation(
    column: &ColumnSchema,
    lang: Lang,
) -> Result<Option<DataValidation>, XlsxError> {
    let label = column.label.get(lang);
    match column.kind {
        ColumnType::Integer => {
            // Whole numbers always; the declared range when there is one.
            let lo = column.min.map_or(i32::MIN, |m| {
                m.ceil().clamp(i32::MIN as f64, i32::MAX as f64) as i32
            });
            let hi = column.max.map_or(i32::MAX, |m| {
                m.floor().clamp(i32::MIN as f64, i32::MAX as f64) as i32
            });
            let message = Text::ColumnRule {
                label,
                rule: &column.rule(lang),
            }
            .render(lang);
            let dv = DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(lo, hi))
                .set_error_title(Word::WholeNumberExpected.text(lang))
                .and_then(|dv| dv.set_error_message(truncate(&message, 255)))?;
            Ok(Some(dv))
        }
        ColumnType::Amount if column.min.is_some() || column.max.is_some() => {
            let rule = match (column.min, column.max) {
                (Some(lo), Some(hi)) => DataValidationRule::Between(lo, hi),
                (Some(lo), None) => DataValidationRule::GreaterThanOrEqualTo(lo),
                (None, Some(hi)) => DataValidationRule::LessThanOrEqualTo(hi),
                (None, None) => unreachable!("guarded by the match arm"),
            };
            let message = Text::ColumnRule {
                label,
                rule: &column.rule(lang),
            }
            .render(lang);
            let dv = DataValidation::new()
                .allow_decimal_number(rule)
                .set_error_title(Word::NumberOutOfRange.text(lang))
                .and_then(|dv| dv.set_error_message(truncate(&message, 255)))?;
            Ok(Some(dv))
        }
        _ => Ok(None),
    }
}
