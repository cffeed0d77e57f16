//! Footnote markers in PDF text: digits and printer's marks glued to words, found and lifted out.

use super::Classified;
use crate::store::{BlockKind, FootnoteRef};

/// PDF text glues markers to words (`отметила1,`, `договор» 1 ,`): find each known footnote's
/// marker between the previous marker and the footnote's own position, remove it, record it.
pub(super) fn link_glued_markers(blocks: &mut [Classified], footnotes: &[(usize, u32)]) {
    let mut cursor = (0usize, 0usize); // (block, byte offset)
    for &(footnote_index, number) in footnotes {
        // The marker stands on the footnote's page, just before it: search backwards from the
        // footnote (a digit further up is more likely a number in the text), never before the
        // previous marker.
        let mut found = None;
        for block_index in (cursor.0..footnote_index.min(blocks.len())).rev() {
            let block = &blocks[block_index];
            if block.kind == BlockKind::Footnote {
                continue;
            }
            let mut from = if block_index == cursor.0 { cursor.1 } else { 0 };
            while let Some(span) = find_marker(&block.text, number, from) {
                found = Some((block_index, span));
                from = span.1;
            }
            if found.is_some() {
                break;
            }
        }
        let in_order = found.is_some();
        if !in_order {
            found = glued_marker_on_page(blocks, footnote_index, number);
        }
        if let Some((index, (start, end))) = found {
            let block = &mut blocks[index];
            let char_offset = block.text[..start].chars().count();
            block.text.replace_range(start..end, "");
            for r in block.refs.iter_mut().filter(|r| r.char_offset > char_offset) {
                r.char_offset -= end.saturating_sub(start).min(r.char_offset - char_offset);
            }
            block.refs.push(FootnoteRef::numbered(number, char_offset));
            block.refs.sort_by_key(|r| r.char_offset);
            if in_order {
                cursor = (index, start);
            }
        }
    }
}

/// A marker out of order (notes 6 and 7 on one page, `наведения7` above `представляющей6`): only
/// digits glued straight to a lower-case word count, and only on the footnote's own page (after
/// the previous footnote region).
fn glued_marker_on_page(blocks: &[Classified], footnote_index: usize, number: u32) -> Option<(usize, (usize, usize))> {
    let region_start = (0..footnote_index.min(blocks.len())).rev().find(|&i| blocks[i].kind != BlockKind::Footnote)? + 1;
    let page_start = (0..region_start).rev().find(|&i| blocks[i].kind == BlockKind::Footnote).map_or(0, |i| i + 1);
    (page_start..region_start).rev().find_map(|i| {
        let text = &blocks[i].text;
        let mut last = None;
        let mut from = 0;
        while let Some(span) = find_marker(text, number, from) {
            from = span.1;
            let glued = text[span.0..].starts_with(|c: char| c.is_ascii_digit())
                && text[..span.0].chars().next_back().is_some_and(|c| c.is_alphabetic() && c.is_lowercase());
            if glued {
                last = Some(span);
            }
        }
        last.map(|span| (i, span))
    })
}

/// A footnote with a printer's mark (`*`) belongs to the last word before it carrying that mark
/// (`Участники*`): the mark comes off the word and is recorded.
pub(super) fn link_glued_marks(blocks: &mut [Classified], footnotes: &[(usize, u32, String)]) {
    for (footnote_index, number, mark) in footnotes {
        let end = (*footnote_index).min(blocks.len());
        for block in blocks[..end].iter_mut().rev().filter(|b| b.kind != BlockKind::Footnote && b.refs.iter().all(|r| &r.mark != mark)) {
            let found = block.text.match_indices(mark.as_str()).find(|(i, _)| {
                let before = block.text[..*i].chars().next_back();
                let after = block.text[i + mark.len()..].chars().next();
                before.is_some_and(char::is_alphabetic) && after.is_none_or(|c| !c.is_alphanumeric() && !mark.contains(c))
            });
            if let Some((at, _)) = found {
                let char_offset = block.text[..at].chars().count();
                block.text.replace_range(at..at + mark.len(), "");
                let mark_chars = mark.chars().count();
                for r in block.refs.iter_mut().filter(|r| r.char_offset > char_offset) {
                    r.char_offset = r.char_offset.saturating_sub(mark_chars).max(char_offset);
                }
                block.refs.push(FootnoteRef { number: *number, char_offset, mark: mark.clone() });
                block.refs.sort_by_key(|r| r.char_offset);
                break;
            }
        }
    }
}

/// Byte span of the marker for `number` in `text` at or after `from`: digits glued to a word or a
/// closing quote, or standing alone before punctuation. The span includes a space that only
/// separated the marker.
fn find_marker(text: &str, number: u32, from: usize) -> Option<(usize, usize)> {
    let digits = number.to_string();
    let mut search = from;
    while let Some(pos) = text.get(search..).and_then(|s| s.find(&digits)) {
        let start = search + pos;
        let end = start + digits.len();
        search = end;
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if after.is_some_and(char::is_alphanumeric) || before.is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let after_ok = after.is_none_or(|c| c == ' ' || matches!(c, ',' | '.' | ';' | ':' | ')'));
        match before {
            Some(c) if (c.is_alphabetic() && !c.is_uppercase() || matches!(c, '»' | '”' | ')' | '"')) && after_ok => {
                // Glued: `отметила1,` / `годов3 )`; drop one following space before punctuation.
                let trailing = space_before_punct(text, end);
                return Some((start, end + trailing));
            }
            Some(' ') => {
                let before2 = text[..start - 1].chars().next_back();
                let trailing = space_before_punct(text, end);
                let stands_alone = trailing > 0 || after.is_none_or(|c| matches!(c, ',' | '.' | ';' | ':'));
                let before_word = text[end..].starts_with(' ') && text[end + 1..].chars().next().is_some_and(char::is_lowercase);
                if before2.is_some_and(|c| matches!(c, '»' | '”' | '"')) && (stands_alone || before_word) {
                    return Some((start - 1, end + trailing));
                }
                // `развития 2  и`: extraction leaves two spaces after a superscript number.
                if before2.is_some_and(|c| c.is_alphabetic() && c.is_lowercase()) && text[end..].starts_with("  ") {
                    return Some((start - 1, end));
                }
            }
            _ => {}
        }
    }
    None
}

fn space_before_punct(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    if rest.starts_with(' ') && rest[1..].starts_with([',', '.', ';', ':', ')']) { 1 } else { 0 }
}
