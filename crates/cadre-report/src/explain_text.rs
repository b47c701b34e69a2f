//! `cadre explain` as text: the definition, each part's rows and the rows
//! left out, and the arithmetic that gives the value.

use cadre::Period;
use cadre::explain::{Exclusion, Explanation, Part};
use cadre::table::format_value;

/// Rows listed per part before the list is cut (the json output has them all).
const MAX_ROWS: usize = 200;

/// The explanation in `lang` (`fr`, else English).
pub fn render(e: &Explanation, period: &Period, lang: &str) -> String {
    let fr = lang == "fr";
    let t = |f: &'static str, en: &'static str| if fr { f } else { en };
    let num = |v: Option<f64>| {
        v.map(format_value)
            .unwrap_or_else(|| t("(vide)", "(empty)").to_owned())
    };
    let ind = &e.indicator;
    let mut s = format!("{} — {}\n", ind.code, ind.label.get(lang));
    s += &format!("{} {}\n", t("Période", "Period"), period);
    if !e.definition.is_empty() {
        s += &format!(
            "{}: {}\n",
            t("Définition", "Definition"),
            e.definition.get(lang)
        );
    }
    s += &format!("{}: {}\n\n", t("Mesure", "Measure"), e.measure);
    for part in &e.parts {
        s += &part_text(part, lang);
        s.push('\n');
    }
    s += &format!("{}\n", t("Calcul", "Arithmetic"));
    let figure = |role: &str, cumulative: bool| {
        e.parts.iter().find(|p| p.role == role).and_then(|p| {
            if cumulative {
                p.cumulative_figure
            } else {
                p.period_figure
            }
        })
    };
    for (name, cumulative, value) in [
        (t("période", "period"), false, ind.period_value),
        (t("cumul", "cumulative"), true, ind.cumulative_value),
    ] {
        match e.scale {
            Some(scale) => {
                s += &format!(
                    "  {name}: {} / {} × {} = {}\n",
                    num(figure("numerator", cumulative)),
                    num(figure("denominator", cumulative)),
                    format_value(scale),
                    num(value)
                );
            }
            None => s += &format!("  {name}: {}\n", num(value)),
        }
    }
    let milestone = ind
        .milestone
        .map(|m| format!("{} ({})", format_value(m.value), m.date))
        .unwrap_or_else(|| "—".into());
    s += &format!(
        "  {}: {milestone}; {}: {}; {}: {} %; {}: {}\n",
        t("jalon", "milestone"),
        t("cible", "target"),
        format_value(ind.target),
        t("réalisation", "achievement"),
        num(ind.achievement_pct),
        t("statut", "status"),
        ind.status.as_str()
    );
    s
}

fn part_text(p: &Part, lang: &str) -> String {
    let fr = lang == "fr";
    let t = |f: &'static str, en: &'static str| if fr { f } else { en };
    let mut s = format!(
        "[{}] {} — {} {}, {} {}\n",
        p.role,
        p.dataset,
        t("fichier", "file"),
        p.file,
        t("feuille", "sheet"),
        p.sheet
    );
    if let Some(f) = &p.filter {
        s += &format!("  {}: {f}\n", t("filtre", "filter"));
    }
    if let Some(c) = &p.condition {
        s += &format!("  {}: {c}\n", t("condition", "condition"));
    }
    s += &format!(
        "  {}: {}\n",
        t("date", "date"),
        p.date
            .as_deref()
            .unwrap_or(t("(non daté : pris en entier)", "(undated: taken whole)"))
    );
    s += &format!(
        "  {}: {} — {} {}, {} {}\n",
        t("agrégat", "aggregate"),
        p.aggregate,
        t("période", "period"),
        p.period_figure.map(format_value).unwrap_or_default(),
        t("cumul", "cumulative"),
        p.cumulative_figure.map(format_value).unwrap_or_default()
    );
    if let Some(values) = &p.distinct_values {
        s += &format!(
            "  {} ({}): {}\n",
            t("valeurs distinctes", "distinct values"),
            values.len(),
            values.join(", ")
        );
    }
    s += &format!(
        "  {} ({}):\n",
        t("lignes comptées", "rows counted"),
        p.rows.len()
    );
    for r in p.rows.iter().take(MAX_ROWS) {
        s += &format!(
            "    {} {}{}{}{}\n",
            t("ligne", "row"),
            r.row,
            r.key
                .as_ref()
                .map(|k| format!(" [{k}]"))
                .unwrap_or_default(),
            r.date.map(|d| format!(" {d}")).unwrap_or_default(),
            match (&r.value, r.in_period) {
                (Some(v), true) => format!(" = {v} ({})", t("dans la période", "in the period")),
                (Some(v), false) => format!(" = {v}"),
                (None, true) => format!(" ({})", t("dans la période", "in the period")),
                (None, false) => String::new(),
            }
        );
    }
    if p.rows.len() > MAX_ROWS {
        s += &format!(
            "    … {} {}\n",
            p.rows.len() - MAX_ROWS,
            t("de plus (voir --format json)", "more (see --format json)")
        );
    }
    let count = |r: Exclusion| p.excluded.iter().filter(|x| x.reason == r).count();
    s += &format!(
        "  {} ({}): {} {}, {} {}, {} {}\n",
        t("lignes écartées", "rows left out"),
        p.excluded.len(),
        count(Exclusion::Filter),
        t(
            "par le filtre ou la condition",
            "by the filter or condition"
        ),
        count(Exclusion::AfterEnd),
        t(
            "datées après la fin de la période",
            "dated after the period's end"
        ),
        count(Exclusion::NoDate),
        t("sans date", "with no date"),
    );
    let listed: Vec<String> = p
        .excluded
        .iter()
        .filter(|x| x.reason != Exclusion::Filter)
        .take(MAX_ROWS)
        .map(|x| {
            format!(
                "{}{}",
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
            "    {}: {}\n",
            t(
                "hors période ou sans date, lignes",
                "outside the window or undated, rows"
            ),
            listed.join(", ")
        );
    }
    s
}
