//! The data-entry template: it ingests as it is (every sheet and column
//! found, no row), a copy filled in correctly validates without an error, and
//! a copy filled in wrongly has each mistake reported where it was made.
//! Filled copies are made with the template's own code path
//! ([`Template::append_row`]), with values derived from the definitions, so the
//! test holds for any programme.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use cadre::ingest::Rule;
use cadre::schema::{ColumnSchema, ColumnType, DatasetSchema};
use cadre::{Data, Programme};
use cadre_report::template::{Entry, Template, write_template};
use calamine::Reader;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("template-{}-{name}", std::process::id()))
}

fn terress() -> (Programme, Data) {
    let programme =
        Programme::load(repo().join("indicators/terress")).unwrap_or_else(|e| panic!("{e}"));
    let data = cadre::ingest(&programme, repo().join("examples/terress/terress.xlsx"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(data.report.is_clean(), "the example workbook is clean");
    (programme, data)
}

fn ingest_bytes(programme: &Programme, bytes: &[u8], name: &str) -> Data {
    let path = tmp(name);
    std::fs::write(&path, bytes).unwrap();
    let data = cadre::ingest(programme, &path).unwrap_or_else(|e| panic!("{name}: {e}"));
    std::fs::remove_file(&path).unwrap();
    data
}

/// Whether another dataset references this one (so the template pre-fills it).
fn referenced(programme: &Programme, name: &str) -> bool {
    programme
        .datasets
        .iter()
        .flat_map(|d| &d.columns)
        .any(|c| c.references.as_deref() == Some(name))
}

/// Datasets ordered so that each comes after those it references.
fn reference_order(programme: &Programme) -> Vec<&DatasetSchema> {
    let mut order: Vec<&DatasetSchema> = Vec::new();
    while order.len() < programme.datasets.len() {
        let before = order.len();
        for ds in &programme.datasets {
            let placed = |n: &str| order.iter().any(|d| d.name == n);
            if !placed(&ds.name)
                && ds
                    .columns
                    .iter()
                    .filter_map(|c| c.references.as_deref())
                    .all(placed)
            {
                order.push(ds);
            }
        }
        assert!(
            order.len() > before,
            "datasets reference each other in a cycle"
        );
    }
    order
}

/// The key values of a dataset's accepted rows.
fn frame_keys(data: &Data, ds: &DatasetSchema) -> Vec<String> {
    let (Some(key), Some(d)) = (ds.key.as_deref(), data.dataset(&ds.name)) else {
        return Vec::new();
    };
    d.frame
        .column(key)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .flatten()
        .map(str::to_owned)
        .collect()
}

/// A value that meets `column`'s rule, the `n`-th of its kind.
fn valid_value(
    programme: &Programme,
    ds: &DatasetSchema,
    column: &ColumnSchema,
    n: usize,
    keys: &BTreeMap<String, Vec<String>>,
) -> Entry {
    if let Some(target) = &column.references {
        let codes = &keys[target];
        assert!(!codes.is_empty(), "no code of {target} to refer to");
        return Entry::Text(codes[n % codes.len()].clone());
    }
    match column.kind {
        ColumnType::Text if ds.key.as_deref() == Some(&column.name) || column.unique => {
            Entry::Text(format!("T-{}-{n}", ds.name.to_uppercase()))
        }
        ColumnType::Text => {
            let candidates = [
                format!("{} {n}", column.name),
                "ABC".into(),
                format!("A{n}"),
                format!("{n}"),
            ];
            let fits = |c: &String| {
                column
                    .compiled_pattern()
                    .is_none_or(|p| p.is_ok_and(|re| re.is_match(c)))
            };
            Entry::Text(
                candidates
                    .into_iter()
                    .find(fits)
                    .expect("a test value fitting the column's pattern"),
            )
        }
        ColumnType::Enum => Entry::Text(column.values[n % column.values.len()].clone()),
        ColumnType::Integer => {
            let lo = column.min.unwrap_or(0.0).ceil();
            let hi = column.max.unwrap_or(lo + 100.0).floor();
            Entry::Number(lo + (n as f64 % (hi - lo + 1.0)))
        }
        ColumnType::Amount => {
            let v = column.min.unwrap_or(0.0) + 1250.5 + n as f64;
            Entry::Number(column.max.map_or(v, |m| v.min(m)))
        }
        ColumnType::Date => Entry::Date(programme.info.start + chrono::Days::new(n as u64 * 17)),
        ColumnType::Boolean => Entry::Text((n % 2).to_string()),
    }
}

const ADDED: usize = 3;

/// Rows written, by dataset.
type Rows = BTreeMap<String, Vec<Vec<Entry>>>;
/// Codes known, by keyed dataset.
type Codes = BTreeMap<String, Vec<String>>;

/// Fills in the template with `ADDED` valid rows per dataset; returns them by dataset,
/// and the codes known per keyed dataset (registry and added).
fn fill_valid(programme: &Programme, registry: &Data, template: &mut Template) -> (Rows, Codes) {
    let mut keys: Codes = BTreeMap::new();
    let mut added = BTreeMap::new();
    for ds in reference_order(programme) {
        let mut codes = if referenced(programme, &ds.name) {
            frame_keys(registry, ds)
        } else {
            Vec::new()
        };
        let mut rows = Vec::new();
        for n in 0..ADDED {
            let row: Vec<Entry> = ds
                .columns
                .iter()
                .map(|c| valid_value(programme, ds, c, n, &keys))
                .collect();
            template.append_row(&ds.name, &row).unwrap();
            if let Some(k) = ds
                .key
                .as_deref()
                .and_then(|k| ds.columns.iter().position(|c| c.name == k))
            {
                let Entry::Text(code) = &row[k] else {
                    panic!("key of {} is text", ds.name)
                };
                codes.push(code.clone());
            }
            rows.push(row);
        }
        keys.insert(ds.name.clone(), codes);
        added.insert(ds.name.clone(), rows);
    }
    (added, keys)
}

/// The rows the template pre-fills for each dataset.
fn prefilled(programme: &Programme, registry: &Data, name: &str) -> usize {
    if referenced(programme, name) {
        registry.dataset(name).map_or(0, |d| d.frame.height())
    } else {
        0
    }
}

/// The value of a typed frame cell, as an entry.
fn frame_entry(data: &Data, dataset: &str, column: &ColumnSchema, row: usize) -> Entry {
    let series = data
        .dataset(dataset)
        .unwrap()
        .frame
        .column(&column.name)
        .unwrap();
    let value = match column.kind {
        ColumnType::Text | ColumnType::Enum => series
            .str()
            .unwrap()
            .get(row)
            .map(|s| Entry::Text(s.to_owned())),
        ColumnType::Integer => series
            .i64()
            .unwrap()
            .get(row)
            .map(|x| Entry::Number(x as f64)),
        ColumnType::Amount => series.f64().unwrap().get(row).map(Entry::Number),
        ColumnType::Date => series
            .date()
            .unwrap()
            .physical()
            .get(row)
            .map(|d| Entry::Date(cadre::period::from_epoch_days(d).unwrap())),
        ColumnType::Boolean => series
            .bool()
            .unwrap()
            .get(row)
            .map(|b| Entry::Text(u8::from(b).to_string())),
    };
    value.unwrap_or(Entry::Empty)
}

#[test]
fn template_ingests_as_it_is_with_the_registry_prefilled() {
    let (programme, registry) = terress();
    let path = tmp("blank.xlsx");
    write_template(&programme, Some(&registry), cadre::Lang::Fr, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    write_template(&programme, Some(&registry), cadre::Lang::Fr, &path).unwrap();
    assert_eq!(
        bytes,
        std::fs::read(&path).unwrap(),
        "the same inputs give the same bytes"
    );

    let data = cadre::ingest(&programme, &path)
        .unwrap_or_else(|e| panic!("the template must ingest: {e}"));
    assert!(data.report.is_clean(), "{:#?}", data.report.problems);
    assert_eq!(data.datasets.len(), programme.datasets.len());
    for (ds, sheet) in programme.datasets.iter().zip(&data.report.sheets) {
        assert_eq!(
            data.dataset(&ds.name).unwrap().parts[0].sheet,
            ds.name,
            "sheet named by the canonical name"
        );
        let expected = prefilled(&programme, &registry, &ds.name);
        assert_eq!(sheet.accepted, expected, "{}: registry rows", ds.name);
        assert_eq!(
            sheet.read, expected,
            "{}: nothing but the registry",
            ds.name
        );
    }
    // The registry is pre-filled: the sheets other sheets refer to hold their codes.
    for name in ["collectivites", "evenements"] {
        let ds = programme.dataset(name).unwrap();
        assert!(!frame_keys(&data, ds).is_empty());
        assert_eq!(
            frame_keys(&data, ds),
            frame_keys(&registry, ds),
            "{name}: codes, in order"
        );
    }

    // Sheet order and headers, read back cell by cell.
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[0], "Instructions");
    let data_sheets: Vec<&str> = programme.datasets.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(&names[1..=data_sheets.len()], data_sheets.as_slice());
    for ds in &programme.datasets {
        let range = book.worksheet_range(&ds.name).unwrap();
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let columns: Vec<&str> = ds.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(header, columns, "{}: canonical headers, in order", ds.name);
    }
    let instructions = book.worksheet_range("Instructions").unwrap();
    let text: String = instructions
        .cells()
        .map(|(_, _, c)| c.to_string() + "\n")
        .collect();
    for needle in [
        "15/04/2025",
        "1 234,5",
        "moitié remplie",
        "collectivites",
        "participations",
        "satisfaction",
    ] {
        assert!(text.contains(needle), "instructions mention {needle}");
    }
    std::fs::remove_file(&path).unwrap();
}

/// One part of the xlsx archive, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn template_carries_notes_lists_and_formats() {
    let (programme, registry) = terress();
    let bytes = Template::new(&programme, Some(&registry), cadre::Lang::En)
        .unwrap()
        .to_bytes()
        .unwrap();
    // Sheets are written in order: the instructions, then the datasets.
    let sheet = |name: &str| {
        let i = programme
            .datasets
            .iter()
            .position(|d| d.name == name)
            .unwrap();
        part(&bytes, &format!("xl/worksheets/sheet{}.xml", i + 2))
    };
    let participations = sheet("participations");
    // A reference: the list of the referenced sheet's key column, below its registry rows.
    let events = prefilled(&programme, &registry, "evenements") as u32;
    let list = format!(
        "<formula1>evenements!$A$2:$A${}</formula1>",
        events + cadre_report::template::ENTRY_ROWS + 1
    );
    assert!(
        participations.contains(&list),
        "drop-down of event ids: {list}"
    );
    assert!(participations.contains("<formula1>collectivites!$A$2:$A$"));
    // An enum: its values; a bounded integer: its range.
    assert!(participations.contains("<formula1>\"F,H,autre\"</formula1>"));
    assert!(
        participations.contains(r#"type="whole""#)
            && participations.contains("<formula1>10</formula1><formula2>110</formula2>")
    );
    assert!(
        participations.contains(r#"<pane ySplit="1""#),
        "frozen header"
    );
    // A key column refuses a code already used.
    assert!(sheet("collectivites").contains("COUNTIF($A$2:$A$"));
    // Notes on the headers state each column's rule.
    let notes: String = (1..=programme.datasets.len() + 1)
        .filter_map(|i| {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
            let mut text = String::new();
            zip.by_name(&format!("xl/comments{i}.xml"))
                .ok()?
                .read_to_string(&mut text)
                .ok()?;
            Some(text)
        })
        .collect();
    let age = programme
        .dataset("participations")
        .unwrap()
        .column("age")
        .unwrap();
    assert!(
        notes.contains(&age.rule(cadre::Lang::En)),
        "the note of `age` states its rule: {}",
        age.rule(cadre::Lang::En)
    );
    assert!(notes.contains("a code of collectivites, optional"));
    assert!(notes.contains("required when statut = adopte"));
    // Date and number formats of the columns.
    let styles = part(&bytes, "xl/styles.xml");
    for format in ["yyyy-mm-dd", "#,##0.00"] {
        assert!(styles.contains(format), "number format {format}");
    }
}

#[test]
fn template_filled_in_correctly_validates() {
    let (programme, registry) = terress();
    let mut template = Template::new(&programme, Some(&registry), cadre::Lang::Fr).unwrap();
    let (added, _) = fill_valid(&programme, &registry, &mut template);
    let data = ingest_bytes(&programme, &template.to_bytes().unwrap(), "filled.xlsx");

    let problems: Vec<String> = data
        .report
        .problems
        .iter()
        .map(|p| p.message(cadre::Lang::En))
        .collect();
    assert!(
        data.report.is_clean(),
        "a correctly filled template validates:\n{}",
        problems.join("\n")
    );
    for (ds, sheet) in programme.datasets.iter().zip(&data.report.sheets) {
        let before = prefilled(&programme, &registry, &ds.name);
        assert_eq!(sheet.accepted, before + ADDED, "{}", ds.name);
        // Every value comes back typed, in its column: the headers map exactly.
        let height = data.dataset(&ds.name).unwrap().frame.height();
        for (k, row) in added[&ds.name].iter().enumerate() {
            for (column, written) in ds.columns.iter().zip(row) {
                let read = frame_entry(&data, &ds.name, column, height - ADDED + k);
                assert_eq!(
                    &read, written,
                    "{}.{} of added row {k}",
                    ds.name, column.name
                );
            }
        }
    }
}

/// A mistake made on purpose, and what the ingester must say about it.
struct Mistake {
    dataset: String,
    row: u32,
    column: String,
    expected: fn(&Rule) -> bool,
}

#[test]
fn template_filled_in_wrongly_is_reported() {
    let (programme, registry) = terress();
    let mut template = Template::new(&programme, Some(&registry), cadre::Lang::En).unwrap();
    let (_, keys) = fill_valid(&programme, &registry, &mut template);
    let mut mistakes: Vec<Mistake> = Vec::new();
    let valid = |ds: &DatasetSchema, n: usize| -> Vec<Entry> {
        ds.columns
            .iter()
            .map(|c| valid_value(&programme, ds, c, n, &keys))
            .collect()
    };
    let find = |f: &dyn Fn(&ColumnSchema) -> bool| {
        programme
            .datasets
            .iter()
            .find_map(|ds| ds.columns.iter().position(f).map(|i| (ds, i)))
            .expect("the programme has such a column")
    };
    let mut wrong = |ds: &DatasetSchema, i: usize, cell: Entry, expected: fn(&Rule) -> bool| {
        // A fresh n keeps keys of the mistaken rows apart from the valid ones.
        let mut row = valid(ds, 100 + mistakes.len());
        row[i] = cell;
        let number = template.append_row(&ds.name, &row).unwrap();
        mistakes.push(Mistake {
            dataset: ds.name.clone(),
            row: number,
            column: ds.columns[i].name.clone(),
            expected,
        });
    };

    let (ds, i) = find(&|c| c.kind == ColumnType::Enum);
    wrong(ds, i, Entry::Text("not-a-value".into()), |r| {
        matches!(r, Rule::NotAllowed { .. })
    });
    let (ds, i) = find(&|c| c.references.is_some());
    wrong(ds, i, Entry::Text("NO-SUCH-CODE".into()), |r| {
        matches!(r, Rule::UnknownReference { .. })
    });
    let (ds, i) = find(&|c| c.kind == ColumnType::Integer && c.max.is_some());
    let above = ds.columns[i].max.unwrap() + 1.0;
    wrong(ds, i, Entry::Number(above), |r| {
        matches!(r, Rule::AboveMax { .. })
    });
    let (ds, i) = find(&|c| c.kind == ColumnType::Integer);
    wrong(ds, i, Entry::Number(2.5), |r| matches!(r, Rule::NotWhole));
    let (ds, i) = find(&|c| c.kind == ColumnType::Date && c.required);
    wrong(ds, i, Entry::Text("31/02/2025".into()), |r| {
        matches!(r, Rule::NotADate)
    });
    let (ds, i) = find(&|c| c.kind == ColumnType::Date && c.required_when.is_some());
    wrong(ds, i, Entry::Empty, |r| {
        matches!(r, Rule::RequiredWhen { .. })
    });
    let key_of = |ds: &DatasetSchema| {
        ds.key
            .as_deref()
            .and_then(|k| ds.columns.iter().position(|c| c.name == k))
    };
    let (ds, i) = programme
        .datasets
        .iter()
        .find_map(|d| key_of(d).map(|i| (d, i)))
        .unwrap();
    let existing = keys[&ds.name][0].to_lowercase();
    wrong(ds, i, Entry::Text(existing), |r| {
        matches!(r, Rule::Duplicate { .. })
    });

    // A half-filled row: only the first cell, every other required cell missing.
    let ds = programme
        .datasets
        .iter()
        .find(|d| d.columns.iter().skip(1).any(|c| c.required))
        .unwrap();
    let first = valid(ds, 200).remove(0);
    let number = template.append_row(&ds.name, &[first]).unwrap();
    for c in ds.columns.iter().skip(1).filter(|c| c.required) {
        mistakes.push(Mistake {
            dataset: ds.name.clone(),
            row: number,
            column: c.name.clone(),
            expected: |r| matches!(r, Rule::Required),
        });
    }

    let data = ingest_bytes(&programme, &template.to_bytes().unwrap(), "wrong.xlsx");
    let report = &data.report;
    let rows: std::collections::BTreeSet<(&str, u32)> = mistakes
        .iter()
        .map(|m| (m.dataset.as_str(), m.row))
        .collect();
    assert_eq!(
        report.rejected(),
        rows.len(),
        "one rejected row per mistaken row:\n{:#?}",
        report.problems
    );
    for m in &mistakes {
        let found = report.problems.iter().any(|p| {
            p.dataset == m.dataset
                && p.sheet == m.dataset
                && p.row == m.row
                && p.column == m.column
                && (m.expected)(&p.rule)
        });
        assert!(
            found,
            "no problem reported for {} row {} column {}:\n{:#?}",
            m.dataset, m.row, m.column, report.problems
        );
    }
    for (ds, sheet) in programme.datasets.iter().zip(&report.sheets) {
        let wrong = rows.iter().filter(|(d, _)| *d == ds.name).count();
        assert_eq!(
            sheet.accepted,
            prefilled(&programme, &registry, &ds.name) + ADDED,
            "{}: valid rows kept",
            ds.name
        );
        assert_eq!(sheet.rejected, wrong, "{}", ds.name);
    }
}

#[test]
fn template_without_registry_is_blank_and_any_programme_works() {
    for dir in [
        "indicators/terress",
        "indicators/eau",
        "indicators/petite-enfance",
    ] {
        let programme = Programme::load(repo().join(dir)).unwrap();
        let bytes = Template::new(&programme, None, cadre::Lang::En)
            .unwrap()
            .to_bytes()
            .unwrap();
        let data = ingest_bytes(&programme, &bytes, "empty.xlsx");
        assert_eq!(data.datasets.len(), programme.datasets.len(), "{dir}");
        for sheet in &data.report.sheets {
            assert_eq!(
                (sheet.read, sheet.accepted, sheet.rejected),
                (0, 0, 0),
                "{dir}: {}",
                sheet.dataset
            );
        }
    }
}

#[test]
fn unknown_dataset_and_too_wide_rows_are_errors() {
    let programme = Programme::load(repo().join("indicators/eau")).unwrap();
    let mut template = Template::new(&programme, None, cadre::Lang::Fr).unwrap();
    let err = template.append_row("nope", &[]).unwrap_err().to_string();
    assert!(err.contains("nope") && err.contains("villages"), "{err}");
    let wide = vec![Entry::Empty; programme.dataset("budget").unwrap().columns.len() + 1];
    let err = template
        .append_row("budget", &wide)
        .unwrap_err()
        .to_string();
    assert!(err.contains("budget"), "{err}");
}

#[test]
fn long_value_lists_and_clashing_names_are_handled() {
    let mut programme = Programme::load(repo().join("indicators/eau")).unwrap();
    // More values than an inline drop-down list holds (255 characters).
    let values: Vec<String> = (1..=40)
        .map(|i| format!("district_numero_{i:02}"))
        .collect();
    let villages = programme
        .datasets
        .iter_mut()
        .find(|d| d.name == "villages")
        .unwrap();
    let district = villages
        .columns
        .iter_mut()
        .find(|c| c.name == "district")
        .unwrap();
    district.kind = ColumnType::Enum;
    district.values = values.clone();
    // A dataset named like the instructions sheet.
    programme
        .datasets
        .iter_mut()
        .find(|d| d.name == "budget")
        .unwrap()
        .name = "instructions".into();

    let mut template = Template::new(&programme, None, cadre::Lang::En).unwrap();
    template
        .append_row(
            "villages",
            &[
                Entry::Text("V-1".into()),
                Entry::Text("Village".into()),
                Entry::Text("Nord".into()),
                Entry::Text(values[39].clone()),
            ],
        )
        .unwrap();
    let bytes = template.to_bytes().unwrap();
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"<sheet name="How to""#),
        "instructions renamed: {workbook}"
    );
    assert!(workbook.contains(r#"<sheet name="instructions""#));
    assert!(
        workbook.contains(r#"<sheet name="Lists" sheetId="#)
            && workbook.contains(r#"state="hidden""#),
        "hidden lists sheet"
    );
    // The villages sheet comes right after the instructions.
    let villages_xml = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(
        villages_xml.contains("<formula1>Lists!$A$1:$A$40</formula1>"),
        "drop-down from the lists sheet"
    );

    let data = ingest_bytes(&programme, &bytes, "lists.xlsx");
    assert!(data.report.is_clean(), "{:#?}", data.report.problems);
    assert_eq!(data.dataset("villages").unwrap().frame.height(), 1);
    assert_eq!(
        data.dataset("instructions").unwrap().parts[0].sheet,
        "instructions"
    );
}

/// Every comment (header note) of a template, as one text.
fn all_notes(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/comments"))
        .map(|n| n.into_owned())
        .collect();
    names
        .iter()
        .map(|n| {
            let mut text = String::new();
            zip.by_name(n).unwrap().read_to_string(&mut text).unwrap();
            text
        })
        .collect()
}

#[test]
fn the_rule_of_a_column_is_the_same_in_both_languages() {
    // The French notes once left out the `pattern` rule: each language now
    // states every part of a rule, from one catalogue.
    let (programme, _) = terress();
    let iso3 = programme
        .datasets
        .iter()
        .flat_map(|d| &d.columns)
        .find(|c| c.pattern.is_some())
        .expect("a column with a pattern");
    let pattern = iso3.pattern.as_deref().unwrap();
    for (lang, words) in [
        (cadre::Lang::Fr, format!("de la forme {pattern}")),
        (cadre::Lang::En, format!("matching {pattern}")),
    ] {
        let rule = iso3.rule(lang);
        assert!(rule.contains(&words), "{lang}: {rule}");
        let bytes = Template::new(&programme, None, lang)
            .unwrap()
            .to_bytes()
            .unwrap();
        let notes = all_notes(&bytes);
        assert!(notes.contains(&rule), "{lang}: the note states `{rule}`");
    }
    let fr = all_notes(
        &Template::new(&programme, None, cadre::Lang::Fr)
            .unwrap()
            .to_bytes()
            .unwrap(),
    );
    for english in ["Rule:", "required", "optional", "matching"] {
        assert!(!fr.contains(english), "French notes hold `{english}`");
    }
}
