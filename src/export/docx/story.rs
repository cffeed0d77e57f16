//! Paragraphs, runs and tables as WordprocessingML, in the order the schema requires:
//! `w:pPr` before the content, `w:rPr` first in a run, the paragraph mark's change first in
//! its `w:rPr`, tracked changes around whole runs.

use super::model::{BodyItem, Change, Format, Inline, Package, Paragraph, Table};
use super::xml::Xml;
use rustc_hash::FxHashMap;
use std::io;

/// Revision and range ids, unique across the parts of one file.
#[derive(Default)]
pub(super) struct Ids {
    next: u32,
    moves: FxHashMap<(u32, bool), u32>,
}

impl Ids {
    /// A fresh id.
    pub(super) fn next(&mut self) -> u32 {
        self.next += 1;
        self.next
    }
}

/// Writes stories with the package's revision authors.
pub(super) struct StoryWriter<'a> {
    /// The file being written (for revision authors and dates).
    pub package: &'a Package,
    /// Ids handed out so far.
    pub ids: Ids,
}

impl<'a> StoryWriter<'a> {
    /// Writes body items (paragraphs and tables).
    pub(super) fn items(&mut self, xml: &mut Xml, items: &[BodyItem]) -> io::Result<()> {
        for item in items {
            match item {
                BodyItem::Paragraph(paragraph) => self.paragraph(xml, paragraph, &[])?,
                BodyItem::Table(table) => self.table(xml, table)?,
            }
        }
        Ok(())
    }

    fn revision_attrs(&mut self, revision: usize) -> (String, &'a str, &'a str) {
        let id = self.ids.next().to_string();
        let package: &'a Package = self.package;
        let (author, date) = package.revisions.get(revision).map_or(("Gloss", ""), |r| (r.author.as_str(), r.date.as_str()));
        (id, author, date)
    }

    /// Opens the element of a change (`w:ins`, `w:del`, …) or writes it empty.
    fn change(&mut self, xml: &mut Xml, change: Change, empty: bool) -> io::Result<bool> {
        let Some((name, revision)) = change.element() else { return Ok(false) };
        let (id, author, date) = self.revision_attrs(revision);
        let mut attrs = vec![("w:id", id.as_str()), ("w:author", author)];
        if !date.is_empty() {
            attrs.push(("w:date", date));
        }
        if empty {
            xml.empty(name, &attrs)?;
        } else {
            xml.open(name, &attrs)?;
        }
        Ok(true)
    }

    /// Writes a paragraph; `prefix` runs (a footnote's own mark) come first.
    pub(super) fn paragraph(&mut self, xml: &mut Xml, paragraph: &Paragraph, prefix: &[Inline]) -> io::Result<()> {
        xml.open("w:p", &[])?;
        xml.open("w:pPr", &[])?;
        xml.empty("w:pStyle", &[("w:val", paragraph.style.id())])?;
        if paragraph.mark != Change::None {
            xml.open("w:rPr", &[])?;
            self.change(xml, paragraph.mark, true)?;
            xml.close()?;
        }
        xml.close()?;
        let mut open: Option<Change> = None;
        for inline in prefix.iter().chain(&paragraph.content) {
            let change = match inline {
                Inline::Text { change, .. } | Inline::NoteRef { change, .. } => *change,
                _ => Change::None,
            };
            // Consecutive runs with the same change share one change element.
            if open.is_some_and(|c| c != change || change == Change::None) {
                xml.close()?;
                open = None;
            }
            if open.is_none() && self.change(xml, change, false)? {
                open = Some(change);
            }
            self.inline(xml, inline, change)?;
        }
        if open.is_some() {
            xml.close()?;
        }
        xml.close()
    }

    fn inline(&mut self, xml: &mut Xml, inline: &Inline, change: Change) -> io::Result<()> {
        match inline {
            Inline::Text { text, format, .. } => text_run(xml, text, *format, change.is_deletion()),
            Inline::NoteRef { note, mark, .. } => {
                let id = note.to_string();
                xml.open("w:r", &[])?;
                run_style(xml, "FootnoteReference", Format::default())?;
                match mark {
                    Some(mark) => {
                        xml.empty("w:footnoteReference", &[("w:customMarkFollows", "1"), ("w:id", &id)])?;
                        let name = if change.is_deletion() { "w:delText" } else { "w:t" };
                        xml.text_element(name, &[("xml:space", "preserve")], mark)?;
                    }
                    None => xml.empty("w:footnoteReference", &[("w:id", &id)])?,
                }
                xml.close()
            }
            Inline::NoteMark(mark) => {
                xml.open("w:r", &[])?;
                run_style(xml, "FootnoteReference", Format::default())?;
                match mark {
                    Some(mark) => xml.text_element("w:t", &[("xml:space", "preserve")], mark)?,
                    None => xml.empty("w:footnoteRef", &[])?,
                }
                xml.close()
            }
            Inline::CommentStart(id) => xml.empty("w:commentRangeStart", &[("w:id", &id.to_string())]),
            Inline::CommentEnd(id) => {
                xml.empty("w:commentRangeEnd", &[("w:id", &id.to_string())])?;
                comment_reference(xml, *id)
            }
            Inline::CommentPoint(id) => comment_reference(xml, *id),
            Inline::MoveStart { id, name, to, revision } => {
                let (range, author, date) = self.revision_attrs(*revision);
                self.ids.moves.insert((*id, *to), self.ids.next);
                let element = if *to { "w:moveToRangeStart" } else { "w:moveFromRangeStart" };
                xml.empty(element, &[("w:id", &range), ("w:name", name), ("w:author", author), ("w:date", date)])
            }
            Inline::MoveEnd { id, to } => {
                let range = self.ids.moves.get(&(*id, *to)).copied().unwrap_or_default().to_string();
                xml.empty(if *to { "w:moveToRangeEnd" } else { "w:moveFromRangeEnd" }, &[("w:id", &range)])
            }
        }
    }

    fn table(&mut self, xml: &mut Xml, table: &Table) -> io::Result<()> {
        let total: u32 = table.widths.iter().sum();
        xml.open("w:tbl", &[])?;
        xml.open("w:tblPr", &[])?;
        xml.empty("w:tblW", &[("w:w", &total.to_string()), ("w:type", "dxa")])?;
        xml.open("w:tblBorders", &[])?;
        for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
            xml.empty(side, &[("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "808080")])?;
        }
        xml.close()?;
        xml.empty("w:tblLayout", &[("w:type", "fixed")])?;
        xml.close()?;
        xml.open("w:tblGrid", &[])?;
        for width in &table.widths {
            xml.empty("w:gridCol", &[("w:w", &width.to_string())])?;
        }
        xml.close()?;
        for (index, row) in table.rows.iter().enumerate() {
            let header = table.header && index == 0;
            xml.open("w:tr", &[])?;
            if header {
                xml.open("w:trPr", &[])?;
                xml.empty("w:tblHeader", &[])?;
                xml.close()?;
            }
            for (column, cell) in row.iter().enumerate() {
                let width = table.widths.get(column).copied().unwrap_or(1000).to_string();
                xml.open("w:tc", &[])?;
                xml.open("w:tcPr", &[])?;
                xml.empty("w:tcW", &[("w:w", &width), ("w:type", "dxa")])?;
                if header {
                    xml.empty("w:shd", &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", "E7E6E6")])?;
                }
                xml.close()?;
                // A cell ends with a paragraph, always.
                if cell.is_empty() {
                    self.paragraph(xml, &Paragraph::default(), &[])?;
                }
                for paragraph in cell {
                    self.paragraph(xml, paragraph, &[])?;
                }
                xml.close()?;
            }
            xml.close()?;
        }
        xml.close()
    }
}

fn run_style(xml: &mut Xml, style: &str, format: Format) -> io::Result<()> {
    xml.open("w:rPr", &[])?;
    if !style.is_empty() {
        xml.empty("w:rStyle", &[("w:val", style)])?;
    }
    if format.bold {
        xml.empty("w:b", &[])?;
    }
    if format.italic {
        xml.empty("w:i", &[])?;
    }
    xml.close()
}

/// A run of text; tabs become `w:tab`, line feeds `w:br`.
fn text_run(xml: &mut Xml, text: &str, format: Format, deleted: bool) -> io::Result<()> {
    xml.open("w:r", &[])?;
    if format != Format::default() {
        run_style(xml, "", format)?;
    }
    let name = if deleted { "w:delText" } else { "w:t" };
    let mut rest = text;
    while !rest.is_empty() {
        let cut = rest.find(['\t', '\n']).unwrap_or(rest.len());
        if cut > 0 {
            xml.text_element(name, &[("xml:space", "preserve")], &rest[..cut])?;
        }
        match rest[cut..].chars().next() {
            Some('\t') => xml.empty("w:tab", &[])?,
            Some(_) => xml.empty("w:br", &[])?,
            None => {}
        }
        rest = rest.get(cut + 1..).unwrap_or("");
    }
    xml.close()
}

fn comment_reference(xml: &mut Xml, id: u32) -> io::Result<()> {
    xml.open("w:r", &[])?;
    run_style(xml, "CommentReference", Format::default())?;
    xml.empty("w:commentReference", &[("w:id", &id.to_string())])?;
    xml.close()
}
