//! Writing the Word redline of the generated 1 MB revision pair (target: < 1 s), and the
//! annotated document and the compilation of the same size.
//!
//! Run: `cargo bench --bench word`

#[path = "support/pairs.rs"]
mod pairs;

use divan::counter::BytesCount;
use gloss::export::docx::{RedlineOptions, redline};

fn main() {
    divan::main();
}

fn pair() -> (gloss::store::Document, gloss::store::Document) {
    let (old, new) = pairs::revision(1_000_000, 7);
    (pairs::document(&old), pairs::document(&new))
}

/// The redline alone, from a comparison already made: the time the export adds.
#[divan::bench(sample_count = 10)]
fn redline_1mb(bencher: divan::Bencher) {
    let (old, new) = pair();
    let alignment = gloss::compare::compare(&old, &new);
    let options = RedlineOptions::default();
    bencher
        .counter(BytesCount::new(old.text_chars() + new.text_chars()))
        .bench(|| redline(divan::black_box(&old), divan::black_box(&new), &alignment, &options).expect("written"));
}

/// Comparison and redline together, as `gloss compare OLD NEW --docx` does after reading.
#[divan::bench(sample_count = 10)]
fn compare_and_redline_1mb(bencher: divan::Bencher) {
    let (old, new) = pair();
    let options = RedlineOptions::default();
    bencher.bench(|| {
        let alignment = gloss::compare::compare(&old, &new);
        redline(&old, &new, &alignment, &options).expect("written")
    });
}

/// The 1 MB document with no annotations as a Word file.
#[divan::bench(sample_count = 10)]
fn annotated_1mb(bencher: divan::Bencher) {
    let (_, new) = pair();
    let set = gloss::annotate::AnnotationSet::for_document(&new);
    bencher.bench(|| gloss::export::docx::annotated(&new, &set, &[]).expect("written"));
}
