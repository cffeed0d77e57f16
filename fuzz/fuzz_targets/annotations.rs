//! Any bytes as an annotation file: an error naming the file or a set, never a panic.
#![no_main]

use gloss::annotate::file::{Limits, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse(std::path::Path::new("fuzz.gloss.ron"), data, Limits::default());
});
