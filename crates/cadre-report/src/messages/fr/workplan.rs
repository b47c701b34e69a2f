//! The words of the workplan, in French.

use crate::messages::workplan::WorkplanText;

pub(in crate::messages) fn text(t: &WorkplanText) -> String {
    match t {
        WorkplanText::DeviationsHeading => "Écarts au plan de travail".into(),
        WorkplanText::NextHeading { period } => format!("Plan de travail\u{A0}: {period}"),
        WorkplanText::DateColumn => "Date".into(),
        WorkplanText::ActivityColumn => "Activité".into(),
        WorkplanText::PlaceColumn => "Lieu".into(),
        WorkplanText::PlannedFor { date } => format!("prévue le {date}"),
        WorkplanText::NotHeld { end } => format!("activité non tenue au {end}"),
        WorkplanText::NotHeldNowPlanned { end, date } => {
            format!("activité non tenue au {end}\u{A0}; désormais prévue le {date}")
        }
        WorkplanText::NotHeldHeldLater { end, date } => {
            format!("activité non tenue au {end}\u{A0}; tenue le {date}")
        }
        WorkplanText::Postponed { date: Some(date) } => format!("activité reportée au {date}"),
        WorkplanText::Postponed { date: None } => "activité reportée".into(),
        WorkplanText::Cancelled => "activité annulée".into(),
        WorkplanText::HeldLate { date } => format!("activité tenue en retard, le {date}"),
        WorkplanText::NoJustification { file } => format!("Aucune justification dans {file}."),
        WorkplanText::OverdueHeading => "Activités en retard".into(),
        WorkplanText::WarningNoJustification { activity, file } => format!(
            "l’écart au plan de travail «\u{A0}{activity}\u{A0}» n’a pas de justification\u{A0}: écrivez-la dans {file} sous un titre `## {activity}`"
        ),
        WorkplanText::SkeletonReminder => "Écarts au plan de travail\u{A0}: pour chaque activité ci-dessous (non tenue à la date prévue, annulée ou tenue en retard), dites pourquoi et ce qui est fait. Gardez chaque titre\u{A0}: il nomme l’activité. Ce commentaire ne s’imprime pas.".into(),
    }
}
