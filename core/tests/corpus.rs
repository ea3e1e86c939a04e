//! The Rust runner of the shared corpus (`tests/corpus/*.json`): the same
//! cases run through the C header (`tests/c/test_corpus.c`) and the Python
//! package (`python/tests/test_corpus.py`). Each case file holds its input
//! and its expected outcome; see `tests/corpus/README.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use roundtable::{
    ApplyOptions, ImportMode, ImportOptions, Meeting, Roster, TextEncoding, ValidationOptions,
};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus")
}

fn input_bytes(case: &Value, text_key: &str, file_key: &str) -> Vec<u8> {
    if let Some(text) = case.get(text_key).and_then(Value::as_str) {
        return text.as_bytes().to_vec();
    }
    let file = case[file_key].as_str().expect("an input or an input file");
    std::fs::read(corpus_dir().join(file)).expect("the input file")
}

/// Checks one case; the error says what differs.
fn run(case: &Value) -> Result<(), String> {
    let expect = &case["expect"];
    match case["kind"].as_str() {
        Some("validate") => {
            let meeting = match case.get("meeting") {
                Some(m) => Meeting::from_json(&m.to_string()),
                None => Meeting::from_json_slice(&input_bytes(case, "", "meeting_file")),
            }
            .map_err(|e| format!("the meeting does not load: {e}"))?;
            let mut options = ValidationOptions::default();
            if let Some(days) = case
                .pointer("/options/min_notice_days")
                .and_then(Value::as_u64)
            {
                options = options.with_min_notice_days(days as u32);
            }
            if case.pointer("/options/quorum").and_then(Value::as_bool) == Some(true) {
                options = options.with_quorum(true);
            }
            let report = if case.pointer("/options/archive").and_then(Value::as_bool) == Some(true)
            {
                meeting.validate_for_archive(&options)
            } else {
                meeting.validate_with(&options)
            };
            let mut got: Vec<(String, String, String)> = report
                .findings()
                .iter()
                .map(|f| {
                    (
                        f.code.as_str().to_owned(),
                        f.severity.as_str().to_owned(),
                        f.path.clone(),
                    )
                })
                .collect();
            got.sort();
            let want: Vec<(String, String, String)> = expect["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(|f| {
                    (
                        f[0].as_str().unwrap().to_owned(),
                        f[1].as_str().unwrap().to_owned(),
                        f[2].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
            if got != want {
                return Err(format!("findings differ:\n  got  {got:?}\n  want {want:?}"));
            }
            Ok(())
        }
        Some("load") => {
            let text = case["input"].as_str().expect("input");
            match Meeting::from_json(text) {
                Ok(_) => Err("the document loaded".to_owned()),
                Err(e) => check_error(&e, &expect["error"]),
            }
        }
        Some("inbox") => {
            let mut meeting = Meeting::from_json_slice(&input_bytes(case, "", "meeting_file"))
                .map_err(|e| format!("the meeting does not load: {e}"))?;
            let mut receipts = Vec::new();
            for file in case["message_files"].as_array().expect("message_files") {
                let bytes =
                    std::fs::read(corpus_dir().join(file.as_str().expect("a path"))).unwrap();
                receipts.push(match meeting.receive(&bytes) {
                    Ok(r) => {
                        let kind = r.kind.as_str();
                        let codes: Vec<&str> = r.ignored.iter().map(|i| i.code.as_str()).collect();
                        let from = r.contribution.as_ref().map(|c| c.after.from.clone());
                        serde_json::json!([kind, codes, from])
                    }
                    Err(e) => serde_json::json!(["error", [e.code().as_str()], null]),
                });
            }
            if Value::from(receipts.clone()) != expect["receipts"] {
                return Err(format!("receipts {receipts:?}"));
            }
            if expect["contributions"] != meeting.contributions.len() {
                return Err(format!("{} contributions", meeting.contributions.len()));
            }
            Ok(())
        }
        Some("reply") => {
            let mut meeting = match case.get("meeting") {
                Some(m) => Meeting::from_json(&m.to_string()),
                None => Meeting::from_json_slice(&input_bytes(case, "", "meeting_file")),
            }
            .map_err(|e| format!("the meeting does not load: {e}"))?;
            let replies: Vec<Vec<u8>> = case["reply_files"]
                .as_array()
                .expect("reply_files")
                .iter()
                .map(|f| std::fs::read(corpus_dir().join(f.as_str().expect("a path"))).unwrap())
                .collect();
            // The caller's options: the sender it vouches for, whether it
            // trusts mail its server found unauthenticated.
            let mut options = ApplyOptions::new();
            if let Some(sender) = case.pointer("/options/sender").and_then(Value::as_str) {
                options = options.with_sender(sender);
            }
            options = options.with_trust_unauthenticated(
                case.pointer("/options/trust_unauthenticated")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            );
            let outcome = meeting.apply_replies_with(&replies, &options);
            let changes: Vec<Value> = outcome
                .changes
                .iter()
                .map(|c| serde_json::json!([c.person, c.field.as_str(), c.before, c.after]))
                .collect();
            let ignored: Vec<Value> = outcome
                .ignored
                .iter()
                .map(|i| serde_json::json!([i.reply, i.code.as_str(), i.line.unwrap_or(0)]))
                .collect();
            if Value::from(changes.clone()) != expect["changes"] {
                return Err(format!("changes {changes:?}"));
            }
            if Value::from(ignored.clone()) != expect["ignored"] {
                return Err(format!("ignored {ignored:?}"));
            }
            let warnings: Vec<Value> = outcome
                .warnings
                .iter()
                .map(|i| serde_json::json!([i.reply, i.code.as_str(), i.line.unwrap_or(0)]))
                .collect();
            let want_warnings = expect
                .get("warnings")
                .cloned()
                .unwrap_or(Value::Array(vec![]));
            if Value::from(warnings.clone()) != want_warnings {
                return Err(format!("warnings {warnings:?}"));
            }
            let summary: Value = serde_json::from_str(&meeting.response_summary().to_json())
                .map_err(|e| e.to_string())?;
            if summary != expect["summary"] {
                return Err(format!("summary {summary}"));
            }
            Ok(())
        }
        Some("import") => {
            let bytes = input_bytes(case, "input", "input_file");
            let mut options = ImportOptions::default();
            if case.pointer("/options/strict").and_then(Value::as_bool) == Some(true) {
                options = options.with_mode(ImportMode::Strict);
            }
            if let Some(name) = case.pointer("/options/encoding").and_then(Value::as_str) {
                options =
                    options.with_encoding(TextEncoding::from_name(name).expect("a known encoding"));
            }
            if let Some(d) = case.pointer("/options/delimiter").and_then(Value::as_str) {
                options = options.with_delimiter(d.as_bytes()[0]);
            }
            let import = match (
                Roster::from_csv_bytes(&bytes, &options),
                expect.get("error"),
            ) {
                (Err(e), Some(want)) => return check_error(&e, want),
                (Err(e), None) => return Err(format!("the import failed: {e}")),
                (Ok(_), Some(_)) => return Err("the import succeeded".to_owned()),
                (Ok(import), None) => import,
            };
            if let Some(n) = expect.get("count").and_then(Value::as_u64) {
                if import.roster.len() as u64 != n {
                    return Err(format!("{} people, want {n}", import.roster.len()));
                }
            }
            if let Some(e) = expect.get("encoding").and_then(Value::as_str) {
                if import.encoding.name() != e {
                    return Err(format!("encoding {}, want {e}", import.encoding));
                }
            }
            if let Some(d) = expect.get("delimiter").and_then(Value::as_str) {
                if char::from(import.delimiter).to_string() != d {
                    return Err(format!(
                        "delimiter {:?}, want {d:?}",
                        char::from(import.delimiter)
                    ));
                }
            }
            let person_json = |i: usize| -> Value {
                let p = import.roster.get(i).expect("an index in range").to_person();
                let extra: BTreeMap<String, String> = p.extra.clone();
                let mut json = serde_json::json!({
                    "given_name": p.given_name, "family_name": p.family_name,
                    "organisation": p.organisation, "email": p.email, "phone": p.phone,
                    "role": p.role.name(), "attendance": p.attendance.name(), "extra": extra,
                });
                // The later fields are listed in a case only when set.
                for (key, value) in [
                    ("title", p.title),
                    ("substitute_for", p.substitute_for),
                    ("excuse", p.excuse),
                    (
                        "response",
                        (p.response != roundtable::Response::NeedsAction)
                            .then(|| p.response.name().to_owned()),
                    ),
                ] {
                    if let Some(value) = value {
                        json[key] = Value::String(value);
                    }
                }
                json
            };
            if let Some(people) = expect.get("people").and_then(Value::as_array) {
                if people.len() != import.roster.len() {
                    return Err(format!(
                        "{} people, want {}",
                        import.roster.len(),
                        people.len()
                    ));
                }
                for (i, want) in people.iter().enumerate() {
                    if &person_json(i) != want {
                        return Err(format!("person {i}: got {}, want {want}", person_json(i)));
                    }
                }
            }
            if let Some(at) = expect.get("people_at").and_then(Value::as_object) {
                for (i, want) in at {
                    let i: usize = i.parse().expect("an index");
                    if i >= import.roster.len() || &person_json(i) != want {
                        return Err(format!("person {i}: want {want}"));
                    }
                }
            }
            if let Some(want) = expect.get("summary") {
                let got: Value =
                    serde_json::from_str(&import.summary().to_json()).map_err(|e| e.to_string())?;
                if &got != want {
                    return Err(format!("summary {got}, want {want}"));
                }
            }
            if let Some(problems) = expect.get("problems").and_then(Value::as_array) {
                let got: Vec<Value> = import
                    .problems
                    .iter()
                    .map(|p| serde_json::json!([p.line(), p.column(), p.code().as_str()]))
                    .collect();
                if &got != problems {
                    return Err(format!(
                        "problems differ:\n  got  {got:?}\n  want {problems:?}"
                    ));
                }
            }
            Ok(())
        }
        other => Err(format!("unknown case kind {other:?}")),
    }
}

fn check_error(e: &roundtable::Error, want: &Value) -> Result<(), String> {
    let position = e.position().map_or((0, 0), |p| (p.line, p.column));
    let mut got =
        serde_json::json!({"kind": e.kind_name(), "line": position.0, "column": position.1});
    if want.get("path").is_some() {
        got["path"] = serde_json::json!(e.path());
    }
    if want.get("code").is_some() {
        got["code"] = serde_json::json!(e.code().as_str());
    }
    if &got != want {
        return Err(format!("error differs: got {got} ({e}), want {want}"));
    }
    Ok(())
}

#[test]
fn every_corpus_case_gives_its_expected_outcome() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 60, "the corpus has {} cases", names.len());
    let mut failures = Vec::new();
    for path in &names {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        if let Err(why) = run(&case) {
            failures.push(format!(
                "{}: {why}",
                path.file_stem().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
    println!("{} corpus cases passed", names.len());
}
