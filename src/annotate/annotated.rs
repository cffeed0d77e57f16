//! A document's annotations together with where each one sits in it.
//!
//! [`Annotated`] is the one way the app and the command line change a document's annotations:
//! every operation updates the set, the placements and the per-block highlight index together,
//! so a view can never draw placements that belong to an older set.

use super::{Anchor, AnchorStatus, Annotation, AnnotationSet, Colour, DocumentInfo, History, MergeReport, Placement, Selection, Step};
use crate::store::{CharRange, Document};
use rustc_hash::FxHashMap;

/// Per block, the highlighted ranges and the annotations they belong to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlacementIndex {
    by_block: Vec<Vec<(CharRange, usize)>>,
    by_id: FxHashMap<String, usize>,
}

impl PlacementIndex {
    /// Builds the index of `placements` (same order as `set.annotations`) in `document`.
    pub fn build(set: &AnnotationSet, placements: &[Placement], document: &Document) -> Self {
        let block_count = document.blocks.len();
        let mut by_block = vec![Vec::new(); block_count];
        for (index, placement) in placements.iter().enumerate() {
            let Some(first) = placement.block.filter(|&b| b < block_count) else { continue };
            let last = first.saturating_add(placement.block_count.max(1) - 1).min(block_count - 1);
            for (block, slot) in by_block.iter_mut().enumerate().take(last + 1).skip(first) {
                let len = document.blocks[block].char_len();
                let start = if block == first { placement.char_range.start.min(len) } else { 0 };
                let end = if block == last { placement.char_range.end.min(len) } else { len };
                if start < end {
                    slot.push((CharRange::new(start, end), index));
                }
            }
        }
        let by_id = set.annotations.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        Self { by_block, by_id }
    }

    /// Highlighted ranges in one block, with the index of their annotation.
    pub fn in_block(&self, block: usize) -> &[(CharRange, usize)] {
        self.by_block.get(block).map_or(&[], Vec::as_slice)
    }

    /// Position of an annotation in the set, by id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// What attaching an annotation file to a document found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttachReport {
    /// Annotations in the file.
    pub annotations: usize,
    /// Of those, how many no longer fit the text (kept, listed as orphaned).
    pub orphaned: usize,
    /// The file names another version of the document (by content).
    pub other_version: bool,
}

/// One change to an annotation's content.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add the tag, or remove it when present.
    ToggleTag(String),
    /// Replace the note.
    SetNote(String),
    /// Set or clear the colour override.
    SetColour(Option<Colour>),
    /// Set or clear the proposed text.
    SetProposal(Option<super::Proposal>),
}

/// A document's annotations, their placements and highlight index, always in step, with the
/// history of changes for undo and redo.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Annotated {
    set: AnnotationSet,
    placements: Vec<Placement>,
    index: PlacementIndex,
    revision: u64,
    history: History,
}

impl Annotated {
    /// No annotations yet, for `document`.
    pub fn new(document: &Document) -> Self {
        Self::from_set(AnnotationSet::for_document(document), document)
    }

    /// A set placed in `document` (kept as it is: its header is not changed).
    pub fn from_set(set: AnnotationSet, document: &Document) -> Self {
        let mut annotated = Self { set, ..Self::default() };
        annotated.replace(document);
        annotated
    }

    /// The annotations.
    pub fn set(&self) -> &AnnotationSet {
        &self.set
    }

    /// Where each annotation sits (same order as `set().annotations`).
    pub fn placements(&self) -> &[Placement] {
        &self.placements
    }

    /// The highlight index.
    pub fn index(&self) -> &PlacementIndex {
        &self.index
    }

    /// Highlights of one block: (range, index into `set().annotations`).
    pub fn highlights_in(&self, block: usize) -> &[(CharRange, usize)] {
        self.index.in_block(block)
    }

    /// The annotation with this id and its placement (a hash look-up).
    pub fn get(&self, id: &str) -> Option<(&Annotation, Placement)> {
        let index = self.index.position(id)?;
        Some((self.set.annotations.get(index)?, *self.placements.get(index)?))
    }

    /// The status shown for annotation `index`: where it sits now.
    pub fn status_of(&self, index: usize) -> AnchorStatus {
        self.placements.get(index).map_or(AnchorStatus::Orphaned, |p| p.status)
    }

    /// Bumped by every change: a cheap key for caches and for "saved at revision".
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Annotates a selected passage; returns the new annotation's id (none for an empty passage).
    pub fn annotate(
        &mut self,
        document: &Document,
        selection: &Selection,
        author: &str,
        tags: Vec<String>,
        note: String,
    ) -> Option<String> {
        let anchor = Anchor::from_selection(document, selection)?;
        Some(self.add(document, Annotation::new(author, anchor, tags, note)))
    }

    /// Adds an annotation made elsewhere (a Word comment, the command line); returns its id.
    pub fn add(&mut self, document: &Document, annotation: Annotation) -> String {
        self.history.record(Step::Annotation { before: None, after: Some(Box::new(annotation.clone())) });
        let id = self.set.add(annotation, document);
        self.replace(document);
        id
    }

    /// Changes an annotation's content; false when there is no such annotation.
    pub fn edit(&mut self, id: &str, edit: Edit) -> bool {
        let Some(annotation) = self.set.get_mut(id) else { return false };
        let before = Box::new(annotation.clone());
        match edit {
            Edit::ToggleTag(tag) => match annotation.tags.iter().position(|t| *t == tag) {
                Some(i) => {
                    annotation.tags.remove(i);
                }
                None => annotation.tags.push(tag),
            },
            Edit::SetNote(note) => annotation.note = note,
            Edit::SetColour(colour) => annotation.colour = colour,
            Edit::SetProposal(proposal) => annotation.proposal = proposal,
        }
        annotation.touch();
        let after = Box::new(annotation.clone());
        for tag in &after.tags {
            self.set.tags.ensure(tag);
        }
        self.history.record(Step::Annotation { before: Some(before), after: Some(after) });
        self.bump();
        true
    }

    /// Deletes an annotation, recording who deleted it (a tombstone, so merging an older copy
    /// does not bring it back); returns it. Undo restores the set as it was, tombstone gone.
    pub fn delete(&mut self, document: &Document, id: &str, author: &str) -> Option<Annotation> {
        let before = Box::new(self.set.clone());
        let removed = self.set.delete(id, author)?;
        self.history.record(Step::Set { before, after: Box::new(self.set.clone()) });
        self.replace(document);
        Some(removed)
    }

    /// Changes the tag definitions (add, rename, recolour, reorder, delete) through `change`;
    /// annotations follow renames and deletions. Returns what `change` returns.
    pub fn change_tags<R>(&mut self, change: impl FnOnce(&mut AnnotationSet) -> R) -> R {
        let before = Box::new(self.set.clone());
        let result = change(&mut self.set);
        if *before != self.set {
            self.history.record(Step::Set { before, after: Box::new(self.set.clone()) });
            self.bump();
        }
        result
    }

    /// Takes an annotation file's set as this document's annotations, re-placing each one and
    /// recording the status it has in this version. The set's header then names this document.
    pub fn attach(&mut self, mut set: AnnotationSet, document: &Document) -> AttachReport {
        let other_version = set.document.content_hash != document.content_hash;
        set.document = DocumentInfo::of(document);
        // Files keep a canonical order; the app lists annotations in document order.
        set.sort(document);
        let before = Box::new(std::mem::replace(&mut self.set, set));
        self.replace(document);
        for (annotation, placement) in self.set.annotations.iter_mut().zip(&self.placements) {
            annotation.status = placement.status;
        }
        self.history.record(Step::Set { before, after: Box::new(self.set.clone()) });
        AttachReport { annotations: self.set.annotations.len(), orphaned: self.orphan_count(), other_version }
    }

    /// Merges a colleague's set (or annotations carried from another version) into this one.
    pub fn merge_from(&mut self, theirs: &AnnotationSet, document: &Document) -> MergeReport {
        let before = Box::new(self.set.clone());
        let report = super::merge(&mut self.set, theirs);
        self.set.sort(document);
        if *before != self.set {
            self.history.record(Step::Set { before, after: Box::new(self.set.clone()) });
        }
        self.replace(document);
        report
    }

    /// Resolves the conflicts on an annotation (see [`super::Keep`]); `author` is who resolves.
    /// Returns the ids of annotations added by keeping both.
    pub fn resolve_conflict(
        &mut self,
        document: &Document,
        id: &str,
        keep: super::Keep,
        author: &str,
    ) -> Result<Vec<String>, super::ResolveError> {
        let before = Box::new(self.set.clone());
        let added = self.set.resolve_conflict(id, keep, author)?;
        self.set.sort(document);
        self.history.record(Step::Set { before, after: Box::new(self.set.clone()) });
        self.replace(document);
        Ok(added)
    }

    /// Undoes the last change; returns what it was ("delete", "edit"…), none when there is none.
    pub fn undo(&mut self, document: &Document) -> Option<&'static str> {
        let what = self.history.next_undo()?.describe();
        let step = self.history.undo()?;
        self.apply_step(&step, document);
        Some(what)
    }

    /// Redoes the last undone change; returns what it was.
    pub fn redo(&mut self, document: &Document) -> Option<&'static str> {
        let step = self.history.redo()?;
        self.apply_step(&step, document);
        Some(step.describe())
    }

    /// The undo and redo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    fn apply_step(&mut self, step: &Step, document: &Document) {
        step.apply(&mut self.set);
        self.set.sort(document);
        self.replace(document);
    }

    /// Number of annotations that fit nowhere in the text.
    pub fn orphan_count(&self) -> usize {
        self.placements.iter().filter(|p| p.status == AnchorStatus::Orphaned).count()
    }

    /// The annotations in document order, for saving (a copy; the set is sorted already).
    pub fn to_file_set(&self) -> AnnotationSet {
        self.set.clone()
    }

    /// Re-places every annotation and rebuilds the index.
    fn replace(&mut self, document: &Document) {
        self.placements = super::place_all(&self.set, document);
        self.index = PlacementIndex::build(&self.set, &self.placements, document);
        self.bump();
    }

    fn bump(&mut self) {
        self.revision = self.revision.wrapping_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, document_from_bytes};

    fn doc(text: &str) -> Document {
        document_from_bytes("t.md", text.as_bytes(), IngestOptions::default()).expect("reads")
    }

    fn select(document: &Document, block: usize, quote: &str) -> Selection {
        let text = &document.blocks[block].text;
        let byte = text.find(quote).expect("quote in block");
        let start = text[..byte].chars().count();
        Selection { start_block: block, start_char: start, end_block: block, end_char: start + quote.chars().count() }
    }

    #[test]
    fn annotating_updates_set_placements_and_index_together() {
        let d = doc("1. Первый пункт о мире.\n\n2. Второй пункт о праве.\n");
        let mut a = Annotated::new(&d);
        let before = a.revision();
        let id = a.annotate(&d, &select(&d, 1, "о праве"), "RU", vec!["concern".into()], String::new()).expect("annotated");
        assert!(a.revision() > before);
        let (annotation, placement) = a.get(&id).expect("found by id");
        assert_eq!(annotation.anchor.quote, "о праве");
        assert_eq!(placement.block, Some(1));
        assert_eq!(a.highlights_in(1), &[(placement.char_range, 0)]);
        assert!(a.highlights_in(0).is_empty());
        assert!(a.set().tags.get("concern").is_some());
    }

    #[test]
    fn an_empty_selection_annotates_nothing() {
        let d = doc("1. Текст.\n");
        let mut a = Annotated::new(&d);
        let empty = Selection { start_block: 0, start_char: 2, end_block: 0, end_char: 2 };
        assert_eq!(a.annotate(&d, &empty, "RU", vec![], String::new()), None);
        assert!(a.set().annotations.is_empty());
    }

    #[test]
    fn deleting_removes_the_highlight_and_edits_keep_it() {
        let d = doc("1. Первый пункт о мире.\n\n2. Второй пункт о праве.\n");
        let mut a = Annotated::new(&d);
        let first = a.annotate(&d, &select(&d, 0, "о мире"), "RU", vec![], String::new()).expect("first");
        let second = a.annotate(&d, &select(&d, 1, "Второй"), "RU", vec![], String::new()).expect("second");
        assert!(a.edit(&second, Edit::ToggleTag("support".into())));
        assert!(a.edit(&second, Edit::SetNote("да".into())));
        assert_eq!(a.get(&second).expect("kept").0.tags, vec!["support".to_string()]);
        assert!(a.edit(&second, Edit::ToggleTag("support".into())));
        assert!(a.get(&second).expect("kept").0.tags.is_empty());
        assert_eq!(a.highlights_in(1).len(), 1);
        a.delete(&d, &first, "RU").expect("deleted");
        assert!(a.highlights_in(0).is_empty());
        // The remaining annotation's index moved from 1 to 0 and the index followed.
        assert_eq!(a.highlights_in(1)[0].1, 0);
        assert!(!a.edit(&first, Edit::SetNote("x".into())));
    }

    #[test]
    fn every_change_undoes_and_redoes() {
        let d = doc("1. Первый пункт о мире.\n\n2. Второй пункт о праве.\n");
        let mut a = Annotated::new(&d);
        let empty = a.set().clone();
        let id = a.annotate(&d, &select(&d, 1, "о праве"), "RU", vec![], String::new()).expect("annotated");
        a.edit(&id, Edit::SetNote("да".into()));
        let edited = a.set().clone();
        a.delete(&d, &id, "RU");
        a.change_tags(|set| set.rename_tag("concern", "worry"));
        assert_eq!(a.undo(&d), Some("change to all annotations"));
        assert_eq!(a.undo(&d), Some("delete"));
        assert!(a.set().tombstones.is_empty(), "an undone deletion leaves no tombstone");
        assert_eq!(a.set(), &edited, "the deleted annotation is back, note and all");
        assert_eq!(a.highlights_in(1).len(), 1, "and highlighted again");
        assert_eq!(a.undo(&d), Some("edit"));
        assert_eq!(a.get(&id).expect("there").0.note, "");
        assert_eq!(a.undo(&d), Some("annotate"));
        assert_eq!(a.set(), &empty);
        assert_eq!(a.undo(&d), None);
        assert_eq!(a.redo(&d), Some("annotate"));
        assert_eq!(a.redo(&d), Some("edit"));
        assert_eq!(a.set(), &edited);
        // A new change after undoing forgets what could have been redone.
        a.undo(&d);
        a.edit(&id, Edit::ToggleTag("support".into()));
        assert_eq!(a.redo(&d), None);
    }

    #[test]
    fn attaching_a_file_from_another_version_reports_orphans_and_names_this_document() {
        let old = doc("1. Первый пункт о мире.\n\n2. Второй пункт о праве.\n");
        let new = doc("1. Первый пункт о мире.\n\n2. Совсем другой текст.\n");
        let mut on_old = Annotated::new(&old);
        on_old.annotate(&old, &select(&old, 0, "о мире"), "RU", vec![], String::new());
        on_old.annotate(&old, &select(&old, 1, "о праве"), "RU", vec![], String::new());
        let mut on_new = Annotated::new(&new);
        let report = on_new.attach(on_old.to_file_set(), &new);
        assert_eq!(report, AttachReport { annotations: 2, orphaned: 1, other_version: true });
        assert_eq!(on_new.set().document.content_hash, new.content_hash);
        assert_eq!(on_new.set().annotations.iter().filter(|a| a.status == AnchorStatus::Orphaned).count(), 1);
    }
}
