//! The words of the workplan, in English.

use crate::messages::workplan::WorkplanText;

pub(in crate::messages) fn text(t: &WorkplanText) -> String {
    match t {
        WorkplanText::DeviationsHeading => "Deviations from the workplan".into(),
        WorkplanText::NextHeading { period } => format!("Workplan for {period}"),
        WorkplanText::DateColumn => "Date".into(),
        WorkplanText::ActivityColumn => "Activity".into(),
        WorkplanText::PlaceColumn => "Place".into(),
        WorkplanText::PlannedFor { date } => format!("planned for {date}"),
        WorkplanText::NotHeld { end } => format!("not held by {end}"),
        WorkplanText::NotHeldNowPlanned { end, date } => {
            format!("not held by {end}; now planned for {date}")
        }
        WorkplanText::NotHeldHeldLater { end, date } => {
            format!("not held by {end}; held on {date}")
        }
        WorkplanText::Postponed { date: Some(date) } => format!("postponed to {date}"),
        WorkplanText::Postponed { date: None } => "postponed".into(),
        WorkplanText::Cancelled => "cancelled".into(),
        WorkplanText::HeldLate { date } => format!("held late, on {date}"),
        WorkplanText::NoJustification { file } => format!("No justification in {file}."),
        WorkplanText::OverdueHeading => "Overdue activities".into(),
        WorkplanText::WarningNoJustification { activity, file } => format!(
            "the deviation from the workplan \"{activity}\" has no justification: write it in {file} under a heading `## {activity}`"
        ),
        WorkplanText::SkeletonReminder => "Deviations from the workplan: for each activity below (not held when planned, cancelled, or held late), say why, and what is done about it. Keep each heading: it names the activity. This comment is not printed.".into(),
    }
}
