//! Reading meeting documents: every bad input is a typed error with a place.

mod common;

use common::{seed, seed_text};
use roundtable::{ErrorKind, JsonCategory, Meeting, Position};

fn json_error(text: &str) -> (JsonCategory, Position, String, String) {
    match Meeting::from_json(text).unwrap_err().into_kind() {
        ErrorKind::Json {
            category,
            position,
            path,
            reason,
        } => (category, position, path, reason),
        other => panic!("expected a json error, got {other:?}"),
    }
}

/// The 1-based line and column of the first occurrence of `needle`.
fn where_is(text: &str, needle: &str) -> (u64, u64) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() as u64 + 1;
    (line, column)
}

#[test]
fn unknown_fields_are_errors_that_name_the_field_and_its_path() {
    let text = seed_text().replacen(
        "\"title\": \"Godkjenning av innkalling",
        "\"titel\": \"Godkjenning av innkalling",
        1,
    );
    let err = Meeting::from_json(&text).unwrap_err();
    let (line, column) = where_is(&text, "\"titel\"");
    match err.kind() {
        ErrorKind::UnknownField {
            position,
            path,
            field,
        } => {
            assert_eq!(field, "titel");
            assert_eq!(path, "agenda[0].titel");
            assert_eq!(position.line, line);
            // serde_json reports the column just after the key.
            assert_eq!(position.column, column + "\"titel\"".len() as u64 - 1);
        }
        other => panic!("{other:?}"),
    }
    assert!(err
        .to_string()
        .contains("unknown field `titel` at `agenda[0].titel`"));

    // Inside the kind of an item, and at the top level.
    let text = seed_text().replacen("\"speaking_limit_minutes\": 3", "\"speaking_limit\": 3", 1);
    let err = Meeting::from_json(&text).unwrap_err();
    assert_eq!(err.path(), Some("agenda[3].kind.speaking_limit"));
    let text = seed_text().replacen("\"id\":", "\"ident\": \"x\", \"id\":", 1);
    assert_eq!(Meeting::from_json(&text).unwrap_err().path(), Some("ident"));
    let text = seed_text().replacen(
        "\"given_name\": \"Anna\"",
        "\"given_name\": \"Anna\", \"Avdeling\": \"Næring\"",
        1,
    );
    assert_eq!(
        Meeting::from_json(&text).unwrap_err().path(),
        Some("roster[0].Avdeling")
    );
}

#[test]
fn extra_roster_attributes_round_trip() {
    let text = seed_text().replacen(
        "\"attendance\": \"invited\"\n    },",
        "\"attendance\": \"invited\",\n      \"extra\": {\n        \"Avdeling\": \"Næring\",\n        \"Stilling\": \"Rådgiver\"\n      }\n    },",
        1,
    );
    let m = Meeting::from_json(&text).unwrap();
    let anna = m.roster.get(0).unwrap();
    assert_eq!(anna.extra("Avdeling"), Some("Næring"));
    assert_eq!(anna.extra("Stilling"), Some("Rådgiver"));
    assert_eq!(anna.extra("Navn"), None);
    assert_eq!(m.to_json(), text);
}

#[test]
fn wrongly_typed_values_name_their_path_and_place() {
    let text = seed_text().replacen("\"given_name\": \"Anna\"", "\"given_name\": 5", 1);
    let (category, position, path, reason) = json_error(&text);
    assert_eq!(category, JsonCategory::Data);
    assert_eq!(path, "roster[0].given_name");
    assert_eq!(position.line, where_is(&text, "\"given_name\": 5").0);
    assert!(reason.contains("expected a string"), "{reason}");

    for (from, to, want_path) in [
        ("\"agenda\": [", "\"agenda\": {\"a\": [", "agenda"),
        (
            "\"role\": \"member\"",
            "\"role\": \"boss\"",
            "roster[0].role",
        ),
        (
            "\"type\": \"proposal\"",
            "\"type\": \"proposel\"",
            "agenda[2].kind.type",
        ),
        (
            "\"date\": \"2024-11-01\"",
            "\"date\": \"01.11.2024\"",
            "notice.date",
        ),
        (
            "\"speaking_limit_minutes\": 3",
            "\"speaking_limit_minutes\": -3",
            "agenda[3].kind.speaking_limit_minutes",
        ),
        (
            "\"zone\": \"Europe/Oslo\"",
            "\"zone\": \"Europe/Bergen\"",
            "time.zone",
        ),
    ] {
        let text = seed_text().replacen(from, to, 1);
        let (category, _, path, reason) = json_error(&text);
        assert_eq!(category, JsonCategory::Data, "{to}: {reason}");
        assert_eq!(path, want_path, "{to}: {reason}");
    }
}

#[test]
fn another_schema_version_is_its_own_error() {
    let text = seed_text().replacen("\"schema_version\": 1", "\"schema_version\": 2", 1);
    let err = Meeting::from_json(&text).unwrap_err();
    match err.kind() {
        ErrorKind::SchemaVersion {
            position,
            found,
            supported,
        } => {
            assert_eq!((*found, *supported), (2, 1));
            assert_eq!(position.line, 2);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.kind_name(), "schema_version");
    assert_eq!(err.path(), Some("schema_version"));
    assert!(
        err.to_string().contains("unsupported schema_version 2"),
        "{err}"
    );
}

#[test]
fn missing_required_fields_are_named() {
    let text = seed_text().replacen(
        "\"body\": \"Osloregionens faggruppe for Næringssamarbeid\",",
        "",
        1,
    );
    let (_, _, _, reason) = json_error(&text);
    assert_eq!(reason, "missing field `body`");
    let text = seed_text().replacen("\"schema_version\": 1,", "", 1);
    let (_, _, _, reason) = json_error(&text);
    assert_eq!(reason, "missing field `schema_version`");
}

#[test]
fn local_times_in_a_daylight_saving_gap_or_overlap_are_refused() {
    // 02:30 on 30 March 2025 does not exist in Oslo.
    let text = seed_text().replacen(
        "\"start\": \"2024-11-07T12:00:00\"",
        "\"start\": \"2025-03-30T02:30:00\"",
        1,
    );
    let (category, _, path, reason) = json_error(&text);
    assert_eq!(category, JsonCategory::Data);
    assert_eq!(path, "time");
    assert!(reason.contains("does not exist in Europe/Oslo"), "{reason}");
    // 02:30 on 27 October 2024 happened twice.
    let text = seed_text().replacen(
        "\"end\": \"2024-11-07T13:00:00\"",
        "\"end\": \"2024-10-27T02:30:00\"",
        1,
    );
    let (_, _, path, reason) = json_error(&text);
    assert_eq!(path, "time");
    assert!(
        reason.starts_with("end time 2024-10-27T02:30:00 is ambiguous"),
        "{reason}"
    );
    assert!(
        reason.contains("+02:00") && reason.contains("+01:00"),
        "{reason}"
    );
}

#[test]
fn the_zone_defaults_to_oslo_and_other_zones_are_kept() {
    let text = seed_text().replacen("\"zone\": \"Europe/Oslo\",", "", 1);
    assert_eq!(Meeting::from_json(&text).unwrap(), seed());
    let text = seed_text().replacen(
        "\"zone\": \"Europe/Oslo\"",
        "\"zone\": \"America/New_York\"",
        1,
    );
    let m = Meeting::from_json(&text).unwrap();
    assert_eq!(m.time.start().to_rfc3339(), "2024-11-07T12:00:00-05:00");
    assert_eq!(m.to_json(), text);
}

#[test]
fn every_truncation_is_an_error_not_a_panic() {
    let text = seed_text();
    let mut cut = 0;
    while cut < text.len() {
        if text.is_char_boundary(cut) {
            let err = Meeting::from_json(&text[..cut]).unwrap_err();
            let position = err.position().expect("json errors have a position");
            assert!(position.line >= 1);
        }
        cut += 61;
    }
    let small = r#"{"schema_version":1,"id":"x","body":"b","organiser":"o","title":"t","time":{"start":"2024-11-07T12:00:00","end":"2024-11-07T13:00:00"},"location":{"venue":"v"}}"#;
    assert!(Meeting::from_json(small).is_ok());
    for cut in 0..small.len() {
        let (category, ..) = json_error(&small[..cut]);
        assert!(
            matches!(category, JsonCategory::Eof | JsonCategory::Syntax),
            "{cut}: {category:?}"
        );
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [200, 100_000] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let top = format!("{{\"schema_version\":1,\"id\":{deep}}}");
        assert!(Meeting::from_json(&top).is_err());
        // Inside an internally tagged kind, where serde buffers the content.
        let inside = seed_text().replacen(
            "\"type\": \"proposal\"",
            &format!("\"type\": \"proposal\", \"deep\": {deep}"),
            1,
        );
        assert!(Meeting::from_json(&inside).is_err());
        let objects = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert!(Meeting::from_json(&objects).is_err());
    }
    let (_, _, _, reason) = json_error(&format!(
        "{{\"schema_version\":1,\"id\":{}",
        "[".repeat(1000)
    ));
    assert!(
        reason.contains("expected a string") || reason.contains("recursion limit"),
        "{reason}"
    );
}

#[test]
fn syntax_errors_and_odd_bytes() {
    let (category, position, ..) = json_error("{\n  \"schema_version\": 1,\n  \"id\" \"x\"\n}");
    assert_eq!(category, JsonCategory::Syntax);
    assert_eq!(position, Position { line: 3, column: 8 });

    let (category, ..) = json_error(&format!("{} x", seed_text()));
    assert_eq!(category, JsonCategory::Syntax);

    for text in ["", " ", "null", "[]", "0", "\"meeting\"", "{}"] {
        assert!(Meeting::from_json(text).is_err(), "{text:?}");
    }
    // Invalid UTF-8 inside a string.
    let mut bytes = seed_text().into_bytes();
    let at = bytes.windows(4).position(|w| w == b"Oslo").unwrap();
    bytes[at] = 0xff;
    let err = Meeting::from_json_slice(&bytes).unwrap_err();
    assert!(err.position().is_some());
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let err = Meeting::load("/nonexistent/meeting.json").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/meeting.json"));
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn a_field_of_another_item_type_is_refused_not_dropped() {
    let text = seed_text().replacen(
        "\"type\": \"proposal\"",
        "\"type\": \"proposal\", \"meeting_date\": \"2024-09-12\"",
        1,
    );
    let (category, _, path, reason) = json_error(&text);
    assert_eq!(category, JsonCategory::Data);
    assert_eq!(path, "agenda[2].kind");
    assert_eq!(
        reason,
        "field `meeting_date` does not belong to an item of type proposal"
    );

    let text = seed_text().replacen(
        "\"type\": \"minutes_approval\",\n        \"meeting_date\": \"2024-09-12\"",
        "\"type\": \"minutes_approval\"",
        1,
    );
    let (_, _, path, reason) = json_error(&text);
    assert_eq!(path, "agenda[1].kind");
    assert!(
        reason.starts_with("missing field `meeting_date`"),
        "{reason}"
    );
}
