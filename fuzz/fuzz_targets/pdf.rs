//! Any bytes offered as a PDF: an error or a document, never a panic or a hang.
#![no_main]

use gloss::ingest::{IngestOptions, document_from_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Keep the input a PDF for format detection, so every run reaches the PDF reader.
    let bytes = if data.starts_with(b"%PDF-") { data.to_vec() } else { [b"%PDF-1.7\n".as_slice(), data].concat() };
    let _ = document_from_bytes("fuzz.pdf", &bytes, IngestOptions::default());
});
