//! The words of the report's "people reached" chapter (`report/people.rs`,
//! `people.typ`): its headings, column headings, age bands and sentences,
//! as one [`PeopleText`]. The chapter's data carries them written, so the
//! template has no words of its own; each language writes them in its own
//! module (`fr/people.rs`, `en/people.rs`) with an exhaustive `match`.

use super::{Lang, en, fr};

/// A word or sentence of the people chapter; numbers and dates arrive
/// formatted for the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleText<'a> {
    /// The chapter's heading: "People reached".
    Heading,
    /// What the tables count, under the heading.
    Intro,
    /// Column heading: the age band.
    Age,
    /// Column heading: women.
    Women,
    /// Column heading: men.
    Men,
    /// Column heading: another sex or gender.
    Other,
    /// Column heading: sex not known.
    Unknown,
    /// Column heading and last row: the total.
    Total,
    /// The row of a table without ages: every age.
    AllAges,
    /// The band under the first edge: "under 15".
    Under {
        /// The edge.
        age: u32,
    },
    /// A band between two edges: "15–24".
    Between {
        /// The lower edge (included).
        from: u32,
        /// The last age in the band (the upper edge minus one).
        last: u32,
    },
    /// The band from the last edge: "60 and over".
    From {
        /// The edge.
        age: u32,
    },
    /// The band of rows without an age.
    AgeUnknown,
    /// A table's caption: the period's rows.
    InPeriod {
        /// The period, in words ("from 1 October to 31 December 2025").
        period: &'a str,
    },
    /// A table's caption: the rows since the start.
    SinceStart {
        /// The period's last day, in words.
        end: &'a str,
    },
    /// A dataset of counts: where the figures come from.
    Counted,
    /// The unique persons of the period.
    UniqueInPeriod {
        /// How many, formatted.
        count: &'a str,
        /// Their split by sex, written ("women 12, men 10").
        split: &'a str,
    },
    /// The unique persons since the start.
    UniqueSinceStart {
        /// How many, formatted.
        count: &'a str,
        /// Their split by sex, written.
        split: &'a str,
    },
    /// Rows without a person id, not among the unique persons.
    WithoutId {
        /// How many (for the plural).
        n: u64,
        /// How many, formatted.
        count: &'a str,
    },
    /// A count of one sex in a split: "women 12".
    SexCount {
        /// The sex's word ([`PeopleText::Women`]…).
        sex: &'a str,
        /// The count, formatted.
        count: &'a str,
    },
    /// Heading of the per-activity table.
    ByActivity,
    /// Column heading: the activity.
    Activity,
    /// Column heading: its date.
    Date,
}

impl PeopleText<'_> {
    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::people::text(self),
            Lang::En => en::people::text(self),
        }
    }
}
