//! The track-changes text of a comparison: the old and new versions interleaved as one text,
//! deleted words struck through and inserted words underlined where they stand, as a word
//! processor shows tracked changes. Pure functions over [`Row`]s: the UI only lays them out.

use super::{InlineDiff, Row, RowKind, SpanTag};
use crate::store::{CharRange, Document};

/// Which version a segment's characters come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The old version.
    Old,
    /// The new version.
    New,
}

/// A stretch of the track-changes text: characters of one block of one version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The version the characters come from.
    pub side: Side,
    /// The block, in that version.
    pub block: usize,
    /// The characters, in that block's text.
    pub range: CharRange,
    /// Unchanged (`Equal`), struck through (`Delete`) or underlined (`Insert`).
    pub tag: SpanTag,
    /// Put a space before it: the words on either side were apart in their own text.
    pub space_before: bool,
}

/// One paragraph of the track-changes text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrackedParagraph {
    /// The label in pieces: unchanged, or the old one struck and the new one inserted.
    pub label: Vec<(String, SpanTag)>,
    /// The text in reading order.
    pub segments: Vec<Segment>,
    /// Where a moved paragraph came from: its old labels.
    pub moved_from: Option<String>,
}

impl TrackedParagraph {
    /// The text of a segment.
    pub fn text_of<'a>(segment: &Segment, old: &'a Document, new: &'a Document) -> &'a str {
        let doc = match segment.side {
            Side::Old => old,
            Side::New => new,
        };
        doc.blocks.get(segment.block).map_or("", |b| b.slice(segment.range))
    }

    /// The paragraph as `[-deleted-]{+inserted+}` markup (screen readers, tests, terminals).
    pub fn markup(&self, old: &Document, new: &Document) -> String {
        let mark = |out: &mut String, text: &str, tag: SpanTag| match tag {
            SpanTag::Equal => out.push_str(text),
            SpanTag::Delete => {
                out.push_str("[-");
                out.push_str(text);
                out.push_str("-]");
            }
            SpanTag::Insert => {
                out.push_str("{+");
                out.push_str(text);
                out.push_str("+}");
            }
        };
        let mut out = String::new();
        for (label, tag) in &self.label {
            mark(&mut out, label, *tag);
        }
        for (i, segment) in self.segments.iter().enumerate() {
            if segment.space_before || (i == 0 && !out.is_empty()) {
                out.push(' ');
            }
            mark(&mut out, Self::text_of(segment, old, new), segment.tag);
        }
        out
    }
}

/// The paragraphs of one aligned row in track-changes form: one per new block (one per old
/// block for a deletion), deletions and insertions in place, labels renumbered visibly.
pub fn track_changes(row: &Row, old: &Document, new: &Document) -> Vec<TrackedParagraph> {
    let label = |doc: &Document, i: usize| doc.blocks.get(i).map(|b| b.label.clone()).unwrap_or_default();
    let whole = |side: Side, doc: &Document, block: usize, tag: SpanTag| Segment {
        side,
        block,
        range: CharRange::new(0, doc.blocks.get(block).map_or(0, crate::store::Block::char_len)),
        tag,
        space_before: false,
    };
    let mut paragraphs: Vec<TrackedParagraph> = match (row.kind, &row.diff) {
        (RowKind::Deleted, _) => row
            .old
            .iter()
            .map(|&i| TrackedParagraph {
                label: pieces(&[label(old, i)], None),
                segments: vec![whole(Side::Old, old, i, SpanTag::Delete)],
                moved_from: None,
            })
            .collect(),
        (RowKind::Inserted, _) => row
            .new
            .iter()
            .map(|&j| TrackedParagraph {
                label: pieces(&[], Some(label(new, j))),
                segments: vec![whole(Side::New, new, j, SpanTag::Insert)],
                moved_from: None,
            })
            .collect(),
        (_, diff) => row
            .new
            .iter()
            .enumerate()
            .map(|(part, &j)| {
                let old_labels: Vec<String> = if part == 0 { row.old.iter().map(|&i| label(old, i)).collect() } else { Vec::new() };
                let segments = match diff {
                    Some(diff) => diffed_part(row, diff, old, new, part),
                    None => vec![whole(Side::New, new, j, SpanTag::Equal)],
                };
                TrackedParagraph { label: pieces(&old_labels, Some(label(new, j))), segments, moved_from: None }
            })
            .collect(),
    };
    if row.kind == RowKind::Moved
        && let Some(first) = paragraphs.first_mut()
    {
        first.moved_from = Some(old.labels_of(&row.old));
    }
    paragraphs
}

/// Label pieces: an unchanged label as it is; otherwise old labels struck (those kept by the
/// new block stay plain) and the new label inserted.
fn pieces(old: &[String], new: Option<String>) -> Vec<(String, SpanTag)> {
    let new = new.filter(|l| !l.is_empty());
    let mut out: Vec<(String, SpanTag)> = Vec::new();
    for label in old.iter().filter(|l| !l.is_empty()) {
        let kept = new.as_deref().is_some_and(|n| crate::text::label_key(n) == crate::text::label_key(label));
        out.push((label.clone(), if kept { SpanTag::Equal } else { SpanTag::Delete }));
    }
    if let Some(new) = new
        && !out.iter().any(|(_, tag)| *tag == SpanTag::Equal)
    {
        out.push((new, SpanTag::Insert));
    }
    out
}

/// The text of new part `part` of a diffed row, with the deletions that stand next to it.
/// The new text is covered whole (white space and ignored tokens between pieces included);
/// each deletion goes after the white space that precedes the next new word.
fn diffed_part(row: &Row, diff: &InlineDiff, old: &Document, new: &Document, part: usize) -> Vec<Segment> {
    let Some(&block) = row.new.get(part) else { return Vec::new() };
    let Some(text) = new.blocks.get(block).map(|b| b.text.chars().collect::<Vec<char>>()) else { return Vec::new() };
    let is_space = |i: Option<usize>| i.and_then(|i| text.get(i)).is_some_and(|c| c.is_whitespace());
    let mut out = Output { segments: Vec::new(), ends_with_space: true, pending_space: false };
    let mut pos = 0;
    let new_text = |out: &mut Output, range: CharRange, tag: SpanTag| {
        let ends = is_space(range.end.checked_sub(1));
        out.push(Segment { side: Side::New, block, range, tag, space_before: false }, is_space(Some(range.start)), ends);
    };
    for piece in diff.pieces.iter().filter(|p| p.new_part == part) {
        match (piece.tag, piece.old, piece.new) {
            (SpanTag::Delete, Some(range), _) => {
                let Some((old_index, old_block)) = row.old.get(piece.old_part).and_then(|&i| Some((i, old.blocks.get(i)?))) else {
                    continue;
                };
                let mut after_space = pos;
                while is_space(Some(after_space)) {
                    after_space += 1;
                }
                new_text(&mut out, CharRange::new(pos, after_space), SpanTag::Equal);
                pos = after_space;
                // A part boundary (the start or end of an old block) counts as white space.
                let old_space = |i: Option<usize>| i.is_none_or(|i| old_block.text.chars().nth(i).is_none_or(char::is_whitespace));
                out.pending_space |= old_space(range.start.checked_sub(1));
                let segment = Segment { side: Side::Old, block: old_index, range, tag: SpanTag::Delete, space_before: false };
                out.push(segment, false, false);
                out.pending_space = old_space(Some(range.end)) && (pos == 0 || is_space(pos.checked_sub(1)));
            }
            (tag, _, Some(range)) => {
                if range.start > pos {
                    new_text(&mut out, CharRange::new(pos, range.start), SpanTag::Equal);
                }
                new_text(&mut out, range, tag);
                pos = pos.max(range.end);
            }
            _ => {}
        }
    }
    new_text(&mut out, CharRange::new(pos, text.len()), SpanTag::Equal);
    out.segments
}

/// Segments being collected, with what the text so far ends with.
struct Output {
    segments: Vec<Segment>,
    ends_with_space: bool,
    /// The next segment needs a space before it unless one is there already.
    pending_space: bool,
}

impl Output {
    /// Adds a segment (an empty one is skipped), told whether it starts and ends with white space.
    fn push(&mut self, mut segment: Segment, starts_with_space: bool, ends_with_space: bool) {
        if segment.range.start >= segment.range.end {
            return;
        }
        segment.space_before = self.pending_space && !self.ends_with_space && !starts_with_space;
        self.pending_space = false;
        self.ends_with_space = ends_with_space;
        self.segments.push(segment);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare;
    use crate::ingest::{IngestOptions, document_from_bytes};

    fn doc(name: &str, text: &str) -> Document {
        document_from_bytes(name, text.as_bytes(), IngestOptions::default()).expect("text reads")
    }

    /// The markup of every paragraph of every row, in order.
    fn track(old: &str, new: &str) -> Vec<String> {
        let (old, new) = (doc("old.md", old), doc("new.md", new));
        let alignment = compare(&old, &new);
        alignment.rows.iter().flat_map(|row| track_changes(row, &old, &new)).map(|p| p.markup(&old, &new)).collect()
    }

    #[test]
    fn a_changed_paragraph_shows_deleted_and_inserted_words_in_place() {
        let lines = track(
            "1. Рабочая группа приветствовала доклад секретариата о ходе работы.\n",
            "1. Рабочая группа с удовлетворением отметила доклад секретариата о ходе работы.\n",
        );
        assert_eq!(lines, vec!["1. Рабочая группа [-приветствовала-] {+с удовлетворением отметила+} доклад секретариата о ходе работы."]);
    }

    #[test]
    fn a_change_inside_a_word_and_a_deletion_at_the_end_keep_their_spacing() {
        let lines = track(
            "1. Доклад подготовлен для государств-членов и наблюдателей, а также для секретариата.\n",
            "1. Доклад подготовлен для государств-участников и наблюдателей, а также.\n",
        );
        assert_eq!(
            lines,
            vec!["1. Доклад подготовлен для государств-[-членов-]{+участников+} и наблюдателей, а также [-для секретариата-]."]
        );
    }

    #[test]
    fn whole_paragraphs_are_struck_or_underlined_and_renumbering_shows() {
        let old = "1. Первый пункт остается как есть в тексте.\n\n2. Второй пункт будет удален из текста полностью.\n\n3. Третий пункт тоже остается без изменений.\n";
        let new = "1. Первый пункт остается как есть в тексте.\n\n2. Третий пункт тоже остается без изменений.\n\n3. Совершенно новый пункт о финансировании экспертов.\n";
        assert_eq!(
            track(old, new),
            vec![
                "1. Первый пункт остается как есть в тексте.",
                "[-2.-] [-Второй пункт будет удален из текста полностью.-]",
                "[-3.-]{+2.+} Третий пункт тоже остается без изменений.",
                "{+3.+} {+Совершенно новый пункт о финансировании экспертов.+}",
            ]
        );
    }

    fn samples() -> (Document, Document) {
        let read = |name: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples").join(name);
            crate::ingest::read_path(&path).expect("sample reads")
        };
        (read("draft.md"), read("draft-rev1.md"))
    }

    #[test]
    fn moves_splits_and_merges_of_the_samples() {
        let (old, new) = samples();
        let alignment = compare(&old, &new);
        let of = |kind: RowKind| {
            let row = alignment.rows.iter().find(|r| r.kind == kind).expect("a row of the kind");
            track_changes(row, &old, &new)
        };
        let moved = of(RowKind::Moved);
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].moved_from.as_deref(), Some("14."));
        assert!(moved[0].markup(&old, &new).starts_with("[-14.-]{+20.+} Одна делегация"), "{}", moved[0].markup(&old, &new));
        let split = of(RowKind::Split);
        let labels: Vec<&Vec<(String, SpanTag)>> = split.iter().map(|p| &p.label).collect();
        assert_eq!(
            labels,
            vec![
                &vec![("12.".to_string(), SpanTag::Delete), ("11.".to_string(), SpanTag::Insert)],
                &vec![("12.".to_string(), SpanTag::Insert)]
            ]
        );
        let merged = of(RowKind::Merged);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].label, vec![("7.".to_string(), SpanTag::Equal), ("8.".to_string(), SpanTag::Delete)]);
    }

    #[test]
    fn every_new_text_is_covered_once_in_order_and_every_deletion_comes_from_the_old_text() {
        let (old, new) = samples();
        let alignment = compare(&old, &new);
        for row in &alignment.rows {
            let paragraphs = track_changes(row, &old, &new);
            if row.kind == RowKind::Deleted {
                assert!(paragraphs.iter().all(|p| p.segments.iter().all(|s| s.side == Side::Old && s.tag == SpanTag::Delete)));
                continue;
            }
            assert_eq!(paragraphs.len(), row.new.len());
            for (paragraph, &block) in paragraphs.iter().zip(&row.new) {
                let shown: String =
                    paragraph.segments.iter().filter(|s| s.side == Side::New).map(|s| TrackedParagraph::text_of(s, &old, &new)).collect();
                assert_eq!(shown, new.blocks[block].text, "{row:?}");
                for segment in paragraph.segments.iter().filter(|s| s.side == Side::Old) {
                    assert_eq!(segment.tag, SpanTag::Delete);
                    assert!(row.old.contains(&segment.block));
                }
            }
        }
    }
}
