//! The IATI export validates against the IATI 2.03 activity schema (with
//! xmllint, which must be installed: the test fails without it; the schema is
//! vendored in `vendor/iati-2.03/`), and carries
//! the indicator table's values where IATI expects them.

use std::path::{Path, PathBuf};
use std::process::Command;

use cadre::indicator::{Direction, Kind, Level};
use cadre::table::{IndicatorTable, format_value};
use cadre::{Engine, Period, Programme};
use cadre_report::iati::iati_xml;
use chrono::{NaiveDate, NaiveDateTime};

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../vendor/iati-2.03/iati-activities-schema.xsd"
);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn generated() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 28)
        .unwrap()
        .and_hms_opt(10, 30, 0)
        .unwrap()
}

/// Every quarter of the programme up to `until`, computed.
fn export(dir: &str, data: &str, until: NaiveDate) -> (Programme, Vec<IndicatorTable>, PathBuf) {
    let programme = Programme::load(repo().join(dir)).unwrap_or_else(|e| panic!("{e}"));
    let data = cadre::ingest(&programme, repo().join(data)).unwrap_or_else(|e| panic!("{e}"));
    let engine = Engine::new(&programme, &data);
    let tables: Vec<IndicatorTable> =
        Period::quarters(programme.info.start, until.min(programme.info.end))
            .iter()
            .map(|p| engine.compute(p).unwrap())
            .collect();
    assert!(tables.len() >= 4, "several quarters");
    let xml = iati_xml(&programme, &tables, generated());
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "iati-{}-{}.xml",
        programme.info.code,
        std::process::id()
    ));
    std::fs::write(&path, xml).unwrap();
    (programme, tables, path)
}

fn xmllint(args: &[&str]) -> std::process::Output {
    Command::new("xmllint").args(args).output().unwrap_or_else(|e| {
        panic!("xmllint is required to check the IATI export (Debian: apt-get install libxml2-utils): {e}")
    })
}

fn assert_valid(path: &Path) {
    assert!(
        Path::new(SCHEMA).is_file(),
        "IATI schema not found at {SCHEMA}"
    );
    let out = xmllint(&["--noout", "--schema", SCHEMA, path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{} does not validate against IATI 2.03:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The value of an XPath 1.0 expression over the file.
fn xpath(path: &Path, expr: &str) -> String {
    let out = xmllint(&["--xpath", expr, path.to_str().unwrap()]);
    // xmllint fails on an empty node set; as a string, that is "".
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The XPath of an indicator, by its English title.
fn indicator_path(programme: &Programme, code: &str) -> String {
    let label = programme.indicator(code).unwrap().label.get("en");
    assert!(!label.contains('"'), "label usable in an XPath literal");
    format!(r#"//indicator[title/narrative[@xml:lang="en"]="{label}"]"#)
}

fn check_values(programme: &Programme, tables: &[IndicatorTable], path: &Path) {
    assert_eq!(xpath(path, "count(//iati-activity)"), "1");
    assert_eq!(
        xpath(path, "count(//indicator)"),
        programme.indicators.len().to_string()
    );
    for ind in &programme.indicators {
        let at = indicator_path(programme, &ind.code);
        assert_eq!(
            xpath(path, &format!("count({at})")),
            "1",
            "{}: one indicator",
            ind.code
        );
        let percentage = ind.unit.get("en") == "%";
        assert_eq!(
            xpath(path, &format!("string({at}/@measure)")),
            if percentage { "2" } else { "1" },
            "{}",
            ind.code
        );
        let ascending = if ind.direction == Direction::Ceiling {
            "0"
        } else {
            "1"
        };
        assert_eq!(
            xpath(path, &format!("string({at}/@ascending)")),
            ascending,
            "{}",
            ind.code
        );
        let result_type = match ind.level {
            Level::Output => "1",
            Level::Outcome => "2",
            Level::Impact => "3",
        };
        assert_eq!(
            xpath(path, &format!("string({at}/../@type)")),
            result_type,
            "{}: result type",
            ind.code
        );
        assert_eq!(
            xpath(path, &format!("string({at}/baseline/@value)")),
            ind.baseline.map(format_value).unwrap_or_default()
        );
        assert_eq!(
            xpath(path, &format!("count({at}/period)")),
            tables.len().to_string(),
            "{}: one period per table",
            ind.code
        );
        for table in tables {
            let value = table.get(&ind.code).unwrap();
            let period = format!(
                r#"{at}/period[period-end/@iso-date="{}"]"#,
                table.period.end
            );
            assert_eq!(
                xpath(path, &format!("string({period}/period-start/@iso-date)")),
                table.period.start.to_string()
            );
            let expected_actual = match ind.kind {
                Kind::Total => value.cumulative_value,
                Kind::Level => value.period_value,
            };
            let actual = xpath(
                path,
                &format!("string({period}/actual[not(dimension)]/@value)"),
            );
            assert_eq!(
                actual,
                expected_actual.map(format_value).unwrap_or_default(),
                "{} {}: actual",
                ind.code,
                table.period.label
            );
            let expected_target = match ind.kind {
                Kind::Level => ind.target,
                Kind::Total if table.period.end >= programme.info.end => ind.target,
                Kind::Total => value.milestone.map(|m| m.value),
            };
            let target = xpath(path, &format!("string({period}/target/@value)"));
            assert_eq!(
                target,
                expected_target.map(format_value).unwrap_or_default(),
                "{} {}: target",
                ind.code,
                table.period.label
            );
            // One disaggregated actual per breakdown category that has a value.
            let categories = value
                .breakdowns
                .iter()
                .flat_map(|b| &b.categories)
                .filter(|c| match ind.kind {
                    Kind::Total => c.cumulative_value.is_some(),
                    Kind::Level => c.period_value.is_some(),
                })
                .count();
            assert_eq!(
                xpath(path, &format!("count({period}/actual[dimension])")),
                categories.to_string(),
                "{}",
                ind.code
            );
        }
    }
}

#[test]
fn flagship_programme_exports_valid_iati() {
    let (programme, tables, path) = export(
        "indicators/terress",
        "examples/terress/terress.xlsx",
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    );
    assert_valid(&path);
    check_values(&programme, &tables, &path);
    // Text with an apostrophe and accents comes back as written.
    assert_eq!(
        xpath(&path, "string(//reporting-org/narrative[1])"),
        programme.info.implementer.get("fr")
    );
    assert_eq!(
        xpath(&path, "string(//iati-activity/title/narrative[1])"),
        programme.info.title.get("fr")
    );
    assert!(
        xpath(
            &path,
            r#"count(//dimension[@name="pays"][@value="Côte d'Ivoire"])"#
        )
        .parse::<u32>()
        .unwrap()
            > 0
    );
    // The export covers the whole programme: its last period carries the final targets.
    let last = tables.last().unwrap();
    assert!(last.period.end >= programme.info.end);
    assert_eq!(xpath(&path, "string(//iati-activities/@version)"), "2.03");
    assert_eq!(
        xpath(&path, "string(//iati-activities/@generated-datetime)"),
        "2026-11-28T10:30:00"
    );
    // Finished by the time of generation: status 3 (finalisation).
    assert_eq!(xpath(&path, "string(//activity-status/@code)"), "3");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn second_programme_exports_valid_iati() {
    let (programme, tables, path) = export(
        "indicators/eau",
        "examples/eau/eau.xlsx",
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
    );
    assert_valid(&path);
    check_values(&programme, &tables, &path);
    assert_eq!(
        xpath(&path, "string(//iati-activity/@default-currency)"),
        "XOF"
    );
    assert_eq!(xpath(&path, "string(//activity-status/@code)"), "2");
    assert_eq!(
        xpath(&path, "count(//participating-org[@role=\"1\"])"),
        programme.info.funders.len().to_string()
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn markup_in_definitions_is_escaped() {
    let (mut programme, tables, path) = export(
        "indicators/eau",
        "examples/eau/eau.xlsx",
        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    );
    std::fs::remove_file(&path).unwrap();
    // Characters that would break the document if written raw.
    let tricky = "R&D <eau> \"potable\" l'été \u{1} fin";
    programme.info.name = tricky.to_owned();
    programme
        .info
        .title
        .0
        .insert("fr".into(), tricky.to_owned());
    programme.info.code = "a&b".to_owned();
    programme.results[0]
        .label
        .0
        .insert("en".into(), tricky.to_owned());
    let xml = iati_xml(&programme, &tables, generated());
    let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("iati-escaped-{}.xml", std::process::id()));
    std::fs::write(&path, &xml).unwrap();
    assert_valid(&path);
    // Read back, the text is the same but for the control character XML cannot hold.
    let expected = tricky.replace('\u{1}', "");
    assert_eq!(
        xpath(&path, "string(//iati-activity/title/narrative[1])"),
        expected
    );
    assert_eq!(xpath(&path, "string(//reporting-org/@ref)"), "A&B");
    std::fs::remove_file(&path).unwrap();
}
