//! Le catalogue français.

use super::{RulePart, aliases_line};
use crate::cell::format_number;
use crate::error::{
    CountsNewProblem, DatasetProblem, DefinedAt, DefinitionProblem, Error, FinanceProblem,
    IndicatorProblem, LogoProblem, PeriodProblem, ShapeProblem, TableProblem, UnknownWord,
    WindowProblem, WorkbookProblem,
};
use crate::explain::Aggregation;
use crate::indicator::{AggregateKind, MeasureType};
use crate::ingest::MAX_COLUMNS;
use crate::ingest::{Problem, Rule, SkipReason};
use crate::schema::ColumnType;
use crate::table::Status;

/// « (vouliez-vous dire « x » ?) », ou rien.
fn suggestion(closest: &Option<String>) -> String {
    closest
        .as_ref()
        .map(|c| format!(" (vouliez-vous dire « {c} » ?)"))
        .unwrap_or_default()
}

pub(super) fn status(s: Status) -> &'static str {
    match s {
        Status::Achieved => "atteint",
        Status::OnTrack => "en bonne voie",
        Status::AtRisk => "à risque",
        Status::OffTrack => "en retard",
        Status::NotStarted => "non démarré",
        Status::NoTarget => "sans cible",
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

pub(super) fn aggregation(a: &Aggregation) -> String {
    match a {
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
        Aggregation::WeightedSum { column, weight } => format!("somme de {column} × {weight}"),
        Aggregation::WeightWhere { condition, weight } => {
            format!("somme de {weight} sur les lignes où {condition}")
        }
        Aggregation::WeightKnown {
            column: Some(c),
            weight,
        } => format!("somme de {weight} sur les lignes où {c} est renseigné"),
        Aggregation::WeightKnown {
            column: None,
            weight,
        } => format!("somme de {weight}"),
        Aggregation::Stage {
            column,
            per: None,
            target_stage,
        } => format!("rang de la dernière étape de {column} (étape visée : {target_stage})"),
        Aggregation::Stage {
            column,
            per: Some(per),
            target_stage,
        } => format!("{per} dont la dernière valeur de {column} atteint {target_stage}"),
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
    }
}

pub(super) fn skip_reason(r: SkipReason) -> &'static str {
    match r {
        SkipReason::LockFile => "fichier verrou d’un tableur (le classeur est ouvert)",
        SkipReason::Hidden => "fichier caché",
        SkipReason::AlreadyRead => "déjà lu (donné deux fois, ou lien vers un dossier déjà lu)",
    }
}

fn period_problem(p: PeriodProblem) -> String {
    let fixed = match p {
        PeriodProblem::Form => {
            "attendu : 2025-Q3, 2025-H1, 2025-M04, 2025, PY1 (une année du programme), \
             2025-03-01..2025-06-30 ou project"
        }
        PeriodProblem::NotStarted => "le projet n’a pas encore commencé",
        PeriodProblem::RangeDates => "les dates d’un intervalle s’écrivent 2025-03-01..2025-06-30",
        PeriodProblem::RangeBackwards => "l’intervalle finit avant de commencer",
        PeriodProblem::Quarter => "un trimestre va de Q1 à Q4",
        PeriodProblem::Half => "un semestre est H1 ou H2",
        PeriodProblem::Month => "un mois va de M01 à M12",
        PeriodProblem::ProgrammeYear { years: 1 } => "le programme a une seule année : PY1",
        PeriodProblem::ProgrammeYear { years } => {
            return format!("le programme a {years} années : de PY1 à PY{years}");
        }
    };
    fixed.to_owned()
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
            aliases,
        } => format!(
            "{} : aucune feuille pour le jeu de données « {dataset} » ; feuilles trouvées : {}{}. {}",
            path.display(),
            found.join(", "),
            suggestion(closest),
            match closest {
                Some(c) => format!(
                    "Pour lire la feuille {c} comme « {dataset} », ajoutez `{}` au [[dataset]] « {dataset} » de datasets.toml, ou renommez la feuille « {dataset} »",
                    aliases_line(aliases, c)
                ),
                None => format!(
                    "Si sa feuille porte un autre nom, ajoutez `{}` au [[dataset]] « {dataset} » de datasets.toml",
                    aliases_line(aliases, "son nom")
                ),
            }
        ),
        Error::MissingColumn {
            path,
            sheet,
            definition,
            column,
            closest,
        } => format!(
            "{}, feuille {sheet} : colonne « {column} » absente ; colonnes trouvées : {}{}. {}",
            path.display(),
            definition.found.join(", "),
            suggestion(closest),
            match closest {
                Some(c) => format!(
                    "Pour lire l’en-tête {c} comme « {column} », ajoutez `{}` à la [[dataset.column]] « {column} » du jeu de données « {} » dans datasets.toml, ou renommez l’en-tête « {column} »",
                    aliases_line(&definition.aliases, c),
                    definition.dataset
                ),
                None => format!(
                    "Si son en-tête porte un autre nom, ajoutez `{}` à la [[dataset.column]] « {column} » du jeu de données « {} » dans datasets.toml",
                    aliases_line(&definition.aliases, "son en-tête"),
                    definition.dataset
                ),
            }
        ),
        Error::AmbiguousHeader {
            path,
            sheet,
            dataset,
            column,
            headers,
        } => format!(
            "{}, feuille {sheet} : les en-têtes « {} » et « {} » désignent tous deux la colonne « {column} » (par la fin de leur chemin de groupe). Pour choisir, ajoutez l’en-tête voulu à `aliases` dans la [[dataset.column]] « {column} » du jeu de données « {dataset} » dans datasets.toml",
            path.display(),
            headers[0],
            headers[1],
        ),
        Error::Period { input, problem } => {
            format!("période « {input} » : {}", period_problem(*problem))
        }
        Error::Compute {
            indicator,
            message,
            defined_at,
        } => format!(
            "{}indicateur {indicator} : calcul refusé par polars : « {message} »",
            defined_at.as_ref().map(place).unwrap_or_default()
        ),
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
                TableProblem::PdfUnsupported => {
                    "cette version de cadre ne lit pas les PDF (fonction `pdf`) : donnez le fichier JSON de la table"
                        .to_owned()
                }
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
        Rule::NotADate => "date attendue : 2025-04-15, 15/04/2025, 15/04/2025 14:30, une date-heure ISO 8601 (2025-04-15T14:30, 2025-04-15 14:30:00, avec ou sans fraction de seconde et fuseau : 2025-04-15T14:30:00.000+01:00, 2025-04-15T14:30:00Z) ou une cellule date".into(),
        Rule::NotABoolean => format!(
            "oui ou non attendu : {} ou {} (majuscules et accents ignorés), ou une cellule VRAI/FAUX",
            crate::cell::TRUE_SPELLINGS.join("/"),
            crate::cell::FALSE_SPELLINGS.join("/")
        ),
        Rule::SpreadsheetError => "la cellule contient une erreur de tableur".into(),
        Rule::NotAllowed { allowed, closest } => format!(
            "valeur non autorisée ; valeurs possibles : {}{}",
            allowed.join(", "),
            suggestion(closest)
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
            ColumnType::Boolean => "oui ou non (oui/non, yes/no, 1/0, vrai/faux)".into(),
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
        RulePart::Required => "obligatoire".into(),
        RulePart::Optional => "facultatif".into(),
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
        WorkbookProblem::DamagedOle { part } => {
            format!("classeur xls invalide : conteneur OLE endommagé (« {part} »)")
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
        DefinitionProblem::UnknownWord {
            word,
            given,
            expected,
            closest,
        } => unknown_word(*word, given, expected, closest),
        DefinitionProblem::IndicatorTwice { code, first } => format!(
            "le code d’indicateur « {code} » est déjà défini dans {}",
            first.display()
        ),
        DefinitionProblem::NoIndicators => {
            "aucun [[indicator]] dans les fichiers .toml de ce dossier".into()
        }
        DefinitionProblem::StatusThreshold {
            key,
            value,
            min,
            max,
        } => format!(
            "[status] `{key}` = {value} est hors limites : il doit être supérieur à 0, de {min} à {max}"
        ),
        DefinitionProblem::EndBeforeStart { start, end } => {
            format!("le programme finit ({end}) avant de commencer ({start})")
        }
        DefinitionProblem::YearStartMonth { month } => format!(
            "[programme] `year_start_month` = {month} n’est pas un mois : \
             il va de 1 (janvier) à 12 (décembre)"
        ),
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
        DefinitionProblem::Risks { key, problem } => {
            format!("[report.risks] {key} : {}", risk_problem(problem))
        }
        DefinitionProblem::Assumptions { result, problem } => {
            format!(
                "hypothèses du résultat {result} : {}",
                risk_problem(problem)
            )
        }
        DefinitionProblem::Iati(problem) => format!("[iati] {}", iati_problem(problem)),
        DefinitionProblem::Indicator { code, problem } => {
            format!("indicateur {code} : {}", indicator_problem(problem))
        }
        DefinitionProblem::InIndicator { code, problem } => {
            format!("indicateur {code} : {}", definition_problem(problem))
        }
        DefinitionProblem::Shape(problem) => shape_problem(problem),
        DefinitionProblem::MissingKey { key } => format!("clé « {key} » manquante"),
        DefinitionProblem::People {
            dataset,
            key,
            problem,
        } => format!(
            "[[report.people]] de {dataset}, « {key} » : {}",
            people_problem(problem)
        ),
    }
}

/// « fichier:ligne : », où une définition est écrite.
fn place(at: &DefinedAt) -> String {
    format!(
        "{}{} : ",
        at.path.display(),
        at.line.map(|l| format!(":{l}")).unwrap_or_default()
    )
}

/// Une mesure, une fenêtre ou une date mal formée.
fn shape_problem(p: &ShapeProblem) -> String {
    match p {
        ShapeProblem::UnknownMeasureType { given, expected } => format!(
            "type de mesure « {given} » inconnu ; types : {}",
            expected.join(", ")
        ),
        ShapeProblem::MeasureNeeds { measure, key } => {
            format!("une mesure « {measure} » demande `{key}`")
        }
        ShapeProblem::MeasureTakesNo { measure, key } => {
            format!("une mesure « {measure} » ne prend pas `{key}`")
        }
        ShapeProblem::FilterLabelWithoutFilter => {
            "`filter_label` décrit un `filter` : donnez le filtre ou retirez le libellé".into()
        }
        ShapeProblem::FormulaTakesNo { key } => format!(
            "une mesure « formula » ne prend pas `{key}` : elle lit les indicateurs que nomme sa formule"
        ),
        ShapeProblem::RatioSelectionOutsideSides => "une mesure « ratio » donne `dataset`, `date` et `filter` dans son numérateur et son dénominateur".into(),
        ShapeProblem::CountWithColumn => {
            "`aggregate = \"count\"` compte des lignes : retirez `column`".into()
        }
        ShapeProblem::AggregateNeedsColumn => "cet agrégat demande `column`".into(),
        ShapeProblem::StageNeedsDate => {
            "une mesure « stage » demande `date` : l’étape est celle de la dernière ligne".into()
        }
        ShapeProblem::StageScaleWithoutPer => {
            "`scale` fait une part d’unités : il demande `per` (la colonne des unités)".into()
        }
        ShapeProblem::StageMilestonesPerUnit => "`stage_milestones` jugent une étape d’ensemble ; par unité, donnez les `milestones` de l’indicateur (des nombres d’unités)".into(),
        ShapeProblem::LatestNeedsDate => "une mesure « latest » demande `date`".into(),
        ShapeProblem::AtEndForm => "`at_end` prend soit `from` (et `to`), soit `unit`".into(),
        ShapeProblem::NotACalendarDate { given } => {
            format!("« {given} » n’est pas une date du calendrier")
        }
        ShapeProblem::NotADate { given } => {
            format!("date attendue, de la forme 2025-10-31 ; trouvé « {given} »")
        }
    }
}

/// Une valeur, une clé ou un type de mesure mal écrit, les mots permis, le plus proche.
fn unknown_word(
    word: UnknownWord,
    given: &str,
    expected: &[String],
    closest: &Option<String>,
) -> String {
    let allowed = expected.join(", ");
    let what = match word {
        UnknownWord::Value => {
            format!("« {given} » n’est pas une des valeurs permises ici : {allowed}")
        }
        UnknownWord::Key if expected.is_empty() => {
            format!("clé « {given} » inconnue : cette table ne prend aucune clé")
        }
        UnknownWord::Key => format!("clé « {given} » inconnue ; clés permises ici : {allowed}"),
        UnknownWord::MeasureType => {
            format!("type de mesure « {given} » inconnu ; types : {allowed}")
        }
    };
    what + &suggestion(closest)
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
        IndicatorProblem::DateComparedWithText { filter, fixed } => format!(
            "le filtre « {filter} » compare une date à du texte : une date s’écrit DATE '2025-07-01'{}",
            fixed
                .as_ref()
                .map(|f| format!(" (« {f} »)"))
                .unwrap_or_default()
        ),
        IndicatorProblem::BooleanComparedWithText { filter, column } => format!(
            "le filtre « {filter} » compare la colonne oui/non « {column} » à du texte : comparez-la à true ou false (« {column} = true »), ou écrivez-la seule (« {column} », « NOT {column} »)"
        ),
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
        IndicatorProblem::PlannedDateNotDate { column, kind } => format!(
            "planned_date : la colonne « {column} » est de type {}, pas une date",
            kind.as_str()
        ),
        IndicatorProblem::StatusNotEnum { column, kind } => format!(
            "status : la colonne « {column} » est de type {}, pas une énumération (ses valeurs disent quelles lignes sont prévues, tenues, reportées ou annulées)",
            kind.as_str()
        ),
        IndicatorProblem::StatusValueUnknown {
            column,
            value,
            values,
        } => format!(
            "status : « {value} » n’est pas une valeur de « {column} » (ses valeurs : {values})"
        ),
        IndicatorProblem::StatusValueMapping {
            column,
            value,
            statuses,
        } if statuses.is_empty() => format!(
            "status : la valeur « {value} » de « {column} » n’est rangée sous aucun statut : rangez-la sous un de planned, held, postponed, cancelled"
        ),
        IndicatorProblem::StatusValueMapping {
            column,
            value,
            statuses,
        } => format!(
            "status : la valeur « {value} » de « {column} » est rangée sous plusieurs statuts ({statuses}) : rangez-la sous un seul"
        ),
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
        IndicatorProblem::BreakdownDenominator { by, problem } => format!(
            "ventilation « {by} », au dénominateur : {} ; donnez la colonne du dénominateur avec `denominator_column`, ou gardez le dénominateur entier avec `split = \"numerator\"`",
            indicator_problem(problem)
        ),
        IndicatorProblem::SplitWithoutNumerator { by, measure } => format!(
            "la ventilation « {by} » porte `split = \"numerator\"`, mais une mesure « {} »n’a pas de numérateur : seuls une part (`share`) et un rapport (`ratio`) en ont un",
            measure_type(*measure)
        ),
        IndicatorProblem::DenominatorColumnNotRatio { by } => format!(
            "la ventilation « {by} » donne `denominator_column`, qui ne sert qu’à un rapport (`ratio`) dont le dénominateur lit un autre jeu de données ; ailleurs, `column` vaut pour toutes les lignes"
        ),
        IndicatorProblem::DenominatorColumnUnsplit { by } => format!(
            "la ventilation « {by} » ne ventile que le numérateur (`split = \"numerator\"`) : le dénominateur reste entier, retirez `denominator_column`"
        ),
        IndicatorProblem::WeightUnchecked { column, dataset } => format!(
            "le poids `{column}` (lignes de `{dataset}`) doit être une colonne qui refuse un poids vide ou négatif : déclarez-la dans datasets.toml sans `required = false` et avec `min = 0`"
        ),
        IndicatorProblem::MilestoneAboveCeiling {
            date,
            value,
            target,
        } => format!(
            "le jalon du {date} ({}) dépasse le plafond ({}) : avec `direction = \"ceiling\"` chaque jalon doit être inférieur ou égal à la cible",
            format_number(*value),
            format_number(*target)
        ),
        IndicatorProblem::TargetBelowBaseline { baseline, target } => format!(
            "la cible ({}) est inférieure à la valeur de référence ({}) alors que plus est mieux (un plancher, par défaut) : écrivez `direction = \"ceiling\"` si le niveau doit baisser",
            format_number(*target),
            format_number(*baseline)
        ),
        IndicatorProblem::BaselineDateAfterEnd { date, end } => format!(
            "`baseline_date` ({date}) est postérieure à la fin du programme ({end}) : une valeur de référence se mesure avant ou pendant le programme"
        ),
        IndicatorProblem::StockOnLevel => "`stock = true` ne vaut que pour un total (la valeur de référence plus ce qui a été compté depuis) : un niveau se tient à tout moment, retirez `stock`".into(),
        IndicatorProblem::StockWithoutBaseline { from_default } => format!(
            "{} demande une valeur de référence (`baseline`) : la valeur est la valeur de référence plus ce qui a été compté depuis ; donnez-la, ou écrivez `stock = false`",
            if *from_default { "`stock = true` de [indicator_defaults]" } else { "`stock = true`" }
        ),
        IndicatorProblem::FromBaselineWithoutBaseline { from_default } => format!(
            "{} demande une valeur de référence (`baseline`) : la réalisation est (valeur − référence) / (cible − référence) ; donnez-la, ou écrivez `achievement = \"of_target\"`",
            if *from_default { "`achievement = \"from_baseline\"` de [indicator_defaults]" } else { "`achievement = \"from_baseline\"`" }
        ),
        IndicatorProblem::FromBaselineTargetIsBaseline { value, from_default } => format!(
            "{} demande une cible différente de la valeur de référence (toutes deux valent {}) : (valeur − référence) / (cible − référence) diviserait par zéro ; écrivez `achievement = \"of_target\"`",
            if *from_default { "`achievement = \"from_baseline\"` de [indicator_defaults]" } else { "`achievement = \"from_baseline\"`" },
            format_number(*value)
        ),
        IndicatorProblem::MilestonesSameDay { date } => {
            format!("deux jalons le même jour ({date})")
        }
        IndicatorProblem::StageNotEnum { column, kind } => format!(
            "les étapes sont les valeurs d'une colonne enum, dans l'ordre : `{column}` est de type {}",
            kind.as_str()
        ),
        IndicatorProblem::UnknownStage {
            stage,
            column,
            stages,
        } => format!("`{stage}` n'est pas une étape de `{column}` (étapes, dans l'ordre : {stages})"),
        IndicatorProblem::StageTargetNotRank { stage, rank } => format!(
            "la cible (`target`) d'une étape d'ensemble est le rang de son étape visée `{stage}` : écrire `target = {rank}`"
        ),
        IndicatorProblem::StageNumericMilestones => {
            "une étape d'ensemble se juge par étapes : donner `stage_milestones` dans la mesure              (`{ date = 2025-06-30, stage = \"adopte\" }`), pas `milestones`"
                .into()
        }
        IndicatorProblem::FormulaSyntax { formula, at, found } => match found {
            Some(found) => {
                format!("formule `{formula}` : `{found}` inattendu au caractère {at}")
            }
            None => format!(
                "formule `{formula}` : elle s'arrête trop tôt (caractère {at}) ; il manque un nombre, un code ou une `)`"
            ),
        },
        IndicatorProblem::FormulaWithoutIndicator { formula } => {
            format!("la formule `{formula}` ne nomme aucun indicateur")
        }
        IndicatorProblem::FormulaUnknownIndicator { code, closest } => format!(
            "la formule nomme `{code}`, qui n'est pas un indicateur du programme{}",
            suggestion(closest)
        ),
        IndicatorProblem::FormulaCycle { path } => {
            format!("des formules qui reviennent à leur propre indicateur : {path}")
        }
        IndicatorProblem::FormulaBreakdown { by, part } => format!(
            "ventilation `{by}` : l'indicateur `{part}` de la formule n'a pas de ventilation `{by}` ; ajoutez-la à `{part}` ou retirez-la ici"
        ),
        IndicatorProblem::Window(p) => format!("« window » : {}", window_problem(p)),
        IndicatorProblem::CountsNew(p) => match p {
            CountsNewProblem::Undated => "« counts = \"new\" » demande des lignes datées \
                                          (une « date ») : rien d’autre ne dit quand une valeur \
                                          est apparue"
                .into(),
            CountsNewProblem::AtEnd => "« counts = \"new\" » ne va pas avec une fenêtre à la fin \
                                        de la période : un stock n’a pas de nouvelles valeurs"
                .into(),
        },
        IndicatorProblem::Targets(p) => target_problem(p),
        IndicatorProblem::Finance(p) => match p {
            FinanceProblem::UsedUpPct { pct } => format!(
                "« used_up_pct = {pct} » n’est pas une part du budget d’une ligne : écrivez un pourcentage de 1 à 1000"
            ),
            FinanceProblem::IndirectCap { cap } => format!(
                "« cap_pct = {cap} » n’est pas une part des coûts directs : écrivez un pourcentage supérieur à 0 et au plus 100"
            ),
            FinanceProblem::SelectsNothing => {
                "nommez les lignes visées : « actions = [...] », « lines = [...] » ou « natures = [...] »".into()
            }
            FinanceProblem::NeedsColumn { key } => format!(
                "ceci demande la colonne « {key} » des dépenses : déclarez-la dans « [finance] expenses »"
            ),
            FinanceProblem::VariancePct { pct } => format!(
                "« variance_pct = {pct} » n’est pas une part du budget d’une ligne : écrivez un pourcentage supérieur à 0 et au plus 1000"
            ),
            FinanceProblem::StatusesMissing => "la colonne de statut des dépenses demande « [finance.statuses] » : \
                 listez les valeurs signifiant « paid » (payée), « committed » (engagée) et « planned » (prévue)"
                .into(),
            FinanceProblem::StatusTwice { value } => {
                format!("« {value} » figure sous deux statuts : donnez-lui en un seul")
            }
            FinanceProblem::StatusUnknown { value, values } => format!(
                "« {value} » n’est pas une valeur de la colonne de statut (ses valeurs : {})",
                values.join(", ")
            ),
            FinanceProblem::StatusNotEnum { kind } => format!(
                "la colonne de statut des dépenses est de type {} : déclarez-la « enum » (« values = [...] ») pour que chaque statut ait un sens",
                kind.as_str()
            ),
            FinanceProblem::StatusUnmapped { value } => format!(
                "la valeur de statut « {value} » ne figure sous aucun de « paid », « committed » et « planned » : classez-la"
            ),
            FinanceProblem::IneligibleMissing => "la colonne d’éligibilité des dépenses demande « ineligible = [...] » : \
                 les valeurs qui rendent une dépense inéligible"
                .into(),
            FinanceProblem::ExchangeRate { rate } => format!(
                "« rate = {rate} » n’est pas un taux de change : écrivez combien d’unités de la monnaie du programme vaut une unité de « currency » (plus de 0)"
            ),
            FinanceProblem::FunderAmount { funder } => format!(
                "financeur {funder} : « planned » et « grant » sont des montants, 0 ou plus"
            ),
            FinanceProblem::UnknownFunder { funder, funders } => format!(
                "la demande de versement nomme « {funder} », que « [[programme.funders]] » ne déclare pas (déclarés : {})",
                funders.join(", ")
            ),
            FinanceProblem::PaymentRequestAmount { amount } => format!(
                "la demande de versement porte sur {amount} : écrivez le montant de la tranche demandée (plus de 0)"
            ),
        },
    }
}

/// Les problèmes de `period_targets` et des `targets` d’une ventilation.
fn target_problem(p: &crate::targets::TargetProblem) -> String {
    use crate::targets::TargetProblem;
    match p {
        TargetProblem::Unreadable { period, problem } => format!(
            "`period_targets` : période « {period} » : {}",
            period_problem(*problem)
        ),
        TargetProblem::OutsideProgramme { period } => format!(
            "`period_targets` : la période « {period} » est hors des dates du programme (`start` à `end` de programme.toml)"
        ),
        TargetProblem::Duplicate { period } => {
            format!("`period_targets` : la période « {period} » est donnée deux fois")
        }
        TargetProblem::Overlap { first, second } => format!(
            "`period_targets` : les périodes « {first} » et « {second} » se chevauchent : une cible de période porte sur la valeur propre d’une période, les périodes ne doivent pas avoir de jour en commun"
        ),
        TargetProblem::NotANumber { of } => {
            format!("la cible de « {of} » doit être un nombre (au plus 10^15 en valeur absolue)")
        }
        TargetProblem::UnknownCategory {
            by,
            category,
            closest,
            values,
        } => format!(
            "ventilation « {by} » : `targets` nomme « {category} », qui n’est pas une de ses valeurs{} (valeurs : {values})",
            suggestion(closest)
        ),
        TargetProblem::OnComposite { by } => format!(
            "ventilation « {by} » : une formule tient ses catégories de ses parties, elle ne peut pas avoir de `targets` par catégorie ; donnez-les aux parties"
        ),
    }
}

fn window_problem(p: &WindowProblem) -> String {
    match p {
        WindowProblem::Column { key, problem } => {
            format!("« {key} » : {}", indicator_problem(problem))
        }
        WindowProblem::ColumnType {
            key,
            column,
            dataset,
            kind,
        } => format!(
            "« {key} » : la colonne « {column} » de « {dataset} » est de type {}, pas {}",
            kind.as_str(),
            match *key {
                "latest_round" => "un nombre ou une date",
                _ => "une date",
            }
        ),
        WindowProblem::NeedsDate { window, dataset } => format!(
            "« {window} » demande des lignes datées : donnez à la mesure une colonne « date » de « {dataset} »"
        ),
        WindowProblem::DatedTwice { date } => format!(
            "« at_end » avec « from » date les lignes lui-même : retirez la « date » de la mesure (« {date} »)"
        ),
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
        MeasureType::Stage => "étape",
        MeasureType::Formula => "formule sur d'autres indicateurs",
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

/// Les problèmes du registre des risques et des hypothèses.
fn risk_problem(p: &crate::error::RiskProblem) -> String {
    use crate::error::RiskProblem;
    match p {
        RiskProblem::Column(problem) => indicator_problem(problem),
        RiskProblem::ColumnType {
            column,
            kind,
            needs,
        } => format!(
            "la colonne « {column} » est de type {} ; cette clé demande {}",
            kind.as_str(),
            match needs {
                crate::schema::ColumnType::Enum =>
                    "une colonne « enum » (« type = \"enum\" », ses « values » de la plus faible à la plus forte)",
                _ => "une colonne de dates",
            }
        ),
        RiskProblem::StatusUnknown { value, values } => format!(
            "« {value} » n’est pas une valeur de la colonne de statut (ses valeurs : {})",
            values.join(", ")
        ),
        RiskProblem::StatusTwice { value } => {
            format!("« {value} » figure sous deux statuts : n’en gardez qu’un")
        }
        RiskProblem::StatusUnmapped { value } => format!(
            "la valeur de statut « {value} » ne figure sous aucun de « open », « mitigated », « closed » et « occurred » : classez-la"
        ),
        RiskProblem::High { high, max } => format!(
            "« high = {high} » n’est pas un niveau du registre : un niveau est le rang de la probabilité multiplié par celui de l’impact, de 1 à {max}"
        ),
        RiskProblem::AssumptionLanguage { lang, declared } => format!(
            "« {lang} » n’est pas une langue du programme (ses langues : {})",
            declared.join(", ")
        ),
        RiskProblem::ResultValue { value, results } => format!(
            "« {value} » n’est pas un résultat de la chaîne (ses résultats : {})",
            results.join(", ")
        ),
        RiskProblem::AssumptionEmpty => "une hypothèse est vide : écrivez-la ou retirez-la".into(),
    }
}

/// Les problèmes de `[iati]` : ce qu’attend la liste de codes ou la règle IATI.
fn iati_problem(p: &crate::programme::iati::IatiProblem) -> String {
    use crate::programme::iati::{CodeFormat, IatiList, IatiProblem};
    let list = |l: &IatiList| l.key();
    match p {
        IatiProblem::BadCode {
            list: l,
            vocabulary,
            code,
            expected,
        } => {
            let form = match expected {
                CodeFormat::CountryCode => {
                    "un code pays ISO 3166-1, deux majuscules (« SN »)".to_owned()
                }
                CodeFormat::Digits(n) => format!("{n} chiffres"),
                CodeFormat::UpToDigits(n) => format!("un à {n} chiffres"),
                CodeFormat::NoSpaces => "un code sans espace".to_owned(),
            };
            let vocabulary = vocabulary
                .as_deref()
                .map(|v| format!(" du vocabulaire {v}"))
                .unwrap_or_default();
            format!(
                "{} : le code « {code} »{vocabulary} doit être {form}",
                list(l)
            )
        }
        IatiProblem::BadVocabulary {
            list: l,
            vocabulary,
        } => format!(
            "{} : le vocabulaire « {vocabulary} » doit être le numéro d’un vocabulaire IATI (« 1 » : CAD de l’OCDE)",
            list(l)
        ),
        IatiProblem::PercentageOutOfRange {
            list: l,
            percentage,
        } => format!(
            "{} : le pourcentage {percentage} doit être compris entre 0 et 100",
            list(l)
        ),
        IatiProblem::PercentageMissing { list: l, code } => format!(
            "{} : « {code} » n’a pas de pourcentage ; quand il y en a plusieurs, chacun indique sa part",
            list(l)
        ),
        IatiProblem::PercentagesNotWhole { lists, sum } => format!(
            "les pourcentages de {} totalisent {sum}, et non 100",
            lists.iter().map(list).collect::<Vec<_>>().join(" et ")
        ),
    }
}

/// Ce qui ne va pas dans une entrée `[[report.people]]`.
fn people_problem(p: &crate::error::PeopleProblem) -> String {
    use crate::error::PeopleProblem as P;
    match p {
        P::Column(problem) => indicator_problem(problem),
        P::NoSex => "donnez « sex » (une colonne des lignes) ou « counts » (des colonnes d'effectifs par sexe)".into(),
        P::SexNotEnum { column, kind } => format!(
            "« {column} » est de type {} : la colonne du sexe doit être une « enum » (« values = [...] ») pour que chaque valeur soit classée",
            kind.as_str()
        ),
        P::SexValueUnknown { value, values } => {
            format!("« {value} » n'est pas une valeur de la colonne ({values})")
        }
        P::SexValueTwice { value } => format!("« {value} » est donnée deux fois"),
        P::SexValueUnclassed { value, column } => format!(
            "la valeur « {value} » de « {column} » n'est dans aucune de « women », « men » et « other » : classez chaque valeur (une cellule vide est inconnue)"
        ),
        P::NotInteger { column, kind } => {
            format!("« {column} » est de type {}, pas un entier", kind.as_str())
        }
        P::AgeWithoutBands => "« age » demande « age_bands » (les bornes des tranches, par ex. [15, 25, 35, 60])".into(),
        P::BandsWithoutAge => "« age_bands » demande « age » (la colonne de l'âge)".into(),
        P::BandsNotIncreasing { bands } => format!(
            "les bornes {bands:?} doivent croître"
        ),
        P::CountsWith { key } => format!(
            "« counts » (une ligne porte des effectifs) n'admet pas « {key} » (une ligne est une personne)"
        ),
        P::CountsEmpty => "« counts » ne nomme aucune colonne (« women », « men », « other », « unknown »)".into(),
        P::ViaNotReference { via, dataset } => format!(
            "« {via} » doit être une colonne de « {dataset} » qui référence un jeu de données doté d'une « key »"
        ),
    }
}
