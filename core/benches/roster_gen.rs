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

/// What a generated file looks like: the things real files vary.
#[derive(Clone, Copy, Debug)]
pub struct Profile {
    /// Its name in the benchmark's output.
    pub name: &'static str,
    /// The share of rows that repeat an earlier person (0.0–1.0).
    pub duplicates: f64,
    /// A "Rolle" column holding job titles (and a few real roles).
    pub job_titles: bool,
    /// Names in NFD (decomposed æøå), as some exports write them.
    pub nfd: bool,
    /// A quoted "Notat" column, some of whose values span lines.
    pub multiline: bool,
    /// Every 20th email and phone malformed.
    pub bad_values: bool,
    /// CRLF line ends.
    pub crlf: bool,
    /// Encoded as Windows-1252 instead of UTF-8.
    pub windows_1252: bool,
}

impl Profile {
    /// Few duplicates, clean values: the generator as it first was.
    pub const CLEAN: Profile = Profile {
        name: "clean",
        duplicates: 0.0,
        job_titles: false,
        nfd: false,
        multiline: false,
        bad_values: false,
        crlf: false,
        windows_1252: false,
    };

    /// Everything real files vary, at once (NFD aside: Windows-1252
    /// cannot carry combining marks).
    pub const UNKIND: Profile = Profile {
        name: "all unkind (45% duplicates, titles, notes, bad values, CRLF, Windows-1252)",
        duplicates: 0.45,
        job_titles: true,
        nfd: false,
        multiline: true,
        bad_values: true,
        crlf: true,
        windows_1252: true,
    };
}

const TITLES: &[&str] = &[
    "Rådgiver",
    "Seniorrådgiver",
    "Daglig leder",
    "Næringssjef",
    "Kommunedirektør",
    "medlem",
    "Prosjektleder",
    "leder",
    "Spesialrådgiver næring",
    "vara",
];

/// Writes `rows` rows to `path` as `profile` says, deterministically.
pub fn generate_profile(path: &Path, rows: usize, profile: &Profile) {
    use unicode_normalization::UnicodeNormalization;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let end = if profile.crlf { "\r\n" } else { "\n" };
    let mut text = String::with_capacity(rows * 110);
    text.push_str("Fornavn;Etternavn;Organisasjon;E-post;Telefon");
    if profile.job_titles {
        text.push_str(";Rolle");
    }
    if profile.multiline {
        text.push_str(";Notat");
    }
    text.push_str(end);
    let mut earlier: Vec<String> = Vec::with_capacity(rows);
    for i in 0..rows {
        let repeat = profile.duplicates > 0.0
            && !earlier.is_empty()
            && (next() % 10_000) as f64 / 10_000.0 < profile.duplicates;
        let row = if repeat {
            // Common names repeat: the earlier rows near the start most.
            let k = (next() as usize % earlier.len()) / (1 + next() as usize % 8);
            earlier[k].clone()
        } else {
            let given = GIVEN[next() as usize % GIVEN.len()];
            let first = FAMILY_FIRST[next() as usize % FAMILY_FIRST.len()];
            let ending = FAMILY_END[next() as usize % FAMILY_END.len()];
            let family = format!("{first}{ending}");
            let (org, domain) = ORGS[next() as usize % ORGS.len()];
            let (given, family) = if profile.nfd {
                (
                    given.nfd().collect::<String>(),
                    family.nfd().collect::<String>(),
                )
            } else {
                (given.to_owned(), family)
            };
            let mut email = format!(
                "{}.{}{}@{domain}",
                ascii_fold(&given),
                ascii_fold(&family),
                i % 97
            );
            let mut phone = format!("{}", 40_000_000 + next() % 9_999_999);
            if profile.bad_values && i % 20 == 7 {
                email = email.replace('@', "(at)");
                phone = "12".to_owned();
            }
            format!("{given};{family};{org};{email};{phone}")
        };
        text.push_str(&row);
        if profile.job_titles {
            text.push(';');
            text.push_str(TITLES[next() as usize % TITLES.len()]);
        }
        if profile.multiline {
            text.push(';');
            if i % 10 == 3 {
                text.push_str("\"Meldt forfall;");
                text.push_str(end);
                text.push_str("sender vara\"");
            } else {
                text.push_str("\"\"");
            }
        }
        text.push_str(end);
        if profile.duplicates > 0.0 && !repeat {
            earlier.push(row);
        }
    }
    let bytes = if profile.windows_1252 {
        encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
    } else {
        text.into_bytes()
    };
    std::fs::write(path, bytes).unwrap();
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
