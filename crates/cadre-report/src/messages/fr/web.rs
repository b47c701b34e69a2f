//! Les mots de l'application web (`cadre serve`), en français.

use crate::messages::web::{WebText, WebWord};

pub(in crate::messages) fn word(w: WebWord) -> &'static str {
    match w {
        WebWord::AppTitle => "cadre : indicateurs et rapports",
        WebWord::LanguageName => "Français",
        WebWord::DataStaysHere => {
            "Vos classeurs restent sur cet ordinateur : ils ne sont envoyés nulle part."
        }
        WebWord::Workbooks => "Classeurs de données",
        WebWord::DropHere => {
            "Déposez ici un ou plusieurs classeurs (xlsx, xls, ods, csv), ou cliquez pour les choisir."
        }
        WebWord::Language => "Langue",
        WebWord::PeriodHint => {
            "2025-Q4, 2025-H1, 2025-M04, 2025, PY1 (année du programme) ou project"
        }
        WebWord::AllowRejected => "Laisser de côté les lignes rejetées (elles sont comptées)",
        WebWord::Compute => "Contrôler et calculer",
        WebWord::UseServerData => "Utiliser les données du serveur",
        WebWord::Validation => "Contrôle des données",
        WebWord::RejectedRows => "Lignes rejetées",
        WebWord::Row => "Ligne",
        WebWord::Column => "Colonne",
        WebWord::Value => "Valeur",
        WebWord::IndicatorTable => "Tableau des indicateurs",
        WebWord::Progress => "Avancement",
        WebWord::Downloads => "Téléchargements",
        WebWord::DownloadReport => "Rapport (PDF)",
        WebWord::DownloadTracking => "Tableau de suivi (xlsx)",
        WebWord::DownloadIati => "Export IATI (XML)",
        WebWord::DownloadTemplate => "Modèle de saisie vierge (xlsx)",
        WebWord::Explanation => "Comment cette valeur est calculée",
        WebWord::BackToTable => "Retour au tableau",
        WebWord::StartAgain => "Recommencer",
        WebWord::ErrorTitle => "Le calcul n'a pas pu se faire",
        WebWord::SessionExpired => "Ces classeurs ne sont plus en mémoire : déposez-les à nouveau.",
        WebWord::NoFile => "Aucun classeur reçu : choisissez au moins un fichier.",
        WebWord::NotFound => "Page introuvable.",
        WebWord::BadRequest => "Demande illisible.",
        WebWord::Notes => "Remarques",
        WebWord::ExplainValue => "Voir les lignes comptées et les lignes écartées",
    }
}

pub(in crate::messages) fn text(t: &WebText) -> String {
    match t {
        WebText::UploadLimit { mib } => format!("Au plus {mib} Mio par envoi."),
        WebText::TooLarge { mib } => {
            format!("Envoi refusé : il dépasse la limite de {mib} Mio.")
        }
        WebText::FilesReceived { names } => format!("Classeurs : {names}"),
        WebText::KeptFor { minutes } => format!(
            "Les classeurs déposés sont gardés en mémoire {minutes} minutes au plus, puis oubliés."
        ),
        WebText::Listening { url } => {
            format!("cadre serve : ouvrez {url} dans votre navigateur (Ctrl+C pour arrêter).")
        }
        WebText::NotLoopback { addr } => format!(
            "attention : {addr} n'est pas une adresse de bouclage ; d'autres machines du réseau peuvent ouvrir l'application et y déposer des classeurs."
        ),
        WebText::CannotListen { addr, reason } => {
            format!("impossible d'écouter sur {addr} : {reason}")
        }
        WebText::ServerFailure { reason } => {
            format!("Le serveur n'a pas pu traiter la demande : {reason}")
        }
        WebText::MissingQuery { name } => format!("Il manque « {name} » à la demande."),
        WebText::UploadUnreadable { reason } => format!("Envoi illisible : {reason}"),
    }
}
