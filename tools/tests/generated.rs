//! The committed example workbooks and generated fixtures are exactly what
//! the generators make today: each generator runs into a scratch folder and
//! its output is compared byte for byte with the committed file (the
//! generators are deterministic: fixed seed, no clock, fixed creation date).
//! When a generator changes on purpose, regenerate the files with the
//! commands in `examples/*/README.md` and `tests/fixtures/regenerate.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("generated-{}", std::process::id()))
        .join(name);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn run(exe: &str, args: &[&Path]) {
    let out = Command::new(exe)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{exe}: {e}"));
    assert!(
        out.status.success(),
        "{exe} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `generated` equals the committed file `committed` (relative to the repository).
fn assert_same(generated: &Path, committed: &str) {
    let want = std::fs::read(repo().join(committed)).unwrap_or_else(|e| panic!("{committed}: {e}"));
    let got = std::fs::read(generated).unwrap_or_else(|e| panic!("{}: {e}", generated.display()));
    if let (Ok(want), Ok(got)) = (std::str::from_utf8(&want), std::str::from_utf8(&got)) {
        pretty_assertions::assert_eq!(want, got, "{committed} differs from the generator's output");
    }
    assert!(
        want == got,
        "{committed} differs from what its generator makes ({} bytes committed, {} generated at {}); \
         regenerate it or fix the generator",
        want.len(),
        got.len(),
        generated.display()
    );
}

#[test]
fn the_terress_example_workbook_is_the_generators() {
    let out = scratch("terress").join("terress.xlsx");
    run(env!("CARGO_BIN_EXE_generate-terress"), &[&out]);
    assert_same(&out, "examples/terress/terress.xlsx");
}

#[test]
fn the_eau_example_workbook_is_the_generators() {
    let out = scratch("eau").join("eau.xlsx");
    run(env!("CARGO_BIN_EXE_generate-eau"), &[&out]);
    assert_same(&out, "examples/eau/eau.xlsx");
}

#[test]
fn the_petite_enfance_example_workbook_is_the_generators() {
    let out = scratch("petite-enfance").join("petite-enfance.xlsx");
    run(env!("CARGO_BIN_EXE_generate-petite-enfance"), &[&out]);
    assert_same(&out, "examples/petite-enfance/petite-enfance.xlsx");
}

#[test]
fn the_generated_fixtures_are_the_generators() {
    let root = scratch("fixtures");
    run(env!("CARGO_BIN_EXE_generate-fixtures"), &[&root]);
    for file in [
        "formats/small.xlsx",
        "formats/broken.xlsx",
        "corrupt/truncated.xlsx",
        "corrupt/not_a_workbook.xlsx",
        "corrupt/empty.xlsx",
        "kobo/data/kobo.xlsx",
        "kobo/data/kobo.ods",
        "kobo/data/kobo_csv/visites.csv",
        "kobo/data/kobo_csv/personnes.csv",
    ] {
        assert_same(&root.join(file), &format!("tests/fixtures/{file}"));
    }
    let csv = root.join("formats/small_csv");
    let mut names: Vec<_> = std::fs::read_dir(&csv)
        .expect("small_csv")
        .map(|e| e.expect("entry").file_name().into_string().expect("name"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no csv written");
    for name in names {
        assert_same(
            &csv.join(&name),
            &format!("tests/fixtures/formats/small_csv/{name}"),
        );
    }
}

/// Every file under `dir`, as paths relative to it (`/`-separated), sorted.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("below the root");
                let parts: Vec<_> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn the_terress_partners_folder_is_the_generators() {
    let out = scratch("terress-partners").join("data");
    let _ = std::fs::remove_dir_all(&out);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_generate-terress"));
    let status = cmd
        .arg("--partners")
        .arg(&out)
        .status()
        .expect("generate-terress");
    assert!(status.success(), "generate-terress --partners failed");
    let generated = files_under(&out);
    let committed = files_under(&repo().join("examples/terress-partners/data"));
    pretty_assertions::assert_eq!(
        committed,
        generated,
        "the files of examples/terress-partners/data are not those the generator writes"
    );
    assert!(
        generated.iter().any(|f| f.ends_with(".ods")),
        "{generated:?}"
    );
    for file in generated {
        assert_same(
            &out.join(&file),
            &format!("examples/terress-partners/data/{file}"),
        );
    }
}
