//! Definitions are input too (issue 12, item 4): malformed or hostile
//! programme folders end in a clear error naming the file (and the line
//! where the TOML parser gives one), never a panic, a hang or a stack
//! overflow.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cadre::{Error, Lang, Programme};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const FILES: [&str; 3] = ["programme.toml", "datasets.toml", "indicators/mini.toml"];

/// A copy of the mini programme with `file` edited, loaded; the folder is
/// kept alive with the result.
fn load_with(file: &str, edit: impl FnOnce(String) -> String) -> Result<Programme, Error> {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/compute/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    let mut edit = Some(edit);
    for f in FILES {
        let text = std::fs::read_to_string(src.join(f)).unwrap();
        let text = match edit.take_if(|_| f == file) {
            Some(edit) => edit(text),
            None => text,
        };
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    Programme::load(dir.path())
}

/// Replaces `from` (which must be there) with `to`.
fn replace(from: &'static str, to: &'static str) -> impl FnOnce(String) -> String {
    move |t: String| {
        assert!(t.contains(from), "`{from}` is not in the file");
        t.replacen(from, to, 1)
    }
}

/// The definition error of an edited copy: its file, line and English text,
/// which must name the file.
fn refused(file: &str, edit: impl FnOnce(String) -> String) -> (PathBuf, Option<usize>, String) {
    let (path, line, e) = crate::definition_error(load_with(file, edit));
    let en = e.message(Lang::En);
    let fr = e.message(Lang::Fr);
    let name = Path::new(file).file_name().unwrap().to_str().unwrap();
    assert!(path.ends_with(file), "{} for {file}", path.display());
    assert!(en.contains(name), "the message names {name}: {en}");
    assert!(fr.contains(name), "the French message names {name}: {fr}");
    (path, line, en)
}

#[test]
fn unknown_keys_name_file_and_line_in_each_file() {
    let (_, line, en) = refused(
        "programme.toml",
        replace("code = \"mini\"", "code = \"mini\"\nsponsor = \"x\""),
    );
    assert_eq!(line, Some(6), "{en}");
    assert!(en.contains("sponsor"), "{en}");

    let (_, line, en) = refused(
        "indicators/mini.toml",
        replace("target = 5\n", "target = 5\ntarjet = 6\n"),
    );
    assert_eq!(line, Some(11), "{en}");
    assert!(en.contains("tarjet"), "{en}");

    let (_, line, en) = refused(
        "datasets.toml",
        replace("key = \"code\"", "key = \"code\"\n[dataset.extra]\nx = 1"),
    );
    assert!(line.is_some(), "{en}");
    assert!(en.contains("extra"), "{en}");
}

#[test]
fn a_cycle_in_the_results_chain_is_refused() {
    let (_, _, en) = refused(
        "programme.toml",
        replace(
            "level = \"outcome\"\n",
            "level = \"outcome\"\nparent = \"P\"\n",
        ),
    );
    assert!(
        en.contains("`R` → `P` → `R`") || en.contains("`P` → `R` → `P`"),
        "{en}"
    );
    assert!(en.contains("loop"), "{en}");

    // A result that is its own parent.
    let (_, _, en) = refused(
        "programme.toml",
        replace(
            "level = \"outcome\"\n",
            "level = \"outcome\"\nparent = \"R\"\n",
        ),
    );
    assert!(en.contains("`R` → `R`"), "{en}");
}

#[test]
fn a_filter_that_is_not_a_condition_is_refused() {
    for filter in ["score", "1", "'atelier'"] {
        let (_, line, en) = refused("indicators/mini.toml", move |t| {
            t.replacen(
                "filter = \"session.type = 'visite'\"",
                &format!("filter = \"{filter}\""),
                1,
            )
        });
        assert!(line.is_some(), "{en}");
        assert!(
            en.contains("indicator N4") && en.contains(&format!("filter `{filter}`")),
            "{en}"
        );
        assert!(en.contains("not a condition"), "{filter}: {en}");
    }
}

#[test]
fn a_filter_of_several_statements_is_refused() {
    for filter in [
        "type = 'atelier'; DROP TABLE x",
        "type = 'atelier'; SELECT 1",
        "SELECT * FROM sessions",
        "type = 'atelier' UNION SELECT 1",
        "",
    ] {
        let (_, line, en) = refused("indicators/mini.toml", move |t| {
            t.replacen(
                "filter = \"type = 'atelier'\" }",
                &format!("filter = \"{filter}\" }}"),
                1,
            )
        });
        assert_eq!(line, Some(5), "{filter}: {en}");
        assert!(en.contains("indicator N1"), "{filter}: {en}");
    }
}

#[test]
fn huge_numbers_are_refused() {
    for (from, to) in [
        ("target = 5\n", "target = 1e400\n"),
        ("target = 5\n", "target = -1e400\n"),
        ("target = 5\n", "target = inf\n"),
        ("target = 5\n", "target = nan\n"),
        ("target = 5\n", "target = 1e308\n"),
        ("target = 5\n", "target = 5\nbaseline = 1e300\n"),
        ("value = 2 }", "value = 1e308 }"),
        ("value = 2 }", "value = -inf }"),
        ("target = 5\n", "target = 99999999999999999999999999999\n"),
    ] {
        let (_, line, en) = refused("indicators/mini.toml", replace(from, to));
        assert!(line.is_some(), "{to}: {en}");
        assert!(en.contains("mini.toml:"), "{to}: {en}");
    }
    // A large but exact target still loads.
    load_with(
        "indicators/mini.toml",
        replace("target = 5\n", "target = 1000000000000\n"),
    )
    .unwrap();
}

#[test]
fn a_date_or_a_code_out_of_bounds_is_refused() {
    refused(
        "programme.toml",
        replace("start = 2024-01-01", "start = 2024-13-01"),
    );
    refused(
        "programme.toml",
        replace("end = 2024-12-31", "end = 1999-12-31"),
    );
    let long = Box::leak(format!("code = \"{}\"", "N".repeat(100_000)).into_boxed_str());
    // A very long code loads or is refused, but quickly.
    let start = Instant::now();
    let _ = load_with("indicators/mini.toml", replace("code = \"N1\"", long));
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = Box::leak(
        format!(
            "label.en = \"x\"\nnote = {}1{}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        )
        .into_boxed_str(),
    );
    refused(
        "indicators/mini.toml",
        replace("label.fr = \"Ateliers tenus\"\n", deep),
    );
    let deep_table = Box::leak(
        format!(
            "label.en = \"x\"\nnote = {}1{}\n",
            "{a=".repeat(50_000),
            "}".repeat(50_000)
        )
        .into_boxed_str(),
    );
    refused(
        "indicators/mini.toml",
        replace("label.fr = \"Ateliers tenus\"\n", deep_table),
    );
}

#[test]
fn ten_thousand_indicators_load_or_fail_clearly_within_seconds() {
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(&format!(
            "[[indicator]]\ncode = \"G{i}\"\nresult = \"P\"\nlevel = \"output\"\nkind = \"total\"\n\
             label.fr = \"Généré {i}\"\ntarget = {i}\n\
             measure = {{ type = \"count\", dataset = \"sessions\", date = \"date\", filter = \"type = 'atelier'\" }}\n\n"
        ));
    }
    let start = Instant::now();
    let result = load_with("indicators/mini.toml", move |_| text);
    let elapsed = start.elapsed();
    let e = result.expect_err("10,000 indicators are more than a programme may define");
    let en = e.message(Lang::En);
    assert!(en.contains("mini.toml:"), "{en}");
    assert!(en.contains("at most 1000"), "{en}");
    // Generous for a debug build on a loaded machine.
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");
}

#[test]
fn binary_and_empty_files_are_refused_with_their_name() {
    for file in FILES {
        let (_, line, en) = refused(file, |_| {
            String::from_utf8_lossy(b"\xff\xfe\x00[[").into_owned()
        });
        assert_eq!(line, Some(1), "{en}");
        // An empty file may be refused for itself or for what the others then lack.
        let e = load_with(file, |_| String::new()).expect_err(file);
        assert!(
            e.message(Lang::En).contains(".toml") || e.message(Lang::En).contains("indicators")
        );
    }
}
