//! Carrying 10,000 annotations onto a revised 1 MB document (target: < 200 ms), with short
//! quotes (a few words) and with long ones (whole paragraphs or 300+ characters; target: < 100 ms).
//!
//! Run: `cargo bench --bench carry`

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "benchmarks print their figures")]

#[path = "support/pairs.rs"]
mod pairs;

use gloss::annotate::{self, Anchor, Annotation, AnnotationSet};
use gloss::store::{CharRange, Document};
use std::time::Instant;

fn main() {
    let (old_paragraphs, new_paragraphs) = pairs::revision(1_000_000, 11);
    let old = pairs::document(&old_paragraphs);
    let new = pairs::document(&new_paragraphs);

    let start = Instant::now();
    let alignment = gloss::compare::compare(&old, &new);
    let align_time = start.elapsed();
    println!("document: {} + {} blocks (~1 MB each side); 10,000 annotations per case", old.blocks.len(), new.blocks.len());
    println!("align: {align_time:.1?}");

    let short = annotations(&old, 5, |rng, words| {
        let first = rng.below(words.len());
        (first, (first + 2 + rng.below(6)).min(words.len() - 1))
    });
    run("short quotes (3-8 words)", &short, &old, &new, &alignment);

    // Half whole paragraphs, half passages of 300+ characters from a word to the paragraph's end.
    let long = annotations(&old, 7, |rng, words| {
        if rng.below(2) == 0 {
            return (0, words.len() - 1);
        }
        let last = words.len() - 1;
        let latest_start = words.iter().rposition(|w| words[last].1 - w.0 >= 300).unwrap_or(0);
        (rng.below(latest_start + 1), last)
    });
    let mean = long.annotations.iter().map(|a| a.anchor.quote.chars().count()).sum::<usize>() / long.annotations.len();
    run(&format!("long quotes (whole paragraphs or 300+ characters, mean {mean})"), &long, &old, &new, &alignment);
}

/// 10,000 annotations on random blocks; `pick` chooses the first and last word of each passage.
fn annotations(old: &Document, seed: u64, mut pick: impl FnMut(&mut pairs::Rng, &[(usize, usize)]) -> (usize, usize)) -> AnnotationSet {
    let mut rng = pairs::Rng::new(seed);
    let mut set = AnnotationSet::for_document(old);
    while set.annotations.len() < 10_000 {
        let block = rng.below(old.blocks.len());
        let words: Vec<(usize, usize)> = word_spans(&old.blocks[block].text);
        if words.is_empty() {
            continue;
        }
        let (first, last) = pick(&mut rng, &words);
        let range = CharRange::new(words[first].0, words[last].1);
        if let Some(anchor) = Anchor::in_block(old, block, range) {
            set.annotations.push(Annotation::new("bench", anchor, vec!["support".into()], String::new()));
        }
    }
    set.sort(old);
    set
}

/// Carries the set five times and prints the median, the best and the statuses.
fn run(name: &str, set: &AnnotationSet, old: &Document, new: &Document, alignment: &gloss::compare::Alignment) {
    let mut times = Vec::new();
    let mut report = None;
    for _ in 0..5 {
        let start = Instant::now();
        let (carried, r) = annotate::carry_set(set, old, new, alignment);
        times.push(start.elapsed());
        std::hint::black_box(carried);
        report = Some(r);
    }
    times.sort();
    let r = report.expect("ran");
    println!("{name}: carry (median of 5): {:.1?}; best {:.1?}", times[2], times[0]);
    println!("  statuses: {} exact, {} moved, {} changed, {} orphaned", r.exact, r.moved, r.changed, r.orphaned);
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
