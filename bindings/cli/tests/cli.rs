//! The built `roundtable` binary, run as a user would: every subcommand,
//! every exit status, data on stdout and diagnostics on stderr.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/golden")
            .join(name),
    )
    .unwrap()
}

fn roundtable() -> Command {
    let mut command = Command::cargo_bin("roundtable").unwrap();
    command.env("NO_COLOR", "1");
    command
}

/// A folder with a copy of the seed meeting.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("meeting.json");
    std::fs::copy(data("seed-meeting.json"), &meeting).unwrap();
    (dir, meeting)
}

#[test]
fn help_and_version_describe_every_subcommand_with_examples() {
    let help = roundtable().arg("--help").assert().success();
    let text = String::from_utf8(help.get_output().stdout.clone()).unwrap();
    for sub in [
        "validate",
        "import",
        "render",
        "ics",
        "reply",
        "inbox",
        "archive",
        "schema",
        "seed",
        "completions",
        "man",
    ] {
        assert!(text.contains(sub), "{sub} missing from --help");
        if sub != "man" && sub != "schema" && sub != "seed" && sub != "completions" {
            roundtable()
                .args([sub, "--help"])
                .assert()
                .success()
                .stdout(predicate::str::contains("Example"));
        }
    }
    roundtable()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("roundtable {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn seed_writes_the_golden_documents() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed");
    roundtable()
        .args(["seed", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("43 files written"));
    for name in [
        "seed-meeting.ics",
        "seed-agenda.nb.md",
        "seed-minutes.en.html",
    ] {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).unwrap(),
            golden(name),
            "{name}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(out.join("archive/arkivstruktur.xml")).unwrap(),
        golden("seed-arkivstruktur.xml")
    );
    assert_eq!(
        std::fs::read_to_string(out.join("archive/arkivmelding-07-notat.xml")).unwrap(),
        golden("seed-arkivmelding/arkivmelding-07-notat.xml")
    );
    // Each document as PDF/A-2a and PDF/UA-1, in both languages.
    for name in ["seed-notice.nb.pdf", "seed-minutes.en.pdf"] {
        let pdf = std::fs::read(out.join(name)).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"), "{name}");
    }
    // The documents the archive's XML refers to are beside it.
    for name in [
        "innkalling.html",
        "innkalling.pdf",
        "saksliste.html",
        "protokoll.pdf",
        "innspill-05.md",
        "innspill-05.pdf",
    ] {
        assert!(out.join("archive").join(name).is_file(), "{name}");
    }
}

#[test]
fn validate_exit_status_is_0_1_or_2() {
    let (dir, meeting) = workspace();
    // Warnings only: 0.
    roundtable()
        .arg("validate")
        .arg(&meeting)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors, 5 warnings"));
    // As JSON: the report with its codes.
    let out = roundtable()
        .args(["validate", "--format", "json"])
        .arg(&meeting)
        .assert()
        .code(0);
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        report["findings"].as_array().map(Vec::len),
        Some(5),
        "{report}"
    );
    // An error found: 1.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meeting).unwrap()).unwrap();
    doc["title"] = "".into();
    let broken = dir.path().join("no-title.json");
    std::fs::write(&broken, doc.to_string()).unwrap();
    roundtable()
        .arg("validate")
        .arg(&broken)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("meeting.missing_field"));
    // Unreadable: 2, with the place.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"schema_version\": 1,\n  \"titel\": \"x\"\n}\n").unwrap();
    roundtable()
        .arg("validate")
        .arg(&bad)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("json.unknown_field"))
        .stderr(predicate::str::contains("bad.json:3:"))
        .stderr(predicate::str::contains("3 │   \"titel\": \"x\""))
        .stderr(predicate::str::contains("^"));
    roundtable()
        .arg("validate")
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.json"));
    roundtable()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder"));
}

#[test]
fn import_prints_the_roster_and_reports_problems_by_code() {
    let out = roundtable()
        .arg("import")
        .arg(data("import/messy.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "13 rows read, 11 people imported, 2 rows skipped",
        ))
        .stderr(predicate::str::contains("roster.email ×2: line 3, 5"))
        .stderr(predicate::str::contains("import.unknown_value ×5"));
    let roster: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(roster.as_array().map(Vec::len), Some(11));
    // Many of one code: the first twenty lines, then how many more.
    let dir = tempfile::tempdir().unwrap();
    let many = dir.path().join("many.csv");
    let rows: String = (0..25)
        .map(|i| format!("Kari{i};Nordmann;kari{i}@@example.no\n"))
        .collect();
    std::fs::write(&many, format!("Fornavn;Etternavn;E-post\n{rows}")).unwrap();
    let lines: Vec<String> = (2..22).map(|l| l.to_string()).collect();
    roundtable()
        .arg("import")
        .arg(&many)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "roster.email ×25: line {}, … (5 more)",
            lines.join(", ")
        )))
        .stderr(predicate::str::contains("e.g. line 2, column \"E-post\""));
    // The seed imports cleanly: 0.
    roundtable()
        .arg("import")
        .arg(data("roster-seed.tsv"))
        .assert()
        .code(0)
        .stderr(predicate::str::contains("45 rows read, 45 people imported"));
    // Strict stops at the first error, with its place: 2.
    roundtable()
        .args(["import", "--strict"])
        .arg(data("import/messy.csv"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("messy.csv:3:4"))
        .stderr(predicate::str::contains("[roster.email]"));
    roundtable()
        .args(["import", "--encoding", "ebcdic"])
        .arg(data("roster-seed.tsv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("argument.invalid"));
}

#[test]
fn import_into_a_meeting_replaces_its_roster_atomically() {
    let (dir, meeting) = workspace();
    let before = std::fs::read(&meeting).unwrap();
    // A failed import leaves the document as it was, and no stray file.
    roundtable()
        .args(["import", "--strict", "--into"])
        .arg(&meeting)
        .arg(data("import/messy.csv"))
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&meeting).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["meeting.json"]);
    // A document that is not a meeting is refused before the import.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "not json").unwrap();
    roundtable()
        .args(["import", "--into"])
        .arg(&bad)
        .arg(data("roster-seed.tsv"))
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&bad).unwrap(), b"not json");
    // A successful one replaces the roster.
    roundtable()
        .args(["import", "--into"])
        .arg(&meeting)
        .arg(data("import/messy.csv"))
        .assert()
        .code(1)
        .stdout("");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meeting).unwrap()).unwrap();
    assert_eq!(doc["roster"].as_array().map(Vec::len), Some(11));
    assert_eq!(doc["roster"][1]["title"], "Rådgiver");
}

#[test]
fn import_into_a_folder_that_cannot_be_written_leaves_the_document() {
    let (dir, meeting) = workspace();
    let before = std::fs::read(&meeting).unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let target = locked.join("meeting.json");
    std::fs::copy(&meeting, &target).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    // Whether the folder is really closed to us (root writes anyway):
    // probed, so that the test checks what it can on this machine.
    let closed = std::fs::write(locked.join("probe"), b"").is_err();
    let run = roundtable()
        .args(["import", "--into"])
        .arg(&target)
        .arg(data("roster-seed.tsv"))
        .assert();
    if closed {
        run.code(2).stderr(predicate::str::contains("meeting.json"));
        assert_eq!(std::fs::read(&target).unwrap(), before);
    } else {
        run.code(0);
    }
    // An output in a folder that does not exist: 2, nothing written.
    roundtable()
        .args(["import", "--out"])
        .arg(dir.path().join("no/such/folder/roster.csv"))
        .arg(data("roster-seed.tsv"))
        .assert()
        .code(2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn import_writes_csv_or_json_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("roster.csv");
    let json = dir.path().join("roster.json");
    for out in [&csv, &json] {
        roundtable()
            .args(["import", "--out"])
            .arg(out)
            .arg(data("roster-seed.tsv"))
            .assert()
            .code(0)
            .stdout("");
    }
    assert!(std::fs::read_to_string(&csv)
        .unwrap()
        .starts_with("Fornavn;Etternavn;"));
    let people: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(people.as_array().map(Vec::len), Some(45));
}

#[test]
fn render_ics_and_schema_write_data_to_stdout_or_a_file() {
    let (dir, meeting) = workspace();
    roundtable()
        .arg("render")
        .arg(&meeting)
        .arg("agenda")
        .assert()
        .success()
        .stdout(golden("seed-agenda.nb.md"));
    let html = dir.path().join("minutes.html");
    roundtable()
        .arg("render")
        .arg(&meeting)
        .args(["minutes", "--format", "html", "--language", "en", "-o"])
        .arg(&html)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&html).unwrap(),
        golden("seed-minutes.en.html")
    );
    roundtable()
        .arg("render")
        .arg(&meeting)
        .args(["plan", "--dates", "2025-02-06,2025-05-29"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Kristi himmelfartsdag"));
    // A plan without dates, an unknown format: usage errors (2).
    roundtable()
        .arg("render")
        .arg(&meeting)
        .arg("plan")
        .assert()
        .code(2);
    roundtable()
        .arg("render")
        .arg(&meeting)
        .args(["agenda", "--format", "docx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown format \"docx\""));
    roundtable()
        .arg("ics")
        .arg(&meeting)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("BEGIN:VCALENDAR\r\n"))
        .stdout(predicate::str::contains("METHOD:PUBLISH"));
    // The seed's notice has no contact email: a request is refused.
    roundtable()
        .arg("ics")
        .arg(&meeting)
        .args(["--method", "request"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("calendar.no_organizer"));
    let schema = roundtable().arg("schema").assert().success();
    let schema: serde_json::Value = serde_json::from_slice(&schema.get_output().stdout).unwrap();
    assert_eq!(schema["title"], "Meeting");
}

#[test]
fn completions_and_man_page_come_from_the_definition() {
    roundtable()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_roundtable"))
        .stdout(predicate::str::contains("validate"));
    roundtable()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH roundtable"));
    roundtable().arg("frobnicate").assert().code(2);
}

#[test]
fn reply_answers_for_the_named_sender_only() {
    let dir = tempfile::tempdir().unwrap();
    let both = dir.path().join("both.ics");
    std::fs::write(
        &both,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n\
         UID:osloregionen-naering-2024-11-07@roundtable\r\nDTSTAMP:20241102T081500Z\r\n\
         ATTENDEE;PARTSTAT=DECLINED:mailto:trond.haugen@drammen.kommune.no\r\n\
         ATTENDEE;PARTSTAT=DECLINED:mailto:siri.odegard@asker.kommune.no\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    // Two answers and no sender: nothing applied.
    roundtable()
        .arg("reply")
        .arg(data("replies/meeting.json"))
        .arg(&both)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning reply.several_attendees"))
        .stderr(predicate::str::contains(
            "6 invited: 0 accepted, 0 declined",
        ));
    // Named: that one answer, the other reported.
    roundtable()
        .arg("reply")
        .arg(data("replies/meeting.json"))
        .arg(&both)
        .args(["--sender", "trond.haugen@drammen.kommune.no"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Trond Haugen: response needs_action → declined",
        ))
        .stdout(predicate::str::contains("warning reply.not_sender"))
        .stderr(predicate::str::contains(
            "6 invited: 0 accepted, 1 declined",
        ));
}

#[test]
fn reply_applies_replies_and_writes_the_meeting_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("meeting.json");
    std::fs::copy(data("replies/meeting.json"), &meeting).unwrap();
    let original = std::fs::read(&meeting).unwrap();
    let replies = [
        data("replies/outlook-declined-base64.eml"),
        data("replies/unknown-attendee.ics"),
    ];

    // Without --in-place or -o: the outcome is printed, nothing is written.
    roundtable()
        .arg("reply")
        .arg(&meeting)
        .args(&replies)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Jonas Vårum Olafsen: response needs_action → declined",
        ))
        .stdout(predicate::str::contains(
            "unknown-attendee.ics:8: warning reply.unknown_attendee",
        ))
        .stdout(predicate::str::contains(
            "did you mean trond.haugen@drammen.kommune.no?",
        ))
        .stderr(predicate::str::contains(
            "6 invited: 0 accepted, 1 declined",
        ));
    assert_eq!(std::fs::read(&meeting).unwrap(), original);

    // --in-place: written back; the same replies again change nothing.
    roundtable()
        .arg("reply")
        .arg(&meeting)
        .args(&replies)
        .arg("--in-place")
        .assert()
        .code(0);
    let updated = std::fs::read_to_string(&meeting).unwrap();
    assert!(updated.contains("\"response\": \"declined\""), "{updated}");
    let again = roundtable()
        .arg("reply")
        .arg(&meeting)
        .args(&replies)
        .args(["--format", "json"])
        .assert()
        .code(0);
    let outcome: serde_json::Value = serde_json::from_slice(&again.get_output().stdout).unwrap();
    assert_eq!(outcome["changes"], serde_json::json!([]));
    assert_eq!(outcome["ignored"][0]["code"], "reply.already_applied");
    assert_eq!(outcome["ignored"][0]["in_message"], true);

    // A malformed reply: exit 1, the others applied, written with -o.
    let out = dir.path().join("out.json");
    roundtable()
        .arg("reply")
        .arg(&meeting)
        .arg(data("replies/malformed-partstat.ics"))
        .arg(data("replies/google-accepted.ics"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "malformed-partstat.ics:8: error reply.malformed",
        ));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("\"response\": \"accepted\""));

    // A reply file that is missing: exit 2, nothing applied or written.
    let before = std::fs::read(&meeting).unwrap();
    roundtable()
        .arg("reply")
        .arg(&meeting)
        .arg(data("replies/google-accepted.ics"))
        .arg(dir.path().join("missing.eml"))
        .arg("--in-place")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.eml"));
    assert_eq!(std::fs::read(&meeting).unwrap(), before);

    // The agenda with the answers so far.
    roundtable()
        .args(["render"])
        .arg(&meeting)
        .args(["agenda", "--responses", "--language", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("**Declined:** 1"));
}

#[test]
fn archive_writes_the_package_and_reports_the_archives_checks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("arkiv");
    let out2 = dir.path().join("arkiv2");
    roundtable()
        .arg("archive")
        .arg(data("seed-meeting.json"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("archive.missing_number"))
        .stdout(predicate::str::contains("arkivstruktur.xml"));
    assert_eq!(
        std::fs::read_to_string(out.join("arkivstruktur.xml")).unwrap(),
        golden("seed-arkivstruktur.xml")
    );
    roundtable()
        .arg("archive")
        .arg(data("archive/meeting.json"))
        .args([
            "--kind",
            "arkivmelding",
            "--created-by",
            "Sekretariatet",
            "-o",
        ])
        // Another meeting: a folder of its own (the seed's is refused,
        // tests/files.rs).
        .arg(&out2)
        .assert()
        .code(0)
        // Its third item's title holds a national identity number: the
        // archive screens it, and the secretariat hears of it.
        .stderr(predicate::str::contains(
            "warning privacy.national_id at agenda[2].title",
        ));
    let first = std::fs::read_to_string(out2.join("arkivmelding-01-utgaaende.xml")).unwrap();
    assert!(first.contains("<opprettetAv>Sekretariatet</opprettetAv>"));
    roundtable()
        .arg("archive")
        .arg(data("seed-meeting.json"))
        .args(["--kind", "noark4", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("moetemappe"));
}

#[test]
fn inbox_receives_a_mailbox_and_says_what_each_message_became() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("meeting.json");
    std::fs::copy(data("inbox/meeting.json"), &meeting).unwrap();
    let before = std::fs::read_to_string(&meeting).unwrap();
    // Two not applied (an automatic reply, a stranger): exit 1; without
    // --in-place the document stays as it was.
    roundtable()
        .args(["inbox", meeting.to_str().unwrap()])
        .arg(data("inbox/mailbox.mbox"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "mailbox.mbox#1: contribution from Asker kommune (Siri Ødegård) to item 4 added",
        ))
        .stdout(predicate::str::contains(
            "#6: contribution from Drammen kommune (Trond Haugen) to item 4 replaced",
        ))
        .stdout(predicate::str::contains(
            "did you mean siri.odegard@asker.kommune.no?",
        ))
        .stderr(predicate::str::contains(
            "7 messages: 5 contributions, 0 replies, 2 not applied",
        ))
        .stderr(predicate::str::contains("contribution.unknown_sender ×1"));
    assert_eq!(std::fs::read_to_string(&meeting).unwrap(), before);
    // One clean message, in place, as JSON: exit 0, the document written.
    let out = roundtable()
        .args([
            "inbox",
            meeting.to_str().unwrap(),
            "--in-place",
            "--format",
            "json",
        ])
        .arg(data("inbox/thunderbird-flowed.eml"))
        .assert()
        .code(0);
    let receipts: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(receipts[0]["kind"], "contribution");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meeting).unwrap()).unwrap();
    assert_eq!(written["contributions"][0]["from"], "Lillestrøm kommune");
    // A message that is no e-mail: exit 2.
    let junk = dir.path().join("junk.eml");
    std::fs::write(&junk, b"\x00\x01").unwrap();
    roundtable()
        .args(["inbox", meeting.to_str().unwrap()])
        .arg(&junk)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("inbox.malformed"));
}
