//! Loading programme definitions: the Terr'ESS catalogue, and the errors an
//! M&E officer writing their own definitions would meet.

use std::path::{Path, PathBuf};

use cadre::{Error, Programme};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn terress_defines_the_nineteen_indicators_in_catalogue_order() {
    let p = Programme::load(repo().join("indicators/terress")).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = p.indicators.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "OS1", "OS2", "A1.1", "A1.2", "A2.1", "A2.2", "A2.3", "A3.1", "A3.2", "A3.3", "A4.1",
            "A4.2", "A4.3", "A5.1", "A5.2", "T.1", "T.2", "F.1", "F.2"
        ]
    );
    let a21 = p.indicator("A2.1").unwrap();
    assert_eq!(a21.milestones.len(), 8);
    assert_eq!(
        p.indicator("f.2").unwrap().direction,
        cadre::indicator::Direction::Ceiling
    );
    assert_eq!(p.definitions_hash().len(), 64);
    match p.indicator("A9.9") {
        Err(Error::UnknownIndicator { code, .. }) => assert_eq!(code, "A9.9"),
        other => panic!("{other:?}"),
    }
}

/// The mini programme of the computation tests, copied into a fresh folder
/// with `edits` applied (a file, and what to change in it).
fn mini_copy(edits: &[(&str, &dyn Fn(String) -> String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/compute/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml", "indicators/mini.toml"] {
        let mut text = std::fs::read_to_string(src.join(f)).unwrap();
        for (_, edit) in edits.iter().filter(|(file, _)| *file == f) {
            text = edit(text);
        }
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    dir
}

/// The mini programme, copied so one file can be broken.
fn programme_with(file: &str, edit: impl Fn(String) -> String) -> Result<Programme, Error> {
    Programme::load(mini_copy(&[(file, &edit)]).path())
}

fn definition_error(
    file: &str,
    edit: impl Fn(String) -> String,
) -> (String, Option<usize>, String) {
    let (path, line, e) = crate::definition_error(programme_with(file, edit));
    (path.display().to_string(), line, e.message(cadre::Lang::En))
}

#[test]
fn the_mini_programme_loads() {
    programme_with("", |t| t).unwrap();
}

#[test]
fn unknown_keys_are_errors_with_file_and_line() {
    let (path, line, message) = definition_error("datasets.toml", |t| {
        t.replacen("unique = true", "unik = true", 1)
    });
    assert!(path.ends_with("datasets.toml"), "{path}");
    assert_eq!(line, Some(8));
    assert!(message.contains("unik"), "{message}");
}

#[test]
fn a_filter_naming_an_unknown_column_is_an_error_at_load_time() {
    let (path, line, message) = definition_error("indicators/mini.toml", |t| {
        t.replacen(
            "filter = \"type = 'atelier'\"",
            "filter = \"typ = 'atelier'\"",
            1,
        )
    });
    assert!(path.ends_with("mini.toml"), "{path}");
    assert_eq!(line, Some(5), "the line of the indicator's code");
    assert!(
        message.contains("indicator N1")
            && message.contains("`typ`")
            && message.contains("did you mean `type`"),
        "{message}"
    );
}

#[test]
fn a_filter_that_is_not_sql_is_an_error() {
    let (_, _, message) = definition_error("indicators/mini.toml", |t| {
        t.replacen("type = 'atelier'\"", "type = = 'atelier'\"", 1)
    });
    assert!(
        message.contains("indicator N1") && message.contains("filter"),
        "{message}"
    );
}

#[test]
fn a_filter_comparing_a_number_to_text_is_an_error() {
    let (_, _, message) = definition_error("indicators/mini.toml", |t| {
        t.replacen(
            "filter = \"session.type = 'visite'\"",
            "filter = \"score > 'high'\"",
            1,
        )
    });
    assert!(message.contains("indicator N4"), "{message}");
}

#[test]
fn a_measure_missing_its_column_is_an_error() {
    let (_, line, message) = definition_error("indicators/mini.toml", |t| {
        t.replacen(", column = \"score\"", "", 1)
    });
    assert!(
        message.contains("`mean` measure needs `column`"),
        "{message}"
    );
    assert!(line.is_some());
}

#[test]
fn an_undeclared_breakdown_is_an_error() {
    let (_, _, message) = definition_error("indicators/mini.toml", |t| {
        t.replacen("{ by = \"poste\" }", "{ by = \"region\" }", 1)
    });
    assert!(
        message.contains("breakdown `region` is not a [[dimension]]"),
        "{message}"
    );
}

#[test]
fn a_reference_to_an_unknown_dataset_is_an_error() {
    let (_, _, message) = definition_error("datasets.toml", |t| {
        t.replacen("references = \"sessions\"", "references = \"seances\"", 1)
    });
    assert!(
        message.contains("`seances`, which is not a dataset"),
        "{message}"
    );
}

#[test]
fn a_sum_of_text_is_an_error() {
    let (_, _, message) = definition_error("indicators/mini.toml", |t| {
        t.replacen(
            "column = \"montant\" }\n\n[[indicator]]\ncode = \"N8\"",
            "column = \"poste\" }\n\n[[indicator]]\ncode = \"N8\"",
            1,
        )
        .replacen(
            "type = \"sum\", dataset = \"depenses\", date = \"date\", column = \"montant\"",
            "type = \"sum\", dataset = \"depenses\", date = \"date\", column = \"poste\"",
            1,
        )
    });
    assert!(message.contains("not a number"), "{message}");
}

#[test]
fn a_label_for_an_unknown_enum_value_is_an_error() {
    let (_, _, message) = definition_error("datasets.toml", |t| {
        t.replacen(
            "values = [\"P1\", \"P2\"]",
            "values = [\"P1\", \"P2\"]\nvalue_labels.P3 = { fr = \"Poste 3\" }",
            1,
        )
    });
    assert!(message.contains("value label `P3`"), "{message}");
}

#[test]
fn definition_errors_are_written_whole_in_each_language() {
    let Err(e) = programme_with("indicators/mini.toml", |t| {
        t.replacen("result = \"P\"", "result = \"R9\"", 1)
    }) else {
        panic!("an unknown result is an error");
    };
    let fr = e.message(cadre::Lang::Fr);
    let en = e.message(cadre::Lang::En);
    assert!(
        fr.contains("n’est pas dans programme.toml (résultats :"),
        "{fr}"
    );
    assert!(en.contains("is not in programme.toml (results:"), "{en}");
    for english in ["is not", "results", "indicator "] {
        assert!(!fr.contains(english), "French holds `{english}`: {fr}");
    }
}

#[test]
fn a_logo_outside_the_programme_folder_or_not_an_image_is_refused() {
    for (logo, expected) in [
        ("../../../etc/passwd.png", "logo of X ("),
        ("datasets.toml", "a PNG, JPEG or SVG image is expected"),
        ("missing.png", "no such file in the programme folder"),
    ] {
        let Err(e) = programme_with("programme.toml", |t| {
            t.replacen(
                "languages = [\"fr\", \"en\"]",
                &format!(
                    "languages = [\"fr\", \"en\"]\n\n[[programme.funders]]\ncode = \"X\"\nlogo = \"{logo}\""
                ),
                1,
            )
        }) else {
            panic!("{logo} loads");
        };
        let en = e.message(cadre::Lang::En);
        assert!(en.contains(expected), "{logo}: {en}");
    }
}

#[test]
fn a_code_that_cannot_name_a_file_is_refused() {
    let (path, line, message) = definition_error("indicators/mini.toml", |t| {
        t.replacen("code = \"N1\"", "code = \"../N1\"", 1)
    });
    assert!(path.ends_with("mini.toml"), "{path}");
    assert_eq!(line, Some(5));
    assert!(
        message.contains("code `../N1` may hold only letters, digits"),
        "{message}"
    );
}

/// A label the definitions give in some languages only falls back to the
/// programme's first language, whichever that is (not French by rule).
#[test]
fn a_missing_translation_falls_back_to_the_first_declared_language() {
    let english_first = programme_with("programme.toml", |t| {
        t.replace(r#"languages = ["fr", "en"]"#, r#"languages = ["en", "fr"]"#)
    })
    .unwrap();
    let french_first = programme_with("", |t| t).unwrap();
    // "es": a language these definitions have no text in (the result's label
    // is in French and English).
    let label = |p: &Programme| p.result("R").unwrap().label.get("es").to_owned();
    assert_eq!(label(&english_first), "Result");
    assert_eq!(label(&french_first), "Résultat");
    // The indicators' labels, in French only, are French in either language.
    let n1 = english_first.indicator("N1").unwrap();
    assert_eq!(n1.label.get(cadre::Lang::En), "Ateliers tenus");
}

/// The mini programme in English only.
fn english_only(t: String) -> String {
    t.replace(r#"languages = ["fr", "en"]"#, r#"languages = ["en"]"#)
}

/// An English-only programme's first error, whichever file it is in, is
/// in English: the languages are read before anything else.
#[test]
fn an_english_only_programme_s_first_error_is_in_english() {
    let unknown_result = |t: String| t.replacen("result = \"P\"", "result = \"R9\"", 1);
    let bad_syntax = |t: String| t.replacen("code = \"mini\"", "code = \"mini", 1);
    let bad_datasets = |t: String| t.replacen("unique = true", "unik = true", 1);
    for edits in [
        vec![
            ("programme.toml", &english_only as &dyn Fn(String) -> String),
            ("indicators/mini.toml", &unknown_result),
        ],
        vec![
            ("programme.toml", &english_only),
            ("datasets.toml", &bad_datasets),
        ],
        vec![
            ("programme.toml", &english_only as &dyn Fn(String) -> String),
            ("programme.toml", &bad_syntax),
        ],
    ] {
        let dir = mini_copy(&edits);
        let lang = Programme::declared_language(dir.path());
        assert_eq!(lang, Some(cadre::Lang::En));
        let e = Programme::load(dir.path()).expect_err("the broken programme loaded");
        let message = e.message(lang.unwrap());
        assert_eq!(message, e.message(cadre::Lang::En));
        assert_ne!(message, e.message(cadre::Lang::Fr), "{message}");
    }
    let french = mini_copy(&[]);
    assert_eq!(
        Programme::declared_language(french.path()),
        Some(cadre::Lang::Fr)
    );
}

/// A misspelt enumerated value, key or measure type names the word meant,
/// with the file and line, in either language.
#[test]
fn a_misspelt_word_in_the_definitions_suggests_the_word_meant() {
    for (file, from, to, line, expected) in [
        (
            "indicators/mini.toml",
            "kind = \"total\"",
            "kind = \"totl\"",
            8,
            "`totl` is not one of the values allowed here: `total`, `level` (did you mean `total`?)",
        ),
        (
            "indicators/mini.toml",
            "level = \"output\"",
            "level = \"outptu\"",
            7,
            "(did you mean `output`?)",
        ),
        (
            "indicators/mini.toml",
            "type = \"count\"",
            "type = \"cont\"",
            12,
            "unknown measure type `cont`; types: `count`, ",
        ),
        (
            "datasets.toml",
            "type = \"enum\"",
            "type = \"enmu\"",
            29,
            "(did you mean `enum`?)",
        ),
        (
            "indicators/mini.toml",
            "label.fr = \"Ateliers tenus\"",
            "labl.fr = \"Ateliers tenus\"",
            9,
            "unknown key `labl`; keys allowed here: `code`, ",
        ),
    ] {
        let edit = |t: String| t.replacen(from, to, 1);
        let (path, got_line, message) = definition_error(file, edit);
        assert!(
            path.ends_with(file.trim_start_matches("indicators/")),
            "{path}"
        );
        assert_eq!(got_line, Some(line), "{message}");
        assert!(message.contains(expected), "{message}");
        let fr = programme_with(file, edit)
            .unwrap_err()
            .message(cadre::Lang::Fr);
        assert!(
            fr.contains("vouliez-vous dire") || fr.contains("inconnu"),
            "{fr}"
        );
        assert!(!fr.contains("expected") && !fr.contains("unknown"), "{fr}");
    }
}

/// A date column compared with text is explained, with the filter rewritten
/// in the `DATE '…'` form, which loads.
#[test]
fn a_date_compared_with_text_shows_the_date_form() {
    let to_text = |t: String| {
        t.replacen(
            "filter = \"type = 'atelier'\"",
            "filter = \"type = 'atelier' AND date >= '2024-02-01'\"",
            1,
        )
    };
    let (_, line, message) = definition_error("indicators/mini.toml", to_text);
    assert_eq!(line, Some(5));
    assert_eq!(
        message.split(": ").skip(1).collect::<Vec<_>>().join(": "),
        "indicator N1: filter `type = 'atelier' AND date >= '2024-02-01'` compares a date with text: \
         write a date as DATE '2025-07-01' (`type = 'atelier' AND date >= DATE '2024-02-01'`)"
    );
    let fr = programme_with("indicators/mini.toml", to_text)
        .unwrap_err()
        .message(cadre::Lang::Fr);
    assert!(
        fr.contains("compare une date à du texte : une date s’écrit DATE '2025-07-01'"),
        "{fr}"
    );
    programme_with("indicators/mini.toml", |t| {
        t.replacen(
            "filter = \"type = 'atelier'\"",
            "filter = \"type = 'atelier' AND date >= DATE '2024-02-01'\"",
            1,
        )
    })
    .unwrap();
}

#[test]
fn a_malformed_iati_sector_is_refused_with_its_line_in_each_language() {
    let append = |t: String| {
        format!(
            "{t}\n[iati]\nrecipient_country = [{{ code = \"SN\" }}]\nsector = [\n  {{ code = \"14030\", percentage = 50 }},\n  {{ code = \"140-30\", percentage = 50 }},\n]\n"
        )
    };
    let lines = std::fs::read_to_string(repo().join("tests/compute/programme/programme.toml"))
        .unwrap()
        .lines()
        .count();
    let (path, line, en) = definition_error("programme.toml", append);
    assert!(path.ends_with("programme.toml"), "{path}");
    // The second sector's line: after the file, a blank line and four more.
    assert_eq!(line, Some(lines + 6));
    assert_eq!(
        en,
        format!(
            "{path}:{}: [iati] sector code `140-30` of vocabulary 1 must be 5 digits",
            lines + 6
        )
    );
    let Err(e) = programme_with("programme.toml", append) else {
        panic!("a malformed sector loaded");
    };
    let fr = e.message(cadre::Lang::Fr);
    assert!(
        fr.contains("le code « 140-30 » du vocabulaire 1 doit être 5 chiffres"),
        "{fr}"
    );
    // Declared well, the same table loads.
    let p = programme_with("programme.toml", |t| {
        format!("{t}\n[iati]\nrecipient_region = [{{ code = \"298\" }}]\nsector = [{{ code = \"14030\" }}]\n")
    })
    .unwrap();
    assert_eq!(p.iati.recipient_regions[0].vocabulary, "1");
}

/// An indicator `X9` appended to the mini programme's indicators, with
/// `line` (one of its lines) replaced by `with`; the edited file's text.
fn with_x9(line: &str, with: &str) -> impl Fn(String) -> String {
    let x9 = "\n[[indicator]]\nresult = \"P\"\ncode = \"X9\"\nlevel = \"output\"\nkind = \"total\"\nlabel.fr = \"Composite\"\nmeasure = { type = \"formula\", formula = \"N1 + N3\" }\n";
    assert!(x9.contains(line), "X9 has no line {line}");
    let x9 = x9.replacen(line, with, 1);
    move |t| t + &x9
}

/// The line (from 1) of the last line holding `needle` in the mini
/// indicators edited by `edit` (X9's, appended last).
fn line_in_mini(edit: &dyn Fn(String) -> String, needle: &str) -> usize {
    let text = edit(
        std::fs::read_to_string(repo().join("tests/compute/programme/indicators/mini.toml"))
            .unwrap(),
    );
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .last()
        .unwrap()
        .0
        + 1
}

/// A value the parser refuses inside an indicator's table (an unknown
/// word, a syntax error, a value of the wrong type) names the indicator
/// by its code, with the file and the line, whatever line of the table it
/// is on; a table without a code names none.
#[test]
fn a_bad_value_in_an_indicator_names_the_indicator_and_the_line() {
    for (line, with, expected) in [
        (
            "kind = \"total\"",
            "kind = \"totl\"",
            "indicator X9: `totl` is not one of the values allowed here",
        ),
        // Above the code line, and a syntax error: the rest of the file
        // cannot be read, the code line still can.
        ("level = \"output\"", "level = \"output", "indicator X9: "),
        ("label.fr = \"Composite\"", "label.fr = 5", "indicator X9: "),
        (
            "measure = { type = \"formula\", formula = \"N1 + N3\" }",
            "measure = { type = \"latest\", dataset = \"sessions\", column = \"type\" }",
            "indicator X9: a `latest` measure needs `date`",
        ),
    ] {
        let edit = with_x9(line, with);
        let (path, got, message) = definition_error("indicators/mini.toml", &edit);
        assert!(path.ends_with("mini.toml"), "{path}");
        let expected_line = line_in_mini(&edit, with);
        assert_eq!(got, Some(expected_line), "{with}: {message}");
        assert!(
            message.contains(&format!("mini.toml:{expected_line}: {expected}")),
            "{with}: {message}"
        );
        let fr = programme_with("indicators/mini.toml", &edit)
            .unwrap_err()
            .message(cadre::Lang::Fr);
        assert!(fr.contains("indicateur X9 : "), "{fr}");
    }
    // Without its code, the table names no indicator (and no other one).
    let edit = with_x9("code = \"X9\"\n", "");
    let (_, _, message) = definition_error("indicators/mini.toml", &edit);
    assert!(message.ends_with(": missing key `code`"), "{message}");
    assert!(!message.contains("indicator "), "{message}");
    let fr = programme_with("indicators/mini.toml", &edit)
        .unwrap_err()
        .message(cadre::Lang::Fr);
    assert!(fr.ends_with(" : clé « code » manquante"), "{fr}");
}

/// A formula that cannot be read and a measure missing a key its type
/// needs: a French programme's message is French throughout, an English
/// programme's English throughout.
#[test]
fn formula_and_measure_errors_speak_one_language() {
    let bad_formula = with_x9("formula = \"N1 + N3\"", "formula = \"N1 + * N3\"");
    let no_column = |t: String| t.replacen(", column = \"score\"", "", 1);
    for (edit, fr_expected, en_expected) in [
        (
            &bad_formula as &dyn Fn(String) -> String,
            "indicateur X9 : formule `N1 + * N3` : `*` inattendu au caractère 6",
            "indicator X9: formula `N1 + * N3`: unexpected `*` at character 6",
        ),
        (
            &no_column,
            "indicateur N4 : une mesure « mean » demande `column`",
            "indicator N4: a `mean` measure needs `column`",
        ),
    ] {
        let french = mini_copy(&[("indicators/mini.toml", edit)]);
        assert_eq!(
            Programme::declared_language(french.path()),
            Some(cadre::Lang::Fr)
        );
        let fr = Programme::load(french.path())
            .unwrap_err()
            .message(cadre::Lang::Fr);
        assert!(fr.contains(fr_expected), "{fr}");
        for english in [
            "indicator ",
            "formula `",
            "unexpected",
            "character",
            "measure needs",
            "needs",
            "TOML",
        ] {
            assert!(!fr.contains(english), "French holds `{english}`: {fr}");
        }
        let english = mini_copy(&[
            ("programme.toml", &english_only as &dyn Fn(String) -> String),
            ("indicators/mini.toml", edit),
        ]);
        let lang = Programme::declared_language(english.path()).unwrap();
        let en = Programme::load(english.path()).unwrap_err().message(lang);
        assert!(en.contains(en_expected), "{en}");
        for french in ["indicateur", "inattendu", "caractère", "demande", "mesure"] {
            assert!(!en.contains(french), "English holds `{french}`: {en}");
        }
    }
}

/// A date that is not one is refused in the user's language, with its line.
#[test]
fn a_date_that_is_not_one_is_refused_in_each_language() {
    let edit = |t: String| t.replacen("start = 2024-01-01", "start = \"2024/01/01\"", 1);
    let (path, line, en) = definition_error("programme.toml", edit);
    assert!(path.ends_with("programme.toml"), "{path}");
    assert_eq!(line, Some(line_in(&edit, "start = ")));
    assert!(
        en.ends_with(": expected a date like 2025-10-31, found `2024/01/01`"),
        "{en}"
    );
    let fr = programme_with("programme.toml", edit)
        .unwrap_err()
        .message(cadre::Lang::Fr);
    assert!(
        fr.ends_with(" : date attendue, de la forme 2025-10-31 ; trouvé « 2024/01/01 »"),
        "{fr}"
    );
}

/// The line (from 1) of the first line holding `needle` in the mini
/// programme.toml edited by `edit`.
fn line_in(edit: &dyn Fn(String) -> String, needle: &str) -> usize {
    let text = edit(
        std::fs::read_to_string(repo().join("tests/compute/programme/programme.toml")).unwrap(),
    );
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_year_start_month_that_is_not_a_month_is_refused_with_its_line_in_each_language() {
    let with_month = |month: u32| {
        move |t: String| {
            t.replacen(
                "end = 2024-12-31\n",
                &format!("end = 2024-12-31\nyear_start_month = {month}\n"),
                1,
            )
        }
    };
    let line = std::fs::read_to_string(repo().join("tests/compute/programme/programme.toml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("end = "))
        .unwrap()
        + 2;
    for month in [13, 0] {
        let (path, got_line, en) = definition_error("programme.toml", with_month(month));
        assert!(path.ends_with("programme.toml"), "{path}");
        assert_eq!(got_line, Some(line), "{en}");
        assert_eq!(
            en,
            format!(
                "{path}:{line}: [programme] `year_start_month` = {month} is not a month: \
                 it is 1 (January) to 12 (December)"
            )
        );
        let Err(e) = programme_with("programme.toml", with_month(month)) else {
            panic!("year_start_month = {month} loaded");
        };
        let fr = e.message(cadre::Lang::Fr);
        assert!(
            fr.contains(&format!(
                "[programme] `year_start_month` = {month} n’est pas un mois : \
                 il va de 1 (janvier) à 12 (décembre)"
            )),
            "{fr}"
        );
    }
    // A month loads, and the programme's calendar starts its years then;
    // without one, years start in the month of `start` (January here).
    let july = programme_with("programme.toml", with_month(7)).unwrap();
    assert_eq!(july.info.calendar().year_start_month(), 7);
    let labels = |p: &Programme| -> Vec<(String, String)> {
        p.info
            .calendar()
            .programme_years()
            .into_iter()
            .map(|y| (y.label, format!("{}..{}", y.start, y.end)))
            .collect()
    };
    assert_eq!(
        labels(&july),
        [
            ("PY1".into(), "2024-01-01..2024-06-30".into()),
            ("PY2".into(), "2024-07-01..2024-12-31".into()),
        ]
    );
    let default = programme_with("programme.toml", |t| t).unwrap();
    assert_eq!(default.info.calendar().year_start_month(), 1);
    assert_eq!(
        labels(&default),
        [("PY1".into(), "2024-01-01..2024-12-31".into())]
    );
}

/// The mini programme with `period_targets` given to N1 (line 5).
fn period_targets_error(targets: &str) -> (String, Option<usize>, String, String) {
    let (path, line, e) = crate::definition_error(programme_with("indicators/mini.toml", |t| {
        t.replacen(
            "target = 5\n",
            &format!("target = 5\nperiod_targets = [{targets}]\n"),
            1,
        )
    }));
    let path = path.display().to_string();
    (
        path,
        line,
        e.message(cadre::Lang::En),
        e.message(cadre::Lang::Fr),
    )
}

#[test]
fn period_targets_load_and_each_wrong_one_is_refused_with_its_line() {
    let loaded = programme_with("indicators/mini.toml", |t| {
        t.replacen(
            "target = 5\n",
            "target = 5\nperiod_targets = [{ period = \"2024-Q1\", value = 1 }, \
             { period = \"2024-H2\", value = 3 }]\n",
            1,
        )
    })
    .unwrap();
    assert!(loaded.has_period_targets());
    assert!(!programme_with("", |t| t).unwrap().has_period_targets());

    let (path, line, en, fr) = period_targets_error(r#"{ period = "2024-Q5", value = 1 }"#);
    assert!(path.ends_with("mini.toml"), "{path}");
    assert_eq!(line, Some(5), "the line of the indicator's code");
    assert!(
        en.contains("indicator N1") && en.contains("`period_targets`: period `2024-Q5`"),
        "{en}"
    );
    assert!(
        fr.contains("`period_targets` : période « 2024-Q5 »"),
        "{fr}"
    );

    let (_, line, en, fr) = period_targets_error(r#"{ period = "2026", value = 1 }"#);
    assert_eq!(line, Some(5));
    assert!(
        en.contains("period `2026` lies outside the programme"),
        "{en}"
    );
    assert!(
        fr.contains("« 2026 » est hors des dates du programme"),
        "{fr}"
    );

    // The same dates, written two ways.
    let (_, _, en, fr) = period_targets_error(
        r#"{ period = "2024-Q1", value = 1 }, { period = "2024-01-01..2024-03-31", value = 2 }"#,
    );
    assert!(
        en.contains("period `2024-01-01..2024-03-31` is given twice"),
        "{en}"
    );
    assert!(fr.contains("est donnée deux fois"), "{fr}");

    let (_, _, en, fr) = period_targets_error(
        r#"{ period = "2024", value = 4 }, { period = "2024-Q2", value = 1 }"#,
    );
    assert!(en.contains("periods `2024` and `2024-Q2` overlap"), "{en}");
    assert!(
        fr.contains("« 2024 » et « 2024-Q2 » se chevauchent"),
        "{fr}"
    );

    let (_, _, en, fr) = period_targets_error(r#"{ period = "2024-Q3", value = nan }"#);
    assert!(
        en.contains("the target of `2024-Q3` must be a number"),
        "{en}"
    );
    assert!(
        fr.contains("la cible de « 2024-Q3 » doit être un nombre"),
        "{fr}"
    );
}

#[test]
fn category_targets_are_checked_against_the_enum_s_values() {
    let with_targets = |targets: &'static str| {
        move |t: String| {
            t.replacen(
                "breakdowns = [{ by = \"genre\" }",
                &format!("breakdowns = [{{ by = \"genre\", targets = {targets} }}"),
                1,
            )
        }
    };
    let loaded = programme_with("indicators/mini.toml", with_targets("{ F = 6, H = 4 }")).unwrap();
    let n3 = loaded.indicator("N3").unwrap();
    assert_eq!(n3.breakdowns[0].targets.get("F"), Some(&6.0));

    let (path, line, e) = crate::definition_error(programme_with(
        "indicators/mini.toml",
        with_targets("{ F = 6, Hx = 4 }"),
    ));
    assert!(path.ends_with("mini.toml"), "{}", path.display());
    assert_eq!(line, Some(25), "the line of N3's code");
    let (en, fr) = (e.message(cadre::Lang::En), e.message(cadre::Lang::Fr));
    assert!(
        en.contains("indicator N3")
            && en.contains("breakdown `genre`: `targets` names `Hx`")
            && en.contains("(did you mean `H`?)")
            && en.contains("(values: F, H)"),
        "{en}"
    );
    assert!(
        fr.contains("ventilation « genre » : `targets` nomme « Hx »")
            && fr.contains("vouliez-vous dire « H »"),
        "{fr}"
    );

    let (_, _, e) = crate::definition_error(programme_with(
        "indicators/mini.toml",
        with_targets("{ F = inf }"),
    ));
    assert!(
        e.message(cadre::Lang::En)
            .contains("the target of `genre.F` must be a number"),
        "{}",
        e.message(cadre::Lang::En)
    );

    // A text column takes any category: nothing to check it against.
    let pays = programme_with("indicators/mini.toml", |t| {
        t.replacen(
            "{ by = \"pays\", column = \"site.pays\" }",
            "{ by = \"pays\", column = \"site.pays\", targets = { Alpha = 2 } }",
            1,
        )
    });
    pays.unwrap();
}

#[test]
fn a_composite_cannot_have_category_targets() {
    let (_, _, e) = crate::definition_error(programme_with("indicators/mini.toml", |t| {
        t + "\n[[indicator]]\ncode = \"F1\"\nresult = \"P\"\nlevel = \"output\"\n\
             kind = \"total\"\nlabel.fr = \"Composite\"\n\
             breakdowns = [{ by = \"genre\", targets = { F = 1 } }]\n\
             measure = { type = \"formula\", formula = \"N3 + N3\" }\n"
    }));
    let en = e.message(cadre::Lang::En);
    assert!(
        en.contains("indicator F1") && en.contains("a formula takes its categories from its parts"),
        "{en}"
    );
    assert!(
        e.message(cadre::Lang::Fr)
            .contains("une formule tient ses catégories de ses parties"),
        "{}",
        e.message(cadre::Lang::Fr)
    );
}

/// The mini programme with `keys` added to indicator N1 (a count of
/// workshops, target 5, declared on line 5 of `indicators/mini.toml`).
fn n1_with(keys: &'static str) -> impl Fn(String) -> String {
    move |t: String| {
        t.replacen(
            "label.fr = \"Ateliers tenus\"\n",
            &format!("label.fr = \"Ateliers tenus\"\n{keys}\n"),
            1,
        )
    }
}

/// The French message of the load error of `edit` to `file`.
fn french_error(file: &str, edit: impl Fn(String) -> String) -> String {
    let (_, _, e) = crate::definition_error(programme_with(file, edit));
    e.message(cadre::Lang::Fr)
}

#[test]
fn a_stock_without_a_baseline_is_refused_with_its_line() {
    let edit = n1_with("stock = true");
    let (path, line, message) = definition_error("indicators/mini.toml", &edit);
    assert!(path.ends_with("mini.toml"), "{path}");
    assert_eq!(line, Some(5), "the line of the indicator's code");
    assert!(
        message.contains("indicator N1")
            && message.contains("`stock = true` needs a `baseline`")
            && !message.contains("indicator_defaults"),
        "{message}"
    );
    let fr = french_error("indicators/mini.toml", &edit);
    assert!(
        fr.contains("N1") && fr.contains("`stock = true` demande une valeur de référence"),
        "{fr}"
    );
    // With a baseline the same stock loads.
    programme_with(
        "indicators/mini.toml",
        n1_with("stock = true\nbaseline = 3"),
    )
    .unwrap();
}

#[test]
fn a_stock_on_a_level_is_refused() {
    let (_, line, message) = definition_error("indicators/mini.toml", |t| {
        t.replacen(
            "kind = \"level\"\n",
            "kind = \"level\"\nbaseline = 1\nstock = true\n",
            1,
        )
    });
    assert!(line.is_some());
    assert!(
        message.contains("`stock = true` is for a total only"),
        "{message}"
    );
}

#[test]
fn a_default_stock_names_indicator_defaults_and_yields_to_the_indicator() {
    let defaults = |t: String| format!("{t}\n[indicator_defaults]\nstock = true\n");
    let (path, line, message) = definition_error("programme.toml", defaults);
    // The first total without a baseline, N1, where it is written.
    assert!(path.ends_with("mini.toml"), "{path}");
    assert_eq!(line, Some(5));
    assert!(
        message.contains("indicator N1")
            && message.contains("`stock = true` of [indicator_defaults] needs a `baseline`")
            && message.contains("`stock = false`"),
        "{message}"
    );
    let fr = french_error("programme.toml", defaults);
    assert!(
        fr.contains("`stock = true` de [indicator_defaults]"),
        "{fr}"
    );
    // Every total saying `stock = false` (levels are never stocks) loads.
    let p = Programme::load(
        mini_copy(&[
            ("programme.toml", &defaults),
            ("indicators/mini.toml", &|t: String| {
                t.replace("kind = \"total\"\n", "kind = \"total\"\nstock = false\n")
            }),
        ])
        .path(),
    )
    .unwrap();
    assert!(p.indicators.iter().all(|i| !i.is_stock()));
}

#[test]
fn achievement_from_the_baseline_needs_a_baseline_other_than_the_target() {
    let (_, line, message) = definition_error(
        "indicators/mini.toml",
        n1_with("achievement = \"from_baseline\""),
    );
    assert_eq!(line, Some(5));
    assert!(
        message.contains("indicator N1")
            && message.contains("`achievement = \"from_baseline\"` needs a `baseline`"),
        "{message}"
    );
    let fr = french_error(
        "indicators/mini.toml",
        n1_with("achievement = \"from_baseline\""),
    );
    assert!(
        fr.contains("`achievement = \"from_baseline\"` demande une valeur de référence"),
        "{fr}"
    );
    // N1's target is 5: a baseline of 5 leaves no way to go.
    let equal = n1_with("achievement = \"from_baseline\"\nbaseline = 5");
    let (_, line, message) = definition_error("indicators/mini.toml", &equal);
    assert_eq!(line, Some(5));
    assert!(
        message.contains("needs a target other than the baseline (both are 5)"),
        "{message}"
    );
    let fr = french_error("indicators/mini.toml", &equal);
    assert!(
        fr.contains("demande une cible différente de la valeur de référence"),
        "{fr}"
    );
    let defaults =
        |t: String| format!("{t}\n[indicator_defaults]\nachievement = \"from_baseline\"\n");
    let (_, _, message) = definition_error("programme.toml", defaults);
    assert!(
        message.contains(
            "`achievement = \"from_baseline\"` of [indicator_defaults] needs a `baseline`"
        ),
        "{message}"
    );
    programme_with(
        "indicators/mini.toml",
        n1_with("achievement = \"from_baseline\"\nbaseline = 1"),
    )
    .unwrap();
}

#[test]
fn a_baseline_dated_after_the_programme_is_refused() {
    // The mini programme ends on 2024-12-31.
    let late = n1_with("baseline = 1\nbaseline_date = 2025-01-01");
    let (_, line, message) = definition_error("indicators/mini.toml", &late);
    assert_eq!(line, Some(5));
    assert!(
        message.contains("indicator N1")
            && message
                .contains("`baseline_date` (2025-01-01) is after the programme's end (2024-12-31)"),
        "{message}"
    );
    let fr = french_error("indicators/mini.toml", &late);
    assert!(fr.contains("est postérieure à la fin du programme"), "{fr}");
    let p = programme_with(
        "indicators/mini.toml",
        n1_with("baseline = 1\nbaseline_date = 2024-12-31"),
    )
    .unwrap();
    assert_eq!(
        p.indicator("N1").unwrap().baseline_date,
        chrono::NaiveDate::from_ymd_opt(2024, 12, 31)
    );
}

#[test]
fn an_unknown_indicator_default_is_refused_with_its_line() {
    let lines = std::fs::read_to_string(repo().join("tests/compute/programme/programme.toml"))
        .unwrap()
        .lines()
        .count();
    let (path, line, message) = definition_error("programme.toml", |t| {
        format!("{t}\n[indicator_defaults]\nstok = true\n")
    });
    assert!(path.ends_with("programme.toml"), "{path}");
    assert_eq!(line, Some(lines + 3));
    assert!(message.contains("stok"), "{message}");
}
