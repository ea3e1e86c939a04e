//! Contributions by e-mail (issue 29): messages written by Python's own
//! `email` package in the shapes real clients send
//! (`tests/data/inbox/make_messages.py`), received into a meeting with a
//! round table.

use roundtable::{ApplyOptions, LeftOutKind, Meeting, ReceiptKind};

fn data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data")
        .join(name)
}

fn meeting() -> Meeting {
    Meeting::load(data("inbox/meeting.json")).unwrap()
}

fn message(name: &str) -> Vec<u8> {
    std::fs::read(data(&format!("inbox/{name}"))).unwrap()
}

fn codes(receipt: &roundtable::Receipt) -> Vec<&'static str> {
    receipt.ignored.iter().map(|i| i.code.as_str()).collect()
}

#[test]
fn outlook_html_in_windows_1252_becomes_markdown_without_its_closing_or_quote() {
    let mut m = meeting();
    let receipt = m.receive(&message("outlook-html.eml")).unwrap();
    assert_eq!(receipt.kind, ReceiptKind::Contribution, "{receipt:?}");
    let c = &receipt.contribution.as_ref().unwrap().after;
    assert_eq!(
        c.body,
        "**Asker kommune**\n\nVi har vedtatt ny næringsplan. Hovedpunkter:\n\n\
         - Kompetanse og rekruttering\n- Areal til *næring*"
    );
    assert_eq!(c.from, "Asker kommune");
    assert_eq!(c.presenter.as_deref(), Some("Siri Ødegård"));
    assert_eq!(c.item.as_deref(), Some("4"));
    assert_eq!(
        c.submitted_at.unwrap().to_rfc3339(),
        "2024-11-07T16:20:00+01:00"
    );
    let source = c.source.as_ref().unwrap();
    assert_eq!(source.message_id, "AM0PR01MB1234@eurprd01.prod.outlook.com");
    assert_eq!(source.subject, "SV: Innkalling til møte 7. november");
    assert_eq!(source.sender, "siri.odegard@asker.kommune.no");
    let kinds: Vec<LeftOutKind> = receipt.left_out.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [LeftOutKind::Quoted, LeftOutKind::Closing]);
    assert!(receipt.left_out[1].text.contains("Tlf. 412 03 424"));
    assert!(receipt.ignored.is_empty());
    assert_eq!(m.contributions.len(), 1);
    // Validation takes it as any contribution: on time (the day after is
    // allowed), for the round table.
    let report = m.validate();
    assert!(
        !report
            .findings()
            .iter()
            .any(|f| f.code.as_str().starts_with("contribution.")),
        "{:?}",
        report.findings()
    );
}

#[test]
fn gmail_prefers_the_plain_text_and_keeps_sami_letters() {
    let mut m = meeting();
    let receipt = m.receive(&message("gmail-alternative.eml")).unwrap();
    let c = &receipt.contribution.as_ref().unwrap().after;
    assert_eq!(
        c.body,
        "Drammen: arbeidet med sámi áššit (čđŋšŧž) og næringsarealer går videre."
    );
    assert_eq!(
        c.source.as_ref().unwrap().subject,
        "Innspill fra Drammen – Sámi áššit"
    );
    assert_eq!(receipt.left_out[0].kind, LeftOutKind::Quoted);
}

#[test]
fn flowed_text_is_joined_and_the_signature_left_out() {
    let mut m = meeting();
    let receipt = m.receive(&message("thunderbird-flowed.eml")).unwrap();
    let c = &receipt.contribution.as_ref().unwrap().after;
    assert_eq!(
        c.body,
        "Lillestrøm arbeider med en ny strategi for næringsutvikling som vedtas i desember."
    );
    assert_eq!(receipt.left_out[0].kind, LeftOutKind::Signature);
}

#[test]
fn what_is_no_contribution_changes_nothing_and_says_why() {
    let mut m = meeting();
    let before = m.clone();
    let away = m.receive(&message("auto-reply.eml")).unwrap();
    assert_eq!(away.kind, ReceiptKind::Nothing);
    assert_eq!(codes(&away), ["contribution.not_a_contribution"]);
    let stranger = m.receive(&message("unknown-sender.eml")).unwrap();
    assert_eq!(codes(&stranger), ["contribution.unknown_sender"]);
    assert_eq!(
        stranger.ignored[0].suggestion.as_deref(),
        Some("siri.odegard@asker.kommune.no")
    );
    assert_eq!(m, before);
    // Not e-mail at all.
    let e = m.receive(b"\x00\x01 just bytes").unwrap_err();
    assert_eq!(e.code().as_str(), "inbox.malformed");
    let big = vec![b'a'; roundtable::MAX_MESSAGE_BYTES + 1];
    assert_eq!(
        m.receive(&big).unwrap_err().code().as_str(),
        "inbox.too_large"
    );
    assert_eq!(m, before);
}

#[test]
fn text_attachments_are_read_and_others_named_and_reported() {
    let mut m = meeting();
    let receipt = m.receive(&message("attachments.eml")).unwrap();
    let c = &receipt.contribution.as_ref().unwrap().after;
    assert_eq!(
        c.body,
        "Se vedlagt innspill.\n\nDrammen: næringsarealer i Lierstranda."
    );
    assert_eq!(
        c.source.as_ref().unwrap().attachments,
        ["innspill.txt", "rapport.pdf"]
    );
    assert_eq!(codes(&receipt), ["contribution.attachment_not_read"]);
}

#[test]
fn the_same_message_twice_and_an_older_one_change_nothing_and_a_newer_one_replaces() {
    let gmail = message("gmail-alternative.eml");
    let attached = message("attachments.eml");
    // Both from Trond: the attachment message is the newer (20:00).
    let mut m = meeting();
    m.receive(&gmail).unwrap();
    let newer = m.receive(&attached).unwrap();
    let change = newer.contribution.as_ref().unwrap();
    assert!(change
        .before
        .as_ref()
        .unwrap()
        .body
        .starts_with("Drammen: arbeidet"));
    assert_eq!(m.contributions.len(), 1);
    let again = m.receive(&attached).unwrap();
    assert_eq!(codes(&again), ["contribution.duplicate"]);
    let older = m.receive(&gmail).unwrap();
    assert_eq!(codes(&older), ["contribution.duplicate"]);
    assert!(m.contributions[0].body.starts_with("Se vedlagt"));
    // Any order of the same messages gives the same meeting.
    let all = [
        message("outlook-html.eml"),
        gmail.clone(),
        attached.clone(),
        message("thunderbird-flowed.eml"),
        message("auto-reply.eml"),
    ];
    let mut first = meeting();
    let receipts = first.receive_all(&all);
    assert_eq!(receipts.len(), 5);
    assert_eq!(receipts[4].kind, ReceiptKind::Nothing);
    assert_eq!(receipts[1].message, 1);
    for rotation in 1..all.len() {
        let mut turned = all.clone();
        turned.rotate_left(rotation);
        let mut other = meeting();
        other.receive_all(&turned);
        let mut a = first.contributions.clone();
        let mut b = other.contributions.clone();
        a.sort_by(|x, y| x.from.cmp(&y.from));
        b.sort_by(|x, y| x.from.cmp(&y.from));
        assert_eq!(a, b, "rotation {rotation}");
    }
    assert_eq!(first.contributions.len(), 3);
}

#[test]
fn a_calendar_reply_goes_to_the_replies() {
    let mut m = meeting();
    let reply = std::fs::read(data("replies/google-accepted-quoted-printable.eml")).unwrap();
    let receipt = m.receive(&reply).unwrap();
    assert_eq!(receipt.kind, ReceiptKind::Reply);
    assert_eq!(receipt.changes.len(), 1, "{receipt:?}");
    assert!(m.contributions.is_empty());
}

#[test]
fn unauthenticated_mail_is_not_a_contribution_unless_trusted() {
    let text = String::from_utf8(message("thunderbird-flowed.eml")).unwrap();
    let forged = format!(
        "Authentication-Results: mx.osloregionen.no; dmarc=fail header.from=lillestrom.kommune.no\r\n{text}"
    );
    let mut m = meeting();
    let receipt = m.receive(forged.as_bytes()).unwrap();
    assert_eq!(codes(&receipt), ["inbox.unauthenticated"]);
    assert!(m.contributions.is_empty());
    let trusting = ApplyOptions::new().with_trust_unauthenticated(true);
    let receipt = m.receive_with(forged.as_bytes(), &trusting).unwrap();
    assert_eq!(receipt.kind, ReceiptKind::Contribution);
}

fn message_ids(messages: &[Vec<u8>]) -> Vec<String> {
    messages
        .iter()
        .map(|m| {
            let text = String::from_utf8_lossy(m);
            text.lines()
                .find_map(|l| l.strip_prefix("Message-ID: ").map(str::to_owned))
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn an_mbox_and_a_maildir_written_by_python_give_the_same_messages() {
    let mbox: Vec<Vec<u8>> = roundtable::read_mailbox(data("inbox/mailbox.mbox"))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let maildir: Vec<Vec<u8>> = roundtable::read_mailbox(data("inbox/maildir"))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(mbox.len(), 7);
    assert_eq!(message_ids(&mbox), message_ids(&maildir));
    // ">From " is unescaped; no separator line stays in a message.
    let last = String::from_utf8_lossy(&mbox[6]).into_owned();
    assert!(last.contains("\nFrom now on we meet monthly."), "{last}");
    assert!(mbox.iter().all(|m| !m.starts_with(b"From ")));
    // The messages received from the mailbox: five contributions (Trond's
    // two are one, the newer), the automatic reply and the stranger not.
    let mut m = meeting();
    let receipts = m.receive_all(&mbox);
    let kinds: Vec<ReceiptKind> = receipts.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            ReceiptKind::Contribution,
            ReceiptKind::Contribution,
            ReceiptKind::Contribution,
            ReceiptKind::Nothing,
            ReceiptKind::Nothing,
            ReceiptKind::Contribution,
            ReceiptKind::Contribution,
        ]
    );
    assert_eq!(m.contributions.len(), 4);
    // A folder of .eml files is a mailbox too.
    let folder: Vec<Vec<u8>> = roundtable::read_mailbox(data("inbox"))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(folder.len(), 8);
}

#[test]
fn a_file_that_is_no_mailbox_is_inbox_malformed() {
    let e = roundtable::read_mailbox(data("inbox/meeting.json"))
        .err()
        .unwrap();
    assert_eq!(e.code().as_str(), "inbox.malformed");
    let e = roundtable::read_mailbox(data("inbox/nothing-here"))
        .err()
        .unwrap();
    assert_eq!(e.code().as_str(), "io");
}

#[test]
fn docx_and_odt_attachments_written_by_python_docx_and_odfpy_are_read_as_markdown() {
    let mut m = meeting();
    let receipt = m.receive(&message("office-attachments.eml")).unwrap();
    assert!(receipt.ignored.is_empty(), "{:?}", receipt.ignored);
    let c = &receipt.contribution.as_ref().unwrap().after;
    assert_eq!(
        c.body,
        "Vedlagt.\n\n\
         # Innspill fra Asker kommune\n\n\
         Asker har vedtatt **ny næringsplan** i *oktober*.\n\n\
         - Kompetanse og rekruttering\n- Areal til næring\n\n\
         ## Sámi\n\nÁššit: čđŋšŧž.\n\n\
         # Innspill fra Drammen kommune\n\n\
         Drammen satser på **Lierstranda**.\n\n\
         - Næringsarealer\n- Samferdsel"
    );
    assert_eq!(
        c.source.as_ref().unwrap().attachments,
        ["innspill.docx", "innspill.odt"]
    );
    // A .docx that is no zip is named and reported, not read.
    let text = String::from_utf8(message("attachments.eml")).unwrap();
    let broken = text.replace("filename=\"rapport.pdf\"", "filename=\"rapport.docx\"");
    let receipt = meeting().receive(broken.as_bytes()).unwrap();
    assert_eq!(codes(&receipt), ["contribution.attachment_not_read"]);
    assert!(
        receipt.ignored[0].reason.contains("no zip file"),
        "{}",
        receipt.ignored[0].reason
    );
}

#[test]
fn apple_mail_keeps_the_answer_and_leaves_the_quoted_thread_out() {
    let mut m = meeting();
    let receipt = m.receive(&message("apple-mail.eml")).unwrap();
    let c = &receipt.contribution.as_ref().unwrap().after;
    assert_eq!(
        c.body,
        "Lillestrøm: vi deler gjerne erfaringer fra næringsarbeidet på neste møte."
    );
    assert_eq!(receipt.left_out[0].kind, LeftOutKind::Quoted);
    assert!(receipt.left_out[0]
        .text
        .contains("Send innspill skriftlig."));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// Any order of the same messages gives the same meeting.
    #[test]
    fn any_order_of_the_same_messages_gives_the_same_meeting(
        order in proptest::strategy::Strategy::prop_shuffle(proptest::strategy::Just((0..9usize).collect::<Vec<_>>()))
    ) {
        let names = [
            "outlook-html.eml", "gmail-alternative.eml", "thunderbird-flowed.eml",
            "attachments.eml", "office-attachments.eml", "apple-mail.eml",
            "auto-reply.eml", "unknown-sender.eml", "outlook-html.eml",
        ];
        let all: Vec<Vec<u8>> = names.iter().map(|n| message(n)).collect();
        let mut reference = meeting();
        reference.receive_all(&all);
        let mut shuffled = meeting();
        let turned: Vec<&Vec<u8>> = order.iter().map(|&i| &all[i]).collect();
        shuffled.receive_all(turned);
        let key = |m: &Meeting| {
            let mut c = m.contributions.clone();
            c.sort_by(|a, b| a.from.cmp(&b.from));
            c
        };
        proptest::prop_assert_eq!(key(&reference), key(&shuffled));
        // One by one, in any order, too.
        let mut one_by_one = meeting();
        for &i in &order {
            let _ = one_by_one.receive(&all[i]);
        }
        proptest::prop_assert_eq!(key(&reference), key(&one_by_one));
    }
}

#[test]
fn a_message_that_broke_the_html_parser_is_received() {
    // Found by the receive fuzz target: a <meta> whose content ends in
    // "charset" made html5ever 0.38 index past its end (a panic).
    let mut m = meeting();
    let receipt = m
        .receive(&message("regressions/html-meta-charset.eml"))
        .unwrap();
    assert_eq!(receipt.kind, ReceiptKind::Contribution);
}

#[test]
fn an_empty_message_is_no_contribution_and_a_pdf_alone_is_named() {
    let head = "From: Siri Ødegård <siri.odegard@asker.kommune.no>\r\nSubject: Innspill\r\n\
                Date: Fri, 08 Nov 2024 09:00:00 +0100\r\nMIME-Version: 1.0\r\n";
    let mut m = meeting();
    let empty = format!(
        "{head}Message-ID: <empty@asker>\r\nContent-Type: text/plain\r\n\r\nMvh\r\nSiri\r\n"
    );
    let receipt = m.receive(empty.as_bytes()).unwrap();
    assert_eq!(codes(&receipt), ["contribution.not_a_contribution"]);
    assert_eq!(receipt.left_out[0].kind, LeftOutKind::Closing);
    let pdf = format!(
        "{head}Message-ID: <pdf@asker>\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n\
         --x\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=innspill.pdf\r\n\
         Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjcK\r\n--x--\r\n"
    );
    let receipt = m.receive(pdf.as_bytes()).unwrap();
    assert_eq!(receipt.kind, ReceiptKind::Contribution);
    assert_eq!(codes(&receipt), ["contribution.attachment_not_read"]);
    let c = &receipt.contribution.as_ref().unwrap().after;
    assert_eq!(c.body, "");
    assert_eq!(c.source.as_ref().unwrap().attachments, ["innspill.pdf"]);
    // Validation then says the text is missing.
    assert!(m
        .validate()
        .findings()
        .iter()
        .any(|f| f.code.as_str() == "contribution.empty"));
}

#[test]
fn the_kinds_read_as_their_json() {
    use roundtable::LeftOutKind;
    for kind in [
        ReceiptKind::Reply,
        ReceiptKind::Contribution,
        ReceiptKind::Nothing,
    ] {
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
    }
    for kind in [
        LeftOutKind::Quoted,
        LeftOutKind::Signature,
        LeftOutKind::Closing,
    ] {
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
    }
}
