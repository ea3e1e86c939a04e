//! The generated roster of the import benchmarks: Norwegian names with
//! æøå and multi-part given names, organisations, emails and phones,
//! semicolon-separated UTF-8. Deterministic: the same rows every time.

use std::path::Path;

const GIVEN: &[&str] = &[
    "Anne",
    "Anne Kristine",
    "Jonas Vårum",
    "Øyvind",
    "Åse",
    "Kari Elisabeth",
    "Karl Jørgen",
    "Bjørn",
    "Ærlend",
    "Liss Kristin",
    "Vibeke Buraas",
    "Gunn-Kristin",
    "Lina-Maria",
    "Haakon",
    "Ingrid",
    "Ola",
    "Siri",
    "Torstein",
    "Solveig",
    "Håkon",
    "Märta",
    "Even",
    "Nora",
    "Sigurd",
    "Anna",
    "Arve",
    "Asbjørn",
    "Bjarne",
    "Camilla",
    "Dag",
    "Eli",
    "Elisabeth",
    "Erik",
    "Eysten",
    "Fredrik",
    "Gina",
    "Gunhild",
    "Gustav",
    "Hanne",
    "Ingar",
    "Jannicke",
    "Jane",
    "Johnny",
    "Kristine",
    "Liss",
    "Mari",
    "Martin",
    "Nina",
    "Ove",
    "Siw",
    "Terje",
    "Toril",
    "Trine",
    "Unni",
    "Yngvar",
    "Åsmund",
    "Ørjan",
    "Per Ivar",
    "Marit",
    "Tone",
    "Geir",
];
/// Family names are made as Norwegian farm names are: a first part and an
/// ending ("Bakke" + "rud"), some 800 of them.
const FAMILY_FIRST: &[&str] = &[
    "Bakke",
    "Berg",
    "Brå",
    "Dahl",
    "Eng",
    "Fjell",
    "Gjes",
    "Haug",
    "Holm",
    "Hval",
    "Kleiv",
    "Lunde",
    "Løk",
    "Moe",
    "Myr",
    "Nes",
    "Ny",
    "Ødegård",
    "Rønne",
    "Sæt",
    "Skog",
    "Solb",
    "Stein",
    "Strøm",
    "Sunde",
    "Tveit",
    "Vik",
    "Ås",
    "Øvre",
    "Bjørn",
    "Grøn",
    "Hær",
    "Kvål",
    "Lien",
    "Mæl",
    "Nord",
    "Rød",
    "Sand",
    "Tofte",
    "Vestby",
];
const FAMILY_END: &[&str] = &[
    "", "rud", "stad", "land", "vik", "eng", "li", "heim", "dal", "set", "bø", "sæter", "haug",
    "nes", "berg", "mo", "tun", "øy", "gård", "å",
];
const ORGS: &[(&str, &str)] = &[
    ("Bærum kommune", "baerum.kommune.no"),
    ("Lørenskog kommune", "lorenskog.kommune.no"),
    ("Oslo kommune - Byrådsavdelingene", "oslo.kommune.no"),
    ("Fredrikstad kommune", "fredrikstad.kommune.no"),
    ("Kongsvingerregionen", "kongsvingerregionen.no"),
    ("Elverum Vekst", "elverumvekst.no"),
    ("Gjøvikregionen Utvikling", "gjovikregionen.no"),
    ("Samarbeidsrådet for Nedre Romerike", "snr.no"),
    ("Oslo Business Region", "oslobusiness.no"),
    ("Hamarregionen Utvikling", "hamarregionen.no"),
    ("Indre Østfold kommune", "io.kommune.no"),
    ("Mosseregionens Næringsutvikling", "mrn.no"),
    ("Lillestrøm kommune", "lillestrom.kommune.no"),
    ("Ringsaker kommune", "ringsaker.kommune.no"),
    ("Asker kommune", "asker.kommune.no"),
    ("Drammen kommune", "drammen.kommune.no"),
    ("Gran Kommune", "gran.kommune.no"),
    ("Horten kommune", "horten.kommune.no"),
    ("KS", "ks.no"),
    ("Nordre Follo kommune", "nordrefollo.kommune.no"),
];

fn ascii_fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'æ' | 'Æ' => "ae".to_owned(),
            'ø' | 'Ø' => "o".to_owned(),
            'å' | 'Å' | 'ä' => "a".to_owned(),
            ' ' => ".".to_owned(),
            c => c.to_lowercase().to_string(),
        })
        .collect()
}

/// Writes `rows` people to `path`, deterministically.
pub fn generate(path: &Path, rows: usize) {
    use std::io::Write;
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "Fornavn;Etternavn;Organisasjon;E-post;Telefon").unwrap();
    for i in 0..rows {
        // Middle names and double-barrelled family names give hundreds of
        // millions of combinations: a real roster has few duplicates, and so
        // has this one.
        let given = GIVEN[next() as usize % GIVEN.len()];
        let middle = GIVEN[next() as usize % GIVEN.len()];
        let mut family_name = || {
            let first = FAMILY_FIRST[next() as usize % FAMILY_FIRST.len()];
            let end = FAMILY_END[next() as usize % FAMILY_END.len()];
            format!("{first}{end}")
        };
        let family = family_name();
        let second = family_name();
        let given = if next() % 2 == 0 {
            format!("{given} {middle}")
        } else {
            given.to_owned()
        };
        let family = if next() % 2 == 0 {
            format!("{family}-{second}")
        } else {
            family
        };
        let (org, domain) = ORGS[next() as usize % ORGS.len()];
        let phone = 40_000_000 + next() % 9_999_999;
        let email = format!(
            "{}.{}{}@{domain}",
            ascii_fold(&given),
            ascii_fold(&family),
            i % 97
        );
        if i % 2 == 0 {
            writeln!(out, "{given};{family};{org};{email};+47 {phone}").unwrap();
        } else {
            writeln!(out, "{given};{family};{org};{email};{phone}").unwrap();
        }
    }
}
