//! Les mots du rapport trimestriel, en français.

use crate::messages::report::{
    Conventions, FormulaText, ReportText, ReportWord, SpacedPunctuation, StatementText,
};
use cadre::measure::MethodPhrase;

/// Espace fine insécable : séparateur des milliers, avant `%` et les unités.
const NNBSP: &str = "\u{202F}";

pub(in crate::messages) const CONVENTIONS: Conventions = Conventions {
    thousands: '\u{202F}',
    decimal: ',',
    before_percent: NNBSP,
    symbol_first: false,
    before_currency: NNBSP,
    before_size_unit: NNBSP,
    kilobytes: "ko",
    megabytes: "Mo",
    percentage_points: "\u{202F}pt",
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    first_day: "1ᵉʳ",
    short_months: [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ],
    spaced_punctuation: Some(SpacedPunctuation {
        before_colon: "\u{A0}",
        before_high: NNBSP,
        inside_guillemets: "\u{A0}",
    }),
};

pub(in crate::messages) fn word(w: ReportWord) -> &'static str {
    match w {
        ReportWord::ReportMonthly => "Rapport mensuel de suivi",
        ReportWord::ReportHalfYearly => "Rapport semestriel de suivi",
        ReportWord::ReportAnnual => "Rapport annuel",
        ReportWord::ReportFinal => "Rapport final",
        ReportWord::ReportProgress => "Rapport de suivi",
        ReportWord::Report => "Rapport trimestriel de suivi",
        ReportWord::Period => "Période",
        ReportWord::Issued => "Date d’édition",
        ReportWord::ProgrammeDates => "Durée du programme",
        ReportWord::Elapsed => "Temps écoulé à la fin de la période",
        ReportWord::Implementer => "Mise en œuvre",
        ReportWord::Funders => "Financement",
        ReportWord::Cofinancing => "taux de cofinancement",
        ReportWord::Contents => "Sommaire",
        ReportWord::Summary => "Synthèse",
        ReportWord::Statuses => "Statut des indicateurs",
        ReportWord::KeyFigures => "Chiffres clés de la période",
        ReportWord::Attention => "Points d’attention",
        ReportWord::OffTrackIntro => "Indicateurs en retard\u{A0}:",
        ReportWord::NoneOffTrack => "Aucun indicateur n’est en retard.",
        ReportWord::AtRiskIntro => "À surveiller (à risque)\u{A0}:",
        ReportWord::Tracking => "Tableau de suivi des indicateurs",
        ReportWord::TrackingNote => {
            "Valeurs cumulées depuis le début du programme jusqu’à la fin de la période\u{A0}; «\u{A0}Période\u{A0}»\u{A0}: valeur calculée sur la seule période. «\u{A0}Réal.\u{A0}»\u{A0}: cumul / cible, pour un total\u{A0}; «\u{A0}Écart\u{A0}»\u{A0}: valeur moins cible pour un niveau, moins plafond pour un plafond (négatif\u{A0}: sous le plafond). Le jalon est celui en vigueur, avec sa date\u{A0}; le prochain jalon, le premier après la fin de la période (—\u{A0}: plus aucun). «\u{A0}Trim. préc.\u{A0}»\u{A0}: cumul à la fin du trimestre précédent\u{A0}; «\u{A0}Évol.\u{A0}»\u{A0}: écart du cumul depuis."
        }
        ReportWord::Code => "Code",
        ReportWord::Indicator => "Indicateur",
        ReportWord::Baseline => "Réf.",
        ReportWord::BaselineLong => "référence",
        ReportWord::NoData => "aucune donnée à ce jour",
        ReportWord::Folder => "Dossier",
        ReportWord::Colon => "\u{202F}: ",
        ReportWord::Milestone => "Jalon",
        ReportWord::Target => "Cible",
        ReportWord::Ceiling => "Plafond",
        ReportWord::CeilingLower => "plafond",
        ReportWord::PeriodValue => "Période",
        ReportWord::Cumulative => "Cumul",
        ReportWord::CumulativeLong => "Cumul",
        ReportWord::AchievementLong => "Réalisation",
        ReportWord::Achievement => "Réal.",
        ReportWord::Status => "Statut",
        ReportWord::Results => "Résultats par action",
        ReportWord::NoMilestone => "aucun jalon échu",
        ReportWord::NoValue => "—",
        ReportWord::NotAvailable => "n.d.",
        ReportWord::ThisPeriod => "sur la période",
        ReportWord::Category => "Catégorie",
        ReportWord::Finance => "Exécution financière",
        ReportWord::FinanceIntro => {
            "Dépenses cumulées à la fin de la période, rapportées au budget, et part des cofinancements."
        }
        ReportWord::Rate => "Taux",
        ReportWord::Annexes => "Annexes",
        ReportWord::Methodology => "Méthodologie",
        ReportWord::MethodologyIntro => {
            "Chaque indicateur est calculé à partir des feuilles du classeur de suivi selon sa définition. Les valeurs cumulées portent sur toutes les lignes datées jusqu’à la fin de la période."
        }
        ReportWord::Definition => "Définition",
        ReportWord::Formula => "Calcul",
        ReportWord::AsComputed => "Tel que calculé",
        ReportWord::Source => "Source",
        ReportWord::Verification => "Vérification",
        ReportWord::Unit => "Unité",
        ReportWord::Targets => "Référence, jalons, cible",
        ReportWord::Breakdowns => "Ventilations",
        ReportWord::Kind => "Nature",
        ReportWord::KindTotal => "cumulatif\u{A0}: progresse vers la cible de fin de programme",
        ReportWord::KindLevel => "niveau à tenir à tout moment",
        ReportWord::KindCeiling => "plafond à ne pas dépasser",
        ReportWord::KindTotalCeiling => {
            "cumulatif, plafond à ne pas dépasser d’ici la fin du programme"
        }
        ReportWord::Quality => "Qualité des données",
        ReportWord::QualityIntro => {
            "Chaque ligne lue est acceptée, rejetée (une règle n’est pas respectée) ou ignorée (ligne entièrement vide)."
        }
        ReportWord::Dataset => "Jeu de données",
        ReportWord::Sheet => "Feuille",
        ReportWord::File => "Fichier",
        ReportWord::Read => "Lues",
        ReportWord::Accepted => "Acceptées",
        ReportWord::Rejected => "Rejetées",
        ReportWord::Skipped => "Vides",
        ReportWord::Total => "Total",
        ReportWord::Restatements => "Valeurs rectifiées",
        ReportWord::Reported => "Publié",
        ReportWord::Now => "Aujourd’hui",
        ReportWord::Why => "Pourquoi",
        ReportWord::DefinitionsChangedSince => {
            "Les définitions des indicateurs ont changé depuis ce rapport."
        }
        ReportWord::DataChangedSince => {
            "Les fichiers de données ne sont plus ceux de ce rapport (empreintes SHA-256 différentes)."
        }
        ReportWord::DataSameSince => {
            "Les fichiers de données sont ceux de ce rapport (mêmes empreintes SHA-256)."
        }
        ReportWord::Statement => "État financier",
        ReportWord::Budget => "Budget",
        ReportWord::SpentPeriod => "Dépensé sur la période",
        ReportWord::SpentToDate => "Dépensé à date",
        ReportWord::Remaining => "Reste à dépenser",
        ReportWord::Used => "Consommé",
        ReportWord::ShareOfSpending => "Part des dépenses",
        ReportWord::Reason => "Motif",
        ReportWord::GapLong => "Écart à la cible",
        ReportWord::CeilingVerdict => "Respect du plafond",
        ReportWord::StatusRules => "Règles de statut",
        ReportWord::FinancingPlan => "Plan de financement",
        ReportWord::Funder => "Financeur",
        ReportWord::PlannedContribution => "Contribution prévue",
        ReportWord::GrantAmount => "Montant conventionné",
        ReportWord::ReceivedToDate => "Versé à date",
        ReportWord::Balance => "Solde",
        ReportWord::Uncovered => "Non couvert par les financeurs déclarés",
        ReportWord::ForecastEnd => "Prévision à la fin",
        ReportWord::Commitments => "Engagé, prévu ou payé après",
        ReportWord::Variance => "Écart",
        ReportWord::VariancePct => "Écart (%)",
        ReportWord::Variances => "Écarts au budget",
        ReportWord::Justifications => "Justification des écarts",
        ReportWord::NoJustification => "Justification attendue, non fournie.",
        ReportWord::MethodPlan => "plan",
        ReportWord::MethodStraight => "rythme",
        ReportWord::MethodActual => "réalisé",
        ReportWord::IneligibleExpenses => "Dépenses inéligibles",
        ReportWord::Date => "Date",
        ReportWord::Amount => "Montant",
        ReportWord::InKind => "Contributions en nature",
        ReportWord::Certification => "Certification",
        ReportWord::Charges => "Charges",
        ReportWord::Resources => "Produits",
        ReportWord::PlannedAmount => "Prévision",
        ReportWord::ActualAmount => "Réalisation",
        ReportWord::TotalCharges => "Total des charges",
        ReportWord::TotalResources => "Total des produits",
        ReportWord::InKindCharges => "86 – Emplois des contributions volontaires en nature",
        ReportWord::InKindResources => "87 – Contributions volontaires en nature",
        ReportWord::CerfaTitle => "Compte rendu financier (Cerfa n°15059, fiche 6-2)",
        ReportWord::EuTitle => "Rapport financier",
        ReportWord::BudgetHeading => "Rubrique budgétaire",
        ReportWord::DirectCosts => "Total des coûts directs",
        ReportWord::TotalCosts => "Total des coûts éligibles",
        ReportWord::Incurred => "Engagé à date",
        ReportWord::PaymentRequest => "Demande de versement",
        ReportWord::NotReportedThen => "non publiée alors",
        ReportWord::NoLongerReported => "plus publiée",
        ReportWord::Logframe => "Cadre logique",
        ReportWord::LevelGoal => "Objectif global",
        ReportWord::LevelOutcome => "Objectif spécifique",
        ReportWord::LevelOutput => "Extrant",
        ReportWord::LevelAction => "Action",
        ReportWord::MeansOfVerification => "Sources de vérification",
        ReportWord::Standing => "Situation",
        ReportWord::LessonsLearned => "Enseignements tirés",
        ReportWord::Sustainability => "Durabilité",
        ReportWord::Conclusions => "Conclusions",
        ReportWord::YearTargets => "L’année au regard de ses cibles",
        ReportWord::YearTargetsIntro => {
            "Pour chaque indicateur, ce que les définitions fixaient pour l’année : sa cible propre (valeur des seules lignes de l’année) ou un jalon daté dans l’année (valeur cumulée due à sa date, jugée à cette date ; « En fin d’année » : le cumul au dernier jour de l’année)."
        }
        ReportWord::YearTarget => "Cible de l’année",
        ReportWord::Expected => "Attendu",
        ReportWord::Reached => "Atteint",
        ReportWord::AtYearEnd => "En fin d’année",
        ReportWord::TargetMet => "atteint",
        ReportWord::TargetNotMet => "non atteint",
        ReportWord::ByResult => "Par résultat",
        ReportWord::See => "voir",
        ReportWord::MissedMilestonesIntro => "Jalons manqués\u{A0}:",
        ReportWord::SilentHeading => "Remontées manquantes",
        ReportWord::RisksHeading => "Risques et hypothèses",
        ReportWord::RiskRegister => "Registre des risques",
        ReportWord::Risk => "Risque",
        ReportWord::Likelihood => "Probabilité",
        ReportWord::Impact => "Impact",
        ReportWord::RiskLevel => "Niveau",
        ReportWord::Mitigation => "Mesures d’atténuation",
        ReportWord::Owner => "Responsable",
        ReportWord::RiskStatus => "Statut",
        ReportWord::RiskChange => "Depuis le dernier rapport",
        ReportWord::RiskNew => "Nouveau",
        ReportWord::RiskClosed => "Clos",
        ReportWord::RiskUnchanged => "Inchangé",
        ReportWord::Assumptions => "Hypothèses",
        ReportWord::RisingRisksHeading => "Risques en hausse",
        ReportWord::RiskChangeSeparator => "\u{A0}; ",
        ReportWord::RisksNoNarrative => {
            "Pas de commentaire sur les risques pour cette période (risks.md)."
        }
        ReportWord::Gap => "Écart",
        ReportWord::StatusRulesIntro => {
            "Le statut d’un indicateur compare sa valeur cumulée à la fin de la période à sa cible et, pour un total, au jalon en vigueur, selon sa nature. Sans valeur, il est «\u{A0}pas de données\u{A0}»."
        }
        ReportWord::AllAccepted => "Toutes les lignes lues sont acceptées.",
        ReportWord::Row => "Ligne",
        ReportWord::Evidence => "Pièces : les lignes derrière chaque valeur",
        ReportWord::EvidenceIntro => {
            "Pour chaque indicateur, toutes les lignes comptées dans sa valeur cumulée à la fin de la période, telles que cadre explain les donne : le fichier, la feuille et la ligne du classeur, la clé de la ligne, sa date et la valeur qu’elle apporte. Les lignes marquées dans la dernière colonne sont datées dans la période. Un échantillon de ces lignes peut être rapproché des feuilles d’émargement, des pièces comptables et des autres documents sources."
        }
        ReportWord::EvidenceKey => "Clé",
        ReportWord::EvidenceDate => "Date",
        ReportWord::EvidenceInPeriod => "Dans la période",
        ReportWord::EvidenceNoRow => "Aucune ligne ne compte.",
        ReportWord::Column => "Colonne",
        ReportWord::Value => "Valeur",
        ReportWord::Rule => "Règle",
        ReportWord::NarrativeSummary => "Le trimestre en bref",
        ReportWord::NoNarrative => "Pas de narratif pour cette action ce trimestre.",
        ReportWord::IndicatorComment => "Commentaire",
        ReportWord::Draft => "PROJET",
        ReportWord::Activities => "Activités de la période",
        ReportWord::ActivityDate => "Date",
        ReportWord::ActivityTitle => "Intitulé",
        ReportWord::ActivityPlace => "Lieu",
        ReportWord::Anomalies => "Anomalies",
        ReportWord::AnomaliesIntro => {
            "Lignes acceptées mais à vérifier\u{A0}: elles ne comptent dans aucune période (datées après la date d’édition ou avant le début du programme), n’ont pas de catégorie dans une ventilation, ou répètent une ligne précédente."
        }
        ReportWord::NoAnomaly => "Aucune anomalie dans les données acceptées.",
        ReportWord::AnomalyWhat => "Anomalie",
        ReportWord::AnomalyRows => "Lignes",
        ReportWord::AnomalyFirstRows => "Premières lignes",
        ReportWord::AnomalyAfterIssue => "datées après la date d’édition",
        ReportWord::AnomalyBeforeStart => "datées avant le début du programme",
        ReportWord::AnomalyAfterEnd => "datées après le dernier jour du programme",
        ReportWord::AnomalyEmptyBreakdown => "sans valeur pour une ventilation",
        ReportWord::AnomalyDuplicate => "identiques à une ligne précédente",
        ReportWord::ReportStatus => "Statut du rapport",
        ReportWord::StatusProvisional => "provisoire",
        ReportWord::StatusFinal => "définitif",
        ReportWord::GrantAgreement => "Convention de subvention",
        ReportWord::DataAsOf => "Données extraites le",
        ReportWord::Signatory => "Signataire",
        ReportWord::Contact => "Contact",
        ReportWord::Provenance => "Provenance",
        ReportWord::ProvenanceIntro => {
            "Empreintes SHA-256 des fichiers utilisés\u{A0}: elles permettent de vérifier que ce rapport a été produit à partir de ces fichiers exactement."
        }
        ReportWord::Inputs => "Données",
        ReportWord::RowsBrought => "Lignes apportées",
        ReportWord::NotRead => "Non lus",
        ReportWord::Reporting => "Qui a envoyé quoi",
        ReportWord::Size => "Taille",
        ReportWord::Definitions => "Définitions",
        ReportWord::DefinitionsHash => "Empreinte des définitions",
        ReportWord::GeneratedBy => "Produit par",
        ReportWord::GeneratedOn => "Date d’édition",
        ReportWord::Template => "Modèle",
        ReportWord::Page => "Page",
        ReportWord::LegendCumulative => "cumul",
        ReportWord::LegendMilestone => "jalon",
        ReportWord::LegendTarget => "cible",
        ReportWord::LegendQuarter => "valeur du trimestre",
        ReportWord::LegendSinceStart => "depuis le début",
        ReportWord::NextMilestone => "Prochain jalon",
        ReportWord::PreviousQuarter => "Trim. préc.",
        ReportWord::Change => "Évol.",
    }
}

pub(in crate::messages) fn text(t: &ReportText) -> String {
    match t {
        ReportText::Forecast { .. } => forecast(t),
        ReportText::PeriodRange { start, end } => format!("du {start} au {end}"),
        ReportText::AttachedTable { period } => {
            format!("Table des indicateurs de la période {period} (cadre), pour vérification")
        }
        ReportText::RestatementsIntro { period, count, n } => format!(
            "Recalculée sur les données d’aujourd’hui, la période {period} donne {count} {} :",
            super::plural(
                *n,
                "valeur différente de celle publiée",
                "valeurs différentes de celles publiées"
            )
        ),
        ReportText::NoRestatement {
            period,
            compared,
            n,
        } => match n {
            0 => format!("Aucune valeur n’a été publiée pour la période {period}."),
            1 => format!(
                "Recalculée sur les données d’aujourd’hui, la valeur publiée pour la période {period} est inchangée."
            ),
            _ => format!(
                "Recalculées sur les données d’aujourd’hui, les {compared} valeurs publiées pour la période {period} sont inchangées."
            ),
        },
        ReportText::RowsNow {
            n,
            dataset,
            period,
            cumulative,
        } => format!(
            "{dataset} : {period} {} de la période, {cumulative} jusqu’à sa fin",
            super::plural(*n as usize, "ligne datée", "lignes datées")
        ),
        ReportText::RowsNowAndThen {
            n,
            dataset,
            period,
            period_then,
            period_change,
            cumulative,
            cumulative_then,
        } => format!(
            "{dataset} : {period} {} de la période ({period_then} alors, {period_change}), {cumulative} jusqu’à sa fin ({cumulative_then} alors)",
            super::plural(*n as usize, "ligne datée", "lignes datées")
        ),
        ReportText::MilestoneOf { date } => format!("Jalon du {date}"),
        ReportText::ResultAchieved { achieved, of } => match (*achieved, *of) {
            (1, 1) => "Son indicateur a atteint sa cible.".to_owned(),
            (_, 1) => "Son indicateur n’a pas atteint sa cible.".to_owned(),
            (0 | 1, _) => format!("{achieved} indicateur sur {of} a atteint sa cible."),
            _ => format!("{achieved} indicateurs sur {of} ont atteint leur cible."),
        },
        ReportText::ReachedAgainst { value, target, ceiling } => match ceiling {
            true => format!("{value} pour un plafond de {target}"),
            false => format!("{value} pour une cible de {target}"),
        },
        ReportText::FromTo { start, end } => format!("{start} – {end}"),
        ReportText::ProgrammeYear { n, start, end } => {
            format!("Année {n} du programme ({start} – {end})")
        }
        ReportText::ActivitiesInPeriod { count, what } => {
            format!("{what} de la période\u{A0}: {count}")
        }
        ReportText::OutOf { count, of } => format!("{count} sur {of}"),
        ReportText::Parts {
            numerator,
            denominator,
        } => format!("{numerator}\u{A0}/ {denominator}"),
        ReportText::StageReached => "étape visée atteinte".into(),
        ReportText::StagesLeft { n: 1 } => "encore 1 étape".into(),
        ReportText::StagesLeft { n } => format!("encore {n} étapes"),
        ReportText::WithinCeiling { margin } => format!("respecté, marge {margin}"),
        ReportText::OverCeiling { by } => format!("dépassé de {by}"),
        ReportText::BehindMilestone { milestone } => format!("en retard sur son jalon {milestone}"),
        ReportText::BelowLevel { target, gap } => format!("sous le niveau {target} ({gap})"),
        ReportText::AboveCeiling { ceiling, by } => {
            format!("au-dessus du plafond {ceiling} ({by})")
        }
        ReportText::RuleTotal { at_risk } => format!(
            "Total (valeur cumulée)\u{A0}: atteint quand le cumul atteint la cible\u{A0}; sinon en bonne voie s’il atteint le jalon en vigueur, à risque s’il en atteint au moins {at_risk} et que l’échéance du jalon tombe dans la période, en retard en deçà ou quand le jalon était déjà échu avant le début de la période. Sans jalon en vigueur\u{A0}: en bonne voie dès que le cumul est positif, non démarré sinon."
        ),
        ReportText::RuleFloor { at_risk } => format!(
            "Niveau à atteindre\u{A0}: atteint quand la valeur atteint la cible\u{A0}; à risque si elle en atteint au moins {at_risk}\u{A0}; en retard en deçà. Les jalons ne décident pas du statut."
        ),
        ReportText::RuleTotalCeiling => "Total à ne pas dépasser (valeur cumulée)\u{A0}: un total ne fait que croître, il est donc en retard dès que le cumul dépasse le plafond ou le jalon en vigueur, et ne peut plus être atteint\u{A0}; sinon en bonne voie, et atteint sur une période qui va jusqu’à la fin du programme.".into(),
        ReportText::RuleStock => "Un stock (indiqué dans sa méthode) est sa valeur de référence plus ce qui a été compté depuis\u{A0}: c’est cette somme qui est comparée à ses jalons et à sa cible\u{A0}; ses catégories ne montrent que ce qui a été compté.".into(),
        ReportText::RuleFromBaseline => "Quand sa méthode le dit, la réalisation se mesure depuis la valeur de référence\u{A0}: (valeur − référence) / (cible − référence)\u{A0}; le statut compare toujours la valeur au jalon et à la cible comme ci-dessus.".into(),
        ReportText::RuleNoTarget => "Sans cible\u{A0}: jamais atteint\u{A0}; un total est jugé sur son jalon en vigueur comme ci-dessus, sinon son statut est «\u{A0}sans cible\u{A0}».".into(),
        ReportText::RuleCeiling { at_risk } => format!(
            "Plafond à ne pas dépasser\u{A0}: atteint tant que la valeur ne dépasse pas le plafond\u{A0}; à risque si elle le dépasse sans excéder {at_risk} du plafond\u{A0}; en retard au-delà. Les jalons ne décident pas du statut."
        ),
        ReportText::Quarter { year, quarter } => format!("T{quarter}\u{A0}{year}"),
        ReportText::EvidenceSharedRows { n, count } => format!(
            "Dont les {count} {} du numérateur, listées ci-dessus ; les autres\u{A0}:",
            if *n == 1 { "ligne" } else { "lignes" }
        ),
        ReportText::EvidencePart {
            role,
            dataset,
            sheet,
            file,
            n,
            count,
        } => {
            let rows = super::plural(*n, "ligne", "lignes");
            match role {
                Some(role) => format!(
                    "{role}\u{A0}: «{NNBSP}{dataset}{NNBSP}», feuille «{NNBSP}{sheet}{NNBSP}» de {file} — {count} {rows}"
                ),
                None => format!(
                    "«{NNBSP}{dataset}{NNBSP}», feuille «{NNBSP}{sheet}{NNBSP}» de {file} — {count} {rows}"
                ),
            }
        }
        ReportText::Half { year, half } => format!("S{half}\u{A0}{year}"),
        ReportText::MonthOfYear { month, year } => format!("{month} {year}"),
        ReportText::ChartMilestones { milestones } => {
            let each: Vec<String> = milestones
                .iter()
                .map(|(value, date)| format!("{value} au {date}"))
                .collect();
            let word = if milestones.len() == 1 { "Jalon" } else { "Jalons" };
            format!("{word}\u{A0}: {}", each.join(", "))
        }
        ReportText::ProgressAlt {
            code,
            cumulative,
            points,
            milestones,
            target,
            ceiling,
            own,
        } => {
            let what = if *cumulative {
                "Valeur cumulée"
            } else {
                "Valeur"
            };
            let points: Vec<String> = points
                .iter()
                .map(|(value, quarter)| format!("{} ({quarter})", value.unwrap_or("sans valeur")))
                .collect();
            let mut s = format!(
                "{what} de {code} à la fin de chaque trimestre\u{A0}: {}",
                points.join(", ")
            );
            let own: Vec<String> = own
                .iter()
                .map(|(value, quarter)| format!("{} ({quarter})", value.unwrap_or("sans valeur")))
                .collect();
            if !own.is_empty() {
                s.push_str(&format!("\u{A0}; valeur de chaque trimestre seul\u{A0}: {}", own.join(", ")));
            }
            for (value, date) in milestones.iter() {
                s.push_str(&format!("\u{A0}; jalon {value} au {date}"));
            }
            let target_word = if *ceiling { "plafond" } else { "cible" };
            s.push_str(&format!("\u{A0}; {target_word} {target}."));
            s
        }
        ReportText::IndicatorsCount { count } => format!("{count} indicateurs suivis"),
        ReportText::Due { date } => format!("dû le {date}"),
        ReportText::PeriodTarget {
            target,
            achievement,
        } => match achievement {
            Some(a) => format!("Cible de la période : {target} ({a} atteints)"),
            None => format!("Cible de la période : {target}"),
        },
        ReportText::CategoryTarget { target, ceiling } => match ceiling {
            true => format!("plafond {target}"),
            false => format!("cible {target}"),
        },
        ReportText::BreakdownBy { label } => format!("Par {}", label.to_lowercase()),
        ReportText::FunderCeiling { funder, rate } => {
            format!("Plafond de cofinancement {funder}\u{A0}: {rate}")
        }
        ReportText::RejectedListed { count } => format!(
            "{count} problème(s) relevé(s)\u{A0}; ces lignes sont écartées du calcul\u{A0}:"
        ),
        ReportText::RejectedNotListed { count } => format!(
            "{count} problème(s) relevé(s)\u{A0}; le détail est donné par `cadre validate`."
        ),
        ReportText::MissedMilestone {
            value,
            milestone,
            date,
        } => format!("{value} pour un jalon de {milestone} au {date}"),
        ReportText::RiskRegisterAbsent { dataset } => format!(
            "Le registre des risques (feuille «\u{A0}{dataset}\u{A0}») n’a pas été fourni avec les données\u{A0}: aucun risque ne peut être rapporté."
        ),
        ReportText::RiskRegisterIntro {
            count,
            end,
            previous,
            max,
            high,
        } => format!(
            "{count} {} au {end}, chacun comparé au registre en vigueur au {previous}. Le niveau d’un risque est le rang de sa probabilité multiplié par celui de son impact, de 1 à {max}\u{A0}; à partir de {high}, il est élevé.",
            if *count <= 1 { "risque suivi" } else { "risques suivis" }
        ),
        ReportText::RiskMoved { what, up, from, to } => format!(
            "{what} en {}\u{A0}: {from} → {to}",
            if *up { "hausse" } else { "baisse" }
        ),
        ReportText::RiskStatusChanged { from, to } => format!("Statut\u{A0}: {from} → {to}"),
        ReportText::RiskRose {
            code,
            risk,
            from,
            to,
            change,
        } => format!("{code} {risk}\u{A0}: niveau {from} → {to} ({change})"),
    }
}

/// An indicator's outlook (see [`ReportText::Forecast`]).
fn forecast(t: &ReportText) -> String {
    let ReportText::Forecast {
        forecast,
        target,
        pace,
        needed,
        verdict,
    } = t
    else {
        return String::new();
    };
    use cadre::outlook::Verdict;
    match verdict {
        Verdict::Achieved => {
            format!("Cible {target} atteinte\u{A0}; à ce rythme, {forecast} à la fin.")
        }
        Verdict::WithinReach => format!(
            "À ce rythme, {forecast} à la fin (cible {target})\u{A0}: à portée\u{A0}; {needed} par trimestre nécessaires, {pace} jusqu’ici."
        ),
        Verdict::OutOfReach => format!(
            "À ce rythme, {forecast} à la fin (cible {target})\u{A0}: hors d’atteinte\u{A0}; {needed} par trimestre nécessaires, {pace} jusqu’ici."
        ),
    }
}

pub(in crate::messages) fn formula(f: &FormulaText) -> String {
    let s = match f {
        FormulaText::Method(phrase) => method_phrase(*phrase),
        FormulaText::Meeting => " vérifiant ",
        FormulaText::OfDataset { label } => return format!(" de «{NNBSP}{label}{NNBSP}»"),
        FormulaText::Where => " où ",
        // In brackets: a ratio's sides are in parentheses already.
        FormulaText::Restricted { label } => return format!(" [{label}]"),
        FormulaText::Counting { label } => return format!(", en comptant {label}"),
        FormulaText::BreakdownRestricts => {
            ". Une ventilation restreint tout le calcul à la catégorie"
        }
        FormulaText::BreakdownNumeratorOnly { label } => {
            return format!(
                ". La ventilation par «{NNBSP}{label}{NNBSP}» ne porte que sur le numérateur\u{A0}: chaque catégorie rapportée au dénominateur entier"
            );
        }
        FormulaText::SourceSeparator => "\u{A0}; ",
        FormulaText::SheetOf { sheet } => return format!(" (feuille «{NNBSP}{sheet}{NNBSP}»)"),
        FormulaText::DatedBy => ", datée par ",
        FormulaText::AtDateOfRow => ", à la date de la ligne rattachée",
        FormulaText::UndatedWhole => ", non datée\u{A0}: prise en entier",
        FormulaText::Stock => {
            ". La valeur est la valeur de référence plus ce qui a été compté depuis\u{A0}; une catégorie ne montre que ce qui a été compté"
        }
        FormulaText::AchievementFromBaseline => {
            ". La réalisation se mesure depuis la valeur de référence\u{A0}: (valeur − référence) / (cible − référence)"
        }
    };
    s.to_owned()
}

/// Les phrases qu’une mesure écrit de sa méthode.
fn method_phrase(phrase: MethodPhrase) -> &'static str {
    match phrase {
        MethodPhrase::CountRows => "Nombre de lignes",
        MethodPhrase::DistinctNonEmptyOf => "Nombre de valeurs distinctes et non vides de ",
        MethodPhrase::SumOf => "Somme de ",
        MethodPhrase::EmptyCountsZero => " (une cellule vide compte 0)",
        MethodPhrase::MeanOf => "Moyenne des valeurs renseignées de ",
        MethodPhrase::ValueOf => "Valeur de ",
        MethodPhrase::AtDate => " à la date ",
        MethodPhrase::Latest => " la plus récente",
        MethodPhrase::Rows => "Lignes",
        MethodPhrase::OverThoseWhere => ", rapportées à celles où ",
        MethodPhrase::IsKnown => " est renseigné",
        MethodPhrase::OverAllRows => ", rapportées à toutes ces lignes",
        MethodPhrase::NoValueWhenZero => "\u{A0}; sans valeur si le dénominateur est nul",
        MethodPhrase::ForEachRow => "Pour chaque ligne",
        MethodPhrase::Colon => "\u{A0}: ",
        MethodPhrase::MeanOverRows => " (0 si aucune)\u{A0}; moyenne sur ces lignes",
        MethodPhrase::NumberOfRows => "nombre de lignes",
        MethodPhrase::NumberOfDistinctValuesOf => "nombre de valeurs distinctes de ",
        MethodPhrase::SumOfLower => "somme de ",
        MethodPhrase::LinkedThrough => " qui lui sont rattachées par ",
        MethodPhrase::WeightedBy => ", chaque ligne pondérée par ",
        MethodPhrase::StageOf => "Étape de ",
        MethodPhrase::StageRank => ", notée par son rang (1 = la première étape)",
        MethodPhrase::NumberOfUnits => "Nombre de ",
        MethodPhrase::ShareOfUnits => "Part des ",
        MethodPhrase::WhoseLatest => " dont l’étape ",
        MethodPhrase::Reaches => " atteint au moins ",
        MethodPhrase::TargetStage => "\u{A0}; étape visée\u{A0}: ",
        MethodPhrase::FormulaOfIndicators => {
            "Calculé à partir d'autres indicateurs par la formule "
        }
        MethodPhrase::FormulaPerWindow => {
            ", appliquée à leurs valeurs sur la période pour la valeur de la période, à leurs valeurs cumulées pour la valeur cumulée, et à leurs valeurs pour une catégorie pour cette catégorie (un indicateur sans ligne dans la catégorie y compte sa valeur sur aucune ligne)"
        }
        MethodPhrase::FormulaNoValueWhen => {
            " ; pas de valeur quand l'un d'eux n'en a pas ou en cas de division par zéro"
        }
        MethodPhrase::CountsNewInPeriod => {
            "\u{A0}; sur une période, seules les valeurs dont la première ligne y est datée (nouvelles valeurs)"
        }
        MethodPhrase::WindowPeriod => {
            "\u{A0}; la valeur comparée à la cible est celle de la période seule (lignes datées dans la période)"
        }
        MethodPhrase::WindowValidFrom => {
            "\u{A0}; le stock au dernier jour de la période\u{A0}: lignes dont "
        }
        MethodPhrase::WindowValidFromOnOrBefore => " est au plus tard ce jour-là",
        MethodPhrase::WindowValidTo => " et dont ",
        MethodPhrase::WindowValidToEmptyOrAfter => " est vide ou postérieure",
        MethodPhrase::WindowLatestPerUnit => {
            "\u{A0}; au dernier jour de la période\u{A0}: la dernière ligne de chaque "
        }
        MethodPhrase::WindowLatestPerUnitUpToEnd => " datée au plus tard ce jour-là",
        MethodPhrase::WindowLatestRound => {
            "\u{A0}; seules les lignes de la dernière vague (plus grande valeur de "
        }
    }
}

/// Les phrases de l’état financier.
pub(in crate::messages) fn statement(t: &StatementText) -> String {
    // Le français met au singulier les valeurs inférieures à 2.
    let points = |v: f64| if v.abs() < 2.0 { "point" } else { "points" };
    match t {
        StatementText::Intro { end } => format!(
            "Le budget face aux dépenses enregistrées jusqu’au {end}\u{A0}; montants tels que saisis, corrections comprises."
        ),
        StatementText::CeilingRespected {
            funder,
            share,
            rate,
            margin,
            points: v,
        } => format!(
            "{funder}\u{A0}: {share} des dépenses à date pour un plafond de cofinancement de {rate}\u{A0}: plafond respecté, marge de {margin} {}.",
            points(*v)
        ),
        StatementText::CeilingExceeded {
            funder,
            share,
            rate,
            by,
            points: v,
        } => format!(
            "{funder}\u{A0}: {share} des dépenses à date pour un plafond de cofinancement de {rate}\u{A0}: dépassé de {by} {}.",
            points(*v)
        ),
        StatementText::Forecast {
            spent,
            elapsed,
            projected,
            pct,
            budget,
        } => format!(
            "Projection\u{A0}: {spent} dépensés pour {elapsed} de la durée du programme écoulée\u{A0}; au même rythme, les dépenses atteindraient {projected} à son terme, soit {pct} du budget de {budget}."
        ),
        StatementText::Indirect {
            indirect,
            direct,
            pct,
            cap,
            margin,
            by,
        } => {
            let verdict = match (margin, by) {
                (_, Some(by)) => format!("dépassé de {by} points"),
                (Some(m), None) => format!("respecté, marge {m} points"),
                (None, None) => "sans objet".into(),
            };
            format!(
                "Coûts indirects : {indirect}, soit {pct} des coûts directs ({direct}) ; plafond de {cap} : {verdict}."
            )
        }
        StatementText::FlagsHeading => "Points d’attention financiers".into(),
        StatementText::UsedUp {
            line,
            spent,
            budget,
            used,
        } => format!(
            "{line} : {spent} dépensés sur {budget} prévus ({used}) avant la fin du programme ; rien ne reste pour le travail encore à venir."
        ),
        StatementText::NegativeLine { line, spent } => format!(
            "{line} : dépenses négatives à ce jour ({spent}) ; un avoir sans son écriture d’origine ?"
        ),
        StatementText::Correction {
            date,
            amount,
            line,
            row,
        } => {
            format!("Correction ou avoir du {date} : {amount}, {line} (ligne {row} des dépenses).")
        }
        StatementText::Undated {
            n,
            count,
            amount,
            rows,
        } => format!(
            "{count} {} sans date ({amount}) : {} nulle part ({} {rows} des dépenses).",
            super::plural(*n, "dépense", "dépenses"),
            super::plural(*n, "comptée", "comptées"),
            super::plural(*n, "ligne", "lignes")
        ),
        StatementText::ForecastPlan {
            projected,
            pct,
            budget,
            planned,
            straight,
            straight_line,
        } => {
            let how = match (*planned, *straight) {
                (0, _) => "chaque ligne au rythme constaté".to_owned(),
                (p, 0) => format!(
                    "{p} {} d’après {} engagements et le plan de travail",
                    super::plural(p, "ligne", "lignes"),
                    super::plural(p, "ses", "leurs")
                ),
                (p, s) => format!(
                    "{p} {} d’après {} engagements et le plan de travail, {s} au rythme constaté faute de plan",
                    super::plural(p, "ligne", "lignes"),
                    super::plural(p, "ses", "leurs")
                ),
            };
            let alone = straight_line
                .map(|v| format!(" (au seul rythme constaté\u{A0}: {v})"))
                .unwrap_or_default();
            format!(
                "Prévision à la fin du programme\u{A0}: {projected}, soit {pct} du budget de {budget}\u{A0}; {how}{alone}."
            )
        }
        StatementText::LaterStatuses {
            n,
            count,
            amount,
            end,
            committed,
            planned,
            paid,
        } => {
            let mut parts = Vec::new();
            if let Some((n, c, a)) = committed {
                parts.push(format!("{c} {} ({a})", super::plural(*n, "engagée", "engagées")));
            }
            if let Some((n, c, a)) = planned {
                parts.push(format!(
                    "{c} {} au plan de travail ({a})",
                    super::plural(*n, "prévue", "prévues")
                ));
            }
            if let Some((n, c, a)) = paid {
                parts.push(format!(
                    "{c} {} après la période ({a}), {} à la période suivante",
                    super::plural(*n, "payée", "payées"),
                    super::plural(*n, "comptée", "comptées")
                ));
            }
            format!(
                "{count} {} après le {end} ({amount})\u{A0}: {}. Aucune n’est comptée comme dépensée\u{A0}; toutes entrent dans la prévision.",
                super::plural(*n, "dépense datée", "dépenses datées"),
                parts.join(", ")
            )
        }
        StatementText::MethodLegend => "Prévision\u{A0}: «\u{A0}plan\u{A0}» d’après les dépenses engagées, prévues au plan de travail ou payées après la période\u{A0}; «\u{A0}rythme\u{A0}» au rythme des dépenses constaté jusqu’ici, faute de plan\u{A0}; «\u{A0}réalisé\u{A0}» une fois le programme achevé.".into(),
        StatementText::VarianceIntro { threshold } => match threshold {
            Some(t) => format!(
                "L’écart d’une ligne est sa prévision à la fin du programme moins son budget. Au-delà de {t} du budget de la ligne, l’écart est justifié ci-dessous."
            ),
            None => "L’écart d’une ligne est sa prévision à la fin du programme moins son budget.".into(),
        },
        StatementText::Ineligible { n, count, amount } => format!(
            "{count} {} ({amount}) {} à aucun financeur et hors de tous les totaux\u{A0}:",
            super::plural(*n, "dépense inéligible", "dépenses inéligibles"),
            super::plural(*n, "n’est imputée", "ne sont imputées")
        ),
        StatementText::InKindSummary { budget, valued } => format!(
            "Contributions en nature (valorisées, hors trésorerie et hors des tableaux ci-dessus)\u{A0}: {budget} prévues au budget, {valued} valorisées à date."
        ),
        StatementText::CashBalance {
            received,
            spent,
            balance,
            prefinanced,
        } => {
            let what = if *prefinanced {
                "le porteur préfinance"
            } else {
                "trésorerie disponible"
            };
            format!(
                "Fonds reçus à date\u{A0}: {received}, pour {spent} dépensés\u{A0}; solde\u{A0}: {balance} ({what})."
            )
        }
        StatementText::NoInstalments => {
            "Les versements des financeurs ne sont pas déclarés\u{A0}: les fonds reçus et le solde de trésorerie ne sont pas connus.".into()
        }
        StatementText::ExchangeRate {
            currency,
            rate,
            home,
            budget,
            spent,
        } => format!(
            "Taux de change\u{A0}: 1\u{A0}{currency} = {rate}\u{A0}{home}. En {currency}\u{A0}: budget {budget}, dépensé à date {spent}."
        ),
        StatementText::Certify {
            name,
            role,
            implementer,
            end,
        } => {
            let role = if role.is_empty() { String::new() } else { format!(", {role}") };
            let of = if implementer.is_empty() { String::new() } else { format!(" de {implementer}") };
            format!(
                "Je soussigné(e), {name}{role}, représentant(e) légal(e){of}, certifie exact le présent compte rendu financier arrêté au {end}, et que les dépenses déclarées ont été engagées et payées pour la réalisation du programme."
            )
        }
        StatementText::SignedAt { place, date } => format!("Fait à {place}, le {date}."),
        StatementText::PaymentRequested {
            funder,
            amount,
            received,
            grant,
        } => {
            let grant = grant.map(|g| format!(" sur un montant conventionné de {g}")).unwrap_or_default();
            format!(
                "Le porteur sollicite le versement de la tranche suivante\u{A0}: {amount} de {funder} (déjà versé\u{A0}: {received}{grant})."
            )
        }
        StatementText::Later {
            n,
            count,
            amount,
            end,
        } => format!(
            "{count} {} après le {end} ({amount}) {} pas comptée{} ici.",
            super::plural(*n, "dépense datée", "dépenses datées"),
            super::plural(*n, "n’est", "ne sont"),
            super::plural(*n, "", "s")
        ),
    }
}
