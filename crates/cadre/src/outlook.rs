//! The outlook of an indicator: where its value will stand at the
//! programme's end if it keeps the pace it has kept so far, the pace it
//! needs to reach its target, and a verdict.
//!
//! The forecast extends the **pace since the start**: what was achieved from
//! the starting point (zero, or the baseline of a stock) divided by the days
//! elapsed, times the programme's days. It is the projection an M&E officer
//! writes by hand and an evaluator can check with one division, it states
//! the same pace the sentence calls "so far", and it makes the verdict and
//! the two paces agree: the forecast reaches the target exactly when the
//! pace so far is at least the pace needed (value × total ≥ target ×
//! elapsed either way). A least-squares line over the quarters was set
//! aside: with the three to twelve points a programme has, it swings with a
//! slow first quarter, and its line does not pass through the value the
//! report prints, so the dashed line would not start at the last point.
//!
//! Paces are per quarter of 365.25 / 4 = 91.3125 days, the mean quarter:
//! the quarters of a calendar differ by two days, and the period may end
//! inside one.
//!
//! Only a total that adds up (a count, distinct values, a sum) with a
//! target to reach has an outlook: a level does not accumulate at a pace, a
//! ratio, share or mean does not grow in proportion to time (a coverage
//! rate extended so would pass 100 %), a ceiling is a bound not to exceed,
//! and once the period reaches the programme's end the value is final.
//! Nor has a total that has gained nothing yet: it has no pace to extend (an
//! action planned for later is not "out of reach"), and its status already
//! says it has not started.

use chrono::NaiveDate;
use serde::Serialize;

use crate::history::Series;
use crate::indicator::{Direction, IndicatorDef, Kind};
use crate::measure::MeasureType;

/// The days of a quarter a pace is counted in: a mean quarter.
pub const QUARTER_DAYS: f64 = 365.25 / 4.0;

/// Whether an indicator's target is within reach at its pace so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The value already reaches the target.
    Achieved,
    /// The forecast reaches the target.
    WithinReach,
    /// The forecast falls short of the target.
    OutOfReach,
}

/// An indicator's outlook at a period's end (see the module's notes).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Outlook {
    /// The value at the period's end.
    pub value: f64,
    /// The value at the programme's end at the pace so far.
    pub forecast: f64,
    /// The target.
    pub target: f64,
    /// The pace so far, per quarter.
    pub pace: f64,
    /// The pace needed to reach the target, per quarter; zero once it is
    /// reached.
    pub needed: f64,
    /// The verdict.
    pub verdict: Verdict,
}

/// The programme's span and the period's end an outlook is taken at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The programme's first day.
    pub start: NaiveDate,
    /// The period's last day: the values are taken then.
    pub period_end: NaiveDate,
    /// The programme's last day: the forecast is for then.
    pub end: NaiveDate,
}

/// The outlook of indicator `ind` against `target` (the report's target,
/// which a year's target may set), from its history `series`; none when it
/// does not apply: not a total that adds up, a ceiling, no target, no value
/// at the period's end, nothing gained yet, or a period that reaches the
/// programme's end.
pub fn outlook(
    ind: &IndicatorDef,
    target: Option<f64>,
    series: &Series,
    span: Span,
) -> Option<Outlook> {
    if ind.kind != Kind::Total || ind.direction != Direction::Floor || !adds_up(ind) {
        return None;
    }
    let (target, value) = (target?, series.last()?);
    if span.period_end >= span.end || span.period_end < span.start {
        return None;
    }
    // A stock counts from its baseline; any other total from zero.
    let origin = match (ind.is_stock(), ind.baseline) {
        (true, Some(baseline)) => baseline,
        _ => 0.0,
    };
    if value <= origin {
        return None;
    }
    let elapsed = ((span.period_end - span.start).num_days() + 1) as f64;
    let remaining = (span.end - span.period_end).num_days() as f64;
    let per_day = (value - origin) / elapsed;
    let forecast = value + per_day * remaining;
    let needed = ((target - value) / remaining).max(0.0) * QUARTER_DAYS;
    let verdict = if value >= target {
        Verdict::Achieved
    } else if forecast >= target {
        Verdict::WithinReach
    } else {
        Verdict::OutOfReach
    };
    Some(Outlook {
        value,
        forecast,
        target,
        pace: per_day * QUARTER_DAYS,
        needed,
        verdict,
    })
}

/// Whether the indicator's value is a sum of what each period adds: a
/// count, distinct values or a sum.
fn adds_up(ind: &IndicatorDef) -> bool {
    matches!(
        ind.measure.measure_type(),
        MeasureType::Count | MeasureType::Distinct | MeasureType::Sum
    )
}

/// Whether the indicator counts whole things (rows, distinct values): its
/// forecast is then best stated rounded down, a whole number it will have
/// reached.
pub fn counts_whole(ind: &IndicatorDef) -> bool {
    matches!(
        ind.measure.measure_type(),
        MeasureType::Count | MeasureType::Distinct
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn total(target: Option<f64>) -> IndicatorDef {
        let mut ind: IndicatorDef = toml::from_str(
            "code = \"X\"\nresult = \"R\"\nlevel = \"output\"\nkind = \"total\"\n\
             label.fr = \"x\"\nmeasure = { type = \"count\", dataset = \"d\" }\n",
        )
        .unwrap();
        ind.target = target;
        ind
    }

    fn series(last: f64) -> Series {
        Series {
            code: "X".into(),
            values: vec![Some(last / 2.0), Some(last)],
            period_values: vec![Some(last / 2.0), Some(last / 2.0)],
        }
    }

    /// A year-long programme from 1 January 2025 (365 days), seen on
    /// 30 June 2025 (181 days elapsed, 184 remaining) with 90 counted.
    fn half_year() -> Span {
        Span {
            start: d(2025, 1, 1),
            period_end: d(2025, 6, 30),
            end: d(2025, 12, 31),
        }
    }

    #[test]
    fn the_pace_so_far_carries_the_value_to_the_end() {
        let o = outlook(&total(Some(200.0)), Some(200.0), &series(90.0), half_year()).unwrap();
        // 90 / 181 a day; 90 + 90 × 184 / 181 = 90 + 91.4917… = 181.4917…
        assert!((o.forecast - 181.491_712).abs() < 1e-5, "{}", o.forecast);
        // 90 / 181 × 91.3125 = 45.4040…; (200 − 90) × 91.3125 / 184 = 10044.375 / 184 = 54.5889…
        assert!((o.pace - 45.404_006).abs() < 1e-5, "{}", o.pace);
        assert!((o.needed - 54.588_995).abs() < 1e-5, "{}", o.needed);
        assert_eq!(o.verdict, Verdict::OutOfReach);
        // 180 is within reach: 181.49 ≥ 180, and the paces agree.
        let o = outlook(&total(Some(180.0)), Some(180.0), &series(90.0), half_year()).unwrap();
        assert_eq!(o.verdict, Verdict::WithinReach);
        assert!(o.pace >= o.needed);
        // The report's target (a year's) wins over the definition's.
        let o = outlook(&total(Some(200.0)), Some(90.0), &series(90.0), half_year()).unwrap();
        assert_eq!((o.verdict, o.needed), (Verdict::Achieved, 0.0));
    }

    #[test]
    fn a_stock_counts_its_pace_from_its_baseline() {
        let mut ind = total(Some(200.0));
        ind.baseline = Some(50.0);
        ind.stock = Some(true);
        let o = outlook(&ind, Some(200.0), &series(140.0), half_year()).unwrap();
        // 90 gained in 181 days: the same pace as above, from 140.
        assert!((o.forecast - 231.491_712).abs() < 1e-5, "{}", o.forecast);
        assert_eq!(o.verdict, Verdict::WithinReach);
    }

    #[test]
    fn no_outlook_where_it_does_not_apply() {
        let span = half_year();
        assert_eq!(outlook(&total(None), None, &series(90.0), span), None);
        let mut ceiling = total(Some(10.0));
        ceiling.direction = Direction::Ceiling;
        assert_eq!(outlook(&ceiling, Some(10.0), &series(9.0), span), None);
        let mut level = total(Some(10.0));
        level.kind = Kind::Level;
        assert_eq!(outlook(&level, Some(10.0), &series(9.0), span), None);
        // A total of a share (a coverage rate) does not grow with time.
        let mut ratio = total(Some(95.0));
        ratio.measure = toml::from_str::<IndicatorDef>(
            "code = \"X\"\nresult = \"R\"\nlevel = \"output\"\nkind = \"total\"\n\
             label.fr = \"x\"\nmeasure = { type = \"share\", \
             dataset = \"d\", condition = \"a = 1\" }\n",
        )
        .unwrap()
        .measure;
        assert_eq!(outlook(&ratio, Some(95.0), &series(50.0), span), None);
        assert!(counts_whole(&total(None)));
        let empty = Series {
            code: "X".into(),
            values: vec![Some(1.0), None],
            period_values: vec![Some(1.0), None],
        };
        assert_eq!(outlook(&total(Some(10.0)), Some(10.0), &empty, span), None);
        // Nothing gained yet: no pace to extend (a stock at its baseline).
        assert_eq!(
            outlook(&total(Some(10.0)), Some(10.0), &series(0.0), span),
            None
        );
        let mut stock = total(Some(200.0));
        (stock.baseline, stock.stock) = (Some(50.0), Some(true));
        assert_eq!(outlook(&stock, Some(200.0), &series(50.0), span), None);
        let last_day = Span {
            period_end: span.end,
            ..span
        };
        assert_eq!(
            outlook(&total(Some(200.0)), Some(200.0), &series(90.0), last_day),
            None
        );
    }
}
