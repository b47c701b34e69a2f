//! Load-time checks of `stage` measures: a stage that is not on the scale, a
//! scale that is not an enum, a target that is not the target stage's rank,
//! keys that contradict each other. Each error names the file, the line of
//! the indicator and the indicator.

use std::path::{Path, PathBuf};

use cadre::{Lang, Programme};

/// The stage compute case's programme.
fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/compute/cases/stage/programme")
}

/// That programme with `indicators/etapes.toml` edited, loaded: the file's
/// path, the line and the English message of its error.
fn load_error(edit: impl FnOnce(String) -> String) -> (String, Option<usize>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml"] {
        std::fs::copy(source().join(f), dir.path().join(f)).unwrap();
    }
    let text = std::fs::read_to_string(source().join("indicators/etapes.toml")).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit must change the definitions");
    std::fs::write(dir.path().join("indicators/etapes.toml"), edited).unwrap();
    let (path, line, e) = crate::definition_error(Programme::load(dir.path()));
    (
        path.display().to_string(),
        line,
        e.message(Lang::En),
        e.message(Lang::Fr),
    )
}

/// The line of S1's `code` in `etapes.toml`.
const S1_LINE: Option<usize> = Some(3);

#[test]
fn the_stage_programme_loads() {
    Programme::load(source()).unwrap();
}

#[test]
fn a_misspelled_target_stage_is_refused_with_the_stages() {
    let (path, line, en, fr) = load_error(|t| {
        t.replacen(
            "target_stage = \"mis_en_oeuvre\"",
            "target_stage = \"mise_en_oeuvre\"",
            1,
        )
    });
    assert!(path.ends_with("etapes.toml"), "{path}");
    assert_eq!(line, S1_LINE);
    assert!(
        en.contains("indicator S1")
            && en.contains("`mise_en_oeuvre` is not a stage of `etape`")
            && en.contains("brouillon, adopte, mis_en_oeuvre"),
        "{en}"
    );
    assert!(fr.contains("n'est pas une étape de `etape`"), "{fr}");
}

#[test]
fn a_misspelled_stage_due_is_refused() {
    let (_, line, en, _) =
        load_error(|t| t.replacen("stage = \"adopte\" }", "stage = \"adopted\" }", 1));
    assert_eq!(line, S1_LINE);
    assert!(en.contains("`adopted` is not a stage of `etape`"), "{en}");
}

#[test]
fn a_stage_column_that_is_not_an_enum_is_refused() {
    let (_, _, en, _) = load_error(|t| {
        t.replacen(
            "column = \"etape\", target_stage = \"adopte\", per = \"commune\" }",
            "column = \"commune\", target_stage = \"adopte\", per = \"commune\" }",
            1,
        )
    });
    assert!(
        en.contains("indicator S2") && en.contains("`commune` is text"),
        "{en}"
    );
}

/// Left out, an overall stage's target is its target stage's rank.
#[test]
fn an_overall_stage_without_a_target_has_the_target_stages_rank() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml"] {
        std::fs::copy(source().join(f), dir.path().join(f)).unwrap();
    }
    let text = std::fs::read_to_string(source().join("indicators/etapes.toml")).unwrap();
    let edited = text.replacen(
        "target = 3\nmeasure = { type = \"stage\"",
        "measure = { type = \"stage\"",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(dir.path().join("indicators/etapes.toml"), edited).unwrap();
    let p = Programme::load(dir.path()).unwrap();
    assert_eq!(p.indicator("S1").unwrap().target, Some(3.0));
}

#[test]
fn an_overall_target_other_than_the_target_stage_rank_is_refused() {
    let (_, line, en, _) = load_error(|t| {
        t.replacen(
            "target = 3\nmeasure = { type = \"stage\"",
            "target = 100\nmeasure = { type = \"stage\"",
            1,
        )
    });
    assert_eq!(line, S1_LINE);
    assert!(
        en.contains("target stage `mis_en_oeuvre`") && en.contains("write `target = 3`"),
        "{en}"
    );
}

#[test]
fn numeric_milestones_on_an_overall_stage_are_refused() {
    let (_, line, en, _) = load_error(|t| {
        t.replacen(
            "target = 3\nmeasure = { type = \"stage\"",
            "target = 3\nmilestones = [{ date = 2024-06-30, value = 2 }]\nmeasure = { type = \"stage\"",
            1,
        )
    });
    assert_eq!(line, S1_LINE);
    assert!(en.contains("`stage_milestones`"), "{en}");
}

#[test]
fn a_scale_without_units_is_refused() {
    let (_, line, en, _) = load_error(|t| {
        t.replacen(
            "target_stage = \"oui\" }",
            "target_stage = \"oui\", scale = 100 }",
            1,
        )
    });
    assert!(line.is_some());
    assert!(en.contains("`scale` makes a share of units"), "{en}");
}

#[test]
fn stages_due_per_unit_are_refused() {
    let (_, line, en, _) = load_error(|t| {
        t.replacen(
            "per = \"commune\", scale = 100 }",
            "per = \"commune\", scale = 100, stage_milestones = [{ date = 2024-06-30, stage = \"adopte\" }] }",
            1,
        )
    });
    assert!(line.is_some());
    assert!(en.contains("per unit"), "{en}");
}

#[test]
fn a_stage_needs_a_date() {
    let (_, _, en, _) = load_error(|t| {
        t.replacen(
            "dataset = \"comite\", date = \"date\",",
            "dataset = \"comite\",",
            1,
        )
    });
    assert!(en.contains("a `stage` measure needs `date`"), "{en}");
}

#[test]
fn a_unit_column_that_does_not_exist_is_refused() {
    let (_, _, en, _) = load_error(|t| t.replacen("per = \"commune\" }", "per = \"comune\" }", 1));
    assert!(
        en.contains("indicator S2")
            && en.contains("`comune`")
            && en.contains("did you mean `commune`"),
        "{en}"
    );
}
