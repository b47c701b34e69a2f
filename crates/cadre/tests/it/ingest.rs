//! Ingestion against committed fixtures: every file format, every rule,
//! every error. Fixtures are described in `tests/fixtures/README.md`.

use std::path::{Path, PathBuf};

use cadre::ingest::Rule;
use cadre::{Error, Programme};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn terress() -> Programme {
    Programme::load(repo().join("indicators/terress")).unwrap_or_else(|e| panic!("{e}"))
}

fn fixture(p: &str) -> PathBuf {
    repo().join("tests/fixtures").join(p)
}

fn assert_accounted(data: &cadre::Data) {
    for s in &data.report.sheets {
        assert_eq!(
            s.read,
            s.accepted + s.rejected + s.skipped_empty,
            "sheet {} does not add up: {s:?}",
            s.sheet
        );
        assert_eq!(
            data.dataset(&s.dataset).unwrap().frame.height(),
            s.accepted,
            "frame of {}",
            s.dataset
        );
    }
    let rejected_rows: std::collections::BTreeSet<(String, u32)> = data
        .report
        .problems
        .iter()
        .map(|p| (p.dataset.clone(), p.row))
        .collect();
    assert_eq!(
        rejected_rows.len(),
        data.report.rejected(),
        "each rejected row has its problems"
    );
}

#[test]
fn every_format_reads_the_same_rows() {
    let p = terress();
    let reference = cadre::ingest(&p, fixture("formats/small.xlsx")).unwrap();
    assert!(
        reference.report.is_clean(),
        "{:#?}",
        reference.report.problems
    );
    assert_accounted(&reference);
    for other in [
        "formats/small.xls",
        "formats/small.ods",
        "formats/small_csv",
    ] {
        let data = cadre::ingest(&p, fixture(other)).unwrap_or_else(|e| panic!("{other}: {e}"));
        assert!(
            data.report.is_clean(),
            "{other}: {:#?}",
            data.report.problems
        );
        assert_accounted(&data);
        for (name, ds) in &reference.datasets {
            let got = &data.dataset(name).unwrap().frame;
            assert!(
                ds.frame.equals_missing(got),
                "{other}, dataset {name} differs from the xlsx:\nxlsx {}\n{other} {}",
                ds.frame,
                got
            );
        }
    }
}

/// The bytes decide the format, not the name: an ods or an xls saved with an
/// `.xlsx` name, and an xlsx named `.ods`, read the same rows as the
/// correctly named files.
#[test]
fn a_workbook_is_read_by_its_bytes_not_its_name() {
    let p = terress();
    for (misnamed, named) in [
        ("formats/ods_named.xlsx", "formats/small.ods"),
        ("formats/xls_named.xlsx", "formats/small.xls"),
        ("formats/xlsx_named.ods", "formats/small.xlsx"),
    ] {
        let want = cadre::ingest(&p, fixture(named)).unwrap_or_else(|e| panic!("{named}: {e}"));
        let got =
            cadre::ingest(&p, fixture(misnamed)).unwrap_or_else(|e| panic!("{misnamed}: {e}"));
        assert!(
            got.report.is_clean(),
            "{misnamed}: {:#?}",
            got.report.problems
        );
        assert_accounted(&got);
        // The small workbooks hold every dataset but the optional one.
        assert_eq!(want.report.absent, got.report.absent, "{misnamed}");
        for (name, ds) in &want.datasets {
            let frame = &got.dataset(name).unwrap().frame;
            let absent = want.report.absent.contains(name);
            assert!(
                (ds.frame.height() > 0 || absent) && ds.frame.equals_missing(frame),
                "{misnamed}, dataset {name} differs from {named}:\n{}\n{}",
                ds.frame,
                frame
            );
        }
    }
}

/// A zip with a `content.xml` is an OpenDocument file; its `mimetype` says
/// whether it is a spreadsheet.
#[test]
fn an_opendocument_text_is_not_a_workbook() {
    use std::io::Write as _;
    let path = std::env::temp_dir().join(format!("cadre-odt-{}.ods", std::process::id()));
    {
        let file = std::fs::File::create(&path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.text")
            .unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(b"<office:document-content/>").unwrap();
        zip.finish().unwrap();
    }
    let err = cadre::ingest(&terress(), &path).expect_err("a text document");
    let _ = std::fs::remove_file(&path);
    let message = err.to_string();
    assert!(
        message.contains("not a spreadsheet") || message.contains("pas un classeur"),
        "{message}"
    );
}

#[test]
fn the_example_workbook_is_clean_and_complete() {
    let p = terress();
    let data = cadre::ingest(&p, repo().join("examples/terress/terress.xlsx")).unwrap();
    assert!(data.report.is_clean(), "{:#?}", data.report.problems);
    assert_accounted(&data);
    assert_eq!(data.dataset("collectivites").unwrap().frame.height(), 31);
    let pays = data
        .dataset("collectivites")
        .unwrap()
        .frame
        .column("pays")
        .unwrap()
        .n_unique()
        .unwrap();
    assert_eq!(pays, 9, "31 authorities in 9 countries");
    // Empty rows are skipped and counted, never rejected.
    assert!(data.report.sheets.iter().any(|s| s.skipped_empty > 0));
}

#[test]
fn broken_rows_are_each_reported_where_they_are() {
    let p = terress();
    let data = cadre::ingest(&p, fixture("formats/broken.xlsx")).unwrap();
    assert_accounted(&data);
    let got: Vec<(String, u32, String, String)> = data
        .report
        .problems
        .iter()
        .map(|p| {
            (
                p.sheet.clone(),
                p.row,
                p.column.clone(),
                serde_json::to_value(&p.rule).unwrap()["rule"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect();
    let expected = [
        ("collectivites", 7, "code", "duplicate"),
        ("collectivites", 8, "type", "not_allowed"),
        ("participations", 7, "age", "below_min"),
        ("participations", 8, "satisfaction", "above_max"),
        ("participations", 9, "role", "not_allowed"),
        ("participations", 11, "collectivite", "unknown_reference"),
        ("participations", 12, "collectivite", "rejected_reference"),
        ("participations", 14, "nom", "required"),
        ("autodiagnostics", 6, "date_soumission", "not_a_date"),
        ("dispositifs", 5, "date_adoption", "required_when"),
        ("budget", 6, "prevu", "below_min"),
        ("depenses", 7, "montant", "ambiguous_number"),
    ];
    let expected: Vec<(String, u32, String, String)> = expected
        .iter()
        .map(|(s, r, c, rule)| (s.to_string(), *r, c.to_string(), rule.to_string()))
        .collect();
    assert_eq!(got, expected);
    let dup = &data.report.problems[0];
    assert_eq!(dup.rule, Rule::Duplicate { first_row: 2 });
    assert!(
        dup.message(cadre::Lang::En)
            .contains("broken.xlsx, sheet collectivites, row 7, column code: \"BEN-COT\""),
        "{}",
        dup.message(cadre::Lang::En)
    );
    assert!(
        dup.message(cadre::Lang::Fr).contains("ligne 7"),
        "{}",
        dup.message(cadre::Lang::Fr)
    );
    // The participation naming the rejected authority names its row.
    assert!(matches!(
        data.report.problems[6].rule,
        Rule::RejectedReference { row: 8, .. }
    ));
    let parts = data
        .report
        .sheets
        .iter()
        .find(|s| s.dataset == "participations")
        .unwrap();
    assert_eq!(
        (parts.read, parts.rejected, parts.skipped_empty),
        (13, 6, 1)
    );
}

#[test]
fn references_are_rewritten_in_the_registry_spelling() {
    let p = terress();
    let data = cadre::ingest(&p, repo().join("examples/terress/terress.xlsx")).unwrap();
    let codes: Vec<String> = data
        .dataset("collectivites")
        .unwrap()
        .frame
        .column("code")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .flatten()
        .map(str::to_owned)
        .collect();
    let refs = data
        .dataset("participations")
        .unwrap()
        .frame
        .column("collectivite")
        .unwrap()
        .str()
        .unwrap()
        .clone();
    for r in refs.iter().flatten() {
        assert!(
            codes.iter().any(|c| c == r),
            "{r} is not written as in the registry"
        );
    }
}

#[test]
fn unreadable_files_are_clean_errors() {
    let p = terress();
    let cases = [
        ("corrupt/empty.xlsx", "empty"),
        ("corrupt/truncated.xlsx", "damaged zip"),
        ("corrupt/not_a_workbook.xlsx", "not a spreadsheet"),
        ("corrupt/zip_bomb.xlsx", "zip bomb"),
        ("corrupt/encrypted.xlsx", "password-protected"),
    ];
    for (file, fragment) in cases {
        match cadre::ingest(&p, fixture(file)) {
            Err(e @ Error::Workbook { .. }) => {
                let message = e.to_string();
                assert!(message.contains(fragment), "{file}: {message}");
                assert!(
                    message.contains(file.rsplit('/').next().unwrap()),
                    "{file}: the message names the file: {message}"
                );
            }
            Err(other) => panic!("{file}: unexpected error {other}"),
            Ok(_) => panic!("{file}: read as a workbook"),
        }
    }
    let empty = cadre::ingest(&p, fixture("corrupt/empty.xlsx")).unwrap_err();
    assert!(
        empty
            .message(cadre::Lang::Fr)
            .ends_with("empty.xlsx : le fichier est vide"),
        "{}",
        empty.message(cadre::Lang::Fr)
    );
    let missing = cadre::ingest(&p, fixture("does/not/exist.xlsx")).unwrap_err();
    assert!(matches!(missing, Error::Io { .. }), "{missing}");
}

/// A copy of the small csv fixture, to break in one place.
fn csv_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture("formats/small_csv")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn a_missing_sheet_names_what_was_found_and_the_closest() {
    let dir = csv_copy();
    std::fs::rename(
        dir.path().join("participations.csv"),
        dir.path().join("participation.csv"),
    )
    .unwrap();
    let err = match cadre::ingest(&terress(), dir.path()) {
        Err(e @ Error::MissingSheet { .. }) => e,
        other => panic!("expected a missing sheet, got {:?}", other.map(|_| ())),
    };
    let Error::MissingSheet {
        dataset,
        found,
        closest,
        ..
    } = &err
    else {
        unreachable!()
    };
    assert_eq!(dataset, "participations");
    assert!(found.contains(&"participation".to_owned()));
    assert_eq!(closest.as_deref(), Some("participation"));
    // How to fix it: the exact line to add, and where.
    let en = err.message(cadre::Lang::En);
    assert!(
        en.ends_with(". To read sheet participation as `participations`, add `aliases = [\"participation\"]` to the [[dataset]] `participations` of datasets.toml, or rename the sheet `participations`"),
        "{en}"
    );
    let fr = err.message(cadre::Lang::Fr);
    assert!(
        fr.contains("ajoutez `aliases = [\"participation\"]` au [[dataset]] « participations » de datasets.toml"),
        "{fr}"
    );
}

#[test]
fn a_missing_column_names_what_was_found_and_the_closest() {
    let dir = csv_copy();
    let path = dir.path().join("evenements.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let (header, rest) = text.split_once('\n').unwrap();
    std::fs::write(
        &path,
        format!("{}\n{rest}", header.replacen("titre", "tirte", 1)),
    )
    .unwrap();
    let err = cadre::ingest(&terress(), dir.path()).unwrap_err();
    match &err {
        Error::MissingColumn {
            sheet,
            column,
            closest,
            ..
        } => {
            assert_eq!(
                (sheet.as_str(), column.as_str(), closest.as_deref()),
                ("evenements", "titre", Some("tirte"))
            );
        }
        other => panic!("expected a missing column, got {other}"),
    }
    let fr = err.message(cadre::Lang::Fr);
    assert!(
        fr.contains("colonne « titre » absente")
            && fr.contains("ajoutez `aliases = [\"title\", \"tirte\"]` à la [[dataset.column]] « titre » du jeu de données « evenements » dans datasets.toml"),
        "{fr}"
    );
    let en = err.message(cadre::Lang::En);
    assert!(
        en.contains("add `aliases = [\"title\", \"tirte\"]` to the [[dataset.column]] `titre` of dataset `evenements` in datasets.toml"),
        "{en}"
    );
}

/// An enum cell one typo away from a value names the value it was meant to be.
#[test]
fn an_enum_typo_suggests_the_value_meant() {
    let dir = csv_copy();
    let path = dir.path().join("communication.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(",reseaux_sociaux,"), "{text}");
    std::fs::write(
        &path,
        text.replacen(",reseaux_sociaux,", ",reseau_sociaux,", 1),
    )
    .unwrap();
    let data = cadre::ingest(&terress(), dir.path()).unwrap();
    let [problem] = &data.report.problems[..] else {
        panic!("{:?}", data.report.problems);
    };
    assert_eq!(problem.value, "reseau_sociaux");
    let en = problem.message(cadre::Lang::En);
    assert!(
        en.ends_with("value not allowed; allowed: site_web, reseaux_sociaux, presse, newsletter (did you mean `reseaux_sociaux`?)"),
        "{en}"
    );
    let fr = problem.message(cadre::Lang::Fr);
    assert!(
        fr.ends_with("(vouliez-vous dire « reseaux_sociaux » ?)"),
        "{fr}"
    );
    let json = serde_json::to_value(&problem.rule).unwrap();
    assert_eq!(json["closest"], "reseaux_sociaux");
}

#[test]
fn a_sheet_wider_than_a_spreadsheet_is_refused() {
    let dir = csv_copy();
    let wide = format!("code,nom,type,pays,iso3{}\n", ",x".repeat(20_000));
    std::fs::write(dir.path().join("collectivites.csv"), wide).unwrap();
    let err = cadre::ingest(&terress(), dir.path()).unwrap_err();
    assert!(err.to_string().contains("16384"), "{err}");
}

#[test]
fn french_csv_with_semicolons_and_windows_1252_is_read() {
    let dir = csv_copy();
    // `Côte d'Ivoire` in Windows-1252, `;` separators, decimal commas.
    let mut bytes = b"code;nom;type;pays;iso3\r\nCIV-ABJ;Abidjan;district;C".to_vec();
    bytes.push(0xF4);
    bytes.extend_from_slice(b"te d'Ivoire;CIV\r\n");
    std::fs::write(dir.path().join("collectivites.csv"), bytes).unwrap();
    let data = cadre::ingest(&terress(), dir.path()).unwrap();
    let frame = &data.dataset("collectivites").unwrap().frame;
    assert_eq!(
        frame.column("pays").unwrap().str().unwrap().get(0),
        Some("Côte d'Ivoire")
    );
}

#[test]
fn number_rules_are_reported_with_their_value() {
    let dir = csv_copy();
    std::fs::write(
        dir.path().join("whatsapp.csv"),
        "mois,membres,messages\n2024-11-30,20,64\n2024-12-31,vingt,41\n2025-01-31,22.5,10\n2025-02-28,#N/A,3\n2025-03-31,\"1 200\",\"12 500\"\n,,\n",
    )
    .unwrap();
    let data = cadre::ingest(&terress(), dir.path()).unwrap();
    assert_accounted(&data);
    let got: Vec<(u32, &str, &str)> = data
        .report
        .problems
        .iter()
        .filter(|p| p.dataset == "whatsapp")
        .map(|p| (p.row, p.column.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "membres", "vingt"),
            (4, "membres", "22.5"),
            (5, "membres", "#N/A")
        ]
    );
    let rules: Vec<&Rule> = data
        .report
        .problems
        .iter()
        .filter(|p| p.dataset == "whatsapp")
        .map(|p| &p.rule)
        .collect();
    assert_eq!(
        rules,
        [&Rule::NotANumber, &Rule::NotWhole, &Rule::NotANumber]
    );
    let sheet = data
        .report
        .sheets
        .iter()
        .find(|s| s.dataset == "whatsapp")
        .unwrap();
    assert_eq!(
        (
            sheet.read,
            sheet.accepted,
            sheet.rejected,
            sheet.skipped_empty
        ),
        (6, 2, 3, 1)
    );
    let messages = data
        .dataset("whatsapp")
        .unwrap()
        .frame
        .column("messages")
        .unwrap()
        .i64()
        .unwrap()
        .get(1);
    assert_eq!(
        messages,
        Some(12_500),
        "`12 500` with a thousands space is a number"
    );
}

#[test]
fn a_text_not_of_its_declared_form_is_rejected() {
    let dir = csv_copy();
    let path = dir.path().join("collectivites.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines.push("XYZ-ABC,Extra,commune,Bénin,BE".into());
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let data = cadre::ingest(&terress(), dir.path()).unwrap();
    let p = data
        .report
        .problems
        .iter()
        .find(|p| p.dataset == "collectivites")
        .expect("a problem");
    assert_eq!(
        (p.row as usize, p.column.as_str(), p.value.as_str()),
        (lines.len(), "iso3", "BE")
    );
    assert!(matches!(&p.rule, Rule::Pattern { pattern } if pattern == "[A-Za-z]{3}"));
}

/// A large csv file is typed on two threads, split at a line break past its
/// middle; the split is kept only where a record starts. Quoted fields with
/// line breaks, blank lines, rejected rows and CRLF around every possible
/// split point give the same frames, accounting and problems as one thread.
#[test]
fn a_csv_typed_on_two_threads_is_read_as_on_one() {
    let p = terress();
    let rows = [
        "VISIO-01,ben-cot,Florence Adjovi,F,41,point_focal,",
        "VISIO-01,sen-zig,\"Mamadou\nDiop\",H,,point_focal,",
        "",
        "VISIO-01,,\"Awa \"\"la\"\"\r\nNdiaye\",autre,130,elu,4",
        "VISIO-01,sen-zig,Moussa Ba,X,27,technicien,9\r",
        "VISIO-01,nowhere,Fatou Sy,f,33,ELU,5",
        "   ,  ,",
        "VISIO-01,ben-cot,\"Line\n\nbreaks\",H,abc,partenaire,2",
    ];
    let mut seen_split = false;
    for shift in 0..rows.len() {
        let dir = csv_copy();
        let mut text = String::from("evenement,collectivite,nom,genre,age,role,satisfaction\n");
        let mut i = shift;
        while text.len() < 1_100_000 {
            text.push_str(rows[i % rows.len()]);
            text.push('\n');
            i += 1 + (i % 3);
        }
        std::fs::write(dir.path().join("participations.csv"), &text).unwrap();
        cadre::ingest::set_csv_split(false);
        let one = cadre::ingest(&p, dir.path()).unwrap();
        cadre::ingest::set_csv_split(true);
        let two = cadre::ingest(&p, dir.path()).unwrap();
        assert_eq!(
            format!("{:?}", one.report),
            format!("{:?}", two.report),
            "shift {shift}"
        );
        for (name, ds) in &one.datasets {
            let got = &two.dataset(name).unwrap().frame;
            assert!(
                ds.frame.equals_missing(got),
                "shift {shift}, dataset {name}"
            );
        }
        let middle = &text[text.len() / 2..];
        let at = text.len() / 2 + middle.find('\n').unwrap() + 1;
        // Some shifts split between records, others inside a quoted field.
        seen_split |= !text[..at].matches('"').count().is_multiple_of(2);
    }
    assert!(seen_split, "no shift put the split inside a quoted field");
}

/// Ingestion tells its progress sheet by sheet: each dataset's sheet starts
/// (with a row count from an xlsx sheet's dimension) and ends, rows counted.
#[test]
fn progress_is_told_sheet_by_sheet() {
    #[derive(Default)]
    struct Seen(std::sync::Mutex<Vec<(String, String, Option<u64>)>>);
    impl cadre::ingest::Progress for Seen {
        fn sheet(&self, dataset: &str, _: &Path, sheet: &str, hint: Option<u64>) {
            let event = (format!("start {dataset}"), sheet.to_owned(), hint);
            self.0.lock().unwrap().push(event);
        }
        fn sheet_done(&self, _: &Path, sheet: &str, rows: u64) {
            let event = ("done".to_owned(), sheet.to_owned(), Some(rows));
            self.0.lock().unwrap().push(event);
        }
    }
    let p = terress();
    for input in ["formats/small.xlsx", "formats/small_csv"] {
        let seen = Seen::default();
        let data =
            cadre::ingest::ingest_sources_with_progress(&p, &[fixture(input)], &seen).unwrap();
        let events = seen.0.into_inner().unwrap();
        // One source: its sheets one after the other, each started then done.
        let mut datasets = Vec::new();
        for pair in events.chunks(2) {
            let (start, done) = (&pair[0], &pair[1]);
            let dataset = start.0.strip_prefix("start ").expect("a sheet starts");
            assert_eq!((done.0.as_str(), &done.1), ("done", &start.1), "{input}");
            let report = data
                .report
                .sheets
                .iter()
                .find(|s| s.dataset == dataset)
                .unwrap();
            // Every row handed over, the header included.
            assert!(
                done.2.unwrap() as usize > report.accepted,
                "{input}: {pair:?}"
            );
            if input.ends_with("xlsx") {
                assert!(start.2.is_some(), "{input}: {pair:?}");
            }
            datasets.push(dataset.to_owned());
        }
        datasets.sort();
        // Every dataset the workbook holds: all but the optional ones it lacks.
        let mut all: Vec<String> = p
            .datasets
            .iter()
            .map(|d| d.name.clone())
            .filter(|d| !data.report.absent.contains(d))
            .collect();
        all.sort();
        assert_eq!(datasets, all, "{input}");
        assert!(
            p.datasets
                .iter()
                .filter(|d| d.required)
                .all(|d| datasets.contains(&d.name))
        );
    }
}

/// Excel writes csv files with CRLF line ends: a row is numbered by the line
/// it starts on, as an editor shows it, whatever the line ends, blank lines
/// and quoted line breaks before it.
#[test]
fn csv_rows_are_numbered_by_their_line_whatever_the_line_ends() {
    let root = repo();
    let p = Programme::load(root.join("tests/compute/programme")).unwrap();
    let mini = root.join("tests/compute/cases/mini/data");
    for ends in ["\n", "\r\n"] {
        let dir = tempfile::tempdir().unwrap();
        for f in std::fs::read_dir(&mini).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
        }
        // Line 1 header, 2 a row, 3 blank, 4-5 one row (a quoted line
        // break in its genre cell), 6 a row naming an unknown session.
        let lines = [
            "session,site,genre,score",
            "A1,S1,F,",
            "",
            "A1,S1,\"F",
            "\",",
            "ZZ,S1,H,",
        ];
        std::fs::write(dir.path().join("presences.csv"), lines.join(ends) + ends).unwrap();
        let data = cadre::ingest(&p, dir.path()).unwrap();
        let rows: Vec<(u32, String)> = data
            .report
            .problems
            .iter()
            .filter(|pr| pr.dataset == "presences")
            .map(|pr| (pr.row, pr.value.clone()))
            .collect();
        assert!(
            rows.contains(&(6, "ZZ".to_owned())),
            "line ends {ends:?}: {:#?}",
            data.report.problems
        );
        assert!(
            rows.iter().all(|(r, _)| *r == 4 || *r == 6),
            "line ends {ends:?}: {rows:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// A KoboToolbox-shaped export (`tests/fixtures/kobo/`): group-path headers,
// ISO 8601 date-times with zones, yes/no answers. The accounting and the
// values below are worked out by hand in `tests/fixtures/README.md`.
// ---------------------------------------------------------------------------

fn kobo() -> Programme {
    Programme::load(fixture("kobo/programme")).unwrap_or_else(|e| panic!("{e}"))
}

/// The same export as xlsx, as a folder of csv files, as ods and as xls.
const KOBO_EXPORTS: [&str; 4] = [
    "kobo/data/kobo.xlsx",
    "kobo/data/kobo_csv",
    "kobo/data/kobo.ods",
    "kobo/data/kobo.xls",
];

/// Per sheet: read, accepted, rejected, skipped.
fn accounting(data: &cadre::Data) -> Vec<(String, usize, usize, usize, usize)> {
    data.report
        .sheets
        .iter()
        .map(|s| {
            (
                s.dataset.clone(),
                s.read,
                s.accepted,
                s.rejected,
                s.skipped_empty,
            )
        })
        .collect()
}

#[test]
fn a_kobo_export_is_read_alike_from_xlsx_csv_ods_and_xls() {
    let p = kobo();
    let reference = cadre::ingest(&p, fixture(KOBO_EXPORTS[0])).unwrap_or_else(|e| panic!("{e}"));
    for export in KOBO_EXPORTS {
        let data = cadre::ingest(&p, fixture(export)).unwrap_or_else(|e| panic!("{export}: {e}"));
        assert_accounted(&data);
        let mut sheets = accounting(&data);
        sheets.sort();
        assert_eq!(
            sheets,
            [
                ("personnes".to_owned(), 10, 8, 2, 0),
                ("visites".to_owned(), 11, 7, 3, 1),
            ],
            "{export}"
        );
        let mut problems: Vec<(String, u32, String, String, Rule)> = data
            .report
            .problems
            .iter()
            .map(|p| {
                let r = (p.dataset.clone(), p.row, p.column.clone(), p.value.clone());
                (r.0, r.1, r.2, r.3, p.rule.clone())
            })
            .collect();
        problems.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        let rejected_visit = Rule::RejectedReference {
            dataset: "visites".into(),
            file: data
                .report
                .sheets
                .iter()
                .find(|s| s.dataset == "visites")
                .unwrap()
                .file
                .clone(),
            sheet: "visites".into(),
            row: 7,
        };
        let at = |d: &str, row, column: &str, value: &str, rule| {
            (d.to_owned(), row, column.to_owned(), value.to_owned(), rule)
        };
        assert_eq!(
            problems,
            [
                at(
                    "personnes",
                    6,
                    "grp_personne/visite",
                    "V-06",
                    rejected_visit
                ),
                at(
                    "personnes",
                    9,
                    "grp_personne/premiere_fois",
                    "parfois",
                    Rule::NotABoolean
                ),
                at(
                    "visites",
                    7,
                    "grp_visite/date_visite",
                    "2025-02-30T10:00:00+01:00",
                    Rule::NotADate
                ),
                at(
                    "visites",
                    8,
                    "grp_visite/date_visite",
                    "2025-07-01T25:00",
                    Rule::NotADate
                ),
                at(
                    "visites",
                    9,
                    "grp_visite/en_ligne",
                    "peut-être",
                    Rule::NotABoolean
                ),
            ],
            "{export}"
        );
        // Each date as written, whatever its zone: V-02 late on 31 March at
        // UTC-5 (1 April in UTC), V-10 late on 30 September at UTC-3.
        let visits = &data.dataset("visites").unwrap().frame;
        let dates: Vec<String> = visits
            .column("date")
            .unwrap()
            .date()
            .unwrap()
            .physical()
            .iter()
            .map(|d| {
                cadre::period::from_epoch_days(d.unwrap())
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(
            dates,
            [
                "2025-01-22",
                "2025-03-31",
                "2025-04-01",
                "2025-05-10",
                "2025-06-15",
                "2025-08-01",
                "2025-09-30",
            ],
            "{export}"
        );
        let online: Vec<Option<bool>> = visits
            .column("en_ligne")
            .unwrap()
            .bool()
            .unwrap()
            .iter()
            .collect();
        let (t, f) = (Some(true), Some(false));
        assert_eq!(online, [t, f, t, f, t, t, f], "{export}");
        let people = &data.dataset("personnes").unwrap().frame;
        let satisfied: Vec<Option<bool>> = people
            .column("satisfait")
            .unwrap()
            .bool()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(satisfied, [t, None, f, t, t, f, f, t], "{export}");
        for (name, ds) in &reference.datasets {
            let got = &data.dataset(name).unwrap().frame;
            assert!(
                ds.frame.equals_missing(got),
                "{export}, {name}:\n{}\n{got}",
                ds.frame
            );
        }
    }
}

#[test]
fn a_kobo_export_computes_the_values_worked_out_by_hand() {
    let p = kobo();
    for export in KOBO_EXPORTS {
        let data = cadre::ingest(&p, fixture(export)).unwrap_or_else(|e| panic!("{export}: {e}"));
        let engine = cadre::Engine::new(&p, &data);
        let today = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        // (quarter, code, period value, cumulative value)
        let expected: &[(&str, &str, f64, f64)] = &[
            ("2025-Q1", "K1", 2.0, 2.0),
            ("2025-Q2", "K1", 3.0, 5.0),
            ("2025-Q3", "K1", 2.0, 7.0),
            ("2025-Q1", "K2", 1.0, 1.0),
            ("2025-Q2", "K2", 2.0, 3.0),
            ("2025-Q3", "K2", 1.0, 4.0),
            ("2025-Q1", "K3", 2.0, 2.0),
            ("2025-Q2", "K3", 2.0, 4.0),
            ("2025-Q3", "K3", 0.0, 4.0),
            ("2025-Q1", "K4", 50.0, 50.0),
            ("2025-Q2", "K4", 100.0, 80.0),
            ("2025-Q3", "K4", 0.0, 400.0 / 7.0),
            ("2025-Q1", "K5", 20.0, 20.0),
            ("2025-Q2", "K5", 22.0, 42.0),
            ("2025-Q3", "K5", 10.0, 52.0),
        ];
        for (quarter, code, period, cumulative) in expected {
            let q = cadre::Period::parse(quarter, p.info.calendar(), today).unwrap();
            let v = engine
                .compute_indicator(code, &q)
                .unwrap_or_else(|e| panic!("{code}: {e}"));
            let what = format!("{export}, {quarter}, {code}");
            assert!(
                (v.period_value.unwrap() - period).abs() < 1e-9,
                "{what}: {v:?}"
            );
            assert!(
                (v.cumulative_value.unwrap() - cumulative).abs() < 1e-9,
                "{what}: {v:?}"
            );
        }
    }
}

/// The `kobo` programme's two sheets as csv files in memory, `visites`
/// headed by `headers` with one row `row`.
fn kobo_csv(headers: &str, row: &str) -> Vec<cadre::ingest::Source> {
    let people = "grp_personne/visite,grp_personne/genre,grp_personne/premiere_fois\nV-01,F,oui\n";
    vec![
        cadre::ingest::NamedFile::new("visites.csv", format!("{headers}\n{row}\n").into_bytes())
            .into(),
        cadre::ingest::NamedFile::new("personnes.csv", people.as_bytes().to_vec()).into(),
    ]
}

/// The first accepted visit's `column`, as text.
fn first_visit(data: &cadre::Data, column: &str) -> String {
    let frame = &data.dataset("visites").unwrap().frame;
    frame.column(column).unwrap().get(0).unwrap().to_string()
}

#[test]
fn a_group_path_header_names_the_column_its_path_ends_with() {
    let p = kobo();
    // Group paths of any depth; an alias matches the end of a path
    // (`date_visite`, `grp_details/nombre`) or a whole path.
    let data = cadre::ingest_sources(
        &p,
        &kobo_csv(
            "a/b/c/Code,Grp-Visite/Date_Visite,x/en_ligne,grp/grp_details/nombre",
            "V-01,2025-01-22T10:23:11Z,oui,4",
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(data.report.is_clean(), "{:#?}", data.report.problems);
    assert_eq!(first_visit(&data, "code"), "\"V-01\"");
    assert_eq!(first_visit(&data, "participants"), "4");
    // A header naming the column exactly keeps precedence over a group
    // path, before or after it; so do the aliases.
    for headers in [
        "code,date,en_ligne,participants,grp/code",
        "grp/code,date,en_ligne,participants,code",
        "grp/code,date,en_ligne,participants,Code",
    ] {
        let data = cadre::ingest_sources(&p, &kobo_csv(headers, "V-01,2025-01-22,non,4,V-99"))
            .unwrap_or_else(|e| panic!("{headers}: {e}"));
        let want = if headers.starts_with("code") {
            "V-01"
        } else {
            "V-99"
        };
        assert_eq!(
            first_visit(&data, "code"),
            format!("\"{want}\""),
            "{headers}"
        );
    }
    // Two paths ending in a name no column has are no concern.
    let data = cadre::ingest_sources(
        &p,
        &kobo_csv(
            "a/code,date,en_ligne,participants,a/note,b/note",
            "V-01,2025-01-22,non,4,x,y",
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(data.report.is_clean(), "{:#?}", data.report.problems);
}

#[test]
fn two_group_paths_ending_in_one_column_are_an_error_naming_both() {
    let p = kobo();
    let sources = kobo_csv(
        "grp_a/code,date,en_ligne,participants,grp_b/Code",
        "V-01,2025-01-22,non,4,V-02",
    );
    let err = match cadre::ingest_sources(&p, &sources) {
        Err(e @ Error::AmbiguousHeader { .. }) => e,
        Err(other) => panic!("expected an ambiguous header, got {other}"),
        Ok(_) => panic!("two headers ending in `code` were read"),
    };
    let Error::AmbiguousHeader {
        path,
        sheet,
        dataset,
        column,
        headers,
    } = &err
    else {
        unreachable!()
    };
    assert_eq!(path.to_string_lossy(), "visites.csv");
    assert_eq!(
        (sheet.as_str(), dataset.as_str(), column.as_str()),
        ("visites", "visites", "code")
    );
    assert_eq!(
        **headers,
        ["grp_a/code".to_owned(), "grp_b/Code".to_owned()]
    );
    let fr = err.message(cadre::Lang::Fr);
    assert!(
        fr.starts_with("visites.csv, feuille visites : les en-têtes « grp_a/code » et « grp_b/Code » désignent tous deux la colonne « code »"),
        "{fr}"
    );
    let en = err.message(cadre::Lang::En);
    assert!(
        en.starts_with(
            "visites.csv, sheet visites: headers grp_a/code and grp_b/Code both name column `code`"
        ),
        "{en}"
    );
    // A whole path as an alias chooses between them.
    let mut chosen = p.clone();
    chosen.datasets[0].columns[0]
        .aliases
        .push("grp_b/code".into());
    let data = cadre::ingest_sources(&chosen, &sources).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first_visit(&data, "code"), "\"V-02\"");
}

#[test]
fn a_bad_date_or_boolean_is_named_with_the_accepted_forms() {
    let p = kobo();
    let data = cadre::ingest_sources(
        &p,
        &kobo_csv(
            "code,date,en_ligne,participants",
            "V-01,2025-13-01T00:00Z,peut-être,4",
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let messages = |lang| -> Vec<String> {
        // The visit's rows only: the person who names it is rejected with it.
        let visits = data
            .report
            .problems
            .iter()
            .filter(|p| p.dataset == "visites");
        visits.map(|p| p.message(lang)).collect()
    };
    assert_eq!(
        messages(cadre::Lang::Fr),
        [
            "visites.csv, feuille visites, ligne 2, colonne date : « 2025-13-01T00:00Z » : date attendue : 2025-04-15, 15/04/2025, 15/04/2025 14:30, une date-heure ISO 8601 (2025-04-15T14:30, 2025-04-15 14:30:00, avec ou sans fraction de seconde et fuseau : 2025-04-15T14:30:00.000+01:00, 2025-04-15T14:30:00Z) ou une cellule date",
            "visites.csv, feuille visites, ligne 2, colonne en_ligne : « peut-être » : oui ou non attendu : yes/y/oui/o/true/vrai/1 ou no/n/non/false/faux/0 (majuscules et accents ignorés), ou une cellule VRAI/FAUX",
        ]
    );
    assert_eq!(
        messages(cadre::Lang::En),
        [
            "visites.csv, sheet visites, row 2, column date: \"2025-13-01T00:00Z\": a date is expected: 2025-04-15, 15/04/2025, 15/04/2025 14:30, an ISO 8601 date-time (2025-04-15T14:30, 2025-04-15 14:30:00, with or without fractions of a second and a zone: 2025-04-15T14:30:00.000+01:00, 2025-04-15T14:30:00Z) or a date cell",
            "visites.csv, sheet visites, row 2, column en_ligne: \"peut-être\": yes or no is expected: yes/y/oui/o/true/vrai/1 or no/n/non/false/faux/0 (case and accents ignored), or a TRUE/FALSE cell",
        ]
    );
}

/// The `kobo` programme with `file` edited, loaded from a copy.
fn kobo_with(file: &str, edit: impl Fn(String) -> String) -> cadre::Result<Programme> {
    let dir = tempfile::tempdir().unwrap();
    let from = fixture("kobo/programme");
    std::fs::create_dir(dir.path().join("indicators")).unwrap();
    for f in ["programme.toml", "datasets.toml", "indicators/r1.toml"] {
        let text = std::fs::read_to_string(from.join(f)).unwrap();
        let text = if f == file { edit(text) } else { text };
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    Programme::load(dir.path())
}

#[test]
fn a_boolean_column_is_checked_when_the_definitions_load() {
    // Each edit, the line of its error (its dataset's), and words of its
    // message in English.
    let cases: &[(&str, &str, &str, usize, &str)] = &[
        (
            "datasets.toml",
            "name = \"satisfait\"\ntype = \"boolean\"\nrequired = false",
            "name = \"satisfait\"\ntype = \"boolean\"\nrequired_when = { column = \"premiere_fois\", equals = \"peut-être\" }",
            41,
            "`peut-être` is not a value of `premiere_fois`",
        ),
        (
            "datasets.toml",
            "name = \"en_ligne\"                  # header `grp_visite/en_ligne`\ntype = \"boolean\"",
            "name = \"en_ligne\"\ntype = \"boolean\"\nvalues = [\"oui\", \"non\"]",
            5,
            "en_ligne",
        ),
        (
            "datasets.toml",
            "name = \"en_ligne\"                  # header `grp_visite/en_ligne`\ntype = \"boolean\"",
            "name = \"en_ligne\"\ntype = \"boolean\"\nmin = 0",
            5,
            "min/max",
        ),
    ];
    for (file, from, to, line, words) in cases {
        let loaded = kobo_with(file, |t| {
            assert!(t.contains(from), "{from}");
            t.replacen(from, to, 1)
        });
        let (path, at, e) = crate::definition_error(loaded);
        let message = e.message(cadre::Lang::En);
        assert!(path.ends_with(file), "{path:?}");
        assert_eq!(at, Some(*line), "{message}");
        assert!(message.contains(words), "{message}");
    }
    // A yes/no condition on a boolean column, in any spelling: `Non` holds
    // on row 3, whose `premiere_fois` is written `no`, and nowhere else.
    let p = kobo_with("datasets.toml", |t| {
        t.replacen(
            "name = \"satisfait\"\ntype = \"boolean\"\nrequired = false",
            "name = \"satisfait\"\ntype = \"boolean\"\nrequired = false\nrequired_when = { column = \"premiere_fois\", equals = \"Non\" }",
            1,
        )
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let data = cadre::ingest(&p, fixture("kobo/data/kobo_csv")).unwrap();
    let people = data
        .report
        .problems
        .iter()
        .filter(|p| p.dataset == "personnes");
    let rows: Vec<(u32, &str)> = people.map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(
        rows,
        [
            (3, "grp_personne/satisfait"),
            (6, "grp_personne/visite"),
            (9, "grp_personne/premiere_fois")
        ]
    );
    let first = data
        .report
        .problems
        .iter()
        .find(|p| p.dataset == "personnes");
    assert_eq!(
        first.unwrap().rule,
        Rule::RequiredWhen {
            column: "premiere_fois".into(),
            equals: "Non".into()
        }
    );
}

#[test]
fn a_filter_reads_a_boolean_column_as_true_or_false() {
    for (filter, q1, q2) in [
        ("en_ligne", 1.0, 2.0),
        ("en_ligne = true", 1.0, 2.0),
        ("NOT en_ligne", 1.0, 1.0),
        ("en_ligne = false", 1.0, 1.0),
    ] {
        let p = kobo_with("indicators/r1.toml", |t| {
            t.replacen(
                "filter = \"en_ligne\"",
                &format!("filter = \"{filter}\""),
                1,
            )
        })
        .unwrap_or_else(|e| panic!("{filter}: {e}"));
        let data = cadre::ingest(&p, fixture("kobo/data/kobo_csv")).unwrap();
        let engine = cadre::Engine::new(&p, &data);
        let today = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        for (quarter, want) in [("2025-Q1", q1), ("2025-Q2", q2)] {
            let q = cadre::Period::parse(quarter, p.info.calendar(), today).unwrap();
            let v = engine.compute_indicator("K2", &q).unwrap();
            assert_eq!(v.period_value, Some(want), "{filter}, {quarter}");
        }
    }
    // Text where a boolean is compared is refused at load, with the filter.
    let loaded = kobo_with("indicators/r1.toml", |t| {
        t.replacen("filter = \"en_ligne\"", "filter = \"en_ligne = 'oui'\"", 1)
    });
    let (path, line, e) = crate::definition_error(loaded);
    assert!(path.ends_with("indicators/r1.toml"), "{path:?}");
    assert_eq!(line, Some(16), "the line of K2's code");
    assert_eq!(
        e.message(cadre::Lang::En).split_once(": ").map(|(_, m)| m.to_owned()),
        Some("indicator K2: filter `en_ligne = 'oui'` compares the yes/no column `en_ligne` with text: compare it with true or false (`en_ligne = true`), or write it alone (`en_ligne`, `NOT en_ligne`)".to_owned())
    );
}
