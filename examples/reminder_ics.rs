//! Prints a reminder's .ics file (Monday, Wednesday and Friday at 07:30, German texts long
//! enough to fold) to stdout, for checking it against another iCalendar parser:
//! `cargo run --example reminder_ics > /tmp/reminder.ics`.

use bia::core::progress::Day;
use bia::core::reminder::{Invitation, Schedule, ics};

fn main() {
    let schedule = Schedule {
        // Monday first.
        days: [true, false, true, false, true, false, false],
        minute_of_day: 7 * 60 + 30,
    };
    let today = Day::from_ymd(2026, 3, 3).expect("a real date");
    let invitation = Invitation {
        title: "Hüftroutine: zehn Übungen",
        description: "Zeit für deine Hüftübungen! Zehn Übungen, etwa zwanzig Minuten: \
                      Muschel, Brücke, seitliches Beinheben. Größere Schritte, weniger \
                      Schmerzen; bleib dran, jede Woche zählt.",
        alarm_text: "Zeit für die Hüftübungen",
        url: "https://bia.example.org/hip-routine/?utm_source=calendar&utm_medium=reminder\
              &lang=de#today-and-every-chosen-weekday",
        uid: "reminder-example@bia",
        stamp: today.start_ms() + 9 * 3_600_000,
        from: today,
        duration_minutes: 20,
    };
    let file = ics(&schedule, &invitation).expect("days are chosen");
    print!("{file}");
}
