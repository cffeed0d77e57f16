//! Word comments (`comments.xml`): author, date and text by id. Where each comment is anchored
//! in the body is found by `view` from `w:commentRangeStart` / `w:commentRangeEnd`.

use super::DocxError;
use super::body::{Piece, View, read_story};
use super::xml::{Node, PartReader, attr, local};
use rustc_hash::FxHashMap;

/// A comment as written in `comments.xml`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct CommentText {
    /// `w:author`.
    pub author: String,
    /// `w:date` as written (ISO 8601), when present.
    pub date: Option<String>,
    /// The comment's paragraphs, one per line, with its own tracked changes accepted.
    pub text: String,
}

/// Reads `comments.xml` into comments by `w:id`.
pub(super) fn parse_comments(part: &str, xml: &str) -> Result<FxHashMap<String, CommentText>, DocxError> {
    let mut reader = PartReader::new(part, xml);
    let mut comments = FxHashMap::default();
    loop {
        match reader.next()? {
            Node::Open(start) if local(&start) == "comment" => {
                let id = attr(&start, "id").unwrap_or_default();
                let author = attr(&start, "author").unwrap_or_default();
                let date = attr(&start, "date").filter(|d| !d.trim().is_empty());
                let depth = reader.depth();
                let story = read_story(&mut reader, depth)?;
                let lines: Vec<String> = story
                    .paragraphs
                    .iter()
                    .map(|p| {
                        let mut line = String::new();
                        for item in p.items.iter().filter(|i| i.revision.shows_in(View::Accepted)) {
                            match &item.piece {
                                Piece::Text(text) => line.push_str(text),
                                Piece::Tab | Piece::Break => line.push(' '),
                                _ => {}
                            }
                        }
                        crate::text::squash_spaces(&line)
                    })
                    .filter(|line| !line.is_empty())
                    .collect();
                comments.insert(id, CommentText { author, date, text: lines.join("\n") });
            }
            Node::End => break,
            _ => {}
        }
    }
    Ok(comments)
}
