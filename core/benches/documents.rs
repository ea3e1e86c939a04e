//! The calendar against the agenda: `to_ics` of the seed over rendering
//! its agenda as HTML, and a 50-meeting plan's calendar over one meeting's,
//! best of many runs, printed as `ratio:` lines.
//!
//! ```sh
//! cargo bench -p roundtable --bench documents
//! ```

use chrono::{Days, TimeZone, Utc};
use roundtable::{Document, Format, IcsOptions, Language, Meeting, MeetingPlan};

mod timing;

use timing::best_of;

fn main() {
    let seed = Meeting::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/seed-meeting.json"
    ))
    .unwrap();
    let options =
        IcsOptions::default().with_dtstamp(Utc.with_ymd_and_hms(2024, 11, 1, 8, 0, 0).unwrap());
    let runs = 2000;
    let agenda = best_of(runs, || {
        std::hint::black_box(seed.render(Document::Agenda, Format::Html, Language::Norwegian));
    });
    let ics = best_of(runs, || {
        std::hint::black_box(seed.to_ics(&options).unwrap());
    });
    let start = seed.time.date();
    let dates: Vec<_> = (0..50u64)
        .map(|w| start.checked_add_days(Days::new(7 * w)).unwrap())
        .collect();
    let plan = MeetingPlan::build(&seed, &dates).unwrap();
    let plan_ics = best_of(200, || {
        std::hint::black_box(plan.to_ics(&options).unwrap());
    });
    println!(
        "agenda HTML {:.1} µs, to_ics {:.1} µs, 50-meeting plan to_ics {:.1} µs",
        agenda.as_secs_f64() * 1e6,
        ics.as_secs_f64() * 1e6,
        plan_ics.as_secs_f64() * 1e6
    );
    println!(
        "ratio: to_ics/agenda-html = {:.2}",
        ics.as_secs_f64() / agenda.as_secs_f64()
    );
    println!(
        "ratio: plan-of-50 to_ics/one to_ics = {:.2}",
        plan_ics.as_secs_f64() / ics.as_secs_f64()
    );
}
