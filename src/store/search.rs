//! Case-insensitive search in documents.

#[cfg(test)]
use super::Store;
use super::{CharRange, Document, DocumentId};
use crate::text::fold;

/// A search match: which document and block, and where in the block text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    /// The document searched.
    pub document: DocumentId,
    /// Index of the block in `Document::blocks`.
    pub block: usize,
    /// Where the match lies in the block text.
    pub char_range: CharRange,
}

/// Case-insensitive search in one document's blocks, in reading order.
pub fn search_document(doc: &Document, query: &str) -> Vec<SearchHit> {
    let needle = fold(query.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        let hay = fold(&block.text);
        let mut start = 0;
        while start + needle.len() <= hay.len() {
            if hay[start..start + needle.len()] == needle[..] {
                hits.push(SearchHit { document: doc.id.clone(), block: index, char_range: CharRange::new(start, start + needle.len()) });
                start += needle.len();
            } else {
                start += 1;
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, document_from_bytes};

    #[test]
    fn search_is_case_insensitive_and_cyrillic_aware() {
        let doc = document_from_bytes(
            "t.txt",
            "1. Ёлки и ЕЛКИ растут.\n2. Ничего здесь нет о лесе, только елка.\n".as_bytes(),
            IngestOptions::default(),
        )
        .expect("reads");
        let mut store = Store::new();
        let id = store.insert(doc);
        let hits = store.search("елки");
        let found: Vec<(usize, CharRange)> = hits.iter().map(|h| (h.block, h.char_range)).collect();
        assert_eq!(found, vec![(0, CharRange::new(0, 4)), (0, CharRange::new(7, 11))]);
        assert_eq!(store.search("ЕЛКА").len(), 1);
        assert!(store.search("  ").is_empty());
        assert_eq!(store.block_by_label(&id, "2").map(|(i, _)| i), Some(1));
        assert!(store.get(&id).is_some());
    }
}
