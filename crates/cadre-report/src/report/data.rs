//! The report data: everything the template prints, as one JSON document.
//!
//! Text that typography touches (numbers, percentages, dates, amounts) is
//! formatted here, in the report's language; raw fractions in `[0, 1]` come
//! alongside for bars. The template only lays things out: it never computes
//! a value and never interprets a text as markup.

use cadre::indicator::{Aggregate, AggregateKind, Direction, IndicatorDef, Measure, Selection};
use cadre::schema::ColumnType;
use cadre::table::{Breakdown, IndicatorValue, RatioParts, Status};
use cadre::{Data, IndicatorTable, Programme};
use serde_json::{Map, Value, json};

use super::format::Formatter;
use super::methodology;
use super::{ReportError, ReportOptions};
use crate::tracking::status_color;

/// Rounds a fraction so the data file stays small and readable.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// `v / max`, clamped to `[0, 1]`.
fn fraction(v: f64, max: f64) -> f64 {
    if max > 0.0 {
        round4((v / max).clamp(0.0, 1.0))
    } else {
        0.0
    }
}

/// The top of a bar's scale: the largest value shown, and 100 at least for
/// a percentage, so that 40 % never fills a whole bar.
fn scale_max(percent: bool, values: impl IntoIterator<Item = f64>) -> f64 {
    let m = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let m = if percent { m.max(100.0) } else { m };
    if m > 0.0 { m } else { 1.0 }
}

fn is_percent(unit: &str) -> bool {
    unit.trim() == "%"
}

/// Builds the report data (see the module documentation).
pub(super) fn build(
    programme: &Programme,
    data: &Data,
    table: &IndicatorTable,
    options: &ReportOptions,
) -> Result<Value, ReportError> {
    let lang = options.lang.code();
    let f = Formatter::new(lang);
    let b = Builder {
        programme,
        data,
        table,
        lang,
        language: options.lang,
        f,
    };
    let info = &programme.info;
    let period = &table.period;

    let funders: Vec<Value> = info
        .funders
        .iter()
        .map(|fu| {
            json!({
                "code": fu.code,
                "name": fu.name.get(lang),
                "call": fu.call.get(lang),
                "rate": fu.rate_pct.map(|r| f.percent(r)),
                "rate_fraction": fu.rate_pct.map(|r| fraction(r, 100.0)),
            })
        })
        .collect();
    let total_days = (info.end - info.start).num_days().max(1) as f64;
    let elapsed_days =
        ((period.end - info.start).num_days() + 1).clamp(0, total_days as i64 + 1) as f64;

    let indicators: Vec<Value> = table.indicators.iter().map(|iv| b.indicator(iv)).collect();

    let mut statuses = Vec::new();
    for s in Status::ALL {
        let count = table.indicators.iter().filter(|i| i.status == s).count();
        statuses.push(json!({
            "status": s.as_str(),
            "label": s.text(options.lang),
            "color": color(s),
            "ink": ink(s),
            "count": count,
            "fraction": fraction(count as f64, table.indicators.len().max(1) as f64),
        }));
    }
    let refs = |wanted: Status| -> Vec<Value> {
        table
            .indicators
            .iter()
            .filter(|i| i.status == wanted)
            .map(|i| Value::String(i.code.clone()))
            .collect()
    };
    let key_figures: Vec<Value> = programme
        .report
        .key_figures
        .iter()
        .filter(|c| table.get(c).is_some())
        .map(|c| Value::String(c.clone()))
        .collect();

    let sections: Vec<Value> = programme
        .results
        .iter()
        .filter_map(|r| {
            let codes: Vec<Value> = table
                .indicators
                .iter()
                .filter(|i| i.result == r.code)
                .map(|i| Value::String(i.code.clone()))
                .collect();
            (!codes.is_empty()).then(|| {
                json!({
                    "code": r.code,
                    "level": r.level,
                    "label": r.label.get(lang),
                    "description": r.description.get(lang),
                    "indicators": codes,
                })
            })
        })
        .collect();

    let finance = b.finance()?;
    let methodology: Vec<Value> = programme
        .indicators
        .iter()
        .map(|d| b.methodology(d))
        .collect();
    let quality = b.quality(options.allow_rejected);
    let provenance = b.provenance(options)?;

    Ok(json!({
        "lang": lang,
        "programme": {
            "code": info.code,
            "name": info.name,
            "title": info.title.get(lang),
            "implementer": info.implementer.get(lang),
            "summary": info.summary.get(lang),
            "start": f.date(info.start),
            "end": f.date(info.end),
            "currency": info.currency,
            "funders": funders,
        },
        "period": {
            "label": period.label,
            "start": f.date(period.start),
            "end": f.date(period.end),
            "start_iso": period.start.to_string(),
            "end_iso": period.end.to_string(),
            "elapsed": f.percent(elapsed_days / total_days * 100.0),
            "elapsed_fraction": fraction(elapsed_days, total_days),
        },
        "issued": f.date(options.issue_date),
        "issued_iso": options.issue_date.to_string(),
        "summary": {
            "count": table.indicators.len(),
            "statuses": statuses,
            "key_figures": key_figures,
            "off_track": refs(Status::OffTrack),
            "at_risk": refs(Status::AtRisk),
        },
        "indicators": indicators,
        "sections": sections,
        "finance": finance,
        "methodology": methodology,
        "quality": quality,
        "provenance": provenance,
    }))
}

fn color(s: Status) -> String {
    format!("#{:06x}", status_color(s))
}

/// The text colour readable on a status colour: white on dark fills, near
/// black on light ones (amber, grey), by relative luminance.
fn ink(s: Status) -> &'static str {
    let c = status_color(s);
    let channel = |shift: u32| {
        let v = ((c >> shift) & 0xff) as f64 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
    // White text keeps a contrast of at least 4.5:1 below this luminance.
    if luminance < 0.18 {
        "#ffffff"
    } else {
        "#1a1a1a"
    }
}

struct Builder<'a> {
    programme: &'a Programme,
    data: &'a Data,
    table: &'a IndicatorTable,
    lang: &'a str,
    language: cadre::Lang,
    f: Formatter,
}

impl Builder<'_> {
    fn opt(&self, v: Option<f64>, unit: &str) -> Value {
        v.map(|v| Value::String(self.f.value(v, unit)))
            .unwrap_or(Value::Null)
    }

    /// A category's name as the report shows it, and the label of the result
    /// it names, when it is a result code (an action).
    fn category_name(&self, b: &Breakdown, c: &cadre::table::Category) -> (String, Value) {
        let (name, empty) = (c.category.as_str(), c.empty);
        if !empty && !c.label.is_empty() {
            return (c.label.get(self.lang).to_owned(), Value::Null);
        }
        if empty {
            let label = b.empty_label.get(self.lang);
            return (
                if label.is_empty() {
                    name.to_owned()
                } else {
                    label.to_owned()
                },
                Value::Null,
            );
        }
        let note = self
            .programme
            .result(name)
            .map(|r| Value::String(r.label.get(self.lang).to_owned()))
            .unwrap_or(Value::Null);
        (name.to_owned(), note)
    }

    fn breakdown_label(&self, b: &Breakdown) -> String {
        let own = b.label.get(self.lang);
        if !own.is_empty() {
            return own.to_owned();
        }
        self.programme
            .dimension(&b.by)
            .map(|d| d.label.get(self.lang).to_owned())
            .unwrap_or_else(|| b.by.clone())
    }

    fn indicator(&self, iv: &IndicatorValue) -> Value {
        let f = &self.f;
        let unit = iv.unit.get(self.lang);
        let pct = is_percent(unit);
        let milestone = iv.milestone.map(|m| m.value);
        let max = scale_max(
            pct,
            [iv.cumulative_value, milestone, Some(iv.target)]
                .into_iter()
                .flatten(),
        );
        let breakdowns: Vec<Value> = iv
            .breakdowns
            .iter()
            .map(|b| {
                let bmax = scale_max(pct, b.categories.iter().filter_map(|c| c.cumulative_value));
                let categories: Vec<Value> = b
                    .categories
                    .iter()
                    .map(|c| {
                        let (name, note) = self.category_name(b, c);
                        json!({
                            "name": name,
                            "note": note,
                            "empty": c.empty,
                            "period_value": self.opt(c.period_value, unit),
                            "cumulative_value": self.opt(c.cumulative_value, unit),
                            "fraction": c.cumulative_value.map(|v| fraction(v, bmax)),
                        })
                    })
                    .collect();
                json!({ "by": b.by, "label": self.breakdown_label(b), "categories": categories })
            })
            .collect();
        let result = self.programme.result(&iv.result);
        json!({
            "code": iv.code,
            "result": iv.result,
            "result_label": result.map(|r| r.label.get(self.lang)).unwrap_or_default(),
            "level": iv.level.as_str(),
            "kind": iv.kind.as_str(),
            "ceiling": iv.direction == Direction::Ceiling,
            "label": iv.label.get(self.lang),
            "unit": unit,
            "baseline": f.value(iv.baseline, unit),
            "milestone": self.opt(milestone, unit),
            "milestone_date": iv.milestone.map(|m| f.date(m.date)),
            "target": f.value(iv.target, unit),
            "period_value": self.opt(iv.period_value, unit),
            "cumulative_value": self.opt(iv.cumulative_value, unit),
            "achievement": iv.achievement_pct.map(|a| f.percent(a)),
            "status": iv.status.as_str(),
            "status_label": iv.status.text(self.language),
            "color": color(iv.status),
            "ink": ink(iv.status),
            "bar": {
                "value": iv.cumulative_value.map(|v| fraction(v, max)),
                "milestone": milestone.map(|v| fraction(v, max)),
                "target": fraction(iv.target, max),
                "max": f.value(max, unit),
            },
            "breakdowns": breakdowns,
        })
    }

    /// The finance section: each finance indicator, and for a ratio of two
    /// amounts (spending over budget), the amounts themselves, in total and
    /// per category: the figures the ratio combined.
    fn finance(&self) -> Result<Value, ReportError> {
        let currency = self.programme.info.currency.as_deref();
        let mut items = Vec::new();
        for code in &self.programme.report.finance {
            let (Some(iv), Ok(def)) = (self.table.get(code), self.programme.indicator(code)) else {
                continue;
            };
            let unit = iv.unit.get(self.lang);
            let labels = self.amount_labels(def);
            let money = |v: Option<f64>| {
                v.map(|v| Value::String(self.f.money(v, currency)))
                    .unwrap_or(Value::Null)
            };
            // Amounts only for a ratio of two sums of money.
            let side = |parts: Option<RatioParts>, numerator: bool| -> Value {
                labels
                    .as_ref()
                    .and(parts)
                    .map(|p| {
                        money(if numerator {
                            p.numerator
                        } else {
                            p.denominator
                        })
                    })
                    .unwrap_or(Value::Null)
            };
            let breakdowns: Vec<Value> = iv
                .breakdowns
                .iter()
                .map(|b| {
                    let max = scale_max(
                        is_percent(unit),
                        b.categories.iter().filter_map(|c| c.cumulative_value),
                    );
                    let rows: Vec<Value> = b
                        .categories
                        .iter()
                        .map(|c| {
                            let (name, note) = self.category_name(b, c);
                            json!({
                                "name": name,
                                "note": note,
                                "value": self.opt(c.cumulative_value, unit),
                                "fraction": c.cumulative_value.map(|v| fraction(v, max)),
                                "numerator": side(c.cumulative_parts, true),
                                "denominator": side(c.cumulative_parts, false),
                            })
                        })
                        .collect();
                    json!({ "by": b.by, "label": self.breakdown_label(b), "rows": rows })
                })
                .collect();
            items.push(json!({
                "code": iv.code,
                "amounts": labels.as_ref().map(|(n, d)| json!({
                    "numerator_label": n,
                    "denominator_label": d,
                    "numerator": side(iv.cumulative_parts, true),
                    "denominator": side(iv.cumulative_parts, false),
                    "numerator_period": side(iv.period_parts, true),
                })),
                "breakdowns": breakdowns,
            }));
        }
        Ok(json!({ "currency": currency, "indicators": items }))
    }

    /// For a ratio of two sums of money (spending over budget), the headings
    /// of its two amounts: their datasets' labels, told apart by the filter
    /// when both read the same dataset. None for any other measure.
    fn amount_labels(&self, def: &IndicatorDef) -> Option<(String, String)> {
        let Measure::Ratio {
            numerator,
            denominator,
            ..
        } = &def.measure
        else {
            return None;
        };
        let sum_of_money = |a: &Aggregate| -> bool {
            a.aggregate == AggregateKind::Sum
                && a.column.as_deref().is_some_and(|column| {
                    self.programme
                        .resolve_column(&a.rows, column)
                        .is_ok_and(|c| c.kind == ColumnType::Amount)
                })
        };
        if !(sum_of_money(numerator) && sum_of_money(denominator)) {
            return None;
        }
        let label = |sel: &Selection| {
            self.programme
                .dataset(&sel.dataset)
                .map(|s| s.label.get(self.lang).to_owned())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| sel.dataset.clone())
        };
        let (mut a, mut b) = (label(&numerator.rows), label(&denominator.rows));
        if a == b {
            if let Some(filter) = &numerator.rows.filter {
                a = format!("{a} ({filter})");
            }
            if let Some(filter) = &denominator.rows.filter {
                b = format!("{b} ({filter})");
            }
        }
        Some((a, b))
    }

    fn methodology(&self, d: &IndicatorDef) -> Value {
        let lang = self.lang;
        let unit = d.unit.get(lang);
        let milestones: Vec<Value> = d
            .milestones
            .iter()
            .map(|m| json!({ "date": self.f.date(m.date), "value": self.f.value(m.value, unit) }))
            .collect();
        let breakdowns: Vec<String> = d
            .breakdowns
            .iter()
            .map(|b| {
                self.programme
                    .dimension(&b.by)
                    .map(|x| x.label.get(lang).to_owned())
                    .unwrap_or_else(|| b.by.clone())
            })
            .collect();
        json!({
            "code": d.code,
            "label": d.label.get(lang),
            "result": d.result,
            "level": d.level.as_str(),
            "kind": d.kind.as_str(),
            "ceiling": d.direction == Direction::Ceiling,
            "unit": unit,
            "definition": d.definition.get(lang),
            "formula": methodology::formula(self.programme, d, lang),
            "source": methodology::source(self.programme, self.data, d, lang),
            "verification": d.verification.get(lang),
            "baseline": self.f.value(d.baseline, unit),
            "target": self.f.value(d.target, unit),
            "milestones": milestones,
            "breakdowns": breakdowns,
        })
    }

    fn quality(&self, allow_rejected: bool) -> Value {
        let report = &self.data.report;
        let file_name = |p: &str| {
            std::path::Path::new(p)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.to_owned())
        };
        let sheets: Vec<Value> = report
            .sheets
            .iter()
            .map(|s| {
                json!({
                    "dataset": s.dataset,
                    "label": self.programme.dataset(&s.dataset).map(|d| d.label.get(self.lang)).unwrap_or(&s.dataset),
                    "file": file_name(&s.file),
                    "sheet": s.sheet,
                    "read": self.f.count(s.read),
                    "accepted": self.f.count(s.accepted),
                    "rejected": self.f.count(s.rejected),
                    "skipped": self.f.count(s.skipped_empty),
                    "has_rejected": s.rejected > 0,
                })
            })
            .collect();
        let sum = |g: fn(&cadre::ingest::SheetReport) -> usize| {
            self.f.count(report.sheets.iter().map(g).sum())
        };
        let problems: Vec<Value> = if allow_rejected {
            report
                .problems
                .iter()
                .map(|p| {
                    json!({
                        "file": file_name(&p.file),
                        "sheet": p.sheet,
                        "row": p.row,
                        "column": p.column,
                        "value": p.value,
                        "rule": p.rule.text(self.language),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        json!({
            "sheets": sheets,
            "totals": {
                "read": sum(|s| s.read),
                "accepted": sum(|s| s.accepted),
                "rejected": sum(|s| s.rejected),
                "skipped": sum(|s| s.skipped_empty),
            },
            "rejected_rows": report.rejected(),
            "problem_count": report.problems.len(),
            "problems_listed": allow_rejected,
            "problems": problems,
        })
    }

    fn provenance(&self, options: &ReportOptions) -> Result<Value, ReportError> {
        let inputs = self.data.input_files().map_err(ReportError::Input)?;
        let inputs: Vec<Value> = inputs
            .iter()
            .map(|i| json!({ "path": i.path, "sha256": i.sha256, "size": self.f.bytes(i.bytes) }))
            .collect();
        let definitions: Vec<Value> = self
            .programme
            .files
            .iter()
            .map(|d| json!({ "path": d.path, "sha256": d.sha256 }))
            .collect();
        let template = options
            .template_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut map = Map::new();
        map.insert("inputs".into(), Value::Array(inputs));
        map.insert(
            "programme_dir".into(),
            Value::String(self.programme.dir.display().to_string()),
        );
        map.insert("definitions".into(), Value::Array(definitions));
        map.insert(
            "definitions_hash".into(),
            Value::String(self.programme.definitions_hash()),
        );
        map.insert(
            "cadre_version".into(),
            Value::String(env!("CARGO_PKG_VERSION").to_owned()),
        );
        map.insert("template".into(), Value::String(template));
        map.insert(
            "generated".into(),
            Value::String(self.f.date(options.issue_date)),
        );
        map.insert(
            "rejected_allowed".into(),
            Value::Bool(options.allow_rejected),
        );
        Ok(Value::Object(map))
    }
}
