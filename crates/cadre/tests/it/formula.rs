//! Composite indicators (`type = "formula"`): what is refused at load, with
//! the file and line of the indicator, and what `explain` shows of one.
//! Their values are checked by the compute case `tests/compute/cases/formula`.

use std::path::{Path, PathBuf};

use cadre::{Engine, Error, Lang, Period, Programme};

fn case() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/compute/cases/formula")
}

const INDICATORS: &str = "indicators/composite.toml";

/// The formula case's programme with its indicators edited by `edit`.
fn programme_with(edit: impl FnOnce(String) -> String) -> Result<Programme, Error> {
    programme_edited(edit, |t| t)
}

/// The formula case's programme with its indicators edited by `edit` and
/// its datasets by `datasets`.
fn programme_edited(
    edit: impl FnOnce(String) -> String,
    datasets: impl FnOnce(String) -> String,
) -> Result<Programme, Error> {
    let dir = tempfile::tempdir().unwrap();
    let src = case().join("programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    std::fs::copy(
        src.join("programme.toml"),
        dir.path().join("programme.toml"),
    )
    .unwrap();
    let text = std::fs::read_to_string(src.join("datasets.toml")).unwrap();
    std::fs::write(dir.path().join("datasets.toml"), datasets(text)).unwrap();
    let text = std::fs::read_to_string(src.join(INDICATORS)).unwrap();
    std::fs::write(dir.path().join(INDICATORS), edit(text)).unwrap();
    Programme::load(dir.path())
}

/// The line of `code = "<code>"` in the case's indicators.
fn line_of(code: &str) -> usize {
    let text = std::fs::read_to_string(case().join("programme").join(INDICATORS)).unwrap();
    let wanted = format!("code = \"{code}\"");
    text.lines().position(|l| l == wanted).unwrap() + 1
}

/// The load error of the edited programme: its file, line and message in `lang`.
fn refused(edit: impl FnOnce(String) -> String, lang: Lang) -> (String, Option<usize>, String) {
    let (path, line, e) = crate::definition_error(programme_with(edit));
    (path.display().to_string(), line, e.message(lang))
}

/// Replaces the formula `old` by `new`.
fn formula(old: &'static str, new: &'static str) -> impl FnOnce(String) -> String {
    move |t| {
        let old = format!("formula = \"{old}\"");
        assert!(t.contains(&old), "no {old}");
        t.replacen(&old, &format!("formula = \"{new}\""), 1)
    }
}

#[test]
fn the_case_loads_with_a_composite_of_a_composite() {
    let p = programme_with(|t| t).unwrap();
    assert!(!p.indicator("H1").unwrap().measure.is_additive());
}

#[test]
fn a_formula_that_cannot_be_read_says_where() {
    let (path, line, en) = refused(formula("A1.1 + A1.2", "(A1.1 + A1.2"), Lang::En);
    assert!(path.ends_with("composite.toml"), "{path}");
    assert_eq!(line, Some(line_of("T1")));
    assert!(
        en.contains("indicator T1") && en.contains("ends too early (character 13)"),
        "{en}"
    );
    let (_, _, en) = refused(formula("100 * A1.1 / A1.2", "100 * A1.1 A1.2"), Lang::En);
    assert!(en.contains("unexpected `A1.2` at character 12"), "{en}");
    let (_, _, fr) = refused(formula("100 * A1.1 / A1.2", "100 % A1.1"), Lang::Fr);
    assert!(fr.contains("`%` inattendu au caractère 5"), "{fr}");
}

#[test]
fn an_unknown_code_is_refused_with_the_closest() {
    let (_, line, en) = refused(formula("100 * A1.1 / A1.2", "100 * A1.1 / A11.2"), Lang::En);
    assert_eq!(line, Some(line_of("X1")));
    assert!(
        en.contains("`A11.2`, which is not an indicator") && en.contains("did you mean `A1.2`"),
        "{en}"
    );
}

#[test]
fn formulas_leading_back_to_their_indicator_are_refused() {
    // T1 names H1, whose formula names T1.
    let (_, line, en) = refused(formula("A1.1 + A1.2", "A1.1 + H1"), Lang::En);
    assert_eq!(line, Some(line_of("T1")));
    assert!(en.contains("T1 → H1 → T1"), "{en}");
    let (_, line, en) = refused(formula("100 * A1.3 / 5", "E1 + 1"), Lang::En);
    assert_eq!(line, Some(line_of("E1")));
    assert!(en.contains("E1 → E1"), "{en}");
}

#[test]
fn a_breakdown_a_part_lacks_is_refused() {
    let (_, line, en) = refused(
        |t| {
            let old = "breakdowns = [{ by = \"genre\" }]\nmeasure = { type = \"formula\", formula = \"A1.1 + A1.2\" }";
            assert!(t.contains(old));
            t.replacen(
                old,
                &old.replace("\"genre\" }", "\"genre\" }, { by = \"pays\" }"),
                1,
            )
        },
        Lang::En,
    );
    assert_eq!(line, Some(line_of("T1")));
    assert!(en.contains("part `A1.1` has no breakdown `pays`"), "{en}");
}

#[test]
fn a_formula_reads_no_rows_of_its_own_nor_names_no_indicator() {
    let (_, _, en) = refused(
        |t| {
            t.replacen(
                "{ type = \"formula\", formula = \"T1 / 2\" }",
                "{ type = \"formula\", formula = \"T1 / 2\", dataset = \"presences\" }",
                1,
            )
        },
        Lang::En,
    );
    assert!(en.contains("takes no `dataset`"), "{en}");
    let (_, _, en) = refused(formula("T1 / 2", "(1 + 2) / 2"), Lang::En);
    assert!(en.contains("names no indicator"), "{en}");
}

#[test]
fn explain_shows_the_parts_values_and_the_formula_with_them() {
    let p = Programme::load(case().join("programme")).unwrap();
    let data = cadre::ingest(&p, case().join("data")).unwrap();
    let engine = Engine::new(&p, &data);
    let today = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
    let period = Period::parse("2024-Q2", p.info.calendar(), today).unwrap();
    let e = engine.explain("X1", &period).unwrap();
    let c = e
        .composition
        .as_ref()
        .expect("a composite explains its parts");
    let values: Vec<(&str, Option<f64>, Option<f64>)> = c
        .parts
        .iter()
        .map(|p| (p.code.as_str(), p.period_value, p.cumulative_value))
        .collect();
    assert_eq!(
        values,
        [
            ("A1.1", Some(2.0), Some(5.0)),
            ("A1.2", Some(2.0), Some(3.0))
        ]
    );
    let n = |v: Option<f64>| v.map_or("empty".into(), |v| v.to_string());
    assert_eq!(c.substituted(false, n), "100 * 2 / 2");
    assert_eq!(c.substituted(true, n), "100 * 5 / 3");
    assert!(e.parts.is_empty(), "a composite reads no rows of its own");
    let e = engine.explain(
        "E1",
        &Period::parse("2024-Q3", p.info.calendar(), today).unwrap(),
    );
    let c = e.unwrap().composition.unwrap();
    assert_eq!(c.substituted(false, n), "100 * empty / 5");
}

/// A composite reads no column: its categories come in the order of the
/// enum its parts read (here H before F, against the alphabet), with the
/// enum's labels, like its parts'.
#[test]
fn a_composites_categories_keep_the_enum_order_and_labels_of_its_parts() {
    let p = programme_edited(
        |t| t,
        |t| {
            let old = "values = [\"F\", \"H\"]";
            assert!(t.contains(old), "no {old}");
            t.replacen(
                old,
                "values = [\"H\", \"F\"]\nvalue_labels.F = { fr = \"Femmes\", en = \"Women\" }\nvalue_labels.H = { fr = \"Hommes\", en = \"Men\" }",
                1,
            )
        },
    )
    .unwrap();
    let data = cadre::ingest(&p, case().join("data")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
    let period = Period::parse("2024-Q2", p.info.calendar(), today).unwrap();
    let table = Engine::new(&p, &data).compute(&period).unwrap();
    for code in ["T1", "X1", "H1"] {
        let iv = table.indicators.iter().find(|i| i.code == code).unwrap();
        let cats: Vec<(&str, &str)> = iv.breakdowns[0]
            .categories
            .iter()
            .map(|c| (c.category.as_str(), c.label.get(Lang::En)))
            .collect();
        assert_eq!(
            cats,
            [("H", "Men"), ("F", "Women"), ("non renseigné", "")],
            "{code}"
        );
    }
}
