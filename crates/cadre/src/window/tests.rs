//! How a `window` is read from the definitions.

use super::*;

#[derive(Debug, Deserialize)]
struct Holder {
    #[serde(default)]
    window: WindowDef,
}

fn read(toml_text: &str) -> Result<WindowDef, String> {
    toml::from_str::<Holder>(toml_text)
        .map(|h| h.window)
        .map_err(|e| e.to_string())
}

#[test]
fn each_window_reads_from_its_documented_form() {
    assert_eq!(read("").unwrap(), WindowDef::SinceStart);
    assert_eq!(
        read(r#"window = "since_start""#).unwrap(),
        WindowDef::SinceStart
    );
    assert_eq!(read(r#"window = "period""#).unwrap(), WindowDef::Period);
    assert_eq!(
        read(r#"window = { at_end = { from = "opened", to = "closed" } }"#).unwrap(),
        WindowDef::AtEnd(AtEnd::Valid {
            from: "opened".into(),
            to: Some("closed".into())
        })
    );
    assert_eq!(
        read(r#"window = { at_end = { from = "opened" } }"#).unwrap(),
        WindowDef::AtEnd(AtEnd::Valid {
            from: "opened".into(),
            to: None
        })
    );
    assert_eq!(
        read(r#"window = { at_end = { unit = "centre" } }"#).unwrap(),
        WindowDef::AtEnd(AtEnd::LatestPerUnit {
            unit: "centre".into()
        })
    );
    assert_eq!(
        read(r#"window = { latest_round = "round" }"#).unwrap(),
        WindowDef::LatestRound("round".into())
    );
}

#[test]
fn a_misspelled_or_contradictory_window_is_refused() {
    let e = read(r#"window = "periode""#).unwrap_err();
    assert!(e.contains("periode") && e.contains("period"), "{e}");
    let e = read(r#"window = { at_end = { from = "a", unit = "b" } }"#).unwrap_err();
    assert!(e.contains("either `from`"), "{e}");
    let e = read(r#"window = { at_end = { to = "closed" } }"#).unwrap_err();
    assert!(e.contains("either `from`"), "{e}");
    let e = read(r#"window = { at_end = { form = "opened" } }"#).unwrap_err();
    assert!(e.contains("form"), "{e}");
}

#[test]
fn the_default_window_serializes_to_nothing_and_others_as_written() {
    #[derive(Serialize)]
    struct Out {
        #[serde(skip_serializing_if = "WindowDef::is_since_start")]
        window: WindowDef,
    }
    let write = |window| toml::to_string(&Out { window }).unwrap();
    assert_eq!(write(WindowDef::SinceStart), "");
    let at_end = write(WindowDef::AtEnd(AtEnd::Valid {
        from: "opened".into(),
        to: None,
    }));
    assert_eq!(
        read(&at_end).unwrap(),
        WindowDef::AtEnd(AtEnd::Valid {
            from: "opened".into(),
            to: None,
        })
    );
}
