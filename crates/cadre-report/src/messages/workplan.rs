//! The words of the workplan: the deviations in a result's section, the
//! next period's workplan, the overdue activities among the summary's
//! points of attention, and the narrative's warnings and reminders about
//! `deviations.md`.

use cadre::Lang;

use super::{en, fr};

/// A sentence or heading of the workplan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkplanText<'a> {
    /// The heading of a section's deviations.
    DeviationsHeading,
    /// The heading of the next period's workplan.
    NextHeading {
        /// The next period, written (`Q1 2026`).
        period: &'a str,
    },
    /// The column of the next workplan's dates.
    DateColumn,
    /// The column of the next workplan's activities.
    ActivityColumn,
    /// The column of the next workplan's places.
    PlaceColumn,
    /// When a deviating activity was due.
    PlannedFor {
        /// The date, written.
        date: &'a str,
    },
    /// Not held by the period's end, still planned.
    NotHeld {
        /// The period's last day, written.
        end: &'a str,
    },
    /// Not held by the period's end, now planned for a later date.
    NotHeldNowPlanned {
        /// The period's last day, written.
        end: &'a str,
        /// The date now planned, written.
        date: &'a str,
    },
    /// Not held by the period's end, held later.
    NotHeldHeldLater {
        /// The period's last day, written.
        end: &'a str,
        /// When it was held, written.
        date: &'a str,
    },
    /// Postponed, to a date or not (`None` when its date is its due date).
    Postponed {
        /// The new date, written.
        date: Option<&'a str>,
    },
    /// Cancelled.
    Cancelled,
    /// Held in the period, after the period of its planned date.
    HeldLate {
        /// When it was held, written.
        date: &'a str,
    },
    /// A deviation without its justification in the narrative.
    NoJustification {
        /// The narrative file (`deviations.md`).
        file: &'a str,
    },
    /// The summary's heading of the overdue activities.
    OverdueHeading,
    /// Warning: a deviation has no justification in `deviations.md`.
    WarningNoJustification {
        /// The activity (its title).
        activity: &'a str,
        /// The narrative file.
        file: &'a str,
    },
    /// The reminder at the head of the skeleton's `deviations.md`.
    SkeletonReminder,
}

impl WorkplanText<'_> {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => fr::workplan::text(self),
            Lang::En => en::workplan::text(self),
        }
    }
}
