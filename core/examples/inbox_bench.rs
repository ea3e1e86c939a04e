//! The inbox's speed (issue 29): `receive` of a typical 20 kB HTML
//! contribution (target ≤ 1 ms), and 10,000 messages of an mbox read and
//! received on one core (target ≤ 2 s), beside Python's own `email`
//! package reading the same mbox (`mailbox.mbox` and `get_body`), in one
//! run:
//!
//!     scripts/bench-inbox.sh
//!
//! The messages are as unkind as a secretariat's mailbox: Outlook HTML in
//! Windows-1252 and quoted-printable, Gmail's multipart/alternative in
//! base64, flowed text, long quoted threads, a PDF or a .docx attached,
//! automatic replies and strangers among them.

use std::io::Write;
use std::time::Instant;

use roundtable::Meeting;

const SENDERS: [(&str, &str); 5] = [
    ("Siri Ødegård", "siri.odegard@asker.kommune.no"),
    ("Trond Haugen", "trond.haugen@drammen.kommune.no"),
    ("Jonas Vårum Olafsen", "jonas.olafsen@lillestrom.kommune.no"),
    ("Eysten Kleiven", "eysten.kleiven@fredrikstad.kommune.no"),
    (
        "Anne Kristine Feltman",
        "anne.kristine.feltman@baerum.kommune.no",
    ),
];

/// Quoted-printable of Windows-1252 text, lines of at most 76.
fn quoted_printable(text: &str) -> String {
    let bytes = encoding_rs::WINDOWS_1252.encode(text).0;
    let mut out = String::new();
    let mut line = 0;
    for &b in bytes.iter() {
        let piece = if b == b'\n' {
            line = 0;
            out.push_str("\r\n");
            continue;
        } else if (33..=126).contains(&b) && b != b'=' || b == b' ' {
            (b as char).to_string()
        } else {
            format!("={b:02X}")
        };
        if line + piece.len() > 75 {
            out.push_str("=\r\n");
            line = 0;
        }
        line += piece.len();
        out.push_str(&piece);
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(T[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// An Outlook contribution of about `size` bytes of HTML.
fn outlook_html(i: usize, size: usize) -> String {
    let mut html = String::from(
        "<html><head><style>p.MsoNormal{margin:0cm}</style></head><body><div class=WordSection1>",
    );
    let mut n = 0;
    while html.len() < size {
        if n % 5 == 4 {
            html.push_str("<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;&nbsp;</span></span>Næringsarealer, kompetanse og samferdsel i regionen</p>");
        } else {
            html.push_str(&format!("<p class=MsoNormal>Avsnitt {n} i innspill {i}: kommunen arbeider med <b>næringsplan</b>, <i>arealer</i> og rekruttering – «viktig» for regionen.<o:p></o:p></p>"));
        }
        n += 1;
    }
    html.push_str("<p class=MsoNormal>Med vennlig hilsen<br>Siri Ødegård<br>Tlf. 412 03 424</p>");
    html.push_str("<div style='border-top:solid #E1E1E1 1.0pt'><p class=MsoNormal><b>Fra:</b> Karoline Bakke<br><b>Sendt:</b> 24. oktober 2024<br><b>Til:</b> Siri<br><b>Emne:</b> Innkalling</p></div><p>Send innspill.</p></div></body></html>");
    html
}

fn message(i: usize) -> String {
    let (name, address) = SENDERS[i % SENDERS.len()];
    let (name, address) = if i.is_multiple_of(23) {
        ("Ukjent Avsender", "ukjent@example.org")
    } else {
        (name, address)
    };
    let date = format!(
        "Thu, {:02} Nov 2024 {:02}:{:02}:{:02} +0100",
        1 + i % 28,
        i % 24,
        i % 60,
        (i / 60) % 60
    );
    let head = format!(
        "From: {name} <{address}>\r\nTo: karoline.bakke@osloregionen.no\r\nSubject: Innspill {i}\r\nDate: {date}\r\nMessage-ID: <m{i}@bench.example>\r\nMIME-Version: 1.0\r\n"
    );
    match i % 6 {
        0 => format!(
            "{head}Content-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n",
            quoted_printable(&outlook_html(i, 6_000))
        ),
        1 => {
            let text = format!("Innspill {i} fra kommunen: sámi áššit, næringsarealer og kompetanse.\n\nDen 24. okt. 2024 skrev Karoline Bakke <karoline.bakke@osloregionen.no>:\n> Send innspill.\n");
            let html = format!("<div dir=ltr><p>Innspill {i} fra kommunen: <b>sámi áššit</b>, næringsarealer og kompetanse.</p></div><div class=gmail_quote>Den 24. okt. 2024 skrev Karoline:<blockquote>Send innspill.</blockquote></div>");
            format!(
                "{head}Content-Type: multipart/alternative; boundary=b{i}\r\n\r\n--b{i}\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--b{i}\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--b{i}--\r\n",
                base64(text.as_bytes()),
                base64(html.as_bytes())
            )
        }
        2 => format!(
            "{head}Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\r\n\r\nLillestrøm arbeider med en ny strategi for  \r\nnæringsutvikling, innspill {i}.\r\n\r\n-- \r\n{name}\r\n"
        ),
        3 => format!(
            "{head}Content-Type: multipart/mixed; boundary=x{i}\r\n\r\n--x{i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSe vedlagt rapport {i}.\r\n--x{i}\r\nContent-Type: application/pdf; name=rapport.pdf\r\nContent-Disposition: attachment; filename=rapport.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--x{i}--\r\n",
            base64(&vec![0x25u8; 12_000])
        ),
        4 => format!("{head}Auto-Submitted: auto-replied\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJeg er borte til 11. november.\r\n"),
        _ => format!(
            "{head}Content-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n\r\nMvh\r\n{name}\r\n",
            "Vi har mye å fortelle om næringsutvikling i kommunen. ".repeat(40)
        ),
    }
}

fn meeting() -> Meeting {
    Meeting::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/inbox/meeting.json"
    ))
    .unwrap()
}

fn main() {
    // One typical 20 kB HTML contribution.
    let one = format!(
        "From: Siri Ødegård <siri.odegard@asker.kommune.no>\r\nSubject: Innspill\r\nDate: Thu, 07 Nov 2024 16:20:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n",
        quoted_printable(&outlook_html(0, 20_000))
    );
    let runs = 300;
    let mut m = meeting();
    let mut best = f64::MAX;
    for k in 0..runs {
        let message = one.replace(
            "Subject: Innspill",
            &format!("Message-ID: <one{k:05}@x>\r\nSubject: Innspill"),
        );
        let t = Instant::now();
        let receipt = m.receive(message.as_bytes()).unwrap();
        best = best.min(t.elapsed().as_secs_f64());
        assert!(receipt.contribution.is_some());
    }
    println!(
        "receive of one {:.1} kB HTML contribution: {:.3} ms (target 1 ms)",
        one.len() as f64 / 1024.0,
        best * 1e3
    );

    // 10,000 messages in an mbox.
    let count = 10_000;
    let dir = std::env::temp_dir().join(format!("roundtable-inbox-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("innboks.mbox");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for i in 0..count {
            writeln!(out, "From bench@example Thu Nov  7 16:20:00 2024").unwrap();
            let text = message(i).replace("\r\nFrom ", "\r\n>From ");
            out.write_all(text.as_bytes()).unwrap();
            out.write_all(b"\n").unwrap();
        }
    }
    let size = std::fs::metadata(&path).unwrap().len();
    let t = Instant::now();
    let messages: Vec<Vec<u8>> = roundtable::read_mailbox(&path)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut m = meeting();
    let receipts = m.receive_all(&messages);
    let ours = t.elapsed().as_secs_f64();
    assert_eq!(receipts.len(), count);
    let python = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import mailbox, sys, time\n\
             t = time.perf_counter()\n\
             n = 0\n\
             for m in mailbox.mbox(sys.argv[1], create=False):\n\
             \x20   import email, email.policy\n\
             \x20   m = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)\n\
             \x20   body = m.get_body(preferencelist=('plain', 'html'))\n\
             \x20   if body is not None: body.get_content()\n\
             \x20   n += 1\n\
             print(n, time.perf_counter() - t)\n",
        )
        .arg(&path)
        .output();
    println!(
        "{count} messages ({:.1} MB mbox) read and received: {ours:.3} s on one core (target 2 s); {} contributions, {} not applied",
        size as f64 / 1048576.0,
        m.contributions.len(),
        receipts.iter().filter(|r| r.kind == roundtable::ReceiptKind::Nothing).count()
    );
    // The same mailbox against a roster of 2,000 people (the five senders
    // among them): the roster's addresses are looked up, not scanned.
    let mut large = meeting();
    for i in 0..2_000 {
        let mut p = roundtable::Person::new(format!("Given{i}"), format!("Family{i}"), "Kommune");
        p.email = Some(format!("given{i}.family{i}@kommune{}.no", i % 40));
        large.roster.push(p);
    }
    let t = Instant::now();
    large.receive_all(&messages);
    println!(
        "the same {count} messages against a roster of {} people: {:.3} s",
        large.roster.len(),
        t.elapsed().as_secs_f64()
    );
    match python {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let seconds: f64 = text
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(f64::NAN);
            println!(
                "Python's email package, the same mbox (mailbox.mbox + get_body): {seconds:.3} s; roundtable takes {:.2}x its time",
                ours / seconds
            );
        }
        _ => println!("Python's email package: python3 not run"),
    }
    std::fs::remove_dir_all(&dir).ok();
}
