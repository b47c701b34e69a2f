//! Le catalogue français.

pub(super) mod report;
pub(super) mod web;

use super::{RulePart, Text, Word, list};
use crate::cell::format_number;
use crate::error::{
    DatasetProblem, DefinitionProblem, Error, IndicatorProblem, LogoProblem, PeriodProblem,
    TableProblem, WorkbookProblem,
};
use crate::explain::Aggregation;
use crate::indicator::{AggregateKind, MeasureType};
use crate::ingest::MAX_COLUMNS;
use crate::ingest::{Problem, Rule};
use crate::schema::ColumnType;
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
        Word::Description => "Description",
        Word::Rule => "Règle",
        Word::Requirement => "Obligatoire",
        Word::Required => "obligatoire",
        Word::Optional => "facultatif",
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
        Word::IndicatorsAtPeriodEnd => "Indicateurs à la fin de la période",
        Word::RoleGroups => "groupes",
        Word::FinancialStatement => "État financier",
        Word::Budget => "Budget",
        Word::SpentInPeriod => "Dépensé sur la période",
        Word::SpentToDate => "Dépensé à date",
        Word::Remaining => "Reste à dépenser",
        Word::UsedPct => "Consommé (%)",
        Word::ShareOfSpendingPct => "Part des dépenses à date (%)",
        Word::CeilingPct => "Plafond de cofinancement (%)",
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
        Text::TemplateFolder { path, reason } => {
            format!("modèle de rapport {path} : {reason}")
        }
        Text::NarrativeNoFolder { path } => {
            format!("aucun narratif pour la période : le dossier {path} n’existe pas")
        }
        Text::UnmatchedSheet { file, sheet } => {
            format!("{file}, feuille « {sheet} » : aucun jeu de données de ce nom, non lue")
        }
        Text::SkippedFile { file, reason } => format!(
            "{file} ignoré : {}",
            match reason {
                crate::ingest::SkipReason::LockFile => {
                    "fichier verrou d’un tableur (le classeur est ouvert)"
                }
                crate::ingest::SkipReason::Hidden => "fichier caché",
                crate::ingest::SkipReason::AlreadyRead => "déjà lu (donné deux fois, ou lien vers un dossier déjà lu)",
            }
        ),
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
        Text::XlsxRefused { context, reason } => {
            format!("{context} : refusé par l’écriture xlsx (« {reason} »)")
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
            problem,
        } => format!(
            "{}{} : {}",
            path.display(),
            line.map(|l| format!(":{l}")).unwrap_or_default(),
            definition_problem(problem)
        ),
        Error::Workbook {
            path,
            sheet,
            problem,
        } => format!(
            "{}{} : {}",
            path.display(),
            sheet
                .as_ref()
                .map(|s| format!(", feuille {s}"))
                .unwrap_or_default(),
            workbook_problem(problem)
        ),
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
        Error::ClaimedTable {
            path,
            sheet,
            row,
            problem,
        } => {
            let place = format!(
                "{}{}{}",
                path.display(),
                sheet
                    .as_ref()
                    .map(|s| format!(", feuille {s}"))
                    .unwrap_or_default(),
                row.map(|r| format!(", ligne {r}")).unwrap_or_default()
            );
            let what = match problem {
                TableProblem::Malformed { detail } => {
                    format!("table illisible (« {detail} »)")
                }
                TableProblem::MissingColumn { column, expected } => {
                    format!("colonne « {column} » absente (attendues : {expected})")
                }
                TableProblem::NotANumber { column, value } => {
                    format!("colonne {column} : « {value} » n’est pas un nombre")
                }
                TableProblem::UnknownStatus { value } => format!("statut « {value} » inconnu"),
                TableProblem::Pdf { detail } => format!("PDF illisible (« {detail} »)"),
                TableProblem::NoAttachedTable => {
                    "ce PDF ne porte aucune table d’indicateurs (un rapport cadre en joint une)"
                        .to_owned()
                }
                TableProblem::TooLarge { limit } => {
                    format!("la table jointe dépasse {limit} octets")
                }
                TableProblem::NotATable { detail } => {
                    format!("ce n’est pas une table d’indicateurs cadre (« {detail} »)")
                }
                TableProblem::OtherProgramme { table, programme } => {
                    format!("cette table est celle du programme {table}, pas de {programme}")
                }
                TableProblem::OtherPeriod { given, table } => {
                    format!("la table porte sur {table}, pas sur {given}")
                }
            };
            format!("{place} : {what}")
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
        Rule::DuplicateElsewhere { file, sheet, row } => {
            format!("doublon de {file}, feuille {sheet}, ligne {row} (majuscules ignorées)")
        }
        Rule::RejectedReference {
            dataset,
            file,
            sheet,
            row,
        } => format!(
            "renvoie à la ligne {row} de {dataset} ({file}, feuille {sheet}), elle-même rejetée"
        ),
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

pub(super) fn rule_part(p: &RulePart) -> String {
    match p {
        RulePart::Kind { kind, values } => match kind {
            ColumnType::Enum => format!("une valeur parmi {}", values.join(", ")),
            ColumnType::Integer => "un nombre entier".into(),
            ColumnType::Amount => "un nombre".into(),
            ColumnType::Date => "une date (2025-04-15 ou 15/04/2025)".into(),
            ColumnType::Text => "du texte".into(),
        },
        RulePart::Range { min, max } => match (min, max) {
            (Some(min), Some(max)) => {
                format!("de {} à {}", format_number(*min), format_number(*max))
            }
            (Some(min), None) => format!(">= {}", format_number(*min)),
            (None, Some(max)) => format!("<= {}", format_number(*max)),
            (None, None) => String::new(),
        },
        RulePart::Pattern { pattern } => format!("de la forme {pattern}"),
        RulePart::Reference { dataset } => format!("un code de la feuille {dataset}"),
        RulePart::Unique => "unique".into(),
    }
}

fn workbook_problem(p: &WorkbookProblem) -> String {
    match p {
        WorkbookProblem::NoDataInFolder => {
            "le dossier ne contient aucun classeur (xlsx, xls, ods) ni fichier csv".into()
        }
        WorkbookProblem::TooLarge { mib, max_mib } => {
            format!("fichier trop volumineux ({mib} Mio ; au plus {max_mib} Mio)")
        }
        WorkbookProblem::Empty => "le fichier est vide".into(),
        WorkbookProblem::Encrypted => "le classeur est protégé par un mot de passe (chiffré) : \
            enregistrez-en une copie non protégée"
            .into(),
        WorkbookProblem::NotADataFile => "ni un classeur (xlsx, xls, ods) ni un fichier csv : \
            sortez-le du dossier de données (les fichiers verrous ~$… et les fichiers cachés \
            sont ignorés)"
            .into(),
        WorkbookProblem::NotASpreadsheet => {
            "ni un classeur (xlsx, xls, ods) ni un dossier de fichiers csv".into()
        }
        WorkbookProblem::Unreadable { format, detail } => {
            format!("classeur {format:?} illisible (« {detail} »)")
        }
        WorkbookProblem::DamagedZip { detail } => {
            format!("classeur invalide : archive zip endommagée (« {detail} »)")
        }
        WorkbookProblem::ZipBomb { entry, mib, kib } => format!(
            "refusé : l'entrée {entry} de l'archive passerait de {kib} Kio à {mib} Mio (bombe zip ?)"
        ),
        WorkbookProblem::ZipNotWorkbook => {
            "une archive zip, mais pas un classeur (ni xl/workbook.xml ni content.xml)".into()
        }
        WorkbookProblem::NotOpenDocumentSpreadsheet { mimetype } => {
            format!("un fichier OpenDocument, mais pas un classeur ({mimetype})")
        }
        WorkbookProblem::SheetUnreadable { detail } => {
            format!("feuille illisible (« {detail} »)")
        }
        WorkbookProblem::CellBeyondLastColumn { row } => {
            format!("une cellule est au-delà de la colonne {MAX_COLUMNS} (ligne {row})")
        }
        WorkbookProblem::TooWide => format!("la feuille a plus de {MAX_COLUMNS} colonnes"),
        WorkbookProblem::NoCsvFile => "fichier csv absent".into(),
        WorkbookProblem::MalformedCsv { detail } => format!("csv mal formé (« {detail} »)"),
        WorkbookProblem::CsvLineTooWide { line } => {
            format!("la ligne {line} a plus de {MAX_COLUMNS} champs")
        }
        WorkbookProblem::SheetTooLarge {
            sheet,
            cells,
            limit,
        } => {
            let which = sheet
                .as_ref()
                .map(|s| format!("la feuille {s}"))
                .unwrap_or_else(|| "une feuille".into());
            format!(
                "refusé : {which} s’étend sur {cells} cellules, au-delà des {limit} cellules lues dans un fichier de cette taille (fichier endommagé ?)"
            )
        }
    }
}

fn definition_problem(p: &DefinitionProblem) -> String {
    match p {
        DefinitionProblem::NotUtf8 => "le fichier n’est pas du texte UTF-8".into(),
        DefinitionProblem::Syntax { detail } => {
            format!("définition illisible (analyseur TOML : « {detail} »)")
        }
        DefinitionProblem::IndicatorTwice { code, first } => format!(
            "le code d’indicateur « {code} » est déjà défini dans {}",
            first.display()
        ),
        DefinitionProblem::NoIndicators => {
            "aucun [[indicator]] dans les fichiers .toml de ce dossier".into()
        }
        DefinitionProblem::EndBeforeStart { start, end } => {
            format!("le programme finit ({end}) avant de commencer ({start})")
        }
        DefinitionProblem::NoLanguage => {
            "`languages` doit nommer au moins une langue (la langue par défaut d’abord)".into()
        }
        DefinitionProblem::BadCode { code } => format!(
            "le code « {code} » ne peut contenir que des lettres, des chiffres, « . », « _ » et « - »"
        ),
        DefinitionProblem::ResultTwice { code } => {
            format!("le code de résultat « {code} » apparaît deux fois")
        }
        DefinitionProblem::UnknownParent { result, parent } => format!(
            "le résultat « {result} » a pour parent « {parent} », qui n’est pas un résultat"
        ),
        DefinitionProblem::TooManyIndicators { max } => {
            format!("plus de {max} indicateurs : un programme peut en définir {max} au plus")
        }
        DefinitionProblem::ResultCycle { chain } => format!(
            "les parents des résultats forment une boucle : {} (le « parent » de chaque résultat doit remonter jusqu’à un résultat qui n’en a pas)",
            chain
                .iter()
                .map(|c| format!("« {c} »"))
                .collect::<Vec<_>>()
                .join(" → ")
        ),
        DefinitionProblem::DimensionTwice { name } => {
            format!("la dimension « {name} » apparaît deux fois")
        }
        DefinitionProblem::ReportUnknownIndicator { code } => {
            format!("[report] nomme l’indicateur « {code} », qui n’est pas défini")
        }
        DefinitionProblem::ReferenceCycle { dataset } => {
            format!("des jeux de données se renvoient l’un à l’autre en boucle, par « {dataset} »")
        }
        DefinitionProblem::Dataset { dataset, problem } => {
            format!("jeu de données {dataset} : {}", dataset_problem(problem))
        }
        DefinitionProblem::Logo {
            funder,
            file,
            reason,
        } => format!(
            "logo de {funder} ({file}) : {}",
            match reason {
                LogoProblem::Missing => "fichier absent du dossier du programme",
                LogoProblem::NotAnImage => "une image PNG, JPEG ou SVG est attendue",
                LogoProblem::OutsideFolder => "le fichier doit être dans le dossier du programme",
                LogoProblem::TooLarge => "fichier de plus de 2 Mio",
            }
        ),
        DefinitionProblem::Activities { result, problem } => {
            format!(
                "[[report.activities]] de {result} : {}",
                indicator_problem(problem)
            )
        }
        DefinitionProblem::Reporting { part, problem } => {
            format!("[reporting] {part} : {}", indicator_problem(problem))
        }
        DefinitionProblem::Finance { part, problem } => {
            format!("[finance] {part} : {}", indicator_problem(problem))
        }
        DefinitionProblem::Indicator { code, problem } => {
            format!("indicateur {code} : {}", indicator_problem(problem))
        }
    }
}

fn dataset_problem(p: &DatasetProblem) -> String {
    match p {
        DatasetProblem::SheetNameTwice { name } => {
            format!("le nom de feuille « {name} » sert à deux jeux de données")
        }
        DatasetProblem::DotInColumn { column } => format!(
            "le nom de colonne « {column} » ne peut pas contenir de « . » (il marque les renvois)"
        ),
        DatasetProblem::HeaderTwice { header } => {
            format!("l’en-tête « {header} » sert à deux colonnes")
        }
        DatasetProblem::EnumWithoutValues { column } => {
            format!("la colonne à liste « {column} » ne donne aucune valeur (`values`)")
        }
        DatasetProblem::ValuesNotEnum { column } => {
            format!("la colonne « {column} » donne des valeurs mais n’est pas une liste (`enum`)")
        }
        DatasetProblem::LabelNotValue { column, value } => {
            format!("le libellé de « {value} » dans « {column} » ne correspond à aucune valeur")
        }
        DatasetProblem::AliasNotValue {
            column,
            alias,
            value,
        } => format!(
            "l’alias « {alias} » de « {column} » renvoie à « {value} », qui n’est pas une valeur"
        ),
        DatasetProblem::PatternNotText { column } => {
            format!("la colonne « {column} » a une forme (`pattern`) mais n’est pas du texte")
        }
        DatasetProblem::BadPattern { column, detail } => {
            format!("forme (`pattern`) de « {column} » invalide (« {detail} »)")
        }
        DatasetProblem::MinMaxNotNumber { column } => {
            format!("la colonne « {column} » a min/max mais n’est pas un nombre")
        }
        DatasetProblem::ReferenceUnknown { column, target } => format!(
            "la colonne « {column} » renvoie à « {target} », qui n’est pas un jeu de données"
        ),
        DatasetProblem::ReferenceWithoutKey { column, target } => format!(
            "la colonne « {column} » renvoie à « {target} », qui ne déclare pas de clé (`key`)"
        ),
        DatasetProblem::ReferenceToItself { column } => {
            format!("la colonne « {column} » renvoie à son propre jeu de données")
        }
        DatasetProblem::ReferenceNotText { column } => {
            format!("la colonne de renvoi « {column} » doit être de type text")
        }
        DatasetProblem::RequiredWhenUnknownColumn { column, other } => {
            format!("`required_when` de « {column} » nomme la colonne inconnue « {other} »")
        }
        DatasetProblem::RequiredWhenNotValue {
            column,
            value,
            other,
        } => format!(
            "`required_when` de « {column} » : « {value} » n’est pas une valeur de « {other} »"
        ),
        DatasetProblem::KeyNotRequiredText { key } => {
            format!("la clé « {key} » doit être une colonne de texte obligatoire")
        }
        DatasetProblem::KeyNotColumn { key } => {
            format!("la clé « {key} » n’est pas une colonne")
        }
    }
}

fn indicator_problem(p: &IndicatorProblem) -> String {
    match p {
        IndicatorProblem::UnknownResult { result, results } => format!(
            "le résultat « {result} » n’est pas dans programme.toml (résultats : {results})"
        ),
        IndicatorProblem::EmptyLabel => "le libellé (`label`) est vide".into(),
        IndicatorProblem::TargetNotNumber => "la cible (`target`) doit être un nombre".into(),
        IndicatorProblem::NumberTooLarge { field } => format!(
            "{} doit être un nombre compris entre -1 000 000 000 000 000 et 1 000 000 000 000 000",
            french_number_field(field)
        ),
        IndicatorProblem::NotACondition { filter, kind } => format!(
            "le filtre « {filter} » n’est pas une condition : il donne une valeur de type {kind}, ni vraie ni fausse (comparez-la, par exemple « {filter} >= 3 »)"
        ),
        IndicatorProblem::NotADataset { dataset, datasets } => {
            format!("« {dataset} » n’est pas un jeu de données (jeux de données : {datasets})")
        }
        IndicatorProblem::NotAColumn {
            column,
            dataset,
            closest,
            columns,
        } => format!(
            "« {column} » n’est pas une colonne de « {dataset} »{} (colonnes : {columns})",
            closest
                .as_ref()
                .map(|c| format!(" ; vouliez-vous dire « {c} » ?"))
                .unwrap_or_default()
        ),
        IndicatorProblem::NotNumeric {
            column,
            dataset,
            kind,
        } => format!(
            "la colonne « {column} » de « {dataset} » est de type {}, pas un nombre",
            kind.as_str()
        ),
        IndicatorProblem::DateNotDate { column, kind } => format!(
            "la colonne de date « {column} » est de type {}, pas une date",
            kind.as_str()
        ),
        IndicatorProblem::Filter { filter, detail } => {
            format!("filtre « {filter} » refusé (polars : « {detail} »)")
        }
        IndicatorProblem::FilterColumn { filter, problem } => {
            format!("filtre « {filter} » : {}", indicator_problem(problem))
        }
        IndicatorProblem::MembersNotDataset { dataset } => {
            format!("membres : « {dataset} » n’est pas un jeu de données")
        }
        IndicatorProblem::MembersVia {
            via,
            dataset,
            groups,
        } => format!(
            "membres : « {via} » doit être une colonne de « {dataset} » qui renvoie à « {groups} »"
        ),
        IndicatorProblem::UnitsWithoutKey { dataset } => {
            format!("« {dataset} » n’a pas de `key` pour nommer les unités déclarantes")
        }
        IndicatorProblem::UnitNotReference {
            column,
            dataset,
            units,
        } => {
            format!("« {column} » doit être une colonne de « {dataset} » qui renvoie à « {units} »")
        }
        IndicatorProblem::MembersCountWithColumn => {
            "membres : un comptage ne prend pas de `column`".into()
        }
        IndicatorProblem::MembersWithoutColumn => {
            "membres : cet agrégat demande une `column`".into()
        }
        IndicatorProblem::BreakdownTwice { by } => {
            format!("la ventilation « {by} » apparaît deux fois")
        }
        IndicatorProblem::BreakdownNotDimension { by } => {
            format!("la ventilation « {by} » n’est pas une [[dimension]] de programme.toml")
        }
        IndicatorProblem::Breakdown { by, problem } => {
            format!("ventilation « {by} » : {}", indicator_problem(problem))
        }
        IndicatorProblem::MilestonesSameDay { date } => {
            format!("deux jalons le même jour ({date})")
        }
    }
}

pub(super) fn measure_type(m: MeasureType) -> &'static str {
    match m {
        MeasureType::Count => "nombre de lignes",
        MeasureType::Distinct => "nombre de valeurs distinctes",
        MeasureType::Sum => "somme",
        MeasureType::Mean => "moyenne",
        MeasureType::Share => "part",
        MeasureType::Ratio => "rapport",
        MeasureType::Latest => "dernière valeur",
        MeasureType::MeanPerGroup => "moyenne par groupe",
    }
}

/// The number a [`IndicatorProblem::NumberTooLarge`] names, in French.
fn french_number_field(field: &str) -> String {
    match field {
        "baseline" => "la valeur de départ (`baseline`)".to_owned(),
        "target" => "la cible (`target`)".to_owned(),
        other => match other.strip_prefix("milestone ") {
            Some(date) => format!("le jalon du {date}"),
            None => format!("`{other}`"),
        },
    }
}
