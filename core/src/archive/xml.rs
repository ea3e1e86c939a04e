//! A few helpers over quick-xml's writer: elements with text, nested
//! elements, and the Noark `kode` pair. Text is escaped by the writer.

use chrono::{DateTime, FixedOffset};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// The metadata catalogue, whose complex types' parts live in its
/// namespace (bound to the prefix `n5mdk`).
pub(crate) const N5MDK: &str =
    "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1";
pub(crate) const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A date-time in the schema's form, with its offset; in UTC when the
/// offset is one `xs:dateTime` cannot carry: seconds (Oslo's local mean
/// time until 1895, +00:53:28) or beyond ±14:00 (Sitka's until 1867,
/// +14:58:47), which would move or refuse the instant.
pub(crate) fn stamp(t: DateTime<FixedOffset>) -> String {
    let offset = t.offset().local_minus_utc();
    if offset % 60 != 0 || offset.abs() > 14 * 3600 {
        return t
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
    }
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

pub(crate) struct Xml {
    w: Writer<Vec<u8>>,
}

impl Xml {
    pub(crate) fn new() -> Xml {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        // Writing into a Vec cannot fail.
        let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
        Xml { w }
    }

    /// Opens an element with attributes.
    pub(crate) fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for &(k, v) in attributes {
            start.push_attribute((k, v));
        }
        let _ = self.w.write_event(Event::Start(start));
    }

    pub(crate) fn close(&mut self, name: &str) {
        let _ = self.w.write_event(Event::End(BytesEnd::new(name)));
    }

    /// `<name>text</name>`. A character XML 1.0 cannot carry (a control
    /// character other than tab and line ends) becomes U+FFFD, so that the
    /// document stays well-formed.
    pub(crate) fn text(&mut self, name: &str, text: &str) {
        let clean: std::borrow::Cow<'_, str> = if text.chars().any(forbidden) {
            text.chars()
                .map(|c| if forbidden(c) { '\u{FFFD}' } else { c })
                .collect::<String>()
                .into()
        } else {
            text.into()
        };
        let _ = self.w.write_event(Event::Start(BytesStart::new(name)));
        let _ = self.w.write_event(Event::Text(BytesText::new(&clean)));
        let _ = self.w.write_event(Event::End(BytesEnd::new(name)));
    }

    /// `<name>text</name>` when there is a text.
    pub(crate) fn opt(&mut self, name: &str, text: Option<&str>) {
        if let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) {
            self.text(name, t);
        }
    }

    /// `<name><n5mdk:kode>code</n5mdk:kode><n5mdk:beskrivelse>…</…></name>`:
    /// the Noark code type, whose parts are in the metadata catalogue's
    /// namespace (bound to the prefix `n5mdk` on the root element).
    pub(crate) fn code(&mut self, name: &str, code: &str, description: Option<&str>) {
        self.open(name, &[]);
        self.text("n5mdk:kode", code);
        self.opt("n5mdk:beskrivelse", description);
        self.close(name);
    }

    /// `<name><n5mdk:navn>who</n5mdk:navn></name>`: the catalogue's
    /// *identifikatorer* by name (a unit, a case officer, a participant).
    pub(crate) fn named(&mut self, name: &str, who: &str) {
        self.open(name, &[]);
        self.text("n5mdk:navn", who);
        self.close(name);
    }

    /// Screening (*skjerming*) of a record whose title names a person or
    /// holds a national identity number: access restricted under the
    /// Freedom of Information Act § 13 (duty of confidentiality); the
    /// public title is masked.
    pub(crate) fn screening(&mut self) {
        self.open("skjerming", &[]);
        self.code("tilgangsrestriksjon", "13", Some("Taushetsplikt"));
        self.text("skjermingshjemmel", "Offl. § 13");
        self.close("skjerming");
    }

    pub(crate) fn finish(self) -> String {
        let mut bytes = self.w.into_inner();
        bytes.push(b'\n');
        String::from_utf8(bytes).unwrap_or_default()
    }
}

fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}
