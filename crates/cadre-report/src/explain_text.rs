//! `cadre explain` as text: the definition, each part's rows and the rows
//! left out, and the arithmetic that gives the value.

use cadre::explain::{Exclusion, Explanation, Part, Role};
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
    for (name, cumulative, value) in [
        (w(Word::PeriodLower), false, ind.period_value),
        (w(Word::CumulativeLower), true, ind.cumulative_value),
    ] {
        match e.scale {
            Some(scale) => {
                s += &format!(
                    "  {name}{c}{} / {} × {} = {}\n",
                    num(figure(Role::Numerator, cumulative)),
                    num(figure(Role::Denominator, cumulative)),
                    format_value(scale),
                    num(value)
                );
            }
            None => s += &format!("  {name}{c}{}\n", num(value)),
        }
    }
    let milestone = ind
        .milestone
        .map(|m| format!("{} ({})", format_value(m.value), m.date))
        .unwrap_or_else(|| "—".into());
    s += &format!(
        "  {}{c}{milestone}; {}{c}{}; {}{c}{} %; {}{c}{}\n",
        w(Word::MilestoneLower),
        w(Word::TargetLower),
        format_value(ind.target),
        w(Word::AchievementLower),
        num(ind.achievement_pct),
        w(Word::StatusLower),
        ind.status.text(lang)
    );
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

fn part_text(p: &Part, lang: Lang) -> String {
    let w = |word: Word| word.text(lang);
    let c = w(Word::Colon);
    let c0 = c.trim_end();
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
    let several = p.sheets.len() > 1;
    let mut s = format!(
        "[{}] {} — {}\n",
        w(role(p.role)),
        p.dataset,
        sheets.join("; ")
    );
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
    let count = |r: Exclusion| p.excluded.iter().filter(|x| x.reason == r).count();
    s += &format!(
        "  {}\n",
        Text::RowsLeftOut {
            total: p.excluded.len(),
            filter: count(Exclusion::Filter),
            after_end: count(Exclusion::AfterEnd),
            no_date: count(Exclusion::NoDate),
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
