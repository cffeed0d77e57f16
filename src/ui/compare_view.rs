//! The comparison: two aligned columns, one row per aligned pair, with word-level marks.

use super::command::Command;
use super::layout::{Mark, ReadingStyle, block_job, colour};
use super::state::{CompareSession, OpenDocument};
use crate::annotate::{AnchorStatus, AnnotationSet, PlacementIndex};
use crate::compare::{Alignment, Row, RowKind};
use crate::store::{CharRange, Document, DocumentId, Store};
use egui::{Color32, Key, Modifiers, Rect, ScrollArea, Sense, Ui, pos2};
use rustc_hash::FxHashMap;

const GUTTER: f32 = 92.0;

/// Annotations highlighted on one side of the comparison.
#[derive(Clone, Copy)]
struct Highlights<'a> {
    set: &'a AnnotationSet,
    index: &'a PlacementIndex,
}

/// Draws the summary bar and the aligned rows.
pub fn compare_ui(
    ui: &mut Ui,
    session: &mut CompareSession,
    store: &Store,
    docs: &FxHashMap<DocumentId, OpenDocument>,
    style: &ReadingStyle,
    commands: &mut Vec<Command>,
) {
    let (Some(old), Some(new)) = (store.get(&session.old).cloned(), store.get(&session.new).cloned()) else { return };
    let name = |id: &DocumentId| docs.get(id).map(OpenDocument::name).unwrap_or_default();
    let Some(alignment) = session.alignment.clone() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Comparing {} with {}…", name(&session.old), name(&session.new)));
        });
        return;
    };
    keyboard(ui, session.id, commands);
    summary_bar_ui(ui, session, &alignment, &format!("{} → {}", name(&session.old), name(&session.new)), commands);
    ui.separator();
    let old_marks = docs.get(&session.old).map(|d| Highlights { set: d.set(), index: d.annotations.index() });
    let new_marks = Some(Highlights { set: &session.carried, index: &session.carried_index });
    let avail = ui.available_width();
    let column = ((avail - GUTTER - 40.0) / 2.0).max(160.0);
    let rows = &session.rows;
    session.heights.prepare(rows.len(), column, |i| estimate_row(&alignment.rows[rows[i]], &old, &new, column, style));
    let mut scroll = ScrollArea::vertical().id_salt(("compare", session.id)).auto_shrink(false);
    if let Some(row) = session.scroll_to.take()
        && let Some(pos) = session.rows.iter().position(|&r| r == row)
    {
        scroll = scroll.vertical_scroll_offset((session.heights.top(pos) - 40.0).max(0.0));
    } else if let Some(offset) = session.scroll.request.take() {
        scroll = scroll.vertical_scroll_offset(offset);
    }
    let mut remeasured = false;
    let shown = scroll.show_viewport(ui, |ui, viewport| {
        ui.set_height(session.heights.total());
        let origin = ui.max_rect().min;
        let first = session.heights.row_at(viewport.min.y);
        for visible in first..session.rows.len() {
            let top = session.heights.top(visible);
            if top > viewport.max.y {
                break;
            }
            let row_index = session.rows[visible];
            let row = &alignment.rows[row_index];
            let y = origin.y + top + 6.0;
            let old_height = side_ui(ui, &old, &row.old, row, true, pos2(origin.x + GUTTER, y), column, style, old_marks);
            let new_height = side_ui(ui, &new, &row.new, row, false, pos2(origin.x + GUTTER + column + 24.0, y), column, style, new_marks);
            let height = old_height.max(new_height) + 12.0;
            let rect = Rect::from_min_size(pos2(origin.x, origin.y + top), egui::vec2(GUTTER + 2.0 * column + 24.0, height));
            row_frame(ui, row, session.current == Some(row_index), rect, &old, &new, style);
            let response = ui.interact(rect, ui.scope_id().with(("row", row_index)), Sense::click());
            let description = row_description(row, &old, &new);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, description.clone()));
            if response.clicked() {
                session.current = Some(row_index);
            }
            remeasured |= session.heights.set(visible, height);
        }
    });
    session.scroll.offset = shown.state.clamped_offset().y;
    session.scroll.viewport = shown.inner_rect.height();
    if remeasured {
        ui.ctx().request_repaint();
    }
}

fn keyboard(ui: &Ui, compare: super::jobs::CompareId, commands: &mut Vec<Command>) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::SHIFT, Key::F7) {
            commands.push(Command::StepChange { compare, forward: false });
        }
        if i.consume_key(Modifiers::NONE, Key::N) || i.consume_key(Modifiers::NONE, Key::F7) {
            commands.push(Command::StepChange { compare, forward: true });
        }
        if i.consume_key(Modifiers::NONE, Key::P) {
            commands.push(Command::StepChange { compare, forward: false });
        }
    });
}

fn summary_bar_ui(ui: &mut Ui, session: &CompareSession, alignment: &Alignment, title: &str, commands: &mut Vec<Command>) {
    let s = &alignment.summary;
    let compare = session.id;
    ui.horizontal_wrapped(|ui| {
        ui.strong(title);
        ui.separator();
        for kind in RowKind::ALL {
            let (fg, _) = kind_colours(kind);
            ui.label(egui::RichText::new(format!("{} {}", kind.name(), s.count(kind))).color(fg));
        }
        ui.label(format!("renumbered {}", s.renumbered));
        ui.label(format!("words +{} −{}", s.words_inserted, s.words_deleted));
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button("◀ Previous change").on_hover_text("p or Shift+F7").clicked() {
            commands.push(Command::StepChange { compare, forward: false });
        }
        if ui.button("Next change ▶").on_hover_text("n or F7").clicked() {
            commands.push(Command::StepChange { compare, forward: true });
        }
        if let Some(current) = session.current
            && let (Some(k), n) = alignment.change_position(current)
        {
            ui.label(format!("change {} of {n}", k + 1));
        }
        let mut only = session.only_changes;
        if ui.checkbox(&mut only, "Only changes").changed() {
            commands.push(Command::OnlyChanges { compare, only });
        }
        ui.separator();
        let carried = &session.carried.annotations;
        if !carried.is_empty() {
            ui.label(format!("Annotations carried: {}", crate::annotate::CarryReport::of(&session.carried)));
            if ui.button("Carry into the new version").clicked() {
                commands.push(Command::CarryForward(compare));
            }
        }
        if ui.button("Export HTML redline…").clicked() {
            commands.push(Command::Pick(super::jobs::Purpose::ExportRedline(compare)));
        }
        if ui.button("Export Word redline…").clicked() {
            commands.push(Command::Pick(super::jobs::Purpose::ExportWordRedline(compare)));
        }
    });
    let orphans: Vec<&crate::annotate::Annotation> =
        session.carried.annotations.iter().filter(|a| a.status == AnchorStatus::Orphaned).collect();
    if !orphans.is_empty() {
        egui::CollapsingHeader::new(format!("⚠ {} orphaned annotations (their passage is gone)", orphans.len())).id_salt("orphans").show(
            ui,
            |ui| {
                for a in orphans {
                    ui.label(format!("{} «{}» — {} [{}]", a.anchor.label, a.anchor.quote, a.author, a.tags.join(", ")));
                }
            },
        );
    }
}

/// What a row is, in words (its badge and labels), for screen readers and tests.
fn row_description(row: &Row, old: &Document, new: &Document) -> String {
    format!("{} {} → {}", row.kind.name(), old.labels_of(&row.old), new.labels_of(&row.new))
}

/// Colours (text, background) of a row kind.
fn kind_colours(kind: RowKind) -> (Color32, Color32) {
    match kind {
        RowKind::Equal => (Color32::GRAY, Color32::TRANSPARENT),
        RowKind::Changed => (Color32::from_rgb(200, 120, 0), Color32::from_rgba_unmultiplied(255, 170, 0, 18)),
        RowKind::Moved => (Color32::from_rgb(120, 60, 170), Color32::from_rgba_unmultiplied(140, 80, 200, 20)),
        RowKind::Inserted => (Color32::from_rgb(40, 140, 60), Color32::from_rgba_unmultiplied(60, 180, 80, 20)),
        RowKind::Deleted => (Color32::from_rgb(200, 50, 50), Color32::from_rgba_unmultiplied(220, 60, 60, 20)),
        RowKind::Split | RowKind::Merged => (Color32::from_rgb(30, 110, 200), Color32::from_rgba_unmultiplied(30, 110, 200, 18)),
    }
}

/// Background, kind badge, labels with renumbering, and the current-row marker.
#[allow(clippy::too_many_arguments, reason = "painting one row needs its whole context")]
fn row_frame(ui: &Ui, row: &Row, current: bool, rect: Rect, old: &Document, new: &Document, style: &ReadingStyle) {
    let (fg, bg) = kind_colours(row.kind);
    ui.painter().rect_filled(rect, 2.0, bg);
    if current {
        ui.painter().rect_stroke(rect, 2.0, egui::Stroke::new(2.0, fg), egui::StrokeKind::Inside);
    }
    let labels = |doc: &Document, idx: &[usize]| {
        idx.iter().map(|&i| doc.blocks[i].label.clone()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("+")
    };
    let (o, n) = (labels(old, &row.old), labels(new, &row.new));
    let label = match (o.is_empty(), n.is_empty()) {
        (false, false) if o != n => format!("{o} → {n}"),
        (false, _) => o,
        (true, false) => n,
        _ => String::new(),
    };
    let font = egui::FontId::proportional(style.body - 3.0);
    ui.painter().text(rect.min + egui::vec2(6.0, 8.0), egui::Align2::LEFT_TOP, &label, font.clone(), style.weak);
    if row.kind != RowKind::Equal {
        let badge = match row.kind {
            RowKind::Moved => {
                let from = row.old.first().map(|&i| old.blocks[i].display_label()).unwrap_or_default();
                let to = row.new.first().map(|&j| new.blocks[j].display_label()).unwrap_or_default();
                format!("moved {from} → {to}")
            }
            kind => kind.name().to_string(),
        };
        ui.painter().text(rect.min + egui::vec2(6.0, 26.0), egui::Align2::LEFT_TOP, badge, font, fg);
    }
}

/// One side of a row: its blocks stacked, with diff marks (and carried highlights on the new side).
#[allow(clippy::too_many_arguments, reason = "one side of a row needs its whole context")]
fn side_ui(
    ui: &Ui,
    doc: &Document,
    blocks: &[usize],
    row: &Row,
    is_old: bool,
    mut pos: egui::Pos2,
    width: f32,
    style: &ReadingStyle,
    highlights: Option<Highlights<'_>>,
) -> f32 {
    let start_y = pos.y;
    for (part, &index) in blocks.iter().enumerate() {
        let block = &doc.blocks[index];
        let mut marks: Vec<(CharRange, Mark)> = Vec::new();
        if let Some(Highlights { set, index: placed }) = highlights {
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
            (None, RowKind::Deleted) => marks.push((CharRange::new(0, block.char_len()), Mark::Diff(crate::compare::SpanTag::Delete))),
            (None, RowKind::Inserted) => marks.push((CharRange::new(0, block.char_len()), Mark::Diff(crate::compare::SpanTag::Insert))),
            _ => {}
        }
        let (job, _) = block_job(block, width, style, &marks);
        let galley = ui.painter().layout_job(job);
        let size = galley.size();
        ui.painter().galley(pos, galley, style.text);
        let text = block.display_text();
        let rect = Rect::from_min_size(pos, size);
        let response = ui.interact(rect, ui.scope_id().with(("side", is_old, index)), Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text.clone()));
        pos.y += size.y + 6.0;
    }
    pos.y - start_y
}

fn estimate_row(row: &Row, old: &Document, new: &Document, width: f32, style: &ReadingStyle) -> f32 {
    let side =
        |doc: &Document, idx: &[usize]| idx.iter().map(|&i| super::layout::estimate_height(&doc.blocks[i], width, style)).sum::<f32>();
    side(old, &row.old).max(side(new, &row.new)) + 12.0
}
