//! Checks of written Word files against the parts of the OOXML schema they use: every XML part
//! well formed, children in the order the schema's sequences require (the order Word insists
//! on), text of deletions as `w:delText`, and ids that pair up.
#![allow(dead_code)]

use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

/// Child order of the elements written, from ECMA-376 Part 1 (transitional); `*` stands for
/// any other child, at that place in the order.
const ORDER: &[(&str, &[&str])] = &[
    ("w:body", &["*", "w:sectPr"]),
    ("w:p", &["w:pPr", "*"]),
    ("w:r", &["w:rPr", "*"]),
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ],
    ),
    ("w:tbl", &["w:tblPr", "w:tblGrid", "*"]),
    ("w:tr", &["w:tblPrEx", "w:trPr", "*"]),
    ("w:tc", &["w:tcPr", "*"]),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
    ),
    ("w:tblBorders", &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV"]),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    ("w:styles", &["w:docDefaults", "w:latentStyles", "w:style"]),
    ("w:docDefaults", &["w:rPrDefault", "w:pPrDefault"]),
    (
        "w:settings",
        &[
            "w:writeProtection",
            "w:view",
            "w:zoom",
            "w:removePersonalInformation",
            "w:removeDateAndTime",
            "w:proofState",
            "w:attachedTemplate",
            "w:documentType",
            "w:revisionView",
            "w:trackRevisions",
            "w:doNotTrackMoves",
            "w:doNotTrackFormatting",
            "w:documentProtection",
            "w:defaultTabStop",
            "w:autoHyphenation",
            "w:characterSpacingControl",
            "w:footnotePr",
            "w:endnotePr",
            "w:compat",
            "w:docVars",
            "w:rsids",
            "w:themeFontLang",
            "w:decimalSymbol",
            "w:listSeparator",
        ],
    ),
    ("w:footnotePr", &["w:pos", "w:numFmt", "w:numStart", "w:numRestart", "w:footnote"]),
];

/// The parts of a package, by name.
pub fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut out = BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("entry");
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("UTF-8 part");
        let name = entry.name().expect("entry name").to_string();
        out.insert(name, text);
    }
    out
}

/// Checks one XML part: well formed, children in schema order, deletions as `w:delText`.
/// Returns the attribute values seen per element and attribute (`w:commentRangeStart/w:id`).
pub fn check_part(name: &str, xml: &str) -> BTreeMap<String, Vec<String>> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut attrs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut roots = 0;
    loop {
        let event = reader.read_event().unwrap_or_else(|e| panic!("{name}: not well formed at {}: {e}", reader.error_position()));
        let (start, empty) = match &event {
            Event::Start(start) => (start.clone(), false),
            Event::Empty(start) => (start.clone(), true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let element = start.name().as_ref().to_string();
        for attr in start.attributes() {
            let attr = attr.unwrap_or_else(|e| panic!("{name}: bad attribute on {element}: {e}"));
            let key = attr.key.as_ref().to_string();
            let value = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("attribute decodes").to_string();
            attrs.entry(format!("{element}/{key}")).or_default().push(value);
        }
        if stack.is_empty() {
            roots += 1;
        }
        if let Some((parent, last_rank)) = stack.last_mut() {
            check_child(name, parent, last_rank, &element);
            if element == "w:t" || element == "w:delText" {
                let in_deletion = stack.iter().any(|(e, _)| e == "w:del");
                assert_eq!(
                    element == "w:delText",
                    in_deletion,
                    "{name}: {element} {} a deletion",
                    if in_deletion { "in" } else { "outside" }
                );
            }
        }
        if !empty {
            stack.push((element, 0));
        }
    }
    assert_eq!(roots, 1, "{name}: one root element");
    attrs
}

fn check_child(part: &str, parent: &str, last_rank: &mut usize, child: &str) {
    let Some((_, order)) = ORDER.iter().find(|(p, _)| *p == parent) else { return };
    let rank = order
        .iter()
        .position(|c| *c == child)
        .or_else(|| order.iter().position(|c| *c == "*"))
        .unwrap_or_else(|| panic!("{part}: <{child}> is not allowed in <{parent}> (or not expected by Gloss)"));
    assert!(rank >= *last_rank, "{part}: <{child}> comes too late in <{parent}> (schema order: {order:?})");
    *last_rank = rank;
}

/// Checks every XML part of a package and the ids that must pair: comment ranges and
/// comments, move ranges by name, unique revision ids.
pub fn check_package(bytes: &[u8]) -> BTreeMap<String, String> {
    let parts = parts(bytes);
    for required in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml"] {
        assert!(parts.contains_key(required), "{required} is in the package");
    }
    let mut all: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, xml) in &parts {
        for (key, values) in check_part(name, xml) {
            all.entry(key).or_default().extend(values);
        }
    }
    let set = |key: &str| all.get(key).cloned().unwrap_or_default().into_iter().collect::<BTreeSet<_>>();
    assert_eq!(set("w:commentRangeStart/w:id"), set("w:commentRangeEnd/w:id"), "comment ranges close");
    assert!(set("w:commentReference/w:id").is_subset(&set("w:comment/w:id")), "every comment referred to exists");
    assert_eq!(set("w:moveFromRangeStart/w:name"), set("w:moveToRangeStart/w:name"), "moves pair by name");
    assert_eq!(set("w:moveFromRangeStart/w:id"), set("w:moveFromRangeEnd/w:id"), "move ranges close");
    let mut revision_ids: Vec<String> =
        ["w:ins/w:id", "w:del/w:id", "w:moveFrom/w:id", "w:moveTo/w:id", "w:moveFromRangeStart/w:id", "w:moveToRangeStart/w:id"]
            .iter()
            .flat_map(|k| all.get(*k).cloned().unwrap_or_default())
            .collect();
    let count = revision_ids.len();
    revision_ids.sort();
    revision_ids.dedup();
    assert_eq!(revision_ids.len(), count, "revision ids are unique");
    let references: BTreeSet<String> = set("w:footnoteReference/w:id");
    let notes: BTreeSet<String> = set("w:footnote/w:id");
    assert!(references.is_subset(&notes), "every footnote referred to exists");
    parts
}
