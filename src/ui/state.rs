//! App state: plain data. Views read it; [`super::command`] changes it.

use super::jobs::CompareId;
use super::rows::{RowHeights, ScrollPosition};
use crate::annotate::{Annotated, AnnotationSet, Filter, Placement, PlacementIndex, Selection};
use crate::compare::{Alignment, Entry, moves, row_positions};
use crate::store::{Document, DocumentId, SearchHit};
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
    /// Use Gloss's own file dialog instead of the system's.
    pub in_app_file_dialog: bool,
    /// The annotation filters (tag, author…) also hide highlights in the text.
    pub filter_highlights: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            author: String::new(),
            dark: false,
            recent: Vec::new(),
            show_outline: true,
            show_annotations: true,
            in_app_file_dialog: false,
            filter_highlights: false,
        }
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

impl FindState {
    /// Moves to the next (or previous) match, wrapping; returns its block.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        self.current = if forward { (self.current + 1) % n } else { (self.current + n - 1) % n };
        Some(self.hits[self.current].block)
    }
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
    /// Scroll offset, and where the keyboard asked to go.
    pub scroll: ScrollPosition,
    /// Highlight only the annotations the list's filters let through.
    pub filter_highlights: bool,
    /// The outline entry of the reading position, as last shown.
    pub outline_current: Option<usize>,
    /// Find bar.
    pub find: FindState,
    /// Go-to-paragraph field open.
    pub goto_open: bool,
    /// Go-to-paragraph text.
    pub goto_text: String,
    /// Give the go-to field the keyboard on the next frame.
    pub goto_focus: bool,
    /// The paragraph the last go-to reached, with the label typed (Enter again: the next one).
    pub goto_last: Option<(String, usize)>,
}

/// An open document with its annotations.
#[derive(Clone, Debug)]
pub struct OpenDocument {
    /// The document (the same one the store holds).
    pub document: Arc<Document>,
    /// Where it was read from (none for built-in samples).
    pub path: Option<PathBuf>,
    /// Its annotations, their placements and highlight index.
    pub annotations: Annotated,
    /// The annotation file (once saved or opened).
    pub annotation_path: Option<PathBuf>,
    /// The annotations' revision last written to `annotation_path` (none: never saved).
    pub saved_revision: Option<u64>,
    /// View state.
    pub view: ReaderView,
    /// What a Word file brought besides its text.
    pub word: Option<WordExtras>,
    /// The annotations list as last filtered.
    pub list: ListCache,
    /// Blocks listed in the outline (headings and numbered paragraphs), found once.
    pub outline: Vec<usize>,
}

/// The filtered annotation list and the authors, rebuilt only when the set or the filter changes.
#[derive(Clone, Debug, Default)]
pub struct ListCache {
    key: Option<(u64, Filter)>,
    /// Positions of the annotations shown.
    pub shown: Vec<usize>,
    /// Distinct authors, sorted.
    pub authors: Vec<String>,
    /// Per annotation: filtered out of the list (and of the text, when the filter applies there).
    pub filtered_out: Vec<bool>,
}

impl ListCache {
    /// Brings the list up to date with the annotations and the filter.
    pub fn refresh(&mut self, annotations: &Annotated, filter: &Filter) {
        if self.key.as_ref().is_some_and(|(revision, f)| *revision == annotations.revision() && f == filter) {
            return;
        }
        self.shown = filter.apply(annotations);
        self.filtered_out = vec![true; annotations.set().annotations.len()];
        for &i in &self.shown {
            self.filtered_out[i] = false;
        }
        self.authors = crate::annotate::authors(annotations);
        self.key = Some((annotations.revision(), filter.clone()));
    }
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
    pub fn new(document: Arc<Document>, path: Option<PathBuf>) -> Self {
        let annotations = Annotated::new(&document);
        let saved_revision = Some(annotations.revision());
        let outline = document
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b.kind, crate::store::BlockKind::Heading | crate::store::BlockKind::Numbered))
            .map(|(i, _)| i)
            .collect();
        Self {
            outline,
            document,
            path,
            annotations,
            annotation_path: None,
            saved_revision,
            view: ReaderView::default(),
            word: None,
            list: ListCache::default(),
        }
    }

    /// The document's id.
    pub fn id(&self) -> &DocumentId {
        &self.document.id
    }

    /// The annotations (shorthand).
    pub fn set(&self) -> &AnnotationSet {
        self.annotations.set()
    }

    /// Annotations changed since they were last saved or opened.
    pub fn dirty(&self) -> bool {
        self.saved_revision != Some(self.annotations.revision())
    }

    /// Marks the current annotations as saved (or just opened from a file).
    pub fn mark_saved(&mut self) {
        self.saved_revision = Some(self.annotations.revision());
    }

    /// The name shown in tabs and the title.
    pub fn name(&self) -> String {
        let source = std::path::Path::new(&self.document.source);
        self.path.as_deref().unwrap_or(source).file_name().map_or_else(|| self.document.title.clone(), |n| n.to_string_lossy().into_owned())
    }
}

/// Find and go-to in a comparison (both sides searched).
#[derive(Clone, Debug, Default)]
pub struct CompareFind {
    /// The find bar is open.
    pub open: bool,
    /// The query typed.
    pub query: String,
    /// The query the rows belong to.
    pub searched: String,
    /// Rows with a match on either side, in order.
    pub rows: Vec<usize>,
    /// The current match.
    pub current: usize,
    /// Give the find field the keyboard on the next frame.
    pub focus: bool,
    /// The go-to field is open.
    pub goto_open: bool,
    /// The paragraph number typed.
    pub goto_text: String,
    /// Give the go-to field the keyboard on the next frame.
    pub goto_focus: bool,
    /// The row the last go-to reached, with the label typed (Enter again: the next one).
    pub goto_last: Option<(String, usize)>,
}

impl CompareFind {
    /// Moves to the next (or previous) matching row, wrapping; returns it.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        let n = self.rows.len();
        if n == 0 {
            return None;
        }
        self.current = if forward { (self.current + 1) % n } else { (self.current + n - 1) % n };
        Some(self.rows[self.current])
    }
}

/// A comparison of two open documents.
#[derive(Clone, Debug)]
pub struct CompareSession {
    /// The session's id (tabs, jobs and commands name it).
    pub id: CompareId,
    /// The old version.
    pub old: DocumentId,
    /// The new version.
    pub new: DocumentId,
    /// The alignment (none while it is being computed).
    pub alignment: Option<Arc<Alignment>>,
    /// The old version's annotations carried onto the new one.
    pub carried: AnnotationSet,
    /// Placements of the carried annotations in the new version.
    pub carried_placements: Vec<Placement>,
    /// Highlight index of the carried annotations in the new version.
    pub carried_index: PlacementIndex,
    /// The current (highlighted) row.
    pub current: Option<usize>,
    /// Show only changed rows.
    pub only_changes: bool,
    /// With only changes shown, keep one unchanged row above and below each change.
    pub context: bool,
    /// One column, old and new interleaved as tracked changes, instead of two columns.
    pub track_changes: bool,
    /// The lines shown (rows, moved-away markers, gaps), rebuilt when the alignment or a toggle changes.
    pub entries: Vec<Entry>,
    /// For each alignment row, the position in `entries` that shows it (or the gap hiding it).
    pub positions: Vec<usize>,
    /// The moved rows, each with whether its paragraph went down, sorted by row.
    pub moves: Vec<(usize, bool)>,
    /// For each alignment row that is a change, its place among the changes ("change k of n").
    pub change_ranks: Vec<Option<usize>>,
    /// Heights of the entries shown.
    pub heights: RowHeights,
    /// Scroll to this alignment row on the next frame.
    pub scroll_to: Option<usize>,
    /// The orphaned carried annotations (positions in `carried`), each with the row where its
    /// old paragraph stood; found on first use after each alignment.
    pub orphans: Option<Vec<(usize, Option<usize>)>>,
    /// Scroll offset, and where the keyboard asked to go.
    pub scroll: ScrollPosition,
    /// Find and go-to.
    pub find: CompareFind,
}

impl CompareSession {
    /// A session waiting for its alignment.
    pub fn new(id: CompareId, old: DocumentId, new: DocumentId) -> Self {
        Self {
            id,
            old,
            new,
            alignment: None,
            carried: AnnotationSet::default(),
            carried_placements: Vec::new(),
            carried_index: PlacementIndex::default(),
            current: None,
            only_changes: false,
            context: true,
            track_changes: false,
            entries: Vec::new(),
            positions: Vec::new(),
            moves: Vec::new(),
            change_ranks: Vec::new(),
            heights: RowHeights::default(),
            scroll_to: None,
            orphans: None,
            scroll: ScrollPosition::default(),
            find: CompareFind::default(),
        }
    }

    /// Installs a finished alignment and the carried annotations (placed in `new`).
    pub fn install(&mut self, alignment: Alignment, carried: AnnotationSet, new: &Document) {
        self.carried_placements = crate::annotate::carried_placements(&carried, new);
        self.carried_index = PlacementIndex::build(&carried, &self.carried_placements, new);
        self.carried = carried;
        self.orphans = None;
        self.current = alignment.next_change(None, true);
        self.alignment = Some(Arc::new(alignment));
        self.refresh_rows();
    }

    /// Moves to the next (or previous) change and scrolls to it.
    pub fn step_change(&mut self, forward: bool) {
        if let Some(next) = self.alignment.as_ref().and_then(|a| a.next_change(self.current, forward)) {
            self.current = Some(next);
            self.scroll_to = Some(next);
        }
    }

    /// Shows only changed rows, or all.
    pub fn set_only_changes(&mut self, only: bool) {
        self.only_changes = only;
        self.refresh_rows();
    }

    /// Keeps one unchanged row of context around each change (when only changes are shown), or none.
    pub fn set_context(&mut self, context: bool) {
        self.context = context;
        self.refresh_rows();
    }

    /// Shows the track-changes column, or the two columns.
    pub fn set_track_changes(&mut self, track: bool) {
        if self.track_changes != track {
            self.track_changes = track;
            self.keep_place();
            self.heights.reset();
        }
    }

    /// Makes `row` the current row, scrolling to it when asked.
    pub fn show_row(&mut self, row: usize, scroll: bool) {
        if self.alignment.as_ref().is_some_and(|a| row < a.rows.len()) {
            self.current = Some(row);
            if scroll {
                self.scroll_to = Some(row);
            }
        }
    }

    /// The orphaned carried annotations with the row where each one's old paragraph stood
    /// (found by block id in `old`, else by label), computed once per alignment.
    pub fn orphans(&mut self, old: &Document) -> &[(usize, Option<usize>)] {
        let (alignment, carried) = (&self.alignment, &self.carried);
        self.orphans.get_or_insert_with(|| {
            let mut row_of_old = vec![None; old.blocks.len()];
            for (r, row) in alignment.iter().flat_map(|a| a.rows.iter().enumerate()) {
                for &block in &row.old {
                    if let Some(slot) = row_of_old.get_mut(block) {
                        *slot = Some(r);
                    }
                }
            }
            let orphaned = carried.annotations.iter().enumerate().filter(|(_, a)| a.status == crate::annotate::AnchorStatus::Orphaned);
            orphaned
                .map(|(i, a)| {
                    let block = old.block_index(&a.anchor.block_id).or_else(|| old.block_by_label(&a.anchor.label));
                    (i, block.and_then(|b| row_of_old.get(b).copied().flatten()))
                })
                .collect()
        })
    }

    /// The current row's place among the changes, when it is one (0 for the first change).
    pub fn current_change(&self) -> Option<usize> {
        self.current.and_then(|row| self.change_ranks.get(row).copied().flatten())
    }

    /// The position in `entries` that shows alignment row `row` (or the gap hiding it).
    pub fn position_of(&self, row: usize) -> Option<usize> {
        self.positions.get(row).copied()
    }

    /// Scrolls back, on the next frame, to the row at the top of the view.
    fn keep_place(&mut self) {
        if self.scroll.offset <= 0.0 || self.heights.is_empty() {
            return;
        }
        let top = self.heights.row_at(self.scroll.offset + 40.0);
        self.scroll_to = self.entries.iter().skip(top).find_map(|entry| match *entry {
            Entry::Row(row) | Entry::Gap { first: row, .. } => Some(row),
            Entry::MovedAway { .. } => None,
        });
    }

    fn refresh_rows(&mut self) {
        self.keep_place();
        let context = usize::from(self.context);
        self.entries = self.alignment.as_ref().map_or_else(Vec::new, |a| a.entries(self.only_changes, context));
        self.positions = row_positions(&self.entries, self.alignment.as_ref().map_or(0, |a| a.rows.len()));
        self.moves = moves(&self.entries);
        let mut rank = 0;
        let rows = self.alignment.as_ref().map_or(&[][..], |a| a.rows.as_slice());
        self.change_ranks = rows
            .iter()
            .map(|row| {
                rank += usize::from(row.is_change());
                row.is_change().then(|| rank - 1)
            })
            .collect();
        self.heights.reset();
    }
}

/// What the central area shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Active {
    /// A document in the reader.
    Reader(DocumentId),
    /// A comparison.
    Compare(CompareId),
}

/// A question the window is asking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Unsaved annotations and the window is closing.
    ConfirmClose,
    /// An autosave newer than the file exists for this document.
    RestoreAutosave {
        /// The document.
        doc: DocumentId,
        /// The autosave file.
        path: PathBuf,
    },
    /// Opening an annotation file over unsaved annotations.
    ReplaceUnsaved {
        /// The document.
        doc: DocumentId,
        /// The file being opened.
        path: PathBuf,
    },
    /// The tag manager.
    Tags,
    /// Ask the author name.
    Author,
    /// Choose the old and new version to compare.
    ChooseCompare {
        /// The old version chosen.
        old: Option<DocumentId>,
        /// The new version chosen.
        new: Option<DocumentId>,
    },
    /// Closing a document whose annotations are not saved.
    ConfirmCloseDocument(DocumentId),
    /// An annotation file opened on a document it was not made for.
    OtherDocument {
        /// The document it was opened on.
        doc: DocumentId,
        /// The file.
        path: PathBuf,
        /// Title of the document the file belongs to.
        title: String,
        /// File name of that document.
        source_file: String,
    },
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
