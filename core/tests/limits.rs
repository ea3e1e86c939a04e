//! Bounded under load (issue 28): every reader stops at its limit with the
//! limit's typed error, never reading an input whole first.

use roundtable::{ErrorCode, ErrorKind, JsonCategory, Meeting, MAX_DOCUMENT_BYTES};

#[test]
fn a_document_over_the_limit_is_refused_before_it_is_read_whole() {
    // /dev/zero never ends: the reader stops one byte past the limit.
    let e = Meeting::load("/dev/zero").unwrap_err();
    assert_eq!(e.code(), ErrorCode::JsonTooLarge);
    assert!(matches!(
        e.kind(),
        ErrorKind::Json {
            category: JsonCategory::TooLarge,
            ..
        }
    ));
    assert!(e.to_string().contains("MAX_DOCUMENT_BYTES"), "{e}");
    // The same from bytes, at the line and column where the limit falls.
    let mut text = b"{\n".to_vec();
    text.resize(MAX_DOCUMENT_BYTES + 1, b' ');
    let e = Meeting::from_json_slice(&text).unwrap_err();
    assert_eq!(e.code(), ErrorCode::JsonTooLarge);
    let p = e.position().unwrap();
    assert_eq!((p.line, p.column), (2, (MAX_DOCUMENT_BYTES - 1) as u64));
    // At the limit it is read (and is not a meeting).
    text.truncate(MAX_DOCUMENT_BYTES);
    assert_eq!(
        Meeting::from_json_slice(&text).unwrap_err().code(),
        ErrorCode::JsonEof
    );
}

#[test]
fn a_reply_dated_outside_the_years_1_to_9999_is_refused_and_the_document_stays_readable() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/replies/meeting.json"
    );
    let reply = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/replies/outlook-declined.ics"
    ))
    .unwrap();
    let stamp = reply
        .lines()
        .find(|l| l.starts_with("DTSTAMP"))
        .unwrap()
        .to_owned();
    for bad in ["DTSTAMP:00000101T000000Z", "DTSTAMP:99991231T235959-1400"] {
        let mut m = Meeting::load(path).unwrap();
        let e = m
            .apply_reply(reply.replace(&stamp, bad).as_bytes())
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReplyMalformed, "{bad}");
        assert!(e.to_string().contains("outside the years 1 to 9999"), "{e}");
        // Nothing entered the document, which reads back.
        assert!(m.replies.is_empty());
        Meeting::from_json(&m.to_json()).unwrap();
    }
    // The last instant of year 9999 in UTC is taken (and from the future).
    let mut m = Meeting::load(path).unwrap();
    let outcome = m
        .apply_reply(reply.replace(&stamp, "DTSTAMP:99991231T235959Z").as_bytes())
        .unwrap();
    assert_eq!(outcome.ignored[0].code.as_str(), "reply.future_dtstamp");
}
