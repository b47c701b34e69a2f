//! Computing indicators for a period, with polars.
//!
//! For each indicator the rows it selects are prepared once (dataset,
//! references followed, filter applied, date, value and categories in
//! columns named `__date`, `__value`, `__cat_<dimension>`); each period then
//! only filters those rows by date and aggregates, grouped by category for
//! breakdowns. An [`Engine`] keeps the prepared rows, so computing many
//! periods costs little more than computing one.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use chrono::NaiveDate;
use polars::prelude::*;

use crate::error::{Error, Result};
use crate::filter;
use crate::indicator::{IndicatorDef, Selection};
use crate::ingest::{Data, PART_COLUMN, ROW_COLUMN};
use crate::period::{Period, to_epoch_days};
use crate::programme::Programme;
use crate::schema::ColumnType;
use crate::status::Judging;
pub use crate::status::{
    AT_RISK_OF_CEILING, AT_RISK_OF_FLOOR, AT_RISK_OF_MILESTONE, DueMilestone, status,
};
use crate::table::{Breakdown, Category, IndicatorTable, IndicatorValue, RatioParts};
use crate::text::fold_name;
use crate::window::WindowDef;

/// The row's date, in days since the epoch.
pub(crate) const DATE: &str = "__date";
/// The value aggregated, per row.
pub(crate) const VALUE: &str = "__value";
/// Positions of the rows a filter keeps (a column of a frame in passing).
const SELECTED: &str = "__selected";

/// The column holding the category of a dimension.
pub(crate) fn category_column(by: &str) -> String {
    format!("__cat_{by}")
}

/// How one side of a measure aggregates its rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Agg {
    Count,
    Distinct,
    /// Distinct values, counting in a window that has a start only those
    /// whose first row (since the start) is dated in it.
    DistinctNew,
    Sum,
    Mean,
    Latest,
    /// Units at a stage (`measure/stage_units.rs`).
    Units(crate::measure::UnitsRule),
}

impl Agg {
    /// Value of the aggregate over no rows.
    fn empty_value(self) -> Option<f64> {
        match self {
            Agg::Count | Agg::Distinct | Agg::DistinctNew | Agg::Sum => Some(0.0),
            Agg::Mean | Agg::Latest => None,
            Agg::Units(rule) => rule.empty_value(),
        }
    }
}

/// Rows prepared for one aggregate.
#[derive(Debug, Clone)]
pub(crate) struct Side {
    /// `__date` (when dated), `__value` (unless a count), `__cat_*`, `_row`, `_part`.
    pub frame: DataFrame,
    pub agg: Agg,
    pub dated: bool,
    /// The indicator's window: which of these rows each value takes.
    pub window: WindowDef,
}

impl Side {
    /// The rows that have a value (`__value` not empty): a latest value or
    /// stage is that of the latest row that has one, not of the latest row.
    pub(crate) fn with_values_only(mut self, ind: &IndicatorDef) -> Result<Side> {
        self.frame = self
            .frame
            .lazy()
            .filter(col(VALUE).is_not_null())
            .collect()
            .map_err(Engine::compute_error(ind))?;
        Ok(self)
    }
}

/// An indicator's prepared rows.
#[derive(Debug, Clone)]
pub(crate) enum Prepared {
    /// One aggregate.
    Single(Side),
    /// Numerator over denominator times scale; no value when the
    /// denominator is zero or negative.
    Ratio {
        numerator: Side,
        denominator: Side,
        scale: f64,
    },
    /// A formula over other indicators' prepared rows (`measure::formula`).
    Composite(crate::measure::formula::Composite),
}

impl Prepared {
    /// The rows of a single aggregate. A measure is prepared by its own
    /// type, so asking a share for one side is a bug, not an input error.
    pub(crate) fn single(&self) -> &Side {
        match self {
            Prepared::Single(side) => side,
            Prepared::Ratio { .. } => unreachable!("a share or ratio has two sides"),
            Prepared::Composite(_) => unreachable!("a composite has no rows of its own"),
        }
    }

    /// The numerator's and the denominator's rows of a share or ratio.
    pub(crate) fn sides(&self) -> (&Side, &Side) {
        match self {
            Prepared::Ratio {
                numerator,
                denominator,
                ..
            } => (numerator, denominator),
            Prepared::Single(_) => unreachable!("a single aggregate has one side"),
            Prepared::Composite(_) => unreachable!("a composite has no rows of its own"),
        }
    }
}

/// A window of dates: the period, or everything up to its end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
}

/// Computes indicators of one programme over one ingested dataset, caching
/// what does not depend on the period.
pub struct Engine<'a> {
    programme: &'a Programme,
    data: &'a Data,
    /// (dataset, reference column) → row of the referenced dataset, per row.
    indices: RefCell<HashMap<(String, String), IdxCa>>,
    /// Prepared rows by the indicator's position in the programme: only the
    /// programme's own definitions are computed, so nothing else can share
    /// (or spoil) an entry.
    prepared: RefCell<HashMap<usize, Rc<Prepared>>>,
}

/// A measure's value over one window (total or category), with the figures
/// of its two sides when it is a share or a ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Figure {
    pub value: Option<f64>,
    pub parts: Option<RatioParts>,
}

impl<'a> Engine<'a> {
    /// An engine over `data`, ingested for `programme`.
    pub fn new(programme: &'a Programme, data: &'a Data) -> Self {
        Engine {
            programme,
            data,
            indices: RefCell::default(),
            prepared: RefCell::default(),
        }
    }

    /// The programme.
    pub fn programme(&self) -> &Programme {
        self.programme
    }

    /// The ingested data.
    pub fn data(&self) -> &Data {
        self.data
    }

    /// Every indicator for `period`.
    pub fn compute(&self, period: &Period) -> Result<IndicatorTable> {
        let indicators = (0..self.programme.indicators.len())
            .map(|position| self.compute_at(position, period))
            .collect::<Result<Vec<_>>>()?;
        Ok(IndicatorTable {
            programme: self.programme.info.code.clone(),
            period: period.into(),
            indicators,
            period_targets: self.programme.has_period_targets(),
        })
    }

    /// Indicator `code` of the programme for `period`.
    pub fn compute_indicator(&self, code: &str, period: &Period) -> Result<IndicatorValue> {
        self.compute_at(self.position(code)?, period)
    }

    /// The position of indicator `code` in the programme.
    pub(crate) fn position(&self, code: &str) -> Result<usize> {
        let def = self.programme.indicator(code)?;
        Ok(self
            .programme
            .indicators
            .iter()
            .position(|i| std::ptr::eq(i, def))
            .expect("Programme::indicator returns one of the programme's indicators"))
    }

    /// The indicator at `position` in the programme, for `period`.
    fn compute_at(&self, position: usize, period: &Period) -> Result<IndicatorValue> {
        let ind = &self.programme.indicators[position];
        let err = Self::compute_error(ind);
        let prepared = self.prepare(position)?;
        let (in_period, cumulative) = ind.window.bounds(period);
        let period_value = evaluate(&prepared, in_period, None).map_err(err)?;
        let cumulative_value = evaluate(&prepared, cumulative, None).map_err(err)?;
        let total = |v: &Vec<(Option<String>, Figure)>| {
            v.first()
                .map(|(_, f)| *f)
                .unwrap_or_else(|| empty_window_figure(&prepared))
        };
        let (period_figure, cumulative_figure) = (total(&period_value), total(&cumulative_value));
        let (period_value, counted) = (period_figure.value, cumulative_figure.value);
        // A stock is its baseline plus what was counted: the value compared
        // with milestones and target. The period value stays what was counted.
        let cumulative_value = crate::baseline::stock_value(ind, counted);

        let breakdowns = self.breakdowns(ind, &prepared, in_period, cumulative)?;

        let milestone = ind.milestone_due(period.end);
        let judging = Judging::of(
            ind,
            period,
            self.programme.info.end,
            self.programme.status_rules,
        );
        let stage = crate::measure::judge_stage(self.programme, ind, cumulative_value, period);
        let mut value = IndicatorValue {
            code: ind.code.clone(),
            result: ind.result.clone(),
            level: ind.level,
            kind: ind.kind,
            direction: ind.direction,
            measure: ind.measure.type_name().to_owned(),
            label: ind.label.clone(),
            unit: ind.unit.clone(),
            period_value,
            cumulative_value,
            period_parts: period_figure.parts,
            cumulative_parts: cumulative_figure.parts,
            stock_counted: counted.filter(|_| ind.is_stock()),
            baseline: ind.baseline,
            milestone: stage.map_or(milestone, |s| s.0),
            target: ind.target,
            achievement_pct: crate::status::achievement(ind, cumulative_value)
                .filter(|_| stage.is_none()),
            status: match stage {
                Some((_, judged)) => judged,
                None => status(ind, cumulative_value, &judging),
            },
            breakdowns,
            period_target: None,
            period_achievement_pct: None,
        };
        crate::targets::apply(self.programme, ind, period, &judging, &mut value);
        Ok(value)
    }

    /// Each breakdown of `ind`: a line per category present in the
    /// cumulative window, with its period value (`crate::targets` adds a
    /// category's own target and status afterwards).
    fn breakdowns(
        &self,
        ind: &IndicatorDef,
        prepared: &Prepared,
        in_period: Window,
        cumulative: Window,
    ) -> Result<Vec<Breakdown>> {
        let err = Self::compute_error(ind);
        let mut breakdowns = Vec::new();
        for b in &ind.breakdowns {
            let cat = category_column(&b.by);
            let cum = evaluate(prepared, cumulative, Some(&cat)).map_err(err)?;
            let per = evaluate(prepared, in_period, Some(&cat)).map_err(err)?;
            let dimension = self.programme.dimension(&b.by).cloned();
            let empty_label = dimension
                .as_ref()
                .map(|d| d.empty.clone())
                .unwrap_or_default();
            let empty = empty_label
                .get(self.programme.default_language())
                .to_owned();
            let (order, labels) = self.category_order(ind, &b.by, b.column());
            let mut categories: Vec<Category> = cum
                .into_iter()
                .filter_map(|(c, v)| c.map(|c| (c, v)))
                .map(|(category, cumulative)| {
                    let period = per
                        .iter()
                        .find(|(c, _)| c.as_deref() == Some(category.as_str()))
                        .map(|(_, f)| *f)
                        .unwrap_or_else(|| empty_window_figure(prepared));
                    Category {
                        empty: category == empty,
                        label: labels.get(&category).cloned().unwrap_or_default(),
                        category,
                        period_value: period.value,
                        cumulative_value: cumulative.value,
                        period_parts: period.parts,
                        cumulative_parts: cumulative.parts,
                        target: None,
                        achievement_pct: None,
                        status: None,
                    }
                })
                .collect();
            categories.sort_by_key(|c| (c.empty, order(&c.category)));
            breakdowns.push(Breakdown {
                by: b.by.clone(),
                label: dimension.map(|d| d.label).unwrap_or_default(),
                empty_label,
                categories,
            });
        }
        Ok(breakdowns)
    }

    /// Sort key of a category: declared order for an enum, else by folded
    /// text; and the enum's labels. A composite reads no column: its
    /// categories are its parts', so they come in the order and with the
    /// labels of the first part broken down by the same dimension `by`.
    fn category_order(
        &self,
        ind: &IndicatorDef,
        by: &str,
        column: &str,
    ) -> (
        impl Fn(&str) -> (usize, String) + use<>,
        std::collections::BTreeMap<String, crate::text::Localized>,
    ) {
        let (values, labels) = self.enum_of(ind, by, column, 0).unwrap_or_default();
        let order = move |c: &str| {
            (
                values.iter().position(|v| v == c).unwrap_or(usize::MAX),
                fold_name(c),
            )
        };
        (order, labels)
    }

    /// The values and labels of the enum column (or the labels of the text
    /// column) `column` holding the
    /// categories of `ind`'s breakdown by `by`, following a composite to its
    /// parts (`depth` bounds the walk: the load refuses cycles, this only
    /// makes sure a walk ends).
    fn enum_of(
        &self,
        ind: &IndicatorDef,
        by: &str,
        column: &str,
        depth: usize,
    ) -> Option<(
        Vec<String>,
        std::collections::BTreeMap<String, crate::text::Localized>,
    )> {
        if let crate::measure::Measure::Formula(f) = &ind.measure {
            let parts = f.codes();
            return parts.iter().filter(|_| depth < 16).find_map(|code| {
                let part = self.programme.indicator(code).ok()?;
                let b = part.breakdowns.iter().find(|b| b.by == by)?;
                self.enum_of(part, by, b.column(), depth + 1)
            });
        }
        ind.measure.selections().first().and_then(|sel| {
            let fc = self.programme.resolve_column(sel, column).ok()?;
            let ds = self.programme.dataset(&sel.dataset)?;
            let schema_col = match &fc.via {
                None => ds.column(&fc.name)?,
                Some((r, c)) => self
                    .programme
                    .dataset(ds.column(r)?.references.as_deref()?)?
                    .column(c)?,
            };
            // An enum orders and labels its categories; a text column
            // labels them when it has labels (they then sort by text).
            match schema_col.kind {
                ColumnType::Enum => {
                    Some((schema_col.values.clone(), schema_col.value_labels.clone()))
                }
                ColumnType::Text if !schema_col.value_labels.is_empty() => {
                    Some((Vec::new(), schema_col.value_labels.clone()))
                }
                _ => None,
            }
        })
    }

    /// The prepared rows of the indicator at `position` (cached): each
    /// measure prepares its own (`crate::measure`).
    pub(crate) fn prepare(&self, position: usize) -> Result<Rc<Prepared>> {
        if let Some(p) = self.prepared.borrow().get(&position) {
            return Ok(p.clone());
        }
        let ind = &self.programme.indicators[position];
        let prepared = Rc::new(ind.measure.imp().prepare(self, ind)?);
        self.prepared
            .borrow_mut()
            .insert(position, prepared.clone());
        Ok(prepared)
    }

    /// An indicator's error from a polars error while computing it.
    pub(crate) fn compute_error(ind: &IndicatorDef) -> impl Fn(PolarsError) -> Error + Copy + '_ {
        |e| Error::Compute {
            indicator: ind.code.clone(),
            message: filter::clean_polars_message(&e.to_string()),
            defined_at: ind.defined_at.clone(),
        }
    }

    /// The rows of `sel` for one aggregate of indicator `ind`: `value` as
    /// `__value`, with the indicator's categories.
    pub(crate) fn side(
        &self,
        ind: &IndicatorDef,
        sel: &Selection,
        agg: Agg,
        value: Option<Expr>,
    ) -> Result<Side> {
        self.side_at(ind, sel, agg, value, 0)
    }

    /// The rows of the denominator of a share or ratio: with the categories
    /// of the breakdowns that split it, read in its own column
    /// ([`crate::indicator::BreakdownDef::column_in`]); a breakdown of the
    /// numerator only leaves its category out, and the denominator whole.
    pub(crate) fn denominator_side(
        &self,
        ind: &IndicatorDef,
        sel: &Selection,
        agg: Agg,
        value: Option<Expr>,
    ) -> Result<Side> {
        self.side_at(ind, sel, agg, value, 1)
    }

    /// The rows of the measure's selection at `position` (the numerator 0).
    fn side_at(
        &self,
        ind: &IndicatorDef,
        sel: &Selection,
        agg: Agg,
        value: Option<Expr>,
        position: usize,
    ) -> Result<Side> {
        let frame = self
            .selection_frame(ind, sel, value, position)
            .map_err(Self::compute_error(ind))?;
        Ok(Side {
            frame,
            agg,
            dated: sel.date.is_some(),
            window: ind.window.clone(),
        })
    }

    fn selection_frame(
        &self,
        ind: &IndicatorDef,
        sel: &Selection,
        value: Option<Expr>,
        position: usize,
    ) -> PolarsResult<DataFrame> {
        let cats: Vec<(String, String)> = ind
            .breakdowns
            .iter()
            .filter_map(|b| Some((b.by.clone(), b.column_in(position)?.to_owned())))
            .collect();
        self.selection_frame_with(sel, &ind.window.columns(), value, &cats)
    }

    /// The rows of a selection: filtered, with `__date`, `__value`, the
    /// category columns, `_row`, `_part`, and the `keep` columns under their names.
    pub(crate) fn selection_frame_with(
        &self,
        sel: &Selection,
        keep: &[&str],
        value: Option<Expr>,
        categories: &[(String, String)],
    ) -> PolarsResult<DataFrame> {
        let (filter_expr, mut needed) = match &sel.filter {
            Some(f) => {
                let (e, cols) =
                    filter::compile(f).map_err(|e| polars_err!(ComputeError: "{}", e.0))?;
                (Some(e), cols)
            }
            None => (None, Vec::new()),
        };
        // The filter first, on its own columns: the other columns (the
        // date, the value, the categories, often followed through a
        // reference) are then gathered for the selected rows only, not for
        // every row of the dataset.
        let selected = match filter_expr {
            Some(f) => {
                let mut filter_columns = needed.clone();
                filter_columns.push(ROW_COLUMN.to_owned());
                let kept = self
                    .frame(sel, &filter_columns, None)?
                    .lazy()
                    .with_row_index(SELECTED, None)
                    .filter(f)
                    .select([col(SELECTED)])
                    .collect()?;
                Some(kept.column(SELECTED)?.idx()?.clone())
            }
            None => None,
        };
        needed.extend(sel.date.iter().cloned());
        needed.extend(keep.iter().map(|s| s.to_string()));
        if let Some(v) = &value {
            needed.extend(
                v.clone()
                    .meta()
                    .root_names()
                    .into_iter()
                    .map(|n| n.to_string()),
            );
        }
        needed.extend(categories.iter().map(|(_, c)| c.clone()));
        needed.push(ROW_COLUMN.to_owned());
        needed.push(PART_COLUMN.to_owned());
        let base = self.frame(sel, &needed, selected.as_ref())?;

        let mut exprs = vec![col(ROW_COLUMN), col(PART_COLUMN)];
        exprs.extend(keep.iter().map(|k| col(*k)));
        if let Some(d) = &sel.date {
            exprs.push(col(d.as_str()).cast(DataType::Int32).alias(DATE));
        }
        if let Some(v) = value {
            exprs.push(v.alias(VALUE));
        }
        for (by, column) in categories {
            let empty = self
                .programme
                .dimension(by)
                .map(|d| d.empty.get(self.programme.default_language()).to_owned())
                .unwrap_or_default();
            exprs.push(
                col(column.as_str())
                    .cast(DataType::String)
                    .fill_null(lit(empty))
                    .alias(category_column(by)),
            );
        }
        base.lazy().select(exprs).collect()
    }

    /// The dataset's frame with the named columns, following references for
    /// `reference.column` names; only the rows at `rows` when given.
    fn frame(
        &self,
        sel: &Selection,
        names: &[String],
        rows: Option<&IdxCa>,
    ) -> PolarsResult<DataFrame> {
        let ds = self.data.dataset(&sel.dataset).ok_or_else(
            || polars_err!(ComputeError: "dataset `{}` was not ingested", sel.dataset),
        )?;
        let schema = self
            .programme
            .dataset(&sel.dataset)
            .ok_or_else(|| polars_err!(ComputeError: "dataset `{}` is not defined", sel.dataset))?;
        let mut seen = BTreeSet::new();
        let mut columns = Vec::new();
        for name in names {
            if !seen.insert(name.as_str()) {
                continue;
            }
            match name.split_once('.') {
                None => {
                    let column = ds.frame.column(name)?;
                    columns.push(match rows {
                        Some(rows) => column.take(rows)?,
                        None => column.clone(),
                    });
                }
                Some((reference, target_col)) => {
                    let target = schema
                        .column(reference)
                        .and_then(|c| c.references.clone())
                        .ok_or_else(|| polars_err!(ColumnNotFound: "`{name}`"))?;
                    let idx = self.reference_index(&sel.dataset, reference, &target)?;
                    let idx = match rows {
                        Some(rows) => idx.take(rows)?,
                        None => idx,
                    };
                    let tds = self.data.dataset(&target).ok_or_else(
                        || polars_err!(ComputeError: "dataset `{target}` was not ingested"),
                    )?;
                    let gathered = tds.frame.column(target_col)?.take(&idx)?;
                    columns.push(gathered.with_name(name.as_str().into()));
                }
            }
        }
        let height = rows.map_or(ds.frame.height(), |r| r.len());
        DataFrame::new(height, columns)
    }

    /// For each row of `dataset`, the row its `reference` column names in
    /// `target` (references were checked and rewritten at ingestion).
    fn reference_index(&self, dataset: &str, reference: &str, target: &str) -> PolarsResult<IdxCa> {
        let cache_key = (dataset.to_owned(), reference.to_owned());
        if let Some(idx) = self.indices.borrow().get(&cache_key) {
            return Ok(idx.clone());
        }
        let ds = self
            .data
            .dataset(dataset)
            .ok_or_else(|| polars_err!(ComputeError: "no dataset `{dataset}`"))?;
        let tds = self
            .data
            .dataset(target)
            .ok_or_else(|| polars_err!(ComputeError: "no dataset `{target}`"))?;
        let key = self
            .programme
            .dataset(target)
            .and_then(|d| d.key.clone())
            .unwrap_or_default();
        let keys = tds.frame.column(&key)?.str()?.clone();
        let positions: HashMap<&str, IdxSize> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| k.map(|k| (k, i as IdxSize)))
            .collect();
        let refs = ds.frame.column(reference)?.str()?.clone();
        let idx: IdxCa = refs
            .iter()
            .map(|r| r.and_then(|r| positions.get(r).copied()))
            .collect();
        self.indices.borrow_mut().insert(cache_key, idx.clone());
        Ok(idx)
    }
}

/// A measure over a window in which a category has no row on either side.
pub(crate) fn empty_window_figure(p: &Prepared) -> Figure {
    match p {
        Prepared::Single(s) => Figure {
            value: s.agg.empty_value(),
            parts: None,
        },
        // Both sides are empty: each has its aggregate's value over no rows,
        // and the ratio has none (the denominator is not positive).
        Prepared::Ratio {
            numerator,
            denominator,
            ..
        } => Figure {
            value: None,
            parts: Some(RatioParts {
                numerator: numerator.agg.empty_value(),
                denominator: denominator.agg.empty_value(),
            }),
        },
        Prepared::Composite(c) => crate::measure::formula::empty_composite_figure(c),
    }
}

/// A measure over a window, as one total (`by` = None) or per category.
pub(crate) fn evaluate(
    p: &Prepared,
    w: Window,
    by: Option<&str>,
) -> PolarsResult<Vec<(Option<String>, Figure)>> {
    match p {
        Prepared::Single(s) => Ok(aggregate(s, w, by)?
            .into_iter()
            .map(|(k, value)| (k, Figure { value, parts: None }))
            .collect()),
        Prepared::Ratio {
            numerator,
            denominator,
            scale,
        } => {
            // A breakdown of the numerator only has no category on the
            // denominator's rows: the denominator is taken whole.
            let whole_denominator = by.is_some_and(|c| denominator.frame.column(c).is_err());
            let num = aggregate(numerator, w, by)?;
            let den = aggregate(denominator, w, by.filter(|_| !whole_denominator))?;
            let mut keys: Vec<Option<String>> = if whole_denominator {
                numerator_categories(numerator, w, by)?
            } else {
                num.iter().chain(&den).map(|(k, _)| k.clone()).collect()
            };
            keys.sort();
            keys.dedup();
            let lookup = |side: &[(Option<String>, Option<f64>)], agg: Agg, k: &Option<String>| {
                side.iter()
                    .find(|(c, _)| c == k)
                    .map(|(_, v)| *v)
                    .unwrap_or_else(|| agg.empty_value())
            };
            Ok(keys
                .into_iter()
                .map(|k| {
                    let n = lookup(&num, numerator.agg, &k);
                    let d = if whole_denominator {
                        lookup(&den, denominator.agg, &None)
                    } else {
                        lookup(&den, denominator.agg, &k)
                    };
                    let value = match (n, d) {
                        (Some(n), Some(d)) if d > 0.0 => Some(n / d * scale),
                        _ => None,
                    };
                    let parts = Some(RatioParts {
                        numerator: n,
                        denominator: d,
                    });
                    (k, Figure { value, parts })
                })
                .collect())
        }
        Prepared::Composite(c) => crate::measure::formula::evaluate_composite(c, w, by),
    }
}

/// The categories of a numerator split alone, over everything up to the
/// window's end: a category with numerator rows before the period is 0 in
/// it (over the whole denominator), not empty. A row outside the numerator
/// (a share's row not meeting the condition) has no category.
fn numerator_categories(
    numerator: &Side,
    w: Window,
    by: Option<&str>,
) -> PolarsResult<Vec<Option<String>>> {
    let so_far = Window {
        start: None,
        end: w.end,
    };
    Ok(aggregate(numerator, so_far, by)?
        .into_iter()
        .filter_map(|(k, _)| k.map(Some))
        .collect())
}

/// The first date of each value, for counting the new ones.
const FIRST_DATE: &str = "__first_date";

/// Rows of a side inside a window, as the indicator's window keeps them
/// (`crate::window`; undated sides are taken whole unless the window dates
/// them itself).
pub(crate) fn window_rows(s: &Side, w: Window) -> LazyFrame {
    let lf = s.frame.clone().lazy();
    match (s.agg, w.start) {
        // A value is new in the window when its first row since the start
        // (over every row, whatever the window) is dated in it.
        (Agg::DistinctNew, Some(start)) => {
            let first = col(DATE)
                .min()
                .over([col(VALUE)])
                .expect("`over` fails only without a partition")
                .alias(FIRST_DATE);
            let rows = lf
                .with_column(first)
                .filter(col(FIRST_DATE).gt_eq(lit(to_epoch_days(start))))
                .drop(Selector::ByName {
                    names: [PlSmallStr::from_static(FIRST_DATE)].into(),
                    strict: true,
                });
            s.window.rows(rows, s.dated, w)
        }
        _ => s.window.rows(lf, s.dated, w),
    }
}

fn aggregate(
    s: &Side,
    w: Window,
    by: Option<&str>,
) -> PolarsResult<Vec<(Option<String>, Option<f64>)>> {
    let e = match s.agg {
        Agg::Count => len().cast(DataType::Float64),
        Agg::Distinct | Agg::DistinctNew => {
            col(VALUE).drop_nulls().n_unique().cast(DataType::Float64)
        }
        Agg::Sum => col(VALUE).cast(DataType::Float64).sum(),
        Agg::Mean => col(VALUE).cast(DataType::Float64).mean(),
        Agg::Latest => col(VALUE)
            .cast(DataType::Float64)
            .sort_by(
                [col(DATE)],
                SortMultipleOptions::default().with_maintain_order(true),
            )
            .last(),
        Agg::Units(rule) => return crate::measure::units_aggregate(s, w, by, rule),
    }
    .alias("__v");
    let lf = window_rows(s, w);
    match by {
        None => {
            let out = lf.select([e]).collect()?;
            let v = if out.height() == 0 {
                None
            } else {
                out.column("__v")?.f64()?.get(0)
            };
            // Over no rows a count or a sum is 0, a mean or a latest value empty.
            Ok(vec![(None, v.or_else(|| s.agg.empty_value()))])
        }
        Some(cat) => {
            let out = lf.group_by([col(cat)]).agg([e]).collect()?;
            let cats = out.column(cat)?.str()?.clone();
            let vals = out.column("__v")?.f64()?.clone();
            Ok(cats
                .iter()
                .zip(vals.iter())
                .map(|(c, v)| (c.map(str::to_owned), v))
                .collect())
        }
    }
}

/// Computes every indicator of `programme` for `period` (one-off; use an
/// [`Engine`] to compute several periods).
pub fn compute(programme: &Programme, data: &Data, period: &Period) -> Result<IndicatorTable> {
    Engine::new(programme, data).compute(period)
}
