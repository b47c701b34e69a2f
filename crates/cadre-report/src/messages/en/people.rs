//! The words and sentences of the people chapter.

use crate::messages::people::PeopleText;

pub(in crate::messages) fn text(t: &PeopleText<'_>) -> String {
    match t {
        PeopleText::Heading => "People reached".into(),
        PeopleText::Intro => "The people reached, by sex and age band, for each dataset the programme declares. A table counts attendances, not persons: someone who came twice counts twice, and each table's total is everyone in its window, those whose sex or age is not stated included. Unique persons count each person once, where the rows name them.".into(),
        PeopleText::Age => "Age".into(),
        PeopleText::Women => "Women".into(),
        PeopleText::Men => "Men".into(),
        PeopleText::Other => "Other".into(),
        PeopleText::Unknown => "Not stated".into(),
        PeopleText::Total => "Total".into(),
        PeopleText::AllAges => "All ages".into(),
        PeopleText::Under { age } => format!("Under {age}"),
        PeopleText::Between { from, last } => format!("{from}–{last}"),
        PeopleText::From { age } => format!("{age} and over"),
        PeopleText::AgeUnknown => "Age not stated".into(),
        PeopleText::InPeriod { period } => format!("In the period ({period})"),
        PeopleText::SinceStart { end } => format!("Since the start of the programme, to {end}"),
        PeopleText::Counted => "Each row holds its counts of people by sex: the figures add them up (no age, no names).".into(),
        PeopleText::UniqueInPeriod { count, split } => {
            format!("Unique persons in the period: {count} ({split}).")
        }
        PeopleText::UniqueSinceStart { count, split } => {
            format!("Unique persons since the start: {count} ({split}).")
        }
        PeopleText::WithoutId { n, count } => format!(
            "{count} {} without a name {} not among them.",
            if *n == 1 { "row" } else { "rows" },
            if *n == 1 { "is" } else { "are" }
        ),
        PeopleText::SexCount { sex, count } => format!("{} {count}", sex.to_lowercase()),
        PeopleText::ByActivity => "By activity, in the period".into(),
        PeopleText::Activity => "Activity".into(),
        PeopleText::Date => "Date".into(),
    }
}
