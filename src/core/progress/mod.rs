//! Progress over time: finished sessions as records, the weekly habit (streaks, a calendar), the
//! rep progression, and export/import of the history as a file the user keeps.
//!
//! Architecture invariant: plain data and arithmetic. The time is always passed in (`now`,
//! `exported_at`), and so is where the user is (a `Zone`, which gives the offset from UTC at each
//! instant): dates are the user's own days, computed here from epoch milliseconds, with no date
//! library. What is stored stays epoch milliseconds.

mod calendar;
mod exchange;
mod history;
mod progression;
mod record;
mod schedule_streak;

pub use calendar::*;
pub use exchange::*;
pub use history::*;
pub use progression::*;
pub use record::*;
