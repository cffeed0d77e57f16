//! What a delegation proposes for an annotated passage: new wording, an addition after it, or
//! its deletion. Kept in the annotation file and written into Word comments as one line.

use serde::{Deserialize, Serialize};

/// The kind of amendment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    /// Replace the passage by the proposed text.
    #[default]
    Replace,
    /// Insert the proposed text after the passage.
    InsertAfter,
    /// Delete the passage.
    Delete,
}

impl ProposalKind {
    /// Every kind, in the order the editor offers them.
    pub const ALL: [ProposalKind; 3] = [ProposalKind::Replace, ProposalKind::InsertAfter, ProposalKind::Delete];

    /// The name shown to people.
    pub fn name(self) -> &'static str {
        match self {
            ProposalKind::Replace => "replace",
            ProposalKind::InsertAfter => "insert after",
            ProposalKind::Delete => "delete",
        }
    }

    /// Whether the kind takes a text.
    pub fn takes_text(self) -> bool {
        self != ProposalKind::Delete
    }
}

/// An amendment proposed for a passage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// Replace, insert after, or delete.
    pub kind: ProposalKind,
    /// The proposed text (empty for a deletion).
    #[serde(default)]
    pub text: String,
}

const PREFIX: &str = "Proposed: ";
const REPLACE: &str = "replace with: ";
const INSERT: &str = "insert after the passage: ";
const DELETE: &str = "delete the passage";

impl Proposal {
    /// A proposal of a kind with a text.
    pub fn new(kind: ProposalKind, text: impl Into<String>) -> Self {
        Self { kind, text: text.into() }
    }

    /// The proposal as a line of a Word comment (`Proposed: replace with: …`).
    pub fn comment_line(&self) -> String {
        match self.kind {
            ProposalKind::Replace => format!("{PREFIX}{REPLACE}{}", self.text),
            ProposalKind::InsertAfter => format!("{PREFIX}{INSERT}{}", self.text),
            ProposalKind::Delete => format!("{PREFIX}{DELETE}"),
        }
    }

    /// Splits a comment's note into the note proper and the proposal its last lines hold, as
    /// [`Proposal::comment_line`] wrote them.
    pub fn split_note(note: &str) -> (String, Option<Proposal>) {
        let start = if note.starts_with(PREFIX) { Some(0) } else { note.rfind(&format!("\n{PREFIX}")).map(|i| i + 1) };
        let Some(start) = start else { return (note.to_string(), None) };
        let line = &note[start + PREFIX.len()..];
        let proposal = if let Some(text) = line.strip_prefix(REPLACE) {
            Proposal::new(ProposalKind::Replace, text)
        } else if let Some(text) = line.strip_prefix(INSERT) {
            Proposal::new(ProposalKind::InsertAfter, text)
        } else if line.trim_end() == DELETE {
            Proposal::new(ProposalKind::Delete, "")
        } else {
            return (note.to_string(), None);
        };
        (note[..start].trim_end().to_string(), Some(proposal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{AnnotationSet, Limits, file};
    use std::path::Path;

    /// A file as Gloss wrote it before proposals existed (format version 1).
    const VERSION_1: &str = r#"(
    format: "gloss-annotations",
    version: 1,
    document: (title: "Draft", content_hash: "abc", source_file: "draft.md"),
    annotations: [
        (
            id: "01JQ0000000000000000000000",
            author: "Norway",
            created: "2026-03-01T10:00:00Z",
            modified: "2026-03-01T10:00:00Z",
            tags: ["support"],
            note: "Keep this.",
            anchor: (
                content_hash: "abc",
                block_id: "12",
                label: "12.",
                char_range: (start: 0, end: 5),
                quote: "Takes",
                prefix: "",
                suffix: " note",
            ),
        ),
    ],
)
"#;

    #[test]
    fn a_version_1_file_loads_without_proposals() {
        let set = file::parse(Path::new("v1.gloss.ron"), VERSION_1.as_bytes(), Limits::default()).expect("version 1 loads");
        assert_eq!(set.annotations.len(), 1);
        assert_eq!(set.annotations[0].note, "Keep this.");
        assert_eq!(set.annotations[0].proposal, None);
    }

    #[test]
    fn proposals_round_trip_through_the_file_and_none_is_not_written() {
        let mut set: AnnotationSet = file::parse(Path::new("v1.gloss.ron"), VERSION_1.as_bytes(), Limits::default()).expect("loads");
        let without = file::to_ron(&set).expect("serialises");
        assert!(!without.contains("proposal"), "{without}");
        assert!(without.contains("version: 2,"));
        set.annotations[0].proposal = Some(Proposal::new(ProposalKind::InsertAfter, "and «open» data,\nas appropriate"));
        let text = file::to_ron(&set).expect("serialises");
        assert!(text.contains("kind: insert_after"), "{text}");
        let back = file::parse(Path::new("v2.gloss.ron"), text.as_bytes(), Limits::default()).expect("loads");
        assert_eq!(back, set);
    }

    #[test]
    fn comment_lines_read_back() {
        for proposal in [
            Proposal::new(ProposalKind::Replace, "shall endeavour to"),
            Proposal::new(ProposalKind::InsertAfter, ", as appropriate,\nand within existing resources"),
            Proposal::new(ProposalKind::Delete, ""),
        ] {
            let note = format!("Our position.\n{}", proposal.comment_line());
            assert_eq!(Proposal::split_note(&note), ("Our position.".to_string(), Some(proposal.clone())));
            assert_eq!(Proposal::split_note(&proposal.comment_line()), (String::new(), Some(proposal)));
        }
        assert_eq!(Proposal::split_note("Proposed: nothing known"), ("Proposed: nothing known".to_string(), None));
        assert_eq!(Proposal::split_note("Plain note"), ("Plain note".to_string(), None));
    }
}
