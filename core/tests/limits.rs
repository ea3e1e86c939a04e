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
