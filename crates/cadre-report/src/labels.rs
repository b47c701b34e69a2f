//! Fixed words of the command line and the outputs, in French and English.
//! Words that come from a programme (indicator labels, dimensions) are in its
//! definitions, not here.

use cadre::Status;

/// Looks up fixed words for one language.
pub struct Labels {
    fr: bool,
}

impl Labels {
    /// Words for `lang` (`fr`, else English).
    pub fn new(lang: &str) -> Self {
        Labels { fr: lang == "fr" }
    }

    /// The word for `key`, or the key itself when unknown.
    pub fn get<'k>(&self, key: &'k str) -> &'k str {
        let (fr, en) = match key {
            "indicator" => ("Indicateur", "Indicator"),
            "label" => ("Libellé", "Label"),
            "breakdown" => ("Ventilation", "Breakdown"),
            "category" => ("Catégorie", "Category"),
            "baseline" => ("Référence", "Baseline"),
            "period_value" => ("Valeur de la période", "Period value"),
            "cumulative_value" => ("Valeur cumulée", "Cumulative value"),
            "milestone" => ("Jalon", "Milestone"),
            "target" => ("Cible", "Target"),
            "achievement_pct" => ("Réalisation (%)", "Achievement (%)"),
            "status" => ("Statut", "Status"),
            "definitions" => ("Définitions", "Definitions"),
            "level" => ("Niveau", "Level"),
            "kind" => ("Type", "Kind"),
            "definition" => ("Définition", "Definition"),
            "unit" => ("Unité", "Unit"),
            "milestones" => ("Jalons", "Milestones"),
            "verification" => ("Moyens de vérification", "Means of verification"),
            "dataset" => ("Jeu de données", "Dataset"),
            "sheet" => ("Feuille", "Sheet"),
            "read" => ("Lues", "Read"),
            "accepted" => ("Acceptées", "Accepted"),
            "rejected" => ("Rejetées", "Rejected"),
            "skipped_empty" => ("Vides", "Empty"),
            "total" => ("Total", "Total"),
            _ => return key,
        };
        if self.fr { fr } else { en }
    }
}

/// A status in words.
pub fn status_label(s: Status, lang: &str) -> &'static str {
    let fr = lang == "fr";
    match s {
        Status::Achieved => {
            if fr {
                "atteint"
            } else {
                "achieved"
            }
        }
        Status::OnTrack => {
            if fr {
                "en bonne voie"
            } else {
                "on track"
            }
        }
        Status::AtRisk => {
            if fr {
                "à risque"
            } else {
                "at risk"
            }
        }
        Status::OffTrack => {
            if fr {
                "en retard"
            } else {
                "off track"
            }
        }
        Status::NotStarted => {
            if fr {
                "non démarré"
            } else {
                "not started"
            }
        }
        Status::NoData => {
            if fr {
                "pas de données"
            } else {
                "no data"
            }
        }
    }
}
