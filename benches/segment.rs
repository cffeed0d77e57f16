//! Segmentation throughput on ~10 MB of PDF-like text (target: ≥ 50 MB/s on one core).
//!
//! Run: `cargo bench --bench segment`

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "benchmarks print their figures")]

use divan::counter::BytesCount;
use gloss::store::SourceForm;

fn main() {
    divan::main();
}

/// The PDF fixture repeated to about 10 MB, read and decoded once.
fn pdf_text() -> String {
    let one = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/draft-pdf.txt")).expect("fixture exists");
    one.repeat((10 * 1024 * 1024) / one.len() + 1)
}

fn markdown_text() -> String {
    let one = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/draft.md")).expect("sample exists");
    one.repeat((10 * 1024 * 1024) / one.len() + 1)
}

#[divan::bench(sample_count = 10)]
fn segment_pdf_10mb(bencher: divan::Bencher) {
    let text = pdf_text();
    bencher.counter(BytesCount::of_str(&text)).bench(|| gloss::ingest::segment_text(divan::black_box(&text), SourceForm::PdfText));
}

#[divan::bench(sample_count = 10)]
fn segment_markdown_10mb(bencher: divan::Bencher) {
    let text = markdown_text();
    bencher.counter(BytesCount::of_str(&text)).bench(|| gloss::ingest::segment_text(divan::black_box(&text), SourceForm::Markdown));
}

#[divan::bench(sample_count = 10)]
fn read_pdf_bytes_10mb(bencher: divan::Bencher) {
    let bytes = pdf_text().into_bytes();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| gloss::ingest::document_from_bytes("bench", divan::black_box(&bytes), Default::default()));
}
