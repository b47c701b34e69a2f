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
