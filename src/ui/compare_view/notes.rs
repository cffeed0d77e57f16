//! Annotations in the comparison: every highlighted passage, on either side, is a target of
//! its own that shows the annotation when hovered (tags, author, note, status, earlier wording)
//! and opens it when clicked: the old version's in the old document, a carried one in the new
//! document once it is there.

use super::columns::{Highlights, Lines};
use crate::annotate::{AnchorStatus, Annotation};
use crate::ui::command::Command;
use crate::ui::layout::MarkerMap;
use egui::text::CharIndex;
use egui::{Galley, Pos2, Rect, Sense, Ui, pos2};

/// Makes the annotations highlighted in one block hoverable and clickable; `at` is where the
/// block's galley is painted.
pub(super) fn annotations_ui(
    ui: &Ui,
    lines: &Lines<'_>,
    is_old: bool,
    block: usize,
    (galley, map): (&Galley, &MarkerMap),
    at: Pos2,
    commands: &mut Vec<Command>,
) {
    let Some(Highlights { set, index, placements }) = (if is_old { lines.old_marks } else { lines.new_marks }) else { return };
    for &(range, i) in index.in_block(block) {
        let Some(a) = set.annotations.get(i) else { continue };
        let status = placements.get(i).map_or(a.status, |p| p.status);
        // Where a click opens it: the old document's own annotation, or the carried one if the
        // new document has it already.
        let opens = if is_old { Some(lines.old_id) } else { lines.new_annotations.and_then(|n| n.get(&a.id)).map(|_| lines.new_id) };
        let label = annotation_label(a);
        let rects = range_rects(galley, galley_offset(map, range.start, true), galley_offset(map, range.end, false));
        for (k, rect) in rects.into_iter().enumerate() {
            let response =
                ui.interact(rect.translate(at.to_vec2()), ui.scope_id().with(("annotation", is_old, block, i, k)), Sense::click());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
            let response = response.on_hover_ui(|ui| tooltip_ui(ui, a, status, is_old, opens.is_some()));
            if response.clicked()
                && let Some(doc) = opens
            {
                commands.push(Command::OpenAnnotation { doc: doc.clone(), id: Some(a.id.clone()), scroll: true });
            }
        }
    }
}

/// The annotation in a few words, for screen readers and tests.
fn annotation_label(a: &Annotation) -> String {
    let quote: String = a.anchor.quote.chars().take(40).collect();
    let more = if a.anchor.quote.chars().count() > 40 { "…" } else { "" };
    format!("Annotation [{}] {}: «{quote}{more}»", a.tags.join(", "), a.author)
}

/// What a status means, in words.
fn status_words(status: AnchorStatus) -> &'static str {
    match status {
        AnchorStatus::Exact => "exact: the same passage, in place",
        AnchorStatus::Moved => "moved: the same passage, elsewhere",
        AnchorStatus::Changed => "changed: the passage's words changed",
        AnchorStatus::Orphaned => "orphaned: the passage is gone",
    }
}

fn tooltip_ui(ui: &mut Ui, a: &Annotation, status: AnchorStatus, is_old: bool, opens: bool) {
    ui.set_max_width(380.0);
    ui.strong(format!("[{}] — {}", a.tags.join(", "), a.author));
    if !a.note.is_empty() {
        ui.label(format!("Note: {}", a.note));
    }
    ui.label(format!("Status: {}", status_words(status)));
    if status == AnchorStatus::Changed
        && let Some(previous) = &a.previous_quote
    {
        ui.label(format!("Before: «{previous}»"));
    }
    ui.weak(match (is_old, opens) {
        (true, _) => "Click to open it in the old version",
        (false, true) => "Click to open it in the new version",
        (false, false) => "Carried: “Carry into the new version” adds it there",
    });
}

/// The galley index of a text offset: footnote markers inserted before the offset shift it
/// (a marker at the offset counts for a start, not for an end).
fn galley_offset(map: &MarkerMap, text: usize, at_start: bool) -> usize {
    let mut shift = 0;
    for &(start, len, _) in &map.markers {
        let marker_at = start - shift;
        if marker_at < text || (at_start && marker_at == text) {
            shift += len;
        } else {
            break;
        }
    }
    text + shift
}

/// Rectangles (one per wrapped line, relative to the galley) covering galley characters `start..end`.
fn range_rects(galley: &Galley, start: usize, end: usize) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut offset = 0;
    for placed in &galley.rows {
        let count = placed.char_count_excluding_newline().0;
        let (from, to) = (start.max(offset), end.min(offset + count));
        if from < to {
            let x0 = placed.pos.x + placed.x_offset(CharIndex(from - offset));
            let x1 = placed.pos.x + placed.x_offset(CharIndex(to - offset));
            rects.push(Rect::from_min_max(pos2(x0, placed.pos.y), pos2(x1, placed.pos.y + placed.size.y)));
        }
        offset += placed.char_count_including_newline().0;
    }
    rects
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_skip_the_footnote_markers_before_them() {
        // A marker of 1 character before text offset 5, one of 2 before text offset 8.
        let map = MarkerMap { markers: vec![(5, 1, 1), (9, 2, 12)] };
        assert_eq!(galley_offset(&map, 3, true), 3);
        assert_eq!(galley_offset(&map, 5, true), 6, "a passage starting at the marker starts after it");
        assert_eq!(galley_offset(&map, 5, false), 5, "a passage ending at the marker ends before it");
        assert_eq!(galley_offset(&map, 8, false), 9);
        assert_eq!(galley_offset(&map, 9, false), 12);
    }
}
