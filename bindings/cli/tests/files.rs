//! What the command does with pipes and files (issue 28): a reader that
//! closes its pipe ends it quietly; inputs are read no further than their
//! limit; a link is written through; modes follow the umask or the file
//! replaced; an archive folder is swapped in whole.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_roundtable")
}

/// Runs the command with standard output a stream whose reader is
/// already gone: every write fails with EPIPE, deterministically (a pipe
/// closed by `head` is a race).
fn into_closed_pipe(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::os::unix::net::UnixStream::pair().unwrap();
    drop(reader);
    Command::new(bin())
        .args(args)
        .stdout(std::os::fd::OwnedFd::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let seed = data("seed-meeting.json");
    let seed = seed.to_str().unwrap();
    let replies = data("replies/meeting.json");
    let reply = data("replies/outlook-declined.ics");
    for args in [
        vec!["completions", "bash"],
        vec!["man"],
        vec!["schema"],
        vec!["render", seed, "notice"],
        vec!["ics", seed],
        vec!["validate", seed],
        vec!["reply", replies.to_str().unwrap(), reply.to_str().unwrap()],
    ] {
        let out = into_closed_pipe(&args);
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn inputs_are_read_no_further_than_their_limit() {
    // /dev/zero never ends: each reader stops one byte past its limit
    // with the limit's error.
    let out = Command::new(bin())
        .args(["validate", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("json.too_large"), "{err}");
    let out = Command::new(bin())
        .arg("reply")
        .arg(data("replies/meeting.json"))
        .arg("/dev/zero")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("reply.too_large"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

fn umask_run(umask: &str, args: &[&Path]) -> std::process::Output {
    let mut line = format!("umask {umask}; exec \"$0\"");
    for i in 0..args.len() {
        line.push_str(&format!(" \"${}\"", i + 1));
    }
    Command::new("sh")
        .arg("-c")
        .arg(line)
        .arg(bin())
        .args(args)
        .output()
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn new_files_follow_the_umask_and_replaced_ones_keep_their_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notice.md");
    let seed = data("seed-meeting.json");
    let args = [
        Path::new("render"),
        &seed,
        Path::new("notice"),
        Path::new("-o"),
        &out,
    ];
    assert!(umask_run("022", &args).status.success());
    assert_eq!(mode(&out), 0o644);
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(umask_run("077", &args).status.success());
    assert_eq!(mode(&out), 0o640);
    // An archive package's files and folder, for an archive system that
    // runs as another user.
    let package = dir.path().join("package");
    let args = [Path::new("archive"), &seed, Path::new("-o"), &package];
    umask_run("022", &args);
    assert_eq!(mode(&package), 0o755);
    assert_eq!(mode(&package.join("arkivstruktur.xml")), 0o644);
}

#[test]
fn in_place_on_a_link_changes_the_document_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::copy(data("replies/meeting.json"), &real).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let before = std::fs::read_to_string(&real).unwrap();
    let out = Command::new(bin())
        .arg("reply")
        .arg(&link)
        .arg(data("replies/outlook-declined.ics"))
        .arg("--in-place")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let after = std::fs::read_to_string(&real).unwrap();
    assert_ne!(before, after);
    assert!(after.contains("\"declined\""));
    // No temporary file left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn an_archive_folder_is_replaced_whole_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("package");
    let mut meeting: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data("seed-meeting.json")).unwrap()).unwrap();
    let path = dir.path().join("meeting.json");
    let export = |meeting: &serde_json::Value| {
        std::fs::write(&path, meeting.to_string()).unwrap();
        Command::new(bin())
            .arg("archive")
            .arg(&path)
            .args(["--kind", "arkivmelding", "-o"])
            .arg(&folder)
            .output()
            .unwrap()
    };
    let names = || {
        let mut names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let contributions = meeting["contributions"].as_array().unwrap().len();
    assert!(contributions >= 2);
    assert!(matches!(export(&meeting).status.code(), Some(0 | 1)));
    // A message per record, and each record's PDF/A and HTML or Markdown.
    assert_eq!(names().len(), 3 * (contributions + 2));
    // The same meeting with one contribution: the earlier export goes whole.
    meeting["contributions"].as_array_mut().unwrap().truncate(1);
    let out = export(&meeting);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    assert_eq!(
        names(),
        [
            "arkivmelding-01-utgaaende.xml",
            "arkivmelding-02-inngaaende.xml",
            "arkivmelding-03-notat.xml",
            "innkalling.html",
            "innkalling.pdf",
            "innspill-01.md",
            "innspill-01.pdf",
            "protokoll.html",
            "protokoll.pdf"
        ]
    );
    // A folder with anything else is refused and left as it is.
    std::fs::write(folder.join("notes.txt"), "mine").unwrap();
    let out = export(&meeting);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an earlier export"));
    assert_eq!(names().len(), 10);
    // Another meeting's package is not replaced either.
    std::fs::remove_file(folder.join("notes.txt")).unwrap();
    meeting["id"] = "another-meeting".into();
    assert_eq!(export(&meeting).status.code(), Some(2));
    // Nothing temporary is left beside the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn an_import_larger_than_the_memory_it_may_have_is_import_too_large_not_an_abort() {
    // 40 MB of rows, in a process that may map 160 MB: the import asks
    // for its room first and refuses with its code.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::from("Fornavn;Etternavn;E-post\n");
    let mut i = 0;
    while text.len() < 40 << 20 {
        text.push_str(&format!("Kari{i};Nordmann;k{i}@example.no\n"));
        i += 1;
    }
    std::fs::write(&path, &text).unwrap();
    drop(text);
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 160000; exec '{}' import '{}' > /dev/null",
            bin(),
            path.display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("import.too_large"), "{stderr}");
    assert!(stderr.contains("could not give it"), "{stderr}");
}

#[test]
fn render_writes_pdf_to_a_file_or_a_pipe_and_says_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("meeting.json");
    std::fs::copy(data("seed-meeting.json"), &meeting).unwrap();
    let pdf = dir.path().join("referat.pdf");
    let render = |args: &[&str]| {
        Command::new(bin())
            .arg("render")
            .arg(&meeting)
            .args(args)
            .output()
            .unwrap()
    };
    let out = render(&["minutes", "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"));
    // To a pipe: the same bytes.
    let piped = render(&["minutes", "--format", "PDF"]);
    assert!(piped.status.success());
    assert_eq!(piped.stdout, bytes);
    let plan = render(&[
        "plan",
        "--dates",
        "2025-02-06",
        "--format",
        "pdf",
        "--language",
        "en",
    ]);
    assert!(plan.status.success() && plan.stdout.starts_with(b"%PDF-"));
    // A character no font has: written, and a warning with its code.
    let text = std::fs::read_to_string(&meeting).unwrap();
    let emoji = text.replacen("Næringssamarbeid", "Næringssamarbeid 😀", 1);
    assert_ne!(emoji, text);
    std::fs::write(&meeting, emoji).unwrap();
    let out = render(&["notice", "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning render.missing_glyph at"));
}
