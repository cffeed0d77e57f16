//! Any bytes as a text document, in every form: an error or a document, never a panic.
#![no_main]

use gloss::ingest::{IngestOptions, document_from_bytes};
use gloss::store::SourceForm;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for form in [None, Some(SourceForm::Markdown), Some(SourceForm::PdfText), Some(SourceForm::Plain)] {
        let _ = document_from_bytes("fuzz.txt", data, IngestOptions { form, ..IngestOptions::default() });
    }
});
