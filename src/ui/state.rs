//! App state: plain data. Views read it; [`super::command`] changes it.

use crate::annotate::{AnnotationSet, Placement, Selection};
use crate::compare::Alignment;
use crate::store::{CharRange, Document, SearchHit};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;

/// Settings kept between runs (eframe persistence).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The author name written into new annotations (asked once).
    pub author: String,
    /// Dark theme.
    pub dark: bool,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Outline panel visible.
    pub show_outline: bool,
    /// Annotations panel visible.
    pub show_annotations: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self { author: String::new(), dark: false, recent: Vec::new(), show_outline: true, show_annotations: true }
    }
}

/// A message shown in the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Plain words for the user.
    pub text: String,
    /// An error (red) rather than a notice.
    pub is_error: bool,
}

/// Row heights per wrap width, measured lazily for virtualised lists.
#[derive(Clone, Debug, Default)]
pub struct RowHeights {
    /// The width the heights were measured at.
    pub width: f32,
    /// Height of each row (estimated until measured).
    pub heights: Vec<f32>,
    /// Whether each height was measured.
    pub measured: Vec<bool>,
}

impl RowHeights {
    /// Resets to estimates when the row count or width changes.
    pub fn prepare(&mut self, rows: usize, width: f32, estimate: impl Fn(usize) -> f32) {
        if self.heights.len() != rows || (self.width - width).abs() > 0.5 {
            self.width = width;
            self.heights = (0..rows).map(estimate).collect();
            self.measured = vec![false; rows];
        }
    }

    /// Top of each row and the total height.
    pub fn offsets(&self) -> (Vec<f32>, f32) {
        let mut offsets = Vec::with_capacity(self.heights.len());
        let mut y = 0.0;
        for h in &self.heights {
            offsets.push(y);
            y += h;
        }
        (offsets, y)
    }
}

/// Find-in-document state.
#[derive(Clone, Debug, Default)]
pub struct FindState {
    /// The find bar is open.
    pub open: bool,
    /// The query typed.
    pub query: String,
    /// The query the hits belong to.
    pub searched: String,
    /// Matches in reading order.
    pub hits: Vec<SearchHit>,
    /// The current match.
    pub current: usize,
    /// Give the field the keyboard on the next frame.
    pub focus: bool,
}

/// Reader view state of one document (not persisted).
#[derive(Clone, Debug, Default)]
pub struct ReaderView {
    /// The selected passage.
    pub selection: Option<Selection>,
    /// Where a drag started: (block, char offset).
    pub drag_anchor: Option<(usize, usize)>,
    /// The annotation opened for editing.
    pub selected_annotation: Option<String>,
    /// Row heights.
    pub heights: RowHeights,
    /// Scroll to this block on the next frame.
    pub scroll_to: Option<usize>,
    /// Find bar.
    pub find: FindState,
    /// Go-to-paragraph field open.
    pub goto_open: bool,
    /// Go-to-paragraph text.
    pub goto_text: String,
    /// Give the go-to field the keyboard on the next frame.
    pub goto_focus: bool,
}

/// An open document with its annotations.
#[derive(Clone, Debug)]
pub struct OpenDocument {
    /// The document.
    pub document: Arc<Document>,
    /// Where it was read from (none for built-in samples).
    pub path: Option<PathBuf>,
    /// Its annotations.
    pub annotations: AnnotationSet,
    /// Where each annotation sits now (same order as `annotations.annotations`).
    pub placements: Vec<Placement>,
    /// Per block, the highlighted ranges and annotation indices (derived from `placements`,
    /// rebuilt with them, so drawing a block does not scan every annotation).
    highlights: Vec<Vec<(CharRange, usize)>>,
    /// The annotation file (once saved or opened).
    pub annotation_path: Option<PathBuf>,
    /// Annotations changed since the last save.
    pub dirty: bool,
    /// View state.
    pub view: ReaderView,
    /// What a Word file brought besides its text.
    pub word: Option<WordExtras>,
}

/// A Word file's tracked changes and comments, kept with its document.
#[derive(Clone, Debug)]
pub struct WordExtras {
    /// The text with every tracked change rejected (when there are tracked changes).
    pub before: Option<Arc<Document>>,
    /// Who made the tracked changes.
    pub revision_authors: Vec<String>,
    /// Word comments, anchored in the document.
    pub comments: Vec<crate::ingest::WordComment>,
    /// The comments were imported as annotations.
    pub comments_imported: bool,
}

impl OpenDocument {
    /// A document with an empty annotation set.
    pub fn new(document: Document, path: Option<PathBuf>) -> Self {
        let annotations = AnnotationSet::for_document(&document);
        Self {
            document: Arc::new(document),
            path,
            annotations,
            placements: Vec::new(),
            highlights: Vec::new(),
            annotation_path: None,
            dirty: false,
            view: ReaderView::default(),
            word: None,
        }
    }

    /// Re-places every annotation (after loading, merging or editing) and rebuilds the highlight index.
    pub fn replace_annotations(&mut self) {
        self.placements = crate::annotate::place_all(&self.annotations, &self.document);
        let mut highlights = vec![Vec::new(); self.document.blocks.len()];
        for (index, placement) in self.placements.iter().enumerate() {
            let Some(first) = placement.block else { continue };
            let last = (first + placement.block_count - 1).min(highlights.len().saturating_sub(1));
            for (block, slot) in highlights.iter_mut().enumerate().take(last + 1).skip(first) {
                let len = self.document.blocks[block].char_len();
                let start = if block == first { placement.char_range.start } else { 0 };
                let end = if block == last { placement.char_range.end } else { len };
                slot.push((CharRange::new(start, end.min(len)), index));
            }
        }
        self.highlights = highlights;
    }

    /// Highlights in one block: (range, annotation index).
    pub fn highlights_in(&self, block: usize) -> &[(CharRange, usize)] {
        self.highlights.get(block).map_or(&[], Vec::as_slice)
    }

    /// The name shown in tabs and the title.
    pub fn name(&self) -> String {
        let source = std::path::Path::new(&self.document.source);
        self.path.as_deref().unwrap_or(source).file_name().map_or_else(|| self.document.title.clone(), |n| n.to_string_lossy().into_owned())
    }
}

/// A comparison of two open documents.
#[derive(Clone, Debug)]
pub struct CompareSession {
    /// Index of the old version in `AppState::docs`.
    pub old: usize,
    /// Index of the new version.
    pub new: usize,
    /// The alignment.
    pub alignment: Arc<Alignment>,
    /// The old version's annotations carried onto the new one.
    pub carried: AnnotationSet,
    /// Placements of the carried annotations in the new version.
    pub carried_placements: Vec<Placement>,
    /// The current (highlighted) row.
    pub current: Option<usize>,
    /// Show only changed rows.
    pub only_changes: bool,
    /// Row heights of the visible rows.
    pub heights: RowHeights,
    /// Scroll to this row on the next frame.
    pub scroll_to: Option<usize>,
}

impl CompareSession {
    /// Rows shown (all, or only changes).
    pub fn visible_rows(&self) -> Vec<usize> {
        self.alignment.rows.iter().enumerate().filter(|(_, r)| !self.only_changes || r.is_change()).map(|(i, _)| i).collect()
    }
}

/// What the central area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Active {
    /// A document in the reader.
    Reader(usize),
    /// The comparison.
    Compare,
}

/// A question the window is asking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Unsaved annotations and the window is closing.
    ConfirmClose,
    /// An autosave newer than the file exists for this document.
    RestoreAutosave {
        /// Document index.
        doc: usize,
        /// The autosave file.
        path: PathBuf,
    },
    /// Opening an annotation file over unsaved annotations.
    ReplaceUnsaved {
        /// Document index.
        doc: usize,
        /// The file being opened.
        path: PathBuf,
    },
    /// The tag manager.
    Tags,
    /// Ask the author name.
    Author,
}

/// Filters of the annotations panel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotationFilter {
    /// Only this tag.
    pub tag: Option<String>,
    /// Only this author.
    pub author: Option<String>,
    /// Only this status.
    pub status: Option<crate::annotate::AnchorStatus>,
    /// Only annotations whose quote or note contains this.
    pub text: String,
}

/// Text being typed in fields that are not part of the model yet.
#[derive(Clone, Debug, Default)]
pub struct Drafts {
    /// Note for the next annotation.
    pub note: String,
    /// Name of a tag being added.
    pub new_tag: String,
    /// Tag being renamed: (old name, new name).
    pub rename: Option<(String, String)>,
    /// Author name being entered.
    pub author: String,
    /// The author field was given the keyboard when its dialog opened.
    pub author_focused: bool,
}
