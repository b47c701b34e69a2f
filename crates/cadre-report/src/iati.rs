//! The programme's results as an IATI 2.03 activity file.
//!
//! One `iati-activity` for the programme, with the elements the 2.03 schema
//! requires (identifier, reporting organisation, title, description,
//! participating organisations, status, dates) and one `result` per node of
//! the results chain and indicator level. Each indicator carries its baseline
//! and one `period` per indicator table: the target due by the period's end
//! and the actual value, with one more `actual` per breakdown category,
//! disaggregated by a `dimension`. A period with a target of its own
//! (`period_targets`) publishes that target and the period's own values as
//! its actuals; a category with a target (a breakdown's `targets`) has its
//! own `target`, disaggregated by the same `dimension` as its `actual`.
//! Element order follows the schema's
//! `xsd:sequence`s; quick-xml writes and escapes every text and attribute.

use std::borrow::Cow;

use cadre::indicator::{Direction, IndicatorDef, Kind, Level};
use cadre::measure::IatiMeasure;
use cadre::programme::iati::IatiSettings;
use cadre::table::{IndicatorTable, IndicatorValue, format_value};
use cadre::text::Localized;
use cadre::{Lang, Programme};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// Who publishes the activity and under which identifier. A programme's
/// definitions hold no IATI organisation identifier, so
/// [`IatiOptions::from_programme`] derives placeholders from the programme
/// code; a publisher replaces them with its registered identifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IatiOptions {
    /// The reporting organisation's IATI identifier (`reporting-org/@ref`).
    pub reporting_org_ref: String,
    /// Its type, from the IATI OrganisationType codelist (`21`: international NGO, `90`: other).
    pub reporting_org_type: String,
    /// The activity's identifier, prefixed by the reporting organisation's.
    pub activity_identifier: String,
}

impl IatiOptions {
    /// Placeholders from the programme: the organisation reference is the
    /// programme code in capitals, of type `90` (other); the activity
    /// identifier adds the programme's years (`EAU-2025-2027`).
    pub fn from_programme(programme: &Programme) -> IatiOptions {
        let info = &programme.info;
        let reporting_org_ref = info
            .code
            .trim()
            .to_uppercase()
            .replace(char::is_whitespace, "-");
        let activity_identifier = format!(
            "{reporting_org_ref}-{}-{}",
            info.start.year(),
            info.end.year()
        );
        IatiOptions {
            reporting_org_ref,
            reporting_org_type: "90".into(),
            activity_identifier,
        }
    }
}

/// The IATI 2.03 XML of `programme`'s results over `tables` (one reporting
/// period each, in the order given), with placeholder identifiers (see
/// [`IatiOptions::from_programme`]). `generated` is the file's generation
/// time, also used to decide the activity status.
pub fn iati_xml(
    programme: &Programme,
    tables: &[IndicatorTable],
    generated: NaiveDateTime,
) -> String {
    iati_xml_with(
        programme,
        tables,
        generated,
        &IatiOptions::from_programme(programme),
    )
}

/// [`iati_xml`] with the publisher's identifiers.
pub fn iati_xml_with(
    programme: &Programme,
    tables: &[IndicatorTable],
    generated: NaiveDateTime,
    options: &IatiOptions,
) -> String {
    let info = &programme.info;
    let stamp = generated.format("%Y-%m-%dT%H:%M:%S").to_string();
    let mut x = Xml::new();
    x.open(
        "iati-activities",
        &[("version", "2.03"), ("generated-datetime", &stamp)],
    );

    let mut activity_attrs = vec![
        ("last-updated-datetime", stamp.clone()),
        ("xml:lang", programme.default_language().code().to_owned()),
    ];
    if let Some(currency) = &info.currency {
        activity_attrs.push(("default-currency", currency.clone()));
    }
    let activity_attrs: Vec<(&str, &str)> = activity_attrs
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    x.open("iati-activity", &activity_attrs);
    x.text_element("iati-identifier", &[], &options.activity_identifier);
    organisations_and_texts(&mut x, programme, options);
    status_and_dates(&mut x, programme, generated.date());
    places_and_sectors(&mut x, &programme.iati);
    for (node, level, indicators) in results(programme) {
        x.open("result", &[("type", result_type(level))]);
        x.open("title", &[]);
        x.narratives(&node.label, &info.languages, &node.code);
        x.close("title");
        if !node.description.is_empty() {
            x.open("description", &[]);
            x.narratives(&node.description, &info.languages, "");
            x.close("description");
        }
        for ind in indicators {
            indicator(&mut x, programme, ind, tables);
        }
        x.close("result");
    }
    x.close("iati-activity");
    x.close("iati-activities");
    x.finish()
}

/// Who reports (the implementer, under the publisher's identifiers), the
/// activity's title and description, and who takes part (funders,
/// implementer).
fn organisations_and_texts(x: &mut Xml, programme: &Programme, options: &IatiOptions) {
    let info = &programme.info;
    let langs = &info.languages;
    x.open(
        "reporting-org",
        &[
            ("ref", &options.reporting_org_ref),
            ("type", &options.reporting_org_type),
        ],
    );
    x.narratives(&info.implementer, langs, &info.name);
    x.close("reporting-org");

    x.open("title", &[]);
    x.narratives(&info.title, langs, &info.name);
    x.close("title");

    // Description type 1: general.
    x.open("description", &[("type", "1")]);
    let fallback = if info.title.is_empty() {
        info.name.clone()
    } else {
        info.title.get(programme.default_language()).to_owned()
    };
    x.narratives(&info.summary, langs, &fallback);
    x.close("description");

    // OrganisationRole 1: funding; 4: implementing.
    for funder in &info.funders {
        x.open("participating-org", &[("role", "1")]);
        x.narratives(&funder.name, langs, &funder.code);
        x.close("participating-org");
    }
    x.open("participating-org", &[("role", "4")]);
    x.narratives(&info.implementer, langs, "");
    x.close("participating-org");
}

/// The activity's status on `today` (the file's generation day) and its
/// planned and actual dates.
fn status_and_dates(x: &mut Xml, programme: &Programme, today: NaiveDate) {
    let info = &programme.info;
    // ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation.
    let status = if today < info.start {
        "1"
    } else if today <= info.end {
        "2"
    } else {
        "3"
    };
    x.empty("activity-status", &[("code", status)]);
    // ActivityDateType: 1 planned start, 2 actual start, 3 planned end.
    x.empty(
        "activity-date",
        &[("type", "1"), ("iso-date", &info.start.to_string())],
    );
    if today >= info.start {
        x.empty(
            "activity-date",
            &[("type", "2"), ("iso-date", &info.start.to_string())],
        );
    }
    x.empty(
        "activity-date",
        &[("type", "3"), ("iso-date", &info.end.to_string())],
    );
}

/// Where the programme works and in which sectors, as `[iati]` declares
/// them (checked at load: codes of the codelists' form, shares adding up
/// to 100). The IATI Standard's rules want a recipient country or region
/// (3.7.1) and a sector (6.2.2) on every activity.
fn places_and_sectors(x: &mut Xml, iati: &IatiSettings) {
    let percentage = |p: Option<f64>| p.map(format_value);
    for c in &iati.recipient_countries {
        let mut attrs = vec![("code", c.code.clone())];
        attrs.extend(percentage(c.percentage).map(|p| ("percentage", p)));
        x.empty("recipient-country", &borrowed(&attrs));
    }
    for r in &iati.recipient_regions {
        let mut attrs = vec![
            ("code", r.code.clone()),
            ("vocabulary", r.vocabulary.clone()),
        ];
        attrs.extend(percentage(r.percentage).map(|p| ("percentage", p)));
        x.empty("recipient-region", &borrowed(&attrs));
    }
    for s in &iati.sectors {
        let mut attrs = vec![
            ("vocabulary", s.vocabulary.clone()),
            ("code", s.code.clone()),
        ];
        attrs.extend(percentage(s.percentage).map(|p| ("percentage", p)));
        x.empty("sector", &borrowed(&attrs));
    }
}

/// Attributes held as owned strings, lent to the writer.
fn borrowed<'a>(attrs: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    attrs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// ResultType: 1 output, 2 outcome, 3 impact.
fn result_type(level: Level) -> &'static str {
    match level {
        Level::Output => "1",
        Level::Outcome => "2",
        Level::Impact => "3",
    }
}

/// One IATI result per node of the results chain and indicator level (a
/// result has one type; a node may hold indicators of several levels), in
/// reporting order.
fn results(
    programme: &Programme,
) -> Vec<(&cadre::programme::ResultNode, Level, Vec<&IndicatorDef>)> {
    let mut out = Vec::new();
    for node in &programme.results {
        let mut levels: Vec<Level> = Vec::new();
        for ind in programme
            .indicators
            .iter()
            .filter(|i| i.result == node.code)
        {
            if !levels.contains(&ind.level) {
                levels.push(ind.level);
            }
        }
        for level in levels {
            let inds = programme
                .indicators
                .iter()
                .filter(|i| i.result == node.code && i.level == level)
                .collect();
            out.push((node, level, inds));
        }
    }
    out
}

fn indicator(x: &mut Xml, programme: &Programme, ind: &IndicatorDef, tables: &[IndicatorTable]) {
    let info = &programme.info;
    let langs = &info.languages;
    // IndicatorMeasure: the measure's code (1 unit, 2 percentage, 3 nominal,
    // 4 ordinal, 5 qualitative).
    let measure = ind.measure.iati_measure(&ind.unit);
    let ascending = if ind.direction == Direction::Ceiling {
        "0"
    } else {
        "1"
    };
    // Suitable for aggregation: a total whose periods add up (rows counted,
    // amounts summed); a distinct count, a mean, a share or a level does not,
    // nor a stock (its values hold its baseline: summed, it would count twice).
    let aggregates =
        ind.kind == Kind::Total && !ind.is_stock() && ind.measure.additive_across_periods();
    x.open(
        "indicator",
        &[
            ("measure", measure.code()),
            ("ascending", ascending),
            ("aggregation-status", if aggregates { "1" } else { "0" }),
        ],
    );
    x.open("title", &[]);
    x.narratives(&ind.label, langs, &ind.code);
    x.close("title");
    if !ind.definition.is_empty() {
        x.open("description", &[]);
        x.narratives(&ind.definition, langs, "");
        x.close("description");
    }
    // A qualitative measure is published without values (IATI rules 8.8.3,
    // 8.9.3, 8.10.3); every other one with them.
    let valued = measure != IatiMeasure::Qualitative;
    if let Some(baseline) = published_baseline(programme, ind) {
        let year = baseline.date.year().max(1).to_string();
        let date = baseline.date.to_string();
        let value = format_value(baseline.value);
        let mut attrs = vec![("year", year.as_str()), ("iso-date", date.as_str())];
        if valued {
            attrs.push(("value", value.as_str()));
        }
        x.empty("baseline", &attrs);
    }
    for table in tables {
        let Some(value) = table.get(&ind.code) else {
            continue;
        };
        period(x, programme, ind, table, value, valued);
    }
    x.close("indicator");
}

/// A baseline as IATI publishes it: its value and the day it was measured.
struct PublishedBaseline {
    value: f64,
    date: NaiveDate,
}

/// The indicator's baseline, dated by its `baseline_date`, else at the
/// programme's start; none where the definitions give no baseline: IATI
/// leaves it out rather than publish a 0 nobody wrote.
fn published_baseline(programme: &Programme, ind: &IndicatorDef) -> Option<PublishedBaseline> {
    Some(PublishedBaseline {
        value: ind.baseline?,
        date: ind.baseline_date.unwrap_or(programme.info.start),
    })
}

/// The target IATI publishes for the period of `table`: the period's own
/// target when the definitions give one for exactly that period
/// (`period_targets`, which wins); else a level holds at any time, so its
/// target applies to every period; a total accumulates, so its milestone
/// due by the period's end, and the final target once the programme's end
/// is reached or when it has no milestones at all.
fn period_target(
    programme: &Programme,
    ind: &IndicatorDef,
    table: &IndicatorTable,
    value: &IndicatorValue,
) -> Option<f64> {
    if value.period_target.is_some() {
        return value.period_target;
    }
    let end_of_programme = table.period.end >= programme.info.end;
    match ind.kind {
        Kind::Level => ind.target,
        Kind::Total if end_of_programme || ind.milestones.is_empty() => ind.target,
        Kind::Total => value.milestone.map(|m| m.value),
    }
}

fn period(
    x: &mut Xml,
    programme: &Programme,
    ind: &IndicatorDef,
    table: &IndicatorTable,
    value: &IndicatorValue,
    valued: bool,
) {
    let target = period_target(programme, ind, table, value);
    // The actual is what the report states for the period: the value to
    // date (a total's cumulative count, a level's current value, such as a
    // stock of centres), never the period's own increment; except against
    // a period's own target, which the period's own value is measured by.
    let own = value.period_target.is_some();
    let pick = |period: Option<f64>, cumulative: Option<f64>| if own { period } else { cumulative };
    let actual = pick(value.period_value, value.cumulative_value);
    let number = |v: f64| -> Vec<(&'static str, String)> {
        if valued {
            vec![("value", format_value(v))]
        } else {
            Vec::new()
        }
    };
    x.open("period", &[]);
    x.empty(
        "period-start",
        &[("iso-date", &table.period.start.to_string())],
    );
    x.empty("period-end", &[("iso-date", &table.period.end.to_string())]);
    if let Some(t) = target {
        x.empty("target", &borrowed(&number(t)));
    }
    let lang = programme.default_language();
    let category_name = |b: &cadre::table::Breakdown, c: &cadre::table::Category| {
        if c.empty {
            b.empty_label.get(lang).to_owned()
        } else {
            c.category.clone()
        }
    };
    // A category's target is cumulative, as the indicator's end target:
    // not published beside a period's own values.
    for b in value.breakdowns.iter().filter(|_| !own) {
        for c in &b.categories {
            let Some(t) = c.target else {
                continue;
            };
            x.open("target", &borrowed(&number(t)));
            x.empty(
                "dimension",
                &[("name", &b.by), ("value", &category_name(b, c))],
            );
            x.close("target");
        }
    }
    if let Some(a) = actual {
        x.empty("actual", &borrowed(&number(a)));
    }
    for b in &value.breakdowns {
        for c in &b.categories {
            let Some(v) = pick(c.period_value, c.cumulative_value) else {
                continue;
            };
            let category = category_name(b, c);
            x.open("actual", &borrowed(&number(v)));
            x.empty("dimension", &[("name", &b.by), ("value", &category)]);
            x.close("actual");
        }
    }
    x.close("period");
}

/// The document's writer: quick-xml, indented by two spaces, in memory.
struct Xml {
    w: Writer<Vec<u8>>,
}

impl Xml {
    fn new() -> Xml {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .expect("writing to memory");
        Xml { w }
    }

    fn write(&mut self, event: Event<'_>) {
        // Writing into a Vec<u8> cannot fail.
        self.w.write_event(event).expect("writing to memory");
    }

    fn start_tag<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut tag = BytesStart::new(name);
        for (k, v) in attrs {
            tag.push_attribute((*k, xml_chars(v).as_ref()));
        }
        tag
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.write(Event::Start(Self::start_tag(name, attrs)));
    }

    fn close(&mut self, name: &str) {
        self.write(Event::End(BytesEnd::new(name)));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.write(Event::Empty(Self::start_tag(name, attrs)));
    }

    fn text_element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.write(Event::Text(BytesText::new(&xml_chars(text))));
        self.close(name);
    }

    /// One `narrative` per language that has a text: the activity's default
    /// language (the first) bare, the others with `xml:lang`. With no text in
    /// any language, `fallback` alone (when not empty).
    fn narratives(&mut self, text: &Localized, langs: &[Lang], fallback: &str) {
        let mut written = false;
        for (i, lang) in langs.iter().enumerate() {
            let Some(t) = text
                .0
                .get(lang.code())
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
            else {
                continue;
            };
            let attrs: &[(&str, &str)] = if i == 0 {
                &[]
            } else {
                &[("xml:lang", lang.code())]
            };
            self.text_element("narrative", attrs, t);
            written = true;
        }
        if !written {
            // A text only in a language the programme does not list, else the fallback.
            let any = text
                .get(langs.first().map(|l| l.code()).unwrap_or(""))
                .trim();
            let t = if any.is_empty() { fallback.trim() } else { any };
            if !t.is_empty() {
                self.text_element("narrative", &[], t);
            }
        }
    }

    /// The document, ending with a line break.
    fn finish(self) -> String {
        let mut out = String::from_utf8(self.w.into_inner()).expect("quick-xml writes UTF-8");
        out.push('\n');
        out
    }
}

/// Drops the characters XML 1.0 does not allow (control characters other
/// than tab, line feed and carriage return; U+FFFE, U+FFFF): a stray one in
/// a label would make the whole file invalid. Escaping is quick-xml's.
fn xml_chars(s: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        !((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')
            || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    };
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|c| allowed(*c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(name: &str, attrs: &[(&str, &str)], text: &str) -> String {
        let mut x = Xml::new();
        x.text_element(name, attrs, text);
        x.finish()
    }

    #[test]
    fn escapes_markup_quotes_and_control_characters() {
        let out = element("n", &[("a", "l'eau & <co> \"x\"\n")], "l'eau & <co>\u{1}");
        pretty_assertions::assert_eq!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <n a=\"l&apos;eau &amp; &lt;co&gt; &quot;x&quot;&#10;\">l&apos;eau &amp; &lt;co&gt;</n>\n"
        );
        assert_eq!(xml_chars("a\u{1}b\nc\u{FFFF}"), "ab\nc");
        assert_eq!(xml_chars("Économie"), "Économie");
    }
}
