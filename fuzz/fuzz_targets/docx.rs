//! Any bytes offered as a Word file: raw archives, or the input as `word/document.xml` inside a
//! well-formed archive (which reaches the XML walk far more often than random zip bytes).
#![no_main]

use gloss::ingest::{IngestOptions, document_from_bytes};
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fn wrapped(xml: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).ok()?;
    zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>").ok()?;
    zip.start_file("word/document.xml", options).ok()?;
    zip.write_all(xml).ok()?;
    Some(zip.finish().ok()?.into_inner())
}

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK") {
        let _ = document_from_bytes("fuzz.docx", data, IngestOptions::default());
    } else if let Some(bytes) = wrapped(data) {
        let _ = document_from_bytes("fuzz.docx", &bytes, IngestOptions::default());
    }
});
