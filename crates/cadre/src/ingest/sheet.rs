//! One sheet's rows turned into typed columns, row by row, with every
//! rejected row recorded as a [`Problem`].

use std::collections::HashMap;
use std::path::Path;

use polars::prelude::*;

use super::read::RowCells;
use super::report::{Problem, Rule, SheetReport};
use crate::cell::{self, Cell, CellError};
use crate::error::{Error, Result};
use crate::schema::{ColumnSchema, ColumnType, DatasetSchema};
use crate::text::{closest, fold_key, fold_name};

/// Name of the column that keeps each row's number in its sheet.
pub const ROW_COLUMN: &str = "_row";

/// The first occurrence of a key: its row, its spelling, and whether the
/// row is (still) accepted.
#[derive(Debug, Clone)]
pub struct KeyEntry {
    /// Row number in the sheet.
    pub row: u32,
    /// The key as written on that row (trimmed).
    pub canonical: String,
    /// Whether the row was accepted.
    pub accepted: bool,
}

enum Builder {
    Text(StringChunkedBuilder),
    Int(PrimitiveChunkedBuilder<Int64Type>),
    Float(PrimitiveChunkedBuilder<Float64Type>),
    Date(PrimitiveChunkedBuilder<Int32Type>),
    Bool(BooleanChunkedBuilder),
}

/// A typed value of one cell, borrowed where possible.
enum Value<'a> {
    Null,
    Text(std::borrow::Cow<'a, str>),
    Int(i64),
    Float(f64),
    Date(i32),
    Bool(bool),
}

/// Reads one sheet into a dataset frame.
pub struct SheetIngester<'s> {
    schema: &'s DatasetSchema,
    file: String,
    sheet: String,
    /// For each schema column, the 0-based sheet column holding it.
    positions: Vec<Option<u32>>,
    /// Headers as written, by sheet column, for messages.
    headers: HashMap<u32, String>,
    header_row: Option<u32>,
    last_row: u32,
    builders: Vec<Builder>,
    rows: Vec<u32>,
    /// Per unique column: folded value → first occurrence.
    pub(crate) uniques: Vec<(usize, HashMap<String, KeyEntry>)>,
    pub(crate) report: SheetReport,
    pub(crate) problems: Vec<Problem>,
    rejected_rows: Vec<u32>,
    /// Per enum column: text as written → index of its canonical value, or,
    /// for a text that is no value, the index of the closest value if any.
    /// Folding (Unicode decomposition) is costly; a sheet repeats few spellings.
    enum_cache: Vec<PlHashMap<String, Result<usize, Option<usize>>>>,
    /// Per column, its compiled pattern (checked valid when the programme loaded).
    patterns: Vec<Option<regex::Regex>>,
    /// The accepted rows of later parts of the sheet, typed by forks
    /// ([`SheetIngester::fork`]) and absorbed in order.
    tails: Vec<DataFrame>,
    /// For a fork, the row before its part of the sheet.
    part_after: u32,
    /// A row's typed values and failed cells, kept between rows for their
    /// allocations (empty between rows).
    scratch: (Vec<Value<'static>>, Vec<bool>),
}

impl<'s> SheetIngester<'s> {
    /// A new ingester for `schema`'s sheet `sheet` of `file`.
    pub fn new(schema: &'s DatasetSchema, file: &Path, sheet: &str) -> Self {
        let builders = schema
            .columns
            .iter()
            .map(|c| match c.kind {
                ColumnType::Text | ColumnType::Enum => {
                    Builder::Text(StringChunkedBuilder::new(c.name.as_str().into(), 1024))
                }
                ColumnType::Integer => {
                    Builder::Int(PrimitiveChunkedBuilder::new(c.name.as_str().into(), 1024))
                }
                ColumnType::Amount => {
                    Builder::Float(PrimitiveChunkedBuilder::new(c.name.as_str().into(), 1024))
                }
                ColumnType::Date => {
                    Builder::Date(PrimitiveChunkedBuilder::new(c.name.as_str().into(), 1024))
                }
                ColumnType::Boolean => {
                    Builder::Bool(BooleanChunkedBuilder::new(c.name.as_str().into(), 1024))
                }
            })
            .collect();
        let uniques = schema
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.unique || schema.key.as_deref() == Some(c.name.as_str()))
            .map(|(i, _)| (i, HashMap::new()))
            .collect();
        let file = file.display().to_string();
        SheetIngester {
            schema,
            report: SheetReport {
                dataset: schema.name.clone(),
                file: file.clone(),
                sheet: sheet.to_owned(),
                ..Default::default()
            },
            file,
            sheet: sheet.to_owned(),
            positions: vec![None; schema.columns.len()],
            headers: HashMap::new(),
            header_row: None,
            last_row: 0,
            builders,
            rows: Vec::new(),
            uniques,
            problems: Vec::new(),
            rejected_rows: Vec::new(),
            enum_cache: vec![PlHashMap::new(); schema.columns.len()],
            patterns: schema
                .columns
                .iter()
                .map(|c| c.compiled_pattern().and_then(Result::ok))
                .collect(),
            tails: Vec::new(),
            part_after: 0,
            scratch: Default::default(),
        }
    }

    /// The dataset read.
    pub(crate) fn dataset(&self) -> &str {
        &self.schema.name
    }

    /// Whether the header row has been read.
    pub(crate) fn has_header(&self) -> bool {
        self.header_row.is_some()
    }

    /// Whether a later part of the sheet can be typed apart (by a
    /// [`fork`](SheetIngester::fork)) and absorbed: the header is read and
    /// no column is unique, so no row's outcome depends on another row.
    pub(crate) fn splittable(&self) -> bool {
        self.has_header() && self.uniques.is_empty()
    }

    /// An ingester for a later part of the same sheet: the same header,
    /// nothing typed yet. Its rows are numbered as in the whole sheet; set
    /// the row before its part with [`SheetIngester::set_last_row`].
    pub(crate) fn fork(&self) -> SheetIngester<'s> {
        let mut fork = SheetIngester::new(self.schema, Path::new(""), &self.sheet);
        fork.file = self.file.clone();
        fork.report.file = self.file.clone();
        fork.positions = self.positions.clone();
        fork.headers = self.headers.clone();
        fork.header_row = self.header_row;
        fork.last_row = self.last_row;
        fork
    }

    /// The row before this ingester's part of the sheet.
    pub(crate) fn set_last_row(&mut self, row: u32) {
        self.last_row = row;
        self.part_after = row;
    }

    /// Takes in the rows of `later`, a fork that typed the part of the sheet
    /// right after this one's, as if this ingester had read them: the rows
    /// between this one's last row and the fork's part count as empty rows.
    pub(crate) fn absorb(&mut self, mut later: SheetIngester<'s>) {
        let gap = later.part_after.saturating_sub(self.last_row) as usize;
        self.report.read += gap + later.report.read;
        self.report.skipped_empty += gap + later.report.skipped_empty;
        self.problems.append(&mut later.problems);
        self.rejected_rows.append(&mut later.rejected_rows);
        self.last_row = later.last_row;
        let frame = later.take_frame();
        self.tails.push(frame);
        self.tails.append(&mut later.tails);
    }

    /// Takes one row of the sheet (rows arrive in order; missing numbers are
    /// empty rows).
    pub fn row(&mut self, number: u32, cells: &RowCells) -> Result<()> {
        let blank = cells.iter().all(|(_, c)| c.is_blank());
        let Some(_) = self.header_row else {
            if !blank {
                self.read_header(number, cells)?;
            }
            return Ok(());
        };
        // Rows with no cell at all do not reach us: count the gap as empty rows.
        if number > self.last_row + 1 {
            let gap = (number - self.last_row - 1) as usize;
            self.report.read += gap;
            self.report.skipped_empty += gap;
        }
        self.last_row = number;
        self.report.read += 1;
        if blank {
            self.report.skipped_empty += 1;
            return Ok(());
        }
        self.take_row(number, cells);
        Ok(())
    }

    fn read_header(&mut self, number: u32, cells: &RowCells) -> Result<()> {
        self.header_row = Some(number);
        self.last_row = number;
        let mut found = Vec::new();
        // Per column, the headers naming it by the end of their group path
        // (`grp_visit/date`), in sheet order.
        let mut by_path: Vec<Vec<u32>> = vec![Vec::new(); self.schema.columns.len()];
        for (col, c) in cells {
            let h = c.display().trim().to_owned();
            if h.is_empty() {
                continue;
            }
            let folded = fold_name(&h);
            // The first header naming a column wins; a repeated one is ignored.
            if let Some(i) = self.column_named(&folded) {
                if self.positions[i].is_none() {
                    self.positions[i] = Some(*col);
                }
            } else if let Some(i) = group_path_ends(&folded).find_map(|n| self.column_named(n)) {
                by_path[i].push(*col);
            }
            self.headers.insert(*col, h.clone());
            found.push(h);
        }
        for (i, paths) in by_path.into_iter().enumerate() {
            // A header naming the column exactly keeps precedence.
            match paths[..] {
                _ if self.positions[i].is_some() => {}
                [] => {}
                [one] => self.positions[i] = Some(one),
                [first, second, ..] => return Err(self.ambiguous_header(i, first, second)),
            }
        }
        for (i, c) in self.schema.columns.iter().enumerate() {
            if self.positions[i].is_none() && (c.required || c.required_when.is_some()) {
                return Err(Error::MissingColumn {
                    path: self.file.clone().into(),
                    sheet: self.sheet.clone(),
                    column: c.name.clone(),
                    closest: closest(&c.name, found.iter().map(String::as_str)).map(str::to_owned),
                    definition: Box::new(crate::error::ColumnDefinition {
                        dataset: self.schema.name.clone(),
                        aliases: c.aliases.clone(),
                        found,
                    }),
                });
            }
        }
        Ok(())
    }

    /// The column a folded header names, by its name or an alias.
    fn column_named(&self, folded: &str) -> Option<usize> {
        self.schema
            .columns
            .iter()
            .position(|s| s.matches_header(folded))
    }

    /// Two headers whose group paths end in the name of column `i`.
    fn ambiguous_header(&self, i: usize, first: u32, second: u32) -> Error {
        let header = |col: u32| self.headers.get(&col).cloned().unwrap_or_default();
        Error::AmbiguousHeader {
            path: self.file.clone().into(),
            sheet: self.sheet.clone(),
            dataset: self.schema.name.clone(),
            column: self.schema.columns[i].name.clone(),
            headers: Box::new([header(first), header(second)]),
        }
    }

    fn enum_value<'c>(&mut self, i: usize, c: &Cell) -> std::result::Result<Value<'c>, Rule>
    where
        's: 'c,
    {
        let col: &'s ColumnSchema = &self.schema.columns[i];
        let text = match c {
            Cell::Text(t) => std::borrow::Cow::Borrowed(t.as_ref()),
            other => match cell::to_text(other) {
                Ok(Some(t)) => std::borrow::Cow::Owned(t),
                Ok(None) => return Ok(Value::Null),
                Err(_) => return Err(Rule::SpreadsheetError),
            },
        };
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        let cache = &mut self.enum_cache[i];
        let index = match cache.get(text.as_ref()) {
            Some(index) => *index,
            None => {
                let index = match col
                    .canonical_value(&text)
                    .and_then(|v| col.values.iter().position(|x| x == v))
                {
                    Some(k) => Ok(k),
                    // The closest value is looked for once per distinct cell text.
                    None => Err(
                        crate::text::closest(&text, col.values.iter().map(String::as_str))
                            .and_then(|c| col.values.iter().position(|x| x == c)),
                    ),
                };
                cache.insert(text.to_string(), index);
                index
            }
        };
        match index {
            Ok(k) => Ok(Value::Text(std::borrow::Cow::Borrowed(
                col.values[k].as_str(),
            ))),
            Err(closest) => Err(Rule::NotAllowed {
                allowed: col.values.clone(),
                closest: closest.map(|k| col.values[k].clone()),
            }),
        }
    }

    fn header(&self, i: usize) -> String {
        self.positions[i]
            .and_then(|p| self.headers.get(&p).cloned())
            .unwrap_or_else(|| self.schema.columns[i].name.clone())
    }

    fn problem(&self, row: u32, i: usize, value: String, rule: Rule) -> Problem {
        Problem {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            dataset: self.schema.name.clone(),
            row,
            column: self.header(i),
            value,
            rule,
        }
    }

    fn take_row(&mut self, number: u32, cells: &RowCells) {
        let cell_at = |pos: Option<u32>| -> &Cell {
            static EMPTY: Cell<'static> = Cell::Empty;
            pos.and_then(|p| cells.iter().find(|(c, _)| *c == p).map(|(_, v)| v))
                .unwrap_or(&EMPTY)
        };
        let schema = self.schema;
        let (values, mut failed) = std::mem::take(&mut self.scratch);
        let mut values: Vec<Value> = recycle(values);
        failed.clear();
        failed.resize(schema.columns.len(), false);
        let mut problems = Vec::new();
        for (i, col) in schema.columns.iter().enumerate() {
            let cell = cell_at(self.positions[i]);
            let value = match col.kind {
                ColumnType::Enum => self.enum_value(i, cell),
                _ => typed(col, cell),
            };
            let value = match (value, &self.patterns[i]) {
                (Ok(Value::Text(t)), Some(re)) if !re.is_match(&t) => Err(Rule::Pattern {
                    pattern: col.pattern.clone().unwrap_or_default(),
                }),
                (v, _) => v,
            };
            match value {
                Ok(v) => values.push(v),
                Err(rule) => {
                    problems.push(self.problem(number, i, cell.display(), rule));
                    failed[i] = true;
                    values.push(Value::Null);
                }
            }
        }
        // Required and conditionally required cells.
        for (i, col) in schema.columns.iter().enumerate() {
            if !matches!(values[i], Value::Null) || failed[i] {
                continue;
            }
            if let Some(rule) = self.missing(col, &values) {
                problems.push(self.problem(number, i, String::new(), rule));
            }
        }
        // Unique columns: the first occurrence holds the value, accepted or not.
        let mut duplicate = Vec::new();
        for (k, (i, seen)) in self.uniques.iter().enumerate() {
            if let Value::Text(t) = &values[*i]
                && let Some(first) = seen.get(&fold_key(t))
            {
                duplicate.push((k, *i, first.row, t.to_string()));
            }
        }
        for (_, i, first_row, value) in &duplicate {
            problems.push(self.problem(
                number,
                *i,
                value.clone(),
                Rule::Duplicate {
                    first_row: *first_row,
                },
            ));
        }
        let accepted = problems.is_empty();
        for (k, (i, seen)) in self.uniques.iter_mut().enumerate() {
            if duplicate.iter().any(|(d, ..)| *d == k) {
                continue;
            }
            if let Value::Text(t) = &values[*i] {
                seen.insert(
                    fold_key(t),
                    KeyEntry {
                        row: number,
                        canonical: t.to_string(),
                        accepted,
                    },
                );
            }
        }
        if !accepted {
            self.problems.extend(problems);
            self.rejected_rows.push(number);
            self.scratch = (recycle(values), failed);
            return;
        }
        self.append(number, &mut values);
        self.scratch = (recycle(values), failed);
    }

    /// The rule an empty cell of `col` breaks, if any: a required column,
    /// or one required when another column of the row holds a value.
    fn missing(&self, col: &ColumnSchema, values: &[Value]) -> Option<Rule> {
        if col.required {
            return Some(Rule::Required);
        }
        let cond = col.required_when.as_ref()?;
        let other = self
            .schema
            .columns
            .iter()
            .position(|c| c.name == cond.column);
        let holds = match other.map(|j| &values[j]) {
            Some(Value::Text(t)) => {
                crate::text::fold_value(t) == crate::text::fold_value(&cond.equals)
            }
            // A boolean column's condition is any of its spellings (checked at load).
            Some(Value::Bool(b)) => cell::parse_bool_text(&cond.equals) == Some(*b),
            _ => false,
        };
        holds.then(|| Rule::RequiredWhen {
            column: cond.column.clone(),
            equals: cond.equals.clone(),
        })
    }

    /// Appends an accepted row's values (leaving `values` empty) and its number.
    fn append(&mut self, number: u32, values: &mut Vec<Value>) {
        for (b, v) in self.builders.iter_mut().zip(values.drain(..)) {
            match (b, v) {
                (Builder::Text(b), Value::Text(t)) => b.append_value(t.as_ref()),
                (Builder::Text(b), _) => b.append_null(),
                (Builder::Int(b), Value::Int(i)) => b.append_value(i),
                (Builder::Int(b), _) => b.append_null(),
                (Builder::Float(b), Value::Float(f)) => b.append_value(f),
                (Builder::Float(b), _) => b.append_null(),
                (Builder::Date(b), Value::Date(d)) => b.append_value(d),
                (Builder::Date(b), _) => b.append_null(),
                (Builder::Bool(b), Value::Bool(v)) => b.append_value(v),
                (Builder::Bool(b), _) => b.append_null(),
            }
        }
        self.rows.push(number);
    }

    /// The accepted rows typed so far, with their row numbers; the
    /// builders are left empty.
    fn take_frame(&mut self) -> DataFrame {
        let height = self.rows.len();
        let mut columns: Vec<Column> = Vec::with_capacity(self.builders.len() + 1);
        for b in std::mem::take(&mut self.builders) {
            columns.push(match b {
                Builder::Text(b) => b.finish().into_column(),
                Builder::Int(b) => b.finish().into_column(),
                Builder::Float(b) => b.finish().into_column(),
                Builder::Date(b) => b.finish().into_date().into_column(),
                Builder::Bool(b) => b.finish().into_column(),
            });
        }
        columns.push(
            UInt32Chunked::from_vec(ROW_COLUMN.into(), std::mem::take(&mut self.rows))
                .into_column(),
        );
        DataFrame::new(height, columns).expect("columns built with one value per accepted row")
    }

    /// The frame of row-level accepted rows, with their row numbers.
    pub fn finish(mut self) -> (DataFrame, SheetIngesterResult) {
        let mut frame = self.take_frame();
        for tail in std::mem::take(&mut self.tails) {
            frame
                .vstack_mut_owned(tail)
                .expect("parts of one sheet have the same columns");
        }
        self.report.rejected = self.rejected_rows.len();
        self.report.accepted = frame.height();
        let headers = (0..self.schema.columns.len())
            .map(|i| self.header(i))
            .collect();
        (
            frame,
            SheetIngesterResult {
                report: self.report,
                problems: self.problems,
                uniques: self.uniques,
                headers,
            },
        )
    }
}

/// An empty vector on `v`'s allocation, for values of another lifetime:
/// a row's values borrow its cells, and the next row's others.
fn recycle<'a, 'b>(mut v: Vec<Value<'a>>) -> Vec<Value<'b>> {
    v.clear();
    v.into_iter().map(|_| Value::Null).collect()
}

/// The ends of a header's group path, longest first: `grp/sub/name` gives
/// `sub/name` then `name` (KoboToolbox and ODK head a question inside a
/// group with the group's path). Nothing for a header without a path.
fn group_path_ends(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .match_indices('/')
        .map(move |(i, _)| &folded[i + 1..])
        .filter(|end| !end.is_empty())
}

/// What a finished sheet leaves besides its frame.
pub struct SheetIngesterResult {
    /// Its accounting (before reference checks).
    pub report: SheetReport,
    /// Its row-level problems.
    pub problems: Vec<Problem>,
    /// Per unique column (by schema index): folded value → first occurrence.
    pub uniques: Vec<(usize, HashMap<String, KeyEntry>)>,
    /// Per schema column, its header as written in the sheet.
    pub headers: Vec<String>,
}

fn typed<'c>(col: &ColumnSchema, c: &'c Cell) -> std::result::Result<Value<'c>, Rule> {
    let rule = |e: CellError| match e {
        CellError::NotANumber => Rule::NotANumber,
        CellError::AmbiguousNumber => Rule::AmbiguousNumber,
        CellError::NotWhole => Rule::NotWhole,
        CellError::NotADate => Rule::NotADate,
        CellError::SpreadsheetError => Rule::SpreadsheetError,
        CellError::NotABoolean => Rule::NotABoolean,
    };
    let range = |v: f64| -> std::result::Result<(), Rule> {
        if let Some(min) = col.min.filter(|m| v < *m) {
            return Err(Rule::BelowMin { min });
        }
        if let Some(max) = col.max.filter(|m| v > *m) {
            return Err(Rule::AboveMax { max });
        }
        Ok(())
    };
    Ok(match col.kind {
        ColumnType::Text => match c {
            Cell::Text(t) if t.trim().is_empty() => Value::Null,
            Cell::Text(std::borrow::Cow::Borrowed(t)) => {
                Value::Text(std::borrow::Cow::Borrowed(t.trim()))
            }
            other => cell::to_text(other)
                .map_err(rule)?
                .map_or(Value::Null, |t| Value::Text(t.into())),
        },
        ColumnType::Enum => unreachable!("enums are read by SheetIngester::enum_value"),
        ColumnType::Integer => match cell::to_integer(c).map_err(rule)? {
            None => Value::Null,
            Some(i) => {
                range(i as f64)?;
                Value::Int(i)
            }
        },
        ColumnType::Amount => match cell::to_number(c).map_err(rule)? {
            None => Value::Null,
            Some(f) => {
                range(f)?;
                Value::Float(f)
            }
        },
        ColumnType::Date => match cell::to_date(c).map_err(rule)? {
            None => Value::Null,
            Some(d) => Value::Date(crate::period::to_epoch_days(d)),
        },
        ColumnType::Boolean => cell::to_bool(c)
            .map_err(rule)?
            .map_or(Value::Null, Value::Bool),
    })
}
