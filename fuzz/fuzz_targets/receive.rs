//! Arbitrary bytes received as a message: a typed error (`inbox.*`,
//! `reply.*`) that leaves the meeting as it was, or a receipt; the same
//! message again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roundtable::{ErrorCode, Meeting};

const MEETING: &str = include_str!("../../tests/data/inbox/meeting.json");

/// The meeting, read once; each input gets its own copy.
fn meeting() -> &'static Meeting {
    static READ: std::sync::OnceLock<Meeting> = std::sync::OnceLock::new();
    READ.get_or_init(|| Meeting::from_json(MEETING).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let mut m = meeting().clone();
    match m.receive(data) {
        Err(e) => {
            assert!(
                matches!(
                    e.code(),
                    ErrorCode::InboxMalformed
                        | ErrorCode::InboxTooLarge
                        | ErrorCode::ReplyMalformed
                        | ErrorCode::ReplyTooLarge
                ),
                "{e}"
            );
            assert!(m == *meeting(), "a message not read changed the meeting");
        }
        Ok(receipt) => {
            let _ = receipt.to_json();
            let after = m.clone();
            let again = m.receive(data).unwrap();
            assert!(again.contribution.is_none(), "received twice: {again:?}");
            assert!(again.changes.is_empty(), "applied twice: {again:?}");
            assert!(m == after);
        }
    }
});
