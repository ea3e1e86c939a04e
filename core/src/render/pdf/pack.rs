//! The file krilla wrote, packed: every object that is not a stream moves,
//! byte for byte as krilla wrote it, into compressed object streams, and
//! the cross-reference table becomes a cross-reference stream (PDF 1.5;
//! PDF/A-2 and PDF/UA-1 allow both).
//!
//! krilla (through pdf-writer) writes each object on its own and a classic
//! table of 20 bytes an object. A tagged document is mostly small
//! dictionaries (structure elements, bookmarks), so those two cost more
//! than its text and fonts together. No kept crate packs a finished file
//! without parsing and re-serialising every object after krilla's checks
//! (lopdf would); this one moves bytes and writes only the two new
//! objects, so what krilla checked is what is filed.
//!
//! Streams stay where they are, as written. The XMP packet in particular
//! stays uncompressed: format identification (DROID and PRONOM's
//! signature for `fmt/476`, which the archive package declares) finds
//! `pdfaid` in the file's raw bytes.

use std::io::Write as _;

use flate2::write::ZlibEncoder;
use flate2::Compression;

use super::write::Refused;

/// At most this many objects in one object stream: a reader decompresses
/// a whole stream to reach one object in it, so a 5,000-page document is
/// not one stream of a quarter of a million objects.
const PER_STREAM: usize = 1000;

/// One indirect object of the input: its number and its bytes from
/// `N 0 obj` to `endobj` and the line end after it.
struct Object<'a> {
    number: u32,
    at: usize,
    whole: &'a [u8],
    /// Between `obj` and `endobj`, without surrounding white space.
    body: &'a [u8],
}

/// Where an object is found after packing (a cross-reference entry).
#[derive(Clone, Copy)]
enum Entry {
    Free,
    /// In the file at this byte offset.
    At(usize),
    /// The `index`th object of object stream `stream`.
    Packed {
        stream: u32,
        index: usize,
    },
}

fn refused(what: &str) -> Refused {
    Refused(format!(
        "the packer could not read the written file: {what}"
    ))
}

/// Packs a file written with one classic cross-reference section.
///
/// # Errors
///
/// [`Refused`] when the file is not laid out as krilla writes it (one
/// cross-reference section, generation 0, objects in ascending offsets
/// after the header, a PDF version of at least 1.5).
pub(super) fn pack(pdf: &[u8]) -> Result<Vec<u8>, Refused> {
    let version_ok = pdf
        .strip_prefix(b"%PDF-1.")
        .and_then(|rest| rest.first())
        .is_some_and(|&minor| (b'5'..=b'7').contains(&minor));
    if !version_ok {
        return Err(refused("object streams need PDF 1.5 or later"));
    }
    let (table, trailer) = cross_reference(pdf)?;
    let objects = objects(pdf, &table)?;
    let header_end = objects.first().map_or(table.xref_at, |o| o.at);
    let size = table.size;
    let mut entries = vec![Entry::Free; size as usize];
    let mut out = Vec::with_capacity(pdf.len() / 2);
    out.extend_from_slice(&pdf[..header_end]);
    let mut packed = Vec::new();
    for object in &objects {
        if object.is_stream() {
            entries[object.number as usize] = Entry::At(out.len());
            out.extend_from_slice(object.whole);
        } else {
            packed.push(object);
        }
    }
    let mut next = size;
    for chunk in packed.chunks(PER_STREAM) {
        let stream = next;
        next += 1;
        let mut offsets = Vec::new();
        let mut bodies = Vec::new();
        for (index, object) in chunk.iter().enumerate() {
            entries[object.number as usize] = Entry::Packed { stream, index };
            write!(offsets, "{} {} ", object.number, bodies.len()).expect("a Vec takes writes");
            bodies.extend_from_slice(object.body);
            bodies.push(b'\n');
        }
        offsets.pop();
        offsets.push(b'\n');
        let first = offsets.len();
        offsets.extend_from_slice(&bodies);
        entries.push(Entry::At(out.len()));
        let n = chunk.len();
        let dict = format!("/Type/ObjStm/N {n}/First {first}/Filter/FlateDecode");
        put_stream(&mut out, stream, &dict, &deflate(&offsets));
    }
    let xref = next;
    let xref_at = out.len();
    entries.push(Entry::At(xref_at));
    let (rows, widths) = rows(&entries);
    let columns: usize = widths.iter().sum();
    let [w0, w1, w2] = widths;
    let dict = format!(
        "/Type/XRef/Size {}/W[{w0} {w1} {w2}]{trailer}/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns {columns}>>",
        entries.len()
    );
    put_stream(
        &mut out,
        xref,
        &dict,
        &deflate(&up_predicted(&rows, columns)),
    );
    write!(out, "startxref\n{xref_at}\n%%EOF\n").expect("a Vec takes writes");
    Ok(out)
}

/// Writes object `number`, a stream of `data` with the entries `dict` and
/// its length, spaced as PDF/A asks (a line end after `stream` and before
/// `endstream`, `endobj` on a line of its own).
fn put_stream(out: &mut Vec<u8>, number: u32, dict: &str, data: &[u8]) {
    write!(
        out,
        "{number} 0 obj\n<<{dict}/Length {}>>\nstream\n",
        data.len()
    )
    .expect("a Vec takes writes");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len() / 3), Compression::default());
    encoder.write_all(data).expect("a Vec takes writes");
    encoder.finish().expect("a Vec takes writes")
}

/// The rows with PNG's Up filter before each (predictor 12): neighbouring
/// entries differ in a byte or two, so the differences compress to a third
/// of what the rows do.
fn up_predicted(rows: &[u8], columns: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows.len() + rows.len() / columns);
    let mut previous = vec![0u8; columns];
    for row in rows.chunks_exact(columns) {
        out.push(2);
        out.extend(row.iter().zip(&previous).map(|(a, b)| a.wrapping_sub(*b)));
        previous.copy_from_slice(row);
    }
    out
}

/// The cross-reference stream's rows and their field widths: type (1 byte),
/// offset or object stream, generation or index. Object 0 is the head of
/// the free list, generation 65,535, as in every PDF.
fn rows(entries: &[Entry]) -> (Vec<u8>, [usize; 3]) {
    let fields = |entry: &Entry, n: usize| -> (u8, u64, u64) {
        match *entry {
            Entry::Free if n == 0 => (0, 0, 65_535),
            Entry::Free => (0, 0, 0),
            Entry::At(offset) => (1, offset as u64, 0),
            Entry::Packed { stream, index } => (2, u64::from(stream), index as u64),
        }
    };
    let bytes = |v: u64| (8 - v.leading_zeros() as usize / 8).max(1);
    let mut widths = [1, 1, 1];
    for (n, entry) in entries.iter().enumerate() {
        let (_, a, b) = fields(entry, n);
        widths[1] = widths[1].max(bytes(a));
        widths[2] = widths[2].max(bytes(b));
    }
    let mut rows = Vec::with_capacity(entries.len() * (widths[1] + widths[2] + 1));
    for (n, entry) in entries.iter().enumerate() {
        let (kind, a, b) = fields(entry, n);
        rows.push(kind);
        rows.extend_from_slice(&a.to_be_bytes()[8 - widths[1]..]);
        rows.extend_from_slice(&b.to_be_bytes()[8 - widths[2]..]);
    }
    (rows, widths)
}

/// The classic cross-reference section: where each object starts.
struct Table {
    xref_at: usize,
    size: u32,
    offsets: Vec<(u32, usize)>,
}

impl Object<'_> {
    fn is_stream(&self) -> bool {
        self.body.ends_with(b"endstream")
    }
}

/// Reads `startxref`, the one section it points at and the trailer's
/// entries other than `/Size` (the root, the information dictionary and
/// the file identifiers), which the cross-reference stream carries on.
fn cross_reference(pdf: &[u8]) -> Result<(Table, String), Refused> {
    let start = memchr::memmem::rfind(pdf, b"startxref").ok_or_else(|| refused("no startxref"))?;
    let xref_at: usize = number(&pdf[start + b"startxref".len()..])
        .ok_or_else(|| refused("startxref without an offset"))?;
    let section = pdf
        .get(xref_at..start)
        .and_then(|s| s.strip_prefix(b"xref\n"))
        .ok_or_else(|| refused("startxref does not point at a cross-reference table"))?;
    let line_end = memchr::memchr(b'\n', section).ok_or_else(|| refused("the section header"))?;
    let header =
        std::str::from_utf8(&section[..line_end]).map_err(|_| refused("the section header"))?;
    let (first, count) = header
        .trim()
        .split_once(' ')
        .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)))
        .ok_or_else(|| refused("the section header"))?;
    if first != 0 {
        return Err(refused("more than one cross-reference section"));
    }
    let rows = &section[line_end + 1..];
    let table_len = count as usize * 20;
    let (rows, rest) = (rows.get(..table_len), rows.get(table_len..));
    let (rows, rest) = rows
        .zip(rest)
        .ok_or_else(|| refused("a short cross-reference table"))?;
    let mut offsets = Vec::with_capacity(count as usize);
    for (n, row) in rows.chunks_exact(20).enumerate() {
        let offset = std::str::from_utf8(&row[..10])
            .ok()
            .and_then(|s| s.parse::<usize>().ok());
        let generation = &row[11..16];
        match (row[17], offset) {
            (b'n', Some(offset)) if generation == b"00000" => offsets.push((n as u32, offset)),
            (b'f', _) => {}
            _ => return Err(refused("an entry other than generation 0")),
        }
    }
    let trailer = rest
        .strip_prefix(b"trailer\n")
        .and_then(|t| std::str::from_utf8(t).ok())
        .map(str::trim)
        .and_then(|t| t.strip_prefix("<<")?.strip_suffix(">>"))
        .ok_or_else(|| refused("the trailer"))?;
    if trailer.contains("/Prev") || trailer.contains("/Encrypt") {
        return Err(refused("an updated or encrypted file"));
    }
    let trailer = without_size(trailer).ok_or_else(|| refused("the trailer's /Size"))?;
    Ok((
        Table {
            xref_at,
            size: count,
            offsets,
        },
        trailer,
    ))
}

/// The trailer without its `/Size` entry (the stream writes its own).
fn without_size(trailer: &str) -> Option<String> {
    let at = trailer.find("/Size ")?;
    let digits = trailer[at + 6..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 {
        return None;
    }
    Some(format!("{}{}", &trailer[..at], &trailer[at + 6 + digits..]))
}

fn number<T: std::str::FromStr>(bytes: &[u8]) -> Option<T> {
    let text = std::str::from_utf8(bytes).ok()?.trim_start();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    text[..digits].parse().ok()
}

/// Every object in file order, each checked to begin with `N 0 obj` and to
/// end with `endobj`.
fn objects<'a>(pdf: &'a [u8], table: &Table) -> Result<Vec<Object<'a>>, Refused> {
    let mut at: Vec<(u32, usize)> = table.offsets.clone();
    at.sort_unstable_by_key(|&(_, offset)| offset);
    let mut objects = Vec::with_capacity(at.len());
    for (i, &(number, start)) in at.iter().enumerate() {
        let end = at.get(i + 1).map_or(table.xref_at, |&(_, next)| next);
        let whole = pdf
            .get(start..end)
            .ok_or_else(|| refused("an offset past the end"))?;
        let head = format!("{number} 0 obj");
        let body = whole
            .strip_prefix(head.as_bytes())
            .map(|b| b.trim_ascii())
            .and_then(|b| b.strip_suffix(b"endobj"))
            .map(<[u8]>::trim_ascii)
            .ok_or_else(|| refused(&format!("object {number} is not where the table says")))?;
        if number >= table.size {
            return Err(refused(&format!("object {number} beyond the table's size")));
        }
        objects.push(Object {
            number,
            at: start,
            whole,
            body,
        });
    }
    Ok(objects)
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use flate2::read::ZlibDecoder;

    use super::*;

    /// A small file in krilla's layout: two dictionaries and one stream.
    fn classic() -> Vec<u8> {
        let objects: [&[u8]; 3] = [
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Count 0/Kids[]>>",
            b"<</Length 5>>\nstream\nhello\nendstream",
        ];
        let mut pdf = b"%PDF-1.7\n%\x80\x80\x80\x80\n\n".to_vec();
        let mut offsets = Vec::new();
        for (n, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
            pdf.extend_from_slice(body);
            pdf.extend_from_slice(b"\nendobj\n");
        }
        let xref = pdf.len();
        pdf.extend_from_slice(b"xref\n0 4\n0000000000 65535 f\r\n");
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
        pdf.extend_from_slice(
            format!("trailer\n<</Size 4/Root 1 0 R/ID[(a/Size 9)(b)]>>\nstartxref\n{xref}\n%%EOF")
                .as_bytes(),
        );
        pdf
    }

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        ZlibDecoder::new(data).read_to_end(&mut out).unwrap();
        out
    }

    fn stream_after<'a>(pdf: &'a [u8], dict_start: &[u8]) -> (&'a [u8], &'a [u8]) {
        let at = memchr::memmem::find(pdf, dict_start).unwrap();
        let dict_end = at + memchr::memmem::find(&pdf[at..], b">>\nstream\n").unwrap();
        let data = dict_end + b">>\nstream\n".len();
        let end = data + memchr::memmem::find(&pdf[data..], b"\nendstream").unwrap();
        (&pdf[at..dict_end], &pdf[data..end])
    }

    #[test]
    fn dictionaries_move_into_an_object_stream_and_streams_stay_as_written() {
        let input = classic();
        let packed = pack(&input).unwrap();
        assert!(packed.starts_with(b"%PDF-1.7\n%\x80\x80\x80\x80\n"));
        assert!(memchr::memmem::find(
            &packed,
            b"3 0 obj\n<</Length 5>>\nstream\nhello\nendstream\nendobj\n"
        )
        .is_some());
        assert!(memchr::memmem::find(&packed, b"xref\n0").is_none());
        let (dict, data) = stream_after(&packed, b"4 0 obj\n<</Type/ObjStm");
        assert!(std::str::from_utf8(dict).unwrap().contains("/N 2/First "));
        let data = inflate(data);
        let text = String::from_utf8(data).unwrap();
        let (offsets, bodies) = text.split_once('\n').unwrap();
        let offsets: Vec<usize> = offsets.split(' ').map(|n| n.parse().unwrap()).collect();
        assert_eq!(offsets[0], 1);
        assert_eq!(offsets[2], 2);
        assert_eq!(
            &bodies[offsets[1]..offsets[3]],
            "<</Type/Catalog/Pages 2 0 R>>\n"
        );
        assert_eq!(&bodies[offsets[3]..], "<</Type/Pages/Count 0/Kids[]>>\n");
    }

    #[test]
    fn the_cross_reference_stream_points_at_every_object_and_keeps_the_trailer() {
        let packed = pack(&classic()).unwrap();
        let (dict, data) = stream_after(&packed, b"5 0 obj\n<</Type/XRef");
        let dict = std::str::from_utf8(dict).unwrap();
        // The /Size inside the identifier's string is not the trailer's.
        assert!(
            dict.contains("/Size 6/W[1 1 2]/Root 1 0 R/ID[(a/Size 9)(b)]"),
            "{dict}"
        );
        assert!(
            dict.contains("/DecodeParms<</Predictor 12/Columns 4>>"),
            "{dict}"
        );
        let predicted = inflate(data);
        assert_eq!(predicted.len(), 6 * 5);
        let mut rows = Vec::new();
        let mut previous = [0u8; 4];
        for row in predicted.chunks_exact(5) {
            assert_eq!(row[0], 2, "the Up filter");
            for (p, d) in previous.iter_mut().zip(&row[1..]) {
                *p = p.wrapping_add(*d);
            }
            rows.extend_from_slice(&previous);
        }
        let row = |n: usize| &rows[n * 4..n * 4 + 4];
        assert_eq!(row(0), [0, 0, 0xff, 0xff]);
        assert_eq!(row(1), [2, 4, 0, 0]);
        assert_eq!(row(2), [2, 4, 0, 1]);
        let stream_at = usize::from(row(3)[1]);
        assert!(packed[stream_at..].starts_with(b"3 0 obj\n"));
        assert_eq!(row(4)[0], 1);
        assert!(packed[usize::from(row(4)[1])..].starts_with(b"4 0 obj\n"));
        let xref_at = usize::from(row(5)[1]);
        assert!(packed[xref_at..].starts_with(b"5 0 obj\n"));
        assert!(packed.ends_with(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes()));
    }

    #[test]
    fn a_file_not_laid_out_as_krilla_writes_is_refused_not_guessed() {
        let good = classic();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("version", good.replacen(b"%PDF-1.7", b"%PDF-1.4")),
            ("startxref", good.replacen(b"startxref", b"startxreg")),
            ("generation", good.replacen(b"00000 n\r\n", b"00001 n\r\n")),
            ("offset", good.replacen(b"1 0 obj", b"7 0 obj")),
            ("update", good.replacen(b"/Root", b"/Prev 0/Root")),
            ("cut", good[..good.len() - 40].to_vec()),
        ];
        for (what, pdf) in cases {
            assert!(pack(&pdf).is_err(), "{what}");
        }
    }

    trait Replace {
        fn replacen(&self, from: &[u8], to: &[u8]) -> Vec<u8>;
    }

    impl Replace for Vec<u8> {
        fn replacen(&self, from: &[u8], to: &[u8]) -> Vec<u8> {
            let at = memchr::memmem::find(self, from).unwrap();
            [&self[..at], to, &self[at + from.len()..]].concat()
        }
    }
}
