//! Footnotes and endnotes (`footnotes.xml`, `endnotes.xml`): each note's paragraphs by id.

use super::DocxError;
use super::body::{Paragraph, read_story};
use super::xml::{Node, PartReader, attr, attr_number, local};
use rustc_hash::FxHashMap;

/// The notes of one part, by `w:id`. Separator notes are left out.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// Paragraphs of each note.
    pub by_id: FxHashMap<i64, Vec<Paragraph>>,
    /// Authors of tracked changes inside notes.
    pub authors: Vec<String>,
}

impl Notes {
    /// Reads a footnotes or endnotes part.
    pub(super) fn parse(part: &str, xml: &str) -> Result<Self, DocxError> {
        let mut reader = PartReader::new(part, xml);
        let mut notes = Notes::default();
        loop {
            match reader.next()? {
                Node::Open(start) if matches!(local(&start), "footnote" | "endnote") => {
                    // Separators and continuation notices are page furniture, never referenced.
                    let normal = attr(&start, "type").is_none_or(|t| t == "normal");
                    let id: Option<i64> = attr_number(&start, "id");
                    let depth = reader.depth();
                    let story = read_story(&mut reader, depth)?;
                    for author in story.authors {
                        if !notes.authors.contains(&author) {
                            notes.authors.push(author);
                        }
                    }
                    if let (true, Some(id)) = (normal, id) {
                        notes.by_id.insert(id, story.paragraphs);
                    }
                }
                Node::End => break,
                _ => {}
            }
        }
        Ok(notes)
    }
}
