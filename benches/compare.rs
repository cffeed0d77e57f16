//! End-to-end comparison of generated revision pairs (read, segment both, align, inline diffs),
//! re-wrapped differently on each side, against `git diff --no-index --word-diff`.
//!
//! Run: `cargo bench --bench compare` (`GLOSS_BENCH_PAIRS=DIR` keeps the generated pairs in
//! DIR). Targets on one core: 1 MB < 150 ms, 10 MB < 2 s, peak memory < 5× the input; then the
//! evaluation kit's pairs beside git (time and noise).

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    unsafe_code,
    reason = "benchmarks print their figures; a counting global allocator measures peak heap"
)]

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/pairs.rs"]
mod pairs;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    // GLOSS_BENCH_PAIRS=DIR keeps the generated pairs there, to time or profile the command line.
    let kept = std::env::var_os("GLOSS_BENCH_PAIRS").map(std::path::PathBuf::from);
    let dir_path = kept.as_deref().unwrap_or(dir.path());
    println!("{:<8} {:>10} {:>8} {:>12} {:>12} {:>10} {:>10}", "pair", "bytes", "blocks", "median", "best", "peak/in", "changes");
    for (name, bytes) in [("100KB", 100_000), ("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let (old_paragraphs, new_paragraphs) = pairs::revision(bytes, 7);
        let old_text = common::render_pdf_like(&pairs::document(&old_paragraphs), 78);
        let new_text = common::render_pdf_like(&pairs::document(&new_paragraphs), 66);
        let old_path = dir_path.join(format!("{name}-old.txt"));
        let new_path = dir_path.join(format!("{name}-new.txt"));
        std::fs::write(&old_path, &old_text).expect("write");
        std::fs::write(&new_path, &new_text).expect("write");
        let input = old_text.len() + new_text.len();
        let runs = if bytes >= 10_000_000 { 3 } else { 7 };
        let (times, summary, peak_ratio) = timed_compare(&old_path, &new_path, runs);
        let changes = summary.changes();
        println!(
            "{:<8} {:>10} {:>8} {:>12.1?} {:>12.1?} {:>9.1}× {:>10}",
            name,
            input,
            old_paragraphs.len() + new_paragraphs.len(),
            times[times.len() / 2],
            times[0],
            peak_ratio,
            changes
        );
        if name != "100KB" {
            git_word_diff(&old_path, &new_path, times[times.len() / 2], changes, runs);
            commands_side_by_side(&old_path, &new_path, runs);
        }
    }
    eval_pairs();
}

/// Reads both files and compares them `runs` times: sorted times, the last summary, and the
/// peak heap over the run as a multiple of the input size.
fn timed_compare(old_path: &std::path::Path, new_path: &std::path::Path, runs: usize) -> (Vec<Duration>, gloss::compare::Summary, f64) {
    let input = (std::fs::metadata(old_path).map_or(0, |m| m.len()) + std::fs::metadata(new_path).map_or(0, |m| m.len())).max(1) as f64;
    let mut times = Vec::new();
    let mut summary = gloss::compare::Summary::default();
    let mut peak_ratio = 0.0;
    for _ in 0..runs {
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let start = Instant::now();
        let (old, new) = gloss::ingest::read_pair(old_path, new_path);
        let (old, new) = (old.expect("old reads"), new.expect("new reads"));
        let alignment = gloss::compare::compare(&old, &new);
        times.push(start.elapsed());
        peak_ratio = (PEAK.load(Ordering::Relaxed) - base) as f64 / input;
        summary = alignment.summary.clone();
        std::hint::black_box(alignment);
    }
    times.sort();
    (times, summary, peak_ratio)
}

/// Side by side with git on the evaluation kit's generated pairs (`large` ≈ 1 MB, and `huge` ≈
/// 10 MB once made with `make_pairs.py --huge`), whose truth gives the real changed words:
/// time, and noise = changed words reported / true changed words (1.0 is ideal).
fn eval_pairs() {
    let dir = std::env::var_os("GLOSS_EVAL_DIR").map_or_else(|| std::path::PathBuf::from("../shared/eval"), std::path::PathBuf::from);
    for name in ["large", "huge"] {
        let pair = dir.join("pairs").join(name);
        let Ok(truth) = std::fs::read(pair.join("truth.json")) else { continue };
        let Ok(truth) = serde_json::from_slice::<serde_json::Value>(&truth) else { continue };
        let true_words = truth["changed_words"].as_u64().unwrap_or(0).max(1) as f64;
        let (old_path, new_path) = (pair.join("old.txt"), pair.join("new.txt"));
        if !old_path.exists() || !new_path.exists() {
            continue;
        }
        let input = std::fs::metadata(&old_path).map_or(0, |m| m.len()) + std::fs::metadata(&new_path).map_or(0, |m| m.len());
        let (times, s, peak_ratio) = timed_compare(&old_path, &new_path, 5);
        let all = (s.words_inserted + s.words_deleted) as f64;
        let body = all - (s.footnote_words_inserted + s.footnote_words_deleted) as f64;
        let (git_time, git) = timed_git(&old_path, &new_path, 5);
        let git_words = git.map_or(0, |o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .filter(|l| (l.starts_with('-') || l.starts_with('+')) && !l.starts_with("---") && !l.starts_with("+++"))
                .map(|l| l[1..].split_whitespace().count())
                .sum::<usize>()
        });
        println!(
            "eval pair {name} ({input} bytes): Gloss {:.1?} (peak heap {peak_ratio:.1}× the input), git word-diff {git_time:.1?}; noise Gloss {:.2} in the text ({:.2} with footnotes), git {:.1}",
            times[times.len() / 2],
            body / true_words,
            all / true_words,
            git_words as f64 / true_words
        );
        commands_side_by_side(&old_path, &new_path, 5);
    }
}

/// Runs `git diff --no-index --word-diff=porcelain` `runs` times: the median time and the last output.
fn timed_git(old: &std::path::Path, new: &std::path::Path, runs: usize) -> (Duration, std::io::Result<std::process::Output>) {
    let mut times = Vec::new();
    let mut output = Err(std::io::Error::other("not run"));
    for _ in 0..runs {
        let start = Instant::now();
        output = std::process::Command::new("git").args(["diff", "--no-index", "--word-diff=porcelain"]).arg(old).arg(new).output();
        times.push(start.elapsed());
    }
    times.sort();
    (times[times.len() / 2], output)
}

/// Process against process: `gloss compare --json` and `git diff --no-index --word-diff=porcelain`
/// taking turns on the same pair, each writing its whole output to /dev/null (medians of `runs`).
fn commands_side_by_side(old: &std::path::Path, new: &std::path::Path, runs: usize) {
    let run = |program: &str, args: &[&str]| {
        let start = Instant::now();
        let status = std::process::Command::new(program).args(args).arg(old).arg(new).stdout(std::process::Stdio::null()).status();
        status.map(|_| start.elapsed())
    };
    let (mut ours, mut git) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        match (run(env!("CARGO_BIN_EXE_gloss"), &["compare", "--json"]), run("git", &["diff", "--no-index", "--word-diff=porcelain"])) {
            (Ok(a), Ok(b)) => {
                ours.push(a);
                git.push(b);
            }
            (Err(e), _) | (_, Err(e)) => return println!("command line side by side could not run: {e}"),
        }
    }
    ours.sort();
    git.sort();
    let (ours, git) = (ours[runs / 2], git[runs / 2]);
    println!(
        "command line, taking turns (output to /dev/null): gloss compare --json {ours:.1?}, git diff --word-diff {git:.1?} (time ratio git/Gloss {:.2})",
        git.as_secs_f64() / ours.as_secs_f64()
    );
}

/// Times `git diff --no-index --word-diff` on the same pair (median of `runs`, as for Gloss)
/// and counts the runs of words it marks.
fn git_word_diff(old: &std::path::Path, new: &std::path::Path, ours: Duration, our_changes: usize, runs: usize) {
    let (elapsed, output) = timed_git(old, new, runs);
    match output {
        Ok(output) => {
            let text = String::from_utf8_lossy(&output.stdout);
            let marked = text
                .lines()
                .filter(|l| (l.starts_with('-') || l.starts_with('+')) && !l.starts_with("---") && !l.starts_with("+++"))
                .count();
            println!(
                "git diff --no-index --word-diff on the same pair: {elapsed:.1?} (Gloss {ours:.1?}, time ratio git/Gloss {:.2}); git marks {marked} changed runs, Gloss reports {our_changes} changed rows ({:.1} git runs per Gloss change)",
                elapsed.as_secs_f64() / ours.as_secs_f64(),
                marked as f64 / our_changes.max(1) as f64
            );
        }
        Err(e) => println!("git diff could not run: {e}"),
    }
}
