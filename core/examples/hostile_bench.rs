//! The hostile inputs that once took quadratic time, each timed at two
//! sizes: the growth should stay near the size ratio (linear) or a little
//! above it (n log n). `scripts/bench-hostile.sh` runs it in release mode.

#[path = "../benches/timing.rs"]
mod timing;

use timing::best_of;

use chrono::NaiveDate;
use roundtable::{
    AgendaItem, Contribution, Document, Format, IcsOptions, ImportOptions, ItemKind, Language,
    Meeting, MeetingTime, Person, Roster, RoundTableRules,
};

fn meeting() -> Meeting {
    let day = NaiveDate::from_ymd_opt(2024, 11, 7).unwrap();
    let time = MeetingTime::new(
        day.and_hms_opt(12, 0, 0).unwrap(),
        day.and_hms_opt(13, 0, 0).unwrap(),
        roundtable::Zone::OSLO,
    )
    .unwrap();
    Meeting::new("bench", "Faggruppe", "Møte", time, "Oslo Rådhus")
}

fn repeated_header_names(n: usize) {
    let csv = format!(
        "Fornavn;Etternavn{}\nA;B{}\n",
        ";Notat".repeat(n),
        ";x".repeat(n)
    );
    Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default()).unwrap();
}

fn many_columns(n: usize) {
    let header: String = (0..n).map(|i| format!(";K{i}")).collect();
    let row: String = (0..n).map(|i| format!(";v{i}")).collect();
    let csv = format!("Fornavn;Etternavn{header}\nA;B{row}\nC;D{row}\n");
    let import = Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default()).unwrap();
    let _ = import.roster.to_csv(&Default::default());
}

fn long_meeting_calendar(years: i32) {
    let start = NaiveDate::from_ymd_opt(2024, 11, 7)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let end = NaiveDate::from_ymd_opt(2024 + years, 11, 7)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let mut m = meeting();
    m.time = MeetingTime::new(start, end, roundtable::Zone::OSLO).unwrap();
    m.to_ics(&IcsOptions::default()).unwrap();
}

fn long_senders(bytes: usize) {
    let mut m = meeting();
    let mut roster = Roster::new();
    for i in 0..50 {
        roster.push(Person::new(
            "A",
            "B",
            format!("{} {i}", "Kommune".repeat(bytes / 700)),
        ));
    }
    m.roster = roster;
    m.agenda.push(AgendaItem::new(
        "1",
        "Runde",
        ItemKind::RoundTable(RoundTableRules::default()),
    ));
    for i in 0..10 {
        m.contributions.push(Contribution::new(
            format!("{}{i}", "x".repeat(bytes / 10)),
            "tekst",
        ));
    }
    let _ = m.validate();
}

fn items_times_contributions(n: usize) {
    let mut m = meeting();
    for i in 0..n {
        m.agenda.push(AgendaItem::new(
            (i + 1).to_string(),
            "Runde",
            ItemKind::RoundTable(RoundTableRules::default()),
        ));
    }
    for i in 0..n {
        let mut c = Contribution::new(format!("Kommune {i}"), "- tekst");
        c.item = Some(((i % n) + 1).to_string());
        m.contributions.push(c);
    }
    let _ = m.validate();
    let _ = m.render(Document::Minutes, Format::Markdown, Language::Norwegian);
}

fn unclosed_quote(rows: usize) {
    let mut csv = String::from("Fornavn;Etternavn;Organisasjon\n");
    for i in 0..rows {
        if i == rows / 2 {
            csv.push_str("Kari;Nordmann;\"Bærum\n");
        } else {
            csv.push_str(&format!("P{i};X;Org {i}\n"));
        }
    }
    Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default()).unwrap();
}

/// A roster of `n` people, each with an address.
fn roster_of(n: usize) -> Roster {
    let mut roster = Roster::new();
    for i in 0..n {
        let mut p = Person::new(
            format!("Given{i}"),
            format!("Family{i}"),
            format!("Kommune {}", i % 50),
        );
        p.email = Some(format!("person{i}@kommune{}.no", i % 50));
        roster.push(p);
    }
    roster
}

/// `n` replies, each from an address the roster does not have, against a
/// roster of `n` (addresses as [`roster_of`] makes them): each asks for a
/// "did you mean". `near` makes each address a typo of a roster address
/// (the most comparing), else a stranger's. Returns the replies' bytes.
fn replies_from_unknown(n: usize, near: bool) -> usize {
    let mut m = meeting();
    m.roster = roster_of(n);
    let uid = format!("{}@roundtable", m.id);
    let replies: Vec<Vec<u8>> = (0..n)
        .map(|i| {
            let address = match near {
                true => format!("persom{i}@kommune{}.no", i % 50),
                false => format!("stranger{i}@kommune{}.no", i % 50),
            };
            format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
                 DTSTAMP:20241101T120000Z\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{address}\r\n\
                 END:VEVENT\r\nEND:VCALENDAR\r\n"
            )
            .into_bytes()
        })
        .collect();
    let outcome = m.apply_replies(&replies);
    assert_eq!(outcome.ignored.len(), n);
    replies.iter().map(Vec::len).sum()
}

/// `n` agenda items, each titled, and `n` people: the archive screens
/// every title and document against every name.
fn archive_items_times_people(n: usize) {
    let mut m = meeting();
    m.roster = roster_of(n);
    for i in 0..n {
        m.agenda.push(AgendaItem::new(
            (i + 1).to_string(),
            format!("Sak om tilskudd nummer {i} til næringsarbeid"),
            ItemKind::Proposal,
        ));
    }
    m.to_archive(roundtable::ArchiveKind::MoeteMappe, &Default::default())
        .unwrap();
}

/// One title of `n` words, against `n` people.
fn archive_long_title(n: usize) {
    let mut m = meeting();
    m.roster = roster_of(n);
    m.title = (0..n).map(|i| format!("Given{i} ord ")).collect();
    m.to_archive(roundtable::ArchiveKind::MoeteMappe, &Default::default())
        .unwrap();
}

/// A case: its name, its size n, and what it runs at a size.
type Case = (&'static str, usize, Box<dyn Fn(usize)>);

fn main() {
    let cases: Vec<Case> = vec![
        (
            "repeated header names (columns)",
            5_000,
            Box::new(repeated_header_names),
        ),
        (
            "many columns, import + export",
            40_000,
            Box::new(many_columns),
        ),
        (
            "calendar of a long meeting (years)",
            2_000,
            Box::new(|n| long_meeting_calendar(n as i32)),
        ),
        (
            "validate: long senders (bytes)",
            400_000,
            Box::new(long_senders),
        ),
        (
            "items x contributions (each)",
            2_000,
            Box::new(items_times_contributions),
        ),
        ("unclosed quote (rows)", 100_000, Box::new(unclosed_quote)),
        (
            "replies from strangers (each, x roster)",
            8_000,
            Box::new(|n| {
                replies_from_unknown(n, false);
            }),
        ),
        (
            "replies from near misses (each, x roster)",
            8_000,
            Box::new(|n| {
                replies_from_unknown(n, true);
            }),
        ),
        (
            "archive: items x people (each)",
            2_000,
            Box::new(archive_items_times_people),
        ),
        (
            "archive: a long title x people (each)",
            20_000,
            Box::new(archive_long_title),
        ),
    ];
    println!(
        "{:<38} {:>10} {:>12} {:>12} {:>8}",
        "case", "n", "time(n)", "time(2n)", "growth"
    );
    for (name, n, f) in &cases {
        // Best of three: the machine is shared.
        let a = best_of(3, || f(*n));
        let b = best_of(3, || f(2 * n));
        println!(
            "{name:<38} {n:>10} {:>10.1}ms {:>10.1}ms {:>7.2}x",
            a.as_secs_f64() * 1e3,
            b.as_secs_f64() * 1e3,
            b.as_secs_f64() / a.as_secs_f64().max(1e-9)
        );
    }
    // Issue 28's target for replies: at most 0.1 s per MB of replies.
    for (name, near) in [("strangers", false), ("near misses", true)] {
        let mut bytes = 0;
        let t = best_of(3, || bytes = replies_from_unknown(16_000, near));
        println!(
            "replies from {name}: {:.3} s per MB of replies (target 0.1)",
            t.as_secs_f64() / (bytes as f64 / 1048576.0)
        );
    }
}
