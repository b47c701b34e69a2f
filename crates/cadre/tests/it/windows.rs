//! Windows and distinct counts at load time: a window or a `counts` that
//! does not fit the measure's rows is refused with its file and line.

use std::path::{Path, PathBuf};

use cadre::{Error, Programme};

fn case_programme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/compute/cases/windows/programme")
}

/// The windows case's programme with its indicators file edited.
fn load_with(edit: impl FnOnce(String) -> String) -> Result<Programme, Error> {
    let dir = tempfile::tempdir().unwrap();
    let src = case_programme();
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let text = std::fs::read_to_string(src.join("indicators/fenetres.toml")).unwrap();
    std::fs::write(dir.path().join("indicators/fenetres.toml"), edit(text)).unwrap();
    Programme::load(dir.path())
}

/// The file, line and English message of the definition error `edit` makes.
fn refused(edit: impl FnOnce(String) -> String) -> (String, Option<usize>, String) {
    let (path, line, e) = crate::definition_error(load_with(edit));
    (path.display().to_string(), line, e.message(cadre::Lang::En))
}

fn replace(from: &'static str, to: &'static str) -> impl FnOnce(String) -> String {
    move |t: String| {
        assert!(t.contains(from), "the fixture no longer holds {from}");
        t.replacen(from, to, 1)
    }
}

#[test]
fn the_windows_programme_loads() {
    let p = load_with(|t| t).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.indicators.len(), 7);
}

#[test]
fn a_window_column_not_in_the_dataset_is_refused_with_file_and_line() {
    let (path, line, message) = refused(replace(r#"to = "fermeture""#, r#"to = "fermture""#));
    assert!(path.ends_with("fenetres.toml"), "{path}");
    // W3's `code` line.
    assert_eq!(line, Some(25));
    assert!(message.contains("W3"), "{message}");
    assert!(message.contains("`window`: `to`"), "{message}");
    assert!(message.contains("fermeture"), "did you mean: {message}");
}

#[test]
fn a_from_or_to_that_is_not_a_date_is_refused() {
    let (_, _, message) = refused(replace(r#"from = "ouverture""#, r#"from = "region""#));
    assert!(
        message.contains("`from`: column `region` of `centres` is enum, not a date"),
        "{message}"
    );
}

#[test]
fn a_round_that_is_text_is_refused() {
    let (_, _, message) = refused(|t| {
        t.replacen(
            r#"window = { latest_round = "vague" }
measure = { type = "mean", dataset = "enquete", date = "date", column = "score" }"#,
            r#"window = { latest_round = "personne" }
measure = { type = "count", dataset = "visites", date = "date" }"#,
            1,
        )
    });
    assert!(message.contains("W5"), "{message}");
    assert!(message.contains("not a number or a date"), "{message}");
}

#[test]
fn windows_that_need_dated_rows_refuse_undated_ones() {
    let (_, _, message) = refused(replace(
        r#"measure = { type = "sum", dataset = "etats", date = "date", column = "effectif" }"#,
        r#"measure = { type = "sum", dataset = "etats", column = "effectif" }"#,
    ));
    assert!(
        message.contains("W4") && message.contains("`at_end.unit` needs dated rows"),
        "{message}"
    );
    let (_, _, message) = refused(replace(
        r#"window = "period"
measure = { type = "count", dataset = "visites", date = "date" }"#,
        r#"window = "period"
measure = { type = "count", dataset = "visites" }"#,
    ));
    assert!(
        message.contains("W2") && message.contains("`period` needs dated rows"),
        "{message}"
    );
}

#[test]
fn a_stock_by_from_and_to_refuses_a_date_of_its_own() {
    let (_, _, message) = refused(replace(
        r#"measure = { type = "count", dataset = "centres" }"#,
        r#"measure = { type = "count", dataset = "centres", date = "ouverture" }"#,
    ));
    assert!(
        message.contains("remove the measure's `date` (`ouverture`)"),
        "{message}"
    );
}

#[test]
fn a_misspelled_window_is_refused_with_its_line() {
    let (_, line, message) = refused(replace(r#"window = "period""#, r#"window = "periode""#));
    assert!(line.is_some(), "{message}");
    assert!(message.contains("periode"), "{message}");
}

#[test]
fn counting_new_values_needs_dates_and_a_window_with_a_start() {
    let (_, _, message) = refused(replace(
        r#"dataset = "visites", date = "date", column = "personne", counts = "new""#,
        r#"dataset = "visites", column = "personne", counts = "new""#,
    ));
    assert!(
        message.contains("D2") && message.contains("needs dated rows"),
        "{message}"
    );
    let (_, _, message) = refused(|t| {
        t.replacen(
            r#"label.fr = "Nouvelles personnes"
target = 4
"#,
            r#"label.fr = "Nouvelles personnes"
target = 4
window = { at_end = { unit = "personne" } }
"#,
            1,
        )
    });
    assert!(message.contains("a stock has no new values"), "{message}");
    let (_, _, message) = refused(replace(r#"counts = "new""#, r#"counts = "nouveau""#));
    assert!(message.contains("nouveau"), "{message}");
    // Only a distinct count says which values it counts.
    let (_, _, message) = refused(replace(
        r#"measure = { type = "count", dataset = "centres" }"#,
        r#"measure = { type = "count", dataset = "centres", counts = "new" }"#,
    ));
    assert!(message.contains("takes no `counts`"), "{message}");
}
