//! Headless frame times of the reader and the compare view on a ~10 MB document while
//! scrolling, also with 5,000 annotations (target: < 8 ms CPU per frame, layout plus tessellation).
//!
//! Run: `cargo bench --bench frames`

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "benchmarks print their figures")]

#[path = "support/pairs.rs"]
mod pairs;

use egui::{Event, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, vec2};
use gloss::ui::{Active, AppState, app_ui};
use std::time::{Duration, Instant};

fn main() {
    let (old, new) = pairs::revision(10_000_000, 3);
    let old_doc = pairs::document(&old);
    let new_doc = pairs::document(&new);
    println!("document: {} blocks, {:.1} MB of text", old_doc.blocks.len(), old_doc.text_chars() as f64 / 1e6);
    let mut state = AppState::default();
    state.settings.author = "bench".into();
    let a = state.add_document(old_doc, None);
    let b = state.add_document(new_doc, None);
    let start = Instant::now();
    let Some(compare) = state.compare_now(a.clone(), b.clone()) else { panic!("the comparison runs") };
    println!("compare on load (background thread in the app): {:.0?}", start.elapsed());
    for (name, active) in [("reader", Active::Reader(a.clone())), ("compare", Active::Compare(compare))] {
        state.active = Some(active);
        let (first, frames) = scroll_frames(&mut state, 300);
        report(name, first, frames);
    }
    // Again with 5,000 annotations: highlights and the annotations panel in the reader, the old
    // version's and the carried annotations in the comparison.
    let Some(open) = state.docs.get_mut(&a) else { panic!("the document is open") };
    let document = open.document.clone();
    let mut rng = pairs::Rng::new(9);
    let mut set = gloss::annotate::AnnotationSet::for_document(&document);
    for _ in 0..5_000 {
        let block = rng.below(document.blocks.len());
        let start = rng.below(document.blocks[block].char_len().saturating_sub(40).max(1));
        if let Some(anchor) = gloss::annotate::Anchor::in_block(&document, block, gloss::store::CharRange::new(start, start + 30)) {
            let annotation = gloss::annotate::Annotation::new("bench", anchor, vec!["concern".into()], String::new());
            set.annotations.push(annotation);
        }
    }
    set.sort(&document);
    open.annotations = gloss::annotate::Annotated::from_set(set, &document);
    state.active = Some(Active::Reader(a.clone()));
    let (first, frames) = scroll_frames(&mut state, 300);
    report("reader+5k", first, frames);
    state.compare_now(a, b);
    state.active = Some(Active::Compare(compare));
    let (first, frames) = scroll_frames(&mut state, 300);
    report("compare+5k", first, frames);
}

/// Runs frames while the wheel scrolls down, then jumps far, returning the first frame and the rest.
fn scroll_frames(state: &mut AppState, count: usize) -> (Duration, Vec<Duration>) {
    let ctx = egui::Context::default();
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 860.0));
    let mut times = Vec::with_capacity(count);
    let mut first = Duration::ZERO;
    for frame in 0..count {
        let mut input = RawInput { screen_rect: Some(screen), ..Default::default() };
        input.events.push(Event::PointerMoved(Pos2::new(640.0, 450.0)));
        input.events.push(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -90.0),
            phase: TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        if frame == count / 2 {
            // A jump through the outline / find to far into the document.
            if let Some(Active::Reader(doc)) = &state.active
                && let Some(open) = state.docs.get_mut(doc)
            {
                open.view.scroll_to = Some(open.document.blocks.len() * 3 / 4);
            }
        }
        let start = Instant::now();
        let output = ctx.run_ui(input, |ui| app_ui(ui, state));
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        let elapsed = start.elapsed();
        if frame == 0 {
            first = elapsed;
        } else {
            times.push(elapsed);
        }
    }
    (first, times)
}

fn report(name: &str, first: Duration, mut times: Vec<Duration>) {
    times.sort();
    let pick = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "{name:<10} first frame {first:.1?}; scrolling: median {:.2?}, p95 {:.2?}, max {:.2?} over {} frames",
        pick(0.5),
        pick(0.95),
        pick(1.0),
        times.len()
    );
}
