//! The walk through a story (the document body, a footnote, a comment): paragraphs with their
//! properties and their content as pieces, each piece marked with the tracked changes it sits in.
//!
//! Nothing is decided here about which version of the text is shown; `view` reads the same
//! paragraphs once with every change accepted and once with every change rejected.
//!
//! What is text: `w:t` and `w:delText` in runs, wherever the runs sit (hyperlinks, content
//! controls, smart tags, table cells, inserted or deleted ranges), and the results of fields
//! other than page numbers. Not text: field instructions, drawings and text boxes, section
//! properties, bookmarks, comment references, run formatting.

use super::DocxError;
use super::styles::{NumPr, read_num_pr};
use super::symbols::symbol_char;
use super::xml::{Node, PartReader, attr, attr_number, is_on, local};
use crate::ingest::normalize;

/// Which versions of the text a piece of content (or a paragraph mark) belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Revision {
    /// Inside `w:ins` / `w:moveTo`: not in the text with changes rejected.
    pub inserted: bool,
    /// Inside `w:del` / `w:moveFrom`: not in the text with changes accepted.
    pub deleted: bool,
}

/// A version of a document with tracked changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum View {
    /// Every change accepted: the current text.
    Accepted,
    /// Every change rejected: the text before the changes.
    Rejected,
}

impl Revision {
    /// Whether content with this revision is part of `view`.
    pub(super) fn shows_in(self, view: View) -> bool {
        match view {
            View::Accepted => !self.deleted,
            View::Rejected => !self.inserted,
        }
    }
}

/// A piece of paragraph content.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Piece {
    /// Text, normalised (NFC, special spaces as spaces, soft hyphens removed).
    Text(String),
    /// `w:tab`: a label separator at the start of a paragraph, a space elsewhere.
    Tab,
    /// `w:br`, `w:cr`: a space.
    Break,
    /// A footnote or endnote reference; `mark` is the custom mark that follows it, if any.
    NoteRef {
        /// The note's `w:id`.
        id: i64,
        /// An endnote rather than a footnote.
        endnote: bool,
        /// `w:customMarkFollows`: the text of the run after the reference is the mark.
        custom_mark: Option<String>,
    },
    /// `w:commentRangeStart`.
    CommentStart(String),
    /// `w:commentRangeEnd`.
    CommentEnd(String),
    /// `w:commentReference`: where a comment without a range is anchored.
    CommentPoint(String),
}

/// A piece and the changes it sits in.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Item {
    /// The content.
    pub piece: Piece,
    /// Its tracked changes.
    pub revision: Revision,
}

/// A paragraph (`w:p`) as written.
#[derive(Clone, Debug, Default)]
pub(super) struct Paragraph {
    /// Position among the story's paragraphs (0-based, document order, table cells included).
    pub index: u32,
    /// `w:pStyle`.
    pub style: Option<String>,
    /// Direct `w:numPr`.
    pub num_pr: Option<NumPr>,
    /// Direct `w:outlineLvl`.
    pub outline_level: Option<u8>,
    /// Tracked changes of the paragraph mark: a deleted mark joins the paragraph to the next
    /// in the accepted text, an inserted one in the rejected text.
    pub mark: Revision,
    /// The content.
    pub items: Vec<Item>,
}

/// The paragraphs of a story and the authors of its tracked changes.
#[derive(Debug, Default)]
pub(super) struct Story {
    /// Paragraphs in document order.
    pub paragraphs: Vec<Paragraph>,
    /// Authors of insertions, deletions and moves, in order of first appearance.
    pub authors: Vec<String>,
}

/// Where text goes while inside a text-bearing element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Paragraph,
    Run,
    /// `w:t`, `w:delText`.
    Text,
    /// `w:instrText`.
    Instruction,
    Revision,
    /// `w:fldSimple` whose result is hidden (a page number).
    HiddenField,
    Other,
}

/// A complex field (`w:fldChar` begin … separate … end).
struct Field {
    instruction: String,
    separated: bool,
}

/// Reads paragraphs until the element the reader is in closes (depth `base`), or the part ends.
pub(super) fn read_story(reader: &mut PartReader<'_>, base: usize) -> Result<Story, DocxError> {
    let mut walk = Walk::default();
    loop {
        if reader.depth() < base {
            break;
        }
        match reader.next()? {
            Node::End => break,
            Node::Close => walk.close(reader.depth()),
            Node::Text(text) => walk.text(&text),
            Node::Open(start) => walk.open(reader, &start)?,
        }
    }
    walk.finish_paragraph();
    Ok(walk.story)
}

#[derive(Default)]
struct Walk {
    story: Story,
    paragraph: Option<Paragraph>,
    /// Open elements that matter, with the depth they were opened at.
    open: Vec<(usize, Open)>,
    revisions: Vec<Revision>,
    fields: Vec<Field>,
    hidden_simple_fields: usize,
    /// Index of a custom-mark note reference whose mark text is being read.
    custom_mark: Option<usize>,
    /// The current run is hidden text (`w:vanish`), which Word neither shows nor prints.
    run_hidden: bool,
    count: u32,
}

impl Walk {
    fn revision(&self) -> Revision {
        self.revisions
            .iter()
            .fold(Revision::default(), |a, r| Revision { inserted: a.inserted || r.inserted, deleted: a.deleted || r.deleted })
    }

    fn push(&mut self, piece: Piece) {
        let revision = self.revision();
        if let Some(paragraph) = self.paragraph.as_mut() {
            paragraph.items.push(Item { piece, revision });
        }
    }

    fn text_hidden(&self) -> bool {
        self.run_hidden || self.hidden_simple_fields > 0 || self.fields.iter().any(|f| !f.separated || is_page_field(&f.instruction))
    }

    fn add_author(&mut self, start: &quick_xml::events::BytesStart<'_>) {
        if let Some(author) = attr(start, "author").filter(|a| !a.trim().is_empty())
            && !self.story.authors.contains(&author)
        {
            self.story.authors.push(author);
        }
    }

    fn open(&mut self, reader: &mut PartReader<'_>, start: &quick_xml::events::BytesStart<'_>) -> Result<(), DocxError> {
        let depth = reader.depth();
        let kind = match local(start) {
            "p" => {
                self.finish_paragraph();
                self.paragraph = Some(Paragraph { index: self.count, ..Paragraph::default() });
                self.count += 1;
                Open::Paragraph
            }
            "pPr" if self.paragraph.is_some() => {
                let mut paragraph = self.paragraph.take().unwrap_or_default();
                read_paragraph_properties(reader, &mut paragraph, &mut self.story.authors)?;
                self.paragraph = Some(paragraph);
                return Ok(());
            }
            "r" => {
                self.run_hidden = false;
                Open::Run
            }
            "rPr" if self.open.last().is_some_and(|&(_, kind)| kind == Open::Run) => {
                self.run_hidden = run_is_hidden(reader)?;
                return Ok(());
            }
            "t" | "delText" => Open::Text,
            "instrText" | "delInstrText" => Open::Instruction,
            "ins" | "moveTo" => {
                self.add_author(start);
                self.revisions.push(Revision { inserted: true, deleted: false });
                Open::Revision
            }
            "del" | "moveFrom" => {
                self.add_author(start);
                self.revisions.push(Revision { inserted: false, deleted: true });
                Open::Revision
            }
            "tab" | "ptab" if !self.text_hidden() => {
                self.push(Piece::Tab);
                Open::Other
            }
            "br" | "cr" if !self.text_hidden() => {
                self.push(Piece::Break);
                Open::Other
            }
            "noBreakHyphen" if !self.text_hidden() => {
                self.push(Piece::Text("-".to_string()));
                Open::Other
            }
            "sym" if !self.text_hidden() => {
                if let Some(c) = attr(start, "char").and_then(|code| symbol_char(&attr(start, "font").unwrap_or_default(), &code)) {
                    self.push(Piece::Text(c.to_string()));
                }
                Open::Other
            }
            "footnoteReference" | "endnoteReference" => {
                let custom = attr(start, "customMarkFollows").is_some_and(|v| matches!(v.as_str(), "1" | "true" | "on"));
                let id = attr_number(start, "id").unwrap_or(i64::MIN);
                self.push(Piece::NoteRef { id, endnote: local(start) == "endnoteReference", custom_mark: custom.then(String::new) });
                if custom {
                    self.custom_mark = self.paragraph.as_ref().map(|p| p.items.len() - 1);
                }
                Open::Other
            }
            "commentRangeStart" => {
                self.push(Piece::CommentStart(attr(start, "id").unwrap_or_default()));
                Open::Other
            }
            "commentRangeEnd" => {
                self.push(Piece::CommentEnd(attr(start, "id").unwrap_or_default()));
                Open::Other
            }
            "commentReference" => {
                self.push(Piece::CommentPoint(attr(start, "id").unwrap_or_default()));
                Open::Other
            }
            "fldChar" => {
                match attr(start, "fldCharType").as_deref() {
                    Some("begin") => self.fields.push(Field { instruction: String::new(), separated: false }),
                    Some("separate") => {
                        if let Some(field) = self.fields.last_mut() {
                            field.separated = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                }
                Open::Other
            }
            "fldSimple" if attr(start, "instr").is_some_and(|i| is_page_field(&i)) => {
                self.hidden_simple_fields += 1;
                Open::HiddenField
            }
            // Subtrees with no body text: formatting, drawings and text boxes (whose text
            // would otherwise appear twice, in the drawing and in its VML fallback), section
            // and table properties, content-control properties.
            "rPr" | "sectPr" | "tblPr" | "tblGrid" | "trPr" | "tcPr" | "sdtPr" | "sdtEndPr" | "drawing" | "pict" | "object"
            | "AlternateContent" | "rPrChange" | "pPrChange" | "tblPrChange" | "customXmlPr" | "smartTagPr" => {
                reader.skip_element()?;
                return Ok(());
            }
            _ => Open::Other,
        };
        self.open.push((depth, kind));
        Ok(())
    }

    /// An element closed; the reader is now at `depth`.
    fn close(&mut self, depth: usize) {
        while let Some(&(opened, kind)) = self.open.last() {
            if opened <= depth {
                break;
            }
            self.open.pop();
            match kind {
                Open::Paragraph => self.finish_paragraph(),
                Open::Run => {
                    self.custom_mark = None;
                    self.run_hidden = false;
                }
                Open::Revision => {
                    self.revisions.pop();
                }
                Open::HiddenField => self.hidden_simple_fields = self.hidden_simple_fields.saturating_sub(1),
                Open::Text | Open::Instruction | Open::Other => {}
            }
        }
    }

    fn text(&mut self, text: &str) {
        match self.open.last().map(|&(_, kind)| kind) {
            Some(Open::Instruction) => {
                if let Some(field) = self.fields.last_mut() {
                    field.instruction.push_str(text);
                }
            }
            Some(Open::Text) if !self.text_hidden() => {
                let text = normalize(text);
                if let (Some(index), Some(paragraph)) = (self.custom_mark, self.paragraph.as_mut())
                    && let Some(Item { piece: Piece::NoteRef { custom_mark: Some(mark), .. }, .. }) = paragraph.items.get_mut(index)
                {
                    mark.push_str(text.trim());
                    return;
                }
                self.push(Piece::Text(text));
            }
            _ => {}
        }
    }

    fn finish_paragraph(&mut self) {
        if let Some(paragraph) = self.paragraph.take() {
            self.story.paragraphs.push(paragraph);
        }
        self.custom_mark = None;
    }
}

/// Reads a run's `w:rPr`: whether it hides the run (`w:vanish`; the formatting before a change,
/// `w:rPrChange`, does not count).
fn run_is_hidden(reader: &mut PartReader<'_>) -> Result<bool, DocxError> {
    let base = reader.depth() - 1;
    let mut hidden = false;
    while reader.depth() > base {
        match reader.next()? {
            Node::Open(start) => match local(&start) {
                "vanish" => hidden = is_on(&start),
                "rPrChange" => reader.skip_element()?,
                _ => {}
            },
            Node::End => break,
            Node::Close | Node::Text(_) => {}
        }
    }
    Ok(hidden)
}

/// Fields whose result is a page number, which is no text of the document.
fn is_page_field(instruction: &str) -> bool {
    let name = instruction.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
    matches!(name.as_str(), "PAGE" | "NUMPAGES" | "SECTIONPAGES" | "SECTION" | "PAGEREF")
}

/// Reads `w:pPr`: style, numbering, outline level and the paragraph mark's tracked change.
fn read_paragraph_properties(reader: &mut PartReader<'_>, paragraph: &mut Paragraph, authors: &mut Vec<String>) -> Result<(), DocxError> {
    let base = reader.depth() - 1;
    let mut in_mark = false;
    let mut mark_depth = 0;
    while reader.depth() > base {
        let start = match reader.next()? {
            Node::Open(start) => start,
            Node::Close => {
                if in_mark && reader.depth() < mark_depth {
                    in_mark = false;
                }
                continue;
            }
            Node::End => break,
            Node::Text(_) => continue,
        };
        match local(&start) {
            "pStyle" => paragraph.style = attr(&start, "val"),
            "numPr" => paragraph.num_pr = Some(read_num_pr(reader)?),
            "outlineLvl" => paragraph.outline_level = attr_number(&start, "val"),
            "rPr" => {
                in_mark = true;
                mark_depth = reader.depth();
            }
            "ins" | "moveTo" | "del" | "moveFrom" if in_mark => {
                let inserted = matches!(local(&start), "ins" | "moveTo");
                if inserted {
                    paragraph.mark.inserted = true;
                } else {
                    paragraph.mark.deleted = true;
                }
                if let Some(author) = attr(&start, "author").filter(|a| !a.trim().is_empty())
                    && !authors.contains(&author)
                {
                    authors.push(author);
                }
                reader.skip_element()?;
            }
            // Formatting before a change, and section properties: not this paragraph's.
            "pPrChange" | "rPrChange" | "sectPr" | "tabs" => reader.skip_element()?,
            _ => {}
        }
    }
    Ok(())
}
