//! Arbitrary bytes as a reply to the invitation (an iCalendar object or an
//! e-mail): a typed error that leaves the meeting as it was, or an outcome
//! whose lines lie within the input; the same reply applied again changes
//! nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roundtable::{ErrorCode, Meeting};

const MEETING: &str = include_str!("../../tests/data/replies/meeting.json");

/// The meeting, read once (reading it for each input cost more than the
/// reply); each input gets its own copy.
fn meeting() -> &'static Meeting {
    static READ: std::sync::OnceLock<Meeting> = std::sync::OnceLock::new();
    READ.get_or_init(|| Meeting::from_json(MEETING).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let mut m = meeting().clone();
    match m.apply_reply(data) {
        Err(e) => {
            assert!(
                matches!(e.code(), ErrorCode::ReplyMalformed | ErrorCode::ReplyTooLarge),
                "{e}"
            );
            assert!(m == *meeting(), "a failed reply changed the meeting");
        }
        Ok(outcome) => {
            // Lines count in the calendar text, which is never longer in
            // lines than what it was decoded from by more than base64's
            // and quoted-printable's expansion; bound it loosely.
            // A lone CR ends a line too, as the reader counts (and as
            // editors show) them.
            let lone_cr = data
                .windows(2)
                .filter(|w| w[0] == b'\r' && w[1] != b'\n')
                .count()
                + usize::from(data.last() == Some(&b'\r'));
            let lines = (data.split(|b| *b == b'\n').count() + lone_cr) as u64;
            for i in &outcome.ignored {
                if let Some(line) = i.line {
                    assert!(line >= 1);
                    assert!(i.in_message || line <= lines, "line {line} of {lines}");
                }
            }
            let again = m.apply_reply(data).unwrap();
            assert!(again.changes.is_empty(), "applied twice: {:?}", again.changes);
        }
    }
});
