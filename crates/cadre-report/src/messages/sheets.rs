//! The words of the indicator reference sheets (`cadre sheets`, and the
//! `--reference-sheets` annex of the report): their fixed words
//! ([`SheetWord`]) and their sentences with values ([`SheetText`]).
//!
//! The sheets' data carries every [`SheetWord`] under its
//! [`key`](SheetWord::key), beside the sheets themselves, so that the
//! sheets are a self-contained document: the same data lays out alone or
//! as the report's annex, and the report's own words are left unchanged.
//! Each language writes them in its own module (`fr/sheets.rs`,
//! `en/sheets.rs`) with exhaustive `match`es, like the rest of the
//! catalogue.

use super::{Lang, en, fr};

/// Declares [`SheetWord`] with its keys and the list of every word, from
/// one list: a word cannot lack a key or be left out of [`SheetWord::ALL`].
macro_rules! sheet_words {
    ($( $(#[doc = $doc:literal])* $name:ident = $key:literal, )*) => {
        /// A fixed word of the reference sheets: a title, a heading, a
        /// label. The template reads it as `sheets.words.<key>`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum SheetWord {
            $( $(#[doc = $doc])* $name, )*
        }

        impl SheetWord {
            /// Every word, in the order of the sheets' data.
            pub const ALL: &'static [SheetWord] = &[ $( SheetWord::$name, )* ];

            /// The word's key in the sheets' data (`data-source`).
            pub fn key(self) -> &'static str {
                match self {
                    $( SheetWord::$name => $key, )*
                }
            }
        }
    };
}

sheet_words! {
    /// The document's title: "Indicator reference sheets".
    Title = "title",
    /// What the sheets are, under the title.
    Intro = "intro",
    /// The date of issue (cover).
    Issued = "issued",
    /// Label: the result the indicator measures, with its parents.
    Result = "result",
    /// Label: the indicator's level in the results chain.
    Level = "level",
    /// Label: total or level, and its direction.
    Kind = "kind",
    /// Label: the plain-language definition.
    Definition = "definition",
    /// Label: the unit.
    Unit = "unit",
    /// Label: whether more or less is better.
    Direction = "direction",
    /// Label: the breakdowns.
    Disaggregations = "disaggregations",
    /// No breakdown.
    NoDisaggregation = "no-disaggregation",
    /// Label: where the data comes from.
    DataSource = "data-source",
    /// Label: the means of verification.
    Verification = "verification",
    /// Label: the method of computation, in words.
    Method = "method",
    /// Label: the method as computed (filters as written).
    AsComputed = "as-computed",
    /// Label: how often values are reported.
    Frequency = "frequency",
    /// Label: the baseline.
    Baseline = "baseline",
    /// Label: milestones and target.
    Targets = "targets",
    /// Column heading: a milestone or target's date.
    Date = "date",
    /// Column heading: a milestone or target's value.
    Value = "value",
    /// A milestone (cumulative, due on its date).
    Milestone = "milestone",
    /// The end-of-programme target.
    EndTarget = "end-target",
    /// The end-of-programme ceiling (less is better).
    EndCeiling = "end-ceiling",
    /// A target for one period's own value (`period_targets`).
    PeriodTarget = "period-target",
    /// A target for one category of a breakdown (`targets`).
    CategoryTarget = "category-target",
    /// Label: the values reported so far.
    ValuesSoFar = "values-so-far",
    /// Column heading: the quarter.
    Quarter = "quarter",
    /// Column heading: the value of the quarter alone.
    PeriodValue = "period-value",
    /// Column heading: the value compared with the target.
    CumulativeValue = "cumulative-value",
    /// Column heading: the status.
    Status = "status",
    /// No quarter has ended yet.
    NoQuarter = "no-quarter",
    /// Label: data-quality notes.
    Quality = "quality",
    /// No rejected row nor anomaly in the indicator's datasets.
    NoQualityIssue = "no-quality-issue",
    /// A missing value.
    NoValue = "no-value",
    /// More is better.
    MoreIsBetter = "more-is-better",
    /// Less is better.
    LessIsBetter = "less-is-better",
    /// The level of an impact indicator.
    LevelImpact = "level-impact",
    /// The level of an outcome indicator.
    LevelOutcome = "level-outcome",
    /// The level of an output indicator.
    LevelOutput = "level-output",
}

impl SheetWord {
    /// The word in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => fr::sheets::word(self),
            Lang::En => en::sheets::word(self),
        }
    }
}

/// A sentence of the reference sheets with values in it, formatted for the
/// language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetText<'a> {
    /// How often values are reported: every calendar quarter, those ended.
    Frequency {
        /// How many quarters have ended by the period's end (for the plural).
        n: usize,
        /// The first quarter, in words.
        first: &'a str,
        /// The last ended quarter, in words.
        last: &'a str,
    },
    /// Rows of a dataset rejected at reading, left out of every value.
    Rejected {
        /// The dataset, as the programme labels it.
        dataset: &'a str,
        /// How many rows (for the plural).
        n: usize,
        /// How many rows, formatted.
        count: &'a str,
    },
    /// An anomaly in a dataset's accepted rows.
    Anomaly {
        /// The dataset, as the programme labels it.
        dataset: &'a str,
        /// The column concerned, as labelled (empty for whole rows).
        column: &'a str,
        /// What it is, in words.
        what: &'a str,
        /// How many rows of how many: "3 of 120".
        count: &'a str,
    },
    /// The period the values run to: "Values up to the fourth quarter 2025".
    UpTo {
        /// The period, in words.
        period: &'a str,
    },
}

impl SheetText<'_> {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::sheets::text(self),
            Lang::En => en::sheets::text(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_a_unique_key_and_words_in_each_language() {
        let mut keys: Vec<&str> = SheetWord::ALL.iter().map(|w| w.key()).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "two sheet words share a key");
        for lang in Lang::ALL {
            for w in SheetWord::ALL {
                assert!(!w.text(lang).is_empty(), "{w:?} has no {lang} text");
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let one = SheetText::Rejected {
            dataset: "D",
            n: 1,
            count: "1",
        };
        let none = SheetText::Rejected {
            dataset: "D",
            n: 0,
            count: "0",
        };
        assert!(one.render(Lang::Fr).contains("1 ligne rejetée"));
        assert!(none.render(Lang::Fr).contains("0 ligne rejetée"));
        assert!(one.render(Lang::En).contains("1 row rejected"));
        assert!(none.render(Lang::En).contains("0 rows rejected"));
    }
}
