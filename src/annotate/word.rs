//! Word's own comments as annotations: the passage, author, date and text travel over.

use super::{Anchor, Annotation, AnnotationSet};
use crate::ingest::WordComment;
use crate::store::{CharRange, Document};

/// The first line of a comment written as `[tag, tag]` gives the tags (as Gloss's own Word
/// export writes them); the rest is the note (and a proposed text, see [`super::Proposal`]).
fn tags_and_note(text: &str) -> (Vec<String>, String) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    match first.trim().strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        Some(list) if !list.trim().is_empty() => {
            (list.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(), rest.trim().to_string())
        }
        _ => (Vec::new(), text.trim().to_string()),
    }
}

/// An annotation for one Word comment, or `None` when its passage is not in the document.
/// A comment on a point (no passage) annotates its whole paragraph. The id is derived from the
/// comment, so importing the same file twice and merging gives each comment once.
pub fn annotation_from_comment(document: &Document, comment: &WordComment) -> Option<Annotation> {
    let empty = comment.block == comment.last_block && comment.char_range.is_empty();
    let anchor = if empty {
        let block = document.blocks.get(comment.block)?;
        Anchor::in_block(document, comment.block, CharRange::new(0, block.char_len()))
    } else {
        Anchor::spanning(document, comment.block, comment.char_range.start, comment.last_block, comment.last_char_range.end)
    }?;
    let (tags, note) = tags_and_note(&comment.text);
    // A last line `Proposed: …` (as Gloss's own Word export writes it) is the proposed text.
    let (note, proposal) = super::Proposal::split_note(&note);
    let author = if comment.author.trim().is_empty() { "Word".to_string() } else { comment.author.clone() };
    let mut annotation = Annotation::new(&author, anchor, tags, note);
    annotation.proposal = proposal;
    let date = comment.date.as_deref().and_then(parse_word_date);
    if let Some(date) = date {
        annotation.created = date;
        annotation.modified = date;
    }
    let seed = blake3::hash(format!("{}\u{1f}{}\u{1f}{}", document.content_hash, comment.id, comment.text).as_bytes());
    let mut random = [0u8; 16];
    random.copy_from_slice(&seed.as_bytes()[..16]);
    // An undated comment gets time 0 in its id: the id must not depend on when it was imported.
    let millis = date.and_then(|d| u64::try_from(d.as_millisecond()).ok()).unwrap_or(0);
    annotation.id = ulid::Ulid::from_parts(millis, u128::from_be_bytes(random)).to_string();
    Some(annotation)
}

/// Word writes `2026-03-06T10:00:00Z` (sometimes without the zone, meaning UTC).
fn parse_word_date(date: &str) -> Option<jiff::Timestamp> {
    date.parse::<jiff::Timestamp>().ok().or_else(|| format!("{date}Z").parse().ok())
}

/// Adds the comments of a Word file to `set` (its document must be the Word file's current
/// text); returns how many were added and how many could not be placed. A comment imported
/// before and deleted since stays deleted.
pub fn import_comments(set: &mut AnnotationSet, document: &Document, comments: &[WordComment]) -> (usize, usize) {
    let mut added = 0;
    let mut skipped = 0;
    for comment in comments {
        match annotation_from_comment(document, comment) {
            Some(annotation) if set.get(&annotation.id).is_none() && set.deletion(&annotation.id).is_none() => {
                set.add(annotation, document);
                added += 1;
            }
            Some(_) => {}
            None => skipped += 1,
        }
    }
    (added, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_line_in_brackets_gives_the_tags() {
        assert_eq!(
            tags_and_note("[support, red line]\nKeep this."),
            (vec!["support".to_string(), "red line".to_string()], "Keep this.".to_string())
        );
        assert_eq!(tags_and_note("Plain remark\nsecond line"), (Vec::new(), "Plain remark\nsecond line".to_string()));
    }

    #[test]
    fn a_deleted_comment_is_not_imported_again() {
        let document = crate::annotate::tests::sample_document();
        let comment = WordComment {
            id: "0".into(),
            author: "Delegation B".into(),
            date: Some("2026-03-06T10:00:00Z".into()),
            text: "Why?".into(),
            block: 0,
            char_range: CharRange::new(4, 17),
            last_block: 0,
            last_char_range: CharRange::new(4, 17),
            quote: String::new(),
        };
        let mut set = AnnotationSet::for_document(&document);
        assert_eq!(import_comments(&mut set, &document, std::slice::from_ref(&comment)), (1, 0));
        let id = set.annotations[0].id.clone();
        set.delete(&id, "Delegation A");
        assert_eq!(import_comments(&mut set, &document, &[comment]), (0, 0));
        assert!(set.annotations.is_empty());
    }

    #[test]
    fn word_dates_with_and_without_zone() {
        assert!(parse_word_date("2026-03-06T10:00:00Z").is_some());
        assert!(parse_word_date("2026-03-06T10:00:00").is_some());
        assert!(parse_word_date("yesterday").is_none());
    }
}
