//! Reading PDF and Word files, against poppler's `pdftotext` on the same PDF in the same run.
//!
//! Run: `cargo bench --bench documents`. It reads `GLOSS_DOCUMENTS_DIR` (the shared corpus: the
//! 42-page `un-compilation-long.pdf`) when set, else the project's own fixtures in `tests/fixtures`.
//! Targets: a PDF read and segmented in less time than `pdftotext` takes to extract its text;
//! a Word file in under 50 ms.

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "benchmarks print their figures")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::var_os("GLOSS_DOCUMENTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"));
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("pdf" | "docx")));
    files.sort();
    println!("{:<44} {:>6} {:>12} {:>14}", "file", "pages", "gloss (ms)", "pdftotext (ms)");
    for file in &files {
        let gloss = median(|| {
            let started = Instant::now();
            let document = gloss::ingest::read_path(file);
            (started.elapsed(), document.map(|d| d.blocks.iter().filter_map(|b| b.source.page()).max().unwrap_or(0)).unwrap_or(0))
        });
        let poppler = if file.extension().is_some_and(|e| e == "pdf") { pdftotext(file) } else { None };
        println!(
            "{:<44} {:>6} {:>12.1} {:>14}",
            file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            gloss.1,
            gloss.0.as_secs_f64() * 1000.0,
            poppler.map_or_else(|| "-".to_string(), |d| format!("{:.1}", d.as_secs_f64() * 1000.0)),
        );
    }
}

/// Median time of seven runs (and the last run's page count).
fn median(mut run: impl FnMut() -> (Duration, u32)) -> (Duration, u32) {
    let mut times = Vec::new();
    let mut pages = 0;
    for _ in 0..7 {
        let (time, p) = run();
        times.push(time);
        pages = p;
    }
    times.sort();
    (times[times.len() / 2], pages)
}

/// Median time of `pdftotext FILE -` (its output discarded), if poppler is installed.
fn pdftotext(file: &Path) -> Option<Duration> {
    let mut times = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let status = Command::new("pdftotext").arg(file).arg("-").stdout(std::process::Stdio::null()).status().ok()?;
        if !status.success() {
            return None;
        }
        times.push(started.elapsed());
    }
    times.sort();
    Some(times[times.len() / 2])
}
