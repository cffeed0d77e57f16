//! Carrying 10,000 annotations onto a revised 1 MB document (target: < 200 ms).
//!
//! Run: `cargo bench --bench carry`

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "benchmarks print their figures")]

#[path = "support/pairs.rs"]
mod pairs;

use gloss::annotate::{self, Anchor, Annotation, AnnotationSet};
use gloss::store::CharRange;
use std::time::Instant;

fn main() {
    let (old_paragraphs, new_paragraphs) = pairs::revision(1_000_000, 11);
    let old = pairs::document(&old_paragraphs);
    let new = pairs::document(&new_paragraphs);
    let mut rng = pairs::Rng::new(5);
    let mut set = AnnotationSet::for_document(&old);
    while set.annotations.len() < 10_000 {
        let block = rng.below(old.blocks.len());
        let words: Vec<(usize, usize)> = word_spans(&old.blocks[block].text);
        let first = rng.below(words.len());
        let last = (first + 2 + rng.below(6)).min(words.len() - 1);
        let range = CharRange::new(words[first].0, words[last].1);
        if let Some(anchor) = Anchor::in_block(&old, block, range) {
            set.annotations.push(Annotation::new("bench", anchor, vec!["support".into()], String::new()));
        }
    }
    set.sort(&old);

    let start = Instant::now();
    let alignment = gloss::compare::compare(&old, &new);
    let align_time = start.elapsed();
    let mut times = Vec::new();
    let mut report = None;
    for _ in 0..5 {
        let start = Instant::now();
        let (carried, r) = annotate::carry_set(&set, &old, &new, &alignment);
        times.push(start.elapsed());
        std::hint::black_box(carried);
        report = Some(r);
    }
    times.sort();
    let r = report.expect("ran");
    println!("document: {} + {} blocks (~1 MB each side); 10,000 annotations", old.blocks.len(), new.blocks.len());
    println!("align: {align_time:.1?}; carry (median of 5): {:.1?}; best {:.1?}", times[2], times[0]);
    println!("statuses: {} exact, {} moved, {} changed, {} orphaned", r.exact, r.moved, r.changed, r.orphaned);
}

/// Character ranges of the words of a text.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.chars().count()));
    }
    spans
}
