//! Les mots et phrases du chapitre des personnes touchées.

use crate::messages::people::PeopleText;

pub(in crate::messages) fn text(t: &PeopleText<'_>) -> String {
    match t {
        PeopleText::Heading => "Personnes touchées".into(),
        PeopleText::Intro => "Les personnes touchées, par sexe et tranche d'âge, pour chaque jeu de données que le programme déclare. Un tableau compte des présences, non des personnes : quelqu'un venu deux fois compte deux fois, et le total de chaque tableau compte tout le monde dans sa fenêtre, y compris ceux dont le sexe ou l'âge n'est pas renseigné. Les personnes uniques comptent chaque personne une fois, quand les lignes les nomment.".into(),
        PeopleText::Age => "Âge".into(),
        PeopleText::Women => "Femmes".into(),
        PeopleText::Men => "Hommes".into(),
        PeopleText::Other => "Autre".into(),
        PeopleText::Unknown => "Non renseigné".into(),
        PeopleText::Total => "Total".into(),
        PeopleText::AllAges => "Tous âges".into(),
        PeopleText::Under { age } => format!("Moins de {age} ans"),
        PeopleText::Between { from, last } => format!("{from}–{last} ans"),
        PeopleText::From { age } => format!("{age} ans et plus"),
        PeopleText::AgeUnknown => "Âge non renseigné".into(),
        PeopleText::InPeriod { period } => format!("Sur la période ({period})"),
        PeopleText::SinceStart { end } => format!("Depuis le début du programme, jusqu'au {end}"),
        PeopleText::Counted => "Chaque ligne porte ses effectifs par sexe : les chiffres les additionnent (ni âge, ni noms).".into(),
        PeopleText::UniqueInPeriod { count, split } => {
            format!("Personnes uniques sur la période : {count} ({split}).")
        }
        PeopleText::UniqueSinceStart { count, split } => {
            format!("Personnes uniques depuis le début : {count} ({split}).")
        }
        PeopleText::WithoutId { n, count } => format!(
            "{count} {} sans nom n'{} pas comptée{}.",
            if *n == 1 { "ligne" } else { "lignes" },
            if *n == 1 { "est" } else { "y sont" },
            if *n == 1 { "" } else { "s" }
        ),
        PeopleText::SexCount { sex, count } => format!("{} : {count}", sex.to_lowercase()),
        PeopleText::ByActivity => "Par activité, sur la période".into(),
        PeopleText::Activity => "Activité".into(),
        PeopleText::Date => "Date".into(),
    }
}
