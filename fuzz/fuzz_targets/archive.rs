//! Both archive exports of arbitrary meetings: well-formed XML (read back
//! by quick-xml to the end), the same bytes twice, and every file the XML
//! refers to present with its checksum.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quick_xml::events::Event;
use quick_xml::Reader;
use roundtable::{ArchiveKind, ArchiveOptions};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let m = common::meeting(data);
    for kind in [ArchiveKind::MoeteMappe, ArchiveKind::Arkivmelding] {
        let a = m.to_archive(kind, &ArchiveOptions::default()).unwrap();
        let b = m.to_archive(kind, &ArchiveOptions::default()).unwrap();
        assert_eq!(a, b);
        for message in &a.messages {
            let text = std::str::from_utf8(&message.bytes).unwrap();
            let mut reader = Reader::from_str(text);
            loop {
                match reader.read_event() {
                    Ok(Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{e} at {}", reader.buffer_position()),
                }
            }
            for file in &a.files {
                if text.contains(&format!(">{}<", file.name)) {
                    assert!(text.contains(&file.sha256));
                }
            }
        }
    }
});
