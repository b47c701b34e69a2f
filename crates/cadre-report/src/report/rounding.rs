//! Printed totals that equal the sum of their printed rows.
//!
//! Rounding each cell on its own makes a column of amounts miss its
//! rounded total by a unit or two (three rows of 1.4 print 1 + 1 + 1
//! under a total of 4): a funder's officer adds the column and sends the
//! report back. The rounding is allocated instead, by the largest
//! remainder method: each row is rounded down, and the units the total
//! still needs go to the rows that lost the most.

/// `values` rounded to multiples of `unit` so that they add up to `total`
/// rounded to the unit (largest remainders first; ties to the earlier row).
/// The total rounds half to even, as the report's numbers print
/// (`format!("{:.0}")`), so a total printed on its own reads the same.
/// None when the rows do not make the total (they differ by half a unit or
/// more): there is then nothing to reconcile.
pub fn allocate(values: &[f64], total: f64, unit: f64) -> Option<Vec<f64>> {
    let sum: f64 = values.iter().sum();
    if !(unit > 0.0 && total.is_finite() && (sum - total).abs() < unit / 2.0) {
        return None;
    }
    let scaled: Vec<f64> = values.iter().map(|v| v / unit).collect();
    let mut units: Vec<f64> = scaled.iter().map(|x| x.floor()).collect();
    let missing = (total / unit).round_ties_even() - units.iter().sum::<f64>();
    if !(0.0..=values.len() as f64).contains(&missing) {
        return None;
    }
    let mut order: Vec<usize> = (0..values.len()).collect();
    // A stable sort: equal remainders keep the rows' order.
    order.sort_by(|&a, &b| (scaled[b] - units[b]).total_cmp(&(scaled[a] - units[a])));
    for &i in order.iter().take(missing as usize) {
        units[i] += 1.0;
    }
    Some(units.into_iter().map(|u| u * unit).collect())
}

/// `values` as printed, adding up to `total` as printed: allocated when the
/// rows make the total, else each rounded on its own. The total as printed
/// comes last.
pub fn printed(values: &[f64], total: f64, unit: f64) -> (Vec<f64>, f64) {
    let round = |v: f64| (v / unit).round_ties_even() * unit;
    match allocate(values, total, unit) {
        Some(rows) => (rows, round(total)),
        None => (values.iter().map(|v| round(*v)).collect(), round(total)),
    }
}

/// One column of a statement's `rows` as printed (`pick` the figure),
/// adding up to `total`'s, in whole units of the currency; the total as
/// printed last.
pub(super) fn printed_column(
    rows: &[cadre::finance::BudgetRow],
    total: &cadre::finance::BudgetFigures,
    pick: fn(&cadre::finance::BudgetFigures) -> f64,
) -> (Vec<f64>, f64) {
    let values: Vec<f64> = rows.iter().map(|r| pick(&r.figures)).collect();
    printed(&values, pick(total), 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_add_up_to_their_total() {
        // Rounded one by one: 1 + 1 + 1 = 3 under a total of 4.
        let rows = allocate(&[1.4, 1.4, 1.2], 4.0, 1.0).unwrap();
        assert_eq!(rows, [2.0, 1.0, 1.0]);
        // Ties go to the earlier row; negative amounts (a credit note) too.
        assert_eq!(allocate(&[0.5, 0.5], 1.0, 1.0).unwrap(), [1.0, 0.0]);
        // A total of .5 rounds half to even, as it prints.
        assert_eq!(allocate(&[0.25, 0.25], 0.5, 1.0).unwrap(), [0.0, 0.0]);
        assert_eq!(printed(&[1.0, 0.5], 1.5, 1.0), (vec![1.0, 1.0], 2.0));
        assert_eq!(
            allocate(&[-2.4, 10.6, 1.2], 9.4, 1.0).unwrap(),
            [-2.0, 10.0, 1.0]
        );
        // Tenths of a percent adding up to 100.0.
        let shares = allocate(&[33.33, 33.33, 33.34], 100.0, 0.1).unwrap();
        assert!(
            (shares.iter().sum::<f64>() - 100.0).abs() < 1e-9,
            "{shares:?}"
        );
        // Whole values stay as they are.
        assert_eq!(allocate(&[3.0, 4.0], 7.0, 1.0).unwrap(), [3.0, 4.0]);
    }

    #[test]
    fn rows_that_do_not_make_the_total_are_rounded_one_by_one() {
        assert_eq!(allocate(&[1.0, 2.0], 5.0, 1.0), None);
        assert_eq!(printed(&[1.4, 2.6], 5.0, 1.0), (vec![1.0, 3.0], 5.0));
        assert_eq!(allocate(&[], 0.0, 1.0), Some(vec![]));
    }
}
