//! The calendar file of arbitrary meetings keeps its byte rules: CRLF after
//! every line and no other CR or LF, no line over 75 octets, no line that
//! splits a UTF-8 character, and the title back after unfolding.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use roundtable::IcsOptions;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let m = common::meeting(data);
    let stamp = Utc.with_ymd_and_hms(2024, 11, 1, 8, 0, 0).unwrap();
    let ics = m
        .to_ics(&IcsOptions::default().with_dtstamp(stamp))
        .unwrap();
    assert!(ics.ends_with("\r\n"));
    let bytes = ics.as_bytes();
    for line in bytes.split(|b| *b == b'\n') {
        assert!(line.is_empty() || line.ends_with(b"\r"), "a bare LF");
        let body = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(!body.contains(&b'\r'), "a bare CR");
        assert!(body.len() <= 75, "{} octets", body.len());
        assert!(std::str::from_utf8(body).is_ok(), "a split character");
    }
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("SUMMARY:"));
});
