//! Annotations: highlighted passages with tags and notes, their files, merging and re-anchoring.
//!
//! An [`Anchor`] remembers a passage by block id and label, a [`CharRange`] into the block
//! text, the exact quote and some context; [`reanchor`] finds it again in the same or a newer
//! version and reports how well it did ([`AnchorStatus`]). Nothing is ever dropped: an
//! annotation that fits nowhere is kept as `orphaned`.

mod anchor;
mod annotated;
mod autosave;
pub mod file;
mod filter;
mod history;
mod merge;
mod reanchor;
mod tags;
pub mod word;

pub use anchor::Anchor;
pub use annotated::{Annotated, AttachReport, Edit, PlacementIndex};
pub use autosave::{Autosave, FALLBACK_AUTHOR, is_annotation_file, sidecar_path};
pub use file::{AnnotationFileError, DocumentInfo, FORMAT_NAME, FORMAT_VERSION, Limits, load, load_with, parse, save, to_ron};
pub use filter::{Filter, authors};
pub use history::{History, Step};
pub use merge::{MergeReport, merge};
pub use reanchor::{CarryReport, Placement, carried_placements, carry, carry_set, place, place_all};
pub use tags::{Colour, Tag, TagSet};

use crate::store::{CharRange, Document};
use serde::{Deserialize, Serialize};

/// How well an annotation's passage was found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorStatus {
    /// At the stored place, with the stored text.
    #[default]
    Exact,
    /// The same text, elsewhere in the block or in the block aligned to it.
    Moved,
    /// A similar passage near the stored place; the old quote is kept.
    Changed,
    /// Not found; kept and listed.
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
        }
    }

    /// Marks the annotation as edited now.
    pub fn touch(&mut self) {
        self.modified = jiff::Timestamp::now().max(self.modified);
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
}

impl AnnotationSet {
    /// An empty set for a document, with the default negotiation tags.
    pub fn for_document(document: &Document) -> Self {
        Self { document: DocumentInfo::of(document), tags: TagSet::default(), annotations: Vec::new() }
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

    /// Removes an annotation; returns it.
    pub fn remove(&mut self, id: &str) -> Option<Annotation> {
        let index = self.annotations.iter().position(|a| a.id == id)?;
        Some(self.annotations.remove(index))
    }

    /// Renames a tag everywhere (definitions and annotations).
    pub fn rename_tag(&mut self, old: &str, new: &str) -> bool {
        if !self.tags.rename(old, new) {
            return false;
        }
        for annotation in &mut self.annotations {
            for tag in annotation.tags.iter_mut().filter(|t| t.as_str() == old) {
                *tag = new.to_string();
            }
            annotation.tags.dedup();
        }
        true
    }

    /// Deletes a tag definition and removes it from every annotation.
    pub fn delete_tag(&mut self, name: &str) {
        self.tags.remove(name);
        for annotation in &mut self.annotations {
            annotation.tags.retain(|t| t != name);
        }
    }

    /// Sorts annotations in document order (orphans, whose block is gone, last), then by id.
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
}
