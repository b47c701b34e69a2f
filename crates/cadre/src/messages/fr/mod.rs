//! Le catalogue français.

pub(super) mod report;

use super::{Text, Word, list};
use crate::cell::format_number;
use crate::error::{Error, PeriodProblem};
use crate::explain::Aggregation;
use crate::indicator::AggregateKind;
use crate::ingest::{Problem, Rule};
use crate::table::Status;

/// Le singulier pour 0 et 1, le pluriel au-delà (règle française).
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n <= 1 { one } else { many }
}

/// « (vouliez-vous dire « x » ?) », ou rien.
fn suggestion(closest: &Option<String>) -> String {
    closest
        .as_ref()
        .map(|c| format!(" (vouliez-vous dire « {c} » ?)"))
        .unwrap_or_default()
}

pub(super) fn word(w: Word) -> &'static str {
    match w {
        Word::Indicator => "Indicateur",
        Word::Label => "Libellé",
        Word::Breakdown => "Ventilation",
        Word::Category => "Catégorie",
        Word::Baseline => "Référence",
        Word::PeriodValue => "Valeur de la période",
        Word::CumulativeValue => "Valeur cumulée",
        Word::Milestone => "Jalon",
        Word::Target => "Cible",
        Word::AchievementPct => "Réalisation (%)",
        Word::Status => "Statut",
        Word::Definitions => "Définitions",
        Word::Level => "Niveau",
        Word::Kind => "Type",
        Word::Definition => "Définition",
        Word::Unit => "Unité",
        Word::Milestones => "Jalons",
        Word::Verification => "Moyens de vérification",
        Word::Dataset => "Jeu de données",
        Word::Sheet => "Feuille",
        Word::File => "Fichier",
        Word::Read => "Lues",
        Word::Accepted => "Acceptées",
        Word::Rejected => "Rejetées",
        Word::SkippedEmpty => "Vides",
        Word::Total => "Total",
        Word::Period => "Période",
        Word::Measure => "Mesure",
        Word::Arithmetic => "Calcul",
        Word::PeriodLower => "période",
        Word::CumulativeLower => "cumul",
        Word::MilestoneLower => "jalon",
        Word::TargetLower => "cible",
        Word::AchievementLower => "réalisation",
        Word::StatusLower => "statut",
        Word::FileLower => "fichier",
        Word::SheetLower => "feuille",
        Word::Filter => "filtre",
        Word::Condition => "condition",
        Word::Date => "date",
        Word::Aggregate => "agrégat",
        Word::Empty => "(vide)",
        Word::UndatedTakenWhole => "(non daté : pris en entier)",
        Word::InThePeriod => "dans la période",
        Word::RoleRows => "lignes",
        Word::RoleNumerator => "numérateur",
        Word::RoleDenominator => "dénominateur",
        Word::RoleGroups => "groupes",
        Word::CheckPeriod => "période",
        Word::CheckField => "champ",
        Word::CheckClaimed => "déclaré",
        Word::CheckRecomputed => "recalculé",
    }
}

pub(super) fn status(s: Status) -> &'static str {
    match s {
        Status::Achieved => "atteint",
        Status::OnTrack => "en bonne voie",
        Status::AtRisk => "à risque",
        Status::OffTrack => "en retard",
        Status::NotStarted => "non démarré",
        Status::NoData => "pas de données",
    }
}

fn aggregate_kind(a: AggregateKind) -> &'static str {
    match a {
        AggregateKind::Count => "nombre",
        AggregateKind::Distinct => "nombre de valeurs distinctes",
        AggregateKind::Sum => "somme",
    }
}

pub(super) fn text(t: &Text) -> String {
    match t {
        Text::EveryRowAccepted => "Toutes les lignes sont acceptées.".into(),
        Text::RowsRejected { rows, problems } => format!(
            "{rows} {}, {problems} {} :",
            plural(*rows, "ligne rejetée", "lignes rejetées"),
            plural(*problems, "problème", "problèmes")
        ),
        Text::RejectedRowsStop => "des lignes sont rejetées : corrigez-les, ou relancez avec \
            --allow-rejected pour les écarter (elles seront comptées)"
            .into(),
        Text::TableAgrees { rows } => format!(
            "{} {rows} {} de la table {} avec les données.",
            plural(*rows, "La", "Les"),
            plural(*rows, "ligne", "lignes"),
            plural(*rows, "concorde", "concordent")
        ),
        Text::Differences { count } => {
            format!("{count} {} :", plural(*count, "écart", "écarts"))
        }
        Text::CsvTableNeedsPeriod => "--period est requis pour une table csv".into(),
        Text::XlsxNeedsOutput => "--format xlsx demande un fichier de sortie (-o FICHIER)".into(),
        Text::UnknownLanguage { given, declared } => format!(
            "langue « {given} » inconnue de ce programme ; langues déclarées : {}",
            list(declared)
        ),
        Text::Warning { text } => format!("avertissement : {text}"),
        Text::CannotWrite { path, reason } => {
            format!("{path} : écriture impossible ({reason})")
        }
        Text::MoreRows { count } => format!("… {count} de plus (voir --format json)"),
        Text::RowsCounted { count } => format!(
            "{} ({count})",
            plural(*count, "ligne comptée", "lignes comptées")
        ),
        Text::DistinctValues { count } => format!(
            "{} ({count})",
            plural(*count, "valeur distincte", "valeurs distinctes")
        ),
        Text::RowsLeftOut {
            total,
            filter,
            after_end,
            no_date,
        } => format!(
            "{} ({total}) : {filter} par le filtre ou la condition, {after_end} {} après la fin \
             de la période, {no_date} sans date",
            plural(*total, "ligne écartée", "lignes écartées"),
            plural(*after_end, "datée", "datées"),
        ),
        Text::OutsideWindowRows => "hors période ou sans date, lignes".into(),
        Text::Row { row } => format!("ligne {row}"),
        Text::Aggregation(a) => match a {
            Aggregation::Count => "nombre de lignes".into(),
            Aggregation::CountWhere { condition } => {
                format!("nombre de lignes où {condition}")
            }
            Aggregation::CountKnown { column: Some(c) } => {
                format!("nombre de lignes où {c} est renseigné")
            }
            Aggregation::CountKnown { column: None } => "nombre de lignes".into(),
            Aggregation::Distinct { column } => {
                format!("nombre de valeurs distinctes de {column}")
            }
            Aggregation::Sum { column } => format!("somme de {column}"),
            Aggregation::Mean { column } => format!("moyenne de {column}"),
            Aggregation::Latest { column } => format!("dernière valeur de {column}"),
            Aggregation::MeanPerGroup {
                aggregate,
                column,
                members,
            } => format!(
                "moyenne par groupe : {}{} de {members} par groupe",
                aggregate_kind(*aggregate),
                column
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            ),
        },
    }
}

fn period_problem(p: PeriodProblem) -> &'static str {
    match p {
        PeriodProblem::Form => {
            "attendu : 2025-Q3, 2025-H1, 2025-M04, 2025, 2025-03-01..2025-06-30 ou project"
        }
        PeriodProblem::NotStarted => "le projet n’a pas encore commencé",
        PeriodProblem::RangeDates => "les dates d’un intervalle s’écrivent 2025-03-01..2025-06-30",
        PeriodProblem::RangeBackwards => "l’intervalle finit avant de commencer",
        PeriodProblem::Quarter => "un trimestre va de Q1 à Q4",
        PeriodProblem::Half => "un semestre est H1 ou H2",
        PeriodProblem::Month => "un mois va de M01 à M12",
    }
}

pub(super) fn error(e: &Error) -> String {
    match e {
        Error::Io { path, source } => format!("{} : {source}", path.display()),
        Error::Definition {
            path,
            line,
            message,
        } => format!(
            "{}{} : définition invalide : {message}",
            path.display(),
            line.map(|l| format!(":{l}")).unwrap_or_default()
        ),
        Error::Workbook {
            path, message_fr, ..
        } => format!("{} : {message_fr}", path.display()),
        Error::MissingSheet {
            path,
            dataset,
            found,
            closest,
        } => format!(
            "{} : aucune feuille pour le jeu de données « {dataset} » ; feuilles trouvées : {}{}",
            path.display(),
            found.join(", "),
            suggestion(closest)
        ),
        Error::MissingColumn {
            path,
            sheet,
            column,
            found,
            closest,
        } => format!(
            "{}, feuille {sheet} : colonne « {column} » absente ; colonnes trouvées : {}{}",
            path.display(),
            found.join(", "),
            suggestion(closest)
        ),
        Error::Period { input, problem } => {
            format!("période « {input} » : {}", period_problem(*problem))
        }
        Error::Compute { indicator, message } => {
            format!("indicateur {indicator} : calcul refusé par polars : « {message} »")
        }
        Error::UnknownIndicator { code, closest } => format!(
            "aucun indicateur « {code} » dans ce programme{}",
            suggestion(closest)
        ),
    }
}

pub(super) fn rule(r: &Rule) -> String {
    let n = |f: &f64| format_number(*f);
    match r {
        Rule::Required => "valeur obligatoire".into(),
        Rule::RequiredWhen { column, equals } => {
            format!("obligatoire quand {column} = {equals}")
        }
        Rule::NotANumber => "nombre attendu".into(),
        Rule::AmbiguousNumber => {
            "nombre ambigu : « , » et « . » à la fois (écrire 1234,5 ou 1 234,5)".into()
        }
        Rule::NotWhole => "nombre entier attendu".into(),
        Rule::NotADate => "date attendue (2025-04-15, 15/04/2025 ou une cellule date)".into(),
        Rule::SpreadsheetError => "la cellule contient une erreur de tableur".into(),
        Rule::NotAllowed { allowed } => format!(
            "valeur non autorisée ; valeurs possibles : {}",
            allowed.join(", ")
        ),
        Rule::Pattern { pattern } => format!("forme attendue : {pattern}"),
        Rule::BelowMin { min } => format!("inférieur au minimum {}", n(min)),
        Rule::AboveMax { max } => format!("supérieur au maximum {}", n(max)),
        Rule::Duplicate { first_row } => {
            format!("doublon de la ligne {first_row} (majuscules ignorées)")
        }
        Rule::UnknownReference { dataset } => format!("code inconnu dans {dataset}"),
        Rule::RejectedReference { dataset, row } => {
            format!("renvoie à la ligne {row} de {dataset}, elle-même rejetée")
        }
    }
}

pub(super) fn problem(p: &Problem) -> String {
    format!(
        "{}, feuille {}, ligne {}, colonne {} : « {} » : {}",
        p.file,
        p.sheet,
        p.row,
        p.column,
        p.value,
        rule(&p.rule)
    )
}
