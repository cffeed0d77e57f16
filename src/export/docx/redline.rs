//! A comparison as a Word file with tracked changes: the new version, with every difference
//! from the old one as an insertion, deletion or move that Word and LibreOffice can accept or
//! reject one by one. Accepting all gives the new text, rejecting all the old.

use super::model::{BodyItem, Change, Inline, Note, Package, Paragraph, Revision, Style, word_date, word_lang};
use super::notes::{Footnotes, RedlineNotes};
use super::render::{Frame, View, paragraphs};
use super::segments::{Marker, Part, Seg, merge_row};
use super::{DocxWriteError, RedlineOptions};
use crate::compare::inline::diff_parts;
use crate::compare::{Alignment, InlineDiff, Piece, RowKind, SpanTag};
use crate::store::{BlockKind, CharRange, Document};
use std::borrow::Cow;

/// One row to write: old and new blocks, their diff, and whether it left its old place.
struct Plan<'r> {
    old: Vec<usize>,
    new: Vec<usize>,
    diff: Cow<'r, InlineDiff>,
    displaced: bool,
}

/// Builds the redline package.
pub(crate) fn package(old: &Document, new: &Document, alignment: &Alignment, options: &RedlineOptions) -> Result<Package, DocxWriteError> {
    check_indices(old, new, alignment)?;
    let notes = RedlineNotes { old: Footnotes::of(old), new: Footnotes::of(new), revision: 0 };
    let new_for_old = alignment.new_for_old(old.blocks.len());
    let (mut body, mut floating) = (Vec::new(), Vec::new());
    for row in &alignment.rows {
        let split = |blocks: &[usize], doc: &Document, notes: &Footnotes<'_>| -> (Vec<usize>, Vec<usize>) {
            let in_body = blocks.iter().copied().filter(|&b| notes.in_body(b));
            in_body.partition(|&b| doc.blocks[b].kind != BlockKind::Footnote)
        };
        let (old_body, old_floating) = split(&row.old, old, &notes.old);
        let (new_body, new_floating) = split(&row.new, new, &notes.new);
        // The row's diff fits only the row's own blocks; for fewer, one is computed.
        let whole = old_body.len() == row.old.len() && new_body.len() == row.new.len();
        body.extend(plan(old, new, row.kind, old_body, new_body, row.diff.as_ref().filter(|_| whole)));
        floating.extend(plan(old, new, row.kind, old_floating, new_floating, None));
    }
    for plans in [&mut body, &mut floating] {
        mark_displaced(plans);
    }
    let revision = Revision { author: options.author.clone(), date: word_date(options.date) };
    let mut writer = Writer { old, new, notes, same: new_for_old, out: Vec::new(), note_list: Vec::new() };
    writer.plans(&body);
    writer.plans(&floating);
    shift_inserted_marks(&mut writer.out);
    Ok(Package {
        title: new.title.clone(),
        creator: options.author.clone(),
        created: revision.date.clone(),
        lang: word_lang(new),
        track_revisions: true,
        revisions: vec![revision],
        body: writer.out.into_iter().map(BodyItem::Paragraph).collect(),
        notes: writer.note_list,
        comments: Vec::new(),
    })
}

fn check_indices(old: &Document, new: &Document, alignment: &Alignment) -> Result<(), DocxWriteError> {
    for row in &alignment.rows {
        if row.old.iter().any(|&i| i >= old.blocks.len()) || row.new.iter().any(|&j| j >= new.blocks.len()) {
            return Err(DocxWriteError::Mismatch);
        }
    }
    Ok(())
}

/// A plan for the given blocks of a row; its diff is the row's when the blocks are all of the
/// row's, else computed for them.
fn plan<'r>(
    old: &Document,
    new: &Document,
    kind: RowKind,
    olds: Vec<usize>,
    news: Vec<usize>,
    row_diff: Option<&'r InlineDiff>,
) -> Option<Plan<'r>> {
    if olds.is_empty() && news.is_empty() {
        return None;
    }
    let diff = match row_diff {
        Some(diff) => Cow::Borrowed(diff),
        None => Cow::Owned(fresh_diff(old, new, &olds, &news)),
    };
    Some(Plan { old: olds, new: news, diff, displaced: kind == RowKind::Moved })
}

fn fresh_diff(old: &Document, new: &Document, olds: &[usize], news: &[usize]) -> InlineDiff {
    if olds.is_empty() || news.is_empty() {
        return InlineDiff::default();
    }
    if let ([o], [n]) = (olds, news)
        && old.blocks[*o].text == new.blocks[*n].text
    {
        // The common case, cheaply: the same text.
        let len = old.blocks[*o].char_len();
        let range = Some(CharRange::new(0, len));
        return InlineDiff { pieces: vec![Piece { tag: SpanTag::Equal, old_part: 0, new_part: 0, old: range, new: range }] };
    }
    let old_texts: Vec<&str> = olds.iter().map(|&i| old.blocks[i].text.as_str()).collect();
    let new_texts: Vec<&str> = news.iter().map(|&j| new.blocks[j].text.as_str()).collect();
    diff_parts(&old_texts, &new_texts, None)
}

/// Rows whose old blocks are out of the old order (moves, and anything else the alignment put
/// out of place) are written as moves, so that rejecting every change restores the old order.
fn mark_displaced(plans: &mut [Plan<'_>]) {
    let mut last: Option<usize> = None;
    for plan in plans.iter_mut() {
        let Some(&first) = plan.old.iter().min() else { continue };
        if plan.displaced || last.is_some_and(|l| first <= l) {
            plan.displaced = true;
            continue;
        }
        last = plan.old.iter().max().copied();
    }
}

/// Where a paragraph that ends with inserted words is followed by inserted paragraphs, the
/// inserted paragraph mark is moved from the last of them to that paragraph: the same change for
/// Word (accepting or rejecting gives the same text), but LibreOffice (7.4) otherwise joins the
/// adjacent insertions across the first mark and, rejecting them, loses that paragraph break.
/// The cost: with the changes rejected, that paragraph takes the last inserted one's style.
fn shift_inserted_marks(paragraphs: &mut [Paragraph]) {
    let wholly_inserted = |p: &Paragraph| {
        matches!(p.mark, Change::Insert(_))
            && p.content.iter().all(|i| match i {
                Inline::Text { change, .. } | Inline::NoteRef { change, .. } => matches!(change, Change::Insert(_)),
                _ => true,
            })
    };
    let ends_inserted = |p: &Paragraph| {
        let last = p.content.iter().rev().find_map(|i| match i {
            Inline::Text { change, .. } | Inline::NoteRef { change, .. } => Some(*change),
            _ => None,
        });
        p.mark == Change::None && matches!(last, Some(Change::Insert(_)))
    };
    let mut i = 1;
    while i < paragraphs.len() {
        if !(wholly_inserted(&paragraphs[i]) && ends_inserted(&paragraphs[i - 1])) {
            i += 1;
            continue;
        }
        let mut last = i;
        while last + 1 < paragraphs.len() && wholly_inserted(&paragraphs[last + 1]) {
            last += 1;
        }
        paragraphs[i - 1].mark = paragraphs[i].mark;
        paragraphs[last].mark = Change::None;
        i = last + 1;
    }
}

struct Writer<'d> {
    old: &'d Document,
    new: &'d Document,
    notes: RedlineNotes<'d>,
    /// For each old block, the new block aligned with it (markers of aligned footnotes pair).
    same: Vec<Option<usize>>,
    out: Vec<Paragraph>,
    note_list: Vec<Note>,
}

impl Writer<'_> {
    /// Writes plans in new order, and each displaced plan's old side where its old blocks stood
    /// (before the first plan in place whose old blocks come after them).
    fn plans(&mut self, plans: &[Plan<'_>]) {
        let mut away: Vec<&Plan<'_>> = plans.iter().filter(|p| p.displaced).collect();
        away.sort_by_key(|p| p.old.iter().min().copied());
        let mut away = away.into_iter().peekable();
        for plan in plans {
            if plan.displaced {
                if !plan.new.is_empty() {
                    self.emit(plan, View::MovedTo);
                }
                continue;
            }
            if let Some(&first) = plan.old.iter().min() {
                while let Some(moved) = away.next_if(|m| m.old.iter().min().is_some_and(|&o| o < first)) {
                    self.moved_from(moved);
                }
            }
            self.emit(plan, View::InPlace);
        }
        for moved in away {
            self.moved_from(moved);
        }
    }

    fn moved_from(&mut self, plan: &Plan<'_>) {
        self.emit(plan, if plan.new.is_empty() { View::InPlace } else { View::MovedFrom });
    }

    fn segs(&self, plan: &Plan<'_>) -> Vec<Seg> {
        let olds: Vec<Part<'_>> = plan.old.iter().map(|&i| self.notes.old.part(i)).collect();
        let news: Vec<Part<'_>> = plan.new.iter().map(|&j| self.notes.new.part(j)).collect();
        let same = |a: &Marker, b: &Marker| {
            a.mark == b.mark && a.block.is_some() && a.block.and_then(|o| self.same.get(o).copied().flatten()) == b.block
        };
        merge_row(&olds, &news, Some(&plan.diff), &same)
    }

    /// Renders a plan in a view and adds its paragraphs; a move gets its range around them,
    /// named after its first old block at both ends.
    fn emit(&mut self, plan: &Plan<'_>, view: View) {
        let segs = self.segs(plan);
        let style = |doc: &Document, i: &usize| Style::of(doc.blocks[*i].kind, doc.blocks[*i].level);
        let old_styles: Vec<Style> = plan.old.iter().map(|i| style(self.old, i)).collect();
        let new_styles: Vec<Style> = plan.new.iter().map(|i| style(self.new, i)).collect();
        let frame = Frame { old_styles: &old_styles, new_styles: &new_styles, view, revision: 0 };
        let mut paragraphs = paragraphs(&segs, &frame, &mut self.notes, &mut self.note_list);
        let first_old = plan.old.iter().min().map(|&o| o as u32 + 1);
        if let (Some(id), View::MovedFrom | View::MovedTo) = (first_old, view) {
            let to = view == View::MovedTo;
            if let Some(first) = paragraphs.first_mut() {
                first.content.insert(0, Inline::MoveStart { id, name: format!("move{id}"), to, revision: 0 });
            }
            if let Some(last) = paragraphs.last_mut() {
                last.content.push(Inline::MoveEnd { id, to });
            }
        }
        self.out.append(&mut paragraphs);
    }
}
