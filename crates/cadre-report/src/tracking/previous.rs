//! The previous quarter's columns of a period sheet: each indicator's
//! cumulative value at the end of the quarter before the period's end, and
//! the change since, as the report's tracking table has them (its
//! `previous` and `change`): both read from the engine's history of the
//! period ([`History`]), the previous value the point before the last
//! ([`cadre::history::Series::previous`]), the change the last point minus
//! it, none for a stage (a difference of ranks is not a quantity).
//!
//! One precision per unit: the change is written in the indicator's unit
//! (points for a percentage) with the same number format as the values
//! beside it, so it never shows more decimals than they do.

use cadre::Programme;
use cadre::history::History;
use cadre::indicator::Measure;
use cadre::table::{IndicatorTable, IndicatorValue};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::messages::Word;
use cadre::Lang;

/// The sheet's columns: the previous quarter's cumulative value, the change.
pub(super) const COLUMNS: [(Word, f64); 2] = [
    (Word::PreviousQuarterCumulative, 14.0),
    (Word::ChangeSincePreviousQuarter, 14.0),
];

/// The previous quarter's cumulative value of an indicator and the change
/// since, from `history`; none where the history has no such value.
pub fn previous_and_change(
    programme: &Programme,
    history: &History,
    iv: &IndicatorValue,
) -> (Option<f64>, Option<f64>) {
    let Some(series) = history.get(&iv.code) else {
        return (None, None);
    };
    let previous = series.previous().flatten();
    let stage = matches!(
        programme.indicator(&iv.code).map(|d| &d.measure),
        Ok(Measure::Stage(_))
    );
    let change = previous
        .zip(series.last())
        .filter(|_| !stage)
        // Binary noise (0.1 + 0.2) is no change a reader should see.
        .map(|(before, now)| round9(now - before));
    (previous, change)
}

fn round9(v: f64) -> f64 {
    let r = (v * 1e9).round() / 1e9;
    if r == 0.0 { 0.0 } else { r }
}

/// Writes the two columns from column `first` of a period sheet: their
/// headings on the first row, then each indicator's values on its total row
/// (its breakdown rows, below it, have none).
#[allow(clippy::too_many_arguments)]
pub(super) fn write_columns(
    ws: &mut Worksheet,
    first: u16,
    programme: &Programme,
    table: &IndicatorTable,
    history: &History,
    lang: Lang,
    header: &Format,
    number: &Format,
) -> Result<(), XlsxError> {
    // The change carries its sign, in the values' own number format.
    let signed = number.clone().set_num_format("+#,##0.####;-#,##0.####;0");
    for (i, (key, width)) in COLUMNS.iter().enumerate() {
        let c = first + i as u16;
        ws.write_string_with_format(0, c, key.text(lang), header)?;
        ws.set_column_width(c, *width)?;
    }
    let mut row = 1u32;
    for iv in &table.indicators {
        let (previous, change) = previous_and_change(programme, history, iv);
        if let Some(v) = previous {
            ws.write_number_with_format(row, first, v, number)?;
        }
        if let Some(v) = change {
            ws.write_number_with_format(row, first + 1, v, &signed)?;
        }
        let categories: usize = iv.breakdowns.iter().map(|b| b.categories.len()).sum();
        row += 1 + categories as u32;
    }
    Ok(())
}
