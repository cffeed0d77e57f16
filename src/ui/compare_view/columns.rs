//! The lines of a comparison drawn as two aligned columns. Each row has a gutter of its own for
//! the labels and the kind (wrapped and cut to the gutter's width, so it never runs into the
//! text), notes above the text for moves, and the blocks of both versions with word marks and
//! annotations that can be hovered and opened. Also the lines both layouts share: markers where
//! moved paragraphs stood and folded unchanged stretches.

use super::notes;
use crate::annotate::{AnchorStatus, Annotated, AnnotationSet, Placement, PlacementIndex};
use crate::compare::{Alignment, Entry, Row, RowKind, SpanTag};
use crate::store::{CharRange, Document, DocumentId};
use crate::ui::command::Command;
use crate::ui::jobs::CompareId;
use crate::ui::layout::{Mark, MarkerMap, ReadingStyle, block_job, colour, estimate_height};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Ui, pos2, vec2};
use std::sync::Arc;

/// Space between the columns.
const COLUMN_GAP: f32 = 24.0;
/// Padding above and below a row's content.
const PAD: f32 = 6.0;

/// Annotations highlighted on one side of the comparison.
#[derive(Clone, Copy)]
pub(super) struct Highlights<'a> {
    /// The annotations.
    pub set: &'a AnnotationSet,
    /// Their highlighted ranges per block.
    pub index: &'a PlacementIndex,
    /// Where each one sits (its status there).
    pub placements: &'a [Placement],
}

/// What every line of a comparison needs to draw itself.
pub(super) struct Lines<'a> {
    /// The comparison.
    pub compare: CompareId,
    /// Its rows.
    pub alignment: &'a Alignment,
    /// The old version.
    pub old: &'a Document,
    /// The new version.
    pub new: &'a Document,
    /// The old version's id (its annotations open there).
    pub old_id: &'a DocumentId,
    /// The new version's id.
    pub new_id: &'a DocumentId,
    /// Fonts and colours.
    pub style: &'a ReadingStyle,
    /// The old version's own annotations.
    pub old_marks: Option<Highlights<'a>>,
    /// The annotations carried onto the new version.
    pub new_marks: Option<Highlights<'a>>,
    /// The new version's own annotations (a carried one that is there can be opened).
    pub new_annotations: Option<&'a Annotated>,
    /// The current row.
    pub current: Option<usize>,
    /// The moved rows, each with whether its paragraph went down, sorted by row.
    pub moves: &'a [(usize, bool)],
    /// Width of the gutter (labels and kind).
    pub gutter: f32,
    /// Width of a text column.
    pub column: f32,
}

/// Colours (text, background) of a row kind.
pub(super) fn kind_colours(kind: RowKind) -> (Color32, Color32) {
    match kind {
        RowKind::Equal => (Color32::GRAY, Color32::TRANSPARENT),
        RowKind::Changed => (Color32::from_rgb(200, 120, 0), Color32::from_rgba_unmultiplied(255, 170, 0, 18)),
        RowKind::Moved => (Color32::from_rgb(120, 60, 170), Color32::from_rgba_unmultiplied(140, 80, 200, 20)),
        RowKind::Inserted => (Color32::from_rgb(40, 140, 60), Color32::from_rgba_unmultiplied(60, 180, 80, 20)),
        RowKind::Deleted => (Color32::from_rgb(200, 50, 50), Color32::from_rgba_unmultiplied(220, 60, 60, 20)),
        RowKind::Split | RowKind::Merged => (Color32::from_rgb(30, 110, 200), Color32::from_rgba_unmultiplied(30, 110, 200, 18)),
    }
}

/// Draws one line of the two-column layout at `at`; returns its height.
pub(super) fn entry_ui(ui: &Ui, lines: &Lines<'_>, entry: Entry, at: Pos2, commands: &mut Vec<Command>) -> f32 {
    let width = lines.gutter + 2.0 * lines.column + COLUMN_GAP;
    match entry {
        Entry::Row(index) => row_ui(ui, lines, index, at, commands),
        Entry::MovedAway { row, down } => moved_away_ui(ui, lines, (row, down), at, width, commands),
        Entry::Gap { first, count } => gap_ui(ui, lines, first, count, at, width, commands),
    }
}

/// A first guess of a line's height before it is measured.
pub(super) fn estimate(lines: &Lines<'_>, entry: Entry) -> f32 {
    let Entry::Row(index) = entry else { return lines.style.body * 2.2 };
    let Some(row) = lines.alignment.rows.get(index) else { return 0.0 };
    let side = |doc: &Document, idx: &[usize]| {
        idx.iter().filter_map(|&i| doc.blocks.get(i)).map(|b| estimate_height(b, lines.column, lines.style)).sum::<f32>()
    };
    let note = if row.kind == RowKind::Moved { lines.style.body * 1.4 } else { 0.0 };
    side(lines.old, &row.old).max(side(lines.new, &row.new) + note) + 2.0 * PAD
}

/// What a row is, in words (its kind and labels), for screen readers and tests.
fn row_description(row: &Row, old: &Document, new: &Document) -> String {
    format!("{} {} → {}", row.kind.name(), old.labels_of(&row.old), new.labels_of(&row.new))
}

/// The labels of a row for its gutter: `14.`, or `16. → 14.` when renumbered (`¶` when unlabelled).
pub(super) fn gutter_label(row: &Row, old: &Document, new: &Document) -> String {
    let labels = |doc: &Document, idx: &[usize]| {
        let short = |i: &usize| doc.blocks.get(*i).map(|b| if b.label.is_empty() { "¶".to_string() } else { b.label.clone() });
        idx.iter().filter_map(short).collect::<Vec<_>>().join(" + ")
    };
    let (o, n) = (labels(old, &row.old), labels(new, &row.new));
    match (o.is_empty(), n.is_empty()) {
        (false, false) if o != n => format!("{o} → {n}"),
        (false, _) => o,
        _ => n,
    }
}

/// The gutter of a line: labels and kind, each laid out inside the gutter's width.
pub(super) struct Gutter {
    galleys: Vec<(Arc<Galley>, String)>,
}

impl Gutter {
    /// Lays out the labels (weak) and the kind badge (in its colour), each at most three lines.
    pub fn new(ui: &Ui, lines: &Lines<'_>, labels: &str, kind: Option<RowKind>) -> Self {
        let font = FontId::proportional(lines.style.body - 3.0);
        let width = lines.gutter - 2.0 * PAD - 4.0;
        let mut galleys = Vec::new();
        if !labels.is_empty() {
            galleys.push((fitted(ui, labels, font.clone(), lines.style.weak, width), format!("Labels {labels}")));
        }
        if let Some(kind) = kind.filter(|&k| k != RowKind::Equal) {
            galleys.push((fitted(ui, kind.name(), font, kind_colours(kind).0, width), format!("Kind {}", kind.name())));
        }
        Self { galleys }
    }

    /// Height of the laid-out gutter.
    pub fn height(&self) -> f32 {
        self.galleys.iter().map(|(g, _)| g.size().y + 2.0).sum()
    }

    /// Paints the gutter at `at` (the top left of the line), each piece a node for screen readers.
    pub fn paint(self, ui: &Ui, at: Pos2, salt: impl std::hash::Hash + std::fmt::Debug + Copy) {
        let mut pos = at + vec2(PAD, PAD);
        for (k, (galley, label)) in self.galleys.into_iter().enumerate() {
            let rect = Rect::from_min_size(pos, galley.size());
            pos.y += galley.size().y + 2.0;
            ui.painter().galley(rect.min, galley, Color32::GRAY);
            let response = ui.interact(rect, ui.scope_id().with(("gutter", salt, k)), Sense::hover());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, label.clone()));
        }
    }
}

/// A short text wrapped to `width`, at most three lines, cut with `…` beyond.
pub(super) fn fitted(ui: &Ui, text: &str, font: FontId, color: Color32, width: f32) -> Arc<Galley> {
    let mut job = LayoutJob::single_section(text.to_string(), TextFormat::simple(font, color));
    job.wrap = TextWrapping { max_width: width.max(20.0), max_rows: 3, break_anywhere: true, overflow_character: Some('…') };
    ui.painter().layout_job(job)
}

/// A note in a text column (where a moved paragraph came from or went to).
pub(super) fn note(ui: &Ui, lines: &Lines<'_>, text: &str, width: f32) -> Arc<Galley> {
    let font = FontId::proportional(lines.style.body - 2.0);
    let mut job = LayoutJob::single_section(text.to_string(), TextFormat::simple(font, kind_colours(RowKind::Moved).0));
    job.wrap = TextWrapping { max_width: width, ..Default::default() };
    ui.painter().layout_job(job)
}

/// Paints a line's background and current-row frame, and makes it clickable (it becomes the current row).
pub(super) fn row_frame(ui: &Ui, lines: &Lines<'_>, row: &Row, index: usize, rect: Rect, commands: &mut Vec<Command>) {
    let (fg, bg) = kind_colours(row.kind);
    ui.painter().rect_filled(rect, 2.0, bg);
    let current = lines.current == Some(index);
    if current {
        ui.painter().rect_stroke(rect, 2.0, egui::Stroke::new(2.0, fg), egui::StrokeKind::Inside);
    }
    let response = ui.interact(rect, ui.scope_id().with(("row", index)), Sense::click());
    let description = row_description(row, lines.old, lines.new);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, description.clone()));
    if response.clicked() && !current {
        commands.push(Command::ShowCompareRow { compare: lines.compare, row: index, scroll: false });
    }
}

/// One aligned row: gutter, old blocks, new blocks (after a "moved from" note for a move).
fn row_ui(ui: &Ui, lines: &Lines<'_>, index: usize, at: Pos2, commands: &mut Vec<Command>) -> f32 {
    let Some(row) = lines.alignment.rows.get(index) else { return 0.0 };
    let gutter = Gutter::new(ui, lines, &gutter_label(row, lines.old, lines.new), Some(row.kind));
    let from = (row.kind == RowKind::Moved).then(|| moved_from(lines, row, index));
    let note = from.map(|(shown, spoken)| (note(ui, lines, &shown, lines.column), spoken));
    let old = side_galleys(ui, lines, row, true);
    let new = side_galleys(ui, lines, row, false);
    let stacked = |galleys: &[SideBlock]| galleys.iter().map(|b| b.galley.size().y + PAD).sum::<f32>();
    let note_height = note.as_ref().map_or(0.0, |(g, _)| g.size().y + 4.0);
    let height = gutter.height().max(stacked(&old)).max(note_height + stacked(&new)) + 2.0 * PAD;
    let width = lines.gutter + 2.0 * lines.column + COLUMN_GAP;
    row_frame(ui, lines, row, index, Rect::from_min_size(at, vec2(width, height)), commands);
    gutter.paint(ui, at, index);
    let old_at = pos2(at.x + lines.gutter, at.y + PAD);
    let mut new_at = pos2(old_at.x + lines.column + COLUMN_GAP, at.y + PAD);
    if let Some((galley, text)) = note {
        let rect = Rect::from_min_size(new_at, galley.size());
        new_at.y += galley.size().y + 4.0;
        ui.painter().galley(rect.min, galley, Color32::GRAY);
        let response = ui.interact(rect, ui.scope_id().with(("from", index)), Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text.clone()));
    }
    paint_side(ui, lines, old, true, old_at, commands);
    paint_side(ui, lines, new, false, new_at, commands);
    height
}

/// A block laid out on one side of a row.
struct SideBlock {
    index: usize,
    galley: Arc<Galley>,
    map: MarkerMap,
}

/// The blocks of one side laid out with their diff marks and annotation highlights.
fn side_galleys(ui: &Ui, lines: &Lines<'_>, row: &Row, is_old: bool) -> Vec<SideBlock> {
    let (doc, blocks, highlights) = if is_old { (lines.old, &row.old, lines.old_marks) } else { (lines.new, &row.new, lines.new_marks) };
    let mut galleys = Vec::with_capacity(blocks.len());
    for (part, &index) in blocks.iter().enumerate() {
        let Some(block) = doc.blocks.get(index) else { continue };
        let mut marks: Vec<(CharRange, Mark)> = Vec::new();
        if let Some(Highlights { set, index: placed, .. }) = highlights {
            // The same per-block index as the reader: no scan of every annotation per block.
            for &(range, i) in placed.in_block(index) {
                let Some(a) = set.annotations.get(i) else { continue };
                let c = colour(set.colour_of(a));
                marks.push((range, if a.status == AnchorStatus::Changed { Mark::Flagged(c) } else { Mark::Highlight(c) }));
            }
        }
        match (&row.diff, row.kind) {
            (Some(diff), _) => {
                let spans = if is_old { diff.old_spans(part) } else { diff.new_spans(part) };
                marks.extend(spans.into_iter().map(|s| (s.char_range, Mark::Diff(s.tag))));
            }
            (None, RowKind::Deleted) => marks.push((CharRange::new(0, block.char_len()), Mark::Diff(SpanTag::Delete))),
            (None, RowKind::Inserted) => marks.push((CharRange::new(0, block.char_len()), Mark::Diff(SpanTag::Insert))),
            _ => {}
        }
        let (job, map) = block_job(block, lines.column, lines.style, &marks);
        galleys.push(SideBlock { index, galley: ui.painter().layout_job(job), map });
    }
    galleys
}

/// Paints one side's blocks from `at` down, each a node with its text, its annotations hoverable.
fn paint_side(ui: &Ui, lines: &Lines<'_>, blocks: Vec<SideBlock>, is_old: bool, mut at: Pos2, commands: &mut Vec<Command>) {
    let doc = if is_old { lines.old } else { lines.new };
    for SideBlock { index, galley, map } in blocks {
        let rect = Rect::from_min_size(at, galley.size());
        at.y += galley.size().y + PAD;
        let text = doc.blocks.get(index).map(crate::store::Block::display_text).unwrap_or_default();
        let response = ui.interact(rect, ui.scope_id().with(("side", is_old, index)), Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text.clone()));
        notes::annotations_ui(ui, lines, is_old, index, (&galley, &map), rect.min, commands);
        ui.painter().galley(rect.min, galley, lines.style.text);
    }
}

/// The note above a moved paragraph's new text: shown (with an arrow towards the old place)
/// and spoken. "moved from 14.", or for an unlabelled paragraph the direction it came from.
pub(super) fn moved_from(lines: &Lines<'_>, row: &Row, index: usize) -> (String, String) {
    let down = lines.moves.binary_search_by_key(&index, |m| m.0).ok().and_then(|k| lines.moves.get(k)).map(|m| m.1);
    let labelled = row.old.first().and_then(|&i| lines.old.blocks.get(i)).is_some_and(|b| !b.label.is_empty());
    let words = match (labelled, down) {
        (true, _) => format!("moved from {}", lines.old.labels_of(&row.old)),
        (false, Some(true)) => "moved here from further up".to_string(),
        (false, Some(false)) => "moved here from further down".to_string(),
        (false, None) => "moved from elsewhere".to_string(),
    };
    let arrow = match down {
        Some(true) => " ↑",
        Some(false) => " ↓",
        None => "",
    };
    (format!("{words}{arrow}"), words)
}

/// The marker at a moved paragraph's old place: "14. moved to 20." (or "moved further down"
/// when the new paragraph has no label), shown with an arrow and spoken.
fn moved_to(lines: &Lines<'_>, row: &Row, down: bool) -> (String, String) {
    let from = lines.old.labels_of(&row.old);
    let labelled = row.new.first().and_then(|&j| lines.new.blocks.get(j)).is_some_and(|b| !b.label.is_empty());
    let words = match (labelled, down) {
        (true, _) => format!("{from} moved to {}", lines.new.labels_of(&row.new)),
        (false, true) => format!("{from} moved further down"),
        (false, false) => format!("{from} moved further up"),
    };
    (format!("{words} {}", if down { "↓" } else { "↑" }), words)
}

/// Where a moved paragraph stood in the old version, on the old side: a link to where it is now.
pub(super) fn moved_away_ui(
    ui: &Ui,
    lines: &Lines<'_>,
    (index, down): (usize, bool),
    at: Pos2,
    width: f32,
    commands: &mut Vec<Command>,
) -> f32 {
    let Some(row) = lines.alignment.rows.get(index) else { return 0.0 };
    let (shown, spoken) = moved_to(lines, row, down);
    let galley = note(ui, lines, &shown, lines.column);
    let gutter = Gutter::new(ui, lines, &gutter_label(&Row { new: Vec::new(), ..row.clone() }, lines.old, lines.new), Some(RowKind::Moved));
    let height = gutter.height().max(galley.size().y) + 2.0 * PAD;
    let rect = Rect::from_min_size(at, vec2(width, height));
    ui.painter().rect_filled(rect, 2.0, kind_colours(RowKind::Moved).1);
    let response = ui.interact(rect, ui.scope_id().with(("moved away", index)), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, spoken.clone()));
    if response.on_hover_text("Go to where it is now").clicked() {
        commands.push(Command::ShowCompareRow { compare: lines.compare, row: index, scroll: true });
    }
    gutter.paint(ui, at, ("moved away", index));
    ui.painter().galley(pos2(at.x + lines.gutter, at.y + PAD), galley, Color32::GRAY);
    height
}

/// Unchanged rows left out while only changes are shown; a click shows every row again.
pub(super) fn gap_ui(ui: &Ui, lines: &Lines<'_>, first: usize, count: usize, at: Pos2, width: f32, commands: &mut Vec<Command>) -> f32 {
    let text = if count == 1 { "… 1 unchanged paragraph".to_string() } else { format!("… {count} unchanged paragraphs") };
    let font = FontId::proportional(lines.style.body - 3.0);
    let galley = ui.painter().layout_no_wrap(text.clone(), font, lines.style.weak);
    let height = galley.size().y + 2.0 * PAD;
    let rect = Rect::from_min_size(at, vec2(width, height));
    let response = ui.interact(rect, ui.scope_id().with(("gap", first)), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, text.clone()));
    if response.on_hover_text("Show all paragraphs").clicked() {
        commands.push(Command::OnlyChanges { compare: lines.compare, only: false });
        commands.push(Command::ShowCompareRow { compare: lines.compare, row: first, scroll: true });
    }
    ui.painter().galley(pos2(at.x + lines.gutter, at.y + PAD), galley, Color32::GRAY);
    height
}
