//! Robustness: every input ends in `Ok` or `Err`, never a panic, an abort,
//! a hang or a runaway allocation (issue 12).
//!
//! The campaign runs in a child process of this test binary, under the
//! capped global allocator of `main.rs`: an allocation past
//! `CADRE_ROBUSTNESS_MEMORY` (MiB, default 1024) fails and aborts the child
//! only, the case that did it left at the path it printed first, and the
//! other tests of the binary neither share the cap nor die with it.
//! Cases are deterministic mutations, from a seed, of every fixture format
//! (bit flips, truncation, zip entries rewritten with edited XML, BIFF cell
//! positions, csv edits and encodings), plus the files of `fuzz/corpus/` when
//! there is one. `CADRE_ROBUSTNESS_CASES` (default 3000) and
//! `CADRE_ROBUSTNESS_SEED` (default 12) choose the campaign; a case may take
//! `CADRE_ROBUSTNESS_SECONDS` (default 20).

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use cadre::Programme;

use crate::ALLOCATOR;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(p: &str) -> PathBuf {
    repo().join("tests/fixtures").join(p)
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A case: the bytes of a file, or the files of a csv folder.
enum Case {
    File(Vec<u8>),
    Folder(Vec<(String, Vec<u8>)>),
}

const BIG: &[&str] = &[
    "0",
    "65535",
    "65536",
    "1048576",
    "1048577",
    "16384",
    "4294967295",
    "99999999999999999999",
    "-1",
];

fn flip_bits(rng: &mut Rng, b: &mut [u8]) {
    if b.is_empty() {
        return;
    }
    for _ in 0..1 + rng.below(8) {
        let i = rng.below(b.len());
        match rng.below(3) {
            0 => b[i] ^= 1 << rng.below(8),
            1 => b[i] = rng.next() as u8,
            _ => b[i] = 0xFF,
        }
    }
}

/// Sets the row and column of BIFF cell records (found by their id) to
/// large values: what a few flipped bytes do to an xls.
fn biff_positions(rng: &mut Rng, b: &mut [u8]) {
    let ids: [[u8; 2]; 6] = [
        [0x03, 0x02],
        [0xFD, 0x00],
        [0x7E, 0x02],
        [0xBD, 0x00],
        [0x00, 0x02],
        [0x01, 0x02],
    ];
    let hits: Vec<usize> = (0..b.len().saturating_sub(8))
        .filter(|&i| ids.contains(&[b[i], b[i + 1]]))
        .collect();
    for _ in 0..1 + rng.below(3) {
        if hits.is_empty() {
            return;
        }
        let i = *rng.pick(&hits) + 4 + 2 * rng.below(4);
        let v = (rng.next() as u16 | 0x8000).to_le_bytes();
        b[i] = v[0];
        b[i + 1] = v[1];
    }
}

fn edit_xml(rng: &mut Rng, xml: &mut Vec<u8>) {
    let text = String::from_utf8_lossy(xml).into_owned();
    let out = match rng.below(6) {
        // A number somewhere becomes a large one.
        0 | 1 => {
            let digits: Vec<usize> = text
                .char_indices()
                .filter(|(i, c)| {
                    c.is_ascii_digit() && !text[..*i].ends_with(|p: char| p.is_ascii_digit())
                })
                .map(|(i, _)| i)
                .collect();
            if digits.is_empty() {
                return;
            }
            let at = *rng.pick(&digits);
            let end = text[at..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(text.len(), |e| at + e);
            format!("{}{}{}", &text[..at], rng.pick(BIG), &text[end..])
        }
        // Far cell references, dimensions, repeats.
        2 => {
            let swaps: &[(&str, &str)] = &[
                ("<c r=\"", "<c r=\"XFD1048576\" x=\""),
                ("<row r=\"", "<row r=\"1048576\" x=\""),
                ("<dimension ref=\"", "<dimension ref=\"A1:XFD1048576\" x=\""),
                (
                    "<table:table-cell",
                    "<table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"",
                ),
                (
                    "<table:table-row",
                    "<table:table-row table:number-rows-repeated=\"1048576\"",
                ),
                ("<si>", "<si><t>xxxxxxxx</t></si><si>"),
            ];
            let (from, to) = rng.pick(swaps);
            let n = text.matches(from).count();
            if n == 0 {
                return;
            }
            let keep = rng.below(n);
            let mut seen = 0;
            let mut out = String::new();
            let mut rest = text.as_str();
            while let Some(i) = rest.find(from) {
                out.push_str(&rest[..i]);
                // Every occurrence, or only one.
                out.push_str(if keep == 0 || seen == keep { to } else { from });
                seen += 1;
                rest = &rest[i + from.len()..];
            }
            out.push_str(rest);
            out
        }
        // Truncated XML.
        3 => text[..text.floor_char_boundary(rng.below(text.len() + 1))].to_owned(),
        // A span deleted or repeated.
        4 => {
            let a = text.floor_char_boundary(rng.below(text.len() + 1));
            let b = text.floor_char_boundary(a + rng.below(200));
            if rng.below(2) == 0 {
                format!("{}{}", &text[..a], &text[b..])
            } else {
                format!("{}{}{}", &text[..b], text[a..b].repeat(50), &text[b..])
            }
        }
        _ => {
            let mut b = std::mem::take(xml);
            flip_bits(rng, &mut b);
            *xml = b;
            return;
        }
    };
    *xml = out.into_bytes();
}

/// Rewrites a zip with one entry's XML edited (entries stored, in order).
fn edit_zip(rng: &mut Rng, bytes: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).ok()?;
        let mut data = Vec::new();
        e.read_to_end(&mut data).ok()?;
        entries.push((e.name().ok()?.into_owned(), data));
    }
    let xml: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].0.ends_with(".xml"))
        .collect();
    // Sheets, shared strings, styles and ods content most of the time.
    let key: Vec<usize> = xml
        .iter()
        .copied()
        .filter(|&i| {
            let n = &entries[i].0;
            n.contains("worksheets/")
                || n.contains("shared")
                || n.contains("styles")
                || n == "content.xml"
        })
        .collect();
    let target = if !key.is_empty() && rng.below(4) > 0 {
        *rng.pick(&key)
    } else {
        *rng.pick(&xml)
    };
    edit_xml(rng, &mut entries[target].1);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        out.start_file(name, options).ok()?;
        out.write_all(&data).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

fn edit_csv(rng: &mut Rng, csv: &[u8]) -> Vec<u8> {
    let mut b = csv.to_vec();
    match rng.below(7) {
        0 => {
            let i = rng.below(b.len() + 1);
            b.insert(i, b'"');
        }
        1 => {
            let i = rng.below(b.len() + 1);
            let sep = *rng.pick(b",;\t\n\r");
            for _ in 0..1 + rng.below(3) {
                b.insert(i, sep);
            }
        }
        2 => {
            let i = rng.below(b.len() + 1);
            b.splice(i..i, [0xFF, 0xFE, 0xC3, 0x28, 0x80]);
        }
        3 => {
            // UTF-16 with its byte order mark.
            let text = String::from_utf8_lossy(&b).into_owned();
            b = vec![0xFF, 0xFE];
            b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        }
        4 => {
            // A line wider than a sheet.
            let i = rng.below(b.len() + 1);
            b.splice(i..i, std::iter::repeat_n(b';', 20_000));
        }
        5 => b.truncate(rng.below(b.len() + 1)),
        _ => flip_bits(rng, &mut b),
    }
    b
}

fn mutate(rng: &mut Rng, name: &str, base: &Case) -> Case {
    match base {
        Case::Folder(files) => {
            let mut files = files.clone();
            for _ in 0..1 + rng.below(2) {
                let i = rng.below(files.len());
                files[i].1 = edit_csv(rng, &files[i].1);
            }
            Case::Folder(files)
        }
        Case::File(bytes) => {
            let zip = bytes.starts_with(b"PK");
            let mut b = bytes.clone();
            match rng.below(if zip { 4 } else { 3 }) {
                0 => flip_bits(rng, &mut b),
                1 => b.truncate(rng.below(b.len() + 1)),
                2 if name.ends_with(".xls") => biff_positions(rng, &mut b),
                2 => flip_bits(rng, &mut b),
                _ => {
                    if let Some(z) = edit_zip(rng, &b) {
                        b = z;
                    }
                    if rng.below(8) == 0 {
                        flip_bits(rng, &mut b);
                    }
                }
            }
            Case::File(b)
        }
    }
}

fn bases() -> Vec<(String, Case)> {
    let mut out = Vec::new();
    for f in ["small.xlsx", "small.xls", "small.ods", "broken.xlsx"] {
        let bytes = std::fs::read(fixture(&format!("formats/{f}"))).unwrap();
        out.push((f.to_owned(), Case::File(bytes)));
    }
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixture("formats/small_csv"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    out.push(("small_csv".to_owned(), Case::Folder(files)));
    out
}

/// Writes a case at `dir/current…` (left there if the binary aborts).
fn write_case(dir: &Path, case: &Case) -> PathBuf {
    let _ = std::fs::remove_dir_all(dir.join("current_csv"));
    match case {
        Case::File(b) => {
            let p = dir.join("current.xlsx");
            std::fs::write(&p, b).unwrap();
            p
        }
        Case::Folder(files) => {
            let p = dir.join("current_csv");
            std::fs::create_dir_all(&p).unwrap();
            for (n, b) in files {
                std::fs::write(p.join(n), b).unwrap();
            }
            p
        }
    }
}

/// Ingests `path` on a thread within the time limit: `Ok` or `Err`, else
/// the test fails naming the case.
fn run_case(programme: &Programme, path: &Path, what: &str, limit: Duration) {
    let (tx, rx) = mpsc::channel();
    let programme = programme.clone();
    let p = path.to_path_buf();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            cadre::ingest(&programme, &p)
                .map(|_| ())
                .map_err(|e| e.to_string())
        }));
        let _ = tx.send(outcome.is_ok());
    });
    match rx.recv_timeout(limit) {
        Ok(true) => {}
        Ok(false) => panic!(
            "{what}: ingestion panicked (the case is at {})",
            path.display()
        ),
        Err(_) => panic!(
            "{what}: ingestion took more than {limit:?} (the case is at {})",
            path.display()
        ),
    }
}

fn programme() -> Programme {
    Programme::load(repo().join("indicators/terress")).unwrap_or_else(|e| panic!("{e}"))
}

/// The campaign's test, as libtest names it in this binary.
const CAMPAIGN: &str = "robustness::campaign_under_a_memory_cap";

#[test]
fn every_mutated_input_is_ok_or_an_error_within_memory_and_time() {
    // The child's stderr goes straight to ours: the case a crash leaves
    // behind is named there before the child dies.
    let child = Command::new(std::env::current_exe().unwrap())
        .args([CAMPAIGN, "--exact", "--ignored", "--test-threads=1"])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .expect("the test binary runs the campaign in a child process");
    let stdout = String::from_utf8_lossy(&child.stdout);
    assert!(
        child.status.success() && stdout.contains("1 passed"),
        "the robustness campaign failed ({}):\n{stdout}",
        child.status
    );
}

/// The campaign itself, run by the test above in a child process (alone
/// there, so the allocation cap counts its allocations only).
#[test]
#[ignore = "run in a child process by every_mutated_input_is_ok_or_an_error_within_memory_and_time"]
fn campaign_under_a_memory_cap() {
    let cases = env("CADRE_ROBUSTNESS_CASES", 3000);
    let seed = env("CADRE_ROBUSTNESS_SEED", 12);
    let seconds = env("CADRE_ROBUSTNESS_SECONDS", 20);
    let cap_mib = env("CADRE_ROBUSTNESS_MEMORY", 1024) as usize;
    let limit = Duration::from_secs(seconds);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("robustness-{seed}"));
    std::fs::create_dir_all(&dir).unwrap();
    ALLOCATOR
        .set_limit(ALLOCATOR.allocated() + (cap_mib << 20))
        .unwrap();
    // Straight to the terminal (not captured): where to look after an abort.
    let _ = writeln!(
        std::io::stderr(),
        "robustness: {cases} cases, seed {seed}, {cap_mib} MiB, {seconds} s a case; \
         a case that aborts the campaign is left in {}",
        dir.display()
    );
    let programme = programme();
    let bases = bases();
    let started = Instant::now();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut n = 0u64;
    // The fuzz corpus first, when there is one.
    let corpus = repo().join("fuzz/corpus");
    if let Ok(targets) = std::fs::read_dir(&corpus) {
        for target in targets.flatten() {
            for file in std::fs::read_dir(target.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let bytes = std::fs::read(file.path()).unwrap_or_default();
                let path = write_case(&dir, &Case::File(bytes));
                run_case(&programme, &path, &file.path().display().to_string(), limit);
                n += 1;
            }
        }
    }
    for i in 0..cases {
        let (name, base) = &bases[(i as usize) % bases.len()];
        let case = mutate(&mut rng, name, base);
        let what = format!("case {i} (seed {seed}, from {name})");
        std::fs::write(dir.join("current.txt"), &what).unwrap();
        let path = write_case(&dir, &case);
        run_case(&programme, &path, &what, limit);
        n += 1;
    }
    let _ = writeln!(
        std::io::stderr(),
        "robustness: {n} cases in {:.1} s, peak {} MiB allocated",
        started.elapsed().as_secs_f64(),
        ALLOCATOR.max_allocated() >> 20
    );
}

/// The files that once crashed cadre: each is now an error.
#[test]
fn past_crashes_are_errors() {
    let programme = programme();
    let dir = fixture("corrupt");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("crash_") {
            continue;
        }
        run_case(&programme, &path, &name, Duration::from_secs(60));
        assert!(
            cadre::ingest(&programme, &path).is_err(),
            "{name} should be refused"
        );
    }
}
