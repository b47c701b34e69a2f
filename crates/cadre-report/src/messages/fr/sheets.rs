//! Les mots et les phrases des fiches de référence des indicateurs.

use crate::messages::sheets::{SheetText, SheetWord};

/// Le singulier pour 0 et 1, le pluriel au-delà (règle française).
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n <= 1 { one } else { many }
}

pub(in crate::messages) fn word(w: SheetWord) -> &'static str {
    match w {
        SheetWord::Title => "Fiches de référence des indicateurs",
        SheetWord::Intro => {
            "Une fiche par indicateur\u{A0}: ce qu’il mesure, d’où viennent ses données, comment il est calculé, ses cibles et ses valeurs à ce jour, telles que les définitions du programme et les données les donnent."
        }
        SheetWord::Issued => "Émis le",
        SheetWord::Result => "Résultat mesuré",
        SheetWord::Level => "Niveau",
        SheetWord::Kind => "Nature",
        SheetWord::Definition => "Définition",
        SheetWord::Unit => "Unité",
        SheetWord::Direction => "Sens",
        SheetWord::Disaggregations => "Ventilations",
        SheetWord::NoDisaggregation => "aucune",
        SheetWord::DataSource => "Source des données",
        SheetWord::Verification => "Moyens de vérification",
        SheetWord::Method => "Méthode de calcul",
        SheetWord::AsComputed => "tel que calculé",
        SheetWord::Frequency => "Fréquence",
        SheetWord::Baseline => "Situation de référence",
        SheetWord::Targets => "Jalons et cible",
        SheetWord::Date => "Date",
        SheetWord::Value => "Valeur",
        SheetWord::Milestone => "jalon",
        SheetWord::EndTarget => "cible de fin de programme",
        SheetWord::EndCeiling => "plafond de fin de programme",
        SheetWord::PeriodTarget => "cible de la période",
        SheetWord::CategoryTarget => "cible de la catégorie",
        SheetWord::ValuesSoFar => "Valeurs à ce jour",
        SheetWord::Quarter => "Trimestre",
        SheetWord::PeriodValue => "Valeur du trimestre",
        SheetWord::CumulativeValue => "Valeur retenue",
        SheetWord::Status => "Statut",
        SheetWord::NoQuarter => "aucun trimestre achevé",
        SheetWord::Quality => "Qualité des données",
        SheetWord::NoQualityIssue => {
            "aucune ligne rejetée ni anomalie dans les données de l’indicateur"
        }
        SheetWord::NoValue => "—",
        SheetWord::MoreIsBetter => "plus est mieux",
        SheetWord::LessIsBetter => "moins est mieux",
        SheetWord::LevelImpact => "impact",
        SheetWord::LevelOutcome => "effet",
        SheetWord::LevelOutput => "produit",
    }
}

pub(in crate::messages) fn text(t: &SheetText) -> String {
    match t {
        SheetText::Frequency { n, first, last } => format!(
            "trimestrielle (trimestres civils)\u{A0}: {n} {} achevé{} du {first} au {last}",
            plural(*n, "trimestre", "trimestres"),
            plural(*n, "", "s"),
        ),
        SheetText::Rejected { dataset, n, count } => format!(
            "{dataset}\u{A0}: {count} {} à la lecture, hors de toute valeur",
            plural(*n, "ligne rejetée", "lignes rejetées"),
        ),
        SheetText::Anomaly {
            dataset,
            column,
            what,
            count,
        } => {
            if column.is_empty() {
                format!("{dataset}\u{A0}: {what}, {count} lignes")
            } else {
                format!("{dataset}, {column}\u{A0}: {what}, {count} lignes")
            }
        }
        SheetText::UpTo { period } => format!("Valeurs jusqu’à la fin de la période {period}"),
    }
}
