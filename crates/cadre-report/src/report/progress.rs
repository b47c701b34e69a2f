//! Progress over time, per indicator: the cumulative value at the end of
//! each quarter from the programme's start to the period's end
//! ([`cadre::history`]), laid out for a small chart (positions as fractions),
//! with the milestones, the target, the previous quarter's value and the
//! change since, and the chart's alternative text written by the catalogue.
//!
//! The chart's horizontal axis runs from the programme's first day to its
//! last (or to the period's end if later): the points stop at the period's
//! end, the milestones and the target show what is still due.

use cadre::history::{History, Point};
use cadre::indicator::{Direction, IndicatorDef, Kind};
use cadre::outlook::{Span, Verdict};
use cadre::table::IndicatorValue;
use cadre::text::Localized;
use cadre::{Lang, Programme};
use chrono::NaiveDate;
use serde::Serialize;

use super::data::{fraction, is_percent, scale_max};
use super::format::Formatter;
use crate::messages::report::{Conventions, ReportText, ReportWord};

/// An indicator's progress over time.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// Its cumulative value at the end of each quarter, the last point at
    /// the period's end.
    pub points: Vec<ProgressPoint>,
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

/// A point of the chart.
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

    /// The progress of one indicator of the table. `stages` are the labels
    /// of its ranks when its values are stages on a scale (empty otherwise):
    /// a value, milestone or target then prints as its stage, and there is
    /// no change to print (a difference of ranks is not a quantity).
    pub(super) fn build(
        &self,
        iv: &IndicatorValue,
        def: Option<&IndicatorDef>,
        stages: &[Localized],
    ) -> Progress {
        let f = &self.f;
        let unit = iv.unit.get(self.lang);
        let show = |v: f64| match cadre::measure::rank_label(stages, v, self.lang) {
            Some(label) => label.to_owned(),
            None => f.value(v, unit),
        };
        let pct = is_percent(unit);
        let values: Vec<Option<f64>> = self
            .history
            .get(&iv.code)
            .map(|s| s.values.clone())
            .unwrap_or_default();
        let milestones: Vec<_> = def.map(|d| d.milestones.clone()).unwrap_or_default();
        let max = scale_max(
            pct,
            values
                .iter()
                .flatten()
                .copied()
                .chain(milestones.iter().map(|m| m.value))
                .chain(iv.target),
        );
        let points: Vec<ProgressPoint> = self
            .history
            .points
            .iter()
            .zip(values.iter().copied().chain(std::iter::repeat(None)))
            .map(|(p, v)| ProgressPoint {
                label: self.point_label(p),
                value: v.map(show),
                x: self.x(p.end),
                y: v.map(|v| fraction(v, max)),
            })
            .collect();
        let mut milestones: Vec<ProgressMilestone> = milestones
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
        let target = iv
            .target
            .map_or_else(|| ReportWord::NotAvailable.text(self.lang).to_owned(), show);
        let ceiling = iv.direction == Direction::Ceiling;
        let alt_points: Vec<_> = points
            .iter()
            .map(|p| (p.value.as_deref(), p.label.as_str()))
            .collect();
        let alt_milestones: Vec<_> = milestones
            .iter()
            .map(|m| (m.value.as_str(), m.date.as_str()))
            .collect();
        let alt = ReportText::ProgressAlt {
            code: &iv.code,
            cumulative: iv.kind == Kind::Total,
            points: &alt_points,
            milestones: &alt_milestones,
            target: &target,
            ceiling,
        }
        .render(self.lang);
        let forecast = self.forecast(iv, def, &points, max, &show);
        let alt = match &forecast {
            Some(o) => format!("{alt} {}", o.sentence),
            None => alt,
        };
        let n = values.len();
        let previous = (n >= 2).then(|| values[n - 2]).flatten();
        let last = values.last().copied().flatten();
        let change = previous
            .zip(last)
            .filter(|_| stages.is_empty())
            .map(|(before, now)| self.change(now - before, pct));
        Progress {
            previous: previous.map(show),
            change,
            points,
            milestones,
            target: ProgressTarget {
                value: target,
                y: iv.target.map(|t| fraction(t, max)),
                ceiling,
            },
            max: f.value(max, unit),
            alt,
            forecast,
        }
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
        let p = builder.build(&stage_indicator(), None, &labels);
        assert_eq!(p.previous.as_deref(), Some("draft"));
        assert_eq!(p.change, None);
        assert_eq!(p.target.value, "implemented");
        let values: Vec<_> = p.points.iter().map(|q| q.value.as_deref()).collect();
        assert_eq!(values, [Some("draft"), Some("adopted")]);
        // Without labels the same values are numbers, and change.
        let p = builder.build(&stage_indicator(), None, &[]);
        assert_eq!(p.previous.as_deref(), Some("1"));
        assert_eq!(p.change.as_deref(), Some("+1"));
    }
}
