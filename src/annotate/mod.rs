//! Annotations: highlighted passages with tags and notes, their files, merging and re-anchoring.
//!
//! An [`Anchor`] remembers a passage by block id and label, a [`CharRange`] into the block
//! text, the exact quote and some context; [`place`] and [`carry`] find it again in the same
//! or a newer version and report how well they did ([`AnchorStatus`]). Nothing is ever
//! dropped: an annotation that fits nowhere is kept as `orphaned`.
//!
//! Annotation files are shared and merged by people who edit them independently: deleting
//! leaves a [`Tombstone`], edits are recorded in [`Annotation::supersedes`], and [`merge()`] is a
//! three-way merge that neither brings back deleted annotations nor hides a conflict (see
//! [`merge`](mod@merge) for the rules). Files are written in one canonical order ([`order`]).

mod anchor;
mod annotated;
mod autosave;
pub mod file;
mod filter;
mod fuzzy;
mod history;
pub mod merge;
pub mod order;
mod proposal;
mod reanchor;
mod tags;
mod versions;
pub mod word;

pub use anchor::Anchor;
pub use annotated::{Annotated, AttachReport, Edit, PlacementIndex};
pub use autosave::{Autosave, FALLBACK_AUTHOR, is_annotation_file, sidecar_path};
pub use file::{AnnotationFileError, DocumentInfo, FORMAT_NAME, FORMAT_VERSION, Limits, load, load_with, parse, save, to_ron};
pub use filter::{Filter, authors};
pub use history::{History, Step};
pub use merge::{MergeReport, merge};
pub use proposal::{Proposal, ProposalKind};
pub use reanchor::{CarryReport, Placement, carried_placements, carry, carry_set, place, place_all};
pub use tags::{Colour, Tag, TagSet};
pub use versions::{Conflict, Keep, MAX_SUPERSEDED, ResolveError, Tombstone};

use crate::store::{CharRange, Document};
use serde::{Deserialize, Serialize};

/// How well an annotation's passage was found, in the terms a reader uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorStatus {
    /// The same passage, in the paragraph aligned with its old one, that paragraph in its place
    /// (a renumbering alone, or edits elsewhere in the paragraph, still count as exact).
    #[default]
    Exact,
    /// The same passage, but its paragraph moved, or the passage now sits in another paragraph
    /// (a split, a merge, a neighbour).
    Moved,
    /// The passage's words changed; the old wording is kept as `previous_quote`.
    Changed,
    /// Not found any more; kept and listed.
    Orphaned,
}

impl AnchorStatus {
    /// The name used in JSON, files and the UI.
    pub fn name(self) -> &'static str {
        match self {
            AnchorStatus::Exact => "exact",
            AnchorStatus::Moved => "moved",
            AnchorStatus::Changed => "changed",
            AnchorStatus::Orphaned => "orphaned",
        }
    }

    /// All statuses in display order.
    pub const ALL: [AnchorStatus; 4] = [AnchorStatus::Exact, AnchorStatus::Moved, AnchorStatus::Changed, AnchorStatus::Orphaned];
}

/// One annotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Unique id (ULID: sortable by creation time).
    pub id: String,
    /// Who wrote it.
    pub author: String,
    /// When it was created (RFC 3339, UTC).
    pub created: jiff::Timestamp,
    /// When it was last changed (RFC 3339, UTC).
    pub modified: jiff::Timestamp,
    /// Tag names, in the order given.
    pub tags: Vec<String>,
    /// Free text.
    #[serde(default)]
    pub note: String,
    /// Colour override; otherwise the first tag's colour.
    #[serde(default)]
    pub colour: Option<Colour>,
    /// Where the passage is.
    pub anchor: Anchor,
    /// Status found when the annotation was last placed or carried.
    #[serde(default)]
    pub status: AnchorStatus,
    /// The quote before the passage changed (set when carried as `changed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_quote: Option<String>,
    /// `modified` stamps of the earlier versions (and deletions) this version replaces, oldest
    /// first, at most [`MAX_SUPERSEDED`]: how a merge tells an update from a conflict.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supersedes: Vec<jiff::Timestamp>,
    /// The amendment proposed for the passage, if any (format version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Proposal>,
}

impl Annotation {
    /// A new annotation by `author` on a passage, created now.
    pub fn new(author: &str, anchor: Anchor, tags: Vec<String>, note: String) -> Self {
        let now = jiff::Timestamp::now();
        Self {
            id: ulid::Ulid::new().to_string(),
            author: author.to_string(),
            created: now,
            modified: now,
            tags,
            note,
            colour: None,
            anchor,
            status: AnchorStatus::Exact,
            previous_quote: None,
            supersedes: Vec::new(),
            proposal: None,
        }
    }
}

/// All annotations of one document, with the tags they use.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnnotationSet {
    /// The document they belong to.
    pub document: DocumentInfo,
    /// Tag definitions (names, colours, order).
    pub tags: TagSet,
    /// Annotations, kept in document order.
    pub annotations: Vec<Annotation>,
    /// Deleted annotations: who deleted which and when, so that merging an older copy does not
    /// bring them back. One per id, sorted by id.
    pub tombstones: Vec<Tombstone>,
    /// Versions a merge could not reconcile, kept until someone resolves them (see
    /// [`AnnotationSet::resolve_conflict`]); the version in place is in `annotations`.
    pub conflicts: Vec<Conflict>,
}

impl AnnotationSet {
    /// An empty set for a document, with the default negotiation tags.
    pub fn for_document(document: &Document) -> Self {
        Self {
            document: DocumentInfo::of(document),
            tags: TagSet::default(),
            annotations: Vec::new(),
            tombstones: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// Adds an annotation, keeping document order; returns its id.
    pub fn add(&mut self, annotation: Annotation, document: &Document) -> String {
        let id = annotation.id.clone();
        for tag in &annotation.tags {
            self.tags.ensure(tag);
        }
        self.annotations.push(annotation);
        self.sort(document);
        id
    }

    /// The annotation with this id.
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// The annotation with this id, to edit.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Annotation> {
        self.annotations.iter_mut().find(|a| a.id == id)
    }

    /// Takes an annotation out without recording a deletion (to move it elsewhere); returns it.
    /// A merge with a copy that still has it brings it back: to delete, use
    /// [`AnnotationSet::delete`].
    pub fn remove(&mut self, id: &str) -> Option<Annotation> {
        let index = self.annotations.iter().position(|a| a.id == id)?;
        Some(self.annotations.remove(index))
    }

    /// Renames a tag everywhere (definitions and annotations; the annotations changed count as
    /// edited).
    pub fn rename_tag(&mut self, old: &str, new: &str) -> bool {
        if !self.tags.rename(old, new) {
            return false;
        }
        for annotation in self.annotations.iter_mut().filter(|a| a.tags.iter().any(|t| t == old)) {
            for tag in annotation.tags.iter_mut().filter(|t| t.as_str() == old) {
                *tag = new.to_string();
            }
            let mut seen = rustc_hash::FxHashSet::default();
            annotation.tags.retain(|t| seen.insert(t.clone()));
            annotation.touch();
        }
        true
    }

    /// Deletes a tag definition and removes it from every annotation (which count as edited).
    pub fn delete_tag(&mut self, name: &str) {
        self.tags.remove(name);
        for annotation in self.annotations.iter_mut().filter(|a| a.tags.iter().any(|t| t == name)) {
            annotation.tags.retain(|t| t != name);
            annotation.touch();
        }
    }

    /// Sorts annotations in document order (orphans, whose block is gone, last), then by id: the
    /// order to show them in. Files are written in the canonical order of [`order`] whatever
    /// the order in memory.
    pub fn sort(&mut self, document: &Document) {
        let order: rustc_hash::FxHashMap<&str, usize> = document.blocks.iter().enumerate().map(|(i, b)| (b.id.0.as_str(), i)).collect();
        self.annotations.sort_by_cached_key(|x| {
            let block = if x.status == AnchorStatus::Orphaned { None } else { order.get(x.anchor.block_id.0.as_str()).copied() };
            (block.unwrap_or(usize::MAX), x.anchor.char_range.start, x.id.clone())
        });
    }

    /// Colour of an annotation: its override, else its first tag's colour.
    pub fn colour_of(&self, annotation: &Annotation) -> Colour {
        annotation.colour.or_else(|| annotation.tags.first().and_then(|t| self.tags.get(t)).map(|t| t.colour)).unwrap_or(Colour::NEUTRAL)
    }
}

/// A passage selected in a document: the first and last block and character offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Block where the selection starts.
    pub start_block: usize,
    /// Character offset in the start block.
    pub start_char: usize,
    /// Block where the selection ends (inclusive).
    pub end_block: usize,
    /// Character offset in the end block (exclusive).
    pub end_char: usize,
}

impl Selection {
    /// A selection inside one block.
    pub fn in_block(block: usize, char_range: CharRange) -> Self {
        Self { start_block: block, start_char: char_range.start, end_block: block, end_char: char_range.end }
    }

    /// The same selection widened to whole words at both ends (saved quotes never end
    /// mid-word).
    pub fn snapped_to_words(&self, document: &Document) -> Self {
        let text = |block: usize| document.blocks.get(block).map_or("", |b| b.text.as_str());
        let start = crate::text::word_range_at(text(self.start_block), CharRange::new(self.start_char, self.start_char)).start;
        let end = crate::text::word_range_at(text(self.end_block), CharRange::new(self.end_char, self.end_char)).end;
        Self { start_char: start, end_char: end, ..*self }
    }

    /// The selection from this one's start to a point (shift+click), in reading order.
    pub fn extended_to(&self, block: usize, char_offset: usize) -> Self {
        let (anchor, point) = ((self.start_block, self.start_char), (block, char_offset));
        let (start, end) = if point < anchor { (point, (self.end_block, self.end_char)) } else { (anchor, point) };
        Self { start_block: start.0, start_char: start.1, end_block: end.0, end_char: end.1 }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::BlockId;

    /// An annotation by Delegation A on a fixed passage of block `10`, created and modified at `stamp`.
    pub(crate) fn annotation_at(id: &str, stamp: &str) -> Annotation {
        let stamp: jiff::Timestamp = stamp.parse().expect("stamp");
        Annotation {
            id: id.to_string(),
            author: "Delegation A".to_string(),
            created: stamp,
            modified: stamp,
            tags: vec!["support".to_string()],
            note: String::new(),
            colour: None,
            anchor: Anchor {
                content_hash: "hash".to_string(),
                block_id: BlockId("10".to_string()),
                label: "10.".to_string(),
                char_range: CharRange::new(0, 6),
                block_count: 1,
                quote: "States".to_string(),
                prefix: String::new(),
                suffix: " are invited".to_string(),
            },
            status: AnchorStatus::Exact,
            previous_quote: None,
            supersedes: Vec::new(),
            proposal: None,
        }
    }

    /// Three numbered paragraphs, the last numbered 10.
    pub(crate) fn sample_document() -> Document {
        let text =
            "1. The Working Group met twice.\n2. It adopted the report of the second session.\n10. States are invited to cooperate.\n";
        crate::ingest::document_from_bytes("sample.txt", text.as_bytes(), Default::default()).expect("reads")
    }

    /// The sample document with an annotation on paragraphs 10 and 2 (in that order of creation).
    pub(crate) fn sample_set() -> AnnotationSet {
        let document = sample_document();
        let mut set = AnnotationSet::for_document(&document);
        for (block, range) in [(2, CharRange::new(0, 6)), (1, CharRange::new(3, 10))] {
            let anchor = Anchor::in_block(&document, block, range).expect("anchor");
            set.add(Annotation::new("Delegation A", anchor, vec!["support".into()], String::new()), &document);
        }
        set
    }

    #[test]
    fn renaming_and_deleting_a_tag_are_edits_of_the_annotations_using_it() {
        let mut set = sample_set();
        set.annotations[0].tags.push("question".into());
        set.tags.ensure("question");
        let before: Vec<jiff::Timestamp> = set.annotations.iter().map(|a| a.modified).collect();
        assert!(!set.rename_tag("question", "support"), "an existing name is refused");
        assert!(set.rename_tag("question", "query"));
        assert_eq!(set.annotations[0].tags, ["support", "query"]);
        assert!(set.annotations[0].modified > before[0] && set.annotations[1].modified == before[1]);
        set.delete_tag("query");
        assert_eq!(set.annotations[0].tags, ["support"]);
    }
}
