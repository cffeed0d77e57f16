//! PDF files → raw blocks, from the geometry of the text: glyph positions, sizes and weights.
//!
//! [`glyphs`] is the only part that reads PDF (through `hayro-interpret`); after it, the layout
//! analysis works on positioned text alone: [`lines`] groups glyphs into lines, [`columns`] puts
//! two-column pages in reading order, [`zones`] drops page furniture and finds the footnote
//! zone, [`paragraphs`] builds paragraphs, headings and footnotes and links the markers.

mod columns;
mod glyphs;
mod lines;
mod paragraphs;
#[cfg(test)]
mod tests;
mod zones;

use super::RawBlock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Protected by a user password (a PDF that opens with an empty password is read as usual).
    #[error("this PDF is protected by a password; remove the password (print or save it without protection) and open it again")]
    Encrypted,
    /// No page has any text.
    #[error("this PDF has no text layer (a scan?); Gloss needs text")]
    NoTextLayer,
    /// The file is damaged or not a PDF the reader understands.
    #[error("this PDF cannot be read: {0}")]
    Broken(String),
    /// Over one of the reader's limits.
    #[error("this PDF has more {what} than Gloss reads (limit {limit})")]
    TooLarge {
        /// What was counted (`pages`, `objects`, …).
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// Reading took longer than the time budget.
    #[error("reading this PDF took longer than {seconds} seconds; it was stopped")]
    Timeout {
        /// The budget in seconds.
        seconds: u64,
    },
}

/// Limits that keep a hostile or huge file from taking the machine.
#[derive(Clone, Debug)]
pub(crate) struct Limits {
    /// Most pages read.
    pub max_pages: usize,
    /// Most objects in the file.
    pub max_objects: usize,
    /// Most decoded content-stream bytes of one page.
    pub max_content_bytes: usize,
    /// Most glyphs in the whole document.
    pub max_glyphs: usize,
    /// Wall time for the whole document.
    pub time_budget: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_pages: 5_000,
            max_objects: 5_000_000,
            max_content_bytes: 64 * 1024 * 1024,
            max_glyphs: 20_000_000,
            time_budget: Duration::from_secs(60),
        }
    }
}

/// Reads a PDF into raw blocks; `progress` hears (pages done, page count).
pub(crate) fn raw_blocks(bytes: &[u8], progress: &mut dyn FnMut(usize, usize)) -> Result<Vec<RawBlock>, PdfError> {
    raw_blocks_with(bytes, &Limits::default(), progress)
}

/// What the worker thread reports.
enum Report {
    Progress(usize, usize),
    Done(Result<Vec<glyphs::PageGlyphs>, PdfError>),
}

/// Reads a PDF with explicit limits.
///
/// The PDF is interpreted on a worker thread so that a page the interpreter cannot finish
/// in time does not hold the caller: after the budget the caller gets `Timeout` and the
/// worker is left to end on its own. A panic inside the interpreter becomes `Broken`.
pub(crate) fn raw_blocks_with(bytes: &[u8], limits: &Limits, progress: &mut dyn FnMut(usize, usize)) -> Result<Vec<RawBlock>, PdfError> {
    let started = Instant::now();
    let (sender, receiver) = mpsc::channel();
    let owned = bytes.to_vec();
    let worker_limits = limits.clone();
    let spawned = std::thread::Builder::new().name("gloss-pdf".into()).spawn(move || {
        let progress_sender = sender.clone();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            glyphs::extract(owned, &worker_limits, started, &mut |done, total| {
                // The caller may have stopped listening (timeout): nothing to do then.
                let _ = progress_sender.send(Report::Progress(done, total));
            })
        }))
        .unwrap_or_else(|_| Err(PdfError::Broken("the PDF interpreter failed on this file".to_string())));
        let _ = sender.send(Report::Done(result));
    });
    if let Err(error) = spawned {
        return Err(PdfError::Broken(format!("no thread to read it: {error}")));
    }
    let pages = loop {
        let left = limits.time_budget.saturating_sub(started.elapsed());
        match receiver.recv_timeout(left) {
            Ok(Report::Progress(done, total)) => progress(done, total),
            Ok(Report::Done(result)) => break result?,
            Err(mpsc::RecvTimeoutError::Timeout) => return Err(PdfError::Timeout { seconds: limits.time_budget.as_secs() }),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Err(PdfError::Broken("the PDF interpreter stopped".to_string())),
        }
    };
    blocks_from_pages(pages)
}

/// The layout analysis: positioned glyphs of every page → raw blocks.
fn blocks_from_pages(pages: Vec<glyphs::PageGlyphs>) -> Result<Vec<RawBlock>, PdfError> {
    let has_text = pages.iter().flat_map(|p| &p.glyphs).any(|g| g.text.chars().any(char::is_alphanumeric));
    if !has_text {
        return Err(PdfError::NoTextLayer);
    }
    let pages: Vec<zones::PageLines> = pages
        .into_iter()
        .map(|page| {
            let rules = lines::free_rules(&page.rules, &page.glyphs);
            let glyphs = lines::without_struck(page.glyphs, &page.rules);
            let lines = lines::page_lines(&glyphs, page.number);
            zones::PageLines { number: page.number, width: page.width, height: page.height, lines, rules }
        })
        .collect();
    let body_size = zones::body_size(&pages);
    let mut zoned = zones::split_zones(&pages, body_size);
    for (zone, page) in zoned.iter_mut().zip(&pages) {
        zone.body = columns::reading_order(std::mem::take(&mut zone.body), page.width);
    }
    Ok(paragraphs::raw_blocks(&zoned, body_size))
}
