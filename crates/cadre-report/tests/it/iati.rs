//! The IATI export validates against the IATI 2.03 activity schema (with
//! xmllint, which must be installed: the test fails without it; the schema is
//! vendored in `vendor/iati-2.03/`), passes the IATI Standard's ruleset with
//! no error (the IATI Validator's rules, vendored in `tests/iati/` with their
//! runner, Python 3 with lxml: `tests/run` installs it), and carries
//! the indicator table's values where IATI expects them.

use std::path::{Path, PathBuf};
use std::process::Command;

use cadre::indicator::{Direction, Kind, Level, MeasureType};
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
    // One file per call: tests run in parallel threads of one process.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "iati-{}-{}-{call}.xml",
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
        // One stage overall is ordinal (4); a number or share of units, a
        // unit (1) or a percentage (2) as any other measure.
        let percentage = ind.unit.get("en") == "%";
        let measure = match &ind.measure {
            cadre::measure::Measure::Stage(stage) if stage.is_overall() => "4",
            _ if percentage => "2",
            _ => "1",
        };
        assert_eq!(
            xpath(path, &format!("string({at}/@measure)")),
            measure,
            "{}",
            ind.code
        );
        // Periods add up only for a total of rows counted or amounts summed,
        // and not for a stock (each value holds its baseline).
        let additive = ind.kind == Kind::Total
            && !ind.is_stock()
            && matches!(
                ind.measure.measure_type(),
                MeasureType::Count | MeasureType::Sum
            );
        assert_eq!(
            xpath(path, &format!("string({at}/@aggregation-status)")),
            if additive { "1" } else { "0" },
            "{}: aggregation-status",
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
            // What the report states: the value to date, for a level too.
            let expected_actual = value.cumulative_value;
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
                Kind::Total
                    if table.period.end >= programme.info.end || ind.milestones.is_empty() =>
                {
                    ind.target
                }
                Kind::Total => value.milestone.map(|m| m.value),
            };
            let target = xpath(
                path,
                &format!("string({period}/target[not(dimension)]/@value)"),
            );
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
                .filter(|c| c.cumulative_value.is_some())
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
fn third_programme_exports_valid_iati() {
    let (programme, tables, path) = export(
        "indicators/petite-enfance",
        "examples/petite-enfance/petite-enfance.xlsx",
        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    );
    assert_valid(&path);
    check_values(&programme, &tables, &path);
    assert_eq!(
        xpath(&path, "string(//iati-activity/@default-currency)"),
        "USD"
    );
    assert_eq!(xpath(&path, "count(//recipient-country)"), "2");
    // The policy's stages are published as an ordinal measure (4), the
    // incidents' ceiling as descending.
    assert_eq!(xpath(&path, "count(//indicator[@measure=\"4\"])"), "1");
    assert_eq!(xpath(&path, "count(//indicator[@ascending=\"0\"])"), "3");
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

const RULESET: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/iati/standard.json"
);
const RULES_RUNNER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/iati/rulesets.py");

/// Python 3 with lxml: Debian's (`python3-lxml`, which `tests/run`
/// installs) when there is one, else the `python3` on the path.
fn python() -> &'static str {
    if Path::new("/usr/bin/python3").is_file() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
}

/// The IATI Standard's ruleset over `path`, validated at `now`: the exit
/// code and the lines of the failed tests (`failed <id> <severity> …`).
fn ruleset(path: &Path, now: &str) -> (i32, Vec<String>) {
    let out = Command::new(python())
        .args([RULES_RUNNER, "--now", now, RULESET, path.to_str().unwrap()])
        .output()
        .unwrap_or_else(|e| panic!("Python 3 is required to run the IATI ruleset: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("tests: passed"),
        "the ruleset did not run (Debian: apt-get install python3-lxml):\n{stdout}{stderr}"
    );
    let failed = stdout
        .lines()
        .filter(|l| l.starts_with("failed "))
        .map(str::to_owned)
        .collect();
    (out.status.code().unwrap_or(-1), failed)
}

fn error_ids(failed: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = failed
        .iter()
        .filter_map(|l| {
            let mut words = l.split_whitespace().skip(1);
            let id = words.next()?;
            (words.next()? == "error").then(|| id.to_owned())
        })
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_example_passes_the_iati_standard_ruleset() {
    for (dir, data, until) in [
        (
            "indicators/terress",
            "examples/terress/terress.xlsx",
            (2026, 12, 31),
        ),
        ("indicators/eau", "examples/eau/eau.xlsx", (2026, 6, 30)),
        (
            "indicators/petite-enfance",
            "examples/petite-enfance/petite-enfance.xlsx",
            (2025, 12, 31),
        ),
    ] {
        let until = NaiveDate::from_ymd_opt(until.0, until.1, until.2).unwrap();
        let (_, _, path) = export(dir, data, until);
        assert_valid(&path);
        // Validated later on the day the file was made.
        let (code, failed) = ruleset(&path, "2026-11-28T18:00:00");
        assert_eq!(
            error_ids(&failed),
            Vec::<String>::new(),
            "{dir}: {failed:#?}"
        );
        assert_eq!(code, 0, "{dir}: {failed:#?}");
        std::fs::remove_file(&path).unwrap();
    }
}

/// The runner finds what the IATI Validator finds: an activity with no
/// recipient country or region, no sector, and a last update still to come
/// fails rules 3.7.1, 6.2.2 and 11.1.1, all errors.
#[test]
fn the_ruleset_refuses_an_activity_without_place_sector_or_a_past_date() {
    let (_, _, path) = export(
        "indicators/eau",
        "examples/eau/eau.xlsx",
        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    );
    let xml = std::fs::read_to_string(&path).unwrap();
    assert!(xml.contains("<recipient-country ") && xml.contains("<sector "));
    let stripped: String = xml
        .lines()
        .filter(|l| !l.contains("<recipient-country ") && !l.contains("<sector "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, stripped).unwrap();
    // Validated the day before the file's date.
    let (code, failed) = ruleset(&path, "2026-11-27T12:00:00");
    assert_eq!(
        error_ids(&failed),
        ["11.1.1", "3.7.1", "6.2.2"],
        "{failed:#?}"
    );
    assert_eq!(code, 1);
    std::fs::remove_file(&path).unwrap();
}

fn cadre_export(extra: &[&str], source_date_epoch: Option<&str>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("iati.xml");
    let mut c = Command::new(env!("CARGO_BIN_EXE_cadre"));
    c.current_dir(repo())
        .args(["export", "--programme", "indicators/eau", "--data"])
        .args(["examples/eau/eau.xlsx", "--format", "iati", "-o"])
        .arg(&out)
        .args(extra)
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(s) = source_date_epoch {
        c.env("SOURCE_DATE_EPOCH", s);
    }
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = std::fs::read_to_string(&out).unwrap();
    let stamp = |attr: &str| {
        let at = xml.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
        xml[at..at + 19].to_owned()
    };
    assert_eq!(stamp("generated-datetime"), stamp("last-updated-datetime"));
    stamp("generated-datetime")
}

/// The file's dates: `--date`, else SOURCE_DATE_EPOCH, else today (the
/// day `--today` gives), never the end of the last period exported, which
/// may be still to come.
#[test]
fn the_export_is_dated_by_date_then_source_date_epoch_then_today() {
    let today = ["--today", "2026-02-10"];
    assert_eq!(cadre_export(&today, None), "2026-02-10T00:00:00");
    // 1767225600: 2026-01-01T00:00:00Z.
    assert_eq!(
        cadre_export(&today, Some("1767225600")),
        "2026-01-01T00:00:00"
    );
    let dated = ["--today", "2026-02-10", "--date", "2026-01-20"];
    assert_eq!(
        cadre_export(&dated, Some("1767225600")),
        "2026-01-20T00:00:00"
    );
}

/// A date after today, by `--date` or SOURCE_DATE_EPOCH, is refused with
/// the rule it would break, in the programme's language; nothing is written.
#[test]
fn an_export_dated_after_today_is_refused() {
    for (extra, epoch) in [
        (&["--today", "2026-02-10", "--date", "2026-02-11"][..], None),
        // 1772323200: 2026-03-01T00:00:00Z.
        (&["--today", "2026-02-10"][..], Some("1772323200")),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("iati.xml");
        let mut c = Command::new(env!("CARGO_BIN_EXE_cadre"));
        c.current_dir(repo())
            .args(["export", "--programme", "indicators/eau", "--data"])
            .args(["examples/eau/eau.xlsx", "--format", "iati", "-o"])
            .arg(&out)
            .args(extra)
            .env_remove("SOURCE_DATE_EPOCH");
        if let Some(s) = epoch {
            c.env("SOURCE_DATE_EPOCH", s);
        }
        let o = c.output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{extra:?} {epoch:?}: accepted");
        assert!(
            stderr.contains("après aujourd’hui (2026-02-10)") && stderr.contains("11.1.1"),
            "{stderr}"
        );
        assert!(!out.exists(), "a refused export wrote {}", out.display());
    }
}

/// A period's own target wins over the milestone, with the period's own
/// value as the actual; a category's target is a `target` with the same
/// `dimension` as its `actual`. The file stays valid, and the ruleset finds
/// no error in the results.
#[test]
fn period_and_category_targets_are_published_with_their_dimension() {
    let until = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
    let cases = "tests/compute/cases";
    let (_, _, periods) = export(
        &format!("{cases}/period_targets/programme"),
        &format!("{cases}/period_targets/data"),
        until,
    );
    let (_, _, categories) = export(
        &format!("{cases}/category_targets/programme"),
        &format!("{cases}/category_targets/data"),
        until,
    );
    let at = |code: &str, start: &str, what: &str| {
        format!(
            "string(//indicator[title/narrative[1]='{code}']/period[period-start/@iso-date='{start}']/{what})"
        )
    };
    // PT1 in 2024-Q2: 3 workshops against 4 (not the cumulative 4 against
    // the end target); in 2024-Q1 no period target: its end target, the
    // cumulative value.
    let label = |code| match code {
        "PT1" => "Ateliers, cibles par période",
        "CT3" => "Présences (au plus), plafond pour les hommes",
        _ => unreachable!(),
    };
    let pt1 = label("PT1");
    assert_eq!(
        xpath(&periods, &at(pt1, "2024-04-01", "target/@value")),
        "4"
    );
    assert_eq!(
        xpath(&periods, &at(pt1, "2024-04-01", "actual[1]/@value")),
        "3"
    );
    assert_eq!(
        xpath(&periods, &at(pt1, "2024-01-01", "target/@value")),
        "10"
    );
    assert_eq!(
        xpath(&periods, &at(pt1, "2024-01-01", "actual[1]/@value")),
        "1"
    );
    // CT3's men in 2024-Q4: a ceiling of 1, 2 attendances.
    let ct3 = label("CT3");
    let men = "[dimension/@name='genre' and dimension/@value='H']";
    assert_eq!(
        xpath(
            &categories,
            &at(ct3, "2024-10-01", &format!("target{men}/@value"))
        ),
        "1"
    );
    assert_eq!(
        xpath(
            &categories,
            &at(ct3, "2024-10-01", &format!("actual{men}/@value"))
        ),
        "2"
    );
    // The end target (the period reaches the programme's end) and H's.
    let q4 = format!(
        "count(//indicator[title/narrative[1]='{ct3}']/period[period-start/@iso-date='2024-10-01']/target)"
    );
    assert_eq!(xpath(&categories, &q4), "2");
    for path in [periods, categories] {
        assert_valid(&path);
        let (_, failed) = ruleset(&path, "2026-11-28T18:00:00");
        // What these test programmes do not declare (a place, a sector, a
        // funder's name); nothing about the results.
        assert_eq!(
            error_ids(&failed),
            ["3.7.1", "6.10.1", "6.2.2"],
            "{failed:#?}"
        );
        assert!(!failed.iter().any(|l| l.contains("/result")), "{failed:#?}");
        std::fs::remove_file(&path).unwrap();
    }
}
