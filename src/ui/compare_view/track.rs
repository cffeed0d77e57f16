//! The comparison as one track-changes column: old and new interleaved as one text, deletions
//! struck through and insertions underlined inline (not colour alone: printouts and colour-blind
//! readers see them too). The interleaving is the library's ([`crate::compare::track_changes`]);
//! this file only lays it out, line by line, virtualised like the two columns.

use super::columns::{self, Gutter, Lines};
use crate::compare::{Entry, SpanTag, TrackedParagraph, track_changes};
use crate::store::{BlockKind, Document};
use crate::ui::command::Command;
use crate::ui::layout::{ReadingStyle, estimate_height};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Ui, pos2, vec2};
use std::sync::Arc;

/// Padding above and below a line's content.
const PAD: f32 = 6.0;

/// Draws one line of the track-changes column at `at`; returns its height.
pub(super) fn entry_ui(ui: &Ui, lines: &Lines<'_>, entry: Entry, at: Pos2, commands: &mut Vec<Command>) -> f32 {
    let width = lines.gutter + lines.column;
    match entry {
        Entry::Row(index) => row_ui(ui, lines, index, at, commands),
        Entry::MovedAway { row, down } => columns::moved_away_ui(ui, lines, (row, down), at, width, commands),
        Entry::Gap { first, count } => columns::gap_ui(ui, lines, first, count, at, width, commands),
    }
}

/// A first guess of a line's height before it is measured: the new text, plus part of the old
/// text for what was deleted.
pub(super) fn estimate(lines: &Lines<'_>, entry: Entry) -> f32 {
    let Entry::Row(index) = entry else { return lines.style.body * 2.2 };
    let Some(row) = lines.alignment.rows.get(index) else { return 0.0 };
    let side = |doc: &Document, idx: &[usize]| {
        idx.iter().filter_map(|&i| doc.blocks.get(i)).map(|b| estimate_height(b, lines.column, lines.style)).sum::<f32>()
    };
    let (old, new) = (side(lines.old, &row.old), side(lines.new, &row.new));
    new + old * (1.0 - row.similarity).clamp(0.0, 1.0) + 2.0 * PAD
}

/// A tracked paragraph laid out: its move note (shown, spoken), its text and its markup.
struct Laid {
    note: Option<(Arc<Galley>, String)>,
    galley: Arc<Galley>,
    markup: String,
}

/// One row: its kind in the gutter, its paragraphs (each after a "moved from" note for a move).
fn row_ui(ui: &Ui, lines: &Lines<'_>, index: usize, at: Pos2, commands: &mut Vec<Command>) -> f32 {
    let Some(row) = lines.alignment.rows.get(index) else { return 0.0 };
    let gutter = Gutter::new(ui, lines, "", Some(row.kind));
    let mut laid: Vec<Laid> = Vec::new();
    for paragraph in track_changes(row, lines.old, lines.new) {
        let note = paragraph.moved_from.is_some().then(|| {
            let (shown, spoken) = columns::moved_from(lines, row, index);
            (columns::note(ui, lines, &shown, lines.column), spoken)
        });
        let job = track_job(&paragraph, lines.old, lines.new, lines.style, lines.column);
        laid.push(Laid { note, galley: ui.painter().layout_job(job), markup: paragraph.markup(lines.old, lines.new) });
    }
    let content: f32 = laid.iter().map(|l| l.note.as_ref().map_or(0.0, |(n, _)| n.size().y + 4.0) + l.galley.size().y + PAD).sum();
    let height = gutter.height().max(content) + 2.0 * PAD;
    let rect = Rect::from_min_size(at, vec2(lines.gutter + lines.column, height));
    columns::row_frame(ui, lines, row, index, rect, commands);
    gutter.paint(ui, at, ("track", index));
    let mut pos = pos2(at.x + lines.gutter, at.y + PAD);
    for (k, Laid { note, galley, markup }) in laid.into_iter().enumerate() {
        if let Some((note, text)) = note {
            let rect = Rect::from_min_size(pos, note.size());
            pos.y += note.size().y + 4.0;
            ui.painter().galley(rect.min, note, Color32::GRAY);
            let response = ui.interact(rect, ui.scope_id().with(("track from", index)), Sense::hover());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text.clone()));
        }
        let rect = Rect::from_min_size(pos, galley.size());
        pos.y += galley.size().y + PAD;
        ui.painter().galley(rect.min, galley, lines.style.text);
        let response = ui.interact(rect, ui.scope_id().with(("track text", index, k)), Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, markup.clone()));
    }
    height
}

/// The layout of a tracked paragraph: labels first, then the text; deletions struck through and
/// red, insertions underlined and green.
pub(super) fn track_job(paragraph: &TrackedParagraph, old: &Document, new: &Document, style: &ReadingStyle, width: f32) -> LayoutJob {
    let first = paragraph.segments.first();
    let block = first.and_then(|s| match s.side {
        crate::compare::Side::Old => old.blocks.get(s.block),
        crate::compare::Side::New => new.blocks.get(s.block),
    });
    let size = block.map_or(style.body, |b| style.size_of(b));
    let base = TextFormat {
        font_id: FontId::proportional(size),
        color: if block.is_some_and(|b| b.kind == BlockKind::Footnote) { style.weak } else { style.text },
        line_height: Some(size * 1.45),
        ..Default::default()
    };
    let mut job = LayoutJob { wrap: TextWrapping { max_width: width, ..Default::default() }, ..Default::default() };
    for (i, (label, tag)) in paragraph.label.iter().enumerate() {
        if i > 0 {
            job.append(" ", 0.0, base.clone());
        }
        job.append(label, 0.0, format(&base, *tag, style));
    }
    for (i, segment) in paragraph.segments.iter().enumerate() {
        let format = format(&base, segment.tag, style);
        if segment.space_before || (i == 0 && !paragraph.label.is_empty()) {
            job.append(" ", 0.0, base.clone());
        }
        job.append(TrackedParagraph::text_of(segment, old, new), 0.0, format);
    }
    if paragraph.segments.is_empty() && paragraph.label.is_empty() {
        job.append(" ", 0.0, base);
    }
    job
}

/// The format of unchanged, deleted or inserted text.
fn format(base: &TextFormat, tag: SpanTag, style: &ReadingStyle) -> TextFormat {
    let mut format = base.clone();
    match tag {
        SpanTag::Equal => {}
        SpanTag::Delete => {
            format.color = if style.dark { Color32::from_rgb(255, 130, 120) } else { Color32::from_rgb(183, 28, 28) };
            format.strikethrough = Stroke::new(1.2, format.color);
            format.background = if style.dark { Color32::from_rgb(70, 30, 30) } else { Color32::from_rgb(253, 226, 225) };
        }
        SpanTag::Insert => {
            format.color = if style.dark { Color32::from_rgb(140, 230, 150) } else { Color32::from_rgb(27, 94, 32) };
            format.underline = Stroke::new(1.2, format.color);
            format.background = if style.dark { Color32::from_rgb(25, 60, 30) } else { Color32::from_rgb(223, 243, 225) };
        }
    }
    format
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, document_from_bytes};

    #[test]
    fn deletions_are_struck_through_and_insertions_underlined() {
        let read = |name: &str, text: &str| document_from_bytes(name, text.as_bytes(), IngestOptions::default()).expect("reads");
        let old = read("old.md", "5. Группа приветствовала доклад секретариата о ходе работы.\n");
        let new = read("new.md", "6. Группа с удовлетворением отметила доклад секретариата о ходе работы.\n");
        let alignment = crate::compare::compare(&old, &new);
        assert_eq!(alignment.rows[0].kind, crate::compare::RowKind::Changed);
        let paragraph = &track_changes(&alignment.rows[0], &old, &new)[0];
        let job = track_job(paragraph, &old, &new, &ReadingStyle::new(false), 600.0);
        let texts: Vec<&str> = job.sections.iter().map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0]).collect();
        let styled = |text: &str| {
            let section = job
                .sections
                .iter()
                .find(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0] == text)
                .unwrap_or_else(|| panic!("no section {text:?} in {texts:?}"));
            (section.format.strikethrough.width > 0.0, section.format.underline.width > 0.0)
        };
        assert_eq!(styled("5."), (true, false));
        assert_eq!(styled("6."), (false, true));
        assert_eq!(styled("приветствовала"), (true, false));
        assert_eq!(styled("с удовлетворением отметила"), (false, true));
        assert_eq!(styled(" Группа "), (false, false), "unchanged text and spaces are plain");
        assert_eq!(job.text, "5. 6. Группа приветствовала с удовлетворением отметила доклад секретариата о ходе работы.");
    }
}
