//! `cadre explain` as text: the definition, each part's rows and the rows
//! left out, and the arithmetic that gives the value.

use cadre::explain::{Exclusion, Explanation, Part, Role};
use cadre::measure::Composition;
use cadre::measure::rank_label;
use cadre::table::format_value;
use cadre::{Lang, Period};

use crate::messages::{Text, Word};

/// Rows listed per part before the list is cut (the json output has them all).
const MAX_ROWS: usize = 200;

/// The explanation in `lang`.
pub fn render(e: &Explanation, period: &Period, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let c = w(Word::Colon);
    let num = |v: Option<f64>| {
        v.map(format_value)
            .unwrap_or_else(|| w(Word::Empty).to_owned())
    };
    // A rank on a scale of stages is shown with its stage's label.
    let ranked = |v: Option<f64>| match v.and_then(|r| rank_label(&e.rank_labels, r, lang)) {
        Some(label) => format!("{} ({label})", num(v)),
        None => num(v),
    };
    let ind = &e.indicator;
    let mut s = format!("{} — {}\n", ind.code, ind.label.get(lang));
    s += &format!("{} {}\n", w(Word::Period), period);
    if !e.definition.is_empty() {
        s += &format!("{}{c}{}\n", w(Word::Definition), e.definition.get(lang));
    }
    s += &format!("{}{c}{}\n\n", w(Word::Measure), e.measure.text(lang));
    for part in &e.parts {
        s += &part_text(part, lang);
        s.push('\n');
    }
    if let Some(composition) = &e.composition {
        s += &composition_parts(composition, lang);
    }
    s += &format!("{}\n", w(Word::Arithmetic));
    let figure = |role: Role, cumulative: bool| {
        e.part(role).and_then(|p| {
            if cumulative {
                p.cumulative_figure
            } else {
                p.period_figure
            }
        })
    };
    // A stock's figures make what was counted; its baseline is added below.
    let cumulative = match ind.stock_counted {
        Some(counted) => (w(Word::CountedLower), true, Some(counted)),
        None => (w(Word::CumulativeLower), true, ind.cumulative_value),
    };
    for (name, cumulative, value) in [(w(Word::PeriodLower), false, ind.period_value), cumulative] {
        match (e.scale, &e.composition) {
            (_, Some(composition)) => {
                s += &format!(
                    "  {name}{c}{} = {}\n",
                    composition.substituted(cumulative, num),
                    num(value)
                );
            }
            (Some(scale), None) => {
                s += &format!(
                    "  {name}{c}{} / {} × {} = {}\n",
                    num(figure(Role::Numerator, cumulative)),
                    num(figure(Role::Denominator, cumulative)),
                    format_value(scale),
                    num(value)
                );
            }
            (None, None) => s += &format!("  {name}{c}{}\n", ranked(value)),
        }
    }
    s += &numerator_only(e, lang);
    s += &baseline_lines(e, lang);
    let milestone = ind
        .milestone
        .map(|m| format!("{} ({})", ranked(Some(m.value)), m.date))
        .unwrap_or_else(|| "—".into());
    s += &format!(
        "  {}{c}{milestone}; {}{c}{}; {}{c}{} %; {}{c}{}\n",
        w(Word::MilestoneLower),
        w(Word::TargetLower),
        ranked(ind.target),
        w(Word::AchievementLower),
        num(ind.achievement_pct),
        w(Word::StatusLower),
        ind.status.text(lang)
    );
    if let Some(target) = ind.period_target {
        s += &format!(
            "  {}{c}{}; {}{c}{} %\n",
            w(Word::PeriodTargetLower),
            ranked(Some(target)),
            w(Word::AchievementLower),
            num(ind.period_achievement_pct)
        );
    }
    s
}

/// The baseline where it counts or has a date: its value and date, a
/// stock's sum (baseline + counted = cumulative) and the achievement from
/// the baseline, so that an evaluator can trace each.
fn baseline_lines(e: &Explanation, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let c = w(Word::Colon);
    let ind = &e.indicator;
    let mut s = String::new();
    let Some(baseline) = ind.baseline else {
        return s;
    };
    let b = format_value(baseline);
    if let Some(counted) = ind.stock_counted {
        s += &format!(
            "  {}{c}{} {b} + {} {} = {}\n",
            w(Word::CumulativeLower),
            w(Word::BaselineLower),
            w(Word::CountedLower),
            format_value(counted),
            format_value(baseline + counted)
        );
    }
    if ind.stock_counted.is_some() || e.from_baseline || e.baseline_date.is_some() {
        let date = e
            .baseline_date
            .map(|d| format!(" ({} {d})", w(Word::MeasuredOn)))
            .unwrap_or_default();
        s += &format!("  {}{c}{b}{date}\n", w(Word::BaselineLower));
    }
    if let (true, Some(v), Some(t), Some(pct)) = (
        e.from_baseline,
        ind.cumulative_value,
        ind.target,
        ind.achievement_pct,
    ) {
        s += &format!(
            "  {}{c}({} − {b}) / ({} − {b}) × 100 = {} %\n",
            w(Word::AchievementLower),
            format_value(v),
            format_value(t),
            format_value(pct)
        );
    }
    s
}

/// The arithmetic of each category of a breakdown that splits the
/// numerator only: its numerator over the whole denominator.
fn numerator_only(e: &Explanation, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let c = w(Word::Colon);
    let num = |v: Option<f64>| {
        v.map(format_value)
            .unwrap_or_else(|| w(Word::Empty).to_owned())
    };
    let scale = format_value(e.scale.unwrap_or(1.0));
    let mut s = String::new();
    for b in e.indicator.breakdowns.iter() {
        if !e.numerator_only.contains(&b.by) {
            continue;
        }
        s += &format!(
            "  {} {} ({})\n",
            w(Word::Breakdown),
            b.by,
            w(Word::NumeratorOnly)
        );
        for cat in &b.categories {
            let side = |parts: Option<cadre::table::RatioParts>| {
                let (n, d) = parts.map_or((None, None), |p| (p.numerator, p.denominator));
                format!("{} / {} × {scale}", num(n), num(d))
            };
            s += &format!(
                "    {}{c}{} {} = {}; {} {} = {}\n",
                cat.category,
                w(Word::PeriodLower),
                side(cat.period_parts),
                num(cat.period_value),
                w(Word::CumulativeLower),
                side(cat.cumulative_parts),
                num(cat.cumulative_value)
            );
        }
    }
    s
}

/// A composite's formula, then each indicator it names with its values.
fn composition_parts(composition: &Composition, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let c = w(Word::Colon);
    let num = |v: Option<f64>| {
        v.map(format_value)
            .unwrap_or_else(|| w(Word::Empty).to_owned())
    };
    let mut s = format!("{}{c}{}\n", w(Word::Formula), composition.formula);
    for part in &composition.parts {
        s += &format!(
            "[{}] {} — {} — {} {}, {} {}\n",
            w(Word::RoleIndicator),
            part.code,
            part.label.get(lang),
            w(Word::PeriodLower),
            num(part.period_value),
            w(Word::CumulativeLower),
            num(part.cumulative_value)
        );
    }
    s.push('\n');
    s
}

fn role(r: Role) -> Word {
    match r {
        Role::Rows => Word::RoleRows,
        Role::Numerator => Word::RoleNumerator,
        Role::Denominator => Word::RoleDenominator,
        Role::Groups => Word::RoleGroups,
    }
}

/// One part of an explanation: where its rows come from, how they are
/// chosen and aggregated, the rows counted and the rows left out.
fn part_text(p: &Part, lang: Lang) -> String {
    let mut s = part_source(p, lang);
    s += &part_selection(p, lang);
    s += &counted_rows(p, lang);
    s += &left_out_rows(p, lang);
    s
}

/// Whether rows are named with their file and sheet (the part reads more
/// than one sheet).
fn several_sheets(p: &Part) -> bool {
    p.sheets.len() > 1
}

/// The heading line: the part's role, its dataset and the sheets read.
fn part_source(p: &Part, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let sheets: Vec<String> = p
        .sheets
        .iter()
        .map(|s| {
            format!(
                "{} {}, {} {}",
                w(Word::FileLower),
                s.file,
                w(Word::SheetLower),
                s.sheet
            )
        })
        .collect();
    format!(
        "[{}] {} — {}\n",
        w(role(p.role)),
        p.dataset,
        sheets.join("; ")
    )
}

/// How rows are chosen and aggregated: filter, condition, date, aggregate
/// and its figures, distinct values.
fn part_selection(p: &Part, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let c = w(Word::Colon);
    let mut s = String::new();
    if let Some(f) = &p.filter {
        s += &format!("  {}{c}{f}\n", w(Word::Filter));
    }
    if let Some(condition) = &p.condition {
        s += &format!("  {}{c}{condition}\n", w(Word::Condition));
    }
    s += &format!(
        "  {}{c}{}\n",
        w(Word::Date),
        p.date.as_deref().unwrap_or(w(Word::UndatedTakenWhole))
    );
    s += &format!(
        "  {}{c}{} — {} {}, {} {}\n",
        w(Word::Aggregate),
        p.aggregate.text(lang),
        w(Word::PeriodLower),
        p.period_figure.map(format_value).unwrap_or_default(),
        w(Word::CumulativeLower),
        p.cumulative_figure.map(format_value).unwrap_or_default()
    );
    if let Some(values) = &p.distinct_values {
        s += &format!(
            "  {}{c}{}\n",
            Text::DistinctValues {
                count: values.len()
            }
            .render(lang),
            values.join(", ")
        );
    }
    s
}

/// The rows counted, the first `MAX_ROWS` listed.
fn counted_rows(p: &Part, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let c0 = w(Word::Colon).trim_end();
    let several = several_sheets(p);
    let mut s = String::new();
    s += &format!(
        "  {}{c0}\n",
        Text::RowsCounted {
            count: p.rows.len()
        }
        .render(lang)
    );
    for r in p.rows.iter().take(MAX_ROWS) {
        let in_period = w(Word::InThePeriod);
        s += &format!(
            "    {}{}{}{}{}\n",
            match several {
                true => format!("{}, {} ", r.file, r.sheet),
                false => String::new(),
            },
            Text::Row { row: r.row }.render(lang),
            r.key
                .as_ref()
                .map(|k| format!(" [{k}]"))
                .unwrap_or_default(),
            r.date.map(|d| format!(" {d}")).unwrap_or_default(),
            match (&r.value, r.in_period) {
                (Some(v), true) => format!(" = {v} ({in_period})"),
                (Some(v), false) => format!(" = {v}"),
                (None, true) => format!(" ({in_period})"),
                (None, false) => String::new(),
            }
        );
    }
    if p.rows.len() > MAX_ROWS {
        s += &format!(
            "    {}\n",
            Text::MoreRows {
                count: p.rows.len() - MAX_ROWS
            }
            .render(lang)
        );
    }
    s
}

/// The rows left out, counted by reason; those outside the window listed.
fn left_out_rows(p: &Part, lang: Lang) -> String {
    let c = Word::Colon.text(lang);
    let several = several_sheets(p);
    let mut s = String::new();
    let count = |r: Exclusion| p.excluded.iter().filter(|x| x.reason == r).count();
    s += &format!(
        "  {}\n",
        Text::RowsLeftOut {
            total: p.excluded.len(),
            filter: count(Exclusion::Filter),
            after_end: count(Exclusion::AfterEnd),
            no_date: count(Exclusion::NoDate),
            window: count(Exclusion::Window),
        }
        .render(lang)
    );
    let listed: Vec<String> = p
        .excluded
        .iter()
        .filter(|x| x.reason != Exclusion::Filter)
        .take(MAX_ROWS)
        .map(|x| {
            format!(
                "{}{}{}",
                match several {
                    true => format!("{}, {}, ", x.file, x.sheet),
                    false => String::new(),
                },
                x.row,
                x.key
                    .as_ref()
                    .map(|k| format!(" [{k}]"))
                    .unwrap_or_default()
            )
        })
        .collect();
    if !listed.is_empty() {
        s += &format!(
            "    {}{c}{}\n",
            Text::OutsideWindowRows.render(lang),
            listed.join(", ")
        );
    }
    s
}
