//! Le catalogue français du lanceur : ses mots et ses phrases.

pub(super) mod people;
pub(super) mod report;
pub(super) mod sheets;
pub(super) mod web;
pub(super) mod workplan;

use super::{Lang, Text, Word, list};
use crate::template::XlsxPart;

/// Ce que l’écriture xlsx écrivait.
pub(super) fn xlsx_part(p: &XlsxPart) -> String {
    match p {
        XlsxPart::TrackingTable => "tableau de suivi".into(),
        XlsxPart::CreationDate => "date de création".into(),
        XlsxPart::Workbook => "classeur".into(),
        XlsxPart::Instructions => "feuille d’instructions".into(),
        XlsxPart::SheetName { dataset } => {
            format!("nom de la feuille du jeu de données « {dataset} »")
        }
        XlsxPart::Sheet { sheet } => format!("feuille {sheet}"),
        XlsxPart::Column { sheet, column } => format!("feuille {sheet}, colonne {column}"),
        XlsxPart::ColumnCheck { sheet, column } => {
            format!("feuille {sheet}, colonne {column}, contrôle de saisie")
        }
        XlsxPart::Cell { sheet, row, column } => {
            format!("feuille {sheet}, ligne {row}, colonne {column}")
        }
    }
}

/// Le singulier pour 0 et 1, le pluriel au-delà (règle française).
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n <= 1 { one } else { many }
}

pub(super) fn word(w: Word) -> &'static str {
    match w {
        Word::Colon => " : ",
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
        Word::PeriodTarget => "Cible de la période",
        Word::PeriodAchievementPct => "Réalisation de la période (%)",
        Word::PeriodTargetLower => "cible de la période",
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
        Word::Rows => "lignes",
        Word::Accepted => "Acceptées",
        Word::Rejected => "Rejetées",
        Word::SkippedEmpty => "Vides",
        Word::Code => "Code",
        Word::Name => "Nom",
        Word::FilesRead => "Fichiers lus",
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
        Word::NumeratorOnly => "numérateur seul, chaque catégorie rapportée au dénominateur entier",
        Word::Description => "Description",
        Word::Rule => "Règle",
        Word::Requirement => "Obligatoire",
        Word::SheetContent => "Contenu",
        Word::SheetKey => "Clé (code unique)",
        Word::RefersToSheets => "Renvoie aux feuilles",
        Word::PrefilledRows => "Lignes pré-remplies",
        Word::ColumnHeader => "Colonne (en-tête)",
        Word::HowToFill => "Comment remplir ce classeur",
        Word::TheSheets => "Les feuilles",
        Word::TheColumns => "Les colonnes",
        Word::InstructionsSheet => "Instructions",
        Word::InstructionsSheetAlt => "Mode d'emploi",
        Word::InstructionsSheetAlt2 => "Notice",
        Word::ListsSheet => "Listes",
        Word::ListsSheetAlt => "Valeurs",
        Word::ListsSheetAlt2 => "Listes cadre",
        Word::ValueNotInList => "Valeur hors liste",
        Word::WholeNumberExpected => "Nombre entier attendu",
        Word::NumberOutOfRange => "Nombre hors limites",
        Word::DuplicateCode => "Code en double",
        Word::SpreadsheetDateFormat => "dd/mm/yyyy",
        Word::RuleOneSheetPerDataset => {
            "Une feuille par jeu de données, une ligne par enregistrement. Ne renommez ni les feuilles ni les en-têtes de colonnes, et n'insérez pas de ligne au-dessus des en-têtes."
        }
        Word::RuleHoverHeaders => {
            "Survolez un en-tête pour lire sa note : ce que contient la colonne, sa règle, si elle est obligatoire et les valeurs autorisées. En-tête foncé : colonne obligatoire ; en-tête clair : colonne facultative ou obligatoire dans un cas précis (voir la note)."
        }
        Word::RuleNoHalfRows => {
            "Ne laissez pas de ligne à moitié remplie : une ligne commencée est contrôlée en entier, et une cellule obligatoire vide la fait rejeter. Une ligne entièrement vide est simplement ignorée."
        }
        Word::RuleDates => {
            "Dates : une vraie date du tableur, ou le texte 2025-04-15 ou 15/04/2025 (le jour d'abord). Une date avec une heure (15/04/2025 14:30) compte pour son jour."
        }
        Word::RuleNumbers => {
            "Nombres : une cellule numérique, ou un texte comme 1234,5, 1234.5 ou 1 234,5 (espace entre les milliers). N'écrivez pas 1,234.5 : c'est ambigu et refusé. Un nombre entier n'a pas de décimales ; un montant négatif (-1 180) est une correction."
        }
        Word::RuleCodes => {
            "Codes : le code d'une ligne (colonne clé) est unique dans sa feuille, majuscules ignorées. Une colonne qui renvoie à une autre feuille contient un code de cette feuille (liste déroulante) ; une ligne qui cite un code absent est rejetée."
        }
        Word::RuleExtraColumns => {
            "Les colonnes et les feuilles en plus sont ignorées : vous pouvez ajouter une colonne de remarques."
        }
        Word::RuleValidate => {
            "Avant d'envoyer le classeur, faites-le contrôler : cadre validate --programme <dossier> --data <classeur> liste chaque ligne rejetée, avec la feuille, la ligne, la colonne et la règle."
        }
        Word::ActivitiesCarriedOut => "Activités réalisées",
        Word::DifficultiesAndMeasures => "Difficultés et mesures correctives",
        Word::NextQuarterPlan => "Prévisions pour le trimestre suivant",
        Word::NextYearPlan => "Prévisions pour l’année suivante",
        Word::ResultConclusions => "Conclusions et perspectives",
        Word::IndicatorsAtPeriodEnd => "Indicateurs à la fin de la période",
        Word::RoleGroups => "groupes",
        Word::RoleIndicator => "indicateur",
        Word::Formula => "Formule",
        Word::FinancialStatement => "État financier",
        Word::Budget => "Budget",
        Word::SpentInPeriod => "Dépensé sur la période",
        Word::SpentToDate => "Dépensé à date",
        Word::Remaining => "Reste à dépenser",
        Word::UsedPct => "Consommé (%)",
        Word::ShareOfSpendingPct => "Part des dépenses à date (%)",
        Word::CeilingPct => "Plafond de cofinancement (%)",
        Word::BaselineLower => "référence",
        Word::CountedLower => "compté",
        Word::MeasuredOn => "mesurée le",
        Word::FinancingPlan => "Plan de financement",
        Word::ByNature => "Par nature",
        Word::Variances => "Écarts",
        Word::IneligibleAndCorrections => "Inéligibles et corrections",
        Word::Funder => "Financeur",
        Word::PlannedContribution => "Contribution prévue",
        Word::PlannedPct => "Part du budget en numéraire (%)",
        Word::Grant => "Subvention accordée",
        Word::CeilingCheck => "Vérification du plafond",
        Word::GapPoints => "Écart au plafond (points)",
        Word::Respected => "respecté",
        Word::Exceeded => "dépassé",
        Word::ReceivedInPeriod => "Reçu sur la période",
        Word::ReceivedToDate => "Reçu à date",
        Word::CashBalance => "Solde de trésorerie",
        Word::InKindInPeriod => "En nature (valorisé), période",
        Word::InKindToDate => "En nature (valorisé), à date",
        Word::Uncovered => "Non couvert par un financeur",
        Word::ExchangeRate => "Taux de change",
        Word::Costs => "Charges",
        Word::Planned => "Prévu",
        Word::ActualToDate => "Réalisé à date",
        Word::ActualPct => "Réalisé (%)",
        Word::Forecast => "Prévision à la fin",
        Word::Variance => "Écart",
        Word::VariancePct => "Écart (%)",
        Word::InKindCosts => "Emplois des contributions volontaires en nature",
        Word::Resources => "Ressources",
        Word::InKindResources => "Contributions volontaires en nature",
        Word::ValuedToDate => "Valorisé à date",
        Word::PaidAfterPeriod => "Payé après la période",
        Word::Committed => "Engagé",
        Word::PlannedByWorkplan => "Prévu au plan de travail",
        Word::ForecastMethod => "Méthode de prévision",
        Word::MethodPlan => "engagements et plan de travail",
        Word::MethodStraightLine => "linéaire",
        Word::MethodActual => "réel",
        Word::MethodMixed => "mixte",
        Word::JustificationExpected => "Justification attendue",
        Word::Yes => "oui",
        Word::No => "non",
        Word::IneligibleExpenses => "Dépenses inéligibles",
        Word::CorrectionsAndCreditNotes => "Corrections et avoirs",
        Word::UndatedExpenses => "Dépenses sans date (comptées nulle part)",
        Word::SheetRow => "Ligne du tableur",
        Word::ExpenseDate => "Date",
        Word::Amount => "Montant",
        Word::Action => "Action",
        Word::BudgetLine => "Ligne budgétaire",
        Word::Nature => "Nature",
        Word::PreviousQuarterCumulative => "Cumul au trimestre précédent",
        Word::ChangeSincePreviousQuarter => "Évolution depuis le trimestre précédent",
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
        Text::PreviousNeedsPeriod { periods } => format!(
            "--previous : choisissez la période de cette table avec --previous-period (périodes : {periods})"
        ),
        Text::CsvTableNeedsPeriod => "--period est requis pour une table csv".into(),
        Text::ReportFromOtherData => "note : ces fichiers de données ne sont pas ceux dont le \
            rapport a été calculé (empreintes SHA-256 différentes)"
            .into(),
        Text::ReportFromOtherDefinitions => "note : les définitions des indicateurs ont changé \
            depuis le calcul du rapport"
            .into(),
        Text::NoReportingUnits => "le programme ne déclare pas d’unités déclarantes : ajoutez [reporting] à programme.toml (voir indicators/README.md)".into(),
        Text::XlsxNeedsOutput => "--format xlsx demande un fichier de sortie (-o FICHIER)".into(),
        Text::IatiDateAhead { date, today } => format!(
            "le fichier IATI ne peut pas être daté du {date}, après aujourd’hui ({today}) : la norme IATI refuse une date de mise à jour dans le futur (règle 11.1.1) ; donnez à --date ou SOURCE_DATE_EPOCH un jour jusqu’à aujourd’hui"
        ),
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
            window,
        } => format!(
            "{} ({total}) : {filter} par le filtre ou la condition, {after_end} {} après la fin \
             de la période, {no_date} sans date{}",
            plural(*total, "ligne écartée", "lignes écartées"),
            plural(*after_end, "datée", "datées"),
            match window {
                0 => String::new(),
                n => format!(", {n} par la fenêtre de l’indicateur"),
            }
        ),
        Text::OutsideWindowRows => "hors période ou sans date, lignes".into(),
        Text::Row { row } => format!("ligne {row}"),
        Text::TemplateFolder { path, reason } => {
            format!("modèle de rapport {path} : {reason}")
        }
        Text::NarrativeNoFolder { path } => {
            format!("aucun narratif pour la période : le dossier {path} n’existe pas")
        }
        Text::UnmatchedSheet { file, sheet } => {
            format!("{file}, feuille « {sheet} » : aucun jeu de données de ce nom, non lue")
        }
        Text::JustificationMissing { row, variance } => format!(
            "finance.md : l’écart de « {row} » ({variance}) dépasse le seuil du programme et n’est pas justifié : ajoutez une section « ## {row} »"
        ),
        Text::JustificationUnknown { heading } => format!(
            "finance.md : la section « {heading} » ne nomme aucune ligne ni nature du budget, elle n’est pas imprimée"
        ),
        Text::PaidAhead {
            dataset,
            issued,
            rows,
        } => format!(
            "{dataset} : des dépenses marquées payées sont datées après la date d’émission du rapport ({issued}) ; un paiement ne peut pas être à venir : marquez-les engagées ou prévues, ou corrigez leur date\n{rows}"
        ),
        Text::RowWord => "ligne".into(),
        Text::SkeletonJustify { threshold } => format!(
            "Justifiez ici l’écart de chaque ligne ou nature au-delà de {threshold} de son budget (prévision à la fin du programme moins budget) : une section « ## » par ligne, intitulée comme ci-dessous. Ce commentaire ne s’imprime pas."
        ),
        Text::DataAfterIssue { extracted, issued } => format!(
            "les données sont extraites le {extracted}, après la date d’émission du rapport ({issued}) : il donne des valeurs qu’on ne pouvait connaître à cette date ; donnez --date ou --data-as-of"
        ),
        Text::DataAfterIssueFinal { extracted, issued } => format!(
            "rapport final : les données sont extraites le {extracted}, après sa date d’émission ({issued}) ; donnez la date d’émission réelle (--date) ou celle de l’extraction (--data-as-of)"
        ),
        Text::NarrativeClosingMissing { file } => format!(
            "un rapport annuel ou final demande ses enseignements et sa durabilité : le fichier {file} manque"
        ),
        Text::NarrativeRisksMissing => "le programme tient un registre des risques\u{A0}: son commentaire, le fichier risks.md, manque".into(),
        Text::SkeletonLessons => "Enseignements tirés : ce qui a marché, ce qui n’a pas marché et pourquoi, ce que vous referiez autrement. Ce commentaire ne s’imprime pas.".into(),
        Text::SkeletonSustainability => "Durabilité : ce qui continuera après le financement, porté par qui, avec quelles ressources ; les risques pour la suite. Ce commentaire ne s’imprime pas.".into(),
        Text::SkeletonRisks { period } => format!("Le registre des risques au {period}\u{A0}: ce qui a changé, pourquoi, et ce qui est fait. Les risques qui ont changé depuis le dernier rapport sont listés ci-dessous. Ce commentaire ne s’imprime pas."),
        Text::SkeletonRisk { code, risk, change } => format!("- {code} {risk}\u{A0}: {change}"),
        Text::AbsentDataset { dataset } => {
            format!("{dataset} : jeu de données facultatif absent des fichiers, vide")
        }
        Text::SkippedFile { file, reason } => {
            format!("{file} ignoré : {}", reason.text(Lang::Fr))
        }
        Text::ReportingHeading { units, period } => match period {
            Some(p) => format!("{units} : lignes envoyées pour {p}"),
            None => format!("{units} : lignes envoyées"),
        },
        Text::ReportingSummary { reported, of } => format!(
            "{reported} sur {of} ont envoyé des lignes ; {} sans nouvelles.",
            of - reported
        ),
        Text::SilentUnits { names } => format!("Rien reçu de : {names}."),
        Text::RowsWithoutUnit { rows, dataset } => format!(
            "{rows} {} de « {dataset} » {} aucune unité déclarante.",
            plural(*rows as usize, "ligne", "lignes"),
            plural(*rows as usize, "ne nomme", "ne nomment")
        ),
        Text::NarrativeNoSummary => "le narratif n’a pas de synthèse (summary.md)".into(),
        Text::NarrativeMissing { result } => {
            format!("aucun narratif pour {result} (fichier {result}.md)")
        }
        Text::NarrativeNoComment { indicator, status } => format!(
            "l’indicateur {indicator} est {status} et n’a pas de commentaire (fichier {indicator}.md)"
        ),
        Text::NarrativeUnknownFile { file } => format!(
            "le fichier de narratif {file} ne nomme ni un résultat ni un indicateur : il est ignoré"
        ),
        Text::NarrativeIncomplete { details } => {
            format!("le narratif est incomplet (--strict) :\n{details}")
        }
        Text::NarrativeTooLarge { path, limit_kib } => {
            format!("{path} : fichier de narratif de plus de {limit_kib} Kio")
        }
        Text::NarrativeNotAFile { path } => format!(
            "{path} : n’est pas un fichier du dossier de narratif (un lien vers l’extérieur n’est pas suivi)"
        ),
        Text::NarrativeUnreadable { path, reason } => {
            format!("{path} : narratif illisible ({reason})")
        }
        Text::SkeletonSummary {
            programme,
            period,
            range,
        } => format!(
            "{programme} — {period} ({range}) : la synthèse du trimestre, en quelques paragraphes. \
             Ce commentaire ne s’imprime pas."
        ),
        Text::SkeletonIndicator {
            code,
            label,
            cumulative,
            period,
            milestone,
            target,
            status,
        } => format!(
            "{code} {label} : {cumulative} (période : {period}) ; jalon : {milestone} ; cible : {target} ; {status}"
        ),
        Text::SkeletonExplain => "Expliquez l’écart à son jalon ou à sa cible, et ce qui est fait \
            pour le réduire. Ce commentaire ne s’imprime pas."
            .into(),
        Text::NarrativeSkeleton { written, kept } => format!(
            "{written} {} ; {kept} {}",
            plural(*written, "fichier écrit", "fichiers écrits"),
            plural(
                *kept,
                "fichier existant gardé tel quel",
                "fichiers existants gardés tels quels"
            ),
        ),
        Text::NoMainFile { path } => {
            format!("modèle de rapport {path} : le dossier ne contient pas de main.typ")
        }
        Text::TemplateErrors { details } => {
            format!("le modèle de rapport contient des erreurs :\n{details}")
        }
        Text::PdfErrors { details } => format!("le PDF n’a pas pu être écrit :\n{details}"),
        Text::ReportData { reason } => format!("données du rapport : {reason}"),
        Text::SourceDateEpoch { value } => format!(
            "SOURCE_DATE_EPOCH={value} n’est pas un nombre de secondes depuis le 1er janvier 1970"
        ),
        Text::DateOutOfRange { date } => format!("la date {date} est hors des limites"),
        Text::XlsxRefused { part, reason } => {
            format!("{} : refusé par l’écriture xlsx (« {reason} »)", xlsx_part(part))
        }
        Text::RegistryColumn {
            dataset,
            column,
            reason,
        } => format!("registre {dataset}, colonne {column} : {reason}"),
        Text::UnknownDataset { dataset, known } => format!(
            "aucun jeu de données « {dataset} » dans ce programme (jeux de données : {known})"
        ),
        Text::RowWidth {
            dataset,
            given,
            columns,
        } => format!(
            "jeu de données {dataset} : une ligne de {given} {}, mais la feuille a {columns} {}",
            plural(*given, "cellule", "cellules"),
            plural(*columns, "colonne", "colonnes")
        ),
        Text::NoFreeSheetName { candidates } => format!(
            "aucun nom libre pour une feuille d’aide : {candidates} sont tous des noms de jeux de données"
        ),
        Text::WorkbookTitle { programme } => format!("{programme} : classeur de saisie"),
        Text::ProgrammeDates { start, end } => format!(
            "Programme du {} au {}.",
            start.format("%d/%m/%Y"),
            end.format("%d/%m/%Y")
        ),
        Text::ListRule { example } => format!(
            "Valeurs d'une liste : choisissez dans la liste déroulante. Les majuscules et les accents ne comptent pas ({example})."
        ),
        Text::Prefilled { names } => format!(
            "Pré-rempli : {names}. Ne modifiez pas les codes existants ; ajoutez les nouvelles lignes en dessous."
        ),
        Text::PickCode { label, sheet } => format!(
            "{label} : choisissez un code de la feuille {sheet}. Un code absent de {sheet} fera rejeter la ligne."
        ),
        Text::PickValue { label, values } => {
            format!("{label} : une valeur de la liste ({values}).")
        }
        Text::ColumnRule { label, rule } => format!("{label} : {rule}."),
        Text::CodeUsed { label } => {
            format!("{label} : ce code est déjà utilisé dans cette feuille (majuscules ignorées).")
        }
        Text::RuleLine { rule } => format!("Règle : {rule}"),
        Text::AlsoAccepted { aliases } => format!("Aussi acceptées : {aliases}"),
        Text::PickFromSheet { sheet } => {
            format!("Choisir dans la liste : codes de la feuille {sheet}.")
        }
    }
}
