//! A collection of documents with look-ups and case-insensitive search.

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

/// Several open documents.
#[derive(Clone, Debug, Default)]
pub struct Store {
    documents: Vec<Document>,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document (replacing one with the same id) and returns its id.
    pub fn insert(&mut self, document: Document) -> DocumentId {
        let id = document.id.clone();
        match self.documents.iter_mut().find(|d| d.id == id) {
            Some(existing) => *existing = document,
            None => self.documents.push(document),
        }
        id
    }

    /// The document with this id.
    pub fn get(&self, id: &DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| &d.id == id)
    }

    /// All documents in insertion order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// A block of a document by its label (`12`, `12.`, `a)`).
    pub fn block_by_label(&self, id: &DocumentId, label: &str) -> Option<(usize, &super::Block)> {
        let doc = self.get(id)?;
        let index = doc.block_by_label(label)?;
        Some((index, &doc.blocks[index]))
    }

    /// Case-insensitive search (Cyrillic-aware, `ё` = `е`) in every document.
    pub fn search(&self, query: &str) -> Vec<SearchHit> {
        self.documents.iter().flat_map(|doc| search_document(doc, query)).collect()
    }
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
        .unwrap();
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
