//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

pub mod lo;
pub mod ooxml;
pub mod word;

use gloss::store::{BlockKind, Document};
use std::path::PathBuf;

/// The project's own files (samples, fixtures).
pub fn project_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The seed documents folder from `GLOSS_SEEDS_DIR`. Under CI it must exist; elsewhere
/// (a user's clone without `../shared`) seed tests are skipped with a note.
#[allow(clippy::print_stderr, reason = "a skipped test says why")]
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("GLOSS_SEEDS_DIR").map(PathBuf::from);
    match dir {
        Some(dir) if dir.is_dir() => Some(dir),
        other => {
            assert!(std::env::var_os("CI").is_none(), "CI must provide the seeds: GLOSS_SEEDS_DIR={other:?} is not a folder");
            eprintln!("note: GLOSS_SEEDS_DIR not set or missing; seed tests skipped");
            None
        }
    }
}

/// A seed file by its number prefix (`"001"`).
pub fn seed(dir: &std::path::Path, prefix: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .expect("seeds folder is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .unwrap_or_else(|| panic!("no seed {prefix} in {}", dir.display()))
}

/// Re-renders a document as PDF-extracted text at another width: hard wraps with a blank line
/// after every line, line-end hyphenation of words the document also has whole, footnote
/// markers glued to words, and each footnote in a `____` block that cuts its paragraph.
pub fn render_pdf_like(doc: &Document, width: usize) -> String {
    let vocabulary: std::collections::HashSet<String> =
        doc.blocks.iter().flat_map(|b| b.text.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect::<Vec<_>>()).collect();
    let mut out = String::new();
    for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Footnote) {
        let mut text = block.text.clone();
        // Glue markers back (from the end, so offsets stay valid).
        for r in block.footnote_refs.iter().rev() {
            let byte = gloss::text::byte_offset(&text, r.char_offset);
            text.insert_str(byte, &r.label());
        }
        let first = match (block.kind, block.label.is_empty()) {
            (BlockKind::Bullet, _) => format!("• {text}"),
            (_, true) => text,
            (_, false) => format!("{} {}", block.label, text),
        };
        // Headings centred (two spaces), unlabelled paragraphs indented by one, as in 002.
        let indent = match block.kind {
            BlockKind::Heading => "  ",
            BlockKind::Unnumbered => " ",
            _ => "",
        };
        let lines = wrap(&first, width, &vocabulary);
        let notes: Vec<&gloss::store::Block> = block.footnote_refs.iter().filter_map(|r| doc.footnote_for(r)).collect();
        let mut after_notes = false;
        for (i, line) in lines.iter().enumerate() {
            let lead = if i == 0 {
                indent
            } else if after_notes {
                " "
            } else {
                ""
            };
            after_notes = false;
            out.push_str(&format!("{lead}{line} \n\n"));
            // Cut the paragraph after its first line with the footnote block.
            if i == 0 && !notes.is_empty() && (lines.len() > 1 || notes.iter().any(|n| n.label.parse::<u32>().is_err())) {
                out.push_str("__________________ \n\n");
                for note in &notes {
                    out.push_str(&format!(" {} {} \n\n", note.label, note.text));
                }
                out.push_str("https://undocs.org/ru/A/RES/1/1\n");
                after_notes = true;
            }
        }
    }
    out
}

/// Re-renders a document as Markdown wrapped at another width (headings as `##`, footnotes as
/// `[^n]` definitions at the end), for comparing Markdown seeds with themselves re-wrapped.
pub fn render_markdown(doc: &Document, width: usize) -> String {
    let none = std::collections::HashSet::new();
    let mut out = String::new();
    for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Footnote) {
        let mut text = block.text.clone();
        for r in block.footnote_refs.iter().rev() {
            let byte = gloss::text::byte_offset(&text, r.char_offset);
            text.insert_str(byte, &format!("[^{}]", r.label()));
        }
        let full = match (block.kind, block.label.is_empty()) {
            (BlockKind::Bullet, _) => format!("* {text}"),
            (_, true) => text,
            (_, false) => format!("{} {}", block.label, text),
        };
        if block.kind == BlockKind::Heading {
            out.push_str(&format!("{} {}\n\n", "#".repeat(block.level.clamp(1, 6) as usize), full));
        } else {
            out.push_str(&wrap(&full, width, &none).join("\n"));
            out.push_str("\n\n");
        }
    }
    for note in doc.blocks.iter().filter(|b| b.kind == BlockKind::Footnote) {
        out.push_str(&format!("[^{}]: {}\n", note.label, note.text));
    }
    out
}

fn wrap(text: &str, width: usize, vocabulary: &std::collections::HashSet<String>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let len = line.chars().count();
        if len + 1 + word.chars().count() <= width || line.is_empty() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        // Hyphenate a long plain word the document knows whole, keeping at least 3 letters each side.
        let chars: Vec<char> = word.chars().collect();
        let room = width.saturating_sub(len + 2);
        let plain = chars.iter().all(|c| c.is_alphabetic() && c.is_lowercase());
        if plain && chars.len() >= 8 && room >= 3 && vocabulary.contains(&word.to_lowercase()) {
            let cut = room.min(chars.len() - 3);
            let head: String = chars[..cut].iter().collect();
            let tail: String = chars[cut..].iter().collect();
            line.push(' ');
            line.push_str(&head);
            line.push('-');
            lines.push(std::mem::take(&mut line));
            line.push_str(&tail);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
