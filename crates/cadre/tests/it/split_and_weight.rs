//! Load-time checks of breakdowns split on the numerator only, of a
//! denominator's own category column, and of weights: a definition that
//! makes no sense is refused with its file and the indicator's line.

use std::path::{Path, PathBuf};

use cadre::Programme;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The computation tests' mini programme with one edit to its indicators
/// and one to its datasets: the error it gives (file, line, English text).
fn refused(
    indicators: impl FnOnce(String) -> String,
    datasets: impl FnOnce(String) -> String,
) -> (String, Option<usize>, String) {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/compute/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    let read = |f: &str| std::fs::read_to_string(src.join(f)).unwrap();
    std::fs::write(dir.path().join("programme.toml"), read("programme.toml")).unwrap();
    std::fs::write(
        dir.path().join("datasets.toml"),
        datasets(read("datasets.toml")),
    )
    .unwrap();
    let ind = indicators(read("indicators/mini.toml"));
    std::fs::write(dir.path().join("indicators/mini.toml"), ind).unwrap();
    let (path, line, e) = crate::definition_error(Programme::load(dir.path()));
    (path.display().to_string(), line, e.message(cadre::Lang::En))
}

fn same(t: String) -> String {
    t
}

/// The line of `code = "<code>"` in the mini programme's indicators.
fn line_of(code: &str) -> Option<usize> {
    let text = std::fs::read_to_string(repo().join("tests/compute/programme/indicators/mini.toml"))
        .unwrap();
    text.lines()
        .position(|l| l == format!("code = \"{code}\""))
        .map(|i| i + 1)
}

#[test]
fn a_numerator_split_needs_a_numerator() {
    let (path, line, message) = refused(
        |t| {
            t.replacen(
                "{ by = \"genre\" }",
                "{ by = \"genre\", split = \"numerator\" }",
                1,
            )
        },
        same,
    );
    assert!(path.ends_with("mini.toml"), "{path}");
    assert_eq!(line, line_of("N3"));
    assert!(
        message.contains("indicator N3")
            && message.contains("breakdown `genre`")
            && message.contains("has no numerator"),
        "{message}"
    );
}

#[test]
fn a_misspelled_split_is_refused_with_its_line() {
    let (path, line, message) = refused(
        |t| {
            t.replacen(
                "{ by = \"poste\" }",
                "{ by = \"poste\", split = \"numerateur\" }",
                1,
            )
        },
        same,
    );
    assert!(path.ends_with("mini.toml"), "{path}");
    assert!(line.is_some());
    assert!(message.contains("numerateur"), "{message}");
}

#[test]
fn a_denominator_column_is_for_a_ratio() {
    let (_, line, message) = refused(
        |t| {
            t.replacen(
                "{ by = \"genre\" }",
                "{ by = \"genre\", denominator_column = \"genre\" }",
                1,
            )
        },
        same,
    );
    assert_eq!(line, line_of("N3"));
    assert!(
        message.contains("breakdown `genre` gives `denominator_column`"),
        "{message}"
    );
}

#[test]
fn a_denominator_column_contradicts_a_numerator_split() {
    let (_, line, message) = refused(
        |t| {
            t.replacen(
                "{ by = \"poste\" }",
                "{ by = \"poste\", split = \"numerator\", denominator_column = \"poste\" }",
                1,
            )
        },
        same,
    );
    assert_eq!(line, line_of("N6"));
    assert!(
        message.contains("splits the numerator only") && message.contains("denominator_column"),
        "{message}"
    );
}

#[test]
fn a_misspelled_denominator_column_is_refused_on_its_side() {
    let (_, line, message) = refused(
        |t| {
            t.replacen(
                "{ by = \"poste\" }",
                "{ by = \"poste\", denominator_column = \"postes\" }",
                1,
            )
        },
        same,
    );
    assert_eq!(line, line_of("N6"));
    assert!(
        message.contains("breakdown `poste`, in the denominator")
            && message.contains("`postes` is not a column of `budget`")
            && message.contains("did you mean `poste`"),
        "{message}"
    );
}

/// The budget with its `poste` column renamed `ligne`.
fn budget_without_poste(t: String) -> String {
    let budget = t.find("name = \"budget\"").unwrap();
    let poste = budget + t[budget..].find("name = \"poste\"").unwrap();
    format!(
        "{}name = \"ligne\"{}",
        &t[..poste],
        &t[poste + "name = \"poste\"".len()..]
    )
}

#[test]
fn a_numerator_split_does_not_read_the_denominator() {
    // Split on the numerator only, the budget is taken whole: it needs no
    // `poste` column, and the definitions load.
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/compute/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    let read = |f: &str| std::fs::read_to_string(src.join(f)).unwrap();
    std::fs::write(dir.path().join("programme.toml"), read("programme.toml")).unwrap();
    let datasets = budget_without_poste(read("datasets.toml"));
    std::fs::write(dir.path().join("datasets.toml"), datasets).unwrap();
    let split = |t: String| {
        t.replacen(
            "{ by = \"poste\" }",
            "{ by = \"poste\", split = \"numerator\" }",
            1,
        )
    };
    let ind = split(read("indicators/mini.toml"));
    std::fs::write(dir.path().join("indicators/mini.toml"), ind).unwrap();
    Programme::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    // Split on both sides, the budget's `poste` is read: without it, refused.
    let (_, line, message) = refused(same, budget_without_poste);
    assert_eq!(line, line_of("N6"));
    assert!(
        message
            .contains("breakdown `poste`, in the denominator: `poste` is not a column of `budget`")
            && message.contains("`denominator_column`")
            && message.contains("split = \"numerator\""),
        "{message}"
    );
}

/// N4 (a mean of `score`) weighted by `column`.
fn weighted_n4(column: &str) -> impl FnOnce(String) -> String {
    let with = format!("column = \"score\", weight = \"{column}\" }}");
    move |t: String| t.replacen("column = \"score\" }", &with, 1)
}

#[test]
fn a_weight_only_weighs_a_mean_or_a_share() {
    let (_, line, message) = refused(
        |t| {
            t.replacen(
                "type = \"sum\", dataset = \"depenses\", date = \"date\", column = \"montant\"",
                "type = \"sum\", dataset = \"depenses\", date = \"date\", column = \"montant\", weight = \"montant\"",
                1,
            )
        },
        same,
    );
    assert!(line.is_some());
    assert!(
        message.contains("a `sum` measure takes no `weight`"),
        "{message}"
    );
}

#[test]
fn a_weight_must_be_a_number() {
    let (_, line, message) = refused(weighted_n4("genre"), same);
    assert_eq!(line, line_of("N4"));
    assert!(
        message.contains("`genre` of `presences` is enum, not a number"),
        "{message}"
    );
}

#[test]
fn a_weight_that_may_be_empty_is_refused() {
    // `score` is optional: an empty weight would pass ingestion unseen.
    let (path, line, message) = refused(weighted_n4("score"), same);
    assert!(path.ends_with("mini.toml"), "{path}");
    assert_eq!(line, line_of("N4"));
    assert!(
        message.contains("weight `score`") && message.contains("min = 0"),
        "{message}"
    );
}

#[test]
fn a_weight_that_may_be_negative_is_refused() {
    // Required, but with a negative minimum.
    let (_, line, message) = refused(weighted_n4("score"), |t| {
        t.replacen(
            "name = \"score\"\ntype = \"integer\"\nrequired = false\nmin = 1",
            "name = \"score\"\ntype = \"integer\"\nmin = -1",
            1,
        )
    });
    assert_eq!(line, line_of("N4"));
    assert!(message.contains("weight `score`"), "{message}");
}

#[test]
fn a_required_weight_of_at_least_zero_loads() {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/compute/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    let read = |f: &str| std::fs::read_to_string(src.join(f)).unwrap();
    std::fs::write(dir.path().join("programme.toml"), read("programme.toml")).unwrap();
    let datasets = read("datasets.toml").replacen(
        "name = \"score\"\ntype = \"integer\"\nrequired = false\nmin = 1",
        "name = \"score\"\ntype = \"integer\"\nmin = 1",
        1,
    );
    std::fs::write(dir.path().join("datasets.toml"), datasets).unwrap();
    let ind = weighted_n4("score")(read("indicators/mini.toml"));
    std::fs::write(dir.path().join("indicators/mini.toml"), ind).unwrap();
    let p = Programme::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    match &p.indicator("N4").unwrap().measure {
        cadre::indicator::Measure::Mean(m) => assert_eq!(m.weight.as_deref(), Some("score")),
        other => panic!("{other:?}"),
    }
}
