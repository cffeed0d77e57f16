//! `word/styles.xml`: document defaults (font, size, language) and the few styles Gloss uses:
//! Normal, Title, Heading 1–6 (with outline levels, so Word's navigation pane lists them),
//! hanging indents for labelled paragraphs, footnote and comment text.

use super::xml::{NS_R, NS_W, Xml};
use std::io;

/// One style's definition.
#[derive(Clone, Copy, Default)]
struct Spec {
    character: bool,
    id: &'static str,
    name: &'static str,
    based_on: Option<&'static str>,
    outline: Option<u8>,
    keep_next: bool,
    /// Space before and after, in twentieths of a point.
    spacing: Option<(u32, u32)>,
    /// Left indent and hanging indent.
    indent: Option<(u32, u32)>,
    centred: bool,
    bold: bool,
    /// Half-points.
    size: Option<u32>,
    superscript: bool,
}

fn specs() -> Vec<Spec> {
    let para = |id, name| Spec { id, name, based_on: Some("Normal"), ..Spec::default() };
    let hanging = |id, name, left| Spec { indent: Some((left, 567)), ..para(id, name) };
    let mut specs = vec![
        Spec { id: "Normal", name: "Normal", ..Spec::default() },
        Spec { centred: true, bold: true, size: Some(28), spacing: Some((0, 240)), ..para("Title", "Title") },
    ];
    let headings = [("Heading1", "heading 1"), ("Heading2", "heading 2"), ("Heading3", "heading 3")].into_iter().chain([
        ("Heading4", "heading 4"),
        ("Heading5", "heading 5"),
        ("Heading6", "heading 6"),
    ]);
    for (level, (id, name)) in headings.enumerate() {
        let size = [28, 26, 24, 24, 24, 24][level];
        specs.push(Spec {
            outline: Some(level as u8),
            keep_next: true,
            spacing: Some((240, 120)),
            bold: true,
            size: Some(size),
            ..para(id, name)
        });
    }
    specs.extend([
        hanging("GlossNumbered", "Numbered Paragraph", 567),
        hanging("GlossSub1", "Sub-paragraph 1", 1134),
        hanging("GlossSub2", "Sub-paragraph 2", 1701),
        hanging("GlossSub3", "Sub-paragraph 3", 2268),
        hanging("GlossBullet", "Bullet Item", 1134),
        Spec { spacing: Some((0, 0)), size: Some(20), ..para("FootnoteText", "footnote text") },
        Spec { character: true, superscript: true, ..para("FootnoteReference", "footnote reference") },
        Spec { spacing: Some((0, 0)), size: Some(20), ..para("CommentText", "annotation text") },
        Spec { character: true, size: Some(16), ..para("CommentReference", "annotation reference") },
        Spec { spacing: Some((0, 60)), ..para("GlossTableText", "Table Text") },
    ]);
    for spec in &mut specs {
        if spec.character {
            spec.based_on = None;
        }
    }
    specs
}

/// The styles part, with `lang` as the default language of the text.
pub(super) fn styles(lang: &str) -> io::Result<Vec<u8>> {
    let mut xml = Xml::new()?;
    xml.open("w:styles", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)])?;
    xml.open("w:docDefaults", &[])?;
    xml.open("w:rPrDefault", &[])?;
    xml.open("w:rPr", &[])?;
    let font = "Times New Roman";
    xml.empty("w:rFonts", &[("w:ascii", font), ("w:hAnsi", font), ("w:eastAsia", font), ("w:cs", font)])?;
    xml.empty("w:sz", &[("w:val", "24")])?;
    xml.empty("w:szCs", &[("w:val", "24")])?;
    if !lang.is_empty() {
        xml.empty("w:lang", &[("w:val", lang), ("w:bidi", lang)])?;
    }
    xml.close()?;
    xml.close()?;
    xml.open("w:pPrDefault", &[])?;
    xml.open("w:pPr", &[])?;
    xml.empty("w:spacing", &[("w:after", "120"), ("w:line", "240"), ("w:lineRule", "auto")])?;
    xml.close()?;
    xml.close()?;
    xml.close()?;
    for spec in specs() {
        style(&mut xml, &spec)?;
    }
    table_normal(&mut xml)?;
    xml.finish()
}

fn style(xml: &mut Xml, spec: &Spec) -> io::Result<()> {
    let mut attrs = vec![("w:type", if spec.character { "character" } else { "paragraph" })];
    if spec.id == "Normal" {
        attrs.push(("w:default", "1"));
    }
    attrs.push(("w:styleId", spec.id));
    xml.open("w:style", &attrs)?;
    xml.empty("w:name", &[("w:val", spec.name)])?;
    if let Some(base) = spec.based_on {
        xml.empty("w:basedOn", &[("w:val", base)])?;
    }
    if spec.outline.is_some() {
        xml.empty("w:next", &[("w:val", "Normal")])?;
    }
    xml.empty("w:qFormat", &[])?;
    let has_ppr = spec.keep_next || spec.spacing.is_some() || spec.indent.is_some() || spec.centred || spec.outline.is_some();
    if has_ppr && !spec.character {
        xml.open("w:pPr", &[])?;
        if spec.keep_next {
            xml.empty("w:keepNext", &[])?;
        }
        if let Some((before, after)) = spec.spacing {
            xml.empty("w:spacing", &[("w:before", &before.to_string()), ("w:after", &after.to_string())])?;
        }
        if let Some((left, hanging)) = spec.indent {
            xml.empty("w:ind", &[("w:left", &left.to_string()), ("w:hanging", &hanging.to_string())])?;
        }
        if spec.centred {
            xml.empty("w:jc", &[("w:val", "center")])?;
        }
        if let Some(level) = spec.outline {
            xml.empty("w:outlineLvl", &[("w:val", &level.to_string())])?;
        }
        xml.close()?;
    }
    if spec.bold || spec.size.is_some() || spec.superscript {
        xml.open("w:rPr", &[])?;
        if spec.bold {
            xml.empty("w:b", &[])?;
        }
        if let Some(size) = spec.size {
            xml.empty("w:sz", &[("w:val", &size.to_string())])?;
            xml.empty("w:szCs", &[("w:val", &size.to_string())])?;
        }
        if spec.superscript {
            xml.empty("w:vertAlign", &[("w:val", "superscript")])?;
        }
        xml.close()?;
    }
    xml.close()
}

/// Word's default table style, which every file that has tables is expected to define.
fn table_normal(xml: &mut Xml) -> io::Result<()> {
    xml.open("w:style", &[("w:type", "table"), ("w:default", "1"), ("w:styleId", "TableNormal")])?;
    xml.empty("w:name", &[("w:val", "Normal Table")])?;
    xml.empty("w:uiPriority", &[("w:val", "99")])?;
    xml.empty("w:semiHidden", &[])?;
    xml.empty("w:unhideWhenUsed", &[])?;
    xml.open("w:tblPr", &[])?;
    xml.empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")])?;
    xml.open("w:tblCellMar", &[])?;
    for (side, width) in [("w:top", "0"), ("w:left", "108"), ("w:bottom", "0"), ("w:right", "108")] {
        xml.empty(side, &[("w:w", width), ("w:type", "dxa")])?;
    }
    xml.close()?;
    xml.close()?;
    xml.close()
}
