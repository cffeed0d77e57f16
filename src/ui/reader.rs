//! The reader: a virtualised column of blocks with labels in a gutter, highlights,
//! selection across blocks, footnote pop-ups, find and go-to.

use super::command::Command;
use super::layout::{Mark, MarkerMap, ReadingStyle, block_job, colour, estimate_height};
use super::state::OpenDocument;
use crate::annotate::Selection;
use crate::store::{BlockKind, CharRange, DocumentId};
use egui::{Key, Modifiers, Pos2, Rect, ScrollArea, Sense, TextEdit, Ui, Vec2, pos2};
use std::sync::Arc;

/// Width of the label gutter.
const GUTTER: f32 = 64.0;
/// Longest comfortable line.
const MAX_TEXT_WIDTH: f32 = 760.0;

/// A laid-out visible row, kept for hit-testing after the loop.
struct VisibleRow {
    block: usize,
    rect: Rect,
    galley: Arc<egui::Galley>,
    map: MarkerMap,
}

/// Draws the reader for document `index`.
pub fn reader_ui(ui: &mut Ui, index: &DocumentId, doc: &mut OpenDocument, style: &ReadingStyle, commands: &mut Vec<Command>) {
    // The width the panels left, taken before anything is drawn: nothing below may widen it.
    let avail = ui.available_width();
    keyboard(ui, index, doc, commands);
    find_bar_ui(ui, index, doc, commands);
    // Always present, so the text does not move when a selection begins; scrolled sideways
    // when narrow rather than widening the reader.
    ScrollArea::horizontal().id_salt("selection-toolbar").max_width(avail).show(ui, |ui| {
        selection_toolbar_ui(ui, index, doc, commands);
    });
    let document = Arc::clone(&doc.document);
    let text_width = (avail - GUTTER - 32.0).clamp(120.0, MAX_TEXT_WIDTH);
    doc.view.heights.prepare(document.blocks.len(), text_width, |i| estimate_height(&document.blocks[i], text_width, style));
    let total = doc.view.heights.total();
    let mut scroll = ScrollArea::vertical().id_salt(("reader", index.0.as_str())).auto_shrink(false);
    if let Some(block) = doc.view.scroll_to.take() {
        scroll = scroll.vertical_scroll_offset((doc.view.heights.top(block) - 24.0).max(0.0));
    } else if let Some(offset) = doc.view.scroll.request.take() {
        scroll = scroll.vertical_scroll_offset(offset);
    }
    let hit_blocks: Vec<(usize, CharRange, bool)> = if doc.view.find.open {
        doc.view.find.hits.iter().enumerate().map(|(i, h)| (h.block, h.char_range, i == doc.view.find.current)).collect()
    } else {
        Vec::new()
    };
    let mut rows: Vec<VisibleRow> = Vec::new();
    let mut remeasured = false;
    let shown = scroll.show_viewport(ui, |ui, viewport| {
        ui.set_height(total);
        let origin = ui.max_rect().min;
        let left = origin.x + ((avail - text_width - GUTTER) / 2.0).max(0.0);
        let first = doc.view.heights.row_at(viewport.min.y);
        for block_index in first..document.blocks.len() {
            let top = doc.view.heights.top(block_index);
            if top > viewport.max.y {
                break;
            }
            let block = &document.blocks[block_index];
            let marks = marks_for(doc, block_index, &hit_blocks);
            let (job, map) = block_job(block, text_width, style, &marks);
            let galley = ui.painter().layout_job(job);
            let spacing = if block.kind == BlockKind::Heading { 22.0 } else { 12.0 };
            let height = galley.size().y + spacing;
            remeasured |= doc.view.heights.set(block_index, height);
            let text_rect = Rect::from_min_size(pos2(left + GUTTER, origin.y + top + spacing / 2.0), galley.size());
            paint_label(ui, block, left, text_rect, style);
            // The page a block starts on, where the page changes (and on the first row drawn).
            let page = block.source.page();
            let page_before = block_index.checked_sub(1).and_then(|i| document.blocks[i].source.page());
            if let Some(page) = page.filter(|&p| rows.is_empty() || page_before != Some(p)) {
                paint_page(ui, page, left, text_rect, style);
            }
            ui.painter().galley(text_rect.min, Arc::clone(&galley), style.text);
            let response = ui.interact(text_rect, ui.scope_id().with(("block", block_index)), Sense::click_and_drag());
            let display = block.display_text();
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, display.clone()));
            row_interaction(ui, index, doc, block_index, &response, &galley, &map, text_rect, commands);
            rows.push(VisibleRow { block: block_index, rect: text_rect, galley, map });
        }
    });
    doc.view.scroll.offset = shown.state.clamped_offset().y;
    doc.view.scroll.viewport = shown.inner_rect.height();
    drag_selection(ui, index, doc, &rows, commands);
    if remeasured {
        ui.ctx().request_repaint();
    }
}

/// Label in the gutter, right-aligned, baseline with the first line.
fn paint_label(ui: &Ui, block: &crate::store::Block, left: f32, text_rect: Rect, style: &ReadingStyle) {
    let label = match block.kind {
        BlockKind::Footnote => format!("[{}]", block.label),
        _ => block.label.clone(),
    };
    if label.is_empty() {
        return;
    }
    let size = style.size_of(block).min(style.body);
    ui.painter().text(
        pos2(left + GUTTER - 10.0, text_rect.min.y + 2.0),
        egui::Align2::RIGHT_TOP,
        label,
        egui::FontId::proportional(size),
        style.weak,
    );
}

/// The source page (`p. 7`) at the outer edge of the gutter, for documents read from PDF.
fn paint_page(ui: &Ui, page: u32, left: f32, text_rect: Rect, style: &ReadingStyle) {
    ui.painter().text(
        pos2(left, text_rect.min.y + 3.0),
        egui::Align2::LEFT_TOP,
        format!("p. {page}"),
        egui::FontId::proportional(style.body * 0.7),
        style.weak,
    );
}

/// Highlights, selection and find matches in one block.
fn marks_for(doc: &OpenDocument, block: usize, hits: &[(usize, CharRange, bool)]) -> Vec<(CharRange, Mark)> {
    let mut marks: Vec<(CharRange, Mark)> = doc
        .annotations
        .highlights_in(block)
        .iter()
        .filter(|&&(_, i)| !(doc.view.filter_highlights && doc.list.filtered_out.get(i).copied().unwrap_or(false)))
        .map(|&(range, i)| (range, Mark::Highlight(colour(doc.set().colour_of(&doc.set().annotations[i])))))
        .collect();
    for &(b, range, current) in hits {
        if b == block {
            marks.push((range, Mark::Find { current }));
        }
    }
    if let Some(sel) = doc.view.selection
        && block >= sel.start_block
        && block <= sel.end_block
    {
        let len = doc.document.blocks[block].char_len();
        let start = if block == sel.start_block { sel.start_char } else { 0 };
        let end = if block == sel.end_block { sel.end_char } else { len };
        marks.push((CharRange::new(start, end), Mark::Selection));
    }
    marks
}

/// Click on a highlight opens its annotation; hovering a footnote marker shows the footnote;
/// pressing starts a selection.
#[allow(clippy::too_many_arguments, reason = "one row's interaction needs its whole context")]
fn row_interaction(
    _ui: &Ui,
    index: &DocumentId,
    doc: &mut OpenDocument,
    block: usize,
    response: &egui::Response,
    galley: &egui::Galley,
    map: &MarkerMap,
    rect: Rect,
    commands: &mut Vec<Command>,
) {
    let offset_at = |pos: Pos2| map.to_text(galley.cursor_from_pos(pos - rect.min).index.0);
    if response.drag_started()
        && let Some(pos) = response.ctx.input(|i| i.pointer.press_origin()).or(response.interact_pointer_pos())
    {
        doc.view.drag_anchor = Some((block, offset_at(pos)));
    }
    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let offset = offset_at(pos);
        let on_marker = map.footnote_at(galley.cursor_from_pos(pos - rect.min).index.0);
        commands.push(click_command(index, doc, block, offset, on_marker, response));
    }
    if let Some(pos) = response.hover_pos()
        && let Some(number) = map.footnote_at(galley.cursor_from_pos(pos - rect.min).index.0)
        && let Some(note) = doc.document.footnote(number)
    {
        let text = format!("{number}. {}", note.text);
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(420.0);
            ui.label(text);
        });
    }
    response.context_menu(|ui| {
        if doc.view.selection.is_none() {
            ui.label("Select a passage to annotate it");
            return;
        }
        for tag in doc.set().tags.iter() {
            if ui.button(&tag.name).clicked() {
                commands.push(Command::Annotate { doc: index.clone(), tags: vec![tag.name.clone()] });
                ui.close();
            }
        }
    });
}

/// What a click in a block does: a double click selects the word, a triple click the
/// paragraph, Shift extends the selection, a footnote marker opens its footnote, a highlight
/// opens its annotation, anything else clears the selection.
fn click_command(
    index: &DocumentId,
    doc: &OpenDocument,
    block: usize,
    offset: usize,
    on_marker: Option<u32>,
    response: &egui::Response,
) -> Command {
    let select = |selection| Command::Select { doc: index.clone(), selection };
    if response.triple_clicked() {
        return select(Some(Selection::in_block(block, CharRange::new(0, doc.document.blocks[block].char_len()))));
    }
    if response.double_clicked() {
        let word = crate::text::word_at(&doc.document.blocks[block].text, offset);
        return select((!word.is_empty()).then(|| Selection::in_block(block, word)));
    }
    if response.ctx.input(|i| i.modifiers.shift)
        && let Some(selection) = doc.view.selection
    {
        return select(Some(selection.extended_to(block, offset).snapped_to_words(&doc.document)));
    }
    let note = on_marker.and_then(|n| doc.document.blocks.iter().position(|b| b.kind == BlockKind::Footnote && b.label == n.to_string()));
    if let Some(note) = note {
        return Command::GoTo { doc: index.clone(), block: note };
    }
    match doc.annotations.highlights_in(block).iter().find(|(r, _)| r.start <= offset && offset < r.end) {
        Some(&(_, i)) => Command::OpenAnnotation { doc: index.clone(), id: Some(doc.set().annotations[i].id.clone()), scroll: false },
        None => select(None),
    }
}

/// Extends the selection while the pointer is down after a drag began in a block.
fn drag_selection(ui: &Ui, index: &DocumentId, doc: &mut OpenDocument, rows: &[VisibleRow], commands: &mut Vec<Command>) {
    let Some((anchor_block, anchor_offset)) = doc.view.drag_anchor else { return };
    let (pos, down) = ui.input(|i| (i.pointer.interact_pos(), i.pointer.primary_down()));
    if let Some(pos) = pos
        && let Some((block, offset)) = hit_test(rows, pos)
    {
        let (start, end) = if (block, offset) < (anchor_block, anchor_offset) {
            ((block, offset), (anchor_block, anchor_offset))
        } else {
            ((anchor_block, anchor_offset), (block, offset))
        };
        let selection =
            (start != end).then_some(Selection { start_block: start.0, start_char: start.1, end_block: end.0, end_char: end.1 });
        doc.view.selection = selection;
    }
    if !down {
        doc.view.drag_anchor = None;
        if let Some(selection) = doc.view.selection {
            // Whole words only: a quote never ends in the middle of a word.
            commands.push(Command::Select { doc: index.clone(), selection: Some(selection.snapped_to_words(&doc.document)) });
        }
    }
}

/// The block and text offset under a point (the nearest row when between rows).
fn hit_test(rows: &[VisibleRow], pos: Pos2) -> Option<(usize, usize)> {
    let row = rows
        .iter()
        .find(|r| pos.y >= r.rect.min.y && pos.y <= r.rect.max.y)
        .or_else(|| rows.iter().min_by(|a, b| distance(a.rect, pos).total_cmp(&distance(b.rect, pos))))?;
    let local = pos - row.rect.min;
    let clamped = Vec2::new(local.x.clamp(0.0, row.rect.width()), local.y.clamp(0.0, row.rect.height()));
    Some((row.block, row.map.to_text(row.galley.cursor_from_pos(clamped).index.0)))
}

fn distance(rect: Rect, pos: Pos2) -> f32 {
    rect.distance_to_pos(pos)
}

fn keyboard(ui: &Ui, index: &DocumentId, doc: &mut OpenDocument, commands: &mut Vec<Command>) {
    let (find, goto, escape, save) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::COMMAND, Key::F),
            i.consume_key(Modifiers::COMMAND, Key::G),
            i.key_pressed(Key::Escape),
            i.consume_key(Modifiers::COMMAND, Key::S),
        )
    });
    if find {
        doc.view.find.open = true;
        doc.view.find.focus = true;
    }
    if goto {
        // A fresh box each time: typing a number must not append to the last one.
        doc.view.goto_open = true;
        doc.view.goto_focus = true;
        doc.view.goto_text.clear();
        doc.view.goto_last = None;
    }
    if save {
        commands.push(Command::Save { doc: index.clone() });
    }
    if escape {
        doc.view.find.open = false;
        doc.view.goto_open = false;
        commands.push(Command::Select { doc: index.clone(), selection: None });
    }
    // Keys 1–9 tag the selection, unless a text field has the keyboard.
    if doc.view.selection.is_some() && !ui.ctx().egui_wants_keyboard_input() {
        let keys = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];
        for (key, tag) in keys.iter().zip(doc.set().tags.iter()) {
            if ui.input(|i| i.key_pressed(*key)) {
                commands.push(Command::Annotate { doc: index.clone(), tags: vec![tag.name.clone()] });
            }
        }
    }
}

fn find_bar_ui(ui: &mut Ui, index: &DocumentId, doc: &mut OpenDocument, commands: &mut Vec<Command>) {
    if doc.view.find.open {
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let edit = ui
                .add(TextEdit::singleline(&mut doc.view.find.query).desired_width(260.0).hint_text("words in any case"))
                .labelled_by(label.id);
            if std::mem::take(&mut doc.view.find.focus) {
                edit.request_focus();
            }
            if doc.view.find.query != doc.view.find.searched && !doc.view.find.query.trim().is_empty() {
                commands.push(Command::Find { doc: index.clone() });
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                commands.push(Command::FindStep { doc: index.clone(), forward: !ui.input(|i| i.modifiers.shift) });
                edit.request_focus();
            }
            let find = &doc.view.find;
            ui.label(if find.hits.is_empty() { "no matches".to_string() } else { format!("{} of {}", find.current + 1, find.hits.len()) });
            if ui.button("Previous").clicked() {
                commands.push(Command::FindStep { doc: index.clone(), forward: false });
            }
            if ui.button("Next").clicked() {
                commands.push(Command::FindStep { doc: index.clone(), forward: true });
            }
            if ui.button("Close").clicked() {
                doc.view.find.open = false;
            }
        });
    }
    if doc.view.goto_open {
        ui.horizontal(|ui| {
            let label = ui.label("Go to paragraph:");
            let edit = ui.add(TextEdit::singleline(&mut doc.view.goto_text).desired_width(80.0)).labelled_by(label.id);
            if std::mem::take(&mut doc.view.goto_focus) {
                edit.request_focus();
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                commands.push(Command::GoToLabel { doc: index.clone(), label: doc.view.goto_text.trim().to_string() });
                // Stay in the box: Enter again goes to the next paragraph with this number.
                doc.view.goto_focus = true;
            }
        });
    }
}

/// Tags for the selected passage (one click each, or keys 1–9) and a note.
fn selection_toolbar_ui(ui: &mut Ui, index: &DocumentId, doc: &OpenDocument, commands: &mut Vec<Command>) {
    if doc.view.selection.is_none() {
        ui.horizontal(|ui| {
            // Same height as the row of tag buttons that replaces it.
            ui.set_min_height(ui.spacing().interact_size.y);
            ui.label(
                egui::RichText::new(
                    "Select a passage with the mouse to annotate it; click a highlight to edit it. Ctrl+F find, Ctrl+G go to paragraph.",
                )
                .weak(),
            );
        });
        ui.add_space(2.0);
        return;
    }
    // One line at a fixed height: the text must not move while a selection is being dragged.
    ui.horizontal(|ui| {
        ui.set_min_height(ui.spacing().interact_size.y);
        ui.label("Tag:");
        for (i, tag) in doc.set().tags.iter().enumerate() {
            let text = egui::RichText::new(format!("{} {}", i + 1, tag.name))
                .color(egui::Color32::BLACK)
                .background_color(colour(tag.colour).gamma_multiply(0.6));
            if ui.small_button(text).on_hover_text(format!("Key {}", i + 1)).clicked() {
                commands.push(Command::Annotate { doc: index.clone(), tags: vec![tag.name.clone()] });
            }
        }
        if ui.small_button("Clear").on_hover_text("Esc").clicked() {
            commands.push(Command::Select { doc: index.clone(), selection: None });
        }
    });
    ui.add_space(2.0);
}
