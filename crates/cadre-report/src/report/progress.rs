//! Progress over time, per indicator: each quarter's own value (a bar) and
//! the cumulative value at the end of each quarter (a line), from the
//! programme's start to the period's end ([`cadre::history`]), laid out for
//! a small chart (positions as fractions, on a round scale from 0 with its
//! ticks), with the milestones, the target or ceiling, the previous
//! quarter's value and the change since, the data labels placed clear of
//! every line ([`super::chart`]), and the chart's alternative text written
//! by the catalogue.
//!
//! The chart's horizontal axis runs from the programme's first day to its
//! last (or to the period's end if later), a slot per quarter: the bars
//! and points stop at the period's end, the milestones and the target show
//! what is still due. A point sits at its quarter's end, the day its value
//! is taken; its bar fills its quarter's slot.

use cadre::history::{History, Point};
use cadre::indicator::{Direction, IndicatorDef, Kind, Milestone};
use cadre::outlook::{Span, Verdict};
use cadre::table::IndicatorValue;
use cadre::text::Localized;
use cadre::{Lang, Programme};
use chrono::NaiveDate;
use serde::Serialize;

use super::chart::{Frame, Obstacles, Rect, Scale, Side, place};
use super::data::{fraction, is_percent, scale_max};
use super::format::Formatter;
use crate::messages::report::{Conventions, ReportText, ReportWord};

/// An indicator's progress over time.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// Its cumulative value at the end of each quarter, the last point at
    /// the period's end, with each quarter's own value (its bar).
    pub points: Vec<ProgressPoint>,
    /// Every quarter of the horizontal axis, from the programme's first to
    /// its last, each with its label.
    pub quarters: Vec<AxisQuarter>,
    /// The vertical axis: its ticks and its unit.
    pub axis: ProgressAxis,
    /// The sizes the chart is drawn at, in points.
    pub frame: Frame,
    /// The data labels (the last value, the target's), placed clear of
    /// every line and mark of the chart.
    pub labels: Vec<ChartLabel>,
    /// The words under the chart: what the bars, the line and the marks are.
    pub legend: ProgressLegend,
    /// Its milestones, all of them, in date order.
    pub milestones: Vec<ProgressMilestone>,
    /// Its target (or ceiling).
    pub target: ProgressTarget,
    /// The value at the top of the chart's scale, formatted.
    pub max: String,
    /// The chart in a sentence, for readers who cannot see it (PDF/UA).
    pub alt: String,
    /// The cumulative value at the end of the previous quarter, formatted;
    /// none when there is no previous quarter or no value then.
    pub previous: Option<String>,
    /// The change since the previous quarter, formatted with its sign
    /// (`+12`, `−0,4 pt` for a percentage); none when either value is
    /// missing.
    pub change: Option<String>,
    /// Its outlook at the programme's end ([`cadre::outlook`]); absent
    /// where none applies, so reports without one keep their data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<ProgressForecast>,
}

/// An indicator's outlook, as its chart draws it and the sentence under
/// the chart states it.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressForecast {
    /// The verdict.
    pub verdict: Verdict,
    /// The value at the programme's end at the pace so far, formatted.
    pub value: String,
    /// The outlook in a sentence ("At this pace, 268 by the end (target
    /// 300): out of reach; 21 a quarter needed, 14 so far.").
    pub sentence: String,
    /// The dashed line's end, from the last point: the forecast at the
    /// programme's last day, or where the line leaves the chart's top when
    /// the forecast is above the scale. Fractions of the chart.
    pub x: f64,
    /// See `x`.
    pub y: f64,
}

/// A point of the chart: the cumulative value at a quarter's end, and the
/// quarter's own value as a bar.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressPoint {
    /// Its quarter (`T4 2025`), or its date in words when the period ends
    /// inside the quarter.
    pub label: String,
    /// Its value, formatted; none when the indicator has no value then.
    pub value: Option<String>,
    /// Its horizontal position, a fraction of the chart's width.
    pub x: f64,
    /// Its height, a fraction of the chart's scale; none without a value.
    pub y: Option<f64>,
    /// The quarter's own value (to the point), formatted; none when the
    /// indicator has none for the quarter alone.
    pub own: Option<String>,
    /// The height of the quarter's bar, a fraction of the scale; none
    /// without a value of its own.
    pub bar: Option<f64>,
    /// The bar's left edge, a fraction of the chart's width.
    pub bar_x0: f64,
    /// The bar's right edge.
    pub bar_x1: f64,
}

/// A quarter of the horizontal axis.
#[derive(Debug, Clone, Serialize)]
pub struct AxisQuarter {
    /// Its short label (`T4`, `Q4`).
    pub label: String,
    /// Its year, under the axis's first quarter and under each first
    /// quarter of a year; none elsewhere.
    pub year: Option<String>,
    /// Where its slot starts, a fraction of the chart's width.
    pub x0: f64,
    /// Where its slot ends (its last day: a tick on the axis).
    pub x1: f64,
}

/// The vertical axis of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressAxis {
    /// Its ticks, from 0 to the scale's top.
    pub ticks: Vec<AxisTick>,
    /// Its unit, printed above it; none for a percentage (its ticks say
    /// `%`) or without a unit.
    pub title: Option<String>,
}

/// A tick of the vertical axis.
#[derive(Debug, Clone, Serialize)]
pub struct AxisTick {
    /// Its value, formatted.
    pub label: String,
    /// Its height, a fraction of the scale.
    pub y: f64,
}

/// A data label of a chart: its text and its box, in fractions of the plot
/// (`y` its bottom edge; the box may rise into the frame's headroom,
/// above 1).
#[derive(Debug, Clone, Serialize)]
pub struct ChartLabel {
    /// Its text.
    pub text: String,
    /// Whether it prints in bold (the last value).
    pub bold: bool,
    /// Its left edge.
    pub x: f64,
    /// Its bottom edge.
    pub y: f64,
    /// Its width, as estimated ([`Frame::text_width`]).
    pub w: f64,
    /// Its height.
    pub h: f64,
}

/// The words under a chart.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressLegend {
    /// What a bar is: the quarter's own value.
    pub bars: String,
    /// What the line is: the cumulative value, or a level's since the start.
    pub line: String,
    /// The milestones with their dates; none without milestones.
    pub milestones: Option<String>,
}

/// A milestone on the chart.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressMilestone {
    /// Its date, in words.
    pub date: String,
    /// Its value, formatted.
    pub value: String,
    /// Its horizontal position (its date), a fraction of the chart's width.
    pub x: f64,
    /// Its height, a fraction of the chart's scale.
    pub y: f64,
    /// Whether it is due by the period's end.
    pub due: bool,
}

/// The target line of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressTarget {
    /// The target, formatted ("n/a" without one).
    pub value: String,
    /// Its height, a fraction of the chart's scale; none without a target.
    pub y: Option<f64>,
    /// Whether it is a ceiling not to exceed (less is better): the chart
    /// labels the line "ceiling", never "target".
    pub ceiling: bool,
}

/// The half sizes of a chart's marks, in points: a milestone's diamond, a
/// point's dot. The template draws them at these sizes.
pub const MILESTONE_MARK: f64 = 2.6;
/// See [`MILESTONE_MARK`].
pub const POINT_MARK: f64 = 1.6;

/// The progress of every indicator is built from one history.
pub(super) struct ProgressBuilder<'a> {
    history: &'a History,
    lang: Lang,
    f: Formatter,
    /// The chart's horizontal axis: first and last day.
    start: NaiveDate,
    end: NaiveDate,
    /// The period's end: milestones up to it are due.
    period_end: NaiveDate,
    /// The programme's first and last days, for the outlook.
    span: Span,
}

/// An indicator's values for its chart: the cumulative and the quarters'
/// own, one per point of the history.
struct Values {
    cumulative: Vec<Option<f64>>,
    own: Vec<Option<f64>>,
}

impl<'a> ProgressBuilder<'a> {
    pub(super) fn new(
        programme: &Programme,
        history: &'a History,
        period_end: NaiveDate,
        lang: Lang,
    ) -> Self {
        ProgressBuilder {
            history,
            lang,
            f: Formatter::new(lang),
            start: programme.info.start,
            end: programme.info.end.max(period_end),
            period_end,
            span: Span {
                start: programme.info.start,
                period_end,
                end: programme.info.end,
            },
        }
    }

    /// A date's position on the horizontal axis.
    fn x(&self, d: NaiveDate) -> f64 {
        let span = (self.end - self.start).num_days().max(1) as f64;
        fraction((d - self.start).num_days() as f64, span)
    }

    fn point_label(&self, p: &Point) -> String {
        if p.is_quarter_end() {
            let (year, quarter) = p.year_quarter();
            ReportText::Quarter { year, quarter }.render(self.lang)
        } else {
            self.f.date(p.end)
        }
    }

    /// Where a quarter's slot starts on the axis: the day before its first
    /// (the previous slot's end), or the axis's start.
    fn slot_start(&self, first: NaiveDate) -> f64 {
        first.pred_opt().map_or(0.0, |d| self.x(d.max(self.start)))
    }

    /// Every quarter of the axis, labelled `T4` with its year under the
    /// first and under each first quarter of a year.
    fn quarters(&self) -> Vec<AxisQuarter> {
        cadre::Period::quarters(self.start, self.end)
            .iter()
            .enumerate()
            .map(|(k, q)| {
                use chrono::Datelike;
                let (year, quarter) = (q.start.year(), q.start.month0() / 3 + 1);
                let text = ReportText::Quarter { year, quarter }.render(self.lang);
                // "T4 2025": the quarter, a no-break space, the year.
                let (label, year) = text.split_once('\u{A0}').unwrap_or((&text, ""));
                AxisQuarter {
                    label: label.to_owned(),
                    year: (k == 0 || quarter == 1).then(|| year.to_owned()),
                    x0: self.slot_start(q.start),
                    x1: self.x(q.end.min(self.end)),
                }
            })
            .collect()
    }

    /// The indicator's values at each point of the history.
    fn values(&self, code: &str) -> Values {
        let series = self.history.get(code);
        Values {
            cumulative: series.map(|s| s.values.clone()).unwrap_or_default(),
            own: series.map(|s| s.period_values.clone()).unwrap_or_default(),
        }
    }

    /// The chart's points: a value at each quarter's end, a bar for the
    /// quarter's own value, on a scale topping at `top`.
    fn points(&self, v: &Values, top: f64, show: &dyn Fn(f64) -> String) -> Vec<ProgressPoint> {
        let at = |values: &[Option<f64>], k: usize| values.get(k).copied().flatten();
        self.history
            .points
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let (value, own) = (at(&v.cumulative, k), at(&v.own, k));
                let (x0, x1) = (self.slot_start(p.quarter.start), self.x(p.end));
                // The bar fills its slot but for a gap on either side.
                let pad = (x1 - x0) * 0.15;
                ProgressPoint {
                    label: self.point_label(p),
                    value: value.map(show),
                    x: x1,
                    y: value.map(|v| fraction(v, top)),
                    own: own.map(show),
                    bar: own.map(|v| fraction(v, top)),
                    bar_x0: fraction(x0 + pad, 1.0),
                    bar_x1: fraction(x1 - pad, 1.0),
                }
            })
            .collect()
    }

    /// The progress of one indicator of the table, with its milestones as
    /// values ([`cadre::measure::milestones_of`]). `stages` are the labels
    /// of its ranks when its values are stages on a scale (empty otherwise):
    /// a value, milestone or target then prints as its stage, and there is
    /// no change to print (a difference of ranks is not a quantity).
    pub(super) fn build(
        &self,
        iv: &IndicatorValue,
        def: Option<&IndicatorDef>,
        defined: &[Milestone],
        stages: &[Localized],
    ) -> Progress {
        let f = &self.f;
        let unit = iv.unit.get(self.lang);
        let show = |v: f64| match cadre::measure::rank_label(stages, v, self.lang) {
            Some(label) => label.to_owned(),
            None => f.value(v, unit),
        };
        let pct = is_percent(unit);
        let values = self.values(&iv.code);
        let shown: Vec<f64> = (values.cumulative.iter().chain(&values.own))
            .flatten()
            .copied()
            .chain(defined.iter().map(|m| m.value))
            .chain(iv.target)
            .filter(|v| v.is_finite())
            .collect();
        let whole = !stages.is_empty() || shown.iter().all(|v| v.fract() == 0.0);
        // The values' own round top, a percentage's too: a 5 % ceiling on a
        // scale to 100 % would hug the axis (the progress bar, not the chart,
        // shows a share of the whole).
        let scale = Scale::round(scale_max(false, shown.iter().copied()), whole);
        let max = scale.top;
        let points = self.points(&values, max, &show);
        let mut milestones: Vec<ProgressMilestone> = defined
            .iter()
            .map(|m| ProgressMilestone {
                date: f.date(m.date),
                value: show(m.value),
                x: self.x(m.date),
                y: fraction(m.value, max),
                due: m.date <= self.period_end,
            })
            .collect();
        milestones.sort_by(|a, b| a.x.total_cmp(&b.x));
        let target = ProgressTarget {
            value: iv
                .target
                .map_or_else(|| ReportWord::NotAvailable.text(self.lang).to_owned(), show),
            y: iv.target.map(|t| fraction(t, max)),
            ceiling: iv.direction == Direction::Ceiling,
        };
        let axis = self.axis(&scale, unit, !stages.is_empty());
        let forecast = self.forecast(iv, def, &points, max, &show);
        let alt = self.alt(iv, &points, &milestones, &target);
        let alt = match &forecast {
            Some(o) => format!("{alt} {}", o.sentence),
            None => alt,
        };
        let n = values.cumulative.len();
        let previous = (n >= 2).then(|| values.cumulative[n - 2]).flatten();
        let last = values.cumulative.last().copied().flatten();
        let change = previous
            .zip(last)
            .filter(|_| stages.is_empty())
            .map(|(before, now)| self.change(now - before, pct));
        let frame = Frame::new(self.gutter(&axis));
        let chart = Chart {
            frame: &frame,
            points: &points,
            milestones: &milestones,
            target: &target,
            forecast: forecast.as_ref(),
            title: axis.title.as_deref(),
        };
        Progress {
            previous: previous.map(show),
            change,
            quarters: self.quarters(),
            labels: chart.labels(self.lang),
            legend: self.legend(iv.kind, &milestones),
            points,
            milestones,
            target,
            axis,
            frame,
            max: f.value(max, unit),
            alt,
            forecast,
        }
    }

    /// The vertical axis of a scale: its ticks (ranks as plain numbers for
    /// stages), and its unit unless a percentage's ticks say it.
    fn axis(&self, scale: &Scale, unit: &str, stages: bool) -> ProgressAxis {
        let ticks = scale
            .ticks()
            .into_iter()
            .map(|v| AxisTick {
                label: if stages {
                    self.f.number(v)
                } else {
                    self.f.value(v, unit)
                },
                y: fraction(v, scale.top),
            })
            .collect();
        let unit = unit.trim();
        ProgressAxis {
            ticks,
            title: (!unit.is_empty() && !is_percent(unit)).then(|| unit.to_owned()),
        }
    }

    /// The room the ticks' labels need left of the plot.
    fn gutter(&self, axis: &ProgressAxis) -> f64 {
        let probe = Frame::new(0.0);
        let widest = axis
            .ticks
            .iter()
            .map(|t| probe.text_width(&t.label, false))
            .fold(0.0, f64::max);
        (widest + 3.0).ceil()
    }

    /// The words under the chart.
    fn legend(&self, kind: Kind, milestones: &[ProgressMilestone]) -> ProgressLegend {
        let line = match kind {
            Kind::Total => ReportWord::LegendCumulative,
            _ => ReportWord::LegendSinceStart,
        };
        let listed: Vec<_> = milestones
            .iter()
            .map(|m| (m.value.as_str(), m.date.as_str()))
            .collect();
        ProgressLegend {
            bars: ReportWord::LegendQuarter.text(self.lang).to_owned(),
            line: line.text(self.lang).to_owned(),
            milestones: (!listed.is_empty()).then(|| {
                ReportText::ChartMilestones {
                    milestones: &listed,
                }
                .render(self.lang)
            }),
        }
    }

    /// The chart in a sentence: the values at each quarter's end, each
    /// quarter's own, the milestones and the target.
    fn alt(
        &self,
        iv: &IndicatorValue,
        points: &[ProgressPoint],
        milestones: &[ProgressMilestone],
        target: &ProgressTarget,
    ) -> String {
        let alt_points: Vec<_> = points
            .iter()
            .map(|p| (p.value.as_deref(), p.label.as_str()))
            .collect();
        let own: Vec<_> = points
            .iter()
            .map(|p| (p.own.as_deref(), p.label.as_str()))
            .collect();
        let alt_milestones: Vec<_> = milestones
            .iter()
            .map(|m| (m.value.as_str(), m.date.as_str()))
            .collect();
        ReportText::ProgressAlt {
            code: &iv.code,
            cumulative: iv.kind == Kind::Total,
            points: &alt_points,
            milestones: &alt_milestones,
            target: &target.value,
            ceiling: target.ceiling,
            own: &own,
        }
        .render(self.lang)
    }

    /// The outlook of the indicator, placed on its chart whose scale tops
    /// at `max`; `points` are the chart's points (the line starts at the
    /// last one).
    fn forecast(
        &self,
        iv: &IndicatorValue,
        def: Option<&IndicatorDef>,
        points: &[ProgressPoint],
        max: f64,
        show: &dyn Fn(f64) -> String,
    ) -> Option<ProgressForecast> {
        let series = self.history.get(&iv.code)?;
        let o = cadre::outlook::outlook(def?, iv.target, series, self.span)?;
        let last = points.last()?;
        // A count is stated as the whole number it will have reached.
        let value = match def.is_some_and(cadre::outlook::counts_whole) {
            true => show(o.forecast.floor()),
            false => show(o.forecast),
        };
        let sentence = ReportText::Forecast {
            forecast: &value,
            target: &show(o.target),
            pace: &show(o.pace),
            needed: &show(o.needed),
            verdict: o.verdict,
        }
        .render(self.lang);
        // The line from the last point to the forecast, cut where it
        // leaves the chart's top.
        let (x0, x1) = (last.x, self.x(self.span.end));
        let (y0, y1) = (
            o.value / max.max(f64::MIN_POSITIVE),
            o.forecast / max.max(f64::MIN_POSITIVE),
        );
        let (x, y) = if y1 > 1.0 && y1 > y0 {
            (x0 + (x1 - x0) * (1.0 - y0) / (y1 - y0), 1.0)
        } else {
            (x1, y1)
        };
        Some(ProgressForecast {
            verdict: o.verdict,
            value,
            sentence,
            x: fraction(x, 1.0),
            y: fraction(y, 1.0),
        })
    }

    /// A change with its sign: `+12`, `−3`, `0`; percentage points for a
    /// percentage (`+2,5 pt`). One decimal at most, as the values beside
    /// it print: `+0,5 pt`, never `+0,48 pt` beside `64,6 %`.
    fn change(&self, d: f64, percent: bool) -> String {
        let n = self.f.fixed(d, 1);
        let signed = if d > 0.0 && n != "0" {
            format!("+{n}")
        } else {
            n
        };
        if percent {
            format!("{signed}{}", Conventions::of(self.lang).percentage_points)
        } else {
            signed
        }
    }
}

/// A chart's drawn parts, to place its labels against: the frame gives
/// the fractions their points.
struct Chart<'c> {
    frame: &'c Frame,
    points: &'c [ProgressPoint],
    milestones: &'c [ProgressMilestone],
    target: &'c ProgressTarget,
    forecast: Option<&'c ProgressForecast>,
    title: Option<&'c str>,
}

impl Chart<'_> {
    /// A position in fractions, in points from the plot's bottom left.
    fn pt(&self, x: f64, y: f64) -> (f64, f64) {
        (x * self.frame.width, y * self.frame.height)
    }

    /// Every line and mark the template draws, in points; the bars and the
    /// axis's unit (above the plot, from the gutter's left edge) too.
    fn obstacles(&self) -> Obstacles {
        let mut o = Obstacles::default();
        let line: Vec<(f64, f64)> = (self.points.iter())
            .filter_map(|p| p.y.map(|y| self.pt(p.x, y)))
            .collect();
        o.segments.extend(line.windows(2).map(|w| (w[0], w[1])));
        (o.marks).extend(
            line.iter()
                .map(|p| Rect::around(p.0, p.1, POINT_MARK, POINT_MARK)),
        );
        if let (Some(fc), Some(last)) = (self.forecast, line.last()) {
            o.segments.push((*last, self.pt(fc.x, fc.y)));
        }
        if let Some(t) = self.target.y {
            o.segments.push((self.pt(0.0, t), self.pt(1.0, t)));
        }
        for m in self.milestones {
            let (x, y) = self.pt(m.x, m.y);
            o.marks
                .push(Rect::around(x, y, MILESTONE_MARK, MILESTONE_MARK));
        }
        for p in self.points {
            if let Some(bar) = p.bar {
                let (x0, _) = self.pt(p.bar_x0, 0.0);
                let (x1, y1) = self.pt(p.bar_x1, bar);
                o.soft.push(Rect {
                    x0,
                    y0: 0.0,
                    x1,
                    y1,
                });
            }
        }
        if let Some(title) = self.title {
            // At the frame's top left, above the scale's top.
            let (f, top) = (self.frame, self.frame.height + self.frame.headroom);
            o.marks.push(Rect {
                x0: -f.gutter,
                y0: top - f.text_height(),
                x1: -f.gutter + f.text_width(title, false),
                y1: top,
            });
        }
        o
    }

    /// The last value beside its point and the target's value by its line,
    /// each where it covers no line, no mark and (if it can) no bar.
    fn labels(&self, lang: Lang) -> Vec<ChartLabel> {
        let f = self.frame;
        let mut o = self.obstacles();
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: f.width,
            y1: f.height + f.headroom,
        };
        let mut out = Vec::new();
        let mut put = |text: String, bold: bool, candidates: &[((f64, f64), Side)]| {
            let size = (f.text_width(&text, bold), f.text_height());
            let b = place(candidates, size, &bounds, &o);
            o.marks.push(b);
            let r = |v: f64| (v * 10_000.0).round() / 10_000.0;
            out.push(ChartLabel {
                text,
                bold,
                x: r(b.x0 / f.width),
                y: r(b.y0 / f.height),
                w: r((b.x1 - b.x0) / f.width),
                h: r((b.y1 - b.y0) / f.height),
            });
        };
        let last = self.points.iter().rev().find(|p| p.y.is_some());
        if let Some((p, value)) = last.and_then(|p| Some(p).zip(p.value.clone())) {
            let at = self.pt(p.x, p.y.unwrap_or(0.0));
            let sides = [
                Side::Right,
                Side::RightAbove,
                Side::RightBelow,
                Side::Above,
                Side::LeftAbove,
                Side::Below,
                Side::LeftBelow,
                Side::Left,
                Side::HighLeft,
                Side::LowLeft,
            ];
            put(value, true, &sides.map(|s| (at, s)));
        }
        if let Some(t) = self.target.y {
            let word = match self.target.ceiling {
                true => ReportWord::CeilingLower,
                false => ReportWord::LegendTarget,
            };
            let text = format!("{} {}", word.text(lang), self.target.value);
            let (right, left, middle) = (self.pt(1.0, t), self.pt(0.0, t), self.pt(0.5, t));
            put(
                text,
                false,
                &[
                    (right, Side::LeftAbove),
                    (right, Side::LeftBelow),
                    (left, Side::RightAbove),
                    (left, Side::RightBelow),
                    (middle, Side::Above),
                    (middle, Side::Below),
                ],
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_carry_their_sign_and_unit() {
        let history = History {
            points: Vec::new(),
            indicators: Vec::new(),
        };
        let d = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let b = |lang| ProgressBuilder {
            history: &history,
            lang,
            f: Formatter::new(lang),
            start: d,
            end: d,
            period_end: d,
            span: Span {
                start: d,
                period_end: d,
                end: d,
            },
        };
        let (fr, en) = (b(Lang::Fr), b(Lang::En));
        assert_eq!(fr.change(12.0, false), "+12");
        assert_eq!(fr.change(-3.0, false), "\u{2212}3");
        assert_eq!(fr.change(0.0, false), "0");
        assert_eq!(fr.change(-0.4, true), "\u{2212}0,4\u{202F}pt");
        assert_eq!(en.change(2.5, true), "+2.5\u{A0}pp");
        assert_eq!(fr.change(0.48, true), "+0,5\u{202F}pt");
        assert_eq!(en.change(0.06, false), "+0.1");
    }

    fn stage_indicator() -> IndicatorValue {
        IndicatorValue {
            code: "P1".into(),
            result: "R".into(),
            level: cadre::indicator::Level::Output,
            kind: Kind::Level,
            direction: Direction::Floor,
            measure: "stage".into(),
            label: Localized::default(),
            unit: Localized::default(),
            period_value: Some(2.0),
            cumulative_value: Some(2.0),
            period_parts: None,
            cumulative_parts: None,
            baseline: None,
            milestone: None,
            target: Some(3.0),
            achievement_pct: None,
            status: cadre::table::Status::OnTrack,
            breakdowns: Vec::new(),
            period_target: None,
            period_achievement_pct: None,
            stock_counted: None,
        }
    }

    /// A stage prints as its label, on the chart, as the previous value
    /// and as the target; a difference of ranks is no change to print.
    #[test]
    fn stages_print_as_their_labels_and_have_no_change() {
        let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
        let quarter = |label: &str, start, end| cadre::history::Point {
            quarter: cadre::Period {
                label: label.into(),
                start,
                end,
            },
            end,
        };
        let history = History {
            points: vec![
                quarter("2025-Q1", d(1), d(3)),
                quarter("2025-Q2", d(4), d(6)),
            ],
            indicators: vec![cadre::history::Series {
                code: "P1".into(),
                values: vec![Some(1.0), Some(2.0)],
                period_values: vec![Some(1.0), Some(2.0)],
            }],
        };
        let builder = ProgressBuilder {
            history: &history,
            lang: Lang::En,
            f: Formatter::new(Lang::En),
            start: d(1),
            end: d(12),
            period_end: d(6),
            span: Span {
                start: d(1),
                period_end: d(6),
                end: d(12),
            },
        };
        let labels: Vec<Localized> = ["draft", "adopted", "implemented"]
            .iter()
            .map(|l| serde_json::from_value(serde_json::json!({ "en": l })).unwrap())
            .collect();
        let p = builder.build(&stage_indicator(), None, &[], &labels);
        assert_eq!(p.previous.as_deref(), Some("draft"));
        assert_eq!(p.change, None);
        assert_eq!(p.target.value, "implemented");
        let values: Vec<_> = p.points.iter().map(|q| q.value.as_deref()).collect();
        assert_eq!(values, [Some("draft"), Some("adopted")]);
        // Without labels the same values are numbers, and change.
        let p = builder.build(&stage_indicator(), None, &[], &[]);
        assert_eq!(p.previous.as_deref(), Some("1"));
        assert_eq!(p.change.as_deref(), Some("+1"));
    }
}
