//! The words of breakdowns split on the numerator only and of weights: the
//! methods annex says them in each language, and `explain` shows each
//! category of a numerator split over the whole denominator.

use std::path::{Path, PathBuf};

use cadre::{Lang, Period, Programme};
use cadre_report::report::methodology::{Segment, formula};

fn case(name: &str) -> PathBuf {
    Path::new("../../tests/compute/cases").join(name)
}

fn joined(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn the_methods_annex_says_the_weight_and_the_numerator_split() {
    let p = Programme::load(case("weighted_share/programme")).unwrap_or_else(|e| panic!("{e}"));
    let w2 = p.indicator("W2").unwrap();
    let w1 = p.indicator("W1").unwrap();
    for (lang, weighted, numerator_only, restricts) in [
        (
            Lang::En,
            ", each row weighted by poids",
            "The breakdown by “Setting” splits the numerator only",
            "restricts the whole computation",
        ),
        (
            Lang::Fr,
            ", chaque ligne pondérée par poids",
            "La ventilation par «\u{202F}Milieu\u{202F}» ne porte que sur le numérateur",
            "restreint tout le calcul",
        ),
    ] {
        let share = joined(&formula(&p, w2, lang));
        assert!(share.contains(weighted), "{lang:?}: {share}");
        assert!(share.contains(numerator_only), "{lang:?}: {share}");
        // W2 also breaks down by region on both sides.
        assert!(share.contains(restricts), "{lang:?}: {share}");
        let mean = joined(&formula(&p, w1, lang));
        assert!(mean.contains(weighted), "{lang:?}: {mean}");
        assert!(!mean.contains(numerator_only), "{lang:?}: {mean}");
    }
}

#[test]
fn a_numerator_split_alone_does_not_say_the_breakdown_restricts() {
    let p = Programme::load(case("ratio_columns/programme")).unwrap_or_else(|e| panic!("{e}"));
    let t2 = joined(&formula(&p, p.indicator("T2").unwrap(), Lang::En));
    assert!(t2.contains("“Sex” splits the numerator only"), "{t2}");
    assert!(!t2.contains("restricts"), "{t2}");
}

#[test]
fn explain_shows_each_category_over_the_whole_denominator() {
    let dir = case("share_numerator");
    let p = Programme::load(dir.join("programme")).unwrap_or_else(|e| panic!("{e}"));
    let data = cadre::ingest(&p, dir.join("data")).unwrap_or_else(|e| panic!("{e}"));
    let period = Period::parse("2024-Q2", p.info.calendar(), p.info.end).unwrap();
    let e = cadre::Engine::new(&p, &data)
        .explain("S1", &period)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(e.numerator_only, ["handicap"]);
    let text = cadre_report::explain_text::render(&e, &period, Lang::En);
    assert!(
        text.contains(
            "Breakdown handicap (numerator only, each category over the whole denominator)"
        ),
        "{text}"
    );
    assert!(
        text.contains("visuel: period 0 / 4 × 100 = 0; cumulative 1 / 8 × 100 = 12.5"),
        "{text}"
    );
    // The district splits both sides: no such line.
    assert!(!text.contains("Breakdown district"), "{text}");
}
