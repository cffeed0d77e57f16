//! Paragraph styles (`styles.xml`): what a paragraph inherits through `w:basedOn` — its outline
//! level (heading or not) and its list numbering.

use super::DocxError;
use super::xml::{Node, PartReader, attr, attr_number, local};
use rustc_hash::FxHashMap;

/// Longest `w:basedOn` chain followed; a longer one is a loop.
const MAX_INHERITANCE: usize = 32;

/// A list reference: which numbering instance and which level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct NumPr {
    /// `w:numId`; 0 removes the numbering.
    pub num_id: Option<u32>,
    /// `w:ilvl`.
    pub ilvl: Option<u8>,
}

/// One style as written.
#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    num_pr: Option<NumPr>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: FxHashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    /// Reads `styles.xml`.
    pub(super) fn parse(part: &str, xml: &str) -> Result<Self, DocxError> {
        let mut reader = PartReader::new(part, xml);
        let mut out = Styles::default();
        loop {
            match reader.next()? {
                Node::Open(start) if local(&start) == "style" => {
                    let paragraph = attr(&start, "type").is_none_or(|t| t == "paragraph");
                    let id = attr(&start, "styleId").unwrap_or_default();
                    let is_default = attr(&start, "default").is_some_and(|v| v == "1" || v == "true");
                    let style = read_style(&mut reader)?;
                    if paragraph {
                        if is_default {
                            out.default_paragraph = Some(id.clone());
                        }
                        out.styles.insert(id, style);
                    }
                }
                Node::End => break,
                _ => {}
            }
        }
        Ok(out)
    }

    /// The style applied to a paragraph: its own, else the document's default paragraph style.
    fn effective<'s>(&'s self, style_id: Option<&'s str>) -> Option<&'s str> {
        style_id.or(self.default_paragraph.as_deref())
    }

    /// The chain of styles from `style_id` up through `w:basedOn`.
    fn chain<'s>(&'s self, style_id: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = self.effective(style_id);
        std::iter::from_fn(move || {
            let style = self.styles.get(next?)?;
            next = style.based_on.as_deref();
            Some(style)
        })
        .take(MAX_INHERITANCE)
    }

    /// The heading level (1 = top) a paragraph of this style has: an outline level set in the
    /// style or a style it is based on, or a built-in heading / title style name.
    pub(super) fn heading_level(&self, style_id: Option<&str>) -> Option<u8> {
        for style in self.chain(style_id) {
            if let Some(level) = style.outline_level {
                // Outline level 9 is body text.
                return (level < 9).then_some(level + 1);
            }
            if let Some(level) = heading_name_level(&style.name) {
                return Some(level);
            }
        }
        None
    }

    /// The list numbering a paragraph of this style gets, merged up the `w:basedOn` chain
    /// (the nearest style that names a `w:numId` or `w:ilvl` wins for that field).
    pub(super) fn num_pr(&self, style_id: Option<&str>) -> Option<NumPr> {
        let mut merged = NumPr::default();
        for style in self.chain(style_id) {
            if let Some(num) = style.num_pr {
                merged.num_id = merged.num_id.or(num.num_id);
                merged.ilvl = merged.ilvl.or(num.ilvl);
            }
        }
        merged.num_id.is_some().then_some(merged)
    }

    /// The id of the style whose name or id is `name` (`Heading 1`, `heading1`).
    #[cfg(test)]
    pub(super) fn contains(&self, style_id: &str) -> bool {
        self.styles.contains_key(style_id)
    }
}

/// `heading 1`…`heading 9` and `Title` (the names are the built-in ones, whatever the UI language).
fn heading_name_level(name: &str) -> Option<u8> {
    let name = name.trim().to_ascii_lowercase();
    if name == "title" {
        return Some(1);
    }
    let digits = name.strip_prefix("heading")?.trim();
    digits.parse::<u8>().ok().filter(|n| (1..=9).contains(n))
}

/// Reads the inside of a `w:style` element.
fn read_style(reader: &mut PartReader<'_>) -> Result<Style, DocxError> {
    let base = reader.depth() - 1;
    let mut style = Style::default();
    while let Some(start) = reader.child(base)? {
        match local(&start) {
            "name" => style.name = attr(&start, "val").unwrap_or_default(),
            "basedOn" => style.based_on = attr(&start, "val"),
            "outlineLvl" => style.outline_level = attr_number(&start, "val"),
            "numPr" => style.num_pr = Some(read_num_pr(reader)?),
            // Old formatting kept for change tracking, and run formatting: nothing of interest.
            "pPrChange" | "rPrChange" | "rPr" | "tblPr" | "tcPr" | "trPr" | "tblStylePr" => reader.skip_element()?,
            _ => {}
        }
    }
    Ok(style)
}

/// Reads the inside of a `w:numPr` element (in a style or a paragraph).
pub(super) fn read_num_pr(reader: &mut PartReader<'_>) -> Result<NumPr, DocxError> {
    let base = reader.depth() - 1;
    let mut num = NumPr::default();
    while let Some(start) = reader.child(base)? {
        match local(&start) {
            "numId" => num.num_id = attr_number(&start, "val"),
            "ilvl" => num.ilvl = attr_number(&start, "val"),
            // `w:ins` (a numbering change) and `w:numberingChange` hold nothing to read.
            _ => reader.skip_element()?,
        }
    }
    Ok(num)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="HCh"><w:name w:val="HCh"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="HChRed"><w:name w:val="HCh red"/><w:basedOn w:val="HCh"/></w:style>
        <w:style w:type="paragraph" w:styleId="List"><w:name w:val="List"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="List2"><w:name w:val="List 2"/><w:basedOn w:val="List"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
        <w:style w:type="character" w:styleId="Strong"><w:name w:val="heading 1"/></w:style>
    </w:styles>"#;

    #[test]
    fn levels_and_numbering_are_inherited() {
        let styles = Styles::parse("styles.xml", STYLES).unwrap();
        assert_eq!(styles.heading_level(Some("Heading2")), Some(2));
        assert_eq!(styles.heading_level(Some("HChRed")), Some(1));
        assert_eq!(styles.heading_level(None), None);
        assert_eq!(styles.heading_level(Some("Loop")), None);
        assert!(!styles.contains("Strong"));
        assert_eq!(styles.num_pr(Some("List2")), Some(NumPr { num_id: Some(7), ilvl: Some(1) }));
        assert_eq!(styles.num_pr(Some("Normal")), None);
    }
}
