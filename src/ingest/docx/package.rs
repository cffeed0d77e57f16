//! The zip package: finding parts through the relationships and reading them within limits,
//! so that a hostile archive (a zip bomb, millions of entries) is refused before it costs
//! memory or time.

use super::DocxError;
use super::xml::{Node, PartReader, attr, local, part_text};
use std::io::{Cursor, Read};

/// Most entries an archive may list.
pub(super) const MAX_ENTRIES: usize = 10_000;
/// Most bytes one part may decompress to.
pub(super) const MAX_PART_BYTES: u64 = 200 * 1024 * 1024;
/// Most bytes all parts read may decompress to together.
pub(super) const MAX_TOTAL_BYTES: u64 = 500 * 1024 * 1024;
/// Highest compression ratio accepted for a part past [`RATIO_CHECK_FROM`] bytes: text XML
/// compresses 5–20:1, a zip bomb thousands to one.
pub(super) const MAX_RATIO: u64 = 200;
/// Parts smaller than this are never refused for their ratio (a run of spaces compresses well).
pub(super) const RATIO_CHECK_FROM: u64 = 1024 * 1024;

/// Largest first allocation for a part, whatever size its entry declares.
const CAPACITY_HINT_LIMIT: u64 = 16 * 1024 * 1024;

/// The main document's relationship type, and the part types read beside it.
const REL_OFFICE_DOCUMENT: &str = "officeDocument";

/// An opened Word package.
pub(super) struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes decompressed so far.
    total: u64,
}

/// The parts a Word body refers to, as paths inside the archive.
#[derive(Debug, Default)]
pub(super) struct PartNames {
    /// `word/document.xml` or wherever the package relationship points.
    pub document: String,
    /// Styles.
    pub styles: Option<String>,
    /// List definitions.
    pub numbering: Option<String>,
    /// Footnotes.
    pub footnotes: Option<String>,
    /// Endnotes.
    pub endnotes: Option<String>,
    /// Comments.
    pub comments: Option<String>,
}

impl<'a> Package<'a> {
    /// Opens the archive and checks its entry count.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self, DocxError> {
        // Every central directory entry starts with this signature: counting them bounds the
        // directory before the zip reader builds its index of it (a zip64 directory could
        // claim millions of entries).
        let listed = bytes.windows(4).filter(|w| *w == b"PK\x01\x02").count();
        if listed > MAX_ENTRIES {
            return Err(DocxError::TooManyEntries { count: listed, limit: MAX_ENTRIES });
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
        if archive.len() > MAX_ENTRIES {
            return Err(DocxError::TooManyEntries { count: archive.len(), limit: MAX_ENTRIES });
        }
        Ok(Self { archive, total: 0 })
    }

    /// Reads a part as text, or `None` when the archive has no such entry. Names are matched
    /// without regard to case, as the packaging conventions require.
    pub(super) fn read_text(&mut self, name: &str) -> Result<Option<String>, DocxError> {
        let Some(index) = self.index_of(name) else { return Ok(None) };
        let mut entry = self.archive.by_index(index).map_err(|e| DocxError::BadPart { part: name.to_string(), message: e.to_string() })?;
        let compressed = entry.compressed_size();
        let remaining = MAX_TOTAL_BYTES.saturating_sub(self.total);
        let limit = MAX_PART_BYTES.min(remaining);
        // The declared size may lie: read at most one byte past the limit and check what came.
        // The declared size is only a hint for the first allocation, capped.
        let mut bytes = Vec::with_capacity(entry.size().min(limit).min(CAPACITY_HINT_LIMIT) as usize);
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| DocxError::BadPart { part: name.to_string(), message: e.to_string() })?;
        let size = bytes.len() as u64;
        if size > limit {
            return Err(DocxError::TooLarge { part: name.to_string(), limit });
        }
        if size >= RATIO_CHECK_FROM && size > compressed.saturating_mul(MAX_RATIO) {
            return Err(DocxError::ZipBomb { part: name.to_string(), compressed, size });
        }
        self.total += size;
        part_text(name, bytes).map(Some)
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        self.archive.index_for_name(name).or_else(|| {
            (0..self.archive.len())
                .find(|&i| self.archive.name_for_index(i).and_then(Result::ok).is_some_and(|n| n.eq_ignore_ascii_case(name)))
        })
    }

    /// Finds the main document and the parts it relates to.
    pub(super) fn part_names(&mut self) -> Result<PartNames, DocxError> {
        let document = match self.read_text("_rels/.rels")? {
            Some(rels) => relationships("_rels/.rels", &rels, "")?
                .into_iter()
                .find(|(kind, _)| kind == REL_OFFICE_DOCUMENT)
                .map(|(_, target)| target)
                .unwrap_or_else(|| "word/document.xml".to_string()),
            None => "word/document.xml".to_string(),
        };
        if self.index_of(&document).is_none() {
            return Err(DocxError::NoDocument);
        }
        let folder = document.rsplit_once('/').map_or("", |(folder, _)| folder).to_string();
        let file = document.rsplit('/').next().unwrap_or(&document).to_string();
        let rels_name = if folder.is_empty() { format!("_rels/{file}.rels") } else { format!("{folder}/_rels/{file}.rels") };
        let mut names = PartNames { document, ..PartNames::default() };
        match self.read_text(&rels_name)? {
            Some(rels) => {
                for (kind, target) in relationships(&rels_name, &rels, &folder)? {
                    let slot = match kind.as_str() {
                        "styles" => &mut names.styles,
                        "numbering" => &mut names.numbering,
                        "footnotes" => &mut names.footnotes,
                        "endnotes" => &mut names.endnotes,
                        "comments" => &mut names.comments,
                        _ => continue,
                    };
                    slot.get_or_insert(target);
                }
            }
            None => {
                // No relationships part: Word's usual names.
                let at = |file: &str| if folder.is_empty() { file.to_string() } else { format!("{folder}/{file}") };
                names.styles = Some(at("styles.xml"));
                names.numbering = Some(at("numbering.xml"));
                names.footnotes = Some(at("footnotes.xml"));
                names.endnotes = Some(at("endnotes.xml"));
                names.comments = Some(at("comments.xml"));
            }
        }
        Ok(names)
    }
}

/// `(type, target)` of each internal relationship; the type is the last segment of its URI
/// (`styles`), the target a path resolved against `folder`.
fn relationships(part: &str, xml: &str, folder: &str) -> Result<Vec<(String, String)>, DocxError> {
    let mut reader = PartReader::new(part, xml);
    let mut out = Vec::new();
    loop {
        match reader.next()? {
            Node::Open(start) if local(&start) == "Relationship" => {
                if attr(&start, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")) {
                    continue;
                }
                let (Some(kind), Some(target)) = (attr(&start, "Type"), attr(&start, "Target")) else { continue };
                let kind = kind.rsplit('/').next().unwrap_or(&kind).to_string();
                out.push((kind, resolve_target(folder, &target)));
            }
            Node::End => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A relationship target resolved against the source part's folder (`../x`, `/word/x`).
fn resolve_target(folder: &str, target: &str) -> String {
    let mut segments: Vec<&str> = if target.starts_with('/') { Vec::new() } else { folder.split('/').filter(|s| !s.is_empty()).collect() };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_folder() {
        assert_eq!(resolve_target("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("word", "/word/x.xml"), "word/x.xml");
        assert_eq!(resolve_target("word/sub", "../y.xml"), "word/y.xml");
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
    }
}
