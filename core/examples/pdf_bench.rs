//! The speed of the PDF documents (issue 30), in one run:
//!
//!     scripts/bench-pdf.sh
//!
//! - the seed's minutes as PDF/A-2a and PDF/UA-1 on one core (target
//!   ≤ 5 ms), beside WeasyPrint writing PDF/A-2b of the same minutes' HTML
//!   in one Python process (target ≥ 20× faster, and a smaller file);
//! - a 500-item meeting with 45 contributions, and the same with ten times
//!   the content (target: 10× the content in ≤ 11× the time).
//!
//! The generated contributions are as unkind as members' own: nested
//! lists, quotes, long URLs and words, Sami letters, emoji (drawn as the
//! replacement and reported), headings at every level, links.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use roundtable::{
    AgendaItem, Contribution, Document, ItemKind, Language, Meeting, PdfOptions, RoundTableRules,
};

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        f();
        best = best.min(start.elapsed());
    }
    best
}

const WORDS: [&str; 16] = [
    "næringsutvikling",
    "Sámediggi",
    "čállin",
    "ŋuolggat",
    "Jåhkåmåhkke",
    "samarbeid",
    "kommunene",
    "interkommunalt",
    "regionen",
    "arealplan",
    "Ååre",
    "bedriftsetablering",
    "og",
    "i",
    "for",
    "med",
];

/// A member's contribution of about `size` bytes of Markdown.
fn contribution(seed: usize, size: usize) -> String {
    let mut out = String::new();
    let mut n = seed;
    let mut word = || {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(n >> 33) % WORDS.len()]
    };
    let mut k = 0;
    while out.len() < size {
        match k % 7 {
            0 => out.push_str(&format!("### Tema {k}: {} {}\n\n", word(), word())),
            1 => {
                for i in 0..4 {
                    out.push_str(&format!("- **{}**: {} {} {}\n", word(), word(), word(), word()));
                    if i == 2 {
                        out.push_str(&format!("  - {} {} 😀 {}\n", word(), word(), word()));
                    }
                }
                out.push('\n');
            }
            2 => out.push_str(&format!(
                "> {} {} {} {} {}\n\n",
                word(),
                word(),
                word(),
                word(),
                word()
            )),
            3 => out.push_str(&format!(
                "Se <https://www.example.kommune.no/politikk/moter-og-saksdokumenter/{}/{}?id={k}&utvalg=naeringssamarbeid> og [{}](https://example.no).\n\n",
                word(),
                word(),
                word()
            )),
            4 => out.push_str(&format!("{}\n\n", "Kommuneplanensarealdelsrullering".repeat(3))),
            _ => {
                for _ in 0..40 {
                    out.push_str(word());
                    out.push(' ');
                }
                out.push_str("\n\n");
            }
        }
        k += 1;
    }
    out
}

/// The seed with `items` agenda items and `contributions` contributions of
/// `size` bytes each.
fn meeting(seed: &Meeting, items: usize, contributions: usize, size: usize) -> Meeting {
    let mut m = seed.clone();
    m.contributions.clear();
    m.agenda.truncate(3);
    m.agenda.push(AgendaItem::new(
        "4",
        "Runde rundt bordet",
        ItemKind::RoundTable(RoundTableRules::default()),
    ));
    for n in 5..items + 2 {
        let mut item = AgendaItem::new(
            n.to_string(),
            format!("Sak om {} i {}", WORDS[n % 16], WORDS[(n * 7) % 16]),
            ItemKind::Information,
        );
        item.description = Some(format!(
            "Orientering fra {} om {}.",
            WORDS[n % 5],
            WORDS[n % 11]
        ));
        m.agenda.push(item);
    }
    let organisations = m.roster.organisations();
    for c in 0..contributions {
        let from = &organisations[c % organisations.len()];
        let mut contribution = Contribution::new(format!("{from} {c}"), contribution(c, size));
        contribution.item = Some("4".to_owned());
        m.contributions.push(contribution);
    }
    m
}

fn weasyprint(python: &str, html: &str, runs: usize) -> Option<(Duration, usize)> {
    let dir = std::env::temp_dir().join("roundtable-pdf-bench");
    std::fs::create_dir_all(&dir).ok()?;
    let input = dir.join("minutes.html");
    std::fs::File::create(&input)
        .ok()?
        .write_all(html.as_bytes())
        .ok()?;
    let script = format!(
        r#"
import time, weasyprint
html = open({input:?}, encoding="utf-8").read()
best = None
size = 0
for _ in range({runs}):
    t = time.perf_counter()
    pdf = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/a-2b")
    d = time.perf_counter() - t
    best = d if best is None else min(best, d)
    size = len(pdf)
print(best, size)
"#,
        input = input.display().to_string(),
    );
    let out = Command::new(python).args(["-c", &script]).output().ok()?;
    if !out.status.success() {
        eprintln!("weasyprint: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace();
    let secs: f64 = parts.next()?.parse().ok()?;
    let size: usize = parts.next()?.parse().ok()?;
    Some((Duration::from_secs_f64(secs), size))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed = Meeting::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/seed-meeting.json"
    ))?;
    let options = PdfOptions::default();
    let render = |m: &Meeting| {
        m.render_pdf(Document::Minutes, Language::Norwegian, &options)
            .expect("renders")
    };
    // The font is read once per process: not part of a render.
    let first = Instant::now();
    let pdf = render(&seed);
    println!(
        "first render (reads the bundled font once): {:.2} ms",
        ms(first.elapsed())
    );
    // PROFILE=1: the seed's minutes alone, many times (for perf).
    if std::env::var_os("PROFILE").is_some() {
        for _ in 0..500 {
            render(&seed);
        }
        return Ok(());
    }
    let ours = best_of(50, || {
        render(&seed);
    });
    println!(
        "seed minutes as PDF/A-2a + PDF/UA-1: {:.2} ms (target ≤ 5 ms), {} bytes, {} pages",
        ms(ours),
        pdf.bytes().len(),
        pdf.pages()
    );
    let python = std::env::var("PYTHON").unwrap_or_else(|_| ".venv/bin/python".to_owned());
    let html = seed.render(
        Document::Minutes,
        roundtable::Format::Html,
        Language::Norwegian,
    );
    match weasyprint(&python, &html, 5) {
        Some((theirs, size)) => println!(
            "WeasyPrint, PDF/A-2b of the same minutes' HTML: {:.1} ms, {size} bytes: ours {:.0}× faster (target ≥ 20×), file {:.2}× theirs (target < 1)",
            ms(theirs),
            theirs.as_secs_f64() / ours.as_secs_f64(),
            pdf.bytes().len() as f64 / size as f64
        ),
        None => println!("WeasyPrint: not available ({python} -m pip install weasyprint)"),
    }
    let small = meeting(&seed, 500, 45, 3_000);
    let large = meeting(&seed, 5_000, 450, 3_000);
    let pages_small = render(&small).pages();
    let pages_large = render(&large).pages();
    let t_small = best_of(5, || {
        render(&small);
    });
    let t_large = best_of(3, || {
        render(&large);
    });
    let warnings = render(&small).warnings().len();
    println!(
        "500 items, 45 contributions: {:.1} ms, {pages_small} pages ({warnings} characters reported); 10× the content: {:.1} ms, {pages_large} pages: {:.2}× the time (target ≤ 11×)",
        ms(t_small),
        ms(t_large),
        t_large.as_secs_f64() / t_small.as_secs_f64()
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
